//! The markup the byte scanners ([`crate::scan`]) leave to `xmlparser` — a start tag in a form
//! they do not read, an end tag they cannot match at once, a comment, a processing
//! instruction, a CDATA section, the XML declaration — read with its [`Stream`] by the grammar its tokenizer applies
//! (`xmlparser` 0.13.6), with the same spans and the same errors.
//!
//! Why not the tokenizer: its `next` reads every kind of token in one function whose frame is
//! 856 bytes (1.3 KiB with what it calls), on the stack under the parse loop whenever one of
//! these is read, and 13 KB of code. Each function here reads one kind and needs a few dozen
//! bytes: the stack a windowed parse needs is what a small client must budget. The XML
//! declaration is read here too, so the tokenizer is not linked at all. The tests below read
//! every prefix of every sample both ways and compare.
//!
//! Each function starts with the stream at the markup's `<` (the caller has told its kind from
//! the bytes after it; an opening that is not there is an error, never a panic) and leaves it
//! after the markup, or returns the stream's error, which the reader maps as it maps the
//! tokenizer's (the same inner error: the tokenizer only wraps it).

use xmlparser::{StrSpan, Stream, StreamError};

/// What the functions return: the stream's own error on a fault.
pub(crate) type Read<T> = Result<T, StreamError>;

/// A qualified name: its prefix (empty when there is none) and local part.
pub(crate) type QName<'a> = (StrSpan<'a>, StrSpan<'a>);

/// `'<' QName`: a start tag's name.
pub(crate) fn element_start<'a>(s: &mut Stream<'a>) -> Read<QName<'a>> {
    s.consume_byte(b'<')?;
    s.consume_qname()
}

/// What follows a start tag's name or one of its attributes.
pub(crate) enum TagPart<'a> {
    /// `S QName Eq AttValue`: an attribute (its value as written, quotes left out).
    Attribute { name: QName<'a>, value: StrSpan<'a> },
    /// `S? '>'` or `S? '/>'` (`empty`): the end of the tag, before the stream's position.
    End { empty: bool },
}

/// The next part of a start tag: `S Attribute`, or `S? ('>' | '/>')`. An attribute needs the
/// white space before it; its value is anything but its quote and `<`.
/// Inlined into its caller by default: one frame, not two, on the deepest path of a windowed
/// parse (a start tag that the byte scanners leave to it: 40 bytes of stack less; with
/// `small` the two frames take less).
#[cfg_attr(not(feature = "small"), inline(always))]
pub(crate) fn tag_part<'a>(s: &mut Stream<'a>) -> Read<TagPart<'a>> {
    let spaced_from = s.pos();
    let spaced = s.starts_with_space();
    s.skip_spaces();
    match s.curr_byte() {
        Ok(b'/') => {
            s.advance(1);
            s.consume_byte(b'>')?;
            return Ok(TagPart::End { empty: true });
        }
        Ok(b'>') => {
            s.advance(1);
            return Ok(TagPart::End { empty: false });
        }
        Ok(c) if !spaced => return Err(StreamError::InvalidSpace(c, s.gen_text_pos_from(spaced_from))),
        Err(e) if !spaced => return Err(e),
        _ => {}
    }
    let name = s.consume_qname()?;
    s.consume_eq()?;
    let quote = s.consume_quote()?;
    let q = char::from(quote);
    let value = s.consume_chars(|_, c| c != q && c != '<')?;
    s.consume_byte(quote)?;
    Ok(TagPart::Attribute { name, value })
}

/// `'</' QName S? '>'`: an end tag's name.
pub(crate) fn end_tag<'a>(s: &mut Stream<'a>) -> Read<QName<'a>> {
    s.skip_string(b"</")?;
    let name = s.consume_qname()?;
    s.skip_spaces();
    s.consume_byte(b'>')?;
    Ok(name)
}

/// `'<!--' ((Char - '-') | ('-' (Char - '-')))* '-->'`: a comment.
pub(crate) fn comment(s: &mut Stream<'_>) -> Read<()> {
    s.skip_string(b"<!--")?;
    let text = s.consume_chars(|s, c| !(c == '-' && s.starts_with(b"-->")))?;
    s.skip_string(b"-->")?;
    if crate::scan::find_marker(text.as_str().as_bytes(), b"--").is_some() {
        return Err(StreamError::InvalidCommentData);
    }
    if text.as_str().ends_with('-') {
        return Err(StreamError::InvalidCommentEnd);
    }
    Ok(())
}

/// `'<?' Name (S Char*)? '?>'`, the content up to the first `?>`: a processing instruction's
/// target. (The tokenizer lets the target run into the content and takes `xml` for one: the
/// reader checks both.)
pub(crate) fn pi<'a>(s: &mut Stream<'a>) -> Read<StrSpan<'a>> {
    s.skip_string(b"<?")?;
    let target = s.consume_name()?;
    s.skip_spaces();
    s.skip_chars(|s, c| !(c == '?' && s.starts_with(b"?>")))?;
    s.skip_string(b"?>")?;
    Ok(target)
}

/// `'<![CDATA[' (Char* - (Char* ']]>' Char*)) ']]>'`: a CDATA section.
pub(crate) fn cdata(s: &mut Stream<'_>) -> Read<()> {
    s.skip_string(b"<![CDATA[")?;
    s.skip_chars(|s, c| !(c == ']' && s.starts_with(b"]]>")))?;
    s.skip_string(b"]]>")
}

/// What an XML declaration says that the reader checks: its version number and encoding name.
pub(crate) struct Declaration<'a> {
    pub version: StrSpan<'a>,
    pub encoding: Option<StrSpan<'a>>,
}

/// `'<?xml' S 'version' Eq Quote '1.' [0-9]* Quote (S 'encoding' Eq Quote EncName Quote)?
/// (S 'standalone' Eq Quote ('yes' | 'no') Quote)? S? '?>'`, as `xmlparser` 0.13.6 reads an XML
/// declaration after `<?xml ` (the version's digits may be none: the reader checks). After a
/// tab, CR or LF, which the tokenizer does not take for a declaration (XML 1.0 §2.8 does), it
/// reads the same way.
pub(crate) fn declaration<'a>(s: &mut Stream<'a>) -> Read<Declaration<'a>> {
    s.skip_string(b"<?xml")?;
    s.consume_spaces()?;
    s.skip_string(b"version")?;
    s.consume_eq()?;
    let quote = s.consume_quote()?;
    let from = s.pos();
    s.skip_string(b"1.")?;
    s.skip_bytes(|_, c| c.is_ascii_digit());
    let version = s.slice_back(from);
    s.consume_byte(quote)?;
    declaration_spaces(s)?;
    let mut encoding = None;
    if s.starts_with(b"encoding") {
        s.advance(8);
        s.consume_eq()?;
        let quote = s.consume_quote()?;
        encoding = Some(s.consume_bytes(|_, c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_')));
        s.consume_byte(quote)?;
        declaration_spaces(s)?;
    }
    if s.starts_with(b"standalone") {
        s.advance(10);
        s.consume_eq()?;
        let quote = s.consume_quote()?;
        let from = s.pos();
        if !matches!(s.consume_name()?.as_str(), "yes" | "no") {
            return Err(StreamError::InvalidString("yes', 'no", s.gen_text_pos_from(from)));
        }
        s.consume_byte(quote)?;
    }
    s.skip_spaces();
    s.skip_string(b"?>")?;
    Ok(Declaration { version, encoding })
}

/// White space between a declaration's parts: needed, unless `?>` or the end comes next.
fn declaration_spaces(s: &mut Stream<'_>) -> Read<()> {
    if s.starts_with_space() {
        s.skip_spaces();
    } else if !s.starts_with(b"?>")
        && let Ok(c) = s.curr_byte()
    {
        return Err(StreamError::InvalidSpace(c, s.gen_text_pos()));
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use xmlparser::{ElementEnd, Error, Token, Tokenizer};

    /// What a read gives, comparable between the two ways: the spans as `(start, end)`, the
    /// position after, or the inner error.
    type Outcome = Result<(std::vec::Vec<(usize, usize)>, usize), std::string::String>;

    extern crate std;
    use std::format;
    use std::vec;

    fn span(s: StrSpan<'_>) -> (usize, usize) {
        (s.start(), s.end())
    }

    fn inner(e: &Error) -> std::string::String {
        match e {
            Error::InvalidComment(s, _)
            | Error::InvalidPI(s, _)
            | Error::InvalidElement(s, _)
            | Error::InvalidAttribute(s, _)
            | Error::InvalidCdata(s, _) => format!("{s:?}"),
            other => format!("other {other:?}"),
        }
    }

    /// A start tag and its attributes, by the tokenizer.
    fn tokenizer_tag(text: &str) -> Outcome {
        let mut tok = Tokenizer::from_fragment(text, 0..text.len());
        let mut spans = vec![];
        match tok.next() {
            Some(Ok(Token::ElementStart { prefix, local, .. })) => spans.extend([span(prefix), span(local)]),
            Some(Err(e)) => return Err(inner(&e)),
            other => return Err(format!("token {other:?}")),
        }
        loop {
            match tok.next() {
                Some(Ok(Token::Attribute { prefix, local, value, .. })) => {
                    spans.extend([span(prefix), span(local), span(value)]);
                }
                Some(Ok(Token::ElementEnd { end, span })) => {
                    spans.push((usize::from(end == ElementEnd::Empty), 0));
                    return Ok((spans, span.end()));
                }
                Some(Err(e)) => return Err(inner(&e)),
                // The stream at its end: the reader takes it as the input ending, as it takes
                // `UnexpectedEndOfStream`.
                None => return Err(format!("{:?}", xmlparser::StreamError::UnexpectedEndOfStream)),
                other => return Err(format!("token {other:?}")),
            }
        }
    }

    /// The same, here.
    fn stream_tag(text: &str) -> Outcome {
        let mut s = Stream::from_substr(text, 0..text.len());
        let mut spans = vec![];
        let (prefix, local) = element_start(&mut s).map_err(|e| format!("{e:?}"))?;
        spans.extend([span(prefix), span(local)]);
        loop {
            match tag_part(&mut s).map_err(|e| format!("{e:?}"))? {
                TagPart::Attribute { name: (prefix, local), value } => {
                    spans.extend([span(prefix), span(local), span(value)]);
                }
                TagPart::End { empty } => {
                    spans.push((usize::from(empty), 0));
                    return Ok((spans, s.pos()));
                }
            }
        }
    }

    /// Any other token, by the tokenizer: its spans (the names of an end tag, the target of a
    /// PI) and its end.
    fn tokenizer_other(text: &str) -> Outcome {
        match Tokenizer::from_fragment(text, 0..text.len()).next() {
            Some(Ok(Token::ElementEnd { end: ElementEnd::Close(p, l), span })) => {
                Ok((vec![self::span(p), self::span(l)], span.end()))
            }
            Some(Ok(Token::Comment { span, .. } | Token::Cdata { span, .. })) => Ok((vec![], span.end())),
            Some(Ok(Token::ProcessingInstruction { target, span, .. })) => Ok((vec![self::span(target)], span.end())),
            Some(Err(e)) => Err(inner(&e)),
            other => Err(format!("token {other:?}")),
        }
    }

    /// The same, here (the kind told from the first bytes, as the reader tells it).
    fn stream_other(text: &str) -> Outcome {
        let mut s = Stream::from_substr(text, 0..text.len());
        let spans = if text.starts_with("</") {
            let (p, l) = end_tag(&mut s).map_err(|e| format!("{e:?}"))?;
            vec![span(p), span(l)]
        } else if text.starts_with("<!--") {
            comment(&mut s).map_err(|e| format!("{e:?}"))?;
            vec![]
        } else if text.starts_with("<![CDATA[") {
            cdata(&mut s).map_err(|e| format!("{e:?}"))?;
            vec![]
        } else {
            vec![span(pi(&mut s).map_err(|e| format!("{e:?}"))?)]
        };
        Ok((spans, s.pos()))
    }

    /// Start tags the byte scanners read and tags they leave to `xmlparser`: names that are
    /// not ASCII, single quotes, references, `<` or `>` in a value, characters XML does not
    /// allow, faults of every kind.
    pub(crate) const TAGS: &[&str] = &[
        "<a>",
        "<a/>",
        "<d:prop >",
        "<d:multistatus xmlns:d=\"DAV:\" xmlns='urn:x'>",
        "<x:r\u{e9}sum\u{e9} xmlns:x='urn:x' x:a=\"1\" a = '2' />",
        "<a b=\"x &amp; y&#233;\" c='>'>",
        "<a b=\"1\"c=\"2\">",
        "<a b=\"&bogus;\" c=\"1\">",
        "<a b=\"1\" / >",
        "<a b=\"<\">",
        "<a b=\"\u{1}\">",
        "<a b=\"\u{fffe}\">",
        "<a b>",
        "<a b=>",
        "<a b=c>",
        "<a:b:c d='1'>",
        "<1a>",
        "<a 1b='2'>",
        "<a:>",
        "<:a>",
        "<a\u{1}>",
        "<\u{e9}t\u{e9} \u{e9}='\u{e9}'/>",
    ];

    /// End tags, comments, CDATA sections, PIs, well formed or not.
    pub(crate) const OTHERS: &[&str] = &[
        "</a>",
        "</d:prop >",
        "</\u{e9}t\u{e9}>",
        "</a b>",
        "</1a>",
        "</a:b:c>",
        "<!-- a comment -->",
        "<!---->",
        "<!-- a -- b -->",
        "<!-- a --->",
        "<!-- \u{1} -->",
        "<!-- - -->",
        "<![CDATA[x]]>",
        "<![CDATA[]]>",
        "<![CDATA[a]]b]>c]]>",
        "<![CDATA[\u{1}]]>",
        "<?pi?>",
        "<?pi data?>",
        "<?pi=x?>",
        "<?xml-stylesheet href='a'?>",
        "<?pi a?b?>",
        "<?1pi?>",
        "<? pi?>",
        "<?pi \u{1}?>",
    ];

    /// A declaration, by the tokenizer: its version, encoding and end.
    fn tokenizer_declaration(text: &str) -> Outcome {
        match Tokenizer::from(text).next() {
            Some(Ok(Token::Declaration { version, encoding, span, .. })) => {
                Ok((vec![self::span(version), encoding.map_or((0, 0), self::span)], span.end()))
            }
            Some(Err(Error::InvalidDeclaration(s, _))) => Err(format!("{s:?}")),
            other => Err(format!("token {other:?}")),
        }
    }

    /// The same, here.
    fn stream_declaration(text: &str) -> Outcome {
        let mut s = Stream::from(text);
        let d = declaration(&mut s).map_err(|e| format!("{e:?}"))?;
        Ok((vec![span(d.version), d.encoding.map_or((0, 0), span)], s.pos()))
    }

    /// XML declarations, well formed or not.
    const DECLARATIONS: &[&str] = &[
        "<?xml version=\"1.0\"?>",
        "<?xml version='1.0' encoding='utf-8'?>",
        "<?xml  version = \"1.1\"  encoding = \"UTF-8\"  standalone = 'yes' ?>",
        "<?xml version=\"1.0\" standalone=\"no\"?>",
        "<?xml version=\"1.\"?>",
        "<?xml version=\"2.0\"?>",
        "<?xml version=\"1.0\"encoding=\"utf-8\"?>",
        "<?xml version=\"1.0\" encoding=\"utf-8\"standalone=\"yes\"?>",
        "<?xml version=\"1.0\" encoding=\"\"?>",
        "<?xml version=\"1.0\" encoding=\"1x\"?>",
        "<?xml version=\"1.0\" encoding='utf-8\"?>",
        "<?xml version=\"1.0\" standalone=\"maybe\"?>",
        "<?xml version=\"1.0\" standalone=\"\"?>",
        "<?xml version=\"1.0\" foo=\"bar\"?>",
        "<?xml encoding=\"utf-8\"?>",
        "<?xml version=\"1.0\" ?",
        "<?xml version=\"1.0\"\u{1}?>",
    ];

    #[test]
    fn declarations_read_as_the_tokenizer_reads_them() {
        let mut compared = 0;
        for decl in DECLARATIONS {
            // From `<?xml ` on: the tokenizer reads a declaration only after it.
            for (cut, _) in decl.char_indices().filter(|&(i, _)| i >= 6).chain([(decl.len(), ' ')]) {
                for text in [decl.get(..cut).unwrap_or(""), &format!("{}<a/>", decl.get(..cut).unwrap_or(""))] {
                    assert_eq!(stream_declaration(text), tokenizer_declaration(text), "{text:?}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 500, "{compared}");
    }

    #[test]
    fn declarations_after_a_tab_cr_or_lf_read_as_the_tokenizer_reads_them_after_a_space() {
        // The tokenizer takes `<?xml` for a declaration only before a space: its reading with
        // a space there is the oracle. After a tab or CR the positions are the same; after an
        // LF they are on the next row: the spans, the end and the error's kind are compared.
        let kind = |o: Outcome| o.map_err(|e| e.split('(').next().map(std::string::String::from));
        let mut compared = 0;
        for decl in DECLARATIONS {
            for (cut, _) in decl.char_indices().filter(|&(i, _)| i >= 6).chain([(decl.len(), ' ')]) {
                for text in [decl.get(..cut).unwrap_or(""), &format!("{}<a/>", decl.get(..cut).unwrap_or(""))] {
                    let expected = tokenizer_declaration(text);
                    for s in ["\t", "\r"] {
                        assert_eq!(stream_declaration(&text.replacen(' ', s, 1)), expected, "{s:?} in {text:?}");
                    }
                    let after_lf = stream_declaration(&text.replacen(' ', "\n", 1));
                    assert_eq!(kind(after_lf), kind(expected.clone()), "LF in {text:?}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 500, "{compared}");
    }

    #[test]
    fn start_tags_read_as_the_tokenizer_reads_them() {
        let mut compared = 0;
        for tag in TAGS {
            // From the name on: the reader tells a start tag from the byte after `<`.
            for (cut, _) in tag.char_indices().skip(2).chain([(tag.len(), ' ')]) {
                // Every prefix, and the prefix followed by more bytes.
                for text in [tag.get(..cut).unwrap_or(""), &format!("{}<b>", tag.get(..cut).unwrap_or(""))] {
                    assert_eq!(stream_tag(text), tokenizer_tag(text), "{text:?}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 450, "{compared}");
    }

    #[test]
    fn end_tags_comments_pis_and_cdata_read_as_the_tokenizer_reads_them() {
        let mut compared = 0;
        for markup in OTHERS {
            // From the end of the opening on: the reader tells the kind from it.
            let opening = match markup.get(..4) {
                Some("<!--") => 4,
                Some("<![C") => 9,
                _ => 2,
            };
            for (cut, _) in markup.char_indices().filter(|&(i, _)| i >= opening).chain([(markup.len(), ' ')]) {
                for text in [markup.get(..cut).unwrap_or(""), &format!("{}<b>", markup.get(..cut).unwrap_or(""))] {
                    assert_eq!(stream_other(text), tokenizer_other(text), "{text:?}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 350, "{compared}");
    }
}
