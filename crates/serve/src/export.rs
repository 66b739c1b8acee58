//! `GET /api/export?format=ndjson|csv&...`: every hit of a search, streamed as it is read
//! from the store. The hits go through a small bounded channel, so a slow client holds the
//! reader back instead of the server buffering the export.

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use newsidx_query::Hit;
use tokio_stream::wrappers::ReceiverStream;

use crate::api::blocking;
use crate::error::ApiError;
use crate::params;
use crate::AppState;

/// Chunks waiting for the client.
const CHANNEL: usize = 32;

/// Columns of the CSV export.
const CSV_HEADER: [&str; 8] = [
    "id",
    "date",
    "source",
    "title",
    "countries",
    "actors",
    "score",
    "snippet",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Ndjson,
    Csv,
}

pub(crate) async fn export(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let pairs = params::pairs(raw.as_deref(), &state.limits)?;
    let format = match pairs
        .iter()
        .rev()
        .find(|(k, _)| k == "format")
        .map(|(_, v)| v.as_str())
    {
        None | Some("ndjson") => Format::Ndjson,
        Some("csv") => Format::Csv,
        Some(other) => {
            return Err(ApiError::bad_parameter(format!(
                "format={other:?}: expected ndjson or csv"
            )))
        }
    };
    let query = params::search_query(&pairs, &["format"], &state.limits)?;
    // Check the query (syntax, names, dates) before the answer starts: after it, an error
    // could only cut the stream short.
    let check = query
        .clone()
        .limit(0)
        .facets(false)
        .histogram(false)
        .fragments(0);
    blocking(&state, move |s| Ok(s.search(&check)?)).await?;

    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(CHANNEL);
    let searcher = state.searcher.clone();
    let query = query.fragments(1).facets(false).histogram(false);
    tokio::task::spawn_blocking(move || {
        let send = |bytes: Vec<u8>| -> Result<(), Stop> {
            tx.blocking_send(Ok(Bytes::from(bytes))).map_err(|_| Stop)
        };
        if format == Format::Csv {
            let _ = send(csv_line(CSV_HEADER.iter().copied()));
        }
        let result = searcher.for_each_hit(&query, |hit: Hit| -> Result<(), Stop> {
            let line = match format {
                Format::Ndjson => {
                    let mut line = serde_json::to_vec(&hit).map_err(|_| Stop)?;
                    line.push(b'\n');
                    line
                }
                Format::Csv => csv_line(csv_record(&hit).iter().map(String::as_str)),
            };
            send(line)
        });
        if let Err(Stop) = result {
            // The client went away, or the index failed mid-stream: the stream ends short.
            let _ = tx.blocking_send(Err(std::io::Error::other("export stopped")));
        }
    });
    let (content_type, name) = match format {
        Format::Ndjson => ("application/x-ndjson", "newsidx-export.ndjson"),
        Format::Csv => ("text/csv; charset=utf-8", "newsidx-export.csv"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        Body::from_stream(ReceiverStream::new(rx)),
    )
        .into_response())
}

/// Why an export stopped early.
struct Stop;

impl From<newsidx_query::Error> for Stop {
    fn from(_: newsidx_query::Error) -> Stop {
        Stop
    }
}

fn csv_record(hit: &Hit) -> [String; 8] {
    [
        hit.id.clone(),
        hit.date.map(|d| d.to_rfc3339()).unwrap_or_default(),
        hit.source.clone().unwrap_or_default(),
        hit.title.clone(),
        hit.countries.join(";"),
        hit.actors.join(";"),
        hit.score.to_string(),
        hit.snippet.clone(),
    ]
}

/// One CSV line (RFC 4180 quoting).
fn csv_line<'a>(fields: impl Iterator<Item = &'a str>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing into a Vec cannot fail.
    let _ = w.write_record(fields);
    w.into_inner().unwrap_or_default()
}
