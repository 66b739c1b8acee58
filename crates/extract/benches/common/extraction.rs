//! The extraction throughput bench, shared by `extract.rs` (the system allocator: the
//! library as an app embeds it) and `extract_cli.rs` (mimalloc, as the `newsidx` binary
//! runs it).

use std::time::Duration;

use criterion::{Criterion, Throughput};
use newsidx_extract::Extractor;

/// Bodies of the first four Reuters-21578 files (about 3 MB), or a synthetic text.
pub fn bodies() -> (Vec<String>, &'static str) {
    let out = crate::common::reuters_bodies();
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

/// Extraction throughput over [`bodies`] in the benchmark group `name`, with the tagger
/// (the default) and without.
pub fn extract(c: &mut Criterion, name: &str) {
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

    let mut group = c.benchmark_group(name);
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
