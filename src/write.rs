//! The writer: a streaming serialiser of multistatus bodies, without allocation. Its call
//! grammar, namespace rules and limits are documented on [`Writer`] (what users read).

use core::fmt;

use crate::date::HttpDate;
use crate::error::{Error, ErrorKind};
use crate::names::{DAV, XML_URI, XMLNS_URI};
use crate::reader::XmlReader;
use crate::text::{has_white_space_end, is_xml_char};

mod name_chars;
pub(crate) use name_chars::{is_ncname, raw_names_ok};

/// Longest prefix the writer accepts, in bytes.
pub const MAX_PREFIX_LEN: usize = 32;
/// Longest local name the writer accepts, in bytes.
pub const MAX_LOCAL_LEN: usize = 128;
/// Longest namespace URI the writer accepts, in bytes.
pub const MAX_URI_LEN: usize = 255;
/// Most extra namespaces declared on the root.
pub const MAX_ROOT_NAMESPACES: usize = 8;
/// Most bytes of extra root namespaces (prefixes and URIs) in all.
const MAX_ROOT_NAMESPACE_BYTES: usize = 512;

/// The capacities a raw value is checked with: the parser's defaults (32, 32, 2048) less what
/// the elements around a property and the root's declarations may take (see the module docs).
pub(crate) type RawChecker<'a> = XmlReader<'a, 27, 22, 896>;

/// How `DAV:` is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DavPrefix<'p> {
    /// As the default namespace: `<multistatus xmlns="DAV:">`.
    Default,
    /// With this prefix: `<D:multistatus xmlns:D="DAV:">`.
    Named(&'p str),
}

/// Writer options. Build them with [`WriterOptions::new`] and the setters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct WriterOptions<'p> {
    /// How `DAV:` is written (default: the prefix `D`).
    pub dav_prefix: DavPrefix<'p>,
    /// Whether to start with `<?xml version="1.0" encoding="utf-8"?>` (default: yes).
    pub xml_declaration: bool,
    /// Spaces of indentation per level; 0 writes no line breaks at all (default: 0).
    pub indent: u8,
    /// Extra `(prefix, URI)` namespaces declared on the root, for properties in those
    /// namespaces (at most [`MAX_ROOT_NAMESPACES`]). Not visible to raw values.
    pub namespaces: &'p [(&'p str, &'p str)],
}

impl<'p> WriterOptions<'p> {
    /// The prefix a name in `ns` is written with: `Some(prefix)` declared on the root (`""`
    /// for DAV as default), or `None` when a generated prefix must be declared.
    pub(crate) fn root_prefix(&self, ns: &str) -> Option<&'p str> {
        if ns == DAV {
            return Some(match self.dav_prefix {
                DavPrefix::Default => "",
                DavPrefix::Named(p) => p,
            });
        }
        self.namespaces.iter().find(|&&(_, u)| u == ns).map(|&(p, _)| p)
    }

    /// The defaults: prefix `D`, an XML declaration, no indentation, no extra namespace.
    pub const fn new() -> Self {
        WriterOptions { dav_prefix: DavPrefix::Named("D"), xml_declaration: true, indent: 0, namespaces: &[] }
    }

    /// Sets [`WriterOptions::dav_prefix`].
    pub const fn dav_prefix(mut self, p: DavPrefix<'p>) -> Self {
        self.dav_prefix = p;
        self
    }

    /// Sets [`WriterOptions::xml_declaration`].
    pub const fn xml_declaration(mut self, yes: bool) -> Self {
        self.xml_declaration = yes;
        self
    }

    /// Sets [`WriterOptions::indent`].
    pub const fn indent(mut self, spaces: u8) -> Self {
        self.indent = spaces;
        self
    }

    /// Sets [`WriterOptions::namespaces`].
    pub const fn namespaces(mut self, ns: &'p [(&'p str, &'p str)]) -> Self {
        self.namespaces = ns;
        self
    }
}

impl Default for WriterOptions<'_> {
    fn default() -> Self {
        Self::new()
    }
}

/// A [`fmt::Write`] into a caller's byte buffer: a write that does not fit fails (and the
/// writer reports [`ErrorKind::BufferTooSmall`]).
#[derive(Debug)]
pub struct SliceSink<'b> {
    buf: &'b mut [u8],
    len: usize,
}

impl<'b> SliceSink<'b> {
    /// An empty sink over `buf`.
    pub fn new(buf: &'b mut [u8]) -> Self {
        SliceSink { buf, len: 0 }
    }

    /// Bytes written.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes written.
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    /// The bytes written, for the buffer's lifetime.
    pub fn into_bytes(self) -> &'b [u8] {
        let len = self.len;
        let buf: &'b [u8] = self.buf;
        buf.get(..len).unwrap_or(&[])
    }
}

impl fmt::Write for SliceSink<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(fmt::Error)?;
        self.buf.get_mut(self.len..end).ok_or(fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// What may follow a propstat's `status` (RFC 4918 §14.22).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PropStatTail<'t> {
    /// The raw inner XML of a `DAV:error` (checked like a raw property value).
    pub error: Option<&'t str>,
    /// A `responsedescription` (text, escaped).
    pub description: Option<&'t str>,
}

/// What may end a response (RFC 4918 §14.24).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ResponseTail<'t> {
    /// The raw inner XML of a `DAV:error` (checked like a raw property value).
    pub error: Option<&'t str>,
    /// A `responsedescription` (text, escaped).
    pub description: Option<&'t str>,
    /// The href of a `location` (text, escaped).
    pub location: Option<&'t str>,
}

/// What may end the multistatus (RFC 4918 §14.16, RFC 6578 §6.4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MultistatusTail<'t> {
    /// A `responsedescription` (text, escaped).
    pub description: Option<&'t str>,
    /// A `sync-token` (text, escaped).
    pub sync_token: Option<&'t str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Nothing written yet.
    Start,
    /// Inside the root, between responses.
    Multistatus,
    /// Inside a propstat-form response, between propstats.
    Response,
    /// Inside a status-form response (only its tail may follow).
    StatusResponse,
    /// Inside a propstat's `prop`.
    Prop,
    /// After `finish`.
    Done,
    /// Stopped by this error.
    Failed(Error),
}

/// How a text is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Escape {
    /// Element content: `&`, `<`, `>` and CR escaped.
    Content,
    /// A double-quoted attribute value: also `"`, tab and LF.
    Attribute,
    /// CDATA sections, split around `]]>`, with CR written as a reference between sections.
    Cdata,
}

/// The streaming multistatus writer: a serialiser of multistatus bodies, without allocation.
///
/// A [`Writer`] writes into any [`core::fmt::Write`] (a `heapless::String`, a
/// `core::fmt::Formatter`, a UART adapter, ...) or, through [`SliceSink`], into a caller's
/// `&mut [u8]`. Its calls follow the grammar (RFC 4918 §14.16, §14.24, §14.22):
///
/// ```text
/// multistatus   ( begin_response(href)                      // the propstat form
///                   ( begin_propstat
///                       property_text | property_cdata | property_raw | property_empty ...
///                     end_propstat(code, reason) | end_propstat_with(.., PropStatTail) )+
///                 end_response | end_response_with(ResponseTail)
///               | begin_status_response(hrefs, code, reason) end_response[_with]
///               | status_response(hrefs, code, reason) )*
///               finish | finish_with(MultistatusTail)
/// ```
///
/// What it guarantees: everything it writes is well-formed XML that this crate's [`Parser`]
/// (with its default capacities and [`Options::strict`]) reads back to the same values (a
/// reason with `&`, `<` or `>` is escaped: then it is in [`Status::text`], not
/// [`Status::reason`]). The reader trims white space (space, tab, CR, LF, also written as a
/// reference) off both ends of an href, a location, a sync-token and a status line's reason,
/// so a value with white space at an end cannot read back identically: it is refused. It
/// escapes text (`&`, `<`, `>`, and CR as `&#13;` so that it survives line-end
/// normalisation) and attribute values; it declares every namespace it uses; it splits CDATA
/// around `]]>` (and writes a CR outside the section). What it cannot write correctly it
/// refuses, *before writing anything of that call*, and then stays stopped (every later call
/// returns the same error):
///
/// | refused | error |
/// |---|---|
/// | a status code outside 200–599 (1xx must not be recorded, RFC 4918 §13), a reason with a control character or with white space at either end | [`ErrorKind::InvalidStatus`] |
/// | a status-form response without hrefs | [`ErrorKind::MissingHref`] |
/// | a propstat-form response without propstat | [`ErrorKind::MissingStatus`] |
/// | a character that XML 1.0 does not allow, in any text, href, URI or reason | [`ErrorKind::InvalidChar`] |
/// | white space (space, tab, CR, LF) at either end of an href, a location or a sync-token | [`ErrorKind::UntrimmedValue`] |
/// | a raw-XML value that is not well-formed content | the reader's kind ([`ErrorKind::MismatchedEndTag`], [`ErrorKind::UnboundPrefix`], [`ErrorKind::UnexpectedEof`], ...) |
/// | a name that is not an `NCName` every XML 1.0 reader takes (see [Names](#names)), in a prefix, a local name or a raw value; a reserved prefix or namespace; a name over its limit | [`ErrorKind::InvalidName`] |
/// | an entity tag with a character RFC 9110's `etagc` does not allow (`"`, white space, a control) | [`ErrorKind::InvalidValue`] |
/// | a call out of order (a property outside a propstat, a propstat in a status-form response) | [`ErrorKind::WriterState`] |
/// | the sink is full (or a `fmt::Write` sink failed) | [`ErrorKind::BufferTooSmall`] |
///
/// The offset of a writer error is the number of bytes written so far.
///
/// ## Namespaces
///
/// `DAV:` is declared on the root, with the prefix of [`WriterOptions::dav_prefix`] or as the
/// default namespace. Extra namespaces may be declared on the root
/// ([`WriterOptions::namespaces`]); a property in any other namespace gets a generated prefix
/// (`ns0`, or the first `nsN` not taken) declared on the property element itself. The default
/// namespace is never declared except as `DAV:`; a property in no namespace (`ns == ""`) is
/// written unprefixed, with `xmlns=""` when `DAV:` is the default namespace.
///
/// **Raw values** ([`Writer::property_raw`], the `error` of a tail) are checked with this
/// crate's own XML reader, and their prefixes must be bound *inside the value*, with one
/// exception: the `DAV:` prefix of the options may be used as is (and, when `DAV:` is the
/// default namespace, unprefixed element names in a raw value are in `DAV:`, except inside a
/// no-namespace property, where they are in no namespace). The root's extra namespaces and the
/// generated prefixes are *not* available to raw values: a raw value that uses them is
/// refused with [`ErrorKind::UnboundPrefix`]. So `<D:href>/x</D:href>` is a fine raw value
/// with the prefix `D`, and `<C:comp xmlns:C="urn:ietf:params:xml:ns:caldav" name="VEVENT"/>`
/// is fine with any.
///
/// ## Names
///
/// The fifth edition of XML 1.0 (2008) allows almost any character in a name (`\u{FEFF}`,
/// `\u{FFFD}`, `\u{10000}`, ...); the editions before it allowed only the letters, digits,
/// combining characters and extenders of their Appendix B, and expat, which neon, Python and
/// many other clients read with, still does. This crate's reader takes fifth-edition names; the
/// writer writes only names that both editions allow, so that every XML reader takes its
/// output: a name starts with a fourth-edition letter or `_`, and goes on with letters, digits,
/// combining characters, extenders, `-`, `.` and `_`. That holds for the DAV prefix, the root's
/// extra prefixes, properties' local names, and the element and attribute names, prefixes and
/// processing-instruction targets inside raw values.
///
/// ## Limits (so that the default [`Parser`] reads every body written)
///
/// Prefixes at most 32 bytes, local names at most 128 bytes, namespace URIs at most 255 bytes;
/// at most 8 extra root namespaces, 512 bytes of them in all; a raw value nests at most 27
/// elements deep, declares at most 21 namespaces in scope at once (the property's own is the
/// 22nd), and the names of its open
/// elements plus its prefixes and URIs in scope take at most 860 bytes at any point.
///
/// ## Example: an embedded WebDAV server answering PROPFIND
///
/// ```
/// use multistatus::{DavPrefix, Parser, SliceSink, Writer, WriterOptions, ResponseTail};
///
/// struct File { path: &'static str, size: u64, etag: &'static str }
/// const FILES: [File; 2] = [
///     File { path: "/sd/log.txt", size: 1_204, etag: "\"a1\"" },
///     File { path: "/sd/Tom & Jerry.txt", size: 77, etag: "\"b2\"" },
/// ];
///
/// /// Answers `PROPFIND /sd/` (Depth: 1, `getcontentlength`, `getetag`, `quota-used-bytes`)
/// /// into the caller's buffer; returns the body's length.
/// fn propfind(buf: &mut [u8]) -> Result<usize, multistatus::Error> {
///     let options = WriterOptions::new().dav_prefix(DavPrefix::Named("D"));
///     let mut w = Writer::new(SliceSink::new(buf), options)?;
///     // The collection itself: a raw-XML resourcetype, and a property this server lacks.
///     w.begin_response("/sd/")?;
///     w.begin_propstat()?;
///     w.property_raw("DAV:", "resourcetype", "<D:collection/>")?;
///     w.end_propstat(200, "OK")?;
///     w.begin_propstat()?;
///     w.property_empty("DAV:", "quota-used-bytes")?;
///     w.end_propstat(404, "Not Found")?;
///     w.end_response()?;
///     for f in &FILES {
///         w.begin_response(f.path)?; // escaped as needed: `&` becomes `&amp;`
///         w.begin_propstat()?;
///         let mut digits = heapless::String::<20>::new();
///         core::fmt::write(&mut digits, format_args!("{}", f.size)).ok();
///         w.property_text("DAV:", "getcontentlength", &digits)?;
///         w.property_text("DAV:", "getetag", f.etag)?;
///         w.end_propstat(200, "OK")?;
///         w.end_response()?;
///     }
///     // A member that moved: the status form, with a location.
///     w.begin_status_response(&["/sd/old.txt"], 301, "Moved Permanently")?;
///     w.end_response_with(ResponseTail { location: Some("/sd/log.txt"), ..ResponseTail::default() })?;
///     Ok(w.finish()?.len())
/// }
///
/// let mut buf = [0u8; 2048];
/// let n = propfind(&mut buf).unwrap();
/// let body = &buf[..n];
/// assert!(body.starts_with(br#"<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:">"#));
///
/// // What a client sees: the same values, through this crate's parser.
/// let responses: Vec<_> = multistatus::responses(body).unwrap().map(|r| r.unwrap()).collect();
/// assert_eq!(responses.len(), 4);
/// assert!(responses[2].href().unwrap().eq_str("/sd/Tom & Jerry.txt"));
/// assert_eq!(responses[3].status().unwrap().code(), 301);
///
/// // A buffer too small is an error, never a truncated body.
/// let mut small = [0u8; 64];
/// assert_eq!(propfind(&mut small).unwrap_err().kind(), multistatus::ErrorKind::BufferTooSmall);
/// # let _ = Parser::new(body);
/// ```
///
/// [`Parser`]: crate::Parser
/// [`Options::strict`]: crate::Options::strict
/// [`Status::text`]: crate::Status::text
/// [`Status::reason`]: crate::Status::reason
#[derive(Debug)]
pub struct Writer<'p, W: fmt::Write> {
    out: W,
    opts: WriterOptions<'p>,
    state: State,
    written: usize,
    /// `N` of the generated prefix `nsN` (one not taken by the DAV or a root prefix).
    generated: u8,
    /// Whether the open propstat-form response has a propstat yet.
    has_propstat: bool,
}

pub(crate) fn check_chars(s: &str) -> Result<(), ErrorKind> {
    // Fast path: printable ASCII, tab, LF and CR are all XML characters.
    let ascii_ok = |b: u8| matches!(b, 0x20..=0x7E | b'\t' | b'\n' | b'\r');
    if s.bytes().all(ascii_ok) || s.chars().all(is_xml_char) { Ok(()) } else { Err(ErrorKind::InvalidChar) }
}

/// A prefix the writer may declare.
fn check_prefix(p: &str) -> Result<(), ErrorKind> {
    let reserved = p.eq_ignore_ascii_case("xml") || p.eq_ignore_ascii_case("xmlns");
    if is_ncname(p, MAX_PREFIX_LEN) && !reserved { Ok(()) } else { Err(ErrorKind::InvalidName) }
}

/// A namespace URI the writer may declare (`""` is handled by the caller).
pub(crate) fn check_uri(uri: &str) -> Result<(), ErrorKind> {
    check_chars(uri)?;
    if uri.len() > MAX_URI_LEN || uri == XML_URI || uri == XMLNS_URI {
        return Err(ErrorKind::InvalidName);
    }
    Ok(())
}

/// `n` in decimal, in `buf` (20 bytes hold any `u64`).
pub(crate) fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut at = buf.len();
    loop {
        at = at.saturating_sub(1);
        if let Some(d) = buf.get_mut(at) {
            // `n % 10` is below 10: the conversion never fails.
            *d = b'0'.wrapping_add(u8::try_from(n % 10).unwrap_or(0));
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    core::str::from_utf8(buf.get(at..).unwrap_or(&[])).unwrap_or("0")
}

/// A value the reader trims (an href, a location, a sync-token): XML characters, and no white
/// space at either end.
pub(crate) fn check_trimmed(s: &str) -> Result<(), ErrorKind> {
    check_chars(s)?;
    if has_white_space_end(s) { Err(ErrorKind::UntrimmedValue) } else { Ok(()) }
}

/// A status line the parser reads back: code 200–599, a reason of HTTP `reason-phrase`
/// characters (tab, space, visible ASCII, anything non-ASCII) without white space at either
/// end (the reader trims the reason), else [`ErrorKind::InvalidStatus`]; and of characters XML
/// allows, else [`ErrorKind::InvalidChar`] (as in any text: U+FFFE, U+FFFF).
fn check_status(code: u16, reason: &str) -> Result<(), ErrorKind> {
    let ok_char = |c: char| c == '\t' || c == ' ' || c.is_ascii_graphic() || !c.is_ascii();
    let ok = (200..=599).contains(&code) && reason.chars().all(ok_char) && !has_white_space_end(reason);
    if !ok {
        return Err(ErrorKind::InvalidStatus);
    }
    check_chars(reason)
}

/// The declarations every writer's root carries: DAV (as the default namespace or under its
/// prefix) and the extra namespaces of `opts`, each as ` xmlns...="..."`, through `put`.
pub(crate) fn root_declarations<E>(
    opts: &WriterOptions<'_>,
    mut put: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    match opts.dav_prefix {
        DavPrefix::Default => put(r#" xmlns="DAV:""#)?,
        DavPrefix::Named(p) => {
            put(" xmlns:")?;
            put(p)?;
            put(r#"="DAV:""#)?;
        }
    }
    for &(p, uri) in opts.namespaces {
        put(" xmlns:")?;
        put(p)?;
        put("=\"")?;
        escaped(uri, true, &mut put)?;
        put("\"")?;
    }
    Ok(())
}

/// A line end and `level` times `indent` spaces, through `put` (nothing when `indent` is 0):
/// the indentation of every writer.
pub(crate) fn newline<E>(indent: u8, level: usize, mut put: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    if indent == 0 {
        return Ok(());
    }
    put("\n")?;
    const SPACES: &str = "                                ";
    let mut n = level.saturating_mul(usize::from(indent));
    while n > 0 {
        let k = n.min(SPACES.len());
        put(SPACES.get(..k).unwrap_or(""))?;
        n = n.saturating_sub(k);
    }
    Ok(())
}

/// `s` escaped for element content (`&`, `<`, `>`, CR) or, with `attribute`, for a
/// double-quoted attribute value (also `"`, tab, LF), given piece by piece to `put`.
pub(crate) fn escaped<E>(s: &str, attribute: bool, mut put: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let mut run = 0usize;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'\r' => "&#13;",
            b'"' if attribute => "&quot;",
            b'\t' if attribute => "&#9;",
            b'\n' if attribute => "&#10;",
            _ => continue,
        };
        // `b` is ASCII, so `run..i` and `i + 1` are character boundaries.
        put(s.get(run..i).unwrap_or(""))?;
        put(rep)?;
        run = i.saturating_add(1);
    }
    put(s.get(run..).unwrap_or(""))
}

/// The three digits of a status code (already checked to be 200–599).
fn digits(code: u16) -> [u8; 3] {
    let d = |n: u16| b'0'.saturating_add(u8::try_from(n % 10).unwrap_or(0));
    [d(code / 100), d(code / 10), d(code)]
}

impl<'p, W: fmt::Write> Writer<'p, W> {
    /// A writer into `out`. Nothing is written until the first call.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidName`] for a DAV prefix or an extra namespace that cannot be
    /// declared (not an `NCName`, `xml`/`xmlns`, a duplicate prefix, over the limits),
    /// [`ErrorKind::InvalidChar`] for a URI with a character XML does not allow.
    pub fn new(out: W, opts: WriterOptions<'p>) -> Result<Self, Error> {
        let fail = |k| Error::new(k, 0);
        if let DavPrefix::Named(p) = opts.dav_prefix {
            check_prefix(p).map_err(fail)?;
        }
        if opts.namespaces.len() > MAX_ROOT_NAMESPACES {
            return Err(fail(ErrorKind::InvalidName));
        }
        let mut total = 0usize;
        for (i, &(p, uri)) in opts.namespaces.iter().enumerate() {
            check_prefix(p).map_err(fail)?;
            check_uri(uri).map_err(fail)?;
            let clash = opts.dav_prefix == DavPrefix::Named(p)
                || opts.namespaces.iter().take(i).any(|&(q, _)| q == p)
                || uri.is_empty();
            if clash {
                return Err(fail(ErrorKind::InvalidName));
            }
            total = total.saturating_add(p.len()).saturating_add(uri.len());
        }
        if total > MAX_ROOT_NAMESPACE_BYTES {
            return Err(fail(ErrorKind::InvalidName));
        }
        // `nsN` for the first N that neither the DAV prefix nor a root prefix takes (at most
        // 9 prefixes are taken, so N <= 9).
        let taken = |n: u8| {
            let is =
                |p: &str| p.len() == 3 && p.starts_with("ns") && p.as_bytes().get(2) == Some(&b'0'.saturating_add(n));
            matches!(opts.dav_prefix, DavPrefix::Named(p) if is(p)) || opts.namespaces.iter().any(|&(p, _)| is(p))
        };
        let generated = (0u8..10).find(|&n| !taken(n)).unwrap_or(9);
        Ok(Writer { out, opts, state: State::Start, written: 0, generated, has_propstat: false })
    }

    /// The error that stopped the writer, if any.
    pub fn error(&self) -> Option<Error> {
        match self.state {
            State::Failed(e) => Some(e),
            _ => None,
        }
    }

    /// Bytes written so far.
    pub fn written(&self) -> usize {
        self.written
    }

    // --- low-level output ---------------------------------------------------------------

    fn put(&mut self, s: &str) -> Result<(), Error> {
        self.out.write_str(s).map_err(|_| Error::new(ErrorKind::BufferTooSmall, self.written))?;
        self.written = self.written.saturating_add(s.len());
        Ok(())
    }

    fn put_escaped(&mut self, s: &str, how: Escape) -> Result<(), Error> {
        if how == Escape::Cdata {
            return self.put_cdata(s);
        }
        escaped(s, how == Escape::Attribute, |piece| self.put(piece))
    }

    /// CDATA sections: `]]>` becomes `]]]]><![CDATA[>`; a CR is written as `&#13;` between
    /// sections (inside one it would read back as LF).
    fn put_cdata(&mut self, s: &str) -> Result<(), Error> {
        for (i, part) in s.split('\r').enumerate() {
            if i > 0 {
                self.put("&#13;")?;
            }
            if part.is_empty() {
                continue;
            }
            self.put("<![CDATA[")?;
            for (j, piece) in part.split("]]>").enumerate() {
                if j > 0 {
                    self.put("]]]]><![CDATA[>")?;
                }
                self.put(piece)?;
            }
            self.put("]]>")?;
        }
        Ok(())
    }

    fn newline(&mut self, level: usize) -> Result<(), Error> {
        newline(self.opts.indent, level, |piece| self.put(piece))
    }

    /// `<D:local` (no `>`).
    fn open_dav(&mut self, local: &str) -> Result<(), Error> {
        self.put("<")?;
        self.dav_name(local)
    }

    fn dav_name(&mut self, local: &str) -> Result<(), Error> {
        if let DavPrefix::Named(p) = self.opts.dav_prefix {
            self.put(p)?;
            self.put(":")?;
        }
        self.put(local)
    }

    fn close_dav(&mut self, local: &str) -> Result<(), Error> {
        self.put("</")?;
        self.dav_name(local)?;
        self.put(">")
    }

    /// `<D:local>text</D:local>` on a new line at `level`.
    fn text_element(&mut self, level: usize, local: &str, text: &str) -> Result<(), Error> {
        self.newline(level)?;
        self.open_dav(local)?;
        self.put(">")?;
        self.put_escaped(text, Escape::Content)?;
        self.close_dav(local)
    }

    fn status_element(&mut self, level: usize, code: u16, reason: &str) -> Result<(), Error> {
        self.newline(level)?;
        self.open_dav("status")?;
        self.put(">HTTP/1.1 ")?;
        let d = digits(code);
        self.put(core::str::from_utf8(&d).unwrap_or("500"))?;
        if !reason.is_empty() {
            self.put(" ")?;
            self.put_escaped(reason, Escape::Content)?;
        }
        self.close_dav("status")
    }

    fn error_element(&mut self, level: usize, raw: &str) -> Result<(), Error> {
        self.newline(level)?;
        self.open_dav("error")?;
        if raw.is_empty() {
            return self.put("/>");
        }
        self.put(">")?;
        self.put(raw)?;
        self.close_dav("error")
    }

    fn start_document(&mut self) -> Result<(), Error> {
        if self.opts.xml_declaration {
            self.put(r#"<?xml version="1.0" encoding="utf-8"?>"#)?;
            self.newline(0)?;
        }
        self.open_dav("multistatus")?;
        let opts = self.opts;
        root_declarations(&opts, |piece| self.put(piece))?;
        self.put(">")
    }

    // --- checks -----------------------------------------------------------------------

    /// Runs `f` unless stopped; an error stops the writer for good.
    fn step(&mut self, f: impl FnOnce(&mut Self) -> Result<(), Error>) -> Result<(), Error> {
        if let State::Failed(e) = self.state {
            return Err(e);
        }
        let r = f(self);
        if let Err(e) = r {
            self.state = State::Failed(e);
        }
        r
    }

    fn refuse(&self, kind: ErrorKind) -> Error {
        Error::new(kind, self.written)
    }

    fn expect(&self, ok: &[State]) -> Result<(), Error> {
        if ok.contains(&self.state) { Ok(()) } else { Err(self.refuse(ErrorKind::WriterState)) }
    }

    fn check_text(&self, s: &str) -> Result<(), Error> {
        check_chars(s).map_err(|k| self.refuse(k))
    }

    /// A raw value: well-formed content whose only outside prefix is the DAV one, and whose
    /// names every XML reader accepts (see [`name_chars`]).
    fn check_raw(&self, raw: &str, no_namespace_property: bool) -> Result<(), Error> {
        let dav = match self.opts.dav_prefix {
            DavPrefix::Named(p) => Some(p),
            DavPrefix::Default if no_namespace_property => None,
            DavPrefix::Default => Some(""),
        };
        RawChecker::check_content(raw, dav).map_err(|e| self.refuse(e.kind()))?;
        if raw_names_ok(raw) { Ok(()) } else { Err(self.refuse(ErrorKind::InvalidName)) }
    }

    fn check_tail_error(&self, error: Option<&str>) -> Result<(), Error> {
        error.map_or(Ok(()), |raw| self.check_raw(raw, false))
    }

    fn check_opt_text(&self, s: Option<&str>) -> Result<(), Error> {
        s.map_or(Ok(()), |s| self.check_text(s))
    }

    /// An href, a location or a sync-token (see [`check_trimmed`]).
    fn check_trimmed(&self, s: &str) -> Result<(), Error> {
        check_trimmed(s).map_err(|k| self.refuse(k))
    }

    fn ensure_started(&mut self) -> Result<(), Error> {
        if self.state == State::Start {
            self.start_document()?;
            self.state = State::Multistatus;
        }
        Ok(())
    }

    // --- responses --------------------------------------------------------------------

    /// Opens a propstat-form response for `href` (escaped). Follow with
    /// [`Writer::begin_propstat`] calls.
    ///
    /// # Errors
    /// [`ErrorKind::WriterState`] inside a response; [`ErrorKind::InvalidChar`];
    /// [`ErrorKind::UntrimmedValue`] for white space at either end of `href`, which the
    /// parser would trim.
    pub fn begin_response(&mut self, href: &str) -> Result<(), Error> {
        self.step(|w| {
            w.expect(&[State::Start, State::Multistatus])?;
            w.check_trimmed(href)?;
            w.ensure_started()?;
            w.newline(1)?;
            w.open_dav("response")?;
            w.put(">")?;
            w.text_element(2, "href", href)?;
            w.state = State::Response;
            w.has_propstat = false;
            Ok(())
        })
    }

    /// Opens a status-form response: `hrefs` (at least one) share one status. Follow with
    /// [`Writer::end_response`] or [`Writer::end_response_with`].
    ///
    /// # Errors
    /// [`ErrorKind::MissingHref`] for no href, [`ErrorKind::InvalidStatus`],
    /// [`ErrorKind::InvalidChar`], [`ErrorKind::UntrimmedValue`] (an href with white space at
    /// an end), [`ErrorKind::WriterState`].
    pub fn begin_status_response(&mut self, hrefs: &[&str], code: u16, reason: &str) -> Result<(), Error> {
        self.step(|w| {
            w.expect(&[State::Start, State::Multistatus])?;
            if hrefs.is_empty() {
                return Err(w.refuse(ErrorKind::MissingHref));
            }
            for h in hrefs {
                w.check_trimmed(h)?;
            }
            check_status(code, reason).map_err(|k| w.refuse(k))?;
            w.ensure_started()?;
            w.newline(1)?;
            w.open_dav("response")?;
            w.put(">")?;
            for h in hrefs {
                w.text_element(2, "href", h)?;
            }
            w.status_element(2, code, reason)?;
            w.state = State::StatusResponse;
            Ok(())
        })
    }

    /// A whole status-form response (see [`Writer::begin_status_response`]).
    ///
    /// # Errors
    /// As [`Writer::begin_status_response`].
    pub fn status_response(&mut self, hrefs: &[&str], code: u16, reason: &str) -> Result<(), Error> {
        self.begin_status_response(hrefs, code, reason)?;
        self.end_response()
    }

    /// Closes the response.
    ///
    /// # Errors
    /// [`ErrorKind::WriterState`] when no response is open or a propstat is;
    /// [`ErrorKind::MissingStatus`] for a propstat-form response without propstat.
    pub fn end_response(&mut self) -> Result<(), Error> {
        self.end_response_with(ResponseTail::default())
    }

    /// Closes the response with an `error`, a `responsedescription` and a `location`.
    ///
    /// # Errors
    /// [`ErrorKind::WriterState`]; the raw `error` value's check; [`ErrorKind::InvalidChar`];
    /// [`ErrorKind::UntrimmedValue`] (a location with white space at an end).
    pub fn end_response_with(&mut self, tail: ResponseTail<'_>) -> Result<(), Error> {
        self.step(|w| {
            w.expect(&[State::Response, State::StatusResponse])?;
            if w.state == State::Response && !w.has_propstat {
                return Err(w.refuse(ErrorKind::MissingStatus));
            }
            w.check_tail_error(tail.error)?;
            w.check_opt_text(tail.description)?;
            tail.location.map_or(Ok(()), |l| w.check_trimmed(l))?;
            if let Some(raw) = tail.error {
                w.error_element(2, raw)?;
            }
            if let Some(d) = tail.description {
                w.text_element(2, "responsedescription", d)?;
            }
            if let Some(l) = tail.location {
                w.newline(2)?;
                w.open_dav("location")?;
                w.put(">")?;
                w.text_element(3, "href", l)?;
                w.newline(2)?;
                w.close_dav("location")?;
            }
            w.newline(1)?;
            w.close_dav("response")?;
            w.state = State::Multistatus;
            Ok(())
        })
    }

    // --- propstats ----------------------------------------------------------------------

    /// Opens a propstat (and its `prop`) in a propstat-form response.
    ///
    /// # Errors
    /// [`ErrorKind::WriterState`] outside a propstat-form response or inside a propstat.
    pub fn begin_propstat(&mut self) -> Result<(), Error> {
        self.step(|w| {
            w.expect(&[State::Response])?;
            w.newline(2)?;
            w.open_dav("propstat")?;
            w.put(">")?;
            w.newline(3)?;
            w.open_dav("prop")?;
            w.put(">")?;
            w.state = State::Prop;
            Ok(())
        })
    }

    /// Closes the propstat with its status (`HTTP/1.1 code reason`; `reason` may be empty, and
    /// has no white space at either end).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidStatus`], [`ErrorKind::InvalidChar`] (a reason with a character
    /// XML does not allow), [`ErrorKind::WriterState`].
    pub fn end_propstat(&mut self, code: u16, reason: &str) -> Result<(), Error> {
        self.end_propstat_with(code, reason, PropStatTail::default())
    }

    /// Closes the propstat with its status, an `error` and a `responsedescription`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidStatus`], [`ErrorKind::WriterState`], the raw `error` value's
    /// check, [`ErrorKind::InvalidChar`].
    pub fn end_propstat_with(&mut self, code: u16, reason: &str, tail: PropStatTail<'_>) -> Result<(), Error> {
        self.step(|w| {
            w.expect(&[State::Prop])?;
            check_status(code, reason).map_err(|k| w.refuse(k))?;
            w.check_tail_error(tail.error)?;
            w.check_opt_text(tail.description)?;
            w.newline(3)?;
            w.close_dav("prop")?;
            w.status_element(3, code, reason)?;
            if let Some(raw) = tail.error {
                w.error_element(3, raw)?;
            }
            if let Some(d) = tail.description {
                w.text_element(3, "responsedescription", d)?;
            }
            w.newline(2)?;
            w.close_dav("propstat")?;
            w.state = State::Response;
            w.has_propstat = true;
            Ok(())
        })
    }

    // --- properties ---------------------------------------------------------------------

    /// A property whose value is `text` (escaped). `ns` is the namespace URI (`"DAV:"`,
    /// `""` for none), `local` the local name.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidName`], [`ErrorKind::InvalidChar`], [`ErrorKind::WriterState`].
    pub fn property_text(&mut self, ns: &str, local: &str, text: &str) -> Result<(), Error> {
        self.property(ns, local, text, Escape::Content)
    }

    /// A property whose value is `text` in CDATA sections (split around `]]>`; a CR is
    /// written as a reference between sections). For iCalendar and vCard data.
    ///
    /// # Errors
    /// As [`Writer::property_text`].
    pub fn property_cdata(&mut self, ns: &str, local: &str, text: &str) -> Result<(), Error> {
        self.property(ns, local, text, Escape::Cdata)
    }

    /// A property without value: `<D:getetag/>` (as in a 404 propstat or a PROPPATCH answer).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidName`], [`ErrorKind::WriterState`].
    pub fn property_empty(&mut self, ns: &str, local: &str) -> Result<(), Error> {
        self.property(ns, local, "", Escape::Content)
    }

    /// A property whose value is raw inner XML, written as is once checked: it must be
    /// well-formed content, and its prefixes bound inside it, except the DAV prefix (see the
    /// [`Writer`'s documentation](Writer#namespaces)).
    ///
    /// # Errors
    /// The check's error kind ([`ErrorKind::MismatchedEndTag`], [`ErrorKind::UnboundPrefix`],
    /// [`ErrorKind::UnexpectedEof`], [`ErrorKind::DepthLimit`], ...), and as
    /// [`Writer::property_text`].
    pub fn property_raw(&mut self, ns: &str, local: &str, raw: &str) -> Result<(), Error> {
        self.step(|w| {
            w.expect(&[State::Prop])?;
            w.check_name(ns, local)?;
            w.check_raw(raw, ns.is_empty())?;
            w.property_start(ns, local, raw.is_empty())?;
            if !raw.is_empty() {
                w.put(raw)?;
                w.property_end(ns, local)?;
            }
            Ok(())
        })
    }

    /// A property whose value is the decimal number `n` (`getcontentlength`, RFC 4331's
    /// quota bytes).
    ///
    /// # Errors
    /// As [`Writer::property_text`].
    pub fn property_u64(&mut self, ns: &str, local: &str, n: u64) -> Result<(), Error> {
        let mut digits = [0u8; 20];
        let text = decimal(n, &mut digits);
        self.property(ns, local, text, Escape::Content)
    }

    /// A property whose value is an HTTP date in IMF-fixdate form (`getlastmodified`:
    /// `Sun, 06 Nov 1994 08:49:37 GMT`).
    ///
    /// # Errors
    /// As [`Writer::property_text`].
    pub fn property_http_date(&mut self, ns: &str, local: &str, date: HttpDate) -> Result<(), Error> {
        let mut buf = [0u8; HttpDate::LEN];
        // 29 bytes always hold an IMF-fixdate.
        let text = date.format_into(&mut buf).map_err(|_| self.refuse(ErrorKind::BufferTooSmall))?;
        self.property(ns, local, text, Escape::Content)
    }

    /// `DAV:getetag`: the entity tag `opaque`, quoted, with `W/` when `weak` (RFC 9110
    /// §8.8.3: `W/"xyzzy"`). `opaque` is what goes between the quotes.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`] when `opaque` holds a character an entity tag may not
    /// (`"`, a control, white space: RFC 9110's `etagc` is `%x21 / %x23-7E / obs-text`);
    /// [`ErrorKind::WriterState`].
    pub fn getetag(&mut self, opaque: &str, weak: bool) -> Result<(), Error> {
        self.step(|w| {
            w.expect(&[State::Prop])?;
            let etagc = |c: char| c == '!' || ('#'..='~').contains(&c) || u32::from(c) >= 0x80;
            if !opaque.chars().all(etagc) {
                return Err(w.refuse(ErrorKind::InvalidValue));
            }
            w.check_text(opaque)?;
            w.property_start(DAV, "getetag", false)?;
            w.put(if weak { "W/\"" } else { "\"" })?;
            w.put_escaped(opaque, Escape::Content)?;
            w.put("\"")?;
            w.property_end(DAV, "getetag")
        })
    }

    /// `DAV:resourcetype` of a collection (`<D:resourcetype><D:collection/></D:resourcetype>`),
    /// or of a plain resource (`<D:resourcetype/>`) when `collection` is false.
    ///
    /// # Errors
    /// [`ErrorKind::WriterState`].
    pub fn resourcetype(&mut self, collection: bool) -> Result<(), Error> {
        self.step(|w| {
            w.expect(&[State::Prop])?;
            w.property_start(DAV, "resourcetype", !collection)?;
            if collection {
                w.put("<")?;
                w.dav_name("collection")?;
                w.put("/>")?;
                w.property_end(DAV, "resourcetype")?;
            }
            Ok(())
        })
    }

    fn property(&mut self, ns: &str, local: &str, text: &str, how: Escape) -> Result<(), Error> {
        self.step(|w| {
            w.expect(&[State::Prop])?;
            w.check_name(ns, local)?;
            w.check_text(text)?;
            w.property_start(ns, local, text.is_empty())?;
            if !text.is_empty() {
                w.put_escaped(text, how)?;
                w.property_end(ns, local)?;
            }
            Ok(())
        })
    }

    fn check_name(&self, ns: &str, local: &str) -> Result<(), Error> {
        if !is_ncname(local, MAX_LOCAL_LEN) {
            return Err(self.refuse(ErrorKind::InvalidName));
        }
        if !ns.is_empty() && ns != DAV {
            check_uri(ns).map_err(|k| self.refuse(k))?;
        }
        Ok(())
    }

    /// The prefix a property in `ns` is written with (see [`WriterOptions::root_prefix`]).
    fn root_prefix(&self, ns: &str) -> Option<&'p str> {
        self.opts.root_prefix(ns)
    }

    fn put_qname(&mut self, ns: &str, local: &str) -> Result<(), Error> {
        if !ns.is_empty() {
            match self.root_prefix(ns) {
                Some("") => {}
                Some(p) => {
                    self.put(p)?;
                    self.put(":")?;
                }
                None => {
                    let d = [b'0'.saturating_add(self.generated)];
                    self.put("ns")?;
                    self.put(core::str::from_utf8(&d).unwrap_or("9"))?;
                    self.put(":")?;
                }
            }
        }
        self.put(local)
    }

    fn property_start(&mut self, ns: &str, local: &str, empty: bool) -> Result<(), Error> {
        self.newline(4)?;
        self.put("<")?;
        self.put_qname(ns, local)?;
        if ns.is_empty() {
            if self.opts.dav_prefix == DavPrefix::Default {
                self.put(r#" xmlns="""#)?;
            }
        } else if self.root_prefix(ns).is_none() {
            let d = [b'0'.saturating_add(self.generated)];
            self.put(" xmlns:ns")?;
            self.put(core::str::from_utf8(&d).unwrap_or("9"))?;
            self.put("=\"")?;
            self.put_escaped(ns, Escape::Attribute)?;
            self.put("\"")?;
        }
        self.put(if empty { "/>" } else { ">" })
    }

    fn property_end(&mut self, ns: &str, local: &str) -> Result<(), Error> {
        self.put("</")?;
        self.put_qname(ns, local)?;
        self.put(">")
    }

    // --- the end ------------------------------------------------------------------------

    /// Closes the multistatus (writing an empty one if nothing was written) and returns the
    /// sink.
    ///
    /// # Errors
    /// [`ErrorKind::WriterState`] inside a response; [`ErrorKind::BufferTooSmall`].
    pub fn finish(self) -> Result<W, Error> {
        self.finish_with(MultistatusTail::default())
    }

    /// Closes the multistatus with a `responsedescription` and a `sync-token` (RFC 6578; no
    /// white space at either end).
    ///
    /// # Errors
    /// As [`Writer::finish`]; [`ErrorKind::InvalidChar`]; [`ErrorKind::UntrimmedValue`] for
    /// a sync-token with white space at an end.
    pub fn finish_with(mut self, tail: MultistatusTail<'_>) -> Result<W, Error> {
        self.step(|w| {
            w.expect(&[State::Start, State::Multistatus])?;
            w.check_opt_text(tail.description)?;
            tail.sync_token.map_or(Ok(()), |t| w.check_trimmed(t))?;
            w.ensure_started()?;
            if let Some(d) = tail.description {
                w.text_element(1, "responsedescription", d)?;
            }
            if let Some(t) = tail.sync_token {
                w.text_element(1, "sync-token", t)?;
            }
            w.newline(0)?;
            w.close_dav("multistatus")?;
            w.state = State::Done;
            Ok(())
        })?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::multistatus::{Event, Options, Parser};

    type Out = heapless::String<4096>;

    fn writer(opts: WriterOptions<'_>) -> Writer<'_, Out> {
        Writer::new(Out::new(), opts).unwrap()
    }

    fn strict_events(body: &str) -> usize {
        let p: Parser<'_> = Parser::with_options(body.as_bytes(), Options::strict()).unwrap();
        let mut n = 0usize;
        for ev in p {
            ev.unwrap_or_else(|e| panic!("{e} in {body}"));
            n = n.saturating_add(1);
        }
        n
    }

    #[test]
    fn empty_multistatus() {
        let w = writer(WriterOptions::new());
        assert_eq!(
            w.finish().unwrap().as_str(),
            r#"<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:"></D:multistatus>"#
        );
        let w = writer(WriterOptions::new().dav_prefix(DavPrefix::Default).xml_declaration(false));
        let out = w.finish_with(MultistatusTail { description: Some("a<b"), sync_token: Some("t&1") }).unwrap();
        assert_eq!(
            out.as_str(),
            r#"<multistatus xmlns="DAV:"><responsedescription>a&lt;b</responsedescription><sync-token>t&amp;1</sync-token></multistatus>"#
        );
        strict_events(&out);
    }

    #[test]
    fn full_document_reads_back() {
        let ns = [("A", "http://apple.com/ns/ical/")];
        let mut w = writer(WriterOptions::new().dav_prefix(DavPrefix::Named("d")).indent(2).namespaces(&ns));
        w.begin_response("/a b/&").unwrap();
        w.begin_propstat().unwrap();
        w.property_text("DAV:", "displayname", "Tom & \"Jerry\" \r\n]]>").unwrap();
        w.property_text("http://apple.com/ns/ical/", "calendar-color", "#FF0000").unwrap();
        w.property_cdata("urn:ietf:params:xml:ns:caldav", "calendar-data", "BEGIN\r\nx]]>y\r\n").unwrap();
        w.property_raw("DAV:", "resourcetype", "<d:collection/><C:calendar xmlns:C=\"urn:c\"/>").unwrap();
        w.property_empty("", "plain").unwrap();
        w.end_propstat_with(200, "OK", PropStatTail { error: Some(""), description: Some("fine") }).unwrap();
        w.begin_propstat().unwrap();
        w.property_empty("urn:x", "missing").unwrap();
        w.end_propstat(404, "").unwrap();
        w.end_response_with(ResponseTail { error: Some("<d:x/>"), description: Some("d"), location: Some("/l") })
            .unwrap();
        w.status_response(&["/1", "/2"], 507, "Insufficient Storage").unwrap();
        let out = w.finish().unwrap();
        let n = strict_events(&out);
        assert!(n > 15, "{n}");
        assert!(out.contains("<ns0:calendar-data xmlns:ns0=\"urn:ietf:params:xml:ns:caldav\"><![CDATA[BEGIN]]>&#13;<![CDATA[\nx]]]]><![CDATA[>y]]>&#13;<![CDATA[\n]]></ns0:calendar-data>"), "{out}");
        assert!(out.contains("<A:calendar-color>#FF0000</A:calendar-color>"), "{out}");
        // Values read back exactly.
        let p: Parser<'_> = Parser::new(out.as_bytes()).unwrap();
        let mut props = 0usize;
        for ev in p {
            if let Event::Property(e) = ev.unwrap() {
                props = props.saturating_add(1);
                let mut s = heapless::String::<64>::new();
                match e.name().local() {
                    "displayname" => {
                        e.text().unwrap().write_to(&mut s).unwrap();
                        assert_eq!(s.as_str(), "Tom & \"Jerry\" \r\n]]>");
                    }
                    "calendar-data" => {
                        assert!(e.name().namespace().eq_uri("urn:ietf:params:xml:ns:caldav"));
                        e.text().unwrap().write_to(&mut s).unwrap();
                        assert_eq!(s.as_str(), "BEGIN\r\nx]]>y\r\n");
                    }
                    "plain" => assert!(e.name().namespace().is_none()),
                    _ => {}
                }
            }
        }
        assert_eq!(props, 6);
    }

    #[test]
    fn default_namespace_and_no_namespace_property() {
        let mut w = writer(WriterOptions::new().dav_prefix(DavPrefix::Default).xml_declaration(false));
        w.begin_response("/").unwrap();
        w.begin_propstat().unwrap();
        w.property_raw("DAV:", "resourcetype", "<collection/>").unwrap();
        w.property_raw("", "x", "<y/>").unwrap();
        w.end_propstat(200, "OK").unwrap();
        w.end_response().unwrap();
        let out = w.finish().unwrap();
        assert!(out.contains(r#"<resourcetype><collection/></resourcetype><x xmlns=""><y/></x>"#), "{out}");
        strict_events(&out);
    }

    #[test]
    fn refusals_write_nothing_and_stop() {
        let cases: &[(&str, ErrorKind)] = &[
            ("<a>", ErrorKind::UnexpectedEof),
            ("</a>", ErrorKind::MismatchedEndTag),
            ("<a></b>", ErrorKind::MismatchedEndTag),
            ("<x:a/>", ErrorKind::UnboundPrefix),
            ("<ns0:a/>", ErrorKind::UnboundPrefix),
            ("a & b", ErrorKind::InvalidReference),
            ("a ]]> b", ErrorKind::CdataEndInText),
            ("<!DOCTYPE a>", ErrorKind::MalformedMarkup),
            ("<?xml version='1.0'?>", ErrorKind::InvalidDeclaration),
            ("<a x='1' x='2'/>", ErrorKind::DuplicateAttribute),
            ("<a xmlns:p=''/>", ErrorKind::EmptyPrefixBinding),
            ("\u{0}", ErrorKind::InvalidChar),
        ];
        for &(raw, kind) in cases {
            let mut w = writer(WriterOptions::new());
            w.begin_response("/").unwrap();
            w.begin_propstat().unwrap();
            let before = w.written();
            let e = w.property_raw("DAV:", "p", raw).unwrap_err();
            assert_eq!(e.kind(), kind, "{raw:?}");
            assert_eq!(e.offset(), before);
            assert_eq!(w.written(), before);
            assert_eq!(w.end_propstat(200, "OK").unwrap_err(), e, "stays stopped");
            assert_eq!(w.error(), Some(e));
        }
        let deep: heapless::String<256> = (0..28).map(|_| "<a>").chain((0..28).map(|_| "</a>")).collect();
        let mut w = writer(WriterOptions::new());
        w.begin_response("/").unwrap();
        w.begin_propstat().unwrap();
        assert_eq!(w.property_raw("DAV:", "p", &deep).unwrap_err().kind(), ErrorKind::DepthLimit);
    }

    #[test]
    fn refusals_table() {
        type Call = fn(&mut Writer<'_, Out>) -> Result<(), Error>;
        let cases: &[(Call, ErrorKind)] = &[
            (|w| w.begin_status_response(&[], 200, "OK"), ErrorKind::MissingHref),
            (|w| w.status_response(&["/"], 100, "Continue"), ErrorKind::InvalidStatus),
            (|w| w.status_response(&["/"], 199, ""), ErrorKind::InvalidStatus),
            (|w| w.status_response(&["/"], 600, ""), ErrorKind::InvalidStatus),
            (|w| w.status_response(&["/"], 20, ""), ErrorKind::InvalidStatus),
            (|w| w.status_response(&["/"], 1000, ""), ErrorKind::InvalidStatus),
            (|w| w.status_response(&["/"], 200, "O\nK"), ErrorKind::InvalidStatus),
            (|w| w.begin_response("/\u{1}"), ErrorKind::InvalidChar),
            (|w| w.begin_response("/\u{FFFE}"), ErrorKind::InvalidChar),
            (|w| w.begin_propstat(), ErrorKind::WriterState),
            (|w| w.end_response(), ErrorKind::WriterState),
            (
                |w| {
                    w.begin_response("/")?;
                    w.end_response()
                },
                ErrorKind::MissingStatus,
            ),
            (|w| w.property_text("DAV:", "x", "y"), ErrorKind::WriterState),
            (
                |w| {
                    w.status_response(&["/"], 200, "")?;
                    w.end_propstat(200, "")
                },
                ErrorKind::WriterState,
            ),
            (
                |w| {
                    w.begin_status_response(&["/"], 200, "")?;
                    w.begin_propstat()
                },
                ErrorKind::WriterState,
            ),
            (
                |w| {
                    w.begin_response("/")?;
                    w.begin_response("/")
                },
                ErrorKind::WriterState,
            ),
        ];
        for (i, &(call, kind)) in cases.iter().enumerate() {
            let mut w = writer(WriterOptions::new());
            assert_eq!(call(&mut w).unwrap_err().kind(), kind, "case {i}");
        }
        let names: &[(&str, &str)] =
            &[("DAV:", ""), ("DAV:", "a:b"), ("DAV:", "1a"), ("DAV:", "a b"), (XML_URI, "a"), (XMLNS_URI, "a")];
        for &(ns, local) in names {
            let mut w = writer(WriterOptions::new());
            w.begin_response("/").unwrap();
            w.begin_propstat().unwrap();
            assert_eq!(w.property_empty(ns, local).unwrap_err().kind(), ErrorKind::InvalidName, "{ns} {local}");
        }
        for p in ["", "xml", "XMLNS", "a:b", "-a"] {
            let e = Writer::new(Out::new(), WriterOptions::new().dav_prefix(DavPrefix::Named(p))).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidName, "{p}");
        }
        let dup = [("a", "urn:a"), ("a", "urn:b")];
        assert!(Writer::new(Out::new(), WriterOptions::new().namespaces(&dup)).is_err());
        let clash = [("D", "urn:a")];
        assert!(Writer::new(Out::new(), WriterOptions::new().namespaces(&clash)).is_err());
    }

    #[test]
    fn generated_prefix_avoids_taken_ones() {
        let ns = [("ns0", "urn:a"), ("ns1", "urn:b")];
        let mut w = writer(WriterOptions::new().dav_prefix(DavPrefix::Named("ns2")).namespaces(&ns));
        w.begin_response("/").unwrap();
        w.begin_propstat().unwrap();
        w.property_text("urn:c", "p", "v").unwrap();
        w.property_text("urn:a", "q", "v").unwrap();
        w.end_propstat(200, "OK").unwrap();
        w.end_response().unwrap();
        let out = w.finish().unwrap();
        assert!(out.contains(r#"<ns3:p xmlns:ns3="urn:c">v</ns3:p><ns0:q>v</ns0:q>"#), "{out}");
        strict_events(&out);
    }

    #[test]
    fn slice_sink_too_small() {
        let mut buf = [0u8; 100];
        let mut w = Writer::new(SliceSink::new(&mut buf), WriterOptions::new()).unwrap();
        w.begin_response("/").unwrap();
        let e = w.begin_response("/x").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::WriterState);
        let mut buf = [0u8; 60];
        let mut w = Writer::new(SliceSink::new(&mut buf), WriterOptions::new()).unwrap();
        let e = w.begin_response("/").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::BufferTooSmall);
        assert!(e.offset() <= 60);
        let mut buf = [0u8; 200];
        let w = Writer::new(SliceSink::new(&mut buf), WriterOptions::new().xml_declaration(false)).unwrap();
        let out = w.finish().unwrap();
        assert_eq!(out.len(), out.as_bytes().len());
        assert_eq!(out.into_bytes(), br#"<D:multistatus xmlns:D="DAV:"></D:multistatus>"#);
    }

    #[test]
    fn names() {
        for ok in ["a", "_", "é", "a-b.c1", "ab\u{300}", "a\u{660}"] {
            assert!(is_ncname(ok, 128), "{ok}");
        }
        for bad in ["", "1", "-", ".", "a:b", "a b", "\u{B7}", "a\u{D7}", "\u{10000}", "\u{660}", "a\u{FEFF}"] {
            assert!(!is_ncname(bad, 128), "{bad}");
        }
        assert_eq!(digits(207), *b"207");
        assert_eq!(digits(599), *b"599");
    }
}
