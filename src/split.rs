//! split: paragraphs into sentences with a rule-based segmenter (sentencex's English rules,
//! which know abbreviations such as "U.S.", "Mr.", "Jan." and initials), plus the merge of
//! fragments it leaves after a few news-specific abbreviations. It makes the [`Sentence`]s every
//! later stage works on.

use crate::clean::Cleaned;
use rayon::prelude::*;
use serde::Serialize;

/// A sentence of the cleaned input, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentence {
    /// Index of its article in the input list.
    pub article: usize,
    /// 0-based position of the sentence in its (cleaned) article.
    pub position: usize,
    pub text: String,
}

/// Every sentence of the cleaned articles, in input order (articles are split in parallel).
pub fn split(cleaned: &Cleaned) -> Vec<Sentence> {
    let per_document: Vec<Vec<Sentence>> = cleaned
        .documents
        .par_iter()
        .map(|doc| {
            doc.paragraphs
                .iter()
                .flat_map(|p| sentences(p))
                .enumerate()
                .map(|(position, text)| Sentence {
                    article: doc.article,
                    position,
                    text,
                })
                .collect()
        })
        .collect();
    per_document.into_iter().flatten().collect()
}

/// Split one paragraph into trimmed sentences.
pub fn sentences(paragraph: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in sentencex::segment("en", paragraph) {
        // Runs of whitespace (no-break spaces from HTML included) become one space.
        let piece = piece.split_whitespace().collect::<Vec<_>>().join(" ");
        let piece = piece.as_str();
        if piece.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(prev) if should_merge(prev, piece) => {
                prev.push(' ');
                prev.push_str(piece);
            }
            _ => out.push(piece.to_string()),
        }
    }
    out
}

/// Abbreviations the segmenter may split after although a sentence rarely ends there.
const NON_FINAL_ABBREVIATIONS: &[&str] = &[
    "U.S.", "U.N.", "U.K.", "D.C.", "Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Rep.", "Gov.", "Gen.",
    "Lt.", "Col.", "Sgt.", "St.", "Jan.", "Feb.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
    "No.", "vs.", "e.g.", "i.e.", "Prof.", "Jr.", "Sr.", "Inc.", "Corp.", "Co.", "Ltd.",
];

fn should_merge(prev: &str, next: &str) -> bool {
    let last_word = prev.rsplit(char::is_whitespace).next().unwrap_or("");
    let last_word = last_word.trim_start_matches(['(', '"', '\u{201c}', '\'']);
    let next_starts_lower = next
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    // "Titles" and month names are followed by a name or a number, never by a new sentence
    // that starts in lower case or with a digit.
    let is_title = [
        "Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Rep.", "Gov.", "Gen.", "Prof.", "St.",
    ]
    .contains(&last_word);
    is_title
        || (NON_FINAL_ABBREVIATIONS.contains(&last_word) && next_starts_lower)
        || single_initial(last_word)
            && next.chars().next().is_some_and(char::is_uppercase)
            && prev.len() < 3
}

/// "J." — an initial on its own.
fn single_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        sentences(text)
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let s = split(
            "U.S. Secretary of State Marco Rubio met Mr. Putin's envoy on Jan. 15, 2025 in Washington, D.C. \
             The talks went well.",
        );
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(s[0].starts_with("U.S. Secretary"));
        assert_eq!(s[1], "The talks went well.");
    }

    #[test]
    fn party_labels_and_quotes() {
        let s = split(
            "Sen. Marco Rubio (R-FL) said: \u{201c}This is not our war.\u{201d} He added that talks would resume.",
        );
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(s[0].ends_with('\u{201d}'), "{s:?}");
    }

    #[test]
    fn question_and_exclamation_marks_end_sentences() {
        assert_eq!(split("Will it hold? Nobody knows! Talks go on.").len(), 3);
    }

    #[test]
    fn whitespace_runs_and_no_break_spaces_become_one_space() {
        assert_eq!(
            split("Donald Trump\u{a0} has  spoken."),
            vec!["Donald Trump has spoken."]
        );
    }

    #[test]
    fn dashes_do_not_split() {
        let s = split("The deal \u{2014} if it holds \u{2014} would end the war. Kyiv disagrees.");
        assert_eq!(s.len(), 2, "{s:?}");
    }
}
