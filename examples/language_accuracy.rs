//! # Language detection against the agencies' own language tags
//!
//! We will:
//! - read every story of the agency samples in `../shared/corpora` (wire-samples-superdesk,
//!   dpa-newsmlg2) whose source gives its language (the truth), with newsidx's readers;
//! - detect the language of each story, and of each paragraph of 150 bytes or more (a harder
//!   test: less text), with `newsidx::extract::language::detect`, ignoring the source's tag;
//! - judge each story's language as indexing fills it when the source does not say
//!   (`newsidx::extract::language::judge`: plainly English text skips the detector, text
//!   with no sign of another language stays unknown, a detection must be confirmed);
//! - print accuracy per language and the mean time of one detection (`MISSES=1` lists the
//!   stories detected wrongly).
//!
//! Run: `cargo run --release --example language_accuracy -- ../shared/corpora`

use std::collections::BTreeMap;
use std::time::Instant;

use newsidx::extract::language::{detect, judge};
use newsidx::Readers;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::env::args()
        .nth(1)
        .unwrap_or("../shared/corpora".into());
    let readers = Readers::new();
    // language -> (stories, right, paragraphs, right, stories judged right)
    let mut table: BTreeMap<String, [usize; 5]> = BTreeMap::new();
    let (mut runs, mut took) = (0u32, std::time::Duration::ZERO);
    for dir in ["wire-samples-superdesk", "dpa-newsmlg2"] {
        for entry in std::fs::read_dir(format!("{root}/{dir}"))? {
            for story in readers.read_path(&entry?.path()).stories {
                let Some(truth) = story.language.as_deref() else {
                    continue;
                };
                let truth = truth.split(['-', '_']).next().unwrap_or("").to_lowercase();
                let truth = if truth == "no" {
                    "nb".to_string()
                } else {
                    truth
                };
                let row = table.entry(truth.clone()).or_default();
                let t = Instant::now();
                let text = format!("{}.\n{}", story.title, story.body);
                let got = detect(&text);
                (runs, took) = (runs + 1, took + t.elapsed());
                let judged = judge(&text);
                row[4] += usize::from(judged == Some(truth.as_str()));
                if std::env::var_os("MISSES").is_some() && judged != Some(truth.as_str()) {
                    println!("judged {truth} {judged:?} {:?}", story.title);
                }
                row[0] += 1;
                row[1] += usize::from(got.is_some_and(|d| d.tag == truth));
                if std::env::var_os("MISSES").is_some() && got.is_none_or(|d| d.tag != truth) {
                    println!("miss {truth} {got:?} {:?}", story.title);
                }
                for para in story.body.split('\n').filter(|p| p.trim().len() >= 150) {
                    row[2] += 1;
                    row[3] += usize::from(detect(para).is_some_and(|d| d.tag == truth));
                }
            }
        }
    }
    println!(
        "{:<6}{:>8}{:>10}{:>8}{:>12}{:>10}{:>8}{:>8}",
        "lang", "stories", "right", "acc", "paragraphs", "acc", "judged", "acc"
    );
    let (mut all, mut right, mut judged) = (0, 0, 0);
    for (lang, [n, ok, pn, pok, jok]) in &table {
        let acc = |a: usize, b: usize| {
            if b == 0 {
                f64::NAN
            } else {
                a as f64 / b as f64
            }
        };
        println!(
            "{lang:<6}{n:>8}{ok:>10}{:>8.3}{pn:>12}{:>10.3}{jok:>8}{:>8.3}",
            acc(*ok, *n),
            acc(*pok, *pn),
            acc(*jok, *n)
        );
        (all, right, judged) = (all + n, right + ok, judged + jok);
    }
    println!(
        "all   {all:>8}{right:>10}{:>8.3}{:>30}{:>8.3}",
        right as f64 / all as f64,
        judged,
        judged as f64 / all as f64
    );
    println!(
        "mean detection time per story: {:.1} us",
        took.as_secs_f64() * 1e6 / runs as f64
    );
    assert!(table.len() >= 4, "expected stories in several languages");
    assert!(
        right as f64 >= 0.9 * all as f64,
        "story-level accuracy under 0.9"
    );
    Ok(())
}
