//! Continuous LexRank (Erkan & Radev 2004): sentences are nodes of a graph whose edges weigh
//! the TF-IDF cosine of the two sentences; a sentence's salience is its stationary probability
//! under a random walk on that graph with damping (PageRank's power iteration). Redundancy is
//! left to the budget filler, as LexRank itself leaves it to a reranker.

use super::filler::{fill, ranked};
use super::tfidf::TfIdf;
use super::{Corpus, Outcome, Selector};
use crate::error::Result;

/// Probability of following an edge (1 - this: jumping to a random sentence).
pub const DAMPING: f32 = 0.85;
/// Power iteration stops when the L1 change of the scores falls below this.
const TOLERANCE: f32 = 1e-6;
const MAX_ITERATIONS: usize = 200;

/// The LexRank baseline.
pub struct LexRank;

impl Selector for LexRank {
    fn select(&self, corpus: &Corpus) -> Result<Outcome> {
        let tfidf = TfIdf::new(corpus.sentences);
        // The graph spans every sentence of the input, as in the paper; only candidates can be
        // picked, and a candidate standing for several copies takes its best-scoring copy.
        let scores = scores(&tfidf);
        let candidate_scores: Vec<f32> = corpus
            .candidates
            .iter()
            .map(|c| {
                std::iter::once(c.sentence)
                    .chain(c.copies.iter().copied())
                    .map(|s| scores[s])
                    .fold(f32::NEG_INFINITY, f32::max)
            })
            .collect();
        Ok(fill(&ranked(&candidate_scores), *corpus))
    }
}

/// The cosine similarity matrix of all sentences (dense; inputs are a few hundred sentences).
/// The diagonal is 0: with self-loops a sentence unlike any other would keep its own mass and
/// rank like an average one instead of last.
pub fn similarity(tfidf: &TfIdf) -> Vec<Vec<f32>> {
    let n = tfidf.bags.len();
    let norms: Vec<f32> = (0..n).map(|i| tfidf.norm(i)).collect();
    let mut m = vec![vec![0f32; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let s = tfidf.cosine(i, j, norms[i], norms[j]);
            m[i][j] = s;
            m[j][i] = s;
        }
    }
    m
}

/// LexRank score of every sentence (they sum to 1).
pub fn scores(tfidf: &TfIdf) -> Vec<f32> {
    stationary(&similarity(tfidf), DAMPING)
}

/// Stationary distribution of the damped random walk on a weighted graph: each row is
/// normalised to transition probabilities (a node with no edge jumps uniformly), then
/// p ← (1-d)/N + d·Mᵀp until it settles.
pub fn stationary(weights: &[Vec<f32>], damping: f32) -> Vec<f32> {
    let n = weights.len();
    if n == 0 {
        return Vec::new();
    }
    let uniform = 1.0 / n as f32;
    let row_sums: Vec<f32> = weights.iter().map(|r| r.iter().sum()).collect();
    let mut p = vec![uniform; n];
    for _ in 0..MAX_ITERATIONS {
        let mut next = vec![(1.0 - damping) * uniform; n];
        for (i, row) in weights.iter().enumerate() {
            if row_sums[i] > 0.0 {
                let share = damping * p[i] / row_sums[i];
                for (nj, &w) in next.iter_mut().zip(row) {
                    *nj += share * w;
                }
            } else {
                let share = damping * p[i] * uniform;
                next.iter_mut().for_each(|x| *x += share);
            }
        }
        let change: f32 = next.iter().zip(&p).map(|(a, b)| (a - b).abs()).sum();
        p = next;
        if change < TOLERANCE {
            break;
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_node_toy_graph_matches_hand_computation() {
        // Weighted graph with self-loops: A–B 0.5, B–C 0.5, A–C 0.
        // Transitions: A→(A 2/3, B 1/3), B→(A 1/4, B 1/2, C 1/4), C→(B 1/3, C 2/3).
        // By symmetry p_A = p_C = a, and 2a + b = 1; the B equation of p = 0.05 + 0.85·Mᵀp,
        // b = 0.05 + 0.85·(2a/3 + b/2), gives b = (0.05 + 0.85/3) / (1 - 0.85/6) = 0.38835.
        let w = vec![
            vec![1.0, 0.5, 0.0],
            vec![0.5, 1.0, 0.5],
            vec![0.0, 0.5, 1.0],
        ];
        let p = stationary(&w, 0.85);
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        assert!((p[0] - p[2]).abs() < 1e-6);
        let b = (0.05 + 0.85 / 3.0) / (1.0 - 0.85 / 6.0);
        assert!((p[1] - b).abs() < 1e-5, "{p:?} vs {b}");
        assert!(p[1] > p[0]);
    }

    #[test]
    fn undamped_walk_is_proportional_to_degree() {
        let w = vec![
            vec![1.0, 0.5, 0.0],
            vec![0.5, 1.0, 0.5],
            vec![0.0, 0.5, 1.0],
        ];
        let p = stationary(&w, 0.999_99);
        for (got, want) in p.iter().zip([0.3, 0.4, 0.3]) {
            assert!((got - want).abs() < 1e-3, "{p:?}");
        }
    }

    #[test]
    fn isolated_sentence_gets_the_least_salience() {
        let s = super::super::tfidf::sentences(&[
            (0, "Rebels seized the northern town on Monday."),
            (1, "The rebels seized the town after heavy fighting."),
            (2, "Heavy fighting left the northern town in ruins."),
            (2, "Separately, the football season opened with a draw."),
        ]);
        let p = scores(&TfIdf::new(&s));
        let min = p.iter().copied().fold(f32::INFINITY, f32::min);
        assert_eq!(p[3], min);
    }
}
