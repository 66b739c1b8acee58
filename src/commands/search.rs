//! `newsidx search`: turns arguments into a [`NewsQuery`] and renders the response as text,
//! JSON, JSON Lines or HTML.

use std::io::{IsTerminal, Write};
use std::sync::Arc;

use anyhow::{Context, Result};
use newsidx::query::highlight::escape_html;
use newsidx::query::{CoMention, Error as QueryError, Fragment};
use newsidx::{Extractor, Interval, NewsIndex, NewsQuery, NewsSearcher, SearchResponse, Sort};

use crate::cli::{ColorArg, FormatArg, IntervalArg, SearchArgs, SortArg};

pub fn run(args: SearchArgs) -> Result<u8> {
    let index = NewsIndex::open(&args.index.dir)?;
    // Names only: the matcher is compiled only if fragments need entity marks.
    let extractor = Arc::new(Extractor::new().context("loading the built-in gazetteer")?);
    let searcher = NewsSearcher::new(index)?.with_extractor(extractor);
    let format = if args.json {
        FormatArg::Json
    } else {
        args.format
    };
    let query = request(&args)?;
    let stdout = std::io::stdout();
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => stdout.is_terminal(),
    };
    let mut out = stdout.lock();

    if args.all && format == FormatArg::Ndjson {
        // Stream: one story at a time from the store, no cap.
        let n = searcher
            .for_each_hit(&query, |hit| -> Result<()> {
                serde_json::to_writer(&mut out, &hit)?;
                writeln!(out)?;
                Ok(())
            })
            .map_err(with_caret)?;
        out.flush()?;
        return Ok(if n > 0 { 0 } else { 1 });
    }
    let response = if args.all {
        // The total first (facets and all), then every hit in one page.
        let counted = search(&searcher, &query.clone().limit(0))?;
        let all = search(
            &searcher,
            &query.clone().limit(counted.total as usize).offset(0),
        )?;
        SearchResponse {
            took_ms: counted.took_ms + all.took_ms,
            ..all
        }
    } else {
        search(&searcher, &query)?
    };
    let offset = if args.all { 0 } else { args.offset };
    match format {
        FormatArg::Json => {
            serde_json::to_writer(&mut out, &response)?;
            writeln!(out)?;
        }
        FormatArg::Ndjson => {
            for hit in &response.hits {
                serde_json::to_writer(&mut out, hit)?;
                writeln!(out)?;
            }
        }
        FormatArg::Html => render_html(&mut out, &response)?,
        FormatArg::Text => render(&mut out, &response, offset, color)?,
    }
    out.flush()?;
    Ok(if response.total > 0 { 0 } else { 1 })
}

/// The library request for the arguments.
fn request(args: &SearchArgs) -> Result<NewsQuery> {
    let mut query = NewsQuery::new(args.query.clone())
        .sort(match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
        })
        .limit(args.limit)
        .offset(args.offset)
        .facet_limit(args.facets)
        .fragments(args.fragments)
        .co_mentions(args.co_mentions);
    query.countries = args.country.clone();
    query.actors = args.actor.clone();
    query.sources = args.source.clone();
    query.people = args.person.clone();
    query.organisations = args.org.clone();
    query.places = args.place.clone();
    query.languages = args.lang.clone();
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
    Ok(query)
}

fn search(searcher: &NewsSearcher, query: &NewsQuery) -> Result<SearchResponse> {
    searcher.search(query).map_err(|e| with_caret(e.into()))
}

/// On a terminal, a syntax error is shown with the query and a caret under the position.
fn with_caret(error: anyhow::Error) -> anyhow::Error {
    if let Some(caret) = error
        .downcast_ref::<QueryError>()
        .and_then(QueryError::caret)
    {
        if std::io::stderr().is_terminal() {
            eprintln!("{caret}");
        }
    }
    error
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
        for fragment in &hit.fragments {
            writeln!(out, "     {}", fragment.to_terminal(color))?;
        }
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
        writeln!(
            out,
            "{} {}",
            style.paint("1", name),
            super::facet_items(values)
        )
    };
    facet(out, "Countries:", &r.facets.country)?;
    facet(out, "Actors:   ", &r.facets.actor)?;
    facet(out, "People:   ", &r.facets.person)?;
    facet(out, "Orgs:     ", &r.facets.organisation)?;
    facet(out, "Places:   ", &r.facets.place)?;
    facet(out, "Sources:  ", &r.facets.source)?;
    if let Some(co) = &r.co_mentions {
        let list = |values: &[CoMention]| -> String {
            values
                .iter()
                .map(|v| format!("{} ({}/{}, {:.2})", v.label, v.count, v.background, v.score))
                .collect::<Vec<_>>()
                .join(", ")
        };
        writeln!(
            out,
            "{} actors: {}",
            style.paint("1", "Co-mentions:"),
            list(&co.actor)
        )?;
        writeln!(out, "             countries: {}", list(&co.country))?;
    }
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

/// A small standalone HTML page: the hits with their fragments, matches in `<mark>`.
fn render_html(out: &mut impl Write, r: &SearchResponse) -> std::io::Result<()> {
    writeln!(
        out,
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>newsidx: {}</title></head><body>",
        escape_html(&r.query)
    )?;
    writeln!(
        out,
        "<p>{} stories match <q>{}</q></p>\n<ol>",
        r.total,
        escape_html(&r.query)
    )?;
    for hit in &r.hits {
        let date = hit
            .date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        writeln!(
            out,
            "<li id=\"{}\"><h3>{}</h3><p class=\"meta\">{} {}</p>",
            escape_html(&hit.id),
            escape_html(&hit.title),
            date,
            escape_html(hit.source.as_deref().unwrap_or(""))
        )?;
        for fragment in &hit.fragments {
            writeln!(out, "<p>{}</p>", Fragment::to_html(fragment))?;
        }
        writeln!(out, "</li>")?;
    }
    writeln!(out, "</ol>\n</body></html>")
}
