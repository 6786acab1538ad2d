//! Text values without allocation: a raw slice of the body plus lazy unescaping.
//!
//! A [`Text`] is the raw content of a text-only element (or an attribute value), exactly as it
//! stands in the body: references unexpanded, CDATA sections, comments and processing
//! instructions in place, line ends as sent. The parser has already checked it (every `&` is a
//! valid reference to an XML `Char`, every character is a `Char`, `]]>` does not stand in char
//! data), so reading it never fails:
//!
//! ```text
//!   <D:displayname>Tom &amp; Jerry<!-- x --><![CDATA[ <3 ]]></D:displayname>
//!                  |<------------------ raw() ------------------->|
//!   fragments():   Str("Tom ") Char('&') Str(" Jerry") Str(" <3 ")
//! ```

use crate::offset::plus;
use core::fmt;

use crate::error::{Error, ErrorKind};
use crate::scan::BLOCK;

/// Where a text comes from; decides how white space is normalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Mode {
    /// Element content: `\r\n` and lone `\r` read as `\n` (XML 1.0 §2.11).
    Content,
    /// An attribute value: additionally literal tab, CR and LF read as a space (§3.3.3).
    Attribute,
    /// Already unescaped (a copy made by the parser): read as it is.
    Verbatim,
}

/// A text value: the raw slice of the body, with lazy unescaping.
///
/// 24 bytes, `Copy`. Equality (`==`) compares the unescaped *values* (without a buffer):
/// `&amp;`, `&#38;`, `&#x26;` and `<![CDATA[&]]>` are equal, wherever they are in the body;
/// [`Hash`] hashes the same bytes. Compare [`Text::raw`] for the text as sent, and use
/// [`Text::eq_str`] to compare with a string.
///
/// ```
/// use multistatus::{Event, Fragment, Parser};
///
/// let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>
///   <d:propstat><d:prop><d:displayname>Tom &amp; Jerry</d:displayname></d:prop>
///   <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#;
/// for event in Parser::new(body)? {
///     if let Event::Property(p) = event? {
///         let text = p.text().unwrap();
///         assert_eq!(text.raw(), "Tom &amp; Jerry"); // as sent
///         assert_eq!(text.as_plain(), None); // it has a reference: not the value as is
///         assert!(text.eq_str("Tom & Jerry")); // compared without a buffer
///         let mut buf = [0u8; 32];
///         assert_eq!(text.unescape_into(&mut buf)?, "Tom & Jerry");
///         let mut pieces = text.fragments();
///         assert_eq!(pieces.next(), Some(Fragment::Str("Tom ")));
///         assert_eq!(pieces.next(), Some(Fragment::Char('&')));
///         assert_eq!(pieces.next(), Some(Fragment::Str(" Jerry")));
///     }
/// }
/// # Ok::<(), multistatus::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Text<'a> {
    raw: &'a str,
    offset: u32,
    mode: Mode,
    /// No `&`, `<` or `\r` (and in attribute mode no tab or LF): unescaped == raw.
    plain: bool,
    /// The value is trimmed of XML white space (see [`Text::trim`]).
    trim: bool,
    /// Always 0. It makes the fields after `raw` 8 bytes with no padding, which the
    /// compiler copies in one move: as 7 bytes they were copied by two overlapping 4-byte
    /// moves, and reading them back stalled store forwarding (perf annotate: about 10% of
    /// the event level on namespace-heavy bodies). Never read.
    #[allow(dead_code)]
    zero: u8,
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.raw, f)
    }
}

/// One piece of an unescaped text: a borrowed run or a single expanded character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fragment<'a> {
    /// A run of the body (or of a CDATA section) that needs no change.
    Str(&'a str),
    /// A character from a reference, or `\n`/space from line-end normalisation.
    Char(char),
}

/// Whether `raw` reads as itself: no byte that [`stops_plain`]. Element content (which may be
/// a whole calendar, or an 11 MB attachment) is read as a few words when short, else searched
/// by words or `memchr` ([`crate::scan::content_is_plain`]); attribute values (short) byte by
/// byte.
fn is_plain(raw: &str, mode: Mode) -> bool {
    match mode {
        // The feature `small`: byte by byte in both modes (one loop).
        Mode::Content if crate::scan::FAST => crate::scan::content_is_plain(raw.as_bytes()),
        _ => !raw.bytes().any(|b| stops_plain(b, mode)),
    }
}

/// The plain rule of [`is_plain`]: `&`, `<` and CR, and in an attribute value tab and LF.
fn stops_plain(b: u8, mode: Mode) -> bool {
    match b {
        b'&' | b'<' | b'\r' => true,
        b'\t' | b'\n' => mode == Mode::Attribute,
        _ => false,
    }
}

impl PartialEq for Text<'_> {
    /// The unescaped values are equal (two plain texts: their slices compared at once).
    fn eq(&self, other: &Self) -> bool {
        texts_equal(self, other)
    }
}

impl Eq for Text<'_> {}

impl core::hash::Hash for Text<'_> {
    /// Hashes the unescaped value, in chunks of 64 bytes of the value whatever its
    /// fragments (so equal texts hash alike), then its length.
    fn hash<H: core::hash::Hasher>(&self, h: &mut H) {
        const CHUNK: usize = 64;
        let mut len = 0usize;
        if let Some(s) = self.as_plain() {
            for c in s.as_bytes().chunks(CHUNK) {
                h.write(c);
            }
            len = s.len();
        } else {
            let mut buf = [0u8; CHUNK];
            let mut n = 0usize;
            for b in FragmentBytes::new(self) {
                if let Some(slot) = buf.get_mut(n) {
                    *slot = b;
                    n = plus!(n, 1);
                }
                len = plus!(len, 1);
                if n == CHUNK {
                    h.write(&buf);
                    n = 0;
                }
            }
            if n > 0 {
                h.write(buf.get(..n).unwrap_or(&[]));
            }
        }
        h.write_usize(len);
    }
}

/// Whether two texts unescape to the same string, without a buffer.
pub(crate) fn texts_equal(a: &Text<'_>, b: &Text<'_>) -> bool {
    if let (Some(x), Some(y)) = (a.as_plain(), b.as_plain()) {
        return x == y;
    }
    let mut bytes_b = FragmentBytes::new(b);
    let mut bytes_a = FragmentBytes::new(a);
    loop {
        match (bytes_a.next(), bytes_b.next()) {
            (None, None) => return true,
            (x, y) if x != y => return false,
            _ => {}
        }
    }
}

/// The bytes of a text's unescaped value, one at a time.
struct FragmentBytes<'a> {
    frags: Fragments<'a>,
    cur: &'a [u8],
    buf: [u8; 4],
    buf_len: usize,
    buf_pos: usize,
}

impl<'a> FragmentBytes<'a> {
    fn new(t: &Text<'a>) -> Self {
        FragmentBytes { frags: t.fragments(), cur: &[], buf: [0; 4], buf_len: 0, buf_pos: 0 }
    }
}

impl Iterator for FragmentBytes<'_> {
    type Item = u8;
    fn next(&mut self) -> Option<u8> {
        loop {
            if self.buf_pos < self.buf_len {
                let b = self.buf.get(self.buf_pos).copied();
                self.buf_pos = plus!(self.buf_pos, 1);
                return b;
            }
            if let Some((&b, rest)) = self.cur.split_first() {
                self.cur = rest;
                return Some(b);
            }
            match self.frags.next()? {
                Fragment::Str(s) => self.cur = s.as_bytes(),
                Fragment::Char(c) => {
                    self.buf_len = c.encode_utf8(&mut self.buf).len();
                    self.buf_pos = 0;
                }
            }
        }
    }
}

impl<'a> Text<'a> {
    /// The empty attribute text (no namespace's URI).
    pub(crate) const STATIC_EMPTY: Text<'a> =
        Text { raw: "", offset: 0, mode: Mode::Attribute, plain: true, trim: false, zero: 0 };

    /// An untrimmed text at `offset` in the body.
    fn new(raw: &'a str, offset: usize, mode: Mode, plain: bool) -> Self {
        Text { raw, offset: u32::try_from(offset).unwrap_or(u32::MAX), mode, plain, trim: false, zero: 0 }
    }

    /// A content text whose plainness the reader found while scanning it.
    pub(crate) fn scanned(raw: &'a str, offset: usize, plain: bool) -> Self {
        Self::new(raw, offset, Mode::Content, plain)
    }

    /// A content text (already checked by the reader). `offset` is its place in the body.
    pub(crate) fn content(raw: &'a str, offset: usize) -> Self {
        Self::with_mode(raw, offset, Mode::Content)
    }

    /// [`Text::content`] made where it is asked for, inlined: an element's value
    /// (`Element::text`), which a client asks of every property, its plainness read there
    /// (a few words for a short value, [`crate::scan::content_is_plain`]). Not for the
    /// parser's own loop, which it would make larger.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn content_here(raw: &'a str, offset: usize) -> Self {
        Self::new(raw, offset, Mode::Content, crate::scan::content_is_plain(raw.as_bytes()))
    }

    /// An attribute value (already checked by the reader).
    pub(crate) fn attribute(raw: &'a str, offset: usize) -> Self {
        Self::with_mode(raw, offset, Mode::Attribute)
    }

    /// An attribute value whose plainness is already known (a namespace URI, checked once
    /// when declared; a value the byte scanner read, which sees it on the way).
    pub(crate) fn attribute_known(raw: &'a str, offset: usize, plain: bool) -> Self {
        Self::new(raw, offset, Mode::Attribute, plain)
    }

    fn with_mode(raw: &'a str, offset: usize, mode: Mode) -> Self {
        Self::new(raw, offset, mode, is_plain(raw, mode))
    }

    /// An already unescaped copy (a windowed parser's namespace URI), read as it is.
    pub(crate) fn verbatim(raw: &'a str) -> Self {
        Self::new(raw, 0, Mode::Verbatim, true)
    }

    /// The empty text at `offset`.
    pub(crate) fn empty(offset: usize) -> Self {
        Self::content("", offset)
    }

    /// The raw slice of the body, exactly as sent.
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// Byte offset of the raw slice in the body.
    pub fn offset(&self) -> usize {
        crate::offset::widen(self.offset)
    }

    /// Whether the unescaped value equals the raw slice (no reference, CDATA, comment,
    /// processing instruction or CR): then `raw()` is the value, with no work.
    pub fn is_plain(&self) -> bool {
        self.plain
    }

    /// Whether the text is only white space once unescaped (comments and PIs count as
    /// nothing): what the grammars pass over between elements.
    pub(crate) fn is_blank(&self) -> bool {
        // The feature `small`: a plain text too by its fragments (one, the raw slice).
        if crate::scan::FAST
            && let Some(p) = self.as_plain()
        {
            return p.bytes().all(is_xml_space_byte);
        }
        self.fragments().all(|f| is_blank_fragment(&f))
    }

    /// The unescaped value as one borrowed `&str` when that is possible without a buffer
    /// (`is_plain()`), else `None`.
    pub fn as_plain(&self) -> Option<&'a str> {
        if self.plain { Some(self.raw) } else { None }
    }

    /// Whether the raw slice is empty.
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// The same text with its value trimmed of XML white space (space, tab, CR, LF) at both
    /// ends. The raw slice loses the white space of its ends; when the text holds references,
    /// CDATA, comments or PIs, the value is also trimmed past them (white space after a
    /// leading comment, in a leading CDATA section or from a `&#32;` goes too).
    pub fn trim(&self) -> Self {
        // By bytes: white space is ASCII, so both ends are character boundaries.
        let (start, end) = trimmed_span(self.raw.as_bytes());
        let raw = crate::scan::sub(self.raw, start, end).unwrap_or("");
        let offset = plus!(self.offset(), start);
        // A plain text stays plain; another may have lost what made it so (a CR at an end).
        let mut t =
            if self.plain { Self::new(raw, offset, self.mode, true) } else { Self::with_mode(raw, offset, self.mode) };
        t.trim = !t.plain;
        t
    }

    /// The unescaped value as fragments: references expanded, CDATA content verbatim,
    /// comments and processing instructions dropped, line ends normalised.
    #[cfg_attr(feature = "small", inline(never))]
    pub fn fragments(&self) -> Fragments<'a> {
        if self.mode == Mode::Verbatim {
            // One piece, as it is: `cdata` is read without any unescaping.
            return Fragments {
                rest: "",
                cdata: self.raw,
                mode: self.mode,
                trim: false,
                started: false,
                value_until: usize::MAX,
            };
        }
        Fragments {
            trim: self.trim,
            started: false,
            rest: self.raw,
            cdata: "",
            mode: self.mode,
            value_until: usize::MAX,
        }
    }

    /// Length in bytes of the unescaped value (UTF-8).
    pub fn unescaped_len(&self) -> usize {
        if self.plain {
            return self.raw.len();
        }
        self.fragments().fold(0usize, |n, f| plus!(n, fragment_len(f)))
    }

    /// Whether the unescaped value equals `s`, compared without any buffer.
    #[inline]
    pub fn eq_str(&self, s: &str) -> bool {
        if self.plain {
            return crate::scan::eq_short(self.raw.as_bytes(), s.as_bytes());
        }
        self.eq_str_unescaped(s)
    }

    /// [`Text::eq_str`] of a text with references, fragment by fragment.
    fn eq_str_unescaped(&self, s: &str) -> bool {
        let mut rest = s.as_bytes();
        for f in self.fragments() {
            let mut buf = [0u8; 4];
            let piece = match f {
                Fragment::Str(p) => p.as_bytes(),
                Fragment::Char(c) => c.encode_utf8(&mut buf).as_bytes(),
            };
            match rest.strip_prefix(piece) {
                Some(r) => rest = r,
                None => return false,
            }
        }
        rest.is_empty()
    }

    /// Writes the unescaped value into `buf` and returns it as a `&str` there.
    ///
    /// # Errors
    /// [`ErrorKind::BufferTooSmall`] (at this text's offset) when `buf` is shorter than
    /// [`Text::unescaped_len`]; nothing useful is left in `buf` then.
    pub fn unescape_into<'b>(&self, buf: &'b mut [u8]) -> Result<&'b str, Error> {
        // Element content by whole runs (the common case, and the long texts); anything else,
        // or a value that did not fit before trimming, piece by piece.
        let bulk = match self.mode {
            // The feature `small`: piece by piece alone (the same value, less code).
            Mode::Content if crate::scan::FAST => {
                unescape_short_content_into(self.raw.as_bytes(), buf).or_else(|| unescape_content_into(self.raw, buf))
            }
            _ => None,
        };
        let (start, end) = match bulk {
            Some(n) if self.trim => trimmed_span(buf.get(..n).unwrap_or(&[])),
            Some(n) => (0, n),
            None => (0, self.unescape_by_fragments(buf)?),
        };
        let written = buf.get(start..end).unwrap_or(&[]);
        // Only whole UTF-8 sequences were copied, so this cannot fail; map it anyway.
        core::str::from_utf8(written).map_err(|_| Error::new(ErrorKind::InvalidUtf8, self.offset()))
    }

    /// [`Text::unescape_into`] fragment by fragment (the plain definition): the length
    /// written.
    fn unescape_by_fragments(&self, buf: &mut [u8]) -> Result<usize, Error> {
        let too_small = Error::new(ErrorKind::BufferTooSmall, self.offset());
        let mut len = 0usize;
        for f in self.fragments() {
            let mut tmp = [0u8; 4];
            let piece = match f {
                Fragment::Str(p) => p.as_bytes(),
                Fragment::Char(c) => c.encode_utf8(&mut tmp).as_bytes(),
            };
            let end = len.checked_add(piece.len()).ok_or(too_small)?;
            buf.get_mut(len..end).ok_or(too_small)?.copy_from_slice(piece);
            len = end;
        }
        Ok(len)
    }

    /// Writes the unescaped value to `w`.
    pub fn write_to<W: fmt::Write>(&self, w: &mut W) -> fmt::Result {
        for f in self.fragments() {
            match f {
                Fragment::Str(s) => w.write_str(s)?,
                Fragment::Char(c) => w.write_char(c)?,
            }
        }
        Ok(())
    }
}

/// Displays the unescaped value.
impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

fn fragment_len(f: Fragment<'_>) -> usize {
    match f {
        Fragment::Str(s) => s.len(),
        Fragment::Char(c) => c.len_utf8(),
    }
}

/// A caller's buffer being filled from its start.
struct Out<'b> {
    buf: &'b mut [u8],
    len: usize,
}

impl Out<'_> {
    /// Appends `s`; `None` when it does not fit.
    #[inline]
    fn put(&mut self, s: &[u8]) -> Option<()> {
        let end = self.len.checked_add(s.len())?;
        self.buf.get_mut(self.len..end)?.copy_from_slice(s);
        self.len = end;
        Some(())
    }

    /// [`Out::put`], with no copy call for an empty `s`: the rest of a value that ends in a
    /// reference (an ETag `&quot;…&quot;`).
    #[inline]
    fn put_some(&mut self, s: &[u8]) -> Option<()> {
        if s.is_empty() { Some(()) } else { self.put(s) }
    }

    /// Appends one byte.
    #[inline]
    fn byte(&mut self, b: u8) -> Option<()> {
        *self.buf.get_mut(self.len)? = b;
        self.len = self.len.checked_add(1)?;
        Some(())
    }

    /// Appends `c` in UTF-8.
    #[inline]
    fn char(&mut self, c: char) -> Option<()> {
        match u8::try_from(c) {
            Ok(b) if b.is_ascii() => self.byte(b),
            _ => self.put(c.encode_utf8(&mut [0u8; 4]).as_bytes()),
        }
    }

    /// Copies `src` two [`BLOCK`]s at a time, then one, up to its first byte for which `hit`
    /// holds ([`crate::scan::first_in_two_blocks`], [`crate::scan::first_in_block`]; a calendar's
    /// line is then read in one step), each block stored whole (the bytes stored past the
    /// stop are overwritten by what follows, or left past the value's end, where the caller's
    /// buffer holds nothing it was promised); a line end met so ([`line_end_at`]) is written and passed here, and
    /// the copy goes on. Returns how many bytes of `src` it read: up to the first other stop,
    /// or to where under one [`BLOCK`] of `src` or of room is left (the caller reads the
    /// rest, and what it stopped at). No call and no search to start: the lines of a long
    /// value (a calendar's, each ending in a CR or `&#13;`) are about 50 bytes.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn blocks(&mut self, src: &[u8], hit: impl Fn(u8) -> bool + Copy) -> usize {
        let (i, stopped) = self.blocks_of::<{ 2 * BLOCK }>(src, 0, |b| crate::scan::first_in_two_blocks(b, hit));
        if stopped { i } else { self.blocks_of::<BLOCK>(src, i, |b| crate::scan::first_in_block(b, hit)).0 }
    }

    /// [`Out::blocks`] by `N` bytes at a time from `src[i..]`, `find` the first stop of `N`
    /// bytes: where it stopped reading, and whether at a stop other than a line end (else
    /// under `N` bytes of `src` or of room are left).
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn blocks_of<const N: usize>(
        &mut self,
        src: &[u8],
        mut i: usize,
        find: impl Fn([u8; N]) -> Option<usize>,
    ) -> (usize, bool) {
        // `wrapping_add`: positions in `src` and in `buf`, plus at most a block.
        let mut o = self.len;
        let mut stopped = false;
        while let (Some(from), Some(to)) = (
            src.get(i..).and_then(<[u8]>::first_chunk::<N>),
            self.buf.get_mut(o..).and_then(<[u8]>::first_chunk_mut::<N>),
        ) {
            *to = *from;
            let Some(k) = find(*from) else {
                (i, o) = (i.wrapping_add(N), o.wrapping_add(N));
                continue;
            };
            (i, o) = (i.wrapping_add(k), o.wrapping_add(k));
            let (Some((byte, len)), Some(slot)) = (line_end_at(src.get(i..).unwrap_or(&[])), to.get_mut(k)) else {
                stopped = true;
                break;
            };
            *slot = byte;
            (i, o) = (i.wrapping_add(len), o.wrapping_add(1));
        }
        self.len = o;
        (i, stopped)
    }
}

/// Element content `raw` (already checked by the reader) unescaped into `buf` by whole runs,
/// untrimmed: each run up to the next `&`, `<` or CR copied a block at a time
/// ([`Out::blocks`]; its last bytes, under a block of input or of room, found by
/// [`crate::scan::content_stop`] and copied at once), then what stopped it read: a reference as its character, a CR (with an LF
/// after it) as one LF, a CDATA section's content copied (its own line ends read the same
/// way), a comment, a processing instruction or a tag left out. What [`Fragments`] hands out,
/// without a piece at a time. The length written; `None` when `buf` is too small. Out of
/// line: its loop compiles alone, whatever [`Text::unescape_into`] holds besides.
#[inline(never)]
fn unescape_content_into(raw: &str, buf: &mut [u8]) -> Option<usize> {
    let mut out = Out { buf, len: 0 };
    // By bytes: every piece copied is whole characters, and the caller checks the result.
    let mut rest = raw.as_bytes();
    loop {
        rest = rest.get(out.blocks(rest, crate::scan::is_content_stop)..)?;
        let k = match rest.first() {
            Some(b'&' | b'<' | b'\r') => 0,
            _ => match crate::scan::content_stop(rest) {
                Some(k) => k,
                None => {
                    out.put_some(rest)?;
                    return Some(out.len);
                }
            },
        };
        let (run, from) = rest.split_at_checked(k)?;
        out.put_some(run)?;
        let read = match from.first() {
            Some(b'&') => {
                // The reader checked every reference; a lone `&` (never seen) reads as itself.
                let (c, len) = reference_at(from).unwrap_or(('&', 1));
                out.char(c)?;
                len
            }
            Some(b'\r') => {
                out.byte(b'\n')?;
                line_end_len(from)
            }
            _ => markup_into(from, &mut out)?,
        };
        rest = from.get(read..).unwrap_or(&[]);
    }
}

/// Up to this length element content is unescaped a word at a time
/// ([`unescape_short_content_into`]); past it, by runs between searches.
const SHORT_CONTENT: usize = 64;

/// Element content of up to [`SHORT_CONTENT`] bytes (an ETag `&quot;…&quot;`, a name with an
/// `&amp;`) unescaped into `buf` a word at a time, as [`unescape_content_into`] reads it: the
/// value is first copied into a zeroed array a word longer, then each eight bytes of it are
/// stored whole at the output's end, which moves on by as many bytes as came before the
/// word's first stop (all eight when it has none, [`crate::scan::content_stop_in`]), and the
/// stop is read (a reference, a CR). Positions stay below 64 (the output never runs ahead of
/// the input: unescaping only shortens), so no word is read or stored out of the arrays and
/// the loop has no bounds to test: the few references of a short value cost what a word
/// costs, with one copy call. `None` (nothing useful written) when `raw` is longer or holds
/// markup (a `<`: CDATA, a comment), or `buf` is shorter than `SHORT_CONTENT + 8` bytes (the
/// words stored past the value): the caller reads it by runs.
#[cfg_attr(not(feature = "small"), inline(always))]
fn unescape_short_content_into(raw: &[u8], buf: &mut [u8]) -> Option<usize> {
    const ROOM: usize = SHORT_CONTENT + 8;
    let n = raw.len();
    if n > SHORT_CONTENT {
        return None;
    }
    let out = buf.first_chunk_mut::<ROOM>()?;
    let mut src = [0u8; ROOM];
    src.get_mut(..n)?.copy_from_slice(raw);
    // `& (SHORT_CONTENT - 1)`: `o <= i < n <= 64`, the mask changes nothing and shows each
    // word within the arrays. `wrapping_add`: positions below 64 plus at most eight.
    let word = |at: usize| src.get(at & (SHORT_CONTENT - 1)..).and_then(<[u8]>::first_chunk::<8>).copied();
    let (mut i, mut o) = (0usize, 0usize);
    while i < n {
        let w = word(i)?;
        *out.get_mut(o & (SHORT_CONTENT - 1)..).and_then(<[u8]>::first_chunk_mut::<8>)? = w;
        let Some(k) = crate::scan::content_stop_in(u64::from_le_bytes(w)) else {
            (i, o) = (i.wrapping_add(8), o.wrapping_add(8));
            continue;
        };
        (i, o) = (i.wrapping_add(k), o.wrapping_add(k));
        let from = raw.get(i..)?;
        let read = match from.first() {
            Some(b'&') => {
                // The reader checked every reference; a lone `&` (never seen) reads as itself.
                let (c, len) = reference_at(from).unwrap_or(('&', 1));
                let slot = out.get_mut(o..)?;
                o = o.wrapping_add(match u8::try_from(c) {
                    Ok(b) if b.is_ascii() => {
                        *slot.first_mut()? = b;
                        1
                    }
                    _ => c.encode_utf8(slot.get_mut(..4)?).len(),
                });
                len
            }
            Some(b'\r') => {
                *out.get_mut(o)? = b'\n';
                o = o.wrapping_add(1);
                line_end_len(from)
            }
            // Markup (rare in a short value): read by runs, from the start.
            _ => return None,
        };
        i = i.wrapping_add(read);
    }
    // The last word may have run past the value: its end is where the input's is.
    Some(o.wrapping_sub(i.wrapping_sub(n)))
}

/// The line end at the start of `b`, if one is there: a CR (with an LF after it) reads as an
/// LF, the reference `&#13;` as a CR; the byte it reads as, and its length. The stops of a
/// long value's lines, read where they are found ([`Out::blocks`]).
#[cfg_attr(not(feature = "small"), inline(always))]
fn line_end_at(b: &[u8]) -> Option<(u8, usize)> {
    match b {
        [b'&', b'#', b'1', b'3', b';', ..] => Some((b'\r', 5)),
        [b'\r', b'\n', ..] => Some((b'\n', 2)),
        [b'\r', ..] => Some((b'\n', 1)),
        _ => None,
    }
}

/// The length of the line end at the start of `b` (at its CR): 2 for `\r\n`, else 1.
fn line_end_len(b: &[u8]) -> usize {
    if b.get(1) == Some(&b'\n') { 2 } else { 1 }
}

/// The markup at the start of `b` (a `<` in element content): a CDATA section's content is
/// appended to `out` (line ends read as LF), a comment, a processing instruction or a tag is
/// left out. Its length (all of `b` when it is not closed); `None` when `out` is full.
fn markup_into(b: &[u8], out: &mut Out<'_>) -> Option<usize> {
    /// The length of `open`, what follows up to the first `close`, and `close`, at the start
    /// of `b` (all of `b` without a `close`); with the span of what is between.
    fn closed(b: &[u8], open: usize, close: &[u8]) -> (usize, (usize, usize)) {
        let (at, past) = crate::scan::around_marker(b.get(open..).unwrap_or(&[]), close);
        (plus!(open, past), (open, plus!(open, at)))
    }
    if b.starts_with(b"<![CDATA[") {
        let (len, (from, to)) = closed(b, 9, b"]]>");
        let mut content = b.get(from..to).unwrap_or(&[]);
        loop {
            content = content.get(out.blocks(content, crate::scan::is_cr)..)?;
            let k = match content.first() {
                Some(b'\r') => 0,
                _ => match crate::scan::find_byte(content, b'\r') {
                    Some(k) => k,
                    None => break,
                },
            };
            let (run, at_cr) = content.split_at_checked(k)?;
            out.put_some(run)?;
            out.byte(b'\n')?;
            content = at_cr.get(line_end_len(at_cr)..).unwrap_or(&[]);
        }
        out.put_some(content)?;
        Some(len)
    } else if b.starts_with(b"<!--") {
        Some(closed(b, 4, b"-->").0)
    } else if b.starts_with(b"<?") {
        Some(closed(b, 2, b"?>").0)
    } else {
        Some(tag_end_in(b).unwrap_or(b.len()))
    }
}

/// XML white space (`S`): space, tab, CR, LF.
pub(crate) fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// [`is_xml_space`] for a byte.
pub(crate) fn is_xml_space_byte(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

/// `s` without the XML white space it starts with (white space is ASCII: byte by byte, no
/// character decoding).
pub(crate) fn trim_space_start(s: &str) -> &str {
    let n = s.bytes().position(|c| !is_xml_space_byte(c)).unwrap_or(s.len());
    s.get(n..).unwrap_or("")
}

/// `s` without the XML white space it ends with (see [`trim_space_start`]).
pub(crate) fn trim_space_end(s: &str) -> &str {
    let n = s.bytes().rposition(|c| !is_xml_space_byte(c)).map_or(0, |e| plus!(e, 1));
    s.get(..n).unwrap_or("")
}

/// Whether `s` starts with XML white space.
pub(crate) fn starts_with_space(s: &str) -> bool {
    s.as_bytes().first().is_some_and(|&c| is_xml_space_byte(c))
}

/// Whether `s` ends with XML white space.
pub(crate) fn ends_with_space(s: &str) -> bool {
    s.as_bytes().last().is_some_and(|&c| is_xml_space_byte(c))
}

/// Whether `s` starts or ends with XML white space (space, tab, CR, LF): what the reader trims
/// off an href, a location, a sync-token, a status line and an error's text, whether it is
/// written as is or as a reference (`&#32;`, `&#13;`): the writers refuse such a value, which
/// could not read back identically.
pub(crate) fn has_white_space_end(s: &str) -> bool {
    starts_with_space(s) || ends_with_space(s)
}

/// Where `b` is once XML white space is trimmed off both ends: `start..end` (both ends are
/// character boundaries of a `str`, white space being ASCII).
pub(crate) fn trimmed_span(b: &[u8]) -> (usize, usize) {
    let start = b.iter().position(|&c| !is_xml_space_byte(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|&c| !is_xml_space_byte(c)).map_or(start, |e| plus!(e, 1));
    (start, end)
}

/// Iterator over the unescaped [`Fragment`]s of a [`Text`].
#[derive(Clone, Debug)]
pub struct Fragments<'a> {
    rest: &'a str,
    /// Remaining content of the CDATA section being read.
    cdata: &'a str,
    mode: Mode,
    /// Trim the value's white space at both ends; `started`: past the leading white space.
    trim: bool,
    started: bool,
    /// [`Fragments::remaining`] just past the last fragment known to hold more than white
    /// space (found by a look ahead); the fragments before it are inside the trimmed value.
    value_until: usize,
}

/// Splits `s` after `n` bytes; `("", s)`-safe when `n` is not a boundary.
fn split(s: &str, n: usize) -> (&str, &str) {
    s.split_at_checked(n).unwrap_or((s, ""))
}

/// Skips past the first `pat` in `s`; the empty rest when absent.
fn after<'s>(s: &'s str, pat: &str) -> (&'s str, &'s str) {
    let (at, past) = crate::scan::around_marker(s.as_bytes(), pat.as_bytes());
    (split(s, at).0, split(s, past).1)
}

impl<'a> Fragments<'a> {
    /// Next fragment of a run (`cdata` says whether `&` and `<` are ordinary there): its
    /// fragment and length found first, then the run moved past it, once. Out of line with
    /// `small`: inlined, its two calls made two copies (117 bytes more).
    #[cfg_attr(feature = "small", inline(never))]
    fn piece(&mut self, in_cdata: bool) -> Option<Fragment<'a>> {
        let mut src = if in_cdata { self.cdata } else { self.rest };
        // In content, a CR before an LF goes and the LF stays, the first byte of the next run:
        // `\r\n` is `\n` (XML 1.0 §2.11) with no piece of its own.
        if self.mode == Mode::Content && src.starts_with("\r\n") {
            src = split(src, 1).1;
        }
        let b = src.as_bytes();
        let (frag, len) = match *b.first()? {
            // In an attribute value a line end (`\r\n` too, one piece) is a space; in content
            // a lone CR is an LF (not in a verbatim text).
            b'\r' if self.mode == Mode::Attribute => {
                (Fragment::Char(' '), if b.get(1) == Some(&b'\n') { 2 } else { 1 })
            }
            b'\r' if self.mode == Mode::Content => (Fragment::Char('\n'), 1),
            b'\t' | b'\n' if self.mode == Mode::Attribute => (Fragment::Char(' '), 1),
            b'&' if !in_cdata => {
                let (c, len) = parse_reference(src).unwrap_or(('&', 1));
                (Fragment::Char(c), len)
            }
            _ => {
                // A `<` at position 0 outside CDATA is handled by the caller.
                let stop = run_end(b, self.mode, in_cdata);
                (Fragment::Str(split(src, stop).0), stop)
            }
        };
        let rest = split(src, len).1;
        if in_cdata {
            self.cdata = rest;
        } else {
            self.rest = rest;
        }
        Some(frag)
    }
}

/// Whether byte `b` ends a run that needs no change: a CR (line ends are normalised, but
/// not in a verbatim text), `&` and `<` outside CDATA, and in an attribute value also tab
/// and LF (read as spaces). The plain rule that [`run_end`] finds fast.
fn stops_run(b: u8, mode: Mode, in_cdata: bool) -> bool {
    match b {
        b'\r' => mode != Mode::Verbatim,
        b'&' | b'<' => !in_cdata,
        b'\t' | b'\n' => mode == Mode::Attribute,
        _ => false,
    }
}

/// Where the run at the start of `b` ends: the first byte that [`stops_run`], or the end.
/// Element content (the long texts: `calendar-data`, `address-data`) is searched by
/// `memchr`, two or three bytes at once; attribute values (short) byte by byte.
fn run_end(b: &[u8], mode: Mode, in_cdata: bool) -> usize {
    if !crate::scan::FAST {
        // The feature `small`: byte by byte in every mode (one loop, where its searches are
        // byte loops anyway).
        return b.iter().position(|&c| stops_run(c, mode, in_cdata)).unwrap_or(b.len());
    }
    let found = match (mode, in_cdata) {
        (Mode::Content, false) => crate::scan::memchr3(b'&', b'<', b'\r', b),
        (Mode::Content, true) => crate::scan::memchr(b'\r', b),
        (Mode::Verbatim, false) => crate::scan::memchr2(b'&', b'<', b),
        (Mode::Verbatim, true) => None,
        (Mode::Attribute, _) => b.iter().position(|&c| stops_run(c, mode, in_cdata)),
    };
    found.unwrap_or(b.len())
}

fn is_blank_fragment(f: &Fragment<'_>) -> bool {
    match f {
        Fragment::Str(s) => s.bytes().all(is_xml_space_byte),
        Fragment::Char(c) => is_xml_space(*c),
    }
}

impl<'a> Iterator for Fragments<'a> {
    type Item = Fragment<'a>;

    fn next(&mut self) -> Option<Fragment<'a>> {
        if !self.trim {
            return self.untrimmed();
        }
        loop {
            let mut f = self.untrimmed()?;
            if !self.started {
                if let Fragment::Str(s) = &mut f {
                    *s = trim_space_start(s);
                }
                if is_blank_fragment(&f) {
                    // Leading white space.
                    continue;
                }
                self.started = true;
            }
            let ends_blank = match f {
                Fragment::Str(s) => ends_with_space(s),
                Fragment::Char(c) => is_xml_space(c),
            };
            if ends_blank && !self.more_value_ahead() {
                // Trailing white space: the value ends here.
                self.rest = "";
                self.cdata = "";
                let end = match f {
                    Fragment::Str(s) => trim_space_end(s),
                    Fragment::Char(_) => "",
                };
                return if end.is_empty() { None } else { Some(Fragment::Str(end)) };
            }
            return Some(f);
        }
    }
}

impl<'a> Fragments<'a> {
    /// Bytes of the text not read yet (CDATA content and what follows the section). It
    /// shrinks with every fragment: a position in the text, counted from its end.
    fn remaining(&self) -> usize {
        plus!(self.rest.len(), self.cdata.len())
    }

    /// Whether a fragment that is not all white space follows. One look ahead finds the next
    /// such fragment and remembers where it ends, so that the white space before it asks no
    /// more: every fragment is looked at by at most one look ahead, and trimming stays linear
    /// (a look ahead from every blank fragment was quadratic in the blank fragments between two
    /// words, thousands of `\r` or `&#32;` in a status line).
    fn more_value_ahead(&mut self) -> bool {
        if self.remaining() > self.value_until {
            return true;
        }
        let mut ahead = self.clone();
        ahead.trim = false;
        while let Some(g) = ahead.untrimmed() {
            if !is_blank_fragment(&g) {
                self.value_until = ahead.remaining();
                return true;
            }
        }
        false
    }

    /// The next fragment of the value, untrimmed.
    fn untrimmed(&mut self) -> Option<Fragment<'a>> {
        loop {
            if !self.cdata.is_empty() {
                return self.piece(true);
            }
            if !self.rest.starts_with('<') {
                return self.piece(false);
            }
            // Markup inside a text: CDATA, a comment or a processing instruction (it
            // separates a CR before it from an LF after it: each is a line end).
            if let Some(body) = self.rest.strip_prefix("<![CDATA[") {
                let (content, rest) = after(body, "]]>");
                self.cdata = content;
                self.rest = rest;
            } else if let Some(body) = self.rest.strip_prefix("<!--") {
                // The end is looked for after the opening: `<!-->` does not close itself.
                self.rest = after(body, "-->").1;
            } else if let Some(body) = self.rest.strip_prefix("<?") {
                self.rest = after(body, "?>").1;
            } else {
                // A start or end tag (only in a `responsedescription`, whose value is its
                // string value): left out. Quoted attribute values may hold `>`.
                self.rest = split(self.rest, tag_len(self.rest)).1;
            }
        }
    }
}

/// Length of the tag at the start of `s` (up to its `>` outside quotes), or all of `s`.
fn tag_len(s: &str) -> usize {
    tag_end(s).unwrap_or(s.len())
}

/// Where the tag at the start of `s` ends: just after its `>` outside quoted attribute
/// values (a `>` inside a value does not end the tag); `None` if `s` holds no such `>`.
pub(crate) fn tag_end(s: &str) -> Option<usize> {
    tag_end_in(s.as_bytes())
}

/// [`tag_end`] of bytes.
fn tag_end_in(s: &[u8]) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, &b) in s.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return Some(plus!(i, 1)),
            _ => {}
        }
    }
    None
}

/// Whether `c` is an XML 1.0 `Char` (§2.2).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(u32::from(c), 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// Why a reference was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RefError {
    /// The input ends before the `;`.
    Eof,
    /// Malformed, unknown entity, or not a `Char`.
    Invalid,
}

/// Parses the reference at the start of `s` (which starts with `&`): one of the five
/// predefined entities, or a decimal / hex character reference to an XML `Char`.
/// Returns the character and the reference's length in bytes, `;` included.
pub(crate) fn parse_reference(s: &str) -> Result<(char, usize), RefError> {
    reference_at(s.as_bytes())
}

/// [`parse_reference`] of bytes.
#[cfg_attr(not(feature = "small"), inline(always))]
fn reference_at(b: &[u8]) -> Result<(char, usize), RefError> {
    match common_reference(b).filter(|_| crate::scan::FAST) {
        Some(r) => Ok(r),
        None => parse_any_reference(b),
    }
}

/// The references most bodies hold, read at once: the five entities and a two-digit decimal
/// character reference (`&#13;`, the CR of every iCalendar line escaped). `None` for any
/// other; [`parse_any_reference`] reads them all, these included (the plain rule). Its first
/// four bytes are compared as one word.
#[cfg_attr(not(feature = "small"), inline(always))]
fn common_reference(b: &[u8]) -> Option<(char, usize)> {
    const fn word(s: &[u8; 4]) -> u32 {
        u32::from_le_bytes(*s)
    }
    const LT: u32 = word(b"&lt;");
    const GT: u32 = word(b"&gt;");
    const AMP: u32 = word(b"&amp");
    const QUO: u32 = word(b"&quo");
    const APO: u32 = word(b"&apo");
    let head = word(b.first_chunk::<4>()?);
    let then = |tail: &[u8]| b.get(4..plus!(4usize, tail.len())) == Some(tail);
    match head {
        LT => Some(('<', 4)),
        GT => Some(('>', 4)),
        AMP if then(b";") => Some(('&', 5)),
        QUO if then(b"t;") => Some(('"', 6)),
        APO if then(b"s;") => Some(('\'', 6)),
        _ => match b {
            [b'&', b'#', t @ b'0'..=b'9', u @ b'0'..=b'9', b';', ..] => {
                let c = char::from(t.wrapping_sub(b'0').wrapping_mul(10).wrapping_add(u.wrapping_sub(b'0')));
                is_xml_char(c).then_some((c, 5))
            }
            _ => None,
        },
    }
}

/// [`parse_reference`] of any reference, byte by byte: a character reference's digits read
/// by [`char_reference`], an entity's name matched by [`entity_char`] (each written twice:
/// by default and for the feature `small`).
fn parse_any_reference(bytes: &[u8]) -> Result<(char, usize), RefError> {
    let body = bytes.get(1..).ok_or(RefError::Eof)?;
    // A character reference has any number of digits (`'&#' [0-9]+ ';'`, `'&#x' [0-9a-fA-F]+
    // ';'`, XML 1.0 §4.1: leading zeros included); an entity reference is one of the five
    // predefined names (at most four bytes).
    let (digits_at, radix) = match body {
        [b'#', b'x', ..] => (2, 16),
        [b'#', ..] => (1, 10),
        _ => {
            let Some(semi) = body.iter().take(5).position(|&b| b == b';') else {
                // Longer than any predefined name, or cut off by the end of input.
                let name_so_far = body.iter().all(u8::is_ascii_alphanumeric);
                return Err(if body.len() < 5 && name_so_far { RefError::Eof } else { RefError::Invalid });
            };
            let c = body.get(..semi).and_then(entity_char).ok_or(RefError::Invalid)?;
            return Ok((c, plus!(semi, 2)));
        }
    };
    char_reference(body, digits_at, radix)
}

/// The character of a predefined entity's name (before its `;`), `None` for any other.
#[cfg(not(feature = "small"))]
fn entity_char(name: &[u8]) -> Option<char> {
    match name {
        b"lt" => Some('<'),
        b"gt" => Some('>'),
        b"amp" => Some('&'),
        b"apos" => Some('\''),
        b"quot" => Some('"'),
        _ => None,
    }
}

/// The character reference in `body` (the reference after its `&`), its digits at
/// `digits_at` in `radix`: the character and the reference's length.
#[cfg(not(feature = "small"))]
fn char_reference(body: &[u8], digits_at: usize, radix: u32) -> Result<(char, usize), RefError> {
    let digits = body.get(digits_at..).unwrap_or(&[]);
    let n = digits.iter().position(|&b| !char::from(b).is_digit(radix)).unwrap_or(digits.len());
    match digits.get(n) {
        Some(b';') => {
            let c = char_from_digits(digits.get(..n).unwrap_or(&[]), radix)?;
            // `&`, the digits' prefix, the digits, `;`.
            Ok((c, plus!(plus!(digits_at, n), 2)))
        }
        Some(_) => Err(RefError::Invalid),
        // Digits up to the end of input: cut off.
        None => Err(RefError::Eof),
    }
}

#[cfg(not(feature = "small"))]
fn char_from_digits(digits: &[u8], radix: u32) -> Result<char, RefError> {
    if digits.is_empty() {
        return Err(RefError::Invalid);
    }
    let mut v: u32 = 0;
    for &d in digits {
        let n = char::from(d).to_digit(radix).ok_or(RefError::Invalid)?;
        v = v.checked_mul(radix).and_then(|v| v.checked_add(n)).ok_or(RefError::Invalid)?;
        if v > 0x10FFFF {
            return Err(RefError::Invalid);
        }
    }
    match char::from_u32(v) {
        Some(c) if is_xml_char(c) => Ok(c),
        _ => Err(RefError::Invalid),
    }
}

/// [`entity_char`] with the feature `small`: the name (at most four bytes) as one word,
/// compared with the five.
#[cfg(feature = "small")]
fn entity_char(name: &[u8]) -> Option<char> {
    const LT: u32 = u32::from_be_bytes([0, 0, b'l', b't']);
    const GT: u32 = u32::from_be_bytes([0, 0, b'g', b't']);
    const AMP: u32 = u32::from_be_bytes([0, b'a', b'm', b'p']);
    const APOS: u32 = u32::from_be_bytes(*b"apos");
    const QUOT: u32 = u32::from_be_bytes(*b"quot");
    match name.iter().fold(0u32, |w, &b| w.wrapping_shl(8) | u32::from(b)) {
        LT => Some('<'),
        GT => Some('>'),
        AMP => Some('&'),
        APOS => Some('\''),
        QUOT => Some('"'),
        _ => None,
    }
}

/// [`char_reference`] with the feature `small`: the digits' value read as they are found
/// (one loop, less code).
#[cfg(feature = "small")]
fn char_reference(body: &[u8], digits_at: usize, radix: u32) -> Result<(char, usize), RefError> {
    // The digits up to the `;`, their value read on the way (it stops growing past the
    // last character, so it never overflows: `wrapping_*` of at most 0x10FFFF * 16 + 15).
    let mut v: u32 = 0;
    let mut i = digits_at;
    loop {
        match body.get(i) {
            // Digits up to the end of input: cut off.
            None => return Err(RefError::Eof),
            Some(b';') => break,
            Some(&b) => {
                let d = char::from(b).to_digit(radix).ok_or(RefError::Invalid)?;
                if v <= 0x10_FFFF {
                    v = v.wrapping_mul(radix).wrapping_add(d);
                }
            }
        }
        i = plus!(i, 1);
    }
    match char::from_u32(v) {
        // At least one digit. `&`, the digits' prefix, the digits, `;`.
        Some(c) if i > digits_at && is_xml_char(c) => Ok((c, plus!(i, 2))),
        _ => Err(RefError::Invalid),
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;

    /// Steps `idx` to the next tuple of digits below `base` (the first digit the fastest);
    /// `false` once every tuple was visited (`idx` is then all zeros again).
    fn next_tuple(idx: &mut [usize], base: usize) -> bool {
        for d in idx.iter_mut() {
            *d = d.saturating_add(1);
            if *d < base {
                return true;
            }
            *d = 0;
        }
        false
    }

    fn unescape(t: Text<'_>) -> heapless::String<256> {
        let mut s = heapless::String::new();
        t.write_to(&mut s).unwrap();
        s
    }

    #[test]
    fn references_table() {
        let ok: &[(&str, char, usize)] = &[
            ("&lt;", '<', 4),
            ("&gt;x", '>', 4),
            ("&amp;", '&', 5),
            ("&apos;", '\'', 6),
            ("&quot;", '"', 6),
            ("&#65;", 'A', 5),
            ("&#x41;", 'A', 6),
            ("&#x1F600;", '😀', 9),
            ("&#000065;", 'A', 9),
            ("&#9;", '\t', 4),
            ("&#x10FFFF;", '\u{10FFFF}', 10),
            // Any number of leading zeros (fuzz finding 8).
            ("&#x0000000000000000000000010010;", '\u{10010}', 32),
            ("&#00000000000000000000000000000065;", 'A', 35),
        ];
        for &(s, c, n) in ok {
            assert_eq!(parse_reference(s), Ok((c, n)), "{s}");
        }
        let bad: &[(&str, RefError)] = &[
            ("&#0;", RefError::Invalid),
            ("&#x0;", RefError::Invalid),
            ("&#xD800;", RefError::Invalid),
            ("&#xDFFF;", RefError::Invalid),
            ("&#x110000;", RefError::Invalid),
            ("&#xFFFE;", RefError::Invalid),
            ("&#8;", RefError::Invalid),
            ("&#;", RefError::Invalid),
            ("&#x;", RefError::Invalid),
            ("&#-65;", RefError::Invalid),
            ("&#+65;", RefError::Invalid),
            ("&#X41;", RefError::Invalid),
            ("&nbsp;", RefError::Invalid),
            ("&;", RefError::Invalid),
            ("& b", RefError::Invalid),
            ("&#99999999999999999999;", RefError::Invalid),
            ("&am", RefError::Eof),
            ("&", RefError::Eof),
            ("&#x4", RefError::Eof),
            ("&#", RefError::Eof),
            ("&#x", RefError::Eof),
            ("&#x00000000000000000000000", RefError::Eof),
            ("&#x00000000000000000000000110000;", RefError::Invalid),
            ("&#0000000000000000000000000000000000000000000000000000000009x;", RefError::Invalid),
            ("&quo", RefError::Eof),
            ("&quotx", RefError::Invalid),
            ("&quot", RefError::Eof),
        ];
        for &(s, e) in bad {
            assert_eq!(parse_reference(s), Err(e), "{s}");
        }
    }

    /// `common_reference` reads what the plain reading of any reference reads, on every
    /// string of up to six bytes over the bytes of references (and a few others), each behind
    /// an `&`.
    #[test]
    fn common_references_are_the_plain_reading() {
        const BYTES: &[u8] = b"&#;0139xamplgtquos";
        let mut seen = 0;
        let mut stack = std::vec![std::vec![b'&']];
        while let Some(s) = stack.pop() {
            if let Some(r) = common_reference(&s) {
                assert_eq!(parse_any_reference(&s), Ok(r), "{s:?}");
                seen += 1;
            }
            if s.len() < 7 {
                for &b in BYTES {
                    let mut t = s.clone();
                    t.push(b);
                    stack.push(t);
                }
            }
        }
        assert!(seen > 1000, "{seen}");
        // Out of the fast path's reach: two-digit references to no XML character.
        assert_eq!(common_reference(b"&#08;"), None);
        assert_eq!(common_reference(b"&#31;"), None);
    }

    #[test]
    fn fragments_and_unescape() {
        let t = Text::content("Tom &amp; Jerry<!-- x --><![CDATA[ <3 & ]]><?pi x?>!", 7);
        assert!(!t.is_plain());
        assert_eq!(unescape(t).as_str(), "Tom & Jerry <3 & !");
        assert!(t.eq_str("Tom & Jerry <3 & !"));
        assert!(!t.eq_str("Tom & Jerry <3 & "));
        assert!(!t.eq_str("Tom & Jerry <3 & !!"));
        assert_eq!(t.unescaped_len(), 18);
        let mut buf = [0u8; 18];
        assert_eq!(t.unescape_into(&mut buf).unwrap(), "Tom & Jerry <3 & !");
        let mut small = [0u8; 17];
        assert_eq!(t.unescape_into(&mut small).unwrap_err().kind(), ErrorKind::BufferTooSmall);
        assert_eq!(t.unescape_into(&mut small).unwrap_err().offset(), 7);
    }

    #[test]
    fn line_ends() {
        let t = Text::content("a\r\nb\rc\n\r\r\nd<![CDATA[\r\n]]>", 0);
        assert_eq!(unescape(t).as_str(), "a\nb\nc\n\n\nd\n");
        // A CR then a CDATA starting with LF: two line ends (the markup separates them).
        let t = Text::content("x\r<![CDATA[\ny\r]]>\nz", 0);
        assert_eq!(unescape(t).as_str(), "x\n\ny\n\nz");
        // A character reference to CR is not a line end.
        let t = Text::content("x&#13;\ny", 0);
        assert_eq!(unescape(t).as_str(), "x\r\ny");
        let a = Text::attribute("a\tb\r\nc\nd&#10;e", 0);
        assert_eq!(unescape(a).as_str(), "a b c d\ne");
    }

    #[test]
    fn tags_are_left_out_of_the_string_value() {
        let t = Text::content("a<D:error x='>'><D:b/></D:error> b", 0);
        assert!(!t.is_plain());
        assert_eq!(unescape(t).as_str(), "a b");
    }

    #[test]
    fn trim_reads_the_value() {
        for raw in [" <!-- c --> /a", "/a <!-- c --> ", "<?pi?> /a", "<![CDATA[ /a ]]>", "&#32;/a&#x20;", "\t/a\r\n"] {
            let t = Text::content(raw, 0).trim();
            assert_eq!(unescape(t).as_str(), "/a", "{raw:?}");
            assert!(t.eq_str("/a"), "{raw:?}");
            assert_eq!(t.unescaped_len(), 2, "{raw:?}");
        }
        let t = Text::content(" a <!-- c --> b&#32;", 0).trim();
        assert_eq!(unescape(t).as_str(), "a  b");
        assert_eq!(unescape(Text::content(" <!-- c --> ", 0).trim()).as_str(), "");
    }

    /// Line ends read as XML 1.0 §2.11 says, against a plain reading: each stretch of literal
    /// characters between markup (a CDATA section's start or end, a comment) or references has
    /// its `\r\n` and lone `\r` read as `\n`; a reference is its character. Every text of up
    /// to six pieces over an alphabet of line ends, references and markup.
    #[test]
    fn line_ends_against_a_plain_reading() {
        const PIECES: [&str; 8] = ["a", "\r", "\n", "\r\n", "&#13;", "&#10;", "<![CDATA[\r\nb\r]]>", "<!---->"];
        fn plain(pieces: &[usize]) -> std::string::String {
            let (mut out, mut literal) = (std::string::String::new(), std::string::String::new());
            let flush = |out: &mut std::string::String, literal: &mut std::string::String| {
                out.push_str(&literal.replace("\r\n", "\n").replace('\r', "\n"));
                literal.clear();
            };
            for &i in pieces {
                match PIECES[i] {
                    "&#13;" => {
                        flush(&mut out, &mut literal);
                        out.push('\r');
                    }
                    "&#10;" => {
                        flush(&mut out, &mut literal);
                        out.push('\n');
                    }
                    "<!---->" => flush(&mut out, &mut literal),
                    "<![CDATA[\r\nb\r]]>" => {
                        flush(&mut out, &mut literal);
                        out.push_str("\nb\n");
                    }
                    s => literal.push_str(s),
                }
            }
            flush(&mut out, &mut literal);
            out
        }
        let mut idx = [0usize; 6];
        for len in 0..=idx.len() {
            idx.iter_mut().for_each(|i| *i = 0);
            loop {
                let raw: std::string::String = idx[..len].iter().map(|&i| PIECES[i]).collect();
                let t = Text::content(&raw, 0);
                let got: std::string::String = t
                    .fragments()
                    .map(|f| match f {
                        Fragment::Str(s) => s.into(),
                        Fragment::Char(c) => std::string::String::from(c),
                    })
                    .collect();
                assert_eq!(got, plain(&idx[..len]), "{raw:?}");
                if !next_tuple(&mut idx[..len], PIECES.len()) {
                    break;
                }
            }
        }
    }

    /// `run_end` finds what the plain byte rule finds, for every byte value at every position
    /// of runs up to 40 bytes, in every mode, in and out of CDATA.
    #[test]
    fn run_end_is_the_byte_rule() {
        for mode in [Mode::Content, Mode::Attribute, Mode::Verbatim] {
            for in_cdata in [false, true] {
                for len in 0..40usize {
                    for at in 0..len {
                        for b in 0..=255u8 {
                            let mut run = [b'a'; 40];
                            run[at] = b;
                            let run = &run[..len];
                            let plain = run.iter().position(|&c| stops_run(c, mode, in_cdata)).unwrap_or(len);
                            assert_eq!(run_end(run, mode, in_cdata), plain, "{mode:?} {in_cdata} {len} {at} {b}");
                        }
                    }
                }
            }
        }
    }

    /// Every text of up to four pieces over an alphabet of runs, line ends, references,
    /// CDATA, comments, PIs and tags, as content, trimmed or not: the bulk
    /// [`Text::unescape_into`] writes what the fragments read (the plain definition), and
    /// fails for want of room exactly when they do.
    #[test]
    fn bulk_unescape_is_the_fragment_reading() {
        const PIECES: [&str; 18] = [
            "a",
            "é",
            " ",
            "\r",
            "\n",
            "\r\n",
            "&amp;",
            "&#13;",
            "&#x20;",
            "&#x1F600;",
            "<![CDATA[\r\nb\r]]>",
            "<![CDATA[ &lt;\r]]>",
            "<![CDATA[]]>",
            "<!--\r-->",
            "<!-->-->",
            "<?p \r?>",
            "<a x='>'/>",
            "\t",
        ];
        let mut idx = [0usize; 4];
        let mut cases = 0;
        for len in 0..=idx.len() {
            idx.iter_mut().for_each(|i| *i = 0);
            loop {
                let raw: std::string::String = idx[..len].iter().map(|&i| PIECES[i]).collect();
                for t in [Text::content(&raw, 3), Text::content(&raw, 3).trim()] {
                    let mut want = [0u8; 128];
                    let n = t.unescape_by_fragments(&mut want).unwrap();
                    let mut got = [0u8; 128];
                    assert_eq!(t.unescape_into(&mut got).map(str::as_bytes), Ok(&want[..n]), "{raw:?}");
                    assert_eq!(t.unescaped_len(), n, "{raw:?}");
                    let mut exact = std::vec![0u8; n];
                    assert_eq!(t.unescape_into(&mut exact).map(str::as_bytes), Ok(&want[..n]), "{raw:?}");
                    if let Some(short) = n.checked_sub(1) {
                        let mut small = std::vec![0u8; short];
                        let e = t.unescape_into(&mut small).unwrap_err();
                        assert_eq!((e.kind(), e.offset()), (ErrorKind::BufferTooSmall, t.offset()), "{raw:?}");
                    }
                    cases += 1;
                }
                if !next_tuple(&mut idx[..len], PIECES.len()) {
                    break;
                }
            }
        }
        assert!(cases > 100_000, "{cases}");
    }

    /// Long texts, as [`Out::blocks`] reads them: a run of every length up to three blocks
    /// (ASCII, or with a two-byte character), a stop (a line end, a reference, CDATA with its
    /// own line ends, a comment), and a run after it long enough to fill a block or not: the
    /// bulk [`Text::unescape_into`] writes what the fragments read, through a buffer of every
    /// size from one byte short (which fails) to a block more than it needs.
    #[test]
    fn block_unescape_is_the_fragment_reading() {
        const STOPS: [&str; 9] = [
            "&#13;",
            "\r\n",
            "\r",
            "&amp;",
            "&#13;\r\n&#13;",
            "<![CDATA[x\r\nyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy&<\r\r\nz]]>",
            "<!-- \r -->",
            "&#13",
            "\u{0}\u{fe}",
        ];
        let mut cases = 0;
        for before in 0..3 * BLOCK + 2 {
            for wide in [false, true] {
                for stop in STOPS {
                    for after in [0, 1, 30, 31, 32, 33, 40, 70] {
                        let mut raw = std::string::String::new();
                        raw.extend(core::iter::repeat_n('a', before));
                        if wide && before > 2 {
                            raw.replace_range(before / 2..before / 2 + 2, "é");
                        }
                        raw.push_str(stop);
                        raw.extend(core::iter::repeat_n('b', after));
                        for t in [Text::content(&raw, 3), Text::content(&raw, 3).trim()] {
                            let mut want = std::vec![0u8; raw.len()];
                            let n = t.unescape_by_fragments(&mut want).unwrap();
                            for size in n.saturating_sub(1)..=n + 2 * BLOCK {
                                let mut got = std::vec![0u8; size];
                                match t.unescape_into(&mut got) {
                                    Ok(s) => assert_eq!(s.as_bytes(), &want[..n], "{raw:?} {size}"),
                                    Err(e) => {
                                        assert!(size < n, "{raw:?} {size}");
                                        assert_eq!(e.kind(), ErrorKind::BufferTooSmall, "{raw:?}");
                                    }
                                }
                                cases += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(cases > 100_000, "{cases}");
    }

    /// Random long texts as [`Out::blocks`] meets them: runs of every length, line ends
    /// (CR, CR LF, `&#13;`, and what only looks like one), references, characters of two and
    /// four bytes, markup, and CDATA sections whose CRs fall anywhere in a block, unclosed
    /// too. Through buffers of random sizes around the value's length and the untrimmed one,
    /// [`Text::unescape_into`] writes what the fragments read or refuses a value that does not
    /// fit, and `unescape_content_into` succeeds exactly when the untrimmed value fits.
    #[test]
    fn block_unescape_of_random_texts_is_the_fragment_reading() {
        const PIECES: [&str; 24] = [
            "&#13;",
            "\r\n",
            "\r",
            "\n",
            "&amp;",
            "&#10;",
            "&#x0D;",
            "&#013;",
            "&lt;",
            "é",
            "\u{10348}",
            " ",
            "\t",
            "]]>",
            "<!-- \r -->",
            "<?pi \r?>",
            "<b/>",
            "</b>",
            "<a x='&#13;'>",
            "&#13",
            "&",
            "<",
            "\r\r\n",
            "\r&#13;\n",
        ];
        let mut next = crate::scan::random_below(0x1234_5678_9abc_def1u64);
        let (mut want, mut full, mut got) = (std::vec![0u8; 1000], std::vec![0u8; 1000], std::vec![0u8; 1000]);
        let mut raw = std::string::String::new();
        for _ in 0..40_000 {
            raw.clear();
            let target = [65, 100, 200, 400][next(4)] + next(40);
            while raw.len() < target {
                match next(4) {
                    0 | 1 => raw.extend(core::iter::repeat_n('a', next(70))),
                    2 => raw.push_str(PIECES[next(PIECES.len())]),
                    _ => {
                        raw.push_str("<![CDATA[");
                        for _ in 0..next(5) {
                            raw.extend(core::iter::repeat_n('c', next(40)));
                            raw.push_str(["\r", "\r\n", "\n", "&#13;", "é", "]", "]]", "<"][next(8)]);
                        }
                        if next(8) != 0 {
                            raw.push_str("]]>");
                        }
                    }
                }
            }
            for t in [Text::content(&raw, 3), Text::content(&raw, 3).trim()] {
                let n = t.unescape_by_fragments(&mut want).unwrap();
                let whole = Text { trim: false, ..t }.unescape_by_fragments(&mut full).unwrap();
                for _ in 0..4 {
                    let size = match next(4) {
                        0 => n + next(40),
                        1 => n.saturating_sub(next(3)),
                        2 => whole.saturating_sub(next(40)) + next(3),
                        _ => next(whole + 40),
                    };
                    match t.unescape_into(&mut got[..size]) {
                        Ok(s) => assert_eq!(s.as_bytes(), &want[..n], "{raw:?} {size}"),
                        Err(e) => {
                            assert!(size < n, "{raw:?} {size}");
                            assert_eq!(e.kind(), ErrorKind::BufferTooSmall, "{raw:?}");
                        }
                    }
                    match unescape_content_into(t.raw, &mut got[..size]) {
                        Some(k) => assert_eq!(&got[..k], &full[..whole], "{raw:?} {size}"),
                        None => assert!(size < whole, "{raw:?} {size}"),
                    }
                }
            }
        }
    }

    /// Every content text of up to four pieces over an alphabet of runs (of lengths that put
    /// the next piece at every place of a word), line ends, references, CDATA, comments and
    /// tags: where [`unescape_short_content_into`] takes a text (up to 64 bytes with no
    /// markup, a buffer of 72 bytes or more), it writes what the fragments read (the plain
    /// definition), and it declines every other text and a shorter buffer.
    #[test]
    fn short_unescape_is_the_fragment_reading() {
        const PIECES: [&str; 16] = [
            "a",
            "bcd",
            "efghijk",
            "é",
            "\r",
            "\n",
            "\r\n",
            "&amp;",
            "&quot;",
            "&#13;",
            "&#x1F600;",
            "<![CDATA[\r\nb\r]]>",
            "<!--\r-->",
            "<a x='>'/>",
            "lmnopqrstuvwxyz0123456789",
            "&#xE9;",
        ];
        let mut idx = [0usize; 4];
        let (mut taken, mut declined) = (0, 0);
        for len in 0..=idx.len() {
            idx.iter_mut().for_each(|i| *i = 0);
            loop {
                let raw: std::string::String = idx[..len].iter().map(|&i| PIECES[i]).collect();
                let t = Text::content(&raw, 0);
                let mut want = [0u8; 160];
                let n = t.unescape_by_fragments(&mut want).unwrap();
                let takes = raw.len() <= SHORT_CONTENT && !raw.contains('<');
                for room in [SHORT_CONTENT + 8, 160] {
                    let mut got = std::vec![0xAAu8; room];
                    match unescape_short_content_into(raw.as_bytes(), &mut got) {
                        Some(m) => {
                            assert!(takes, "{raw:?}");
                            assert_eq!(&got[..m], &want[..n], "{raw:?}");
                            taken += 1;
                        }
                        None => {
                            assert!(!takes, "{raw:?}");
                            declined += 1;
                        }
                    }
                }
                let mut tight = [0u8; SHORT_CONTENT + 7];
                assert_eq!(unescape_short_content_into(raw.as_bytes(), &mut tight), None, "{raw:?}");
                if !next_tuple(&mut idx[..len], PIECES.len()) {
                    break;
                }
            }
        }
        assert!(taken > 30_000 && declined > 1_000, "{taken} {declined}");
    }

    /// `is_plain` finds what the plain byte rule finds, for every byte value at every
    /// position of texts up to 40 bytes, in both modes.
    #[test]
    fn is_plain_is_the_byte_rule() {
        for mode in [Mode::Content, Mode::Attribute] {
            for len in 0..40usize {
                for at in 0..len {
                    for b in 0..=127u8 {
                        let mut raw = [b'a'; 40];
                        raw[at] = b;
                        let raw = core::str::from_utf8(&raw[..len]).unwrap();
                        let plain = !raw.bytes().any(|c| stops_plain(c, mode));
                        assert_eq!(is_plain(raw, mode), plain, "{mode:?} {len} {at} {b}");
                    }
                }
            }
        }
    }

    #[test]
    fn plain_and_trim() {
        let t = Text::content("  /a/b \n", 10);
        assert!(t.is_plain());
        let tt = t.trim();
        assert_eq!(tt.raw(), "/a/b");
        assert_eq!(tt.offset(), 12);
        assert_eq!(tt.as_plain(), Some("/a/b"));
        assert_eq!(Text::content("&amp;", 0).as_plain(), None);
        assert!(Text::empty(3).eq_str(""));
    }
}
