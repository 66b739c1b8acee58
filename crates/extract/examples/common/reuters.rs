//! Reading Reuters-21578 for the examples that measure and train on it (`reuters_eval`,
//! `train_about`): a minimal SGML reader, the editors' PLACES mapped to ISO codes, and the
//! fixed split into training and held-out stories.
//!
//! The stories kept have a BODY and at least one PLACES code. The split: a story with an odd
//! NEWID trains the "about" model, one with an even NEWID is held out for evaluation.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use newsidx_extract::{Article, Error, Result};

const REUTERS_PLACES: &str = include_str!("../../data/reuters-places.tsv");

/// One story with its editors' tags.
pub struct Story {
    /// The NEWID attribute.
    pub newid: u32,
    pub article: Article,
    /// The PLACES codes as ISO 3166-1 alpha-2 (unmapped codes left out).
    pub gold: HashSet<String>,
    /// The raw PLACES codes.
    pub places: Vec<String>,
    /// The PEOPLE codes.
    pub people: Vec<String>,
}

impl Story {
    /// Held out from training: an even NEWID.
    pub fn held_out(&self) -> bool {
        self.newid.is_multiple_of(2)
    }
}

/// Every story of `reut2-000.sgm` .. `reut2-021.sgm` under `dir` with a BODY and PLACES, and
/// the PLACES codes that map to no country, with their counts.
pub fn stories(dir: &Path) -> Result<(Vec<Story>, BTreeMap<String, usize>)> {
    let map: HashMap<&str, &str> = REUTERS_PLACES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?, f.next()?))
        })
        .collect();
    let mut out = Vec::new();
    let mut unmapped: BTreeMap<String, usize> = BTreeMap::new();
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
            let newid = doc
                .split("NEWID=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .and_then(|s| s.parse().ok())
                .expect("every story has a NEWID");
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
            out.push(Story {
                newid,
                article,
                gold,
                places,
                people: codes(doc, "PEOPLE"),
            });
        }
    }
    assert!(!out.is_empty(), "no stories found under {}", dir.display());
    Ok((out, unmapped))
}

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
