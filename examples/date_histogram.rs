//! # Date range and calendar histogram
//!
//! We will:
//! - index stories dated across months of different length and a year boundary,
//! - search with a `date:` range written in the query,
//! - read the monthly histogram (UTC calendar months, empty months filled),
//! - check that the buckets add up to the total.
use chrono::{TimeZone, Utc};
use newsidx::{add_articles, Article, Interval, NewsIndex, NewsQuery, NewsSearcher};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let index = NewsIndex::create_in_ram()?;
    let days = [
        (2020, 1, 31),
        (2020, 2, 29),
        (2020, 3, 1),
        (2021, 1, 1),
        (2022, 6, 1),
    ];
    let stories = days.iter().map(|&(y, m, d)| Article {
        title: format!("Cocoa report {y}-{m:02}-{d:02}"),
        body: "Cocoa arrivals were reported.".into(),
        date: Utc.with_ymd_and_hms(y, m, d, 23, 30, 0).single(),
        ..Article::default()
    });
    add_articles(&index, stories, None)?;
    let searcher = NewsSearcher::open(index)?;

    let query = NewsQuery::new("cocoa date:2020-01..2021").interval(Interval::Month);
    let response = searcher.search(&query)?;
    for bucket in &response.histogram.buckets {
        println!("{} {:>3}", bucket.start.format("%Y-%m"), bucket.count);
    }

    let h = &response.histogram;
    assert_eq!(response.total, 4, "June 2022 is out of range");
    assert_eq!(h.buckets.len(), 13, "January 2020 to January 2021");
    assert_eq!(
        h.buckets.iter().map(|b| b.count).sum::<u64>(),
        response.total
    );
    assert_eq!(h.buckets[1].count, 1, "29 February 2020 is in February");
    assert_eq!(h.buckets[5].count, 0, "an empty month is a bucket");
    Ok(())
}
