//! Searches over stories in several languages: each story's language field stemmed in its
//! language, `lang:` restricting, accents folded, English stories ranked as before.

use super::*;
use newsidx_core::Article;

fn story(id: &str, title: &str, body: &str, lang: &str) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        body: body.into(),
        language: (!lang.is_empty()).then(|| lang.into()),
        ..Article::default()
    }
}

fn searcher(stories: &[Article]) -> NewsSearcher {
    let index = NewsIndex::create_in_ram().unwrap();
    let mut writer = index.writer_with_threads(1, 15_000_000).unwrap();
    for a in stories {
        writer.add_document(index.schema().to_document(a)).unwrap();
    }
    writer.commit().unwrap();
    NewsSearcher::with_extractor(index, Extractor::new().unwrap()).unwrap()
}

fn ids(s: &NewsSearcher, q: &str) -> Vec<String> {
    super::tests::ids(s, NewsQuery::new(q))
}

fn stories() -> Vec<Article> {
    vec![
        story(
            "de",
            "Regierung in Berlin",
            "Die Regierung tagte am Montag.",
            "de",
        ),
        story(
            "fr",
            "Les élections",
            "Les élections auront lieu au Café de Flore.",
            "fr",
        ),
        story(
            "en",
            "Government in London",
            "The governments met on Monday.",
            "en",
        ),
        story("und", "Elections", "Elections were held.", ""),
    ]
}

#[test]
fn a_word_is_analysed_in_each_language_searched() {
    let s = searcher(&stories());
    // German plural stem finds the German singular; French singular the French plural.
    assert_eq!(ids(&s, "Regierungen"), ["de"]);
    // Folded, `élection` also finds the English "Elections", below the French story.
    assert_eq!(ranked(&s, "élection"), ["fr", "und"]);
    assert_eq!(ids(&s, "\"les élection\""), ["fr"]);
}

#[test]
fn lang_restricts_the_stories_and_the_fields_searched() {
    let s = searcher(&stories());
    assert_eq!(ids(&s, "élection lang:fr"), ["fr"]);
    assert_eq!(ids(&s, "élection lang:en"), Vec::<String>::new());
}

#[test]
fn accents_are_folded_in_other_languages() {
    let s = searcher(&stories());
    assert_eq!(ranked(&s, "cafe"), ["fr"]);
    assert_eq!(ids(&s, "elections"), ["fr", "und"]);
}

#[test]
fn an_index_without_other_languages_explains_and_scores_as_before() {
    let english: Vec<Article> = stories()
        .into_iter()
        .filter(|a| a.id == "en" || a.id == "und")
        .collect();
    let only = searcher(&english);
    let all = searcher(&stories());
    let explained = only.explain(&NewsQuery::new("elections")).unwrap();
    assert!(!explained.engine.contains("text_"), "{}", explained.engine);
    let explained = all.explain(&NewsQuery::new("elections")).unwrap();
    assert!(
        explained.engine.contains("text_fr:elect"),
        "{}",
        explained.engine
    );
}

#[test]
fn a_story_in_a_stemmed_language_fills_its_field_only() {
    let index = NewsIndex::create_in_ram().unwrap();
    let schema = index.schema();
    let doc = schema.to_document(&stories()[0]);
    let de = schema.language_field("de-AT").unwrap();
    assert_eq!(doc.get_all(de).count(), 2);
    assert!(schema.language_field("en").is_none());
    assert_eq!(schema.language_field("nb"), schema.language_field("no"));
}

#[test]
fn words_matched_in_a_story_s_language_are_highlighted() {
    let s = searcher(&stories());
    let marked = |q: &str| -> Vec<String> {
        let r = s.search(&NewsQuery::new(q)).unwrap();
        let hit = &r.hits[0];
        hit.highlights
            .iter()
            .map(|&[a, b]| hit.snippet[a..b].to_string())
            .collect()
    };
    // "Regierungen" matched the German story through its German field only: the singular
    // in its text is marked, as "élection" marks "élections" and "cafe" marks "Café".
    assert_eq!(marked("Regierungen"), ["Regierung"]);
    assert_eq!(marked("élection"), ["élections"]);
    assert_eq!(marked("cafe"), ["Café"]);
    // An English story is marked as before.
    assert_eq!(marked("governments lang:en"), ["governments"]);
}

/// The ids of the hits, best first.
fn ranked(s: &NewsSearcher, q: &str) -> Vec<String> {
    let hits = s.search(&NewsQuery::new(q)).unwrap().hits;
    hits.into_iter().map(|h| h.id).collect()
}

fn english_accents() -> Vec<Article> {
    vec![
        story(
            "accented",
            "Bayern win",
            "Thomas Müller scored twice at the stadium café.",
            "en",
        ),
        story(
            "plain",
            "Rents protest",
            "Cafe owner Anna Muller said rents doubled.",
            "en",
        ),
        story("other", "Oil prices", "Oil prices rose on Monday.", "en"),
    ]
}

#[test]
fn accents_are_folded_in_english_stories_and_exact_spellings_rank_first() {
    let s = searcher(&english_accents());
    // Both spellings found either way; the one written ranks first.
    assert_eq!(ranked(&s, "Muller"), ["plain", "accented"]);
    assert_eq!(ranked(&s, "Müller"), ["accented", "plain"]);
    assert_eq!(ranked(&s, "cafe"), ["plain", "accented"]);
    assert_eq!(ranked(&s, "café"), ["accented", "plain"]);
    // Phrases too, and the words of other spellings are highlighted.
    assert_eq!(ids(&s, "\"thomas muller\""), ["accented"]);
    let hit = s
        .search(&NewsQuery::new("muller"))
        .unwrap()
        .hits
        .into_iter()
        .find(|h| h.id == "accented")
        .unwrap();
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|&[a, b]| &hit.snippet[a..b])
        .collect();
    assert_eq!(marked, ["Müller"]);
    // A word without accents anywhere searches as before.
    assert_eq!(ids(&s, "oil"), ["other"]);
}
