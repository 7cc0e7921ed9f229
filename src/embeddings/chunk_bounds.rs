//! The counts inside each finalfusion chunk, checked against the chunk's length before
//! finalfusion allocates by them (see `bounds.rs` for why). Layouts follow finalfusion 0.18's
//! chunk readers; the reader is positioned just after the chunk's id and length.

use std::io::{Read, Seek, SeekFrom};

type Check = std::result::Result<(), String>;

const SIMPLE_VOCAB: u64 = 1;
const ND_ARRAY: u64 = 2;
const BUCKET_VOCAB: u64 = 3;
const QUANTIZED_ARRAY: u64 = 4;
const ND_NORMS: u64 = 6;
const FASTTEXT_VOCAB: u64 = 7;
const EXPLICIT_VOCAB: u64 = 8;
const FLORET_VOCAB: u64 = 9;

fn u32_of<R: Read>(r: &mut R) -> std::result::Result<u64, String> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b).map_err(|_| "truncated".to_string())?;
    Ok(u32::from_le_bytes(b) as u64)
}

fn u64_of<R: Read>(r: &mut R) -> std::result::Result<u64, String> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b).map_err(|_| "truncated".to_string())?;
    Ok(u64::from_le_bytes(b))
}

/// `product` bytes (computed without overflow) must fit in the chunk's `len`.
fn within(product: u128, len: u64, what: &str) -> Check {
    if product > len as u128 {
        return Err(format!("{what} needs {product} bytes, the chunk has {len}"));
    }
    Ok(())
}

/// Check one chunk of type `id` and length `len`. finalfusion reads chunks one after another
/// by their content, not their length: a chunk whose content ends elsewhere than its length
/// says would make finalfusion read the next chunk from other bytes than checked here, so the
/// two must agree.
pub fn check_chunk<R: Read + Seek>(r: &mut R, id: u64, len: u64) -> Check {
    let start = r.stream_position().map_err(|e| e.to_string())?;
    check_content(r, id, len)?;
    let used = r.stream_position().map_err(|e| e.to_string())? - start;
    if matches!(
        id,
        SIMPLE_VOCAB
            | BUCKET_VOCAB
            | FASTTEXT_VOCAB
            | EXPLICIT_VOCAB
            | FLORET_VOCAB
            | ND_ARRAY
            | ND_NORMS
            | QUANTIZED_ARRAY
    ) && used != len
    {
        return Err(format!(
            "its content takes {used} bytes, its length says {len}"
        ));
    }
    Ok(())
}

fn check_content<R: Read + Seek>(r: &mut R, id: u64, len: u64) -> Check {
    match id {
        SIMPLE_VOCAB => {
            let words = u64_of(r)?;
            strings(r, words, 0, len, "vocabulary")
        }
        BUCKET_VOCAB | FASTTEXT_VOCAB => {
            let words = u64_of(r)?;
            let _min_max = (u32_of(r)?, u32_of(r)?);
            let buckets_exp = u32_of(r)?;
            if buckets_exp >= 64 {
                return Err(format!("2^{buckets_exp} buckets"));
            }
            strings(r, words, 0, len, "vocabulary")
        }
        EXPLICIT_VOCAB => {
            let (words, ngrams) = (u64_of(r)?, u64_of(r)?);
            let _min_max = (u32_of(r)?, u32_of(r)?);
            strings(r, words, 0, len, "vocabulary")?;
            strings(r, ngrams, 8, len, "n-gram list")
        }
        ND_ARRAY => {
            let (rows, cols, _type) = (u64_of(r)?, u32_of(r)?, u32_of(r)?);
            let bytes = rows as u128 * cols as u128 * 4;
            within(bytes, len, "the matrix")?;
            skip_padded(r, bytes)
        }
        ND_NORMS => {
            let (n, _type) = (u64_of(r)?, u32_of(r)?);
            within(n as u128 * 4, len, "the norms")?;
            skip_padded(r, n as u128 * 4)
        }
        FLORET_VOCAB => {
            // min_n, max_n (u32), buckets (u64), hashes, seed (u32), then two boundary markers.
            let _fields = (u32_of(r)?, u32_of(r)?, u64_of(r)?, u32_of(r)?, u32_of(r)?);
            strings(r, 2, 0, len, "word boundary markers")
        }
        QUANTIZED_ARRAY => quantized(r, len),
        _ => Ok(()),
    }
}

/// Skip finalfusion's alignment padding (for f32 data) and then `bytes` of data.
fn skip_padded<R: Seek>(r: &mut R, bytes: u128) -> Check {
    let pos = r.stream_position().map_err(|e| e.to_string())?;
    // finalfusion's formula: 1 to 4 bytes, 4 when already aligned.
    let padding = 4 - pos % 4;
    let skip = i64::try_from(bytes).map_err(|_| "too large".to_string())? + padding as i64;
    r.seek(SeekFrom::Current(skip)).map_err(|e| e.to_string())?;
    Ok(())
}

/// `count` length-prefixed strings, each followed by `extra` bytes, inside `len`.
fn strings<R: Read + Seek>(r: &mut R, count: u64, extra: u64, len: u64, what: &str) -> Check {
    within(count as u128 * (4 + extra) as u128, len, what)?;
    let mut used = 0u64;
    for i in 0..count {
        let n = u32_of(r).map_err(|_| format!("{what} truncated at entry {}", i + 1))?;
        used = used.saturating_add(4 + n + extra);
        if used > len {
            return Err(format!("{what} entry {} runs past the chunk", i + 1));
        }
        // Skipped by reading, not seeking: a seek empties a `BufReader`'s buffer, and one
        // refill per word made loading a 157,723-word model take 8–14 s.
        std::io::copy(&mut r.by_ref().take(n + extra), &mut std::io::sink())
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Product-quantised storage: projection, sub-quantisers, norms and codes, skipped as
/// finalfusion reads them (after two data-type tags and its padding).
fn quantized<R: Read + Seek>(r: &mut R, len: u64) -> Check {
    let (projection, norms) = (u32_of(r)? != 0, u32_of(r)? != 0);
    let (quantized_len, reconstructed_len) = (u32_of(r)? as u128, u32_of(r)? as u128);
    let (centroids, embeddings) = (u32_of(r)? as u128, u64_of(r)? as u128);
    let _types = (u32_of(r)?, u32_of(r)?);
    let per = reconstructed_len
        .checked_div(quantized_len)
        .ok_or_else(|| "quantised length 0".to_string())?;
    let parts = [
        (
            u128::from(projection) * reconstructed_len * reconstructed_len * 4,
            "the projection",
        ),
        (quantized_len * centroids * per * 4, "the quantisers"),
        (u128::from(norms) * embeddings * 4, "the norms"),
        (embeddings * quantized_len, "the codes"),
    ];
    for (bytes, what) in parts {
        within(bytes, len, what)?;
    }
    skip_padded(r, parts.iter().map(|p| p.0).sum())
}
