//! The `concur` binary: parses arguments, runs, maps the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = concur::cli::Cli::parse();
    match concur::run(cli) {
        Ok(concur::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(concur::Outcome::Rejected(_)) => ExitCode::from(2),
        Err(error) => {
            // `{:#}` prints the whole chain on one line, without a backtrace.
            eprintln!("error: {error:#}");
            ExitCode::from(1)
        }
    }
}
