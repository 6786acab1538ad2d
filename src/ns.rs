//! Namespaces in XML 1.0 (§3, §6.3): the one home of what a prefix names and of what a
//! declaration may bind. The reader (elements, attributes, [`crate::XmlReader::namespace_of`])
//! and the element view's attributes all resolve through [`resolve`], so the `xml`/`xmlns`
//! rules and the unbound-`DAV` quirk are written once.

use crate::error::ErrorKind;
use crate::names::{XML_URI, XMLNS_URI};
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
/// [`ErrorKind::ReservedNamespace`] for the prefix `xmlns` (no element or attribute name
/// uses it; a declaration is not resolved here), [`ErrorKind::UnboundPrefix`] for a prefix
/// with no binding.
#[inline(always)]
pub(crate) fn resolve<T>(
    prefix: &[u8],
    role: Role,
    dav_quirk: bool,
    found: impl FnOnce() -> Option<T>,
) -> Result<Resolved<T>, ErrorKind> {
    match prefix {
        b"xmlns" => Err(ErrorKind::ReservedNamespace),
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

/// What a declaration `xmlns:prefix="value"` (`prefix` `""`: `xmlns="value"`) does under
/// the rules of §3: `Ok(true)` binds, `Ok(false)` is the allowed `xmlns:xml` to its own URI
/// (`xml` is always bound: nothing to do).
///
/// # Errors
/// [`ErrorKind::ReservedNamespace`] for `xml` declared to another URI, a declaration of
/// `xmlns`, a prefix (or the default namespace) bound to the `xml` or `xmlns` URI, and
/// `xmlns:p=""` (undeclaring a prefix is XML 1.1 only).
pub(crate) fn check_declaration(prefix: &str, value: &Text<'_>) -> Result<bool, ErrorKind> {
    let is_xml_uri = value.eq_str(XML_URI);
    if prefix == "xml" {
        return if is_xml_uri { Ok(false) } else { Err(ErrorKind::ReservedNamespace) };
    }
    if prefix == "xmlns" || is_xml_uri || value.eq_str(XMLNS_URI) {
        return Err(ErrorKind::ReservedNamespace);
    }
    if !prefix.is_empty() && value.unescaped_len() == 0 {
        return Err(ErrorKind::ReservedNamespace);
    }
    Ok(true)
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
        assert_eq!(el("xmlns", true, true), Err(ErrorKind::ReservedNamespace));
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
        assert_eq!(check_declaration("xml", &t("urn:x")), Err(ErrorKind::ReservedNamespace));
        assert_eq!(check_declaration("xmlns", &t("urn:x")), Err(ErrorKind::ReservedNamespace));
        assert_eq!(check_declaration("p", &t(XMLNS_URI)), Err(ErrorKind::ReservedNamespace));
        assert_eq!(check_declaration("", &t(XML_URI)), Err(ErrorKind::ReservedNamespace));
        assert_eq!(check_declaration("p", &t("")), Err(ErrorKind::ReservedNamespace));
        assert_eq!(check_declaration("", &t("")), Ok(true));
        assert_eq!(check_declaration("p", &t("urn:x")), Ok(true));
    }
}
