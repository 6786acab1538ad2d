//! The markup that `xmlparser`'s stream reads in the default build ([`crate::markup`]), read
//! here on the input's bytes without it, for the feature `small`: a start tag's name and each
//! of its parts, an end tag, a comment, a CDATA section, a processing instruction, the XML
//! declaration. The same markup is accepted, with the same spans, and a fault is found at the
//! same place: [`Fault`] is the stream's error, its position a byte index into the input (the
//! stream's text position, row and column, stands for it). `xmlparser` is then not linked at
//! all, nor its errors (24 bytes) moved through every `?`: 4.0 to 4.2 KB less code with `small`
//! (footprint.sh), 150 to 280 bytes less stack. The tests below read every prefix of the
//! samples of [`crate::markup`] and more, every character in names, and every short string
//! of a small alphabet after each opening, both ways, and compare.
//!
//! Each function starts at an index of the input (`s`, up to where reading stops) that the
//! caller has told from the bytes before it, and returns the index after what it read.

use crate::offset::plus;
use crate::scan::{self, QName};
use crate::text;

/// What is wrong with markup, as `xmlparser`'s stream says it (its `StreamError`): a [`What`]
/// held in a `u64`, so that a [`Lexed`] index comes back in two registers, not through memory
/// (an enum with a payload made every `?` here a store and two loads).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fault(u64);

/// What a [`Fault`] says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum What {
    /// A character that XML does not allow, at this index (`NonXmlChar`).
    Char(usize),
    /// The input ends (`UnexpectedEndOfStream`).
    Eof,
    /// Another byte than the one the grammar wants, at this index (`InvalidChar`,
    /// `InvalidSpace`, `InvalidQuote`, `InvalidString`).
    At(usize),
    /// A name that is empty, starts with a character that no name starts with, or holds two
    /// colons; a comment's content with `--` or a `-` at its end: errors of no position
    /// (`InvalidName`, `InvalidCommentData`, `InvalidCommentEnd`), found at the markup's start.
    Start,
}

impl Fault {
    /// [`What::Eof`].
    pub(crate) const EOF: Fault = Fault(u64::MAX);
    /// [`What::Start`].
    pub(crate) const START: Fault = Fault(u64::MAX - 1);
    /// The bit of a [`What::Char`] (indexes are below 4 GiB: the low 32 bits).
    const CHAR: u64 = 0x1_0000_0000;

    /// [`What::At`] at `i` (an index into an input of less than 4 GiB: checked when its
    /// parser was made or a window fed).
    fn at(i: usize) -> Fault {
        Fault(u64::from(crate::offset::narrow_in_body(i)))
    }

    /// [`What::Char`] at `i`.
    fn char_at(i: usize) -> Fault {
        Fault(u64::from(crate::offset::narrow_in_body(i)) | Self::CHAR)
    }

    /// What it says.
    pub(crate) fn what(self) -> What {
        let index = crate::offset::widen(u32::try_from(self.0 & 0xFFFF_FFFF).unwrap_or(u32::MAX));
        match self {
            Self::EOF => What::Eof,
            Self::START => What::Start,
            Fault(v) if v & Self::CHAR != 0 => What::Char(index),
            _ => What::At(index),
        }
    }
}

/// What the functions return.
pub(crate) type Lexed<T> = Result<T, Fault>;

/// [`Fault::at`].
fn at(i: usize) -> Fault {
    Fault::at(i)
}

/// The name start characters past ASCII (`NameStartChar`, XML 1.0 §2.3), as ranges: a
/// table read by one loop (a `match` on them compiled to 237 bytes).
const NAME_START: [(u32, u32); 12] = [
    (0xC0, 0xD6),
    (0xD8, 0xF6),
    (0xF8, 0x2FF),
    (0x370, 0x37D),
    (0x37F, 0x1FFF),
    (0x200C, 0x200D),
    (0x2070, 0x218F),
    (0x2C00, 0x2FEF),
    (0x3001, 0xD7FF),
    (0xF900, 0xFDCF),
    (0xFDF0, 0xFFFD),
    (0x10000, 0xEFFFF),
];

/// Whether `c` may start an XML name (`NameStartChar`, XML 1.0 §2.3).
fn is_name_start(c: char) -> bool {
    match u32::from(c) {
        0..0x80 => c.is_ascii_alphabetic() || c == ':' || c == '_',
        v => NAME_START.iter().any(|&(from, to)| from <= v && v <= to),
    }
}

/// Whether `c` may be in an XML name (`NameChar`, XML 1.0 §2.3).
fn is_name_char(c: char) -> bool {
    is_name_start(c) || matches!(c, '0'..='9' | '-' | '.' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// The character at `s[i..]`, if any.
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

/// The end of the name at `i` (`Name`: a name start, then name characters).
pub(crate) fn name(s: &str, i: usize) -> Lexed<usize> {
    let rest = s.get(i..).unwrap_or("");
    if !rest.chars().next().is_some_and(is_name_start) {
        return Err(Fault::START);
    }
    Ok(rest.char_indices().find(|&(_, c)| !is_name_char(c)).map_or(s.len(), |(n, _)| plus!(i, n)))
}

/// The qualified name at `i`: name characters up to the first that is not one, split at its
/// colon; the prefix, if not empty, and the local part, never empty, each start with a name
/// start. (An empty prefix, `:a`, is read as none.)
pub(crate) fn qname(s: &str, i: usize) -> Lexed<QName> {
    let mut colon = None;
    let mut end = i;
    // By bytes: an ASCII one looked up in the class table, any other the start of a character
    // read whole.
    while let Some(&b) = s.as_bytes().get(end) {
        let len = match b {
            b':' => {
                if colon.is_some() {
                    return Err(Fault::START);
                }
                colon = Some(end);
                1
            }
            0..0x80 if scan::is_ascii_name_char(b) => 1,
            0..0x80 => break,
            _ => match char_at(s, end) {
                Some(c) if is_name_char(c) => c.len_utf8(),
                _ => break,
            },
        };
        end = plus!(end, len);
    }
    let local = colon.map_or(i, |c| plus!(c, 1));
    let starts = |at: usize| at < end && char_at(s, at).is_some_and(is_name_start);
    if colon.is_some_and(|c| c > i && !starts(i)) || !starts(local) {
        return Err(Fault::START);
    }
    Ok(QName { start: i, colon, end })
}

/// `c` at `b[i]`: the index after it.
pub(crate) fn expect(b: &[u8], i: usize, c: u8) -> Lexed<usize> {
    match b.get(i) {
        Some(&x) if x == c => Ok(plus!(i, 1)),
        Some(_) => Err(at(i)),
        None => Err(Fault::EOF),
    }
}

/// `S? '=' S?` at `i`: the index after it.
fn eq(b: &[u8], i: usize) -> Lexed<usize> {
    expect(b, scan::skip_spaces(b, i), b'=').map(|i| scan::skip_spaces(b, i))
}

/// A quote at `b[i]`: the index after it.
fn quote(b: &[u8], i: usize) -> Lexed<usize> {
    match b.get(i) {
        Some(b'"' | b'\'') => Ok(plus!(i, 1)),
        Some(_) => Err(at(i)),
        None => Err(Fault::EOF),
    }
}

/// The quote that a value starting at `from` (after it) ends with, at `b[i]`: the index after it.
fn unquote(b: &[u8], from: usize, i: usize) -> Lexed<usize> {
    expect(b, i, b.get(from.saturating_sub(1)).copied().unwrap_or(0))
}

/// `lit` at `b[i]` (the input's end included: an error where it is): the index after it.
fn literal(b: &[u8], i: usize, lit: &[u8]) -> Lexed<usize> {
    match b.get(i..).is_some_and(|r| r.starts_with(lit)) {
        true => Ok(plus!(i, lit.len())),
        false => Err(at(i)),
    }
}

/// The first character that XML does not allow in `s[from..to]`.
fn chars(s: &str, from: usize, to: usize) -> Lexed<()> {
    match scan::bad_char(s, from, to) {
        Some(i) => Err(Fault::char_at(i)),
        None => Ok(()),
    }
}

/// Characters from `from` up to the first `close`, each one XML allows: where that `close`
/// starts (none: the fault at the input's end, after its characters are checked).
fn up_to(s: &str, from: usize, close: &[u8]) -> Lexed<usize> {
    let found = s.as_bytes().get(from..).and_then(|r| scan::find_marker(r, close)).map(|c| plus!(from, c));
    chars(s, from, found.unwrap_or(s.len()))?;
    found.ok_or(at(s.len()))
}

/// What follows a start tag's name or one of its attributes.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Part {
    /// `S QName S? '=' S? quote value quote`: an attribute, the span of its value (quotes left
    /// out: no `<`, no such quote), and the index after it.
    Attribute { name: QName, value: (usize, usize), next: usize },
    /// `S? '>'` or `S? '/>'` (`empty`): the end of the tag, and the index after it.
    End { after: usize, empty: bool },
}

/// The part of a start tag at `i`: an attribute needs the white space before it.
pub(crate) fn tag_part(s: &str, i: usize) -> Lexed<Part> {
    let b = s.as_bytes();
    let p = scan::skip_spaces(b, i);
    let spaced = p > i;
    match b.get(p) {
        Some(b'/') => return expect(b, plus!(p, 1), b'>').map(|after| Part::End { after, empty: true }),
        Some(b'>') => return Ok(Part::End { after: plus!(p, 1), empty: false }),
        Some(_) if !spaced => return Err(at(p)),
        None if !spaced => return Err(Fault::EOF),
        _ => {}
    }
    let name = qname(s, p)?;
    let from = quote(b, eq(b, name.end)?)?;
    let q = b.get(from.saturating_sub(1)).copied().unwrap_or(0);
    let to = b.get(from..).and_then(|r| scan::memchr2(q, b'<', r)).map_or(s.len(), |n| plus!(from, n));
    chars(s, from, to)?;
    let next = expect(b, to, q)?;
    Ok(Part::Attribute { name, value: (from, to), next })
}

/// The end tag at `i` (`</`): its name and the index after its `>`.
pub(crate) fn end_tag(s: &str, i: usize) -> Lexed<(QName, usize)> {
    let b = s.as_bytes();
    let name = qname(s, plus!(i, 2))?;
    Ok((name, expect(b, scan::skip_spaces(b, name.end), b'>')?))
}

/// The comment at `i` (`<!--`): the index after its `-->`. Its content holds no `--` and
/// does not end with `-`.
pub(crate) fn comment(s: &str, i: usize) -> Lexed<usize> {
    let from = plus!(i, 4);
    let close = up_to(s, from, b"-->")?;
    let content = s.as_bytes().get(from..close).unwrap_or(&[]);
    if scan::find_marker(content, b"--").is_some() || content.last() == Some(&b'-') {
        return Err(Fault::START);
    }
    Ok(plus!(close, 3))
}

/// The CDATA section at `i` (`<![CDATA[`): the index after its `]]>`.
pub(crate) fn cdata(s: &str, i: usize) -> Lexed<usize> {
    let close = up_to(s, plus!(i, 9), b"]]>")?;
    Ok(plus!(close, 3))
}

/// The processing instruction at `i` (`<?`): the end of its target (a name, which may run
/// into its content: the reader checks) and the index after its `?>`.
pub(crate) fn pi(s: &str, i: usize) -> Lexed<(usize, usize)> {
    let target = name(s, plus!(i, 2))?;
    let close = up_to(s, scan::skip_spaces(s.as_bytes(), target), b"?>")?;
    Ok((target, plus!(close, 2)))
}

/// What an XML declaration says that the reader checks: the spans of its version number and
/// encoding name, and the index after it.
pub(crate) struct Declaration {
    pub version: (usize, usize),
    pub encoding: Option<(usize, usize)>,
    pub end: usize,
}

/// The XML declaration at `i` (`<?xml`): `S 'version' Eq Quote '1.' [0-9]* Quote (S
/// 'encoding' Eq Quote EncName Quote)? (S 'standalone' Eq Quote ('yes' | 'no') Quote)? S?
/// '?>'`, the version's digits maybe none (the reader checks), as [`crate::markup`] reads it.
pub(crate) fn declaration(s: &str, i: usize) -> Lexed<Declaration> {
    let b = s.as_bytes();
    let p = plus!(i, 5);
    match b.get(p) {
        Some(&c) if text::is_xml_space_byte(c) => {}
        Some(_) => return Err(at(p)),
        None => return Err(Fault::EOF),
    }
    let (mut version, mut encoding) = ((0, 0), None);
    let mut p = pseudo_attribute(s, scan::skip_spaces(b, p), b"version", &mut version)?;
    let starts = |p: usize, name: &[u8]| b.get(p..).is_some_and(|r| r.starts_with(name));
    if starts(p, b"encoding") {
        p = pseudo_attribute(s, p, b"encoding", encoding.insert((0, 0)))?;
    }
    if starts(p, b"standalone") {
        p = pseudo_attribute(s, p, b"standalone", &mut (0, 0))?;
    }
    Ok(Declaration { version, encoding, end: literal(b, p, b"?>")? })
}

/// One part of an XML declaration at `p`: `name Eq Quote value Quote`, the value's span put
/// in `span` (a version `'1.' [0-9]*`, an encoding name, or `yes` or `no`), then white space,
/// needed unless `?>` or the end comes next: the index after it. Out of line: one copy for
/// the three parts.
#[inline(never)]
fn pseudo_attribute(s: &str, p: usize, name: &[u8], span: &mut (usize, usize)) -> Lexed<usize> {
    let b = s.as_bytes();
    let from = quote(b, eq(b, literal(b, p, name)?)?)?;
    let to = match name.first() {
        Some(b'v') => scan_while(b, literal(b, from, b"1.")?, |c| c.is_ascii_digit()),
        Some(b'e') => scan_while(b, from, |c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_')),
        _ => {
            let end = self::name(s, from)?;
            if !matches!(b.get(from..end), Some(b"yes" | b"no")) {
                return Err(at(from));
            }
            end
        }
    };
    *span = (from, to);
    spaces_after(b, unquote(b, from, to)?)
}

/// The index of the first byte at or after `i` that `f` does not take.
fn scan_while(b: &[u8], mut i: usize, f: impl Fn(u8) -> bool) -> usize {
    while b.get(i).is_some_and(|&c| f(c)) {
        i = plus!(i, 1);
    }
    i
}

/// White space between a declaration's parts: needed, unless `?>` or the end comes next.
fn spaces_after(b: &[u8], i: usize) -> Lexed<usize> {
    match b.get(i) {
        Some(&c) if text::is_xml_space_byte(c) => Ok(scan::skip_spaces(b, i)),
        Some(_) if !b.get(i..).is_some_and(|r| r.starts_with(b"?>")) => Err(at(i)),
        _ => Ok(i),
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::format;
    use std::string::String;
    use std::vec::Vec;

    use super::*;
    use crate::markup;
    use xmlparser::{StrSpan, Stream, StreamError};

    /// The class table's name characters (read by `qname`) are the rule's, every ASCII byte.
    #[test]
    fn ascii_name_char_is_the_rule() {
        for b in 0..=0x7Fu8 {
            assert_eq!(scan::is_ascii_name_char(b), is_name_char(char::from(b)), "{b:#x}");
        }
    }

    /// What a read gives, comparable between the two ways: spans and the index after, or the
    /// fault.
    type Outcome = Result<(Vec<(usize, usize)>, usize), What>;

    /// The stream's error as a [`What`] (its text position made an index into `text`).
    fn fault(text: &str, e: &StreamError) -> What {
        let index = |p: xmlparser::TextPos| {
            let mut row = 1;
            let mut col = 1;
            for (i, c) in text.char_indices() {
                if (row, col) == (p.row, p.col) {
                    return i;
                }
                if c == '\n' {
                    (row, col) = (row.saturating_add(1), 1);
                } else {
                    col = col.saturating_add(1);
                }
            }
            text.len()
        };
        match *e {
            StreamError::NonXmlChar(_, p) => What::Char(index(p)),
            StreamError::UnexpectedEndOfStream => What::Eof,
            StreamError::InvalidChar(_, _, p)
            | StreamError::InvalidCharMultiple(_, _, p)
            | StreamError::InvalidQuote(_, p)
            | StreamError::InvalidSpace(_, p)
            | StreamError::InvalidString(_, p) => What::At(index(p)),
            _ => What::Start,
        }
    }

    fn span(s: StrSpan<'_>) -> (usize, usize) {
        (s.start(), s.end())
    }

    /// A qualified name's spans as the stream gives them: no prefix is an empty span at 0.
    fn qspans(q: &QName) -> [(usize, usize); 2] {
        match q.colon {
            Some(c) if c > q.start => [(q.start, c), (c.saturating_add(1), q.end)],
            Some(c) => [(q.start, q.start), (c.saturating_add(1), q.end)],
            None => [(0, 0), (q.start, q.end)],
        }
    }

    fn stream_tag(text: &str) -> Outcome {
        let mut s = Stream::from_substr(text, 0..text.len());
        let mut spans = Vec::new();
        let f = |e: StreamError| fault(text, &e);
        let (p, l) = markup::element_start(&mut s).map_err(f)?;
        spans.extend([span(p), span(l)]);
        loop {
            match markup::tag_part(&mut s).map_err(f)? {
                markup::TagPart::Attribute { name: (p, l), value } => spans.extend([span(p), span(l), span(value)]),
                markup::TagPart::End { empty } => {
                    spans.push((usize::from(empty), 0));
                    return Ok((spans, s.pos()));
                }
            }
        }
    }

    fn lex_tag(text: &str) -> Outcome {
        lex_tag_faults(text).map_err(Fault::what)
    }

    fn lex_tag_faults(text: &str) -> Result<(Vec<(usize, usize)>, usize), Fault> {
        let mut spans = Vec::new();
        let name = qname(text, 1)?;
        spans.extend(qspans(&name));
        let mut i = name.end;
        loop {
            match tag_part(text, i)? {
                Part::Attribute { name, value, next } => {
                    spans.extend(qspans(&name));
                    spans.push(value);
                    i = next;
                }
                Part::End { after, empty } => {
                    spans.push((usize::from(empty), 0));
                    return Ok((spans, after));
                }
            }
        }
    }

    fn stream_other(text: &str) -> Outcome {
        let mut s = Stream::from_substr(text, 0..text.len());
        let f = |e: StreamError| fault(text, &e);
        let spans = if text.starts_with("</") {
            let (p, l) = markup::end_tag(&mut s).map_err(f)?;
            std::vec![span(p), span(l)]
        } else if text.starts_with("<!--") {
            markup::comment(&mut s).map_err(f)?;
            Vec::new()
        } else if text.starts_with("<![CDATA[") {
            markup::cdata(&mut s).map_err(f)?;
            Vec::new()
        } else if text.starts_with("<?xml") && !text.starts_with("<?xml?") {
            let d = markup::declaration(&mut s).map_err(f)?;
            std::vec![span(d.version), d.encoding.map_or((0, 0), span)]
        } else {
            std::vec![span(markup::pi(&mut s).map_err(f)?)]
        };
        Ok((spans, s.pos()))
    }

    fn lex_other(text: &str) -> Outcome {
        lex_other_faults(text).map_err(Fault::what)
    }

    fn lex_other_faults(text: &str) -> Result<(Vec<(usize, usize)>, usize), Fault> {
        if text.starts_with("</") {
            let (name, after) = end_tag(text, 0)?;
            Ok((qspans(&name).to_vec(), after))
        } else if text.starts_with("<!--") {
            Ok((Vec::new(), comment(text, 0)?))
        } else if text.starts_with("<![CDATA[") {
            Ok((Vec::new(), cdata(text, 0)?))
        } else if text.starts_with("<?xml") && !text.starts_with("<?xml?") {
            let d = declaration(text, 0)?;
            Ok((std::vec![d.version, d.encoding.unwrap_or((0, 0))], d.end))
        } else {
            let (target, after) = pi(text, 0)?;
            Ok((std::vec![(2, target)], after))
        }
    }

    /// Markup beyond [`markup::tests`]' samples: names of every kind of character, faults at
    /// every place, declarations.
    const MORE: &[&str] = &[
        "<a\u{b7}b\u{300}c\u{203f}>",
        "<\u{b7}a>",
        "<a:\u{300}b>",
        "<\u{300}:a>",
        "<a:b\u{80}>",
        "<\u{2070}\u{218f}\u{2c00}:\u{10000}\u{effff}/>",
        "<\u{f0000}>",
        "<a\u{37e}>",
        "<a \u{e9}:b='1'>",
        "<a b='1'\t\r\nc=\"2\"\n/>",
        "<a b = \"1\">",
        "<a b=\"1\"/ >",
        "<a b=\"1\"/",
        "<a b=\"1\"",
        "<a b=\"1",
        "<a b=",
        "<a b",
        "<a ",
        "<a b=\"\u{fffe}\">",
        "<a b=\"x\u{ffff}\">",
        "<a::b>",
        "<:>",
        "<a:b:>",
        "</a >",
        "</a:b\t>",
        "</a/>",
        "</:a>",
        "</a",
        "<!---->",
        "<!-- - - -->",
        "<!-- a --->",
        "<!-- \u{fffe} -->",
        "<!--",
        "<![CDATA[]]]>",
        "<![CDATA[\u{ffff}",
        "<?a\u{b7}?>",
        "<?a:b c?>",
        "<?\u{e9}?>",
        "<?a\u{1}?>",
        "<?a ?",
        "<?xml-x?>",
        "<?xml version=\"1.0\"?>",
        "<?xml\tversion='1.0' encoding='utf-8' standalone='yes'?>",
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"no\" ?>",
        "<?xml version = '1.10' ?>",
        "<?xml version=\"1.0\" standalone=\"y\u{e9}s\"?>",
        "<?xml version=\"1.0\" standalone=\"\u{b7}\"?>",
        "<?xml version=\"1.0\" standalone=yes?>",
        "<?xml version=\"1.0\"  encoding = 'a.b-c_d' ?>",
        "<?xml version=\"1.0\" encoding=\"utf-8\"",
        "<?xml version=\"1.0\" ?x>",
        "<?xml version=\"1.0\"?x",
        "<?xml version=\"a\"?>",
        "<?xml version=1.0?>",
        "<?xml version",
        "<?xml versio",
        "<?xml ",
        "<?xml\n\nversion=\"1.0\"?>",
    ];

    #[test]
    fn markup_is_read_as_the_stream_reads_it() {
        let mut compared = 0;
        let samples = markup::tests::TAGS.iter().chain(markup::tests::OTHERS).chain(MORE);
        for sample in samples {
            // From the end of the opening on (the name's first byte for a start tag): the
            // reader tells the kind from it.
            let openings = ["<!--", "<![CDATA[", "<?", "</"];
            let opening = openings.iter().find(|o| sample.starts_with(*o)).map_or(2, |o| o.len());
            for (cut, _) in sample.char_indices().filter(|&(i, _)| i >= opening).chain([(sample.len(), ' ')]) {
                let head = sample.get(..cut).unwrap_or("");
                for text in [String::from(head), format!("{head}<b>"), format!("{head}>"), format!("{head}?>-->")] {
                    let tag = !text.starts_with("</") && !text.starts_with("<!") && !text.starts_with("<?");
                    let (lexed, streamed) = match tag {
                        true => (lex_tag(&text), stream_tag(&text)),
                        false => (lex_other(&text), stream_other(&text)),
                    };
                    assert_eq!(lexed, streamed, "{text:?}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 2500, "{compared}");
    }

    #[test]
    fn names_are_read_as_the_stream_reads_them() {
        // Every character up to U+3100 and around every boundary of the name tables, first
        // and later in a name, after a colon.
        let chars = (0..0x3100u32).chain(0xD7F0..0xD800).chain(0xE000..0x11000).chain(0xEFFF0..0xF0010);
        let mut compared = 0;
        for c in chars.filter_map(char::from_u32) {
            for text in
                [format!("<{c}a>"), format!("<a{c}>"), format!("<a:{c}>"), format!("<?{c}a?>"), format!("<?a{c}?>")]
            {
                let outcome = match text.starts_with("<?") {
                    true => (lex_other(&text), stream_other(&text)),
                    false => (lex_tag(&text), stream_tag(&text)),
                };
                assert_eq!(outcome.0, outcome.1, "{text:?}");
                compared += 1;
            }
        }
        assert!(compared > 100_000, "{compared}");
    }

    #[test]
    fn short_markup_of_a_small_alphabet_is_read_as_the_stream_reads_it() {
        // Every string of up to five of these after each opening.
        const ALPHABET: &[&str] = &["a", ":", " ", "=", "\"", "'", "<", ">", "/", "-", "?", "]", "\u{1}", "\u{e9}"];
        const OPENINGS: &[&str] = &["<", "</", "<!--", "<![CDATA[", "<?", "<?xml "];
        let mut compared = 0;
        let mut texts: Vec<String> = std::vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> =
                texts.iter().flat_map(|t| ALPHABET.iter().map(move |a| format!("{t}{a}"))).collect();
            for opening in OPENINGS {
                for t in &longer {
                    let text = format!("{opening}{t}");
                    let outcome = match *opening {
                        "<" if !text.starts_with("</") && !text.starts_with("<?") => {
                            (lex_tag(&text), stream_tag(&text))
                        }
                        "<" => continue,
                        _ => (lex_other(&text), stream_other(&text)),
                    };
                    assert_eq!(outcome.0, outcome.1, "{text:?}");
                    compared += 1;
                }
            }
            texts = longer;
        }
        assert!(compared > 1_000_000, "{compared}");
    }
}
