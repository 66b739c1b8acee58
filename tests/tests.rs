//! The end-to-end tests of the `newsidx` binary: one test binary, one module per part of the
//! command line, as ripgrep's `tests/tests.rs`. Each test runs the real binary in a temporary
//! folder ([`util::Sandbox`]) and, on a mismatch, prints what the binary wrote.
//!
//! Run them all with `cargo test --test integration`, one module with
//! `cargo test --test integration search_cli::`.

mod util;

mod cli;
mod dedupe_cli;
mod export_cli;
mod extract_cli;
mod filters_cli;
mod golden;
mod index_cli;
mod query_tantivy;
mod robustness;
mod search_cli;
mod show_cli;
mod watch_cli;
