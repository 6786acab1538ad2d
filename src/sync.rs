//! RFC 6578 collection synchronization: the answer to a `sync-collection` REPORT, sorted.
//!
//! A `sync-collection` answer is a multistatus whose responses are of four sorts (RFC 6578
//! §3.5, §3.6): a member that changed or is new (its propstats), a member that was removed
//! (the status form, `404`), the truncation marker (the status form, `507`, with
//! `DAV:number-of-matches-within-limits` in its `error`), and, in some servers' answers, the
//! collection itself. After the responses comes the new `sync-token`, which the client sends
//! with its next REPORT.
//!
//! [`SyncCollection`] reads such an answer: `for item in &sync` gives each response with its
//! [`SyncKind`], and [`SyncCollection::token`] gives the new token afterwards (a plain `for`
//! loop is enough: the token is kept by the collection, not by the loop's iterator).
//! [`classify`] sorts one [`Response`] for a caller that reads them with [`crate::responses`].
//!
//! ```
//! use multistatus::sync::{SyncCollection, SyncKind};
//!
//! let body = br#"<d:multistatus xmlns:d="DAV:">
//!   <d:response><d:href>/cal/a.ics</d:href>
//!     <d:propstat><d:prop><d:getetag>"2"</d:getetag></d:prop>
//!     <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
//!   <d:response><d:href>/cal/b.ics</d:href>
//!     <d:status>HTTP/1.1 404 Not Found</d:status></d:response>
//!   <d:response><d:href>/cal/</d:href>
//!     <d:status>HTTP/1.1 507 Insufficient Storage</d:status>
//!     <d:error><d:number-of-matches-within-limits/></d:error></d:response>
//!   <d:sync-token>http://example.com/sync/9</d:sync-token>
//! </d:multistatus>"#;
//! let sync = SyncCollection::new(body)?.with_collection("https://example.com/cal");
//! let mut changed = Vec::new();
//! for item in &sync {
//!     match item?.kind() {
//!         SyncKind::Changed { href, etag } => changed.push((href.raw(), etag.map(|e| e.raw()))),
//!         SyncKind::Removed { href } => assert_eq!(href.raw(), "/cal/b.ics"),
//!         SyncKind::Truncated { within_limits, .. } => assert!(within_limits),
//!         other => panic!("{other:?}"),
//!     }
//! }
//! assert_eq!(changed, [("/cal/a.ics", Some("\"2\""))]);
//! assert_eq!(sync.token()?.unwrap().raw(), "http://example.com/sync/9");
//! # Ok::<(), multistatus::Error>(())
//! ```

use core::cell::Cell;

mod sorter;
pub use sorter::{Sorted, SyncSorter};

use crate::element::{Element, Node};
use crate::error::Error;
use crate::href::same_resource;
use crate::multistatus::{Event, Options, Parser};
use crate::names::DAV;
use crate::response::{PropStat, Response, Responses};
use crate::status::Status;
use crate::text::Text;

/// The room for an href holding references (`&amp;`...) unescaped before it is compared with
/// the collection's URL ([`classify`]); a plain href is compared in place, at any length.
pub const HREF_BUFFER: usize = 1024;

/// What one response of a `sync-collection` answer says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SyncKind<'a> {
    /// A member that is new or changed: a response with a 2xx `propstat`. `etag`: the
    /// `DAV:getetag` text of its first 2xx propstat that holds one, trimmed, quotes kept
    /// (`None` when no 2xx propstat holds it, or it holds elements); for the typed value, read
    /// the property with [`crate::props::etag`].
    Changed {
        /// The href (trimmed, as the body has it).
        href: Text<'a>,
        /// The entity tag as sent, trimmed.
        etag: Option<Text<'a>>,
    },
    /// A removed member: the status form with `404`.
    Removed {
        /// The href.
        href: Text<'a>,
    },
    /// The truncation marker (RFC 6578 §3.6): the status form with `507`. The server has
    /// more changes than it sent; the client asks again with the new token.
    Truncated {
        /// The href (the collection's, per RFC 6578).
        href: Text<'a>,
        /// Whether its `error` holds `DAV:number-of-matches-within-limits`, as RFC 6578
        /// requires (some servers leave it out).
        within_limits: bool,
    },
    /// The collection itself: the href names the request URL given to
    /// [`SyncCollection::with_collection`] (compared by [`same_resource`]), and the response is
    /// not a `507`.
    Collection {
        /// The href.
        href: Text<'a>,
    },
    /// Any other response: a status form with another code (403, 409...), propstats none of
    /// which is 2xx, a response without href. The response itself says more.
    Other {
        /// The first href, if any.
        href: Option<Text<'a>>,
        /// The response-level status, if any.
        status: Option<Status<'a>>,
    },
}

/// What `r` is in a `sync-collection` answer, `collection` being the request URL (`None`: no
/// response is taken for the collection). The order of the tests: no href is
/// [`SyncKind::Other`]; a status-form `507` is [`SyncKind::Truncated`] (whatever its href);
/// an href naming `collection` is [`SyncKind::Collection`]; a 2xx propstat is
/// [`SyncKind::Changed`]; a status-form `404` is [`SyncKind::Removed`]; anything else is
/// [`SyncKind::Other`].
///
/// # Errors
/// [`ErrorKind::BufferTooSmall`](crate::ErrorKind::BufferTooSmall) at the href when it holds references and is longer than
/// [`HREF_BUFFER`] unescaped (only when `collection` is given); errors reading the
/// `getetag` property again past [`crate::STORED_PROPERTIES`] or the `error` element's
/// children (never from a body the parser accepted).
pub fn classify<'a, const D: usize, const NS: usize, const B: usize, const H: usize, const P: usize>(
    r: &Response<'a, D, NS, B, H, P>,
    collection: Option<&str>,
) -> Result<SyncKind<'a>, Error> {
    let status = r.status();
    let Some(href) = r.href() else { return Ok(SyncKind::Other { href: None, status }) };
    if status.is_some_and(|s| s.code() == 507) {
        let within_limits = match r.error() {
            Some(e) => holds_dav(e, "number-of-matches-within-limits")?,
            None => false,
        };
        return Ok(SyncKind::Truncated { href, within_limits });
    }
    if let Some(url) = collection
        && names_url(href, url)?
    {
        return Ok(SyncKind::Collection { href });
    }
    let success = |ps: &PropStat<'a, D, NS, B>| Ok(ps.status().is_some_and(|s| s.is_success()).then_some(()));
    if r.find(success)?.is_some() {
        let etag = r.property(DAV, "getetag")?.and_then(|e| e.text()).map(|t| t.trim());
        return Ok(SyncKind::Changed { href, etag });
    }
    if status.is_some_and(|s| s.code() == 404) {
        return Ok(SyncKind::Removed { href });
    }
    Ok(SyncKind::Other { href: Some(href), status })
}

/// Whether `e` has a child element `DAV:local`.
fn holds_dav<const D: usize, const NS: usize, const B: usize>(
    e: &Element<'_, D, NS, B>,
    local: &str,
) -> Result<bool, Error> {
    for child in e.children() {
        if let Node::Element(c) = child?
            && c.name().is_dav(local)
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether the href `t` names the resource `url` ([`same_resource`] on its XML value).
fn names_url(t: Text<'_>, url: &str) -> Result<bool, Error> {
    if let Some(s) = t.as_plain() {
        return Ok(same_resource(s, url));
    }
    let mut buf = [0u8; HREF_BUFFER];
    Ok(same_resource(t.unescape_into(&mut buf)?, url))
}

/// One response of a `sync-collection` answer and what it is.
#[derive(Clone, Debug)]
pub struct SyncItem<
    'a,
    const D: usize = 32,
    const NS: usize = 32,
    const B: usize = 2048,
    const H: usize = 4,
    const P: usize = 4,
> {
    kind: SyncKind<'a>,
    response: Response<'a, D, NS, B, H, P>,
}

impl<'a, const D: usize, const NS: usize, const B: usize, const H: usize, const P: usize> SyncItem<'a, D, NS, B, H, P> {
    /// What the response is.
    pub fn kind(&self) -> SyncKind<'a> {
        self.kind
    }

    /// The response (its other properties: `calendar-data`, `address-data`...).
    pub fn response(&self) -> &Response<'a, D, NS, B, H, P> {
        &self.response
    }
}

/// A `sync-collection` answer: its responses sorted by [`SyncKind`] (`for item in &sync`) and
/// its new token ([`SyncCollection::token`]). `D`, `NS`, `B`, `H`, `P`: the capacities of
/// the [`Responses`] that reads it.
///
/// Each loop reads the body again from its start (nothing is kept but the token): the
/// collection holds the body, the options and the collection's URL, and the token once a
/// loop has read it.
#[derive(Clone, Debug)]
pub struct SyncCollection<
    'a,
    'u,
    const D: usize = 32,
    const NS: usize = 32,
    const B: usize = 2048,
    const H: usize = 4,
    const P: usize = 4,
> {
    body: &'a [u8],
    options: Options,
    collection: Option<&'u str>,
    /// The token (`Some(None)`: read, there is none), set by a loop that read the whole body.
    token: Cell<Option<Option<Text<'a>>>>,
}

impl<'a, 'u> SyncCollection<'a, 'u> {
    /// The answer `body`, with the default capacities and options.
    ///
    /// # Errors
    /// As [`Parser::new`].
    pub fn new(body: &'a [u8]) -> Result<Self, Error> {
        Self::with_options(body, Options::default())
    }
}

impl<'a, 'u, const D: usize, const NS: usize, const B: usize, const H: usize, const P: usize>
    SyncCollection<'a, 'u, D, NS, B, H, P>
{
    /// The answer `body`, with these options (and the capacities of the type).
    ///
    /// # Errors
    /// As [`Parser::with_options`].
    pub fn with_options(body: &'a [u8], options: Options) -> Result<Self, Error> {
        // Checked once here, so that each loop can make its parser without an error.
        Parser::<'a, D, NS, B>::with_options(body, options)?;
        Ok(SyncCollection { body, options, collection: None, token: Cell::new(None) })
    }

    /// The request URL of the REPORT (absolute, or an absolute path): a response naming it
    /// is [`SyncKind::Collection`] (unless it is the `507` marker).
    pub fn with_collection(mut self, url: &'u str) -> Self {
        self.collection = Some(url);
        self
    }

    /// The responses, each with its kind, read from the start of the body.
    pub fn iter(&self) -> SyncItems<'a, '_, 'u, D, NS, B, H, P> {
        SyncItems { inner: self.responses(), owner: self }
    }

    fn responses(&self) -> Option<Responses<'a, D, NS, B, H, P>> {
        Responses::with_options(self.body, self.options).ok()
    }

    /// The new `sync-token` (`None`: the answer has none). Kept from a loop that read the
    /// whole body; else read here, by a pass over the whole body (events only, no response
    /// built).
    ///
    /// # Errors
    /// The body's first error (a body that is not a valid multistatus has no token).
    pub fn token(&self) -> Result<Option<Text<'a>>, Error> {
        if let Some(t) = self.token.get() {
            return Ok(t);
        }
        let mut token = None;
        for ev in Parser::<'a, D, NS, B>::with_options(self.body, self.options)? {
            if let Event::SyncToken(t) = ev? {
                token = Some(t);
            }
        }
        self.token.set(Some(token));
        Ok(token)
    }
}

impl<'a, 's, 'u, const D: usize, const NS: usize, const B: usize, const H: usize, const P: usize> IntoIterator
    for &'s SyncCollection<'a, 'u, D, NS, B, H, P>
{
    type Item = Result<SyncItem<'a, D, NS, B, H, P>, Error>;
    type IntoIter = SyncItems<'a, 's, 'u, D, NS, B, H, P>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Iterator over the responses of a [`SyncCollection`], each with its [`SyncKind`]. When it
/// has read the whole body, it leaves the token with the collection.
#[derive(Debug)]
pub struct SyncItems<
    'a,
    's,
    'u,
    const D: usize = 32,
    const NS: usize = 32,
    const B: usize = 2048,
    const H: usize = 4,
    const P: usize = 4,
> {
    inner: Option<Responses<'a, D, NS, B, H, P>>,
    owner: &'s SyncCollection<'a, 'u, D, NS, B, H, P>,
}

impl<'a, const D: usize, const NS: usize, const B: usize, const H: usize, const P: usize> Iterator
    for SyncItems<'a, '_, '_, D, NS, B, H, P>
{
    type Item = Result<SyncItem<'a, D, NS, B, H, P>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let rs = self.inner.as_mut()?;
        let read = rs.next();
        let owner = self.owner;
        self.after(read, |response| Ok(SyncItem { kind: classify(&response, owner.collection)?, response }))
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize, const H: usize, const P: usize>
    SyncItems<'a, '_, '_, D, NS, B, H, P>
{
    /// The next response read into `slot`, a response you own (on the stack, in a `static`),
    /// with its kind: as [`Responses::next_into`], nothing is moved per response, where
    /// `next` moves a [`SyncItem`] (a whole [`Response`]) out to you.
    ///
    /// ```
    /// use multistatus::Response;
    /// use multistatus::sync::{SyncCollection, SyncKind};
    ///
    /// let body = br#"<d:multistatus xmlns:d="DAV:">
    ///   <d:response><d:href>/cal/b.ics</d:href>
    ///     <d:status>HTTP/1.1 404 Not Found</d:status></d:response>
    ///   <d:sync-token>http://example.com/sync/9</d:sync-token>
    /// </d:multistatus>"#;
    /// let sync = SyncCollection::new(body)?;
    /// let mut items = sync.iter();
    /// let mut slot = Response::default();
    /// while let Some(item) = items.next_into(&mut slot) {
    ///     let (kind, response) = item?;
    ///     assert!(matches!(kind, SyncKind::Removed { .. }));
    ///     assert_eq!(response.status().map(|s| s.code()), Some(404));
    /// }
    /// assert_eq!(sync.token()?.unwrap().raw(), "http://example.com/sync/9");
    /// # Ok::<(), multistatus::Error>(())
    /// ```
    ///
    /// # Errors
    /// As `next`: the body's first error, or [`classify`]'s; the iteration ends after it.
    #[allow(clippy::type_complexity)]
    pub fn next_into<'r>(
        &mut self,
        slot: &'r mut Response<'a, D, NS, B, H, P>,
    ) -> Option<Result<(SyncKind<'a>, &'r Response<'a, D, NS, B, H, P>), Error>> {
        let rs = self.inner.as_mut()?;
        let read = rs.next_into(slot);
        let owner = self.owner;
        self.after(read, |response| Ok((classify(response, owner.collection)?, response)))
    }

    /// What a read of the next response gives, `item` making the item of a response: at the
    /// end, the token left with the collection; after an error, nothing more.
    fn after<R, T>(
        &mut self,
        read: Option<Result<R, Error>>,
        item: impl FnOnce(R) -> Result<T, Error>,
    ) -> Option<Result<T, Error>> {
        let Some(read) = read else {
            if let Some(rs) = self.inner.as_ref().filter(|rs| rs.is_done()) {
                self.owner.token.set(Some(rs.sync_token()));
            }
            self.inner = None;
            return None;
        };
        let made = read.and_then(item);
        if made.is_err() {
            self.inner = None;
        }
        Some(made)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_after_a_plain_loop() {
        let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>
          <d:status>HTTP/1.1 404 Not Found</d:status></d:response>
          <d:sync-token> t1 </d:sync-token></d:multistatus>"#;
        let sync = SyncCollection::new(body).unwrap();
        let mut kinds = heapless::Vec::<SyncKind<'_>, 2>::new();
        for item in &sync {
            kinds.push(item.unwrap().kind()).unwrap();
        }
        assert!(matches!(kinds.as_slice(), [SyncKind::Removed { .. }]));
        assert_eq!(sync.token.get().map(|t| t.map(|t| t.raw())), Some(Some("t1")));
        assert_eq!(sync.token().unwrap().unwrap().raw(), "t1");
    }
}
