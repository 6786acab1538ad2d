//! Shared helpers of the integration tests: the corpus and fixture files, and a canonical
//! owned reading of a body (through the event level) that tests compare.

use std::path::{Path, PathBuf};

use multistatus::{Element, Error, Event, Node, Options, Parser};

/// Every `*.xml` file under `dir`, sorted.
pub fn xml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("cannot read {}: {e}", d.display())) {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "xml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The corpus folder named by `MULTISTATUS_CORPUS`. Unset, the test fails with a message
/// naming the variable (never a silent pass); set to `skip`, the corpus part is skipped on
/// purpose (`None`, and a note on stderr); set to anything else, it must be a folder.
pub fn corpus_dir(test: &str) -> Option<PathBuf> {
    match std::env::var_os("MULTISTATUS_CORPUS") {
        None => panic!(
            "{test}: MULTISTATUS_CORPUS is not set: set it to the corpus folder \
             (MULTISTATUS_CORPUS=../shared/corpus cargo test), or to `skip` to leave the corpus out"
        ),
        Some(v) if v == "skip" => {
            eprintln!("{test}: SKIPPED the corpus: MULTISTATUS_CORPUS=skip");
            None
        }
        Some(v) => {
            let p = PathBuf::from(v);
            assert!(p.is_dir(), "MULTISTATUS_CORPUS={} is not a folder", p.display());
            Some(p)
        }
    }
}

/// The corpus files (all of them, quirky ones included), or empty when skipped.
pub fn corpus_files(test: &str) -> Vec<PathBuf> {
    let Some(dir) = corpus_dir(test) else { return Vec::new() };
    let files = xml_files(&dir);
    assert!(files.len() >= 300, "expected the 336 corpus files, found {}", files.len());
    files
}

/// Whether a corpus path is under `quirky/`.
pub fn is_quirky(p: &Path) -> bool {
    p.components().any(|c| c.as_os_str() == "quirky")
}

/// Our own fixtures (tests/fixtures/*.xml) and the shipped sample.
pub fn fixture_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut v = xml_files(&root.join("tests/fixtures"));
    v.push(root.join("examples/sample.xml"));
    v
}

/// A property value: text (unescaped) or the Clark names of its child elements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Children(Vec<String>),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PropStat {
    pub status: Option<u16>,
    pub props: Vec<(String, Value)>,
    pub error: Option<Vec<String>>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Response {
    pub hrefs: Vec<String>,
    pub status: Option<u16>,
    pub propstats: Vec<PropStat>,
    pub error: Option<Vec<String>>,
    pub description: Option<String>,
    pub location: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    pub responses: Vec<Response>,
    pub description: Option<String>,
    pub sync_token: Option<String>,
}

pub fn child_names(e: &Element<'_>) -> Result<Vec<String>, Error> {
    let mut v = Vec::new();
    for c in e.children() {
        if let Node::Element(c) = c? {
            v.push(c.name().to_string());
        }
    }
    Ok(v)
}

pub fn value_of(e: &Element<'_>) -> Result<Value, Error> {
    Ok(match e.text() {
        Some(t) => Value::Text(t.to_string()),
        None => Value::Children(child_names(e)?),
    })
}

/// Reads a body through the event level into an owned [`Reading`].
pub fn read_with(body: &[u8], options: Options) -> Result<Reading, Error> {
    let mut out = Reading::default();
    let mut cur: Option<Response> = None;
    let mut ps: Option<PropStat> = None;
    let mut parser: Parser<'_> = Parser::with_options(body, options)?;
    for ev in parser.by_ref() {
        match ev? {
            Event::ResponseStart { .. } => cur = Some(Response::default()),
            Event::Href(t) => cur.as_mut().unwrap().hrefs.push(t.to_string()),
            Event::Status(s) => match ps.as_mut() {
                Some(p) => p.status = Some(s.code()),
                None => cur.as_mut().unwrap().status = Some(s.code()),
            },
            Event::PropStatStart { .. } => ps = Some(PropStat::default()),
            Event::Property(e) => ps.as_mut().unwrap().props.push((e.name().to_string(), value_of(&e)?)),
            Event::PropStatEnd => cur.as_mut().unwrap().propstats.push(ps.take().unwrap()),
            Event::Error(e) => {
                let names = Some(child_names(&e)?);
                match ps.as_mut() {
                    Some(p) => p.error = names,
                    None => cur.as_mut().unwrap().error = names,
                }
            }
            Event::Description(t) => match (ps.as_mut(), cur.as_mut()) {
                (Some(p), _) => p.description = Some(t.to_string()),
                (None, Some(r)) => r.description = Some(t.to_string()),
                (None, None) => out.description = Some(t.to_string()),
            },
            Event::Location(t) => cur.as_mut().unwrap().location = Some(t.to_string()),
            Event::ResponseEnd => out.responses.push(cur.take().unwrap()),
            Event::SyncToken(t) => out.sync_token = Some(t.to_string()),
            _ => {}
        }
    }
    assert!(parser.is_done(), "the event iterator ended without error but is not done");
    Ok(out)
}

pub fn read(body: &[u8]) -> Result<Reading, Error> {
    read_with(body, Options::default())
}

/// Reads a body through the response level (large capacities) into the same shape.
pub fn read_responses(body: &[u8], options: Options) -> Result<Reading, Error> {
    read_responses_in::<64, 16>(body, options)
}

/// The same, at the capacities `H` hrefs and `P` propstats per response.
pub fn read_responses_in<const H: usize, const P: usize>(body: &[u8], options: Options) -> Result<Reading, Error> {
    let mut out = Reading::default();
    let mut it = multistatus::Responses::<'_, 32, 32, 2048, H, P>::with_options(body, options)?;
    for r in it.by_ref() {
        let r = r?;
        let mut resp = Response {
            hrefs: r.hrefs().map(|t| t.map(|t| t.to_string())).collect::<Result<_, _>>()?,
            status: r.status().map(|s| s.code()),
            error: r.error().map(child_names).transpose()?,
            description: r.description().map(|t| t.to_string()),
            location: r.location().map(|t| t.to_string()),
            ..Response::default()
        };
        let mut all = r.propstats();
        while let Some(p) = all.next() {
            let p = p?;
            let mut props = Vec::new();
            for e in p.properties() {
                let e = e?;
                props.push((e.name().to_string(), value_of(&e)?));
            }
            assert_eq!(props.len(), p.len());
            resp.propstats.push(PropStat {
                status: p.status().map(|s| s.code()),
                props,
                error: p.error().map(child_names).transpose()?,
                description: p.description().map(|t| t.to_string()),
            });
        }
        out.responses.push(resp);
    }
    assert!(it.is_done());
    out.description = it.description().map(|t| t.to_string());
    out.sync_token = it.sync_token().map(|t| t.to_string());
    Ok(out)
}

/// `f`'s result, computed on a thread: the test fails if it is not done within `secs` seconds
/// (a hang detector for the linear-time regressions: `what` says what would be quadratic), or
/// if `f` panicked.
/// Every propstat of `r` (kept or read again), cloned: a test's list.
pub fn propstats_of<'a, const D: usize, const NS: usize, const B: usize, const H: usize, const P: usize>(
    r: &multistatus::Response<'a, D, NS, B, H, P>,
) -> Vec<multistatus::PropStat<'a, D, NS, B>> {
    let mut all = r.propstats();
    let mut out = Vec::new();
    while let Some(ps) = all.next() {
        out.push(ps.unwrap().clone());
    }
    out
}

pub fn within<T: Send + 'static>(secs: u64, what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(std::time::Duration::from_secs(secs)) {
        Ok(v) => v,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => panic!("{what}: not done within {secs} s"),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: the work panicked"),
    }
}

/// One line per event, with its offsets: what a consumer sees (for comparing two ways of
/// reading a body).
pub fn event_line(ev: &Event<'_>) -> String {
    match ev {
        Event::Property(e) | Event::Error(e) | Event::Unknown(e) => {
            format!("{} @{} {:?}", e.name(), e.offset(), e.raw())
        }
        Event::Href(t) | Event::Description(t) | Event::Location(t) | Event::SyncToken(t) => {
            format!("{:?}@{}", t.raw(), t.offset())
        }
        other => format!("{other:?}"),
    }
}

/// The whole-body parser's events as [`event_line`]s (and its error, if any).
pub fn whole_events(body: &[u8]) -> (Vec<String>, Option<Error>) {
    let mut out = Vec::new();
    let parser = match Parser::new(body) {
        Ok(p) => p,
        Err(e) => return (out, Some(e)),
    };
    for ev in parser {
        match ev {
            Ok(ev) => out.push(event_line(&ev)),
            Err(e) => return (out, Some(e)),
        }
    }
    (out, None)
}

/// One read of a body handed out in reads of pseudo-random sizes from 1 to `max` bytes (an
/// xorshift on `seed`): copies the next bytes from `body[*at..]` into `buf`, moves `at` on,
/// returns how many (0 at the end of the body).
pub fn trickle_read(body: &[u8], at: &mut usize, seed: &mut u64, max: usize, buf: &mut [u8]) -> usize {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    let want = (*seed % max as u64) as usize + 1;
    let n = want.min(buf.len()).min(body.len() - *at);
    buf[..n].copy_from_slice(&body[*at..*at + n]);
    *at += n;
    n
}

/// The seed of property-test case `i` of property `salt`: a fixed pseudo-random state (never
/// 0, which xorshift would keep at 0) and a size that grows from 64 to about 4 KiB and wraps.
pub fn seed(salt: u64, i: u32) -> u64 {
    let mut z = (u64::from(i) ^ (salt << 40)).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    let state = ((z ^ (z >> 31)) as u32) | 1;
    let size = 64 + (i % 64) * 64;
    (u64::from(state) << 32) | u64::from(size)
}

/// A source (`embedded_io::Read`) that hands out at most `max` bytes per read.
#[cfg(feature = "embedded-io")]
pub struct Drip<'b> {
    pub rest: &'b [u8],
    pub max: usize,
}

#[cfg(feature = "embedded-io")]
impl embedded_io::ErrorType for Drip<'_> {
    type Error = core::convert::Infallible;
}

#[cfg(feature = "embedded-io")]
impl embedded_io::Read for Drip<'_> {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
        let n = self.max.min(buf.len()).min(self.rest.len());
        buf[..n].copy_from_slice(&self.rest[..n]);
        self.rest = &self.rest[n..];
        Ok(n)
    }
}

/// The README's windowed loop, after each feed: drop what the parser no longer needs
/// (`keep_from`), then read more of `body` (a socket's bytes, in a client) into `buf`.
/// `start` is where `buf` starts in the body, `filled` how much of it holds bytes, `arrived`
/// how much of the body was read.
pub fn refill(
    keep_from: usize,
    buf: &mut [u8],
    body: &[u8],
    start: &mut usize,
    filled: &mut usize,
    arrived: &mut usize,
) {
    let done = keep_from - *start;
    buf.copy_within(done..*filled, 0);
    (*start, *filled) = (*start + done, *filled - done);
    let n = (buf.len() - *filled).min(body.len() - *arrived);
    buf[*filled..*filled + n].copy_from_slice(&body[*arrived..*arrived + n]);
    (*filled, *arrived) = (*filled + n, *arrived + n);
}
