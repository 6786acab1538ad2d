//! Every contender: one function `fn(&[u8], Kind) -> Result<Counts, String>` each, that parses
//! a whole body the way its users would and counts what it found.
//!
//! | name | what runs |
//! |---|---|
//! | `multistatus/events` | our [`multistatus::Parser`]: every event; status codes and property names read |
//! | `multistatus/responses` | our [`multistatus::responses`]: each response, its propstats, their properties (names read) |
//! | `multistatus/decode` | the event level, and every value read as a client reads it: every href percent-decoded, every property's text unescaped (into a buffer, or borrowed when plain) |
//! | `multistatus/visit`, `multistatus/visit+decode` | the event level through one parse loop compiled once ([`visit`]), each event handed to a callback: counting, or counting and decoding as `multistatus/decode` does. Their difference is the decoding alone (the two other contenders compile the parse into each of their loops, differently) |
//! | `memchr/visit+decode` | [`visit`], decoding as `multistatus/visit+decode` does but each property's text that is not plain unescaped by [`memchr_unescape`]: the plain way the issue of values proposed (`memchr::memchr3` to the next stop, the run before it copied, the stop read, then `str::from_utf8`). Minus `multistatus/visit`, what that way costs, for comparison with ours |
//! | `xmlparser/raw` | `xmlparser` 0.13.6 tokens (after `str::from_utf8`), responses and properties counted by local name: the floor |
//! | `quick-xml/raw` | `quick-xml` 0.42 `Reader::read_event` over the bytes, counted the same way |
//! | `quick-xml/serde` | `quick_xml::de::from_str` into owned structs (a `String` per field), as most crates do |
//! | `roxmltree/walk` | a `roxmltree` 0.21 document, walked for hrefs, statuses and properties |
//! | `libdav` | libdav 0.11.2 `DavRequest::parse_response`: `ListResources` (PROPFIND, corpus), `GetCalendarResources` (multiget) |
//! | `fast-dav-rs` | fast-dav-rs 0.19.0 `parse_multistatus_bytes` (quick-xml 0.41 underneath) |
//! | `reqwest_dav` | reqwest_dav 0.3.3 `list_cmd::ListMultiStatus` through its re-exported `serde_xml_rs` 0.6: what `Client::list_rsp` runs on the body |
//! | `neon` | neon (C, the system's libneon 0.32, libxml2 underneath on Debian): its 207 parser (`ne_207_create`) with a handler for the properties pushed after it, as its `ne_props` builds a PROPFIND parse; the whole body in one `ne_xml_parse` call ([`neon`]) |
//!
//! A peer reports what its result exposes: libdav and reqwest_dav keep no property count, so
//! their [`Counts::properties`] is `None` and only the responses are checked.

use crate::bodies::Kind;

/// What one parse found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Responses.
    pub responses: usize,
    /// Properties, if the contender's result shows them.
    pub properties: Option<usize>,
    /// The sum of the status codes, if the contender reads them.
    pub status_sum: Option<usize>,
}

/// A contender: its name and its parse function.
#[derive(Clone, Copy)]
pub struct Contender {
    /// The bench id.
    pub name: &'static str,
    /// Parse one body.
    pub parse: fn(&[u8], Kind) -> Result<Counts, String>,
    /// Whether this is our parser (the ratios are relative to `multistatus/events`).
    pub ours: bool,
    /// Whether this is a peer WebDAV client's own parse function.
    pub peer: bool,
    /// Whether its heap is C's `malloc` (neon, libxml2), which the counting allocator of
    /// `alloc.rs` does not see: its allocations are not counted.
    pub c_heap: bool,
}

/// Every contender, ours first.
pub const ALL: [Contender; 15] = [
    Contender { name: "multistatus/events", parse: ours_events, ours: true, peer: false, c_heap: false },
    Contender { name: "multistatus/decode", parse: ours_decode, ours: true, peer: false, c_heap: false },
    Contender { name: "multistatus/visit", parse: ours_visit, ours: true, peer: false, c_heap: false },
    Contender { name: "multistatus/visit+decode", parse: ours_visit_decode, ours: true, peer: false, c_heap: false },
    Contender { name: "memchr/visit+decode", parse: memchr_visit_decode, ours: false, peer: false, c_heap: false },
    Contender { name: "multistatus/responses", parse: ours_responses, ours: true, peer: false, c_heap: false },
    Contender { name: "multistatus/next_into", parse: ours_next_into, ours: true, peer: false, c_heap: false },
    Contender { name: "xmlparser/raw", parse: xmlparser_raw, ours: false, peer: false, c_heap: false },
    Contender { name: "quick-xml/raw", parse: quick_xml_raw, ours: false, peer: false, c_heap: false },
    Contender { name: "quick-xml/serde", parse: quick_xml_serde, ours: false, peer: false, c_heap: false },
    Contender { name: "roxmltree/walk", parse: roxmltree_walk, ours: false, peer: false, c_heap: false },
    Contender { name: "libdav", parse: libdav, ours: false, peer: true, c_heap: false },
    Contender { name: "fast-dav-rs", parse: fast_dav_rs, ours: false, peer: true, c_heap: false },
    Contender { name: "reqwest_dav", parse: reqwest_dav, ours: false, peer: true, c_heap: false },
    Contender { name: "neon", parse: neon, ours: false, peer: true, c_heap: true },
];

/// The contender named `name`.
pub fn by_name(name: &str) -> Option<Contender> {
    ALL.iter().copied().find(|c| c.name == name)
}

fn err(e: impl core::fmt::Display) -> String {
    e.to_string()
}

/// The status code of a status line `HTTP/1.1 200 OK` (0 if there is none).
fn status_code(line: &str) -> usize {
    line.split_ascii_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

/// Our event level.
pub fn ours_events(body: &[u8], _: Kind) -> Result<Counts, String> {
    use multistatus::{Event, Parser};
    let mut c = Counts { properties: Some(0), status_sum: Some(0), ..Counts::default() };
    let (mut props, mut codes) = (0, 0);
    let mut names = 0;
    for ev in Parser::new(body).map_err(err)? {
        match ev.map_err(err)? {
            Event::ResponseStart { .. } => c.responses += 1,
            Event::Property(p) => {
                names += read_name(&p);
                props += 1;
            }
            Event::Status(s) => codes += usize::from(s.code()),
            _ => {}
        }
    }
    c.properties = Some(props);
    c.status_sum = Some(codes);
    std::hint::black_box(names);
    Ok(c)
}

/// Our event level with every value read as a client reads it: each href XML-unescaped (when
/// it holds a reference) and percent-decoded (`href::percent_decode`: borrowed when it has no
/// `%`), each text-only
/// property's value taken as it is when it is plain (`Text::as_plain`, no copy) and else
/// unescaped by `Text::unescape_into`, both into the caller's buffer ([`prepare`]). The
/// difference to `multistatus/events` is the cost of the values; the loop is that of
/// [`ours_events`] with two calls added ([`decode_href`], [`decode_text`]: not inlined, so
/// that the parse compiles as it does there).
pub fn ours_decode(body: &[u8], _: Kind) -> Result<Counts, String> {
    use multistatus::{Event, Parser};
    prepare(body);
    // Taken out of its cell for the parse and put back after (a closure around the loop
    // compiled the parse into more instructions than `ours_events`'s).
    let mut scratch = SCRATCH.take();
    // Two halves, each as long as the body: an href unescaped into one is percent-decoded
    // into the other.
    let (buf, decoded) = scratch.split_at_mut(body.len());
    let mut c = Counts { properties: Some(0), status_sum: Some(0), ..Counts::default() };
    let (mut props, mut codes) = (0, 0);
    let mut names = 0;
    for ev in Parser::new(body).map_err(err)? {
        match ev.map_err(err)? {
            Event::ResponseStart { .. } => c.responses += 1,
            Event::Href(h) => names += decode_href(&h, buf, decoded),
            Event::Property(p) => {
                names += read_name(&p) + decode_text(&p, buf);
                props += 1;
            }
            Event::Status(s) => codes += usize::from(s.code()),
            _ => {}
        }
    }
    SCRATCH.set(scratch);
    c.properties = Some(props);
    c.status_sum = Some(codes);
    std::hint::black_box(names);
    Ok(c)
}

/// The event level through one parse loop, compiled once for every caller: each event goes
/// to `on` (a call through a pointer, the same for every callback). What two callbacks cost
/// apart is what they do, not how the compiler laid the parse out around them.
#[inline(never)]
pub fn visit(body: &[u8], on: &mut dyn FnMut(&multistatus::Event<'_>)) -> Result<(), String> {
    for ev in multistatus::Parser::new(body).map_err(err)? {
        on(&ev.map_err(err)?);
    }
    Ok(())
}

/// What [`ours_events`] counts, from one event.
fn count(c: &mut Counts, names: &mut usize, ev: &multistatus::Event<'_>) {
    use multistatus::Event;
    match ev {
        Event::ResponseStart { .. } => c.responses += 1,
        Event::Property(p) => {
            *names += read_name(p);
            c.properties = c.properties.map(|n| n + 1);
        }
        Event::Status(s) => c.status_sum = c.status_sum.map(|n| n + usize::from(s.code())),
        _ => {}
    }
}

/// [`visit`], counting as [`ours_events`] does.
pub fn ours_visit(body: &[u8], _: Kind) -> Result<Counts, String> {
    let mut c = Counts { properties: Some(0), status_sum: Some(0), ..Counts::default() };
    let mut names = 0;
    visit(body, &mut |ev| count(&mut c, &mut names, ev))?;
    std::hint::black_box(names);
    Ok(c)
}

/// [`visit`], counting and decoding every value as [`ours_decode`] does: minus
/// [`ours_visit`], the cost of the values alone.
pub fn ours_visit_decode(body: &[u8], _: Kind) -> Result<Counts, String> {
    visit_decode(body, decode_text)
}

/// [`visit`], counting, every href decoded by [`decode_href`] and every property's text by
/// `text`.
#[inline(always)]
fn visit_decode(body: &[u8], text: impl Fn(&multistatus::Element<'_>, &mut [u8]) -> usize) -> Result<Counts, String> {
    use multistatus::Event;
    prepare(body);
    let mut scratch = SCRATCH.take();
    let (buf, decoded) = scratch.split_at_mut(body.len());
    let mut c = Counts { properties: Some(0), status_sum: Some(0), ..Counts::default() };
    let mut names = 0;
    visit(body, &mut |ev| {
        count(&mut c, &mut names, ev);
        match ev {
            Event::Href(h) => names += decode_href(h, buf, decoded),
            Event::Property(p) => names += text(p, buf),
            _ => {}
        }
    })?;
    SCRATCH.set(scratch);
    std::hint::black_box(names);
    Ok(c)
}

/// [`ours_visit_decode`] with each property's text that is not plain unescaped by
/// [`memchr_unescape`] instead of [`multistatus::Text::unescape_into`]; hrefs as there.
pub fn memchr_visit_decode(body: &[u8], _: Kind) -> Result<Counts, String> {
    visit_decode(body, memchr_decode_text)
}

/// [`decode_text`] by [`memchr_unescape`]: the value's length.
#[inline]
fn memchr_decode_text(p: &multistatus::Element<'_>, buf: &mut [u8]) -> usize {
    let Some(t) = p.text() else { return 0 };
    match t.as_plain() {
        Some(s) => s.len(),
        None => memchr_unescape(t.raw().as_bytes(), buf)
            .and_then(|n| std::str::from_utf8(buf.get(..n)?).ok())
            .map_or(0, str::len),
    }
}

/// Element content `raw` (as the parser accepted it) unescaped into `buf` the plain way:
/// `memchr3` to the next `&`, `<` or CR, the run before it copied, then the stop read (a
/// reference as its character, CR LF or CR as LF, a CDATA section's content with its line
/// ends read so, a comment or a processing instruction left out). The length written; `None`
/// when `buf` is too small or `raw` is not content the parser accepts.
pub fn memchr_unescape(raw: &[u8], buf: &mut [u8]) -> Option<usize> {
    let (mut i, mut o) = (0usize, 0usize);
    loop {
        let rest = raw.get(i..)?;
        let k = memchr::memchr3(b'&', b'<', b'\r', rest).unwrap_or(rest.len());
        let end = o.checked_add(k)?;
        buf.get_mut(o..end)?.copy_from_slice(rest.get(..k)?);
        (i, o) = (i + k, end);
        let rest = raw.get(i..)?;
        match rest.first() {
            None => return Some(o),
            Some(b'&') => {
                let (c, len) = memchr_reference(rest)?;
                let n = c.len_utf8();
                c.encode_utf8(buf.get_mut(o..o.checked_add(n)?)?);
                (i, o) = (i + len, o + n);
            }
            Some(b'\r') => {
                *buf.get_mut(o)? = b'\n';
                (i, o) = (i + line_end_len(rest), o + 1);
            }
            Some(_) => {
                if let Some(cdata) = rest.strip_prefix(b"<![CDATA[") {
                    let end = memchr::memmem::find(cdata, b"]]>")?;
                    o = memchr_cdata(cdata.get(..end)?, buf, o)?;
                    i += 9 + end + 3;
                } else if let Some(comment) = rest.strip_prefix(b"<!--") {
                    i += 4 + memchr::memmem::find(comment, b"-->")? + 3;
                } else if let Some(pi) = rest.strip_prefix(b"<?") {
                    i += 2 + memchr::memmem::find(pi, b"?>")? + 2;
                } else {
                    return None;
                }
            }
        }
    }
}

/// A CDATA section's content appended at `buf[o..]`, each CR LF or CR as LF: the new length.
fn memchr_cdata(cdata: &[u8], buf: &mut [u8], mut o: usize) -> Option<usize> {
    let mut i = 0usize;
    loop {
        let rest = cdata.get(i..)?;
        let k = memchr::memchr(b'\r', rest).unwrap_or(rest.len());
        let end = o.checked_add(k)?;
        buf.get_mut(o..end)?.copy_from_slice(rest.get(..k)?);
        (i, o) = (i + k, end);
        let rest = cdata.get(i..)?;
        if rest.is_empty() {
            return Some(o);
        }
        *buf.get_mut(o)? = b'\n';
        (i, o) = (i + line_end_len(rest), o + 1);
    }
}

/// 2 for CR LF, else 1.
fn line_end_len(at_cr: &[u8]) -> usize {
    if at_cr.get(1) == Some(&b'\n') { 2 } else { 1 }
}

/// The reference at the start of `s` (`&name;`, `&#N;`, `&#xN;`): its character and length.
fn memchr_reference(s: &[u8]) -> Option<(char, usize)> {
    let semi = memchr::memchr(b';', s.get(..s.len().min(12))?)?;
    let name = s.get(1..semi)?;
    let c = match name {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        _ => {
            let (digits, radix) = match name.strip_prefix(b"#x") {
                Some(h) => (h, 16),
                None => (name.strip_prefix(b"#")?, 10),
            };
            char::from_u32(u32::from_str_radix(std::str::from_utf8(digits).ok()?, radix).ok()?)?
        }
    };
    Some((c, semi + 1))
}

/// Whether [`memchr_unescape`] reads every property's text of `body` as
/// [`multistatus::Text::unescape_into`] does: the values compared, or the first that differs.
pub fn memchr_check(body: &[u8]) -> Result<usize, String> {
    use multistatus::{Event, Parser};
    let (mut a, mut b) = (vec![0u8; body.len()], vec![0u8; body.len()]);
    let mut n = 0;
    for ev in Parser::new(body).map_err(err)? {
        if let Event::Property(p) = ev.map_err(err)? {
            let Some(t) = p.text() else { continue };
            let ours = t.unescape_into(&mut a).map_err(err)?;
            let plain = memchr_unescape(t.raw().as_bytes(), &mut b).and_then(|k| b.get(..k));
            if plain != Some(ours.as_bytes()) {
                return Err(format!(
                    "value at {}: {:?} read as {:?}",
                    t.offset(),
                    ours,
                    plain.map(String::from_utf8_lossy)
                ));
            }
            n += 1;
        }
    }
    Ok(n)
}

/// An href's value, XML-unescaped into `buf` if it holds a reference, then percent-decoded
/// into `decoded`: its length (0 for a malformed escape, the client's to report: corpus
/// bodies may hold one; `buf` is never too small, see [`prepare`]).
#[inline]
pub fn decode_href(h: &multistatus::Text<'_>, buf: &mut [u8], decoded: &mut [u8]) -> usize {
    let value = match h.as_plain() {
        Some(s) => s,
        None => h.unescape_into(buf).unwrap_or(""),
    };
    multistatus::href::percent_decode(value, decoded).map_or(0, str::len)
}

/// A text-only property's value, borrowed when it is plain, else unescaped into `buf`: its
/// length (0 for a property with children).
#[inline]
pub fn decode_text(p: &multistatus::Element<'_>, buf: &mut [u8]) -> usize {
    let Some(t) = p.text() else { return 0 };
    match t.as_plain() {
        Some(s) => s.len(),
        None => t.unescape_into(buf).map_or(0, str::len),
    }
}

thread_local! {
    /// The buffer a client of [`ours_decode`] owns, reused from parse to parse.
    static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Makes the buffer of [`ours_decode`] room enough for `body` (twice its length: no value is
/// longer than the body it stands in, unescaping and percent-decoding only shorten it). The
/// buffer is the client's, like the body: `callgrind-one` and the criterion bench call this
/// before they measure, so its one allocation is not counted as the parse's.
pub fn prepare(body: &[u8]) {
    let want = body.len().saturating_mul(2);
    SCRATCH.with_borrow_mut(|s| {
        if s.len() < want {
            s.resize(want, 0);
        }
    });
}

/// The bytes of value that [`ours_decode`] decodes: the sum of the raw lengths (as sent,
/// references and escapes unexpanded) of every href and of every text-only property's
/// value. The unit of "instructions per byte of value" (`callgrind-one` prints it as
/// `VALUE_BYTES`).
pub fn value_bytes(body: &[u8]) -> Result<usize, String> {
    use multistatus::{Event, Parser};
    let mut n = 0usize;
    for ev in Parser::new(body).map_err(err)? {
        match ev.map_err(err)? {
            Event::Href(h) => n += h.raw().len(),
            Event::Property(p) => n += p.text().map_or(0, |t| t.raw().len()),
            _ => {}
        }
    }
    Ok(n)
}

/// What a user reads of every property, as the peers do to fill their structs: its name
/// (namespace and local name). Without it the compiler may skip building the parts of a view
/// that nothing reads.
fn read_name(p: &multistatus::Element<'_>) -> usize {
    let n = p.name();
    n.local().len() + usize::from(n.namespace().is_dav())
}

/// Our response level.
pub fn ours_responses(body: &[u8], _: Kind) -> Result<Counts, String> {
    let mut c = ResponseCounts::default();
    for r in multistatus::responses(body).map_err(err)? {
        c.add(&r.map_err(err)?)?;
    }
    Ok(c.into())
}

/// Our response level read with `Responses::next_into`: each response into one slot, the
/// same counts as `ours_responses`.
pub fn ours_next_into(body: &[u8], _: Kind) -> Result<Counts, String> {
    let mut c = ResponseCounts::default();
    let mut rs = multistatus::responses(body).map_err(err)?;
    let mut slot = multistatus::Response::default();
    while let Some(r) = rs.next_into(&mut slot) {
        c.add(r.map_err(err)?)?;
    }
    Ok(c.into())
}

/// What our response-level contenders count: responses, properties (each one handed out),
/// and the sum of the status codes.
#[derive(Default)]
struct ResponseCounts {
    responses: usize,
    properties: usize,
    codes: usize,
    /// What [`read_name`] read (not checked: kept from the optimiser by `black_box`).
    names: usize,
}

impl ResponseCounts {
    fn add(&mut self, r: &multistatus::Response<'_>) -> Result<(), String> {
        self.responses += 1;
        if let Some(s) = r.status() {
            self.codes += usize::from(s.code());
        }
        let mut propstats = r.propstats();
        while let Some(ps) = propstats.next() {
            let ps = ps.map_err(err)?;
            if let Some(s) = ps.status() {
                self.codes += usize::from(s.code());
            }
            for p in ps.properties() {
                self.names += read_name(&p.map_err(err)?);
                self.properties += 1;
            }
        }
        Ok(())
    }
}

impl From<ResponseCounts> for Counts {
    fn from(c: ResponseCounts) -> Self {
        std::hint::black_box(c.names);
        Counts { responses: c.responses, properties: Some(c.properties), status_sum: Some(c.codes) }
    }
}

/// Counts responses and properties from start and end tags by local name alone (no
/// namespaces): the least a tokenizer-based parser has to do.
#[derive(Default)]
struct TagCounter {
    depth: usize,
    /// The depth of the open `prop`, if any: its children are properties.
    prop: Option<usize>,
    responses: usize,
    properties: usize,
}

impl TagCounter {
    fn start(&mut self, local: &str, empty: bool) {
        if self.prop == Some(self.depth) {
            self.properties += 1;
        }
        if empty {
            return;
        }
        self.depth += 1;
        if local == "response" {
            self.responses += 1;
        } else if local == "prop" && self.prop.is_none() {
            self.prop = Some(self.depth);
        }
    }

    fn end(&mut self) {
        if self.prop == Some(self.depth) {
            self.prop = None;
        }
        self.depth = self.depth.saturating_sub(1);
    }

    fn counts(&self) -> Counts {
        Counts { responses: self.responses, properties: Some(self.properties), status_sum: None }
    }
}

/// Raw xmlparser tokenization: the floor.
pub fn xmlparser_raw(body: &[u8], _: Kind) -> Result<Counts, String> {
    use xmlparser::{ElementEnd, Token, Tokenizer};
    let text = core::str::from_utf8(body).map_err(err)?;
    let mut t = TagCounter::default();
    let mut pending: Option<&str> = None;
    for tok in Tokenizer::from(text) {
        match tok.map_err(err)? {
            Token::ElementStart { local, .. } => pending = Some(local.as_str()),
            Token::ElementEnd { end: ElementEnd::Open, .. } => t.start(pending.take().unwrap_or(""), false),
            Token::ElementEnd { end: ElementEnd::Empty, .. } => t.start(pending.take().unwrap_or(""), true),
            Token::ElementEnd { end: ElementEnd::Close(..), .. } => t.end(),
            _ => {}
        }
    }
    Ok(t.counts())
}

/// The latest quick-xml's raw reader: borrowed events, no unescaping, no namespaces.
pub fn quick_xml_raw(body: &[u8], _: Kind) -> Result<Counts, String> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_reader(body);
    let mut t = TagCounter::default();
    loop {
        match r.read_event().map_err(err)? {
            Event::Start(e) => t.start(e.local_name().into_inner(), false),
            Event::Empty(e) => t.start(e.local_name().into_inner(), true),
            Event::End(_) => t.end(),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(t.counts())
}

mod owned {
    //! The owned structs of `quick-xml/serde`: one `String` per field, unknown elements
    //! skipped, as crates that deserialize multistatus bodies write them.
    use serde::Deserialize;
    use serde::de::IgnoredAny;

    #[derive(Deserialize)]
    pub struct Multistatus {
        #[serde(rename = "response", default)]
        pub responses: Vec<Response>,
    }

    #[derive(Deserialize)]
    pub struct Response {
        #[serde(rename = "href", default)]
        pub hrefs: Vec<String>,
        pub status: Option<String>,
        #[serde(rename = "propstat", default)]
        pub propstats: Vec<PropStat>,
    }

    #[derive(Deserialize)]
    pub struct PropStat {
        pub prop: Prop,
        pub status: Option<String>,
    }

    #[derive(Deserialize, Default)]
    pub struct ResourceType {
        pub collection: Option<IgnoredAny>,
    }

    #[derive(Deserialize)]
    pub struct Prop {
        pub creationdate: Option<String>,
        pub displayname: Option<String>,
        pub getcontentlength: Option<String>,
        pub getcontenttype: Option<String>,
        pub getetag: Option<String>,
        pub getlastmodified: Option<String>,
        pub resourcetype: Option<ResourceType>,
        pub supportedlock: Option<IgnoredAny>,
        #[serde(rename = "quota-used-bytes")]
        pub quota_used_bytes: Option<IgnoredAny>,
        #[serde(rename = "quota-available-bytes")]
        pub quota_available_bytes: Option<IgnoredAny>,
        #[serde(rename = "calendar-data")]
        pub calendar_data: Option<String>,
    }

    impl Prop {
        /// How many of the known properties are present.
        pub fn count(&self) -> usize {
            [
                self.creationdate.is_some(),
                self.displayname.is_some(),
                self.getcontentlength.is_some(),
                self.getcontenttype.is_some(),
                self.getetag.is_some(),
                self.getlastmodified.is_some(),
                self.resourcetype.is_some(),
                self.supportedlock.is_some(),
                self.quota_used_bytes.is_some(),
                self.quota_available_bytes.is_some(),
                self.calendar_data.is_some(),
            ]
            .into_iter()
            .filter(|&b| b)
            .count()
        }
    }
}

/// quick-xml + serde into owned structs. Properties are counted only on generated bodies
/// (the structs know their properties, not a corpus file's).
pub fn quick_xml_serde(body: &[u8], kind: Kind) -> Result<Counts, String> {
    let text = core::str::from_utf8(body).map_err(err)?;
    let ms: owned::Multistatus = quick_xml::de::from_str(text).map_err(err)?;
    let (mut props, mut codes, mut read) = (0, 0, 0);
    for r in &ms.responses {
        read += r.hrefs.iter().map(String::len).sum::<usize>();
        codes += r.status.as_deref().map_or(0, status_code);
        for ps in &r.propstats {
            props += ps.prop.count();
            read += usize::from(ps.prop.resourcetype.as_ref().is_some_and(|t| t.collection.is_some()));
            codes += ps.status.as_deref().map_or(0, status_code);
        }
    }
    core::hint::black_box(read);
    let known = kind != Kind::Corpus;
    Ok(Counts { responses: ms.responses.len(), properties: known.then_some(props), status_sum: known.then_some(codes) })
}

/// A roxmltree document walked for hrefs, statuses and properties (namespace-aware).
pub fn roxmltree_walk(body: &[u8], _: Kind) -> Result<Counts, String> {
    use roxmltree::{Document, Node};
    fn dav<'a, 'i>(n: Node<'a, 'i>, local: &str) -> bool {
        n.is_element() && n.tag_name().name() == local && n.tag_name().namespace() == Some("DAV:")
    }
    let text = core::str::from_utf8(body).map_err(err)?;
    let doc = Document::parse(text).map_err(err)?;
    let (mut responses, mut props, mut codes, mut href_bytes) = (0, 0, 0, 0);
    for r in doc.root_element().children().filter(|n| dav(*n, "response")) {
        responses += 1;
        for c in r.children().filter(Node::is_element) {
            if dav(c, "href") {
                href_bytes += c.text().map_or(0, str::len);
            } else if dav(c, "status") {
                codes += c.text().map_or(0, status_code);
            } else if dav(c, "propstat") {
                for pc in c.children() {
                    if dav(pc, "prop") {
                        props += pc.children().filter(Node::is_element).count();
                    } else if dav(pc, "status") {
                        codes += pc.text().map_or(0, status_code);
                    }
                }
            }
        }
    }
    core::hint::black_box(href_bytes);
    Ok(Counts { responses, properties: Some(props), status_sum: Some(codes) })
}

/// libdav's public parse functions (`DavRequest::parse_response`), given a 207 response head.
pub fn libdav(body: &[u8], kind: Kind) -> Result<Counts, String> {
    use libdav::requests::DavRequest;
    let (parts, ()) = http::Response::builder().status(207).body(()).map_err(err)?.into_parts();
    let responses = match kind {
        Kind::Multiget => libdav::caldav::GetCalendarResources::new("/calendars/alice/work/")
            .parse_response(&parts, body)
            .map_err(err)?
            .resources
            .len(),
        // A collection href that no body lists: libdav leaves the collection itself out.
        Kind::Propfind | Kind::Corpus => libdav::dav::ListResources::new("/no/such/collection/")
            .parse_response(&parts, body)
            .map_err(err)?
            .resources
            .len(),
    };
    Ok(Counts { responses, properties: None, status_sum: None })
}

/// fast-dav-rs's `parse_multistatus_bytes`.
pub fn fast_dav_rs(body: &[u8], _: Kind) -> Result<Counts, String> {
    let items = fast_dav_rs::parse_multistatus_bytes(body).map_err(err)?.items;
    let props = items.iter().flat_map(|i| &i.propstats).map(|p| p.prop_names.len()).sum();
    Ok(Counts { responses: items.len(), properties: Some(props), status_sum: None })
}

/// reqwest_dav: its public `ListMultiStatus` through its re-exported `serde_xml_rs`, which is
/// what `Client::list_rsp` does with the body once the HTTP exchange is over (the client
/// itself exposes no parse function without a server).
pub fn reqwest_dav(body: &[u8], _: Kind) -> Result<Counts, String> {
    use reqwest_dav::list_cmd::ListMultiStatus;
    let text = core::str::from_utf8(body).map_err(err)?;
    let ms: ListMultiStatus = reqwest_dav::re_exports::serde_xml_rs::from_str(text).map_err(err)?;
    Ok(Counts { responses: ms.responses.len(), properties: None, status_sum: None })
}

/// What csrc/neon207.c counts (the same layout as its `struct ms_neon_counts`).
#[repr(C)]
#[derive(Default)]
struct NeonCounts {
    responses: usize,
    properties: usize,
    status_sum: usize,
    names: usize,
    values: usize,
}

unsafe extern "C" {
    /// csrc/neon207.c: parses `len` bytes at `body`; 0 and the counts in `out`, or -1 and
    /// neon's message, NUL-terminated, in the `err_len` bytes at `err`.
    fn ms_neon_parse(
        body: *const core::ffi::c_char,
        len: usize,
        out: *mut NeonCounts,
        err: *mut core::ffi::c_char,
        err_len: usize,
    ) -> core::ffi::c_int;
}

/// neon's 207 parser (csrc/neon207.c): responses, properties (names read, character data
/// summed) and status codes counted in its callbacks.
pub fn neon(body: &[u8], _: Kind) -> Result<Counts, String> {
    let mut out = NeonCounts::default();
    let mut msg = [0 as core::ffi::c_char; 256];
    // SAFETY: `body` is `body.len()` readable bytes; `out` and `msg` are live and writable
    // for the call, `msg` for the length given; the C side keeps no pointer past the call.
    let rc = unsafe { ms_neon_parse(body.as_ptr().cast(), body.len(), &mut out, msg.as_mut_ptr(), msg.len()) };
    if rc != 0 {
        // SAFETY: the C side wrote a NUL-terminated string into `msg` (within its length).
        return Err(unsafe { core::ffi::CStr::from_ptr(msg.as_ptr()) }.to_string_lossy().into_owned());
    }
    std::hint::black_box((out.names, out.values));
    Ok(Counts { responses: out.responses, properties: Some(out.properties), status_sum: Some(out.status_sum) })
}
