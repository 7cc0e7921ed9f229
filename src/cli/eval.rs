//! `newsdigest eval` (being written).

use super::CommandResult;
use crate::error::Error;
use clap::Args;

#[derive(Debug, Args)]
pub struct EvalArgs {}

pub fn run(_args: EvalArgs) -> CommandResult {
    Err(Error::Usage("eval: not available yet".into()))
}
