//! Windowed parsing gives the same events, errors and offsets as the whole-body parser,
//! whatever the chunking: every split point of every fixture and corpus body under 64 KiB,
//! random chunkings of all of them (down to one byte at a time), and bodies from the
//! round-trip generators; plus the buffer-too-small error with the room it needed.

use crate::common;

use multistatus::{Element, Error, ErrorKind, Event, Node, Parser, WindowParser};

/// One line per event: everything a consumer can see, offsets included.
fn describe(ev: &Event<'_>) -> String {
    fn element(e: &Element<'_>) -> String {
        let attrs: Vec<String> = e.attributes().map(|a| format!("{}={}", a.name, a.value)).collect();
        let mut kids = Vec::new();
        for c in e.children() {
            match c {
                Ok(Node::Element(c)) => kids.push(format!("<{} @{} {:?}>", c.name(), c.offset(), c.raw())),
                Ok(Node::Text(t)) => kids.push(format!("{:?}@{}", t.to_string(), t.offset())),
                Err(err) => kids.push(format!("ERR {err}")),
            }
        }
        format!(
            "{} @{}..{} raw={:?} text={:?} attrs={attrs:?} kids={kids:?}",
            e.name(),
            e.offset(),
            e.end(),
            e.raw(),
            e.text().map(|t| t.to_string())
        )
    }
    match ev {
        Event::ResponseStart { offset } => format!("ResponseStart @{offset}"),
        Event::Href(t) => format!("Href {:?} {:?} @{}", t.raw(), t.to_string(), t.offset()),
        Event::Status(s) => format!("Status {} {:?} @{}", s.code(), s.reason(), s.text().offset()),
        Event::PropStatStart { offset } => format!("PropStatStart @{offset}"),
        Event::Property(e) => format!("Property {}", element(e)),
        Event::PropStatEnd => "PropStatEnd".into(),
        Event::Error(e) => format!("Error {}", element(e)),
        Event::Description(t) => format!("Description {:?} @{}", t.to_string(), t.offset()),
        Event::Location(t) => format!("Location {:?} @{}", t.to_string(), t.offset()),
        Event::ResponseEnd => "ResponseEnd".into(),
        Event::SyncToken(t) => format!("SyncToken {:?} @{}", t.to_string(), t.offset()),
        Event::Unknown(e) => format!("Unknown {}", element(e)),
        Event::Quirk(q) => format!("Quirk {:?} @{}", q.kind, q.offset),
        _ => format!("{ev:?}"),
    }
}

/// A cheaper line: the event, its offsets and raw slices (for the many split points).
fn brief(ev: &Event<'_>) -> String {
    match ev {
        Event::Property(e) | Event::Error(e) | Event::Unknown(e) => {
            format!("{} @{} {:?}", e.name(), e.offset(), e.raw())
        }
        Event::Href(t) | Event::Description(t) | Event::Location(t) | Event::SyncToken(t) => {
            format!("{:?}@{}", t.raw(), t.offset())
        }
        other => describe(other),
    }
}

type Describe = fn(&Event<'_>) -> String;

fn whole(body: &[u8], describe: Describe) -> (Vec<String>, Option<Error>) {
    let mut out = Vec::new();
    for ev in Parser::new(body).unwrap() {
        match ev {
            Ok(ev) => out.push(describe(&ev)),
            Err(e) => return (out, Some(e)),
        }
    }
    (out, None)
}

/// Streams `body` in chunks of the given sizes through a buffer that keeps only what the
/// parser still needs.
fn windowed(body: &[u8], chunks: &mut dyn Iterator<Item = usize>, describe: Describe) -> (Vec<String>, Option<Error>) {
    let mut out = Vec::new();
    let end = testkit::stream_windowed(body, || chunks.next().unwrap_or(usize::MAX), |ev| out.push(describe(ev)));
    (out, end)
}

fn check(name: &str, body: &[u8], every_split: bool) -> usize {
    let expected = whole(body, describe);
    let expected_brief = whole(body, brief);
    let mut runs = 0;
    let mut compare = |label: &str, got: (Vec<String>, Option<Error>), expected: &(Vec<String>, Option<Error>)| {
        assert_eq!(got.1, expected.1, "{name}: {label}: error");
        assert_eq!(got.0.len(), expected.0.len(), "{name}: {label}: event count");
        for (g, e) in got.0.iter().zip(&expected.0) {
            assert_eq!(g, e, "{name}: {label}");
        }
        runs += 1;
    };
    if every_split {
        // Every split point, compared on events, offsets and raw slices; the views (names,
        // attributes, children through the windowed parser's copy of the declarations) are
        // compared in full on the chunkings below.
        for k in 1..body.len() {
            let got = windowed(body, &mut [k, body.len()].into_iter(), brief);
            compare(&format!("split at {k}"), got, &expected_brief);
        }
    }
    // Random chunkings, from one byte at a time up.
    let mut seed = body.len() as u64 ^ 0x9E37_79B9_7F4A_7C15;
    // Tiny chunks only for small bodies: each window is validated whole, so one-byte reads of
    // an 11 MB unit would be quadratic in the test (a real buffer is bounded).
    let sizes: &[usize] = if body.len() <= 64 * 1024 { &[1, 7, 64, 4096] } else { &[4096, 65_536] };
    for &max in sizes {
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % max as u64) as usize + 1
        };
        let got = windowed(body, &mut std::iter::from_fn(|| Some(next())), describe);
        compare(&format!("chunks up to {max}"), got, &expected);
    }
    runs
}

#[test]
fn fixtures_at_every_split_point() {
    let mut runs = 0;
    for f in common::fixture_files() {
        runs += check(&f.display().to_string(), &std::fs::read(&f).unwrap(), true);
    }
    eprintln!("windowed: {runs} chunkings of the fixtures agree with the whole-body parser");
}

#[test]
fn corpus_at_every_split_point() {
    let files = common::corpus_files("windowed");
    let mut runs = 0;
    for f in &files {
        let body = std::fs::read(f).unwrap();
        runs += check(&f.display().to_string(), &body, body.len() < 64 * 1024);
    }
    eprintln!("windowed: {runs} chunkings of {} corpus files agree (quirky ones included)", files.len());
}

#[test]
fn malformed_bodies_fail_alike() {
    let cases: &[&[u8]] = &[
        b"",
        b"   ",
        b"<D:multistatus xmlns:D=\"DAV:\"><D:response>",
        b"<D:multistatus xmlns:D=\"DAV:\">\xFF</D:multistatus>",
        b"<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/\xC3",
        b"<D:multistatus xmlns:D=\"DAV:\"></D:multistatus>junk",
        b"<D:multistatus xmlns:D=\"DAV:\">&bogus;</D:multistatus>",
        b"\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"latin1\"?><a/>",
        b"<?xml version=\"1.0\"?><!DOCTYPE a><a/>",
        b"<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/a</D:href></D:response><D:response/></D:multistatus>",
        b"<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/a</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus><!-- c --",
    ];
    for body in cases {
        check(&String::from_utf8_lossy(body), body, true);
    }
}

#[test]
fn roundtrip_generator_bodies() {
    use testkit::arbitrary::{Arbitrary, Unstructured};
    let mut runs = 0;
    for seed in 0u64..300 {
        let bytes: Vec<u8> = (0..4096u64)
            .map(|i| {
                (seed.wrapping_mul(6364136223846793005).wrapping_add(i.wrapping_mul(1442695040888963407)) >> 33) as u8
            })
            .collect();
        let mut u = Unstructured::new(&bytes);
        let (Ok(model), Ok(knobs)) = (testkit::Model::arbitrary(&mut u), testkit::Knobs::arbitrary(&mut u)) else {
            continue;
        };
        let body = testkit::write(&model, &knobs);
        runs += check(&format!("generated body {seed}"), &body, body.len() < 2048);
    }
    eprintln!("windowed: {runs} chunkings of generated bodies agree");
    assert!(runs > 300);
}

#[test]
fn a_unit_larger_than_the_buffer_is_a_positioned_error_with_the_room_it_needed() {
    let ics = "BEGIN:VCALENDAR\r\nSUMMARY:a long event &amp; more\r\nEND:VCALENDAR\r\n".repeat(300);
    let body = format!(
        "<D:multistatus xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:response><D:href>/a.ics</D:href><D:propstat><D:prop><C:calendar-data>{ics}</C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>"
    );
    let body = body.as_bytes();
    let prop_start = body.windows(16).position(|w| w == b"<C:calendar-data").unwrap();
    let prop_end = body.windows(18).position(|w| w == b"</C:calendar-data>").unwrap() + 18;
    const CAP: usize = 1024;
    let mut p = WindowParser::new();
    let mut buf: Vec<u8> = Vec::new();
    let (mut start, mut arrived) = (0usize, 0usize);
    let error = loop {
        let is_final = arrived == body.len();
        let mut failed = None;
        {
            let mut feed = p.feed(&buf, start, is_final).unwrap();
            while let Some(ev) = feed.next_event() {
                if let Err(e) = ev {
                    failed = Some(e);
                }
            }
        }
        if let Some(e) = failed {
            break e;
        }
        assert!(!p.is_done(), "the body cannot fit");
        let keep = p.keep_from();
        buf.drain(..keep - start);
        start = keep;
        if buf.len() == CAP {
            p.overflow();
            let keep = p.keep_from();
            buf.drain(..keep - start);
            start = keep;
        }
        let n = (CAP - buf.len()).min(body.len() - arrived);
        buf.extend_from_slice(&body[arrived..arrived + n]);
        arrived += n;
    };
    assert_eq!((error.kind(), error.offset()), (ErrorKind::WindowTooSmall, prop_start));
    assert_eq!(p.needed(), Some(prop_end - prop_start));
    assert!(p.feed(&buf, start, false).is_err(), "stays stopped");
}

/// Fuzz finding P1 (targets `pieces` and `split`, timeout): a unit that must fit whole (here
/// a processing instruction inside an unknown element, 10 KB) fed one byte at a time after
/// every byte is read again at each feed, the square of its length (1.4 s for 10 KB). Fed as
/// `WindowParser::feed`'s docs ask, again once the bytes it needs have doubled, it is read a
/// logarithmic number of times. With a 1 MB instruction the square would take minutes.
#[test]
fn p1_a_long_unit_fed_when_doubled_reads_in_linear_time() {
    let pi = "p".repeat(1 << 20);
    let body = format!(
        "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/a</d:href><x:y xmlns:x=\"urn:x\"><?pi {pi}?></x:y>\
         <d:status>HTTP/1.1 200 OK</d:status></d:response></d:multistatus>"
    )
    .into_bytes();
    let expected = whole(&body, describe);
    for pieces in [false, true] {
        let body = body.clone();
        let got = common::within(60, "1-byte chunks fed when doubled", move || {
            let p = if pieces { WindowParser::new().in_pieces() } else { WindowParser::new() };
            let mut out = Vec::new();
            let end = testkit::stream_windowed_with(
                p,
                testkit::Feeding::WhenDoubled,
                &body,
                || 1,
                |ev| out.push(describe(ev)),
            );
            (out, end)
        });
        if pieces {
            // The unknown element comes in pieces: only its end, and the other events.
            assert_eq!(got.1, None);
            assert!(got.0.iter().any(|l| l.contains("Href")), "{:?}", &got.0[..3.min(got.0.len())]);
        } else {
            assert_eq!(got, expected);
        }
    }
}
