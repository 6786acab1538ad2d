//! The baseline of the footprint table: the runtime and the measurement, no part of the
//! library; and the measurement checked on a frame of a known size.
#![no_std]
#![no_main]

#[path = "../footprint.rs"]
mod footprint;

fn work() -> i32 {
    core::hint::black_box(0)
}

/// The size of the local that `calibration` writes: the measurement must find at least this
/// much stack, and not much more (footprint.sh checks it).
const CALIBRATION: usize = 4096;

fn calibration() -> i32 {
    let mut area = [0u8; CALIBRATION];
    for (i, b) in area.iter_mut().enumerate() {
        // SAFETY: a write to a byte of a local array; volatile so that it stays.
        unsafe { core::ptr::write_volatile(b, i as u8) };
    }
    i32::from(core::hint::black_box(&area).iter().all(|&b| b == 0))
}

#[unsafe(no_mangle)]
pub extern "C" fn main(_argc: i32, _argv: *const *const u8) -> i32 {
    match footprint::report(c"empty", work) {
        0 => footprint::report(c"calibration", calibration),
        e => e,
    }
}
