//! `newsidx optimize`: merge the index's segments.

use std::io::Write;
use std::time::Instant;

use anyhow::Result;
use newsidx::NewsIndex;
use serde::Serialize;

use crate::cli::OptimizeArgs;

/// What `newsidx optimize --json` prints.
#[derive(Debug, Serialize)]
struct Summary {
    segments_before: usize,
    segments_after: usize,
    bytes_before: u64,
    bytes_after: u64,
    seconds: f64,
}

pub fn run(args: OptimizeArgs) -> Result<u8> {
    let index = NewsIndex::open(&args.index.dir)?;
    let bytes_before = index.size_on_disk();
    let start = Instant::now();
    let (segments_before, segments_after) = index.optimize(args.segments)?;
    let summary = Summary {
        segments_before,
        segments_after,
        bytes_before,
        bytes_after: index.size_on_disk(),
        seconds: start.elapsed().as_secs_f64(),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer(&mut out, &summary)?;
        writeln!(out)?;
    } else if segments_before == segments_after {
        writeln!(
            out,
            "Nothing to merge: {} has {} (at most {} asked).",
            args.index.dir.display(),
            crate::render::count(segments_before as u64, "segment", "segments"),
            args.segments.max(1)
        )?;
    } else {
        writeln!(
            out,
            "Merged {} into {} in {:.1} s; {:.1} MB on disk (was {:.1} MB).",
            crate::render::count(segments_before as u64, "segment", "segments"),
            segments_after,
            summary.seconds,
            summary.bytes_after as f64 / 1e6,
            summary.bytes_before as f64 / 1e6
        )?;
    }
    Ok(0)
}
