//! The topic statement a digest follows (`--topic`, `--topic-file`, `summary.topic`): a
//! setting, read and checked here; [`crate::topic`] prepares its use in the pipeline.

use crate::error::{Error, Result};
use crate::words;
use rustc_hash::FxHashSet;
use serde::Serialize;
use std::path::Path;

/// Words of a topic statement that say what to write, not what about ("Describe …, include …").
const INSTRUCTION_WORDS: &[&str] = &[
    "describe",
    "discuss",
    "identify",
    "include",
    "including",
    "information",
    "explain",
    "provide",
    "specify",
    "specific",
    "details",
    "detail",
    "give",
    "list",
    "report",
    "reported",
    "reports",
    "press",
    "mention",
    "mentioned",
    "etc",
    "any",
    "well",
    "known",
    "aspects",
];
/// A topic file larger than this is refused: a topic is a title and a narrative, not a corpus.
const MAX_TOPIC_BYTES: u64 = 1 << 20;

/// The text of a topic file (`--topic-file`, `query.txt`), capped, so that a device or a FIFO
/// without a writer is an input error (exit 3), not an endless read.
pub fn read_topic_file(path: &Path) -> Result<String> {
    let bytes = crate::read::read_capped(path, MAX_TOPIC_BYTES, crate::read::Special::Read)
        .map_err(|e| Error::read_io(path, e))?;
    // Decoded as articles are: a topic typed in Notepad is UTF-16 with a BOM, or Windows-1252.
    crate::read::decode(&bytes, path)
}

/// What a digest should be about: a title and/or a narrative, as the user wrote it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    pub text: String,
}

impl Topic {
    /// A topic from its text; one without a content word is a usage error.
    pub fn parse(text: &str) -> Result<Topic> {
        let topic = Topic {
            text: text.trim().to_string(),
        };
        if topic.terms().is_empty() {
            return Err(Error::Usage(format!(
                "the topic {:?} has no content word (empty, or only stopwords)",
                topic.text
            )));
        }
        Ok(topic)
    }

    /// The topic in a file (DUC's `query.txt`: a title line, then the narrative).
    pub fn read(path: &Path) -> Result<Topic> {
        let text = read_topic_file(path)?;
        Topic::parse(&text).map_err(|e| match e {
            Error::Usage(why) => Error::Usage(format!("{}: {why}", path.display())),
            other => other,
        })
    }

    /// Lower-cased content words of the topic, first occurrence first, without repeats.
    pub fn terms(&self) -> Vec<String> {
        let mut seen = FxHashSet::default();
        words::tokens(&self.text)
            .into_iter()
            .filter(|t| is_term(t) && seen.insert(t.clone()))
            .collect()
    }
}

pub fn is_term(token: &str) -> bool {
    !words::is_stopword(token)
        && !INSTRUCTION_WORDS.contains(&token)
        && token.chars().any(char::is_alphabetic)
}
