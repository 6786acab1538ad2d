//! Byte offsets into a body, held as `u32`.
//!
//! A body is at most `u32::MAX` bytes: a longer one fails with [`ErrorKind::InputTooLarge`] when
//! a parser is made, so every offset into it fits a `u32`, half the size of a `usize` in the
//! structures that store many of them. This module carries the conversions between the two
//! once: `usize` to `u32` where an offset is stored ([`Offset::new`] fails past 4 GiB instead
//! of saturating), `u32` back to `usize` where it is used ([`widen`], lossless).
//!
//! [`ErrorKind::InputTooLarge`]: crate::ErrorKind::InputTooLarge

// `widen` is lossless only where a `usize` holds any `u32`: every target with 32- or 64-bit
// pointers (a 16-bit target fails to build here instead of losing offsets).
const _: () = assert!(usize::BITS >= u32::BITS, "multistatus needs a usize of at least 32 bits");

/// The longest body, in bytes (offsets past it are not made).
pub(crate) const MAX_LEN: usize = widen(u32::MAX);

/// `v` as a `usize`, losslessly: a `usize` holds any `u32` (asserted above). The standard library
/// has no `From<u32> for usize` (it would not hold on 16-bit targets), so this is the crate's one
/// `as` conversion.
#[allow(clippy::as_conversions)]
#[inline(always)]
pub(crate) const fn widen(v: u32) -> usize {
    v as usize
}

/// `v` as a `u32`, `u32::MAX` past it: the clamp of an error's offset, where saturating is the
/// meaning (an offset past 4 GiB is never made by a parse: no such body is parsed). A `const fn`
/// for [`Error::new`](crate::Error::new), where `TryFrom` cannot be called; the `as` is
/// lossless, reached only at or below `u32::MAX`.
#[allow(clippy::as_conversions, clippy::cast_possible_truncation)]
#[inline(always)]
pub(crate) const fn saturate(v: usize) -> u32 {
    if v > MAX_LEN { u32::MAX } else { v as u32 }
}
