//! Product quantisation for `embeddings convert --quantize`.
//!
//! finalfusion trains its quantiser on every row, which takes tens of minutes for a large
//! model; k-means centroids need far fewer points, so this trains on an evenly spaced sample and
//! lets finalfusion encode all rows with the result.

use finalfusion::norms::NdNorms;
use finalfusion::prelude::Embeddings;
use finalfusion::storage::{NdArray, Quantize, StorageWrap};
use finalfusion::vocab::VocabWrap;
use ndarray015::{Array2, ArrayBase, Axis, Data, Ix2};
use rand::{CryptoRng, RngCore, SeedableRng};
use reductive::error::ReductiveError;
use reductive::pq::{Pq, TrainPq};

/// Rows the quantiser is trained on (at most).
const TRAIN_ROWS: usize = 40_000;

/// Sub-vector length aimed for: 4 dimensions per one-byte code (300 d → 75 bytes a word).
const DIMS_PER_SUBQUANTIZER: usize = 4;

struct SampledPq;

impl TrainPq<f32> for SampledPq {
    fn train_pq_using<S, R>(
        n_subquantizers: usize,
        n_subquantizer_bits: u32,
        n_iterations: usize,
        n_attempts: usize,
        instances: ArrayBase<S, Ix2>,
        rng: &mut R,
    ) -> Result<Pq<f32>, ReductiveError>
    where
        S: Sync + Data<Elem = f32>,
        R: CryptoRng + RngCore + SeedableRng + Send,
    {
        let n = instances.nrows();
        let sample: Array2<f32> = if n > TRAIN_ROWS {
            let step = n as f64 / TRAIN_ROWS as f64;
            let rows: Vec<usize> = (0..TRAIN_ROWS)
                .map(|i| (i as f64 * step) as usize)
                .collect();
            instances.select(Axis(0), &rows)
        } else {
            instances.to_owned()
        };
        Pq::train_pq_using(
            n_subquantizers,
            n_subquantizer_bits,
            n_iterations,
            n_attempts,
            sample.view(),
            rng,
        )
    }
}

/// Number of sub-quantisers for `dims`: the divisor of `dims` nearest to dims/4.
pub fn n_subquantizers(dims: usize) -> usize {
    let target = (dims / DIMS_PER_SUBQUANTIZER).max(1);
    (1..=dims)
        .filter(|&d| dims.is_multiple_of(d))
        .min_by_key(|d| d.abs_diff(target))
        .unwrap_or(1)
}

/// Fewest rows a model needs to be quantised (k-means wants more rows than centroids).
const MIN_ROWS: usize = 3;

/// Bits per code for `rows` rows: reductive refuses as many centroids (2^bits) as rows, so
/// 2^bits < rows; at most 8 (one byte a code).
fn centroid_bits(rows: usize) -> Option<u32> {
    (rows >= MIN_ROWS).then(|| (rows - 1).ilog2().min(8))
}

/// Quantise a dense model (norms kept exactly, directions product-quantised with 256 centroids
/// per sub-quantiser).
pub fn quantize(
    metadata: Option<finalfusion::metadata::Metadata>,
    vocab: VocabWrap,
    array: &NdArray,
    norms: Option<NdNorms>,
) -> Result<Embeddings<VocabWrap, StorageWrap>, String> {
    let (rows, dims) = finalfusion::storage::Storage::shape(array);
    let bits = centroid_bits(rows)
        .ok_or_else(|| format!("it has {rows} rows; the quantiser needs at least {MIN_ROWS}"))?;
    let quantized = array
        .quantize::<SampledPq>(n_subquantizers(dims), bits, 15, 1, true)
        .map_err(|e| e.to_string())?;
    let norms = norms.unwrap_or_else(|| NdNorms::new(ndarray015::Array1::ones(rows)));
    Ok(Embeddings::new(
        metadata,
        vocab,
        StorageWrap::QuantizedArray(Box::new(quantized)),
        norms,
    ))
}

#[cfg(test)]
mod tests {
    use super::{centroid_bits, n_subquantizers};

    #[test]
    fn fewer_centroids_than_rows() {
        assert_eq!(centroid_bits(2), None);
        for rows in 3..1000 {
            let bits = centroid_bits(rows).unwrap();
            assert!((1..=8).contains(&bits) && (1usize << bits) < rows, "{rows}");
        }
        assert_eq!(centroid_bits(100_000), Some(8));
    }

    #[test]
    fn subquantizers_divide_dims() {
        assert_eq!(n_subquantizers(300), 75);
        assert_eq!(n_subquantizers(256), 64);
        assert_eq!(n_subquantizers(50), 10);
        assert_eq!(n_subquantizers(3), 1);
        for d in 1usize..400 {
            assert!(d.is_multiple_of(n_subquantizers(d)));
        }
    }
}
