//! The findings of the reliability review (issue 14) that are not about the windowed reader,
//! the writer or the element views, each as a named test that failed before its fix.
//!
//! A quadratic shape is run at a size where the quadratic code took minutes and the linear
//! code takes milliseconds, inside a generous deadline, so that it fails instead of hanging.
//! Its times at two sizes are measured in `benches/` (not asserted here).

use crate::common::within;
use multistatus::{Event, Parser, responses};

/// A multistatus body with one response: `href`, a propstat with `status`, and `tail`
/// (elements after the propstat, inside the response), then `root_tail` after the response.
fn body(href: &str, status: &str, tail: &str, root_tail: &str) -> Vec<u8> {
    format!(
        "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>{href}</d:href><d:propstat><d:prop><d:x/></d:prop>\
         <d:status>{status}</d:status></d:propstat>{tail}</d:response>{root_tail}</d:multistatus>"
    )
    .into_bytes()
}

/// `a`, `n` blank pieces `piece`, then `b`: a text made of many fragments between two words.
fn spaced(a: &str, piece: &str, n: usize, b: &str) -> String {
    format!("{a}{}{b}", piece.repeat(n))
}

const N: usize = 200_000;

/// The parser at its default capacities.
type P<'a> = Parser<'a, 32, 32, 2048>;

#[test]
fn trim_status_line_with_many_carriage_returns_is_linear() {
    within(60, "trimming (quadratic?)", || {
        let status = spaced("HTTP/1.1 200 a", "\r", N, "b");
        let b = body("/a", &status, "", "");
        let mut events = 0;
        for ev in P::new(&b).unwrap() {
            if let Event::Status(s) = ev.unwrap() {
                assert_eq!(s.code(), 200);
                assert_eq!(s.text().unescaped_len(), "HTTP/1.1 200 a".len() + N + 1);
            }
            events += 1;
        }
        assert!(events > 0);
    });
}

#[test]
fn trim_href_with_many_space_references_is_linear() {
    within(60, "trimming (quadratic?)", || {
        let href = spaced("/a", "&#32;", N, "b");
        let b = body(&href, "HTTP/1.1 200 OK", "", "");
        let r = responses(&b).unwrap().next().unwrap().unwrap();
        let h = r.href().unwrap();
        assert_eq!(h.to_string(), spaced("/a", " ", N, "b"));
        assert!(h.eq_str(&spaced("/a", " ", N, "b")));
    });
}

#[test]
fn trim_location_and_sync_token_with_many_blank_pieces_are_linear() {
    within(60, "trimming (quadratic?)", || {
        let loc = spaced("/l", "\r<!---->", N / 4, "x");
        let token = spaced("tok", "&#x9;", N, "z");
        let b = body(
            "/a",
            "HTTP/1.1 302 Found",
            &format!("<d:location><d:href>{loc}</d:href></d:location>"),
            &format!("<d:sync-token>{token}</d:sync-token>"),
        );
        let mut rs = responses(&b).unwrap();
        let r = rs.next().unwrap().unwrap();
        assert_eq!(r.location().unwrap().to_string(), spaced("/l", "\n", N / 4, "x"));
        assert!(rs.next().is_none());
        assert_eq!(rs.sync_token().unwrap().to_string(), spaced("tok", "\t", N, "z"));
    });
}

#[test]
fn trim_stops_at_trailing_blank_pieces() {
    // The linear look ahead must still end the value at its last word.
    let b = body(" &#32;\r/a&#32;\rb\r&#32; <!-- c -->&#x20;\r\n", "HTTP/1.1 200 OK", "", "");
    let r = responses(&b).unwrap().next().unwrap().unwrap();
    assert_eq!(r.href().unwrap().to_string(), "/a \nb");
}

/// Finding 6: the `DAV` quirk on an attribute was applied silently.
#[test]
fn dav_quirk_on_an_attribute_is_reported() {
    use multistatus::{Options, Quirk, QuirkKind};
    let prop = r#"<d:x DAV:y="1"/>"#;
    let b = format!(
        "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/a</d:href><d:propstat><d:prop>{prop}</d:prop>\
         <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"
    );
    // Reported at the element (as every quirk is); refused, strictly, at the attribute.
    let at = b.find("<d:x").unwrap();
    let attr_at = b.find("DAV:y").unwrap();
    let mut p = P::new(b.as_bytes()).unwrap();
    let mut quirks = vec![];
    let mut attr = None;
    for ev in p.by_ref() {
        match ev.unwrap() {
            Event::Quirk(q) => quirks.push(q),
            Event::Property(e) => {
                let a = e.attributes().next().unwrap();
                attr = Some((a.name.namespace().is_dav(), a.name.local().to_owned()));
            }
            _ => {}
        }
    }
    assert_eq!(attr, Some((true, "y".to_owned())));
    assert_eq!(quirks, [Quirk { kind: QuirkKind::UnboundDavPrefix, offset: at }]);
    assert_eq!(p.quirks().count(QuirkKind::UnboundDavPrefix), 1);
    assert_eq!(p.quirks().first_offset(QuirkKind::UnboundDavPrefix), Some(at));
    // The response view keeps it with its response.
    let r = responses(b.as_bytes()).unwrap().next().unwrap().unwrap();
    assert_eq!(r.quirks(), [Quirk { kind: QuirkKind::UnboundDavPrefix, offset: at }]);
    // Strict: refused where it stands.
    let e = P::with_options(b.as_bytes(), Options::strict()).unwrap().find_map(Result::err).unwrap();
    assert_eq!((e.kind(), e.offset()), (multistatus::ErrorKind::UnboundPrefix, attr_at));
    // An element and an attribute with the quirk in one tag: one report, at the element.
    let b2 = b.replace(prop, r#"<DAV:x DAV:y="1"/>"#);
    let at2 = b2.find("<DAV:x").unwrap();
    let q: Vec<Quirk> = P::new(b2.as_bytes())
        .unwrap()
        .filter_map(|e| match e.unwrap() {
            Event::Quirk(q) => Some(q),
            _ => None,
        })
        .collect();
    assert_eq!(q, [Quirk { kind: QuirkKind::UnboundDavPrefix, offset: at2 }]);
}
