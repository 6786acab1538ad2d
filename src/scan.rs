//! Byte-level fast paths for the commonest markup, beside `xmlparser`.
//!
//! `xmlparser` decodes its input one `char` at a time and checks every character against the
//! Unicode name and character tables. Multi-status bodies are almost entirely ASCII tags and
//! short texts, so the reader first tries these byte scanners, which accept only a strict,
//! simple subset of what `xmlparser` accepts, and give up (`None`) on anything else: a name
//! that is not ASCII or starts with `:`, a character that needs a look, the end of the input.
//! The reader then reads the same markup again with `xmlparser`, which either accepts it or
//! gives the positioned error. So the fast paths can never change what is accepted, nor any
//! error: they only skip work on the common case. Every decision here is one `xmlparser`
//! 0.13.6 makes the same way (checked in `tests/suite/rules.rs` and by the differential fuzz target).

use crate::offset::plus;

/// Byte classes.
const NAME_START: u8 = 1;
const NAME: u8 = 2;
const SPACE: u8 = 4;
/// Needs a look in character data: `<`, `&`, `>` (maybe the end of a `]]>`), controls except
/// tab and LF (CR too, for line-end normalisation), and `0xEF` (the lead byte of U+FFFE and
/// U+FFFF). Not `]`: only a `>` after two of them is an error, found at the `>`.
const TEXT_SPECIAL: u8 = 8;
/// Ends or spoils a fast attribute value: controls except tab/LF/CR, `<`, `&`, quotes, `0xEF`.
const VALUE_SPECIAL: u8 = 16;
/// Tab, LF, CR: an attribute value holding one is not plain (they read as spaces).
const VALUE_SPACE: u8 = 32;

#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const fn classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i: usize = 0;
    while i < 256 {
        let b = i.to_le_bytes()[0]; // `i` is below 256: its low byte
        let mut c = 0;
        if b.is_ascii_alphabetic() || b == b'_' {
            c |= NAME_START | NAME;
        }
        if b.is_ascii_digit() || b == b'-' || b == b'.' {
            c |= NAME;
        }
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            c |= SPACE;
        }
        if (b < 0x20 && b != b'\t' && b != b'\n') || matches!(b, b'<' | b'&' | b'>' | 0xEF) {
            c |= TEXT_SPECIAL;
        }
        if (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || matches!(b, b'<' | b'&' | b'"' | b'\'' | 0xEF) {
            c |= VALUE_SPECIAL;
        }
        if matches!(b, b'\t' | b'\n' | b'\r') {
            c |= VALUE_SPACE;
        }
        t[i] = c;
        i += 1;
    }
    t
}
static CLASS: [u8; 256] = classes();

#[cfg_attr(not(feature = "small"), inline(always))]
fn class(b: u8) -> u8 {
    // A `u8` index into a 256-entry table: never out of range.
    CLASS.get(usize::from(b)).copied().unwrap_or(0)
}

/// Whether ASCII `b` may be in an XML name (`NameChar`, XML 1.0 §2.3): a letter, a digit,
/// `-`, `.`, `_` or `:`. For the tokenizer's names (`lex`, the feature `small`).
#[cfg(any(feature = "small", test))]
#[inline(always)]
pub(crate) fn is_ascii_name_char(b: u8) -> bool {
    class(b) & NAME != 0 || b == b':'
}

/// Whether the fast paths are compiled in: the byte scanners for tags (tried before
/// `xmlparser`) and the word and block searches of text. Not with the feature `small`: every
/// tag is read by the tokenizer (the same tags, the same errors, as this module's header
/// says), text byte by byte; fewer bytes of code, more instructions per byte.
pub(crate) const FAST: bool = !cfg!(feature = "small");

/// The index of the first `c` in `b`: `memchr`'s search, or with the feature `small` a byte
/// loop (the crate's searches are about 1.2 KB of code).
#[inline(always)]
pub(crate) fn memchr(c: u8, b: &[u8]) -> Option<usize> {
    if FAST { memchr::memchr(c, b) } else { b.iter().position(|&x| x == c) }
}

/// The index of the first `c1` or `c2` in `b` (see [`memchr`]).
#[inline(always)]
pub(crate) fn memchr2(c1: u8, c2: u8, b: &[u8]) -> Option<usize> {
    if FAST { memchr::memchr2(c1, c2, b) } else { b.iter().position(|&x| x == c1 || x == c2) }
}

/// The index of the last `c1` or `c2` in `b` (see [`memchr`]).
#[inline(always)]
pub(crate) fn memrchr2(c1: u8, c2: u8, b: &[u8]) -> Option<usize> {
    if FAST { memchr::memrchr2(c1, c2, b) } else { b.iter().rposition(|&x| x == c1 || x == c2) }
}

/// The index of the first `c1`, `c2` or `c3` in `b` (see [`memchr`]).
#[inline(always)]
pub(crate) fn memchr3(c1: u8, c2: u8, c3: u8, b: &[u8]) -> Option<usize> {
    if FAST { memchr::memchr3(c1, c2, c3, b) } else { b.iter().position(|&x| x == c1 || x == c2 || x == c3) }
}

/// A qualified name found by [`qname`]: `start..end`, split at `colon` if there is one.
#[derive(Clone, Copy, Debug)]
pub(crate) struct QName {
    pub start: usize,
    pub colon: Option<usize>,
    pub end: usize,
}

impl QName {
    /// The prefix span (empty at `start` when there is none).
    pub fn prefix(&self) -> (usize, usize) {
        match self.colon {
            Some(c) => (self.start, c),
            None => (self.start, self.start),
        }
    }
    /// The local-name span.
    pub fn local(&self) -> (usize, usize) {
        match self.colon {
            Some(c) => (plus!(c, 1), self.end),
            None => (self.start, self.end),
        }
    }
}

/// An ASCII qualified name at `b[i..]`: `NCName (':' NCName)?` with ASCII name characters,
/// followed by an ASCII byte that is not a name character. `None` for anything else.
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) fn qname(b: &[u8], i: usize) -> Option<QName> {
    let mut end = ncname_end(b, i)?;
    let mut colon = None;
    if b.get(end) == Some(&b':') {
        colon = Some(end);
        end = ncname_end(b, plus!(end, 1))?;
    }
    // A non-ASCII name character or a second colon: xmlparser decides.
    match b.get(end) {
        Some(&c) if c < 0x80 && c != b':' => Some(QName { start: i, colon, end }),
        _ => None,
    }
}

/// The end of the ASCII `NCName` at `b[from..]` (see [`name_run_end`]).
#[cfg_attr(not(feature = "small"), inline(always))]
fn ncname_end(b: &[u8], from: usize) -> Option<usize> {
    if class(*b.get(from)?) & NAME_START == 0 {
        return None;
    }
    name_run_end(b, plus!(from, 1))
}

/// The index of the first byte at or after `j` that is not an ASCII name character (any byte
/// of 0x80 and above counts as not one); `None` if the input ends first (the tokenizer decides).
/// Eight bytes at a time while they are letters ([`non_letters`]); a byte that is not one is
/// looked up in the class table (a digit, `-`, `.` or `_` goes on), then one at a time in the
/// last seven bytes of the input.
#[cfg_attr(not(feature = "small"), inline(always))]
fn name_run_end(b: &[u8], mut j: usize) -> Option<usize> {
    while let Some(w) = word_at(b, j) {
        let odd = non_letters(w);
        if odd == 0 {
            j = plus!(j, 8);
            continue;
        }
        j = plus!(j, crate::offset::widen(odd.trailing_zeros() / 8));
        if class(*b.get(j)?) & NAME == 0 {
            return Some(j);
        }
        j = plus!(j, 1);
    }
    loop {
        if class(*b.get(j)?) & NAME == 0 {
            return Some(j);
        }
        j = plus!(j, 1);
    }
}

/// From `i`, eight bytes at a time: the index of the first byte that `stops` flags (the
/// lowest set bit of its word, exact at the first: see [`zero_bytes`]), or of the first of
/// the last bytes that do not fill a word.
#[cfg_attr(not(feature = "small"), inline(always))]
fn skip_words(b: &[u8], mut i: usize, stops: impl Fn(u64) -> u64) -> usize {
    while let Some(w) = word_at(b, i) {
        let stop = stops(w);
        if stop != 0 {
            return plus!(i, crate::offset::widen(stop.trailing_zeros() / 8));
        }
        i = plus!(i, 8);
    }
    i
}

/// The eight bytes at `b[j..]` as a little-endian word, if there are eight.
#[cfg_attr(not(feature = "small"), inline(always))]
fn word_at(b: &[u8], j: usize) -> Option<u64> {
    // `first_chunk`: one length check (a range `j..j + 8` compiled to a saturating add and two).
    b.get(j..).and_then(<[u8]>::first_chunk::<8>).map(|w| u64::from_le_bytes(*w))
}

/// The high bit of every byte of `x` that is not an ASCII letter (bytes of 0x80 and above
/// included). Folding case (`| 0x20`) maps the letters, and only them, into `a..=z` (0x61 to
/// 0x7A); the range
/// test adds to bytes whose high bit is cleared first, so no carry crosses a byte.
#[cfg_attr(not(feature = "small"), inline(always))]
const fn non_letters(x: u64) -> u64 {
    let folded = (x & !HI) | LO.wrapping_mul(0x20);
    let at_least_a = folded.wrapping_add(LO.wrapping_mul(0x80 - 0x61)) & HI;
    let past_z = folded.wrapping_add(LO.wrapping_mul(0x80 - 0x7B)) & HI;
    (!(at_least_a & !past_z) & HI) | (x & HI)
}

/// The index of the first `:` in `name` (a qualified name already read): in its first word
/// at once (prefixes are short), else byte by byte.
#[cfg(any(not(feature = "small"), test))]
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) fn colon_in(name: &[u8]) -> Option<usize> {
    if let Some(w) = word_at(name, 0).filter(|_| FAST) {
        let colons = bytes_equal(w, b':');
        if colons != 0 {
            return Some(crate::offset::widen(colons.trailing_zeros() / 8));
        }
    }
    name.iter().position(|&c| c == b':')
}

/// Whether two byte strings are equal: inline for the short names compared at every tag
/// (two overlapping loads), `==` past 32 bytes.
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) fn eq_short(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if !FAST {
        return a == b;
    }
    let word = |s: &[u8], at: usize| s.get(at..).and_then(|r| r.first_chunk::<8>().copied());
    let half = |s: &[u8], at: usize| s.get(at..).and_then(|r| r.first_chunk::<4>().copied());
    match n {
        0 => true,
        1..4 => {
            let at = |s: &[u8], i: usize| s.get(i).copied();
            let (mid, last) = (n / 2, n.saturating_sub(1));
            at(a, 0) == at(b, 0) && at(a, mid) == at(b, mid) && at(a, last) == at(b, last)
        }
        4..8 => {
            let last = n.saturating_sub(4);
            half(a, 0) == half(b, 0) && half(a, last) == half(b, last)
        }
        8..=16 => {
            let last = n.saturating_sub(8);
            word(a, 0) == word(b, 0) && word(a, last) == word(b, last)
        }
        // Long property names (`version-controlled-configuration`): two overlapping 16-byte
        // compares, not a call to `memcmp`.
        17..=32 => {
            let wide = |s: &[u8], at: usize| s.get(at..).and_then(|r| r.first_chunk::<16>().copied());
            let last = n.saturating_sub(16);
            wide(a, 0) == wide(b, 0) && wide(a, last) == wide(b, last)
        }
        _ => a == b,
    }
}

/// Whether `a` and `b` are equal but for ASCII case: byte by byte (`str`'s own compares in
/// chunks, 313 bytes of code).
pub(crate) fn eq_ignore_case(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x.eq_ignore_ascii_case(&y))
}

/// `s[from..to]`, `None` unless both ends are in `s` and on character boundaries: as
/// `str::get`, but inline (the generic `get` is a call at every tag).
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) fn sub(s: &str, from: usize, to: usize) -> Option<&str> {
    let (head, _) = s.split_at_checked(to)?;
    head.split_at_checked(from).map(|(_, tail)| tail)
}

/// [`sub`], or `""` when it is `None`.
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) fn sub_or_empty(s: &str, from: usize, to: usize) -> &str {
    sub(s, from, to).unwrap_or("")
}

/// The index of the first byte at or after `i` that is not XML white space.
#[inline]
pub(crate) fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    // Byte by byte: the runs in these bodies are short (indentation, a space between
    // attributes); eight bytes at a time measured more instructions on them.
    while b.get(i).is_some_and(|&c| class(c) & SPACE != 0) {
        i = plus!(i, 1);
    }
    i
}

/// A quoted attribute value at `b[i..]` (`i` at the quote) made of ASCII or UTF-8 text with
/// no `<`, no reference, no control character other than tab, LF and CR, and no `0xEF` byte:
/// the span of the value, the index after the closing quote, and whether the value is plain
/// (no tab, LF or CR either: its unescaped value is the raw slice).
#[cfg(any(not(feature = "small"), test))]
#[inline]
pub(crate) fn plain_value(b: &[u8], i: usize) -> Option<(usize, usize, usize, bool)> {
    let q = *b.get(i)?;
    if q != b'"' && q != b'\'' {
        return None;
    }
    let start = plus!(i, 1);
    let mut j = start;
    let mut seen = 0;
    loop {
        // Up to the first byte that may need a look (a control, `<`, `&`, a quote, `0xEF`),
        // which the byte test below reads.
        j = skip_words(b, j, value_stops);
        let c = *b.get(j)?;
        let k = class(c);
        seen |= k;
        if k & VALUE_SPECIAL == 0 {
            j = plus!(j, 1);
        } else if c == q {
            return Some((start, j, plus!(j, 1), seen & VALUE_SPACE == 0));
        } else if c == b'"' || c == b'\'' {
            // The other quote is plain text here.
            j = plus!(j, 1);
        } else {
            return None;
        }
    }
}

/// A word whose lowest set bit is the high bit of the first byte of `x` that may end or spoil
/// an attribute value (below 0x20, `<`, `&`, `"`, `'`, `0xEF`); zero if there is none (exact
/// at the first: see [`zero_bytes`]).
#[cfg(any(not(feature = "small"), test))]
#[cfg_attr(not(feature = "small"), inline(always))]
const fn value_stops(x: u64) -> u64 {
    let quotes = bytes_equal(x, b'"') | bytes_equal(x, b'\'');
    bytes_below_space(x) | bytes_equal(x, b'<') | bytes_equal(x, b'&') | quotes | bytes_equal(x, 0xEF)
}

/// The index of the first byte at or after `i` (before `end`) that needs a look in character
/// data (see [`TEXT_SPECIAL`]), or `end`.
#[inline]
pub(crate) fn plain_text(b: &[u8], mut i: usize, end: usize) -> usize {
    let b = b.get(..end).unwrap_or(b);
    if FAST {
        // A block at a time while a block is left (a long text: its tabs and LFs need no look).
        while let Some(&block) = b.get(i..).and_then(<[u8]>::first_chunk::<BLOCK>) {
            match first_in_block(block, is_text_special) {
                Some(k) => return i.wrapping_add(k),
                None => i = i.wrapping_add(BLOCK),
            }
        }
        // Up to the first byte that may be special; the byte loop decides (tab and LF go on).
        i = skip_words(b, i, text_stops);
    }
    while let Some(&c) = b.get(i) {
        if class(c) & TEXT_SPECIAL != 0 {
            break;
        }
        i = plus!(i, 1);
    }
    i
}

/// Up to this length a search runs eight bytes at a time here: on such short texts (most
/// property values: a date, a length, an ETag, an href) a call to `memchr` cost more than the
/// whole search. Past it, `memchr`.
const SHORT: usize = 64;

/// The index of the first `&`, `<` or CR in `b`: where element content stops reading as its
/// raw text. Words up to [`SHORT`] bytes ([`short_find`]), `memchr3` past them.
#[inline]
pub(crate) fn content_stop(b: &[u8]) -> Option<usize> {
    if b.len() > SHORT || !FAST {
        return memchr3(b'&', b'<', b'\r', b);
    }
    let stops = |w: u64| bytes_equal(w, b'&') | bytes_equal(w, b'<') | bytes_equal(w, b'\r');
    short_find(b, stops, |c| matches!(c, b'&' | b'<' | b'\r'))
}

/// The high bit of every byte of `x` that is `&`, `<` or CR: nonzero exactly when `x` holds
/// one (and exact at the lowest, see [`zero_bytes`]).
#[cfg_attr(not(feature = "small"), inline(always))]
const fn content_stops(x: u64) -> u64 {
    bytes_equal(x, b'&') | bytes_equal(x, b'<') | bytes_equal(x, b'\r')
}

/// Two words that hold every byte of `b` (at most 16 bytes), and only bytes of `b` or zeros
/// (no zero byte is a stop of any search here): the first and the last eight bytes, which
/// overlap below 16; below eight the first and the last four as one word; below four the
/// first, middle and last bytes (which are all of them). Two loads at most, no loop.
#[cfg_attr(not(feature = "small"), inline(always))]
fn sixteen_in_two_words(b: &[u8]) -> (u64, u64) {
    let word = |w: &[u8; 8]| u64::from_le_bytes(*w);
    let half = |w: &[u8; 4]| u64::from(u32::from_le_bytes(*w));
    if let (Some(first), Some(last)) = (b.first_chunk::<8>(), b.last_chunk::<8>()) {
        return (word(first), word(last));
    }
    if let (Some(first), Some(last)) = (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        return (half(first) | half(last) << 32, 0);
    }
    let byte = |c: Option<&u8>| u64::from(c.copied().unwrap_or(0));
    (byte(b.first()) | byte(b.get(b.len() / 2)) << 8 | byte(b.last()) << 16, 0)
}

/// Whether element content `b` reads as itself: no `&`, `<` or CR ([`content_stop`] finds
/// none). Most property values are short (a date, a length, a type, a name): up to 32 bytes
/// they are read as at most four words, with no loop and no call ([`sixteen_in_two_words`]
/// for each half, the halves overlapping below 32); longer texts are searched by
/// [`content_stop`].
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) fn content_is_plain(b: &[u8]) -> bool {
    let two = |(x, y): (u64, u64)| content_stops(x) | content_stops(y);
    if !FAST {
        return content_stop(b).is_none();
    }
    match b.len() {
        0..=16 => two(sixteen_in_two_words(b)) == 0,
        17..=32 => {
            let (head, tail) = (b.get(..16).unwrap_or(&[]), b.get(b.len().saturating_sub(16)..).unwrap_or(&[]));
            two(sixteen_in_two_words(head)) | two(sixteen_in_two_words(tail)) == 0
        }
        _ => long_content_is_plain(b),
    }
}

/// The index of the first `&`, `<` or CR among the eight bytes of `w` (in memory order,
/// little-endian), if any.
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) fn content_stop_in(w: u64) -> Option<usize> {
    let m = content_stops(w);
    (m != 0).then(|| crate::offset::widen(m.trailing_zeros() / 8))
}

/// [`content_is_plain`] of a text longer than 32 bytes, out of line.
#[inline(never)]
fn long_content_is_plain(b: &[u8]) -> bool {
    content_stop(b).is_none()
}

/// The bytes [`first_in_block`] reads at once.
pub(crate) const BLOCK: usize = 32;

/// The index of the first byte of `block` for which `hit` holds. Written for the compiler to
/// make SSE2 of it, with no call and no loop, for a `hit` that it can (see
/// [`is_content_stop`]): each byte's result as `0xFF` or 0, the 32 results read as two 128-bit
/// words. Long values are unescaped, and long texts read, a block at a time up to such a
/// byte: a search costs about what `memchr` costs to start.
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) fn first_in_block(block: [u8; BLOCK], hit: impl Fn(u8) -> bool) -> Option<usize> {
    let mut hits = [0u8; BLOCK];
    for (h, x) in hits.iter_mut().zip(block) {
        *h = if hit(x) { 0xFF } else { 0 };
    }
    let (lo, hi) = hits.split_at(BLOCK / 2);
    let word = |h: &[u8]| h.first_chunk::<16>().map_or(0, |w| u128::from_le_bytes(*w));
    let (lo, hi) = (word(lo), word(hi));
    if lo != 0 {
        Some(crate::offset::widen(lo.trailing_zeros() / 8))
    } else if hi != 0 {
        Some(crate::offset::widen(hi.trailing_zeros() / 8).wrapping_add(BLOCK / 2))
    } else {
        None
    }
}

/// [`first_in_block`] of two blocks.
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) fn first_in_two_blocks(block: [u8; 2 * BLOCK], hit: impl Fn(u8) -> bool + Copy) -> Option<usize> {
    let (lo, hi) = block.split_at(BLOCK);
    let half = |h: &[u8]| h.first_chunk::<BLOCK>().map_or([0; BLOCK], |w| *w);
    match first_in_block(half(lo), hit) {
        Some(k) => Some(k),
        None => first_in_block(half(hi), hit).map(|k| k.wrapping_add(BLOCK)),
    }
}

/// `&`, `<` or CR: where element content stops reading as its raw text ([`content_stop`]),
/// for [`first_in_block`]. Each byte's distance to the three (by XOR) at its smallest,
/// compared with zero: the three comparisons written as such become a bit test of a
/// constant, which the compiler does not vectorise (32 byte steps).
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) fn is_content_stop(x: u8) -> bool {
    (x ^ b'&').min(x ^ b'<').min(x ^ b'\r') == 0
}

/// CR, for [`first_in_block`] (in a CDATA section, where only line ends need a look). Also
/// `0xFE` and `0xFF`, which UTF-8 never holds: one comparison alone compiles to byte steps.
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) fn is_cr(x: u8) -> bool {
    (x ^ b'\r').min(x ^ 0xFE).min(x ^ 0xFF) == 0
}

/// A byte that needs a look in character data ([`TEXT_SPECIAL`]: `<`, `&`, `>`, `0xEF`, a
/// control but tab and LF), for [`first_in_block`]: the same rule, in the form the compiler
/// vectorises (tab and LF are ordinary here: a long text's lines read at once).
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) fn is_text_special(x: u8) -> bool {
    let control = x.min(0x1F) == x;
    let tab_or_lf = x.wrapping_sub(b'\t').min(1) == x.wrapping_sub(b'\t');
    let marked = ((x | 2) ^ b'>').min(x ^ b'&').min(x ^ 0xEF) == 0;
    (control && !tab_or_lf) || marked
}

/// Where `marker` (a few bytes: `]]>`, `-->`, `--`, `?>`) first starts in `b`: `memchr` to
/// each place its first byte is, the rest compared there. Linear: each byte of `b` is such a
/// place at most once, and a comparison is as long as the marker. (`memchr::memmem` builds a
/// searcher at each call: 1.5 KB of code and more instructions than a marker needs.)
pub(crate) fn find_marker(b: &[u8], marker: &[u8]) -> Option<usize> {
    let Some((&first, rest)) = marker.split_first() else { return Some(0) };
    let mut from = 0usize;
    loop {
        let at = plus!(from, memchr(first, b.get(from..)?)?);
        from = plus!(at, 1);
        if b.get(from..).is_some_and(|after| after.starts_with(rest)) {
            return Some(at);
        }
    }
}

/// Where the first `marker` in `b` starts and where it ends, both `b.len()` when there is none
/// (an unclosed comment, CDATA section or processing instruction runs to the end): what a
/// reader of a closed construct needs, in one place.
pub(crate) fn around_marker(b: &[u8], marker: &[u8]) -> (usize, usize) {
    match find_marker(b, marker) {
        Some(i) => (i, plus!(i, marker.len())),
        None => (b.len(), b.len()),
    }
}

/// The index of the first `c` in `b`: words up to [`SHORT`] bytes, `memchr` past them.
#[inline]
pub(crate) fn find_byte(b: &[u8], c: u8) -> Option<usize> {
    if b.len() > SHORT || !FAST {
        return memchr(c, b);
    }
    short_find(b, |w| bytes_equal(w, c), |x| x == c)
}

/// The index of the first byte of `b` that `is_stop`, found eight bytes at a time by `stops`
/// (a word whose lowest set bit is the high bit of the first such byte: exact at the first,
/// see [`zero_bytes`]); the last word overlaps the one before (the bytes it shares with it
/// hold no stop), and fewer than eight bytes are read one at a time.
#[cfg_attr(not(feature = "small"), inline(always))]
fn short_find(b: &[u8], stops: impl Fn(u64) -> u64, is_stop: impl Fn(u8) -> bool) -> Option<usize> {
    // `wrapping_add`: a position in `b` plus at most eight, below `b.len()`: no overflow (one
    // instruction; a saturating add was two, in the loop).
    let at = |i: usize, w: u64| i.wrapping_add(crate::offset::widen(w.trailing_zeros() / 8));
    let Some(last) = b.len().checked_sub(8) else {
        return b.iter().position(|&c| is_stop(c));
    };
    let mut i = 0usize;
    while i < last {
        let w = word_at(b, i).map_or(0, &stops);
        if w != 0 {
            return Some(at(i, w));
        }
        i = i.wrapping_add(8);
    }
    let w = word_at(b, last).map_or(0, &stops);
    (w != 0).then(|| at(last, w))
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The high bit of bytes of `t` that are zero: exact at the lowest one (a borrow only runs on
/// past a zero byte, so a byte above one may be flagged too); zero if no byte is. The union of
/// such words is exact at its lowest bit in the same way: the first byte any of them flags.
#[cfg_attr(not(feature = "small"), inline(always))]
const fn zero_bytes(t: u64) -> u64 {
    t.wrapping_sub(LO) & !t & HI
}

/// [`zero_bytes`] of the bytes of `x` equal to `c`.
#[cfg_attr(not(feature = "small"), inline(always))]
const fn bytes_equal(x: u64, c: u8) -> u64 {
    zero_bytes(x ^ u64::from_ne_bytes([c; 8]))
}

/// [`zero_bytes`] of the bytes of `x` below 0x20 (`x - 0x20` borrows into the high bit of
/// such a byte, which is itself below 0x80).
#[cfg_attr(not(feature = "small"), inline(always))]
const fn bytes_below_space(x: u64) -> u64 {
    x.wrapping_sub(LO.wrapping_mul(0x20)) & !x & HI
}

/// A word whose lowest set bit is the high bit of the first byte of `x` that may be special
/// in character data ([`TEXT_SPECIAL`], or tab or LF: the byte loop looks); zero if none is.
/// Exact at the first (see [`zero_bytes`]); `<` and `>` are found at once (`| 2` makes both
/// `>`, and no other byte).
#[cfg_attr(not(feature = "small"), inline(always))]
const fn text_stops(x: u64) -> u64 {
    let angles = bytes_equal(x | LO.wrapping_mul(2), b'>');
    bytes_below_space(x) | angles | bytes_equal(x, b'&') | bytes_equal(x, 0xEF)
}

/// The end of a CDATA section's content starting at `i` (after `<![CDATA[`): the index of its
/// `]]>`, when every byte before it is an XML character that needs no look (no control other
/// than tab, LF and CR, no `0xEF`). `None` otherwise (the tokenizer decides).
#[inline]
#[cfg(any(not(feature = "small"), test))]
pub(crate) fn cdata_content(b: &[u8], i: usize, end: usize) -> Option<usize> {
    let content = b.get(i..end)?;
    let mut from = 0usize;
    let close = loop {
        let k = plus!(from, memchr(b']', content.get(from..)?)?);
        if content.get(k..plus!(k, 3)) == Some(b"]]>") {
            break k;
        }
        from = plus!(k, 1);
    };
    if has_bad_char(content.get(..close)?) { None } else { Some(plus!(i, close)) }
}

/// A byte that [`Bulk::bad`] stands for: a control other than tab, LF and CR, or `0xEF`; in
/// the form the compiler vectorises (see [`is_content_stop`]).
#[cfg_attr(not(feature = "small"), inline(always))]
fn is_bad_char(x: u8) -> bool {
    let control = x.min(0x1F) == x;
    let space = (x ^ b'\t').min(x ^ b'\n').min(x ^ b'\r') == 0;
    (control && !space) || x == 0xEF
}

/// Whether `span` holds a byte that [`Bulk::bad`] stands for: [`bulk`]'s first flag alone, in
/// one pass that the compiler vectorises (a block at a time into a block of flags, read once
/// at the end). A CDATA section's content and a comment need nothing else, and their line
/// ends (CR) made [`bulk`] take its second pass.
#[inline]
pub(crate) fn has_bad_char(span: &[u8]) -> bool {
    if !FAST {
        // Every byte read (no exit at the first): a loop with no branch per byte.
        return span.iter().fold(false, |bad, &x| bad | is_bad_char(x));
    }
    let mut seen = [0u8; BLOCK];
    let mut blocks = span.chunks_exact(BLOCK);
    for block in &mut blocks {
        for (s, &x) in seen.iter_mut().zip(block) {
            *s |= u8::from(is_bad_char(x));
        }
    }
    seen.iter().any(|&s| s != 0) || blocks.remainder().iter().any(|&x| is_bad_char(x))
}

/// The index (in `s`) of the first character that XML does not allow in `s[from..to]`.
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) fn bad_char(s: &str, from: usize, to: usize) -> Option<usize> {
    if !has_bad_char(s.as_bytes().get(from..to)?) {
        return None;
    }
    let (i, _) = sub(s, from, to)?.char_indices().find(|&(_, c)| !crate::text::is_xml_char(c))?;
    Some(plus!(from, i))
}

/// What a span of character data holds, found in one pass that the compiler vectorises.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Bulk {
    /// A control character other than tab, LF and CR, or a `0xEF` byte (maybe U+FFFE or
    /// U+FFFF): the byte loop must look.
    pub bad: bool,
    /// A CR (line ends are normalised: the text is not plain).
    pub cr: bool,
    /// A `>` (maybe the end of a `]]>`, which character data must not hold).
    pub gt: bool,
}

/// The [`Bulk`] flags of `span`.
#[inline]
pub(crate) fn bulk(span: &[u8]) -> Bulk {
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn fold(acc: (u8, u8, u8), c: &[u8]) -> (u8, u8, u8) {
        let (mut bad, mut cr, mut gt) = acc;
        for &x in c {
            bad |= u8::from(x < 0x20 && x != b'\t' && x != b'\n' && x != b'\r') | u8::from(x == 0xEF);
            cr |= u8::from(x == b'\r');
            gt |= u8::from(x == b'>');
        }
        (bad, cr, gt)
    }
    // A first, cheaper pass: most spans hold no control but LF, no `0xEF` and no `>`.
    let mut odd = 0u8;
    let mut chunks = span.chunks_exact(32);
    for c in &mut chunks {
        for &x in c {
            odd |= cheap_odd(x);
        }
    }
    for &x in chunks.remainder() {
        odd |= cheap_odd(x);
    }
    if odd == 0 {
        return Bulk::default();
    }
    let mut acc = (0, 0, 0);
    let mut chunks = span.chunks_exact(32);
    for c in &mut chunks {
        acc = fold(acc, c);
    }
    acc = fold(acc, chunks.remainder());
    Bulk { bad: acc.0 != 0, cr: acc.1 != 0, gt: acc.2 != 0 }
}

/// The next `<` or `&` at or after `i` (before `end`, else `end`) and the [`Bulk`] flags of
/// the bytes before it. The first KiBs: `memchr` finds the end, then [`bulk`] checks up to
/// it (fastest on the texts of a few KiB that most bodies hold). Past [`SHORT_TEXT`] bytes,
/// blocks of [`BLOCK`] bytes are searched for `<` and `&` and given the cheap check at once
/// ([`first_in_block`], [`is_cheap_odd`], its results kept by byte place and read once at
/// the end), which reads a text of megabytes once.
#[inline]
pub(crate) fn text_to_markup(b: &[u8], i: usize, end: usize) -> (usize, Bulk) {
    let first = plus!(i, SHORT_TEXT).min(end);
    let stop = next_markup_or_reference(b, i, first);
    let head = bulk(b.get(i..stop).unwrap_or(&[]));
    if stop < first || first >= end {
        return (stop, head);
    }
    let mut k = first;
    // The cheap check's results kept by byte place, read once after the blocks.
    let mut odd = [0u8; BLOCK];
    while let Some(&block) = b.get(k..end).and_then(<[u8]>::first_chunk::<BLOCK>) {
        if first_in_block(block, is_markup_or_reference).is_some() {
            break;
        }
        for (o, x) in odd.iter_mut().zip(block) {
            *o |= if is_cheap_odd(x) { 0xFF } else { 0 };
        }
        k = k.wrapping_add(BLOCK);
    }
    let odd = odd.iter().any(|&o| o != 0);
    let stop = next_markup_or_reference(b, k, end);
    let tail = bulk(b.get(k..stop).unwrap_or(&[]));
    // The blocks' exact flags, only when the cheap check saw something.
    let blocks = if odd { bulk(b.get(first..k).unwrap_or(&[])) } else { Bulk::default() };
    let any = |f: fn(&Bulk) -> bool| f(&head) | f(&blocks) | f(&tail);
    (stop, Bulk { bad: any(|f| f.bad), cr: any(|f| f.cr), gt: any(|f| f.gt) })
}

/// How much of a text [`text_to_markup`] searches with `memchr` before it goes on by blocks.
pub(crate) const SHORT_TEXT: usize = 4096;

/// `<` or `&`: where a text's run of character data ends, for [`first_in_block`].
#[cfg_attr(not(feature = "small"), inline(always))]
fn is_markup_or_reference(x: u8) -> bool {
    (x ^ b'<').min(x ^ b'&') == 0
}

/// [`cheap_odd`] in the form the compiler vectorises (see [`is_content_stop`]).
#[cfg_attr(not(feature = "small"), inline(always))]
fn is_cheap_odd(x: u8) -> bool {
    (x.min(0x1F) == x && x != b'\n') || (x ^ 0xEF).min(x ^ b'>') == 0
}

/// 1 for a byte that may make [`bulk`]'s flags true (any control but LF, `0xEF`, `>`).
#[cfg_attr(not(feature = "small"), inline(always))]
fn cheap_odd(x: u8) -> u8 {
    u8::from(x < 0x20 && x != b'\n') | u8::from(x == 0xEF) | u8::from(x == b'>')
}

/// The index of the next `<` or `&` at or after `i` (before `end`), or `end`.
#[inline]
pub(crate) fn next_markup_or_reference(b: &[u8], i: usize, end: usize) -> usize {
    b.get(i..end).and_then(|r| memchr2(b'<', b'&', r)).map_or(end, |k| plus!(i, k))
}

/// The tests' random numbers: a xorshift sequence from `seed`, each number below the bound
/// asked for.
#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::unwrap_used)]
pub(crate) fn random_below(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |m: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % u64::try_from(m).unwrap()).unwrap()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn find_marker_is_the_plain_search() {
        // Against the rule itself (the first window equal to the marker), over every string
        // of up to 7 bytes of an alphabet made of the markers' bytes, for each marker.
        let alphabet = b"]>-?a";
        for marker in [&b"]]>"[..], b"-->", b"--", b"?>", b"", b"a"] {
            for len in 0..=7usize {
                for mut n in 0..5usize.pow(u32::try_from(len).unwrap()) {
                    let mut b = [0u8; 7];
                    for slot in b.iter_mut().take(len) {
                        *slot = alphabet[n % 5];
                        n /= 5;
                    }
                    let b = &b[..len];
                    let plain =
                        if marker.is_empty() { Some(0) } else { b.windows(marker.len()).position(|w| w == marker) };
                    assert_eq!(find_marker(b, marker), plain, "{b:?} {marker:?}");
                }
            }
        }
    }

    #[test]
    fn qnames() {
        let q = qname(b"D:href>", 0).unwrap();
        assert_eq!((q.prefix(), q.local()), ((0, 1), (2, 6)));
        let q = qname(b"<a.b-c_9 x", 1).unwrap();
        assert_eq!((q.prefix(), q.local()), ((1, 1), (1, 8)));
        for no in [&b":a>"[..], b"a:>", b"a:1>", b"a:b:c>", b"1a>", b"a\xc3\xa9>", b"ab", b"a:"] {
            assert!(qname(no, 0).is_none(), "{}", core::str::from_utf8(no).unwrap());
        }
    }

    #[test]
    fn word_letter_test_and_name_ends() {
        // Every byte value at every position of a word, among name bytes.
        for pos in 0..8 {
            for v in 0..=255u8 {
                let mut w = *b"aZ09-._q";
                w[pos] = v;
                let want = w
                    .iter()
                    .enumerate()
                    .fold(0u64, |m, (k, &c)| if c.is_ascii_alphabetic() { m } else { m | 0x80u64 << (8 * k) });
                assert_eq!(non_letters(u64::from_le_bytes(w)), want, "{v:#x} at {pos}");
            }
        }
        // Names of every length ending at every kind of byte, and near the end of the input.
        for n in 1..20 {
            for end in [&b">"[..], b" ", b"/", b"=", b":x>", b"\xc3\xa9>", b""] {
                let mut v = b"<".to_vec();
                // Letters, and the other name bytes among them.
                v.extend((0..n).map(|k| b"kZ9-._q"[k % 7]));
                v.extend_from_slice(end);
                let got = qname(&v, 1);
                match end {
                    b"" => assert!(got.is_none()),
                    b":x>" => assert_eq!(got.map(|q| (q.colon, q.end)), Some((Some(n + 1), n + 3))),
                    [0xc3, ..] => assert!(got.is_none()),
                    _ => assert_eq!(got.map(|q| (q.colon, q.end)), Some((None, n + 1))),
                }
            }
        }
    }

    #[test]
    fn word_stops_are_exact_at_the_first() {
        let value_stop = |c: u8| c < 0x20 || matches!(c, b'<' | b'&' | b'"' | b'\'' | 0xEF);
        let text_stop = |c: u8| c < 0x20 || matches!(c, b'<' | b'&' | b'>' | 0xEF);
        let first = |m: u64| (m != 0).then(|| crate::offset::widen(m.trailing_zeros() / 8));
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for round in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Mostly name-like bytes, with odd ones at random places; first every byte value
            // at every position.
            let mut w = *b"urn:x/yz";
            for (k, c) in w.iter_mut().enumerate() {
                if (seed >> (k * 5)) & 3 == 0 {
                    *c = (seed >> (k * 7 + 3)).to_le_bytes()[0];
                }
            }
            if round < 256 * 8 {
                w[round / 256] = u8::try_from(round % 256).unwrap();
            }
            let x = u64::from_le_bytes(w);
            assert_eq!(first(value_stops(x)), w.iter().position(|&c| value_stop(c)), "{w:?}");
            assert_eq!(first(text_stops(x)), w.iter().position(|&c| text_stop(c)), "{w:?}");
        }
    }

    /// `content_is_plain` is the plain byte rule (no `&`, `<` or CR), for every byte value at
    /// every position of texts up to 80 bytes (no loads and one, two or four words; the search
    /// past 32), with a second stop after the first or none, over a background of every
    /// other byte (so that the words built of few bytes are seen with any neighbours).
    #[test]
    fn content_is_plain_is_the_byte_rule() {
        let is_stop = |c: u8| matches!(c, b'&' | b'<' | b'\r');
        for len in 0..80usize {
            for background in [b'a', 0, 0xFF, b'%', b'&' ^ 0x80, b'<' + 1, b'\r' - 1] {
                let t = &[background; 80][..len];
                assert_eq!(content_is_plain(t), !t.iter().any(|&c| is_stop(c)), "{len} {background}");
            }
            for at in 0..len {
                for c in 0..=255u8 {
                    for second in [None, Some(at + 1), Some(len - 1), Some(0)] {
                        let mut t = [b'a'; 80];
                        if let Some(j) = second.filter(|&j| j < len) {
                            t[j] = b'<';
                        }
                        t[at] = c;
                        let t = &t[..len];
                        assert_eq!(content_is_plain(t), !t.iter().any(|&x| is_stop(x)), "{len} {at} {c} {second:?}");
                    }
                }
            }
        }
    }

    /// `content_stop_in` finds the first `&`, `<` or CR of a word, for every byte value at
    /// every position, with a second stop after it or none, over several backgrounds.
    #[test]
    fn content_stop_in_is_the_byte_rule() {
        for background in [b'a', 0, 0xFF, b'&' ^ 0x80, b'<' + 1, b'\r' - 1] {
            for at in 0..8 {
                for c in 0..=255u8 {
                    for second in [None, Some(at + 1), Some(7)] {
                        let mut w = [background; 8];
                        if let Some(j) = second.filter(|&j| j < 8) {
                            w[j] = b'\r';
                        }
                        w[at] = c;
                        let want = w.iter().position(|&x| matches!(x, b'&' | b'<' | b'\r'));
                        assert_eq!(content_stop_in(u64::from_le_bytes(w)), want, "{w:?}");
                    }
                }
            }
        }
    }

    /// `content_stop` and `find_byte` find what the plain byte rule finds, for
    /// every byte value at every position of texts up to 80 bytes (single bytes, words, the
    /// overlapping last word, `memchr` past 64), with a second stop after the first or none.
    #[test]
    fn short_finds_are_the_byte_rule() {
        for len in 0..80usize {
            assert_eq!(content_stop(&[b'a'; 80][..len]), None);
            assert_eq!(find_byte(&[b'a'; 80][..len], b'%'), None);
            for at in 0..len {
                for c in 0..=255u8 {
                    for second in [None, Some(at + 1), Some(len - 1)] {
                        let mut t = [b'a'; 80];
                        if let Some(j) = second {
                            t[j] = b'&';
                        }
                        t[at] = c;
                        let t = &t[..len];
                        let want = t.iter().position(|&x| matches!(x, b'&' | b'<' | b'\r'));
                        assert_eq!(content_stop(t), want, "{len} {at} {c}");
                        let want = t.iter().position(|&x| x == c);
                        assert_eq!(find_byte(t, c), want, "{len} {at} {c}");
                    }
                }
            }
        }
    }

    #[test]
    fn block_forms_are_the_byte_rules() {
        for x in 0..=255u8 {
            assert_eq!(is_markup_or_reference(x), matches!(x, b'<' | b'&'), "{x:#x}");
            assert_eq!(is_cheap_odd(x), cheap_odd(x) != 0, "{x:#x}");
        }
    }

    /// The block rules are their byte rules (every byte value), and `first_in_block` finds
    /// what the plain search finds: every byte value at every position of a block, with a
    /// second stop after it or none, for each rule.
    #[test]
    fn first_in_block_is_the_byte_rule() {
        type Rule = fn(u8) -> bool;
        let rules: [(Rule, Rule); 3] = [
            (is_content_stop, |x| matches!(x, b'&' | b'<' | b'\r')),
            (is_cr, |x| matches!(x, b'\r' | 0xFE | 0xFF)),
            (is_text_special, |x| class(x) & TEXT_SPECIAL != 0),
        ];
        for (hit, rule) in rules {
            for x in 0..=255u8 {
                assert_eq!(hit(x), rule(x), "{x:#x}");
            }
            assert_eq!(first_in_block([b'a'; BLOCK], hit), None);
            for at in 0..BLOCK {
                for c in 0..=255u8 {
                    for second in [None, Some(at + 1), Some(BLOCK - 1)] {
                        let mut t = [b'a'; BLOCK];
                        if let Some(j) = second.filter(|&j| j < BLOCK) {
                            t[j] = b'\r';
                        }
                        t[at] = c;
                        let want = t.iter().position(|&x| rule(x));
                        assert_eq!(first_in_block(t, hit), want, "{at} {c}");
                    }
                }
            }
        }
    }

    /// `first_in_two_blocks` is the first hit of the 64 bytes: one or two stops at every
    /// place, the second in the same block or the other one.
    #[test]
    fn first_in_two_blocks_is_the_first_hit() {
        assert_eq!(first_in_two_blocks([b'a'; 2 * BLOCK], is_content_stop), None);
        for at in 0..2 * BLOCK {
            for second in [None, Some(at + 1), Some(BLOCK), Some(2 * BLOCK - 1)] {
                for c in [b'&', b'<', b'\r', b'a', 0xFF] {
                    let mut t = [b'a'; 2 * BLOCK];
                    if let Some(j) = second.filter(|&j| j < 2 * BLOCK) {
                        t[j] = b'<';
                    }
                    t[at] = c;
                    let want = t.iter().position(|&x| matches!(x, b'&' | b'<' | b'\r'));
                    assert_eq!(first_in_two_blocks(t, is_content_stop), want, "{at} {c}");
                }
            }
        }
    }

    /// `has_bad_char` is `bulk`'s `bad` flag: every byte value at every position of spans
    /// up to three blocks long (the blocks and the bytes after them), alone or after a CR.
    #[test]
    fn has_bad_char_is_the_bulk_flag() {
        for x in 0..=255u8 {
            assert_eq!(is_bad_char(x), bulk(&[x]).bad, "{x:#x}");
        }
        for len in 0..3 * BLOCK + 2 {
            let mut v = [b'a'; 3 * BLOCK + 2];
            assert!(!has_bad_char(&v[..len]));
            for at in 0..len {
                for c in 0..=255u8 {
                    v = [b'a'; 3 * BLOCK + 2];
                    let v = &mut v[..len];
                    v[0] = b'\r';
                    v[at] = c;
                    assert_eq!(has_bad_char(v), bulk(v).bad, "{len} {at} {c:#x}");
                }
            }
        }
    }

    #[test]
    fn colon_in_is_position() {
        for name in [
            "a",
            "D:href",
            "lp1:x",
            "abcdefg:h",
            "abcdefgh:i",
            "averylongprefix:local",
            "nocolonatallhere",
            "a:b:c",
            ":a",
        ] {
            assert_eq!(colon_in(name.as_bytes()), name.find(':'), "{name}");
        }
    }

    #[test]
    fn sub_is_str_get() {
        let s = "a\u{e9}b\u{20ac}c\u{1f600}d";
        for from in 0..=s.len() + 2 {
            for to in 0..=s.len() + 2 {
                assert_eq!(sub(s, from, to), s.get(from..to), "{from}..{to}");
            }
        }
    }

    #[test]
    fn short_equality() {
        let s = b"abcdefghijklmnopqrstuvwxyz0123456789-.ABCDEFGHIJ";
        for n in 0..=s.len() {
            assert!(eq_short(&s[..n], &s[..n]));
            for k in 0..n {
                let mut t = s[..n].to_vec();
                t[k] = b'#';
                assert!(!eq_short(&s[..n], &t), "{n} {k}");
            }
            assert!(n == 0 || !eq_short(&s[..n], &s[..n - 1]));
        }
    }

    #[test]
    fn text_to_markup_is_memchr_then_bulk() {
        // Texts longer than SHORT_TEXT (block path) and shorter, with a stop (`<`, `&`) or
        // none, and odd bytes (control, CR, `>`, 0xEF) before, at and after the block edges.
        const N: usize = SHORT_TEXT + 700;
        let mut v = [b'a'; N];
        let mut next = random_below(0x2545_f491_4f6c_dd1du64);
        for round in 0..3000 {
            v.fill(b'a');
            for _ in 0..next(4) {
                v[next(N)] = [0x01, b'\r', b'>', 0xEF, b'\n', b'\t'][next(6)];
            }
            if round % 4 != 0 {
                v[next(N)] = [b'<', b'&'][next(2)];
            }
            let i = next(64);
            let end = if round % 3 == 0 { N } else { i + next(N - i) };
            let (stop, f) = text_to_markup(&v, i, end);
            let want_stop = next_markup_or_reference(&v, i, end);
            let want = bulk(&v[i..want_stop]);
            assert_eq!(stop, want_stop, "round {round}");
            assert_eq!((f.bad, f.cr, f.gt), (want.bad, want.cr, want.gt), "round {round}");
        }
    }

    #[test]
    fn values() {
        assert_eq!(plain_value(b"\"a'b\" ", 0), Some((1, 4, 5, true)));
        assert_eq!(plain_value(b"'a\"b'", 0), Some((1, 4, 5, true)));
        for (v, end) in [(&b"\"a\tb\""[..], 4), (b"\"\n\"", 2), (b"'a\r'", 3)] {
            assert_eq!(plain_value(v, 0), Some((1, end, end + 1, false)));
        }
        for no in [&b"\"a<\""[..], b"\"a&amp;\"", b"\"a\x01\"", b"\"\xef\xbf\xbd\"", b"\"abc", b"abc"] {
            assert!(plain_value(no, 0).is_none());
        }
    }

    #[test]
    fn text_stops_at_every_special_byte() {
        for special in [b'<', b'&', b'>', b'\r', 0x01, 0x1F, 0xEF] {
            for at in 0..20 {
                let mut v = [b'x'; 24];
                v[at] = special;
                assert_eq!(plain_text(&v, 0, v.len()), at, "{special:#x} at {at}");
                assert_eq!(plain_text(&v, 0, at), at);
            }
        }
        let v = [b'\t', b'\n', b' ', b'a', 0xC3, 0xA9, 0x7F, b'z', b']', b'=', b'?', b'q', b'\n'];
        assert_eq!(plain_text(&v, 0, v.len()), v.len());
    }

    #[test]
    fn cdata() {
        let b = b"x]y]]z\r\n&<>]]>after";
        assert_eq!(cdata_content(b, 0, b.len()), Some(11));
        assert_eq!(cdata_content(b, 0, 13), None);
        assert_eq!(cdata_content(b"a\x01]]>", 0, 6), None);
        assert_eq!(cdata_content(b"a\xef\xbf\xbf]]>", 0, 7), None);
        assert_eq!(cdata_content(b"]]", 0, 2), None);
    }

    #[test]
    fn bulk_flags() {
        let long = [b'a'; 100];
        let f = bulk(&long);
        assert!(!f.bad && !f.cr && !f.gt);
        for (byte, bad, cr, gt) in [
            (0x01, true, false, false),
            (0xEF, true, false, false),
            (b'\r', false, true, false),
            (b'>', false, false, true),
            (b'\t', false, false, false),
            (b'\n', false, false, false),
        ] {
            for at in [0, 31, 32, 63, 99] {
                let mut v = long;
                v[at] = byte;
                let f = bulk(&v);
                assert_eq!((f.bad, f.cr, f.gt), (bad, cr, gt), "{byte:#x} at {at}");
            }
        }
        assert_eq!(next_markup_or_reference(b"abc&d<", 0, 6), 3);
        assert_eq!(next_markup_or_reference(b"abc&d<", 4, 6), 5);
        assert_eq!(next_markup_or_reference(b"abc&d<", 0, 3), 3);
    }

    /// What [`plain_text`] returns, by its definition: in `b` cut at `end` (all of `b` past
    /// it), the first byte at or after `i` of [`TEXT_SPECIAL`], else the cut's end, else `i`
    /// (past it).
    fn plain_text_by_rule(b: &[u8], i: usize, end: usize) -> usize {
        let b = &b[..end.min(b.len())];
        match b.get(i..) {
            Some(rest) => rest.iter().position(|&c| class(c) & TEXT_SPECIAL != 0).map_or(b.len(), |k| plus!(i, k)),
            None => i,
        }
    }

    /// `plain_text` (blocks, then words, then bytes) is its byte rule: every byte value at
    /// every place of an 80-byte text, from every start, cut at ends around the byte, the
    /// start, a block and the text's end (below, at and past it, `i > end` too); then random
    /// texts of odd bytes (several in a block, tab and LF among them).
    #[test]
    fn plain_text_is_the_byte_rule() {
        const L: usize = 80;
        for c in 0..=255u8 {
            for at in 0..L {
                let mut v = [b'a'; L];
                v[at] = c;
                for i in 0..=L + 2 {
                    let ends =
                        [at, at + 1, i.saturating_sub(1), i, i + 31, i + 32, i + 33, L - 1, L, L + 1, usize::MAX];
                    for end in ends {
                        assert_eq!(plain_text(&v, i, end), plain_text_by_rule(&v, i, end), "{c:#x} {at} {i} {end}");
                    }
                }
            }
        }
        for i in [usize::MAX, usize::MAX - BLOCK] {
            assert_eq!(plain_text(&[b'a'; 100], i, usize::MAX), i);
        }
        let odd = [b'<', b'&', b'>', b'\t', b'\n', b'\r', 0, 0x1F, b' ', 0xEF, 0x7F, 0xC3, 0xFF, b'=', b'?'];
        let mut next = random_below(0x9e37_79b9_7f4a_7c15u64);
        let mut v = [0u8; 200];
        for _ in 0..100_000 {
            let len = next(200);
            let sparse = 1 + next(40);
            for x in &mut v[..len] {
                *x = if next(sparse) == 0 { odd[next(odd.len())] } else { b'a' };
            }
            let i = next(len + 8);
            let end = [len, next(len + 8), i + next(70)][next(3)];
            assert_eq!(
                plain_text(&v[..len], i, end),
                plain_text_by_rule(&v[..len], i, end),
                "{:?} {i} {end}",
                &v[..len]
            );
        }
    }

    /// `text_to_markup` past `SHORT_TEXT` (its blocks) finds the next `<` or `&` and the
    /// `bulk` flags up to it: odd bytes (each that the cheap check flags, and `<`, `&`) put on
    /// and beside the edges of the blocks, counted from where they start, with `end` before
    /// the text's end or at it.
    #[test]
    fn text_to_markup_blocks_at_their_edges() {
        const N: usize = SHORT_TEXT + 600;
        let odd = [0x01, 0, b'\t', b'\r', b'>', 0xEF, b'\n', 0x1F, 0x7F];
        let mut v = [b'a'; N];
        let mut next = random_below(0x2545_f491_4f6c_dd1du64);
        for round in 0..6000 {
            v.fill(b'a');
            let i = next(64);
            let edge = |n: usize, next: &mut dyn FnMut(usize) -> usize| {
                (i + SHORT_TEXT + BLOCK * n + [0, 1, BLOCK - 1, BLOCK][next(4)]).saturating_sub(next(2)).min(N - 1)
            };
            for _ in 0..next(4) {
                let at = edge(next(18), &mut next);
                v[at] = odd[next(odd.len())];
            }
            if round % 4 != 0 {
                let at = edge(next(18), &mut next);
                v[at] = [b'<', b'&'][next(2)];
            }
            let end = [N, N - next(300), i + SHORT_TEXT + next(500)][next(3)].min(N);
            let (stop, f) = text_to_markup(&v, i, end);
            let want_stop = next_markup_or_reference(&v, i, end);
            let want = bulk(&v[i..want_stop]);
            assert_eq!(stop, want_stop, "round {round}");
            assert_eq!((f.bad, f.cr, f.gt), (want.bad, want.cr, want.gt), "round {round}");
        }
    }
}
