//! The corpus (`$MULTISTATUS_CORPUS`, `../shared/corpus` in CI): every file outside `quirky/`
//! parses, at both levels, with the same reading; every `quirky/` file meets its decision
//! (docs/parsing.md, "Quirky bodies").

use crate::common;

use multistatus::{ErrorKind, Options, Parser, QuirkKind};

/// What the default options do with a quirky body.
#[derive(Clone, Copy, Debug)]
enum Decision {
    /// Accepted, tolerating exactly these quirks (strict options reject it with `strict`).
    Accept(&'static [QuirkKind], Option<ErrorKind>),
    /// Rejected with this error kind (and rejected by strict options too).
    Reject(ErrorKind),
}

use Decision::{Accept, Reject};
use ErrorKind as E;
use QuirkKind as Q;

/// The decision for every file under `quirky/`; docs/parsing.md gives the reasons.
const QUIRKY: &[(&str, Decision)] = &[
    (
        "captured-local/lighttpd-mod-webdav/proppatch-protected-property.xml",
        Accept(&[Q::UnboundDavPrefix], Some(E::UnboundPrefix)),
    ),
    ("dav4jvm/parseresponse-collection-href-gets-trailing-slash.xml", Reject(E::UnexpectedEof)),
    ("dav4jvm/parseresponse-multiple-propstats.xml", Reject(E::UnexpectedEof)),
    ("dav4jvm/parseresponse-non-collection-href-unchanged.xml", Reject(E::UnexpectedEof)),
    ("dav4jvm/parseresponse-relation-member.xml", Reject(E::UnexpectedEof)),
    ("dav4jvm/parseresponse-relation-other.xml", Reject(E::UnexpectedEof)),
    ("dav4jvm/parseresponse-relation-self.xml", Reject(E::UnexpectedEof)),
    ("dav4jvm/parseresponse-without-href-returns-null.xml", Reject(E::MissingHref)),
    ("dav4jvm/propfind-invalid-propstat-status-assumed-ok.xml", Reject(E::InvalidStatus)),
    ("dav4jvm/propfind-invalid-response-status-mapped-to-500.xml", Reject(E::InvalidStatus)),
    (
        "dav4jvm/propfind-propstat-without-status-assumes-200-ok.xml",
        Accept(&[Q::PropstatWithoutStatus], Some(E::MissingPropstatStatus)),
    ),
    (
        "dav4jvm/search-request-body-and-response.xml",
        Accept(&[Q::PropstatWithoutStatus], Some(E::MissingPropstatStatus)),
    ),
    ("dav4jvm/testparse-invalidproperty.xml", Accept(&[], None)),
    ("dav4jvm/testparse-validproperty.xml", Accept(&[], None)),
    ("k9mail-webdav/exchange-style-propfind-special-folders.xml", Reject(E::MissingHref)),
    ("k9mail-webdav/exchange-style-search-folders.xml", Reject(E::MissingHref)),
    ("lambdabaa-dav/calendar-query.xml", Reject(E::UnboundPrefix)),
    ("neon/lock-lockdiscovery-invalid-xml.xml", Reject(E::MalformedMarkup)),
    ("neon/props-regress-format-string-status.xml", Reject(E::InvalidResponse)),
    ("neon/props-regress-href-inside-prop.xml", Reject(E::MissingHref)),
    ("neon/props-regress-truncated-status-format-string.xml", Reject(E::InvalidStatus)),
    ("neon/props-regress-unclosed-response.xml", Reject(E::InvalidResponse)),
    ("neon/twooh7-incomplete-responses-ignored.xml", Reject(E::MissingHref)),
    ("neon/twooh7-propstat-and-response-status-both.xml", Reject(E::InvalidResponse)),
    ("neon/twooh7-propstat-empty-status-element.xml", Reject(E::InvalidStatus)),
    ("neon/twooh7-propstats-without-prop-multiple.xml", Accept(&[Q::PropstatWithoutProp], Some(E::MissingProp))),
    ("neon/twooh7-random-elements-and-cdata-intermingled.xml", Reject(E::UnexpectedText)),
    ("neon/twooh7-response-href-only.xml", Accept(&[Q::ResponseWithoutStatus], Some(E::MissingStatus))),
    ("nextcloud-desktop/testparserbrokenxml-leading-x.xml", Reject(E::TextOutsideRoot)),
    ("nextcloud-desktop/testparsertruncatedxml.xml", Reject(E::UnexpectedEof)),
    ("python-caldav/doctype-internal-entity-xxe.xml", Reject(E::DoctypeNotAllowed)),
    ("python-caldav/xml-wrapped-absolute-url-calendar-home-set.xml", Reject(E::NotMultistatus)),
    ("python-caldav/xml-wrapped-date-search-empty-props.xml", Reject(E::NotMultistatus)),
    ("rfc2518/rfc2518-8.1.1-example-retrieving-named-properties.xml", Reject(E::UnboundPrefix)),
    ("rfc3253/rfc3253-7.1.1-update-example-missing-end-tag.xml", Reject(E::UnexpectedEof)),
    ("sardine/alfresco-double-prefix-lockscope.xml", Reject(E::MalformedMarkup)),
    ("sardine/empty-response-href-only.xml", Accept(&[Q::ResponseWithoutStatus], Some(E::MissingStatus))),
    ("vdirsyncer/xml-utilities-response-without-href.xml", Reject(E::MissingHref)),
    ("webdav-client-js/propfind-attributes.xml", Reject(E::MalformedMarkup)),
    ("webdav-client-js/search-truncated.xml", Reject(E::UnboundPrefix)),
    ("webdavclient-cs/bad-creationdate-format.xml", Accept(&[], None)),
    ("webdavclient-cs/href-not-a-uri.xml", Accept(&[], None)),
    ("webdavclient-cs/propstat-without-prop.xml", Accept(&[Q::PropstatWithoutProp], Some(E::MissingProp))),
    ("webdavclient-cs/status-not-a-status-line.xml", Reject(E::InvalidStatus)),
];

fn quirks_seen(body: &[u8]) -> Result<Vec<QuirkKind>, multistatus::Error> {
    let mut p = Parser::new(body)?;
    for ev in p.by_ref() {
        ev?;
    }
    Ok(QuirkKind::ALL.into_iter().filter(|&k| p.quirks().count(k) > 0).collect())
}

#[test]
fn every_corpus_file_outside_quirky_parses_at_both_levels() {
    let files = common::corpus_files("corpus");
    let mut n = 0;
    for f in files.iter().filter(|f| !common::is_quirky(f)) {
        let body = std::fs::read(f).unwrap();
        let events = common::read(&body).unwrap_or_else(|e| {
            panic!("{}: {e} at {}", f.display(), e.position(&body));
        });
        let views = common::read_responses(&body, Options::default()).unwrap();
        assert_eq!(events, views, "{}: event and response levels disagree", f.display());
        // None of them needs a quirk: strict options read them identically.
        let strict =
            common::read_with(&body, Options::strict()).unwrap_or_else(|e| panic!("{}: strict: {e}", f.display()));
        assert_eq!(events, strict, "{}", f.display());
        n += 1;
    }
    eprintln!("corpus: {n} files outside quirky/ parsed at both levels, strict and default");
    if !files.is_empty() {
        assert!(n >= 290, "only {n} files");
    }
}

#[test]
fn every_quirky_file_meets_its_decision() {
    let Some(dir) = common::corpus_dir("corpus") else { return };
    let quirky = dir.join("quirky");
    let files = common::xml_files(&quirky);
    assert_eq!(files.len(), QUIRKY.len(), "a quirky file has no decision (or a decision no file)");
    for (name, decision) in QUIRKY {
        let path = quirky.join(name);
        let body = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let default = quirks_seen(&body);
        let strict = common::read_with(&body, Options::strict());
        match *decision {
            Accept(quirks, strict_error) => {
                let seen = default.unwrap_or_else(|e| panic!("{name}: rejected with {e}"));
                assert_eq!(seen, quirks, "{name}: quirks");
                common::read(&body).unwrap();
                match strict_error {
                    None => assert!(strict.is_ok(), "{name}: strict {strict:?}"),
                    Some(k) => assert_eq!(strict.map_err(|e| e.kind()).err(), Some(k), "{name}: strict"),
                }
            }
            Reject(kind) => {
                let e = default.expect_err(name);
                assert_eq!(e.kind(), kind, "{name}: {e}");
                assert!(e.offset() <= body.len());
                // Strict options reject it too (possibly first at a quirk that the default
                // tolerates, so not always with the same kind).
                assert!(strict.is_err(), "{name}: strict accepted it");
            }
        }
    }
    eprintln!("corpus: {} quirky files met their decisions", QUIRKY.len());
}
