//! Lines, segments and word tokens: the first step of a pass.

use std::cell::Cell;

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

/// The end of the word starting at `start`: letters and digits, joined by `-`, `'`, `’` or
/// `.` when a letter or digit follows (but not a possessive `'s`).
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    loop {
        // Most of a word is ASCII letters and digits.
        while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
        let Some(c) = char_at(text, i) else { break };
        if !c.is_ascii() && is_word_char(c) {
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
                break; // possessive
            }
            i = j;
            continue;
        }
        break;
    }
    i
}

/// The case of a word.
struct WordCase {
    first_upper: bool,
    first_lower: bool,
    any_letter: bool,
    /// No lower-case letter.
    all_upper: bool,
}

impl WordCase {
    fn of(word: &str) -> WordCase {
        if word.is_ascii() {
            let wb = word.as_bytes();
            return WordCase {
                first_upper: wb[0].is_ascii_uppercase(),
                first_lower: wb[0].is_ascii_lowercase(),
                any_letter: wb.iter().any(u8::is_ascii_alphabetic),
                all_upper: !wb.iter().any(u8::is_ascii_lowercase),
            };
        }
        let first = word.chars().next().unwrap_or(' ');
        let mut any_letter = false;
        let mut all_upper = true;
        for ch in word.chars() {
            if ch.is_alphabetic() {
                any_letter = true;
                if !ch.is_uppercase() {
                    all_upper = false;
                }
            }
        }
        WordCase {
            first_upper: first.is_uppercase(),
            first_lower: first.is_lowercase(),
            any_letter,
            all_upper,
        }
    }
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
            let (mut upper, mut lowercase) = (0u32, 0u32);
            for b in line.bytes() {
                upper += u32::from(b.is_ascii_uppercase());
                lowercase += u32::from(b.is_ascii_lowercase());
            }
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
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
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
            i = word_end(text, start);
            let case = WordCase::of(&text[start..i]);
            // Tokens come in text order: the segment index only moves forward.
            while seg < self.segments.len() && self.segments[seg].end <= start {
                seg += 1;
            }
            let new_seg = seg != prev_seg || toks.is_empty();
            let prev_word = toks.last().map(|t| &text[t.start..t.end]).unwrap_or("");
            let (sent, join, comma) = self.gap_flags(&text[prev_end..start], prev_word, new_seg);
            toks.push(Tok {
                start,
                end: i,
                cap: case.first_upper,
                upper: case.any_letter && case.all_upper,
                lowercase: case.first_lower,
                sent,
                join,
                comma,
                caps: false,
            });
            prev_end = i;
            prev_seg = seg;
        }
        self.caps_by_line(&mut toks);
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

    /// What the gap before a word says: `(sentence start, joined to the previous word,
    /// comma before)`. `new_seg`: the word starts a part of the story.
    fn gap_flags(&self, gap: &str, prev_word: &str, new_seg: bool) -> (bool, bool, bool) {
        if gap == " " {
            // The usual gap: one space.
            return (new_seg, !new_seg, false);
        }
        let abbrev_dot = gap.starts_with('.')
            && gap[1..].chars().all(char::is_whitespace)
            && (self.lex().is_abbreviation(prev_word)
                || (prev_word.len() == 1 && prev_word.chars().all(char::is_uppercase)));
        let newlines = gap.matches('\n').count();
        let plain = gap
            .chars()
            .all(|c| c == ' ' || c == '\t' || c == '\n' || c == '\r')
            && newlines <= 1;
        let join = !new_seg && (plain || (abbrev_dot && newlines <= 1));
        let sent = new_seg || newlines >= 2 || (!abbrev_dot && gap.chars().any(breaks_sentence));
        let comma = gap.trim_start().starts_with(',') || gap.starts_with(',');
        (sent, join, comma)
    }

    /// Sets each token's all-caps flag from its line.
    fn caps_by_line(&self, toks: &mut [Tok]) {
        let mut li = 0;
        for t in toks {
            while li + 1 < self.buf.lines.len() && self.buf.lines[li + 1].start <= t.start {
                li += 1;
            }
            t.caps = self.buf.lines.get(li).is_some_and(|l| l.caps);
        }
    }
}
