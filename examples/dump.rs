//! `cargo run --example dump -- FILE [--events]`: parses FILE as a 207 Multi-Status body and
//! prints it as one JSON document on stdout (exit 0); a request body (PROPFIND, PROPPATCH,
//! LOCK, sync-collection, multiget) is printed with its own shape (`examples/json/request.rs`). A rejected body prints
//! `error: <what> at line L, column C (byte B)` on stderr (exit 1); usage or I/O errors exit 2.
//! `--events` prints the low-level events on stderr as well, one a line.
//!
//! Built on the event level, so it has no response-level capacity (any number of hrefs and
//! propstats); nothing is printed on stdout unless the whole body is valid. The JSON shape is
//! in `examples/json/mod.rs`, shared with the `stream` example.

use std::process::ExitCode;

use multistatus::{Event, Parser, document, request};

mod json;
#[path = "json/request.rs"]
mod request_json;

/// A request body (issue 18): its JSON (shape in `examples/json/request.rs`), when the body
/// is well-formed XML whose root is a request element; `None` otherwise (then it is read as a
/// multistatus, as before).
fn run_request(body: &[u8]) -> Option<Result<String, multistatus::Error>> {
    let root = document::root(body).ok()?;
    if !request::is_request_root(&root.name()) {
        return None;
    }
    let parsed = match request::parse(body) {
        Ok(p) => p,
        Err(e) => return Some(Err(e)),
    };
    request_json::request_json(&parsed.kind).transpose()
}

fn run(body: &[u8], events: bool) -> Result<String, multistatus::Error> {
    if let Some(r) = run_request(body) {
        return r;
    }
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
    let args: Vec<String> = std::env::args().skip(1).collect();
    let events = args.iter().any(|a| a == "--events");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [file] = files.as_slice() else {
        eprintln!("usage: dump FILE [--events]");
        return ExitCode::from(2);
    };
    let body = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    match run(&body, events) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let pos = e.position(&body);
            eprintln!("error: {} at line {}, column {} (byte {})", e.kind().as_str(), pos.line, pos.column, e.offset());
            ExitCode::from(1)
        }
    }
}
