//! Near-duplicate articles (syndicated copies, re-saves, wire updates) found by sentence
//! shingles: each kept sentence's normalised hash goes into one index, mapped to the first
//! article that had it. An article most of whose words sit in sentences already indexed is a
//! copy of the article that holds the most of them. Linear: one hash look-up per sentence,
//! no comparison of article pairs, and whatever the paragraphing.

use crate::words;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};

/// Share of an article's words, in sentences seen before, that makes it a copy.
const COPY_FRACTION: f32 = 0.8;
/// Sentences shorter than this ("He declined.") are shared by chance.
const MIN_TOKENS: usize = 4;

/// Sentence hash → the first article that had it.
#[derive(Debug, Default)]
pub struct CopyIndex {
    first: FxHashMap<u64, usize>,
}

impl CopyIndex {
    /// The earlier article `article` copies, if any; otherwise its sentences are indexed.
    /// Articles must be offered in input order.
    pub fn offer<'a>(
        &mut self,
        article: usize,
        sentences: impl Iterator<Item = &'a str>,
    ) -> Option<usize> {
        let mut total = 0usize;
        let mut shared = 0usize;
        let mut by_source: FxHashMap<usize, usize> = FxHashMap::default();
        let mut keys = Vec::new();
        for s in sentences {
            let (key, tokens) = shingle(s);
            if tokens < MIN_TOKENS {
                continue;
            }
            total += tokens;
            match self.first.get(&key) {
                Some(&source) if source != article => {
                    shared += tokens;
                    *by_source.entry(source).or_default() += tokens;
                }
                _ => keys.push(key),
            }
        }
        if total > 0 && shared as f32 >= COPY_FRACTION * total as f32 {
            // The earliest of the sources holding the most words: deterministic.
            return by_source
                .into_iter()
                .max_by_key(|&(source, n)| (n, std::cmp::Reverse(source)))
                .map(|(source, _)| source);
        }
        for key in keys {
            self.first.entry(key).or_insert(article);
        }
        None
    }
}

/// A hash of a sentence's lower-cased word tokens, with their number: case, punctuation and
/// spacing do not count. The tokens are hashed as they are read, none of them allocated
/// (cleaning hashes every sentence two or three times).
pub fn shingle(text: &str) -> (u64, usize) {
    let mut h = FxHasher::default();
    let mut n = 0usize;
    words::for_each_token(text, |t| {
        t.hash(&mut h);
        n += 1;
    });
    n.hash(&mut h);
    (h.finish(), n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_ignore_case_punctuation_and_spacing() {
        assert_eq!(
            shingle("The talks, resumed."),
            shingle("the  TALKS resumed")
        );
        assert_eq!(shingle("The talks, resumed.").1, 3);
        assert_ne!(shingle("talks resumed").0, shingle("resumed talks").0);
        // Token boundaries count: "ab c" is not "a bc".
        assert_ne!(shingle("ab c").0, shingle("a bc").0);
    }

    #[test]
    fn a_copy_is_found_whatever_its_paragraphing() {
        let mut index = CopyIndex::default();
        let a = [
            "The talks resumed in Geneva on Monday.",
            "Both sides agreed to meet again.",
        ];
        assert_eq!(index.offer(0, a.iter().copied()), None);
        assert_eq!(index.offer(1, a.iter().copied()), Some(0));
        let other = ["A different story about the weather in Oslo today."];
        assert_eq!(index.offer(2, other.iter().copied()), None);
    }

    #[test]
    fn sharing_a_few_sentences_is_not_copying() {
        let mut index = CopyIndex::default();
        let a = [
            "The talks resumed in Geneva on Monday.",
            "Both sides agreed to meet again.",
        ];
        let b = [
            "The talks resumed in Geneva on Monday.",
            "Reporters waited outside the hotel for hours.",
            "The envoy left without speaking to anyone there.",
        ];
        index.offer(0, a.iter().copied());
        assert_eq!(index.offer(1, b.iter().copied()), None);
    }
}
