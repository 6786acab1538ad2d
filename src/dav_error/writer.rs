//! Writing `DAV:error` bodies, for a small server: what it writes, [`ErrorBody`] reads back
//! identically (the same conditions, hrefs, message and exception).
//!
//! [`ErrorBody`]: super::ErrorBody

use core::fmt;

use super::{Condition, SABRE};
use crate::error::{Error, ErrorKind};
use crate::names::{DAV, XML_URI, XMLNS_URI};
use crate::props::{CALDAV, CARDDAV};
use crate::text::is_xml_char;

/// Longest namespace URI of an extension condition the writer accepts, in bytes.
pub const MAX_CONDITION_URI_LEN: usize = 255;
/// Longest local name of an extension condition the writer accepts, in bytes.
pub const MAX_CONDITION_LOCAL_LEN: usize = 128;

/// Where the writer is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Open,
    Done,
    Failed(Error),
}

/// A streaming writer of a `DAV:error` body into any `core::fmt::Write` (a
/// [`crate::writer::SliceSink`] over a buffer, a `String`), without allocation:
///
/// ```text
/// <?xml version="1.0" encoding="utf-8"?>
/// <d:error xmlns:d="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="urn:ietf:params:xml:ns:carddav" xmlns:s="http://sabredav.org/ns">
/// <d:valid-sync-token/><s:message>Invalid or unknown sync token</s:message></d:error>
/// ```
///
/// Conditions come in the order written; [`ErrorWriter::message`] and
/// [`ErrorWriter::exception`] add sabre/dav's elements (namespace [`SABRE`]), which clients
/// of sabre/dav show. What would not read back identically is refused, and nothing of the
/// refused call is written: an href, message or exception with white space at an end
/// ([`ErrorKind::UntrimmedValue`]: the reader trims them) or a character XML does not allow
/// ([`ErrorKind::InvalidChar`]); an extension condition whose local name is not an ASCII
/// name, whose namespace is empty, reserved, sabre's or longer than
/// [`MAX_CONDITION_URI_LEN`] ([`ErrorKind::InvalidName`]); a second message or exception
/// ([`ErrorKind::DuplicateElement`]: the reader reads the first). An error stops the writer: every
/// later call returns it. A sink that fails is [`ErrorKind::BufferTooSmall`] at the bytes
/// written so far.
///
/// ```
/// use multistatus::dav_error::{CalDavCondition, Condition, ErrorBody, ErrorWriter};
/// use multistatus::writer::SliceSink;
///
/// let mut buf = [0u8; 512];
/// let mut w = ErrorWriter::new(SliceSink::new(&mut buf))?;
/// w.condition_with_hrefs(Condition::CalDav(CalDavCondition::NoUidConflict), &["/cal/a.ics"])?;
/// w.message("UID already in use")?;
/// let body = w.finish()?.into_bytes();
///
/// let e = ErrorBody::parse(body)?;
/// let c = e.conditions().next().unwrap()?;
/// assert_eq!(c.condition(), Condition::CalDav(CalDavCondition::NoUidConflict));
/// assert_eq!(c.hrefs().next().unwrap()?.raw(), "/cal/a.ics");
/// assert_eq!(e.message()?.unwrap().raw(), "UID already in use");
/// # Ok::<(), multistatus::Error>(())
/// ```
#[derive(Debug)]
pub struct ErrorWriter<W: fmt::Write> {
    out: W,
    written: usize,
    state: State,
    /// Whether `s:message` was written (the reader reads the first only).
    has_message: bool,
    /// Whether `s:exception` was written.
    has_exception: bool,
}

impl<W: fmt::Write> ErrorWriter<W> {
    /// Writes the XML declaration and the `error` start tag (declaring `d` for `DAV:`, `C`
    /// for CalDAV, `A` for CardDAV and `s` for sabre/dav) into `out`.
    ///
    /// # Errors
    /// [`ErrorKind::BufferTooSmall`] when `out` fails.
    pub fn new(out: W) -> Result<Self, Error> {
        let mut w = ErrorWriter { out, written: 0, state: State::Open, has_message: false, has_exception: false };
        w.put("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:error xmlns:d=\"")?;
        w.put(DAV)?;
        w.put("\" xmlns:C=\"")?;
        w.put(CALDAV)?;
        w.put("\" xmlns:A=\"")?;
        w.put(CARDDAV)?;
        w.put("\" xmlns:s=\"")?;
        w.put(SABRE)?;
        w.put("\">")?;
        Ok(w)
    }

    /// Bytes written so far.
    pub fn written(&self) -> usize {
        self.written
    }

    /// An empty condition element (`<d:valid-sync-token/>`).
    ///
    /// # Errors
    /// As [`ErrorWriter::condition_with_hrefs`].
    pub fn condition(&mut self, c: Condition<'_>) -> Result<(), Error> {
        self.condition_with_hrefs(c, &[])
    }

    /// A condition holding these `DAV:href`s (`lock-token-submitted`, `no-uid-conflict`...).
    /// A [`Condition::Other`] is written in its namespace (see
    /// [`ErrorWriter::other_condition`]).
    ///
    /// # Errors
    /// [`ErrorKind::UntrimmedValue`], [`ErrorKind::InvalidChar`] (an href);
    /// [`ErrorKind::InvalidName`] (an `Other`'s name); [`ErrorKind::WriterState`] after
    /// [`ErrorWriter::finish`]; [`ErrorKind::BufferTooSmall`].
    pub fn condition_with_hrefs(&mut self, c: Condition<'_>, hrefs: &[&str]) -> Result<(), Error> {
        let (prefix, local) = match c {
            Condition::Dav(d) => ("d", d.local()),
            Condition::CalDav(d) => ("C", d.local()),
            Condition::CardDav(d) => ("A", d.local()),
            Condition::Other(n) => {
                // The namespace as the reader resolved it, unescaped (a URI is short).
                let mut buf = [0u8; MAX_CONDITION_URI_LEN];
                let uri = n.namespace().uri().unescape_into(&mut buf);
                return self.step(|w| {
                    let uri = uri.map_err(|_| w.refuse(ErrorKind::InvalidName))?;
                    w.other(uri, n.local(), hrefs)
                });
            }
        };
        self.step(|w| {
            w.check_hrefs(hrefs)?;
            w.element_with_hrefs(prefix, local, None, hrefs)
        })
    }

    /// An extension condition `{ns}local` holding these `DAV:href`s, its namespace declared
    /// on it (prefix `x`).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidName`]: `local` is not an ASCII XML name (a letter or `_`, then
    /// letters, digits, `-`, `_`, `.`) of at most [`MAX_CONDITION_LOCAL_LEN`] bytes, or `ns`
    /// is empty, the `xml` or `xmlns` URI, sabre's namespace (read as extension text, not a
    /// condition), holds a character XML does not allow, or is longer than
    /// [`MAX_CONDITION_URI_LEN`]; and as [`ErrorWriter::condition_with_hrefs`].
    pub fn other_condition(&mut self, ns: &str, local: &str, hrefs: &[&str]) -> Result<(), Error> {
        self.step(|w| w.other(ns, local, hrefs))
    }

    /// sabre/dav's `s:message`: the server's words for the client to show. At most one: the
    /// reader reads the first.
    ///
    /// # Errors
    /// [`ErrorKind::UntrimmedValue`], [`ErrorKind::InvalidChar`], [`ErrorKind::WriterState`],
    /// [`ErrorKind::BufferTooSmall`]; [`ErrorKind::DuplicateElement`] for a second message.
    pub fn message(&mut self, text: &str) -> Result<(), Error> {
        self.sabre_text("message", text, |w| &mut w.has_message)
    }

    /// sabre/dav's `s:exception` (the exception's class name). At most one.
    ///
    /// # Errors
    /// As [`ErrorWriter::message`].
    pub fn exception(&mut self, text: &str) -> Result<(), Error> {
        self.sabre_text("exception", text, |w| &mut w.has_exception)
    }

    /// Writes the `error` end tag and gives the sink back.
    ///
    /// # Errors
    /// The error that stopped the writer; [`ErrorKind::WriterState`] after a first
    /// `finish`; [`ErrorKind::BufferTooSmall`].
    pub fn finish(mut self) -> Result<W, Error> {
        self.step(|w| w.put("</d:error>\n"))?;
        self.state = State::Done;
        Ok(self.out)
    }

    // --- the parts ----------------------------------------------------------------------------

    /// Writes sabre's `s:local` holding `text`, once: `written` is its kind's flag, and a
    /// second is refused ([`ErrorKind::DuplicateElement`]: the reader reads the first only).
    fn sabre_text(&mut self, local: &str, text: &str, written: fn(&mut Self) -> &mut bool) -> Result<(), Error> {
        self.step(|w| {
            if *written(w) {
                return Err(w.refuse(ErrorKind::DuplicateElement));
            }
            w.check_value(text)?;
            w.put("<s:")?;
            w.put(local)?;
            w.put(">")?;
            w.put_escaped(text)?;
            w.put("</s:")?;
            w.put(local)?;
            w.put(">")?;
            *written(w) = true;
            Ok(())
        })
    }

    fn other(&mut self, ns: &str, local: &str, hrefs: &[&str]) -> Result<(), Error> {
        let bad_ns = ns.is_empty()
            || ns.len() > MAX_CONDITION_URI_LEN
            || ns == XML_URI
            || ns == XMLNS_URI
            || ns == SABRE
            || !ns.chars().all(is_xml_char);
        if bad_ns || !is_ascii_name(local) {
            return Err(self.refuse(ErrorKind::InvalidName));
        }
        self.check_hrefs(hrefs)?;
        self.element_with_hrefs("x", local, Some(ns), hrefs)
    }

    fn element_with_hrefs(&mut self, prefix: &str, local: &str, ns: Option<&str>, hrefs: &[&str]) -> Result<(), Error> {
        self.put("<")?;
        self.put(prefix)?;
        self.put(":")?;
        self.put(local)?;
        if let Some(ns) = ns {
            self.put(" xmlns:x=\"")?;
            self.put_escaped(ns)?;
            self.put("\"")?;
        }
        if hrefs.is_empty() {
            return self.put("/>");
        }
        self.put(">")?;
        for h in hrefs {
            self.put("<d:href>")?;
            self.put_escaped(h)?;
            self.put("</d:href>")?;
        }
        self.put("</")?;
        self.put(prefix)?;
        self.put(":")?;
        self.put(local)?;
        self.put(">")
    }

    fn check_hrefs(&self, hrefs: &[&str]) -> Result<(), Error> {
        hrefs.iter().try_for_each(|h| self.check_value(h))
    }

    /// A value the reader trims: no white space at its ends, XML characters only.
    fn check_value(&self, s: &str) -> Result<(), Error> {
        if !s.chars().all(is_xml_char) {
            return Err(self.refuse(ErrorKind::InvalidChar));
        }
        if crate::text::has_white_space_end(s) { Err(self.refuse(ErrorKind::UntrimmedValue)) } else { Ok(()) }
    }

    // --- low-level output ---------------------------------------------------------------------

    /// Runs `f` when open; an error stops the writer for good.
    fn step(&mut self, f: impl FnOnce(&mut Self) -> Result<(), Error>) -> Result<(), Error> {
        match self.state {
            State::Failed(e) => return Err(e),
            State::Done => return Err(self.refuse(ErrorKind::WriterState)),
            State::Open => {}
        }
        let r = f(self);
        if let Err(e) = r {
            self.state = State::Failed(e);
        }
        r
    }

    fn refuse(&self, kind: ErrorKind) -> Error {
        Error::new(kind, self.written)
    }

    fn put(&mut self, s: &str) -> Result<(), Error> {
        self.out.write_str(s).map_err(|_| Error::new(ErrorKind::BufferTooSmall, self.written))?;
        self.written = self.written.saturating_add(s.len());
        Ok(())
    }

    /// Text and attribute values alike: `&`, `<`, `>`, `"` and CR, tab, LF as references (so
    /// that neither line-end nor attribute normalisation changes them).
    fn put_escaped(&mut self, s: &str) -> Result<(), Error> {
        // The attribute escaping escapes all of these.
        crate::write::escaped(s, true, |piece| self.put(piece))
    }
}

/// An ASCII XML name without `:` (a subset of `NCName`), at most
/// [`MAX_CONDITION_LOCAL_LEN`] bytes.
fn is_ascii_name(s: &str) -> bool {
    let mut bytes = s.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
    first_ok
        && s.len() <= MAX_CONDITION_LOCAL_LEN
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}
