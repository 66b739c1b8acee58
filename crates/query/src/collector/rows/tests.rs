//! The rows against the columns they copy: counts taken a block at a time, in 16 or 32 bits,
//! and cached rows that grow when a search asks for more fields than they hold.

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use newsidx_core::{Article, NewsIndex};
use tantivy::query::{AllQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

use super::*;
use crate::collector::{Counts, CountsCollector, TermCache};

/// The facet fields the tests count, and the date field.
const FIELDS: [&str; 4] = ["countries", "places", "people", "language"];

/// Story `i` of [`index`]: one to three countries, a place, a person every third story, a
/// date for every story but every seventh (dates over 40 days).
fn story(i: usize) -> Article {
    let countries = ["ML", "NE", "FR", "SA", "GB"];
    Article {
        id: format!("s{i}"),
        title: format!("Story {i}"),
        body: "Oil prices rose.".into(),
        countries: (0..1 + i % 3)
            .map(|k| countries[(i + k) % countries.len()].to_string())
            .collect(),
        places: vec![format!("Town {}", i % 11)],
        people: if i.is_multiple_of(3) {
            vec![format!("Person {}", i % 13)]
        } else {
            Vec::new()
        },
        language: Some(if i.is_multiple_of(4) { "fr" } else { "en" }.into()),
        date: (!i.is_multiple_of(7)).then(|| {
            Utc.with_ymd_and_hms(2021, 1, 1, 12, 0, 0).unwrap()
                + chrono::Duration::days((i % 40) as i64)
        }),
        ..Article::default()
    }
}

/// 600 stories in three segments (three commits), so that every segment holds several
/// blocks of [`ROW_BLOCK`] matches and a last, partial one.
fn index() -> NewsIndex {
    let index = NewsIndex::create_in_ram().unwrap();
    let mut writer = index.writer_with_threads(1, 15_000_000).unwrap();
    for chunk in (0..600).collect::<Vec<_>>().chunks(200) {
        for &i in chunk {
            writer
                .add_document(index.schema().to_document(&story(i)))
                .unwrap();
        }
        writer.commit().unwrap();
    }
    index
}

fn strings(fields: &[&str]) -> Vec<String> {
    fields.iter().map(|f| f.to_string()).collect()
}

/// Counts of `fields` (and days, with `date`) of the matches of `query`, through `cache`
/// or, without one, read from the columns story by story.
fn counts(
    searcher: &Searcher,
    query: &dyn Query,
    fields: &[&str],
    date: bool,
    cache: Option<&Arc<TermCache>>,
) -> Counts {
    let mut collector = CountsCollector::new(strings(fields), date.then(|| "date".to_string()));
    if let Some(cache) = cache {
        collector = collector.cache(cache.clone());
    }
    searcher.search(query, &collector).unwrap()
}

/// Searches that ask the cache for days only, then for two fields, then for two others,
/// then for fields in another order with days: every count equals the count from the
/// columns, and the rows grow to hold every field asked for and the days, after which no
/// search reads them again.
#[test]
fn rows_grow_to_what_searches_ask_and_count_what_the_columns_hold() {
    let index = index();
    let searcher = index.reader().unwrap().searcher();
    assert_eq!(searcher.segment_readers().len(), 3);
    let cache = Arc::new(TermCache::default());
    let mali = TermQuery::new(
        Term::from_field_text(index.schema().countries, "ML"),
        IndexRecordOption::Basic,
    );
    let asks: [(&[&str], bool); 5] = [
        (&[], true),
        (&FIELDS[..2], false),
        (&FIELDS[2..], false),
        (&["language", "countries"], true),
        (&["people"], false),
    ];
    let rows = |cache: &TermCache| -> Vec<Arc<OrdRows>> {
        searcher
            .segment_readers()
            .iter()
            .map(|reader| cache.rows(reader, &[], None).unwrap())
            .collect()
    };
    let mut settled = Vec::new();
    for query in [&AllQuery as &dyn Query, &mali] {
        for (fields, date) in asks {
            let direct = counts(&searcher, query, fields, date, None);
            let cached = counts(&searcher, query, fields, date, Some(&cache));
            assert!(direct.total > 3 * ROW_BLOCK as u64, "{}", direct.total);
            assert_eq!(cached.total, direct.total, "{fields:?} {date}");
            assert_eq!(cached.fields, direct.fields, "{fields:?} {date}");
            assert_eq!(cached.per_day, direct.per_day, "{fields:?} {date}");
            assert_eq!(cached.undated, direct.undated, "{fields:?} {date}");
            if date {
                assert!(direct.undated > 0 && direct.per_day.len() > 10);
            }
        }
        let now = rows(&cache);
        for rows in &now {
            assert!(rows.covers(&strings(&FIELDS), Some("date")), "{rows:?}");
        }
        if !settled.is_empty() {
            assert!(now.iter().zip(&settled).all(|(a, b)| Arc::ptr_eq(a, b)));
        }
        settled = now;
    }
}

/// Rows read directly: a segment's rows of two fields (in the order asked, not the
/// schema's), counted for every other story, equal the columns' counts.
#[test]
fn row_counts_of_every_other_story_equal_the_columns() {
    let index = index();
    let searcher = index.reader().unwrap().searcher();
    let fields = strings(&["places", "countries"]);
    for reader in searcher.segment_readers() {
        let rows = Arc::new(OrdRows::new(reader, &fields, Some("date")).unwrap());
        assert!(matches!(rows.data, RowData::Narrow(_)));
        let columns: Vec<_> = fields
            .iter()
            .map(|f| reader.fast_fields().str(f).unwrap().unwrap())
            .collect();
        let dates = reader
            .fast_fields()
            .column_opt::<tantivy::DateTime>("date")
            .unwrap()
            .unwrap();
        // The collector counts the fields the other way round.
        let wanted = [fields[1].clone(), fields[0].clone()];
        let mut row_counts = RowCounts::new(rows, &wanted, Some("date"));
        let mut got: Vec<Vec<u32>> = [1, 0]
            .iter()
            .map(|&i| vec![0; columns[i].num_terms()])
            .collect();
        let mut expected = got.clone();
        let mut days = BTreeMap::new();
        let mut undated = 0;
        for doc in (0..reader.max_doc()).step_by(2) {
            row_counts.push(doc, &mut got);
            for (counts, i) in expected.iter_mut().zip([1, 0]) {
                for ord in columns[i].term_ords(doc) {
                    counts[ord as usize] += 1;
                }
            }
            match dates.first(doc) {
                Some(d) => *days.entry(epoch_day(d.into_timestamp_secs())).or_insert(0) += 1,
                None => undated += 1,
            }
        }
        let (per_day, got_undated) = row_counts.finish(&mut got);
        assert_eq!(got, expected);
        assert_eq!(per_day, days.into_iter().collect::<Vec<_>>());
        assert_eq!(got_undated, undated);
    }
}

/// A segment with a field of more than 65,536 values keeps its rows in 32 bits, and counts
/// what the columns hold.
#[test]
fn rows_of_a_field_past_16_bits_are_kept_in_32_and_count_the_same() {
    let index = NewsIndex::create_in_ram().unwrap();
    let mut writer = index.writer_with_threads(1, 50_000_000).unwrap();
    for i in 0..8 {
        let mut story = story(i);
        story.places = (0..9_000).map(|k| format!("Place {i} {k}")).collect();
        writer
            .add_document(index.schema().to_document(&story))
            .unwrap();
    }
    writer.commit().unwrap();
    let searcher = index.reader().unwrap().searcher();
    let reader = searcher.segment_reader(0);
    let fields = strings(&FIELDS);
    let rows = Arc::new(OrdRows::new(reader, &fields, Some("date")).unwrap());
    assert!(
        matches!(rows.data, RowData::Wide(_)),
        "{:?}",
        rows.data.len()
    );
    let mut row_counts = RowCounts::new(rows, &fields, None);
    let columns: Vec<_> = fields
        .iter()
        .map(|f| reader.fast_fields().str(f).unwrap().unwrap())
        .collect();
    let mut got: Vec<Vec<u32>> = columns.iter().map(|c| vec![0; c.num_terms()]).collect();
    let mut expected = got.clone();
    for doc in 0..reader.max_doc() {
        row_counts.push(doc, &mut got);
        for (counts, column) in expected.iter_mut().zip(&columns) {
            for ord in column.term_ords(doc) {
                counts[ord as usize] += 1;
            }
        }
    }
    assert_eq!(row_counts.finish(&mut got), (Vec::new(), 0));
    assert!(got[1].len() > 1 << 16);
    assert_eq!(got, expected);
}

/// Rows counted in 16 and in 32 bits count the same.
#[test]
fn rows_in_16_and_32_bits_count_the_same() {
    // Two stories, one field: story 0 holds ordinals 3 and 65_535, story 1 holds 3.
    let wide: Vec<u32> = vec![2, 3, 65_535, 1, 3];
    let narrow: Vec<u16> = wide.iter().map(|&n| n as u16).collect();
    let index = [(0, 0), (3, 0), (5, 0)];
    let mut expected = vec![0u32; 65_536];
    expected[3] = 2;
    expected[65_535] = 1;
    for counts in [
        count(&wide, &index, &mut Vec::new()),
        count(&narrow, &index, &mut Vec::new()),
    ] {
        assert_eq!(counts, expected);
    }
}

/// The counts of the one field of the rows of stories 0 and 1.
fn count<T: Copy + Into<u32>>(data: &[T], index: &[(u32, u32)], gathered: &mut Vec<T>) -> Vec<u32> {
    let mut counts = vec![vec![0u32; 65_536]];
    count_block(data, index, &[0, 1], &[Some(0)], gathered, &mut counts);
    counts.remove(0)
}
