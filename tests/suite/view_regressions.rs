//! Regressions of the element views (issue 14): each test failed before its fix.
//!
//! - A view failed with `NamespaceLimit` on a body the parser had accepted within its
//!   capacities: views of views could name only 8 ancestors that declare namespaces.
//! - Views read the whole start tag of every ancestor that declares a namespace again (each
//!   `children()`, `events()`, `attributes()`, and the properties past the kept ones), long
//!   unrelated attributes included: quadratic. Each shape below took minutes; the deadline
//!   (a thread, 60 s) makes it fail instead of hang. Timings are measured, not asserted.

use crate::common;

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
    let p = r.propstats().next().unwrap().unwrap().properties().next().unwrap().unwrap();
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

/// `f`'s result, computed in a thread: the test fails if it takes more than 60 s (the
/// quadratic views took minutes on these bodies, the linear ones well under a second).
fn within_deadline<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    common::within(60, "a view reading its ancestors' tags again?", f)
}

/// A long attribute value (16 MiB) that has nothing to do with namespaces.
fn long_value() -> String {
    "v".repeat(16 << 20)
}

/// A multistatus whose root carries `root_attrs`, holding `responses` copies of `response`.
fn multistatus(root_attrs: &str, responses: usize, response: &str) -> String {
    let mut body = format!("<D:multistatus {root_attrs}>");
    for _ in 0..responses {
        body.push_str(response);
    }
    body.push_str("</D:multistatus>");
    body
}

fn propstat(props: &str) -> String {
    format!(
        "<D:response><D:href>/</D:href><D:propstat><D:prop>{props}</D:prop>\
         <D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
    )
}

#[test]
fn children_of_many_responses_do_not_read_a_long_root_tag_again() {
    // Every response's `resourcetype.children()` read the root's start tag again, 16 MiB
    // each time (40,000 times).
    let n = within_deadline(|| {
        let root = format!("xmlns:D=\"DAV:\" pad=\"{}\"", long_value());
        let body = multistatus(&root, 40_000, &propstat("<D:resourcetype><D:collection/></D:resourcetype>"));
        let mut n = 0;
        for r in responses(body.as_bytes()).unwrap() {
            for ps in common::propstats_of(&r.unwrap()) {
                for p in ps.properties() {
                    for c in p.unwrap().children() {
                        let Node::Element(c) = c.unwrap() else { panic!("text") };
                        assert!(c.name().is_dav("collection"));
                        n += 1;
                    }
                }
            }
        }
        n
    });
    assert_eq!(n, 40_000);
}

#[test]
fn a_two_level_walk_does_not_read_a_long_declaring_tag_again() {
    // A property whose start tag declares a namespace and holds 16 MiB more, and 40,000
    // children of one child each: each child's `children()` read that tag again.
    let n = within_deadline(|| {
        let mut kids = String::new();
        for _ in 0..40_000 {
            kids.push_str("<x:c><x:d/></x:c>");
        }
        let prop = format!("<x:big xmlns:x=\"urn:x\" pad=\"{}\">{kids}</x:big>", long_value());
        let body = multistatus("xmlns:D=\"DAV:\"", 1, &propstat(&prop));
        let mut n = 0;
        for ev in Parser::new(body.as_bytes()).unwrap() {
            if let Event::Property(p) = ev.unwrap() {
                for c in p.children() {
                    let Node::Element(c) = c.unwrap() else { panic!("text") };
                    for d in c.children() {
                        let Node::Element(d) = d.unwrap() else { panic!("text") };
                        assert!(d.name().is("urn:x", "d"));
                        n += 1;
                    }
                }
            }
        }
        n
    });
    assert_eq!(n, 40_000);
}

#[test]
fn properties_past_the_kept_ones_do_not_read_a_long_root_tag_again() {
    // 25 properties in each of 40,000 propstats: the 25th is read again from the body, by a
    // reader that read the root's start tag again (16 MiB) to bind its declarations.
    let n = within_deadline(|| {
        let root = format!("xmlns:D=\"DAV:\" pad=\"{}\"", long_value());
        let body = multistatus(&root, 40_000, &propstat(&"<D:p/>".repeat(25)));
        let mut n = 0;
        for r in responses(body.as_bytes()).unwrap() {
            for ps in common::propstats_of(&r.unwrap()) {
                for p in ps.properties() {
                    assert!(p.unwrap().name().is_dav("p"));
                    n += 1;
                }
            }
        }
        n
    });
    assert_eq!(n, 40_000 * 25);
}

#[test]
fn attributes_do_not_read_a_long_ancestor_tag_again() {
    // 40,000 properties with a prefixed attribute, whose prefix the root declares after 16 MiB
    // of another attribute: each was resolved by reading the root's start tag up to there.
    let n = within_deadline(|| {
        let root = format!("pad=\"{}\" xmlns:D=\"DAV:\"", long_value());
        let body = multistatus(&root, 2_000, &propstat(&"<D:p D:a=\"1\"/>".repeat(20)));
        let mut n = 0;
        for r in responses(body.as_bytes()).unwrap() {
            for ps in common::propstats_of(&r.unwrap()) {
                for p in ps.properties() {
                    for a in p.unwrap().attributes() {
                        assert!(a.name.is_dav("a"));
                        n += 1;
                    }
                }
            }
        }
        n
    });
    assert_eq!(n, 40_000);
}
