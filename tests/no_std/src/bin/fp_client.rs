//! The library as a client uses it: the event level, the response view, the windowed level and
//! the client values (hrefs decoded and resolved, typed live properties, HTTP dates).
#![no_std]
#![no_main]

#[path = "../footprint.rs"]
mod footprint;
#[path = "../parses.rs"]
mod parses;

use multistatus::href::{UriRef, percent_decode_into, resolve_into, same_resource};
use multistatus::{DAV, Options, Responses, props};

/// The response view with the client values of each response: 0 when all are as written.
fn listing() -> i32 {
    let Ok(it) = Responses::<8, 8, 256>::with_options(parses::SMALL, Options::default()) else { return 1 };
    let mut path = [0u8; 64];
    let mut resolved = [0u8; 96];
    let (mut collections, mut length, mut modified, mut etags, mut decoded) = (0, 0, 0, 0, 0);
    for r in it {
        let Ok(r) = r else { return 2 };
        let Some(href) = r.href() else { return 3 };
        let raw = href.raw();
        if let Ok(p) = percent_decode_into(UriRef::parse(raw).path(), &mut path) {
            decoded += p.len();
        }
        if resolve_into("https://example.com/cal/", raw, &mut resolved).is_err()
            || same_resource(raw, "https://example.com/cal/") && raw != "/cal/"
        {
            return 4;
        }
        let Ok(rt) = r.property(DAV, "resourcetype") else { return 5 };
        collections += usize::from(rt.is_some_and(|e| props::resource_type(&e).is_ok_and(|t| t.is_collection())));
        if let Ok(Some(e)) = r.property(DAV, "getcontentlength") {
            length += props::content_length(&e).unwrap_or(0);
        }
        if let Ok(Some(e)) = r.property(DAV, "getlastmodified") {
            modified += props::last_modified(&e).map_or(0, |d| d.unix_seconds());
        }
        if let Ok(Some(e)) = r.property(DAV, "getetag") {
            etags += usize::from(props::etag(&e).is_ok_and(|t| !t.weak));
        }
    }
    if collections == 1 && length == 1234 && modified == 784_111_777 && etags == 1 && decoded > 0 { 0 } else { 6 }
}

fn work() -> i32 {
    match (listing(), parses::events(), parses::windowed()) {
        (0, 0, 0) => 0,
        (a, 0, 0) => a,
        (_, b, 0) => b,
        (_, _, c) => c,
    }
}

#[unsafe(no_mangle)]
pub extern "C" fn main(_argc: i32, _argv: *const *const u8) -> i32 {
    footprint::report(c"client", work)
}
