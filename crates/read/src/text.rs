//! The plain-text wire story reader.
//!
//! A story file is shaped like this (the seed story in `corpus/` is one):
//!
//! ```text
//! Title line
//!
//! Standfirst paragraph (optional)
//!
//! Photo caption [File: Photographer/Agency]   (optional)
//! 25 Sep 2021                                  (the date line, optional)
//!
//! Body paragraph...
//!
//! Body paragraph...
//!
//! Source: News Agencies                        (optional)
//! ```
//!
//! The date line is the first line among the first twelve after the title that parses as a
//! date in a common wire form (see [`crate::date::parse_date`]). What stands between the title
//! and the date line is the header: its first paragraph is the standfirst, a line that starts
//! with `By ` is the byline, and anything else (photo captions) is left out. When no date line
//! is found, the story has no date and no standfirst: everything after the title is body (the
//! BBC News layout). A dateline such as `BAMAKO, Mali (AFP) —` opening the first body
//! paragraph fills `dateline`.
//!
//! Not every `.txt` file is a story. A file is refused as [`ErrorKind::NotAStory`] when its
//! first non-blank line is not followed by a blank line (word lists, checksum lists, READMEs
//! and prose documents start with a run of lines, not a title), when it has a title and
//! nothing after it, or when its name says what it is (`README`, `LICENSE`, `COPYING`,
//! `CHANGELOG`, `*SUMS`). A first line longer than [`MAX_TITLE_BYTES`] is refused before the
//! file is decoded, so a huge file without line breaks costs one bounded scan.

use std::path::Path;

use newsidx_model::Article;

use crate::date::{parse_date, DateError};
use crate::decode::{decode, looks_binary};
use crate::error::{ErrorKind, Location, ReadError};
use crate::{ReadOutput, Reader};

/// Lines after the title searched for the date line.
const HEADER_LINES: usize = 12;

/// The longest first line taken as a title, in bytes.
pub const MAX_TITLE_BYTES: usize = 400;

/// File names (stems, upper-cased) that are never stories.
const NOT_STORY_NAMES: &[&str] = &[
    "README",
    "LICENSE",
    "LICENCE",
    "COPYING",
    "CHANGELOG",
    "NOTICE",
    "AUTHORS",
];

/// Reads one plain-text story per file.
#[derive(Debug, Default, Clone, Copy)]
pub struct TextReader;

impl Reader for TextReader {
    fn name(&self) -> &'static str {
        "text"
    }

    fn sniff(&self, path: &Path, head: &[u8]) -> u8 {
        let trimmed = head.trim_ascii_start();
        if trimmed.starts_with(b"<") || trimmed.starts_with(b"{") {
            return 0;
        }
        match extension(path).as_deref() {
            // A `.txt` file is claimed even when binary, so that it is reported as a bad
            // story file rather than skipped as a file of another kind.
            Some("txt" | "text" | "story") => 60,
            None if !looks_binary(head) => 20,
            _ => 0,
        }
    }

    fn read(&self, path: &Path, data: &[u8]) -> ReadOutput {
        if looks_binary(data) {
            return ReadOutput::binary(path, "a text story");
        }
        if let Some(reason) = not_a_story_name(path) {
            return ReadOutput::error(ReadError::new(path, ErrorKind::NotAStory, reason));
        }
        if let Err(error) = check_first_line(data, MAX_TITLE_BYTES) {
            let mut error = error;
            error.path = path.to_path_buf();
            return ReadOutput::error(error);
        }
        let (text, _) = decode(data);
        match parse_story(&text) {
            Ok(story) => ReadOutput::story(story),
            Err(mut errors) => {
                for e in &mut errors {
                    e.path = path.to_path_buf();
                }
                match errors.first().map(|e| e.kind) {
                    Some(ErrorKind::BadValue) => {
                        // A bad date: keep the story without its date, report the date.
                        let mut output = ReadOutput::story(parse_without_date(&text));
                        output.errors = errors;
                        output
                    }
                    _ => ReadOutput {
                        stories: Vec::new(),
                        errors,
                    },
                }
            }
        }
    }
}

/// Why a file name says the file is not a story, if it does.
fn not_a_story_name(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?.to_ascii_uppercase();
    if NOT_STORY_NAMES.contains(&stem.as_str()) {
        return Some(format!("a {stem} file, not a story"));
    }
    if stem.ends_with("SUMS") {
        return Some("a checksum list, not a story".into());
    }
    None
}

/// Checks, on the raw bytes and without decoding the file, that the first non-blank line
/// ends within `max` bytes. Errors carry an empty path, filled in by the caller.
pub fn check_first_line(data: &[u8], max: usize) -> Result<(), ReadError> {
    let start = data
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(data.len());
    let window = &data[start..data.len().min(start + max * 4 + 1)];
    let end = window
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(window.len());
    let line = window[..end].trim_ascii_end();
    // Up to 4 bytes a character: compare characters' worth of bytes only when decoding.
    if line.len() > max && String::from_utf8_lossy(line).chars().count() > max {
        let lines_before = data[..start].iter().filter(|&&b| b == b'\n').count() as u64;
        let length = if end == window.len() {
            format!("over {} bytes long with no line break", window.len())
        } else {
            format!("{} bytes long", line.len())
        };
        return Err(ReadError::new(
            "",
            ErrorKind::NotAStory,
            format!("the first line is {length}: not a title (limit {max} characters)"),
        )
        .at(Location::Line(lines_before + 1)));
    }
    Ok(())
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

/// Parses one story. Errors carry an empty path, filled in by the caller.
pub fn parse_story(text: &str) -> Result<Article, Vec<ReadError>> {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end()).collect();
    let Some(title_at) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return Err(vec![ReadError::new("", ErrorKind::Malformed, "empty file")]);
    };
    let title = lines[title_at].trim();
    if title.chars().count() > MAX_TITLE_BYTES {
        return Err(vec![ReadError::new(
            "",
            ErrorKind::NotAStory,
            format!("first line is {} bytes long: not a title", title.len()),
        )
        .at(Location::Line(title_at as u64 + 1))]);
    }
    match lines.get(title_at + 1) {
        Some(next) if !next.trim().is_empty() => {
            return Err(vec![ReadError::new(
                "",
                ErrorKind::NotAStory,
                "the first line is not a title followed by a blank line (a list, table, \
                 README or other document, not a story)",
            )
            .at(Location::Line(title_at as u64 + 2))]);
        }
        _ => {}
    }
    if lines[title_at + 1..].iter().all(|l| l.trim().is_empty()) {
        return Err(vec![ReadError::new(
            "",
            ErrorKind::NotAStory,
            "a title with no text after it, not a story",
        )
        .at(Location::Line(title_at as u64 + 1))]);
    }
    let mut date_at = None;
    for (i, line) in lines
        .iter()
        .enumerate()
        .skip(title_at + 1)
        .take(HEADER_LINES)
    {
        match parse_date(line) {
            Ok(date) => {
                date_at = Some((i, date));
                break;
            }
            Err(DateError::NoSuchDay(day)) => {
                return Err(vec![ReadError::new(
                    "",
                    ErrorKind::BadValue,
                    format!("date line {day:?} names a day that does not exist"),
                )
                .at(Location::Line(i as u64 + 1))]);
            }
            Err(DateError::NotADate) => {}
        }
    }
    let mut article = Article {
        title: title.to_string(),
        ..Article::default()
    };
    let body_from = match date_at {
        Some((at, date)) => {
            article.date = Some(date);
            read_header(&lines[title_at + 1..at], &mut article);
            at + 1
        }
        None => title_at + 1,
    };
    read_body(&lines[body_from..], &mut article);
    Ok(article)
}

/// Parses a story whose date line is unusable: everything after the title is body.
fn parse_without_date(text: &str) -> Article {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end()).collect();
    let title_at = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let mut article = Article {
        title: lines.get(title_at).map_or("", |l| l.trim()).to_string(),
        ..Article::default()
    };
    read_body(lines.get(title_at + 1..).unwrap_or(&[]), &mut article);
    article
}

fn paragraphs<'a>(lines: &[&'a str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&'a str> = Vec::new();
    for line in lines {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line.trim());
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

fn read_header(lines: &[&str], article: &mut Article) {
    let mut standfirst = None;
    for paragraph in paragraphs(lines) {
        if let Some(byline) = paragraph
            .strip_prefix("By ")
            .filter(|b| b.len() < 100 && !b.contains('.'))
        {
            article.byline = Some(byline.trim().to_string());
        } else if standfirst.is_none() && !is_caption(&paragraph) {
            standfirst = Some(paragraph);
        }
    }
    article.standfirst = standfirst;
}

/// A photo caption ends with a bracketed credit: `... [File: Name/Agency]`, `... [Reuters]`.
fn is_caption(paragraph: &str) -> bool {
    paragraph.ends_with(']') && paragraph.contains('[')
}

fn read_body(lines: &[&str], article: &mut Article) {
    let mut paragraphs = paragraphs(lines);
    if let Some(last) = paragraphs.last() {
        let lower = last.to_ascii_lowercase();
        if lower.starts_with("source:") && last.len() < 200 {
            article.source = Some(last["source:".len()..].trim().to_string());
            paragraphs.pop();
        }
    }
    if let Some(first) = paragraphs.first() {
        article.dateline = find_dateline(first);
    }
    article.body = paragraphs.join("\n\n");
}

/// Finds a dateline opening a paragraph: an upper-case place name, optionally followed by a
/// country, date or agency, then a dash: `BAMAKO, Mali (AFP) — `, `KYIV, Sept 3 - `.
fn find_dateline(paragraph: &str) -> Option<String> {
    let window_end = paragraph
        .char_indices()
        .nth(80)
        .map_or(paragraph.len(), |(i, _)| i);
    let window = &paragraph[..window_end];
    let dash = [" — ", " – ", " -- ", " - "]
        .iter()
        .filter_map(|d| window.find(d))
        .min()?;
    let candidate = window[..dash].trim();
    let first_word: String = candidate
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == ' ' || *c == '-' || *c == '\'')
        .collect();
    let letters: Vec<char> = first_word.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase());
    upper.then(|| candidate.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../corpus/000_9d45f85104269f96.txt");

    #[test]
    fn seed_story_field_by_field() {
        let a = parse_story(SEED).unwrap();
        assert_eq!(
            a.title,
            "Mali approached Russian companies, Moscow not involved: Lavrov"
        );
        assert_eq!(a.date.unwrap().to_rfc3339(), "2021-09-25T00:00:00+00:00");
        assert_eq!(a.source.as_deref(), Some("News Agencies"));
        let standfirst = a.standfirst.as_deref().unwrap();
        assert!(standfirst.starts_with("Russian foreign minister says Mali"));
        assert!(standfirst.ends_with("reduce its military presence."));
        assert!(a
            .body
            .starts_with("Mali has asked Russian private companies"));
        assert!(a
            .body
            .ends_with("is not on the table,” Lavrov told reporters."));
        assert!(
            !a.body.contains("Russian foreign minister says"),
            "standfirst in body"
        );
        assert!(!a.body.contains("Zemlianichenko"), "caption in body");
        assert!(!a.body.contains("Source:"), "source line in body");
        assert!(!a.body.contains("25 Sep 2021"), "date line in body");
        assert_eq!(a.body.split("\n\n").count(), 11);
        assert_eq!(a.dateline, None);
        assert_eq!(a.byline, None);
    }

    #[test]
    fn bbc_layout_has_no_date_and_all_body() {
        let a = parse_story("Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76%.\n\nThe firm said...\n").unwrap();
        assert_eq!(a.title, "Ad sales boost Time Warner profit");
        assert_eq!(a.date, None);
        assert_eq!(a.standfirst, None);
        assert_eq!(
            a.body,
            "Quarterly profits at US media giant TimeWarner jumped 76%.\n\nThe firm said..."
        );
    }

    #[test]
    fn date_line_forms_byline_and_dateline() {
        let a = parse_story(
            "Title\n\nThe lede.\n\nBy Jane Doe\nSeptember 25, 2021\n\nBAMAKO, Mali (AFP) — Troops moved.\n\nMore.\n\nSource: AFP\n",
        )
        .unwrap();
        assert_eq!(a.date.unwrap().to_rfc3339(), "2021-09-25T00:00:00+00:00");
        assert_eq!(a.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(a.standfirst.as_deref(), Some("The lede."));
        assert_eq!(a.dateline.as_deref(), Some("BAMAKO, Mali (AFP)"));
        assert_eq!(a.source.as_deref(), Some("AFP"));
        assert_eq!(a.body, "BAMAKO, Mali (AFP) — Troops moved.\n\nMore.");
    }

    #[test]
    fn a_day_that_does_not_exist_is_reported_and_the_story_kept() {
        let out = TextReader.read(Path::new("x.txt"), b"Title\n\n2021-02-31\n\nBody.\n");
        assert_eq!(out.stories.len(), 1);
        assert_eq!(out.stories[0].date, None);
        assert_eq!(out.errors.len(), 1);
        assert_eq!(
            out.errors[0].to_string().split(':').next(),
            Some("x.txt, line 3")
        );
    }

    #[test]
    fn binary_and_empty_files_are_errors() {
        let out = TextReader.read(Path::new("b.txt"), b"\x89PNG\0\0\0");
        assert!(out.stories.is_empty());
        assert_eq!(out.errors[0].kind, ErrorKind::Unrecognised);
        let out = TextReader.read(Path::new("e.txt"), b"\n\n  \n");
        assert!(out.stories.is_empty());
        assert_eq!(out.errors[0].kind, ErrorKind::Malformed);
    }

    #[test]
    fn lists_readmes_and_lone_titles_are_not_stories() {
        for (name, text) in [
            (
                "all-places-strings.lc.txt",
                "afghanistan\nalbania \nalgeria\n",
            ),
            (
                "SHA256SUMS.txt",
                "9ff9bb40  reut2-000.sgm\n1528e7e8  reut2-001.sgm\n",
            ),
            ("README.txt", "Notes\n\nThese are notes.\n"),
            (
                "notes.txt",
                "\nSome notes on the categories\nD. Lewis\n3-Dec-96\n\nText.\n",
            ),
            ("lone.txt", "Only a title\n\n\n"),
        ] {
            let out = TextReader.read(Path::new(name), text.as_bytes());
            assert!(out.stories.is_empty(), "{name}");
            assert_eq!(out.errors[0].kind, ErrorKind::NotAStory, "{name}");
            assert_eq!(out.errors[0].path, Path::new(name));
        }
    }

    #[test]
    fn an_over_long_first_line_is_refused_before_decoding() {
        // Same code path as a 100 MB file without a line break, at a size a test can afford.
        let data = vec![b'x'; 8 * 1024 * 1024];
        let out = TextReader.read(Path::new("huge.txt"), &data);
        assert!(out.stories.is_empty());
        let e = &out.errors[0];
        assert_eq!(e.kind, ErrorKind::NotAStory);
        assert_eq!(e.location, Some(Location::Line(1)));
        assert!(e.message.contains("no line break"), "{e}");
        assert!(check_first_line(b"\n\nshort\nline", 5).is_ok());
        let e = check_first_line(b"\n\nlonger line\n", 5).unwrap_err();
        assert_eq!(e.location, Some(Location::Line(3)));
    }

    #[test]
    fn latin1_bytes_are_decoded() {
        let out = TextReader.read(
            Path::new("l.txt"),
            b"Caf\xe9 talks\n\nBody in M\xfcnchen.\n",
        );
        assert_eq!(out.stories[0].title, "Café talks");
        assert_eq!(out.stories[0].body, "Body in München.");
    }
}
