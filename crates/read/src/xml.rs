//! A small, bounded XML tree for the XML readers, built with quick-xml: NewsML-G2 and
//! NewsML 1 ([`crate::newsml`]), NITF ([`crate::nitf`]), Atom and RSS feeds ([`crate::feed`])
//! and Ritzau's `RBNews` ([`crate::ritzau`]).
//!
//! Wire XML files are small, so the readers parse a whole file into an [`Element`] tree and
//! look fields up: [`Element::child_text`] and [`Element::text_at`] give a field's text (blank
//! text as absent), [`Element::attr_at`] an attribute along a path, [`Element::find_all`] the
//! items of a message wherever they sit. The parser is defensive:
//!
//! - **No DTD, no entity expansion.** A DOCTYPE that declares entities (`<!ENTITY`) is refused
//!   at once ([`ErrorKind::Malformed`]), so an entity expansion bomb costs nothing. References
//!   to the five XML entities, numeric references and the common HTML entities (`&nbsp;`...)
//!   are decoded; any other `&name;` is kept as written.
//! - **Depth and size limits.** Elements nested deeper than [`Limits::max_depth`] (default
//!   [`DEFAULT_MAX_DEPTH`]) or more than [`Limits::max_nodes`] nodes (default
//!   [`DEFAULT_MAX_NODES`]) fail with [`ErrorKind::TooLarge`] at the
//!   byte where the limit was crossed; memory stays proportional to the input.
//! - **Truncation.** A file that ends inside a tag or with elements still open fails with
//!   [`ErrorKind::Malformed`] naming the byte offset and the unclosed element.
//! - **Encodings.** The bytes are decoded before parsing: a byte-order mark wins, then the
//!   `encoding="..."` of the XML declaration (e.g. `ISO-8859-1`, read as Windows-1252), else
//!   UTF-8 when valid and Windows-1252 otherwise. Byte offsets in errors count in the decoded
//!   UTF-8 text, which is the file's own offset for UTF-8 files.
//!
//! Element and attribute names are kept without their namespace prefix (`ns0:headline` is
//! `headline`, `xml:lang` is `lang`): news formats do not reuse local names across namespaces
//! in ways the readers care about.

use std::borrow::Cow;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use crate::decode::decode;
use crate::error::{ErrorKind, Location, ReadError};
use crate::fields::non_empty;
use crate::markup::{
    char_ref, collapse_space, decode_entities, is_block, named_entity, Paragraphs,
};

/// Deepest element nesting accepted by default: far beyond any news format (NITF tables
/// nest a handful of levels), far below what would exhaust the stack of the tree's
/// recursive walks.
pub const DEFAULT_MAX_DEPTH: usize = 256;

/// Most elements and text nodes accepted in one file by default: some fifty times the
/// largest wire file seen, so that a tree stays within a few hundred megabytes.
pub const DEFAULT_MAX_NODES: usize = 2_000_000;

/// How many leading bytes are searched for the XML declaration's `encoding="..."`.
const DECLARATION_BYTES: usize = 256;

/// Limits on the XML trees built.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Deepest element nesting accepted (default [`DEFAULT_MAX_DEPTH`]).
    pub max_depth: usize,
    /// Most elements and text nodes accepted in one file (default [`DEFAULT_MAX_NODES`]).
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: DEFAULT_MAX_DEPTH,
            max_nodes: DEFAULT_MAX_NODES,
        }
    }
}

/// A node of the tree: an element or a run of text.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A child element.
    Element(Element),
    /// Text, with references decoded.
    Text(String),
}

/// An element: its local name, attributes (local names, values decoded) and children.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Element {
    /// Local name, without namespace prefix.
    pub name: String,
    /// Attributes as (local name, value).
    pub attrs: Vec<(String, String)>,
    /// Children in document order.
    pub children: Vec<Node>,
}

impl Element {
    /// The value of an attribute, by local name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element with this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// All child elements with this local name.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.name == name)
    }

    /// The element at a path of child names, e.g. `["body", "body.head", "hedline", "hl1"]`.
    pub fn path(&self, path: &[&str]) -> Option<&Element> {
        path.iter().try_fold(self, |e, name| e.child(name))
    }

    /// The first descendant (depth first, document order) with this local name.
    pub fn descendant(&self, name: &str) -> Option<&Element> {
        for e in self.elements() {
            if e.name == name {
                return Some(e);
            }
            if let Some(found) = e.descendant(name) {
                return Some(found);
            }
        }
        None
    }

    /// The text of the first child with this local name, `None` when there is no such child
    /// or its text is blank.
    pub fn child_text(&self, name: &str) -> Option<String> {
        self.child(name).map(Element::text).and_then(non_empty)
    }

    /// The text of the element at a path of child names (see [`Element::path`]), `None` when
    /// there is no such element or its text is blank.
    pub fn text_at(&self, path: &[&str]) -> Option<String> {
        self.path(path).map(Element::text).and_then(non_empty)
    }

    /// The attribute `name` of the element at a path of child names, e.g.
    /// `attr_at(&["docdata", "date.issue"], "norm")`.
    pub fn attr_at(&self, path: &[&str], name: &str) -> Option<&str> {
        self.path(path)?.attr(name)
    }

    /// Every descendant with this local name, in document order; the descendants of a match
    /// are not searched (the `NewsItem`s of a NewsML 1 document, the `RBNews` of a feed
    /// response, wherever their wrappers put them).
    pub fn find_all<'a>(&'a self, name: &str) -> Vec<&'a Element> {
        let mut found = Vec::new();
        self.find_all_into(name, &mut found);
        found
    }

    fn find_all_into<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for child in self.elements() {
            if child.name == name {
                out.push(child);
            } else {
                child.find_all_into(name, out);
            }
        }
    }

    /// All the text inside, white space collapsed to single spaces.
    pub fn text(&self) -> String {
        collapse_space(&self.raw_text())
    }

    /// All the text inside as written (references decoded, white space kept): escaped HTML
    /// for [`crate::markup::html_to_text`], or text whose paragraphs matter.
    pub fn raw_text(&self) -> String {
        let mut raw = String::new();
        self.collect_text(&mut raw);
        raw
    }

    fn collect_text(&self, out: &mut String) {
        for child in &self.children {
            match child {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.collect_text(out),
            }
        }
    }

    /// The text inside as paragraphs joined by blank lines: block elements (`p`, `div`,
    /// `h1`..., `li`, `br`...) end paragraphs, elements named in `skip` are left out.
    pub fn block_text(&self, skip: &[&str]) -> String {
        let mut paragraphs = Paragraphs::default();
        self.collect_blocks(skip, &mut paragraphs);
        paragraphs.finish()
    }

    fn collect_blocks(&self, skip: &[&str], out: &mut Paragraphs) {
        for child in &self.children {
            match child {
                Node::Text(t) => out.push_text(t),
                Node::Element(e) if skip.contains(&e.name.as_str()) => {}
                Node::Element(e) => {
                    let block = is_block(&e.name);
                    if block {
                        out.end_block();
                    }
                    e.collect_blocks(skip, out);
                    if block {
                        out.end_block();
                    }
                }
            }
        }
    }
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Decodes a file's bytes to text, honouring a BOM and the XML declaration's encoding.
pub fn decode_xml(data: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(data) {
        return encoding.decode_with_bom_removal(data).0;
    }
    let head = &data[..data.len().min(DECLARATION_BYTES)];
    if head.starts_with(b"<?xml") {
        let decl_end = head.iter().position(|&b| b == b'>').unwrap_or(head.len());
        let decl = String::from_utf8_lossy(&head[..decl_end]);
        if let Some(at) = decl.find("encoding") {
            let value = decl[at + 8..]
                .trim_start()
                .trim_start_matches('=')
                .trim_start();
            let label: String = value
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| !matches!(c, '"' | '\'' | ' ' | '?'))
                .collect();
            let label = if label.eq_ignore_ascii_case("utf8") {
                "utf-8"
            } else {
                &label
            };
            if let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes()) {
                if encoding != encoding_rs::UTF_8 && encoding.is_single_byte() {
                    return encoding.decode_without_bom_handling(data).0;
                }
            }
        }
    }
    decode(data).0
}

/// Parses a whole XML document into its root element, within `limits`. Errors name `path`.
pub fn parse(path: &Path, data: &[u8], limits: Limits) -> Result<Element, ReadError> {
    let text = decode_xml(data);
    parse_str(path, &text, limits)
}

/// Parses XML text into its root element, within `limits`. Errors name `path`.
///
/// The events of quick-xml are fed, one at a time, to a tree builder, which keeps the open
/// elements on a stack and checks the limits; the first element closed at the bottom of the
/// stack is the root, and anything after it is ignored.
pub fn parse_str(path: &Path, text: &str, limits: Limits) -> Result<Element, ReadError> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut tree = TreeBuilder::new(path, limits);
    loop {
        let at = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => return Err(tree.syntax_error(reader.error_position(), &e)),
        };
        match event {
            // Content after the root element: ignored (fragments with several roots are
            // judged by their first).
            Event::Start(_) | Event::Empty(_) if tree.is_done() => break,
            Event::Start(e) => tree.open(&e, at)?,
            Event::Empty(e) => tree.empty(&e, at)?,
            Event::End(_) => tree.close(at)?,
            Event::Text(t) => tree.push_text(&t),
            Event::CData(t) => tree.push_text(&t),
            Event::GeneralRef(r) => tree.push_reference(&r),
            Event::DocType(t) => tree.check_doctype(&t, at)?,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => {
                tree.check_closed(text.len() as u64)?;
                break;
            }
        }
    }
    tree.finish(text)
}

/// The tree being built from parser events: the open elements, each with the byte where it
/// opened, the root once closed, and the node count checked against the [`Limits`].
struct TreeBuilder<'p> {
    path: &'p Path,
    limits: Limits,
    stack: Vec<(Element, u64)>,
    root: Option<Element>,
    nodes: usize,
}

impl<'p> TreeBuilder<'p> {
    fn new(path: &'p Path, limits: Limits) -> Self {
        TreeBuilder {
            path,
            limits,
            stack: Vec::new(),
            root: None,
            nodes: 0,
        }
    }

    /// True once the root element is closed.
    fn is_done(&self) -> bool {
        self.root.is_some() && self.stack.is_empty()
    }

    fn error(&self, kind: ErrorKind, at: u64, message: String) -> ReadError {
        ReadError::new(self.path, kind, message).at(Location::Byte(at))
    }

    /// A quick-xml syntax error at byte `at`, naming the innermost open element.
    fn syntax_error(&self, at: u64, e: &quick_xml::Error) -> ReadError {
        let open = self
            .stack
            .last()
            .map(|(e, _)| format!(" inside <{}>", e.name))
            .unwrap_or_default();
        self.error(
            ErrorKind::Malformed,
            at,
            format!("XML syntax error{open}: {e}"),
        )
    }

    /// Counts one more node, failing past [`Limits::max_nodes`].
    fn count_node(&mut self, at: u64) -> Result<(), ReadError> {
        self.nodes += 1;
        if self.nodes > self.limits.max_nodes {
            return Err(self.error(
                ErrorKind::TooLarge,
                at,
                format!("more than {} XML nodes", self.limits.max_nodes),
            ));
        }
        Ok(())
    }

    /// A start tag: the element is opened, within [`Limits::max_depth`].
    fn open(&mut self, e: &BytesStart<'_>, at: u64) -> Result<(), ReadError> {
        if self.stack.len() >= self.limits.max_depth {
            return Err(self.error(
                ErrorKind::TooLarge,
                at,
                format!(
                    "XML nested deeper than {} elements (at <{}>)",
                    self.limits.max_depth,
                    local(e.name().as_ref())
                ),
            ));
        }
        self.count_node(at)?;
        self.stack.push((new_element(e), at));
        Ok(())
    }

    /// An empty-element tag: the element is added to its parent at once.
    fn empty(&mut self, e: &BytesStart<'_>, at: u64) -> Result<(), ReadError> {
        self.count_node(at)?;
        self.attach(new_element(e));
        Ok(())
    }

    /// An end tag: the innermost open element is closed and added to its parent.
    fn close(&mut self, at: u64) -> Result<(), ReadError> {
        let Some((element, _)) = self.stack.pop() else {
            return Err(self.error(
                ErrorKind::Malformed,
                at,
                "closing tag without opening tag".into(),
            ));
        };
        self.attach(element);
        Ok(())
    }

    /// Adds a finished element to the open parent, or makes it the root.
    fn attach(&mut self, element: Element) {
        match self.stack.last_mut() {
            Some((parent, _)) => parent.children.push(Node::Element(element)),
            None => self.root = Some(element),
        }
    }

    /// Text or CDATA: appended to the open element's last text node (control characters
    /// dropped); text outside the root is ignored.
    fn push_text(&mut self, text: &str) {
        if let Some((parent, _)) = self.stack.last_mut() {
            let clean = crate::markup::drop_controls(text);
            if let Some(Node::Text(last)) = parent.children.last_mut() {
                last.push_str(&clean);
            } else {
                self.nodes += 1;
                parent.children.push(Node::Text(clean.into_owned()));
            }
        }
    }

    /// A `&name;` or `&#n;` reference: decoded when known (control characters other than
    /// line feed and tab dropped), else kept as written.
    fn push_reference(&mut self, name: &str) {
        match char_ref(name).or_else(|| named_entity(name)) {
            Some(c) if !c.is_control() || c == '\n' || c == '\t' => {
                self.push_text(c.encode_utf8(&mut [0; 4]))
            }
            Some(_) => {}
            None => self.push_text(&format!("&{name};")),
        }
    }

    /// A DOCTYPE: refused when it declares entities, so that no entity is ever expanded.
    fn check_doctype(&self, doctype: &str, at: u64) -> Result<(), ReadError> {
        if doctype.contains("<!ENTITY") {
            return Err(self.error(
                ErrorKind::Malformed,
                at,
                "the DOCTYPE declares entities: refused, entity expansion is disabled \
                 (an entity expansion bomb would otherwise be possible)"
                    .into(),
            ));
        }
        Ok(())
    }

    /// The end of the text (`len` bytes): an element still open means a truncated file.
    fn check_closed(&self, len: u64) -> Result<(), ReadError> {
        if let Some((open, open_at)) = self.stack.last() {
            return Err(self.error(
                ErrorKind::Malformed,
                len,
                format!(
                    "truncated XML: the file ends with <{}> (opened at byte {open_at}) and {} element(s) still open",
                    open.name,
                    self.stack.len()
                ),
            ));
        }
        Ok(())
    }

    /// The root element, or why there is none in `text`.
    fn finish(self, text: &str) -> Result<Element, ReadError> {
        self.root.ok_or_else(|| {
            let kind = if text.trim().is_empty() {
                "empty file"
            } else {
                "no XML element in the file"
            };
            ReadError::new(self.path, ErrorKind::Malformed, kind)
        })
    }
}

/// A new element with the local names and decoded values of a start tag's attributes.
fn new_element(e: &BytesStart<'_>) -> Element {
    let attrs = e
        .attributes()
        .with_checks(false)
        .flatten()
        .map(|a| {
            (
                local(a.key.as_ref()).to_string(),
                decode_entities(&a.value).into_owned(),
            )
        })
        .collect();
    Element {
        name: local(e.name().as_ref()).to_string(),
        attrs,
        children: Vec::new(),
    }
}

/// The sniff score of an XML reader whose documents have one of `roots` as root element:
/// 95 when the first bytes show one, else 0.
pub fn sniff_root(head: &[u8], roots: &[&str]) -> u8 {
    let found =
        looks_like_xml(head) && root_name(head).is_some_and(|root| roots.contains(&root.as_str()));
    if found {
        95
    } else {
        0
    }
}

/// Parses `data` and checks that its root element is one of `roots`; another root is an
/// [`ErrorKind::Unrecognised`] error saying the document is not `what`.
pub fn parse_root(
    path: &Path,
    data: &[u8],
    roots: &[&str],
    what: &str,
) -> Result<Element, ReadError> {
    let root = parse(path, data, Limits::default())?;
    if roots.contains(&root.name.as_str()) {
        Ok(root)
    } else {
        Err(ReadError::new(
            path,
            ErrorKind::Unrecognised,
            format!("XML with root <{}>, not {what}", root.name),
        ))
    }
}

/// True when the bytes start like an XML document (after a BOM and white space).
pub fn looks_like_xml(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.trim_ascii_start().starts_with(b"<")
}

/// The local name of the root element, found by scanning the first bytes (declaration,
/// comments, DOCTYPE and processing instructions skipped); `None` when there is none.
pub fn root_name(head: &[u8]) -> Option<String> {
    let mut rest = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    loop {
        rest = rest.trim_ascii_start();
        if rest.starts_with(b"<?") {
            let end = rest.windows(2).position(|w| w == b"?>")?;
            rest = &rest[end + 2..];
        } else if rest.starts_with(b"<!--") {
            let end = rest.windows(3).position(|w| w == b"-->")?;
            rest = &rest[end + 3..];
        } else if rest.starts_with(b"<!") {
            let end = rest.iter().position(|&b| b == b'>')?;
            rest = &rest[end + 1..];
        } else if rest.starts_with(b"<") {
            let name: Vec<u8> = rest[1..]
                .iter()
                .take_while(|b| !b.is_ascii_whitespace() && **b != b'>' && **b != b'/')
                .copied()
                .collect();
            let name = String::from_utf8_lossy(&name);
            return Some(local(&name).to_string());
        } else {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Element, ReadError> {
        parse_str(Path::new("t.xml"), text, Limits::default())
    }

    #[test]
    fn tree_paths_text_and_blocks() {
        let root = parse(
            "<?xml version='1.0'?><a xml:lang='en'><b k='v&amp;w'>x &amp; <i>y</i>&#233;</b><p>one</p><p>two&nbsp;</p></a>",
        )
        .unwrap();
        assert_eq!(root.attr("lang"), Some("en"));
        assert_eq!(root.child("b").unwrap().attr("k"), Some("v&w"));
        assert_eq!(root.child("b").unwrap().text(), "x & yé");
        assert_eq!(root.block_text(&[]), "x & yé\n\none\n\ntwo");
        assert_eq!(root.path(&["b", "i"]).unwrap().text(), "y");
    }

    #[test]
    fn field_lookups_treat_blank_text_as_absent() {
        let root = parse(
            "<m><head><doc id='7'><d norm='20210925'/></doc><t>  </t></head>\
             <set><wrap><item n='1'><item n='inner'/></item></wrap><item n='2'/></set></m>",
        )
        .unwrap();
        assert_eq!(
            root.attr_at(&["head", "doc", "d"], "norm"),
            Some("20210925")
        );
        assert_eq!(root.attr_at(&["head", "doc", "x"], "norm"), None);
        assert_eq!(root.text_at(&["head", "t"]), None);
        assert_eq!(root.child_text("head"), None);
        let items: Vec<_> = root.find_all("item").iter().map(|i| i.attr("n")).collect();
        assert_eq!(items, [Some("1"), Some("2")]);
    }

    #[test]
    fn declared_latin1_is_decoded() {
        let root = super::parse(
            Path::new("l.xml"),
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>M\xfcnchen</t>",
            Limits::default(),
        )
        .unwrap();
        assert_eq!(root.text(), "München");
    }

    #[test]
    fn entity_bomb_is_refused_at_once() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>"#;
        let e = parse(bomb).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Malformed);
        assert!(e.message.contains("entity expansion is disabled"), "{e}");
    }

    #[test]
    fn truncated_and_deep_xml_fail_with_offsets() {
        let e = parse("<a><b>text</b><c>more").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Malformed);
        assert_eq!(e.location, Some(Location::Byte(21)));
        assert!(e.message.contains("truncated"), "{e}");
        let e = parse("<a><b>text</b><c attr='x").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Malformed);
        assert!(e.location.is_some());
        let deep = "<a>".repeat(100_000);
        let e = parse(&deep).unwrap_err();
        assert_eq!(e.kind, ErrorKind::TooLarge);
        assert_eq!(
            e.location,
            Some(Location::Byte(DEFAULT_MAX_DEPTH as u64 * 3))
        );
    }

    #[test]
    fn root_names_are_sniffed() {
        assert_eq!(
            root_name(b"<?xml version='1.0'?>\n<!-- c --><!DOCTYPE x><ns:newsItem a='1'>"),
            Some("newsItem".into())
        );
        assert_eq!(root_name(b"plain"), None);
    }
}
