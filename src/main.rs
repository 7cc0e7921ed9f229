use std::process::ExitCode;

fn main() -> ExitCode {
    newsdigest::cli::main()
}
