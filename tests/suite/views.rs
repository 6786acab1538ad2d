//! The response level hands out the same property views as the event level, whether it kept
//! them from its single read (up to `STORED_PROPERTIES` per propstat) or reads them again from
//! the body (more than that): every observable part compared, on bodies of our own and on
//! every corpus body.

use crate::common;

use multistatus::{Element, Event, Node, Parser, Response, STORED_PROPERTIES, responses};

/// Everything a consumer can see of a view.
fn describe(e: &Element<'_>) -> String {
    let n = e.name();
    let ns = n.namespace();
    let attrs: Vec<String> =
        e.attributes().map(|a| format!("{}={:?}@{}", a.name, a.value.raw(), a.value.offset())).collect();
    let kids: Vec<String> = e
        .children()
        .map(|c| match c.unwrap() {
            Node::Element(c) => format!("<{}@{}>", c.name(), c.offset()),
            Node::Text(t) => format!("{:?}", t.raw()),
        })
        .collect();
    format!(
        "{:?}:{:?} ns={:?}@{} dav={} none={} @{}..{} raw={:?} inner={:?} text={:?} kids?={} attrs={attrs:?} kids={kids:?}",
        n.prefix(),
        n.local(),
        ns.uri().raw(),
        ns.uri().offset(),
        ns.is_dav(),
        ns.is_none(),
        e.offset(),
        e.end(),
        e.raw(),
        e.inner_raw(),
        e.text().map(|t| (t.raw(), t.offset(), t.is_plain())),
        e.has_child_elements(),
    )
}

fn by_events(body: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for ev in Parser::new(body).unwrap() {
        if let Event::Property(e) = ev.unwrap() {
            out.push(describe(&e));
        }
    }
    out
}

fn by_responses(body: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for r in responses(body).unwrap() {
        for ps in common::propstats_of(&r.unwrap()) {
            let props: Vec<String> = ps.properties().map(|p| describe(&p.unwrap())).collect();
            assert_eq!(props.len(), ps.len());
            out.extend(props);
        }
    }
    out
}

/// A response with `n` properties of many shapes: prefixed, default namespace, no namespace,
/// `xml:` attributes, escaped URIs, empty elements, children, `<:a>`.
fn body(n: usize) -> String {
    let shapes = [
        r#"<D:getetag>"e&amp;1"</D:getetag>"#,
        r#"<x:a xmlns:x="urn:x&#58;y" x:at="1" plain='2'>t<!-- c --><![CDATA[<d>]]></x:a>"#,
        r#"<b xmlns="urn:default"><c/><d>text</d></b>"#,
        r#"<e xmlns=""/>"#,
        "<D:resourcetype><D:collection/></D:resourcetype>",
        r#"<Z:long-name.with-dots_and_digits9 xml:lang="en"/>"#,
        "<D:empty></D:empty>",
        "<:colon>v</:colon>",
        "<é:p xmlns:é=\"urn:é\">é</é:p>",
    ];
    let props: String = (0..n).map(|i| shapes[i % shapes.len()]).collect::<Vec<_>>().join("\n     ");
    format!(
        "<D:multistatus xmlns:D=\"DAV:\" xmlns:Z=\"urn:z\"><D:response><D:href>/</D:href>\n\
         <D:propstat><D:prop>\n     {props}\n</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>\n\
         <D:propstat><D:prop><D:one/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>\n\
         </D:response></D:multistatus>"
    )
}

#[test]
fn kept_and_reread_properties_are_the_same_views() {
    for n in [1, 2, STORED_PROPERTIES - 1, STORED_PROPERTIES, STORED_PROPERTIES + 1, 3 * STORED_PROPERTIES] {
        let b = body(n);
        let events = by_events(b.as_bytes());
        assert_eq!(events.len(), n + 1);
        assert_eq!(by_responses(b.as_bytes()), events, "{n} properties");
    }
}

#[test]
fn every_corpus_body_gives_the_same_views_at_both_levels() {
    let files = common::corpus_files("views");
    let mut compared = 0usize;
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let Ok(p) = Parser::new(&bytes) else { continue };
        if p.into_iter().any(|e| e.is_err()) {
            continue;
        }
        if responses(&bytes).unwrap().any(|r| r.is_err()) {
            continue; // a response-level limit (more hrefs or propstats than the defaults)
        }
        assert_eq!(by_responses(&bytes), by_events(&bytes), "{}", f.display());
        compared += 1;
    }
    if !files.is_empty() {
        assert!(compared > 250, "only {compared} corpus bodies compared");
    }
}

#[test]
fn white_space_in_properties_and_descriptions_is_kept() {
    // The reader skips white space between tags where the grammar ignores it; inside a
    // property or a description it is part of the value, read from the raw slice.
    let body = "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href> /a </D:href><D:propstat><D:prop>\n  \
                <D:displayname>   </D:displayname>\n  <D:x> <D:y>\t</D:y> \n</D:x>\n</D:prop>\
                <D:status>HTTP/1.1 200 OK</D:status><D:responsedescription> \n </D:responsedescription>\
                </D:propstat></D:response></D:multistatus>";
    let mut seen = Vec::new();
    for ev in Parser::new(body.as_bytes()).unwrap() {
        match ev.unwrap() {
            Event::Href(t) => seen.push(format!("href {:?}", t.to_string())),
            Event::Description(t) => seen.push(format!("description {:?}", t.to_string())),
            Event::Property(e) => {
                let kids: Vec<String> = e
                    .children()
                    .map(|c| match c.unwrap() {
                        Node::Element(c) => format!("<{}>{:?}", c.name().local(), c.text().map(|t| t.to_string())),
                        Node::Text(t) => format!("{:?}", t.to_string()),
                    })
                    .collect();
                seen.push(format!("{} {:?} {kids:?}", e.name().local(), e.text().map(|t| t.to_string())));
            }
            _ => {}
        }
    }
    assert_eq!(
        seen,
        [
            r#"href "/a""#,
            r#"displayname Some("   ") ["\"   \""]"#,
            r#"x None ["\" \"", "<y>Some(\"\\t\")", "\" \\n\""]"#,
            r#"description " \n ""#,
        ]
    );
}

/// Every response of `body` as the iterator gives it and as `next_into` gives it (one slot
/// reused), each shown whole (`Debug`: hrefs, statuses, propstats with their kept properties,
/// error, description, location, quirks), then the end: the error, or done.
fn both_ways(body: &[u8]) -> (Vec<String>, Vec<String>) {
    let mut by_iter = Vec::new();
    let mut rs = responses(body).unwrap();
    for r in rs.by_ref() {
        by_iter.push(match r {
            Ok(r) => format!("{r:?}"),
            Err(e) => format!("error {e:?}"),
        });
    }
    by_iter.push(format!("done={} error={:?}", rs.is_done(), rs.error()));
    let mut by_slot = Vec::new();
    let mut rs = responses(body).unwrap();
    let mut slot = Response::default();
    while let Some(r) = rs.next_into(&mut slot) {
        by_slot.push(match r {
            Ok(r) => format!("{r:?}"),
            Err(e) => format!("error {e:?}"),
        });
    }
    // Stopped: nothing more, whether it ended or failed.
    assert!(rs.next_into(&mut slot).is_none());
    by_slot.push(format!("done={} error={:?}", rs.is_done(), rs.error()));
    (by_iter, by_slot)
}

#[test]
fn next_into_reuses_its_slot_and_leaves_nothing_of_the_last_response() {
    // A full response (two propstats, error, description, location, a quirk, an unknown
    // element) followed by bare ones: whatever the slot held must be gone.
    let body = br#"<D:multistatus xmlns:D="DAV:">
      <D:response><D:href>/a</D:href>
        <D:propstat><D:prop><D:getetag>"1"</D:getetag><D:x/></D:prop>
          <D:status>HTTP/1.1 200 OK</D:status><D:error><D:e/></D:error>
          <D:responsedescription>ps</D:responsedescription></D:propstat>
        <D:propstat><D:prop><D:y/></D:prop></D:propstat>
        <D:error><D:f/></D:error><D:responsedescription>r</D:responsedescription>
        <D:location><D:href>/moved</D:href></D:location><D:ext/>
      </D:response>
      <D:response><D:href>/b</D:href><D:href>/b2</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>
      <D:response><D:href>/c</D:href><D:propstat><D:prop/><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
    </D:multistatus>"#;
    let (by_iter, by_slot) = both_ways(body);
    assert_eq!(by_iter.len(), 4);
    assert_eq!(by_slot, by_iter);
    let mut rs = responses(body).unwrap();
    let mut slot = Response::default();
    let first = rs.next_into(&mut slot).unwrap().unwrap();
    assert_eq!((first.hrefs().count(), first.propstats().count().unwrap(), first.quirks().len()), (1, 2, 1));
    assert_eq!(first.unknown_elements(), 1);
    assert!(first.error().is_some() && first.description().is_some() && first.location().is_some());
    let second = rs.next_into(&mut slot).unwrap().unwrap();
    assert_eq!(second.href().unwrap().raw(), "/b");
    assert_eq!((second.hrefs().count(), second.propstats().count().unwrap(), second.quirks().len()), (2, 0, 0));
    assert!(second.error().is_none() && second.description().is_none() && second.location().is_none());
    assert_eq!(second.unknown_elements(), 0);
    assert_eq!(second.status().unwrap().code(), 404);
    let third = rs.next_into(&mut slot).unwrap().unwrap();
    assert_eq!((third.hrefs().count(), third.propstats().count().unwrap(), third.status().is_none()), (1, 1, true));
    assert!(
        third.propstats().next().unwrap().unwrap().is_empty()
            && third.propstats().next().unwrap().unwrap().error().is_none()
    );
    assert!(rs.next_into(&mut slot).is_none() && rs.is_done());
}

#[test]
fn next_into_stops_at_an_error_as_the_iterator_does() {
    // Five propstats past the capacity (no error: read again), then a malformed body half-way
    // through a response.
    let five = "<D:propstat><D:prop><D:a/></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>".repeat(5);
    let over = format!(
        "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/</D:href></D:response>\
         <D:response><D:href>/x</D:href>{five}</D:response></D:multistatus>"
    );
    let broken = b"<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/</D:href></D:response><D:response><D:href>/x</D:hre></D:response>";
    for (body, fails) in [(over.as_bytes(), false), (&broken[..], true)] {
        let (by_iter, by_slot) = both_ways(body);
        assert_eq!(by_iter.iter().any(|s| s.starts_with("error")), fails, "{by_iter:?}");
        assert_eq!(by_slot, by_iter);
    }
}

#[test]
fn every_corpus_body_reads_the_same_with_next_into() {
    let files = common::corpus_files("views-next-into");
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        if responses(&bytes).is_err() {
            continue; // not UTF-8 / too large: no reader at all
        }
        let (by_iter, by_slot) = both_ways(&bytes);
        assert_eq!(by_slot, by_iter, "{}", f.display());
    }
}

/// Names are equal by namespace and local part, whatever prefixes (or default namespace) the
/// body wrote them with, as the readers match them and as `Display` (Clark notation) shows:
/// `Name`'s equality compared the prefixes too, so two properties of one name under two
/// prefixes were unequal (and with them `LockType::Other`, `Condition::Other`).
#[test]
fn names_are_equal_by_namespace_and_local_part_whatever_their_prefixes() {
    let body = br#"<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:propstat><D:prop>
        <a:x xmlns:a="urn:u"/><b:x xmlns:b="urn:u"/><x xmlns="urn:u"/><a:x xmlns:a="urn:v"/><a:y xmlns:a="urn:u"/>
        <d:getetag xmlns:d="DAV:"/><D:getetag/>
        </D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>"#;
    let mut names = Vec::new();
    for ev in multistatus::Parser::new(body).unwrap() {
        if let multistatus::Event::Property(p) = ev.unwrap() {
            names.push(p.name());
        }
    }
    let [ax, bx, x, vx, ay, d1, d2] = names[..] else { panic!("{names:?}") };
    assert_eq!(ax, bx);
    assert_eq!(ax, x);
    assert_ne!(ax, vx);
    assert_ne!(ax, ay);
    assert_eq!(d1, d2);
    assert_eq!((ax.to_string(), bx.to_string()), ("{urn:u}x".to_string(), "{urn:u}x".to_string()));
}
