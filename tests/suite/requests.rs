//! The other DAV bodies (issue 18, request half): the checked document and its root view,
//! the request readers and writers (PROPFIND, PROPPATCH, REPORT, LOCK), with the RFC
//! examples, malformed bodies and round trips.

use crate::common;

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

// --- request readers: the RFC examples ------------------------------------------------------

use multistatus::request::write::{
    self as rw, LockInfoBody, MultigetBody, PropName, PropfindBody, SyncCollectionBody, Update,
};
use multistatus::request::{
    self, LockInfo, LockScope, Multiget, MultigetKind, Op, Propfind, Proppatch, Request, Selection, SyncCollection,
    SyncLevel,
};
use multistatus::writer::{DavPrefix, SliceSink, WriterOptions};
use multistatus::{Element, Fragment, Text};

/// The unescaped value of a text.
fn value(t: &Text<'_>) -> String {
    t.fragments()
        .map(|f| match f {
            Fragment::Str(s) => s.to_string(),
            Fragment::Char(c) => c.to_string(),
        })
        .collect()
}

/// `(namespace URI, local)` of an element.
fn qname(e: &Element<'_>) -> (String, String) {
    (value(&e.name().namespace().uri()), e.name().local().to_string())
}

fn names<'a>(it: impl Iterator<Item = Result<Element<'a>, multistatus::Error>>) -> Vec<(String, String)> {
    it.map(|e| qname(&e.unwrap())).collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|&(a, b)| (a.to_string(), b.to_string())).collect()
}

const BOX: &str = "http://ns.example.com/boxschema/";

#[test]
fn rfc4918_9_1_3_propfind_named_properties() {
    let body = br#"<?xml version="1.0" encoding="utf-8" ?>
     <D:propfind xmlns:D="DAV:">
       <D:prop xmlns:R="http://ns.example.com/boxschema/">
         <R:bigbox/>
         <R:author/>
         <R:DingALing/>
         <R:Random/>
       </D:prop>
     </D:propfind>"#;
    let p = Propfind::parse(body).unwrap();
    assert_eq!(p.selection(), Selection::Prop);
    assert!(!p.is_empty_body());
    assert_eq!(names(p.props()), pairs(&[(BOX, "bigbox"), (BOX, "author"), (BOX, "DingALing"), (BOX, "Random")]));
    let Request::Propfind(q) = request::parse(body).unwrap().kind else { panic!() };
    assert_eq!(q.props().count(), 4);
}

#[test]
fn rfc4918_9_1_4_propfind_propname() {
    let body = br#"<?xml version="1.0" encoding="utf-8" ?>
     <propfind xmlns="DAV:">
       <propname/>
     </propfind>"#;
    let p = Propfind::parse(body).unwrap();
    assert_eq!(p.selection(), Selection::PropName);
    assert_eq!(p.props().count(), 0);
}

#[test]
fn rfc4918_9_1_5_propfind_allprop_with_include() {
    let body = br#"<?xml version="1.0" encoding="utf-8" ?>
     <D:propfind xmlns:D="DAV:">
       <D:allprop/>
       <D:include>
         <D:supported-live-property-set/>
         <D:supported-report-set/>
       </D:include>
     </D:propfind>"#;
    let p = Propfind::parse(body).unwrap();
    assert_eq!(p.selection(), Selection::AllProp);
    assert_eq!(names(p.props()), pairs(&[("DAV:", "supported-live-property-set"), ("DAV:", "supported-report-set")]));
}

#[test]
fn rfc4918_9_1_6_propfind_allprop() {
    let body = br#"<?xml version="1.0" encoding="utf-8" ?>
     <D:propfind xmlns:D="DAV:">
       <D:allprop/>
     </D:propfind>"#;
    let p = Propfind::parse(body).unwrap();
    assert_eq!(p.selection(), Selection::AllProp);
    assert_eq!(p.props().count(), 0);
    assert!(p.names_element().is_none());
}

#[test]
fn rfc4918_9_1_empty_propfind_body_is_allprop() {
    for body in [&b""[..], b" \r\n\t "] {
        let p = Propfind::parse(body).unwrap();
        assert_eq!(p.selection(), Selection::AllProp);
        assert!(p.is_empty_body() && p.root().is_none());
        assert_eq!(p.props().count(), 0);
    }
    // The dispatch cannot know the method: no root.
    assert_eq!(request::parse(b"").unwrap_err().kind(), ErrorKind::NoRootElement);
}

/// A body of a UTF-8 BOM alone (or with white space after it) is empty too: the BOM is the
/// encoding's signature, not content (the reader skips it). It was `NoRootElement`.
#[test]
fn a_propfind_body_of_a_bom_alone_is_empty() {
    for body in [&b"\xEF\xBB\xBF"[..], b"\xEF\xBB\xBF \r\n"] {
        let p = Propfind::parse(body).unwrap();
        assert_eq!(p.selection(), Selection::AllProp);
        assert!(p.is_empty_body() && p.root().is_none());
    }
    // A BOM not at the start is no signature: the reader's error.
    assert_eq!(Propfind::parse(b" \xEF\xBB\xBF").unwrap_err().kind(), ErrorKind::TextOutsideRoot);
}

#[test]
fn rfc4918_9_2_2_proppatch() {
    let body = br#"<?xml version="1.0" encoding="utf-8" ?>
     <D:propertyupdate xmlns:D="DAV:"
             xmlns:Z="http://ns.example.com/standards/z39.50/">
       <D:set>
         <D:prop>
           <Z:Authors>
             <Z:Author>Jim Whitehead</Z:Author>
             <Z:Author>Roy Fielding</Z:Author>
           </Z:Authors>
         </D:prop>
       </D:set>
       <D:remove>
         <D:prop><Z:Copyright-Owner/></D:prop>
       </D:remove>
     </D:propertyupdate>"#;
    let p = Proppatch::parse(body).unwrap();
    let all: Vec<_> = p.instructions().map(Result::unwrap).collect();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].op, Op::Set);
    assert!(all[0].property.name().is("http://ns.example.com/standards/z39.50/", "Authors"));
    // The value's children resolve with the root's bindings.
    let authors: Vec<_> = child_elements(&all[0].property)
        .iter()
        .map(|a| (a.name().is("http://ns.example.com/standards/z39.50/", "Author"), a.text().unwrap().raw()))
        .collect();
    assert_eq!(authors, [(true, "Jim Whitehead"), (true, "Roy Fielding")]);
    assert!(all[0].property.inner_raw().trim().starts_with("<Z:Author>Jim"));
    assert_eq!(all[1].op, Op::Remove);
    assert_eq!(all[1].property.name().local(), "Copyright-Owner");
    assert_eq!(all[1].property.inner_raw(), "");
}

#[test]
fn proppatch_instructions_keep_document_order_across_groups() {
    let body = br#"<D:propertyupdate xmlns:D="DAV:"><D:remove><D:prop><D:a/><D:b/></D:prop></D:remove>
      <D:set><D:prop><D:c>1</D:c></D:prop></D:set><D:remove><D:prop><D:d/></D:prop></D:remove>
      </D:propertyupdate>"#;
    let ops: Vec<_> = Proppatch::parse(body)
        .unwrap()
        .instructions()
        .map(|i| {
            let i = i.unwrap();
            (i.op, i.property.name().local())
        })
        .collect();
    assert_eq!(ops, [(Op::Remove, "a"), (Op::Remove, "b"), (Op::Set, "c"), (Op::Remove, "d")]);
}

#[test]
fn rfc4918_9_10_7_lock_request() {
    let body = br#"<?xml version="1.0" encoding="utf-8" ?>
     <D:lockinfo xmlns:D='DAV:'>
       <D:lockscope><D:exclusive/></D:lockscope>
       <D:locktype><D:write/></D:locktype>
       <D:owner>
            <D:href>http://example.org/~ejw/contact.html</D:href>
       </D:owner>
     </D:lockinfo>"#;
    let l = LockInfo::parse(body).unwrap();
    assert_eq!(l.scope(), LockScope::Exclusive);
    let owner = l.owner().unwrap();
    let href = &child_elements(owner)[0];
    assert!(href.name().is_dav("href"));
    assert_eq!(href.text().unwrap().raw(), "http://example.org/~ejw/contact.html");
    let shared = br#"<D:lockinfo xmlns:D="DAV:"><D:locktype><D:write/></D:locktype>
      <D:lockscope><D:shared/></D:lockscope></D:lockinfo>"#;
    let l = LockInfo::parse(shared).unwrap();
    assert_eq!(l.scope(), LockScope::Shared);
    assert!(l.owner().is_none());
}

#[test]
fn rfc6578_3_8_initial_sync() {
    let body = br#"<?xml version="1.0" encoding="utf-8" ?>
   <D:sync-collection xmlns:D="DAV:">
     <D:sync-token/>
     <D:sync-level>1</D:sync-level>
     <D:prop xmlns:R="urn:ns.example.com:boxschema">
       <D:getetag/>
       <R:bigbox/>
     </D:prop>
   </D:sync-collection>"#;
    let s = SyncCollection::parse(body).unwrap();
    assert_eq!(s.token().raw(), "");
    assert_eq!(s.level(), SyncLevel::One);
    assert_eq!(s.limit(), None);
    assert_eq!(names(s.props()), pairs(&[("DAV:", "getetag"), ("urn:ns.example.com:boxschema", "bigbox")]));
}

#[test]
fn rfc6578_3_9_subsequent_sync_and_3_10_limit() {
    let body = br#"<?xml version="1.0" encoding="utf-8" ?>
   <D:sync-collection xmlns:D="DAV:">
     <D:sync-token
       >http://example.com/ns/sync/1234</D:sync-token>
     <D:sync-level>infinite</D:sync-level>
     <D:limit>
       <D:nresults>100</D:nresults>
     </D:limit>
     <D:prop>
       <D:getetag/>
     </D:prop>
   </D:sync-collection>"#;
    let s = SyncCollection::parse(body).unwrap();
    assert_eq!(s.token().raw(), "http://example.com/ns/sync/1234");
    assert_eq!(s.level(), SyncLevel::Infinite);
    assert_eq!(s.limit(), Some(100));
    assert_eq!(names(s.props()), pairs(&[("DAV:", "getetag")]));
}

#[test]
fn rfc4791_7_9_calendar_multiget() {
    let body = br#"<?xml version="1.0" encoding="utf-8" ?>
   <C:calendar-multiget xmlns:D="DAV:"
                    xmlns:C="urn:ietf:params:xml:ns:caldav">
     <D:prop>
       <D:getetag/>
       <C:calendar-data/>
     </D:prop>
     <D:href>/bernard/work/abcd1.ics</D:href>
     <D:href>/bernard/work/mtg1.ics</D:href>
   </C:calendar-multiget>"#;
    let m = Multiget::parse(body).unwrap();
    assert_eq!(m.kind(), MultigetKind::Calendar);
    assert_eq!(m.selection(), Some(Selection::Prop));
    assert_eq!(names(m.props()), pairs(&[("DAV:", "getetag"), (request::CALDAV, "calendar-data")]));
    let hrefs: Vec<_> = m.hrefs().map(|h| h.unwrap().raw()).collect();
    assert_eq!(hrefs, ["/bernard/work/abcd1.ics", "/bernard/work/mtg1.ics"]);
}

#[test]
fn rfc6352_8_7_addressbook_multiget() {
    let body = br#"<?xml version="1.0" encoding="utf-8" ?>
   <C:addressbook-multiget xmlns:D="DAV:"
                      xmlns:C="urn:ietf:params:xml:ns:carddav">
     <D:prop>
       <D:getetag/>
       <C:address-data>
         <C:prop name="VERSION"/>
         <C:prop name="UID"/>
         <C:prop name="NICKNAME"/>
         <C:prop name="EMAIL"/>
         <C:prop name="FN"/>
       </C:address-data>
     </D:prop>
     <D:href>/home/bernard/addressbook/vcf102.vcf</D:href>
     <D:href>/home/bernard/addressbook/vcf1.vcf</D:href>
   </C:addressbook-multiget>"#;
    let Request::Multiget(m) = request::parse(body).unwrap().kind else { panic!() };
    assert_eq!(m.kind(), MultigetKind::Addressbook);
    let props: Vec<_> = m.props().map(Result::unwrap).collect();
    assert_eq!(props.len(), 2);
    let data: Vec<_> = child_elements(&props[1]).iter().map(|p| p.attributes().next().unwrap().value.raw()).collect();
    assert_eq!(data, ["VERSION", "UID", "NICKNAME", "EMAIL", "FN"]);
    assert_eq!(m.hrefs().count(), 2);
}

#[test]
fn other_reports_hand_over_their_root() {
    let body = br#"<C:calendar-query xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:D="DAV:">
      <D:prop><D:getetag/></D:prop><C:filter><C:comp-filter name="VCALENDAR"/></C:filter>
    </C:calendar-query>"#;
    let parsed = request::parse(body).unwrap();
    let Request::Other(root) = &parsed.kind else { panic!() };
    assert!(root.name().is(request::CALDAV, "calendar-query"));
    assert_eq!(child_elements(root).len(), 2);
    assert!(parsed.kind.root().is_some());
    assert!(!request::is_request_root(&root.name()));
}

#[test]
fn unknown_children_are_skipped_and_quirks_reported() {
    let body =
        br#"<DAV:propfind xmlns:x="urn:x"><x:hint/><DAV:future/><DAV:prop><DAV:getetag/></DAV:prop></DAV:propfind>"#;
    let parsed = request::parse(body).unwrap();
    assert_eq!(parsed.quirks.count(QuirkKind::UnboundDavPrefix), 4);
    let Request::Propfind(p) = parsed.kind else { panic!() };
    assert_eq!(names(p.props()), pairs(&[("DAV:", "getetag")]));
    let e = request::parse_with_options::<32, 32, 2048>(body, Options::strict()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnboundPrefix);
}

// --- malformed request bodies ----------------------------------------------------------------

/// `(body, kind, where: the byte offset of the first occurrence of this marker)`.
fn expect_error(result: Result<(), multistatus::Error>, body: &str, kind: ErrorKind, at: &str) {
    let e = result.unwrap_err();
    let offset = body.find(at).unwrap_or_else(|| panic!("marker {at:?} not in {body}"));
    assert_eq!((e.kind(), e.offset()), (kind, offset), "{body}");
}

#[test]
fn malformed_propfind_bodies() {
    let d = r#"<D:propfind xmlns:D="DAV:">"#;
    let cases: &[(String, ErrorKind, &str)] = &[
        (format!("{d}<D:include/></D:propfind>"), ErrorKind::MissingElement, "<D:propfind"),
        (format!("{d}<D:allprop/><D:prop/></D:propfind>"), ErrorKind::ConflictingElements, "<D:prop/>"),
        (format!("{d}<D:prop/><D:propname/></D:propfind>"), ErrorKind::ConflictingElements, "<D:propname/>"),
        (format!("{d}<D:propname/><D:include/></D:propfind>"), ErrorKind::ConflictingElements, "<D:include/>"),
        (format!("{d}<D:prop/><D:prop/></D:propfind>"), ErrorKind::DuplicateElement, "<D:prop/></"),
        (format!("{d}x<D:allprop/></D:propfind>"), ErrorKind::UnexpectedText, "x<"),
        (format!("{d}<D:prop>y<D:a/></D:prop></D:propfind>"), ErrorKind::UnexpectedText, "y<"),
        (format!("{d}<D:prop><D:a/></D:propfind>"), ErrorKind::MismatchedEndTag, "</D:propfind>"),
        (r#"<D:multistatus xmlns:D="DAV:"/>"#.to_string(), ErrorKind::UnexpectedRoot, "<D:multistatus"),
        (r#"<propfind><allprop/></propfind>"#.to_string(), ErrorKind::UnexpectedRoot, "<propfind"),
        ("<!DOCTYPE html><html></html>".to_string(), ErrorKind::DoctypeNotAllowed, "<!DOCTYPE"),
    ];
    for (body, kind, at) in cases {
        expect_error(Propfind::parse(body.as_bytes()).map(|_| ()), body, *kind, at);
    }
}

#[test]
fn malformed_proppatch_bodies() {
    let d = r#"<D:propertyupdate xmlns:D="DAV:">"#;
    let e = "</D:propertyupdate>";
    let cases: &[(String, ErrorKind, &str)] = &[
        (format!("{d}{e}"), ErrorKind::MissingElement, "<D:propertyupdate"),
        (format!("{d}<D:unknown/>{e}"), ErrorKind::MissingElement, "<D:propertyupdate"),
        (format!("{d}<D:set/>{e}"), ErrorKind::MissingElement, "<D:set/>"),
        (format!("{d}<D:set><D:prop/><D:prop/></D:set>{e}"), ErrorKind::DuplicateElement, "<D:prop/></"),
        (format!("{d}<D:remove><D:prop>t</D:prop></D:remove>{e}"), ErrorKind::UnexpectedText, "t</"),
        (format!("{d}<D:set>t<D:prop/></D:set>{e}"), ErrorKind::UnexpectedText, "t<"),
    ];
    for (body, kind, at) in cases {
        expect_error(Proppatch::parse(body.as_bytes()).map(|_| ()), body, *kind, at);
    }
}

#[test]
fn malformed_lockinfo_bodies() {
    let d = r#"<D:lockinfo xmlns:D="DAV:">"#;
    let e = "</D:lockinfo>";
    let w = "<D:locktype><D:write/></D:locktype>";
    let x = "<D:lockscope><D:exclusive/></D:lockscope>";
    let cases: &[(String, ErrorKind, &str)] = &[
        (format!("{d}{w}{e}"), ErrorKind::MissingElement, "<D:lockinfo"),
        (format!("{d}{x}{e}"), ErrorKind::MissingElement, "<D:lockinfo"),
        (format!("{d}{x}<D:locktype/>{e}"), ErrorKind::MissingElement, "<D:locktype/>"),
        (format!("{d}<D:lockscope/>{w}{e}"), ErrorKind::MissingElement, "<D:lockscope/>"),
        (
            format!("{d}<D:lockscope><D:exclusive/><D:shared/></D:lockscope>{w}{e}"),
            ErrorKind::ConflictingElements,
            "<D:shared/>",
        ),
        (format!("{d}{x}{x}{w}{e}"), ErrorKind::DuplicateElement, "<D:lockscope><D:exclusive/></D:lockscope><D:lockt"),
        (format!("{d}{x}{w}<D:owner/><D:owner/>{e}"), ErrorKind::DuplicateElement, "<D:owner/></"),
    ];
    for (body, kind, at) in cases {
        expect_error(LockInfo::parse(body.as_bytes()).map(|_| ()), body, *kind, at);
    }
}

/// The same scope twice in `lockscope` is a duplicate, as `write` twice in `locktype` is (and
/// as the docs say); only `exclusive` with `shared` conflict. It was `ConflictingElements`.
#[test]
fn a_scope_given_twice_is_a_duplicate_not_a_conflict() {
    let d = r#"<D:lockinfo xmlns:D="DAV:">"#;
    let w = "<D:locktype><D:write/></D:locktype></D:lockinfo>";
    for scope in ["exclusive", "shared"] {
        let body = format!("{d}<D:lockscope><D:{scope}/><D:{scope}/></D:lockscope>{w}");
        expect_error(
            LockInfo::parse(body.as_bytes()).map(|_| ()),
            &body,
            ErrorKind::DuplicateElement,
            &format!("<D:{scope}/></D:lockscope>"),
        );
    }
}

#[test]
fn malformed_sync_collection_bodies() {
    let d = r#"<D:sync-collection xmlns:D="DAV:">"#;
    let e = "</D:sync-collection>";
    let t = "<D:sync-token>tok</D:sync-token>";
    let l = "<D:sync-level>1</D:sync-level>";
    let p = "<D:prop/>";
    let cases: &[(String, ErrorKind, &str)] = &[
        (format!("{d}{l}{p}{e}"), ErrorKind::MissingElement, "<D:sync-collection"),
        (format!("{d}{t}{l}{e}"), ErrorKind::MissingElement, "<D:sync-collection"),
        (format!("{d}{t}<D:sync-level> 2 </D:sync-level>{p}{e}"), ErrorKind::InvalidElementValue, "2 <"),
        (format!("{d}<D:sync-token><D:href/></D:sync-token>{l}{p}{e}"), ErrorKind::UnexpectedElement, "<D:href/>"),
        (format!("{d}{t}{l}<D:limit/>{p}{e}"), ErrorKind::MissingElement, "<D:limit/>"),
        (format!("{d}{t}{l}<D:limit><D:nresults>0</D:nresults></D:limit>{p}{e}"), ErrorKind::InvalidElementValue, "0<"),
        (
            format!("{d}{t}{l}<D:limit><D:nresults>-1</D:nresults></D:limit>{p}{e}"),
            ErrorKind::InvalidElementValue,
            "-1<",
        ),
        (
            format!("{d}{t}{l}<D:limit><D:nresults>4294967296</D:nresults></D:limit>{p}{e}"),
            ErrorKind::InvalidElementValue,
            "4294967296",
        ),
        (
            format!("{d}{t}{l}<D:limit><D:nresults>&#x2B;1</D:nresults></D:limit>{p}{e}"),
            ErrorKind::InvalidElementValue,
            "&#x2B;1",
        ),
        (format!("{d}{t}{t}{l}{p}{e}"), ErrorKind::DuplicateElement, "<D:sync-token>tok</D:sync-token><D:sync-level"),
    ];
    for (body, kind, at) in cases {
        expect_error(SyncCollection::parse(body.as_bytes()).map(|_| ()), body, *kind, at);
    }
    let ok = format!("{d}{t}{l}<D:limit><D:nresults> 4294967295 </D:nresults></D:limit>{p}{e}");
    assert_eq!(SyncCollection::parse(ok.as_bytes()).unwrap().limit(), Some(u32::MAX));
}

#[test]
fn malformed_multiget_bodies() {
    let d = r#"<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">"#;
    let e = "</C:calendar-multiget>";
    let cases: &[(String, ErrorKind, &str)] = &[
        (format!("{d}<D:prop/>{e}"), ErrorKind::MissingElement, "<C:calendar-multiget"),
        (format!("{d}<D:href>/a<D:b/></D:href>{e}"), ErrorKind::UnexpectedElement, "<D:b/>"),
        (format!("{d}<D:allprop/><D:prop/><D:href>/a</D:href>{e}"), ErrorKind::ConflictingElements, "<D:prop/>"),
        (format!("{d}<D:prop>t</D:prop><D:href>/a</D:href>{e}"), ErrorKind::UnexpectedText, "t</"),
        (r#"<C:calendar-multiget xmlns:C="urn:other"/>"#.to_string(), ErrorKind::UnexpectedRoot, "<C:"),
    ];
    for (body, kind, at) in cases {
        expect_error(Multiget::parse(body.as_bytes()).map(|_| ()), body, *kind, at);
    }
    let no_selection = format!("{d}<D:href> /a </D:href>{e}");
    let m = Multiget::parse(no_selection.as_bytes()).unwrap();
    assert_eq!(m.selection(), None);
    assert_eq!(m.hrefs().next().unwrap().unwrap().raw(), "/a");
}

// --- writers -------------------------------------------------------------------------------

fn write_to(
    f: impl FnOnce(SliceSink<'_>) -> Result<SliceSink<'_>, multistatus::Error>,
) -> Result<String, multistatus::Error> {
    let mut buf = vec![0u8; 1 << 16];
    let n = f(SliceSink::new(&mut buf))?.len();
    Ok(String::from_utf8(buf[..n].to_vec()).unwrap())
}

#[test]
fn writers_write_the_rfc_shapes() {
    let opts = WriterOptions::new().xml_declaration(false);
    let z = "http://ns.example.com/standards/z39.50/";
    let zopts =
        WriterOptions::new().xml_declaration(false).namespaces(&[("Z", "http://ns.example.com/standards/z39.50/")]);
    let updates = [
        Update {
            op: Op::Set,
            name: PropName::new(z, "Authors"),
            raw: "<Z:Author xmlns:Z=\"http://ns.example.com/standards/z39.50/\">Jim</Z:Author>",
        },
        Update { op: Op::Remove, name: PropName::new(z, "Copyright-Owner"), raw: "" },
    ];
    let out = write_to(|s| rw::proppatch(s, zopts, &updates)).unwrap();
    assert_eq!(
        out,
        "<D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"http://ns.example.com/standards/z39.50/\"><D:set><D:prop>\
         <Z:Authors><Z:Author xmlns:Z=\"http://ns.example.com/standards/z39.50/\">Jim</Z:Author></Z:Authors>\
         </D:prop></D:set><D:remove><D:prop><Z:Copyright-Owner/></D:prop></D:remove></D:propertyupdate>"
    );
    let body = LockInfoBody { scope: LockScope::Shared, owner: Some("<D:href>mailto:a@b</D:href>") };
    let out = write_to(|s| rw::lockinfo(s, opts, &body)).unwrap();
    assert_eq!(
        out,
        "<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:shared/></D:lockscope><D:locktype><D:write/></D:locktype>\
         <D:owner><D:href>mailto:a@b</D:href></D:owner></D:lockinfo>"
    );
    let props = [PropName::new("DAV:", "getetag")];
    let body = SyncCollectionBody { token: "", level: SyncLevel::One, limit: Some(100), props: &props };
    let out = write_to(|s| rw::sync_collection(s, opts.dav_prefix(DavPrefix::Default), &body)).unwrap();
    assert_eq!(
        out,
        "<sync-collection xmlns=\"DAV:\"><sync-token/><sync-level>1</sync-level><limit><nresults>100</nresults>\
         </limit><prop><getetag/></prop></sync-collection>"
    );
    let body = MultigetBody {
        kind: MultigetKind::Calendar,
        selection: Some(Selection::Prop),
        props: &[PropName::new("DAV:", "getetag"), PropName::new(request::CALDAV, "calendar-data")],
        hrefs: &["/a.ics", "/b&c.ics"],
    };
    let out = write_to(|s| rw::multiget(s, opts.indent(1), &body)).unwrap();
    assert_eq!(
        out,
        "<ns0:calendar-multiget xmlns:D=\"DAV:\" xmlns:ns0=\"urn:ietf:params:xml:ns:caldav\">\n <D:prop>\n  \
         <D:getetag/>\n  <ns0:calendar-data xmlns:ns0=\"urn:ietf:params:xml:ns:caldav\"/>\n </D:prop>\n \
         <D:href>/a.ics</D:href>\n <D:href>/b&amp;c.ics</D:href>\n</ns0:calendar-multiget>"
    );
    let m = Multiget::parse(out.as_bytes()).unwrap();
    assert_eq!(value(&m.hrefs().nth(1).unwrap().unwrap()), "/b&c.ics");
}

#[test]
fn writers_refuse_what_would_not_read_back() {
    let opts = WriterOptions::new();
    let kind = |r: Result<String, multistatus::Error>| r.unwrap_err().kind();
    let bad_name = [PropName::new("DAV:", "a b")];
    let pf = |props, selection| PropfindBody { selection, props };
    assert_eq!(kind(write_to(|s| rw::propfind(s, opts, &pf(&bad_name, Selection::Prop)))), ErrorKind::InvalidName);
    let ok = [PropName::new("DAV:", "a")];
    assert_eq!(
        kind(write_to(|s| rw::propfind(s, opts, &pf(&ok, Selection::PropName)))),
        ErrorKind::ConflictingElements
    );
    let xmlns = [PropName::new("http://www.w3.org/2000/xmlns/", "a")];
    assert_eq!(kind(write_to(|s| rw::propfind(s, opts, &pf(&xmlns, Selection::Prop)))), ErrorKind::InvalidName);
    assert_eq!(kind(write_to(|s| rw::proppatch(s, opts, &[]))), ErrorKind::MissingElement);
    let unbound = [Update { op: Op::Set, name: PropName::new("urn:x", "a"), raw: "<p:q/>" }];
    assert_eq!(kind(write_to(|s| rw::proppatch(s, opts, &unbound))), ErrorKind::UnboundPrefix);
    let unclosed = [Update { op: Op::Set, name: PropName::new("urn:x", "a"), raw: "<D:q>" }];
    assert_eq!(kind(write_to(|s| rw::proppatch(s, opts, &unclosed))), ErrorKind::UnexpectedEof);
    let sc = |token, limit| SyncCollectionBody { token, level: SyncLevel::One, limit, props: &[] };
    assert_eq!(kind(write_to(|s| rw::sync_collection(s, opts, &sc(" t", None)))), ErrorKind::UntrimmedValue);
    assert_eq!(kind(write_to(|s| rw::sync_collection(s, opts, &sc("t", Some(0))))), ErrorKind::InvalidElementValue);
    assert_eq!(kind(write_to(|s| rw::sync_collection(s, opts, &sc("t\u{1}", None)))), ErrorKind::InvalidChar);
    let mg = |hrefs, selection| MultigetBody { kind: MultigetKind::Addressbook, selection, props: &[], hrefs };
    assert_eq!(kind(write_to(|s| rw::multiget(s, opts, &mg(&[], None)))), ErrorKind::MissingElement);
    assert_eq!(kind(write_to(|s| rw::multiget(s, opts, &mg(&["/a\n"], None)))), ErrorKind::UntrimmedValue);
    let lk = LockInfoBody { scope: LockScope::Exclusive, owner: Some("<a>") };
    assert_eq!(kind(write_to(|s| rw::lockinfo(s, opts, &lk))), ErrorKind::UnexpectedEof);
    // A refusal writes nothing; a buffer too small is an error, never a cut body.
    let mut small = [0u8; 40];
    let e = rw::lockinfo(SliceSink::new(&mut small), opts, &LockInfoBody { scope: LockScope::Shared, owner: None });
    assert_eq!(e.unwrap_err().kind(), ErrorKind::BufferTooSmall);
    // Options are checked as the multistatus writer checks them.
    let bad = WriterOptions::new().dav_prefix(DavPrefix::Named("xml"));
    assert_eq!(kind(write_to(|s| rw::lockinfo(s, bad, &lk))), ErrorKind::InvalidName);
}

// --- round trips: read(write(m)) == m ---------------------------------------------------------

use arbtest::arbitrary::{Result as ArbResult, Unstructured};

pub(crate) const CASES: u32 = 10_000;

/// An owned request: what a reader gives, what a writer takes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Model {
    Propfind(Selection, Vec<(String, String)>),
    Proppatch(Vec<(Op, (String, String), String)>),
    Lock(LockScope, Option<String>),
    Sync(String, SyncLevel, Option<u32>, Vec<(String, String)>),
    Multiget(MultigetKind, Option<Selection>, Vec<(String, String)>, Vec<String>),
}

fn pick(u: &mut Unstructured<'_>, pool: &[&str], valid: bool) -> ArbResult<String> {
    // Mostly from the pool; now and then any string (which the writer may refuse), unless
    // only valid values are wanted.
    if !valid && u.ratio(1, 12)? { Ok(u.arbitrary::<String>()?) } else { Ok(u.choose(pool)?.to_string()) }
}

/// The raw values of `RAWS` that are well-formed content without an outside prefix: valid
/// with any DAV prefix.
pub(crate) const VALID_RAWS: &[&str] = &[
    "",
    "text",
    " ",
    "<x:y xmlns:x='urn:y'>v</x:y>",
    "a &amp; b &#x10000;",
    "<![CDATA[<x>]]>",
    "<!-- c --><?pi x?>",
    "<a xmlns=\"urn:z\"><b/></a>",
    "\r\n",
];

const NAMESPACES: &[&str] = &["DAV:", "", "urn:x", BOX, "urn:ietf:params:xml:ns:caldav", "a&b\"<c>\t'"];
const LOCALS: &[&str] = &["getetag", "prop", "a", "x-y.z", "é_1", "href", "set"];
const TEXTS: &[&str] = &["", "/a/b.ics", "http://example.com/ns/sync/1234", "a&b<c>d", "x\ry", "a]]>b", "é\u{10000}"];
const RAWS: &[&str] = &[
    "",
    "text",
    " ",
    "<D:href>/a</D:href>",
    "<x:y xmlns:x='urn:y'>v</x:y>",
    "a &amp; b &#x10000;",
    "<![CDATA[<x>]]>",
    "<!-- c --><?pi x?>",
    "<unclosed>",
    "<p:q/>",
    "<a xmlns=\"urn:z\"><b/></a>",
    "\r\n",
];

fn names_of(u: &mut Unstructured<'_>, valid: bool) -> ArbResult<Vec<(String, String)>> {
    let n = u.int_in_range(0..=4)?;
    (0..n).map(|_| Ok((pick(u, NAMESPACES, valid)?, pick(u, LOCALS, valid)?))).collect()
}

fn selection_of(u: &mut Unstructured<'_>) -> ArbResult<Selection> {
    Ok(*u.choose(&[Selection::AllProp, Selection::PropName, Selection::Prop])?)
}

/// A model; with `valid`, only values the writer must write (the structure is made valid
/// by [`make_valid`]).
fn model(u: &mut Unstructured<'_>, valid: bool) -> ArbResult<Model> {
    let raws = if valid { VALID_RAWS } else { RAWS };
    Ok(match u.int_in_range(0..=4)? {
        0 => Model::Propfind(selection_of(u)?, names_of(u, valid)?),
        1 => {
            let n = u.int_in_range(0..=5)?;
            let ops = (0..n)
                .map(|_| {
                    let op = if u.arbitrary()? { Op::Set } else { Op::Remove };
                    Ok((op, (pick(u, NAMESPACES, valid)?, pick(u, LOCALS, valid)?), pick(u, raws, valid)?))
                })
                .collect::<ArbResult<_>>()?;
            Model::Proppatch(ops)
        }
        2 => {
            let scope = if u.arbitrary()? { LockScope::Exclusive } else { LockScope::Shared };
            Model::Lock(scope, if u.arbitrary()? { Some(pick(u, raws, valid)?) } else { None })
        }
        3 => {
            let level = if u.arbitrary()? { SyncLevel::One } else { SyncLevel::Infinite };
            let limit = if u.arbitrary()? { Some(*u.choose(&[0, 1, 100, u32::MAX])?) } else { None };
            Model::Sync(pick(u, TEXTS, valid)?, level, limit, names_of(u, valid)?)
        }
        _ => {
            let kind = if u.arbitrary()? { MultigetKind::Calendar } else { MultigetKind::Addressbook };
            let sel = if u.arbitrary()? { Some(selection_of(u)?) } else { None };
            let n = u.int_in_range(0..=3)?;
            let hrefs = (0..n).map(|_| pick(u, TEXTS, valid)).collect::<ArbResult<_>>()?;
            Model::Multiget(kind, sel, names_of(u, valid)?, hrefs)
        }
    })
}

/// The model with its structure made one the writer must write: no names with `propname` (or
/// without a multiget's `prop`), an update and an href at least, a limit of 1 or more.
fn make_valid(m: Model) -> Model {
    match m {
        Model::Propfind(Selection::PropName, _) => Model::Propfind(Selection::PropName, Vec::new()),
        Model::Proppatch(ops) if ops.is_empty() => {
            Model::Proppatch(vec![(Op::Set, ("urn:x".into(), "a".into()), "v".into())])
        }
        Model::Sync(t, l, Some(0), n) => Model::Sync(t, l, Some(1), n),
        Model::Multiget(k, s, n, mut h) => {
            if h.is_empty() {
                h.push("/x".into());
            }
            let n = if s == Some(Selection::Prop) { n } else { Vec::new() };
            Model::Multiget(k, s, n, h)
        }
        m => m,
    }
}

fn prop_names(v: &[(String, String)]) -> Vec<PropName<'_>> {
    v.iter().map(|(ns, l)| PropName::new(ns, l)).collect()
}

fn write_model(m: &Model, opts: WriterOptions<'_>) -> Result<String, multistatus::Error> {
    match m {
        Model::Propfind(selection, names) => {
            let props = prop_names(names);
            write_to(|s| rw::propfind(s, opts, &PropfindBody { selection: *selection, props: &props }))
        }
        Model::Proppatch(ops) => {
            let updates: Vec<_> =
                ops.iter().map(|(op, (ns, l), raw)| Update { op: *op, name: PropName::new(ns, l), raw }).collect();
            write_to(|s| rw::proppatch(s, opts, &updates))
        }
        Model::Lock(scope, owner) => {
            write_to(|s| rw::lockinfo(s, opts, &LockInfoBody { scope: *scope, owner: owner.as_deref() }))
        }
        Model::Sync(token, level, limit, names) => {
            let props = prop_names(names);
            let body = SyncCollectionBody { token, level: *level, limit: *limit, props: &props };
            write_to(|s| rw::sync_collection(s, opts, &body))
        }
        Model::Multiget(kind, selection, names, hrefs) => {
            let props = prop_names(names);
            let hrefs: Vec<&str> = hrefs.iter().map(String::as_str).collect();
            let body = MultigetBody { kind: *kind, selection: *selection, props: &props, hrefs: &hrefs };
            write_to(|s| rw::multiget(s, opts, &body))
        }
    }
}

/// Reads a body back into a model (strict options: nothing the writer writes is a quirk).
fn read_model(body: &[u8]) -> Result<Model, multistatus::Error> {
    let parsed = request::parse_with_options::<32, 32, 2048>(body, Options::strict())?;
    let collect = |it: request::Elements<'_>| -> Result<Vec<(String, String)>, multistatus::Error> {
        it.map(|e| e.map(|e| qname(&e))).collect()
    };
    Ok(match parsed.kind {
        Request::Propfind(p) => Model::Propfind(p.selection(), collect(p.props())?),
        Request::Proppatch(p) => Model::Proppatch(
            p.instructions()
                .map(|i| i.map(|i| (i.op, qname(&i.property), i.property.inner_raw().to_string())))
                .collect::<Result<_, _>>()?,
        ),
        Request::LockInfo(l) => Model::Lock(l.scope(), l.owner().map(|o| o.inner_raw().to_string())),
        Request::SyncCollection(s) => Model::Sync(value(&s.token()), s.level(), s.limit(), collect(s.props())?),
        Request::Multiget(m) => Model::Multiget(
            m.kind(),
            m.selection(),
            collect(m.props())?,
            m.hrefs().map(|h| h.map(|h| value(&h))).collect::<Result<_, _>>()?,
        ),
        other => panic!("not a request this module reads: {other:?}"),
    })
}

/// The writer's options: DAV prefix (`D`, `ns0`, default), XML declaration, indentation,
/// extra root namespaces.
fn knobs(u: &mut Unstructured<'_>) -> ArbResult<(u8, bool, u8, bool)> {
    Ok((u.int_in_range(0..=2)?, u.arbitrary()?, *u.choose(&[0u8, 2])?, u.arbitrary()?))
}

#[test]
fn request_writers_read_back_identically() {
    let (mut written, mut refused) = (0u32, 0u32);
    let mut run_one = |s: u64| {
        arbtest::arbtest(|u| {
            let m = model(u, false)?;
            let (dav, decl, indent, extra) = knobs(u)?;
            let dav = match dav {
                0 => DavPrefix::Named("D"),
                1 => DavPrefix::Named("ns0"),
                _ => DavPrefix::Default,
            };
            let extra_ns: &[(&str, &str)] =
                if extra { &[("C", "urn:ietf:params:xml:ns:caldav"), ("x", "urn:x")] } else { &[] };
            let opts = WriterOptions::new().dav_prefix(dav).xml_declaration(decl).indent(indent).namespaces(extra_ns);
            match write_model(&m, opts) {
                Ok(body) => {
                    let back = read_model(body.as_bytes()).unwrap_or_else(|e| panic!("{e} in {body}\nfrom {m:?}"));
                    assert_eq!(back, m, "{body}");
                    written += 1;
                }
                Err(_) => refused += 1,
            }
            Ok(())
        })
        .seed(s)
        .run();
    };
    for i in 0..CASES {
        run_one(common::seed(18, i));
    }
    println!("written {written}, refused {refused}");
    assert_eq!(written + refused, CASES);
    // Most models are writable: the property is not vacuous.
    assert!(written > CASES / 2, "only {written} of {CASES} written");
}

// --- cost: linear in long bodies ---------------------------------------------------------------

/// Long request bodies of `n` items, each read whole: a PROPFIND whose names each declare their
/// namespace, a PROPPATCH of `n` `set` groups, a multiget of `n` hrefs. Returns the items seen
/// and the time the reading took (the bodies' building left out).
fn read_long_requests(n: usize) -> (usize, std::time::Duration) {
    let mut pf = String::from(r#"<D:propfind xmlns:D="DAV:"><D:prop>"#);
    let mut pp = String::from(r#"<D:propertyupdate xmlns:D="DAV:" xmlns:z="urn:z">"#);
    let mut mg = String::from(
        r#"<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop>"#,
    );
    for i in 0..n {
        pf.push_str(&format!(r#"<x{i}:p xmlns:x{i}="urn:{i}"/>"#));
        pp.push_str(&format!("<D:set><D:prop><z:p{i}>v<z:w/></z:p{i}></D:prop></D:set>"));
        mg.push_str(&format!("<D:href> /c/{i}.ics </D:href>"));
    }
    pf.push_str("</D:prop></D:propfind>");
    pp.push_str("</D:propertyupdate>");
    mg.push_str("</C:calendar-multiget>");
    let t = std::time::Instant::now();
    let p = Propfind::parse(pf.as_bytes()).unwrap();
    let a = p.props().map(|e| e.unwrap().attributes().count() + 1).sum::<usize>();
    let b = Proppatch::parse(pp.as_bytes())
        .unwrap()
        .instructions()
        .map(|i| i.unwrap().property.children().count())
        .sum::<usize>();
    let c = Multiget::parse(mg.as_bytes()).unwrap().hrefs().map(|h| h.unwrap().raw().len()).sum::<usize>();
    (a + b + c, t.elapsed())
}

#[test]
fn request_readers_are_linear_in_long_bodies() {
    // 100,000 items each: seconds if anything re-read its siblings or ancestors per item
    // (minutes if quadratic). Figures are measured, not asserted.
    for n in [10_000usize, 100_000] {
        let (seen, took) =
            common::within(60, "a request reader re-reading its siblings?", move || read_long_requests(n));
        assert!(seen >= n * 3);
        eprintln!("request readers, {n} items each: {took:?}");
    }
}

// --- no allocation ---------------------------------------------------------------------------

/// Reads every request shape and walks every accessor; returns a count so nothing is elided.
fn read_all_requests(bodies: &[&[u8]]) -> usize {
    let mut n = 0;
    for body in bodies {
        let parsed = request::parse(std::hint::black_box(body)).unwrap();
        n += match parsed.kind {
            Request::Propfind(p) => p.props().map(|e| e.unwrap().name().local().len()).sum(),
            Request::Proppatch(p) => p.instructions().map(|i| i.unwrap().property.inner_raw().len()).sum(),
            Request::LockInfo(l) => l.owner().map_or(0, |o| o.children().count()),
            Request::SyncCollection(s) => s.token().raw().len() + s.props().count(),
            Request::Multiget(m) => m.hrefs().map(|h| h.unwrap().raw().len()).sum::<usize>() + m.props().count(),
            _ => 0,
        };
    }
    n += Propfind::parse(b"").unwrap().props().count();
    n
}

#[test]
fn request_readers_do_not_allocate() {
    let bodies: Vec<&[u8]> = vec![
        br#"<D:propfind xmlns:D="DAV:"><D:allprop/><D:include><D:a/></D:include></D:propfind>"#,
        br#"<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><D:a>v</D:a></D:prop></D:set></D:propertyupdate>"#,
        br#"<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:shared/></D:lockscope><D:locktype><D:write/></D:locktype><D:owner><D:href>x</D:href></D:owner></D:lockinfo>"#,
        br#"<D:sync-collection xmlns:D="DAV:"><D:sync-token>t</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>"#,
        br#"<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:href>/a</D:href></C:calendar-multiget>"#,
    ];
    let sanity = allocation_counter::measure(|| {
        std::hint::black_box(Vec::<u8>::with_capacity(64));
    });
    assert_eq!(sanity.count_total, 1, "the counting allocator is not in place");
    let mut n = 0;
    let info = allocation_counter::measure(|| n = read_all_requests(&bodies));
    assert!(n > 0);
    assert_eq!(info.count_total, 0, "the request readers allocated {} times", info.count_total);
    // The writers neither, into a slice.
    let mut buf = [0u8; 512];
    let props = [PropName::new("urn:x", "a")];
    let info = allocation_counter::measure(|| {
        let body = SyncCollectionBody { token: "t", level: SyncLevel::Infinite, limit: Some(5), props: &props };
        let out = rw::sync_collection(SliceSink::new(&mut buf), WriterOptions::new(), &body).unwrap();
        std::hint::black_box(out.len());
    });
    assert_eq!(info.count_total, 0, "the request writer allocated {} times", info.count_total);
}

#[test]
fn request_writers_write_every_valid_model() {
    // Valid values and structure, any options: never refused, always read back equal.
    for i in 0..CASES {
        arbtest::arbtest(|u| {
            let m = make_valid(model(u, true)?);
            let dav = *u.choose(&[DavPrefix::Named("D"), DavPrefix::Named("ns0"), DavPrefix::Default])?;
            let extra_ns: &[(&str, &str)] =
                if u.arbitrary()? { &[("C", "urn:ietf:params:xml:ns:caldav"), ("x", "urn:x")] } else { &[] };
            let opts = WriterOptions::new()
                .dav_prefix(dav)
                .xml_declaration(u.arbitrary()?)
                .indent(*u.choose(&[0u8, 1, 4])?)
                .namespaces(extra_ns);
            let body = write_model(&m, opts).unwrap_or_else(|e| panic!("{e}: refused {m:?} with {opts:?}"));
            assert_eq!(read_model(body.as_bytes()).unwrap(), m, "{body}");
            Ok(())
        })
        .seed(common::seed(1818, i))
        .run();
    }
}

// --- one table of root names ------------------------------------------------------------------

/// `request::parse` dispatches on `BodyKind::of`, the table `body::kind` names roots by: for
/// every root name the crate knows (and some it does not), the request read is the kind named.
#[test]
fn request_parse_and_body_kind_agree_on_every_root() {
    use multistatus::body::{BodyKind, kind};
    let roots = [
        ("DAV:", "propfind", "<D:prop/>"),
        ("DAV:", "propertyupdate", "<D:set><D:prop><D:a/></D:prop></D:set>"),
        ("DAV:", "lockinfo", "<D:lockscope><D:shared/></D:lockscope><D:locktype><D:write/></D:locktype>"),
        ("DAV:", "sync-collection", "<D:sync-token/><D:sync-level>1</D:sync-level><D:prop/>"),
        ("urn:ietf:params:xml:ns:caldav", "calendar-multiget", "<D:href>/a</D:href>"),
        ("urn:ietf:params:xml:ns:carddav", "addressbook-multiget", "<D:href>/a</D:href>"),
        ("urn:ietf:params:xml:ns:caldav", "calendar-query", ""),
        ("DAV:", "expand-property", ""),
        ("DAV:", "multistatus", ""),
        ("DAV:", "error", ""),
        ("DAV:", "prop", ""),
        ("urn:x", "propfind", ""),
        ("", "lockinfo", ""),
    ];
    for (ns, local, inner) in roots {
        let body = format!(r#"<R:{local} xmlns:R="{ns}" xmlns:D="DAV:">{inner}</R:{local}>"#);
        let body = if ns.is_empty() { format!("<{local} xmlns:D=\"DAV:\">{inner}</{local}>") } else { body };
        let k = kind(body.as_bytes()).unwrap();
        let parsed = request::parse(body.as_bytes()).unwrap_or_else(|e| panic!("{e} in {body}"));
        let agrees = match (&parsed.kind, k) {
            (Request::Propfind(_), BodyKind::Propfind)
            | (Request::Proppatch(_), BodyKind::PropertyUpdate)
            | (Request::LockInfo(_), BodyKind::LockInfo)
            | (Request::SyncCollection(_), BodyKind::SyncCollection)
            | (Request::Multiget(_), BodyKind::CalendarMultiget | BodyKind::AddressbookMultiget) => true,
            (Request::Other(_), k) => !k.is_request(),
            _ => false,
        };
        assert!(agrees, "{body}: {k:?} vs {:?}", parsed.kind);
        let root = parsed.kind.root().unwrap().name();
        assert_eq!(request::is_request_root(&root), k.is_request(), "{body}");
        assert_eq!(BodyKind::of(root), k, "{body}");
    }
}

// --- tolerances of real clients: reported, refused by strict options ----------------------------

/// Reads `body` as a request with `options`: the request and its quirks.
fn parse_request(body: &str, options: Options) -> Result<request::Parsed<'_>, multistatus::Error> {
    request::parse_with_options::<32, 32, 2048>(body.as_bytes(), options)
}

/// `<D:propfind xmlns:D="DAV:"/>` (no `allprop`, `propname`, `prop`): sabre/dav and others read
/// it as `allprop`. Default options: `allprop`, the quirk reported at the root; strict options
/// (or the switch off): `MissingElement` at the root, as before.
#[test]
fn propfind_without_selection_is_allprop_and_reported() {
    let quirk = QuirkKind::PropfindWithoutSelection;
    for body in [
        r#"<D:propfind xmlns:D="DAV:"/>"#,
        "<?xml version=\"1.0\"?>\n<propfind xmlns=\"DAV:\">\n</propfind>",
        r#"<D:propfind xmlns:D="DAV:"><x:hint xmlns:x="urn:x"/></D:propfind>"#,
    ] {
        let at = body.find("<D:propfind").or_else(|| body.find("<propfind")).unwrap();
        let (p, quirks) =
            Propfind::<'_, 32, 32, 2048>::parse_with_options(body.as_bytes(), Options::default()).unwrap();
        assert_eq!(p.selection(), Selection::AllProp, "{body}");
        assert!(!p.is_empty_body() && p.names_element().is_none() && p.props().next().is_none());
        assert_eq!((quirks.count(quirk), quirks.first_offset(quirk)), (1, Some(at)), "{body}");
        let parsed = parse_request(body, Options::default()).unwrap();
        assert!(matches!(&parsed.kind, Request::Propfind(p) if p.selection() == Selection::AllProp));
        assert_eq!(parsed.quirks.first_offset(quirk), Some(at));
        let e = Propfind::<'_, 32, 32, 2048>::parse_with_options(body.as_bytes(), Options::strict()).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::MissingElement, at), "{body}");
        let e = parse_request(body, Options::strict()).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::MissingElement, at), "{body}");
        let mut only = Options::strict();
        only.propfind_without_selection = true;
        assert_eq!(parse_request(body, only).unwrap().quirks.count(quirk), 1);
    }
    // An `include` alone is not the tolerated shape: refused under any options.
    let body = r#"<D:propfind xmlns:D="DAV:"><D:include/></D:propfind>"#;
    assert_eq!(parse_request(body, Options::default()).unwrap_err().kind(), ErrorKind::MissingElement);
    // A propfind with its selection reports nothing.
    let body = r#"<D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>"#;
    assert!(parse_request(body, Options::default()).unwrap().quirks.is_empty());
}

/// A `sync-collection` without `sync-level` (clients written against the RFC 6578 drafts):
/// level 1 and the quirk reported at the root by default; `MissingElement` at the root under
/// strict options (or the switch off). The other required children stay required.
#[test]
fn sync_collection_without_level_is_level_one_and_reported() {
    let quirk = QuirkKind::SyncCollectionWithoutLevel;
    let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:sync-collection xmlns:D=\"DAV:\">\
<D:sync-token>http://example.com/ns/sync/1234</D:sync-token><D:limit><D:nresults>10</D:nresults></D:limit>\
<D:prop><D:getetag/></D:prop></D:sync-collection>";
    let at = body.find("<D:sync-collection").unwrap();
    let (s, quirks) =
        SyncCollection::<'_, 32, 32, 2048>::parse_with_options(body.as_bytes(), Options::default()).unwrap();
    assert_eq!((s.level(), s.limit(), s.props().count()), (SyncLevel::One, Some(10), 1));
    assert_eq!(value(&s.token()), "http://example.com/ns/sync/1234");
    assert_eq!((quirks.count(quirk), quirks.first_offset(quirk)), (1, Some(at)));
    let parsed = parse_request(body, Options::default()).unwrap();
    assert!(matches!(&parsed.kind, Request::SyncCollection(s) if s.level() == SyncLevel::One));
    assert_eq!(parsed.quirks.first_offset(quirk), Some(at));
    let e = SyncCollection::<'_, 32, 32, 2048>::parse_with_options(body.as_bytes(), Options::strict()).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::MissingElement, at));
    let e = parse_request(body, Options::strict()).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::MissingElement, at));
    let mut only = Options::strict();
    only.sync_collection_without_level = true;
    assert_eq!(parse_request(body, only).unwrap().quirks.count(quirk), 1);
    // Without token or prop: still refused; with a level: nothing reported.
    let d = r#"<D:sync-collection xmlns:D="DAV:">"#;
    for missing in [format!("{d}<D:prop/></D:sync-collection>"), format!("{d}<D:sync-token/></D:sync-collection>")] {
        let e = parse_request(&missing, Options::default()).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::MissingElement, 0), "{missing}");
    }
    let with_level = format!("{d}<D:sync-token/><D:sync-level>infinite</D:sync-level><D:prop/></D:sync-collection>");
    assert!(parse_request(&with_level, Options::default()).unwrap().quirks.is_empty());
}

/// `allprop`, `propname`, `exclusive`, `shared` and `write` are EMPTY in RFC 4918 §14: text
/// in one was ignored, a silent tolerance. It is now `UnexpectedText` at the text, as in the
/// other elements whose content is elements only; an unknown child element stays ignored.
#[test]
fn text_in_an_empty_request_element_is_unexpected_text() {
    use multistatus::request::{LockInfo, Multiget, Propfind};
    let d = r#"xmlns:D="DAV:""#;
    let propfinds = [
        format!("<D:propfind {d}><D:allprop>x</D:allprop></D:propfind>"),
        format!("<D:propfind {d}><D:propname> y </D:propname></D:propfind>"),
    ];
    for body in &propfinds {
        let e = Propfind::parse(body.as_bytes()).unwrap_err();
        let at = body.find(">x<").or_else(|| body.find("> y ")).unwrap() + 1;
        assert_eq!((e.kind(), e.offset()), (ErrorKind::UnexpectedText, at), "{body}");
    }
    let multiget = format!(
        "<C:calendar-multiget {d} xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:allprop>x</D:allprop><D:href>/a</D:href></C:calendar-multiget>"
    );
    let e = Multiget::parse(multiget.as_bytes()).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::UnexpectedText, multiget.find(">x<").unwrap() + 1));
    for (scope, kind) in [("<D:exclusive>x</D:exclusive>", "<D:write/>"), ("<D:shared/>", "<D:write>x</D:write>")] {
        let body =
            format!("<D:lockinfo {d}><D:lockscope>{scope}</D:lockscope><D:locktype>{kind}</D:locktype></D:lockinfo>");
        let e = LockInfo::parse(body.as_bytes()).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::UnexpectedText, body.find(">x<").unwrap() + 1), "{body}");
    }
    // An unknown child element, white space and comments stay fine.
    let ok = format!("<D:propfind {d}><D:allprop> <!-- c --><D:future/>\n</D:allprop></D:propfind>");
    assert!(Propfind::parse(ok.as_bytes()).is_ok());
    let ok = format!(
        "<D:lockinfo {d}><D:lockscope><x:s xmlns:x=\"urn:x\">text</x:s><D:shared> </D:shared></D:lockscope><D:locktype><D:write><x:y xmlns:x=\"urn:x\"/></D:write></D:locktype></D:lockinfo>"
    );
    assert!(LockInfo::parse(ok.as_bytes()).is_ok());
}
