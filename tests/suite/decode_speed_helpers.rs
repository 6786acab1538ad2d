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

/// Whether a property's value is plain by the rule: no reference, no CR, no markup (CDATA,
/// comment, PI) in its content.
fn plain_by_rule(raw: &str) -> bool {
    !raw.contains(['&', '\r', '<'])
}

#[test]
fn every_value_found_plain_is_plain_by_the_rule() {
    // `Element::text` tells a value's plainness by a few words for a short value
    // (`scan::content_is_plain`): blank contents, markup, references and CRs, short and long,
    // and every property of every fixture and corpus body, against the rule.
    let mut contents: Vec<String> = [
        "",
        " ",
        "\r\n",
        " \r\n ",
        "a",
        "a\r\nb",
        "a&amp;b",
        "<![CDATA[x]]>",
        "a<!--c-->b",
        "a<?p?>b",
        "\t x \t",
        "é",
        "a]]b",
        " <![CDATA[ ]]> ",
    ]
    .iter()
    .map(|c| c.to_string())
    .collect();
    contents.push("x".repeat(200));
    contents.push(format!("{}\r", "x".repeat(200)));
    for c in &contents {
        property_text(c, |t| assert_eq!(t.as_plain().is_some(), plain_by_rule(t.raw()), "{c:?}"));
    }
    let mut files = crate::common::corpus_files("every_value_found_plain_is_plain_by_the_rule");
    files.extend(crate::common::fixture_files());
    let mut checked = 0;
    for f in files {
        let body = std::fs::read(&f).unwrap();
        let Ok(parser) = Parser::new(&body) else { continue };
        for ev in parser {
            let Ok(Event::Property(p)) = ev else { continue };
            if let Some(t) = p.text() {
                assert_eq!(t.as_plain().is_some(), plain_by_rule(t.raw()), "{}: {:?}", f.display(), t.raw());
                checked += 1;
            }
        }
    }
    assert!(checked > 1000 || std::env::var_os("MULTISTATUS_CORPUS").is_some_and(|v| v == "skip"), "{checked}");
}
