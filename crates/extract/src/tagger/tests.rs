use super::*;

#[test]
fn embedded_model_tags_a_news_sentence() {
    let tagger = Tagger::embedded();
    let text = "Russian Foreign Minister Sergey Lavrov said on Monday that the Wagner Group \
                had not been sent by Moscow, according to the European Union.";
    let spans = tagger.tag(text);
    let found: Vec<(&str, EntityType)> = spans
        .iter()
        .map(|s| (&text[s.start..s.end], s.kind))
        .collect();
    assert!(
        found.contains(&("Sergey Lavrov", EntityType::Per)),
        "{found:?}"
    );
    assert!(
        found.contains(&("European Union", EntityType::Org)),
        "{found:?}"
    );
    assert!(found.contains(&("Moscow", EntityType::Loc)), "{found:?}");
    assert!(spans.iter().all(|s| (0.0..=1.0).contains(&s.confidence)));
}

#[test]
fn names_unknown_to_the_gazetteer_are_found() {
    let tagger = Tagger::embedded();
    let text = "Analysts at Kresby Holdings said Jorvald Pettersund would resign.";
    let found: Vec<(&str, EntityType)> = tagger
        .tag(text)
        .iter()
        .map(|s| (&text[s.start..s.end], s.kind))
        .collect();
    assert!(
        found.contains(&("Jorvald Pettersund", EntityType::Per)),
        "{found:?}"
    );
    assert!(
        found.contains(&("Kresby Holdings", EntityType::Org)),
        "{found:?}"
    );
}

#[test]
fn hostile_input_does_not_panic() {
    let tagger = Tagger::embedded();
    assert!(tagger.tag("").is_empty());
    let long = "x".repeat(1 << 20);
    assert!(tagger.tag(&long).is_empty());
    let caps = "OIL PRICES RISE IN NEW YORK AS OPEC MEETS ".repeat(20_000);
    assert!(!tagger.tag(&caps).is_empty());
    for text in [
        "\u{FFFD}\u{FFFD} É ŉ ǅ \u{200B}Ab \0 \u{10FFFF}.",
        "' 's 's . . .",
        "A",
        "-",
    ] {
        for s in tagger.tag(text) {
            assert!(
                s.start < s.end && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
            );
        }
    }
}

#[test]
fn gazetteer_tags_mark_begin_and_inside() {
    let m = |start, end, kind| Mention {
        start,
        end,
        surface: String::new(),
        kind,
        entity: String::new(),
        country: None,
        source: crate::MentionSource::Gazetteer,
        confidence: 1.0,
    };
    // "Sergey Lavrov in Mali"
    let tokens = [(0, 6), (7, 13), (14, 16), (17, 21)];
    let tags = gazetteer_tags(
        &tokens,
        &[
            m(0, 13, MentionKind::Person),
            m(17, 21, MentionKind::Location),
        ],
    );
    assert_eq!(tags, vec![1, 2, 0, 5]);
}
