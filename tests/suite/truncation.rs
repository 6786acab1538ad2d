//! Truncation sweep: every prefix of a valid body (every byte, even inside a UTF-8 sequence; a stride for bodies
//! over 64 KiB) that ends before the root's end tag is rejected as truncated
//! (`UnexpectedEof`, or `NoRootElement` for a prefix of white space); a prefix that is
//! accepted (it can only end after the root) reads exactly as the whole body; never a panic.

use crate::common;

use std::path::Path;

use multistatus::ErrorKind;

/// Byte offset just after the last `>`: the root's end tag or markup after it.
fn last_markup_end(body: &[u8]) -> usize {
    body.iter().rposition(|&b| b == b'>').map_or(0, |i| i + 1)
}

fn sweep(path: &Path, body: &[u8]) -> usize {
    let whole = common::read(body).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let end = last_markup_end(body);
    let stride = if body.len() > 64 * 1024 { body.len() / 997 + 1 } else { 1 };
    let mut checked = 0;
    let mut cut = 0;
    while cut < body.len() {
        {
            let prefix = &body[..cut];
            match common::read(prefix) {
                Ok(r) => {
                    assert_eq!(r, whole, "{}: prefix of {cut} bytes accepted with another result", path.display());
                }
                Err(e) => {
                    let blank = prefix.iter().all(|b| b" \t\r\n".contains(b)) || prefix == b"\xEF\xBB\xBF";
                    let ok_kind =
                        e.kind() == ErrorKind::UnexpectedEof || (blank && e.kind() == ErrorKind::NoRootElement);
                    if cut < end {
                        assert!(ok_kind, "{}: prefix of {cut} bytes: {e} (expected truncation)", path.display());
                        assert!(e.offset() <= cut);
                    }
                }
            }
            checked += 1;
        }
        cut += if stride == 1 { 1 } else { stride };
    }
    checked
}

#[test]
fn every_prefix_of_every_fixture_is_truncated() {
    let mut n = 0;
    for f in common::fixture_files() {
        n += sweep(&f, &std::fs::read(&f).unwrap());
    }
    eprintln!("truncation: {n} prefixes of fixtures");
}

#[test]
fn every_prefix_of_every_corpus_file_is_truncated() {
    let mut n = 0;
    let mut files = 0;
    for f in common::corpus_files("truncation") {
        let body = std::fs::read(&f).unwrap();
        if common::read(&body).is_err() {
            continue; // quirky files the parser rejects
        }
        n += sweep(&f, &body);
        files += 1;
    }
    eprintln!("truncation: {n} prefixes of {files} corpus files");
}
