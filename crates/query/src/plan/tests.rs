//! The planner over a small in-RAM index: prefix expansion and its cap, fuzzy matches, the
//! fields without positions, boosts and the `--explain` text.

use newsidx_core::{Article, NewsIndex};

use crate::{Error, NewsQuery, NewsSearcher};

fn searcher(stories: &[(&str, &str, &str, &str)]) -> NewsSearcher {
    let index = NewsIndex::create_in_ram().unwrap();
    let mut writer = index.writer_with_threads(1, 15_000_000).unwrap();
    for (id, title, body, dateline) in stories {
        let story = Article {
            id: id.to_string(),
            title: title.to_string(),
            body: body.to_string(),
            dateline: Some(dateline.to_string()),
            byline: Some("By Jane Smith".into()),
            ..Article::default()
        };
        writer
            .add_document(index.schema().to_document(&story))
            .unwrap();
    }
    writer.commit().unwrap();
    NewsSearcher::open(index).unwrap()
}

fn stories() -> NewsSearcher {
    searcher(&[
        (
            "1",
            "Petrol prices",
            "Petroleum exports rose.",
            "LAGOS, May 2",
        ),
        (
            "2",
            "Bundesbank holds rates",
            "The Bundesbank said.",
            "FRANKFURT, May 3",
        ),
        (
            "3",
            "Bank rates",
            "Petrochemical plant opens.",
            "TOKYO, May 4",
        ),
    ])
}

fn total(s: &NewsSearcher, q: &str) -> u64 {
    s.search(&NewsQuery::new(q).limit(0))
        .unwrap_or_else(|e| panic!("{q}: {e}"))
        .total
}

#[test]
fn prefixes_fuzzy_words_and_aliases_select_the_right_stories() {
    let s = stories();
    for (q, want) in [
        ("petrol*", 1),
        ("Petro*", 2),
        ("headline:petrol*", 1),
        ("bundesbnk~1", 1),
        ("bundesbnk~0", 0),
        // A transposition is one edit.
        ("bundesbnak~1", 1),
        ("bnudesbank~1", 1),
        ("dateline:tokyo", 1),
        ("byline:smith", 3),
        ("text:petroleum NOT headline:petrol", 0),
        ("rates NOT bundesbank", 1),
        ("rates || petrol", 3),
        ("petrol*^2 OR bank", 2),
        ("zzz*", 0),
        ("-zzz*", 3),
    ] {
        assert_eq!(total(&s, q), want, "{q}");
    }
}

#[test]
fn a_prefix_past_the_expansion_cap_is_an_error_naming_it() {
    let body: Vec<String> = (0..=crate::MAX_EXPANSIONS)
        .map(|i| format!("w{i:04}"))
        .collect();
    let s = searcher(&[("1", "t", &body.join(" "), "")]);
    let e = s.search(&NewsQuery::new("w*")).unwrap_err();
    assert!(e.is_user_error());
    assert!(
        matches!(e, Error::TooManyTerms { ref field, .. } if field == "body"),
        "{e}"
    );
    assert!(e.to_string().contains("more than 1024 terms"), "{e}");
    // A longer prefix is within the cap.
    assert_eq!(total(&s, "w000*"), 1);
}

#[test]
fn phrases_and_bad_prefixes_in_fields_without_positions_are_errors() {
    let s = stories();
    for (q, column, expected) in [
        ("dateline:\"new york\"", 10, "one word after dateline:"),
        ("x byline:Jane.Smith", 10, "one word after byline:"),
        ("al-qa*", 1, "a prefix of letters and digits"),
        ("\"oil gas\" U.S.~1", 11, "one word before '~'"),
    ] {
        let e = s.search(&NewsQuery::new(q)).unwrap_err();
        let Error::Syntax { error, .. } = &e else {
            panic!("{q}: {e}")
        };
        assert_eq!(error.column, column, "{q}: {e}");
        assert!(error.expected.contains(expected), "{q}: {e}");
    }
}

#[test]
fn explain_shows_the_analysed_fields_expansions_and_filters() {
    let s = stories();
    let x = s
        .explain(&NewsQuery::new(
            "headline:Petrol* bundesbnk~1 -\"bank rates\"~1 date:2021",
        ))
        .unwrap();
    assert_eq!(
        x.parsed_query,
        "title:Petrol* AND bundesbnk~1 AND NOT \"bank rates\"~1 AND date:[2021-01-01T00:00:00Z TO 2021-12-31T23:59:59Z]"
    );
    assert_eq!(
        x.engine,
        "+(+title:petrol*[petrol] \
         +(title:bundesbnk~1^3 standfirst:bundesbnk~1^1.5 body:bundesbnk~1) \
         -(title:\"bank rate\"~1^3 standfirst:\"bank rate\"~1^1.5 body:\"bank rate\"~1)) \
         #date:[2021-01-01T00:00:00Z TO 2021-12-31T23:59:59Z]"
    );
}

#[test]
fn expanded_prefix_terms_are_highlighted() {
    let s = stories();
    let response = s.search(&NewsQuery::new("petro*")).unwrap();
    let marked: Vec<String> = response
        .hits
        .iter()
        .flat_map(|h| {
            h.highlights
                .iter()
                .map(|[a, b]| h.snippet[*a..*b].to_lowercase())
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(marked.contains(&"petroleum".to_string()), "{marked:?}");
    assert!(marked.contains(&"petrochemical".to_string()), "{marked:?}");
}
