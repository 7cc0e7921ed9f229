//! `newsdigest bench` (being written).

use super::CommandResult;
use crate::error::Error;
use clap::Args;

#[derive(Debug, Args)]
pub struct BenchArgs {}

pub fn run(_args: BenchArgs) -> CommandResult {
    Err(Error::Usage("bench: not available yet".into()))
}
