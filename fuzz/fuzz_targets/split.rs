//! Windowed parsing against the whole body: the input is a body and a chunking (the first
//! bytes give the chunk sizes). Streamed through a buffer that keeps only what the parser
//! still needs, the body must give the same events (names, offsets, raw slices, and the
//! children of every element read back through the windowed parser's copy of the namespace
//! declarations) and the same end (success, or the same error at the same offset) as
//! `Parser` on the whole body; never a panic, never a loop (the number of feeds is bounded
//! by the number of chunks plus the events). Fed as `WindowParser::feed`'s docs ask: again
//! once the bytes it needs have doubled (see the `pieces` target).
#![no_main]

use libfuzzer_sys::fuzz_target;
use multistatus::{Element, Error, Event, Node, Parser, WindowParser};
use multistatus_fuzz::{chunked, stream_chunked, summary};

fn children<const D: usize, const NS: usize, const B: usize>(e: &Element<'_, D, NS, B>) -> String {
    let mut out = String::new();
    for c in e.children() {
        match c {
            Ok(Node::Element(c)) => out.push_str(&format!("<{} {:?}>", c.name(), c.text().map(|t| t.to_string()))),
            Ok(Node::Text(t)) => out.push_str(&format!("{:?}", t.to_string())),
            Err(err) => out.push_str(&format!("ERR {err}")),
        }
    }
    out
}

fn line<const D: usize, const NS: usize, const B: usize>(ev: &Event<'_, D, NS, B>) -> String {
    match ev {
        Event::Property(e) | Event::Error(e) | Event::Unknown(e) => {
            format!("{} @{} {}", summary(ev), e.offset(), children(e))
        }
        other => summary(other),
    }
}

fn whole(body: &[u8]) -> (Vec<String>, Option<Error>) {
    let mut out = vec![];
    for ev in Parser::new(body).expect("under 4 GiB") {
        match ev {
            Ok(ev) => out.push(line(&ev)),
            Err(e) => return (out, Some(e)),
        }
    }
    (out, None)
}

/// Invariants checked by `testkit::stream_windowed_with` on the way: no loop (no more feeds
/// than bytes), a final window ends the body or fails, `keep_from` lies in the window.
fn windowed(body: &[u8], sizes: &[u8]) -> (Vec<String>, Option<Error>) {
    let mut out = vec![];
    let end = stream_chunked(WindowParser::new(), body, sizes, |ev| out.push(line(ev)));
    (out, end)
}

fuzz_target!(|data: &[u8]| {
    let Some((sizes, body)) = chunked(data) else { return };
    let expected = whole(body);
    let got = windowed(body, sizes);
    // Invariant: the same events and the same end, whatever the chunking.
    assert_eq!(got, expected);
});
