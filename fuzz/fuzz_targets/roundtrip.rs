//! An arbitrary model (testkit), written with arbitrary knobs (through the crate's writer or
//! the knob-aware serialiser), read back by the parser.
#![no_main]

use libfuzzer_sys::fuzz_target;
use testkit::{Knobs, Model};

fuzz_target!(|input: (Model, Knobs)| {
    let (model, knobs) = input;
    let body = testkit::write(&model, &knobs);
    // Invariant: read(write(m, k)) == m — whatever the knobs vary (prefixes, indentation,
    // declaration, BOM, CDATA, escapes, comments), the reading is the model.
    assert_eq!(testkit::read(&body).as_ref(), Ok(&model), "body: {}", String::from_utf8_lossy(&body));
});
