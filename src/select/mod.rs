//! select: choose the digest's sentences. Every method, newsdigest's own `cluster` method and
//! the baselines alike, implements [`Selector`] over one input value, the [`Corpus`]: the
//! articles, their sentences, the candidates among them and (for methods that ask for them)
//! the candidates' vectors and clusters. A method is one file: add it here and to
//! [`Method`].
//!
//! The baselines are implemented after their papers so that they are an honest yardstick:
//! [`lead`], [`random`], the TF-IDF [`centroid`] of MEAD (Radev et al. 2004) and continuous
//! [`lexrank`] (Erkan & Radev 2004). Every method picks from the same candidates and fills the
//! budget through the same [`Filler`].

use crate::config::{Method, SummaryConfig};
use crate::error::Result;
use crate::read::Article;
use crate::split::Sentence;
use ndarray::{Array1, Array2};
use serde::Serialize;

mod candidates;
pub use candidates::opens_with_back_reference;
mod centroid;
mod cluster;
mod concepts;
mod coverage;
mod filler;
mod focus;
mod lead;
mod lexrank;
mod near_copies;
mod objective;
mod quotation;
mod random;
mod superseded;
mod tfidf;

#[cfg(test)]
mod baseline_tests;

pub use candidates::{candidates, Candidate, MIN_WORDS};
pub use cluster::{ClusterMethod, Weights};
pub use filler::{Filler, MAX_COSINE};
pub use focus::{seen_concepts, Focus, FocusWeights};

/// The candidates' sentence vectors and k-means clusters (for methods that ask for them).
#[derive(Debug, Clone)]
pub struct Embedded {
    /// One unit-length row per candidate.
    pub vectors: Array2<f32>,
    /// Vectors of sentences already published (novelty): a candidate too close to one of them
    /// is never picked.
    pub avoid: Option<Array2<f32>>,
    /// Cluster label of each candidate.
    pub labels: Array1<usize>,
    /// The topic and what the reader has seen (`--topic`, `--seen`), when given.
    pub focus: Option<Focus>,
}

/// Everything a selection method may look at, built once by the pipeline.
#[derive(Debug, Clone, Copy)]
pub struct Corpus<'a> {
    pub articles: &'a [Article],
    pub sentences: &'a [Sentence],
    pub candidates: &'a [Candidate],
    /// Present when the method's [`Selector::needs_clusters`] is true.
    pub embedded: Option<&'a Embedded>,
    pub config: &'a SummaryConfig,
}

impl<'a> Corpus<'a> {
    /// The sentence behind candidate `c`.
    pub fn sentence(&self, c: usize) -> &'a Sentence {
        &self.sentences[self.candidates[c].sentence]
    }

    /// The article candidate `c` comes from.
    pub fn article(&self, c: usize) -> &'a Article {
        &self.articles[self.sentence(c).article]
    }
}

/// A way of choosing the digest's sentences.
pub trait Selector: Sync {
    /// Whether the pipeline must embed and cluster the candidates first.
    fn needs_clusters(&self) -> bool {
        false
    }

    fn select(&self, corpus: &Corpus) -> Result<Outcome>;
}

/// The selector behind `method`.
pub fn selector(method: Method) -> Box<dyn Selector> {
    match method {
        Method::Cluster => Box::new(ClusterMethod::default()),
        Method::Lead => Box::new(lead::Lead),
        Method::Centroid => Box::new(centroid::Centroid),
        Method::Lexrank => Box::new(lexrank::LexRank),
        Method::Random => Box::new(random::Random),
    }
}

/// A chosen candidate with the facts that explain the choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    pub candidate: usize,
    pub cluster: Option<usize>,
    pub cluster_size: usize,
    pub cluster_articles: usize,
    pub score: f32,
}

impl Pick {
    /// A pick outside any cluster (baselines).
    pub fn plain(candidate: usize, score: f32) -> Pick {
        Pick {
            candidate,
            cluster: None,
            cluster_size: 0,
            cluster_articles: 0,
            score,
        }
    }
}

/// What a selection method returns.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub picks: Vec<Pick>,
    pub explain: Option<Explain>,
}

/// Clusters, their weights and every candidate's score (`--explain`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explain {
    pub clusters: Vec<ClusterExplain>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterExplain {
    pub id: usize,
    pub size: usize,
    pub articles: usize,
    pub weight: f32,
    pub candidates: Vec<CandidateExplain>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateExplain {
    pub text: String,
    pub article: String,
    pub score: f32,
    pub chosen: bool,
}
