//! `newsidx related`: the stories most related to one story.

use std::io::Write;

use anyhow::Result;
use newsidx::{NewsIndex, NewsSearcher};

use crate::cli::RelatedArgs;
use crate::render::count;

pub fn run(args: RelatedArgs) -> Result<u8> {
    let index = NewsIndex::open(&args.index.dir)?;
    let searcher = NewsSearcher::open(index)?;
    let response = searcher.related_with(&args.id, args.limit, args.duplicates.into())?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &response)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{} related to {:?} ({}), {} left out ({:.1} ms)",
            count(response.related.len() as u64, "story", "stories"),
            response.title,
            response.id,
            count(response.duplicates.len() as u64, "duplicate", "duplicates"),
            response.took_ms
        )?;
        for (i, story) in response.related.iter().enumerate() {
            let date = story.date.map_or_else(
                || "----------".to_string(),
                |d| d.format("%Y-%m-%d").to_string(),
            );
            writeln!(out)?;
            writeln!(
                out,
                "{:>3}. {}  {}  [{}]",
                i + 1,
                date,
                story.title,
                story.id
            )?;
            // The entities, then the words that are not already one of them ("Taliban").
            let mut shared = story.shared_entities.clone();
            for term in &story.shared_terms {
                if !shared.iter().any(|e| e.eq_ignore_ascii_case(term)) {
                    shared.push(term.clone());
                }
            }
            writeln!(out, "     shared: {}", shared.join(", "))?;
        }
    }
    out.flush()?;
    Ok(if response.related.is_empty() { 1 } else { 0 })
}
