//! Misuse of the public API (calls in arbitrary orders, with arbitrary arguments): the
//! findings of the `api` fuzz target and of reading the API for what it does not reach, one
//! named test each.

use multistatus::{Parser, WindowParser};

const BODY: &[u8] = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href><d:propstat><d:prop><d:getetag>"1"</d:getetag><d:displayname>x</d:displayname></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response><d:response><d:href>/b</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response></d:multistatus>"#;

fn fmt(e: Result<multistatus::Event<'_>, multistatus::Error>) -> String {
    match e {
        Ok(e) => crate::common::event_line(&e),
        Err(e) => format!("{e:?}"),
    }
}

fn whole(body: &[u8]) -> Vec<String> {
    Parser::new(body).unwrap().map(fmt).collect()
}

/// Not a finding: a pin of what the `api` target checks. A feed read only in part (a few of
/// its events), then a window from `keep_from()` that ends before the first one did (shorter,
/// down to empty), then the rest: the same events as the whole body.
#[test]
fn a_shorter_window_after_a_feed_read_in_part_reads_on() {
    for cut in 0..BODY.len() {
        for n in 1..4 {
            let mut p = WindowParser::new();
            let mut got = vec![];
            {
                let mut f = p.feed(BODY, 0, false).unwrap();
                for _ in 0..n {
                    match f.next_event() {
                        Some(e) => got.push(fmt(e)),
                        None => break,
                    }
                }
            }
            let k = p.keep_from();
            let end = cut.max(k);
            let r = p.feed(&BODY[k..end], k, false).map(|mut f| {
                let mut v = vec![];
                while let Some(e) = f.next_event() {
                    v.push(fmt(e));
                }
                v
            });
            if let Ok(v) = r {
                got.extend(v);
            }
            let k = p.keep_from();
            if p.error().is_none() {
                let r = p.feed(&BODY[k..], k, true).map(|mut f| {
                    let mut v = vec![];
                    while let Some(e) = f.next_event() {
                        v.push(fmt(e));
                    }
                    v
                });
                match r {
                    Ok(v) => got.extend(v),
                    Err(e) => got.push(format!("FEED {e:?}")),
                }
            }
            let w = whole(BODY);
            assert_eq!(got, w, "cut {cut} n {n}");
        }
    }
}

/// Finding A1 (read in `Pump`, then tested): `parse_from` given a parser fed by hand first (the
/// head of the body that came with the HTTP headers, say), with the rest of the body in its
/// source from `keep_from()` on, stopped at once with `WindowTooSmall`: its first feed was an
/// empty window at `keep_from()`, which ends no later than the window the parser had run out
/// of bytes at. It now reads until its window reaches past that one.
#[cfg(feature = "embedded-io")]
#[test]
fn parse_from_resumes_a_parser_fed_by_hand() {
    use multistatus::windowed::parse_from;
    for first in 1..BODY.len() {
        for max in [1, 7, 4096] {
            let mut p = WindowParser::new();
            let mut got = vec![];
            {
                let mut f = p.feed(&BODY[..first], 0, false).unwrap();
                while let Some(e) = f.next_event() {
                    got.push(fmt(e));
                }
            }
            // The rest of the body from where the parser still needs it, through parse_from.
            let k = p.keep_from();
            let mut source = crate::common::Drip { rest: &BODY[k..], max };
            let mut buf = [0u8; 512];
            let r = parse_from(&mut p, &mut source, &mut buf, |e| got.push(crate::common::event_line(&e)));
            assert_eq!(r.map_err(|e| e.to_string()), Ok(()), "first {first} bytes by hand, reads of {max}");
            assert!(p.is_done());
            assert_eq!(got, whole(BODY), "first {first}, reads of {max}");
        }
    }
}
