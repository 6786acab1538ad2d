//! The answer to a LOCK request (RFC 4918 §9.10, §14.18): a `DAV:prop` root holding the
//! `lockdiscovery` property of the locked resource. Its active locks are read by the
//! property's accessor, [`crate::props::lock_discovery`]; [`write()`] writes one.
//!
//! ```
//! use multistatus::lock_answer::LockAnswer;
//! use multistatus::props::LockScope;
//!
//! let body = br#"<?xml version="1.0" encoding="utf-8"?>
//! <D:prop xmlns:D="DAV:"><D:lockdiscovery><D:activelock>
//!   <D:locktype><D:write/></D:locktype><D:lockscope><D:exclusive/></D:lockscope>
//!   <D:depth>infinity</D:depth><D:timeout>Second-604800</D:timeout>
//!   <D:locktoken><D:href>urn:uuid:e71d4fae-5dec-22d6-fea5-00a0c91e6be4</D:href></D:locktoken>
//!   <D:lockroot><D:href>http://example.com/workspace/webdav/proposal.doc</D:href></D:lockroot>
//! </D:activelock></D:lockdiscovery></D:prop>"#;
//! let answer = LockAnswer::parse(body)?;
//! let lock = answer.locks()?.next().unwrap();
//! assert_eq!(lock.scope(), LockScope::Exclusive);
//! assert_eq!(lock.lock_token().unwrap().raw(), "urn:uuid:e71d4fae-5dec-22d6-fea5-00a0c91e6be4");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod writer;

pub use writer::{ActiveLockBody, write};

use crate::document::Document;
use crate::element::{Element, Node};
use crate::error::{Error, ErrorKind};
use crate::multistatus::{Options, QuirkLog};
use crate::props::{self, ActiveLocks, PropError};

/// A LOCK answer: its `prop` root and the `lockdiscovery` in it. `D`, `NS`, `B`: the
/// capacities of the reader that checked it.
#[derive(Clone, Debug)]
pub struct LockAnswer<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    prop: Element<'a, D, NS, B>,
    discovery: Element<'a, D, NS, B>,
    quirks: QuirkLog,
}

impl<'a> LockAnswer<'a> {
    /// Reads `body` (checked whole) as a LOCK answer, with the default capacities and
    /// options.
    ///
    /// # Errors
    /// As [`LockAnswer::with_options`].
    pub fn parse(body: &'a [u8]) -> Result<Self, Error> {
        Self::with_options(body, Options::default())
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> LockAnswer<'a, D, NS, B> {
    /// Reads `body` as a LOCK answer, with these options (only
    /// [`Options::unbound_dav_prefix`] applies) and the capacities of the type. The whole
    /// body is checked first ([`Document::with_options`]).
    ///
    /// # Errors
    /// As [`Document::with_options`] and [`LockAnswer::from_element`].
    pub fn with_options(body: &'a [u8], options: Options) -> Result<Self, Error> {
        let doc = Document::<'a, D, NS, B>::with_options(body, options)?;
        let quirks = *doc.quirks();
        let mut answer = Self::from_element(doc.into_root())?;
        answer.quirks = quirks;
        Ok(answer)
    }

    /// Reads an element of a checked body as a LOCK answer's `prop`: its `lockdiscovery`
    /// child is found (other children, extension properties and text, are passed over).
    ///
    /// # Errors
    /// [`ErrorKind::UnexpectedRoot`] at the element when it is not `DAV:prop`;
    /// [`ErrorKind::MissingElement`] at it when it holds no `lockdiscovery`;
    /// [`ErrorKind::DuplicateElement`] at the second `lockdiscovery`.
    pub fn from_element(prop: Element<'a, D, NS, B>) -> Result<Self, Error> {
        if !prop.name().is_dav("prop") {
            return Err(Error::new(ErrorKind::UnexpectedRoot, prop.offset()));
        }
        let mut discovery = None;
        for child in prop.children() {
            if let Node::Element(e) = child?
                && e.name().is_dav("lockdiscovery")
            {
                if discovery.is_some() {
                    return Err(Error::new(ErrorKind::DuplicateElement, e.offset()));
                }
                discovery = Some(e);
            }
        }
        let Some(discovery) = discovery else {
            return Err(Error::new(ErrorKind::MissingElement, prop.offset()));
        };
        Ok(LockAnswer { prop, discovery, quirks: QuirkLog::default() })
    }

    /// The `prop` root.
    pub fn prop(&self) -> &Element<'a, D, NS, B> {
        &self.prop
    }

    /// The `lockdiscovery` element.
    pub fn lock_discovery(&self) -> &Element<'a, D, NS, B> {
        &self.discovery
    }

    /// The active locks, read by [`props::lock_discovery`] (a LOCK answer has the one just
    /// granted, or refreshed).
    ///
    /// # Errors
    /// As [`props::lock_discovery`].
    pub fn locks(&self) -> Result<ActiveLocks<'a, D, NS, B>, PropError> {
        props::lock_discovery(&self.discovery)
    }

    /// The quirks tolerated while checking the body (none for [`LockAnswer::from_element`]).
    pub fn quirks(&self) -> &QuirkLog {
        &self.quirks
    }
}
