//! Text values: numbers, ETags, media types, language tags, lock depths and timeouts.
//!
//! Each is read from the value's characters ([`RawChars`]), so a value written with
//! references, CDATA sections or comments reads as the same value, every error points at its
//! character in the body, and every part handed out is a slice of the body.

use crate::offset::plus;
use core::fmt;

use super::chars::{Ch, RawChars, Span, ValueChars, chars_eq, eq_ignore_ascii_case, first_non_space, sub_text};
use super::error::{PropError, PropErrorKind, Property};
use crate::text::Text;

/// A reader of one text's value for one property: its characters, and errors at them.
#[derive(Clone, Debug)]
pub(crate) struct Lexer<'a> {
    t: Text<'a>,
    chars: RawChars<'a>,
    prop: Property,
    /// Where the last character read ends in the raw slice.
    last_end: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(t: Text<'a>, prop: Property) -> Self {
        Lexer { t, chars: RawChars::new(t.raw()), prop, last_end: 0 }
    }

    /// The next character.
    pub fn next(&mut self) -> Option<Ch> {
        let ch = self.chars.next()?;
        self.last_end = ch.end;
        Some(ch)
    }

    /// The next character, left unread.
    pub fn peek(&self) -> Option<Ch> {
        self.chars.clone().next()
    }

    /// Reads the white space ahead; the character after it, left unread.
    pub fn skip_space(&mut self) -> Option<Ch> {
        loop {
            let ch = self.peek()?;
            if !ch.is_space() {
                return Some(ch);
            }
            self.next();
        }
    }

    /// An error of `kind` at `ch`.
    #[cfg_attr(feature = "small", inline(never))]
    pub fn err_at(&self, kind: PropErrorKind, ch: &Ch) -> PropError {
        PropError::new(self.prop, kind, plus!(self.t.offset(), ch.start))
    }

    /// The value ends too early: just past its last character read.
    pub fn err_end(&self) -> PropError {
        PropError::new(self.prop, PropErrorKind::UnexpectedEnd, plus!(self.t.offset(), self.last_end))
    }

    /// No value: at the start of the text.
    pub fn err_empty(&self) -> PropError {
        PropError::new(self.prop, PropErrorKind::Empty, self.t.offset())
    }

    /// The first character that is not white space (read), or [`PropErrorKind::Empty`].
    pub fn first(&mut self) -> Result<Ch, PropError> {
        let ch = self.skip_space().ok_or_else(|| self.err_empty())?;
        self.next();
        Ok(ch)
    }

    /// The rest is white space, else [`PropErrorKind::InvalidChar`] at what is not.
    pub fn finish(&mut self) -> Result<(), PropError> {
        match first_non_space(&mut self.chars) {
            Some(ch) => Err(self.err_at(PropErrorKind::InvalidChar, &ch)),
            None => Ok(()),
        }
    }

    /// The next character, which must be `c`.
    pub fn expect(&mut self, c: char) -> Result<Ch, PropError> {
        match self.next() {
            Some(ch) if ch.c == c => Ok(ch),
            Some(ch) => Err(self.err_at(PropErrorKind::InvalidChar, &ch)),
            None => Err(self.err_end()),
        }
    }

    /// The part of the value that `span` covers, as a slice of the body.
    pub fn sub(&self, span: Span) -> Result<Text<'a>, PropError> {
        sub_text(&self.t, span)
            .ok_or_else(|| PropError::new(self.prop, PropErrorKind::SplitMarkup, plus!(self.t.offset(), span.start)))
    }

    /// `1*tchar` (RFC 9110 §5.6.2), read.
    pub fn token(&mut self) -> Result<Span, PropError> {
        let first = self.next().ok_or_else(|| self.err_end())?;
        if !is_tchar(first.c) {
            return Err(self.err_at(PropErrorKind::InvalidChar, &first));
        }
        let mut span = Span::of(&first);
        while let Some(ch) = self.peek().filter(|ch| is_tchar(ch.c)) {
            span.push(&ch);
            self.next();
        }
        Ok(span)
    }
}

/// `tchar` (RFC 9110 §5.6.2).
fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// `etagc` (RFC 9110 §8.8.3): `%x21 / %x23-7E / obs-text` (any non-ASCII character).
fn is_etagc(c: char) -> bool {
    c == '!' || ('#'..='~').contains(&c) || !c.is_ascii()
}

/// `qdtext` (RFC 9110 §5.6.4): `HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text`.
fn is_qdtext(c: char) -> bool {
    c == '\t' || c == ' ' || c == '!' || ('#'..='[').contains(&c) || (']'..='~').contains(&c) || !c.is_ascii()
}

/// What may follow a `\` in a quoted string: `HTAB / SP / VCHAR / obs-text`.
fn is_quotable(c: char) -> bool {
    c == '\t' || c == ' ' || c.is_ascii_graphic() || !c.is_ascii()
}

// --- numbers -------------------------------------------------------------------------------

/// The decimal digits from `first` on, as a number (`None`: more than `u64::MAX`, read to its
/// last digit all the same); the character after them is left unread. Whether the number is
/// too large is for the caller to say once the whole value is read: a value that is no
/// number at all is [`PropErrorKind::InvalidChar`], however many digits it starts with.
fn digits(lex: &mut Lexer<'_>, first: &Ch) -> Result<Option<u64>, PropError> {
    let digit = |ch: &Ch| ch.c.to_digit(10).filter(|_| ch.c.is_ascii_digit());
    let mut n = Some(u64::from(digit(first).ok_or_else(|| lex.err_at(PropErrorKind::InvalidChar, first))?));
    while let Some(d) = lex.peek().as_ref().and_then(digit) {
        n = n.and_then(|n| n.checked_mul(10)).and_then(|n| n.checked_add(u64::from(d)));
        lex.next();
    }
    Ok(n)
}

/// A non-negative decimal integer, white space around it (`1*DIGIT`): RFC 4918's
/// `getcontentlength`, RFC 4331's quotas. Read whole first: a `-` before digits is then
/// [`PropErrorKind::Negative`] (however large the number), more than `u64::MAX`
/// [`PropErrorKind::Overflow`] at the first digit.
pub(crate) fn parse_u64(t: Text<'_>, prop: Property) -> Result<u64, PropError> {
    let mut lex = Lexer::new(t, prop);
    let first = lex.first()?;
    if first.c == '-' {
        let d = lex.next().ok_or_else(|| lex.err_end())?;
        digits(&mut lex, &d)?;
        lex.finish()?;
        return Err(lex.err_at(PropErrorKind::Negative, &first));
    }
    let n = digits(&mut lex, &first)?;
    lex.finish()?;
    n.ok_or_else(|| lex.err_at(PropErrorKind::Overflow, &first))
}

// --- ETags ---------------------------------------------------------------------------------

/// An entity tag (RFC 9110 §8.8.3): `W/"tag"` or `"tag"`.
///
/// `tag` is the opaque tag between the quotes, a slice of the body whatever way the quotes
/// were written: `"`, `&quot;`, `&#34;`, `&#x22;` (XML escapes them at will). Its value
/// holds no quote: compare it with [`Text::eq_str`], or write it back with `Display`, which
/// writes the entity tag as an HTTP header wants it (`W/"tag"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ETag<'a> {
    /// A weak tag (`W/`).
    pub weak: bool,
    /// The opaque tag, without its quotes.
    pub tag: Text<'a>,
    /// A tolerated quirk: the value had no quotes at all (`abc` for `"abc"`, as some servers
    /// send it). The whole value is then the tag, every character one an ETag allows between
    /// quotes; `weak` is `false` (a value that starts with `W/` must go on with a quoted
    /// tag). Send it back quoted (`Display` does).
    pub unquoted: bool,
}

impl fmt::Display for ETag<'_> {
    /// `W/"tag"` or `"tag"`, the tag unescaped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.weak { "W/\"" } else { "\"" })?;
        self.tag.write_to(f)?;
        f.write_str("\"")
    }
}

/// The opaque tag's characters after its opening quote, up to the closing one (read).
fn quoted_tag(lex: &mut Lexer<'_>, open: &Ch) -> Result<Span, PropError> {
    let mut span = Span::empty(open.end);
    loop {
        let ch = lex.next().ok_or_else(|| lex.err_end())?;
        if ch.c == '"' {
            if span.start == span.end {
                span = Span::empty(ch.start);
            }
            return Ok(span);
        }
        if !is_etagc(ch.c) {
            return Err(lex.err_at(PropErrorKind::InvalidChar, &ch));
        }
        span.push(&ch);
    }
}

pub(crate) fn parse_etag<'a>(t: Text<'a>, prop: Property) -> Result<ETag<'a>, PropError> {
    let mut lex = Lexer::new(t, prop);
    let first = lex.first()?;
    let (weak, span, unquoted) = if first.c == 'W' && lex.peek().is_some_and(|ch| ch.c == '/') {
        // `W/`: a quoted tag must follow.
        lex.next();
        let open = lex.expect('"')?;
        (true, quoted_tag(&mut lex, &open)?, false)
    } else if first.c == '"' {
        (false, quoted_tag(&mut lex, &first)?, false)
    } else {
        // The quirk: no quotes. The tag runs to the first white space.
        if !is_etagc(first.c) {
            return Err(lex.err_at(PropErrorKind::InvalidChar, &first));
        }
        let mut span = Span::of(&first);
        while let Some(ch) = lex.peek().filter(|ch| !ch.is_space()) {
            if !is_etagc(ch.c) {
                return Err(lex.err_at(PropErrorKind::InvalidChar, &ch));
            }
            span.push(&ch);
            lex.next();
        }
        (false, span, true)
    };
    lex.finish()?;
    Ok(ETag { weak, tag: lex.sub(span)?, unquoted })
}

// --- media types ---------------------------------------------------------------------------

/// A media type (RFC 9110 §8.3.1): `type "/" subtype *( OWS ";" OWS [ parameter ] )`.
///
/// Every part is a slice of the body. Type, subtype and parameter names are compared without
/// case ([`MediaType::is`], [`MediaType::parameter`]).
#[derive(Clone, Debug)]
pub struct MediaType<'a> {
    type_: Text<'a>,
    subtype: Text<'a>,
    /// A reader placed just after the subtype: the parameters.
    params: Lexer<'a>,
}

impl<'a> MediaType<'a> {
    /// The type (`text` in `text/plain`).
    pub fn type_name(&self) -> Text<'a> {
        self.type_
    }

    /// The subtype (`plain` in `text/plain`).
    pub fn subtype(&self) -> Text<'a> {
        self.subtype
    }

    /// Whether this is `type/subtype`, compared without ASCII case.
    pub fn is(&self, type_: &str, subtype: &str) -> bool {
        eq_ignore_ascii_case(&self.type_, type_) && eq_ignore_ascii_case(&self.subtype, subtype)
    }

    /// The parameters, in order (empty ones, `text/plain;;a=b`, left out).
    pub fn parameters(&self) -> Parameters<'a> {
        Parameters { lex: self.params.clone() }
    }

    /// The first parameter named `name` (compared without ASCII case).
    pub fn parameter(&self, name: &str) -> Option<Parameter<'a>> {
        self.parameters().find(|p| eq_ignore_ascii_case(&p.name, name))
    }
}

/// One parameter of a [`MediaType`]: `name=value` or `name="value"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parameter<'a> {
    /// The name.
    pub name: Text<'a>,
    /// The value; when `quoted`, what stands between the quotes, quoted pairs (`\"`) as sent:
    /// [`Parameter::write_value_to`] and [`Parameter::value_eq`] read them.
    pub value: Text<'a>,
    /// Whether the value was a quoted string.
    pub quoted: bool,
}

impl Parameter<'_> {
    /// The value's characters, quoted pairs read.
    fn value_chars(&self) -> impl Iterator<Item = char> + '_ {
        let mut chars = ValueChars::new(&self.value);
        let quoted = self.quoted;
        core::iter::from_fn(move || match chars.next()? {
            '\\' if quoted => chars.next(),
            c => Some(c),
        })
    }

    /// Writes the value (quoted pairs read: `a\"b` is `a"b`).
    pub fn write_value_to<W: fmt::Write>(&self, w: &mut W) -> fmt::Result {
        self.value_chars().try_for_each(|c| w.write_char(c))
    }

    /// Whether the value (quoted pairs read) equals `s`.
    pub fn value_eq(&self, s: &str) -> bool {
        chars_eq(self.value_chars(), s.chars(), |a, b| a == b)
    }

    /// Whether the value (quoted pairs read) equals `s`, compared without ASCII case (as a
    /// `charset` is).
    pub fn value_eq_ignore_ascii_case(&self, s: &str) -> bool {
        chars_eq(self.value_chars(), s.chars(), |a, b| a.eq_ignore_ascii_case(&b))
    }
}

/// Iterator over the parameters of a [`MediaType`]. The value was checked whole when the
/// media type was made: these are the same steps again, over the same characters.
#[derive(Clone, Debug)]
pub struct Parameters<'a> {
    lex: Lexer<'a>,
}

impl<'a> Iterator for Parameters<'a> {
    type Item = Parameter<'a>;
    fn next(&mut self) -> Option<Parameter<'a>> {
        next_parameter(&mut self.lex).ok().flatten()
    }
}

/// The next parameter, past any empty ones (`None` at the end of the value), its parts cut
/// out of the body.
fn next_parameter<'a>(lex: &mut Lexer<'a>) -> Result<Option<Parameter<'a>>, PropError> {
    let Some((name, value, quoted)) = next_parameter_spans(lex)? else { return Ok(None) };
    Ok(Some(Parameter { name: lex.sub(name)?, value: lex.sub(value)?, quoted }))
}

/// The next parameter's name and value (and whether the value was quoted), read but not cut
/// out of the body: the syntax alone.
fn next_parameter_spans(lex: &mut Lexer<'_>) -> Result<Option<(Span, Span, bool)>, PropError> {
    loop {
        let Some(semi) = lex.skip_space() else { return Ok(None) };
        if semi.c != ';' {
            return Err(lex.err_at(PropErrorKind::InvalidChar, &semi));
        }
        lex.next();
        match lex.skip_space() {
            None => return Ok(None),
            Some(ch) if ch.c == ';' => continue,
            Some(_) => {}
        }
        let name = lex.token()?;
        lex.expect('=')?;
        let (value, quoted) = match lex.peek() {
            Some(open) if open.c == '"' => {
                lex.next();
                (quoted_string(lex, &open)?, true)
            }
            _ => (lex.token()?, false),
        };
        return Ok(Some((name, value, quoted)));
    }
}

/// A quoted string's content after its opening quote, up to the closing one (read).
fn quoted_string(lex: &mut Lexer<'_>, open: &Ch) -> Result<Span, PropError> {
    let mut span = Span::empty(open.end);
    loop {
        let ch = lex.next().ok_or_else(|| lex.err_end())?;
        match ch.c {
            '"' if span.start == span.end => return Ok(Span::empty(ch.start)),
            '"' => return Ok(span),
            '\\' => {
                span.push(&ch);
                let q = lex.next().ok_or_else(|| lex.err_end())?;
                if !is_quotable(q.c) {
                    return Err(lex.err_at(PropErrorKind::InvalidChar, &q));
                }
                span.push(&q);
            }
            c if is_qdtext(c) => span.push(&ch),
            _ => return Err(lex.err_at(PropErrorKind::InvalidChar, &ch)),
        }
    }
}

pub(crate) fn parse_media_type<'a>(t: Text<'a>, prop: Property) -> Result<MediaType<'a>, PropError> {
    let mut lex = Lexer::new(t, prop);
    lex.skip_space().ok_or_else(|| lex.err_empty())?;
    let type_ = lex.token()?;
    lex.expect('/')?;
    let subtype = lex.token()?;
    let params = lex.clone();
    // The syntax first, whole; then the parts cut out of the body, in document order (a
    // malformed value is `InvalidChar`, not `SplitMarkup` at a part before its fault).
    while next_parameter_spans(&mut lex)?.is_some() {}
    let (type_, subtype) = (lex.sub(type_)?, lex.sub(subtype)?);
    let mut cut = params.clone();
    while next_parameter(&mut cut)?.is_some() {}
    Ok(MediaType { type_, subtype, params })
}

// --- language tags -------------------------------------------------------------------------

/// A language tag (RFC 9110 §8.5.1, BCP 47 by its well-formed shape): `1*8ALPHA *( "-"
/// 1*8alphanum )`; the value trimmed.
pub(crate) fn parse_language(t: Text<'_>, prop: Property) -> Result<Text<'_>, PropError> {
    let mut lex = Lexer::new(t, prop);
    let mut ch = lex.first()?;
    let mut first_subtag = true;
    loop {
        // One subtag, from `ch`.
        let ok = |c: char| if first_subtag { c.is_ascii_alphabetic() } else { c.is_ascii_alphanumeric() };
        if !ok(ch.c) {
            return Err(lex.err_at(PropErrorKind::InvalidChar, &ch));
        }
        let mut len = 1u8;
        while let Some(next) = lex.peek().filter(|n| ok(n.c)) {
            if len == 8 {
                return Err(lex.err_at(PropErrorKind::InvalidChar, &next));
            }
            len = len.saturating_add(1);
            lex.next();
        }
        first_subtag = false;
        match lex.peek() {
            Some(dash) if dash.c == '-' => {
                lex.next();
                ch = lex.next().ok_or_else(|| lex.err_end())?;
            }
            _ => break,
        }
    }
    lex.finish()?;
    Ok(t.trim())
}

// --- locks: depth and timeout --------------------------------------------------------------

/// A lock's depth (RFC 4918 §14.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Depth {
    /// `0`: the resource only.
    Zero,
    /// `1`: the resource and its members (not a lock depth in RFC 4918, read when sent).
    One,
    /// `infinity`: the resource and all its descendants.
    Infinity,
}

/// `0`, `1` or `infinity` (ASCII case ignored, as in the `Depth` header's ABNF), trimmed.
pub(crate) fn parse_depth(t: Text<'_>, prop: Property) -> Result<Depth, PropError> {
    let mut lex = Lexer::new(t, prop);
    let first = lex.first()?;
    let v = t.trim();
    for (s, d) in [("0", Depth::Zero), ("1", Depth::One), ("infinity", Depth::Infinity)] {
        if eq_ignore_ascii_case(&v, s) {
            return Ok(d);
        }
    }
    Err(lex.err_at(PropErrorKind::UnknownValue, &first))
}

/// A lock's timeout (RFC 4918 §14.29, §10.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Timeout {
    /// `Infinite`.
    Infinite,
    /// `Second-n`: at most 2^32 - 1 (RFC 4918 §10.7); more is [`PropErrorKind::Overflow`].
    Seconds(u32),
}

/// `Infinite` or `Second-` 1*DIGIT (ASCII case ignored, as in the header's ABNF), trimmed.
pub(crate) fn parse_timeout(t: Text<'_>, prop: Property) -> Result<Timeout, PropError> {
    let mut lex = Lexer::new(t, prop);
    let first = lex.first()?;
    if eq_ignore_ascii_case(&t.trim(), "infinite") {
        return Ok(Timeout::Infinite);
    }
    let unknown = lex.err_at(PropErrorKind::UnknownValue, &first);
    if !first.c.eq_ignore_ascii_case(&'s') {
        return Err(unknown);
    }
    for expected in "econd-".chars() {
        match lex.next() {
            Some(ch) if ch.c.eq_ignore_ascii_case(&expected) => {}
            _ => return Err(unknown),
        }
    }
    let d = lex.next().ok_or_else(|| lex.err_end())?;
    let n = digits(&mut lex, &d)?;
    lex.finish()?;
    let n = n.and_then(|n| u32::try_from(n).ok()).ok_or_else(|| lex.err_at(PropErrorKind::Overflow, &d))?;
    Ok(Timeout::Seconds(n))
}
