//! `newsidx export`: the stories of an index, for another engine.

use std::io::Write;

use anyhow::Result;
use newsidx::export::{ExportReport, OpenSearchExport};
use newsidx::{NewsIndex, NewsSearcher};
use serde_json::json;

use crate::cli::{ExportArgs, ExportTarget};

pub fn run(args: ExportArgs) -> Result<u8> {
    let index = NewsIndex::open(&args.index.dir)?;
    let searcher = NewsSearcher::open(index)?;
    let report = match args.to {
        ExportTarget::Opensearch => OpenSearchExport::new()
            .index_name(&args.name)
            .max_stories(args.max_stories)
            .max_bytes(args.max_bytes)
            .force(args.force)
            .write(&searcher, &args.out)
            .map_err(advice)?,
    };
    if report.skipped > 0 {
        eprintln!(
            "newsidx: warning: {} left out: an OpenSearch _id is 1 to 512 bytes (first: {:?})",
            crate::render::count(report.skipped, "story", "stories"),
            report.skipped_ids
        );
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &summary(&report))?;
        writeln!(out)?;
    } else {
        render(&mut out, &report)?;
    }
    out.flush()?;
    Ok(0)
}

/// The library's error with what to do about it on the command line.
fn advice(error: newsidx::export::Error) -> anyhow::Error {
    let hint = match &error {
        newsidx::export::Error::NotEmpty { .. } => {
            Some("choose a new folder, or pass --force to replace an earlier export there")
        }
        newsidx::export::Error::ZeroBound { .. } => {
            Some("--max-stories and --max-bytes must be at least 1")
        }
        _ => None,
    };
    match hint {
        // These errors have no cause: the hint follows the message.
        Some(hint) => anyhow::anyhow!("{error}; {hint}"),
        None => error.into(),
    }
}

fn summary(r: &ExportReport) -> serde_json::Value {
    json!({
        "dir": r.dir,
        "template": r.template,
        "queries": r.queries,
        "stories": r.stories,
        "skipped": r.skipped,
        "bulk": r.bulk.iter().map(|f| json!({
            "path": f.path,
            "stories": f.stories,
            "bytes": f.bytes,
        })).collect::<Vec<_>>(),
    })
}

fn render(out: &mut impl Write, r: &ExportReport) -> std::io::Result<()> {
    let bytes: u64 = r.bulk.iter().map(|f| f.bytes).sum();
    writeln!(
        out,
        "Exported {} to {} in {} ({:.1} MB)",
        crate::render::count(r.stories, "story", "stories"),
        r.dir.display(),
        crate::render::count(r.bulk.len() as u64, "bulk file", "bulk files"),
        bytes as f64 / 1e6,
    )?;
    writeln!(out, "Index template: {}", r.template.display())?;
    writeln!(
        out,
        "How to load it, and newsidx's queries in OpenSearch: {}",
        r.queries.display()
    )
}
