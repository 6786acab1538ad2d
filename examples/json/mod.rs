//! The JSON shape of `dump` (shared by the `dump` and `stream` examples), written response by
//! response so that a streaming caller holds one response at a time.

use std::fmt::Write as _;
use std::io::Write;

use multistatus::{Element, Event, Text};

/// `s` as a JSON string (quoted, escaped), appended to `out`.
pub fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn json_text(t: &Text<'_>) -> String {
    let mut s = String::new();
    json_str(&mut s, &t.to_string());
    s
}

/// Clark names of the direct child elements.
fn child_names<const D: usize, const NS: usize, const B: usize>(
    e: &Element<'_, D, NS, B>,
) -> Result<String, multistatus::Error> {
    let mut names = Vec::new();
    for c in e.children() {
        if let multistatus::Node::Element(c) = c? {
            let mut s = String::new();
            json_str(&mut s, &c.name().to_string());
            names.push(s);
        }
    }
    Ok(format!("[{}]", names.join(", ")))
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

/// Builds the JSON document from events, writing each response as soon as it ends.
pub struct Json<W: Write> {
    out: W,
    responses: usize,
    cur: Option<ResponseJson>,
    ps: Option<PropStatJson>,
    description: Option<String>,
    sync_token: Option<String>,
}

impl<W: Write> Json<W> {
    pub fn new(out: W) -> Self {
        Json { out, responses: 0, cur: None, ps: None, description: None, sync_token: None }
    }

    /// Takes one event in.
    pub fn event<const D: usize, const NS: usize, const B: usize>(
        &mut self,
        ev: &Event<'_, D, NS, B>,
    ) -> Result<(), multistatus::Error> {
        match ev {
            Event::ResponseStart { .. } => self.cur = Some(ResponseJson::default()),
            Event::Href(t) => self.cur.iter_mut().for_each(|r| r.hrefs.push(json_text(t))),
            Event::Status(s) => match (self.ps.as_mut(), self.cur.as_mut()) {
                (Some(p), _) => p.status = Some(s.code()),
                (None, Some(r)) => r.status = Some(s.code()),
                _ => {}
            },
            Event::PropStatStart { .. } => self.ps = Some(PropStatJson::default()),
            Event::Property(e) => {
                let mut s = String::from("[");
                json_str(&mut s, &e.name().to_string());
                s.push_str(", ");
                match e.text() {
                    Some(t) => s.push_str(&json_text(&t)),
                    None => {
                        let _ = write!(s, "{{\"children\": {}}}", child_names(e)?);
                    }
                }
                s.push(']');
                self.ps.iter_mut().for_each(|p| p.props.push(s.clone()));
            }
            Event::PropStatEnd => {
                if let (Some(p), Some(r)) = (self.ps.take(), self.cur.as_mut()) {
                    r.propstats.push(p);
                }
            }
            Event::Error(e) => {
                let s = child_names(e)?;
                match (self.ps.as_mut(), self.cur.as_mut()) {
                    (Some(p), _) => p.error = Some(s),
                    (None, Some(r)) => r.error = Some(s),
                    _ => {}
                }
            }
            Event::Description(t) => {
                let s = json_text(t);
                match (self.ps.as_mut(), self.cur.as_mut()) {
                    (Some(p), _) => p.description = Some(s),
                    (None, Some(r)) => r.description = Some(s),
                    (None, None) => self.description = Some(s),
                }
            }
            Event::Location(t) => self.cur.iter_mut().for_each(|r| r.location = Some(json_text(t))),
            Event::ResponseEnd => {
                if let Some(r) = self.cur.take() {
                    self.write_response(&r);
                }
            }
            Event::SyncToken(t) => self.sync_token = Some(json_text(t)),
            // Extension elements and tolerated quirks are not part of the JSON shape.
            _ => {}
        }
        Ok(())
    }

    fn write_response(&mut self, r: &ResponseJson) {
        let mut out = String::new();
        out.push_str(if self.responses == 0 { "{\"responses\": [" } else { ",\n  " });
        self.responses = self.responses.saturating_add(1);
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
        let _ = self.out.write_all(out.as_bytes());
    }

    /// Writes the end of the document and gives the writer back.
    pub fn finish(mut self) -> W {
        let head = if self.responses == 0 { "{\"responses\": [" } else { "" };
        let _ = writeln!(
            self.out,
            "{head}],\n \"description\": {}, \"sync_token\": {}}}",
            opt(&self.description),
            opt(&self.sync_token)
        );
        self.out
    }
}
