//! [`KeysCollector`]: every match's score (when ranking by relevance) or date, and its
//! address, so that all hits can be put in order and streamed without holding the stories.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// The sort key of one match: score (0 when not scoring), date in seconds, address.
pub(crate) type Key = (f32, Option<i64>, DocAddress);

/// Collects, for every match, its score (when scoring) or date and its address.
pub(crate) struct KeysCollector {
    /// Score the matches (relevance order); otherwise read their dates.
    pub score: bool,
}

/// Per-segment state of [`KeysCollector`].
pub(crate) struct SegmentKeys {
    segment: SegmentOrdinal,
    dates: Option<Column<tantivy::DateTime>>,
    keys: Vec<Key>,
}

impl Collector for KeysCollector {
    type Fruit = Vec<Key>;
    type Child = SegmentKeys;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentKeys> {
        let dates = if self.score {
            None
        } else {
            reader
                .fast_fields()
                .column_opt::<tantivy::DateTime>("date")?
        };
        Ok(SegmentKeys {
            segment,
            dates,
            keys: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.score
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Key>>) -> tantivy::Result<Vec<Key>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentKeys {
    type Fruit = Vec<Key>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let date = self
            .dates
            .as_ref()
            .and_then(|c| c.first(doc))
            .map(|d| d.into_timestamp_secs());
        self.keys
            .push((score, date, DocAddress::new(self.segment, doc)));
    }

    fn harvest(self) -> Vec<Key> {
        self.keys
    }
}
