//! `cargo run --example dump -- FILE [--events]`: reads FILE, tells what body it is
//! (`multistatus::body::kind`) and prints it as one JSON document on stdout (exit 0): a 207
//! Multi-Status body (the shape in `examples/json/mod.rs`, shared with the `stream` example),
//! a `DAV:error` body (`examples/json/error_body.rs`), a LOCK answer, a `DAV:prop` root
//! (`examples/json/lock_answer.rs`), or a request body: PROPFIND, PROPPATCH, LOCK,
//! sync-collection, multiget (`examples/json/request.rs`). Any other body is read as a
//! multistatus (and refused as one). A rejected body prints `error: <what> at line L, column
//! C (byte B)` on stderr (exit 1); an HTML page is named so (`error: an HTML page, not XML at
//! ...`); usage or I/O errors exit 2. `--events` prints the low-level events of a
//! multistatus on stderr as well, one a line.
//!
//! The multistatus is read at the event level, so it has no response-level capacity (any
//! number of hrefs and propstats); nothing is printed on stdout unless the whole body is
//! valid.

use std::process::ExitCode;

use multistatus::body::{BodyKind, kind};
use multistatus::{ErrorKind, Event, Parser, request};

mod cli;
use cli::Rejected;
mod json;
#[path = "json/error_body.rs"]
mod json_error_body;
#[path = "json/lock_answer.rs"]
mod json_lock_answer;
#[path = "json/request.rs"]
mod request_json;

/// A request body: its JSON (shape in `examples/json/request.rs`).
fn run_request(body: &[u8]) -> Result<String, multistatus::Error> {
    let parsed = request::parse(body)?;
    Ok(request_json::request_json(&parsed.kind)?.unwrap_or_else(|| "null".to_string()))
}

/// The JSON document of `body`, by its kind.
fn dispatch(body: &[u8], events: bool) -> Result<String, Rejected> {
    match kind(body) {
        Ok(BodyKind::Error) => Ok(json_error_body::error_body(body)?),
        Ok(BodyKind::Prop) => json_lock_answer::lock_answer(body).map_err(|e| match e {
            json_lock_answer::LockError::Body(e) => e.into(),
            json_lock_answer::LockError::Value(e) => {
                Rejected { what: format!("{}: {}", e.property().local(), e.kind().as_str()), offset: e.offset() }
            }
        }),
        Ok(
            BodyKind::Propfind
            | BodyKind::PropertyUpdate
            | BodyKind::LockInfo
            | BodyKind::SyncCollection
            | BodyKind::CalendarMultiget
            | BodyKind::AddressbookMultiget,
        ) => Ok(run_request(body)?),
        Err(e) if e.kind() == ErrorKind::HtmlPage => Err(e.into()),
        // A multistatus, and every other kind or error: the multistatus parser says it.
        _ => Ok(run(body, events)?),
    }
}

fn run(body: &[u8], events: bool) -> Result<String, multistatus::Error> {
    // Accumulated, printed only once the whole body is valid.
    let mut out = json::Json::new(Vec::new());
    for ev in Parser::new(body)? {
        let ev = ev?;
        if events {
            eprintln!("{}", describe(&ev));
        }
        out.event(&ev)?;
    }
    Ok(String::from_utf8_lossy(&out.finish()).trim_end().to_string())
}

/// One line for `--events`.
fn describe(ev: &Event<'_>) -> String {
    match ev {
        Event::ResponseStart { offset } => format!("ResponseStart @{offset}"),
        Event::Href(t) => format!("Href {:?} @{}", t.to_string(), t.offset()),
        Event::Status(s) => format!("Status {} {:?} @{}", s.code(), s.reason(), s.text().offset()),
        Event::PropStatStart { offset } => format!("PropStatStart @{offset}"),
        Event::Property(e) => format!("Property {} @{}", e.name(), e.offset()),
        Event::PropStatEnd => "PropStatEnd".to_string(),
        Event::Error(e) => format!("Error {} @{}", e.name(), e.offset()),
        Event::Description(t) => format!("Description {:?} @{}", t.to_string(), t.offset()),
        Event::Location(t) => format!("Location {:?} @{}", t.to_string(), t.offset()),
        Event::ResponseEnd => "ResponseEnd".to_string(),
        Event::SyncToken(t) => format!("SyncToken {:?} @{}", t.to_string(), t.offset()),
        Event::Unknown(e) => format!("Unknown {} @{}", e.name(), e.offset()),
        Event::Quirk(q) => format!("Quirk {} @{}", q.kind.as_str(), q.offset),
        _ => format!("{ev:?}"),
    }
}

fn main() -> ExitCode {
    cli::main_on_file("dump FILE [--events]", &["--events"], |body, flags| {
        dispatch(body, flags.contains(&"--events")).map(|json| json + "\n")
    })
}
