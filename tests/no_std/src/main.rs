//! Links `multistatus` into a `#![no_std]` binary without an allocator, parses a body at both
//! levels and checks what it read. Exit status 0 when right, 1-4 when not.
#![no_std]
#![no_main]

use core::panic::PanicInfo;

use multistatus::{Event, Parser, responses};

#[panic_handler]
fn panic(_: &PanicInfo<'_>) -> ! {
    loop {}
}

// The C runtime (start files, `exit`) comes from libc on this host.
#[link(name = "c")]
unsafe extern "C" {}

#[unsafe(no_mangle)]
pub extern "C" fn rust_eh_personality() {}

const BODY: &[u8] = br#"<?xml version="1.0" encoding="utf-8"?>
<d:multistatus xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/">
  <d:response><d:href>/cal/</d:href>
    <d:propstat><d:prop><d:displayname>Work &amp; more</d:displayname><cs:getctag>"42"</cs:getctag></d:prop>
      <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
    <d:propstat><d:prop><d:getetag/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
  </d:response>
  <d:response><d:href>/cal/a.ics</d:href><d:status>HTTP/1.1 208 Already Reported</d:status></d:response>
  <d:sync-token>http://example.com/sync/7</d:sync-token>
</d:multistatus>"#;

fn check() -> i32 {
    let Ok(parser) = Parser::new(BODY) else { return 1 };
    let mut properties = 0;
    for ev in parser {
        match ev {
            Ok(Event::Property(_)) => properties += 1,
            Ok(_) => {}
            Err(_) => return 2,
        }
    }
    let Ok(it) = responses(BODY) else { return 1 };
    let mut codes = [0u16; 3];
    let mut n = 0;
    for r in it {
        let Ok(r) = r else { return 3 };
        let mut propstats = r.propstats();
        while let Some(ps) = propstats.next() {
            let Ok(ps) = ps else { return 4 };
            if let (Some(s), Some(slot)) = (ps.status(), codes.get_mut(n)) {
                *slot = s.code();
                n += 1;
            }
        }
        if let (Some(s), Some(slot)) = (r.status(), codes.get_mut(n)) {
            *slot = s.code();
            n += 1;
        }
    }
    let mut buf = [0u8; 32];
    let name_ok = match responses(BODY).ok().and_then(|mut it| it.next()).and_then(Result::ok) {
        Some(r) => r
            .propstats()
            .next()
            .and_then(Result::ok)
            .and_then(|ps| ps.properties().next())
            .and_then(Result::ok)
            .is_some_and(|p| p.text().and_then(|t| t.unescape_into(&mut buf).ok()) == Some("Work & more")),
        None => false,
    };
    if properties == 3 && codes == [200, 404, 208] && name_ok { 0 } else { 4 }
}

#[unsafe(no_mangle)]
pub extern "C" fn main(_argc: i32, _argv: *const *const u8) -> i32 {
    check()
}
