//! Any XML body, checked whole, then handed out as a view of its root element: the
//! foundation of the readers of the other DAV bodies (requests, `DAV:error`, `DAV:prop`).
//!
//! One pass of the same reader as the multistatus parser checks the whole body (UTF-8, the
//! XML declaration, one root, end tags, namespaces, references, DOCTYPE refused, the
//! capacities `D`, `NS`, `B`); the root is then an [`Element`] whose views (name,
//! attributes, children walked again with the bindings in scope, inner raw XML, text) read
//! the body again, each in time linear in what it covers.
//!
//! ```
//! use multistatus::{Node, document};
//!
//! let body = br#"<?xml version="1.0"?>
//! <D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>"#;
//! let root = document::root(body)?;
//! assert!(root.name().is_dav("propfind"));
//! let prop = root.children().find_map(|c| match c {
//!     Ok(Node::Element(e)) => Some(e),
//!     _ => None,
//! });
//! assert!(prop.unwrap().name().is_dav("prop"));
//! # Ok::<(), multistatus::Error>(())
//! ```

use crate::compact::Pending;
use crate::element::Element;
use crate::error::{Error, ErrorKind};
use crate::multistatus::{Options, Quirk, QuirkKind, QuirkLog, valid_prefix};
use crate::names::NsKind;
use crate::offset::Offset;
use crate::reader::{RawEvent, XmlReader};

/// A checked body: its root element and the quirks tolerated while reading it.
///
/// `D`, `NS`, `B`: the capacities of the reader (see [`crate::Parser`]), which the views of
/// the root keep.
#[derive(Clone, Debug)]
pub struct Document<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    root: Element<'a, D, NS, B>,
    quirks: QuirkLog,
}

impl<'a> Document<'a> {
    /// Checks the whole `body` as XML with the default capacities and options (see
    /// [`Document::with_options`]).
    ///
    /// # Errors
    /// As [`Document::with_options`].
    pub fn new(body: &'a [u8]) -> Result<Self, Error> {
        Self::with_options(body, Options::default())
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Document<'a, D, NS, B> {
    /// Checks the whole `body` as XML with these options and the capacities of its type (only
    /// [`Options::unbound_dav_prefix`] applies to plain XML: the other quirks are the
    /// multistatus grammar's).
    ///
    /// # Errors
    /// The first error of the body, positioned, as the multistatus parser reports it
    /// ([`ErrorKind::InvalidUtf8`], [`ErrorKind::DoctypeNotAllowed`],
    /// [`ErrorKind::MismatchedEndTag`], [`ErrorKind::UnboundPrefix`], a capacity limit,
    /// ...); [`ErrorKind::InputTooLarge`] above 4 GiB.
    pub fn with_options(body: &'a [u8], options: Options) -> Result<Self, Error> {
        // Every offset into the body is an `Offset`: checked here, once.
        Offset::new(body.len()).map_err(|k| Error::new(k, crate::offset::MAX_LEN))?;
        let (input, cut) = valid_prefix(body, 0, true);
        let dav_prefix_quirk = options.unbound_dav_prefix;
        let mut reader = XmlReader::<'a, D, NS, B>::with_cut(input, dav_prefix_quirk, cut);
        let mut quirks = QuirkLog::default();
        let mut pending: Option<Pending> = None;
        let mut root: Option<Element<'a, D, NS, B>> = None;
        while let Some(ev) = reader.next_raw() {
            match ev? {
                RawEvent::Start { name, start, end, dav_attribute, .. } => {
                    if reader.ns_kind(name.ns()) == NsKind::DavByQuirk || dav_attribute {
                        quirks.record(Quirk { kind: QuirkKind::UnboundDavPrefix, offset: crate::offset::widen(start) });
                    }
                    match pending.as_mut() {
                        Some(p) => p.has_children = true,
                        None => {
                            pending = Some(Pending {
                                start: crate::offset::widen(start),
                                content_start: crate::offset::widen(end),
                                has_children: false,
                            });
                        }
                    }
                }
                RawEvent::End { name, start, end } if reader.depth() == 0 => {
                    if let Some(p) = pending.take() {
                        // The bindings around the root: none (its own are dropped only after
                        // its end, so the name still resolves here).
                        let lineage = reader.parent_lineage();
                        let name = reader.name_of(name);
                        root = Some(Element::finish(
                            reader.sources(),
                            name,
                            p,
                            lineage,
                            crate::offset::widen(start),
                            crate::offset::widen(end),
                            dav_prefix_quirk,
                        ));
                    }
                }
                _ => {}
            }
        }
        // The reader ends without error only after the root and the epilog.
        match root {
            Some(root) => Ok(Document { root, quirks }),
            None => Err(Error::new(ErrorKind::NoRootElement, input.len())),
        }
    }

    /// The root element.
    pub fn root(&self) -> &Element<'a, D, NS, B> {
        &self.root
    }

    /// The root element, by value.
    pub fn into_root(self) -> Element<'a, D, NS, B> {
        self.root
    }

    /// The quirks tolerated (only [`QuirkKind::UnboundDavPrefix`] at this level).
    pub fn quirks(&self) -> &QuirkLog {
        &self.quirks
    }
}

/// The root element of `body`, checked whole with the default capacities and options (see
/// [`Document::with_options`]).
///
/// # Errors
/// As [`Document::with_options`].
pub fn root(body: &[u8]) -> Result<Element<'_>, Error> {
    Document::new(body).map(Document::into_root)
}
