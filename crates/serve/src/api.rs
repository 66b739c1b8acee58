//! The JSON routes: search, story, related, stats.

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use newsidx_extract::{CountryScore, Mention};
use newsidx_model::Article;
use newsidx_query::{Duplicates, NewsSearcher, RelatedResponse, SearchResponse};
use serde::Serialize;

use crate::error::{ApiError, ErrorKind};
use crate::params::{self, MAX_LIMIT};
use crate::AppState;

/// Longest story id the API looks up.
const MAX_ID_BYTES: usize = 512;

/// Runs `f` on the blocking pool under the time limit: a search never holds up the server's
/// other requests, and a panic inside becomes a 500 for this request only.
pub(crate) async fn blocking<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&NewsSearcher) -> Result<T, ApiError> + Send + 'static,
{
    let searcher = state.searcher.clone();
    let task = tokio::task::spawn_blocking(move || f(&searcher));
    match tokio::time::timeout(state.limits.timeout, task).await {
        Err(_) => Err(ApiError::new(
            ErrorKind::Timeout,
            format!(
                "the search took longer than {} s; narrow it with filters or dates",
                state.limits.timeout.as_secs_f64()
            ),
        )),
        Ok(Err(e)) => Err(ApiError::new(
            ErrorKind::Internal,
            format!("the search failed: {e}"),
        )),
        Ok(Ok(result)) => result,
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
pub(crate) async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        ErrorKind::NotFound,
        format!("no route {}; see /api/openapi.json", uri.path()),
    )
}
