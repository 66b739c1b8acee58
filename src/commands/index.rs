//! `newsidx index`: turns arguments into an indexing run and prints its summary.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use newsidx::alert::{self, Alert, DeliveryOptions, Journal, Percolation};
use newsidx::{IndexReport, Indexer, NewsIndex, NewsSearcher};
use serde::Serialize;

use crate::cli::IndexArgs;

/// Exit code when some files failed but the index was written.
const SOME_FILES_FAILED: u8 = 3;

/// Set (to anything) in tests only: the process aborts right after the run's final commit,
/// before its alerts are written, as a `kill -9` there would stop it.
const ABORT_AFTER_COMMIT: &str = "NEWSIDX_TEST_ABORT_AFTER_COMMIT";

/// `index --json`: the run's report, and the alerts it raised (an empty list when none).
#[derive(Serialize)]
struct Output<'a> {
    #[serde(flatten)]
    report: &'a IndexReport,
    alerts: &'a [Alert],
    /// Seconds spent percolating, logging and delivering alerts (0 without watches).
    alerting_seconds: f64,
}

/// Exit code of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).
const INTERRUPTED: u8 = 130;

pub fn run(args: IndexArgs) -> Result<u8> {
    // Ctrl-C and SIGTERM stop the reading; what was written is committed. Installed first, so
    // that a signal at any point of the run ends it this way.
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || flag.store(true, Ordering::Relaxed))
        .context("installing the Ctrl-C handler")?;
    // Everything that can be refused is checked before the index folder is created.
    for path in &args.paths {
        if !path.exists() {
            bail!("{}: no such file or folder", path.display());
        }
    }
    if args.index.dir.exists() && !args.index.dir.is_dir() {
        bail!(
            "{} is a file, not a folder: --index takes a folder, new or holding a newsidx index",
            args.index.dir.display()
        );
    }
    let least = newsidx::index::least_memory(args.threads);
    if args.memory < least {
        bail!(
            "--memory {}: too small for {} indexing threads; {least} bytes (about {} MB) at least",
            args.memory,
            least / newsidx::index::MIN_MEMORY_BYTES_PER_THREAD,
            least.div_ceil(1_000_000)
        );
    }
    let commit_every = std::time::Duration::try_from_secs_f64(args.commit_every)
        .context("--commit-every takes a number of seconds")?;
    let extractor = std::sync::Arc::new(super::extract::load_extractor(
        args.gazetteer.as_deref(),
        !args.no_tagger,
    )?);
    let mut readers = newsidx::Readers::new();
    if !args.map.is_empty() {
        let map = newsidx::read::jsonl::FieldMap::from_specs(&args.map)?;
        readers = readers.with_field_map(map);
    }
    // Saved searches: the run journals what it writes, and alerts after its last commit
    // (also when only a journal left by a crashed run is there).
    let dir = &args.index.dir;
    let journal = Journal::new(dir);
    let watching = journal.is_pending()
        || !alert::list_watches(dir)
            .context("reading the saved searches")?
            .is_empty();
    let record = |ids: &[String]| journal.record(ids).map_err(std::io::Error::other);
    let index = NewsIndex::open_or_create(&args.index.dir)
        .with_context(|| format!("opening the index at {}", args.index.dir.display()))?;
    let bar = if std::io::stderr().is_terminal() && !args.json {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos}/{len} files  {msg}  [{elapsed_precise}]")
                .expect("valid template"),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let started = std::time::Instant::now();
    let mut indexer = Indexer::new(&index)
        .readers(readers)
        .extractor(Arc::clone(&extractor))
        .threads(args.threads)
        .memory(args.memory)
        .force(args.force)
        .prune(args.prune)
        .commit_every(commit_every)
        .stop_when(stop);
    if watching {
        indexer = indexer.before_commit(&record);
    }
    let report = indexer
        .run(&args.paths, |p| {
            bar.set_length(p.files_total as u64);
            bar.set_position(p.files_done as u64);
            let rate = p.stories as f64 / started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{} stories, {rate:.0} stories/s", p.stories));
        })
        .context("indexing")?;
    bar.finish_and_clear();
    if std::env::var_os(ABORT_AFTER_COMMIT).is_some() {
        std::process::abort();
    }
    let percolation = if watching {
        let searcher = NewsSearcher::with_extractor(index.clone(), extractor)?;
        let done = alert::after_run(dir, &searcher, &DeliveryOptions::default())
            .map_err(newsidx::Error::from)
            .context("alerting (the index is written; the next run alerts its stories)")?;
        warn_failures(&done);
        done
    } else {
        Percolation::default()
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let output = Output {
            report: &report,
            alerts: &percolation.alerts,
            alerting_seconds: percolation.seconds,
        };
        serde_json::to_writer_pretty(&mut out, &output)?;
        writeln!(out)?;
    } else {
        print_summary(&mut out, &report, &args.index.dir.display().to_string())?;
        if watching {
            print_alerts(&mut out, &percolation)?;
        }
    }
    out.flush()?;
    if report.interrupted {
        eprintln!(
            "interrupted: {} committed, run again to finish",
            count(report.stories_indexed, "story", "stories")
        );
        return Ok(INTERRUPTED);
    }
    if report.files_read + report.files_unchanged == 0 && report.failures.is_empty() {
        eprintln!(
            "newsidx: warning: no story found in {}",
            count(report.files, "file", "files")
        );
    }
    Ok(if report.failures.is_empty() {
        0
    } else {
        SOME_FILES_FAILED
    })
}

/// `1 story`, `2 stories`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Watches that could not run and deliveries that failed, on standard error: neither fails
/// the run.
fn warn_failures(done: &Percolation) {
    for failure in &done.failures {
        eprintln!(
            "newsidx: warning: the watch {} was not run: {}",
            failure.watch, failure.message
        );
    }
    for delivery in done.deliveries.iter().filter(|d| !d.ok) {
        eprintln!(
            "newsidx: warning: delivering the alert of {} for the watch {} by {} to {} failed              after {}: {}",
            delivery.id,
            delivery.watch,
            delivery.via,
            delivery.target,
            count(delivery.attempts as usize, "attempt", "attempts"),
            delivery.error.as_deref().unwrap_or("unknown error")
        );
    }
}

/// Alerts listed after the run's summary; `newsidx watch log` lists them all.
const ALERTS_LISTED: usize = 20;

/// The alerts of the run, after its summary (the first [`ALERTS_LISTED`]).
fn print_alerts(out: &mut impl Write, done: &Percolation) -> std::io::Result<()> {
    let over = format!(
        "{} over {} in {:.2} s",
        count(done.watches, "watch", "watches"),
        count(
            done.stories,
            "new or changed story",
            "new or changed stories"
        ),
        done.seconds
    );
    if done.alerts.is_empty() {
        return writeln!(out, "No alert: {over}.");
    }
    writeln!(
        out,
        "{} ({over}; `newsidx watch log` lists them):",
        count(done.alerts.len(), "alert", "alerts"),
    )?;
    for alert in done.alerts.iter().take(ALERTS_LISTED) {
        writeln!(out, "  {}  {}  {}", alert.watch, alert.id, alert.title)?;
    }
    if done.alerts.len() > ALERTS_LISTED {
        writeln!(out, "  and {} more", done.alerts.len() - ALERTS_LISTED)?;
    }
    Ok(())
}

fn print_summary(out: &mut impl Write, report: &IndexReport, dir: &str) -> std::io::Result<()> {
    writeln!(
        out,
        "Indexed {} from {} of {} in {:.2} s ({:.0} stories/s).",
        count(report.stories_indexed, "story", "stories"),
        report.files_read,
        count(report.files, "file", "files"),
        report.seconds,
        report.stories_per_second
    )?;
    if report.stories_repeated > 0 {
        writeln!(
            out,
            "{} of them had the id of a story written earlier in this run (the same story in \
             two files, say) and replaced it.",
            report.stories_repeated
        )?;
    }
    if report.older_versions > 0 {
        writeln!(
            out,
            "Skipped {}: the index already held a newer version of {}.",
            count(report.older_versions, "older version", "older versions"),
            if report.older_versions == 1 {
                "its id"
            } else {
                "their ids"
            }
        )?;
    }
    let before = if report.stories_before > 0 {
        format!(" ({} before this run)", report.stories_before)
    } else {
        String::new()
    };
    writeln!(
        out,
        "Index {dir}: {}{before}, {:.1} MB on disk.",
        count(report.stories_in_index as usize, "story", "stories"),
        report.index_bytes as f64 / 1e6
    )?;
    if report.files_unchanged > 0 {
        writeln!(
            out,
            "{} unchanged since indexed (--force reads them again).",
            count(report.files_unchanged, "file", "files")
        )?;
    }
    if report.files_changed > 0 {
        writeln!(
            out,
            "{} changed on disk had {} stories replaced.",
            count(report.files_changed, "file", "files"),
            if report.files_changed == 1 {
                "its"
            } else {
                "their"
            }
        )?;
    }
    if report.files_pruned > 0 {
        writeln!(
            out,
            "Pruned {} of {} that are gone.",
            count(report.stories_pruned as usize, "story", "stories"),
            count(report.files_pruned, "file", "files")
        )?;
    }
    if report.groups_reelected > 0 {
        writeln!(
            out,
            "{} lost {} canonical story (pruned, or replaced by another text): its other \
             stories were grouped again.",
            count(
                report.groups_reelected,
                "duplicate group",
                "duplicate groups"
            ),
            if report.groups_reelected == 1 {
                "its"
            } else {
                "their"
            }
        )?;
    }
    if report.files_skipped > 0 {
        writeln!(
            out,
            "Skipped {} that {} no story (see --json for the list).",
            count(report.files_skipped, "file", "files"),
            if report.files_skipped == 1 {
                "holds"
            } else {
                "hold"
            }
        )?;
    }
    if !report.failures.is_empty() {
        writeln!(
            out,
            "{} ({} no story):",
            count(report.failures.len(), "problem", "problems"),
            count(report.files_failed, "file read", "files read")
        )?;
        for failure in &report.failures {
            writeln!(out, "  {failure}")?;
        }
    }
    Ok(())
}
