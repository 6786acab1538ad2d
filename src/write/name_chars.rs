//! The names the writer writes: XML names that every XML 1.0 reader accepts.
//!
//! The fifth edition of XML 1.0 (2008) widened the name characters to almost all of Unicode
//! (`NameStartChar`, `NameChar`, §2.3); the editions before it allowed only the letters, digits,
//! combining characters and extenders of their Appendix B (Unicode 2.0 classes). Readers built
//! on expat (neon, Python, ...) still follow Appendix B and refuse a body with a name such as
//! `a\u{FEFF}` or `\u{10000}`. The reader of this crate accepts fifth-edition names (the current
//! rule); the writer writes only names that both editions allow, so that every reader takes its
//! output. Appendix B's classes all lie inside the fifth edition's (checked exhaustively by the
//! tests), so the intersection is Appendix B's; both are checked anyway.

use core::cmp::Ordering;

/// Appendix B `Letter` (`BaseChar | Ideographic`) and `_`: the characters that may start a
/// name, as sorted, disjoint, inclusive ranges. All in the Basic Multilingual Plane.
#[rustfmt::skip]
const LETTERS: [(u16, u16); 205] = [
    (0x0041, 0x005A), (0x005F, 0x005F), (0x0061, 0x007A), (0x00C0, 0x00D6), (0x00D8, 0x00F6),
    (0x00F8, 0x0131), (0x0134, 0x013E), (0x0141, 0x0148), (0x014A, 0x017E), (0x0180, 0x01C3),
    (0x01CD, 0x01F0), (0x01F4, 0x01F5), (0x01FA, 0x0217), (0x0250, 0x02A8), (0x02BB, 0x02C1),
    (0x0386, 0x0386), (0x0388, 0x038A), (0x038C, 0x038C), (0x038E, 0x03A1), (0x03A3, 0x03CE),
    (0x03D0, 0x03D6), (0x03DA, 0x03DA), (0x03DC, 0x03DC), (0x03DE, 0x03DE), (0x03E0, 0x03E0),
    (0x03E2, 0x03F3), (0x0401, 0x040C), (0x040E, 0x044F), (0x0451, 0x045C), (0x045E, 0x0481),
    (0x0490, 0x04C4), (0x04C7, 0x04C8), (0x04CB, 0x04CC), (0x04D0, 0x04EB), (0x04EE, 0x04F5),
    (0x04F8, 0x04F9), (0x0531, 0x0556), (0x0559, 0x0559), (0x0561, 0x0586), (0x05D0, 0x05EA),
    (0x05F0, 0x05F2), (0x0621, 0x063A), (0x0641, 0x064A), (0x0671, 0x06B7), (0x06BA, 0x06BE),
    (0x06C0, 0x06CE), (0x06D0, 0x06D3), (0x06D5, 0x06D5), (0x06E5, 0x06E6), (0x0905, 0x0939),
    (0x093D, 0x093D), (0x0958, 0x0961), (0x0985, 0x098C), (0x098F, 0x0990), (0x0993, 0x09A8),
    (0x09AA, 0x09B0), (0x09B2, 0x09B2), (0x09B6, 0x09B9), (0x09DC, 0x09DD), (0x09DF, 0x09E1),
    (0x09F0, 0x09F1), (0x0A05, 0x0A0A), (0x0A0F, 0x0A10), (0x0A13, 0x0A28), (0x0A2A, 0x0A30),
    (0x0A32, 0x0A33), (0x0A35, 0x0A36), (0x0A38, 0x0A39), (0x0A59, 0x0A5C), (0x0A5E, 0x0A5E),
    (0x0A72, 0x0A74), (0x0A85, 0x0A8B), (0x0A8D, 0x0A8D), (0x0A8F, 0x0A91), (0x0A93, 0x0AA8),
    (0x0AAA, 0x0AB0), (0x0AB2, 0x0AB3), (0x0AB5, 0x0AB9), (0x0ABD, 0x0ABD), (0x0AE0, 0x0AE0),
    (0x0B05, 0x0B0C), (0x0B0F, 0x0B10), (0x0B13, 0x0B28), (0x0B2A, 0x0B30), (0x0B32, 0x0B33),
    (0x0B36, 0x0B39), (0x0B3D, 0x0B3D), (0x0B5C, 0x0B5D), (0x0B5F, 0x0B61), (0x0B85, 0x0B8A),
    (0x0B8E, 0x0B90), (0x0B92, 0x0B95), (0x0B99, 0x0B9A), (0x0B9C, 0x0B9C), (0x0B9E, 0x0B9F),
    (0x0BA3, 0x0BA4), (0x0BA8, 0x0BAA), (0x0BAE, 0x0BB5), (0x0BB7, 0x0BB9), (0x0C05, 0x0C0C),
    (0x0C0E, 0x0C10), (0x0C12, 0x0C28), (0x0C2A, 0x0C33), (0x0C35, 0x0C39), (0x0C60, 0x0C61),
    (0x0C85, 0x0C8C), (0x0C8E, 0x0C90), (0x0C92, 0x0CA8), (0x0CAA, 0x0CB3), (0x0CB5, 0x0CB9),
    (0x0CDE, 0x0CDE), (0x0CE0, 0x0CE1), (0x0D05, 0x0D0C), (0x0D0E, 0x0D10), (0x0D12, 0x0D28),
    (0x0D2A, 0x0D39), (0x0D60, 0x0D61), (0x0E01, 0x0E2E), (0x0E30, 0x0E30), (0x0E32, 0x0E33),
    (0x0E40, 0x0E45), (0x0E81, 0x0E82), (0x0E84, 0x0E84), (0x0E87, 0x0E88), (0x0E8A, 0x0E8A),
    (0x0E8D, 0x0E8D), (0x0E94, 0x0E97), (0x0E99, 0x0E9F), (0x0EA1, 0x0EA3), (0x0EA5, 0x0EA5),
    (0x0EA7, 0x0EA7), (0x0EAA, 0x0EAB), (0x0EAD, 0x0EAE), (0x0EB0, 0x0EB0), (0x0EB2, 0x0EB3),
    (0x0EBD, 0x0EBD), (0x0EC0, 0x0EC4), (0x0F40, 0x0F47), (0x0F49, 0x0F69), (0x10A0, 0x10C5),
    (0x10D0, 0x10F6), (0x1100, 0x1100), (0x1102, 0x1103), (0x1105, 0x1107), (0x1109, 0x1109),
    (0x110B, 0x110C), (0x110E, 0x1112), (0x113C, 0x113C), (0x113E, 0x113E), (0x1140, 0x1140),
    (0x114C, 0x114C), (0x114E, 0x114E), (0x1150, 0x1150), (0x1154, 0x1155), (0x1159, 0x1159),
    (0x115F, 0x1161), (0x1163, 0x1163), (0x1165, 0x1165), (0x1167, 0x1167), (0x1169, 0x1169),
    (0x116D, 0x116E), (0x1172, 0x1173), (0x1175, 0x1175), (0x119E, 0x119E), (0x11A8, 0x11A8),
    (0x11AB, 0x11AB), (0x11AE, 0x11AF), (0x11B7, 0x11B8), (0x11BA, 0x11BA), (0x11BC, 0x11C2),
    (0x11EB, 0x11EB), (0x11F0, 0x11F0), (0x11F9, 0x11F9), (0x1E00, 0x1E9B), (0x1EA0, 0x1EF9),
    (0x1F00, 0x1F15), (0x1F18, 0x1F1D), (0x1F20, 0x1F45), (0x1F48, 0x1F4D), (0x1F50, 0x1F57),
    (0x1F59, 0x1F59), (0x1F5B, 0x1F5B), (0x1F5D, 0x1F5D), (0x1F5F, 0x1F7D), (0x1F80, 0x1FB4),
    (0x1FB6, 0x1FBC), (0x1FBE, 0x1FBE), (0x1FC2, 0x1FC4), (0x1FC6, 0x1FCC), (0x1FD0, 0x1FD3),
    (0x1FD6, 0x1FDB), (0x1FE0, 0x1FEC), (0x1FF2, 0x1FF4), (0x1FF6, 0x1FFC), (0x2126, 0x2126),
    (0x212A, 0x212B), (0x212E, 0x212E), (0x2180, 0x2182), (0x3007, 0x3007), (0x3021, 0x3029),
    (0x3041, 0x3094), (0x30A1, 0x30FA), (0x3105, 0x312C), (0x4E00, 0x9FA5), (0xAC00, 0xD7A3),
];

/// Appendix B `Digit | CombiningChar | Extender`, `-` and `.`: the characters that may stand in
/// a name after its first (besides [`LETTERS`]), as sorted, disjoint, inclusive ranges.
#[rustfmt::skip]
const OTHERS: [(u16, u16); 110] = [
    (0x002D, 0x002E), (0x0030, 0x0039), (0x00B7, 0x00B7), (0x02D0, 0x02D1), (0x0300, 0x0345),
    (0x0360, 0x0361), (0x0387, 0x0387), (0x0483, 0x0486), (0x0591, 0x05A1), (0x05A3, 0x05B9),
    (0x05BB, 0x05BD), (0x05BF, 0x05BF), (0x05C1, 0x05C2), (0x05C4, 0x05C4), (0x0640, 0x0640),
    (0x064B, 0x0652), (0x0660, 0x0669), (0x0670, 0x0670), (0x06D6, 0x06E4), (0x06E7, 0x06E8),
    (0x06EA, 0x06ED), (0x06F0, 0x06F9), (0x0901, 0x0903), (0x093C, 0x093C), (0x093E, 0x094D),
    (0x0951, 0x0954), (0x0962, 0x0963), (0x0966, 0x096F), (0x0981, 0x0983), (0x09BC, 0x09BC),
    (0x09BE, 0x09C4), (0x09C7, 0x09C8), (0x09CB, 0x09CD), (0x09D7, 0x09D7), (0x09E2, 0x09E3),
    (0x09E6, 0x09EF), (0x0A02, 0x0A02), (0x0A3C, 0x0A3C), (0x0A3E, 0x0A42), (0x0A47, 0x0A48),
    (0x0A4B, 0x0A4D), (0x0A66, 0x0A71), (0x0A81, 0x0A83), (0x0ABC, 0x0ABC), (0x0ABE, 0x0AC5),
    (0x0AC7, 0x0AC9), (0x0ACB, 0x0ACD), (0x0AE6, 0x0AEF), (0x0B01, 0x0B03), (0x0B3C, 0x0B3C),
    (0x0B3E, 0x0B43), (0x0B47, 0x0B48), (0x0B4B, 0x0B4D), (0x0B56, 0x0B57), (0x0B66, 0x0B6F),
    (0x0B82, 0x0B83), (0x0BBE, 0x0BC2), (0x0BC6, 0x0BC8), (0x0BCA, 0x0BCD), (0x0BD7, 0x0BD7),
    (0x0BE7, 0x0BEF), (0x0C01, 0x0C03), (0x0C3E, 0x0C44), (0x0C46, 0x0C48), (0x0C4A, 0x0C4D),
    (0x0C55, 0x0C56), (0x0C66, 0x0C6F), (0x0C82, 0x0C83), (0x0CBE, 0x0CC4), (0x0CC6, 0x0CC8),
    (0x0CCA, 0x0CCD), (0x0CD5, 0x0CD6), (0x0CE6, 0x0CEF), (0x0D02, 0x0D03), (0x0D3E, 0x0D43),
    (0x0D46, 0x0D48), (0x0D4A, 0x0D4D), (0x0D57, 0x0D57), (0x0D66, 0x0D6F), (0x0E31, 0x0E31),
    (0x0E34, 0x0E3A), (0x0E46, 0x0E4E), (0x0E50, 0x0E59), (0x0EB1, 0x0EB1), (0x0EB4, 0x0EB9),
    (0x0EBB, 0x0EBC), (0x0EC6, 0x0EC6), (0x0EC8, 0x0ECD), (0x0ED0, 0x0ED9), (0x0F18, 0x0F19),
    (0x0F20, 0x0F29), (0x0F35, 0x0F35), (0x0F37, 0x0F37), (0x0F39, 0x0F39), (0x0F3E, 0x0F3F),
    (0x0F71, 0x0F84), (0x0F86, 0x0F8B), (0x0F90, 0x0F95), (0x0F97, 0x0F97), (0x0F99, 0x0FAD),
    (0x0FB1, 0x0FB7), (0x0FB9, 0x0FB9), (0x20D0, 0x20DC), (0x20E1, 0x20E1), (0x3005, 0x3005),
    (0x302A, 0x302F), (0x3031, 0x3035), (0x3099, 0x309A), (0x309D, 0x309E), (0x30FC, 0x30FE),
];

/// Whether `c` lies in one of the `ranges` (sorted, disjoint): a binary search.
fn in_ranges(ranges: &[(u16, u16)], c: char) -> bool {
    let Ok(c) = u16::try_from(u32::from(c)) else { return false };
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                Ordering::Less
            } else if lo > c {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
        .is_ok()
}

/// Fifth edition `NameStartChar`, without `:` (§2.3).
fn is_name_start_5th(c: char) -> bool {
    matches!(u32::from(c),
        0x41..=0x5A | 0x5F | 0x61..=0x7A | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x2FF | 0x370..=0x37D
        | 0x37F..=0x1FFF | 0x200C..=0x200D | 0x2070..=0x218F | 0x2C00..=0x2FEF | 0x3001..=0xD7FF
        | 0xF900..=0xFDCF | 0xFDF0..=0xFFFD | 0x10000..=0xEFFFF)
}

/// Fifth edition `NameChar`, without `:`.
fn is_name_char_5th(c: char) -> bool {
    is_name_start_5th(c) || matches!(u32::from(c), 0x2D | 0x2E | 0x30..=0x39 | 0xB7 | 0x300..=0x36F | 0x203F..=0x2040)
}

/// Whether `c` may start a name the writer writes: a fourth edition `Letter` or `_` that the
/// fifth edition also allows there.
pub(crate) fn is_name_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    in_ranges(&LETTERS, c) && is_name_start_5th(c)
}

/// Whether `c` may stand in a name the writer writes after its first character.
pub(crate) fn is_name_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    }
    (in_ranges(&LETTERS, c) || in_ranges(&OTHERS, c)) && is_name_char_5th(c)
}

/// Whether `s` is an `NCName` (a name without `:`) of at most `max` bytes that the writer may
/// write.
pub(crate) fn is_ncname(s: &str, max: usize) -> bool {
    let mut chars = s.chars();
    s.len() <= max && chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
}

/// Whether `s` is a `QName` (`prefix:local` or `local`) whose parts the writer may write.
fn is_qname(s: &str) -> bool {
    match s.split_once(':') {
        Some((prefix, local)) => is_ncname(prefix, usize::MAX) && is_ncname(local, usize::MAX),
        None => is_ncname(s, usize::MAX),
    }
}

/// XML white space (`S`).
const WHITE_SPACE: [char; 4] = [' ', '\t', '\r', '\n'];

/// The part of `s` after the first `pat` (empty when there is none).
fn after<'s>(s: &'s str, pat: &str) -> &'s str {
    s.split_once(pat).map_or("", |(_, rest)| rest)
}

/// The name at the start of `s`: up to white space, `=`, `/`, `>` or `?`.
fn name_at(s: &str) -> (&str, &str) {
    let end = s.find([' ', '\t', '\r', '\n', '=', '/', '>', '?']).unwrap_or(s.len());
    (s.get(..end).unwrap_or(""), s.get(end..).unwrap_or(""))
}

/// Whether every name in `raw` (element and attribute names with their prefixes, namespace
/// declarations, processing-instruction targets) is one the writer may write. `raw` is content
/// that the reader has checked to be well-formed: then every `<` outside comments, CDATA
/// sections and PIs starts a tag, and no `<` stands in a quoted attribute value. Linear: each
/// step moves past what it read.
pub(crate) fn raw_names_ok(raw: &str) -> bool {
    let mut rest = raw;
    while let Some((_, markup)) = rest.split_once('<') {
        rest = if let Some(comment) = markup.strip_prefix("!--") {
            after(comment, "-->")
        } else if let Some(cdata) = markup.strip_prefix("![CDATA[") {
            after(cdata, "]]>")
        } else if let Some(pi) = markup.strip_prefix('?') {
            // A PI target is a name without colons (Namespaces in XML, §7).
            let (target, _) = name_at(pi);
            if !is_ncname(target, usize::MAX) {
                return false;
            }
            after(pi, "?>")
        } else if markup.starts_with('/') {
            // An end tag's name is its start tag's.
            after(markup, ">")
        } else {
            match start_tag_names_ok(markup) {
                Some(after_tag) => after_tag,
                None => return false,
            }
        };
    }
    true
}

/// The names of the start tag whose `<` was just before `tag`: `Some(the rest after the tag)`
/// when all may be written, else `None`.
fn start_tag_names_ok(tag: &str) -> Option<&str> {
    let (name, mut rest) = name_at(tag);
    if !is_qname(name) {
        return None;
    }
    loop {
        rest = rest.trim_start_matches(WHITE_SPACE);
        if let Some(after_tag) = rest.strip_prefix("/>").or_else(|| rest.strip_prefix('>')) {
            return Some(after_tag);
        }
        let (attribute, value) = name_at(rest);
        if attribute.is_empty() || !is_qname(attribute) {
            return None;
        }
        // `= "value"` or `= 'value'`: past the closing quote.
        let value = value.trim_start_matches([' ', '\t', '\r', '\n', '=']);
        let quote = value.chars().next()?;
        rest = after(value.get(quote.len_utf8()..)?, quote.encode_utf8(&mut [0u8; 4]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10_FFFFu32).filter_map(char::from_u32)
    }

    #[test]
    fn tables_are_sorted_and_disjoint() {
        for table in [&LETTERS[..], &OTHERS[..]] {
            assert!(table.iter().all(|&(lo, hi)| lo <= hi));
            assert!(table.windows(2).all(|w| w[0].1.saturating_add(1) < w[1].0), "sorted, disjoint, merged");
        }
        assert!(LETTERS.iter().all(|&(lo, hi)| OTHERS.iter().all(|&(l, h)| hi < l || h < lo)), "no overlap");
    }

    /// Counted and summed over every code point, from expat 2.5.0 (through Python's pyexpat,
    /// which reads names by Appendix B): `<X/>` parses for exactly 34,515 characters X, and
    /// `<aX/>` for exactly 35,121 besides the space. Tables with one range wrong, missing or
    /// shifted would change a count or a sum.
    #[test]
    fn every_character_as_expat_reads_names() {
        let (mut starts, mut start_sum, mut chars, mut char_sum) = (0u32, 0u64, 0u32, 0u64);
        for c in all_chars() {
            if is_name_start(c) {
                starts += 1;
                start_sum += u64::from(u32::from(c));
            }
            if is_name_char(c) {
                chars += 1;
                char_sum += u64::from(u32::from(c));
            }
        }
        assert_eq!((starts, start_sum), (34_515, 1_199_916_064));
        assert_eq!((chars, char_sum), (35_121, 1_201_722_203));
    }

    /// Appendix B's classes lie inside the fifth edition's: the intersection is Appendix B.
    #[test]
    fn fourth_edition_names_are_fifth_edition_names() {
        for c in all_chars() {
            if in_ranges(&LETTERS, c) {
                assert!(is_name_start_5th(c) && is_name_start(c), "{c:?}");
            }
            if in_ranges(&LETTERS, c) || in_ranges(&OTHERS, c) {
                assert!(is_name_char_5th(c) && is_name_char(c), "{c:?}");
            }
            assert!(!is_name_char(c) || is_name_char_5th(c));
        }
    }

    #[test]
    fn samples() {
        // The fifth edition allows these anywhere in a name; the writer nowhere.
        for c in ['\u{FEFF}', '\u{FFFD}', '\u{D7FF}', '\u{10000}', '\u{EFFFF}', '\u{F900}', '\u{2070}'] {
            assert!(is_name_start_5th(c), "{c:?}");
            assert!(!is_name_start(c) && !is_name_char(c), "{c:?}");
        }
        for c in [':', ' ', '\u{D7}', '\u{F7}'] {
            assert!(!is_name_start(c) && !is_name_char(c), "{c:?}");
        }
        for c in ['\u{C0}', '\u{391}', '\u{4E00}', '\u{AC00}', '\u{D7A3}', '\u{3007}', 'A', 'z', '_'] {
            assert!(is_name_start(c) && is_name_char(c), "{c:?}");
        }
        for c in ['\u{660}', '\u{E46}', '\u{3005}', '\u{B7}', '\u{300}', '0', '-', '.'] {
            assert!(!is_name_start(c) && is_name_char(c), "{c:?}");
        }
    }

    #[test]
    fn names_in_raw_values() {
        let ok = [
            "",
            "text > only",
            "<a/>",
            "<a b='>' c = \"/>\"/><b></b>",
            "<p:a xmlns:p='urn:x' p:b='1'>t<!-- <\u{FEFF}> --><![CDATA[<\u{FEFF}/>]]><?pi <\u{FEFF}?></p:a>",
            "<a\n\tb\r\n=\n'1'\n/>",
            "<é\u{300}/>",
        ];
        for raw in ok {
            assert!(raw_names_ok(raw), "{raw:?}");
        }
        let bad = [
            "<a\u{FEFF}/>",
            "<a b\u{FEFF}='1'/>",
            "<a b='1' c\u{10000}='2'/>",
            "<p\u{FEFF}:a xmlns:p\u{FEFF}='u'/>",
            "<p:\u{660}a xmlns:p='u'/>",
            "<a><b/><c\u{FFFD}/></a>",
            "<!--x--><?\u{D7FF}?>",
            "<![CDATA[x]]><a\u{2070}/>",
        ];
        for raw in bad {
            assert!(!raw_names_ok(raw), "{raw:?}");
        }
    }
}
