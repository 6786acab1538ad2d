//! Names and namespaces: resolved names, and the bounded storage for the open elements and
//! the namespace bindings in scope.
//!
//! The storage copies what it must remember (element names for end-tag matching, prefixes and
//! unescaped namespace URIs for resolution) into a fixed byte arena, so that between two
//! events the parser holds no borrow of the input. It also keeps the absolute offsets of each
//! declaration so that a resolved name can hand out the URI as a slice of the body.

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

    /// Whether this is `DAV:`.
    pub fn is_dav(&self) -> bool {
        matches!(self.kind, NsKind::Dav | NsKind::DavByQuirk)
    }

    /// Whether the name has no namespace.
    pub fn is_none(&self) -> bool {
        self.kind == NsKind::None
    }

    /// The URI (raw, as declared; empty for no namespace; `DAV:` for the unbound-`DAV`-prefix
    /// quirk).
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
            (NsKind::Other, NsKind::Other) => texts_equal(&self.uri, &other.uri),
            (a, b) => {
                let norm = |k| if k == NsKind::DavByQuirk { NsKind::Dav } else { k };
                norm(a) == norm(b)
            }
        }
    }
}
impl Eq for Namespace<'_> {}

/// Whether two texts unescape to the same string, without a buffer.
pub(crate) fn texts_equal(a: &Text<'_>, b: &Text<'_>) -> bool {
    if let (Some(x), Some(y)) = (a.as_plain(), b.as_plain()) {
        return x == y;
    }
    let mut bytes_b = FragmentBytes::new(b);
    let mut bytes_a = FragmentBytes::new(a);
    loop {
        match (bytes_a.next(), bytes_b.next()) {
            (None, None) => return true,
            (x, y) if x != y => return false,
            _ => {}
        }
    }
}

/// The bytes of a text's unescaped value, one at a time.
struct FragmentBytes<'a> {
    frags: crate::text::Fragments<'a>,
    cur: &'a [u8],
    buf: [u8; 4],
    buf_len: usize,
    buf_pos: usize,
}

impl<'a> FragmentBytes<'a> {
    fn new(t: &Text<'a>) -> Self {
        FragmentBytes { frags: t.fragments(), cur: &[], buf: [0; 4], buf_len: 0, buf_pos: 0 }
    }
}

impl Iterator for FragmentBytes<'_> {
    type Item = u8;
    fn next(&mut self) -> Option<u8> {
        loop {
            if self.buf_pos < self.buf_len {
                let b = self.buf.get(self.buf_pos).copied();
                self.buf_pos = self.buf_pos.saturating_add(1);
                return b;
            }
            if let Some((&b, rest)) = self.cur.split_first() {
                self.cur = rest;
                return Some(b);
            }
            match self.frags.next()? {
                Fragment::Str(s) => self.cur = s.as_bytes(),
                Fragment::Char(c) => {
                    self.buf_len = c.encode_utf8(&mut self.buf).len();
                    self.buf_pos = 0;
                }
            }
        }
    }
}

/// A resolved name: prefix and local part as written, and the namespace they resolve to.
///
/// `Display` writes Clark notation: `{uri}local`, or just `local` without a namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Name<'a> {
    prefix: &'a str,
    local: &'a str,
    ns: Namespace<'a>,
}

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
    /// Offset and length of the prefix (length 0 for the default namespace), in `src`.
    pub prefix_at: u32,
    pub prefix_len: u32,
    /// Offset and length of the URI (raw attribute value, or unescaped copy), in `src`.
    pub value_at: u32,
    pub value_len: u32,
    pub kind: NsKind,
    pub src: Src,
    /// Start of `prefix ++ uri` in the arena, and the two lengths.
    arena_at: u32,
    arena_prefix_len: u32,
    arena_uri_len: u32,
}

/// One open element: its qualified name's copy in the arena, and how many bindings were in
/// scope before it.
#[derive(Clone, Copy, Debug)]
struct Open {
    arena_at: u32,
    name_len: u32,
    binds_before: u32,
}

/// The bindings in scope at one point, as offsets (into the body, or into a windowed
/// parser's copy of the declarations): enough to resolve names in an element later, after
/// the parser has moved on. `NS` bindings at most.
#[derive(Clone, Debug)]
pub struct Scope<const NS: usize> {
    binds: heapless::Vec<ScopeBinding, NS>,
}

/// 12 bytes: a prefix is at most 255 bytes and a namespace URI at most 65,535 bytes long
/// (longer ones are a [`ErrorKind::NameStorageLimit`] when declared).
#[derive(Clone, Copy, Debug)]
struct ScopeBinding {
    prefix_at: u32,
    value_at: u32,
    value_len: u16,
    prefix_len: u8,
    /// The kind (low bits) and the source (high bit), packed to keep this 12 bytes.
    meta: u8,
}

impl ScopeBinding {
    const DECLS: u8 = 0x80;

    fn pack(kind: NsKind, src: Src) -> u8 {
        let k = match kind {
            NsKind::None => 0,
            NsKind::Dav => 1,
            NsKind::DavByQuirk => 2,
            NsKind::Xml => 3,
            NsKind::Other => 4,
        };
        if src == Src::Decls { k | Self::DECLS } else { k }
    }

    fn kind(&self) -> NsKind {
        match self.meta & !Self::DECLS {
            0 => NsKind::None,
            1 => NsKind::Dav,
            2 => NsKind::DavByQuirk,
            3 => NsKind::Xml,
            _ => NsKind::Other,
        }
    }

    fn src(&self) -> Src {
        if self.meta & Self::DECLS != 0 { Src::Decls } else { Src::Input }
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
            Src::Input => (self.input, (at as usize).checked_sub(self.base)?),
            Src::Decls => (self.decls, at as usize),
        };
        s.get(at..at.saturating_add(len as usize))
    }

    fn uri(&self, src: Src, at: u32, len: u32) -> Text<'a> {
        let raw = self.span(src, at, len).unwrap_or("");
        match src {
            Src::Input => Text::attribute(raw, at as usize),
            Src::Decls => Text::verbatim(raw),
        }
    }
}

impl<const NS: usize> Scope<NS> {
    /// No bindings.
    pub const fn new() -> Self {
        Scope { binds: heapless::Vec::new() }
    }

    /// How many bindings (shadowed ones included).
    pub fn len(&self) -> usize {
        self.binds.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.binds.is_empty()
    }
}

impl<const NS: usize> Scope<NS> {
    /// The namespace bound to `prefix` in this scope.
    pub(crate) fn lookup<'a>(&self, src: Sources<'a>, prefix: &str) -> Option<Namespace<'a>> {
        let b = self
            .binds
            .iter()
            .rev()
            .find(|b| src.span(b.src(), b.prefix_at, u32::from(b.prefix_len)) == Some(prefix))?;
        Some(Namespace::new(src.uri(b.src(), b.value_at, u32::from(b.value_len)), b.kind()))
    }
}

impl<const NS: usize> Default for Scope<NS> {
    fn default() -> Self {
        Self::new()
    }
}

fn to_u32(n: usize) -> Result<u32, ErrorKind> {
    u32::try_from(n).map_err(|_| ErrorKind::InputTooLarge)
}

/// Bounded storage of open elements (`D`), bindings (`NS`) and their names (`B` bytes).
#[derive(Clone, Debug)]
pub(crate) struct Names<const D: usize, const NS: usize, const B: usize> {
    arena: heapless::String<B>,
    open: heapless::Vec<Open, D>,
    binds: heapless::Vec<Binding, NS>,
}

impl<const D: usize, const NS: usize, const B: usize> Names<D, NS, B> {
    pub const fn new() -> Self {
        Names { arena: heapless::String::new(), open: heapless::Vec::new(), binds: heapless::Vec::new() }
    }

    pub fn depth(&self) -> usize {
        self.open.len()
    }

    fn arena_push(&mut self, s: &str) -> Result<(), ErrorKind> {
        self.arena.push_str(s).map_err(|_| ErrorKind::NameStorageLimit)
    }

    /// The arena: copies of the open elements' names and of the prefixes and unescaped URIs
    /// in scope (what a windowed parser resolves against).
    pub fn arena(&self) -> &str {
        self.arena.as_str()
    }

    /// Opens an element named `qname`.
    pub fn push_element(&mut self, qname: &str) -> Result<(), ErrorKind> {
        if self.open.is_full() {
            return Err(ErrorKind::DepthLimit);
        }
        let entry = Open {
            arena_at: to_u32(self.arena.len())?,
            name_len: to_u32(qname.len())?,
            binds_before: to_u32(self.binds.len())?,
        };
        self.arena_push(qname)?;
        self.open.push(entry).map_err(|_| ErrorKind::DepthLimit)
    }

    /// The qualified name of the innermost open element.
    pub fn top_name(&self) -> Option<&[u8]> {
        let o = self.open.last()?;
        self.arena.as_bytes().get(o.arena_at as usize..(o.arena_at as usize).saturating_add(o.name_len as usize))
    }

    /// Closes the innermost element and drops its bindings.
    pub fn pop_element(&mut self) {
        if let Some(o) = self.open.pop() {
            self.binds.truncate(o.binds_before as usize);
            self.arena.truncate(o.arena_at as usize);
        }
    }

    /// Adds a binding of `prefix` (at `prefix_at` in `src`) to the URI in `value`.
    pub fn bind(
        &mut self,
        prefix: &str,
        prefix_at: usize,
        value: Text<'_>,
        kind: NsKind,
        src: Src,
    ) -> Result<(), ErrorKind> {
        if self.binds.is_full() {
            return Err(ErrorKind::NamespaceLimit);
        }
        if prefix.len() > usize::from(u8::MAX) || value.raw().len() > usize::from(u16::MAX) {
            return Err(ErrorKind::NameStorageLimit);
        }
        let arena_at = to_u32(self.arena.len())?;
        self.arena_push(prefix)?;
        let before_uri = self.arena.len();
        for f in value.fragments() {
            match f {
                Fragment::Str(s) => self.arena_push(s)?,
                Fragment::Char(c) => self.arena.push(c).map_err(|_| ErrorKind::NameStorageLimit)?,
            }
        }
        let b = Binding {
            prefix_at: to_u32(prefix_at)?,
            prefix_len: to_u32(prefix.len())?,
            value_at: to_u32(value.offset())?,
            value_len: to_u32(value.raw().len())?,
            kind,
            src,
            arena_at,
            arena_prefix_len: to_u32(prefix.len())?,
            arena_uri_len: to_u32(self.arena.len().saturating_sub(before_uri))?,
        };
        self.binds.push(b).map_err(|_| ErrorKind::NamespaceLimit)
    }

    fn arena_slice(&self, at: u32, len: u32) -> &[u8] {
        self.arena.as_bytes().get(at as usize..(at as usize).saturating_add(len as usize)).unwrap_or(&[])
    }

    /// The copied prefix of a binding.
    fn prefix_of(&self, b: &Binding) -> &[u8] {
        self.arena_slice(b.arena_at, b.arena_prefix_len)
    }

    /// The copied, unescaped URI of a binding (the copy that the windowed mode resolves
    /// against once the declaration has left the window).
    pub fn uri_of(&self, b: &Binding) -> &[u8] {
        self.arena_slice(b.arena_at.saturating_add(b.arena_prefix_len), b.arena_uri_len)
    }

    /// The index of the innermost binding of `prefix` (`""`: the default namespace).
    pub fn lookup_index(&self, prefix: &str) -> Option<usize> {
        self.binds.iter().rposition(|b| self.prefix_of(b) == prefix.as_bytes())
    }

    /// The innermost binding of `prefix`.
    #[cfg(test)]
    pub fn lookup(&self, prefix: &str) -> Option<&Binding> {
        self.binds.get(self.lookup_index(prefix)?)
    }

    /// The binding at `i`.
    pub fn binding(&self, i: usize) -> Option<Binding> {
        self.binds.get(i).copied()
    }

    /// A snapshot of the bindings in scope (`in_arena`: pointing into this arena, for a
    /// windowed parser whose input moves on).
    pub fn scope(&self, in_arena: bool) -> Scope<NS> {
        self.scope_of(&self.binds, in_arena)
    }

    /// A snapshot of the bindings in scope around the innermost open element (its own
    /// declarations left out: a reader that reads its start tag again declares them).
    pub fn parent_scope(&self, in_arena: bool) -> Scope<NS> {
        let upto = self.open.last().map_or(0, |o| o.binds_before as usize);
        self.scope_of(self.binds.get(..upto).unwrap_or(&[]), in_arena)
    }

    fn scope_of(&self, binds: &[Binding], in_arena: bool) -> Scope<NS> {
        let mut s = Scope::new();
        for b in binds {
            let (prefix_at, value_at, value_len, src) = if in_arena {
                (b.arena_at, b.arena_at.saturating_add(b.arena_prefix_len), b.arena_uri_len, Src::Decls)
            } else {
                (b.prefix_at, b.value_at, b.value_len, b.src)
            };
            // Cannot fail: both hold NS bindings at most; `bind` checked both lengths.
            let _ = s.binds.push(ScopeBinding {
                prefix_at,
                value_at,
                value_len: u16::try_from(value_len).unwrap_or(u16::MAX),
                prefix_len: u8::try_from(b.prefix_len).unwrap_or(u8::MAX),
                meta: ScopeBinding::pack(b.kind, src),
            });
        }
        s
    }

    /// Starts from the bindings of `scope`.
    pub fn seed(&mut self, scope: &Scope<NS>, src: Sources<'_>) -> Result<(), ErrorKind> {
        for sb in &scope.binds {
            let prefix = src.span(sb.src(), sb.prefix_at, u32::from(sb.prefix_len)).unwrap_or("");
            let value = src.uri(sb.src(), sb.value_at, u32::from(sb.value_len));
            let value_len = u32::from(sb.value_len);
            self.bind(prefix, sb.prefix_at as usize, value, sb.kind(), sb.src())?;
            // `bind` recorded the raw length; keep the scope's (the same for both sources).
            if let Some(b) = self.binds.last_mut() {
                b.value_at = sb.value_at;
                b.value_len = value_len;
            }
        }
        Ok(())
    }
}

/// The namespace a binding gives, read again from where it lives.
pub(crate) fn namespace_of<'a>(b: &Binding, src: Sources<'a>) -> Namespace<'a> {
    Namespace::new(src.uri(b.src, b.value_at, b.value_len), b.kind)
}

/// The namespace a binding gives, from the copy in the arena of `names`.
pub(crate) fn namespace_in_arena<'n, const D: usize, const NS: usize, const B: usize>(
    b: &Binding,
    names: &'n Names<D, NS, B>,
) -> Namespace<'n> {
    let at = b.arena_at.saturating_add(b.arena_prefix_len) as usize;
    let raw = names.arena.get(at..at.saturating_add(b.arena_uri_len as usize)).unwrap_or("");
    Namespace::new(Text::verbatim(raw), b.kind)
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
        let mut n: Names<4, 4, 64> = Names::new();
        n.push_element("a").unwrap();
        n.bind("D", 9, Text::attribute("DAV:", 12), NsKind::Dav, Src::Input).unwrap();
        n.bind("", 0, Text::attribute("urn:x", 25), NsKind::Other, Src::Input).unwrap();
        n.push_element("D:b").unwrap();
        let at = body.find("urn:&#100;").unwrap();
        n.bind("D", at - 3, Text::attribute("urn:&#100;", at), NsKind::Other, Src::Input).unwrap();
        let b = *n.lookup("D").unwrap();
        assert_eq!(n.uri_of(&b), b"urn:d");
        assert!(namespace_of(&b, Sources { input: body, base: 0, decls: "" }).eq_uri("urn:d"));
        assert!(namespace_in_arena(&b, &n).eq_uri("urn:d"));
        assert_eq!(n.top_name(), Some(&b"D:b"[..]));
        assert_eq!(n.parent_scope(false).len(), 2);
        assert_eq!(n.scope(false).len(), 3);
        n.pop_element();
        assert_eq!(n.lookup("D").unwrap().kind, NsKind::Dav);
        assert_eq!(n.lookup("").unwrap().kind, NsKind::Other);
        assert!(n.lookup("x").is_none());
        n.pop_element();
        assert!(n.lookup("D").is_none());
        assert_eq!(n.depth(), 0);
    }

    #[test]
    fn limits_are_errors() {
        let mut n: Names<1, 1, 8> = Names::new();
        n.push_element("a").unwrap();
        assert_eq!(n.push_element("b"), Err(ErrorKind::DepthLimit));
        n.bind("p", 0, Text::attribute("u", 0), NsKind::Other, Src::Input).unwrap();
        assert_eq!(n.bind("q", 0, Text::attribute("u", 0), NsKind::Other, Src::Input), Err(ErrorKind::NamespaceLimit));
        let mut m: Names<4, 4, 4> = Names::new();
        assert_eq!(m.push_element("abcde"), Err(ErrorKind::NameStorageLimit));
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
