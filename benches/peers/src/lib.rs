//! The benchmark harness of `multistatus` (issue 6): the bodies, the contenders and a counting
//! allocator, shared by the criterion bench (`benches/compare.rs`) and the one-shot binary for
//! callgrind (`src/bin/callgrind_one.rs`). See `benches/README.md` for the results.

pub mod alloc;
pub mod bodies;
pub mod contenders;
