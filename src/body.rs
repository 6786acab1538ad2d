//! What a body is, told from its root element: [`kind`], for a client that does not know in
//! advance what it was sent (a 403 may or may not carry a `DAV:error`; a 207 is a
//! multistatus; a LOCK answers with a `DAV:prop`; a server may send an HTML error page), or a
//! server that dispatches a request body.
//!
//! [`kind`] reads the prolog and the root's start tag, not the rest: the body's XML
//! declaration, comments and processing instructions before the root, and the root's start
//! tag with its namespace declarations, checked as the readers check them (the same errors,
//! at the same offsets). It then names the kind by the root's expanded name. The rest of the
//! body is not read: a kind is no promise that the body is valid; the reader of that kind
//! checks it whole ([`crate::Parser`], [`crate::dav_error::ErrorBody`],
//! [`crate::lock_answer::LockAnswer`], [`crate::document::Document`]).
//!
//! An HTML page is named as such, [`ErrorKind::HtmlPage`], rather than by the XML error it
//! would first give (a `<!DOCTYPE html>` is a refused DTD, `<!doctype html>` malformed
//! markup, `<br>` an unclosed element): when the first markup after the XML declaration,
//! comments and processing instructions is `<!DOCTYPE html` or an `<html` start tag (both
//! in any case), or the root is an `html` element (any case) in no namespace or the XHTML
//! one.
//!
//! ```
//! use multistatus::ErrorKind;
//! use multistatus::body::{BodyKind, kind};
//!
//! assert_eq!(kind(br#"<d:multistatus xmlns:d="DAV:"><d:response>"#)?, BodyKind::Multistatus);
//! assert_eq!(kind(br#"<error xmlns="DAV:"><valid-sync-token/></error>"#)?, BodyKind::Error);
//! let page = b"<!DOCTYPE html>\n<html><body><h1>403 Forbidden</h1></body></html>";
//! assert_eq!(kind(page).unwrap_err().kind(), ErrorKind::HtmlPage);
//! # Ok::<(), multistatus::Error>(())
//! ```

use crate::error::{Error, ErrorKind};
use crate::multistatus::{Options, valid_prefix};
use crate::names::Name;
use crate::props::{CALDAV, CARDDAV};
use crate::reader::{RawEvent, XmlReader};
use crate::text::is_xml_space_byte;

/// The XHTML namespace: an `html` root in it is an HTML page.
pub const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// How many bytes [`kind`] reads first: a root start tag that ends within them is read
/// without looking at the rest of the body (not even its UTF-8); otherwise the whole body is
/// given to the reader, which stops after the root's start tag.
pub const HEAD: usize = 4096;

/// What a body is, by its root element's expanded name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BodyKind<'a> {
    /// `DAV:multistatus`: a 207 answer ([`crate::Parser`], [`crate::responses`]).
    Multistatus,
    /// `DAV:error`: a precondition or postcondition failed
    /// ([`crate::dav_error::ErrorBody`]).
    Error,
    /// `DAV:prop`: a LOCK answer ([`crate::lock_answer::LockAnswer`]).
    Prop,
    /// `DAV:propfind`: a PROPFIND request (RFC 4918 §14.20).
    Propfind,
    /// `DAV:propertyupdate`: a PROPPATCH request (RFC 4918 §14.19).
    PropertyUpdate,
    /// `DAV:lockinfo`: a LOCK request (RFC 4918 §14.11).
    LockInfo,
    /// `DAV:sync-collection`: an RFC 6578 REPORT.
    SyncCollection,
    /// CalDAV `calendar-multiget`: a REPORT (RFC 4791 §7.9).
    CalendarMultiget,
    /// CardDAV `addressbook-multiget`: a REPORT (RFC 6352 §8.7).
    AddressbookMultiget,
    /// Another REPORT this crate knows by name but does not read: CalDAV `calendar-query`,
    /// `free-busy-query`; CardDAV `addressbook-query`; `DAV:expand-property`,
    /// `acl-principal-prop-set`, `principal-match`, `principal-property-search`,
    /// `principal-search-property-set` (RFC 3253, RFC 3744).
    OtherReport(Name<'a>),
    /// Any other root, by name.
    Other(Name<'a>),
}

/// The kind of `body`, with the default capacities and options (see [`kind_with`]).
///
/// # Errors
/// As [`kind_with`].
pub fn kind(body: &[u8]) -> Result<BodyKind<'_>, Error> {
    kind_with::<32, 32, 2048>(body, Options::default())
}

/// The kind of `body`, read by a reader of these capacities and options (only
/// [`Options::unbound_dav_prefix`] applies).
///
/// # Errors
/// [`ErrorKind::HtmlPage`] for an HTML page; the first error of the prolog or the root's
/// start tag, as the readers report it ([`ErrorKind::NoRootElement`],
/// [`ErrorKind::DoctypeNotAllowed`], [`ErrorKind::InvalidUtf8`],
/// [`ErrorKind::UnboundPrefix`], ...); [`ErrorKind::InputTooLarge`] above 4 GiB.
pub fn kind_with<const D: usize, const NS: usize, const B: usize>(
    body: &[u8],
    options: Options,
) -> Result<BodyKind<'_>, Error> {
    if u32::try_from(body.len()).is_err() {
        return Err(Error::new(ErrorKind::InputTooLarge, crate::offset::MAX_LEN));
    }
    if let Some(at) = html_start(body) {
        return Err(Error::new(ErrorKind::HtmlPage, at));
    }
    // The head first: a root start tag that ends within it decides, whatever follows.
    if let Some(head) = body.get(..HEAD)
        && let Some(Ok(k)) = root_kind::<D, NS, B>(head, false, options)
    {
        return Ok(k);
    }
    root_kind::<D, NS, B>(body, true, options).unwrap_or(Err(Error::new(ErrorKind::NoRootElement, body.len())))
}

/// Reads `bytes` up to the root's start tag: its kind (`Some(Ok(_))`), the first error
/// (`Some(Err(_))`), or `None` when the reader ends without a root. Over a head of the body
/// (`is_final` false), only a kind is an answer: an error may come from the cut.
fn root_kind<const D: usize, const NS: usize, const B: usize>(
    bytes: &[u8],
    is_final: bool,
    options: Options,
) -> Option<Result<BodyKind<'_>, Error>> {
    let (input, cut) = valid_prefix(bytes, 0, is_final);
    let mut reader = XmlReader::<'_, D, NS, B>::with_cut(input, options.unbound_dav_prefix, cut);
    loop {
        match reader.next_raw()? {
            Ok(RawEvent::Start { name, start, .. }) => {
                return Some(of_root(reader.name_of(name), crate::offset::widen(start)));
            }
            Ok(_) => {}
            Err(e) => return Some(Err(e)),
        }
    }
}

/// The kind a root named `name` (at `at`) gives: an HTML page, or [`BodyKind::of`].
fn of_root(name: Name<'_>, at: usize) -> Result<BodyKind<'_>, Error> {
    let (ns, local) = (name.namespace(), name.local());
    if local.eq_ignore_ascii_case("html") && (ns.is_none() || ns.eq_uri(XHTML)) {
        return Err(Error::new(ErrorKind::HtmlPage, at));
    }
    Ok(BodyKind::of(name))
}

impl<'a> BodyKind<'a> {
    /// The kind of a body whose root has this expanded name: the one table of root names
    /// of the crate ([`kind`] and [`crate::request::parse`] both dispatch on it). An `html`
    /// root is [`BodyKind::Other`] here; [`kind`] names it an HTML page.
    pub fn of(name: Name<'a>) -> Self {
        let (ns, local) = (name.namespace(), name.local());
        if ns.is_dav() {
            match local {
                "multistatus" => BodyKind::Multistatus,
                "error" => BodyKind::Error,
                "prop" => BodyKind::Prop,
                "propfind" => BodyKind::Propfind,
                "propertyupdate" => BodyKind::PropertyUpdate,
                "lockinfo" => BodyKind::LockInfo,
                "sync-collection" => BodyKind::SyncCollection,
                "expand-property"
                | "acl-principal-prop-set"
                | "principal-match"
                | "principal-property-search"
                | "principal-search-property-set" => BodyKind::OtherReport(name),
                _ => BodyKind::Other(name),
            }
        } else if ns.eq_uri(CALDAV) {
            match local {
                "calendar-multiget" => BodyKind::CalendarMultiget,
                "calendar-query" | "free-busy-query" => BodyKind::OtherReport(name),
                _ => BodyKind::Other(name),
            }
        } else if ns.eq_uri(CARDDAV) {
            match local {
                "addressbook-multiget" => BodyKind::AddressbookMultiget,
                "addressbook-query" => BodyKind::OtherReport(name),
                _ => BodyKind::Other(name),
            }
        } else {
            BodyKind::Other(name)
        }
    }

    /// Whether this is a request body [`crate::request`] reads (PROPFIND, PROPPATCH, LOCK,
    /// sync-collection, the multigets).
    pub fn is_request(&self) -> bool {
        matches!(
            self,
            BodyKind::Propfind
                | BodyKind::PropertyUpdate
                | BodyKind::LockInfo
                | BodyKind::SyncCollection
                | BodyKind::CalendarMultiget
                | BodyKind::AddressbookMultiget
        )
    }
}

/// Where an HTML page's first markup is (`<!DOCTYPE html` or `<html`, any case), after a
/// BOM, white space, an XML declaration, comments and processing instructions; `None` when
/// the first markup is anything else. Reads the prolog only (each skip past the end of what
/// it skips: linear).
pub(crate) fn html_start(body: &[u8]) -> Option<usize> {
    let mut at = if body.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    loop {
        at = skip_blank(body, at);
        let rest = body.get(at..)?;
        // The end is looked for after the opening: `<!-->` does not close itself.
        let (opening, close): (usize, &[u8]) = if rest.starts_with(b"<?") {
            (2, b"?>")
        } else if rest.starts_with(b"<!--") {
            (4, b"-->")
        } else {
            break;
        };
        let from = at.saturating_add(opening);
        let found = crate::scan::find_marker(body.get(from..)?, close)?;
        at = from.saturating_add(found).saturating_add(close.len());
    }
    let rest = body.get(at..)?;
    let tail = if starts_with_ignore_case(rest, b"<!doctype") {
        let name = skip_blank(rest, 9);
        (name > 9).then_some(())?;
        rest.get(name..).filter(|r| starts_with_ignore_case(r, b"html"))?.get(4..)
    } else if starts_with_ignore_case(rest, b"<html") {
        rest.get(5..)
    } else {
        None
    }?;
    // The name ends there (`<htmlx>` is another element).
    match tail.first() {
        None | Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/' | b'[') => Some(at),
        Some(_) => None,
    }
}

fn skip_blank(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|&b| is_xml_space_byte(b)) {
        at = at.saturating_add(1);
    }
    at
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.get(..prefix.len()).is_some_and(|b| b.eq_ignore_ascii_case(prefix))
}
