#!/usr/bin/env bash
# The footprint table of the README ("Memory bounds"): for each level, the code a `#![no_std]`
# client links (opt-level "z", fat LTO, one codegen unit, panic = "abort": the `footprint`
# profile) and the most stack a parse takes (stack painting, src/footprint.rs; for
# "events + windowed", the windowed parse's, with its parser and its 1 KiB buffer on the stack). Code is the
# binary's `.text` + `.rodata` minus those of `fp_empty` (the runtime and the measurement
# alone). Run from anywhere; prints a Markdown table; fails if a binary does not exit 0.
set -euo pipefail
cd "$(dirname "$0")"
cargo build --quiet --profile footprint --bins
dir=target/footprint
section() { size -A "$1" | awk -v s="$2" '$1 == s { print $2 }'; }
code() { echo $(( $(section "$1" .text) + $(section "$1" .rodata) )); }
base=$(code "$dir/fp_empty")
# The stack measurement, checked: a frame with a 4,096-byte local is measured at 4,096 to 4,608.
calibration=$("$dir/fp_empty" | awk '$1 == "calibration" { print $3 }')
if [ "$calibration" -lt 4096 ] || [ "$calibration" -gt 4608 ]; then
  echo "stack measurement off: a 4,096-byte frame measured $calibration bytes"; exit 1
fi
printf '| level | code (bytes) | peak stack (bytes) |\n|---|---|---|\n'
for level in events windowed responses client; do
  name=$level; [ "$level" = windowed ] && name="events + windowed"
  bin="$dir/fp_$level"
  out=$("$bin") || { echo "fp_$level failed: exit $?"; exit 1; }
  stack=$(echo "$out" | tail -1 | awk '{print $3}')
  printf "| %s | %s | %s |\n" "$name" "$(( $(code "$bin") - base ))" "$stack"
done
echo "(fp_empty, subtracted from the code column: $base bytes; a 4,096-byte frame measured $calibration bytes of stack)"
