//! The logs in the index folder: `alerts.ndjson`, one [`Alert`] a line, and
//! `alerts.deliveries.ndjson`, one [`Delivery`] a line. Both are only appended to, and
//! synced after each append; a reader takes complete lines only, so it can follow them as
//! they grow ([`read_alerts`] from a byte offset).

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::files::{append_lines, read_lines, ALERTS, DELIVERIES};

/// A story that matched a watch when it was indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alert {
    /// The watch's name.
    pub watch: String,
    /// The story's id (`newsidx show ID`).
    pub id: String,
    /// Its headline.
    pub title: String,
    /// Its date, when it has one.
    pub date: Option<DateTime<Utc>>,
    /// Its source (agency, paper, feed), when known.
    pub source: Option<String>,
    /// When the alert was raised.
    pub at: DateTime<Utc>,
}

/// One attempt to deliver an alert, successful or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    /// The watch's name.
    pub watch: String,
    /// The story's id.
    pub id: String,
    /// `exec` or `webhook`.
    pub via: String,
    /// The command or URL.
    pub target: String,
    /// Delivered: the command exited 0, the URL answered 2xx.
    pub ok: bool,
    /// Attempts made (webhooks retry).
    pub attempts: u32,
    /// What went wrong, when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// When the last attempt ended.
    pub at: DateTime<Utc>,
}

/// Appends alerts to the log of `dir`, synced.
pub fn append_alerts(dir: &Path, alerts: &[Alert]) -> Result<()> {
    let lines: Vec<String> = alerts.iter().map(to_line).collect();
    append_lines(&dir.join(ALERTS), &lines)
}

/// Appends delivery records to the delivery log of `dir`, synced.
pub fn append_deliveries(dir: &Path, deliveries: &[Delivery]) -> Result<()> {
    let lines: Vec<String> = deliveries.iter().map(to_line).collect();
    append_lines(&dir.join(DELIVERIES), &lines)
}

/// The alerts logged in `dir` from byte `offset` of the log, and the offset to read from
/// next: what a server streaming new alerts polls (start at 0 for every alert, or at the
/// log's length for new ones only). Lines that are not alerts are skipped.
pub fn read_alerts(dir: &Path, offset: u64) -> Result<(Vec<Alert>, u64)> {
    let (lines, next) = read_lines(&dir.join(ALERTS), offset)?;
    let alerts = lines
        .iter()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    Ok((alerts, next))
}

/// Every delivery recorded in `dir`.
pub fn read_deliveries(dir: &Path) -> Result<Vec<Delivery>> {
    let (lines, _) = read_lines(&dir.join(DELIVERIES), 0)?;
    Ok(lines
        .iter()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect())
}

/// The alerts of `dir`, of the watch `name` if given, raised at or after `since` if given,
/// oldest first.
pub fn alert_log(
    dir: &Path,
    name: Option<&str>,
    since: Option<DateTime<Utc>>,
) -> Result<Vec<Alert>> {
    let (alerts, _) = read_alerts(dir, 0)?;
    Ok(alerts
        .into_iter()
        .filter(|a| name.is_none_or(|n| a.watch == n))
        .filter(|a| since.is_none_or(|s| a.at >= s))
        .collect())
}

/// The (watch, story id) pairs already alerted in `dir`.
pub(crate) fn alerted(dir: &Path) -> Result<HashSet<(String, String)>> {
    let (alerts, _) = read_alerts(dir, 0)?;
    Ok(alerts.into_iter().map(|a| (a.watch, a.id)).collect())
}

fn to_line(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("alerts serialise")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alert(watch: &str, id: &str, at: &str) -> Alert {
        Alert {
            watch: watch.into(),
            id: id.into(),
            title: format!("story {id}"),
            date: None,
            source: Some("Reuters".into()),
            at: at.parse().unwrap(),
        }
    }

    #[test]
    fn the_log_is_read_by_offset_watch_and_time() {
        let dir = tempfile::tempdir().unwrap();
        let first = [alert("a", "1", "2026-01-01T00:00:00Z")];
        append_alerts(dir.path(), &first).unwrap();
        let (read, offset) = read_alerts(dir.path(), 0).unwrap();
        assert_eq!(read, first);
        let second = [
            alert("b", "2", "2026-01-02T00:00:00Z"),
            alert("a", "3", "2026-01-03T00:00:00Z"),
        ];
        append_alerts(dir.path(), &second).unwrap();
        let (read, _) = read_alerts(dir.path(), offset).unwrap();
        assert_eq!(read, second);
        let of_a = alert_log(dir.path(), Some("a"), None).unwrap();
        assert_eq!(
            of_a.iter().map(|a| &a.id[..]).collect::<Vec<_>>(),
            ["1", "3"]
        );
        let since = alert_log(
            dir.path(),
            None,
            Some("2026-01-02T00:00:00Z".parse().unwrap()),
        );
        assert_eq!(since.unwrap().len(), 2);
        let line = std::fs::read_to_string(dir.path().join(ALERTS)).unwrap();
        let keys: Vec<String> = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(
            line.lines().next().unwrap(),
        )
        .unwrap()
        .keys()
        .cloned()
        .collect();
        assert_eq!(keys.len(), 6);
        for key in ["watch", "id", "title", "date", "source", "at"] {
            assert!(keys.iter().any(|k| k == key), "{key} missing from {line}");
        }
    }
}
