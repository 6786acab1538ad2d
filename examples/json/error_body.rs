//! The JSON shape of `dump` for a `DAV:error` body (RFC 4918 §16), one object:
//!
//! ```text
//! {"kind": "error",
//!  "conditions": [{"name": "{DAV:}lock-token-submitted", "known": true,
//!                  "hrefs": ["/workspace/webdav/"], "text": null}],
//!  "message": "Invalid sync token", "exception": "Sabre\\DAV\\Exception\\InvalidSyncToken"}
//! ```
//!
//! - `conditions`: every child element of the `error` in document order, sabre/dav's own
//!   elements (namespace `http://sabredav.org/ns`) left out: `name` its Clark name, `known`
//!   whether `multistatus::dav_error` names it (DAV:, CalDAV or CardDAV; otherwise
//!   `Condition::Other`), `hrefs` the values of its `DAV:href` children (trimmed), `text` its
//!   text trimmed when it holds no element and the text is not empty (else `null`);
//! - `message`, `exception`: the text of sabre/dav's `s:message` and `s:exception`, trimmed,
//!   or `null`.

use multistatus::Text;
use multistatus::dav_error::{Condition, ErrorBody};

use crate::json::json_str;

fn string(t: Option<Text<'_>>) -> String {
    let mut out = String::new();
    match t {
        Some(t) => json_str(&mut out, &t.to_string()),
        None => out.push_str("null"),
    }
    out
}

/// The JSON object of the error body `body`.
pub fn error_body(body: &[u8]) -> Result<String, multistatus::Error> {
    let e = ErrorBody::parse(body)?;
    let mut conditions = Vec::new();
    for c in e.conditions() {
        let c = c?;
        let mut name = String::new();
        json_str(&mut name, &c.element().name().to_string());
        let known = !matches!(c.condition(), Condition::Other(_));
        let hrefs = c.hrefs().map(|h| h.map(|h| string(Some(h)))).collect::<Result<Vec<_>, _>>()?;
        let text = c.element().text().map(|t| t.trim()).filter(|t| !t.is_empty());
        conditions.push(format!(
            "{{\"name\": {name}, \"known\": {known}, \"hrefs\": [{}], \"text\": {}}}",
            hrefs.join(", "),
            string(text)
        ));
    }
    Ok(format!(
        "{{\"kind\": \"error\",\n \"conditions\": [{}],\n \"message\": {}, \"exception\": {}}}",
        conditions.join(",\n  "),
        string(e.message()?),
        string(e.exception()?)
    ))
}
