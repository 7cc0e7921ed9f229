//! Sentence vectors: SIF-weighted mean of word vectors (weight a/(a+p(w)), Arora et al. 2017)
//! with the batch's first principal component removed, L2-normalised.

use crate::embeddings::WordEmbeddings;
use ndarray::{Array1, Array2, Axis};

const SIF_A: f32 = 1e-3;

/// Turns sentences into vectors with one model.
pub struct SentenceEncoder<'m> {
    model: &'m WordEmbeddings,
}

/// Lower-cased word tokens, as the encoder sees them.
pub fn tokens(sentence: &str) -> Vec<String> {
    sentence
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|t| t.trim_matches(|c| c == '\'' || c == '-').to_lowercase())
        .filter(|t| !t.is_empty())
        .collect()
}

impl<'m> SentenceEncoder<'m> {
    pub fn new(model: &'m WordEmbeddings) -> Self {
        SentenceEncoder { model }
    }

    /// One row per sentence; rows are unit length (all-zero for a sentence with no known word).
    pub fn encode(&self, sentences: &[&str]) -> Array2<f32> {
        let dims = self.model.dims();
        let mut out = Array2::<f32>::zeros((sentences.len(), dims));
        for (mut row, sentence) in out.axis_iter_mut(Axis(0)).zip(sentences) {
            let buf = row
                .as_slice_mut()
                .expect("rows of a standard-layout array are contiguous");
            let mut total = 0.0;
            for token in tokens(sentence) {
                let p = self.model.word_probability(&token);
                let w = SIF_A / (SIF_A + p);
                if self.model.add_word_vector(&token, buf, w) {
                    total += w;
                }
            }
            if total > 0.0 {
                buf.iter_mut().for_each(|x| *x /= total);
            }
        }
        remove_first_component(&mut out);
        for mut row in out.axis_iter_mut(Axis(0)) {
            let norm = row.dot(&row).sqrt();
            if norm > 0.0 {
                row /= norm;
            }
        }
        out
    }
}

/// Subtract each row's projection on the first principal direction (power iteration).
fn remove_first_component(m: &mut Array2<f32>) {
    if m.nrows() < 2 {
        return;
    }
    let mut u = Array1::<f32>::from_elem(m.ncols(), 1.0 / (m.ncols() as f32).sqrt());
    for _ in 0..30 {
        let v = m.t().dot(&m.dot(&u));
        let n = v.dot(&v).sqrt();
        if n == 0.0 {
            return;
        }
        u = v / n;
    }
    let proj = m.dot(&u);
    for (mut row, p) in m.axis_iter_mut(Axis(0)).zip(proj.iter()) {
        row.scaled_add(-p, &u);
    }
}
