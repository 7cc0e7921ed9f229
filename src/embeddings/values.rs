//! Vectors must hold finite numbers: a `nan` or `inf` in a text model parses as a float and
//! would poison every sentence vector it touches, far from the file that caused it.

use super::Format;
use finalfusion::prelude::Embeddings;
use finalfusion::storage::{Storage, StorageView, StorageWrap};
use finalfusion::vocab::{Vocab, VocabWrap};

/// More dimensions than any word-embedding model has (the largest in use have 4,096): the
/// sentence encoder's d × d matrix would not fit in memory (a 100,000-d file asked for 40 GB).
pub const MAX_DIMS: usize = 8192;

/// A model's vectors must have between 1 and [`MAX_DIMS`] dimensions.
pub fn check_dims(e: &Embeddings<VocabWrap, StorageWrap>) -> std::result::Result<(), String> {
    let dims = e.dims();
    if dims == 0 || dims > MAX_DIMS {
        return Err(format!(
            "{dims}-dimensional vectors (newsdigest reads models of 1 to {MAX_DIMS} dimensions)"
        ));
    }
    Ok(())
}

/// The first row holding NaN or infinity, named by line (text formats) or row and word.
/// Dense in-memory and quantised storage and stored norms are checked; memory-mapped dense
/// storage is not scanned (that would read the whole file on every run): its rows are checked
/// when used (see `WordEmbeddings::whole`).
pub fn check_finite(
    e: &Embeddings<VocabWrap, StorageWrap>,
    format: Format,
) -> std::result::Result<(), String> {
    let bad_row = match e.storage() {
        StorageWrap::NdArray(a) => a
            .view()
            .outer_iter()
            .position(|row| row.iter().any(|x| !x.is_finite())),
        StorageWrap::QuantizedArray(_) | StorageWrap::MmapQuantizedArray(_) => quantized(e)?,
        _ => None,
    };
    let bad_norm = e
        .norms()
        .and_then(|n| n.iter().position(|x| !x.is_finite()));
    let Some(row) = [bad_row, bad_norm].into_iter().flatten().min() else {
        return Ok(());
    };
    let place = match format {
        Format::Text => format!("line {}", row + 1),
        Format::TextDims => format!("line {}", row + 2),
        _ => match e.vocab().words().get(row) {
            Some(word) => format!("row {} (word {word:?})", row + 1),
            None => format!("row {} (a subword bucket)", row + 1),
        },
    };
    Err(format!(
        "{place} holds a value that is not a finite number (NaN or infinity)"
    ))
}

/// Rebuild every quantised row: a code past the centroids would panic on first use, NaN in a
/// centroid spreads to every row using it. Codes are a byte or two a row, so this is quick.
fn quantized(e: &Embeddings<VocabWrap, StorageWrap>) -> std::result::Result<Option<usize>, String> {
    let rows = e.storage().shape().0;
    let scan = || (0..rows).position(|i| e.storage().embedding(i).iter().any(|x| !x.is_finite()));
    super::quiet_panic::catch(scan)
        .map_err(|_| "corrupt quantised storage (a code past its centroids)".to_string())
}
