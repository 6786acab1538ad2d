//! Errors: a small `Copy` value with a kind and the byte offset of the offending markup.

use core::fmt;

/// What is wrong with a body. `#[non_exhaustive]`: new kinds may come in minor releases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    // --- input and prolog -------------------------------------------------------------
    /// The body is not UTF-8 (the offset is the first bad byte).
    InvalidUtf8,
    /// The XML declaration names an encoding other than UTF-8 or US-ASCII.
    UnsupportedEncoding,
    /// The XML declaration is malformed, or appears anywhere but at the very start.
    InvalidDeclaration,
    /// A `<!DOCTYPE`: DTDs (and so entity declarations) are refused, always.
    DoctypeNotAllowed,
    /// The body holds no element at all (empty, white space, comments only).
    NoRootElement,
    /// Something other than white space, a comment or a processing instruction after the root.
    ContentAfterRoot,
    /// Character data outside the root element.
    TextOutsideRoot,
    // --- well-formedness ----------------------------------------------------------------
    /// The body ends inside the root element (a truncated body).
    UnexpectedEof,
    /// An end tag does not match the open element.
    MismatchedEndTag,
    /// A start tag, end tag, attribute, comment, CDATA section or processing instruction is
    /// malformed (the tokenizer refused it).
    MalformedMarkup,
    /// A character that XML 1.0 does not allow (`Char`), raw or as a reference.
    InvalidChar,
    /// An `&` that is not one of the five predefined entities or a valid character reference.
    InvalidReference,
    /// `]]>` in character data.
    CdataEndInText,
    /// The same attribute twice on one element (after namespace resolution).
    DuplicateAttribute,
    // --- namespaces ---------------------------------------------------------------------
    /// An element or attribute prefix that no `xmlns:` declaration binds.
    UnboundPrefix,
    /// The prefix `xml` declared to a URI other than its own (Namespaces in XML 1.0 §3).
    XmlPrefixRebound,
    /// The prefix `xmlns` declared (`xmlns:xmlns="..."`: it is never declared).
    XmlnsPrefixDeclared,
    /// A prefix or the default namespace bound to the `xml` or the `xmlns` namespace URI.
    ReservedUriBound,
    /// `xmlns:p=""`: a prefix declared to the empty URI (undeclaring a prefix is XML 1.1 only).
    EmptyPrefixBinding,
    /// An element or attribute named with the prefix `xmlns` (which names no namespace).
    XmlnsPrefixUsed,
    // --- the multistatus grammar (RFC 4918 §14) -----------------------------------------
    /// The root element is not `DAV:multistatus`.
    NotMultistatus,
    /// Non-white-space text where only elements may stand (in `multistatus`, `response`,
    /// `propstat`, `location`).
    UnexpectedText,
    /// An element inside an element that only holds text (`href`, `status`, ...).
    UnexpectedElement,
    /// A `response` without `href`.
    MissingHref,
    /// A `response` with neither `status` nor `propstat` (strict mode).
    MissingStatus,
    /// A `propstat` without `status` (strict mode).
    MissingPropstatStatus,
    /// A `propstat` without `prop` (strict mode).
    MissingProp,
    /// A `response` that has both a response-level `status` and `propstat`s, or several
    /// `href`s with `propstat`s (two `status` elements are [`ErrorKind::DuplicateElement`]).
    InvalidResponse,
    /// An element that may appear at most once appears twice (`prop`, `status`, `error`,
    /// `responsedescription`, `location`, `sync-token`).
    DuplicateElement,
    /// A `location` without its `href`.
    MissingLocationHref,
    /// A status line that is not `HTTP/x.y NNN reason`, or a 1xx code.
    InvalidStatus,
    // --- bounds -------------------------------------------------------------------------
    /// Elements nested deeper than the parser's depth capacity.
    DepthLimit,
    /// More namespace declarations in scope than the parser's capacity.
    NamespaceLimit,
    /// Element names or namespace URIs in scope need more bytes than the name storage holds.
    NameStorageLimit,
    /// No longer returned (kept so that code matching on it still compiles): the response
    /// view reads the `href`s and `propstat`s past its capacities again from the body
    /// instead of failing.
    ResponseLimit,
    /// More attributes on one element than the duplicate check can hold.
    AttributeLimit,
    /// The caller's buffer is too small (for `Text::unescape_into`, whose `Text::unescaped_len`
    /// is the size needed; the writer).
    BufferTooSmall,
    /// The body is larger than 4 GiB (offsets are 32-bit).
    InputTooLarge,
    /// Windowed parsing: the window given does not start where the parser needs it (after
    /// [`crate::WindowParser::keep_from`] or before the previous window).
    WindowMisplaced,
    /// Windowed parsing: a unit (see the crate docs, *Windowed*) does not fit in the buffer;
    /// the offset is its start.
    WindowTooSmall,
    /// `parse_from`: the source said it read more bytes than the room it was given (an
    /// `embedded_io::Read` that breaks its contract); the offset is where that read went.
    /// The parser stops.
    SourceOverrun,
    /// `parse_from`: the source failed (its error was returned once, as `ReadError::Io`).
    /// What it had given and the parser had not read yet is lost with `parse_from`'s buffer,
    /// so the parser stops: every later call gives this error, at the offset where the read
    /// failed.
    SourceFailed,
    // --- the writer -----------------------------------------------------------------------
    /// The writer was given a name it cannot write: a prefix or local name that is not an
    /// XML `NCName`, a reserved prefix or namespace, or a name or URI over its length limit.
    InvalidName,
    /// The writer was given an href, a `location` href or a sync-token with white space
    /// (space, tab, CR, LF) at an end: the reader trims these values, so it would not read
    /// back identically.
    UntrimmedValue,
    /// The writer was given a value that is not of its property's syntax (an entity tag with
    /// a quote, a control or white space in it).
    InvalidValue,
    /// A writer call out of order (a property outside a propstat, a second call after
    /// `finish`, ...).
    WriterState,
    // --- request bodies (`crate::request`) and the other DAV bodies ------------------------
    /// The root element is not the one the reader expects (`propfind` for a PROPFIND,
    /// `DAV:error` for an error body, `DAV:prop` for a LOCK answer, ...); the offset is the
    /// root's.
    UnexpectedRoot,
    /// An element the grammar requires is missing (a `propfind` with none of `allprop`,
    /// `propname`, `prop` under [`Options::strict`](crate::Options::strict); a `set` without
    /// `prop`; a multiget without `href`; a LOCK answer without `lockdiscovery`; ...). The
    /// offset is the element that lacks it.
    MissingElement,
    /// Elements that exclude each other (`allprop` and `prop` in one `propfind`, `include`
    /// with `propname` or `prop`, `exclusive` and `shared` in one `lockscope`); the offset is
    /// where the body first conflicts, in document order.
    ConflictingElements,
    /// A text value not of its element's syntax (a `sync-level` other than `1` or
    /// `infinite`, an `nresults` that is not a positive 32-bit decimal number).
    InvalidElementValue,
    /// The body is an HTML page, not XML (a `<!DOCTYPE html>` or an `<html>` root, in any
    /// case): a server's error page. The offset is the `<!DOCTYPE` or `<html`.
    HtmlPage,
}

impl ErrorKind {
    /// A short description, used by `Display`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidUtf8 => "invalid UTF-8",
            ErrorKind::UnsupportedEncoding => "unsupported encoding (only UTF-8 and US-ASCII)",
            ErrorKind::InvalidDeclaration => "invalid or misplaced XML declaration",
            ErrorKind::DoctypeNotAllowed => "DOCTYPE is not allowed",
            ErrorKind::NoRootElement => "no root element",
            ErrorKind::ContentAfterRoot => "content after the root element",
            ErrorKind::TextOutsideRoot => "text outside the root element",
            ErrorKind::UnexpectedEof => "unexpected end of input (truncated body)",
            ErrorKind::MismatchedEndTag => "end tag does not match the open element",
            ErrorKind::MalformedMarkup => "malformed markup",
            ErrorKind::InvalidChar => "character not allowed in XML",
            ErrorKind::InvalidReference => "invalid entity or character reference",
            ErrorKind::CdataEndInText => "']]>' in character data",
            ErrorKind::DuplicateAttribute => "duplicate attribute",
            ErrorKind::UnboundPrefix => "unbound namespace prefix",
            ErrorKind::XmlPrefixRebound => "the xml prefix declared to another URI",
            ErrorKind::XmlnsPrefixDeclared => "the xmlns prefix declared",
            ErrorKind::ReservedUriBound => "a prefix bound to the xml or xmlns namespace URI",
            ErrorKind::EmptyPrefixBinding => "a prefix declared to the empty URI",
            ErrorKind::XmlnsPrefixUsed => "a name with the xmlns prefix",
            ErrorKind::NotMultistatus => "root element is not DAV:multistatus",
            ErrorKind::UnexpectedText => "text where only elements are allowed",
            ErrorKind::UnexpectedElement => "element inside a text-only element",
            ErrorKind::MissingHref => "response without href",
            ErrorKind::MissingStatus => "response without status or propstat",
            ErrorKind::MissingPropstatStatus => "propstat without status",
            ErrorKind::MissingProp => "propstat without prop",
            ErrorKind::InvalidResponse => {
                "response mixes the status and propstat forms (a status beside propstats, or several hrefs with propstats)"
            }
            ErrorKind::DuplicateElement => "element appears more than once",
            ErrorKind::MissingLocationHref => "location without href",
            ErrorKind::InvalidStatus => "invalid status line",
            ErrorKind::DepthLimit => "nesting deeper than the depth capacity (the parser's `D`)",
            ErrorKind::NamespaceLimit => "more namespace declarations in scope than the capacity (`NS`)",
            ErrorKind::NameStorageLimit => "names in scope exceed the name storage (`B` bytes)",
            ErrorKind::ResponseLimit => "response exceeds the response view's capacity",
            ErrorKind::AttributeLimit => "more attributes than the duplicate check holds (`MAX_ATTRIBUTES`)",
            ErrorKind::BufferTooSmall => "buffer too small",
            ErrorKind::InputTooLarge => "input larger than 4 GiB",
            ErrorKind::WindowMisplaced => "window does not start where the parser needs it",
            ErrorKind::WindowTooSmall => "a unit of the body does not fit in the buffer",
            ErrorKind::SourceOverrun => "the source read more bytes than the room it was given",
            ErrorKind::SourceFailed => "the source failed: the parse cannot resume",
            ErrorKind::UntrimmedValue => "white space at an end of a value the reader trims",
            ErrorKind::InvalidValue => "value not of its property's syntax",
            ErrorKind::InvalidName => "name or namespace the writer cannot write",
            ErrorKind::WriterState => "writer call out of order",
            ErrorKind::UnexpectedRoot => "root element is not the one expected",
            ErrorKind::MissingElement => "a required element is missing",
            ErrorKind::ConflictingElements => "elements that exclude each other",
            ErrorKind::InvalidElementValue => "element value not of its syntax",
            ErrorKind::HtmlPage => "an HTML page, not XML",
        }
    }

    /// Whether this is a capacity limit of the parser rather than a defect of the body.
    pub const fn is_limit(self) -> bool {
        matches!(
            self,
            ErrorKind::DepthLimit
                | ErrorKind::NamespaceLimit
                | ErrorKind::NameStorageLimit
                | ErrorKind::ResponseLimit
                | ErrorKind::AttributeLimit
                | ErrorKind::BufferTooSmall
                | ErrorKind::InputTooLarge
                | ErrorKind::WindowTooSmall
        )
    }
}

/// An error: what is wrong and the byte offset (into the body) of the offending markup.
///
/// 8 bytes, `Copy`. Line and column are computed on demand by [`Error::position`], which
/// reads the body up to the offset (O(offset)).
///
/// ```
/// use multistatus::{ErrorKind, Parser};
///
/// let body = b"<d:multistatus xmlns:d=\"DAV:\">\n  <d:response>\n</d:multistatus>";
/// let e = Parser::new(body)?.find_map(Result::err).unwrap();
/// assert_eq!(e.kind(), ErrorKind::MismatchedEndTag);
/// assert_eq!(e.offset(), 46); // the `</d:multistatus>` while `response` is open
/// let pos = e.position(body);
/// assert_eq!((pos.line, pos.column), (3, 1));
/// assert_eq!(e.to_string(), "end tag does not match the open element (byte 46)");
/// # Ok::<(), multistatus::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "small", repr(C))]
pub struct Error {
    kind: ErrorKind,
    /// With `small`: always 0. The error is then 8 bytes with no padding, the kind in its low
    /// byte: one `u64` that the compiler returns in one register and copies in one move
    /// (through each `?`), not two fields apart. Never read. (By default the same layout
    /// measured 2.0 KB less code at the client level but 0.8 KB more at the windowed one.)
    #[cfg(feature = "small")]
    zero: [u8; 3],
    offset: u32,
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error").field("kind", &self.kind).field("offset", &self.offset).finish()
    }
}

impl Error {
    /// An error of `kind` at byte `offset` (saturated to `u32::MAX`).
    pub const fn new(kind: ErrorKind, offset: usize) -> Self {
        let offset = crate::offset::saturate(offset);
        #[cfg(not(feature = "small"))]
        return Error { kind, offset };
        #[cfg(feature = "small")]
        return Error { kind, zero: [0; 3], offset };
    }

    /// What is wrong.
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Byte offset into the body of the offending markup.
    pub const fn offset(&self) -> usize {
        crate::offset::widen(self.offset)
    }

    /// Line and column (both from 1; the column counts characters) of the offset in `body`.
    ///
    /// Expensive (reads `body` up to the offset): meant for error reports only. Line ends are
    /// `\n`, `\r\n` and a lone `\r`, as XML reads them. An offset past the end of `body` is
    /// clamped to the end.
    #[inline(never)]
    pub fn position(&self, body: &[u8]) -> TextPosition {
        text_position(body, self.offset())
    }
}

/// A line and column, both counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TextPosition {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

impl fmt::Display for TextPosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// Line and column of byte `offset` in `body` (see [`Error::position`]).
#[inline(never)]
pub fn text_position(body: &[u8], offset: usize) -> TextPosition {
    let mut lines = LineCounter::new();
    lines.count(body.get(..offset).unwrap_or(body));
    lines.next
}

/// Line and column counted as a body goes by, a part at a time: for a body read through a
/// window ([`crate::windowed`]), whose bytes are gone once the parser has moved past them,
/// where [`text_position`] would need the whole body. Count each part before it is dropped
/// ([`LineCounter::count`]); an error's position is then [`LineCounter::position`], given the
/// bytes still held. [`parse_from`](crate::windowed) does it for you
/// ([`WindowParser::error_position`](crate::WindowParser::error_position)).
///
/// The same rules as [`text_position`]: lines end at `\n`, `\r\n` and a lone `\r`, columns
/// count characters. 24 bytes on 64-bit targets; counting costs a search for line ends and a
/// count of the characters after the last.
///
/// ```
/// use multistatus::{LineCounter, text_position};
///
/// let body = "<a>\r\n  <b>é</b>\r\n</a>".as_bytes();
/// let mut lines = LineCounter::new();
/// lines.count(&body[..4]); // dropped: up to the CR
/// lines.count(&body[4..9]); // dropped: the LF and a line's start
/// assert_eq!(lines.offset(), 9);
/// let held = &body[9..];
/// assert_eq!(lines.position(14, held), Some(text_position(body, 14)));
/// assert_eq!((text_position(body, 14).line, text_position(body, 14).column), (2, 9));
/// assert_eq!(lines.position(3, held), None); // before the bytes counted: gone
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LineCounter {
    /// The position of the next byte.
    next: TextPosition,
    /// Bytes counted: the body offset of the next byte.
    counted: usize,
    /// The last byte counted is a CR (an LF after it ends no second line).
    after_cr: bool,
}

impl Default for LineCounter {
    fn default() -> Self {
        Self::new()
    }
}

impl LineCounter {
    /// At the start of a body: line 1, column 1.
    pub const fn new() -> Self {
        LineCounter { next: TextPosition { line: 1, column: 1 }, counted: 0, after_cr: false }
    }

    /// Counts `bytes`, the body's next bytes (from [`LineCounter::offset`] on).
    pub fn count(&mut self, bytes: &[u8]) {
        let Some((&first, _)) = bytes.split_first() else { return };
        let ends = usize::from(is_line_end(self.after_cr, first)).saturating_add(line_ends_after_first(bytes));
        self.next.line = self.next.line.saturating_add(u32::try_from(ends).unwrap_or(u32::MAX));
        // The column: the characters after the last line end (on the line it starts).
        match crate::scan::memrchr2(b'\n', b'\r', bytes) {
            // The line end itself stands for column 1.
            Some(end) => self.next.column = chars(bytes.get(end..).unwrap_or(&[])),
            None => self.next.column = self.next.column.saturating_add(chars(bytes)),
        }
        self.after_cr = bytes.last() == Some(&b'\r');
        self.counted = self.counted.saturating_add(bytes.len());
    }

    /// [`LineCounter::count`], and the positions of the `marks` (body offsets) that `bytes`
    /// holds (`None` for the others).
    #[cfg(any(feature = "embedded-io", feature = "embedded-io-async"))]
    pub(crate) fn count_marking<const K: usize>(
        &mut self,
        bytes: &[u8],
        marks: [usize; K],
    ) -> [Option<TextPosition>; K] {
        let mut found = [None; K];
        let end = self.counted.saturating_add(bytes.len());
        let mut rest = bytes;
        // The marks in `bytes`, in order: each step counts up to the nearest not yet passed,
        // then its byte.
        while let Some(&at) = marks.iter().filter(|&&m| m >= self.counted && m < end).min() {
            let (upto, after) = rest.split_at(at.saturating_sub(self.counted).min(rest.len()));
            self.count(upto);
            for (f, &m) in found.iter_mut().zip(&marks) {
                if m == at {
                    *f = Some(self.next);
                }
            }
            let (one, after) = after.split_at(after.len().min(1));
            self.count(one);
            rest = after;
        }
        self.count(rest);
        found
    }

    /// The bytes counted: the body offset of the next byte.
    pub const fn offset(&self) -> usize {
        self.counted
    }

    /// Line and column of the next byte.
    pub const fn next_position(&self) -> TextPosition {
        self.next
    }

    /// Line and column of body offset `offset`, `held` being the body's bytes from
    /// [`LineCounter::offset`] on (as many as are known: an offset past them is clamped to
    /// their end). `None` when `offset` comes before the bytes counted: they are gone.
    pub fn position(&self, offset: usize, held: &[u8]) -> Option<TextPosition> {
        let n = offset.checked_sub(self.counted)?;
        let mut at = *self;
        at.count(held.get(..n).unwrap_or(held));
        Some(at.next)
    }
}

/// Whether `b` ends a line, after a CR or not: a CR does, and an LF but right after a CR.
fn is_line_end(after_cr: bool, b: u8) -> bool {
    (b == b'\r') | (b == b'\n') & !after_cr
}

/// The line ends of `bytes` after its first byte (see [`is_line_end`]): each byte judged with
/// the one before it. By default, without a CR: the LFs, counted by `memchr` (three times
/// faster).
fn line_ends_after_first(bytes: &[u8]) -> usize {
    let after = bytes.get(1..).unwrap_or(&[]);
    if crate::scan::FAST && crate::scan::memchr(b'\r', bytes).is_none() {
        return memchr::memchr_iter(b'\n', after).count();
    }
    let before = bytes.get(..bytes.len().saturating_sub(1)).unwrap_or(&[]);
    count_pairs(before, after, |before, b| is_line_end(before == b'\r', b))
}

/// The characters `bytes` holds (UTF-8 continuation bytes start none), saturated.
fn chars(bytes: &[u8]) -> u32 {
    // A continuation byte is 0b10xx_xxxx: as an `i8`, below -64. ASCII holds none (and is
    // checked a word at a time).
    let n = if bytes.is_ascii() {
        bytes.len()
    } else {
        bytes.chunks(COUNTED).map(|c| count_in(c.iter().map(|&b| i8::from_ne_bytes([b]) >= -64))).sum()
    };
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// How many `i` have `hit(a[i], b[i])` (over the shorter of the two).
fn count_pairs(a: &[u8], b: &[u8], hit: impl Fn(u8, u8) -> bool) -> usize {
    let pairs = a.chunks(COUNTED).zip(b.chunks(COUNTED));
    pairs.map(|(a, b)| count_in(a.iter().zip(b).map(|(&x, &y)| hit(x, y)))).sum()
}

/// The bytes counted by [`count_in`] at a time: at most 255 (its count is a byte), a multiple
/// of the 64 bytes a vector loop takes a step.
const COUNTED: usize = 192;

/// How many of `hits` (at most [`COUNTED`]) are true: counted in a byte, a form the compiler
/// vectorises (16 bytes a step, against one).
fn count_in(hits: impl Iterator<Item = bool>) -> usize {
    usize::from(hits.fold(0u8, |n, hit| n.wrapping_add(u8::from(hit))))
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (byte {})", self.kind.as_str(), self.offset)
    }
}

impl core::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        let body = "ab\ncd\r\nef\rgé h".as_bytes();
        let table: &[(usize, u32, u32)] = &[
            (0, 1, 1),
            (1, 1, 2),
            (3, 2, 1),
            (4, 2, 2),
            (7, 3, 1),
            (10, 4, 1),
            (13, 4, 3), // after the two-byte 'é'
            (14, 4, 4),
            (999, 4, 5),
        ];
        for &(off, line, column) in table {
            assert_eq!(text_position(body, off), TextPosition { line, column }, "offset {off}");
        }
    }

    /// The plain rule, a byte at a time: what `LineCounter` must count.
    fn plain_position(body: &[u8], offset: usize) -> TextPosition {
        let (mut line, mut column, mut prev_cr) = (1u32, 1u32, false);
        for &b in body.iter().take(offset) {
            match b {
                b'\n' if prev_cr => {}
                b'\n' | b'\r' => (line, column) = (line.saturating_add(1), 1),
                0x80..=0xBF => {}
                _ => column = column.saturating_add(1),
            }
            prev_cr = b == b'\r';
        }
        TextPosition { line, column }
    }

    /// Counted in parts, split anywhere (between a CR and its LF too), the counter finds what
    /// the plain rule finds at every offset it still holds, and nothing before.
    #[test]
    fn line_counter_in_parts_is_the_plain_rule() {
        let bodies: [&[u8]; 5] = [
            "ab\ncd\r\nef\rgé h".as_bytes(),
            b"\r\r\n\n\r",
            "éé\r\n\r\nx\ny€\r".as_bytes(),
            b"",
            b"no line end at all",
        ];
        for body in bodies {
            for cut in 0..=body.len() {
                for cut2 in cut..=body.len() {
                    let mut lines = LineCounter::new();
                    lines.count(&body[..cut]);
                    lines.count(&body[cut..cut2]);
                    assert_eq!(lines.offset(), cut2);
                    assert_eq!(lines.next_position(), plain_position(body, cut2));
                    for offset in 0..=body.len() + 1 {
                        let want = (offset >= cut2).then(|| plain_position(body, offset));
                        assert_eq!(lines.position(offset, &body[cut2..]), want, "{body:?} {cut} {cut2} {offset}");
                    }
                }
            }
        }
    }

    #[test]
    fn error_is_small_and_displays() {
        assert_eq!(core::mem::size_of::<Error>(), 8);
        #[cfg(target_pointer_width = "64")]
        assert_eq!(core::mem::size_of::<LineCounter>(), 24);
        let e = Error::new(ErrorKind::MismatchedEndTag, 42);
        assert_eq!(e.offset(), 42);
        let mut s = heapless::String::<96>::new();
        core::fmt::write(&mut s, format_args!("{e}")).unwrap();
        assert_eq!(s.as_str(), "end tag does not match the open element (byte 42)");
    }
}
