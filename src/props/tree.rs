//! Values made of elements: resource types, locks, principals, privileges, href sets and
//! calendar component sets.
//!
//! Each accessor reads the whole value once and checks it; the iterators it returns read the
//! same elements again with the same steps, so they cannot meet an error the check did not
//! (the same reader over the same bytes) and yield plain items. Unknown elements where these
//! values allow a set of known ones are skipped (RFC 4918 §17), beside a `lockscope`'s or a
//! `locktype`'s value too; a `lockscope` with no known scope is an error (the set is closed).

use super::chars::{RawChars, eq_ignore_ascii_case, first_non_space};
use super::error::{CALDAV, CARDDAV, PropError, PropErrorKind, Property};
use super::value::{Depth, Timeout, parse_depth, parse_timeout};
use crate::element::{Children, Element, Node};
use crate::names::Name;
use crate::offset::plus;
use crate::text::Text;

/// Whether `e` is `{DAV:}local`.
fn is_dav<const D: usize, const NS: usize, const B: usize>(e: &Element<'_, D, NS, B>, local: &str) -> bool {
    e.name().is_dav(local)
}

fn err_at<const D: usize, const NS: usize, const B: usize>(
    p: Property,
    kind: PropErrorKind,
    e: &Element<'_, D, NS, B>,
) -> PropError {
    PropError::new(p, kind, e.offset())
}

/// `e` is the property `p`, else [`PropErrorKind::WrongProperty`].
pub(crate) fn check<const D: usize, const NS: usize, const B: usize>(
    e: &Element<'_, D, NS, B>,
    p: Property,
) -> Result<(), PropError> {
    if p.matches(&e.name()) { Ok(()) } else { Err(err_at(p, PropErrorKind::WrongProperty, e)) }
}

/// The text of `e` (exact), or [`PropErrorKind::UnexpectedElement`] at its first child element.
pub(crate) fn text_of<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
    p: Property,
) -> Result<Text<'a>, PropError> {
    if let Some(t) = e.text() {
        // An empty-element tag (`<getetag/>`) has no content: its (empty) text is placed at
        // the element, so that `Empty` points at it, not at the byte after it (the next
        // element's).
        return Ok(if t.offset() >= e.end() { Text::content("", e.offset()) } else { t });
    }
    for c in e.children() {
        match c {
            Ok(Node::Element(child)) => return Err(err_at(p, PropErrorKind::UnexpectedElement, &child)),
            Ok(Node::Text(_)) => {}
            Err(err) => return Err(PropError::xml(p, err)),
        }
    }
    Err(err_at(p, PropErrorKind::UnexpectedElement, e))
}

/// The trimmed text of `e`, which must not be empty.
pub(crate) fn nonempty_text<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
    p: Property,
) -> Result<Text<'a>, PropError> {
    let t = text_of(e, p)?;
    if first_non_space(&mut RawChars::new(t.raw())).is_none() {
        return Err(PropError::new(p, PropErrorKind::Empty, t.offset()));
    }
    Ok(t.trim())
}

/// The child elements of an element whose text may only be white space (else
/// [`PropErrorKind::UnexpectedText`]). Fused after an error.
#[derive(Clone, Debug)]
pub(crate) struct Elements<'a, const D: usize, const NS: usize, const B: usize> {
    children: Children<'a, D, NS, B>,
    prop: Property,
    done: bool,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Elements<'a, D, NS, B> {
    pub fn new(e: &Element<'a, D, NS, B>, prop: Property) -> Self {
        Elements { children: e.children(), prop, done: false }
    }

    fn fail(&mut self, e: PropError) -> Option<Result<Element<'a, D, NS, B>, PropError>> {
        self.done = true;
        Some(Err(e))
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Iterator for Elements<'a, D, NS, B> {
    type Item = Result<Element<'a, D, NS, B>, PropError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            match self.children.next()? {
                Ok(Node::Element(e)) => return Some(Ok(e)),
                Ok(Node::Text(t)) => {
                    if let Some(ch) = first_non_space(&mut RawChars::new(t.raw())) {
                        let at = plus!(t.offset(), ch.start);
                        return self.fail(PropError::new(self.prop, PropErrorKind::UnexpectedText, at));
                    }
                }
                Err(e) => return self.fail(PropError::xml(self.prop, e)),
            }
        }
    }
}

/// Steps of a value read element by element: the accessor runs them all once to check the
/// value, the iterator runs them again.
pub(crate) trait Steps: Clone {
    type Item;
    fn step(&mut self) -> Option<Result<Self::Item, PropError>>;
}

/// `s`, once all its steps were run on a copy without error.
fn checked<S: Steps>(s: S) -> Result<S, PropError> {
    let mut probe = s.clone();
    while let Some(r) = probe.step() {
        r?;
    }
    Ok(s)
}

/// The next item of checked steps. An error cannot come (the check ran the same steps over
/// the same bytes); were it to, this would return `None` for it.
fn next_checked<S: Steps>(s: &mut S) -> Option<S::Item> {
    s.step()?.ok()
}

/// Puts `v` in `slot`, once: a second is [`PropErrorKind::DuplicateElement`] at `at`.
fn set_once<T, const D: usize, const NS: usize, const B: usize>(
    slot: &mut Option<T>,
    at: &Element<'_, D, NS, B>,
    p: Property,
    v: impl FnOnce() -> Result<T, PropError>,
) -> Result<(), PropError> {
    if slot.is_some() {
        return Err(err_at(p, PropErrorKind::DuplicateElement, at));
    }
    *slot = Some(v()?);
    Ok(())
}

/// `slot`'s value, or [`PropErrorKind::MissingElement`] at `parent`.
fn required<T, const D: usize, const NS: usize, const B: usize>(
    slot: Option<T>,
    parent: &Element<'_, D, NS, B>,
    p: Property,
) -> Result<T, PropError> {
    slot.ok_or_else(|| err_at(p, PropErrorKind::MissingElement, parent))
}

// --- hrefs ---------------------------------------------------------------------------------

/// The hrefs (`DAV:href`, trimmed) inside an element: `calendar-home-set`,
/// `addressbook-home-set`, a lock's `locktoken`. Other elements are skipped.
#[derive(Clone, Debug)]
pub struct Hrefs<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    elements: Option<Elements<'a, D, NS, B>>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Hrefs<'a, D, NS, B> {
    fn new(e: &Element<'a, D, NS, B>, p: Property) -> Self {
        Hrefs { elements: Some(Elements::new(e, p)) }
    }

    /// No href.
    fn none() -> Self {
        Hrefs { elements: None }
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Steps for Hrefs<'a, D, NS, B> {
    type Item = Text<'a>;
    fn step(&mut self) -> Option<Result<Text<'a>, PropError>> {
        let elements = self.elements.as_mut()?;
        let p = elements.prop;
        loop {
            match elements.next()? {
                Ok(e) if is_dav(&e, "href") => return Some(text_of(&e, p).map(|t| t.trim())),
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Iterator for Hrefs<'a, D, NS, B> {
    type Item = Text<'a>;
    fn next(&mut self) -> Option<Text<'a>> {
        next_checked(self)
    }
}

pub(crate) fn href_set<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
    p: Property,
) -> Result<Hrefs<'a, D, NS, B>, PropError> {
    check(e, p)?;
    checked(Hrefs::new(e, p))
}

/// The one `DAV:href` inside `e` (a `lockroot`): none is [`PropErrorKind::MissingElement`], a
/// second [`PropErrorKind::DuplicateElement`].
fn single_href<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
    p: Property,
) -> Result<Text<'a>, PropError> {
    let mut href = None;
    for c in Elements::new(e, p) {
        let c = c?;
        if is_dav(&c, "href") {
            set_once(&mut href, &c, p, || Ok(text_of(&c, p)?.trim()))?;
        }
    }
    required(href, e, p)
}

// --- resourcetype --------------------------------------------------------------------------

const COLLECTION: u8 = 1;
const CALENDAR: u8 = 2;
const ADDRESSBOOK: u8 = 4;
const PRINCIPAL: u8 = 8;

/// A `DAV:resourcetype` (RFC 4918 §15.9): what a resource is. Empty for a plain resource (a
/// file); the common types are flags, and every type (extensions included) is iterable.
#[derive(Clone, Debug)]
pub struct ResourceType<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    element: Element<'a, D, NS, B>,
    flags: u8,
}

impl<'a, const D: usize, const NS: usize, const B: usize> ResourceType<'a, D, NS, B> {
    /// `DAV:collection`.
    pub fn is_collection(&self) -> bool {
        self.flags & COLLECTION != 0
    }

    /// CalDAV's `calendar` (RFC 4791 §4.2).
    pub fn is_calendar(&self) -> bool {
        self.flags & CALENDAR != 0
    }

    /// CardDAV's `addressbook` (RFC 6352 §5.2).
    pub fn is_addressbook(&self) -> bool {
        self.flags & ADDRESSBOOK != 0
    }

    /// `DAV:principal` (RFC 3744 §4).
    pub fn is_principal(&self) -> bool {
        self.flags & PRINCIPAL != 0
    }

    /// Whether one of the types is `{ns}local`.
    pub fn contains(&self, ns: &str, local: &str) -> bool {
        self.types().any(|n| n.is(ns, local))
    }

    /// Every type, in document order: the names of the child elements.
    pub fn types(&self) -> Names<'a, D, NS, B> {
        Names { elements: Elements::new(&self.element, Property::ResourceType) }
    }
}

/// The names of the child elements of an element (the types of a [`ResourceType`]).
#[derive(Clone, Debug)]
pub struct Names<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    elements: Elements<'a, D, NS, B>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Steps for Names<'a, D, NS, B> {
    type Item = Name<'a>;
    fn step(&mut self) -> Option<Result<Name<'a>, PropError>> {
        Some(self.elements.next()?.map(|e| e.name()))
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Iterator for Names<'a, D, NS, B> {
    type Item = Name<'a>;
    fn next(&mut self) -> Option<Name<'a>> {
        next_checked(self)
    }
}

fn type_flag(n: &Name<'_>) -> u8 {
    if n.is_dav("collection") {
        COLLECTION
    } else if n.is(CALDAV, "calendar") {
        CALENDAR
    } else if n.is(CARDDAV, "addressbook") {
        ADDRESSBOOK
    } else if n.is_dav("principal") {
        PRINCIPAL
    } else {
        0
    }
}

pub(crate) fn resource_type<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<ResourceType<'a, D, NS, B>, PropError> {
    let p = Property::ResourceType;
    check(e, p)?;
    let mut flags = 0u8;
    let mut names = Names { elements: Elements::new(e, p) };
    while let Some(n) = names.step() {
        flags |= type_flag(&n?);
    }
    Ok(ResourceType { element: e.clone(), flags })
}

// --- locks ---------------------------------------------------------------------------------

/// A lock's scope (RFC 4918 §14.13).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LockScope {
    /// `DAV:exclusive`.
    Exclusive,
    /// `DAV:shared`.
    Shared,
}

/// A lock's type (RFC 4918 §14.15): `write`, the only one RFC 4918 defines "at present", or
/// another (an extension's), by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockType<'a> {
    /// `DAV:write`.
    Write,
    /// Another lock type.
    Other(Name<'a>),
}

/// A `lockscope`: one of `exclusive` and `shared`. Other elements beside it are passed over
/// (RFC 4918 §17: read as if an element not expected there were not there); a second scope
/// is [`PropErrorKind::DuplicateElement`], no scope [`PropErrorKind::UnknownValue`] at the
/// first other element, or [`PropErrorKind::MissingElement`] when there is none.
fn lock_scope<const D: usize, const NS: usize, const B: usize>(
    e: &Element<'_, D, NS, B>,
    p: Property,
) -> Result<LockScope, PropError> {
    let (mut scope, mut other) = (None, None);
    for c in Elements::new(e, p) {
        let c = c?;
        if is_dav(&c, "exclusive") {
            set_once(&mut scope, &c, p, || Ok(LockScope::Exclusive))?;
        } else if is_dav(&c, "shared") {
            set_once(&mut scope, &c, p, || Ok(LockScope::Shared))?;
        } else if other.is_none() {
            other = Some(c.offset());
        }
    }
    match (scope, other) {
        (Some(scope), _) => Ok(scope),
        (None, Some(at)) => Err(PropError::new(p, PropErrorKind::UnknownValue, at)),
        (None, None) => Err(err_at(p, PropErrorKind::MissingElement, e)),
    }
}

/// A `locktype`: `write` when it is there (other elements beside it passed over, RFC 4918
/// §17; a second `write` is [`PropErrorKind::DuplicateElement`]); else its one element, an
/// extension's lock type (a second is [`PropErrorKind::DuplicateElement`]: which is the type
/// cannot be told), or [`PropErrorKind::MissingElement`] when it holds none.
fn lock_type<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
    p: Property,
) -> Result<LockType<'a>, PropError> {
    let (mut write, mut other, mut second) = (None, None, None);
    for c in Elements::new(e, p) {
        let c = c?;
        if is_dav(&c, "write") {
            set_once(&mut write, &c, p, || Ok(()))?;
        } else if other.is_none() {
            other = Some(c.name());
        } else if second.is_none() {
            second = Some(c.offset());
        }
    }
    if write.is_some() {
        return Ok(LockType::Write);
    }
    if let Some(at) = second {
        return Err(PropError::new(p, PropErrorKind::DuplicateElement, at));
    }
    Ok(LockType::Other(required(other, e, p)?))
}

/// A lock's scope and type: a `lockentry` of `supportedlock` (RFC 4918 §14.10).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LockEntry<'a> {
    /// The scope.
    pub scope: LockScope,
    /// The type.
    pub lock_type: LockType<'a>,
}

fn lock_entry<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
    p: Property,
) -> Result<LockEntry<'a>, PropError> {
    let (mut scope, mut ty) = (None, None);
    for c in Elements::new(e, p) {
        let c = c?;
        if is_dav(&c, "lockscope") {
            set_once(&mut scope, &c, p, || lock_scope(&c, p))?;
        } else if is_dav(&c, "locktype") {
            set_once(&mut ty, &c, p, || lock_type(&c, p))?;
        }
    }
    Ok(LockEntry { scope: required(scope, e, p)?, lock_type: required(ty, e, p)? })
}

/// The lock entries of a `DAV:supportedlock` (RFC 4918 §15.10), in document order.
#[derive(Clone, Debug)]
pub struct LockEntries<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    elements: Elements<'a, D, NS, B>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Steps for LockEntries<'a, D, NS, B> {
    type Item = LockEntry<'a>;
    fn step(&mut self) -> Option<Result<LockEntry<'a>, PropError>> {
        let p = self.elements.prop;
        loop {
            match self.elements.next()? {
                Ok(e) if is_dav(&e, "lockentry") => return Some(lock_entry(&e, p)),
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Iterator for LockEntries<'a, D, NS, B> {
    type Item = LockEntry<'a>;
    fn next(&mut self) -> Option<LockEntry<'a>> {
        next_checked(self)
    }
}

pub(crate) fn supported_lock<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<LockEntries<'a, D, NS, B>, PropError> {
    let p = Property::SupportedLock;
    check(e, p)?;
    checked(LockEntries { elements: Elements::new(e, p) })
}

/// An active lock of a `DAV:lockdiscovery` (RFC 4918 §14.1): `lockscope`, `locktype` and
/// `depth` are required; `owner`, `timeout`, `locktoken` and `lockroot` are optional
/// (`lockroot` is required by RFC 4918, but RFC 2518 servers do not send it). Each at most
/// once; other elements are skipped.
#[derive(Clone, Debug)]
pub struct ActiveLock<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    offset: usize,
    scope: LockScope,
    lock_type: LockType<'a>,
    depth: Depth,
    owner: Option<Element<'a, D, NS, B>>,
    timeout: Option<Timeout>,
    token: Option<Text<'a>>,
    tokens: Option<Element<'a, D, NS, B>>,
    root: Option<Text<'a>>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> ActiveLock<'a, D, NS, B> {
    /// Byte offset of the `activelock` start tag.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The scope.
    pub fn scope(&self) -> LockScope {
        self.scope
    }

    /// The type.
    pub fn lock_type(&self) -> LockType<'a> {
        self.lock_type
    }

    /// The depth.
    pub fn depth(&self) -> Depth {
        self.depth
    }

    /// The `owner` element (any content: text, an `href`, extension elements).
    pub fn owner(&self) -> Option<&Element<'a, D, NS, B>> {
        self.owner.as_ref()
    }

    /// The timeout.
    pub fn timeout(&self) -> Option<Timeout> {
        self.timeout
    }

    /// The lock token: the first `href` of `locktoken` (trimmed).
    pub fn lock_token(&self) -> Option<Text<'a>> {
        self.token
    }

    /// Every `href` of `locktoken` (RFC 4918 has one; RFC 2518 allowed several).
    pub fn lock_tokens(&self) -> Hrefs<'a, D, NS, B> {
        match &self.tokens {
            Some(e) => Hrefs::new(e, Property::LockDiscovery),
            None => Hrefs::none(),
        }
    }

    /// The `href` of `lockroot` (trimmed).
    pub fn lock_root(&self) -> Option<Text<'a>> {
        self.root
    }
}

fn active_lock<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
    p: Property,
) -> Result<ActiveLock<'a, D, NS, B>, PropError> {
    let (mut scope, mut ty, mut depth, mut owner, mut timeout, mut tokens, mut root) =
        (None, None, None, None, None, None, None);
    for c in Elements::new(e, p) {
        let c = c?;
        if !c.name().namespace().is_dav() {
            continue;
        }
        match c.name().local() {
            "lockscope" => set_once(&mut scope, &c, p, || lock_scope(&c, p))?,
            "locktype" => set_once(&mut ty, &c, p, || lock_type(&c, p))?,
            "depth" => set_once(&mut depth, &c, p, || parse_depth(text_of(&c, p)?, p))?,
            "owner" => set_once(&mut owner, &c, p, || Ok(c.clone()))?,
            "timeout" => set_once(&mut timeout, &c, p, || parse_timeout(text_of(&c, p)?, p))?,
            "locktoken" => set_once(&mut tokens, &c, p, || {
                let first = checked(Hrefs::new(&c, p))?.next();
                Ok((required(first, &c, p)?, c.clone()))
            })?,
            "lockroot" => set_once(&mut root, &c, p, || single_href(&c, p))?,
            _ => {}
        }
    }
    let (token, tokens) = tokens.map_or((None, None), |(t, e)| (Some(t), Some(e)));
    Ok(ActiveLock {
        offset: e.offset(),
        scope: required(scope, e, p)?,
        lock_type: required(ty, e, p)?,
        depth: required(depth, e, p)?,
        owner,
        timeout,
        token,
        tokens,
        root,
    })
}

/// The active locks of a `DAV:lockdiscovery` (RFC 4918 §15.8), in document order.
#[derive(Clone, Debug)]
pub struct ActiveLocks<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    elements: Elements<'a, D, NS, B>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Steps for ActiveLocks<'a, D, NS, B> {
    type Item = ActiveLock<'a, D, NS, B>;
    fn step(&mut self) -> Option<Result<ActiveLock<'a, D, NS, B>, PropError>> {
        let p = self.elements.prop;
        loop {
            match self.elements.next()? {
                Ok(e) if is_dav(&e, "activelock") => return Some(active_lock(&e, p)),
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Iterator for ActiveLocks<'a, D, NS, B> {
    type Item = ActiveLock<'a, D, NS, B>;
    fn next(&mut self) -> Option<ActiveLock<'a, D, NS, B>> {
        next_checked(self)
    }
}

pub(crate) fn lock_discovery<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<ActiveLocks<'a, D, NS, B>, PropError> {
    let p = Property::LockDiscovery;
    check(e, p)?;
    checked(ActiveLocks { elements: Elements::new(e, p) })
}

// --- principals and privileges -------------------------------------------------------------

/// A `DAV:current-user-principal` (RFC 5397 §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Principal<'a> {
    /// The principal's URL (trimmed).
    Href(Text<'a>),
    /// The request was not authenticated.
    Unauthenticated,
}

pub(crate) fn current_user_principal<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<Principal<'a>, PropError> {
    let p = Property::CurrentUserPrincipal;
    check(e, p)?;
    let mut found = None;
    for c in Elements::new(e, p) {
        let c = c?;
        if is_dav(&c, "href") {
            set_once(&mut found, &c, p, || Ok(Principal::Href(text_of(&c, p)?.trim())))?;
        } else if is_dav(&c, "unauthenticated") {
            set_once(&mut found, &c, p, || Ok(Principal::Unauthenticated))?;
        }
    }
    required(found, e, p)
}

/// The privileges of a `DAV:current-user-privilege-set` (RFC 3744 §5.4), by name, in
/// document order: every child element of every `DAV:privilege` (aggregates such as
/// `DAV:all` are not expanded).
#[derive(Clone, Debug)]
pub struct Privileges<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    outer: Elements<'a, D, NS, B>,
    /// The children of the `privilege` being read, its offset, and whether it named one yet.
    inner: Option<(Elements<'a, D, NS, B>, usize, bool)>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Privileges<'a, D, NS, B> {
    /// Whether `{ns}local` is one of the privileges.
    pub fn contains(&self, ns: &str, local: &str) -> bool {
        self.clone().any(|n| n.is(ns, local))
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Steps for Privileges<'a, D, NS, B> {
    type Item = Name<'a>;
    fn step(&mut self) -> Option<Result<Name<'a>, PropError>> {
        let p = self.outer.prop;
        loop {
            if let Some((inner, at, named)) = self.inner.as_mut() {
                match inner.next() {
                    Some(r) => {
                        *named = true;
                        return Some(r.map(|e| e.name()));
                    }
                    // A `privilege` that names none.
                    None if !*named => {
                        let at = *at;
                        self.inner = None;
                        return Some(Err(PropError::new(p, PropErrorKind::MissingElement, at)));
                    }
                    None => self.inner = None,
                }
            }
            match self.outer.next()? {
                Ok(e) if is_dav(&e, "privilege") => self.inner = Some((Elements::new(&e, p), e.offset(), false)),
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Iterator for Privileges<'a, D, NS, B> {
    type Item = Name<'a>;
    fn next(&mut self) -> Option<Name<'a>> {
        next_checked(self)
    }
}

pub(crate) fn current_user_privilege_set<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<Privileges<'a, D, NS, B>, PropError> {
    let p = Property::CurrentUserPrivilegeSet;
    check(e, p)?;
    checked(Privileges { outer: Elements::new(e, p), inner: None })
}

// --- calendar components -------------------------------------------------------------------

/// The component names of a CalDAV `supported-calendar-component-set` (RFC 4791 §5.2.3): the
/// `name` attribute of each `comp` (`VEVENT`, `VTODO`...), in document order.
#[derive(Clone, Debug)]
pub struct Components<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    elements: Elements<'a, D, NS, B>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Components<'a, D, NS, B> {
    /// Whether `name` is one of the components (ASCII case ignored, as iCalendar names are).
    pub fn contains(&self, name: &str) -> bool {
        self.clone().any(|n| eq_ignore_ascii_case(&n, name))
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Steps for Components<'a, D, NS, B> {
    type Item = Text<'a>;
    fn step(&mut self) -> Option<Result<Text<'a>, PropError>> {
        let p = self.elements.prop;
        loop {
            match self.elements.next()? {
                Ok(e) if e.name().is(CALDAV, "comp") => {
                    let name = e.attributes().find(|a| a.name.is("", "name")).map(|a| a.value);
                    return Some(name.ok_or_else(|| err_at(p, PropErrorKind::MissingAttribute, &e)));
                }
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl<'a, const D: usize, const NS: usize, const B: usize> Iterator for Components<'a, D, NS, B> {
    type Item = Text<'a>;
    fn next(&mut self) -> Option<Text<'a>> {
        next_checked(self)
    }
}

pub(crate) fn supported_calendar_component_set<'a, const D: usize, const NS: usize, const B: usize>(
    e: &Element<'a, D, NS, B>,
) -> Result<Components<'a, D, NS, B>, PropError> {
    let p = Property::SupportedCalendarComponentSet;
    check(e, p)?;
    checked(Components { elements: Elements::new(e, p) })
}
