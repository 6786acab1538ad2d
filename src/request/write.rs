//! Writing request bodies without allocation, into any [`fmt::Write`] (a
//! [`SliceSink`](crate::writer::SliceSink) over the caller's buffer, a `String`, ...).
//!
//! Each function writes one whole body from a description of it, with the multistatus
//! writer's [`WriterOptions`] (DAV prefix, XML declaration, indentation, extra namespaces on
//! the root) and its rules: names must be `NCName`s within [`MAX_LOCAL_LEN`], namespace URIs
//! within [`MAX_URI_LEN`](crate::writer::MAX_URI_LEN) (a property in a namespace the root does not declare gets a
//! generated prefix `nsN` declared on it), raw values well-formed content whose only outside
//! prefix is the DAV one. Everything is checked before the first byte is written: a refusal
//! writes nothing. What is written reads back identically with the readers of
//! [`crate::request`] (property-tested).
//!
//! ```
//! use multistatus::request::{self, Request, Selection, write};
//! use multistatus::writer::{SliceSink, WriterOptions};
//!
//! let names = [write::PropName::new("DAV:", "getetag"), write::PropName::new("urn:x", "color")];
//! let body = write::PropfindBody { selection: Selection::Prop, props: &names };
//! let mut buf = [0u8; 256];
//! let out = write::propfind(SliceSink::new(&mut buf), WriterOptions::new(), &body)?;
//! assert_eq!(
//!     out.as_bytes(),
//!     br#"<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/><ns0:color xmlns:ns0="urn:x"/></D:prop></D:propfind>"#
//! );
//! let Request::Propfind(p) = request::parse(out.as_bytes())?.kind else { panic!() };
//! assert_eq!(p.props().count(), 2);
//! # Ok::<(), multistatus::Error>(())
//! ```

use core::fmt;

use super::{LockScope, MultigetKind, Op, Selection, SyncLevel};
use crate::error::{Error, ErrorKind};
use crate::names::DAV;
use crate::request::{CALDAV, CARDDAV};
use crate::write::{
    DavPrefix, MAX_LOCAL_LEN, RawChecker, Writer, WriterOptions, check_chars, check_trimmed, check_uri, decimal,
    escaped, is_ncname, newline, raw_names_ok, root_declarations,
};

/// A property name: namespace URI (`""` for none) and local name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PropName<'s> {
    /// The namespace URI (`"DAV:"`, `""` for none).
    pub ns: &'s str,
    /// The local name.
    pub local: &'s str,
}

impl<'s> PropName<'s> {
    /// `{ns}local`.
    pub const fn new(ns: &'s str, local: &'s str) -> Self {
        PropName { ns, local }
    }
}

/// A PROPFIND body: the selection, and the names of `prop` (with [`Selection::Prop`]) or of
/// `include` (with [`Selection::AllProp`]; none: no `include`). [`Selection::PropName`]
/// takes no names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PropfindBody<'s> {
    /// What is asked for.
    pub selection: Selection,
    /// The names (see above).
    pub props: &'s [PropName<'s>],
}

/// One PROPPATCH instruction: the operation, the property, and its value as raw inner XML
/// (`""`: an empty element, as a `remove` normally has).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Update<'s> {
    /// Set or remove.
    pub op: Op,
    /// The property.
    pub name: PropName<'s>,
    /// Its value, raw inner XML (checked; see the module docs).
    pub raw: &'s str,
}

/// A sync-collection REPORT body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyncCollectionBody<'s> {
    /// The sync-token (`""` for an initial sync); no white space at either end.
    pub token: &'s str,
    /// The sync-level.
    pub level: SyncLevel,
    /// `limit`'s `nresults` (1 or more).
    pub limit: Option<u32>,
    /// The properties asked for.
    pub props: &'s [PropName<'s>],
}

/// A multiget REPORT body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MultigetBody<'s> {
    /// Which multiget.
    pub kind: MultigetKind,
    /// What is asked for (`None`: nothing written before the hrefs).
    pub selection: Option<Selection>,
    /// The names of `prop` (only with `Some(Selection::Prop)`).
    pub props: &'s [PropName<'s>],
    /// The hrefs (at least one; no white space at either end).
    pub hrefs: &'s [&'s str],
}

/// A LOCK body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LockInfoBody<'s> {
    /// The scope.
    pub scope: LockScope,
    /// The owner's content as raw XML (`Some("")`: an empty `owner`).
    pub owner: Option<&'s str>,
}

/// A sink that keeps nothing (to check the options with the multistatus writer's rules).
struct Discard;

impl fmt::Write for Discard {
    fn write_str(&mut self, _: &str) -> fmt::Result {
        Ok(())
    }
}

/// The output and what the body's names are written with.
pub(crate) struct Out<'p, W: fmt::Write> {
    out: W,
    opts: WriterOptions<'p>,
    written: usize,
    /// `N` of the generated prefix `nsN`.
    generated: u8,
}

impl<'p, W: fmt::Write> Out<'p, W> {
    pub(crate) fn new(out: W, opts: WriterOptions<'p>) -> Result<Self, Error> {
        // The same option checks as the multistatus writer.
        Writer::new(Discard, opts)?;
        let taken = |n: u8| {
            let is =
                |p: &str| p.len() == 3 && p.starts_with("ns") && p.as_bytes().get(2) == Some(&b'0'.saturating_add(n));
            matches!(opts.dav_prefix, DavPrefix::Named(p) if is(p)) || opts.namespaces.iter().any(|&(p, _)| is(p))
        };
        let generated = (0u8..10).find(|&n| !taken(n)).unwrap_or(9);
        Ok(Out { out, opts, written: 0, generated })
    }

    pub(crate) fn refuse(&self, kind: ErrorKind) -> Error {
        Error::new(kind, self.written)
    }

    // --- checks -------------------------------------------------------------------------

    fn check_name(&self, n: &PropName<'_>) -> Result<(), Error> {
        if !is_ncname(n.local, MAX_LOCAL_LEN) {
            return Err(self.refuse(ErrorKind::InvalidName));
        }
        if !n.ns.is_empty() && n.ns != DAV {
            check_uri(n.ns).map_err(|k| self.refuse(k))?;
        }
        Ok(())
    }

    fn check_names(&self, names: &[PropName<'_>]) -> Result<(), Error> {
        names.iter().try_for_each(|n| self.check_name(n))
    }

    /// A raw value, as the multistatus writer checks a property's.
    pub(crate) fn check_raw(&self, raw: &str, no_namespace: bool) -> Result<(), Error> {
        let dav = match self.opts.dav_prefix {
            DavPrefix::Named(p) => Some(p),
            DavPrefix::Default if no_namespace => None,
            DavPrefix::Default => Some(""),
        };
        RawChecker::check_content(raw, dav).map_err(|e| self.refuse(e.kind()))?;
        if raw_names_ok(raw) { Ok(()) } else { Err(self.refuse(ErrorKind::InvalidName)) }
    }

    pub(crate) fn check_trimmed(&self, s: &str) -> Result<(), Error> {
        check_trimmed(s).map_err(|k| self.refuse(k))
    }

    // --- output -------------------------------------------------------------------------

    pub(crate) fn put(&mut self, s: &str) -> Result<(), Error> {
        self.out.write_str(s).map_err(|_| Error::new(ErrorKind::BufferTooSmall, self.written))?;
        self.written = self.written.saturating_add(s.len());
        Ok(())
    }

    fn put_escaped(&mut self, s: &str, attribute: bool) -> Result<(), Error> {
        escaped(s, attribute, |piece| self.put(piece))
    }

    fn newline(&mut self, level: usize) -> Result<(), Error> {
        newline(self.opts.indent, level, |piece| self.put(piece))
    }

    /// The prefix `ns` has on the root (see [`WriterOptions::root_prefix`]).
    fn root_prefix(&self, ns: &str) -> Option<&'p str> {
        self.opts.root_prefix(ns)
    }

    fn put_generated(&mut self) -> Result<(), Error> {
        let d = [b'0'.saturating_add(self.generated)];
        self.put("ns")?;
        self.put(core::str::from_utf8(&d).unwrap_or("9"))
    }

    fn put_qname(&mut self, n: &PropName<'_>) -> Result<(), Error> {
        if !n.ns.is_empty() {
            match self.root_prefix(n.ns) {
                Some("") => {}
                Some(p) => {
                    self.put(p)?;
                    self.put(":")?;
                }
                None => {
                    self.put_generated()?;
                    self.put(":")?;
                }
            }
        }
        self.put(n.local)
    }

    /// The declaration an element named `n` needs on itself (none when the root's serve).
    fn put_own_declaration(&mut self, n: &PropName<'_>) -> Result<(), Error> {
        if n.ns.is_empty() {
            if self.opts.dav_prefix == DavPrefix::Default {
                self.put(r#" xmlns="""#)?;
            }
        } else if self.root_prefix(n.ns).is_none() {
            self.put(" xmlns:")?;
            self.put_generated()?;
            self.put("=\"")?;
            self.put_escaped(n.ns, true)?;
            self.put("\"")?;
        }
        Ok(())
    }

    /// `<name ...>` (or `<name .../>` when `empty`) on a new line at `level`.
    fn open(&mut self, level: usize, n: &PropName<'_>, empty: bool) -> Result<(), Error> {
        self.newline(level)?;
        self.put("<")?;
        self.put_qname(n)?;
        self.put_own_declaration(n)?;
        self.put(if empty { "/>" } else { ">" })
    }

    fn close(&mut self, level: usize, n: &PropName<'_>) -> Result<(), Error> {
        self.newline(level)?;
        self.close_inline(n)
    }

    pub(crate) fn close_inline(&mut self, n: &PropName<'_>) -> Result<(), Error> {
        self.put("</")?;
        self.put_qname(n)?;
        self.put(">")
    }

    /// `<D:local>`, `<D:local/>`.
    pub(crate) fn open_dav(&mut self, level: usize, local: &str, empty: bool) -> Result<(), Error> {
        self.open(level, &PropName::new(DAV, local), empty)
    }

    pub(crate) fn close_dav(&mut self, level: usize, local: &str) -> Result<(), Error> {
        self.close(level, &PropName::new(DAV, local))
    }

    /// `<D:local>text</D:local>` (escaped) on a new line at `level`.
    pub(crate) fn text_dav(&mut self, level: usize, local: &str, text: &str) -> Result<(), Error> {
        let n = PropName::new(DAV, local);
        if text.is_empty() {
            return self.open(level, &n, true);
        }
        self.open(level, &n, false)?;
        self.put_escaped(text, false)?;
        self.close_inline(&n)
    }

    /// The XML declaration and the root's start tag, with the DAV and the extra namespaces,
    /// and a generated prefix for the root's own namespace if it needs one.
    pub(crate) fn start(&mut self, root: &PropName<'_>) -> Result<(), Error> {
        if self.opts.xml_declaration {
            self.put(r#"<?xml version="1.0" encoding="utf-8"?>"#)?;
            self.newline(0)?;
        }
        self.put("<")?;
        self.put_qname(root)?;
        let opts = self.opts;
        root_declarations(&opts, |piece| self.put(piece))?;
        if root.ns != DAV {
            self.put_own_declaration(root)?;
        }
        self.put(">")
    }

    pub(crate) fn finish(mut self, root: &PropName<'_>) -> Result<W, Error> {
        self.close(0, root)?;
        Ok(self.out)
    }

    /// Empty elements named `names`, inside `DAV:wrapper`, at `level`.
    fn names_in(&mut self, level: usize, wrapper: &str, names: &[PropName<'_>]) -> Result<(), Error> {
        if names.is_empty() {
            return self.open_dav(level, wrapper, true);
        }
        self.open_dav(level, wrapper, false)?;
        for n in names {
            self.open(level.saturating_add(1), n, true)?;
        }
        self.close_dav(level, wrapper)
    }

    /// `allprop`, `propname` or `prop` with its names.
    fn selection(&mut self, level: usize, s: Selection, names: &[PropName<'_>]) -> Result<(), Error> {
        match s {
            Selection::AllProp => self.open_dav(level, "allprop", true),
            Selection::PropName => self.open_dav(level, "propname", true),
            Selection::Prop => self.names_in(level, "prop", names),
        }
    }
}

/// Writes a PROPFIND body (RFC 4918 §14.20) and returns the sink.
///
/// # Errors
/// [`ErrorKind::InvalidName`] (a name or URI the writer cannot write, or options it cannot
/// declare), [`ErrorKind::InvalidChar`], [`ErrorKind::ConflictingElements`] (names with
/// [`Selection::PropName`]), [`ErrorKind::BufferTooSmall`].
pub fn propfind<W: fmt::Write>(out: W, opts: WriterOptions<'_>, body: &PropfindBody<'_>) -> Result<W, Error> {
    let mut o = Out::new(out, opts)?;
    o.check_names(body.props)?;
    if body.selection == Selection::PropName && !body.props.is_empty() {
        return Err(o.refuse(ErrorKind::ConflictingElements));
    }
    let root = PropName::new(DAV, "propfind");
    o.start(&root)?;
    o.selection(1, body.selection, body.props)?;
    if body.selection == Selection::AllProp && !body.props.is_empty() {
        o.names_in(1, "include", body.props)?;
    }
    o.finish(&root)
}

/// Writes a PROPPATCH body (RFC 4918 §14.19): each run of updates of one operation in one
/// `set` or `remove`, in order.
///
/// # Errors
/// [`ErrorKind::MissingElement`] for no update; the check's error kind for a raw value that
/// is not well-formed content with only the DAV prefix from outside
/// ([`ErrorKind::UnboundPrefix`], [`ErrorKind::MismatchedEndTag`], ...); as [`propfind`].
pub fn proppatch<W: fmt::Write>(out: W, opts: WriterOptions<'_>, updates: &[Update<'_>]) -> Result<W, Error> {
    let mut o = Out::new(out, opts)?;
    if updates.is_empty() {
        return Err(o.refuse(ErrorKind::MissingElement));
    }
    for u in updates {
        o.check_name(&u.name)?;
        o.check_raw(u.raw, u.name.ns.is_empty())?;
    }
    let root = PropName::new(DAV, "propertyupdate");
    o.start(&root)?;
    let mut rest = updates;
    while let Some(first) = rest.first() {
        let run = rest.iter().take_while(|u| u.op == first.op).count();
        let (group, after) = rest.split_at(run);
        let op = if first.op == Op::Set { "set" } else { "remove" };
        o.open_dav(1, op, false)?;
        o.open_dav(2, "prop", false)?;
        for u in group {
            o.open(3, &u.name, u.raw.is_empty())?;
            if !u.raw.is_empty() {
                o.put(u.raw)?;
                o.close_inline(&u.name)?;
            }
        }
        o.close_dav(2, "prop")?;
        o.close_dav(1, op)?;
        rest = after;
    }
    o.finish(&root)
}

/// Writes a LOCK body (RFC 4918 §14.11), lock type `write`.
///
/// # Errors
/// As [`proppatch`] for the owner's raw content; as [`propfind`].
pub fn lockinfo<W: fmt::Write>(out: W, opts: WriterOptions<'_>, body: &LockInfoBody<'_>) -> Result<W, Error> {
    let mut o = Out::new(out, opts)?;
    if let Some(raw) = body.owner {
        o.check_raw(raw, false)?;
    }
    let root = PropName::new(DAV, "lockinfo");
    o.start(&root)?;
    o.open_dav(1, "lockscope", false)?;
    o.open_dav(2, if body.scope == LockScope::Exclusive { "exclusive" } else { "shared" }, true)?;
    o.close_dav(1, "lockscope")?;
    o.open_dav(1, "locktype", false)?;
    o.open_dav(2, "write", true)?;
    o.close_dav(1, "locktype")?;
    if let Some(raw) = body.owner {
        o.open_dav(1, "owner", raw.is_empty())?;
        if !raw.is_empty() {
            o.put(raw)?;
            o.close_inline(&PropName::new(DAV, "owner"))?;
        }
    }
    o.finish(&root)
}

/// Writes a sync-collection REPORT body (RFC 6578 §6.1).
///
/// # Errors
/// [`ErrorKind::UntrimmedValue`] for a token with white space at an end (the reader trims
/// it); [`ErrorKind::InvalidElementValue`] for a limit of 0; as [`propfind`].
pub fn sync_collection<W: fmt::Write>(
    out: W,
    opts: WriterOptions<'_>,
    body: &SyncCollectionBody<'_>,
) -> Result<W, Error> {
    let mut o = Out::new(out, opts)?;
    o.check_trimmed(body.token)?;
    o.check_names(body.props)?;
    if body.limit == Some(0) {
        return Err(o.refuse(ErrorKind::InvalidElementValue));
    }
    let root = PropName::new(DAV, "sync-collection");
    o.start(&root)?;
    o.text_dav(1, "sync-token", body.token)?;
    o.text_dav(1, "sync-level", if body.level == SyncLevel::One { "1" } else { "infinite" })?;
    if let Some(n) = body.limit {
        let mut digits = [0u8; 20];
        let n = decimal(u64::from(n), &mut digits);
        o.open_dav(1, "limit", false)?;
        o.text_dav(2, "nresults", n)?;
        o.close_dav(1, "limit")?;
    }
    o.names_in(1, "prop", body.props)?;
    o.finish(&root)
}

/// Writes a `calendar-multiget` or `addressbook-multiget` REPORT body.
///
/// # Errors
/// [`ErrorKind::MissingElement`] for no href; [`ErrorKind::UntrimmedValue`] for an href
/// with white space at an end; [`ErrorKind::ConflictingElements`] for names without
/// `Some(Selection::Prop)`; as [`propfind`].
pub fn multiget<W: fmt::Write>(out: W, opts: WriterOptions<'_>, body: &MultigetBody<'_>) -> Result<W, Error> {
    let mut o = Out::new(out, opts)?;
    o.check_names(body.props)?;
    if body.hrefs.is_empty() {
        return Err(o.refuse(ErrorKind::MissingElement));
    }
    for h in body.hrefs {
        check_chars(h).map_err(|k| o.refuse(k))?;
        o.check_trimmed(h)?;
    }
    if body.selection != Some(Selection::Prop) && !body.props.is_empty() {
        return Err(o.refuse(ErrorKind::ConflictingElements));
    }
    let root = match body.kind {
        MultigetKind::Calendar => PropName::new(CALDAV, "calendar-multiget"),
        MultigetKind::Addressbook => PropName::new(CARDDAV, "addressbook-multiget"),
    };
    o.start(&root)?;
    if let Some(s) = body.selection {
        o.selection(1, s, body.props)?;
    }
    for h in body.hrefs {
        o.text_dav(1, "href", h)?;
    }
    o.finish(&root)
}
