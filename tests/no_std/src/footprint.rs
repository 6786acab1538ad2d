//! What the footprint binaries share: the panic handler, the C runtime, a report line, and the
//! peak-stack measurement (stack painting). Each `src/bin/fp_*.rs` includes this file and
//! gives one `work` function: the level it measures. `fp_empty` gives a `work` that uses no
//! part of the library, so a level's code size is its binary's `.text` minus `fp_empty`'s.

use core::panic::PanicInfo;

#[panic_handler]
fn panic(_: &PanicInfo<'_>) -> ! {
    loop {}
}

// The C runtime (start files, `exit`, `printf`) comes from libc on this host.
#[link(name = "c")]
unsafe extern "C" {
    fn printf(format: *const core::ffi::c_char, ...) -> i32;
}

#[unsafe(no_mangle)]
pub extern "C" fn rust_eh_personality() {}

/// How much stack is painted below the measuring frame: more than any level uses.
const PAINTED: usize = 64 * 1024;
const MARK: u8 = 0xA5;

/// Fills `PAINTED` bytes of the stack below the caller's frame with `MARK`; returns the
/// lowest address painted.
#[inline(never)]
fn paint() -> usize {
    let mut area = [0u8; PAINTED];
    for b in area.iter_mut() {
        // SAFETY: a write to a byte of a local array; volatile so it is not optimised away.
        unsafe { core::ptr::write_volatile(b, MARK) };
    }
    core::hint::black_box(&mut area);
    area.as_ptr() as usize
}

/// Runs `work` with the stack painted beneath this frame, and returns its result and the
/// most stack it used: from this frame down to the deepest byte no longer `MARK` (its own
/// frames, and every local it keeps there: parsers, buffers).
#[inline(never)]
fn measure(work: fn() -> i32) -> (i32, usize) {
    let here = 0u8;
    let top = core::hint::black_box(&here) as *const u8 as usize;
    let low = paint();
    let result = core::hint::black_box(work)();
    let mut deepest = low;
    while deepest < top {
        // SAFETY: `low..top` is this thread's stack, mapped by `paint` (below the live frames
        // now: read as plain bytes, never as a value of another type).
        if unsafe { core::ptr::read_volatile(deepest as *const u8) } != MARK {
            break;
        }
        deepest += 1;
    }
    (result, top - deepest)
}

/// Measures `work`, prints `NAME stack BYTES` and returns its result as the exit status.
pub fn report(name: &core::ffi::CStr, work: fn() -> i32) -> i32 {
    let (result, stack) = measure(work);
    // SAFETY: a C format string with one `%s` (a C string) and one `%lu` (an unsigned long).
    unsafe { printf(c"%s stack %lu\n".as_ptr(), name.as_ptr(), stack as core::ffi::c_ulong) };
    result
}
