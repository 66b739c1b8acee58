//! The `newsidx` command line: parses arguments and hands them to the library.

mod cli;
mod commands;

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
            let advice = index_advice(&error).unwrap_or_default();
            eprintln!("newsidx: error: {error:#}{advice}");
            ExitCode::from(2)
        }
    }
}

/// What to run when the index itself is the problem, appended to the library's message
/// (which speaks in library terms and names no command).
fn index_advice(error: &anyhow::Error) -> Option<String> {
    use newsidx::core::Error as IndexError;
    let index_error = error.chain().find_map(|e| {
        e.downcast_ref::<IndexError>()
            .or_else(|| match e.downcast_ref::<newsidx::Error>() {
                Some(newsidx::Error::Index(e)) => Some(e),
                _ => None,
            })
            .or_else(|| match e.downcast_ref::<newsidx::index::Error>() {
                Some(newsidx::index::Error::Index(e)) => Some(e),
                _ => None,
            })
            .or_else(|| match e.downcast_ref::<newsidx::query::Error>() {
                Some(newsidx::query::Error::Index(e)) => Some(e),
                _ => None,
            })
    })?;
    match index_error {
        IndexError::NoIndex { path } => Some(format!(
            ": run `newsidx index <CORPUS> --index {}` first",
            path.display()
        )),
        IndexError::SchemaVersion { path, .. } => Some(format!(
            " (or delete {} and run `newsidx index` again)",
            path.display()
        )),
        IndexError::Locked { .. } => Some(" (is another `newsidx index` running?)".into()),
        _ => None,
    }
}
