//! One case per rule of the parser (README, "Parsing behaviour"), one named test per case, so a
//! failing case hides none of the others: every malformed case asserts the error kind and its
//! byte offset, every accepted case what is read.
//!
//! Most cases are one line through a macro: `bad!(name, body, Kind, at)` (the default options
//! refuse `body` with `ErrorKind::Kind` at `at`), `strict_bad!` (the same with
//! `Options::strict()`), `good!(name, body)` (accepted) or `good!(name, body, |reading| ...)`
//! (accepted, and read as the closure asserts), `quirk!(name, inner, Quirk, StrictKind)` (a
//! tolerated quirk, reported and refused by the strict options). The tests are grouped in
//! modules by section (`cargo test --test suite rules::well_formedness::`); names say the rule.

use crate::common;

use crate::common::{Reading, Value};
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

/// Where a malformed case must fail.
enum At {
    /// At the first occurrence of a marker.
    Marker(&'static str),
    /// At the occurrence of a marker numbered from 0.
    Nth(&'static str, usize),
    /// At the end of the body.
    End,
    /// At a byte offset.
    Byte(usize),
}

fn offset_of(body: &[u8], at: &At) -> usize {
    let text = String::from_utf8_lossy(body);
    match *at {
        At::Marker(m) => text.find(m).unwrap_or_else(|| panic!("marker {m:?} not in {text}")),
        At::Nth(m, n) => text.match_indices(m).nth(n).unwrap_or_else(|| panic!("no marker {m:?} #{n} in {text}")).0,
        At::End => body.len(),
        At::Byte(b) => b,
    }
}

/// Reading `body` with `options` fails with `kind` at `at`.
fn check_bad(body: impl AsRef<[u8]>, options: Options, kind: K, at: At) {
    let body = body.as_ref();
    let e = common::read_with(body, options).expect_err(&String::from_utf8_lossy(body));
    assert_eq!((e.kind(), e.offset()), (kind, offset_of(body, &at)), "{}", String::from_utf8_lossy(body));
}

/// Reading `body` with the default options succeeds; `check` asserts what is read.
fn check_good(body: impl AsRef<[u8]>, check: impl FnOnce(Reading)) {
    let body = body.as_ref();
    let reading = common::read(body).unwrap_or_else(|e| panic!("{}: {e}", String::from_utf8_lossy(body)));
    check(reading);
}

/// The one property of the one propstat of the first response.
fn only_prop(r: Reading) -> (String, Value) {
    r.responses[0].propstats[0].props[0].clone()
}

/// The default options accept `ms(inner)` and report `quirk` exactly once, as an event and in
/// the log, with an offset at a tag; `Options::strict()` refuses it with `strict_kind`; the
/// strict options with this quirk's switch alone turned on accept it.
fn check_quirk(inner: &str, quirk: QuirkKind, strict_kind: K) {
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
    // Strict options refuse it where the quirk was reported.
    assert_eq!((e.kind(), e.offset()), (strict_kind, at), "{inner}");
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

/// `bad!(name, body, Kind, at)`: a test `name` in which the default options refuse `body` (a
/// `&str`, a `String` or bytes) with `ErrorKind::Kind` at `at`.
macro_rules! bad {
    ($name:ident, $body:expr, $kind:ident, $at:expr $(,)?) => {
        #[test]
        fn $name() {
            check_bad($body, Options::default(), K::$kind, $at);
        }
    };
}

/// `strict_bad!(name, body, Kind, at)`: as `bad!`, with `Options::strict()`.
macro_rules! strict_bad {
    ($name:ident, $body:expr, $kind:ident, $at:expr $(,)?) => {
        #[test]
        fn $name() {
            check_bad($body, Options::strict(), K::$kind, $at);
        }
    };
}

/// `good!(name, body)`: the default options accept `body`; `good!(name, body, |reading| ...)`:
/// and the closure's assertions hold on the [`Reading`].
macro_rules! good {
    ($name:ident, $body:expr $(,)?) => {
        good!($name, $body, |_| ());
    };
    ($name:ident, $body:expr, $check:expr $(,)?) => {
        #[test]
        fn $name() {
            check_good($body, $check);
        }
    };
}

/// `quirk!(name, inner, Quirk, StrictKind)`: see [`check_quirk`].
macro_rules! quirk {
    ($name:ident, $inner:expr, $quirk:ident, $strict:ident $(,)?) => {
        #[test]
        fn $name() {
            check_quirk($inner, QuirkKind::$quirk, K::$strict);
        }
    };
}

/// Input and prolog: UTF-8, the BOM, the declaration and its encoding, DOCTYPE, one root and
/// what may stand around it.
mod input_and_prolog {
    use super::*;

    /// A declaration naming `enc` before an empty multistatus.
    fn declared(enc: &str) -> String {
        format!(r#"<?xml version="1.0" encoding="{enc}"?><D:multistatus xmlns:D="DAV:"/>"#)
    }

    bad!(invalid_utf8_is_refused, b"<D:multistatus xmlns:D=\"DAV:\">\xFF</D:multistatus>", InvalidUtf8, At::Byte(30));
    bad!(
        declared_encoding_other_than_utf8_or_ascii_is_refused,
        r#"<?xml version="1.0" encoding="ISO-8859-1"?><D:multistatus xmlns:D="DAV:"/>"#,
        UnsupportedEncoding,
        At::Marker("ISO"),
    );
    good!(declared_encoding_utf_8_is_accepted, declared("utf-8"));
    good!(declared_encoding_utf_8_upper_case_is_accepted, declared("UTF-8"));
    good!(declared_encoding_us_ascii_is_accepted, declared("US-ASCII"));
    good!(declared_encoding_us_ascii_lower_case_is_accepted, declared("us-ascii"));
    good!(bom_before_declaration_is_skipped, "\u{FEFF}<?xml version=\"1.0\"?>\n<D:multistatus xmlns:D=\"DAV:\"/>");
    good!(bom_before_root_is_skipped, "\u{FEFF}<D:multistatus xmlns:D=\"DAV:\"/>");
    bad!(
        doctype_is_refused,
        r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "x">]><D:multistatus xmlns:D="DAV:"/>"#,
        DoctypeNotAllowed,
        At::Marker("<!DOCTYPE"),
    );
    bad!(empty_body_has_no_root, "", NoRootElement, At::End);
    bad!(white_space_only_body_has_no_root, " \n\t", NoRootElement, At::End);
    bad!(declaration_only_body_ends_early, r#"<?xml version="1.0"?>"#, UnexpectedEof, At::End);
    bad!(comment_only_body_ends_early, "<!-- only a comment -->", UnexpectedEof, At::End);
    bad!(
        declaration_after_white_space_is_refused,
        "\n<?xml version=\"1.0\"?><D:multistatus xmlns:D=\"DAV:\"/>",
        InvalidDeclaration,
        At::Marker("<?xml"),
    );
    bad!(
        declaration_after_root_is_refused,
        ms("") + "<?xml version=\"1.0\"?>",
        InvalidDeclaration,
        At::Marker("<?xml")
    );
    bad!(text_before_root_is_refused, "x<D:multistatus xmlns:D=\"DAV:\"/>", TextOutsideRoot, At::Byte(0));
    bad!(
        second_root_is_refused,
        "<D:multistatus xmlns:D=\"DAV:\"/><D:multistatus xmlns:D=\"DAV:\"/>",
        ContentAfterRoot,
        At::Nth("<D:multistatus", 1),
    );
    bad!(text_after_root_is_refused, ms("") + "junk", ContentAfterRoot, At::Marker("junk"));
    bad!(cdata_after_root_is_refused, ms("") + "<![CDATA[x]]>", ContentAfterRoot, At::Marker("<![CDATA["));
    good!(
        comments_and_pis_around_root_are_accepted,
        "<?pi before?><!-- c -->".to_string() + &ms("") + "\n<!-- after --><?pi after?>\n"
    );
}

/// Well-formedness: tags, references, characters, `]]>`, attributes and their duplicates,
/// markup.
mod well_formedness {
    use super::*;

    /// A property `<D:a>` whose text is `x` then the reference (or other text) `r`.
    fn text_then(r: &str) -> String {
        props(&format!("<D:a>x{r}</D:a>"))
    }

    const XML_URI: &str = "http://www.w3.org/XML/1998/namespace";

    bad!(end_tag_must_match_start_tag, ms("<D:response></D:href>"), MismatchedEndTag, At::Marker("</D:href>"));
    bad!(
        end_tag_match_is_case_sensitive,
        ms("<D:response></d:response>"),
        MismatchedEndTag,
        At::Marker("</d:response>")
    );
    bad!(eof_inside_content, r#"<D:multistatus xmlns:D="DAV:"><D:response>"#, UnexpectedEof, At::End);
    bad!(eof_inside_tag, r#"<D:multistatus xmlns:D="DAV:"><D:resp"#, UnexpectedEof, At::End);
    bad!(eof_inside_reference, r#"<D:multistatus xmlns:D="DAV:">&am"#, UnexpectedEof, At::End);

    // Every `&` is a predefined entity or a character reference to an XML `Char`.
    bad!(reference_to_undefined_entity_is_refused, text_then("&foo;"), InvalidReference, At::Marker("&"));
    bad!(reference_to_nul_is_refused, text_then("&#0;"), InvalidReference, At::Marker("&"));
    bad!(reference_to_surrogate_is_refused, text_then("&#xD800;"), InvalidReference, At::Marker("&"));
    bad!(reference_beyond_unicode_is_refused, text_then("&#x110000;"), InvalidReference, At::Marker("&"));
    bad!(reference_without_decimal_digits_is_refused, text_then("&#;"), InvalidReference, At::Marker("&"));
    bad!(reference_without_hex_digits_is_refused, text_then("&#x;"), InvalidReference, At::Marker("&"));
    bad!(reference_with_sign_is_refused, text_then("&#-1;"), InvalidReference, At::Marker("&"));
    bad!(bare_ampersand_is_refused, text_then("& "), InvalidReference, At::Marker("&"));
    bad!(reference_to_noncharacter_is_refused, text_then("&#xFFFE;"), InvalidReference, At::Marker("&"));
    bad!(reference_to_control_char_is_refused, text_then("&#8;"), InvalidReference, At::Marker("&"));
    bad!(reference_without_semicolon_is_refused, text_then("&amp"), InvalidReference, At::Marker("&"));

    bad!(control_char_in_text_is_refused, props("<D:a>x\u{1}</D:a>"), InvalidChar, At::Marker("\u{1}"));
    bad!(control_char_first_in_text_is_refused, props("<D:a>\u{1}</D:a>"), InvalidChar, At::Marker("\u{1}"));
    bad!(noncharacter_in_text_is_refused, props("<D:a>x\u{FFFE}</D:a>"), InvalidChar, At::Marker("\u{FFFE}"));
    bad!(cdata_end_in_text_is_refused, props("<D:a>x]]>y</D:a>"), CdataEndInText, At::Marker("]]>"));
    good!(cdata_end_look_alikes_are_accepted, props("<D:a>x]]&gt;y ]] > <![CDATA[]]]]><![CDATA[>]]></D:a>"));

    // No duplicate attributes after namespace resolution; a declaration twice on one tag is
    // found as it is bound.
    bad!(duplicate_attribute_is_refused, props(r#"<D:a x="1" x="2"/>"#), DuplicateAttribute, At::Marker("x=\"2"));
    bad!(
        duplicate_attribute_after_namespace_resolution_is_refused,
        props(r#"<D:a xmlns:p="urn:u" xmlns:q="urn:u" p:x="1" q:x="2"/>"#),
        DuplicateAttribute,
        At::Marker("q:x"),
    );
    good!(
        same_local_name_in_distinct_namespaces_is_accepted,
        props(r#"<D:a xmlns:p="urn:u" xmlns:q="urn:v" p:x="1" q:x="2" x="3"/>"#)
    );
    bad!(
        duplicate_prefix_declaration_is_refused,
        props(r#"<D:a xmlns:p="urn:u" xmlns:p="urn:v"/>"#),
        DuplicateAttribute,
        At::Nth("xmlns:p", 1),
    );
    // Prefixes longer than three bytes are compared in full.
    bad!(
        duplicate_long_prefix_declaration_is_refused,
        props(r#"<D:a xmlns:abcd="urn:u" x="1" xmlns:abcd="urn:u"/>"#),
        DuplicateAttribute,
        At::Nth("xmlns:abcd", 1),
    );
    good!(
        prefixes_alike_in_their_first_three_bytes_are_distinct,
        props(r#"<D:a xmlns:abcd="urn:u" xmlns:abce="urn:u" xmlns:abc="urn:u" abcd:x="1" abce:y="2"/>"#)
    );
    // The `xml` prefix is never bound, yet declaring it twice is a duplicate.
    bad!(
        duplicate_xml_prefix_declaration_is_refused,
        props(&format!(r#"<D:a xmlns:xml="{XML_URI}" xmlns:xml="{XML_URI}"/>"#)),
        DuplicateAttribute,
        At::Nth("xmlns:xml", 1),
    );
    bad!(
        duplicate_default_namespace_declaration_is_refused,
        props(r#"<D:a xmlns="urn:u" xmlns="urn:u"/>"#),
        DuplicateAttribute,
        At::Nth("xmlns=", 1),
    );
    good!(
        same_prefix_on_parent_and_child_is_a_new_binding,
        props(r#"<D:a xmlns:p="urn:u" xmlns="urn:u"><p:b xmlns:p="urn:v" xmlns="urn:w"/></D:a>"#)
    );

    bad!(control_char_in_attribute_value_is_refused, props("<D:a x=\"\u{1}\"/>"), InvalidChar, At::Marker("\u{1}"));
    bad!(lt_in_attribute_value_is_refused, props(r#"<D:a x="<"/>"#), MalformedMarkup, At::Marker("<\"/"));
    bad!(
        undefined_entity_in_attribute_value_is_refused,
        props(r#"<D:a x="&bogus;"/>"#),
        InvalidReference,
        At::Marker("&bogus")
    );
    bad!(double_hyphen_in_comment_is_refused, props("<D:a><!-- a -- b --></D:a>"), MalformedMarkup, At::Marker("<!--"));
    bad!(
        attributes_without_white_space_between_are_refused,
        props("<D:a x='1'y='2'/>"),
        MalformedMarkup,
        At::Marker("y=")
    );
    bad!(
        markup_declaration_in_content_is_refused,
        props("<D:a><!ELEMENT x></D:a>"),
        MalformedMarkup,
        At::Marker("<!ELEMENT")
    );
}

/// Namespaces: matched by URI, never by prefix; `xml`/`xmlns` misuse; scopes; attributes.
mod namespaces {
    use super::*;

    bad!(unbound_prefix_on_element, props("<x:foo/>"), UnboundPrefix, At::Marker("<x:foo"));
    bad!(unbound_prefix_on_attribute, props(r#"<D:foo x:a="1"/>"#), UnboundPrefix, At::Marker("x:a"));
    bad!(
        xml_prefix_bound_to_other_uri_is_refused,
        props(r#"<D:foo xmlns:xml="urn:other"/>"#),
        XmlPrefixRebound,
        At::Marker("xmlns:xml")
    );
    good!(
        xml_prefix_bound_to_its_uri_is_accepted,
        props(r#"<D:foo xmlns:xml="http://www.w3.org/XML/1998/namespace" xml:lang="en"/>"#)
    );
    bad!(
        xmlns_prefix_declared_is_refused,
        props(r#"<D:foo xmlns:xmlns="urn:x"/>"#),
        XmlnsPrefixDeclared,
        At::Marker("xmlns:xmlns")
    );
    bad!(
        prefix_bound_to_xmlns_uri_is_refused,
        props(r#"<D:foo xmlns:p="http://www.w3.org/2000/xmlns/"/>"#),
        ReservedUriBound,
        At::Marker("xmlns:p"),
    );
    bad!(
        prefix_bound_to_xml_uri_is_refused,
        props(r#"<D:foo xmlns:p="http://www.w3.org/XML/1998/namespace"/>"#),
        ReservedUriBound,
        At::Marker("xmlns:p"),
    );
    bad!(
        default_namespace_bound_to_xml_uri_is_refused,
        props(r#"<D:foo xmlns="http://www.w3.org/XML/1998/namespace"/>"#),
        ReservedUriBound,
        At::Marker("xmlns="),
    );
    bad!(
        prefix_bound_to_empty_uri_is_refused,
        props(r#"<D:foo xmlns:p=""/>"#),
        EmptyPrefixBinding,
        At::Marker("xmlns:p")
    );
    bad!(element_with_xmlns_prefix_is_refused, props("<xmlns:foo/>"), XmlnsPrefixUsed, At::Marker("<xmlns:foo"));

    // DAV: under any prefix or as the default namespace; matched by URI, never by prefix.
    good!(
        dav_as_default_namespace,
        r#"<multistatus xmlns="DAV:"><response><href>/</href><status>HTTP/1.1 200 OK</status></response></multistatus>"#,
        |r| assert_eq!(r.responses[0].hrefs, ["/"])
    );
    good!(
        namespace_uri_may_hold_a_reference,
        r#"<X:multistatus xmlns:X="DAV&#58;"><X:response><X:href>/</X:href><X:status>HTTP/1.1 200 OK</X:status></X:response></X:multistatus>"#,
        |r| assert_eq!(r.responses[0].status, Some(200))
    );
    bad!(
        root_in_another_namespace_is_not_multistatus,
        r#"<D:multistatus xmlns:D="urn:not-dav"/>"#,
        NotMultistatus,
        At::Byte(0)
    );
    // Redeclared on an element: scoped to it.
    good!(prefix_redeclared_on_property_is_scoped_to_it, props(r#"<D:a xmlns:D="urn:x"/>"#), |r| {
        assert_eq!(only_prop(r).0, "{urn:x}a");
    });
    good!(any_prefix_bound_to_dav_on_property, props(r#"<x:a xmlns:x="DAV:"/>"#), |r| {
        assert_eq!(only_prop(r).0, "{DAV:}a");
    });
    good!(
        empty_default_namespace_undeclares_it,
        r#"<multistatus xmlns="DAV:"><response><href>/</href><propstat><prop><a xmlns=""><b/></a></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>"#,
        |r| assert_eq!(only_prop(r), ("a".to_string(), Value::Children(vec!["b".to_string()])))
    );
    // A response whose DAV prefix was rebound is not a DAV: response: skipped whole.
    good!(
        response_with_rebound_dav_prefix_is_skipped,
        ms(r#"<D:response xmlns:D="urn:x"><D:href>/</D:href></D:response>"#),
        |r| assert!(r.responses.is_empty())
    );

    /// Unprefixed attributes have no namespace, prefixed ones resolve through the scope.
    #[test]
    fn unprefixed_attributes_have_no_namespace_prefixed_ones_resolve() {
        let body = props(r#"<C:a xmlns:C="urn:c" v="1" C:w="2" xml:lang="en"/>"#);
        let r = multistatus::responses(body.as_bytes()).unwrap().next().unwrap().unwrap();
        let p = r.propstats().next().unwrap().unwrap().properties().next().unwrap().unwrap();
        let attrs: Vec<String> = p.attributes().map(|a| format!("{}={}", a.name, a.value)).collect();
        assert_eq!(attrs, ["v=1", "{urn:c}w=2", "{http://www.w3.org/XML/1998/namespace}lang=en"]);
    }

    /// Attributes in the scanners' simple form, then one they hand over to the tokenizer (a
    /// reference, a non-ASCII name), then simple ones again: every one given, in order, with
    /// its offset.
    #[test]
    fn attributes_in_simple_and_tokenizer_forms_are_all_given_in_order() {
        let body = props("<C:a xmlns:C=\"urn:c\" v='1'  C:w=\"x&amp;y\" \u{e9}t\u{e9}=\"\u{e9}\" z = \"3\"/>");
        let r = multistatus::responses(body.as_bytes()).unwrap().next().unwrap().unwrap();
        let p = r.propstats().next().unwrap().unwrap().properties().next().unwrap().unwrap();
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
}

/// The grammar: RFC 4918 §14 with RFC 6578 and RFC 5842, children in any order.
mod grammar {
    use super::*;

    const PROPSTAT: &str = "<D:propstat><D:prop/><D:status>HTTP/1.1 200 OK</D:status></D:propstat>";

    /// A response for `/a` whose children after the first href are `rest`.
    fn response_a(rest: &str) -> String {
        ms(&format!("<D:response><D:href>/a</D:href>{rest}</D:response>"))
    }

    bad!(root_other_than_multistatus_is_refused, r#"<D:prop xmlns:D="DAV:"/>"#, NotMultistatus, At::Byte(0));
    bad!(
        response_without_href_is_refused,
        ms("<D:response><D:status>HTTP/1.1 200 OK</D:status></D:response>"),
        MissingHref,
        At::Marker("<D:response"),
    );
    good!(
        several_hrefs_with_a_status_are_accepted,
        response_a("<D:href> /b </D:href><D:status>HTTP/1.1 424 Failed Dependency</D:status>"),
        |r| assert_eq!(
            (r.responses[0].hrefs.clone(), r.responses[0].status),
            (vec!["/a".into(), "/b".into()], Some(424))
        )
    );
    bad!(
        several_hrefs_with_a_propstat_are_refused,
        response_a(&format!("<D:href>/b</D:href>{PROPSTAT}")),
        InvalidResponse,
        At::Marker("<D:propstat"),
    );
    bad!(
        href_after_propstat_is_refused,
        response_a(&format!("{PROPSTAT}<D:href>/b</D:href>")),
        InvalidResponse,
        At::Nth("<D:href", 1),
    );
    bad!(
        propstat_after_response_status_is_refused,
        response_a(&format!("<D:status>HTTP/1.1 200 OK</D:status>{PROPSTAT}")),
        InvalidResponse,
        At::Marker("<D:propstat"),
    );
    bad!(
        response_status_after_propstat_is_refused,
        response_a(&format!("{PROPSTAT}<D:status>HTTP/1.1 200 OK</D:status>")),
        InvalidResponse,
        At::Nth("<D:status", 1),
    );
    bad!(
        duplicate_response_status_is_refused,
        response_a("<D:status>HTTP/1.1 200 OK</D:status><D:status>HTTP/1.1 200 OK</D:status>"),
        DuplicateElement,
        At::Nth("<D:status", 1),
    );
    bad!(
        duplicate_prop_in_propstat_is_refused,
        response_a("<D:propstat><D:prop/><D:prop/></D:propstat>"),
        DuplicateElement,
        At::Nth("<D:prop/", 1),
    );
    bad!(
        location_without_href_is_refused,
        response_a("<D:status>HTTP/1.1 302 Found</D:status><D:location/>"),
        MissingLocationHref,
        At::Marker("<D:location"),
    );
    bad!(
        text_in_response_is_refused,
        ms("<D:response>x<D:href>/a</D:href></D:response>"),
        UnexpectedText,
        At::Marker("x<")
    );
    bad!(
        element_in_href_is_refused,
        ms("<D:response><D:href>/a<b/></D:href></D:response>"),
        UnexpectedElement,
        At::Marker("<b/>")
    );
    bad!(
        informational_status_is_refused,
        response_a("<D:status>HTTP/1.1 102 Processing</D:status>"),
        InvalidStatus,
        At::Marker("HTTP"),
    );
    bad!(
        malformed_status_line_is_refused,
        response_a("<D:status>  junk </D:status>"),
        InvalidStatus,
        At::Marker("junk")
    );
    bad!(
        duplicate_sync_token_is_refused,
        ms("<D:sync-token>a</D:sync-token><D:sync-token>b</D:sync-token>"),
        DuplicateElement,
        At::Nth("<D:sync-token", 1),
    );
    bad!(text_in_multistatus_is_refused, ms("<D:prop><D:a/></D:prop>x"), UnexpectedText, At::Marker("x</D:multi"));

    /// Order other than the RFC's, unknown elements skipped (and reported), white space,
    /// comments.
    #[test]
    fn children_in_any_order_and_unknown_elements_skipped_and_reported() {
        let body = ms(concat!(
            "<!-- c --><D:response>\n <X:ext xmlns:X=\"urn:x\"><X:deep>1</X:deep></X:ext>",
            "<D:href>/a</D:href><D:propstat><D:status>HTTP/1.1 404 Not Found</D:status><D:prop><D:b/></D:prop>",
            "<D:responsedescription>gone</D:responsedescription></D:propstat>",
            "<D:location><D:href> /new </D:href></D:location><D:error><D:lock-token-submitted/></D:error>",
            "<D:responsedescription>r</D:responsedescription></D:response>",
            "<D:responsedescription>all <b>of</b> it</D:responsedescription><D:sync-token>\n http://x/sync/2 \n</D:sync-token>",
        ));
        let r = common::read(body.as_bytes()).unwrap_or_else(|e| panic!("{body}: {e}"));
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
    }

    // RFC 6578 truncation: 507 with DAV:number-of-matches-within-limits; RFC 5842: 208.
    good!(
        truncated_507_and_already_reported_208_are_accepted,
        ms(concat!(
            "<D:response><D:href>/c/</D:href><D:status>HTTP/1.1 507 Insufficient Storage</D:status>",
            "<D:error><D:number-of-matches-within-limits/></D:error></D:response>",
            "<D:response><D:href>/c/x</D:href><D:status>HTTP/1.1 208 Already Reported</D:status></D:response>",
        )),
        |r| {
            assert_eq!(r.responses[0].status, Some(507));
            assert_eq!(r.responses[0].error, Some(vec!["{DAV:}number-of-matches-within-limits".to_string()]));
            assert_eq!(r.responses[1].status, Some(208));
        }
    );
}

/// Values: text exact, references expanded, CDATA verbatim, comments dropped, line ends
/// normalised; the status line.
mod values {
    use super::*;

    /// A response for `/` with the status line `line`.
    fn with_status(line: &str) -> String {
        ms(&format!("<D:response><D:href>/</D:href><D:status>{line}</D:status></D:response>"))
    }

    good!(
        text_value_has_references_expanded,
        props("<D:getetag>&quot;x&amp;y&#x41;&#66;&lt;&gt;&apos;&quot;</D:getetag>"),
        |r| assert_eq!(only_prop(r).1, Value::Text("\"x&yAB<>'\"".into()))
    );
    good!(
        cdata_value_is_verbatim_with_line_ends_normalised,
        props("<C:calendar-data xmlns:C=\"urn:c\"><![CDATA[BEGIN:VCALENDAR\r\nX:<&>\r\nEND]]></C:calendar-data>"),
        |r| assert_eq!(only_prop(r).1, Value::Text("BEGIN:VCALENDAR\nX:<&>\nEND".into()))
    );
    good!(
        text_value_drops_comments_and_pis_and_normalises_line_ends,
        props("<D:a> a\r\nb\rc <!-- no --> d<?pi x?> </D:a>"),
        |r| assert_eq!(only_prop(r).1, Value::Text(" a\nb\nc  d ".into()))
    );
    good!(text_value_keeps_non_ascii, props("<D:a>h\u{e9}llo \u{1F600}</D:a>"), |r| {
        assert_eq!(only_prop(r).1, Value::Text("h\u{e9}llo \u{1F600}".into()));
    });
    good!(empty_property_is_empty_text, props("<D:a/>"), |r| assert_eq!(only_prop(r).1, Value::Text(String::new())));

    // The status line: no reason, HTTP/1.0, HTTP/2, white space.
    good!(status_line_without_reason, with_status("HTTP/1.1 200"), |r| assert_eq!(r.responses[0].status, Some(200)));
    good!(status_line_http_1_0_within_white_space, with_status("\n HTTP/1.0 200 OK \n"), |r| {
        assert_eq!(r.responses[0].status, Some(200));
    });
    good!(status_line_http_2, with_status("HTTP/2 200 "), |r| assert_eq!(r.responses[0].status, Some(200)));
    good!(status_line_separated_by_tabs, with_status("HTTP/1.1\t200\tOK"), |r| {
        assert_eq!(r.responses[0].status, Some(200));
    });
}

/// The element views: text without a buffer, children and events for other parsers.
mod views {
    use super::*;

    #[test]
    fn text_api_without_a_buffer() {
        let body = props("<D:displayname>Tom &amp; Jerry<![CDATA[ <3]]></D:displayname>");
        let r = multistatus::responses(body.as_bytes()).unwrap().next().unwrap().unwrap();
        let p = r.propstats().next().unwrap().unwrap().properties().next().unwrap().unwrap();
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
        let p = r.propstats().next().unwrap().unwrap().properties().next().unwrap().unwrap();
        assert!(p.name().is_dav("current-user-privilege-set"));
        assert!(p.inner_raw().starts_with("<D:privilege>"));
        assert!(p.text().is_none());
        let mut names = Vec::new();
        let mut texts = 0;
        for c in p.children() {
            match c.unwrap() {
                Node::Element(priv_) => {
                    for g in priv_.children() {
                        if let Node::Element(g) = g.unwrap() {
                            names.push(g.name().to_string());
                        }
                    }
                }
                Node::Text(t) => {
                    assert!(t.eq_str(" text "));
                    texts += 1;
                }
            }
        }
        assert_eq!(texts, 1, "the text between the privileges");
        // The bindings in scope at each point: A redeclared on the first, inherited on the second.
        assert_eq!(names, ["{urn:acl2}read", "{urn:acl}write"]);
        // The full event walk, with namespaces resolved.
        let starts = p.events().filter(|e| matches!(e, Ok(multistatus::XmlEvent::Start(_)))).count();
        assert_eq!(starts, 5);
    }
}

/// Leniency is never silent: each quirk is reported, counted, refused by the strict options
/// and tolerated by its own switch alone.
mod leniency {
    use super::*;

    quirk!(
        unbound_dav_prefix_is_a_quirk,
        "<D:response><D:href>/</D:href><D:propstat><D:prop><DAV:getetag/></D:prop><D:status>HTTP/1.1 403 Forbidden</D:status></D:propstat></D:response>",
        UnboundDavPrefix,
        UnboundPrefix,
    );
    quirk!(
        propstat_without_status_is_a_quirk,
        "<D:response><D:href>/</D:href><D:propstat><D:prop/></D:propstat></D:response>",
        PropstatWithoutStatus,
        MissingPropstatStatus,
    );
    quirk!(
        propstat_without_prop_is_a_quirk,
        "<D:response><D:href>/</D:href><D:propstat><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>",
        PropstatWithoutProp,
        MissingProp,
    );
    quirk!(
        response_without_status_is_a_quirk,
        "<D:response><D:href>/</D:href></D:response>",
        ResponseWithoutStatus,
        MissingStatus
    );
    strict_bad!(
        strict_response_without_status_is_refused_at_the_response,
        ms("<D:response><D:href>/</D:href></D:response>"),
        MissingStatus,
        At::Marker("<D:response"),
    );
}

/// Capacities: every limit is a positioned error that stops the parser.
mod capacities {
    use super::*;

    /// The first error of a parser with capacities `D`, `NS`, `B`: a limit, after which the
    /// parser stays stopped.
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

    fn deep() -> String {
        props("<D:a><D:b><D:c/></D:b></D:a>")
    }

    #[test]
    fn depth_limit_at_the_first_element_too_deep() {
        let deep = deep();
        let e = first_error::<5, 32, 2048>(&deep);
        assert_eq!((e.kind(), e.offset()), (K::DepthLimit, deep.find("<D:b>").unwrap()));
    }

    #[test]
    fn depth_limit_before_the_end_of_unclosed_elements() {
        assert!(first_error::<32, 32, 2048>(&deep().replace("<D:c/>", &"<x>".repeat(40))).kind() == K::DepthLimit);
    }

    #[test]
    fn namespace_limit_at_the_first_declaration_too_many() {
        let many = props(r#"<D:a xmlns:a="urn:a" xmlns:b="urn:b"/>"#);
        let e = first_error::<32, 2, 2048>(&many);
        assert_eq!((e.kind(), e.offset()), (K::NamespaceLimit, many.find("xmlns:b").unwrap()));
    }

    #[test]
    fn name_storage_limit_at_the_long_name() {
        let long = props(&format!("<D:{0}/>", "n".repeat(100)));
        let e = first_error::<32, 32, 64>(&long);
        assert_eq!((e.kind(), e.offset()), (K::NameStorageLimit, long.find("<D:nnn").unwrap()));
    }

    #[test]
    fn attribute_limit_at_the_first_attribute_too_many() {
        let attrs: String = (0..33).map(|i| format!(" a{i}=\"x\"")).collect();
        let body = props(&format!("<D:a{attrs}/>"));
        let e = first_error::<32, 32, 2048>(&body);
        assert_eq!((e.kind(), e.offset()), (K::AttributeLimit, body.find("a32=").unwrap()));
    }

    /// The response view: H hrefs and P propstats are kept, no limit: those past them are
    /// read again from the body (tests/suite/capacity.rs).
    #[test]
    fn response_view_reads_an_href_past_its_capacity_again() {
        let body =
            ms("<D:response><D:href>/a</D:href><D:href>/b</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response>");
        let mut it = Responses::<'_, 32, 32, 2048, 1, 1>::with_options(body.as_bytes(), Options::default()).unwrap();
        let r = it.next().unwrap().unwrap();
        let hrefs: Vec<_> = r.hrefs().map(|h| h.unwrap().raw()).collect();
        assert_eq!(hrefs, ["/a", "/b"]);
        assert!(it.next().is_none() && it.is_done());
    }
}

/// Errors: they stop the parser, and give a line and a column.
mod errors {
    use super::*;

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
}
