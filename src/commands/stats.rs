//! `newsidx stats`: what the index holds.

use std::io::Write;

use anyhow::Result;
use newsidx::query::IndexStats;
use newsidx::{Dimension, FacetValue, NewsIndex, NewsSearcher};

use crate::cli::StatsArgs;
use crate::render::text::{facet_items, heading};

pub fn run(args: StatsArgs) -> Result<u8> {
    let index = NewsIndex::open(&args.index.dir)?;
    let stats = NewsSearcher::open(index)?.stats(args.top)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &stats)?;
        writeln!(out)?;
    } else {
        render(&mut out, &stats, &args.index.dir.display().to_string())?;
    }
    Ok(0)
}

fn render(out: &mut impl Write, s: &IndexStats, dir: &str) -> std::io::Result<()> {
    writeln!(
        out,
        "Index {dir}: {}, {:.1} MB on disk",
        crate::render::count(s.stories, "story", "stories"),
        s.size_bytes as f64 / 1e6
    )?;
    match (s.first_date, s.last_date) {
        (Some(first), Some(last)) => writeln!(
            out,
            "Dates: {} to {} ({} undated)",
            first.format("%Y-%m-%d"),
            last.format("%Y-%m-%d"),
            s.undated
        )?,
        _ => writeln!(out, "Dates: none ({} undated)", s.undated)?,
    }
    let list = |out: &mut dyn Write, name: &str, values: &[FacetValue]| {
        writeln!(out, "{name} {}", facet_items(values))
    };
    list(out, &heading(Dimension::Source), &s.sources)?;
    list(out, &heading(Dimension::Language), &s.languages)?;
    list(out, "Formats:  ", &s.formats)?;
    list(out, &heading(Dimension::Country), &s.countries)?;
    list(out, &heading(Dimension::Actor), &s.actors)
}
