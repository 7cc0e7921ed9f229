//! The summariser end to end: read articles in, a [`Digest`] out. Each stage is its own module;
//! this one only chains them, so data flows one way:
//! clean → split → (embed → cluster → select | a baseline) → order.

use crate::baseline;
use crate::clean;
use crate::cluster;
use crate::config::{Method, SummaryConfig};
use crate::embed::SentenceEncoder;
use crate::embeddings::WordEmbeddings;
use crate::error::{Error, Result};
use crate::novelty;
use crate::read::Article;
use crate::select::objective::Weights;
use crate::select::{self, Candidate, Pick};
use crate::split;
use serde::Serialize;

/// A sentence of the cleaned input, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentence {
    /// Index of its article in the input list.
    pub article: usize,
    /// 0-based position of the sentence in its (cleaned) article.
    pub position: usize,
    pub text: String,
}

/// Where a digest sentence comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
}

impl Source {
    fn of(article: &Article) -> Self {
        Source {
            id: article.id.clone(),
            title: article.title.clone(),
            url: article.url.clone(),
            outlet: article.source.clone(),
        }
    }
}

/// One sentence of the digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DigestSentence {
    pub text: String,
    pub source: Source,
    /// 0-based position of the sentence in its article.
    pub position: usize,
    /// Other articles that carry the same sentence (or a near-copy of it).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_in: Vec<Source>,
    /// Cluster the sentence represents (the `cluster` method only).
    pub cluster: Option<usize>,
    pub cluster_size: usize,
    /// Distinct articles (outlets counted once) with a sentence in that cluster.
    pub cluster_articles: usize,
    pub score: f32,
}

/// Facts about the run, for the JSON output and logs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunMeta {
    pub inputs: usize,
    /// Articles dropped as copies of another input (syndication, re-saves).
    pub duplicate_articles: usize,
    pub sentences_total: usize,
    pub sentences_kept: usize,
    /// Sentences (and lines) removed by cleaning as boilerplate or repeats.
    pub sentences_dropped: usize,
    pub model: String,
    pub method: Method,
    pub seed: u64,
}

/// The result of summarising.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Digest {
    /// Title for rendered formats.
    pub title: String,
    pub sentences: Vec<DigestSentence>,
    pub meta: RunMeta,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<select::Explain>,
    /// [`novelty::sentence_key`]s of the input's sentences, for `run` to remember.
    #[serde(skip)]
    pub input_keys: Vec<String>,
}

/// Summarise `articles` under `config`.
pub fn summarize(
    articles: &[Article],
    config: &SummaryConfig,
    model: &WordEmbeddings,
) -> Result<Digest> {
    summarize_with_weights(articles, config, model, &Weights::default())
}

/// [`summarize`] with other weights for the `cluster` method's objective (for tuning).
pub fn summarize_with_weights(
    articles: &[Article],
    config: &SummaryConfig,
    model: &WordEmbeddings,
    weights: &Weights,
) -> Result<Digest> {
    if articles.is_empty() {
        return Err(Error::Input("no articles to summarise".into()));
    }
    let cleaned = clean::clean(articles);
    let mut sentences = Vec::new();
    let mut split_total = 0;
    for doc in &cleaned.documents {
        let mut position = 0;
        for paragraph in &doc.paragraphs {
            for text in split::sentences(paragraph) {
                split_total += 1;
                sentences.push(Sentence {
                    article: doc.article,
                    position,
                    text,
                });
                position += 1;
            }
        }
    }
    // Across runs: what recent digests published, or their articles said, is not news again.
    let input_keys = novelty::sentence_keys(sentences.iter().map(|s| s.text.as_str()));
    sentences.retain(|s| !config.novelty.is_old(&s.text));
    let candidates = select::candidates(&sentences);
    if candidates.is_empty() {
        return Err(Error::Input(
            "the inputs hold no usable sentence after cleaning".into(),
        ));
    }
    let outcome = match config.method {
        Method::Cluster => {
            let encoder = SentenceEncoder::new(model);
            let texts: Vec<&str> = candidates
                .iter()
                .map(|c| sentences[c.sentence].text.as_str())
                .collect();
            // One batch for candidates and already-published sentences: the common component
            // removed from SIF vectors depends on the batch, and both sides must share it.
            let batch: Vec<&str> = texts
                .iter()
                .copied()
                .chain(config.novelty.published().iter().map(String::as_str))
                .collect();
            let encoded = encoder.encode(&batch);
            let vectors = encoded.slice(ndarray::s![..texts.len(), ..]).to_owned();
            let avoid_vectors = (!config.novelty.published().is_empty())
                .then(|| encoded.slice(ndarray::s![texts.len().., ..]).to_owned());
            let k = cluster::cluster_count(candidates.len(), &config.budget);
            let assignment = cluster::kmeans(&vectors, k, config.seed)?;
            select::objective::by_objective(
                &sentences,
                articles,
                &candidates,
                &vectors,
                &assignment,
                avoid_vectors.as_ref(),
                config,
                weights,
            )
        }
        Method::Lead => {
            let published: Vec<Option<i64>> = articles
                .iter()
                .map(|a| a.published.map(|d| d.timestamp()))
                .collect();
            baseline::lead_dated(&sentences, &candidates, &published, config)
        }
        Method::Random => baseline::random(&sentences, &candidates, config),
        Method::Centroid => baseline::centroid(&sentences, &candidates, config),
        Method::Lexrank => baseline::lexrank(&sentences, &candidates, config),
    };
    let digest_sentences = order(outcome.picks, &sentences, articles, &candidates);
    let kept = candidates.len();
    Ok(Digest {
        title: digest_title(articles),
        sentences: digest_sentences,
        meta: RunMeta {
            inputs: articles.len(),
            duplicate_articles: cleaned.duplicate_articles,
            sentences_total: split_total + cleaned.dropped_blocks,
            sentences_kept: kept,
            sentences_dropped: split_total + cleaned.dropped_blocks - kept,
            model: model.name().to_string(),
            method: config.method,
            seed: config.seed,
        },
        explain: if config.explain {
            outcome.explain
        } else {
            None
        },
        input_keys,
    })
}

/// Reading order: by article publication date where known (undated articles after dated ones),
/// then input order, then position in the article, so a story reads forward in time and each
/// article's context-setting sentences come before its details.
fn order(
    mut picks: Vec<Pick>,
    sentences: &[Sentence],
    articles: &[Article],
    candidates: &[Candidate],
) -> Vec<DigestSentence> {
    let key = |p: &Pick| {
        let s = &sentences[candidates[p.candidate].sentence];
        let date = articles[s.article].published;
        (date.is_none(), date, s.article, s.position)
    };
    picks.sort_by_key(key);
    picks
        .into_iter()
        .map(|p| {
            let c = &candidates[p.candidate];
            let s = &sentences[c.sentence];
            DigestSentence {
                text: s.text.clone(),
                source: Source::of(&articles[s.article]),
                position: s.position,
                also_in: c
                    .copies
                    .iter()
                    .map(|&i| Source::of(&articles[sentences[i].article]))
                    .collect(),
                cluster: p.cluster,
                cluster_size: p.cluster_size,
                cluster_articles: p.cluster_articles,
                score: p.score,
            }
        })
        .collect()
}

/// The most common article title wins; otherwise a generic one.
fn digest_title(articles: &[Article]) -> String {
    let n = articles.len();
    format!(
        "News digest of {n} article{}",
        if n == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Budget;

    fn dated(id: &str, date: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            published: chrono::DateTime::parse_from_rfc3339(date).ok(),
            text: text.into(),
            ..Article::default()
        }
    }

    #[test]
    fn lead_starts_with_the_earliest_dated_article_and_reading_order_follows_dates() {
        let later = dated(
            "later.txt",
            "2025-03-02T09:00:00Z",
            "Negotiators resumed the talks in Geneva on Sunday after a pause of two weeks.",
        );
        let earlier = dated(
            "earlier.txt",
            "2025-03-01T09:00:00Z",
            "The foreign ministers agreed on Saturday to hold a new round of talks in Geneva.",
        );
        let model = WordEmbeddings::default_model().unwrap();
        let config = SummaryConfig {
            method: Method::Lead,
            budget: Budget {
                words: None,
                sentences: Some(1),
                bytes: None,
            },
            ..SummaryConfig::default()
        };
        let digest = summarize(&[later.clone(), earlier.clone()], &config, &model).unwrap();
        assert_eq!(digest.sentences[0].source.id, "earlier.txt");
        let both = SummaryConfig {
            budget: Budget {
                words: None,
                sentences: Some(2),
                bytes: None,
            },
            ..config
        };
        let digest = summarize(&[later, earlier], &both, &model).unwrap();
        let ids: Vec<&str> = digest
            .sentences
            .iter()
            .map(|s| s.source.id.as_str())
            .collect();
        assert_eq!(ids, ["earlier.txt", "later.txt"]);
    }
}
