#!/usr/bin/env bash
# The footprint table of the README ("Memory bounds"): for each level, the code a `#![no_std]`
# client links (opt-level "z", fat LTO, one codegen unit, panic = "abort": the `footprint`
# profile) and the most stack a parse takes (stack painting, src/footprint.rs; for
# "events + windowed", the windowed parse's, with its parser and its 1 KiB buffer on the stack), by default
# and with the feature `small`. Code is the
# binary's `.text` + `.rodata` minus those of `fp_empty` (the runtime and the measurement
# alone); the bodies parsed are input, not code, and sit in a section of their own
# (`.footprint_bodies`, src/parses.rs). Run from anywhere; prints a Markdown table; fails if a binary does not exit 0 or a
# budget the README promises is not kept (checked at the end).
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
    bytes=$(( $(code "$dir/fp_$level") - base ))
    row="$row | $bytes | $stack"
    eval "code_${build}_$level=$bytes stack_${build}_$level=$stack"
  done
  echo "$row |"
done
echo "(fp_empty, subtracted from the code columns: $(code target/default/footprint/fp_empty) bytes; a 4,096-byte frame measured $calibration bytes of stack)"
# The budgets the README promises, checked: a windowed parse at <8, 8, 256> through a 1 KiB
# buffer within 4 KiB of RAM in all (its parser and buffer are on the measured stack), in
# both builds and both modes; with `small`, the event level with the windowed parser (either
# mode) within 32 KiB of code and the client level within 64 KiB.
over=0
for build in default small; do
  for level in windowed pieces windowonly; do
    eval "stack=\$stack_${build}_$level"
    if [ "$stack" -gt 4096 ]; then echo "over budget: fp_$level ($build) peaks at $stack bytes of stack, more than 4,096"; over=1; fi
  done
done
for level in windowed pieces; do
  eval "bytes=\$code_small_$level"
  if [ "$bytes" -gt 32768 ]; then echo "over budget: fp_$level with small is $bytes bytes of code, more than 32,768"; over=1; fi
done
if [ "$code_small_client" -gt 65536 ]; then echo "over budget: the client level with small is $code_small_client bytes of code, more than 65,536"; over=1; fi
[ "$over" = 0 ] && echo "budgets kept: windowed parses within 4,096 bytes of stack; with small, the event level with the windowed parser within 32,768 bytes of code and the client within 65,536"
exit "$over"
