//! `newsidx serve`: the index over HTTP, a web page and a JSON API (see `newsidx-serve`).

use std::time::Duration;

use anyhow::{bail, Context, Result};
use newsidx::{NewsIndex, NewsSearcher};
use newsidx_serve::{Config, Limits};

use crate::cli::ServeArgs;

pub fn run(args: ServeArgs) -> Result<u8> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        bail!("--timeout must be a number of seconds above 0");
    }
    let index = NewsIndex::open(&args.index.dir)?;
    let searcher = NewsSearcher::open(index)?;
    let defaults = Limits::default();
    let config = Config {
        limits: Limits {
            timeout: Duration::from_secs_f64(args.timeout),
            workers: args.workers.map_or(defaults.workers, usize::from),
            ..defaults
        },
        cors_origin: args.cors.clone(),
    };
    let app = newsidx_serve::router(searcher, config);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the HTTP runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("listening on {}", args.addr))?;
        let addr = listener.local_addr()?;
        if addr.ip().is_unspecified() {
            eprintln!(
                "newsidx: warning: listening on every network interface ({addr}): anyone who \
                 can reach this machine can read the archive"
            );
        }
        println!(
            "newsidx: serving {} at http://{addr}/ (Ctrl-C to stop)",
            args.index.dir.display()
        );
        newsidx_serve::serve(listener, app, newsidx_serve::shutdown_signal())
            .await
            .context("serving HTTP")?;
        eprintln!("newsidx: stopped");
        Ok(0)
    })
}
