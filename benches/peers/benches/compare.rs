//! Every contender on the same bodies in the same run (issue 6).
//!
//! ```text
//! cargo bench -p multistatus-benches --bench compare -- --warm-up-time 1 --measurement-time 3
//! MULTISTATUS_CORPUS=../shared/corpus cargo bench -p multistatus-benches --bench compare
//! ```
//!
//! For each body, first one parse per contender with the counting allocator on: the result is
//! checked against what the body holds, and allocations and peak heap are printed (and written
//! to `allocations.tsv` in criterion's output folder, which `benches/table.py` reads). Then a
//! criterion group per body, `Throughput::Bytes`, one bench per contender; the loop asserts
//! the number of responses and properties (and the status-code sum where the contender reads
//! it). A contender that rejects a body is reported and left out of that body's group.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput};
use multistatus_benches::alloc::{Counting, measure};
use multistatus_benches::bodies::{self, Body, Expected};
use multistatus_benches::contenders::{self, ALL, Counts};

#[global_allocator]
static ALLOC: Counting = Counting;

/// Bodies above this size get 10 flat samples.
const BIG: usize = 10 << 20;

fn all_bodies() -> Vec<Body> {
    let mut out = vec![bodies::propfind(1_000), bodies::propfind(100_000), bodies::calendar_multiget(200)];
    if let Some(dir) = std::env::var_os("MULTISTATUS_CORPUS") {
        for mut b in bodies::corpus(&PathBuf::from(dir)) {
            // The reference of a corpus file is our event level; roxmltree must agree below.
            match contenders::ours_events(&b.bytes, b.kind) {
                Ok(c) => {
                    b.expected = Expected {
                        responses: c.responses,
                        properties: c.properties.unwrap_or(0),
                        status_sum: c.status_sum.unwrap_or(0),
                    };
                    out.push(b);
                }
                Err(e) => eprintln!("{}: our parser rejects it ({e}); left out", b.name),
            }
        }
    } else {
        eprintln!("MULTISTATUS_CORPUS is not set: no corpus files");
    }
    // `MULTISTATUS_BENCH_ONLY=propfind-1k,multiget` keeps the bodies whose name contains one of
    // the words (the allocation pass runs for every body kept, whatever criterion's filter).
    if let Ok(only) = std::env::var("MULTISTATUS_BENCH_ONLY") {
        out.retain(|b| only.split(',').any(|w| b.name.contains(w.trim())));
    }
    out
}

/// Whether `c` agrees with `e` on everything it reports.
fn agrees(c: &Counts, e: &Expected) -> bool {
    c.responses == e.responses
        && c.properties.is_none_or(|p| p == e.properties)
        && c.status_sum.is_none_or(|s| s == e.status_sum)
}

/// criterion's output folder: `$CARGO_TARGET_DIR/criterion` or the workspace's
/// `target/criterion` (cargo runs a bench in its package folder, `benches/peers`).
fn criterion_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"), PathBuf::from);
    target.join("criterion")
}

fn main() {
    let bodies = all_bodies();
    let mut c = Criterion::default().configure_from_args();
    let mut tsv = String::from("body\tbytes\tcontender\tstatus\tresponses\tallocations\tpeak_bytes\n");
    for body in &bodies {
        let len = body.bytes.len();
        eprintln!("== {} ({len} bytes, expected {:?})", body.name, body.expected);
        let mut runnable = Vec::new();
        // The buffer of `multistatus/decode` is the caller's: made before anything is counted.
        contenders::prepare(&body.bytes);
        for con in ALL {
            let (res, stats) = measure(|| (con.parse)(&body.bytes, body.kind));
            let status = match &res {
                Ok(counts) if agrees(counts, &body.expected) => "ok".to_string(),
                Ok(counts) => format!("differs: {counts:?}"),
                Err(e) => format!("rejects: {e}"),
            };
            if con.c_heap {
                eprintln!("   {:<24} allocations not counted (C heap)  {status}", con.name);
            } else {
                eprintln!(
                    "   {:<24} {:>9} allocations, peak {:>12} bytes  {status}",
                    con.name, stats.allocations, stats.peak_bytes
                );
            }
            let responses = res.as_ref().map_or(0, |c| c.responses);
            // `-` where the allocations are C's, not counted.
            let (allocations, peak) = if con.c_heap {
                ("-".to_string(), "-".to_string())
            } else {
                (stats.allocations.to_string(), stats.peak_bytes.to_string())
            };
            let _ = writeln!(
                tsv,
                "{}\t{len}\t{}\t{}\t{responses}\t{allocations}\t{peak}",
                body.name,
                con.name,
                status.replace(['\t', '\n'], " "),
            );
            if let Ok(counts) = res {
                // Ours and the reference walk must be right; a peer that counts differently is
                // reported above and benched against its own counts.
                if (con.ours || con.name == "roxmltree/walk") && !agrees(&counts, &body.expected) {
                    panic!("{} on {}: {counts:?}, expected {:?}", con.name, body.name, body.expected);
                }
                runnable.push((con, counts));
            }
        }

        let mut g = c.benchmark_group(&body.name);
        g.throughput(Throughput::Bytes(len as u64));
        if len > BIG {
            g.sample_size(10).sampling_mode(SamplingMode::Flat).warm_up_time(Duration::from_millis(1));
        }
        for (con, want) in runnable {
            g.bench_function(con.name, |b| {
                b.iter(|| {
                    let got = (con.parse)(black_box(&body.bytes), body.kind).unwrap();
                    assert_eq!(got.responses, want.responses);
                    assert_eq!(got.properties, want.properties);
                    got
                });
            });
        }
        g.finish();
    }
    let dir = criterion_dir();
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("allocations.tsv");
    match std::fs::write(&path, tsv) {
        Ok(()) => eprintln!("allocations written to {}", path.display()),
        Err(e) => eprintln!("cannot write {}: {e}", path.display()),
    }
    c.final_summary();
}
