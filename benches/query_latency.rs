//! Search latency over the bundled corpus: the query of the README, with every facet and the
//! histogram, as a library call. Each bench checks its hit count once so it cannot silently
//! measure an empty result.

use std::path::Path;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use newsidx::{Extractor, Indexer, NewsIndex, NewsQuery, NewsSearcher, Sort};

fn corpus_searcher() -> NewsSearcher {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let extractor = Arc::new(Extractor::new().expect("gazetteer"));
    let index = NewsIndex::create_in_ram().expect("index");
    let report = Indexer::new(&index)
        .extractor(extractor.clone())
        .run(&[corpus], |_| {})
        .expect("indexing the corpus");
    assert!(report.stories_in_index > 60, "{report:?}");
    NewsSearcher::new(index)
        .expect("searcher")
        .with_extractor(extractor)
}

fn corpus(c: &mut Criterion) {
    let searcher = corpus_searcher();
    let mut group = c.benchmark_group("corpus");
    let cases = [
        ("wagner_mali", NewsQuery::new("Wagner Mali")),
        (
            "filtered",
            NewsQuery::new("Mali")
                .country("FR")
                .from_date("2020")
                .unwrap(),
        ),
        ("by_date", NewsQuery::new("Russia").sort(Sort::Newest)),
    ];
    for (name, query) in cases {
        let total = searcher.search(&query).expect("search").total;
        assert!(total > 0, "{name}: no hits");
        group.bench_function(name, |b| b.iter(|| searcher.search(&query).unwrap()));
    }
    group.finish();
}

criterion_group!(benches, corpus);
criterion_main!(benches);
