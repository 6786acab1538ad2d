//! The writer's findings of the independent review (issue 14), one named test each: what the
//! writer writes reads back identically, and what cannot read back identically is refused
//! before anything of that call is written.

use multistatus::{
    DavPrefix, Error, ErrorKind, Event, MultistatusTail, Options, Parser, ResponseTail, Writer, WriterOptions,
};

type W = Writer<'static, String>;

fn writer() -> W {
    Writer::new(String::new(), WriterOptions::new().xml_declaration(false)).unwrap()
}

/// What the strict parser reads: `(hrefs, statuses as (code, reason), locations, sync-token)`,
/// every text unescaped.
#[derive(Debug, Default, PartialEq, Eq)]
struct Read {
    hrefs: Vec<String>,
    statuses: Vec<(u16, String)>,
    locations: Vec<String>,
    sync_token: Option<String>,
}

fn read(body: &str) -> Read {
    let mut r = Read::default();
    let p: Parser<'_> = Parser::with_options(body.as_bytes(), Options::strict()).unwrap();
    for ev in p {
        match ev.unwrap_or_else(|e| panic!("{e} in {body}")) {
            Event::Href(t) => r.hrefs.push(t.to_string()),
            Event::Status(s) => {
                // The reason from the unescaped line (`reason()` is empty when it holds references).
                let line = s.text().to_string();
                let reason = line.splitn(3, ' ').nth(2).unwrap_or("").to_string();
                r.statuses.push((s.code(), reason));
            }
            Event::Location(t) => r.locations.push(t.to_string()),
            Event::SyncToken(t) => r.sync_token = Some(t.to_string()),
            _ => {}
        }
    }
    r
}

/// After a first response and `setup`, `call` is refused with `kind`, writing nothing, and the
/// writer stays stopped.
fn assert_refused(
    what: &str,
    kind: ErrorKind,
    setup: impl FnOnce(&mut W) -> Result<(), Error>,
    call: impl FnOnce(&mut W) -> Result<(), Error>,
) {
    let mut w = writer();
    w.begin_status_response(&["/first"], 200, "OK").unwrap();
    w.end_response().unwrap();
    setup(&mut w).unwrap();
    let before = w.written();
    let e = call(&mut w).map(|()| w.written()).expect_err(what);
    assert_eq!(e.kind(), kind, "{what}");
    assert_eq!(e.offset(), before, "{what}: the offset is the bytes written before the call");
    assert_eq!(w.written(), before, "{what}: nothing of the refused call is written");
    assert_eq!(w.error(), Some(e), "{what}: stays stopped");
}

/// Every XML white-space character (the ones the reader trims), alone and around a value.
const WS: [&str; 4] = [" ", "\t", "\r", "\n"];

fn untrimmed() -> Vec<String> {
    let mut v = Vec::new();
    for ws in WS {
        v.push(format!("{ws}/a"));
        v.push(format!("/a{ws}"));
        v.push(format!("{ws}/a{ws}"));
        v.push(ws.to_string());
    }
    v
}

// --- finding 7: values the reader trims ----------------------------------------------------------

#[test]
fn href_with_white_space_at_an_end_is_refused() {
    for h in untrimmed() {
        let h = h.as_str();
        let none = |_: &mut W| Ok(());
        assert_refused(&format!("begin_response({h:?})"), ErrorKind::UntrimmedValue, none, |w| w.begin_response(h));
        assert_refused(&format!("status_response({h:?})"), ErrorKind::UntrimmedValue, none, |w| {
            w.status_response(&["/ok", h], 200, "OK")
        });
        assert_refused(
            &format!("location {h:?}"),
            ErrorKind::UntrimmedValue,
            |w| w.begin_status_response(&["/ok"], 301, "Moved"),
            |w| w.end_response_with(ResponseTail { location: Some(h), ..ResponseTail::default() }),
        );
    }
}

#[test]
fn sync_token_with_white_space_at_an_end_is_refused() {
    for t in untrimmed() {
        let mut w = writer();
        w.status_response(&["/a"], 200, "OK").unwrap();
        let before = w.written();
        let e = w.finish_with(MultistatusTail { sync_token: Some(&t), description: None }).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::UntrimmedValue, before), "{t:?}");
    }
}

#[test]
fn reason_with_white_space_at_an_end_is_refused() {
    for r in [" OK", "OK ", "\tOK", "OK\t", " ", "\t", "  Not Found  "] {
        let none = |_: &mut W| Ok(());
        assert_refused(&format!("status_response reason {r:?}"), ErrorKind::InvalidStatus, none, |w| {
            w.status_response(&["/a"], 200, r)
        });
        assert_refused(
            &format!("end_propstat reason {r:?}"),
            ErrorKind::InvalidStatus,
            |w| {
                w.begin_response("/a")?;
                w.begin_propstat()
            },
            |w| w.end_propstat(200, r),
        );
    }
}

/// The fix refuses only the ends: white space inside, and the other characters the reader
/// does not trim (NBSP, NEL, LINE SEPARATOR, a BOM), read back exactly.
#[test]
fn white_space_inside_trimmed_values_reads_back() {
    let values = ["/a b", "/a\tb", "/a\r\nb", "/a\rb", "\u{A0}/a\u{A0}", "\u{85}/a\u{2028}", "\u{FEFF}/a", "a&b<c>"];
    for v in values {
        let mut w = writer();
        w.begin_status_response(&[v, "/2"], 301, "Moved  Per\tmanently \u{A0}").unwrap();
        w.end_response_with(ResponseTail { location: Some(v), ..ResponseTail::default() }).unwrap();
        w.begin_response(v).unwrap();
        w.begin_propstat().unwrap();
        w.end_propstat(404, "Not & <Found>").unwrap();
        w.end_response().unwrap();
        let out = w.finish_with(MultistatusTail { sync_token: Some(v), description: None }).unwrap();
        let want = Read {
            hrefs: vec![v.to_string(), "/2".to_string(), v.to_string()],
            statuses: vec![(301, "Moved  Per\tmanently \u{A0}".to_string()), (404, "Not & <Found>".to_string())],
            locations: vec![v.to_string()],
            sync_token: Some(v.to_string()),
        };
        assert_eq!(read(&out), want, "{out}");
    }
}

/// Empty values have no white space to lose: the strict parser reads them back empty (the
/// writer does not judge hrefs as URIs, as the parser does not).
#[test]
fn empty_trimmed_values_read_back() {
    let mut w = writer();
    w.status_response(&[""], 200, "").unwrap();
    w.begin_response("").unwrap();
    w.begin_propstat().unwrap();
    w.end_propstat(200, "").unwrap();
    w.end_response_with(ResponseTail { location: Some(""), description: Some(""), error: None }).unwrap();
    let out = w.finish_with(MultistatusTail { sync_token: Some(""), description: Some("") }).unwrap();
    let want = Read {
        hrefs: vec![String::new(), String::new()],
        statuses: vec![(200, String::new()), (200, String::new())],
        locations: vec![String::new()],
        sync_token: Some(String::new()),
    };
    assert_eq!(read(&out), want, "{out}");
}

// --- finding 8: names only the fifth edition of XML 1.0 allows ----------------------------------

/// Characters the fifth edition allows in names and the fourth (Appendix B, what expat and so
/// neon and Python read) does not, anywhere in a name.
const FIFTH_ONLY: [char; 9] =
    ['\u{FEFF}', '\u{FFFD}', '\u{D7FF}', '\u{10000}', '\u{EFFFF}', '\u{F900}', '\u{2070}', '\u{37F}', '\u{1F600}'];

/// Characters both editions allow in a name, but the fourth not as its first character
/// (a digit, an extender, a combining character), while the fifth does.
const FOURTH_NOT_FIRST: [char; 4] = ['\u{660}', '\u{E46}', '\u{3005}', '\u{F20}'];

/// Fourth-edition letters (`BaseChar`, `Ideographic`): fine anywhere.
const FOURTH_LETTERS: [char; 8] = ['\u{C0}', '\u{391}', '\u{4E00}', '\u{AC00}', '\u{D7A3}', '\u{3007}', 'é', 'ß'];

fn property_result(ns: &str, local: &str, raw: Option<&str>) -> Result<String, Error> {
    let mut w = writer();
    w.begin_response("/a")?;
    w.begin_propstat()?;
    match raw {
        Some(raw) => w.property_raw(ns, local, raw)?,
        None => w.property_empty(ns, local)?,
    }
    w.end_propstat(200, "OK")?;
    w.end_response()?;
    w.finish()
}

fn names_refused(c: char) -> Vec<(String, ErrorKind)> {
    let mut refused = Vec::new();
    let mut check = |what: String, r: Result<String, Error>| match r {
        Err(e) => refused.push((what, e.kind())),
        Ok(out) => panic!("{what}: written, not refused:\n{out}"),
    };
    check(format!("local {c:?}"), property_result("DAV:", &format!("{c}"), None));
    check(format!("local a{c:?}"), property_result("urn:x", &format!("a{c}"), None));
    let raws = [
        format!("<a{c}/>"),
        format!("<x><{c}/></x>"),
        format!("<p{c}:a xmlns:p{c}=\"urn:x\"/>"),
        format!("<a b{c}='1'/>"),
        format!("<a xmlns:q=\"urn:q\" q:b{c}=\"1\"/>"),
        format!("text<?pi{c} data?>"),
    ];
    for raw in &raws {
        check(format!("raw {raw:?}"), property_result("DAV:", "p", Some(raw)));
        let mut w = writer();
        let tail = ResponseTail { error: Some(raw), ..ResponseTail::default() };
        let r = w.begin_status_response(&["/a"], 403, "Forbidden").and_then(|()| w.end_response_with(tail));
        check(format!("error {raw:?}"), r.and_then(|()| w.finish()));
    }
    for p in [format!("D{c}"), format!("{c}")] {
        let dav =
            Writer::new(String::new(), WriterOptions::new().dav_prefix(DavPrefix::Named(&p))).map(|_| String::new());
        check(format!("dav prefix {p:?}"), dav);
        let ns = [(p.as_str(), "urn:x")];
        let root = Writer::new(String::new(), WriterOptions::new().namespaces(&ns)).map(|_| String::new());
        check(format!("root prefix {p:?}"), root);
    }
    refused
}

#[test]
fn names_only_the_fifth_edition_allows_are_refused() {
    for c in FIFTH_ONLY {
        for (what, kind) in names_refused(c) {
            assert_eq!(kind, ErrorKind::InvalidName, "{what}");
        }
    }
    // Not first, in every kind of name; fine after the first character (below).
    for c in FOURTH_NOT_FIRST {
        let first = [
            property_result("DAV:", &format!("{c}a"), None),
            property_result("DAV:", "p", Some(&format!("<{c}a/>"))),
            property_result("DAV:", "p", Some(&format!("<a {c}b='1'/>"))),
            property_result("DAV:", "p", Some(&format!("<{c}p:a xmlns:{c}p='urn:x'/>"))),
            property_result("DAV:", "p", Some(&format!("<p:{c}a xmlns:p='urn:x'/>"))),
            property_result("DAV:", "p", Some(&format!("<?{c}pi?>"))),
        ];
        for (i, r) in first.into_iter().enumerate() {
            assert_eq!(r.map_err(|e| e.kind()), Err(ErrorKind::InvalidName), "{c:?} first, case {i}");
        }
    }
}

/// What the writer keeps writing: every ASCII name character, the fourth edition's letters,
/// digits, combining characters and extenders; the strict parser reads the names back.
#[test]
fn names_both_editions_allow_are_written() {
    let mut names: Vec<String> = Vec::new();
    for c in ('A'..='Z').chain('a'..='z').chain(['_']).chain(FOURTH_LETTERS) {
        names.push(format!("{c}"));
        names.push(format!("{c}-.0123456789_{c}"));
    }
    for c in FOURTH_NOT_FIRST.into_iter().chain(['\u{B7}', '\u{300}', '\u{20D0}', '\u{309A}']) {
        names.push(format!("a{c}"));
    }
    for name in &names {
        let raw = format!("<{name} {name}='1' xmlns:{name}='urn:x'><{name}:{name}/><?{name} x?></{name}>");
        let out = property_result("urn:x", name, Some(&raw)).unwrap_or_else(|e| panic!("{name:?}: {e}"));
        let p: Parser<'_> = Parser::with_options(out.as_bytes(), Options::strict()).unwrap();
        let mut seen = false;
        for ev in p {
            if let Event::Property(e) = ev.unwrap_or_else(|e| panic!("{e} in {out}")) {
                assert_eq!(e.name().local(), name.as_str());
                assert_eq!(e.inner_raw(), raw);
                seen = true;
            }
        }
        assert!(seen, "{out}");
    }
    // Every other ASCII character is refused at the start and inside a name.
    for b in (0x21u8..0x7F).filter(|b| !b.is_ascii_alphanumeric() && !b"_-.".contains(b)) {
        let c = char::from(b);
        assert!(property_result("DAV:", &format!("a{c}"), None).is_err(), "{c:?}");
    }
    for c in ('0'..='9').chain(['-', '.']) {
        assert!(property_result("DAV:", &format!("{c}a"), None).is_err(), "{c:?}");
    }
}

// --- hunt 2: the error-body writer ---------------------------------------------------------------

/// `ErrorBody::message` and `ErrorBody::exception` read the first `s:message` and
/// `s:exception`: a second one would be lost, so the writer refuses it (`DuplicateElement`),
/// writing nothing of that call, and stays stopped.
#[test]
fn error_writer_refuses_a_second_message_or_exception() {
    use multistatus::dav_error::{ErrorBody, ErrorWriter};
    type Call = fn(&mut ErrorWriter<String>, &str) -> Result<(), Error>;
    let calls: [(&str, Call); 2] = [("message", |w, t| w.message(t)), ("exception", |w, t| w.exception(t))];
    for (what, call) in calls {
        let mut w = ErrorWriter::new(String::new()).unwrap();
        call(&mut w, "first").unwrap();
        let before = w.written();
        let e = call(&mut w, "second").expect_err(what);
        assert_eq!((e.kind(), e.offset()), (ErrorKind::DuplicateElement, before), "{what}");
        assert_eq!(w.written(), before, "{what}: nothing of the refused call is written");
        assert_eq!(w.finish().unwrap_err(), e, "{what}: stays stopped");
    }
    // One of each reads back, in either order.
    let mut w = ErrorWriter::new(String::new()).unwrap();
    w.exception("E").unwrap();
    w.message("M").unwrap();
    let out = w.finish().unwrap();
    let body = ErrorBody::parse(out.as_bytes()).unwrap();
    assert_eq!(body.message().unwrap().map(|t| t.to_string()).as_deref(), Some("M"));
    assert_eq!(body.exception().unwrap().map(|t| t.to_string()).as_deref(), Some("E"));
}

// --- hunt 2: the documented kinds of refusal ---------------------------------------------------

/// The writer's table: a character XML 1.0 does not allow, in any text, href, URI *or reason*, is
/// `InvalidChar`; a reason with a control character (or white space at an end) is
/// `InvalidStatus`. U+FFFE and U+FFFF in a reason were `InvalidStatus`.
#[test]
fn reason_with_a_character_xml_does_not_allow_is_invalid_char() {
    for c in ['\u{FFFE}', '\u{FFFF}'] {
        for r in [format!("{c}"), format!("Not{c}Found"), format!("OK{c}")] {
            let none = |_: &mut W| Ok(());
            assert_refused(&format!("status_response reason {r:?}"), ErrorKind::InvalidChar, none, |w| {
                w.status_response(&["/a"], 200, &r)
            });
            assert_refused(
                &format!("end_propstat reason {r:?}"),
                ErrorKind::InvalidChar,
                |w| {
                    w.begin_response("/a")?;
                    w.begin_propstat()
                },
                |w| w.end_propstat(404, &r),
            );
        }
    }
    // Controls stay `InvalidStatus`, those XML allows (LF, CR, DEL) and those it does not (NUL).
    for r in ["O\nK", "O\rK", "O\u{7F}K", "O\u{0}K", "O\u{1B}K"] {
        let none = |_: &mut W| Ok(());
        assert_refused(&format!("reason {r:?}"), ErrorKind::InvalidStatus, none, |w| {
            w.status_response(&["/a"], 200, r)
        });
    }
}

/// The documented limit of namespaces a raw value declares: 21 of its own (the property's
/// namespace is the 22nd in scope), whatever the property's namespace; the docs said 22.
#[test]
fn a_raw_value_declares_at_most_21_namespaces() {
    for ns in ["urn:x", "DAV:"] {
        for (n, ok) in [(21, true), (22, false)] {
            let decls: String = (0..n).map(|i| format!(" xmlns:n{i}=\"urn:{i}\"")).collect();
            let r = property_result(ns, "p", Some(&format!("<a{decls}/>")));
            match r {
                Ok(out) => assert!(ok, "{n} in {ns}: written\n{out}"),
                Err(e) => assert!(!ok && e.kind() == ErrorKind::NamespaceLimit, "{n} in {ns}: {:?}", e.kind()),
            }
        }
    }
}
