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

/// LexRank score of every sentence (they sum to 1): the stationary distribution of the damped
/// random walk on the cosine graph (diagonal 0: with self-loops a sentence unlike any other
/// would keep its own mass and rank like an average one instead of last).
///
/// The graph is never built. With `X` the unit TF-IDF rows, the weights are `W = X·Xᵀ − diag`,
/// so a step of the walk is two sparse products, `X·(Xᵀ·q)`, linear in the input's words.
pub fn scores(tfidf: &TfIdf) -> Vec<f32> {
    let n = tfidf.bags.len();
    if n == 0 {
        return Vec::new();
    }
    let rows: Vec<Vec<(usize, f32)>> = (0..n)
        .map(|i| {
            let norm = tfidf.norm(i);
            if norm == 0.0 {
                return Vec::new();
            }
            tfidf.bags[i]
                .iter()
                .map(|&(t, tf)| (t, tf * tfidf.idf[t] / norm))
                .collect()
        })
        .collect();
    let self_weight: Vec<f32> = rows
        .iter()
        .map(|r| r.iter().map(|(_, x)| x * x).sum())
        .collect();
    let total = accumulate(&rows, tfidf.terms(), |_| 1.0);
    let degree: Vec<f32> = (0..n)
        .map(|i| dot(&rows[i], &total) - self_weight[i])
        .collect();
    let uniform = 1.0 / n as f32;
    let mut p = vec![uniform; n];
    for _ in 0..MAX_ITERATIONS {
        // q_i = p_i / degree_i; nodes without an edge jump uniformly.
        let has_edges = |i: usize| degree[i] > 1e-9;
        let dangling: f32 = (0..n).filter(|&i| !has_edges(i)).map(|i| p[i]).sum();
        let q: Vec<f32> = (0..n)
            .map(|i| if has_edges(i) { p[i] / degree[i] } else { 0.0 })
            .collect();
        let flow = accumulate(&rows, tfidf.terms(), |i| q[i]);
        let base = (1.0 - DAMPING) * uniform + DAMPING * dangling * uniform;
        let next: Vec<f32> = (0..n)
            .map(|j| base + DAMPING * (dot(&rows[j], &flow) - q[j] * self_weight[j]))
            .collect();
        let change: f32 = next.iter().zip(&p).map(|(a, b)| (a - b).abs()).sum();
        p = next;
        if change < TOLERANCE {
            break;
        }
    }
    p
}

/// Σ_i weight(i) · row_i, as a dense vector over the terms.
fn accumulate(rows: &[Vec<(usize, f32)>], terms: usize, weight: impl Fn(usize) -> f32) -> Vec<f32> {
    let mut out = vec![0f32; terms];
    for (i, row) in rows.iter().enumerate() {
        let w = weight(i);
        if w != 0.0 {
            for &(t, x) in row {
                out[t] += w * x;
            }
        }
    }
    out
}

fn dot(row: &[(usize, f32)], dense: &[f32]) -> f32 {
    row.iter().map(|&(t, x)| x * dense[t]).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk on the explicit cosine matrix, as the paper states it.
    fn dense_reference(tfidf: &TfIdf) -> Vec<f32> {
        let n = tfidf.bags.len();
        let norms: Vec<f32> = (0..n).map(|i| tfidf.norm(i)).collect();
        let w: Vec<Vec<f32>> = (0..n)
            .map(|i| {
                (0..n)
                    .map(|j| {
                        if i == j {
                            0.0
                        } else {
                            tfidf.cosine(i, j, norms[i], norms[j])
                        }
                    })
                    .collect()
            })
            .collect();
        let sums: Vec<f32> = w.iter().map(|r| r.iter().sum()).collect();
        let mut p = vec![1.0 / n as f32; n];
        for _ in 0..MAX_ITERATIONS {
            let mut next = vec![(1.0 - DAMPING) / n as f32; n];
            for i in 0..n {
                for j in 0..n {
                    next[j] += if sums[i] > 0.0 {
                        DAMPING * p[i] * w[i][j] / sums[i]
                    } else {
                        DAMPING * p[i] / n as f32
                    };
                }
            }
            p = next;
        }
        p
    }

    #[test]
    fn factored_walk_equals_the_walk_on_the_explicit_graph() {
        let s = super::super::tfidf::sentences(&[
            (0, "Rebels seized the northern town on Monday."),
            (1, "The rebels seized the town after heavy fighting."),
            (2, "Heavy fighting left the northern town in ruins."),
            (2, "Separately, the football season opened with a draw."),
            (3, "Nothing here matches anything else at all."),
        ]);
        let t = TfIdf::new(&s);
        let (fast, slow) = (scores(&t), dense_reference(&t));
        assert!((fast.iter().sum::<f32>() - 1.0).abs() < 1e-4);
        for (a, b) in fast.iter().zip(&slow) {
            assert!((a - b).abs() < 1e-5, "{fast:?} vs {slow:?}");
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
