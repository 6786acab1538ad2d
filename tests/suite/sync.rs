//! RFC 6578 sync helper (`multistatus::sync`): the kinds of the responses of a
//! `sync-collection` answer in the shapes of RFC 6578 §3.8-§3.13, the collection itself, the
//! token after a plain loop (and without one), malformed answers with their error kind and
//! offset, and the corpus's sync answers.

use crate::common;

use multistatus::sync::{HREF_BUFFER, SyncCollection, SyncKind, classify};
use multistatus::{ErrorKind, responses};

/// A short form of a response's kind: `("changed", href, etag)` and so on.
type Line = (&'static str, String, Option<String>);

/// The short form of each kind.
fn kinds(sync: &SyncCollection<'_, '_>) -> Vec<Line> {
    let mut out = Vec::new();
    for item in sync {
        out.push(match item.unwrap().kind() {
            SyncKind::Changed { href, etag } => ("changed", href.to_string(), etag.map(|e| e.to_string())),
            SyncKind::Removed { href } => ("removed", href.to_string(), None),
            SyncKind::Truncated { href, within_limits } => {
                ("truncated", href.to_string(), Some(within_limits.to_string()))
            }
            SyncKind::Collection { href } => ("collection", href.to_string(), None),
            SyncKind::Other { href, status } => {
                ("other", href.map(|h| h.to_string()).unwrap_or_default(), status.map(|s| s.code().to_string()))
            }
            k => panic!("{k:?}"),
        });
    }
    out
}

fn own(v: &[(&'static str, &str, Option<&str>)]) -> Vec<Line> {
    v.iter().map(|(k, h, e)| (*k, h.to_string(), e.map(str::to_string))).collect()
}

/// The shape of RFC 6578 §3.8: an initial report, every member changed.
const INITIAL: &str = r#"<?xml version="1.0" encoding="utf-8" ?>
<D:multistatus xmlns:D="DAV:">
  <D:response>
    <D:href>http://dav.example.org/home/u/notes.txt</D:href>
    <D:propstat><D:prop><D:getetag>"10-a"</D:getetag></D:prop>
      <D:status>HTTP/1.1 200 OK</D:status></D:propstat>
  </D:response>
  <D:response>
    <D:href
>http://dav.example.org/home/u/card.vcf</D:href>
    <D:propstat><D:prop><D:getetag> W/"11-b" </D:getetag></D:prop>
      <D:status>HTTP/1.1 200 OK</D:status></D:propstat>
  </D:response>
  <D:sync-token>http://dav.example.org/sync/40</D:sync-token>
</D:multistatus>"#;

#[test]
fn initial_report_every_member_changed() {
    let sync = SyncCollection::new(INITIAL.as_bytes()).unwrap();
    assert_eq!(
        kinds(&sync),
        own(&[
            ("changed", "http://dav.example.org/home/u/notes.txt", Some("\"10-a\"")),
            ("changed", "http://dav.example.org/home/u/card.vcf", Some("W/\"11-b\"")),
        ])
    );
    assert_eq!(sync.token().unwrap().unwrap().raw(), "http://dav.example.org/sync/40");
}

/// The shape of RFC 6578 §3.9: changes since a token, one member removed; a changed member
/// whose `getetag` is 404 has no etag.
#[test]
fn delta_report_changed_and_removed() {
    let body = br#"<D:multistatus xmlns:D="DAV:">
  <D:response><D:href>/home/u/new.xml</D:href>
    <D:propstat><D:prop><D:getetag>"4-x"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
  </D:response>
  <D:response><D:href>/home/u/gone.doc</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>
  <D:response><D:href>/home/u/noetag</D:href>
    <D:propstat><D:prop><D:displayname>n</D:displayname></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
    <D:propstat><D:prop><D:getetag/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>
  </D:response>
  <D:sync-token>http://dav.example.org/sync/41</D:sync-token>
</D:multistatus>"#;
    let sync = SyncCollection::new(body).unwrap();
    assert_eq!(
        kinds(&sync),
        own(&[
            ("changed", "/home/u/new.xml", Some("\"4-x\"")),
            ("removed", "/home/u/gone.doc", None),
            ("changed", "/home/u/noetag", None),
        ])
    );
    assert_eq!(sync.token().unwrap().unwrap().raw(), "http://dav.example.org/sync/41");
}

/// The shape of RFC 6578 §3.10 and §3.11: the truncation marker, a 507 with
/// `number-of-matches-within-limits`, on the collection's href. It stays the marker when
/// the collection's URL is given (the 507 test comes first).
#[test]
fn truncation_marker_on_the_collection_href() {
    let body = br#"<D:multistatus xmlns:D="DAV:">
  <D:response><D:href>http://dav.example.org/home/u/a</D:href>
    <D:propstat><D:prop><D:getetag>"1"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
  </D:response>
  <D:response><D:href>http://dav.example.org/home/u/</D:href>
    <D:status>HTTP/1.1 507 Insufficient Storage</D:status>
    <D:error><D:number-of-matches-within-limits/></D:error>
  </D:response>
  <D:sync-token>http://dav.example.org/sync/42</D:sync-token>
</D:multistatus>"#;
    let sync = SyncCollection::new(body).unwrap().with_collection("/home/u");
    assert_eq!(
        kinds(&sync),
        own(&[
            ("changed", "http://dav.example.org/home/u/a", Some("\"1\"")),
            ("truncated", "http://dav.example.org/home/u/", Some("true")),
        ])
    );
}

/// A 507 without the error element (some servers) is the marker too, flagged.
#[test]
fn truncation_marker_without_its_error_element() {
    let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/c/</d:href>
      <d:status>HTTP/1.1 507 Insufficient Storage</d:status>
      <d:error><x:other xmlns:x="urn:x"/></d:error></d:response></d:multistatus>"#;
    let sync = SyncCollection::new(body).unwrap();
    assert_eq!(kinds(&sync), own(&[("truncated", "/c/", Some("false"))]));
    assert_eq!(sync.token().unwrap(), None);
}

/// The shape of RFC 6578 §3.13 (`sync-level: infinite`) where the server lists the
/// collection itself: named by the request URL, with or without scheme, host, escapes or
/// trailing slash.
#[test]
fn collection_itself_by_the_request_url() {
    let body = br#"<D:multistatus xmlns:D="DAV:">
  <D:response><D:href>/home/u/col%7E1/</D:href>
    <D:propstat><D:prop><D:getetag>"c"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
  </D:response>
  <D:response><D:href>/home/u/col%7E1/a?x=1&amp;y=2</D:href>
    <D:propstat><D:prop><D:getetag>"a"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
  </D:response>
  <D:sync-token>t</D:sync-token>
</D:multistatus>"#;
    for url in ["https://Dav.Example.org:443/home/u/col~1", "/home/u/col~1/"] {
        let sync = SyncCollection::new(body).unwrap().with_collection(url);
        assert_eq!(
            kinds(&sync),
            own(&[("collection", "/home/u/col%7E1/", None), ("changed", "/home/u/col%7E1/a?x=1&y=2", Some("\"a\""))]),
            "{url}"
        );
    }
    // An href with references is compared by its value.
    let sync = SyncCollection::new(body).unwrap().with_collection("/home/u/col~1/a?x=1&y=2");
    assert_eq!(kinds(&sync)[1].0, "collection");
}

/// Responses of no sort of RFC 6578: a status form with another code, propstats none of
/// which is 2xx.
#[test]
fn other_responses() {
    let body = br#"<d:multistatus xmlns:d="DAV:">
      <d:response><d:href>/a</d:href><d:status>HTTP/1.1 403 Forbidden</d:status></d:response>
      <d:response><d:href>/b</d:href><d:propstat><d:prop><d:getetag/></d:prop>
        <d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>
    </d:multistatus>"#;
    let sync = SyncCollection::new(body).unwrap();
    assert_eq!(kinds(&sync), own(&[("other", "/a", Some("403")), ("other", "/b", None)]));
}

/// The token is kept by the collection after a plain `for` loop that read the body, and read
/// by a pass of its own when no loop did (or one stopped early).
#[test]
fn token_after_a_plain_loop_or_without_one() {
    let sync = SyncCollection::new(INITIAL.as_bytes()).unwrap();
    assert_eq!(sync.token().unwrap().unwrap().raw(), "http://dav.example.org/sync/40");
    let sync = SyncCollection::new(INITIAL.as_bytes()).unwrap();
    if let Some(item) = (&sync).into_iter().next() {
        assert!(matches!(item.unwrap().kind(), SyncKind::Changed { .. }));
    }
    assert_eq!(sync.token().unwrap().unwrap().raw(), "http://dav.example.org/sync/40");
    let sync = SyncCollection::new(INITIAL.as_bytes()).unwrap();
    for item in &sync {
        item.unwrap();
    }
    assert_eq!(sync.token().unwrap().unwrap().raw(), "http://dav.example.org/sync/40");
}

/// A malformed answer: the loop ends with the error, and `token` gives it too.
#[test]
fn malformed_answers_error_kind_and_offset() {
    // Truncated inside the second response.
    let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>
      <d:status>HTTP/1.1 404 Not Found</d:status></d:response><d:response><d:href>/b</d:href>"#;
    let sync = SyncCollection::new(body).unwrap();
    let items: Vec<_> = sync.iter().collect();
    assert_eq!(items.len(), 2);
    let e = items[1].as_ref().unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::UnexpectedEof, body.len()));
    assert_eq!(sync.token().unwrap_err().kind(), ErrorKind::UnexpectedEof);

    // Two sync-tokens.
    let body = br#"<d:multistatus xmlns:d="DAV:"><d:sync-token>a</d:sync-token><d:sync-token>b</d:sync-token></d:multistatus>"#;
    let sync = SyncCollection::new(body).unwrap();
    let e = sync.iter().find_map(Result::err).unwrap();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::DuplicateElement, 60));
    assert_eq!(sync.token().unwrap_err(), e);

    // Not a multistatus: a sabre error body.
    let body = br#"<?xml version="1.0" encoding="utf-8"?>
<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns"><d:valid-sync-token/></d:error>"#;
    let sync = SyncCollection::new(body).unwrap();
    let e = sync.iter().find_map(Result::err).unwrap();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::NotMultistatus, 39));

    // Not UTF-8: refused when the collection is made? No: in document order, by the loop.
    let body = b"<d:multistatus xmlns:d=\"DAV:\"><d:sync-token>\xff</d:sync-token></d:multistatus>";
    let sync = SyncCollection::new(body).unwrap();
    let e = sync.iter().find_map(Result::err).unwrap();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidUtf8, 44));
}

/// An href with references longer than the unescaping room is refused when it must be
/// compared with the collection's URL (never compared in part); a plain one of any length is
/// compared in place.
#[test]
fn long_href_with_references_against_the_collection() {
    let long = "x".repeat(HREF_BUFFER);
    let body = format!(
        r#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/{long}&amp;</d:href>
        <d:status>HTTP/1.1 404 Not Found</d:status></d:response>
        <d:response><d:href>/{long}</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response></d:multistatus>"#
    );
    let r = responses(body.as_bytes()).unwrap().next().unwrap().unwrap();
    let e = classify(&r, Some("/c/")).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::BufferTooSmall, body.find("/x").unwrap()));
    assert!(matches!(classify(&r, None).unwrap(), SyncKind::Removed { .. }));
    let sync = SyncCollection::new(body.as_bytes()).unwrap().with_collection("/c/");
    let got: Vec<_> = sync.iter().collect();
    assert_eq!(got.len(), 1, "the loop stops at the error");
    assert_eq!(got[0].as_ref().unwrap_err().kind(), ErrorKind::BufferTooSmall);
    let r = responses(body.as_bytes()).unwrap().nth(1).unwrap().unwrap();
    assert!(matches!(classify(&r, Some(&format!("/{long}/"))).unwrap(), SyncKind::Collection { .. }));
}

/// Every sync answer of the corpus (a multistatus with a `sync-token` element) reads, with
/// every response sorted and the same token as the response level gives.
#[test]
fn corpus_sync_answers() {
    let mut n = 0;
    for path in common::corpus_files("corpus_sync_answers") {
        if common::is_quirky(&path) {
            continue;
        }
        let body = std::fs::read(&path).unwrap();
        let mut rs = responses(&body).unwrap();
        let count = (&mut rs).inspect(|r| assert!(r.is_ok())).count();
        let Some(expected) = rs.sync_token() else { continue };
        let sync = SyncCollection::new(&body).unwrap();
        assert_eq!(sync.iter().inspect(|i| assert!(i.is_ok())).count(), count, "{}", path.display());
        assert_eq!(sync.token().unwrap().unwrap().raw(), expected.raw(), "{}", path.display());
        n += 1;
    }
    if std::env::var_os("MULTISTATUS_CORPUS").is_some_and(|v| v != "skip") {
        assert!(n >= 10, "expected the corpus's sync answers, found {n}");
    }
}

/// The RFC 6578 §3.8-§3.13 examples of the corpus (read in place), each response's kind.
#[test]
fn rfc6578_examples_of_the_corpus() {
    let Some(dir) = common::corpus_dir("rfc6578_examples_of_the_corpus") else { return };
    let cases: &[(&str, &str, &[&str], Option<&str>)] = &[
        (
            "rfc6578-3.8-",
            "http://webdav.example.com/home/cyrusdaboo/",
            &["changed", "changed", "changed"],
            Some("1234"),
        ),
        (
            "rfc6578-3.9-",
            "http://webdav.example.com/home/cyrusdaboo/",
            &["changed", "changed", "removed"],
            Some("1238"),
        ),
        ("rfc6578-3.10-", "/home/cyrusdaboo/", &["changed", "changed", "truncated"], Some("1233")),
        ("rfc6578-3.11-", "/home/cyrusdaboo/", &["changed", "truncated"], Some("1232")),
        // §3.13: a member whose properties are all 404 and a 403 with
        // sync-traversal-supported are neither changed nor removed.
        ("rfc6578-3.13-", "/home/cyrusdaboo/", &["changed", "changed", "other", "changed", "other"], Some("1234")),
    ];
    for (prefix, collection, want, token) in cases {
        let path = std::fs::read_dir(dir.join("rfc6578"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
            .unwrap_or_else(|| panic!("{prefix} not in the corpus"));
        let body = std::fs::read(&path).unwrap();
        let sync = SyncCollection::new(&body).unwrap().with_collection(collection);
        let got: Vec<_> = kinds(&sync).into_iter().map(|k| k.0).collect();
        assert_eq!(&got, want, "{}", path.display());
        let t = sync.token().unwrap().map(|t| t.raw().rsplit('/').next().unwrap().to_string());
        assert_eq!(t.as_deref(), *token, "{}", path.display());
    }
}

/// No allocation: a sync answer sorted, with the collection's URL, and its token. The counter
/// counts this thread's allocations only.
#[test]
fn no_allocation_sorting_an_answer() {
    let body = INITIAL.as_bytes();
    let mut seen = 0usize;
    let info = allocation_counter::measure(|| {
        let sync = SyncCollection::new(std::hint::black_box(body)).unwrap().with_collection("/home/u/");
        for item in &sync {
            if let SyncKind::Changed { href, etag } = item.unwrap().kind() {
                seen += href.raw().len() + etag.map_or(0, |e| e.raw().len());
            }
        }
        seen += sync.token().unwrap().map_or(0, |t| t.raw().len());
    });
    assert_eq!(info.count_total, 0, "{} allocations ({} bytes)", info.count_total, info.bytes_total);
    assert!(seen > 0);
}

/// `SyncItems::next_into` (a response the caller owns) gives each response's kind as `next`
/// does, and the same error where a body has one, then nothing; a loop of it that reads the
/// whole body leaves the token with the collection.
#[test]
fn next_into_sorts_as_next() {
    use multistatus::Response;
    let truncated = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>
      <d:status>HTTP/1.1 404 Not Found</d:status></d:response><d:response><d:href>/b</d:href>"#;
    let mut bodies: Vec<Vec<u8>> = vec![INITIAL.as_bytes().to_vec(), truncated.to_vec()];
    for path in common::corpus_files("next_into_sorts_as_next") {
        let body = std::fs::read(&path).unwrap();
        if !common::is_quirky(&path)
            && responses(&body).is_ok_and(|mut rs| rs.all(|r| r.is_ok()) && rs.sync_token().is_some())
        {
            bodies.push(body);
        }
    }
    for body in &bodies {
        let by_next: Vec<_> = SyncCollection::new(body)
            .unwrap()
            .with_collection("/cal/")
            .iter()
            .map(|i| i.map(|i| format!("{:?}", i.kind())))
            .collect();
        let sync = SyncCollection::new(body).unwrap().with_collection("/cal/");
        let mut items = sync.iter();
        let mut slot = Response::default();
        let mut by_next_into = Vec::new();
        while let Some(item) = items.next_into(&mut slot) {
            by_next_into.push(item.map(|(kind, r)| {
                assert_eq!(r.href().map(|h| h.raw()), r.hrefs().next().map(|h| h.unwrap().raw()));
                format!("{kind:?}")
            }));
        }
        assert!(items.next_into(&mut slot).is_none(), "nothing after the end or an error");
        assert_eq!(by_next_into, by_next, "{}", String::from_utf8_lossy(body));
        assert_eq!(sync.token(), SyncCollection::new(body).unwrap().token());
    }
    if std::env::var_os("MULTISTATUS_CORPUS").is_some_and(|v| v != "skip") {
        assert!(bodies.len() >= 12, "expected the corpus's sync answers, found {}", bodies.len() - 2);
    }
    let e = SyncCollection::new(truncated).unwrap().iter().find_map(Result::err).unwrap();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::UnexpectedEof, truncated.len()));
}

/// `SyncSorter`'s kind of each response, in the short form of [`kinds`] (its values are the
/// unescaped ones).
fn sorted_line(s: multistatus::sync::Sorted<'_>) -> Line {
    use multistatus::sync::Sorted;
    match s {
        Sorted::Changed { href, etag } => ("changed", href.to_string(), etag.map(str::to_string)),
        Sorted::Removed { href } => ("removed", href.to_string(), None),
        Sorted::Truncated { href, within_limits } => ("truncated", href.to_string(), Some(within_limits.to_string())),
        Sorted::Collection { href } => ("collection", href.to_string(), None),
        Sorted::Other { href, status } => {
            ("other", href.map(str::to_string).unwrap_or_default(), status.map(|s| s.to_string()))
        }
        k => panic!("{k:?}"),
    }
}

/// The sorter's lines and token for `body` read through a `WindowParser` with a buffer of
/// `size` bytes (pieces mode or not), or the first error.
fn sorted_through_window<const HREF: usize, const ETAG: usize>(
    body: &[u8],
    size: usize,
    pieces: bool,
    collection: &str,
) -> Result<(Vec<Line>, Option<String>), multistatus::Error> {
    use multistatus::WindowParser;
    use multistatus::sync::SyncSorter;
    let mut sorter = SyncSorter::<'_, HREF, ETAG>::with_sizes().with_collection(collection);
    let mut parser = WindowParser::new();
    if pieces {
        parser = parser.in_pieces();
    }
    let mut buf = vec![0u8; size];
    let (mut start, mut filled, mut arrived) = (0, 0, 0);
    let mut out = Vec::new();
    while !parser.is_done() {
        let is_final = arrived == body.len();
        {
            let mut feed = parser.feed(&buf[..filled], start, is_final)?;
            while let Some(event) = feed.next_event() {
                if let Some(s) = sorter.on_event(&event?)? {
                    out.push(sorted_line(s));
                }
            }
        }
        common::refill(parser.keep_from(), &mut buf, body, &mut start, &mut filled, &mut arrived);
    }
    Ok((out, sorter.token().map(str::to_string)))
}

/// `SyncSorter` sorts every response as `SyncCollection` does (values unescaped) and keeps the
/// same token, from the whole-body parser's events and through windows (pieces mode at 64
/// and 300 bytes, whole units at 16 KiB): on the RFC shapes above, on answers with ETags
/// written every way (references, CDATA, a comment, elements, a 2xx propstat after a 404
/// one, status before prop), and on every body of the corpus that parses.
#[test]
fn sorter_sorts_as_the_collection() {
    use multistatus::Parser;
    use multistatus::sync::SyncSorter;
    let url = "http://dav.example.org/home/u/";
    let made = |etags: &str| {
        format!(
            r#"<d:multistatus xmlns:d="DAV:"><d:response><d:href> /c/a&amp;b.ics </d:href>{etags}</d:response>
            <d:response><d:href>/c/x</d:href><d:status>HTTP/1.1 507 Insufficient Storage</d:status>
            <d:error><d:number-of-matches-within-limits/></d:error></d:response>
            <d:response><d:href>http://dav.example.org/home/u</d:href><d:propstat><d:prop><d:getetag>"c"</d:getetag></d:prop>
            <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
            <d:response><d:href>/c/gone</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>
            <d:response><d:href>/c/no</d:href><d:status>HTTP/1.1 403 Forbidden</d:status></d:response>
            <d:sync-token> http://dav.example.org/sync/1?a=1&amp;b=2 </d:sync-token></d:multistatus>"#
        )
    };
    let ps = |etag: &str, status: &str| {
        format!(
            "<d:propstat><d:prop><d:getetag>{etag}</d:getetag></d:prop><d:status>HTTP/1.1 {status}</d:status></d:propstat>"
        )
    };
    let mut bodies: Vec<Vec<u8>> = vec![INITIAL.as_bytes().to_vec()];
    for etags in [
        ps("&quot;1&quot;", "200 OK"),
        ps(" <![CDATA[\"2\"]]> ", "200 OK"),
        ps("\"3<!-- c -->\"", "200 OK"),
        ps("<d:x/>", "200 OK"),
        ps("\"4\"", "404 Not Found") + &ps("W/\"5\"", "200 OK"),
        ps("\"6\"", "200 OK") + &ps("\"7\"", "200 OK"),
        "<d:propstat><d:status>HTTP/1.1 200 OK</d:status><d:prop><d:getetag>\"8\"</d:getetag></d:prop></d:propstat>".to_string(),
        "<d:propstat><d:prop><d:getetag/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>".to_string(),
        "<d:propstat><d:prop><d:displayname>n</d:displayname></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
            .to_string(),
        format!("<d:propstat><d:prop><d:getetag>\"{}\"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>", "e".repeat(100)),
    ] {
        bodies.push(made(&etags).into_bytes());
    }
    let corpus = common::corpus_files("sorter_sorts_as_the_collection");
    for path in &corpus {
        let body = std::fs::read(path).unwrap();
        if Parser::new(&body).is_ok_and(|p| p.into_iter().all(|e| e.is_ok())) {
            bodies.push(body);
        }
    }
    for body in &bodies {
        let sync = SyncCollection::new(body).unwrap().with_collection(url);
        // The collection's kinds, their values unescaped as the sorter gives them.
        let want: Vec<_> = kinds(&sync);
        let token = sync.token().unwrap().map(|t| t.to_string());
        let mut sorter: SyncSorter = SyncSorter::new().with_collection(url);
        let mut whole = Vec::new();
        for ev in Parser::new(body).unwrap() {
            if let Some(s) = sorter.on_event(&ev.unwrap()).unwrap() {
                whole.push(sorted_line(s));
            }
        }
        let text = String::from_utf8_lossy(body);
        assert_eq!(whole, want, "{text}");
        assert_eq!(sorter.token().map(str::to_string), token, "{text}");
        for (size, pieces) in [(64, true), (300, true), (16384, false)] {
            match sorted_through_window::<512, 128>(body, size, pieces, url) {
                Ok(got) => assert_eq!(got, (want.clone(), token.clone()), "{size} {pieces} {text}"),
                // A unit or tag longer than the window: the parser's limit, not the sorter's.
                Err(e) => assert_eq!(e.kind(), ErrorKind::WindowTooSmall, "{size} {pieces} {text}"),
            }
        }
    }
    if std::env::var_os("MULTISTATUS_CORPUS").is_some_and(|v| v != "skip") {
        assert!(bodies.len() > 250, "{}", bodies.len());
    }
}

/// A value longer than the sorter holds is `BufferTooSmall` at it, never cut, and the sorter
/// gives that error again after it; its size is what its docs say.
#[test]
fn sorter_refuses_what_it_cannot_hold() {
    use multistatus::Parser;
    use multistatus::sync::SyncSorter;
    assert_eq!(std::mem::size_of::<SyncSorter<'_>>(), 2 * 512 + 128 + 88);
    let long = "x".repeat(40);
    let body = format!(
        r#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/{long}</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response></d:multistatus>"#
    );
    let mut sorter: SyncSorter<'_, 32, 8> = SyncSorter::with_sizes();
    let mut errors = Vec::new();
    for ev in Parser::new(body.as_bytes()).unwrap() {
        if let Err(e) = sorter.on_event::<32, 32, 2048>(&ev.unwrap()) {
            errors.push((e.kind(), e.offset()));
        }
    }
    let at = body.find("/x").unwrap();
    assert!(errors.len() > 1 && errors.iter().all(|&e| e == (ErrorKind::BufferTooSmall, at)), "{errors:?}");
    let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href><d:propstat><d:prop><d:getetag>"123456789"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#;
    let mut sorter: SyncSorter<'_, 32, 8> = SyncSorter::with_sizes();
    let e = Parser::new(body).unwrap().find_map(|ev| sorter.on_event(&ev.unwrap()).err()).unwrap();
    let at = body.windows(11).position(|w| w == b"\"123456789\"").unwrap();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::BufferTooSmall, at));
    // The same limit and error whole or in pieces: the value with the white space around
    // it must fit (it is trimmed at its end), and one that does not is refused at its start.
    // A `getetag` with an element has no value (whole, `Element::text` is `None`), so no text
    // of it is too long (found by the `pieces` fuzz target in CI's smoke run).
    for (etag, fits) in [
        ("\"1234\"", true),
        (" \"12\" ", true),
        ("\n  \"1\"\n  ", false),
        ("&#x22;123&#34;", true),
        ("\"123456789\"<d:x/>", true),
        ("<d:x/>\"123456789\"", true),
        ("\"55arams:xml:ns:caldav\"/>\n  <d:expand/>", true),
    ] {
        let body = format!(
            r#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href><d:propstat><d:prop><d:getetag>{etag}</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#
        );
        let at = body.find("<d:getetag>").unwrap() + "<d:getetag>".len();
        let mut sorter: SyncSorter<'_, 32, 8> = SyncSorter::with_sizes();
        let whole = Parser::new(body.as_bytes()).unwrap().find_map(|ev| sorter.on_event(&ev.unwrap()).err());
        assert_eq!(whole.map(|e| (e.kind(), e.offset())), (!fits).then_some((ErrorKind::BufferTooSmall, at)), "{etag}");
        for size in [40, 64, 300] {
            let got =
                sorted_through_window::<32, 8>(body.as_bytes(), size, true, "/c/").map_err(|e| (e.kind(), e.offset()));
            match got {
                Err((ErrorKind::WindowTooSmall, _)) => {}
                Err(e) => assert_eq!(Some(e), whole.map(|e| (e.kind(), e.offset())), "{etag} {size}"),
                Ok((lines, _)) => assert!(fits && lines.len() == 1, "{etag} {size} {lines:?}"),
            }
        }
    }
}

/// Found by the `pieces` fuzz target. In pieces mode a `getetag` that the body's error cuts
/// gives its pieces first; its text, too long for the sorter, is refused only at its end (an
/// element in it would make it hold no value), so the body's error comes first, as from the
/// whole-body parser, which never gives the property.
#[test]
fn sorter_in_pieces_gives_the_error_after_a_long_etag_first() {
    use multistatus::Parser;
    use multistatus::sync::SyncSorter;
    let body = b"<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/a</d:href><d:propstat><d:prop><d:getetag>\"5d:getlastmodified F:49:55 GMT \xff</d:getetag>";
    let mut sorter: SyncSorter<'_, 48, 12> = SyncSorter::with_sizes();
    let mut whole = None;
    for ev in Parser::new(body).unwrap() {
        match ev {
            Ok(ev) => assert!(sorter.on_event(&ev).is_ok()),
            Err(e) => whole = Some((e.kind(), e.offset())),
        }
    }
    assert_eq!(whole, Some((ErrorKind::InvalidUtf8, body.len() - 13)));
    let pieces = sorted_through_window::<48, 12>(body, 40, true, "/c/").map_err(|e| (e.kind(), e.offset()));
    assert_eq!(pieces, Err((ErrorKind::InvalidUtf8, body.len() - 13)));
}
