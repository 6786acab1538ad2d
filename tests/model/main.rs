//! The property tests over the shared model of `testkit` (a workspace-only crate, so this test
//! binary stays out of the packaged crate): round trips, split points, lineage. The lint
//! allowances are the same list as `tests/suite/main.rs`'s.
#![allow(
    dead_code,
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::panic_in_result_fn,
    clippy::string_slice,
    clippy::unreachable,
    clippy::arithmetic_side_effects,
    clippy::as_conversions,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::cast_lossless
)]

#[path = "../suite/common.rs"]
mod common;
mod lineage;
mod roundtrip;
mod values;
mod windowed;
