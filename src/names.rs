//! Names and namespaces: resolved names, and the bounded storage for the open elements and
//! the namespace bindings in scope.
//!
//! The storage copies what it must remember (element names for end-tag matching, prefixes and
//! unescaped namespace URIs for resolution) into a fixed byte arena, so that between two
//! events the parser holds no borrow of the input. It also keeps the absolute offsets of each
//! declaration so that a resolved name can hand out the URI as a slice of the body.

use crate::offset::plus;
use core::fmt;

use crate::error::ErrorKind;
use crate::text::{Fragment, Text};

/// The namespace URI of WebDAV, `DAV:`.
pub const DAV: &str = "DAV:";
/// The namespace URI bound to the `xml` prefix.
pub const XML_URI: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace URI of `xmlns` declarations (never declarable).
pub const XMLNS_URI: &str = "http://www.w3.org/2000/xmlns/";

/// What a namespace is, decided once when it is declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum NsKind {
    /// No namespace (unprefixed name with no default namespace, or `xmlns=""`).
    None,
    /// `DAV:`.
    Dav,
    /// `DAV:` by the tolerated quirk of an unbound `DAV` prefix (see `Quirk::UnboundDavPrefix`).
    DavByQuirk,
    /// The `xml` namespace.
    Xml,
    /// Any other URI.
    Other,
}

/// A resolved namespace: the URI as it stands in the declaring attribute (a [`Text`], since it
/// may contain references), or no namespace.
#[derive(Clone, Copy, Debug)]
pub struct Namespace<'a> {
    uri: Text<'a>,
    kind: NsKind,
}

impl<'a> Namespace<'a> {
    /// No namespace.
    pub const fn none() -> Self {
        Namespace { uri: Text::STATIC_EMPTY, kind: NsKind::None }
    }

    pub(crate) fn new(uri: Text<'a>, kind: NsKind) -> Self {
        Namespace { uri, kind }
    }

    /// What kind of namespace this is.
    pub(crate) fn kind(&self) -> NsKind {
        self.kind
    }

    /// Whether this is `DAV:`.
    pub fn is_dav(&self) -> bool {
        matches!(self.kind, NsKind::Dav | NsKind::DavByQuirk)
    }

    /// Whether the name has no namespace.
    pub fn is_none(&self) -> bool {
        self.kind == NsKind::None
    }

    /// The URI (raw, as declared; empty for no namespace; `DAV:` for the unbound-`DAV`-prefix
    /// quirk). Through a [`crate::WindowParser`], whose declarations may have left the
    /// window, it is the copy the parser keeps, unescaped: `xmlns:s="urn:a&amp;b"` gives
    /// `urn:a&b` there and `urn:a&amp;b` from the whole-body parser (the same value either
    /// way: compare with [`Text::eq_str`] or unescape it).
    pub fn uri(&self) -> Text<'a> {
        self.uri
    }

    /// Whether the unescaped URI equals `uri` (`""` for no namespace).
    pub fn eq_uri(&self, uri: &str) -> bool {
        match self.kind {
            NsKind::None => uri.is_empty(),
            NsKind::Dav | NsKind::DavByQuirk => uri == DAV,
            NsKind::Xml => uri == XML_URI,
            NsKind::Other => self.uri.eq_str(uri),
        }
    }
}

impl PartialEq for Namespace<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self.kind, other.kind) {
            (NsKind::Other, NsKind::Other) => self.uri == other.uri,
            (a, b) => {
                let norm = |k| if k == NsKind::DavByQuirk { NsKind::Dav } else { k };
                norm(a) == norm(b)
            }
        }
    }
}
impl Eq for Namespace<'_> {}

/// A resolved name: prefix and local part as written, and the namespace they resolve to.
///
/// `Display` writes Clark notation: `{uri}local`, or just `local` without a namespace. Two
/// names are equal when their namespaces and local parts are (Namespaces in XML: the prefix
/// is only how the body wrote the namespace, so `D:href` and `d:href` both bound to `DAV:` are
/// one name).
#[derive(Clone, Copy, Debug)]
pub struct Name<'a> {
    prefix: &'a str,
    local: &'a str,
    ns: Namespace<'a>,
}

impl PartialEq for Name<'_> {
    /// The namespaces and the local parts are equal; the prefixes may differ.
    fn eq(&self, other: &Self) -> bool {
        self.local == other.local && self.ns == other.ns
    }
}
impl Eq for Name<'_> {}

impl<'a> Name<'a> {
    pub(crate) fn new(prefix: &'a str, local: &'a str, ns: Namespace<'a>) -> Self {
        Name { prefix, local, ns }
    }

    /// The prefix as written (`""` for none).
    pub fn prefix(&self) -> &'a str {
        self.prefix
    }

    /// The local part.
    pub fn local(&self) -> &'a str {
        self.local
    }

    /// The namespace.
    pub fn namespace(&self) -> Namespace<'a> {
        self.ns
    }

    /// Whether this is `{ns}local` (`ns` unescaped; `""` for no namespace).
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.local == local && self.ns.eq_uri(ns)
    }

    /// Whether this is `{DAV:}local`.
    pub fn is_dav(&self, local: &str) -> bool {
        self.local == local && self.ns.is_dav()
    }
}

impl fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.ns.is_none() {
            f.write_str("{")?;
            self.ns.uri.write_to(f)?;
            f.write_str("}")?;
        }
        f.write_str(self.local)
    }
}

/// Where a binding's prefix and URI can be read again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Src {
    /// In the body: absolute offsets; the URI is the raw attribute value.
    Input,
    /// In a copy (a windowed parser's arena): offsets into that string; the URI is unescaped.
    Decls,
}

/// One namespace binding: where it was declared and the copy of its prefix and unescaped URI
/// in the arena.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Binding {
    /// Offset and length of the URI (raw attribute value, or unescaped copy), in `src`.
    pub value_at: u32,
    pub value_len: u32,
    pub kind: NsKind,
    pub src: Src,
    /// The URI as written needs no unescaping (decided once, at the declaration).
    plain: bool,
    /// Start of `prefix ++ uri` in the arena, and the two lengths.
    arena_at: u32,
    /// The prefix's length and first three bytes ([`prefix_key`]): most lookups are decided
    /// by it without reading the arena.
    prefix_key: u32,
    arena_uri_len: u32,
}

impl Binding {
    /// Whether the URI as written needs no unescaping.
    pub fn is_plain(&self) -> bool {
        self.plain
    }

    /// Where its prefix is in the arena it was copied into (or a windowed parser's view of it).
    #[inline]
    fn arena_prefix_range(&self) -> core::ops::Range<usize> {
        let at = crate::offset::widen(self.arena_at);
        at..plus!(at, crate::offset::widen(self.prefix_key & 0xFF))
    }

    /// Where its unescaped URI is in that arena.
    #[inline]
    fn arena_uri_range(&self) -> core::ops::Range<usize> {
        let at = self.arena_prefix_range().end;
        at..plus!(at, crate::offset::widen(self.arena_uri_len))
    }

    /// Its prefix, in that arena.
    #[inline]
    fn arena_prefix<'s>(&self, arena: &'s str) -> &'s str {
        arena.get(self.arena_prefix_range()).unwrap_or("")
    }

    /// Its unescaped URI, in that arena.
    #[inline]
    fn arena_uri<'s>(&self, arena: &'s str) -> &'s str {
        arena.get(self.arena_uri_range()).unwrap_or("")
    }

    /// The namespace it gives, read from that arena.
    #[inline]
    fn namespace_in<'s>(&self, arena: &'s str) -> Namespace<'s> {
        Namespace::new(Text::verbatim(self.arena_uri(arena)), self.kind)
    }
}

/// One open element: where its qualified name's copy in the arena is (or would be: see
/// [`Names::push_element_in_input`]), how many bindings were in scope before it, and where its
/// start tag is in the body.
#[derive(Clone, Copy, Debug)]
struct Open {
    arena_at: u32,
    name_len: u32,
    binds_before: u32,
    /// (Read by a reader that reads names in place: not with `small`.)
    #[cfg_attr(feature = "small", allow(dead_code))]
    start: u32,
    /// Its resolved namespace, encoded by the reader (its end tag resolves to the same). With
    /// `small`, whose end tags are read in full, kept but never read (left out, the state was
    /// 4 bytes an element smaller, and the code 32 bytes larger).
    #[cfg_attr(feature = "small", allow(dead_code))]
    ns: u32,
}

/// How an element view finds the namespace bindings in force around it, without a copy of
/// the scope: where each declaration in force was written (the offset of its `xmlns`
/// attribute, read again when the view needs it: that attribute alone, never the rest of the
/// start tag it is on), after the bindings of a windowed parser that lived before the window
/// (`outer`, borrowed from that parser, their prefixes and URIs copied in its arena).
///
/// It holds as many as the parser that made it holds in scope: `NS` (`4·NS` bytes of
/// offsets). A view inside a body that the parser accepted never needs more: its bindings
/// are those the parser had in scope at that point.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Lineage<'a, const NS: usize> {
    pub outer: &'a [Binding],
    /// Indexed as the bindings of the reader that made it: `at[outer.len()..n]` are where the
    /// declarations after `outer` were written (byte offsets of their attributes in the body).
    at: [u32; NS],
    n: u32,
}

impl<'a, const NS: usize> Lineage<'a, NS> {
    /// No binding in force.
    #[cfg(test)]
    pub const fn empty() -> Self {
        Lineage { outer: &[], at: [0; NS], n: 0 }
    }

    /// Where the declarations after `outer` were written, outermost first.
    pub fn declared(&self) -> &[u32] {
        self.at.get(self.outer.len()..crate::offset::widen(self.n)).unwrap_or(&[])
    }

    /// One more declaration in force, written at byte `at` of the body (an element's own, in
    /// a copy of its lineage). `false` when it holds `NS` already, which a view of a body
    /// the parser accepted never meets.
    pub fn push(&mut self, at: usize) -> bool {
        let Ok(at) = u32::try_from(at) else { return false };
        match self.at.get_mut(crate::offset::widen(self.n)) {
            Some(slot) => {
                *slot = at;
                self.n = self.n.saturating_add(1);
                true
            }
            None => false,
        }
    }
}

/// Reads a binding's prefix and URI again from where it lives.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sources<'a> {
    /// The body, or the window of it that starts at `base`.
    pub input: &'a str,
    pub base: usize,
    /// A windowed parser's copy of the declarations in scope (`""` otherwise).
    pub decls: &'a str,
}

impl<'a> Sources<'a> {
    fn span(&self, src: Src, at: u32, len: u32) -> Option<&'a str> {
        let (s, at) = match src {
            Src::Input => (self.input, (crate::offset::widen(at)).checked_sub(self.base)?),
            Src::Decls => (self.decls, crate::offset::widen(at)),
        };
        crate::scan::sub(s, at, plus!(at, crate::offset::widen(len)))
    }

    /// The body's bytes from byte `at` on (`None` before the window).
    fn body_at(&self, at: u32) -> Option<&'a str> {
        self.input.get((crate::offset::widen(at)).checked_sub(self.base)?..)
    }

    /// Whether the namespace declaration written at byte `at` of the body declares `prefix`
    /// (`""`: `xmlns`): its name compared where it stands, nothing after it read.
    pub(crate) fn declares(&self, at: u32, prefix: &str) -> bool {
        let Some(rest) = self.body_at(at).and_then(|r| r.strip_prefix("xmlns")) else { return false };
        let after = match (prefix.is_empty(), rest.strip_prefix(':')) {
            (true, None) => rest,
            (false, Some(r)) => match r.strip_prefix(prefix) {
                Some(after) => after,
                None => return false,
            },
            _ => return false,
        };
        // The name ends there (`xmlns:ab` does not declare `a`).
        after.starts_with('=') || crate::text::starts_with_space(after)
    }

    /// The namespace declaration written at byte `at` of the body (its attribute, checked
    /// when the body was first read): the prefix it declares (`""` for `xmlns`) and its URI.
    /// It reads that attribute and nothing past it.
    pub(crate) fn declaration(&self, at: u32) -> Option<(&'a str, Text<'a>)> {
        use crate::scan::{skip_spaces, sub};
        let rest = self.body_at(at)?;
        let b = rest.as_bytes();
        if !b.starts_with(b"xmlns") {
            return None;
        }
        // `xmlns:p` or `xmlns`, then `S? = S?` and the quoted URI (no quote inside it).
        let (prefix_at, name_end) = match b.get(5) {
            Some(b':') => {
                let len = b.get(6..)?.iter().position(|&c| c == b'=' || crate::text::is_xml_space_byte(c))?;
                (6, plus!(len, 6))
            }
            _ => (5, 5),
        };
        let eq = skip_spaces(b, name_end);
        if b.get(eq) != Some(&b'=') {
            return None;
        }
        let open = skip_spaces(b, plus!(eq, 1));
        let quote = *b.get(open).filter(|&&q| q == b'"' || q == b'\'')?;
        let from = plus!(open, 1);
        let to = plus!(from, crate::scan::memchr(quote, b.get(from..)?)?);
        let (prefix, uri) = (sub(rest, prefix_at, name_end)?, sub(rest, from, to)?);
        Some((prefix, Text::attribute(uri, plus!((crate::offset::widen(at)), from))))
    }

    /// A namespace URI: in the body the raw attribute value (`plain`: it needs no
    /// unescaping), in a copy the unescaped URI.
    fn uri(&self, src: Src, at: u32, len: u32, plain: bool) -> Text<'a> {
        let raw = self.span(src, at, len).unwrap_or("");
        match src {
            Src::Input => Text::attribute_known(raw, crate::offset::widen(at), plain),
            Src::Decls => Text::verbatim(raw),
        }
    }
}

/// A prefix's length (at most 255, checked when bound) in the low byte, then its first three
/// bytes (zero past its end): equal keys mean equal prefixes up to three bytes long.
#[cfg_attr(not(feature = "small"), inline(always))]
fn prefix_key(p: &[u8]) -> u32 {
    let byte = |i: usize| u32::from(p.get(i).copied().unwrap_or(0));
    let len = u32::try_from(p.len()).unwrap_or(u32::MAX).min(0xFF);
    len | byte(0) << 8 | byte(1) << 16 | byte(2) << 24
}

#[cfg_attr(feature = "small", inline(never))]
fn to_u32(n: usize) -> Result<u32, ErrorKind> {
    u32::try_from(n).map_err(|_| ErrorKind::InputTooLarge)
}

/// Bounded storage of open elements (`D`), bindings (`NS`) and their names (`B` bytes).
#[derive(Clone, Debug)]
pub(crate) struct Names<const D: usize, const NS: usize, const B: usize> {
    arena: heapless::String<B>,
    open: heapless::Vec<Open, D>,
    binds: heapless::Vec<Binding, NS>,
    /// Where each binding's declaration was written (the byte offset of its attribute in
    /// the body; `binds[i]`'s at `i`, for those bound with [`Names::bind_declared`]): a view's
    /// lineage is a copy of it.
    decl_at: [u32; NS],
    /// The last two prefixes of up to three bytes that elements were resolved with (their
    /// key, the index of their binding), newest first: most elements share a prefix with one
    /// of the two before them. Emptied whenever a binding is added or dropped. With `small`,
    /// kept but never used (its code left out).
    #[cfg_attr(feature = "small", allow(dead_code))]
    recent: [(u32, u32); 2],
    /// Bytes of the open elements' names counted in `B` but not copied: a reader whose input
    /// stays reads them there (see [`Names::push_element_in_input`]).
    uncopied: u32,
}

/// Bindings past this many are refused ([`ErrorKind::NamespaceLimit`]): every index fits in
/// a `u32` below the three values the reader keeps for the namespaces no binding gives.
pub(crate) const MAX_BINDING_INDEX: usize = crate::offset::widen(u32::MAX - 3);

/// No prefix has this key (its bytes would be 0xFF, which UTF-8 never holds).
const NO_KEY: u32 = u32::MAX;

impl<const D: usize, const NS: usize, const B: usize> Names<D, NS, B> {
    pub const fn new() -> Self {
        Names {
            arena: heapless::String::new(),
            open: heapless::Vec::new(),
            binds: heapless::Vec::new(),
            decl_at: [0; NS],
            recent: [(NO_KEY, 0); 2],
            uncopied: 0,
        }
    }

    pub fn depth(&self) -> usize {
        self.open.len()
    }

    /// Whether `n` more bytes fit in `B` beside those stored and those counted.
    fn has_room(&self, n: usize) -> bool {
        plus!(plus!(self.arena.len(), crate::offset::widen(self.uncopied)), n) <= B
    }

    fn arena_push(&mut self, s: &str) -> Result<(), ErrorKind> {
        if !self.has_room(s.len()) {
            return Err(ErrorKind::NameStorageLimit);
        }
        self.arena.push_str(s).map_err(|_| ErrorKind::NameStorageLimit)
    }

    /// The arena: copies of the open elements' names and of the prefixes and unescaped URIs
    /// in scope (what a windowed parser resolves against).
    pub fn arena(&self) -> &str {
        self.arena.as_str()
    }

    /// Opens an element named `qname`, whose start tag is at byte `start` of the body.
    pub fn push_element(&mut self, qname: &str, start: usize) -> Result<(), ErrorKind> {
        let entry = self.open_entry(qname.len(), start)?;
        self.arena_push(qname)?;
        self.open.push(entry).map_err(|_| ErrorKind::DepthLimit)
    }

    /// The entry of an element about to open (its name, `len` bytes, not pushed yet).
    fn open_entry(&self, len: usize, start: usize) -> Result<Open, ErrorKind> {
        if self.open.is_full() {
            return Err(ErrorKind::DepthLimit);
        }
        Ok(Open {
            arena_at: to_u32(self.arena.len())?,
            name_len: to_u32(len)?,
            binds_before: to_u32(self.binds.len())?,
            start: to_u32(start)?,
            ns: 0,
        })
    }

    /// Opens an element whose qualified name, `len` bytes, stays in the reader's input after its
    /// start tag at byte `start` (a reader over the whole body, or over one element of it): the
    /// name is counted in `B` as if copied, so that the limits are the same, and read there
    /// again. Its pop passes `copied: false`.
    /// (With `small` every reader copies the names: this is left out but for its test.)
    #[cfg(any(not(feature = "small"), test))]
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub fn push_element_in_input(&mut self, len: usize, start: usize) -> Result<(), ErrorKind> {
        let entry = self.open_entry(len, start)?;
        if !self.has_room(len) {
            return Err(ErrorKind::NameStorageLimit);
        }
        self.open.push(entry).map_err(|_| ErrorKind::DepthLimit)?;
        self.uncopied = self.uncopied.saturating_add(entry.name_len);
        Ok(())
    }

    /// The innermost open element's start tag (a byte offset of the body) and the length of
    /// its qualified name.
    #[cfg(any(not(feature = "small"), test))]
    pub fn top_tag(&self) -> Option<(usize, usize)> {
        self.open.last().map(|o| (crate::offset::widen(o.start), crate::offset::widen(o.name_len)))
    }

    /// Records the innermost open element's resolved namespace (encoded by the reader).
    #[cfg(not(feature = "small"))]
    pub fn set_top_ns(&mut self, ns: u32) {
        if let Some(o) = self.open.last_mut() {
            o.ns = ns;
        }
    }

    /// The innermost open element's resolved namespace, as recorded.
    #[cfg(not(feature = "small"))]
    pub fn top_ns(&self) -> Option<u32> {
        self.open.last().map(|o| o.ns)
    }

    /// The qualified name of the innermost open element.
    pub fn top_name(&self) -> Option<&[u8]> {
        let o = self.open.last()?;
        self.arena.as_bytes().get(
            crate::offset::widen(o.arena_at)
                ..plus!((crate::offset::widen(o.arena_at)), crate::offset::widen(o.name_len)),
        )
    }

    /// Whether the innermost open element already declares `prefix` (`""`: the default
    /// namespace): a second declaration of it on the same start tag is a duplicate attribute.
    /// (The innermost binding of `prefix` is then one of its own.)
    pub fn top_declares_prefix(&self, prefix: &str) -> bool {
        let from = self.open.last().map_or(self.binds.len(), |o| crate::offset::widen(o.binds_before));
        self.lookup_index(prefix.as_bytes()).is_some_and(|i| i >= from)
    }

    /// Closes the innermost element and drops its bindings (`copied`: its name was pushed
    /// with [`Names::push_element`], not [`Names::push_element_in_input`]).
    pub fn pop_element(&mut self, copied: bool) {
        let Some(o) = self.open.pop() else { return };
        let declared = (crate::offset::widen(o.binds_before)) < self.binds.len();
        if declared {
            // Its bindings go.
            #[cfg(not(feature = "small"))]
            {
                self.recent = [(NO_KEY, 0); 2];
            }
            self.binds.truncate(crate::offset::widen(o.binds_before));
        }
        // The arena holds nothing of it but its bindings' copies and its copied name.
        if declared || copied {
            self.arena.truncate(crate::offset::widen(o.arena_at));
        }
        if !copied {
            self.uncopied = self.uncopied.saturating_sub(o.name_len);
        }
    }

    /// Adds a binding of `prefix` to the URI in `value` (read from `src`).
    pub fn bind(&mut self, prefix: &str, value: Text<'_>, kind: NsKind, src: Src) -> Result<(), ErrorKind> {
        if self.binds.is_full() || self.binds.len() >= MAX_BINDING_INDEX {
            return Err(ErrorKind::NamespaceLimit);
        }
        if prefix.len() > usize::from(u8::MAX) || value.raw().len() > usize::from(u16::MAX) {
            return Err(ErrorKind::NameStorageLimit);
        }
        let arena_at = to_u32(self.arena.len())?;
        self.arena_push(prefix)?;
        let before_uri = self.arena.len();
        if let Some(uri) = value.as_plain() {
            self.arena_push(uri)?;
        } else {
            for f in value.fragments() {
                match f {
                    Fragment::Str(s) => self.arena_push(s)?,
                    Fragment::Char(c) if self.has_room(c.len_utf8()) => {
                        self.arena.push(c).map_err(|_| ErrorKind::NameStorageLimit)?
                    }
                    Fragment::Char(_) => return Err(ErrorKind::NameStorageLimit),
                }
            }
        }
        let b = Binding {
            value_at: to_u32(value.offset())?,
            value_len: to_u32(value.raw().len())?,
            kind,
            src,
            plain: value.is_plain(),
            arena_at,
            prefix_key: prefix_key(prefix.as_bytes()),
            arena_uri_len: to_u32(self.arena.len().saturating_sub(before_uri))?,
        };
        self.binds.push(b).map_err(|_| ErrorKind::NamespaceLimit)?;
        // (The cache of recent lookups, which `small` does not read.)
        #[cfg(not(feature = "small"))]
        {
            self.recent = [(NO_KEY, 0); 2];
        }
        Ok(())
    }

    /// [`Names::bind`] for a declaration of the body (`Src::Input`) whose attribute starts at
    /// byte `at`: where it was written is kept for the views' lineages.
    pub fn bind_declared(&mut self, prefix: &str, value: Text<'_>, kind: NsKind, at: usize) -> Result<(), ErrorKind> {
        let (i, at) = (self.binds.len(), to_u32(at)?);
        self.bind(prefix, value, kind, Src::Input)?;
        if let Some(slot) = self.decl_at.get_mut(i) {
            *slot = at;
        }
        Ok(())
    }

    /// The copied prefix of a binding.
    fn prefix_of(&self, b: &Binding) -> &[u8] {
        self.arena.as_bytes().get(b.arena_prefix_range()).unwrap_or(&[])
    }

    /// The copied, unescaped URI of a binding (the copy that the windowed mode resolves
    /// against once the declaration has left the window).
    pub fn uri_of(&self, b: &Binding) -> &[u8] {
        self.arena.as_bytes().get(b.arena_uri_range()).unwrap_or(&[])
    }

    /// The index of the innermost binding of `prefix` (`""`: the default namespace).
    #[inline]
    pub fn lookup_index(&self, p: &[u8]) -> Option<usize> {
        let key = prefix_key(p);
        if p.len() <= 3 {
            // The key is the whole prefix.
            return self.binds.iter().rposition(|b| b.prefix_key == key);
        }
        self.binds.iter().rposition(|b| b.prefix_key == key && crate::scan::eq_short(self.prefix_of(b), p))
    }

    /// [`Names::lookup_index`] as a `u32` (indices are below [`MAX_BINDING_INDEX`]: the
    /// conversion never fails).
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub fn lookup_ref(&self, p: &[u8]) -> Option<u32> {
        self.lookup_index(p).and_then(|i| u32::try_from(i).ok())
    }

    /// [`Names::lookup_index`] for an element's prefix, through the two most recent ones.
    #[cfg_attr(not(feature = "small"), inline(always))]
    #[cfg(not(feature = "small"))]
    pub fn lookup_recent(&mut self, prefix: &[u8]) -> Option<u32> {
        if prefix.len() > 3 {
            return self.lookup_ref(prefix);
        }
        // The key is the whole prefix.
        let key = prefix_key(prefix);
        let [newest, older] = self.recent;
        if newest.0 == key {
            return Some(newest.1);
        }
        if older.0 == key {
            self.recent = [older, newest];
            return Some(older.1);
        }
        let i = self.lookup_ref(prefix)?;
        self.recent = [(key, i), newest];
        Some(i)
    }

    /// The innermost binding of `prefix`.
    #[cfg(test)]
    pub fn lookup(&self, prefix: &str) -> Option<&Binding> {
        self.binds.get(self.lookup_index(prefix.as_bytes())?)
    }

    /// The kind of the binding at `i` (read alone: no copy of the binding).
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub fn kind_at(&self, i: usize) -> Option<NsKind> {
        self.binds.get(i).map(|b| b.kind)
    }

    /// The binding at `i`.
    pub fn binding(&self, i: usize) -> Option<Binding> {
        self.binds.get(i).copied()
    }

    /// The lineage of the innermost open element, after the `outer` bindings that the
    /// reader started from (see [`Names::seed`]): the bindings in force around it, its own
    /// declarations left out (a reader that reads its start tag again declares them). A copy
    /// of where the declarations were written, never a limit: it holds what `binds` holds.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub fn lineage<'a>(&self, outer: &'a [Binding]) -> Lineage<'a, NS> {
        let n = self.open.last().map_or(self.binds.len(), |o| crate::offset::widen(o.binds_before));
        Lineage { outer, at: self.decl_at, n: u32::try_from(n).unwrap_or(u32::MAX) }
    }

    /// The lineage of the innermost open element for a windowed parser, whose ancestors'
    /// start tags may have left the window: its bindings in force, borrowed.
    pub fn parent_lineage_in_arena(&self) -> Lineage<'_, NS> {
        let upto = self.open.last().map_or(0, |o| crate::offset::widen(o.binds_before));
        let outer = self.binds.get(..upto).unwrap_or(&[]);
        Lineage { outer, at: self.decl_at, n: u32::try_from(outer.len()).unwrap_or(u32::MAX) }
    }

    /// Binds the bindings of `lineage` again, as the reader that made it had them: its
    /// `outer` ones from the arena copy they point into (`src.decls`), then the declarations
    /// after them from where they were written in the body, at the same indices (so that
    /// this reader's own lineages name them where the first did).
    pub fn seed(&mut self, lineage: &Lineage<'_, NS>, src: Sources<'_>) -> Result<(), ErrorKind> {
        for b in lineage.outer {
            self.bind(b.arena_prefix(src.decls), Text::verbatim(b.arena_uri(src.decls)), b.kind, Src::Decls)?;
            // `bind` recorded the offsets it was given; the URI is in `decls`, where `b` says.
            if let Some(nb) = self.binds.last_mut() {
                nb.value_at = u32::try_from(b.arena_uri_range().start).unwrap_or(u32::MAX);
                nb.value_len = b.arena_uri_len;
            }
        }
        for &at in lineage.declared() {
            // Checked when the body was first read.
            let (prefix, uri) = src.declaration(at).ok_or(ErrorKind::MalformedMarkup)?;
            self.bind_declared(prefix, uri, kind_of(&uri), crate::offset::widen(at))?;
        }
        Ok(())
    }
}

/// The namespace a binding gives, read again from where it lives.
pub(crate) fn namespace_of<'a>(b: &Binding, src: Sources<'a>) -> Namespace<'a> {
    Namespace::new(src.uri(b.src, b.value_at, b.value_len, b.plain), b.kind)
}

/// The namespace a binding gives, from the copy in the arena of `names`.
pub(crate) fn namespace_in_arena<'n, const D: usize, const NS: usize, const B: usize>(
    b: &Binding,
    names: &'n Names<D, NS, B>,
) -> Namespace<'n> {
    b.namespace_in(names.arena())
}

/// The namespace bound to `prefix` among `outer` bindings of a lineage (innermost wins).
pub(crate) fn lookup_outer<'a>(outer: &[Binding], decls: &'a str, prefix: &str) -> Option<Namespace<'a>> {
    outer.iter().rev().find(|b| b.arena_prefix(decls) == prefix).map(|b| b.namespace_in(decls))
}

/// What a namespace declaration's URI is (Namespaces in XML 1.0 §3).
pub(crate) fn kind_of(uri: &Text<'_>) -> NsKind {
    if uri.eq_str(DAV) {
        NsKind::Dav
    } else if uri.eq_str("") {
        NsKind::None
    } else {
        NsKind::Other
    }
}

/// The namespace of the `xml` prefix.
pub(crate) fn xml_namespace<'a>() -> Namespace<'a> {
    Namespace::new(Text::attribute(XML_URI, 0), NsKind::Xml)
}

/// `DAV:` for the unbound `DAV` prefix quirk.
pub(crate) fn dav_by_quirk<'a>() -> Namespace<'a> {
    Namespace::new(Text::attribute(DAV, 0), NsKind::DavByQuirk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bind_lookup_pop() {
        let body = r#"<a xmlns:D="DAV:" xmlns="urn:x"><D:b xmlns:D="urn:&#100;"/></a>"#;
        let src = Sources { input: body, base: 0, decls: "" };
        let decl = |from: usize, what: &str| from + body.get(from..).unwrap().find(what).unwrap();
        let (d_at, x_at, d2_at) = (decl(0, "xmlns:D"), decl(0, "xmlns="), decl(33, "xmlns:D"));
        let mut n: Names<4, 4, 64> = Names::new();
        n.push_element("a", 0).unwrap();
        n.bind_declared("D", Text::attribute("DAV:", 12), NsKind::Dav, d_at).unwrap();
        n.bind_declared("", Text::attribute("urn:x", 25), NsKind::Other, x_at).unwrap();
        n.push_element("D:b", 33).unwrap();
        let at = body.find("urn:&#100;").unwrap();
        n.bind_declared("D", Text::attribute("urn:&#100;", at), NsKind::Other, d2_at).unwrap();
        let b = *n.lookup("D").unwrap();
        assert_eq!(n.uri_of(&b), b"urn:d");
        assert!(namespace_of(&b, src).eq_uri("urn:d"));
        assert!(namespace_in_arena(&b, &n).eq_uri("urn:d"));
        assert_eq!(n.top_name(), Some(&b"D:b"[..]));
        // The lineage of `D:b` names `a`'s declarations; `D:b`'s own are left out.
        assert_eq!(n.lineage(&[]).declared(), &[u32::try_from(d_at).unwrap(), u32::try_from(x_at).unwrap()]);
        assert_eq!(n.parent_lineage_in_arena().outer.len(), 2);
        assert!(n.parent_lineage_in_arena().declared().is_empty());
        // A child of `D:b`: all three, outermost first, resolved innermost first.
        n.push_element("c", 60).unwrap();
        let l = n.lineage(&[]);
        assert_eq!(
            l.declared(),
            &[u32::try_from(d_at).unwrap(), u32::try_from(x_at).unwrap(), u32::try_from(d2_at).unwrap()]
        );
        // A reader seeded with it binds the same, at the same indices.
        let mut m: Names<4, 4, 64> = Names::new();
        m.seed(&l, src).unwrap();
        m.push_element("e", 70).unwrap();
        assert_eq!(m.lineage(&[]).declared(), l.declared());
        assert!(namespace_of(m.lookup("D").unwrap(), src).eq_uri("urn:d"));
        n.pop_element(true);
        n.pop_element(true);
        n.push_element("d", 70).unwrap();
        assert_eq!(n.lineage(&[]).declared(), &[u32::try_from(d_at).unwrap(), u32::try_from(x_at).unwrap()]);
        n.pop_element(true);
        n.push_element("D:b", 33).unwrap();
        n.bind("D", Text::attribute("urn:&#100;", at), NsKind::Other, Src::Input).unwrap();
        n.pop_element(true);
        assert_eq!(n.lookup("D").unwrap().kind, NsKind::Dav);
        assert_eq!(n.lookup("").unwrap().kind, NsKind::Other);
        assert!(n.lookup("x").is_none());
        n.pop_element(true);
        assert!(n.lookup("D").is_none());
        assert_eq!(n.depth(), 0);
    }

    #[test]
    fn declarations_are_read_where_they_were_written() {
        let body = "<a  xmlns:ab = 'urn:&#97;' xmlns\n=\"\" xmlns:a=\"u\">";
        let src = Sources { input: body, base: 0, decls: "" };
        let (ab, default, a) = (
            4,
            u32::try_from(body.find("xmlns\n").unwrap()).unwrap(),
            u32::try_from(body.find("xmlns:a=").unwrap()).unwrap(),
        );
        let (p, uri) = src.declaration(ab).unwrap();
        assert_eq!((p, uri.raw(), body.get(uri.offset()..uri.offset() + 9).unwrap()), ("ab", "urn:&#97;", "urn:&#97;"));
        assert!(uri.eq_str("urn:a"));
        let (p, uri) = src.declaration(default).unwrap();
        assert_eq!((p, uri.raw()), ("", ""));
        assert_eq!(src.declaration(a).unwrap().0, "a");
        // A prefix is compared whole.
        assert!(src.declares(ab, "ab") && !src.declares(ab, "a") && !src.declares(ab, "abc"));
        assert!(src.declares(default, "") && !src.declares(ab, "") && !src.declares(default, "a"));
        assert!(src.declares(a, "a") && !src.declares(a, "ab"));
        // Not a declaration, or before a window: nothing.
        assert!(src.declaration(0).is_none() && !src.declares(1, ""));
        let window = Sources { input: body.get(10..).unwrap(), base: 10, decls: "" };
        assert!(window.declaration(ab).is_none() && !window.declares(ab, "ab"));
        assert_eq!(window.declaration(a).unwrap().0, "a");
        // A lineage holds `NS` declarations.
        let mut l: Lineage<'_, 2> = Lineage::empty();
        assert!(l.push(1) && l.push(2) && !l.push(3));
        assert_eq!(l.declared(), &[1, 2]);
    }

    #[test]
    fn lookups_tell_prefixes_apart_past_their_key() {
        let mut n: Names<4, 16, 256> = Names::new();
        n.push_element("a", 0).unwrap();
        let prefixes = ["", "a", "ab", "abc", "abcd", "abce", "abcde", "abd", "b", "\u{e9}", "\u{e9}x"];
        for p in prefixes {
            n.bind(p, Text::attribute("urn:x", 0), NsKind::Other, Src::Input).unwrap();
        }
        for (i, p) in prefixes.iter().enumerate() {
            assert_eq!(n.lookup_index(p.as_bytes()), Some(i), "{p}");
        }
        for p in ["abcf", "abcdef", "ac", "c", "abcx"] {
            assert_eq!(n.lookup_index(p.as_bytes()), None, "{p}");
        }
        // The innermost binding wins.
        n.bind("abcd", Text::attribute("urn:y", 0), NsKind::Other, Src::Input).unwrap();
        assert_eq!(n.lookup_index(b"abcd"), Some(prefixes.len()));
    }

    #[test]
    #[cfg(not(feature = "small"))]
    fn recent_lookups_follow_bindings_added_and_dropped() {
        // Every lookup through the recent pair agrees with the full search, as prefixes are
        // shadowed (a child declares one again) and uncovered (the child closes).
        let mut n: Names<8, 16, 512> = Names::new();
        let check = |n: &mut Names<8, 16, 512>| {
            for p in ["", "a", "b", "abc", "abcd", "x"] {
                let want = n.lookup_index(p.as_bytes()).map(|i| u32::try_from(i).unwrap());
                assert_eq!(n.lookup_recent(p.as_bytes()), want, "{p}");
                assert_eq!(n.lookup_recent(p.as_bytes()), want, "{p} again");
            }
        };
        n.push_element("r", 0).unwrap();
        n.bind("a", Text::attribute("urn:1", 0), NsKind::Other, Src::Input).unwrap();
        n.bind("abc", Text::attribute("urn:2", 0), NsKind::Other, Src::Input).unwrap();
        check(&mut n);
        n.push_element("a:c", 10).unwrap();
        check(&mut n);
        n.bind("a", Text::attribute("urn:3", 0), NsKind::Other, Src::Input).unwrap();
        assert_eq!(n.lookup_recent(b"a"), Some(2));
        n.push_element("a:d", 20).unwrap();
        n.bind("", Text::attribute("urn:4", 0), NsKind::Other, Src::Input).unwrap();
        check(&mut n);
        n.pop_element(true);
        check(&mut n);
        n.pop_element(true);
        assert_eq!(n.lookup_recent(b"a"), Some(0));
        check(&mut n);
        n.pop_element(true);
        assert_eq!(n.lookup_recent(b"a"), None);
    }

    #[test]
    fn limits_are_errors() {
        let mut n: Names<1, 1, 8> = Names::new();
        n.push_element("a", 0).unwrap();
        assert_eq!(n.push_element("b", 3), Err(ErrorKind::DepthLimit));
        n.bind("p", Text::attribute("u", 0), NsKind::Other, Src::Input).unwrap();
        assert_eq!(n.bind("q", Text::attribute("u", 0), NsKind::Other, Src::Input), Err(ErrorKind::NamespaceLimit));
        let mut m: Names<4, 4, 4> = Names::new();
        assert_eq!(m.push_element("abcde", 0), Err(ErrorKind::NameStorageLimit));
    }

    #[test]
    fn names_left_in_the_input_count_as_copied() {
        // The same pushes and binds, names copied or not, meet `B` at the same byte.
        for copied in [true, false] {
            let mut n: Names<4, 4, 12> = Names::new();
            let push = |n: &mut Names<4, 4, 12>, name: &str| match copied {
                true => n.push_element(name, 0),
                false => n.push_element_in_input(name.len(), 0),
            };
            push(&mut n, "a:bc").unwrap();
            n.bind("a", Text::attribute("urn", 0), NsKind::Other, Src::Input).unwrap();
            push(&mut n, "a:d").unwrap();
            assert_eq!(push(&mut n, "a:e"), Err(ErrorKind::NameStorageLimit), "{copied}");
            assert_eq!(n.bind("", Text::attribute("x", 0), NsKind::Other, Src::Input), Ok(()), "{copied}");
            assert_eq!(
                n.bind("", Text::attribute("&#120;", 0), NsKind::Other, Src::Input),
                Err(ErrorKind::NameStorageLimit)
            );
            // Popping gives the room back.
            n.pop_element(copied);
            push(&mut n, "a:e").unwrap();
            assert_eq!(n.top_tag(), Some((0, 3)));
        }
    }

    #[test]
    fn namespace_equality_unescapes() {
        let a = Namespace::new(Text::attribute("urn:&#x61;", 0), NsKind::Other);
        let b = Namespace::new(Text::attribute("urn:a", 0), NsKind::Other);
        let c = Namespace::new(Text::attribute("urn:b", 0), NsKind::Other);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(dav_by_quirk(), Namespace::new(Text::attribute("DAV:", 0), NsKind::Dav));
        assert_ne!(Namespace::none(), b);
    }
}
