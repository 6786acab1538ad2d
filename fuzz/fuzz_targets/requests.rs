//! Arbitrary bytes through the request readers (issue 18), every accessor walked.
//!
//! Invariants: never panics (nor loops: libFuzzer's -timeout=1); an error points into the
//! input; anything a reader accepts and the writer writes back reads back identically (the
//! writer may refuse what it cannot write: names over its limits, raw values that use
//! prefixes declared outside them, ...); the dispatch and the typed readers agree; the views
//! of an accepted request (names, instructions, hrefs) never fail.
#![no_main]

use libfuzzer_sys::fuzz_target;
use multistatus::request::write::{
    self as rw, LockInfoBody, MultigetBody, PropName, PropfindBody, SyncCollectionBody, Update,
};
use multistatus::request::{self, Elements, LockScope, MultigetKind, Op, Request, Selection, SyncLevel};
use multistatus::writer::{SliceSink, WriterOptions};
use multistatus::{Element, Error, Fragment, Text};

#[derive(Debug, PartialEq, Eq)]
enum Model {
    Propfind(Selection, Vec<(String, String)>),
    Proppatch(Vec<(Op, (String, String), String)>),
    Lock(LockScope, Option<String>),
    Sync(String, SyncLevel, Option<u32>, Vec<(String, String)>),
    Multiget(MultigetKind, Option<Selection>, Vec<(String, String)>, Vec<String>),
}

fn value(t: &Text<'_>) -> String {
    t.fragments()
        .map(|f| match f {
            Fragment::Str(s) => s.to_string(),
            Fragment::Char(c) => c.to_string(),
        })
        .collect()
}

fn qname(e: &Element<'_>) -> (String, String) {
    // Walk the rest of the view too: attributes and children.
    for a in e.attributes() {
        let _ = (a.name.local(), value(&a.value));
    }
    for c in e.children() {
        let _ = c;
    }
    (value(&e.name().namespace().uri()), e.name().local().to_string())
}

fn names(it: Elements<'_>) -> Result<Vec<(String, String)>, Error> {
    it.map(|e| e.map(|e| qname(&e))).collect()
}

fn read(kind: Request<'_>) -> Option<Result<Model, Error>> {
    Some((|| {
        Ok(match kind {
            Request::Propfind(p) => Model::Propfind(p.selection(), names(p.props())?),
            Request::Proppatch(p) => Model::Proppatch(
                p.instructions()
                    .map(|i| i.map(|i| (i.op, qname(&i.property), i.property.inner_raw().to_string())))
                    .collect::<Result<_, _>>()?,
            ),
            Request::LockInfo(l) => Model::Lock(l.scope(), l.owner().map(|o| o.inner_raw().to_string())),
            Request::SyncCollection(s) => Model::Sync(value(&s.token()), s.level(), s.limit(), names(s.props())?),
            Request::Multiget(m) => Model::Multiget(
                m.kind(),
                m.selection(),
                names(m.props())?,
                m.hrefs().map(|h| h.map(|h| value(&h))).collect::<Result<_, _>>()?,
            ),
            _ => return Err(Error::new(multistatus::ErrorKind::UnexpectedRoot, 0)),
        })
    })())
}

fn pn(v: &[(String, String)]) -> Vec<PropName<'_>> {
    v.iter().map(|(n, l)| PropName::new(n, l)).collect()
}

fn write(m: &Model, buf: &mut [u8]) -> Result<usize, Error> {
    let opts = WriterOptions::new();
    let s = SliceSink::new(buf);
    let out = match m {
        Model::Propfind(selection, n) => {
            // `include` names come back only with allprop; propname has none.
            rw::propfind(s, opts, &PropfindBody { selection: *selection, props: &pn(n) })?
        }
        Model::Proppatch(ops) => {
            let u: Vec<_> =
                ops.iter().map(|(op, (n, l), raw)| Update { op: *op, name: PropName::new(n, l), raw }).collect();
            rw::proppatch(s, opts, &u)?
        }
        Model::Lock(scope, owner) => rw::lockinfo(s, opts, &LockInfoBody { scope: *scope, owner: owner.as_deref() })?,
        Model::Sync(token, level, limit, n) => {
            let body = SyncCollectionBody { token, level: *level, limit: *limit, props: &pn(n) };
            rw::sync_collection(s, opts, &body)?
        }
        Model::Multiget(kind, selection, n, hrefs) => {
            let h: Vec<&str> = hrefs.iter().map(String::as_str).collect();
            let body = MultigetBody { kind: *kind, selection: *selection, props: &pn(n), hrefs: &h };
            rw::multiget(s, opts, &body)?
        }
    };
    Ok(out.len())
}

fuzz_target!(|data: &[u8]| {
    // The typed readers on any input: errors point into it; which of them accept is what the
    // dispatch says the body is (an empty or blank body, a BOM before it or not, is a
    // PROPFIND's allprop only).
    let check = |r: Result<(), Error>| -> bool {
        match r {
            Ok(()) => true,
            Err(e) => {
                assert!(e.offset() <= data.len(), "error offset {} > {}", e.offset(), data.len());
                false
            }
        }
    };
    let accepted = [
        check(request::Propfind::parse(data).map(|p| p.props().for_each(|e| assert!(e.is_ok())))),
        check(request::Proppatch::parse(data).map(|p| p.instructions().for_each(|i| assert!(i.is_ok())))),
        check(request::LockInfo::parse(data).map(|_| ())),
        check(request::SyncCollection::parse(data).map(|_| ())),
        check(request::Multiget::parse(data).map(|m| m.hrefs().for_each(|h| assert!(h.is_ok())))),
    ];
    let content = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let blank = content.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
    let dispatched = match request::parse(data).map(|p| p.kind) {
        Ok(Request::Propfind(_)) => Some(0),
        Ok(Request::Proppatch(_)) => Some(1),
        Ok(Request::LockInfo(_)) => Some(2),
        Ok(Request::SyncCollection(_)) => Some(3),
        Ok(Request::Multiget(_)) => Some(4),
        _ => None,
    };
    for (i, &ok) in accepted.iter().enumerate() {
        let expected = dispatched == Some(i) || (i == 0 && blank);
        assert_eq!(ok, expected, "reader {i} accepted={ok}, dispatch {dispatched:?}");
    }

    let parsed = match request::parse(data) {
        Ok(p) => p,
        Err(e) => {
            assert!(e.offset() <= data.len());
            return;
        }
    };
    let Some(model) = read(parsed.kind) else { return };
    let Ok(model) = model else { return };
    let mut buf = vec![0u8; data.len().saturating_mul(4).saturating_add(4096)];
    let Ok(n) = write(&model, &mut buf) else { return };
    let body = &buf[..n];
    let again = request::parse(body)
        .unwrap_or_else(|e| panic!("written body refused: {e}\n{}\nfrom {model:?}", String::from_utf8_lossy(body)));
    let back = read(again.kind).unwrap().expect("written body reads");
    assert_eq!(back, model, "{}", String::from_utf8_lossy(body));
});
