//! What the one-file examples (`listing`, `sync`) share: read the file named on the command
//! line, run the example on its bytes, print what it returns (exit 0), or the error with its
//! line and column (exit 1); usage or I/O errors exit 2.

use std::process::ExitCode;

/// Runs `run` on the file named by the only argument; `name` is the example's, for the usage.
pub fn main_on_file(name: &str, run: impl FnOnce(&[u8]) -> Result<String, multistatus::Error>) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file] = args.as_slice() else {
        eprintln!("usage: {name} FILE");
        return ExitCode::from(2);
    };
    let body = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    match run(&body) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let pos = e.position(&body);
            eprintln!("error: {} at line {}, column {} (byte {})", e.kind().as_str(), pos.line, pos.column, e.offset());
            ExitCode::from(1)
        }
    }
}
