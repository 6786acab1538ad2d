#!/usr/bin/env bash
# Instructions per input byte of one parse, counted by callgrind (repeatable on a noisy
# machine), and where they go.
#
#   benches/callgrind.sh [BODY] [CONTENDER...]
#
# BODY: propfind-1k (default), multiget-200, or a file path. CONTENDERS default to our two
# levels and the raw tokenizers. Builds `callgrind-one` (bench profile: optimised, with
# symbols), runs it under `valgrind --tool=callgrind` collecting only inside its `measured`
# function (one parse; generating the body is left out), prints instructions and
# instructions/byte per contender, then the top functions (self cost) of each of ours.
# Output files: target/callgrind/<body>.<contender>.out
set -euo pipefail
cd "$(dirname "$0")/.."

body="${1:-propfind-1k}"
shift || true
if [ "$#" -eq 0 ]; then
  set -- multistatus/events multistatus/responses xmlparser/raw quick-xml/raw
fi
top="${CALLGRIND_TOP:-15}"

command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
cargo build --quiet --profile bench -p multistatus-benches --bin callgrind-one
target_dir="${CARGO_TARGET_DIR:-target}"
bin="$target_dir/release/callgrind-one"
out_dir="$target_dir/callgrind"
mkdir -p "$out_dir"

tag="$(basename "$body" .xml)"
printf '%-24s %14s %10s %10s\n' contender instructions bytes 'instr/byte'
for c in "$@"; do
  out="$out_dir/$tag.${c//\//-}.out"
  log="$(valgrind --tool=callgrind --callgrind-out-file="$out" --collect-atstart=no \
    --toggle-collect='*callgrind_one::measured*' "$bin" "$c" "$body" 2>/dev/null)"
  bytes="$(sed -n 's/^BYTES //p' <<<"$log")"
  ir="$(sed -n 's/^summary: //p;s/^totals: //p' "$out" | head -1)"
  printf '%-24s %14s %10s %10.1f\n' "$c" "$ir" "$bytes" "$(echo "$ir / $bytes" | bc -l)"
done

for c in "$@"; do
  case "$c" in multistatus/*) ;; *) continue ;; esac
  out="$out_dir/$tag.${c//\//-}.out"
  echo
  echo "== $c: top $top functions by own instructions (callgrind_annotate --inclusive=no)"
  callgrind_annotate --inclusive=no "$out" 2>/dev/null \
    | sed -n '/^Ir/,$p' | grep -E '^ *[0-9,]+ \(' | head -n "$top" \
    | sed -E 's/ \[[^]]*callgrind-one\]$//'
done
