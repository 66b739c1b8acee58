//! The tantivy collectors of searches, one a file: [`CountsCollector`] counts facet values
//! and stories per day in one pass; `KeysCollector` gathers every match's sort key, for
//! streaming all hits in order; [`FirstOfGroup`] feeds another collector one match per
//! near-duplicate group.

mod counts;
mod groups;
mod keys;
mod rows;

pub(crate) use counts::facet_values;
pub use counts::{top_k, Counts, CountsCollector, SegmentCounts, SegmentFruit, TermCache};
pub use groups::{FirstOfGroup, SegmentFirstOfGroup};
pub(crate) use keys::KeysCollector;
