//! Percolation, the work saved searches add to an indexing run: 1,000 watches run over the
//! batch of 10,000 Reuters-21578 stories (`reut2-000` to `reut2-009`) that one run brought,
//! the way `newsidx index` runs them after its final commit (`newsidx_alert::after_run` less
//! the log and delivery writes): the batch found by id, then every watch over it.
//!
//! The watches are a term of Reuters' subjects (50: commodities, currencies, corporate
//! words) crossed with a country filter (20 countries), every fifth one an `OR` of two terms.
//! The batch's own indexing time (reading, extraction, writing, commit, into a fresh index,
//! the build profile of the bench) is measured once in the set-up and printed beside, so the
//! two figures come from one machine and one build. Skipped with a note when the corpus is
//! absent; the bench checks that the watches alert something.

use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};
use newsidx::alert::percolate::percolate;
use newsidx::alert::Watch;
use newsidx::{Dimension, Extractor, Indexer, NewsIndex, NewsSearcher};

const TERMS: [&str; 50] = [
    "oil",
    "crude",
    "gold",
    "silver",
    "copper",
    "coffee",
    "cocoa",
    "sugar",
    "wheat",
    "corn",
    "soybeans",
    "cotton",
    "rubber",
    "tin",
    "zinc",
    "dollar",
    "yen",
    "mark",
    "sterling",
    "interest",
    "rates",
    "inflation",
    "trade",
    "deficit",
    "surplus",
    "tariff",
    "merger",
    "acquisition",
    "dividend",
    "earnings",
    "profit",
    "loss",
    "shares",
    "stake",
    "bank",
    "loan",
    "debt",
    "bonds",
    "strike",
    "shipping",
    "grain",
    "tea",
    "rice",
    "pork",
    "cattle",
    "gas",
    "fuel",
    "opec",
    "budget",
    "tax",
];

const COUNTRIES: [&str; 20] = [
    "US", "JP", "GB", "DE", "FR", "CA", "BR", "AR", "AU", "CN", "IN", "ID", "MY", "NG", "SA", "IR",
    "KW", "MX", "ZA", "NL",
];

/// The 1,000 watches.
fn watches() -> Vec<Watch> {
    let mut out = Vec::new();
    for (t, term) in TERMS.iter().enumerate() {
        for (c, country) in COUNTRIES.iter().enumerate() {
            let query = if (t + c) % 5 == 0 {
                format!("{term} OR {}", TERMS[(t + 7) % TERMS.len()])
            } else {
                term.to_string()
            };
            out.push(
                Watch::new(format!("w{t}-{c}"), query).filters(Dimension::Country, [*country]),
            );
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/reuters21578");
    if !corpus.is_dir() {
        eprintln!("{} is absent: no percolation bench", corpus.display());
        return;
    }
    let files: Vec<_> = (0..10)
        .map(|i| corpus.join(format!("reut2-{i:03}.sgm")))
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let extractor = Extractor::new().expect("gazetteer");
    let index = NewsIndex::open_or_create(dir.path()).expect("index");
    let written = Mutex::new(Vec::new());
    let journal = |ids: &[String]| {
        written.lock().unwrap().extend_from_slice(ids);
        Ok(())
    };
    let start = Instant::now();
    let report = Indexer::new(&index)
        .extractor(extractor.clone())
        .before_commit(&journal)
        .run(&files, |_| {})
        .expect("indexing the batch");
    let indexing = start.elapsed();
    let ids = written.into_inner().unwrap();
    assert_eq!(report.stories_in_index, 10_000, "{report:?}");
    assert_eq!(ids.len(), 10_000);
    eprintln!(
        "percolation bench: indexing the batch of {} stories took {:.2} s",
        ids.len(),
        indexing.as_secs_f64()
    );
    let searcher = NewsSearcher::with_extractor(index, extractor).expect("searcher");
    let watches = watches();
    assert_eq!(watches.len(), 1_000);
    let run = || {
        let batch = searcher.batch(&ids).expect("batch");
        let (alerts, failures) = percolate(&searcher, &batch, &watches).expect("percolate");
        assert!(failures.is_empty(), "{failures:?}");
        alerts.len()
    };
    let alerts = run();
    assert!(alerts > 1_000, "only {alerts} alerts");
    eprintln!("percolation bench: {alerts} alerts");
    let mut group = c.benchmark_group("percolation");
    group.sample_size(10);
    group.bench_function("reuters/1000-watches/10000-stories", |b| b.iter(run));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
