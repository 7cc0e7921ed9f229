//! cite: how a digest names its sources for a reader — the outlet, else the article's title
//! (a plain-text article's headline line), else its file name; never a path of the machine the
//! digest was made on, and never a character that would break a Markdown list or an HTML line.

use crate::stdio::printable;
use std::path::Path;

/// Lines of a plain-text article looked at for its headline (scraped files often start with a
/// few lines of page chrome: "News Feed", "Share", an error banner).
const HEAD_LINES: usize = 8;

/// Words of the sentence after a short first line that make that line a headline: a wire
/// brief's one sentence has 10 to 15 ("The Law Lords ruled 3-2 that Pinochet can be extradited
/// to Spain.", 12, left "Pinochet loses immunity appeal" untitled at more than 12).
const PROSE_WORDS: usize = 8;

/// The headline of a plain-text article: among its first lines, before its first paragraph of
/// prose, the first that reads like a headline (5 to 30 words, not ending like a sentence); a
/// shorter first line (3 or 4 words, "Broadband fuels online change") when prose follows it.
pub fn headline(text: &str) -> Option<String> {
    let wrapped_at = crate::clean::wrap::wrap_width(text);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(HEAD_LINES)
        .collect();
    for (i, line) in lines.iter().enumerate() {
        let words = line.split_whitespace().count();
        // A line that runs on into the next is the body's, whatever its length.
        if words > 30 || wrapped_at.is_some_and(|w| crate::clean::wrap::runs_on(line, w)) {
            return None; // the body has begun: whatever came before was not a headline
        }
        // Prose after it, a byline between them aside.
        let prose_follows = lines[i + 1..]
            .iter()
            .find(|l| !crate::clean::rules::is_agency_note(l))
            .is_some_and(|next| {
                next.split_whitespace().count() >= PROSE_WORDS
                    && crate::clean::rules::ends_sentence(next)
            });
        let long_enough = words >= 5 || (i == 0 && words >= 3 && prose_follows);
        // A closing quote or bracket after the stop still ends a sentence (`… "meddling."`).
        let sentence_end = line
            .trim_end_matches(['"', '\'', '`', '\u{201d}', '\u{2019}', ')', ']'])
            .ends_with(['.', '!', ';', ',', ':']);
        if long_enough
            && line.chars().count() <= 200
            && !sentence_end
            && !crate::clean::rules::is_agency_note(line)
        {
            return Some(line.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    None
}

/// What a reader sees for a source: its outlet, else its title, else `name` (what
/// [`distinct_names`] calls its id).
pub fn label(outlet: Option<&str>, title: Option<&str>, name: &str) -> String {
    match (outlet, title) {
        (Some(outlet), _) => printable(outlet),
        (None, Some(title)) => printable(title),
        (None, None) => name.to_string(),
    }
}

/// What a reader sees for each article id when its outlet is unknown: its file name, or as many
/// of its last path components as tell it from the other ids' (bbc's `tech/001.txt` and
/// `business/001.txt`), so that no two articles share a name and no more of the machine's
/// paths than that is shown. Control characters are escaped.
pub fn distinct_names(ids: &[&str]) -> Vec<String> {
    let parts: Vec<Vec<String>> = ids
        .iter()
        .map(|id| match *id {
            "-" => vec!["standard input".to_string()],
            id => Path::new(id)
                .components()
                .filter_map(|c| match c {
                    std::path::Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
                    _ => None,
                })
                .collect(),
        })
        .collect();
    let name = |i: usize, depth: usize| {
        let p = &parts[i];
        match p.len() {
            0 => ids[i].to_string(),
            len => p[len - depth.min(len)..].join("/"),
        }
    };
    let mut depth = vec![1usize; ids.len()];
    loop {
        let names: Vec<String> = (0..ids.len()).map(|i| name(i, depth[i])).collect();
        // Each name's first id, and whether another id has it too.
        let mut holder: rustc_hash::FxHashMap<&str, (&str, bool)> = Default::default();
        for (n, id) in names.iter().zip(ids) {
            let entry = holder.entry(n).or_insert((id, false));
            entry.1 |= entry.0 != *id;
        }
        let mut longer = false;
        for (i, n) in names.iter().enumerate() {
            if holder[n.as_str()].1 && depth[i] < parts[i].len() {
                depth[i] += 1;
                longer = true;
            }
        }
        if !longer {
            return names.iter().map(|n| printable(n)).collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source<'a>(
        id: &'a str,
        title: Option<&'a str>,
        outlet: Option<&'a str>,
    ) -> (Option<&'a str>, Option<&'a str>, &'a str) {
        (outlet, title, id)
    }

    fn label(s: (Option<&str>, Option<&str>, &str)) -> String {
        super::label(s.0, s.1, &distinct_names(&[s.2])[0])
    }

    #[test]
    fn headline_after_page_chrome_and_not_inside_the_body() {
        let scraped = "\n403\nSorry!!\nError! We're sorry, but the page doesn't exist.\n\
                       Rubio declares US has a better understanding of Russia's stance\nBody.";
        assert_eq!(
            headline(scraped).as_deref(),
            Some("Rubio declares US has a better understanding of Russia's stance")
        );
        assert_eq!(headline("News Feed\nShow More\n\nVoz media US\n"), None);
        let body_first = format!(
            "{}.\nSecurity Guarantees Depend on Peace\n",
            "word ".repeat(40)
        );
        assert_eq!(headline(&body_first), None, "a subheading after the body");
        assert_eq!(headline("The talks resumed in Geneva on Sunday."), None);
        // Regression: an AP note to editors was cited as the article's title.
        let wire = "Eds: UPDATES with four more deaths in Poland AP Photo By ALISON MUTLER \
                    Associated Press Writer\nBUCHAREST, Romania (AP) _ A cold wave killed 65.";
        assert_eq!(headline(wire), None);
        // Regression: a headline of 3 or 4 words was passed over for the byline after it.
        let short = "Markets rally strongly\nBy John Smith in New York\n\nStock markets rallied \
                     strongly on Monday as investors bet on a cut in interest rates, traders said.";
        assert_eq!(headline(short).as_deref(), Some("Markets rally strongly"));
        let bbc = "Broadband fuels online change\n\nFast web access is encouraging more people to \
                   express themselves online, research suggests.";
        assert_eq!(
            headline(bbc).as_deref(),
            Some("Broadband fuels online change")
        );
        assert_eq!(headline("By John Smith in New York\nText."), None);
        // Regression (probe 16): a brief of one 12-word sentence lost its 4-word headline.
        let brief = "Pinochet loses immunity appeal\n\nThe Law Lords ruled 3-2 that Pinochet can \
                     be extradited to Spain.";
        assert_eq!(
            headline(brief).as_deref(),
            Some("Pinochet loses immunity appeal")
        );
        assert_eq!(headline("Talks resume\n\nThey met."), None);
        assert_eq!(headline("Skip to content\nNews Feed\nShare this\n"), None);
    }

    /// Regression (probe 16): a first line ending in a quotation's stop and its closing quote
    /// (`… a case of ``international meddling.''`) was taken for the article's title, dateline
    /// and all, and cited as such.
    #[test]
    fn a_sentence_ending_in_a_closing_quote_was_a_title() {
        for end in [
            "\"meddling.\"",
            "\u{201c}meddling.\u{201d}",
            "``meddling.''",
        ] {
            let text = format!(
                "OPORTO, Portugal (AP) _ Castro called the arrest a case of {end}\n\
                 Castro compared the action with the court set up in Rome, a move Cuba opposes."
            );
            assert_eq!(headline(&text), None, "{end}");
        }
        assert_eq!(
            headline("Is \"meddling\" the word for the arrest?\nBody text follows here.")
                .as_deref(),
            Some("Is \"meddling\" the word for the arrest?")
        );
    }

    #[test]
    fn names_show_a_folder_only_to_tell_two_files_apart() {
        let ids = [
            "../data/bbc/tech/001.txt",
            "../data/bbc/business/001.txt",
            "../data/bbc/tech/402.txt",
            "/srv/feed.xml#3",
            "-",
            "/x/a\nb.txt",
        ];
        assert_eq!(
            distinct_names(&ids),
            [
                "tech/001.txt",
                "business/001.txt",
                "402.txt",
                "feed.xml#3",
                "standard input",
                "a\\nb.txt"
            ]
        );
        // The same path twice cannot be told apart: it stays as short as it is.
        assert_eq!(distinct_names(&["a/b.txt", "a/b.txt"]), ["b.txt", "b.txt"]);
    }

    #[test]
    fn labels_never_show_a_directory_or_a_newline() {
        assert_eq!(label(source("/home/me/news/a.txt", None, None)), "a.txt");
        assert_eq!(label(source("/srv/feed.xml#3", None, None)), "feed.xml#3");
        assert_eq!(label(source("-", None, None)), "standard input");
        assert_eq!(label(source("/x/a\nb.txt", None, None)), "a\\nb.txt");
        assert_eq!(label(source("/x/a.txt", Some("Talks"), None)), "Talks");
        assert_eq!(
            label(source("/x/a.txt", Some("T"), Some("Reuters"))),
            "Reuters"
        );
    }
}
