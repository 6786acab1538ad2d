//! Windowed parsing: a body of any size through a buffer of a fixed size that the caller owns.
//!
//! In the spirit of httparse: the caller hands the bytes it has, where they start in the body,
//! and whether they are the last; the parser gives back every event that is complete in them
//! and, when it needs more, says from which byte on it still needs the body
//! ([`WindowParser::keep_from`]): the caller drops what comes before, refills, and feeds the
//! window again.
//!
//! ```text
//!   body:    ....................[=========== window ===========]..........
//!                                ^ start        ^ keep_from()    ^ start + window.len()
//!   the caller may drop [start, keep_from) and read more after the window.
//! ```
//!
//! Events, errors and offsets are the same as the whole-body [`crate::Parser`]'s, whatever
//! the chunking (tested at every split point). A UTF-8 sequence cut by the end of a window
//! waits for the next one.
//!
//! **What must fit in the window** (the default): one *unit*, that is one property element
//! (with all its content: a `calendar-data`, say), one `error` or unknown element, one
//! text-only element (`href`, `status`, `sync-token`, `responsedescription`), one tag, one
//! comment, CDATA section or processing instruction (before the root, after it or inside it),
//! and one run of text between two tags. The XML declaration must fit from the start of the
//! body. A
//! unit larger than the buffer is a [`ErrorKind::WindowTooSmall`] error at its start, and
//! [`WindowParser::needed`] then says how many bytes it needed (see [`WindowParser::overflow`]).
//!
//! **In pieces mode** ([`WindowParser::in_pieces`]) a property, an `error` or unknown element
//! and a `responsedescription` are not given whole but in pieces ([`Event::UnitStart`],
//! [`Event::Piece`]s, [`Event::UnitEnd`]; see [`crate::Piece`]): their text, CDATA sections,
//! comments and processing instructions are read in pieces wherever the window ends, and so
//! is a character reference longer than the window (leading zeros: [`crate::Piece::CharRef`]).
//! Comments, CDATA sections and processing instructions between the elements of the
//! multistatus, outside units, are read in pieces too, and so are the comments, processing
//! instructions and white space before the root and after it. What must fit then is one tag
//! (with its attributes), the `<?` and target of a processing instruction (with the byte
//! after it), the XML declaration (a few dozen bytes in practice), 10 bytes of a character
//! reference (as long as any without leading zeros), and the text of one `href`, `status` or
//! `sync-token` (given whole, as always, with any reference, comment or PI inside it). A
//! 4 KiB buffer reads an 11 MB `calendar-data`.

use crate::error::{Error, ErrorKind, TextPosition};
use crate::multistatus::{Event, GEvent, Grammar, NoSink, Options, QuirkLog, Unit, pull, valid_prefix};
use crate::offset::Offset;
use crate::reader::{Cursor, Pieces, ReaderState, Source};

/// How many offsets [`WindowParser::error_anchors`] gives: the starts of the open `response`,
/// `propstat` and `location` (errors found at their ends), of a run of text read in pieces
/// (refused once it ends), of markup read in pieces (a comment, PI or character reference,
/// refused once it ends) and of a unit being measured (`WindowTooSmall` once its size is
/// known).
#[cfg(any(feature = "embedded-io", feature = "embedded-io-async"))]
pub(crate) const ANCHORS: usize = 6;

/// The windowed parser. Capacities as for [`crate::Parser`]: `D` depth, `NS` namespace
/// bindings, `B` bytes of names.
///
/// Each [`WindowParser::feed`] gives a [`Feed`] of the events complete in the window; the
/// parser then says from where on it still needs the body ([`WindowParser::keep_from`]). The
/// crate docs (*Windowed*) show the loop over a buffer that is refilled; `parse_from`
/// (feature `embedded-io`) runs it over a reader. Here, a body in two windows:
///
/// ```
/// use multistatus::{Event, WindowParser};
///
/// let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>
///   <d:status>HTTP/1.1 200 OK</d:status></d:response></d:multistatus>"#;
/// let mut parser = WindowParser::new();
/// let mut hrefs = 0;
/// {
///     // The first 50 bytes: the href is not complete yet.
///     let mut feed = parser.feed(&body[..50], 0, false)?;
///     while let Some(event) = feed.next_event() {
///         if let Event::Href(_) = event? { hrefs += 1 }
///     }
/// } // (a feed borrows the parser and the window)
/// assert_eq!(hrefs, 0);
/// // From where the parser still needs the body, to the end.
/// let from = parser.keep_from();
/// let mut feed = parser.feed(&body[from..], from, true)?;
/// while let Some(event) = feed.next_event() {
///     if let Event::Href(h) = event? {
///         assert_eq!((h.raw(), h.offset()), ("/a", 50)); // offsets are the body's
///         hrefs += 1;
///     }
/// }
/// assert!(parser.is_done());
/// assert_eq!(hrefs, 1);
/// # Ok::<(), multistatus::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct WindowParser<const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    /// The reader's state, kept between windows (each [`Feed`] reads its window through it).
    state: ReaderState<D, NS, B>,
    grammar: Grammar<NS>,
    error: Option<Error>,
    done: bool,
    /// Measuring a unit that did not fit, which starts here.
    overflow: Option<usize>,
    /// The size of that unit, once known (below 4 GiB, as every offset).
    needed: Option<u32>,
    /// The end (offset) of the last window, when it ran out of bytes: a window that ends no
    /// later cannot go further.
    stalled: Option<Offset>,
    /// Pieces mode ([`WindowParser::in_pieces`]): `Some`, with the unit being read, if any.
    pieces: Option<Option<Unit>>,
    /// Line and column of `error`, when `parse_from` counted the lines up to it.
    error_position: Option<TextPosition>,
}

impl WindowParser {
    /// A windowed parser with the default capacities and options.
    pub fn new() -> Self {
        Self::with_options(Options::default())
    }
}

impl Default for WindowParser {
    fn default() -> Self {
        Self::new()
    }
}

impl<const D: usize, const NS: usize, const B: usize> WindowParser<D, NS, B> {
    /// A windowed parser with these options (and the capacities of its type).
    pub fn with_options(options: Options) -> Self {
        WindowParser {
            state: ReaderState::new(options.unbound_dav_prefix),
            grammar: Grammar::new(options),
            error: None,
            done: false,
            overflow: None,
            needed: None,
            stalled: None,
            pieces: None,
            error_position: None,
        }
    }

    /// The same parser in pieces mode (before its first feed): a property, an `error`, an
    /// unknown element or a `responsedescription` is not given whole (which needs it whole in
    /// the window) but in pieces: [`Event::UnitStart`], its content as [`Event::Piece`]s (see
    /// [`crate::Piece`]), [`Event::UnitEnd`]. The other events, the errors and their offsets
    /// are as without it. What must then fit in the window: see the module docs.
    ///
    /// ```
    /// use multistatus::{Event, Piece, UnitKind, WindowParser};
    ///
    /// let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>
    ///   <d:propstat><d:prop><d:displayname>Tom &amp; Jerry</d:displayname></d:prop>
    ///   <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#;
    /// let mut parser = WindowParser::new().in_pieces();
    /// let mut name = String::new();
    /// let mut from = 0;
    /// // 40 bytes at a time (one tag, or the text of one href, must fit).
    /// while !parser.is_done() {
    ///     let end = (from + 40).min(body.len());
    ///     let mut feed = parser.feed(&body[from..end], from, end == body.len())?;
    ///     while let Some(event) = feed.next_event() {
    ///         match event? {
    ///             Event::UnitStart { kind: UnitKind::Property, tag } => {
    ///                 assert_eq!(tag.name().local(), "displayname");
    ///             }
    ///             Event::Piece(Piece::Text(t)) => name.push_str(&t.to_string()),
    ///             _ => {}
    ///         }
    ///     }
    ///     from = parser.keep_from();
    /// }
    /// assert_eq!(name, "Tom & Jerry");
    /// # Ok::<(), multistatus::Error>(())
    /// ```
    #[must_use]
    pub fn in_pieces(mut self) -> Self {
        self.pieces = Some(None);
        self
    }

    /// Whether units are given in pieces (see [`WindowParser::in_pieces`]).
    pub fn is_in_pieces(&self) -> bool {
        self.pieces.is_some()
    }

    /// The earliest byte offset of the body that the parser still needs: the caller may drop
    /// every byte before it.
    pub fn keep_from(&self) -> usize {
        let reader = self.state.keep_from();
        match (self.overflow, self.grammar.keep_from()) {
            (None, Some(g)) => reader.min(g),
            _ => reader,
        }
    }

    /// Whether the whole body was read and found valid.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The error that stopped the parser, if any (after `parse_from` returned a source's
    /// error: [`ErrorKind::SourceFailed`]). A stopped parser stays stopped.
    pub fn error(&self) -> Option<Error> {
        self.error
    }

    /// The offsets where the parser may report an error found further on (see
    /// [`ANCHORS`]): they may be dropped by then, so `parse_from` keeps their lines.
    #[cfg(any(feature = "embedded-io", feature = "embedded-io-async"))]
    pub(crate) fn error_anchors(&self) -> [usize; ANCHORS] {
        let [response, propstat, location] = self.grammar.element_starts();
        let [run, inside] = self.state.starts_read_in_pieces();
        [response, propstat, location, run, inside, self.overflow.unwrap_or(usize::MAX)]
    }

    /// Line and column of [`WindowParser::error`], when `parse_from` (or `parse_from_async`)
    /// stopped on it: they count the lines of the bytes they drop
    /// ([`LineCounter`](crate::LineCounter)), and keep the positions of the places where the
    /// parser reports an error found further on (the start of a `response` without `href`, of
    /// a unit too large for the buffer, ...). `None` otherwise: no error, a parser fed by
    /// hand (count with a `LineCounter` yourself), or one fed by hand before `parse_from` took
    /// over (past the body's start, or already stopped: the lines before are unknown).
    pub fn error_position(&self) -> Option<TextPosition> {
        self.error_position
    }

    /// The quirks tolerated so far.
    pub fn quirks(&self) -> &QuirkLog {
        self.grammar.quirk_log()
    }

    /// Says that the buffer is full and the parser still needs more: the unit being read
    /// (which starts at [`WindowParser::keep_from`]) does not fit. The parser goes on reading
    /// to measure it, without keeping it, and stops with [`ErrorKind::WindowTooSmall`] at its
    /// start once its end is found; [`WindowParser::needed`] then gives its size. Feed
    /// windows from [`WindowParser::keep_from`] as before.
    pub fn overflow(&mut self) {
        if self.overflow.is_none() {
            self.overflow = Some(self.keep_from());
            // Measuring, the same window may go further (a text run is given in pieces).
            self.stalled = None;
        }
    }

    /// Stops the parser for good with `e`: every later call gives it.
    fn stop(&mut self, e: Error) -> Error {
        self.error = Some(e);
        e
    }

    /// Where the window that ran out of bytes ended (a body offset), if the last feed did: a
    /// window that is not final must end after it to go further (see [`WindowParser::feed`]).
    #[cfg(any(feature = "embedded-io", feature = "embedded-io-async"))]
    pub(crate) fn stalled_at(&self) -> Option<usize> {
        self.stalled.map(Offset::get)
    }

    /// After a [`ErrorKind::WindowTooSmall`] error: how many bytes the unit needed.
    pub fn needed(&self) -> Option<usize> {
        self.needed.map(crate::offset::widen)
    }

    /// Reads the events that are complete in `window`, which holds the body's bytes from
    /// offset `start` on (`start` between the previous window's start and
    /// [`WindowParser::keep_from`]). `is_final`: the window reaches the end of the body.
    ///
    /// A feed takes time in proportion to the window: it checks the whole window as UTF-8,
    /// and a unit it cannot finish is read again from its start by the next feed (a text run
    /// is only given whole). So a caller whose source gives a few bytes at a time should not
    /// feed after every read: feed again once the bytes from [`WindowParser::keep_from`] on
    /// have doubled since the last feed (or the buffer is full, or the body ended), as
    /// `parse_from` (feature `embedded-io`) does; the time then stays linear in the body,
    /// whatever the reads.
    ///
    /// After a feed that ran out of bytes, a window that ends no later (and is not final)
    /// cannot go further: it is [`ErrorKind::WindowTooSmall`] at [`WindowParser::keep_from`],
    /// which stops the parser (a caller whose buffer is full of one unit would otherwise feed
    /// the same bytes for ever). Feed again once bytes have come, or call
    /// [`WindowParser::overflow`] first to have the unit measured.
    ///
    /// # Errors
    /// [`ErrorKind::WindowMisplaced`] when `start` is not in that range;
    /// [`ErrorKind::WindowTooSmall`] for a window no longer than the one that ran out of bytes;
    /// [`ErrorKind::InputTooLarge`] (at `u32::MAX`) when the window reaches past 4 GiB, which
    /// stops the parser; the error that stopped the parser, if any.
    pub fn feed<'w>(&'w mut self, window: &'w [u8], start: usize, is_final: bool) -> Result<Feed<'w, D, NS, B>, Error> {
        if let Some(e) = self.error {
            return Err(e);
        }
        // Checked before the reader's state moves: a misplaced window leaves the parser as it
        // was.
        if start < self.state.base() || start > self.keep_from() {
            return Err(Error::new(ErrorKind::WindowMisplaced, start));
        }
        let Ok(end) = Offset::new(start.saturating_add(window.len())) else {
            // Offsets are 32-bit: the body is too large, as for the whole-body parser.
            return Err(self.stop(Error::new(ErrorKind::InputTooLarge, crate::offset::MAX_LEN)));
        };
        if !is_final && self.stalled.is_some_and(|stalled| end <= stalled) {
            // Not a byte more than the window that ran out of bytes: nothing can change. The
            // caller's buffer is full of a unit that does not fit (or it fed too early).
            return Err(self.stop(Error::new(ErrorKind::WindowTooSmall, self.keep_from())));
        }
        self.stalled = None;
        let (text, cut) = valid_prefix(window, start, is_final);
        if let Err(e) = self.state.move_to(start) {
            // Not after the checks above: stop.
            return Err(self.stop(e));
        }
        let src = Source::window(text, is_final, cut, self.overflow.is_some());
        Ok(Feed { src, parent: self, end })
    }
}

/// The events complete in one window (see [`WindowParser::feed`]): the window, read through
/// the [`WindowParser`]'s state.
#[derive(Debug)]
pub struct Feed<'w, const D: usize, const NS: usize, const B: usize> {
    src: Source<'w>,
    parent: &'w mut WindowParser<D, NS, B>,
    /// Where the window ends (an offset below 4 GiB).
    end: Offset,
}

impl<const D: usize, const NS: usize, const B: usize> Feed<'_, D, NS, B> {
    fn fail(&mut self, e: Error) -> Option<Result<Event<'_, D, NS, B>, Error>> {
        self.parent.error = Some(e);
        Some(Err(e))
    }

    /// The next event; `None` when the window holds no more complete event (or the body is
    /// done: see [`WindowParser::is_done`]). An error stops the parser for good.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub fn next_event(&mut self) -> Option<Result<Event<'_, D, NS, B>, Error>> {
        let p = &mut *self.parent;
        if p.error.is_some() || p.done {
            return None;
        }
        let measuring = p.overflow;
        // Inside a unit, the reader reads text, CDATA and comments in pieces; between units,
        // runs that hold markup.
        let pieces = match p.pieces {
            None => Pieces::Off,
            Some(None) => Pieces::Runs,
            Some(Some(_)) => Pieces::Unit,
        };
        let src = self.src.with_pieces(pieces);
        let mut cur = Cursor::new(src, &mut p.state);
        let pulled: Option<Result<GEvent<'_, D, NS, B>, Error>> =
            pull(&mut p.grammar, &mut cur, measuring.is_none(), None::<&mut NoSink>, p.pieces.as_mut());
        let g = match (pulled, measuring) {
            (None, _) => {
                if p.state.is_done() {
                    p.done = true;
                } else {
                    p.stalled = Some(self.end);
                }
                return None;
            }
            (Some(Ok(g)), None) => g,
            (Some(Err(e)), None) => return self.fail(e),
            // Measuring, the reader's error is the body's.
            (Some(Err(e)), Some(_)) if p.state.error().is_some() => return self.fail(e),
            // Measuring: the unit that did not fit ended (its bytes were not kept, so the
            // grammar may refuse it): its size is known now.
            (Some(_), Some(at)) => {
                let needed = p.state.position().saturating_sub(at);
                p.needed = Some(u32::try_from(needed).unwrap_or(u32::MAX));
                return self.fail(Error::new(ErrorKind::WindowTooSmall, at));
            }
        };
        let (st, src) = (&self.parent.state, &self.src);
        let lineage = || Ok(st.parent_lineage_in_arena());
        Some(g.build(st.view_sources(src), |n| st.name_in_arena(src, n), lineage, st.dav_prefix_quirk()))
    }
}

#[cfg(any(feature = "embedded-io", feature = "embedded-io-async"))]
mod source;
#[cfg(any(feature = "embedded-io", feature = "embedded-io-async"))]
pub use source::ReadError;
#[cfg(feature = "embedded-io")]
pub use source::parse_from;
#[cfg(feature = "embedded-io-async")]
pub use source::parse_from_async;
