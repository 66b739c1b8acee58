//! Lines, segments and word tokens: the first step of a pass.

use std::cell::Cell;
use std::ops::Range;

use super::{Line, Part, Pass, Segment, Tok, NONE, UNKNOWN_CLASS};

/// The lead paragraph is cut at this many bytes when it runs on.
const LEAD_MAX_BYTES: usize = 600;

/// A line is all-caps (a Reuters headline, a table row) with at least this many upper-case
/// ASCII letters...
const CAPS_LINE_MIN_UPPER: u32 = 4;
/// ...and at most one lower-case letter for this many upper-case ones.
const CAPS_LINE_UPPER_PER_LOWER: u32 = 5;

/// Average bytes per token in news English, to size the token vector once.
const BYTES_PER_TOKEN: usize = 6;

/// Splits a body into its lead (the first paragraph, at most [`LEAD_MAX_BYTES`]) and the rest.
pub(crate) fn body_segments(text: &str, start: usize, end: usize, out: &mut Vec<Segment>) {
    let body = &text[start..end];
    let trimmed = body.trim_start();
    let lead_from = start + (body.len() - trimmed.len());
    // The first paragraph ends at a blank line or an indented line.
    let tb = trimmed.as_bytes();
    let mut lead_end = tb
        .iter()
        .enumerate()
        .take(LEAD_MAX_BYTES)
        .find(|&(i, &b)| b == b'\n' && matches!(tb.get(i + 1), Some(b'\n' | b' ' | b'\t')))
        .map_or(trimmed.len(), |(i, _)| i);
    if lead_end > LEAD_MAX_BYTES {
        lead_end = LEAD_MAX_BYTES;
        while !trimmed.is_char_boundary(lead_end) {
            lead_end -= 1;
        }
    }
    let lead_end = lead_from + lead_end;
    out.push(Segment {
        start,
        end: lead_end,
        part: Part::Lead,
    });
    if lead_end < end {
        out.push(Segment {
            start: lead_end,
            end,
            part: Part::Body,
        });
    }
}

/// The character starting at byte `i`, if any.
#[inline]
pub(super) fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text.get(i..).and_then(|s| s.chars().next())
    }
}

/// The character ending at byte `i`, if any.
pub(super) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// A letter or digit, in any script.
pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Classes of ASCII bytes, for the scans of words and of the gaps between them: bits of
/// [`BYTE_CLASS`].
const ALNUM: u8 = 1;
/// An ASCII letter.
const LETTER: u8 = 1 << 1;
/// An ASCII lower-case letter.
const LOWER: u8 = 1 << 2;
/// White space as [`char::is_whitespace`] has it (`' '`, `'\t'`, `'\n'`, `'\x0b'`, `'\x0c'`,
/// `'\r'`).
const SPACE: u8 = 1 << 3;
/// The white space of a plain gap: `' '`, `'\t'`, `'\n'` or `'\r'`.
const PLAIN: u8 = 1 << 4;
/// An ASCII character that [`breaks_sentence`].
const BREAK: u8 = 1 << 5;
/// A byte outside ASCII: the scans hand such text to the general code.
const NON_ASCII: u8 = 1 << 6;

/// The class bits of every byte.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let mut k = 0;
        if c.is_ascii_alphanumeric() {
            k |= ALNUM;
        }
        if c.is_ascii_alphabetic() {
            k |= LETTER;
        }
        if c.is_ascii_lowercase() {
            k |= LOWER;
        }
        if matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            k |= SPACE;
        }
        if matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
            k |= PLAIN;
        }
        if matches!(
            c,
            b'.' | b'!' | b'?' | b':' | b';' | b'"' | b'(' | b'[' | b'|'
        ) {
            k |= BREAK;
        }
        if !c.is_ascii() {
            k |= NON_ASCII;
        }
        t[b] = k;
        b += 1;
    }
    t
};

/// Upper-case and lower-case ASCII letters in `bytes`.
///
/// Eight bytes at a time: [`ascii_range`] flags the letters, and the flags, moved to each
/// byte's low bit, add up in eight byte-wide lanes, summed before a lane could overflow.
fn ascii_case_counts(bytes: &[u8]) -> (u32, u32) {
    let (mut upper, mut lower) = (0, 0);
    let (mut upper_lanes, mut lower_lanes, mut in_lanes) = (0u64, 0u64, 0);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut eight = [0; 8];
        eight.copy_from_slice(chunk);
        let x = u64::from_le_bytes(eight);
        upper_lanes += ascii_range(x, b'A', b'Z') >> 7;
        lower_lanes += ascii_range(x, b'a', b'z') >> 7;
        in_lanes += 1;
        if in_lanes == u8::MAX {
            upper += lane_sum(upper_lanes);
            lower += lane_sum(lower_lanes);
            (upper_lanes, lower_lanes, in_lanes) = (0, 0, 0);
        }
    }
    upper += lane_sum(upper_lanes);
    lower += lane_sum(lower_lanes);
    for &b in chunks.remainder() {
        upper += u32::from(b.is_ascii_uppercase());
        lower += u32::from(b.is_ascii_lowercase());
    }
    (upper, lower)
}

/// The high bit of each byte of `x` that is an ASCII character from `lo` to `hi`: in each
/// byte's low seven bits, adding `0x80 - lo` sets the high bit from `lo` up, adding
/// `0x80 - hi - 1` from past `hi` up (no carry leaves a byte); a byte outside ASCII is none.
fn ascii_range(x: u64, lo: u8, hi: u8) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const LOW7: u64 = ONES * 0x7f;
    const HIGH: u64 = ONES * 0x80;
    let low = x & LOW7;
    let from_lo = low + ONES * u64::from(0x80 - lo);
    let past_hi = low + ONES * u64::from(0x80 - hi - 1);
    from_lo & !past_hi & !x & HIGH
}

/// The sum of the eight byte-wide lanes of `x`.
fn lane_sum(x: u64) -> u32 {
    const EVEN: u64 = 0x00ff_00ff_00ff_00ff;
    // Pairs of lanes in four 16-bit lanes, then all four in the top 16 bits.
    let pairs = (x & EVEN) + (x >> 8 & EVEN);
    (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as u32
}

/// The word starting at `start` (a letter or digit): its end and its case. A word is
/// letters and digits, joined by `-`, `'`, `’` or `.` when a letter or digit follows (but
/// not a possessive `'s`).
///
/// One scan of the bytes: the case of ASCII letters is gathered from [`BYTE_CLASS`] as they
/// are passed, and only characters outside ASCII are decoded.
#[inline]
fn word(text: &str, start: usize) -> (usize, WordCase) {
    let bytes = text.as_bytes();
    let mut i = start;
    // The classes of the ASCII letters and digits seen, or-ed.
    let mut ascii = 0u8;
    // Letters outside ASCII: any, and whether all of them are upper case.
    let (mut other_letter, mut other_all_upper) = (false, true);
    loop {
        // Most of a word is ASCII letters and digits.
        for &b in &bytes[i..] {
            let k = BYTE_CLASS[usize::from(b)];
            if k & ALNUM == 0 {
                break;
            }
            ascii |= k;
            i += 1;
        }
        let c = match bytes.get(i) {
            None => break,
            Some(&b @ (b'-' | b'\'' | b'.')) => b as char,
            Some(&b) if b < 0x80 => break,
            Some(_) => {
                let c = char_at(text, i).unwrap_or(' ');
                if is_word_char(c) {
                    if c.is_alphabetic() {
                        other_letter = true;
                        other_all_upper &= c.is_uppercase();
                    }
                    i += c.len_utf8();
                    continue;
                }
                if c != '’' {
                    break;
                }
                c
            }
        };
        let j = i + c.len_utf8();
        let Some(n) = char_at(text, j) else { break };
        if !is_word_char(n) {
            break;
        }
        if matches!(c, '\'' | '’')
            && (n == 's' || n == 'S')
            && !char_at(text, j + 1).is_some_and(is_word_char)
        {
            break; // possessive
        }
        i = j;
    }
    let (first_upper, first_lower) = match bytes[start] {
        b if b < 0x80 => (b.is_ascii_uppercase(), b.is_ascii_lowercase()),
        _ => {
            let first = char_at(text, start).unwrap_or(' ');
            (first.is_uppercase(), first.is_lowercase())
        }
    };
    let case = WordCase {
        first_upper,
        first_lower,
        any_letter: ascii & LETTER != 0 || other_letter,
        all_upper: ascii & LOWER == 0 && other_all_upper,
    };
    (i, case)
}

/// The case of a word.
struct WordCase {
    first_upper: bool,
    first_lower: bool,
    any_letter: bool,
    /// No lower-case letter.
    all_upper: bool,
}

/// Characters in a gap between words that end a sentence or open a quote or an aside.
fn breaks_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | ':' | ';' | '"' | '“' | '”' | '(' | '[' | '—' | '|'
    )
}

impl Pass<'_> {
    /// Splits the text into lines and classifies each as all-caps or not. Dateline lines are
    /// always all-caps ("SALVADOR, Feb 26").
    pub(super) fn lines(&mut self) {
        let text = self.text;
        let mut start = 0;
        for line in text.split('\n') {
            let (upper, lowercase) = ascii_case_counts(line.as_bytes());
            let dateline = self
                .segments
                .iter()
                .any(|s| s.part == Part::Dateline && s.start <= start && start < s.end);
            let caps = dateline
                || (upper >= CAPS_LINE_MIN_UPPER && lowercase * CAPS_LINE_UPPER_PER_LOWER <= upper);
            self.buf.lines.push(Line { start, caps });
            start += line.len() + 1;
        }
    }

    /// Splits the text into word tokens with their case, sentence and joining flags.
    pub(super) fn tokenize(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut toks = std::mem::take(&mut self.buf.toks);
        toks.clear();
        toks.reserve(text.len() / BYTES_PER_TOKEN + 1);
        let mut i = 0;
        let mut prev_end = 0;
        let mut prev_seg = usize::MAX;
        let mut seg = 0;
        // The line of the current token: words hold no line break, so it is the number of
        // line breaks in the gaps so far (see [`Pass::lines`]).
        let mut line = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if BYTE_CLASS[usize::from(b)] & ALNUM == 0 {
                    i += 1;
                    continue;
                }
            } else {
                let c = char_at(text, i).unwrap_or(' ');
                if !is_word_char(c) {
                    i += c.len_utf8();
                    continue;
                }
            }
            let start = i;
            let case;
            (i, case) = word(text, start);
            // Tokens come in text order: the segment index only moves forward.
            while seg < self.segments.len() && self.segments[seg].end <= start {
                seg += 1;
            }
            let new_seg = seg != prev_seg || toks.is_empty();
            let gap = self.gap_flags(prev_end..start, toks.last(), new_seg);
            line += gap.newlines;
            toks.push(Tok {
                start,
                end: i,
                cap: case.first_upper,
                upper: case.any_letter && case.all_upper,
                lowercase: case.first_lower,
                sent: gap.sent,
                join: gap.join,
                comma: gap.comma,
                caps: self.buf.lines.get(line).is_some_and(|l| l.caps),
            });
            prev_end = i;
            prev_seg = seg;
        }
        self.buf.tok_gm.clear();
        self.buf.tok_gm.resize(toks.len(), NONE);
        self.buf.tok_rule.clear();
        self.buf.tok_rule.resize(toks.len(), NONE);
        self.buf.tok_class.clear();
        self.buf
            .tok_class
            .resize(toks.len(), Cell::new(UNKNOWN_CLASS));
        self.buf.toks = toks;
    }

    /// What the gap `text[gap]` before a word says. `prev`: the word before the gap, if any;
    /// `new_seg`: the word starts a part of the story.
    ///
    /// An ASCII gap is read in one scan of its bytes; a gap with other characters by
    /// [`Pass::gap_flags_general`].
    fn gap_flags(&self, gap: Range<usize>, prev: Option<&Tok>, new_seg: bool) -> Gap {
        let gb = &self.text.as_bytes()[gap.clone()];
        if gb == b" " {
            // The usual gap: one space.
            return Gap {
                sent: new_seg,
                join: !new_seg,
                comma: false,
                newlines: 0,
            };
        }
        // The classes of the gap's bytes, or-ed and and-ed; its line breaks; whether its
        // first byte that is not white space is a comma.
        let (mut any, mut all, mut newlines) = (0u8, u8::MAX, 0);
        let (mut leading_space, mut comma) = (true, false);
        for &b in gb {
            let k = BYTE_CLASS[usize::from(b)];
            any |= k;
            all &= k;
            newlines += usize::from(b == b'\n');
            if leading_space && k & SPACE == 0 {
                leading_space = false;
                comma = b == b',';
            }
        }
        if any & NON_ASCII != 0 {
            return self.gap_flags_general(&self.text[gap], prev, new_seg);
        }
        let abbrev_dot = gb.first() == Some(&b'.')
            && gb[1..]
                .iter()
                .all(|&b| BYTE_CLASS[usize::from(b)] & SPACE != 0)
            && self.abbreviation_before(prev);
        let plain = all & PLAIN != 0 && newlines <= 1;
        Gap {
            sent: new_seg || newlines >= 2 || (!abbrev_dot && any & BREAK != 0),
            join: !new_seg && (plain || (abbrev_dot && newlines <= 1)),
            comma,
            newlines,
        }
    }

    /// [`Pass::gap_flags`] of any gap, character by character.
    fn gap_flags_general(&self, gap: &str, prev: Option<&Tok>, new_seg: bool) -> Gap {
        let abbrev_dot = gap.starts_with('.')
            && gap[1..].chars().all(char::is_whitespace)
            && self.abbreviation_before(prev);
        let newlines = gap.matches('\n').count();
        let plain = gap
            .chars()
            .all(|c| c == ' ' || c == '\t' || c == '\n' || c == '\r')
            && newlines <= 1;
        let join = !new_seg && (plain || (abbrev_dot && newlines <= 1));
        let sent = new_seg || newlines >= 2 || (!abbrev_dot && gap.chars().any(breaks_sentence));
        let comma = gap.trim_start().starts_with(',') || gap.starts_with(',');
        Gap {
            sent,
            join,
            comma,
            newlines,
        }
    }

    /// Whether `prev`, the word before a `.`, is an abbreviation or a single upper-case
    /// letter (an initial): the `.` then ends no sentence.
    fn abbreviation_before(&self, prev: Option<&Tok>) -> bool {
        let prev_word = prev.map_or("", |t| &self.text[t.start..t.end]);
        self.lex().is_abbreviation(prev_word)
            || (prev_word.len() == 1 && prev_word.chars().all(char::is_uppercase))
    }
}

/// What the gap before a word says.
struct Gap {
    /// The word starts a sentence, a quote, an aside or a part of the story.
    sent: bool,
    /// The word is joined to the previous one by plain space (at most one line break).
    join: bool,
    /// A comma comes first in the gap, after any white space.
    comma: bool,
    /// Line breaks in the gap.
    newlines: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word scan as it was before [`word`] gathered the case on the way: the end of the
    /// word, then the case of its characters one by one.
    fn word_by_chars(text: &str, start: usize) -> (usize, bool, bool, bool, bool) {
        let mut i = start;
        while let Some(c) = char_at(text, i) {
            if is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
            if matches!(c, '-' | '\'' | '’' | '.') {
                let j = i + c.len_utf8();
                let Some(n) = char_at(text, j) else { break };
                if !is_word_char(n) {
                    break;
                }
                if matches!(c, '\'' | '’')
                    && (n == 's' || n == 'S')
                    && !char_at(text, j + 1).is_some_and(is_word_char)
                {
                    break;
                }
                i = j;
                continue;
            }
            break;
        }
        let w = &text[start..i];
        let first = w.chars().next().unwrap_or(' ');
        let letters = || w.chars().filter(|c| c.is_alphabetic());
        (
            i,
            first.is_uppercase(),
            first.is_lowercase(),
            letters().next().is_some(),
            letters().all(char::is_uppercase),
        )
    }

    #[test]
    fn ascii_letters_are_counted_eight_bytes_at_a_time() {
        let mut text = String::from("SALVADOR, Feb 26 - Brazil's coffee Ü é @[`{ AZaz\u{c1}\u{e1}");
        for _ in 0..12 {
            text = format!("{text}{text}x");
        }
        let bytes = text.as_bytes();
        for (from, to) in [
            (0, bytes.len()),
            (3, 40),
            (0, 0),
            (5, 12),
            (1, 2100),
            (7, 4000),
        ] {
            let b = &bytes[from..to.min(bytes.len())];
            let upper = b.iter().filter(|b| b.is_ascii_uppercase()).count() as u32;
            let lower = b.iter().filter(|b| b.is_ascii_lowercase()).count() as u32;
            assert_eq!(ascii_case_counts(b), (upper, lower), "{from}..{to}");
        }
    }

    #[test]
    fn the_word_scan_reads_words_and_their_case_as_characters_do() {
        let text = "U.S. Wal-Mart's O'Neill’s 3.5 pct ÉCOLE École ÇA-va Zürich's \
                    ΑΘΗΝΑ Αθήνα 東京 x² IBM's dont'S a-.b Fenner. 1987-88 ЯNDEX s'est";
        for (start, c) in text.char_indices() {
            if !is_word_char(c) || char_before(text, start).is_some_and(is_word_char) {
                continue;
            }
            let (end, case) = word(text, start);
            let got = (
                end,
                case.first_upper,
                case.first_lower,
                case.any_letter,
                case.all_upper,
            );
            assert_eq!(got, word_by_chars(text, start), "{:?}", &text[start..]);
        }
    }
}
