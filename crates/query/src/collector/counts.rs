//! [`CountsCollector`]: counts, in one pass over the matching stories, the values of several
//! exact-value fields (one count per story) and the stories per day.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::FxHashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::histogram::epoch_day;
use crate::response::FacetValue;

/// Counts of one search: per field, per value; per epoch day; and undated stories.
#[derive(Debug, Default, Clone)]
pub struct Counts {
    /// For each requested field (same order), value -> stories.
    pub fields: Vec<HashMap<String, u64>>,
    /// Epoch day -> stories dated that day.
    pub per_day: BTreeMap<i64, u64>,
    /// Stories without a date.
    pub undated: u64,
    /// Stories counted.
    pub total: u64,
}

/// The values of the exact-value columns of each segment, decoded once and kept: segments
/// never change, and decoding a column's dictionary (zstd-compressed blocks) for every search
/// took most of a faceted search's time on an index of several segments. Entries of segments
/// that a merge removed are dropped at the next [`TermCache::retain`].
///
/// Memory: the distinct values of the facet columns, once per segment.
#[derive(Debug, Default)]
pub struct TermCache {
    terms: Mutex<TermMap>,
}

/// The values of each (segment, field) column, by ordinal.
type TermMap = HashMap<(SegmentId, String), Arc<Vec<String>>>;

impl TermCache {
    /// The values of `field`'s column in `segment`, by ordinal.
    fn terms(&self, segment: SegmentId, field: &str, column: &StrColumn) -> Arc<Vec<String>> {
        let key = (segment, field.to_string());
        if let Some(found) = self.lock().get(&key) {
            return found.clone();
        }
        let all: Vec<u64> = (0..column.num_terms() as u64).collect();
        let mut terms = Vec::with_capacity(all.len());
        let _ = column.dictionary().sorted_ords_to_term_cb(&all, |bytes| {
            terms.push(String::from_utf8_lossy(bytes).into_owned());
        });
        let terms = Arc::new(terms);
        self.lock().insert(key, terms.clone());
        terms
    }

    /// Keeps only the entries of `segments` (those of the searcher in use).
    pub fn retain(&self, segments: impl IntoIterator<Item = SegmentId>) {
        let keep: HashSet<SegmentId> = segments.into_iter().collect();
        self.lock().retain(|(segment, _), _| keep.contains(segment));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, TermMap> {
        // A panic while holding the lock leaves a consistent map (insertions are whole).
        self.terms.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Collects [`Counts`] for the named fast string fields and the `date` fast field.
pub struct CountsCollector {
    fields: Vec<String>,
    date_field: Option<String>,
    top: Option<usize>,
    cache: Option<Arc<TermCache>>,
}

impl CountsCollector {
    /// Counts the values of `fields` (fast string fields) and, when `date_field` is given, the
    /// stories per day of that fast date field.
    pub fn new(fields: Vec<String>, date_field: Option<String>) -> CountsCollector {
        CountsCollector {
            fields,
            date_field,
            top: None,
            cache: None,
        }
    }

    /// Reads values through `cache` (see [`TermCache`]) instead of the columns' dictionaries.
    pub fn cache(mut self, cache: Arc<TermCache>) -> CountsCollector {
        self.cache = Some(cache);
        self
    }

    /// Keeps, per field, only the `k` largest counts (ties: the smaller value): with a
    /// [`TermCache`] after summing every segment; without one, only when the index has one
    /// segment (so that only those values are read from the dictionary), since the largest
    /// overall need not be the largest in any one segment. Enough for facets; not for
    /// co-mentions, which score every value.
    pub fn top(mut self, k: usize) -> CountsCollector {
        self.top = Some(k);
        self
    }
}

/// Per-segment state of [`CountsCollector`].
pub struct SegmentCounts {
    segment: SegmentId,
    columns: Vec<Option<StrColumn>>,
    ord_counts: Vec<Vec<u32>>,
    dates: Option<Column<tantivy::DateTime>>,
    per_day: HashMap<i64, u64>,
    undated: u64,
    total: u64,
}

/// What one segment counted: per field, the column and the `(ordinal, count)` pairs.
pub struct SegmentFruit {
    segment: SegmentId,
    columns: Vec<Option<StrColumn>>,
    ords: Vec<Vec<(u64, u32)>>,
    per_day: HashMap<i64, u64>,
    undated: u64,
    total: u64,
}

/// The values of the given ordinals (sorted), each with its count, in one ordered pass over
/// the dictionary: looking ordinals up one by one decodes a dictionary block per value.
fn values(column: &StrColumn, ords: &[(u64, u32)], into: &mut HashMap<String, u64>) {
    let sorted: Vec<u64> = ords.iter().map(|(ord, _)| *ord).collect();
    let mut next = ords.iter();
    let _ = column
        .dictionary()
        .sorted_ords_to_term_cb(&sorted, |bytes| {
            if let Some((_, n)) = next.next() {
                *into
                    .entry(String::from_utf8_lossy(bytes).into_owned())
                    .or_default() += u64::from(*n);
            }
        });
}

impl Collector for CountsCollector {
    type Fruit = Counts;
    type Child = SegmentCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCounts> {
        let fast = reader.fast_fields();
        let mut columns = Vec::with_capacity(self.fields.len());
        let mut ord_counts = Vec::with_capacity(self.fields.len());
        for field in &self.fields {
            let column = fast.str(field)?;
            ord_counts.push(vec![0u32; column.as_ref().map_or(0, |c| c.num_terms())]);
            columns.push(column);
        }
        let dates = match &self.date_field {
            Some(field) => fast.column_opt::<tantivy::DateTime>(field)?,
            None => None,
        };
        Ok(SegmentCounts {
            segment: reader.segment_id(),
            columns,
            ord_counts,
            dates,
            per_day: HashMap::new(),
            undated: 0,
            total: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Counts> {
        let mut merged = Counts {
            fields: vec![HashMap::new(); self.fields.len()],
            ..Counts::default()
        };
        match &self.cache {
            Some(cache) => self.merge_cached(cache, &fruits, &mut merged.fields),
            None => self.merge_from_dictionaries(&fruits, &mut merged.fields),
        }
        for fruit in fruits {
            for (day, n) in fruit.per_day {
                *merged.per_day.entry(day).or_default() += n;
            }
            merged.undated += fruit.undated;
            merged.total += fruit.total;
        }
        Ok(merged)
    }
}

impl CountsCollector {
    /// Sums the segments' counts by value through the cached values of each segment, without
    /// an allocation per value, and keeps the [`CountsCollector::top`] largest (exact: every
    /// segment is summed first).
    fn merge_cached(
        &self,
        cache: &TermCache,
        fruits: &[SegmentFruit],
        fields: &mut [HashMap<String, u64>],
    ) {
        for (i, (into, field)) in fields.iter_mut().zip(&self.fields).enumerate() {
            let terms: Vec<Option<Arc<Vec<String>>>> = fruits
                .iter()
                .map(|f| {
                    f.columns[i]
                        .as_ref()
                        .map(|c| cache.terms(f.segment, field, c))
                })
                .collect();
            let n: usize = fruits.iter().map(|f| f.ords[i].len()).max().unwrap_or(0);
            let mut sums: FxHashMap<&str, u64> =
                FxHashMap::with_capacity_and_hasher(n, Default::default());
            for (fruit, terms) in fruits.iter().zip(&terms) {
                let Some(terms) = terms else { continue };
                for &(ord, n) in &fruit.ords[i] {
                    if let Some(term) = terms.get(ord as usize) {
                        *sums.entry(term.as_str()).or_default() += u64::from(n);
                    }
                }
            }
            let mut pairs: Vec<(&str, u64)> = sums.into_iter().collect();
            if let Some(k) = self.top {
                if pairs.len() > k {
                    // Largest counts first, ties to the smaller value.
                    let order = |a: &(&str, u64), b: &(&str, u64)| b.1.cmp(&a.1).then(a.0.cmp(b.0));
                    if k > 0 {
                        pairs.select_nth_unstable_by(k - 1, order);
                    }
                    pairs.truncate(k);
                }
            }
            into.reserve(pairs.len());
            for (term, n) in pairs {
                into.insert(term.to_string(), n);
            }
        }
    }

    /// Reads each segment's counted values from its columns' dictionaries, in one ordered
    /// pass each; with one segment, only the [`CountsCollector::top`] largest.
    fn merge_from_dictionaries(
        &self,
        fruits: &[SegmentFruit],
        fields: &mut [HashMap<String, u64>],
    ) {
        let single = fruits.len() == 1;
        for fruit in fruits {
            for ((into, column), ords) in fields.iter_mut().zip(&fruit.columns).zip(&fruit.ords) {
                let Some(column) = column else { continue };
                let mut ords = ords.clone();
                if let (true, Some(k)) = (single, self.top) {
                    if ords.len() > k {
                        // Largest counts first, ties to the smaller ordinal (= value).
                        ords.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                        ords.truncate(k);
                        ords.sort_unstable();
                    }
                }
                values(column, &ords, into);
            }
        }
    }
}

impl SegmentCollector for SegmentCounts {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.total += 1;
        for (column, counts) in self.columns.iter().zip(self.ord_counts.iter_mut()) {
            if let Some(column) = column {
                for ord in column.term_ords(doc) {
                    counts[ord as usize] += 1;
                }
            }
        }
        if let Some(dates) = &self.dates {
            match dates.first(doc) {
                Some(date) => {
                    *self
                        .per_day
                        .entry(epoch_day(date.into_timestamp_secs()))
                        .or_default() += 1
                }
                None => self.undated += 1,
            }
        }
    }

    fn harvest(self) -> SegmentFruit {
        let ords = self
            .ord_counts
            .into_iter()
            .map(|counts| {
                counts
                    .into_iter()
                    .enumerate()
                    .filter(|(_, n)| *n > 0)
                    .map(|(ord, n)| (ord as u64, n))
                    .collect()
            })
            .collect();
        SegmentFruit {
            segment: self.segment,
            columns: self.columns,
            ords,
            per_day: self.per_day,
            undated: self.undated,
            total: self.total,
        }
    }
}

/// The `k` largest counts, ties broken by value, as `(value, count)`.
pub fn top_k(counts: &HashMap<String, u64>, k: usize) -> Vec<(String, u64)> {
    let mut all: Vec<(String, u64)> = counts.iter().map(|(v, n)| (v.clone(), *n)).collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    all.truncate(k);
    all
}

/// The `k` largest counts as facet values, each labelled by `label` (a country code gets its
/// name; other values are their own label).
pub(crate) fn facet_values(
    counts: &HashMap<String, u64>,
    k: usize,
    label: &dyn Fn(&str) -> String,
) -> Vec<FacetValue> {
    top_k(counts, k)
        .into_iter()
        .map(|(value, count)| FacetValue {
            label: label(&value),
            value,
            count,
        })
        .collect()
}
