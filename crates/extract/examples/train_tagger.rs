//! # Train the entity tagger on CoNLL-2003
//!
//! We will:
//! - read `train.txt` and `dev.txt` of a CoNLL-2003 folder (`../shared/ner/conll2003`);
//! - learn word clusters from unlabelled news: Reuters-21578 bodies and BBC News stories in
//!   `../shared/corpora` (or `--corpora DIR`), plus the training stories' text;
//! - run the gazetteer extractor over each rebuilt story for the gazetteer features;
//! - report how many gold entity tokens fall outside the candidate regions;
//! - train the averaged perceptron (seeded: the same command writes the same bytes),
//!   printing the dev (testa) F1 after each epoch; dev is only reported, never trained on;
//! - write the weights to `crates/extract/data/tagger.bin` (or `--out FILE`).
//!
//! Run: `cargo run --release -p newsidx-extract --example train_tagger -- ../shared/ner/conll2003`
//! Options: `--out FILE`, `--epochs N`, `--bits N`, `--width 1|2`, `--without GROUP,...`
//! (groups: shape, affix, neighbours, caps, gaz, story, clusters) for ablations.

use std::path::{Path, PathBuf};

use newsidx_extract::tagger::clusters::{ClusterOptions, Clusters};
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
    let mut corpora = dir.join("../../corpora");
    let mut opts = TrainOptions::default();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--out" => out = PathBuf::from(value),
            "--corpora" => corpora = PathBuf::from(value),
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
                        "clusters" => FeatureSet::CLUSTERS,
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
    let extractor = Extractor::builder().tagger(false).build()?;
    let gaz = |docs: &[ConllDoc]| -> Vec<Vec<Vec<u8>>> {
        if !opts.features.has(FeatureSet::GAZ) {
            return Vec::new();
        }
        docs.iter().map(|d| d.gazetteer_tags(&extractor)).collect()
    };
    let (train_gaz, dev_gaz) = (gaz(&train_docs), gaz(&dev_docs));
    let clusters = if opts.features.has(FeatureSet::CLUSTERS) {
        let mut texts = unlabelled(&corpora)?;
        texts.extend(train_docs.iter().map(|d| d.text().0));
        let c = Clusters::learn(texts.iter().map(String::as_str), &ClusterOptions::default());
        println!("clusters: {} words from {} texts", c.len(), texts.len());
        c
    } else {
        Clusters::empty()
    };
    let (data, cov) = instances(&train_docs, &train_gaz, &clusters, opts.features, opts.bits);
    println!(
        "train: {} stories, {} regions; {} of {} tokens in regions; {} of {} gold entity tokens outside ({:.2}%)",
        train_docs.len(), data.len(), cov.in_regions, cov.tokens, cov.entity_tokens_outside,
        cov.entity_tokens, 100.0 * cov.entity_tokens_outside as f64 / cov.entity_tokens as f64
    );
    let model =
        train(&data, &clusters, &opts, |epoch, model| {
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

/// Reuters-21578 bodies (bytes read as Latin-1) and BBC News stories under `dir`, in a fixed
/// order.
fn unlabelled(dir: &Path) -> Result<Vec<String>> {
    let mut texts = Vec::new();
    for i in 0..22 {
        let path = dir.join(format!("reuters21578/reut2-{i:03}.sgm"));
        let raw = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let sgml: String = raw.iter().map(|&b| b as char).collect();
        for body in sgml
            .split("<BODY>")
            .skip(1)
            .filter_map(|d| d.split("</BODY>").next())
        {
            texts.push(
                body.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"),
            );
        }
    }
    for topic in ["business", "entertainment", "politics", "sport", "tech"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("bbc").join(topic))?
            .map(|e| e.map(|e| e.path()))
            .collect::<std::io::Result<_>>()?;
        files.sort();
        for f in files {
            texts.push(String::from_utf8_lossy(&std::fs::read(&f)?).into_owned());
        }
    }
    Ok(texts)
}
