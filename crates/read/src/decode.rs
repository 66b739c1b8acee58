//! Turning a file's bytes into text: UTF-8 when valid, else Windows-1252 (a superset of
//! Latin-1 for printable text), with a byte-order mark dropped.

use std::borrow::Cow;

/// How a file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Valid UTF-8.
    Utf8,
    /// Not valid UTF-8; decoded as Windows-1252.
    Windows1252,
}

/// Decodes bytes as UTF-8 when they are valid UTF-8 (dropping a BOM), else as Windows-1252.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), Encoding::Utf8),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text, Encoding::Windows1252)
        }
    }
}

/// How many leading bytes [`looks_binary`] looks at.
const BINARY_SNIFF_BYTES: usize = 8192;

/// Text has fewer control characters than one in this many bytes; binary data more.
const MAX_CONTROL_RATIO: usize = 10;

/// True when the bytes look like binary data rather than text: a NUL byte, or more than one
/// control character in ten bytes, in the first 8 KiB.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * MAX_CONTROL_RATIO > head.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_and_latin1_is_decoded() {
        assert_eq!(
            decode("Côte".as_bytes()),
            (Cow::Borrowed("Côte"), Encoding::Utf8)
        );
        let (text, enc) = decode(b"M\xfcller \x93quoted\x94");
        assert_eq!(text, "Müller \u{201c}quoted\u{201d}");
        assert_eq!(enc, Encoding::Windows1252);
    }

    #[test]
    fn bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFTitle").0, "Title");
    }

    #[test]
    fn binary_is_recognised() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(!looks_binary(b"Title\n\nBody text.\n"));
    }
}
