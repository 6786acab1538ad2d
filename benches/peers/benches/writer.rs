//! The writer against quick-xml's writer, on the same document: a PROPFIND answer of 1,000
//! responses (four properties found, one missing, a raw-XML `resourcetype` on every tenth).
//!
//! `cargo bench -p multistatus-benches --bench writer`; the ratio to quote is our throughput over quick-xml's, both
//! measured in this run. Each benchmark checks its output's length inside the loop.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
#![allow(clippy::arithmetic_side_effects)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use multistatus::{DavPrefix, SliceSink, Writer, WriterOptions};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

const N: usize = 1_000;

struct Entry {
    href: String,
    name: String,
    etag: String,
    len: String,
    collection: bool,
}

fn entries() -> Vec<Entry> {
    (0..N)
        .map(|i| Entry {
            href: format!("/dav/files/user/Photos & Notes/img_{i:04}.jpg"),
            name: format!("img_{i:04} <copy> & more"),
            etag: format!("W/5f3a{i:08x}"),
            len: (1_000 + i * 37).to_string(),
            collection: i % 10 == 0,
        })
        .collect()
}

fn ours<W: std::fmt::Write>(out: W, es: &[Entry]) -> W {
    let opts = WriterOptions::new().dav_prefix(DavPrefix::Named("d")).xml_declaration(true);
    let mut w = Writer::new(out, opts).unwrap();
    for e in es {
        w.begin_response(&e.href).unwrap();
        w.begin_propstat().unwrap();
        w.property_text("DAV:", "displayname", &e.name).unwrap();
        w.property_text("DAV:", "getetag", &e.etag).unwrap();
        w.property_text("DAV:", "getcontentlength", &e.len).unwrap();
        if e.collection {
            w.property_raw("DAV:", "resourcetype", "<d:collection/>").unwrap();
        } else {
            w.property_empty("DAV:", "resourcetype").unwrap();
        }
        w.end_propstat(200, "OK").unwrap();
        w.begin_propstat().unwrap();
        w.property_empty("DAV:", "quota-used-bytes").unwrap();
        w.end_propstat(404, "Not Found").unwrap();
        w.end_response().unwrap();
    }
    w.finish().unwrap()
}

fn quick(out: &mut Vec<u8>, es: &[Entry]) {
    let mut w = quick_xml::Writer::new(out);
    let text = |w: &mut quick_xml::Writer<&mut Vec<u8>>, name: &str, t: &str| {
        w.write_event(Event::Start(BytesStart::new(name))).unwrap();
        w.write_event(Event::Text(BytesText::new(t))).unwrap();
        w.write_event(Event::End(BytesEnd::new(name))).unwrap();
    };
    let start = |w: &mut quick_xml::Writer<&mut Vec<u8>>, name: &str| {
        w.write_event(Event::Start(BytesStart::new(name))).unwrap();
    };
    let end = |w: &mut quick_xml::Writer<&mut Vec<u8>>, name: &str| {
        w.write_event(Event::End(BytesEnd::new(name))).unwrap();
    };
    let empty = |w: &mut quick_xml::Writer<&mut Vec<u8>>, name: &str| {
        w.write_event(Event::Empty(BytesStart::new(name))).unwrap();
    };
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None))).unwrap();
    w.write_event(Event::Start(BytesStart::new("d:multistatus").with_attributes([("xmlns:d", "DAV:")]))).unwrap();
    for e in es {
        start(&mut w, "d:response");
        text(&mut w, "d:href", &e.href);
        start(&mut w, "d:propstat");
        start(&mut w, "d:prop");
        text(&mut w, "d:displayname", &e.name);
        text(&mut w, "d:getetag", &e.etag);
        text(&mut w, "d:getcontentlength", &e.len);
        if e.collection {
            start(&mut w, "d:resourcetype");
            empty(&mut w, "d:collection");
            end(&mut w, "d:resourcetype");
        } else {
            empty(&mut w, "d:resourcetype");
        }
        end(&mut w, "d:prop");
        text(&mut w, "d:status", "HTTP/1.1 200 OK");
        end(&mut w, "d:propstat");
        start(&mut w, "d:propstat");
        start(&mut w, "d:prop");
        empty(&mut w, "d:quota-used-bytes");
        end(&mut w, "d:prop");
        text(&mut w, "d:status", "HTTP/1.1 404 Not Found");
        end(&mut w, "d:propstat");
        end(&mut w, "d:response");
    }
    w.write_event(Event::End(BytesEnd::new("d:multistatus"))).unwrap();
}

fn bench(c: &mut Criterion) {
    let es = entries();
    let ours_len = ours(String::new(), &es).len();
    let mut q = Vec::new();
    quick(&mut q, &es);
    let quick_len = q.len();
    // Same document: both parse to the same responses.
    let body = ours(String::new(), &es);
    let a: Vec<_> = multistatus::responses(body.as_bytes()).unwrap().map(|r| r.unwrap()).collect();
    let b: Vec<_> = multistatus::responses(&q).unwrap().map(|r| r.unwrap()).collect();
    assert_eq!(a.len(), N);
    assert_eq!(b.len(), N);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.href().unwrap().to_string(), y.href().unwrap().to_string());
    }
    println!("document: {N} responses; ours {ours_len} bytes, quick-xml {quick_len} bytes");

    let mut g = c.benchmark_group("writer_1000_responses");
    g.throughput(Throughput::Bytes(ours_len as u64));
    let mut s = String::with_capacity(ours_len);
    g.bench_function("multistatus_fmt_string", |bch| {
        bch.iter(|| {
            s.clear();
            let out = ours(std::mem::take(&mut s), black_box(&es));
            assert_eq!(out.len(), ours_len);
            s = out;
        })
    });
    let mut buf = vec![0u8; ours_len];
    g.bench_function("multistatus_slice", |bch| {
        bch.iter(|| {
            let n = ours(SliceSink::new(&mut buf), black_box(&es)).len();
            assert_eq!(n, ours_len);
        })
    });
    g.throughput(Throughput::Bytes(quick_len as u64));
    let mut v = Vec::with_capacity(quick_len);
    g.bench_function("quick_xml_vec", |bch| {
        bch.iter(|| {
            v.clear();
            quick(&mut v, black_box(&es));
            assert_eq!(v.len(), quick_len);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
