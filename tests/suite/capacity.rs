//! The response view's capacities are a speed knob, not a limit (issue 19, item 2): hrefs and
//! propstats past `H` and `P` are read again from the body, by the same grammar, and a valid
//! body never fails for want of room (`ErrorKind::ResponseLimit` no longer comes).

use crate::common;

use multistatus::{DAV, ErrorKind, Options, Response, Responses, responses};

/// What the response view gives at one href and one propstat kept per response, and at room
/// for all: the same (hrefs, statuses, every property's name and value, errors,
/// descriptions), and the same as the event level where the event level reads it.
fn same_at_every_capacity(body: &[u8], what: &str) {
    for options in [Options::lenient(), Options::strict()] {
        let small = common::read_responses_in::<1, 1>(body, options);
        let large = common::read_responses_in::<256, 256>(body, options);
        let events = common::read_with(body, options);
        assert_eq!(small, large, "{what} {options:?}");
        if let Err(e) = &small {
            assert_ne!(e.kind(), ErrorKind::ResponseLimit, "{what}");
        }
        if events.is_ok() {
            assert_eq!(small, events, "{what} {options:?}: the event level");
        }
    }
}

#[test]
fn every_corpus_body_and_fixture_reads_the_same_at_one_href_and_one_propstat() {
    let files: Vec<_> = common::corpus_files("capacity").into_iter().chain(common::fixture_files()).collect();
    let mut past = 0;
    for f in &files {
        let body = std::fs::read(f).unwrap();
        same_at_every_capacity(&body, &f.display().to_string());
        // Count the bodies that go past the small capacities (the test tests something).
        if let Ok(rs) = Responses::<'_, 32, 32, 2048, 1, 1>::with_options(&body, Options::default()) {
            past += rs
                .filter_map(Result::ok)
                .filter(|r| r.propstats().count().unwrap() > 1 || r.hrefs().count() > 1)
                .count();
        }
    }
    assert!(past > 0, "no response past one href or one propstat in {} files", files.len());
}

/// A PROPPATCH answer with five outcomes: five propstats (the fifth without status, under the
/// quirk), one more than the default capacity `P = 4`.
fn proppatch_five() -> String {
    let ps = |prop: &str, status: &str, extra: &str| {
        format!("<D:propstat><D:prop>{prop}</D:prop>{status}{extra}</D:propstat>")
    };
    let st = |s: &str| format!("<D:status>HTTP/1.1 {s}</D:status>");
    [
        ps("<D:displayname/>", &st("403 Forbidden"), "<D:error><D:cannot-modify-protected-property/></D:error>"),
        ps("<X:a xmlns:X=\"urn:x\"/>", &st("409 Conflict"), "<D:responsedescription>no</D:responsedescription>"),
        ps("<X:b xmlns:X=\"urn:x\"/><X:c xmlns:X=\"urn:x\"/>", &st("424 Failed Dependency"), ""),
        ps("<D:getcontentlanguage/>", &st("507 Insufficient Storage"), ""),
        ps("<Y:d xmlns:Y=\"urn:y\">v</Y:d><D:getetag>\"e\"</D:getetag>", &st("200 OK"), ""),
    ]
    .iter()
    .fold(String::from("<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/f</D:href>"), |b, p| b + p)
        + "<D:propstat><D:prop><Y:e xmlns:Y=\"urn:y\"/></D:prop></D:propstat>\
           <D:responsedescription>five</D:responsedescription></D:response></D:multistatus>"
}

#[test]
fn proppatch_answer_with_six_propstats_reads_at_the_default_capacities() {
    let body = proppatch_five();
    let r = responses(body.as_bytes()).unwrap().next().unwrap().unwrap();
    let codes: Vec<_> = common::propstats_of(&r).iter().map(|ps| ps.status().map(|s| s.code())).collect();
    assert_eq!(codes, [Some(403), Some(409), Some(424), Some(507), Some(200), None]);
    // Past the fourth: the property, its status, its propstat, as for a kept one.
    assert!(r.property("urn:y", "d").unwrap().unwrap().text().unwrap().eq_str("v"));
    assert!(r.property(DAV, "getetag").unwrap().unwrap().text().unwrap().eq_str("\"e\""));
    assert_eq!(r.property_status(DAV, "getetag").unwrap().unwrap().code(), 200);
    assert_eq!(r.property_status("urn:x", "c").unwrap().unwrap().code(), 424);
    let sixth = r.propstat_of("urn:y", "e").unwrap().unwrap();
    assert!(sixth.status().is_none() && sixth.len() == 1);
    assert!(r.property_status("urn:y", "e").unwrap().is_none());
    assert!(r.property("urn:y", "e").unwrap().is_none());
    assert_eq!(r.description().unwrap().raw(), "five");
    assert_eq!(r.quirks().len(), 1);
    let all = common::propstats_of(&r);
    let first = &all[0];
    assert!(first.error().unwrap().raw().contains("cannot-modify"));
    same_at_every_capacity(body.as_bytes(), "proppatch");
}

#[test]
fn status_form_with_many_hrefs_reads_them_all() {
    let hrefs: String = (0..100).map(|i| format!("<D:href> /r/{i} </D:href>")).collect();
    let body = format!(
        "<D:multistatus xmlns:D=\"DAV:\"><D:response>{hrefs}<D:status>HTTP/1.1 423 Locked</D:status>\
         </D:response></D:multistatus>"
    );
    let mut rs = responses(body.as_bytes()).unwrap();
    let r = rs.next().unwrap().unwrap();
    let got: Vec<_> = r.hrefs().map(|h| h.unwrap().raw().to_string()).collect();
    let want: Vec<_> = (0..100).map(|i| format!("/r/{i}")).collect();
    assert_eq!(got, want);
    assert_eq!(r.href().unwrap().raw(), "/r/0");
    assert_eq!(r.status().unwrap().code(), 423);
    assert!(r.propstats().next().is_none());
    assert!(rs.next().is_none() && rs.is_done());
    // No href kept at all: the first is read again too.
    let mut rs = Responses::<'_, 32, 32, 2048, 0, 0>::with_options(body.as_bytes(), Options::default()).unwrap();
    let r: Response<'_, 32, 32, 2048, 0, 0> = rs.next().unwrap().unwrap();
    assert_eq!(r.href().unwrap().raw(), "/r/0");
    assert_eq!(r.hrefs().count(), 100);
    same_at_every_capacity(body.as_bytes(), "hrefs");
}

#[test]
fn responses_past_the_capacity_read_their_own_items_again() {
    // Several responses past the capacities, declarations on the response and propstat tags:
    // each reads its own again, with the bindings in force there.
    let resp = |i: usize| {
        format!(
            "<D:response xmlns:R=\"urn:r{i}\"><D:href>/{i}</D:href><D:propstat xmlns:S=\"urn:s\"><D:prop>\
             <R:a>{i}</R:a></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat><D:propstat><D:prop>\
             <R:b/><S:c/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat></D:response>"
        )
    };
    let body = format!(
        "<D:multistatus xmlns:D=\"DAV:\" xmlns:S=\"urn:root\">{}</D:multistatus>",
        (0..3).map(resp).collect::<String>()
    );
    let mut rs = Responses::<'_, 32, 32, 2048, 1, 1>::with_options(body.as_bytes(), Options::default()).unwrap();
    for i in 0..3 {
        let r = rs.next().unwrap().unwrap();
        let second = common::propstats_of(&r).remove(1);
        let names: Vec<_> = second.properties().map(|p| p.unwrap().name().to_string()).collect();
        assert_eq!(names, [format!("{{urn:r{i}}}b"), "{urn:root}c".to_string()]);
        assert_eq!(r.property_status(&format!("urn:r{i}"), "b").unwrap().unwrap().code(), 404);
    }
    same_at_every_capacity(body.as_bytes(), "responses");
}

/// Reading all propstats (and hrefs) of a response with `n` of them past the capacity: one
/// parser over the response, not one per item (that would be quadratic: minutes at this
/// size). The deadline makes it fail instead of hang; timings are measured, not asserted.
#[test]
fn reading_many_items_past_the_capacity_is_linear() {
    let n = 40_000;
    let (props, hrefs) = common::within(60, "propstats and hrefs past the capacity", move || {
        let ps = "<D:propstat><D:prop><D:p>x</D:p></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>";
        let body = format!(
            "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/</D:href>{}</D:response>\
             <D:response>{}<D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>",
            ps.repeat(n),
            "<D:href>/h</D:href>".repeat(n)
        );
        let mut rs = Responses::<'_, 32, 32, 2048, 1, 1>::with_options(body.as_bytes(), Options::default()).unwrap();
        let r = rs.next().unwrap().unwrap();
        let mut props = 0;
        for ps in common::propstats_of(&r) {
            for p in ps.properties() {
                assert!(p.unwrap().name().is_dav("p"));
                props += 1;
            }
        }
        let r = rs.next().unwrap().unwrap();
        (props, r.hrefs().map(Result::unwrap).filter(|h| h.raw() == "/h").count())
    });
    assert_eq!((props, hrefs), (n, n));
}
