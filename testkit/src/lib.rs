//! Test support for `multistatus`: an owned model of a multistatus body, an
//! [`arbitrary::Arbitrary`] generator of *valid* models, serialisation [`Knobs`], and the two
//! directions:
//!
//! - [`write`]`(&Model, &Knobs) -> Vec<u8>`: through the crate's [`multistatus::Writer`] when
//!   the knobs ask for it (and the writer takes the model), else through a knob-aware
//!   serialiser here that varies everything the reader must not care about;
//! - [`read`]`(&[u8]) -> Result<Model, multistatus::Error>`: through the crate's [`Parser`]
//!   (default, lenient options).
//!
//! The invariant the property tests and the `roundtrip` fuzz target check:
//! `read(&write(&m, &k)) == Ok(m)` for every generated `m` and `k`. And for the writer alone
//! ([`WriterCase`], [`check_writer_case`]): on models with values it cannot write so that they
//! read back identically, it refuses exactly those, with the expected error kind.
//!
//! ## Model conventions (what `read` produces, and so what the generator makes)
//!
//! - hrefs, the location and the sync-token are trimmed of XML white space (the parser trims
//!   them); descriptions are exact.
//! - a status is a code and a reason; the reason is the unescaped text after the code,
//!   trimmed.
//! - a property value is `Empty` (no content, or content whose value is empty), `Text`
//!   (no child element; the unescaped value, never empty) or `Xml` (at least one child
//!   element; the children in the *canonical form* of [`canonical_children`]).
//! - an `error` is its children in canonical form (`""` for `<D:error/>`).
//! - unknown elements are skipped, as the parser skips them; quirks the lenient parser
//!   tolerates show as a `None` status or a response without status and propstat.

use std::fmt::Write as _;

use arbitrary::{Arbitrary, Unstructured};
use multistatus::{
    DavPrefix, Element, ErrorKind, Event, MultistatusTail, Node, Parser, PropStatTail, ResponseTail, Text, Writer,
    WriterOptions,
};

pub use arbitrary;
pub use multistatus::Error;

/// An owned multistatus body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Model {
    /// The responses, in order.
    pub responses: Vec<Response>,
    /// The multistatus-level `responsedescription`.
    pub description: Option<String>,
    /// The `sync-token` (RFC 6578).
    pub sync_token: Option<String>,
}

/// The name the issue gives the model.
pub type Multistatus = Model;

/// One `response`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Response {
    /// One href in the propstat form; one or more in the status form.
    pub hrefs: Vec<String>,
    /// The response-level status (the status form); `None` in the propstat form.
    pub status: Option<Status>,
    /// The propstats (the propstat form).
    pub propstats: Vec<PropStat>,
    /// The `DAV:error` children, canonical.
    pub error: Option<String>,
    /// The `responsedescription`.
    pub description: Option<String>,
    /// The `location` href.
    pub location: Option<String>,
}

/// A status line: `HTTP/1.1 {code} {reason}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// 200–599.
    pub code: u16,
    /// The reason phrase, trimmed (may be empty).
    pub reason: String,
}

/// One `propstat`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PropStat {
    /// The properties.
    pub props: Vec<Property>,
    /// The status (`None` only from a body with the tolerated quirk).
    pub status: Option<Status>,
    /// The `DAV:error` children, canonical.
    pub error: Option<String>,
    /// The `responsedescription`.
    pub description: Option<String>,
}

/// One property.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Property {
    /// Namespace URI (`""` for none).
    pub ns: String,
    /// Local name.
    pub local: String,
    /// The value.
    pub value: Value,
}

/// A property value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// No value.
    Empty,
    /// Text (never empty).
    Text(String),
    /// Child elements (and text between them), canonical.
    Xml(String),
}

// --------------------------------------------------------------------------------------------
// Canonical XML for raw values.

/// An element of a raw value, for generating and canonicalising.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum XNode {
    /// An element: namespace URI (`""` for none), local name, attributes
    /// (namespace URI, local, value), children.
    Elem { ns: String, local: String, attrs: Vec<(String, String, String)>, children: Vec<XNode> },
    /// Text (unescaped; never empty, never next to another text).
    Text(String),
}

/// Escapes element content: `&`, `<`, `>` and CR.
pub fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

/// Escapes a double-quoted attribute value.
pub fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

const XML_URI: &str = "http://www.w3.org/XML/1998/namespace";

/// The canonical form of a list of nodes: every element declares its namespace as the default
/// one (`xmlns="uri"`, `xmlns=""` for none) unless its parent in the value has the same;
/// attributes in a namespace get prefixes `a0`, `a1`, ... declared on their element (`xml:`
/// for the XML namespace); text escaped as [`escape_text`]; `<x/>` for an element without
/// content. The form is self-contained: it binds every prefix it uses.
pub fn canonical(nodes: &[XNode]) -> String {
    let mut out = String::new();
    for n in nodes {
        canon_node(n, None, &mut out);
    }
    out
}

fn canon_node(n: &XNode, parent_ns: Option<&str>, out: &mut String) {
    match n {
        XNode::Text(t) => escape_text(t, out),
        XNode::Elem { ns, local, attrs, children } => {
            out.push('<');
            out.push_str(local);
            if parent_ns != Some(ns.as_str()) {
                out.push_str(" xmlns=\"");
                escape_attr(ns, out);
                out.push('"');
            }
            let mut prefixes: Vec<&str> = Vec::new();
            for (ans, alocal, value) in attrs {
                out.push(' ');
                if ans == XML_URI {
                    out.push_str("xml:");
                } else if !ans.is_empty() {
                    let i = match prefixes.iter().position(|p| p == ans) {
                        Some(i) => i,
                        None => {
                            prefixes.push(ans);
                            let i = prefixes.len() - 1;
                            let _ = write!(out, "xmlns:a{i}=\"");
                            escape_attr(ans, out);
                            out.push_str("\" ");
                            i
                        }
                    };
                    let _ = write!(out, "a{i}:");
                }
                out.push_str(alocal);
                out.push_str("=\"");
                escape_attr(value, out);
                out.push('"');
            }
            if children.is_empty() {
                out.push_str("/>");
            } else {
                out.push('>');
                for c in children {
                    canon_node(c, Some(ns), out);
                }
                out.push_str("</");
                out.push_str(local);
                out.push('>');
            }
        }
    }
}

fn unescape(t: &Text<'_>) -> String {
    t.to_string()
}

/// The nodes of an element's content, read with the crate's element view.
fn nodes_of(el: &Element<'_>) -> Result<Vec<XNode>, Error> {
    let mut v = Vec::new();
    for child in el.children() {
        match child? {
            Node::Text(t) => {
                let s = unescape(&t);
                if !s.is_empty() {
                    v.push(XNode::Text(s));
                }
            }
            Node::Element(e) => {
                let name = e.name();
                let attrs = e
                    .attributes()
                    .map(|a| (unescape(&a.name.namespace().uri()), a.name.local().to_string(), unescape(&a.value)))
                    .collect();
                v.push(XNode::Elem {
                    ns: ns_of(&name),
                    local: name.local().to_string(),
                    attrs,
                    children: nodes_of(&e)?,
                });
            }
        }
    }
    // Texts split by a comment-only child never happen (comments are inside text runs), but
    // merge neighbours anyway.
    let mut merged: Vec<XNode> = Vec::new();
    for n in v {
        match (merged.last_mut(), n) {
            (Some(XNode::Text(a)), XNode::Text(b)) => a.push_str(&b),
            (_, n) => merged.push(n),
        }
    }
    Ok(merged)
}

fn ns_of(name: &multistatus::Name<'_>) -> String {
    if name.namespace().is_dav() { "DAV:".to_string() } else { unescape(&name.namespace().uri()) }
}

/// The canonical form of an element's children (see [`canonical`]).
pub fn canonical_children(el: &Element<'_>) -> Result<String, Error> {
    Ok(canonical(&nodes_of(el)?))
}

// --------------------------------------------------------------------------------------------
// read

fn status_of(s: &multistatus::Status<'_>) -> Status {
    let line = unescape(&s.text());
    let ws = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n');
    let line = line.trim_matches(ws);
    let after_version = line.find([' ', '\t']).map_or("", |i| &line[i..]);
    let rest = after_version.trim_start_matches([' ', '\t']);
    let reason = rest.get(3..).unwrap_or("").trim_matches(ws);
    Status { code: s.code(), reason: reason.to_string() }
}

/// Reads a body into the model with the crate's parser (default options).
///
/// # Errors
/// The parser's error.
pub fn read(body: &[u8]) -> Result<Model, Error> {
    let mut m = Model::default();
    let mut resp: Option<Response> = None;
    let mut ps: Option<PropStat> = None;
    for ev in Parser::new(body)? {
        match ev? {
            Event::ResponseStart { .. } => resp = Some(Response::default()),
            Event::Href(t) => {
                if let Some(r) = resp.as_mut() {
                    r.hrefs.push(unescape(&t));
                }
            }
            Event::Status(s) => match (ps.as_mut(), resp.as_mut()) {
                (Some(p), _) => p.status = Some(status_of(&s)),
                (None, Some(r)) => r.status = Some(status_of(&s)),
                _ => {}
            },
            Event::PropStatStart { .. } => ps = Some(PropStat::default()),
            Event::Property(el) => {
                let value = if el.has_child_elements() {
                    Value::Xml(canonical_children(&el)?)
                } else {
                    let t = el.text().map(|t| unescape(&t)).unwrap_or_default();
                    if t.is_empty() { Value::Empty } else { Value::Text(t) }
                };
                let name = el.name();
                let prop = Property { ns: ns_of(&name), local: name.local().to_string(), value };
                if let Some(p) = ps.as_mut() {
                    p.props.push(prop);
                }
            }
            Event::PropStatEnd => {
                if let (Some(p), Some(r)) = (ps.take(), resp.as_mut()) {
                    r.propstats.push(p);
                }
            }
            Event::Error(el) => {
                let c = Some(canonical_children(&el)?);
                match (ps.as_mut(), resp.as_mut()) {
                    (Some(p), _) => p.error = c,
                    (None, Some(r)) => r.error = c,
                    _ => {}
                }
            }
            Event::Description(t) => {
                let d = Some(unescape(&t));
                match (ps.as_mut(), resp.as_mut()) {
                    (Some(p), _) => p.description = d,
                    (None, Some(r)) => r.description = d,
                    (None, None) => m.description = d,
                }
            }
            Event::Location(t) => {
                if let Some(r) = resp.as_mut() {
                    r.location = Some(unescape(&t));
                }
            }
            Event::ResponseEnd => {
                if let Some(r) = resp.take() {
                    m.responses.push(r);
                }
            }
            Event::SyncToken(t) => m.sync_token = Some(unescape(&t)),
            _ => {}
        }
    }
    Ok(m)
}

/// The name the issue gives [`read`].
///
/// # Errors
/// The parser's error.
pub fn from_body(body: &[u8]) -> Result<Model, Error> {
    read(body)
}

// --------------------------------------------------------------------------------------------
// Knobs

/// How `DAV:` is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DavStyle {
    /// `xmlns="DAV:"`.
    Default,
    /// `xmlns:{prefix}="DAV:"` (`D`, `d`, or a generated name).
    Prefix(String),
}

/// White space between structural elements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Indent {
    /// None at all.
    None,
    /// LF and this many spaces per level.
    Spaces(u8),
    /// LF and tabs.
    Tabs,
    /// CRLF and two spaces per level.
    CrLf,
}

/// How special characters in text are written (knob path only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escapes {
    /// Only what must be: `&amp;`, `&lt;`, `&gt;`, `&#13;`.
    Minimal,
    /// Named references, `&apos;` and `&quot;` included.
    Named,
    /// Decimal character references, also for non-ASCII and some letters.
    Decimal,
    /// Hex character references, likewise.
    Hex,
}

/// Serialisation knobs: everything a writer may vary without changing the model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Knobs {
    /// Write with the crate's `Writer` (the knobs it does not offer are then left out,
    /// except the BOM).
    pub via_writer: bool,
    /// The DAV prefix.
    pub dav: DavStyle,
    /// Declare `DAV:` again on each response with this other prefix, and use it there.
    pub redeclare_on_response: Option<String>,
    /// White space and indentation.
    pub indent: Indent,
    /// An XML declaration.
    pub declaration: bool,
    /// A UTF-8 byte order mark.
    pub bom: bool,
    /// Escape style for text.
    pub escapes: Escapes,
    /// Split text values into pieces in CDATA sections (writer path: property values).
    pub cdata: bool,
    /// Split text values with comments (and put comments and PIs between elements).
    pub comments: bool,
    /// Unknown extension elements that the reader must skip.
    pub unknown: bool,
    /// Write non-DAV properties with their namespace as the default namespace on the element.
    pub ns_as_default: bool,
    /// Where text values are split (a small seed for the split positions).
    pub split: u8,
}

impl Default for Knobs {
    fn default() -> Self {
        Knobs {
            via_writer: true,
            dav: DavStyle::Prefix("D".to_string()),
            redeclare_on_response: None,
            indent: Indent::None,
            declaration: true,
            bom: false,
            escapes: Escapes::Minimal,
            cdata: false,
            comments: false,
            unknown: false,
            ns_as_default: false,
            split: 3,
        }
    }
}

const PREFIXES: &[&str] = &["D", "d", "a", "dav", "x", "ns0", "ns1", "é", "_p", "ns9", "A1"];

fn prefix(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    if u.ratio(1, 4)? {
        let start = *u.choose(&['p', 'Q', '_', 'é', 'ß', '\u{391}', '\u{AC00}'])?;
        let n = u.int_in_range(0..=6)?;
        let mut s = String::from(start);
        for _ in 0..n {
            s.push(*u.choose(&['a', 'Z', '0', '-', '.', '_', 'é', '·', '\u{660}', '\u{3005}'])?);
        }
        Ok(s)
    } else {
        Ok((*u.choose(PREFIXES)?).to_string())
    }
}

impl<'a> Arbitrary<'a> for Knobs {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let dav = match u.int_in_range(0..=3)? {
            0 => DavStyle::Default,
            1 => DavStyle::Prefix("D".into()),
            2 => DavStyle::Prefix("d".into()),
            _ => DavStyle::Prefix(prefix(u)?),
        };
        let redeclare_on_response = if u.ratio(1, 4)? { Some(prefix(u)?) } else { None };
        let indent = match u.int_in_range(0..=3)? {
            0 => Indent::None,
            1 => Indent::Spaces(u.int_in_range(1..=4)?),
            2 => Indent::Tabs,
            _ => Indent::CrLf,
        };
        let escapes = *u.choose(&[Escapes::Minimal, Escapes::Named, Escapes::Decimal, Escapes::Hex])?;
        Ok(Knobs {
            via_writer: u.arbitrary()?,
            dav,
            redeclare_on_response,
            indent,
            declaration: u.arbitrary()?,
            bom: u.ratio(1, 4)?,
            escapes,
            cdata: u.arbitrary()?,
            comments: u.arbitrary()?,
            unknown: u.arbitrary()?,
            ns_as_default: u.arbitrary()?,
            split: u.arbitrary()?,
        })
    }
}

// --------------------------------------------------------------------------------------------
// The generator of valid models

const NAMESPACES: &[&str] = &[
    "DAV:",
    "DAV:",
    "",
    "urn:ietf:params:xml:ns:caldav",
    "http://apple.com/ns/ical/",
    "http://calendarserver.org/ns/",
    "urn:x&y",
    "http://example.com/\"q\"?a=<b>",
    "urn:é\tx",
];
const LOCALS: &[&str] = &[
    "getetag",
    "displayname",
    "resourcetype",
    "calendar-data",
    "href",
    "status",
    "prop",
    "getcontentlength",
    "x",
    "é-prop",
    "_a.b",
    "lockdiscovery",
];
const PIECES: &[&str] = &[
    "a",
    "Tom",
    " ",
    "  ",
    "&",
    "<",
    ">",
    "]]>",
    "]]",
    "]",
    "\"",
    "'",
    "\r\n",
    "\n",
    "\r",
    "\t",
    "é",
    "日本",
    "😀",
    "BEGIN:VCALENDAR",
    "&amp;",
    "<!--",
    "-->",
    "<![CDATA[",
    "?>",
    "\u{FEFF}",
    "\u{85}",
    "\u{2028}",
    "%20",
    "/",
];

fn local(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    if u.ratio(1, 5)? {
        // Names every XML 1.0 reader takes: fourth-edition letters first; digits, extenders and
        // combining characters (Arabic-Indic digit, Thai and CJK extenders) after.
        let first = ['a', 'Z', '_', 'é', '日', '\u{C0}', '\u{391}', '\u{4E00}', '\u{AC00}'];
        let mut s = String::from(*u.choose(&first)?);
        for _ in 0..u.int_in_range(0..=8)? {
            s.push(*u.choose(&['a', '-', '.', '0', '_', 'é', '·', '\u{300}', '\u{660}', '\u{E46}', '\u{3005}'])?);
        }
        Ok(s)
    } else {
        Ok((*u.choose(LOCALS)?).to_string())
    }
}

/// Text of XML characters, with every kind of character that needs care.
fn text(u: &mut Unstructured<'_>, max_pieces: usize) -> arbitrary::Result<String> {
    let mut s = String::new();
    for _ in 0..u.int_in_range(0..=max_pieces)? {
        if u.ratio(1, 8)? {
            let c = char::from_u32(u.int_in_range(0x20..=0x10FFFF)?).unwrap_or('x');
            let ok = matches!(c as u32, 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF);
            s.push(if ok { c } else { '?' });
        } else {
            s.push_str(u.choose(PIECES)?);
        }
    }
    Ok(s)
}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// Text without white space at either end (what the parser's trim leaves).
fn trimmed_text(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    Ok(text(u, 6)?.trim_matches(is_ws).to_string())
}

fn href(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    if u.ratio(1, 2)? {
        let mut s = String::from("/");
        for _ in 0..u.int_in_range(0..=3)? {
            s.push_str(u.choose(&["dav/", "calendars/", "Tom & Jerry", "é.ics", "a%20b", "x.vcf"])?);
        }
        Ok(s)
    } else {
        trimmed_text(u)
    }
}

fn status(u: &mut Unstructured<'_>) -> arbitrary::Result<Status> {
    let code = if u.ratio(3, 4)? {
        *u.choose(&[200, 201, 204, 207, 208, 301, 403, 404, 409, 423, 424, 500, 507])?
    } else {
        u.int_in_range(200..=599)?
    };
    let reason = if u.ratio(1, 6)? {
        String::new()
    } else {
        let pool = ["OK", "Not Found", "Forbidden", "Tom & Jerry <3", "Já  é", "Insufficient\tStorage", "\"q\""];
        (*u.choose(&pool)?).to_string()
    };
    Ok(Status { code, reason })
}

fn xnodes(u: &mut Unstructured<'_>, depth: u32, need_element: bool) -> arbitrary::Result<Vec<XNode>> {
    let mut v: Vec<XNode> = Vec::new();
    let n = u.int_in_range(0..=3)?;
    for _ in 0..n {
        if depth < 4 && u.ratio(3, 5)? {
            v.push(xelem(u, depth)?);
        } else {
            let t = text(u, 3)?;
            if !t.is_empty() {
                match v.last_mut() {
                    Some(XNode::Text(prev)) => prev.push_str(&t),
                    _ => v.push(XNode::Text(t)),
                }
            }
        }
    }
    if need_element && !v.iter().any(|n| matches!(n, XNode::Elem { .. })) {
        v.push(xelem(u, depth)?);
    }
    Ok(v)
}

fn xelem(u: &mut Unstructured<'_>, depth: u32) -> arbitrary::Result<XNode> {
    let ns = (*u.choose(NAMESPACES)?).to_string();
    let name = local(u)?;
    let mut attrs: Vec<(String, String, String)> = Vec::new();
    for _ in 0..u.int_in_range(0..=2)? {
        let ans = (*u.choose(&["", "", "urn:attr", XML_URI, "DAV:"])?).to_string();
        let alocal = if ans == XML_URI { (*u.choose(&["lang", "space"])?).to_string() } else { local(u)? };
        if attrs.iter().any(|(n, l, _)| *n == ans && *l == alocal) {
            continue;
        }
        attrs.push((ans, alocal, text(u, 3)?));
    }
    let children = xnodes(u, depth + 1, false)?;
    Ok(XNode::Elem { ns, local: name, attrs, children })
}

fn value(u: &mut Unstructured<'_>) -> arbitrary::Result<Value> {
    Ok(match u.int_in_range(0..=3)? {
        0 => Value::Empty,
        1 => Value::Xml(canonical(&xnodes(u, 0, true)?)),
        _ => {
            let t = text(u, 8)?;
            if t.is_empty() { Value::Empty } else { Value::Text(t) }
        }
    })
}

fn opt<T>(
    u: &mut Unstructured<'_>,
    p: (u8, u8),
    f: impl FnOnce(&mut Unstructured<'_>) -> arbitrary::Result<T>,
) -> arbitrary::Result<Option<T>> {
    if u.ratio(p.0, p.1)? { Ok(Some(f(u)?)) } else { Ok(None) }
}

fn error_value(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    Ok(canonical(&xnodes(u, 1, false)?))
}

impl<'a> Arbitrary<'a> for Model {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let mut responses = Vec::new();
        for _ in 0..u.int_in_range(0..=4)? {
            let mut r = Response::default();
            if u.ratio(1, 4)? {
                for _ in 0..u.int_in_range(1..=3)? {
                    r.hrefs.push(href(u)?);
                }
                r.status = Some(status(u)?);
            } else {
                r.hrefs.push(href(u)?);
                for _ in 0..u.int_in_range(1..=3)? {
                    let mut p = PropStat { status: Some(status(u)?), ..PropStat::default() };
                    for _ in 0..u.int_in_range(0..=4)? {
                        let ns = (*u.choose(NAMESPACES)?).to_string();
                        p.props.push(Property { ns, local: local(u)?, value: value(u)? });
                    }
                    p.error = opt(u, (1, 6), error_value)?;
                    p.description = opt(u, (1, 6), |u| text(u, 4))?;
                    r.propstats.push(p);
                }
            }
            r.error = opt(u, (1, 6), error_value)?;
            r.description = opt(u, (1, 6), |u| text(u, 4))?;
            r.location = opt(u, (1, 6), href)?;
            responses.push(r);
        }
        Ok(Model {
            responses,
            description: opt(u, (1, 5), |u| text(u, 4))?,
            sync_token: opt(u, (1, 5), |u| {
                Ok(format!("http://example.com/sync/{}", u.int_in_range(0..=999u32)?) + &trimmed_text(u)?)
            })?,
        })
    }
}

// --------------------------------------------------------------------------------------------
// Cases the writer must refuse (issue 14)

/// A model and knobs for the crate's writer that may hold values it cannot write so that they
/// read back identically: a valid model (as [`Model::arbitrary`] makes) with some values
/// spoiled. The writer must refuse exactly the spoiled cases, with the error kind that
/// [`writer_refusal`] gives, and write every other so that it reads back as the model
/// ([`check_writer_case`]).
///
/// Spoiled values: white space (space, tab, CR, LF) at an end of an href, a location, a
/// sync-token or a reason (the reader trims it); names (the DAV prefix, property names, element
/// and attribute names and prefixes in raw values) with a character that only the fifth
/// edition of XML 1.0 allows there (expat and the readers built on it refuse them).
#[derive(Clone, Debug)]
pub struct WriterCase {
    /// The model, perhaps spoiled.
    pub model: Model,
    /// The knobs (`via_writer` always set).
    pub knobs: Knobs,
}

/// XML white space, as the spoilers add it.
const WHITE: &[&str] = &[" ", "\t", "\r", "\n", "\r\n", " \t"];

/// With a chance of 1 in `rate`: `s` with white space at one end, at both, or instead of it.
fn spoil_ends(u: &mut Unstructured<'_>, s: &mut String, rate: u8) -> arbitrary::Result<()> {
    if rate == 0 || !u.ratio(1, rate)? {
        return Ok(());
    }
    let ws = *u.choose(WHITE)?;
    *s = match u.int_in_range(0..=3)? {
        0 => format!("{ws}{s}"),
        1 => format!("{s}{ws}"),
        2 => format!("{ws}{s}{ws}"),
        _ => ws.to_string(),
    };
    Ok(())
}

fn spoil_status(u: &mut Unstructured<'_>, s: Option<&mut Status>, rate: u8) -> arbitrary::Result<()> {
    match s {
        Some(s) => spoil_ends(u, &mut s.reason, rate),
        None => Ok(()),
    }
}

fn spoil_opt(u: &mut Unstructured<'_>, s: Option<&mut String>, rate: u8) -> arbitrary::Result<()> {
    match s {
        Some(s) => spoil_ends(u, s, rate),
        None => Ok(()),
    }
}

/// Characters only the fifth edition of XML 1.0 allows in names (anywhere in them).
const FIFTH_ONLY: &[char] =
    &['\u{FEFF}', '\u{FFFD}', '\u{D7FF}', '\u{10000}', '\u{EFFFF}', '\u{F900}', '\u{2070}', '\u{37F}', '\u{1F600}'];
/// Characters both editions allow in a name but not as its first character.
const NEVER_FIRST: &[char] = &['\u{300}', '·', '0', '-', '.'];
/// Characters both editions allow in a name, the fourth not as its first character (a digit
/// and extenders), the fifth there too.
const FIFTH_FIRST: &[char] = &['\u{660}', '\u{E46}', '\u{3005}'];
/// The non-ASCII characters the generators put in names, which every edition allows anywhere
/// in a name.
const LETTERS: &[char] = &['é', 'ß', '日', '\u{C0}', '\u{391}', '\u{4E00}', '\u{AC00}'];

/// Spoils `name` with a chance of 1 in `rate`: a fifth-edition-only character somewhere, or a
/// character that may not come first put first.
fn spoil_name(u: &mut Unstructured<'_>, name: &mut String, rate: u8) -> arbitrary::Result<()> {
    if rate == 0 || !u.ratio(1, rate)? {
        return Ok(());
    }
    if u.ratio(1, 3)? {
        let first = if u.arbitrary()? { NEVER_FIRST } else { FIFTH_FIRST };
        name.insert(0, *u.choose(first)?);
    } else {
        let at = u.choose_index(name.chars().count() + 1)?;
        let byte = name.char_indices().nth(at).map_or(name.len(), |(i, _)| i);
        name.insert(byte, *u.choose(FIFTH_ONLY)?);
    }
    Ok(())
}

/// Spoils a raw value (canonical content) with a chance of 1 in `rate`: an element with a
/// spoiled name, or with an attribute or a child so named, appended (content stays content).
fn spoil_raw(u: &mut Unstructured<'_>, raw: &mut String, rate: u8) -> arbitrary::Result<()> {
    if rate == 0 || !u.ratio(1, rate)? {
        return Ok(());
    }
    let mut bad = local(u)?;
    spoil_name(u, &mut bad, 1)?;
    let elem = |local: &str, attrs, children| XNode::Elem { ns: String::new(), local: local.into(), attrs, children };
    let node = match u.int_in_range(0..=3)? {
        0 => elem(&bad, vec![], vec![]),
        1 => elem("a", vec![(String::new(), bad, "v".to_string())], vec![]),
        2 => elem("a", vec![("urn:attr".to_string(), bad, "v".to_string())], vec![]),
        _ => elem("a", vec![], vec![XNode::Text("t".into()), elem(&bad, vec![], vec![])]),
    };
    raw.push_str(&canonical(&[node]));
    Ok(())
}

impl<'a> Arbitrary<'a> for WriterCase {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let mut model = Model::arbitrary(u)?;
        let mut knobs = Knobs { via_writer: true, ..Knobs::arbitrary(u)? };
        // How often a value is spoiled: 1 in `rate` (0: never), so that about a third of the
        // cases are written whole and the others stop at various places.
        let rate: u8 = *u.choose(&[0, 6, 12, 24, 48])?;
        if let DavStyle::Prefix(p) = &mut knobs.dav {
            spoil_name(u, p, rate.saturating_mul(2))?;
        }
        for r in &mut model.responses {
            for h in &mut r.hrefs {
                spoil_ends(u, h, rate)?;
            }
            spoil_status(u, r.status.as_mut(), rate)?;
            for p in &mut r.propstats {
                for prop in &mut p.props {
                    spoil_name(u, &mut prop.local, rate)?;
                    if let Value::Xml(x) = &mut prop.value {
                        spoil_raw(u, x, rate)?;
                    }
                }
                spoil_status(u, p.status.as_mut(), rate)?;
                if let Some(e) = p.error.as_mut() {
                    spoil_raw(u, e, rate)?;
                }
            }
            if let Some(e) = r.error.as_mut() {
                spoil_raw(u, e, rate)?;
            }
            spoil_opt(u, r.location.as_mut(), rate)?;
        }
        spoil_opt(u, model.sync_token.as_mut(), rate)?;
        Ok(WriterCase { model, knobs })
    }
}

/// Whether the reader trims something off `s`: XML white space at an end.
fn untrimmed(s: &str) -> bool {
    s.starts_with(is_ws) || s.ends_with(is_ws)
}

/// The refusal of a status line: a reason the reader would not give back.
fn status_refusal(s: &Status) -> Option<ErrorKind> {
    untrimmed(&s.reason).then_some(ErrorKind::InvalidStatus)
}

/// The refusal of an href, a location or a sync-token.
fn trimmed_refusal(s: &str) -> Option<ErrorKind> {
    untrimmed(s).then_some(ErrorKind::UntrimmedValue)
}

/// Which edition of XML 1.0 refuses a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Refused {
    /// None: the writer writes it.
    No,
    /// The fourth (Appendix B; expat): the writer refuses it, the reader would take it.
    Fourth,
    /// Both (so the reader too).
    Both,
}

/// Which edition refuses the name `name` (no colon), judged from the characters the generators
/// use (which every XML 1.0 reader allows: ASCII name characters and [`LETTERS`] anywhere,
/// [`NEVER_FIRST`] and [`FIFTH_FIRST`] after the first) and the ones [`spoil_name`] puts in;
/// any other is a defect of this oracle.
fn name_refused(name: &str) -> Refused {
    let first_ok = |c: char| c.is_ascii_alphabetic() || c == '_' || LETTERS.contains(&c);
    let later_ok = |c: char| first_ok(c) || c.is_ascii_digit() || NEVER_FIRST.contains(&c) || FIFTH_FIRST.contains(&c);
    for c in name.chars() {
        assert!(later_ok(c) || FIFTH_ONLY.contains(&c), "the oracle does not know {c:?} in {name:?}");
    }
    let mut chars = name.chars();
    match chars.next() {
        None => Refused::Both,
        Some(c) if NEVER_FIRST.contains(&c) => Refused::Both,
        Some(c) if first_ok(c) && chars.all(later_ok) => Refused::No,
        Some(_) => Refused::Fourth,
    }
}

/// [`name_refused`] for a qualified name (`prefix:local`): the worst of its parts.
fn qname_refused(qname: &str) -> Refused {
    qname.split(':').map(name_refused).max().unwrap_or(Refused::Both)
}

/// The element and attribute names of a raw value in canonical form ([`canonical`]): there every
/// `<` starts a tag and no `"` or `>` stands in a quoted value.
fn canonical_names(raw: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for tag in raw.split('<').skip(1).filter(|t| !t.starts_with('/')) {
        let tag = tag.split('>').next().unwrap_or("").trim_end_matches('/');
        // Outside the quotes: the element name, then `name=` before each value.
        for outside in tag.split('"').step_by(2) {
            names.extend(outside.split_whitespace().map(|n| n.trim_end_matches('=')));
        }
    }
    names
}

/// The refusal of a raw value: a name that no edition allows is malformed markup to the reader
/// that checks the value first; a name only the fifth edition allows, one the writer must not
/// write.
fn raw_refusal(raw: &str) -> Option<ErrorKind> {
    match canonical_names(raw).into_iter().map(qname_refused).max() {
        Some(Refused::Both) => Some(ErrorKind::MalformedMarkup),
        Some(Refused::Fourth) => Some(ErrorKind::InvalidName),
        _ => None,
    }
}

/// The refusal of a name the writer checks itself (a property's, the DAV prefix).
fn name_refusal(name: &str) -> Option<ErrorKind> {
    (name_refused(name) != Refused::No).then_some(ErrorKind::InvalidName)
}

/// The refusal of a propstat's calls: its properties' names and values, its status, its error.
fn propstat_refusal(p: &PropStat) -> Option<ErrorKind> {
    let prop_refusal = |prop: &Property| {
        let raw = match &prop.value {
            Value::Xml(x) => raw_refusal(x),
            _ => None,
        };
        name_refusal(&prop.local).or(raw)
    };
    p.props
        .iter()
        .find_map(prop_refusal)
        .or_else(|| p.status.as_ref().and_then(status_refusal))
        .or_else(|| p.error.as_deref().and_then(raw_refusal))
}

/// What the writer must refuse first when [`write_with_writer`] writes `m` with `k`, found
/// independently of the writer from the values [`WriterCase`] spoils, in the order of the
/// writer's calls and of its checks in each call; `None` when it must write the model.
pub fn writer_refusal(m: &Model, k: &Knobs) -> Option<ErrorKind> {
    if let DavStyle::Prefix(p) = &k.dav
        && let Some(e) = name_refusal(p)
    {
        return Some(e);
    }
    for r in &m.responses {
        let hrefs = r.hrefs.iter().find_map(|h| trimmed_refusal(h));
        let body = match &r.status {
            Some(s) => hrefs.or_else(|| status_refusal(s)),
            None => hrefs.or_else(|| r.propstats.iter().find_map(propstat_refusal)),
        };
        let tail =
            || r.error.as_deref().and_then(raw_refusal).or_else(|| r.location.as_deref().and_then(trimmed_refusal));
        if let Some(e) = body.or_else(tail) {
            return Some(e);
        }
    }
    m.sync_token.as_deref().and_then(trimmed_refusal)
}

/// The writer's property over a [`WriterCase`]: it refuses with the kind of [`writer_refusal`]
/// exactly when that gives one, and otherwise writes a body that the strict parser takes and
/// [`read`] reads back as the model.
///
/// # Errors
/// A description of the disagreement, with the body.
pub fn check_writer_case(c: &WriterCase) -> Result<(), String> {
    let (m, k) = (&c.model, &c.knobs);
    let show = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    match (write_with_writer(m, k), writer_refusal(m, k)) {
        (Ok(body), None) => {
            let strict: Result<Parser<'_>, Error> = Parser::with_options(&body, multistatus::Options::strict());
            if let Err(e) = strict.and_then(|p| p.into_iter().try_for_each(|ev| ev.map(|_| ()))) {
                return Err(format!("the strict parser rejects the writer's output: {e}\nbody:\n{}", show(&body)));
            }
            match read(&body) {
                Ok(back) if back == *m => Ok(()),
                Ok(back) => Err(format!("read back differently:\n{back:?}\nwant:\n{m:?}\nbody:\n{}", show(&body))),
                Err(e) => Err(format!("read failed: {e}\nbody:\n{}", show(&body))),
            }
        }
        (Err(e), Some(kind)) if e.kind() == kind => Ok(()),
        (Err(e), Some(kind)) => Err(format!("refused with {e}, want {kind:?}\nmodel: {m:?}\nknobs: {k:?}")),
        (Err(e), None) => Err(format!("the writer refused a writable model: {e}\nmodel: {m:?}\nknobs: {k:?}")),
        (Ok(body), Some(kind)) => {
            Err(format!("the writer wrote what it must refuse ({kind:?}):\nmodel: {m:?}\nbody:\n{}", show(&body)))
        }
    }
}

// --------------------------------------------------------------------------------------------
// write

/// Writes `m` with the knobs: through the crate's writer when `k.via_writer` and the writer
/// takes the model, else through the knob-aware serialiser.
pub fn write(m: &Model, k: &Knobs) -> Vec<u8> {
    if k.via_writer
        && let Ok(body) = write_with_writer(m, k)
    {
        return body;
    }
    write_with_knobs(m, k).into_bytes()
}

/// Writes `m` through the crate's [`Writer`], with the knobs it offers: the DAV prefix,
/// indentation (spaces), the XML declaration, CDATA for text properties (and a BOM put in
/// front).
///
/// # Errors
/// What the writer refuses (a model from a quirky body: a missing status; a name it cannot
/// write, ...).
pub fn write_with_writer(m: &Model, k: &Knobs) -> Result<Vec<u8>, Error> {
    let dav = match &k.dav {
        DavStyle::Default => DavPrefix::Default,
        DavStyle::Prefix(p) => DavPrefix::Named(p),
    };
    let indent = match k.indent {
        Indent::None => 0,
        Indent::Spaces(n) => n,
        Indent::Tabs | Indent::CrLf => 1,
    };
    let opts = WriterOptions::new().dav_prefix(dav).indent(indent).xml_declaration(k.declaration);
    let mut w = Writer::new(String::new(), opts)?;
    for r in &m.responses {
        let tail = ResponseTail {
            error: r.error.as_deref(),
            description: r.description.as_deref(),
            location: r.location.as_deref(),
        };
        match &r.status {
            Some(s) => {
                let hrefs: Vec<&str> = r.hrefs.iter().map(String::as_str).collect();
                w.begin_status_response(&hrefs, s.code, &s.reason)?;
            }
            None => {
                let [href] = r.hrefs.as_slice() else {
                    return Err(Error::new(multistatus::ErrorKind::InvalidResponse, 0));
                };
                w.begin_response(href)?;
                for p in &r.propstats {
                    w.begin_propstat()?;
                    for prop in &p.props {
                        match &prop.value {
                            Value::Empty => w.property_empty(&prop.ns, &prop.local)?,
                            Value::Text(t) if k.cdata => w.property_cdata(&prop.ns, &prop.local, t)?,
                            Value::Text(t) => w.property_text(&prop.ns, &prop.local, t)?,
                            Value::Xml(x) => w.property_raw(&prop.ns, &prop.local, x)?,
                        }
                    }
                    let s = p.status.as_ref().ok_or(Error::new(multistatus::ErrorKind::MissingPropstatStatus, 0))?;
                    let pt = PropStatTail { error: p.error.as_deref(), description: p.description.as_deref() };
                    w.end_propstat_with(s.code, &s.reason, pt)?;
                }
            }
        }
        w.end_response_with(tail)?;
    }
    let out =
        w.finish_with(MultistatusTail { description: m.description.as_deref(), sync_token: m.sync_token.as_deref() })?;
    let mut body = Vec::new();
    if k.bom {
        body.extend_from_slice("\u{FEFF}".as_bytes());
    }
    body.extend_from_slice(out.as_bytes());
    Ok(body)
}

/// The knob-aware serialiser: every knob, any model the lenient parser can give.
struct KnobWriter<'k> {
    k: &'k Knobs,
    out: String,
    /// The prefix DAV elements are written with now (`""`: the default namespace).
    dav: String,
    /// Whether the default namespace is `DAV:` (declared on the root).
    default_is_dav: bool,
    counter: u32,
}

impl KnobWriter<'_> {
    fn nl(&mut self, level: usize) {
        match self.k.indent {
            Indent::None => {}
            Indent::Spaces(n) => {
                self.out.push('\n');
                self.out.push_str(&" ".repeat(level * usize::from(n)));
            }
            Indent::Tabs => {
                self.out.push('\n');
                self.out.push_str(&"\t".repeat(level));
            }
            Indent::CrLf => {
                self.out.push_str("\r\n");
                self.out.push_str(&"  ".repeat(level));
            }
        }
    }

    fn tick(&mut self) -> u32 {
        self.counter = self.counter.wrapping_add(1);
        self.counter
    }

    fn qname(&self, local: &str) -> String {
        if self.dav.is_empty() { local.to_string() } else { format!("{}:{local}", self.dav) }
    }

    /// Between elements: maybe a comment, a PI or an unknown element.
    fn misc(&mut self, level: usize, allow_unknown: bool) {
        let n = self.tick();
        if self.k.comments && n.is_multiple_of(3) {
            self.nl(level);
            self.out.push_str(if n.is_multiple_of(2) { "<!-- a comment - no -->" } else { "<?pi some data?>" });
        }
        if allow_unknown && self.k.unknown && n % 2 == 1 {
            self.nl(level);
            match n % 4 {
                1 => self.out.push_str(
                    r#"<X:ext xmlns:X="urn:x-ext" a="1&amp;2"><X:child>text &lt; <![CDATA[x]]></X:child><X:empty/></X:ext>"#,
                ),
                _ => {
                    let q = self.qname("unknown-dav-element");
                    let _ = write!(self.out, "<{q}><{q}>nested</{q}><!--c--></{q}>");
                }
            }
        }
    }

    fn escape_char(&mut self, c: char, attr: bool) {
        let must = match c {
            '&' | '<' | '>' | '\r' => true,
            '"' | '\t' | '\n' => attr,
            _ => false,
        };
        let fancy = match self.k.escapes {
            Escapes::Minimal => false,
            Escapes::Named => matches!(c, '\'' | '"'),
            Escapes::Decimal | Escapes::Hex => !c.is_ascii() || matches!(c, '\'' | '"' | 'a'..='e' | '\n' | ' '),
        };
        if !must && !fancy {
            self.out.push(c);
            return;
        }
        match (self.k.escapes, c) {
            (Escapes::Decimal, c) => {
                let _ = write!(self.out, "&#{};", c as u32);
            }
            (Escapes::Hex, c) => {
                let _ = write!(self.out, "&#x{:X};", c as u32);
            }
            (_, '&') => self.out.push_str("&amp;"),
            (_, '<') => self.out.push_str("&lt;"),
            (_, '>') => self.out.push_str("&gt;"),
            (_, '"') => self.out.push_str("&quot;"),
            (_, '\'') => self.out.push_str("&apos;"),
            (_, c) => {
                let _ = write!(self.out, "&#{};", c as u32);
            }
        }
    }

    fn attr(&mut self, s: &str) {
        for c in s.chars() {
            self.escape_char(c, true);
        }
    }

    /// Text content, split into pieces in CDATA sections and by comments as the knobs say.
    fn text(&mut self, s: &str) {
        let chars: Vec<char> = s.chars().collect();
        let step = usize::from(self.k.split % 7) + 1;
        let mut in_cdata = false;
        for (i, &c) in chars.iter().enumerate() {
            if i % step == 0 && i > 0 {
                if in_cdata {
                    self.out.push_str("]]>");
                    in_cdata = false;
                }
                if self.k.comments && (i / step) % 2 == 1 {
                    self.out.push_str("<!--x-->");
                }
                if self.k.cdata && (i / step) % 2 == 0 {
                    self.out.push_str("<![CDATA[");
                    in_cdata = true;
                }
            }
            if i == 0 && self.k.cdata && self.k.split % 2 == 1 {
                self.out.push_str("<![CDATA[");
                in_cdata = true;
            }
            if in_cdata {
                match c {
                    // A CR in CDATA reads as LF; `]]>` must not appear: leave the section.
                    '\r' => {
                        self.out.push_str("]]>&#13;<![CDATA[");
                    }
                    '>' if self.out.ends_with("]]") => {
                        self.out.push_str("]]><![CDATA[>");
                    }
                    c => self.out.push(c),
                }
            } else {
                self.escape_char(c, false);
            }
        }
        if in_cdata {
            self.out.push_str("]]>");
        }
    }

    fn text_element(&mut self, level: usize, local: &str, s: &str) {
        self.nl(level);
        let q = self.qname(local);
        let _ = write!(self.out, "<{q}>");
        self.text(s);
        let _ = write!(self.out, "</{q}>");
    }

    fn status(&mut self, level: usize, s: &Status) {
        self.nl(level);
        let q = self.qname("status");
        let _ = write!(self.out, "<{q}>HTTP/1.1 {}", s.code);
        if !s.reason.is_empty() {
            self.out.push(' ');
            self.text(&s.reason);
        }
        let _ = write!(self.out, "</{q}>");
    }

    fn error(&mut self, level: usize, raw: &str) {
        self.nl(level);
        let q = self.qname("error");
        let _ = write!(self.out, "<{q}>{raw}</{q}>");
    }

    fn property(&mut self, level: usize, p: &Property) {
        self.nl(level);
        let (open, close) = if p.ns == "DAV:" {
            let q = self.qname(&p.local);
            (q.clone(), q)
        } else if p.ns.is_empty() {
            let decl = if self.default_is_dav { " xmlns=\"\"" } else { "" };
            (format!("{}{decl}", p.local), p.local.clone())
        } else if self.k.ns_as_default && !matches!(p.value, Value::Xml(_)) {
            let mut s = format!("{} xmlns=\"", p.local);
            std::mem::swap(&mut s, &mut self.out);
            self.attr(&p.ns);
            std::mem::swap(&mut s, &mut self.out);
            (s + "\"", p.local.clone())
        } else {
            let pfx = if self.dav == "P" { "Q" } else { "P" };
            let mut s = format!("{pfx}:{} xmlns:{pfx}=\"", p.local);
            std::mem::swap(&mut s, &mut self.out);
            self.attr(&p.ns);
            std::mem::swap(&mut s, &mut self.out);
            (s + "\"", format!("{pfx}:{}", p.local))
        };
        match &p.value {
            Value::Empty => {
                if self.k.comments && self.k.split.is_multiple_of(2) {
                    let _ = write!(self.out, "<{open}><!--empty--></{close}>");
                } else {
                    let _ = write!(self.out, "<{open}/>");
                }
            }
            Value::Text(t) => {
                let _ = write!(self.out, "<{open}>");
                self.text(t);
                let _ = write!(self.out, "</{close}>");
            }
            Value::Xml(x) => {
                let _ = write!(self.out, "<{open}>{x}</{close}>");
            }
        }
    }
}

/// Writes `m` with every knob, without the crate's writer.
pub fn write_with_knobs(m: &Model, k: &Knobs) -> String {
    let root_dav = match &k.dav {
        DavStyle::Default => String::new(),
        DavStyle::Prefix(p) => p.clone(),
    };
    let mut w = KnobWriter {
        k,
        out: String::new(),
        dav: root_dav.clone(),
        default_is_dav: root_dav.is_empty(),
        counter: u32::from(k.split),
    };
    if k.bom {
        w.out.push('\u{FEFF}');
    }
    if k.declaration {
        w.out.push_str(if k.split.is_multiple_of(2) {
            r#"<?xml version="1.0" encoding="UTF-8"?>"#
        } else {
            "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>"
        });
    }
    w.misc(0, false);
    w.nl(0);
    let q = w.qname("multistatus");
    let decl = if root_dav.is_empty() { String::new() } else { format!(":{root_dav}") };
    let _ = write!(w.out, "<{q} xmlns{decl}=\"DAV:\">");
    for r in &m.responses {
        w.misc(1, true);
        w.nl(1);
        match &k.redeclare_on_response {
            Some(p) if *p != root_dav => {
                w.dav = p.clone();
                let _ = write!(w.out, "<{p}:response xmlns:{p}=\"DAV:\">");
            }
            _ => {
                let q = w.qname("response");
                let _ = write!(w.out, "<{q}>");
            }
        }
        for h in &r.hrefs {
            w.text_element(2, "href", h);
            w.misc(2, true);
        }
        if let Some(s) = &r.status {
            w.status(2, s);
        }
        for p in &r.propstats {
            w.nl(2);
            let q = w.qname("propstat");
            let _ = write!(w.out, "<{q}>");
            w.misc(3, true);
            w.nl(3);
            let q = w.qname("prop");
            let _ = write!(w.out, "<{q}>");
            for prop in &p.props {
                w.property(4, prop);
            }
            w.nl(3);
            let _ = write!(w.out, "</{q}>");
            if let Some(s) = &p.status {
                w.status(3, s);
            }
            if let Some(e) = &p.error {
                w.error(3, e);
            }
            if let Some(d) = &p.description {
                w.text_element(3, "responsedescription", d);
            }
            w.nl(2);
            let q = w.qname("propstat");
            let _ = write!(w.out, "</{q}>");
        }
        if let Some(e) = &r.error {
            w.error(2, e);
        }
        if let Some(d) = &r.description {
            w.text_element(2, "responsedescription", d);
        }
        if let Some(l) = &r.location {
            w.nl(2);
            let q = w.qname("location");
            let _ = write!(w.out, "<{q}>");
            w.misc(3, true);
            w.text_element(3, "href", l);
            w.nl(2);
            let _ = write!(w.out, "</{q}>");
        }
        w.nl(1);
        let q = w.qname("response");
        let _ = write!(w.out, "</{q}>");
        w.dav = root_dav.clone();
    }
    if let Some(d) = &m.description {
        w.text_element(1, "responsedescription", d);
    }
    if let Some(t) = &m.sync_token {
        w.text_element(1, "sync-token", t);
    }
    w.misc(1, true);
    w.nl(0);
    let q = w.qname("multistatus");
    let _ = write!(w.out, "</{q}>");
    w.misc(0, false);
    w.out
}

/// Streams `body` through a [`multistatus::WindowParser`] the way a caller with a buffer does:
/// each window holds the bytes from [`multistatus::WindowParser::keep_from`] on, plus the next
/// `next_size()` bytes of the body (at least one). Every event goes to `on_event`; the end is
/// `None` for a body read whole, or the error. Checks the windowed contract on the way: no
/// more feeds than bytes (no loop), a final window ends the body or fails, `keep_from` lies in
/// the window.
pub fn stream_windowed(
    body: &[u8],
    next_size: impl FnMut() -> usize,
    on_event: impl FnMut(&multistatus::Event<'_>),
) -> Option<Error> {
    stream_windowed_with(multistatus::WindowParser::new(), Feeding::EveryChunk, body, next_size, on_event)
}

/// When [`stream_windowed_with`] feeds the parser again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feeding {
    /// After every chunk (every window end is tried; a unit that does not fit yet is read
    /// again at each chunk: the square of its length over 1-byte chunks).
    EveryChunk,
    /// Once the bytes it still needs have doubled since the last feed (or the body ended), as
    /// `WindowParser::feed`'s docs ask of a caller and `parse_from` does: linear time whatever
    /// the chunks.
    WhenDoubled,
}

/// [`stream_windowed`] with the parser `p` (in pieces mode, say), fed as `feeding` says.
pub fn stream_windowed_with(
    mut p: multistatus::WindowParser,
    feeding: Feeding,
    body: &[u8],
    mut next_size: impl FnMut() -> usize,
    mut on_event: impl FnMut(&multistatus::Event<'_>),
) -> Option<Error> {
    let mut buf: Vec<u8> = Vec::new();
    let (mut start, mut arrived, mut feeds) = (0usize, 0usize, 0usize);
    loop {
        feeds += 1;
        assert!(feeds <= body.len() + 2, "too many feeds");
        let is_final = arrived == body.len();
        {
            let mut feed = match p.feed(&buf, start, is_final) {
                Ok(f) => f,
                Err(e) => return Some(e),
            };
            while let Some(ev) = feed.next_event() {
                match ev {
                    Ok(ev) => on_event(&ev),
                    Err(e) => return Some(e),
                }
            }
        }
        if p.is_done() {
            return None;
        }
        assert!(!is_final, "a final window ended without the end or an error");
        let keep = p.keep_from();
        assert!(keep >= start && keep - start <= buf.len(), "keep_from outside the window");
        buf.drain(..keep - start);
        start = keep;
        let target = match feeding {
            Feeding::EveryChunk => buf.len() + 1,
            Feeding::WhenDoubled => (buf.len() * 2).max(buf.len() + 1),
        };
        while buf.len() < target && arrived < body.len() {
            let n = next_size().max(1).min(body.len() - arrived);
            buf.extend_from_slice(&body[arrived..arrived + n]);
            arrived += n;
        }
    }
}
