//! The findings of the independent review (issue 14) in the windowed reader (`WindowParser`,
//! `Feed`, `parse_from`), one named test each: small reads, a source that reports more than
//! the room it was given, a retry after an I/O error, bodies past 4 GiB, and a caller's loop
//! whose buffer is too small for a unit.

use std::fmt::Write as _;

use crate::common::{event_line as line, whole_events as whole};
use multistatus::{Error, Event};

/// A calendar report: `units` responses, each with a `calendar-data` property of about
/// `unit` bytes (one text run).
fn calendar_body(units: usize, unit: usize) -> Vec<u8> {
    let row = "SUMMARY:a long event line of plain text\r\n";
    let ics = row.repeat(unit / row.len());
    let mut s = String::from("<d:multistatus xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">\n");
    for i in 0..units {
        writeln!(
            s,
            "<d:response><d:href>/cal/{i}.ics</d:href><d:propstat><d:prop><c:calendar-data>{ics}</c:calendar-data>\
</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
        )
        .unwrap();
    }
    s.push_str("</d:multistatus>\n");
    s.into_bytes()
}

#[cfg(feature = "embedded-io")]
mod sources {
    /// A body handed out in reads of pseudo-random sizes from 1 to `max` bytes.
    pub struct Trickle {
        pub body: Vec<u8>,
        pub at: usize,
        pub max: usize,
        pub seed: u64,
        pub reads: usize,
    }

    impl Trickle {
        pub fn new(body: Vec<u8>, max: usize) -> Self {
            Trickle { body, at: 0, max, seed: 0x9E37_79B9_7F4A_7C15, reads: 0 }
        }
    }

    impl embedded_io::ErrorType for Trickle {
        type Error = embedded_io::ErrorKind;
    }

    impl embedded_io::Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
            self.reads += 1;
            Ok(crate::common::trickle_read(&self.body, &mut self.at, &mut self.seed, self.max, buf))
        }
    }
}

#[cfg(feature = "embedded-io")]
use sources::Trickle;

/// `parse_from` over `source` through a buffer of `cap` bytes: its events and result.
#[cfg(feature = "embedded-io")]
fn parse_through<R: embedded_io::Read>(
    parser: &mut multistatus::WindowParser,
    source: &mut R,
    cap: usize,
) -> (Vec<String>, Result<(), multistatus::ReadError<R::Error>>) {
    let mut buf = vec![0u8; cap];
    let mut out = Vec::new();
    let r = multistatus::parse_from(parser, source, &mut buf, |ev| out.push(line(&ev)));
    (out, r)
}

/// Finding 3: `parse_from` fed the window again after every read, and every feed read the
/// unfinished unit again from its start (and validated the whole window): reads of a few bytes
/// cost time in proportion to the unit's size for each of them. An 8 MB body of 1 MB
/// properties through a 1 MiB buffer in reads of 1 to 16 bytes took minutes; it now takes
/// about as long as the same body in large reads.
#[cfg(feature = "embedded-io")]
#[test]
fn small_reads_do_not_read_an_unfinished_unit_again_for_each_read() {
    let body = calendar_body(8, 1_000_000);
    let expected = whole(&body);
    assert_eq!(expected.1, None);
    let (got, reads) = crate::common::within(60, "8 MB in reads of 1 to 16 bytes", move || {
        let mut source = Trickle::new(body, 16);
        let mut parser = multistatus::WindowParser::new();
        let (events, r) = parse_through(&mut parser, &mut source, 1 << 20);
        r.unwrap();
        assert!(parser.is_done());
        (events, source.reads)
    });
    assert!(reads > 500_000, "the reads were small ({reads})");
    assert_eq!(got, expected.0);
}

/// The same policy keeps the events and offsets of the whole-body parser whatever the sizes
/// of the reads, on a body of many small units and a few large ones.
#[cfg(feature = "embedded-io")]
#[test]
fn parse_from_agrees_with_the_whole_body_parser_for_any_read_sizes() {
    let mut body = calendar_body(3, 3000);
    let tail = String::from_utf8(calendar_body(40, 40)).unwrap();
    // Splice the small responses in before the root's end tag.
    body.truncate(body.len() - "</d:multistatus>\n".len());
    body.extend_from_slice(tail.split_once('\n').unwrap().1.as_bytes());
    let expected = whole(&body);
    assert_eq!(expected.1, None);
    for max in [1, 3, 16, 100, 5000] {
        for cap in [4096, 5000, 1 << 16] {
            let mut source = Trickle::new(body.clone(), max);
            let mut parser = multistatus::WindowParser::new();
            let (got, r) = parse_through(&mut parser, &mut source, cap);
            r.unwrap_or_else(|e| panic!("reads up to {max}, buffer {cap}: {e:?}"));
            assert_eq!(got, expected.0, "reads up to {max}, buffer {cap}");
        }
    }
}

/// A source that hands out `body` and, at its `at`-th read, says it read one byte more than
/// the room it was given.
#[cfg(feature = "embedded-io")]
struct Overrun {
    body: Vec<u8>,
    at: usize,
    reads: usize,
    pos: usize,
}

#[cfg(feature = "embedded-io")]
impl embedded_io::ErrorType for Overrun {
    type Error = embedded_io::ErrorKind;
}

#[cfg(feature = "embedded-io")]
impl embedded_io::Read for Overrun {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
        self.reads += 1;
        if self.reads == self.at {
            return Ok(buf.len() + 1);
        }
        let n = buf.len().min(7).min(self.body.len() - self.pos);
        buf[..n].copy_from_slice(&self.body[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Finding 4: a source that returned more than the room it was given (`Ok(buf.len() + 1)`)
/// made `parse_from` panic at `copy_within`. It is now `SourceOverrun` where the read went,
/// and the parser stays stopped; at the first read, in the middle of the body, and when the
/// buffer was nearly full.
#[cfg(feature = "embedded-io")]
#[test]
fn a_source_that_reads_more_than_its_room_is_an_error_not_a_panic() {
    use multistatus::{ErrorKind, ReadError, WindowParser};
    let body = calendar_body(3, 300);
    for at in [1, 2, 10, 60, 100] {
        for cap in [512, 1024, 4096] {
            let mut source = Overrun { body: body.clone(), at, reads: 0, pos: 0 };
            let mut parser = WindowParser::new();
            let r =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parse_through(&mut parser, &mut source, cap)));
            let (_, r) = r.unwrap_or_else(|_| panic!("read {at}, buffer {cap}: panicked"));
            let e = match r {
                Err(ReadError::Parse(e)) => e,
                other => panic!("read {at}, buffer {cap}: {other:?}"),
            };
            assert_eq!(e.kind(), ErrorKind::SourceOverrun, "read {at}, buffer {cap}");
            assert!(e.offset() <= source.pos, "read {at}, buffer {cap}: {e:?} after {} bytes", source.pos);
            assert_eq!(parser.error(), Some(e), "read {at}, buffer {cap}: the parser stays stopped");
            assert!(!parser.is_done());
            let (events, again) = parse_through(&mut parser, &mut source, cap);
            assert!(events.is_empty());
            assert_eq!(again, Err(ReadError::Parse(e)), "read {at}, buffer {cap}: refused again");
        }
    }
}

/// A source that hands out `body` a few bytes at a time and fails once, with `kind`, when it
/// has given `fail_at` bytes.
#[cfg(feature = "embedded-io")]
struct FailOnce {
    body: Vec<u8>,
    pos: usize,
    fail_at: usize,
    kind: embedded_io::ErrorKind,
    failed: bool,
}

#[cfg(feature = "embedded-io")]
impl embedded_io::ErrorType for FailOnce {
    type Error = embedded_io::ErrorKind;
}

#[cfg(feature = "embedded-io")]
impl embedded_io::Read for FailOnce {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
        if self.pos == self.fail_at && !self.failed {
            self.failed = true;
            return Err(self.kind);
        }
        let end = if self.failed { self.body.len() } else { self.fail_at };
        let n = buf.len().min(4).min(end - self.pos);
        buf[..n].copy_from_slice(&self.body[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(feature = "embedded-io")]
const SECRET: &[u8] = b"<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/secret/public</d:href>\
<d:status>HTTP/1.1 200 OK</d:status></d:response></d:multistatus>";

/// Finding 5: after `ReadError::Io`, the parser looked ready (`error()` was `None`), and
/// calling `parse_from` again returned `Ok` having skipped the bytes that were in the buffer:
/// `/secret/public` read as `public`. An interrupted read is now tried again at once (nothing
/// was read, the buffer is still there): the parse goes on exactly.
#[cfg(feature = "embedded-io")]
#[test]
fn an_interrupted_read_is_retried_and_loses_nothing() {
    let expected = whole(SECRET);
    let fail_at = SECRET.windows(7).position(|w| w == b"/public").unwrap();
    for cap in [64, 100, 4096] {
        let mut source = FailOnce {
            body: SECRET.to_vec(),
            pos: 0,
            fail_at,
            kind: embedded_io::ErrorKind::Interrupted,
            failed: false,
        };
        let mut parser = multistatus::WindowParser::new();
        let (got, r) = parse_through(&mut parser, &mut source, cap);
        assert!(source.failed);
        assert_eq!(r, Ok(()), "buffer {cap}");
        assert_eq!(got, expected.0, "buffer {cap}");
        assert!(got.iter().any(|l| l == "\"/secret/public\"@50"), "{got:?}");
    }
}

/// Finding 5, any other error of the source: it is returned once, and the parser is stopped
/// with `SourceFailed` where the read failed; every later call refuses (no event, no `Ok`).
#[cfg(feature = "embedded-io")]
#[test]
fn after_a_failed_read_the_parser_refuses_instead_of_skipping_bytes() {
    use multistatus::{ErrorKind, ReadError};
    let fail_at = SECRET.windows(7).position(|w| w == b"/public").unwrap();
    for cap in [64, 100, 4096] {
        let mut source =
            FailOnce { body: SECRET.to_vec(), pos: 0, fail_at, kind: embedded_io::ErrorKind::TimedOut, failed: false };
        let mut parser = multistatus::WindowParser::new();
        let (_, r) = parse_through(&mut parser, &mut source, cap);
        assert_eq!(r, Err(ReadError::Io(embedded_io::ErrorKind::TimedOut)), "buffer {cap}");
        let kept = parser.error().unwrap_or_else(|| panic!("buffer {cap}: the parser looks ready to go on"));
        assert_eq!((kept.kind(), kept.offset()), (ErrorKind::SourceFailed, fail_at), "buffer {cap}");
        assert!(!parser.is_done());
        // The retry that used to skip `/secret/`.
        let (events, again) = parse_through(&mut parser, &mut source, cap);
        assert_eq!(again, Err(ReadError::Parse(kept)), "buffer {cap}: {events:?}");
        assert!(events.is_empty(), "buffer {cap}: {events:?}");
        assert_eq!(parser.feed(b"", parser.keep_from(), true).err(), Some(kept));
    }
}

/// A window whose end passes 4 GiB, without the memory: `vec![0; n]` asks the system for
/// zeroed pages, which it maps only when they are touched, and `feed` refuses the window
/// before it reads a byte of it. `None` when the address space cannot be had (then the test
/// says so and passes: `a_body_past_4_gib_streamed_through_parse_from_is_input_too_large`
/// covers the same, slowly).
#[cfg(target_pointer_width = "64")]
fn four_gib_of_zeros() -> Option<Vec<u8>> {
    let n = u32::MAX as usize + 1;
    if Vec::<u8>::new().try_reserve_exact(n).is_err() {
        eprintln!("skipped: 4 GiB of address space cannot be reserved here");
        return None;
    }
    Some(vec![0u8; n])
}

/// Finding 9: a window reaching past 4 GiB was `WindowMisplaced`, though the docs promise
/// `InputTooLarge` for a body over 4 GiB (offsets are 32-bit). A window that ends exactly
/// at `u32::MAX` is still read (its first byte, made invalid UTF-8, is the error then).
#[cfg(target_pointer_width = "64")]
#[test]
fn a_window_past_4_gib_is_input_too_large() {
    use multistatus::{ErrorKind, WindowParser};
    let Some(mut zeros) = four_gib_of_zeros() else { return };
    let mut parser = WindowParser::new();
    let e = parser.feed(&zeros, 0, false).expect_err("a window past 4 GiB is refused");
    assert_eq!((e.kind(), e.offset()), (ErrorKind::InputTooLarge, u32::MAX as usize));
    assert_eq!(parser.error(), Some(e), "the parser stops");
    assert_eq!(parser.feed(b"<", 0, false).err(), Some(e));
    // The largest window: the error is the body's own.
    zeros[0] = 0xFF;
    let mut parser = WindowParser::new();
    let mut feed = parser.feed(&zeros[..u32::MAX as usize], 0, false).unwrap();
    let e = feed.next_event().unwrap().unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidUtf8, 0));
}

/// Finding 9 end to end: a body of more than 4 GiB (a root, then white space and empty
/// extension elements, made by the source as it goes) through `parse_from` stops with
/// `InputTooLarge`. Streams 4 GiB (about 5 s in a release build; the test profile is
/// optimised too).
#[cfg(all(feature = "embedded-io", target_pointer_width = "64"))]
#[test]
fn a_body_past_4_gib_streamed_through_parse_from_is_input_too_large() {
    use multistatus::{ErrorKind, ReadError, WindowParser};
    struct Endless {
        head: &'static [u8],
        pattern: Vec<u8>,
        pos: u64,
    }
    impl embedded_io::ErrorType for Endless {
        type Error = embedded_io::ErrorKind;
    }
    impl embedded_io::Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
            let head = self.head.len() as u64;
            let src = if self.pos < head {
                &self.head[self.pos as usize..]
            } else {
                &self.pattern[((self.pos - head) % self.pattern.len() as u64) as usize..]
            };
            let n = src.len().min(buf.len());
            buf[..n].copy_from_slice(&src[..n]);
            self.pos += n as u64;
            Ok(n)
        }
    }
    let mut pattern = vec![b' '; 4092];
    pattern.extend_from_slice(b"<x/>");
    let mut source = Endless { head: b"<d:multistatus xmlns:d=\"DAV:\">", pattern, pos: 0 };
    let mut parser = WindowParser::new();
    let (events, r) = parse_through(&mut parser, &mut source, 1 << 16);
    assert!(events.len() > 1_000_000);
    let Err(ReadError::Parse(e)) = r else { panic!("{r:?}") };
    assert_eq!((e.kind(), e.offset()), (ErrorKind::InputTooLarge, u32::MAX as usize));
    assert!(source.pos > u32::MAX as u64);
    assert_eq!(parser.error(), Some(e));
}

/// The README's windowed loop, as written there (a body copied into a fixed buffer, refilled
/// after each feed), run over `body` through a buffer of `N` bytes; `None` if it is still
/// going after 10,000 rounds (it spins).
fn readme_loop<const N: usize>(body: &[u8]) -> Option<Result<usize, Error>> {
    let run = || -> Result<Option<usize>, Error> {
        let mut parser = multistatus::WindowParser::new();
        let mut buf = [0u8; N]; // the only buffer
        let (mut start, mut filled, mut arrived) = (0, 0, 0);
        let mut hrefs = 0;
        let mut rounds = 0;
        while !parser.is_done() {
            rounds += 1;
            if rounds > 10_000 {
                return Ok(None);
            }
            let is_final = arrived == body.len();
            {
                let mut feed = parser.feed(&buf[..filled], start, is_final)?;
                while let Some(event) = feed.next_event() {
                    if let Event::Href(_) = event? {
                        hrefs += 1;
                    }
                }
            }
            // Drop what is no longer needed, then read more (from a socket, here from `body`).
            crate::common::refill(parser.keep_from(), &mut buf, body, &mut start, &mut filled, &mut arrived);
        }
        Ok(Some(hrefs))
    };
    run().transpose()
}

/// The README's loop has no case for a unit larger than its buffer: the buffer fills, the
/// parser keeps it all, no byte can be added, and the same window was fed again for ever. A
/// window fed again without a byte more than the one that ran out of bytes is now
/// `WindowTooSmall` at the unit's start, and the loop ends.
#[test]
fn the_readme_loop_ends_with_window_too_small_when_a_unit_does_not_fit() {
    use multistatus::ErrorKind;
    let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/remote.php/dav/files/someone/Documents/Projects/2026/reports/quarterly.txt</d:href>
  <d:status>HTTP/1.1 200 OK</d:status></d:response></d:multistatus>"#;
    assert_eq!(readme_loop::<256>(body), Some(Ok(1)), "a buffer that holds every unit");
    // 64 bytes: the href's text (kept from its start) does not fit; 16: the root's start tag
    // does not.
    let href_text = body.windows(8).position(|w| w == b"<d:href>").unwrap() + 8;
    for (got, at) in [(readme_loop::<64>(body), href_text), (readme_loop::<16>(body), 0)] {
        let e = got.expect("the loop spins").expect_err("the body cannot fit");
        assert_eq!((e.kind(), e.offset()), (ErrorKind::WindowTooSmall, at));
    }
}

/// The rule above leaves `overflow()` its use: after it, the same full window goes on (the
/// unit is measured, its text given in pieces), and the unit's size comes with the error.
#[test]
fn after_overflow_the_same_full_window_goes_on_and_measures_the_unit() {
    use multistatus::{ErrorKind, WindowParser};
    let body = calendar_body(1, 3000);
    let prop = body.windows(16).position(|w| w == b"<c:calendar-data").unwrap();
    let prop_end = body.windows(18).position(|w| w == b"</c:calendar-data>").unwrap() + 18;
    // Feeds the first `cap` bytes from offset 0, then from keep_from() with what follows, until
    // the window is full and the parser still needs more: (parser, window start).
    let stalled = |cap: usize| {
        let mut p = WindowParser::new();
        let mut start = 0;
        loop {
            let window = &body[start..(start + cap).min(body.len())];
            let mut feed = p.feed(window, start, false).unwrap();
            while let Some(ev) = feed.next_event() {
                ev.unwrap();
            }
            if p.keep_from() == start {
                return (p, start);
            }
            start = p.keep_from();
        }
    };
    let cap = 1024;
    let (mut p, start) = stalled(cap);
    assert_eq!(start, prop);
    let e = p.feed(&body[start..start + cap], start, false).err().map(|e| (e.kind(), e.offset()));
    assert_eq!(e, Some((ErrorKind::WindowTooSmall, prop)), "the same window again");
    assert_eq!(p.needed(), None);

    let (mut p, mut start) = stalled(cap);
    p.overflow();
    let error = loop {
        let end = (start + cap).min(body.len());
        let mut feed = p.feed(&body[start..end], start, end == body.len()).expect("the window goes on");
        let mut failed = None;
        while let Some(ev) = feed.next_event() {
            failed = ev.err();
        }
        if let Some(e) = failed {
            break e;
        }
        start = p.keep_from();
    };
    assert_eq!((error.kind(), error.offset()), (ErrorKind::WindowTooSmall, prop));
    assert_eq!(p.needed(), Some(prop_end - prop));
}

/// A window before the previous one's start is `WindowMisplaced`, a mistake of the call: the
/// parser must be left as it was. The reader's state was taken out of the parser before the
/// check and dropped with the error: the parser then read on from a fresh reader (the body's
/// start, no open element) with the grammar in the middle of a response.
#[test]
fn a_window_before_the_previous_one_leaves_the_parser_as_it_was() {
    use multistatus::{ErrorKind, WindowParser};
    let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href><d:status>HTTP/1.1 200 OK</d:status></d:response></d:multistatus>"#;
    let expected = whole(body).0;
    let mut p = WindowParser::new();
    let mut got = Vec::new();
    let feed_from = |p: &mut WindowParser, start: usize, end: usize, got: &mut Vec<String>| {
        let mut feed = p.feed(&body[start..end], start, end == body.len())?;
        while let Some(ev) = feed.next_event() {
            got.push(line(&ev?));
        }
        Ok::<(), Error>(())
    };
    feed_from(&mut p, 0, 50, &mut got).unwrap();
    let first = p.keep_from();
    assert!(first > 0);
    feed_from(&mut p, first, 60, &mut got).unwrap();
    let keep = p.keep_from();
    let e = feed_from(&mut p, 0, body.len(), &mut got).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::WindowMisplaced, 0));
    assert_eq!(p.error(), None, "a misplaced window does not stop the parser");
    assert_eq!(p.keep_from(), keep, "keep_from() is where it was");
    let end = feed_from(&mut p, keep, body.len(), &mut got);
    assert_eq!(end, Ok(()), "{got:?}");
    assert!(p.is_done());
    assert_eq!(got, expected);
}

/// A namespace URI with a reference, read through a window: the windowed parser resolves
/// names against the copies it keeps of the declarations (which may have left the window),
/// unescaped, so `uri().raw()` is the unescaped URI there and the URI as written from the
/// whole-body parser, the same value either way (`Namespace::uri` documents it). Found by
/// the review of the `small` lexer.
#[test]
fn windowed_namespace_uri_is_the_unescaped_copy() {
    let body = br#"<d:multistatus xmlns:d="DAV:" xmlns:s="urn:a&amp;b"><d:response><d:href>/a</d:href><d:propstat><d:prop><s:x/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#;
    let uri_of = |ev: Event<'_>| match ev {
        Event::Property(p) => {
            Some((p.name().namespace().uri().raw().to_string(), p.name().namespace().uri().eq_str("urn:a&b")))
        }
        _ => None,
    };
    let whole: Vec<_> = multistatus::Parser::new(body).unwrap().filter_map(|ev| uri_of(ev.unwrap())).collect();
    assert_eq!(whole, [("urn:a&amp;b".to_string(), true)]);
    let mut parser: multistatus::WindowParser = multistatus::WindowParser::new();
    let mut feed = parser.feed(body, 0, true).unwrap();
    let mut windowed = Vec::new();
    while let Some(ev) = feed.next_event() {
        windowed.extend(uri_of(ev.unwrap()));
    }
    assert_eq!(windowed, [("urn:a&b".to_string(), true)]);
}
