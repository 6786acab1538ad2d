//! The windowed event level alone, in pieces mode (`WindowParser<8, 8, 256>`, `in_pieces`,
//! a 1 KiB buffer), no whole-body parser: what a client short of RAM and flash links.
#![no_std]
#![no_main]

#[path = "../footprint.rs"]
mod footprint;
#[path = "../parses.rs"]
mod parses;

#[unsafe(no_mangle)]
pub extern "C" fn main(_argc: i32, _argv: *const *const u8) -> i32 {
    footprint::report(c"windowonly", parses::windowed_pieces)
}
