//! Zero-copy reader for the compiled-in default model.
//!
//! finalfusion's reader copies every vocabulary word into its own `String` and hashes it with
//! SipHash: for 158k words that alone takes longer than the 50 ms a run may spend on the model.
//! Here the words stay `&'static str` slices of the embedded bytes, indexed by a fast
//! (non-DoS-resistant, fine for a fixed vocabulary) hash, and the product-quantisation codes are
//! read in place. Only the layout `embeddings/distill.py` writes is handled (SimpleVocab +
//! QuantizedArray with norms, no projection); anything else falls back to finalfusion.

use rustc_hash::FxHashMap;

type WordIndex = FxHashMap<&'static str, u32>;

/// The default model, borrowed from the binary's read-only data.
pub struct Builtin {
    index: WordIndex,
    n_words: usize,
    dims: usize,
    sub_dims: usize,
    n_sub: usize,
    n_centroids: usize,
    /// `n_sub × n_centroids × sub_dims` centroid coordinates.
    centroids: Vec<f32>,
    /// `n_words` little-endian f32 norms, in place.
    norms: &'static [u8],
    /// `n_words × n_sub` one-byte codes, in place.
    codes: &'static [u8],
    pub metadata: Option<&'static str>,
}

/// A little-endian cursor over the embedded bytes; `None` past the end.
struct Bytes {
    data: &'static [u8],
    pos: usize,
}

impl Bytes {
    fn take(&mut self, n: usize) -> Option<&'static [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.data.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Option<u64> {
        self.take(8)
            .map(|b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
    }
    fn f32s(&mut self, n: usize) -> Option<Vec<f32>> {
        let b = self.take(n.checked_mul(4)?)?;
        Some(
            b.chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
}

impl Builtin {
    /// Parse the layout distill.py writes; `None` for anything else (the caller falls back).
    pub fn parse(data: &'static [u8]) -> Option<Builtin> {
        let mut r = Bytes { data, pos: 0 };
        if r.take(4)? != b"FiFu" || r.u32()? != 0 {
            return None;
        }
        let n_chunks = r.u32()? as usize;
        let ids: Vec<u32> = (0..n_chunks).map(|_| r.u32()).collect::<Option<_>>()?;
        let mut metadata = None;
        let mut words: Option<(usize, WordIndex)> = None;
        let mut storage = None;
        for id in ids {
            if r.u32()? != id {
                return None;
            }
            let len = usize::try_from(r.u64()?).ok()?;
            let start = r.pos;
            match id {
                5 => metadata = Some(std::str::from_utf8(r.take(len)?).ok()?),
                1 => words = Some(vocabulary(&mut r)?),
                4 => storage = Some(quantized(&mut r)?),
                _ => return None,
            }
            if r.pos != start + len {
                return None;
            }
        }
        let (n_words, index) = words?;
        let q = storage?;
        // Codes index the centroids; with 256 centroids every byte is valid, and not scanning
        // the 10 MB of codes keeps their pages untouched until used.
        if q.rows != n_words
            || index.len() != n_words
            || (q.n_centroids < 256 && q.codes.iter().any(|&c| c as usize >= q.n_centroids))
        {
            return None;
        }
        Some(Builtin {
            index,
            n_words,
            dims: q.dims,
            sub_dims: q.dims / q.n_sub,
            n_sub: q.n_sub,
            n_centroids: q.n_centroids,
            centroids: q.centroids,
            norms: q.norms,
            codes: q.codes,
            metadata,
        })
    }

    pub fn idx(&self, word: &str) -> Option<usize> {
        self.index.get(word).map(|&i| i as usize)
    }

    pub fn len(&self) -> usize {
        self.n_words
    }

    pub fn dims(&self) -> usize {
        self.dims
    }

    /// Reconstruct row `idx` (direction from the codes, times the stored norm).
    pub fn embedding(&self, idx: usize) -> Vec<f32> {
        let mut out = Vec::with_capacity(self.dims);
        let codes = &self.codes[idx * self.n_sub..(idx + 1) * self.n_sub];
        for (s, &c) in codes.iter().enumerate() {
            let at = (s * self.n_centroids + c as usize) * self.sub_dims;
            out.extend_from_slice(&self.centroids[at..at + self.sub_dims]);
        }
        let b = &self.norms[4 * idx..4 * idx + 4];
        let norm = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        out.iter_mut().for_each(|x| *x *= norm);
        out
    }
}

/// The product-quantised storage chunk, in place.
struct Quantized {
    rows: usize,
    dims: usize,
    n_sub: usize,
    n_centroids: usize,
    centroids: Vec<f32>,
    norms: &'static [u8],
    codes: &'static [u8],
}

/// A SimpleVocab chunk: the number of words and their index.
fn vocabulary(r: &mut Bytes) -> Option<(usize, WordIndex)> {
    let n = usize::try_from(r.u64()?).ok()?;
    let mut index = WordIndex::with_capacity_and_hasher(n, Default::default());
    for i in 0..n {
        let l = r.u32()? as usize;
        let w = std::str::from_utf8(r.take(l)?).ok()?;
        index.insert(w, u32::try_from(i).ok()?);
    }
    Some((n, index))
}

/// A quantised-array chunk of the one layout the default model has: u8 codes, f32
/// reconstruction, no projection, norms present; anything else is `None`.
fn quantized(r: &mut Bytes) -> Option<Quantized> {
    let projection = r.u32()?;
    let has_norms = r.u32()?;
    let n_sub = r.u32()? as usize;
    let dims = r.u32()? as usize;
    let n_centroids = r.u32()? as usize;
    let rows = usize::try_from(r.u64()?).ok()?;
    if r.u32()? != 1 || r.u32()? != 10 || projection != 0 || has_norms != 1 {
        return None;
    }
    if n_sub == 0 || !dims.is_multiple_of(n_sub) || n_centroids == 0 || n_centroids > 256 {
        return None;
    }
    // finalfusion pads to 4 bytes, always 1-4 bytes (4 when aligned).
    r.take(4 - r.pos % 4)?;
    let centroids = r.f32s(n_sub * n_centroids * (dims / n_sub))?;
    let norms = r.take(rows.checked_mul(4)?)?;
    let codes = r.take(rows.checked_mul(n_sub)?)?;
    Some(Quantized {
        rows,
        dims,
        n_sub,
        n_centroids,
        centroids,
        norms,
        codes,
    })
}
