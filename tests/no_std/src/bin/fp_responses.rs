//! The response view over a whole body: each response, its hrefs, propstats and properties.
#![no_std]
#![no_main]

#[path = "../footprint.rs"]
mod footprint;
#[path = "../parses.rs"]
mod parses;

use multistatus::{Options, Responses};

fn work() -> i32 {
    let Ok(it) = Responses::<8, 8, 256>::with_options(parses::SMALL, Options::default()) else { return 1 };
    let (mut responses, mut properties) = (0, 0);
    for r in it {
        let Ok(r) = r else { return 2 };
        responses += 1;
        let mut propstats = r.propstats();
        while let Some(ps) = propstats.next() {
            let Ok(ps) = ps else { return 5 };
            for p in ps.properties() {
                let Ok(p) = p else { return 3 };
                properties += usize::from(!p.name().local().is_empty());
            }
        }
    }
    if responses == 3 && properties == 7 { 0 } else { 4 }
}

#[unsafe(no_mangle)]
pub extern "C" fn main(_argc: i32, _argv: *const *const u8) -> i32 {
    footprint::report(c"responses", work)
}
