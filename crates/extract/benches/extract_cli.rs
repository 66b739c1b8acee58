//! Extraction throughput as the `newsidx` binary runs it: the bench of `extract.rs` (Reuters-21578
//! bodies, one thread, with the tagger and without) with mimalloc, the binary's allocator
//! (`src/main.rs`), as the global allocator. Run with
//! `cargo bench -p newsidx-extract --bench extract_cli`.

mod common;
#[path = "common/extraction.rs"]
mod extraction;

use criterion::{criterion_group, criterion_main, Criterion};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn extract(c: &mut Criterion) {
    extraction::extract(c, "extract_mimalloc");
}

criterion_group!(benches, extract);
criterion_main!(benches);
