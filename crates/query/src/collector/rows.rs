//! [`OrdRows`]: a segment's facet ordinals and days, story by story, as the
//! [`TermCache`](super::TermCache) keeps them; and [`RowCounts`], which counts a search's
//! matches from them.

use std::sync::Arc;

use tantivy::columnar::{ColumnValues, StrColumn};
use tantivy::{DocId, SegmentReader};

use crate::histogram::epoch_day;

/// The ordinals of several columns of a segment, story by story, each story's in one run
/// (one memory access for all its fields, not one per field), and each story's day.
///
/// Story `d`'s row is `data[index[d].0..index[d + 1].0]`: for each field of `fields` in
/// turn, its number of values and their ordinals. Its day is `index[d].1`: 0 when it has
/// none (or the rows were made without a date field), else 1 + the day's place in `days`, so
/// that counting days is adding into a short array (no hashing, no column read).
#[derive(Debug)]
pub(super) struct OrdRows {
    /// The fields of the rows, in their order.
    pub(super) fields: Vec<String>,
    /// The date field of the days (`None`: every story's day is 0).
    date_field: Option<String>,
    /// Whether the segment has the date field's column (without it, no story is counted
    /// per day nor as undated, as when reading the column).
    dated: bool,
    /// The epoch days of the segment's dated stories, sorted and distinct.
    days: Vec<i64>,
    /// Per story, and one past the last: where its row starts in `data`, and its day.
    index: Vec<(u32, u32)>,
    data: RowData,
}

impl OrdRows {
    /// The rows of `fields` and the days of `date_field` in the segment of `reader`, read
    /// once for every story.
    pub(super) fn new(
        reader: &SegmentReader,
        fields: &[String],
        date_field: Option<&str>,
    ) -> tantivy::Result<OrdRows> {
        let fast = reader.fast_fields();
        let columns = fields
            .iter()
            .map(|f| fast.str(f))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let dates = match date_field {
            Some(field) => fast.column_opt::<tantivy::DateTime>(field)?,
            None => None,
        };
        let max_doc = reader.max_doc();
        let day_of = |doc| {
            dates
                .as_ref()
                .and_then(|d| d.first(doc))
                .map(|date| epoch_day(date.into_timestamp_secs()))
        };
        // Stories come mostly in date order: a day repeated in a row is kept once.
        let mut days: Vec<i64> = Vec::new();
        for day in (0..max_doc).filter_map(day_of) {
            if days.last() != Some(&day) {
                days.push(day);
            }
        }
        days.sort_unstable();
        days.dedup();
        let mut index = Vec::with_capacity(max_doc as usize + 1);
        index.extend((0..max_doc).map(|doc| {
            let day = day_of(doc).map_or(0, |d| 1 + days.binary_search(&d).unwrap_or(0));
            (0, day as u32)
        }));
        // Every story's count per field, and every value.
        let len = columns
            .iter()
            .flatten()
            .map(|c| c.ords().values.num_vals() as usize)
            .sum::<usize>()
            + max_doc as usize * columns.len();
        let narrow = columns.iter().flatten().all(|c| c.num_terms() <= 1 << 16);
        let data = match narrow.then(|| fill::<u16>(&columns, &mut index, len)) {
            Some(Some(data)) => RowData::Narrow(data),
            _ => RowData::Wide(fill::<u32>(&columns, &mut index, len).ok_or_else(|| {
                tantivy::TantivyError::InternalError(format!(
                    "the facet rows of segment {} hold more than 2^32 numbers",
                    reader.segment_id()
                ))
            })?),
        };
        index.push((data.len() as u32, 0));
        Ok(OrdRows {
            fields: fields.to_vec(),
            date_field: date_field.map(str::to_string),
            dated: dates.is_some(),
            days,
            index,
            data,
        })
    }

    /// Whether the rows hold every field of `fields` and the days of `date_field`.
    pub(super) fn covers(&self, fields: &[String], date_field: Option<&str>) -> bool {
        fields.iter().all(|f| self.fields.contains(f))
            && date_field.is_none_or(|d| self.date_field.as_deref() == Some(d))
    }

    /// The date field of the days.
    pub(super) fn date_field(&self) -> Option<&str> {
        self.date_field.as_deref()
    }
}

/// The numbers of the rows: in 16 bits when they all fit (no field has more than 65,536
/// values in the segment, nor a story more than 65,535 in one field), which halves the
/// memory and the cache lines read per story; else in 32.
#[derive(Debug)]
enum RowData {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

impl RowData {
    /// How many numbers.
    fn len(&self) -> usize {
        match self {
            RowData::Narrow(data) => data.len(),
            RowData::Wide(data) => data.len(),
        }
    }
}

/// The rows of `columns` (about `len` numbers), each story's start written into its entry of
/// `index`; `None` when a number or a start does not fit in `T`.
fn fill<T: TryFrom<u64>>(
    columns: &[Option<StrColumn>],
    index: &mut [(u32, u32)],
    len: usize,
) -> Option<Vec<T>> {
    let number = |n: u64| T::try_from(n).ok();
    let mut data = Vec::with_capacity(len);
    for (doc, (start, _)) in index.iter_mut().enumerate() {
        *start = u32::try_from(data.len()).ok()?;
        for column in columns {
            let at = data.len();
            data.push(number(0)?);
            if let Some(column) = column {
                for ord in column.term_ords(doc as DocId) {
                    data.push(number(ord)?);
                }
            }
            data[at] = number((data.len() - at - 1) as u64)?;
        }
    }
    u32::try_from(data.len()).ok()?;
    Some(data)
}

/// Matches counted at a time from the rows: the rows of a search matching a few percent of
/// the stories lie far apart in memory, and copying a block's rows together before counting
/// any lets the processor wait for their cache misses at once, not one after another
/// (which took two thirds of the time of `oil` on the 1M index).
const ROW_BLOCK: usize = 64;

/// A search's counts in one segment, from its [`OrdRows`]: matches are taken
/// [`ROW_BLOCK`] at a time.
pub(super) struct RowCounts {
    rows: Arc<OrdRows>,
    /// For each field of the rows, the index of the same field in the collector (`None`:
    /// not counted); empty when no field is counted.
    wanted: Vec<Option<usize>>,
    /// Whether days are counted.
    count_days: bool,
    /// Stories per day of the rows (index 0: undated).
    days: Vec<u32>,
    /// Matches not counted yet.
    pending: Vec<DocId>,
    /// The rows of the pending matches, one after another (the buffer of the rows' width).
    narrow: Vec<u16>,
    wide: Vec<u32>,
}

impl RowCounts {
    /// Counts from `rows` the values of `fields` (the collector's, in its order), and the
    /// days when `date_field` is given. The rows must cover them ([`OrdRows::covers`]).
    pub(super) fn new(
        rows: Arc<OrdRows>,
        fields: &[String],
        date_field: Option<&str>,
    ) -> RowCounts {
        let wanted = if fields.is_empty() {
            Vec::new()
        } else {
            rows.fields
                .iter()
                .map(|f| fields.iter().position(|g| g == f))
                .collect()
        };
        RowCounts {
            wanted,
            count_days: date_field.is_some() && rows.dated,
            days: vec![0; rows.days.len() + 1],
            pending: Vec::with_capacity(ROW_BLOCK),
            narrow: Vec::new(),
            wide: Vec::new(),
            rows,
        }
    }

    /// Counts `doc`, into `ord_counts` (per field of the collector, by ordinal) and the days.
    #[inline]
    pub(super) fn push(&mut self, doc: DocId, ord_counts: &mut [Vec<u32>]) {
        self.pending.push(doc);
        if self.pending.len() == ROW_BLOCK {
            self.flush(ord_counts);
        }
    }

    /// Counts the pending matches.
    fn flush(&mut self, ord_counts: &mut [Vec<u32>]) {
        let OrdRows { index, data, .. } = &*self.rows;
        if self.count_days {
            for &doc in &self.pending {
                self.days[index[doc as usize].1 as usize] += 1;
            }
        }
        if !self.wanted.is_empty() {
            let (pending, wanted) = (&self.pending, &self.wanted);
            match data {
                RowData::Narrow(data) => {
                    count_block(data, index, pending, wanted, &mut self.narrow, ord_counts)
                }
                RowData::Wide(data) => {
                    count_block(data, index, pending, wanted, &mut self.wide, ord_counts)
                }
            }
        }
        self.pending.clear();
    }

    /// Counts what is pending, and returns the stories per epoch day (days with stories,
    /// in order) and the undated ones; none when days are not counted.
    pub(super) fn finish(mut self, ord_counts: &mut [Vec<u32>]) -> (Vec<(i64, u64)>, u64) {
        self.flush(ord_counts);
        if !self.count_days {
            return (Vec::new(), 0);
        }
        let per_day = self
            .rows
            .days
            .iter()
            .zip(&self.days[1..])
            .filter(|(_, n)| **n > 0)
            .map(|(day, n)| (*day, u64::from(*n)))
            .collect();
        (per_day, u64::from(self.days[0]))
    }
}

/// Counts the values of the rows of `docs` (in `data`, placed by `index`) into
/// `ord_counts`: first every row copied into `gathered` (independent loads, whose cache
/// misses overlap), then counted from there.
fn count_block<T: Copy + Into<u32>>(
    data: &[T],
    index: &[(u32, u32)],
    docs: &[DocId],
    wanted: &[Option<usize>],
    gathered: &mut Vec<T>,
    ord_counts: &mut [Vec<u32>],
) {
    gathered.clear();
    for &doc in docs {
        let doc = doc as usize;
        let (start, end) = (index[doc].0 as usize, index[doc + 1].0 as usize);
        gathered.extend_from_slice(&data[start..end]);
    }
    let mut row = &gathered[..];
    while !row.is_empty() {
        for want in wanted {
            let n = row[0].into() as usize;
            if let Some(i) = want {
                let counts = &mut ord_counts[*i];
                for &ord in &row[1..=n] {
                    counts[ord.into() as usize] += 1;
                }
            }
            row = &row[1 + n..];
        }
    }
}

#[cfg(test)]
mod tests;
