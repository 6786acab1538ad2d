//! The other DAV bodies on arbitrary bytes: `body::kind`, the `DAV:error` reader, the LOCK
//! answer reader and the RFC 6578 sync helper.
//!
//! Invariants, checked below:
//! - none panics, loops or reads out of the input (every offset within it, every text a slice
//!   of it);
//! - `kind` agrees with the reader that accepts the body: a body the multistatus parser reads
//!   whole is `Multistatus`, one `ErrorBody` reads is `Error`, one `LockAnswer` reads is
//!   `Prop`; a body `Document` accepts has a kind (or is an HTML page), named by its root's
//!   expanded name; an error of `kind` other than `HtmlPage` is `Document`'s first error
//!   (same kind, same offset);
//! - the sync helper gives one item per response of the response level, the same error, and
//!   the same token after the loop as the response level does;
//! - an accepted error body written again by `ErrorWriter` (its conditions with their hrefs,
//!   its message and exception) reads back the same, unless the writer refuses a value with
//!   one of its documented kinds;
//! - an accepted LOCK answer whose locks are all of type `write` written again by
//!   `lock_answer::write` (scope, depth, owner's raw content, timeout, first lock token, lock
//!   root) reads back the same, unless the writer refuses it before its first byte (an owner
//!   whose prefixes are bound outside it, a token or root with white space at an end).
#![no_main]

use libfuzzer_sys::fuzz_target;
use multistatus::body::{BodyKind, kind};
use multistatus::dav_error::{Condition, ErrorBody, ErrorWriter};
use multistatus::document::Document;
use multistatus::lock_answer::{self, ActiveLockBody, LockAnswer};
use multistatus::props::{Depth, LockScope, LockType, Timeout};
use multistatus::sync::{SyncCollection, SyncKind};
use multistatus::writer::WriterOptions;
use multistatus::{Error, ErrorKind, Parser, responses};
use multistatus_fuzz::{Budget, check_element, check_name, check_text};

fn check_error(data: &[u8], e: &Error) {
    assert!(e.offset() <= data.len(), "error offset {} > {}", e.offset(), data.len());
}

fn multistatus_accepts(data: &[u8]) -> bool {
    Parser::new(data).is_ok_and(|p| p.into_iter().all(|e| e.is_ok()))
}

/// What an error body says: each condition's namespace, local name and hrefs; message and
/// exception.
type Said = (Vec<(String, String, Vec<String>)>, Option<String>, Option<String>);

fn said(e: &ErrorBody<'_>) -> Said {
    let conditions = e
        .conditions()
        .map(|c| {
            let c = c.expect("conditions of an accepted body");
            let ns = c.element().name().namespace().uri().to_string();
            let hrefs = c.hrefs().map(|h| h.expect("hrefs").to_string()).collect();
            (ns, c.element().name().local().to_string(), hrefs)
        })
        .collect();
    let text = |t: Result<Option<multistatus::Text<'_>>, Error>| t.expect("extension text").map(|t| t.to_string());
    (conditions, text(e.message()), text(e.exception()))
}

/// Writes what `e` says again; `None` when the writer refuses a value (as documented).
fn rewrite(e: &ErrorBody<'_>) -> Option<String> {
    let (conditions, message, exception) = said(e);
    let mut out = String::new();
    let mut w = ErrorWriter::new(&mut out).expect("a String takes anything");
    let refused = |r: Result<(), Error>| match r {
        Ok(()) => false,
        Err(err) => {
            assert!(
                matches!(err.kind(), ErrorKind::UntrimmedValue | ErrorKind::InvalidChar | ErrorKind::InvalidName),
                "{err:?}"
            );
            true
        }
    };
    for (c, (_, _, hrefs)) in e.conditions().zip(&conditions) {
        let refs: Vec<&str> = hrefs.iter().map(String::as_str).collect();
        if refused(w.condition_with_hrefs(c.expect("condition").condition(), &refs)) {
            return None;
        }
    }
    if let Some(m) = &message
        && refused(w.message(m))
    {
        return None;
    }
    if let Some(x) = &exception
        && refused(w.exception(x))
    {
        return None;
    }
    w.finish().expect("finish");
    Some(out)
}

fn error_body(data: &[u8]) -> bool {
    let e = match ErrorBody::parse(data) {
        Ok(e) => e,
        Err(err) => {
            check_error(data, &err);
            return false;
        }
    };
    check_element(data, e.element(), &mut Budget(32));
    for c in e.conditions() {
        let c = c.expect("conditions of an accepted body");
        if let Condition::Other(n) = c.condition() {
            check_name(data, &n);
        }
        assert_eq!(Condition::of(c.element().name()), c.condition());
        assert!(e.has(c.condition()).expect("has"));
        for h in c.hrefs() {
            check_text(data, &h.expect("hrefs of an accepted body"));
        }
    }
    for t in [e.message(), e.exception()] {
        if let Some(t) = t.expect("extension text of an accepted body") {
            check_text(data, &t);
        }
    }
    if let Some(again) = rewrite(&e) {
        let back = ErrorBody::parse(again.as_bytes()).expect("what the writer writes reads");
        assert_eq!(said(&back), said(&e), "written again: {again}");
    }
    true
}

/// A lock as the writer takes it and the reader gives it back.
type LockModel = (LockScope, Depth, Option<String>, Option<Timeout>, Option<String>, Option<String>);

/// The locks of an answer; `None` when one is not of type `write` (the writer writes only
/// those) or the locks are not well-formed.
fn lock_models(a: &LockAnswer<'_>) -> Option<Vec<LockModel>> {
    let mut v = Vec::new();
    for l in a.locks().ok()? {
        if l.lock_type() != LockType::Write {
            return None;
        }
        v.push((
            l.scope(),
            l.depth(),
            l.owner().map(|o| o.inner_raw().to_string()),
            l.timeout(),
            l.lock_token().map(|t| t.to_string()),
            l.lock_root().map(|t| t.to_string()),
        ));
    }
    Some(v)
}

/// Writes the locks of `a` again and reads them back.
fn rewrite_locks(a: &LockAnswer<'_>) {
    let Some(locks) = lock_models(a) else { return };
    let bodies: Vec<ActiveLockBody<'_>> = locks
        .iter()
        .map(|(scope, depth, owner, timeout, token, root)| ActiveLockBody {
            scope: *scope,
            depth: *depth,
            owner: owner.as_deref(),
            timeout: *timeout,
            lock_token: token.as_deref(),
            lock_root: root.as_deref(),
        })
        .collect();
    let mut out = String::new();
    match lock_answer::write(&mut out, WriterOptions::new(), &bodies) {
        Ok(_) => {
            let back = LockAnswer::parse(out.as_bytes()).expect("what the writer writes reads");
            assert_eq!(lock_models(&back).as_ref(), Some(&locks), "written again: {out}");
        }
        Err(e) => {
            assert!(!matches!(e.kind(), ErrorKind::BufferTooSmall | ErrorKind::WriterState), "{e:?}");
            assert_eq!((e.offset(), out.len()), (0, 0), "refused after writing: {e:?}");
        }
    }
}

fn lock_answer(data: &[u8]) -> bool {
    let a = match LockAnswer::parse(data) {
        Ok(a) => a,
        Err(err) => {
            check_error(data, &err);
            return false;
        }
    };
    assert!(a.lock_discovery().name().is_dav("lockdiscovery"));
    match a.locks() {
        Ok(locks) => {
            for l in locks {
                if let Some(t) = l.lock_token() {
                    check_text(data, &t);
                }
                if let Some(t) = l.lock_root() {
                    check_text(data, &t);
                }
            }
        }
        Err(e) => assert!(e.offset() <= data.len()),
    }
    rewrite_locks(&a);
    true
}

fn sync(data: &[u8]) {
    let Ok(sync) = SyncCollection::new(data) else { return };
    let Ok(mut rs) = responses(data) else { return };
    let expected: Vec<_> = (&mut rs).map(|r| r.map(|_| ())).collect();
    let got: Vec<_> = sync
        .iter()
        .map(|i| {
            i.map(|i| match i.kind() {
                SyncKind::Changed { href, etag } => {
                    check_text(data, &href);
                    if let Some(t) = etag {
                        check_text(data, &t);
                    }
                }
                SyncKind::Removed { href } | SyncKind::Truncated { href, .. } => check_text(data, &href),
                _ => {}
            })
        })
        .collect();
    assert_eq!(got, expected, "the sync helper and the response level disagree");
    if rs.is_done() {
        assert_eq!(sync.token().map(|t| t.map(|t| t.raw())), Ok(rs.sync_token().map(|t| t.raw())));
    } else {
        assert!(sync.token().is_err());
    }
}

fuzz_target!(|data: &[u8]| {
    let k = kind(data);
    if let Err(e) = &k {
        check_error(data, e);
    }
    let doc = Document::new(data);
    match (&k, &doc) {
        (Err(e), _) if e.kind() == ErrorKind::HtmlPage => {}
        (Err(e), Err(d)) => assert_eq!(e, d, "kind and Document disagree on the first error"),
        (Err(e), Ok(_)) => panic!("kind refused ({e:?}) a body Document accepts"),
        (Ok(k), Ok(d)) => {
            check_name(data, &d.root().name());
            let root = d.root().name();
            match k {
                BodyKind::Other(n) | BodyKind::OtherReport(n) => assert_eq!(*n, root),
                BodyKind::Multistatus => assert!(root.is_dav("multistatus")),
                BodyKind::Error => assert!(root.is_dav("error")),
                BodyKind::Prop => assert!(root.is_dav("prop")),
                _ => assert!(!root.namespace().is_none()),
            }
        }
        // The rest of the body is not read by kind.
        (Ok(_), Err(_)) => {}
    }
    if multistatus_accepts(data) {
        assert_eq!(k, Ok(BodyKind::Multistatus));
    }
    if error_body(data) {
        assert_eq!(k, Ok(BodyKind::Error));
    }
    if lock_answer(data) {
        assert_eq!(k, Ok(BodyKind::Prop));
    }
    sync(data);
});
