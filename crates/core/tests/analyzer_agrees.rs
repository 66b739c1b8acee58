//! The memoised analyzer gives the built-in `en_stem` terms, offsets and positions: over
//! every story of the bundled corpus, read in one pass so that later stories hit the memo,
//! and over awkward words (case, Unicode, apostrophes, over-long tokens).

use std::path::Path;

use newsidx_core::analyzer::text_analyzer;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenizerManager};

/// tantivy's own `en_stem`, as its default tokenizer manager registers it.
fn built_in_en_stem() -> TextAnalyzer {
    TokenizerManager::default()
        .get("en_stem")
        .expect("tantivy registers en_stem by default")
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().clone());
    }
    out
}

#[test]
fn every_corpus_story_analyses_as_with_en_stem() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let (mut stock, mut memo) = (built_in_en_stem(), text_analyzer());
    let mut total = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let expected = tokens(&mut stock, &text);
        assert_eq!(tokens(&mut memo, &text), expected, "{}", path.display());
        total += expected.len();
    }
    assert!(
        files.len() >= 50 && total > 20_000,
        "{} files, {total} tokens",
        files.len()
    );
}

const AWKWARD: &str = "Generalization generalizations GENERALLY generally running runs \
    ran Runner's Müller MÜLLER Straße STRASSE İstanbul ΟΔΥΣΣΕΥΣ Σίσυφος naïve café \
    cafés 1987 1,987 U.S. don't O'Neill rebels' rebel's Wagner-linked \
    Antidisestablishmentarianismantidisestablishmentarianism x ab \
    communication communications communicating communicated";

#[test]
fn terms_and_offsets_equal_the_built_in_en_stem() {
    let text = format!("{AWKWARD}\n{AWKWARD}\n{}", AWKWARD.to_uppercase());
    let expected = tokens(&mut built_in_en_stem(), &text);
    let mut memo = text_analyzer();
    // Twice through the same analyzer: the second pass is served from the memo.
    assert_eq!(tokens(&mut memo, &text), expected);
    assert_eq!(tokens(&mut memo, &text), expected);
    assert!(expected.iter().any(|t| t.text == "general"));
    assert!(!expected.iter().any(|t| t.text.len() >= 40));
}

#[test]
fn a_clone_starts_with_an_empty_memo_and_agrees() {
    let mut analyzer = text_analyzer();
    let first = tokens(&mut analyzer, AWKWARD);
    let mut clone = analyzer.clone();
    assert_eq!(tokens(&mut clone, AWKWARD), first);
}
