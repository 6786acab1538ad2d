#!/usr/bin/env bash
# The footprint table of the README ("Memory bounds"): for each level, the code a `#![no_std]`
# client links (opt-level "z", fat LTO, one codegen unit, panic = "abort": the `footprint`
# profile) and the most stack a parse takes (stack painting, src/footprint.rs; for
# "events + windowed", the windowed parse's, with its parser and its 1 KiB buffer on the stack), by default
# and with the feature `small`. Code is the
# binary's `.text` + `.rodata` minus those of `fp_empty` (the runtime and the measurement
# alone). Run from anywhere; prints a Markdown table; fails if a binary does not exit 0.
set -euo pipefail
cd "$(dirname "$0")"
# Built twice: as the library is by default, and with its `small` feature (hot paths not
# forced inline), each into its own folder.
cargo build --quiet --profile footprint --bins --target-dir target/default
cargo build --quiet --profile footprint --bins --features small --target-dir target/small
section() { size -A "$1" | awk -v s="$2" '$1 == s { print $2 }'; }
code() { echo $(( $(section "$1" .text) + $(section "$1" .rodata) )); }
# The stack measurement, checked: a frame with a 4,096-byte local is measured at 4,096 to 4,608.
calibration=$(target/default/footprint/fp_empty | awk '$1 == "calibration" { print $3 }')
if [ "$calibration" -lt 4096 ] || [ "$calibration" -gt 4608 ]; then
  echo "stack measurement off: a 4,096-byte frame measured $calibration bytes"; exit 1
fi
printf '| level | code (bytes) | peak stack (bytes) | code, `small` (bytes) | peak stack, `small` (bytes) |\n'
printf '|---|---|---|---|---|\n'
for level in events windowed pieces windowonly responses client; do
  name=$level
  [ "$level" = windowed ] && name="events + windowed"
  [ "$level" = pieces ] && name="events + windowed in pieces"
  [ "$level" = windowonly ] && name="windowed in pieces alone"
  row="| $name"
  for build in default small; do
    dir=target/$build/footprint
    base=$(code "$dir/fp_empty")
    out=$("$dir/fp_$level") || { echo "fp_$level ($build) failed: exit $?"; exit 1; }
    stack=$(echo "$out" | tail -1 | awk '{print $3}')
    row="$row | $(( $(code "$dir/fp_$level") - base )) | $stack"
  done
  echo "$row |"
done
echo "(fp_empty, subtracted from the code columns: $(code target/default/footprint/fp_empty) bytes; a 4,096-byte frame measured $calibration bytes of stack)"
