//! Regressions of the live-property readers (`multistatus::props`), found by comparing them
//! with an independent reading of the same XML (roxmltree, each property's rule taken from
//! its RFC): each test failed before its fix.

use multistatus::props::{self, LockScope, LockType, PropError, PropErrorKind as K, Property, Timeout};
use multistatus::{Element, Event, Parser};

/// A body with one property `<tag>content</tag>` in a 200 propstat (`d` DAV:, `x` an
/// extension namespace).
fn body(tag: &str, content: &str) -> String {
    format!(
        r#"<d:multistatus xmlns:d="DAV:" xmlns:x="urn:x"><d:response><d:href>/a</d:href><d:propstat><d:prop><{tag}>{content}</{tag}></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#
    )
}

/// The property element of a body made by [`body`].
fn prop(body: &str) -> Element<'_> {
    Parser::new(body.as_bytes())
        .unwrap()
        .find_map(|ev| match ev.unwrap() {
            Event::Property(e) => Some(e),
            _ => None,
        })
        .unwrap()
}

/// `r` is an error of `kind` in `p` at `offset`.
#[track_caller]
fn assert_err<T: std::fmt::Debug>(r: Result<T, PropError>, p: Property, kind: K, offset: usize) {
    let e = r.expect_err("an error");
    assert_eq!((e.property(), e.kind(), e.offset()), (p, kind, offset), "{e}");
}

/// The one lock of a `lockdiscovery` whose `activelock` holds `parts`.
fn lock_body(parts: &str) -> String {
    body("d:lockdiscovery", &format!("<d:activelock>{parts}</d:activelock>"))
}

const TYPE: &str = "<d:locktype><d:write/></d:locktype>";
const SCOPE: &str = "<d:lockscope><d:exclusive/></d:lockscope>";
const DEPTH: &str = "<d:depth>0</d:depth>";

/// RFC 4918 §17: a recipient MUST read a body as if the elements it does not expect were not
/// there, "one that may be used in another context but is not expected here" included. A
/// `lockscope` or `locktype` holding its value and an unknown element beside it was
/// `DuplicateElement` at whichever came second; the value is read, the unknown element
/// passed over (in `lockdiscovery` and in `supportedlock` alike).
#[test]
fn lock_scope_and_type_pass_over_unknown_elements_beside_their_value() {
    for (scope, want) in [
        ("<d:exclusive/><x:extension/>", LockScope::Exclusive),
        ("<x:extension/><d:shared/>", LockScope::Shared),
        ("<d:unknown/><d:exclusive/><x:e>t</x:e>", LockScope::Exclusive),
    ] {
        let b = lock_body(&format!("<d:lockscope>{scope}</d:lockscope>{TYPE}{DEPTH}"));
        let lock = props::lock_discovery(&prop(&b)).unwrap().next().unwrap();
        assert_eq!(lock.scope(), want, "{scope}");
        let b =
            body("d:supportedlock", &format!("<d:lockentry><d:lockscope>{scope}</d:lockscope>{TYPE}</d:lockentry>"));
        let entry = props::supported_lock(&prop(&b)).unwrap().next().unwrap();
        assert_eq!(entry.scope, want, "{scope}");
    }
    for ty in ["<d:write/><x:extension/>", "<x:extension/><d:write/>", "<d:write/><d:unknown/>"] {
        let b = lock_body(&format!("{SCOPE}<d:locktype>{ty}</d:locktype>{DEPTH}"));
        let lock = props::lock_discovery(&prop(&b)).unwrap().next().unwrap();
        assert_eq!(lock.lock_type(), LockType::Write, "{ty}");
        let b = body("d:supportedlock", &format!("<d:lockentry>{SCOPE}<d:locktype>{ty}</d:locktype></d:lockentry>"));
        let entry = props::supported_lock(&prop(&b)).unwrap().next().unwrap();
        assert_eq!(entry.lock_type, LockType::Write, "{ty}");
    }
    // Still errors: no known scope, two scopes, two lock types none of which is `write`.
    let p = Property::LockDiscovery;
    let b = lock_body(&format!("<d:lockscope><x:a/><x:b/></d:lockscope>{TYPE}{DEPTH}"));
    assert_err(props::lock_discovery(&prop(&b)), p, K::UnknownValue, b.find("<x:a/>").unwrap());
    let b = lock_body(&format!("<d:lockscope><d:shared/><x:a/><d:exclusive/></d:lockscope>{TYPE}{DEPTH}"));
    assert_err(props::lock_discovery(&prop(&b)), p, K::DuplicateElement, b.find("<d:exclusive").unwrap());
    let b = lock_body(&format!("{SCOPE}<d:locktype><x:a/><x:b/></d:locktype>{DEPTH}"));
    assert_err(props::lock_discovery(&prop(&b)), p, K::DuplicateElement, b.find("<x:b/>").unwrap());
    let b = lock_body(&format!("{SCOPE}<d:locktype><d:write/><d:write/></d:locktype>{DEPTH}"));
    assert_err(props::lock_discovery(&prop(&b)), p, K::DuplicateElement, b.find("<d:write/></").unwrap());
    // One extension lock type alone is that type.
    let b = lock_body(&format!("{SCOPE}<d:locktype><x:checkout/></d:locktype>{DEPTH}"));
    let lock = props::lock_discovery(&prop(&b)).unwrap().next().unwrap();
    assert!(matches!(lock.lock_type(), LockType::Other(n) if n.is("urn:x", "checkout")));
}

/// A number is read whole before its value is judged, as the docs say of `Negative` ("once
/// the whole value is found well-formed") and as a timeout's `u32` bound was: a negative
/// number beyond `u64` was `Overflow` at its first digit (not "too large": negative, as
/// Nextcloud's -3 is), and a long number followed by a character no number has was
/// `Overflow`, where a shorter one is `InvalidChar` at that character. A timeout's digits
/// beyond `u64` were `Overflow` before the rest was read, those beyond `u32` only after.
#[test]
fn a_number_is_well_formed_before_it_is_too_large() {
    for p in [Property::GetContentLength, Property::QuotaAvailableBytes, Property::QuotaUsedBytes] {
        let read = |e: &Element<'_>| match p {
            Property::GetContentLength => props::content_length(e),
            Property::QuotaAvailableBytes => props::quota_available_bytes(e),
            _ => props::quota_used_bytes(e),
        };
        let tag = format!("d:{}", p.local());
        for v in ["-18446744073709551616", " -99999999999999999999999 "] {
            let b = body(&tag, v);
            assert_err(read(&prop(&b)), p, K::Negative, b.find(v).unwrap() + v.find('-').unwrap());
        }
        for v in ["18446744073709551616x", "99999999999999999999999 1", "18446744073709551616.0"] {
            let b = body(&tag, v);
            let bad = b.find(v).unwrap() + v.find(|c: char| !c.is_ascii_digit()).unwrap();
            let bad = bad + usize::from(v.contains(' '));
            assert_err(read(&prop(&b)), p, K::InvalidChar, bad);
        }
        // Well-formed and too large: `Overflow` at the first digit, as before.
        let b = body(&tag, " 18446744073709551616 ");
        assert_err(read(&prop(&b)), p, K::Overflow, b.find("18446").unwrap());
    }
    let p = Property::LockDiscovery;
    for digits in ["4294967296", "99999999999999999999"] {
        let b = lock_body(&format!("{SCOPE}{TYPE}{DEPTH}<d:timeout>Second-{digits}x</d:timeout>"));
        assert_err(props::lock_discovery(&prop(&b)), p, K::InvalidChar, b.find("x</d:timeout").unwrap());
        let b = lock_body(&format!("{SCOPE}{TYPE}{DEPTH}<d:timeout>Second-{digits}</d:timeout>"));
        assert_err(props::lock_discovery(&prop(&b)), p, K::Overflow, b.find(digits).unwrap());
    }
    let b = lock_body(&format!("{SCOPE}{TYPE}{DEPTH}<d:timeout>Second-4294967295</d:timeout>"));
    let lock = props::lock_discovery(&prop(&b)).unwrap().next().unwrap();
    assert_eq!(lock.timeout(), Some(Timeout::Seconds(u32::MAX)));
}

/// A media type is checked whole before its parts are cut out of the body: a malformed one
/// whose parameter started in a CDATA section and held a reference was `SplitMarkup` ("a part
/// cut inside a CDATA section", as if the value were fine) at that parameter, where the same
/// value without the parameter is `InvalidChar` further on. The type and subtype were already
/// cut after the check; the parameters now are too, in document order.
#[test]
fn a_malformed_content_type_is_not_split_markup() {
    let p = Property::GetContentType;
    for v in [
        "text/plain; <![CDATA[ch]]>&#97;rset=utf-8 x",
        "text/plain;a=<![CDATA[\"b]]>&#99;\";d",
        "a/b;c=<![CDATA[d]]>&#101;;f=\"",
    ] {
        let b = body("d:getcontenttype", v);
        let e = props::content_type(&prop(&b)).unwrap_err();
        assert_ne!(e.kind(), K::SplitMarkup, "{v}: {e}");
        assert!(matches!(e.kind(), K::InvalidChar | K::UnexpectedEnd), "{v}: {e}");
    }
    let v = "text/plain; <![CDATA[ch]]>&#97;rset=utf-8 x";
    let b = body("d:getcontenttype", v);
    assert_err(props::content_type(&prop(&b)), p, K::InvalidChar, b.find(" x<").unwrap() + 1);
    // Well-formed, the parameter is still no slice of the body.
    let b = body("d:getcontenttype", "text/plain; <![CDATA[ch]]>&#97;rset=utf-8");
    assert_err(props::content_type(&prop(&b)), p, K::SplitMarkup, b.find("<![CDATA[ch").unwrap() + 9);
    // Two parts cut: the first in the body is reported.
    let b = body("d:getcontenttype", "text/<![CDATA[pl]]>&#97;in; <![CDATA[ch]]>&#97;rset=utf-8");
    assert_err(props::content_type(&prop(&b)), p, K::SplitMarkup, b.find("<![CDATA[pl").unwrap() + 9);
}

/// An empty property written as an empty-element tag (`<d:getcontentlength/>`) was `Empty`
/// at the byte after its tag, the next element's start; it is at the element itself now.
/// Written with start and end tags, it stays at its empty content.
#[test]
fn an_empty_element_tag_is_empty_at_itself() {
    let body = concat!(
        r#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href><d:propstat><d:prop>"#,
        r#"<d:getcontentlength/><d:getetag></d:getetag><d:getcontenttype> </d:getcontenttype>"#,
        r#"</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#
    );
    let r = multistatus::responses(body.as_bytes()).unwrap().next().unwrap().unwrap();
    let e = r.property(multistatus::DAV, "getcontentlength").unwrap().unwrap();
    let err = multistatus::props::content_length(&e).unwrap_err();
    assert_eq!(
        (err.kind(), err.offset()),
        (multistatus::props::PropErrorKind::Empty, body.find("<d:getcontentlength").unwrap())
    );
    let e = r.property(multistatus::DAV, "getetag").unwrap().unwrap();
    let err = multistatus::props::etag(&e).unwrap_err();
    assert_eq!(err.offset(), body.find("</d:getetag>").unwrap());
    let e = r.property(multistatus::DAV, "getcontenttype").unwrap().unwrap();
    let err = multistatus::props::content_type(&e).unwrap_err();
    assert_eq!(err.offset(), body.find("> </d:getcontenttype>").unwrap() + 1);
}
