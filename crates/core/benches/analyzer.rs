//! The text-field analyzer against tantivy's built-in `en_stem`: the same terms, with the
//! memo of stems in place of stemming every word. Input: the bundled corpus's stories, one
//! analyzer for all of them, as in one field of one segment writer.
//!
//! Run with `cargo bench -p newsidx-core --bench analyzer`.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsidx_core::analyzer::text_analyzer;
use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};

/// tantivy's own `en_stem`, as its default tokenizer manager registers it.
fn built_in_en_stem() -> TextAnalyzer {
    TokenizerManager::default()
        .get("en_stem")
        .expect("tantivy registers en_stem by default")
}

fn stories() -> Vec<String> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut paths: Vec<_> = std::fs::read_dir(corpus)
        .expect("the bundled corpus is there")
        .map(|e| e.expect("a corpus entry").path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn terms(analyzer: &mut TextAnalyzer, stories: &[String]) -> usize {
    let mut n = 0;
    for story in stories {
        let mut stream = analyzer.token_stream(story);
        while stream.advance() {
            n += stream.token().text.len();
        }
    }
    n
}

fn analyzer(c: &mut Criterion) {
    let stories = stories();
    let bytes: usize = stories.iter().map(String::len).sum();
    let (mut stock, mut memo) = (built_in_en_stem(), text_analyzer());
    assert_eq!(terms(&mut stock, &stories), terms(&mut memo, &stories));
    let mut group = c.benchmark_group("analyzer");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("en_stem", |b| b.iter(|| terms(&mut stock, &stories)));
    group.bench_function("memo", |b| b.iter(|| terms(&mut memo, &stories)));
    group.finish();
}

criterion_group!(benches, analyzer);
criterion_main!(benches);
