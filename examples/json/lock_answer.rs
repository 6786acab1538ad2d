//! The JSON shape of `dump` for a LOCK answer (a `DAV:prop` root holding `lockdiscovery`,
//! RFC 4918 §9.10), one object:
//!
//! ```text
//! {"kind": "lock",
//!  "locks": [{"scope": "exclusive", "type": "write", "depth": "infinity",
//!             "owner": "<D:href>http://example.org/~ejw/contact.html</D:href>",
//!             "timeout": 604800, "token": "urn:uuid:e71d4fae-5dec-22d6-fea5-00a0c91e6be4",
//!             "root": "http://example.com/workspace/webdav/proposal.doc"}]}
//! ```
//!
//! - `locks`: the active locks of `lockdiscovery`, in document order, as
//!   `multistatus::props::lock_discovery` reads them;
//! - `scope`: `"exclusive"` or `"shared"`; `type`: `"write"`, or another type's Clark name;
//!   `depth`: `"0"`, `"1"` or `"infinity"`;
//! - `owner`: the `owner` element's inner XML as sent, or `null`;
//! - `timeout`: seconds, `"infinite"`, or `null`;
//! - `token`: the first `locktoken` href, `root`: the `lockroot` href (trimmed), or `null`.

use multistatus::Text;
use multistatus::lock_answer::LockAnswer;
use multistatus::props::{Depth, LockScope, LockType, PropError, Timeout};

use crate::json::json_str;

/// What can go wrong: the body, or the `lockdiscovery` value.
pub enum LockError {
    /// The body is not a LOCK answer.
    Body(multistatus::Error),
    /// Its `lockdiscovery` is malformed.
    Value(PropError),
}

fn string(s: Option<&str>) -> String {
    let mut out = String::new();
    match s {
        Some(s) => json_str(&mut out, s),
        None => out.push_str("null"),
    }
    out
}

fn text(t: Option<Text<'_>>) -> String {
    string(t.map(|t| t.to_string()).as_deref())
}

/// The JSON object of the LOCK answer `body`.
pub fn lock_answer(body: &[u8]) -> Result<String, LockError> {
    let answer = LockAnswer::parse(body).map_err(LockError::Body)?;
    let mut locks = Vec::new();
    for l in answer.locks().map_err(LockError::Value)? {
        let scope = match l.scope() {
            LockScope::Exclusive => "exclusive",
            LockScope::Shared => "shared",
        };
        let lock_type = match l.lock_type() {
            LockType::Write => "write".to_string(),
            LockType::Other(n) => n.to_string(),
        };
        let depth = match l.depth() {
            Depth::Zero => "0",
            Depth::One => "1",
            Depth::Infinity => "infinity",
        };
        let timeout = match l.timeout() {
            Some(Timeout::Seconds(s)) => s.to_string(),
            Some(Timeout::Infinite) => "\"infinite\"".to_string(),
            None => "null".to_string(),
        };
        locks.push(format!(
            "{{\"scope\": {}, \"type\": {}, \"depth\": {}, \"owner\": {}, \"timeout\": {timeout}, \"token\": {}, \
             \"root\": {}}}",
            string(Some(scope)),
            string(Some(&lock_type)),
            string(Some(depth)),
            string(l.owner().map(|o| o.inner_raw())),
            text(l.lock_token()),
            text(l.lock_root()),
        ));
    }
    Ok(format!("{{\"kind\": \"lock\",\n \"locks\": [{}]}}", locks.join(",\n  ")))
}
