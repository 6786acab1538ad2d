//! Live properties (`multistatus::props`): every property's valid forms, every malformed form
//! with its error kind and offset, the ETag forms, the response lookups, no allocation, and
//! the corpus bodies (every value of the common properties outside `quirky/` reads).

use crate::common;

use std::fmt::Debug;

use multistatus::props::{
    self, CALDAV, CALENDARSERVER, CARDDAV, Depth, LockScope, LockType, Principal, PropError, PropErrorKind as K,
    Property, Timeout,
};
use multistatus::{DAV, Element, Event, Parser, Response, Responses, responses};

/// The root's declarations: `d` DAV:, `C` CalDAV, `A` CardDAV, `CS` CalendarServer, `x` an
/// extension.
const ROOT: &str = r#"<d:multistatus xmlns:d="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="urn:ietf:params:xml:ns:carddav" xmlns:CS="http://calendarserver.org/ns/" xmlns:x="urn:x">"#;

/// A body with one property `<tag>content</tag>` in a 200 propstat.
struct Doc {
    body: String,
    /// Where `content` starts in the body.
    at: usize,
    /// Where the property's start tag starts.
    el: usize,
}

impl Doc {
    fn new(tag: &str, content: &str) -> Doc {
        let head = format!("{ROOT}<d:response><d:href>/a</d:href><d:propstat><d:prop>");
        let el = head.len();
        let open = format!("<{tag}>");
        let at = el + open.len();
        let body = format!(
            "{head}{open}{content}</{tag}></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"
        );
        Doc { body, at, el }
    }

    /// The property element.
    fn prop(&self) -> Element<'_> {
        for ev in Parser::new(self.body.as_bytes()).unwrap() {
            if let Event::Property(e) = ev.unwrap() {
                return e;
            }
        }
        panic!("no property in {}", self.body)
    }

    /// Where `needle` first stands in the body at or after the content.
    fn find(&self, needle: &str) -> usize {
        self.at + self.body[self.at..].find(needle).unwrap_or_else(|| panic!("{needle:?} not in {}", self.body))
    }
}

/// `r` is an error of `kind` in `p` at `offset`.
#[track_caller]
fn assert_err<T: Debug>(r: Result<T, PropError>, p: Property, kind: K, offset: usize) {
    let e = r.expect_err("an error");
    assert_eq!((e.property(), e.kind(), e.offset()), (p, kind, offset), "{e}");
}

// --- numbers -------------------------------------------------------------------------------

#[test]
fn content_length_valid_forms() {
    let cases: &[(&str, u64)] = &[
        ("0", 0),
        ("1024", 1024),
        (" 42 \n", 42),
        ("\r\n\t7\t", 7),
        ("007", 7),
        ("18446744073709551615", u64::MAX),
        ("&#49;2", 12),
        ("<![CDATA[5]]>", 5),
        ("<!-- c -->7<?pi?>", 7),
        ("&#32;9&#x20;", 9),
    ];
    for &(v, n) in cases {
        let d = Doc::new("d:getcontentlength", v);
        assert_eq!(props::content_length(&d.prop()), Ok(n), "{v:?}");
    }
}

/// A comment whose text starts with `>` or `->` (`<!-->1-->`, well-formed XML) ends at its
/// `-->`, not at the `-->` that its own opening `<!--` and first bytes make: the value of
/// `<!-->1-->2` is `2`, as the text's string value says. The typed readers searched for the
/// end from the `<`, read `1-->2` and refused it (`InvalidChar`).
#[test]
fn a_comment_in_a_typed_value_does_not_end_inside_its_opening() {
    for (v, n) in [("<!-->1-->2", 2), ("<!--->1-->2", 2), ("2<!-->3-->", 2), ("<!-->-->4", 4)] {
        let d = Doc::new("d:getcontentlength", v);
        assert_eq!(d.prop().text().map(|t| t.to_string()), Some(n.to_string()), "{v:?}");
        assert_eq!(props::content_length(&d.prop()), Ok(n), "{v:?}");
    }
    let d = Doc::new("d:getetag", "<!-->\"x\"-->\"abc\"");
    assert_eq!(props::etag(&d.prop()).map(|e| e.tag.to_string()), Ok("abc".to_string()));
}

#[test]
fn content_length_malformed_forms() {
    let p = Property::GetContentLength;
    // (value, kind, offset in the value)
    let cases: &[(&str, K, usize)] = &[
        ("", K::Empty, 0),
        ("  \n ", K::Empty, 0),
        ("<!-- c -->", K::Empty, 0),
        ("12x", K::InvalidChar, 2),
        ("+5", K::InvalidChar, 0),
        ("-5", K::Negative, 0),
        (" -0 ", K::Negative, 1),
        ("-", K::UnexpectedEnd, 1),
        ("- 5", K::InvalidChar, 1),
        ("-5x", K::InvalidChar, 2),
        ("1.5", K::InvalidChar, 1),
        ("1 2", K::InvalidChar, 2),
        ("0x10", K::InvalidChar, 1),
        ("1e3", K::InvalidChar, 1),
        ("18446744073709551616", K::Overflow, 0),
        (" 99999999999999999999999", K::Overflow, 1),
        ("\u{0661}\u{0662}", K::InvalidChar, 0),
        ("1&#x2C;000", K::InvalidChar, 1),
        ("four", K::InvalidChar, 0),
    ];
    for &(v, kind, off) in cases {
        let d = Doc::new("d:getcontentlength", v);
        assert_err(props::content_length(&d.prop()), p, kind, d.at + off);
    }
    // A child element.
    let d = Doc::new("d:getcontentlength", "1<x:b/>");
    assert_err(props::content_length(&d.prop()), p, K::UnexpectedElement, d.find("<x:b"));
    // Another property.
    let d = Doc::new("d:displayname", "12");
    assert_err(props::content_length(&d.prop()), p, K::WrongProperty, d.el);
    // The same name in another namespace is another property.
    let d = Doc::new("x:getcontentlength", "12");
    assert_err(props::content_length(&d.prop()), p, K::WrongProperty, d.el);
}

#[test]
fn quotas() {
    let d = Doc::new("d:quota-available-bytes", "596650");
    assert_eq!(props::quota_available_bytes(&d.prop()), Ok(596_650));
    let d = Doc::new("d:quota-used-bytes", " 6864755191 ");
    assert_eq!(props::quota_used_bytes(&d.prop()), Ok(6_864_755_191));
    // Nextcloud's "unlimited": reported as negative, not read as a number.
    let d = Doc::new("d:quota-available-bytes", "-3");
    assert_err(props::quota_available_bytes(&d.prop()), Property::QuotaAvailableBytes, K::Negative, d.at);
    let d = Doc::new("d:quota-used-bytes", "");
    assert_err(props::quota_used_bytes(&d.prop()), Property::QuotaUsedBytes, K::Empty, d.at);
    let d = Doc::new("d:quota-used-bytes", "10 MB");
    assert_err(props::quota_used_bytes(&d.prop()), Property::QuotaUsedBytes, K::InvalidChar, d.at + 3);
    let d = Doc::new("d:quota-used-bytes", "1");
    assert_err(props::quota_available_bytes(&d.prop()), Property::QuotaAvailableBytes, K::WrongProperty, d.el);
}

// --- ETags ---------------------------------------------------------------------------------

#[test]
fn etag_forms() {
    // (value, weak, tag as sent, tag's offset in the value, unquoted, Display)
    let cases: &[(&str, bool, &str, usize, bool, &str)] = &[
        (r#""x""#, false, "x", 1, false, r#""x""#),
        (r#"W/"x""#, true, "x", 3, false, r#"W/"x""#),
        ("&quot;x&quot;", false, "x", 6, false, r#""x""#),
        ("W/&quot;x&quot;", true, "x", 8, false, r#"W/"x""#),
        ("&#34;5f3a-1&#34;", false, "5f3a-1", 5, false, r#""5f3a-1""#),
        ("&#x22;ab&#x22;", false, "ab", 6, false, r#""ab""#),
        ("&#034;ab&#x0022;", false, "ab", 6, false, r#""ab""#),
        ("\"x&quot;", false, "x", 1, false, r#""x""#),
        (" \n \"1000-66110da7455bc\" \t", false, "1000-66110da7455bc", 4, false, r#""1000-66110da7455bc""#),
        // The empty opaque tag is an entity tag.
        (r#""""#, false, "", 1, false, r#""""#),
        ("W/&quot;&quot;", true, "", 8, false, r#"W/"""#),
        // Unquoted: a quirk, reported.
        (
            "9696c0fa460d4ed148cb40b2e8388c1e",
            false,
            "9696c0fa460d4ed148cb40b2e8388c1e",
            0,
            true,
            r#""9696c0fa460d4ed148cb40b2e8388c1e""#,
        ),
        (" zzyzx ", false, "zzyzx", 1, true, r#""zzyzx""#),
        ("Wx", false, "Wx", 0, true, r#""Wx""#),
        // etagc: any VCHAR but the quote, and non-ASCII.
        (r#""a/b:c!#~""#, false, "a/b:c!#~", 1, false, r#""a/b:c!#~""#),
        ("\"é\u{1F600}\"", false, "é\u{1F600}", 1, false, "\"é\u{1F600}\""),
        // A reference inside the tag: the tag is the slice, its value unescaped.
        ("&quot;a&amp;b&quot;", false, "a&amp;b", 6, false, r#""a&b""#),
        // Comments and CDATA read as XML reads them.
        ("\"x<!-- c -->y\"", false, "x<!-- c -->y", 1, false, r#""xy""#),
        ("<![CDATA[\"x\"]]>", false, "x", 10, false, r#""x""#),
        ("<![CDATA[\"]]>x\"", false, "x", 13, false, r#""x""#),
    ];
    for &(v, weak, tag, tag_at, unquoted, shown) in cases {
        let d = Doc::new("d:getetag", v);
        let e = props::etag(&d.prop()).unwrap_or_else(|e| panic!("{v:?}: {e}"));
        assert_eq!((e.weak, e.tag.raw(), e.tag.offset(), e.unquoted), (weak, tag, d.at + tag_at, unquoted), "{v:?}");
        assert_eq!(e.to_string(), shown, "{v:?}");
        // Zero-copy: the tag is the body's slice.
        assert_eq!(&d.body[e.tag.offset()..e.tag.offset() + tag.len()], tag);
    }
}

#[test]
fn etag_malformed_forms() {
    let p = Property::GetEtag;
    let cases: &[(&str, K, usize)] = &[
        ("", K::Empty, 0),
        (" \r\n", K::Empty, 0),
        // Only a quote: unterminated, the end just past it.
        ("\"", K::UnexpectedEnd, 1),
        ("&quot;", K::UnexpectedEnd, 6),
        ("&#34;", K::UnexpectedEnd, 5),
        (" \"x ", K::InvalidChar, 3),
        ("\"x", K::UnexpectedEnd, 2),
        ("\"x<!-- c -->", K::UnexpectedEnd, 2),
        ("W/", K::UnexpectedEnd, 2),
        ("W/x", K::InvalidChar, 2),
        ("W/ \"x\"", K::InvalidChar, 2),
        ("w/\"x\"", K::InvalidChar, 2),
        ("\"a b\"", K::InvalidChar, 2),
        ("\"x\"y", K::InvalidChar, 3),
        ("\"x\" \"y\"", K::InvalidChar, 4),
        ("\"x\"&quot;", K::InvalidChar, 3),
        ("\"a\tb\"", K::InvalidChar, 2),
        ("\"a&#127;b\"", K::InvalidChar, 2),
        // Unquoted, but a quote or a control in it.
        ("abc\"", K::InvalidChar, 3),
        ("ab&#x7F;", K::InvalidChar, 2),
        // Parts that no slice of the body reads as (a split CDATA section).
        ("<![CDATA[\"a&b\"]]>", K::SplitMarkup, 10),
        ("<![CDATA[\"a]]>&amp;b\"", K::SplitMarkup, 10),
        ("<![CDATA[W/\"a]]>b\"", K::SplitMarkup, 12),
    ];
    for &(v, kind, off) in cases {
        let d = Doc::new("d:getetag", v);
        assert_err(props::etag(&d.prop()), p, kind, d.at + off);
    }
    let d = Doc::new("d:getetag", "<d:x>\"1\"</d:x>");
    assert_err(props::etag(&d.prop()), p, K::UnexpectedElement, d.at);
    let d = Doc::new("CS:getctag", "\"1\"");
    assert_err(props::etag(&d.prop()), p, K::WrongProperty, d.el);
}

/// A CDATA section wholly inside a part (between its first and last characters) is no split:
/// the part's slice holds the whole section and reads as the part. The typed readers flagged
/// a part as split when any of its characters, not only an end, was inside a CDATA section,
/// and refused `"a<![CDATA[b]]>c"` (string value `"abc"`) with `SplitMarkup`.
#[test]
fn a_cdata_section_inside_a_part_is_not_split_markup() {
    let d = Doc::new("d:getetag", "\"a<![CDATA[b]]>c\"");
    let e = props::etag(&d.prop()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((e.tag.raw(), e.tag.to_string(), e.tag.offset()), ("a<![CDATA[b]]>c", "abc".to_string(), d.at + 1));
    let d = Doc::new("d:getetag", "W/&quot;<!---->a<![CDATA[&]]>&amp;<![CDATA[b]]>c&quot;");
    let e = props::etag(&d.prop()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((e.weak, e.tag.to_string()), (true, "a&&bc".to_string()));
    let d = Doc::new("d:getetag", "ab<![CDATA[cd]]>ef");
    assert_eq!(props::etag(&d.prop()).map(|e| (e.tag.to_string(), e.unquoted)), Ok(("abcdef".to_string(), true)));
    let d = Doc::new("d:getcontenttype", "te<![CDATA[x]]>t/pl<![CDATA[ai]]>n; a=\"b<![CDATA[ ]]>c\"");
    let m = props::content_type(&d.prop()).unwrap_or_else(|e| panic!("{e}"));
    let a = m.parameter("a").unwrap();
    assert!(m.is("text", "plain") && a.value_eq("b c"), "{}", describe(&m));
    // An end inside a section is still a split: no slice reads as the part.
    let d = Doc::new("d:getetag", "\"a<![CDATA[b\"]]>");
    assert_err(props::etag(&d.prop()), Property::GetEtag, K::SplitMarkup, d.at + 1);
}

// --- media types ---------------------------------------------------------------------------

/// A media type as `type/subtype` and its parameters `name=value` (quoted: `name="value"`),
/// raw.
fn describe(m: &props::MediaType<'_>) -> String {
    let mut s = format!("{}/{}", m.type_name().raw(), m.subtype().raw());
    for p in m.parameters() {
        let q = if p.quoted { "\"" } else { "" };
        s += &format!(";{}={q}{}{q}", p.name.raw(), p.value.raw());
    }
    s
}

#[test]
fn content_type_valid_forms() {
    let cases: &[(&str, &str)] = &[
        ("text/plain", "text/plain"),
        ("httpd/unix-directory", "httpd/unix-directory"),
        ("application/vnd.ms-excel", "application/vnd.ms-excel"),
        ("text/html; charset=UTF-8", "text/html;charset=UTF-8"),
        ("text/xml; charset=\"utf-8\"", "text/xml;charset=\"utf-8\""),
        ("text/calendar;charset=utf-8;component=VEVENT", "text/calendar;charset=utf-8;component=VEVENT"),
        (" text/plain \n; a=b\t;\r\n c=\"d e\" ", "text/plain;a=b;c=\"d e\""),
        ("text/plain;", "text/plain"),
        ("text/plain ; ", "text/plain"),
        ("text/plain;;a=b; ;", "text/plain;a=b"),
        ("a/b; q=\"x\\\"y\"", "a/b;q=\"x\\\"y\""),
        ("a/b; q=\"\"", "a/b;q=\"\""),
        ("a/b;q=&quot;v&quot;", "a/b;q=\"v\""),
        ("a/b; q=\"é;=\"", "a/b;q=\"é;=\""),
        ("!#$%&amp;'*+-.^_`|~09az/AZ", "!#$%&amp;'*+-.^_`|~09az/AZ"),
    ];
    for &(v, want) in cases {
        let d = Doc::new("d:getcontenttype", v);
        let m = props::content_type(&d.prop()).unwrap_or_else(|e| panic!("{v:?}: {e}"));
        assert_eq!(describe(&m), want, "{v:?}");
    }
    let d = Doc::new("d:getcontenttype", "Text/HTML; Charset=\"UTF-8\"; x=\"a\\\"b\"");
    let m = props::content_type(&d.prop()).unwrap();
    assert!(m.is("text", "html") && !m.is("text", "plain"));
    assert_eq!(m.type_name().offset(), d.at);
    let cs = m.parameter("charset").unwrap();
    assert!(cs.quoted && cs.value_eq("UTF-8") && cs.value_eq_ignore_ascii_case("utf-8") && !cs.value_eq("utf-8"));
    let x = m.parameter("X").unwrap();
    assert_eq!(x.value.raw(), "a\\\"b");
    let mut s = String::new();
    x.write_value_to(&mut s).unwrap();
    assert_eq!(s, "a\"b");
    assert!(x.value_eq("a\"b"));
    assert!(m.parameter("boundary").is_none());
}

#[test]
fn content_type_malformed_forms() {
    let p = Property::GetContentType;
    let cases: &[(&str, K, usize)] = &[
        ("", K::Empty, 0),
        ("   ", K::Empty, 0),
        ("text", K::UnexpectedEnd, 4),
        ("text/", K::UnexpectedEnd, 5),
        ("/plain", K::InvalidChar, 0),
        ("text /plain", K::InvalidChar, 4),
        ("text/ plain", K::InvalidChar, 5),
        ("text/plain charset=x", K::InvalidChar, 11),
        ("text/plain; charset =x", K::InvalidChar, 19),
        ("text/plain; charset= x", K::InvalidChar, 20),
        ("text/plain; charset", K::UnexpectedEnd, 19),
        ("text/plain; a=", K::UnexpectedEnd, 14),
        ("text/plain; =x", K::InvalidChar, 12),
        ("text/plain; a=\"x", K::UnexpectedEnd, 16),
        ("text/plain; a=\"x\\", K::UnexpectedEnd, 17),
        ("text/plain; a=\"x\"y", K::InvalidChar, 17),
        ("text/plain; a=x y", K::InvalidChar, 16),
        ("text/plain; a=\"\u{7f}\"", K::InvalidChar, 15),
        ("text/plain; a=\"x\ny\"", K::InvalidChar, 16),
        ("a/b(c)", K::InvalidChar, 3),
        ("t\u{e9}/x", K::InvalidChar, 1),
        ("a/b/c", K::InvalidChar, 3),
        ("a/b, c/d", K::InvalidChar, 3),
        ("<![CDATA[a&b/c]]>", K::SplitMarkup, 9),
    ];
    for &(v, kind, off) in cases {
        let d = Doc::new("d:getcontenttype", v);
        assert_err(props::content_type(&d.prop()), p, kind, d.at + off);
    }
}

// --- texts ---------------------------------------------------------------------------------

#[test]
fn content_language_forms() {
    for (v, want) in [("en", "en"), (" en-US ", "en-US"), ("de-CH-1901", "de-CH-1901"), ("i-klingon", "i-klingon")] {
        let d = Doc::new("d:getcontentlanguage", v);
        assert_eq!(props::content_language(&d.prop()).unwrap().raw(), want);
    }
    let d = Doc::new("d:getcontentlanguage", "x-private-abcdefgh");
    assert!(props::content_language(&d.prop()).is_ok());
    let p = Property::GetContentLanguage;
    let cases: &[(&str, K, usize)] = &[
        ("", K::Empty, 0),
        ("en_US", K::InvalidChar, 2),
        ("en-", K::UnexpectedEnd, 3),
        ("abcdefghi", K::InvalidChar, 8),
        ("en-abcdefghi", K::InvalidChar, 11),
        ("1en", K::InvalidChar, 0),
        ("en--US", K::InvalidChar, 3),
        ("en US", K::InvalidChar, 3),
        ("en, de", K::InvalidChar, 2),
    ];
    for &(v, kind, off) in cases {
        let d = Doc::new("d:getcontentlanguage", v);
        assert_err(props::content_language(&d.prop()), p, kind, d.at + off);
    }
}

#[test]
fn text_properties() {
    // displayname: exact, may be empty.
    let d = Doc::new("d:displayname", " Tom &amp; Jerry ");
    let t = props::display_name(&d.prop()).unwrap();
    assert_eq!((t.raw(), t.offset()), (" Tom &amp; Jerry ", d.at));
    assert!(t.eq_str(" Tom & Jerry "));
    let d = Doc::new("d:displayname", "");
    assert!(props::display_name(&d.prop()).unwrap().is_empty());
    let d = Doc::new("d:displayname", "a<x:b/>");
    assert_err(props::display_name(&d.prop()), Property::DisplayName, K::UnexpectedElement, d.find("<x:b"));

    // Trimmed, non-empty texts.
    type Accessor = for<'a> fn(&Element<'a>) -> Result<multistatus::Text<'a>, PropError>;
    let trimmed: &[(&str, Property, Accessor)] = &[
        ("d:getlastmodified", Property::GetLastModified, props::last_modified_text),
        ("d:creationdate", Property::CreationDate, props::creation_date_text),
        ("d:sync-token", Property::SyncToken, props::sync_token),
        ("CS:getctag", Property::GetCtag, props::ctag),
    ];
    for &(tag, p, f) in trimmed {
        let d = Doc::new(tag, "\n  Tue, 05 Mar 2024 10:20:30 GMT\n");
        let t = f(&d.prop()).unwrap();
        assert_eq!((t.raw(), t.offset()), ("Tue, 05 Mar 2024 10:20:30 GMT", d.at + 3), "{tag}");
        let d = Doc::new(tag, " <!-- c --> ");
        assert_err(f(&d.prop()), p, K::Empty, d.at);
        let d = Doc::new(tag, "");
        assert_err(f(&d.prop()), p, K::Empty, d.at);
        let d = Doc::new(tag, "<d:href>x</d:href>");
        assert_err(f(&d.prop()), p, K::UnexpectedElement, d.at);
        let d = Doc::new("d:displayname", "x");
        assert_err(f(&d.prop()), p, K::WrongProperty, d.el);
    }
    // A quoted ctag keeps its quotes: it is opaque.
    let d = Doc::new("CS:getctag", "\"c8cb\"");
    assert_eq!(props::ctag(&d.prop()).unwrap().raw(), "\"c8cb\"");
}

// --- resourcetype --------------------------------------------------------------------------

#[test]
fn resource_types() {
    let d = Doc::new("d:resourcetype", "");
    let rt = props::resource_type(&d.prop()).unwrap();
    assert!(!rt.is_collection() && !rt.is_calendar() && !rt.is_addressbook() && !rt.is_principal());
    assert_eq!(rt.types().count(), 0);

    let d = Doc::new("d:resourcetype", "\n <d:collection/> <!-- c --> <C:calendar/><CS:shared-owner/>\n");
    let rt = props::resource_type(&d.prop()).unwrap();
    assert!(rt.is_collection() && rt.is_calendar() && !rt.is_addressbook() && !rt.is_principal());
    let names: Vec<String> = rt.types().map(|n| n.to_string()).collect();
    assert_eq!(
        names,
        ["{DAV:}collection", "{urn:ietf:params:xml:ns:caldav}calendar", "{http://calendarserver.org/ns/}shared-owner"]
    );
    assert!(rt.contains(CALENDARSERVER, "shared-owner") && !rt.contains(DAV, "shared-owner"));

    let d = Doc::new("d:resourcetype", "<d:collection/><A:addressbook/>");
    let rt = props::resource_type(&d.prop()).unwrap();
    assert!(rt.is_collection() && rt.is_addressbook() && !rt.is_calendar());
    let d = Doc::new("d:resourcetype", "<d:principal/>");
    assert!(props::resource_type(&d.prop()).unwrap().is_principal());
    // A type with content is still that type.
    let d = Doc::new("d:resourcetype", "<d:collection>x</d:collection>");
    assert!(props::resource_type(&d.prop()).unwrap().is_collection());
    // A CalDAV name in another namespace is not a calendar.
    let d = Doc::new("d:resourcetype", "<d:calendar/>");
    assert!(!props::resource_type(&d.prop()).unwrap().is_calendar());

    let p = Property::ResourceType;
    let d = Doc::new("d:resourcetype", "<d:collection/> collection");
    assert_err(props::resource_type(&d.prop()), p, K::UnexpectedText, d.at + 16);
    let d = Doc::new("d:resourcetype", "collection");
    assert_err(props::resource_type(&d.prop()), p, K::UnexpectedText, d.at);
    let d = Doc::new("d:getetag", "");
    assert_err(props::resource_type(&d.prop()), p, K::WrongProperty, d.el);
}

// --- locks ---------------------------------------------------------------------------------

#[test]
fn lock_discovery_rfc4918_example() {
    // RFC 4918 §15.8.1's value.
    let v = "
      <D:activelock>
        <D:locktype><D:write/></D:locktype>
        <D:lockscope><D:exclusive/></D:lockscope>
        <D:depth>0</D:depth>
        <D:owner>Jane Smith</D:owner>
        <D:timeout>Infinite</D:timeout>
        <D:locktoken>
          <D:href>urn:uuid:f81de2ad-7f3d-a1b2-4f3c-00a0c91a9d76</D:href>
        </D:locktoken>
        <D:lockroot>
          <D:href>http://www.example.com/container/</D:href>
        </D:lockroot>
      </D:activelock>";
    let d = Doc::new("D:lockdiscovery xmlns:D=\"DAV:\"", v);
    // The end tag is `</D:lockdiscovery xmlns...>`: build the body by hand.
    let body = d.body.replace("</D:lockdiscovery xmlns:D=\"DAV:\">", "</D:lockdiscovery>");
    let d = Doc { body, ..d };
    let locks: Vec<_> = props::lock_discovery(&d.prop()).unwrap().collect();
    assert_eq!(locks.len(), 1);
    let l = &locks[0];
    assert_eq!(
        (l.scope(), l.lock_type(), l.depth(), l.timeout()),
        (LockScope::Exclusive, LockType::Write, Depth::Zero, Some(Timeout::Infinite))
    );
    assert_eq!(l.owner().unwrap().text().unwrap().raw(), "Jane Smith");
    assert_eq!(l.lock_token().unwrap().raw(), "urn:uuid:f81de2ad-7f3d-a1b2-4f3c-00a0c91a9d76");
    assert_eq!(l.lock_tokens().count(), 1);
    assert_eq!(l.lock_root().unwrap().raw(), "http://www.example.com/container/");
    assert_eq!(l.offset(), d.find("<D:activelock>"));
}

/// An activelock of `parts` (scope, type, depth first unless given).
fn activelock(parts: &str) -> String {
    format!("<d:activelock>{parts}</d:activelock>")
}

const SCOPE: &str = "<d:lockscope><d:exclusive/></d:lockscope>";
const TYPE: &str = "<d:locktype><d:write/></d:locktype>";
const DEPTH: &str = "<d:depth>infinity</d:depth>";

#[test]
fn lock_discovery_forms() {
    let d = Doc::new("d:lockdiscovery", "");
    assert_eq!(props::lock_discovery(&d.prop()).unwrap().count(), 0);

    // Two locks, any order, RFC 2518 forms (no lockroot, two hrefs in locktoken), a shared
    // one with an extension lock type, `Infinity`, `second-` in any case, an href owner.
    let v = format!(
        "{}\n{}<x:other/>",
        activelock(&format!(
            "<d:depth>Infinity</d:depth>{TYPE}{SCOPE}<d:timeout> Second-604800 </d:timeout>\
             <d:locktoken><d:href>opaquelocktoken:a</d:href><d:href> opaquelocktoken:b </d:href></d:locktoken><x:ext/>"
        )),
        activelock(
            "<d:lockscope><d:shared/></d:lockscope><d:locktype><x:read/></d:locktype><d:depth>1</d:depth>\
             <d:owner><d:href>mailto:a@b</d:href></d:owner><d:timeout>second-4294967295</d:timeout>"
        )
    );
    let d = Doc::new("d:lockdiscovery", &v);
    let locks: Vec<_> = props::lock_discovery(&d.prop()).unwrap().collect();
    assert_eq!(locks.len(), 2);
    let (a, b) = (&locks[0], &locks[1]);
    assert_eq!((a.scope(), a.lock_type(), a.depth()), (LockScope::Exclusive, LockType::Write, Depth::Infinity));
    assert_eq!(a.timeout(), Some(Timeout::Seconds(604_800)));
    assert_eq!(a.lock_token().unwrap().raw(), "opaquelocktoken:a");
    let tokens: Vec<&str> = a.lock_tokens().map(|t| t.raw()).collect();
    assert_eq!(tokens, ["opaquelocktoken:a", "opaquelocktoken:b"]);
    assert!(a.lock_root().is_none() && a.owner().is_none());
    assert_eq!(b.scope(), LockScope::Shared);
    let LockType::Other(n) = b.lock_type() else { panic!("{:?}", b.lock_type()) };
    assert!(n.is("urn:x", "read"));
    assert_eq!((b.depth(), b.timeout()), (Depth::One, Some(Timeout::Seconds(u32::MAX))));
    assert!(b.lock_token().is_none() && b.lock_tokens().next().is_none());
    assert!(b.owner().unwrap().has_child_elements());
}

#[test]
fn lock_discovery_malformed_forms() {
    let p = Property::LockDiscovery;
    let check = |parts: &str, kind: K, at: &dyn Fn(&Doc) -> usize| {
        let d = Doc::new("d:lockdiscovery", &activelock(parts));
        assert_err(props::lock_discovery(&d.prop()), p, kind, at(&d));
    };
    let lock = |d: &Doc| d.find("<d:activelock");
    check(&format!("{TYPE}{DEPTH}"), K::MissingElement, &lock);
    check(&format!("{SCOPE}{DEPTH}"), K::MissingElement, &lock);
    check(&format!("{SCOPE}{TYPE}"), K::MissingElement, &lock);
    check(&format!("{SCOPE}{TYPE}{DEPTH}{SCOPE}"), K::DuplicateElement, &|d| d.find(DEPTH) + DEPTH.len());
    check(&format!("{SCOPE}{TYPE}{DEPTH}{DEPTH}"), K::DuplicateElement, &|d| d.find(DEPTH) + DEPTH.len());
    let base = format!("{SCOPE}{TYPE}");
    check(&format!("{base}<d:depth>2</d:depth>"), K::UnknownValue, &|d| d.find(">2<") + 1);
    check(&format!("{base}<d:depth></d:depth>"), K::Empty, &|d| d.find("</d:depth"));
    check(&format!("{base}<d:depth><d:x/></d:depth>"), K::UnexpectedElement, &|d| d.find("<d:x/>"));
    check("<d:lockscope><x:exclusive/></d:lockscope>", K::UnknownValue, &|d| d.find("<x:exclusive"));
    check("<d:lockscope/>", K::MissingElement, &|d| d.find("<d:lockscope"));
    check("<d:lockscope><d:exclusive/><d:shared/></d:lockscope>", K::DuplicateElement, &|d| d.find("<d:shared"));
    check("<d:lockscope>exclusive</d:lockscope>", K::UnexpectedText, &|d| d.find("exclusive<"));
    check("<d:locktype> </d:locktype>", K::MissingElement, &|d| d.find("<d:locktype"));
    let full = format!("{SCOPE}{TYPE}{DEPTH}");
    let timeout = |v: &str| format!("{full}<d:timeout>{v}</d:timeout>");
    let at = |s: &'static str, k: usize| move |d: &Doc| d.find(s) + k;
    check(&timeout("Forever"), K::UnknownValue, &at(">Forever", 1));
    check(&timeout("Second-"), K::UnexpectedEnd, &at(">Second-<", 8));
    check(&timeout("Second-x"), K::InvalidChar, &at(">Second-x", 8));
    check(&timeout("Second-4294967296"), K::Overflow, &at(">Second-4", 8));
    check(&timeout("Second-99999999999999999999"), K::Overflow, &at(">Second-9", 8));
    check(&timeout("Second-10, Infinite"), K::InvalidChar, &at(">Second-10,", 10));
    check(&timeout("Sec-10"), K::UnknownValue, &at(">Sec", 1));
    check(&timeout(""), K::Empty, &at("</d:timeout", 0));
    check(&format!("{full}<d:locktoken/>"), K::MissingElement, &at("<d:locktoken", 0));
    check(&format!("{full}<d:locktoken><d:href><x:y/></d:href></d:locktoken>"), K::UnexpectedElement, &at("<x:y", 0));
    check(&format!("{full}<d:lockroot/>"), K::MissingElement, &at("<d:lockroot", 0));
    check(
        &format!("{full}<d:lockroot><d:href>/a</d:href><d:href>/b</d:href></d:lockroot>"),
        K::DuplicateElement,
        &at("<d:href>/b", 0),
    );
    check(&format!("{full}<d:owner/><d:owner/>"), K::DuplicateElement, &at("<d:owner/><d:owner/>", 10));
    // Text beside the activelocks.
    let d = Doc::new("d:lockdiscovery", &format!("{} x", activelock(&full)));
    assert_err(props::lock_discovery(&d.prop()), p, K::UnexpectedText, d.find("</d:activelock>") + 16);
}

#[test]
fn supported_lock_forms() {
    // RFC 4918 §15.10.1's value.
    let v = "
      <D:lockentry>
        <D:lockscope><D:exclusive/></D:lockscope>
        <D:locktype><D:write/></D:locktype>
      </D:lockentry>
      <D:lockentry>
        <D:lockscope><D:shared/></D:lockscope>
        <D:locktype><D:write/></D:locktype>
      </D:lockentry>";
    let d = Doc::new("d:supportedlock", &v.replace("D:", "d:"));
    let entries: Vec<_> = props::supported_lock(&d.prop()).unwrap().map(|e| (e.scope, e.lock_type)).collect();
    assert_eq!(entries, [(LockScope::Exclusive, LockType::Write), (LockScope::Shared, LockType::Write)]);
    let d = Doc::new("d:supportedlock", "");
    assert_eq!(props::supported_lock(&d.prop()).unwrap().count(), 0);

    let p = Property::SupportedLock;
    let d = Doc::new("d:supportedlock", &format!("<d:lockentry>{SCOPE}</d:lockentry>"));
    assert_err(props::supported_lock(&d.prop()), p, K::MissingElement, d.at);
    let d = Doc::new("d:supportedlock", &format!("<d:lockentry>{SCOPE}{TYPE}{TYPE}</d:lockentry>"));
    assert_err(props::supported_lock(&d.prop()), p, K::DuplicateElement, d.find(TYPE) + TYPE.len());
    let d = Doc::new("d:supportedlock", "<d:lockentry><d:lockscope><d:x/></d:lockscope></d:lockentry>");
    assert_err(props::supported_lock(&d.prop()), p, K::UnknownValue, d.find("<d:x/>"));
}

// --- principals, privileges, home sets, components -----------------------------------------

#[test]
fn current_user_principal_forms() {
    let p = Property::CurrentUserPrincipal;
    let d = Doc::new("d:current-user-principal", "\n <d:href> /principals/alice/ </d:href>\n");
    let Principal::Href(h) = props::current_user_principal(&d.prop()).unwrap() else { panic!() };
    assert_eq!((h.raw(), h.offset()), ("/principals/alice/", d.find("/principals")));
    let d = Doc::new("d:current-user-principal", "<d:unauthenticated/>");
    assert_eq!(props::current_user_principal(&d.prop()), Ok(Principal::Unauthenticated));
    let d = Doc::new("d:current-user-principal", "<x:other/>");
    assert_err(props::current_user_principal(&d.prop()), p, K::MissingElement, d.el);
    let d = Doc::new("d:current-user-principal", "<d:href>/a</d:href><d:unauthenticated/>");
    assert_err(props::current_user_principal(&d.prop()), p, K::DuplicateElement, d.find("<d:unauth"));
    let d = Doc::new("d:current-user-principal", "/a");
    assert_err(props::current_user_principal(&d.prop()), p, K::UnexpectedText, d.at);
}

#[test]
fn current_user_privilege_set_forms() {
    let v = "<d:privilege><d:read/></d:privilege> <d:privilege><d:write-content/></d:privilege>\
             <d:privilege><x:custom/></d:privilege><x:skipped/>";
    let d = Doc::new("d:current-user-privilege-set", v);
    let set = props::current_user_privilege_set(&d.prop()).unwrap();
    let names: Vec<String> = set.clone().map(|n| n.to_string()).collect();
    assert_eq!(names, ["{DAV:}read", "{DAV:}write-content", "{urn:x}custom"]);
    assert!(set.contains(DAV, "read") && set.contains("urn:x", "custom") && !set.contains(DAV, "write"));
    let d = Doc::new("d:current-user-privilege-set", "");
    assert_eq!(props::current_user_privilege_set(&d.prop()).unwrap().count(), 0);

    let p = Property::CurrentUserPrivilegeSet;
    let d = Doc::new("d:current-user-privilege-set", "<d:privilege><d:read/></d:privilege><d:privilege/>");
    assert_err(props::current_user_privilege_set(&d.prop()), p, K::MissingElement, d.find("<d:privilege/>"));
    let d = Doc::new("d:current-user-privilege-set", "<d:privilege>read</d:privilege>");
    assert_err(props::current_user_privilege_set(&d.prop()), p, K::UnexpectedText, d.find("read<"));
}

#[test]
fn home_sets() {
    type Accessor = for<'a> fn(&Element<'a>) -> Result<props::Hrefs<'a>, PropError>;
    let sets: &[(&str, Property, Accessor)] = &[
        ("C:calendar-home-set", Property::CalendarHomeSet, props::calendar_home_set),
        ("A:addressbook-home-set", Property::AddressbookHomeSet, props::addressbook_home_set),
    ];
    for &(tag, p, f) in sets {
        let d = Doc::new(tag, "\n <d:href>/cal/alice/</d:href><x:skipped/>\n <d:href> https://h/cal/ </d:href>\n");
        let hrefs: Vec<&str> = f(&d.prop()).unwrap().map(|t| t.raw()).collect();
        assert_eq!(hrefs, ["/cal/alice/", "https://h/cal/"]);
        let d = Doc::new(tag, "");
        assert_eq!(f(&d.prop()).unwrap().count(), 0);
        let d = Doc::new(tag, "<d:href><d:href>/a</d:href></d:href>");
        assert_err(f(&d.prop()), p, K::UnexpectedElement, d.find("<d:href>/a"));
        let d = Doc::new(tag, "/cal/");
        assert_err(f(&d.prop()), p, K::UnexpectedText, d.at);
    }
    // CalDAV's and CardDAV's are different properties.
    let d = Doc::new("A:calendar-home-set", "");
    assert_err(props::calendar_home_set(&d.prop()), Property::CalendarHomeSet, K::WrongProperty, d.el);
}

#[test]
fn supported_calendar_components() {
    let d = Doc::new("C:supported-calendar-component-set", "<C:comp name=\"VEVENT\"/>\n<C:comp name='VTODO'></C:comp>");
    let set = props::supported_calendar_component_set(&d.prop()).unwrap();
    let names: Vec<&str> = set.clone().map(|t| t.raw()).collect();
    assert_eq!(names, ["VEVENT", "VTODO"]);
    assert!(set.contains("vevent") && !set.contains("VJOURNAL"));
    let p = Property::SupportedCalendarComponentSet;
    let d = Doc::new("C:supported-calendar-component-set", "<C:comp name=\"VEVENT\"/><C:comp x:name=\"VTODO\"/>");
    assert_err(props::supported_calendar_component_set(&d.prop()), p, K::MissingAttribute, d.find("<C:comp x"));
}

// --- names, errors -------------------------------------------------------------------------

#[test]
fn property_names() {
    for p in Property::ALL {
        let prefix = match p.namespace() {
            DAV => "d",
            CALDAV => "C",
            CARDDAV => "A",
            CALENDARSERVER => "CS",
            ns => panic!("{ns}"),
        };
        let d = Doc::new(&format!("{prefix}:{}", p.local()), "");
        let e = d.prop();
        assert_eq!(Property::of(&e.name()), Some(p));
        assert!(p.matches(&e.name()));
    }
    let d = Doc::new("x:getetag", "");
    assert_eq!(Property::of(&d.prop().name()), None);
}

#[test]
fn prop_error_is_small_and_displays() {
    assert_eq!(std::mem::size_of::<PropError>(), 8);
    let d = Doc::new("d:getcontentlength", "12x");
    let e = props::content_length(&d.prop()).unwrap_err();
    assert_eq!(e.to_string(), format!("getcontentlength: character not allowed here (byte {})", d.at + 2));
}

// --- the response lookups ------------------------------------------------------------------

fn body_of(responses: &str) -> String {
    format!("{ROOT}{responses}</d:multistatus>")
}

#[test]
fn response_lookups() {
    let body = body_of(
        "<d:response><d:href>/a</d:href>\
         <d:propstat><d:prop><d:getcontentlength/><d:getetag/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>\
         <d:propstat><d:prop><d:getetag>\"2\"</d:getetag><x:getetag>x</x:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>\
         <d:propstat><d:prop><d:displayname>forbidden</d:displayname></d:prop><d:status>HTTP/1.1 403 Forbidden</d:status></d:propstat>\
         </d:response>",
    );
    let r = responses(body.as_bytes()).unwrap().next().unwrap().unwrap();
    // The value comes from the 2xx propstat, though a 404 one names it first.
    let e = r.property(DAV, "getetag").unwrap().unwrap();
    assert_eq!(props::etag(&e).unwrap().tag.raw(), "2");
    assert_eq!(r.property("urn:x", "getetag").unwrap().unwrap().text().unwrap().raw(), "x");
    // The status that goes with the value: the 2xx one (was the first propstat's, 404).
    assert_eq!(r.property_status(DAV, "getetag").unwrap().unwrap().code(), 200);
    assert_eq!(r.property_status(DAV, "getcontentlength").unwrap().unwrap().code(), 404);
    assert!(r.property(DAV, "getcontentlength").unwrap().is_none());
    assert!(r.property(DAV, "displayname").unwrap().is_none());
    assert_eq!(r.property_status(DAV, "displayname").unwrap().unwrap().code(), 403);
    // Absent.
    assert!(r.property(DAV, "resourcetype").unwrap().is_none());
    assert!(r.property_status(DAV, "resourcetype").unwrap().is_none());
    assert!(r.propstat_of(DAV, "resourcetype").unwrap().is_none());
    // Per propstat.
    let ps = r.propstat_of("urn:x", "getetag").unwrap().unwrap();
    assert_eq!(ps.status().unwrap().code(), 200);
    assert!(ps.property(DAV, "getcontentlength").unwrap().is_none());
    assert!(r.propstats().next().unwrap().unwrap().property(DAV, "getcontentlength").unwrap().is_some());
}

#[test]
fn response_lookups_without_status_and_past_the_kept_properties() {
    // A propstat without status (tolerated quirk): no value, and no status, but it is there.
    let body = body_of(
        "<d:response><d:href>/a</d:href><d:propstat><d:prop><d:getetag>\"1\"</d:getetag></d:prop></d:propstat></d:response>",
    );
    let r = responses(body.as_bytes()).unwrap().next().unwrap().unwrap();
    assert!(r.property(DAV, "getetag").unwrap().is_none());
    assert!(r.property_status(DAV, "getetag").unwrap().is_none());
    assert!(r.propstat_of(DAV, "getetag").unwrap().unwrap().status().is_none());

    // More properties than the response view keeps: the rest is read again.
    let n = multistatus::STORED_PROPERTIES + 3;
    let many: String = (0..n).map(|i| format!("<x:p{i}>{i}</x:p{i}>")).collect();
    let body = body_of(&format!(
        "<d:response><d:href>/a</d:href><d:propstat><d:prop>{many}<d:getcontentlength>77</d:getcontentlength></d:prop>\
         <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
    ));
    let r = responses(body.as_bytes()).unwrap().next().unwrap().unwrap();
    let e = r.property(DAV, "getcontentlength").unwrap().unwrap();
    assert_eq!(props::content_length(&e), Ok(77));
    assert_eq!(
        r.property("urn:x", &format!("p{}", n - 1)).unwrap().unwrap().text().unwrap().raw(),
        (n - 1).to_string()
    );
}

// --- no allocation -------------------------------------------------------------------------

#[test]
fn accessors_do_not_allocate() {
    let v = format!(
        "<d:getetag>W/&quot;a&amp;b&quot;</d:getetag><d:getcontentlength> 12 </d:getcontentlength>\
         <d:getcontenttype>text/plain; charset=\"utf-8\"</d:getcontenttype>\
         <d:resourcetype><d:collection/><C:calendar/></d:resourcetype>\
         <d:lockdiscovery>{}</d:lockdiscovery>\
         <d:supportedlock><d:lockentry>{SCOPE}{TYPE}</d:lockentry></d:supportedlock>\
         <d:current-user-privilege-set><d:privilege><d:read/></d:privilege></d:current-user-privilege-set>\
         <C:calendar-home-set><d:href>/c/</d:href></C:calendar-home-set>\
         <C:supported-calendar-component-set><C:comp name=\"VEVENT\"/></C:supported-calendar-component-set>\
         <d:getlastmodified>Tue, 05 Mar 2024 10:20:30 GMT</d:getlastmodified>",
        activelock(&format!(
            "{SCOPE}{TYPE}{DEPTH}<d:timeout>Second-5</d:timeout><d:locktoken><d:href>t</d:href></d:locktoken>"
        ))
    );
    let body = body_of(&format!(
        "<d:response><d:href>/a</d:href><d:propstat><d:prop>{v}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
    ));
    let mut slot: Response<'_> = Response::default();
    let mut rs: Responses<'_> = responses(body.as_bytes()).unwrap();
    let mut sum = 0usize;
    let info = allocation_counter::measure(|| {
        let r = rs.next_into(&mut slot).unwrap().unwrap();
        let get = |local: &str| r.property(DAV, local).unwrap().unwrap();
        let cal = |local: &str| r.property(CALDAV, local).unwrap().unwrap();
        sum += props::etag(&get("getetag")).unwrap().tag.unescaped_len();
        sum += props::content_length(&get("getcontentlength")).unwrap() as usize;
        sum += props::content_type(&get("getcontenttype")).unwrap().parameters().count();
        sum += props::resource_type(&get("resourcetype")).unwrap().types().count();
        for l in props::lock_discovery(&get("lockdiscovery")).unwrap() {
            sum += l.lock_tokens().count() + usize::from(l.timeout() == Some(Timeout::Seconds(5)));
        }
        sum += props::supported_lock(&get("supportedlock")).unwrap().count();
        sum += props::current_user_privilege_set(&get("current-user-privilege-set")).unwrap().count();
        sum += props::calendar_home_set(&cal("calendar-home-set")).unwrap().count();
        sum += props::supported_calendar_component_set(&cal("supported-calendar-component-set")).unwrap().count();
        sum += props::last_modified_text(&get("getlastmodified")).unwrap().raw().len();
        sum += usize::from(props::content_length(&get("getetag")).is_err());
    });
    assert_eq!(info.count_total, 0, "the accessors allocated");
    assert_eq!(sum, 3 + 12 + 1 + 2 + 2 + 1 + 1 + 1 + 1 + 29 + 1);
}

// --- the corpus ----------------------------------------------------------------------------

/// Answers that list properties by name only, each an empty element in a 200 propstat (a
/// PROPFIND `propname`, a PROPPATCH answer): there, every value that must not be empty is
/// `Empty`, by the design of these answers, not a server's quirk.
const NAMES_ONLY: &[&str] = &[
    "captured-local/apache-httpd-mod-dav/propfind-propname-depth0.xml",
    "captured-local/nginx-dav-ext/propfind-propname-depth0.xml",
    "rfc2518/rfc2518-8.1.3-example-using-propname-to-retrieve-all-property-na.xml",
    "rfc4918/rfc4918-9.1.4-example-using-propname-to-retrieve-all-property-na.xml",
    "webdavclient-cs/200-and-424-failed-dependency.xml",
    "zetacomponents-webdav/ezc-propname-ezc00000-prefix.xml",
    "zetacomponents-webdav/ezc-propname-with-locks-ezc00000.xml",
];

/// The other corpus values that do not read, with the kind reported (docs/parsing.md, "Live
/// properties"): real servers' quirks, and a client's test of a malformed value.
const REFUSED: &[(&str, &str, K)] = &[
    // Zope sends `getcontenttype` and `getcontentlength` empty on collections.
    ("sardine/zope-propfind-two-collections.xml", "getcontentlength", K::Empty),
    ("sardine/zope-propfind-two-collections.xml", "getcontenttype", K::Empty),
    // tsdav's test that a client refuses a principal without href.
    ("tsdav/empty-current-user-principal.xml", "current-user-principal", K::MissingElement),
    // Nextcloud's -3: "unlimited".
    ("webdav-client-js/propfind-float-like-displayname.xml", "quota-available-bytes", K::Negative),
    ("webdav-client-js/propfind-nextcloud-share-attributes.xml", "quota-available-bytes", K::Negative),
    ("webdav-client-js/propfind-numeric-displayname.xml", "quota-available-bytes", K::Negative),
    ("webdav-client-js/quota-valid.xml", "quota-available-bytes", K::Negative),
];

/// Every value, in the 2xx propstats of every corpus body outside `quirky/`, of every property
/// `props` reads, read whole: only the values above are refused, each with its kind.
#[test]
fn corpus_values_read() {
    let Some(dir) = common::corpus_dir("corpus_values_read") else { return };
    let files = common::corpus_files("corpus_values_read");
    let mut read = std::collections::BTreeMap::<&str, usize>::new();
    let mut refused = std::collections::HashSet::new();
    let mut unquoted = std::collections::BTreeMap::<String, usize>::new();
    for path in files.iter().filter(|p| !common::is_quirky(p)) {
        let body = std::fs::read(path).unwrap();
        let rel = path.strip_prefix(&dir).unwrap().display().to_string();
        let rs = Responses::<'_, 32, 32, 2048, 64, 16>::with_options(&body, multistatus::Options::default()).unwrap();
        for r in rs {
            let r = r.unwrap_or_else(|e| panic!("{rel}: {e}"));
            for ps in common::propstats_of(&r).into_iter().filter(|ps| ps.status().is_some_and(|s| s.is_success())) {
                for e in ps.properties() {
                    let e = e.unwrap();
                    let Some(p) = Property::of(&e.name()) else { continue };
                    *read.entry(p.local()).or_default() += 1;
                    if p == Property::GetEtag && props::etag(&e).is_ok_and(|t| t.unquoted) {
                        *unquoted.entry(rel.clone()).or_default() += 1;
                    }
                    if let Err(err) = read_any(p, &e) {
                        let at = err.offset();
                        let around = String::from_utf8_lossy(&body[at.saturating_sub(10)..(at + 30).min(body.len())]);
                        eprintln!("{rel}: {err}: {around:?}");
                        refused.insert((rel.clone(), p.local(), err.kind()));
                    }
                }
            }
        }
    }
    eprintln!("corpus values read, by property: {read:?}");
    eprintln!("unquoted ETags (a tolerated quirk), by file: {unquoted:?}");
    assert!(!unquoted.is_empty(), "the corpus has unquoted ETags");
    for (file, prop, kind) in &refused {
        let names_only = NAMES_ONLY.contains(&file.as_str()) && *kind == K::Empty;
        let listed = REFUSED.contains(&(file.as_str(), *prop, *kind));
        assert!(names_only || listed, "{file}: {prop} refused ({kind:?}) and not listed");
    }
    for f in NAMES_ONLY {
        assert!(refused.iter().any(|(file, _, _)| file == f), "{f}: listed as names only, but no empty value");
    }
    for &(f, p, k) in REFUSED {
        assert!(refused.contains(&(f.to_string(), p, k)), "{f}: {p} ({k:?}) listed, but read");
    }
    // The common properties are there to read.
    for p in ["getetag", "getcontentlength", "getcontenttype", "resourcetype", "getlastmodified", "creationdate"] {
        assert!(read.get(p).is_some_and(|&n| n >= 50), "{p}: {read:?}");
    }
}

/// Reads `e` as property `p` whole (iterators run to their end): the number of items.
fn read_any(p: Property, e: &Element<'_, 32, 32, 2048>) -> Result<usize, PropError> {
    match p {
        Property::CreationDate => props::creation_date(e).map(|_| 1),
        Property::DisplayName => props::display_name(e).map(|_| 1),
        Property::GetContentLanguage => props::content_language(e).map(|_| 1),
        Property::GetContentLength => props::content_length(e).map(|_| 1),
        Property::GetContentType => props::content_type(e).map(|m| m.parameters().count()),
        Property::GetEtag => props::etag(e).map(|_| 1),
        Property::GetLastModified => props::last_modified(e).map(|_| 1),
        Property::LockDiscovery => props::lock_discovery(e).map(|l| l.count()),
        Property::ResourceType => props::resource_type(e).map(|t| t.types().count()),
        Property::SupportedLock => props::supported_lock(e).map(|l| l.count()),
        Property::CurrentUserPrincipal => props::current_user_principal(e).map(|_| 1),
        Property::CurrentUserPrivilegeSet => props::current_user_privilege_set(e).map(|s| s.count()),
        Property::QuotaAvailableBytes => props::quota_available_bytes(e).map(|_| 1),
        Property::QuotaUsedBytes => props::quota_used_bytes(e).map(|_| 1),
        Property::SyncToken => props::sync_token(e).map(|_| 1),
        Property::CalendarHomeSet => props::calendar_home_set(e).map(|h| h.count()),
        Property::AddressbookHomeSet => props::addressbook_home_set(e).map(|h| h.count()),
        Property::SupportedCalendarComponentSet => props::supported_calendar_component_set(e).map(|c| c.count()),
        Property::GetCtag => props::ctag(e).map(|_| 1),
        _ => Ok(0),
    }
}

// --- any value: no panic, errors inside the property, ETags read back ----------------------

/// Pieces of values: the syntax of every property, the XML ways of writing it, and noise.
const PIECES: &[&str] = &[
    "\"",
    "W",
    "/",
    ";",
    "=",
    " ",
    "\t",
    "\n",
    "\r\n",
    "a",
    "Z",
    "0",
    "9",
    "-",
    "\\",
    ",",
    ".",
    "+",
    "é",
    "&quot;",
    "&#34;",
    "&#x22;",
    "&amp;",
    "&#32;",
    "<![CDATA[",
    "]]>",
    "<![CDATA[\"a;b\"]]>",
    "<!--c-->",
    "<?p?>",
    "Second-",
    "Infinite",
    "infinity",
    "text/plain",
    "charset=",
    "<d:href>/x</d:href>",
    "<d:href> </d:href>",
    "<d:collection/>",
    "<C:calendar/>",
    "<d:activelock>",
    "</d:activelock>",
    "<d:lockscope><d:exclusive/></d:lockscope>",
    "<d:lockscope><d:shared/></d:lockscope>",
    "<d:locktype><d:write/></d:locktype>",
    "<d:depth>0</d:depth>",
    "<d:depth>",
    "</d:depth>",
    "<d:timeout>",
    "</d:timeout>",
    "<d:locktoken>",
    "</d:locktoken>",
    "<d:lockroot>",
    "</d:lockroot>",
    "<d:owner>x</d:owner>",
    "<d:privilege>",
    "</d:privilege>",
    "<d:read/>",
    "<C:comp name=\"VEVENT\"/>",
    "<C:comp/>",
    "<d:lockentry>",
    "</d:lockentry>",
    "<d:unauthenticated/>",
    "<x:y/>",
];

#[test]
fn any_value_reads_or_fails_inside_the_property() {
    let prefix = |p: Property| match p.namespace() {
        DAV => "d",
        CALDAV => "C",
        CARDDAV => "A",
        _ => "CS",
    };
    let (ran, oks) = (std::cell::Cell::new(0usize), std::cell::Cell::new(0usize));
    arbtest::arbtest(|u| {
        let n = u.int_in_range(0..=14)?;
        let mut v = String::new();
        for _ in 0..n {
            v += *u.choose(PIECES)?;
        }
        let p = *u.choose(&Property::ALL)?;
        let d = Doc::new(&format!("{}:{}", prefix(p), p.local()), &v);
        if Parser::new(d.body.as_bytes()).unwrap().any(|ev| ev.is_err()) {
            return Ok(());
        }
        ran.set(ran.get() + 1);
        let e = d.prop();
        match read_any(p, &e) {
            Ok(_) => oks.set(oks.get() + 1),
            Err(err) => {
                assert_eq!(err.property(), p);
                assert!((e.offset()..e.end()).contains(&err.offset()), "{v:?}: {err} outside the property");
            }
        }
        // An ETag read is a slice of the body, and its `Display` reads back as the same ETag.
        if let (Property::GetEtag, Ok(t)) = (p, props::etag(&e)) {
            assert_eq!(&d.body[t.tag.offset()..t.tag.offset() + t.tag.raw().len()], t.tag.raw());
            let shown = t.to_string().replace('&', "&amp;").replace('<', "&lt;");
            let again = Doc::new("d:getetag", &shown);
            let u = props::etag(&again.prop()).unwrap_or_else(|e| panic!("{v:?} shown as {shown:?}: {e}"));
            assert_eq!((u.weak, u.tag.to_string(), u.unquoted), (t.weak, t.tag.to_string(), false), "{v:?}");
        }
        Ok(())
    })
    .budget_ms(400)
    .run();
    eprintln!("{} well-formed values, {} read", ran.get(), oks.get());
    assert!(ran.get() > 50, "only {} well-formed values", ran.get());
}

/// `getlastmodified` and `creationdate` read as dates, in place or unescaped; a malformed date
/// is `InvalidDate` where the date parser stopped, in the body.
#[test]
fn dates() {
    use multistatus::{DateErrorKind, DateTime, HttpDate};
    let d = Doc::new("d:getlastmodified", " Sun, 06 Nov 1994 08:49:37 GMT ");
    assert_eq!(props::last_modified(&d.prop()).unwrap(), HttpDate::from_unix_seconds(784_111_777).unwrap());
    let d = Doc::new("d:getlastmodified", "Sun, 06 Nov 1994 08:49:37&#32;GMT");
    assert_eq!(props::last_modified(&d.prop()).unwrap().unix_seconds(), 784_111_777);
    let d = Doc::new("d:creationdate", "1997-12-01T17:42:21-08:00");
    let t = props::creation_date(&d.prop()).unwrap();
    assert_eq!((t.unix_seconds(), t.offset_minutes()), (881_026_941, -480));
    assert_eq!(t.unix_seconds(), "1997-12-02T01:42:21Z".parse::<DateTime>().unwrap().unix_seconds());
    // Malformed: the month, at its place in the body.
    let d = Doc::new("d:getlastmodified", "Sun, 06 Nox 1994 08:49:37 GMT");
    assert_err(
        props::last_modified(&d.prop()),
        Property::GetLastModified,
        K::InvalidDate(DateErrorKind::Month),
        d.find("Nox"),
    );
    let d = Doc::new("d:creationdate", "1997-13-01T17:42:21Z");
    assert_err(
        props::creation_date(&d.prop()),
        Property::CreationDate,
        K::InvalidDate(DateErrorKind::Month),
        d.find("13-"),
    );
    // Escaped and too long to be a date: at its first wrong character.
    let long = format!("&#32;{}", "x".repeat(100));
    let d = Doc::new("d:getlastmodified", &long);
    assert_err(
        props::last_modified(&d.prop()),
        Property::GetLastModified,
        K::InvalidDate(DateErrorKind::Weekday),
        d.at + 5,
    );
    // The wrong element.
    let d = Doc::new("d:getetag", "\"x\"");
    assert_err(props::last_modified(&d.prop()), Property::GetLastModified, K::WrongProperty, d.el);
}

/// A date written with references, CDATA or comments is read as its string value says, and
/// its error is at the character in the body where it went wrong, as for a plain date. It was
/// unescaped into a 64-byte buffer and its errors put at the text's start; a value longer than
/// that (an RFC 3339 fraction of many digits, much white space written as `&#32;`) was
/// refused (`TrailingBytes` at the start) although the same value written plainly reads.
#[test]
fn a_date_with_markup_reads_and_fails_where_a_plain_one_does() {
    use multistatus::DateErrorKind as DK;
    let (lm, cd) = (Property::GetLastModified, Property::CreationDate);
    let d = Doc::new("d:getlastmodified", "Sun, 06 Nov 1994&#32;08:49:37 GMX");
    assert_err(props::last_modified(&d.prop()), lm, K::InvalidDate(DK::Zone), d.find("GMX"));
    let d = Doc::new("d:getlastmodified", "Sun, 06 Nov 1994 <!-- x -->25:49:37 GMT");
    assert_err(props::last_modified(&d.prop()), lm, K::InvalidDate(DK::Hour), d.find("25:"));
    let d = Doc::new("d:getlastmodified", "Sun, 06 Nov 1994<!-- x -->");
    assert_err(props::last_modified(&d.prop()), lm, K::InvalidDate(DK::Truncated), d.find("<!--"));
    let d = Doc::new("d:creationdate", "&#49;985-13-12T23:20:50Z");
    assert_err(props::creation_date(&d.prop()), cd, K::InvalidDate(DK::Month), d.find("13-"));
    let d = Doc::new("d:creationdate", "<![CDATA[1985-04-12]]>T23:20:5x");
    assert_err(props::creation_date(&d.prop()), cd, K::InvalidDate(DK::Second), d.find("5x"));

    // Long values: a fraction of any length, white space however long.
    let fraction = format!("1985-04-12T23:20:50.25{}1Z", "0".repeat(80));
    for v in [format!("{fraction}&#32;"), format!("{}{fraction}<!---->{}", "&#32;".repeat(100), "&#x9;".repeat(100))] {
        let d = Doc::new("d:creationdate", &v);
        let t = props::creation_date(&d.prop()).unwrap_or_else(|e| panic!("{v:?}: {e}"));
        assert_eq!((t.unix_seconds(), t.nanoseconds()), (482_196_050, 250_000_000));
    }
    let d = Doc::new("d:creationdate", &format!("{}{fraction}x", "&#32;".repeat(100)));
    assert_err(props::creation_date(&d.prop()), cd, K::InvalidDate(DK::TrailingBytes), d.find("x<"));
    let d = Doc::new("d:getlastmodified", &format!("{}Sun, 06 Nov 1994 08:49:37 GMT&#32;", "<![CDATA[ ]]>".repeat(50)));
    assert_eq!(props::last_modified(&d.prop()).map(|t| t.unix_seconds()), Ok(784_111_777));
    let d = Doc::new("d:getlastmodified", &format!("Sun, 06 Nov 1994 08:49:37 GMT&#32;{}", "9".repeat(100)));
    assert_err(props::last_modified(&d.prop()), lm, K::InvalidDate(DK::TrailingBytes), d.find("&#32;9"));
}
