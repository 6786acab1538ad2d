//! Reading a body from a source through the window: [`parse_from`] over an
//! `embedded_io::Read` (feature `embedded-io`), [`parse_from_async`] over an
//! `embedded_io_async::Read` (feature `embedded-io-async`). Both run one loop, written once
//! ([`Pump`]): feed the window, hand out its events, drop what the parser no longer needs,
//! measure a unit that fills the buffer, read more; only the read differs.
//!
//! `std` and tokio users: `embedded-io-adapters` turns a `std::io::Read` into an
//! `embedded_io::Read` (`FromStd`) and a tokio `AsyncRead` into an `embedded_io_async::Read`
//! (`FromTokio`, its `tokio-1` feature).

use super::{ANCHORS, WindowParser};
use crate::error::{Error, ErrorKind, LineCounter, TextPosition};
use crate::multistatus::Event;

/// The loop of [`parse_from`] and [`parse_from_async`], written once: they differ only in
/// how a read is made (`$read`, given the room `$room`: awaited or not) and which failure of
/// the source means "try again" (`$interrupted`).
macro_rules! drive {
    ($parser:ident, $buf:ident, $on_event:ident, |$room:ident| $read:expr, $interrupted:expr) => {{
        let mut pump = Pump::new($parser);
        loop {
            match pump.parse($parser, $buf, &mut $on_event) {
                Ok(Next::Done) => return Ok(()),
                Ok(Next::Read) => {}
                Err(e) => return Err(pump.record_error_position($parser, $buf, e)),
            }
            loop {
                let $room = pump.room($buf);
                let room_len = $room.len();
                let outcome = $read;
                match pump.took($parser, outcome, room_len, $interrupted) {
                    Ok(true) => break,
                    Ok(false) => {}
                    Err(e) => return Err(pump.record_error_position($parser, $buf, e)),
                }
            }
        }
    }};
}

/// Why [`parse_from`] (or [`parse_from_async`]) stopped: the body (or a unit too large for the buffer), or the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadError<E> {
    /// The parser's error ([`ErrorKind::WindowTooSmall`] with [`WindowParser::needed`] when a
    /// unit does not fit in the buffer), or [`ErrorKind::SourceOverrun`] when the source said
    /// it read more than the room it was given, or [`ErrorKind::SourceFailed`] when a call
    /// comes after the source failed.
    Parse(Error),
    /// The source's error (given once: the parser is then stopped with
    /// [`ErrorKind::SourceFailed`]).
    Io(E),
}

impl<E: core::fmt::Debug> core::fmt::Display for ReadError<E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ReadError::Parse(e) => core::fmt::Display::fmt(e, f),
            ReadError::Io(e) => write!(f, "the source failed: {e:?}"),
        }
    }
}

impl<E: core::fmt::Debug> core::error::Error for ReadError<E> {}

/// What the loop does after a feed.
enum Next {
    /// The body is read and valid.
    Done,
    /// Read into [`Pump::room`], then hand the outcome to [`Pump::took`].
    Read,
}

/// The loop of [`parse_from`] and [`parse_from_async`] between reads: where the window is in
/// the body and in the buffer, and the buffer rules (one home for both).
struct Pump {
    /// The body offset of `buf[0]`.
    start: usize,
    /// How many bytes of `buf` hold the body.
    filled: usize,
    /// The source said the body ended.
    eof: bool,
    /// Read until `filled` reaches this before feeding again (a unit the last feed could not
    /// finish is fed again only once its bytes have doubled: linear time whatever the reads).
    target: usize,
    /// The lines of the bytes dropped, for an error's position; `None` when the parser was
    /// fed by hand before (the lines before `start` are unknown).
    lines: Option<LineCounter>,
    /// The last [`WindowParser::error_anchors`] dropped, with their line and column: the
    /// parser finds some errors at the end of what starts there, and reports them there.
    anchor_positions: [Option<(usize, TextPosition)>; ANCHORS],
}

impl Pump {
    fn new<const D: usize, const NS: usize, const B: usize>(parser: &WindowParser<D, NS, B>) -> Self {
        let start = parser.keep_from();
        // Fed by hand before: past the body's start, or stopped (on bytes never seen here).
        let lines = (start == 0 && parser.error().is_none()).then(LineCounter::new);
        Pump { start, filled: 0, eof: false, target: 0, lines, anchor_positions: [None; ANCHORS] }
    }

    /// Gives the parser's error (if any) its line and column, counted from the bytes dropped
    /// and those still in `buf`; returns `e`.
    fn record_error_position<E, const D: usize, const NS: usize, const B: usize>(
        &self,
        parser: &mut WindowParser<D, NS, B>,
        buf: &[u8],
        e: ReadError<E>,
    ) -> ReadError<E> {
        let held = buf.get(..self.filled).unwrap_or(&[]);
        let at = parser.error().zip(self.lines).and_then(|(err, lines)| {
            let dropped = self.anchor_positions.iter().flatten().find(|&&(start, _)| start == err.offset());
            lines.position(err.offset(), held).or(dropped.map(|&(_, p)| p))
        });
        if at.is_some() {
            parser.error_position = at;
        }
        e
    }

    /// Feeds the window, hands every event to `on_event`, and says what comes next. Before a
    /// read, drops what the parser no longer needs, and when that leaves `buf` full, has the
    /// unit that does not fit measured ([`WindowParser::overflow`]).
    fn parse<F, E, const D: usize, const NS: usize, const B: usize>(
        &mut self,
        parser: &mut WindowParser<D, NS, B>,
        buf: &mut [u8],
        on_event: &mut F,
    ) -> Result<Next, ReadError<E>>
    where
        F: FnMut(Event<'_, D, NS, B>),
    {
        // A window that ends no later than the one that last ran out of bytes cannot go
        // further (and `feed` would stop the parser): the parser may have been fed by hand,
        // further than `buf` holds yet, before it was handed over. Then read more first.
        let stalled = parser.stalled_at().filter(|&s| self.start.saturating_add(self.filled) <= s);
        if self.eof || stalled.is_none() {
            {
                let window = buf.get(..self.filled).unwrap_or(&[]);
                let mut feed = parser.feed(window, self.start, self.eof).map_err(ReadError::Parse)?;
                while let Some(ev) = feed.next_event() {
                    on_event(ev.map_err(ReadError::Parse)?);
                }
            }
            if parser.is_done() {
                return Ok(Next::Done);
            }
        }
        if let Some(e) = parser.error() {
            return Err(ReadError::Parse(e));
        }
        if self.eof {
            // The last window was final: the parser ended or failed.
            return Err(ReadError::Parse(parser.stop(Error::new(ErrorKind::UnexpectedEof, self.start))));
        }
        self.drop_before(buf, parser.keep_from(), parser.error_anchors());
        if self.filled == buf.len() {
            // Full, and the parser still needs more: measure the unit that does not fit.
            parser.overflow();
            self.drop_before(buf, parser.keep_from(), parser.error_anchors());
            if self.filled == buf.len() {
                return Err(ReadError::Parse(parser.stop(Error::new(ErrorKind::WindowTooSmall, self.start))));
            }
        }
        // Doubled, and past the end of the window that ran out of bytes.
        let past = parser.stalled_at().map_or(0, |s| s.saturating_sub(self.start).saturating_add(1));
        self.target = self.filled.saturating_mul(2).max(past).min(buf.len());
        Ok(Next::Read)
    }

    /// Drops the bytes of the window that come before the body offset `keep`, moving the rest
    /// to the front of `buf`; counts their lines, and keeps the positions of the `anchors`
    /// they hold (see [`Pump::anchor_positions`]).
    fn drop_before(&mut self, buf: &mut [u8], keep: usize, anchors: [usize; ANCHORS]) {
        let len = self.filled.min(buf.len());
        let n = keep.saturating_sub(self.start).min(len);
        if let Some(lines) = &mut self.lines {
            let found = lines.count_marking(buf.get(..n).unwrap_or(&[]), anchors);
            for ((slot, start), at) in self.anchor_positions.iter_mut().zip(anchors).zip(found) {
                if let Some(at) = at {
                    *slot = Some((start, at));
                }
            }
        }
        // In bounds: n <= len <= buf.len().
        buf.copy_within(n..len, 0);
        self.filled = len.saturating_sub(n);
        self.start = self.start.saturating_add(n);
    }

    /// Where the next read goes: the free end of `buf`.
    fn room<'b>(&self, buf: &'b mut [u8]) -> &'b mut [u8] {
        buf.get_mut(self.filled..).unwrap_or(&mut [])
    }

    /// Takes the outcome of one read into [`Pump::room`] (`room_len` bytes long): `true` once
    /// the window is ready to be fed again (the target reached, or the body ended). A read
    /// that was `interrupted` read nothing and is tried again; any other failure stops the
    /// parser for good (the bytes in `buf` go with this call).
    fn took<E, const D: usize, const NS: usize, const B: usize>(
        &mut self,
        parser: &mut WindowParser<D, NS, B>,
        outcome: Result<usize, E>,
        room_len: usize,
        interrupted: fn(&E) -> bool,
    ) -> Result<bool, ReadError<E>> {
        let at = self.start.saturating_add(self.filled);
        match outcome {
            Err(e) if interrupted(&e) => Ok(false),
            Err(e) => {
                parser.stop(Error::new(ErrorKind::SourceFailed, at));
                Err(ReadError::Io(e))
            }
            Ok(n) if n > room_len => Err(ReadError::Parse(parser.stop(Error::new(ErrorKind::SourceOverrun, at)))),
            Ok(0) => {
                self.eof = true;
                Ok(true)
            }
            Ok(n) => {
                self.filled = self.filled.saturating_add(n);
                Ok(self.filled >= self.target)
            }
        }
    }
}

/// Parses a body read from `source` through `buf` (the only memory it uses besides the
/// parser), calling `on_event` for every event, in order. Returns once the body is read and
/// found valid.
///
/// A unit (see the module docs) larger than `buf` is [`ErrorKind::WindowTooSmall`] at its
/// start, once its size is known ([`WindowParser::needed`]); when even that cannot be
/// measured (one tag or text run larger than `buf`), the error comes at once.
///
/// Time stays linear in the body whatever the sizes of the reads: after a feed that left a
/// unit unfinished, the window is fed again only once its bytes have doubled (or `buf` is
/// full, or the body ended), so an unfinished unit is read again a bounded number of times
/// (see [`WindowParser::feed`]). An event may so come some reads after the bytes that
/// complete it.
///
/// **Errors stop the parser for good**: whatever `parse_from` returns but `Ok`, the parser is
/// stopped, and calling it again (or [`WindowParser::feed`]) gives the error it kept. The
/// bytes read but not yet parsed were in `buf`, which `parse_from` does not hand back: going
/// on after a failed read would skip them. A read that fails with
/// [`embedded_io::ErrorKind::Interrupted`] is not a failure: it is tried again at once
/// (nothing was read; as `std`'s `read_exact` does).
///
/// The callback cannot stop the parse, nor await (in `parse_from_async`): to stop at an event
/// (a full flash page, a write that failed) or to await per event, feed the parser yourself
/// with [`WindowParser::feed`], the loop this function runs (the README's *Windowed*
/// section shows it).
///
/// ```
/// use multistatus::{Event, WindowParser, windowed::parse_from};
///
/// let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>
///   <d:status>HTTP/1.1 200 OK</d:status></d:response>
///   <d:response><d:href>/b</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>
/// </d:multistatus>"#;
/// let mut source: &[u8] = body; // any `embedded_io::Read`: a socket, a file, a UART
/// let mut parser = WindowParser::new();
/// let mut buf = [0u8; 64]; // smaller than the body: it moves through
/// let mut codes = [0u16; 2];
/// let mut n = 0;
/// parse_from(&mut parser, &mut source, &mut buf, |event| {
///     if let Event::Status(s) = event {
///         codes[n] = s.code();
///         n += 1;
///     }
/// })?;
/// assert!(parser.is_done());
/// assert_eq!(codes, [200, 404]);
///
/// // A unit larger than the buffer: WindowTooSmall, with the room it needs.
/// let mut source: &[u8] = body;
/// let mut parser = WindowParser::<32, 32, 2048>::new();
/// let e = parse_from(&mut parser, &mut source, &mut [0u8; 16], |_| {}).unwrap_err();
/// assert!(e.to_string().contains("does not fit"), "{e}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`ReadError::Parse`] for the body (and [`ErrorKind::SourceOverrun`] for a source that says
/// it read more bytes than the room it was given: never a panic), [`ReadError::Io`] for the
/// source, once (the parser keeps [`ErrorKind::SourceFailed`] where the read failed).
#[cfg(feature = "embedded-io")]
pub fn parse_from<R, F, const D: usize, const NS: usize, const B: usize>(
    parser: &mut WindowParser<D, NS, B>,
    source: &mut R,
    buf: &mut [u8],
    mut on_event: F,
) -> Result<(), ReadError<R::Error>>
where
    R: embedded_io::Read,
    F: FnMut(Event<'_, D, NS, B>),
{
    drive!(parser, buf, on_event, |room| source.read(room), |e| {
        embedded_io::Error::kind(e) == embedded_io::ErrorKind::Interrupted
    })
}

/// [`parse_from`] over an `embedded_io_async::Read` source (embassy and friends): the same
/// loop, events, errors and guarantees; it awaits each read.
///
/// ```
/// use core::future::Future;
/// use core::pin::pin;
/// use core::task::{Context, Poll, Waker};
/// use multistatus::{Event, WindowParser, windowed::parse_from_async};
///
/// let body = br#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>
///   <d:status>HTTP/1.1 200 OK</d:status></d:response></d:multistatus>"#;
/// let mut source: &[u8] = body; // any `embedded_io_async::Read`
/// let mut parser = WindowParser::new();
/// let mut buf = [0u8; 64];
/// let mut hrefs = 0;
/// // Your executor runs it (`.await`); here, polled by hand (a slice is always ready).
/// let result = {
///     let mut parse = pin!(parse_from_async(&mut parser, &mut source, &mut buf, |event| {
///         if let Event::Href(_) = event {
///             hrefs += 1;
///         }
///     }));
///     let mut cx = Context::from_waker(Waker::noop());
///     loop {
///         if let Poll::Ready(r) = parse.as_mut().poll(&mut cx) {
///             break r;
///         }
///     }
/// };
/// result?;
/// assert_eq!(hrefs, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As [`parse_from`].
#[cfg(feature = "embedded-io-async")]
pub async fn parse_from_async<R, F, const D: usize, const NS: usize, const B: usize>(
    parser: &mut WindowParser<D, NS, B>,
    source: &mut R,
    buf: &mut [u8],
    mut on_event: F,
) -> Result<(), ReadError<R::Error>>
where
    R: embedded_io_async::Read,
    F: FnMut(Event<'_, D, NS, B>),
{
    drive!(parser, buf, on_event, |room| source.read(room).await, |e| {
        embedded_io_async::Error::kind(e) == embedded_io_async::ErrorKind::Interrupted
    })
}
