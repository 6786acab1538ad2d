//! Windowed parsing against the whole-body parser on the same PROPFIND bodies (issue 5): the
//! body read through a 16 KiB window that keeps only what the parser still needs, versus the
//! whole body in memory. `cargo bench -p multistatus-benches --bench windowed`.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use multistatus::{Event, Parser, WindowParser};

/// A PROPFIND answer with `n` responses: eight common properties each (an entity-escaped
/// ETag among them) and a second propstat with a 404 — the shape of the issue-6 bodies.
pub fn propfind(n: usize) -> Vec<u8> {
    let mut s = String::with_capacity(n * 800);
    s.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:multistatus xmlns:d=\"DAV:\" xmlns:oc=\"http://owncloud.org/ns\">\n");
    for i in 0..n {
        let _ = writeln!(
            s,
            "<d:response><d:href>/remote.php/dav/files/user/Documents/Projects/2026/quarterly-reports/archive/file-{i:06}.txt</d:href>\
<d:propstat><d:prop><d:displayname>file-{i:06}.txt</d:displayname>\
<d:getlastmodified>Tue, 24 Nov 2026 10:{m:02}:00 GMT</d:getlastmodified>\
<d:getetag>&quot;5f3a{i:x}-{m}&quot;</d:getetag><d:getcontentlength>{len}</d:getcontentlength>\
<d:getcontenttype>text/plain</d:getcontenttype><d:resourcetype/>\
<oc:fileid>{i:08}</oc:fileid><oc:permissions>RGDNVW</oc:permissions></d:prop>\
<d:status>HTTP/1.1 200 OK</d:status></d:propstat>\
<d:propstat><d:prop><oc:checksums/><d:quota-used-bytes/></d:prop>\
<d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>",
            m = i % 60,
            len = i * 37 % 100_000
        );
    }
    s.push_str("</d:multistatus>\n");
    s.into_bytes()
}

fn count(ev: &Event<'_>, props: &mut usize, responses: &mut usize) {
    match ev {
        Event::Property(_) => *props += 1,
        Event::ResponseEnd => *responses += 1,
        _ => {}
    }
}

fn whole(body: &[u8]) -> (usize, usize) {
    let (mut p, mut r) = (0, 0);
    for ev in Parser::new(body).unwrap() {
        count(&ev.unwrap(), &mut p, &mut r);
    }
    (r, p)
}

/// The body arrives in `buf`-sized reads into a fixed buffer, as from a socket.
fn windowed(body: &[u8], buf: &mut [u8]) -> (usize, usize) {
    let (mut props, mut responses) = (0, 0);
    let mut parser = WindowParser::new();
    let (mut start, mut filled, mut arrived) = (0usize, 0usize, 0usize);
    loop {
        let is_final = arrived == body.len();
        {
            let mut feed = parser.feed(&buf[..filled], start, is_final).unwrap();
            while let Some(ev) = feed.next_event() {
                count(&ev.unwrap(), &mut props, &mut responses);
            }
        }
        if parser.is_done() {
            return (responses, props);
        }
        let drop = parser.keep_from() - start;
        buf.copy_within(drop..filled, 0);
        filled -= drop;
        start += drop;
        let n = (buf.len() - filled).min(body.len() - arrived);
        buf[filled..filled + n].copy_from_slice(&body[arrived..arrived + n]);
        filled += n;
        arrived += n;
    }
}

fn bench(c: &mut Criterion) {
    for n in [1_000usize, 100_000] {
        let body = propfind(n);
        let expected = (n, n * 10);
        assert_eq!(whole(&body), expected);
        let mut buf = vec![0u8; 16 * 1024];
        assert_eq!(windowed(&body, &mut buf), expected);
        let mut g = c.benchmark_group(format!("propfind-{n}"));
        g.throughput(Throughput::Bytes(body.len() as u64));
        if n > 10_000 {
            g.sample_size(10);
        }
        g.bench_function("whole-body events", |b| b.iter(|| assert_eq!(whole(black_box(&body)), expected)));
        g.bench_function("windowed events, 16 KiB", |b| {
            b.iter(|| assert_eq!(windowed(black_box(&body), &mut buf), expected))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
