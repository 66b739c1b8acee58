//! The JSON routes: search, story, related, stats.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use newsidx_extract::{CountryScore, Mention};
use newsidx_model::Article;
use newsidx_query::{Duplicates, NewsSearcher, RelatedResponse, SearchResponse};
use serde::Serialize;
use tokio::sync::Semaphore;

use crate::error::{ApiError, ErrorKind};
use crate::params::{self, MAX_LIMIT};
use crate::AppState;

/// Longest story id the API looks up.
const MAX_ID_BYTES: usize = 512;

/// Runs `f` on the blocking pool under the time limit, at most [`crate::Limits::workers`]
/// at once: a search never holds up the server's other requests, and a panic inside
/// becomes a 500 for this request only.
///
/// Searches past the bound wait for a worker in the order they came (tokio's semaphore is
/// fair): on a loaded server each is then served whole in turn rather than all of them
/// sharing the cores by time slices, which kept the slowest waiting longest. The worker's
/// permit goes with the search, so a search past its time limit (which cannot be stopped)
/// still counts until it ends.
pub(crate) async fn blocking<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&NewsSearcher) -> Result<T, ApiError> + Send + 'static,
{
    let searcher = state.searcher.clone();
    bounded(&state.workers, state.limits.timeout, move || f(&searcher)).await?
}

/// Runs `f` on the blocking pool once one of `workers` is free, failing with a timeout
/// error when the wait and the run take longer than `limit`.
pub(crate) async fn bounded<T, F>(
    workers: &Arc<Semaphore>,
    limit: Duration,
    f: F,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let workers = workers.clone();
    let run = async move {
        // The semaphore is never closed; were it, the search would run unbounded.
        let permit = workers.acquire_owned().await;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            f()
        })
        .await
    };
    match tokio::time::timeout(limit, run).await {
        Err(_) => Err(ApiError::new(
            ErrorKind::Timeout,
            format!(
                "the search took longer than {} s; narrow it with filters or dates",
                limit.as_secs_f64()
            ),
        )),
        Ok(Err(e)) => Err(ApiError::new(
            ErrorKind::Internal,
            format!("the search failed: {e}"),
        )),
        Ok(Ok(result)) => Ok(result),
    }
}

/// `GET /api/search`: the response of `newsidx search --json`.
pub(crate) async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SearchResponse>, ApiError> {
    let pairs = params::pairs(raw.as_deref(), &state.limits)?;
    let query = params::search_query(&pairs, &[], &state.limits)?;
    let response = blocking(&state, move |s| Ok(s.search(&query)?)).await?;
    Ok(Json(response))
}

/// A story with what was extracted from it.
#[derive(Debug, Serialize)]
pub(crate) struct StoryResponse {
    /// Every stored field.
    #[serde(flatten)]
    story: Article,
    /// The text the mention offsets count in: title, standfirst, dateline and body joined by
    /// blank lines.
    text: String,
    /// Every mention, with byte offsets into `text`.
    mentions: Vec<Mention>,
    /// How much the story is about each country it mentions.
    country_scores: Vec<CountryScore>,
}

fn check_id(id: &str) -> Result<(), ApiError> {
    if id.len() > MAX_ID_BYTES {
        return Err(ApiError::bad_parameter(format!(
            "a story id has at most {MAX_ID_BYTES} bytes"
        )));
    }
    Ok(())
}

/// `GET /api/stories/{id}`.
pub(crate) async fn story(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<StoryResponse>, ApiError> {
    check_id(&id)?;
    let response = blocking(&state, move |s| {
        let story = s.story_by_id(&id)?;
        let x = s.extractor().extract(&story);
        Ok(StoryResponse {
            text: story.full_text(),
            mentions: x.mentions,
            country_scores: x.countries,
            story,
        })
    })
    .await?;
    Ok(Json(response))
}

/// `GET /api/stories/{id}/related?limit=N&duplicates=collapse|show`.
pub(crate) async fn related(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<RelatedResponse>, ApiError> {
    check_id(&id)?;
    let mut duplicates = Duplicates::Collapse;
    let mut rest = Vec::new();
    for (k, v) in params::pairs(raw.as_deref(), &state.limits)? {
        if k == "duplicates" {
            duplicates = v.parse().map_err(ApiError::bad_parameter)?;
        } else {
            rest.push(format!("{k}={v}"));
        }
    }
    let rest = rest.join("&");
    let limit = one_number(Some(&rest), &state, "limit", 10)?;
    let response = blocking(&state, move |s| Ok(s.related_with(&id, limit, duplicates)?)).await?;
    Ok(Json(response))
}

/// `GET /api/stats?top=N`.
pub(crate) async fn stats(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<newsidx_query::IndexStats>, ApiError> {
    let top = one_number(raw.as_deref(), &state, "top", 10)?;
    let response = blocking(&state, move |s| Ok(s.stats(top)?)).await?;
    Ok(Json(response))
}

/// The one numeric parameter `key` a route takes (at most [`MAX_LIMIT`]).
fn one_number(
    raw: Option<&str>,
    state: &AppState,
    key: &str,
    default: usize,
) -> Result<usize, ApiError> {
    let mut n = default;
    for (k, v) in params::pairs(raw, &state.limits)? {
        if k != key {
            return Err(ApiError::bad_parameter(format!(
                "unknown parameter {k:?}; this route takes only {key}"
            )));
        }
        n = v.parse().ok().filter(|n| *n <= MAX_LIMIT).ok_or_else(|| {
            ApiError::bad_parameter(format!("{key}={v:?}: expected 0 to {MAX_LIMIT}"))
        })?;
    }
    Ok(n)
}

/// Any other path: a JSON 404.
/// The answer to a connection whose first request line was too long (see
/// [`crate::request_line`]).
pub(crate) async fn uri_too_long() -> ApiError {
    ApiError::new(
        ErrorKind::UriTooLong,
        format!(
            "the URL is longer than {} bytes; send fewer or shorter parameters",
            crate::request_line::MAX_REQUEST_LINE
        ),
    )
}

pub(crate) async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        ErrorKind::NotFound,
        format!("no route {}; see /api/openapi.json", uri.path()),
    )
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_searches_run_at_once_than_there_are_workers() {
        let workers = Arc::new(Semaphore::new(2));
        let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let calls = (0..8).map(|i| {
            let (workers, now, most) = (workers.clone(), now.clone(), most.clone());
            tokio::spawn(async move {
                bounded(&workers, Duration::from_secs(30), move || {
                    let running = now.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(running, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                    now.fetch_sub(1, Ordering::SeqCst);
                    i
                })
                .await
            })
        });
        let started = std::time::Instant::now();
        let mut done = Vec::new();
        for call in calls.collect::<Vec<_>>() {
            done.push(call.await.unwrap().unwrap());
        }
        assert_eq!(done, (0..8).collect::<Vec<_>>());
        let most = most.load(Ordering::SeqCst);
        assert!((1..=2).contains(&most), "{most} ran at once");
        // Eight 20 ms searches two at a time take four turns at least (a lower bound: a
        // slow machine only adds to it).
        assert!(started.elapsed() >= Duration::from_millis(80));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn waiting_for_a_worker_counts_toward_the_time_limit() {
        let workers = Arc::new(Semaphore::new(1));
        let slow = {
            let workers = workers.clone();
            tokio::spawn(async move {
                bounded(&workers, Duration::from_secs(30), || {
                    std::thread::sleep(Duration::from_millis(400))
                })
                .await
            })
        };
        // Let the slow search take the only worker.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let waited = bounded(&workers, Duration::from_millis(100), || ()).await;
        assert_eq!(waited.unwrap_err().kind, ErrorKind::Timeout);
        assert!(slow.await.unwrap().is_ok());
        // Free again: a search runs.
        assert!(bounded(&workers, Duration::from_secs(30), || ())
            .await
            .is_ok());
    }
}
