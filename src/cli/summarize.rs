//! `newsdigest summarize` (being written).

use super::CommandResult;
use crate::error::Error;
use clap::Args;

#[derive(Debug, Args)]
pub struct SummarizeArgs {}

pub fn run(_args: SummarizeArgs) -> CommandResult {
    Err(Error::Usage("summarize: not available yet".into()))
}
