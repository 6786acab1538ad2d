//! The event level, whole-body and through a window (`WindowParser<8, 8, 256>` and a 1 KiB
//! buffer): the row's peak stack is the windowed parse's.
#![no_std]
#![no_main]

#[path = "../footprint.rs"]
mod footprint;
#[path = "../parses.rs"]
mod parses;

#[unsafe(no_mangle)]
pub extern "C" fn main(_argc: i32, _argv: *const *const u8) -> i32 {
    match footprint::report(c"events", parses::events) {
        0 => footprint::report(c"windowed", parses::windowed),
        e => e,
    }
}
