//! Gazetteer matching: the byte trie walked at each word start, and the boundary and case
//! rules a match must pass.

use super::tokenize::{char_at, char_before, is_word_char};
use super::{Gm, Pass};
use crate::gazetteer::{self, Cand, Kind};
use crate::lexicon::{lower, US_PRONOUN_BEFORE};

/// An all-caps acronym of at least this many letters may be written with only its initial
/// capital ("Nato", "Opec"); shorter ones ("Eu", "Un") may not.
const TITLE_CASE_ACRONYM_MIN: usize = 4;

/// The case rule: each character as the gazetteer writes it, or upper case where the
/// gazetteer has lower case; an all-caps acronym of [`TITLE_CASE_ACRONYM_MIN`] letters or
/// more may be written with only its initial capital ("Nato", "Opec").
fn case_ok(form: &str, surface: &str) -> bool {
    if form == surface {
        return true;
    }
    let fb = form.as_bytes();
    let sb = surface.as_bytes();
    if fb.len() == sb.len() {
        let ok = fb
            .iter()
            .zip(sb)
            .all(|(&f, &s)| f == s || (f.is_ascii_lowercase() && s == f.to_ascii_uppercase()));
        if ok {
            return true;
        }
    }
    // "Nato" for "NATO".
    let letters = form.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= TITLE_CASE_ACRONYM_MIN && form.chars().all(|c| c.is_uppercase()) {
        let mut chars = surface.chars();
        if let Some(first) = chars.next() {
            return first.is_uppercase()
                && chars.all(|c| c.is_lowercase())
                && surface.len() == form.len();
        }
    }
    false
}

impl Pass<'_> {
    /// The gazetteer pass: every match that passes [`Pass::accept`], leftmost-longest.
    pub(super) fn scan(&mut self) {
        let text = self.text;
        // The trie holds ASCII-lower-case keys: search a lower-case copy (same offsets).
        // Line breaks and tabs inside names ("New\nYork" in wrapped wire copy) read as spaces.
        let mut folded = std::mem::take(&mut self.buf.folded);
        folded.clear();
        folded.extend(text.bytes().map(|b| match b {
            b'\n' | b'\r' | b'\t' => b' ',
            b => b.to_ascii_lowercase(),
        }));
        let trie = self.x.matcher();
        // The trie is walked anchored at each word start (and after a hyphen inside a word:
        // "Iran-Iraq", "anti-American"), which enforces the left word boundary and never
        // walks the inside of words.
        let mut covered = 0;
        let mut starts: Vec<usize> = Vec::with_capacity(4);
        for ti in 0..self.buf.toks.len() {
            let tok = self.buf.toks[ti];
            starts.clear();
            let word = &folded[tok.start..tok.end];
            // A lower-case word or a number can start only a few forms ("the Kremlin").
            let may_start = if tok.lowercase {
                self.x.gaz.lower_starts.may_begin(&folded[tok.start..])
            } else if word[0].is_ascii_digit() {
                self.x.gaz.digit_first
            } else {
                true
            };
            if may_start {
                starts.push(tok.start);
            }
            // An elided article in another language ("l'Allemagne", "dell'Italia"): the
            // name starts after the apostrophe.
            if self.langs != 0 {
                let raw = &text[tok.start..tok.end];
                if let Some(i) = raw.find(['\'', '’']) {
                    let after = i + raw[i..].chars().next().map_or(1, char::len_utf8);
                    if i <= 4 && after < raw.len() {
                        starts.push(tok.start + after);
                    }
                }
            }
            if word.contains(&b'-') {
                for (i, &b) in word.iter().enumerate() {
                    if b == b'-' {
                        starts.push(tok.start + i + 1);
                    }
                }
            }
            for &s in &starts {
                if s < covered {
                    continue;
                }
                let Some((pattern, len)) = trie.longest_prefix(&folded[s..text.len()]) else {
                    continue;
                };
                if tok.lowercase && self.longer_at_next_word(ti, s + len, &folded) {
                    // "the Gulf of Guinea": "the Gulf" gives way to "Gulf of Guinea".
                    continue;
                }
                if let Some(gm) = self.accept(pattern, s, s + len) {
                    let idx = self.buf.gms.len() as u32;
                    for t in gm.lo..gm.hi {
                        self.buf.tok_gm[t] = idx;
                    }
                    covered = gm.end;
                    self.buf.gms.push(gm);
                }
            }
        }
        self.buf.folded = folded;
    }

    /// Whether an accepted match starting at the word after token `ti`, inside a match that
    /// starts with lower-case token `ti` and ends at `end` ("the Gulf"), reaches further
    /// ("Gulf of Guinea"): the longer name wins over the leading article.
    fn longer_at_next_word(&self, ti: usize, end: usize, folded: &[u8]) -> bool {
        let Some(next) = self.buf.toks.get(ti + 1).filter(|t| t.start < end) else {
            return false;
        };
        let trie = self.x.matcher();
        trie.longest_prefix(&folded[next.start..])
            .filter(|&(_, len)| next.start + len > end)
            .is_some_and(|(p, len)| self.accept(p, next.start, next.start + len).is_some())
    }

    /// The match of trie key `pattern` over `s..e`, if it passes the boundary and case
    /// rules.
    fn accept(&self, pattern: usize, s: usize, e: usize) -> Option<Gm> {
        let text = self.text;
        let surface = &text[s..e];
        // Word boundaries on both sides (a pattern may itself end in a full stop: "U.S.").
        let first = surface.chars().next()?;
        let last = surface.chars().next_back()?;
        if is_word_char(first) && char_before(text, s).is_some_and(is_word_char) {
            return None;
        }
        // A name followed by a case ending of the story's language ("Obaman", "Merkels")
        // stands for the name: the match takes the ending, and only people and places keep it.
        let mut inflected = false;
        let mut e = e;
        if is_word_char(last) && char_at(text, e).is_some_and(is_word_char) {
            if self.langs == 0 {
                return None;
            }
            let rest_end = text[e..]
                .find(|c: char| !is_word_char(c))
                .map_or(text.len(), |i| e + i);
            if !gazetteer::inflection(self.langs, &text[e..rest_end]) {
                return None;
            }
            inflected = true;
            e = rest_end;
        }
        // A ticker or code in angle brackets ("<ROK>") is not a name.
        if char_before(text, s) == Some('<') && char_at(text, e) == Some('>') {
            return None;
        }
        let caps = self.caps_at(s);
        let lo = self.tok_from(s);
        let hi = self.tok_from(e);
        let mut cands: Vec<Cand> = Vec::new();
        let mut wordlike = false;
        let mut dictword = false;
        for form in &self.gaz().forms[pattern] {
            if !case_ok(&form.text, surface) {
                continue;
            }
            if form.abbrev && !(lo > 0 && lo < self.buf.toks.len() && self.buf.toks[lo].comma) {
                continue;
            }
            if form.acronym_word && caps {
                if form.text == "US" {
                    // "LET US", "TELL US": the pronoun.
                    if lo > 0 && US_PRONOUN_BEFORE.contains(&lower(self.word(lo - 1)).as_str()) {
                        continue;
                    }
                } else {
                    continue;
                }
            }
            wordlike |= form.wordlike;
            dictword |= form.dictword;
            for &c in &form.cands {
                if c.langs != 0 && c.langs & self.langs == 0 {
                    continue;
                }
                if inflected
                    && !matches!(
                        self.gaz().entities[c.entity as usize].kind,
                        Kind::Person | Kind::Place | Kind::Country
                    )
                {
                    continue;
                }
                if !cands
                    .iter()
                    .any(|k| k.entity == c.entity && k.role == c.role)
                {
                    cands.push(c);
                }
            }
        }
        if cands.is_empty() {
            return None;
        }
        Some(Gm {
            start: s,
            end: e,
            lo,
            hi,
            cands,
            wordlike,
            dictword,
            caps,
            part: self.part_at(s),
            alive: true,
        })
    }
}
