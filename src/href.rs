//! Hrefs as a client needs them (RFC 3986, RFC 4918 §8.3), without allocation: the parts of
//! a URI reference, percent-decoding (into a buffer, or piece by piece with no buffer),
//! resolution against the request URL, "same resource" comparison, and percent-encoding of a
//! path for the writer.
//!
//! Every function but [`percent_decode_text`] reads an href's *value*: for an href
//! [`Text`](crate::Text) that holds references (`&amp;` in a query), unescape it first
//! ([`Text::as_plain`](crate::Text::as_plain) or [`Text::unescape_into`](crate::Text::unescape_into)),
//! or percent-decode the `Text` itself with [`percent_decode_text`].
//!
//! ```
//! use multistatus::href::{UriRef, percent_decode_into, resolve_into, same_resource};
//!
//! let href = "https://alice@dav.example.com:8443/files/Tom%20%26%20Jerry.txt?v=2";
//! let uri = UriRef::parse(href);
//! assert_eq!(uri.host(), Some("dav.example.com"));
//! assert_eq!(uri.port(), Some("8443"));
//! assert_eq!(uri.path(), "/files/Tom%20%26%20Jerry.txt");
//! let mut buf = [0u8; 64];
//! assert_eq!(percent_decode_into(uri.path(), &mut buf)?, "/files/Tom & Jerry.txt");
//!
//! assert_eq!(resolve_into("https://dav.example.com/files/", "../x/./y", &mut buf)?, "https://dav.example.com/x/y");
//! assert!(same_resource("/files/a%7Eb/", "HTTPS://dav.example.com:443/files/a~b"));
//! # Ok::<(), multistatus::href::HrefError>(())
//! ```

use crate::offset::plus;
use crate::scan::eq_ignore_case;
use core::fmt;

/// What is wrong with an href, or with the room given for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HrefErrorKind {
    /// A `%` not followed by two hexadecimal digits (`%`, `%4`, `%zz`).
    MalformedEscape,
    /// The decoded bytes are not UTF-8 (a percent-encoded sequence that is not a whole
    /// UTF-8 character, or not one at all).
    NotUtf8,
    /// The buffer is too small for the result.
    BufferTooSmall,
}

/// An href error: its kind and the byte offset in the href (the escape's `%`; for
/// [`HrefErrorKind::BufferTooSmall`], where the input no longer fit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HrefError {
    kind: HrefErrorKind,
    offset: usize,
}

impl HrefError {
    const fn new(kind: HrefErrorKind, offset: usize) -> Self {
        HrefError { kind, offset }
    }

    /// What is wrong.
    pub fn kind(&self) -> HrefErrorKind {
        self.kind
    }

    /// Byte offset in the href (or, for a resolution, in the reference).
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for HrefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            HrefErrorKind::MalformedEscape => "malformed percent-escape",
            HrefErrorKind::NotUtf8 => "percent-decoded bytes are not UTF-8",
            HrefErrorKind::BufferTooSmall => "buffer too small",
        };
        write!(f, "{what} (byte {})", self.offset)
    }
}

impl core::error::Error for HrefError {}

/// The five parts of a URI reference (RFC 3986 §3, split as its Appendix B does), borrowed.
///
/// ```text
///   https://alice@dav.example.com:8443/files/a.txt?v=2#top
///   |scheme|<-------- authority ------>|<- path ->|query|fragment
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UriRef<'a> {
    scheme: Option<&'a str>,
    authority: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

/// `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )` (RFC 3986 §3.1).
fn is_scheme(s: &str) -> bool {
    let mut b = s.bytes();
    b.next().is_some_and(|c| c.is_ascii_alphabetic())
        && b.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
}

/// Splits `s` at the first byte in `set`: before it, and the rest from it (or `None`).
fn split_at_any<'s>(s: &'s str, set: &[u8]) -> (&'s str, Option<&'s str>) {
    match s.bytes().position(|b| set.contains(&b)) {
        Some(i) => match (s.get(..i), s.get(i..)) {
            (Some(a), Some(b)) => (a, Some(b)),
            _ => (s, None),
        },
        None => (s, None),
    }
}

/// `s` split at its first `c` (an ASCII byte), which goes: a byte search, not `str`'s
/// character searcher.
fn split_once(s: &str, c: u8) -> Option<(&str, &str)> {
    let i = crate::scan::memchr(c, s.as_bytes())?;
    Some((s.get(..i)?, s.get(plus!(i, 1)..)?))
}

impl<'a> UriRef<'a> {
    /// Splits an href into its parts. Never fails: every string is a URI reference to this
    /// split (a scheme is taken only when it is one by RFC 3986's syntax; otherwise the
    /// text before the `:` is part of the path).
    pub fn parse(s: &'a str) -> Self {
        let (scheme, rest) = match split_at_any(s, b":/?#") {
            (sch, Some(rest)) if rest.starts_with(':') && is_scheme(sch) => (Some(sch), rest.get(1..).unwrap_or("")),
            _ => (None, s),
        };
        let (authority, rest) = match rest.strip_prefix("//") {
            Some(r) => {
                let (auth, rest) = split_at_any(r, b"/?#");
                (Some(auth), rest.unwrap_or(""))
            }
            None => (None, rest),
        };
        let (before_fragment, fragment) = match split_once(rest, b'#') {
            Some((a, f)) => (a, Some(f)),
            None => (rest, None),
        };
        let (path, query) = match split_once(before_fragment, b'?') {
            Some((p, q)) => (p, Some(q)),
            None => (before_fragment, None),
        };
        UriRef { scheme, authority, path, query, fragment }
    }

    /// The scheme (`https`), if the href is an absolute URI.
    pub fn scheme(&self) -> Option<&'a str> {
        self.scheme
    }

    /// The authority (`alice@dav.example.com:8443`), when there is a `//`.
    pub fn authority(&self) -> Option<&'a str> {
        self.authority
    }

    /// The user information before the `@` of the authority.
    pub fn userinfo(&self) -> Option<&'a str> {
        let auth = self.authority?;
        auth.get(..last_at(auth)?)
    }

    /// The authority without user information and port: a name, an IPv4 address, or an
    /// IP literal with its brackets (`[::1]`).
    pub fn host(&self) -> Option<&'a str> {
        Some(self.host_port()?.0)
    }

    /// The port's digits as written (`None` when absent; `Some("")` for a bare `:`).
    pub fn port(&self) -> Option<&'a str> {
        self.host_port()?.1
    }

    fn host_port(&self) -> Option<(&'a str, Option<&'a str>)> {
        let auth = self.authority?;
        let hp = last_at(auth).and_then(|i| auth.get(plus!(i, 1)..)).unwrap_or(auth);
        // A `:` after the closing bracket of an IP literal, or anywhere in a name.
        let colon = match last_of(hp, b']') {
            Some(close) => {
                hp.get(close..).and_then(|r| crate::scan::memchr(b':', r.as_bytes())).map(|i| plus!(i, close))
            }
            None => last_of(hp, b':'),
        };
        Some(match colon {
            Some(i) => (hp.get(..i).unwrap_or(hp), hp.get(plus!(i, 1)..)),
            None => (hp, None),
        })
    }

    /// The path, still percent-encoded (`/files/a%20b.txt`; `""` when empty).
    pub fn path(&self) -> &'a str {
        self.path
    }

    /// The query after the `?`, if any.
    pub fn query(&self) -> Option<&'a str> {
        self.query
    }

    /// The fragment after the `#`, if any.
    pub fn fragment(&self) -> Option<&'a str> {
        self.fragment
    }
}

/// The index of the last `c` (an ASCII byte) in `s`, by bytes (no reverse character search).
fn last_of(s: &str, c: u8) -> Option<usize> {
    s.bytes().rposition(|b| b == c)
}

/// The index of the `@` that ends an authority's user information (the last one).
fn last_at(auth: &str) -> Option<usize> {
    last_of(auth, b'@')
}

/// The value of a hexadecimal digit (either case).
fn hex(b: u8) -> Option<u8> {
    char::from(b).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

/// The byte that the escape `%XY` at `at` in `s` stands for.
fn escape_at(s: &[u8], at: usize) -> Result<u8, HrefError> {
    let bad = HrefError::new(HrefErrorKind::MalformedEscape, at);
    match s.get(plus!(at, 1)..plus!(at, 3)) {
        Some(&[h, l]) => match (hex(h), hex(l)) {
            (Some(h), Some(l)) => Ok(h.wrapping_mul(16).wrapping_add(l)),
            _ => Err(bad),
        },
        _ => Err(bad),
    }
}

/// Percent-decodes `s` into `buf` as bytes (any bytes: not checked as UTF-8).
///
/// # Errors
/// [`HrefErrorKind::MalformedEscape`] at the `%`; [`HrefErrorKind::BufferTooSmall`] when the
/// decoded bytes do not fit, at the first byte of `s` (an escape's `%`) whose bytes do not.
pub fn percent_decode_bytes_into<'b>(s: &str, buf: &'b mut [u8]) -> Result<&'b [u8], HrefError> {
    let src = s.as_bytes();
    let (mut i, mut len) = (0usize, 0usize);
    while i < src.len() {
        // A run up to the next `%`, copied whole.
        let run_end = crate::scan::find_byte(src.get(i..).unwrap_or(&[]), b'%').map_or(src.len(), |k| plus!(k, i));
        let run = src.get(i..run_end).unwrap_or(&[]);
        let end = plus!(len, run.len());
        // Out of room: at the first byte of the run that does not fit.
        let short = HrefError::new(HrefErrorKind::BufferTooSmall, plus!(i, buf.len().saturating_sub(len)));
        buf.get_mut(len..end).ok_or(short)?.copy_from_slice(run);
        len = end;
        if run_end >= src.len() {
            break;
        }
        let b = escape_at(src, run_end)?;
        *buf.get_mut(len).ok_or(HrefError::new(HrefErrorKind::BufferTooSmall, run_end))? = b;
        len = plus!(len, 1);
        i = plus!(run_end, 3);
    }
    Ok(buf.get(..len).unwrap_or(&[]))
}

/// Percent-decodes `s` into `buf`; the result must be UTF-8.
///
/// # Errors
/// As [`percent_decode_bytes_into`], and [`HrefErrorKind::NotUtf8`] at the escape where the
/// decoded bytes stop being UTF-8.
pub fn percent_decode_into<'b>(s: &str, buf: &'b mut [u8]) -> Result<&'b str, HrefError> {
    // One pass; on any failure the href is checked, so that the error points at its first
    // faulty escape rather than at the buffer (the bytes decode to UTF-8 exactly when
    // `check` passes: a raw run is whole characters, so an escaped sequence must be whole).
    match percent_decode_bytes_into(s, buf) {
        Ok(bytes) => {
            core::str::from_utf8(bytes).map_err(|_| check(s).err().unwrap_or(HrefError::new(HrefErrorKind::NotUtf8, 0)))
        }
        Err(e) => Err(check(s).err().unwrap_or(e)),
    }
}

/// Percent-decodes `s`, borrowed when it can be: an href with no `%` is its own value and is
/// handed back as it is (no copy, and no UTF-8 check: it is a `str`); one with escapes is
/// decoded into `buf`, as [`percent_decode_into`] does. The fast path of a client that reads
/// every href (most have no escape).
///
/// ```
/// use multistatus::href::percent_decode;
///
/// let mut buf = [0u8; 32];
/// let plain = "/files/a.txt";
/// assert!(core::ptr::eq(percent_decode(plain, &mut buf)?, plain)); // borrowed
/// assert_eq!(percent_decode("/files/Tom%20%26%20Jerry.txt", &mut buf)?, "/files/Tom & Jerry.txt");
/// # Ok::<(), multistatus::href::HrefError>(())
/// ```
///
/// # Errors
/// As [`percent_decode_into`] (never for an href with no `%`).
pub fn percent_decode<'s>(s: &'s str, buf: &'s mut [u8]) -> Result<&'s str, HrefError> {
    // Words up to 64 bytes (most hrefs), `memchr` past them: a call to `memchr` cost more
    // than the search of a short href.
    if crate::scan::find_byte(s.as_bytes(), b'%').is_none() {
        return Ok(s);
    }
    percent_decode_into(s, buf)
}

/// The value of an href element (`t`, as the parser hands it out) percent-decoded: borrowed
/// when it holds neither a reference nor a `%`, as [`percent_decode`] does; else
/// XML-unescaped into `buf` (an href may hold `&amp;`) and percent-decoded there, in place
/// (decoding only shortens). One buffer, as long as the unescaped href, for any href.
///
/// ```
/// use multistatus::{Event, Parser, href::percent_decode_text};
///
/// let body = br#"<d:multistatus xmlns:d="DAV:"><d:response>
///   <d:href>/files/Tom%20&amp;%20Jerry.txt?a=1&amp;b=2</d:href>
///   <d:status>HTTP/1.1 200 OK</d:status></d:response></d:multistatus>"#;
/// let mut buf = [0u8; 64];
/// for event in Parser::new(body)? {
///     if let Event::Href(h) = event? {
///         assert_eq!(percent_decode_text(&h, &mut buf)?, "/files/Tom & Jerry.txt?a=1&b=2");
///     }
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As [`percent_decode_into`], its offsets in the unescaped value; and
/// [`HrefErrorKind::BufferTooSmall`] at 0 when the unescaped href does not fit in `buf`.
pub fn percent_decode_text<'s>(t: &crate::Text<'s>, buf: &'s mut [u8]) -> Result<&'s str, HrefError> {
    if let Some(s) = t.as_plain() {
        return percent_decode(s, buf);
    }
    let len = match t.unescape_into(buf) {
        Ok(value) => {
            // Checked first, so that an error names the first faulty escape.
            check(value)?;
            value.len()
        }
        Err(_) => return Err(HrefError::new(HrefErrorKind::BufferTooSmall, 0)),
    };
    // In place: each decoded byte is written at or before the byte it came from, which has
    // been read by then.
    let (mut r, mut w) = (0usize, 0usize);
    while r < len {
        let b = match buf.get(r) {
            Some(b'%') => {
                let b = escape_at(buf, r)?;
                r = plus!(r, 3);
                b
            }
            Some(&b) => {
                r = plus!(r, 1);
                b
            }
            None => break,
        };
        if let Some(slot) = buf.get_mut(w) {
            *slot = b;
        }
        w = plus!(w, 1);
    }
    core::str::from_utf8(buf.get(..w).unwrap_or(&[])).map_err(|_| HrefError::new(HrefErrorKind::NotUtf8, 0))
}

/// Checks that `s` percent-decodes to UTF-8 (without a buffer).
///
/// # Errors
/// [`HrefErrorKind::MalformedEscape`] or [`HrefErrorKind::NotUtf8`] at the first faulty
/// escape.
pub fn check(s: &str) -> Result<(), HrefError> {
    percent_decoded(s).try_for_each(|p| p.map(|_| ()))
}

/// One piece of a percent-decoded href: a run with no escape, or a character made of
/// escapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A run of the href with no `%`.
    Str(&'a str),
    /// A character decoded from one to four escapes (`%C3%A9` is `é`).
    Char(char),
}

/// The percent-decoded value of an href, piece by piece, with no buffer: an iterator of
/// [`Piece`]s (each a `Result`: a malformed escape or non-UTF-8 bytes end it with an error),
/// and `Display` (which fails with [`fmt::Error`] where the iterator has an error: call
/// [`check`] first to tell why).
///
/// ```
/// use multistatus::href::{percent_decoded, Piece};
/// let pieces: Result<Vec<_>, _> = percent_decoded("/a%20b%C3%A9").collect();
/// assert_eq!(pieces?, [Piece::Str("/a"), Piece::Char(' '), Piece::Str("b"), Piece::Char('é')]);
/// assert_eq!(percent_decoded("/Tom%20%26%20Jerry").to_string(), "/Tom & Jerry");
/// assert!(percent_decoded("/%zz").any(|p| p.is_err()));
/// # Ok::<(), multistatus::href::HrefError>(())
/// ```
#[derive(Clone, Debug)]
pub struct PercentDecoded<'a> {
    s: &'a str,
    pos: usize,
    failed: bool,
}

/// The percent-decoded value of `s`, piece by piece (see [`PercentDecoded`]).
pub fn percent_decoded(s: &str) -> PercentDecoded<'_> {
    PercentDecoded { s, pos: 0, failed: false }
}

impl PercentDecoded<'_> {
    /// The character whose escapes start at `at` (its UTF-8 sequence, one escape a byte),
    /// and the offset after them.
    fn char_at(&self, at: usize) -> Result<(char, usize), HrefError> {
        let src = self.s.as_bytes();
        let not_utf8 = HrefError::new(HrefErrorKind::NotUtf8, at);
        let first = escape_at(src, at)?;
        let n = match first {
            0x00..=0x7F => 1usize,
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return Err(not_utf8),
        };
        let mut seq = [first, 0, 0, 0];
        let mut next = plus!(at, 3);
        for slot in seq.iter_mut().take(n).skip(1) {
            if src.get(next) != Some(&b'%') {
                return Err(not_utf8);
            }
            *slot = escape_at(src, next)?;
            next = plus!(next, 3);
        }
        let c = core::str::from_utf8(seq.get(..n).unwrap_or(&[])).ok().and_then(|s| s.chars().next());
        c.map(|c| (c, next)).ok_or(not_utf8)
    }
}

impl<'a> Iterator for PercentDecoded<'a> {
    type Item = Result<Piece<'a>, HrefError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let rest = self.s.get(self.pos..).filter(|r| !r.is_empty())?;
        if rest.starts_with('%') {
            return match self.char_at(self.pos) {
                Ok((c, next)) => {
                    self.pos = next;
                    Some(Ok(Piece::Char(c)))
                }
                Err(e) => {
                    self.failed = true;
                    Some(Err(e))
                }
            };
        }
        let n = crate::scan::memchr(b'%', rest.as_bytes()).unwrap_or(rest.len());
        self.pos = plus!(self.pos, n);
        rest.get(..n).map(|run| Ok(Piece::Str(run)))
    }
}

impl fmt::Display for PercentDecoded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in self.clone() {
            match p.map_err(|_| fmt::Error)? {
                Piece::Str(s) => f.write_str(s)?,
                Piece::Char(c) => fmt::Write::write_char(f, c)?,
            }
        }
        Ok(())
    }
}

/// A writer into a caller's buffer.
struct Out<'b> {
    buf: &'b mut [u8],
    len: usize,
}

impl<'b> Out<'b> {
    fn push(&mut self, s: &str, at: usize) -> Result<(), HrefError> {
        let end = self.len.checked_add(s.len()).ok_or(HrefError::new(HrefErrorKind::BufferTooSmall, at))?;
        let dst = self.buf.get_mut(self.len..end).ok_or(HrefError::new(HrefErrorKind::BufferTooSmall, at))?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }

    /// Removes the dot segments of the path written from `start` on (RFC 3986 §5.2.4), in
    /// place: what it keeps moves towards `start`, never past what it has still to read.
    fn remove_dot_segments(&mut self, start: usize) {
        let end = self.len;
        let (mut r, mut w) = (start, start);
        while r < end {
            let rest = self.buf.get(r..end).unwrap_or(&[]);
            match rest {
                // A: a leading `../` or `./` goes.
                [b'.', b'.', b'/', ..] => r = plus!(r, 3),
                [b'.', b'/', ..] => r = plus!(r, 2),
                // B: `/./` and a final `/.` read as `/`.
                [b'/', b'.', b'/', ..] => r = plus!(r, 2),
                [b'/', b'.'] => {
                    r = plus!(r, 1);
                    self.set(r, b'/');
                }
                // C: `/../` and a final `/..` read as `/`, and the last output segment goes.
                [b'/', b'.', b'.', b'/', ..] => {
                    r = plus!(r, 3);
                    w = self.last_segment_start(start, w);
                }
                [b'/', b'.', b'.'] => {
                    r = plus!(r, 2);
                    self.set(r, b'/');
                    w = self.last_segment_start(start, w);
                }
                // D: a lone `.` or `..` goes.
                [b'.'] | [b'.', b'.'] => r = end,
                // E: the first segment (with its leading `/`) moves to the output.
                _ => {
                    let seg = plus!(1usize, rest.iter().skip(1).position(|&b| b == b'/').unwrap_or(rest.len()));
                    let seg = seg.min(rest.len());
                    for k in 0..seg {
                        let b = self.buf.get(plus!(r, k)).copied().unwrap_or(b'/');
                        self.set(plus!(w, k), b);
                    }
                    r = plus!(r, seg);
                    w = plus!(w, seg);
                }
            }
        }
        self.len = w;
    }

    fn set(&mut self, at: usize, b: u8) {
        if let Some(slot) = self.buf.get_mut(at) {
            *slot = b;
        }
    }

    /// Where the last segment of the output `start..w` starts (its `/`), or `start`.
    fn last_segment_start(&self, start: usize, w: usize) -> usize {
        let out = self.buf.get(start..w).unwrap_or(&[]);
        out.iter().rposition(|&b| b == b'/').map_or(start, |i| plus!(i, start))
    }

    fn finish(self) -> Result<&'b str, HrefError> {
        let len = self.len;
        let bytes = self.buf.get(..len).unwrap_or(&[]);
        // Only `str`s were copied and only whole ASCII-bounded segments removed.
        core::str::from_utf8(bytes).map_err(|_| HrefError::new(HrefErrorKind::NotUtf8, 0))
    }
}

/// Resolves the href `reference` against `base` (the request URL) into `buf` (RFC 3986
/// §5.2: dot segments removed, the fragment of the reference kept). `base` should be
/// absolute; a base without scheme or authority resolves paths alike and keeps what it has.
///
/// `buf` needs room for the result before its dot segments are removed (they are removed
/// in place): `base.len() + reference.len() + 1` bytes are always enough.
///
/// # Errors
/// [`HrefErrorKind::BufferTooSmall`].
pub fn resolve_into<'b>(base: &str, reference: &str, buf: &'b mut [u8]) -> Result<&'b str, HrefError> {
    let (b, r) = (UriRef::parse(base), UriRef::parse(reference));
    let mut out = Out { buf, len: 0 };
    let (scheme, authority) = match (r.scheme, r.authority) {
        (Some(s), a) => (Some(s), a),
        (None, Some(a)) => (b.scheme, Some(a)),
        (None, None) => (b.scheme, b.authority),
    };
    if let Some(s) = scheme {
        out.push(s, 0)?;
        out.push(":", 0)?;
    }
    if let Some(a) = authority {
        out.push("//", 0)?;
        out.push(a, 0)?;
    }
    let path_start = out.len;
    let mut query = r.query;
    if r.scheme.is_some() || r.authority.is_some() || r.path.starts_with('/') {
        out.push(r.path, 0)?;
        out.remove_dot_segments(path_start);
    } else if r.path.is_empty() {
        out.push(b.path, 0)?;
        query = r.query.or(b.query);
    } else {
        // Merge (§5.2.3): the base path up to its last `/`, then the reference's.
        if b.authority.is_some() && b.path.is_empty() {
            out.push("/", 0)?;
        } else {
            let dir = last_of(b.path, b'/').and_then(|i| b.path.get(..=i)).unwrap_or("");
            out.push(dir, 0)?;
        }
        out.push(r.path, 0)?;
        out.remove_dot_segments(path_start);
    }
    if let Some(q) = query {
        out.push("?", 0)?;
        out.push(q, 0)?;
    }
    if let Some(f) = r.fragment {
        out.push("#", 0)?;
        out.push(f, 0)?;
    }
    out.finish()
}

/// The default port of a scheme a WebDAV client meets.
fn default_port(scheme: &str) -> Option<&'static str> {
    if eq_ignore_case(scheme, "http") || eq_ignore_case(scheme, "webdav") {
        Some("80")
    } else if eq_ignore_case(scheme, "https") || eq_ignore_case(scheme, "davs") {
        Some("443")
    } else {
        None
    }
}

/// A port's digits without their leading zeros (`0443` is port 443, `00` port 0: RFC 3986
/// §3.2.3, a decimal number); a port with another character is compared as written.
fn port_value(port: &str) -> &str {
    if !port.bytes().all(|b| b.is_ascii_digit()) {
        return port;
    }
    // All ASCII digits: the first non-`0` byte, or the last `0` when all are zeros.
    let first = port.bytes().position(|b| b != b'0').unwrap_or(port.len().saturating_sub(1));
    port.get(first..).unwrap_or(port)
}

/// RFC 3986 §2.2 reserved characters: escaped, they differ from their raw form.
fn is_reserved(b: u8) -> bool {
    matches!(b, b':' | b'/' | b'?' | b'#' | b'[' | b']' | b'@' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')')
        || matches!(b, b'*' | b'+' | b',' | b';' | b'=')
}

/// The units of an href part for comparison: a byte, and whether it stands escaped with a
/// meaning its raw form does not have (a reserved character, or `%` itself). Escapes of
/// anything else (`%7E`, `%20`, `%C3%A9`) compare equal to the raw bytes, and hex digits'
/// case does not matter.
fn units(s: &str) -> impl Iterator<Item = (bool, u8)> + '_ {
    let b = s.as_bytes();
    let mut i = 0usize;
    core::iter::from_fn(move || {
        let c = *b.get(i)?;
        if c == b'%'
            && let Ok(v) = escape_at(b, i)
        {
            i = plus!(i, 3);
            return Some((is_reserved(v) || v == b'%', v));
        }
        i = plus!(i, 1);
        Some((false, c))
    })
}

fn same_units(a: &str, b: &str) -> bool {
    units(a).eq(units(b))
}

/// Whether the schemes, hosts and ports of `x` and `y` agree where both have them (see
/// [`same_resource`]): the schemes when both are absolute; the hosts and ports when both
/// have an authority, or both are absolute (then one without an authority differs from one
/// with).
fn same_origin(x: &UriRef<'_>, y: &UriRef<'_>) -> bool {
    let scheme = match (x.scheme, y.scheme) {
        (Some(sx), Some(sy)) if !eq_ignore_case(sx, sy) => return false,
        (Some(s), Some(_)) => Some(s),
        (s, None) | (None, s) => s,
    };
    let both_absolute = x.scheme.is_some() && y.scheme.is_some();
    if !both_absolute && (x.authority.is_none() || y.authority.is_none()) {
        return true;
    }
    let host_eq = match (x.host(), y.host()) {
        (Some(hx), Some(hy)) => eq_ignore_case(hx, hy),
        (None, None) => true,
        _ => false,
    };
    host_eq && effective_port(x, scheme) == effective_port(y, scheme)
}

/// The port of `u` by its value, or the default of `scheme` when it has none (or an empty
/// one).
fn effective_port<'x>(u: &UriRef<'x>, scheme: Option<&str>) -> Option<&'x str> {
    u.port().filter(|p| !p.is_empty()).map(port_value).or(scheme.and_then(default_port))
}

/// `path` without one trailing `/` (a collection's href with or without it).
fn without_trailing_slash(path: &str) -> &str {
    path.strip_suffix('/').unwrap_or(path)
}

/// Whether two hrefs name the same resource, as a client needs to know it (to skip the
/// collection itself in a `Depth: 1` listing, or match a response to its request):
/// - the scheme and host compared without regard to case, a missing port read as the
///   scheme's default (80 for `http`, 443 for `https`), a port by its value (`0443` is
///   443), user information ignored;
/// - the schemes are compared when both hrefs are absolute URLs, the hosts and ports when
///   both have an authority (`//host/files/` too: a missing port is then the default of
///   the scheme either has, if any); when one has no authority (`/files/` against
///   `https://host/files/`), their paths alone are compared;
/// - paths (and queries) compared after percent-decoding what is not reserved (`%7E` is
///   `~`, `%C3%A9` is `é` and `%20` a space, raw or escaped), hex digits in any case; a
///   reserved character escaped (`%2F`) differs from its raw form (`/`);
/// - one trailing `/` on the path does not matter; the fragment is ignored.
///
/// Dot segments are not removed (resolve both with [`resolve_into`] first if they may
/// have any).
pub fn same_resource(a: &str, b: &str) -> bool {
    let (x, y) = (UriRef::parse(a), UriRef::parse(b));
    if !same_origin(&x, &y) {
        return false;
    }
    let (px, py) = (without_trailing_slash(x.path), without_trailing_slash(y.path));
    let query_eq = match (x.query, y.query) {
        (Some(qx), Some(qy)) => same_units(qx, qy),
        (None, None) => true,
        _ => false,
    };
    same_units(px, py) && query_eq
}

/// The bytes a path keeps raw when encoded: unreserved characters, `/`, and the
/// sub-delimiters and `:` `@` that a path segment allows (RFC 3986 §3.3), but `&` (which the
/// XML around it would have to escape) and `;` `=` `+` `,` (which some servers read as
/// parameters). A `:` before the path's first `/` is escaped by the caller
/// ([`EncodedPath`]).
fn keeps_raw(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b'!' | b'$' | b'\'' | b'(' | b')')
        || matches!(b, b'*' | b':' | b'@')
}

/// A path percent-encoded for an href, as `Display` (no buffer): every byte but the ones a
/// path keeps raw becomes `%XY` (upper-case hex), a `%` included: the input is the decoded
/// path. A `:` before the first `/` becomes `%3A`, so that a relative path such as `a:b` does
/// not read back as a URI of scheme `a` (RFC 3986 §4.2).
///
/// ```
/// use multistatus::href::{encode_path, percent_decoded};
/// let href = encode_path("/sd/Tom & Jerry.txt").to_string();
/// assert_eq!(href, "/sd/Tom%20%26%20Jerry.txt");
/// assert_eq!(percent_decoded(&href).to_string(), "/sd/Tom & Jerry.txt");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct EncodedPath<'a>(&'a str);

/// The percent-encoded form of a decoded `path` (see [`EncodedPath`]).
pub fn encode_path(path: &str) -> EncodedPath<'_> {
    EncodedPath(path)
}

impl EncodedPath<'_> {
    /// The encoded path pieces, each with the offset in the path of its first byte: raw runs
    /// and single escapes (three ASCII bytes, starting with `%`).
    fn for_each_piece<E>(&self, mut f: impl FnMut(&str, usize) -> Result<(), E>) -> Result<(), E> {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let s = self.0;
        let b = s.as_bytes();
        // Up to here a `:` is escaped: the first segment of a relative path.
        let first_slash = b.iter().position(|&c| c == b'/').unwrap_or(b.len());
        let raw = |at: usize, c: u8| keeps_raw(c) && (c != b':' || at > first_slash);
        let mut i = 0usize;
        while i < b.len() {
            let run = b.iter().enumerate().skip(i).find(|&(at, &c)| !raw(at, c)).map_or(b.len(), |(at, _)| at);
            if run > i {
                f(crate::scan::sub(s, i, run).unwrap_or(""), i)?;
            }
            let Some(&c) = b.get(run) else { break };
            let hi = HEX.get(usize::from(c >> 4)).copied().unwrap_or(b'0');
            let lo = HEX.get(usize::from(c & 15)).copied().unwrap_or(b'0');
            let esc = [b'%', hi, lo];
            f(core::str::from_utf8(&esc).unwrap_or("%"), run)?;
            i = plus!(run, 1);
        }
        Ok(())
    }

    /// Writes the encoded path into `buf`.
    ///
    /// # Errors
    /// [`HrefErrorKind::BufferTooSmall`] (at the byte of the path that no longer fit, written
    /// raw or as its escape).
    pub fn write_into<'b>(&self, buf: &'b mut [u8]) -> Result<&'b str, HrefError> {
        let mut out = Out { buf, len: 0 };
        self.for_each_piece(|p, at| {
            // A raw run is one output byte per input byte; an escape stands for one byte.
            let room = out.buf.len().saturating_sub(out.len);
            let short = if p.starts_with('%') { at } else { plus!(at, room) };
            out.push(p, short)
        })?;
        out.finish()
    }
}

impl fmt::Display for EncodedPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.for_each_piece(|p, _| f.write_str(p))
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::string::{String, ToString};
    use std::{format, panic, vec};

    #[test]
    fn rfc3986_5_4_examples() {
        let base = "http://a/b/c/d;p?q";
        let cases = [
            // 5.4.1 Normal Examples
            ("g:h", "g:h"),
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            ("g?y#s", "http://a/b/c/g?y#s"),
            (";x", "http://a/b/c/;x"),
            ("g;x", "http://a/b/c/g;x"),
            ("g;x?y#s", "http://a/b/c/g;x?y#s"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../", "http://a/"),
            ("../../g", "http://a/g"),
            // 5.4.2 Abnormal Examples
            ("../../../g", "http://a/g"),
            ("../../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("/../g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            (".g", "http://a/b/c/.g"),
            ("g..", "http://a/b/c/g.."),
            ("..g", "http://a/b/c/..g"),
            ("./../g", "http://a/b/g"),
            ("./g/.", "http://a/b/c/g/"),
            ("g/./h", "http://a/b/c/g/h"),
            ("g/../h", "http://a/b/c/h"),
            ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
            ("g;x=1/../y", "http://a/b/c/y"),
            ("g?y/./x", "http://a/b/c/g?y/./x"),
            ("g?y/../x", "http://a/b/c/g?y/../x"),
            ("g#s/./x", "http://a/b/c/g#s/./x"),
            ("g#s/../x", "http://a/b/c/g#s/../x"),
            // A strict parser (the RFC's choice) keeps the scheme.
            ("http:g", "http:g"),
        ];
        for (r, want) in cases {
            let mut buf = [0u8; 64];
            assert_eq!(resolve_into(base, r, &mut buf), Ok(want), "{r:?}");
            // The room stated in the docs is enough; less than the result is not.
            let mut room = [0u8; 64];
            let n = base.len() + r.len() + 1;
            assert_eq!(resolve_into(base, r, &mut room[..n]), Ok(want), "{r:?} in the stated room");
            let short = want.len() - 1;
            assert_eq!(resolve_into(base, r, &mut room[..short]).unwrap_err().kind(), HrefErrorKind::BufferTooSmall);
        }
    }

    #[test]
    fn remove_dot_segments_rfc_examples() {
        // RFC 3986 §5.2.4's two worked examples.
        for (path, want) in [("/a/b/c/./../../g", "/a/g"), ("mid/content=5/../6", "mid/6")] {
            let mut buf = [0u8; 32];
            let mut out = Out { buf: &mut buf, len: 0 };
            out.push(path, 0).unwrap();
            out.remove_dot_segments(0);
            assert_eq!(out.finish().unwrap(), want);
        }
    }

    #[test]
    fn parts() {
        let u = UriRef::parse("https://u:p@[::1]:8443/a/b?x=1#f");
        assert_eq!(u.scheme(), Some("https"));
        assert_eq!(u.authority(), Some("u:p@[::1]:8443"));
        assert_eq!(u.userinfo(), Some("u:p"));
        assert_eq!(u.host(), Some("[::1]"));
        assert_eq!(u.port(), Some("8443"));
        assert_eq!(u.path(), "/a/b");
        assert_eq!(u.query(), Some("x=1"));
        assert_eq!(u.fragment(), Some("f"));
        let u = UriRef::parse("/dav/a:b.ics");
        assert_eq!((u.scheme(), u.authority(), u.path()), (None, None, "/dav/a:b.ics"));
        let u = UriRef::parse("http://h");
        assert_eq!((u.host(), u.port(), u.path()), (Some("h"), None, ""));
        let u = UriRef::parse("http://[::1]/");
        assert_eq!((u.host(), u.port()), (Some("[::1]"), None));
        // Not a scheme: a digit first.
        assert_eq!(UriRef::parse("1a:b").scheme(), None);
        assert_eq!(UriRef::parse("").path(), "");
    }

    #[test]
    fn decoding() {
        let mut buf = [0u8; 32];
        assert_eq!(percent_decode_into("/a%20b/%C3%A9%e2%82%ac", &mut buf), Ok("/a b/é€"));
        for (s, kind, at) in [
            ("/a%", HrefErrorKind::MalformedEscape, 2),
            ("/a%4", HrefErrorKind::MalformedEscape, 2),
            ("/a%zz", HrefErrorKind::MalformedEscape, 2),
            ("%4g", HrefErrorKind::MalformedEscape, 0),
            ("/%FF", HrefErrorKind::NotUtf8, 1),
            ("/%C3", HrefErrorKind::NotUtf8, 1),
            ("/%C3x", HrefErrorKind::NotUtf8, 1),
            ("/%C3%41", HrefErrorKind::NotUtf8, 1),
            ("/%ED%A0%80", HrefErrorKind::NotUtf8, 1),
            ("/ok%C3%A9%80", HrefErrorKind::NotUtf8, 9),
            ("/%C3%z", HrefErrorKind::MalformedEscape, 4),
        ] {
            assert_eq!(percent_decode_into(s, &mut buf), Err(HrefError::new(kind, at)), "{s:?}");
            assert_eq!(check(s), Err(HrefError::new(kind, at)), "{s:?}");
        }
        // Bytes: any byte is fine.
        assert_eq!(percent_decode_bytes_into("/%FF%00", &mut buf), Ok(&b"/\xff\x00"[..]));
        let mut small = [0u8; 3];
        assert_eq!(percent_decode_into("/a%20b", &mut small).unwrap_err().kind(), HrefErrorKind::BufferTooSmall);
        let mut exact = [0u8; 4];
        assert_eq!(percent_decode_into("/a%20b", &mut exact), Ok("/a b"));
    }

    /// The pieces, the buffer (borrowed or not) and the bytes agree, on every byte sequence up to length 3
    /// over an alphabet of the interesting bytes.
    #[test]
    fn decoders_agree() {
        let alphabet = ["%", "2", "0", "C", "3", "A", "9", "z", "/", "é"];
        let mut stack = vec![String::new()];
        while let Some(s) = stack.pop() {
            let mut buf = [0u8; 64];
            let pieces: Result<String, HrefError> = percent_decoded(&s)
                .map(|p| {
                    p.map(|p| match p {
                        Piece::Str(x) => x.to_string(),
                        Piece::Char(c) => c.to_string(),
                    })
                })
                .collect();
            let into = percent_decode_into(&s, &mut buf).map(|x| x.to_string());
            assert_eq!(pieces, into, "{s:?}");
            // Borrowed exactly when there is no `%`, else the buffer's value.
            let mut obuf = [0u8; 64];
            let borrowed = percent_decode(&s, &mut obuf);
            assert_eq!(borrowed.map(|x| x.to_string()), into, "{s:?}");
            assert_eq!(borrowed.is_ok_and(|x| core::ptr::eq(x, s.as_str())), !s.contains('%'), "{s:?}");
            let mut bbuf = [0u8; 64];
            match (&into, percent_decode_bytes_into(&s, &mut bbuf)) {
                (Ok(x), Ok(b)) => assert_eq!(x.as_bytes(), b),
                (Err(e), Ok(b)) => assert!(e.kind() == HrefErrorKind::NotUtf8 && core::str::from_utf8(b).is_err()),
                // The bytes decoder reads on past bytes that are not UTF-8.
                (Err(e), Err(f)) => assert!(
                    e == &f || (e.kind() == HrefErrorKind::NotUtf8 && f.offset() > e.offset()),
                    "{s:?}: {e:?} {f:?}"
                ),
                (Ok(_), Err(f)) => panic!("{s:?}: bytes failed {f:?}"),
            }
            if s.chars().count() < 5 {
                for a in alphabet {
                    stack.push(format!("{s}{a}"));
                }
            }
        }
    }

    /// The one-pass `percent_decode_into` answers what checking first and decoding after
    /// answers (the plain definition), error and offset included, with every buffer length
    /// from none to enough, on every string of up to four pieces over escapes, raw UTF-8 and
    /// malformed escapes.
    #[test]
    fn one_pass_decode_is_check_then_decode() {
        fn plain<'b>(s: &str, buf: &'b mut [u8]) -> Result<&'b str, HrefError> {
            check(s)?;
            let bytes = percent_decode_bytes_into(s, buf)?;
            core::str::from_utf8(bytes).map_err(|_| HrefError::new(HrefErrorKind::NotUtf8, 0))
        }
        let alphabet = ["%20", "%C3", "%A9", "%E2%82%AC", "%zz", "%", "é", "/a", "%F0"];
        let mut stack = vec![(String::new(), 0)];
        let mut cases = 0;
        while let Some((s, pieces)) = stack.pop() {
            for n in 0..=s.len() {
                let (mut a, mut b) = ([0u8; 64], [0u8; 64]);
                assert_eq!(percent_decode_into(&s, &mut a[..n]), plain(&s, &mut b[..n]), "{s:?} in {n}");
                cases += 1;
            }
            if pieces < 4 {
                for a in alphabet {
                    stack.push((format!("{s}{a}"), pieces + 1));
                }
            }
        }
        assert!(cases > 10_000, "{cases}");
    }

    #[test]
    fn same_resource_rules() {
        let same = [
            ("/a/b/", "/a/b"),
            ("/a/%7Eb", "/a/~b"),
            ("/a/%7eb", "/a/~B".to_lowercase().leak()),
            ("/a%20b", "/a b"),
            ("/%C3%A9", "/é"),
            ("/%c3%a9", "/%C3%A9"),
            ("/a/%2Fb", "/a/%2fb"),
            ("http://H.example/a", "HTTP://h.EXAMPLE:80/a/"),
            ("https://h/a", "https://h:443/a"),
            ("https://u@h/a", "https://h/a"),
            ("/files/", "https://h/files"),
            ("/a?x=%7E", "/a?x=~"),
            ("/a#frag", "/a"),
        ];
        for (a, b) in same {
            assert!(same_resource(a, b), "{a:?} {b:?}");
            assert!(same_resource(b, a), "{b:?} {a:?}");
        }
        let differ = [
            ("/a/b", "/a/c"),
            ("/a%2Fb", "/a/b"),
            ("/a/B", "/a/b"),
            ("http://h/a", "https://h/a"),
            ("http://h/a", "http://h:8080/a"),
            ("http://h/a", "http://g/a"),
            ("/a?x=1", "/a"),
            ("/a?x=1", "/a?x=2"),
            ("/a//", "/a"),
            ("/a%25", "/a%"),
        ];
        for (a, b) in differ {
            assert!(!same_resource(a, b), "{a:?} {b:?}");
            assert!(!same_resource(b, a), "{b:?} {a:?}");
        }
    }

    #[test]
    fn encoding_round_trips() {
        for path in ["/sd/Tom & Jerry.txt", "/a%b/é€😀", "/x;y=z+w,v", "/ok-._~!$'()*:@/", "", "%", "/%41"] {
            let enc = encode_path(path).to_string();
            assert!(enc.bytes().all(|b| b.is_ascii_graphic() && b != b'&' && b != b'"' && b != b'<'), "{enc}");
            let mut buf = [0u8; 128];
            assert_eq!(percent_decode_into(&enc, &mut buf), Ok(path), "{path:?}");
            let mut buf2 = [0u8; 128];
            assert_eq!(encode_path(path).write_into(&mut buf2), Ok(enc.as_str()));
            assert!(same_resource(&enc, &enc));
        }
        let mut small = [0u8; 5];
        assert_eq!(encode_path("/a b").write_into(&mut small).unwrap_err().kind(), HrefErrorKind::BufferTooSmall);
    }
}
