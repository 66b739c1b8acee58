//! Benchmarks of the entity tagger: throughput over Reuters-21578 bodies (bytes per second,
//! one thread) of the tagger alone (given the gazetteer's mentions) and of the tagger with
//! the gazetteer extractor run for its hints, and the time to load the embedded model.
//!
//! The corpus is read from `../shared/corpora/reuters21578` (relative to the workspace root,
//! or `$NEWSIDX_REUTERS`); without it the bundled `corpus/` stories are used. Run with
//! `cargo bench -p newsidx-extract --bench tagger`.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsidx_extract::tagger::Tagger;
use newsidx_extract::Extractor;

/// Bodies of the first four Reuters-21578 files (about 3 MB), or the bundled stories.
fn bodies() -> (Vec<String>, &'static str) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = common::reuters_bodies();
    if !out.is_empty() {
        return (out, "reuters");
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("corpus"))
        .expect("bundled corpus/")
        .map(|e| e.expect("corpus entry").path())
        .collect();
    paths.sort();
    let stories = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    (stories, "corpus")
}

fn tag(c: &mut Criterion) {
    let tagger = Tagger::embedded();
    let extractor = Extractor::builder()
        .tagger(false)
        .build()
        .expect("gazetteer loads");
    let (bodies, source) = bodies();
    let bytes: usize = bodies.iter().map(String::len).sum();
    let mentions: Vec<_> = bodies
        .iter()
        .map(|b| extractor.extract_plain(b).mentions)
        .collect();
    // Check once that the bench measures real work.
    let spans: usize = bodies
        .iter()
        .zip(&mentions)
        .map(|(b, m)| tagger.tag_with_mentions(b, m).len())
        .sum();
    assert!(
        spans > bodies.len(),
        "{spans} spans in {} bodies",
        bodies.len()
    );
    eprintln!(
        "{source}: {} bodies, {bytes} bytes, {spans} spans",
        bodies.len()
    );

    let mut group = c.benchmark_group("tagger");
    group.throughput(Throughput::Bytes(bytes as u64));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function(format!("{source}/alone"), |b| {
        b.iter(|| {
            let mut n = 0;
            for (body, m) in bodies.iter().zip(&mentions) {
                n += tagger.tag_with_mentions(body, m).len();
            }
            n
        })
    });
    group.bench_function(format!("{source}/with_extractor"), |b| {
        b.iter(|| {
            let mut n = 0;
            for body in &bodies {
                let m = extractor.extract_plain(body).mentions;
                n += tagger.tag_with_mentions(body, &m).len() + m.len();
            }
            n
        })
    });
    group.finish();
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("tagger_load");
    group.bench_function("embedded", |b| {
        b.iter(|| Tagger::load_embedded().expect("embedded model loads"))
    });
    group.finish();
}

criterion_group!(benches, tag, load);
criterion_main!(benches);
