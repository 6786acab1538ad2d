//! Status lines: `HTTP/1.1 404 Not Found` → code 404, reason `Not Found`.
//!
//! RFC 4918 §14.28: `status` holds an HTTP status line, `HTTP-Version SP Status-Code SP
//! Reason-Phrase`. Tolerated: white space around the line, a missing or empty reason, any
//! `HTTP/<digits>[.<digits>]` version (`HTTP/1.0`, `HTTP/1.1`, `HTTP/2`), several spaces or
//! tabs as separators. Rejected: anything but `HTTP/`, a code that is not exactly three
//! digits, a code outside 200–599 (1xx must not be recorded, RFC 4918 §13; 6xx–9xx and 0xx
//! are not HTTP codes).
//!
//! The line is read by its value: references, CDATA sections, comments and processing
//! instructions anywhere in it are read as XML reads them (`HTTP/1.1 &#50;00 OK` is 200). A
//! plain line (the common case) is read by [`parse_line`] in place; any other by
//! [`code_of_value`], from its fragments: the same grammar, written twice for speed, and
//! tested to agree on every line over an alphabet of its characters.

use crate::error::{Error, ErrorKind};
use crate::offset::plus;
use crate::text::{Fragment, Text};

/// A parsed status line.
///
/// ```
/// use multistatus::{Event, Parser};
///
/// let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>
///   <d:status> HTTP/1.1 423 Locked </d:status></d:response></d:multistatus>"#;
/// for event in Parser::new(body)? {
///     if let Event::Status(s) = event? {
///         assert_eq!((s.version(), s.code(), s.reason()), ("HTTP/1.1", 423, "Locked"));
///         assert!(!s.is_success());
///     }
/// }
/// # Ok::<(), multistatus::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Status<'a> {
    code: u16,
    version: &'a str,
    reason: &'a str,
    text: Text<'a>,
}

impl<'a> Status<'a> {
    /// The status code, 200–599.
    pub fn code(&self) -> u16 {
        self.code
    }

    /// The version as written, `HTTP/1.1`.
    pub fn version(&self) -> &'a str {
        self.version
    }

    /// The reason phrase, raw and trimmed (`""` when absent). If it contains references, use
    /// [`Status::text`] for the unescaped line.
    pub fn reason(&self) -> &'a str {
        self.reason
    }

    /// The whole (trimmed) status line as a text.
    pub fn text(&self) -> Text<'a> {
        self.text
    }

    /// Whether the code is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.code)
    }

    /// Parses a status element's text (its value, trimmed first).
    ///
    /// When the line holds references, CDATA, comments or PIs (rare), the code is read from
    /// the value, and [`Status::version`] and [`Status::reason`] are empty (they are slices of
    /// the body): read the line from [`Status::text`].
    ///
    /// # Errors
    /// [`ErrorKind::InvalidStatus`] at the text's offset.
    pub fn parse(text: Text<'a>) -> Result<Self, Error> {
        let text = text.trim();
        let bad = Error::new(ErrorKind::InvalidStatus, text.offset());
        // With `small`, one reading of the grammar: the code from the value, then the
        // version and reason cut from a plain line (which the code's reading validated).
        #[cfg(feature = "small")]
        {
            let code = code_of_value(&text).ok_or(bad)?;
            let (version, reason) = text.as_plain().and_then(version_and_reason).unwrap_or(("", ""));
            Ok(Status { code, version, reason, text })
        }
        #[cfg(not(feature = "small"))]
        if let Some(line) = text.as_plain() {
            let (code, version, reason) = parse_line(line).ok_or(bad)?;
            return Ok(Status { code, version, reason, text });
        }
        // Escaped: the code is read from the value, byte by byte (any length, no buffer).
        #[cfg(not(feature = "small"))]
        {
            let code = code_of_value(&text).ok_or(bad)?;
            Ok(Status { code, version: "", reason: "", text })
        }
    }
}

/// With `small`: the version and the reason (trimmed) of a line [`code_of_value`] found
/// valid: the version up to the first blank, the reason after the three digits of the code.
#[cfg(any(test, feature = "small"))]
fn version_and_reason(line: &str) -> Option<(&str, &str)> {
    let b = line.as_bytes();
    let is_blank = |c: &u8| *c == b' ' || *c == b'\t';
    let version_end = b.iter().position(is_blank)?;
    let code_at = plus!(b.iter().skip(version_end).position(|c| !is_blank(c))?, version_end);
    let after_code = plus!(code_at, 3);
    let (from, to) = crate::text::trimmed_span(b.get(after_code..)?);
    let at = |k: usize| plus!(k, after_code);
    Some((crate::scan::sub(line, 0, version_end)?, crate::scan::sub(line, at(from), at(to))?))
}

/// `HTTP/<version> <code>[ <reason>]`: the code, the version and the reason (trimmed). Read
/// by bytes: every boundary it cuts at is an ASCII byte. (With `small`, [`code_of_value`] and
/// [`version_and_reason`] read it instead.)
#[cfg(any(test, not(feature = "small")))]
fn parse_line(line: &str) -> Option<(u16, &str, &str)> {
    let b = line.as_bytes();
    let is_blank = |c: u8| c == b' ' || c == b'\t';
    if !b.starts_with(b"HTTP/") {
        return None;
    }
    let version_end = plus!(b.iter().skip(5).position(|&c| is_blank(c))?, 5);
    if !valid_version(b.get(5..version_end)?) {
        return None;
    }
    let version = crate::scan::sub(line, 0, version_end)?;
    let code_at = b.iter().skip(version_end).position(|&c| !is_blank(c)).map_or(b.len(), |k| plus!(k, version_end));
    let code_bytes = b.get(code_at..plus!(code_at, 3))?;
    if !code_bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let code = code_bytes.iter().fold(0u16, |n, d| n.wrapping_mul(10).wrapping_add(u16::from(d.wrapping_sub(b'0'))));
    if !(200..=599).contains(&code) {
        return None;
    }
    let after_code = plus!(code_at, 3);
    // The code must end there: `2000` or `200OK` is not a code.
    if !b.get(after_code).is_none_or(|&c| is_blank(c)) {
        return None;
    }
    let (from, to) = crate::text::trimmed_span(b.get(after_code..)?);
    let at = |k: usize| plus!(k, after_code);
    Some((code, version, crate::scan::sub(line, at(from), at(to))?))
}

/// The code of the status line that `text`'s value holds (the grammar of [`parse_line`]),
/// read from its fragments byte by byte.
#[cfg(not(feature = "small"))]
fn code_of_value(text: &Text<'_>) -> Option<u16> {
    #[derive(Clone, Copy)]
    enum St {
        Http(usize),
        Major(bool),
        Minor(bool),
        Sep,
        Code(u16, u8),
        Reason(u16),
    }
    let mut st = St::Http(0);
    for f in text.fragments() {
        let mut tmp = [0u8; 4];
        for &b in utf8(f, &mut tmp) {
            st = match (st, b) {
                (St::Http(4), b'/') => St::Major(false),
                (St::Http(i), b) if b"HTTP/".get(i) == Some(&b) => St::Http(plus!(i, 1)),
                (St::Major(_), b'0'..=b'9') => St::Major(true),
                (St::Major(true), b'.') => St::Minor(false),
                (St::Minor(_), b'0'..=b'9') => St::Minor(true),
                (St::Major(true) | St::Minor(true) | St::Sep, b' ' | b'\t') => St::Sep,
                (St::Sep, b'0'..=b'9') => St::Code(u16::from(b.wrapping_sub(b'0')), 1),
                (St::Code(n, k), b'0'..=b'9') if k < 3 => {
                    St::Code(n.wrapping_mul(10).wrapping_add(u16::from(b.wrapping_sub(b'0'))), k.saturating_add(1))
                }
                // The code must end there: `2000` or `200OK` is not a code.
                (St::Code(n, 3), b' ' | b'\t') | (St::Reason(n), _) => St::Reason(n),
                _ => return None,
            };
        }
    }
    match st {
        St::Code(n, 3) | St::Reason(n) => Some(n).filter(|c| (200..=599).contains(c)),
        _ => None,
    }
}

/// The code of the status line that `text`'s value holds (the grammar of [`parse_line`]),
/// read from its fragments byte by byte. With `small`: its state in one byte (by default
/// this form measured 73 bytes more code in the response view's parser).
#[cfg(feature = "small")]
fn code_of_value(text: &Text<'_>) -> Option<u16> {
    // The state, one byte: 0 to 4, that many bytes of `HTTP/` read; 5, a digit of the
    // version owed; 6, in its digits; 7, a digit of the minor version owed; 8, in its
    // digits; 9, blanks after the version; 10 to 12, that many digits of the code read
    // (less 9); 13, in the reason.
    let (mut st, mut code) = (0u8, 0u16);
    for f in text.fragments() {
        let mut tmp = [0u8; 4];
        for &b in utf8(f, &mut tmp) {
            let (digit, blank) = (b.is_ascii_digit(), b == b' ' || b == b'\t');
            st = match st {
                0..=4 if b"HTTP/".get(usize::from(st)) == Some(&b) => st.wrapping_add(1),
                5 | 6 if digit => 6,
                6 if b == b'.' => 7,
                7 | 8 if digit => 8,
                6 | 8 | 9 if blank => 9,
                9..=11 if digit => {
                    code = code.wrapping_mul(10).wrapping_add(u16::from(b.wrapping_sub(b'0')));
                    st.wrapping_add(1)
                }
                // The code must end there: `2000` or `200OK` is not a code.
                12 if blank => 13,
                13 => 13,
                _ => return None,
            };
        }
    }
    Some(code).filter(|c| st >= 12 && (200..=599).contains(c))
}

/// A fragment's bytes: a string's, or a character's UTF-8 (written in `tmp`).
fn utf8<'t>(fragment: Fragment<'t>, tmp: &'t mut [u8; 4]) -> &'t [u8] {
    match fragment {
        Fragment::Str(s) => s.as_bytes(),
        Fragment::Char(c) => c.encode_utf8(tmp).as_bytes(),
    }
}

/// `<digits>` or `<digits>.<digits>`.
#[cfg(any(test, not(feature = "small")))]
fn valid_version(v: &[u8]) -> bool {
    let mut parts = v.splitn(2, |&c| c == b'.');
    let all_digits = |p: &[u8]| !p.is_empty() && p.iter().all(u8::is_ascii_digit);
    match (parts.next(), parts.next()) {
        (Some(major), None) => all_digits(major),
        (Some(major), Some(minor)) => all_digits(major) && all_digits(minor),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<(u16, &str, &str), ErrorKind> {
        Status::parse(Text::content(s, 0)).map(|st| (st.code(), st.version(), st.reason())).map_err(|e| e.kind())
    }

    #[test]
    fn status_table() {
        let ok: &[(&str, u16, &str, &str)] = &[
            ("HTTP/1.1 200 OK", 200, "HTTP/1.1", "OK"),
            ("  HTTP/1.1 404 Not Found \n", 404, "HTTP/1.1", "Not Found"),
            ("HTTP/1.1 200", 200, "HTTP/1.1", ""),
            ("HTTP/1.1 200 ", 200, "HTTP/1.1", ""),
            ("HTTP/1.0 207 Multi-Status", 207, "HTTP/1.0", "Multi-Status"),
            ("HTTP/2 208 Already Reported", 208, "HTTP/2", "Already Reported"),
            ("HTTP/1.1  424\tFailed Dependency", 424, "HTTP/1.1", "Failed Dependency"),
            ("HTTP/1.1 507 Insufficient Storage", 507, "HTTP/1.1", "Insufficient Storage"),
            ("HTTP/1.1 599 x", 599, "HTTP/1.1", "x"),
        ];
        for &(s, code, v, r) in ok {
            assert_eq!(parse(s), Ok((code, v, r)), "{s:?}");
        }
        let bad = [
            "",
            "Invalid Status Line",
            "%s%s%s%s",
            "HTTP/1.1 123 Hoorah",
            "HTTP/1.1 100 Continue",
            "HTTP/1.1 099 x",
            "HTTP/1.1 600 x",
            "HTTP/1.1 20 OK",
            "HTTP/1.1 2000 OK",
            "HTTP/1.1 200OK",
            "HTTP/1.1",
            "HTTP/1.1 ",
            "HTTP/ 200 OK",
            "HTTP/1. 200 OK",
            "HTTP/a.b 200 OK",
            "http/1.1 200 OK",
            "HTTP/1.1 +20 OK",
            "HTTP/1.1 2Ⅰ0 OK",
        ];
        for s in bad {
            assert_eq!(parse(s), Err(ErrorKind::InvalidStatus), "{s:?}");
        }
    }

    #[test]
    fn read_by_value() {
        for line in [
            "HTTP/1.1&#32;200 OK",
            "<![CDATA[HTTP/1.1 200 OK]]>",
            "<!-- x --> HTTP/1.1 200 OK",
            "HTTP/1.1 2<?pi?>00 OK",
            "HTTP/1.1 &#50;00 OK",
        ] {
            let s = Status::parse(Text::content(line, 0)).unwrap();
            assert_eq!(s.code(), 200, "{line}");
            assert!(s.text().eq_str("HTTP/1.1 200 OK"), "{line}");
        }
        assert!(Status::parse(Text::content("HTTP/1.1 1&#48;2 x", 0)).is_err());
    }

    /// The two readings of the grammar agree: every line of up to six pieces over an alphabet
    /// of the grammar's characters, read plain (`parse_line`) and read from fragments (the
    /// same line behind an empty comment, which makes it not plain), and the reading of
    /// `small` (code, version and reason) against `parse_line`.
    #[test]
    fn plain_and_fragment_readings_agree() {
        let pieces = ["HTTP/", "1", ".", "0", "2", " ", "\t", "5", "x", "200", "HTTP/1.1 "];
        let mut line = heapless::String::<64>::new();
        let mut idx = [0usize; 6];
        let mut checked = 0u32;
        for len in 0..=idx.len() {
            idx.iter_mut().for_each(|i| *i = 0);
            loop {
                line.clear();
                for &i in idx.iter().take(len) {
                    line.push_str(pieces[i]).unwrap();
                }
                let plain = Status::parse(Text::content(&line, 0)).map(|s| s.code()).ok();
                let mut marked = heapless::String::<80>::new();
                marked.push_str("<!---->").unwrap();
                marked.push_str(&line).unwrap();
                let t = Text::content(&marked, 0);
                assert!(!t.is_plain());
                let by_value = Status::parse(t).map(|s| s.code()).ok();
                assert_eq!(plain, by_value, "{line:?}");
                // The reading of `small` (the code from the value, then the version and
                // reason cut) gives what `parse_line` gives, parts included.
                let trimmed = Text::content(&line, 0).trim();
                let l = trimmed.as_plain().unwrap();
                let small = code_of_value(&trimmed).map(|c| {
                    let (v, r) = version_and_reason(l).unwrap_or(("", ""));
                    (c, v, r)
                });
                assert_eq!(parse_line(l), small, "{line:?}");
                checked += 1;
                // The next combination of `len` pieces.
                let mut k = 0;
                while k < len {
                    idx[k] += 1;
                    if idx[k] < pieces.len() {
                        break;
                    }
                    idx[k] = 0;
                    k += 1;
                }
                if k == len {
                    break;
                }
            }
        }
        assert!(checked > 1_000_000, "{checked}");
    }

    #[test]
    fn error_offset_is_the_trimmed_line() {
        let e = Status::parse(Text::content("  junk", 100)).unwrap_err();
        assert_eq!(e.offset(), 102);
    }
}
