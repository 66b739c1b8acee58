//! Text out of markup: character and entity references, control characters, and HTML
//! fragments turned into paragraphs. Shared by the SGML, XML and JSON readers.
//!
//! Everything here is linear in its input and allocation-free when there is nothing to change.

use std::borrow::Cow;

/// Length of a control character (or byte-order mark) starting at `i`, 0 when there is none:
/// C0 controls other than tab and line feed, DEL, the C1 controls and U+FEFF.
fn control_len(bytes: &[u8], i: usize) -> usize {
    match bytes[i] {
        b'\n' | b'\t' => 0,
        0..=0x1f | 0x7f => 1,
        0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => 2,
        0xef if bytes.get(i + 1..i + 3) == Some(&[0xbb, 0xbf]) => 3,
        _ => 0,
    }
}

/// True for characters a story's text never keeps (see [`drop_controls`]).
fn is_dropped_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{feff}'
}

/// Removes control characters: C0 controls other than tab and line feed (so carriage returns
/// go too), DEL, the C1 controls and byte-order marks.
pub fn drop_controls(text: &str) -> Cow<'_, str> {
    decode_refs(text, false)
}

/// The character a named entity stands for: the five XML ones and the HTML ones news text uses.
pub fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "sect" => '§',
        "para" => '¶',
        "times" => '×',
        "divide" => '÷',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "shy" => '\u{ad}',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "atilde" => 'ã',
        "auml" => 'ä',
        "aring" => 'å',
        "aelig" => 'æ',
        "ccedil" => 'ç',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "igrave" => 'ì',
        "iacute" => 'í',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ntilde" => 'ñ',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "otilde" => 'õ',
        "ouml" => 'ö',
        "oslash" => 'ø',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "yacute" => 'ý',
        "szlig" => 'ß',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Acirc" => 'Â',
        "Auml" => 'Ä',
        "Aring" => 'Å',
        "AElig" => 'Æ',
        "Ccedil" => 'Ç',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Ecirc" => 'Ê',
        "Iacute" => 'Í',
        "Ntilde" => 'Ñ',
        "Oacute" => 'Ó',
        "Ouml" => 'Ö',
        "Oslash" => 'Ø',
        "Uacute" => 'Ú',
        "Uuml" => 'Ü',
        _ => return None,
    })
}

/// Most hexadecimal digits read in a character reference (`&#x10FFFF;` has six; eight fill
/// a `u32`).
const MAX_HEX_DIGITS: usize = 8;

/// Most decimal digits read in a character reference (ten fill a `u32`).
const MAX_DECIMAL_DIGITS: usize = 10;

/// Longest reference body looked for after an `&` (the longest entity name or numeric
/// reference, with room to spare); an `&` followed by more is kept as written.
const MAX_REFERENCE_BYTES: usize = 12;

/// The character a numeric reference body (`#65`, `#x41`) stands for; `None` when it is not
/// a valid Unicode scalar value.
pub fn char_ref(body: &str) -> Option<char> {
    let digits = body.strip_prefix('#')?;
    let code = match digits.strip_prefix(['x', 'X']) {
        Some(hex) if !hex.is_empty() && hex.len() <= MAX_HEX_DIGITS => {
            u32::from_str_radix(hex, 16).ok()?
        }
        None if !digits.is_empty() && digits.len() <= MAX_DECIMAL_DIGITS => digits.parse().ok()?,
        _ => return None,
    };
    char::from_u32(code)
}

/// Decodes character references (`&#2;`, `&#x41;`) and named entities (`&lt;`, `&amp;`,
/// `&nbsp;`...), dropping control characters that references or raw bytes bring in. An `&`
/// that starts no known reference is kept as written.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    decode_refs(text, true)
}

/// Bytes that may start a control character, a BOM or a reference.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != b'\n' as usize && b != b'\t' as usize;
        b += 1;
    }
    table[b'&' as usize] = true;
    table[0x7f] = true;
    table[0xc2] = true;
    table[0xef] = true;
    table
};

/// One pass over the bytes: controls dropped, references decoded when `refs` is set.
fn decode_refs(text: &str, refs: bool) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Skip the run of ordinary bytes at once.
        match bytes[i..].iter().position(|&b| SPECIAL[b as usize]) {
            Some(n) => i += n,
            None => break,
        }
        let b = bytes[i];
        let skip = control_len(bytes, i);
        if skip > 0 {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(&text[copied..i]);
            i += skip;
            copied = i;
            continue;
        }
        if b == b'&' && refs {
            let rest = &text[i + 1..];
            let end = rest
                .bytes()
                .take(MAX_REFERENCE_BYTES)
                .position(|c| c == b';' || c == b'&' || c == b'<' || c.is_ascii_whitespace())
                .filter(|&e| rest.as_bytes()[e] == b';');
            if let Some(c) =
                end.and_then(|e| char_ref(&rest[..e]).or_else(|| named_entity(&rest[..e])))
            {
                let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
                o.push_str(&text[copied..i]);
                if !is_dropped_control(c) {
                    o.push(c);
                }
                i += end.unwrap_or(0) + 2;
                copied = i;
                continue;
            }
        }
        i += 1;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut o) => {
            o.push_str(&text[copied..]);
            Cow::Owned(o)
        }
    }
}

/// Collapses runs of white space (including line breaks) to one space and trims the ends.
pub fn collapse_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// HTML (and XHTML, NITF) elements that end a paragraph.
pub fn is_block(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "dd"
            | "dt"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hl1"
            | "hl2"
            | "blockquote"
            | "pre"
            | "tr"
            | "table"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "figure"
            | "figcaption"
            | "block"
            | "hr"
            | "body"
            | "nitf-table"
    )
}

/// Elements whose content is never story text.
pub fn is_skipped(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "script" | "style" | "head" | "title" | "noscript" | "template" | "svg" | "iframe"
    )
}

/// Collects text into paragraphs: inline text is joined with collapsed white space, a block
/// boundary ends the current paragraph.
#[derive(Debug, Default)]
pub struct Paragraphs {
    done: Vec<String>,
    current: String,
    space: bool,
}

impl Paragraphs {
    /// Appends inline text (white space collapsed across calls).
    pub fn push_text(&mut self, text: &str) {
        if text.starts_with(char::is_whitespace) {
            self.space = true;
        }
        for word in text.split_whitespace() {
            if self.space && !self.current.is_empty() {
                self.current.push(' ');
            }
            self.current.push_str(word);
            self.space = true;
        }
        self.space = text.ends_with(char::is_whitespace) || (self.space && text.is_empty());
    }

    /// Ends the current paragraph, if it has text.
    pub fn end_block(&mut self) {
        let paragraph = self.current.trim();
        if !paragraph.is_empty() {
            self.done.push(paragraph.to_string());
        }
        self.current.clear();
        self.space = false;
    }

    /// The paragraphs collected.
    pub fn into_vec(mut self) -> Vec<String> {
        self.end_block();
        self.done
    }

    /// The paragraphs joined by blank lines.
    pub fn finish(self) -> String {
        self.into_vec().join("\n\n")
    }
}

/// Plain text as paragraphs: blocks separated by a blank line, white space inside each
/// collapsed, empty ones dropped, joined by blank lines.
pub fn text_paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(collapse_space)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Turns an HTML fragment into text: tags dropped, `script`/`style` content skipped, entities
/// decoded, paragraphs (`p`, `div`, `br`, `li`, headings...) joined by blank lines. Tolerant of
/// HTML that is not well-formed; plain text without tags comes out as one paragraph per blank
/// line-separated block.
pub fn html_to_text(html: &str) -> String {
    if !html.contains('<') {
        return text_paragraphs(&decode_entities(html));
    }
    let mut paragraphs = Paragraphs::default();
    let mut rest = html;
    let mut skipping: Option<String> = None;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skipping.is_none() {
                paragraphs.push_text(&decode_entities(rest));
            }
            break;
        };
        if skipping.is_none() && lt > 0 {
            paragraphs.push_text(&decode_entities(&rest[..lt]));
        }
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |end| &rest[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == ':' || *c == '.')
            .collect();
        let local = name.rsplit(':').next().unwrap_or("").to_ascii_lowercase();
        if let Some(skipped) = &skipping {
            if closing && *skipped == local {
                skipping = None;
            }
            continue;
        }
        if !closing && !tag.ends_with('/') && matches!(local.as_str(), "script" | "style") {
            skipping = Some(local);
            continue;
        }
        if is_block(&local) {
            paragraphs.end_block();
        }
    }
    paragraphs.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_decoded_and_controls_dropped() {
        assert_eq!(decode_entities("a &lt;b&gt; &amp; c"), "a <b> & c");
        assert_eq!(decode_entities("&#2;x&#5;&#5;y&#127;z\r"), "xyz");
        assert_eq!(decode_entities("&#x41;&#66;&eacute;"), "ABé");
        assert_eq!(decode_entities("AT&T &unknown; &"), "AT&T &unknown; &");
        assert_eq!(decode_entities("&#xFFFFFFFFF;"), "&#xFFFFFFFFF;");
        assert!(matches!(decode_entities("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn html_becomes_paragraphs() {
        let html = "<p>One <b>bold</b>\n word.</p><p>Two &amp; three<br/>four</p><script>x()</script><!-- c -->";
        assert_eq!(html_to_text(html), "One bold word.\n\nTwo & three\n\nfour");
        assert_eq!(html_to_text("plain\n\ntext"), "plain\n\ntext");
        assert_eq!(html_to_text("<p>unclosed <i"), "unclosed");
    }
}
