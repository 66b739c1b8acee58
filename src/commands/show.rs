//! `newsidx show`: one story by its id, with every field and the full text.

use std::io::Write;

use anyhow::Result;
use newsidx::{Article, NewsIndex, NewsSearcher};

use crate::cli::ShowArgs;

use super::extract::label;

pub fn run(args: ShowArgs) -> Result<u8> {
    let index = NewsIndex::open(&args.index.dir)?;
    let story = NewsSearcher::open(index)?.story_by_id(&args.id)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &story)?;
        writeln!(out)?;
    } else {
        render(&mut out, &story)?;
    }
    out.flush()?;
    Ok(0)
}

/// The fields, one a line with a label, then the body.
fn render(out: &mut impl Write, a: &Article) -> std::io::Result<()> {
    let list = |values: &[String]| (!values.is_empty()).then(|| values.join(", "));
    let origin = a.origin.as_ref();
    let fields = [
        ("id", Some(a.id.clone())),
        ("title", Some(a.title.clone())),
        ("standfirst", a.standfirst.clone()),
        ("date", a.date.map(|d| d.to_rfc3339())),
        ("dateline", a.dateline.clone()),
        ("source", a.source.clone()),
        ("byline", a.byline.clone()),
        ("language", a.language.clone()),
        ("url", a.url.clone()),
        ("file", origin.map(|o| o.path.clone())),
        ("format", origin.map(|o| o.format.clone())),
        ("countries", list(&a.countries)),
        ("primary", a.primary_country.clone()),
        ("places", list(&a.places)),
        ("people", list(&a.people)),
        ("orgs", list(&a.organisations)),
        ("actors", list(&a.actors)),
        ("subjects", list(&a.subjects)),
        ("tag places", list(&a.editor_tags.places)),
        ("tag people", list(&a.editor_tags.people)),
        ("tag orgs", list(&a.editor_tags.orgs)),
        ("tag topics", list(&a.editor_tags.topics)),
    ];
    for (name, value) in fields {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            writeln!(out, "{} {value}", label(name))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", a.body.trim_end())
}
