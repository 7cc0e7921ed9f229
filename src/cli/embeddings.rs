//! `newsdigest embeddings …` (being written).

use super::CommandResult;
use crate::error::Error;
use clap::Subcommand;

/// Inspect, convert and evaluate word-embedding models.
#[derive(Debug, Subcommand)]
pub enum EmbeddingsCommand {}

pub fn run(_cmd: EmbeddingsCommand) -> CommandResult {
    Err(Error::Usage("embeddings: not available yet".into()))
}
