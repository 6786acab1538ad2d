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
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) const fn widen(v: u32) -> usize {
    v as usize
}

/// `v` as a `u32`, `u32::MAX` past it: the clamp of an error's offset, where saturating is the
/// meaning (an offset past 4 GiB is never made by a parse: no such body is parsed). A `const fn`
/// for [`Error::new`](crate::Error::new), where `TryFrom` cannot be called; the `as` is
/// lossless, reached only at or below `u32::MAX`.
#[allow(clippy::as_conversions, clippy::cast_possible_truncation)]
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) const fn saturate(v: usize) -> u32 {
    if v > MAX_LEN { u32::MAX } else { v as u32 }
}

/// `at`, a position in a body whose length was checked (at most [`MAX_LEN`]: when its parser
/// was made, or a window fed), as a `u32`, by truncation: lossless by that check, as
/// [`Offset::within`] is. The one conversion the reader's hottest path makes (four per element
/// name, `RawName::new`), where the clamp of `within` costs 1.0-2.5% of a parse's instructions
/// (callgrind, events and `next_into`): the crate's one unchecked narrowing.
#[allow(clippy::as_conversions, clippy::cast_possible_truncation)]
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) const fn narrow_in_body(at: usize) -> u32 {
    at as u32
}

/// `$a + $b` for positions in an input or a body and the lengths of its parts (the reader's
/// and [`crate::lex`]'s arithmetic): their sums stay within the body's length (at most
/// [`MAX_LEN`], checked when its parser was made or a window fed) plus a few bytes, far from
/// `usize::MAX`, so they never overflow. `saturating_add` by default (the crate's rule, the
/// code as it was, token for token: a function here, even inlined, changed what the compiler
/// inlined at `opt-level = 3`, -0.6% to +0.5% instructions); with the feature `small` one
/// add, not an add and a clamp (`wrapping_add`: the same value, since there is no overflow).
macro_rules! plus {
    ($a:expr, $b:expr) => {{
        #[cfg(not(feature = "small"))]
        let sum = $a.saturating_add($b);
        #[cfg(feature = "small")]
        let sum = $a.wrapping_add($b);
        sum
    }};
}
pub(crate) use plus;

/// A byte offset into a body (or into the stream a windowed parser reads), held as a `u32`.
///
/// Made from a `usize` once, where an offset enters a stored structure, and read back as a
/// `usize` ([`Offset::get`]) where it is used; between the two its arithmetic is checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Offset(u32);

impl Offset {
    /// `at`, or [`ErrorKind::InputTooLarge`](crate::ErrorKind::InputTooLarge) past 4 GiB.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn new(at: usize) -> Result<Offset, crate::ErrorKind> {
        u32::try_from(at).map(Offset).map_err(|_| crate::ErrorKind::InputTooLarge)
    }

    /// `at`, a position in a body whose length was checked when its parser was made (at most
    /// [`MAX_LEN`]; a windowed parser checks each window's end): it always fits. The clamp at
    /// `u32::MAX` is never reached; it stands for the check made once before.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn within(at: usize) -> Offset {
        // With `small`, by truncation (as `narrow_in_body`): no compare and select.
        #[cfg(feature = "small")]
        return Offset(narrow_in_body(at));
        #[cfg(not(feature = "small"))]
        Offset(u32::try_from(at).unwrap_or(u32::MAX))
    }

    /// The offset, as a `usize`.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) const fn get(self) -> usize {
        widen(self.0)
    }

    /// The offset as stored.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) const fn raw(self) -> u32 {
        self.0
    }

    /// `n` bytes further on, `None` past `u32::MAX`.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn add(self, n: u32) -> Option<Offset> {
        self.0.checked_add(n).map(Offset)
    }

    /// Where this offset is in a window starting at `base` (`None` before it).
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn local_to(self, base: Offset) -> Option<usize> {
        self.0.checked_sub(base.0).map(widen)
    }
}

impl From<u32> for Offset {
    #[cfg_attr(not(feature = "small"), inline(always))]
    fn from(at: u32) -> Offset {
        Offset(at)
    }
}
