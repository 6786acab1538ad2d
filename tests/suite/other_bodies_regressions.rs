//! Regressions of the readers and writers of the bodies other than multistatus (`body`,
//! `document`, `dav_error`, `lock_answer`, `sync`, `request`), found by a differential
//! oracle (roxmltree and the RFC rules): each test failed before its fix.

use multistatus::ErrorKind;
use multistatus::request::SyncCollection;

/// `nresults` is a number (RFC 5323 §5.17), its value the element's characters as XML
/// reads them: a comment is no character of it, a character reference or a CDATA section
/// is the character it stands for. A comment, `&#53;` or `<![CDATA[5]]>` made it
/// `InvalidElementValue`, while `sync-level`'s `&#49;` read as `1`.
#[test]
fn nresults_is_read_by_its_characters() {
    let body = |n: &str| {
        format!(
            r#"<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:sync-level>1</D:sync-level>
<D:limit><D:nresults>{n}</D:nresults></D:limit><D:prop/></D:sync-collection>"#
        )
    };
    for (n, want) in [
        ("<!--c-->5", 5),
        (" <!-- c --> 12 <?pi?> ", 12),
        ("&#53;", 5),
        ("1&#x30;0", 100),
        ("<![CDATA[7]]>", 7),
        (" <![CDATA[ 4294967295 ]]> ", u32::MAX),
    ] {
        let b = body(n);
        assert_eq!(SyncCollection::parse(b.as_bytes()).unwrap().limit(), Some(want), "{n}");
    }
    for n in ["&#48;", "<![CDATA[4294967296]]>", "&#x2B;1", "1<!--c-->&#32;2", "<![CDATA[]]>", "&#x661;"] {
        let b = body(n);
        let e = SyncCollection::parse(b.as_bytes()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidElementValue, "{n}");
    }
}

/// Conflicting selection elements in a PROPFIND (RFC 4918 §14.20: one of `propname`,
/// `allprop` with its `include`, `prop`) are refused where the body first conflicts, read in
/// document order: `<include/><prop/>` at the `prop`. The error was at the `include`, before
/// anything conflicted with it, though `<prop/><include/>` was (rightly) at the `include`.
#[test]
fn propfind_conflict_is_where_the_selection_first_conflicts() {
    use multistatus::request::Propfind;
    for (inner, at) in [
        ("<D:include/><D:prop/>", "<D:prop/>"),
        ("<D:include/><D:propname/>", "<D:propname/>"),
        ("<D:prop/><D:include/>", "<D:include/>"),
        ("<D:include/><D:prop/><D:allprop/>", "<D:prop/><D:allprop/>"),
        ("<D:prop/><D:allprop/><D:include/>", "<D:allprop/>"),
        ("<D:include/><D:allprop/><D:propname/>", "<D:propname/>"),
    ] {
        let body = format!(r#"<D:propfind xmlns:D="DAV:">{inner}</D:propfind>"#);
        let e = Propfind::parse(body.as_bytes()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::ConflictingElements, "{inner}");
        assert!(body[e.offset()..].starts_with(at), "{inner}: at {:?}", &body[e.offset()..]);
    }
}

/// A `propfind` or multiget is judged in document order: its first error is the first in the
/// body. The selection was checked once every child had been read, so a duplicate, an
/// `href`'s error or text in `allprop` came before a conflict that comes earlier in the
/// body (`<prop/><allprop/><prop/>` was `DuplicateElement` at the second `prop`), and a
/// conflict before text inside an element that comes earlier.
#[test]
fn request_errors_come_in_document_order() {
    use multistatus::request::{Multiget, Propfind};
    let propfind = |inner: &str| format!(r#"<D:propfind xmlns:D="DAV:">{inner}</D:propfind>"#);
    let multiget = |inner: &str| {
        format!(
            r#"<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">{inner}</C:calendar-multiget>"#
        )
    };
    for (body, kind, at) in [
        (propfind("<D:prop/><D:allprop/><D:prop/>"), ErrorKind::ConflictingElements, "<D:allprop/><D:prop/>"),
        (propfind("<D:allprop>x</D:allprop><D:prop/>"), ErrorKind::UnexpectedText, "x</D:allprop>"),
        (propfind("<D:prop>x</D:prop><D:propname/>"), ErrorKind::UnexpectedText, "x</D:prop>"),
        (propfind("<D:include/><D:prop/><D:include/>"), ErrorKind::ConflictingElements, "<D:prop/><D:include/>"),
        (multiget("<D:prop/><D:allprop/><D:href>a<D:x/></D:href>"), ErrorKind::ConflictingElements, "<D:allprop/>"),
        (multiget("<D:href>a<D:x/></D:href><D:prop/><D:allprop/>"), ErrorKind::UnexpectedElement, "<D:x/>"),
    ] {
        let e = if body.contains("propfind") {
            Propfind::parse(body.as_bytes()).unwrap_err()
        } else {
            Multiget::parse(body.as_bytes()).unwrap_err()
        };
        assert_eq!(e.kind(), kind, "{body}");
        assert!(body[e.offset()..].starts_with(at), "{body}: at {:?}", &body[e.offset()..]);
    }
}

/// The other request readers are judged in document order too: each child's content when it
/// comes, so an error inside an earlier element comes before a duplicate of a later one. A
/// conflict in `lockscope` was reported after a second `owner`; a `sync-token` holding an
/// element after a second `sync-token`; text in a `set`'s `prop` after a second `prop`.
#[test]
fn other_request_errors_come_in_document_order() {
    use multistatus::Error;
    use multistatus::request::{LockInfo, Proppatch, SyncCollection};
    type Read = fn(&[u8]) -> Error;
    let lockinfo: Read = |b| LockInfo::parse(b).unwrap_err();
    let sync: Read = |b| SyncCollection::parse(b).unwrap_err();
    let proppatch: Read = |b| Proppatch::parse(b).unwrap_err();
    for (read, body, kind, at) in [
        (
            lockinfo,
            r#"<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/><D:shared/></D:lockscope><D:locktype><D:write/></D:locktype><D:owner/><D:owner/></D:lockinfo>"#,
            ErrorKind::ConflictingElements,
            "<D:shared/>",
        ),
        (
            lockinfo,
            r#"<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive>x</D:exclusive></D:lockscope><D:locktype><D:write/><D:write/></D:locktype></D:lockinfo>"#,
            ErrorKind::UnexpectedText,
            "x</D:exclusive>",
        ),
        (
            sync,
            r#"<D:sync-collection xmlns:D="DAV:"><D:sync-token><D:x/></D:sync-token><D:sync-token/><D:sync-level>1</D:sync-level><D:prop/></D:sync-collection>"#,
            ErrorKind::UnexpectedElement,
            "<D:x/>",
        ),
        (
            sync,
            r#"<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:prop>x</D:prop><D:sync-level>2</D:sync-level><D:sync-level>1</D:sync-level></D:sync-collection>"#,
            ErrorKind::UnexpectedText,
            "x</D:prop>",
        ),
        (
            proppatch,
            r#"<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop>x</D:prop><D:prop/></D:set></D:propertyupdate>"#,
            ErrorKind::UnexpectedText,
            "x</D:prop>",
        ),
    ] {
        let e = read(body.as_bytes());
        assert_eq!(e.kind(), kind, "{body}");
        assert!(body[e.offset()..].starts_with(at), "{body}: {e}");
    }
}

/// A `limit`'s `nresults` is judged when it comes, as every other request child: its value
/// and content come before a second `nresults` or text after it in the `limit`. `nresults_of`
/// judged the value once every child of the `limit` had been read, so
/// `<limit><nresults>0</nresults><nresults>5</nresults></limit>` was `DuplicateElement` at
/// the second `nresults`, not `InvalidElementValue` at the `0` that comes first.
#[test]
fn nresults_is_judged_in_document_order() {
    let sync = |limit: &str| {
        format!(
            r#"<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:sync-level>1</D:sync-level><D:limit>{limit}</D:limit><D:prop/></D:sync-collection>"#
        )
    };
    for (body, kind, at) in [
        (
            sync("<D:nresults>0</D:nresults><D:nresults>5</D:nresults>"),
            ErrorKind::InvalidElementValue,
            "0</D:nresults><D:nresults>5",
        ),
        (sync("<D:nresults>0</D:nresults> x"), ErrorKind::InvalidElementValue, "0</D:nresults> x"),
        (sync("<D:nresults><D:y/></D:nresults><D:nresults/>"), ErrorKind::UnexpectedElement, "<D:y/>"),
        // Still refused where nothing comes before: a second one, and text after a good one.
        (sync("<D:nresults>5</D:nresults><D:nresults>0</D:nresults>"), ErrorKind::DuplicateElement, "<D:nresults>0"),
        (sync("<D:nresults>5</D:nresults> x"), ErrorKind::UnexpectedText, " x</D:limit>"),
    ] {
        let e = SyncCollection::parse(body.as_bytes()).unwrap_err();
        assert_eq!(e.kind(), kind, "{body}");
        assert!(body[e.offset()..].starts_with(at), "{body}: at {:?}", &body[e.offset()..]);
    }
}
