//! `newsidx index`: turns arguments into an indexing run and prints its summary.

use std::io::{IsTerminal, Write};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use newsidx::{IndexReport, Indexer, NewsIndex};

use crate::cli::IndexArgs;

/// Exit code when some files failed but the index was written.
const SOME_FILES_FAILED: u8 = 3;

pub fn run(args: IndexArgs) -> Result<u8> {
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
    let commit_every = std::time::Duration::try_from_secs_f64(args.commit_every)
        .context("--commit-every takes a number of seconds")?;
    let extractor = std::sync::Arc::new(super::extract::load_extractor(args.gazetteer.as_deref())?);
    let mut readers = newsidx::Readers::new();
    if !args.map.is_empty() {
        let map = newsidx::read::jsonl::FieldMap::from_specs(&args.map)?;
        readers = readers.with_field_map(map);
    }
    let report = Indexer::new(&index)
        .readers(readers)
        .extractor(extractor)
        .threads(args.threads)
        .force(args.force)
        .prune(args.prune)
        .commit_every(commit_every)
        .run(&args.paths, |p| {
            bar.set_length(p.files_total as u64);
            bar.set_position(p.files_done as u64);
            let rate = p.stories as f64 / started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{} stories, {rate:.0} stories/s", p.stories));
        })
        .context("indexing")?;
    bar.finish_and_clear();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        print_summary(&mut out, &report, &args.index.dir.display().to_string())?;
    }
    Ok(if report.failures.is_empty() {
        0
    } else {
        SOME_FILES_FAILED
    })
}

fn print_summary(out: &mut impl Write, report: &IndexReport, dir: &str) -> std::io::Result<()> {
    writeln!(
        out,
        "Indexed {} stories from {} of {} files in {:.2} s ({:.0} stories/s).",
        report.stories_indexed,
        report.files_read,
        report.files,
        report.seconds,
        report.stories_per_second
    )?;
    writeln!(
        out,
        "Index {dir}: {} stories, {:.1} MB on disk.",
        report.stories_in_index,
        report.index_bytes as f64 / 1e6
    )?;
    if report.files_unchanged > 0 {
        writeln!(
            out,
            "{} files unchanged since they were indexed (--force reads them again).",
            report.files_unchanged
        )?;
    }
    if report.files_changed > 0 {
        writeln!(
            out,
            "{} changed files had their stories replaced.",
            report.files_changed
        )?;
    }
    if report.files_pruned > 0 {
        writeln!(
            out,
            "Pruned {} stories of {} files that are gone.",
            report.stories_pruned, report.files_pruned
        )?;
    }
    if report.files_skipped > 0 {
        writeln!(
            out,
            "Skipped {} files that hold no story (see --json for the list).",
            report.files_skipped
        )?;
    }
    if !report.failures.is_empty() {
        writeln!(
            out,
            "{} problems ({} files read no story):",
            report.failures.len(),
            report.files_failed
        )?;
        for failure in &report.failures {
            writeln!(out, "  {failure}")?;
        }
    }
    Ok(())
}
