//! # What the per-language fields cost: index size and query latency
//!
//! We will:
//! - read the agency samples of `../shared/corpora` (dpa's 100 German items and the
//!   wire samples in several languages) and extract their entities once;
//! - index them twice on disk: as they are (each story in a stemmed language also goes to its
//!   `text_xx` field), and with every language cleared (English fields only, the design
//!   before schema version 3);
//! - compare the sizes, and the median time of a few searches over each (200 runs each);
//! - check that the German stem finds German stories only with the language fields.
//!
//! Run: `cargo run --release --example language_fields -- ../shared/corpora`

use std::time::Instant;

use newsidx::{add_articles, Extractor, NewsIndex, NewsQuery, NewsSearcher, Readers};

const QUERIES: [&str; 4] = [
    "Regierungen",
    "Merkel Trump",
    "Bundesregierung",
    "\"in Berlin\"",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::env::args()
        .nth(1)
        .unwrap_or("../shared/corpora".into());
    let (readers, extractor) = (Readers::new(), Extractor::new()?);
    let mut stories = Vec::new();
    for dir in ["dpa-newsmlg2", "wire-samples-superdesk"] {
        for entry in std::fs::read_dir(format!("{root}/{dir}"))? {
            stories.extend(readers.read_path(&entry?.path()).stories);
        }
    }
    stories.iter_mut().for_each(|a| extractor.annotate(a));
    let tmp = tempfile::tempdir()?;
    let mut hits = Vec::new();
    for (name, clear) in [
        ("per-language fields", false),
        ("English fields only", true),
    ] {
        let index = NewsIndex::open_or_create(tmp.path().join(name))?;
        let batch = stories.iter().cloned().map(|mut a| {
            if clear {
                a.language = None;
            }
            a
        });
        add_articles(&index, batch, None)?;
        let size = index.size_on_disk();
        let searcher = NewsSearcher::with_extractor(index, extractor.clone())?;
        let mut times = Vec::new();
        for _ in 0..200 {
            let t = Instant::now();
            for q in QUERIES {
                searcher.search(&NewsQuery::new(q).limit(10))?;
            }
            times.push(t.elapsed().as_secs_f64() * 1e6 / QUERIES.len() as f64);
        }
        times.sort_by(f64::total_cmp);
        let found = searcher.search(&NewsQuery::new("Regierungen"))?.total;
        println!("{name:<22} {} stories, {size} bytes, median {:.0} us/query, \"Regierungen\" {found} hits", stories.len(), times[100]);
        hits.push(found);
    }
    assert!(
        hits[0] > hits[1],
        "the German stem must find more German stories"
    );
    Ok(())
}
