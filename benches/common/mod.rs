//! What the search benches share: Reuters-21578 indexed once per run (entities extracted)
//! and merged to one segment, as a settled archive is.

use std::path::Path;

use newsidx::{Extractor, Indexer, NewsIndex, NewsSearcher};

/// Merges every segment into one and waits for the merge.
pub fn merge(index: &NewsIndex) {
    let ids = index.index().searchable_segment_ids().expect("segments");
    if ids.len() > 1 {
        let mut writer = index.writer_with_threads(1, 50_000_000).expect("writer");
        writer.merge(&ids).wait().expect("merge");
        writer.wait_merging_threads().expect("merge threads");
    }
}

/// A searcher over Reuters-21578 indexed in `dir`, or `None` (with a note) when the corpus
/// is absent: `../shared/corpora/reuters21578`, or the folder `NEWSIDX_REUTERS` names (a
/// checkout elsewhere than beside `shared`).
pub fn reuters_searcher(dir: &Path) -> Option<NewsSearcher> {
    let corpus = std::env::var_os("NEWSIDX_REUTERS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/reuters21578"),
        std::path::PathBuf::from,
    );
    if !corpus.is_dir() {
        eprintln!("{} is absent: no Reuters benches", corpus.display());
        return None;
    }
    let extractor = Extractor::new().expect("gazetteer");
    let index = NewsIndex::open_or_create(dir).expect("index");
    let report = Indexer::new(&index)
        .extractor(extractor.clone())
        .run(&[corpus], |_| {})
        .expect("indexing Reuters-21578");
    assert!(report.stories_in_index > 20_000, "{report:?}");
    merge(&index);
    Some(NewsSearcher::with_extractor(index, extractor).expect("searcher"))
}
