//! The tantivy collectors of searches, one a file: [`CountsCollector`] counts facet values
//! and stories per day in one pass; `KeysCollector` gathers every match's sort key, for
//! streaming all hits in order.

mod counts;
mod keys;

pub(crate) use counts::facet_values;
pub use counts::{top_k, Counts, CountsCollector, SegmentCounts, SegmentFruit, TermCache};
pub(crate) use keys::KeysCollector;
