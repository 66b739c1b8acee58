//! [`CountsCollector`]: counts, in one pass over the matching stories, the values of several
//! exact-value fields (one count per story) and the stories per day.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::rows::{OrdRows, RowCounts};
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

/// What faceted searches keep between calls, per segment (segments never change): the values
/// of the exact-value columns, decoded once (decoding a column's dictionary, zstd-compressed
/// blocks, for every search took most of a faceted search's time on an index of several
/// segments); for the set of segments searched, a global ordinal map per field, so that
/// merging the segments' counts is adding into an array, with no hashing and no string; and
/// the counts over every live story of a segment, for the match-all view; and each column's
/// ordinals and each story's day, story by story, as plain arrays, one row a story
/// (`OrdRows`), since reading them from the columns (a rank in an optional index, then
/// bit-unpacking, per field and story) took most of the time of a faceted search matching a
/// few percent of a million stories. The rows hold every field and the date field that
/// searches have asked for (a search asking for more reads them again, once). Entries of
/// segments that a merge removed are dropped at the next [`TermCache::retain`].
///
/// Memory: per segment, the distinct values of the facet columns and their counts over all
/// stories (about 12 bytes a value); per field, the distinct values of the index once more
/// and 4 bytes per value per segment (the ordinal maps); per segment, one count per day; and,
/// the largest part, the rows: 8 bytes a story, and 2 bytes (4 when a field of the segment
/// has more than 65,536 distinct values) per story and facet field and per value (45 bytes a
/// story on the 1M index of the README's Benchmarks, 46 MB).
#[derive(Debug, Default)]
pub struct TermCache {
    inner: Mutex<CacheInner>,
}

#[derive(Debug, Default)]
struct CacheInner {
    /// The values of each (segment, field) column, by ordinal.
    terms: TermMap,
    /// Per field: the global ordinals of the segments they were built for.
    globals: HashMap<String, Arc<GlobalOrds>>,
    /// Per (segment, deleted stories, field): every live story's values, as
    /// `(ordinal, count)` pairs.
    all_values: HashMap<(SegmentId, u32, String), Arc<OrdCounts>>,
    /// Per (segment, deleted stories): every live story per day, and the undated ones.
    all_days: HashMap<(SegmentId, u32), Arc<DayCounts>>,
    /// Per segment: the facet columns' ordinals story by story.
    rows: HashMap<SegmentId, Arc<OrdRows>>,
}

/// `(ordinal, count)` pairs of one column.
type OrdCounts = Vec<(u64, u32)>;

/// Stories per epoch day, and the undated ones.
type DayCounts = (Vec<(i64, u64)>, u64);

/// The values of each (segment, field) column, by ordinal.
type TermMap = HashMap<(SegmentId, String), Arc<Vec<String>>>;

/// One field's values over a set of segments: sorted and distinct (so that comparing global
/// ordinals compares values), and each segment's ordinals mapped onto them.
#[derive(Debug)]
struct GlobalOrds {
    /// The segments, in the order of the fruits they were built for.
    segments: Vec<SegmentId>,
    values: Vec<String>,
    /// Per segment (same order): segment ordinal -> global ordinal; empty without a column.
    maps: Vec<Vec<u32>>,
}

impl TermCache {
    /// The values of `field`'s column in `segment`, by ordinal.
    fn terms(&self, segment: SegmentId, field: &str, column: &StrColumn) -> Arc<Vec<String>> {
        let key = (segment, field.to_string());
        if let Some(found) = self.lock().terms.get(&key) {
            return found.clone();
        }
        let all: Vec<u64> = (0..column.num_terms() as u64).collect();
        let mut terms = Vec::with_capacity(all.len());
        let _ = column.dictionary().sorted_ords_to_term_cb(&all, |bytes| {
            terms.push(String::from_utf8_lossy(bytes).into_owned());
        });
        let terms = Arc::new(terms);
        self.lock().terms.insert(key, terms.clone());
        terms
    }

    /// The global ordinals of the `i`-th field, `field`, over the segments of `fruits`.
    fn globals(&self, field: &str, i: usize, fruits: &[SegmentFruit]) -> Arc<GlobalOrds> {
        let segments: Vec<SegmentId> = fruits.iter().map(|f| f.segment).collect();
        if let Some(found) = self.lock().globals.get(field) {
            if found.segments == segments {
                return found.clone();
            }
        }
        let terms: Vec<Option<Arc<Vec<String>>>> = fruits
            .iter()
            .map(|f| {
                f.columns[i]
                    .as_ref()
                    .map(|c| self.terms(f.segment, field, c))
            })
            .collect();
        let mut values: Vec<&str> = terms
            .iter()
            .flatten()
            .flat_map(|t| t.iter())
            .map(String::as_str)
            .collect();
        values.sort_unstable();
        values.dedup();
        let maps = terms
            .iter()
            .map(|t| {
                t.iter()
                    .flat_map(|t| t.iter())
                    .map(|v| values.binary_search(&v.as_str()).unwrap_or_default() as u32)
                    .collect()
            })
            .collect();
        let globals = Arc::new(GlobalOrds {
            segments,
            values: values.into_iter().map(str::to_string).collect(),
            maps,
        });
        self.lock()
            .globals
            .insert(field.to_string(), globals.clone());
        globals
    }

    /// The ordinals of the segment of `reader`, story by story, of at least `fields` and the
    /// day of `date_field`: the cached rows when they hold them, else rows of those and of
    /// every field the cached rows held (so that searches asking for different fields settle
    /// on one set, read again at most once per field asked for).
    pub(super) fn rows(
        &self,
        reader: &SegmentReader,
        fields: &[String],
        date_field: Option<&str>,
    ) -> tantivy::Result<Arc<OrdRows>> {
        let old = self.lock().rows.get(&reader.segment_id()).cloned();
        if let Some(old) = &old {
            if old.covers(fields, date_field) {
                return Ok(old.clone());
            }
        }
        let mut all = old.as_ref().map(|o| o.fields.clone()).unwrap_or_default();
        for field in fields {
            if !all.contains(field) {
                all.push(field.clone());
            }
        }
        let date_field = date_field.or(old.as_ref().and_then(|o| o.date_field()));
        let rows = Arc::new(OrdRows::new(reader, &all, date_field)?);
        self.lock().rows.insert(reader.segment_id(), rows.clone());
        Ok(rows)
    }

    /// Every live story's values of `field` in the segment of `reader`, counted once and kept.
    fn all_values(
        &self,
        reader: &SegmentReader,
        field: &str,
        column: &StrColumn,
    ) -> Arc<Vec<(u64, u32)>> {
        let key = (
            reader.segment_id(),
            reader.num_deleted_docs(),
            field.to_string(),
        );
        if let Some(found) = self.lock().all_values.get(&key) {
            return found.clone();
        }
        let mut counts = vec![0u32; column.num_terms()];
        for doc in live_docs(reader) {
            for ord in column.term_ords(doc) {
                counts[ord as usize] += 1;
            }
        }
        let pairs = Arc::new(nonzero(counts));
        self.lock().all_values.insert(key, pairs.clone());
        pairs
    }

    /// Every live story of the segment of `reader` per day of `dates`, and the undated ones,
    /// counted once and kept.
    fn all_days(
        &self,
        reader: &SegmentReader,
        dates: Option<&Column<tantivy::DateTime>>,
    ) -> Arc<DayCounts> {
        let key = (reader.segment_id(), reader.num_deleted_docs());
        if let Some(found) = self.lock().all_days.get(&key) {
            return found.clone();
        }
        let (mut per_day, mut undated) = (HashMap::<i64, u64>::new(), 0);
        for doc in live_docs(reader) {
            match dates.and_then(|d| d.first(doc)) {
                Some(date) => {
                    *per_day
                        .entry(epoch_day(date.into_timestamp_secs()))
                        .or_default() += 1
                }
                None => undated += 1,
            }
        }
        let days = Arc::new((per_day.into_iter().collect(), undated));
        self.lock().all_days.insert(key, days.clone());
        days
    }

    /// Keeps only the entries of `segments` (those of the searcher in use).
    pub fn retain(&self, segments: impl IntoIterator<Item = SegmentId>) {
        let keep: HashSet<SegmentId> = segments.into_iter().collect();
        let mut inner = self.lock();
        inner.terms.retain(|(segment, _), _| keep.contains(segment));
        inner
            .globals
            .retain(|_, g| g.segments.iter().all(|s| keep.contains(s)));
        inner
            .all_values
            .retain(|(segment, _, _), _| keep.contains(segment));
        inner
            .all_days
            .retain(|(segment, _), _| keep.contains(segment));
        inner.rows.retain(|segment, _| keep.contains(segment));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, CacheInner> {
        // A panic while holding the lock leaves a consistent map (insertions are whole).
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The live (not deleted) stories of a segment.
fn live_docs(reader: &SegmentReader) -> impl Iterator<Item = DocId> + '_ {
    let alive = reader.alive_bitset();
    (0..reader.max_doc()).filter(move |doc| alive.is_none_or(|a| a.is_alive(*doc)))
}

/// The `(ordinal, count)` pairs of the nonzero counts.
fn nonzero(counts: Vec<u32>) -> Vec<(u64, u32)> {
    counts
        .into_iter()
        .enumerate()
        .filter(|(_, n)| *n > 0)
        .map(|(ord, n)| (ord as u64, n))
        .collect()
}

/// Collects [`Counts`] for the named fast string fields and the `date` fast field.
pub struct CountsCollector {
    fields: Vec<String>,
    date_field: Option<String>,
    top: Option<usize>,
    cache: Option<Arc<TermCache>>,
    every_story: bool,
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
            every_story: false,
        }
    }

    /// Tells the collector that the query matches every live story (the match-all view):
    /// with a [`TermCache`], each segment's counts are then taken from the cache (counted
    /// once per segment) instead of story by story. Without a cache, no effect.
    pub fn every_story(mut self, every: bool) -> CountsCollector {
        self.every_story = every;
        self
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
    /// The date column, read story by story when there are no rows.
    dates: Option<Column<tantivy::DateTime>>,
    per_day: HashMap<i64, u64>,
    undated: u64,
    total: u64,
    /// Counts of every live story, from the cache ([`CountsCollector::every_story`]): only
    /// the total is counted story by story.
    every_story: Option<EveryStory>,
    /// The cached rows, when there is a cache and not every story is counted: then no
    /// column is read story by story.
    rows: Option<RowCounts>,
}

/// A segment's counts over every live story: per field, and per day with the undated.
struct EveryStory {
    ords: Vec<Arc<Vec<(u64, u32)>>>,
    days: Option<Arc<DayCounts>>,
}

/// What one segment counted: per field, the column and the `(ordinal, count)` pairs.
pub struct SegmentFruit {
    segment: SegmentId,
    columns: Vec<Option<StrColumn>>,
    ords: Vec<Arc<Vec<(u64, u32)>>>,
    per_day: Vec<(i64, u64)>,
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
        let every_story = match (&self.cache, self.every_story) {
            (Some(cache), true) => Some(EveryStory {
                ords: self
                    .fields
                    .iter()
                    .zip(&columns)
                    .map(|(field, column)| match column {
                        Some(column) => cache.all_values(reader, field, column),
                        None => Arc::default(),
                    })
                    .collect(),
                days: self
                    .date_field
                    .as_ref()
                    .map(|_| cache.all_days(reader, dates.as_ref())),
            }),
            _ => None,
        };
        if every_story.is_some() {
            ord_counts = vec![Vec::new(); self.fields.len()];
        }
        let rows = match (&self.cache, &every_story) {
            (Some(cache), None) => {
                let date_field = self.date_field.as_deref();
                let rows = cache.rows(reader, &self.fields, date_field)?;
                Some(RowCounts::new(rows, &self.fields, date_field))
            }
            _ => None,
        };
        Ok(SegmentCounts {
            segment: reader.segment_id(),
            columns,
            ord_counts,
            dates: dates.filter(|_| rows.is_none()),
            per_day: HashMap::new(),
            undated: 0,
            total: 0,
            every_story,
            rows,
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
    /// Sums the segments' counts by value through the cached global ordinals of the
    /// segments (an array indexed by global ordinal: no hashing, no string), and keeps the
    /// [`CountsCollector::top`] largest (exact: every segment is summed first).
    fn merge_cached(
        &self,
        cache: &TermCache,
        fruits: &[SegmentFruit],
        fields: &mut [HashMap<String, u64>],
    ) {
        for (i, (into, field)) in fields.iter_mut().zip(&self.fields).enumerate() {
            let globals = cache.globals(field, i, fruits);
            let mut sums = vec![0u64; globals.values.len()];
            for (fruit, map) in fruits.iter().zip(&globals.maps) {
                for &(ord, n) in fruit.ords[i].iter() {
                    if let Some(&global) = map.get(ord as usize) {
                        sums[global as usize] += u64::from(n);
                    }
                }
            }
            let mut pairs: Vec<(u32, u64)> = sums
                .into_iter()
                .enumerate()
                .filter(|(_, n)| *n > 0)
                .map(|(global, n)| (global as u32, n))
                .collect();
            if let Some(k) = self.top {
                if pairs.len() > k {
                    // Largest counts first, ties to the smaller value (= global ordinal).
                    let order = |a: &(u32, u64), b: &(u32, u64)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
                    if k > 0 {
                        pairs.select_nth_unstable_by(k - 1, order);
                    }
                    pairs.truncate(k);
                }
            }
            into.reserve(pairs.len());
            for (global, n) in pairs {
                into.insert(globals.values[global as usize].clone(), n);
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
                let mut ords = ords.as_ref().clone();
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
        if self.every_story.is_some() {
            return;
        }
        if let Some(rows) = &mut self.rows {
            rows.push(doc, &mut self.ord_counts);
            return;
        }
        for (column, counts) in self.columns.iter().zip(&mut self.ord_counts) {
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

    fn harvest(mut self) -> SegmentFruit {
        if let Some(every) = self.every_story {
            let (per_day, undated) = every
                .days
                .map(|days| (days.0.clone(), days.1))
                .unwrap_or_default();
            return SegmentFruit {
                segment: self.segment,
                columns: self.columns,
                ords: every.ords,
                per_day,
                undated,
                total: self.total,
            };
        }
        let (per_day, undated) = match self.rows {
            Some(rows) => rows.finish(&mut self.ord_counts),
            None => (self.per_day.into_iter().collect(), self.undated),
        };
        let ords = self
            .ord_counts
            .into_iter()
            .map(|counts| Arc::new(nonzero(counts)))
            .collect();
        SegmentFruit {
            segment: self.segment,
            columns: self.columns,
            ords,
            per_day,
            undated,
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
