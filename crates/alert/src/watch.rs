//! Saved searches: a [`Watch`] (a name, the query text and the filters of a search, and how
//! to deliver its alerts) and the [`WatchStore`] kept in the index folder as `watches.json`.
//!
//! The store is one JSON document, `{"version": 1, "watches": [...]}`, rewritten whole and
//! atomically on each change ([`crate::files::write_atomic`]). Two processes changing it at
//! the same moment may lose one change; a reader never sees half a file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use newsidx_core::Dimension;
use newsidx_query::{NewsQuery, NewsSearcher};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::files::{write_atomic, WATCHES};

/// The version of `watches.json` this crate writes and reads.
pub const STORE_VERSION: u64 = 1;

/// Longest watch name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// One saved search.
///
/// The query is kept as written (text, filter values, date bounds), not as resolved: it is
/// planned again on each run, as `search` would plan it then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watch {
    /// The name alerts are filed under: letters, digits, `-`, `_` and `.`.
    pub name: String,
    /// The query text, in the language of `newsidx_query::parse`.
    pub query: String,
    /// Filter values by dimension key (`country`, `actor`...), as given.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub filters: BTreeMap<String, Vec<String>>,
    /// Earliest story date, as given (`2021`, `2021-09`, `2021-09-25`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Latest story date, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// A shell command run for each alert, with the alert as JSON on its standard input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exec: Option<String>,
    /// An `http://` URL each alert is POSTed to as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook: Option<String>,
    /// When the watch was saved.
    pub created: DateTime<Utc>,
}

impl Watch {
    /// A watch of `query` with no filter and no delivery, created now.
    pub fn new(name: impl Into<String>, query: impl Into<String>) -> Watch {
        Watch {
            name: name.into(),
            query: query.into(),
            filters: BTreeMap::new(),
            from: None,
            to: None,
            exec: None,
            webhook: None,
            created: Utc::now(),
        }
    }

    /// Adds filter values of one dimension (any of them must match).
    #[must_use]
    pub fn filters<I, S>(mut self, dimension: Dimension, values: I) -> Watch
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let list = self.filters.entry(dimension.key().to_string()).or_default();
        list.extend(values.into_iter().map(Into::into));
        if list.is_empty() {
            self.filters.remove(dimension.key());
        }
        self
    }

    /// The search this watch runs: its text, filters and dates, asking for no page, facet,
    /// histogram or fragment (percolation needs the matches only).
    pub fn news_query(&self) -> Result<NewsQuery> {
        let mut query = NewsQuery::new(self.query.clone())
            .limit(0)
            .facets(false)
            .histogram(false)
            .fragments(0);
        for (key, values) in &self.filters {
            let dimension = Dimension::from_key(key).ok_or_else(|| Error::Format {
                path: PathBuf::from(WATCHES),
                message: format!("watch {:?}: unknown filter {key:?}", self.name),
            })?;
            query = query.filters(dimension, values);
        }
        if let Some(from) = &self.from {
            query = query.from_date(from)?;
        }
        if let Some(to) = &self.to {
            query = query.to_date(to)?;
        }
        Ok(query)
    }

    /// Checks the watch as `search` checks a query: its name, the syntax, the dates, and that
    /// every filter value names something known (an unknown country or actor fails with
    /// suggestions). Returns how many stories of the index it matches now.
    pub fn check(&self, searcher: &NewsSearcher) -> Result<u64> {
        check_name(&self.name)?;
        if let Some(url) = &self.webhook {
            check_webhook(url)?;
        }
        Ok(searcher.search(&self.news_query()?)?.total)
    }
}

/// Refuses webhooks delivery cannot reach: only plain `http://` URLs are called (the HTTP
/// client is built without TLS), so an `https://` one would fail on every alert.
fn check_webhook(url: &str) -> Result<()> {
    let bad = |reason| {
        Err(Error::BadWebhook {
            url: url.to_string(),
            reason,
        })
    };
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") {
        return bad(
            "https:// is not supported by this build; use an http:// URL (e.g. a local relay)",
        );
    }
    if !lower.starts_with("http://") || lower.len() <= "http://".len() {
        return bad("expected an http:// URL");
    }
    Ok(())
}

/// Refuses names that would not read back well in a log or a URL.
fn check_name(name: &str) -> Result<()> {
    let bad = |reason| {
        Err(Error::BadName {
            name: name.to_string(),
            reason,
        })
    };
    if name.is_empty() {
        return bad("it is empty");
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return bad("it is longer than 100 characters");
    }
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return bad("use letters, digits, '-', '_' and '.' only");
    }
    Ok(())
}

/// The saved searches of one index folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchStore {
    /// [`STORE_VERSION`].
    pub version: u64,
    /// The watches, in the order they were added.
    pub watches: Vec<Watch>,
}

impl WatchStore {
    /// The path of the store in the index folder `dir`.
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(WATCHES)
    }

    /// Loads the store of `dir`; none there reads as an empty store.
    pub fn load(dir: &Path) -> Result<WatchStore> {
        let path = WatchStore::path(dir);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(WatchStore {
                    version: STORE_VERSION,
                    watches: Vec::new(),
                })
            }
            Err(e) => return Err(Error::io(&path)(e)),
        };
        let value: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| Error::Format {
                path: path.clone(),
                message: e.to_string(),
            })?;
        let found = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
        if found != STORE_VERSION {
            return Err(Error::Version {
                path,
                found,
                expected: STORE_VERSION,
            });
        }
        serde_json::from_value(value).map_err(|e| Error::Format {
            path,
            message: e.to_string(),
        })
    }

    /// Writes the store to `dir`, atomically.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let mut text = serde_json::to_string_pretty(self).expect("watches serialise");
        text.push('\n');
        write_atomic(&WatchStore::path(dir), text.as_bytes())
    }

    /// The watch named `name`.
    pub fn get(&self, name: &str) -> Option<&Watch> {
        self.watches.iter().find(|w| w.name == name)
    }
}

/// The watches of the index folder `dir` (none when it has no store).
pub fn list_watches(dir: &Path) -> Result<Vec<Watch>> {
    Ok(WatchStore::load(dir)?.watches)
}

/// Checks `watch` against the index of `searcher` ([`Watch::check`]) and saves it in the
/// store of `dir`. Fails on a name taken. Returns the stories it matches now.
pub fn add_watch(dir: &Path, searcher: &NewsSearcher, watch: Watch) -> Result<u64> {
    let mut store = WatchStore::load(dir)?;
    if store.get(&watch.name).is_some() {
        return Err(Error::Duplicate { name: watch.name });
    }
    let matching = watch.check(searcher)?;
    store.version = STORE_VERSION;
    store.watches.push(watch);
    store.save(dir)?;
    Ok(matching)
}

/// Removes the watch named `name` from the store of `dir` (its past alerts stay in the log).
pub fn remove_watch(dir: &Path, name: &str) -> Result<Watch> {
    let mut store = WatchStore::load(dir)?;
    let at = store
        .watches
        .iter()
        .position(|w| w.name == name)
        .ok_or_else(|| Error::UnknownWatch {
            name: name.to_string(),
        })?;
    let watch = store.watches.remove(at);
    store.save(dir)?;
    Ok(watch)
}

#[cfg(test)]
mod tests {
    use newsidx_core::{Article, NewsIndex};

    use super::*;

    fn searcher() -> NewsSearcher {
        let index = NewsIndex::create_in_ram().unwrap();
        let mut writer = index.writer_with_threads(1, 15_000_000).unwrap();
        let story = Article {
            id: "1".into(),
            title: "Wagner in Mali".into(),
            countries: vec!["ML".into()],
            ..Article::default()
        };
        writer
            .add_document(index.schema().to_document(&story))
            .unwrap();
        writer.commit().unwrap();
        NewsSearcher::open(index).unwrap()
    }

    #[test]
    fn webhooks_must_be_plain_http() {
        let s = searcher();
        let mut w = Watch::new("w", "wagner");
        w.webhook = Some("https://hooks.example.org/x".into());
        let e = w.check(&s).unwrap_err();
        assert!(e.to_string().contains("https:// is not supported"), "{e}");
        assert!(e.is_user_error());
        w.webhook = Some("ftp://x".into());
        assert!(w.check(&s).is_err());
        w.webhook = Some("http://127.0.0.1:9/hook".into());
        assert_eq!(w.check(&s).unwrap(), 1);
    }

    #[test]
    fn the_store_round_trips_with_its_version() {
        let dir = tempfile::tempdir().unwrap();
        let searcher = searcher();
        let watch = Watch::new("mali", "wagner").filters(Dimension::Country, ["Mali"]);
        assert_eq!(add_watch(dir.path(), &searcher, watch.clone()).unwrap(), 1);
        let text = std::fs::read_to_string(WatchStore::path(dir.path())).unwrap();
        assert!(text.contains("\"version\": 1"), "{text}");
        assert_eq!(list_watches(dir.path()).unwrap(), [watch]);
        let again = add_watch(dir.path(), &searcher, Watch::new("mali", "x"));
        assert!(matches!(again, Err(Error::Duplicate { .. })));
        remove_watch(dir.path(), "mali").unwrap();
        assert!(list_watches(dir.path()).unwrap().is_empty());
        assert!(matches!(
            remove_watch(dir.path(), "mali"),
            Err(Error::UnknownWatch { .. })
        ));
    }

    #[test]
    fn a_later_version_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            WatchStore::path(dir.path()),
            r#"{"version": 2, "watches": []}"#,
        )
        .unwrap();
        assert!(matches!(
            WatchStore::load(dir.path()),
            Err(Error::Version { found: 2, .. })
        ));
    }

    #[test]
    fn a_watch_is_checked_as_a_search_is() {
        let dir = tempfile::tempdir().unwrap();
        let searcher = searcher();
        let syntax = add_watch(dir.path(), &searcher, Watch::new("a", "(wagner"));
        assert!(matches!(
            syntax,
            Err(Error::Query(newsidx_query::Error::Syntax { .. }))
        ));
        let country = Watch::new("b", "wagner").filters(Dimension::Country, ["Malii"]);
        let err = add_watch(dir.path(), &searcher, country).unwrap_err();
        assert!(err.is_user_error());
        assert!(err.to_string().contains("did you mean Mali"), "{err}");
        let name = add_watch(dir.path(), &searcher, Watch::new("a b", "wagner"));
        assert!(matches!(name, Err(Error::BadName { .. })));
        assert!(list_watches(dir.path()).unwrap().is_empty());
    }
}
