//! A story's headline: the title of its articles that best says what it is about, else such a
//! sentence of its digest.

use super::DigestSentence;
use crate::read::Article;
use crate::{select, stories};

/// The article title that best says what the story is about ([`stories::best_title`]), else
/// such a digest sentence.
pub(super) fn headline(
    members: &[usize],
    articles: &[Article],
    sentences: &[DigestSentence],
) -> String {
    let titles: Vec<&str> = members
        .iter()
        .filter_map(|&a| stories::headline(&articles[a]))
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

    /// Regression: without titles, the headline was the digest's first sentence in reading
    /// order, often a detail ("Turkey has never conducted wargames along the Syrian border.").
    #[test]
    fn without_titles_the_headline_is_the_lead_the_digest_shares_most() {
        let at = |text: &str, position: usize| DigestSentence {
            text: text.into(),
            source: crate::pipeline::Source {
                id: "a.txt".into(),
                title: None,
                url: None,
                outlet: None,
            },
            position,
            also_in: Vec::new(),
            cluster: None,
            cluster_size: 1,
            cluster_articles: 1,
            score: 1.0,
        };
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
