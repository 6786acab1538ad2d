//! The compact form of a property (24 bytes) that the response view keeps of each property
//! from the single read of the body, and the parts it is assembled from: what is known of
//! an element at its start tag ([`Pending`]) and where its namespace URI is ([`NsParts`]).
//! A leaf: the reader builds it from what it read, the element view from itself, and the
//! response view expands it again (`Element::expand`).

use crate::names::{Namespace, NsKind};
use crate::offset::Offset;
use crate::offset::plus;

/// What is known of an element when its start tag is read; completed at its end tag.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pending {
    pub start: usize,
    pub content_start: usize,
    pub has_children: bool,
}

/// What differs between the properties of one propstat, in 24 bytes: what the response view
/// keeps of each property from the first read, to hand it out again without reading the body
/// twice (see `Element::compact`). The rest (body, lineage, options) is the first property's.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Compact {
    pub(crate) start: Offset,
    pub(crate) content_end: Offset,
    pub(crate) ns_at: u32,
    /// `content_start - start`, `end - content_end`.
    pub(crate) open_len: u16,
    pub(crate) close_len: u16,
    pub(crate) local_len: u16,
    pub(crate) ns_len: u16,
    /// Where the local name starts after `<`, and the prefix's length.
    pub(crate) local_delta: u8,
    pub(crate) prefix_len: u8,
    pub(crate) ns_kind: NsKind,
    /// Bit 0: has child elements; bit 1: the namespace URI needs no unescaping.
    pub(crate) flags: u8,
}

impl Compact {
    /// Byte offset of the start tag.
    pub(crate) fn offset(&self) -> usize {
        self.start.get()
    }

    /// Byte offset just after the end tag.
    pub(crate) fn end(&self) -> usize {
        plus!(self.content_end.get(), usize::from(self.close_len))
    }

    /// A property's parts, straight from what a whole-body reader completed: the start tag
    /// at `p.start` spells `prefix:local` (`<:local>` read with an empty prefix), and `ns` is
    /// where its namespace URI is in the body.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn of_parts(
        input: &str,
        prefix_len: usize,
        local_len: usize,
        ns: NsParts,
        p: Pending,
        content_end: usize,
        end: usize,
    ) -> Option<Compact> {
        let local_delta = if prefix_len > 0 {
            prefix_len.checked_add(2)?
        } else if input.as_bytes().get(plus!(p.start, 1)) == Some(&b':') {
            2
        } else {
            1
        };
        Compact::assemble(p, content_end.max(p.content_start), end, (prefix_len, local_delta, local_len), ns)
    }

    /// The parts, once the names were found at `start + 1` (prefix) and `start + local_delta`
    /// (local name): `lens` = (prefix length, local delta, local length). `None` when a part
    /// does not fit.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn assemble(
        p: Pending,
        content_end: usize,
        end: usize,
        (prefix_len, local_delta, local_len): (usize, usize, usize),
        ns: NsParts,
    ) -> Option<Compact> {
        Some(Compact {
            start: Offset::new(p.start).ok()?,
            content_end: Offset::new(content_end).ok()?,
            ns_at: ns.at,
            open_len: u16::try_from(p.content_start.checked_sub(p.start)?).ok()?,
            close_len: u16::try_from(end.checked_sub(content_end)?).ok()?,
            local_len: u16::try_from(local_len).ok()?,
            ns_len: ns.len,
            local_delta: u8::try_from(local_delta).ok()?,
            prefix_len: u8::try_from(prefix_len).ok()?,
            ns_kind: ns.kind,
            flags: u8::from(p.has_children) | (u8::from(ns.plain) << 1),
        })
    }
}

/// Where a namespace URI is in the body (offset, length, whether it needs no unescaping) and
/// its kind: what a [`Compact`] keeps of a namespace (`Xml`, `DavByQuirk` and no namespace
/// without a declaration: offset and length 0).
#[derive(Clone, Copy, Debug)]
pub(crate) struct NsParts {
    pub at: u32,
    pub len: u16,
    pub kind: NsKind,
    pub plain: bool,
}

impl NsParts {
    /// A namespace that no declaration in the body names (`xml`, `DAV:` by the quirk, no
    /// namespace): offset and length 0.
    pub(crate) fn undeclared(kind: NsKind) -> NsParts {
        NsParts { at: 0, len: 0, kind, plain: true }
    }

    /// The parts of `ns`, a namespace of a view over `input` (which starts at `base` in the
    /// body): `None` unless its URI is the body's slice at its offset (a pointer compare).
    pub(crate) fn of(ns: &Namespace<'_>, input: &str, base: Offset) -> Option<NsParts> {
        let uri = ns.uri();
        match ns.kind() {
            NsKind::Xml | NsKind::DavByQuirk => Some(NsParts::undeclared(ns.kind())),
            // No namespace and no declaration: the empty text at 0.
            NsKind::None if uri.offset() == 0 && uri.raw().is_empty() => Some(NsParts::undeclared(NsKind::None)),
            kind => {
                let at = Offset::new(uri.offset()).ok()?;
                let from = at.local_to(base)?;
                let here = input.as_bytes().get(from..plus!(from, uri.raw().len())).map(<[u8]>::as_ptr);
                if here != Some(uri.raw().as_ptr()) {
                    return None;
                }
                Some(NsParts { at: at.raw(), len: u16::try_from(uri.raw().len()).ok()?, kind, plain: uri.is_plain() })
            }
        }
    }
}
