//! The memoised analyzer gives the built-in `en_stem` terms, offsets and positions over every
//! story of the bundled corpus, read in one pass so that later stories hit the memo.

use std::path::Path;

use newsidx_core::analyzer::{stock_en_stem, text_analyzer};
use newsidx_core::tantivy::tokenizer::{TextAnalyzer, Token};

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
    let (mut stock, mut memo) = (stock_en_stem(), text_analyzer());
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
