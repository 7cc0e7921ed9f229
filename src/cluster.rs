//! cluster: group sentence vectors with linfa's KMeans (k-means++ init, several seeded runs).
//! Vectors are unit length, so Euclidean distance orders pairs as cosine similarity does.

use crate::config::Budget;
use crate::error::{Error, Result};
use linfa::prelude::*;
use linfa_clustering::{KMeans, KMeansInit};
use ndarray::{Array1, Array2};
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256Plus;

/// Typical length of a picked news sentence, used to turn a word/byte budget into a number of
/// clusters (one pick per cluster, plus slack for clusters that yield nothing new).
const WORDS_PER_PICK: usize = 22;
const BYTES_PER_PICK: usize = 140;

/// How many clusters to form for `n` candidate sentences under `budget`.
pub fn cluster_count(n: usize, budget: &Budget) -> usize {
    let by_words = budget.words.map(|w| w.div_ceil(WORDS_PER_PICK));
    let by_bytes = budget.bytes.map(|b| b.div_ceil(BYTES_PER_PICK));
    let picks = [by_words, by_bytes, budget.sentences]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(5);
    // Twice the picks: small clusters absorb outliers, so the big ones stay coherent.
    (2 * picks.max(1)).clamp(1, n.max(1))
}

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
    let data: Array2<f64> = vectors.mapv(f64::from);
    let dataset = DatasetBase::from(data);
    let rng = Xoshiro256Plus::seed_from_u64(seed);
    let model = KMeans::params_with_rng(k, rng)
        .init_method(KMeansInit::KMeansPlusPlus)
        .n_runs(3)
        .max_n_iterations(50)
        .tolerance(1e-5)
        .fit(&dataset)
        .map_err(|e| Error::Internal(format!("k-means failed: {e}")))?;
    Ok(model.predict(&dataset))
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
