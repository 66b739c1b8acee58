//! newsidx over HTTP: a JSON API with the shapes of the command line's `--json`, and a web
//! page to browse the archive, both served from one [`axum`] router.
//!
//! The router holds one [`NewsSearcher`], whose reader reloads after every commit, so stories
//! that an `index` run adds while the server runs are searched within about a second.
//! Searches run on tokio's blocking pool, at most [`Limits::workers`] at once and the rest
//! in turn, under a time limit ([`Limits::timeout`]); a bad request is a 4xx with a JSON
//! error, never a stopped server.
//!
//! | route | what |
//! |---|---|
//! | `GET /` | the web page (embedded: no CDN, nothing fetched) |
//! | `GET /api/search` | a search: `q`, the filters (`country`, `actor`, ...), `from`, `to`, `sort`, `limit`, `offset`, `fragments`, `facets`, `co_mentions`, `interval` |
//! | `GET /api/stories/{id}` | one story: every field, its text, mentions with byte offsets, country scores |
//! | `GET /api/stories/{id}/related` | the stories most related to it |
//! | `GET /api/stats` | what the index holds |
//! | `GET /api/export?format=ndjson\|csv&...` | every hit of a search, streamed |
//! | `GET /api/watches`, `POST /api/watches` | the saved searches; save one (JSON body) |
//! | `GET /api/alerts` | new alerts of saved searches, as server-sent events |
//! | `GET /api/openapi.json` | the OpenAPI description of the API |
//! | `GET /healthz` | `ok` |
//!
//! # Example
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use newsidx_core::NewsIndex;
//! use newsidx_query::NewsSearcher;
//! use newsidx_serve::{router, Config};
//!
//! let searcher = NewsSearcher::open(NewsIndex::open("newsidx-index")?)?;
//! let app = router(searcher, Config::default());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:7700").await?;
//! axum::serve(listener, app).await?;
//! # Ok(())
//! # }
//! ```

mod api;
mod error;
mod export;
mod page;
mod params;
pub mod request_line;
mod watches;

use std::sync::Arc;
use std::time::Duration;

use axum::http::{HeaderValue, Method};
use axum::routing::{any, get};
use axum::Router;
use newsidx_query::NewsSearcher;
use tower_http::cors::CorsLayer;

pub use error::{ApiError, ErrorKind};
pub use params::MAX_LIMIT;

/// Largest request body (a saved search): larger is a 413.
const MAX_BODY_BYTES: usize = 64 * 1024;

/// Request limits of the server.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Longest query string (the part of the URL after `?`), in bytes: longer is a 414.
    pub max_query_string: usize,
    /// Longest query text (`q`), in characters: longer is a 413.
    pub max_query_chars: usize,
    /// Longest time a search may take before the request answers 503, its wait for a
    /// worker included.
    pub timeout: Duration,
    /// Searches run at once (at least 1); the others wait their turn, first come first
    /// served. Default: twice the number of cores (with 16 clients on 2 cores, p99 with
    /// every facet fell by half against no bound, throughput unchanged; with one a core,
    /// the hand-overs left cores idle).
    pub workers: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_query_string: 16 * 1024,
            max_query_chars: 4 * 1024,
            timeout: Duration::from_secs(10),
            workers: 2 * std::thread::available_parallelism().map_or(1, usize::from),
        }
    }
}

/// How the server behaves.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Request limits.
    pub limits: Limits,
    /// The origin allowed to call the API from another site's pages (CORS); none by default.
    pub cors_origin: Option<String>,
}

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct AppState {
    pub searcher: Arc<NewsSearcher>,
    pub limits: Arc<Limits>,
    /// One permit a search running ([`Limits::workers`]).
    pub workers: Arc<tokio::sync::Semaphore>,
}

/// The router of the API and the web page over `searcher`.
pub fn router(searcher: NewsSearcher, config: Config) -> Router {
    let state = AppState {
        searcher: Arc::new(searcher),
        workers: Arc::new(tokio::sync::Semaphore::new(config.limits.workers.max(1))),
        limits: Arc::new(config.limits),
    };
    let app = Router::new()
        .route("/", get(page::index))
        .route("/assets/{name}", get(page::asset))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/api/search", get(api::search))
        .route("/api/stories/{id}", get(api::story))
        .route("/api/stories/{id}/related", get(api::related))
        .route("/api/stats", get(api::stats))
        .route("/api/export", get(export::export))
        .route("/api/watches", get(watches::list).post(watches::add))
        .route("/api/alerts", get(watches::alerts))
        .route("/api/openapi.json", get(page::openapi))
        .route(request_line::TOO_LONG_PATH, any(api::uri_too_long))
        .fallback(api::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state);
    match config
        .cors_origin
        .as_deref()
        .and_then(|o| HeaderValue::from_str(o).ok())
    {
        Some(origin) => app.layer(
            CorsLayer::new()
                .allow_origin(origin)
                .allow_methods([Method::GET]),
        ),
        None => app,
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then finishes the requests under
/// way. A connection's first request line longer than [`request_line::MAX_REQUEST_LINE`]
/// gets the JSON 414 of [`router`] (see [`request_line`]).
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(request_line::LineLimitListener(listener), app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Completes on Ctrl-C (SIGINT) or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        // If the handler cannot be installed, only SIGTERM stops the server.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
