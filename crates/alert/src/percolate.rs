//! Percolation: running every saved search over the stories an indexing run wrote, and only
//! those, then logging and delivering what matched.
//!
//! # How a run alerts, at least once
//! 1. Before each commit, the indexing run appends the ids it wrote since the last commit to
//!    the [`Journal`] (`alerts.pending`) and syncs it: a commit never holds a story the
//!    journal does not name.
//! 2. After the final commit, [`after_run`] reads the journal, finds those stories in the
//!    index (a [`Batch`]) and runs every watch over them ([`percolate`]).
//! 3. The alerts not logged before (the log is keyed by watch and story id) are appended to
//!    `alerts.ndjson` and synced; then each alert whose watch delivers and that has no
//!    delivery record yet is delivered and recorded.
//! 4. Only then is the journal removed.
//!
//! A crash (even `kill -9`) at any point leaves the journal in place, and the next run
//! percolates its ids again with its own: an alert whose story was committed is logged and
//! delivered then, even when that run adds nothing. A crash after a delivery but before its
//! record may deliver it twice: delivery is at least once. Ids of stories written but never
//! committed find nothing and are dropped.
//!
//! A changed story (its file changed, or `--force` read it again) is written again and so
//! percolated again; it alerts each watch once only, however often it changes: a correction
//! of a story already alerted is not alerted again, an edit that makes it match a watch for
//! the first time is.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::Utc;
use newsidx_core::Article;
use newsidx_query::{Batch, NewsSearcher};
use rayon::prelude::*;
use serde::Serialize;
use tantivy::{DocAddress, TantivyDocument};

use crate::deliver::{deliver, DeliveryOptions};
use crate::error::{Error, Result};
use crate::files::{append_lines, read_lines, JOURNAL};
use crate::log::{alerted, append_alerts, append_deliveries, read_deliveries, Alert, Delivery};
use crate::watch::{Watch, WatchStore};

/// The journal of stories written to the index but not yet percolated: `alerts.pending` in
/// the index folder, one id a line.
#[derive(Debug, Clone)]
pub struct Journal {
    path: PathBuf,
}

impl Journal {
    /// The journal of the index folder `dir`.
    pub fn new(dir: &Path) -> Journal {
        Journal {
            path: dir.join(JOURNAL),
        }
    }

    /// Appends `ids` and syncs: call it before the commit that holds their stories.
    pub fn record<S: AsRef<str>>(&self, ids: &[S]) -> Result<()> {
        append_lines(&self.path, ids)
    }

    /// The ids recorded, each once, in the order first recorded.
    pub fn ids(&self) -> Result<Vec<String>> {
        let (lines, _) = read_lines(&self.path, 0)?;
        let mut seen = HashSet::new();
        Ok(lines
            .into_iter()
            .filter(|id| seen.insert(id.clone()))
            .collect())
    }

    /// True when ids wait to be percolated (a run is under way, or one ended before it
    /// alerted).
    pub fn is_pending(&self) -> bool {
        self.path.exists()
    }

    /// Removes the journal, once its stories are percolated, logged and delivered.
    pub fn clear(&self) -> Result<()> {
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&self.path)(e)),
            _ => Ok(()),
        }
    }
}

/// A watch that could not be run over a batch (its query no longer plans: an actor it
/// names is gone from the index, say). The other watches are run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WatchFailure {
    /// The watch's name.
    pub watch: String,
    /// What went wrong.
    pub message: String,
}

/// What [`after_run`] did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Percolation {
    /// Stories percolated (those of the journal still in the index).
    pub stories: usize,
    /// Watches run.
    pub watches: usize,
    /// New alerts, logged.
    pub alerts: Vec<Alert>,
    /// Deliveries attempted, recorded.
    pub deliveries: Vec<Delivery>,
    /// Watches that could not be run.
    pub failures: Vec<WatchFailure>,
    /// Wall-clock seconds of percolating, logging and delivering.
    pub seconds: f64,
}

/// Runs every watch over the stories of `batch`: the alerts, by watch then index order, all
/// raised now, and the watches that failed.
///
/// Cost: the watches are planned and run in parallel (rayon's pool), each about one seek
/// per story of the batch in its postings; each story matched is read from the store once.
pub fn percolate(
    searcher: &NewsSearcher,
    batch: &Batch,
    watches: &[Watch],
) -> Result<(Vec<Alert>, Vec<WatchFailure>)> {
    let at = Utc::now();
    let schema = searcher.index().schema();
    // The watches run in parallel; the stories they match are read once each, in order.
    let found: Vec<Result<Vec<DocAddress>>> = watches
        .par_iter()
        .map(|watch| Ok(searcher.matches_in(batch, &watch.news_query()?)?))
        .collect();
    // Each story matched is read once, in index order (the store's blocks one after the
    // other, as its cache likes).
    let mut wanted: Vec<DocAddress> = found.iter().flatten().flatten().copied().collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut stories: HashMap<DocAddress, Article> = HashMap::with_capacity(wanted.len());
    for address in wanted {
        let doc: TantivyDocument = batch.searcher().doc(address)?;
        stories.insert(address, schema.to_article(&doc));
    }
    let mut alerts = Vec::new();
    let mut failures = Vec::new();
    for (watch, found) in watches.iter().zip(found) {
        let addresses = match found {
            Ok(addresses) => addresses,
            Err(e) => {
                failures.push(WatchFailure {
                    watch: watch.name.clone(),
                    message: e.to_string(),
                });
                continue;
            }
        };
        for address in addresses {
            let story = &stories[&address];
            alerts.push(Alert {
                watch: watch.name.clone(),
                id: story.id.clone(),
                title: story.title.clone(),
                date: story.date,
                source: story.source.clone(),
                at,
            });
        }
    }
    Ok((alerts, failures))
}

/// After an indexing run into the index folder `dir` (committed, with `searcher` over it):
/// percolates the journal's stories, logs the new alerts, delivers them and clears the
/// journal (the steps and their crash safety are in the [module docs](self)). Does nothing
/// when the journal is empty or missing; clears it without searching when there is no watch.
pub fn after_run(
    dir: &Path,
    searcher: &NewsSearcher,
    options: &DeliveryOptions,
) -> Result<Percolation> {
    let start = std::time::Instant::now();
    let journal = Journal::new(dir);
    let ids = journal.ids()?;
    let watches = WatchStore::load(dir)?.watches;
    let mut out = Percolation {
        watches: watches.len(),
        ..Percolation::default()
    };
    if ids.is_empty() || watches.is_empty() {
        journal.clear()?;
        return Ok(out);
    }
    let batch = searcher.batch(&ids)?;
    out.stories = batch.len();
    let (found, failures) = percolate(searcher, &batch, &watches)?;
    out.failures = failures;
    let logged = alerted(dir)?;
    out.alerts = found
        .iter()
        .filter(|a| !logged.contains(&(a.watch.clone(), a.id.clone())))
        .cloned()
        .collect();
    append_alerts(dir, &out.alerts)?;
    out.deliveries = deliver_all(dir, &watches, &found, options)?;
    journal.clear()?;
    out.seconds = start.elapsed().as_secs_f64();
    Ok(out)
}

/// Delivers each of `found` (new alerts, and old ones a crash kept from their delivery) that
/// has no delivery record yet, recording each delivery as it is made.
fn deliver_all(
    dir: &Path,
    watches: &[Watch],
    found: &[Alert],
    options: &DeliveryOptions,
) -> Result<Vec<Delivery>> {
    let by_name: HashMap<&str, &Watch> = watches.iter().map(|w| (w.name.as_str(), w)).collect();
    let mut done: Option<HashSet<(String, String)>> = None;
    let mut out = Vec::new();
    for alert in found {
        let watch = by_name[alert.watch.as_str()];
        if watch.exec.is_none() && watch.webhook.is_none() {
            continue;
        }
        let done = match &mut done {
            Some(done) => done,
            None => done.insert(
                read_deliveries(dir)?
                    .into_iter()
                    .map(|d| (d.watch, d.id))
                    .collect(),
            ),
        };
        if done.contains(&(alert.watch.clone(), alert.id.clone())) {
            continue;
        }
        let made = deliver(watch, alert, options);
        append_deliveries(dir, &made)?;
        out.extend(made);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use newsidx_core::{Article, NewsIndex};

    use super::*;

    fn story(id: &str, title: &str) -> Article {
        Article {
            id: id.into(),
            title: title.into(),
            ..Article::default()
        }
    }

    /// Writes `stories` as an indexing run does: journal first, then commit.
    fn run(index: &NewsIndex, dir: &Path, stories: &[Article]) {
        let mut writer = index.writer_with_threads(1, 15_000_000).unwrap();
        let ids: Vec<&str> = stories.iter().map(|s| s.id.as_str()).collect();
        Journal::new(dir).record(&ids).unwrap();
        for s in stories {
            writer.delete_story(&s.id);
            writer.add_article(s).unwrap();
        }
        writer.commit().unwrap();
    }

    #[test]
    fn a_crash_between_commit_and_alert_is_alerted_by_the_next_run() {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::open_or_create(dir.path()).unwrap();
        let searcher = NewsSearcher::open(index.clone()).unwrap();
        let mut store = WatchStore::load(dir.path()).unwrap();
        store.watches.push(Watch::new("oil", "oil"));
        store.save(dir.path()).unwrap();
        let options = DeliveryOptions::default();

        run(
            &index,
            dir.path(),
            &[story("1", "oil up"), story("2", "gold")],
        );
        // Killed here: committed, nothing alerted. The journal survives.
        assert!(Journal::new(dir.path()).is_pending());
        run(&index, dir.path(), &[story("3", "oil down")]);
        let done = after_run(dir.path(), &searcher, &options).unwrap();
        let ids: Vec<&str> = done.alerts.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["1", "3"]);
        assert_eq!(done.stories, 3);
        assert!(!Journal::new(dir.path()).is_pending());

        // A run that adds nothing alerts nothing.
        let none = after_run(dir.path(), &searcher, &options).unwrap();
        assert!(none.alerts.is_empty());
        // A changed story percolates again but alerts a watch once only.
        run(
            &index,
            dir.path(),
            &[story("1", "oil up again"), story("2", "oil and gold")],
        );
        let changed = after_run(dir.path(), &searcher, &options).unwrap();
        let ids: Vec<&str> = changed.alerts.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["2"]);
        assert_eq!(crate::alert_log(dir.path(), None, None).unwrap().len(), 3);
    }

    #[test]
    fn a_watch_that_fails_leaves_the_others_running() {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::open_or_create(dir.path()).unwrap();
        let searcher = NewsSearcher::open(index.clone()).unwrap();
        let mut store = WatchStore::load(dir.path()).unwrap();
        let mut broken = Watch::new("gone", "oil");
        broken
            .filters
            .insert("source".into(), vec!["No Such Agency".into()]);
        store.watches.push(broken);
        store.watches.push(Watch::new("oil", "oil"));
        store.save(dir.path()).unwrap();
        run(&index, dir.path(), &[story("1", "oil up")]);
        let done = after_run(dir.path(), &searcher, &DeliveryOptions::default()).unwrap();
        assert_eq!(done.alerts.len(), 1);
        assert_eq!(done.failures.len(), 1);
        assert_eq!(done.failures[0].watch, "gone");
    }
}
