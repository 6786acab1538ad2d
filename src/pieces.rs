//! Pieces mode of the windowed parser ([`crate::WindowParser::in_pieces`]): the events of a
//! *unit* (a property, an `error`, an unknown element, a `responsedescription`) that is read
//! in pieces, so that no unit has to fit in the window.
//!
//! ```text
//!   <C:calendar-data a="1">BEGIN:VCALENDAR&#13;...<![CDATA[...]]>...</C:calendar-data>
//!   |-- UnitStart ------------|-- Piece::Text --|...|-- Piece::Cdata --|...|-- UnitEnd ---|
//! ```
//!
//! A unit gives [`crate::Event::UnitStart`] (its kind and start tag), then its content as
//! [`crate::Event::Piece`]s in document order ([`Piece::Start`] and [`Piece::End`] for the
//! elements inside it, [`Piece::Text`] and [`Piece::Cdata`] for its character data, cut
//! wherever the window ends, at a safe point), then [`crate::Event::UnitEnd`]. Comments and
//! processing instructions give nothing (the whole-body views leave them out of values too):
//! they are read in pieces, whatever their length; a PI's `<?` and target must be in the
//! window, as a tag must.
//!
//! **Character references.** A text piece is never cut inside a reference: one that the
//! window cuts waits for the next window, whole. XML allows any number of leading zeros
//! (`&#0000…0065;`), so a reference can be longer than any window; one that the window cuts
//! with at least 10 of its bytes in it (no reference without leading zeros is that long
//! without its `;`: `&#x10FFFF;`, `&#1114111;`) is read in pieces instead and given as one
//! [`Piece::CharRef`], its character, between the text pieces around it:
//!
//! ```text
//!   <d:displayname>Tom &#0000000…0000065; Jerry</d:displayname>
//!   |-- UnitStart --|-- Text --|-- CharRef 'A' --|-- Text --|-- UnitEnd --|
//! ```
//!
//! Its leading zeros are read wherever the window ends; its significant digits (at most 7,
//! or 6 in hexadecimal, for a character up to U+10FFFF) and its `;` wait to be whole in the
//! window, so no value is carried between windows (and none can overflow). More significant
//! digits than that are an error, `InvalidReference` at the `&`, once a byte that is not a
//! digit comes; they are read in pieces too, as the whole-body parser reads them to their
//! end. Every error is the whole-body parser's, at its offset. A reference the window holds
//! whole, whatever its length, is part of a [`Piece::Text`], as always; so is every
//! reference in a text that is given whole (an `href`, `status`, `sync-token`).

use core::fmt;

use crate::element::{Attributes, Element};
use crate::names::Name;

/// What a unit read in pieces is: what the whole-body parser gives whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnitKind {
    /// A property (a child of `prop`): whole, an [`crate::Event::Property`].
    Property,
    /// A `DAV:error` element: whole, an [`crate::Event::Error`].
    Error,
    /// An element the grammar does not know: whole, an [`crate::Event::Unknown`].
    Unknown,
    /// A `responsedescription`: whole, an [`crate::Event::Description`], whose value is the
    /// text of its pieces at every depth (tags left out).
    Description,
}

/// A start tag read in pieces mode (a unit's own, or one inside it): its resolved name, its
/// attributes, where it is. It borrows the window (and the parser's namespace arena), as
/// every event does.
#[derive(Clone, Debug)]
pub struct Tag<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    /// The tag as an element that ends where the tag does (its attributes resolved by the
    /// element's rules, in one place).
    tag: Element<'a, D, NS, B>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Tag<'a, D, NS, B> {
    pub(crate) fn new(tag: Element<'a, D, NS, B>) -> Self {
        Tag { tag }
    }

    /// The resolved name.
    pub fn name(&self) -> Name<'a> {
        self.tag.name()
    }

    /// The attributes, namespace declarations left out, names resolved (an unprefixed
    /// attribute has no namespace), as [`Element::attributes`].
    pub fn attributes(&self) -> Attributes<'a, NS> {
        self.tag.attributes()
    }

    /// Byte offset of the `<` in the body.
    pub fn offset(&self) -> usize {
        self.tag.offset()
    }

    /// Byte offset just after the `>`.
    pub fn end(&self) -> usize {
        self.tag.end()
    }

    /// The tag as sent, `<` to `>`.
    pub fn raw(&self) -> &'a str {
        self.tag.raw()
    }

    /// Whether it is an empty-element tag (`<a/>`): its [`Piece::End`] (or the unit's
    /// [`crate::Event::UnitEnd`]) follows at once.
    pub fn is_empty(&self) -> bool {
        // A start tag ends in `/>` only when it is empty (attribute values are quoted).
        self.raw().ends_with("/>")
    }
}

/// A piece of a unit's content (see the module docs).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Piece<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    /// The start tag of an element inside the unit.
    Start(Tag<'a, D, NS, B>),
    /// The end of the element inside the unit opened last (`offset == end` for an
    /// empty-element tag).
    End {
        /// Byte offset of the `</`.
        offset: usize,
        /// Byte offset just after the `>`.
        end: usize,
    },
    /// A piece of character data (with references), never empty. It is cut only between
    /// characters, never inside a reference, never between a CR and what follows it: its
    /// value ([`crate::Text::fragments`], `to_string`) is its share of the whole value, and
    /// the values of the pieces, concatenated, are the whole-body parser's value.
    Text(crate::Text<'a>),
    /// A piece of a CDATA section's content, never empty, cut as [`Piece::Text`] is.
    Cdata(Cdata<'a>),
    /// A character reference that the window cut after 10 of its bytes or more (XML allows
    /// any number of leading zeros: `&#0000…0065;`), read in pieces and given as its
    /// character (its value: [`Piece::Text`]'s rule, the pieces' values in order make the
    /// whole-body value). A reference that the window holds whole, or any without leading
    /// zeros (at most 10 bytes), is part of a [`Piece::Text`]: see the module docs.
    CharRef {
        /// The character it refers to.
        value: char,
        /// Byte offset of its `&`.
        offset: usize,
        /// Byte offset just after its `;`.
        end: usize,
    },
}

/// A piece of a CDATA section's content: verbatim but for line ends (CR LF and a lone CR
/// are LF, XML 1.0 §2.11). 24 bytes, `Copy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cdata<'a> {
    raw: &'a str,
    offset: u32,
}

impl<'a> Cdata<'a> {
    pub(crate) fn new(raw: &'a str, offset: u32) -> Self {
        Cdata { raw, offset }
    }

    /// The piece as sent.
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// Byte offset of the piece in the body.
    pub fn offset(&self) -> usize {
        crate::offset::widen(self.offset)
    }

    /// The value as one borrowed `&str` when it is the raw piece (no CR), else `None`.
    pub fn as_plain(&self) -> Option<&'a str> {
        if self.raw.contains('\r') { None } else { Some(self.raw) }
    }

    /// Writes the value (line ends normalised).
    ///
    /// # Errors
    /// The writer's.
    pub fn write_to<W: fmt::Write>(&self, w: &mut W) -> fmt::Result {
        let mut rest = self.raw;
        while let Some(i) = rest.find('\r') {
            w.write_str(rest.get(..i).unwrap_or(""))?;
            w.write_char('\n')?;
            let after = rest.get(i.saturating_add(1)..).unwrap_or("");
            rest = after.strip_prefix('\n').unwrap_or(after);
        }
        w.write_str(rest)
    }
}

impl fmt::Display for Cdata<'_> {
    /// The value (line ends normalised).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}
