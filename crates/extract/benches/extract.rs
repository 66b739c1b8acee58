//! Benchmarks of newsidx-extract: extraction throughput over Reuters-21578 bodies (bytes per
//! second, one thread, the system allocator: the library as an app embeds it), with the tagger
//! (the default) and without, and the time to load the embedded gazetteer. `extract_cli.rs`
//! measures the same extraction with the allocator of the `newsidx` binary.
//!
//! The corpus is read from `../shared/corpora/reuters21578` (relative to the workspace root,
//! or `$NEWSIDX_REUTERS`); without it a synthetic text is used. Run with
//! `cargo bench -p newsidx-extract --bench extract`.

mod common;
#[path = "common/extraction.rs"]
mod extraction;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use newsidx_extract::Extractor;

fn load(c: &mut Criterion) {
    let patterns = Extractor::new()
        .expect("gazetteer loads")
        .gazetteer_stats()
        .patterns;
    assert!(patterns > 10_000, "{patterns} patterns");
    let mut group = c.benchmark_group("load");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    // The gazetteer and the matcher (compiled by the first extraction): what an indexer pays.
    // Freeing the extractor is not part of loading it (a quarter of load and free with the
    // system allocator): the drop is left out of the time.
    group.bench_function("embedded", |b| {
        b.iter_with_large_drop(|| {
            let x = Extractor::new().expect("gazetteer loads");
            x.extract_plain("");
            x
        })
    });
    // Names only, the matcher never compiled: what a search process pays.
    group.bench_function("lookup", |b| {
        b.iter_with_large_drop(|| Extractor::new().expect("gazetteer loads"))
    });
    group.finish();
}

fn extract(c: &mut Criterion) {
    extraction::extract(c, "extract");
}

criterion_group!(benches, extract, load);
criterion_main!(benches);
