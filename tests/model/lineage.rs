//! Element views resolve names with the bindings declared on their ancestors, which they read
//! again where the declarations were written (whole body) or from the windowed parser's copies:
//! declarations at every level, shadowing, prefixed attributes, views of views, the windowed
//! parser with one byte at a time, the response level, and views as deep as the parser's
//! namespace capacity goes.

use multistatus::{Element, ErrorKind, Event, Node, Parser, responses};

/// Every element under `e` (itself included), depth first: `{ns}local [{ns}attr=value...]`.
fn walk(e: &Element<'_>, depth: usize, out: &mut Vec<String>) {
    let attrs: Vec<String> = e.attributes().map(|a| format!("{}={}", a.name, a.value)).collect();
    out.push(format!("{}{} {attrs:?}", "  ".repeat(depth), e.name()));
    for c in e.children() {
        match c {
            Ok(Node::Element(c)) => walk(&c, depth + 1, out),
            Ok(Node::Text(_)) => {}
            Err(err) => out.push(format!("{}ERR {:?}", "  ".repeat(depth + 1), err.kind())),
        }
    }
}

fn describe(ev: &Event<'_>, out: &mut Vec<String>) {
    if let Event::Property(e) | Event::Error(e) | Event::Unknown(e) = ev {
        walk(e, 0, out);
    }
}

fn whole(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    for ev in Parser::new(body.as_bytes()).unwrap() {
        describe(&ev.unwrap(), &mut out);
    }
    out
}

fn by_responses(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    for r in responses(body.as_bytes()).unwrap() {
        let r = r.unwrap();
        let mut propstats = r.propstats();
        while let Some(ps) = propstats.next() {
            for p in ps.unwrap().properties() {
                walk(&p.unwrap(), 0, &mut out);
            }
        }
    }
    out
}

/// One byte at a time: the ancestors' start tags leave the window long before the views are
/// walked.
fn windowed(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let end = testkit::stream_windowed(body.as_bytes(), || 1, |ev| describe(ev, &mut out));
    assert_eq!(end, None);
    out
}

const NESTED: &str = r#"<?xml version="1.0"?>
<D:multistatus xmlns:D="DAV:" xmlns:a="urn:a1">
 <D:response xmlns:b="urn:b">
  <D:href>/x</D:href>
  <D:propstat xmlns="urn:default">
   <D:prop xmlns:a="urn:a2">
    <a:p b:attr="1" plain="2"><q><D:r xmlns:b="urn:b2" b:inner="3"><b:s a:t="4"/></D:r></q></a:p>
    <b:u xmlns:c="urn:c"><c:v/><w xmlns=""/></b:u>
   </D:prop>
   <D:status>HTTP/1.1 200 OK</D:status>
  </D:propstat>
 </D:response>
 <D:response>
  <D:href>/y</D:href>
  <D:propstat><D:prop><a:p b:no="unbound here, but attributes of a view are not checked again"/></D:prop>
   <D:status>HTTP/1.1 200 OK</D:status></D:propstat>
 </D:response>
</D:multistatus>"#;

#[test]
fn nested_declarations_resolve_at_every_level() {
    // `b` is unbound in the second response: a body error, caught by the parser.
    let err = Parser::new(NESTED.as_bytes()).unwrap().find_map(|e| e.err()).unwrap();
    assert_eq!(err.kind(), ErrorKind::UnboundPrefix);
    let body = NESTED.replace(r#"b:no="unbound here, but attributes of a view are not checked again""#, "");
    let expected = [
        "{urn:a2}p [\"{urn:b}attr=1\", \"plain=2\"]",
        "  {urn:default}q []",
        "    {DAV:}r [\"{urn:b2}inner=3\"]",
        "      {urn:b2}s [\"{urn:a2}t=4\"]",
        "{urn:b}u []",
        "  {urn:c}v []",
        "  w []",
        "{urn:a1}p []",
    ];
    assert_eq!(whole(&body), expected);
    assert_eq!(by_responses(&body), expected);
    assert_eq!(windowed(&body), expected);
}

/// A property nested `levels` deep, every element declaring a namespace.
fn deep(levels: usize) -> String {
    let mut inner = String::new();
    for i in (0..levels).rev() {
        inner = format!("<n{i}:e xmlns:n{i}=\"urn:{i}\">{inner}</n{i}:e>");
    }
    format!(
        "<m:multistatus xmlns:m=\"DAV:\"><m:response xmlns:r=\"urn:r\"><m:href>/</m:href>\
         <m:propstat xmlns:s=\"urn:s\"><m:prop xmlns:p=\"urn:p\">{inner}</m:prop>\
         <m:status>HTTP/1.1 200 OK</m:status></m:propstat></m:response></m:multistatus>"
    )
}

#[test]
fn views_name_every_declaring_ancestor_the_parser_holds() {
    // The property has four ancestors that declare; with the default `NS` = 32 the parser
    // holds 28 more levels that declare, and every view down there is made (before: a view
    // could name 8 such ancestors, `NamespaceLimit` five levels below the property).
    for levels in [5, 7, 28] {
        let body = deep(levels);
        let lines = whole(&body);
        assert_eq!(lines.len(), levels, "{lines:#?}");
        assert!(lines.iter().all(|l| !l.contains("ERR")), "{lines:#?}");
        assert_eq!(lines[levels - 1].trim(), format!("{{urn:{}}}e []", levels - 1));
        assert_eq!(windowed(&body), lines);
        assert_eq!(by_responses(&body), lines);
    }
    // One more binding in scope than `NS` (and room for the depth): the parser refuses the
    // body, at the declaration.
    let body = deep(29);
    let parser: Parser<'_, 40> = Parser::with_options(body.as_bytes(), Default::default()).unwrap();
    let err = parser.filter_map(Result::err).next().expect("a limit error");
    assert_eq!(err.kind(), ErrorKind::NamespaceLimit);
    assert_eq!(err.offset(), body.find("xmlns:n28").unwrap());
    // The event-level walk (`Element::events`) reads the names itself, as it always did.
    let body = deep(7);
    let mut names = Vec::new();
    for ev in Parser::new(body.as_bytes()).unwrap() {
        if let Event::Property(e) = ev.unwrap() {
            for x in e.events() {
                if let multistatus::XmlEvent::Start(t) = x.unwrap() {
                    names.push(t.name().to_string());
                }
            }
        }
    }
    assert_eq!(names.len(), 7);
    assert_eq!(names[6], "{urn:6}e");
}
