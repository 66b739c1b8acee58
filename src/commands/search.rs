//! `newsidx search`: turns arguments into a [`NewsQuery`] and renders the response as text,
//! JSON, JSON Lines or HTML.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use newsidx::core::keyword::UNKNOWN_LANGUAGE;
use newsidx::query::Error as QueryError;
use newsidx::{Dimension, Interval, NewsIndex, NewsQuery, NewsSearcher, SearchResponse, Sort};

use crate::cli::{ColorArg, FormatArg, IntervalArg, SearchArgs, SortArg};
use crate::render;

pub fn run(args: SearchArgs) -> Result<u8> {
    let index = NewsIndex::open(&args.index.dir)?;
    let searcher = NewsSearcher::open(index)?;
    let format = if args.json {
        FormatArg::Json
    } else {
        args.format
    };
    let query = request(&args)?;
    if args.explain {
        return explain(&searcher, &query, format == FormatArg::Json);
    }
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
    notes(&args, &response);
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
        FormatArg::Html => render::html::page(&mut out, &response)?,
        FormatArg::Text => render::text::search(&mut out, &response, offset, color)?,
    }
    out.flush()?;
    Ok(if response.total > 0 { 0 } else { 1 })
}

/// `--explain`: the query as given, normalised and as the engine runs it; nothing searched.
fn explain(searcher: &NewsSearcher, query: &NewsQuery, json: bool) -> Result<u8> {
    let explained = searcher.explain(query).map_err(|e| with_caret(e.into()))?;
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer(&mut out, &explained)?;
        writeln!(out)?;
    } else {
        writeln!(out, "query:   {}", explained.query)?;
        writeln!(out, "parsed:  {}", explained.parsed_query)?;
        writeln!(out, "engine:  {}", explained.engine)?;
    }
    out.flush()?;
    Ok(0)
}

/// The library request for the arguments.
fn request(args: &SearchArgs) -> Result<NewsQuery> {
    let mut query = NewsQuery::new(args.query.clone())
        .sort(match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
        })
        .limit(args.limit)
        .offset(args.offset)
        .facet_limit(args.facets)
        .fragments(args.fragments)
        .co_mentions(args.co_mentions)
        .duplicates(args.duplicates.into())
        .count(args.count.into());
    for (dimension, values) in args.filters.values.iter() {
        query = query.filters(dimension, values);
    }
    if let Some(from) = &args.dates.from {
        query = query.from_date(from)?;
    }
    if let Some(to) = &args.dates.to {
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

/// Lines on standard error for what the output alone would leave unexplained: a page past the
/// last match, and stories a language filter leaves out because their language is unknown.
fn notes(args: &SearchArgs, response: &SearchResponse) {
    if !args.all && args.limit > 0 && response.hits.is_empty() && response.total > 0 {
        eprintln!(
            "newsidx: note: --offset {} is past the end: {} match",
            args.offset,
            render::count(response.total, "story", "stories")
        );
    }
    let unknown = response.facets[Dimension::Language]
        .iter()
        .find(|v| v.value == UNKNOWN_LANGUAGE)
        .map_or(0, |v| v.count);
    let filtered = &response.filters[Dimension::Language];
    if unknown > 0 && !filtered.iter().any(|l| l == UNKNOWN_LANGUAGE) && !filtered.is_empty() {
        eprintln!(
            "newsidx: note: the language filter leaves out {} of unknown language that \
             match otherwise (their source gave no language and the text was too short to tell; `lang:unknown` finds them)",
            render::count(unknown, "story", "stories")
        );
    }
}

fn search(searcher: &NewsSearcher, query: &NewsQuery) -> Result<SearchResponse> {
    searcher.search(query).map_err(|e| with_caret(e.into()))
}

/// On a terminal, a syntax error is shown with the query and a caret under the position.
pub fn with_caret(error: anyhow::Error) -> anyhow::Error {
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
