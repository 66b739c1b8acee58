//! `newsidx extract`: the parsed fields and extracted entities of each story, without an index.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use newsidx::extract::Extraction;
use newsidx::read::ErrorKind;
use newsidx::{Article, Extractor, Readers};
use serde::Serialize;

use crate::cli::ExtractArgs;

/// Exit code when some inputs could not be read.
const SOME_INPUTS_FAILED: u8 = 3;

/// The built-in extractor, plus the user gazetteer when one is given; with the trained
/// tagger when `tagger` is set.
pub fn load_extractor(gazetteer: Option<&Path>, tagger: bool) -> Result<Extractor> {
    let builder = Extractor::builder().tagger(tagger);
    Ok(match gazetteer {
        Some(path) => builder.user_gazetteer(path).build()?,
        None => builder.build().context("loading the built-in gazetteer")?,
    })
}

/// One story as printed with `--json`.
#[derive(Serialize)]
struct StoryOut<'a> {
    #[serde(flatten)]
    article: &'a Article,
    entities: &'a Extraction,
}

/// One plain input as printed with `--plain --json`.
#[derive(Serialize)]
struct PlainOut<'a> {
    input: String,
    entities: &'a Extraction,
}

pub fn run(args: ExtractArgs) -> Result<u8> {
    let extractor = load_extractor(args.gazetteer.as_deref(), !args.no_tagger)?;
    let readers = Readers::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for input in inputs(&args.inputs, &mut failed) {
        let (name, bytes) = match load(&input) {
            Ok(loaded) => loaded,
            Err(e) => {
                eprintln!("newsidx: {e:#}");
                failed = true;
                continue;
            }
        };
        // A panic on one input (a bug) fails that input alone; the others are still read.
        let one = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            extract_one(
                &args,
                &extractor,
                &readers,
                &input,
                name.clone(),
                &bytes,
                &mut out,
            )
        }));
        match one {
            Ok(result) => failed |= result?,
            Err(panic) => {
                let error = newsidx::read::ReadError::from_panic(&name, panic.as_ref());
                eprintln!("newsidx: {error}");
                failed = true;
            }
        }
    }
    out.flush()?;
    Ok(if failed { SOME_INPUTS_FAILED } else { 0 })
}

/// Prints what one input holds (its stories, or with `--plain` its text's entities); true
/// when the input could not be read whole.
fn extract_one(
    args: &ExtractArgs,
    extractor: &Extractor,
    readers: &Readers,
    input: &Path,
    name: String,
    bytes: &[u8],
    out: &mut impl Write,
) -> Result<bool> {
    let mut failed = false;
    if args.plain {
        let (text, _) = newsidx::read::decode::decode(bytes);
        let x = extractor.extract_plain(&text);
        if args.json {
            serde_json::to_writer(
                &mut *out,
                &PlainOut {
                    input: name,
                    entities: &x,
                },
            )?;
            writeln!(out)?;
        } else {
            writeln!(out, "== {name}")?;
            print_entities(out, &x)?;
        }
        return Ok(false);
    }
    let file = readers.read_bytes(&sniff_name(input, bytes), bytes);
    for error in &file.errors {
        let mut error = error.clone();
        if input.as_os_str() == "-" {
            // Not the made-up name the reader was chosen by (`stdin.txt`).
            error.path = PathBuf::from("standard input");
        }
        let message = error.to_string();
        if matches!(error.kind, ErrorKind::Unsupported | ErrorKind::NotAStory) {
            // A README or a picture item beside the stories: skipped, not a failure.
            eprintln!("newsidx: skipped {message}");
        } else {
            eprintln!("newsidx: {message}");
            failed = true;
        }
    }
    for mut article in file.stories {
        if let Some(origin) = article.origin.as_mut() {
            origin.path = name.clone();
        }
        // One extraction gives both the derived fields and the mentions.
        let x = extractor.extract_and_annotate(&mut article);
        if args.json {
            serde_json::to_writer(
                &mut *out,
                &StoryOut {
                    article: &article,
                    entities: &x,
                },
            )?;
            writeln!(out)?;
        } else {
            print_story(out, &article, &x)?;
        }
    }
    Ok(failed)
}

/// The files to read: `-` as is, folders walked.
fn inputs(given: &[PathBuf], failed: &mut bool) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in given {
        if path.as_os_str() == "-" || path.is_file() {
            files.push(path.clone());
            continue;
        }
        let walked = newsidx::read::walk(std::slice::from_ref(path));
        for error in walked.errors {
            eprintln!("newsidx: {error}");
            *failed = true;
        }
        files.extend(walked.files);
    }
    files
}

fn load(path: &Path) -> Result<(String, Vec<u8>)> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
        Ok(("-".to_string(), bytes))
    } else {
        let bytes = std::fs::read(path).with_context(|| format!("{}", path.display()))?;
        Ok((path.display().to_string(), bytes))
    }
}

/// A name for the reader choice: standard input is sniffed as JSON Lines when it starts with
/// `{`, as XML when it starts with `<`, else as a plain-text story.
fn sniff_name(path: &Path, bytes: &[u8]) -> PathBuf {
    if path.as_os_str() != "-" {
        return path.to_path_buf();
    }
    let head = bytes.trim_ascii_start();
    PathBuf::from(if head.starts_with(b"{") {
        "stdin.jsonl"
    } else if head.starts_with(b"<") {
        "stdin.xml"
    } else {
        "stdin.txt"
    })
}

/// A field's label, with its colon, padded so that the values line up.
pub fn label(name: &str) -> String {
    format!("{:<11}", format!("{name}:"))
}

fn print_story(out: &mut impl Write, a: &Article, x: &Extraction) -> std::io::Result<()> {
    let origin = a.origin.as_ref().map(|o| o.path.as_str()).unwrap_or("-");
    writeln!(out, "== {} ({origin})", a.id)?;
    writeln!(out, "{} {}", label("title"), a.title)?;
    let fields = [
        ("standfirst", a.standfirst.clone()),
        ("date", a.date.map(|d| d.to_rfc3339())),
        ("dateline", a.dateline.clone()),
        ("source", a.source.clone()),
        ("byline", a.byline.clone()),
        ("language", a.language.clone()),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            writeln!(out, "{} {value}", label(name))?;
        }
    }
    writeln!(out, "{} {} bytes", label("body"), a.body.len())?;
    print_entities(out, x)
}

fn print_entities(out: &mut impl Write, x: &Extraction) -> std::io::Result<()> {
    let countries: Vec<String> = x
        .countries
        .iter()
        .map(|c| {
            format!(
                "{}{} ({}, salience {:.2})",
                c.code,
                if c.about { "" } else { "?" },
                crate::render::count(c.mentions as u64, "mention", "mentions"),
                c.salience
            )
        })
        .collect();
    writeln!(out, "{} {}", label("countries"), countries.join(", "))?;
    if x.countries.iter().any(|c| !c.about) {
        writeln!(
            out,
            "{} (CODE?: named, but not what the story is about: not counted by --country or \
             the country facet, only by --mentioned)",
            " ".repeat(11)
        )?;
    }
    if let Some(primary) = &x.primary_country {
        writeln!(out, "{} {primary}", label("primary"))?;
    }
    writeln!(out, "{} {}", label("places"), x.places.join(", "))?;
    writeln!(out, "{} {}", label("people"), x.people.join(", "))?;
    writeln!(out, "{} {}", label("orgs"), x.organisations.join(", "))?;
    writeln!(out, "{}", label("mentions"))?;
    for m in &x.mentions {
        writeln!(
            out,
            "  {:>6}..{:<6} {:<12} {:?} -> {}{} [{} {:.2}]",
            m.start,
            m.end,
            m.kind.as_str(),
            m.surface,
            m.entity,
            m.country
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default(),
            m.source.as_str(),
            m.confidence
        )?;
    }
    writeln!(out)
}
