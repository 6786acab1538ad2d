//! The other bodies a client receives (issue 18, reply half): `DAV:error` bodies
//! (`multistatus::dav_error`) in the shapes of RFC 4918 §16, RFC 3744, RFC 6578, CalDAV and
//! CardDAV and as sabre/dav writes them; LOCK answers (`multistatus::lock_answer`); the kind
//! of a body (`multistatus::body::kind`), HTML pages included; malformed bodies with their
//! error kind and offset; the `error` elements of the corpus.

use crate::common;

use multistatus::body::{BodyKind, HEAD, kind};
use multistatus::dav_error::{CalDavCondition, CardDavCondition, Condition, DavCondition, ErrorBody, SABRE};
use multistatus::document::Document;
use multistatus::lock_answer::LockAnswer;
use multistatus::props::{Depth, LockScope, PropErrorKind};
use multistatus::{ErrorKind, Options, Parser, QuirkKind, responses};

fn conditions(e: &ErrorBody<'_>) -> Vec<Condition<'static>> {
    e.conditions()
        .map(|c| match c.unwrap().condition() {
            Condition::Other(n) => panic!("unexpected other condition {n}"),
            c => match c {
                Condition::Dav(d) => Condition::Dav(d),
                Condition::CalDav(d) => Condition::CalDav(d),
                Condition::CardDav(d) => Condition::CardDav(d),
                _ => unreachable!(),
            },
        })
        .collect()
}

// --- DAV:error ------------------------------------------------------------------------------

/// The shape of RFC 4918 §9.10.7 / §16: a 423 with `lock-token-submitted` naming the locked
/// resource.
#[test]
fn rfc4918_lock_token_submitted_with_its_hrefs() {
    let body = br#"<?xml version="1.0" encoding="utf-8" ?>
<D:error xmlns:D="DAV:">
  <D:lock-token-submitted>
    <D:href>/workspace/webdav/</D:href>
    <D:href> /workspace/other&amp;more </D:href>
  </D:lock-token-submitted>
</D:error>"#;
    let e = ErrorBody::parse(body).unwrap();
    assert_eq!(conditions(&e), [Condition::Dav(DavCondition::LockTokenSubmitted)]);
    let c = e.conditions().next().unwrap().unwrap();
    let hrefs: Vec<String> = c.hrefs().map(|h| h.unwrap().to_string()).collect();
    assert_eq!(hrefs, ["/workspace/webdav/", "/workspace/other&more"]);
    assert!(c.element().name().is_dav("lock-token-submitted"));
    assert_eq!(e.message().unwrap(), None);
    assert!(e.has(Condition::Dav(DavCondition::LockTokenSubmitted)).unwrap());
    assert!(!e.has(Condition::Dav(DavCondition::NoConflictingLock)).unwrap());
}

/// Every RFC 4918 §16 condition, and several in one body, in document order, with text
/// between them passed over (an `error` holds ANY content).
#[test]
fn rfc4918_every_condition_by_name() {
    let mut body = String::from(r#"<error xmlns="DAV:">some words "#);
    for c in DavCondition::ALL {
        body.push_str(&format!("<{}/>", c.local()));
    }
    body.push_str("</error>");
    let e = ErrorBody::parse(body.as_bytes()).unwrap();
    let want: Vec<_> = DavCondition::ALL.iter().map(|c| Condition::Dav(*c)).collect();
    assert_eq!(conditions(&e), want);
    for c in DavCondition::ALL {
        assert_eq!(DavCondition::from_local(c.local()), Some(*c));
        assert_eq!(Condition::Dav(*c).namespace_and_local(), ("DAV:", c.local()));
    }
    for c in CalDavCondition::ALL {
        assert_eq!(CalDavCondition::from_local(c.local()), Some(*c));
    }
    for c in CardDavCondition::ALL {
        assert_eq!(CardDavCondition::from_local(c.local()), Some(*c));
    }
    assert_eq!(DavCondition::from_local("lock-token-submitted "), None);
}

/// RFC 3744 §7.1.1: `need-privileges`, its content as an element.
#[test]
fn rfc3744_need_privileges_content() {
    let body = br#"<D:error xmlns:D="DAV:"><D:need-privileges>
  <D:resource><D:href>/a/b/</D:href><D:privilege><D:read-acl/></D:privilege></D:resource>
</D:need-privileges></D:error>"#;
    let e = ErrorBody::parse(body).unwrap();
    let c = e.conditions().next().unwrap().unwrap();
    assert_eq!(c.condition(), Condition::Dav(DavCondition::NeedPrivileges));
    assert!(c.element().inner_raw().contains("<D:read-acl/>"));
    assert_eq!(c.hrefs().count(), 0, "the href is inside resource");
}

/// sabre/dav's shape: the condition, then its own elements with the server's words.
#[test]
fn sabre_valid_sync_token_with_message_and_exception() {
    let body = br#"<?xml version="1.0" encoding="utf-8"?>
<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">
  <d:valid-sync-token/>
  <s:sabredav-version>4.6.0</s:sabredav-version>
  <s:exception>Sabre\DAV\Exception\InvalidSyncToken</s:exception>
  <s:message>
    The sync-token &quot;http://sabre.io/ns/sync/12&quot; is invalid
  </s:message>
</d:error>
"#;
    let e = ErrorBody::parse(body).unwrap();
    assert_eq!(conditions(&e), [Condition::Dav(DavCondition::ValidSyncToken)]);
    assert_eq!(e.message().unwrap().unwrap().to_string(), "The sync-token \"http://sabre.io/ns/sync/12\" is invalid");
    assert_eq!(e.exception().unwrap().unwrap().raw(), r"Sabre\DAV\Exception\InvalidSyncToken");
    assert_eq!(e.extension_text(SABRE, "sabredav-version").unwrap().unwrap().raw(), "4.6.0");
    assert_eq!(e.extension_text(SABRE, "file").unwrap(), None);
}

/// sabre's 403 and 404 bodies have no condition at all: only its own elements.
#[test]
fn sabre_body_without_a_condition() {
    let body = br#"<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns"><s:exception>Sabre\DAV\Exception\NotFound</s:exception><s:message>File with name x could not be located</s:message></d:error>"#;
    let e = ErrorBody::parse(body).unwrap();
    assert_eq!(e.conditions().count(), 0);
    assert_eq!(e.message().unwrap().unwrap().raw(), "File with name x could not be located");
}

/// CalDAV (RFC 4791 §5.3.2.1) and CardDAV (RFC 6352 §6.3.2.1) conditions, the same local
/// name in each namespace, and an unknown one by its name.
#[test]
fn caldav_carddav_and_other_conditions() {
    let body = br#"<D:error xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"
  xmlns:A="urn:ietf:params:xml:ns:carddav" xmlns:X="urn:example:x">
  <C:no-uid-conflict><D:href>/cal/other.ics</D:href></C:no-uid-conflict>
  <A:no-uid-conflict><D:href>/book/other.vcf</D:href></A:no-uid-conflict>
  <C:max-resource-size/><A:supported-address-data-conversion/>
  <X:quota-gone>more</X:quota-gone>
</D:error>"#;
    let e = ErrorBody::parse(body).unwrap();
    let got: Vec<_> = e.conditions().map(|c| c.unwrap()).collect();
    assert_eq!(got[0].condition(), Condition::CalDav(CalDavCondition::NoUidConflict));
    assert_eq!(got[0].hrefs().next().unwrap().unwrap().raw(), "/cal/other.ics");
    assert_eq!(got[1].condition(), Condition::CardDav(CardDavCondition::NoUidConflict));
    assert_eq!(got[2].condition(), Condition::CalDav(CalDavCondition::MaxResourceSize));
    assert_eq!(got[3].condition(), Condition::CardDav(CardDavCondition::SupportedAddressDataConversion));
    let Condition::Other(name) = got[4].condition() else { panic!() };
    assert!(name.is("urn:example:x", "quota-gone"));
    assert_eq!(got[4].condition().namespace_and_local(), ("urn:example:x", "quota-gone"));
    assert_eq!(got[4].element().text().unwrap().raw(), "more");
    // `has` compares an Other by namespace and local name, not by prefix.
    let other =
        ErrorBody::parse(br#"<D:error xmlns:D="DAV:"><Y:quota-gone xmlns:Y="urn:example:x"/></D:error>"#).unwrap();
    let theirs = other.conditions().next().unwrap().unwrap().condition();
    assert!(e.has(theirs).unwrap());
    // A name the enum does not know in a known namespace is Other too.
    let e = ErrorBody::parse(br#"<D:error xmlns:D="DAV:"><D:no-such-thing/></D:error>"#).unwrap();
    assert!(
        matches!(e.conditions().next().unwrap().unwrap().condition(), Condition::Other(n) if n.is_dav("no-such-thing"))
    );
}

/// The `error` element of a multistatus response, read by the same reader.
#[test]
fn error_element_of_a_response() {
    let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>
  <d:status>HTTP/1.1 423 Locked</d:status><d:error><d:lock-token-submitted><d:href>/a</d:href></d:lock-token-submitted></d:error>
  </d:response></d:multistatus>"#;
    let r = responses(body).unwrap().next().unwrap().unwrap();
    let e = ErrorBody::from_element(r.error().unwrap().clone()).unwrap();
    assert_eq!(conditions(&e), [Condition::Dav(DavCondition::LockTokenSubmitted)]);
    // Another element is refused, at its offset.
    let root = Document::new(b"<x:error xmlns:x=\"urn:x\"/>").unwrap().into_root();
    let err = ErrorBody::from_element(root).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (ErrorKind::UnexpectedRoot, 0));
}

/// Malformed error bodies: the kind and offset of the first error, as the document reader
/// gives them.
#[test]
fn malformed_error_bodies() {
    let cases: &[(&[u8], ErrorKind, usize)] = &[
        // Truncated.
        (b"<d:error xmlns:d=\"DAV:\"><d:valid-sync-token/>", ErrorKind::UnexpectedEof, 45),
        // Another root.
        (b"<?xml version=\"1.0\"?>\n<d:multistatus xmlns:d=\"DAV:\"/>", ErrorKind::UnexpectedRoot, 22),
        (b"<error/>", ErrorKind::UnexpectedRoot, 0),
        // Unbound prefix.
        (b"<d:error><d:valid-sync-token/></d:error>", ErrorKind::UnboundPrefix, 0),
        // A DTD.
        (b"<!DOCTYPE d:error []><d:error xmlns:d=\"DAV:\"/>", ErrorKind::DoctypeNotAllowed, 0),
        // Mismatched end tag.
        (
            b"<d:error xmlns:d=\"DAV:\"><s:message xmlns:s=\"http://sabredav.org/ns\">x</d:message></d:error>",
            ErrorKind::MismatchedEndTag,
            69,
        ),
        // Content after the root.
        (b"<d:error xmlns:d=\"DAV:\"/><d:error xmlns:d=\"DAV:\"/>", ErrorKind::ContentAfterRoot, 25),
        // Empty.
        (b"  ", ErrorKind::NoRootElement, 2),
        // Not UTF-8.
        (b"<d:error xmlns:d=\"DAV:\">\xC3(</d:error>", ErrorKind::InvalidUtf8, 24),
    ];
    for (body, k, at) in cases {
        let e = ErrorBody::parse(body).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (*k, *at), "{}", String::from_utf8_lossy(body));
    }
}

/// The unbound `DAV` prefix quirk: refused in strict mode, read and reported when allowed.
#[test]
fn error_body_with_the_unbound_dav_prefix() {
    let body = b"<DAV:error><DAV:valid-sync-token/></DAV:error>";
    let strict = Options::strict();
    assert_eq!(ErrorBody::<32, 32, 2048>::with_options(body, strict).unwrap_err().kind(), ErrorKind::UnboundPrefix);
    let e = ErrorBody::<32, 32, 2048>::with_options(body, Options::default()).unwrap();
    assert_eq!(e.quirks().count(QuirkKind::UnboundDavPrefix), 2);
    assert!(e.has(Condition::Dav(DavCondition::ValidSyncToken)).unwrap());
}

/// Every `error` element of the corpus (in responses and propstats) reads as an error body;
/// the conditions the corpus uses are named.
#[test]
fn corpus_error_elements() {
    let mut seen = Vec::new();
    for path in common::corpus_files("corpus_error_elements") {
        if common::is_quirky(&path) {
            continue;
        }
        let body = std::fs::read(&path).unwrap();
        for r in responses(&body).unwrap() {
            let Ok(r) = r else { break };
            let errors = r
                .error()
                .cloned()
                .into_iter()
                .chain(common::propstats_of(&r).into_iter().filter_map(|p| p.error().cloned()));
            for el in errors {
                let e = ErrorBody::from_element(el.clone()).unwrap();
                for c in e.conditions() {
                    seen.push(c.unwrap().condition().namespace_and_local().1.to_string());
                }
            }
        }
    }
    if std::env::var_os("MULTISTATUS_CORPUS").is_some_and(|v| v != "skip") {
        for want in ["lock-token-submitted", "number-of-matches-within-limits", "supported-address-data-conversion"] {
            assert!(seen.iter().any(|s| s == want), "{want} not in {seen:?}");
        }
    }
}

// --- LOCK answers ----------------------------------------------------------------------------

/// The shape of RFC 4918 §9.10.7: the answer to a LOCK request.
const LOCK_ANSWER: &str = r#"<?xml version="1.0" encoding="utf-8" ?>
<D:prop xmlns:D="DAV:">
  <D:lockdiscovery>
    <D:activelock>
      <D:locktype><D:write/></D:locktype>
      <D:lockscope><D:exclusive/></D:lockscope>
      <D:depth>infinity</D:depth>
      <D:owner><D:href>http://example.org/~ejw/contact.html</D:href></D:owner>
      <D:timeout>Second-604800</D:timeout>
      <D:locktoken><D:href>urn:uuid:e71d4fae-5dec-22d6-fea5-00a0c91e6be4</D:href></D:locktoken>
      <D:lockroot><D:href>http://example.com/workspace/webdav/proposal.doc</D:href></D:lockroot>
    </D:activelock>
  </D:lockdiscovery>
</D:prop>"#;

#[test]
fn lock_answer_rfc4918_shape() {
    let a = LockAnswer::parse(LOCK_ANSWER.as_bytes()).unwrap();
    assert!(a.prop().name().is_dav("prop"));
    assert!(a.lock_discovery().name().is_dav("lockdiscovery"));
    let locks: Vec<_> = a.locks().unwrap().collect();
    assert_eq!(locks.len(), 1);
    let l = &locks[0];
    assert_eq!(l.scope(), LockScope::Exclusive);
    assert_eq!(l.depth(), Depth::Infinity);
    assert_eq!(l.lock_token().unwrap().raw(), "urn:uuid:e71d4fae-5dec-22d6-fea5-00a0c91e6be4");
    assert_eq!(l.lock_root().unwrap().raw(), "http://example.com/workspace/webdav/proposal.doc");
    assert!(l.owner().unwrap().inner_raw().contains("contact.html"));
    assert_eq!(kind(LOCK_ANSWER.as_bytes()).unwrap(), BodyKind::Prop);
}

#[test]
fn lock_answer_malformed() {
    let cases: &[(&[u8], ErrorKind, usize)] = &[
        (br#"<D:prop xmlns:D="DAV:"><D:getetag/></D:prop>"#, ErrorKind::MissingElement, 0),
        (br#"<D:prop xmlns:D="DAV:"><D:lockdiscovery/><D:lockdiscovery/></D:prop>"#, ErrorKind::DuplicateElement, 41),
        (br#"<D:error xmlns:D="DAV:"><D:lockdiscovery/></D:error>"#, ErrorKind::UnexpectedRoot, 0),
        (br#"<D:prop xmlns:D="DAV:"><D:lockdiscovery>"#, ErrorKind::UnexpectedEof, 40),
    ];
    for (body, k, at) in cases {
        let e = LockAnswer::parse(body).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (*k, *at), "{}", String::from_utf8_lossy(body));
    }
    // An empty lockdiscovery: no lock. A malformed activelock: the property's error.
    let a = LockAnswer::parse(br#"<D:prop xmlns:D="DAV:"> <x:y xmlns:x="urn:x"/><D:lockdiscovery/></D:prop>"#).unwrap();
    assert_eq!(a.locks().unwrap().count(), 0);
    let body = br#"<D:prop xmlns:D="DAV:"><D:lockdiscovery><D:activelock><D:depth>0</D:depth></D:activelock></D:lockdiscovery></D:prop>"#;
    let a = LockAnswer::parse(body).unwrap();
    assert_eq!(a.locks().unwrap_err().kind(), PropErrorKind::MissingElement);
}

// --- body::kind --------------------------------------------------------------------------------

#[test]
fn kind_by_the_root_expanded_name() {
    let cases: &[(&str, BodyKind<'_>)] = &[
        (r#"<d:multistatus xmlns:d="DAV:"/>"#, BodyKind::Multistatus),
        (r#"<?xml version="1.0"?><!-- c --><error xmlns="DAV:"/>"#, BodyKind::Error),
        (r#"<D:prop xmlns:D="DAV:"/>"#, BodyKind::Prop),
        (r#"<propfind xmlns="DAV:"><allprop/></propfind>"#, BodyKind::Propfind),
        (r#"<D:propertyupdate xmlns:D="DAV:"/>"#, BodyKind::PropertyUpdate),
        (r#"<D:lockinfo xmlns:D="DAV:"/>"#, BodyKind::LockInfo),
        (r#"<D:sync-collection xmlns:D="DAV:"/>"#, BodyKind::SyncCollection),
        (r#"<C:calendar-multiget xmlns:C="urn:ietf:params:xml:ns:caldav"/>"#, BodyKind::CalendarMultiget),
        (r#"<C:addressbook-multiget xmlns:C="urn:ietf:params:xml:ns:carddav"/>"#, BodyKind::AddressbookMultiget),
    ];
    for (body, want) in cases {
        assert_eq!(kind(body.as_bytes()).unwrap(), *want, "{body}");
    }
    let other = |body: &'static str| kind(body.as_bytes()).unwrap();
    assert!(
        matches!(other(r#"<C:calendar-query xmlns:C="urn:ietf:params:xml:ns:caldav"/>"#), BodyKind::OtherReport(n) if n.local() == "calendar-query")
    );
    assert!(matches!(
        other(r#"<C:addressbook-query xmlns:C="urn:ietf:params:xml:ns:carddav"/>"#),
        BodyKind::OtherReport(_)
    ));
    assert!(matches!(other(r#"<D:expand-property xmlns:D="DAV:"/>"#), BodyKind::OtherReport(_)));
    assert!(matches!(other(r#"<multistatus/>"#), BodyKind::Other(n) if n.namespace().is_none()));
    assert!(matches!(other(r#"<x:multistatus xmlns:x="urn:x"/>"#), BodyKind::Other(_)));
    assert!(matches!(other(r#"<C:multistatus xmlns:C="urn:ietf:params:xml:ns:caldav"/>"#), BodyKind::Other(_)));
}

/// HTML error pages are named, in their common forms; an XML body whose root merely starts
/// with `html` is not one.
#[test]
fn kind_names_an_html_page() {
    let pages: &[(&str, usize)] = &[
        ("<!DOCTYPE html>\n<html><head><title>403</title></head><body>Forbidden<br></body></html>", 0),
        ("\n\n<!doctype HTML>\n<html lang=en>", 2),
        ("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">\n<HTML>", 0),
        ("<HTML><HEAD><TITLE>500 Internal Server Error</TITLE></HEAD></HTML>", 0),
        ("<html>\n<body><p>unclosed", 0),
        (
            "\u{feff}<?xml version=\"1.0\"?>\n<!-- x -->\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>",
            36,
        ),
        ("<html/>", 0),
        // A prefixed XHTML root: found by the root's name.
        (r#"<h:html xmlns:h="http://www.w3.org/1999/xhtml"/>"#, 0),
        ("<?php echo 1 ?><Html >", 15),
    ];
    for (page, at) in pages {
        let e = kind(page.as_bytes()).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::HtmlPage, *at), "{page}");
        assert_eq!(e.to_string(), format!("an HTML page, not XML (byte {at})"));
    }
    assert!(matches!(kind(b"<htmlx/>").unwrap(), BodyKind::Other(_)));
    // An `<html` start tag first is a page whatever its namespace; a prefixed `html` root
    // only in no namespace or XHTML's.
    assert_eq!(kind(br#"<html xmlns="urn:not-xhtml"/>"#).unwrap_err().kind(), ErrorKind::HtmlPage);
    assert!(matches!(kind(br#"<h:html xmlns:h="urn:not-xhtml"/>"#).unwrap(), BodyKind::Other(_)));
    // A DTD that is not HTML stays refused as a DTD.
    assert_eq!(kind(b"<!DOCTYPE htmlx><htmlx/>").unwrap_err().kind(), ErrorKind::DoctypeNotAllowed);
    assert_eq!(kind(b"<!DOCTYPE d:error><d:error/>").unwrap_err().kind(), ErrorKind::DoctypeNotAllowed);
}

/// A comment whose text starts with `>` or `->` (`<!-->x-->`, well-formed XML) before an HTML
/// page's first markup ends at its own `-->`: the page is still named. The prolog scan looked
/// for the end from the `<!` (two bytes in), found the `-->` of `<!-->`, and the reader then
/// gave the DOCTYPE's or the HTML's own error instead.
#[test]
fn an_html_page_after_a_comment_that_starts_with_an_angle_or_dash() {
    for (page, at) in [
        ("<!-->x--><!DOCTYPE html><html>", 9),
        ("<!--->x--><html lang=en>", 10),
        ("<!-->--><html lang=en>", 8),
        ("<?p?><!-->x--><HTML><BODY>", 14),
    ] {
        let e = kind(page.as_bytes()).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::HtmlPage, at), "{page}");
    }
}

/// Errors before the root's start tag ends: the same kind and offset as the whole-body
/// readers give.
#[test]
fn kind_errors_are_the_readers() {
    let bodies: &[&[u8]] = &[
        b"",
        b"   <!-- only a comment -->",
        b"plain text",
        b"<d:multistatus>",
        b"<d:multistatus xmlns:d=\"DAV:\"",
        b"<?xml version=\"1.0\" encoding=\"latin1\"?><a/>",
        b"\xff<a/>",
        b"<a b='1' b='2'/>",
        b"<a xmlns:xml=\"urn:x\"/>",
        b"<!DOCTYPE a><a/>",
    ];
    for body in bodies {
        let k = kind(body).unwrap_err();
        let d = Document::new(body).unwrap_err();
        assert_eq!(k, d, "{}", String::from_utf8_lossy(body));
        if let Err(p) = Parser::new(body).and_then(|p| p.collect::<Result<Vec<_>, _>>()) {
            assert_eq!(k, p, "{}", String::from_utf8_lossy(body));
        }
    }
}

/// The rest of the body is not read: what follows the root's start tag (even bad UTF-8 or
/// broken markup) does not change the kind; the head decides when the start tag ends in it.
#[test]
fn kind_reads_only_up_to_the_root_start_tag() {
    let mut body = br#"<d:multistatus xmlns:d="DAV:"><d:response></d:nope>"#.to_vec();
    body.extend_from_slice(b"\xff\xfe");
    assert_eq!(kind(&body).unwrap(), BodyKind::Multistatus);
    // A long comment before the root: past the head, read whole.
    let mut body = format!("<!--{}-->", "x".repeat(3 * HEAD)).into_bytes();
    body.extend_from_slice(br#"<d:error xmlns:d="DAV:"/>"#);
    assert_eq!(kind(&body).unwrap(), BodyKind::Error);
    // A root start tag across the head's end.
    let mut body = format!(r#"<d:prop xmlns:d="DAV:" a="{}">"#, "y".repeat(HEAD)).into_bytes();
    body.extend_from_slice(b"</d:prop>");
    assert_eq!(kind(&body).unwrap(), BodyKind::Prop);
    // A character cut by the head's end.
    let mut body = vec![b' '; HEAD - 1];
    body.extend_from_slice("é<a/>".as_bytes());
    assert_eq!(kind(&body).unwrap_err(), Document::new(&body).unwrap_err());
}

/// Every body of the corpus and the fixtures that the multistatus parser accepts is a
/// multistatus by `kind`.
#[test]
fn kind_of_every_accepted_corpus_body() {
    let mut n = 0;
    for path in common::corpus_files("kind_of_every_accepted_corpus_body").into_iter().chain(common::fixture_files()) {
        let body = std::fs::read(&path).unwrap();
        let accepted = Parser::new(&body).is_ok_and(|p| p.into_iter().all(|e| e.is_ok()));
        if accepted {
            assert_eq!(kind(&body).unwrap(), BodyKind::Multistatus, "{}", path.display());
            n += 1;
        }
    }
    assert!(n >= 7);
}

// --- the error-body writer --------------------------------------------------------------------

use arbtest::arbitrary::Unstructured;
use multistatus::dav_error::ErrorWriter;
use multistatus::writer::SliceSink;

/// What a body says, as the reader gives it: each condition's namespace, local name and
/// hrefs; the message and exception.
type Said = (Vec<(String, String, Vec<String>)>, Option<String>, Option<String>);

fn said(body: &[u8]) -> Said {
    let e = ErrorBody::parse(body).unwrap_or_else(|err| panic!("{err}: {}", String::from_utf8_lossy(body)));
    let conditions = e
        .conditions()
        .map(|c| {
            let c = c.unwrap();
            let (ns, local) = c.condition().namespace_and_local();
            let ns = match c.condition() {
                Condition::Other(n) => n.namespace().uri().to_string(),
                _ => ns.to_string(),
            };
            (ns, local.to_string(), c.hrefs().map(|h| h.unwrap().to_string()).collect())
        })
        .collect();
    (conditions, e.message().unwrap().map(|t| t.to_string()), e.exception().unwrap().map(|t| t.to_string()))
}

#[test]
fn writer_every_known_condition_reads_back() {
    let mut out = String::new();
    let mut w = ErrorWriter::new(&mut out).unwrap();
    let mut want = Vec::new();
    let all = DavCondition::ALL
        .iter()
        .map(|c| Condition::Dav(*c))
        .chain(CalDavCondition::ALL.iter().map(|c| Condition::CalDav(*c)))
        .chain(CardDavCondition::ALL.iter().map(|c| Condition::CardDav(*c)));
    for (i, c) in all.enumerate() {
        let hrefs: Vec<String> = (0..i % 3).map(|j| format!("/r/{i}/{j}?a=1&b=<2>")).collect();
        let refs: Vec<&str> = hrefs.iter().map(String::as_str).collect();
        w.condition_with_hrefs(c, &refs).unwrap();
        let (ns, local) = c.namespace_and_local();
        want.push((ns.to_string(), local.to_string(), hrefs));
    }
    w.other_condition("urn:example:x\"&<", "quota-gone", &["/q"]).unwrap();
    want.push(("urn:example:x\"&<".to_string(), "quota-gone".to_string(), vec!["/q".to_string()]));
    w.exception("Sabre\\DAV\\Exception\\Forbidden").unwrap();
    w.message("line 1\r\nline\t2 \"quoted\" & <tagged>").unwrap();
    w.finish().unwrap();
    assert_eq!(kind(out.as_bytes()).unwrap(), BodyKind::Error);
    assert_eq!(
        said(out.as_bytes()),
        (
            want,
            Some("line 1\r\nline\t2 \"quoted\" & <tagged>".to_string()),
            Some("Sabre\\DAV\\Exception\\Forbidden".to_string())
        )
    );
}

#[test]
fn writer_refusals_write_nothing_and_stop() {
    let cases: &[(&str, ErrorKind)] =
        &[(" /a", ErrorKind::UntrimmedValue), ("/a\n", ErrorKind::UntrimmedValue), ("/\u{1}", ErrorKind::InvalidChar)];
    for (href, k) in cases {
        let mut buf = [0u8; 512];
        let mut w = ErrorWriter::new(SliceSink::new(&mut buf)).unwrap();
        let before = w.written();
        let e = w.condition_with_hrefs(Condition::Dav(DavCondition::LockTokenSubmitted), &[href]).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (*k, before), "{href:?}");
        assert_eq!(w.written(), before, "nothing written");
        assert_eq!(w.message("x").unwrap_err(), e, "the writer stopped");
        assert_eq!(w.finish().unwrap_err(), e);
    }
    let names: &[(&str, &str)] = &[
        ("", "a"),
        ("urn:x", ""),
        ("urn:x", "1a"),
        ("urn:x", "a:b"),
        ("urn:x", "é"),
        ("http://www.w3.org/XML/1998/namespace", "a"),
        ("http://www.w3.org/2000/xmlns/", "a"),
        (SABRE, "message"),
    ];
    for (ns, local) in names {
        let mut out = String::new();
        let mut w = ErrorWriter::new(&mut out).unwrap();
        assert_eq!(w.other_condition(ns, local, &[]).unwrap_err().kind(), ErrorKind::InvalidName, "{ns} {local}");
    }
    let long_uri = format!("urn:{}", "u".repeat(300));
    let mut out = String::new();
    let mut w = ErrorWriter::new(&mut out).unwrap();
    assert_eq!(w.other_condition(&long_uri, "a", &[]).unwrap_err().kind(), ErrorKind::InvalidName);
    // A message with white space at an end, after a finish, a sink too small.
    let mut out = String::new();
    let mut w = ErrorWriter::new(&mut out).unwrap();
    assert_eq!(w.message("x ").unwrap_err().kind(), ErrorKind::UntrimmedValue);
    let mut buf = [0u8; 16];
    assert_eq!(ErrorWriter::new(SliceSink::new(&mut buf)).unwrap_err().kind(), ErrorKind::BufferTooSmall);
}

/// An `Other` condition read from a body is written back in its namespace.
#[test]
fn writer_other_condition_read_from_a_body() {
    let source = br#"<D:error xmlns:D="DAV:"><Y:quota-gone xmlns:Y="urn:a&amp;b"/><D:no-such-thing/></D:error>"#;
    let e = ErrorBody::parse(source).unwrap();
    let mut out = String::new();
    let mut w = ErrorWriter::new(&mut out).unwrap();
    for c in e.conditions() {
        w.condition(c.unwrap().condition()).unwrap();
    }
    w.finish().unwrap();
    assert_eq!(said(out.as_bytes()), said(source));
}

/// Arbitrary conditions, hrefs, messages: written, read back the same; refused only for
/// what the writer documents (white space at an end, a character XML does not allow, a
/// name it cannot write).
#[test]
fn writer_round_trip_property() {
    fn text(u: &mut Unstructured<'_>) -> arbtest::arbitrary::Result<String> {
        let pool = ["/", "a", " ", "\t", "\r", "\n", "&", "<", ">", "\"", "]]>", "é", "\u{1}", "%20", "x y"];
        let n = u.int_in_range(0..=6)?;
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(u.choose(&pool)?);
        }
        Ok(s)
    }
    let full = std::cell::Cell::new(0usize);
    arbtest::arbtest(|u| {
        let mut out = String::new();
        let mut w = ErrorWriter::new(&mut out).unwrap();
        let mut want = Vec::new();
        for _ in 0..u.int_in_range(0..=5)? {
            let hrefs: Vec<String> = (0..u.int_in_range(0..=2)?).map(|_| text(u)).collect::<Result<_, _>>()?;
            let refs: Vec<&str> = hrefs.iter().map(String::as_str).collect();
            let ok_values = hrefs.iter().all(|h| {
                !h.starts_with([' ', '\t', '\r', '\n']) && !h.ends_with([' ', '\t', '\r', '\n']) && !h.contains('\u{1}')
            });
            let r = match u.int_in_range(0..=3)? {
                0 => {
                    let c = *u.choose(DavCondition::ALL)?;
                    w.condition_with_hrefs(Condition::Dav(c), &refs)
                        .map(|()| ("DAV:".to_string(), c.local().to_string()))
                }
                1 => {
                    let c = *u.choose(CalDavCondition::ALL)?;
                    w.condition_with_hrefs(Condition::CalDav(c), &refs)
                        .map(|()| ("urn:ietf:params:xml:ns:caldav".to_string(), c.local().to_string()))
                }
                2 => {
                    let c = *u.choose(CardDavCondition::ALL)?;
                    w.condition_with_hrefs(Condition::CardDav(c), &refs)
                        .map(|()| ("urn:ietf:params:xml:ns:carddav".to_string(), c.local().to_string()))
                }
                _ => {
                    let ns = format!("urn:{}", text(u)?);
                    let local = *u.choose(&["a", "b-c", "_d.e", "1", ""])?;
                    let r = w.other_condition(&ns, local, &refs).map(|()| (ns.clone(), local.to_string()));
                    if let Err(e) = &r
                        && e.kind() == ErrorKind::InvalidName
                    {
                        assert!(matches!(local, "1" | "") || ns.contains('\u{1}'), "{ns:?} {local:?}");
                    }
                    r
                }
            };
            match r {
                Ok((ns, local)) => {
                    assert!(ok_values, "{hrefs:?} written");
                    want.push((ns, local, hrefs));
                }
                Err(e) => {
                    assert!(
                        matches!(e.kind(), ErrorKind::UntrimmedValue | ErrorKind::InvalidChar | ErrorKind::InvalidName),
                        "{e:?}"
                    );
                    return Ok(());
                }
            }
        }
        let m = text(u)?;
        let message = match w.message(&m) {
            Ok(()) => Some(m),
            Err(e) => {
                assert!(matches!(e.kind(), ErrorKind::UntrimmedValue | ErrorKind::InvalidChar), "{m:?}");
                return Ok(());
            }
        };
        let x = text(u)?;
        let exception = match w.exception(&x) {
            Ok(()) => Some(x),
            Err(_) => return Ok(()),
        };
        w.finish().unwrap();
        // The reader keeps an empty text as Some(""): the writer wrote the element.
        assert_eq!(said(out.as_bytes()), (want, message, exception), "{out}");
        full.set(full.get() + 1);
        Ok(())
    })
    .budget_ms(2_000)
    .run();
    assert!(full.get() >= 100, "only {} bodies written whole and read back", full.get());
}

/// No allocation: `kind`, reading an error body whole (conditions, hrefs, sabre's texts), a
/// LOCK answer and its locks, writing an error body into a slice. The counter counts this
/// thread's allocations only.
#[test]
fn no_allocation_reading_and_writing() {
    let sabre = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/bodies/error-sabre.xml")).unwrap();
    let locked = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/bodies/error-locked.xml")).unwrap();
    let html = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/bodies/html-403.html")).unwrap();
    let lock = LOCK_ANSWER.as_bytes();
    let mut buf = [0u8; 1024];
    let mut seen = 0usize;
    let info = allocation_counter::measure(|| {
        for body in [&sabre[..], &locked[..], &html[..], lock] {
            seen += usize::from(kind(std::hint::black_box(body)).is_ok());
        }
        for body in [&sabre[..], &locked[..]] {
            let e = ErrorBody::parse(body).unwrap();
            for c in e.conditions() {
                let c = c.unwrap();
                seen += c.hrefs().map(|h| h.unwrap().raw().len()).sum::<usize>();
                seen += usize::from(!matches!(c.condition(), Condition::Other(_)));
            }
            seen += e.message().unwrap().map_or(0, |t| t.raw().len());
            seen += e.exception().unwrap().map_or(0, |t| t.raw().len());
        }
        let a = LockAnswer::parse(lock).unwrap();
        for l in a.locks().unwrap() {
            seen += l.lock_token().map_or(0, |t| t.raw().len());
        }
        let mut w = ErrorWriter::new(SliceSink::new(&mut buf)).unwrap();
        w.condition_with_hrefs(Condition::Dav(DavCondition::LockTokenSubmitted), &["/a & b"]).unwrap();
        w.message("locked").unwrap();
        seen += w.finish().unwrap().len();
    });
    assert_eq!(info.count_total, 0, "{} allocations ({} bytes)", info.count_total, info.bytes_total);
    assert!(seen > 0);
}

// --- the LOCK answer writer -------------------------------------------------------------------

use multistatus::lock_answer::ActiveLockBody;
use multistatus::props::{LockType, Timeout};
use multistatus::writer::{DavPrefix, WriterOptions};

/// A lock as the writer takes it and the reader gives it back: scope, depth, owner (raw
/// inner XML), timeout, lock token and root (values, unescaped).
type LockModel = (LockScope, Depth, Option<String>, Option<Timeout>, Option<String>, Option<String>);

fn write_locks(locks: &[LockModel], opts: WriterOptions<'_>) -> Result<String, multistatus::Error> {
    let bodies: Vec<ActiveLockBody<'_>> = locks
        .iter()
        .map(|(scope, depth, owner, timeout, token, root)| ActiveLockBody {
            scope: *scope,
            depth: *depth,
            owner: owner.as_deref(),
            timeout: *timeout,
            lock_token: token.as_deref(),
            lock_root: root.as_deref(),
        })
        .collect();
    let mut buf = vec![0u8; 1 << 16];
    let n = multistatus::lock_answer::write(SliceSink::new(&mut buf), opts, &bodies)?.len();
    Ok(String::from_utf8(buf[..n].to_vec()).unwrap())
}

/// Reads a LOCK answer back (strict options: nothing the writer writes is a quirk).
fn read_locks(body: &[u8]) -> Vec<LockModel> {
    let a = LockAnswer::<'_, 32, 32, 2048>::with_options(body, Options::strict()).unwrap_or_else(|e| panic!("{e}"));
    a.locks()
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|l| {
            assert_eq!(l.lock_type(), LockType::Write);
            assert!(l.lock_tokens().count() <= 1);
            (
                l.scope(),
                l.depth(),
                l.owner().map(|o| o.inner_raw().to_string()),
                l.timeout(),
                l.lock_token().map(|t| t.to_string()),
                l.lock_root().map(|t| t.to_string()),
            )
        })
        .collect()
}

/// Hrefs the writer must write (no white space at an end, XML characters only), and some it
/// must refuse.
const LOCK_HREFS: &[&str] = &[
    "",
    "urn:uuid:e71d4fae-5dec-22d6-fea5-00a0c91e6be4",
    "/a b/&<c>\"",
    "x\ry",
    "a]]>b",
    "é\u{10000}",
    "opaquelocktoken:1",
];
const BAD_LOCK_HREFS: &[&str] = &[" /a", "/a\n", "/\u{1}", "\u{FFFE}"];
/// Owners the writer must refuse with some DAV prefix or always.
const BAD_OWNERS: &[&str] = &["<D:href>/a</D:href>", "<unclosed>", "<p:q/>", "a & b", "</x>", "\u{0}"];

fn lock_model(u: &mut Unstructured<'_>, valid: bool) -> arbtest::arbitrary::Result<LockModel> {
    let href = |u: &mut Unstructured<'_>| -> arbtest::arbitrary::Result<Option<String>> {
        if !u.arbitrary()? {
            return Ok(None);
        }
        let pool = if !valid && u.ratio(1, 6)? { BAD_LOCK_HREFS } else { LOCK_HREFS };
        Ok(Some(u.choose(pool)?.to_string()))
    };
    let scope = if u.arbitrary()? { LockScope::Exclusive } else { LockScope::Shared };
    let depth = *u.choose(&[Depth::Zero, Depth::One, Depth::Infinity])?;
    let owner = if u.arbitrary()? {
        let pool = if !valid && u.ratio(1, 6)? { BAD_OWNERS } else { crate::requests::VALID_RAWS };
        Some(u.choose(pool)?.to_string())
    } else {
        None
    };
    let timeout = match u.int_in_range(0..=3)? {
        0 => None,
        1 => Some(Timeout::Infinite),
        2 => Some(Timeout::Seconds(*u.choose(&[0, 1, 604_800, u32::MAX])?)),
        _ => Some(Timeout::Seconds(u.arbitrary()?)),
    };
    Ok((scope, depth, owner, timeout, href(u)?, href(u)?))
}

/// `read(write(m)) == m` for every model the writer accepts, and every valid model accepted
/// (with any DAV prefix, declaration, indentation, extra root namespaces); a refusal is one
/// of the documented kinds and writes nothing.
#[test]
fn lock_answer_writer_reads_back_identically() {
    let (mut written, mut refused, mut valid_written) = (0u32, 0u32, 0u32);
    for i in 0..crate::requests::CASES {
        arbtest::arbtest(|u| {
            let valid = u.ratio(1, 2)?;
            let n = u.int_in_range(0..=3)?;
            let locks: Vec<LockModel> = (0..n).map(|_| lock_model(u, valid)).collect::<Result<_, _>>()?;
            let dav = *u.choose(&[DavPrefix::Named("D"), DavPrefix::Named("ns0"), DavPrefix::Default])?;
            let extra: &[(&str, &str)] = if u.arbitrary()? { &[("C", "urn:ietf:params:xml:ns:caldav")] } else { &[] };
            let indent = *u.choose(&[0u8, 2])?;
            let opts =
                WriterOptions::new().dav_prefix(dav).xml_declaration(u.arbitrary()?).indent(indent).namespaces(extra);
            match write_locks(&locks, opts) {
                Ok(body) => {
                    assert_eq!(kind(body.as_bytes()).unwrap(), BodyKind::Prop, "{body}");
                    assert_eq!(read_locks(body.as_bytes()), locks, "{body}");
                    written += 1;
                    valid_written += u32::from(valid);
                }
                Err(e) => {
                    assert!(!valid, "a valid model refused ({e}): {locks:?} {opts:?}");
                    assert!(
                        !matches!(e.kind(), ErrorKind::BufferTooSmall | ErrorKind::WriterState),
                        "{e:?} for {locks:?}"
                    );
                    assert_eq!(e.offset(), 0, "checked before the first byte: {e:?}");
                    refused += 1;
                }
            }
            Ok(())
        })
        .seed(common::seed(19, i))
        .run();
    }
    println!("lock answers written {written} ({valid_written} valid), refused {refused}");
    assert_eq!(written + refused, crate::requests::CASES);
    assert!(valid_written > crate::requests::CASES / 3, "only {valid_written} valid models written");
    assert!(refused > 100, "only {refused} refused: the bad values are not exercised");
}

/// The RFC 4918 §9.10.7 answer, written: the shape, and the refusals before any byte.
#[test]
fn lock_answer_writer_rfc_shape_and_refusals() {
    let lock = (
        LockScope::Exclusive,
        Depth::Infinity,
        Some("<D:href>http://example.org/~ejw/contact.html</D:href>".to_string()),
        Some(Timeout::Seconds(604_800)),
        Some("urn:uuid:e71d4fae-5dec-22d6-fea5-00a0c91e6be4".to_string()),
        Some("http://example.com/workspace/webdav/proposal.doc".to_string()),
    );
    let body = write_locks(std::slice::from_ref(&lock), WriterOptions::new().xml_declaration(false)).unwrap();
    assert_eq!(
        body,
        "<D:prop xmlns:D=\"DAV:\"><D:lockdiscovery><D:activelock><D:locktype><D:write/></D:locktype>\
<D:lockscope><D:exclusive/></D:lockscope><D:depth>infinity</D:depth>\
<D:owner><D:href>http://example.org/~ejw/contact.html</D:href></D:owner><D:timeout>Second-604800</D:timeout>\
<D:locktoken><D:href>urn:uuid:e71d4fae-5dec-22d6-fea5-00a0c91e6be4</D:href></D:locktoken>\
<D:lockroot><D:href>http://example.com/workspace/webdav/proposal.doc</D:href></D:lockroot>\
</D:activelock></D:lockdiscovery></D:prop>"
    );
    assert_eq!(read_locks(body.as_bytes()), vec![lock.clone()]);
    assert_eq!(read_locks(write_locks(&[], WriterOptions::new()).unwrap().as_bytes()), vec![]);
    let cases: &[(LockModel, ErrorKind)] = &[
        ((lock.0, lock.1, None, None, Some(" t".into()), None), ErrorKind::UntrimmedValue),
        ((lock.0, lock.1, None, None, None, Some("/\u{1}".into())), ErrorKind::InvalidChar),
        ((lock.0, lock.1, Some("<x:y/>".into()), None, None, None), ErrorKind::UnboundPrefix),
        ((lock.0, lock.1, Some("<y>".into()), None, None, None), ErrorKind::UnexpectedEof),
    ];
    for (m, k) in cases {
        let mut buf = [0u8; 1024];
        let l = ActiveLockBody {
            scope: m.0,
            depth: m.1,
            owner: m.2.as_deref(),
            timeout: m.3,
            lock_token: m.4.as_deref(),
            lock_root: m.5.as_deref(),
        };
        let e = multistatus::lock_answer::write(SliceSink::new(&mut buf), WriterOptions::new(), &[l]).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (*k, 0), "{m:?}");
    }
    // The DAV prefix of the options is the one an owner may use.
    let dflt = WriterOptions::new().dav_prefix(DavPrefix::Default);
    assert_eq!(write_locks(std::slice::from_ref(&lock), dflt).unwrap_err().kind(), ErrorKind::UnboundPrefix);
    let mut small = [0u8; 64];
    let l =
        ActiveLockBody { scope: lock.0, depth: lock.1, owner: None, timeout: None, lock_token: None, lock_root: None };
    let e = multistatus::lock_answer::write(SliceSink::new(&mut small), WriterOptions::new(), &[l]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BufferTooSmall);
}
