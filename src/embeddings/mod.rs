//! Word-embedding models: the default model compiled into the binary, and users' own models.
//! This is the one place where finalfusion's ndarray 0.15 meets the project's ndarray 0.16.

use crate::error::{Error, Result};
use finalfusion::prelude::*;
use finalfusion::vocab::Vocab;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// A loaded word-embedding model.
pub struct WordEmbeddings {
    inner: Embeddings<VocabWrap, StorageWrap>,
    name: String,
}

impl WordEmbeddings {
    /// Load a finalfusion model from `path`.
    pub fn load(path: &Path) -> Result<Self> {
        let file = File::open(path).map_err(|e| {
            Error::Embeddings(format!("cannot open embeddings {}: {e}", path.display()))
        })?;
        let mut reader = BufReader::new(file);
        let inner = Embeddings::read_embeddings(&mut reader).map_err(|e| {
            Error::Embeddings(format!("cannot read embeddings {}: {e}", path.display()))
        })?;
        Ok(WordEmbeddings {
            inner,
            name: path.display().to_string(),
        })
    }

    /// The model compiled into the binary (placeholder until the default model lands).
    pub fn default_model() -> Result<Self> {
        Err(Error::Embeddings(
            "no default model is compiled in yet; pass --embeddings PATH".into(),
        ))
    }

    /// The model's name as shown in run metadata.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn dims(&self) -> usize {
        self.inner.dims()
    }

    /// Add the vector of `word` into `out` (len = dims); false when the model has none.
    pub fn add_word_vector(&self, word: &str, out: &mut [f32], weight: f32) -> bool {
        match self.inner.embedding(word) {
            Some(v) => {
                for (o, x) in out.iter_mut().zip(v.iter()) {
                    *o += weight * x;
                }
                true
            }
            None => false,
        }
    }

    /// Estimated unigram probability of `word` (for SIF weights).
    pub fn word_probability(&self, word: &str) -> f32 {
        match self.inner.vocab().idx(word).and_then(|i| i.word()) {
            Some(rank) => 1.0 / (rank as f32 + 2.0) / 12.0,
            None => 1e-7,
        }
    }
}
