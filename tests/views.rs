//! The response level hands out the same property views as the event level, whether it kept
//! them from its single read (up to `STORED_PROPERTIES` per propstat) or reads them again from
//! the body (more than that): every observable part compared, on bodies of our own and on
//! every corpus body.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use multistatus::{Element, Event, Node, Parser, STORED_PROPERTIES, responses};

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
        for ps in r.unwrap().propstats() {
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
