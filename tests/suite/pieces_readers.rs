//! The two readers that the pieces-mode tests (`window_pieces`, `window_pieces_limits`)
//! compare, and their comparisons: the whole-body parser ([`whole`]) and a `WindowParser` in
//! pieces mode ([`pieces`]), each rendering what it read as the same lines: a unit as its
//! kind, start tag (name, offset, attributes), value, every element inside it (depth, name,
//! offset, attributes, end) and end; a description as its value and offset; any other
//! event as its [`event_line`]. Pieces mode's pieces are also checked to be where they say
//! they are in the body, in order.

use crate::common::{self, event_line};
use multistatus::{Attributes, Element, Error, Event, Node, Parser, Piece, Tag, UnitKind, WindowParser};

/// What a reader read: a line per event, and the error that stopped it.
pub type Lines = (Vec<String>, Option<Error>);

/// An element's attributes as `name=value` lines (names resolved, values unescaped).
fn attributes_of(attrs: Attributes<'_>) -> Vec<String> {
    attrs.map(|a| format!("{}={:?}", a.name, a.value.to_string())).collect()
}

/// A start tag's line: its name, offset and attributes.
fn tag_line(name: String, offset: usize, attrs: Attributes<'_>) -> String {
    format!("{name}@{offset} {:?}", attributes_of(attrs))
}

/// The line of a unit: what it is, its start tag, its value (text, or the names of its
/// child elements), every element inside it, and where it ends.
fn unit_line(kind: UnitKind, tag: &str, value: &str, inside: &[String], end: usize) -> String {
    format!("{kind:?} {tag} value={value} inside={inside:?} end={end}")
}

/// A description's line: its value (the text at every depth) and where it starts.
fn description_line(value: &str, offset: usize) -> String {
    format!("Description {value:?}@{offset}")
}

/// A unit's value: its text, or the names of its child elements when it has some.
fn value_line(text: &str, children: &[String]) -> String {
    if children.is_empty() { format!("{text:?}") } else { format!("{children:?}") }
}

/// Every element inside `e` (not `e`), depth first: its depth below `e`, start tag and end.
fn descendants(e: &Element<'_>, depth: usize, out: &mut Vec<String>) {
    for c in e.children() {
        if let Node::Element(c) = c.unwrap() {
            out.push(format!("{depth} {} end={}", tag_line(c.name().to_string(), c.offset(), c.attributes()), c.end()));
            descendants(&c, depth + 1, out);
        }
    }
}

/// The whole-body parser's events, a unit as its [`unit_line`].
pub fn whole(body: &[u8]) -> Lines {
    let mut out = Vec::new();
    let parser: Parser<'_> = match Parser::new(body) {
        Ok(p) => p,
        Err(e) => return (out, Some(e)),
    };
    for ev in parser {
        let ev = match ev {
            Ok(ev) => ev,
            Err(e) => return (out, Some(e)),
        };
        out.push(match &ev {
            Event::Property(e) | Event::Error(e) | Event::Unknown(e) => {
                let kind = match ev {
                    Event::Property(_) => UnitKind::Property,
                    Event::Error(_) => UnitKind::Error,
                    _ => UnitKind::Unknown,
                };
                let value = match e.text() {
                    Some(t) => format!("{:?}", t.to_string()),
                    None => format!("{:?}", common::child_names(e).unwrap()),
                };
                let mut inside = Vec::new();
                descendants(e, 1, &mut inside);
                let tag = tag_line(e.name().to_string(), e.offset(), e.attributes());
                unit_line(kind, &tag, &value, &inside, e.end())
            }
            Event::Description(t) => description_line(&t.to_string(), t.offset()),
            other => event_line(other),
        });
    }
    (out, None)
}

/// A unit being put together from its pieces.
struct Unit {
    kind: UnitKind,
    tag: String,
    /// Where its content starts (a description's value is there).
    content: usize,
    /// Its own text (depth 0), and its text at every depth (a description's value).
    text: String,
    all_text: String,
    children: Vec<String>,
    /// The lines of the elements inside it ([`descendants`]'), and which of them are open.
    inside: Vec<String>,
    open: Vec<usize>,
}

/// Puts pieces-mode events together into the lines of [`whole`], checking each piece.
struct Assembler<'b> {
    body: &'b [u8],
    out: Vec<String>,
    unit: Option<Unit>,
    /// Where the last piece (or tag) ended: the next starts there or after.
    read_to: usize,
    /// The largest piece seen (bytes of the body it covers).
    largest_piece: usize,
}

impl Assembler<'_> {
    /// Checks that `raw` stands in the body at `offset`, not before what was read last.
    fn at(&mut self, offset: usize, raw: &str) {
        assert!(offset >= self.read_to, "a piece at {offset}, before the end of the last one at {}", self.read_to);
        let found = self.body.get(offset..offset + raw.len());
        assert_eq!(found, Some(raw.as_bytes()), "a piece of {raw:?} is not at its offset {offset}");
        self.read_to = offset + raw.len();
    }

    /// [`Assembler::at`] for a piece or a tag, which must fit in the window.
    fn piece_at(&mut self, offset: usize, raw: &str) {
        self.at(offset, raw);
        self.largest_piece = self.largest_piece.max(raw.len());
    }

    /// Checks a tag's offsets and raw text.
    fn tag(&mut self, tag: &Tag<'_>) {
        self.piece_at(tag.offset(), tag.raw());
        assert_eq!(tag.end(), self.read_to, "a tag's end");
    }

    /// Checks an end tag's offsets: `</…>` there, or nothing just after an empty-element tag.
    fn end_tag(&mut self, offset: usize, end: usize) {
        if offset == end {
            assert_eq!(offset, self.read_to, "the end of an empty element is not its tag's end");
            assert!(self.body[..offset].ends_with(b"/>"), "the end at {offset} is not after an empty-element tag");
        } else {
            let raw = std::str::from_utf8(&self.body[offset..end]).unwrap();
            assert!(raw.starts_with("</") && raw.ends_with('>'), "not an end tag at {offset}..{end}: {raw:?}");
            self.at(offset, raw);
        }
    }

    /// Checks a character reference's offsets: `&#…;` there, whose character is `value`.
    fn char_ref(&mut self, value: char, offset: usize, end: usize) {
        assert!(offset >= self.read_to && offset < end, "a reference at {offset}..{end}, read to {}", self.read_to);
        let raw = std::str::from_utf8(&self.body[offset..end]).unwrap();
        let digits = raw.strip_prefix("&#").and_then(|r| r.strip_suffix(';')).expect("not a reference");
        let code = match digits.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16),
            None => digits.parse(),
        };
        assert_eq!(code.ok().and_then(char::from_u32), Some(value), "the reference {raw:?} at {offset}");
        self.read_to = end;
    }

    fn take(&mut self, ev: Event<'_>) {
        match ev {
            Event::UnitStart { kind, tag } => {
                assert!(self.unit.is_none(), "a unit inside a unit");
                self.tag(&tag);
                self.unit = Some(Unit {
                    kind,
                    tag: tag_line(tag.name().to_string(), tag.offset(), tag.attributes()),
                    content: tag.end(),
                    text: String::new(),
                    all_text: String::new(),
                    children: Vec::new(),
                    inside: Vec::new(),
                    open: Vec::new(),
                });
            }
            Event::Piece(p) => self.piece(p),
            Event::UnitEnd { kind, offset, end } => {
                self.end_tag(offset, end);
                let u = self.unit.take().expect("an end outside a unit");
                assert_eq!(u.kind, kind);
                assert!(u.open.is_empty(), "a unit ends with elements open in it");
                self.out.push(match kind {
                    UnitKind::Description => description_line(&u.all_text, u.content),
                    _ => unit_line(kind, &u.tag, &value_line(&u.text, &u.children), &u.inside, end),
                });
            }
            Event::Property(_) | Event::Error(_) | Event::Unknown(_) | Event::Description(_) => {
                panic!("a whole unit in pieces mode: {ev:?}")
            }
            other => {
                assert!(self.unit.is_none() || matches!(other, Event::Quirk(_)), "{other:?} inside a unit");
                self.out.push(event_line(&other));
            }
        }
    }

    fn piece(&mut self, p: Piece<'_>) {
        let value = match &p {
            Piece::Start(t) => {
                self.tag(t);
                let u = self.unit.as_mut().expect("a piece outside a unit");
                let depth = u.open.len() + 1;
                if depth == 1 {
                    u.children.push(t.name().to_string());
                }
                u.open.push(u.inside.len());
                u.inside.push(format!("{depth} {}", tag_line(t.name().to_string(), t.offset(), t.attributes())));
                return;
            }
            Piece::End { offset, end } => {
                self.end_tag(*offset, *end);
                let u = self.unit.as_mut().expect("a piece outside a unit");
                let i = u.open.pop().expect("an end of an element not open");
                u.inside[i].push_str(&format!(" end={end}"));
                return;
            }
            Piece::Text(t) => {
                assert!(!t.raw().is_empty(), "an empty text piece");
                self.piece_at(t.offset(), t.raw());
                t.to_string()
            }
            Piece::Cdata(c) => {
                assert!(!c.raw().is_empty(), "an empty CDATA piece");
                self.piece_at(c.offset(), c.raw());
                c.to_string()
            }
            Piece::CharRef { value, offset, end } => {
                self.char_ref(*value, *offset, *end);
                value.to_string()
            }
            other => panic!("a piece of a new kind: {other:?}"),
        };
        let u = self.unit.as_mut().expect("a piece outside a unit");
        if u.open.is_empty() {
            u.text.push_str(&value);
        }
        u.all_text.push_str(&value);
    }
}

/// What pieces mode read: its [`Lines`], and the largest piece or tag (bytes of the body).
pub struct Read {
    pub lines: Lines,
    pub largest_piece: usize,
}

/// Pieces mode through a buffer of `cap` bytes: each feed adds `step()` bytes to the window
/// (at most up to `cap` bytes from where the parser still needs the body); when `split` is
/// given, one window ends exactly there.
pub fn pieces(body: &[u8], cap: usize, split: Option<usize>, step: &mut dyn FnMut() -> usize) -> Read {
    let mut a = Assembler { body, out: Vec::new(), unit: None, read_to: 0, largest_piece: 0 };
    let error = read_in_pieces(&mut a, cap, split, step);
    Read { lines: (a.out, error), largest_piece: a.largest_piece }
}

/// [`pieces`]' loop: feeds the windows, hands the events to `a`, returns the error.
fn read_in_pieces(
    a: &mut Assembler<'_>,
    cap: usize,
    split: Option<usize>,
    step: &mut dyn FnMut() -> usize,
) -> Option<Error> {
    let body = a.body;
    let mut parser = WindowParser::new().in_pieces();
    let (mut start, mut end) = (0usize, 0usize);
    loop {
        let mut next = (end + step().max(1)).min(start + cap).min(body.len()).max(start);
        if let Some(k) = split
            && end < k
            && k < next
        {
            next = k;
        }
        end = next;
        let last = end == body.len();
        let mut feed = match parser.feed(&body[start..end], start, last) {
            Ok(f) => f,
            Err(e) => return Some(e),
        };
        while let Some(ev) = feed.next_event() {
            match ev {
                Ok(ev) => a.take(ev),
                Err(e) => return Some(e),
            }
        }
        if parser.is_done() {
            assert!(a.unit.is_none(), "done inside a unit");
            return None;
        }
        assert!(!last, "the last window ended without an error, and the body is not done");
        start = parser.keep_from();
        assert!(start <= end);
    }
}

/// A xorshift step source: 1 to `max`.
pub fn random_steps(seed: u64, max: usize) -> impl FnMut() -> usize {
    let mut s = seed | 1;
    move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s % max as u64) as usize + 1
    }
}

/// Asserts that pieces mode read what the whole-body parser read.
pub fn compare(what: &str, got: &Lines, expected: &Lines) {
    let (out, err) = got;
    if let Some(i) = out.iter().zip(&expected.0).position(|(g, e)| g != e) {
        panic!("{what}: event {i} differs:\n  pieces: {}\n  whole:  {}", out[i], expected.0[i]);
    }
    assert_eq!(out.len(), expected.0.len(), "{what}: event counts differ (error {err:?})");
    assert_eq!(*err, expected.1, "{what}: errors differ");
}

/// `body` through a buffer of `cap` bytes with a window ending at every byte of it (the
/// others `cap` long), against `expected`.
pub fn at_every_split(name: &str, body: &[u8], cap: usize, expected: &Lines) {
    for k in 1..=body.len() {
        let what = format!("{name}: cap {cap}, a window ends at {k}");
        compare(&what, &pieces(body, cap, Some(k), &mut || cap).lines, expected);
    }
}

/// `body` through a buffer of `cap` bytes in `seeds` random chunkings, against `expected`.
/// Chunking `seed` starts the xorshift at `seed * 0x9E37_79B9 + salt` (each file keeps the
/// chunkings it has always had).
pub fn in_random_chunks(name: &str, body: &[u8], cap: usize, seeds: u64, salt: u64, expected: &Lines) {
    for seed in 0..seeds {
        let mut step = random_steps(seed.wrapping_mul(0x9E37_79B9) + salt, cap);
        compare(&format!("{name}: cap {cap}, seed {seed}"), &pieces(body, cap, None, &mut step).lines, expected);
    }
}
