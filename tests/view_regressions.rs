//! Regressions of the element views (issue 14): each test failed before its fix.
//!
//! - A view failed with `NamespaceLimit` on a body the parser had accepted within its
//!   capacities: views of views could name only 8 ancestors that declare namespaces.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use multistatus::{Element, ErrorKind, Event, Node, Parser, XmlEvent, responses};

/// A property holding `levels` nested elements that each declare a namespace, and one child
/// inside the innermost (the root declares `DAV:`: `levels + 1` bindings in scope there).
fn nested_declarations(levels: usize) -> String {
    let mut inner = String::from("<c/>");
    for i in (0..levels).rev() {
        inner = format!("<n{i}:e xmlns:n{i}=\"u{i}\">{inner}</n{i}:e>");
    }
    format!(
        "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/</D:href><D:propstat><D:prop>\
         <D:p>{inner}</D:p></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>\
         </D:response></D:multistatus>"
    )
}

/// The first child element of `e`, by `children()`.
fn first_child<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Option<Result<Element<'a, D, NS, B>, ErrorKind>> {
    e.children().find_map(|c| match c {
        Ok(Node::Element(c)) => Some(Ok(c)),
        Ok(Node::Text(_)) => None,
        Err(err) => Some(Err(err.kind())),
    })
}

/// Down from the property to the innermost element by `children()`, every view checked:
/// its name, its attributes, its events. The names of the views on the way, and the error
/// that stopped the walk, if any.
fn descend<const D: usize, const NS: usize, const B: usize>(p: Element<'_, D, NS, B>) -> Vec<String> {
    let mut names = Vec::new();
    let mut e = p;
    while e.has_child_elements() {
        e = match first_child(&e).expect("a child element") {
            Ok(c) => c,
            Err(kind) => {
                names.push(format!("ERR {kind:?}"));
                break;
            }
        };
        names.push(e.name().to_string());
        assert_eq!(e.attributes().count(), 0);
        let first = e.events().next().unwrap().unwrap();
        let XmlEvent::Start(tag) = first else { panic!("{first:?}") };
        assert_eq!(tag.name(), e.name());
    }
    names
}

fn expected(levels: usize) -> Vec<String> {
    let mut names: Vec<String> = (0..levels).map(|i| format!("{{u{i}}}e")).collect();
    names.push("c".to_string());
    names
}

#[test]
fn views_nine_declaring_ancestors_deep_are_made() {
    // 8 nested elements that declare, inside a property, and a child inside (398 bytes): the
    // parser accepts it with its default capacities (9 bindings in scope, `NS` = 32), so must
    // every view of it, down to the child (before: `NamespaceLimit` from the 8th view's
    // `children()`).
    let body = nested_declarations(8);
    let mut seen = 0;
    for ev in Parser::new(body.as_bytes()).unwrap() {
        if let Event::Property(p) = ev.unwrap() {
            assert_eq!(descend(p), expected(8));
            seen += 1;
        }
    }
    assert_eq!(seen, 1);
    let r = responses(body.as_bytes()).unwrap().next().unwrap().unwrap();
    let p = r.propstats()[0].properties().next().unwrap().unwrap();
    assert_eq!(descend(p), expected(8));
}

#[test]
fn the_only_namespace_bound_is_the_parsers() {
    // With room for exactly the bindings in scope, the parser accepts the body and every view
    // is made; with one less, the parser itself refuses it, at the declaration that does not
    // fit: the bound is `NS`, stated once.
    for levels in [8, 31] {
        let body = nested_declarations(levels);
        let parser: Parser<'_, 40, 32, 4096> = Parser::with_options(body.as_bytes(), Default::default()).unwrap();
        let mut props = Vec::new();
        for ev in parser {
            if let Event::Property(p) = ev.unwrap() {
                props.push(descend(p));
            }
        }
        assert_eq!(props, [expected(levels)], "{levels}");
    }
    let body = nested_declarations(8);
    let ok: Parser<'_, 32, 9, 2048> = Parser::with_options(body.as_bytes(), Default::default()).unwrap();
    let mut views = 0;
    for ev in ok {
        if let Event::Property(p) = ev.unwrap() {
            assert_eq!(descend(p), expected(8));
            views += 1;
        }
    }
    assert_eq!(views, 1);
    let short: Parser<'_, 32, 8, 2048> = Parser::with_options(body.as_bytes(), Default::default()).unwrap();
    let err = short.filter_map(Result::err).next().unwrap();
    assert_eq!(err.kind(), ErrorKind::NamespaceLimit);
    assert_eq!(err.offset(), body.find("xmlns:n7").unwrap());
}
