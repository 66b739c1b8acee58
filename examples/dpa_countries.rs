//! # Countries in German copy against dpa's editors
//!
//! We will:
//! - read the 100 German items of `../shared/corpora/dpa-newsmlg2` with newsidx's readers and
//!   extract their countries (`Article::countries`, the set the country facet counts);
//! - take the editors' countries from each item's `<subject type="cpnat:geoArea">` blocks (the
//!   `iso3166-1a2` code of their `sameAs`), read from the XML text;
//! - split the items by file name order: even positions are the half rules were tuned on, odd
//!   positions the held-out half; print micro precision, recall and F1 for each half and all;
//! - with `--misses`, print each item's false positives and negatives.
//!
//! Run: `cargo run --release --example dpa_countries -- ../shared/corpora/dpa-newsmlg2`

use std::collections::BTreeSet;

use newsidx::{Extractor, Readers};

/// The ISO codes of the geoArea subjects of one NewsML-G2 item.
fn editors_codes(xml: &str) -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for block in xml.split("<subject ").skip(1) {
        let (head, _) = block.split_once('>').unwrap_or((block, ""));
        if !head.contains("type=\"cpnat:geoArea\"") {
            continue;
        }
        let body = block.split("</subject>").next().unwrap_or(block);
        for part in body.split("qcode=\"iso3166-1a2:").skip(1) {
            codes.insert(part[..2].to_ascii_uppercase());
        }
    }
    codes
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or("../shared/corpora/dpa-newsmlg2".into());
    let misses = std::env::args().any(|a| a == "--misses");
    let (readers, extractor) = (Readers::new(), Extractor::new()?);
    let mut files: Vec<_> = std::fs::read_dir(&dir)?.collect::<Result<_, _>>()?;
    files.sort_by_key(|e| e.file_name());
    // [tune, held-out] x [true positives, false positives, false negatives]
    let mut counts = [[0usize; 3]; 2];
    for (i, entry) in files.iter().enumerate() {
        let truth = editors_codes(&std::fs::read_to_string(entry.path())?);
        for mut story in readers.read_path(&entry.path()).stories {
            extractor.annotate(&mut story);
            let got: BTreeSet<String> = story.countries.iter().cloned().collect();
            let c = &mut counts[i % 2];
            c[0] += got.intersection(&truth).count();
            c[1] += got.difference(&truth).count();
            c[2] += truth.difference(&got).count();
            if misses && got != truth {
                let fp: Vec<_> = got.difference(&truth).collect();
                let fn_: Vec<_> = truth.difference(&got).collect();
                println!("{i:3} fp {fp:?} fn {fn_:?}  {}", story.title);
            }
        }
    }
    let f1 = |[tp, fp, fn_]: [usize; 3]| {
        let (p, r) = (tp as f64 / (tp + fp) as f64, tp as f64 / (tp + fn_) as f64);
        (p, r, 2.0 * p * r / (p + r))
    };
    let all = [0, 1, 2].map(|k| counts[0][k] + counts[1][k]);
    for (name, c) in [
        ("tune (even)", counts[0]),
        ("held-out (odd)", counts[1]),
        ("all", all),
    ] {
        let (p, r, f) = f1(c);
        println!(
            "{name:<16} P {p:.3}  R {r:.3}  F1 {f:.3}  (tp {} fp {} fn {})",
            c[0], c[1], c[2]
        );
    }
    assert!(
        all[0] + all[2] > 100,
        "expected the 100 dpa items with their countries"
    );
    // 0.649 before names in other languages; the target, 0.85, is not reached yet.
    assert!(f1(all).2 >= 0.80, "country F1 on dpa under 0.80");
    Ok(())
}
