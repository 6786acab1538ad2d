//! Issue 19, item 1, what was left: in pieces mode (`WindowParser::in_pieces`) what must fit
//! in the window is one tag (with the target of a processing instruction, and the XML
//! declaration) and the text of one `href`, `status` or `sync-token`. A processing
//! instruction anywhere (inside a unit, between the multistatus's elements, before the root,
//! after it), the comments and white space before and after the root, and a character
//! reference longer than the window (any number of leading zeros) are read in pieces.
//!
//! Each body is read through a small buffer with a window ending at every byte of the body
//! (and random chunkings); the values, the other events, the errors and their offsets must
//! be the whole-body parser's.

use crate::common;
use crate::pieces_readers::{Lines, at_every_split, in_random_chunks, pieces, whole};
use multistatus::{ErrorKind, WindowParser};

/// `body` through a buffer of `cap` bytes with a window ending at every byte of it, then
/// through buffers of 40 bytes and 1 KiB in random chunks, against the whole-body parser.
fn check(name: &str, body: &[u8], cap: usize) {
    let expected = whole(body);
    at_every_split(name, body, cap, &expected);
    for (cap, seeds) in [(40, 16), (1024, 4)] {
        in_random_chunks(name, body, cap, seeds, 5, &expected);
    }
}

/// A multistatus with `prolog` before its root, `inside` in a property's text, `between`
/// between its two responses and `epilog` after it.
fn body(prolog: &str, inside: &str, between: &str, epilog: &str) -> Vec<u8> {
    format!(
        "{prolog}<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/a</d:href><d:propstat><d:prop>\
         <d:displayname>Tom {inside}&amp; Jerry</d:displayname><d:getetag>\"1\"</d:getetag></d:prop>\
         <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>{between}<d:response>\
         <d:href>/b</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response></d:multistatus>{epilog}"
    )
    .into_bytes()
}

const DECL: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

/// About `n` bytes of PI content: `?` everywhere but never before `>`, markup-like text,
/// CR LF, multibyte characters.
fn pi_content(n: usize) -> String {
    let rows = ["a ? b ?? c <x> &amp; & \u{e9}\u{1F600} ]]> --> -- <!-- ?\r\n", "?", "?? ?", "<?inner ? >\t\n"];
    let mut s = String::new();
    let mut i = 0;
    while s.len() < n {
        s.push_str(rows[i % rows.len()]);
        i += 1;
    }
    // Not a `?` last: the PI's own `?>` follows.
    s.push('.');
    s
}

/// A 10 KB processing instruction.
fn big_pi() -> String {
    format!("<?pi-target {}?>", pi_content(10 * 1024))
}

/// A 10 KB comment.
fn big_comment() -> String {
    format!("<!--{}-->", "a - b -\r\n \u{e9} ->".repeat(10 * 1024 / 16))
}

const BUFFER: usize = 64;

#[test]
fn a_10_kb_pi_inside_a_property_streams_through_a_64_byte_buffer() {
    let b = body(DECL, &big_pi(), "", "");
    assert!(whole(&b).1.is_none());
    check("PI in a property", &b, BUFFER);
}

#[test]
fn a_10_kb_pi_between_responses_streams_through_a_64_byte_buffer() {
    let pi = big_pi();
    check("PI between responses", &body(DECL, "", &format!("\n{pi}\n"), ""), BUFFER);
    check("PI and comment between responses", &body(DECL, "", &format!("{pi}{}", big_comment()), ""), BUFFER);
}

#[test]
fn a_10_kb_pi_before_the_root_streams_through_a_64_byte_buffer() {
    let pi = big_pi();
    check("PI after the declaration", &body(&format!("{DECL}{pi}\n"), "", "", ""), BUFFER);
    check("PI first in the body", &body(&format!("{pi}\n \n"), "", "", ""), BUFFER);
    check("PI after a BOM", &body(&format!("\u{feff}{pi}"), "", "", ""), BUFFER);
}

#[test]
fn a_10_kb_pi_after_the_root_streams_through_a_64_byte_buffer() {
    let pi = big_pi();
    check("PI after the root", &body(DECL, "", "", &format!("\n{pi}\n")), BUFFER);
    check("PI last in the body", &body("", "", "", &pi), BUFFER);
}

#[test]
fn a_10_kb_comment_before_and_after_the_root_streams_through_a_64_byte_buffer() {
    let c = big_comment();
    check("comment before the root", &body(&format!("{DECL}\n{c}\n"), "", "", ""), BUFFER);
    check("comment first in the body", &body(&c, "", "", ""), BUFFER);
    check("comment after the root", &body(DECL, "", "", &format!("\n{c}\r\n")), BUFFER);
    // Each a few times the window, around the root.
    let c = format!("<!--{}-->", "a - b -\r\n \u{e9} ->".repeat(20));
    let pi = format!("<?pi {}?>", pi_content(300));
    let spaces = " \r\n\t".repeat(100);
    check(
        "comments, PIs and white space around the root",
        &body(&format!("{DECL}{spaces}{c}{pi}{spaces}<!---->"), "", "", &format!("{c}{spaces}{pi}{c}")),
        BUFFER,
    );
}

/// Malformed bodies whose fault is in or after a long PI or comment (inside a unit, between
/// responses, before the root, after it), or in the rules of what may precede the root.
fn malformed_pi_bodies() -> Vec<(String, Vec<u8>)> {
    let content = pi_content(2 * 1024);
    let c = big_comment();
    let mut v = Vec::new();
    for (place, wrap) in [
        ("in a property", &(|pi: &str| body(DECL, pi, "", "")) as &dyn Fn(&str) -> Vec<u8>),
        ("between responses", &|pi: &str| body(DECL, "", pi, "")),
        ("before the root", &|pi: &str| body(&format!("{DECL}{pi}"), "", "", "")),
        ("after the root", &|pi: &str| body(DECL, "", "", pi)),
    ] {
        for (what, pi) in [
            ("target XmL", format!("<?XmL {content}?>")),
            ("target XML, nothing after it", format!("<?XML?>{content}")),
            ("target xml, run into its content", format!("<?xml-stylesheet {content}?><?xml={content}?>")),
            ("a target run into its content", format!("<?pi={content}?>")),
            ("no target", format!("<? pi {content}?>")),
            ("a digit for a target", format!("<?9pi {content}?>")),
            ("a control character in the content", format!("<?pi {content}\u{1}{content}?>")),
            ("U+FFFF in the content", format!("<?pi {content}\u{ffff}?>")),
            ("a control character after target XmL", format!("<?XmL {content}\u{2}?>")),
        ] {
            v.push((format!("{what}, {place}"), wrap(&pi)));
        }
    }
    // Cut off inside a PI or a comment, each place.
    let cut = |b: Vec<u8>, marker: &[u8]| {
        let at = b.windows(marker.len()).position(|w| w == marker).unwrap();
        b[..at + marker.len() + 1500].to_vec()
    };
    let pi = format!("<?cut {content}?>");
    v.push(("cut in a PI in a property".into(), cut(body(DECL, &pi, "", ""), b"<?cut")));
    v.push(("cut in a PI between responses".into(), cut(body(DECL, "", &pi, ""), b"<?cut")));
    v.push(("cut in a PI before the root".into(), cut(body(&format!("{DECL}{pi}"), "", "", ""), b"<?cut")));
    v.push(("cut in a PI after the root".into(), cut(body(DECL, "", "", &pi), b"<?cut")));
    v.push(("cut in a PI with no target".into(), cut(body(DECL, "", "", &format!("<? {content}")), b"<? ")));
    v.push(("cut in a comment before the root".into(), cut(body(&format!("{DECL}{c}"), "", "", ""), b"<!--")));
    v.push(("cut in a comment after the root".into(), cut(body(DECL, "", "", &c), b"<!--")));
    // What may precede the root, after a long comment or PI.
    let pi = format!("<?pi {content}?>");
    for (what, prolog) in [
        ("a DOCTYPE after a long comment", format!("{DECL}{c}<!DOCTYPE d:multistatus>")),
        ("text after a long PI", format!("{pi} junk ")),
        ("a declaration after a long comment", format!("{c}{DECL}")),
        ("a CDATA section after a long PI", format!("{pi}<![CDATA[x]]>")),
        ("an end tag after a long comment", format!("{c}</x>")),
        ("a bad comment before the root", format!("{DECL}<!-- {content} -- -->")),
    ] {
        v.push((what.to_string(), body(&prolog, "", "", "")));
    }
    for (what, epilog) in [
        ("text after a long comment after the root", format!("{c} junk")),
        ("an element after a long PI after the root", format!("{pi}<x/>")),
        ("a declaration after a long PI after the root", format!("{pi}{DECL}")),
        ("a reference after a long comment after the root", format!("{c}&#65;")),
    ] {
        v.push((what.to_string(), body(DECL, "", "", &epilog)));
    }
    // Between responses, where only white space may be: text before a long PI is refused at
    // its start once the PI is read (a fault in the PI comes first).
    v.push(("text, then a long PI, between responses".into(), body(DECL, "", &format!(" junk {pi}"), "")));
    v.push((
        "text, then a long bad PI, between responses".into(),
        body(DECL, "", &format!(" junk <?XML {content}?>"), ""),
    ));
    // No root: only long comments, PIs and white space.
    v.push(("no root after long markup".into(), format!("{DECL}{c}\n{pi}\n").into_bytes()));
    v.push(("no root, only white space".into(), " \r\n".repeat(3000).into_bytes()));
    // Not UTF-8 in a long PI, before the root and after it.
    for (what, b) in [("before", body(&pi, "", "", "")), ("after", body("", "", "", &pi))] {
        let mut b = b;
        let at = b.windows(5).position(|w| w == b"<?pi ").unwrap() + 1500;
        b[at] = 0xFF;
        v.push((format!("not UTF-8 in a long PI {what} the root"), b));
    }
    v
}

#[test]
fn malformed_long_pis_and_comments_give_the_whole_body_errors_at_every_split_point() {
    let bodies = malformed_pi_bodies();
    common::within(600, "malformed PIs", move || {
        for (name, b) in bodies {
            let expected = whole(&b);
            assert!(expected.1.is_some(), "{name}: expected an error");
            check(&name, &b, BUFFER);
        }
    });
}

/// A PI of `bytes` bytes between responses and one inside a property, through a 1 KiB
/// buffer: the events of the whole-body parser.
fn pi_through_1_kib(bytes: usize) -> Lines {
    let pi = format!("<?pi {}?>", pi_content(bytes));
    let b = body(DECL, &pi, &pi, &pi);
    let got = pieces(&b, 1024, None, &mut || 1024).lines;
    assert_eq!(got, whole(&b));
    got
}

#[test]
fn a_1_mb_pi_streams_through_a_1_kib_buffer() {
    let (events, err) = common::within(60, "a 1 MB PI through 1 KiB", || pi_through_1_kib(1 << 20));
    assert_eq!(err, None);
    assert!(events.iter().any(|e| e.starts_with("Property {DAV:}displayname")));
    // Without pieces mode, the same body does not fit.
    let pi = format!("<?pi {}?>", pi_content(1 << 20));
    let b = body(DECL, "", "", &pi);
    let mut parser = WindowParser::new();
    let mut start = 0;
    let err = 'feeds: loop {
        let end = (start + 1024).min(b.len());
        let mut feed = match parser.feed(&b[start..end], start, end == b.len()) {
            Ok(f) => f,
            Err(e) => break e,
        };
        while let Some(ev) = feed.next_event() {
            if let Err(e) = ev {
                break 'feeds e;
            }
        }
        start = parser.keep_from();
    };
    assert_eq!(err.kind(), ErrorKind::WindowTooSmall);
}

/// `&#` (or `&#x`), `zeros` zeros, then `rest`.
fn long_reference(hex: bool, zeros: usize, rest: &str) -> String {
    format!("&#{}{}{rest}", if hex { "x" } else { "" }, "0".repeat(zeros))
}

#[test]
fn a_character_reference_with_5000_leading_zeros_streams_through_a_64_byte_buffer() {
    let r = long_reference(false, 5000, "65;");
    check("decimal reference in a property", &body(DECL, &r, "", ""), BUFFER);
    let text = format!(
        "a{}b{}\u{1F600}{}",
        long_reference(true, 5000, "1F600;"),
        long_reference(false, 3000, "1114111;"),
        long_reference(true, 20, "e9;")
    );
    check("hexadecimal references among text", &body(DECL, &text, "", ""), BUFFER);
    // After a CR, one after the other, beside a long PI, at the end of the unit.
    let (z, x) = (long_reference(false, 500, "10;"), long_reference(true, 700, "263A;"));
    check("references beside a PI", &body(DECL, &format!("\r{z}{x}\r\n{}{z}{x}", big_pi()), "", ""), BUFFER);
    // Between responses: a space by reference is white space, a letter is not.
    check("a space by reference between responses", &body(DECL, "", &long_reference(false, 5000, "32;"), ""), BUFFER);
    check("a letter by reference between responses", &body(DECL, "", &long_reference(true, 5000, "41;"), ""), BUFFER);
    // A description and an unknown element read in pieces too.
    let description = format!(
        "<d:responsedescription>x{}y<d:error><d:a>{}</d:a></d:error></d:responsedescription>",
        long_reference(false, 2000, "233;"),
        long_reference(true, 2000, "20AC;")
    );
    check("references in a description", &body(DECL, "", &description, ""), BUFFER);
}

/// Malformed references with many digits: the whole-body parser's error at the same offset
/// (`InvalidReference` at the `&`, or the end of the body).
fn malformed_reference_bodies() -> Vec<(String, Vec<u8>)> {
    let mut v = Vec::new();
    for (what, r) in [
        ("zero", long_reference(false, 3000, ";")),
        ("hexadecimal zero", long_reference(true, 3000, ";")),
        ("a letter after the zeros", long_reference(false, 3000, "6x5;")),
        ("a hex digit in a decimal reference", long_reference(false, 3000, "6A;")),
        ("an uppercase X", format!("&#X{}41;", "0".repeat(3000))),
        ("no semicolon", long_reference(false, 3000, "65 ")),
        ("past U+10FFFF", long_reference(false, 3000, "1114112;")),
        ("past U+10FFFF in hex", long_reference(true, 3000, "110000;")),
        ("overflow", long_reference(false, 3000, "99999999999999999999999;")),
        ("overflow in hex", long_reference(true, 3000, "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF;")),
        ("3000 significant digits", format!("&#{};", "9".repeat(3000))),
        ("3000 significant hex digits, then a letter", format!("&#x{}g;", "f".repeat(3000))),
        ("a surrogate", long_reference(true, 3000, "D800;")),
        ("U+FFFE", long_reference(true, 3000, "FFFE;")),
        ("a control character", long_reference(false, 3000, "1;")),
    ] {
        v.push((format!("{what}, in a property"), body(DECL, &r, "", "")));
        v.push((format!("{what}, between responses"), body(DECL, "", &r, "")));
    }
    // Cut off in the zeros, in the significant digits, in an overflow.
    for (what, r) in [
        ("zeros", long_reference(false, 3000, "")),
        ("significant digits", long_reference(true, 3000, "1F6")),
        ("an overflow", format!("&#{}", "9".repeat(3000))),
    ] {
        let b = body(DECL, &r, "", "");
        let at = b.windows(2).position(|w| w == b"&#").unwrap();
        v.push((format!("cut in {what}"), b[..at + r.len()].to_vec()));
    }
    // Not UTF-8 just after the zeros.
    let mut b = body(DECL, &long_reference(false, 3000, "#65;"), "", "");
    let at = b.iter().position(|&c| c == b'#').unwrap();
    let at = at + 1 + b[at + 1..].iter().position(|&c| c == b'#').unwrap();
    b[at] = 0xFF;
    v.push(("not UTF-8 after the zeros".into(), b));
    v
}

#[test]
fn malformed_long_references_give_the_whole_body_errors_at_every_split_point() {
    let bodies = malformed_reference_bodies();
    common::within(600, "malformed references", move || {
        for (name, b) in bodies {
            let expected = whole(&b);
            assert!(expected.1.is_some(), "{name}: expected an error");
            check(&name, &b, BUFFER);
        }
    });
}
