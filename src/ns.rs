//! Namespaces in XML 1.0 (§3, §6.3): the one home of what a prefix names and of what a
//! declaration may bind. The reader (elements, attributes, [`crate::XmlReader::namespace_of`])
//! and the element view's attributes all resolve through [`resolve`], so the `xml`/`xmlns`
//! rules and the unbound-`DAV` quirk are written once.

use crate::error::ErrorKind;
use crate::names::{self, Binding, Lineage, Names, Namespace, NsKind, Sources, XML_URI, XMLNS_URI};
use crate::scan;
use crate::text::Text;

/// What a prefix names, `T` being how a binding is found (its index in the reader's
/// storage, or the namespace a view read again).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Resolved<T> {
    /// No namespace: an unprefixed attribute, or an unprefixed element with no default
    /// namespace in force.
    None,
    /// The `xml` prefix, always bound to [`XML_URI`].
    Xml,
    /// An unbound `DAV` prefix read as `DAV:` (the quirk `Options::unbound_dav_prefix`).
    DavQuirk,
    /// A declared binding.
    Bound(T),
}

/// Whose prefix is resolved: an unprefixed element takes the default namespace, an
/// unprefixed attribute has none (Namespaces in XML 1.0 §6.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Element,
    Attribute,
}

/// What `prefix` names in the `role`, `found` looking up its innermost binding (called at
/// most once, never for `xml` or `xmlns`, which no binding names); `dav_quirk`: an unbound
/// `DAV` prefix reads as `DAV:`.
///
/// # Errors
/// [`ErrorKind::XmlnsPrefixUsed`] for the prefix `xmlns` (no element or attribute name
/// uses it; a declaration is not resolved here), [`ErrorKind::UnboundPrefix`] for a prefix
/// with no binding.
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) fn resolve<T>(
    prefix: &[u8],
    role: Role,
    dav_quirk: bool,
    found: impl FnOnce() -> Option<T>,
) -> Result<Resolved<T>, ErrorKind> {
    match prefix {
        b"xmlns" => Err(ErrorKind::XmlnsPrefixUsed),
        b"xml" => Ok(Resolved::Xml),
        b"" if role == Role::Attribute => Ok(Resolved::None),
        _ => match found() {
            Some(b) => Ok(Resolved::Bound(b)),
            None if prefix.is_empty() => Ok(Resolved::None),
            None if prefix == b"DAV" && dav_quirk => Ok(Resolved::DavQuirk),
            None => Err(ErrorKind::UnboundPrefix),
        },
    }
}

/// [`resolve`] with the innermost binding of `prefix` already looked up (`found`): with
/// `small`, one copy for the reader's three uses (start tags, end tags, attributes), each of
/// which looks up first (a lookup is pure: for `xml` or `xmlns` it is only not needed).
#[cfg(feature = "small")]
#[inline(never)]
pub(crate) fn resolve_found(
    prefix: &[u8],
    role: Role,
    dav_quirk: bool,
    found: Option<u32>,
) -> Result<Resolved<u32>, ErrorKind> {
    resolve(prefix, role, dav_quirk, || found)
}

/// What a declaration `xmlns:prefix="value"` (`prefix` `""`: `xmlns="value"`) does under
/// the rules of §3: `Ok(true)` binds, `Ok(false)` is the allowed `xmlns:xml` to its own URI
/// (`xml` is always bound: nothing to do).
///
/// # Errors
/// One kind per rule: [`ErrorKind::XmlPrefixRebound`] for `xml` declared to another URI,
/// [`ErrorKind::XmlnsPrefixDeclared`] for a declaration of `xmlns`,
/// [`ErrorKind::ReservedUriBound`] for a prefix (or the default namespace) bound to the `xml`
/// or `xmlns` URI, [`ErrorKind::EmptyPrefixBinding`] for `xmlns:p=""` (undeclaring a prefix
/// is XML 1.1 only).
pub(crate) fn check_declaration(prefix: &str, value: &Text<'_>) -> Result<bool, ErrorKind> {
    let is_xml_uri = value.eq_str(XML_URI);
    if prefix == "xml" {
        return if is_xml_uri { Ok(false) } else { Err(ErrorKind::XmlPrefixRebound) };
    }
    if prefix == "xmlns" {
        return Err(ErrorKind::XmlnsPrefixDeclared);
    }
    if is_xml_uri || value.eq_str(XMLNS_URI) {
        return Err(ErrorKind::ReservedUriBound);
    }
    if !prefix.is_empty() && value.eq_str("") {
        return Err(ErrorKind::EmptyPrefixBinding);
    }
    Ok(true)
}

/// The namespace that the bindings in force around a view (its `lineage`) give `prefix` (not
/// `""`, not `xml`), the innermost first: the declarations' prefixes compared where they are
/// written in the body (`src`), the URI read only from the one that matches; then the
/// bindings a windowed parser had before the window (`lineage.outer`, copied in `src.decls`).
pub(crate) fn lookup_in_lineage<'a, const NS: usize>(
    lineage: &Lineage<'a, NS>,
    src: Sources<'a>,
    prefix: &str,
) -> Option<Namespace<'a>> {
    match lineage.declared().iter().rev().find(|&&at| src.declares(at, prefix)) {
        Some(&at) => src.declaration(at).map(|(_, uri)| Namespace::new(uri, names::kind_of(&uri))),
        None => names::lookup_outer(lineage.outer, src.decls, prefix),
    }
}

/// One attribute of a start tag for [`check_attributes`]: its prefix and local name as
/// written, and where it is (the offset errors are reported at).
pub(crate) struct AttributeName<'a> {
    pub prefix: &'a str,
    pub local: &'a str,
    pub at: usize,
}

/// Resolves the attributes of a start tag that are not namespace declarations (those are
/// checked as they are bound, and no other attribute can be one: a prefix bound to the
/// `xmlns` namespace is refused) with the bindings of `names` (the tag's own declarations
/// bound), and refuses two with the same local name in the same namespace (Namespaces in XML
/// 1.0 §6.3; the same qualified name is a case of it). Returns whether a prefix was read as
/// `DAV:` by the quirk (`dav_quirk`).
///
/// Nothing is kept: `attrs` is read again for each pair (a tag holds at most
/// [`crate::MAX_ATTRIBUTES`] attributes), and two namespaces are resolved again only when the
/// local names are the same. Keeping each attribute's namespace took 1 KiB of stack.
///
/// # Errors
/// What [`resolve`] refuses, or [`ErrorKind::DuplicateAttribute`], with the offset of the
/// attribute.
pub(crate) fn check_attributes<'a, const D: usize, const NS: usize, const B: usize>(
    attrs: impl Iterator<Item = AttributeName<'a>> + Clone,
    names: &Names<D, NS, B>,
    dav_quirk: bool,
) -> Result<bool, (ErrorKind, usize)> {
    let resolve_one = |a: &AttributeName<'a>| {
        let p = a.prefix.as_bytes();
        #[cfg(not(feature = "small"))]
        let r = resolve(p, Role::Attribute, dav_quirk, || names.lookup_ref(p));
        #[cfg(feature = "small")]
        let r = resolve_found(p, Role::Attribute, dav_quirk, names.lookup_ref(p));
        r.map_err(|k| (k, a.at))
    };
    // Every prefix resolved first, in document order (so its error comes first).
    let mut quirk = false;
    for a in attrs.clone() {
        quirk |= resolve_one(&a)? == Resolved::DavQuirk;
    }
    // Local names first, compared inline (a `memcmp` call per pair showed in the profile).
    for (j, b) in attrs.clone().enumerate() {
        for a in attrs.clone().take(j) {
            if scan::eq_short(a.local.as_bytes(), b.local.as_bytes())
                && identity(resolve_one(&a)?, names) == identity(resolve_one(&b)?, names)
            {
                return Err((ErrorKind::DuplicateAttribute, b.at));
            }
        }
    }
    Ok(quirk)
}

/// What makes two resolved namespaces the same: their kind and unescaped URI (`DAV:` by
/// declaration and by the quirk are one).
fn identity<const D: usize, const NS: usize, const B: usize>(r: Resolved<u32>, names: &Names<D, NS, B>) -> (u8, &[u8]) {
    match r {
        Resolved::None => (0, b""),
        Resolved::Xml => (1, XML_URI.as_bytes()),
        Resolved::DavQuirk => (2, b""),
        Resolved::Bound(i) => match names.binding(crate::offset::widen(i)) {
            Some(Binding { kind: NsKind::None, .. }) | None => (0, b""),
            Some(Binding { kind: NsKind::Dav | NsKind::DavByQuirk, .. }) => (2, b""),
            Some(b) => (3, names.uri_of(&b)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(prefix: &str, quirk: bool, bound: bool) -> Result<Resolved<u32>, ErrorKind> {
        resolve(prefix.as_bytes(), Role::Element, quirk, || bound.then_some(7))
    }

    #[test]
    fn prefixes_resolve_by_the_rules() {
        assert_eq!(el("xml", false, false), Ok(Resolved::Xml));
        assert_eq!(el("xmlns", true, true), Err(ErrorKind::XmlnsPrefixUsed));
        assert_eq!(el("", false, false), Ok(Resolved::None));
        assert_eq!(el("", false, true), Ok(Resolved::Bound(7)));
        assert_eq!(resolve(b"", Role::Attribute, false, || Some(7)), Ok(Resolved::None));
        assert_eq!(el("DAV", true, false), Ok(Resolved::DavQuirk));
        assert_eq!(el("DAV", true, true), Ok(Resolved::Bound(7)));
        assert_eq!(el("DAV", false, false), Err(ErrorKind::UnboundPrefix));
        assert_eq!(el("p", true, false), Err(ErrorKind::UnboundPrefix));
    }

    #[test]
    fn declarations_follow_the_rules() {
        let t = |s| Text::attribute(s, 0);
        assert_eq!(check_declaration("xml", &t(XML_URI)), Ok(false));
        assert_eq!(check_declaration("xml", &t("urn:x")), Err(ErrorKind::XmlPrefixRebound));
        assert_eq!(check_declaration("xml", &t(XMLNS_URI)), Err(ErrorKind::XmlPrefixRebound));
        assert_eq!(check_declaration("xmlns", &t("urn:x")), Err(ErrorKind::XmlnsPrefixDeclared));
        assert_eq!(check_declaration("xmlns", &t(XML_URI)), Err(ErrorKind::XmlnsPrefixDeclared));
        assert_eq!(check_declaration("p", &t(XMLNS_URI)), Err(ErrorKind::ReservedUriBound));
        assert_eq!(check_declaration("", &t(XML_URI)), Err(ErrorKind::ReservedUriBound));
        assert_eq!(check_declaration("p", &t("")), Err(ErrorKind::EmptyPrefixBinding));
        assert_eq!(check_declaration("", &t("")), Ok(true));
        assert_eq!(check_declaration("p", &t("urn:x")), Ok(true));
    }
}
