//! The client-value readers on arbitrary input: hrefs, dates, live properties.
//!
//! Invariants, checked below:
//! - hrefs: the pieces of `percent_decoded` are what `percent_decode_into` writes (and
//!   `percent_decode` gives, borrowed or not), and both
//!   fail alike (kind and offset) as `check` does; `UriRef::parse` splits the input into parts
//!   that put back together give it again; `encode_path` decodes back to its input; resolution
//!   fits the stated room (and no less) and its path has no dot segment left (but for an empty
//!   reference path); `same_resource` is reflexive and symmetric; an href element's text
//!   decoded by `percent_decode_text` is its value unescaped, then `percent_decode_into`;
//! - dates: a date that reads writes as a form that reads as the same instant, and that
//!   form reads strictly; a date read strictly reads the same leniently, and one read only
//!   leniently was written with the tolerated zone or offset (a `+` or `-` in it);
//! - properties: every accessor on every property of a body that parses returns a value or an
//!   error whose offset lies in the body; none panics; `content_length` reads what the text's
//!   string value says (its digits between XML white space, or an error).
#![no_main]

use libfuzzer_sys::fuzz_target;
use multistatus::date::{DateTime, HttpDate};
use multistatus::href::{
    HrefErrorKind, Piece, UriRef, check, encode_path, percent_decode, percent_decode_into, percent_decoded,
    resolve_into, same_resource,
};
use multistatus::{Event, Parser, props};

fn hrefs(s: &str) {
    // Decoding: pieces, buffer and check agree.
    let pieces: Result<String, _> = percent_decoded(s)
        .map(|p| {
            p.map(|p| match p {
                Piece::Str(x) => x.to_string(),
                Piece::Char(c) => c.to_string(),
            })
        })
        .collect();
    let mut buf = vec![0u8; s.len()];
    let into = percent_decode_into(s, &mut buf).map(str::to_string);
    assert_eq!(pieces, into, "{s:?}");
    // Borrowed or not, the same value and error.
    let mut other = vec![0u8; s.len()];
    assert_eq!(percent_decode(s, &mut other).map(str::to_string), into, "{s:?}");
    assert_eq!(check(s).err(), into.as_ref().err().copied());
    // The parts, put back together.
    let u = UriRef::parse(s);
    let mut back = String::new();
    if let Some(x) = u.scheme() {
        back += x;
        back += ":";
    }
    if let Some(x) = u.authority() {
        back += "//";
        back += x;
    }
    back += u.path();
    if let Some(x) = u.query() {
        back += "?";
        back += x;
    }
    if let Some(x) = u.fragment() {
        back += "#";
        back += x;
    }
    assert_eq!(back, s);
    // Encoding round trip.
    let enc = encode_path(s).to_string();
    let mut buf = vec![0u8; enc.len()];
    assert_eq!(percent_decode_into(&enc, &mut buf), Ok(s), "{enc:?}");
    assert!(same_resource(s, s), "{s:?}");
}

fn resolution(base: &str, r: &str) {
    let mut buf = vec![0u8; base.len() + r.len() + 1];
    let out = resolve_into(base, r, &mut buf);
    // Invariant: the stated room is always enough.
    let out = match out {
        Ok(o) => o.to_string(),
        Err(e) => panic!("{base:?} {r:?}: {e:?}"),
    };
    // Dot segments go, but for an empty reference path, which takes the base's as it is
    // (RFC 3986 §5.2.2).
    if !UriRef::parse(r).path().is_empty() {
        let path = UriRef::parse(&out).path().to_string();
        for seg in path.split('/').skip(1) {
            assert!(seg != "." && seg != "..", "{base:?} + {r:?} = {out:?}");
        }
    }
    // A buffer one byte short of the result is too small, never a panic.
    if !out.is_empty() {
        let mut short = vec![0u8; out.len() - 1];
        assert_eq!(resolve_into(base, r, &mut short).unwrap_err().kind(), HrefErrorKind::BufferTooSmall);
    }
    assert_eq!(same_resource(base, r), same_resource(r, base));
}

fn dates(s: &str) {
    let (lenient, strict) = (HttpDate::parse(s), HttpDate::parse_strict(s, 2019));
    if let Ok(d) = strict {
        assert_eq!(lenient, Ok(d), "{s:?}");
    }
    if let Ok(d) = lenient {
        assert!(strict.is_ok() || s.contains(['+', '-']), "{s:?}: lenient only, without a numeric zone");
        let mut buf = [0u8; HttpDate::LEN];
        let f = d.format_into(&mut buf).unwrap();
        assert_eq!(HttpDate::parse(f), Ok(d), "{s:?} -> {f:?}");
        assert_eq!(HttpDate::parse_strict(f, 2019), Ok(d), "{s:?} -> {f:?}");
    }
    let (lenient, strict) = (DateTime::parse(s), DateTime::parse_strict(s));
    if let Ok(d) = strict {
        assert_eq!(lenient, Ok(d), "{s:?}");
    }
    if let Ok(d) = lenient {
        assert!(strict.is_ok() || s.contains(['+', '-']), "{s:?}: lenient only, without an offset");
        let mut buf = [0u8; DateTime::MAX_LEN];
        let f = d.format_into(&mut buf).unwrap();
        let again = DateTime::parse_strict(f).unwrap();
        assert_eq!((again.unix_seconds(), again.nanoseconds()), (d.unix_seconds(), d.nanoseconds()), "{s:?} -> {f:?}");
    }
}

fn properties(data: &[u8]) {
    let Ok(parser) = Parser::new(data) else { return };
    let in_body = |o: usize| assert!(o <= data.len(), "offset {o} past {}", data.len());
    for ev in parser {
        // An href element's text percent-decoded at once is its value unescaped, then
        // percent-decoded, errors and offsets included.
        if let Ok(Event::Href(h)) = &ev {
            let value = h.to_string();
            let want = percent_decode_into(&value, &mut vec![0u8; value.len()]).map(str::to_string);
            let got = multistatus::href::percent_decode_text(h, &mut vec![0u8; value.len()]).map(str::to_string);
            assert_eq!(got, want, "{value:?}");
        }
        let Ok(Event::Property(e)) = ev else { continue };
        macro_rules! each {
            ($($f:ident),*) => {$(
                if let Err(err) = props::$f(&e) {
                    in_body(err.offset());
                }
            )*};
        }
        each!(
            display_name,
            content_language,
            content_length,
            content_type,
            etag,
            last_modified,
            creation_date,
            quota_available_bytes,
            quota_used_bytes,
            sync_token,
            ctag
        );
        // A length is the string value's decimal digits, between XML white space, however
        // references, CDATA, comments and PIs write them.
        if let Some(t) = e.text().filter(|_| e.name().namespace().is_dav() && e.name().local() == "getcontentlength") {
            let value = t.to_string();
            let digits = value.trim_matches([' ', '\t', '\r', '\n']);
            let want = if !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()) {
                digits.parse::<u64>().ok()
            } else {
                None
            };
            assert_eq!(props::content_length(&e).ok(), want, "{value:?}");
        }
        if let Ok(t) = props::resource_type(&e) {
            let _ = t.types().count();
        }
        if let Ok(l) = props::lock_discovery(&e) {
            let _ = l.count();
        }
        if let Ok(l) = props::supported_lock(&e) {
            let _ = l.count();
        }
        if let Ok(p) = props::current_user_privilege_set(&e) {
            let _ = p.count();
        }
        if let Ok(h) = props::calendar_home_set(&e) {
            let _ = h.count();
        }
        if let Ok(c) = props::supported_calendar_component_set(&e) {
            let _ = c.count();
        }
        let _ = props::current_user_principal(&e);
        let _ = props::addressbook_home_set(&e);
    }
}

fuzz_target!(|data: &[u8]| {
    properties(data);
    let Ok(s) = std::str::from_utf8(data) else { return };
    if s.len() <= 4096 {
        hrefs(s);
        dates(s);
        let cut = s.char_indices().map(|(i, _)| i).nth(s.chars().count() / 2).unwrap_or(0);
        let (base, r) = s.split_at(cut);
        resolution(base, r);
    }
});
