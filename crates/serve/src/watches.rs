//! Saved searches over HTTP: `GET /api/watches`, `POST /api/watches`, and `GET /api/alerts`,
//! a server-sent-events stream of the alerts that `newsidx index` runs raise (read from the
//! index folder's alert log, so alerts of any process reach every listener).

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::path::PathBuf;
use std::time::Duration;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, KeepAliveStream, Sse};
use axum::Json;
use newsidx_alert::{add_watch, list_watches, read_alerts, Watch};
use serde::{Deserialize, Serialize};
use tokio_stream::wrappers::ReceiverStream;

use crate::api::blocking;
use crate::error::{ApiError, ErrorKind};
use crate::params;
use crate::AppState;

/// How often the alert stream looks for new alerts.
const POLL: Duration = Duration::from_millis(500);

fn index_dir(state: &AppState) -> Result<PathBuf, ApiError> {
    state
        .searcher
        .index()
        .path()
        .map(PathBuf::from)
        .ok_or_else(|| {
            ApiError::new(
                ErrorKind::NotFound,
                "this index lives in memory: it has no saved searches",
            )
        })
}

impl From<newsidx_alert::Error> for ApiError {
    fn from(e: newsidx_alert::Error) -> ApiError {
        use newsidx_alert::Error as E;
        match e {
            E::Query(q) => q.into(),
            E::Duplicate { .. } => ApiError::new(ErrorKind::Conflict, e.to_string()),
            E::UnknownWatch { .. } => ApiError::new(ErrorKind::NotFound, e.to_string()),
            _ if e.is_user_error() => ApiError::bad_parameter(e.to_string()),
            _ => ApiError::new(ErrorKind::Internal, e.to_string()),
        }
    }
}

/// `GET /api/watches`: the saved searches, as `newsidx watch list --json`.
pub(crate) async fn list(State(state): State<AppState>) -> Result<Json<Vec<Watch>>, ApiError> {
    let dir = index_dir(&state)?;
    let watches = blocking(&state, move |_| Ok(list_watches(&dir)?)).await?;
    Ok(Json(watches))
}

/// The body of `POST /api/watches`. A command to run (`exec`) cannot be set over HTTP: that
/// would let any client run programs on the server; `newsidx watch add --exec` can.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewWatch {
    name: String,
    #[serde(default)]
    query: String,
    #[serde(default)]
    filters: BTreeMap<String, Vec<String>>,
    from: Option<String>,
    to: Option<String>,
    webhook: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Added {
    watch: Watch,
    /// Stories of the index the watch matches now.
    matching: u64,
}

/// `POST /api/watches` with a JSON body: checks the query as a search would and saves it.
pub(crate) async fn add(
    State(state): State<AppState>,
    body: Result<Json<NewWatch>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<Added>), ApiError> {
    let Json(new) = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(ErrorKind::TooLarge, e.body_text())
        } else {
            ApiError::bad_parameter(e.body_text())
        }
    })?;
    if new.query.chars().count() > state.limits.max_query_chars {
        return Err(ApiError::new(
            ErrorKind::TooLarge,
            format!(
                "the query is longer than the {} characters this server takes",
                state.limits.max_query_chars
            ),
        ));
    }
    let mut watch = Watch::new(new.name, new.query);
    for (key, values) in new.filters {
        let dimension = newsidx_core::Dimension::from_key(&key).ok_or_else(|| {
            ApiError::bad_parameter(format!("unknown filter {key:?} in `filters`"))
        })?;
        watch = watch.filters(dimension, values);
    }
    watch.from = new.from;
    watch.to = new.to;
    watch.webhook = new.webhook;
    let dir = index_dir(&state)?;
    let added = blocking(&state, move |s| {
        let matching = add_watch(&dir, s, watch.clone())?;
        Ok(Added { watch, matching })
    })
    .await?;
    Ok((StatusCode::CREATED, Json(added)))
}

/// `GET /api/alerts`: new alerts as server-sent events (`event: alert`, the alert as JSON,
/// `id` its place in the log). A client that reconnects with `Last-Event-ID` (or asks
/// `?since=OFFSET`, `since=0` for the whole log) gets the alerts it missed.
pub(crate) async fn alerts(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Sse<KeepAliveStream<ReceiverStream<Result<Event, Infallible>>>>, ApiError> {
    let dir = index_dir(&state)?;
    let mut since = None;
    for (key, value) in params::pairs(raw.as_deref(), &state.limits)? {
        match key.as_str() {
            "since" => {
                since = Some(value.parse::<u64>().map_err(|_| {
                    ApiError::bad_parameter(format!("since={value:?}: expected a log offset"))
                })?)
            }
            other => {
                return Err(ApiError::bad_parameter(format!(
                    "unknown parameter {other:?}; this route takes only since"
                )))
            }
        }
    }
    let last = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let start = match since.or(last) {
        Some(offset) => offset,
        // From now on: the log's current end.
        None => {
            let d = dir.clone();
            blocking(&state, move |_| Ok(read_alerts(&d, 0)?.1)).await?
        }
    };
    let (tx, rx) = tokio::sync::mpsc::channel(16);
    tokio::spawn(async move {
        let mut offset = start;
        loop {
            let d = dir.clone();
            let read = tokio::task::spawn_blocking(move || read_alerts(&d, offset)).await;
            if let Ok(Ok((alerts, next))) = read {
                for alert in alerts {
                    let event = Event::default()
                        .event("alert")
                        .id(next.to_string())
                        .json_data(&alert)
                        .unwrap_or_else(|_| Event::default().comment("unserialisable alert"));
                    if tx.send(Ok(event)).await.is_err() {
                        return;
                    }
                }
                offset = next;
            }
            if tx.is_closed() {
                return;
            }
            tokio::time::sleep(POLL).await;
        }
    });
    Ok(Sse::new(ReceiverStream::new(rx)).keep_alive(KeepAlive::default()))
}
