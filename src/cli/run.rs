//! `newsdigest run` (being written).

use super::CommandResult;
use crate::error::Error;
use clap::Args;

#[derive(Debug, Args)]
pub struct RunArgs {}

pub fn run(_args: RunArgs) -> CommandResult {
    Err(Error::Usage("run: not available yet".into()))
}
