//! Arbitrary bytes through both entry points, every accessor called.
#![no_main]

use libfuzzer_sys::fuzz_target;
use multistatus::{Element, Error, ErrorKind, Event, Parser, responses};
use multistatus_fuzz::{Budget, check_element, check_event, check_status, check_text};

/// Events that need no byte of their own (owed at an end tag: quirks, ends).
const SLACK: usize = 4;

fn check_error(data: &[u8], e: &Error) {
    // Invariant: an error points into the input (or just past its end) and has a position.
    assert!(e.offset() <= data.len(), "error offset {} > {}", e.offset(), data.len());
    let pos = e.position(data);
    assert!(pos.line >= 1 && pos.column >= 1);
    assert_ne!(e.kind(), ErrorKind::BufferTooSmall, "only unescape_into needs a buffer");
}

/// What a consumer sees of a property view without walking it: its name and namespace (with
/// the URI's place), its extent, its text.
fn view(e: &Element<'_>) -> String {
    let (n, ns) = (e.name(), e.name().namespace());
    format!(
        "{:?}:{:?} {:?}@{} dav={} none={} {}..{} inner={:?} kids={} text={:?}",
        n.prefix(),
        n.local(),
        ns.uri().raw(),
        ns.uri().offset(),
        ns.is_dav(),
        ns.is_none(),
        e.offset(),
        e.end(),
        e.inner_raw(),
        e.has_child_elements(),
        e.text().map(|t| (t.raw(), t.offset(), t.is_plain())),
    )
}

fuzz_target!(|data: &[u8]| {
    let mut parser = match Parser::new(data) {
        Ok(p) => p,
        Err(e) => return check_error(data, &e),
    };
    let mut budget = Budget(64);
    let mut events = 0usize;
    let mut failed = None;
    let mut properties = Vec::new();
    while let Some(ev) = parser.next() {
        events += 1;
        // Invariant: no loop — at most one event per input byte, plus a constant.
        assert!(events <= data.len() + SLACK, "{events} events from {} bytes", data.len());
        match ev {
            Ok(ev) => {
                check_event(data, &ev, &mut budget);
                if let Event::Property(e) = &ev {
                    properties.push(view(e));
                }
            }
            Err(e) => {
                check_error(data, &e);
                failed = Some(e);
            }
        }
    }
    // Invariant: after an error (or the end) the parser stays stopped; it keeps its error.
    assert!(parser.next().is_none() && parser.next().is_none());
    assert_eq!(parser.error(), failed);
    assert_eq!(parser.is_done(), failed.is_none());

    let Ok(mut rs) = responses(data) else { unreachable!("Parser::new accepted it") };
    let mut budget = Budget(64);
    let mut rs_failed = None;
    let mut rs_properties = Vec::new();
    while let Some(r) = rs.next() {
        let r = match r {
            Ok(r) => r,
            Err(e) => {
                check_error(data, &e);
                rs_failed = Some(e);
                continue;
            }
        };
        assert_eq!(data.get(r.offset()), Some(&b'<'));
        let first = r.hrefs().next().map(|h| h.expect("hrefs() of an accepted response"));
        assert!(first.is_some() && r.href() == first);
        r.hrefs().for_each(|t| check_text(data, &t.expect("hrefs() of an accepted response")));
        r.status().iter().for_each(|s| check_status(data, s));
        r.error().iter().for_each(|e| check_element(data, e, &mut budget));
        r.description().iter().chain(r.location().iter()).for_each(|t| check_text(data, t));
        let mut propstats = r.propstats();
        while let Some(ps) = propstats.next() {
            let ps = ps.expect("propstats() of an accepted response");
            ps.status().iter().for_each(|s| check_status(data, s));
            ps.error().iter().for_each(|e| check_element(data, e, &mut budget));
            ps.description().iter().for_each(|t| check_text(data, t));
            let mut n = 0;
            for p in ps.properties() {
                let p = p.expect("properties() of an accepted propstat");
                check_element(data, &p, &mut budget);
                rs_properties.push(view(&p));
                n += 1;
            }
            // Invariant: the properties read again are as many as were counted.
            assert_eq!(n, ps.len());
            assert_eq!(ps.is_empty(), n == 0);
        }
        let _ = (r.quirks(), r.unknown_elements());
    }
    assert!(rs.next().is_none());
    rs.description().iter().chain(rs.sync_token().iter()).for_each(|t| check_text(data, t));
    // Invariant: both entry points agree — same error (the response view has no limit of
    // its own: what is past its capacities is read again), and the same end.
    assert_eq!(failed, rs_failed);
    // Invariant: the response view hands out the very property views of the events (kept
    // compact from the single read, or read again), in order, up to where it stopped.
    assert!(rs_properties.len() <= properties.len());
    assert_eq!(rs_properties[..], properties[..rs_properties.len()]);
    assert_eq!(rs.is_done(), rs_failed.is_none());
});
