use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    match newsdigest::cli::Cli::try_parse() {
        Ok(cli) => newsdigest::cli::run(cli),
        Err(e) => newsdigest::cli::parse_failed(&e),
    }
}
