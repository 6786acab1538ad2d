//! The response-level view: `for response in responses(body)?` gives each `response` with its
//! hrefs, status, propstats and properties, without allocation.
//!
//! A [`Response`] is returned only once its end tag was read and the response checked. Its
//! capacities are in its type: `H` hrefs (default 4) and `P` propstats (default 4) kept from
//! the single read of the body. They are a speed knob, not a limit: a response with more is
//! not an error, and [`Response::hrefs`] and [`Response::propstats`] hand out the kept ones,
//! then read the rest again from the body (the same grammar over the response again, one
//! parser per iteration: linear), as do [`Response::property`], [`Response::propstat_of`] and
//! [`Response::property_status`]. Likewise each propstat keeps its first
//! [`STORED_PROPERTIES`] properties (24 bytes each); [`PropStat::properties`] hands them out,
//! then reads the rest again from the body, so a propstat may hold any number of them.
//!
//! ```
//! use multistatus::{Options, Responses};
//!
//! // A PROPPATCH answer with three outcomes, read with room for one propstat.
//! let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/f</d:href>
//!   <d:propstat><d:prop><d:displayname/></d:prop><d:status>HTTP/1.1 403 Forbidden</d:status></d:propstat>
//!   <d:propstat><d:prop><d:getetag/></d:prop><d:status>HTTP/1.1 424 Failed Dependency</d:status></d:propstat>
//!   <d:propstat><d:prop><d:author/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
//! </d:response></d:multistatus>"#;
//! let mut rs = Responses::<'_, 32, 32, 2048, 1, 1>::with_options(body, Options::default())?;
//! let r = rs.next().unwrap()?;
//! let mut codes = Vec::new();
//! let mut propstats = r.propstats();
//! while let Some(ps) = propstats.next() {
//!     codes.push(ps?.status().unwrap().code());
//! }
//! assert_eq!(codes, [403, 424, 200]);
//! assert_eq!(r.property_status(multistatus::DAV, "author")?.unwrap().code(), 200);
//! # Ok::<(), multistatus::Error>(())
//! ```

use crate::compact::Compact;
use crate::element::{Children, Element, Node};
use crate::error::{Error, ErrorKind};
use crate::multistatus::{Event, Options, Parser, PropertySink, Quirk, QuirkLog, Scope};
use crate::status::Status;
use crate::text::Text;

/// How many properties of one propstat the response view keeps from its single read of the
/// body (24 bytes each): [`PropStat::properties`] hands them out without reading the body
/// again. A propstat with more is read again from the body (any number, nothing dropped).
///
/// 24 holds every propstat of 99.8% of the 550 in the test corpus (apache mod_dav_svn sends
/// 20 properties, Nextcloud 404 propstats up to 26); reading the rest again costs a reader
/// and its namespace declarations read again (at 16, the response level ran 1.2 times slower
/// on those bodies).
pub const STORED_PROPERTIES: usize = 24;

/// One `propstat`.
#[derive(Clone, Debug)]
pub struct PropStat<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    offset: usize,
    status: Option<Status<'a>>,
    first: Option<Element<'a, D, NS, B>>,
    kept: Kept,
    error: Option<Element<'a, D, NS, B>>,
    description: Option<Text<'a>>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> PropStat<'a, D, NS, B> {
    fn new(offset: usize) -> Self {
        PropStat {
            offset,
            status: None,
            first: None,
            kept: Kept { count: 0, end: 0, stored: heapless::Vec::new(), all_stored: true, rest_from: 0 },
            error: None,
            description: None,
        }
    }

    /// Byte offset of the `propstat` start tag.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The status (`None` only under the tolerated quirk of a propstat without status).
    pub fn status(&self) -> Option<Status<'a>> {
        self.status
    }

    /// The number of properties.
    pub fn len(&self) -> usize {
        self.kept.count
    }

    /// Whether there is no property.
    pub fn is_empty(&self) -> bool {
        self.kept.count == 0
    }

    /// The properties, in document order: kept from the first read when there are at most
    /// [`STORED_PROPERTIES`], else read again from the body.
    pub fn properties(&self) -> Properties<'a, '_, D, NS, B> {
        Properties {
            first: self.first.as_ref(),
            stored: &self.kept.stored,
            next: 0,
            rest: None,
            rest_from: if self.kept.all_stored { None } else { Some(self.kept.rest_from) },
            end: self.kept.end,
        }
    }

    fn add(&mut self, e: &Element<'a, D, NS, B>) {
        self.kept.add(e.compact(), e.offset(), e.end());
        if self.first.is_none() {
            self.first = Some(e.clone());
        }
    }

    /// One event of the grammar inside this propstat (the properties it did not hand to the
    /// propstat itself, its status, error and description): the same on the first read and
    /// on a read again.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn on_event(&mut self, ev: &Event<'a, D, NS, B>) {
        match *ev {
            Event::Status(s) => self.status = Some(s),
            Event::Property(ref e) => self.add(e),
            Event::Error(ref e) => self.error = Some(e.clone()),
            Event::Description(t) => self.description = Some(t),
            _ => {}
        }
    }

    /// The `DAV:error` element, if any.
    pub fn error(&self) -> Option<&Element<'a, D, NS, B>> {
        self.error.as_ref()
    }

    /// The `responsedescription`, if any.
    pub fn description(&self) -> Option<Text<'a>> {
        self.description
    }

    /// The first property named `{ns}local` (`ns` unescaped, `""` for no namespace) in this
    /// propstat, whatever its status.
    ///
    /// # Errors
    /// As [`PropStat::properties`] (reading the properties past [`STORED_PROPERTIES`] again).
    pub fn property(&self, ns: &str, local: &str) -> Result<Option<Element<'a, D, NS, B>>, Error> {
        for p in self.properties() {
            let p = p?;
            if p.name().is(ns, local) {
                return Ok(Some(p));
            }
        }
        Ok(None)
    }
}

/// What a propstat keeps of its properties from the single read: their number and end, and
/// the first [`STORED_PROPERTIES`] compact (all of them while `all_stored`).
#[derive(Clone, Debug)]
pub(crate) struct Kept {
    count: usize,
    end: usize,
    stored: heapless::Vec<Compact, STORED_PROPERTIES>,
    all_stored: bool,
    /// Where the first property that was not kept starts (read again from there).
    rest_from: usize,
}

impl Kept {
    /// One more property, from `offset` to `end`: kept as `c` while there is room.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn add(&mut self, c: Option<Compact>, offset: usize, end: usize) {
        self.count = self.count.saturating_add(1);
        self.end = end;
        if self.all_stored && c.is_none_or(|c| self.stored.push(c).is_err()) {
            self.all_stored = false;
            self.rest_from = offset;
        }
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> PropertySink<'a, D, NS, B> for PropStat<'a, D, NS, B> {
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn keep(&mut self, c: Compact) {
        self.kept.add(Some(c), c.offset(), c.end());
    }
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn has_first(&self) -> bool {
        self.first.is_some()
    }
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn keep_first(&mut self, e: Element<'a, D, NS, B>, c: Compact) {
        self.kept.add(Some(c), c.offset(), c.end());
        self.first = Some(e);
    }
}

/// Iterator over the properties of a [`PropStat`]: the kept ones first, then (past
/// [`STORED_PROPERTIES`]) the rest read again from the body by one reader.
#[derive(Clone, Debug)]
pub struct Properties<'a, 'p, const D: usize, const NS: usize, const B: usize> {
    /// The first property: the body, lineage and options of all of them.
    first: Option<&'p Element<'a, D, NS, B>>,
    stored: &'p [Compact],
    next: usize,
    /// The reader of the rest, made when the kept ones are handed out.
    rest: Option<Children<'a, D, NS, B>>,
    /// Where the rest starts (`None`: all were kept), and where the last property ends.
    rest_from: Option<usize>,
    end: usize,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Iterator for Properties<'a, '_, D, NS, B> {
    type Item = Result<Element<'a, D, NS, B>, Error>;
    /// Inlined (the kept properties' path is short): what the caller does not read of a view
    /// is not built.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn next(&mut self) -> Option<Self::Item> {
        let first = self.first?;
        if let Some(c) = self.stored.get(self.next) {
            self.next = self.next.saturating_add(1);
            return Some(Ok(first.expand(c)));
        }
        self.next_reread()
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Properties<'a, '_, D, NS, B> {
    /// Past the kept properties: the rest, read again from the body.
    #[inline(never)]
    fn next_reread(&mut self) -> Option<Result<Element<'a, D, NS, B>, Error>> {
        let first = self.first?;
        if let Some(from) = self.rest_from.take() {
            self.rest = Some(first.siblings_from(from, self.end));
        }
        loop {
            match self.rest.as_mut()?.next()? {
                Ok(Node::Element(e)) => return Some(Ok(e)),
                Ok(Node::Text(_)) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// One `response`.
#[derive(Clone, Debug)]
pub struct Response<
    'a,
    const D: usize = 32,
    const NS: usize = 32,
    const B: usize = 2048,
    const H: usize = 4,
    const P: usize = 4,
> {
    offset: usize,
    hrefs: heapless::Vec<Text<'a>, H>,
    status: Option<Status<'a>>,
    propstats: heapless::Vec<PropStat<'a, D, NS, B>, P>,
    error: Option<Element<'a, D, NS, B>>,
    description: Option<Text<'a>>,
    location: Option<Text<'a>>,
    quirks: heapless::Vec<Quirk, 4>,
    unknown: usize,
    /// Whether hrefs, propstats came past the capacities (then read again from the body).
    hrefs_past: bool,
    propstats_past: bool,
    /// Where to read it again, when something came past the capacities.
    again: Option<Scope<'a, NS>>,
}

impl<const D: usize, const NS: usize, const B: usize, const H: usize, const P: usize> Default
    for Response<'_, D, NS, B, H, P>
{
    /// An empty response (no href): a slot for [`Responses::next_into`].
    fn default() -> Self {
        Self::new(0)
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize, const H: usize, const P: usize> Response<'a, D, NS, B, H, P> {
    /// Empties it for the response at `offset`, field by field (its capacity is not written).
    fn reset(&mut self, offset: usize) {
        self.offset = offset;
        self.hrefs.clear();
        self.status = None;
        self.propstats.clear();
        self.error = None;
        self.description = None;
        self.location = None;
        self.quirks.clear();
        self.unknown = 0;
        self.hrefs_past = false;
        self.propstats_past = false;
        self.again = None;
    }

    fn new(offset: usize) -> Self {
        Response {
            offset,
            hrefs: heapless::Vec::new(),
            status: None,
            propstats: heapless::Vec::new(),
            error: None,
            description: None,
            location: None,
            quirks: heapless::Vec::new(),
            unknown: 0,
            hrefs_past: false,
            propstats_past: false,
            again: None,
        }
    }

    /// Byte offset of the `response` start tag.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The hrefs (trimmed), in document order: one, or several in the status form. Those
    /// past the capacity `H` are read again from the body.
    ///
    /// # Errors
    /// Reading the body again gives the errors of the first read: none, the response having
    /// been checked (an item is a `Result` for that reason only).
    pub fn hrefs(&self) -> Hrefs<'a, '_, D, NS, B> {
        Hrefs { kept: self.hrefs.iter(), again: Again::new(self, self.hrefs_past, self.hrefs.len()) }
    }

    /// The first href.
    pub fn href(&self) -> Option<Text<'a>> {
        // Read again only at `H = 0`.
        self.hrefs.first().copied().or_else(|| self.hrefs().next().and_then(Result::ok))
    }

    /// The response-level status (the status form), if any.
    pub fn status(&self) -> Option<Status<'a>> {
        self.status
    }

    /// The propstats, in document order, lent one at a time by a cursor: those kept from the
    /// first read, then those past the capacity `P`, read again from the body by one parser
    /// (the same grammar: what the first read would have kept).
    ///
    /// ```
    /// # let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>
    /// #   <d:propstat><d:prop><d:getetag/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
    /// #   </d:response></d:multistatus>"#;
    /// # let r = multistatus::responses(body)?.next().unwrap()?;
    /// let mut propstats = r.propstats();
    /// while let Some(ps) = propstats.next() {
    ///     let ps = ps?;
    ///     assert_eq!(ps.status().unwrap().code(), 200);
    /// }
    /// # Ok::<(), multistatus::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Response::hrefs`]: none in practice.
    pub fn propstats(&self) -> PropStats<'a, '_, D, NS, B> {
        PropStats {
            kept: self.propstats.iter(),
            again: Again::new(self, self.propstats_past, self.propstats.len()),
            read: None,
        }
    }

    /// The first `Some` that `f` finds in the propstats, in document order (the kept ones
    /// lent, not copied).
    pub(crate) fn find<T>(
        &self,
        mut f: impl FnMut(&PropStat<'a, D, NS, B>) -> Result<Option<T>, Error>,
    ) -> Result<Option<T>, Error> {
        let mut all = self.propstats();
        while let Some(ps) = all.next() {
            if let Some(t) = f(ps?)? {
                return Ok(Some(t));
            }
        }
        Ok(None)
    }

    /// The `DAV:error` element, if any.
    pub fn error(&self) -> Option<&Element<'a, D, NS, B>> {
        self.error.as_ref()
    }

    /// The `responsedescription`, if any.
    pub fn description(&self) -> Option<Text<'a>> {
        self.description
    }

    /// The `location` href, if any.
    pub fn location(&self) -> Option<Text<'a>> {
        self.location
    }

    /// The quirks tolerated inside this response (the first four; the parser's
    /// [`QuirkLog`] counts them all).
    pub fn quirks(&self) -> &[Quirk] {
        &self.quirks
    }

    /// How many unknown (extension) elements were skipped directly inside this response or its
    /// propstats.
    pub fn unknown_elements(&self) -> usize {
        self.unknown
    }

    /// The value of the property `{ns}local` (`ns` unescaped, `""` for no namespace): the
    /// property in the first propstat with a 2xx status that holds it. `None` when no such
    /// propstat holds it: it may be absent, or in a propstat that reports an error (404 Not
    /// Found, 403 Forbidden...) or that has no status at all (the tolerated quirk
    /// `PropstatWithoutStatus`); [`Response::property_status`] and [`Response::propstat_of`]
    /// tell these apart.
    ///
    /// ```
    /// use multistatus::{DAV, responses};
    ///
    /// let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>
    ///   <d:propstat><d:prop><d:getetag>"1"</d:getetag></d:prop>
    ///   <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
    ///   <d:propstat><d:prop><d:getcontentlength/></d:prop>
    ///   <d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response></d:multistatus>"#;
    /// let r = responses(body)?.next().unwrap()?;
    /// assert!(r.property(DAV, "getetag")?.unwrap().text().unwrap().eq_str("\"1\""));
    /// // Asked, but 404: no value; the status says why.
    /// assert!(r.property(DAV, "getcontentlength")?.is_none());
    /// assert_eq!(r.property_status(DAV, "getcontentlength")?.unwrap().code(), 404);
    /// // Not in the body at all.
    /// assert!(r.property(DAV, "displayname")?.is_none());
    /// assert!(r.property_status(DAV, "displayname")?.is_none());
    /// # Ok::<(), multistatus::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`PropStat::properties`] (reading the properties past [`STORED_PROPERTIES`] again).
    pub fn property(&self, ns: &str, local: &str) -> Result<Option<Element<'a, D, NS, B>>, Error> {
        self.find(|ps| if ps.status.is_some_and(|s| s.is_success()) { ps.property(ns, local) } else { Ok(None) })
    }

    /// The first propstat, whatever its status, that holds the property `{ns}local` (`None`:
    /// the response does not mention it).
    ///
    /// # Errors
    /// As [`PropStat::properties`].
    pub fn propstat_of(&self, ns: &str, local: &str) -> Result<Option<PropStat<'a, D, NS, B>>, Error> {
        self.find(|ps| Ok(ps.property(ns, local)?.map(|_| ps.clone())))
    }

    /// The status that goes with [`Response::property`]'s answer for `{ns}local`: that of the
    /// first 2xx propstat holding it when one does (the value's), else that of the first
    /// propstat holding it: 404 for a property the resource does not have, 403, 424...
    /// `None` when no propstat holds it, or when the one holding it has no status (the
    /// tolerated quirk `PropstatWithoutStatus`: [`Response::propstat_of`] tells the two
    /// apart).
    ///
    /// # Errors
    /// As [`PropStat::properties`].
    pub fn property_status(&self, ns: &str, local: &str) -> Result<Option<Status<'a>>, Error> {
        let in_success = self.find(|ps| match ps.status.filter(|s| s.is_success()) {
            Some(s) => Ok(ps.property(ns, local)?.map(|_| s)),
            None => Ok(None),
        })?;
        if in_success.is_some() {
            return Ok(in_success);
        }
        self.find(|ps| Ok(ps.property(ns, local)?.map(|_| ps.status))).map(Option::flatten)
    }
}

/// A response read again from the body past what it kept (its hrefs or its propstats past
/// the capacities): one parser, made when first needed, over the response from its start
/// tag, which hands out the items the response did not keep.
#[derive(Clone, Debug)]
struct Again<'a, 'r, const D: usize, const NS: usize, const B: usize> {
    /// Where the response starts, until the parser is made (`None`: nothing to read again).
    from: Option<(&'r Scope<'a, NS>, usize)>,
    parser: Option<Parser<'a, D, NS, B>>,
    /// How many of the items asked for the response kept: passed over.
    skip: usize,
}

impl<'a, 'r, const D: usize, const NS: usize, const B: usize> Again<'a, 'r, D, NS, B> {
    /// For `r`'s items of which it kept the first `kept`, and some past them if `past`.
    fn new<const H: usize, const P: usize>(r: &'r Response<'a, D, NS, B, H, P>, past: bool, kept: usize) -> Self {
        let from = r.again.as_ref().filter(|_| past).map(|scope| (scope, r.offset));
        Again { from, parser: None, skip: kept }
    }

    /// The next event of the response read again (`kept`: the propstat being read, as on the
    /// first read); `None` after its `ResponseEnd` (given) or an error (given once).
    fn next_event(&mut self, kept: Option<&mut PropStat<'a, D, NS, B>>) -> Option<Result<Event<'a, D, NS, B>, Error>> {
        if let Some((scope, at)) = self.from.take() {
            self.parser = Some(Parser::again(scope, at));
        }
        let next = self.parser.as_mut()?.next_for_view(kept);
        if matches!(next, None | Some(Err(_) | Ok(Event::ResponseEnd))) {
            self.parser = None;
        }
        next
    }

    /// Whether nothing is left to read again (nothing past the kept items, or all read).
    #[inline]
    fn is_over(&self) -> bool {
        self.from.is_none() && self.parser.is_none()
    }

    /// Whether the next item found is one the response kept (then counted off).
    fn passes_over(&mut self) -> bool {
        let kept = self.skip > 0;
        self.skip = self.skip.saturating_sub(1);
        kept
    }
}

/// Iterator over the hrefs of a [`Response`] (see [`Response::hrefs`]).
#[derive(Clone, Debug)]
pub struct Hrefs<'a, 'r, const D: usize, const NS: usize, const B: usize> {
    kept: core::slice::Iter<'r, Text<'a>>,
    again: Again<'a, 'r, D, NS, B>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Iterator for Hrefs<'a, '_, D, NS, B> {
    type Item = Result<Text<'a>, Error>;
    fn next(&mut self) -> Option<Self::Item> {
        if let Some(t) = self.kept.next() {
            return Some(Ok(*t));
        }
        loop {
            match self.again.next_event(None)? {
                Ok(Event::Href(t)) if !self.again.passes_over() => return Some(Ok(t)),
                Ok(Event::ResponseEnd) => return None,
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// The propstats of a [`Response`] (see [`Response::propstats`]): a cursor that lends each
/// one in turn, `while let Some(ps) = propstats.next()`. The kept ones are lent from the
/// response; one read again is built in the cursor's own slot and lent from there. No
/// propstat is copied (1,256 bytes at the default capacities, which an iterator's items
/// would move through the caller's loop).
#[derive(Clone, Debug)]
pub struct PropStats<'a, 'r, const D: usize, const NS: usize, const B: usize> {
    kept: core::slice::Iter<'r, PropStat<'a, D, NS, B>>,
    again: Again<'a, 'r, D, NS, B>,
    /// The propstat read again last (what [`PropStats::next`] lent).
    read: Option<PropStat<'a, D, NS, B>>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> PropStats<'a, '_, D, NS, B> {
    /// The next propstat, lent until the next call; `None` after the last.
    ///
    /// # Errors
    /// As [`Response::hrefs`]: none in practice (an item is a `Result` for the read again).
    #[inline]
    #[allow(clippy::should_implement_trait)] // it lends from the cursor, which `Iterator` cannot
    pub fn next(&mut self) -> Option<Result<&PropStat<'a, D, NS, B>, Error>> {
        if let Some(ps) = self.kept.next() {
            return Some(Ok(ps));
        }
        if self.again.is_over() {
            return None;
        }
        match read_again(&mut self.again, &mut self.read)? {
            Ok(()) => self.read.as_ref().map(Ok),
            Err(e) => Some(Err(e)),
        }
    }

    /// How many propstats are left (the ones not kept read again).
    ///
    /// # Errors
    /// As [`PropStats::next`].
    pub fn count(mut self) -> Result<usize, Error> {
        let mut n = 0usize;
        while let Some(ps) = self.next() {
            ps?;
            n = n.saturating_add(1);
        }
        Ok(n)
    }
}

/// Past the kept propstats: the next one read again into `slot`, built as the first read
/// builds it (`None`: the response has no more).
#[inline(never)]
fn read_again<'a, const D: usize, const NS: usize, const B: usize>(
    again: &mut Again<'a, '_, D, NS, B>,
    slot: &mut Option<PropStat<'a, D, NS, B>>,
) -> Option<Result<(), Error>> {
    loop {
        match again.next_event(None)? {
            Ok(Event::PropStatStart { offset }) => {
                let ps = slot.insert(PropStat::new(offset));
                if let Err(e) = read_propstat(again, ps) {
                    return Some(Err(e));
                }
                if !again.passes_over() {
                    return Some(Ok(()));
                }
            }
            Ok(Event::ResponseEnd) => return None,
            Ok(_) => {}
            Err(e) => return Some(Err(e)),
        }
    }
}

/// The rest of the propstat `ps`, read again up to its end.
fn read_propstat<'a, const D: usize, const NS: usize, const B: usize>(
    again: &mut Again<'a, '_, D, NS, B>,
    ps: &mut PropStat<'a, D, NS, B>,
) -> Result<(), Error> {
    loop {
        match again.next_event(Some(ps)) {
            Some(Ok(Event::PropStatEnd)) => return Ok(()),
            Some(Ok(ev)) => ps.on_event(&ev),
            Some(Err(e)) => return Err(e),
            // The parser ends only with an error inside a response.
            None => return Err(Error::new(ErrorKind::UnexpectedEof, ps.offset)),
        }
    }
}

/// Iterator over the responses of a body. See [`responses`].
#[derive(Clone, Debug)]
pub struct Responses<
    'a,
    const D: usize = 32,
    const NS: usize = 32,
    const B: usize = 2048,
    const H: usize = 4,
    const P: usize = 4,
> {
    parser: Parser<'a, D, NS, B>,
    description: Option<Text<'a>>,
    sync_token: Option<Text<'a>>,
    error: Option<Error>,
    /// Where its responses can be read again (the same for all: taken at the first).
    scope: Option<Scope<'a, NS>>,
}

/// The responses of `body`, with the default capacities and options.
///
/// ```
/// let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>
///   <d:propstat><d:prop><d:getetag>"1"</d:getetag></d:prop>
///   <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#;
/// for r in multistatus::responses(body)? {
///     let r = r?;
///     assert_eq!(r.href().unwrap().raw(), "/a");
///     let mut propstats = r.propstats();
///     let ps = propstats.next().unwrap()?;
///     assert_eq!(ps.status().unwrap().code(), 200);
///     for p in ps.properties() {
///         let p = p?;
///         assert!(p.name().is_dav("getetag"));
///         assert!(p.text().unwrap().eq_str("\"1\""));
///     }
/// }
/// # Ok::<(), multistatus::Error>(())
/// ```
///
/// The `sync-token` and the multistatus `responsedescription` follow the responses: a plain
/// `for r in responses(body)?` drops the iterator, and them with it. Keep the iterator and
/// loop over `&mut` it, then ask:
///
/// ```
/// let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>
///   <d:status>HTTP/1.1 404 Not Found</d:status></d:response>
///   <d:sync-token>http://example.com/sync/8</d:sync-token></d:multistatus>"#;
/// let mut rs = multistatus::responses(body)?;
/// for r in &mut rs {
///     assert_eq!(r?.status().unwrap().code(), 404);
/// }
/// assert!(rs.is_done());
/// assert_eq!(rs.sync_token().unwrap().raw(), "http://example.com/sync/8");
/// # Ok::<(), multistatus::Error>(())
/// ```
///
/// # Errors
/// As [`Parser::new`].
pub fn responses(body: &[u8]) -> Result<Responses<'_>, Error> {
    Ok(Responses::from_parser(Parser::new(body)?))
}

/// The responses of `body`, with the default capacities and these options.
///
/// # Errors
/// As [`Parser::with_options`].
pub fn responses_with_options(body: &[u8], options: Options) -> Result<Responses<'_>, Error> {
    Responses::with_options(body, options)
}

impl<'a, const D: usize, const NS: usize, const B: usize, const H: usize, const P: usize>
    Responses<'a, D, NS, B, H, P>
{
    /// The responses that `parser` reads.
    pub fn from_parser(parser: Parser<'a, D, NS, B>) -> Self {
        Responses { parser, description: None, sync_token: None, error: None, scope: None }
    }

    /// With these options (and the capacities of the type).
    ///
    /// # Errors
    /// As [`Parser::with_options`].
    pub fn with_options(body: &'a [u8], options: Options) -> Result<Self, Error> {
        Ok(Self::from_parser(Parser::with_options(body, options)?))
    }

    /// The multistatus `responsedescription`, once read (it follows the responses).
    pub fn description(&self) -> Option<Text<'a>> {
        self.description
    }

    /// The multistatus `sync-token`, once read (it follows the responses: loop over
    /// `&mut responses` to keep the iterator for this, see [`responses`]).
    pub fn sync_token(&self) -> Option<Text<'a>> {
        self.sync_token
    }

    /// The quirks tolerated so far.
    pub fn quirks(&self) -> &QuirkLog {
        self.parser.quirks()
    }

    /// Whether the whole body was read and found valid.
    pub fn is_done(&self) -> bool {
        self.parser.is_done() && self.error.is_none()
    }

    /// The error that stopped the iteration, if any.
    pub fn error(&self) -> Option<Error> {
        self.error.or(self.parser.error())
    }

    fn fail(&mut self, e: Error) -> Option<Result<(), Error>> {
        self.error = Some(e);
        Some(Err(e))
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize, const H: usize, const P: usize> Iterator
    for Responses<'a, D, NS, B, H, P>
{
    type Item = Result<Response<'a, D, NS, B, H, P>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut r = Response::new(0);
        Some(self.fill(&mut r)?.map(|()| r))
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize, const H: usize, const P: usize>
    Responses<'a, D, NS, B, H, P>
{
    /// The next response, read into `slot` (whatever it held is replaced) and lent back: as
    /// [`Iterator::next`], without moving a [`Response`] out per response. A `Response` is
    /// large (5,816 bytes at the default capacities): here it lives where the caller put it,
    /// and is not copied (on small responses the iterator's two moves of it cost up to 8% of
    /// the parse). After `None` or an error, `slot` holds nothing useful.
    ///
    /// ```
    /// use multistatus::{Response, responses};
    /// let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>
    ///   <d:status>HTTP/1.1 200 OK</d:status></d:response><d:response><d:href>/b</d:href>
    ///   <d:status>HTTP/1.1 404 Not Found</d:status></d:response></d:multistatus>"#;
    /// let mut rs = responses(body)?;
    /// let mut slot = Response::default();
    /// let mut codes = Vec::new();
    /// while let Some(r) = rs.next_into(&mut slot) {
    ///     codes.push(r?.status().unwrap().code());
    /// }
    /// assert_eq!(codes, [200, 404]);
    /// assert!(rs.is_done());
    /// # Ok::<(), multistatus::Error>(())
    /// ```
    pub fn next_into<'r>(
        &mut self,
        slot: &'r mut Response<'a, D, NS, B, H, P>,
    ) -> Option<Result<&'r Response<'a, D, NS, B, H, P>, Error>> {
        Some(self.fill(slot)?.map(|()| &*slot))
    }

    /// Reads the next response into `r`.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn fill(&mut self, r: &mut Response<'a, D, NS, B, H, P>) -> Option<Result<(), Error>> {
        if self.error.is_some() {
            return None;
        }
        // Up to the next response (through the same out-of-line loop as the rest: one copy
        // of it in the caller's code).
        let offset = loop {
            match self.parser.next_for_view(None::<&mut PropStat<'a, D, NS, B>>)? {
                Ok(Event::ResponseStart { offset }) => break offset,
                Ok(Event::Description(t)) => self.description = Some(t),
                Ok(Event::SyncToken(t)) => self.sync_token = Some(t),
                // Multistatus-level extensions and quirks: counted by the parser's log.
                Ok(_) => {}
                Err(e) => return self.fail(e),
            }
        };
        r.reset(offset);
        if self.scope.is_none() {
            // The bindings around a response are the multistatus's: the same for all.
            self.scope = Some(self.parser.scope());
        }
        // Inside a propstat: it is the last of `r`'s, built in place (or past the capacity,
        // then passed over: it is read again from the body when asked for).
        let mut in_propstat = false;
        let mut over = false;
        loop {
            // A propstat's properties are added to it by the parser (the first whole, the
            // others compact: no view built for them), nothing returned.
            let kept = if in_propstat && !over { r.propstats.last_mut() } else { None };
            let next = self.parser.next_for_view(kept);
            // Read where the parser returned it: moved out, each event (184 bytes) was
            // copied by a call to `memcpy` (11% of the response level's time, perf).
            let ev = match &next {
                Some(Ok(ev)) => ev,
                Some(Err(e)) => return self.fail(*e),
                // The parser ends only with an error inside a response.
                None => return None,
            };
            match *ev {
                Event::PropStatStart { offset } => {
                    in_propstat = true;
                    if r.propstats.push(PropStat::new(offset)).is_err() {
                        over = true;
                        r.propstats_past = true;
                        r.again = self.scope;
                    }
                }
                Event::PropStatEnd => in_propstat = false,
                Event::Unknown(_) => r.unknown = r.unknown.saturating_add(1),
                Event::Quirk(q) => {
                    let _ = r.quirks.push(q);
                }
                _ if in_propstat => {
                    let Some(p) = r.propstats.last_mut().filter(|_| !over) else { continue };
                    p.on_event(ev);
                }
                Event::Href(t) if r.hrefs.push(t).is_err() => {
                    r.hrefs_past = true;
                    r.again = self.scope;
                }
                Event::Href(_) => {}
                Event::Status(s) => r.status = Some(s),
                Event::Error(ref e) => r.error = Some(e.clone()),
                Event::Description(t) => r.description = Some(t),
                Event::Location(t) => r.location = Some(t),
                Event::ResponseEnd => return Some(Ok(())),
                Event::SyncToken(t) => self.sync_token = Some(t),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_are_kept_up_to_the_limit() {
        let prop = "<D:getetag>x</D:getetag><C:d xmlns:C=\"urn:c\"><C:e/></C:d><D:r/><:colon>v</:colon><x xmlns=\"\"/>";
        for n in [1usize, 3, 4, 5] {
            let props: heapless::String<512> = core::iter::repeat_n(prop, n).collect();
            let mut body: heapless::String<1024> = heapless::String::new();
            let _ = core::fmt::write(
                &mut body,
                format_args!(
                    "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/</D:href><D:propstat><D:prop>{props}</D:prop>\
                     <D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>"
                ),
            );
            let r = responses(body.as_bytes()).unwrap().next().unwrap().unwrap();
            let ps = &r.propstats[0];
            assert_eq!(ps.len(), 5 * n);
            // Up to the limit every property is kept; past it, the first ones, and the rest
            // is read again from the first that was not.
            assert_eq!(ps.kept.all_stored, 5 * n <= STORED_PROPERTIES, "{n}");
            assert_eq!(ps.kept.stored.len(), (5 * n).min(STORED_PROPERTIES));
            assert_eq!(ps.properties().count(), 5 * n);
        }
    }

    #[test]
    fn sizes_at_default_capacities() {
        // Stated in the README's memory table; a change here is a change of the API. (With
        // `small`, a reader's phase holds the markup a window cut as it is: 8 bytes more; and
        // the grammar's owed events are a plain array: 24 bytes less.)
        let phase = if cfg!(feature = "small") { 8 } else { 0 };
        let owed = if cfg!(feature = "small") { 24 } else { 0 };
        assert_eq!(core::mem::size_of::<Text<'_>>(), 24);
        assert_eq!(core::mem::size_of::<crate::Status<'_>>(), 64);
        assert_eq!(core::mem::size_of::<crate::Error>(), 8);
        assert_eq!(core::mem::size_of::<Parser<'_>>(), PARSER_BYTES + phase - owed);
        assert_eq!(core::mem::size_of::<Response<'_>>(), RESPONSE_BYTES);
        assert_eq!(core::mem::size_of::<Element<'_>>(), ELEMENT_BYTES);
        assert_eq!(core::mem::size_of::<crate::WindowParser>(), WINDOW_PARSER_BYTES + phase - owed);
        assert_eq!(core::mem::size_of::<crate::Event<'_>>(), EVENT_BYTES);
        assert_eq!(core::mem::size_of::<Responses<'_>>(), 4272 + phase - owed);
        assert_eq!(core::mem::size_of::<PropStat<'_>>(), 1256);
        assert_eq!(core::mem::size_of::<Properties<'_, '_, 32, 32, 2048>>(), 3864 + phase);
        assert_eq!(core::mem::size_of::<Hrefs<'_, '_, 32, 32, 2048>>(), 4056 + phase - owed);
        assert_eq!(core::mem::size_of::<PropStats<'_, '_, 32, 32, 2048>>(), 5312 + phase - owed);
        assert_eq!(core::mem::size_of::<Parser<'_, 8, 8, 256>>(), 1072 + phase - owed);
        assert_eq!(core::mem::size_of::<crate::WindowParser<8, 8, 256>>(), 1040 + phase - owed);
        // An element view names where the declarations in force were written: 4 bytes per `NS`.
        assert_eq!(core::mem::size_of::<Element<'_, 8, 8, 256>>(), 144 + 4 * 8);
        assert_eq!(ELEMENT_BYTES, 144 + 4 * 32);
        // With `small` no `xmlparser` stream is kept to read attributes again (`lex` reads them).
        assert_eq!(core::mem::size_of::<crate::Attributes<'_>>(), if cfg!(feature = "small") { 264 } else { 312 });
        assert_eq!(core::mem::size_of::<crate::RawAttribute<'_>>() * crate::MAX_ATTRIBUTES, 2048);
    }

    const WINDOW_PARSER_BYTES: usize = 3984;

    const PARSER_BYTES: usize = 4016;
    const RESPONSE_BYTES: usize = 5816;
    const ELEMENT_BYTES: usize = 272;
    const EVENT_BYTES: usize = 280;
}
