//! What the one-file examples (`dump`, `listing`, `sync`) share: read the file named on the
//! command line, run the example on its bytes, print what it returns (exit 0), or why the body
//! is rejected with its line and column (exit 1); usage or I/O errors exit 2.

use std::process::ExitCode;

/// Why a body is rejected: what (an error kind's text, or more), and at which byte.
pub struct Rejected {
    pub what: String,
    pub offset: usize,
}

impl From<multistatus::Error> for Rejected {
    fn from(e: multistatus::Error) -> Self {
        Rejected { what: e.kind().as_str().to_string(), offset: e.offset() }
    }
}

/// Runs `run` on the file named by the one argument that is not a flag, with the flags among
/// `flags` that were given; `usage` is printed when there is not exactly one file or a flag
/// is not one of `flags`.
pub fn main_on_file(
    usage: &str,
    flags: &[&'static str],
    run: impl FnOnce(&[u8], &[&'static str]) -> Result<String, Rejected>,
) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let given: Vec<&'static str> = flags.iter().copied().filter(|f| args.iter().any(|a| a == f)).collect();
    let (named, files): (Vec<&String>, Vec<&String>) = args.iter().partition(|a| a.starts_with("--"));
    let unknown = named.iter().any(|a| !flags.contains(&a.as_str()));
    let ([file], false) = (files.as_slice(), unknown) else {
        eprintln!("usage: {usage}");
        return ExitCode::from(2);
    };
    let body = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    match run(&body, &given) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let pos = multistatus::text_position(&body, e.offset);
            eprintln!("error: {} at line {}, column {} (byte {})", e.what, pos.line, pos.column, e.offset);
            ExitCode::from(1)
        }
    }
}
