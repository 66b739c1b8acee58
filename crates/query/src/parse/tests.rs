use super::*;

fn word(text: &str, at: usize) -> Node {
    Node::Word {
        text: text.into(),
        field: None,
        at,
    }
}

fn err(q: &str) -> SyntaxError {
    parse(q).expect_err(q)
}

#[test]
fn words_are_anded_by_juxtaposition_and_and() {
    assert_eq!(
        parse("opec oil").unwrap(),
        Node::And(vec![word("opec", 0), word("oil", 5)])
    );
    assert_eq!(
        parse("opec AND oil").unwrap(),
        Node::And(vec![word("opec", 0), word("oil", 9)])
    );
    assert_eq!(parse("  ").unwrap(), Node::And(vec![]));
    // Lower-case "or" is a word.
    assert_eq!(
        parse("war or peace").unwrap(),
        Node::And(vec![word("war", 0), word("or", 4), word("peace", 7)])
    );
}

#[test]
fn or_binds_looser_than_and() {
    assert_eq!(
        parse("coup OR junta army").unwrap(),
        Node::Or(vec![
            word("coup", 0),
            Node::And(vec![word("junta", 8), word("army", 14)])
        ])
    );
}

#[test]
fn phrases_with_and_without_slop() {
    assert_eq!(
        parse("\"interest rates\"").unwrap(),
        Node::Phrase {
            text: "interest rates".into(),
            slop: 0,
            field: None,
            at: 0
        }
    );
    assert!(matches!(
        parse("\"interest rates\"~2").unwrap(),
        Node::Phrase { slop: 2, .. }
    ));
}

#[test]
fn exclusion_groups_and_field_prefixes() {
    assert_eq!(
        parse("-ukraine").unwrap(),
        Node::Not(Box::new(word("ukraine", 1)))
    );
    assert_eq!(
        parse("(coup OR junta) -\"west africa\"").unwrap(),
        Node::And(vec![
            Node::Or(vec![word("coup", 1), word("junta", 9)]),
            Node::Not(Box::new(Node::Phrase {
                text: "west africa".into(),
                slop: 0,
                field: None,
                at: 17
            }))
        ])
    );
    assert_eq!(
        parse("title:mali").unwrap(),
        Node::Word {
            text: "mali".into(),
            field: Some(TextField::Title),
            at: 6
        }
    );
    assert!(matches!(
        parse("body:\"gold mine\"").unwrap(),
        Node::Phrase {
            field: Some(TextField::Body),
            ..
        }
    ));
    let Node::Or(items) = parse("title:(coup OR junta)").unwrap() else {
        panic!()
    };
    assert!(items.iter().all(|n| matches!(
        n,
        Node::Word {
            field: Some(TextField::Title),
            ..
        }
    )));
    // A hyphen inside a word is part of it; a colon after digits is not a key.
    assert_eq!(parse("al-Qaeda").unwrap(), word("al-Qaeda", 0));
    assert_eq!(parse("10:30").unwrap(), word("10:30", 0));
}

#[test]
fn filters_of_every_kind() {
    for (q, dimension, value) in [
        ("country:ML", Dimension::Country, "ML"),
        ("Country:Malian", Dimension::Country, "Malian"),
        ("actor:\"Wagner Group\"", Dimension::Actor, "Wagner Group"),
        ("person:Lavrov", Dimension::Person, "Lavrov"),
        ("org:OPEC", Dimension::Organisation, "OPEC"),
        ("organisation:OPEC", Dimension::Organisation, "OPEC"),
        ("place:Bamako", Dimension::Place, "Bamako"),
        ("source:Reuters", Dimension::Source, "Reuters"),
        ("lang:en", Dimension::Language, "en"),
        ("language:en", Dimension::Language, "en"),
    ] {
        assert_eq!(
            parse(q).unwrap(),
            Node::Filter {
                dimension,
                value: value.into(),
                at: 0
            },
            "{q}"
        );
    }
}

#[test]
fn date_filters_cover_whole_periods_and_ranges() {
    let range = |q: &str| match parse(q).unwrap() {
        Node::Date { range, .. } => (
            range.from.map(|d| d.to_rfc3339()),
            range.to.map(|d| d.to_rfc3339()),
        ),
        other => panic!("{other:?}"),
    };
    let s = |t: &str| Some(t.to_string());
    assert_eq!(
        range("date:2021-09"),
        (
            s("2021-09-01T00:00:00+00:00"),
            s("2021-09-30T23:59:59+00:00")
        )
    );
    assert_eq!(
        range("date:2021-09-01..2021-09-30"),
        (
            s("2021-09-01T00:00:00+00:00"),
            s("2021-09-30T23:59:59+00:00")
        )
    );
    assert_eq!(range("date:>=2021"), (s("2021-01-01T00:00:00+00:00"), None));
    assert_eq!(range("date:>2021"), (s("2022-01-01T00:00:00+00:00"), None));
    assert_eq!(
        range("date:<=2020-02"),
        (None, s("2020-02-29T23:59:59+00:00"))
    );
    assert_eq!(range("date:<2021"), (None, s("2020-12-31T23:59:59+00:00")));
    assert_eq!(range("date:..2021"), (None, s("2021-12-31T23:59:59+00:00")));
    assert_eq!(range("date:2021.."), (s("2021-01-01T00:00:00+00:00"), None));
}

#[test]
fn errors_name_the_position_and_the_expectation() {
    let e = err("wagner (mali");
    assert_eq!((e.offset, e.column), (12, 13));
    assert!(
        e.expected.contains("')' to close the '(' at character 8"),
        "{e}"
    );
    assert_eq!(e.found, "end of query");

    let e = err("\"interest rates");
    assert_eq!(e.column, 16);
    assert!(e.expected.contains("'\"' to close the phrase"), "{e}");

    let e = err("mali )");
    assert_eq!(e.column, 6);
    assert!(e.expected.contains("closes nothing"), "{e}");

    let e = err("coup OR");
    assert_eq!(e.column, 8);
    assert!(e.expected.ends_with("after OR"), "{e}");

    let e = err("OR coup");
    assert_eq!(e.column, 1);
    assert!(e.expected.starts_with("a word"), "{e}");

    let e = err("mali -");
    assert_eq!(e.column, 7);
    assert!(e.expected.ends_with("after '-'"), "{e}");

    let e = err("mali ()");
    assert_eq!(e.column, 7);
    assert!(e.expected.ends_with("inside '()'"), "{e}");

    let e = err("\"a b\"~x");
    assert_eq!(e.column, 7);
    assert!(e.expected.contains("number"), "{e}");

    let e = err("mali country:");
    assert_eq!(e.column, 14);
    assert!(e.expected.contains("a value after 'country:'"), "{e}");

    let e = err("mali contry:ML");
    assert_eq!(e.column, 6);
    assert!(e.expected.contains("country:"), "{e}");
    assert_eq!(e.found, "\"contry:ML\"");
    assert_eq!(
        e.expected,
        "title:, body:, country:, mentioned:, actor:, person:, org:, place:, source:, lang: or date:"
    );

    let e = err("oil date:2021-13");
    assert_eq!(e.column, 10);
    assert!(e.expected.contains("a date"), "{e}");

    let e = err("oil AND");
    assert!(e.expected.ends_with("after AND"), "{e}");

    let e = err("\"\"");
    assert_eq!(e.found, "an empty phrase");
}

#[test]
fn positions_count_characters_not_bytes() {
    let e = err("Côte d'Ivoire (");
    assert_eq!(e.offset, 16);
    assert_eq!(e.column, 16);
    let shown = caret("Côte d'Ivoire (", &e);
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines[1].find('^'), Some(2 + 15), "{shown}");
}

// Issue 11: the Lucene / Elasticsearch idioms, precedence, errors and limits.

fn normalised(q: &str) -> String {
    parse(q).unwrap_or_else(|e| panic!("{q}: {e}")).to_string()
}

#[test]
fn not_and_not_and_symbols_are_operators_not_words() {
    // `wheat AND NOT corn` was read as three words, "not" among them.
    for q in [
        "wheat AND NOT corn",
        "wheat NOT corn",
        "wheat -corn",
        "wheat !corn",
        "wheat && !corn",
        "+wheat -corn",
        "NOT corn wheat",
    ] {
        let node = parse(q).unwrap();
        let Node::And(items) = &node else {
            panic!("{q}: {node:?}")
        };
        assert_eq!(items.len(), 2, "{q}");
        assert!(
            items
                .iter()
                .any(|n| matches!(n, Node::Not(inner) if **inner == word("corn", inner_at(inner)))),
            "{q}: {node:?}"
        );
    }
    // `wheat || barley` was read as two words that must both match.
    assert_eq!(normalised("wheat || barley"), "wheat OR barley");
    assert_eq!(normalised("wheat||barley"), "wheat OR barley");
    assert_eq!(normalised("wheat&&barley"), "wheat AND barley");
    // Lower case stays words; AT&T keeps its single ampersand.
    assert_eq!(
        normalised("war and not peace"),
        "war AND and AND not AND peace"
    );
    assert_eq!(normalised("AT&T"), "AT\\&T");
}

fn inner_at(node: &Node) -> usize {
    match node {
        Node::Word { at, .. } => *at,
        _ => usize::MAX,
    }
}

#[test]
fn precedence_is_not_then_and_then_or() {
    assert_eq!(normalised("a OR b AND c"), "a OR (b AND c)");
    assert_eq!(normalised("a AND b OR c"), "(a AND b) OR c");
    assert_eq!(normalised("NOT a AND b"), "NOT a AND b");
    assert_eq!(normalised("NOT a OR b"), "NOT a OR b");
    assert_eq!(normalised("a OR NOT b c"), "a OR (NOT b AND c)");
    assert_eq!(normalised("NOT (a OR b) c"), "NOT (a OR b) AND c");
    assert_eq!(normalised("NOT NOT a"), "NOT NOT a");
    assert_eq!(normalised("+a OR b"), "a OR b");
}

#[test]
fn prefix_fuzzy_boost_and_slop() {
    assert_eq!(
        parse("petrol*").unwrap(),
        Node::Prefix {
            text: "petrol".into(),
            field: None,
            at: 0
        }
    );
    assert_eq!(
        parse("title:bundesbnk~1").unwrap(),
        Node::Fuzzy {
            text: "bundesbnk".into(),
            distance: 1,
            field: Some(TextField::Title),
            at: 6
        }
    );
    // `~` alone is Lucene's default distance, 2.
    assert!(matches!(
        parse("opec~").unwrap(),
        Node::Fuzzy { distance: 2, .. }
    ));
    assert_eq!(normalised("oil^2 gas^0.5"), "oil^2 AND gas^0.5");
    assert_eq!(
        normalised("\"interest rates\"~3^2"),
        "\"interest rates\"~3^2"
    );
    assert_eq!(normalised("(oil OR gas)^2"), "(oil OR gas)^2");
    assert_eq!(normalised("title:(oil gas*)"), "title:oil AND title:gas*");
    assert_eq!(normalised("opec~1^3"), "opec~1^3");
}

#[test]
fn aliases_escapes_quotes_and_ranges() {
    assert_eq!(normalised("headline:cocoa"), "title:cocoa");
    assert_eq!(
        normalised("text:(cocoa OR coffee)"),
        "title:cocoa OR title:coffee".replace("title", "body")
    );
    assert_eq!(
        normalised("byline:smith dateline:tokyo"),
        "byline:smith AND dateline:tokyo"
    );
    // An escaped colon is part of the word, not a key; an escaped operator is a word.
    assert_eq!(parse("title\\:mali").unwrap(), word("title:mali", 0));
    assert_eq!(parse("\\AND").unwrap(), word("AND", 0));
    assert_eq!(parse("\\*").unwrap(), word("*", 0));
    assert_eq!(
        parse("\"say \\\"no\\\"\"").unwrap().to_string(),
        "\"say \\\"no\\\"\""
    );
    assert_eq!(normalised("actor:Wagner\\ Group"), "actor:\"Wagner Group\"");
    assert_eq!(
        normalised("date:[2021-01-01 TO 2021-06-30]"),
        "date:[2021-01-01T00:00:00Z TO 2021-06-30T23:59:59Z]"
    );
    assert_eq!(
        normalised("date:{2021-01-01 TO 2021-06-30}"),
        "date:[2021-01-02T00:00:00Z TO 2021-06-29T23:59:59Z]"
    );
    assert_eq!(
        normalised("date:[2021 TO *}"),
        "date:[2021-01-01T00:00:00Z TO *]"
    );
    // The range form and today's forms give the same range.
    assert_eq!(
        normalised("date:[2021-09 TO 2021-09]"),
        normalised("date:2021-09")
    );
}

#[test]
fn misplaced_operators_and_bad_suffixes_are_errors_with_positions() {
    for (q, column, expected) in [
        ("wheat AND", 10, "after AND"),
        ("wheat &&", 9, "after &&"),
        ("wheat ||", 9, "after ||"),
        ("NOT", 4, "after NOT"),
        ("wheat NOT", 10, "after NOT"),
        ("wheat AND OR barley", 11, "after AND"),
        ("wheat OR AND barley", 10, "after OR"),
        ("wheat NOT OR barley", 11, "after NOT"),
        ("&& wheat", 1, "a word"),
        ("wheat !", 8, "after '!'"),
        ("wheat + corn", 8, "after '+'"),
        ("*", 1, "a word before '*'"),
        ("wheat *", 7, "a word before '*'"),
        ("pe*trol", 3, "only at the end"),
        ("*petrol", 1, "only at the end"),
        ("petrol*~1", 8, "no '~' after a prefix"),
        ("opec~3", 6, "edit distance of 0, 1 or 2"),
        ("opec~1.5", 7, "whitespace or ')' after the edit distance"),
        ("oil^", 5, "a number (the boost"),
        ("oil^x", 5, "a number (the boost"),
        ("oil^2x", 6, "whitespace or ')' after the boost"),
        ("oil\\", 4, "a character after '\\'"),
        ("\"oil", 5, "'\"' to close the phrase opened at character 1"),
        (
            "date:[2021 TO 2022",
            19,
            "']' or '}' to close the range opened at character 6",
        ),
        ("date:[2021 2022]", 7, "a range such as"),
        ("date:[2021 to 2022]", 12, "TO between"),
        ("date:[2021 TO 20x]", 15, "a date"),
        ("title:[a TO b]", 7, "ranges are for date: only"),
        ("country:{a TO b}", 9, "ranges are for date: only"),
        ("country:M*", 10, "a whole value"),
        ("country:ML~1", 11, "no '~' after a filter value"),
        ("(wheat", 7, "')' to close the '(' at character 1"),
        ("wheat)", 6, "closes nothing"),
        ("headlne:oil", 1, "title:, body:"),
    ] {
        let e = err(q);
        assert_eq!(e.column, column, "{q}: {e}");
        assert!(
            e.expected.contains(expected) || e.to_string().contains(expected),
            "{q}: {e}"
        );
        assert!(e.offset <= q.len(), "{q}");
    }
}

#[test]
fn unknown_keys_suggest_the_closest() {
    let e = err("contry:ML");
    assert_eq!(e.hint.as_deref(), Some("did you mean country:?"));
    assert!(e.to_string().ends_with("; did you mean country:?"), "{e}");
    assert_eq!(
        err("headlne:oil").hint.as_deref(),
        Some("did you mean headline:?")
    );
    assert_eq!(
        err("zzzzzz:oil").hint.as_deref(),
        Some("other keys: headline:, text:, byline:, dateline:")
    );
}

#[test]
fn depth_and_length_caps_are_errors_not_stack_overflows() {
    // 100,000 nested brackets: the length cap answers first...
    let deep = "(".repeat(100_000);
    let e = err(&deep);
    assert!(e.expected.contains("at most 32768 bytes"), "{e}");
    assert_eq!(e.offset, MAX_QUERY_BYTES);
    // ...and without it, the depth cap, checked before each level.
    let unlimited = Limits {
        max_len: usize::MAX,
        max_depth: MAX_DEPTH,
    };
    for q in [
        "(".repeat(100_000),
        format!("{}a{}", "(".repeat(100_000), ")".repeat(100_000)),
        "NOT ".repeat(100_000) + "a",
        "-(".repeat(100_000) + "a",
        "title:(".repeat(100_000),
    ] {
        let e = parse_with(&q, unlimited).expect_err("too deep");
        assert!(e.expected.contains("at most 64 nested"), "{e}");
    }
    // At the cap exactly it parses.
    let ok = format!("{}a{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
    assert_eq!(parse(&ok).unwrap(), word("a", MAX_DEPTH));
    let e = parse(&format!(
        "{}a{}",
        "(".repeat(MAX_DEPTH + 1),
        ")".repeat(MAX_DEPTH + 1)
    ))
    .unwrap_err();
    assert_eq!(e.column, MAX_DEPTH + 1);
}

/// A small deterministic generator (64-bit LCG), so that failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// The same entry point as the cargo-fuzz target (`fuzz/fuzz_targets/query.rs`), over many
/// generated strings of the language's pieces: no panic, every error position inside the
/// query and on a character boundary, with the right column; and every query that parses
/// writes back to a normalised query that parses to the same normalised form.
#[test]
fn random_queries_never_panic_and_errors_point_inside_the_query() {
    const PIECES: &[&str] = &[
        " ",
        " ",
        " ",
        "(",
        ")",
        "\"",
        "\\",
        "*",
        "~",
        "~1",
        "~3",
        "^",
        "^2",
        "^0.5",
        ":",
        "-",
        "+",
        "!",
        "&&",
        "||",
        "&",
        "|",
        "AND",
        "OR",
        "NOT",
        "TO",
        "and",
        "[",
        "]",
        "{",
        "}",
        "title:",
        "headline:",
        "byline:",
        "date:",
        "country:",
        "contry:",
        "oil",
        "gas",
        "Mali",
        "2021",
        "2021-09",
        "..",
        ">=",
        "é",
        "ж",
        "日本",
        "\t",
        "\n",
        "U.S.",
        "10:30",
        "petrol*",
    ];
    let mut rng = Lcg(11);
    let mut parsed = 0;
    for _ in 0..20_000 {
        let n = 1 + rng.below(12);
        let q: String = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        match parse(&q) {
            Ok(node) => {
                parsed += 1;
                let once = node.to_string();
                let again = parse(&once)
                    .unwrap_or_else(|e| panic!("{q:?} -> {once:?} does not parse: {e}"));
                assert_eq!(again.to_string(), once, "{q:?}");
            }
            Err(e) => {
                assert!(e.offset <= q.len(), "{q:?}: {e:?}");
                assert!(q.is_char_boundary(e.offset), "{q:?}: {e:?}");
                assert_eq!(e.column, q[..e.offset].chars().count() + 1, "{q:?}");
                let _ = caret(&q, &e);
            }
        }
    }
    // The generator is not all errors: both branches are exercised.
    assert!(parsed > 2_000, "{parsed} parsed");
}
