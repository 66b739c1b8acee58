//! Errors of the readers: every one names the file and, where there is one, the place in it.

use std::fmt;
use std::path::PathBuf;

/// Where in a file a problem was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// 1-based line number.
    Line(u64),
    /// 0-based byte offset.
    Byte(u64),
    /// 1-based number of the story (item, record) within the file.
    Item(u64),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line(n) => write!(f, "line {n}"),
            Location::Byte(n) => write!(f, "byte {n}"),
            Location::Item(n) => write!(f, "story {n}"),
        }
    }
}

/// Why a file, or a story in it, could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file could not be opened or read (permissions, vanished, symlink loop...).
    Io,
    /// No reader recognises the content (binary data, an unknown format).
    Unrecognised,
    /// The content is of a known format but malformed (bad JSON line, truncated XML...).
    Malformed,
    /// A field has a value that cannot be used (a date that does not exist...).
    BadValue,
    /// The file or item is valid but holds no text story (a picture item, a package).
    NotAStory,
    /// The file exceeds a size or nesting limit.
    TooLarge,
    /// No reader handles files of this kind (an image, a spreadsheet, notes beside the
    /// stories): the file is skipped, which is not a failure.
    Unsupported,
    /// newsidx itself failed on the file (a bug in a reader or the extractor, which the
    /// message names): the file's stories read before it stay, the run goes on, and the file
    /// is read again by the next run.
    Internal,
}

impl ErrorKind {
    /// Short lower-case name, for summaries and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::Unrecognised => "unrecognised",
            ErrorKind::Malformed => "malformed",
            ErrorKind::BadValue => "bad-value",
            ErrorKind::NotAStory => "not-a-story",
            ErrorKind::TooLarge => "too-large",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::Internal => "internal",
        }
    }
}

/// A problem reading one file or one story: the file, the place, the kind and a message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ReadError {
    /// The file.
    pub path: PathBuf,
    /// Where in the file, when known.
    pub location: Option<Location>,
    /// What kind of problem.
    pub kind: ErrorKind,
    /// What went wrong, in words.
    pub message: String,
}

impl ReadError {
    /// A new error about `path`.
    pub fn new(path: impl Into<PathBuf>, kind: ErrorKind, message: impl Into<String>) -> Self {
        ReadError {
            path: path.into(),
            location: None,
            kind,
            message: message.into(),
        }
    }

    /// The same error at a place in the file.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// An [`ErrorKind::Internal`] error about `path`: newsidx panicked on it (`panic` is what
    /// [`std::panic::catch_unwind`] caught), with what the panic said.
    pub fn from_panic(path: impl Into<PathBuf>, panic: &(dyn std::any::Any + Send)) -> Self {
        let said = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_string());
        let message = format!("newsidx failed on this file ({said}); a bug, please report it");
        ReadError::new(path, ErrorKind::Internal, message)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(location) = self.location {
            write!(f, ", {location}")?;
        }
        write!(f, ": {}", self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error_with_its_message() {
        let caught = std::panic::catch_unwind(|| panic!("bad {}", 1)).unwrap_err();
        let e = ReadError::from_panic("a.xml", caught.as_ref());
        assert_eq!(e.kind, ErrorKind::Internal);
        assert_eq!(
            e.to_string(),
            "a.xml: newsidx failed on this file (bad 1); a bug, please report it"
        );
        let caught = std::panic::catch_unwind(|| panic!("plain")).unwrap_err();
        assert!(ReadError::from_panic("b", caught.as_ref())
            .message
            .contains("(plain)"));
    }

    #[test]
    fn display_names_file_and_place() {
        let e = ReadError::new("a/b.jsonl", ErrorKind::Malformed, "expected value")
            .at(Location::Line(3));
        assert_eq!(e.to_string(), "a/b.jsonl, line 3: expected value");
    }

    #[test]
    fn every_public_error_is_a_std_error() {
        fn message(e: &dyn std::error::Error) -> String {
            e.to_string()
        }
        let read = ReadError::new("a.xml", ErrorKind::Malformed, "truncated");
        assert_eq!(message(&read), "a.xml: truncated");
        let date = crate::date::parse_date("2021-02-31").unwrap_err();
        assert!(message(&date).contains("does not exist"));
        let map = crate::FieldMap::default().parse("nope").unwrap_err();
        assert!(message(&map).starts_with("bad field map \"nope\""));
    }
}
