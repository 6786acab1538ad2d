//! Writing a LOCK answer (RFC 4918 §9.10, §14.18) without allocation: a `DAV:prop` root
//! holding the `lockdiscovery` of the locked resource, its active locks of type `write`. What
//! is written reads back identically with [`LockAnswer`](super::LockAnswer) and
//! [`props::lock_discovery`](crate::props::lock_discovery) (property-tested).

use core::fmt;

use crate::error::Error;
use crate::names::DAV;
use crate::props::{Depth, LockScope, Timeout};
use crate::request::write::{Out, PropName};
use crate::write::{WriterOptions, decimal};

/// One active lock of a LOCK answer, of type `write` (the only type RFC 4918 defines).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActiveLockBody<'s> {
    /// The scope.
    pub scope: LockScope,
    /// The depth (`0` or `infinity` for a lock; `1` is written as well, and read back).
    pub depth: Depth,
    /// The owner's content as raw XML (`Some("")`: an empty `owner`), checked as a
    /// PROPPATCH value is ([`crate::request::write::proppatch`]).
    pub owner: Option<&'s str>,
    /// The timeout (`Infinite` or `Second-n`).
    pub timeout: Option<Timeout>,
    /// The lock token, written as the `href` of `locktoken` (no white space at either end).
    pub lock_token: Option<&'s str>,
    /// The lock root, written as the `href` of `lockroot` (no white space at either end).
    pub lock_root: Option<&'s str>,
}

/// Writes a LOCK answer holding `locks` (none: an empty `lockdiscovery`) and returns the
/// sink. Everything is checked before the first byte is written: a refusal writes nothing.
///
/// # Errors
/// For an owner that is not well-formed content whose only outside prefix is the DAV one,
/// the check's kind ([`ErrorKind::UnboundPrefix`](crate::ErrorKind::UnboundPrefix),
/// [`ErrorKind::MismatchedEndTag`](crate::ErrorKind::MismatchedEndTag), ...);
/// [`ErrorKind::InvalidChar`](crate::ErrorKind::InvalidChar) and
/// [`ErrorKind::UntrimmedValue`](crate::ErrorKind::UntrimmedValue) for a token or a root
/// (the reader trims them); [`ErrorKind::InvalidName`](crate::ErrorKind::InvalidName) for
/// options the writer cannot declare;
/// [`ErrorKind::BufferTooSmall`](crate::ErrorKind::BufferTooSmall) when `out` fails.
///
/// ```
/// use multistatus::lock_answer::{self, ActiveLockBody, LockAnswer};
/// use multistatus::props::{Depth, LockScope, Timeout};
/// use multistatus::writer::{SliceSink, WriterOptions};
///
/// let lock = ActiveLockBody {
///     scope: LockScope::Exclusive,
///     depth: Depth::Infinity,
///     owner: Some("<D:href>http://example.org/~ejw/contact.html</D:href>"),
///     timeout: Some(Timeout::Seconds(604800)),
///     lock_token: Some("urn:uuid:e71d4fae-5dec-22d6-fea5-00a0c91e6be4"),
///     lock_root: Some("http://example.com/workspace/webdav/proposal.doc"),
/// };
/// let mut buf = [0u8; 1024];
/// let out = lock_answer::write(SliceSink::new(&mut buf), WriterOptions::new(), &[lock])?;
/// let answer = LockAnswer::parse(out.as_bytes())?;
/// let back = answer.locks()?.next().unwrap();
/// assert_eq!(back.timeout(), Some(Timeout::Seconds(604800)));
/// assert_eq!(back.lock_root().unwrap().raw(), "http://example.com/workspace/webdav/proposal.doc");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write<W: fmt::Write>(out: W, opts: WriterOptions<'_>, locks: &[ActiveLockBody<'_>]) -> Result<W, Error> {
    let mut o = Out::new(out, opts)?;
    for l in locks {
        if let Some(raw) = l.owner {
            o.check_raw(raw, false)?;
        }
        l.lock_token.map_or(Ok(()), |t| o.check_trimmed(t))?;
        l.lock_root.map_or(Ok(()), |r| o.check_trimmed(r))?;
    }
    let root = PropName::new(DAV, "prop");
    o.start(&root)?;
    if locks.is_empty() {
        o.open_dav(1, "lockdiscovery", true)?;
    } else {
        o.open_dav(1, "lockdiscovery", false)?;
        for l in locks {
            active_lock(&mut o, l)?;
        }
        o.close_dav(1, "lockdiscovery")?;
    }
    o.finish(&root)
}

/// One `activelock`, at level 2.
fn active_lock<W: fmt::Write>(o: &mut Out<'_, W>, l: &ActiveLockBody<'_>) -> Result<(), Error> {
    o.open_dav(2, "activelock", false)?;
    o.open_dav(3, "locktype", false)?;
    o.open_dav(4, "write", true)?;
    o.close_dav(3, "locktype")?;
    o.open_dav(3, "lockscope", false)?;
    o.open_dav(4, if l.scope == LockScope::Exclusive { "exclusive" } else { "shared" }, true)?;
    o.close_dav(3, "lockscope")?;
    let depth = match l.depth {
        Depth::Zero => "0",
        Depth::One => "1",
        Depth::Infinity => "infinity",
    };
    o.text_dav(3, "depth", depth)?;
    if let Some(raw) = l.owner {
        o.open_dav(3, "owner", raw.is_empty())?;
        if !raw.is_empty() {
            o.put(raw)?;
            o.close_inline(&PropName::new(DAV, "owner"))?;
        }
    }
    match l.timeout {
        Some(Timeout::Infinite) => o.text_dav(3, "timeout", "Infinite")?,
        Some(Timeout::Seconds(n)) => {
            let mut digits = [0u8; 20];
            let n = decimal(u64::from(n), &mut digits);
            o.open_dav(3, "timeout", false)?;
            o.put("Second-")?;
            o.put(n)?;
            o.close_inline(&PropName::new(DAV, "timeout"))?;
        }
        None => {}
    }
    href_in(o, "locktoken", l.lock_token)?;
    href_in(o, "lockroot", l.lock_root)?;
    o.close_dav(2, "activelock")
}

/// `<D:wrapper><D:href>href</D:href></D:wrapper>` at level 3, when there is an href.
fn href_in<W: fmt::Write>(o: &mut Out<'_, W>, wrapper: &str, href: Option<&str>) -> Result<(), Error> {
    let Some(href) = href else { return Ok(()) };
    o.open_dav(3, wrapper, false)?;
    o.text_dav(4, "href", href)?;
    o.close_dav(3, wrapper)
}
