//! `newsdigest man [COMMAND]`: the manual page (roff), generated from the clap definition.

use super::CommandResult;
use crate::error::{Error, ExitStatus};
use clap::{Args, CommandFactory};
use std::path::PathBuf;

const MAN_HELP: &str = "\
Install (see README, Manual page):
  newsdigest man -o ~/.local/share/man/man1/newsdigest.1
  newsdigest man summarize -o ~/.local/share/man/man1/newsdigest-summarize.1
Read without installing: newsdigest man | man -l -";

/// Print the manual page of newsdigest, or of one of its commands.
#[derive(Debug, Args)]
#[command(after_help = format!("{MAN_HELP}\n\n{}", ExitStatus::table(super::WRITE_CODES)))]
pub struct ManArgs {
    /// A command (summarize, eval, bench, run, embeddings, …): its own page, newsdigest-COMMAND(1).
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
    /// Write to FILE atomically (temporary file, then rename) instead of stdout; - is stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: ManArgs) -> CommandResult {
    let mut root = super::Cli::command().disable_help_subcommand(true);
    // Building names the subcommands' pages newsdigest-COMMAND.
    root.build();
    let page = match &args.command {
        None => root,
        Some(name) => root
            .find_subcommand(name)
            .cloned()
            .ok_or_else(|| unknown(&root, name))?,
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .source(format!("newsdigest {}", env!("CARGO_PKG_VERSION")))
        .manual("newsdigest manual")
        .render(&mut roff)
        .map_err(|e| Error::Internal(format!("cannot render the manual page: {e}")))?;
    crate::output::emit(args.output.as_deref(), &roff)?;
    Ok(ExitStatus::Success)
}

fn unknown(root: &clap::Command, name: &str) -> Error {
    let names: Vec<&str> = root.get_subcommands().map(|c| c.get_name()).collect();
    Error::Usage(format!(
        "man: no command `{name}` (expected one of: {})",
        names.join(", ")
    ))
}
