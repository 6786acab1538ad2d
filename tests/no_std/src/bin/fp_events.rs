//! The event level over a whole body: every event, names, texts unescaped.
#![no_std]
#![no_main]

#[path = "../footprint.rs"]
mod footprint;
#[path = "../parses.rs"]
mod parses;

use multistatus::{Event, Options, Parser};

fn work() -> i32 {
    let Ok(parser) = Parser::<8, 8, 256>::with_options(parses::SMALL, Options::default()) else { return 1 };
    let mut buf = [0u8; 64];
    let (mut properties, mut bytes) = (0, 0);
    for ev in parser {
        match ev {
            Ok(Event::Property(p)) => {
                properties += 1;
                bytes +=
                    p.name().local().len() + p.text().and_then(|t| t.unescape_into(&mut buf).ok()).map_or(0, str::len);
            }
            Ok(Event::Href(h)) => bytes += h.raw().len(),
            Ok(Event::Status(s)) => bytes += usize::from(s.code()),
            Ok(_) => {}
            Err(_) => return 2,
        }
    }
    if properties == 7 && bytes > 0 { 0 } else { 3 }
}

#[unsafe(no_mangle)]
pub extern "C" fn main(_argc: i32, _argv: *const *const u8) -> i32 {
    footprint::report(c"events", work)
}
