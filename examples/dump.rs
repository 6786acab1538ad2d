//! `cargo run --example dump -- FILE [--events]`: parses FILE as a 207 Multi-Status body and
//! prints it as one JSON document on stdout (exit 0). A rejected body prints
//! `error: <what> at line L, column C (byte B)` on stderr (exit 1); usage or I/O errors exit 2.
//! `--events` prints the low-level events on stderr as well, one a line.
//!
//! Built on the event level, so it has no response-level capacity (any number of hrefs and
//! propstats); nothing is printed on stdout unless the whole body is valid.

use std::fmt::Write as _;
use std::process::ExitCode;

use multistatus::{Element, Event, Parser, Text};

fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn json_text(out: &mut String, t: &Text<'_>) {
    json_str(out, &t.to_string());
}

fn json_opt_text(out: &mut String, t: Option<Text<'_>>) {
    match t {
        Some(t) => json_text(out, &t),
        None => out.push_str("null"),
    }
}

/// Clark names of the direct child elements.
fn child_names(out: &mut String, e: &Element<'_>) -> Result<(), multistatus::Error> {
    out.push('[');
    let mut first = true;
    for c in e.children() {
        if let multistatus::Node::Element(c) = c? {
            if !first {
                out.push_str(", ");
            }
            first = false;
            json_str(out, &c.name().to_string());
        }
    }
    out.push(']');
    Ok(())
}

#[derive(Default)]
struct PropStatJson {
    status: Option<u16>,
    props: Vec<String>,
    error: Option<String>,
    description: Option<String>,
}

#[derive(Default)]
struct ResponseJson {
    hrefs: Vec<String>,
    status: Option<u16>,
    propstats: Vec<PropStatJson>,
    error: Option<String>,
    description: Option<String>,
    location: Option<String>,
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("null")
}

fn opt_code(c: Option<u16>) -> String {
    c.map_or_else(|| "null".to_string(), |c| c.to_string())
}

fn run(body: &[u8], events: bool) -> Result<String, multistatus::Error> {
    let mut responses: Vec<ResponseJson> = Vec::new();
    let mut cur: Option<ResponseJson> = None;
    let mut ps: Option<PropStatJson> = None;
    let mut description: Option<String> = None;
    let mut sync_token: Option<String> = None;
    for ev in Parser::new(body)? {
        let ev = ev?;
        if events {
            eprintln!("{}", describe(&ev));
        }
        match ev {
            Event::ResponseStart { .. } => cur = Some(ResponseJson::default()),
            Event::Href(t) => {
                let mut s = String::new();
                json_text(&mut s, &t);
                if let Some(r) = cur.as_mut() {
                    r.hrefs.push(s);
                }
            }
            Event::Status(s) => match (ps.as_mut(), cur.as_mut()) {
                (Some(p), _) => p.status = Some(s.code()),
                (None, Some(r)) => r.status = Some(s.code()),
                _ => {}
            },
            Event::PropStatStart { .. } => ps = Some(PropStatJson::default()),
            Event::Property(e) => {
                let mut s = String::from("[");
                json_str(&mut s, &e.name().to_string());
                s.push_str(", ");
                match e.text() {
                    Some(t) => json_text(&mut s, &t),
                    None => {
                        s.push_str("{\"children\": ");
                        child_names(&mut s, &e)?;
                        s.push('}');
                    }
                }
                s.push(']');
                if let Some(p) = ps.as_mut() {
                    p.props.push(s);
                }
            }
            Event::PropStatEnd => {
                if let (Some(p), Some(r)) = (ps.take(), cur.as_mut()) {
                    r.propstats.push(p);
                }
            }
            Event::Error(e) => {
                let mut s = String::new();
                child_names(&mut s, &e)?;
                match (ps.as_mut(), cur.as_mut()) {
                    (Some(p), _) => p.error = Some(s),
                    (None, Some(r)) => r.error = Some(s),
                    _ => {}
                }
            }
            Event::Description(t) => {
                let mut s = String::new();
                json_text(&mut s, &t);
                match (ps.as_mut(), cur.as_mut()) {
                    (Some(p), _) => p.description = Some(s),
                    (None, Some(r)) => r.description = Some(s),
                    (None, None) => description = Some(s),
                }
            }
            Event::Location(t) => {
                let mut s = String::new();
                json_text(&mut s, &t);
                if let Some(r) = cur.as_mut() {
                    r.location = Some(s);
                }
            }
            Event::ResponseEnd => responses.extend(cur.take()),
            Event::SyncToken(t) => {
                let mut s = String::new();
                json_opt_text(&mut s, Some(t));
                sync_token = Some(s);
            }
            // Extension elements and tolerated quirks are not part of the JSON shape.
            _ => {}
        }
    }
    let mut out = String::from("{\"responses\": [");
    for (i, r) in responses.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n  ");
        }
        let _ =
            write!(out, "{{\"hrefs\": [{}], \"status\": {}, \"propstats\": [", r.hrefs.join(", "), opt_code(r.status));
        for (j, p) in r.propstats.iter().enumerate() {
            if j > 0 {
                out.push_str(", ");
            }
            let _ = write!(
                out,
                "{{\"status\": {}, \"props\": [{}], \"error\": {}, \"description\": {}}}",
                opt_code(p.status),
                p.props.join(", "),
                opt(&p.error),
                opt(&p.description)
            );
        }
        let _ = write!(
            out,
            "], \"error\": {}, \"description\": {}, \"location\": {}}}",
            opt(&r.error),
            opt(&r.description),
            opt(&r.location)
        );
    }
    let _ = write!(out, "],\n \"description\": {}, \"sync_token\": {}}}", opt(&description), opt(&sync_token));
    Ok(out)
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
