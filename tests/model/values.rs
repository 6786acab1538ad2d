//! Issue 17, reading values at the speed of bulk copies: what a value reads as, against the
//! plain rule each fast path of reading it must keep. (In this binary: it streams through
//! `testkit`, which the packaged crate does not have.)

use multistatus::{Element, Event, Parser};

/// The plain rule of element content: no `&`, `<` or CR (its value is then its raw slice).
fn plain_rule(raw: &str) -> bool {
    !raw.bytes().any(|b| matches!(b, b'&' | b'<' | b'\r'))
}

/// Pieces of property content: text, white space and line ends (which the reader skips when
/// they are all there is), a reference, and markup (comment, CDATA, PI).
const PIECES: [&str; 10] = ["a", " ", "\r", "\n", "\r\n", "&amp;", "<!---->", "<![CDATA[x]]>", "<?p?>", "é"];

/// A body whose one propstat holds a property per content (and an empty one before them).
fn body_with(contents: &[String]) -> String {
    let mut props = String::from("<D:e/>");
    for (i, c) in contents.iter().enumerate() {
        props.push_str(&format!("<D:p{i}>{c}</D:p{i}>\n"));
    }
    format!(
        "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/a</D:href><D:propstat><D:prop>\n\
         {props}</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>"
    )
}

/// Every content of up to `n` pieces.
fn contents(n: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..n {
        last = last.iter().flat_map(|s| PIECES.iter().map(move |p| format!("{s}{p}"))).collect();
        out.extend(last.iter().cloned());
    }
    out
}

/// `e`'s text says it is plain exactly when the plain rule does, and reads as its raw slice
/// then.
fn check(e: &Element<'_>, seen: &mut usize) {
    let t = e.text().unwrap();
    assert_eq!(t.is_plain(), plain_rule(t.raw()), "{:?}", t.raw());
    if let Some(s) = t.as_plain() {
        assert_eq!(s, t.to_string(), "{:?}", t.raw());
    }
    *seen += 1;
}

/// `Element::text` says a property's text is plain exactly when the plain byte rule does, for
/// every content of up to three pieces, read by the event level, by the response level
/// (properties kept in compact form), and windowed one byte and three bytes at a time. The
/// guard for taking that plainness from the reader instead of reading the content again (the
/// fast path of issue 17): a reader that tells a plainness it does not know fails here (a
/// variant that took the last run's plainness whatever its span did).
#[test]
fn known_plainness_of_a_property_is_the_byte_rule() {
    let all = contents(3);
    for chunk in all.chunks(200) {
        let body = body_with(chunk);
        let want = chunk.len() + 1;
        let mut seen = 0;
        for ev in Parser::new(body.as_bytes()).unwrap() {
            if let Event::Property(p) = ev.unwrap() {
                check(&p, &mut seen);
            }
        }
        assert_eq!(seen, want);
        seen = 0;
        for r in multistatus::responses(body.as_bytes()).unwrap() {
            for ps in crate::common::propstats_of(&r.unwrap()) {
                for p in ps.properties() {
                    check(&p.unwrap(), &mut seen);
                }
            }
        }
        assert_eq!(seen, want);
        for size in [1, 3] {
            seen = 0;
            let end = testkit::stream_windowed(
                body.as_bytes(),
                || size,
                |ev| {
                    if let Event::Property(p) = ev {
                        check(p, &mut seen);
                    }
                },
            );
            assert_eq!(end, None);
            assert_eq!(seen, want, "window {size}");
        }
    }
}
