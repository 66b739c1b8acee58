//! # Train the "about" model on Reuters-21578
//!
//! We will:
//! - read the Reuters-21578 stories with a BODY and PLACES (`common/reuters.rs`), and keep the
//!   training half (odd NEWID; even NEWIDs are held out for `reuters_eval`);
//! - run the extractor on each story twice, as written and without its dateline (most news
//!   outside Reuters has none), and take, for every country with evidence, its
//!   [`AboutFeatures`] and whether the editors tagged the country (the label);
//! - fit L2-regularised logistic regression by full-batch gradient descent from zero weights
//!   (deterministic: no random numbers, a fixed number of steps);
//! - print precision, recall and F1 at 0.5 on the training and held-out halves, side by side
//!   (as written and undated), and the training half's trade-off at other thresholds;
//! - write the weights to `data/about-model.tsv` (or the path after `--out`).
//!
//! Run: `cargo run --release -p newsidx-extract --example train_about -- ../shared/corpora/reuters21578`
//! (then rebuild: the model is embedded).

use std::path::PathBuf;

use newsidx_extract::{AboutFeatures, AboutModel, Extractor, Result};

#[path = "common/reuters.rs"]
#[allow(dead_code)] // the PEOPLE tags and raw PLACES are for reuters_eval
mod reuters;

/// L2 penalty per training example (on the weights, not the bias).
const L2: f32 = 1e-3;
/// Gradient descent steps and step size.
const STEPS: usize = 3000;
const RATE: f32 = 0.5;

/// One country of one story: its model inputs and whether the editors tagged it.
struct Row {
    x: [f32; AboutFeatures::NAMES.len()],
    y: bool,
    held_out: bool,
    /// Read with its dateline dropped.
    undated: bool,
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(args.get(1).map_or("../shared/corpora/reuters21578", |s| s));
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1))
        .map_or_else(
            || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/about-model.tsv"),
            PathBuf::from,
        );
    let extractor = Extractor::new()?;
    let (stories, _) = reuters::stories(&dir)?;
    let mut rows = Vec::new();
    // Gold countries with no evidence at all, by [held out][undated]: no model finds them.
    let mut unreachable = [[0usize; 2]; 2];
    for s in &stories {
        // Each story twice: as written, and without its dateline, so that the model does not
        // read a missing dateline as evidence against every country (most news outside
        // Reuters has none).
        let undated = newsidx_extract::Article {
            dateline: None,
            ..s.article.clone()
        };
        for (article, undated) in [(&s.article, false), (&undated, true)] {
            let x = extractor.extract(article);
            for c in &x.countries {
                let y = s.gold.contains(&c.code);
                let held_out = s.held_out();
                rows.push(Row {
                    x: c.features.values(),
                    y,
                    held_out,
                    undated,
                });
            }
            let found = |g: &String| x.countries.iter().any(|c| &c.code == g);
            unreachable[usize::from(s.held_out())][usize::from(undated)] +=
                s.gold.iter().filter(|g| !found(g)).count();
        }
    }
    let train: Vec<&Row> = rows.iter().filter(|r| !r.held_out).collect();
    // Evaluated as written: weights rounded to 4 decimals.
    let model = AboutModel::parse(&fit(&train).to_tsv(""))?;
    let mut f1s = Vec::new();
    for (label, held, undated) in [
        ("training (odd NEWID)", false, false),
        ("held-out (even NEWID)", true, false),
        ("training, undated", false, true),
        ("held-out, undated", true, true),
    ] {
        let (p, r, f1) = scores(
            &model,
            rows.iter()
                .filter(|r| r.held_out == held && r.undated == undated),
            0.5,
            unreachable[usize::from(held)][usize::from(undated)],
        );
        println!("{label:<22} P {p:.4}  R {r:.4}  F1 {f1:.4}");
        f1s.push(f1);
    }
    // How the threshold trades precision for recall, on the training half only.
    for t in [0.1, 0.2, 0.3, 0.4, 0.5, 0.6] {
        let (p, r, f1) = scores(
            &model,
            train.iter().copied().filter(|r| !r.undated),
            t,
            unreachable[0][0],
        );
        println!("training at {t:.1}: P {p:.4}  R {r:.4}  F1 {f1:.4}");
    }
    let header = format!(
        "The \"about\" model: logistic regression over AboutFeatures (newsidx-extract).\n\
         Trained by examples/train_about.rs on {} countries of the {} Reuters-21578 stories\n\
         with an odd NEWID, a BODY and PLACES (each read with and without its dateline),\n\
         against the editors' PLACES tags\n\
         (L2 {L2}, {STEPS} steps of gradient descent from zero). See ATTRIBUTION.md.",
        train.len(),
        stories.iter().filter(|s| !s.held_out()).count()
    );
    let tsv = model.to_tsv(&header);
    std::fs::write(&out, &tsv).map_err(|source| newsidx_extract::Error::Io {
        path: out.clone(),
        source,
    })?;
    print!("{tsv}");
    println!("written to {}", out.display());
    assert_eq!(&AboutModel::parse(&tsv)?, &model);
    assert!(
        f1s.iter().all(|&f| f > 0.5),
        "the model learned nothing: {f1s:?}"
    );
    Ok(())
}

fn probability(m: &AboutModel, x: &[f32]) -> f32 {
    let z: f32 = m.bias + m.weights.iter().zip(x).map(|(w, x)| w * x).sum::<f32>();
    1.0 / (1.0 + (-z).exp())
}

/// Full-batch gradient descent on the mean log loss plus `L2 / 2 * |w|^2`.
fn fit(rows: &[&Row]) -> AboutModel {
    let mut m = AboutModel {
        bias: 0.0,
        weights: [0.0; AboutFeatures::NAMES.len()],
    };
    let n = rows.len() as f32;
    for _ in 0..STEPS {
        let mut gb = 0.0f32;
        let mut gw = [0.0f32; AboutFeatures::NAMES.len()];
        for r in rows {
            let err = probability(&m, &r.x) - f32::from(u8::from(r.y));
            gb += err;
            for (g, x) in gw.iter_mut().zip(r.x) {
                *g += err * x;
            }
        }
        m.bias -= RATE * gb / n;
        for (w, g) in m.weights.iter_mut().zip(gw) {
            *w -= RATE * (g / n + L2 * *w);
        }
    }
    m
}

/// Precision, recall and F1 of the model at `threshold` over `rows`, counting `missed` gold
/// countries the extractor never scored as false negatives.
fn scores<'a>(
    model: &AboutModel,
    rows: impl Iterator<Item = &'a Row>,
    threshold: f32,
    missed: usize,
) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, missed);
    for r in rows {
        match (probability(model, &r.x) >= threshold, r.y) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            (false, false) => {}
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    (p, r, 2.0 * p * r / (p + r).max(f64::MIN_POSITIVE))
}
