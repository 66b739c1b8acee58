//! [`FirstOfGroup`]: another collector fed only the first match of each near-duplicate group,
//! so that it counts groups instead of stories (`--count groups`).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Passes to `inner` the first matching story of each group (by `cluster_key`; a story
/// without one is a group of its own), in the order tantivy visits them (segment by
/// segment, in doc order). Cost: one fast-field read and one hash-set insert per match.
pub struct FirstOfGroup<C> {
    inner: C,
    /// Off: every match passes, as to `inner` alone.
    on: bool,
    seen: Arc<Mutex<HashSet<u64>>>,
}

impl<C> FirstOfGroup<C> {
    /// Wraps `inner`.
    pub fn new(inner: C) -> FirstOfGroup<C> {
        FirstOfGroup::when(true, inner)
    }

    /// Wraps `inner`, passing it one match per group when `groups` is set and every match
    /// otherwise (so that a caller counting stories or groups on request builds one
    /// collector either way).
    pub fn when(groups: bool, inner: C) -> FirstOfGroup<C> {
        FirstOfGroup {
            inner,
            on: groups,
            seen: Arc::default(),
        }
    }
}

/// The segment side of [`FirstOfGroup`].
pub struct SegmentFirstOfGroup<S> {
    inner: S,
    keys: Option<Column<u64>>,
    seen: Arc<Mutex<HashSet<u64>>>,
}

impl<C: Collector> Collector for FirstOfGroup<C> {
    type Fruit = C::Fruit;
    type Child = SegmentFirstOfGroup<C::Child>;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentFirstOfGroup {
            inner: self.inner.for_segment(segment, reader)?,
            keys: if self.on {
                reader.fast_fields().u64("cluster_key").ok()
            } else {
                None
            },
            seen: self.seen.clone(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<Self::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<Self::Fruit> {
        self.inner.merge_fruits(fruits)
    }
}

impl<S: SegmentCollector> SegmentCollector for SegmentFirstOfGroup<S> {
    type Fruit = S::Fruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        let key = self.keys.as_ref().and_then(|k| k.first(doc));
        let first = match key {
            Some(key) => self.seen.lock().map_or(true, |mut seen| seen.insert(key)),
            None => true,
        };
        if first {
            self.inner.collect(doc, score);
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.inner.harvest()
    }
}
