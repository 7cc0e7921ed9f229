//! Candidates: the sentences that may enter a digest. A candidate is complete and
//! self-contained (no fragment, no dangling quotation, no back-reference it cannot resolve);
//! near-copies of it elsewhere in the input are folded into it.

use crate::split::Sentence;
use crate::words;
use std::collections::{HashMap, HashSet};

/// Candidates shorter than this are fragments, longer ones are run-ons or merged lists.
pub const MIN_WORDS: usize = 8;
pub const MAX_WORDS: usize = 55;
/// Near-copies: sentences that differ by a few words.
const COPY_JACCARD: f32 = 0.7;

/// A sentence that may enter the digest; near-copies of it elsewhere are folded into it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Index into the sentence list.
    pub sentence: usize,
    /// Other sentences (indices) that are copies of this one.
    pub copies: Vec<usize>,
    /// Stemmed content words.
    pub words: HashSet<String>,
}

/// Whether a sentence can stand on its own in a digest.
pub fn is_self_contained(text: &str) -> bool {
    let n_words = text.split_whitespace().count();
    if !(MIN_WORDS..=MAX_WORDS).contains(&n_words) {
        return false;
    }
    let trimmed = text.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ' ']);
    if !trimmed.ends_with(['.', '!', '?']) {
        return false;
    }
    let first = text.chars().next();
    if !first.is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || "\"\u{201c}'\u{2018}".contains(c)
    }) {
        return false;
    }
    balanced_quotes(text) && !is_bare_quotation(text) && !leans_on_context(text, n_words)
}

const OPENING_QUOTES: &[char] = &['"', '\u{201c}', '`'];
const CLOSING_QUOTES: &[char] = &['"', '\u{201d}', '\''];

/// A sentence that is nothing but a quotation has lost its speaker.
fn is_bare_quotation(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', ' ']);
    let Some(body) = t.strip_prefix(OPENING_QUOTES) else {
        return false;
    };
    let Some(inner) = body.strip_suffix(CLOSING_QUOTES) else {
        return false;
    };
    // No other quote inside: the speaker is not named between two quoted parts.
    !inner.contains(OPENING_QUOTES) && !inner.contains(['"', '\u{201d}'])
}

/// Words that open a sentence continuing the previous one ("That's what…", "But he…",
/// "It was the same clinic…").
const CONTEXT_OPENERS: &[&str] = &[
    "that", "that's", "this", "these", "those", "but", "and", "also", "moreover", "however",
    "still", "yet", "thus", "it", "it's", "its", "he", "she", "they", "his", "her", "their",
];

/// A short sentence that opens with a back-reference only makes sense after its context.
fn leans_on_context(text: &str, n_words: usize) -> bool {
    let first = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .next()
        .unwrap_or("")
        .replace('\u{2019}', "'")
        .to_lowercase();
    n_words < 12 && CONTEXT_OPENERS.contains(&first.as_str())
}

/// A sentence that opens a quote it never closes (or the reverse) was cut out of a quotation.
fn balanced_quotes(text: &str) -> bool {
    let open = text.matches('\u{201c}').count();
    let close = text.matches('\u{201d}').count();
    let straight = text.matches('"').count();
    let backticks = text.matches("``").count();
    let doubled_apostrophes = text.matches("''").count();
    open == close && straight.is_multiple_of(2) && backticks == doubled_apostrophes
}

/// Filter sentences to candidates and merge near-copies (first occurrence represents them).
pub fn candidates(sentences: &[Sentence]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut exact: HashMap<String, usize> = HashMap::new();
    for (i, s) in sentences.iter().enumerate() {
        if !is_self_contained(&s.text) {
            continue;
        }
        let key = words::tokens(&s.text).join(" ");
        if let Some(&c) = exact.get(&key) {
            out[c].copies.push(i);
            continue;
        }
        let set: HashSet<String> = words::content_words(&s.text).into_iter().collect();
        if set.len() < 3 {
            continue;
        }
        if let Some(c) = out
            .iter()
            .position(|c| words::jaccard(&c.words, &set) >= COPY_JACCARD)
        {
            out[c].copies.push(i);
            continue;
        }
        exact.insert(key, out.len());
        out.push(Candidate {
            sentence: i,
            copies: Vec::new(),
            words: set,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(article: usize, position: usize, text: &str) -> Sentence {
        Sentence {
            article,
            position,
            text: text.to_string(),
        }
    }

    #[test]
    fn complete_sentences_are_self_contained() {
        assert!(is_self_contained(
            "The envoys met in Geneva on Tuesday to discuss a ceasefire."
        ));
        assert!(is_self_contained(
            "\u{201c}We have made progress,\u{201d} the minister said after the meeting in Geneva."
        ));
    }

    #[test]
    fn fragments_and_context_dependent_sentences_are_not() {
        assert!(!is_self_contained("He added:"));
        assert!(!is_self_contained(
            "The talks were described by officials as"
        ));
        assert!(!is_self_contained(
            "\u{201c}That\u{2019}s what we\u{2019}re trying to find out,\u{201d} he said."
        ));
        assert!(!is_self_contained(
            "But the delegation left before the final vote was held."
        ));
        assert!(!is_self_contained("\u{201c}Shouldn\u{2019}t we at least try to find a way to end this war for both sides?\u{201d}"));
        assert!(!is_self_contained(
            "the talks resumed on Monday after a pause of three weeks."
        ));
        assert!(!is_self_contained(
            "\u{201c}We will not give up our land, and we will keep fighting until"
        ));
    }

    #[test]
    fn near_copies_fold_into_the_first_occurrence() {
        let s = vec![
            sentence(
                0,
                0,
                "The envoys met in Geneva on Tuesday to discuss a ceasefire deal.",
            ),
            sentence(
                1,
                0,
                "The envoys met in Geneva on Tuesday to discuss a ceasefire deal.",
            ),
            sentence(
                1,
                1,
                "On Tuesday the envoys met in Geneva to discuss a ceasefire deal.",
            ),
            sentence(
                2,
                0,
                "Energy prices rose sharply across Europe after the announcement.",
            ),
        ];
        let c = candidates(&s);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].copies, vec![1, 2]);
    }
}
