//! The characters of a text's value, each with where it stands in the raw slice: what the
//! value parsers read, so that the parts they hand out are slices of the body (an ETag's
//! opaque tag between `&quot;` references) and their errors point into it.

use crate::offset::plus;
use crate::text::{Text, parse_reference};

/// One character of a value: `c`, read from `raw[start..end]` (a reference is one character).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ch {
    pub c: char,
    pub start: usize,
    pub end: usize,
    /// Inside a CDATA section.
    pub in_cdata: bool,
}

impl Ch {
    /// XML white space (space, tab, CR, LF), however written.
    pub fn is_space(&self) -> bool {
        crate::text::is_xml_space(self.c)
    }
}

/// The characters of a checked text's value, in order: references expanded, CDATA content
/// read, comments and processing instructions left out. Line ends are not normalised (a CR
/// is XML white space, as an LF is). Every byte is read once.
#[derive(Clone, Debug)]
pub(crate) struct RawChars<'a> {
    raw: &'a str,
    pos: usize,
    /// Where the CDATA section being read ends (its `]]>`), when `in_cdata`.
    cdata_end: usize,
    in_cdata: bool,
}

impl<'a> RawChars<'a> {
    pub fn new(raw: &'a str) -> Self {
        RawChars { raw, pos: 0, cdata_end: 0, in_cdata: false }
    }

    /// Skips past the first `pat` at or after `from` (at most the end: to the end when absent).
    fn skip_past(&mut self, from: usize, pat: &str) {
        let rest = self.raw.get(from..).unwrap_or("");
        self.pos = plus!(from, crate::scan::around_marker(rest.as_bytes(), pat.as_bytes()).1);
    }

    fn char_at(&mut self, in_cdata: bool) -> Option<Ch> {
        let start = self.pos;
        let c = self.raw.get(start..)?.chars().next()?;
        self.pos = plus!(start, c.len_utf8());
        Some(Ch { c, start, end: self.pos, in_cdata })
    }
}

impl Iterator for RawChars<'_> {
    type Item = Ch;

    fn next(&mut self) -> Option<Ch> {
        loop {
            if self.in_cdata {
                if self.pos < self.cdata_end {
                    return self.char_at(true);
                }
                self.in_cdata = false;
                self.pos = plus!(self.cdata_end, 3);
                continue;
            }
            let rest = self.raw.get(self.pos..)?;
            if let Some(content) = rest.strip_prefix("<![CDATA[") {
                let at = plus!(self.pos, 9);
                // The reader checked the section: it ends (else it runs to the end).
                self.cdata_end = plus!(at, crate::scan::around_marker(content.as_bytes(), b"]]>").0);
                self.pos = at;
                self.in_cdata = true;
            } else if rest.starts_with("<!--") {
                // From after the opening: `<!-->` does not close itself.
                self.skip_past(plus!(self.pos, 4), "-->");
            } else if rest.starts_with("<?") {
                self.skip_past(plus!(self.pos, 2), "?>");
            } else if rest.starts_with('&') {
                // The reader checked every reference; a refused one reads as itself.
                let Ok((c, len)) = parse_reference(rest) else { return self.char_at(false) };
                let start = self.pos;
                self.pos = plus!(start, len);
                return Some(Ch { c, start, end: self.pos, in_cdata: false });
            } else {
                return self.char_at(false);
            }
        }
    }
}

/// The next character that is not white space (`None`: the rest is white space).
pub(crate) fn first_non_space(chars: &mut RawChars<'_>) -> Option<Ch> {
    chars.find(|ch| !ch.is_space())
}

/// A run of characters of one text: the raw slice from the first one's start to the last
/// one's end (`start == end`: an empty run at `start`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    /// Whether the first character is inside a CDATA section.
    first_in_cdata: bool,
    /// Whether an end of the run (its first or its last character) is inside a CDATA
    /// section. A section between them is whole in the slice, which reads as the run.
    pub split: bool,
}

impl Span {
    /// The empty run at `at`.
    pub fn empty(at: usize) -> Self {
        Span { start: at, end: at, first_in_cdata: false, split: false }
    }

    /// The run of one character.
    pub fn of(ch: &Ch) -> Self {
        Span { start: ch.start, end: ch.end, first_in_cdata: ch.in_cdata, split: ch.in_cdata }
    }

    /// The run extended to `ch` (the next character after it), which becomes its last.
    pub fn push(&mut self, ch: &Ch) {
        if self.start == self.end {
            *self = Span::of(ch);
        } else {
            self.end = ch.end;
            self.split = self.first_in_cdata || ch.in_cdata;
        }
    }
}

/// The part of `t` that `span` covers, as a text of the body, when the slice reads as that
/// part: always, unless an end is inside a CDATA section and the slice holds `&`, `<`, a
/// CR or a `]]>` (it would read differently outside the section); then `None`.
pub(crate) fn sub_text<'a>(t: &Text<'a>, span: Span) -> Option<Text<'a>> {
    let raw = crate::scan::sub(t.raw(), span.start, span.end)?;
    if span.split
        && (raw.bytes().any(|b| matches!(b, b'&' | b'<' | b'\r'))
            || crate::scan::find_marker(raw.as_bytes(), b"]]>").is_some())
    {
        return None;
    }
    Some(Text::content(raw, plus!(t.offset(), span.start)))
}

/// Whether the value of `t` equals `s`, ASCII letters compared without case.
pub(crate) fn eq_ignore_ascii_case(t: &Text<'_>, s: &str) -> bool {
    chars_eq(ValueChars::new(t), s.chars(), |a, b| a.eq_ignore_ascii_case(&b))
}

/// Whether two runs of characters are equal by `eq`, character by character.
pub(crate) fn chars_eq(
    mut a: impl Iterator<Item = char>,
    mut b: impl Iterator<Item = char>,
    eq: impl Fn(char, char) -> bool,
) -> bool {
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if eq(x, y) => {}
            _ => return false,
        }
    }
}

/// The characters of a text's value, one at a time, across its fragments.
#[derive(Clone, Debug)]
pub(crate) struct ValueChars<'a> {
    frags: crate::text::Fragments<'a>,
    cur: core::str::Chars<'a>,
}

impl<'a> ValueChars<'a> {
    pub fn new(t: &Text<'a>) -> Self {
        ValueChars { frags: t.fragments(), cur: "".chars() }
    }
}

impl Iterator for ValueChars<'_> {
    type Item = char;
    fn next(&mut self) -> Option<char> {
        loop {
            if let Some(c) = self.cur.next() {
                return Some(c);
            }
            match self.frags.next()? {
                crate::Fragment::Str(s) => self.cur = s.chars(),
                crate::Fragment::Char(c) => return Some(c),
            }
        }
    }
}
