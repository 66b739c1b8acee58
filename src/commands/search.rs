//! `newsidx search`: turns arguments into a [`NewsQuery`] and renders the response.

use std::io::{IsTerminal, Write};
use std::sync::Arc;

use anyhow::{Context, Result};
use newsidx::{Extractor, Interval, NewsIndex, NewsQuery, NewsSearcher, SearchResponse, Sort};

use crate::cli::{ColorArg, IntervalArg, SearchArgs, SortArg};

pub fn run(args: SearchArgs) -> Result<u8> {
    let index = NewsIndex::open(&args.index.dir)?;
    let extractor = Arc::new(Extractor::new().context("loading the built-in gazetteer")?);
    let searcher = NewsSearcher::new(index)?.with_extractor(extractor);
    let mut query = NewsQuery::new(args.query.clone())
        .sort(match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
        })
        .limit(args.limit)
        .offset(args.offset)
        .facet_limit(args.facets);
    query.countries = args.country.clone();
    query.actors = args.actor.clone();
    query.sources = args.source.clone();
    if let Some(from) = &args.from {
        query = query.from_date(from)?;
    }
    if let Some(to) = &args.to {
        query = query.to_date(to)?;
    }
    if let Some(interval) = args.interval {
        query = query.interval(match interval {
            IntervalArg::Day => Interval::Day,
            IntervalArg::Week => Interval::Week,
            IntervalArg::Month => Interval::Month,
            IntervalArg::Quarter => Interval::Quarter,
            IntervalArg::Year => Interval::Year,
        });
    }
    let response = searcher.search(&query)?;
    let stdout = std::io::stdout();
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => stdout.is_terminal(),
    };
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer(&mut out, &response)?;
        writeln!(out)?;
    } else {
        render(&mut out, &response, args.offset, color)?;
    }
    out.flush()?;
    Ok(if response.total > 0 { 0 } else { 1 })
}

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

fn render(
    out: &mut impl Write,
    r: &SearchResponse,
    offset: usize,
    color: bool,
) -> std::io::Result<()> {
    let style = Style { color };
    let shown = if r.hits.is_empty() {
        String::new()
    } else {
        format!(", showing {}-{}", offset + 1, offset + r.hits.len())
    };
    writeln!(
        out,
        "{} stories match {:?}{} ({:.1} ms)",
        r.total, r.query, shown, r.took_ms
    )?;
    for (i, hit) in r.hits.iter().enumerate() {
        let date = hit.date.map_or_else(
            || "----------".to_string(),
            |d| d.format("%Y-%m-%d").to_string(),
        );
        writeln!(out)?;
        writeln!(
            out,
            "{:>3}. {}  {}  {}",
            offset + i + 1,
            date,
            style.paint("2", hit.source.as_deref().unwrap_or("-")),
            style.paint("1", &hit.title)
        )?;
        writeln!(
            out,
            "     {}",
            highlight(&hit.snippet, &hit.highlights, &style)
        )?;
        let mut tags = Vec::new();
        if !hit.countries.is_empty() {
            tags.push(format!("countries: {}", hit.countries.join(" ")));
        }
        if !hit.actors.is_empty() {
            tags.push(format!("actors: {}", hit.actors.join(", ")));
        }
        if !tags.is_empty() {
            writeln!(out, "     {}", style.paint("36", &tags.join("  ")))?;
        }
    }
    if r.total == 0 {
        return Ok(());
    }
    writeln!(out)?;
    let facet = |out: &mut dyn Write, name: &str, values: &[newsidx::FacetValue]| {
        if values.is_empty() {
            return Ok(());
        }
        let items: Vec<String> = values
            .iter()
            .map(|v| {
                if v.label != v.value {
                    format!("{} {} ({})", v.value, v.label, v.count)
                } else {
                    format!("{} ({})", v.value, v.count)
                }
            })
            .collect();
        writeln!(out, "{} {}", style.paint("1", name), items.join(", "))
    };
    facet(out, "Countries:", &r.facets.country)?;
    facet(out, "Actors:   ", &r.facets.actor)?;
    facet(out, "Sources:  ", &r.facets.source)?;
    let h = &r.histogram;
    if !h.buckets.is_empty() {
        let interval = serde_json::to_value(h.interval)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        writeln!(
            out,
            "{}",
            style.paint("1", &format!("Stories per {interval}:"))
        )?;
        let max = h.buckets.iter().map(|b| b.count).max().unwrap_or(1).max(1);
        let label = |d: &chrono::DateTime<chrono::Utc>| match h.interval {
            Interval::Year => d.format("%Y").to_string(),
            Interval::Month | Interval::Quarter => d.format("%Y-%m").to_string(),
            Interval::Day | Interval::Week => d.format("%Y-%m-%d").to_string(),
        };
        for bucket in &h.buckets {
            let width = (bucket.count * 30).div_ceil(max) as usize;
            writeln!(
                out,
                "  {:>10} {:<30} {}",
                label(&bucket.start),
                "█".repeat(width),
                bucket.count
            )?;
        }
        if h.undated > 0 {
            writeln!(out, "  {:>10} {}", "undated", h.undated)?;
        }
    }
    Ok(())
}

/// Marks the highlighted byte ranges of a snippet (bold yellow on a terminal, `[…]` when
/// colour is off so the matches stay visible in plain text).
fn highlight(text: &str, ranges: &[[usize; 2]], style: &Style) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 8);
    let mut at = 0;
    for [start, end] in ranges {
        if *start < at
            || *end > text.len()
            || !text.is_char_boundary(*start)
            || !text.is_char_boundary(*end)
        {
            continue;
        }
        out.push_str(&text[at..*start]);
        let word = &text[*start..*end];
        if style.color {
            out.push_str(&style.paint("1;33", word));
        } else {
            out.push('[');
            out.push_str(word);
            out.push(']');
        }
        at = *end;
    }
    out.push_str(&text[at..]);
    out.replace('\n', " ")
}
