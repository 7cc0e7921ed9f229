//! Centroid-based summarisation as in MEAD (Radev, Jing, Styś & Tam 2004, "Centroid-based
//! summarization of multiple documents"):
//!
//! - the cluster's centroid: for each word, its mean term frequency over the cluster's articles
//!   times its IDF; only the [`CENTROID_WORDS`] highest values are kept;
//! - a sentence's score is `C + P + F` (MEAD's default weights of 1): `C` the sum of the
//!   centroid values of its words, `P = (n - i + 1) / n · C_max` for the i-th of n sentences of
//!   its article (`C_max`: the best `C` in that article), `F` the inner product of its term
//!   vector with that of its article's first sentence;
//! - sentences are then taken greedily, each one's score lowered by the redundancy penalty
//!   `w_R · R`, `R = 2·|shared words| / (|words₁| + |words₂|)` against the closest sentence already
//!   chosen, `w_R` the highest score of any sentence.

use super::cluster::Score;
use super::near_copies::intersection;
use super::tfidf::{sparse_dot, TfIdf};
use super::{Corpus, Filler, Outcome, Pick, Selector};
use crate::error::Result;
use crate::split::Sentence;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

/// How many of the centroid's words are kept (MEAD keeps the words above a tf·idf threshold;
/// a fixed count is the same cut, independent of the cluster's size).
pub const CENTROID_WORDS: usize = 100;

/// The centroid baseline.
pub struct Centroid;

impl Selector for Centroid {
    fn select(&self, corpus: &Corpus) -> Result<Outcome> {
        let candidates = corpus.candidates;
        let tfidf = TfIdf::new(corpus.sentences);
        let scores = sentence_scores(corpus.sentences, &tfidf);
        let base: Vec<f32> = candidates.iter().map(|c| scores[c.sentence]).collect();
        let w_r = base.iter().copied().fold(0f32, f32::max);

        let mut filler = Filler::new(*corpus, None);
        // Lazy greedy: a candidate's penalty only grows as sentences are chosen, so a stale
        // score is an upper bound; ties go to the earlier candidate, as in a plain scan.
        let mut heap: BinaryHeap<(Score, Reverse<usize>)> = base
            .iter()
            .enumerate()
            .map(|(c, &b)| (Score(b), Reverse(c)))
            .collect();
        let mut chosen: Vec<usize> = Vec::new();
        while !filler.is_done() {
            let Some((_, Reverse(c))) = heap.pop() else {
                break;
            };
            let penalty = chosen
                .iter()
                .map(|&b| overlap(&candidates[c].words, &candidates[b].words))
                .fold(0f32, f32::max);
            let entry = (Score(base[c] - w_r * penalty), Reverse(c));
            if heap.peek().is_some_and(|top| *top > entry) {
                heap.push(entry);
                continue;
            }
            if filler.offer(Pick::plain(c, entry.0 .0)) {
                chosen.push(c);
            }
        }
        Ok(Outcome {
            picks: filler.picks,
            explain: None,
        })
    }
}

/// MEAD's redundancy `R = 2·|shared| / (|a| + |b|)`.
pub fn overlap(a: &[u32], b: &[u32]) -> f32 {
    let total = a.len() + b.len();
    if total == 0 {
        return 0.0;
    }
    2.0 * intersection(a, b) as f32 / total as f32
}

/// The centroid's value per term id: mean tf per article × IDF, top [`CENTROID_WORDS`] kept.
pub fn centroid_values(sentences: &[Sentence], tfidf: &TfIdf) -> Vec<f32> {
    let articles: HashSet<usize> = sentences.iter().map(|s| s.article).collect();
    let n_docs = articles.len().max(1) as f32;
    let mut values = vec![0f32; tfidf.terms()];
    for bag in &tfidf.bags {
        for &(t, tf) in bag {
            values[t] += tf;
        }
    }
    for (v, idf) in values.iter_mut().zip(&tfidf.idf) {
        *v = *v / n_docs * idf;
    }
    if values.len() > CENTROID_WORDS {
        let mut sorted = values.clone();
        sorted.sort_by(|a, b| b.total_cmp(a));
        let cut = sorted[CENTROID_WORDS - 1];
        // Ties at the cut are settled by term id (first seen) so the kept set is deterministic.
        let mut kept = 0;
        for v in values.iter_mut() {
            if *v > cut || (*v == cut && kept < CENTROID_WORDS) {
                kept += 1;
            } else {
                *v = 0.0;
            }
        }
    }
    values
}

/// `C + P + F` for every sentence.
pub fn sentence_scores(sentences: &[Sentence], tfidf: &TfIdf) -> Vec<f32> {
    let centroid = centroid_values(sentences, tfidf);
    let c: Vec<f32> = tfidf
        .bags
        .iter()
        .map(|bag| bag.iter().map(|&(t, tf)| tf * centroid[t]).sum())
        .collect();
    // Per article: number of sentences, best C, and its first sentence.
    let mut per_article: HashMap<usize, (usize, f32, Option<usize>)> = HashMap::new();
    for (i, s) in sentences.iter().enumerate() {
        let e = per_article.entry(s.article).or_insert((0, 0.0, None));
        e.0 = e.0.max(s.position + 1);
        e.1 = e.1.max(c[i]);
        if s.position == 0 {
            e.2 = Some(i);
        }
    }
    sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (n, c_max, first) = per_article.get(&s.article).copied().unwrap_or_default();
            let n = n.max(1) as f32;
            let p = (n - s.position as f32) / n * c_max;
            let f = first.map_or(0.0, |f| sparse_dot(&tfidf.bags[i], &tfidf.bags[f], |_| 1.0));
            c[i] + p + f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tfidf::sentences;
    use super::*;

    #[test]
    fn scores_follow_centroid_position_and_first_sentence() {
        // Two articles; "quake" and "tokyo" dominate the centroid.
        let s = sentences(&[
            (0, "A strong quake shook Tokyo."),
            (0, "Markets in Tokyo fell after the quake."),
            (0, "Football results were announced."),
            (1, "The quake damaged buildings in Tokyo."),
        ]);
        let t = TfIdf::new(&s);
        let scores = sentence_scores(&s, &t);
        // Hand computation. Sentences: 4, N+1 = 5. Document frequencies over sentences:
        // quake 3, tokyo 3, strong/shook/market/fell/football/result/announc/damag/build 1.
        let idf3 = (5f32 / 3.0).ln();
        let idf1 = 5f32.ln();
        // Centroid values (2 articles): quake, tokyo: 3/2·idf3; every other word 1/2·idf1.
        let (big, small) = (1.5 * idf3, 0.5 * idf1);
        let c = [
            2.0 * big + 2.0 * small,
            2.0 * big + 2.0 * small,
            3.0 * small,
            2.0 * big + 2.0 * small,
        ];
        // Article 0: n = 3, C_max = c[0]; article 1: n = 1, C_max = c[3].
        // F: term overlap with the article's first sentence (tf 1 each).
        let want = [
            c[0] + c[0] + 4.0,
            c[1] + 2.0 / 3.0 * c[0] + 2.0,
            c[2] + 1.0 / 3.0 * c[0],
            c[3] + c[3] + 4.0,
        ];
        for (got, want) in scores.iter().zip(want) {
            assert!((got - want).abs() < 1e-4, "{scores:?} vs {want}");
        }
    }

    #[test]
    fn overlap_is_dice_of_word_sets() {
        assert!((overlap(&[1, 2, 3], &[2, 3]) - 0.8).abs() < 1e-6);
    }
}
