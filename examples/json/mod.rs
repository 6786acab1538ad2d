//! The JSON shape of `dump` (shared by the `dump` and `stream` examples), written response by
//! response so that a streaming caller holds one response at a time.

use std::fmt::Write as _;
use std::io::Write;

use multistatus::{Element, Event, Piece, Text, UnitKind};

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

/// A unit read in pieces (the windowed parser's pieces mode), put together into what `dump`
/// prints of it whole: its name, its text at depth 0 (character data and CDATA; comments are
/// no part of it), the names of its child elements, and its text at every depth (a
/// `responsedescription`'s value).
struct UnitJson {
    kind: UnitKind,
    name: String,
    depth: usize,
    text: String,
    all_text: String,
    children: Vec<String>,
}

/// Builds the JSON document from events, writing each response as soon as it ends.
pub struct Json<W: Write> {
    out: W,
    unit: Option<UnitJson>,
    responses: usize,
    cur: Option<ResponseJson>,
    ps: Option<PropStatJson>,
    description: Option<String>,
    sync_token: Option<String>,
}

impl<W: Write> Json<W> {
    pub fn new(out: W) -> Self {
        Json { out, unit: None, responses: 0, cur: None, ps: None, description: None, sync_token: None }
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
                let value = match e.text() {
                    Some(t) => json_text(&t),
                    None => format!("{{\"children\": {}}}", child_names(e)?),
                };
                self.property(&e.name().to_string(), &value);
            }
            Event::PropStatEnd => {
                if let (Some(p), Some(r)) = (self.ps.take(), self.cur.as_mut()) {
                    r.propstats.push(p);
                }
            }
            Event::Error(e) => self.error(child_names(e)?),
            Event::Description(t) => self.description(json_text(t)),
            // Pieces mode (the `stream` example): a unit put together from its pieces.
            Event::UnitStart { kind, tag } => {
                self.unit = Some(UnitJson {
                    kind: *kind,
                    name: tag.name().to_string(),
                    depth: 0,
                    text: String::new(),
                    all_text: String::new(),
                    children: Vec::new(),
                });
            }
            Event::Piece(p) => {
                if let Some(u) = self.unit.as_mut() {
                    u.piece(p);
                }
            }
            Event::UnitEnd { .. } => {
                if let Some(u) = self.unit.take() {
                    self.unit_end(u);
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

    /// A property: `[name, value]`.
    fn property(&mut self, name: &str, value: &str) {
        let mut s = String::from("[");
        json_str(&mut s, name);
        s.push_str(", ");
        s.push_str(value);
        s.push(']');
        self.ps.iter_mut().for_each(|p| p.props.push(s.clone()));
    }

    /// An `error`: the names of its child elements.
    fn error(&mut self, names: String) {
        match (self.ps.as_mut(), self.cur.as_mut()) {
            (Some(p), _) => p.error = Some(names),
            (None, Some(r)) => r.error = Some(names),
            _ => {}
        }
    }

    /// A `responsedescription` (its JSON string).
    fn description(&mut self, s: String) {
        match (self.ps.as_mut(), self.cur.as_mut()) {
            (Some(p), _) => p.description = Some(s),
            (None, Some(r)) => r.description = Some(s),
            (None, None) => self.description = Some(s),
        }
    }

    /// A unit read in pieces, as `dump` prints it whole.
    fn unit_end(&mut self, u: UnitJson) {
        let names = || {
            let quoted: Vec<String> = u
                .children
                .iter()
                .map(|n| {
                    let mut s = String::new();
                    json_str(&mut s, n);
                    s
                })
                .collect();
            format!("[{}]", quoted.join(", "))
        };
        let quoted = |t: &str| {
            let mut s = String::new();
            json_str(&mut s, t);
            s
        };
        match u.kind {
            UnitKind::Property if u.children.is_empty() => self.property(&u.name, &quoted(&u.text)),
            UnitKind::Property => self.property(&u.name, &format!("{{\"children\": {}}}", names())),
            UnitKind::Error => self.error(names()),
            UnitKind::Description => self.description(quoted(&u.all_text)),
            _ => {}
        }
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

impl UnitJson {
    /// One piece of the unit's content.
    fn piece<const D: usize, const NS: usize, const B: usize>(&mut self, p: &Piece<'_, D, NS, B>) {
        let value = match p {
            Piece::Start(t) => {
                self.depth = self.depth.saturating_add(1);
                if self.depth == 1 {
                    self.children.push(t.name().to_string());
                }
                return;
            }
            Piece::End { .. } => {
                self.depth = self.depth.saturating_sub(1);
                return;
            }
            Piece::Text(t) => t.to_string(),
            Piece::Cdata(c) => c.to_string(),
            // A character reference longer than the window (leading zeros): its character.
            Piece::CharRef { value, .. } => value.to_string(),
            _ => return,
        };
        if self.depth == 0 {
            self.text.push_str(&value);
        }
        self.all_text.push_str(&value);
    }
}
