//! Issue 19, item 1: pieces mode of the windowed parser (`WindowParser::in_pieces`), in
//! which a property, an `error`, an unknown element or a `responsedescription` need not fit
//! in the window. Its pieces, put together again, must give what the whole-body parser
//! gives (values, child names and attributes, offsets), with the same other events and the
//! same errors, for every split point and random chunkings.

use std::fmt::Write as _;

use crate::common;
use crate::pieces_readers::{at_every_split, compare, in_random_chunks, pieces, random_steps, whole};
use multistatus::{Element, ErrorKind, Event, Parser, Piece, Tag, UnitKind, WindowParser};

/// Every split point of `body` (a window ends there, the others are `cap` long), and
/// `seeds` random chunkings, against the whole-body parser.
fn check(name: &str, body: &[u8], cap: usize, seeds: u64, every_split: bool) {
    let expected = whole(body);
    if every_split {
        at_every_split(name, body, cap, &expected);
    }
    in_random_chunks(name, body, cap, seeds, 7, &expected);
}

/// A property of `n` bytes of text with references, CR LF, CDATA (with CR LF and `]]`),
/// comments and `]` runs, in a calendar report.
fn big_text(n: usize) -> String {
    let rows = [
        "SUMMARY:Tom &amp; Jerry &#233;t&#xE9; \u{e9}\u{1F600}\r\n",
        "<![CDATA[DESCRIPTION:a < b && c ]] ]\r\nx\r]]>\r\n",
        "NOTE:]]&gt; and ]] >\r<!-- a comment - with dashes -->\n",
        "LINE:\r\r\n\u{2603}&lt;tag&gt;&quot;&apos;\n",
    ];
    let mut s = String::new();
    let mut i = 0;
    while s.len() < n {
        s.push_str(rows[i % rows.len()]);
        i += 1;
    }
    s
}

fn multistatus(props: &str, extra: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\"?>\n<d:multistatus xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">\n\
         <d:response><d:href>/cal/a.ics</d:href><d:propstat><d:prop>{props}</d:prop>\
         <d:status>HTTP/1.1 200 OK</d:status></d:propstat>{extra}</d:response>\n\
         <d:responsedescription>done <b>&amp;</b> <!-- x --><![CDATA[<ok>]]></d:responsedescription>\n\
         <d:sync-token>tok</d:sync-token></d:multistatus>\n"
    )
    .into_bytes()
}

/// Bodies with big and tricky units: text with references, CR LF and CDATA; nested children
/// with attributes; namespaces declared inside properties; an `error` and an unknown
/// element; descriptions with markup.
fn tricky_bodies() -> Vec<(String, Vec<u8>)> {
    let text = big_text(3000);
    let mut v = Vec::new();
    v.push(("calendar".to_string(), multistatus(&format!("<c:calendar-data>{text}</c:calendar-data>"), "")));
    v.push((
        "nested".to_string(),
        multistatus(
            &format!(
                "<x:acl xmlns:x=\"urn:x\" x:a=\"1 &amp; 2\"><x:ace><x:p xmlns:y=\"urn:y\" y:b='&lt;'>\
                 <y:q/>{}</x:p></x:ace><!-- c --><x:ace/>tail\r</x:acl>\
                 <d:displayname>  </d:displayname><d:getetag/><e xmlns=\"urn:e\" a=\"b\">\r\n</e>",
                big_text(700)
            ),
            "<d:error><d:lock-token-submitted><d:href>/l</d:href></d:lock-token-submitted></d:error>\
             <z:ext xmlns:z=\"urn:z\"><z:in>text &#x1F600;</z:in></z:ext>",
        ),
    ));
    v.push((
        "cdata-only".to_string(),
        multistatus(
            &format!("<c:calendar-data><![CDATA[{}]]]]><![CDATA[>]]></c:calendar-data>", "ab]\r\n".repeat(400)),
            "",
        ),
    ));
    v.push((
        "comments".to_string(),
        multistatus(
            &format!("<d:displayname><!--{}-->x<!---->y<?pi {}?></d:displayname>", "- a ".repeat(300), "z".repeat(20)),
            "",
        ),
    ));
    v.push((
        "description".to_string(),
        multistatus(
            "<d:getetag>\"1\"</d:getetag>",
            &format!("<d:responsedescription>{}</d:responsedescription>", big_text(900)),
        ),
    ));
    v
}

/// Malformed bodies whose fault is inside a unit (and one outside), each cut by windows
/// everywhere: the error and its offset must be the whole-body parser's.
fn malformed_bodies() -> Vec<(String, Vec<u8>)> {
    let pad = "p".repeat(300);
    let cases = [
        ("bad-comment", format!("<d:displayname>{pad}<!-- a -- b {pad} --></d:displayname>")),
        ("comment-dash-end", format!("<d:displayname>{pad}<!-- a {pad}---></d:displayname>")),
        ("comment-bad-char", format!("<d:displayname><!-- a -- {pad}\u{1}{pad}--></d:displayname>")),
        ("cdata-bad-char", format!("<d:displayname><![CDATA[{pad}\u{2}{pad}]]></d:displayname>")),
        ("cdata-fffe", format!("<d:displayname><![CDATA[{pad}\u{FFFE}]]></d:displayname>")),
        ("cdata-end-in-text", format!("<d:displayname>{pad}]]>{pad}</d:displayname>")),
        ("bad-reference", format!("<d:displayname>{pad}&bogus;{pad}</d:displayname>")),
        ("text-bad-char", format!("<d:displayname>{pad}\u{7}</d:displayname>")),
        ("doctype-inside", format!("<d:displayname>{pad}<!DOCTYPE x></d:displayname>")),
        ("mismatched", format!("<d:displayname>{pad}<a>{pad}</b></d:displayname>")),
        ("unbound-prefix", format!("<d:displayname>{pad}<q:a/></d:displayname>")),
    ];
    let mut v: Vec<(String, Vec<u8>)> = cases.iter().map(|(n, p)| (n.to_string(), multistatus(p, ""))).collect();
    // Cut off inside a CDATA section, a comment, a text piece.
    let whole = multistatus(&format!("<d:x><![CDATA[{pad}]]><!--{pad}-->{pad}</d:x>"), "");
    for cut in [60 + pad.len() / 2, 200 + pad.len(), 250 + pad.len() * 2] {
        v.push((format!("cut at {cut}"), whole[..cut.min(whole.len())].to_vec()));
    }
    // Not UTF-8 inside a CDATA section.
    let mut bad = multistatus(&format!("<d:x><![CDATA[{pad}#{pad}]]></d:x>"), "");
    let at = bad.iter().position(|&b| b == b'#').unwrap();
    bad[at] = 0xFF;
    v.push(("cdata-not-utf8".to_string(), bad));
    v
}

#[test]
fn pieces_of_tricky_bodies_at_every_split_point_equal_the_whole_body_values() {
    for (name, body) in tricky_bodies() {
        assert!(whole(&body).1.is_none(), "{name}: {:?}", whole(&body).1);
        check(&name, &body, 256, 8, body.len() < 6000);
    }
}

#[test]
fn pieces_of_tricky_bodies_through_tiny_windows() {
    // 96 bytes: the longest tag here is shorter; the window cuts every piece many times.
    for (name, body) in tricky_bodies() {
        check(&name, &body, 96, 16, false);
    }
}

#[test]
fn pieces_mode_errors_are_the_whole_body_parsers_at_every_split_point() {
    for (name, body) in malformed_bodies() {
        let expected = whole(&body);
        assert!(expected.1.is_some(), "{name}: expected an error");
        check(&name, &body, 128, 8, true);
    }
}

#[test]
fn pieces_of_fixtures_at_every_split_point() {
    for f in common::fixture_files() {
        let body = std::fs::read(&f).unwrap();
        check(&f.display().to_string(), &body, 1024, 4, body.len() < 16 * 1024);
    }
}

#[test]
fn pieces_of_the_corpus_through_a_1_kib_window() {
    let files = common::corpus_files("pieces_of_the_corpus_through_a_1_kib_window");
    let mut checked = 0;
    for f in files {
        let body = std::fs::read(&f).unwrap();
        let expected = whole(&body);
        let every = body.len() < 3 * 1024 && !common::is_quirky(&f);
        let name = f.display().to_string();
        if every {
            check(&name, &body, 1024, 0, true);
        }
        for seed in 0..2u64 {
            let mut step = random_steps(seed + 11, 1024);
            compare(&format!("{name}: seed {seed}"), &pieces(&body, 1024, None, &mut step).lines, &expected);
        }
        checked += 1;
    }
    eprintln!("pieces: {checked} corpus bodies");
}

/// A window of `cap` bytes needs to hold one tag or one href at most: every piece is
/// shorter than the window, and the window never needs more than that.
#[test]
fn every_piece_fits_the_window_and_a_window_needs_only_one_tag() {
    for (name, body) in tricky_bodies() {
        // The longest tag, and the longest href/status/sync-token text, of the body.
        let longest_tag = longest(&body, b'<', b'>');
        for cap in [longest_tag + 8, 64.max(longest_tag + 1), 300] {
            let mut step = random_steps(cap as u64, cap);
            let a = pieces(&body, cap, None, &mut step);
            assert_eq!(a.lines.1, None, "{name}: window {cap} (longest tag {longest_tag})");
            assert!(a.largest_piece <= cap, "{name}: a piece of {} bytes in a window of {cap}", a.largest_piece);
        }
    }
}

/// The length of the longest span from `open` to `close` (both included).
fn longest(body: &[u8], open: u8, close: u8) -> usize {
    let mut best = 0;
    let mut from = None;
    for (i, &b) in body.iter().enumerate() {
        if b == open && !matches!(body.get(i + 1), Some(b'!' | b'?')) {
            from = Some(i);
        } else if b == close
            && let Some(f) = from.take()
        {
            best = best.max(i + 1 - f);
        }
    }
    best
}

/// A property of `mib` MiB of text, references and CDATA, through a buffer of 1 KiB.
fn huge_property_body(bytes: usize) -> Vec<u8> {
    multistatus(&format!("<c:calendar-data>{}</c:calendar-data>", big_text(bytes)), "")
}

/// Its value through pieces mode (summed lengths and a checksum of the value), in
/// `parse_from`-like feeds of a 1 KiB buffer.
fn value_through_1_kib(body: &[u8]) -> (usize, u64) {
    let mut len = 0usize;
    let mut sum = 0u64;
    let mut parser = WindowParser::new().in_pieces();
    let mut start = 0usize;
    let mut s = String::new();
    let mut in_property = false;
    loop {
        let end = (start + 1024).min(body.len());
        let last = end == body.len();
        let mut feed = parser.feed(&body[start..end], start, last).unwrap();
        while let Some(ev) = feed.next_event() {
            match ev.unwrap() {
                Event::UnitStart { kind, .. } => in_property = kind == UnitKind::Property,
                Event::UnitEnd { .. } => in_property = false,
                _ if !in_property => {}
                Event::Piece(Piece::Text(t)) => {
                    s.clear();
                    t.write_to(&mut s).unwrap();
                    len += s.len();
                    sum = s.bytes().fold(sum, |a, b| a.wrapping_mul(31).wrapping_add(u64::from(b)));
                }
                Event::Piece(Piece::Cdata(c)) => {
                    s.clear();
                    write!(s, "{c}").unwrap();
                    len += s.len();
                    sum = s.bytes().fold(sum, |a, b| a.wrapping_mul(31).wrapping_add(u64::from(b)));
                }
                _ => {}
            }
        }
        if parser.is_done() {
            return (len, sum);
        }
        start = parser.keep_from();
    }
}

#[test]
fn a_one_mb_property_streams_through_a_1_kib_buffer() {
    let body = huge_property_body(1 << 20);
    let expected = {
        let mut parser = Parser::new(&body).unwrap();
        let mut v = None;
        for ev in parser.by_ref() {
            if let Event::Property(e) = ev.unwrap() {
                v = Some(e.text().unwrap().to_string());
            }
        }
        let v = v.unwrap();
        (v.len(), v.bytes().fold(0u64, |a, b| a.wrapping_mul(31).wrapping_add(u64::from(b))))
    };
    let got = common::within(60, "a 1 MB property through 1 KiB", move || value_through_1_kib(&body));
    assert_eq!(got, expected);
    // Without pieces mode, the same body does not fit.
    let body = huge_property_body(1 << 20);
    let mut parser = WindowParser::new();
    let mut start = 0;
    let err = loop {
        let end = (start + 1024).min(body.len());
        let mut feed = match parser.feed(&body[start..end], start, end == body.len()) {
            Ok(f) => f,
            Err(e) => break e,
        };
        while let Some(ev) = feed.next_event() {
            ev.unwrap();
        }
        start = parser.keep_from();
    };
    assert_eq!(err.kind(), ErrorKind::WindowTooSmall);
}

/// The new types' sizes (default capacities), and the event's, which pieces mode must not
/// grow (each move of an event costs on the hot paths).
#[test]
fn sizes_of_the_pieces_types() {
    use core::mem::size_of;
    let sizes = [
        ("Event", size_of::<Event<'_>>()),
        ("Piece", size_of::<Piece<'_>>()),
        ("Tag", size_of::<Tag<'_>>()),
        ("Cdata", size_of::<multistatus::Cdata<'_>>()),
        ("UnitKind", size_of::<UnitKind>()),
        ("Element", size_of::<Element<'_>>()),
        ("WindowParser", size_of::<WindowParser>()),
    ];
    eprintln!("{sizes:?}");
    assert_eq!(size_of::<Event<'_>>(), 280);
    assert_eq!(size_of::<multistatus::Cdata<'_>>(), 24);
    assert_eq!(size_of::<UnitKind>(), 1);
}

/// Bodies whose comments (and CDATA sections, references) between the multistatus's own
/// elements, outside any unit, are longer than the window, valid and not.
fn structural_runs() -> Vec<(String, Vec<u8>)> {
    let long = "- x ".repeat(150);
    let wrap = |between: &str, inside_propstat: &str| {
        format!(
            "<?xml version=\"1.0\"?>\n<d:multistatus xmlns:d=\"DAV:\">{between}<d:response>\n  <d:href>/a</d:href>\
             {between}<d:propstat><d:prop><d:getetag>\"1\"</d:getetag></d:prop>{inside_propstat}\
             <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>{between}\
             <d:response><d:href>/b</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>\n\
             </d:multistatus>\n"
        )
        .into_bytes()
    };
    let mut v = vec![
        ("comments between elements".to_string(), wrap(&format!("\n <!--{long}--> \n"), &format!("<!--{long}-->"))),
        (
            "comment, PI, CDATA of spaces, references to spaces".to_string(),
            wrap(&format!("\n<!--{long}--><?pi x?><![CDATA[ \r\n\t ]]>&#32;&#x9;\r\n<!---->"), ""),
        ),
        ("text after a long comment".to_string(), wrap("", &format!("\n <!--{long}--> junk "))),
        ("a letter by reference after a long comment".to_string(), wrap("", &format!("<!--{long}-->&#65;"))),
        (
            "CDATA with a letter after a long comment".to_string(),
            wrap("", &format!("<!--{long}--><![CDATA[ {long} a ]]>")),
        ),
        ("text, then a malformed comment".to_string(), wrap("", &format!(" junk <!--{long} -- {long}-->"))),
        (
            "a character XML does not allow in a long comment".to_string(),
            wrap("", &format!("<!--{long}\u{1}{long}-->")),
        ),
        ("a bad reference after a long comment".to_string(), wrap("", &format!("<!--{long}-->&bogus;"))),
    ];
    // Cut off inside a long comment between responses, and just after it.
    let whole = wrap(&format!("<!--{long}-->"), "");
    let at = whole.windows(4).position(|w| w == b"<!--").unwrap();
    for cut in [at + 300, at + 4 + long.len() + 3] {
        v.push((format!("cut at {cut}"), whole[..cut].to_vec()));
    }
    v
}

/// Comments between the multistatus's own elements, outside units, need not fit in the
/// window either; what such a run holds besides comments (text, CDATA, references) is read
/// in pieces too, and refused, or not, as the whole-body parser does, at the same offset.
#[test]
fn comments_between_elements_stream_through_a_small_window() {
    for (name, body) in structural_runs() {
        for cap in [48, 200] {
            check(&name, &body, cap, 8, cap == 48);
        }
    }
    // The first: without pieces mode, the window is too small.
    let (name, body) = &structural_runs()[0];
    let mut parser = WindowParser::new();
    let mut start = 0;
    let err = loop {
        let end = (start + 200).min(body.len());
        let mut feed = match parser.feed(&body[start..end], start, end == body.len()) {
            Ok(f) => f,
            Err(e) => break e,
        };
        let mut failed = None;
        while let Some(ev) = feed.next_event() {
            if let Err(e) = ev {
                failed = Some(e);
                break;
            }
        }
        if let Some(e) = failed {
            break e;
        }
        assert!(!parser.is_done(), "{name}: read whole through 200 bytes without pieces mode");
        start = parser.keep_from();
    };
    assert_eq!(err.kind(), ErrorKind::WindowTooSmall, "{name}");
}

/// Fuzz finding (target `pieces`): a run of text between elements, not white space, read in
/// pieces up to a byte that is not UTF-8. The whole-body parser refuses the run at its start
/// (`UnexpectedText`, the grammar reads it before the input's cut); the run read in pieces
/// ended only when a byte after it came, and the cut (`InvalidUtf8`) was reported instead.
#[test]
fn pieces_run_ended_by_the_invalid_utf8_cut_is_refused_at_its_start() {
    let body: &[u8] = b"<multistatus xmlns=\x22DAV:\x22>\x0a\xef\xbb\xbf/home@petroski.example.coipals/calendar/home@petroski.example.com/963/43BA-00B603)23-48ED-B9E7-6FFD38D50xmlns=\x22DAV:\x22f>\x0a    x\x98\x9e\x91\x9b\xdf\x87\x92\x93ns=\x22urn:ietf:params:xml:ns:caldav\x22/>\x0a>      m ropst>t\x0a  a</response>\x0a</muotistatus></xml>\xfd";
    let expected = whole(body);
    assert_eq!(expected.1.map(|e| (e.kind(), e.offset())), Some((ErrorKind::UnexpectedText, 26)));
    compare("byte by byte", &pieces(body, 1024, None, &mut || 1).lines, &expected);
    check("invalid UTF-8 after a run", body, 64, 8, true);
}
