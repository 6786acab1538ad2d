//! Shapes of real 207 bodies from servers and client test suites outside the corpus (IIS 5,
//! PyWebDAV, Stalwart, davx5's tests...), each written here in our own bytes, with what the
//! parser decides for it (docs/parsing.md, "Real bodies outside the corpus"). None of them
//! needed a fix: these pin the decisions so that a change to them is seen.

use crate::common::{self, Value};
use multistatus::{ErrorKind as K, Options};

/// IIS 5 binds a prefix to the URI `xml:` (not the XML namespace, which is
/// `http://www.w3.org/XML/1998/namespace`) and types values with `b:dt` attributes in
/// `urn:uuid:c2f41010-...`: an ordinary prefix and ordinary attributes, the value its text.
#[test]
fn prefix_bound_to_the_uri_xml_colon_is_an_ordinary_prefix() {
    let body = concat!(
        r#"<?xml version="1.0"?><a:multistatus xmlns:t="urn:uuid:typed/" xmlns:c="xml:" xmlns:a="DAV:">"#,
        r#"<a:response><a:href>http://h/</a:href><a:propstat><a:status>HTTP/1.1 200 OK</a:status><a:prop>"#,
        r#"<a:getcontentlength t:dt="int">7</a:getcontentlength><c:flag>1</c:flag>"#,
        r#"</a:prop></a:propstat></a:response></a:multistatus>"#
    );
    let reading = common::read_with(body.as_bytes(), Options::strict()).unwrap();
    let props = &reading.responses[0].propstats[0].props;
    assert_eq!(props[0], ("{DAV:}getcontentlength".to_string(), Value::Text("7".to_string())));
    assert_eq!(props[1], ("{xml:}flag".to_string(), Value::Text("1".to_string())));
    let r = multistatus::responses(body.as_bytes()).unwrap().next().unwrap().unwrap();
    let p = r.propstats().next().unwrap().unwrap().properties().next().unwrap().unwrap();
    let attrs: Vec<String> = p.attributes().map(|a| format!("{}={}", a.name, a.value)).collect();
    assert_eq!(attrs, ["{urn:uuid:typed/}dt=int"]);
}

/// PyWebDAV 0.11 answers `propname` with one `prop` per namespace in a single propstat, and
/// no status. RFC 4918 §14.22 allows one `prop`: refused at the second one, with the default
/// options as with strict ones (not a tolerated quirk: see docs/parsing.md).
#[test]
fn second_prop_in_a_propstat_is_refused_at_it() {
    let body = concat!(
        r#"<D:multistatus xmlns:D="DAV:"><D:response><D:href>/r</D:href><D:propstat>"#,
        r#"<D:prop xmlns:a="DAV:"><a:getetag/></D:prop><D:prop xmlns:b="urn:other"><b:x/></D:prop>"#,
        r#"</D:propstat></D:response></D:multistatus>"#
    );
    let second = body.find(r#"<D:prop xmlns:b"#).unwrap();
    for options in [Options::default(), Options::strict()] {
        let e = common::read_with(body.as_bytes(), options).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (K::DuplicateElement, second));
    }
}

/// Stalwart (as KashCal's fixtures show it) puts an unprefixed property in a body that binds
/// no default namespace: a property in no namespace, its Clark name the bare local name.
#[test]
fn unprefixed_property_without_default_namespace_has_no_namespace() {
    let body = concat!(
        r#"<D:multistatus xmlns:D="DAV:"><D:response><D:href>/c/</D:href><D:propstat><D:prop>"#,
        r#"<D:displayname/><transports/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status>"#,
        r#"</D:propstat></D:response></D:multistatus>"#
    );
    let reading = common::read_with(body.as_bytes(), Options::strict()).unwrap();
    let names: Vec<&str> = reading.responses[0].propstats[0].props.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["{DAV:}displayname", "transports"]);
    let r = multistatus::responses(body.as_bytes()).unwrap().next().unwrap().unwrap();
    let mut propstats = r.propstats();
    let ps = propstats.next().unwrap().unwrap();
    let p = ps.properties().nth(1).unwrap().unwrap();
    assert!(p.name().is("", "transports"));
}

/// A bare `&` in a property value (davx5's test calendar-timezone, "(US & Canada)") is not
/// XML: refused at the `&`, never read as text.
#[test]
fn bare_ampersand_in_a_property_value_is_refused_at_it() {
    let body = concat!(
        r#"<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>/</href>"#,
        "<propstat><prop><C:calendar-timezone>TZNAME:East (US & Canada)\n</C:calendar-timezone>",
        r#"</prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>"#
    );
    let e = common::read_with(body.as_bytes(), Options::default()).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (K::InvalidReference, body.find('&').unwrap()));
}
