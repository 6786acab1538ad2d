//! The bodies the footprint binaries parse, and the parses more than one of them makes.
#![allow(dead_code)]

/// The bodies are input, not code: each is a static in a section of its own,
/// `.footprint_bodies`, so that footprint.sh's code (`.text` + `.rodata`) leaves them out.
/// Its bytes, copied from `text` (a body can then be written as a literal).
const fn bytes<const N: usize>(text: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = text[i];
        i += 1;
    }
    out
}

/// A PROPFIND answer of a calendar home: namespaces, an escape, a 404 propstat, a status-form
/// response, a sync-token.
pub static SMALL: &[u8] = &SMALL_BYTES;
#[unsafe(link_section = ".footprint_bodies")]
static SMALL_BYTES: [u8; SMALL_TEXT.len()] = bytes(SMALL_TEXT);
const SMALL_TEXT: &[u8] = br#"<?xml version="1.0" encoding="utf-8"?>
<d:multistatus xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/">
  <d:response><d:href>/cal/</d:href>
    <d:propstat><d:prop><d:displayname>Work &amp; more</d:displayname><cs:getctag>"42"</cs:getctag>
      <d:resourcetype><d:collection/></d:resourcetype></d:prop>
      <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
    <d:propstat><d:prop><d:getetag/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
  </d:response>
  <d:response><d:href>/cal/a%20b.ics</d:href>
    <d:propstat><d:prop><d:getetag>"abc"</d:getetag><d:getcontentlength>1234</d:getcontentlength>
      <d:getlastmodified>Sun, 06 Nov 1994 08:49:37 GMT</d:getlastmodified></d:prop>
      <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  </d:response>
  <d:response><d:href>/cal/c.ics</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>
  <d:sync-token>http://example.com/sync/7</d:sync-token>
</d:multistatus>"#;

/// The windowed body: a header, `RESPONSE` `REPEAT` times (about 6 KB), and a tail, made as it is
/// read (a stand-in for a socket), so a 1 KiB buffer moves on many times.
#[unsafe(link_section = ".footprint_bodies")]
static HEAD: [u8; HEAD_TEXT.len()] = bytes(HEAD_TEXT);
const HEAD_TEXT: &[u8] = br#"<?xml version="1.0" encoding="utf-8"?>
<d:multistatus xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/">
"#;
#[unsafe(link_section = ".footprint_bodies")]
static RESPONSE: [u8; RESPONSE_TEXT.len()] = bytes(RESPONSE_TEXT);
const RESPONSE_TEXT: &[u8] = r#"  <d:response><d:href>/cal/a%20b.ics</d:href>
    <!-- every path of the reader: a comment, attributes, references, CDATA, a PI, a name
         that is not ASCII, a description -->
    <d:propstat><d:prop><d:getetag>"abc"</d:getetag><d:getcontentlength>1234</d:getcontentlength>
      <d:getlastmodified>Sun, 06 Nov 1994 08:49:37 GMT</d:getlastmodified>
      <d:displayname xml:lang='fr' title="a&amp;b">Caf&#233; &amp; th&#xE9;</d:displayname>
      <C:calendar-data xmlns:C="urn:ietf:params:xml:ns:caldav"><![CDATA[BEGIN:VCALENDAR
END:VCALENDAR]]></C:calendar-data><x:résumé xmlns:x="urn:x" x:a="1" a="2"/><?pi data?></d:prop>
      <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
    <d:responsedescription>ok <d:unknown a="1">x</d:unknown></d:responsedescription>
  </d:response>
"#
.as_bytes();
#[unsafe(link_section = ".footprint_bodies")]
static TAIL: [u8; TAIL_TEXT.len()] = bytes(TAIL_TEXT);
const TAIL_TEXT: &[u8] = b"  <d:sync-token>http://example.com/sync/7</d:sync-token>\n</d:multistatus>";
pub const REPEAT: usize = 24;

/// The length of the windowed body.
pub const STREAM_LEN: usize = HEAD.len() + REPEAT * RESPONSE.len() + TAIL.len();

/// Copies the windowed body's bytes from `at` into `out`; returns how many (0 at its end).
pub fn read_stream(at: usize, out: &mut [u8]) -> usize {
    let mut n = 0;
    for slot in out.iter_mut() {
        let i = at + n;
        let byte = if i < HEAD.len() {
            HEAD.get(i)
        } else if i < HEAD.len() + REPEAT * RESPONSE.len() {
            RESPONSE.get((i - HEAD.len()) % RESPONSE.len())
        } else {
            TAIL.get(i - HEAD.len() - REPEAT * RESPONSE.len())
        };
        let Some(&b) = byte else { break };
        *slot = b;
        n += 1;
    }
    n
}

use multistatus::{Event, Options, Parser, WindowParser};

/// The whole-body event level over `SMALL`: 0 when every event reads.
#[inline(never)]
pub fn events() -> i32 {
    let Ok(parser) = Parser::<8, 8, 256>::with_options(SMALL, Options::default()) else { return 10 };
    if parser.into_iter().all(|ev| ev.is_ok()) { 0 } else { 11 }
}

/// The windowed event level: `WindowParser<8, 8, 256>` and a 1 KiB buffer, both on the stack
/// (so the peak stack is all the RAM the parse takes), over the stream made as it is read.
/// 0 when every href and every `200` status arrives.
#[inline(never)]
pub fn windowed() -> i32 {
    windowed_in(WindowParser::<8, 8, 256>::with_options(Options::default()))
}

/// The same in pieces mode (`WindowParser::in_pieces`: what a client short of RAM uses).
#[inline(never)]
pub fn windowed_pieces() -> i32 {
    windowed_in(WindowParser::<8, 8, 256>::with_options(Options::default()).in_pieces())
}

#[inline(always)]
fn windowed_in(mut parser: WindowParser<8, 8, 256>) -> i32 {
    let mut buf = [0u8; 1024];
    let (mut start, mut filled, mut arrived) = (0, 0, 0);
    let (mut hrefs, mut statuses) = (0, 0);
    while !parser.is_done() {
        let is_final = arrived == STREAM_LEN;
        {
            let Some(window) = buf.get(..filled) else { return 20 };
            let Ok(mut feed) = parser.feed(window, start, is_final) else { return 21 };
            while let Some(ev) = feed.next_event() {
                match ev {
                    Ok(Event::Href(_)) => hrefs += 1,
                    Ok(Event::Status(s)) if s.code() == 200 => statuses += 1,
                    Ok(_) => {}
                    Err(_) => return 22,
                }
            }
        }
        let done = parser.keep_from() - start;
        buf.copy_within(done..filled, 0);
        start += done;
        filled -= done;
        let Some(room) = buf.get_mut(filled..) else { return 23 };
        let n = read_stream(arrived, room);
        filled += n;
        arrived += n;
    }
    if hrefs == REPEAT && statuses == REPEAT { 0 } else { 24 }
}
