//! The XML layer: well-formedness and namespaces on top of `xmlparser`.
//!
//! `xmlparser` tokenizes one piece of markup at a time (a start tag with its attributes, an
//! end tag, a comment, a CDATA section, a processing instruction, the XML declaration); this
//! reader owns everything else: the element stack and end-tag matching, exactly one root, end
//! of input inside the root, DOCTYPE refusal, every `&`, raw characters and `]]>` in character
//! data, duplicate attributes and namespace binding.
//!
//! Between two events the reader's state ([`ReaderState`]) is a position, a phase and the
//! bounded [`Names`] storage: no borrow of the input. What it reads is a [`Source`]: an input
//! and the reader's [`Mode`] (a whole body, a window of one, an element read again). A
//! [`Cursor`] reads a source through a state that it owns ([`XmlReader`]; with the feature
//! `small`, borrows from it) or borrows (a windowed parser keeps its state and reads each
//! window through it).

#[cfg(not(feature = "small"))]
use core::ops::Deref;
use core::ops::DerefMut;

#[cfg(not(feature = "small"))]
use xmlparser::StreamError;

use crate::compact::{Compact, NsParts, Pending};
use crate::error::{Error, ErrorKind};
#[cfg(feature = "small")]
use crate::lex::{self, Fault, What};
#[cfg(not(feature = "small"))]
use crate::markup;
use crate::names::{self, Binding, Lineage, Name, Names, Namespace, NsKind, Sources, Src};
use crate::ns::{self, Resolved, Role};
use crate::offset::{self, Offset, plus};
use crate::scan;
use crate::text::{self, RefError, Text};

/// Pieces mode: a character reference that a window cuts with at least this many of its
/// bytes in it is read in pieces (see [`Inside::Reference`]); a shorter one waits to be whole
/// in the window. No reference without leading zeros is this long without its `;`
/// (`&#x10FFFF;` and `&#1114111;`, the longest, are 10 bytes with it): those always wait.
const LONG_REFERENCE: usize = 10;

/// How many attributes one element may carry (the duplicate check holds them on the stack:
/// 64 bytes each, 2 KiB in all, only while a start tag is read).
pub const MAX_ATTRIBUTES: usize = 32;

/// An XML-level event, names resolved.
#[derive(Clone, Copy, Debug)]
pub enum XmlEvent<'a> {
    /// A start tag (an empty-element tag gives `Start` with `empty` set, then `End`).
    Start(StartTag<'a>),
    /// An end tag.
    End(EndTag<'a>),
    /// A maximal run of character data, references, CDATA sections, comments and processing
    /// instructions between two tags.
    Text(Text<'a>),
}

/// A start tag.
#[derive(Clone, Copy, Debug)]
pub struct StartTag<'a> {
    input: &'a str,
    base: Offset,
    name: Name<'a>,
    start: Offset,
    end: Offset,
    empty: bool,
}

impl<'a> StartTag<'a> {
    /// The element's resolved name.
    pub fn name(&self) -> Name<'a> {
        self.name
    }
    /// Byte offset of the `<` in the body.
    pub fn offset(&self) -> usize {
        plus!(self.base.get(), self.start.get())
    }
    /// Byte offset just after the `>`.
    pub fn end(&self) -> usize {
        plus!(self.base.get(), self.end.get())
    }
    /// Whether this is an empty-element tag (`<a/>`). Its [`XmlEvent::End`] still follows,
    /// at once (with an empty span at the tag's end), as for `<a></a>`: a consumer that
    /// counts depth by starts and ends needs no special case.
    pub fn is_empty(&self) -> bool {
        self.empty
    }
    /// The raw tag, `<` to `>`.
    pub fn raw(&self) -> &'a str {
        self.input.get(self.start.get()..self.end.get()).unwrap_or("")
    }
    /// The attributes as written (namespace declarations included, prefixes unresolved).
    pub fn attributes(&self) -> RawAttributes<'a> {
        RawAttributes::new(self.input, self.base.get(), self.start.get(), self.end.get())
    }
}

/// An end tag (for an empty-element tag, an empty span at the end of the tag).
#[derive(Clone, Copy, Debug)]
pub struct EndTag<'a> {
    name: Name<'a>,
    base: Offset,
    start: Offset,
    end: Offset,
}

impl<'a> EndTag<'a> {
    /// The element's resolved name.
    pub fn name(&self) -> Name<'a> {
        self.name
    }
    /// Byte offset of the `</` (equal to [`EndTag::end`] for an empty-element tag).
    pub fn offset(&self) -> usize {
        plus!(self.base.get(), self.start.get())
    }
    /// Byte offset just after the `>`.
    pub fn end(&self) -> usize {
        plus!(self.base.get(), self.end.get())
    }
}

/// An attribute as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawAttribute<'a> {
    /// Prefix as written (`""` for none).
    pub prefix: &'a str,
    /// Local name.
    pub local: &'a str,
    /// The value (raw, lazily unescaped with attribute-value normalisation).
    pub value: Text<'a>,
    /// Byte offset of the attribute's name.
    pub offset: usize,
}

impl<'a> RawAttribute<'a> {
    /// Whether this is a namespace declaration (`xmlns` or `xmlns:p`).
    pub fn is_namespace_declaration(&self) -> bool {
        self.declared_prefix().is_some()
    }

    /// The prefix this attribute declares: `Some("")` for `xmlns`, `Some("p")` for `xmlns:p`,
    /// `None` when it is not a namespace declaration.
    pub(crate) fn declared_prefix(&self) -> Option<&'a str> {
        declared_prefix(self.prefix, self.local)
    }
}

/// The prefix that the attribute named `prefix:local` declares, if it is a namespace
/// declaration (see [`RawAttribute::declared_prefix`]).
fn declared_prefix<'s>(prefix: &str, local: &'s str) -> Option<&'s str> {
    match (prefix, local) {
        ("xmlns", p) => Some(p),
        ("", "xmlns") => Some(""),
        _ => None,
    }
}

/// Iterator over the attributes of a start tag that the reader has already checked.
///
/// The byte scanners read them while they are in their simple form; at the first that is
/// not (a reference in a value, a non-ASCII name...), `xmlparser` reads the rest.
#[derive(Clone)]
pub struct RawAttributes<'a> {
    input: &'a str,
    base: usize,
    start: usize,
    end: usize,
    /// Scanning: the position after the last attribute read. (With `small`, where [`lex`]
    /// reads them all: the position after the last one given, `None` before the first.)
    scan: Option<usize>,
    /// How many attributes were given.
    #[cfg(not(feature = "small"))]
    given: usize,
    /// Past the scanners' form: `xmlparser`'s stream, after the attributes already given.
    #[cfg(not(feature = "small"))]
    stream: Option<xmlparser::Stream<'a>>,
    done: bool,
}

impl core::fmt::Debug for RawAttributes<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("RawAttributes { .. }")
    }
}

impl<'a> RawAttributes<'a> {
    /// The attributes of the start tag at `start..end` of `input`, whose first byte is at
    /// `base` in the body.
    pub(crate) fn new(input: &'a str, base: usize, start: usize, end: usize) -> Self {
        let b = input.as_bytes().get(..end.min(input.len())).unwrap_or(&[]);
        let scan = if scan::FAST { scan::qname(b, plus!(start, 1)).map(|q| q.end) } else { None };
        #[cfg(not(feature = "small"))]
        return RawAttributes { input, base, start, end, scan, given: 0, stream: None, done: false };
        #[cfg(feature = "small")]
        return RawAttributes { input, base, start, end, scan, done: false };
    }

    /// The stream, past the tag's name and the attributes already given (`None` if the tag is
    /// malformed before them).
    #[cfg(not(feature = "small"))]
    fn stream(&self) -> Option<xmlparser::Stream<'a>> {
        let mut s = xmlparser::Stream::from_substr(self.input, self.start..self.end);
        let _name = markup::element_start(&mut s).ok()?;
        for _ in 0..self.given {
            markup::tag_part(&mut s).ok()?;
        }
        Some(s)
    }
}

impl<'a> Iterator for RawAttributes<'a> {
    type Item = RawAttribute<'a>;
    #[cfg(not(feature = "small"))]
    fn next(&mut self) -> Option<RawAttribute<'a>> {
        if self.done {
            return None;
        }
        if let Some(i) = self.scan {
            let b = self.input.as_bytes().get(..self.end.min(self.input.len())).unwrap_or(&[]);
            match scan_tag_item(b, i) {
                Some(TagItem::Attribute(a, next)) => {
                    self.scan = Some(next);
                    self.given = plus!(self.given, 1);
                    let a = a.get(self.input, self.base);
                    return Some(RawAttribute { offset: plus!(self.base, a.offset), ..a });
                }
                Some(TagItem::End { .. }) => {
                    self.done = true;
                    return None;
                }
                None => self.scan = None,
            }
        }
        if self.stream.is_none() {
            self.stream = self.stream();
        }
        match self.stream.as_mut().map(markup::tag_part) {
            Some(Ok(markup::TagPart::Attribute { name: (prefix, local), value })) => {
                self.given = plus!(self.given, 1);
                Some(RawAttribute {
                    prefix: prefix.as_str(),
                    local: local.as_str(),
                    value: Text::attribute(value.as_str(), plus!(self.base, value.start())),
                    offset: plus!(self.base, if prefix.is_empty() { local.start() } else { prefix.start() }),
                })
            }
            _ => {
                self.done = true;
                None
            }
        }
    }

    /// The same with `small`: each attribute read by the lexer (`src/lex.rs`).
    #[cfg(feature = "small")]
    fn next(&mut self) -> Option<RawAttribute<'a>> {
        if self.done {
            return None;
        }
        let s = self.input.get(..self.end).unwrap_or("");
        let at = self.scan.or_else(|| lex::qname(s, plus!(self.start, 1)).ok().map(|q| q.end));
        match at.map(|i| lex::tag_part(s, i)) {
            Some(Ok(lex::Part::Attribute { name, value, next })) => {
                self.scan = Some(next);
                let a = lexed_attribute(s, self.base, &name, value);
                Some(RawAttribute { offset: plus!(self.base, a.offset), ..a })
            }
            _ => {
                self.done = true;
                None
            }
        }
    }
}

/// The attribute that [`lex`] read in `s` (the reader's input, at `base` in the body): its
/// name `name` and its value at `from..to`; its offset in `s`.
#[cfg(feature = "small")]
fn lexed_attribute<'a>(s: &'a str, base: usize, name: &scan::QName, (from, to): (usize, usize)) -> RawAttribute<'a> {
    let (prefix, local, offset) = lexed_name(s, name);
    let value = Text::attribute(scan::sub_or_empty(s, from, to), plus!(base, from));
    RawAttribute { prefix, local, value, offset }
}

/// The prefix (`""` for none) and local part of an attribute name that [`lex`] read in `s`,
/// and where it starts (after the colon of an empty prefix, `:a`).
#[cfg(feature = "small")]
fn lexed_name<'a>(s: &'a str, name: &scan::QName) -> (&'a str, &'a str, usize) {
    let span = |(a, b): (usize, usize)| scan::sub_or_empty(s, a, b);
    let (prefix, local) = (name.prefix(), name.local());
    (span(prefix), span(local), if prefix.0 == prefix.1 { local.0 } else { prefix.0 })
}

/// With `small`: where each attribute of the start tag being read is, as the index that
/// [`lex::tag_part`] reads it from (the end of what is before it).
#[cfg(feature = "small")]
type AttrStarts = heapless::Vec<u32, MAX_ATTRIBUTES>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Nothing read yet: BOM and XML declaration.
    Start,
    /// Before the root element.
    Prolog,
    /// Inside the root element.
    Content,
    /// After the root element.
    Epilog,
    /// The end (a fragment reader: after its element).
    Done,
    /// Stopped by an error.
    Failed(Error),
    /// With `small`: inside markup that a window cut, read in pieces (see [`Inside`]), as it
    /// is: no mapping to and from the flattened phases below (500 bytes of code).
    #[cfg(feature = "small")]
    Inside(Inside),
    /// Inside a CDATA section that a window cut, read in pieces (a windowed parser's pieces
    /// mode): the position is inside its content. (This and the next are [`Inside`]
    /// flattened: each payload a `u32` or a byte beside the niche of `Failed`'s error, the
    /// phase stays 8 bytes.)
    #[cfg(not(feature = "small"))]
    InsideCdata,
    /// Inside a comment that a window cut (pieces mode), which starts at this offset; the
    /// root's content goes on after it.
    #[cfg(not(feature = "small"))]
    InsideComment(u32),
    /// The same, before the root.
    #[cfg(not(feature = "small"))]
    InsidePrologComment(u32),
    /// The same, after the root.
    #[cfg(not(feature = "small"))]
    InsideEpilogComment(u32),
    /// The same, its content holding a `--` that does not end it (wherever it is: it ends
    /// in an error).
    #[cfg(not(feature = "small"))]
    InsideBadComment(u32),
    /// Inside a processing instruction's content (pieces mode), its target read and found
    /// good; what goes on after it.
    #[cfg(not(feature = "small"))]
    InsidePi(Resume),
    /// Inside a PI whose target is `xml` in some case or runs into its content (which starts
    /// at this offset): its content is checked up to its `?>`, then it is an error.
    #[cfg(not(feature = "small"))]
    InsideBadPi(u32),
    /// Inside a PI with no target (`<?` then no name), which starts at this offset: an error
    /// once a `?>` is found anywhere after it.
    #[cfg(not(feature = "small"))]
    InsideNamelessPi(u32),
    /// Inside the digits of a decimal character reference (pieces mode) that starts at this
    /// offset, still in its leading zeros (or before its first significant digit).
    #[cfg(not(feature = "small"))]
    InsideReference(u32),
    /// The same, hexadecimal.
    #[cfg(not(feature = "small"))]
    InsideHexReference(u32),
    /// Inside the digits of a decimal character reference that starts at this offset and
    /// holds more significant digits than any character needs: an error once they end.
    #[cfg(not(feature = "small"))]
    InsideOverflowReference(u32),
    /// The same, hexadecimal.
    #[cfg(not(feature = "small"))]
    InsideOverflowHexReference(u32),
}

impl Phase {
    #[cfg(feature = "small")]
    fn inside(inside: Inside) -> Self {
        Phase::Inside(inside)
    }

    /// The markup a reader in pieces mode is inside, if any.
    #[cfg(feature = "small")]
    fn inside_of(self) -> Option<Inside> {
        match self {
            Phase::Inside(inside) => Some(inside),
            _ => None,
        }
    }

    #[cfg(not(feature = "small"))]
    fn inside(inside: Inside) -> Self {
        match inside {
            Inside::Cdata => Phase::InsideCdata,
            Inside::Comment { start, bad: true, .. } => Phase::InsideBadComment(start),
            Inside::Comment { start, resume: Resume::Content, .. } => Phase::InsideComment(start),
            Inside::Comment { start, resume: Resume::Prolog, .. } => Phase::InsidePrologComment(start),
            Inside::Comment { start, resume: Resume::Epilog, .. } => Phase::InsideEpilogComment(start),
            Inside::Pi { resume } => Phase::InsidePi(resume),
            Inside::BadPi { start, named: true } => Phase::InsideBadPi(start),
            Inside::BadPi { start, named: false } => Phase::InsideNamelessPi(start),
            Inside::Reference { start, hex: false, overflow: false } => Phase::InsideReference(start),
            Inside::Reference { start, hex: true, overflow: false } => Phase::InsideHexReference(start),
            Inside::Reference { start, hex: false, overflow: true } => Phase::InsideOverflowReference(start),
            Inside::Reference { start, hex: true, overflow: true } => Phase::InsideOverflowHexReference(start),
        }
    }

    /// The markup a reader in pieces mode is inside, if any (see [`Phase::inside`]).
    #[cfg(not(feature = "small"))]
    fn inside_of(self) -> Option<Inside> {
        let comment = |start, bad, resume| Inside::Comment { start, bad, resume };
        let reference = |start, hex, overflow| Inside::Reference { start, hex, overflow };
        Some(match self {
            Phase::InsideCdata => Inside::Cdata,
            Phase::InsideComment(start) => comment(start, false, Resume::Content),
            Phase::InsidePrologComment(start) => comment(start, false, Resume::Prolog),
            Phase::InsideEpilogComment(start) => comment(start, false, Resume::Epilog),
            // A bad comment ends in an error: it resumes nothing.
            Phase::InsideBadComment(start) => comment(start, true, Resume::Content),
            Phase::InsidePi(resume) => Inside::Pi { resume },
            Phase::InsideBadPi(start) => Inside::BadPi { start, named: true },
            Phase::InsideNamelessPi(start) => Inside::BadPi { start, named: false },
            Phase::InsideReference(start) => reference(start, false, false),
            Phase::InsideHexReference(start) => reference(start, true, false),
            Phase::InsideOverflowReference(start) => reference(start, false, true),
            Phase::InsideOverflowHexReference(start) => reference(start, true, true),
            Phase::Start | Phase::Prolog | Phase::Content | Phase::Epilog | Phase::Done | Phase::Failed(_) => {
                return None;
            }
        })
    }
}

/// Where a comment or PI read in pieces stands, so where reading goes on after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Resume {
    /// Before the root ([`Phase::Prolog`]).
    Prolog,
    /// Inside the root ([`Phase::Content`]).
    Content,
    /// After the root ([`Phase::Epilog`]).
    Epilog,
}

impl Resume {
    fn phase(self) -> Phase {
        match self {
            Resume::Prolog => Phase::Prolog,
            Resume::Content => Phase::Content,
            Resume::Epilog => Phase::Epilog,
        }
    }
}

/// The markup a reader in pieces mode is inside (see [`Phase::InsideCdata`]): what a window
/// cut and the next window reads on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Inside {
    /// A CDATA section: its content is given in pieces.
    Cdata,
    /// A comment (read, not given) that starts at `start` (offset in the body); `bad`: its
    /// content holds a `--` that does not end it (an error at `start` once its end is found,
    /// as the whole-body reader reports it); `resume`: where it stands.
    Comment { start: u32, bad: bool, resume: Resume },
    /// A processing instruction's content (read, not given), its target good.
    Pi { resume: Resume },
    /// A PI that is an error at `start` (its `<`) once its `?>` is found: its target is
    /// `xml` in some case or runs into its content (`named`: its content is checked up to its
    /// `?>`, as the tokenizer does), or it has none (not `named`: a `?>` anywhere after its
    /// `<?` ends it, nothing is checked).
    BadPi { start: u32, named: bool },
    /// The digits of a character reference that starts at `start` (its `&`), the position
    /// in its leading zeros or at its first significant digit; `overflow`: it has more
    /// significant digits than any character needs (an error once they end).
    Reference { start: u32, hex: bool, overflow: bool },
}

/// What the byte scanners find at a point of a start tag after its name.
#[cfg(not(feature = "small"))]
enum TagItem {
    /// The end of the tag: the index after its `>` or `/>`, and whether it was `/>`.
    End { after: usize, empty: bool },
    /// An attribute (after the white space before it), and the index after its value.
    Attribute(AttrSpan, usize),
}

/// The next item of the start tag at `i` of `b` (the input's bytes, up to where the tag may
/// end), in the scanners' simple form: white space then `>` or `/>`, or white space then
/// `name = "plain value"`. `None` for anything else (the tokenizer reads it).
#[cfg(not(feature = "small"))]
#[cfg_attr(not(feature = "small"), inline(always))]
fn scan_tag_item(b: &[u8], i: usize) -> Option<TagItem> {
    let at = scan::skip_spaces(b, i);
    if let Some((after, empty)) = tag_close(b, at) {
        return Some(TagItem::End { after, empty });
    }
    // Attributes are separated by white space (and a `/` not before `>` is no name).
    if at == i {
        return None;
    }
    let q = scan::qname(b, at)?;
    let eq = scan::skip_spaces(b, q.end);
    if b.get(eq) != Some(&b'=') {
        return None;
    }
    let (v_start, v_end, next, plain) = scan::plain_value(b, scan::skip_spaces(b, plus!(eq, 1)))?;
    let (prefix, local) = (q.prefix(), q.local());
    let declares = match prefix.1.saturating_sub(prefix.0) {
        0 => b.get(local.0..local.1) == Some(b"xmlns"),
        _ => b.get(prefix.0..prefix.1) == Some(b"xmlns"),
    };
    let a = AttrSpan::new(q.start, q.end.saturating_sub(q.start), v_end.saturating_sub(v_start), plain, declares);
    Some(TagItem::Attribute(a, next))
}

/// Where a start or end tag's parts are, in `input`: its prefix and local name as `(at, len)`,
/// the index after its `>`, whether it is empty (`/>`). Offsets as `u32` (24 bytes, not 48: the
/// parse loop holds one for each place it reads a start tag).
#[derive(Clone, Copy, Debug)]
struct TagSpans {
    prefix: (u32, u32),
    local: (u32, u32),
    tag_end: u32,
    empty: bool,
}

impl TagSpans {
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn new(prefix: (usize, usize), local: (usize, usize), tag_end: usize, empty: bool) -> Self {
        // Offsets into an input of less than 4 GiB (checked when a parser is made).
        let u = offset::narrow_in_body;
        TagSpans { prefix: (u(prefix.0), u(prefix.1)), local: (u(local.0), u(local.1)), tag_end: u(tag_end), empty }
    }

    /// The tag whose name `xmlparser`'s stream read ([`markup`]), ending before `tag_end`.
    #[cfg(not(feature = "small"))]
    fn read(name: markup::QName<'_>, tag_end: usize, empty: bool) -> Self {
        let span = |s: xmlparser::StrSpan<'_>| (s.start(), s.as_str().len());
        Self::new(span(name.0), span(name.1), tag_end, empty)
    }

    /// The tag whose name [`lex`] read, ending before `tag_end`: as the stream reads it, no
    /// prefix (or an empty one, `<:a>`) is one of length 0 (at 0, or at the name's start).
    #[cfg(feature = "small")]
    fn read(name: &scan::QName, tag_end: usize, empty: bool) -> Self {
        let (start, end) = (name.start, name.end);
        let (prefix, local) = match name.colon {
            Some(c) => ((start, c.saturating_sub(start)), plus!(c, 1)),
            None => ((0, 0), start),
        };
        Self::new(prefix, (local, end.saturating_sub(local)), tag_end, empty)
    }

    /// The tag whose name the byte scanners read, ending before `tag_end`.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn of(name: &scan::QName, tag_end: usize, empty: bool) -> Self {
        let (p, l) = (name.prefix(), name.local());
        Self::new((p.0, p.1.saturating_sub(p.0)), (l.0, l.1.saturating_sub(l.0)), tag_end, empty)
    }

    /// The prefix as `(at, len)` (`len` 0: none).
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn prefix(&self) -> (usize, usize) {
        (offset::widen(self.prefix.0), offset::widen(self.prefix.1))
    }

    /// The local name as `(at, len)`.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn local(&self) -> (usize, usize) {
        (offset::widen(self.local.0), offset::widen(self.local.1))
    }

    /// The index after the tag's `>`.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn end(&self) -> usize {
        offset::widen(self.tag_end)
    }
}

/// The start tag whose name the byte scanners read (`name`, in `b`) when it has no attribute:
/// white space, then `>` or `/>`.
#[cfg_attr(not(feature = "small"), inline(always))]
fn bare_start_tag(b: &[u8], name: &scan::QName) -> Option<TagSpans> {
    let (tag_end, empty) = tag_close(b, scan::skip_spaces(b, name.end))?;
    Some(TagSpans::of(name, tag_end, empty))
}

/// `>` or `/>` at `b[at]`: the index after it, and whether it was `/>`.
#[cfg_attr(not(feature = "small"), inline(always))]
fn tag_close(b: &[u8], at: usize) -> Option<(usize, bool)> {
    match b.get(at)? {
        b'>' => Some((plus!(at, 1), false)),
        b'/' if b.get(plus!(at, 1)) == Some(&b'>') => Some((plus!(at, 2), true)),
        _ => None,
    }
}

/// An attribute of the start tag being read, kept as positions in the reader's input until
/// the tag is checked: 8 bytes where a [`RawAttribute`] is 64, so the up to [`MAX_ATTRIBUTES`]
/// of one tag take 256 bytes of stack, not 2 KiB. Where its name starts, and the lengths of
/// its name and value when they fit in a byte and in 15 bits; a longer one is read again from
/// the tag, well formed by then ([`name_at`], [`value_at`]).
#[cfg(not(feature = "small"))]
#[derive(Clone, Copy, Debug)]
struct AttrSpan {
    /// Where its name starts in the input (its offset, as a [`RawAttribute`]'s: after the
    /// colon of a name with an empty prefix, `:a`).
    at: u32,
    /// The name's length (0: longer than 255 bytes), whether it declares a namespace (the
    /// high bit of `flags`) and whether its value is plain (the next one).
    name_len: u8,
    flags: u8,
    /// The value's length (`u16::MAX`: 65,535 bytes or more).
    value_len: u16,
}

#[cfg(not(feature = "small"))]
impl AttrSpan {
    const DECLARES: u8 = 0x80;
    const PLAIN: u8 = 0x40;

    /// The attribute whose name starts at `at` (in the input), with its name's and value's
    /// lengths.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn new(at: usize, name_len: usize, value_len: usize, plain: bool, declares: bool) -> Self {
        let flags = if declares { Self::DECLARES } else { 0 } | if plain { Self::PLAIN } else { 0 };
        AttrSpan {
            at: offset::narrow_in_body(at),
            name_len: u8::try_from(name_len).unwrap_or(0),
            flags,
            value_len: u16::try_from(value_len).unwrap_or(u16::MAX),
        }
    }

    /// `a`, read by the tokenizer (`a.offset` in the input).
    fn of(a: &RawAttribute<'_>) -> Self {
        let (plain, declares) = (a.value.as_plain().is_some(), a.is_namespace_declaration());
        Self::new(a.offset, qname_len(a.prefix, a.local), a.value.raw().len(), plain, declares)
    }

    /// Whether it is a namespace declaration.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn declares(&self) -> bool {
        self.flags & Self::DECLARES != 0
    }

    /// Its prefix and local name, from `input`.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn name<'a>(&self, input: &'a str) -> (&'a str, &'a str) {
        name_at(input, offset::widen(self.at), usize::from(self.name_len))
    }

    /// The value, from `input` (at `base` in the body).
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn value<'a>(&self, input: &'a str, base: usize) -> Text<'a> {
        let name_len = match self.name_len {
            0 => {
                let (prefix, local) = self.name(input);
                qname_len(prefix, local)
            }
            n => usize::from(n),
        };
        let (raw, at) = value_at(input, plus!(offset::widen(self.at), name_len), self.value_len);
        Text::attribute_known(raw, plus!(base, at), self.flags & Self::PLAIN != 0)
    }

    /// A namespace declaration's prefix (`""` for `xmlns`), value and offset (in `input`, at
    /// `base` in the body).
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn declaration<'a>(&self, input: &'a str, base: usize) -> (&'a str, Text<'a>, usize) {
        let prefix = match self.name(input) {
            ("", _) => "",
            (_, declared) => declared,
        };
        (prefix, self.value(input, base), offset::widen(self.at))
    }

    /// The attribute again, from `input` (at `base` in the body; its offset in `input`).
    #[cfg(not(feature = "small"))]
    #[inline(always)]
    fn get<'a>(&self, input: &'a str, base: usize) -> RawAttribute<'a> {
        let (prefix, local) = self.name(input);
        RawAttribute { prefix, local, value: self.value(input, base), offset: offset::widen(self.at) }
    }
}

/// The length of the qualified name `prefix:local` (`local` alone without a prefix).
#[cfg(not(feature = "small"))]
fn qname_len(prefix: &str, local: &str) -> usize {
    match prefix.len() {
        0 => local.len(),
        p => plus!(plus!(p, 1), local.len()),
    }
}

/// The attribute name that starts at `at` of `input`, `len` bytes long (0: up to the white
/// space or `=` after it, which a name never holds), as `(prefix, local)` split at its colon
/// (`""` for no prefix).
#[cfg(not(feature = "small"))]
#[cfg_attr(not(feature = "small"), inline(always))]
fn name_at(input: &str, at: usize, len: usize) -> (&str, &str) {
    let rest = input.get(at..).unwrap_or("");
    let end = match len {
        0 => rest.bytes().position(|c| c == b'=' || text::is_xml_space_byte(c)).unwrap_or(rest.len()),
        n => n,
    };
    let name = rest.get(..end).unwrap_or("");
    match scan::colon_in(name.as_bytes()).and_then(|i| Some((name.get(..i)?, name.get(plus!(i, 1)..)?))) {
        Some(split) => split,
        None => ("", name),
    }
}

/// The value of an attribute of a well-formed tag whose name ends at `name_end` of `input`,
/// `len` bytes long (`u16::MAX`: up to its closing quote): after white space, `=`, white space
/// and its quote. Returns it and where it starts.
#[cfg(not(feature = "small"))]
#[cfg_attr(not(feature = "small"), inline(always))]
fn value_at(input: &str, name_end: usize, len: u16) -> (&str, usize) {
    let b = input.as_bytes();
    let eq = scan::skip_spaces(b, name_end);
    let quote_at = scan::skip_spaces(b, plus!(eq, 1));
    let from = plus!(quote_at, 1);
    let len = match len {
        u16::MAX => {
            let quote = b.get(quote_at).copied().unwrap_or(b'"');
            b.get(from..).and_then(|r| crate::scan::memchr(quote, r)).unwrap_or(0)
        }
        n => usize::from(n),
    };
    (scan::sub_or_empty(input, from, plus!(from, len)), from)
}

/// An empty-element tag whose `End` is still owed.
#[derive(Clone, Copy, Debug)]
struct PendingEnd {
    name: RawName,
    at: u32,
}

/// What a windowed reader reads in pieces, when the window cuts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pieces {
    /// Nothing (the parser is not in pieces mode): what is cut waits for the next window.
    Off,
    /// Pieces mode, between units: a run of character data between the multistatus's own
    /// elements that holds markup (a comment, say) is read in pieces ([`Run`]).
    Runs,
    /// Pieces mode, inside a unit that the grammar hands out in pieces: text, CDATA sections
    /// and comments, each cut at a safe point ([`Cursor::safe_cut`]).
    Unit,
}

/// A run of character data between the multistatus's own elements, read in pieces (pieces
/// mode): where it started, and whether its value so far is other than white space. The
/// grammar refuses such a run at its start ([`ErrorKind::UnexpectedText`]) once it has
/// ended, after any error of the reader inside it, as for a run read whole.
#[derive(Clone, Copy, Debug)]
struct Run {
    start: u32,
    nonblank: bool,
}

/// How a reader reads its input: the three modes of the one reader. (`u8` tag first: a
/// mode is told by one byte, tested at every step.)
#[derive(Clone, Copy, Debug)]
#[repr(u8)]
pub(crate) enum Mode<'a> {
    /// A whole body: names are read in place, the end of the input is the end of the body.
    Body,
    /// One window of a body read by a [`crate::WindowParser`]: names and bindings are copied
    /// into the arena (the input moves on). `last`: the window reaches the end of the body;
    /// `partial_text`: the parser is measuring a unit too large for its buffer, so a text run
    /// cut by the end of the window is given in pieces (nobody keeps it).
    /// `pieces`: how a windowed parser in pieces mode reads what the window cuts (see
    /// [`Pieces`]).
    Window { last: bool, partial_text: bool, pieces: Pieces },
    /// One element of a body already checked (see [`XmlReader::fragment`]), read from its
    /// start tag to its end: `decls` is a windowed parser's copy of the declarations and
    /// `outer` its bindings that the element's [`Lineage`] started from.
    Fragment { decls: &'a str, outer: &'a [Binding] },
}

/// What a reader reads: the input (the body, a window of it or an element's slice) and its
/// mode. Borrowed for one call; the state that outlives it is a [`ReaderState`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Source<'a> {
    /// The body, or the window of it that starts at the state's `base`.
    input: &'a str,
    /// Where reading stops in `input`.
    end: usize,
    /// The input stops at `end` because of this error (invalid UTF-8 after it, or a body cut
    /// in a UTF-8 sequence): reported when the reader needs what follows.
    cut: Option<Error>,
    mode: Mode<'a>,
}

impl<'a> Source<'a> {
    /// A whole body (valid UTF-8 up to `cut`, if any).
    pub(crate) fn body(input: &'a str, cut: Option<Error>) -> Self {
        Source { input, end: input.len(), cut, mode: Mode::Body }
    }

    /// A window of a body: `last` when it reaches the body's end, `partial_text` when a unit
    /// too large for the buffer is measured (see [`Mode::Window`]).
    pub(crate) fn window(input: &'a str, last: bool, cut: Option<Error>, partial_text: bool) -> Self {
        let mode = Mode::Window { last: last || cut.is_some(), partial_text, pieces: Pieces::Off };
        Source { input, end: input.len(), cut, mode }
    }

    /// The same window, read in pieces or not (see [`Mode::Window`]).
    pub(crate) fn with_pieces(self, pieces: Pieces) -> Self {
        match self.mode {
            Mode::Window { last, partial_text, .. } => {
                Source { mode: Mode::Window { last, partial_text, pieces }, ..self }
            }
            _ => self,
        }
    }

    /// Whether text, CDATA and comments are read in pieces (inside a unit, see [`Pieces`]).
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn pieces(&self) -> bool {
        matches!(self.mode, Mode::Window { pieces: Pieces::Unit, .. })
    }

    /// Whether a run between units that holds markup is read in pieces (see [`Pieces`]).
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn runs(&self) -> bool {
        matches!(self.mode, Mode::Window { pieces: Pieces::Runs, .. })
    }

    /// Whether the parser is in pieces mode (between units or inside one): a comment or PI
    /// before or after the root is read in pieces too.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn in_pieces_mode(&self) -> bool {
        matches!(self.mode, Mode::Window { pieces: Pieces::Runs | Pieces::Unit, .. })
    }

    /// Whether the end of the input is the end of the body (a window may be followed by more).
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn is_final(&self) -> bool {
        !matches!(self.mode, Mode::Window { last: false, .. })
    }

    /// Whether names and bindings go to the arena (a windowed reader, whose input moves on).
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn in_arena(&self) -> bool {
        matches!(self.mode, Mode::Window { .. })
    }

    /// Whether a text run cut by the end of the window is given in pieces.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn partial_text(&self) -> bool {
        matches!(self.mode, Mode::Window { partial_text: true, .. })
    }

    /// Whether this reads one element of a body already checked.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn is_fragment(&self) -> bool {
        matches!(self.mode, Mode::Fragment { .. })
    }

    /// A windowed parser's copy of the declarations that a fragment reader starts from.
    fn decls(&self) -> &'a str {
        match self.mode {
            Mode::Fragment { decls, .. } => decls,
            _ => "",
        }
    }

    /// A fragment reader: the windowed parser's bindings it started from.
    fn outer(&self) -> &'a [Binding] {
        match self.mode {
            Mode::Fragment { outer, .. } => outer,
            _ => &[],
        }
    }
}

/// What a reader keeps between two events, whatever its mode: a position, a phase and the
/// bounded [`Names`] storage; no borrow of the input. A [`crate::WindowParser`] keeps one and
/// reads each window through it (see [`Cursor`]).
#[derive(Clone, Debug)]
pub(crate) struct ReaderState<const D: usize, const NS: usize, const B: usize> {
    /// Where the input starts in the body. Positions are into the input.
    base: usize,
    pos: usize,
    phase: Phase,
    names: Names<D, NS, B>,
    pending_end: Option<PendingEnd>,
    /// The innermost element is closed; its names are popped at the next step (its `End`
    /// event still resolves against them).
    pending_pop: bool,
    /// A comment, PI or XML declaration was read before the root (so the body is not empty).
    seen_markup: bool,
    /// Read an unbound `DAV` prefix as `DAV:` (the lighttpd quirk).
    dav_prefix_quirk: bool,
    /// Skip runs of white space that end at a tag (the grammar says it ignores them there).
    skip_blank: bool,
    /// A run read in pieces (pieces mode, between units), until it ends.
    run: Option<Run>,
}

/// The XML reader. `D`: maximum element depth; `NS`: namespace bindings in scope at once;
/// `B`: bytes for the names of open elements plus the prefixes and URIs in scope.
#[derive(Clone, Debug)]
pub struct XmlReader<'a, const D: usize, const NS: usize, const B: usize> {
    cur: Held<'a, D, NS, B>,
}

/// What an [`XmlReader`] keeps: a [`Cursor`] over its own state, read in place (compiled
/// apart from a windowed parser's, see [`Hold`]).
#[cfg(not(feature = "small"))]
type Held<'a, const D: usize, const NS: usize, const B: usize> = Cursor<'a, Owned<ReaderState<D, NS, B>>, D, NS, B>;

/// What an [`XmlReader`] keeps with the feature `small`: the source and the state, lent to a
/// [`Cursor`] at each step as a windowed parser lends its own (the reader compiled once,
/// see [`Hold`]).
#[cfg(feature = "small")]
#[derive(Clone, Debug)]
pub(crate) struct Held<'a, const D: usize, const NS: usize, const B: usize> {
    src: Source<'a>,
    st: ReaderState<D, NS, B>,
}

/// The [`Cursor`] an [`XmlReader`] reads with (see [`Held`]).
#[cfg(not(feature = "small"))]
pub(crate) type ReaderCursor<'r, 'a, const D: usize, const NS: usize, const B: usize> = &'r mut Held<'a, D, NS, B>;
/// The [`Cursor`] an [`XmlReader`] reads with (see [`Held`]).
#[cfg(feature = "small")]
pub(crate) type ReaderCursor<'r, 'a, const D: usize, const NS: usize, const B: usize> =
    Cursor<'a, &'r mut ReaderState<D, NS, B>, D, NS, B>;

/// A reader at work: a [`Source`] read through a [`ReaderState`] that it owns (`S` an
/// `Owned` state: an [`XmlReader`]; with the feature `small`, borrowed from it) or borrows
/// (`S` a `&mut` to a windowed parser's state, which keeps it between windows). Either way
/// the state's fields are one step away.
#[derive(Clone, Debug)]
pub(crate) struct Cursor<'a, S, const D: usize, const NS: usize, const B: usize> {
    src: Source<'a>,
    st: S,
}

/// What the grammar reads of a reader between two steps: the input and the state.
#[derive(Clone, Copy)]
pub(crate) struct View<'r, 'a, const D: usize, const NS: usize, const B: usize> {
    input: &'a str,
    st: &'r ReaderState<D, NS, B>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> View<'_, 'a, D, NS, B> {
    /// The input (the body, or the window of it that starts at [`View::base`]).
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn input(&self) -> &'a str {
        self.input
    }

    /// Where the input starts in the body.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn base(&self) -> usize {
        self.st.base
    }

    /// Current depth (open elements).
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn depth(&self) -> usize {
        self.st.depth()
    }

    /// What kind of namespace `r` is.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn ns_kind(&self, r: NsRef) -> NsKind {
        self.st.ns_kind(r)
    }
}

/// How a [`Cursor`] holds its state: owned ([`Owned`], an [`XmlReader`] over a whole body or
/// a fragment) or borrowed from a windowed parser (`&mut`). Known when the code is compiled:
/// what only a windowed reader does (pieces mode) is left out of the others' code, whose
/// hottest step it would slow (measured: +5 to +12% instructions per body when the
/// whole-body reader carried it). With the feature `small` an [`XmlReader`] lends its state
/// as a windowed parser does (`&mut`, see [`Held`]): the reader is compiled once, the windowed
/// paths tested at run time (they depend on the [`Source`]'s mode, never a window's there).
pub(crate) trait Hold<const D: usize, const NS: usize, const B: usize>:
    DerefMut<Target = ReaderState<D, NS, B>>
{
    /// Whether the reader reads a window (the only way to pieces mode).
    const WINDOWED: bool;
}

#[cfg(not(feature = "small"))]
impl<const D: usize, const NS: usize, const B: usize> Hold<D, NS, B> for Owned<ReaderState<D, NS, B>> {
    const WINDOWED: bool = false;
}

impl<const D: usize, const NS: usize, const B: usize> Hold<D, NS, B> for &mut ReaderState<D, NS, B> {
    const WINDOWED: bool = true;
}

/// A state a [`Cursor`] owns (what an [`XmlReader`] reads through).
#[derive(Clone, Debug)]
#[cfg(not(feature = "small"))]
pub(crate) struct Owned<T>(T);

#[cfg(not(feature = "small"))]
impl<T> Deref for Owned<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(not(feature = "small"))]
impl<T> DerefMut for Owned<T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

/// A resolved namespace, before it is read from the body or from the arena: `Bound` holds
/// the binding's index (below [`names::MAX_BINDING_INDEX`]).
pub(crate) type NsRef = Resolved<u32>;

impl NsRef {
    /// As kept with an open element (binding indices stay below the three top values).
    fn encode(self) -> u32 {
        match self {
            NsRef::None => u32::MAX,
            NsRef::Xml => u32::MAX - 1,
            NsRef::DavQuirk => u32::MAX - 2,
            NsRef::Bound(i) => i,
        }
    }

    fn decode(v: u32) -> Self {
        match v {
            u32::MAX => NsRef::None,
            0xFFFF_FFFE => NsRef::Xml,
            0xFFFF_FFFD => NsRef::DavQuirk,
            i => NsRef::Bound(i),
        }
    }
}

/// A name as the reader found it: where its prefix and local part are in the reader's input
/// (slices are taken only when a view of it is built) and its resolved namespace (encoded).
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawName {
    prefix_at: u32,
    prefix_len: u32,
    local_at: u32,
    local_len: u32,
    ns: u32,
}

impl RawName {
    /// From `(at, len)` spans in the reader's input (offsets past `u32` are never made: the
    /// body's length is checked).
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn new(prefix: (usize, usize), local: (usize, usize), ns: NsRef) -> Self {
        // Offsets into an input of less than 4 GiB (checked when a parser is made).
        let u = crate::offset::narrow_in_body;
        RawName {
            prefix_at: u(prefix.0),
            prefix_len: u(prefix.1),
            local_at: u(local.0),
            local_len: u(local.1),
            ns: ns.encode(),
        }
    }

    pub fn ns(&self) -> NsRef {
        NsRef::decode(self.ns)
    }

    pub fn prefix_len(&self) -> usize {
        crate::offset::widen(self.prefix_len)
    }

    pub fn local_len(&self) -> usize {
        crate::offset::widen(self.local_len)
    }

    /// The prefix as written (`""` for none), from the input the name was read from.
    #[inline]
    pub fn prefix<'s>(&self, input: &'s str) -> &'s str {
        span_of(input, self.prefix_at, self.prefix_len)
    }

    /// The local part, from the input the name was read from.
    #[inline]
    pub fn local<'s>(&self, input: &'s str) -> &'s str {
        span_of(input, self.local_at, self.local_len)
    }

    /// The local part's bytes (what the grammar compares: no character boundary to check).
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub fn local_bytes<'s>(&self, input: &'s str) -> &'s [u8] {
        let at = crate::offset::widen(self.local_at);
        input.as_bytes().get(at..plus!(at, crate::offset::widen(self.local_len))).unwrap_or(&[])
    }

    /// The same name in an input that starts `shift` bytes later.
    fn shifted(self, shift: u32) -> Self {
        RawName {
            prefix_at: self.prefix_at.saturating_sub(shift),
            local_at: self.local_at.saturating_sub(shift),
            ..self
        }
    }
}

#[inline]
fn span_of(input: &str, at: u32, len: u32) -> &str {
    scan::sub(input, crate::offset::widen(at), plus!((crate::offset::widen(at)), crate::offset::widen(len)))
        .unwrap_or("")
}

/// An event before its namespaces are read (see [`XmlReader::materialize`]).
#[derive(Clone, Copy, Debug)]
pub(crate) enum RawEvent<'a> {
    /// `dav_attribute`: an attribute's unbound `DAV` prefix was read as `DAV:` (the quirk,
    /// reported by the grammar at the element, as an element's own is). A flag beside `empty`,
    /// in what was padding: an offset here made every event larger and cost 5% of the
    /// instructions of a PROPFIND parse.
    Start {
        name: RawName,
        start: u32,
        end: u32,
        empty: bool,
        dav_attribute: bool,
    },
    End {
        name: RawName,
        start: u32,
        end: u32,
    },
    Text(Text<'a>),
    /// Pieces mode only: a piece of a CDATA section's content (raw, at this offset in the
    /// body). Empty for a comment or PI read (nothing to give, the reader moved on).
    Cdata(&'a str, u32),
    /// Pieces mode only: a character reference read in pieces (see [`Inside::Reference`]):
    /// its character, the offsets in the body of its `&` and after its `;`.
    Char {
        value: char,
        start: u32,
        end: u32,
    },
}

/// Position of a `xmlparser` error, as a byte offset into `input`.
#[cfg(not(feature = "small"))]
fn offset_of_pos(input: &str, row: u32, col: u32) -> usize {
    let mut line_start = 0usize;
    let mut rows = 1u32;
    if row > 1 {
        for (i, b) in input.bytes().enumerate() {
            if b == b'\n' {
                rows = rows.saturating_add(1);
                if rows == row {
                    line_start = plus!(i, 1);
                    break;
                }
            }
        }
    }
    let line = input.get(line_start..).unwrap_or("");
    let skip = crate::offset::widen(col.saturating_sub(1));
    let within = line.char_indices().nth(skip).map_or(line.len(), |(i, _)| i);
    plus!(line_start, within)
}

#[cfg(not(feature = "small"))]
fn stream_error_pos(s: &StreamError) -> Option<xmlparser::TextPos> {
    match *s {
        StreamError::NonXmlChar(_, p)
        | StreamError::InvalidChar(_, _, p)
        | StreamError::InvalidCharMultiple(_, _, p)
        | StreamError::InvalidQuote(_, p)
        | StreamError::InvalidSpace(_, p)
        | StreamError::InvalidString(_, p) => Some(p),
        _ => None,
    }
}
impl<const D: usize, const NS: usize, const B: usize> ReaderState<D, NS, B> {
    /// The state before anything is read.
    pub(crate) fn new(dav_prefix_quirk: bool) -> Self {
        ReaderState {
            base: 0,
            pos: 0,
            phase: Phase::Start,
            names: Names::new(),
            pending_end: None,
            pending_pop: false,
            seen_markup: false,
            dav_prefix_quirk,
            skip_blank: false,
            run: None,
        }
    }

    /// The state read on from an input that starts at `base` in the body (positions move
    /// with it). `base` must be between the current input's start and
    /// [`ReaderState::keep_from`].
    pub(crate) fn move_to(&mut self, base: usize) -> Result<(), Error> {
        let shift = base.checked_sub(self.base).filter(|&d| d <= self.keep_from_local());
        let Some(shift) = shift else {
            return Err(Error::new(ErrorKind::WindowMisplaced, base));
        };
        let shift32 = Offset::within(shift).raw();
        if let Some(p) = self.pending_end.as_mut() {
            *p = PendingEnd { name: p.name.shifted(shift32), at: p.at.saturating_sub(shift32) };
        }
        self.pos = self.pos.saturating_sub(shift);
        self.base = base;
        Ok(())
    }

    /// The earliest position (in the input) this reader still needs.
    fn keep_from_local(&self) -> usize {
        match self.pending_end {
            Some(p) => crate::offset::widen(p.name.prefix_at.min(p.name.local_at)).min(self.pos),
            None => self.pos,
        }
    }

    /// Where the run of text and the markup (comment, PI, reference) being read in pieces
    /// started (`usize::MAX` when there is none): errors found at their ends are reported
    /// there.
    #[cfg(any(feature = "embedded-io", feature = "embedded-io-async"))]
    pub(crate) fn starts_read_in_pieces(&self) -> [usize; 2] {
        let start = |s: u32| crate::offset::widen(s);
        let inside = match self.phase.inside_of() {
            Some(
                Inside::Comment { start: s, .. } | Inside::BadPi { start: s, .. } | Inside::Reference { start: s, .. },
            ) => start(s),
            _ => usize::MAX,
        };
        [self.run.map_or(usize::MAX, |r| start(r.start)), inside]
    }

    /// The earliest byte offset of the body this reader still needs.
    pub(crate) fn keep_from(&self) -> usize {
        plus!(self.base, self.keep_from_local())
    }

    /// Current depth (open elements).
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn depth(&self) -> usize {
        self.names.depth().saturating_sub(usize::from(self.pending_pop))
    }

    /// Byte offset (in the body) up to which the input has been read.
    pub(crate) fn position(&self) -> usize {
        plus!(self.base, self.pos)
    }

    /// The error that stopped the reader, if any.
    pub(crate) fn error(&self) -> Option<Error> {
        match self.phase {
            Phase::Failed(e) => Some(e),
            _ => None,
        }
    }

    /// Whether the whole document was read without error.
    pub(crate) fn is_done(&self) -> bool {
        self.phase == Phase::Done
    }

    /// Where the input starts in the body.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn base(&self) -> usize {
        self.base
    }

    /// Whether the unbound-`DAV`-prefix quirk is tolerated.
    pub(crate) fn dav_prefix_quirk(&self) -> bool {
        self.dav_prefix_quirk
    }

    /// Whether runs of white space that end at a tag are skipped instead of given as text.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn set_skip_blank(&mut self, skip: bool) {
        self.skip_blank = skip;
    }

    /// An error at `at` in the input (reported at its offset in the body).
    #[cfg_attr(feature = "small", inline(never))]
    fn err(&self, kind: ErrorKind, at: usize) -> Error {
        Error::new(kind, plus!(self.base, at))
    }

    /// What an element or attribute `prefix` (at `at` in the input) names now, through the
    /// one resolver ([`ns::resolve`]).
    fn resolve(&self, prefix: &[u8], role: Role, at: usize) -> Result<NsRef, Error> {
        #[cfg(not(feature = "small"))]
        let r = ns::resolve(prefix, role, self.dav_prefix_quirk, || self.names.lookup_ref(prefix));
        #[cfg(feature = "small")]
        let r = ns::resolve_found(prefix, role, self.dav_prefix_quirk, self.names.lookup_ref(prefix));
        r.map_err(|k| self.err(k, at))
    }

    /// Where `src` and the declarations it started from are read.
    pub(crate) fn sources<'a>(&self, src: &Source<'a>) -> Sources<'a> {
        Sources { input: src.input, base: self.base, decls: src.decls() }
    }

    /// What a view made now reads its namespaces from: the body, and for a windowed reader
    /// the arena (the declarations may have left the window).
    pub(crate) fn view_sources<'x>(&'x self, src: &Source<'x>) -> Sources<'x> {
        let decls = if src.in_arena() { self.names.arena() } else { src.decls() };
        Sources { input: src.input, base: self.base, decls }
    }

    /// A namespace read from the body (or from the copy a fragment reader started from).
    fn namespace<'a>(&self, src: &Source<'a>, r: NsRef) -> Namespace<'a> {
        match r {
            NsRef::None => Namespace::none(),
            NsRef::Xml => names::xml_namespace(),
            NsRef::DavQuirk => names::dav_by_quirk(),
            NsRef::Bound(i) => match self.names.binding(crate::offset::widen(i)) {
                Some(b) => names::namespace_of(&b, self.sources(src)),
                None => Namespace::none(),
            },
        }
    }

    /// A namespace read from the arena (a windowed reader: the declaration may be gone).
    fn namespace_in_arena(&self, r: NsRef) -> Namespace<'_> {
        match r {
            NsRef::Bound(i) => match self.names.binding(crate::offset::widen(i)) {
                Some(b) => names::namespace_in_arena(&b, &self.names),
                None => Namespace::none(),
            },
            NsRef::None => Namespace::none(),
            NsRef::Xml => names::xml_namespace(),
            NsRef::DavQuirk => names::dav_by_quirk(),
        }
    }

    /// What kind of namespace `r` is (no borrow: for decisions).
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn ns_kind(&self, r: NsRef) -> NsKind {
        match r {
            NsRef::None => NsKind::None,
            NsRef::Xml => NsKind::Xml,
            NsRef::DavQuirk => NsKind::DavByQuirk,
            NsRef::Bound(i) => self.names.kind_at(crate::offset::widen(i)).unwrap_or(NsKind::None),
        }
    }

    /// A name, its namespace read from the body.
    pub(crate) fn name_of<'a>(&self, src: &Source<'a>, n: RawName) -> Name<'a> {
        Name::new(n.prefix(src.input), n.local(src.input), self.namespace(src, n.ns()))
    }

    /// A name, its namespace read from the arena (a windowed reader).
    pub(crate) fn name_in_arena<'x>(&'x self, src: &Source<'x>, n: RawName) -> Name<'x> {
        Name::new(n.prefix(src.input), n.local(src.input), self.namespace_in_arena(n.ns()))
    }

    /// A property's [`Compact`] parts, straight from the name and offsets the grammar
    /// completed, without building its view. A whole-body reader only (its names and URIs
    /// are in the body, where the compact form reads them); `None`: build the view.
    #[inline]
    pub(crate) fn compact_of(
        &self,
        src: &Source<'_>,
        n: RawName,
        p: Pending,
        content_end: usize,
        end: usize,
    ) -> Option<Compact> {
        if self.base != 0 || !matches!(src.mode, Mode::Body) {
            return None;
        }
        // The namespace's parts straight from its binding: the URI is the body's slice that
        // the binding names (no view of it is built, nothing to check again).
        let ns = match n.ns() {
            NsRef::None => NsParts::undeclared(NsKind::None),
            NsRef::Xml => NsParts::undeclared(NsKind::Xml),
            NsRef::DavQuirk => NsParts::undeclared(NsKind::DavByQuirk),
            NsRef::Bound(i) => {
                let b = self.names.binding(crate::offset::widen(i))?;
                if b.src != Src::Input {
                    return None;
                }
                NsParts { at: b.value_at, len: u16::try_from(b.value_len).ok()?, kind: b.kind, plain: b.is_plain() }
            }
        };
        Compact::of_parts(src.input, n.prefix_len(), n.local_len(), ns, p, content_end, end)
    }

    /// Where a view of the innermost open element finds the bindings around it (see
    /// [`Lineage`]).
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn parent_lineage<'a>(&self, src: &Source<'a>) -> Lineage<'a, NS> {
        self.names.lineage(src.outer())
    }

    /// The same for a windowed parser: the bindings in force, borrowed from its arena.
    pub(crate) fn parent_lineage_in_arena(&self) -> Lineage<'_, NS> {
        self.names.parent_lineage_in_arena()
    }

    /// The event with its namespaces read from the body.
    fn materialize<'a>(&self, src: &Source<'a>, ev: RawEvent<'a>) -> XmlEvent<'a> {
        let base = Offset::within(self.base);
        let input = src.input;
        let name = |n: RawName| Name::new(n.prefix(input), n.local(input), self.namespace(src, n.ns()));
        match ev {
            RawEvent::Start { name: n, start, end, empty, .. } => {
                XmlEvent::Start(StartTag { input, base, name: name(n), start: start.into(), end: end.into(), empty })
            }
            RawEvent::End { name: n, start, end } => {
                XmlEvent::End(EndTag { name: name(n), base, start: start.into(), end: end.into() })
            }
            RawEvent::Text(t) => XmlEvent::Text(t),
            // Only a windowed parser in pieces mode reads these (never through this view).
            RawEvent::Cdata(raw, at) => XmlEvent::Text(Text::content(raw, crate::offset::widen(at))),
            RawEvent::Char { start, .. } => XmlEvent::Text(Text::content("", crate::offset::widen(start))),
        }
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> XmlReader<'a, D, NS, B> {
    /// A reader over a whole document (already known to be UTF-8).
    pub(crate) fn new(input: &'a str, dav_prefix_quirk: bool) -> Self {
        Self::with_cut(input, dav_prefix_quirk, None)
    }

    /// A reader over the valid prefix of a body whose input stops at `cut` (see
    /// [`Source`]).
    pub(crate) fn with_cut(input: &'a str, dav_prefix_quirk: bool, cut: Option<Error>) -> Self {
        Self::held(Source::body(input, cut), ReaderState::new(dav_prefix_quirk))
    }

    /// A reader over the one element that starts at `start` (its `<`) and ends at `end`, in
    /// `input`, with the bindings of `lineage` in force. Used by the views to walk an element
    /// again; the element was checked by the reader that first read it.
    pub(crate) fn fragment(
        src: Sources<'a>,
        start: usize,
        end: usize,
        lineage: Lineage<'a, NS>,
        dav_prefix_quirk: bool,
    ) -> Self {
        let mode = Mode::Fragment { decls: src.decls, outer: lineage.outer };
        let source = Source { input: src.input, end: end.min(src.input.len()), cut: None, mode };
        // Made in place, then set: the state is large (its names), a copy is code.
        let mut r = Self::held(source, ReaderState::new(dav_prefix_quirk));
        let state = &mut r.cur.st;
        (state.base, state.pos, state.phase) = (src.base, start, Phase::Content);
        if let Err(k) = state.names.seed(&lineage, src) {
            state.phase = Phase::Failed(state.err(k, start));
        }
        r
    }

    /// A reader of `src` through `st`.
    fn held(src: Source<'a>, st: ReaderState<D, NS, B>) -> Self {
        #[cfg(not(feature = "small"))]
        return XmlReader { cur: Cursor::new(src, Owned(st)) };
        #[cfg(feature = "small")]
        return XmlReader { cur: Held { src, st } };
    }

    /// The reader at work on its own state.
    #[cfg(not(feature = "small"))]
    #[inline(always)]
    pub(crate) fn cursor(&mut self) -> ReaderCursor<'_, 'a, D, NS, B> {
        &mut self.cur
    }

    /// The reader at work on its own state.
    #[cfg(feature = "small")]
    pub(crate) fn cursor(&mut self) -> ReaderCursor<'_, 'a, D, NS, B> {
        Cursor::new(self.cur.src, &mut self.cur.st)
    }

    /// Current depth (open elements).
    pub fn depth(&self) -> usize {
        self.cur.st.depth()
    }

    /// Byte offset (in the body) up to which the input has been read.
    pub fn position(&self) -> usize {
        self.cur.st.position()
    }

    /// The error that stopped the reader, if any.
    pub fn error(&self) -> Option<Error> {
        self.cur.st.error()
    }

    /// Whether the whole document was read without error.
    pub fn is_done(&self) -> bool {
        self.cur.st.is_done()
    }

    /// The namespace an element name with `prefix` is in now (`""`: the default namespace),
    /// as this reader resolves it (an unbound `DAV` prefix is `DAV:` under the quirk);
    /// `None` if unbound (or `xmlns`, which names no namespace).
    pub fn namespace_of(&self, prefix: &str) -> Option<Namespace<'a>> {
        self.cur.st.resolve(prefix.as_bytes(), Role::Element, 0).ok().map(|r| self.cur.st.namespace(&self.cur.src, r))
    }

    /// The next event; `None` at the end (or after an error, which was returned once).
    pub fn next_event(&mut self) -> Option<Result<XmlEvent<'a>, Error>> {
        match self.cursor().next_raw()? {
            Ok(ev) => Some(Ok(self.cur.st.materialize(&self.cur.src, ev))),
            Err(e) => Some(Err(e)),
        }
    }

    /// The next event before its namespaces are read; `None` at the end or after an error.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn next_raw(&mut self) -> Option<Result<RawEvent<'a>, Error>> {
        self.cursor().next_raw()
    }

    /// Whether runs of white space that end at a tag are skipped instead of given as text.
    pub(crate) fn set_skip_blank(&mut self, skip: bool) {
        self.cur.st.set_skip_blank(skip);
    }

    /// Where this reader reads the body and the declarations it started from.
    pub(crate) fn sources(&self) -> Sources<'a> {
        self.cur.st.sources(&self.cur.src)
    }

    /// A name, its namespace read from the body.
    pub(crate) fn name_of(&self, n: RawName) -> Name<'a> {
        self.cur.st.name_of(&self.cur.src, n)
    }

    /// What kind of namespace `r` is (the unbound-`DAV` quirk told apart).
    pub(crate) fn ns_kind(&self, r: NsRef) -> NsKind {
        self.cur.st.ns_kind(r)
    }

    /// Where a view of the innermost open element finds the bindings around it.
    pub(crate) fn parent_lineage(&self) -> Lineage<'a, NS> {
        self.cur.st.parent_lineage(&self.cur.src)
    }

    /// Where the input starts in the body.
    pub(crate) fn base(&self) -> usize {
        self.cur.st.base
    }

    /// Whether the unbound-`DAV`-prefix quirk is tolerated.
    pub(crate) fn dav_prefix_quirk(&self) -> bool {
        self.cur.st.dav_prefix_quirk
    }

    /// For the writer: checks that `raw` is well-formed element content (text, references,
    /// elements, comments, CDATA, PIs) in which `dav_prefix` (`""`: the default namespace),
    /// if given, is bound to `DAV:` and no other prefix is. Offsets are into `raw`.
    pub(crate) fn check_content(raw: &'a str, dav_prefix: Option<&str>) -> Result<(), Error> {
        let mut r = Self::new(raw, false);
        r.cur.st.phase = Phase::Content;
        r.cur.src.mode = Mode::Fragment { decls: "", outer: &[] };
        if let Some(p) = dav_prefix {
            // `DAV:` namespaces compare by kind, so this binding's offsets are never read.
            r.cur
                .st
                .names
                .bind(p, Text::attribute(names::DAV, 0), NsKind::Dav, Src::Input)
                .map_err(|k| Error::new(k, 0))?;
        }
        while let Some(ev) = r.next_event() {
            ev?;
        }
        Ok(())
    }
}

impl<'a, S, const D: usize, const NS: usize, const B: usize> Cursor<'a, S, D, NS, B>
where
    S: Hold<D, NS, B>,
{
    /// `src` read through `st`.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn new(src: Source<'a>, st: S) -> Self {
        Cursor { src, st }
    }

    /// Whether text, CDATA and comments are read in pieces: a windowed reader's pieces mode,
    /// inside a unit or in a run between units (`false` when compiled for the others, see
    /// [`Hold`]).
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn pieces(&self) -> bool {
        S::WINDOWED && (self.src.pieces() || self.st.run.is_some())
    }

    /// Whether a run of character data that starts here is read in pieces: pieces mode,
    /// between units, where the grammar takes only white space (it skips blank runs).
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn runs(&self) -> bool {
        S::WINDOWED && self.src.runs() && self.st.skip_blank
    }

    /// Where this reader reads the body and the declarations it started from.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn sources(&self) -> Sources<'a> {
        self.st.sources(&self.src)
    }

    /// A name, its namespace read from the body.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn name_of(&self, n: RawName) -> Name<'a> {
        self.st.name_of(&self.src, n)
    }

    /// Where a view of the innermost open element finds the bindings around it.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn parent_lineage(&self) -> Lineage<'a, NS> {
        self.st.parent_lineage(&self.src)
    }

    /// Whether the unbound-`DAV`-prefix quirk is tolerated.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn dav_prefix_quirk(&self) -> bool {
        self.st.dav_prefix_quirk
    }

    /// What the grammar reads of the reader: the input and the state.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn view(&self) -> View<'_, 'a, D, NS, B> {
        View { input: self.src.input, st: &self.st }
    }

    /// Whether runs of white space that end at a tag are skipped instead of given as text.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn set_skip_blank(&mut self, skip: bool) {
        self.st.skip_blank = skip;
    }

    /// A property's [`Compact`] parts (see [`ReaderState::compact_of`]).
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn compact_of(&self, n: RawName, p: Pending, content_end: usize, end: usize) -> Option<Compact> {
        self.st.compact_of(&self.src, n, p, content_end, end)
    }

    /// The next event before its namespaces are read; `None` at the end, after an error, or
    /// (a window that is not the last) when the window ends before the next event does: the
    /// state is then as it was, ready for a longer window.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn next_raw(&mut self) -> Option<Result<RawEvent<'a>, Error>> {
        let step = if matches!(self.st.phase, Phase::Content) {
            // Inside the root, the phase of almost every step: one test of it.
            if core::mem::take(&mut self.st.pending_pop) {
                #[cfg(not(feature = "small"))]
                self.st.names.pop_element(self.src.in_arena());
                #[cfg(feature = "small")]
                self.st.names.pop_element(true);
            }
            self.content()
        } else if matches!(self.st.phase, Phase::Done | Phase::Failed(_)) {
            return None;
        } else {
            self.step()
        };
        match step {
            Ok(Some(ev)) => Some(Ok(ev)),
            Ok(None) => {
                self.st.phase = Phase::Done;
                None
            }
            Err(e) if self.needs_more(&e) => None,
            Err(e) => {
                self.st.phase = Phase::Failed(e);
                Some(Err(e))
            }
        }
    }

    /// Whether `e` only says that the window ended before the body did.
    fn needs_more(&self, e: &Error) -> bool {
        !self.src.is_final()
            && matches!(e.kind(), ErrorKind::UnexpectedEof | ErrorKind::NoRootElement)
            && e.offset() == plus!(self.st.base, self.src.end)
    }

    fn rest(&self) -> &'a str {
        self.src.input.get(self.st.pos..self.src.end).unwrap_or("")
    }

    /// The input ends: truncation, or the reason it was cut.
    fn eof(&self) -> Error {
        self.src.cut.unwrap_or_else(|| self.st.err(ErrorKind::UnexpectedEof, self.src.end))
    }

    /// Past the white space here (before and after the root, between misc items). Out of
    /// line: inlined, it changed the layout of the response level's loop (+1.1% instructions).
    #[inline(never)]
    fn skip_spaces(&mut self) {
        let b = self.src.input.as_bytes().get(..self.src.end).unwrap_or(&[]);
        self.st.pos = scan::skip_spaces(b, self.st.pos);
    }

    /// A step outside the root's content (which `next_raw` reads itself): the XML declaration,
    /// the prolog and the root's start tag, the epilog, markup a window cut. Out of line with
    /// `small`: its locals stay out of `next_raw`'s frame, under which every other tag is read.
    #[cfg_attr(not(feature = "small"), inline(always))]
    #[cfg_attr(feature = "small", inline(never))]
    fn step(&mut self) -> Result<Option<RawEvent<'a>>, Error> {
        if core::mem::take(&mut self.st.pending_pop) {
            #[cfg(not(feature = "small"))]
            self.st.names.pop_element(self.src.in_arena());
            #[cfg(feature = "small")]
            self.st.names.pop_element(true);
        }
        // The phase of almost every step, tested before the table jump of the match. (With
        // `small`, `next_raw` reads the content itself: the match below does.)
        #[cfg(not(feature = "small"))]
        if matches!(self.st.phase, Phase::Content) {
            return self.content();
        }
        loop {
            match self.st.phase {
                Phase::Start => self.read_declaration()?,
                Phase::Prolog => {
                    if let Some(ev) = self.prolog_item()? {
                        return Ok(Some(ev));
                    }
                }
                Phase::Content => return self.content(),
                Phase::Epilog => {
                    self.skip_spaces();
                    if self.st.pos >= self.src.end {
                        if let Some(c) = self.src.cut {
                            return Err(c);
                        }
                        return if self.src.is_final() { Ok(None) } else { Err(self.eof()) };
                    }
                    self.misc_item(ErrorKind::ContentAfterRoot, Resume::Epilog)?;
                }
                Phase::Done | Phase::Failed(_) => return Ok(None),
                // Inside markup a window cut (only a windowed reader is ever there).
                inside => {
                    let Some(inside) = inside.inside_of().filter(|_| S::WINDOWED) else { return Ok(None) };
                    if let Some(ev) = self.inside_step(inside)? {
                        return Ok(Some(ev));
                    }
                }
            }
        }
    }

    /// BOM and XML declaration. Out of line with `small` (as `step`, which reads it): its
    /// stream and declaration are not in the frame under which every tag is read.
    #[cfg_attr(feature = "small", inline(never))]
    fn read_declaration(&mut self) -> Result<(), Error> {
        let all = self.rest();
        let start = if all.starts_with('\u{FEFF}') { 3 } else { 0 };
        let rest = all.get(start..).unwrap_or("");
        if !self.src.is_final() && rest.len() < 6 && "<?xml ".starts_with(rest) {
            // Too little to tell a declaration from a PI or the root: wait for more.
            return Err(self.eof());
        }
        self.st.phase = Phase::Prolog;
        self.st.pos = start;
        // At the end of the input, a bare `<?xml` is taken as a (cut) declaration.
        let is_decl = rest == "<?xml" || is_xml_decl_start(rest);
        if !is_decl {
            return Ok(());
        }
        if scan::find_marker(rest.as_bytes(), b"?>").is_none() {
            self.st.phase = Phase::Start;
            self.st.pos = 0;
            return Err(self.eof());
        }
        #[cfg(not(feature = "small"))]
        {
            let mut s = xmlparser::Stream::from_substr(self.src.input, start..self.src.end);
            let fault = |e: StreamError| self.markup_error(Some(&e), start, "?>", ErrorKind::InvalidDeclaration);
            // `<?xml?>`: xmlparser 0.13.6 reads a PI there (a declaration only after a space).
            if rest.as_bytes().get(5) == Some(&b'?') {
                return Err(
                    markup::pi(&mut s).map_or_else(fault, |_| self.st.err(ErrorKind::InvalidDeclaration, start))
                );
            }
            // After any white space (XML 1.0 §2.8), where xmlparser 0.13.6 wants a space.
            let declaration = markup::declaration(&mut s).map_err(fault)?;
            // xmlparser 0.13.6 takes `1.` for a VersionNum; XML 1.0 wants `'1.' [0-9]+`.
            if declaration.version.as_str().len() < 3 {
                return Err(self.st.err(ErrorKind::InvalidDeclaration, declaration.version.end()));
            }
            if let Some(enc) = declaration.encoding.filter(|e| !is_utf8_name(e.as_str())) {
                return Err(self.st.err(ErrorKind::UnsupportedEncoding, enc.start()));
            }
            self.st.pos = s.pos();
        }
        // The same read by `lex`, with `small`.
        #[cfg(feature = "small")]
        {
            let s = self.src.input.get(..self.src.end).unwrap_or("");
            let fault = |f| self.fault(f, start, "?>", ErrorKind::InvalidDeclaration);
            if rest.as_bytes().get(5) == Some(&b'?') {
                return Err(lex::pi(s, start).map_or_else(fault, |_| self.st.err(ErrorKind::InvalidDeclaration, start)));
            }
            let declaration = lex::declaration(s, start).map_err(fault)?;
            let (from, to) = declaration.version;
            if to.saturating_sub(from) < 3 {
                return Err(self.st.err(ErrorKind::InvalidDeclaration, to));
            }
            if let Some((from, to)) = declaration.encoding
                && !is_utf8_name(scan::sub_or_empty(s, from, to))
            {
                return Err(self.st.err(ErrorKind::UnsupportedEncoding, from));
            }
            self.st.pos = declaration.end;
        }
        self.st.seen_markup = true;
        Ok(())
    }

    /// One item before the root: white space, comment, PI, or the root's start tag.
    fn prolog_item(&mut self) -> Result<Option<RawEvent<'a>>, Error> {
        self.skip_spaces();
        let rest = self.rest();
        if rest.is_empty() {
            if let Some(c) = self.src.cut {
                return Err(c);
            }
            let kind = if self.st.seen_markup { ErrorKind::UnexpectedEof } else { ErrorKind::NoRootElement };
            return Err(self.st.err(kind, self.src.end));
        }
        if rest.starts_with("<!DOCTYPE") {
            return Err(self.st.err(ErrorKind::DoctypeNotAllowed, self.st.pos));
        }
        if rest.starts_with('<') && !rest.starts_with("<!") && !rest.starts_with("<?") && !rest.starts_with("</") {
            // The phase changes only once the tag is read (a window may end inside it).
            let ev = self.start_tag()?;
            self.st.phase = Phase::Content;
            return Ok(Some(ev));
        }
        if "<!DOCTYPE".starts_with(rest) && rest.len() > 2 {
            return Err(self.eof());
        }
        self.misc_item(ErrorKind::TextOutsideRoot, Resume::Prolog)?;
        self.st.seen_markup = true;
        Ok(None)
    }

    /// A comment or PI outside the root (`resume`: before it or after it); anything else is
    /// `otherwise`.
    fn misc_item(&mut self, otherwise: ErrorKind, resume: Resume) -> Result<(), Error> {
        let rest = self.rest();
        let kind = Opening::of(rest);
        if matches!(kind, Opening::Comment | Opening::Pi) {
            let pieces = S::WINDOWED && self.src.in_pieces_mode();
            return self.comment_or_pi(self.st.pos, kind, resume, pieces).map(drop);
        }
        if kind == Opening::Declaration {
            return Err(self.st.err(ErrorKind::InvalidDeclaration, self.st.pos));
        }
        if "<!--".starts_with(rest) || rest == "<" {
            return Err(self.eof());
        }
        if rest.starts_with('<') {
            return Err(self.st.err(otherwise, self.st.pos));
        }
        // Text: report a bad character as such, else the misplaced text.
        let c = rest.chars().next().unwrap_or(' ');
        let kind = if text::is_xml_char(c) { otherwise } else { ErrorKind::InvalidChar };
        Err(self.st.err(kind, self.st.pos))
    }

    /// Reads the comment, CDATA section or PI at `at` and returns the offset after it.
    #[inline(never)]
    fn markup_item(&self, at: usize) -> Result<usize, Error> {
        let rest = self.src.input.get(at..self.src.end).unwrap_or("");
        let terminator = match Opening::of(rest) {
            Opening::Comment => "-->",
            Opening::Cdata => "]]>",
            _ => "?>",
        };
        #[cfg(not(feature = "small"))]
        {
            if terminator == "]]>" {
                // The common case without the tokenizer: content that needs no look.
                let content = plus!(at, 9);
                if let Some(close) = scan::cdata_content(self.src.input.as_bytes(), content, self.src.end) {
                    return Ok(plus!(close, 3));
                }
            }
            let mut s = xmlparser::Stream::from_substr(self.src.input, at..self.src.end);
            let read = match terminator {
                "-->" => markup::comment(&mut s).map(|()| None),
                "]]>" => markup::cdata(&mut s).map(|()| None),
                _ => markup::pi(&mut s).map(Some),
            };
            match read {
                Ok(Some(target)) if !self.is_pi_target(target) => Err(self.st.err(ErrorKind::MalformedMarkup, at)),
                Ok(_) => Ok(s.pos()),
                Err(e) => Err(self.markup_error(Some(&e), at, terminator, ErrorKind::MalformedMarkup)),
            }
        }
        // The same read by `lex`, with `small`.
        #[cfg(feature = "small")]
        {
            let s = self.src.input.get(..self.src.end).unwrap_or("");
            let read = match terminator {
                "-->" => lex::comment(s, at),
                "]]>" => lex::cdata(s, at),
                _ => lex::pi(s, at).and_then(|(target, next)| match self.is_pi_target(plus!(at, 2), target) {
                    true => Ok(next),
                    // (Well formed: the error is at its start.)
                    false => Err(Fault::START),
                }),
            };
            read.map_err(|f| self.fault(f, at, terminator, ErrorKind::MalformedMarkup))
        }
    }

    /// Whether a PI's target, as `xmlparser` 0.13.6 reads it, is one: it lets the target run
    /// into the content (`<?pi=x?>`) and takes any name; XML 1.0 §2.6: `'<?' PITarget (S
    /// ...)? '?>'`, and no target `xml` in any case.
    #[cfg(not(feature = "small"))]
    fn is_pi_target(&self, target: xmlparser::StrSpan<'_>) -> bool {
        let after = self.src.input.get(target.end()..).unwrap_or("");
        let spaced = text::starts_with_space(after) || after.starts_with("?>");
        spaced && !scan::eq_ignore_case(target.as_str(), "xml")
    }

    /// The same with `small`, the target at `from..to` of the input.
    #[cfg(feature = "small")]
    fn is_pi_target(&self, from: usize, to: usize) -> bool {
        let after = self.src.input.get(to..).unwrap_or("");
        let spaced = text::starts_with_space(after) || after.starts_with("?>");
        spaced && !scan::eq_ignore_case(scan::sub_or_empty(self.src.input, from, to), "xml")
    }

    /// Whether the tag at `start` is cut by the end of a window that is not the last, with
    /// nothing before the cut that the tokenizer would refuse at once: no `>` (every tag ends
    /// with one), no `&` (an attribute's reference is checked as soon as it is read), no
    /// control character and no `0xEF` (which may begin U+FFFE or U+FFFF). The tokenizer
    /// would find the input ending ([`Cursor::eof`]); a window cuts tags often, and the
    /// tokenizer takes 400 instructions and a 1.3 KiB stack to say so.
    #[inline(never)]
    fn tag_cut_by_window(&self, start: usize) -> bool {
        if self.src.is_final() {
            return false;
        }
        let rest = self.src.input.as_bytes().get(start..self.src.end).unwrap_or(&[]);
        !rest.iter().any(|&c| matches!(c, b'>' | b'&' | 0xEF) || (c < 0x20 && !text::is_xml_space_byte(c)))
    }

    /// Maps an error of `xmlparser` (the stream's, `inner`; `None` for a token it did not
    /// know) on the markup starting at `start`.
    #[cfg(not(feature = "small"))]
    #[inline(never)]
    fn markup_error(&self, inner: Option<&StreamError>, start: usize, terminator: &str, kind: ErrorKind) -> Error {
        // The terminator is looked for after the opening (`<!-->` does not close a comment):
        // without it, the markup may go on past the end of the input.
        let opening = match terminator {
            "-->" => 4,
            "]]>" => 9,
            "?>" => 2,
            _ => 1,
        };
        let after_opening = self.src.input.get(plus!(start, opening)..self.src.end).unwrap_or("");
        // A character that XML does not allow is an error whatever follows it.
        if let Some(StreamError::NonXmlChar(_, p)) = inner {
            return self.st.err(ErrorKind::InvalidChar, offset_of_pos(self.src.input, p.row, p.col).max(start));
        }
        let complete = if terminator == ">" {
            text::tag_end(after_opening).is_some()
        } else {
            scan::find_marker(after_opening.as_bytes(), terminator.as_bytes()).is_some()
        };
        if matches!(inner, Some(StreamError::UnexpectedEndOfStream)) || !complete {
            return self.eof();
        }
        let at = match inner.and_then(stream_error_pos) {
            Some(p) => offset_of_pos(self.src.input, p.row, p.col).max(start),
            None => start,
        };
        let kind = if matches!(inner, Some(StreamError::NonXmlChar(..))) { ErrorKind::InvalidChar } else { kind };
        self.st.err(kind, at)
    }

    /// Maps a [`Fault`] of [`lex`] on the markup starting at `start` (`kind`: what a fault
    /// with a position is), as [`Cursor::markup_error`] maps the stream's error: a character
    /// XML does not allow is an error whatever follows it; the input's end, or a fault in
    /// markup whose terminator is not in the input (it may go on past its end), is the input
    /// ending.
    #[cfg(feature = "small")]
    #[inline(never)]
    fn fault(&self, f: Fault, start: usize, terminator: &str, kind: ErrorKind) -> Error {
        let at = match f.what() {
            What::Char(at) => return self.st.err(ErrorKind::InvalidChar, at),
            What::Eof => return self.eof(),
            What::At(at) => at,
            What::Start => start,
        };
        // The terminator is looked for after the opening (`<!-->` does not close a comment).
        let opening = match terminator {
            "-->" => 4,
            "]]>" => 9,
            "?>" => 2,
            _ => 1,
        };
        let after_opening = self.src.input.get(plus!(start, opening)..self.src.end).unwrap_or("");
        let complete = match terminator {
            ">" => text::tag_end(after_opening).is_some(),
            _ => scan::find_marker(after_opening.as_bytes(), terminator.as_bytes()).is_some(),
        };
        if complete { self.st.err(kind, at) } else { self.eof() }
    }

    /// Inside the root: the next tag or text run.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn content(&mut self) -> Result<Option<RawEvent<'a>>, Error> {
        // Tested first: taken at once, the owed end tag's fields were loaded at every step.
        if self.st.pending_end.is_some()
            && let Some(p) = self.st.pending_end.take()
        {
            return self.end_of_empty(p).map(Some);
        }
        // A run read in pieces goes on (windowed, pieces mode), even at the end of the body.
        if S::WINDOWED && self.st.run.is_some() {
            return self.run_step().map(Some);
        }
        // Bytes (a `str` slice would check both ends for character boundaries at every step).
        let bytes = self.src.input.as_bytes().get(self.st.pos..self.src.end).unwrap_or(&[]);
        if bytes.is_empty() {
            if self.src.is_fragment() && self.st.names.depth() == 0 {
                return Ok(None);
            }
            return Err(self.eof());
        }
        // White space up to a start or end tag (both bytes of `<x` in the window) is a run the
        // grammar would ignore: skipped. Anything else is read as a text run from `pos`.
        let blank = if self.st.skip_blank { scan::skip_spaces(bytes, 0) } else { 0 };
        let ev = match (bytes.get(blank), bytes.get(plus!(blank, 1))) {
            (Some(b'<'), Some(b'/')) => {
                self.st.pos = plus!(self.st.pos, blank);
                self.end_tag()
            }
            // In pieces mode, markup is a piece of its own.
            (Some(b'<'), Some(b'!' | b'?')) if self.pieces() => self.markup_piece(),
            // Between units, a run that holds markup is read in pieces, from its start.
            (Some(b'<'), Some(b'!' | b'?')) if self.runs() => self.run_step(),
            (Some(b'<'), Some(b'!' | b'?')) => self.text_run(),
            (Some(b'<'), None) if blank == 0 => Err(self.eof()),
            (Some(b'<'), Some(_)) => {
                self.st.pos = plus!(self.st.pos, blank);
                self.start_tag()
            }
            _ if self.runs() => self.run_step(),
            _ => self.text_run(),
        };
        ev.map(Some)
    }

    /// A run of character data, references, CDATA, comments and PIs up to the next tag.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn text_run(&mut self) -> Result<RawEvent<'a>, Error> {
        let start = self.st.pos;
        // The scan hands back a flag in a register and the event is built here: returned
        // through memory, the event's fields were read back at a store-forwarding stall.
        let plain = self.scan_text_run()?;
        let raw = scan::sub_or_empty(self.src.input, start, self.st.pos);
        Ok(RawEvent::Text(Text::scanned(raw, plus!(self.st.base, start), plain)))
    }

    /// Reads the text run at `pos`, leaves `pos` at its end and returns whether it is plain.
    fn scan_text_run(&mut self) -> Result<bool, Error> {
        let start = self.st.pos;
        let bytes = self.src.input.as_bytes();
        let end = self.src.end;
        let mut i = start;
        let mut seg = start;
        let mut plain = true;
        // Short spans (most texts in a PROPFIND) are read by the byte scanners. A span still
        // plain after `LONG` bytes is searched for its next `<` or `&` and checked in bulk up
        // to there: crossed at once when nothing in it needs a look, else the byte loop finds
        // what does (never searching the same bytes twice).
        const LONG: usize = 64;
        let mut stop = start;
        loop {
            if i >= stop {
                // The feature `small`: no bulk search, the byte scanner reads to the end.
                let probe = if scan::FAST { plus!(i, LONG).min(end) } else { end };
                i = scan::plain_text(bytes, i, probe);
                stop = i;
                if i == probe && probe < end {
                    let flags;
                    (stop, flags) = scan::text_to_markup(bytes, i, end);
                    if !flags.bad && !flags.gt {
                        plain &= !flags.cr;
                        i = stop;
                    }
                }
            }
            if i < stop {
                i = scan::plain_text(bytes, i, stop);
            }
            let Some(&b) = bytes.get(i).filter(|_| i < end) else { break };
            match b {
                // The next tag: the end of the run (most runs end so).
                b'<' if !matches!(bytes.get(plus!(i, 1)), Some(b'!' | b'?') | None) => break,
                b'<' => {
                    let r = self.src.input.get(i..end).unwrap_or("");
                    let kind = Opening::of(r);
                    if matches!(kind, Opening::Comment | Opening::Cdata | Opening::Pi) {
                        if self.pieces() && i > start {
                            // Pieces mode: the text piece ends; the markup is read next.
                            break;
                        }
                        i = match self.markup_item(i) {
                            Ok(next) => next,
                            Err(e) => return self.cut_run(e, start, i, plain),
                        };
                        seg = i;
                        plain = false;
                    } else if kind == Opening::Declaration {
                        return Err(self.st.err(ErrorKind::InvalidDeclaration, i));
                    } else if r.starts_with("<!") {
                        if "<!--".starts_with(r) || "<![CDATA[".starts_with(r) {
                            return self.cut_run(self.eof(), start, i, plain);
                        }
                        return Err(self.st.err(ErrorKind::MalformedMarkup, i));
                    } else if r.len() == 1 && !self.src.is_final() {
                        // A lone `<` at the end of a window: a tag, or a comment, CDATA or
                        // PI that would continue this run. Wait for more.
                        return self.cut_run(self.eof(), start, i, plain);
                    } else {
                        break;
                    }
                }
                b'&' => {
                    let r = self.src.input.get(i..end).unwrap_or("");
                    match text::parse_reference(r) {
                        Ok((_, len)) => i = plus!(i, len),
                        // Pieces mode: a character reference longer than a window needs.
                        Err(RefError::Eof) if S::WINDOWED && i == start && self.is_long_reference(i) => {
                            return Err(self.reference_in_pieces(i));
                        }
                        Err(RefError::Eof) => return self.cut_run(self.eof(), start, i, plain),
                        Err(RefError::Invalid) => return Err(self.st.err(ErrorKind::InvalidReference, i)),
                    }
                    plain = false;
                }
                b'>' => {
                    if i >= plus!(seg, 2) && bytes.get(i.saturating_sub(2)..i) == Some(b"]]") {
                        return Err(self.st.err(ErrorKind::CdataEndInText, i.saturating_sub(2)));
                    }
                    i = plus!(i, 1);
                }
                b'\r' => {
                    plain = false;
                    i = plus!(i, 1);
                }
                0xEF => {
                    // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
                    if matches!(bytes.get(plus!(i, 1)..plus!(i, 3)), Some([0xBF, 0xBE | 0xBF])) {
                        return Err(self.st.err(ErrorKind::InvalidChar, i));
                    }
                    i = plus!(i, 1);
                }
                _ => return Err(self.st.err(ErrorKind::InvalidChar, i)),
            }
        }
        if i >= end && !self.src.is_final() && !(self.src.is_fragment() && self.st.names.depth() == 0) {
            // The run may go on in the next window.
            return self.cut_run(self.eof(), start, i, plain);
        }
        self.st.pos = i;
        Ok(plain)
    }

    /// A text run stopped by `e` at `i`: when `e` only says that the window ended and the
    /// reader is measuring an oversized unit, the piece read so far (`pos` left at `i`);
    /// else `e`.
    fn cut_run(&mut self, e: Error, start: usize, i: usize, plain: bool) -> Result<bool, Error> {
        let pieces = self.pieces();
        if !((self.src.partial_text() || pieces) && i > start && self.needs_more(&e)) {
            return Err(e);
        }
        // In pieces mode a piece that the window's end cuts stops at a safe point.
        let i = if pieces && i >= self.src.end { self.safe_cut(start, i, b']') } else { i };
        if i <= start {
            return Err(e);
        }
        self.st.pos = i;
        Ok(plain)
    }

    /// Where a piece of `start..end` (which the window's end cuts) may end, so that the next
    /// piece reads on as if uncut: before a last CR (it may be the CR of a CR LF pair, one
    /// line end), else before up to two last `close` bytes (`]` in text and CDATA: the start
    /// of a `]]>`, which ends a section and is refused in text; `-` in a comment: the start
    /// of a `-->`). The window holds whole characters, and these are ASCII: the cut is on a
    /// character boundary. (A reference is never cut: the text stops before its `&`.)
    fn safe_cut(&self, start: usize, end: usize, close: u8) -> usize {
        let b = self.src.input.as_bytes();
        if end > start && b.get(end.saturating_sub(1)) == Some(&b'\r') {
            return end.saturating_sub(1);
        }
        let mut cut = end;
        for _ in 0..2 {
            if cut > start && b.get(cut.saturating_sub(1)) == Some(&close) {
                cut = cut.saturating_sub(1);
            }
        }
        cut
    }

    /// Pieces mode: the markup at `pos` (`<!` or `<?`). A CDATA section gives its content
    /// (in pieces when the window cuts it); a comment or PI is read and gives nothing (an
    /// empty [`RawEvent::Cdata`]); anything else is read as the whole-body reader reads it
    /// (a text run, which reports what is wrong at its start, or waits for more).
    #[inline(never)]
    fn markup_piece(&mut self) -> Result<RawEvent<'a>, Error> {
        let at = self.st.pos;
        let kind = Opening::of(self.rest());
        if kind == Opening::Cdata {
            let content = plus!(at, 9);
            if self.ends_in_input(content, b"]]>") {
                // Whole in the window: read as the whole-body reader reads it.
                let next = self.markup_item(at)?;
                self.st.pos = next;
                let raw = scan::sub_or_empty(self.src.input, content, next.saturating_sub(3));
                return Ok(RawEvent::Cdata(raw, self.at(content)));
            }
            self.st.pos = content;
            #[cfg(not(feature = "small"))]
            {
                self.st.phase = Phase::InsideCdata;
            }
            #[cfg(feature = "small")]
            {
                self.st.phase = Phase::Inside(Inside::Cdata);
            }
            return self.inside_piece(Inside::Cdata);
        }
        if matches!(kind, Opening::Comment | Opening::Pi) {
            return self.comment_or_pi(at, kind, Resume::Content, true);
        }
        self.text_run()
    }

    /// The comment or PI (`kind`) at `at`, read whole (an empty [`RawEvent::Cdata`]), or,
    /// when `pieces` (pieces mode) and the window cuts it, in pieces from here on
    /// ([`Cursor::markup_in_pieces`]; `resume`: where it stands).
    #[cfg_attr(feature = "small", inline(never))]
    fn comment_or_pi(&mut self, at: usize, kind: Opening, resume: Resume, pieces: bool) -> Result<RawEvent<'a>, Error> {
        let (opening, close) = kind.comment_or_pi();
        if pieces && !self.ends_in_input(plus!(at, opening), close) {
            return self.markup_in_pieces(at, resume);
        }
        self.st.pos = self.markup_item(at)?;
        Ok(RawEvent::Cdata("", self.at(at)))
    }

    /// Whether `close` is in the input from `from` on (so the markup that `close` ends is
    /// whole in it), or the input ends the body: then that markup is read whole.
    fn ends_in_input(&self, from: usize, close: &[u8]) -> bool {
        let b = self.src.input.as_bytes();
        self.src.is_final() || b.get(from..self.src.end).is_some_and(|c| scan::find_marker(c, close).is_some())
    }

    /// Pieces mode: the comment or PI at `at` (`<!--`, or `<?` but not an XML declaration),
    /// which the window cuts: read in pieces ([`Inside`]) from here on; `resume`: where it
    /// stands. The error says that the window ended (or is the markup's own).
    #[inline(never)]
    fn markup_in_pieces(&mut self, at: usize, resume: Resume) -> Result<RawEvent<'a>, Error> {
        let b = self.src.input.as_bytes();
        if b.get(at..plus!(at, 4)) == Some(b"<!--") {
            let inside = Inside::Comment { start: self.at(at), bad: false, resume };
            self.st.pos = plus!(at, 4);
            self.st.phase = Phase::inside(inside);
            return self.inside_piece(inside);
        }
        let end = self.src.end;
        let name_at = plus!(at, 2);
        if name_at >= end {
            // `<?` and nothing yet.
            return Err(self.eof());
        }
        let start = self.at(at);
        // The target as the tokenizer reads it (XML 1.0 §2.6: `'<?' PITarget (S ...)? '?>'`).
        #[cfg(not(feature = "small"))]
        let mut s = xmlparser::Stream::from_substr(self.src.input, name_at..end);
        #[cfg(not(feature = "small"))]
        let target = (s.skip_name().is_ok() && s.pos() > name_at).then(|| s.pos());
        #[cfg(feature = "small")]
        let target = lex::name(self.src.input.get(..end).unwrap_or(""), name_at).ok();
        let (inside, content) = if let Some(target_end) = target {
            // What follows the target is not in the window yet: the target must fit.
            if matches!(b.get(target_end..end).unwrap_or(&[]), [] | [b'?']) {
                return Err(self.eof());
            }
            #[cfg(not(feature = "small"))]
            let good = self.is_pi_target(s.slice_back(name_at));
            #[cfg(feature = "small")]
            let good = self.is_pi_target(name_at, target_end);
            let inside = if good { Inside::Pi { resume } } else { Inside::BadPi { start, named: true } };
            (inside, target_end)
        } else {
            // No target: a `?>` anywhere after the `<?` makes it an error at its start.
            (Inside::BadPi { start, named: false }, name_at)
        };
        self.st.pos = content;
        self.st.phase = Phase::inside(inside);
        self.inside_piece(inside)
    }

    /// Pieces mode, between units: one step of a run of character data that holds markup,
    /// read in pieces ([`Run`]). The grammar is handed nothing (an empty
    /// [`RawEvent::Cdata`]) but, once the run ends at a tag, its refusal of a run that is not
    /// white space, at the run's start; the reader's own errors inside it come first, as for
    /// a run read whole.
    #[inline(never)]
    fn run_step(&mut self) -> Result<RawEvent<'a>, Error> {
        let at = self.st.pos;
        let start = self.at(at);
        self.st.run.get_or_insert(Run { start, nonblank: false });
        if at >= self.src.end {
            // The end of the body ends the run; a window's, the next one goes on with it.
            return if self.src.is_final() { self.end_run(start) } else { Err(self.eof()) };
        }
        let b = self.src.input.as_bytes().get(..self.src.end).unwrap_or(&[]);
        let nonblank = match (b.get(at), b.get(plus!(at, 1))) {
            // A tag: the run ends before it (read at the next step).
            (Some(b'<'), Some(&c)) if c != b'!' && c != b'?' => return self.end_run(start),
            (Some(b'<'), Some(_)) => match self.markup_piece()? {
                RawEvent::Cdata(raw, _) => !raw.bytes().all(text::is_xml_space_byte),
                RawEvent::Text(t) => !t.is_blank(),
                _ => false,
            },
            // Text up to the next markup, or a piece of it.
            _ => {
                let plain = self.scan_text_run()?;
                let raw = scan::sub_or_empty(self.src.input, at, self.st.pos);
                !Text::scanned(raw, plus!(self.st.base, at), plain).is_blank()
            }
        };
        if let Some(r) = self.st.run.as_mut() {
            r.nonblank |= nonblank;
        }
        // The end of the body ends the run as a tag does; so does a `<` that nothing follows
        // (read whole at the next step, as the end of the body).
        if self.st.pos == at || (self.st.pos >= self.src.end && self.src.is_final()) {
            return self.end_run(start);
        }
        Ok(RawEvent::Cdata("", start))
    }

    /// The run read in pieces ends (at `at`, in the body): nothing, or the grammar's refusal
    /// of a run that is not white space, at its start.
    fn end_run(&mut self, at: u32) -> Result<RawEvent<'a>, Error> {
        match self.st.run.take() {
            Some(r) if r.nonblank => Err(Error::new(ErrorKind::UnexpectedText, crate::offset::widen(r.start))),
            _ => Ok(RawEvent::Cdata("", at)),
        }
    }

    /// The offset in the body of `i` in the input (below 4 GiB: checked when the window was
    /// fed).
    #[cfg_attr(feature = "small", inline(never))]
    fn at(&self, i: usize) -> u32 {
        Offset::within(plus!(self.st.base, i)).raw()
    }

    /// Pieces mode, inside markup that a window cut ([`Inside`]): the next piece of its
    /// content (a comment's or PI's: nothing; a reference's: its character, once read), up
    /// to its end or a safe point before the window's end; errors as the whole-body reader's
    /// (a character that XML does not allow where it is, then a comment's `--` or a PI's
    /// target, then the end of the body).
    #[inline(never)]
    fn inside_piece(&mut self, inside: Inside) -> Result<RawEvent<'a>, Error> {
        let from = self.st.pos;
        let end = self.src.end;
        let b = self.src.input.as_bytes().get(from..end).unwrap_or(&[]);
        match inside {
            Inside::Cdata => {
                let close = scan::find_marker(b, b"]]>");
                let to = match self.content_piece(from, close, b.len(), 3, b']', true)? {
                    Some(c) => {
                        self.st.phase = Phase::Content;
                        c
                    }
                    None if self.st.pos > from => self.st.pos,
                    None => return Err(self.eof()),
                };
                let raw = scan::sub_or_empty(self.src.input, from, to);
                Ok(RawEvent::Cdata(raw, self.at(from)))
            }
            Inside::Comment { start, bad, resume } => self.comment_piece(from, start, bad, resume),
            Inside::Pi { .. } | Inside::BadPi { .. } => self.pi_piece(from, inside),
            Inside::Reference { start, hex, overflow } => self.reference_piece(from, start, hex, overflow),
        }
    }

    /// Pieces mode: the rest of a comment that starts at `start` (in the body) and was read
    /// up to `from` (see [`Inside::Comment`]). Its content ends at the first `-->`; it is
    /// malformed when its first `--` is not that (XML 1.0 §2.5, as `xmlparser` reads it).
    fn comment_piece(&mut self, from: usize, start: u32, bad: bool, resume: Resume) -> Result<RawEvent<'a>, Error> {
        let end = self.src.end;
        let b = self.src.input.as_bytes().get(from..end).unwrap_or(&[]);
        let mut bad = bad;
        // Where the content read so far may end: before the first `--` not yet told apart.
        let mut upto = b.len();
        let mut close = None;
        if !bad && let Some(k) = scan::find_marker(b, b"--") {
            match b.get(plus!(k, 2)) {
                Some(b'>') => close = Some(k),
                Some(_) => bad = true,
                None => upto = k,
            }
        }
        if bad && close.is_none() {
            close = scan::find_marker(b, b"-->");
        }
        if self.content_piece(from, close, upto, 3, b'-', true)?.is_some() {
            if bad {
                return Err(Error::new(ErrorKind::MalformedMarkup, crate::offset::widen(start)));
            }
            self.resume(resume);
            return Ok(RawEvent::Cdata("", start));
        }
        self.st.phase = Phase::inside(Inside::Comment { start, bad, resume });
        Err(self.eof())
    }

    /// Pieces mode: the end of a piece of a CDATA section's, comment's or PI's content from
    /// `from`, whose terminator (`len` bytes) starts at `close` (after `from`), if found, else
    /// what is read stops at `upto` (after `from`; `upto` the window's end: at a safe point
    /// before it, see [`Cursor::safe_cut`] with `last`). The characters up to there are
    /// checked (if `check`). Found: `pos` after the terminator, and where it starts; else,
    /// `pos` where the piece stops (not before `from`) and `None`, or, at the end of the body,
    /// the error that it ends there.
    #[cfg_attr(feature = "small", inline(never))]
    fn content_piece(
        &mut self,
        from: usize,
        close: Option<usize>,
        upto: usize,
        len: usize,
        last: u8,
        check: bool,
    ) -> Result<Option<usize>, Error> {
        if check {
            self.check_chars(from, plus!(from, close.unwrap_or(upto)))?;
        }
        if let Some(c) = close {
            let c = plus!(from, c);
            self.st.pos = plus!(c, len);
            return Ok(Some(c));
        }
        if self.src.is_final() {
            return Err(self.eof());
        }
        let end = self.src.end;
        let cut = if plus!(from, upto) < end { plus!(from, upto) } else { self.safe_cut(from, end, last) };
        self.st.pos = cut.max(from);
        Ok(None)
    }

    /// Pieces mode: one step inside markup that a window cut ([`Inside`]): a piece of a
    /// unit's content; inside a run between units, nothing for the grammar (an empty
    /// [`RawEvent::Cdata`]) but what the piece says of the run; `None` when a comment or PI
    /// before or after the root ended (the reader reads on there).
    #[inline(never)]
    fn inside_step(&mut self, inside: Inside) -> Result<Option<RawEvent<'a>>, Error> {
        let piece = self.inside_piece(inside)?;
        if matches!(self.st.phase, Phase::Prolog | Phase::Epilog) {
            return Ok(None);
        }
        let Some(run) = self.st.run.as_mut() else { return Ok(Some(piece)) };
        let (nonblank, at) = match piece {
            RawEvent::Cdata(raw, at) => (!raw.bytes().all(text::is_xml_space_byte), at),
            RawEvent::Char { value, start, .. } => (!text::is_xml_space(value), start),
            // (A step inside markup gives nothing else.)
            _ => (false, run.start),
        };
        run.nonblank |= nonblank;
        Ok(Some(RawEvent::Cdata("", at)))
    }

    /// A comment or PI read in pieces ended: reading goes on where it stood (`resume`).
    fn resume(&mut self, resume: Resume) {
        self.st.phase = resume.phase();
        // Before the root, as for one read whole: the body is not empty.
        self.st.seen_markup |= resume == Resume::Prolog;
    }

    /// Pieces mode: the rest of a PI's content from `from` (see [`Inside::Pi`],
    /// [`Inside::BadPi`]), up to its `?>` (the first: XML 1.0 §2.6), never cut before a last
    /// `?` (it may start the `?>`). As the tokenizer reads it: the characters that XML does not
    /// allow, up to the `?>` (but in a PI with no target, which it refuses before its
    /// content), then the end of the body; then the error at its `<` that a bad target is.
    fn pi_piece(&mut self, from: usize, inside: Inside) -> Result<RawEvent<'a>, Error> {
        let end = self.src.end;
        let b = self.src.input.as_bytes().get(from..end).unwrap_or(&[]);
        let close = scan::find_marker(b, b"?>");
        let (checked, bad, resume) = match inside {
            Inside::BadPi { start, named } => (named, Some(start), Resume::Content),
            Inside::Pi { resume } => (true, None, resume),
            _ => (true, None, Resume::Content),
        };
        match (self.content_piece(from, close, b.len(), 2, b'?', checked)?, bad) {
            (Some(_), Some(start)) => Err(Error::new(ErrorKind::MalformedMarkup, crate::offset::widen(start))),
            (Some(_), None) => {
                self.resume(resume);
                Ok(RawEvent::Cdata("", self.at(from)))
            }
            (None, _) => Err(self.eof()),
        }
    }

    /// Pieces mode: whether the character reference at `i` (its `&`, at the start of a piece;
    /// [`text::parse_reference`] found its digits reach the window's end) is one to read in
    /// pieces: at least [`LONG_REFERENCE`] of its bytes in a window that is not the last.
    fn is_long_reference(&self, i: usize) -> bool {
        self.pieces()
            && !self.src.is_final()
            && self.src.end.saturating_sub(i) >= LONG_REFERENCE
            && self.src.input.as_bytes().get(plus!(i, 1)) == Some(&b'#')
    }

    /// Pieces mode: the character reference at `i` (see [`Cursor::is_long_reference`]),
    /// its digits read in pieces ([`Inside::Reference`]) from here on. The error says that
    /// the window ended (the digits reach its end), or is the reference's own.
    #[inline(never)]
    fn reference_in_pieces(&mut self, i: usize) -> Error {
        let hex = self.src.input.as_bytes().get(plus!(i, 2)) == Some(&b'x');
        let inside = Inside::Reference { start: self.at(i), hex, overflow: false };
        self.st.pos = plus!(plus!(i, 2), usize::from(hex));
        self.st.phase = Phase::inside(inside);
        match self.inside_piece(inside) {
            Err(e) => e,
            // (Cannot be: the digits reach the window's end, which is not the body's.)
            Ok(_) => self.eof(),
        }
    }

    /// Pieces mode: the digits of a character reference from `from` on (see
    /// [`Inside::Reference`]), as [`text::parse_reference`] reads them whole: the leading
    /// zeros are read in pieces, then up to 7 significant digits (6 in hex) and the `;` wait
    /// to be whole in the window (a reference to a character has no more), and give the
    /// character. More significant digits than that can only be an error: they are read in
    /// pieces too. The error, at the `&`: a byte that is not a digit (or a `;` after too many
    /// digits, or a value that is not an XML `Char`); else the end of the body.
    fn reference_piece(&mut self, from: usize, start: u32, hex: bool, overflow: bool) -> Result<RawEvent<'a>, Error> {
        let b = self.src.input.as_bytes().get(..self.src.end).unwrap_or(&[]);
        let radix = if hex { 16 } else { 10 };
        let rest = b.get(from..).unwrap_or(&[]);
        let first = if overflow { 0 } else { rest.iter().position(|&c| c != b'0').unwrap_or(rest.len()) };
        let tail = rest.get(first..).unwrap_or(&[]);
        let n = tail.iter().position(|&c| !char::from(c).is_digit(radix)).unwrap_or(tail.len());
        let overflow = overflow || n > if hex { 6 } else { 7 };
        let invalid = Error::new(ErrorKind::InvalidReference, crate::offset::widen(start));
        match tail.get(n) {
            Some(b';') if !overflow => {
                let digits = tail.get(..n).unwrap_or(&[]);
                let value = digits
                    .iter()
                    .try_fold(0u32, |v, &d| v.checked_mul(radix)?.checked_add(char::from(d).to_digit(radix)?));
                let value = value.and_then(char::from_u32).filter(|&c| text::is_xml_char(c)).ok_or(invalid)?;
                self.st.pos = plus!(plus!(plus!(from, first), n), 1);
                self.st.phase = Phase::Content;
                Ok(RawEvent::Char { value, start, end: self.at(self.st.pos) })
            }
            Some(_) => Err(invalid),
            None if self.src.is_final() => Err(self.eof()),
            None => {
                // The window ends in the digits: the zeros are read (and an overflow's
                // digits); the significant digits wait to be whole.
                let read = if overflow { rest.len() } else { first };
                self.st.pos = plus!(from, read);
                self.st.phase = Phase::inside(Inside::Reference { start, hex, overflow });
                Err(self.eof())
            }
        }
    }

    /// A character that XML does not allow in `from..to` of the input: the error the
    /// tokenizer gives for it in a comment or CDATA section.
    #[cfg_attr(not(feature = "small"), inline(never))]
    fn check_chars(&self, from: usize, to: usize) -> Result<(), Error> {
        match scan::bad_char(self.src.input, from, to) {
            Some(i) => Err(self.st.err(ErrorKind::InvalidChar, i)),
            None => Ok(()),
        }
    }

    /// The qualified name of the innermost open element: its copy in the arena (a windowed
    /// reader) or its start tag's in the input.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn top_name(&self) -> Option<&[u8]> {
        // With `small` every reader copies the names (see `push_tag_name`).
        #[cfg(feature = "small")]
        return self.st.names.top_name();
        #[cfg(not(feature = "small"))]
        {
            if self.src.in_arena() {
                return self.st.names.top_name();
            }
            let (tag, len) = self.st.names.top_tag()?;
            let b = self.src.input.as_bytes();
            let mut at = tag.checked_sub(self.st.base)?.checked_add(1)?;
            // `<:a>`, which xmlparser reads as the local name `a` with no prefix (as the start
            // tag pushed it): its name starts after the colon.
            if b.get(at) == Some(&b':') {
                at = at.checked_add(1)?;
            }
            b.get(at..at.checked_add(len)?)
        }
    }

    /// Resolves a start tag's prefix (bytes of `input`; `at` in `input`): as
    /// [`ReaderState::resolve`], through the bindings most recently resolved.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn resolve_start(&mut self, prefix: &[u8], at: usize) -> Result<NsRef, Error> {
        // Looked up before: a lazy lookup here measured 2% more instructions per body.
        #[cfg(not(feature = "small"))]
        let found = self.st.names.lookup_recent(prefix);
        // With `small`, no cache of the recent lookups: the innermost binding looked up.
        #[cfg(feature = "small")]
        let found = self.st.names.lookup_ref(prefix);
        #[cfg(not(feature = "small"))]
        let r = ns::resolve(prefix, Role::Element, self.st.dav_prefix_quirk, || found);
        #[cfg(feature = "small")]
        let r = ns::resolve_found(prefix, Role::Element, self.st.dav_prefix_quirk, found);
        r.map_err(|k| self.st.err(k, at))
    }

    #[cfg_attr(not(feature = "small"), inline(always))]
    fn start_tag(&mut self) -> Result<RawEvent<'a>, Error> {
        let start = self.st.pos;
        let b = self.src.input.as_bytes().get(..self.src.end).unwrap_or(&[]);
        let name = if scan::FAST { scan::qname(b, plus!(start, 1)) } else { None };
        let (tag, ns, dav_attribute) = match name.and_then(|n| bare_start_tag(b, &n)) {
            // The common tag: a name and no attribute.
            Some(tag) => {
                self.push_tag_name(start, &tag)?;
                (tag, self.enter_namespace(start, &tag)?, false)
            }
            None => self.start_tag_with_attributes(start, name)?,
        };
        let (tag_end, empty) = (tag.end(), tag.empty);
        self.st.pos = tag_end;
        let name = RawName::new(tag.prefix(), tag.local(), ns);
        if empty {
            self.st.pending_end = Some(PendingEnd { name, at: Offset::within(tag_end).raw() });
        }
        Ok(RawEvent::Start {
            name,
            start: Offset::within(start).raw(),
            end: Offset::within(tag_end).raw(),
            empty,
            dav_attribute,
        })
    }

    /// A start tag with attributes, or one the byte scanners leave to `xmlparser`: its element
    /// pushed, its declarations bound, its namespace and whether an attribute's prefix was
    /// read as `DAV:` by the quirk (`name`: the tag's name, if the byte scanners read it).
    /// Not inlined: its attributes (256 bytes) are kept in its own frame while it runs, not in
    /// the parse loop's for the whole parse. Cold: most tags have none (the loop laid out for
    /// them measured 1 to 3% fewer instructions in `next_into`).
    #[cfg(not(feature = "small"))]
    #[inline(never)]
    #[cold]
    fn start_tag_with_attributes(
        &mut self,
        start: usize,
        name: Option<scan::QName>,
    ) -> Result<(TagSpans, NsRef, bool), Error> {
        let mut attrs: heapless::Vec<AttrSpan, MAX_ATTRIBUTES> = heapless::Vec::new();
        let tag = match name.and_then(|n| self.scan_attributes(&n, &mut attrs)) {
            Some(tag) => tag,
            None => {
                attrs.clear();
                if self.tag_cut_by_window(start) {
                    return Err(self.eof());
                }
                self.tokenize_start_tag(start, &mut attrs)?
            }
        };
        self.push_tag_name(start, &tag)?;
        // Namespace declarations are bound (a prefix declared twice is a duplicate attribute,
        // found as it is bound); the others go through the duplicate check, if any.
        let (mut declares, mut others) = (false, false);
        for a in &attrs {
            declares |= a.declares();
            others |= !a.declares();
        }
        if declares {
            self.bind_declarations(&attrs)?;
        }
        let ns = self.enter_namespace(start, &tag)?;
        let dav_attribute = others && self.check_attributes(&attrs)?;
        Ok((tag, ns, dav_attribute))
    }

    /// The same with `small`, where every start tag is read by [`lex`] (`name` is `None`):
    /// its attributes are kept as where [`lex::tag_part`] reads each (4 bytes each, 128 in
    /// all), and read again from the tag, checked by then, to bind the declarations and to
    /// check the others. Inlined into `start_tag`, itself out of line: one frame under the
    /// lexer instead of two (a windowed parse's peak stack 112 bytes less, 224 bytes less code).
    #[cfg(feature = "small")]
    #[inline(always)]
    fn start_tag_with_attributes(
        &mut self,
        start: usize,
        _name: Option<scan::QName>,
    ) -> Result<(TagSpans, NsRef, bool), Error> {
        let mut attrs = AttrStarts::new();
        if self.tag_cut_by_window(start) {
            return Err(self.eof());
        }
        let (tag, declares, others) = self.tokenize_start_tag(start, &mut attrs)?;
        self.push_tag_name(start, &tag)?;
        // Namespace declarations are bound (a prefix declared twice is a duplicate attribute,
        // found as it is bound); the others go through the duplicate check, if any.
        if declares {
            self.bind_declarations(&attrs)?;
        }
        let ns = self.enter_namespace(start, &tag)?;
        let dav_attribute = others && self.check_attributes(&attrs)?;
        Ok((tag, ns, dav_attribute))
    }

    /// Opens the element of the start tag at `start`: its qualified name pushed.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn push_tag_name(&mut self, start: usize, tag: &TagSpans) -> Result<(), Error> {
        let ((prefix_at, prefix_len), (local_at, local_len)) = (tag.prefix(), tag.local());
        let qname_start = if prefix_len == 0 { local_at } else { prefix_at };
        let qname_end = plus!(local_at, local_len);
        let tag_at = plus!(self.st.base, start);
        // A windowed reader's input moves on: it copies the name. Others read it in place.
        // (With `small` every reader copies it: one way of keeping names, the same limits.)
        #[cfg(not(feature = "small"))]
        let pushed = if self.src.in_arena() {
            let qname = scan::sub_or_empty(self.src.input, qname_start, qname_end);
            self.st.names.push_element(qname, tag_at)
        } else {
            self.st.names.push_element_in_input(qname_end.saturating_sub(qname_start), tag_at)
        };
        #[cfg(feature = "small")]
        let pushed = self.st.names.push_element(scan::sub_or_empty(self.src.input, qname_start, qname_end), tag_at);
        pushed.map_err(|k| self.st.err(k, start))
    }

    /// The namespace of the element just opened (its own declarations bound), set on it.
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn enter_namespace(&mut self, start: usize, tag: &TagSpans) -> Result<NsRef, Error> {
        let (prefix_at, prefix_len) = tag.prefix();
        let prefix = self.src.input.as_bytes().get(prefix_at..plus!(prefix_at, prefix_len)).unwrap_or(&[]);
        let ns = self.resolve_start(prefix, start)?;
        // (Read again by the end tag's fast path, which `small` leaves out.)
        #[cfg(not(feature = "small"))]
        self.st.names.set_top_ns(ns.encode());
        Ok(ns)
    }

    /// The attributes of the start tag named `name`, read by the byte scanners ([`scan`]):
    /// `None` unless the tag is in their simple form (then [`XmlReader::tokenize_start_tag`]
    /// reads it).
    #[cfg(not(feature = "small"))]
    #[inline]
    fn scan_attributes(
        &self,
        name: &scan::QName,
        attrs: &mut heapless::Vec<AttrSpan, MAX_ATTRIBUTES>,
    ) -> Option<TagSpans> {
        let b = self.src.input.as_bytes().get(..self.src.end)?;
        let mut i = name.end;
        let (tag_end, empty) = loop {
            // Attribute offsets in `input` here (`err` adds the base); values in the body.
            match scan_tag_item(b, i)? {
                TagItem::End { after, empty } => break (after, empty),
                TagItem::Attribute(attr, next) => {
                    // Over the limit: the tokenizer path reports it.
                    attrs.push(attr).ok()?;
                    i = next;
                }
            }
        };
        Some(TagSpans::of(name, tag_end, empty))
    }

    /// The start tag at `start` read as `xmlparser` reads it ([`markup`]), attribute values
    /// checked.
    #[cfg(not(feature = "small"))]
    #[inline(never)]
    fn tokenize_start_tag(
        &self,
        start: usize,
        attrs: &mut heapless::Vec<AttrSpan, MAX_ATTRIBUTES>,
    ) -> Result<TagSpans, Error> {
        let mut s = xmlparser::Stream::from_substr(self.src.input, start..self.src.end);
        let fault = |e: StreamError| self.markup_error(Some(&e), start, ">", ErrorKind::MalformedMarkup);
        let (prefix, local) = markup::element_start(&mut s).map_err(fault)?;
        let empty = loop {
            match markup::tag_part(&mut s).map_err(fault)? {
                markup::TagPart::Attribute { name: (prefix, local), value } => {
                    // Offsets in `input` here; `err` adds the base.
                    let offset = if prefix.is_empty() { local.start() } else { prefix.start() };
                    self.check_attribute_value(value.as_str(), value.start())?;
                    let a = RawAttribute {
                        prefix: prefix.as_str(),
                        local: local.as_str(),
                        value: Text::attribute(value.as_str(), plus!(self.st.base, value.start())),
                        offset,
                    };
                    attrs.push(AttrSpan::of(&a)).map_err(|_| self.st.err(ErrorKind::AttributeLimit, offset))?;
                }
                markup::TagPart::End { empty } => break empty,
            }
        };
        Ok(TagSpans::read((prefix, local), s.pos(), empty))
    }

    /// The same with `small`, read by [`lex`]: where each attribute is read from kept in
    /// `attrs`; whether one is a namespace declaration, whether one is not.
    #[cfg(feature = "small")]
    #[inline(never)]
    fn tokenize_start_tag(&self, start: usize, attrs: &mut AttrStarts) -> Result<(TagSpans, bool, bool), Error> {
        let s = self.src.input.get(..self.src.end).unwrap_or("");
        let fault = |f| self.fault(f, start, ">", ErrorKind::MalformedMarkup);
        let name = lex::qname(s, plus!(start, 1)).map_err(fault)?;
        let (mut i, mut declares_any, mut others) = (name.end, false, false);
        loop {
            match lex::tag_part(s, i).map_err(fault)? {
                lex::Part::Attribute { name: attr, value, next } => {
                    // Offsets in `input` here; `err` adds the base.
                    let a = lexed_attribute(s, self.st.base, &attr, value);
                    self.check_attribute_value(a.value.raw(), value.0)?;
                    let at = offset::narrow_in_body(i);
                    attrs.push(at).map_err(|_| self.st.err(ErrorKind::AttributeLimit, a.offset))?;
                    let d = a.is_namespace_declaration();
                    (declares_any, others) = (declares_any | d, others | !d);
                    i = next;
                }
                lex::Part::End { after, empty } => {
                    return Ok((TagSpans::read(&name, after, empty), declares_any, others));
                }
            }
        }
    }

    /// Every `&` in an attribute value must be a valid reference. Out of line with `small`:
    /// its locals are not in the tokenizer's frame.
    #[cfg_attr(feature = "small", inline(never))]
    fn check_attribute_value(&self, value: &str, at: usize) -> Result<(), Error> {
        let mut from = 0usize;
        while let Some(i) = value.as_bytes().get(from..).and_then(|r| scan::memchr(b'&', r)) {
            let i = plus!(from, i);
            match text::parse_reference(value.get(i..).unwrap_or("")) {
                Ok((_, len)) => from = plus!(i, len),
                Err(_) => return Err(self.st.err(ErrorKind::InvalidReference, plus!(at, i))),
            }
        }
        Ok(())
    }

    /// The namespace declarations among `attrs`, bound (`xmlns:xml` twice is a duplicate).
    #[cfg(not(feature = "small"))]
    #[inline(never)]
    fn bind_declarations(&mut self, attrs: &[AttrSpan]) -> Result<(), Error> {
        let mut xml_declared = false;
        for a in attrs.iter().filter(|a| a.declares()) {
            let (prefix, value, at) = a.declaration(self.src.input, self.st.base);
            self.declare(prefix, value, at, &mut xml_declared)?;
        }
        Ok(())
    }

    /// The same with `small`: each attribute read again by [`lex`] from where `attrs` says.
    #[cfg(feature = "small")]
    #[inline(never)]
    fn bind_declarations(&mut self, attrs: &[u32]) -> Result<(), Error> {
        let s = self.src.input.get(..self.src.end).unwrap_or("");
        let mut xml_declared = false;
        for &i in attrs {
            let Ok(lex::Part::Attribute { name, value, .. }) = lex::tag_part(s, offset::widen(i)) else { continue };
            let a = lexed_attribute(s, self.st.base, &name, value);
            let Some(prefix) = a.declared_prefix() else { continue };
            self.declare(prefix, a.value, a.offset, &mut xml_declared)?;
        }
        Ok(())
    }

    /// A namespace declaration (Namespaces in XML 1.0 §3) whose attribute is at `at`;
    /// `xml_declared`: whether the tag declared `xml` before (twice is a duplicate attribute:
    /// it is not bound, so not found as bound twice).
    fn declare(&mut self, prefix: &str, value: Text<'a>, at: usize, xml_declared: &mut bool) -> Result<(), Error> {
        self.bind_declaration(prefix, value, at, xml_declared).map_err(|k| self.st.err(k, at))
    }

    /// [`Cursor::declare`], its error's kind (one place adds its offset).
    fn bind_declaration(
        &mut self,
        prefix: &str,
        value: Text<'a>,
        at: usize,
        xml_declared: &mut bool,
    ) -> Result<(), ErrorKind> {
        if prefix == "xml" && core::mem::replace(xml_declared, true) {
            return Err(ErrorKind::DuplicateAttribute);
        }
        if !ns::check_declaration(prefix, &value)? {
            // `xmlns:xml` to its own URI: always bound anyway.
            return Ok(());
        }
        if self.st.names.top_declares_prefix(prefix) {
            return Err(ErrorKind::DuplicateAttribute);
        }
        let written = plus!(self.st.base, at);
        self.st.names.bind_declared(prefix, value, names::kind_of(&value), written)
    }

    /// The attributes other than namespace declarations resolved, duplicates refused
    /// ([`ns::check_attributes`]); whether one's prefix was read as `DAV:` by the quirk.
    #[cfg(not(feature = "small"))]
    #[inline(never)]
    fn check_attributes(&self, attrs: &[AttrSpan]) -> Result<bool, Error> {
        let names = attrs.iter().filter(|a| !a.declares()).map(|a| {
            let (prefix, local) = a.name(self.src.input);
            ns::AttributeName { prefix, local, at: offset::widen(a.at) }
        });
        ns::check_attributes(names, &self.st.names, self.st.dav_prefix_quirk).map_err(|(k, at)| self.st.err(k, at))
    }

    /// The same with `small`: each attribute's name read again by [`lex`] from where `attrs`
    /// says (its value is not read again).
    #[cfg(feature = "small")]
    #[inline(never)]
    fn check_attributes(&self, attrs: &[u32]) -> Result<bool, Error> {
        // Every prefix resolved first, in document order (so its error comes first).
        let mut quirk = false;
        for &i in attrs {
            quirk |= self.attribute_key(i)?.is_some_and(|k| k.2);
        }
        for (j, &i) in attrs.iter().enumerate() {
            let Some(b) = self.attribute_key(i)? else { continue };
            for &h in attrs.get(..j).unwrap_or(&[]) {
                if self.attribute_key(h)?.is_some_and(|a| a.0 == b.0) {
                    return Err(self.st.err(ErrorKind::DuplicateAttribute, b.1));
                }
            }
        }
        Ok(quirk)
    }

    /// With `small`: what tells the attribute that [`lex::tag_part`] reads at `i` (of the
    /// tag just read) from the others, its local name and namespace (see
    /// [`ns::attribute_identity`]); its offset; whether the quirk read its prefix as `DAV:`.
    /// `None` for a namespace declaration.
    #[cfg(feature = "small")]
    #[inline(never)]
    #[allow(clippy::type_complexity)]
    fn attribute_key(&self, i: u32) -> Result<Option<((&[u8], (u8, &[u8])), usize, bool)>, Error> {
        let s = self.src.input.get(..self.src.end).unwrap_or("");
        let Ok(q) = lex::qname(s, scan::skip_spaces(s.as_bytes(), offset::widen(i))) else { return Ok(None) };
        let (prefix, local, at) = lexed_name(s, &q);
        if declared_prefix(prefix, local).is_some() {
            return Ok(None);
        }
        let (id, quirk) = ns::attribute_identity(prefix.as_bytes(), &self.st.names, self.st.dav_prefix_quirk)
            .map_err(|k| self.st.err(k, at))?;
        Ok(Some(((local.as_bytes(), id), at, quirk)))
    }

    /// An end tag. Out of line with `small`: its locals are not in `content`'s frame, under
    /// which start tags are read.
    #[cfg(not(feature = "small"))]
    #[inline(always)]
    fn end_tag(&mut self) -> Result<RawEvent<'a>, Error> {
        let start = self.st.pos;
        // With `small`, every end tag is read in full: the same event (its name, namespace and
        // offsets), without the fast path's code.
        #[cfg(not(feature = "small"))]
        if let Some(ev) = self.expected_end_tag(start) {
            return Ok(ev);
        }
        let tag = match self.scan_end_tag(start) {
            Some(t) => t,
            None if self.tag_cut_by_window(start) => return Err(self.eof()),
            None => self.tokenize_end_tag(start)?,
        };
        let (prefix_span, local_span, tag_end) = (tag.prefix(), tag.local(), tag.end());
        let span = |(at, len): (usize, usize)| scan::sub_or_empty(self.src.input, at, plus!(at, len));
        let (prefix, local) = (span(prefix_span), span(local_span));
        // The name as written (`</:a>`, which xmlparser reads with an empty prefix, as `a`).
        let qname = match prefix.is_empty() {
            true => local,
            false => self
                .src
                .input
                .get(plus!(start, 2)..)
                .and_then(|r| r.get(..plus!(plus!(prefix.len(), local.len()), 1)))
                .unwrap_or(""),
        };
        if self.top_name() != Some(qname.as_bytes()) {
            return Err(self.st.err(ErrorKind::MismatchedEndTag, start));
        }
        let ns = self.st.resolve(prefix.as_bytes(), Role::Element, start)?;
        self.close();
        self.st.pos = tag_end;
        Ok(RawEvent::End {
            name: RawName::new(prefix_span, local_span, ns),
            start: Offset::within(start).raw(),
            end: Offset::within(tag_end).raw(),
        })
    }

    /// The end tag at `start` when it is the innermost open element's name as written,
    /// then optional white space and `>` (the common case: no name to scan, no prefix to
    /// resolve again). `None` for anything else, which [`XmlReader::end_tag`] reads in full.
    #[cfg(not(feature = "small"))]
    #[inline(always)]
    fn expected_end_tag(&mut self, start: usize) -> Option<RawEvent<'a>> {
        let b = self.src.input.as_bytes().get(..self.src.end)?;
        let name = self.top_name()?;
        let from = start.checked_add(2)?;
        let to = from.checked_add(name.len())?;
        if !scan::eq_short(b.get(from..to)?, name) {
            return None;
        }
        let close = scan::skip_spaces(b, to);
        if b.get(close) != Some(&b'>') {
            return None;
        }
        // `c` is inside the name, which is inside the input: nothing here can wrap.
        let name = match scan::colon_in(name) {
            Some(c) => RawName::new(
                (from, c),
                (from.wrapping_add(c).wrapping_add(1), name.len().wrapping_sub(c).wrapping_sub(1)),
                NsRef::None,
            ),
            None => RawName::new((from, 0), (from, name.len()), NsRef::None),
        };
        let name = RawName { ns: self.st.names.top_ns()?, ..name };
        self.close();
        self.st.pos = plus!(close, 1);
        Some(RawEvent::End { name, start: Offset::within(start).raw(), end: Offset::within(self.st.pos).raw() })
    }

    /// The end tag at `start` read by the byte scanners: prefix, local name, end of the tag.
    #[cfg(not(feature = "small"))]
    #[inline]
    fn scan_end_tag(&self, start: usize) -> Option<TagSpans> {
        if !scan::FAST {
            return None;
        }
        let b = self.src.input.as_bytes().get(..self.src.end)?;
        let name = scan::qname(b, plus!(start, 2))?;
        let close = scan::skip_spaces(b, name.end);
        if b.get(close) != Some(&b'>') {
            return None;
        }
        Some(TagSpans::of(&name, plus!(close, 1), false))
    }

    /// The end tag at `start` read as `xmlparser` reads it ([`markup`]).
    #[cfg(not(feature = "small"))]
    #[inline(never)]
    fn tokenize_end_tag(&self, start: usize) -> Result<TagSpans, Error> {
        let mut s = xmlparser::Stream::from_substr(self.src.input, start..self.src.end);
        let name =
            markup::end_tag(&mut s).map_err(|e| self.markup_error(Some(&e), start, ">", ErrorKind::MalformedMarkup))?;
        // `</:a>` (xmlparser reads an empty prefix): the qualified name is `:a`.
        Ok(TagSpans::read(name, s.pos(), false))
    }

    /// The same with `small`, read by [`lex`]: its name and the index after its `>`. Inlined
    /// into `end_tag`, itself out of line (80 bytes less code, the same peak stack).
    #[cfg(feature = "small")]
    #[inline(always)]
    fn tokenize_end_tag(&self, start: usize) -> Result<(scan::QName, usize), Error> {
        let s = self.src.input.get(..self.src.end).unwrap_or("");
        lex::end_tag(s, start).map_err(|f| self.fault(f, start, ">", ErrorKind::MalformedMarkup))
    }

    /// The end tag with `small`: read by [`lex`] (there is no fast path), its name as written
    /// compared with the innermost open element's, its prefix resolved. The same event as by
    /// default.
    #[cfg(feature = "small")]
    #[inline(never)]
    fn end_tag(&mut self) -> Result<RawEvent<'a>, Error> {
        let start = self.st.pos;
        if self.tag_cut_by_window(start) {
            return Err(self.eof());
        }
        let (name, tag_end) = self.tokenize_end_tag(start)?;
        // The name as written, as its start tag pushed it (`</:a>`: `a`, after the colon).
        let from = match name.colon {
            Some(c) if c == name.start => plus!(c, 1),
            _ => name.start,
        };
        let b = self.src.input.as_bytes();
        if self.top_name() != b.get(from..name.end) {
            return Err(self.st.err(ErrorKind::MismatchedEndTag, start));
        }
        let (p, q) = name.prefix();
        let ns = self.st.resolve(b.get(p..q).unwrap_or(&[]), Role::Element, start)?;
        self.close();
        self.st.pos = tag_end;
        let tag = TagSpans::read(&name, tag_end, false);
        Ok(RawEvent::End {
            name: RawName::new(tag.prefix(), tag.local(), ns),
            start: Offset::within(start).raw(),
            end: Offset::within(tag_end).raw(),
        })
    }

    #[cfg_attr(not(feature = "small"), inline(always))]
    fn end_of_empty(&mut self, p: PendingEnd) -> Result<RawEvent<'a>, Error> {
        self.close();
        Ok(RawEvent::End { name: p.name, start: p.at, end: p.at })
    }

    /// Pops the innermost element; after the root the content ends (a fragment reader goes
    /// on to the next sibling, up to its end).
    fn close(&mut self) {
        self.st.pending_pop = true;
        if self.st.names.depth() == 1 && !self.src.is_fragment() {
            self.st.phase = Phase::Epilog;
        }
    }
}

/// Whether an encoding name is one this crate reads (UTF-8 and its subset US-ASCII).
fn is_utf8_name(e: &str) -> bool {
    scan::eq_ignore_case(e, "UTF-8") || scan::eq_ignore_case(e, "US-ASCII")
}

/// `<?xml` followed by white space or `?`: an XML declaration, not a PI such as
/// `<?xml-stylesheet` (at the end of the input it may still be either: not this).
fn is_xml_decl_start(s: &str) -> bool {
    s.strip_prefix("<?xml").is_some_and(|r| text::starts_with_space(r) || r.starts_with('?'))
}

/// The markup that a `<!` or `<?` begins, as its opening tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Opening {
    /// `<!--`.
    Comment,
    /// `<![CDATA[`.
    Cdata,
    /// `<?` but not an XML declaration.
    Pi,
    /// An XML declaration ([`is_xml_decl_start`]).
    Declaration,
    /// Anything else.
    Other,
}

impl Opening {
    /// The markup `r` starts with.
    fn of(r: &str) -> Self {
        if r.starts_with("<!--") {
            Opening::Comment
        } else if r.starts_with("<![CDATA[") {
            Opening::Cdata
        } else if is_xml_decl_start(r) {
            Opening::Declaration
        } else if r.starts_with("<?") {
            Opening::Pi
        } else {
            Opening::Other
        }
    }

    /// A comment's or PI's opening length and terminator.
    fn comment_or_pi(self) -> (usize, &'static [u8]) {
        if self == Opening::Comment { (4, b"-->") } else { (2, b"?>") }
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Iterator for XmlReader<'a, D, NS, B> {
    type Item = Result<XmlEvent<'a>, Error>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_event()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(not(feature = "small"))]
    fn a_start_tag_keeps_its_attributes_in_256_bytes() {
        // Stated in the README's memory table: 8 bytes an attribute while a tag is read
        // (a `RawAttribute` is 64).
        assert_eq!(core::mem::size_of::<AttrSpan>() * MAX_ATTRIBUTES, 256);
    }

    #[test]
    #[cfg(feature = "small")]
    fn a_start_tag_keeps_its_attributes_in_128_bytes_with_small() {
        // Where `lex` reads each attribute from, 4 bytes each.
        assert_eq!(core::mem::size_of::<AttrStarts>(), 128 + core::mem::size_of::<usize>());
    }

    #[test]
    fn a_tag_cut_by_the_window_is_what_the_tokenizer_finds_cut() {
        // `tag_cut_by_window` spares the tokenizer a tag that a window cuts: wherever it says
        // so, the tokenizer's answer is the input's end, and it never says so of a whole tag.
        let mut checked = 0;
        let end_tags = crate::markup::tests::OTHERS.iter().filter(|m| m.starts_with("</"));
        for tag in crate::markup::tests::TAGS.iter().chain(end_tags) {
            for (cut, _) in tag.char_indices().skip(1).chain([(tag.len(), ' ')]) {
                let window = tag.get(..cut).unwrap_or("");
                let mut state = ReaderState::<8, 8, 256>::new(false);
                let cur = Cursor::new(Source::window(window, false, None, false), &mut state);
                if !cur.tag_cut_by_window(0) {
                    continue;
                }
                assert!(cut < tag.len(), "{tag:?} whole");
                let mut attrs = heapless::Vec::new();
                let read = match tag.starts_with("</") {
                    true => cur.tokenize_end_tag(0).map(|_| ()),
                    false => cur.tokenize_start_tag(0, &mut attrs).map(|_| ()),
                };
                assert_eq!(read, Err(cur.eof()), "{window:?}");
                checked += 1;
            }
        }
        assert!(checked > 100, "{checked}");
    }

    #[test]
    fn the_last_window_leaves_a_cut_tag_to_the_tokenizer() {
        // At the end of the body the error is the tokenizer's (its kind and offset).
        let mut state = ReaderState::<8, 8, 256>::new(false);
        let cur = Cursor::new(Source::window("<a b=\"1", true, None, false), &mut state);
        assert!(!cur.tag_cut_by_window(0));
    }
}
