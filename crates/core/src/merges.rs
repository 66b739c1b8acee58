//! A merge policy that keeps every merge, and so every segment it writes, under a size in
//! bytes: [`CappedMerges`].
//!
//! tantivy reads the segments a merge joins through memory maps, and the pages it reads stay
//! in the process's resident memory until the merge ends. With tantivy's default policy
//! (`LogMergePolicy`), the last merges of a large run join nearly the whole index at once:
//! at a million Reuters stories, 829 MB of mapped index pages on top of the process's own
//! 390 MB (README, Benchmarks, "Scale"). Capping the bytes a merge joins caps those pages,
//! at the price of more segments in a large index (`newsidx optimize` merges them when an
//! archive is searched far more than it is written). Elasticsearch's tiered merge policy
//! caps its merged segments the same way (`index.merge.policy.max_merged_segment`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tantivy::index::{SegmentComponent, SegmentId, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// The components whose bytes a merge reads.
const COMPONENTS: [SegmentComponent; 6] = [
    SegmentComponent::Postings,
    SegmentComponent::Positions,
    SegmentComponent::Terms,
    SegmentComponent::Store,
    SegmentComponent::FastFields,
    SegmentComponent::FieldNorms,
];

/// tantivy's `LogMergePolicy`, with each merge it proposes cut to at most `max_bytes` of
/// segments: the smallest segments of the merge are kept while they fit, and a merge left
/// with fewer than two segments is dropped. A segment of half `max_bytes` or more is not
/// merged again (two of them would not fit).
///
/// Sizes are read from the index folder (the files of each segment, once per segment).
#[derive(Debug)]
pub struct CappedMerges {
    inner: LogMergePolicy,
    folder: PathBuf,
    max_bytes: u64,
    sizes: Mutex<HashMap<SegmentId, u64>>,
}

impl CappedMerges {
    /// A policy for the index in `folder` that merges at most `max_bytes` at once.
    pub fn new(folder: &Path, max_bytes: u64) -> CappedMerges {
        CappedMerges {
            inner: LogMergePolicy::default(),
            folder: folder.to_path_buf(),
            max_bytes,
            sizes: Mutex::new(HashMap::new()),
        }
    }

    /// The bytes of a segment's files (a file that cannot be read counts 0).
    fn size(&self, segment: &SegmentMeta) -> u64 {
        let mut sizes = self.sizes.lock().unwrap_or_else(|e| e.into_inner());
        *sizes.entry(segment.id()).or_insert_with(|| {
            COMPONENTS
                .iter()
                .map(|c| {
                    std::fs::metadata(self.folder.join(segment.relative_path(c.clone())))
                        .map_or(0, |m| m.len())
                })
                .sum()
        })
    }
}

impl MergePolicy for CappedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let sized: HashMap<SegmentId, u64> =
            segments.iter().map(|s| (s.id(), self.size(s))).collect();
        // Forget the segments that are gone (merged away).
        self.sizes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|id, _| sized.contains_key(id));
        let small: Vec<SegmentMeta> = segments
            .iter()
            .filter(|s| sized[&s.id()] * 2 < self.max_bytes)
            .cloned()
            .collect();
        let mut out = Vec::new();
        for MergeCandidate(mut ids) in self.inner.compute_merge_candidates(&small) {
            ids.sort_by_key(|id| sized[id]);
            let mut total = 0;
            let fit = ids
                .iter()
                .take_while(|id| {
                    total += sized[*id];
                    total <= self.max_bytes
                })
                .count();
            ids.truncate(fit);
            if ids.len() >= 2 {
                out.push(MergeCandidate(ids));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, NewsIndex};

    /// Writes `segments` segments of `stories` stories each into a fresh index (no merges).
    fn index_with_segments(segments: usize, stories: usize) -> (tempfile::TempDir, NewsIndex) {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::open_or_create(dir.path()).unwrap();
        let mut writer = index
            .writer_with_threads(1, crate::MIN_WRITER_HEAP_BYTES)
            .unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for s in 0..segments {
            for n in 0..stories {
                let body = format!("Story {n} of batch {s}: ").repeat(20);
                writer
                    .add_article(&Article {
                        id: format!("s{s}-{n}"),
                        title: format!("Batch {s}"),
                        body,
                        ..Article::default()
                    })
                    .unwrap();
            }
            writer.commit().unwrap();
        }
        (dir, index)
    }

    #[test]
    fn merges_stay_under_the_cap_and_big_segments_are_left_alone() {
        let (dir, index) = index_with_segments(10, 200);
        let metas = index.index().searchable_segment_metas().unwrap();
        assert_eq!(metas.len(), 10);
        let unlimited = CappedMerges::new(dir.path(), u64::MAX);
        // Segments differ by a few bytes: caps are set from the smallest.
        let one = metas.iter().map(|m| unlimited.size(m)).min().unwrap();
        let most = metas.iter().map(|m| unlimited.size(m)).max().unwrap();
        assert!(one > 10_000, "a segment of 200 stories is {one} bytes");
        assert!(most < one + one / 4, "{one} to {most} bytes");
        // Without a cap: the log policy's one merge of all ten.
        let all = unlimited.compute_merge_candidates(&metas);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].0.len(), 10);
        // A cap of four and a half of the smallest segments: merges of two to four.
        let capped = CappedMerges::new(dir.path(), one * 4 + one / 2);
        let merges = capped.compute_merge_candidates(&metas);
        assert!(!merges.is_empty());
        for MergeCandidate(ids) in &merges {
            let bytes: u64 = ids.iter().map(|id| capped.sizes.lock().unwrap()[id]).sum();
            assert!(ids.len() >= 2 && bytes <= capped.max_bytes, "{ids:?}");
            assert!(ids.len() <= 4, "{} segments", ids.len());
        }
        // A cap under two of the smallest segments: nothing is merged.
        let tight = CappedMerges::new(dir.path(), one * 2 - 1);
        assert!(tight.compute_merge_candidates(&metas).is_empty());
    }
}
