//! Benchmarks of newsidx-extract: extraction throughput over Reuters-21578 bodies (bytes per
//! second, one thread), with the tagger (the default) and without, and the time to load the
//! embedded gazetteer.
//!
//! The corpus is read from `../shared/corpora/reuters21578` (relative to the workspace root,
//! or `$NEWSIDX_REUTERS`); without it a synthetic text is used. Run with
//! `cargo bench -p newsidx-extract --bench extract`.

mod common;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsidx_extract::Extractor;

/// Bodies of the first four Reuters-21578 files (about 3 MB), or a synthetic text.
fn bodies() -> (Vec<String>, &'static str) {
    let out = common::reuters_bodies();
    if !out.is_empty() {
        return (out, "reuters");
    }
    let story = "Mali has asked Russian private companies to boost security, Russia's foreign \
                 minister Sergey Lavrov said in New York, adding that Moscow was not involved. \
                 The U.S. Treasury and the Federal Reserve said on Tuesday that exports to Japan \
                 rose 4.5 pct in February, while Chad Smith of Acme Mining Corp told reporters in \
                 Bamako that the Wagner Group had left Kidal.\n\n";
    ((0..2000).map(|_| story.to_string()).collect(), "synthetic")
}

fn extract(c: &mut Criterion) {
    let extractor = Extractor::new().expect("gazetteer loads");
    let (bodies, source) = bodies();
    let bytes: usize = bodies.iter().map(String::len).sum();
    // Check once that the bench measures real work.
    let mentions: usize = bodies
        .iter()
        .map(|b| extractor.extract_plain(b).mentions.len())
        .sum();
    assert!(
        mentions > bodies.len(),
        "{mentions} mentions in {} bodies",
        bodies.len()
    );
    eprintln!(
        "{source}: {} bodies, {bytes} bytes, {mentions} mentions",
        bodies.len()
    );

    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    // The default (gazetteer, rules and the tagger) and the gazetteer and rules alone, in
    // the same run: the machine is shared, so compare the two rather than runs.
    let gazetteer_only = Extractor::builder()
        .tagger(false)
        .build()
        .expect("gazetteer loads");
    for (name, x) in [("tagger", &extractor), ("gazetteer-only", &gazetteer_only)] {
        group.bench_function(format!("{source}/{name}"), |b| {
            b.iter(|| {
                let mut n = 0;
                for body in &bodies {
                    n += x.extract_plain(body).mentions.len();
                }
                n
            })
        });
    }
    group.finish();
}

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

criterion_group!(benches, extract, load);
criterion_main!(benches);
