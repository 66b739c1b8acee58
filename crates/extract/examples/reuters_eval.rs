//! # Measure extraction against the Reuters-21578 editors
//!
//! We will:
//! - parse the Reuters-21578 SGML files ourselves, minimally (split on `<REUTERS`, take TITLE,
//!   DATELINE, BODY and the `<D>` codes of PLACES and PEOPLE, decode `&lt;` `&gt;` `&amp;`
//!   `&#N;`; the files are read as bytes, UTF-8 where valid and Latin-1 elsewhere);
//! - keep the stories with a BODY and at least one PLACES code;
//! - map the editors' place codes to ISO 3166-1 alpha-2 with `data/reuters-places.tsv`
//!   (historical states count as their successors: `ussr` -> RU, `west-germany` -> DE);
//! - compare them with the countries each story is about (`Extraction::country_codes`, the set
//!   that feeds the country facet), micro-averaged over all stories;
//! - measure the recall of the editors' PEOPLE tags: a tag (`reagan`, `james-baker`,
//!   `de-larosiere`) is found when an extracted person's name, folded to ASCII lower case with
//!   spaces as hyphens, equals the tag, ends with `-` + the tag (the surname), or has the tag's
//!   first and last parts as its first and last words;
//! - print the most frequent false positive and false negative countries.
//!
//! Run: `cargo run --release -p newsidx-extract --example reuters_eval -- ../shared/corpora/reuters21578`
//! (options: `--about N` sets the score a country needs, `--explain XX [fn]` prints the first
//! stories where country XX is a false positive, or negative, with its mentions, and
//! `--explain people` every missed PEOPLE tag).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use newsidx_extract::{Article, Error, Extractor, Result};

const REUTERS_PLACES: &str = include_str!("../data/reuters-places.tsv");

/// The text between `<tag>` and `</tag>`, if present.
fn tag<'a>(doc: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let start = doc.find(&open)? + open.len();
    let end = doc[start..].find(&format!("</{tag}>"))? + start;
    Some(&doc[start..end])
}

/// The `<D>` codes inside `<tag>`.
fn codes(doc: &str, name: &str) -> Vec<String> {
    let inner = tag(doc, name).unwrap_or("");
    inner
        .split("<D>")
        .filter_map(|d| d.split("</D>").next())
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string)
        .collect()
}

/// Decodes the SGML entities the collection uses; control characters are dropped.
fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let semi = rest.bytes().take(10).position(|b| b == b';');
        let decoded = semi.and_then(|e| match &rest[1..e] {
            "lt" => Some(Some('<')),
            "gt" => Some(Some('>')),
            "amp" => Some(Some('&')),
            ent => ent
                .strip_prefix('#')
                .and_then(|n| n.parse().ok())
                .and_then(char::from_u32)
                .map(|c| (!c.is_control() || c == '\n').then_some(c)),
        });
        match (decoded, semi) {
            (Some(c), Some(e)) => {
                out.extend(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

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

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(
        args.get(1)
            .cloned()
            .unwrap_or_else(|| "../shared/corpora/reuters21578".into()),
    );
    // `--explain XX [fn]`: print the first stories where XX is a false positive (or negative).
    let explain = args
        .iter()
        .position(|a| a == "--explain")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let explain_fn = args.iter().any(|a| a == "fn");
    let mut explained = 0;
    let map: HashMap<&str, &str> = REUTERS_PLACES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?, f.next()?))
        })
        .collect();
    let t0 = Instant::now();
    // `--about N`: the score a country needs to count (default 1.0, see the crate docs).
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

    let (mut stories, mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize, 0usize);
    let (mut people_tags, mut people_found) = (0usize, 0usize);
    let (mut fps, mut fns): (BTreeMap<String, usize>, BTreeMap<String, usize>) = Default::default();
    let mut unmapped: BTreeMap<String, usize> = BTreeMap::new();
    let mut bytes = 0usize;
    let t1 = Instant::now();
    for i in 0..22 {
        let path = dir.join(format!("reut2-{i:03}.sgm"));
        let raw = std::fs::read(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let text = String::from_utf8(raw.clone())
            .unwrap_or_else(|_| raw.iter().map(|&b| b as char).collect());
        for doc in text.split("<REUTERS").skip(1) {
            let (Some(body), places) = (tag(doc, "BODY"), codes(doc, "PLACES")) else {
                continue;
            };
            if places.is_empty() {
                continue;
            }
            let mut gold = HashSet::new();
            for p in &places {
                match map.get(p.as_str()).filter(|c| !c.is_empty()) {
                    Some(c) => {
                        gold.insert(c.to_string());
                    }
                    None => *unmapped.entry(p.clone()).or_default() += 1,
                }
            }
            let article = Article {
                title: decode(tag(doc, "TITLE").unwrap_or("")).trim().to_string(),
                dateline: tag(doc, "DATELINE")
                    .map(|d| decode(d).trim().trim_end_matches('-').trim().to_string()),
                body: decode(body).trim().to_string(),
                ..Article::default()
            };
            bytes += article.body.len();
            let x = extractor.extract(&article);
            let pred: HashSet<String> = x.country_codes().into_iter().collect();
            stories += 1;
            tp += pred.intersection(&gold).count();
            for c in pred.difference(&gold) {
                fp += 1;
                *fps.entry(c.clone()).or_default() += 1;
            }
            for c in gold.difference(&pred) {
                fn_ += 1;
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
                        "--- {} | {:?} | gold {places:?} pred {pred:?}",
                        article.title, article.dateline
                    );
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
            for t in codes(doc, "PEOPLE") {
                people_tags += 1;
                if x.people.iter().any(|p| person_matches(&t, p)) {
                    people_found += 1;
                } else if explain.as_deref() == Some("people") {
                    println!(
                        "--- missed {t:?} in {:?}: found {:?}",
                        article.title, x.people
                    );
                }
            }
        }
    }
    let elapsed = t1.elapsed();
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = 2.0 * p * r / (p + r).max(f64::MIN_POSITIVE);
    println!("stories with BODY and PLACES: {stories}");
    println!("countries: tp {tp} fp {fp} fn {fn_}");
    println!("micro precision {p:.4}  recall {r:.4}  F1 {f1:.4}");
    println!(
        "PEOPLE tags: {people_tags}, found {people_found}, recall {:.4}",
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
    println!("top false positives: {}", top(&fps));
    println!("top false negatives: {}", top(&fns));
    if !unmapped.is_empty() {
        println!("unmapped PLACES codes: {unmapped:?}");
    }
    println!(
        "gazetteer load {:.1} ms; extraction {:.2} s for {:.1} MB of bodies",
        load.as_secs_f64() * 1e3,
        elapsed.as_secs_f64(),
        bytes as f64 / 1e6
    );
    assert!(stories > 0, "no stories found under {}", dir.display());
    Ok(())
}
