//! While a start tag is read, each attribute is kept as where it starts and the lengths of its
//! name and value when they fit in a byte and in 15 bits (8 bytes); a longer name or value is
//! read again from the tag. These bodies take both ways, through the byte scanners and through
//! the reading they leave to `xmlparser` (a name that is not ASCII), for declarations, the
//! duplicate check and the attributes of a view.

use multistatus::{ErrorKind, Event, Parser};

/// A propstat response for `/` whose prop holds `props`.
fn props(p: &str) -> String {
    format!(
        r#"<D:multistatus xmlns:D="DAV:"><D:response><D:href>/</D:href><D:propstat><D:prop>{p}</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>"#
    )
}

/// Each property's namespace and local name, and its attributes as (namespace, local, value).
type Read = Vec<(String, String, Vec<(String, String, String)>)>;

fn read(body: &str) -> Read {
    let mut out = vec![];
    for ev in Parser::new(body.as_bytes()).unwrap() {
        if let Event::Property(p) = ev.unwrap() {
            let attrs = p
                .attributes()
                .map(|a| (a.name.namespace().uri().to_string(), a.name.local().to_string(), a.value.to_string()))
                .collect();
            out.push((p.name().namespace().uri().to_string(), p.name().local().to_string(), attrs));
        }
    }
    out
}

/// A prefix (at most 255 bytes, as the README's limits say) and a local name that make
/// qualified names longer than 255 bytes, a namespace URI longer than 255 bytes, and a value
/// longer than 65,535 bytes.
fn long() -> (String, String, String, String) {
    ("p".repeat(200), "l".repeat(300), format!("urn:{}", "u".repeat(1_000)), "v".repeat(70_000))
}

#[test]
fn long_names_and_values_are_read_again_whole() {
    let (p, l, uri, value) = long();
    // Read by the byte scanners; then with a name that is not ASCII (`é`), which sends the
    // whole tag to the reading the scanners leave to xmlparser, and a reference in the URI.
    for (escaped, extra) in [("", " b=\"1\""), ("&amp;", " é=\"1\"")] {
        let body = props(&format!(r#"<{p}:a xmlns:{p}="{uri}{escaped}" {p}:{l}="v" {l} = '{value}'{extra}/>"#));
        let ns = format!("{uri}{}", if escaped.is_empty() { "" } else { "&" });
        let last = if escaped.is_empty() { "b" } else { "é" };
        let attrs = vec![
            (ns.clone(), l.clone(), "v".to_string()),
            (String::new(), l.clone(), value.clone()),
            (String::new(), last.to_string(), "1".to_string()),
        ];
        assert_eq!(read(&body), vec![(ns, "a".to_string(), attrs)], "{extra:?}");
    }
}

#[test]
fn duplicates_with_long_names_are_refused_at_the_second() {
    let (p, l, _, _) = long();
    for extra in ["", " é='1'"] {
        let body = props(&format!(r#"<D:a xmlns:{p}="urn:u" xmlns:q="urn:u" {p}:{l}="1" q:{l}="2"{extra}/>"#));
        let err = Parser::new(body.as_bytes()).unwrap().find_map(Result::err).expect("refused");
        assert_eq!(err.kind(), ErrorKind::DuplicateAttribute, "{extra:?}");
        assert_eq!(err.offset(), body.find(&format!("q:{l}")).unwrap(), "{extra:?}");
    }
}

#[test]
fn values_of_65534_to_65536_bytes_are_read_whole() {
    // 65,535 is the length kept that says "read it again": both ways meet at it.
    for len in [65_534, 65_535, 65_536] {
        let value = "v".repeat(len);
        for extra in ["", " é='1'"] {
            let body = props(&format!(r#"<D:a b="{value}"{extra}/>"#));
            let mut want = vec![(String::new(), "b".to_string(), value.clone())];
            if !extra.is_empty() {
                want.push((String::new(), "é".into(), "1".into()));
            }
            assert_eq!(read(&body), vec![("DAV:".to_string(), "a".to_string(), want)], "{len} {extra:?}");
        }
    }
}
