//! A counting global allocator for the bench binaries: allocations per parse and peak heap.
//!
//! A binary installs it with
//! `#[global_allocator] static A: multistatus_benches::alloc::Counting = Counting;`.
//! Counting is off until [`measure`] turns it on, so the throughput runs pay one relaxed load
//! per allocator call and nothing more. Counted: every `alloc`, `alloc_zeroed` and `realloc`
//! (each returns memory the parse asked for); the peak is the most bytes live at once during
//! the measured closure, above what was live when it started.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering::Relaxed};

/// The counting allocator (forwards to [`System`]).
pub struct Counting;

static ON: AtomicBool = AtomicBool::new(false);
static CALLS: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn grow(by: isize) {
    let now = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the
// counters are plain atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if ON.load(Relaxed) {
            CALLS.fetch_add(1, Relaxed);
            grow(layout.size() as isize);
        }
        // SAFETY: forwarded as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if ON.load(Relaxed) {
            CALLS.fetch_add(1, Relaxed);
            grow(layout.size() as isize);
        }
        // SAFETY: forwarded as is.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ON.load(Relaxed) {
            LIVE.fetch_sub(layout.size() as isize, Relaxed);
        }
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if ON.load(Relaxed) {
            CALLS.fetch_add(1, Relaxed);
            grow(new_size as isize - layout.size() as isize);
        }
        // SAFETY: forwarded as is.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Allocation figures of one measured closure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Allocator calls that returned memory (`alloc`, `alloc_zeroed`, `realloc`).
    pub allocations: usize,
    /// The most bytes live at once (above the level at the start).
    pub peak_bytes: usize,
}

/// Runs `f` with counting on (single-threaded use only: the counters are global) and returns
/// its result with the figures. Only meaningful when [`Counting`] is the global allocator.
pub fn measure<R>(f: impl FnOnce() -> R) -> (R, Stats) {
    CALLS.store(0, Relaxed);
    LIVE.store(0, Relaxed);
    PEAK.store(0, Relaxed);
    ON.store(true, Relaxed);
    let r = f();
    ON.store(false, Relaxed);
    let stats = Stats { allocations: CALLS.load(Relaxed), peak_bytes: PEAK.load(Relaxed).max(0) as usize };
    (r, stats)
}
