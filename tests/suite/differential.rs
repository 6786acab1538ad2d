//! Differential test against a mature XML library: roxmltree reads every fixture and corpus
//! body as a reference. Where roxmltree finds a body not well-formed or not
//! namespace-well-formed, we reject it too; where we accept it (strict options, so that no
//! quirk is tolerated), hrefs, statuses, property names and values, errors, descriptions,
//! locations and the sync-token agree.

use crate::common;

use crate::common::{PropStat, Reading, Response, Value};
use multistatus::Options;
use roxmltree::{Document, Node};

const DAV: &str = "DAV:";

fn clark(n: Node<'_, '_>) -> String {
    // roxmltree reports `xmlns=""` as the empty namespace: that is no namespace.
    match n.tag_name().namespace().filter(|ns| !ns.is_empty()) {
        Some(ns) => format!("{{{ns}}}{}", n.tag_name().name()),
        None => n.tag_name().name().to_string(),
    }
}

fn is_dav(n: Node<'_, '_>, local: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(DAV) && n.tag_name().name() == local
}

/// The string value: all descendant text.
fn string_value(n: Node<'_, '_>) -> String {
    n.descendants().filter(|d| d.is_text()).map(|d| d.text().unwrap_or("")).collect()
}

fn trimmed(n: Node<'_, '_>) -> String {
    string_value(n).trim_matches([' ', '\t', '\r', '\n']).to_string()
}

fn code(n: Node<'_, '_>) -> Option<u16> {
    let line = trimmed(n);
    line.split_whitespace().nth(1).and_then(|c| c.parse().ok())
}

fn element_children(n: Node<'_, '_>) -> Vec<String> {
    n.children().filter(|c| c.is_element()).map(clark).collect()
}

fn value(n: Node<'_, '_>) -> Value {
    if n.children().any(|c| c.is_element()) {
        Value::Children(element_children(n))
    } else {
        Value::Text(string_value(n))
    }
}

fn child<'a, 'i>(n: Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is_dav(*c, local))
}

/// The reference reading: `None` when roxmltree rejects the body, `Some(None)` when the
/// root is not `DAV:multistatus`.
fn reference(text: &str) -> Option<Option<Reading>> {
    let doc = Document::parse(text).ok()?;
    let root = doc.root_element();
    if !is_dav(root, "multistatus") {
        return Some(None);
    }
    let mut out = Reading {
        description: child(root, "responsedescription").map(string_value),
        sync_token: child(root, "sync-token").map(trimmed),
        ..Reading::default()
    };
    for r in root.children().filter(|c| is_dav(*c, "response")) {
        let mut resp = Response {
            hrefs: r.children().filter(|c| is_dav(*c, "href")).map(trimmed).collect(),
            status: child(r, "status").and_then(code),
            error: child(r, "error").map(element_children),
            description: child(r, "responsedescription").map(string_value),
            location: child(r, "location").and_then(|l| child(l, "href")).map(trimmed),
            ..Response::default()
        };
        for p in r.children().filter(|c| is_dav(*c, "propstat")) {
            resp.propstats.push(PropStat {
                status: child(p, "status").and_then(code),
                props: child(p, "prop")
                    .map(|prop| prop.children().filter(|c| c.is_element()).map(|e| (clark(e), value(e))).collect())
                    .unwrap_or_default(),
                error: child(p, "error").map(element_children),
                description: child(p, "responsedescription").map(string_value),
            });
        }
        out.responses.push(resp);
    }
    Some(Some(out))
}

fn compare(name: &str, body: &[u8]) -> bool {
    let ours = common::read_with(body, Options::strict());
    let Ok(text) = std::str::from_utf8(body) else {
        assert!(ours.is_err(), "{name}: accepted invalid UTF-8");
        return false;
    };
    match (reference(text), ours) {
        (None, Ok(_)) => panic!("{name}: roxmltree rejects it, we accept it"),
        (None, Err(_)) => false,
        (Some(None), Ok(_)) => panic!("{name}: accepted a body whose root is not DAV:multistatus"),
        (Some(_), Err(e)) => {
            // Well-formed XML that we reject: only for a rule of the multistatus grammar,
            // which roxmltree does not know.
            use multistatus::ErrorKind as K;
            let grammar = matches!(
                e.kind(),
                K::NotMultistatus
                    | K::UnexpectedText
                    | K::UnexpectedElement
                    | K::MissingHref
                    | K::MissingStatus
                    | K::MissingPropstatStatus
                    | K::MissingProp
                    | K::InvalidResponse
                    | K::DuplicateElement
                    | K::MissingLocationHref
                    | K::InvalidStatus
            );
            assert!(grammar, "{name}: well-formed for roxmltree, rejected by us with {e}");
            false
        }
        (Some(Some(r)), Ok(o)) => {
            assert_eq!(o, r, "{name}: readings differ");
            true
        }
    }
}

#[test]
fn fixtures_agree_with_roxmltree() {
    let mut agreed = 0;
    for f in common::fixture_files() {
        agreed += usize::from(compare(&f.display().to_string(), &std::fs::read(&f).unwrap()));
    }
    eprintln!("differential: {agreed} fixtures agree");
    assert!(agreed >= 1);
}

#[test]
fn corpus_agrees_with_roxmltree() {
    let files = common::corpus_files("differential");
    let mut agreed = 0;
    for f in &files {
        agreed += usize::from(compare(&f.display().to_string(), &std::fs::read(f).unwrap()));
    }
    eprintln!(
        "differential: {agreed} of {} corpus files agree; the others are rejected by both or by our grammar",
        files.len()
    );
    if !files.is_empty() {
        assert!(agreed >= 290);
    }
}
