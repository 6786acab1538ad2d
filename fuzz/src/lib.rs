//! What the fuzz targets share: the checks that every accessor must pass on any input, and
//! the event summary that `limits` compares. The reference reading of `differential` is in
//! [`reference`].

pub mod reference;

use multistatus::{DAV, Element, Event, Fragment, Name, Node, Status, Text, XML_URI, XmlEvent};

/// Whether `s` lies inside `input`. An empty slice may be a `""` literal: it is anywhere.
pub fn inside(input: &[u8], s: &str) -> bool {
    let lo = input.as_ptr() as usize;
    let p = s.as_ptr() as usize;
    s.is_empty() || (p >= lo && p + s.len() <= lo + input.len())
}

/// Where `s` starts in `input` (call only when `inside`).
fn offset_in(input: &[u8], s: &str) -> usize {
    s.as_ptr() as usize - input.as_ptr() as usize
}

/// How much of an element tree the checks may walk (children are read again from the body,
/// so an unbounded walk of a deep tree would be quadratic).
pub struct Budget(pub usize);

impl Budget {
    fn take(&mut self) -> bool {
        self.0 = self.0.saturating_sub(1);
        self.0 > 0
    }
}

/// Every accessor of a text.
pub fn check_text(input: &[u8], t: &Text<'_>) {
    // Invariant: zero-copy — the raw slice lies inside the input, at the offset it states.
    assert!(inside(input, t.raw()), "text outside the input");
    assert!(t.offset() <= input.len());
    if !t.raw().is_empty() {
        assert_eq!(offset_in(input, t.raw()), t.offset(), "text offset");
    }
    let mut value = String::new();
    for f in t.fragments() {
        match f {
            Fragment::Str(s) => {
                assert!(inside(input, s), "fragment outside the input");
                value.push_str(s);
            }
            Fragment::Char(c) => value.push(c),
        }
    }
    // Invariant: every way of reading the value gives the same string.
    assert_eq!(t.unescaped_len(), value.len());
    assert!(t.eq_str(&value));
    assert!(!t.eq_str(&format!("{value}x")));
    if let Some(c) = value.chars().last() {
        assert!(!t.eq_str(&value[..value.len() - c.len_utf8()]));
    }
    assert_eq!(t.to_string(), value);
    if let Some(p) = t.as_plain() {
        assert!(t.is_plain());
        assert_eq!(p, t.raw());
        assert_eq!(p, value);
    }
    // Invariant: unescape_into fills a large enough buffer with the value, and refuses a
    // smaller one with BufferTooSmall at the text's offset.
    let mut small = [0u8; 8];
    match t.unescape_into(&mut small) {
        Ok(v) => assert_eq!(v, value),
        Err(e) => {
            assert!(value.len() > small.len());
            assert_eq!(e.kind(), multistatus::ErrorKind::BufferTooSmall);
            assert_eq!(e.offset(), t.offset());
        }
    }
    let mut large = vec![0u8; value.len() + 64];
    assert_eq!(t.unescape_into(&mut large).ok(), Some(value.as_str()));
    let mut exact = vec![0u8; value.len()];
    assert_eq!(t.unescape_into(&mut exact).ok(), Some(value.as_str()));
    if !value.is_empty() {
        let mut short = vec![0u8; value.len() - 1];
        assert!(t.unescape_into(&mut short).is_err());
    }
    // Invariant: trim() gives a sub-slice of the raw text.
    let tr = t.trim();
    assert!(inside(input, tr.raw()));
    if !tr.raw().is_empty() {
        let (a, b) = (offset_in(input, t.raw()), offset_in(input, tr.raw()));
        assert!(b >= a && b + tr.raw().len() <= a + t.raw().len(), "trim outside the text");
    }
}

/// Every accessor of a name. Namespace URIs come from the input, except the built-in `xml`
/// URI and `DAV:` of the unbound-`DAV`-prefix quirk.
pub fn check_name(input: &[u8], n: &Name<'_>) {
    assert!(inside(input, n.prefix()) && inside(input, n.local()), "name outside the input");
    assert!(!n.local().is_empty());
    let ns = n.namespace();
    let uri = ns.uri();
    if inside(input, uri.raw()) {
        check_text(input, &uri);
    } else {
        assert!(uri.raw() == XML_URI || (uri.raw() == DAV && n.prefix() == "DAV"), "uri {uri:?}");
    }
    assert_eq!(ns.is_none(), uri.raw().is_empty() && !ns.is_dav());
    let clark = n.to_string();
    assert!(clark.ends_with(n.local()));
    if ns.is_dav() {
        assert!(n.is_dav(n.local()) && n.is(DAV, n.local()));
    }
}

/// The code of a status line read from its value, per docs/parsing.md:
/// `HTTP/<digits>[.<digits>] <3 digits, 200-599>[ <reason>]`, spaces or tabs between, XML
/// white space around; `None` when it is not one.
pub fn status_code(v: &str) -> Option<u16> {
    let v = v.trim_matches([' ', '\t', '\r', '\n']);
    let rest = v.strip_prefix("HTTP/")?;
    let (version, rest) = rest.split_once([' ', '\t'])?;
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    let version_ok = match version.split_once('.') {
        Some((a, b)) => digits(a) && digits(b),
        None => digits(version),
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    let (code, after) = (rest.get(..3)?, rest.get(3..)?);
    let code = code.parse::<u16>().ok().filter(|c| (200..=599).contains(c))?;
    let ok = version_ok && digits(rest.get(..3)?) && (after.is_empty() || after.starts_with([' ', '\t']));
    ok.then_some(code)
}

/// Every accessor of a status line.
pub fn check_status(input: &[u8], s: &Status<'_>) {
    // Invariant: a status that the parser hands out is a valid, non-1xx HTTP status line, by
    // value, with that code.
    assert!((200..=599).contains(&s.code()), "code {}", s.code());
    assert_eq!(status_code(&s.text().to_string()), Some(s.code()), "status {:?}", s.text());
    assert_eq!(s.is_success(), (200..300).contains(&s.code()));
    assert!(inside(input, s.version()) && inside(input, s.reason()));
    // The version and reason are slices of a plain line; "" when the line is escaped.
    assert!(s.version().starts_with("HTTP/") || (s.version().is_empty() && !s.text().is_plain()));
    check_text(input, &s.text());
}

/// Every accessor of an element, and of its children down to the budget.
pub fn check_element<const D: usize, const NS: usize, const B: usize>(
    input: &[u8],
    e: &Element<'_, D, NS, B>,
    budget: &mut Budget,
) {
    // Invariant: raw() is offset()..end() of the input; inner_raw() lies inside raw().
    let raw = e.raw();
    assert!(inside(input, raw) && !raw.is_empty(), "element outside the input");
    assert_eq!(offset_in(input, raw), e.offset());
    assert_eq!(e.offset() + raw.len(), e.end());
    assert!(raw.starts_with('<') && raw.ends_with('>'));
    let inner = e.inner_raw();
    assert!(inside(input, inner));
    if !inner.is_empty() {
        let at = offset_in(input, inner);
        assert!(at > e.offset() && at + inner.len() < e.end());
    }
    check_name(input, &e.name());
    if let Some(t) = e.text() {
        assert!(!e.has_child_elements());
        check_text(input, &t);
    }
    for a in e.attributes() {
        check_name(input, &a.name);
        check_text(input, &a.value);
    }
    if !budget.take() {
        return;
    }
    // Invariant: an element handed out was checked whole, so reading it again never fails,
    // and its events are bounded by its length.
    let mut n = 0usize;
    for ev in e.events() {
        match ev {
            Ok(XmlEvent::Start(t)) => {
                assert!(inside(input, t.raw()) && offset_in(input, t.raw()) == t.offset());
                assert_eq!(t.offset() + t.raw().len(), t.end());
                check_name(input, &t.name());
                for a in t.attributes() {
                    assert!(inside(input, a.prefix) && inside(input, a.local));
                    check_text(input, &a.value);
                }
            }
            Ok(XmlEvent::End(t)) => {
                // An empty-element tag has an empty end tag at its end.
                assert!(t.offset() <= t.end() && t.end() <= e.end());
                check_name(input, &t.name());
            }
            Ok(XmlEvent::Text(t)) => check_text(input, &t),
            Err(err) => panic!("events() of an accepted element failed: {err:?}"),
        }
        n += 1;
        assert!(n <= raw.len() + 2);
    }
    let mut prev_end = e.offset();
    let mut child_elements = false;
    for node in e.children() {
        match node {
            Ok(Node::Element(c)) => {
                child_elements = true;
                assert!(c.offset() >= prev_end && c.end() <= e.end(), "children out of order");
                prev_end = c.end();
                check_element(input, &c, budget);
            }
            Ok(Node::Text(t)) => {
                assert!(t.offset() >= prev_end, "children out of order");
                prev_end = t.offset() + t.raw().len();
                check_text(input, &t);
            }
            Err(err) => panic!("children() of an accepted element failed: {err:?}"),
        }
    }
    assert_eq!(child_elements, e.has_child_elements());
}

/// Every accessor of an event.
pub fn check_event<const D: usize, const NS: usize, const B: usize>(
    input: &[u8],
    ev: &Event<'_, D, NS, B>,
    budget: &mut Budget,
) {
    match ev {
        Event::ResponseStart { offset } | Event::PropStatStart { offset } => {
            assert_eq!(input.get(*offset), Some(&b'<'));
        }
        Event::Href(t) | Event::Description(t) | Event::Location(t) | Event::SyncToken(t) => {
            check_text(input, t);
        }
        Event::Status(s) => check_status(input, s),
        Event::Property(e) | Event::Error(e) | Event::Unknown(e) => check_element(input, e, budget),
        Event::Quirk(q) => assert!(q.offset < input.len()),
        _ => {}
    }
}

/// An owned summary of an event: equal summaries mean the same reading (the capacities of
/// the parser that produced them left out).
pub fn summary<const D: usize, const NS: usize, const B: usize>(ev: &Event<'_, D, NS, B>) -> String {
    match ev {
        Event::ResponseStart { offset } => format!("response@{offset}"),
        Event::Href(t) => format!("href@{}={:?}", t.offset(), t.raw()),
        Event::Status(s) => format!("status {}", s.code()),
        Event::PropStatStart { offset } => format!("propstat@{offset}"),
        Event::Property(e) => format!("property {} {:?}", e.name(), e.raw()),
        Event::PropStatEnd => "propstat end".into(),
        Event::Error(e) => format!("error {:?}", e.raw()),
        Event::Description(t) => format!("description {:?}", t.raw()),
        Event::Location(t) => format!("location {:?}", t.raw()),
        Event::ResponseEnd => "response end".into(),
        Event::SyncToken(t) => format!("sync-token {:?}", t.raw()),
        Event::Unknown(e) => format!("unknown {} {:?}", e.name(), e.raw()),
        Event::Quirk(q) => format!("{q:?}"),
        other => format!("{other:?}"),
    }
}

/// Clark notation of a name, URI unescaped.
pub fn clark(n: &Name<'_>) -> String {
    n.to_string()
}

/// The unescaped value of a text.
pub fn value(t: &Text<'_>) -> String {
    t.to_string()
}

/// The input of the windowed targets (`split`, `pieces`): the first byte says how many of the
/// next (0 to 7) give the chunk sizes, the rest is the body. `None` for an empty input.
pub fn chunked(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&count, rest) = data.split_first()?;
    Some(rest.split_at(usize::from(count % 8).min(rest.len())))
}

/// `body` streamed through a `WindowParser` (`parser`, in pieces mode or not) in chunks of the
/// `sizes`, in turn (255 when there are none; 0 is 1), fed as `WindowParser::feed`'s docs ask
/// (again once the bytes it needs have doubled: linear time, whatever the chunks). Every event
/// goes to `on_event`; the end is `None` or the error.
pub fn stream_chunked(
    parser: multistatus::WindowParser,
    body: &[u8],
    sizes: &[u8],
    on_event: impl FnMut(&Event<'_>),
) -> Option<multistatus::Error> {
    let mut k = 0usize;
    let next_size = || {
        let n = usize::from(sizes.get(k % sizes.len().max(1)).copied().unwrap_or(255));
        k += 1;
        n
    };
    testkit::stream_windowed_with(parser, testkit::Feeding::WhenDoubled, body, next_size, on_event)
}
