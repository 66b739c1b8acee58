//! # Saved searches: an alert when an indexing run brings a matching story
//!
//! We will:
//! - index a first story into an index on disk,
//! - save a watch (Wagner, in stories about Niger), checked as `search` checks a query,
//! - index two more stories, journalling their ids before the commit as `newsidx index` does,
//! - percolate the run's stories and read the alert log back.

use newsidx::alert::{self, DeliveryOptions, Journal, Watch};
use newsidx::{Dimension, Extractor, Indexer, NewsIndex, NewsSearcher};

/// Writes a plain-text wire story: title, date, body.
fn story(dir: &std::path::Path, name: &str, title: &str, body: &str) -> std::io::Result<()> {
    let text = format!("{title}\n\n2024-03-01\n\n{body}\n");
    std::fs::write(dir.join(name), text)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (corpus, dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let extractor = Extractor::new()?;
    let index = NewsIndex::open_or_create(dir.path())?;
    story(
        corpus.path(),
        "1.txt",
        "Wagner in Mali",
        "Wagner fighters left Bamako, Mali.",
    )?;
    Indexer::new(&index)
        .extractor(extractor.clone())
        .run(&[corpus.path()], |_| {})?;

    // The watch is checked against the index, then kept in its folder (watches.json).
    let searcher = NewsSearcher::with_extractor(index.clone(), extractor.clone())?;
    let watch = Watch::new("wagner-niger", "wagner").filters(Dimension::Country, ["Niger"]);
    assert_eq!(alert::add_watch(dir.path(), &searcher, watch)?, 0);

    // The next run journals what it writes before committing it...
    story(
        corpus.path(),
        "2.txt",
        "Wagner arrives in Niger",
        "Wagner fighters landed in Niamey, Niger.",
    )?;
    story(
        corpus.path(),
        "3.txt",
        "Niger floods",
        "Floods hit Niamey, Niger.",
    )?;
    let journal = Journal::new(dir.path());
    let record = |ids: &[String]| journal.record(ids).map_err(std::io::Error::other);
    let report = Indexer::new(&index)
        .extractor(extractor)
        .before_commit(&record)
        .run(&[corpus.path()], |_| {})?;
    assert_eq!(report.stories_indexed, 2);

    // ...and every watch runs over those two stories only.
    let done = alert::after_run(dir.path(), &searcher, &DeliveryOptions::default())?;
    for alert in &done.alerts {
        println!("{}: {} ({})", alert.watch, alert.title, alert.id);
    }
    let log = alert::alert_log(dir.path(), None, None)?;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].title, "Wagner arrives in Niger");
    Ok(())
}
