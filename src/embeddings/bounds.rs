//! Size checks run before a model file reaches finalfusion.
//!
//! finalfusion allocates what a file's headers announce (`N × D` floats for a word2vec header,
//! a vocabulary of `len` strings for a chunk) before reading a byte of it: a corrupt header of
//! 10^12 words aborts the process ("memory allocation failed"), which no `catch_unwind` stops.
//! So every count that sizes an allocation is checked here against the bytes that could hold
//! it; text formats are also checked for rows of differing width, naming the line.

use super::values::{too_many_dims, MAX_DIMS};
use super::Format;
use std::io::{BufRead, Read, Seek, SeekFrom};

type Check = std::result::Result<(), String>;

/// Check `r` (positioned at its start, `file_len` bytes long) for `format`.
pub fn check<R: BufRead + Seek>(r: &mut R, format: Format, file_len: u64) -> Check {
    if file_len == 0 {
        // finalfusion's text reader divides by the number of lines.
        return Err("the file is empty".into());
    }
    match format {
        Format::Finalfusion => check_chunks(r, file_len),
        Format::FastText => check_fasttext(r, file_len),
        Format::Word2VecBinary => {
            let (n, d) = dims_header(r)?;
            // Each entry: a word of at least one byte, a space and D little-endian f32s.
            let words = format!("words of {d} dimensions");
            fits(n, 4 * d as u128 + 2, file_len, "word2vec header", &words)
        }
        Format::TextDims => {
            let (n, d) = dims_header(r)?;
            // Each line: a word and D numbers, each at least one byte after a separator.
            let words = format!("words of {d} dimensions");
            fits(n, 2 * d as u128 + 1, file_len + 1, "text header", &words)?;
            check_text_rows(r, Some(d), 2)
        }
        Format::Text => check_text_rows(r, None, 1),
    }
}

/// `count` `items` of at least `each` bytes (as announced by `what`) must fit in `room` bytes.
fn fits(count: u64, each: u128, room: u64, what: &str, items: &str) -> Check {
    // u128: a header's `D` may be near u64::MAX, and 4 × D must not wrap.
    if (count as u128).saturating_mul(each) > room as u128 {
        return Err(format!(
            "corrupt {what}: {count} {items} cannot fit in {room} bytes"
        ));
    }
    Ok(())
}

/// The `N D` first line of word2vec files, split as finalfusion splits it (at the first space,
/// then the newline), so that both read the same numbers.
fn dims_header<R: BufRead>(r: &mut R) -> std::result::Result<(u64, u64), String> {
    let corrupt = || "corrupt header: expected `WORDS DIMENSIONS` on the first line".to_string();
    let mut line = Vec::new();
    r.take(4096)
        .read_until(b'\n', &mut line)
        .map_err(|e| e.to_string())?;
    let line = line.strip_suffix(b"\n").ok_or_else(corrupt)?;
    let text = std::str::from_utf8(line).map_err(|_| corrupt())?;
    let (n, d) = text.split_once(' ').ok_or_else(corrupt)?;
    match (n.parse::<u64>(), d.parse::<u64>()) {
        // The dimension count, not the word count, is at fault (a 9,000-d file is no less
        // refused than a corrupt `18 999999999`).
        (Ok(_), Ok(d)) if d > MAX_DIMS as u64 => {
            Err(format!("header `{text}`: {}", too_many_dims(d)))
        }
        (Ok(n), Ok(d)) => Ok((n, d)),
        _ => Err(corrupt()),
    }
}

/// Every line after the header holds a UTF-8 word and the same number of values.
fn check_text_rows<R: BufRead>(r: &mut R, dims: Option<u64>, first_line: usize) -> Check {
    let mut width = dims;
    let mut line = Vec::new();
    for number in first_line.. {
        line.clear();
        if r.read_until(b'\n', &mut line).map_err(|e| e.to_string())? == 0 {
            return Ok(());
        }
        let mut fields = line
            .split(u8::is_ascii_whitespace)
            .filter(|f| !f.is_empty());
        // finalfusion would read a Latin-1 word as U+FFFD, silently another word.
        if fields
            .next()
            .is_some_and(|w| std::str::from_utf8(w).is_err())
        {
            return Err(format!(
                "line {number}: the word is not UTF-8 text (re-encode the model, e.g. with iconv)"
            ));
        }
        let values = fields.count() as u64;
        if width.is_none() && values > MAX_DIMS as u64 {
            // Before finalfusion reads the file: a genuine model too wide for the encoder.
            return Err(too_many_dims(values));
        }
        match width {
            Some(w) if w != values => {
                return Err(format!(
                    "line {number} has {values} values, expected {w} (rows of differing dimension)"
                ))
            }
            Some(_) => {}
            None => width = Some(values),
        }
    }
    Ok(())
}

fn u32_at<R: Read>(r: &mut R) -> std::result::Result<u64, String> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b).map_err(|_| "truncated".to_string())?;
    Ok(u32::from_le_bytes(b) as u64)
}

fn u64_at<R: Read>(r: &mut R) -> std::result::Result<u64, String> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b).map_err(|_| "truncated".to_string())?;
    Ok(u64::from_le_bytes(b))
}

fn seek<R: Seek>(r: &mut R, pos: u64) -> Check {
    r.seek(SeekFrom::Start(pos))
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Walk a finalfusion file's chunk table: every chunk lies inside the file and every count in
/// it fits the chunk.
fn check_chunks<R: Read + Seek>(r: &mut R, file_len: u64) -> Check {
    let mut head = [0u8; 12];
    r.read_exact(&mut head)
        .map_err(|_| "truncated finalfusion header".to_string())?;
    let n_chunks = u32::from_le_bytes([head[8], head[9], head[10], head[11]]) as u64;
    if n_chunks == 0 || n_chunks > 16 {
        return Err(format!("corrupt finalfusion header ({n_chunks} chunks)"));
    }
    let mut pos = 12 + 4 * n_chunks;
    for i in 1..=n_chunks {
        seek(r, pos)?;
        let missing = |_| format!("truncated: chunk {i} of {n_chunks} is missing");
        let id = u32_at(r).map_err(missing)?;
        let len = u64_at(r).map_err(missing)?;
        pos = pos
            .checked_add(12)
            .and_then(|p| p.checked_add(len))
            .ok_or_else(|| "corrupt chunk length".to_string())?;
        if pos > file_len {
            return Err(format!(
                "truncated: chunk {i} of {n_chunks} needs {pos} bytes, the file has {file_len}"
            ));
        }
        super::chunk_bounds::check_chunk(r, id, len)
            .map_err(|e| format!("corrupt chunk {i} of {n_chunks}: {e}"))?;
    }
    Ok(())
}

/// fastText `.bin`: the vocabulary count, each word, then the matrix shape, against the file.
fn check_fasttext<R: BufRead>(r: &mut R, file_len: u64) -> Check {
    let corrupt = |e: String| format!("corrupt fastText file: {e}");
    // Magic, version, 12 u32 settings and the sampling threshold (f64).
    let mut fixed = [0u8; 64];
    r.read_exact(&mut fixed)
        .map_err(|_| corrupt("truncated header".into()))?;
    let size = u32_at(r).map_err(corrupt)?;
    let mut rest = [0u8; 24]; // words, labels (u32), tokens (u64), pruned-index size (i64)
    r.read_exact(&mut rest)
        .map_err(|_| corrupt("truncated dictionary header".into()))?;
    // Each entry: a NUL-terminated word, a u64 count and a u8 type.
    fits(size, 10, file_len, "fastText dictionary", "entries")?;
    let mut word = Vec::new();
    let mut skip = [0u8; 9];
    for i in 0..size {
        word.clear();
        let n = r
            .read_until(0, &mut word)
            .map_err(|e| corrupt(e.to_string()))?;
        if n == 0 || word.last() != Some(&0) || r.read_exact(&mut skip).is_err() {
            return Err(corrupt(format!("truncated at dictionary entry {}", i + 1)));
        }
    }
    let mut quantized = [0u8; 1];
    r.read_exact(&mut quantized)
        .map_err(|_| corrupt("truncated after the dictionary".into()))?;
    if quantized[0] == 1 {
        return Ok(()); // finalfusion refuses quantised fastText models itself (and only 1)
    }
    let (rows, cols) = (u64_at(r).map_err(corrupt)?, u64_at(r).map_err(corrupt)?);
    if (rows as u128 * cols as u128).saturating_mul(4) > file_len as u128 {
        return Err(corrupt(format!(
            "a {rows} × {cols} matrix cannot fit in {file_len} bytes"
        )));
    }
    Ok(())
}
