//! A story's headline: the title of its articles that best says what it is about, else such a
//! sentence of its digest.

use super::DigestSentence;
use crate::read::Article;
use crate::{select, stories};
use rustc_hash::FxHashSet;

/// The article title that best says what the story is about ([`stories::best_title`]), else
/// such a digest sentence.
pub(super) fn headline(
    members: &[usize],
    articles: &[Article],
    sentences: &[DigestSentence],
) -> String {
    let titled: Vec<(usize, &str)> = members
        .iter()
        .filter_map(|&a| stories::headline(&articles[a]).map(|t| (a, t)))
        .collect();
    let cited: FxHashSet<&str> = sentences
        .iter()
        .flat_map(|s| std::iter::once(&s.source).chain(&s.also_in))
        .map(|source| source.id.as_str())
        .collect();
    // A title speaks for the story when its article is quoted in the digest or another title
    // shares a word with it. One titled stray among untitled articles is neither: a 2005 BBC
    // title headed a 1998 story of eleven untitled wire reports it had been grouped with.
    let echoed = stories::echoed(&titled.iter().map(|&(_, t)| t).collect::<Vec<_>>());
    let titles: Vec<&str> = titled
        .iter()
        .zip(echoed)
        .filter(|&(&(a, _), echoed)| echoed || cited.contains(articles[a].id.as_str()))
        .map(|(&(_, t), _)| t)
        .collect();
    let context: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
    stories::best_title(&titles, &context)
        .map(|i| titles[i].to_string())
        .or_else(|| headline_sentence(sentences))
        .unwrap_or_default()
}

/// Without titles, the digest sentence that says what the story is about: of the articles'
/// first sentences among them (news states its gist first), else of all, the one whose words
/// the others share most; one that reads on its own ("But his aides…" does not) if any does.
fn headline_sentence(sentences: &[DigestSentence]) -> Option<String> {
    let all: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
    let pool = |leads_only: bool, standalone: bool| -> Vec<&str> {
        sentences
            .iter()
            .filter(|s| !leads_only || s.position == 0)
            .filter(|s| !standalone || !select::opens_with_back_reference(&s.text))
            .map(|s| s.text.as_str())
            .collect()
    };
    let pool = [(true, true), (false, true), (true, false), (false, false)]
        .into_iter()
        .map(|(leads, standalone)| pool(leads, standalone))
        .find(|p| !p.is_empty())?;
    stories::best_title(&pool, &all).map(|i| pool[i].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(id: &str, text: &str, position: usize) -> DigestSentence {
        DigestSentence::of_test(text, id, position)
    }

    /// Regression (probe 16): a story of eleven untitled 1998 wire reports on a beatification,
    /// with one 2005 BBC article grouped in, was headed by that article's title "Cardinal
    /// criticises Iraq war cost", which nothing under it was about.
    #[test]
    fn a_lone_titled_stray_headed_a_story_of_untitled_articles() {
        let untitled = |id: &str| Article {
            id: id.into(),
            text: "ZAGREB, Croatia (AP) _ Pope John Paul II beatified Cardinal Alojzije Stepinac \
                   on Saturday before a crowd of 400,000 at a shrine near Zagreb, officials said."
                .into(),
            ..Default::default()
        };
        let stray = Article {
            id: "bbc/politics/101.txt".into(),
            title: Some("Cardinal criticises Iraq war cost".into()),
            text: "The cost of the Iraq war was criticised by a cardinal on Sunday.".into(),
            ..Default::default()
        };
        let articles = [untitled("a.txt"), untitled("b.txt"), stray];
        let lead = "Pope John Paul II beatified Cardinal Alojzije Stepinac on Saturday.";
        let digest = [from("a.txt", lead, 0), from("b.txt", "Crowds gathered.", 3)];
        assert_eq!(headline(&[0, 1, 2], &articles, &digest), lead);
        // Quoted in the digest, the titled article speaks for the story.
        let quoted = [from("bbc/politics/101.txt", lead, 0)];
        assert_eq!(
            headline(&[0, 1, 2], &articles, &quoted),
            "Cardinal criticises Iraq war cost"
        );
    }

    /// Regression: without titles, the headline was the digest's first sentence in reading
    /// order, often a detail ("Turkey has never conducted wargames along the Syrian border.").
    #[test]
    fn without_titles_the_headline_is_the_lead_the_digest_shares_most() {
        let at = |text: &str, position: usize| from("a.txt", text, position);
        let digest = [
            at(
                "Turkey has never conducted wargames along the Syrian border.",
                7,
            ),
            at(
                "Mubarak flew to Damascus to defuse the tension between Turkey and Syria.",
                0,
            ),
            at(
                "Turkey accuses Syria of sheltering Kurdish rebels near the border.",
                3,
            ),
        ];
        assert_eq!(
            headline_sentence(&digest).as_deref(),
            Some("Mubarak flew to Damascus to defuse the tension between Turkey and Syria.")
        );
        assert_eq!(headline_sentence(&[]), None);
        // Regression: a lead that leans on what came before ("But his aides…") was the
        // headline of a duc2003 story.
        let digest = [
            at("But his aides said the attack had helped Netanyahu.", 0),
            at("A car bomb exploded in a Jerusalem market on Friday.", 4),
        ];
        assert_eq!(
            headline_sentence(&digest).as_deref(),
            Some("A car bomb exploded in a Jerusalem market on Friday.")
        );
    }
}
