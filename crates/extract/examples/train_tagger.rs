//! # Train the entity tagger on CoNLL-2003
//!
//! We will:
//! - read `train.txt` and `dev.txt` of a CoNLL-2003 folder (`../shared/ner/conll2003`);
//! - run the gazetteer extractor over each rebuilt story for the gazetteer features;
//! - report how many gold entity tokens fall outside the candidate regions;
//! - train the averaged perceptron (seeded: the same command writes the same bytes),
//!   printing the dev (testa) F1 after each epoch; dev is only reported, never trained on;
//! - write the weights to `crates/extract/data/tagger.bin` (or `--out FILE`).
//!
//! Run: `cargo run --release -p newsidx-extract --example train_tagger -- ../shared/ner/conll2003`
//! Options: `--out FILE`, `--epochs N`, `--bits N`, `--width 1|2`, `--without GROUP,...`
//! (groups: shape, affix, neighbours, caps, gaz, story) for ablations.

use std::path::PathBuf;

use newsidx_extract::tagger::conll::{evaluate_tokens, read_conll, ConllDoc};
use newsidx_extract::tagger::train::{instances, train, TrainOptions};
use newsidx_extract::tagger::{FeatureSet, Tagger};
use newsidx_extract::Extractor;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .ok_or("usage: train_tagger CONLL_DIR [options]")?,
    );
    let mut out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/tagger.bin");
    let mut opts = TrainOptions::default();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--out" => out = PathBuf::from(value),
            "--epochs" => opts.epochs = value.parse()?,
            "--bits" => opts.bits = value.parse()?,
            "--width" => opts.width = value.parse()?,
            "--without" => {
                for g in value.split(',') {
                    opts.features.0 &= !match g {
                        "shape" => FeatureSet::SHAPE,
                        "affix" => FeatureSet::AFFIX,
                        "neighbours" => FeatureSet::NEIGHBOURS,
                        "caps" => FeatureSet::CAPS,
                        "gaz" => FeatureSet::GAZ,
                        "story" => FeatureSet::STORY,
                        _ => return Err(format!("unknown feature group {g}").into()),
                    };
                }
            }
            _ => return Err(format!("unknown option {flag}").into()),
        }
    }
    let read = |name: &str| -> Result<Vec<ConllDoc>> {
        let path = dir.join(name);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(read_conll(&path.display().to_string(), &text)?)
    };
    let (train_docs, dev_docs) = (read("train.txt")?, read("dev.txt")?);
    let extractor = Extractor::new()?;
    let gaz = |docs: &[ConllDoc]| -> Vec<Vec<Vec<u8>>> {
        if !opts.features.has(FeatureSet::GAZ) {
            return Vec::new();
        }
        docs.iter().map(|d| d.gazetteer_tags(&extractor)).collect()
    };
    let (train_gaz, dev_gaz) = (gaz(&train_docs), gaz(&dev_docs));
    let (data, cov) = instances(&train_docs, &train_gaz, opts.features, opts.bits);
    println!(
        "train: {} stories, {} regions; {} of {} tokens in regions; {} of {} gold entity tokens outside ({:.2}%)",
        train_docs.len(), data.len(), cov.in_regions, cov.tokens, cov.entity_tokens_outside,
        cov.entity_tokens, 100.0 * cov.entity_tokens_outside as f64 / cov.entity_tokens as f64
    );
    let model =
        train(&data, &opts, |epoch, model| {
            let s = evaluate_tokens(&dev_docs, &dev_gaz, &Tagger::from_model(model.clone()));
            let f1 = |t: usize| s.per_type[t].prf().2;
            println!(
            "epoch {epoch:>2}: dev F1 overall {:.4} (PER {:.4} ORG {:.4} LOC {:.4}; MISC {:.4})",
            s.overall().prf().2, f1(0), f1(1), f1(2), f1(3)
        );
        });
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("wrote {} ({} bytes)", out.display(), bytes.len());
    assert!(bytes.len() < 10 << 20);
    Ok(())
}
