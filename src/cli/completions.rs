//! `newsdigest completions SHELL`: a completion script generated from the clap definition, so
//! it always knows every subcommand, flag and value of this build.

use super::CommandResult;
use crate::error::{Error, ExitStatus};
use clap::{Args, CommandFactory};
use clap_complete::Shell;
use std::path::PathBuf;

const COMPLETIONS_HELP: &str = "\
Install (see README, Shell completions):
  bash:  newsdigest completions bash -o ~/.local/share/bash-completion/completions/newsdigest
  zsh:   newsdigest completions zsh -o ~/.zfunc/_newsdigest   (with fpath+=~/.zfunc in .zshrc)
  fish:  newsdigest completions fish -o ~/.config/fish/completions/newsdigest.fish";

/// Print a shell completion script for newsdigest.
#[derive(Debug, Args)]
#[command(after_help = format!("{COMPLETIONS_HELP}\n\n{}", ExitStatus::table(super::WRITE_CODES)))]
pub struct CompletionsArgs {
    /// The shell the script is for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
    /// Write to FILE atomically (temporary file, then rename) instead of stdout; - is stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: CompletionsArgs) -> CommandResult {
    let mut script = Vec::new();
    clap_complete::generate(
        args.shell,
        &mut super::Cli::command(),
        "newsdigest",
        &mut script,
    );
    if script.is_empty() {
        return Err(Error::Internal(format!(
            "no completion script for {}",
            args.shell
        )));
    }
    crate::output::emit(args.output.as_deref(), &script)?;
    Ok(ExitStatus::Success)
}
