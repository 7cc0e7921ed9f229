//! What one run knows besides its settings: what the reader has read or was sent before, the
//! day, and where the stages report progress. The settings ([`crate::config::SummaryConfig`])
//! come from defaults, the file and the flags; this comes from the run itself (`--seen`,
//! `run`'s novelty window and clock, the terminal), so it is neither saved nor read from a file.

use crate::novelty::Novelty;
use crate::progress::Progress;
use crate::read::Article;
use crate::stories::continuing::KnownStory;
use std::sync::Arc;

/// The run's inputs other than the articles, the settings and the model.
#[derive(Debug, Clone, Default)]
pub struct RunContext {
    /// What recent digests made known (`run`): those sentences are left out, and a candidate
    /// too similar to a published one is not picked. Empty by default.
    pub novelty: Novelty,
    /// The stories recent digests carried (`run`), oldest digest first: today's stories that
    /// continue one are marked so.
    pub known_stories: Vec<KnownStory>,
    /// Keep each story of the digest as later runs recognise it ([`super::Digest`]'s
    /// `memory`): `run` records them, to mark tomorrow's continuing stories.
    pub remember_stories: bool,
    /// Articles the reader has already read (`--seen`): what they say is discounted.
    pub seen: Arc<[Article]>,
    /// Where the stages report how far they are (hidden unless the command line enables it).
    pub progress: Progress,
    /// The day the digest is made, which dates it when no article has a date (`None`: the
    /// local date; `run` gives its `--now` in its time zone).
    pub today: Option<chrono::NaiveDate>,
}
