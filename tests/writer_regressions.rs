//! The writer's findings of the independent review (issue 14), one named test each: what the
//! writer writes reads back identically, and what cannot read back identically is refused
//! before anything of that call is written.
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

use multistatus::{Error, ErrorKind, Event, MultistatusTail, Options, Parser, ResponseTail, Writer, WriterOptions};

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
        assert_refused(&format!("begin_response({h:?})"), ErrorKind::InvalidChar, none, |w| w.begin_response(h));
        assert_refused(&format!("status_response({h:?})"), ErrorKind::InvalidChar, none, |w| {
            w.status_response(&["/ok", h], 200, "OK")
        });
        assert_refused(
            &format!("location {h:?}"),
            ErrorKind::InvalidChar,
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
        assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidChar, before), "{t:?}");
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
