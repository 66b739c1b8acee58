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
        Command::Show(args) => commands::show::run(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::Watch(args) => commands::watch::run(args),
        Command::Export(args) => commands::export::run(args),
        Command::Optimize(args) => commands::optimize::run(args),
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
            eprintln!("newsidx: error: {}{advice}", message(&error));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes on one line, as `{:#}` prints them, but with a cause left out
/// when the message before it already ends with it: an error that prints its source and also
/// returns it (`afile: File exists (os error 17)` then `File exists (os error 17)`) is said once.
fn message(error: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if out.is_empty() {
            out = text;
        } else if !out.ends_with(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
    }
    out
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
        IndexError::NoIndex { path } if path.is_file() => Some(format!(
            ": {} is a file; --index takes the folder `newsidx index` writes",
            path.display()
        )),
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

#[cfg(test)]
mod tests {
    use super::{index_advice, message};
    use newsidx::core::Error as IndexError;

    fn printed(error: anyhow::Error) -> String {
        format!(
            "{}{}",
            message(&error),
            index_advice(&error).unwrap_or_default()
        )
    }

    #[test]
    fn index_problems_get_the_command_that_fixes_them() {
        let locked = newsidx::index::Error::Index(IndexError::Locked { path: "idx".into() });
        assert_eq!(
            printed(anyhow::Error::from(locked).context("indexing")),
            "indexing: the index at idx is locked by another writer \
             (is another `newsidx index` running?)"
        );
        let missing = newsidx::query::Error::Index(IndexError::NoIndex {
            path: "nowhere".into(),
        });
        assert_eq!(
            printed(missing.into()),
            "no newsidx index at nowhere: run `newsidx index <CORPUS> --index nowhere` first"
        );
        let old = IndexError::SchemaVersion {
            path: "idx".into(),
            found: 0,
            expected: newsidx::SCHEMA_VERSION,
        };
        assert!(printed(old.into()).ends_with(
            "re-index the corpus into a fresh folder (or delete idx and run `newsidx index` again)"
        ),);
    }

    /// Regression: `index --index afile` printed "File exists (os error 17): File exists (os
    /// error 17)", and a missing gazetteer its cause twice too.
    #[test]
    fn a_cause_the_message_already_holds_is_said_once() {
        let io = || std::io::Error::from(std::io::ErrorKind::NotFound);
        let doubled = newsidx::core::Error::Io {
            path: "afile".into(),
            source: io(),
        };
        let error = anyhow::Error::from(doubled).context("opening the index");
        assert_eq!(
            message(&error),
            format!("opening the index: afile: {}", io())
        );
        let plain = anyhow::Error::from(io()).context("reading x");
        assert_eq!(message(&plain), format!("reading x: {}", io()));
    }

    #[test]
    fn other_errors_get_no_advice() {
        let unknown = newsidx::query::Error::UnknownStory { id: "x".into() };
        assert_eq!(index_advice(&unknown.into()), None);
    }
}
