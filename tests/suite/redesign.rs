//! Regressions of issue 15 (one home for each concern): each test failed before its fix.
//!
//! - `XmlReader::namespace_of("DAV")` answered `None` on a reader that resolves `<DAV:x>`
//!   to `DAV:` by the unbound-`DAV` quirk: two resolvers, one without the quirk.
//! - `Text`'s `==` compared raw slices (and offsets): `&amp;` was not `&#38;`.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use multistatus::{Event, Parser, Text, XmlEvent};

/// The first property of `body`.
fn first_property(body: &str) -> multistatus::Element<'_> {
    for ev in Parser::new(body.as_bytes()).unwrap() {
        if let Event::Property(p) = ev.unwrap() {
            return p;
        }
    }
    panic!("no property");
}

#[test]
fn namespace_of_dav_agrees_with_the_quirk_the_reader_resolves_by() {
    // No `xmlns:DAV` anywhere: `DAV:` is read as the namespace `DAV:` (default options).
    let body = r#"<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:propstat><D:prop><D:x><DAV:inner/></D:x></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>"#;
    let p = first_property(body);
    let mut r = p.events();
    let mut inner = None;
    while let Some(ev) = r.next_event() {
        if let XmlEvent::Start(s) = ev.unwrap()
            && s.name().local() == "inner"
        {
            inner = Some(s.name().namespace());
            // Asked at the same point, the reader names what it resolved `<DAV:inner>` to.
            let asked = r.namespace_of("DAV").expect("DAV resolves under the quirk");
            assert_eq!(asked, s.name().namespace());
            assert!(asked.is_dav());
        }
    }
    assert!(inner.expect("inner read").is_dav());
    // Bound and unbound prefixes as before.
    assert!(p.events().namespace_of("D").is_some_and(|n| n.is_dav()));
    assert!(p.events().namespace_of("nope").is_none());
    assert!(p.events().namespace_of("xmlns").is_none());
    assert!(p.events().namespace_of("xml").is_some());
}

#[test]
fn namespace_of_dav_is_none_without_the_quirk() {
    let body = r#"<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:propstat><D:prop><D:x/></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>"#;
    let mut options = multistatus::Options::default();
    options.unbound_dav_prefix = false;
    let mut p = None;
    for ev in Parser::<'_, 32, 32, 2048>::with_options(body.as_bytes(), options).unwrap() {
        if let Event::Property(e) = ev.unwrap() {
            p = Some(e);
        }
    }
    assert!(p.unwrap().events().namespace_of("DAV").is_none());
}

/// The text of every property of `props` (inside one `prop`), in order.
fn property_texts(props: &str) -> Vec<Text<'_>> {
    let body = format!(
        r#"<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:propstat><D:prop>{props}</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>"#
    );
    let body: &'static str = Box::leak(body.into_boxed_str());
    let mut out = Vec::new();
    for ev in Parser::new(body.as_bytes()).unwrap() {
        if let Event::Property(p) = ev.unwrap() {
            out.push(p.text().unwrap());
        }
    }
    out
}

fn hash_of(t: &Text<'_>) -> u64 {
    let mut h = DefaultHasher::new();
    t.hash(&mut h);
    h.finish()
}

#[test]
fn text_equality_is_by_unescaped_value() {
    let long = "y".repeat(100);
    let props = format!(
        "<D:a>x&amp;y</D:a><D:b>x&#38;y</D:b><D:c>x&#x26;y</D:c><D:d><![CDATA[x&y]]></D:d><D:e>x<![CDATA[&]]>y</D:e>\
         <D:f>  x&amp;y </D:f><D:g>x&amp;z</D:g><D:h>x&amp;</D:h>\
         <D:j>{long}&amp;{long}</D:j><D:k><![CDATA[{long}&{long}]]></D:k><D:l>plain</D:l><D:m>plain</D:m>"
    );
    let t = property_texts(&props);
    let (a, b, c, d, e, f, g, h) = (t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
    // References, CDATA: one value.
    for x in [b, c, d, e] {
        assert_eq!(a, x, "{x:?}");
        assert_eq!(hash_of(&a), hash_of(&x), "{x:?}");
    }
    // Trimmed, the padded one is the same value; untrimmed it is not.
    assert_ne!(a, f);
    assert_eq!(a, f.trim());
    assert_eq!(hash_of(&a), hash_of(&f.trim()));
    // Other values differ (a prefix of the value too).
    assert_ne!(a, g);
    assert_ne!(a, h);
    assert_ne!(h, a);
    // Longer than one hash chunk: plain fragments and CDATA alike.
    assert_eq!(t[8], t[9]);
    assert_eq!(hash_of(&t[8]), hash_of(&t[9]));
    // Two plain texts at different offsets: equal.
    assert_eq!(t[10], t[11]);
    assert_eq!(hash_of(&t[10]), hash_of(&t[11]));
}
