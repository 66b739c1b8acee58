//! The query language's expansions, timed as library calls over Reuters-21578 (from
//! `../shared/corpora/reuters21578`, indexed once per run with entities extracted and merged
//! to one segment; skipped with a note when the folder is absent):
//!
//! - `prefix`: `petrol*`, every term of title, standfirst and body that starts with
//!   `petrol` (target: at most 1 ms);
//! - `fuzzy`: `bundesbnk~1`, the terms within one edit of `bundesbnk` (target: at most
//!   5 ms).
//!
//! Each: top 10 hits (read from the store) and the exact total, no facets, histogram or
//! fragments, as `query_latency`'s `term`. Each bench checks its hit count once.
//!
//! `cargo bench --bench query_syntax -- prefix` runs one.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use newsidx::NewsQuery;

fn reuters(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(searcher) = common::reuters_searcher(dir.path()) else {
        return;
    };
    let mut group = c.benchmark_group("reuters");
    for (bench, text) in [("prefix", "petrol*"), ("fuzzy", "bundesbnk~1")] {
        let query = NewsQuery::new(text)
            .facets(false)
            .histogram(false)
            .fragments(0);
        let total = searcher.search(&query).expect("search").total;
        assert!(total > 0, "reuters/{bench}: no hits for {text}");
        eprintln!("reuters/{bench}: {text}: {total} hits");
        group.bench_function(bench, |b| b.iter(|| searcher.search(&query).unwrap()));
    }
    group.finish();
}

criterion_group!(benches, reuters);
criterion_main!(benches);
