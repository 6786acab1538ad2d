//! The writer's typed property setters (issue 17): numbers, HTTP dates, entity tags and
//! `resourcetype`, each read back by the parser as written.

use multistatus::{DAV, DavPrefix, ErrorKind, Event, HttpDate, Node, Parser, SliceSink, Writer, WriterOptions};

/// Writes one propstat with the properties `props` writes, under each DAV prefix style, and
/// returns, for each style, every property as (local name, text or child names).
fn written(
    props: impl Fn(&mut Writer<'_, SliceSink<'_>>) -> Result<(), multistatus::Error>,
) -> Vec<Vec<(String, String)>> {
    let mut out = vec![];
    for prefix in [DavPrefix::Default, DavPrefix::Named("D")] {
        let mut buf = vec![0u8; 4096];
        let mut w = Writer::new(SliceSink::new(&mut buf), WriterOptions::new().dav_prefix(prefix)).unwrap();
        w.begin_response("/a").unwrap();
        w.begin_propstat().unwrap();
        props(&mut w).unwrap();
        w.end_propstat(200, "OK").unwrap();
        w.end_response().unwrap();
        let body = w.finish().unwrap().into_bytes().to_vec();
        let mut got = vec![];
        for ev in Parser::<'_, 32, 32, 2048>::with_options(&body, multistatus::Options::strict()).unwrap() {
            if let Event::Property(p) = ev.unwrap() {
                assert!(p.name().namespace().is_dav(), "{}", p.name());
                let value = match p.text() {
                    Some(t) => t.to_string(),
                    None => p
                        .children()
                        .filter_map(|c| match c.unwrap() {
                            Node::Element(e) => Some(e.name().to_string()),
                            Node::Text(_) => None,
                        })
                        .collect::<Vec<_>>()
                        .join(","),
                };
                got.push((p.name().local().to_owned(), value));
            }
        }
        out.push(got);
    }
    out
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

#[test]
fn numbers_read_back() {
    let got = written(|w| {
        w.property_u64(DAV, "getcontentlength", 0)?;
        w.property_u64(DAV, "quota-used-bytes", 1_234_567)?;
        w.property_u64(DAV, "quota-available-bytes", u64::MAX)
    });
    let want = pairs(&[
        ("getcontentlength", "0"),
        ("quota-used-bytes", "1234567"),
        ("quota-available-bytes", "18446744073709551615"),
    ]);
    assert!(got.iter().all(|g| *g == want), "{got:?}");
}

#[test]
fn http_dates_read_back() {
    for secs in [0i64, 784_111_777, 253_402_300_799] {
        let date = HttpDate::from_unix_seconds(secs).unwrap();
        let got = written(|w| w.property_http_date(DAV, "getlastmodified", date));
        for g in got {
            assert_eq!(g.len(), 1);
            assert_eq!(HttpDate::parse(&g[0].1).unwrap(), date, "{g:?}");
        }
    }
    let got =
        written(|w| w.property_http_date(DAV, "getlastmodified", HttpDate::from_unix_seconds(784_111_777).unwrap()));
    assert_eq!(got[0], pairs(&[("getlastmodified", "Sun, 06 Nov 1994 08:49:37 GMT")]));
}

#[test]
fn entity_tags_read_back() {
    let got = written(|w| {
        w.getetag("xyzzy", false)?;
        w.getetag("5f3a-1", true)?;
        w.getetag("", false)?;
        w.getetag("a&b<c>é", false)
    });
    let want = pairs(&[
        ("getetag", "\"xyzzy\""),
        ("getetag", "W/\"5f3a-1\""),
        ("getetag", "\"\""),
        ("getetag", "\"a&b<c>é\""),
    ]);
    assert!(got.iter().all(|g| *g == want), "{got:?}");
}

#[test]
fn entity_tags_outside_etagc_are_refused() {
    for bad in ["a\"b", "a b", "a\tb", "\u{7f}", "\u{1}"] {
        let mut buf = [0u8; 1024];
        let mut w = Writer::new(SliceSink::new(&mut buf), WriterOptions::new()).unwrap();
        w.begin_response("/a").unwrap();
        w.begin_propstat().unwrap();
        let before = w.written();
        let e = w.getetag(bad, false).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidValue, before), "{bad:?}");
        // Stopped: every later call gives the same error.
        assert_eq!(w.end_propstat(200, "OK").unwrap_err(), e);
    }
}

#[test]
fn resourcetype_reads_back() {
    let got = written(|w| {
        w.resourcetype(true)?;
        w.resourcetype(false)
    });
    let want = pairs(&[("resourcetype", "{DAV:}collection"), ("resourcetype", "")]);
    assert!(got.iter().all(|g| *g == want), "{got:?}");
}
