//! Bag-of-words TF-IDF vectors over the input's own sentences, shared by the centroid and
//! LexRank baselines.
//!
//! IDF comes from the input itself (no background corpus ships with the tool). Each sentence is
//! a pseudo-document: within one topic cluster the topic's own words occur in every article, so
//! article-level IDF would zero exactly the words a summary must cover, while at sentence level
//! they are frequent but far from universal.

use crate::split::Sentence;
use crate::words;
use std::collections::HashMap;

/// A sparse term-frequency vector: (term id, count), sorted by term id.
pub type Bag = Vec<(usize, f32)>;

/// Every sentence as a bag of stemmed content words, with the IDF of each term.
#[derive(Debug, Clone)]
pub struct TfIdf {
    /// One bag per input sentence (same indices as the sentence list).
    pub bags: Vec<Bag>,
    /// IDF per term id.
    pub idf: Vec<f32>,
}

impl TfIdf {
    pub fn new(sentences: &[Sentence]) -> Self {
        let mut vocab: HashMap<String, usize> = HashMap::new();
        let mut bags = Vec::with_capacity(sentences.len());
        for s in sentences {
            let mut counts: HashMap<usize, f32> = HashMap::new();
            for w in words::content_words(&s.text) {
                let next = vocab.len();
                let id = *vocab.entry(w).or_insert(next);
                *counts.entry(id).or_insert(0.0) += 1.0;
            }
            let mut bag: Bag = counts.into_iter().collect();
            bag.sort_unstable_by_key(|&(t, _)| t);
            bags.push(bag);
        }
        let mut df = vec![0usize; vocab.len()];
        for bag in &bags {
            for &(t, _) in bag {
                df[t] += 1;
            }
        }
        // ln((N+1)/df): one more than N so that a word in every sentence still weighs a little
        // and a one-sentence input still has non-zero vectors.
        let n = bags.len() as f32 + 1.0;
        let idf = df.iter().map(|&d| (n / d.max(1) as f32).ln()).collect();
        TfIdf { bags, idf }
    }

    /// Number of distinct terms.
    pub fn terms(&self) -> usize {
        self.idf.len()
    }

    /// Euclidean norm of a sentence's TF-IDF vector.
    pub fn norm(&self, sentence: usize) -> f32 {
        self.bags[sentence]
            .iter()
            .map(|&(t, tf)| (tf * self.idf[t]).powi(2))
            .sum::<f32>()
            .sqrt()
    }

    #[cfg(test)]
    /// Cosine of two sentences' TF-IDF vectors (Erkan & Radev's idf-modified-cosine), given
    /// their norms; 0 when either vector is empty.
    pub fn cosine(&self, a: usize, b: usize, norm_a: f32, norm_b: f32) -> f32 {
        if norm_a == 0.0 || norm_b == 0.0 {
            return 0.0;
        }
        let dot = sparse_dot(&self.bags[a], &self.bags[b], |t| self.idf[t] * self.idf[t]);
        dot / (norm_a * norm_b)
    }
}

/// Σ x_t · y_t · weight(t) over the terms two sorted bags share.
pub fn sparse_dot(x: &Bag, y: &Bag, weight: impl Fn(usize) -> f32) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < x.len() && j < y.len() {
        match x[i].0.cmp(&y[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += x[i].1 * y[j].1 * weight(x[i].0);
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
pub(crate) fn sentences(texts: &[(usize, &str)]) -> Vec<Sentence> {
    let mut positions: HashMap<usize, usize> = HashMap::new();
    texts
        .iter()
        .map(|&(article, text)| {
            let p = positions.entry(article).or_insert(0);
            let s = Sentence {
                article,
                position: *p,
                text: text.to_string(),
            };
            *p += 1;
            s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idf_is_higher_for_rarer_words() {
        let s = sentences(&[
            (0, "Storms hit the coast."),
            (0, "Storms closed schools."),
            (1, "Storms flooded farms."),
        ]);
        let t = TfIdf::new(&s);
        // "storm" is in all three sentences: ln(4/3); "coast" in one: ln(4).
        let storm = t.bags[0][0];
        let coast = t.bags[0][2];
        assert!((t.idf[storm.0] - (4f32 / 3.0).ln()).abs() < 1e-6);
        assert!((t.idf[coast.0] - 4f32.ln()).abs() < 1e-6);
    }

    #[test]
    fn cosine_of_identical_and_disjoint_sentences() {
        let s = sentences(&[
            (0, "Storms hit the coast."),
            (1, "Storms hit the coast."),
            (1, "Markets rallied today."),
        ]);
        let t = TfIdf::new(&s);
        let n: Vec<f32> = (0..3).map(|i| t.norm(i)).collect();
        assert!((t.cosine(0, 1, n[0], n[1]) - 1.0).abs() < 1e-6);
        assert_eq!(t.cosine(0, 2, n[0], n[2]), 0.0);
    }

    #[test]
    fn sparse_dot_matches_shared_terms_only() {
        let x: Bag = vec![(0, 1.0), (2, 2.0), (5, 1.0)];
        let y: Bag = vec![(2, 3.0), (4, 1.0), (5, 2.0)];
        assert_eq!(sparse_dot(&x, &y, |_| 1.0), 8.0);
    }
}
