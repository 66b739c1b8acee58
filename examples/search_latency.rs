//! # Warm search latency of an index on disk
//!
//! We will:
//! - open the index given on the command line once (one `NewsSearcher`, as a server holds);
//!   with no argument, index the bundled `corpus/` in RAM and search it for `mali` and `""`,
//! - run each query given after it (empty: every story) with every facet and the histogram,
//!   once to warm up and then `RUNS` times (default 50),
//! - with `DUPLICATES=show`, list every story instead of one a near-duplicate group (the
//!   default, `collapse`), to measure what collapsing costs,
//! - print, per query, its hits, segments, and the p50 and p90 of the warm runs in ms,
//! - assert that every run found the same number of stories, and some.
//!
//! Run it as `cargo run --release --example search_latency -- INDEX oil ""`
//! (`scripts/bench-scale.sh` does).
use std::time::Instant;

use newsidx::{Duplicates, Indexer, NewsIndex, NewsQuery, NewsSearcher};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (index, mut queries) = match args.next() {
        Some(dir) => (NewsIndex::open(dir)?, args.collect::<Vec<String>>()),
        None => {
            let index = NewsIndex::create_in_ram()?;
            Indexer::new(&index).run(&["corpus"], |_| {})?;
            (index, Vec::new())
        }
    };
    if queries.is_empty() {
        queries = vec!["mali".to_string(), String::new()];
    }
    let runs: usize = std::env::var("RUNS").map_or(Ok(50), |r| r.parse())?;
    let duplicates = match std::env::var("DUPLICATES").as_deref() {
        Ok("show") => Duplicates::Show,
        Ok("collapse") | Err(_) => Duplicates::Collapse,
        Ok(other) => return Err(format!("DUPLICATES={other}: show or collapse").into()),
    };
    let searcher = NewsSearcher::open(index)?;
    let segments = searcher.reader().searcher().segment_readers().len();
    for text in &queries {
        let request = NewsQuery::new(text.as_str())
            .facets(true)
            .histogram(true)
            .duplicates(duplicates);
        let total = searcher.search(&request)?.total;
        assert!(total > 0, "{text:?} found nothing");
        let mut ms = Vec::with_capacity(runs);
        for _ in 0..runs {
            let start = Instant::now();
            let response = searcher.search(&request)?;
            ms.push(start.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(response.total, total, "{text:?} changed its count");
        }
        ms.sort_by(f64::total_cmp);
        let pct = |p: usize| ms[(ms.len() - 1) * p / 100];
        println!(
            "query {text:?} hits {total} segments {segments} p50 {:.1} ms p90 {:.1} ms",
            pct(50),
            pct(90)
        );
    }
    Ok(())
}
