//! The bodies every contender parses, generated here so that a run needs no data files.
//!
//! | name | what | size |
//! |---|---|---|
//! | `propfind-1k` | [`propfind`]`(1_000)`: a Depth: 1 PROPFIND answer | about 0.8 MB |
//! | `propfind-100k` | [`propfind`]`(100_000)`: the same, 100 times longer | about 80 MB |
//! | `multiget-200` | [`calendar_multiget`]`(200)`: a CalDAV `calendar-multiget` REPORT answer | about 0.9 MB |
//! | `corpus/<file>` | [`corpus`]: a few real bodies from `$MULTISTATUS_CORPUS`, when set | 3 KB to 11 MB |
//!
//! Every generated body is deterministic (a fixed linear congruential sequence chooses names,
//! sizes and dates), so two runs parse the same bytes. Each body knows what a correct parser
//! must find in it ([`Expected`]); the benches assert it inside the measured loop.

use std::fmt::Write as _;
use std::path::Path;

/// What a correct parse of a body finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Expected {
    /// `DAV:response` elements.
    pub responses: usize,
    /// Properties: child elements of every `DAV:prop` of every `DAV:propstat`.
    pub properties: usize,
    /// The sum of every `DAV:status` code (of responses and of propstats).
    pub status_sum: usize,
}

/// The kind of a body: peers that expose one parse function per request type (libdav) pick
/// the one that fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A PROPFIND answer.
    Propfind,
    /// A CalDAV `calendar-multiget` answer.
    Multiget,
    /// A corpus file (any multistatus).
    Corpus,
}

/// One body.
#[derive(Clone, Debug)]
pub struct Body {
    /// Its name in the bench ids and the tables.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// What a parse must find (for corpus files: what our event level finds, which the
    /// roxmltree walk must agree with).
    pub expected: Expected,
    /// Its kind.
    pub kind: Kind,
}

/// A fixed pseudo-random sequence (Knuth's MMIX LCG): the same bodies in every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const FILES: [(&str, &str); 6] = [
    ("report", "application/pdf"),
    ("photo", "image/jpeg"),
    ("notes", "text/plain; charset=utf-8"),
    ("budget", "application/vnd.oasis.opendocument.spreadsheet"),
    ("slides", "application/vnd.ms-powerpoint"),
    ("archive", "application/zip"),
];

/// The weekday of day `day` (1-based) of month `mi` (0-based) of 2024, which began on a Monday.
fn weekday_2024(mi: usize, day: u64) -> &'static str {
    const MONTH_DAYS: [u64; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let before: u64 = MONTH_DAYS.iter().take(mi).sum();
    DAYS[((before + day - 1) % 7) as usize]
}

/// A PROPFIND (Depth: 1) answer with `n` responses, as a Nextcloud- or Apache-like server
/// writes one: prefix `d:` for `DAV:`, one response per line group, about 800 bytes each.
///
/// Every response has an `href` (some with `&amp;` in the name), and two propstats:
/// - `200 OK` with eight common properties: `creationdate`, `displayname`,
///   `getcontentlength`, `getcontenttype`, `getetag` (entity-escaped quotes:
///   `&quot;…&quot;`), `getlastmodified` (an RFC 1123 date), `resourcetype` (`collection` for
///   every tenth response) and `supportedlock` (one lock entry);
/// - `404 Not Found` with two empty properties (`quota-used-bytes`, `quota-available-bytes`).
///
/// So it holds `n` responses, `10 n` properties and status codes summing to `604 n`.
pub fn propfind(n: usize) -> Body {
    let mut rng = Lcg(0x5eed_0001);
    let mut s = String::with_capacity(n * 780 + 200);
    s.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:multistatus xmlns:d=\"DAV:\">\n");
    for i in 0..n {
        let collection = i.is_multiple_of(10);
        let (stem, ctype) = FILES[rng.below(FILES.len() as u64) as usize];
        let amp = if i % 7 == 3 { "&amp;co" } else { "" };
        let name = if collection { format!("Folder {i:06}{amp}") } else { format!("{stem}-{i:06}{amp}.dat") };
        let href = if collection {
            format!("/dav/files/alice/Folder%20{i:06}{amp}/")
        } else {
            format!("/dav/files/alice/{stem}-{i:06}{amp}.dat")
        };
        let (mi, day) = (rng.below(12) as usize, rng.below(28) + 1);
        let (h, m, sec) = (rng.below(24), rng.below(60), rng.below(60));
        let (mon, wday) = (MONTHS[mi], weekday_2024(mi, day));
        let len = if collection { 0 } else { rng.below(50_000_000) };
        let ctype = if collection { "httpd/unix-directory" } else { ctype };
        let etag = format!("{:x}-{:x}", rng.next(), rng.next());
        let rtype = if collection { "<d:resourcetype><d:collection/></d:resourcetype>" } else { "<d:resourcetype/>" };
        let _ = write!(
            s,
            "<d:response>\n\
             <d:href>{href}</d:href>\n\
             <d:propstat>\n\
             <d:prop>\n\
             <d:creationdate>2024-{mo:02}-{day:02}T{h:02}:{m:02}:{sec:02}Z</d:creationdate>\n\
             <d:displayname>{name}</d:displayname>\n\
             <d:getcontentlength>{len}</d:getcontentlength>\n\
             <d:getcontenttype>{ctype}</d:getcontenttype>\n\
             <d:getetag>&quot;{etag}&quot;</d:getetag>\n\
             <d:getlastmodified>{wday}, {day:02} {mon} 2024 {h:02}:{m:02}:{sec:02} GMT</d:getlastmodified>\n\
             {rtype}\n\
             <d:supportedlock><d:lockentry><d:lockscope><d:exclusive/></d:lockscope><d:locktype><d:write/></d:locktype></d:lockentry></d:supportedlock>\n\
             </d:prop>\n\
             <d:status>HTTP/1.1 200 OK</d:status>\n\
             </d:propstat>\n\
             <d:propstat>\n\
             <d:prop>\n\
             <d:quota-used-bytes/>\n\
             <d:quota-available-bytes/>\n\
             </d:prop>\n\
             <d:status>HTTP/1.1 404 Not Found</d:status>\n\
             </d:propstat>\n\
             </d:response>\n",
            mo = mi + 1,
        );
    }
    s.push_str("</d:multistatus>\n");
    Body {
        name: if n.is_multiple_of(1000) { format!("propfind-{}k", n / 1000) } else { format!("propfind-{n}") },
        bytes: s.into_bytes(),
        expected: Expected { responses: n, properties: 10 * n, status_sum: 604 * n },
        kind: Kind::Propfind,
    }
}

/// One iCalendar object of about 4 KB, lines ending in `\r\n`: a VTIMEZONE, a VEVENT with a
/// long folded DESCRIPTION (with `&` and `<` in it) and attendees up to the size.
fn calendar_object(rng: &mut Lcg, i: usize) -> String {
    let mut c = String::with_capacity(4400);
    c.push_str(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example Corp.//CalDAV Server//EN\r\nCALSCALE:GREGORIAN\r\n\
         BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n\
         TZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
         BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\n\
         RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\n",
    );
    let _ = write!(
        c,
        "UID:{:016x}-{i:05}@example.com\r\nDTSTAMP:20240105T101500Z\r\n\
         DTSTART;TZID=Europe/Berlin:2024{:02}{:02}T{:02}0000\r\nDURATION:PT1H30M\r\n\
         SUMMARY:Planning meeting #{i} - Q&A <budget> & roadmap\r\nLOCATION:Room {} (building B)\r\n",
        rng.next(),
        rng.below(12) + 1,
        rng.below(28) + 1,
        rng.below(10) + 8,
        rng.below(500),
    );
    c.push_str("DESCRIPTION:Agenda: 1) review of last quarter's numbers & open issues\\n 2) the <draft> plan\r\n");
    for _ in 0..6 {
        c.push_str(" for next quarter\\, with owners and dates\\; bring your notes & questions\\n\r\n");
    }
    let mut k = 0;
    while c.len() < 3_900 {
        let _ = write!(
            c,
            "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Person {k}:\r\n mailto:person{k}.{:x}@example.com\r\n",
            rng.below(1 << 20)
        );
        k += 1;
    }
    c.push_str("ORGANIZER;CN=Alice:mailto:alice@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    c
}

/// XML text for `raw`: `&` `<` `>` escaped, and each CR as `&#13;` (so that the `\r\n` of
/// iCalendar survives line-end normalisation, as SabreDAV and others write it).
fn escape_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + raw.len() / 16);
    for ch in raw.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// A CalDAV `calendar-multiget` REPORT answer with `n` responses (prefixes `D:` and `C:`),
/// each with `getetag` and about 4 KB of `calendar-data`: even responses escape the data
/// (`&amp;`, `&lt;`, `&gt;`, `&#13;`), odd ones put it in a CDATA section.
///
/// So it holds `n` responses, `2 n` properties and status codes summing to `200 n`.
pub fn calendar_multiget(n: usize) -> Body {
    let mut rng = Lcg(0x5eed_0002);
    let mut s = String::with_capacity(n * 4300 + 200);
    s.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <D:multistatus xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">\n",
    );
    for i in 0..n {
        let ical = calendar_object(&mut rng, i);
        let data = if i.is_multiple_of(2) { escape_text(&ical) } else { format!("<![CDATA[{ical}]]>") };
        let _ = write!(
            s,
            "  <D:response>\n    <D:href>/calendars/alice/work/{:016x}-{i:05}.ics</D:href>\n    <D:propstat>\n      <D:prop>\n        \
             <D:getetag>&quot;{:x}&quot;</D:getetag>\n        <C:calendar-data>{data}</C:calendar-data>\n      </D:prop>\n      \
             <D:status>HTTP/1.1 200 OK</D:status>\n    </D:propstat>\n  </D:response>\n",
            rng.next(),
            rng.next(),
        );
    }
    s.push_str("</D:multistatus>\n");
    Body {
        name: format!("multiget-{n}"),
        bytes: s.into_bytes(),
        expected: Expected { responses: n, properties: 2 * n, status_sum: 200 * n },
        kind: Kind::Multiget,
    }
}

/// The corpus files benched when `$MULTISTATUS_CORPUS` is set (paths under it): the largest
/// well-formed bodies of different servers, and one big text-heavy body.
pub const CORPUS_FILES: [&str; 5] = [
    "sardine/apache-mod-dav-svn-12-responses.xml",
    "zetacomponents-webdav/ezc-ie7-auth-propfind-9-responses.xml",
    "rfc4791/rfc4791-appendix-b-calendar-collections-used-in-the-examples.xml",
    "cdav-library/nextcloud-calendar-home-depth1.xml",
    "python-caldav/huge-tree-mdaemon-base64-attachment.xml",
];

/// The [`CORPUS_FILES`] under `dir` that exist, named `corpus/<file name>`. Their
/// [`Expected`] is filled in by the caller (from our event level). A relative `dir` that is
/// not there (`cargo bench` runs in `benches/peers`) is taken from the repository's root, as
/// `cargo test` does.
pub fn corpus(dir: &Path) -> Vec<Body> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = if dir.is_relative() && !dir.exists() { root.join(dir) } else { dir.to_path_buf() };
    let mut out = Vec::new();
    for f in CORPUS_FILES {
        let p = dir.join(f);
        match std::fs::read(&p) {
            Ok(bytes) => {
                let file = p.file_stem().map_or_else(|| f.to_string(), |s| s.to_string_lossy().into_owned());
                out.push(Body {
                    name: format!("corpus/{file}"),
                    bytes,
                    expected: Expected { responses: 0, properties: 0, status_sum: 0 },
                    kind: Kind::Corpus,
                });
            }
            Err(e) => eprintln!("corpus: skipping {}: {e}", p.display()),
        }
    }
    out
}
