//! Small capacities against the default ones: every input is read with each of the small
//! capacity sets `<4,2,64>`, `<8,4,128>`, `<2,1,16>`, `<1,0,0>` and the default `<32,32,2048>`,
//! and through `Responses` with room for one href and one propstat against room for 64.
//!
//! The invariant (stated once here, checked below): capacities only ever cut a reading short,
//! never change it. A parser with small capacities
//! - never panics, however small they are;
//! - either gives exactly the events and the end (success or the same error) of the parser
//!   with the default capacities,
//! - or stops with a limit error (`ErrorKind::is_limit`), after events that are a prefix of
//!   the default parser's events — which then either goes on past that prefix, or itself
//!   stops with a limit error or with an error found at the same point.
//! The place of a limit error is checked per kind (see `at_right_place`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use multistatus::{Error, ErrorKind, Options, Parser, Responses};
use multistatus_fuzz::{Budget, check_event, summary};

/// Events (summarised) and the end of a reading.
fn read<const D: usize, const NS: usize, const B: usize>(
    body: &[u8],
    options: Options,
) -> (Vec<String>, Option<Error>) {
    let p = match Parser::<D, NS, B>::with_options(body, options) {
        Ok(p) => p,
        Err(e) => return (vec![], Some(e)),
    };
    let mut out = vec![];
    let mut budget = Budget(16);
    for ev in p {
        match ev {
            Ok(ev) => {
                check_event(body, &ev, &mut budget);
                out.push(summary(&ev));
            }
            Err(e) => return (out, Some(e)),
        }
    }
    (out, None)
}

/// Responses (their offsets and href counts) and the end.
fn responses<const D: usize, const NS: usize, const B: usize, const H: usize, const P: usize>(
    body: &[u8],
    options: Options,
) -> (Vec<(usize, usize, usize)>, Option<Error>) {
    let rs = match Responses::<D, NS, B, H, P>::with_options(body, options) {
        Ok(rs) => rs,
        Err(e) => return (vec![], Some(e)),
    };
    let mut out = vec![];
    for r in rs {
        match r {
            Ok(r) => out.push((r.offset(), r.hrefs().count(), r.propstats().count().unwrap_or(usize::MAX))),
            Err(e) => return (out, Some(e)),
        }
    }
    (out, None)
}

/// Where each limit is reported: the start tag that would go too deep or whose name does not
/// fit, the namespace declaration that does not fit, the attribute one too many.
fn at_right_place(body: &[u8], e: Error) -> bool {
    let Some(at) = body.get(e.offset()..) else { return false };
    let after_space = e.offset() > 0 && body.get(e.offset() - 1).is_some_and(u8::is_ascii_whitespace);
    match e.kind() {
        ErrorKind::DepthLimit => at.starts_with(b"<"),
        ErrorKind::NameStorageLimit => at.starts_with(b"<") || (after_space && at.starts_with(b"xmlns")),
        ErrorKind::NamespaceLimit => after_space && at.starts_with(b"xmlns"),
        ErrorKind::AttributeLimit => after_space && at.first().is_some_and(|b| !b"<>=/\"' \t\r\n".contains(b)),
        // Never returned: the response view reads what is past its capacities again.
        ErrorKind::ResponseLimit => false,
        _ => false,
    }
}

fn compare<T: PartialEq + std::fmt::Debug>(
    body: &[u8],
    small: (Vec<T>, Option<Error>),
    large: (Vec<T>, Option<Error>),
) {
    match small.1 {
        Some(e) if e.kind().is_limit() => {
            // Invariant: a limit error points at the markup that needs the room.
            assert!(at_right_place(body, e), "{e:?} at {:?}", body.get(e.offset()..));
            // Invariant: what was read before the limit is what the large parser reads.
            assert!(large.0.len() >= small.0.len(), "small read more: {small:?} vs {large:?}");
            assert_eq!(&large.0[..small.0.len()], &small.0[..]);
        }
        // Invariant: no limit reached, the same reading to the end.
        _ => assert_eq!(small, large),
    }
}

/// The options: strict, and one of the 16 combinations of the four switches chosen by the
/// body's length (the body is taken whole, so that the seed bodies stay valid).
fn options(len: usize) -> [Options; 2] {
    let mut o = Options::strict();
    let bit = |i: u32| len & (1 << i) != 0;
    o.unbound_dav_prefix = bit(0);
    o.propstat_without_status = bit(1);
    o.propstat_without_prop = bit(2);
    o.response_without_status = bit(3);
    [Options::strict(), o]
}

fuzz_target!(|body: &[u8]| {
    for o in options(body.len()) {
        let large = read::<32, 32, 2048>(body, o);
        compare(body, read::<4, 2, 64>(body, o), large.clone());
        compare(body, read::<8, 4, 128>(body, o), large.clone());
        compare(body, read::<2, 1, 16>(body, o), large.clone());
        compare(body, read::<1, 0, 0>(body, o), large);
        compare(body, responses::<32, 32, 2048, 1, 1>(body, o), responses::<32, 32, 2048, 64, 64>(body, o));
    }
});
