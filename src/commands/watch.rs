//! `newsidx watch`: turns arguments into calls of `newsidx-alert` (add, list, remove saved
//! searches, read their alerts) and prints the outcome.

use std::io::Write;

use anyhow::{Context, Result};
use newsidx::alert::{self, Alert, Watch};
use newsidx::query::dates::parse_bound;
use newsidx::{NewsIndex, NewsSearcher};

use crate::cli::{WatchAddArgs, WatchArgs, WatchCommand, WatchListArgs, WatchLogArgs, WatchRmArgs};
use crate::render;

pub fn run(args: WatchArgs) -> Result<u8> {
    match args.command {
        WatchCommand::Add(args) => add(args),
        WatchCommand::List(args) => list(args),
        WatchCommand::Rm(args) => rm(args),
        WatchCommand::Log(args) => log(args),
    }
}

fn add(args: WatchAddArgs) -> Result<u8> {
    let index = NewsIndex::open(&args.index.dir)?;
    let searcher = NewsSearcher::open(index)?;
    let mut watch = Watch::new(args.name, args.query);
    for (dimension, values) in args.filters.values.iter() {
        watch = watch.filters(dimension, values.iter().cloned());
    }
    watch.from = args.dates.from;
    watch.to = args.dates.to;
    watch.exec = args.exec;
    watch.webhook = args.webhook;
    let name = watch.name.clone();
    let matching = alert::add_watch(&args.index.dir, &searcher, watch).map_err(|e| match e {
        // As `search` shows it: on a terminal, the query with a caret under the position.
        alert::Error::Query(e) => super::search::with_caret(e.into()),
        other => newsidx::Error::from(other).into(),
    })?;
    println!(
        "Saved the watch {name}: it matches {} in the index now; later runs of `newsidx index` \
         alert the new ones.",
        render::count(matching, "story", "stories")
    );
    Ok(0)
}

fn list(args: WatchListArgs) -> Result<u8> {
    let watches = alert::list_watches(&args.index.dir)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &watches)?;
        writeln!(out)?;
    } else if watches.is_empty() {
        writeln!(
            out,
            "No watch saved (`newsidx watch add NAME QUERY` saves one)."
        )?;
    } else {
        for watch in &watches {
            writeln!(out, "{}\t{}", watch.name, describe(watch))?;
        }
    }
    out.flush()?;
    Ok(0)
}

/// A watch's query and options on one line, as they would be typed.
fn describe(watch: &Watch) -> String {
    let mut parts = vec![format!("{:?}", watch.query)];
    for (key, values) in &watch.filters {
        for value in values {
            parts.push(format!("--{key} {value:?}"));
        }
    }
    let options = [
        ("from", &watch.from),
        ("to", &watch.to),
        ("exec", &watch.exec),
        ("webhook", &watch.webhook),
    ];
    for (flag, value) in options {
        if let Some(value) = value {
            parts.push(format!("--{flag} {value:?}"));
        }
    }
    parts.join(" ")
}

fn rm(args: WatchRmArgs) -> Result<u8> {
    alert::remove_watch(&args.index.dir, &args.name).map_err(newsidx::Error::from)?;
    println!(
        "Removed the watch {}; its alerts stay in the log.",
        args.name
    );
    Ok(0)
}

fn log(args: WatchLogArgs) -> Result<u8> {
    let since = match &args.since {
        Some(text) => Some(parse_bound(text, false).context("--since")?),
        None => None,
    };
    let alerts = alert::alert_log(&args.index.dir, args.name.as_deref(), since)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &alerts)?;
        writeln!(out)?;
    } else {
        for alert in &alerts {
            writeln!(out, "{}", line(alert))?;
        }
    }
    out.flush()?;
    Ok(if alerts.is_empty() { 1 } else { 0 })
}

/// One alert on one line: when, which watch, the story's id, date, source and headline.
pub fn line(alert: &Alert) -> String {
    format!(
        "{}  {}  {}  {}  {}  {}",
        alert.at.format("%Y-%m-%d %H:%M:%S"),
        alert.watch,
        alert.id,
        alert.date.map_or_else(
            || "undated".to_string(),
            |d| d.format("%Y-%m-%d").to_string()
        ),
        alert.source.as_deref().unwrap_or("-"),
        alert.title
    )
}
