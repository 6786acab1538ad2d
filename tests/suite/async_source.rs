//! `parse_from_async` (feature `embedded-io-async`, issue 19): the same events and errors as
//! the whole-body parser over a source that gives short reads and makes each read wait (a
//! pending poll) first; a failed read stops the parser and is returned once; an interrupted
//! one is tried again and loses nothing; a source that says it read more than its room is an
//! error, not a panic; a unit larger than the buffer is `WindowTooSmall` with its size.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use crate::common::{self, event_line, whole_events};
use multistatus::windowed::{ReadError, parse_from_async};
use multistatus::{Error, ErrorKind, WindowParser};

/// Runs a future to its end on this thread, polling again whenever it is pending (the sources
/// below wake nobody: they are ready at the next poll). Counts the pending polls.
fn block_on<T>(future: impl Future<Output = T>) -> (T, usize) {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    let mut pending = 0;
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(t) => return (t, pending),
            Poll::Pending => pending += 1,
        }
    }
}

/// A future that is pending once, then ready.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            Poll::Pending
        }
    }
}

/// What a read of [`Source`] does at a given read count.
#[derive(Clone, Copy, PartialEq)]
enum Fault {
    None,
    /// The read at this count fails with `Interrupted` (reading nothing).
    InterruptAt(usize),
    /// The reads from this count on fail with `Other`.
    FailFrom(usize),
    /// The read at this count says it read one byte more than its room.
    OverrunAt(usize),
}

/// A body handed out in reads of pseudo-random sizes from 1 to `max` bytes, each pending once
/// before it is ready.
struct Source<'b> {
    body: &'b [u8],
    at: usize,
    max: usize,
    seed: u64,
    reads: usize,
    fault: Fault,
}

impl<'b> Source<'b> {
    fn new(body: &'b [u8], max: usize) -> Self {
        Source { body, at: 0, max, seed: 0x9E37_79B9_7F4A_7C15, reads: 0, fault: Fault::None }
    }
}

impl embedded_io_async::ErrorType for Source<'_> {
    type Error = embedded_io_async::ErrorKind;
}

impl embedded_io_async::Read for Source<'_> {
    async fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
        YieldOnce(false).await;
        self.reads += 1;
        match self.fault {
            Fault::InterruptAt(n) if n == self.reads => return Err(embedded_io_async::ErrorKind::Interrupted),
            Fault::FailFrom(n) if self.reads >= n => return Err(embedded_io_async::ErrorKind::Other),
            Fault::OverrunAt(n) if n == self.reads => return Ok(buf.len() + 1),
            _ => {}
        }
        Ok(crate::common::trickle_read(self.body, &mut self.at, &mut self.seed, self.max, buf))
    }
}

/// `parse_from_async` over `source` through a buffer of `cap` bytes: its events, its result
/// and how many polls were pending.
fn parse_async(
    parser: &mut WindowParser,
    source: &mut Source<'_>,
    cap: usize,
) -> (Vec<String>, Result<(), ReadError<embedded_io_async::ErrorKind>>, usize) {
    let mut buf = vec![0u8; cap];
    let mut out = Vec::new();
    let (r, pending) = block_on(parse_from_async(parser, source, &mut buf, |ev| out.push(event_line(&ev))));
    (out, r, pending)
}

/// The whole-body reading as `parse_from_async` gives it: the same events, and the same error
/// as a `ReadError::Parse`.
fn expected(body: &[u8]) -> (Vec<String>, Result<(), ReadError<embedded_io_async::ErrorKind>>) {
    let (events, error) = whole_events(body);
    (events, error.map_or(Ok(()), |e| Err(ReadError::Parse(e))))
}

#[test]
fn async_source_gives_the_whole_body_events_for_every_fixture_and_corpus_body() {
    let mut files = common::fixture_files();
    files.extend(common::corpus_files("async_source"));
    let mut pending_total = 0;
    for f in &files {
        let body = std::fs::read(f).unwrap();
        // A buffer that holds any unit of the body: only the reads differ from a whole parse.
        let cap = body.len().max(64);
        for max in [1, 7, 4096] {
            let mut parser = WindowParser::new();
            let mut source = Source::new(&body, max);
            let (events, result, pending) = parse_async(&mut parser, &mut source, cap);
            assert_eq!((events, result), expected(&body), "{} in reads of 1 to {max} bytes", f.display());
            assert!(pending >= source.reads, "every read was pending once");
            pending_total += pending;
        }
    }
    assert!(pending_total > 0);
}

fn sample() -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sample.xml")).unwrap()
}

#[test]
fn async_source_failure_is_returned_once_and_stops_the_parser() {
    let body = sample();
    let mut parser = WindowParser::new();
    let mut source = Source::new(&body, 16);
    source.fault = Fault::FailFrom(5);
    let (events, result, _) = parse_async(&mut parser, &mut source, 4096);
    assert_eq!(result, Err(ReadError::Io(embedded_io_async::ErrorKind::Other)));
    let (all, _) = whole_events(&body);
    assert!(events.len() < all.len() && all.starts_with(&events), "the events before the failure, no more");
    // The parser is stopped where the read failed: it says so at every later call.
    let kept = parser.error().expect("the parser keeps an error");
    assert_eq!(kept.kind(), ErrorKind::SourceFailed);
    let mut again = Source::new(&body, 16);
    let (more, result, _) = parse_async(&mut parser, &mut again, 4096);
    assert!(more.is_empty());
    assert_eq!(result, Err(ReadError::Parse(kept)));
}

#[test]
fn async_source_interrupted_read_is_tried_again_and_loses_nothing() {
    let body = sample();
    for at in 1..12 {
        let mut parser = WindowParser::new();
        let mut source = Source::new(&body, 9);
        source.fault = Fault::InterruptAt(at);
        let (events, result, _) = parse_async(&mut parser, &mut source, 4096);
        assert_eq!((events, result), expected(&body), "interrupted at read {at}");
    }
}

#[test]
fn async_source_that_reads_more_than_its_room_is_an_error_not_a_panic() {
    let body = sample();
    let mut parser = WindowParser::new();
    let mut source = Source::new(&body, 9);
    source.fault = Fault::OverrunAt(3);
    let (_, result, _) = parse_async(&mut parser, &mut source, 4096);
    match result {
        Err(ReadError::Parse(e)) => assert_eq!(e.kind(), ErrorKind::SourceOverrun),
        other => panic!("expected SourceOverrun, got {other:?}"),
    }
}

#[test]
fn async_unit_larger_than_the_buffer_is_window_too_small_with_its_size() {
    let value = "x".repeat(300);
    let body = format!(
        "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/a</d:href><d:propstat><d:prop>\
         <d:displayname>{value}</d:displayname></d:prop><d:status>HTTP/1.1 200 OK</d:status>\
         </d:propstat></d:response></d:multistatus>"
    );
    let at = body.find("<d:displayname>").unwrap();
    let mut parser = WindowParser::new();
    let mut source = Source::new(body.as_bytes(), 5);
    let (_, result, _) = parse_async(&mut parser, &mut source, 128);
    assert_eq!(result, Err(ReadError::Parse(Error::new(ErrorKind::WindowTooSmall, at))));
    assert_eq!(parser.needed(), Some("<d:displayname></d:displayname>".len() + 300));
}
