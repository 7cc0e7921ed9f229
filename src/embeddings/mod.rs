//! Word-embedding models: the default model compiled into the binary, and users' own models
//! (finalfusion, word2vec binary, GloVe / word2vec text, fastText `.bin`, detected from the
//! file's content). This is the one place where finalfusion's ndarray 0.15 meets the project.
//!
//! Unknown words: a word is looked up whole; a word with `-` or `'` that is not in the
//! vocabulary is split there and each part looked up; otherwise, in a model whose vocabulary holds
//! BERT-style word pieces (`##` continuation entries, as the default model does), the word is
//! split greedily into the longest known pieces and their vectors are summed. fastText models
//! build unknown words from their character n-grams instead.

mod bounds;
mod builtin;
mod chunk_bounds;
mod detect;
mod quantize;
mod quiet_panic;
mod tempfiles;
mod tools;
mod values;

pub use tools::{convert, ModelInfo};

pub use detect::{detect, Format};

use crate::error::{Error, Result};
use crate::read;
use finalfusion::io::WriteEmbeddings;
use finalfusion::prelude::*;
use finalfusion::storage::{Storage, StorageWrap};
use finalfusion::vocab::{Vocab, VocabWrap, WordIndex};
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

/// The default model, compiled in (built by `embeddings/build.sh`, see `embeddings/README.md`).
static DEFAULT_MODEL: &[u8] = include_bytes!("../../embeddings/default.fifu");

/// Largest model read from a FIFO or device (a regular file is memory-mapped or read in
/// place, whatever its size); past it the stream is refused, not held in memory.
pub const MAX_STREAMED_MODEL_BYTES: u64 = 4 << 30;

/// Longest word piece tried when splitting an unknown word (BERT's pieces are shorter).
const MAX_PIECE_CHARS: usize = 24;

/// A loaded word-embedding model.
pub struct WordEmbeddings {
    inner: Backend,
    name: String,
    format: Format,
    /// The vocabulary holds `##` continuation pieces (BERT-style): unknown words are split.
    has_pieces: bool,
    /// Σ 1/(rank+2) over the vocabulary, so that rank-based probabilities sum to 1.
    zipf_total: f32,
}

/// Where the vectors live: finalfusion's types for users' files, or the zero-copy reader for
/// the compiled-in default (see `builtin.rs` for why).
enum Backend {
    Finalfusion(Box<Embeddings<VocabWrap, StorageWrap>>),
    Builtin(builtin::Builtin),
}

impl Backend {
    /// Row of `word` when the vocabulary holds it as a word.
    fn word_idx(&self, word: &str) -> Option<usize> {
        match self {
            Backend::Finalfusion(e) => match e.vocab().idx(word)? {
                WordIndex::Word(i) => Some(i),
                WordIndex::Subword(_) => None,
            },
            Backend::Builtin(b) => b.idx(word),
        }
    }

    fn words_len(&self) -> usize {
        match self {
            Backend::Finalfusion(e) => e.vocab().words_len(),
            Backend::Builtin(b) => b.len(),
        }
    }

    fn dims(&self) -> usize {
        match self {
            Backend::Finalfusion(e) => e.dims(),
            Backend::Builtin(b) => b.dims(),
        }
    }

    /// The stored vector of row `idx` (as stored: unit length when the file has a norms chunk).
    fn row(&self, idx: usize) -> Vec<f32> {
        match self {
            Backend::Finalfusion(e) => e.storage().embedding(idx).iter().copied().collect(),
            Backend::Builtin(b) => b.embedding(idx),
        }
    }

    /// The original norm of row `idx`, when the file keeps it apart from the vector.
    fn stored_norm(&self, idx: usize) -> Option<f32> {
        match self {
            Backend::Finalfusion(e) => e.norms().and_then(|n| n.get(idx).copied()),
            Backend::Builtin(_) => None,
        }
    }
}

/// One vector a token contributes to a sentence: unit length, with its stored norm and the
/// estimated probability of the word it stands for.
#[derive(Debug, Clone)]
pub struct WordVector {
    pub vector: Vec<f32>,
    pub norm: f32,
    pub probability: f32,
}

impl WordEmbeddings {
    /// The model compiled into the binary (read from memory: no file access).
    pub fn default_model() -> Result<Self> {
        let inner = match builtin::Builtin::parse(DEFAULT_MODEL) {
            Some(b) => Backend::Builtin(b),
            // A default file of another layout (e.g. rebuilt dense): finalfusion reads it.
            None => {
                let mut cursor = Cursor::new(DEFAULT_MODEL);
                let e: Embeddings<VocabWrap, StorageWrap> =
                    Embeddings::read_embeddings(&mut cursor).map_err(|e| {
                        Error::Embeddings(format!("cannot read the built-in embeddings: {e}"))
                    })?;
                Backend::Finalfusion(Box::new(e))
            }
        };
        let model = Self::wrap(inner, String::new(), Format::Finalfusion);
        let label = model
            .metadata_value("name")
            .unwrap_or_else(|| "minilm-distilled".to_string());
        Ok(WordEmbeddings {
            name: format!("default ({label})"),
            ..model
        })
    }

    /// Load a model from `path`, detecting its format from the content; finalfusion files are
    /// memory-mapped (so a large converted model opens in milliseconds).
    /// The model at `path`, or the compiled-in default when there is none.
    pub fn resolve(path: Option<&Path>) -> Result<Self> {
        match path {
            Some(path) => Self::load(path),
            None => Self::default_model(),
        }
    }

    pub fn load(path: &Path) -> Result<Self> {
        Self::load_with(path, true)
    }

    /// Load a model, memory-mapping finalfusion files only when `mmap` is set. A FIFO or
    /// device is read into memory instead, up to [`MAX_STREAMED_MODEL_BYTES`].
    pub fn load_with(path: &Path, mmap: bool) -> Result<Self> {
        Self::try_load(path, mmap).map_err(|what| {
            Error::Embeddings(format!("cannot read embeddings {}: {what}", path.display()))
        })
    }

    /// [`load_with`](Self::load_with), failing with the reason alone (for callers that name
    /// the file otherwise, as `convert` its temporary output).
    fn try_load(path: &Path, mmap: bool) -> std::result::Result<Self, String> {
        // stat, not open: opening a FIFO without a writer would block.
        let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
        if !meta.is_file() {
            let bytes = read_stream(path)?;
            let format = sniff(&mut Cursor::new(&bytes))?;
            return Self::try_from_bytes(bytes, format, &path.display().to_string());
        }
        let file = File::open(path).map_err(|e| e.to_string())?;
        let len = file.metadata().map_err(|e| e.to_string())?.len();
        let mut reader = BufReader::with_capacity(1 << 20, file);
        let format = sniff(&mut reader)?;
        let inner = checked_read(&mut reader, format, len, |r| match format {
            Format::Finalfusion if mmap => Embeddings::mmap_embeddings(r),
            _ => read_format(r, format),
        })?;
        Self::checked(inner, path.display().to_string(), format)
    }

    /// A model of `format` held in memory (a streamed file; the fuzz targets), with the same
    /// checks as [`WordEmbeddings::load`]; `name` labels it in errors and run metadata.
    pub fn from_bytes(bytes: Vec<u8>, format: Format, name: &str) -> Result<Self> {
        Self::try_from_bytes(bytes, format, name)
            .map_err(|what| Error::Embeddings(format!("cannot read embeddings {name}: {what}")))
    }

    fn try_from_bytes(
        bytes: Vec<u8>,
        format: Format,
        name: &str,
    ) -> std::result::Result<Self, String> {
        let len = bytes.len() as u64;
        let mut cursor = Cursor::new(bytes);
        let inner = checked_read(&mut cursor, format, len, |r| read_format(r, format))?;
        Self::checked(inner, name.to_string(), format)
    }

    /// The model, once its dimension and values pass the checks of `values.rs`.
    fn checked(
        inner: Embeddings<VocabWrap, StorageWrap>,
        name: String,
        format: Format,
    ) -> std::result::Result<Self, String> {
        values::check_dims(&inner)?;
        values::check_finite(&inner, format)?;
        Ok(Self::wrap(
            Backend::Finalfusion(Box::new(inner)),
            name,
            format,
        ))
    }

    fn wrap(inner: Backend, name: String, format: Format) -> Self {
        let simple = match &inner {
            Backend::Finalfusion(e) => matches!(e.vocab(), VocabWrap::SimpleVocab(_)),
            Backend::Builtin(_) => true,
        };
        let has_pieces = simple && inner.word_idx("##s").is_some();
        let n = inner.words_len();
        // Σ_{r=0}^{n-1} 1/(r+2) ≈ ln((n+1.5)/1.5): close enough for SIF weights.
        let zipf_total = ((n as f32 + 1.5) / 1.5).ln().max(1.0);
        WordEmbeddings {
            inner,
            name,
            format,
            has_pieces,
            zipf_total,
        }
    }

    /// The model's name as shown in run metadata.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn dims(&self) -> usize {
        self.inner.dims()
    }

    /// The format the model was read from.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Number of words in the vocabulary (without subword units).
    pub fn vocab_len(&self) -> usize {
        self.inner.words_len()
    }

    /// Does the vocabulary hold `word` itself (not through pieces or n-grams)?
    pub fn contains(&self, word: &str) -> bool {
        self.inner.word_idx(word).is_some()
    }

    /// Estimated unigram probability of `word` from its frequency rank, p ∝ 1/(rank+2)
    /// (vocabularies are stored most frequent first); unknown words rank last.
    pub fn word_probability(&self, word: &str) -> f32 {
        let rank = self.inner.word_idx(word).unwrap_or(self.vocab_len());
        1.0 / ((rank as f32 + 2.0) * self.zipf_total)
    }

    /// The vectors one token contributes (see the module doc for the lookup order); empty when
    /// the model knows nothing of it.
    pub fn lookup(&self, token: &str) -> Vec<WordVector> {
        if let Some(v) = self.whole(token) {
            return vec![v];
        }
        if token.contains(['-', '\'']) {
            return token
                .split(['-', '\''])
                .filter(|p| !p.is_empty())
                .filter_map(|p| self.whole(p).or_else(|| self.pieces(p)))
                .collect();
        }
        self.pieces(token).into_iter().collect()
    }

    /// The word's own vector (fastText: also built from n-grams for unknown words).
    fn whole(&self, word: &str) -> Option<WordVector> {
        let idx = self.inner.word_idx(word);
        let mut vector = match (&self.inner, idx) {
            (_, Some(i)) => self.inner.row(i),
            // fastText and other subword vocabularies build unknown words from n-grams.
            (Backend::Finalfusion(e), None) => e.embedding(word)?.iter().copied().collect(),
            (Backend::Builtin(_), None) => return None,
        };
        let len = l2_normalize(&mut vector);
        // A non-finite or huge row of a memory-mapped model (not scanned at load): unknown.
        if len == 0.0 || !values::usable_norm(len) {
            return None;
        }
        // Readers of text formats store unit vectors plus a norms chunk: use the original norm.
        let norm = idx.and_then(|i| self.inner.stored_norm(i)).unwrap_or(len);
        Some(WordVector {
            vector,
            norm,
            probability: self.word_probability(word),
        })
    }

    /// Greedy longest-match word pieces (BERT WordPiece order), vectors summed.
    fn pieces(&self, word: &str) -> Option<WordVector> {
        if !self.has_pieces {
            return None;
        }
        let chars: Vec<char> = word.chars().collect();
        let mut sum = vec![0f32; self.dims()];
        let (mut start, mut found, mut norm_sum) = (0, 0usize, 0f32);
        let mut candidate = String::new();
        while start < chars.len() {
            let mut matched = None;
            for end in (start + 1..=chars.len().min(start + MAX_PIECE_CHARS)).rev() {
                candidate.clear();
                if start > 0 {
                    candidate.push_str("##");
                }
                candidate.extend(&chars[start..end]);
                if let Some(i) = self.inner.word_idx(&candidate) {
                    matched = Some((end, i));
                    break;
                }
            }
            match matched {
                Some((end, i)) => {
                    let v = self.inner.row(i);
                    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
                    for (s, x) in sum.iter_mut().zip(v.iter()) {
                        *s += x;
                    }
                    norm_sum += n;
                    found += 1;
                    start = end;
                }
                // A character no piece starts with (BERT would give [UNK]): skip it.
                None => start += 1,
            }
        }
        let len = l2_normalize(&mut sum);
        if found == 0 || len == 0.0 || !len.is_finite() {
            return None;
        }
        Some(WordVector {
            vector: sum,
            norm: norm_sum / found as f32,
            probability: self.word_probability(word),
        })
    }

    /// The finalfusion form of a model read from a file (for `convert`).
    fn into_finalfusion(self) -> Result<Embeddings<VocabWrap, StorageWrap>> {
        match self.inner {
            Backend::Finalfusion(e) => Ok(*e),
            Backend::Builtin(_) => Err(Error::Embeddings(
                "the built-in model is already a finalfusion file (embeddings/default.fifu)".into(),
            )),
        }
    }
}

/// A FIFO or device read whole into memory; endless ones stop at the cap.
fn read_stream(path: &Path) -> std::result::Result<Vec<u8>, String> {
    let mut src = read::open_capped(path, MAX_STREAMED_MODEL_BYTES, read::Special::Read)
        .map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    // The head first, so that `/dev/zero` is refused as no model before it fills memory.
    (&mut src)
        .take(detect::SNIFF_BYTES as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    detect(&bytes).ok_or_else(not_a_model)?;
    src.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes)
}

fn not_a_model() -> String {
    "not a finalfusion, word2vec, GloVe/word2vec text or fastText model".into()
}

/// The format of the model `r` starts with; `r` is left at its start.
fn sniff<R: Read + Seek>(r: &mut R) -> std::result::Result<Format, String> {
    let mut head = Vec::with_capacity(detect::SNIFF_BYTES);
    r.take(detect::SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| e.to_string())?;
    if head.is_empty() {
        return Err("the file is empty".into());
    }
    let format = detect(&head).ok_or_else(not_a_model)?;
    r.seek(SeekFrom::Start(0)).map_err(|e| e.to_string())?;
    Ok(format)
}

/// Check the sizes the file announces (see `bounds.rs`), then `read` it.
fn checked_read<R: BufRead + Seek>(
    r: &mut R,
    format: Format,
    len: u64,
    read: impl FnOnce(&mut R) -> finalfusion::error::Result<Embeddings<VocabWrap, StorageWrap>>,
) -> std::result::Result<Embeddings<VocabWrap, StorageWrap>, String> {
    bounds::check(r, format, len)?;
    r.seek(SeekFrom::Start(0)).map_err(|e| e.to_string())?;
    // finalfusion asserts on some malformed inputs; such a panic is a corrupt file, not a bug.
    let read = quiet_panic::catch(|| read(r)).map_err(|why| {
        if why.contains("duplicate") {
            format!("corrupt {format} file: a word is listed twice")
        } else {
            format!("corrupt {format} file")
        }
    })?;
    let inner = read.map_err(|e| format!("invalid {format} file: {e}"))?;
    if inner.dims() == 0 || inner.vocab().words_len() == 0 {
        return Err("the model has no words or no dimensions".into());
    }
    // finalfusion does not check that the chunks agree; a lookup past the rows would panic.
    let rows = inner.storage().shape().0;
    let entries = inner.vocab().vocab_len();
    let norms = inner.norms().map_or(inner.vocab().words_len(), |n| n.len());
    if rows != entries || norms != inner.vocab().words_len() {
        return Err(format!(
            "corrupt {format} file: {entries} vocabulary entries, {rows} rows, {norms} norms"
        ));
    }
    Ok(inner)
}

fn read_format<R: BufRead + Seek>(
    reader: &mut R,
    format: Format,
) -> finalfusion::error::Result<Embeddings<VocabWrap, StorageWrap>> {
    Ok(match format {
        Format::Finalfusion => Embeddings::read_embeddings(reader)?,
        Format::FastText => Embeddings::read_fasttext(reader)?.into(),
        Format::Word2VecBinary => Embeddings::read_word2vec_binary_lossy(reader)?.into(),
        Format::TextDims => Embeddings::read_text_dims_lossy(reader)?.into(),
        Format::Text => Embeddings::read_text_lossy(reader)?.into(),
    })
}

fn l2_normalize(v: &mut [f32]) -> f32 {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_model_loads_with_pieces() {
        let m = WordEmbeddings::default_model().unwrap();
        assert!(m.dims() >= 64);
        assert!(m.name().starts_with("default"));
        assert!(m.has_pieces);
        assert!(!m.lookup("ceasefire").is_empty());
    }

    #[test]
    fn unknown_words_fall_back_to_pieces_and_parts() {
        let m = WordEmbeddings::default_model().unwrap();
        assert!(!m.contains("qzxwitkoffian"));
        assert_eq!(m.lookup("qzxwitkoffian").len(), 1);
        assert_eq!(m.lookup("putin's").len().max(1), m.lookup("putin's").len());
        assert!(m.lookup("").is_empty());
        for v in m.lookup("zaporizhzhia-based") {
            let n: f32 = v.vector.iter().map(|x| x * x).sum();
            assert!((n - 1.0).abs() < 1e-3);
        }
    }

    /// Counts the seeks made through it (each one empties a `BufReader`'s buffer).
    struct SeekCounter<R> {
        inner: R,
        seeks: usize,
    }

    impl<R: Read> Read for SeekCounter<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.inner.read(buf)
        }
    }

    impl<R: BufRead> BufRead for SeekCounter<R> {
        fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
            self.inner.fill_buf()
        }
        fn consume(&mut self, n: usize) {
            self.inner.consume(n)
        }
    }

    impl<R: Seek> Seek for SeekCounter<R> {
        fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
            self.seeks += 1;
            self.inner.seek(pos)
        }
    }

    /// Regression (loading `embeddings/default.fifu` with `--embeddings` took 8–14 s, a
    /// 400,000-word model 21 s: the size check seeked past every word of the vocabulary, and
    /// each seek emptied the 1 MiB read buffer).
    #[test]
    fn model_check_does_not_seek_once_per_word() {
        let mut r = SeekCounter {
            inner: Cursor::new(DEFAULT_MODEL),
            seeks: 0,
        };
        bounds::check(&mut r, Format::Finalfusion, DEFAULT_MODEL.len() as u64).unwrap();
        assert!(r.seeks < 100, "{} seeks", r.seeks);
    }

    #[test]
    fn builtin_reader_agrees_with_finalfusion() {
        let fast = builtin::Builtin::parse(DEFAULT_MODEL).expect("default model has the PQ layout");
        let ff: Embeddings<VocabWrap, StorageWrap> =
            Embeddings::read_embeddings(&mut Cursor::new(DEFAULT_MODEL)).unwrap();
        assert_eq!(fast.len(), ff.vocab().words_len());
        assert_eq!(fast.dims(), ff.dims());
        for word in [
            "the",
            "ceasefire",
            "kremlin",
            "zelenskyy",
            "##koff",
            "jeddah",
        ] {
            let i = fast.idx(word).unwrap();
            assert_eq!(Some(WordIndex::Word(i)), ff.vocab().idx(word));
            let (a, b) = (fast.embedding(i), ff.embedding(word).unwrap());
            for (x, y) in a.iter().zip(b.iter()) {
                assert!((x - y).abs() < 1e-5, "{word}: {x} vs {y}");
            }
        }
        assert_eq!(fast.idx("not-a-word-at-all"), None);
    }

    #[test]
    fn rank_probabilities_fall_with_rank() {
        let m = WordEmbeddings::default_model().unwrap();
        assert!(m.word_probability("the") > m.word_probability("ceasefire"));
        assert!(m.word_probability("ceasefire") > m.word_probability("qzxqzxqzx"));
    }
}

#[cfg(test)]
mod timing {
    #[test]
    #[ignore = "timing, run by hand"]
    fn default_load_time() {
        let mut times = Vec::new();
        for _ in 0..8 {
            let t = std::time::Instant::now();
            let m = super::WordEmbeddings::default_model().unwrap();
            times.push(t.elapsed().as_secs_f64() * 1e3);
            assert!(m.dims() > 0);
        }
        eprintln!("default model load, ms: {times:?}");
    }
}
