//! Footers no rule names: a sentence that closes many articles word for word and says nothing
//! of any of them ("Follow our coverage of the talks on Telegram.", a newsroom's own credit
//! line). Carried by every article of a feed, it has the most support of any sentence and would
//! head the digest; the phrase rules ([`super::rules`]) know only the common wordings.
//!
//! A sentence among the last [`TAIL_SENTENCES`] of at least [`MIN_ARTICLES`] kept articles is
//! a footer when those articles tell different stories and, in most of them, few of its content
//! words occur in the rest of the article. A story's closing background line repeated by its
//! outlets closes articles of one story, and its words are theirs.

use super::copies::shingle;
use super::{CleanDocument, Dropped, Noise};
use crate::words;
use rustc_hash::{FxHashMap, FxHashSet};
use std::hash::{Hash, Hasher};

/// Sentences at an article's end that may be a footer.
const TAIL_SENTENCES: usize = 3;

/// Articles that must close with the sentence.
const MIN_ARTICLES: usize = 3;

/// Share of the sentence's content words the rest of an article may hold for the sentence to
/// say nothing of it.
const MAX_OWN_WORDS: f32 = 0.25;

/// Shortest footer, in tokens: shorter closers ("He declined to comment.") are common prose.
const MIN_TOKENS: usize = 6;

/// Take the footers out of `docs`, each recorded in `dropped`.
pub fn drop_footers(docs: &mut [CleanDocument], dropped: &mut Vec<Dropped>) {
    let mut closing: FxHashMap<u64, Vec<(usize, usize)>> = FxHashMap::default();
    for (d, doc) in docs.iter().enumerate() {
        let from = doc.sentences.len().saturating_sub(TAIL_SENTENCES);
        for (i, s) in doc.sentences.iter().enumerate().skip(from) {
            let (key, tokens) = shingle(s);
            if tokens >= MIN_TOKENS {
                closing.entry(key).or_default().push((d, i));
            }
        }
    }
    let mut doomed: Vec<(usize, usize)> = closing
        .into_values()
        .filter(|at| distinct_docs(at) >= MIN_ARTICLES && says_nothing_of(docs, at))
        .flatten()
        .collect();
    doomed.sort_unstable_by(|a, b| b.cmp(a)); // last first: indices stay valid
    for (d, i) in doomed {
        let doc = &mut docs[d];
        let sentence = doc.sentences.remove(i);
        remove_from_paragraphs(&mut doc.paragraphs, &sentence);
        dropped.push(Dropped {
            article: doc.article,
            text: sentence,
            reason: Noise::SiteBoilerplate,
            sentences: 1,
        });
    }
}

fn distinct_docs(at: &[(usize, usize)]) -> usize {
    at.iter().map(|&(d, _)| d).collect::<FxHashSet<_>>().len()
}

/// Articles compared to tell whether a closing sentence sits under different stories.
const MAX_COMPARED: usize = 12;

/// Mean Jaccard overlap of the articles' words below which they tell different stories
/// (copies of one story edited by its outlets overlap far more).
const MAX_ARTICLE_OVERLAP: f32 = 0.2;

/// An article's content words (lower case, stopwords out, not stemmed: cheap, and a footer
/// repeats its words exactly), hashed, with their counts. Made per candidate footer and
/// dropped: an article closes with at most [`TAIL_SENTENCES`] candidates, so none is made more
/// than that many times, and a million-sentence day holds no bag per article.
fn bag(doc: &CleanDocument) -> FxHashMap<u64, u32> {
    let mut bag = FxHashMap::default();
    for s in &doc.sentences {
        for w in content_tokens(s) {
            *bag.entry(w).or_insert(0) += 1;
        }
    }
    bag
}

fn content_tokens(text: &str) -> impl Iterator<Item = u64> + '_ {
    words::token_iter(text)
        .filter(|t| !words::is_stopword(t) && t.chars().any(char::is_alphabetic))
        .map(|t| {
            let mut h = rustc_hash::FxHasher::default();
            t.hash(&mut h);
            h.finish()
        })
}

/// Whether the sentence closes articles of different stories and, in most of them, its content
/// words are not theirs.
fn says_nothing_of(docs: &[CleanDocument], at: &[(usize, usize)]) -> bool {
    let (d0, i0) = at[0];
    let mut own: FxHashMap<u64, u32> = FxHashMap::default();
    for w in content_tokens(&docs[d0].sentences[i0]) {
        *own.entry(w).or_insert(0) += 1;
    }
    if own.is_empty() {
        return false;
    }
    let bags: Vec<FxHashMap<u64, u32>> = at
        .iter()
        .take(MAX_COMPARED)
        .map(|&(d, _)| bag(&docs[d]))
        .collect();
    // The rest of an article holds a word when it has more of it than the sentence brings.
    let foreign = bags
        .iter()
        .filter(|bag| {
            let shared = own
                .iter()
                .filter(|(w, n)| bag.get(*w).is_some_and(|m| m > n))
                .count();
            (shared as f32) <= MAX_OWN_WORDS * own.len() as f32
        })
        .count();
    foreign * 3 >= bags.len() * 2 && mean_overlap(&bags, &own) < MAX_ARTICLE_OVERLAP
}

/// Mean pairwise Jaccard overlap of the articles' words, the sentence's own words aside.
fn mean_overlap(bags: &[FxHashMap<u64, u32>], own: &FxHashMap<u64, u32>) -> f32 {
    let sets: Vec<FxHashSet<u64>> = bags
        .iter()
        .map(|b| {
            b.keys()
                .filter(|w| !own.contains_key(*w))
                .copied()
                .collect()
        })
        .collect();
    let (mut sum, mut pairs) = (0f32, 0usize);
    for (i, a) in sets.iter().enumerate() {
        for b in &sets[i + 1..] {
            let inter = a.intersection(b).count();
            let union = a.len() + b.len() - inter;
            sum += if union == 0 {
                1.0
            } else {
                inter as f32 / union as f32
            };
            pairs += 1;
        }
    }
    if pairs == 0 {
        1.0
    } else {
        sum / pairs as f32
    }
}

/// The paragraph that is the sentence goes; one that holds it loses it.
fn remove_from_paragraphs(paragraphs: &mut Vec<String>, sentence: &str) {
    if let Some(p) = paragraphs.iter().position(|p| p.trim() == sentence) {
        paragraphs.remove(p);
    } else if let Some(p) = paragraphs.iter_mut().rev().find(|p| p.contains(sentence)) {
        *p = p
            .replacen(sentence, "", 1)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(article: usize, sentences: &[&str]) -> CleanDocument {
        CleanDocument {
            article,
            paragraphs: sentences.iter().map(|s| s.to_string()).collect(),
            sentences: sentences.iter().map(|s| s.to_string()).collect(),
        }
    }

    const FOOTER: &str = "Follow our live coverage on Telegram and get alerts from our newsroom.";

    /// Regression (probe 16): a footer every article carried, in no rule's wording, topped the
    /// digest: carried by all, it had the most support.
    #[test]
    fn a_sentence_closing_every_article_about_none_of_them_was_news() {
        let mut docs = vec![
            doc(
                0,
                &[
                    "Negotiators met in Geneva to discuss a ceasefire in Ukraine.",
                    FOOTER,
                ],
            ),
            doc(
                1,
                &[
                    "The central bank raised interest rates by half a point on Monday.",
                    FOOTER,
                ],
            ),
            doc(
                2,
                &[
                    "Floods closed the main road to the airport for two days.",
                    FOOTER,
                ],
            ),
            doc(
                3,
                &[
                    "The home team won the cup final with a late goal.",
                    "Fans celebrated.",
                ],
            ),
        ];
        let mut dropped = Vec::new();
        drop_footers(&mut docs, &mut dropped);
        assert_eq!(dropped.len(), 3);
        assert!(docs
            .iter()
            .all(|d| !d.sentences.iter().any(|s| s == FOOTER)));
        assert!(docs
            .iter()
            .all(|d| !d.paragraphs.iter().any(|p| p == FOOTER)));
        assert_eq!(docs[3].sentences.len(), 2);
    }

    /// A story's closing background line, repeated by its outlets, names the story's own
    /// things: it stays.
    #[test]
    fn a_storys_repeated_background_line_stays() {
        let background = "Pinochet ruled Chile from 1973 to 1990 after a coup against Allende.";
        let mut docs: Vec<CleanDocument> = (0..4)
            .map(|a| {
                doc(
                    a,
                    &[
                        "British police arrested Pinochet in London on a Spanish warrant.",
                        background,
                    ],
                )
            })
            .collect();
        let mut dropped = Vec::new();
        drop_footers(&mut docs, &mut dropped);
        assert!(dropped.is_empty());
    }
}
