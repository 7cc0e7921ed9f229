//! digest: what summarising produces — the digest's sentences with their sources, its stories
//! and what the run did — for `render` to format and `run` to record. The pipeline fills it.

use crate::config::Method;
use crate::read::Article;
use crate::select;
use crate::stories::continuing::Trace;
use serde::Serialize;

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
    pub(crate) fn of(article: &Article) -> Self {
        Source {
            id: article.id.clone(),
            title: article
                .title
                .clone()
                .or_else(|| crate::cite::headline(&article.text)),
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

#[cfg(test)]
impl DigestSentence {
    /// A sentence of article `id` (no title, URL or outlet) at `position`, for tests.
    pub(crate) fn of_test(text: &str, id: &str, position: usize) -> Self {
        DigestSentence {
            text: text.into(),
            source: Source {
                id: id.into(),
                title: None,
                url: None,
                outlet: None,
            },
            position,
            also_in: Vec::new(),
            cluster: None,
            cluster_size: 1,
            cluster_articles: 1,
            score: 1.0,
        }
    }
}

/// Facts about the run, for the JSON output and logs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunMeta {
    pub inputs: usize,
    /// Articles dropped as copies of another input (syndication, re-saves).
    pub duplicate_articles: usize,
    /// Sentences of the inputs before cleaning (copies included).
    pub sentences_total: usize,
    /// Sentences that may enter the digest (near-copies folded into one).
    pub sentences_kept: usize,
    /// Sentences removed by cleaning as noise or repeats within an article.
    pub sentences_dropped: usize,
    /// Sentences of the articles dropped as copies of another input.
    pub sentences_in_copies: usize,
    /// Sentences folded into a kept sentence as its near-copies.
    pub sentences_folded: usize,
    pub model: String,
    pub method: Method,
    pub seed: u64,
    /// Articles left out as not English, by ISO 639-3 code (`{"rus": 3}`); `inputs` counts
    /// the others.
    pub languages_skipped: crate::language::Skipped,
    /// Articles left out as far from the topic (with `--topic` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub off_topic_articles: Option<usize>,
    /// Stories left out as far from the topic (with `--topic` only; 0 for a one-story input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub off_topic_stories: Option<usize>,
    /// Continuing stories left out because none of their sentences is new (sectioned digests
    /// only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continuing_left_out: Option<usize>,
    /// Other stories found but not in the digest: their digest did not fit the budget left,
    /// or they held no usable sentence (sectioned digests only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stories_left_out: Option<usize>,
}

/// The result of summarising.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Digest {
    /// Title for rendered formats.
    pub title: String,
    /// Every digest sentence (with stories: theirs, story after story).
    pub sentences: Vec<DigestSentence>,
    /// The day's stories, most widely carried first, when the input holds several (empty for
    /// a digest of one story).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stories: Vec<StoryDigest>,
    pub meta: RunMeta,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<select::Explain>,
    /// [`crate::novelty::sentence_key`]s of the input's sentences, for `run` to remember.
    #[serde(skip)]
    pub input_keys: Vec<String>,
    /// The digest's stories as later runs recognise them (with
    /// [`crate::config::SummaryConfig::remember_stories`] only; a plain digest is one story).
    #[serde(skip)]
    pub memory: Vec<StoryMemory>,
}

impl Digest {
    /// Why a digest holds no sentence, for the user (exit 3): no sentence could be a digest
    /// sentence at all, or none fits the budget.
    pub fn why_empty(&self) -> String {
        let meta = &self.meta;
        let cleaned_away = meta.sentences_dropped + meta.sentences_in_copies;
        if meta.sentences_total <= cleaned_away {
            // Nothing to call short: the cleaning kept no sentence at all (a feed of headlines
            // and links).
            return "the inputs hold no usable sentence after cleaning (`newsdigest clean \
                    --explain` shows what it dropped and why)"
                .into();
        }
        if meta.sentences_kept == 0 {
            return format!(
                "no sentence can go into a digest: every sentence the cleaning kept is shorter \
                 than {} words, a question or a fragment (`newsdigest clean` shows them)",
                select::MIN_WORDS
            );
        }
        // Sentences are never cut: a budget smaller than every sentence leaves nothing.
        "no sentence fits the budget".into()
    }
}

/// One story of a sectioned digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryDigest {
    /// Rank of the story among the input's stories (0: the most widely carried).
    pub id: usize,
    /// An article's title, else the digest sentence that best says what the story is about.
    pub headline: String,
    /// Distinct outlets carrying the story: the named ones when any article names its outlet,
    /// else its articles (each its own).
    pub outlets: usize,
    /// Their names (when no article names its outlet, the articles' file names).
    pub outlet_names: Vec<String>,
    /// Whether any of its articles names its outlet (else the line counts articles).
    #[serde(skip)]
    pub outlets_known: bool,
    /// With named outlets, its articles that name none.
    #[serde(skip_serializing_if = "is_zero")]
    pub articles_without_outlet: usize,
    /// The `id`s of its articles, as in `source.id`.
    pub articles: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    /// An earlier digest in the novelty window carried the story (`run`), or the reader has
    /// read some of it (`--seen`): its sentences are what is new since.
    pub continuing: bool,
    /// The date (YYYY-MM-DD) of the earliest digest that carried it (`run`, continuing only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_digest: Option<String>,
    pub sentences: Vec<DigestSentence>,
}

/// A story of the digest as later runs recognise it (`run` records it in its state).
#[derive(Debug, Clone, PartialEq)]
pub struct StoryMemory {
    pub headline: String,
    /// Inherited from the story it continues; `None`: first digested now (or known only from
    /// `--seen`).
    pub first_digest: Option<String>,
    pub trace: Trace,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
