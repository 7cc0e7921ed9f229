//! Vectors must hold finite numbers of a sane size: a `nan` or `inf` in a text model parses as
//! a float, and a norm of 1e30 overflows once squared; either would poison every sentence
//! vector it touches, far from the file that caused it.

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
        return Err(too_many_dims(dims as u64));
    }
    Ok(())
}

/// Why a model of `dims` dimensions is refused.
pub fn too_many_dims(dims: u64) -> String {
    format!("{dims}-dimensional vectors (newsdigest reads models of 1 to {MAX_DIMS} dimensions)")
}

/// Largest vector norm read. Real models' norms are below 100; the encoder sums norm-weighted
/// vectors and squares the sums over every sentence, which must stay finite in f32 (a norm of
/// 1e30, finite, made k-means fail on -inf).
pub const MAX_NORM: f32 = 1e12;

/// What is wrong with a row.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fault {
    NotFinite,
    /// Its norm (possibly infinite: the squares overflowed) is past [`MAX_NORM`].
    TooLarge(f32),
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fault::NotFinite => f.write_str(
                "holds a value that is not a finite number (NaN or infinity, or past f32's range)",
            ),
            Fault::TooLarge(n) if n.is_infinite() => write!(
                f,
                "holds a value too large: its vector's norm overflows (norms up to {MAX_NORM:e} are read)"
            ),
            Fault::TooLarge(n) => write!(
                f,
                "holds values too large: its vector's norm is {n:.1e} (norms up to {MAX_NORM:e} are read)"
            ),
        }
    }
}

/// The fault of a vector, if any.
fn row_fault(row: impl IntoIterator<Item = f32>) -> Option<Fault> {
    let mut squares = 0f32;
    for x in row {
        if !x.is_finite() {
            return Some(Fault::NotFinite);
        }
        squares += x * x;
    }
    norm_fault(squares.sqrt())
}

/// The fault of a norm, if any.
fn norm_fault(norm: f32) -> Option<Fault> {
    match norm {
        n if n.is_nan() => Some(Fault::NotFinite),
        n if n > MAX_NORM => Some(Fault::TooLarge(n)),
        _ => None,
    }
}

/// Is a vector of this norm usable (finite, at most [`MAX_NORM`])? For rows not scanned at load.
pub fn usable_norm(norm: f32) -> bool {
    norm_fault(norm).is_none()
}

/// The first row holding NaN or infinity, or whose norm is past [`MAX_NORM`], named by line
/// (text formats) or row and word. Dense in-memory and quantised storage and stored norms are
/// checked; memory-mapped dense storage is not scanned (that would read the whole file on
/// every run): its rows are checked when used (see `WordEmbeddings::whole`).
pub fn check_finite(
    e: &Embeddings<VocabWrap, StorageWrap>,
    format: Format,
) -> std::result::Result<(), String> {
    let bad_row = match e.storage() {
        StorageWrap::NdArray(a) => a
            .view()
            .outer_iter()
            .enumerate()
            .find_map(|(i, row)| Some((i, row_fault(row.iter().copied())?))),
        StorageWrap::QuantizedArray(_) | StorageWrap::MmapQuantizedArray(_) => quantized(e)?,
        _ => None,
    };
    let bad_norm = e.norms().and_then(|n| {
        n.iter()
            .enumerate()
            .find_map(|(i, &x)| Some((i, norm_fault(x)?)))
    });
    // The row's own fault first: text readers store `inf` as a NaN row and an infinite norm.
    let bad = [bad_row, bad_norm]
        .into_iter()
        .flatten()
        .min_by_key(|(i, _)| *i);
    match bad {
        Some((row, fault)) => Err(format!("{} {fault}", place(e, format, row))),
        None => Ok(()),
    }
}

/// Where row `row` is in the file: its line (text formats), else its row and word.
pub fn place(e: &Embeddings<VocabWrap, StorageWrap>, format: Format, row: usize) -> String {
    match format {
        Format::Text => format!("line {}", row + 1),
        Format::TextDims => format!("line {}", row + 2),
        _ => match e.vocab().words().get(row) {
            Some(word) => format!("row {} (word {word:?})", row + 1),
            None => format!("row {} (a subword bucket)", row + 1),
        },
    }
}

/// Why `convert --quantize` cannot encode the model: its first all-zero row, named. The
/// quantiser stores directions, and a zero vector has none (it came out as NaN).
pub fn zero_row(e: &Embeddings<VocabWrap, StorageWrap>, format: Format) -> Option<String> {
    let StorageWrap::NdArray(a) = e.storage() else {
        return None;
    };
    let row = a
        .view()
        .outer_iter()
        .position(|r| r.iter().all(|&x| x == 0.0))?;
    let word = match format {
        Format::Text | Format::TextDims => e.vocab().words().get(row).map(|w| format!(" ({w:?})")),
        _ => None, // `place` names the word
    };
    Some(format!(
        "{}{} is all zeros, which has no direction to quantise (drop that line or row, or \
         convert without --quantize)",
        place(e, format, row),
        word.unwrap_or_default()
    ))
}

/// Rebuild every quantised row: a code past the centroids would panic on first use, NaN in a
/// centroid spreads to every row using it. Codes are a byte or two a row, so this is quick.
fn quantized(
    e: &Embeddings<VocabWrap, StorageWrap>,
) -> std::result::Result<Option<(usize, Fault)>, String> {
    let rows = e.storage().shape().0;
    let scan =
        || (0..rows).find_map(|i| Some((i, row_fault(e.storage().embedding(i).iter().copied())?)));
    super::quiet_panic::catch(scan)
        .map_err(|_| "corrupt quantised storage (a code past its centroids)".to_string())
}
