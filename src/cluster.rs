//! cluster: group sentence vectors with linfa's KMeans (k-means++ init, several seeded runs).
//! Vectors are unit length, so Euclidean distance orders pairs as cosine similarity does.
//!
//! Large inputs are fitted on a bounded, evenly spaced sample and every vector is then
//! assigned to its nearest centroid in one parallel pass: the cost grows linearly with the
//! input (k is bounded by the budget), and inputs up to the sample size are clustered whole.

use crate::config::Budget;
use crate::error::{Error, Result};
use linfa::prelude::*;
use linfa_clustering::{KMeans, KMeansInit};
use ndarray::{s, Array1, Array2, Axis};
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256Plus;
use rayon::prelude::*;

/// How many clusters to form for `n` candidate sentences under `budget`: one pick per
/// cluster, plus slack for clusters that yield nothing new.
pub fn cluster_count(n: usize, budget: &Budget) -> usize {
    // Twice the picks: small clusters absorb outliers, so the big ones stay coherent.
    (2 * budget.sentences_worth()).clamp(1, n.max(1))
}

/// Inputs up to this many rows are clustered whole; larger ones are fitted on a sample.
pub const MAX_FIT_ROWS: usize = 2000;
/// Rows assigned per parallel block.
const BLOCK: usize = 2048;

/// Cluster label of each row of `vectors`.
pub fn kmeans(vectors: &Array2<f32>, k: usize, seed: u64) -> Result<Array1<usize>> {
    let n = vectors.nrows();
    if n == 0 {
        return Ok(Array1::zeros(0));
    }
    if k <= 1 || n <= k {
        // Too few points to cluster: each is its own group (or all in one).
        return Ok(if k <= 1 {
            Array1::zeros(n)
        } else {
            Array1::from_iter(0..n)
        });
    }
    if n <= MAX_FIT_ROWS {
        let dataset = DatasetBase::from(vectors.mapv(f64::from));
        return Ok(fit(&dataset, k, seed)?.predict(&dataset));
    }
    let sample: Vec<usize> = (0..MAX_FIT_ROWS).map(|i| i * n / MAX_FIT_ROWS).collect();
    let dataset = DatasetBase::from(vectors.select(Axis(0), &sample).mapv(f64::from));
    let centroids = fit(&dataset, k, seed)?.centroids().mapv(|x| x as f32);
    Ok(assign(vectors, &centroids))
}

fn fit(
    dataset: &DatasetBase<Array2<f64>, Array1<()>>,
    k: usize,
    seed: u64,
) -> Result<KMeans<f64, linfa_nn::distance::L2Dist>> {
    let rng = Xoshiro256Plus::seed_from_u64(seed);
    KMeans::params_with_rng(k, rng)
        .init_method(KMeansInit::KMeansPlusPlus)
        .n_runs(3)
        .max_n_iterations(50)
        .tolerance(1e-5)
        .fit(dataset)
        .map_err(|e| Error::Internal(format!("k-means failed: {e}")))
}

/// The nearest centroid of every row: argmax of x·c − |c|²/2.
fn assign(vectors: &Array2<f32>, centroids: &Array2<f32>) -> Array1<usize> {
    let half_norms: Vec<f32> = centroids
        .rows()
        .into_iter()
        .map(|c| c.dot(&c) / 2.0)
        .collect();
    let starts: Vec<usize> = (0..vectors.nrows()).step_by(BLOCK).collect();
    let labels: Vec<Vec<usize>> = starts
        .par_iter()
        .map(|&start| {
            let end = (start + BLOCK).min(vectors.nrows());
            let scores = vectors.slice(s![start..end, ..]).dot(&centroids.t());
            scores
                .rows()
                .into_iter()
                .map(|row| {
                    let mut best = (0, f32::NEG_INFINITY);
                    for (c, (&x, &h)) in row.iter().zip(&half_norms).enumerate() {
                        if x - h > best.1 {
                            best = (c, x - h);
                        }
                    }
                    best.0
                })
                .collect()
        })
        .collect();
    labels.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn separates_two_obvious_groups() {
        let v = array![[1.0f32, 0.0], [0.99, 0.1], [0.0, 1.0], [0.1, 0.99]];
        let labels = kmeans(&v, 2, 7).unwrap();
        assert_eq!(labels[0], labels[1]);
        assert_eq!(labels[2], labels[3]);
        assert_ne!(labels[0], labels[2]);
    }

    #[test]
    fn same_seed_same_labels() {
        let v = Array2::from_shape_fn((40, 3), |(i, j)| ((i * 7 + j * 3) % 11) as f32 / 11.0);
        assert_eq!(kmeans(&v, 4, 1).unwrap(), kmeans(&v, 4, 1).unwrap());
    }

    #[test]
    fn large_inputs_are_fitted_on_a_sample_and_every_row_assigned() {
        // Two tight groups, more rows than are fitted whole.
        let n = MAX_FIT_ROWS + 1000;
        let v = Array2::from_shape_fn((n, 2), |(i, j)| {
            let group = i % 2;
            let jitter = (i % 7) as f32 * 1e-3;
            if j == group {
                1.0 - jitter
            } else {
                jitter
            }
        });
        let labels = kmeans(&v, 2, 3).unwrap();
        assert_eq!(labels.len(), n);
        for i in 2..n {
            assert_eq!(labels[i], labels[i % 2], "row {i}");
        }
        assert_ne!(labels[0], labels[1]);
    }

    #[test]
    fn cluster_count_follows_budget() {
        let b = Budget {
            words: Some(100),
            sentences: None,
            bytes: None,
        };
        assert_eq!(cluster_count(200, &b), 10);
        assert_eq!(cluster_count(3, &b), 3);
        let s = Budget {
            words: None,
            sentences: Some(2),
            bytes: None,
        };
        assert_eq!(cluster_count(200, &s), 4);
    }
}
