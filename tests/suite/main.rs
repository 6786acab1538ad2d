//! The integration tests, one module per subject, in one test binary (one link, and one home
//! for what test code may do that the library may not).
//!
//! The library denies the panic-free lints (`Cargo.toml`, `[lints.clippy]`); test code
//! unwraps, indexes and panics on purpose, so it allows them here, once, for every module.
//! `tests/model/` (the property tests over the shared `testkit` model, which stay out of the
//! packaged crate) is the one other test binary, with the same list.
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

mod api_use_regressions;
#[cfg(feature = "embedded-io-async")]
mod async_source;
mod attribute_spans;
mod capacity;
mod common;
mod corpus;
mod dates;
mod declaration_after_s;
mod decode_speed_helpers;
mod differential;
mod error_bodies;
#[cfg(feature = "embedded-io")]
mod error_positions;
mod fuzz_regressions;
mod href_regressions;
mod liveprop_regressions;
mod no_alloc;
mod other_bodies_regressions;
mod pieces_readers;
mod props;
mod real_bodies_regressions;
mod redesign;
mod reliability;
mod requests;
mod rules;
mod sizes;
mod sync;
mod truncation;
mod view_regressions;
mod views;
mod window_pieces;
mod window_pieces_limits;
mod window_regressions;
mod writer_regressions;
mod writer_values;
