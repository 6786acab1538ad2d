//! Line and column of an error found through a window: `parse_from` counts the lines of the
//! bytes it drops, so `WindowParser::error_position` is what `Error::position` gives over the
//! whole body, whatever the buffer, the reads and the mode.

use crate::common::Drip;
use multistatus::windowed::{ReadError, parse_from};
use multistatus::{Error, Parser, TextPosition, WindowParser, text_position};

/// The whole-body parser's error.
fn whole_error(body: &[u8]) -> Error {
    Parser::new(body).unwrap().find_map(Result::err).expect("a malformed body")
}

/// The error `parse_from` stops on through `buf_len` bytes, and its position.
fn streamed(body: &[u8], buf_len: usize, max: usize, pieces: bool) -> (Error, Option<TextPosition>) {
    let mut parser = WindowParser::new();
    if pieces {
        parser = parser.in_pieces();
    }
    let mut buf = vec![0u8; buf_len];
    match parse_from(&mut parser, &mut Drip { rest: body, max }, &mut buf, |_| {}) {
        Err(ReadError::Parse(e)) => (e, parser.error_position()),
        other => panic!("{other:?}"),
    }
}

/// A response of `n` properties on lines ended by CRLF, with characters of two and three
/// bytes: long enough that a small buffer drops its start before its end.
fn response(n: usize, href: bool) -> String {
    let mut s = String::from("  <d:response>\r\n");
    if href {
        s.push_str("    <d:href>/café/</d:href>\r\n");
    }
    s.push_str("    <d:propstat><d:prop>\r\n");
    for i in 0..n {
        s.push_str(&format!("      <d:displayname>naïve € {i}</d:displayname>\r\n"));
    }
    s.push_str("    </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>\r\n  </d:response>\r\n");
    s
}

fn multistatus(inner: &str) -> Vec<u8> {
    format!("<?xml version=\"1.0\"?>\r\n<d:multistatus xmlns:d=\"DAV:\">\r\n{inner}</d:multistatus>\n").into_bytes()
}

/// Errors at the offending markup (still in the buffer) and at the start of what its end finds
/// them in (`MissingHref` at a `response`, a comment or a character reference read in pieces,
/// dropped long before): line and column are those of the whole body, for buffers from one
/// tag to the whole body, reads of 1 byte to all, whole units or pieces (and the error that
/// a unit too large for the buffer is, outside pieces mode).
#[test]
fn parse_from_gives_the_line_and_column_of_its_error() {
    let bodies = [
        // A mismatched end tag, after lines with lone CRs and LFs.
        multistatus(&format!("{}\r  <d:response>\n</d:multistatus>", response(3, true))),
        // A response without href, 40 lines long: found at its end, reported at its start.
        multistatus(&format!("{}{}", response(2, true), response(40, false))),
        // A propstat without status under strict options is not tested here (default options);
        // a status that is not a status line, at the end of a long response.
        multistatus(&response(30, true).replace("HTTP/1.1 200 OK", "HTTP/1.1 2OO OK")),
        // Stray text after many responses.
        multistatus(&format!("{}{}  stray\r\n", response(5, true), response(5, true))),
        // Markup longer than the buffer, refused at its start once it ends (read in pieces; a
        // unit too large for the buffer otherwise): a comment holding `--`, a PI without a
        // target, a character reference of 300 digits.
        multistatus(&response(3, true).replace("naïve € 1", &format!("<!-- a -- {} -->", "é\r\n".repeat(150)))),
        multistatus(&response(3, true).replace("naïve € 2", &format!("<? {}?>", "€\n".repeat(150)))),
        multistatus(&response(3, true).replace("naïve € 0", &format!("x&#{};", "1".repeat(300)))),
    ];
    // A property larger than the buffer, and nothing wrong in it: through a small buffer
    // outside pieces mode it is `WindowTooSmall` at its start, once measured (the bytes read
    // while measuring are dropped), which the whole-body parser does not see.
    let large = multistatus(&response(3, true).replace("naïve € 1", &"abc\r\n".repeat(200)));
    for (buf_len, max) in [(128, 1), (256, 7), (512, 4096)] {
        let (e, at) = streamed(&large, buf_len, max, false);
        assert_eq!(e.kind(), multistatus::ErrorKind::WindowTooSmall);
        assert_eq!(at, Some(text_position(&large, e.offset())), "{e}: buffer {buf_len}, reads of {max}");
    }
    for body in &bodies {
        let want = whole_error(body);
        for buf_len in [200, 300, 1024, body.len() + 1] {
            for max in [1, 7, 4096] {
                for pieces in [false, true] {
                    let (e, at) = streamed(body, buf_len, max, pieces);
                    let too_small = !pieces && e.kind() == multistatus::ErrorKind::WindowTooSmall;
                    assert!(e == want || too_small, "{e}: buffer {buf_len}, reads of {max}, pieces {pieces}");
                    assert_eq!(at, Some(text_position(body, e.offset())), "{e}: buffer {buf_len}, reads of {max}");
                }
            }
        }
    }
}

/// The position is counted from the body's first byte: a parser fed by hand before
/// `parse_from` took over (past bytes it dropped) has none; a parse that ends well has none.
#[test]
fn error_position_is_none_when_the_lines_are_unknown() {
    let body = multistatus(&format!("{}{}", response(2, true), response(3, false)));
    let mut parser = WindowParser::new();
    let first = 120;
    {
        let mut feed = parser.feed(&body[..first], 0, false).unwrap();
        while feed.next_event().is_some() {}
    }
    let from = parser.keep_from();
    assert!(from > 0);
    let mut buf = [0u8; 4096];
    let r = parse_from(&mut parser, &mut Drip { rest: &body[from..], max: 4096 }, &mut buf, |_| {});
    assert!(matches!(r, Err(ReadError::Parse(_))), "{r:?}");
    assert_eq!(parser.error_position(), None);

    // Stopped by hand before `parse_from`, its `keep_from` still 0: the bytes of the error
    // were never in `parse_from`'s buffer.
    let head = b"<d:multistatus xmlns:d=\"DAV:\"\r\n a=\"1\" a=\"2\">";
    let mut parser = WindowParser::new();
    {
        let mut feed = parser.feed(head, 0, false).unwrap();
        while feed.next_event().is_some() {}
    }
    assert_eq!(
        (parser.keep_from(), parser.error().map(|e| e.kind())),
        (0, Some(multistatus::ErrorKind::DuplicateAttribute))
    );
    let r = parse_from(&mut parser, &mut Drip { rest: head, max: 4096 }, &mut buf, |_| {});
    assert!(matches!(r, Err(ReadError::Parse(_))), "{r:?}");
    assert_eq!(parser.error_position(), None);

    let good = multistatus(&response(2, true));
    let mut parser = WindowParser::new();
    parse_from(&mut parser, &mut Drip { rest: &good, max: 64 }, &mut [0u8; 256], |_| {}).unwrap();
    assert_eq!(parser.error_position(), None);
}
