//! `cargo run --release --features embedded-io --example stream [-- --buffer BYTES] < FILE`:
//! parses a body from standard input through a buffer of `BYTES` (16 KiB by default; windowed
//! parsing, `multistatus::windowed::parse_from` over an `embedded_io::Read`) and prints the
//! JSON document that `dump` prints, writing each response as soon as it is complete: the
//! parser's memory does not grow with the body. The parser runs in pieces mode
//! (`WindowParser::in_pieces`): a property larger than the buffer comes in pieces, which the
//! JSON module puts together (in memory: it is example code on `std`), so the buffer needs
//! to hold one tag or one href, not one property. A rejected body prints `error: <what> at line
//! L, column C (byte B)` on stderr, as `dump` does, and exits 1, after the responses already
//! printed (`parse_from` counts the lines of the bytes it drops: `WindowParser::error_position`).

use std::io::Write as _;
use std::process::ExitCode;

// A `std::io::Read` as an `embedded_io::Read`: the adapter crate, not one of our own.
use embedded_io_adapters::std::FromStd;
use multistatus::WindowParser;
use multistatus::windowed::{ReadError, parse_from};

mod json;

/// The buffer size: `--buffer BYTES`, or 16 KiB.
fn buffer_size() -> Result<usize, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => Ok(16 * 1024),
        [flag, n] if flag == "--buffer" => {
            n.parse().map_err(|_| format!("--buffer takes a number of bytes, not {n:?}"))
        }
        _ => Err("usage: stream [--buffer BYTES] < FILE".to_string()),
    }
}

fn main() -> ExitCode {
    let mut buf = match buffer_size() {
        Ok(n) => vec![0u8; n],
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    // Pieces mode: a property (an 11 MB `calendar-data`, say) need not fit in the buffer.
    let mut parser = WindowParser::new().in_pieces();
    let stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let mut out = json::Json::new(stdout);
    let mut failed = None;
    let result = parse_from(&mut parser, &mut FromStd::new(std::io::stdin().lock()), &mut buf, |ev| {
        if failed.is_none() {
            failed = out.event(&ev).err();
        }
    });
    let result = match (result, failed) {
        (Ok(()), Some(e)) => Err(ReadError::Parse(e)),
        (r, _) => r,
    };
    match result {
        Ok(()) => {
            let _ = out.finish().flush();
            ExitCode::SUCCESS
        }
        Err(ReadError::Parse(e)) => {
            let _ = std::io::stdout().flush();
            let at = match parser.error_position() {
                Some(p) => format!("at line {}, column {} (byte {})", p.line, p.column, e.offset()),
                None => format!("(byte {})", e.offset()),
            };
            match parser.needed() {
                Some(n) => {
                    eprintln!("error: {} {at}: needs {n} bytes, the buffer has {}", e.kind().as_str(), buf.len())
                }
                None => eprintln!("error: {} {at}", e.kind().as_str()),
            }
            ExitCode::from(1)
        }
        Err(ReadError::Io(_)) => {
            eprintln!("error: cannot read standard input");
            ExitCode::from(2)
        }
    }
}
