//! # Score entity extraction on a CoNLL-format file
//!
//! We will:
//! - read a CoNLL-2003 file (e.g. `../shared/ner/conll2003/dev.txt`) and rebuild each story's
//!   text: tokens joined by spaces, sentences by newlines;
//! - run (a) the tagger alone (`Tagger::tag`, its own tokenizer over the rebuilt text) and
//!   (b) the gazetteer extractor (`Extractor::extract_plain`, person -> PER,
//!   organisation -> ORG, location -> LOC, nationality -> MISC) with the tagger off, and
//!   (c) the same with the tagger (the default `Extractor`);
//! - print exact-span precision, recall and F1 per type and overall (PER, ORG, LOC; MISC apart).
//!
//! Run: `cargo run --release -p newsidx-extract --example conll_eval -- FILE [--model WEIGHTS]`
//! Anything mapping text to typed byte spans can be scored the same way with
//! `tagger::conll::evaluate`.

use newsidx_extract::tagger::conll::{evaluate, mention_spans, read_conll};
use newsidx_extract::tagger::{Model, Tagger};
use newsidx_extract::Extractor;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let file = args
        .first()
        .ok_or("usage: conll_eval FILE [--model WEIGHTS]")?;
    let tagger = match args.iter().position(|a| a == "--model") {
        Some(i) => {
            let path = args.get(i + 1).ok_or("--model needs a file")?;
            let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
            Tagger::from_model(Model::from_bytes(bytes)?)
        }
        None => Tagger::embedded(),
    };
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let docs = read_conll(file, &text)?;
    println!("{file}: {} stories", docs.len());

    let tagged = evaluate(&docs, |text| {
        tagger
            .tag(text)
            .iter()
            .map(|s| (s.start, s.end, s.kind))
            .collect()
    });
    println!("\n(a) tagger alone\n{tagged}");

    let extractor = Extractor::builder().tagger(false).build()?;
    let gazetteer = evaluate(&docs, |text| {
        mention_spans(&extractor.extract_plain(text).mentions)
    });
    println!("(b) gazetteer extractor\n{gazetteer}");

    let integrated = Extractor::new()?;
    let both = evaluate(&docs, |text| {
        mention_spans(&integrated.extract_plain(text).mentions)
    });
    println!("(c) extractor with the tagger\n{both}");

    assert!(
        tagged.overall().tp + tagged.overall().fn_ > 0,
        "no gold entities in {file}"
    );
    Ok(())
}
