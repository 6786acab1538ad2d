//! One case per rule of the parser (README, "Parsing behaviour"): every malformed case asserts
//! the error kind and its byte offset, every accepted case what is read.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::panic_in_result_fn,
    clippy::string_slice,
    clippy::unreachable,
    clippy::arithmetic_side_effects
)]

mod common;

use common::Value;
use multistatus::{ErrorKind as K, Event, Node, Options, Parser, QuirkKind, Responses};

/// Wraps a response body in a DAV: multistatus (prefix `D`).
fn ms(inner: &str) -> String {
    format!(r#"<D:multistatus xmlns:D="DAV:">{inner}</D:multistatus>"#)
}

/// A propstat response for `/` whose prop holds `props`.
fn props(p: &str) -> String {
    ms(&format!(
        "<D:response><D:href>/</D:href><D:propstat><D:prop>{p}</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
    ))
}

/// Where a malformed case must fail: at the first occurrence of a marker, or at the end.
enum At {
    Marker(&'static str),
    Nth(&'static str, usize),
    End,
    Byte(usize),
}

fn offset_of(body: &[u8], at: &At) -> usize {
    let text = String::from_utf8_lossy(body);
    match *at {
        At::Marker(m) => text.find(m).unwrap_or_else(|| panic!("marker {m:?} not in {text}")),
        At::Nth(m, n) => text.match_indices(m).nth(n).unwrap().0,
        At::End => body.len(),
        At::Byte(b) => b,
    }
}

fn check_bad(body: &[u8], options: Options, kind: K, at: At) {
    let e = common::read_with(body, options).expect_err(&String::from_utf8_lossy(body));
    assert_eq!((e.kind(), e.offset()), (kind, offset_of(body, &at)), "{}", String::from_utf8_lossy(body));
}

fn bad(body: &str, kind: K, at: At) {
    check_bad(body.as_bytes(), Options::default(), kind, at);
}

fn strict_bad(body: &str, kind: K, at: At) {
    check_bad(body.as_bytes(), Options::strict(), kind, at);
}

fn good(body: &str) -> common::Reading {
    common::read(body.as_bytes()).unwrap_or_else(|e| panic!("{body}: {e}"))
}

fn only_prop(body: &str) -> (String, Value) {
    let r = good(body);
    r.responses[0].propstats[0].props[0].clone()
}

#[test]
fn input_and_prolog() {
    check_bad(
        b"<D:multistatus xmlns:D=\"DAV:\">\xFF</D:multistatus>",
        Options::default(),
        K::InvalidUtf8,
        At::Byte(30),
    );
    bad(
        r#"<?xml version="1.0" encoding="ISO-8859-1"?><D:multistatus xmlns:D="DAV:"/>"#,
        K::UnsupportedEncoding,
        At::Marker("ISO"),
    );
    for enc in ["utf-8", "UTF-8", "US-ASCII", "us-ascii"] {
        good(&format!(r#"<?xml version="1.0" encoding="{enc}"?><D:multistatus xmlns:D="DAV:"/>"#));
    }
    good("\u{FEFF}<?xml version=\"1.0\"?>\n<D:multistatus xmlns:D=\"DAV:\"/>");
    good("\u{FEFF}<D:multistatus xmlns:D=\"DAV:\"/>");
    bad(
        r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "x">]><D:multistatus xmlns:D="DAV:"/>"#,
        K::DoctypeNotAllowed,
        At::Marker("<!DOCTYPE"),
    );
    bad("", K::NoRootElement, At::End);
    bad(" \n\t", K::NoRootElement, At::End);
    bad(r#"<?xml version="1.0"?>"#, K::UnexpectedEof, At::End);
    bad("<!-- only a comment -->", K::UnexpectedEof, At::End);
    bad("\n<?xml version=\"1.0\"?><D:multistatus xmlns:D=\"DAV:\"/>", K::InvalidDeclaration, At::Marker("<?xml"));
    bad(&(ms("") + "<?xml version=\"1.0\"?>"), K::InvalidDeclaration, At::Marker("<?xml"));
    bad("x<D:multistatus xmlns:D=\"DAV:\"/>", K::TextOutsideRoot, At::Byte(0));
    bad(
        "<D:multistatus xmlns:D=\"DAV:\"/><D:multistatus xmlns:D=\"DAV:\"/>",
        K::ContentAfterRoot,
        At::Nth("<D:multistatus", 1),
    );
    bad(&(ms("") + "junk"), K::ContentAfterRoot, At::Marker("junk"));
    bad(&(ms("") + "<![CDATA[x]]>"), K::ContentAfterRoot, At::Marker("<![CDATA["));
    good(&("<?pi before?><!-- c -->".to_string() + &ms("") + "\n<!-- after --><?pi after?>\n"));
}

#[test]
fn well_formedness() {
    bad(&ms("<D:response></D:href>"), K::MismatchedEndTag, At::Marker("</D:href>"));
    bad(&ms("<D:response></d:response>"), K::MismatchedEndTag, At::Marker("</d:response>"));
    bad(r#"<D:multistatus xmlns:D="DAV:"><D:response>"#, K::UnexpectedEof, At::End);
    bad(r#"<D:multistatus xmlns:D="DAV:"><D:resp"#, K::UnexpectedEof, At::End);
    bad(r#"<D:multistatus xmlns:D="DAV:">&am"#, K::UnexpectedEof, At::End);
    for r in ["&foo;", "&#0;", "&#xD800;", "&#x110000;", "&#;", "&#x;", "&#-1;", "& ", "&#xFFFE;", "&#8;", "&amp"] {
        bad(&props(&format!("<D:a>x{r}</D:a>")), K::InvalidReference, At::Marker("&"));
    }
    bad(&props("<D:a>x\u{1}</D:a>"), K::InvalidChar, At::Marker("\u{1}"));
    bad(&props("<D:a>x\u{FFFE}</D:a>"), K::InvalidChar, At::Marker("\u{FFFE}"));
    bad(&props("<D:a>x]]>y</D:a>"), K::CdataEndInText, At::Marker("]]>"));
    good(&props("<D:a>x]]&gt;y ]] > <![CDATA[]]]]><![CDATA[>]]></D:a>"));
    bad(&props(r#"<D:a x="1" x="2"/>"#), K::DuplicateAttribute, At::Marker("x=\"2"));
    bad(&props(r#"<D:a xmlns:p="urn:u" xmlns:q="urn:u" p:x="1" q:x="2"/>"#), K::DuplicateAttribute, At::Marker("q:x"));
    good(&props(r#"<D:a xmlns:p="urn:u" xmlns:q="urn:v" p:x="1" q:x="2" x="3"/>"#));
    bad(&props(r#"<D:a xmlns:p="urn:u" xmlns:p="urn:v"/>"#), K::DuplicateAttribute, At::Nth("xmlns:p", 1));
    // A declaration twice on one tag, found as it is bound: prefixes longer than three bytes
    // (compared in full), alike in their first three bytes (not a duplicate), the `xml`
    // prefix (never bound), the default namespace; the same prefix on a parent and a child
    // is a new binding, not a duplicate.
    bad(
        &props(r#"<D:a xmlns:abcd="urn:u" x="1" xmlns:abcd="urn:u"/>"#),
        K::DuplicateAttribute,
        At::Nth("xmlns:abcd", 1),
    );
    good(&props(r#"<D:a xmlns:abcd="urn:u" xmlns:abce="urn:u" xmlns:abc="urn:u" abcd:x="1" abce:y="2"/>"#));
    let xml = "http://www.w3.org/XML/1998/namespace";
    bad(
        &props(&format!(r#"<D:a xmlns:xml="{xml}" xmlns:xml="{xml}"/>"#)),
        K::DuplicateAttribute,
        At::Nth("xmlns:xml", 1),
    );
    bad(&props(r#"<D:a xmlns="urn:u" xmlns="urn:u"/>"#), K::DuplicateAttribute, At::Nth("xmlns=", 1));
    good(&props(r#"<D:a xmlns:p="urn:u" xmlns="urn:u"><p:b xmlns:p="urn:v" xmlns="urn:w"/></D:a>"#));
    bad(&props("<D:a x=\"\u{1}\"/>"), K::InvalidChar, At::Marker("\u{1}"));
    bad(&props(r#"<D:a x="<"/>"#), K::MalformedMarkup, At::Marker("<\"/"));
    bad(&props(r#"<D:a x="&bogus;"/>"#), K::InvalidReference, At::Marker("&bogus"));
    bad(&props("<D:a><!-- a -- b --></D:a>"), K::MalformedMarkup, At::Marker("<!--"));
    bad(&props("<D:a x='1'y='2'/>"), K::MalformedMarkup, At::Marker("y="));
    bad(&props("<D:a><!ELEMENT x></D:a>"), K::MalformedMarkup, At::Marker("<!ELEMENT"));
    bad(&props("<D:a>\u{1}</D:a>"), K::InvalidChar, At::Marker("\u{1}"));
}

#[test]
fn namespaces() {
    bad(&props("<x:foo/>"), K::UnboundPrefix, At::Marker("<x:foo"));
    bad(&props(r#"<D:foo x:a="1"/>"#), K::UnboundPrefix, At::Marker("x:a"));
    bad(&props(r#"<D:foo xmlns:xml="urn:other"/>"#), K::ReservedNamespace, At::Marker("xmlns:xml"));
    good(&props(r#"<D:foo xmlns:xml="http://www.w3.org/XML/1998/namespace" xml:lang="en"/>"#));
    bad(&props(r#"<D:foo xmlns:xmlns="urn:x"/>"#), K::ReservedNamespace, At::Marker("xmlns:xmlns"));
    bad(&props(r#"<D:foo xmlns:p="http://www.w3.org/2000/xmlns/"/>"#), K::ReservedNamespace, At::Marker("xmlns:p"));
    bad(
        &props(r#"<D:foo xmlns:p="http://www.w3.org/XML/1998/namespace"/>"#),
        K::ReservedNamespace,
        At::Marker("xmlns:p"),
    );
    bad(&props(r#"<D:foo xmlns="http://www.w3.org/XML/1998/namespace"/>"#), K::ReservedNamespace, At::Marker("xmlns="));
    bad(&props(r#"<D:foo xmlns:p=""/>"#), K::ReservedNamespace, At::Marker("xmlns:p"));
    bad(&props("<xmlns:foo/>"), K::ReservedNamespace, At::Marker("<xmlns:foo"));
    // DAV: under any prefix or as the default namespace; matched by URI, never by prefix.
    let body = r#"<multistatus xmlns="DAV:"><response><href>/</href><status>HTTP/1.1 200 OK</status></response></multistatus>"#;
    assert_eq!(good(body).responses[0].hrefs, ["/"]);
    let body = r#"<X:multistatus xmlns:X="DAV&#58;"><X:response><X:href>/</X:href><X:status>HTTP/1.1 200 OK</X:status></X:response></X:multistatus>"#;
    assert_eq!(good(body).responses[0].status, Some(200));
    bad(r#"<D:multistatus xmlns:D="urn:not-dav"/>"#, K::NotMultistatus, At::Byte(0));
    // Redeclared on an element: scoped to it.
    assert_eq!(only_prop(&props(r#"<D:a xmlns:D="urn:x"/>"#)).0, "{urn:x}a");
    assert_eq!(only_prop(&props(r#"<x:a xmlns:x="DAV:"/>"#)).0, "{DAV:}a");
    // `xmlns=""` undeclares the default namespace.
    let body = r#"<multistatus xmlns="DAV:"><response><href>/</href><propstat><prop><a xmlns=""><b/></a></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>"#;
    assert_eq!(only_prop(body), ("a".to_string(), Value::Children(vec!["b".to_string()])));
    // A response whose DAV prefix was rebound is not a DAV: response: skipped whole.
    let body = ms(r#"<D:response xmlns:D="urn:x"><D:href>/</D:href></D:response>"#);
    assert!(good(&body).responses.is_empty());
    // Unprefixed attributes have no namespace, prefixed ones resolve through the scope.
    let body = props(r#"<C:a xmlns:C="urn:c" v="1" C:w="2" xml:lang="en"/>"#);
    let r = multistatus::responses(body.as_bytes()).unwrap().next().unwrap().unwrap();
    let p = r.propstats()[0].properties().next().unwrap().unwrap();
    let attrs: Vec<String> = p.attributes().map(|a| format!("{}={}", a.name, a.value)).collect();
    assert_eq!(attrs, ["v=1", "{urn:c}w=2", "{http://www.w3.org/XML/1998/namespace}lang=en"]);
    // Attributes in the scanners' simple form, then one they hand over to the tokenizer (a
    // reference, a non-ASCII name), then simple ones again: every one given, in order.
    let body = props("<C:a xmlns:C=\"urn:c\" v='1'  C:w=\"x&amp;y\" \u{e9}t\u{e9}=\"\u{e9}\" z = \"3\"/>");
    let r = multistatus::responses(body.as_bytes()).unwrap().next().unwrap().unwrap();
    let p = r.propstats()[0].properties().next().unwrap().unwrap();
    let attrs: Vec<String> = p.attributes().map(|a| format!("{}={}", a.name, a.value)).collect();
    assert_eq!(attrs, ["v=1", "{urn:c}w=x&y", "\u{e9}t\u{e9}=\u{e9}", "z=3"]);
    let raw: Vec<(usize, &str)> = p
        .events()
        .next()
        .map(|e| match e.unwrap() {
            multistatus::XmlEvent::Start(t) => t.attributes().map(|a| (a.offset, a.local)).collect(),
            _ => vec![],
        })
        .unwrap();
    let at = |m: &str| body.find(m).unwrap();
    assert_eq!(
        raw,
        [
            (at("xmlns:C"), "C"),
            (at("v='1'"), "v"),
            (at("C:w"), "w"),
            (at("\u{e9}t\u{e9}="), "\u{e9}t\u{e9}"),
            (at("z ="), "z")
        ]
    );
}

#[test]
fn grammar() {
    bad(r#"<D:prop xmlns:D="DAV:"/>"#, K::NotMultistatus, At::Byte(0));
    bad(
        &ms("<D:response><D:status>HTTP/1.1 200 OK</D:status></D:response>"),
        K::MissingHref,
        At::Marker("<D:response"),
    );
    let r = good(&ms(
        "<D:response><D:href>/a</D:href><D:href> /b </D:href><D:status>HTTP/1.1 424 Failed Dependency</D:status></D:response>",
    ));
    assert_eq!((r.responses[0].hrefs.clone(), r.responses[0].status), (vec!["/a".into(), "/b".into()], Some(424)));
    let ps = "<D:propstat><D:prop/><D:status>HTTP/1.1 200 OK</D:status></D:propstat>";
    bad(
        &ms(&format!("<D:response><D:href>/a</D:href><D:href>/b</D:href>{ps}</D:response>")),
        K::InvalidResponse,
        At::Marker("<D:propstat"),
    );
    bad(
        &ms(&format!("<D:response><D:href>/a</D:href>{ps}<D:href>/b</D:href></D:response>")),
        K::InvalidResponse,
        At::Nth("<D:href", 1),
    );
    bad(
        &ms(&format!("<D:response><D:href>/a</D:href><D:status>HTTP/1.1 200 OK</D:status>{ps}</D:response>")),
        K::InvalidResponse,
        At::Marker("<D:propstat"),
    );
    bad(
        &ms(&format!("<D:response><D:href>/a</D:href>{ps}<D:status>HTTP/1.1 200 OK</D:status></D:response>")),
        K::InvalidResponse,
        At::Nth("<D:status", 1),
    );
    bad(
        &ms(
            "<D:response><D:href>/a</D:href><D:status>HTTP/1.1 200 OK</D:status><D:status>HTTP/1.1 200 OK</D:status></D:response>",
        ),
        K::DuplicateElement,
        At::Nth("<D:status", 1),
    );
    bad(
        &ms("<D:response><D:href>/a</D:href><D:propstat><D:prop/><D:prop/></D:propstat></D:response>"),
        K::DuplicateElement,
        At::Nth("<D:prop/", 1),
    );
    bad(
        &ms("<D:response><D:href>/a</D:href><D:status>HTTP/1.1 302 Found</D:status><D:location/></D:response>"),
        K::MissingLocationHref,
        At::Marker("<D:location"),
    );
    bad(&ms("<D:response>x<D:href>/a</D:href></D:response>"), K::UnexpectedText, At::Marker("x<"));
    bad(&ms("<D:response><D:href>/a<b/></D:href></D:response>"), K::UnexpectedElement, At::Marker("<b/>"));
    bad(
        &ms("<D:response><D:href>/a</D:href><D:status>HTTP/1.1 102 Processing</D:status></D:response>"),
        K::InvalidStatus,
        At::Marker("HTTP"),
    );
    bad(
        &ms("<D:response><D:href>/a</D:href><D:status>  junk </D:status></D:response>"),
        K::InvalidStatus,
        At::Marker("junk"),
    );
    bad(
        &ms("<D:sync-token>a</D:sync-token><D:sync-token>b</D:sync-token>"),
        K::DuplicateElement,
        At::Nth("<D:sync-token", 1),
    );
    bad(&ms("<D:prop><D:a/></D:prop>x"), K::UnexpectedText, At::Marker("x</D:multi"));
    // Order other than the RFC's, unknown elements skipped (and reported), white space, comments.
    let body = ms(concat!(
        "<!-- c --><D:response>\n <X:ext xmlns:X=\"urn:x\"><X:deep>1</X:deep></X:ext>",
        "<D:href>/a</D:href><D:propstat><D:status>HTTP/1.1 404 Not Found</D:status><D:prop><D:b/></D:prop>",
        "<D:responsedescription>gone</D:responsedescription></D:propstat>",
        "<D:location><D:href> /new </D:href></D:location><D:error><D:lock-token-submitted/></D:error>",
        "<D:responsedescription>r</D:responsedescription></D:response>",
        "<D:responsedescription>all <b>of</b> it</D:responsedescription><D:sync-token>\n http://x/sync/2 \n</D:sync-token>",
    ));
    let r = good(&body);
    let resp = &r.responses[0];
    assert_eq!(resp.propstats[0].status, Some(404));
    assert_eq!(resp.propstats[0].description.as_deref(), Some("gone"));
    assert_eq!(resp.location.as_deref(), Some("/new"));
    assert_eq!(resp.error, Some(vec!["{DAV:}lock-token-submitted".to_string()]));
    assert_eq!(resp.description.as_deref(), Some("r"));
    assert_eq!(r.description.as_deref(), Some("all of it"));
    assert_eq!(r.sync_token.as_deref(), Some("http://x/sync/2"));
    let unknown: Vec<String> = Parser::new(body.as_bytes())
        .unwrap()
        .filter_map(|e| match e.unwrap() {
            Event::Unknown(e) => Some(e.name().to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(unknown, ["{urn:x}ext"]);
    // RFC 6578 truncation: 507 with DAV:number-of-matches-within-limits; RFC 5842: 208.
    let body = ms(concat!(
        "<D:response><D:href>/c/</D:href><D:status>HTTP/1.1 507 Insufficient Storage</D:status>",
        "<D:error><D:number-of-matches-within-limits/></D:error></D:response>",
        "<D:response><D:href>/c/x</D:href><D:status>HTTP/1.1 208 Already Reported</D:status></D:response>",
    ));
    let r = good(&body);
    assert_eq!(r.responses[0].status, Some(507));
    assert_eq!(r.responses[0].error, Some(vec!["{DAV:}number-of-matches-within-limits".to_string()]));
    assert_eq!(r.responses[1].status, Some(208));
}

#[test]
fn values() {
    // Text values: exact, references expanded, CDATA verbatim, comments dropped, line ends.
    let (_, v) = only_prop(&props("<D:getetag>&quot;x&amp;y&#x41;&#66;&lt;&gt;&apos;&quot;</D:getetag>"));
    assert_eq!(v, Value::Text("\"x&yAB<>'\"".into()));
    let (_, v) = only_prop(&props(
        "<C:calendar-data xmlns:C=\"urn:c\"><![CDATA[BEGIN:VCALENDAR\r\nX:<&>\r\nEND]]></C:calendar-data>",
    ));
    assert_eq!(v, Value::Text("BEGIN:VCALENDAR\nX:<&>\nEND".into()));
    let (_, v) = only_prop(&props("<D:a> a\r\nb\rc <!-- no --> d<?pi x?> </D:a>"));
    assert_eq!(v, Value::Text(" a\nb\nc  d ".into()));
    let (_, v) = only_prop(&props("<D:a>h\u{e9}llo \u{1F600}</D:a>"));
    assert_eq!(v, Value::Text("h\u{e9}llo \u{1F600}".into()));
    let (_, v) = only_prop(&props("<D:a/>"));
    assert_eq!(v, Value::Text(String::new()));
    // The status line: no reason, HTTP/1.0, HTTP/2, white space.
    for line in ["HTTP/1.1 200", "\n HTTP/1.0 200 OK \n", "HTTP/2 200 ", "HTTP/1.1\t200\tOK"] {
        let body = ms(&format!("<D:response><D:href>/</D:href><D:status>{line}</D:status></D:response>"));
        assert_eq!(good(&body).responses[0].status, Some(200), "{line:?}");
    }
}

#[test]
fn text_api_without_a_buffer() {
    let body = props("<D:displayname>Tom &amp; Jerry<![CDATA[ <3]]></D:displayname>");
    let r = multistatus::responses(body.as_bytes()).unwrap().next().unwrap().unwrap();
    let p = r.propstats()[0].properties().next().unwrap().unwrap();
    let t = p.text().unwrap();
    assert_eq!(t.raw(), "Tom &amp; Jerry<![CDATA[ <3]]>");
    assert!(t.eq_str("Tom & Jerry <3"));
    assert!(!t.eq_str("Tom & Jerry"));
    assert_eq!(t.unescaped_len(), 14);
    let mut small = [0u8; 13];
    assert_eq!(t.unescape_into(&mut small).unwrap_err().kind(), K::BufferTooSmall);
    let mut buf = [0u8; 64];
    assert_eq!(t.unescape_into(&mut buf).unwrap(), "Tom & Jerry <3");
    assert_eq!(&body[t.offset()..t.offset() + t.raw().len()], t.raw());
    // Zero-copy: the raw slices lie inside the body.
    let range = body.as_ptr() as usize..body.as_ptr() as usize + body.len();
    assert!(range.contains(&(t.raw().as_ptr() as usize)));
}

#[test]
fn property_values_for_other_parsers() {
    let body = ms(concat!(
        r#"<D:response xmlns:A="urn:acl"><D:href>/</D:href><D:propstat><D:prop>"#,
        r#"<D:current-user-privilege-set><D:privilege><A:read xmlns:A="urn:acl2"/></D:privilege>"#,
        r#"<D:privilege><A:write/></D:privilege> text </D:current-user-privilege-set>"#,
        r#"</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"#,
    ));
    let r = multistatus::responses(body.as_bytes()).unwrap().next().unwrap().unwrap();
    let p = r.propstats()[0].properties().next().unwrap().unwrap();
    assert!(p.name().is_dav("current-user-privilege-set"));
    assert!(p.inner_raw().starts_with("<D:privilege>"));
    assert!(p.text().is_none());
    let mut names = Vec::new();
    for c in p.children() {
        match c.unwrap() {
            Node::Element(priv_) => {
                for g in priv_.children() {
                    if let Node::Element(g) = g.unwrap() {
                        names.push(g.name().to_string());
                    }
                }
            }
            Node::Text(t) => assert!(t.eq_str(" text ")),
        }
    }
    // The bindings in scope at each point: A redeclared on the first, inherited on the second.
    assert_eq!(names, ["{urn:acl2}read", "{urn:acl}write"]);
    // The full event walk, with namespaces resolved.
    let starts = p.events().filter(|e| matches!(e, Ok(multistatus::XmlEvent::Start(_)))).count();
    assert_eq!(starts, 5);
}

#[test]
fn leniency_is_never_silent() {
    let cases: &[(&str, QuirkKind, K)] = &[
        (
            "<D:response><D:href>/</D:href><D:propstat><D:prop><DAV:getetag/></D:prop><D:status>HTTP/1.1 403 Forbidden</D:status></D:propstat></D:response>",
            QuirkKind::UnboundDavPrefix,
            K::UnboundPrefix,
        ),
        (
            "<D:response><D:href>/</D:href><D:propstat><D:prop/></D:propstat></D:response>",
            QuirkKind::PropstatWithoutStatus,
            K::MissingPropstatStatus,
        ),
        (
            "<D:response><D:href>/</D:href><D:propstat><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>",
            QuirkKind::PropstatWithoutProp,
            K::MissingProp,
        ),
        ("<D:response><D:href>/</D:href></D:response>", QuirkKind::ResponseWithoutStatus, K::MissingStatus),
    ];
    for &(inner, quirk, strict_kind) in cases {
        let body = ms(inner);
        let mut p = Parser::new(body.as_bytes()).unwrap();
        let events: Vec<_> = p.by_ref().map(Result::unwrap).collect();
        let reported: Vec<_> = events
            .iter()
            .filter_map(|e| match e {
                Event::Quirk(q) => Some(q.kind),
                _ => None,
            })
            .collect();
        assert_eq!(reported, [quirk], "{inner}");
        assert_eq!(p.quirks().count(quirk), 1);
        let at = p.quirks().first_offset(quirk).unwrap();
        assert!(body[at..].starts_with('<'), "{inner}: quirk offset {at}");
        let e = common::read_with(body.as_bytes(), Options::strict()).unwrap_err();
        assert_eq!(e.kind(), strict_kind, "{inner}");
        // Each switch alone.
        let mut one = Options::strict();
        match quirk {
            QuirkKind::UnboundDavPrefix => one.unbound_dav_prefix = true,
            QuirkKind::PropstatWithoutStatus => one.propstat_without_status = true,
            QuirkKind::PropstatWithoutProp => one.propstat_without_prop = true,
            QuirkKind::ResponseWithoutStatus => one.response_without_status = true,
            _ => unreachable!(),
        }
        common::read_with(body.as_bytes(), one).unwrap();
    }
    strict_bad(&ms("<D:response><D:href>/</D:href></D:response>"), K::MissingStatus, At::Marker("<D:response"));
}

#[test]
fn capacities_are_positioned_limit_errors() {
    fn first_error<const D: usize, const NS: usize, const B: usize>(body: &str) -> multistatus::Error {
        let mut p = Parser::<'_, D, NS, B>::with_options(body.as_bytes(), Options::default()).unwrap();
        let e = p.by_ref().find_map(Result::err).expect("an error");
        // The parser stays stopped.
        assert!(p.next().is_none());
        assert!(p.next().is_none());
        assert_eq!(p.error(), Some(e));
        assert!(e.kind().is_limit());
        e
    }
    let deep = props("<D:a><D:b><D:c/></D:b></D:a>");
    let e = first_error::<5, 32, 2048>(&deep);
    assert_eq!((e.kind(), e.offset()), (K::DepthLimit, deep.find("<D:b>").unwrap()));
    assert!(first_error::<32, 32, 2048>(&deep.replace("<D:c/>", &"<x>".repeat(40))).kind() == K::DepthLimit);
    let many = props(r#"<D:a xmlns:a="urn:a" xmlns:b="urn:b"/>"#);
    let e = first_error::<32, 2, 2048>(&many);
    assert_eq!((e.kind(), e.offset()), (K::NamespaceLimit, many.find("xmlns:b").unwrap()));
    let long = props(&format!("<D:{0}/>", "n".repeat(100)));
    let e = first_error::<32, 32, 64>(&long);
    assert_eq!((e.kind(), e.offset()), (K::NameStorageLimit, long.find("<D:nnn").unwrap()));
    let attrs: String = (0..33).map(|i| format!(" a{i}=\"x\"")).collect();
    let body = props(&format!("<D:a{attrs}/>"));
    let e = first_error::<32, 32, 2048>(&body);
    assert_eq!((e.kind(), e.offset()), (K::AttributeLimit, body.find("a32=").unwrap()));
    // The response view: H hrefs and P propstats.
    let body =
        ms("<D:response><D:href>/a</D:href><D:href>/b</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response>");
    let mut it = Responses::<'_, 32, 32, 2048, 1, 1>::with_options(body.as_bytes(), Options::default()).unwrap();
    let e = it.next().unwrap().unwrap_err();
    assert_eq!((e.kind(), e.offset()), (K::ResponseLimit, body.find("/b").unwrap()));
    assert!(it.next().is_none());
    assert_eq!(it.error(), Some(e));
}

#[test]
fn errors_stop_the_parser_and_give_line_and_column() {
    let body = "<D:multistatus xmlns:D=\"DAV:\">\n  <D:response>\r\n    <D:href>/a</D:hraf>\n";
    let mut p = Parser::new(body.as_bytes()).unwrap();
    let e = p.by_ref().find_map(Result::err).unwrap();
    assert_eq!(e.kind(), K::MismatchedEndTag);
    let pos = e.position(body.as_bytes());
    assert_eq!((pos.line, pos.column), (3, 15));
    assert!(p.next().is_none());
    assert_eq!(e.to_string(), format!("end tag does not match the open element (byte {})", e.offset()));
    let err: &dyn core::error::Error = &e;
    assert!(!err.to_string().is_empty());
}
