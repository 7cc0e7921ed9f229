//! Sentence vectors: SIF-weighted mean of word vectors (weight a/(a+p(w)), Arora et al. 2017)
//! with the batch's first principal component removed, L2-normalised. This is the code the
//! summariser uses and the code `newsdigest embeddings eval-sts` measures.

use crate::embeddings::WordEmbeddings;
use ndarray::{Array1, Array2, Axis};
use rayon::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

/// SIF smoothing constant: words with p(w) ≫ a weigh little (Arora et al. use 1e-3).
const SIF_A: f32 = 1e-3;

/// Below this many sentences the batch's first principal component is a poor estimate of the
/// common ("discourse") direction, and removing it would distort the few vectors there are.
pub const MIN_ROWS_FOR_PC_REMOVAL: usize = 8;

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\w+(?:['\-]\w+)*").unwrap_or_else(|e| unreachable!("constant regex: {e}"))
});

/// Lower-cased word tokens, as the encoder sees them: runs of letters/digits, joined by inner
/// `-` or `'` ("zaporizhzhia-based", "putin's"); typographic apostrophes count as `'`.
pub fn tokens(sentence: &str) -> Vec<String> {
    let lower = sentence
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'");
    TOKEN
        .find_iter(&lower)
        .map(|m| m.as_str().to_string())
        .collect()
}

/// How sentence vectors are formed (the defaults are what the summariser uses).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EncoderOptions {
    /// Remove the batch's first principal component (SIF's common-component removal).
    pub remove_first_component: bool,
    /// Multiply each word's SIF weight by its stored vector norm (distilled models keep
    /// salience in the norm).
    pub norm_weight: bool,
}

impl Default for EncoderOptions {
    fn default() -> Self {
        EncoderOptions {
            remove_first_component: true,
            norm_weight: true,
        }
    }
}

/// Turns sentences into vectors with one model.
pub struct SentenceEncoder<'m> {
    model: &'m WordEmbeddings,
    options: EncoderOptions,
}

impl<'m> SentenceEncoder<'m> {
    pub fn new(model: &'m WordEmbeddings) -> Self {
        Self::with_options(model, EncoderOptions::default())
    }

    pub fn with_options(model: &'m WordEmbeddings, options: EncoderOptions) -> Self {
        SentenceEncoder { model, options }
    }

    /// One row per sentence; rows are unit length (all-zero for a sentence with no known word).
    pub fn encode(&self, sentences: &[&str]) -> Array2<f32> {
        self.encode_batches(&[sentences])
            .pop()
            .unwrap_or_else(|| Array2::zeros((0, 0)))
    }

    /// [`encode`](Self::encode) for several batches that share one common component (removed
    /// from all of their rows), so that their vectors compare with each other.
    pub fn encode_batches(&self, batches: &[&[&str]]) -> Vec<Array2<f32>> {
        let mut out: Vec<Array2<f32>> = batches.iter().map(|b| self.mean_vectors(b)).collect();
        let rows: usize = out.iter().map(Array2::nrows).sum();
        if self.options.remove_first_component && rows >= MIN_ROWS_FOR_PC_REMOVAL {
            if let Some(u) = first_component(&out) {
                for m in &mut out {
                    remove_component(m, &u);
                }
            }
        }
        for m in &mut out {
            for mut row in m.axis_iter_mut(Axis(0)) {
                let norm = row.dot(&row).sqrt();
                if norm > 0.0 {
                    row /= norm;
                }
            }
        }
        out
    }

    /// SIF-weighted mean word vector of every sentence, in parallel blocks (each row is computed
    /// alone, so the result does not depend on the number of threads).
    fn mean_vectors(&self, sentences: &[&str]) -> Array2<f32> {
        let dims = self.model.dims();
        let mut data = vec![0f32; sentences.len() * dims];
        if dims > 0 {
            data.par_chunks_mut(dims * BLOCK)
                .zip(sentences.par_chunks(BLOCK))
                .for_each(|(rows, texts)| {
                    for (row, text) in rows.chunks_mut(dims).zip(texts) {
                        self.mean_vector(text, row);
                    }
                });
        }
        Array2::from_shape_vec((sentences.len(), dims), data)
            .unwrap_or_else(|_| unreachable!("the buffer holds rows × dims values"))
    }

    fn mean_vector(&self, sentence: &str, row: &mut [f32]) {
        let mut units = 0usize;
        for token in tokens(sentence) {
            for wv in self.model.lookup(&token) {
                let mut w = SIF_A / (SIF_A + wv.probability);
                if self.options.norm_weight {
                    w *= wv.norm;
                }
                for (o, x) in row.iter_mut().zip(&wv.vector) {
                    *o += w * x;
                }
                units += 1;
            }
        }
        if units > 0 {
            row.iter_mut().for_each(|x| *x /= units as f32);
        }
    }
}

/// Sentences per parallel block of the encoder.
const BLOCK: usize = 256;

/// The first principal direction of the rows of all `batches` (uncentred, as in SIF), by power
/// iteration on the d × d matrix MᵀM: one pass over the rows, whatever their number.
fn first_component(batches: &[Array2<f32>]) -> Option<Array1<f32>> {
    let d = batches.first()?.ncols();
    let mut gram = Array2::<f32>::zeros((d, d));
    for m in batches {
        gram += &m.t().dot(m);
    }
    let mut u = Array1::<f32>::from_elem(d, 1.0 / (d as f32).sqrt());
    for _ in 0..50 {
        let v = gram.dot(&u);
        let n = v.dot(&v).sqrt();
        if n == 0.0 {
            return None;
        }
        let next = v / n;
        let change = (&next - &u).mapv(f32::abs).sum();
        u = next;
        if change < 1e-6 {
            break;
        }
    }
    Some(u)
}

/// Subtract each row's projection on `u`.
fn remove_component(m: &mut Array2<f32>, u: &Array1<f32>) {
    let proj = m.dot(u);
    for (mut row, p) in m.axis_iter_mut(Axis(0)).zip(proj.iter()) {
        row.scaled_add(-p, u);
    }
}

/// Cosine similarity of two vectors (0 when either is zero).
pub fn cosine(a: ndarray::ArrayView1<f32>, b: ndarray::ArrayView1<f32>) -> f32 {
    let (na, nb) = (a.dot(&a).sqrt(), b.dot(&b).sqrt());
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        a.dot(&b) / (na * nb)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn tokens_keep_inner_hyphens_and_apostrophes() {
        assert_eq!(
            tokens("Putin’s Zaporizhzhia-based envoy, Witkoff (R-FL) — 28-point plan!"),
            vec![
                "putin's",
                "zaporizhzhia-based",
                "envoy",
                "witkoff",
                "r-fl",
                "28-point",
                "plan"
            ]
        );
        assert!(tokens(" -- ... ").is_empty());
    }

    #[test]
    fn first_component_removal_removes_shared_direction() {
        let mut m = array![
            [1.0f32, 0.1, 0.0],
            [1.0, -0.1, 0.0],
            [1.0, 0.0, 0.1],
            [1.0, 0.0, -0.1]
        ];
        let u = first_component(std::slice::from_ref(&m)).unwrap();
        remove_component(&mut m, &u);
        for row in m.rows() {
            assert!(row[0].abs() < 1e-3, "{row}");
        }
    }

    #[test]
    fn rows_are_unit_or_zero() {
        let model = WordEmbeddings::default_model().unwrap();
        let enc = SentenceEncoder::new(&model);
        let s = [
            "The ceasefire talks in Jeddah resumed.",
            "",
            "!!!",
            "Kremlin aide Ushakov spoke.",
        ];
        let m = enc.encode(&s);
        assert_eq!(m.nrows(), 4);
        for (i, row) in m.rows().into_iter().enumerate() {
            let n = row.dot(&row).sqrt();
            if i == 1 || i == 2 {
                assert_eq!(n, 0.0);
            } else {
                assert!((n - 1.0).abs() < 1e-4);
            }
        }
    }

    #[test]
    fn paraphrases_are_closer_than_unrelated_sentences() {
        let model = WordEmbeddings::default_model().unwrap();
        let enc = SentenceEncoder::new(&model);
        let m = enc.encode(&[
            "Russia and Ukraine agreed to a ceasefire.",
            "Moscow and Kyiv accepted a truce.",
            "The recipe needs two cups of flour and an egg.",
        ]);
        let close = cosine(m.row(0), m.row(1));
        let far = cosine(m.row(0), m.row(2));
        assert!(close > far + 0.1, "paraphrase {close} vs unrelated {far}");
    }
}
