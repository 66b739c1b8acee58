//! Format readers that turn wire-story files into newsidx [`Article`]s: the first step of the
//! read -> extract -> map -> write -> query flow.
//!
//! Each format has a [`Reader`]; [`Readers`] holds them all, picks one for a file by its name
//! and first bytes, and reads it. Reading never panics and never stops at a bad file: every
//! problem comes back as a [`ReadError`] naming the file and, where there is one, the line or
//! byte, beside the stories that could be read. [`walk()`] lists the files of a corpus folder.
//!
//! Formats, each a module with its field mapping documented:
//!
//! - plain-text wire stories ([`text`]), which refuses lists, READMEs and other non-stories;
//! - JSON Lines ([`jsonl`]), with a [`FieldMap`] for other field names;
//! - Reuters-21578 SGML ([`reuters`]);
//! - IPTC NewsML-G2, and NewsML 1 ([`newsml`]);
//! - IPTC NITF 3.x ([`nitf`]);
//! - IPTC ninjs 1.x and 2.x JSON ([`ninjs`]);
//! - ANPA 1312 and IPTC 7901 wire text ([`anpa`]);
//! - Atom and RSS feeds, every entry a story ([`feed`]);
//! - Ritzau's `RBNews` XML ([`ritzau`]);
//! - any of them gzipped (`.gz`, see [`Readers::read_bytes`]).
//!
//! XML is parsed with the limits of [`xml`] (no entity expansion, bounded depth); text is
//! decoded as UTF-8, else Windows-1252 ([`decode`]), and cleaned by [`markup`]. The readers
//! share their field helpers ([`fields`]: blank values as absent, the first readable date,
//! bylines), which a [`Reader`] of another format can use too.
//!
//! # Quick start
//! ```
//! use std::path::Path;
//! use newsidx_read::Readers;
//!
//! let readers = Readers::new();
//! let file = readers.read_bytes(
//!     Path::new("story.txt"),
//!     b"Mali approached Russian companies\n\nThe lede.\n\n25 Sep 2021\n\nBody.\n\nSource: News Agencies\n",
//! );
//! assert_eq!(file.format, Some("text"));
//! let story = &file.stories[0];
//! assert_eq!(story.source.as_deref(), Some("News Agencies"));
//! assert_eq!(story.date.unwrap().to_rfc3339(), "2021-09-25T00:00:00+00:00");
//! assert!(file.errors.is_empty());
//! ```
#![deny(missing_docs)]

use std::io::Read;
use std::path::{Path, PathBuf};

use newsidx_model::{Article, Origin};

pub mod anpa;
pub mod date;
pub mod decode;
pub mod error;
pub mod feed;
pub mod fields;
pub mod jsonl;
pub mod markup;
pub mod newsml;
pub mod ninjs;
pub mod nitf;
pub mod reuters;
pub mod ritzau;
pub mod text;
pub mod walk;
pub mod xml;

pub use error::{ErrorKind, Location, ReadError};
pub use jsonl::FieldMap;
pub use walk::{walk, Walk};

/// Files larger than this are refused with [`ErrorKind::TooLarge`] unless
/// [`Readers::max_file_bytes`] says otherwise.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// How many leading bytes readers see when sniffing a file's format.
pub const SNIFF_BYTES: usize = 4096;

/// What a reader got out of one file: the stories it could read and the problems it met.
#[derive(Debug, Default)]
pub struct ReadOutput {
    /// Stories read, in file order.
    pub stories: Vec<Article>,
    /// Problems, each naming the file and place.
    pub errors: Vec<ReadError>,
}

impl ReadOutput {
    /// An output of one story.
    pub fn story(article: Article) -> ReadOutput {
        ReadOutput {
            stories: vec![article],
            errors: Vec::new(),
        }
    }

    /// The output for a file whose bytes are binary, not the `format` its reader expects
    /// (e.g. `"JSON Lines"`): one [`ErrorKind::Unrecognised`] error and no story.
    pub fn binary(path: &Path, format: &str) -> ReadOutput {
        ReadOutput::error(ReadError::new(
            path,
            ErrorKind::Unrecognised,
            format!("binary data (NUL or control bytes), not {format}"),
        ))
    }

    /// An output of one error and no story.
    pub fn error(error: ReadError) -> ReadOutput {
        ReadOutput {
            stories: Vec::new(),
            errors: vec![error],
        }
    }
}

/// A reader of one file format.
pub trait Reader: Send + Sync {
    /// Short name of the format, e.g. `text`, `jsonl`; recorded as each story's origin format.
    fn name(&self) -> &'static str;

    /// How sure this reader is that it reads the file, from 0 (not at all) to 100, judged from
    /// the path and the first [`SNIFF_BYTES`] bytes (decompressed).
    fn sniff(&self, path: &Path, head: &[u8]) -> u8;

    /// Reads every story of the file. Must not panic on any input.
    fn read(&self, path: &Path, data: &[u8]) -> ReadOutput;
}

/// The result of reading one file through [`Readers`].
#[derive(Debug)]
pub struct FileRead {
    /// The file.
    pub path: PathBuf,
    /// The reader chosen, `None` when none accepted the file.
    pub format: Option<&'static str>,
    /// Stories read, each with its origin and a stable id.
    pub stories: Vec<Article>,
    /// Problems met.
    pub errors: Vec<ReadError>,
}

/// All readers, and the choice between them.
pub struct Readers {
    readers: Vec<Box<dyn Reader>>,
    max_file_bytes: u64,
}

impl Default for Readers {
    fn default() -> Self {
        Readers::new()
    }
}

impl Readers {
    /// Every built-in reader.
    pub fn new() -> Readers {
        Readers {
            readers: vec![
                Box::new(text::TextReader),
                Box::new(jsonl::JsonLinesReader::default()),
                Box::new(reuters::ReutersReader),
                Box::new(nitf::NitfReader),
                Box::new(newsml::NewsMlReader),
                Box::new(ninjs::NinjsReader),
                Box::new(anpa::AnpaReader),
                Box::new(feed::FeedReader),
                Box::new(ritzau::RitzauReader),
            ],
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }

    /// Adds a reader; on equal sniff scores, earlier readers win.
    pub fn with_reader(mut self, reader: Box<dyn Reader>) -> Readers {
        self.readers.push(reader);
        self
    }

    /// Reads JSON Lines through `map` (see [`jsonl::FieldMap`]): replaces the built-in JSON
    /// Lines reader with one that looks mapped paths up first.
    pub fn with_field_map(mut self, map: jsonl::FieldMap) -> Readers {
        for reader in &mut self.readers {
            if reader.name() == "jsonl" {
                *reader = Box::new(jsonl::JsonLinesReader::with_map(map.clone()));
            }
        }
        self
    }

    /// Sets the largest file size read (default [`DEFAULT_MAX_FILE_BYTES`]).
    pub fn max_file_bytes(mut self, bytes: u64) -> Readers {
        self.max_file_bytes = bytes;
        self
    }

    /// Names of the readers, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.readers.iter().map(|r| r.name()).collect()
    }

    /// Reads a file from disk. I/O problems and oversized files come back as errors.
    pub fn read_path(&self, path: &Path) -> FileRead {
        match self.load(path) {
            Ok(data) => self.read_bytes(path, &data),
            Err(error) => FileRead {
                path: path.to_path_buf(),
                format: None,
                stories: Vec::new(),
                errors: vec![error],
            },
        }
    }

    fn load(&self, path: &Path) -> Result<Vec<u8>, ReadError> {
        let io = |e: std::io::Error| ReadError::new(path, ErrorKind::Io, e.to_string());
        let file = std::fs::File::open(path).map_err(io)?;
        let len = file.metadata().map_err(io)?.len();
        if len > self.max_file_bytes {
            return Err(ReadError::new(
                path,
                ErrorKind::TooLarge,
                format!(
                    "{len} bytes is over the {} byte limit for one file",
                    self.max_file_bytes
                ),
            ));
        }
        let mut data = Vec::with_capacity(len as usize);
        file.take(self.max_file_bytes + 1)
            .read_to_end(&mut data)
            .map_err(io)?;
        Ok(data)
    }

    /// Reads a file's content, choosing the reader by path and content.
    ///
    /// Gzip content (a `.gz` name or the gzip magic bytes) is decompressed first, up to the
    /// [`Readers::max_file_bytes`] limit: more than that (a gzip bomb) fails with
    /// [`ErrorKind::TooLarge`] without inflating further, and corrupt or truncated gzip data
    /// with [`ErrorKind::Malformed`]. The reader is then chosen by the inner name (`x.xml.gz`
    /// is sniffed as `x.xml`); errors and origins name the `.gz` file.
    pub fn read_bytes(&self, path: &Path, data: &[u8]) -> FileRead {
        let gz_name = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
        if gz_name || data.starts_with(&[0x1f, 0x8b]) {
            let inner = if gz_name {
                path.with_extension("")
            } else {
                path.to_path_buf()
            };
            return match self.gunzip(path, data) {
                Ok(plain) => self.read_plain(path, &inner, &plain),
                Err(error) => FileRead {
                    path: path.to_path_buf(),
                    format: None,
                    stories: Vec::new(),
                    errors: vec![error],
                },
            };
        }
        self.read_plain(path, path, data)
    }

    fn gunzip(&self, path: &Path, data: &[u8]) -> Result<Vec<u8>, ReadError> {
        let mut plain = Vec::new();
        let decoder = flate2::read::MultiGzDecoder::new(data);
        decoder
            .take(self.max_file_bytes + 1)
            .read_to_end(&mut plain)
            .map_err(|e| {
                ReadError::new(
                    path,
                    ErrorKind::Malformed,
                    format!("corrupt gzip data: {e}"),
                )
                .at(Location::Byte(plain.len() as u64))
            })?;
        if plain.len() as u64 > self.max_file_bytes {
            return Err(ReadError::new(
                path,
                ErrorKind::TooLarge,
                format!(
                    "gzip content inflates past the {} byte limit for one file (a gzip bomb?): not read",
                    self.max_file_bytes
                ),
            ));
        }
        Ok(plain)
    }

    /// Reads decompressed content: `path` names the file, `name` is sniffed.
    fn read_plain(&self, path: &Path, name: &Path, data: &[u8]) -> FileRead {
        if data.trim_ascii().is_empty() {
            // One rule for every format: a file with no text holds no story, like a README.
            return FileRead {
                path: path.to_path_buf(),
                format: None,
                stories: Vec::new(),
                errors: vec![ReadError::new(
                    path,
                    ErrorKind::NotAStory,
                    "empty file (no bytes, or white space only)",
                )],
            };
        }
        let head = &data[..data.len().min(SNIFF_BYTES)];
        let best = self
            .readers
            .iter()
            .map(|r| (r.sniff(name, head), r))
            .filter(|(score, _)| *score > 0)
            .fold(
                None,
                |best: Option<(u8, &Box<dyn Reader>)>, (score, r)| match best {
                    Some((s, _)) if s >= score => best,
                    _ => Some((score, r)),
                },
            );
        let Some((_, reader)) = best else {
            let message = if decode::looks_binary(head) {
                "binary data, not a story in any supported format".to_string()
            } else if name
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("dtd"))
            {
                "a document type definition (DTD), not a story".to_string()
            } else {
                format!(
                    "no reader recognises this file (readers: {})",
                    self.names().join(", ")
                )
            };
            return FileRead {
                path: path.to_path_buf(),
                format: None,
                stories: Vec::new(),
                errors: vec![ReadError::new(path, ErrorKind::Unsupported, message)],
            };
        };
        let output = reader.read(path, data);
        let mut stories = output.stories;
        for story in &mut stories {
            story.ensure_id();
            let origin = story.origin.get_or_insert_with(Origin::default);
            if origin.path.is_empty() {
                origin.path = path.display().to_string();
            }
            if origin.format.is_empty() {
                origin.format = reader.name().to_string();
            }
        }
        FileRead {
            path: path.to_path_buf(),
            format: Some(reader.name()),
            stories,
            errors: output.errors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_is_chosen_by_name_and_content() {
        let readers = Readers::new();
        let jsonl = readers.read_bytes(Path::new("a.jsonl"), b"{\"title\":\"t\",\"body\":\"b\"}\n");
        assert_eq!(jsonl.format, Some("jsonl"));
        let text = readers.read_bytes(Path::new("a.txt"), b"Title\n\nBody\n");
        assert_eq!(text.format, Some("text"));
        assert_eq!(text.stories[0].origin.as_ref().unwrap().format, "text");
        assert_eq!(text.stories[0].id.len(), 16);
    }

    #[test]
    fn unknown_and_binary_files_are_reported() {
        let readers = Readers::new();
        let png = readers.read_bytes(Path::new("p.png"), b"\x89PNG\r\n\x1a\n\0\0");
        assert_eq!(png.format, None);
        assert!(png.errors[0].message.contains("binary"));
        let pdf = readers.read_bytes(Path::new("x.pdf"), b"%PDF-1.4 text");
        assert_eq!(pdf.errors[0].kind, ErrorKind::Unsupported);
    }

    /// Regression: an empty `.txt` beside a README failed the run (exit 3) while the README
    /// was skipped; a file with no text is now skipped whatever its name.
    #[test]
    fn empty_files_of_every_name_hold_no_story() {
        let readers = Readers::new();
        for name in ["e.txt", "e.xml", "e.jsonl", "e.sgm", "e", "blank.txt"] {
            let data: &[u8] = if name == "blank.txt" {
                b" \n\n\t\n"
            } else {
                b""
            };
            let file = readers.read_bytes(Path::new(name), data);
            assert!(file.stories.is_empty(), "{name}");
            assert_eq!(file.errors.len(), 1, "{name}");
            assert_eq!(file.errors[0].kind, ErrorKind::NotAStory, "{name}");
            assert!(file.errors[0].message.contains("empty"), "{name}");
        }
    }

    #[test]
    fn oversized_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, vec![b'a'; 2048]).unwrap();
        let file = Readers::new().max_file_bytes(1024).read_path(&path);
        assert_eq!(file.errors[0].kind, ErrorKind::TooLarge);
        assert!(file.stories.is_empty());
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn gzip_files_are_read_by_their_inner_name() {
        let nitf = b"<nitf><body><body.head><hedline><hl1>T</hl1></hedline></body.head><body.content><p>B</p></body.content></body></nitf>";
        let file = Readers::new().read_bytes(Path::new("d/story.xml.gz"), &gzip(nitf));
        assert_eq!(file.format, Some("nitf"));
        assert_eq!(file.stories[0].title, "T");
        assert_eq!(
            file.stories[0].origin.as_ref().unwrap().path,
            "d/story.xml.gz"
        );
        let text = Readers::new().read_bytes(Path::new("s.txt.gz"), &gzip(b"Title\n\nBody.\n"));
        assert_eq!(text.format, Some("text"));
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_limit() {
        let bomb = gzip(&vec![0u8; 8 * 1024 * 1024]);
        assert!(bomb.len() < 64 * 1024);
        let file = Readers::new()
            .max_file_bytes(1024 * 1024)
            .read_bytes(Path::new("bomb.jsonl.gz"), &bomb);
        assert_eq!(file.errors[0].kind, ErrorKind::TooLarge);
        assert!(file.errors[0]
            .to_string()
            .starts_with("bomb.jsonl.gz: gzip content"));
        let mut truncated = gzip(b"Title\n\nBody text that is long enough.\n");
        truncated.truncate(truncated.len() / 2);
        let file = Readers::new().read_bytes(Path::new("cut.txt.gz"), &truncated);
        assert_eq!(file.errors[0].kind, ErrorKind::Malformed);
        assert!(
            file.errors[0].message.contains("corrupt gzip"),
            "{}",
            file.errors[0]
        );
    }

    #[test]
    fn a_missing_file_is_an_io_error_naming_it() {
        let file = Readers::new().read_path(Path::new("/no/such/file.txt"));
        assert_eq!(file.errors[0].kind, ErrorKind::Io);
        assert!(file.errors[0]
            .to_string()
            .starts_with("/no/such/file.txt: "));
    }
}
