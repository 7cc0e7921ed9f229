use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    newsdigest::cli::run(newsdigest::cli::Cli::parse())
}
