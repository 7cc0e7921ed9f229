//! The flags of following one story (`--topic`, `--topic-file`, `--seen`), shared by
//! `summarize` and `bench` (`run` takes the topic from its config or the same flags).

use crate::error::{Error, Result};
use crate::read::{self, Article, ReadOptions};
use crate::topic::Topic;
use clap::Args;
use std::path::PathBuf;

/// What the digest is about.
#[derive(Debug, Clone, Default, Args)]
pub struct TopicArgs {
    /// What the digest is about: a title and/or a narrative ("security guarantees for
    /// Ukraine"). Articles and stories far from it are left out (counted in the JSON's
    /// meta.off_topic_articles and meta.off_topic_stories); with --stories auto the stories
    /// left make one plain digest. Concepts it names weigh more, and sentences similar to it
    /// are preferred. Empty or stopword-only topics are a usage error; a topic of which no
    /// article uses a word is an input error (exit 3).
    #[arg(long, value_name = "TEXT", conflicts_with = "topic_file")]
    pub topic: Option<String>,
    /// The topic, read from FILE (e.g. DUC's query.txt: a title line, then the narrative).
    #[arg(long, value_name = "FILE")]
    pub topic_file: Option<PathBuf>,
}

impl TopicArgs {
    /// The topic's text (read from --topic-file), unchecked, if any.
    pub fn text(&self) -> Result<Option<String>> {
        match (&self.topic, &self.topic_file) {
            (Some(text), _) => Ok(Some(text.clone())),
            (None, Some(path)) => crate::config::topic::read_topic_file(path).map(Some),
            (None, None) => Ok(None),
        }
    }

    /// The topic the flags give, if any.
    pub fn topic(&self) -> Result<Option<Topic>> {
        match (&self.topic, &self.topic_file) {
            (Some(text), _) => Topic::parse(text).map(Some),
            (None, Some(path)) => Topic::read(path).map(Some),
            (None, None) => Ok(None),
        }
    }
}

/// What the reader has already read.
#[derive(Debug, Clone, Default, Args)]
pub struct SeenArgs {
    /// Articles the reader has already read (files or directories, repeatable): what they say
    /// is discounted, so the digest tells what is new since (the DUC update task). A sentence
    /// found word for word in them is left out. In a sectioned digest, a story they carry
    /// (a shared article, two shared sentences, or the same key terms) is marked
    /// "(continuing)"; with nothing new, it is left out (JSON: meta.continuing_left_out).
    #[arg(long, value_name = "PATH")]
    pub seen: Vec<PathBuf>,
}

impl SeenArgs {
    /// The seen articles, read like the inputs.
    pub fn articles(&self, opts: &ReadOptions) -> Result<Vec<Article>> {
        if self.seen.is_empty() {
            return Ok(Vec::new());
        }
        read::read_inputs(&self.seen, opts).map_err(|e| match e {
            // Not to be taken for the inputs' fault.
            Error::Input(why) => Error::Input(format!("--seen: {why}")),
            e => e,
        })
    }
}
