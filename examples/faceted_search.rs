//! # Faceted search with drill-sideways
//!
//! We will:
//! - index four stories in RAM (entities are extracted from their text),
//! - search with an inline country filter and an actor option,
//! - see that the country facet still counts the other countries (drill-sideways),
//! - read the highlighted fragment of the best hit.

use newsidx::{add_articles, Article, Dimension, Extractor, NewsIndex, NewsQuery, NewsSearcher};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let extractor = Extractor::new()?;
    let index = NewsIndex::create_in_ram()?;
    let story = |title: &str, body: &str| Article {
        title: title.into(),
        body: body.into(),
        ..Article::default()
    };
    add_articles(
        &index,
        vec![
            story(
                "Wagner fighters arrive in Mali",
                "Russian mercenaries of the Wagner Group landed in Bamako.",
            ),
            story(
                "Wagner in Libya",
                "The Wagner Group keeps fighters near Sirte in Libya.",
            ),
            story(
                "Mali junta delays vote",
                "The Malian junta said elections would wait.",
            ),
            story("Oil prices rise", "Brent crude rose in London."),
        ],
        Some(&extractor),
    )?;
    let searcher = NewsSearcher::with_extractor(index, extractor)?;

    // `country:Malian` resolves through the gazetteer to ML; it is applied like a country filter of the query.
    let response = searcher.search(&NewsQuery::new("wagner country:Malian").fragments(2))?;
    println!("{} stories; filters {:?}", response.total, response.filters);
    for value in &response.facets[Dimension::Country] {
        println!("  {} {} ({})", value.value, value.label, value.count);
    }
    let best = &response.hits[0];
    let fragment = &best.fragments[0];
    println!(
        "{}: {} {:?}",
        best.title, fragment.text, fragment.highlights
    );

    assert_eq!(response.total, 1);
    assert_eq!(response.filters[Dimension::Country], ["ML"]);
    // Drill-sideways: Libya's Wagner story is still counted in the country facet.
    assert!(response.facets[Dimension::Country]
        .iter()
        .any(|c| c.value == "LY"));
    assert!(!best.highlights.is_empty());
    Ok(())
}
