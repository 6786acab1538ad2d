//! The JSON shape of `dump` for request bodies (issue 18): one object, its `"request"` the
//! root's local name, then the request's parts. Names are Clark names (`{uri}local`, or
//! `local` without a namespace); texts are unescaped; raw XML values are as sent.
//!
//! ```text
//! {"request": "propfind", "selection": "prop" | "allprop" | "propname", "props": [NAME, ...]}
//!     props: prop's children, or include's with allprop ([] for propname)
//! {"request": "propertyupdate", "instructions": [{"op": "set" | "remove", "name": NAME, "value": RAW}, ...]}
//!     in document order; value: the property's inner XML
//! {"request": "lockinfo", "scope": "exclusive" | "shared", "type": "write", "owner": RAW | null}
//! {"request": "sync-collection", "token": TEXT, "level": "1" | "infinite", "limit": N | null, "props": [NAME, ...]}
//! {"request": "calendar-multiget" | "addressbook-multiget",
//!  "selection": "prop" | "allprop" | "propname" | null, "props": [NAME, ...], "hrefs": [TEXT, ...]}
//! ```
//!
//! `dump` prints this when the body is a whole, well-formed XML document whose root is one of
//! these request elements (`body::kind`, `BodyKind::is_request`); anything else is read as a
//! multistatus, whose output is unchanged.

use multistatus::request::{Elements, LockScope, Request, Selection, SyncLevel};
use multistatus::{Error, Text};

use super::json::json_str;

fn string(s: &str) -> String {
    let mut out = String::new();
    json_str(&mut out, s);
    out
}

fn text(t: &Text<'_>) -> String {
    string(&t.to_string())
}

fn names(it: Elements<'_>) -> Result<String, Error> {
    let mut v = Vec::new();
    for e in it {
        v.push(string(&e?.name().to_string()));
    }
    Ok(format!("[{}]", v.join(", ")))
}

fn selection(s: Selection) -> &'static str {
    match s {
        Selection::AllProp => "\"allprop\"",
        Selection::PropName => "\"propname\"",
        Selection::Prop => "\"prop\"",
    }
}

/// The JSON object of a request body (`Request::Other` is not a request: `None`).
pub fn request_json(r: &Request<'_>) -> Result<Option<String>, Error> {
    Ok(Some(match r {
        Request::Propfind(p) => {
            format!(
                "{{\"request\": \"propfind\", \"selection\": {}, \"props\": {}}}",
                selection(p.selection()),
                names(p.props())?
            )
        }
        Request::Proppatch(p) => {
            let mut v = Vec::new();
            for i in p.instructions() {
                let i = i?;
                let op = match i.op {
                    multistatus::request::Op::Set => "set",
                    _ => "remove",
                };
                v.push(format!(
                    "{{\"op\": \"{op}\", \"name\": {}, \"value\": {}}}",
                    string(&i.property.name().to_string()),
                    string(i.property.inner_raw())
                ));
            }
            format!("{{\"request\": \"propertyupdate\", \"instructions\": [{}]}}", v.join(", "))
        }
        Request::LockInfo(l) => {
            let scope = if l.scope() == LockScope::Exclusive { "exclusive" } else { "shared" };
            let owner = l.owner().map_or_else(|| "null".to_string(), |o| string(o.inner_raw()));
            format!("{{\"request\": \"lockinfo\", \"scope\": \"{scope}\", \"type\": \"write\", \"owner\": {owner}}}")
        }
        Request::SyncCollection(s) => {
            let level = if s.level() == SyncLevel::One { "1" } else { "infinite" };
            let limit = s.limit().map_or_else(|| "null".to_string(), |n| n.to_string());
            format!(
                "{{\"request\": \"sync-collection\", \"token\": {}, \"level\": \"{level}\", \"limit\": {limit}, \"props\": {}}}",
                text(&s.token()),
                names(s.props())?
            )
        }
        Request::Multiget(m) => {
            let mut hrefs = Vec::new();
            for h in m.hrefs() {
                hrefs.push(text(&h?));
            }
            format!(
                "{{\"request\": {}, \"selection\": {}, \"props\": {}, \"hrefs\": [{}]}}",
                string(m.root().name().local()),
                m.selection().map_or("null", selection),
                names(m.props())?,
                hrefs.join(", ")
            )
        }
        _ => return Ok(None),
    }))
}
