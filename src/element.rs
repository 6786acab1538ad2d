//! A view of one element of the body (a property, an `error`, an extension element), for
//! the parsers that take property values over: its name, attributes, raw inner XML, text, and
//! a walk over its children with the namespace bindings in scope at that point.
//!
//! ```text
//!   <C:calendar-data xmlns:C="urn:ietf:params:xml:ns:caldav" v="2">BEGIN:VCALENDAR...</C:calendar-data>
//!   |<--------------------------------------- raw() ---------------------------------------------->|
//!                                                                   |<-- inner_raw() -->|
//! ```

use crate::compact::{Compact, NsParts, Pending};
use crate::error::Error;
use crate::names::{self, Lineage, Name, Namespace, NsKind, Sources};
use crate::ns::{self, Resolved, Role};
use crate::offset::Offset;
use crate::offset::plus;
use crate::reader::{RawAttributes, RawEvent, XmlReader};
use crate::text::Text;

/// One element of the body, already checked, with what is needed to read it again.
///
/// `D`, `NS`, `B`: the capacities of the parser that produced it (see [`crate::Parser`]);
/// walking the element uses a reader of the same capacities.
///
/// ```
/// use multistatus::{Event, Node, Parser};
///
/// let body = br#"<d:multistatus xmlns:d="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
///   <d:response><d:href>/cal/</d:href><d:propstat><d:prop>
///     <C:supported-calendar-component-set><C:comp name="VEVENT"/><C:comp name="VTODO"/>
///     </C:supported-calendar-component-set>
///   </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
/// </d:multistatus>"#;
/// for event in Parser::new(body)? {
///     let Event::Property(p) = event? else { continue };
///     assert!(p.name().is("urn:ietf:params:xml:ns:caldav", "supported-calendar-component-set"));
///     assert!(p.inner_raw().starts_with("<C:comp")); // raw XML, for another parser
///     let mut names = heapless::Vec::<&str, 4>::new();
///     for child in p.children() {
///         if let Node::Element(comp) = child? {
///             // Names resolved with the bindings in force where the child stands.
///             assert!(comp.name().is("urn:ietf:params:xml:ns:caldav", "comp"));
///             let name = comp.attributes().find(|a| a.name.local() == "name").unwrap();
///             names.push(name.value.as_plain().unwrap()).unwrap();
///         }
///     }
///     assert_eq!(names, ["VEVENT", "VTODO"]);
/// }
/// # Ok::<(), multistatus::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Element<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    /// The body, or a window of it (positions below are offsets in the body).
    input: &'a str,
    base: Offset,
    /// A windowed parser's copy of the declarations in scope (`""` otherwise).
    decls: &'a str,
    name: Name<'a>,
    start: Offset,
    content_start: Offset,
    content_end: Offset,
    end: Offset,
    has_children: bool,
    dav_prefix_quirk: bool,
    /// Where the bindings in force around it were declared (read again when needed).
    lineage: Lineage<'a, NS>,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Element<'a, D, NS, B> {
    /// [`Element::finish`] where no event is built around the view (a child, the response
    /// view's first property): with `small`, out of line, one copy for both. (The event's
    /// own, built in place, is left inline: out of line it measured +1.2 KB at the event
    /// level.)
    #[cfg_attr(not(feature = "small"), inline(always))]
    #[cfg_attr(feature = "small", inline(never))]
    pub(crate) fn finish_alone(
        src: Sources<'a>,
        name: Name<'a>,
        p: Pending,
        lineage: Lineage<'a, NS>,
        content_end: usize,
        end: usize,
        dav_prefix_quirk: bool,
    ) -> Self {
        Element::finish(src, name, p, lineage, content_end, end, dav_prefix_quirk)
    }

    pub(crate) fn finish(
        src: Sources<'a>,
        name: Name<'a>,
        p: Pending,
        lineage: Lineage<'a, NS>,
        content_end: usize,
        end: usize,
        dav_prefix_quirk: bool,
    ) -> Self {
        Element {
            input: src.input,
            base: Offset::within(src.base),
            decls: src.decls,
            name,
            start: Offset::within(p.start),
            content_start: Offset::within(p.content_start),
            content_end: Offset::within(content_end.max(p.content_start)),
            end: Offset::within(end),
            has_children: p.has_children,
            dav_prefix_quirk,
            lineage,
        }
    }

    /// This element's own parts, when they fit in a [`Compact`] and its names and namespace
    /// URI are where they are expected in the body (a whole-body parser's element).
    pub(crate) fn compact(&self) -> Option<Compact> {
        if !self.decls.is_empty() {
            return None;
        }
        // Whether the body holds `part` at `abs` (names: the view's may be the end tag's).
        // Most are the very slice there (the start tag's): one pointer compare.
        let is_at = |part: &str, abs: Offset| {
            let from = self.local(abs);
            let here = self.input.as_bytes().get(from..plus!(from, part.len()));
            here.is_some_and(|h| h.as_ptr() == part.as_ptr() || crate::scan::eq_short(h, part.as_bytes()))
        };
        let (prefix, local) = (self.name.prefix(), self.name.local());
        let after_lt = self.start.add(1)?;
        let local_delta = if !prefix.is_empty() {
            if !is_at(prefix, after_lt)
                || self.input.as_bytes().get(plus!(self.local(after_lt), prefix.len())) != Some(&b':')
            {
                return None;
            }
            prefix.len().checked_add(2)?
        } else if is_at(local, after_lt) {
            1
        } else {
            // `<:a>`, which xmlparser reads with an empty prefix.
            2
        };
        if !is_at(local, self.start.add(u32::try_from(local_delta).ok()?)?) {
            return None;
        }
        let p = Pending {
            start: self.start.get(),
            content_start: self.content_start.get(),
            has_children: self.has_children,
        };
        let lens = (prefix.len(), local_delta, local.len());
        let ns = NsParts::of(&self.name.namespace(), self.input, self.base)?;
        Compact::assemble(p, self.content_end.get(), self.end.get(), lens, ns)
    }

    /// The element that `c` keeps, a sibling of this one (same body, lineage and options).
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub(crate) fn expand(&self, c: &Compact) -> Self {
        let span = |abs: Option<Offset>, len: usize| {
            let from = abs.and_then(|a| a.local_to(self.base));
            from.and_then(|f| crate::scan::sub(self.input, f, f.checked_add(len)?)).unwrap_or("")
        };
        let prefix = span(c.start.add(1), usize::from(c.prefix_len));
        let local = span(c.start.add(u32::from(c.local_delta)), usize::from(c.local_len));
        let ns = match c.ns_kind {
            NsKind::Xml => names::xml_namespace(),
            NsKind::DavByQuirk => names::dav_by_quirk(),
            kind => {
                let raw = span(Some(Offset::from(c.ns_at)), usize::from(c.ns_len));
                Namespace::new(Text::attribute_known(raw, crate::offset::widen(c.ns_at), c.flags & 2 != 0), kind)
            }
        };
        // `c` was assembled from these offsets (`Compact::assemble`): the sums fit, and the
        // fallbacks are never taken.
        let content_start = c.start.add(u32::from(c.open_len)).unwrap_or(c.start);
        Element {
            name: Name::new(prefix, local, ns),
            start: c.start,
            content_start,
            content_end: c.content_end,
            end: c.content_end.add(u32::from(c.close_len)).unwrap_or(c.content_end),
            has_children: c.flags & 1 != 0,
            ..self.clone()
        }
    }

    /// The resolved name.
    pub fn name(&self) -> Name<'a> {
        self.name
    }

    /// Byte offset of the start tag's `<`.
    pub fn offset(&self) -> usize {
        self.start.get()
    }

    /// Byte offset just after the end tag.
    pub fn end(&self) -> usize {
        self.end.get()
    }

    /// Where `at` is in the input (`usize::MAX`, out of any input, for an offset before it:
    /// a wrong offset reads nothing instead of the input's start).
    fn local(&self, at: Offset) -> usize {
        at.local_to(self.base).unwrap_or(usize::MAX)
    }

    fn sources(&self) -> Sources<'a> {
        Sources { input: self.input, base: self.base.get(), decls: self.decls }
    }

    /// The whole element, start tag to end tag, as sent.
    pub fn raw(&self) -> &'a str {
        crate::scan::sub(self.input, self.local(self.start), self.local(self.end)).unwrap_or("")
    }

    /// The raw inner XML (between the start and the end tag; `""` for `<a/>`). Prefixes in it
    /// may be bound outside it: use [`Element::children`] or [`Element::events`] to resolve.
    pub fn inner_raw(&self) -> &'a str {
        crate::scan::sub(self.input, self.local(self.content_start), self.local(self.content_end)).unwrap_or("")
    }

    /// Whether the element has child elements.
    pub fn has_child_elements(&self) -> bool {
        self.has_children
    }

    /// The text value when the element has no child element (`None` otherwise). Exact: not
    /// trimmed.
    #[cfg_attr(not(feature = "small"), inline(always))]
    pub fn text(&self) -> Option<Text<'a>> {
        if self.has_children { None } else { Some(Text::content_here(self.inner_raw(), self.content_start.get())) }
    }

    /// The attributes, namespace declarations left out, names resolved (an unprefixed
    /// attribute has no namespace).
    pub fn attributes(&self) -> Attributes<'a, NS> {
        // The bindings in force inside it: its lineage, then its own declarations (found in
        // one read of its start tag, which a body the parser accepted holds within `NS`).
        let mut scope = self.lineage;
        for a in self.raw_attributes() {
            if a.declared_prefix().is_some_and(|p| p != "xml") {
                scope.push(a.offset);
            }
        }
        Attributes { raw: self.raw_attributes(), src: self.sources(), scope, dav_prefix_quirk: self.dav_prefix_quirk }
    }

    fn raw_attributes(&self) -> RawAttributes<'a> {
        RawAttributes::new(self.input, self.base.get(), self.local(self.start), self.local(self.content_start))
    }

    /// The direct children: elements and text runs, in document order.
    pub fn children(&self) -> Children<'a, D, NS, B> {
        Children { reader: self.events(), item_depth: 2, pending: None, failed: false }
    }

    /// The siblings of this element (itself included) from byte `from` up to byte `end` of
    /// the body, as children: they share this element's lineage. Runs of white space between
    /// tags are not given.
    pub(crate) fn siblings_from(&self, from: usize, end: usize) -> Children<'a, D, NS, B> {
        let (from, end) = (from.saturating_sub(self.base.get()), end.saturating_sub(self.base.get()));
        let mut reader = XmlReader::fragment(self.sources(), from, end, self.lineage, self.dav_prefix_quirk);
        reader.set_skip_blank(true);
        Children { reader, item_depth: 1, pending: None, failed: false }
    }

    /// XML events over the whole element (its own start and end tag included), names resolved
    /// with the bindings in scope: for a parser that takes the value over.
    pub fn events(&self) -> XmlReader<'a, D, NS, B> {
        XmlReader::fragment(
            self.sources(),
            self.local(self.start),
            self.local(self.end),
            self.lineage,
            self.dav_prefix_quirk,
        )
    }
}

/// A child of an element.
#[derive(Clone, Debug)]
pub enum Node<'a, const D: usize = 32, const NS: usize = 32, const B: usize = 2048> {
    /// A child element.
    Element(Element<'a, D, NS, B>),
    /// A text run (character data, references, CDATA, comments, PIs).
    Text(Text<'a>),
}

/// Iterator over the direct children of an [`Element`].
#[derive(Clone, Debug)]
pub struct Children<'a, const D: usize, const NS: usize, const B: usize> {
    reader: XmlReader<'a, D, NS, B>,
    /// Depth of the items (after their start tag is read).
    item_depth: usize,
    pending: Option<Pending>,
    failed: bool,
}

impl<'a, const D: usize, const NS: usize, const B: usize> Iterator for Children<'a, D, NS, B> {
    type Item = Result<Node<'a, D, NS, B>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        loop {
            // Raw events: only the names of the items are read (their namespaces looked up).
            let ev = match self.reader.next_raw()? {
                Ok(ev) => ev,
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
            };
            let depth = self.reader.depth();
            let item = self.item_depth;
            let base = self.reader.base();
            let abs = |at: u32| plus!(base, crate::offset::widen(at));
            match ev {
                RawEvent::Start { start, end, .. } if depth == item => {
                    self.pending = Some(Pending { start: abs(start), content_start: abs(end), has_children: false });
                }
                RawEvent::Start { .. } if depth > item => {
                    if let Some(p) = self.pending.as_mut() {
                        p.has_children = true;
                    }
                }
                RawEvent::End { name, start, end } if plus!(depth, 1) == item => {
                    if let Some(p) = self.pending.take() {
                        // The bindings around it are those at its start tag: its own are
                        // dropped only after its end.
                        let lineage = self.reader.parent_lineage();
                        let quirk = self.reader.dav_prefix_quirk();
                        let (src, name) = (self.reader.sources(), self.reader.name_of(name));
                        let el = Element::finish_alone(src, name, p, lineage, abs(start), abs(end), quirk);
                        return Some(Ok(Node::Element(el)));
                    }
                }
                RawEvent::Text(t) if plus!(depth, 1) == item => return Some(Ok(Node::Text(t))),
                _ => {}
            }
        }
    }
}

/// A resolved attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attribute<'a> {
    /// The resolved name.
    pub name: Name<'a>,
    /// The value (raw; unescape with the [`Text`] methods).
    pub value: Text<'a>,
}

/// Iterator over the resolved attributes of an [`Element`] (`NS`: the capacity of the parser
/// that made it: it holds where the bindings in force inside the element were declared,
/// `4·NS` bytes).
#[derive(Clone, Debug)]
pub struct Attributes<'a, const NS: usize = 32> {
    raw: RawAttributes<'a>,
    src: Sources<'a>,
    /// The bindings in force inside the element (its own declarations the innermost).
    scope: Lineage<'a, NS>,
    dav_prefix_quirk: bool,
}

impl<'a, const NS: usize> Attributes<'a, NS> {
    /// As the reader resolved it when it checked the element (an error cannot come from a
    /// checked body: no namespace then).
    fn resolve(&self, prefix: &str) -> Namespace<'a> {
        let found = || ns::lookup_in_lineage(&self.scope, self.src, prefix);
        match ns::resolve(prefix.as_bytes(), Role::Attribute, self.dav_prefix_quirk, found) {
            Ok(Resolved::Bound(ns)) => ns,
            Ok(Resolved::Xml) => names::xml_namespace(),
            Ok(Resolved::DavQuirk) => names::dav_by_quirk(),
            Ok(Resolved::None) | Err(_) => Namespace::none(),
        }
    }
}

impl<'a, const NS: usize> Iterator for Attributes<'a, NS> {
    type Item = Attribute<'a>;
    fn next(&mut self) -> Option<Attribute<'a>> {
        loop {
            let a = self.raw.next()?;
            if a.is_namespace_declaration() {
                continue;
            }
            let ns = self.resolve(a.prefix);
            return Some(Attribute { name: Name::new(a.prefix, a.local, ns), value: a.value });
        }
    }
}
