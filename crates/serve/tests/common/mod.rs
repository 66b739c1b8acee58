//! What the API and browser tests share: an index of the bundled corpus and a server on a
//! free loopback port.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use newsidx_core::NewsIndex;
use newsidx_index::Indexer;
use newsidx_query::NewsSearcher;
use newsidx_serve::{router, Config};

/// The seed story's id.
pub const SEED: &str = "9b9822b2a3f68534";

pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// Indexes the bundled corpus into `dir`.
pub fn index_corpus(dir: &Path) {
    let index = NewsIndex::open_or_create(dir).unwrap();
    Indexer::new(&index)
        .threads(1)
        .run(&[corpus()], |_| {})
        .unwrap();
}

/// A server on a free loopback port; it stops when the test process ends.
pub fn start(dir: &Path, config: Config) -> SocketAddr {
    let searcher = NewsSearcher::open(NewsIndex::open(dir).unwrap()).unwrap();
    let app = router(searcher, config);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            newsidx_serve::serve(listener, app, std::future::pending())
                .await
                .unwrap();
        });
    });
    rx.recv().unwrap()
}
