//! WebDAV request bodies, read and written: PROPFIND (RFC 4918 §14.20), PROPPATCH (§14.19),
//! LOCK's `lockinfo` (§14.11), and the REPORTs `sync-collection` (RFC 6578 §6.1),
//! `calendar-multiget` (RFC 4791 §9.10) and `addressbook-multiget` (RFC 6352 §10.7); any
//! other root is handed over as its [`Element`].
//!
//! Each reader checks the whole body once as XML (see [`crate::document`]), then checks the
//! request's grammar once over the root's children, and hands out views: zero-copy, no
//! allocation, linear time. Errors are positioned ([`ErrorKind::UnexpectedRoot`],
//! [`ErrorKind::MissingElement`], [`ErrorKind::ConflictingElements`],
//! [`ErrorKind::InvalidElementValue`], and the XML ones). Children in another order than
//! the RFC's are accepted; unknown elements are skipped (RFC 4918 §17), still checked as XML.
//! The quirks tolerated are reported ([`Parsed::quirks`]). The writers are in [`mod@write`].
//!
//! ```
//! use multistatus::request::{self, Request, Selection};
//!
//! let body = br#"<?xml version="1.0" encoding="utf-8" ?>
//! <D:propfind xmlns:D="DAV:"><D:prop xmlns:R="http://ns.example.com/boxschema/">
//!   <R:bigbox/><R:author/><D:getetag/></D:prop></D:propfind>"#;
//! let Request::Propfind(p) = request::parse(body)?.kind else { panic!() };
//! assert_eq!(p.selection(), Selection::Prop);
//! let mut locals = heapless::Vec::<&str, 4>::new();
//! for name in p.props() {
//!     locals.push(name?.name().local()).unwrap();
//! }
//! assert_eq!(locals, ["bigbox", "author", "getetag"]);
//! # Ok::<(), multistatus::Error>(())
//! ```

pub mod write;

use crate::body::BodyKind;
use crate::document::Document;
use crate::element::{Children, Element, Node};
use crate::error::{Error, ErrorKind};
use crate::multistatus::{Options, Quirk, QuirkKind, QuirkLog};
use crate::names::Name;
use crate::text::{Fragment, Text, is_xml_space_byte};

/// The CalDAV namespace (RFC 4791).
pub const CALDAV: &str = "urn:ietf:params:xml:ns:caldav";
/// The CardDAV namespace (RFC 6352).
pub const CARDDAV: &str = "urn:ietf:params:xml:ns:carddav";

/// A request body read whole: what it is, and the quirks tolerated.
#[derive(Clone, Debug)]
pub struct Parsed<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    /// The request.
    pub kind: Request<'a, D, NS, B>,
    /// The quirks tolerated (see [`Options`]).
    pub quirks: QuirkLog,
}

/// A request body, by its root element.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Request<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    /// `DAV:propfind`.
    Propfind(Propfind<'a, D, NS, B>),
    /// `DAV:propertyupdate` (PROPPATCH).
    Proppatch(Proppatch<'a, D, NS, B>),
    /// `DAV:lockinfo` (LOCK).
    LockInfo(LockInfo<'a, D, NS, B>),
    /// `DAV:sync-collection` (REPORT, RFC 6578).
    SyncCollection(SyncCollection<'a, D, NS, B>),
    /// `C:calendar-multiget` or `CR:addressbook-multiget` (REPORT).
    Multiget(Multiget<'a, D, NS, B>),
    /// Any other root (another REPORT, an extension): the root, checked as XML only.
    Other(Element<'a, D, NS, B>),
}

impl<'a, const D: usize, const NS: usize, const B: usize> Request<'a, D, NS, B> {
    /// The root element (`None` only for an empty PROPFIND body, which [`parse`] never
    /// gives).
    pub fn root(&self) -> Option<&Element<'a, D, NS, B>> {
        Some(match self {
            Request::Propfind(p) => return p.root(),
            Request::Proppatch(p) => &p.root,
            Request::LockInfo(l) => &l.root,
            Request::SyncCollection(s) => &s.root,
            Request::Multiget(m) => &m.root,
            Request::Other(e) => e,
        })
    }
}

/// Whether `name` is the root of a request this module reads ([`BodyKind::is_request`] of
/// [`BodyKind::of`], the crate's one table of root names).
pub fn is_request_root(name: &Name<'_>) -> bool {
    BodyKind::of(*name).is_request()
}

/// Reads a request body whatever its root, with the default capacities and options.
///
/// An empty body is [`ErrorKind::NoRootElement`] here: only the method tells what it means
/// (an empty PROPFIND is `allprop`: see [`Propfind::parse`]).
///
/// # Errors
/// The body's first error, positioned.
pub fn parse(body: &[u8]) -> Result<Parsed<'_>, Error> {
    parse_with_options(body, Options::default())
}

/// Reads a request body whatever its root, with these options and capacities.
///
/// # Errors
/// The body's first error, positioned.
pub fn parse_with_options<const D: usize, const NS: usize, const B: usize>(
    body: &[u8],
    options: Options,
) -> Result<Parsed<'_, D, NS, B>, Error> {
    let doc = Document::<D, NS, B>::with_options(body, options)?;
    let mut quirks = *doc.quirks();
    let root = doc.into_root();
    let kind = match BodyKind::of(root.name()) {
        BodyKind::Propfind => Request::Propfind(Propfind::from_root(root, options, &mut quirks)?),
        BodyKind::PropertyUpdate => Request::Proppatch(Proppatch::from_root(root)?),
        BodyKind::LockInfo => Request::LockInfo(LockInfo::from_root(root)?),
        BodyKind::SyncCollection => Request::SyncCollection(SyncCollection::from_root(root, options, &mut quirks)?),
        BodyKind::CalendarMultiget | BodyKind::AddressbookMultiget => Request::Multiget(Multiget::from_root(root)?),
        _ => Request::Other(root),
    };
    Ok(Parsed { kind, quirks })
}

// --- shared helpers ---------------------------------------------------------------------

/// The child elements of an element whose content is elements only: non-blank text is
/// [`ErrorKind::UnexpectedText`] at the text.
#[derive(Clone, Debug)]
pub struct Elements<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    inner: Option<Children<'a, D, NS, B>>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Elements<'a, D, NS, B> {
    fn of(e: Option<&Element<'a, D, NS, B>>) -> Self {
        Elements { inner: e.map(Element::children) }
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Iterator for Elements<'a, D, NS, B> {
    type Item = Result<Element<'a, D, NS, B>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let inner = self.inner.as_mut()?;
        loop {
            match inner.next() {
                None => {
                    self.inner = None;
                    return None;
                }
                Some(Ok(Node::Element(e))) => return Some(Ok(e)),
                Some(Ok(Node::Text(t))) if t.is_blank() => {}
                Some(Ok(Node::Text(t))) => {
                    self.inner = None;
                    return Some(Err(Error::new(ErrorKind::UnexpectedText, t.offset())));
                }
                Some(Err(e)) => {
                    self.inner = None;
                    return Some(Err(e));
                }
            }
        }
    }
}

fn expect_root<const D: usize, const NS: usize, const B: usize>(
    root: &Element<'_, D, NS, B>,
    ns: &str,
    local: &str,
) -> Result<(), Error> {
    if root.name().is(ns, local) { Ok(()) } else { Err(Error::new(ErrorKind::UnexpectedRoot, root.offset())) }
}

/// Keeps `e` in `slot`, or refuses a second one.
fn once<'a, const D: usize, const NS: usize, const B: usize>(
    slot: &mut Option<Element<'a, D, NS, B>>,
    e: Element<'a, D, NS, B>,
) -> Result<(), Error> {
    once_as(slot, e, Ok)
}

/// Keeps what `e` reads as (`read` judges its content) in `slot`, or refuses a second one (at
/// its start, before its content): a body's elements judged in document order.
fn once_as<'a, T, const D: usize, const NS: usize, const B: usize>(
    slot: &mut Option<T>,
    e: Element<'a, D, NS, B>,
    read: impl FnOnce(Element<'a, D, NS, B>) -> Result<T, Error>,
) -> Result<(), Error> {
    if slot.is_some() {
        return Err(Error::new(ErrorKind::DuplicateElement, e.offset()));
    }
    *slot = Some(read(e)?);
    Ok(())
}

/// The text of an element that holds text only, trimmed ([`ErrorKind::UnexpectedElement`]
/// at the child otherwise).
fn trimmed_text<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<Text<'a>, Error> {
    match e.text() {
        Some(t) => Ok(t.trim()),
        None => {
            let first = e.children().find_map(|c| match c {
                Ok(Node::Element(c)) => Some(c.offset()),
                _ => None,
            });
            let child = first.unwrap_or(e.offset());
            Err(Error::new(ErrorKind::UnexpectedElement, child))
        }
    }
}

/// Checks that every child of `e` is an element (white space between them allowed).
fn check_elements<const D: usize, const NS: usize, const B: usize>(
    e: Option<&Element<'_, D, NS, B>>,
) -> Result<(), Error> {
    for c in Elements::of(e) {
        c?;
    }
    Ok(())
}

// --- PROPFIND ---------------------------------------------------------------------------

/// Which properties a PROPFIND (or a multiget REPORT) asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Selection {
    /// `allprop` (with the names of `include`, if any).
    AllProp,
    /// `propname`: the names only.
    PropName,
    /// `prop`: these properties.
    Prop,
}

/// A PROPFIND body (RFC 4918 §14.20):
/// `propfind (propname | (allprop, include?) | prop)`.
#[derive(Clone, Debug)]
pub struct Propfind<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    /// `None` for an empty body.
    root: Option<Element<'a, D, NS, B>>,
    selection: Selection,
    /// `prop` or `include`.
    names: Option<Element<'a, D, NS, B>>,
}

impl<'a> Propfind<'a> {
    /// Reads a PROPFIND body, default capacities and options. An empty body, or one of
    /// white space only (after a UTF-8 BOM, if any), is `allprop` (RFC 4918 §9.1: "An empty PROPFIND request body MUST
    /// be treated as if it were an 'allprop' request"): [`Propfind::is_empty_body`] tells.
    ///
    /// # Errors
    /// The XML errors; [`ErrorKind::UnexpectedRoot`], [`ErrorKind::MissingElement`] (none of
    /// `allprop`, `propname`, `prop` with [`Options::propfind_without_selection`] off, as in
    /// [`Options::strict`]; by default such a `propfind` is `allprop`, the quirk
    /// [`QuirkKind::PropfindWithoutSelection`] reported; an `include` alone),
    /// [`ErrorKind::ConflictingElements`] (two of them, or
    /// `include` with `propname` or `prop`), [`ErrorKind::DuplicateElement`],
    /// [`ErrorKind::UnexpectedText`].
    pub fn parse(body: &'a [u8]) -> Result<Self, Error> {
        Self::parse_with_options(body, Options::default()).map(|(p, _)| p)
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Propfind<'a, D, NS, B> {
    /// As [`Propfind::parse`], with these options and capacities; also gives the quirks.
    ///
    /// # Errors
    /// As [`Propfind::parse`].
    pub fn parse_with_options(body: &'a [u8], options: Options) -> Result<(Self, QuirkLog), Error> {
        // A BOM alone is no content: the encoding's signature, which the reader skips.
        let content = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        if content.iter().all(|&b| is_xml_space_byte(b)) {
            let p = Propfind { root: None, selection: Selection::AllProp, names: None };
            return Ok((p, QuirkLog::default()));
        }
        let doc = Document::<D, NS, B>::with_options(body, options)?;
        let mut quirks = *doc.quirks();
        Ok((Self::from_root(doc.into_root(), options, &mut quirks)?, quirks))
    }

    fn from_root(root: Element<'a, D, NS, B>, options: Options, quirks: &mut QuirkLog) -> Result<Self, Error> {
        expect_root(&root, crate::names::DAV, "propfind")?;
        let mut found = Selecting::of_propfind();
        for c in Elements::of(Some(&root)) {
            found.take(c?)?;
        }
        if found.is_empty() && options.propfind_without_selection {
            // sabre/dav and others read `<D:propfind/>` as `allprop`: tolerated, reported.
            quirks.record(Quirk { kind: QuirkKind::PropfindWithoutSelection, offset: root.offset() });
            return Ok(Propfind { root: Some(root), selection: Selection::AllProp, names: None });
        }
        let (selection, names) = found.selection(&root)?;
        Ok(Propfind { root: Some(root), selection, names })
    }

    /// What is asked for.
    pub fn selection(&self) -> Selection {
        self.selection
    }

    /// Whether the body was empty (then [`Propfind::selection`] is `AllProp` and there is
    /// no root).
    pub fn is_empty_body(&self) -> bool {
        self.root.is_none()
    }

    /// The names asked for: `prop`'s children, or `include`'s with `allprop` (none with
    /// `propname`). Each is an element whose name is the property's.
    pub fn props(&self) -> Elements<'a, D, NS, B> {
        Elements::of(self.names.as_ref())
    }

    /// The `prop` or `include` element, if any.
    pub fn names_element(&self) -> Option<&Element<'a, D, NS, B>> {
        self.names.as_ref()
    }

    /// The root element (`None` for an empty body).
    pub fn root(&self) -> Option<&Element<'a, D, NS, B>> {
        self.root.as_ref()
    }
}

/// The selection elements of a `propfind` or a multiget, in this order: `allprop`,
/// `propname`, `prop`, `include`. Taken in document order ([`Selecting::take`]): each is
/// judged when it comes, so the first error is the first in the body.
struct Selecting<'a, const D: usize, const NS: usize, const B: usize> {
    found: [Option<Element<'a, D, NS, B>>; 4],
    /// Whether `include` is one (a `propfind`'s; a multiget has none).
    with_include: bool,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Selecting<'a, D, NS, B> {
    /// A `propfind`'s: `include` is one.
    fn of_propfind() -> Self {
        Selecting { found: [None, None, None, None], with_include: true }
    }

    /// A multiget's: `include` is not one.
    fn of_multiget() -> Self {
        Selecting { found: [None, None, None, None], with_include: false }
    }

    /// Takes `c` if it is a selection element:
    /// refused when a second of its name ([`ErrorKind::DuplicateElement`]) or when it
    /// conflicts with those before it ([`ErrorKind::ConflictingElements`]), both at its
    /// start, then its content checked (EMPTY elements, RFC 4918 §14: text in one is refused,
    /// an unknown child ignored).
    fn take(&mut self, c: Element<'a, D, NS, B>) -> Result<(), Error> {
        let n = c.name();
        if !n.namespace().is_dav() {
            return Ok(());
        }
        let i = match n.local() {
            "allprop" => 0,
            "propname" => 1,
            "prop" => 2,
            "include" if self.with_include => 3,
            _ => return Ok(()),
        };
        let mut present = self.found.each_ref().map(Option::is_some);
        let Some(this) = present.get_mut(i) else { return Ok(()) };
        if core::mem::replace(this, true) {
            return Err(Error::new(ErrorKind::DuplicateElement, c.offset()));
        }
        if conflicting(present) {
            return Err(Error::new(ErrorKind::ConflictingElements, c.offset()));
        }
        check_elements(Some(&c))?;
        if let Some(slot) = self.found.get_mut(i) {
            *slot = Some(c);
        }
        Ok(())
    }

    /// Whether none was found.
    fn is_empty(&self) -> bool {
        self.found.iter().all(Option::is_none)
    }

    /// The selection, and the element of its names (`prop`, or `include` with `allprop`);
    /// [`ErrorKind::MissingElement`] at `root` when none was found.
    fn selection(self, root: &Element<'a, D, NS, B>) -> Result<(Selection, Option<Element<'a, D, NS, B>>), Error> {
        match self.found {
            [Some(_), _, _, include] => Ok((Selection::AllProp, include)),
            [None, Some(_), _, _] => Ok((Selection::PropName, None)),
            [None, None, Some(p), _] => Ok((Selection::Prop, Some(p))),
            [None, None, None, _] => Err(Error::new(ErrorKind::MissingElement, root.offset())),
        }
    }
}

/// Whether the selection elements present (`allprop`, `propname`, `prop`, `include`) cannot
/// stand together: two of the first three, or `include` with `propname` or `prop`.
fn conflicting([allprop, propname, prop, include]: [bool; 4]) -> bool {
    [allprop, propname, prop].iter().filter(|&&p| p).count() > 1 || include && (propname || prop)
}

// --- PROPPATCH --------------------------------------------------------------------------

/// What a PROPPATCH instruction does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    /// `set`: the property takes the element's value.
    Set,
    /// `remove`: the property is removed (its element is normally empty).
    Remove,
}

/// One instruction of a PROPPATCH: the operation and the property element (its value is
/// its content: [`Element::inner_raw`], [`Element::text`], [`Element::children`]).
#[derive(Clone, Debug)]
pub struct Instruction<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    /// Set or remove.
    pub op: Op,
    /// The property.
    pub property: Element<'a, D, NS, B>,
}

/// A PROPPATCH body (RFC 4918 §14.19): `propertyupdate (remove | set)+`, each
/// `set`/`remove` holding one `prop`, whose children are the properties.
#[derive(Clone, Debug)]
pub struct Proppatch<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    root: Element<'a, D, NS, B>,
}

impl<'a> Proppatch<'a> {
    /// Reads a PROPPATCH body, default capacities and options.
    ///
    /// # Errors
    /// The XML errors; [`ErrorKind::UnexpectedRoot`], [`ErrorKind::MissingElement`] (no
    /// `set` or `remove`, or one without `prop`), [`ErrorKind::DuplicateElement`] (two
    /// `prop` in one), [`ErrorKind::UnexpectedText`].
    pub fn parse(body: &'a [u8]) -> Result<Self, Error> {
        Self::parse_with_options(body, Options::default()).map(|(p, _)| p)
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Proppatch<'a, D, NS, B> {
    /// As [`Proppatch::parse`], with these options and capacities; also gives the quirks.
    ///
    /// # Errors
    /// As [`Proppatch::parse`].
    pub fn parse_with_options(body: &'a [u8], options: Options) -> Result<(Self, QuirkLog), Error> {
        let doc = Document::<D, NS, B>::with_options(body, options)?;
        let quirks = *doc.quirks();
        Ok((Self::from_root(doc.into_root())?, quirks))
    }

    fn from_root(root: Element<'a, D, NS, B>) -> Result<Self, Error> {
        expect_root(&root, crate::names::DAV, "propertyupdate")?;
        let mut any = false;
        for c in Elements::of(Some(&root)) {
            let c = c?;
            if op_of(&c.name()).is_some() {
                any = true;
                // Each `prop` judged when it comes: its content before a second one.
                prop_with(&c, |p| check_elements(Some(p)))?;
            }
        }
        if !any {
            return Err(Error::new(ErrorKind::MissingElement, root.offset()));
        }
        Ok(Proppatch { root })
    }

    /// The instructions in document order (RFC 4918 §9.2: they are applied in that order).
    pub fn instructions(&self) -> Instructions<'a, D, NS, B> {
        Instructions { outer: Elements::of(Some(&self.root)), inner: None }
    }

    /// The root element.
    pub fn root(&self) -> &Element<'a, D, NS, B> {
        &self.root
    }
}

fn op_of(n: &Name<'_>) -> Option<Op> {
    if n.is_dav("set") {
        Some(Op::Set)
    } else if n.is_dav("remove") {
        Some(Op::Remove)
    } else {
        None
    }
}

/// The one `prop` of a `set` or `remove`.
fn prop_of<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<Element<'a, D, NS, B>, Error> {
    prop_with(e, |_| Ok(()))
}

/// The one `prop` of a `set` or `remove`, each `prop` found judged by `read` when it comes.
fn prop_with<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
    read: impl Fn(&Element<'a, D, NS, B>) -> Result<(), Error>,
) -> Result<Element<'a, D, NS, B>, Error> {
    let mut prop = None;
    for c in Elements::of(Some(e)) {
        let c = c?;
        if c.name().is_dav("prop") {
            once_as(&mut prop, c, |p| read(&p).map(|()| p))?;
        }
    }
    prop.ok_or(Error::new(ErrorKind::MissingElement, e.offset()))
}

/// Iterator over the instructions of a [`Proppatch`].
#[derive(Clone, Debug)]
pub struct Instructions<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    outer: Elements<'a, D, NS, B>,
    inner: Option<(Op, Elements<'a, D, NS, B>)>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Iterator for Instructions<'a, D, NS, B> {
    type Item = Result<Instruction<'a, D, NS, B>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((op, inner)) = self.inner.as_mut() {
                match inner.next() {
                    Some(Ok(property)) => return Some(Ok(Instruction { op: *op, property })),
                    Some(Err(e)) => return Some(Err(e)),
                    None => self.inner = None,
                }
            }
            let c = match self.outer.next()? {
                Ok(c) => c,
                Err(e) => return Some(Err(e)),
            };
            if let Some(op) = op_of(&c.name()) {
                match prop_of(&c) {
                    Ok(prop) => self.inner = Some((op, Elements::of(Some(&prop)))),
                    Err(e) => return Some(Err(e)),
                }
            }
        }
    }
}

// --- LOCK -------------------------------------------------------------------------------

/// The scope of a lock (RFC 4918 §14.13).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LockScope {
    /// `exclusive`.
    Exclusive,
    /// `shared`.
    Shared,
}

/// A LOCK body (RFC 4918 §14.11): `lockinfo (lockscope, locktype, owner?)`, `lockscope`
/// holding `exclusive` or `shared`, `locktype` holding `write` (the only type RFC 4918
/// defines).
#[derive(Clone, Debug)]
pub struct LockInfo<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    root: Element<'a, D, NS, B>,
    scope: LockScope,
    owner: Option<Element<'a, D, NS, B>>,
}

impl<'a> LockInfo<'a> {
    /// Reads a LOCK body, default capacities and options. (A LOCK that refreshes a lock has
    /// no body: check for an empty body first.)
    ///
    /// # Errors
    /// The XML errors; [`ErrorKind::UnexpectedRoot`], [`ErrorKind::MissingElement`] (no
    /// `lockscope`, `locktype`, or nothing known in them), [`ErrorKind::ConflictingElements`]
    /// (both `exclusive` and `shared`), [`ErrorKind::DuplicateElement`],
    /// [`ErrorKind::UnexpectedText`].
    pub fn parse(body: &'a [u8]) -> Result<Self, Error> {
        Self::parse_with_options(body, Options::default()).map(|(p, _)| p)
    }
}

/// The scope a `lockscope` holds: one of `exclusive`, `shared` (EMPTY, RFC 4918 §14.13,
/// §14.25: text in it refused, an unknown child ignored), unknown elements beside it
/// ignored.
fn lock_scope_of<const D: usize, const NS: usize, const B: usize>(
    scope: &Element<'_, D, NS, B>,
) -> Result<LockScope, Error> {
    let mut found = None;
    for c in Elements::of(Some(scope)) {
        let c = c?;
        let this = if c.name().is_dav("exclusive") {
            LockScope::Exclusive
        } else if c.name().is_dav("shared") {
            LockScope::Shared
        } else {
            continue;
        };
        match found {
            Some(f) if f == this => return Err(Error::new(ErrorKind::DuplicateElement, c.offset())),
            Some(_) => return Err(Error::new(ErrorKind::ConflictingElements, c.offset())),
            None => found = Some(this),
        }
        check_elements(Some(&c))?;
    }
    found.ok_or(Error::new(ErrorKind::MissingElement, scope.offset()))
}

/// Checks a `locktype`: it holds one `write` (EMPTY), unknown elements beside it ignored.
fn lock_type_of<const D: usize, const NS: usize, const B: usize>(kind: &Element<'_, D, NS, B>) -> Result<(), Error> {
    let mut write = false;
    for c in Elements::of(Some(kind)) {
        let c = c?;
        if c.name().is_dav("write") {
            if write {
                return Err(Error::new(ErrorKind::DuplicateElement, c.offset()));
            }
            write = true;
            check_elements(Some(&c))?;
        }
    }
    if write { Ok(()) } else { Err(Error::new(ErrorKind::MissingElement, kind.offset())) }
}

impl<'a, const D: usize, const NS: usize, const B: usize> LockInfo<'a, D, NS, B> {
    /// As [`LockInfo::parse`], with these options and capacities; also gives the quirks.
    ///
    /// # Errors
    /// As [`LockInfo::parse`].
    pub fn parse_with_options(body: &'a [u8], options: Options) -> Result<(Self, QuirkLog), Error> {
        let doc = Document::<D, NS, B>::with_options(body, options)?;
        let quirks = *doc.quirks();
        Ok((Self::from_root(doc.into_root())?, quirks))
    }

    fn from_root(root: Element<'a, D, NS, B>) -> Result<Self, Error> {
        expect_root(&root, crate::names::DAV, "lockinfo")?;
        // Each child judged when it comes (its content too): errors in document order.
        let (mut scope, mut kind, mut owner) = (None, None, None);
        for c in Elements::of(Some(&root)) {
            let c = c?;
            let n = c.name();
            if !n.namespace().is_dav() {
                continue;
            }
            match n.local() {
                "lockscope" => once_as(&mut scope, c, |s| lock_scope_of(&s))?,
                "locktype" => once_as(&mut kind, c, |t| lock_type_of(&t))?,
                "owner" => once(&mut owner, c)?,
                _ => {}
            }
        }
        let missing = Error::new(ErrorKind::MissingElement, root.offset());
        let scope = scope.ok_or(missing)?;
        kind.ok_or(missing)?;
        Ok(LockInfo { root, scope, owner })
    }

    /// The scope asked for.
    pub fn scope(&self) -> LockScope {
        self.scope
    }

    /// The `owner` element, whose content the server keeps and gives back in
    /// `lockdiscovery` (often an `href`; any content).
    pub fn owner(&self) -> Option<&Element<'a, D, NS, B>> {
        self.owner.as_ref()
    }

    /// The root element.
    pub fn root(&self) -> &Element<'a, D, NS, B> {
        &self.root
    }
}

// --- sync-collection --------------------------------------------------------------------

/// The `sync-level` of a sync-collection REPORT (RFC 6578 §6.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SyncLevel {
    /// `1`: the collection's immediate members.
    One,
    /// `infinite`: all members at any depth.
    Infinite,
}

/// A sync-collection REPORT body (RFC 6578 §6.1):
/// `sync-collection (sync-token, sync-level, limit?, prop)`, `limit` holding `nresults`
/// (RFC 5323 §5.17).
#[derive(Clone, Debug)]
pub struct SyncCollection<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    root: Element<'a, D, NS, B>,
    token: Text<'a>,
    level: SyncLevel,
    limit: Option<u32>,
    prop: Element<'a, D, NS, B>,
}

impl<'a> SyncCollection<'a> {
    /// Reads a sync-collection body, default capacities and options.
    ///
    /// # Errors
    /// The XML errors; [`ErrorKind::UnexpectedRoot`], [`ErrorKind::MissingElement`] (no
    /// `sync-token`, `prop`, or a `limit` without `nresults`; no `sync-level` with
    /// [`Options::sync_collection_without_level`] off, as in [`Options::strict`]: by default
    /// the level is then `1`, the quirk [`QuirkKind::SyncCollectionWithoutLevel`] reported),
    /// [`ErrorKind::InvalidElementValue`] (a level other than `1` or `infinite`, an
    /// `nresults` that is not a decimal number from 1 to 2³²−1, read by its characters),
    /// [`ErrorKind::DuplicateElement`], [`ErrorKind::UnexpectedElement`] (markup in the
    /// token, the level or `nresults`), [`ErrorKind::UnexpectedText`].
    pub fn parse(body: &'a [u8]) -> Result<Self, Error> {
        Self::parse_with_options(body, Options::default()).map(|(p, _)| p)
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> SyncCollection<'a, D, NS, B> {
    /// As [`SyncCollection::parse`], with these options and capacities; also gives the
    /// quirks.
    ///
    /// # Errors
    /// As [`SyncCollection::parse`].
    pub fn parse_with_options(body: &'a [u8], options: Options) -> Result<(Self, QuirkLog), Error> {
        let doc = Document::<D, NS, B>::with_options(body, options)?;
        let mut quirks = *doc.quirks();
        Ok((Self::from_root(doc.into_root(), options, &mut quirks)?, quirks))
    }

    fn from_root(root: Element<'a, D, NS, B>, options: Options, quirks: &mut QuirkLog) -> Result<Self, Error> {
        expect_root(&root, crate::names::DAV, "sync-collection")?;
        let (mut token, mut level, mut limit, mut prop) = (None, None, None, None);
        for c in Elements::of(Some(&root)) {
            let c = c?;
            let n = c.name();
            if !n.namespace().is_dav() {
                continue;
            }
            // Each judged when it comes (its content too): errors in document order.
            match n.local() {
                "sync-token" => once_as(&mut token, c, |t| trimmed_text(&t))?,
                "sync-level" => once_as(&mut level, c, |l| level_of(&l))?,
                "limit" => once_as(&mut limit, c, |l| nresults_of(&l))?,
                "prop" => once_as(&mut prop, c, |p| check_elements(Some(&p)).map(|()| p))?,
                _ => {}
            }
        }
        let missing = Error::new(ErrorKind::MissingElement, root.offset());
        let token = token.ok_or(missing)?;
        let level = match level {
            Some(l) => l,
            None if options.sync_collection_without_level => {
                // RFC 6578 drafts had no sync-level: read as level 1, reported.
                quirks.record(Quirk { kind: QuirkKind::SyncCollectionWithoutLevel, offset: root.offset() });
                SyncLevel::One
            }
            None => return Err(missing),
        };
        let prop = prop.ok_or(missing)?;
        Ok(SyncCollection { root, token, level, limit, prop })
    }

    /// The sync-token, trimmed (empty for an initial sync).
    pub fn token(&self) -> Text<'a> {
        self.token
    }

    /// The sync-level.
    pub fn level(&self) -> SyncLevel {
        self.level
    }

    /// The `limit`'s `nresults`, if any.
    pub fn limit(&self) -> Option<u32> {
        self.limit
    }

    /// The names of the properties asked for (`prop`'s children).
    pub fn props(&self) -> Elements<'a, D, NS, B> {
        Elements::of(Some(&self.prop))
    }

    /// The root element.
    pub fn root(&self) -> &Element<'a, D, NS, B> {
        &self.root
    }
}

/// The level of a `sync-level`: `1` or `infinite`, trimmed.
fn level_of<const D: usize, const NS: usize, const B: usize>(e: &Element<'_, D, NS, B>) -> Result<SyncLevel, Error> {
    let t = trimmed_text(e)?;
    if t.eq_str("1") {
        Ok(SyncLevel::One)
    } else if t.eq_str("infinite") {
        Ok(SyncLevel::Infinite)
    } else {
        Err(Error::new(ErrorKind::InvalidElementValue, t.offset()))
    }
}

/// The `nresults` of a `limit`: one, a decimal number from 1 to `u32::MAX`, judged when it
/// comes (before a second one, or text after it).
fn nresults_of<const D: usize, const NS: usize, const B: usize>(limit: &Element<'_, D, NS, B>) -> Result<u32, Error> {
    let mut found = None;
    for c in Elements::of(Some(limit)) {
        let c = c?;
        if c.name().is_dav("nresults") {
            once_as(&mut found, c, |n| {
                let t = trimmed_text(&n)?;
                decimal_u32(&t).filter(|&v| v > 0).ok_or(Error::new(ErrorKind::InvalidElementValue, t.offset()))
            })?;
        }
    }
    found.ok_or(Error::new(ErrorKind::MissingElement, limit.offset()))
}

/// The value of a text of ASCII decimal digits, read by its characters as XML reads them
/// (a reference or CDATA section is its characters, a comment or PI none): `None` when it
/// has no digit, another character, or a value above `u32::MAX`.
fn decimal_u32(t: &Text<'_>) -> Option<u32> {
    let mut value: Option<u32> = None;
    for f in t.fragments() {
        let mut buf = [0u8; 4];
        let piece = match f {
            Fragment::Str(s) => s,
            Fragment::Char(c) => c.encode_utf8(&mut buf),
        };
        for b in piece.bytes() {
            // A byte of a non-ASCII character is no digit either.
            let d = char::from(b).to_digit(10)?;
            value = Some(value.unwrap_or(0).checked_mul(10)?.checked_add(d)?);
        }
    }
    value
}

// --- multiget ---------------------------------------------------------------------------

/// Which multiget REPORT.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MultigetKind {
    /// CalDAV `calendar-multiget` (RFC 4791 §9.10).
    Calendar,
    /// CardDAV `addressbook-multiget` (RFC 6352 §8.7).
    Addressbook,
}

/// A multiget REPORT body: `((allprop | propname | prop)?, href+)` in its namespace, the
/// children in `DAV:`.
#[derive(Clone, Debug)]
pub struct Multiget<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    root: Element<'a, D, NS, B>,
    kind: MultigetKind,
    selection: Option<Selection>,
    names: Option<Element<'a, D, NS, B>>,
}

impl<'a> Multiget<'a> {
    /// Reads a multiget body, default capacities and options.
    ///
    /// # Errors
    /// The XML errors; [`ErrorKind::UnexpectedRoot`], [`ErrorKind::MissingElement`] (no
    /// `href`), [`ErrorKind::ConflictingElements`] (two of `allprop`, `propname`, `prop`),
    /// [`ErrorKind::UnexpectedElement`] (markup in an `href`), [`ErrorKind::UnexpectedText`].
    pub fn parse(body: &'a [u8]) -> Result<Self, Error> {
        Self::parse_with_options(body, Options::default()).map(|(p, _)| p)
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Multiget<'a, D, NS, B> {
    /// As [`Multiget::parse`], with these options and capacities; also gives the quirks.
    ///
    /// # Errors
    /// As [`Multiget::parse`].
    pub fn parse_with_options(body: &'a [u8], options: Options) -> Result<(Self, QuirkLog), Error> {
        let doc = Document::<D, NS, B>::with_options(body, options)?;
        let quirks = *doc.quirks();
        Ok((Self::from_root(doc.into_root())?, quirks))
    }

    fn from_root(root: Element<'a, D, NS, B>) -> Result<Self, Error> {
        let kind = if root.name().is(CALDAV, "calendar-multiget") {
            MultigetKind::Calendar
        } else if root.name().is(CARDDAV, "addressbook-multiget") {
            MultigetKind::Addressbook
        } else {
            return Err(Error::new(ErrorKind::UnexpectedRoot, root.offset()));
        };
        let (mut found, mut hrefs) = (Selecting::of_multiget(), 0usize);
        for c in Elements::of(Some(&root)) {
            let c = c?;
            if c.name().is(crate::names::DAV, "href") {
                trimmed_text(&c)?;
                hrefs = hrefs.saturating_add(1);
            } else {
                found.take(c)?;
            }
        }
        if hrefs == 0 {
            return Err(Error::new(ErrorKind::MissingElement, root.offset()));
        }
        let (selection, names) = if found.is_empty() {
            (None, None)
        } else {
            let (s, n) = found.selection(&root)?;
            (Some(s), n)
        };
        Ok(Multiget { root, kind, selection, names })
    }

    /// Which multiget.
    pub fn kind(&self) -> MultigetKind {
        self.kind
    }

    /// What is asked for (`None`: no `allprop`, `propname` or `prop`).
    pub fn selection(&self) -> Option<Selection> {
        self.selection
    }

    /// The names of the properties asked for (`prop`'s children).
    pub fn props(&self) -> Elements<'a, D, NS, B> {
        Elements::of(self.names.as_ref())
    }

    /// The hrefs, trimmed, in document order.
    pub fn hrefs(&self) -> Hrefs<'a, D, NS, B> {
        Hrefs { inner: Elements::of(Some(&self.root)) }
    }

    /// The root element.
    pub fn root(&self) -> &Element<'a, D, NS, B> {
        &self.root
    }
}

/// Iterator over the hrefs of a [`Multiget`].
#[derive(Clone, Debug)]
pub struct Hrefs<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    inner: Elements<'a, D, NS, B>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Iterator for Hrefs<'a, D, NS, B> {
    type Item = Result<Text<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.inner.next()? {
                Ok(c) if c.name().is_dav("href") => return Some(trimmed_text(&c)),
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}
