//! One parse of one body by one contender, for `valgrind --tool=callgrind` (see
//! `benches/callgrind.sh`): the body is generated first, then parsed once inside
//! [`measured`], the only function whose instructions callgrind collects
//! (`--toggle-collect='*measured*'`).
//!
//! ```text
//! callgrind-one CONTENDER [BODY]     BODY: propfind-1k (default), multiget-200, or a file path
//! ```
//! It prints `BYTES <n>`, `VALUE_BYTES <n>` (see [`contenders::value_bytes`]) and the counts on
//! stdout.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::process::ExitCode;

use multistatus_benches::bodies::{self, Body, Kind};
use multistatus_benches::contenders::{self, Contender, Counts};

#[inline(never)]
fn measured(con: Contender, body: &[u8], kind: Kind) -> Result<Counts, String> {
    (con.parse)(black_box(body), kind)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(con) = args.first().and_then(|n| contenders::by_name(n)) else {
        let names: Vec<&str> = contenders::ALL.iter().map(|c| c.name).collect();
        eprintln!("usage: callgrind-one CONTENDER [BODY]; CONTENDER one of {}", names.join(", "));
        return ExitCode::from(2);
    };
    let body: Body = match args.get(1).map(String::as_str) {
        None | Some("propfind-1k") => bodies::propfind(1_000),
        Some("multiget-200") => bodies::calendar_multiget(200),
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => Body {
                name: path.to_string(),
                bytes,
                expected: bodies::Expected { responses: 0, properties: 0, status_sum: 0 },
                kind: Kind::Corpus,
            },
            Err(e) => {
                eprintln!("cannot read {path}: {e}");
                return ExitCode::from(2);
            }
        },
    };
    // The decoding contender's buffer is the caller's, made before the measure.
    contenders::prepare(&body.bytes);
    match measured(con, &body.bytes, body.kind) {
        Ok(c) => {
            println!("BYTES {}", body.bytes.len());
            if let Ok(n) = contenders::value_bytes(&body.bytes) {
                println!("VALUE_BYTES {n}");
            }
            println!("COUNTS {} {:?} {:?}", c.responses, c.properties, c.status_sum);
            if con.name == "memchr/visit+decode" {
                match contenders::memchr_check(&body.bytes) {
                    Ok(n) => println!("CHECK {n} property values read as Text::unescape_into reads them"),
                    Err(e) => {
                        eprintln!("{}: {e}", con.name);
                        return ExitCode::from(1);
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", con.name);
            ExitCode::from(1)
        }
    }
}
