//! # Related stories, without duplicates
//!
//! We will:
//! - index a story, a copy of it under another id, a related story and an unrelated one,
//! - ask for the stories related to the first,
//! - see that the copy is left out as a duplicate and the related story comes first.
use newsidx::{add_articles, Article, NewsIndex, NewsSearcher};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let index = NewsIndex::create_in_ram()?;
    let story = |id: &str, title: &str, body: &str| Article {
        id: id.into(),
        title: title.into(),
        body: body.into(),
        ..Article::default()
    };
    let body = "Ivory Coast cocoa arrivals at Abidjan and San Pedro rose to 500,000 tonnes, \
                exporters said, as the main crop harvest gathered pace.";
    add_articles(
        &index,
        vec![
            story("a", "Ivory Coast cocoa arrivals rise", body),
            story("a-copy", "Cocoa arrivals rise in Ivory Coast", body),
            story(
                "b",
                "Ghana cocoa arrivals fall",
                "Ghana cocoa arrivals at Tema fell to 200,000 tonnes.",
            ),
            story("c", "Gold steady", "Gold was steady in London trading."),
            story("d", "Wheat exports", "Wheat exports fell in the week."),
        ],
        None,
    )?;
    let searcher = NewsSearcher::open(index)?;

    let related = searcher.related("a", 5)?;
    for story in &related.related {
        println!(
            "{:.2} {} (shared: {:?})",
            story.score, story.title, story.shared_terms
        );
    }
    println!("duplicates left out: {:?}", related.duplicates);

    assert_eq!(related.related[0].id, "b");
    assert!(related
        .related
        .iter()
        .all(|s| s.id != "a" && s.id != "a-copy"));
    assert_eq!(related.duplicates, ["a-copy"]);
    Ok(())
}
