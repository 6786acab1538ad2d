//! Two readings of a multistatus body as plain owned values: ours (from the parser's events)
//! and a reference one built on roxmltree's DOM. `differential` compares them.
//!
//! Hrefs, status lines, locations and sync tokens are compared as unescaped values with XML
//! white space trimmed from both ends: the parser trims them by value (white space from a
//! reference, in CDATA or beside a comment at an end goes too; fuzz finding 5), the reference
//! reading trims roxmltree's string value.

use multistatus::{Event, Options, Parser};
use roxmltree::Node;

/// One property: Clark name, attributes (Clark name, value), text when it has no child element.
#[derive(Debug, PartialEq, Eq)]
pub struct Prop {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub text: Option<String>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct PropStatReading {
    pub status: Option<String>,
    pub props: Vec<Prop>,
    pub description: Option<String>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct ResponseReading {
    pub hrefs: Vec<String>,
    pub status: Option<String>,
    pub propstats: Vec<PropStatReading>,
    pub description: Option<String>,
    pub location: Option<String>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Reading {
    pub responses: Vec<ResponseReading>,
    pub description: Option<String>,
    pub sync_token: Option<String>,
}

fn trim(s: &str) -> String {
    s.trim_matches([' ', '\t', '\r', '\n']).to_owned()
}

/// Our reading, with strict options; `Err` is our error.
pub fn ours(body: &[u8]) -> Result<Reading, multistatus::Error> {
    let parser = Parser::<'_, 32, 32, 2048>::with_options(body, Options::strict())?;
    let mut r = Reading::default();
    let (mut in_response, mut in_propstat) = (false, false);
    for ev in parser {
        let ev = ev?;
        let cur = r.responses.last_mut().filter(|_| in_response);
        match ev {
            Event::ResponseStart { .. } => {
                in_response = true;
                r.responses.push(ResponseReading::default());
            }
            Event::ResponseEnd => in_response = false,
            Event::PropStatStart { .. } => {
                in_propstat = true;
                cur.expect("propstat in a response").propstats.push(PropStatReading::default());
            }
            Event::PropStatEnd => in_propstat = false,
            Event::Href(t) => cur.expect("href in a response").hrefs.push(t.to_string()),
            Event::Location(t) => cur.expect("location in a response").location = Some(t.to_string()),
            Event::Status(s) => {
                let cur = cur.expect("status in a response");
                let v = Some(s.text().to_string());
                match cur.propstats.last_mut() {
                    Some(ps) if in_propstat => ps.status = v,
                    _ => cur.status = v,
                }
            }
            Event::Property(e) => {
                let ps = cur.and_then(|c| c.propstats.last_mut()).filter(|_| in_propstat);
                ps.expect("property in a propstat").props.push(Prop {
                    name: e.name().to_string(),
                    attributes: e.attributes().map(|a| (a.name.to_string(), a.value.to_string())).collect(),
                    text: e.text().map(|t| t.to_string()),
                });
            }
            Event::Description(t) => {
                let v = Some(t.to_string());
                match cur {
                    Some(c) if in_propstat => c.propstats.last_mut().expect("propstat").description = v,
                    Some(c) => c.description = v,
                    None => r.description = v,
                }
            }
            Event::SyncToken(t) => r.sync_token = Some(t.to_string()),
            _ => {}
        }
    }
    Ok(r)
}

/// Whether `n` is `{DAV:}local`.
fn is_dav(n: &Node<'_, '_>, local: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some("DAV:") && n.tag_name().name() == local
}

fn elements<'a, 'i>(n: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(Node::is_element)
}

/// The string value: the text of every descendant text node (CDATA included), in order.
fn string_value(n: Node<'_, '_>) -> String {
    n.descendants().filter(Node::is_text).filter_map(|t| t.text()).collect()
}

/// Clark notation; roxmltree reports the namespace of `xmlns=""` as `Some("")`: no namespace.
fn clark(ns: Option<&str>, local: &str) -> String {
    match ns.filter(|u| !u.is_empty()) {
        Some(u) => format!("{{{u}}}{local}"),
        None => local.to_owned(),
    }
}

/// The reference reading of a document that we accepted (so the multistatus grammar holds:
/// the reading only picks the values out).
pub fn reference(doc: &roxmltree::Document<'_>) -> Reading {
    let mut r = Reading::default();
    for c in elements(doc.root_element()) {
        if is_dav(&c, "response") {
            r.responses.push(response(c));
        } else if is_dav(&c, "responsedescription") {
            r.description = Some(string_value(c));
        } else if is_dav(&c, "sync-token") {
            r.sync_token = Some(trim(&string_value(c)));
        }
    }
    r
}

fn response(n: Node<'_, '_>) -> ResponseReading {
    let mut r = ResponseReading::default();
    for c in elements(n) {
        match c.tag_name().name() {
            "href" if is_dav(&c, "href") => r.hrefs.push(trim(&string_value(c))),
            "status" if is_dav(&c, "status") => r.status = Some(trim(&string_value(c))),
            "responsedescription" if is_dav(&c, "responsedescription") => r.description = Some(string_value(c)),
            "location" if is_dav(&c, "location") => {
                r.location = elements(c).find(|h| is_dav(h, "href")).map(|h| trim(&string_value(h)));
            }
            "propstat" if is_dav(&c, "propstat") => r.propstats.push(propstat(c)),
            _ => {}
        }
    }
    r
}

fn propstat(n: Node<'_, '_>) -> PropStatReading {
    let mut ps = PropStatReading::default();
    for c in elements(n) {
        if is_dav(&c, "status") {
            ps.status = Some(trim(&string_value(c)));
        } else if is_dav(&c, "responsedescription") {
            ps.description = Some(string_value(c));
        } else if is_dav(&c, "prop") {
            for p in elements(c) {
                ps.props.push(Prop {
                    name: clark(p.tag_name().namespace(), p.tag_name().name()),
                    attributes: p
                        .attributes()
                        .map(|a| (clark(a.namespace(), a.name()), a.value().to_owned()))
                        .collect(),
                    text: if elements(p).next().is_some() { None } else { Some(string_value(p)) },
                });
            }
        }
    }
    ps
}

impl Reading {
    /// Whether a property has an attribute named `{uri}xmlns` (a prefixed attribute whose
    /// local name is `xmlns`, `p:xmlns` with `p` bound). roxmltree 0.21 takes such an
    /// attribute for a default namespace declaration (`<x p:xmlns="v"/>` puts `x` in `v`)
    /// and drops it; Namespaces in XML 1.0 §3 reserves the prefix `xmlns`, not the local
    /// name, and expat keeps it as an attribute as we do
    /// (tests/suite/fuzz_regressions.rs, `differential_prefixed_xmlns_attribute_is_kept`).
    pub fn has_prefixed_xmlns(&self) -> bool {
        let prefixed = |(n, _): &(String, String)| n.starts_with('{') && n.ends_with("}xmlns");
        self.responses
            .iter()
            .flat_map(|r| &r.propstats)
            .flat_map(|p| &p.props)
            .any(|x| x.attributes.iter().any(prefixed))
    }

    /// Every string with CR read as LF: for comparing where roxmltree 0.21 keeps a literal CR
    /// next to a reference (`a\r&lt;` reads `a\r<` there; XML 1.0 §2.11 makes it `a\n<`, as we do).
    pub fn cr_as_lf(&self) -> Reading {
        let f = |s: &String| s.replace('\r', "\n");
        let o = |s: &Option<String>| s.as_ref().map(f);
        Reading {
            responses: self
                .responses
                .iter()
                .map(|r| ResponseReading {
                    hrefs: r.hrefs.iter().map(f).collect(),
                    status: o(&r.status),
                    propstats: r
                        .propstats
                        .iter()
                        .map(|p| PropStatReading {
                            status: o(&p.status),
                            props: p
                                .props
                                .iter()
                                .map(|x| Prop {
                                    name: f(&x.name),
                                    attributes: x.attributes.iter().map(|(n, v)| (f(n), f(v))).collect(),
                                    text: o(&x.text),
                                })
                                .collect(),
                            description: o(&p.description),
                        })
                        .collect(),
                    description: o(&r.description),
                    location: o(&r.location),
                })
                .collect(),
            description: o(&self.description),
            sync_token: o(&self.sync_token),
        }
    }
}
