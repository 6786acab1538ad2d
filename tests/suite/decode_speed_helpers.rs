//! Regression tests of the value decoders (issue 17: unescaping and percent-decoding at the
//! speed of bulk copies): what the fast helpers found that the plain readings got wrong.

use multistatus::{Event, Parser};

/// The text of the one property of a body whose property holds `content`.
fn property_text(content: &str, f: impl Fn(multistatus::Text<'_>)) {
    let body = format!(
        "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/a</D:href><D:propstat><D:prop>\
         <D:x>{content}</D:x></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>\
         </D:response></D:multistatus>"
    );
    let mut seen = 0;
    for ev in Parser::new(body.as_bytes()).unwrap() {
        if let Event::Property(p) = ev.unwrap() {
            f(p.text().unwrap());
            seen += 1;
        }
    }
    assert_eq!(seen, 1, "{content:?}");
}

/// A comment whose text starts with `>` or `->` (`<!-->b-->`, well-formed XML) ends at its
/// `-->`, not at the `-->` that its own opening `<!--` and first bytes make: the value of
/// `a<!-->b-->c` is `ac`. The fragments searched for the end from the `<`, and read
/// `ab-->c`.
#[test]
fn a_comment_does_not_end_inside_its_opening() {
    for comment in ["<!-->b-->", "<!--->b-->", "<!---->", "<!-- -->"] {
        let content = format!("a{comment}c");
        property_text(&content, |t| {
            assert_eq!(t.to_string(), "ac", "{comment:?}");
            assert!(t.eq_str("ac"), "{comment:?}");
            assert_eq!(t.unescaped_len(), 2, "{comment:?}");
            let mut buf = [0u8; 16];
            assert_eq!(t.unescape_into(&mut buf).unwrap(), "ac", "{comment:?}");
        });
    }
}
