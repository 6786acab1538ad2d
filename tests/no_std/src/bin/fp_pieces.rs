//! The event level, whole-body and through a window in pieces mode (`WindowParser<8, 8, 256>`,
//! `in_pieces`, and a 1 KiB buffer: what a client short of RAM links): the row's peak stack is
//! the windowed parse's.
#![no_std]
#![no_main]

#[path = "../footprint.rs"]
mod footprint;
#[path = "../parses.rs"]
mod parses;

#[unsafe(no_mangle)]
pub extern "C" fn main(_argc: i32, _argv: *const *const u8) -> i32 {
    match footprint::report(c"events", parses::events) {
        0 => footprint::report(c"pieces", parses::windowed_pieces),
        e => e,
    }
}
