//! The other DAV bodies (issue 18, request half): the checked document and its root view,
//! the request readers and writers (PROPFIND, PROPPATCH, REPORT, LOCK), with the RFC
//! examples, malformed bodies and round trips.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use multistatus::document::{self, Document};
use multistatus::{ErrorKind, Node, Options, QuirkKind};

fn child_elements<'a>(e: &multistatus::Element<'a>) -> Vec<multistatus::Element<'a>> {
    e.children()
        .filter_map(|c| match c.unwrap() {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .collect()
}

#[test]
fn document_root_is_a_view_with_its_bindings() {
    let body = br#"<?xml version="1.0" encoding="utf-8"?>
<!-- a comment -->
<D:propfind xmlns:D="DAV:" xmlns:x="urn:x" a="1"><D:prop><x:p/><D:getetag/></D:prop></D:propfind>
<!-- after -->
"#;
    let root = document::root(body).unwrap();
    assert!(root.name().is_dav("propfind"));
    assert_eq!(root.offset(), 58);
    assert_eq!(&body[root.offset()..root.end()], root.raw().as_bytes());
    assert!(root.raw().ends_with("</D:propfind>"));
    assert!(root.has_child_elements());
    assert_eq!(root.inner_raw(), "<D:prop><x:p/><D:getetag/></D:prop>");
    assert!(root.text().is_none());
    let attrs: Vec<_> = root.attributes().collect();
    assert_eq!(attrs.len(), 1);
    assert_eq!(attrs[0].name.local(), "a");
    let prop = child_elements(&root);
    assert_eq!(prop.len(), 1);
    let names = child_elements(&prop[0]);
    assert!(names[0].name().is("urn:x", "p"));
    assert!(names[1].name().is_dav("getetag"));
}

#[test]
fn document_empty_root_and_text_root() {
    let root = document::root(b"<a/>").unwrap();
    assert_eq!(root.name().local(), "a");
    assert!(root.name().namespace().is_none());
    assert_eq!(root.inner_raw(), "");
    assert_eq!(root.raw(), "<a/>");
    assert_eq!(root.text().unwrap().raw(), "");
    let root = document::root(b"<a xmlns='u'> t&amp;x </a>").unwrap();
    assert!(root.name().is("u", "a"));
    assert_eq!(root.text().unwrap().raw(), " t&amp;x ");
    assert!(!root.has_child_elements());
}

#[test]
fn document_errors_are_positioned() {
    let cases: &[(&[u8], ErrorKind, usize)] = &[
        (b"", ErrorKind::NoRootElement, 0),
        (b"  <!-- c -->  ", ErrorKind::UnexpectedEof, 14),
        (b"<!DOCTYPE html><html/>", ErrorKind::DoctypeNotAllowed, 0),
        (b"<a><b></a>", ErrorKind::MismatchedEndTag, 6),
        (b"<a/><b/>", ErrorKind::ContentAfterRoot, 4),
        (b"<a/>x", ErrorKind::ContentAfterRoot, 4),
        (b"x<a/>", ErrorKind::TextOutsideRoot, 0),
        (b"<a>", ErrorKind::UnexpectedEof, 3),
        (b"<p:a/>", ErrorKind::UnboundPrefix, 0),
        (b"<a>&nbsp;</a>", ErrorKind::InvalidReference, 3),
        (b"<a>\xff</a>", ErrorKind::InvalidUtf8, 3),
        (b"<a x='1' x='2'/>", ErrorKind::DuplicateAttribute, 9),
    ];
    for &(body, kind, offset) in cases {
        let e = document::root(body).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (kind, offset), "{:?}", String::from_utf8_lossy(body));
    }
}

#[test]
fn document_capacities_and_quirks() {
    // Depth 3 allowed, 4 refused.
    let ok = Document::<'_, 3, 4, 256>::with_options(b"<a><b><c/></b></a>", Options::default());
    assert!(ok.is_ok());
    let e = Document::<'_, 3, 4, 256>::with_options(b"<a><b><c><d/></c></b></a>", Options::default()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DepthLimit);
    // The lighttpd quirk: reported, or refused in strict mode.
    let body = b"<DAV:propfind><DAV:allprop/></DAV:propfind>";
    let doc = Document::new(body).unwrap();
    assert!(doc.root().name().is_dav("propfind"));
    assert_eq!(doc.quirks().count(QuirkKind::UnboundDavPrefix), 2);
    assert_eq!(doc.quirks().first_offset(QuirkKind::UnboundDavPrefix), Some(0));
    let e = Document::<'_, 32, 32, 2048>::with_options(body, Options::strict()).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::UnboundPrefix, 0));
}

#[test]
fn document_is_linear_in_a_long_flat_body() {
    // 200,000 children: one checking pass, one walk.
    let mut body = String::from("<r xmlns='u'>");
    for _ in 0..200_000 {
        body.push_str("<c a='1'>t</c>");
    }
    body.push_str("</r>");
    let root = document::root(body.as_bytes()).unwrap();
    assert_eq!(child_elements(&root).len(), 200_000);
}
