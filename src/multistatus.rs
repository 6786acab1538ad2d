//! The multistatus grammar (RFC 4918 §14, RFC 6578, RFC 5842) over the XML reader: a pull
//! parser of [`Event`]s.
//!
//! ```text
//! multistatus (response*, responsedescription?, sync-token?)
//! response    (href+, (status | propstat+), error?, responsedescription?, location?)
//! propstat    (prop, status, error?, responsedescription?)
//! prop        ANY: each child element is one property
//! location    (href)
//! ```
//!
//! Children in another order than the RFC's are accepted. Unknown elements are skipped whole
//! (RFC 4918 §17) but still checked, and reported as [`Event::Unknown`]. The parser's state
//! between two events is offsets, counters and the reader's bounded storage: no borrow of the
//! input.

use crate::compact::{Compact, Pending};
use crate::element::Element;
use crate::error::{Error, ErrorKind};
use crate::names::{Lineage, Name, NsKind, Sources};
use crate::offset::Offset;
use crate::offset::plus;
use crate::pieces::{Cdata, Piece, Tag, UnitKind};
use crate::reader::{Cursor, Hold, RawEvent, RawName, View, XmlReader};
use crate::status::Status;
use crate::text::Text;
use core::fmt;

/// Parsing options. The default tolerates the benign quirks listed here, each of which real
/// servers or well-known test suites send; [`Options::strict`] rejects them all. Whatever is
/// tolerated is reported (an [`Event::Quirk`], and the parser's [`QuirkLog`]).
///
/// ```
/// use multistatus::{ErrorKind, Options, Parser};
///
/// // A propstat without status (SEARCH answers, dav4jvm's tests).
/// let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>
///   <d:propstat><d:prop><d:getetag/></d:prop></d:propstat></d:response></d:multistatus>"#;
/// assert!(Parser::new(body)?.all(|e| e.is_ok())); // tolerated (and reported)
///
/// let strict = Parser::<'_, 32, 32, 2048>::with_options(body, Options::strict())?;
/// let e = strict.filter_map(Result::err).next().unwrap();
/// assert_eq!(e.kind(), ErrorKind::MissingPropstatStatus);
///
/// // One quirk refused, the others tolerated.
/// let mut options = Options::lenient();
/// options.unbound_dav_prefix = false;
/// assert!(Parser::<'_, 32, 32, 2048>::with_options(body, options)?.all(|e| e.is_ok()));
/// # Ok::<(), multistatus::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Options {
    /// Read a prefix `DAV` that no declaration binds as the `DAV:` namespace, on an element
    /// or an attribute (reported once per start tag, at the element). lighttpd 1.4.69 writes
    /// `<DAV:getetag/>` in PROPPATCH answers. Otherwise: [`ErrorKind::UnboundPrefix`].
    pub unbound_dav_prefix: bool,
    /// Accept a `propstat` without `status` (its status is then `None`). Otherwise:
    /// [`ErrorKind::MissingPropstatStatus`].
    pub propstat_without_status: bool,
    /// Accept a `propstat` without `prop` (no properties). Otherwise:
    /// [`ErrorKind::MissingProp`].
    pub propstat_without_prop: bool,
    /// Accept a `response` with `href`s but neither `status` nor `propstat`. Otherwise:
    /// [`ErrorKind::MissingStatus`].
    pub response_without_status: bool,
    /// Read a `propfind` request holding none of `allprop`, `propname`, `prop` (nor
    /// `include`), as `<D:propfind xmlns:D="DAV:"/>`, as `allprop` (sabre/dav and others
    /// do). Otherwise: [`ErrorKind::MissingElement`].
    pub propfind_without_selection: bool,
    /// Read a `sync-collection` request without `sync-level` as level `1` (clients written
    /// against the RFC 6578 drafts omit it). Otherwise: [`ErrorKind::MissingElement`].
    pub sync_collection_without_level: bool,
}

impl Options {
    /// Tolerates every quirk (the default).
    pub const fn lenient() -> Self {
        Options {
            unbound_dav_prefix: true,
            propstat_without_status: true,
            propstat_without_prop: true,
            response_without_status: true,
            propfind_without_selection: true,
            sync_collection_without_level: true,
        }
    }

    /// Tolerates none: RFC 4918 and Namespaces in XML to the letter.
    pub const fn strict() -> Self {
        Options {
            unbound_dav_prefix: false,
            propstat_without_status: false,
            propstat_without_prop: false,
            response_without_status: false,
            propfind_without_selection: false,
            sync_collection_without_level: false,
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Self::lenient()
    }
}

/// A tolerated quirk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QuirkKind {
    /// See [`Options::unbound_dav_prefix`].
    UnboundDavPrefix,
    /// See [`Options::propstat_without_status`].
    PropstatWithoutStatus,
    /// See [`Options::propstat_without_prop`].
    PropstatWithoutProp,
    /// See [`Options::response_without_status`].
    ResponseWithoutStatus,
    /// See [`Options::propfind_without_selection`] (request bodies).
    PropfindWithoutSelection,
    /// See [`Options::sync_collection_without_level`] (request bodies).
    SyncCollectionWithoutLevel,
}

impl QuirkKind {
    /// Every kind, in order.
    pub const ALL: [QuirkKind; 6] = [
        QuirkKind::UnboundDavPrefix,
        QuirkKind::PropstatWithoutStatus,
        QuirkKind::PropstatWithoutProp,
        QuirkKind::ResponseWithoutStatus,
        QuirkKind::PropfindWithoutSelection,
        QuirkKind::SyncCollectionWithoutLevel,
    ];

    const fn index(self) -> usize {
        match self {
            QuirkKind::UnboundDavPrefix => 0,
            QuirkKind::PropstatWithoutStatus => 1,
            QuirkKind::PropstatWithoutProp => 2,
            QuirkKind::ResponseWithoutStatus => 3,
            QuirkKind::PropfindWithoutSelection => 4,
            QuirkKind::SyncCollectionWithoutLevel => 5,
        }
    }

    /// A short name.
    pub const fn as_str(self) -> &'static str {
        match self {
            QuirkKind::UnboundDavPrefix => "unbound DAV prefix",
            QuirkKind::PropstatWithoutStatus => "propstat without status",
            QuirkKind::PropstatWithoutProp => "propstat without prop",
            QuirkKind::ResponseWithoutStatus => "response without status",
            QuirkKind::PropfindWithoutSelection => "propfind without selection",
            QuirkKind::SyncCollectionWithoutLevel => "sync-collection without sync-level",
        }
    }
}

/// A tolerated quirk and the byte offset of the element that shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Quirk {
    /// Which quirk.
    pub kind: QuirkKind,
    /// Byte offset of the element.
    pub offset: usize,
}

/// How often each quirk was tolerated, and where first. 48 bytes.
///
/// ```
/// use multistatus::{Parser, QuirkKind};
///
/// // lighttpd writes `DAV:` as a prefix it never declares.
/// let body = br#"<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href>
///   <D:propstat><D:prop><DAV:getetag/></D:prop><D:status>HTTP/1.1 403 Forbidden</D:status>
///   </D:propstat></D:response></D:multistatus>"#;
/// let mut parser = Parser::new(body)?;
/// for event in parser.by_ref() {
///     event?;
/// }
/// let log = parser.quirks();
/// assert_eq!(log.count(QuirkKind::UnboundDavPrefix), 1);
/// assert_eq!(log.first_offset(QuirkKind::UnboundDavPrefix), Some(84)); // the `<DAV:getetag/>`
/// assert!(!log.is_empty());
/// assert_eq!(format!("{log:?}"), r#"{"unbound DAV prefix": (1, 84)}"#);
/// # Ok::<(), multistatus::Error>(())
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct QuirkLog {
    counts: [u32; QuirkKind::ALL.len()],
    first: [Offset; QuirkKind::ALL.len()],
}

impl QuirkLog {
    pub(crate) fn record(&mut self, q: Quirk) {
        let i = q.kind.index();
        if let (Some(c), Some(f)) = (self.counts.get_mut(i), self.first.get_mut(i)) {
            if *c == 0 {
                *f = Offset::within(q.offset);
            }
            *c = c.saturating_add(1);
        }
    }

    /// How many times `kind` was tolerated.
    pub fn count(&self, kind: QuirkKind) -> u32 {
        self.counts.get(kind.index()).copied().unwrap_or(0)
    }

    /// Where `kind` was first tolerated.
    pub fn first_offset(&self, kind: QuirkKind) -> Option<usize> {
        if self.count(kind) == 0 { None } else { self.first.get(kind.index()).map(|o| o.get()) }
    }

    /// Whether no quirk was tolerated.
    pub fn is_empty(&self) -> bool {
        self.counts.iter().all(|&c| c == 0)
    }
}

/// The quirks tolerated, each with its count and first offset:
/// `{"propstat without status": (2, 63)}`; `{}` when none was.
impl fmt::Debug for QuirkLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        for kind in QuirkKind::ALL {
            if let Some(first) = self.first_offset(kind) {
                m.entry(&kind.as_str(), &(self.count(kind), first));
            }
        }
        m.finish()
    }
}

/// A multistatus event. Events between `ResponseStart` and `ResponseEnd` belong to that
/// response; between `PropStatStart` and `PropStatEnd`, to that propstat (a `Status`,
/// `Error` or `Description` there is the propstat's).
///
/// The events of a body, in order (`Quirk` events come just before the event of the element
/// that shows the quirk, or before the end it is found at):
///
/// ```
/// use multistatus::{Event, Parser};
///
/// let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>
///   <d:propstat><d:prop><d:displayname>A</d:displayname></d:prop>
///   <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
///   <d:sync-token>tok-2</d:sync-token></d:multistatus>"#;
/// let mut kinds = heapless::Vec::<&str, 16>::new();
/// for event in Parser::new(body)? {
///     kinds.push(match event? {
///         Event::ResponseStart { .. } => "ResponseStart",
///         Event::Href(_) => "Href",
///         Event::PropStatStart { .. } => "PropStatStart",
///         Event::Property(_) => "Property",
///         Event::Status(_) => "Status",
///         Event::PropStatEnd => "PropStatEnd",
///         Event::ResponseEnd => "ResponseEnd",
///         Event::SyncToken(_) => "SyncToken",
///         _ => "other",
///     }).unwrap();
/// }
/// assert_eq!(kinds, ["ResponseStart", "Href", "PropStatStart", "Property", "Status",
///                    "PropStatEnd", "ResponseEnd", "SyncToken"]);
/// # Ok::<(), multistatus::Error>(())
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Event<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    /// `<response>` at this offset.
    ResponseStart {
        /// Byte offset of the start tag.
        offset: usize,
    },
    /// An `href` of the response (trimmed).
    Href(Text<'a>),
    /// A `status`: of the response (status form) or of the current propstat.
    Status(Status<'a>),
    /// `<propstat>` at this offset.
    PropStatStart {
        /// Byte offset of the start tag.
        offset: usize,
    },
    /// One property: a child element of `prop`.
    Property(Element<'a, D, NS, B>),
    /// The end of the propstat.
    PropStatEnd,
    /// A `DAV:error` element (of the response or of the propstat).
    Error(Element<'a, D, NS, B>),
    /// A `responsedescription` (of the multistatus, the response or the propstat), exact
    /// (not trimmed). Markup inside it is allowed (RFC 3744 §5.1.2) and left out of its value.
    Description(Text<'a>),
    /// The `href` inside `location` (trimmed).
    Location(Text<'a>),
    /// The end of the response.
    ResponseEnd,
    /// The multistatus `sync-token` (RFC 6578), trimmed.
    SyncToken(Text<'a>),
    /// An element the grammar does not know, skipped whole (RFC 4918 §17).
    Unknown(Element<'a, D, NS, B>),
    /// A tolerated quirk (see [`Options`]).
    Quirk(Quirk),
    /// Pieces mode of the windowed parser only ([`crate::WindowParser::in_pieces`]): a unit
    /// (a property, an `error`, an unknown element or a `responsedescription`, which the
    /// whole-body parser gives whole) starts: what it is, and its start tag. Its
    /// [`Event::Piece`]s follow, then its [`Event::UnitEnd`]. (A quirk that its tag shows
    /// comes just after it.)
    UnitStart {
        /// What the unit is.
        kind: UnitKind,
        /// Its start tag.
        tag: Tag<'a, D, NS, B>,
    },
    /// Pieces mode: a piece of the content of the unit being read.
    Piece(Piece<'a, D, NS, B>),
    /// Pieces mode: the unit ends (its end tag, or the end of its empty-element tag).
    UnitEnd {
        /// What the unit was.
        kind: UnitKind,
        /// Byte offset of the end tag's `</` (its end, for an empty-element tag).
        offset: usize,
        /// Byte offset just after the end tag.
        end: usize,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ctx {
    Root,
    Multistatus,
    Response,
    PropStat,
    Prop,
    Location,
    AfterRoot,
}

/// The `DAV:` elements the grammar knows by their local name (`Other`: any other name, or a
/// name in another namespace).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DavName {
    Multistatus,
    Response,
    ResponseDescription,
    SyncToken,
    Href,
    Status,
    PropStat,
    Error,
    Location,
    Prop,
    Other,
}

impl DavName {
    /// The element a `DAV:` local name names. Its length and first byte pick the one name it
    /// can be, then one comparison says whether it is: one short dispatch instead of a search
    /// through ten names (a `match` on the byte strings measured 880 bytes of code at
    /// `opt-level = "z"`). Out of line: inlined, it measured more instructions (+0.2 to
    /// +0.5%) and more code.
    #[cfg(not(feature = "small"))]
    fn of(local: &[u8]) -> Self {
        let (name, known): (&[u8], _) = match (local.len(), local.first()) {
            (11, Some(b'm')) => (b"multistatus", DavName::Multistatus),
            (8, Some(b'r')) => (b"response", DavName::Response),
            (19, _) => (b"responsedescription", DavName::ResponseDescription),
            (10, _) => (b"sync-token", DavName::SyncToken),
            (4, Some(b'h')) => (b"href", DavName::Href),
            (6, _) => (b"status", DavName::Status),
            (8, Some(b'p')) => (b"propstat", DavName::PropStat),
            (5, _) => (b"error", DavName::Error),
            (8, Some(b'l')) => (b"location", DavName::Location),
            (4, Some(b'p')) => (b"prop", DavName::Prop),
            _ => return DavName::Other,
        };
        if crate::scan::eq_short(local, name) { known } else { DavName::Other }
    }

    /// With `small`: the name found in one string of the ten, each after its length.
    #[cfg(feature = "small")]
    fn of(local: &[u8]) -> Self {
        const NAMES: &[u8] = b"\x0bmultistatus\x08response\x13responsedescription\x0async-token\x04href\x06status\x08propstat\x05error\x08location\x04prop";
        const KNOWN: [DavName; 10] = [
            DavName::Multistatus,
            DavName::Response,
            DavName::ResponseDescription,
            DavName::SyncToken,
            DavName::Href,
            DavName::Status,
            DavName::PropStat,
            DavName::Error,
            DavName::Location,
            DavName::Prop,
        ];
        let mut rest = NAMES;
        for known in KNOWN {
            let Some((&len, tail)) = rest.split_first() else { break };
            let Some((name, next)) = tail.split_at_checked(usize::from(len)) else { break };
            if name == local {
                return known;
            }
            rest = next;
        }
        DavName::Other
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CaptureKind {
    Property,
    Error,
    Unknown,
    /// A `responsedescription`: text, but markup is allowed in it (RFC 3744 §5.1.2 puts a
    /// `DAV:error` there); its value is the string value, tags left out.
    Description,
}

impl CaptureKind {
    /// What a unit of this kind is called in pieces mode.
    fn unit(self) -> UnitKind {
        match self {
            CaptureKind::Property => UnitKind::Property,
            CaptureKind::Error => UnitKind::Error,
            CaptureKind::Unknown => UnitKind::Unknown,
            CaptureKind::Description => UnitKind::Description,
        }
    }
}

/// Pieces mode: the unit being read. A windowed parser keeps it (`Option<Option<Unit>>`, one
/// byte: pieces mode off, on between units, on inside one), outside the grammar, which stays
/// the size it is for the whole-body parser. Its depth is not kept: the grammar's context
/// does not change inside a unit, and says it ([`Grammar::unit_depth`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Unit {
    kind: UnitKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TextTarget {
    Href,
    Status,
    SyncToken,
    LocationHref,
}

/// A text-only element being read: offsets only.
#[derive(Clone, Copy, Debug)]
struct TextCapture {
    target: TextTarget,
    content_start: Offset,
    /// The text read: its start, its end, and whether it needs no unescaping.
    run: Option<(Offset, Offset, bool)>,
}

#[derive(Clone, Debug)]
struct Capture {
    kind: CaptureKind,
    depth: usize,
    start: usize,
    content_start: usize,
    has_children: bool,
}

#[derive(Clone, Copy, Debug, Default)]
struct ResponseState {
    start: Offset,
    hrefs: u32,
    status: bool,
    propstats: u32,
    error: bool,
    description: bool,
    location: bool,
}

#[derive(Clone, Copy, Debug, Default)]
struct PropStatState {
    start: Offset,
    prop: bool,
    status: bool,
    error: bool,
    description: bool,
}

#[derive(Clone, Copy, Debug, Default)]
struct LocationState {
    start: Offset,
    href: bool,
}

#[derive(Clone, Copy, Debug, Default)]
struct MultistatusState {
    description: bool,
    sync_token: bool,
}

/// An event owed after the one being returned.
#[derive(Clone, Copy, Debug)]
enum Owed {
    Quirk(Quirk),
    PropStatEnd,
    ResponseEnd,
}

impl Owed {
    fn event<'a, const D: usize, const NS: usize, const B: usize>(self) -> Event<'a, D, NS, B> {
        match self {
            Owed::Quirk(q) => Event::Quirk(q),
            Owed::PropStatEnd => Event::PropStatEnd,
            Owed::ResponseEnd => Event::ResponseEnd,
        }
    }
}

/// With `small`: which element a start tag is in a context, as a table (see
/// [`START_RULES`]).
#[cfg(feature = "small")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flag {
    None,
    MultistatusDescription,
    SyncToken,
    ResponseStatus,
    ResponseError,
    ResponseDescription,
    Location,
    Prop,
    PropStatStatus,
    PropStatError,
    PropStatDescription,
    LocationHref,
}

/// With `small`: the events owed, first first, in a plain array (a deque's indices cost code).
#[cfg(feature = "small")]
#[derive(Clone, Copy, Debug)]
struct OwedQueue([Option<Owed>; 4]);

#[cfg(feature = "small")]
impl OwedQueue {
    fn is_empty(&self) -> bool {
        matches!(self.0, [None, ..])
    }

    fn push_back(&mut self, owed: Owed) -> Result<(), Owed> {
        match self.0.iter_mut().find(|o| o.is_none()) {
            Some(slot) => {
                *slot = Some(owed);
                Ok(())
            }
            None => Err(owed),
        }
    }

    fn pop_front(&mut self) -> Option<Owed> {
        let [first, a, b, c] = self.0;
        self.0 = [a, b, c, None];
        first
    }
}

/// With `small`: what a known start tag does.
#[cfg(feature = "small")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Then {
    Capture(CaptureKind),
    Text(TextTarget),
    Open(Ctx),
}

/// With `small`: the grammar's known elements, by context and name: the flag that refuses a
/// second one (`Flag::None`: any number) and what the start does. Any other start is an
/// error at the root and after it, else a property (in `prop`) or an unknown element.
#[cfg(feature = "small")]
const START_RULES: [(Ctx, DavName, Flag, Then); 15] = [
    (Ctx::Root, DavName::Multistatus, Flag::None, Then::Open(Ctx::Multistatus)),
    (Ctx::Multistatus, DavName::Response, Flag::None, Then::Open(Ctx::Response)),
    (
        Ctx::Multistatus,
        DavName::ResponseDescription,
        Flag::MultistatusDescription,
        Then::Capture(CaptureKind::Description),
    ),
    (Ctx::Multistatus, DavName::SyncToken, Flag::SyncToken, Then::Text(TextTarget::SyncToken)),
    (Ctx::Response, DavName::Href, Flag::None, Then::Text(TextTarget::Href)),
    (Ctx::Response, DavName::Status, Flag::ResponseStatus, Then::Text(TextTarget::Status)),
    (Ctx::Response, DavName::PropStat, Flag::None, Then::Open(Ctx::PropStat)),
    (Ctx::Response, DavName::Error, Flag::ResponseError, Then::Capture(CaptureKind::Error)),
    (Ctx::Response, DavName::ResponseDescription, Flag::ResponseDescription, Then::Capture(CaptureKind::Description)),
    (Ctx::Response, DavName::Location, Flag::Location, Then::Open(Ctx::Location)),
    (Ctx::PropStat, DavName::Prop, Flag::Prop, Then::Open(Ctx::Prop)),
    (Ctx::PropStat, DavName::Status, Flag::PropStatStatus, Then::Text(TextTarget::Status)),
    (Ctx::PropStat, DavName::Error, Flag::PropStatError, Then::Capture(CaptureKind::Error)),
    (Ctx::PropStat, DavName::ResponseDescription, Flag::PropStatDescription, Then::Capture(CaptureKind::Description)),
    (Ctx::Location, DavName::Href, Flag::LocationHref, Then::Text(TextTarget::LocationHref)),
];

/// The grammar's state: offsets and counters, no borrow of the input.
#[derive(Clone, Debug)]
pub(crate) struct Grammar<const NS: usize> {
    options: Options,
    ctx: Ctx,
    capture: Option<Capture>,
    text: Option<TextCapture>,
    response: ResponseState,
    propstat: PropStatState,
    location: LocationState,
    multistatus: MultistatusState,
    #[cfg(not(feature = "small"))]
    owed: heapless::Deque<Owed, 4>,
    #[cfg(feature = "small")]
    owed: OwedQueue,
    quirks: QuirkLog,
}

/// The streaming multistatus parser over a whole body.
///
/// Capacities (const generics, see the crate docs, *Memory bounds*): `D` element depth (default
/// 32), `NS` namespace bindings in scope at once (32), `B` bytes for the names of open
/// elements and the prefixes and URIs in scope (2048).
///
/// After an error, `next` returns `None`: the parser stays stopped ([`Parser::error`] keeps
/// the error).
///
/// ```
/// use multistatus::{Event, Parser};
///
/// let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a/</d:href>
///   <d:propstat><d:prop><d:getetag>"1"</d:getetag></d:prop>
///   <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#;
/// let mut parser = Parser::new(body)?;
/// let mut seen = heapless::Vec::<&str, 8>::new();
/// while let Some(event) = parser.next_event() {
///     let name = match event? {
///         Event::ResponseStart { .. } => "response",
///         Event::Href(h) => h.raw(),
///         Event::Property(p) => p.name().local(),
///         Event::Status(s) => s.reason(),
///         _ => continue,
///     };
///     seen.push(name).unwrap();
/// }
/// assert!(parser.is_done());
/// assert_eq!(seen, ["response", "/a/", "getetag", "OK"]);
/// # Ok::<(), multistatus::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Parser<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    reader: XmlReader<'a, D, NS, B>,
    grammar: Grammar<NS>,
    error: Option<Error>,
    done: bool,
}

impl<'a> Parser<'a> {
    /// A parser with the default capacities and options.
    ///
    /// # Errors
    /// [`ErrorKind::InputTooLarge`] above 4 GiB. Bytes that are not UTF-8 are not refused
    /// here but by the event at them (see [`Parser::with_options`]).
    pub fn new(body: &'a [u8]) -> Result<Self, Error> {
        Self::with_options(body, Options::default())
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Parser<'a, D, NS, B> {
    /// A parser with these options (and the capacities of its type).
    ///
    /// Errors are reported in document order: bytes that are not UTF-8 are
    /// [`ErrorKind::InvalidUtf8`] at the first bad byte, once everything before it has been
    /// read ([`ErrorKind::UnexpectedEof`] when the body ends inside a UTF-8 sequence), as a
    /// windowed parser reports them.
    ///
    /// # Errors
    /// [`ErrorKind::InputTooLarge`] above 4 GiB.
    pub fn with_options(body: &'a [u8], options: Options) -> Result<Self, Error> {
        // Every offset into the body is an `Offset`: checked here, once.
        Offset::new(body.len()).map_err(|k| Error::new(k, crate::offset::MAX_LEN))?;
        let (input, cut) = valid_prefix(body, 0, true);
        Ok(Parser {
            reader: XmlReader::with_cut(input, options.unbound_dav_prefix, cut),
            grammar: Grammar::new(options),
            error: None,
            done: false,
        })
    }

    /// The error that stopped the parser, if any.
    pub fn error(&self) -> Option<Error> {
        self.error
    }

    /// Whether the whole body was read and found valid.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The quirks tolerated so far.
    pub fn quirks(&self) -> &QuirkLog {
        &self.grammar.quirks
    }

    /// The options in force.
    pub fn options(&self) -> Options {
        self.grammar.options
    }

    /// The next event: `None` at the end of a valid body, or after an error (returned once).
    pub fn next_event(&mut self) -> Option<Result<Event<'a, D, NS, B>, Error>> {
        self.next_with(None::<&mut NoSink>)
    }

    /// For the response view: the next event, where every property whose parts fit in a
    /// [`Compact`] is handed to `kept` (the propstat being read) and not returned: the first
    /// of a propstat with its view (what its siblings share: body, lineage, options), the
    /// others compact, no view built for them; the loop goes on to the next event. Out of line: inlined into the response builder it measured
    /// no faster.
    #[inline(never)]
    pub(crate) fn next_for_view<S: PropertySink<'a, D, NS, B>>(
        &mut self,
        kept: Option<&mut S>,
    ) -> Option<Result<Event<'a, D, NS, B>, Error>> {
        self.next_with(kept)
    }

    /// The grammar's next event (`kept`: see [`Parser::next_for_view`]; `None` for the event
    /// level, where that branch folds away): [`pull`], then the view of what it completed.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn next_with<S: PropertySink<'a, D, NS, B>>(
        &mut self,
        kept: Option<&mut S>,
    ) -> Option<Result<Event<'a, D, NS, B>, Error>> {
        if self.error.is_some() || self.done {
            return None;
        }
        // Built where it is returned: each move of an event (280 bytes) costs.
        let next = pull::<_, _, Result<Event<'a, D, NS, B>, Error>, D, NS, B>(
            &mut self.grammar,
            // With `small` the cursor is made here; by default it is the reader's own.
            #[allow(clippy::needless_borrow)]
            &mut self.reader.cursor(),
            true,
            kept,
            None,
        );
        match next {
            Some(Ok(ev)) => Some(Ok(ev)),
            Some(Err(e)) => self.fail(e),
            None => match self.reader.error() {
                Some(e) => self.fail(e),
                None => {
                    self.done = true;
                    None
                }
            },
        }
    }

    /// For the response view: where a response can be read again, taken at its start (the
    /// body, the bindings in force around it, the options).
    pub(crate) fn scope(&self) -> Scope<'a, NS> {
        Scope { src: self.reader.sources(), lineage: self.reader.parent_lineage(), options: self.grammar.options }
    }

    /// For the response view: the same grammar over the body again, from the `response`
    /// start tag at `start` (read as a child of the multistatus, in `scope`). Its events are
    /// those of the first read, up to that response's `ResponseEnd`, where its reader stops.
    pub(crate) fn again(scope: &Scope<'a, NS>, start: usize) -> Self {
        let (src, end) = (scope.src, plus!(scope.src.input.len(), scope.src.base));
        let quirk = scope.options.unbound_dav_prefix;
        let start = start.saturating_sub(src.base);
        let reader = XmlReader::fragment(src, start, end.saturating_sub(src.base), scope.lineage, quirk);
        let mut grammar = Grammar::new(scope.options);
        grammar.ctx = Ctx::Multistatus;
        Parser { reader, grammar, error: None, done: false }
    }

    /// Stops at `e` (returned once).
    fn fail<T>(&mut self, e: Error) -> Option<Result<T, Error>> {
        self.error = Some(e);
        Some(Err(e))
    }
}

/// Where a response of a body can be read again (see [`Parser::again`]): the body, the
/// bindings in force around its responses, the options.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scope<'a, const NS: usize> {
    src: Sources<'a>,
    lineage: Lineage<'a, NS>,
    options: Options,
}

/// Where [`Parser::next_for_view`] hands the properties it keeps compact instead of returning
/// them as events (the response view's store: the grammar does not know it).
pub(crate) trait PropertySink<'a, const D: usize, const NS: usize, const B: usize> {
    /// One more property, in document order.
    fn keep(&mut self, c: Compact);
    /// Whether the sink keeps a first property whole already.
    fn has_first(&self) -> bool;
    /// The first property: its view, kept whole (what the rest share: body, lineage,
    /// options), and its compact form.
    fn keep_first(&mut self, e: Element<'a, D, NS, B>, c: Compact);
}

/// The sink of the event level, which keeps nothing (no value: the branch folds away).
pub(crate) enum NoSink {}

/// What [`pull`] makes of what it found: a whole-body parser its event (built where it is
/// returned, names and lineage read from the body), a windowed one the grammar's event
/// (built once the reader's state is borrowed for as long as the event: see `Feed`).
pub(crate) trait Outcome<'w, const D: usize, const NS: usize, const B: usize> {
    /// An event the grammar completed, with the reader that read it.
    fn of<R: Hold<D, NS, B>>(cur: &Cursor<'w, R, D, NS, B>, g: GEvent<'w, D, NS, B>) -> Self;
    /// An event the grammar owed.
    fn owed(ev: Event<'w, D, NS, B>) -> Self;
    /// The reader's or the grammar's error.
    fn error(e: Error) -> Self;
}

impl<'w, const D: usize, const NS: usize, const B: usize> Outcome<'w, D, NS, B> for Result<Event<'w, D, NS, B>, Error> {
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn of<R: Hold<D, NS, B>>(cur: &Cursor<'w, R, D, NS, B>, g: GEvent<'w, D, NS, B>) -> Self {
        match g {
            GEvent::Ready(ev) => Ok(ev),
            g => g.build(cur.sources(), |n| cur.name_of(n), || Ok(cur.parent_lineage()), cur.dav_prefix_quirk()),
        }
    }
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn owed(ev: Event<'w, D, NS, B>) -> Self {
        Ok(ev)
    }
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn error(e: Error) -> Self {
        Err(e)
    }
}

impl<'w, const D: usize, const NS: usize, const B: usize> Outcome<'w, D, NS, B>
    for Result<GEvent<'w, D, NS, B>, Error>
{
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn of<R: Hold<D, NS, B>>(_: &Cursor<'w, R, D, NS, B>, g: GEvent<'w, D, NS, B>) -> Self {
        Ok(g)
    }
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn owed(ev: Event<'w, D, NS, B>) -> Self {
        Ok(GEvent::Ready(ev))
    }
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn error(e: Error) -> Self {
        Err(e)
    }
}

/// The one event loop of both parsers, the whole-body [`Parser`] and the windowed
/// `Feed`: the events the grammar owes first (when `owed`: a windowed parser measuring a
/// unit gives none), then XML events from `cur` into `grammar` until it completes one, made
/// into the caller's [`Outcome`] `O`. A property whose parts fit in a [`Compact`] goes to
/// `kept`, if given (the first of a propstat with its view, built from the body: only a
/// whole-body parser gives a sink), and the loop goes on. `None` when the reader has no more (the body is
/// done, or a window needs more of it); an error of the reader leaves it stopped
/// ([`ReaderState::error`]), one of the grammar does not.
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) fn pull<'w, R, S, O, const D: usize, const NS: usize, const B: usize>(
    grammar: &mut Grammar<NS>,
    cur: &mut Cursor<'w, R, D, NS, B>,
    owed: bool,
    mut kept: Option<&mut S>,
    mut pieces: Option<&mut Option<Unit>>,
) -> Option<O>
where
    R: Hold<D, NS, B>,
    S: PropertySink<'w, D, NS, B>,
    O: Outcome<'w, D, NS, B>,
{
    let g = loop {
        if owed
            && !grammar.owed.is_empty()
            && let Some(ev) = grammar.owed_event()
        {
            return Some(O::owed(ev));
        }
        // Inside a unit read in pieces, white space is text of the unit. (`pieces` is `None`
        // for the whole-body parser, where this folds away.)
        let in_unit = pieces.as_deref().is_some_and(Option::is_some);
        cur.set_skip_blank(grammar.ignores_blank_text() && !in_unit);
        let ev = match cur.next_raw()? {
            Ok(ev) => ev,
            Err(e) => return Some(O::error(e)),
        };
        let step = match pieces.as_deref_mut() {
            Some(unit) => grammar.on_event_pieces(ev, cur.view(), unit),
            None => grammar.on_event(ev, cur.view()),
        };
        let g = match step {
            Ok(None) => continue,
            Ok(Some(g)) => g,
            Err(e) => return Some(O::error(e)),
        };
        if let (Some(k), GEvent::Element { kind: Made::Whole(CaptureKind::Property), name, pending, at, end }) =
            (kept.as_deref_mut(), &g)
            && let Some(c) = cur.compact_of(*name, *pending, *at, *end)
        {
            if !k.has_first() {
                // The first property of a propstat, kept whole: its view built here and
                // handed over, never returned (moved out as an event, copied whole, its
                // compact form made again from it, it cost about 400 instructions).
                let lineage = cur.parent_lineage();
                let el = Element::finish_alone(
                    cur.sources(),
                    cur.name_of(*name),
                    *pending,
                    lineage,
                    *at,
                    *end,
                    cur.dav_prefix_quirk(),
                );
                k.keep_first(el, c);
            } else {
                k.keep(c);
            }
            continue;
        }
        break g;
    };
    Some(O::of(cur, g))
}

impl<'a, const D: usize, const NS: usize, const B: usize> PropertySink<'a, D, NS, B> for NoSink {
    fn keep(&mut self, _: Compact) {
        match *self {}
    }
    fn has_first(&self) -> bool {
        match *self {}
    }
    fn keep_first(&mut self, _: Element<'a, D, NS, B>, _: Compact) {
        match *self {}
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Iterator for Parser<'a, D, NS, B> {
    type Item = Result<Event<'a, D, NS, B>, Error>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_event()
    }
}

/// What the grammar gives back for one XML event: an event, or the parts of an element
/// whose name (and scope, for a windowed parser) are read when it is handed out.
pub(crate) enum GEvent<'w, const D: usize, const NS: usize, const B: usize> {
    Ready(Event<'w, D, NS, B>),
    Element { kind: Made, name: RawName, pending: Pending, at: usize, end: usize },
}

/// What a [`GEvent::Element`] is made into: an element read whole, or (pieces mode) a start
/// tag, as an element that ends with it, of a unit or of a child inside one. (One kind of
/// grammar event, so that the view is built in one place of the reader's hottest code.)
#[derive(Clone, Copy, Debug)]
pub(crate) enum Made {
    Whole(CaptureKind),
    UnitStart(UnitKind),
    Child,
}

impl<'w, const D: usize, const NS: usize, const B: usize> GEvent<'w, D, NS, B> {
    /// Pieces mode: the start tag from `start` to `end` (offsets in the body), made as `made`.
    fn tag(made: Made, name: RawName, start: usize, end: usize) -> Self {
        let pending = Pending { start, content_start: end, has_children: false };
        GEvent::Element { kind: made, name, pending, at: end, end }
    }

    /// The event: `src` and `name` read the body (and, windowed, the arena); `lineage` says
    /// where an element's bindings in force were declared.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn build<'x>(
        self,
        src: Sources<'x>,
        name: impl FnOnce(RawName) -> Name<'x>,
        lineage: impl FnOnce() -> Result<Lineage<'x, NS>, Error>,
        dav_prefix_quirk: bool,
    ) -> Result<Event<'x, D, NS, B>, Error>
    where
        'w: 'x,
    {
        match self {
            GEvent::Ready(e) => Ok(e),
            GEvent::Element { kind, name: n, pending, at, end } => {
                let el = Element::finish(src, name(n), pending, lineage()?, at, end, dav_prefix_quirk);
                Ok(match kind {
                    Made::Whole(CaptureKind::Property) => Event::Property(el),
                    Made::Whole(CaptureKind::Error) => Event::Error(el),
                    Made::Whole(CaptureKind::Unknown | CaptureKind::Description) => Event::Unknown(el),
                    Made::UnitStart(kind) => Event::UnitStart { kind, tag: Tag::new(el) },
                    Made::Child => Event::Piece(Piece::Start(Tag::new(el))),
                })
            }
        }
    }
}

/// The longest valid UTF-8 prefix of `bytes` (which start at `base` in the body), and why
/// the input stops there (`None` when all of it is valid, or when it ends inside a sequence
/// and more may follow).
pub(crate) fn valid_prefix(bytes: &[u8], base: usize, is_final: bool) -> (&str, Option<Error>) {
    match core::str::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).and_then(|b| core::str::from_utf8(b).ok()).unwrap_or("");
            let (kind, at) = match e.error_len() {
                Some(_) => (ErrorKind::InvalidUtf8, e.valid_up_to()),
                // The body ends inside a UTF-8 sequence: cut off.
                None if is_final => (ErrorKind::UnexpectedEof, bytes.len()),
                None => return (valid, None),
            };
            (valid, Some(Error::new(kind, base.saturating_add(at))))
        }
    }
}

impl<const NS: usize> Grammar<NS> {
    /// The next event owed after the last one, if any.
    pub(crate) fn owed_event<'a, const D: usize, const B: usize>(&mut self) -> Option<Event<'a, D, NS, B>> {
        self.owed.pop_front().map(Owed::event)
    }

    /// The earliest byte offset of the body that the element or text being read needs.
    pub(crate) fn keep_from(&self) -> Option<usize> {
        match (&self.capture, &self.text) {
            (Some(c), _) => Some(c.start),
            (None, Some(t)) => Some(t.content_start.get()),
            (None, None) => None,
        }
    }

    /// Whether a text run of white space only would be ignored now (anywhere but in a
    /// text-only element: an element being captured is read again from its raw slice): the
    /// reader may then skip it.
    pub(crate) fn ignores_blank_text(&self) -> bool {
        self.text.is_none()
    }

    /// The quirks tolerated so far.
    pub(crate) fn quirk_log(&self) -> &QuirkLog {
        &self.quirks
    }

    /// Where the last `response`, `propstat` and `location` started: the offsets of the
    /// errors found at their ends, which a windowed parse may have dropped by then.
    #[cfg(any(feature = "embedded-io", feature = "embedded-io-async"))]
    pub(crate) fn element_starts(&self) -> [usize; 3] {
        [self.response.start.get(), self.propstat.start.get(), self.location.start.get()]
    }

    pub(crate) fn new(options: Options) -> Self {
        Grammar {
            options,
            ctx: Ctx::Root,
            capture: None,
            text: None,
            response: ResponseState::default(),
            propstat: PropStatState::default(),
            location: LocationState::default(),
            multistatus: MultistatusState::default(),
            #[cfg(not(feature = "small"))]
            owed: heapless::Deque::new(),
            #[cfg(feature = "small")]
            owed: OwedQueue([None; 4]),
            quirks: QuirkLog::default(),
        }
    }

    /// Pieces mode: one XML event (`unit`: the unit being read, kept by the caller). Inside
    /// a unit, each is a piece (an empty one is none); a start tag that begins a unit gives
    /// its [`Event::UnitStart`]; else as [`Grammar::on_event`].
    pub(crate) fn on_event_pieces<'w, const D: usize, const B: usize>(
        &mut self,
        ev: RawEvent<'w>,
        reader: View<'_, 'w, D, NS, B>,
        current: &mut Option<Unit>,
    ) -> Result<Option<GEvent<'w, D, NS, B>>, Error> {
        let base = reader.base();
        let abs = |at: u32| plus!(base, crate::offset::widen(at));
        let Some(unit) = *current else {
            // With `small`, the grammar's answer is given back as it came, not taken apart
            // and made again: that copied the event (184 bytes at `<8, 8, 256>`) through a
            // second slot of the parse loop's frame (a windowed parse's peak stack 192 bytes
            // more). By default the same change cost 176 to 688 bytes of code and saved at
            // most 16 bytes of stack.
            #[cfg(feature = "small")]
            let g = self.on_event(ev, reader);
            #[cfg(not(feature = "small"))]
            let g = Ok(self.on_event(ev, reader)?);
            if g.is_ok()
                && let (RawEvent::Start { name, .. }, Some(c)) = (ev, self.capture.take())
            {
                // A unit starts: given in pieces instead of captured.
                let kind = c.kind.unit();
                debug_assert_eq!(c.depth, self.unit_depth());
                *current = Some(Unit { kind });
                return Ok(Some(GEvent::tag(Made::UnitStart(kind), name, c.start, c.content_start)));
            }
            return g;
        };
        let piece = match ev {
            RawEvent::Start { name, start, end, dav_attribute, .. } => {
                self.start_quirk(name, dav_attribute, abs(start), reader);
                return Ok(Some(GEvent::tag(Made::Child, name, abs(start), abs(end))));
            }
            RawEvent::End { start, end, .. } if plus!(reader.depth(), 1) == self.unit_depth() => {
                *current = None;
                return Ok(Some(GEvent::Ready(Event::UnitEnd { kind: unit.kind, offset: abs(start), end: abs(end) })));
            }
            RawEvent::End { start, end, .. } => Piece::End { offset: abs(start), end: abs(end) },
            RawEvent::Text(t) if t.is_empty() => return Ok(None),
            RawEvent::Text(t) => Piece::Text(t),
            RawEvent::Cdata("", _) => return Ok(None),
            RawEvent::Cdata(raw, at) => Piece::Cdata(Cdata::new(raw, at)),
            // (Offsets in the body already, as a CDATA piece's.)
            RawEvent::Char { value, start, end } => {
                Piece::CharRef { value, offset: crate::offset::widen(start), end: crate::offset::widen(end) }
            }
        };
        Ok(Some(GEvent::Ready(Event::Piece(piece))))
    }

    /// The reader's depth inside a unit's start tag in the current context (the root is at
    /// depth 1): a unit is a child of the element the context names.
    fn unit_depth(&self) -> usize {
        match self.ctx {
            Ctx::Root | Ctx::AfterRoot => 1,
            Ctx::Multistatus => 2,
            Ctx::Response => 3,
            Ctx::PropStat | Ctx::Location => 4,
            Ctx::Prop => 5,
        }
    }

    /// The unbound-`DAV`-prefix quirk of a start tag, if it shows it: reported once, at the
    /// element, whether its own prefix or one of its attributes' is the quirk.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn start_quirk<const D: usize, const B: usize>(
        &mut self,
        name: RawName,
        dav_attribute: bool,
        at: usize,
        reader: View<'_, '_, D, NS, B>,
    ) -> NsKind {
        let kind = reader.ns_kind(name.ns());
        if kind == NsKind::DavByQuirk || dav_attribute {
            self.quirk(QuirkKind::UnboundDavPrefix, at);
        }
        kind
    }

    fn quirk(&mut self, kind: QuirkKind, offset: usize) {
        let q = Quirk { kind, offset };
        self.quirks.record(q);
        // At most three are owed at once (two propstat quirks and its end, or one response
        // quirk and its end), so this cannot overflow.
        let _ = self.owed.push_back(Owed::Quirk(q));
    }

    /// One XML event (its namespaces not read yet: the grammar only needs their kinds, and
    /// what it gives back borrows nothing but the input).
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn on_event<'w, const D: usize, const B: usize>(
        &mut self,
        ev: RawEvent<'w>,
        reader: View<'_, 'w, D, NS, B>,
    ) -> Result<Option<GEvent<'w, D, NS, B>>, Error> {
        let base = reader.base();
        let abs = |at: u32| plus!(base, crate::offset::widen(at));
        match ev {
            RawEvent::Start { name, start, end, dav_attribute, .. } => {
                let kind = self.start_quirk(name, dav_attribute, abs(start), reader);
                let dav = matches!(kind, NsKind::Dav | NsKind::DavByQuirk);
                self.on_start(dav, name.local_bytes(reader.input()), abs(start), abs(end), reader)
                    .map(|o| o.map(GEvent::Ready))
            }
            RawEvent::Text(t) => self.on_text(t).map(|o| o.map(GEvent::Ready)),
            RawEvent::End { name, start, end } => self.on_end(name, abs(start), abs(end), reader),
            // Only read in pieces mode, inside a unit (see `on_event_pieces`).
            RawEvent::Cdata(..) | RawEvent::Char { .. } => Ok(None),
        }
    }

    #[cfg(not(feature = "small"))]
    fn dup(seen: &mut bool, at: usize) -> Result<(), Error> {
        if core::mem::replace(seen, true) { Err(Error::new(ErrorKind::DuplicateElement, at)) } else { Ok(()) }
    }

    #[cfg(not(feature = "small"))]
    fn capture<const D: usize, const B: usize>(
        &mut self,
        kind: CaptureKind,
        start: usize,
        content_start: usize,
        reader: View<'_, '_, D, NS, B>,
    ) {
        self.capture = Some(Capture { kind, depth: reader.depth(), start, content_start, has_children: false });
    }

    fn text_only(&mut self, target: TextTarget, content_start: usize) {
        self.text = Some(TextCapture { target, content_start: Offset::within(content_start), run: None });
    }

    #[cfg(not(feature = "small"))]
    #[inline(always)]
    fn on_start<'a, const D: usize, const B: usize>(
        &mut self,
        dav: bool,
        local: &[u8],
        at: usize,
        content_start: usize,
        reader: View<'_, '_, D, NS, B>,
    ) -> Result<Option<Event<'a, D, NS, B>>, Error> {
        if let Some(c) = self.capture.as_mut() {
            c.has_children = true;
            return Ok(None);
        }
        if self.text.is_some() {
            return Err(Error::new(ErrorKind::UnexpectedElement, at));
        }
        // A property (the most frequent start) needs no name.
        if self.ctx == Ctx::Prop {
            self.capture(CaptureKind::Property, at, content_start, reader);
            return Ok(None);
        }
        let name = if dav { DavName::of(local) } else { DavName::Other };
        match (self.ctx, name) {
            (Ctx::Root, DavName::Multistatus) => self.ctx = Ctx::Multistatus,
            (Ctx::Root, _) => return Err(Error::new(ErrorKind::NotMultistatus, at)),
            (Ctx::Multistatus, DavName::Response) => {
                self.response = ResponseState { start: Offset::within(at), ..ResponseState::default() };
                self.ctx = Ctx::Response;
                return Ok(Some(Event::ResponseStart { offset: at }));
            }
            (Ctx::Multistatus, DavName::ResponseDescription) => {
                Self::dup(&mut self.multistatus.description, at)?;
                self.capture(CaptureKind::Description, at, content_start, reader);
            }
            (Ctx::Multistatus, DavName::SyncToken) => {
                Self::dup(&mut self.multistatus.sync_token, at)?;
                self.text_only(TextTarget::SyncToken, content_start);
            }
            (Ctx::Response, DavName::Href) => {
                if self.response.propstats > 0 && self.response.hrefs > 0 {
                    return Err(Error::new(ErrorKind::InvalidResponse, at));
                }
                self.text_only(TextTarget::Href, content_start);
            }
            (Ctx::Response, DavName::Status) => {
                if self.response.propstats > 0 {
                    return Err(Error::new(ErrorKind::InvalidResponse, at));
                }
                Self::dup(&mut self.response.status, at)?;
                self.text_only(TextTarget::Status, content_start);
            }
            (Ctx::Response, DavName::PropStat) => {
                if self.response.status || self.response.hrefs > 1 {
                    return Err(Error::new(ErrorKind::InvalidResponse, at));
                }
                self.response.propstats = self.response.propstats.saturating_add(1);
                self.propstat = PropStatState { start: Offset::within(at), ..PropStatState::default() };
                self.ctx = Ctx::PropStat;
                return Ok(Some(Event::PropStatStart { offset: at }));
            }
            (Ctx::Response, DavName::Error) => {
                Self::dup(&mut self.response.error, at)?;
                self.capture(CaptureKind::Error, at, content_start, reader);
            }
            (Ctx::Response, DavName::ResponseDescription) => {
                Self::dup(&mut self.response.description, at)?;
                self.capture(CaptureKind::Description, at, content_start, reader);
            }
            (Ctx::Response, DavName::Location) => {
                Self::dup(&mut self.response.location, at)?;
                self.location = LocationState { start: Offset::within(at), href: false };
                self.ctx = Ctx::Location;
            }
            (Ctx::PropStat, DavName::Prop) => {
                Self::dup(&mut self.propstat.prop, at)?;
                self.ctx = Ctx::Prop;
            }
            (Ctx::PropStat, DavName::Status) => {
                Self::dup(&mut self.propstat.status, at)?;
                self.text_only(TextTarget::Status, content_start);
            }
            (Ctx::PropStat, DavName::Error) => {
                Self::dup(&mut self.propstat.error, at)?;
                self.capture(CaptureKind::Error, at, content_start, reader);
            }
            (Ctx::PropStat, DavName::ResponseDescription) => {
                Self::dup(&mut self.propstat.description, at)?;
                self.capture(CaptureKind::Description, at, content_start, reader);
            }
            (Ctx::Prop, _) => self.capture(CaptureKind::Property, at, content_start, reader),
            (Ctx::Location, DavName::Href) => {
                Self::dup(&mut self.location.href, at)?;
                self.text_only(TextTarget::LocationHref, content_start);
            }
            // Unknown here: skipped whole (RFC 4918 §17), reported as `Unknown`.
            (Ctx::Multistatus | Ctx::Response | Ctx::PropStat | Ctx::Location, _) => {
                self.capture(CaptureKind::Unknown, at, content_start, reader);
            }
            // The reader allows no element after the root.
            (Ctx::AfterRoot, _) => return Err(Error::new(ErrorKind::ContentAfterRoot, at)),
        }
        Ok(None)
    }

    /// With `small`: [`Grammar::start`], its answer made an event here (all at `at`).
    #[cfg(feature = "small")]
    fn on_start<'a, const D: usize, const B: usize>(
        &mut self,
        dav: bool,
        local: &[u8],
        at: usize,
        content_start: usize,
        reader: View<'_, '_, D, NS, B>,
    ) -> Result<Option<Event<'a, D, NS, B>>, Error> {
        match self.start(dav, local, at, content_start, reader.depth()) {
            Ok(None) => Ok(None),
            Ok(Some(Ctx::Response)) => Ok(Some(Event::ResponseStart { offset: at })),
            Ok(Some(_)) => Ok(Some(Event::PropStatStart { offset: at })),
            Err(kind) => Err(Error::new(kind, at)),
        }
    }

    /// With `small`: a start tag read by the rules of [`START_RULES`], the same grammar as the
    /// default build's `match`, one error path. Gives the context opened when its start is an
    /// event (`Response`, `PropStat`).
    #[cfg(feature = "small")]
    #[inline(never)]
    fn start(
        &mut self,
        dav: bool,
        local: &[u8],
        at: usize,
        content_start: usize,
        depth: usize,
    ) -> Result<Option<Ctx>, ErrorKind> {
        if let Some(c) = self.capture.as_mut() {
            c.has_children = true;
            return Ok(None);
        }
        if self.text.is_some() {
            return Err(ErrorKind::UnexpectedElement);
        }
        let ctx = self.ctx;
        let name = if dav && ctx != Ctx::Prop { DavName::of(local) } else { DavName::Other };
        let found = START_RULES.iter().find(|r| r.0 == ctx && r.1 == name).map(|r| (r.2, r.3));
        let (flag, then) = match (found, ctx) {
            (Some(rule), _) => rule,
            (None, Ctx::Root) => return Err(ErrorKind::NotMultistatus),
            (None, Ctx::AfterRoot) => return Err(ErrorKind::ContentAfterRoot),
            (None, Ctx::Prop) => (Flag::None, Then::Capture(CaptureKind::Property)),
            (None, _) => (Flag::None, Then::Capture(CaptureKind::Unknown)),
        };
        let r = self.response;
        let invalid = ctx == Ctx::Response
            && match name {
                DavName::Href => r.propstats > 0 && r.hrefs > 0,
                DavName::Status => r.propstats > 0,
                DavName::PropStat => r.status || r.hrefs > 1,
                _ => false,
            };
        if invalid {
            return Err(ErrorKind::InvalidResponse);
        }
        if let Some(seen) = self.flag(flag)
            && core::mem::replace(seen, true)
        {
            return Err(ErrorKind::DuplicateElement);
        }
        match then {
            Then::Capture(kind) => {
                self.capture = Some(Capture { kind, depth, start: at, content_start, has_children: false });
            }
            Then::Text(target) => self.text_only(target, content_start),
            Then::Open(open) => {
                self.ctx = open;
                let start = Offset::within(at);
                match open {
                    Ctx::Response => self.response = ResponseState { start, ..ResponseState::default() },
                    Ctx::PropStat => {
                        self.response.propstats = self.response.propstats.saturating_add(1);
                        self.propstat = PropStatState { start, ..PropStatState::default() };
                    }
                    Ctx::Location => self.location = LocationState { start, href: false },
                    _ => return Ok(None),
                }
                if open != Ctx::Location {
                    return Ok(Some(open));
                }
            }
        }
        Ok(None)
    }

    /// With `small`: the flag that says whether the element `flag` names was seen.
    #[cfg(feature = "small")]
    fn flag(&mut self, flag: Flag) -> Option<&mut bool> {
        Some(match flag {
            Flag::None => return None,
            Flag::MultistatusDescription => &mut self.multistatus.description,
            Flag::SyncToken => &mut self.multistatus.sync_token,
            Flag::ResponseStatus => &mut self.response.status,
            Flag::ResponseError => &mut self.response.error,
            Flag::ResponseDescription => &mut self.response.description,
            Flag::Location => &mut self.response.location,
            Flag::Prop => &mut self.propstat.prop,
            Flag::PropStatStatus => &mut self.propstat.status,
            Flag::PropStatError => &mut self.propstat.error,
            Flag::PropStatDescription => &mut self.propstat.description,
            Flag::LocationHref => &mut self.location.href,
        })
    }

    #[cfg_attr(not(feature = "small"), inline(always))]
    fn on_text<'a, const D: usize, const B: usize>(
        &mut self,
        t: Text<'a>,
    ) -> Result<Option<Event<'a, D, NS, B>>, Error> {
        if self.capture.is_some() {
            return Ok(None);
        }
        if let Some(tc) = self.text.as_mut() {
            let end = plus!(t.offset(), t.raw().len());
            tc.run = Some((Offset::within(t.offset()), Offset::within(end), t.is_plain()));
            return Ok(None);
        }
        if t.is_blank() { Ok(None) } else { Err(Error::new(ErrorKind::UnexpectedText, t.offset())) }
    }

    #[cfg_attr(not(feature = "small"), inline(always))]
    fn on_end<'w, const D: usize, const B: usize>(
        &mut self,
        name: RawName,
        at: usize,
        end: usize,
        reader: View<'_, 'w, D, NS, B>,
    ) -> Result<Option<GEvent<'w, D, NS, B>>, Error> {
        // Offsets are in the body; the reader's input starts at its base.
        let (input, base) = (reader.input(), reader.base());
        let slice = |from: usize, to: usize| {
            crate::scan::sub(input, from.saturating_sub(base), to.saturating_sub(base)).unwrap_or("")
        };
        if let Some(c) = self.capture.as_ref() {
            if plus!(reader.depth(), 1) != c.depth {
                return Ok(None);
            }
            let kind = c.kind;
            let pending = Pending { start: c.start, content_start: c.content_start, has_children: c.has_children };
            self.capture = None;
            if kind == CaptureKind::Description {
                let raw = slice(pending.content_start, at);
                return Ok(Some(GEvent::Ready(Event::Description(Text::content(raw, pending.content_start)))));
            }
            return Ok(Some(GEvent::Element { kind: Made::Whole(kind), name, pending, at, end }));
        }
        if let Some(tc) = self.text.take() {
            let text = match tc.run {
                Some((s, e, plain)) => Text::scanned(slice(s.get(), e.get()), s.get(), plain),
                None => Text::empty(tc.content_start.get()),
            };
            // With `small`, trimmed once (a status line is trimmed again, a no-op).
            #[cfg(feature = "small")]
            {
                let text = text.trim();
                return Ok(Some(GEvent::Ready(match tc.target {
                    TextTarget::Href => {
                        self.response.hrefs = self.response.hrefs.saturating_add(1);
                        Event::Href(text)
                    }
                    TextTarget::Status => Event::Status(Status::parse(text)?),
                    TextTarget::SyncToken => Event::SyncToken(text),
                    TextTarget::LocationHref => Event::Location(text),
                })));
            }
            #[cfg(not(feature = "small"))]
            return Ok(Some(GEvent::Ready(match tc.target {
                TextTarget::Href => {
                    self.response.hrefs = self.response.hrefs.saturating_add(1);
                    Event::Href(text.trim())
                }
                TextTarget::Status => Event::Status(Status::parse(text)?),
                TextTarget::SyncToken => Event::SyncToken(text.trim()),
                TextTarget::LocationHref => Event::Location(text.trim()),
            })));
        }
        match self.ctx {
            Ctx::Multistatus => {
                self.ctx = Ctx::AfterRoot;
                Ok(None)
            }
            Ctx::Response => {
                self.end_response()?;
                self.ctx = Ctx::Multistatus;
                Ok(None)
            }
            Ctx::PropStat => {
                self.end_propstat()?;
                self.ctx = Ctx::Response;
                Ok(None)
            }
            Ctx::Prop => {
                self.ctx = Ctx::PropStat;
                Ok(None)
            }
            Ctx::Location => {
                if !self.location.href {
                    return Err(Error::new(ErrorKind::MissingLocationHref, self.location.start.get()));
                }
                self.ctx = Ctx::Response;
                Ok(None)
            }
            Ctx::Root | Ctx::AfterRoot => Ok(None),
        }
    }

    fn end_response(&mut self) -> Result<(), Error> {
        let r = self.response;
        let at = r.start.get();
        if r.hrefs == 0 {
            return Err(Error::new(ErrorKind::MissingHref, at));
        }
        if !r.status && r.propstats == 0 {
            if !self.options.response_without_status {
                return Err(Error::new(ErrorKind::MissingStatus, at));
            }
            self.quirk(QuirkKind::ResponseWithoutStatus, at);
        }
        let _ = self.owed.push_back(Owed::ResponseEnd);
        Ok(())
    }

    fn end_propstat(&mut self) -> Result<(), Error> {
        let p = self.propstat;
        let at = p.start.get();
        if !p.prop {
            if !self.options.propstat_without_prop {
                return Err(Error::new(ErrorKind::MissingProp, at));
            }
            self.quirk(QuirkKind::PropstatWithoutProp, at);
        }
        if !p.status {
            if !self.options.propstat_without_status {
                return Err(Error::new(ErrorKind::MissingPropstatStatus, at));
            }
            self.quirk(QuirkKind::PropstatWithoutStatus, at);
        }
        let _ = self.owed.push_back(Owed::PropStatEnd);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::DavName;

    /// The ten names, each found; every other name of their lengths (one byte changed, any
    /// byte) and their prefixes and extensions, none.
    #[test]
    fn dav_name_of_finds_exactly_the_ten_names() {
        let known: [(&[u8], DavName); 10] = [
            (b"multistatus", DavName::Multistatus),
            (b"response", DavName::Response),
            (b"responsedescription", DavName::ResponseDescription),
            (b"sync-token", DavName::SyncToken),
            (b"href", DavName::Href),
            (b"status", DavName::Status),
            (b"propstat", DavName::PropStat),
            (b"error", DavName::Error),
            (b"location", DavName::Location),
            (b"prop", DavName::Prop),
        ];
        for (name, want) in known {
            assert_eq!(DavName::of(name), want);
            for i in 0..name.len() {
                for b in 0..=u8::MAX {
                    let mut other = [0u8; 32];
                    other[..name.len()].copy_from_slice(name);
                    other[i] = b;
                    let other = &other[..name.len()];
                    let expected = known.iter().find(|(n, _)| *n == other).map_or(DavName::Other, |k| k.1);
                    assert_eq!(DavName::of(other), expected, "{:?}", core::str::from_utf8(other));
                }
            }
            assert_eq!(DavName::of(&name[..name.len() - 1]), DavName::Other);
            let mut longer = [b'x'; 32];
            longer[..name.len()].copy_from_slice(name);
            assert_eq!(DavName::of(&longer[..=name.len()]), DavName::Other);
        }
        assert_eq!(DavName::of(b""), DavName::Other);
    }
}
