//! Regressions of `multistatus::href`: each test failed before its fix.

use multistatus::href::{HrefErrorKind, encode_path, percent_decode_bytes_into, percent_decode_into, same_resource};

/// `same_resource` of each pair, both ways round, is `same`.
fn assert_same_resource(pairs: &[(&str, &str)], same: bool) {
    for &(a, b) in pairs {
        assert_eq!(same_resource(a, b), same, "{a:?} {b:?}");
        assert_eq!(same_resource(b, a), same, "{b:?} {a:?}");
    }
}

/// A port is a decimal number (RFC 3986 §3.2.3): `0443` is port 443, the default of `https`,
/// and `080` is port 80. Compared as written, they named other resources.
#[test]
fn same_resource_reads_a_port_by_its_value() {
    assert_same_resource(
        &[
            ("https://h:0443/a", "https://h/a"),
            ("https://h:0443/a", "https://h:443/a"),
            ("http://h:080/a", "http://h:80/a"),
            ("http://h:00080/a/", "HTTP://H/a"),
            ("http://h:0/a", "http://h:000/a"),
            ("http://[::1]:08080/", "http://[::1]:8080"),
        ],
        true,
    );
    assert_same_resource(
        &[("http://h:8080/a", "http://h:80/a"), ("http://h:0/a", "http://h/a"), ("https://h:4430/a", "https://h/a")],
        false,
    );
}

/// Two network-path references (`//host/path`, no scheme) name their hosts: `//g/a` and
/// `//h/a` are not the same resource, nor `//g/a` and `http://h/a`. Only the hrefs without
/// an authority (`/a`) are compared by their paths alone.
#[test]
fn same_resource_compares_the_hosts_of_network_path_references() {
    assert_same_resource(
        &[
            ("//g/a", "//h/a"),
            ("//h:8080/a", "//h/a"),
            ("//g/a", "http://h/a"),
            ("//h:8080/a", "http://h/a"),
            ("//h/a", "https://h:80/a"),
        ],
        false,
    );
    assert_same_resource(
        &[
            ("//h/a", "//H/a/"),
            ("//h:80/a", "//h:080/a"),
            ("//h/a", "http://h/a"),
            ("//h:80/a", "http://h/a"),
            ("//u@h/a", "https://h:443/a"),
            ("/a", "//h/a"),
            ("/a", "http://h/a"),
        ],
        true,
    );
}

/// `BufferTooSmall` is at the byte of the input that no longer fit (`HrefError`'s docs,
/// `EncodedPath::write_into`'s): it was at the start of the raw run holding that byte when
/// decoding, and always at 0 when encoding.
#[test]
fn buffer_too_small_is_at_the_first_input_byte_that_did_not_fit() {
    // Decoding: the bytes, and the string (same offsets).
    for (s, room, at) in [
        ("abcdef", 2, 2),
        ("abcdef", 0, 0),
        ("ab%20cd", 2, 2),
        ("ab%20cd", 3, 5),
        ("ab%20cd", 4, 6),
        ("/é/x", 2, 2),
        ("%41%42%43", 1, 3),
    ] {
        let mut buf = vec![0u8; room];
        let e = percent_decode_bytes_into(s, &mut buf).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (HrefErrorKind::BufferTooSmall, at), "{s:?} in {room}");
        let e = percent_decode_into(s, &mut buf).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (HrefErrorKind::BufferTooSmall, at), "{s:?} in {room} (str)");
    }
    // Encoding: `/a b` is `/a%20b`; an escape is one input byte.
    for (path, room, at) in
        [("/a b", 5, 3), ("/a b", 4, 2), ("/a b", 2, 2), ("/a b", 1, 1), ("/abcdefg", 5, 5), ("é", 3, 1)]
    {
        let mut buf = vec![0u8; room];
        let e = encode_path(path).write_into(&mut buf).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (HrefErrorKind::BufferTooSmall, at), "{path:?} in {room}");
    }
}

/// A relative path whose first segment holds a `:` (`a:b`) was written raw, and read back
/// as a URI of scheme `a` (RFC 3986 §4.2: such a path needs its colon escaped). Its colon
/// is now `%3A`; a colon after the first `/` stays raw.
#[test]
fn an_encoded_relative_path_with_a_colon_does_not_read_as_a_scheme() {
    let mut buf = [0u8; 64];
    for (path, want, resolved) in [
        ("a:b", "a%3Ab", "http://h/d/a%3Ab"),
        ("a:b/c:d", "a%3Ab/c:d", "http://h/d/a%3Ab/c:d"),
        ("/a:b", "/a:b", "http://h/a:b"),
        ("./a:b", "./a:b", "http://h/d/a:b"),
    ] {
        let enc = encode_path(path).to_string();
        assert_eq!(enc, want, "{path:?}");
        assert_eq!(multistatus::href::resolve_into("http://h/d/", &enc, &mut buf), Ok(resolved), "{path:?}");
        assert_eq!(percent_decode_into(&enc, &mut buf), Ok(path), "{path:?}");
    }
}

/// `percent_decode_text` is the two steps it stands for (the href unescaped, then
/// percent-decoded), errors and their offsets included, in a buffer no longer than the
/// unescaped href: on hrefs of every shape, and on every href of the corpus.
#[test]
fn percent_decode_text_is_unescape_then_percent_decode() {
    use multistatus::href::percent_decode_text;
    use multistatus::{Event, Parser};
    let check = |body: &[u8]| {
        let mut n = 0;
        for ev in Parser::new(body).unwrap() {
            let Ok(Event::Href(h)) = ev else { continue };
            let mut xml = vec![0u8; h.unescaped_len()];
            let value = h.unescape_into(&mut xml).unwrap();
            let mut out = vec![0u8; value.len()];
            let want = percent_decode_into(value, &mut out).map(str::to_string);
            let mut buf = vec![0u8; value.len()];
            assert_eq!(percent_decode_text(&h, &mut buf).map(str::to_string), want, "{value:?}");
            if !value.is_empty() {
                let mut short = vec![0u8; value.len() - 1];
                if !h.is_plain() {
                    let e = percent_decode_text(&h, &mut short).unwrap_err();
                    assert_eq!((e.kind(), e.offset()), (HrefErrorKind::BufferTooSmall, 0), "{value:?}");
                }
            }
            n += 1;
        }
        n
    };
    let hrefs = [
        "/plain",
        "/a%20b",
        "/q?a=1&amp;b=2",
        "/Tom%20&amp;%20Jerry",
        "/%C3%A4&amp;%41",
        "/bad%zz&amp;",
        "/cut%4&amp;",
        "/half%C3&amp;",
        "/&#37;41",
        "&amp;",
        "  /trimmed%20&amp;  ",
        "<![CDATA[/c%20d&]]>",
    ];
    for href in hrefs {
        let body = format!(
            "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>{href}</D:href>\
             <D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>"
        );
        assert_eq!(check(body.as_bytes()), 1, "{href}");
    }
    let mut total = 0;
    for path in crate::common::corpus_files("percent_decode_text_is_unescape_then_percent_decode") {
        let body = std::fs::read(&path).unwrap();
        if Parser::new(&body).is_ok_and(|p| p.into_iter().all(|e| e.is_ok())) {
            total += check(&body);
        }
    }
    if std::env::var_os("MULTISTATUS_CORPUS").is_some_and(|v| v != "skip") {
        assert!(total >= 450, "{total} hrefs");
    }
}
