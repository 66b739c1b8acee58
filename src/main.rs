//! The `newsidx` command line: parses arguments and hands them to the library.

mod cli;
mod commands;
mod render;

use std::io::ErrorKind;
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

/// mimalloc instead of the system allocator: indexing makes millions of short-lived
/// allocations (tokens, terms, story fields), and it took a measurable share of the run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Index(args) => commands::index::run(args),
        Command::Search(args) => commands::search::run(args),
        Command::Related(args) => commands::related::run(args),
        Command::Stats(args) => commands::stats::run(args),
        Command::Extract(args) => commands::extract::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            if error
                .chain()
                .filter_map(|e| e.downcast_ref::<std::io::Error>())
                .any(|e| e.kind() == ErrorKind::BrokenPipe)
            {
                // `newsidx search ... | head`: the reader left; nothing more to say.
                return ExitCode::SUCCESS;
            }
            eprintln!("newsidx: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
