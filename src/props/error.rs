//! The properties this module reads, and its error: which property, what is wrong, where.

use core::fmt;

use crate::error::{Error, ErrorKind};
use crate::names::{DAV, Name};

/// The CalDAV namespace URI (RFC 4791).
pub const CALDAV: &str = "urn:ietf:params:xml:ns:caldav";
/// The CardDAV namespace URI (RFC 6352).
pub const CARDDAV: &str = "urn:ietf:params:xml:ns:carddav";
/// The CalendarServer namespace URI (`getctag`).
pub const CALENDARSERVER: &str = "http://calendarserver.org/ns/";

/// A live property this module reads: its namespace and local name, and the property an
/// accessor's [`PropError`] names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Property {
    /// `DAV:creationdate` (RFC 4918 §15.1).
    CreationDate,
    /// `DAV:displayname` (RFC 4918 §15.2).
    DisplayName,
    /// `DAV:getcontentlanguage` (RFC 4918 §15.3).
    GetContentLanguage,
    /// `DAV:getcontentlength` (RFC 4918 §15.4).
    GetContentLength,
    /// `DAV:getcontenttype` (RFC 4918 §15.5).
    GetContentType,
    /// `DAV:getetag` (RFC 4918 §15.6).
    GetEtag,
    /// `DAV:getlastmodified` (RFC 4918 §15.7).
    GetLastModified,
    /// `DAV:lockdiscovery` (RFC 4918 §15.8).
    LockDiscovery,
    /// `DAV:resourcetype` (RFC 4918 §15.9).
    ResourceType,
    /// `DAV:supportedlock` (RFC 4918 §15.10).
    SupportedLock,
    /// `DAV:current-user-principal` (RFC 5397).
    CurrentUserPrincipal,
    /// `DAV:current-user-privilege-set` (RFC 3744 §5.4).
    CurrentUserPrivilegeSet,
    /// `DAV:quota-available-bytes` (RFC 4331).
    QuotaAvailableBytes,
    /// `DAV:quota-used-bytes` (RFC 4331).
    QuotaUsedBytes,
    /// `DAV:sync-token` as a property (RFC 6578 §4).
    SyncToken,
    /// `CALDAV:calendar-home-set` (RFC 4791 §6.2.1).
    CalendarHomeSet,
    /// `CARDDAV:addressbook-home-set` (RFC 6352 §7.1.1).
    AddressbookHomeSet,
    /// `CALDAV:supported-calendar-component-set` (RFC 4791 §5.2.3).
    SupportedCalendarComponentSet,
    /// CalendarServer's `getctag` (`http://calendarserver.org/ns/`).
    GetCtag,
}

impl Property {
    /// Every property this module reads.
    pub const ALL: [Property; 19] = [
        Property::CreationDate,
        Property::DisplayName,
        Property::GetContentLanguage,
        Property::GetContentLength,
        Property::GetContentType,
        Property::GetEtag,
        Property::GetLastModified,
        Property::LockDiscovery,
        Property::ResourceType,
        Property::SupportedLock,
        Property::CurrentUserPrincipal,
        Property::CurrentUserPrivilegeSet,
        Property::QuotaAvailableBytes,
        Property::QuotaUsedBytes,
        Property::SyncToken,
        Property::CalendarHomeSet,
        Property::AddressbookHomeSet,
        Property::SupportedCalendarComponentSet,
        Property::GetCtag,
    ];

    /// The namespace URI.
    pub const fn namespace(self) -> &'static str {
        match self {
            Property::CalendarHomeSet | Property::SupportedCalendarComponentSet => CALDAV,
            Property::AddressbookHomeSet => CARDDAV,
            Property::GetCtag => CALENDARSERVER,
            _ => DAV,
        }
    }

    /// The local name.
    pub const fn local(self) -> &'static str {
        match self {
            Property::CreationDate => "creationdate",
            Property::DisplayName => "displayname",
            Property::GetContentLanguage => "getcontentlanguage",
            Property::GetContentLength => "getcontentlength",
            Property::GetContentType => "getcontenttype",
            Property::GetEtag => "getetag",
            Property::GetLastModified => "getlastmodified",
            Property::LockDiscovery => "lockdiscovery",
            Property::ResourceType => "resourcetype",
            Property::SupportedLock => "supportedlock",
            Property::CurrentUserPrincipal => "current-user-principal",
            Property::CurrentUserPrivilegeSet => "current-user-privilege-set",
            Property::QuotaAvailableBytes => "quota-available-bytes",
            Property::QuotaUsedBytes => "quota-used-bytes",
            Property::SyncToken => "sync-token",
            Property::CalendarHomeSet => "calendar-home-set",
            Property::AddressbookHomeSet => "addressbook-home-set",
            Property::SupportedCalendarComponentSet => "supported-calendar-component-set",
            Property::GetCtag => "getctag",
        }
    }

    /// Whether `name` is this property's (namespace and local name).
    pub fn matches(self, name: &Name<'_>) -> bool {
        name.is(self.namespace(), self.local())
    }

    /// The property named `name`, if this module reads it.
    pub fn of(name: &Name<'_>) -> Option<Property> {
        Property::ALL.into_iter().find(|p| p.matches(name))
    }
}

/// What is wrong with a property's value. `#[non_exhaustive]`: new kinds may come in minor
/// releases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PropErrorKind {
    /// The element is not the property the accessor reads (offset: the element).
    WrongProperty,
    /// No value: the text is empty or white space (offset: where the text starts). A
    /// `propname` answer lists every property this way.
    Empty,
    /// A child element where the value is text (offset: the child).
    UnexpectedElement,
    /// Text that is not white space where only elements may stand (offset: its first
    /// character that is not white space).
    UnexpectedText,
    /// A required child element is missing (offset: the element that lacks it).
    MissingElement,
    /// A child element that may stand once stands twice (offset: the second).
    DuplicateElement,
    /// A required attribute is missing (offset: the element that lacks it).
    MissingAttribute,
    /// A character that the value's syntax does not allow where it stands (offset: the
    /// character; for a reference, its `&`).
    InvalidChar,
    /// The value ends before its syntax does (an unterminated quoted string, `text/`):
    /// offset just past the value's last character.
    UnexpectedEnd,
    /// A number too large for its type (offset: its first digit).
    Overflow,
    /// A number with a minus sign (offset: the `-`). Nextcloud and ownCloud send
    /// `quota-available-bytes` -1 (not computed), -2 (unknown) and -3 (unlimited).
    Negative,
    /// A value outside the closed set the property allows (a `lockscope` other than
    /// `exclusive` or `shared`, a `depth` other than 0, 1 or infinity, a `timeout` other than
    /// `Second-n` or `Infinite`); offset: the value.
    UnknownValue,
    /// A part of the value that is handed out as a slice of the body (an ETag's opaque tag,
    /// a media type's token) starts or ends inside a CDATA section and holds `&`, `<` or a
    /// CR, or spans the section's end: no slice of the body reads as that part (offset: the
    /// part).
    SplitMarkup,
    /// Reading the element's children again failed (a capacity, such as `NamespaceLimit`).
    Xml(ErrorKind),
    /// A date that is not of its form (`getlastmodified`: an HTTP date; `creationdate`:
    /// RFC 3339); offset: where the date parser stopped, in the body.
    InvalidDate(crate::date::DateErrorKind),
}

impl PropErrorKind {
    /// A short description (for `Display`).
    pub const fn as_str(self) -> &'static str {
        match self {
            PropErrorKind::WrongProperty => "not this property",
            PropErrorKind::Empty => "empty value",
            PropErrorKind::UnexpectedElement => "element where text was expected",
            PropErrorKind::UnexpectedText => "text where only elements may stand",
            PropErrorKind::MissingElement => "missing required element",
            PropErrorKind::DuplicateElement => "element given twice",
            PropErrorKind::MissingAttribute => "missing required attribute",
            PropErrorKind::InvalidChar => "character not allowed here",
            PropErrorKind::UnexpectedEnd => "value ends too early",
            PropErrorKind::Overflow => "number too large",
            PropErrorKind::Negative => "negative number",
            PropErrorKind::UnknownValue => "unknown value",
            PropErrorKind::SplitMarkup => "part of the value cut inside a CDATA section",
            PropErrorKind::Xml(k) => k.as_str(),
            PropErrorKind::InvalidDate(k) => k.as_str(),
        }
    }
}

/// A malformed property value: the property, what is wrong, and the byte offset in the body.
/// 8 bytes, `Copy`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "small", repr(C))]
pub struct PropError {
    property: Property,
    kind: PropErrorKind,
    /// With `small`: always 0, no padding (see [`crate::Error`]'s). Never read.
    #[cfg(feature = "small")]
    zero: u8,
    offset: u32,
}

impl core::fmt::Debug for PropError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PropError")
            .field("property", &self.property)
            .field("kind", &self.kind)
            .field("offset", &self.offset)
            .finish()
    }
}

impl PropError {
    /// An error of `kind` in `property` at byte `offset` (saturated to `u32::MAX`).
    #[cfg_attr(feature = "small", inline(never))]
    pub fn new(property: Property, kind: PropErrorKind, offset: usize) -> Self {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        #[cfg(not(feature = "small"))]
        return PropError { property, kind, offset };
        #[cfg(feature = "small")]
        return PropError { property, kind, zero: 0, offset };
    }

    /// An error of the body, met while reading `property` again.
    pub(crate) fn xml(property: Property, e: Error) -> Self {
        PropError::new(property, PropErrorKind::Xml(e.kind()), e.offset())
    }

    /// The property whose value is malformed.
    pub fn property(&self) -> Property {
        self.property
    }

    /// What is wrong.
    pub fn kind(&self) -> PropErrorKind {
        self.kind
    }

    /// Byte offset in the body.
    pub fn offset(&self) -> usize {
        crate::offset::widen(self.offset)
    }
}

impl fmt::Display for PropError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} (byte {})", self.property.local(), self.kind.as_str(), self.offset)
    }
}

impl core::error::Error for PropError {}
