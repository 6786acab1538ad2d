//! `cargo run --release --features embedded-io --example stream < FILE`: parses a body from
//! standard input through a 16 KiB buffer (windowed parsing, `multistatus::parse_from` over an
//! `embedded_io::Read`) and prints the JSON document that `dump` prints, writing each response
//! as soon as it is complete: memory does not grow with the body. A rejected body prints
//! `error: <what> (byte B)` on stderr and exits 1, after the responses already printed.

use std::io::{Read as _, Write as _};
use std::process::ExitCode;

use multistatus::{ReadError, WindowParser, parse_from};

mod json;

/// Standard input as an `embedded_io::Read`.
struct Stdin(std::io::StdinLock<'static>);

impl embedded_io::ErrorType for Stdin {
    type Error = embedded_io::ErrorKind;
}

impl embedded_io::Read for Stdin {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
        self.0.read(buf).map_err(|_| embedded_io::ErrorKind::Other)
    }
}

fn main() -> ExitCode {
    let mut buf = [0u8; 16 * 1024];
    let mut parser = WindowParser::new();
    let stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let mut out = json::Json::new(stdout);
    let mut failed = None;
    let result = parse_from(&mut parser, &mut Stdin(std::io::stdin().lock()), &mut buf, |ev| {
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
            match parser.needed() {
                Some(n) => eprintln!(
                    "error: {} (byte {}): needs {n} bytes, the buffer has {}",
                    e.kind().as_str(),
                    e.offset(),
                    buf.len()
                ),
                None => eprintln!("error: {} (byte {})", e.kind().as_str(), e.offset()),
            }
            ExitCode::from(1)
        }
        Err(ReadError::Io(_)) => {
            eprintln!("error: cannot read standard input");
            ExitCode::from(2)
        }
    }
}
