//! Searches over a small in-RAM index of six stories: every production of the grammar, name
//! resolution, drill-sideways for every dimension, histogram, paging and streaming,
//! highlighting and co-mentions.

use super::*;
use crate::response::FacetValue;
use chrono::{TimeZone, Utc};
use newsidx_core::Article;

/// One story of the fixture: id, title, body, countries, actors, people, organisations,
/// places, source, language (empty: unknown) and date (year 0: undated).
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
    &'static str,
    (i32, u32, u32),
);

const ROWS: [Row; 6] = [
    (
        "1",
        "Interest rates rise in Mali",
        "Interest rates rose in Bamako.",
        &["ML"],
        &["Wagner Group"],
        &["Assimi Goita"],
        &["BCEAO"],
        &["Bamako"],
        "AFP",
        "en",
        (2021, 1, 31),
    ),
    (
        "2",
        "Rates and interest in Niger",
        "The rates of interest fell.",
        &["NE"],
        &["ECOWAS"],
        &[],
        &["ECOWAS"],
        &["Niamey"],
        "Reuters",
        "en",
        (2021, 2, 28),
    ),
    (
        "3",
        "Oil prices in Mali",
        "Oil prices rose; interest rates steady.",
        &["ML", "FR"],
        &["Wagner Group", "ECOWAS"],
        &["Assimi Goita"],
        &["ECOWAS"],
        &["Gao"],
        "Reuters",
        "fr",
        (2021, 3, 1),
    ),
    (
        "4",
        "Oil output",
        "Opec oil output fell.",
        &["SA"],
        &["OPEC"],
        &[],
        &["OPEC"],
        &["Riyadh"],
        "AFP",
        "en",
        (2022, 1, 1),
    ),
    (
        "5",
        "Gold",
        "Gold steady.",
        &["GB"],
        &[],
        &[],
        &[],
        &["London"],
        "afp",
        "fi-FI",
        (2020, 12, 31),
    ),
    (
        "6",
        "Oil undated",
        "Oil without a date.",
        &["ML"],
        &[],
        &[],
        &[],
        &[],
        "AFP",
        "",
        (0, 0, 0),
    ),
];

fn article(row: Row) -> Article {
    let (id, title, body, countries, actors, people, orgs, places, source, lang, (y, m, d)) = row;
    let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    Article {
        id: id.into(),
        title: title.into(),
        body: body.into(),
        countries: v(countries),
        // In this fixture every country mentioned is one the story is about.
        mentioned_countries: v(countries),
        actors: v(actors),
        people: v(people),
        organisations: v(orgs),
        places: v(places),
        source: Some(source.into()),
        language: Some(lang.into()),
        date: (y > 0).then(|| Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()),
        ..Article::default()
    }
}

fn searcher() -> NewsSearcher {
    let index = NewsIndex::create_in_ram().unwrap();
    let mut writer = index.writer_with_threads(1, 15_000_000).unwrap();
    for row in ROWS {
        writer
            .add_document(index.schema().to_document(&article(row)))
            .unwrap();
    }
    writer.commit().unwrap();
    NewsSearcher::with_extractor(index, Extractor::new().unwrap()).unwrap()
}

/// The ids of the first 100 hits of `q`, sorted.
pub(super) fn ids(s: &NewsSearcher, q: NewsQuery) -> Vec<String> {
    let mut ids: Vec<String> = s
        .search(&q.limit(100))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn every_production_selects_the_right_stories() {
    let s = searcher();
    let q = NewsQuery::new;
    assert_eq!(ids(&s, q("oil prices")), ["3"]);
    assert_eq!(ids(&s, q("\"interest rates\"")), ["1", "3"]);
    assert_eq!(ids(&s, q("\"rates fell\"~2")), ["2"]);
    assert!(ids(&s, q("\"rates fell\"~1")).is_empty());
    assert_eq!(ids(&s, q("gold OR opec")), ["4", "5"]);
    assert_eq!(ids(&s, q("oil -opec")), ["3", "6"]);
    assert_eq!(ids(&s, q("-oil")), ["1", "2", "5"]);
    assert_eq!(ids(&s, q("(gold OR opec) -output")), ["5"]);
    assert_eq!(ids(&s, q("title:rates")), ["1", "2"]);
    assert_eq!(ids(&s, q("body:rates")), ["1", "2", "3"]);
    assert_eq!(ids(&s, q("oil country:Mali")), ["3", "6"]);
    assert_eq!(ids(&s, q("oil country:Malian")), ["3", "6"]);
    assert_eq!(ids(&s, q("actor:\"PMC Wagner\"")), ["1", "3"]);
    assert_eq!(ids(&s, q("person:\"Assimi Goita\" -country:FR")), ["1"]);
    assert_eq!(ids(&s, q("org:opec")), ["4"]);
    assert_eq!(ids(&s, q("place:Gao")), ["3"]);
    assert_eq!(ids(&s, q("source:reuters")), ["2", "3"]);
    assert_eq!(ids(&s, q("lang:FR")), ["3"]);
    assert_eq!(ids(&s, q("date:2021-02")), ["2"]);
    assert_eq!(ids(&s, q("date:2021-01-31..2021-03-01")), ["1", "2", "3"]);
    assert_eq!(ids(&s, q("date:>=2021 date:<2022")), ["1", "2", "3"]);
    assert_eq!(ids(&s, q("country:ML OR country:NE")), ["1", "2", "3", "6"]);
    // Options and inline filters combine: one kind is alternatives, kinds AND.
    assert_eq!(
        ids(&s, q("country:NE").filter(Dimension::Country, "SA")),
        ["2", "4"]
    );
    assert_eq!(
        ids(&s, q("country:ML").filter(Dimension::Source, "AFP")),
        ["1", "6"]
    );
    assert_eq!(ids(&s, q("")), ["1", "2", "3", "4", "5", "6"]);
}

#[test]
fn unknown_values_suggest_the_closest() {
    let s = searcher();
    match s.search(&NewsQuery::new("actor:Wagnr")) {
        Err(Error::UnknownValue {
            dimension,
            suggestions,
            ..
        }) => {
            assert_eq!(dimension, Dimension::Actor);
            assert!(
                suggestions.contains(&"Wagner Group".to_string()),
                "{suggestions:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    let e = s.search(&NewsQuery::new("country:Mallorca")).unwrap_err();
    assert!(e.to_string().contains("unknown country"), "{e}");
    let e = s.search(&NewsQuery::new("oil (")).unwrap_err();
    assert!(e.caret().unwrap().contains("^ expected"), "{e}");
}

#[test]
fn drill_sideways_for_every_dimension_and_filters_reported() {
    let s = searcher();
    let base = s.search(&NewsQuery::new("").facet_limit(100)).unwrap();
    let count =
        |facets: &[FacetValue], v: &str| facets.iter().find(|f| f.value == v).map(|f| f.count);
    let cases = [
        (Dimension::Country, "NE"),
        (Dimension::Mentioned, "NE"),
        (Dimension::Actor, "OPEC"),
        (Dimension::Source, "Reuters"),
        (Dimension::Person, "Assimi Goita"),
        (Dimension::Organisation, "ECOWAS"),
        (Dimension::Place, "Gao"),
        (Dimension::Language, "fr"),
    ];
    assert_eq!(cases.len(), Dimension::facets().count());
    for (dim, value) in cases {
        let query = NewsQuery::new("").filter(dim, value);
        let r = s.search(&query.facet_limit(100)).unwrap();
        assert!(r.total > 0 && r.total < base.total, "{value}");
        // The filtered dimension still counts every value as without its filter...
        assert_eq!(&r.facets[dim], &base.facets[dim], "{value}");
        assert_eq!(count(&r.facets[dim], value), Some(r.total), "{value}");
        assert!(!r.filters.is_empty());
    }
    // ...and the other dimensions are counted under the filter.
    let r = s
        .search(&NewsQuery::new("").filter(Dimension::Country, "NE"))
        .unwrap();
    assert_eq!(count(&r.facets[Dimension::Source], "AFP"), None);
    assert_eq!(r.filters[Dimension::Country], ["NE"]);
    let r = s.search(&NewsQuery::new("lang:fr")).unwrap();
    assert_eq!(r.total, 1);
    assert_eq!(r.filters[Dimension::Language], ["fr"]);
}

#[test]
fn histogram_sums_to_the_total_and_facets_can_be_off() {
    let s = searcher();
    let r = s
        .search(&NewsQuery::new("").interval(Interval::Month))
        .unwrap();
    let sum: u64 = r.histogram.buckets.iter().map(|b| b.count).sum();
    assert_eq!(sum + r.histogram.undated, r.total);
    assert_eq!(r.histogram.undated, 1);
    // 2020-12 .. 2022-01: 14 months, February 2021 holding the 28th.
    assert_eq!(r.histogram.buckets.len(), 14);
    assert_eq!(r.histogram.buckets[2].count, 1);
    let bare = s
        .search(
            &NewsQuery::new("oil")
                .facets(false)
                .histogram(false)
                .fragments(0),
        )
        .unwrap();
    assert_eq!(bare.total, 3);
    assert!(bare.facets[Dimension::Country].is_empty() && bare.histogram.buckets.is_empty());
    assert!(bare.hits.iter().all(|h| h.snippet.is_empty()));
}

#[test]
fn pages_concatenate_to_the_full_list_for_every_order() {
    let s = searcher();
    for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
        let all: Vec<String> = s
            .search(&NewsQuery::new("").sort(sort).limit(100))
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect();
        let mut paged = Vec::new();
        for offset in (0..6).step_by(4) {
            let page = s
                .search(&NewsQuery::new("").sort(sort).limit(4).offset(offset))
                .unwrap();
            assert_eq!(page.total, 6);
            paged.extend(page.hits.into_iter().map(|h| h.id));
        }
        assert_eq!(paged, all, "{sort:?}");
        let mut streamed = Vec::new();
        let n = s
            .for_each_hit(&NewsQuery::new("").sort(sort), |h| {
                streamed.push(h.id);
                Ok::<(), Error>(())
            })
            .unwrap();
        assert_eq!(n, 6);
        let mut a = streamed.clone();
        a.sort();
        a.dedup();
        assert_eq!(a.len(), 6, "{sort:?}");
        if sort != Sort::Relevance {
            assert_eq!(streamed, all, "{sort:?}");
        }
    }
}

#[test]
fn a_phrase_is_highlighted_as_one_range_and_entities_are_marked() {
    let s = searcher();
    let r = s
        .search(&NewsQuery::new("\"interest rates\" country:ML").fragments(3))
        .unwrap();
    let hit = r.hits.iter().find(|h| h.id == "1").unwrap();
    assert_eq!(hit.snippet, "Interest rates rose in Bamako.");
    assert_eq!(hit.highlights, [[0, 14]]);
    let f = &hit.fragments[0];
    assert_eq!(f.mentions.len(), 1, "{f:?}");
    assert_eq!(&f.text[f.mentions[0].start..f.mentions[0].end], "Bamako");
    assert_eq!(f.mentions[0].entity, "ML");
}

#[test]
fn co_mentions_rank_over_represented_values_and_leave_out_filters() {
    let s = searcher();
    let r = s
        .search(&NewsQuery::new("country:ML").co_mentions(true))
        .unwrap();
    let c = r.co_mentions.unwrap();
    assert!(c[Dimension::Country].iter().all(|v| v.value != "ML"));
    let wagner = c[Dimension::Actor]
        .iter()
        .find(|v| v.value == "Wagner Group")
        .unwrap();
    assert_eq!((wagner.count, wagner.background), (2, 2));
    assert!(wagner.score > 0.0);
}

/// Issue 17, item 1: `--source reuters` found only the story spelled "REUTERS", and `--lang fi`
/// was unknown although a story is tagged `fi-FI`.
#[test]
fn sources_and_languages_match_in_any_case_and_languages_by_primary_subtag() {
    let s = searcher();
    let q = NewsQuery::new;
    for source in ["source:afp", "source:AFP", "source:Afp"] {
        assert_eq!(ids(&s, q(source)), ["1", "4", "5", "6"], "{source}");
    }
    assert_eq!(
        ids(&s, q("").filter(Dimension::Source, "afp")),
        ["1", "4", "5", "6"]
    );
    for lang in ["lang:fi", "lang:FI", "lang:fi-FI", "lang:fi_fi"] {
        assert_eq!(ids(&s, q(lang)), ["5"], "{lang}");
    }
    assert_eq!(ids(&s, q("lang:EN")), ["1", "2", "4"]);
    // The language is unknown for a story without one (plain text), and can be asked for.
    assert_eq!(ids(&s, q("lang:unknown")), ["6"]);
    assert_eq!(ids(&s, q("lang:und")), ["6"]);
    assert!(matches!(
        s.search(&q("lang:de")),
        Err(Error::UnknownValue { .. })
    ));
    // Facets keep each spelling of a source, and list languages in lower case.
    let r = s.search(&q("")).unwrap();
    let values = |d: Dimension| -> Vec<(String, String, u64)> {
        let mut v: Vec<_> = r.facets[d]
            .iter()
            .map(|f| (f.value.clone(), f.label.clone(), f.count))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        values(Dimension::Source),
        [
            ("AFP".into(), "AFP".into(), 3),
            ("Reuters".into(), "Reuters".into(), 2),
            ("afp".into(), "afp".into(), 1)
        ]
    );
    assert_eq!(
        values(Dimension::Language),
        [
            ("en".into(), "en".into(), 3),
            ("fi-fi".into(), "fi-fi".into(), 1),
            ("fr".into(), "fr".into(), 1),
            ("und".into(), "unknown".into(), 1)
        ]
    );
}

/// Issue 17, item 2: any two letters passed as a country code, and historical states were
/// unknown.
#[test]
fn unknown_country_codes_are_errors_and_historical_states_resolve() {
    let s = searcher();
    for code in ["XX", "QQ", "ZZ", "EU"] {
        match s.search(&NewsQuery::new(format!("country:{code}"))) {
            Err(e @ Error::UnknownValue { .. }) => {
                assert!(e.is_user_error());
                assert!(e.to_string().contains("unknown country"), "{e}");
            }
            other => panic!("{code}: {other:?}"),
        }
    }
    // A code one letter from an indexed one is suggested with its name.
    let e = s
        .search(&NewsQuery::new("country:XL"))
        .map(|_| ())
        .unwrap_err();
    assert!(e.to_string().contains("ML (Mali)"), "{e}");
    let r = s
        .search(&NewsQuery::new("").filter(Dimension::Country, "Soviet Union"))
        .unwrap();
    assert_eq!(r.filters[Dimension::Country], ["RU"]);
    let r = s.search(&NewsQuery::new("country:England")).unwrap();
    assert_eq!(r.filters[Dimension::Country], ["GB"]);
    assert_eq!(r.total, 1);
}

/// Issue 17, item 3: under a country filter, the terminal listed the other countries first and
/// the selected one could be missing from the top values.
#[test]
fn selected_values_come_with_their_counts_even_outside_the_top() {
    let s = searcher();
    let r = s
        .search(
            &NewsQuery::new("")
                .filter(Dimension::Country, "NE")
                .facet_limit(1),
        )
        .unwrap();
    assert_eq!(r.facets[Dimension::Country].len(), 1);
    assert_eq!(r.facets[Dimension::Country][0].value, "ML");
    let selected = r.facets.selected(Dimension::Country);
    assert_eq!(
        selected,
        [FacetValue {
            value: "NE".into(),
            label: "Niger".into(),
            count: 1
        }]
    );
    assert!(r.facets.selected(Dimension::Actor).is_empty());
    // A source selected in lower case is labelled as the stories spell it, counted in any case.
    let r = s.search(&NewsQuery::new("source:afp oil")).unwrap();
    let selected = r.facets.selected(Dimension::Source);
    assert_eq!((selected[0].label.as_str(), selected[0].count), ("AFP", 2));
}

/// Issue 17, item 4: `--from 1987-06 --to 1987-03` gave 0 stories silently.
#[test]
fn reversed_date_bounds_are_an_error() {
    let s = searcher();
    let q = NewsQuery::new("oil")
        .from_date("1987-06")
        .unwrap()
        .to_date("1987-03")
        .unwrap();
    let e = s.search(&q).map(|_| ()).unwrap_err();
    assert!(matches!(e, Error::ReversedDates { .. }), "{e}");
    assert!(e.is_user_error());
    assert_eq!(
        e.to_string(),
        "the dates run backwards: from 1987-06-01 is after to 1987-03-31, so no story can match"
    );
    let e = s
        .search(&NewsQuery::new("date:2022 date:2021"))
        .map(|_| ())
        .unwrap_err();
    assert!(matches!(e, Error::ReversedDates { .. }), "{e}");
    assert!(s.top_docs(&q).is_err());
}

/// The fixture written in three commits (three segments, so every value of every segment is
/// read, not only the top ones), and the facets of searches that fill and then use the
/// searcher's term cache compared with counts read from the dictionaries directly.
#[test]
fn cached_facet_values_equal_the_dictionaries_over_several_segments() {
    use crate::collector::CountsCollector;
    let index = NewsIndex::create_in_ram().unwrap();
    let mut writer = index.writer_with_threads(1, 15_000_000).unwrap();
    for chunk in ROWS.chunks(ROWS.len().div_ceil(3)) {
        for row in chunk {
            writer
                .add_document(index.schema().to_document(&article(*row)))
                .unwrap();
        }
        writer.commit().unwrap();
    }
    let s = NewsSearcher::with_extractor(index, Extractor::new().unwrap()).unwrap();
    let tantivy_searcher = s.reader().searcher();
    assert!(tantivy_searcher.segment_readers().len() >= 2);
    for text in ["", "oil", "coup OR junta"] {
        let direct = tantivy_searcher
            .search(
                &*s.plan(&tantivy_searcher, &NewsQuery::new(text))
                    .unwrap()
                    .query(),
                &CountsCollector::new(facet_fields(), None),
            )
            .unwrap();
        for _ in 0..2 {
            let r = s.search(&NewsQuery::new(text).facet_limit(1000)).unwrap();
            for (dimension, counts) in Dimension::facets().zip(&direct.fields) {
                let mut expected: Vec<(String, u64)> =
                    counts.iter().map(|(v, n)| (v.clone(), *n)).collect();
                expected.sort();
                let mut got: Vec<(String, u64)> = r.facets[dimension]
                    .iter()
                    .map(|f| (f.value.clone(), f.count))
                    .collect();
                got.sort();
                assert_eq!(got, expected, "{text:?} {dimension:?}");
            }
        }
    }
}

/// Issue 16: the match-all view takes each segment's counts from the cache (counted once,
/// over the live stories) instead of story by story. Over three segments with a deleted
/// story, its facets, days and total equal a count story by story, search after search.
#[test]
fn the_cached_match_all_view_counts_what_a_pass_over_every_story_counts() {
    use crate::collector::CountsCollector;
    let index = NewsIndex::create_in_ram().unwrap();
    let mut writer = index.writer_with_threads(1, 15_000_000).unwrap();
    for chunk in ROWS.chunks(2) {
        for row in chunk {
            writer
                .add_document(index.schema().to_document(&article(*row)))
                .unwrap();
        }
        writer.commit().unwrap();
    }
    writer.delete_story("1");
    writer.commit().unwrap();
    let s = NewsSearcher::with_extractor(index, Extractor::new().unwrap()).unwrap();
    s.reader().reload().unwrap();
    let tantivy_searcher = s.reader().searcher();
    let all = s.plan(&tantivy_searcher, &NewsQuery::new("")).unwrap();
    assert!(all.matches_all());
    assert!(!s
        .plan(&tantivy_searcher, &NewsQuery::new("rates"))
        .unwrap()
        .matches_all());
    let each = || CountsCollector::new(facet_fields(), Some("date".into()));
    let direct = tantivy_searcher.search(&*all.query(), &each()).unwrap();
    assert_eq!(direct.total, 5);
    for _ in 0..2 {
        let cached = tantivy_searcher
            .search(
                &*all.query(),
                &each().cache(s.terms.clone()).every_story(true),
            )
            .unwrap();
        assert_eq!(cached.fields, direct.fields);
        assert_eq!(cached.per_day, direct.per_day);
        assert_eq!(
            (cached.undated, cached.total),
            (direct.undated, direct.total)
        );
    }
    let r = s.search(&NewsQuery::new("")).unwrap();
    assert_eq!(r.total, 5);
    let undated: u64 = r.histogram.undated;
    let dated: u64 = r.histogram.buckets.iter().map(|b| b.count).sum();
    assert_eq!(dated + undated, 5);
}

/// A segment none of whose stories has a date (tantivy still writes its date column, with
/// no values): its stories are undated whether they are counted story by story, from the
/// cached rows or from the cached match-all view.
#[test]
fn a_segment_without_dates_counts_its_stories_as_undated_every_way() {
    use crate::collector::CountsCollector;
    let index = NewsIndex::create_in_ram().unwrap();
    let mut writer = index.writer_with_threads(1, 15_000_000).unwrap();
    writer
        .add_document(index.schema().to_document(&article(ROWS[5])))
        .unwrap();
    writer.commit().unwrap();
    let s = NewsSearcher::with_extractor(index, Extractor::new().unwrap()).unwrap();
    s.reader().reload().unwrap();
    let searcher = s.reader().searcher();
    let oil = s.plan(&searcher, &NewsQuery::new("oil")).unwrap();
    let all = s.plan(&searcher, &NewsQuery::new("")).unwrap();
    let each = || CountsCollector::new(facet_fields(), Some("date".into()));
    let direct = searcher.search(&*oil.query(), &each()).unwrap();
    let rows = searcher
        .search(&*oil.query(), &each().cache(s.terms.clone()))
        .unwrap();
    let every = searcher
        .search(
            &*all.query(),
            &each().cache(s.terms.clone()).every_story(true),
        )
        .unwrap();
    for counts in [&direct, &rows, &every] {
        assert_eq!((counts.total, counts.undated), (1, 1));
        assert!(counts.per_day.is_empty());
    }
}

/// An index of `groups` groups of `size` copies each (story `g-c`, group `g-0`), every story
/// about oil, dated so that newer groups rank first by date (group `g` on day `g`, copy `c`
/// at minute `c`).
fn grouped(groups: usize, size: usize) -> NewsSearcher {
    NewsSearcher::open(grouped_index(groups, size)).unwrap()
}

/// The index of [`grouped`].
fn grouped_index(groups: usize, size: usize) -> NewsIndex {
    let index = NewsIndex::create_in_ram().unwrap();
    let mut writer = index.writer_with_threads(1, 15_000_000).unwrap();
    let schema = index.schema();
    for g in 0..groups {
        for c in 0..size {
            let story = Article {
                id: format!("{g}-{c}"),
                title: format!("Oil story {g}"),
                body: "Oil prices rose.".into(),
                date: Some(
                    Utc.with_ymd_and_hms(2021, 1, 1 + g as u32, 0, 0, 0)
                        .unwrap()
                        + chrono::Duration::minutes(c as i64),
                ),
                ..Article::default()
            };
            let mut doc = schema.to_document(&story);
            schema.add_group(&mut doc, &format!("{g}-0"), None, c == 0);
            writer.add_document(doc).unwrap();
        }
    }
    writer.commit().unwrap();
    index
}

#[test]
fn a_group_counts_its_live_stories_only() {
    let index = grouped_index(2, 3);
    let schema = index.schema();
    let mut writer = index.writer_with_threads(1, 15_000_000).unwrap();
    // A member of group 0 and the canonical story of group 1 are gone.
    for id in ["0-1", "1-0"] {
        writer.delete_term(tantivy::Term::from_field_text(schema.id, id));
    }
    writer.commit().unwrap();
    let searcher = NewsSearcher::open(index).unwrap();
    let query = NewsQuery::new("oil")
        .fragments(0)
        .duplicates(Duplicates::Show);
    let mut hits: Vec<(String, u64)> = searcher
        .search(&query)
        .unwrap()
        .hits
        .iter()
        .map(|h| (h.id.clone(), h.duplicates))
        .collect();
    hits.sort();
    let each_has_one_other = ["0-0", "0-2", "1-1", "1-2"].map(|id| (id.to_string(), 1));
    assert_eq!(hits, each_has_one_other);
}

/// Groups of 60 copies: the first search's 28 hits, newest first, hold one group and the
/// second round's 512 hits nine, so the page of ten takes a third round, and still shows each
/// group's first hit, the groups in order.
#[test]
fn a_collapsed_page_past_the_first_window_searches_again() {
    let searcher = grouped(12, 60);
    assert!(COLLAPSE_WINDOW.div_ceil(60) < 10);
    let page = searcher
        .search(&NewsQuery::new("oil").sort(Sort::Newest).fragments(0))
        .unwrap();
    assert_eq!(page.total, 720);
    let ids: Vec<&str> = page.hits.iter().map(|h| h.id.as_str()).collect();
    let newest_of_each: Vec<String> = (2..12).rev().map(|g| format!("{g}-59")).collect();
    assert_eq!(ids, newest_of_each);
}

#[test]
fn collapsed_pages_hold_one_hit_per_group_and_concatenate_to_every_group() {
    let searcher = grouped(7, 3);
    let query = NewsQuery::new("oil").sort(Sort::Newest).fragments(0);
    let shown = searcher
        .search(&query.clone().duplicates(Duplicates::Show))
        .unwrap();
    assert_eq!((shown.total, shown.hits.len()), (21, 10));
    assert!(shown.hits.iter().all(|h| h.duplicates == 2));
    let mut seen = Vec::new();
    for offset in [0, 3, 6] {
        let page = searcher
            .search(&query.clone().limit(3).offset(offset))
            .unwrap();
        assert_eq!(page.total, 21, "stories are counted");
        seen.extend(page.hits.iter().map(|h| (h.cluster.clone(), h.id.clone())));
    }
    // Newest first: each group's newest copy, the groups newest first.
    let expected: Vec<(String, String)> = (0..7)
        .rev()
        .map(|g| (format!("{g}-0"), format!("{g}-2")))
        .collect();
    assert_eq!(seen, expected);
    let groups = searcher.search(&query.count(CountMode::Groups)).unwrap();
    assert_eq!(groups.total, 7);
    assert_eq!(
        groups
            .histogram
            .buckets
            .iter()
            .map(|b| b.count)
            .sum::<u64>(),
        7
    );
}

#[test]
fn a_date_clause_scores_the_same_in_every_segment() {
    // Two segments: in the first every story is in the range (tantivy then reads the range
    // as "all documents" there), in the second one is not.
    let index = NewsIndex::create_in_ram().unwrap();
    let schema = index.schema();
    let mut writer = index.writer_with_threads(1, 15_000_000).unwrap();
    let dated = |id: &str, year: i32| Article {
        id: id.into(),
        title: "Oil output".into(),
        body: "Oil output fell.".into(),
        date: Some(Utc.with_ymd_and_hms(year, 3, 1, 0, 0, 0).unwrap()),
        ..Article::default()
    };
    for batch in [[("a", 2023), ("b", 2023)], [("c", 2023), ("d", 2010)]] {
        for (id, year) in batch {
            writer
                .add_document(schema.to_document(&dated(id, year)))
                .unwrap();
        }
        writer.commit().unwrap();
    }
    assert!(index.index().searchable_segment_ids().unwrap().len() >= 2);
    let searcher = NewsSearcher::open(index).unwrap();
    let response = searcher
        .search(&NewsQuery::new("oil date:>=2022").fragments(0))
        .unwrap();
    let scores: Vec<(String, f32)> = response
        .hits
        .iter()
        .map(|h| (h.id.clone(), h.score))
        .collect();
    assert_eq!(scores.len(), 3, "{scores:?}");
    assert!(
        scores.iter().all(|(_, s)| (s - scores[0].1).abs() < 1e-4),
        "the same story scores differently by segment: {scores:?}"
    );
}

#[test]
fn a_filter_keeps_the_scores_and_order_of_the_stories_it_keeps() {
    let s = searcher();
    let scores = |q: NewsQuery| -> Vec<(String, f32)> {
        s.search(&q.fragments(0))
            .unwrap()
            .hits
            .iter()
            .map(|h| (h.id.clone(), h.score))
            .collect()
    };
    let all = scores(NewsQuery::new("interest rates"));
    let mali = scores(NewsQuery::new("interest rates").filter(Dimension::Country, "ML"));
    assert!(
        !mali.is_empty() && mali.len() < all.len(),
        "{all:?} {mali:?}"
    );
    for (id, score) in &mali {
        let before = all.iter().find(|(a, _)| a == id).map(|(_, s)| *s);
        assert_eq!(before, Some(*score), "{id}: {all:?} {mali:?}");
    }
}
