//! Regressions of issue 15 (one home for each concern): each test failed before its fix.
//!
//! - `XmlReader::namespace_of("DAV")` answered `None` on a reader that resolves `<DAV:x>`
//!   to `DAV:` by the unbound-`DAV` quirk: two resolvers, one without the quirk.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use multistatus::{Event, Parser, XmlEvent};

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
