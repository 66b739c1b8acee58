//! The lexical level of the query language: the cursor, operators, words with their escapes,
//! quoted text and numbers. The grammar ([`super::grammar`]) calls these as it goes; there is
//! no separate token list.

use super::errors::SyntaxError;
use super::Limits;

/// A binary or unary operator written as a word or a symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    /// `AND` or `&&`.
    And,
    /// `OR` or `||`.
    Or,
    /// `NOT` (the symbols `-` and `!` are read by the grammar, before an operand).
    Not,
}

/// A word as read: its text with escapes resolved, and where its special characters stood.
#[derive(Debug)]
pub(super) struct Lexed {
    /// Byte offset of the first character.
    pub start: usize,
    /// The text, escapes resolved (`10\:30` gives `10:30`).
    pub text: String,
    /// Byte offset in the query of the first colon not escaped.
    pub colon: Option<usize>,
    /// Every `*` not escaped: (byte offset in `text`, byte offset in the query).
    pub stars: Vec<(usize, usize)>,
}

/// The parser's state: the query, the cursor and the nesting depth.
pub(super) struct Parser<'a> {
    pub q: &'a str,
    pub at: usize,
    pub depth: usize,
    pub limits: Limits,
}

impl<'a> Parser<'a> {
    pub fn rest(&self) -> &'a str {
        &self.q[self.at..]
    }

    pub fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub fn eof(&self) -> bool {
        self.at >= self.q.len()
    }

    pub fn skip_ws(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    pub fn error_at(&self, offset: usize, expected: &str) -> SyntaxError {
        SyntaxError::at(self.q, offset, expected)
    }

    pub fn error(&self, expected: &str) -> SyntaxError {
        self.error_at(self.at, expected)
    }

    /// Character position (from 1) of byte `offset`, for messages that point back.
    pub fn column_of(&self, offset: usize) -> usize {
        self.q[..offset].chars().count() + 1
    }

    /// The keyword (`OR`, `AND`, `NOT`) at the cursor, if the cursor is on one standing
    /// alone.
    pub fn keyword(&self, keyword: &str) -> bool {
        let rest = self.rest();
        rest.starts_with(keyword)
            && rest[keyword.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || c == '(' || c == '"')
    }

    /// The operator at the cursor and its length in bytes: `AND`, `OR` and `NOT` standing
    /// alone (upper case only), `&&` and `||` anywhere outside a quoted phrase.
    pub fn operator(&self) -> Option<(Op, usize)> {
        let rest = self.rest();
        if rest.starts_with("&&") {
            Some((Op::And, 2))
        } else if rest.starts_with("||") {
            Some((Op::Or, 2))
        } else if self.keyword("AND") {
            Some((Op::And, 3))
        } else if self.keyword("OR") {
            Some((Op::Or, 2))
        } else if self.keyword("NOT") {
            Some((Op::Not, 3))
        } else {
            None
        }
    }

    /// Reads a word: a run of characters up to whitespace, `(`, `)`, `"`, `^`, `~`, `&&` or
    /// `||`, any of which a backslash escapes. May be empty (the caller decides).
    pub fn word(&mut self) -> Result<Lexed, SyntaxError> {
        let start = self.at;
        let mut lexed = Lexed {
            start,
            text: String::new(),
            colon: None,
            stars: Vec::new(),
        };
        let mut chars = self.rest().char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let offset = start + i;
            match c {
                '\\' => match chars.next() {
                    Some((_, escaped)) => lexed.text.push(escaped),
                    None => {
                        self.at = offset;
                        return Err(
                            self.error("a character after '\\' (write \\\\ for a backslash)")
                        );
                    }
                },
                c if c.is_whitespace() || matches!(c, '(' | ')' | '"' | '^' | '~') => {
                    self.at = offset;
                    return Ok(lexed);
                }
                '&' | '|' if chars.peek().map(|&(_, n)| n) == Some(c) => {
                    self.at = offset;
                    return Ok(lexed);
                }
                ':' => {
                    lexed.colon.get_or_insert(offset);
                    lexed.text.push(c);
                }
                '*' => {
                    lexed.stars.push((lexed.text.len(), offset));
                    lexed.text.push(c);
                }
                c => lexed.text.push(c),
            }
        }
        self.at = self.q.len();
        Ok(lexed)
    }

    /// Reads a quoted text; the cursor is on the opening `"`. A backslash escapes the next
    /// character (`\"`, `\\`).
    pub fn quoted(&mut self) -> Result<String, SyntaxError> {
        let open = self.at;
        let mut text = String::new();
        let mut chars = self.q[open + 1..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.at = open + 1 + i + 1;
                    return Ok(text);
                }
                '\\' => match chars.next() {
                    Some((_, escaped)) => text.push(escaped),
                    None => break,
                },
                c => text.push(c),
            }
        }
        Err(self
            .error_at(self.q.len(), "")
            .found("end of query")
            .expecting(format!(
                "'\"' to close the phrase opened at character {}",
                self.column_of(open)
            )))
    }

    /// Reads ASCII digits, with a fraction when `fraction` is set (`2`, `0.5`); empty when
    /// there are none.
    pub fn number(&mut self, fraction: bool) -> &'a str {
        let rest = self.rest();
        let mut len = rest.bytes().take_while(u8::is_ascii_digit).count();
        if fraction && len > 0 && rest[len..].starts_with('.') {
            let decimals = rest[len + 1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            if decimals > 0 {
                len += 1 + decimals;
            }
        }
        self.at += len;
        &rest[..len]
    }

    /// Checks that a suffix (`~1`, `^2`) ends where the operand does: at whitespace, `)`,
    /// the end, or one of `also`.
    pub fn end_of_operand(&self, what: &str, also: &[char]) -> Result<(), SyntaxError> {
        match self.peek() {
            None => Ok(()),
            Some(c) if c.is_whitespace() || c == ')' || also.contains(&c) => Ok(()),
            Some(_) => Err(self.error(&format!("whitespace or ')' after {what}"))),
        }
    }
}

impl SyntaxError {
    /// The same error, expecting `expected` instead.
    #[must_use]
    pub(super) fn expecting(mut self, expected: impl Into<String>) -> SyntaxError {
        self.expected = expected.into();
        self
    }
}
