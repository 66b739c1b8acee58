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
/// is absent.
pub fn reuters_searcher(dir: &Path) -> Option<NewsSearcher> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/reuters21578");
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
