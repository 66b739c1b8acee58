//! The query language: Lucene and Elasticsearch `query_string` idioms on top of newsidx's
//! own filters, read by a hand-written parser whose errors name the position and what was
//! expected. Nothing is silently misread: an operator where it cannot stand, a lone `*`, an
//! unbalanced quote or bracket, an unknown `key:` is an error.
//!
//! # Grammar
//!
//! Precedence, tightest first: negation (`NOT`, `-`, `!`), then AND (also by juxtaposition),
//! then OR, as in Lucene and Elasticsearch.
//!
//! ```text
//! query      ::= ws* [ or_expr ] ws* EOF
//! or_expr    ::= and_expr ( OR and_expr )*
//! and_expr   ::= unary ( [ AND ] unary )*            (juxtaposition: all must match)
//! unary      ::= ( "-" | "!" ) unary                  (must not match; no space after)
//!              | "NOT" ws+ unary                      (must not match)
//!              | "+" unary                            (must match: the default anyway)
//!              | primary [ "^" number ]               (boost: 2, 0.5)
//! primary    ::= "(" ws* or_expr ws* ")"
//!              | text_key ":" ( term | phrase | "(" ws* or_expr ws* ")" )
//!              | filter_key ":" ( word | quoted )
//!              | "date" ":" ( date_range | range )
//!              | phrase
//!              | term
//! term       ::= word                                 (analysed: stemmed, lower case)
//!              | word "*"                             (prefix of an indexed term)
//!              | word "~" [ digit ]                   (fuzzy: edit distance 0-2, default 2)
//! phrase     ::= quoted [ "~" digit+ ]                (slop: words allowed between)
//! quoted     ::= '"' ( <any character but '"' and '\'> | escape )* '"'
//! word       ::= ( <any character but whitespace, '(', ')', '"', '^', '~' and '\'> | escape )+
//!                not starting with '-', '+' or '!', not containing "&&" or "||",
//!                not the operators AND, OR, NOT; '*' only as a prefix's last character
//! escape     ::= "\" <any character>                  (the character, with no special meaning)
//! AND        ::= "AND" | "&&"
//! OR         ::= "OR" | "||"
//! text_key   ::= "title" | "headline"                 (the headline)
//!              | "body" | "text"                      (the body)
//!              | "byline" | "dateline"
//! filter_key ::= <the key of a newsidx_core::Dimension, or one of its aliases:>
//!                "country" | "actor" | "source" | "person" | "org" | "organisation"
//!              | "organization" | "place" | "lang" | "language"
//! date_range ::= date                                 (the whole period)
//!              | [ date ] ".." [ date ]               (inclusive; either side open)
//!              | ( ">=" | ">" | "<=" | "<" ) date
//! range      ::= ( "[" | "{" ) ws* bound ws+ "TO" ws+ bound ws* ( "]" | "}" )
//!                                                     ([ ] inclusive, { } exclusive)
//! bound      ::= date | "*"                           (* leaves the side open)
//! date       ::= YYYY | YYYY-MM | YYYY-MM-DD | <RFC 3339 time>
//! ```
//!
//! `AND`, `OR`, `NOT` and `TO` are operators in upper case only: lower-case `and`, `or` and
//! `not` are words. `&&` and `||` are operators wherever they stand outside quotes.
//!
//! Keys are matched without regard to case (`Country:ML`); a `key:` whose key is all letters
//! but not one of the keys above is an error (with the closest key as a hint), so a typo
//! (`contry:ML`) is not silently searched as words; write `\:` for a colon in a word.
//! Words and phrases are analysed with the index's English stemmer (`en_stem`); a word that
//! the analyser splits into several tokens (`U.S.`) is searched as a phrase. Without a key a
//! word searches the title, standfirst and body, with the boosts of
//! [`newsidx_core::NewsSchema::text_fields`]. `byline:` and `dateline:` search the fields of
//! those names, which are indexed without positions: one word each, no phrases.
//!
//! A prefix (`petrol*`) is lower-cased but not stemmed and matches every indexed term that
//! starts with it (`petrol`, `petroleum`, `petrolero`...), which are stemmed terms: `compani*`
//! finds `companies`, whose term is `compani`; it is one word of letters and digits. The
//! expansion is bounded ([`crate::MAX_EXPANSIONS`], 1,024 terms a field): a shorter prefix
//! that matches more is an error. A fuzzy word (`bundesbnk~1`) is analysed like any word
//! (lower case, stemmed) and matches the terms within that many edits, a transposition
//! counting as one edit. Prefix and fuzzy matches score alike (a constant times the field's
//! boost), as Lucene's do.
//!
//! Filters that stand at the top level of the query (joined to the rest by AND, not negated,
//! not inside parentheses or `OR`, not boosted) are applied exactly like the filters of the
//! request ([`crate::NewsQuery::filter`]) and reported in the response's `filters`; filters
//! elsewhere (`-country:FR`, `(country:ML OR actor:Wagner)`) are ordinary parts of the
//! boolean query.
//!
//! Limits: a query of at most [`MAX_QUERY_BYTES`] bytes and [`MAX_DEPTH`] nested groups and
//! negations ([`Limits`]); past them the parser stops with an error before going deeper, so
//! no input can exhaust the stack.
//!
//! ```
//! use newsidx_core::Dimension;
//! use newsidx_query::parse::{parse, Node};
//! let node = parse(r#"title:"interest rates"~1 -oil country:Mali"#)?;
//! let Node::And(items) = node else { panic!() };
//! assert_eq!(items.len(), 3);
//! assert!(matches!(&items[2], Node::Filter { dimension: Dimension::Country, .. }));
//! // The normalised form spells out the operators.
//! assert_eq!(parse("wheat NOT corn || barley*")?.to_string(), "(wheat AND NOT corn) OR barley*");
//! # Ok::<(), newsidx_query::parse::SyntaxError>(())
//! ```

mod display;
mod errors;
mod grammar;
mod lexer;
#[cfg(test)]
mod tests;

use newsidx_core::Dimension;

pub use crate::dates::DateRange;
pub use errors::{caret, SyntaxError};

/// The longest query, in bytes (32 KiB).
pub const MAX_QUERY_BYTES: usize = 32 * 1024;

/// The deepest nesting of groups and negations.
pub const MAX_DEPTH: usize = 64;

/// Which text field a word or phrase is restricted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// `title:` (alias `headline:`)
    Title,
    /// `body:` (alias `text:`)
    Body,
    /// `byline:`: the author line (indexed without positions: no phrases).
    Byline,
    /// `dateline:`: where the story was filed from (indexed without positions: no phrases).
    Dateline,
}

impl TextField {
    /// Every text field that may be named, in the order of the keys in messages.
    pub const ALL: [TextField; 4] = [
        TextField::Title,
        TextField::Body,
        TextField::Byline,
        TextField::Dateline,
    ];

    /// The key of the field in the query language (`title`).
    pub fn key(self) -> &'static str {
        match self {
            TextField::Title => "title",
            TextField::Body => "body",
            TextField::Byline => "byline",
            TextField::Dateline => "dateline",
        }
    }

    /// Other keys that name the field (`headline` for `title`).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            TextField::Title => &["headline"],
            TextField::Body => &["text"],
            TextField::Byline | TextField::Dateline => &[],
        }
    }

    /// The field of a (lower-case) key or alias.
    pub fn from_key(key: &str) -> Option<TextField> {
        TextField::ALL
            .into_iter()
            .find(|f| f.key() == key || f.aliases().contains(&key))
    }

    /// Whether the field has positions, so that phrases can be searched in it.
    pub fn has_positions(self) -> bool {
        matches!(self, TextField::Title | TextField::Body)
    }
}

/// A parsed query. [`std::fmt::Display`] writes it back as a normalised query (operators
/// spelled out, groups in parentheses, aliases resolved), which parses to the same tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A word; `at` is its byte offset in the query.
    Word {
        /// The word as written, escapes resolved.
        text: String,
        /// Restriction to one field, if any.
        field: Option<TextField>,
        /// Byte offset in the query.
        at: usize,
    },
    /// A word ending in `*`: every indexed term that starts with it.
    Prefix {
        /// The prefix as written, without the `*`.
        text: String,
        /// Restriction to one field, if any.
        field: Option<TextField>,
        /// Byte offset in the query.
        at: usize,
    },
    /// A word ending in `~` or `~N`: the terms within `distance` edits of it.
    Fuzzy {
        /// The word as written, without the `~N`.
        text: String,
        /// Edits allowed (0 to 2; a transposition counts one).
        distance: u8,
        /// Restriction to one field, if any.
        field: Option<TextField>,
        /// Byte offset in the query.
        at: usize,
    },
    /// A quoted phrase with its slop (0: the words in order, next to each other).
    Phrase {
        /// The text between the quotes.
        text: String,
        /// Words allowed between (or moves of) the phrase's words.
        slop: u32,
        /// Restriction to one field, if any.
        field: Option<TextField>,
        /// Byte offset in the query.
        at: usize,
    },
    /// `country:ML` and the other entity, source and language filters.
    Filter {
        /// Which dimension.
        dimension: Dimension,
        /// The value as written (resolved against the gazetteer and the index when searched).
        value: String,
        /// Byte offset in the query.
        at: usize,
    },
    /// `date:...`
    Date {
        /// The range.
        range: DateRange,
        /// Byte offset in the query.
        at: usize,
    },
    /// A part whose score is multiplied (`x^2`).
    Boost {
        /// The part boosted.
        node: Box<Node>,
        /// The factor (finite, not negative).
        boost: f32,
    },
    /// All must match.
    And(Vec<Node>),
    /// Any must match.
    Or(Vec<Node>),
    /// Must not match (`-x`, `!x`, `NOT x`).
    Not(Box<Node>),
}

/// The caps the parser checks before reading further.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The longest query, in bytes.
    pub max_len: usize,
    /// The deepest nesting of groups and negations.
    pub max_depth: usize,
}

impl Default for Limits {
    /// [`MAX_QUERY_BYTES`] and [`MAX_DEPTH`].
    fn default() -> Limits {
        Limits {
            max_len: MAX_QUERY_BYTES,
            max_depth: MAX_DEPTH,
        }
    }
}

/// Parses a query with the default [`Limits`]. The empty query (or only whitespace) gives
/// `Node::And(vec![])`, which matches every story.
pub fn parse(query: &str) -> Result<Node, SyntaxError> {
    parse_with(query, Limits::default())
}

/// Parses a query with the given limits.
///
/// Cost: linear in the length of the query; recursion as deep as its nesting, which is
/// checked against `limits.max_depth` before each level.
pub fn parse_with(query: &str, limits: Limits) -> Result<Node, SyntaxError> {
    if query.len() > limits.max_len {
        return Err(SyntaxError::at(
            query,
            limits.max_len,
            format!("a query of at most {} bytes", limits.max_len),
        )
        .found(format!("a query of {} bytes", query.len())));
    }
    let mut p = lexer::Parser {
        q: query,
        at: 0,
        depth: 0,
        limits,
    };
    p.skip_ws();
    if p.eof() {
        return Ok(Node::And(Vec::new()));
    }
    let node = p.or_expr()?;
    p.skip_ws();
    if !p.eof() {
        // The only way to stop early is a ')' with no '(' open.
        return Err(p.error("a word, phrase, filter or '(' (this ')' closes nothing)"));
    }
    Ok(node)
}

/// Restricts every word and phrase below `node` to `field`.
fn restrict(node: Node, to: TextField) -> Node {
    let field = Some(to);
    match node {
        Node::Word { text, at, .. } => Node::Word { text, at, field },
        Node::Prefix { text, at, .. } => Node::Prefix { text, at, field },
        Node::Fuzzy {
            text, distance, at, ..
        } => Node::Fuzzy {
            text,
            distance,
            at,
            field,
        },
        Node::Phrase { text, slop, at, .. } => Node::Phrase {
            text,
            slop,
            at,
            field,
        },
        Node::Boost { node, boost } => Node::Boost {
            node: Box::new(restrict(*node, to)),
            boost,
        },
        Node::And(items) => Node::And(items.into_iter().map(|n| restrict(n, to)).collect()),
        Node::Or(items) => Node::Or(items.into_iter().map(|n| restrict(n, to)).collect()),
        Node::Not(inner) => Node::Not(Box::new(restrict(*inner, to))),
        other => other,
    }
}

/// What may stand before a colon: `title:, body:, country:, ... or date:`. The other text
/// keys (`byline:`, `dateline:`) and the aliases are in the documentation and the hint.
fn known_keys() -> String {
    let mut keys = vec!["title:".to_string(), "body:".to_string()];
    keys.extend(Dimension::display_order().map(|d| format!("{}:", d.key())));
    format!("{} or date:", keys.join(", "))
}

/// Every key and alias the language knows, with a colon.
fn all_keys() -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for field in TextField::ALL {
        keys.push(field.key().to_string());
        keys.extend(field.aliases().iter().map(|a| a.to_string()));
    }
    for dimension in Dimension::ALL {
        keys.push(dimension.key().to_string());
    }
    keys.push("date".to_string());
    keys
}

/// A hint for an unknown key: the closest known key (`contry` gives `country:`) if one is
/// within two edits, otherwise the keys the main list leaves out.
fn closest_key(key: &str) -> String {
    let key = key.to_ascii_lowercase();
    let best = all_keys()
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(&key, &k), k))
        .min()
        .filter(|(d, k)| *d <= 2 && *d < k.len());
    match best {
        Some((_, k)) => format!("did you mean {k}:?"),
        None => "other keys: headline:, text:, byline:, dateline:".to_string(),
    }
}
