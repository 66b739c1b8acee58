//! # Embedding newsidx in an app
//!
//! We will:
//! - create an index in RAM,
//! - add a few stories (entities are extracted from their text),
//! - run a faceted search with a country filter,
//! - print the hits, the country facet and the monthly histogram.

use chrono::{TimeZone, Utc};
use newsidx::{add_articles, Article, Dimension, Extractor, NewsIndex, NewsQuery, NewsSearcher};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let extractor = Extractor::new()?;
    let index = NewsIndex::create_in_ram()?;

    let story = |title: &str, body: &str, (y, m, d): (i32, u32, u32)| Article {
        title: title.into(),
        body: body.into(),
        date: Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).single(),
        source: Some("newsidx demo".into()),
        ..Article::default()
    };
    let stories = vec![
        story(
            "Mali turns to Russian contractors",
            "Mali's government in Bamako is close to hiring Wagner Group fighters, \
             Russian Foreign Minister Sergey Lavrov said.",
            (2021, 9, 25),
        ),
        story(
            "France ends its Sahel mission",
            "The last French troops of the Barkhane force left Mali for Niger.",
            (2022, 8, 15),
        ),
        story(
            "Wagner fighters seen in Libya",
            "Russian mercenaries of the Wagner Group remain in eastern Libya.",
            (2022, 3, 2),
        ),
    ];
    add_articles(&index, stories, Some(&extractor))?;

    let searcher = NewsSearcher::with_extractor(index, extractor)?;
    let response = searcher.search(&NewsQuery::new("Wagner").filter(Dimension::Country, "Mali"))?;

    for hit in &response.hits {
        println!("{:.2}  {}  {:?}", hit.score, hit.title, hit.countries);
    }
    for country in &response.facets[Dimension::Country] {
        println!("{} {} ({})", country.value, country.label, country.count);
    }
    for bucket in &response.histogram.buckets {
        println!("{}  {}", bucket.start.format("%Y-%m"), bucket.count);
    }

    assert_eq!(response.total, 1);
    assert_eq!(response.hits[0].title, "Mali turns to Russian contractors");
    // Drill-sideways: Libya's Wagner story still counts in the country facet.
    assert!(response.facets[Dimension::Country]
        .iter()
        .any(|c| c.value == "LY"));
    Ok(())
}
