//! An arbitrary model (testkit), written with arbitrary knobs (through the crate's writer or
//! the knob-aware serialiser), read back by the parser; and a model with values the writer
//! must refuse (issue 14), through the writer alone.
#![no_main]

use libfuzzer_sys::fuzz_target;
use testkit::{Knobs, Model, WriterCase};

fuzz_target!(|input: (Model, Knobs, WriterCase)| {
    let (model, knobs, case) = input;
    let body = testkit::write(&model, &knobs);
    // Invariant: read(write(m, k)) == m — whatever the knobs vary (prefixes, indentation,
    // declaration, BOM, CDATA, escapes, comments), the reading is the model.
    assert_eq!(testkit::read(&body).as_ref(), Ok(&model), "body: {}", String::from_utf8_lossy(&body));
    // Invariant: the writer refuses exactly what would not read back identically (white space
    // at an end of a trimmed value, ...), with the expected kind, and writes the rest so that
    // it reads back.
    if let Err(msg) = testkit::check_writer_case(&case) {
        panic!("{msg}");
    }
});
