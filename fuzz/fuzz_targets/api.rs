//! The public API used in arbitrary orders and with arbitrary arguments: the input is a
//! sequence of operations (read with `arbitrary` from its first bytes) and a body (the rest).
//! The first byte `n` says how many of the next bytes are operations; the first operation
//! byte picks the subject: the windowed parser, the parser and its response views, element and
//! text views with the typed property readers, the href and date helpers, the multistatus
//! writer, the other writers.
//!
//! Invariants, checked below, for every subject:
//! - no panic, and every operation bounded: each loop over what a call hands out is cut at
//!   a bound (the input's length plus a constant) and going past it is a finding; `-timeout=1`
//!   turns a loop or super-linear work into a finding too;
//! - an error is sticky: after a parser, a feed, an iterator or a writer returned an error, it
//!   gives the same error again (a writer, a `WindowParser::feed`) or nothing (`next`), and
//!   produces nothing further (a writer writes not one byte more); `error()` says so;
//! - after the end, the end again: `next` after `None` is `None`, `is_done` stays;
//! - the windowed parser fed windows that are slices of the body, whatever their sizes (0, 1,
//!   odd), starts (anywhere between its last start and `keep_from`, or misplaced) and the
//!   events drained from each (all or a few), gives a prefix of the whole-body parser's
//!   events, and ends with its end (its error, or done), or with `WindowTooSmall` for a
//!   window no longer than one that ran out of bytes; a misplaced window is refused with
//!   `WindowMisplaced` and leaves the parser as it was;
//! - the response views at any capacities (0, 1, 4 hrefs and propstats kept) and made from a
//!   parser at any point of its reading give the readings of the whole-body parser's events;
//! - a writer refuses a call out of order with `WriterState` (and every other refusal but a
//!   failing sink writes nothing); a failing sink (`BufferTooSmall`) leaves a prefix of what a
//!   sink that does not fail receives; a body that `finish` returns reads back with the
//!   matching reader, to what was written (hrefs, statuses, properties, conditions).
#![no_main]

use std::fmt::Write as _;

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use multistatus::date::{DateTime, HttpDate};
use multistatus::dav_error::{Condition, ErrorBody, ErrorWriter};
use multistatus::href;
use multistatus::writer::{DavPrefix, MultistatusTail, PropStatTail, ResponseTail, Writer, WriterOptions};
use multistatus::{
    DAV, Element, Error, ErrorKind, Event, Node, Options, Parser, Response, Responses, Text, WindowParser, props,
};
use multistatus_fuzz::{check_text, summary};

/// At most this many operations per input.
const MAX_OPS: usize = 64;

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else { return };
    let (ops, body) = rest.split_at(usize::from(n).min(rest.len()));
    let mut u = Unstructured::new(ops);
    let subject = u.arbitrary::<u8>().unwrap_or(0);
    match subject % 6 {
        0 => window(&mut u, body),
        1 => views(&mut u, body),
        2 => elements(&mut u, body),
        3 => values(&mut u, body),
        4 => writer(&mut u, body),
        _ => other_writers(&mut u, body),
    }
});

// --- arguments ----------------------------------------------------------------------------

/// Strings worth trying as names, namespaces, hrefs and values.
const STRINGS: &[&str] = &[
    "",
    "DAV:",
    "getetag",
    "displayname",
    "resourcetype",
    "urn:x",
    "x",
    " ",
    "a b",
    "/a",
    " /a",
    "/a ",
    "é",
    "\u{FFFD}",
    "\u{10000}",
    "\u{FEFF}x",
    "<",
    "]]>",
    "&amp;",
    "\r\n",
    "\0",
    "\u{1}",
    "xml",
    "xmlns",
    "http://www.w3.org/XML/1998/namespace",
    "http://www.w3.org/2000/xmlns/",
    "D",
    "ns0",
    "a:b",
    "<D:href>/x</D:href>",
    "<x/>",
    "<p:x/>",
    "<x>",
    "urn:ietf:params:xml:ns:caldav",
    "http://sabredav.org/ns",
    "OK",
    "%",
    "%2",
    "%zz",
    "%C3%A9",
    "%ff",
    "../..",
    "//h/p?q#f",
    "http://h:80/a/./b/../c",
    "Sun, 06 Nov 1994 08:49:37 GMT",
    "1994-11-06T08:49:37Z",
];

/// An arbitrary string: one of [`STRINGS`], a piece of the body, one made by `arbitrary`, or
/// a long run of one character (a huge name or value).
fn string(u: &mut Unstructured<'_>, body: &[u8]) -> String {
    let pick = u.arbitrary::<u8>().unwrap_or(0);
    match pick % 8 {
        0..=3 => STRINGS[usize::from(pick / 8) % STRINGS.len()].to_string(),
        4 => {
            let a = usize::from(u.arbitrary::<u16>().unwrap_or(0)) % (body.len() + 1);
            let len = usize::from(u.arbitrary::<u8>().unwrap_or(0));
            String::from_utf8_lossy(&body[a..(a + len).min(body.len())]).into_owned()
        }
        5 => {
            let c = u.arbitrary::<char>().unwrap_or('a');
            let n = usize::from(u.arbitrary::<u16>().unwrap_or(0)) % 5000;
            std::iter::repeat_n(c, n).collect()
        }
        _ => u.arbitrary::<String>().unwrap_or_default(),
    }
}

/// A small number, mostly below `max` (buffer sizes, counts).
fn small(u: &mut Unstructured<'_>, max: usize) -> usize {
    usize::from(u.arbitrary::<u8>().unwrap_or(0)) % (max + 1)
}

// --- the windowed parser --------------------------------------------------------------------

#[derive(Arbitrary, Debug)]
enum WinOp {
    /// A window of the body: from where (`at`: 0 keep_from, 1 the last start, 2 anywhere,
    /// 3 keep_from + 1, 4 keep_from - 1), how long, final or not (only at the body's end
    /// unless `early`), and how many of its events to read (0: all).
    Feed { at: u8, len: u16, early: bool, drain: u8 },
    /// A window of arbitrary bytes at keep_from (not the body's).
    Junk { bytes: Vec<u8>, is_final: bool },
    /// `overflow()`.
    Overflow,
    /// The state queried: every accessor, twice.
    Query,
    /// The parser cloned, and the clone fed the rest of the body.
    CloneAndFinish,
    /// `in_pieces()` after feeds (the docs say before the first).
    PiecesLate,
    /// `parse_from` over the rest of the body from `keep_from()`, in reads of at most `max`
    /// bytes (0: the source fails), through a buffer of `buf` bytes.
    ParseFrom { buf: u16, max: u8 },
}

/// A source of the body's rest in reads of at most `max` bytes; `max == 0` fails.
struct Drip<'b> {
    rest: &'b [u8],
    max: usize,
}

impl embedded_io::ErrorType for Drip<'_> {
    type Error = embedded_io::ErrorKind;
}

impl embedded_io::Read for Drip<'_> {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
        if self.max == 0 {
            return Err(embedded_io::ErrorKind::Other);
        }
        let n = self.max.min(buf.len()).min(self.rest.len());
        buf[..n].copy_from_slice(&self.rest[..n]);
        self.rest = &self.rest[n..];
        Ok(n)
    }
}

fn window(u: &mut Unstructured<'_>, body: &[u8]) {
    let pieces = u.arbitrary::<bool>().unwrap_or(false);
    if u.arbitrary::<bool>().unwrap_or(false) {
        window_with::<4, 2, 64>(u, body, pieces);
    } else {
        window_with::<32, 32, 2048>(u, body, pieces);
    }
}

/// The whole-body reading: the events' summaries and the end.
fn whole<const D: usize, const NS: usize, const B: usize>(body: &[u8]) -> (Vec<String>, Option<Error>) {
    let mut out = vec![];
    let mut p = Parser::<D, NS, B>::with_options(body, Options::default()).expect("under 4 GiB");
    while let Some(ev) = p.next_event() {
        match ev {
            Ok(ev) => out.push(summary(&ev)),
            Err(e) => {
                // Invariant: after an error, nothing, and `error()` says it.
                assert!(p.next_event().is_none());
                assert!(p.next_event().is_none());
                assert_eq!(p.error(), Some(e));
                assert!(!p.is_done());
                return (out, Some(e));
            }
        }
    }
    // Invariant: after the end, the end again.
    assert!(p.is_done());
    assert!(p.next_event().is_none());
    assert!(p.is_done() && p.error().is_none());
    (out, None)
}

fn window_with<const D: usize, const NS: usize, const B: usize>(u: &mut Unstructured<'_>, body: &[u8], pieces: bool) {
    let (expected, expected_end) = whole::<D, NS, B>(body);
    let mut p = WindowParser::<D, NS, B>::with_options(Options::default());
    if pieces {
        p = p.in_pieces();
    }
    assert_eq!(p.is_in_pieces(), pieces);
    // Whether every call so far was one the docs allow with the body's own bytes: then the
    // events are the whole body's.
    let mut regular = !pieces;
    let mut got: Vec<String> = vec![];
    let mut last_start = 0usize;
    let mut stopped: Option<Error> = None;
    for _ in 0..MAX_OPS {
        let Ok(op) = u.arbitrary::<WinOp>() else { break };
        if u.is_empty() && matches!(op, WinOp::Feed { len: 0, .. }) {
            break;
        }
        let before = (p.keep_from(), p.error(), p.is_done());
        match op {
            WinOp::Feed { at, len, early, drain } => {
                let k = p.keep_from();
                let start = match at % 5 {
                    0 => k,
                    1 => last_start,
                    2 => usize::from(len.rotate_left(5)) % (body.len() + 2),
                    3 => k.saturating_add(1),
                    _ => k.saturating_sub(1),
                };
                let from = start.min(body.len());
                let end = from.saturating_add(usize::from(len)).min(body.len());
                let win = &body[from..end];
                let at_end = end == body.len();
                let is_final = at_end || early;
                if is_final && !at_end {
                    regular = false;
                }
                let drain = usize::from(drain);
                let mut events = 0usize;
                let fed = p.feed(win, start, is_final);
                match fed {
                    Err(e) => {
                        if let Some(s) = stopped {
                            // Invariant: a stopped parser gives its error again.
                            assert_eq!(e, s);
                        } else if e.kind() == ErrorKind::WindowMisplaced {
                            // Invariant: a misplaced window leaves the parser as it was.
                            assert_eq!(e.offset(), start);
                            assert_eq!((p.keep_from(), p.error(), p.is_done()), before);
                        } else {
                            assert_eq!(p.error(), Some(e), "a feed's error stops the parser");
                            stopped = Some(e);
                            if regular {
                                window_end_ok(e, &got, &expected, expected_end);
                            }
                        }
                    }
                    Ok(mut feed) => {
                        assert!(stopped.is_none(), "a stopped parser fed again");
                        assert!(start >= last_start || start >= before.0.min(last_start));
                        last_start = start;
                        let mut ended = false;
                        while let Some(ev) = feed.next_event() {
                            events += 1;
                            // Invariant: no endless run of events.
                            assert!(events <= 2 * win.len() + 16, "{events} events from {} bytes", win.len());
                            match ev {
                                Ok(ev) => {
                                    let s = summary(&ev);
                                    if regular && !p_in_pieces(pieces) {
                                        let i = got.len();
                                        assert_eq!(Some(&s), expected.get(i), "event {i} differs");
                                    }
                                    got.push(s);
                                }
                                Err(e) => {
                                    // Invariant: an error, then nothing.
                                    assert!(feed.next_event().is_none());
                                    assert!(feed.next_event().is_none());
                                    stopped = Some(e);
                                    if regular {
                                        window_end_ok(e, &got, &expected, expected_end);
                                    }
                                    ended = true;
                                    break;
                                }
                            }
                            if drain != 0 && events >= drain {
                                break;
                            }
                        }
                        if !ended && (drain == 0 || events < drain) {
                            // Drained: `None`, and `None` again.
                            assert!(feed.next_event().is_none());
                        }
                        drop(feed);
                        if let Some(e) = stopped {
                            assert_eq!(p.error(), Some(e));
                        }
                        if p.is_done() && regular {
                            // Invariant: done exactly where the whole body is, with its events.
                            assert_eq!(expected_end, None);
                            assert_eq!(got, expected);
                        }
                    }
                }
            }
            WinOp::Junk { bytes, is_final } => {
                regular = false;
                let k = p.keep_from();
                let r = p.feed(&bytes, k, is_final);
                match r {
                    Err(e) => {
                        if let Some(s) = stopped {
                            assert_eq!(e, s);
                        } else if e.kind() != ErrorKind::WindowMisplaced {
                            stopped = Some(e);
                        }
                    }
                    Ok(mut feed) => {
                        let mut events = 0usize;
                        while let Some(ev) = feed.next_event() {
                            events += 1;
                            assert!(events <= 2 * bytes.len() + 16, "endless events");
                            if let Err(e) = ev {
                                assert!(feed.next_event().is_none());
                                stopped = Some(e);
                                break;
                            }
                        }
                    }
                }
            }
            WinOp::Overflow => {
                regular = false;
                p.overflow();
                assert_eq!(p.error(), before.1);
            }
            WinOp::Query => {
                for _ in 0..2 {
                    let _ = (p.keep_from(), p.needed(), p.quirks().is_empty(), p.is_in_pieces());
                    assert_eq!(p.error(), stopped);
                    assert!(!(p.is_done() && p.error().is_some()));
                }
                // Invariant: a stopped parser's `keep_from` and `needed` do not move.
                assert_eq!(p.keep_from(), before.0);
            }
            WinOp::CloneAndFinish => {
                let mut q = p.clone();
                let k = q.keep_from().min(body.len());
                let r = q.feed(&body[k..], k, true).map(|mut f| {
                    let mut n = 0usize;
                    while let Some(ev) = f.next_event() {
                        n += 1;
                        assert!(n <= 2 * body.len() + 16, "endless events");
                        if ev.is_err() {
                            break;
                        }
                    }
                });
                if let (Err(e), Some(s)) = (r, stopped) {
                    assert_eq!(e, s);
                }
                // Invariant: the clone is its own: the original is as it was.
                assert_eq!((p.keep_from(), p.error(), p.is_done()), before);
            }
            WinOp::ParseFrom { buf, max } => {
                // Fed by hand past the start: parse_from cannot know the lines before.
                let resumed = p.keep_from() > 0;
                let k = p.keep_from().min(body.len());
                let mut source = Drip { rest: &body[k..], max: usize::from(max) };
                let mut room = vec![0u8; usize::from(buf)];
                let mut events = vec![];
                let r =
                    multistatus::windowed::parse_from(&mut p, &mut source, &mut room, |ev| events.push(summary(&ev)));
                let e = match r {
                    Ok(()) => {
                        assert!(p.is_done() && p.error().is_none());
                        None
                    }
                    // Invariant: parse_from's every error but `Ok` leaves the parser stopped.
                    Err(multistatus::windowed::ReadError::Io(_)) => {
                        assert_eq!(p.error().map(|e| e.kind()), Some(ErrorKind::SourceFailed));
                        p.error()
                    }
                    Err(multistatus::windowed::ReadError::Parse(e)) => {
                        assert_eq!(p.error(), Some(e));
                        Some(e)
                    }
                };
                if let Some(s) = stopped {
                    assert_eq!(e, Some(s));
                    assert!(events.is_empty());
                }
                // Invariant: the error's line and column are the whole body's, known whenever
                // parse_from read the body from its start (it counts what it drops).
                if let (Some(e), None) = (e, stopped) {
                    let want = multistatus::text_position(body, e.offset());
                    match p.error_position() {
                        Some(at) => assert_eq!(at, want, "{e}"),
                        None => assert!(resumed, "no position for {e} (body read from its start)"),
                    }
                }
                if regular && !pieces {
                    got.extend(events);
                    match e {
                        None => assert_eq!((&got, expected_end), (&expected, None)),
                        Some(e) if e.kind() == ErrorKind::SourceFailed => {
                            assert_eq!(got, expected[..got.len().min(expected.len())])
                        }
                        Some(e) => window_end_ok(e, &got, &expected, expected_end),
                    }
                }
                stopped = e;
            }
            WinOp::PiecesLate => {
                regular = false;
                p = p.in_pieces();
            }
        }
        if before.2 {
            // Invariant: after the end, the end again.
            assert!(p.is_done(), "done, then not");
        }
        if let Some(e) = stopped {
            assert_eq!(p.error(), Some(e));
            assert!(!p.is_done());
        }
    }
}

/// Pieces mode changes the events (the `pieces` target compares them).
fn p_in_pieces(pieces: bool) -> bool {
    pieces
}

/// A regular windowed reading stopped at `e`: the whole body's error after the same events,
/// or `WindowTooSmall` (a window no longer than one that ran out of bytes).
fn window_end_ok(e: Error, got: &[String], expected: &[String], expected_end: Option<Error>) {
    assert_eq!(got, &expected[..got.len().min(expected.len())], "events before the error");
    if e.kind() == ErrorKind::WindowTooSmall {
        return;
    }
    assert_eq!(Some(e), expected_end, "the windowed parser's error is not the body's");
    assert_eq!(got.len(), expected.len(), "an error before the body's");
}

// --- the parser and its response views --------------------------------------------------

/// The whole-body reading of the responses: for each, its offset, hrefs, status, and for
/// each propstat its status and property names.
#[derive(Debug, PartialEq, Eq, Clone)]
struct ResponseReading {
    offset: usize,
    hrefs: Vec<String>,
    status: Option<u16>,
    propstats: Vec<(Option<u16>, Vec<String>)>,
}

fn reference(body: &[u8]) -> (Vec<ResponseReading>, Option<Error>) {
    let mut out: Vec<ResponseReading> = vec![];
    let mut in_ps = false;
    for ev in Parser::new(body).expect("under 4 GiB") {
        let ev = match ev {
            Ok(ev) => ev,
            Err(e) => return (out, Some(e)),
        };
        match ev {
            Event::ResponseStart { offset } => {
                out.push(ResponseReading { offset, hrefs: vec![], status: None, propstats: vec![] })
            }
            Event::Href(t) => out.last_mut().unwrap().hrefs.push(t.to_string()),
            Event::PropStatStart { .. } => {
                in_ps = true;
                out.last_mut().unwrap().propstats.push((None, vec![]));
            }
            Event::PropStatEnd => in_ps = false,
            Event::Status(s) if in_ps => out.last_mut().unwrap().propstats.last_mut().unwrap().0 = Some(s.code()),
            Event::Status(s) => out.last_mut().unwrap().status = Some(s.code()),
            Event::Property(e) => out.last_mut().unwrap().propstats.last_mut().unwrap().1.push(clark(&e)),
            _ => {}
        }
    }
    (out, None)
}

fn clark<const D: usize, const NS: usize, const B: usize>(e: &Element<'_, D, NS, B>) -> String {
    multistatus_fuzz::clark(&e.name())
}

#[derive(Arbitrary, Debug)]
enum ViewOp {
    /// `next_event` on the parser, this many times.
    ParserNext(u8),
    /// A `Responses` made from (a clone of) the parser as it stands, then this many views.
    FromParser { caps: u8, steps: u8, slot: bool },
    /// The views of a fresh `Responses`: each response asked things in an arbitrary order.
    Walk { caps: u8, asks: Vec<u8> },
}

fn views(u: &mut Unstructured<'_>, body: &[u8]) {
    let (expected, end) = reference(body);
    let mut parser = Parser::new(body).expect("under 4 GiB");
    let mut parser_stopped: Option<Error> = None;
    let mut parser_ended = false;
    // How many responses the parser has begun.
    let mut starts = 0usize;
    for _ in 0..MAX_OPS / 4 {
        let Ok(op) = u.arbitrary::<ViewOp>() else { break };
        match op {
            ViewOp::ParserNext(n) => {
                for _ in 0..n {
                    match parser.next_event() {
                        Some(Ok(ev)) => {
                            assert!(!parser_ended && parser_stopped.is_none(), "an event after the end");
                            if let Event::ResponseStart { .. } = ev {
                                starts += 1;
                            }
                        }
                        Some(Err(e)) => {
                            assert!(parser_stopped.is_none(), "a second error");
                            assert_eq!(Some(e), end);
                            parser_stopped = Some(e);
                        }
                        None => {
                            parser_ended = true;
                            assert_eq!(parser.is_done(), end.is_none());
                            assert_eq!(parser.error(), parser_stopped);
                        }
                    }
                }
            }
            ViewOp::FromParser { caps, steps, slot } => {
                let p = parser.clone();
                match caps % 3 {
                    0 => from_parser::<0, 0>(p, u, &expected[starts..], end, steps, slot),
                    1 => from_parser::<1, 1>(p, u, &expected[starts..], end, steps, slot),
                    _ => from_parser::<4, 4>(p, u, &expected[starts..], end, steps, slot),
                }
            }
            ViewOp::Walk { caps, asks } => {
                let p = Parser::new(body).expect("under 4 GiB");
                match caps % 3 {
                    0 => walk::<0, 1>(p, &asks, u, body, &expected, end),
                    1 => walk::<1, 0>(p, &asks, u, body, &expected, end),
                    _ => walk::<4, 4>(p, &asks, u, body, &expected, end),
                }
            }
        }
    }
}

/// A `Responses` over a parser at any point of its reading: the responses it gives are those
/// of the whole reading (`expected`) that the parser had not begun, as read whole.
fn from_parser<const H: usize, const P: usize>(
    p: Parser<'_>,
    u: &mut Unstructured<'_>,
    expected: &[ResponseReading],
    end: Option<Error>,
    steps: u8,
    use_slot: bool,
) {
    let already = p.error();
    let mut rs = Responses::<'_, 32, 32, 2048, H, P>::from_parser(p);
    let mut slot = Response::<'_, 32, 32, 2048, H, P>::default();
    let mut seen: Vec<ResponseReading> = vec![];
    let mut stopped: Option<Error> = already;
    let mut ended = false;
    for _ in 0..=steps {
        let r = if use_slot {
            rs.next_into(&mut slot).map(|r| r.map(|r| reading(r)))
        } else {
            rs.next().map(|r| r.map(|r| reading(&r)))
        };
        match r {
            Some(Ok(r)) => {
                assert!(!ended && stopped.is_none(), "a response after the end");
                seen.push(r);
            }
            Some(Err(e)) => {
                assert!(!ended && stopped.is_none(), "an error after the end");
                assert_eq!(Some(e), end);
                assert_eq!(rs.error(), Some(e));
                stopped = Some(e);
            }
            None => {
                ended = true;
                // Invariant: `None` is the end: done, or stopped by the body's error.
                assert_eq!(rs.error(), stopped.or(if rs.is_done() { None } else { end }));
                assert_eq!(rs.is_done(), stopped.is_none() && end.is_none() && already.is_none());
            }
        }
        let _ = u.arbitrary::<u8>();
    }
    // Invariant: the responses are those of the whole reading that the parser had not begun,
    // the same.
    assert_eq!(seen.as_slice(), &expected[..seen.len().min(expected.len())], "the responses from a parser part-read");
    if ended && stopped.is_none() {
        assert_eq!(seen.len(), expected.len());
    }
}

/// What a response view says, in the reference's shape (every item read, the reads again
/// included).
fn reading<const H: usize, const P: usize>(r: &Response<'_, 32, 32, 2048, H, P>) -> ResponseReading {
    let hrefs = r.hrefs().map(|h| h.expect("a checked response reads again").to_string()).collect();
    let mut propstats = vec![];
    let mut all = r.propstats();
    while let Some(ps) = all.next() {
        let ps = ps.expect("a checked response reads again");
        let names = ps.properties().map(|p| clark(&p.expect("a checked propstat reads again"))).collect::<Vec<_>>();
        assert_eq!(names.len(), ps.len());
        propstats.push((ps.status().map(|s| s.code()), names));
    }
    // Invariant: after the end, the end again.
    assert!(all.next().is_none());
    assert!(all.next().is_none());
    ResponseReading { offset: r.offset(), hrefs, status: r.status().map(|s| s.code()), propstats }
}

/// Each response of the body asked things in the order of `asks`, with arbitrary names.
fn walk<const H: usize, const P: usize>(
    p: Parser<'_>,
    asks: &[u8],
    u: &mut Unstructured<'_>,
    body: &[u8],
    expected: &[ResponseReading],
    end: Option<Error>,
) {
    let mut rs = Responses::<'_, 32, 32, 2048, H, P>::from_parser(p);
    let mut i = 0usize;
    let mut budget = 4 * body.len() + 64;
    while let Some(r) = rs.next() {
        let r = match r {
            Ok(r) => r,
            Err(e) => {
                assert_eq!(Some(e), end);
                assert!(rs.next().is_none() && rs.next().is_none());
                assert_eq!(rs.error(), Some(e));
                assert!(!rs.is_done());
                return;
            }
        };
        let want = &expected[i];
        i += 1;
        assert_eq!(r.offset(), want.offset);
        for &a in asks.iter().take(16) {
            let ns = string(u, body);
            let local = string(u, body);
            match a % 9 {
                0 => {
                    // Past the end of the hrefs, and again.
                    let mut h = r.hrefs();
                    let mut n = 0usize;
                    while let Some(x) = h.next() {
                        check_text(body, &x.expect("reads again"));
                        n += 1;
                        budget = budget.checked_sub(1).expect("endless hrefs");
                    }
                    assert_eq!(n, want.hrefs.len());
                    assert!(h.next().is_none() && h.next().is_none());
                }
                1 => assert_eq!(r.href().map(|t| t.to_string()), want.hrefs.first().cloned()),
                2 => {
                    let c = r.propstats().count().expect("reads again");
                    assert_eq!(c, want.propstats.len());
                }
                3 => {
                    let got = r.property(&ns, &local).expect("reads again");
                    let found = want.propstats.iter().any(|(s, names)| {
                        s.is_some_and(|c| (200..300).contains(&c))
                            && names.iter().any(|n| n == &format!("{{{ns}}}{local}"))
                    });
                    // The reference's Clark name of a no-namespace property is `local`.
                    if !ns.is_empty() {
                        assert_eq!(got.is_some(), found, "property {{{ns}}}{local}");
                    }
                    if let Some(e) = got {
                        assert!(e.name().is(&ns, &local));
                    }
                }
                4 => {
                    if let Some(ps) = r.propstat_of(&ns, &local).expect("reads again") {
                        assert!(ps.property(&ns, &local).expect("reads again").is_some());
                    }
                }
                5 => {
                    let s = r.property_status(&ns, &local).expect("reads again");
                    if let Some(ps) = r.propstat_of(&ns, &local).expect("reads again") {
                        assert_eq!(s.map(|s| s.code()), ps.status().map(|s| s.code()));
                    } else {
                        assert!(s.is_none());
                    }
                }
                6 => {
                    // Properties of each propstat past their end, and again.
                    let mut all = r.propstats();
                    while let Some(ps) = all.next() {
                        let ps = ps.expect("reads again");
                        let mut it = ps.properties();
                        for x in it.by_ref() {
                            let x = x.expect("reads again");
                            budget = budget.checked_sub(1).expect("endless properties");
                            let _ = x.name().is(&ns, &local);
                        }
                        assert!(it.next().is_none() && it.next().is_none());
                        let _ = (ps.error().map(|e| e.offset()), ps.description().map(|d| d.raw()));
                    }
                    assert!(all.next().is_none());
                }
                7 => {
                    let _ =
                        (r.error().map(|e| e.raw()), r.description(), r.location(), r.quirks(), r.unknown_elements());
                    // The sync helper on any response, with any collection URL.
                    let a = multistatus::sync::classify(&r, Some(&ns)).map(|k| format!("{k:?}"));
                    assert_eq!(a, multistatus::sync::classify(&r, Some(&ns)).map(|k| format!("{k:?}")));
                    let _ = multistatus::sync::classify(&r, None);
                }
                _ => {
                    // A clone reads the same.
                    let c = r.clone();
                    assert_eq!(reading(&c), reading(&r));
                }
            }
        }
        assert_eq!(&reading(&r), want);
    }
    // Invariant: after `None`, `None` again; done exactly when the body is valid.
    assert!(rs.next().is_none() && rs.next().is_none());
    assert_eq!(i, expected.len());
    assert_eq!(rs.is_done(), end.is_none());
    assert_eq!(rs.error(), end);
    let _ = (rs.sync_token(), rs.description(), rs.quirks().is_empty());
    // The sync helper, iterated twice, its token asked twice: the same each time.
    let url = string(u, body);
    let sc = multistatus::sync::SyncCollection::new(body).map(|s| s.with_collection(&url));
    if let Ok(sc) = sc {
        let once = |sc: &multistatus::sync::SyncCollection<'_, '_>| {
            sc.iter().take(expected.len() + 2).map(|i| i.map(|i| format!("{:?}", i.kind()))).collect::<Vec<_>>()
        };
        assert_eq!(once(&sc), once(&sc));
        // Read into a slot the caller owns: the same kinds and errors, then nothing.
        let mut items = sc.iter();
        let mut slot = multistatus::Response::default();
        let mut into = Vec::new();
        while let Some(item) = items.next_into(&mut slot) {
            into.push(item.map(|(kind, _)| format!("{kind:?}")));
            if into.len() > expected.len() + 1 {
                break;
            }
        }
        assert!(into.len() > expected.len() + 1 || items.next_into(&mut slot).is_none());
        assert_eq!(into, once(&sc).into_iter().take(into.len()).collect::<Vec<_>>());
        assert_eq!(sc.token(), sc.token());
        assert_eq!(sc.token().err(), end);
        // The sorter on the same events: an item for each response the loop gave (its
        // values held, not cut: a value too long is its error), the same token, unescaped.
        let mut sorter = multistatus::sync::SyncSorter::<'_, 64, 16>::with_sizes().with_collection(&url);
        let mut sorted = 0usize;
        let mut refused = false;
        for ev in Parser::new(body).into_iter().flatten() {
            let Ok(ev) = ev else { break };
            match sorter.on_event(&ev) {
                Ok(Some(_)) => sorted += 1,
                Ok(None) => {}
                Err(e) => {
                    assert_eq!(e.kind(), ErrorKind::BufferTooSmall);
                    assert_eq!(sorter.on_event(&ev).err(), Some(e), "the sorter stays stopped");
                    refused = true;
                    break;
                }
            }
        }
        if !refused {
            assert_eq!(sorted, once(&sc).iter().filter(|i| i.is_ok()).count());
            if end.is_none() {
                assert_eq!(sorter.token().map(str::to_string), sc.token().ok().flatten().map(|t| t.to_string()));
            }
        }
    }
}

// --- elements, texts and the typed readers ------------------------------------------------

fn elements(u: &mut Unstructured<'_>, body: &[u8]) {
    let Ok(p) = Parser::new(body) else { return };
    let mut budget = 8 * body.len() + 256;
    let mut count = 0usize;
    for ev in p {
        let Ok(ev) = ev else { break };
        match ev {
            Event::Property(e) | Event::Error(e) | Event::Unknown(e) => {
                count += 1;
                if count > 16 {
                    break;
                }
                element(u, body, &e, 3, &mut budget);
            }
            Event::Href(t) | Event::Description(t) | Event::Location(t) | Event::SyncToken(t) => text_ops(u, body, &t),
            Event::Status(s) => text_ops(u, body, &s.text()),
            _ => {}
        }
    }
}

/// Every view of `e`, in an arbitrary order, its children down to `depth`.
fn element(u: &mut Unstructured<'_>, body: &[u8], e: &Element<'_>, depth: u8, budget: &mut usize) {
    let asks = small(u, 6) + 1;
    for _ in 0..asks {
        match small(u, 5) {
            0 => typed(e),
            1 => {
                for a in e.attributes() {
                    *budget = budget.checked_sub(1).expect("endless attributes");
                    text_ops(u, body, &a.value);
                }
            }
            2 => {
                if let Some(t) = e.text() {
                    text_ops(u, body, &t);
                }
            }
            3 => {
                let mut r = e.events();
                let mut n = 0usize;
                while let Some(ev) = r.next_event() {
                    n += 1;
                    assert!(n <= e.raw().len() + 4, "endless element events");
                    if ev.is_err() {
                        assert!(r.next_event().is_none());
                        break;
                    }
                }
                assert!(r.next_event().is_none() && r.next_event().is_none());
            }
            4 => {
                let _ = (e.raw(), e.inner_raw(), e.has_child_elements(), e.end(), e.name().namespace().uri());
            }
            _ => {
                let mut c = e.children();
                for n in c.by_ref() {
                    *budget = match budget.checked_sub(1) {
                        Some(b) => b,
                        None => return,
                    };
                    match n {
                        Ok(Node::Element(child)) if depth > 0 => element(u, body, &child, depth - 1, budget),
                        Ok(Node::Element(child)) => typed(&child),
                        Ok(Node::Text(t)) => text_ops(u, body, &t),
                        Err(_) => break,
                    }
                }
                assert!(c.next().is_none() && c.next().is_none());
            }
        }
    }
}

/// Every typed reader on `e`, whatever property it is, walking what they hand out (and
/// once more past the end).
fn typed(e: &Element<'_>) {
    let _ = props::display_name(e);
    let _ = props::content_language(e);
    let _ = props::content_length(e);
    if let Ok(m) = props::content_type(e) {
        let mut ps = m.parameters();
        for x in ps.by_ref().take(10_000) {
            let _ = x;
        }
        let _ = (m.type_name(), m.subtype(), m.parameter("charset"), m.parameter(""), m.is("text", "plain"));
    }
    let _ = props::etag(e).map(|t| t.to_string());
    let _ = (props::last_modified_text(e), props::creation_date_text(e));
    let _ = (props::last_modified(e), props::creation_date(e));
    if let Ok(rt) = props::resource_type(e) {
        let _ = (rt.is_collection(), rt.is_calendar(), rt.contains("", ""), rt.contains("DAV:", "collection"));
        let mut t = rt.types();
        for x in t.by_ref().take(10_000) {
            let _ = x;
        }
        assert!(t.next().is_none());
    }
    if let Ok(mut l) = props::lock_discovery(e) {
        for x in l.by_ref().take(10_000) {
            let a = x;
            let _ = (a.scope(), a.lock_type(), a.depth(), a.owner().map(|o| o.raw()), a.timeout());
            let _ = (a.lock_token(), a.lock_root(), a.lock_tokens().take(10_000).count());
        }
        assert!(l.next().is_none());
    }
    if let Ok(mut l) = props::supported_lock(e) {
        for x in l.by_ref().take(10_000) {
            let _ = x;
        }
        assert!(l.next().is_none());
    }
    let _ = props::current_user_principal(e);
    // The readers of whole bodies, on any element.
    if let Ok(b) = ErrorBody::from_element(e.clone()) {
        let n = b.conditions().take(10_000).count();
        let _ = (n, b.message(), b.exception(), b.extension_text("", ""), b.element().offset());
        for c in b.conditions().take(64).flatten() {
            assert_eq!(b.has(c.condition()), Ok(true));
            let _ = (c.condition().namespace_and_local(), c.hrefs().take(10_000).count());
        }
    } else {
        assert!(!e.name().is_dav("error"));
    }
    if let Ok(a) = multistatus::lock_answer::LockAnswer::from_element(e.clone()) {
        let _ = (a.prop().offset(), a.lock_discovery().offset(), a.locks().map(|l| l.take(10_000).count()));
    }
    let _ = (Condition::of(e.name()), props::Property::of(&e.name()), multistatus::body::BodyKind::of(e.name()));
    let _ = multistatus::request::is_request_root(&e.name());
    if let Ok(mut p) = props::current_user_privilege_set(e) {
        let _ = p.contains("DAV:", "read");
        for x in p.by_ref().take(10_000) {
            let _ = x;
        }
        assert!(p.next().is_none());
    }
    let _ = (props::quota_available_bytes(e), props::quota_used_bytes(e), props::sync_token(e), props::ctag(e));
    for h in [props::calendar_home_set(e), props::addressbook_home_set(e)].into_iter().flatten() {
        let mut h = h;
        for x in h.by_ref().take(10_000) {
            let _ = x;
        }
        assert!(h.next().is_none());
    }
    if let Ok(mut c) = props::supported_calendar_component_set(e) {
        let _ = c.contains("VEVENT");
        for x in c.by_ref().take(10_000) {
            let _ = x;
        }
        assert!(c.next().is_none());
    }
}

/// A text read every way, `unescape_into` with buffers of several sizes (0, 1, the value's
/// length and its neighbours, one arbitrary), trimmed or not.
fn text_ops(u: &mut Unstructured<'_>, body: &[u8], t: &Text<'_>) {
    let t = if u.arbitrary::<bool>().unwrap_or(false) { t.trim() } else { *t };
    check_text(body, &t);
    let value = t.to_string();
    let n = value.len();
    let extra = small(u, 255);
    let mut buf = vec![0u8; n + 2];
    for size in [0, 1, n.saturating_sub(1), n, n + 1, n + 2, extra.min(n + 2)] {
        let r = t.unescape_into(&mut buf[..size]);
        if size >= n {
            assert_eq!(r.map(str::to_string), Ok(value.clone()), "size {size}");
        } else {
            // Invariant: too small is `BufferTooSmall` at the text, whatever the size.
            let e = r.expect_err("too small a buffer");
            assert_eq!((e.kind(), e.offset()), (ErrorKind::BufferTooSmall, t.offset()));
        }
    }
    let mut f = t.fragments();
    let mut k = 0usize;
    for _ in f.by_ref() {
        k += 1;
        assert!(k <= t.raw().len() + 1, "endless fragments");
    }
    assert!(f.next().is_none() && f.next().is_none());
    let mut s = String::new();
    t.write_to(&mut s).unwrap();
    assert_eq!(s, value);
    // A status line read from any text.
    let st = multistatus::Status::parse(t);
    if let Ok(st) = st {
        assert!((100..=999).contains(&st.code()));
        let _ = (st.version(), st.reason(), st.is_success());
    }
    let probe = string(u, body);
    assert_eq!(t.eq_str(&probe), probe == value);
}

// --- hrefs and dates ----------------------------------------------------------------------

fn values(u: &mut Unstructured<'_>, body: &[u8]) {
    for _ in 0..MAX_OPS / 4 {
        if u.is_empty() {
            break;
        }
        let a = string(u, body);
        let b = string(u, body);
        let size = small(u, 40);
        match small(u, 5) {
            0 => {
                // Decoding into buffers of every size up to the input's.
                let full = href::percent_decode_into(&a, &mut vec![0u8; a.len()]).map(str::to_string);
                let mut buf = vec![0u8; size];
                let r = href::percent_decode_into(&a, &mut buf).map(str::to_string);
                match (&full, &r) {
                    (Ok(x), Ok(y)) => assert_eq!(x, y),
                    (Ok(x), Err(e)) => {
                        assert!(size < x.len(), "{a:?} into {size}: {e:?}");
                        assert_eq!(e.kind(), href::HrefErrorKind::BufferTooSmall);
                    }
                    (Err(e), Ok(_)) => panic!("{a:?}: {e:?} with room, Ok with {size}"),
                    (Err(_), Err(_)) => {}
                }
                let rb = href::percent_decode_bytes_into(&a, &mut buf).map(<[u8]>::to_vec);
                if let (Ok(x), Ok(y)) = (&full, &rb) {
                    assert_eq!(x.as_bytes(), y.as_slice());
                }
            }
            1 => {
                // Resolution into a buffer of any size: the result with room, or too small.
                let room = a.len() + b.len() + 1;
                let full = href::resolve_into(&a, &b, &mut vec![0u8; room]).map(str::to_string);
                let mut buf = vec![0u8; size];
                match (full, href::resolve_into(&a, &b, &mut buf)) {
                    (Ok(x), Ok(y)) => assert_eq!(x, y),
                    (Ok(x), Err(e)) => {
                        assert_eq!(e.kind(), href::HrefErrorKind::BufferTooSmall, "{a:?} {b:?} {size}");
                        assert!(size < x.len() + 1 || size < room, "{a:?} {b:?}: {x:?} refused in {size}");
                    }
                    (Err(e), _) => panic!("{a:?} {b:?}: {e:?} with the stated room"),
                }
                let _ = (href::same_resource(&a, &b), href::same_resource(&b, &a));
                let parts = href::UriRef::parse(&a);
                let _ = (parts.userinfo(), parts.host(), parts.port());
            }
            2 => {
                let enc = href::encode_path(&a);
                let whole = enc.to_string();
                let mut buf = vec![0u8; size];
                match enc.write_into(&mut buf) {
                    Ok(s) => assert_eq!(s, whole),
                    Err(e) => {
                        assert!(size < whole.len(), "{a:?}: {e:?} in {size}");
                    }
                }
            }
            3 => {
                // Any instant: formats, when it is one, into 29 bytes and no fewer.
                let s = u.arbitrary::<i64>().unwrap_or(0);
                let s = match small(u, 4) {
                    0 => i64::MAX,
                    1 => i64::MIN,
                    2 => s % 400_000_000_000,
                    _ => s,
                };
                if let Some(d) = HttpDate::from_unix_seconds(s) {
                    assert_eq!(d.unix_seconds(), s);
                    let text = d.to_string();
                    let mut buf = vec![0u8; size];
                    match d.format_into(&mut buf) {
                        Ok(x) => assert_eq!(x, text),
                        Err(_) => assert!(size < text.len()),
                    }
                    assert_eq!(HttpDate::parse(&text).map(|x| x.unix_seconds()), Ok(s), "{text}");
                }
                let ns = u.arbitrary::<u32>().unwrap_or(0);
                if let Some(d) = DateTime::from_unix(s, ns) {
                    let text = d.to_string();
                    let mut buf = vec![0u8; size];
                    match d.format_into(&mut buf) {
                        Ok(x) => assert_eq!(x, text),
                        Err(_) => assert!(size < text.len()),
                    }
                    let back = DateTime::parse(&text).expect("a date written reads");
                    assert_eq!((back.unix_seconds(), back.nanoseconds()), (s, d.nanoseconds()), "{text}");
                }
            }
            _ => {
                let year = u.arbitrary::<u16>().unwrap_or(0);
                let _ = HttpDate::parse_in_year(&a, year);
                let _ = (HttpDate::parse(&a), DateTime::parse(&a), a.parse::<HttpDate>(), a.parse::<DateTime>());
                let _ = href::check(&a);
                let mut k = 0usize;
                for _ in href::percent_decoded(&a) {
                    k += 1;
                    assert!(k <= a.len() + 1, "endless pieces");
                }
            }
        }
    }
}

// --- the multistatus writer -----------------------------------------------------------------

/// A sink that fails once it holds `cap` bytes would be passed, or at its `fail_at`-th write.
struct Sink {
    out: String,
    cap: usize,
    fail_at: usize,
    writes: usize,
}

impl std::fmt::Write for Sink {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.writes += 1;
        if self.writes == self.fail_at || self.out.len() + s.len() > self.cap {
            return Err(std::fmt::Error);
        }
        self.out.push_str(s);
        Ok(())
    }
}

impl Sink {
    fn new(cap: usize, fail_at: usize) -> Self {
        Sink { out: String::new(), cap, fail_at, writes: 0 }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum WOp {
    BeginResponse,
    BeginStatusResponse { hrefs: u8, code: u16 },
    StatusResponse { hrefs: u8, code: u16 },
    EndResponse,
    EndResponseWith { error: bool, description: bool, location: bool },
    BeginPropstat,
    EndPropstat { code: u16 },
    EndPropstatWith { code: u16, error: bool, description: bool },
    Text,
    Cdata,
    Empty,
    Raw,
    U64(u64),
    Date(i64),
    Etag { weak: bool },
    ResourceType(bool),
    Finish,
    FinishWith { description: bool, token: bool },
}

/// The writer's grammar, as the docs state it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WState {
    Start,
    Multistatus,
    Response { has_propstat: bool },
    StatusResponse,
    Prop,
}

/// One call's arguments, drawn once so that both runs (a sink that fails, one that does not)
/// make the same calls.
#[derive(Debug, Clone)]
struct Call {
    op: WOp,
    strings: [String; 4],
}

/// What the body written should read back as.
#[derive(Debug, Default, PartialEq, Eq)]
struct Written {
    responses: Vec<(Vec<String>, Option<u16>, Vec<(u16, Vec<String>)>)>,
}

fn writer(u: &mut Unstructured<'_>, body: &[u8]) {
    let prefix = string(u, body);
    let ns_prefix = string(u, body);
    let ns_uri = string(u, body);
    let namespaces = [(ns_prefix.as_str(), ns_uri.as_str())];
    let flags = u.arbitrary::<u8>().unwrap_or(0);
    let dav = if flags & 1 == 0 { DavPrefix::Named(&prefix) } else { DavPrefix::Default };
    let opts = WriterOptions::new()
        .dav_prefix(dav)
        .xml_declaration(flags & 2 == 0)
        .indent(flags >> 5)
        .namespaces(if flags & 4 == 0 { &[] } else { &namespaces });
    let cap = usize::from(u.arbitrary::<u16>().unwrap_or(u16::MAX));
    let fail_at = if flags & 8 == 0 { usize::MAX } else { small(u, 255) };
    let mut calls = vec![];
    for _ in 0..MAX_OPS {
        let Ok(op) = u.arbitrary::<WOp>() else { break };
        let strings = [string(u, body), string(u, body), string(u, body), string(u, body)];
        calls.push(Call { op, strings });
        if u.is_empty() {
            break;
        }
    }
    // The reference run: a sink that never fails.
    let full = run_writer(Sink::new(usize::MAX, usize::MAX), opts, &calls, None);
    let limited = run_writer(Sink::new(cap, fail_at), opts, &calls, Some(&full));
    let _ = limited;
}

/// The outcome of a run: each call's result, the bytes the sink holds, `finish`'s result.
struct Run {
    results: Vec<Result<(), Error>>,
    out: String,
}

fn run_writer(sink: Sink, opts: WriterOptions<'_>, calls: &[Call], full: Option<&Run>) -> Run {
    let mut w = match Writer::new(sink, opts) {
        Ok(w) => w,
        Err(e) => {
            assert_eq!(e.offset(), 0);
            assert!(matches!(e.kind(), ErrorKind::InvalidName | ErrorKind::InvalidChar), "{e:?}");
            return Run { results: vec![], out: String::new() };
        }
    };
    let mut state = WState::Start;
    let mut stopped: Option<Error> = None;
    let mut results = vec![];
    let mut model = Written::default();
    // Each call's result, and its output, until `finish` (which takes the writer).
    for (i, c) in calls.iter().enumerate() {
        let [s0, s1, s2, s3] = &c.strings;
        let before = w.written();
        let hrefs_of = |n: u8| -> Vec<&str> { c.strings.iter().take(usize::from(n % 5)).map(String::as_str).collect() };
        // Whether the call is in order (the docs' grammar), and its expected next state.
        let (in_order, next) = match (c.op, state) {
            (WOp::BeginResponse, WState::Start | WState::Multistatus) => {
                (true, WState::Response { has_propstat: false })
            }
            (WOp::BeginStatusResponse { .. }, WState::Start | WState::Multistatus) => (true, WState::StatusResponse),
            (WOp::StatusResponse { .. }, WState::Start | WState::Multistatus) => (true, WState::Multistatus),
            (WOp::EndResponse | WOp::EndResponseWith { .. }, WState::Response { .. } | WState::StatusResponse) => {
                (true, WState::Multistatus)
            }
            (WOp::BeginPropstat, WState::Response { .. }) => (true, WState::Prop),
            (WOp::EndPropstat { .. } | WOp::EndPropstatWith { .. }, WState::Prop) => {
                (true, WState::Response { has_propstat: true })
            }
            (
                WOp::Text
                | WOp::Cdata
                | WOp::Empty
                | WOp::Raw
                | WOp::U64(_)
                | WOp::Date(_)
                | WOp::Etag { .. }
                | WOp::ResourceType(_),
                WState::Prop,
            ) => (true, WState::Prop),
            (WOp::Finish | WOp::FinishWith { .. }, WState::Start | WState::Multistatus) => (true, WState::Start),
            _ => (false, state),
        };
        let mut pending_prop: Option<String> = None;
        let r = match c.op {
            WOp::BeginResponse => w.begin_response(s0),
            WOp::BeginStatusResponse { hrefs, code } => w.begin_status_response(&hrefs_of(hrefs), code, s1),
            WOp::StatusResponse { hrefs, code } => w.status_response(&hrefs_of(hrefs), code, s1),
            WOp::EndResponse => w.end_response(),
            WOp::EndResponseWith { error, description, location } => w.end_response_with(ResponseTail {
                error: error.then_some(s0.as_str()),
                description: description.then_some(s1.as_str()),
                location: location.then_some(s2.as_str()),
            }),
            WOp::BeginPropstat => w.begin_propstat(),
            WOp::EndPropstat { code } => w.end_propstat(code, s0),
            WOp::EndPropstatWith { code, error, description } => w.end_propstat_with(
                code,
                s0,
                PropStatTail { error: error.then_some(s1.as_str()), description: description.then_some(s2.as_str()) },
            ),
            WOp::Text => {
                pending_prop = Some(clark_of(s0, s1));
                w.property_text(s0, s1, s2)
            }
            WOp::Cdata => {
                pending_prop = Some(clark_of(s0, s1));
                w.property_cdata(s0, s1, s2)
            }
            WOp::Empty => {
                pending_prop = Some(clark_of(s0, s1));
                w.property_empty(s0, s1)
            }
            WOp::Raw => {
                pending_prop = Some(clark_of(s0, s1));
                w.property_raw(s0, s1, s3)
            }
            WOp::U64(n) => {
                pending_prop = Some(clark_of(s0, s1));
                w.property_u64(s0, s1, n)
            }
            WOp::Date(s) => {
                pending_prop = Some(clark_of(s0, s1));
                match HttpDate::from_unix_seconds(s) {
                    Some(d) => w.property_http_date(s0, s1, d),
                    None => w.property_http_date(s0, s1, HttpDate::from_unix_seconds(0).unwrap()),
                }
            }
            WOp::Etag { weak } => {
                pending_prop = Some(clark_of(DAV, "getetag"));
                w.getetag(s0, weak)
            }
            WOp::ResourceType(c) => {
                pending_prop = Some(clark_of(DAV, "resourcetype"));
                w.resourcetype(c)
            }
            WOp::Finish | WOp::FinishWith { .. } => {
                let tail = match c.op {
                    WOp::FinishWith { description, token } => MultistatusTail {
                        description: description.then_some(s0.as_str()),
                        sync_token: token.then_some(s1.as_str()),
                    },
                    _ => MultistatusTail::default(),
                };
                let r = w.finish_with(tail);
                return finished(r, stopped, in_order, results, model, full, i);
            }
        };
        check_call(&w, r, before, &mut stopped, in_order, state, full, i);
        if r.is_ok() {
            state = next;
            record(&mut model, c, pending_prop);
        }
        results.push(r);
    }
    // Not finished: what was written is a prefix of a body (not checked further).
    let _ = w.error();
    Run { results, out: String::new() }
}

fn clark_of(ns: &str, local: &str) -> String {
    if ns.is_empty() { local.to_string() } else { format!("{{{ns}}}{local}") }
}

/// The model of what a successful call wrote.
fn record(model: &mut Written, c: &Call, prop: Option<String>) {
    let [s0, s1, ..] = &c.strings;
    match c.op {
        WOp::BeginResponse => model.responses.push((vec![s0.clone()], None, vec![])),
        WOp::BeginStatusResponse { hrefs, code } | WOp::StatusResponse { hrefs, code } => {
            let hrefs = c.strings.iter().take(usize::from(hrefs % 5)).cloned().collect();
            model.responses.push((hrefs, Some(code), vec![]));
            let _ = s1;
        }
        WOp::BeginPropstat => model.responses.last_mut().unwrap().2.push((0, vec![])),
        WOp::EndPropstat { code } | WOp::EndPropstatWith { code, .. } => {
            model.responses.last_mut().unwrap().2.last_mut().unwrap().0 = code
        }
        _ => {
            if let Some(p) = prop {
                model.responses.last_mut().unwrap().2.last_mut().unwrap().1.push(p);
            }
        }
    }
}

/// The checks of one call's result: order, stickiness, nothing written by a refusal, the same
/// as the reference run until the sink fails.
#[allow(clippy::too_many_arguments)]
fn check_call(
    w: &Writer<'_, Sink>,
    r: Result<(), Error>,
    before: usize,
    stopped: &mut Option<Error>,
    in_order: bool,
    state: WState,
    full: Option<&Run>,
    i: usize,
) {
    if let Some(s) = *stopped {
        // Invariant: a stopped writer gives its error again, and writes nothing.
        assert_eq!(r, Err(s), "a stopped writer went on");
        assert_eq!(w.written(), before);
        return;
    }
    match r {
        Ok(()) => assert!(in_order, "a call out of order accepted in {state:?}"),
        Err(e) => {
            *stopped = Some(e);
            assert_eq!(w.error(), Some(e));
            if !in_order {
                // Invariant: a call out of order is refused as such.
                assert_eq!(e.kind(), ErrorKind::WriterState, "out of order in {state:?}");
            } else {
                assert_ne!(e.kind(), ErrorKind::WriterState, "in order in {state:?}");
            }
            if e.kind() != ErrorKind::BufferTooSmall {
                // Invariant: a refusal writes nothing of its call.
                assert_eq!(w.written(), before, "a refusal wrote");
            }
            assert!(e.offset() <= w.written());
        }
    }
    if let Some(full) = full {
        // Invariant: the same as with a sink that does not fail, until it fails.
        match (r, full.results.get(i)) {
            (Err(e), _) if e.kind() == ErrorKind::BufferTooSmall => {}
            (r, Some(f)) => assert_eq!(&r, f, "call {i}: a failing sink changed a result"),
            (_, None) => {}
        }
    }
}

/// After `finish`: a body that reads back as the model, or the error of the last call.
fn finished(
    r: Result<Sink, Error>,
    stopped: Option<Error>,
    in_order: bool,
    mut results: Vec<Result<(), Error>>,
    model: Written,
    full: Option<&Run>,
    i: usize,
) -> Run {
    let r = r.map(|s| s.out);
    if let Some(s) = stopped {
        assert_eq!(r, Err(s), "finish after an error");
    }
    match &r {
        Ok(_) => assert!(in_order && stopped.is_none(), "finish accepted out of order"),
        Err(e) if stopped.is_none() && !in_order => assert_eq!(e.kind(), ErrorKind::WriterState),
        Err(_) => {}
    }
    if let Some(full) = full {
        if let Ok(out) = &r {
            // The same body as the reference run.
            assert_eq!(out, &full.out, "a sink that did not fail wrote otherwise");
        } else if let Err(e) = &r
            && e.kind() != ErrorKind::BufferTooSmall
            && let Some(f) = full.results.get(i)
        {
            assert_eq!(&Err(*e), f);
        }
    }
    results.push(r.as_ref().map(|_| ()).map_err(|e| *e));
    let Ok(out) = r else { return Run { results, out: String::new() } };
    // Invariant: what `finish` returns reads back, to what was written.
    let (reading, end) = reference(out.as_bytes());
    assert_eq!(end, None, "the writer's body does not read: {out}");
    let got: Vec<_> = reading
        .into_iter()
        .map(|r| (r.hrefs, r.status, r.propstats.into_iter().map(|(s, n)| (s.unwrap_or(0), n)).collect::<Vec<_>>()))
        .collect();
    assert_eq!(got, model.responses, "{out}");
    let mut p: Parser<'_> = Parser::with_options(out.as_bytes(), Options::strict()).unwrap();
    for ev in p.by_ref() {
        ev.expect("strict reading of the writer's body");
    }
    assert!(p.is_done());
    Run { results, out }
}

// --- the other writers --------------------------------------------------------------------

#[derive(Arbitrary, Debug)]
enum EOp {
    Condition(u8, u8),
    Other,
    Message,
    Exception,
}

fn other_writers(u: &mut Unstructured<'_>, body: &[u8]) {
    if u.arbitrary::<bool>().unwrap_or(false) {
        request_writers(u, body);
        return;
    }
    let cap = usize::from(u.arbitrary::<u16>().unwrap_or(u16::MAX));
    let mut w = match ErrorWriter::new(Sink::new(cap, usize::MAX)) {
        Ok(w) => w,
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::BufferTooSmall);
            return;
        }
    };
    let mut stopped: Option<Error> = None;
    let mut conditions = 0usize;
    let mut message: Option<String> = None;
    for _ in 0..MAX_OPS / 2 {
        let Ok(op) = u.arbitrary::<EOp>() else { break };
        let strings = [string(u, body), string(u, body), string(u, body)];
        let before = w.written();
        let hrefs: Vec<&str> = strings.iter().skip(1).take(small(u, 2)).map(String::as_str).collect();
        let r = match op {
            EOp::Condition(set, k) => {
                use multistatus::dav_error::{CalDavCondition, CardDavCondition, DavCondition};
                let c = match set % 3 {
                    0 => Condition::Dav(DavCondition::ALL[usize::from(k) % DavCondition::ALL.len()]),
                    1 => Condition::CalDav(CalDavCondition::ALL[usize::from(k) % CalDavCondition::ALL.len()]),
                    _ => Condition::CardDav(CardDavCondition::ALL[usize::from(k) % CardDavCondition::ALL.len()]),
                };
                w.condition_with_hrefs(c, &hrefs)
            }
            EOp::Other => w.other_condition(&strings[0], &strings[1], &hrefs),
            EOp::Message => w.message(&strings[0]),
            EOp::Exception => w.exception(&strings[0]),
        };
        if let Some(s) = stopped {
            assert_eq!(r, Err(s), "a stopped error writer went on");
            assert_eq!(w.written(), before);
            continue;
        }
        match r {
            Ok(()) => match op {
                EOp::Message => message = Some(strings[0].clone()),
                EOp::Condition(..) | EOp::Other => conditions += 1,
                EOp::Exception => {}
            },
            Err(e) => {
                stopped = Some(e);
                assert_ne!(e.kind(), ErrorKind::WriterState);
                if e.kind() != ErrorKind::BufferTooSmall {
                    assert_eq!(w.written(), before, "a refusal wrote");
                }
            }
        }
    }
    let r = w.finish();
    if let Some(s) = stopped {
        assert_eq!(r.as_ref().err(), Some(&s));
    }
    let Ok(sink) = r else { return };
    // Invariant: it reads back.
    let e = ErrorBody::parse(sink.out.as_bytes()).expect("an error body written reads");
    let n = e.conditions().filter(|c| c.is_ok()).count();
    assert_eq!(n, conditions, "{}", sink.out);
    assert_eq!(e.message().expect("reads").map(|t| t.to_string()), message);
}

fn request_writers(u: &mut Unstructured<'_>, body: &[u8]) {
    use multistatus::lock_answer::{self, ActiveLockBody};
    use multistatus::request::write::{self as rw, LockInfoBody, MultigetBody, PropName, PropfindBody, Update};
    use multistatus::request::{self, LockScope, MultigetKind, Op, Selection, SyncLevel};
    let s: Vec<String> = (0..6).map(|_| string(u, body)).collect();
    let names = [PropName::new(&s[0], &s[1]), PropName::new(&s[2], &s[3])];
    let n = small(u, 2);
    let cap = usize::from(u.arbitrary::<u16>().unwrap_or(u16::MAX));
    let sel = [Selection::AllProp, Selection::PropName, Selection::Prop][small(u, 2)];
    let opts = WriterOptions::new().xml_declaration(u.arbitrary::<bool>().unwrap_or(true));
    let hrefs = [s[4].as_str(), s[5].as_str()];
    let which = small(u, 5);
    let r = match which {
        0 => rw::propfind(Sink::new(cap, usize::MAX), opts, &PropfindBody { selection: sel, props: &names[..n] }),
        1 => {
            let ups = [
                Update { op: Op::Set, name: names[0], raw: &s[4] },
                Update { op: Op::Remove, name: names[1], raw: &s[5] },
            ];
            rw::proppatch(Sink::new(cap, usize::MAX), opts, &ups[..n])
        }
        2 => rw::lockinfo(
            Sink::new(cap, usize::MAX),
            opts,
            &LockInfoBody { scope: LockScope::Shared, owner: (n > 0).then_some(s[4].as_str()) },
        ),
        3 => rw::sync_collection(
            Sink::new(cap, usize::MAX),
            opts,
            &rw::SyncCollectionBody {
                token: &s[4],
                level: SyncLevel::One,
                limit: u.arbitrary::<Option<u32>>().unwrap_or(None),
                props: &names[..n],
            },
        ),
        4 => rw::multiget(
            Sink::new(cap, usize::MAX),
            opts,
            &MultigetBody {
                kind: MultigetKind::Calendar,
                selection: Some(sel),
                props: &names[..n],
                hrefs: &hrefs[..n],
            },
        ),
        _ => {
            let lock = ActiveLockBody {
                scope: props::LockScope::Exclusive,
                depth: props::Depth::Zero,
                owner: Some(&s[0]),
                timeout: Some(props::Timeout::Seconds(u.arbitrary::<u32>().unwrap_or(0))),
                lock_token: Some(&s[4]),
                lock_root: (n > 1).then_some(s[5].as_str()),
            };
            let locks = [lock, lock];
            lock_answer::write(Sink::new(cap, usize::MAX), opts, &locks[..n])
        }
    };
    // Invariant: whatever is written whole reads back with its reader.
    let Ok(sink) = r else { return };
    let b = sink.out.as_bytes();
    if which == 5 {
        let a = lock_answer::LockAnswer::parse(b).expect("a LOCK answer written reads");
        assert_eq!(a.locks().expect("reads").count(), n, "{}", sink.out);
    } else {
        let parsed = request::parse(b);
        assert!(parsed.is_ok(), "{:?}: {}", parsed.err(), sink.out);
    }
    let _ = writeln!(String::new(), "{}", sink.out.len());
}
