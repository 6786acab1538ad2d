//! Interleaved timing of a few contenders on one body, for small differences on a noisy
//! machine: rounds of one batch of parses per contender, in turn, so that a slow moment hits
//! all of them; the best batch of each is its figure (the least disturbed), the median beside
//! it. Ratios are to the first contender.
//!
//! ```text
//! ab BODY ROUNDS CONTENDER...     BODY: propfind-1k, propfind-100k, multiget-200, or a file path
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::cast_precision_loss)]

use std::hint::black_box;
use std::time::Instant;

use multistatus_benches::bodies::{self, Body, Kind};
use multistatus_benches::contenders::{self, Contender};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: ab BODY ROUNDS CONTENDER...");
        std::process::exit(2);
    }
    let body: Body = match args[0].as_str() {
        "propfind-1k" => bodies::propfind(1_000),
        "propfind-100k" => bodies::propfind(100_000),
        "multiget-200" => bodies::calendar_multiget(200),
        path => Body {
            name: path.to_string(),
            bytes: std::fs::read(path).expect("body"),
            expected: bodies::Expected { responses: 0, properties: 0, status_sum: 0 },
            kind: Kind::Corpus,
        },
    };
    let rounds: usize = args[1].parse().expect("ROUNDS");
    let cons: Vec<Contender> =
        args[2..].iter().map(|n| contenders::by_name(n).unwrap_or_else(|| panic!("no contender {n}"))).collect();
    // About 20 ms of work per batch.
    let per_batch = {
        let t = Instant::now();
        (cons[0].parse)(black_box(&body.bytes), body.kind).expect("parse");
        (0.02 / t.elapsed().as_secs_f64()).clamp(1.0, 10_000.0) as usize
    };
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); cons.len()];
    for _ in 0..rounds {
        for (i, c) in cons.iter().enumerate() {
            let t = Instant::now();
            for _ in 0..per_batch {
                black_box((c.parse)(black_box(&body.bytes), body.kind).expect("parse"));
            }
            times[i].push(t.elapsed().as_secs_f64() / per_batch as f64);
        }
    }
    let mb = body.bytes.len() as f64 / 1e6;
    let best0 = times[0].iter().copied().fold(f64::MAX, f64::min);
    println!("{} ({} bytes), {rounds} rounds of {per_batch} parses", body.name, body.bytes.len());
    for (c, t) in cons.iter().zip(&mut times) {
        t.sort_by(f64::total_cmp);
        let (best, median) = (t[0], t[t.len() / 2]);
        println!(
            "{:<24} best {:>8.1} MB/s  median {:>8.1} MB/s  speed ÷ first (best) {:.2}",
            c.name,
            mb / best,
            mb / median,
            best0 / best
        );
    }
}
