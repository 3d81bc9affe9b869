//! The `concur` binary: parses arguments, runs, maps the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

// Reading and classifying millions of sessions makes many small allocations;
// mimalloc serves them several times faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
