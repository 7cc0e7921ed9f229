//! The summariser's configuration, resolved once (from flags, or from a `run` config file) and
//! passed down to every stage.

use crate::choice::{named, Choice, Named};
use serde::Serialize;

pub mod topic;

pub use topic::Topic;

/// Which algorithm picks the sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// newsdigest's own: embed, cluster, pick representative sentences of the clusters that
    /// many articles share, without redundancy.
    #[default]
    Cluster,
    /// Baseline: the first sentences of the first article.
    Lead,
    /// Baseline: TF-IDF centroid (Radev et al. 2004).
    Centroid,
    /// Baseline: continuous LexRank (Erkan & Radev 2004).
    Lexrank,
    /// Baseline: random sentences (seeded).
    Random,
}

impl Choice for Method {
    const CHOICES: &'static [Named<Self>] = &[
        named(
            Method::Cluster,
            "cluster",
            "newsdigest's own: embed, cluster, pick representative sentences of what many outlets share",
        ),
        named(Method::Lead, "lead", "baseline: the first sentences of the first article"),
        named(Method::Centroid, "centroid", "baseline: TF-IDF centroid (Radev et al. 2004)"),
        named(Method::Lexrank, "lexrank", "baseline: continuous LexRank (Erkan & Radev 2004)"),
        named(Method::Random, "random", "baseline: random sentences (seeded)"),
    ];
}

/// The order of a digest's sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// By article day (publication date, else a date in the file name; undated last), then
    /// publication time, input order and position in the article.
    #[default]
    Reading,
    /// By score, the most important first.
    Rank,
}

impl Choice for Order {
    const CHOICES: &'static [Named<Self>] = &[
        named(
            Order::Reading,
            "reading",
            "by article date (its publication date, else a date in its file name; undated last), input order, then position: the story reads forward",
        ),
        named(
            Order::Rank,
            "rank",
            "by score, the most important sentence first",
        ),
    ];
}

/// Length budget of a digest. Every limit that is set holds; sentences are never cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Budget {
    /// Maximum number of words (whitespace-separated tokens).
    pub words: Option<usize>,
    /// Maximum number of sentences.
    pub sentences: Option<usize>,
    /// Maximum number of bytes of the text output (sentences joined by newlines).
    pub bytes: Option<usize>,
}

/// The words of a digest when no budget is given.
pub const DEFAULT_WORDS: usize = 100;

/// The seed when none is given: the same input and options give the same digest everywhere.
pub const DEFAULT_SEED: u64 = 42;

impl Default for Budget {
    fn default() -> Self {
        Budget {
            words: Some(DEFAULT_WORDS),
            sentences: None,
            bytes: None,
        }
    }
}

/// Words of a typical picked news sentence, and bytes of a word with its space (DUC's 665
/// bytes were its 100 words): what a limit in one unit is worth in another.
pub const WORDS_PER_SENTENCE: usize = 22;
pub const BYTES_PER_WORD: f32 = 6.65;

impl Budget {
    /// About how many words the tightest limit allows ([`DEFAULT_WORDS`] when none is set).
    pub fn words_worth(&self) -> usize {
        let by_bytes = self.bytes.map(|b| (b as f32 / BYTES_PER_WORD) as usize);
        let by_sentences = self.sentences.map(|s| s * WORDS_PER_SENTENCE);
        [self.words, by_bytes, by_sentences]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(DEFAULT_WORDS)
    }

    /// About how many sentences the tightest limit allows, rounded up (at least 1).
    pub fn sentences_worth(&self) -> usize {
        self.words_worth().div_ceil(WORDS_PER_SENTENCE).max(1)
    }
}

/// Running totals of a digest being filled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub words: usize,
    pub sentences: usize,
    pub bytes: usize,
}

impl Totals {
    pub fn with(self, sentence: &str) -> Totals {
        Totals {
            words: self.words + sentence.split_whitespace().count(),
            sentences: self.sentences + 1,
            bytes: self.bytes + sentence.len() + usize::from(self.sentences > 0),
        }
    }
}

impl Budget {
    /// Whether the digest with these totals stays within every limit.
    pub fn holds(&self, t: Totals) -> bool {
        self.words.is_none_or(|w| t.words <= w)
            && self.sentences.is_none_or(|s| t.sentences <= s)
            && self.bytes.is_none_or(|b| t.bytes <= b)
    }

    /// Whether nothing more can be added after these totals (budget exactly used up).
    pub fn exhausted(&self, t: Totals) -> bool {
        self.words.is_some_and(|w| t.words >= w)
            || self.sentences.is_some_and(|s| t.sentences >= s)
            || self.bytes.is_some_and(|b| t.bytes >= b)
    }
}

/// The summary settings: defaults, then the file (`run`), then the flags, resolved once. What a
/// run knows besides (the reader's history, the day, progress) is a [`crate::pipeline::RunContext`].
#[derive(Debug, Clone, Serialize)]
pub struct SummaryConfig {
    pub budget: Budget,
    /// Benchmark mode: the last sentence may cross the word/byte budget (ROUGE's limit cuts it),
    /// as DUC systems did.
    pub overflow: bool,
    pub method: Method,
    pub seed: u64,
    pub order: Order,
    /// Whether the digest is sectioned by story.
    pub stories: StoryMode,
    /// Each story's word budget (sectioned digests); `budget` stays the total.
    pub story_words: usize,
    /// Keep the clusters and every candidate's score in the digest (for `--explain`).
    pub explain: bool,
    /// What the digest is about (`--topic`): biases articles, concepts and sentences.
    pub topic: Option<Topic>,
}

/// A story's words in a sectioned digest unless `--story-words` says otherwise: a headline's
/// worth of what happened, two or three sentences.
pub const DEFAULT_STORY_WORDS: usize = 60;

/// Sections by story: `auto` when the input holds several, `off`, or at most N stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StoryMode {
    /// Sections when the input holds more than one story; a plain digest for one story.
    #[default]
    Auto,
    /// One digest of everything, as if it were one story.
    Off,
    /// Sections, at most this many stories.
    Count(usize),
}

impl std::str::FromStr for StoryMode {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(StoryMode::Auto),
            "off" => Ok(StoryMode::Off),
            n => match n.parse::<usize>() {
                Ok(n) if n >= 1 => Ok(StoryMode::Count(n)),
                _ => Err(format!(
                    "`{s}`: expected auto, off or a number of stories (1 or more)"
                )),
            },
        }
    }
}

impl Default for SummaryConfig {
    fn default() -> Self {
        SummaryConfig {
            budget: Budget::default(),
            overflow: false,
            method: Method::Cluster,
            seed: DEFAULT_SEED,
            order: Order::Reading,
            stories: StoryMode::Auto,
            story_words: DEFAULT_STORY_WORDS,
            explain: false,
            topic: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: the concepts' support threshold read `words.unwrap_or(100)`, so a byte or
    /// sentence budget was taken for 100 words whatever its size.
    #[test]
    fn every_limit_is_worth_words_and_sentences_and_the_tightest_wins() {
        let budget = |words, sentences, bytes| Budget {
            words,
            sentences,
            bytes,
        };
        assert_eq!(budget(Some(250), None, None).words_worth(), 250);
        assert_eq!(budget(None, None, Some(665)).words_worth(), 100);
        assert_eq!(budget(None, Some(2), None).words_worth(), 44);
        assert_eq!(budget(Some(100), Some(2), None).words_worth(), 44);
        assert_eq!(budget(None, None, None).words_worth(), DEFAULT_WORDS);
        assert_eq!(budget(Some(100), None, None).sentences_worth(), 5);
        assert_eq!(budget(None, None, Some(665)).sentences_worth(), 5);
        assert_eq!(budget(Some(250), Some(3), None).sentences_worth(), 3);
        assert_eq!(budget(Some(1), None, None).sentences_worth(), 1);
    }

    #[test]
    fn totals_count_words_sentences_and_newline_joined_bytes() {
        let t = Totals::default().with("a bb").with("c");
        assert_eq!(
            t,
            Totals {
                words: 3,
                sentences: 2,
                bytes: 6
            }
        );
    }

    #[test]
    fn budget_holds_every_set_limit() {
        let b = Budget {
            words: Some(3),
            sentences: Some(1),
            bytes: None,
        };
        assert!(b.holds(Totals {
            words: 3,
            sentences: 1,
            bytes: 99
        }));
        assert!(!b.holds(Totals {
            words: 3,
            sentences: 2,
            bytes: 0
        }));
        assert!(b.exhausted(Totals {
            words: 3,
            sentences: 0,
            bytes: 0
        }));
    }
}
