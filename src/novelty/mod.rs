//! Novelty across runs: sentences that recent digests published, or that the articles they were
//! made from carried, are not news again. The summariser applies [`Novelty::is_old`] to every
//! sentence right after splitting, so an article is split once per run.
//!
//! Which of today's stories an earlier digest carried is the stories stage's
//! ([`crate::stories::continuing`]), after this one.
//!
//! Pipeline-side on purpose: `schedule` builds a [`Novelty`] from its state and hands it over in
//! [`crate::config::SummaryConfig`]; this module knows nothing of the state file.

use crate::read::Article;
use std::collections::HashSet;

/// What recent digests made known. Empty (the default): nothing is old.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Novelty {
    /// Sentences of recent digests, also for the summariser's similarity check (paraphrases).
    published: Vec<String>,
    published_keys: HashSet<String>,
    /// Keys of every sentence of the articles recent digests were made from.
    seen: HashSet<String>,
}

impl Novelty {
    /// `published`: recent digests' sentences; `seen`: [`sentence_key`]s of their articles.
    pub fn new(published: Vec<String>, seen: impl IntoIterator<Item = String>) -> Self {
        let published_keys = published.iter().map(|s| sentence_key(s)).collect();
        Novelty {
            published,
            published_keys,
            seen: seen.into_iter().collect(),
        }
    }

    /// Whether no sentence is old.
    pub fn is_empty(&self) -> bool {
        self.published.is_empty() && self.seen.is_empty()
    }

    /// Recent digests' sentences.
    pub fn published(&self) -> &[String] {
        &self.published
    }

    /// Whether `sentence` repeats a recent digest, or an article one was made from (wire copy
    /// repeating yesterday's background), whitespace aside. Short sentences never count: they
    /// are boilerplate more often than news.
    pub fn is_old(&self, sentence: &str) -> bool {
        if self.is_empty() || !is_novelty_sentence(sentence) {
            return false;
        }
        let key = sentence_key(sentence);
        self.published_keys.contains(&key) || self.seen.contains(&key)
    }
}

/// Novelty sentences must be long enough to be news, not boilerplate.
fn is_novelty_sentence(s: &str) -> bool {
    s.len() >= 20 && s.split_whitespace().count() >= 4
}

/// The keys of `sentences` worth remembering, sorted, without repeats.
pub fn sentence_keys<'a>(sentences: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut keys: Vec<String> = sentences
        .into_iter()
        .filter(|s| is_novelty_sentence(s))
        .map(sentence_key)
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The key of a sentence, whitespace aside: 64 bits are plenty for the few thousand sentences
/// of a novelty window, and keep the state file small. Stored in state files: never change it.
pub fn sentence_key(sentence: &str) -> String {
    format!("{:016x}", fnv1a_128(normalise(sentence).as_bytes()) as u64)
}

/// The content key of an article: its title and text with whitespace collapsed, so that a file
/// saved again (another name, other line endings, trailing blanks) is recognised as the same
/// article. 128 bits keep accidental collisions out of reach for any realistic number of
/// articles. Stored in state files: never change it.
pub fn article_key(article: &Article) -> String {
    let mut normal = String::with_capacity(article.text.len() + 64);
    if let Some(title) = &article.title {
        normal.push_str(&normalise(title));
    }
    normal.push('\n');
    normal.push_str(&normalise(&article.text));
    format!("{:032x}", fnv1a_128(normal.as_bytes()))
}

/// Words joined by single spaces: the text a key is taken over.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, w) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
const PRIME: u128 = 0x0000000001000000000000000000013B;

/// FNV-1a 128 of `bytes`. Our own rather than `std`'s `DefaultHasher`, whose output may change
/// between Rust releases: keys in a state file must read the same for years.
pub fn fnv1a_128(bytes: &[u8]) -> u128 {
    let mut h = OFFSET;
    for &b in bytes {
        h ^= u128::from(b);
        h = h.wrapping_mul(PRIME);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_fnv1a_128_vectors() {
        assert_eq!(fnv1a_128(b""), 0x6c62272e07bb014262b821756295c58d);
        assert_eq!(fnv1a_128(b"a"), 0xd228cb696f1a8caf78912b704e4a8964);
    }

    #[test]
    fn published_and_seen_sentences_are_old_whitespace_aside() {
        let seen = sentence_keys(["The pipe broke overnight near Millbrook Road."]);
        let n = Novelty::new(
            vec!["The mayor said the pipe broke overnight.".into()],
            seen,
        );
        assert!(n.is_old("The mayor  said the pipe\nbroke overnight."));
        assert!(n.is_old("The pipe broke overnight  near Millbrook Road."));
        assert!(!n.is_old("He said the pipe broke overnight twice."));
        // Too short to count as news either way.
        let short = Novelty::new(vec!["Crews came.".into()], sentence_keys(["Crews came."]));
        assert!(!short.is_old("Crews came."));
        assert!(!Novelty::default().is_old("The pipe broke overnight near Millbrook Road."));
    }
}
