//! Live properties as a client reads them (RFC 4918 §15 and extensions), typed, without
//! allocation: a function per property, `props::name(&element) -> Result<Value, PropError>`.
//!
//! Each function takes the property's [`Element`] (from [`Response::property`], a
//! [`PropStat`]'s properties or an [`Event::Property`]) and returns its value, or a
//! [`PropError`] naming the property, what is wrong and the byte offset in the body. A
//! function given an element that is not its property says so
//! ([`PropErrorKind::WrongProperty`]); a malformed value is an error, never a default. Values
//! are read by their XML value (references, CDATA, comments), and every text handed out is a
//! slice of the body ([`Text`]): an ETag's opaque tag between `&quot;` references too.
//!
//! | property | function | value |
//! |---|---|---|
//! | `DAV:creationdate` | [`creation_date`] ([`creation_date_text`]) | [`DateTime`] (RFC 3339) (its trimmed [`Text`]) |
//! | `DAV:displayname` | [`display_name`] | [`Text`], exact |
//! | `DAV:getcontentlanguage` | [`content_language`] | trimmed [`Text`], a well-formed language tag |
//! | `DAV:getcontentlength` | [`content_length`] | `u64` |
//! | `DAV:getcontenttype` | [`content_type`] | [`MediaType`] |
//! | `DAV:getetag` | [`etag`] | [`ETag`] |
//! | `DAV:getlastmodified` | [`last_modified`] ([`last_modified_text`]) | [`HttpDate`] (RFC 9110's three forms) (its trimmed [`Text`]) |
//! | `DAV:lockdiscovery` | [`lock_discovery`] | [`ActiveLocks`] |
//! | `DAV:resourcetype` | [`resource_type`] | [`ResourceType`] |
//! | `DAV:supportedlock` | [`supported_lock`] | [`LockEntries`] |
//! | `DAV:current-user-principal` (RFC 5397) | [`current_user_principal`] | [`Principal`] |
//! | `DAV:current-user-privilege-set` (RFC 3744) | [`current_user_privilege_set`] | [`Privileges`] |
//! | `DAV:quota-available-bytes` (RFC 4331) | [`quota_available_bytes`] | `u64` |
//! | `DAV:quota-used-bytes` (RFC 4331) | [`quota_used_bytes`] | `u64` |
//! | `DAV:sync-token` (RFC 6578) | [`sync_token`] | trimmed [`Text`] |
//! | CalDAV `calendar-home-set` | [`calendar_home_set`] | [`Hrefs`] |
//! | CardDAV `addressbook-home-set` | [`addressbook_home_set`] | [`Hrefs`] |
//! | CalDAV `supported-calendar-component-set` | [`supported_calendar_component_set`] | [`Components`] |
//! | CalendarServer `getctag` | [`ctag`] | trimmed [`Text`] |
//!
//! Values made of elements are read whole and checked when the function is called; the
//! iterators it returns ([`Hrefs`], [`ActiveLocks`]...) read the same elements again and
//! yield plain items. Nothing is copied and nothing allocated: an iterator holds one or two
//! element readers (the capacities `D`, `NS`, `B` of the parser that made the element).
//!
//! A PROPFIND `Depth: 1` listing:
//!
//! ```
//! use multistatus::{DAV, props, responses};
//!
//! let body = br#"<?xml version="1.0" encoding="utf-8"?>
//! <d:multistatus xmlns:d="DAV:">
//!   <d:response><d:href>/files/</d:href>
//!     <d:propstat><d:prop>
//!       <d:resourcetype><d:collection/></d:resourcetype>
//!       <d:getetag>&quot;5f3a-1&quot;</d:getetag>
//!     </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
//!     <d:propstat><d:prop><d:getcontentlength/></d:prop>
//!       <d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
//!   </d:response>
//!   <d:response><d:href>/files/notes.txt</d:href>
//!     <d:propstat><d:prop>
//!       <d:resourcetype/>
//!       <d:getetag>W/"77-2"</d:getetag>
//!       <d:getcontentlength>1024</d:getcontentlength>
//!       <d:getcontenttype>text/plain; charset="utf-8"</d:getcontenttype>
//!     </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
//!   </d:response>
//! </d:multistatus>"#;
//!
//! let mut listing = Vec::new();
//! for r in responses(body)? {
//!     let r = r?;
//!     let Some(href) = r.href() else { continue };
//!     let is_dir = match r.property(DAV, "resourcetype")? {
//!         Some(e) => props::resource_type(&e)?.is_collection(),
//!         None => false,
//!     };
//!     let etag = r.property(DAV, "getetag")?.map(|e| props::etag(&e)).transpose()?;
//!     let size = match r.property(DAV, "getcontentlength")? {
//!         Some(e) => Some(props::content_length(&e)?),
//!         // Not given: the status says whether the server has no such property (404).
//!         None => {
//!             assert!(r.property_status(DAV, "getcontentlength")?.is_none_or(|s| s.code() == 404));
//!             None
//!         }
//!     };
//!     if let Some(ct) = r.property(DAV, "getcontenttype")? {
//!         let ct = props::content_type(&ct)?;
//!         assert!(ct.is("text", "plain"));
//!         assert!(ct.parameter("charset").unwrap().value_eq_ignore_ascii_case("UTF-8"));
//!     }
//!     // The opaque tag is a slice of the body, between the `&quot;` references.
//!     let tag = etag.map(|t| (t.weak, t.tag.raw(), t.to_string()));
//!     listing.push((href.raw(), is_dir, size, tag));
//! }
//! assert_eq!(listing, [
//!     ("/files/", true, None, Some((false, "5f3a-1", "\"5f3a-1\"".to_string()))),
//!     ("/files/notes.txt", false, Some(1024), Some((true, "77-2", "W/\"77-2\"".to_string()))),
//! ]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The dates are read by the crate's [`HttpDate`] and [`DateTime`] (no allocation): the
//! `examples/listing.rs` client prints `getlastmodified` as Unix seconds.
//!
//! [`Element`]: crate::Element
//! [`Response::property`]: crate::Response::property
//! [`PropStat`]: crate::PropStat
//! [`Event::Property`]: crate::Event::Property
//! [`Text`]: crate::Text

mod chars;
mod error;
mod tree;
mod value;

pub use error::{CALDAV, CALENDARSERVER, CARDDAV, PropError, PropErrorKind, Property};
pub use tree::{
    ActiveLock, ActiveLocks, Components, Hrefs, LockEntries, LockEntry, LockScope, LockType, Names, Principal,
    Privileges, ResourceType,
};
pub use value::{Depth, ETag, MediaType, Parameter, Parameters, Timeout};

use crate::date::{DateError, DateTime, HttpDate};
use crate::element::Element;
use crate::offset::plus;
use crate::text::Text;
use chars::{Ch, RawChars};
use tree::{check, nonempty_text, text_of};

/// The text of `e`, property `p` (checked), exact.
fn text<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
    p: Property,
) -> Result<Text<'a>, PropError> {
    check(e, p)?;
    text_of(e, p)
}

/// The trimmed, non-empty text of `e`, property `p` (checked).
fn trimmed<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
    p: Property,
) -> Result<Text<'a>, PropError> {
    check(e, p)?;
    nonempty_text(e, p)
}

/// `DAV:displayname`: the text, exact (not trimmed; may be empty).
///
/// # Errors
/// [`PropErrorKind::WrongProperty`], [`PropErrorKind::UnexpectedElement`].
pub fn display_name<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<Text<'a>, PropError> {
    text(e, Property::DisplayName)
}

/// `DAV:getcontentlanguage`: a language tag, trimmed. Checked for the well-formed shape
/// `1*8ALPHA *("-" 1*8alphanum)` (RFC 5646's tags all have it), not against the registry.
///
/// # Errors
/// [`PropErrorKind::Empty`], [`PropErrorKind::InvalidChar`], [`PropErrorKind::UnexpectedEnd`]
/// (`en-`), and as [`display_name`].
pub fn content_language<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<Text<'a>, PropError> {
    let p = Property::GetContentLanguage;
    value::parse_language(text(e, p)?, p)
}

/// `DAV:getcontentlength`: decimal digits, white space around them.
///
/// # Errors
/// [`PropErrorKind::Empty`], [`PropErrorKind::InvalidChar`] (a sign, a point, a second
/// number...), [`PropErrorKind::Negative`], [`PropErrorKind::Overflow`] (more than
/// `u64::MAX`), and as [`display_name`].
pub fn content_length<const D: usize, const NS: usize, const B: usize>(
    e: &Element<'_, D, NS, B>,
) -> Result<u64, PropError> {
    let p = Property::GetContentLength;
    value::parse_u64(text(e, p)?, p)
}

/// `DAV:getcontenttype`: a media type (RFC 9110 §8.3.1), white space around it and around
/// each `;` (XML white space: a line end too).
///
/// # Errors
/// [`PropErrorKind::Empty`], [`PropErrorKind::InvalidChar`] (white space inside a token or
/// around `/` or `=`, a character no token allows), [`PropErrorKind::UnexpectedEnd`]
/// (`text/`, an unterminated quoted string), [`PropErrorKind::SplitMarkup`], and as
/// [`display_name`].
pub fn content_type<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<MediaType<'a>, PropError> {
    let p = Property::GetContentType;
    value::parse_media_type(text(e, p)?, p)
}

/// `DAV:getetag`: an entity tag, `"tag"` or `W/"tag"`, white space around it. The quotes may
/// be written `"`, `&quot;`, `&#34;` or `&#x22;`. A value without quotes is read whole as
/// the tag and flagged ([`ETag::unquoted`]), a quirk some servers have.
///
/// # Errors
/// [`PropErrorKind::Empty`], [`PropErrorKind::InvalidChar`] (white space or a quote in the
/// tag, anything after the closing quote), [`PropErrorKind::UnexpectedEnd`] (no closing
/// quote), [`PropErrorKind::SplitMarkup`], and as [`display_name`].
pub fn etag<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<ETag<'a>, PropError> {
    let p = Property::GetEtag;
    value::parse_etag(text(e, p)?, p)
}

/// `DAV:getlastmodified`, trimmed: an HTTP date (RFC 9110 §5.6.7) as sent, for a date parser.
///
/// # Errors
/// [`PropErrorKind::Empty`], and as [`display_name`].
pub fn last_modified_text<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<Text<'a>, PropError> {
    trimmed(e, Property::GetLastModified)
}

/// `DAV:creationdate`, trimmed: an RFC 3339 date-time as sent, for a date parser.
///
/// # Errors
/// [`PropErrorKind::Empty`], and as [`display_name`].
pub fn creation_date_text<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<Text<'a>, PropError> {
    trimmed(e, Property::CreationDate)
}

/// `DAV:getlastmodified` read as an HTTP date (any of RFC 9110's three forms; see
/// [`HttpDate`]).
///
/// # Errors
/// [`PropErrorKind::InvalidDate`] at the place in the body where the date went wrong, and
/// as [`last_modified_text`].
pub fn last_modified<const D: usize, const NS: usize, const B: usize>(
    e: &Element<'_, D, NS, B>,
) -> Result<HttpDate, PropError> {
    read_date(last_modified_text(e)?, Property::GetLastModified, HttpDate::parse)
}

/// `DAV:creationdate` read as an RFC 3339 date-time (see [`DateTime`]).
///
/// # Errors
/// [`PropErrorKind::InvalidDate`] at the place in the body where the date went wrong, and
/// as [`creation_date_text`].
pub fn creation_date<const D: usize, const NS: usize, const B: usize>(
    e: &Element<'_, D, NS, B>,
) -> Result<DateTime, PropError> {
    read_date(creation_date_text(e)?, Property::CreationDate, DateTime::parse)
}

/// A date property's value through `parse`: in place when the text is plain; else its
/// characters ([`DateChars`]) copied into a small buffer, and an error put back at its
/// character in the body ([`date_char_at`]).
fn read_date<T>(t: Text<'_>, p: Property, parse: fn(&str) -> Result<T, DateError>) -> Result<T, PropError> {
    let err = |e: DateError, at: usize| PropError::new(p, PropErrorKind::InvalidDate(e.kind()), plus!(t.offset(), at));
    if let Some(s) = t.as_plain() {
        return parse(s).map_err(|e| err(e, e.offset()));
    }
    let mut buf = [0u8; DATE_ROOM];
    let mut len = 0usize;
    for ch in DateChars::new(t.raw()) {
        let end = plus!(len, ch.c.len_utf8());
        // Full: the value is no date, and its first error is in what fits.
        let Some(slot) = buf.get_mut(len..end) else { break };
        slot.copy_from_slice(ch.c.encode_utf8(&mut [0u8; 4]).as_bytes());
        len = end;
    }
    // Whole characters were copied: this is never the empty fallback.
    let s = buf.get(..len).and_then(|b| core::str::from_utf8(b).ok()).unwrap_or("");
    parse(s).map_err(|e| err(e, date_char_at(t.raw(), e.offset())))
}

/// Room for the characters of a date value written with markup: more than any date's, runs
/// shortened ([`DateChars`]: a date and white space around it fit in 62 bytes). A value
/// longer than that is no date, and the date parsers, reading left to right, find its first
/// error in the part that fits.
const DATE_ROOM: usize = 96;

/// The longest run of ASCII digits or of XML white space that [`DateChars`] keeps.
const DATE_RUN: usize = 12;

/// The characters of a date value written with markup (references, CDATA, comments, as
/// [`RawChars`] reads them, each with its place in the raw text), as the date parsers read
/// them: a run of more than [`DATE_RUN`] ASCII digits, or of XML white space, keeps its first
/// [`DATE_RUN`]. No date reads differently so: a field has at most four digits and a longer
/// run is an error at its fifth at the latest, and a fraction keeps its first nine digits (the
/// others are read and dropped); white space inside a date is a separator or two, a longer
/// run an error at its third at the latest, and around the date it is trimmed. Line ends are
/// not normalised: the date parsers read CR and LF alike (both are white space, trimmed
/// around a date, refused inside it). So a fraction of any length, or any white space around
/// a date, fits in [`DATE_ROOM`].
#[derive(Clone, Debug)]
struct DateChars<'a> {
    chars: RawChars<'a>,
    /// The class of the last character (0: other, 1: digit, 2: white space) and how many of
    /// that class came in a row up to it.
    class: u8,
    run: usize,
}

impl<'a> DateChars<'a> {
    fn new(raw: &'a str) -> Self {
        DateChars { chars: RawChars::new(raw), class: 0, run: 0 }
    }
}

impl Iterator for DateChars<'_> {
    type Item = Ch;
    fn next(&mut self) -> Option<Ch> {
        loop {
            let ch = self.chars.next()?;
            let class = if ch.c.is_ascii_digit() {
                1
            } else if ch.is_space() {
                2
            } else {
                0
            };
            self.run = if class == self.class { plus!(self.run, 1) } else { 1 };
            self.class = class;
            if class == 0 || self.run <= DATE_RUN {
                return Some(ch);
            }
        }
    }
}

/// Where byte `k` of the date that [`DateChars`] reads from `raw` stands in `raw`: the start
/// of its character; past the last character for the end (a date cut short).
fn date_char_at(raw: &str, k: usize) -> usize {
    let (mut len, mut last_end) = (0usize, 0usize);
    for ch in DateChars::new(raw) {
        len = plus!(len, ch.c.len_utf8());
        if len > k {
            return ch.start;
        }
        last_end = ch.end;
    }
    last_end
}

/// `DAV:resourcetype`: the resource's types (empty for a plain resource).
///
/// # Errors
/// [`PropErrorKind::UnexpectedText`], [`PropErrorKind::WrongProperty`],
/// [`PropErrorKind::Xml`].
pub fn resource_type<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<ResourceType<'a, D, NS, B>, PropError> {
    tree::resource_type(e)
}

/// `DAV:lockdiscovery`: the active locks (none when empty), each checked.
///
/// # Errors
/// [`PropErrorKind::MissingElement`] (an `activelock` without `lockscope`, `locktype` or
/// `depth`; a `locktoken` or `lockroot` without `href`), [`PropErrorKind::DuplicateElement`],
/// [`PropErrorKind::UnknownValue`] (a scope, depth or timeout outside the allowed ones), the
/// errors of numbers for a timeout (`Second-n`), [`PropErrorKind::UnexpectedText`],
/// [`PropErrorKind::UnexpectedElement`], [`PropErrorKind::WrongProperty`],
/// [`PropErrorKind::Xml`].
pub fn lock_discovery<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<ActiveLocks<'a, D, NS, B>, PropError> {
    tree::lock_discovery(e)
}

/// `DAV:supportedlock`: the lock entries (scope and type) the resource supports.
///
/// # Errors
/// [`PropErrorKind::MissingElement`], [`PropErrorKind::DuplicateElement`],
/// [`PropErrorKind::UnknownValue`] (a scope), [`PropErrorKind::UnexpectedText`],
/// [`PropErrorKind::WrongProperty`], [`PropErrorKind::Xml`].
pub fn supported_lock<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<LockEntries<'a, D, NS, B>, PropError> {
    tree::supported_lock(e)
}

/// `DAV:current-user-principal` (RFC 5397): an href or `unauthenticated`.
///
/// # Errors
/// [`PropErrorKind::MissingElement`] (neither), [`PropErrorKind::DuplicateElement`] (two),
/// [`PropErrorKind::UnexpectedText`], [`PropErrorKind::UnexpectedElement`] (in the href),
/// [`PropErrorKind::WrongProperty`], [`PropErrorKind::Xml`].
pub fn current_user_principal<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<Principal<'a>, PropError> {
    tree::current_user_principal(e)
}

/// `DAV:current-user-privilege-set` (RFC 3744 §5.4): the privileges' names.
///
/// # Errors
/// [`PropErrorKind::MissingElement`] (a `privilege` naming none),
/// [`PropErrorKind::UnexpectedText`], [`PropErrorKind::WrongProperty`], [`PropErrorKind::Xml`].
pub fn current_user_privilege_set<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<Privileges<'a, D, NS, B>, PropError> {
    tree::current_user_privilege_set(e)
}

/// `DAV:quota-available-bytes` (RFC 4331 §3), as [`content_length`]. Nextcloud and ownCloud
/// send negative values (-3: unlimited): [`PropErrorKind::Negative`].
///
/// # Errors
/// As [`content_length`].
pub fn quota_available_bytes<const D: usize, const NS: usize, const B: usize>(
    e: &Element<'_, D, NS, B>,
) -> Result<u64, PropError> {
    let p = Property::QuotaAvailableBytes;
    value::parse_u64(text(e, p)?, p)
}

/// `DAV:quota-used-bytes` (RFC 4331 §4), as [`content_length`].
///
/// # Errors
/// As [`content_length`].
pub fn quota_used_bytes<const D: usize, const NS: usize, const B: usize>(
    e: &Element<'_, D, NS, B>,
) -> Result<u64, PropError> {
    let p = Property::QuotaUsedBytes;
    value::parse_u64(text(e, p)?, p)
}

/// `DAV:sync-token` as a property (RFC 6578 §4), trimmed.
///
/// # Errors
/// [`PropErrorKind::Empty`], and as [`display_name`].
pub fn sync_token<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<Text<'a>, PropError> {
    trimmed(e, Property::SyncToken)
}

/// CalDAV `calendar-home-set` (RFC 4791 §6.2.1): the hrefs.
///
/// # Errors
/// [`PropErrorKind::UnexpectedText`], [`PropErrorKind::UnexpectedElement`] (in an href),
/// [`PropErrorKind::WrongProperty`], [`PropErrorKind::Xml`].
pub fn calendar_home_set<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<Hrefs<'a, D, NS, B>, PropError> {
    tree::href_set(e, Property::CalendarHomeSet)
}

/// CardDAV `addressbook-home-set` (RFC 6352 §7.1.1): the hrefs.
///
/// # Errors
/// As [`calendar_home_set`].
pub fn addressbook_home_set<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<Hrefs<'a, D, NS, B>, PropError> {
    tree::href_set(e, Property::AddressbookHomeSet)
}

/// CalDAV `supported-calendar-component-set` (RFC 4791 §5.2.3): the components' names.
///
/// # Errors
/// [`PropErrorKind::MissingAttribute`] (a `comp` without `name`),
/// [`PropErrorKind::UnexpectedText`], [`PropErrorKind::WrongProperty`], [`PropErrorKind::Xml`].
pub fn supported_calendar_component_set<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<Components<'a, D, NS, B>, PropError> {
    tree::supported_calendar_component_set(e)
}

/// CalendarServer `getctag`: an opaque token, trimmed (some servers quote it; the quotes are
/// part of it).
///
/// # Errors
/// [`PropErrorKind::Empty`], and as [`display_name`].
pub fn ctag<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<Text<'a>, PropError> {
    trimmed(e, Property::GetCtag)
}
