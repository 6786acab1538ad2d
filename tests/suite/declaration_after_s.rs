//! The XML declaration after a tab, CR or LF (`<?xml\tversion=…`), which xmlparser 0.13.6
//! does not take for one and the reader reads all the same (XML 1.0 §2.8: `S` is any white
//! space): what the reader makes of declarations valid and malformed at each of their parts,
//! whole and cut at every byte, is what it makes of them after a space (which
//! `src/markup.rs` tests against xmlparser's tokenizer).
//!
//! Each body is `<?xml`, the white space, the declaration's rest, then the root `<a/>`, which
//! the parser refuses as not a multistatus: at the `<` where the declaration ends, so its
//! error says where the declaration ended; any other error (its kind and offset) is the
//! declaration's. An encoding is seen through `UnsupportedEncoding`, at its name.

use multistatus::Parser;

/// What follows `<?xml` and the white space.
const RESTS: &[&str] = &[
    // Valid.
    "version=\"1.0\"?>",
    "version='1.1'?>",
    "version=\"1.10\" ?>",
    "version=\"1.0\"\r\n?>",
    "version=\"1.0\" encoding=\"UTF-8\"?>",
    "version=\"1.0\" encoding=\"utf-8\" ?>",
    "version='1.0' encoding='us-ascii' standalone='yes'?>",
    "version=\"1.0\" standalone=\"no\" ?>",
    "version = \"1.0\"\r\n encoding = \"utf-8\"\t standalone = \"yes\"\n?>",
    "\t\r\n version=\"1.0\"?>",
    // The version.
    "?>",
    "encoding=\"utf-8\"?>",
    "versio=\"1.0\"?>",
    "Version=\"1.0\"?>",
    "version\"1.0\"?>",
    "version=1.0?>",
    "version=\"1.0'?>",
    "version=\"2.0\"?>",
    "version=\"1\"?>",
    "version=\"1.\"?>",
    "version=\"1.x\"?>",
    "version=\"1. \"?>",
    "version=\"1.0 \"?>",
    "version=\"1.\" encoding=\"utf-8\"?>",
    "version=\"1.\" encoding=\"latin1\"?>",
    "version=\"1.\" foo=\"bar\"?>",
    "version=\"1.\" standalone=\"maybe\"?>",
    "version=\"1.\"encoding=\"utf-8\"?>",
    "version=\"1.0\"encoding=\"utf-8\"?>",
    "version=\"1.0\"standalone=\"yes\"?>",
    // The encoding.
    "version=\"1.0\" encoding=utf-8?>",
    "version=\"1.0\" encoding\"utf-8\"?>",
    "version=\"1.0\" encoding=\"\"?>",
    "version=\"1.0\" encoding=\"latin1\"?>",
    "version=\"1.0\" encoding=\"1x\"?>",
    "version=\"1.0\" encoding=\"utf 8\"?>",
    "version=\"1.0\" encoding='utf-8\"?>",
    "version=\"1.0\" encoding=\"\u{fc}tf-8\"?>",
    "version=\"1.0\" encoding=\"utf-8\u{1}\"?>",
    "version=\"1.0\" encoding=\"utf-8\"standalone=\"yes\"?>",
    "version=\"1.0\" encoding=\"latin1\"standalone=\"yes\"?>",
    "version=\"1.0\" encoding=\"latin1\" standalone=\"maybe\"?>",
    // Standalone.
    "version=\"1.0\" standalone=\"maybe\"?>",
    "version=\"1.0\" standalone=\"\"?>",
    "version=\"1.0\" standalone=\"Yes\"?>",
    "version=\"1.0\" standalone=\"yess\"?>",
    "version=\"1.0\" standalone=\"no1\"?>",
    "version=\"1.0\" standalone=\"yes-\"?>",
    "version=\"1.0\" standalone=\"no:x\"?>",
    "version=\"1.0\" standalone=\"1\"?>",
    "version=\"1.0\" standalone=\" yes\"?>",
    "version=\"1.0\" standalone=\"yes \"?>",
    "version=\"1.0\" standalone=yes?>",
    "version=\"1.0\" standalone=\"yes'?>",
    "version=\"1.0\" standalone=\"y\u{e9}s\"?>",
    "version=\"1.0\" standalone=\"yes\"encoding=\"utf-8\"?>",
    "version=\"1.0\" standalone=\"yes\" encoding=\"utf-8\"?>",
    "version=\"1.0\" standalone=\"no\"x?>",
    // The end, and what else may stand there.
    "version=\"1.0\" foo=\"bar\"?>",
    "version=\"1.0\"\u{1}?>",
    "version=\"1.0\" ?<?p?>",
    "version=\"1.0\"<?p?>",
    "version=\"1.0\" encoding=\"utf-8\"><?p?>",
    "version=\"1.0\" standalone=\"yes\"?<?p?>",
    "version=\"1.0\"?>\n<?xml version=\"1.0\"?>",
];

/// The first error of `body`, as `kind@offset`, or `ok`.
fn outcome(body: &[u8]) -> String {
    let error = match Parser::new(body) {
        Err(e) => Some(e),
        Ok(p) => p.filter_map(Result::err).next(),
    };
    error.map_or_else(|| "ok".to_string(), |e| format!("{:?}@{}", e.kind(), e.offset()))
}

/// The body's line: its outcome whole, then cut at every character boundary, as runs of
/// cuts with the same outcome (`eof`: `UnexpectedEof` at the cut, the usual answer).
fn line(body: &str) -> String {
    let mut runs: Vec<(usize, usize, String)> = Vec::new();
    for (cut, _) in body.char_indices() {
        let mut got = outcome(&body.as_bytes()[..cut]);
        if got == format!("UnexpectedEof@{cut}") {
            got = "eof".to_string();
        }
        match runs.last_mut() {
            Some((_, last, run)) if *run == got => *last = cut,
            _ => runs.push((cut, cut, got)),
        }
    }
    let cuts: Vec<String> =
        runs.iter().map(|(a, b, got)| if a == b { format!("{a}: {got}") } else { format!("{a}-{b}: {got}") }).collect();
    format!("{body:?} => {} | cuts {}", outcome(body.as_bytes()), cuts.join(", "))
}

#[test]
fn declarations_after_a_tab_cr_or_lf_read_as_after_a_space() {
    let mut compared = 0;
    for bom in ["", "\u{feff}"] {
        for rest in RESTS {
            let after_space = line(&format!("{bom}<?xml {rest}<a/>"));
            for s in ["\t", "\r", "\n"] {
                let got = line(&format!("{bom}<?xml{s}{rest}<a/>"));
                // The lines name their bodies: compare what follows the name.
                let outcomes = |l: &str| l.split_once(" => ").map(|(_, o)| o.to_string());
                assert_eq!(outcomes(&got), outcomes(&after_space), "{got}");
                compared += 1;
            }
        }
    }
    // Some of them valid, some refused, at every part.
    assert_eq!(compared, 2 * 3 * RESTS.len());
    let ok = line("<?xml\tversion=\"1.0\" encoding=\"utf-8\"?><a/>");
    assert!(ok.contains("=> NotMultistatus@"), "{ok}");
    let refused = line("<?xml\nversion=\"1.0\" standalone=\"maybe\"?><a/>");
    assert!(refused.contains("=> InvalidDeclaration@"), "{refused}");
}
