//! Search latency, as library calls, over two archives built once per run:
//!
//! - `reuters`: Reuters-21578 from `../shared/corpora/reuters21578` (21,578 stories, entities
//!   extracted), skipped with a note when the folder is absent;
//! - `synthetic`: a deterministic generated archive with entity fields set directly, of
//!   `NEWSIDX_BENCH_STORIES` stories (default 100,000).
//!
//! Both are merged to one segment, as a settled archive is. Each bench checks its hit count
//! once (it must be > 0) so it cannot silently measure an empty result.
//!
//! `term`, `phrase`, `and3`: top 10 hits (read from the store) and the exact total, no facets,
//! histogram or fragments; `term_top_docs`: the same search without reading the store (what
//! tantivy-cli's `bench` times); `filtered`: oil with a country and a date range, facets on;
//! `facets_histogram`: oil with every facet and the month histogram; `snippets`: oil with 3
//! highlighted fragments per hit; `by_date`: oil newest first; `related`: related stories of
//! one story. These show every story (`Duplicates::Show`), as before near-duplicate groups.
//!
//! `collapsed_term`, `collapsed_facets_histogram`: `term` and `facets_histogram` with
//! near-duplicates collapsed to one hit per group (the default of `NewsQuery`);
//! `groups_facets_histogram`: collapsed, and facets and histogram counting groups
//! (`CountMode::Groups`).

mod common;

use std::path::Path;

use chrono::{Duration, TimeZone, Utc};
use common::{merge, reuters_searcher};
use criterion::{criterion_group, criterion_main, Criterion};
use newsidx::query::Interval;
use newsidx::{
    Article, CountMode, Dimension, Duplicates, NewsIndex, NewsQuery, NewsSearcher, Sort,
};

/// A small deterministic generator (64-bit LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const COUNTRIES: [&str; 24] = [
    "US", "GB", "FR", "DE", "JP", "CN", "RU", "ML", "NE", "SA", "IR", "IQ", "BR", "IN", "NG", "ZA",
    "CA", "AU", "MX", "EG", "UA", "TR", "KW", "VE",
];

/// One generated story: filler words with topical words mixed in at fixed rates, and entity
/// fields set directly.
fn synthetic_story(i: u64, rng: &mut Rng) -> Article {
    let word = |rng: &mut Rng| format!("w{}", rng.below(5_000));
    let mut title: Vec<String> = (0..6).map(|_| word(rng)).collect();
    let mut body: Vec<String> = (0..60).map(|_| word(rng)).collect();
    for (text, percent) in [
        ("oil", 10),
        ("prices", 12),
        ("opec", 3),
        ("cocoa", 2),
        ("interest rates", 4),
    ] {
        if rng.chance(percent) {
            let at = rng.below(body.len() as u64) as usize;
            body.insert(at, text.to_string());
            if rng.chance(30) {
                title.push(text.to_string());
            }
        }
    }
    let pick = |rng: &mut Rng, prefix: &str, n: u64, max: u64| -> Vec<String> {
        let k = rng.below(max + 1);
        let mut v: Vec<String> = (0..k)
            .map(|_| format!("{prefix} {}", rng.below(n)))
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let mut countries: Vec<String> = (0..1 + rng.below(3))
        .map(|_| COUNTRIES[(rng.below(24) * rng.below(24) / 23) as usize].to_string())
        .collect();
    countries.dedup();
    let people = pick(rng, "Person", 3_000, 2);
    let organisations = pick(rng, "Org", 1_000, 2);
    let mut actors = people.clone();
    actors.extend(organisations.iter().cloned());
    let start = Utc.with_ymd_and_hms(2015, 1, 1, 0, 0, 0).unwrap();
    Article {
        id: format!("s{i}"),
        title: title.join(" "),
        body: body.join(" "),
        date: Some(start + Duration::minutes(rng.below(10 * 365 * 24 * 60) as i64)),
        source: Some(["Reuters", "AFP", "AP", "dpa", "BBC"][rng.below(5) as usize].into()),
        language: Some("en".into()),
        primary_country: countries.first().cloned(),
        countries,
        places: pick(rng, "City", 2_000, 2),
        people,
        organisations,
        actors,
        ..Article::default()
    }
}

fn synthetic_searcher(dir: &Path, stories: u64) -> NewsSearcher {
    let index = NewsIndex::open_or_create(dir).expect("index");
    let mut writer = index.writer(400_000_000).expect("writer");
    let mut rng = Rng(42);
    for i in 0..stories {
        let story = synthetic_story(i, &mut rng);
        writer
            .add_document(index.schema().to_document(&story))
            .expect("add");
    }
    writer.commit().expect("commit");
    drop(writer);
    merge(&index);
    NewsSearcher::open(index).expect("searcher")
}

fn cases(country: &str) -> Vec<(&'static str, NewsQuery)> {
    let bare = |q: &str| {
        NewsQuery::new(q)
            .facets(false)
            .histogram(false)
            .fragments(0)
            .duplicates(Duplicates::Show)
    };
    let facets_histogram = NewsQuery::new("oil").interval(Interval::Month).fragments(0);
    vec![
        (
            "collapsed_term",
            bare("cocoa").duplicates(Duplicates::Collapse),
        ),
        ("collapsed_facets_histogram", facets_histogram.clone()),
        (
            "groups_facets_histogram",
            facets_histogram.clone().count(CountMode::Groups),
        ),
        ("term", bare("cocoa")),
        ("phrase", bare("\"interest rates\"")),
        ("and3", bare("opec oil prices")),
        (
            "filtered",
            NewsQuery::new("oil")
                .filter(Dimension::Country, country)
                .from_date("1987-03")
                .unwrap()
                .to_date("2019-12")
                .unwrap()
                .histogram(false)
                .fragments(0)
                .duplicates(Duplicates::Show),
        ),
        (
            "facets_histogram",
            facets_histogram.duplicates(Duplicates::Show),
        ),
        ("snippets", bare("oil").fragments(3)),
        ("by_date", bare("oil").sort(Sort::Newest)),
    ]
}

fn bench_group(c: &mut Criterion, name: &str, searcher: &NewsSearcher, country: &str) {
    let mut group = c.benchmark_group(name);
    for (bench, query) in cases(country) {
        let total = searcher.search(&query).expect("search").total;
        assert!(total > 0, "{name}/{bench}: no hits");
        eprintln!("{name}/{bench}: {total} hits");
        group.bench_function(bench, |b| b.iter(|| searcher.search(&query).unwrap()));
    }
    let term = cases(country).remove(3).1;
    let (total, _) = searcher.top_docs(&term).expect("top docs");
    assert!(total > 0);
    group.bench_function("term_top_docs", |b| {
        b.iter(|| searcher.top_docs(&term).unwrap())
    });
    let top = searcher.search(&term).expect("search");
    let id = top.hits[0].id.clone();
    let related = searcher.related(&id, 10).expect("related");
    assert!(!related.related.is_empty(), "{name}/related: none for {id}");
    group.bench_function("related", |b| b.iter(|| searcher.related(&id, 10).unwrap()));
    group.finish();
}

fn reuters(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    if let Some(searcher) = reuters_searcher(dir.path()) {
        bench_group(c, "reuters", &searcher, "US");
    }
}

fn synthetic(c: &mut Criterion) {
    let stories: u64 = std::env::var("NEWSIDX_BENCH_STORIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let searcher = synthetic_searcher(dir.path(), stories);
    bench_group(c, "synthetic", &searcher, "US");
}

criterion_group!(benches, reuters, synthetic);
criterion_main!(benches);
