//! `cargo run --example listing -- FILE`: reads FILE as a PROPFIND answer and prints one JSON
//! object a line for each response with a 2xx propstat, in document order:
//!
//! ```text
//! {"href": "/files/a%20b.txt", "path": "/files/a b.txt", "collection": false,
//!  "length": 1024, "modified": 784111777, "etag": "\"5f3a-1\"", "type": "text/plain",
//!  "name": "a b.txt"}
//! ```
//!
//! - `href`: the first href as in the body (its XML value), trimmed;
//! - `path`: the href's path (for an absolute URL, the path alone) percent-decoded to UTF-8,
//!   `null` when an escape is malformed or the bytes are not UTF-8;
//! - `collection`: whether `resourcetype` holds `DAV:collection`;
//! - `length`: `getcontentlength` as a number (`null` when absent or not a decimal number);
//! - `modified`: `getlastmodified` as Unix seconds (`null` when absent or not an HTTP date);
//! - `etag`: the `getetag` text trimmed, quotes kept; `type`: `getcontenttype` trimmed;
//!   `name`: `displayname` exact (each `null` when absent).
//!
//! Every value comes from the first 2xx propstat that holds the property. The quirks the
//! parser tolerated, if any, are named on stderr. A rejected body
//! prints `error: <what> at line L, column C (byte B)` on stderr and exits 1, with nothing on
//! stdout; usage or I/O errors exit 2.

use std::fmt::Write as _;
use std::process::ExitCode;

use multistatus::href::{UriRef, percent_decode_into};
use multistatus::{DAV, Element, Options, Response, Responses, Text, props};

mod cli;
#[allow(dead_code)]
mod json;

/// Hrefs and propstats kept per response from the single read (any more are read again).
type Listing<'a> = Responses<'a, 32, 32, 2048, 8, 16>;

fn string(s: &str) -> String {
    let mut out = String::new();
    json::json_str(&mut out, s);
    out
}

/// The trimmed text of a property, if it has one.
fn trimmed<'a>(e: Option<Element<'a>>) -> Option<Text<'a>> {
    e.and_then(|e| e.text()).map(|t| t.trim())
}

fn text_or_null(t: Option<Text<'_>>) -> String {
    t.map_or_else(|| "null".to_string(), |t| string(&t.to_string()))
}

fn number_or_null<T: std::fmt::Display>(n: Option<T>) -> String {
    n.map_or_else(|| "null".to_string(), |n| n.to_string())
}

/// The href's path, percent-decoded, or `None`.
fn decoded_path(href: &str) -> Option<String> {
    let path = UriRef::parse(href).path();
    // The decoded path is never longer than the encoded one.
    let mut buf = vec![0u8; path.len()];
    percent_decode_into(path, &mut buf).ok().map(str::to_string)
}

/// One line for a response with a 2xx propstat, or `None`.
fn line(r: &Response<'_, 32, 32, 2048, 8, 16>) -> Result<Option<String>, multistatus::Error> {
    let mut propstats = r.propstats();
    while let Some(ps) = propstats.next() {
        if ps?.status().is_some_and(|s| s.is_success()) {
            return line_of(r).map(Some);
        }
    }
    Ok(None)
}

/// The line of a response with a 2xx propstat.
fn line_of(r: &Response<'_, 32, 32, 2048, 8, 16>) -> Result<String, multistatus::Error> {
    let prop = |local: &str| r.property(DAV, local);
    let href = r.href().map(|h| h.to_string()).unwrap_or_default();
    let collection = match prop("resourcetype")? {
        Some(e) => props::resource_type(&e).is_ok_and(|t| t.is_collection()),
        None => false,
    };
    let length = prop("getcontentlength")?.and_then(|e| props::content_length(&e).ok());
    let modified = prop("getlastmodified")?.and_then(|e| props::last_modified(&e).ok()).map(|d| d.unix_seconds());
    let mut out = String::new();
    let _ = write!(
        out,
        "{{\"href\": {}, \"path\": {}, \"collection\": {collection}, \"length\": {}, \"modified\": {}, \
         \"etag\": {}, \"type\": {}, \"name\": {}}}",
        string(&href),
        decoded_path(&href).map_or_else(|| "null".to_string(), |p| string(&p)),
        number_or_null(length),
        number_or_null(modified),
        text_or_null(trimmed(prop("getetag")?)),
        text_or_null(trimmed(prop("getcontenttype")?)),
        text_or_null(prop("displayname")?.and_then(|e| e.text())),
    );
    Ok(out)
}

fn run(body: &[u8]) -> Result<String, multistatus::Error> {
    let mut out = String::new();
    let mut rs = Listing::with_options(body, Options::default())?;
    let mut slot = Response::default();
    while let Some(r) = rs.next_into(&mut slot) {
        if let Some(l) = line(r?)? {
            out.push_str(&l);
            out.push('\n');
        }
    }
    // What was tolerated is said (a propstat without status is not 2xx: its response has no
    // line).
    if !rs.quirks().is_empty() {
        eprintln!("quirks tolerated (count, first byte): {:?}", rs.quirks());
    }
    Ok(out)
}

fn main() -> ExitCode {
    cli::main_on_file("listing FILE", &[], |body, _| Ok(run(body)?))
}
