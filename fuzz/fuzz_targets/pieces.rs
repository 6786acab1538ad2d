//! Pieces mode of the windowed parser against the whole body: the input is a body and a
//! chunking (the first bytes give the chunk sizes), as for `split`. Streamed in pieces
//! mode through a buffer that keeps only what the parser still needs, each unit (property,
//! `error`, unknown element, `responsedescription`) put together again from its pieces must
//! equal the whole-body parser's: its name, the bytes it spans, its value (the text at its
//! own depth, or the names of its child elements; for a description, the text at every
//! depth). Every other event and the end (success, or the same error at the same offset)
//! must be the same; no piece is empty, pieces nest (every `Start` has its `End`); never a
//! panic, never a loop (the number of feeds is bounded, as in `split`). The parser is fed as
//! its docs ask (again once the bytes it needs have doubled): fed after every 1-byte chunk, a
//! unit that must fit whole (a tag, an href; a PI, when finding P1 was made) is read again at
//! each byte, the square of its length, which the 1 s timeout took for a hang (fuzz/README.md,
//! finding P1). A `sync::SyncSorter` fed the events of each stream sorts every response
//! alike and stops at the same error (a value too long for it: the same kind and offset).
#![no_main]

use libfuzzer_sys::fuzz_target;
use multistatus::sync::SyncSorter;
use multistatus::{Element, Error, Event, Node, Parser, Piece, UnitKind, WindowParser};
use multistatus_fuzz::{chunked, stream_chunked, summary};

/// What is compared of a unit: the same line from the whole body and from the pieces.
fn unit_line(kind: UnitKind, name: &str, span: (usize, usize), value: &str) -> String {
    format!("{kind:?} {name} {}..{} {value}", span.0, span.1)
}

fn names_of_children(e: &Element<'_>) -> Vec<String> {
    e.children()
        .filter_map(|c| match c {
            Ok(Node::Element(c)) => Some(c.name().to_string()),
            _ => None,
        })
        .collect()
}

/// Small sizes, so that a value too long for the sorter is found too.
type Sorter = SyncSorter<'static, 48, 12>;

/// The sorter's answer to one event, as a line, if it gives one (its first error only).
fn sort(sorter: &mut Sorter, stopped: &mut bool, ev: &Event<'_>) -> Option<String> {
    match sorter.on_event(ev) {
        Ok(Some(s)) => Some(format!("sorted {s:?}")),
        Ok(None) => None,
        Err(_) if *stopped => None,
        Err(e) => {
            *stopped = true;
            Some(format!("sorter stopped: {e:?}"))
        }
    }
}

fn whole(body: &[u8]) -> (Vec<String>, Option<Error>) {
    let mut out = vec![];
    let (mut sorter, mut stopped) = (Sorter::with_sizes().with_collection("/c/"), false);
    for ev in Parser::new(body).expect("under 4 GiB") {
        let ev = match ev {
            Ok(ev) => ev,
            Err(e) => return (out, Some(e)),
        };
        let unit = |kind, e: &Element<'_>| {
            let value = match e.text() {
                Some(t) => format!("{:?}", t.to_string()),
                None => format!("{:?}", names_of_children(e)),
            };
            unit_line(kind, &e.name().to_string(), (e.offset(), e.end()), &value)
        };
        out.push(match &ev {
            Event::Property(e) => unit(UnitKind::Property, e),
            Event::Error(e) => unit(UnitKind::Error, e),
            Event::Unknown(e) => unit(UnitKind::Unknown, e),
            Event::Description(t) => format!("description@{} {:?}", t.offset(), t.to_string()),
            other => summary(other),
        });
        out.extend(sort(&mut sorter, &mut stopped, &ev));
    }
    (out, None)
}

/// A unit being put together: kind, name, start, depth inside it, text at its depth, text
/// at every depth, names of its children.
struct Open {
    kind: UnitKind,
    name: String,
    start: usize,
    content: usize,
    depth: usize,
    text: String,
    all: String,
    children: Vec<String>,
}

fn take(out: &mut Vec<String>, open: &mut Option<Open>, ev: &Event<'_>) {
    match ev {
        Event::UnitStart { kind, tag } => {
            assert!(open.is_none(), "a unit inside a unit");
            *open = Some(Open {
                kind: *kind,
                name: tag.name().to_string(),
                start: tag.offset(),
                content: tag.end(),
                depth: 0,
                text: String::new(),
                all: String::new(),
                children: vec![],
            });
        }
        Event::Piece(p) => {
            let u = open.as_mut().expect("a piece outside a unit");
            let value = match p {
                Piece::Start(t) => {
                    u.depth += 1;
                    if u.depth == 1 {
                        u.children.push(t.name().to_string());
                    }
                    return;
                }
                Piece::End { .. } => {
                    u.depth = u.depth.checked_sub(1).expect("an end without its start");
                    return;
                }
                Piece::Text(t) => {
                    assert!(!t.raw().is_empty(), "an empty text piece");
                    t.to_string()
                }
                Piece::Cdata(c) => {
                    assert!(!c.raw().is_empty(), "an empty CDATA piece");
                    c.to_string()
                }
                // A character reference longer than the window (leading zeros).
                Piece::CharRef { value, offset, end } => {
                    assert!(offset < end, "a reference that ends before it starts");
                    value.to_string()
                }
                other => panic!("a piece of a new kind: {other:?}"),
            };
            if u.depth == 0 {
                u.text.push_str(&value);
            }
            u.all.push_str(&value);
        }
        Event::UnitEnd { kind, end, .. } => {
            let u = open.take().expect("an end outside a unit");
            assert_eq!((u.kind, u.depth), (*kind, 0), "a unit ends inside itself");
            out.push(match kind {
                UnitKind::Description => format!("description@{} {:?}", u.content, u.all),
                _ => {
                    let value =
                        if u.children.is_empty() { format!("{:?}", u.text) } else { format!("{:?}", u.children) };
                    unit_line(*kind, &u.name, (u.start, *end), &value)
                }
            });
        }
        Event::Property(_) | Event::Error(_) | Event::Unknown(_) | Event::Description(_) => {
            panic!("a whole unit in pieces mode")
        }
        other => {
            assert!(open.is_none() || matches!(other, Event::Quirk(_)), "an event inside a unit");
            out.push(summary(other));
        }
    }
}

fn pieces(body: &[u8], sizes: &[u8]) -> (Vec<String>, Option<Error>) {
    let (mut out, mut open) = (vec![], None);
    let (mut sorter, mut stopped) = (Sorter::with_sizes().with_collection("/c/"), false);
    // The sorter's line for an event inside a unit (its error at a piece) comes after the
    // unit's line, as the whole parser's comes after the whole unit's.
    let mut held: Vec<String> = vec![];
    let end = stream_chunked(WindowParser::new().in_pieces(), body, sizes, |ev| {
        take(&mut out, &mut open, ev);
        held.extend(sort(&mut sorter, &mut stopped, ev));
        if open.is_none() {
            out.append(&mut held);
        }
    });
    // A unit the stream's error cut is not given whole by the whole parser: what the sorter
    // said inside it is left out too.
    (out, end)
}

fuzz_target!(|data: &[u8]| {
    let Some((sizes, body)) = chunked(data) else { return };
    let expected = whole(body);
    let got = pieces(body, sizes);
    // Invariant: the same units, the same other events and the same end, whatever the chunking.
    assert_eq!(got, expected);
});
