//! `cargo run --example sync -- FILE`: reads FILE as the answer to an RFC 6578
//! `sync-collection` REPORT and prints one JSON object:
//!
//! ```text
//! {"token": "http://example.com/sync/9", "changed": [["/cal/a.ics", "\"2\""]],
//!  "deleted": ["/cal/b.ics"], "truncated": false}
//! ```
//!
//! - `token`: the `sync-token`, or `null`;
//! - `changed`: `[href, etag]` in document order for every response with a 2xx propstat;
//!   `etag` the `getetag` text trimmed, quotes kept, or `null`;
//! - `deleted`: the hrefs of every status-form response with `404`, in order;
//! - `truncated`: whether a status-form response has `507`.
//!
//! Hrefs are trimmed as the body has them (their XML value), not percent-decoded. Built on
//! `multistatus::sync` (no collection URL is given, so no response is taken for the
//! collection itself). A rejected body prints `error: <what> at line L, column C (byte B)`
//! on stderr and exits 1, with nothing on stdout; usage or I/O errors exit 2.

use std::process::ExitCode;

use multistatus::Text;
use multistatus::sync::{SyncCollection, SyncKind};

mod cli;
#[allow(dead_code)]
mod json;

/// Hrefs and propstats kept per response from the single read (any more are read again).
type Sync<'a> = SyncCollection<'a, 'static, 32, 32, 2048, 8, 16>;

fn string(t: Option<Text<'_>>) -> String {
    let mut out = String::new();
    match t {
        Some(t) => json::json_str(&mut out, &t.to_string()),
        None => out.push_str("null"),
    }
    out
}

fn run(body: &[u8]) -> Result<String, multistatus::Error> {
    let sync = Sync::with_options(body, multistatus::Options::default())?;
    let (mut changed, mut deleted, mut truncated) = (Vec::new(), Vec::new(), false);
    for item in &sync {
        match item?.kind() {
            SyncKind::Changed { href, etag } => changed.push(format!("[{}, {}]", string(Some(href)), string(etag))),
            SyncKind::Removed { href } => deleted.push(string(Some(href))),
            SyncKind::Truncated { .. } => truncated = true,
            _ => {}
        }
    }
    Ok(format!(
        "{{\"token\": {}, \"changed\": [{}], \"deleted\": [{}], \"truncated\": {truncated}}}",
        string(sync.token()?),
        changed.join(", "),
        deleted.join(", "),
    ))
}

fn main() -> ExitCode {
    cli::main_on_file("sync FILE", &[], |body, _| Ok(run(body)? + "\n"))
}
