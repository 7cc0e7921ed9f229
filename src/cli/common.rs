//! Flag groups shared by the commands that summarise (`summarize`, `run`, `bench`), flattened
//! into each command's arguments so that every flag is defined once.

use crate::config::Budget;
use crate::embeddings::WordEmbeddings;
use crate::error::Result;
use crate::progress::Progress;
use clap::Args;
use std::path::PathBuf;

/// The length budget of a digest.
#[derive(Debug, Clone, Default, Args)]
pub struct BudgetArgs {
    /// Maximum number of words.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub words: Option<u32>,
    /// Maximum number of sentences.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub sentences: Option<u32>,
    /// Maximum number of bytes of the text output (sentences plus newlines).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub bytes: Option<u32>,
}

impl BudgetArgs {
    /// The budget the flags give, or `None` when no limit was given.
    pub fn budget(&self) -> Option<Budget> {
        let given = |v: Option<u32>| v.map(|n| n as usize);
        (self.words.is_some() || self.sentences.is_some() || self.bytes.is_some()).then(|| Budget {
            words: given(self.words),
            sentences: given(self.sentences),
            bytes: given(self.bytes),
        })
    }
}

/// Which word-embedding model to use.
#[derive(Debug, Clone, Default, Args)]
pub struct ModelArgs {
    /// Word-embedding model (finalfusion, word2vec binary, GloVe/word2vec text, fastText .bin).
    /// Default: the model compiled into the binary. Headers are checked against the file's size
    /// and values must be finite (exit 4 otherwise); a FIFO or device is read up to 4 GiB.
    #[arg(long, value_name = "FILE")]
    pub embeddings: Option<PathBuf>,
}

impl ModelArgs {
    pub fn load(&self) -> Result<WordEmbeddings> {
        WordEmbeddings::resolve(self.embeddings.as_deref())
    }
}

/// Progress display on stderr.
#[derive(Debug, Clone, Default, Args)]
pub struct ProgressArgs {
    /// No progress display. (Progress is drawn only when stderr is a terminal, TERM is not
    /// dumb; NO_COLOR turns its colours off.) Warnings and errors still print, as with `run
    /// --quiet`.
    #[arg(long, short)]
    pub quiet: bool,
}

impl ProgressArgs {
    /// The display these flags and the terminal allow.
    pub fn progress(&self) -> Progress {
        Progress::on_stderr(self.quiet)
    }
}
