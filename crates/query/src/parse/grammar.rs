//! The grammar of the module documentation, one function per rule. Recursion (groups and
//! negations) goes through [`Parser::enter`], which checks the depth cap before going deeper.

use chrono::Duration;
use newsidx_core::Dimension;

use super::errors::SyntaxError;
use super::lexer::{Lexed, Op, Parser};
use super::{DateRange, Node, TextField};
use crate::dates::{date_range, parse_bound};

pub(super) const EXPECT_TERM: &str = "a word, \"phrase\", '(' or filter";

impl Parser<'_> {
    /// Goes one level deeper (a group or a negation), or fails at the cap.
    fn enter(&mut self) -> Result<(), SyntaxError> {
        if self.depth >= self.limits.max_depth {
            return Err(self.error(&format!(
                "at most {} nested groups and negations",
                self.limits.max_depth
            )));
        }
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    pub fn or_expr(&mut self) -> Result<Node, SyntaxError> {
        let mut alternatives = vec![self.and_expr()?];
        loop {
            self.skip_ws();
            let Some((Op::Or, len)) = self.operator() else {
                break;
            };
            let written = &self.q[self.at..self.at + len];
            self.at += len;
            self.skip_ws();
            if self.eof()
                || self.peek() == Some(')')
                || matches!(self.operator(), Some((Op::Or | Op::And, _)))
            {
                return Err(self.error(&format!("{EXPECT_TERM} after {written}")));
            }
            alternatives.push(self.and_expr()?);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.pop().expect("one")
        } else {
            Node::Or(alternatives)
        })
    }

    fn and_expr(&mut self) -> Result<Node, SyntaxError> {
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            if self.eof() || self.peek() == Some(')') {
                break;
            }
            match self.operator() {
                Some((Op::Or, _)) => break,
                Some((Op::And, len)) => {
                    if items.is_empty() {
                        return Err(self.error(EXPECT_TERM));
                    }
                    let written = &self.q[self.at..self.at + len];
                    self.at += len;
                    self.skip_ws();
                    if self.eof()
                        || self.peek() == Some(')')
                        || matches!(self.operator(), Some((Op::Or | Op::And, _)))
                    {
                        return Err(self.error(&format!("{EXPECT_TERM} after {written}")));
                    }
                }
                _ => {}
            }
            items.push(self.unary()?);
        }
        match items.len() {
            0 => Err(self.error(EXPECT_TERM)),
            1 => Ok(items.pop().expect("one")),
            _ => Ok(Node::And(items)),
        }
    }

    /// `-x`, `!x`, `NOT x` (must not match), `+x` (must match), or a boosted primary.
    fn unary(&mut self) -> Result<Node, SyntaxError> {
        let (negate, len, written) = match self.peek() {
            Some('-') => (true, 1, "'-'"),
            Some('!') => (true, 1, "'!'"),
            Some('+') => (false, 1, "'+'"),
            _ if self.operator().is_some_and(|(op, _)| op == Op::Not) => (true, 3, "NOT"),
            _ => return self.boosted(),
        };
        self.enter()?;
        self.at += len;
        if written == "NOT" {
            self.skip_ws();
            if self.eof()
                || self.peek() == Some(')')
                || matches!(self.operator(), Some((Op::Or | Op::And, _)))
            {
                return Err(self.error(&format!("{EXPECT_TERM} after NOT")));
            }
        } else {
            match self.peek() {
                None => return Err(self.error(&format!("{EXPECT_TERM} after {written}"))),
                Some(c) if c.is_whitespace() || matches!(c, ')' | '-' | '!' | '+') => {
                    return Err(self.error(&format!("{EXPECT_TERM} after {written}")))
                }
                _ => {}
            }
        }
        let inner = self.unary()?;
        self.leave();
        Ok(if negate {
            Node::Not(Box::new(inner))
        } else {
            inner
        })
    }

    /// A primary with an optional boost `^N`.
    fn boosted(&mut self) -> Result<Node, SyntaxError> {
        let node = self.primary()?;
        if self.peek() != Some('^') {
            return Ok(node);
        }
        self.at += 1;
        let digits = self.number(true);
        let boost: f32 = digits.parse().unwrap_or(f32::NAN);
        if digits.is_empty() || !boost.is_finite() {
            self.at -= digits.len();
            return Err(self.error("a number (the boost, such as 2 or 0.5) after '^'"));
        }
        self.end_of_operand("the boost", &[])?;
        Ok(Node::Boost {
            node: Box::new(node),
            boost,
        })
    }

    fn group(&mut self) -> Result<Node, SyntaxError> {
        let open = self.at;
        self.enter()?;
        self.at += 1; // '('
        self.skip_ws();
        if self.peek() == Some(')') {
            return Err(self.error(&format!("{EXPECT_TERM} inside '()'")));
        }
        if self.eof() {
            return Err(self.error(&format!("{EXPECT_TERM} after '('")));
        }
        let node = self.or_expr()?;
        self.skip_ws();
        if self.peek() != Some(')') {
            return Err(self.error(&format!(
                "')' to close the '(' at character {}",
                self.column_of(open)
            )));
        }
        self.at += 1;
        self.leave();
        Ok(node)
    }

    fn phrase(&mut self, field: Option<TextField>) -> Result<Node, SyntaxError> {
        let at = self.at;
        let text = self.quoted()?;
        let mut slop = 0;
        if self.peek() == Some('~') {
            self.at += 1;
            let digits = self.number(false);
            if digits.is_empty() {
                return Err(self.error("a number (the slop) after '~'"));
            }
            slop = digits
                .parse()
                .map_err(|_| self.error_at(self.at - digits.len(), "a slop up to 4294967295"))?;
            self.end_of_operand("the slop", &['^'])?;
        }
        if text.trim().is_empty() {
            return Err(self
                .error_at(at, "words inside the quotes")
                .found("an empty phrase"));
        }
        Ok(Node::Phrase {
            text,
            slop,
            field,
            at,
        })
    }

    fn primary(&mut self) -> Result<Node, SyntaxError> {
        match self.peek() {
            None | Some(')') => Err(self.error(EXPECT_TERM)),
            Some('(') => self.group(),
            Some('"') => self.phrase(None),
            Some(_) => {
                if let Some((op, _)) = self.operator() {
                    let name = match op {
                        Op::And => "AND",
                        Op::Or => "OR",
                        Op::Not => "NOT",
                    };
                    return Err(self.error(&format!(
                        "{EXPECT_TERM} ({name} is an operator: write \"{name}\" to search the word)"
                    )));
                }
                let word = self.word()?;
                if let Some(colon) = word.colon {
                    let key = &self.q[word.start..colon];
                    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphabetic()) {
                        self.at = colon + 1;
                        return self.keyed(&key.to_ascii_lowercase(), word.start);
                    }
                }
                self.term(word, None)
            }
        }
    }

    /// A word as a term: plain, prefix (`w*`) or fuzzy (`w~`, `w~N`).
    fn term(&mut self, word: Lexed, field: Option<TextField>) -> Result<Node, SyntaxError> {
        let Lexed {
            start: at,
            mut text,
            stars,
            ..
        } = word;
        if text.is_empty() {
            return Err(self.error(EXPECT_TERM));
        }
        let prefix = match stars.as_slice() {
            [] => false,
            [(i, _)] if *i + 1 == text.len() && *i > 0 => true,
            [(_, star), ..] if text.len() == 1 || text.chars().all(|c| c == '*') => {
                return Err(self
                    .error_at(*star, "a word before '*' (a prefix such as petrol*)")
                    .found("a lone '*'")
                    .hint("write \\* to search the character"));
            }
            [(i, star), ..] => {
                let star = if *i + 1 == text.len() {
                    stars[0].1
                } else {
                    *star
                };
                return Err(self
                    .error_at(
                        star,
                        "'*' only at the end of a word (a prefix such as petrol*)",
                    )
                    .hint("write \\* to search the character"));
            }
        };
        if prefix {
            text.pop();
            if self.peek() == Some('~') {
                return Err(self.error("no '~' after a prefix: a word is either a prefix or fuzzy"));
            }
            return Ok(Node::Prefix { text, field, at });
        }
        if self.peek() != Some('~') {
            return Ok(Node::Word { text, field, at });
        }
        self.at += 1;
        let digits = self.number(false);
        let distance = if digits.is_empty() {
            2
        } else {
            match digits.parse::<u8>() {
                Ok(d) if d <= 2 => d,
                _ => {
                    self.at -= digits.len();
                    return Err(self.error("an edit distance of 0, 1 or 2 after '~'"));
                }
            }
        };
        self.end_of_operand("the edit distance", &['^'])?;
        Ok(Node::Fuzzy {
            text,
            distance,
            field,
            at,
        })
    }

    /// The value after `key:`; the cursor is just after the colon.
    fn keyed(&mut self, key: &str, key_at: usize) -> Result<Node, SyntaxError> {
        let value_missing = |p: &Self| {
            p.error(&format!(
                "a value after '{key}:' (no space between the colon and the value)"
            ))
        };
        if key != "date" && matches!(self.peek(), Some('[' | '{')) {
            return Err(self
                .error(&format!(
                    "a value after '{key}:' (ranges are for date: only)"
                ))
                .hint("write \\[ to search the character"));
        }
        if let Some(field) = TextField::from_key(key) {
            return match self.peek() {
                Some('"') => self.phrase(Some(field)),
                Some('(') => Ok(super::restrict(self.group()?, field)),
                None => Err(value_missing(self)),
                Some(c) if c.is_whitespace() || c == ')' => Err(value_missing(self)),
                Some(_) => {
                    let word = self.word()?;
                    if word.text.is_empty() {
                        return Err(value_missing(self));
                    }
                    self.term(word, Some(field))
                }
            };
        }
        let dimension = match Dimension::from_key(key) {
            Some(dimension) => Some(dimension),
            None if key == "date" => None,
            None => {
                return Err(self
                    .error_at(key_at, &super::known_keys())
                    .hint(super::closest_key(key)));
            }
        };
        if dimension.is_none() && matches!(self.peek(), Some('[' | '{')) {
            let range = self.range()?;
            return Ok(Node::Date { range, at: key_at });
        }
        let value_at = self.at;
        let value = match self.peek() {
            Some('"') => self.quoted()?,
            None => return Err(value_missing(self)),
            Some(c) if c.is_whitespace() || c == ')' || c == '(' => {
                return Err(value_missing(self))
            }
            Some(_) => {
                let word = self.word()?;
                if word.text.is_empty() {
                    return Err(value_missing(self));
                }
                if let (Some((_, star)), Some(_)) = (word.stars.first(), dimension) {
                    return Err(self
                        .error_at(*star, "a whole value (no prefix search in filters)")
                        .hint("write \\* to search the character"));
                }
                word.text
            }
        };
        if self.peek() == Some('~') {
            return Err(self.error("no '~' after a filter value: fuzzy search is for words"));
        }
        match dimension {
            Some(dimension) => Ok(Node::Filter {
                dimension,
                value: value.trim().to_string(),
                at: key_at,
            }),
            None => {
                let range = date_range(&value).ok_or_else(|| {
                    self.error_at(
                        value_at,
                        "a date (YYYY, YYYY-MM, YYYY-MM-DD) or a range (A..B, >=A, <A, [A TO B])",
                    )
                })?;
                Ok(Node::Date { range, at: key_at })
            }
        }
    }

    /// `[A TO B]`, `{A TO B}` or a mix: inclusive with square brackets, exclusive with
    /// curly ones; `*` leaves a side open. The cursor is on the opening bracket.
    fn range(&mut self) -> Result<DateRange, SyntaxError> {
        let open = self.at;
        let exclusive_from = self.q[open..].starts_with('{');
        let Some(len) = self.q[open + 1..].find([']', '}']) else {
            return Err(self.error_at(
                self.q.len(),
                &format!(
                    "']' or '}}' to close the range opened at character {}",
                    self.column_of(open)
                ),
            ));
        };
        let close = open + 1 + len;
        let exclusive_to = self.q[close..].starts_with('}');
        let inside = &self.q[open + 1..close];
        let words: Vec<(usize, &str)> = inside
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - self.q.as_ptr() as usize, w))
            .collect();
        let [(from_at, from), (to_kw_at, to_kw), (to_at, to)] = words[..] else {
            return Err(self.error_at(open + 1, "a range such as [2021-01-01 TO 2021-06-30]"));
        };
        if to_kw != "TO" {
            return Err(self.error_at(to_kw_at, "TO between the two dates of the range"));
        }
        let second = Duration::seconds(1);
        let bound = |text: &str, at: usize, upper: bool| -> Result<_, SyntaxError> {
            if text == "*" {
                return Ok(None);
            }
            parse_bound(text, upper)
                .map(Some)
                .map_err(|_| self.error_at(at, "a date (YYYY, YYYY-MM, YYYY-MM-DD, RFC 3339) or *"))
        };
        let from = if exclusive_from {
            bound(from, from_at, true)?.map(|d| d + second)
        } else {
            bound(from, from_at, false)?
        };
        let to = if exclusive_to {
            bound(to, to_at, false)?.map(|d| d - second)
        } else {
            bound(to, to_at, true)?
        };
        self.at = close + 1;
        self.end_of_operand("the range", &['^'])?;
        Ok(DateRange { from, to })
    }
}
