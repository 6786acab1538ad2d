//! [`SyncSorter`]: a `sync-collection` answer sorted from its events, for a client that reads
//! it through a window ([`crate::WindowParser`], `parse_from`), in pieces mode too. What it
//! needs of a response outlives the window it was read in: the first href, the `getetag` of
//! the first 2xx propstat, the statuses; it copies them into arrays of its own, whose sizes
//! are its type's parameters.

use core::fmt::{self, Write as _};

use crate::error::{Error, ErrorKind};
use crate::href::same_resource;
use crate::multistatus::Event;
use crate::names::Name;
use crate::pieces::{Piece, UnitKind};
use crate::text::{Text, trimmed_span};

/// What [`SyncSorter`] says of one response: the cases of [`super::SyncKind`], by the same
/// tests in the same order ([`super::classify`]), with the values copied into the sorter
/// (unescaped: an href's or an ETag's value, not its raw XML).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Sorted<'s> {
    /// A member that is new or changed (a 2xx propstat), with the `getetag` value of its
    /// first 2xx propstat that holds one, trimmed, quotes kept (`None`: no 2xx propstat holds
    /// one, or it holds elements).
    Changed {
        /// The first href's value.
        href: &'s str,
        /// The entity tag.
        etag: Option<&'s str>,
    },
    /// A removed member: the status form with `404`.
    Removed {
        /// The first href's value.
        href: &'s str,
    },
    /// The truncation marker: the status form with `507`.
    Truncated {
        /// The first href's value.
        href: &'s str,
        /// Whether its `error` holds `DAV:number-of-matches-within-limits`.
        within_limits: bool,
    },
    /// The collection itself (the href names the URL given to
    /// [`SyncSorter::with_collection`]).
    Collection {
        /// The first href's value.
        href: &'s str,
    },
    /// Any other response.
    Other {
        /// The first href's value, if any.
        href: Option<&'s str>,
        /// The response-level status code, if any.
        status: Option<u16>,
    },
}

/// An array of `N` bytes filled with a value's UTF-8, as a `fmt::Write` (each value written
/// is a `str` or a `char`: the bytes stay UTF-8).
#[derive(Clone, Debug)]
struct Held<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Held<N> {
    const fn new() -> Self {
        Held { bytes: [0; N], len: 0 }
    }

    fn as_str(&self) -> &str {
        core::str::from_utf8(self.bytes.get(..self.len).unwrap_or(&[])).unwrap_or("")
    }

    /// White space trimmed at both ends (XML white space: ASCII, so the bytes stay UTF-8).
    fn trim(&mut self) {
        let (start, end) = trimmed_span(self.bytes.get(..self.len).unwrap_or(&[]));
        self.bytes.copy_within(start..end, 0);
        self.len = end.saturating_sub(start);
    }

    /// `t`'s value, unescaped, in place of what was held; `BufferTooSmall` at `t` when it does
    /// not fit.
    fn set(&mut self, t: &Text<'_>) -> Result<(), Error> {
        self.len = 0;
        t.write_to(self).map_err(|_| Error::new(ErrorKind::BufferTooSmall, t.offset()))
    }
}

impl<const N: usize> fmt::Write for Held<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(fmt::Error)?;
        self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// The unit being read in pieces mode, and what the sorter takes from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    /// None, or one the sorter does not read.
    Other,
    /// The `getetag` it keeps (the first of a propstat, while no 2xx one is chosen): where its
    /// content starts (where a value too long is refused, as in a whole `getetag`), and
    /// whether its text so far did not fit. An element in it makes it hold no value, and so
    /// nothing too long: as for a whole `getetag`, the refusal waits for its end.
    Etag { at: usize, too_long: bool },
    /// The response's `error`: how deep inside it the pieces are.
    Error { depth: usize },
}

/// What the current propstat's `getetag` was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Etag {
    /// None seen in this propstat.
    Absent,
    /// Its value is held.
    Text,
    /// It holds elements: no value.
    Elements,
}

/// Sorts the responses of a `sync-collection` answer as its events come, from any parser: the
/// whole-body [`crate::Parser`], a [`crate::WindowParser`] (pieces mode too) or `parse_from`.
/// Feed it every event in order ([`SyncSorter::on_event`]); at each response's end it gives
/// what the response is ([`Sorted`]), and after the answer the new token
/// ([`SyncSorter::token`]). The same kinds as [`super::SyncCollection`] on the same body.
///
/// `HREF` bytes hold the first href's value and the token, `ETAG` bytes the ETag's (with the
/// white space around it, trimmed at its end); a value longer is
/// [`ErrorKind::BufferTooSmall`] at its start, never cut, the same whether it comes whole or
/// in pieces (in pieces mode an ETag too long is refused at its end, as a whole one is: one
/// that holds an element has no value and is never refused). 2 · `HREF` + `ETAG` + 88 bytes:
/// **1,240** at the defaults (on 64-bit targets).
///
/// ```
/// use multistatus::sync::{Sorted, SyncSorter};
/// use multistatus::{Event, WindowParser};
///
/// let body = br#"<d:multistatus xmlns:d="DAV:">
///   <d:response><d:href>/cal/a.ics</d:href><d:propstat><d:prop><d:getetag>"2"</d:getetag>
///   </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
///   <d:response><d:href>/cal/b.ics</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>
///   <d:sync-token>http://example.com/sync/9</d:sync-token></d:multistatus>"#;
/// let mut sorter: SyncSorter = SyncSorter::new();
/// let mut parser = WindowParser::new().in_pieces();
/// let mut seen = Vec::new();
/// // The whole body as one window here; a client feeds what it has read so far.
/// let mut feed = parser.feed(body, 0, true)?;
/// while let Some(event) = feed.next_event() {
///     if let Some(item) = sorter.on_event(&event?)? {
///         seen.push(format!("{item:?}"));
///     }
/// }
/// assert_eq!(seen, [
///     r#"Changed { href: "/cal/a.ics", etag: Some("\"2\"") }"#,
///     r#"Removed { href: "/cal/b.ics" }"#,
/// ]);
/// assert_eq!(sorter.token(), Some("http://example.com/sync/9"));
/// # Ok::<(), multistatus::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct SyncSorter<'u, const HREF: usize = 512, const ETAG: usize = 128> {
    collection: Option<&'u str>,
    href: Held<HREF>,
    etag: Held<ETAG>,
    token: Held<HREF>,
    has_token: bool,
    /// The response being read.
    now: Current,
    /// The first error: the sorter stays stopped after it.
    error: Option<Error>,
}

/// What the sorter knows of the response being read (its values are in the sorter's arrays),
/// made anew at each response's start.
#[derive(Clone, Copy, Debug)]
struct Current {
    has_href: bool,
    /// The ETag of a 2xx propstat is chosen (no other is read): `Some(true)` when it is the
    /// value held, `Some(false)` when it held elements.
    etag_chosen: Option<bool>,
    /// The current propstat's `getetag`.
    propstat_etag: Etag,
    in_propstat: bool,
    /// Whether the current propstat's status is 2xx.
    propstat_success: bool,
    any_success: bool,
    status: Option<u16>,
    within_limits: bool,
    unit: Unit,
}

impl Current {
    const NEW: Current = Current {
        has_href: false,
        etag_chosen: None,
        propstat_etag: Etag::Absent,
        in_propstat: false,
        propstat_success: false,
        any_success: false,
        status: None,
        within_limits: false,
        unit: Unit::Other,
    };
}

impl SyncSorter<'_> {
    /// A sorter with the default sizes.
    pub const fn new() -> Self {
        Self::with_sizes()
    }
}

impl Default for SyncSorter<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'u, const HREF: usize, const ETAG: usize> SyncSorter<'u, HREF, ETAG> {
    /// A sorter with the sizes of its type.
    pub const fn with_sizes() -> Self {
        SyncSorter {
            collection: None,
            href: Held::new(),
            etag: Held::new(),
            token: Held::new(),
            has_token: false,
            now: Current::NEW,
            error: None,
        }
    }

    /// The request URL of the REPORT: a response naming it is [`Sorted::Collection`] (unless
    /// it is the `507` marker), as [`super::SyncCollection::with_collection`].
    pub fn with_collection(mut self, url: &'u str) -> Self {
        self.collection = Some(url);
        self
    }

    /// The next event of the answer, in document order. At a response's end, what it is.
    ///
    /// # Errors
    /// [`ErrorKind::BufferTooSmall`] at the first href, the ETag or the token when its value is
    /// longer than the sorter holds; [`super::classify`]'s errors reading a response's `error`
    /// element. The first error is given again for every event after it.
    pub fn on_event<const D: usize, const NS: usize, const B: usize>(
        &mut self,
        event: &Event<'_, D, NS, B>,
    ) -> Result<Option<Sorted<'_>>, Error> {
        if let Some(e) = self.error {
            return Err(e);
        }
        match self.read(event) {
            Ok(true) => Ok(Some(self.sorted())),
            Ok(false) => Ok(None),
            Err(e) => {
                self.error = Some(e);
                Err(e)
            }
        }
    }

    /// The new `sync-token`, once its event has come (its value, unescaped).
    pub fn token(&self) -> Option<&str> {
        if self.has_token { Some(self.token.as_str()) } else { None }
    }

    /// Takes in one event; whether a response ended with it.
    fn read<const D: usize, const NS: usize, const B: usize>(
        &mut self,
        event: &Event<'_, D, NS, B>,
    ) -> Result<bool, Error> {
        match event {
            Event::ResponseStart { .. } => self.now = Current::NEW,
            Event::Href(t) if !self.now.has_href => {
                self.href.set(t)?;
                self.now.has_href = true;
            }
            Event::Status(s) if self.now.in_propstat => self.now.propstat_success = s.is_success(),
            Event::Status(s) => self.now.status = Some(s.code()),
            Event::PropStatStart { .. } => {
                self.now.in_propstat = true;
                self.now.propstat_success = false;
                self.now.propstat_etag = Etag::Absent;
            }
            Event::Property(e) if self.wants_etag(e.name()) => match e.text() {
                Some(t) => self.hold_etag(&t)?,
                None => self.now.propstat_etag = Etag::Elements,
            },
            Event::PropStatEnd => self.end_propstat(),
            Event::Error(e) if !self.now.in_propstat => self.now.within_limits |= super::holds_dav(e, WITHIN_LIMITS)?,
            Event::ResponseEnd => return Ok(true),
            Event::SyncToken(t) => {
                self.token.set(t)?;
                self.has_token = true;
            }
            Event::UnitStart { kind, tag } => {
                self.now.unit = match kind {
                    // Its value comes in pieces (none for an empty-element tag); at its end it
                    // is held, or it held elements.
                    UnitKind::Property if self.wants_etag(tag.name()) => {
                        self.etag.len = 0;
                        Unit::Etag { at: tag.end(), too_long: false }
                    }
                    UnitKind::Error if !self.now.in_propstat => Unit::Error { depth: 0 },
                    _ => Unit::Other,
                };
            }
            Event::Piece(p) => self.piece(p),
            Event::UnitEnd { .. } => {
                let unit = core::mem::replace(&mut self.now.unit, Unit::Other);
                if let Unit::Etag { at, too_long } = unit
                    && self.now.propstat_etag != Etag::Elements
                {
                    if too_long {
                        return Err(Error::new(ErrorKind::BufferTooSmall, at));
                    }
                    self.etag.trim();
                    self.now.propstat_etag = Etag::Text;
                }
            }
            _ => {}
        }
        Ok(false)
    }

    /// Whether a property named `name` is the `getetag` to read: the first of a propstat,
    /// while no 2xx propstat's is held.
    fn wants_etag(&self, name: Name<'_>) -> bool {
        self.now.in_propstat
            && self.now.etag_chosen.is_none()
            && self.now.propstat_etag == Etag::Absent
            && name.is_dav("getetag")
    }

    /// A whole `getetag` value: held with the white space around it (as its pieces are),
    /// then trimmed.
    fn hold_etag(&mut self, t: &Text<'_>) -> Result<(), Error> {
        self.etag.set(t)?;
        self.etag.trim();
        self.now.propstat_etag = Etag::Text;
        Ok(())
    }

    /// One piece of the unit being read (pieces mode).
    fn piece<const D: usize, const NS: usize, const B: usize>(&mut self, p: &Piece<'_, D, NS, B>) {
        match (&mut self.now.unit, p) {
            (Unit::Etag { .. }, Piece::Start(_)) => self.now.propstat_etag = Etag::Elements,
            (Unit::Error { depth }, Piece::End { .. }) => *depth = depth.saturating_sub(1),
            (Unit::Error { depth }, Piece::Start(tag)) => {
                self.now.within_limits |= *depth == 0 && tag.name().is_dav(WITHIN_LIMITS);
                // An empty-element tag's end comes as a `Piece::End` too.
                *depth = depth.saturating_add(1);
            }
            // Text once it did not fit, or after an element, is not kept.
            (Unit::Etag { too_long: too_long @ false, .. }, _) if self.now.propstat_etag != Etag::Elements => {
                *too_long = match p {
                    Piece::Text(t) => t.write_to(&mut self.etag).is_err(),
                    Piece::Cdata(c) => c.write_to(&mut self.etag).is_err(),
                    Piece::CharRef { value, .. } => self.etag.write_char(*value).is_err(),
                    _ => false,
                };
            }
            _ => {}
        }
    }

    fn end_propstat(&mut self) {
        let success = self.now.propstat_success;
        self.now.any_success |= success;
        if success && self.now.etag_chosen.is_none() && self.now.propstat_etag != Etag::Absent {
            self.now.etag_chosen = Some(self.now.propstat_etag == Etag::Text);
        }
        self.now.in_propstat = false;
    }

    /// What the response that just ended is: [`super::classify`]'s tests, in its order.
    fn sorted(&self) -> Sorted<'_> {
        let status = self.now.status;
        if !self.now.has_href {
            return Sorted::Other { href: None, status };
        }
        let href = self.href.as_str();
        if status == Some(507) {
            return Sorted::Truncated { href, within_limits: self.now.within_limits };
        }
        if self.collection.is_some_and(|url| same_resource(href, url)) {
            return Sorted::Collection { href };
        }
        if self.now.any_success {
            let etag = (self.now.etag_chosen == Some(true)).then(|| self.etag.as_str());
            return Sorted::Changed { href, etag };
        }
        if status == Some(404) {
            return Sorted::Removed { href };
        }
        Sorted::Other { href: Some(href), status }
    }
}

/// The child of a `507` response's `error` that RFC 6578 §3.6 requires.
const WITHIN_LIMITS: &str = "number-of-matches-within-limits";
