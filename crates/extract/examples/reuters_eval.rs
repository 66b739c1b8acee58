//! # Measure extraction against the Reuters-21578 editors
//!
//! We will:
//! - parse the Reuters-21578 SGML files ourselves, minimally (split on `<REUTERS`, take TITLE,
//!   DATELINE, BODY and the `<D>` codes of PLACES and PEOPLE, decode `&lt;` `&gt;` `&amp;`
//!   `&#N;`; the files are read as bytes, UTF-8 where valid and Latin-1 elsewhere);
//! - keep the stories with a BODY and at least one PLACES code, and split them by NEWID: odd
//!   trains the "about" model (`examples/train_about.rs`), even is held out;
//! - map the editors' place codes to ISO 3166-1 alpha-2 with `data/reuters-places.tsv`
//!   (historical states count as their successors: `ussr` -> RU, `west-germany` -> DE);
//! - compare them with the countries each story is about (`Extraction::country_codes`, the set
//!   that feeds the country facet), micro-averaged over the held-out stories, the training
//!   stories and all stories, each labelled;
//! - measure the recall of the editors' PEOPLE tags: a tag (`reagan`, `james-baker`,
//!   `de-larosiere`) is found when an extracted person's name, folded to ASCII lower case with
//!   spaces as hyphens, equals the tag, ends with `-` + the tag (the surname), or has the tag's
//!   first and last parts as its first and last words;
//! - print the most frequent false positive and false negative countries.
//!
//! Run: `cargo run --release -p newsidx-extract --example reuters_eval -- ../shared/corpora/reuters21578`
//! (options: `--about P` sets the probability a country needs, default 0.5; `--explain XX
//! [fn]` prints the first held-out stories where country XX is a false positive, or
//! negative, with its probability, features and mentions, and
//! `--explain people` every missed PEOPLE tag).

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use newsidx_extract::{Extractor, Result};

#[path = "common/reuters.rs"]
mod reuters;

/// ASCII lower case with spaces and dots as hyphens: "James A. Baker" -> "james-a-baker".
fn norm(name: &str) -> String {
    let folded: String = name
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' => 'e',
            'á' | 'à' | 'ä' => 'a',
            'ó' | 'ö' => 'o',
            'ü' | 'ú' => 'u',
            'í' => 'i',
            'ç' => 'c',
            'ñ' => 'n',
            c => c,
        })
        .collect();
    folded
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn person_matches(tag: &str, person: &str) -> bool {
    let p = norm(person);
    let (tf, tl) = (
        tag.split('-').next().unwrap_or(""),
        tag.rsplit('-').next().unwrap_or(""),
    );
    p == tag
        || p.ends_with(&format!("-{tag}"))
        || (tag.contains('-')
            && p.split('-').next() == Some(tf)
            && p.rsplit('-').next() == Some(tl))
}

/// Country counts over a set of stories.
#[derive(Default)]
struct Counts {
    stories: usize,
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, pred: &HashSet<String>, gold: &HashSet<String>) {
        self.stories += 1;
        self.tp += pred.intersection(gold).count();
        self.fp += pred.difference(gold).count();
        self.fn_ += gold.difference(pred).count();
    }

    fn line(&self, label: &str) -> String {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f1 = 2.0 * p * r / (p + r).max(f64::MIN_POSITIVE);
        format!(
            "{label:<28} stories {:>5}  tp {:>5} fp {:>4} fn {:>4}  P {p:.4}  R {r:.4}  F1 {f1:.4}",
            self.stories, self.tp, self.fp, self.fn_
        )
    }
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(
        args.get(1)
            .cloned()
            .unwrap_or_else(|| "../shared/corpora/reuters21578".into()),
    );
    // `--explain XX [fn]`: print the first held-out stories where XX is a false positive (or
    // negative).
    let explain = args
        .iter()
        .position(|a| a == "--explain")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let explain_fn = args.iter().any(|a| a == "fn");
    let mut explained = 0;
    let t0 = Instant::now();
    // `--about P`: the probability a country needs to count (default 0.5, see the crate docs).
    let about: Option<f32> = args
        .iter()
        .position(|a| a == "--about")
        .and_then(|i| args.get(i + 1)?.parse().ok());
    let mut builder = Extractor::builder();
    if let Some(min) = about {
        builder = builder.about_threshold(min);
    }
    let extractor = builder.build()?;
    let load = t0.elapsed();
    let (stories, unmapped) = reuters::stories(&dir)?;

    let (mut held, mut train, mut all) = (Counts::default(), Counts::default(), Counts::default());
    let (mut people_tags, mut people_found) = (0usize, 0usize);
    let (mut fps, mut fns): (BTreeMap<String, usize>, BTreeMap<String, usize>) = Default::default();
    let mut bytes = 0usize;
    let t1 = Instant::now();
    for story in &stories {
        let (article, gold) = (&story.article, &story.gold);
        bytes += article.body.len();
        let x = extractor.extract(article);
        let pred: HashSet<String> = x.country_codes().into_iter().collect();
        for t in &story.people {
            people_tags += 1;
            if x.people.iter().any(|p| person_matches(t, p)) {
                people_found += 1;
            } else if explain.as_deref() == Some("people") {
                println!(
                    "--- missed {t:?} in {:?}: found {:?}",
                    article.title, x.people
                );
            }
        }
        all.add(&pred, gold);
        if !story.held_out() {
            train.add(&pred, gold);
            continue;
        }
        held.add(&pred, gold);
        for c in pred.difference(gold) {
            *fps.entry(c.clone()).or_default() += 1;
        }
        for c in gold.difference(&pred) {
            *fns.entry(c.clone()).or_default() += 1;
        }
        if let Some(code) = explain.as_deref().filter(|_| explained < 12) {
            let hit = if explain_fn {
                gold.contains(code) && !pred.contains(code)
            } else {
                pred.contains(code) && !gold.contains(code)
            };
            if hit {
                explained += 1;
                println!(
                    "--- {} | {:?} | gold {:?} pred {pred:?}",
                    article.title, article.dateline, story.places
                );
                if let Some(c) = x.countries.iter().find(|c| c.code == code) {
                    println!("    p {:.3} {:?}", c.probability, c.features);
                }
                for m in x
                    .mentions
                    .iter()
                    .filter(|m| explain_fn || m.country.as_deref() == Some(code))
                {
                    println!(
                        "    {:?} {} -> {} {:?}",
                        m.surface,
                        m.kind.as_str(),
                        m.entity,
                        m.country
                    );
                }
            }
        }
    }
    let elapsed = t1.elapsed();
    println!("stories with BODY and PLACES: {}", all.stories);
    println!("{}", held.line("held-out (even NEWID)"));
    println!("{}", train.line("training (odd NEWID)"));
    println!("{}", all.line("all stories"));
    println!(
        "PEOPLE tags (all stories): {people_tags}, found {people_found}, recall {:.4}",
        people_found as f64 / people_tags.max(1) as f64
    );
    let top = |m: &BTreeMap<String, usize>| {
        let mut v: Vec<_> = m.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.into_iter()
            .take(15)
            .map(|(c, n)| format!("{c} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!("top false positives (held-out): {}", top(&fps));
    println!("top false negatives (held-out): {}", top(&fns));
    if !unmapped.is_empty() {
        println!("unmapped PLACES codes: {unmapped:?}");
    }
    println!(
        "gazetteer load {:.1} ms; extraction {:.2} s for {:.1} MB of bodies",
        load.as_secs_f64() * 1e3,
        elapsed.as_secs_f64(),
        bytes as f64 / 1e6
    );
    assert!(held.stories > 0 && train.stories > 0, "no stories split");
    Ok(())
}
