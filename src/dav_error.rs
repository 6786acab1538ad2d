//! `DAV:error` bodies (RFC 4918 §16): the preconditions and postconditions a server names
//! when it refuses a request (a 403, 409, 412, 423, 507... with an XML body), typed, and the
//! text of the extension elements servers add, such as sabre/dav's `s:message` and
//! `s:exception`, so that a client can show the server's own words.
//!
//! [`ErrorBody::parse`] reads a whole body (checked whole first, as [`crate::document`]
//! does); [`ErrorBody::from_element`] reads the `error` element of a multistatus response or
//! propstat ([`crate::Response::error`], [`crate::PropStat::error`]). Each child element of
//! the `error` is a [`Condition`]: one of the named conditions of RFC 4918, RFC 3744, RFC
//! 3253, RFC 4331, RFC 6578, CalDAV (RFC 4791) and CardDAV (RFC 6352), or
//! [`Condition::Other`] with its name; its content is an [`Element`] (the `href`s of
//! `lock-token-submitted`, the resources of `need-privileges`...).
//!
//! ```
//! use multistatus::dav_error::{Condition, DavCondition, ErrorBody};
//!
//! let body = br#"<?xml version="1.0" encoding="utf-8"?>
//! <d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">
//!   <d:valid-sync-token/>
//!   <s:exception>Sabre\DAV\Exception\InvalidSyncToken</s:exception>
//!   <s:message>Invalid or unknown sync token</s:message>
//! </d:error>"#;
//! let e = ErrorBody::parse(body)?;
//! let first = e.conditions().next().unwrap()?;
//! assert_eq!(first.condition(), Condition::Dav(DavCondition::ValidSyncToken));
//! assert!(e.has(Condition::Dav(DavCondition::ValidSyncToken))?);
//! assert_eq!(e.message()?.unwrap().raw(), "Invalid or unknown sync token");
//! assert_eq!(e.exception()?.unwrap().raw(), "Sabre\\DAV\\Exception\\InvalidSyncToken");
//! # Ok::<(), multistatus::Error>(())
//! ```

mod writer;

pub use writer::{ErrorWriter, MAX_CONDITION_LOCAL_LEN, MAX_CONDITION_URI_LEN};

use crate::document::Document;
use crate::element::{Children, Element, Node};
use crate::error::{Error, ErrorKind};
use crate::multistatus::{Options, QuirkLog};
use crate::names::{DAV, Name};
use crate::props::{CALDAV, CARDDAV};
use crate::text::Text;

/// The namespace of sabre/dav's extension elements (`s:message`, `s:exception`,
/// `s:sabredav-version`...).
pub const SABRE: &str = "http://sabredav.org/ns";

/// An enum of condition names in one namespace, with its table of local names.
macro_rules! conditions {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $local:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// Every condition of this namespace, in the order of the enum.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The element's local name.
            pub const fn local(self) -> &'static str {
                match self {
                    $($name::$variant => $local,)*
                }
            }

            /// The condition whose element's local name is `local`.
            pub fn from_local(local: &str) -> Option<Self> {
                match local {
                    $($local => Some($name::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

conditions! {
    /// The conditions in the `DAV:` namespace.
    DavCondition {
        // --- RFC 4918 §16 ----------------------------------------------------------------
        /// `lock-token-matches-request-uri` (RFC 4918 §16): the UNLOCK request URL is not in
        /// the lock's scope.
        LockTokenMatchesRequestUri = "lock-token-matches-request-uri",
        /// `lock-token-submitted` (RFC 4918 §16): a lock token was needed; its `href`s name the
        /// locked resources.
        LockTokenSubmitted = "lock-token-submitted",
        /// `no-conflicting-lock` (RFC 4918 §16): a conflicting lock exists; its `href`s may name
        /// the lock roots.
        NoConflictingLock = "no-conflicting-lock",
        /// `no-external-entities` (RFC 4918 §16): the server refuses external entities.
        NoExternalEntities = "no-external-entities",
        /// `preserved-live-properties` (RFC 4918 §16): a COPY or MOVE could not keep a live
        /// property.
        PreservedLiveProperties = "preserved-live-properties",
        /// `propfind-finite-depth` (RFC 4918 §16): `Depth: infinity` PROPFIND refused.
        PropfindFiniteDepth = "propfind-finite-depth",
        /// `cannot-modify-protected-property` (RFC 4918 §16): a PROPPATCH of a protected
        /// property.
        CannotModifyProtectedProperty = "cannot-modify-protected-property",
        // --- RFC 3744 (ACL) ----------------------------------------------------------------
        /// `need-privileges` (RFC 3744 §7.1.1): the privileges missing, per `resource`.
        NeedPrivileges = "need-privileges",
        /// `no-ace-conflict` (RFC 3744 §8.1.1).
        NoAceConflict = "no-ace-conflict",
        /// `no-protected-ace-conflict` (RFC 3744 §8.1.1).
        NoProtectedAceConflict = "no-protected-ace-conflict",
        /// `no-inherited-ace-conflict` (RFC 3744 §8.1.1).
        NoInheritedAceConflict = "no-inherited-ace-conflict",
        /// `limited-number-of-aces` (RFC 3744 §8.1.1).
        LimitedNumberOfAces = "limited-number-of-aces",
        /// `deny-before-grant` (RFC 3744 §8.1.1).
        DenyBeforeGrant = "deny-before-grant",
        /// `grant-only` (RFC 3744 §8.1.1).
        GrantOnly = "grant-only",
        /// `no-invert` (RFC 3744 §8.1.1).
        NoInvert = "no-invert",
        /// `no-abstract` (RFC 3744 §8.1.1).
        NoAbstract = "no-abstract",
        /// `not-supported-privilege` (RFC 3744 §8.1.1).
        NotSupportedPrivilege = "not-supported-privilege",
        /// `missing-required-principal` (RFC 3744 §8.1.1).
        MissingRequiredPrincipal = "missing-required-principal",
        /// `recognized-principal` (RFC 3744 §8.1.1).
        RecognizedPrincipal = "recognized-principal",
        /// `allowed-principal` (RFC 3744 §8.1.1).
        AllowedPrincipal = "allowed-principal",
        // --- RFC 3253 (versioning), used by CalDAV, CardDAV and REPORT ----------------------
        /// `resource-must-be-null` (RFC 3253 §3.5.1; MKCALENDAR, RFC 4791 §5.3.1.1): the
        /// request URL is taken.
        ResourceMustBeNull = "resource-must-be-null",
        /// `supported-report` (RFC 3253 §3.6): the REPORT is not supported there.
        SupportedReport = "supported-report",
        // --- RFC 4331 (quota) ----------------------------------------------------------------
        /// `quota-not-exceeded` (RFC 4331 §6): the quota would be exceeded.
        QuotaNotExceeded = "quota-not-exceeded",
        /// `sufficient-disk-space` (RFC 4331 §6): the server has no room.
        SufficientDiskSpace = "sufficient-disk-space",
        // --- RFC 6578 (collection synchronization) -----------------------------------------
        /// `valid-sync-token` (RFC 6578 §3.2): the sync-token is unknown or expired; sync
        /// again from scratch.
        ValidSyncToken = "valid-sync-token",
        /// `sync-traversal-supported` (RFC 6578 §3.3): `sync-level: infinite` refused.
        SyncTraversalSupported = "sync-traversal-supported",
        /// `number-of-matches-within-limits` (RFC 6578 §3.6, RFC 6352 §8.6.5, RFC 5323): the
        /// answer is truncated (with a `507`).
        NumberOfMatchesWithinLimits = "number-of-matches-within-limits",
    }
}

conditions! {
    /// The conditions in the CalDAV namespace (`urn:ietf:params:xml:ns:caldav`, RFC 4791
    /// §5.3.1, §5.3.2.1, §7, §9).
    CalDavCondition {
        /// `calendar-collection-location-ok` (§5.3.1.1, §5.3.2.1).
        CalendarCollectionLocationOk = "calendar-collection-location-ok",
        /// `initialize-calendar-collection` (postcondition, §5.3.1.1).
        InitializeCalendarCollection = "initialize-calendar-collection",
        /// `supported-calendar-data` (§5.3.2.1, §9.6).
        SupportedCalendarData = "supported-calendar-data",
        /// `valid-calendar-data` (§5.3.1.1, §5.3.2.1).
        ValidCalendarData = "valid-calendar-data",
        /// `valid-calendar-object-resource` (§5.3.2.1).
        ValidCalendarObjectResource = "valid-calendar-object-resource",
        /// `supported-calendar-component` (§5.3.2.1).
        SupportedCalendarComponent = "supported-calendar-component",
        /// `no-uid-conflict` (§5.3.2.1): its `href` names the resource with the same UID.
        NoUidConflict = "no-uid-conflict",
        /// `max-resource-size` (§5.3.2.1).
        MaxResourceSize = "max-resource-size",
        /// `min-date-time` (§5.3.2.1).
        MinDateTime = "min-date-time",
        /// `max-date-time` (§5.3.2.1).
        MaxDateTime = "max-date-time",
        /// `max-instances` (§5.3.2.1).
        MaxInstances = "max-instances",
        /// `max-attendees-per-instance` (§5.3.2.1).
        MaxAttendeesPerInstance = "max-attendees-per-instance",
        /// `valid-filter` (§7.7, §9.7).
        ValidFilter = "valid-filter",
        /// `supported-filter` (§7.7).
        SupportedFilter = "supported-filter",
        /// `supported-collation` (§7.5.1).
        SupportedCollation = "supported-collation",
        /// `valid-timezone` (§7.8.1 `timezone` of a query).
        ValidTimezone = "valid-timezone",
    }
}

conditions! {
    /// The conditions in the CardDAV namespace (`urn:ietf:params:xml:ns:carddav`, RFC 6352
    /// §6.3.1, §6.3.2.1, §8).
    CardDavCondition {
        /// `addressbook-collection-location-ok` (§6.3.1.1, §6.3.2.1).
        AddressbookCollectionLocationOk = "addressbook-collection-location-ok",
        /// `supported-address-data` (§6.3.2.1, §8.6).
        SupportedAddressData = "supported-address-data",
        /// `valid-address-data` (§6.3.2.1).
        ValidAddressData = "valid-address-data",
        /// `no-uid-conflict` (§6.3.2.1): its `href` names the resource with the same UID.
        NoUidConflict = "no-uid-conflict",
        /// `max-resource-size` (§6.3.2.1).
        MaxResourceSize = "max-resource-size",
        /// `supported-filter` (§8.6, §10.5).
        SupportedFilter = "supported-filter",
        /// `supported-collation` (§8.3).
        SupportedCollation = "supported-collation",
        /// `supported-address-data-conversion` (§8.7.1).
        SupportedAddressDataConversion = "supported-address-data-conversion",
    }
}

/// A precondition or postcondition: what one child element of a `DAV:error` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Condition<'a> {
    /// A condition of the `DAV:` namespace.
    Dav(DavCondition),
    /// A CalDAV condition.
    CalDav(CalDavCondition),
    /// A CardDAV condition.
    CardDav(CardDavCondition),
    /// Any other element (an extension's condition, sabre's `s:message`...), by name.
    Other(Name<'a>),
}

impl<'a> Condition<'a> {
    /// The condition an element named `name` states.
    pub fn of(name: Name<'a>) -> Self {
        let (ns, local) = (name.namespace(), name.local());
        let known = if ns.is_dav() {
            DavCondition::from_local(local).map(Condition::Dav)
        } else if ns.eq_uri(CALDAV) {
            CalDavCondition::from_local(local).map(Condition::CalDav)
        } else if ns.eq_uri(CARDDAV) {
            CardDavCondition::from_local(local).map(Condition::CardDav)
        } else {
            None
        };
        known.unwrap_or(Condition::Other(name))
    }

    /// The element's namespace URI and local name (for `Other`, as resolved in the body; its
    /// URI then may hold references: read it from the [`Name`]).
    pub fn namespace_and_local(&self) -> (&'a str, &'a str) {
        match *self {
            Condition::Dav(c) => (DAV, c.local()),
            Condition::CalDav(c) => (CALDAV, c.local()),
            Condition::CardDav(c) => (CARDDAV, c.local()),
            Condition::Other(n) => (n.namespace().uri().raw(), n.local()),
        }
    }
}

/// One child element of a `DAV:error`: the condition it names and the element itself (its
/// content, attributes, children).
#[derive(Clone, Debug)]
pub struct ConditionElement<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    condition: Condition<'a>,
    element: Element<'a, D, NS, B>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> ConditionElement<'a, D, NS, B> {
    /// The condition.
    pub fn condition(&self) -> Condition<'a> {
        self.condition
    }

    /// The element.
    pub fn element(&self) -> &Element<'a, D, NS, B> {
        &self.element
    }

    /// The `DAV:href` children's values, trimmed (the locked resources of
    /// `lock-token-submitted`, the conflicting resource of `no-uid-conflict`...), in order;
    /// other children, and an `href` holding elements (an href holds text only), are passed
    /// over.
    pub fn hrefs(&self) -> Hrefs<'a, D, NS, B> {
        Hrefs { children: self.element.children() }
    }
}

/// Iterator over the `DAV:href` children of a condition (see [`ConditionElement::hrefs`]).
#[derive(Clone, Debug)]
pub struct Hrefs<'a, const D: usize, const NS: usize, const B: usize> {
    children: Children<'a, D, NS, B>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Iterator for Hrefs<'a, D, NS, B> {
    type Item = Result<Text<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.children.next()? {
                Ok(Node::Element(e)) if e.name().is_dav("href") => {
                    if let Some(t) = e.text() {
                        return Some(Ok(t.trim()));
                    }
                }
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// A `DAV:error` element read as an error body. `D`, `NS`, `B`: the capacities of the
/// reader that checked it.
#[derive(Clone, Debug)]
pub struct ErrorBody<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    element: Element<'a, D, NS, B>,
    quirks: QuirkLog,
}

impl<'a> ErrorBody<'a> {
    /// Reads `body` (checked whole) as a `DAV:error` body, with the default capacities and
    /// options.
    ///
    /// # Errors
    /// As [`ErrorBody::with_options`].
    pub fn parse(body: &'a [u8]) -> Result<Self, Error> {
        Self::with_options(body, Options::default())
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> ErrorBody<'a, D, NS, B> {
    /// Reads `body` as a `DAV:error` body, with these options (only
    /// [`Options::unbound_dav_prefix`] applies) and the capacities of the type. The whole
    /// body is checked first ([`Document::with_options`]).
    ///
    /// # Errors
    /// As [`Document::with_options`]; [`ErrorKind::UnexpectedRoot`] at the root when it is
    /// not `DAV:error`.
    pub fn with_options(body: &'a [u8], options: Options) -> Result<Self, Error> {
        let doc = Document::<'a, D, NS, B>::with_options(body, options)?;
        let quirks = *doc.quirks();
        let mut e = Self::from_element(doc.into_root())?;
        e.quirks = quirks;
        Ok(e)
    }

    /// Reads an element of a checked body (a multistatus response's or propstat's `error`,
    /// [`Document::root`]) as a `DAV:error`.
    ///
    /// # Errors
    /// [`ErrorKind::UnexpectedRoot`] at the element when it is not `DAV:error`.
    pub fn from_element(element: Element<'a, D, NS, B>) -> Result<Self, Error> {
        if !element.name().is_dav("error") {
            return Err(Error::new(ErrorKind::UnexpectedRoot, element.offset()));
        }
        Ok(ErrorBody { element, quirks: QuirkLog::default() })
    }

    /// The `error` element.
    pub fn element(&self) -> &Element<'a, D, NS, B> {
        &self.element
    }

    /// The quirks tolerated while checking the body (none for [`ErrorBody::from_element`]).
    pub fn quirks(&self) -> &QuirkLog {
        &self.quirks
    }

    /// The conditions: every child element, in document order, except those in the
    /// [`SABRE`] namespace (read them with [`ErrorBody::message`],
    /// [`ErrorBody::exception`], [`ErrorBody::extension_text`]). Text between them (an
    /// `error` may hold any content, RFC 4918 §14.5) is passed over.
    pub fn conditions(&self) -> Conditions<'a, D, NS, B> {
        Conditions { children: self.element.children() }
    }

    /// Whether the body names `condition`.
    ///
    /// # Errors
    /// As [`Element::children`] (never for a checked body).
    pub fn has(&self, condition: Condition<'_>) -> Result<bool, Error> {
        for c in self.conditions() {
            if c?.condition == condition {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The text of sabre/dav's `s:message`, trimmed: the server's own words.
    ///
    /// # Errors
    /// As [`ErrorBody::extension_text`].
    pub fn message(&self) -> Result<Option<Text<'a>>, Error> {
        self.extension_text(SABRE, "message")
    }

    /// The text of sabre/dav's `s:exception` (the exception's class), trimmed.
    ///
    /// # Errors
    /// As [`ErrorBody::extension_text`].
    pub fn exception(&self) -> Result<Option<Text<'a>>, Error> {
        self.extension_text(SABRE, "exception")
    }

    /// The text, trimmed, of the first child element `{ns}local` (`None`: there is none, or
    /// it holds elements).
    ///
    /// # Errors
    /// As [`Element::children`] (never for a checked body).
    pub fn extension_text(&self, ns: &str, local: &str) -> Result<Option<Text<'a>>, Error> {
        for child in self.element.children() {
            if let Node::Element(e) = child?
                && e.name().is(ns, local)
            {
                return Ok(e.text().map(|t| t.trim()));
            }
        }
        Ok(None)
    }
}

/// Iterator over the conditions of an [`ErrorBody`].
#[derive(Clone, Debug)]
pub struct Conditions<'a, const D: usize, const NS: usize, const B: usize> {
    children: Children<'a, D, NS, B>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Iterator for Conditions<'a, D, NS, B> {
    type Item = Result<ConditionElement<'a, D, NS, B>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.children.next()? {
                Ok(Node::Element(e)) if !e.name().namespace().eq_uri(SABRE) => {
                    return Some(Ok(ConditionElement { condition: Condition::of(e.name()), element: e }));
                }
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}
