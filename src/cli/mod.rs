//! Command-line interface: the argument types (clap derive) and the dispatch to the library.
//! One subcommand per file; `main.rs` only calls [`main()`], which parses and calls [`run()`].

// Doc comments here are clap's `--help` text: `<cluster>` is a placeholder, not an HTML tag.
#![allow(rustdoc::invalid_html_tags)]

use crate::error::{Error, ExitStatus};
use clap::{Parser, Subcommand};
use std::process::ExitCode;

pub mod bench;
mod choice;
pub mod clean;
pub mod common;
pub mod completions;
pub mod embeddings;
pub mod eval;
pub mod input_args;
pub mod man;
pub mod rouge155;
mod rouge155_usage;
pub mod run;
pub mod summarize;
pub mod topic_args;
mod usage_line;

use ExitStatus::{Embeddings, Input, Internal, Output, Success, Usage};

/// The codes `summarize` and `bench` can return (they read articles and a model, and write).
pub(crate) const PIPELINE_CODES: &[ExitStatus] =
    &[Success, Internal, Usage, Input, Embeddings, Output];
/// The codes `eval` can return (no model).
pub(crate) const EVAL_CODES: &[ExitStatus] = &[Success, Internal, Usage, Input, Output];
/// The codes of `embeddings info` and `convert` (a model in, a report or a model out).
pub(crate) const MODEL_CODES: &[ExitStatus] = &[Success, Internal, Usage, Embeddings, Output];
/// The codes of the commands that only write what they generate (`completions`, `man`).
pub(crate) const WRITE_CODES: &[ExitStatus] = &[Success, Internal, Usage, Output];

/// Extractive multi-document news summariser: reads many articles on one story and writes a
/// short, non-redundant digest made only of sentences taken from them.
#[derive(Debug, Parser)]
#[command(name = "newsdigest", version, about, after_help = ExitStatus::table(&ExitStatus::ALL))]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(after_help = ExitStatus::table(PIPELINE_CODES))]
    Summarize(summarize::SummarizeArgs),
    #[command(after_help = ExitStatus::table(EVAL_CODES))]
    Clean(clean::CleanArgs),
    Eval(eval::EvalArgs),
    Rouge155(rouge155::Rouge155CliArgs),
    #[command(after_help = ExitStatus::table(PIPELINE_CODES))]
    Bench(bench::BenchArgs),
    Run(run::RunArgs),
    #[command(subcommand)]
    Embeddings(embeddings::EmbeddingsCommand),
    Completions(completions::CompletionsArgs),
    Man(man::ManArgs),
}

/// Parse the process's arguments and run them: all `main.rs` calls, so that clap stays here.
pub fn main() -> ExitCode {
    match Cli::try_parse() {
        Ok(cli) => run(cli),
        Err(e) => parse_failed(&e),
    }
}

/// Run a parsed command line; errors become one line on stderr and a typed exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Summarize(args) => summarize::run(args),
        Command::Clean(args) => clean::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Rouge155(args) => rouge155::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Run(args) => run::run(args),
        Command::Embeddings(cmd) => embeddings::run(cmd),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    };
    match result {
        Ok(status) => ExitCode::from(status.code()),
        Err(err) => report(&err),
    }
}

/// What clap had to say instead of a command: help and version go to standard output through
/// the checked writer (a full one is exit 5, as for every other output), usage errors to
/// standard error as one line, with clap's exit code (2).
pub fn parse_failed(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    use std::io::IsTerminal;
    let to_stdout = matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion);
    if to_stdout && !std::io::stdout().is_terminal() {
        return match crate::output::write_stdout(e.render().to_string().as_bytes()) {
            Ok(()) => ExitCode::from(e.exit_code() as u8),
            Err(err) => report(&err),
        };
    }
    if to_stdout || e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        // On a terminal, clap's own printing keeps its colours; a failure there is lost output.
        let _ = e.print();
    } else {
        let line = usage_line::fold(&e.render().to_string());
        crate::warn_line!("newsdigest: {}", crate::stdio::printable(&line));
    }
    ExitCode::from(e.exit_code() as u8)
}

fn report(err: &Error) -> ExitCode {
    crate::warn_line!("newsdigest: {}", crate::stdio::printable(&err.to_string()));
    ExitCode::from(err.exit_status().code())
}

/// What every subcommand returns: the exit status on success paths (e.g. nothing new).
pub type CommandResult = crate::error::Result<ExitStatus>;
