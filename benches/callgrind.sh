#!/usr/bin/env bash
# Instructions per input byte of one parse, counted by callgrind (repeatable on a noisy
# machine), and where they go.
#
#   benches/callgrind.sh [BODY] [CONTENDER...]
#
# BODY: propfind-1k (default), multiget-200, or a file path. CONTENDERS default to our two
# levels and the raw tokenizers; with both `multistatus/events` and `multistatus/decode`, the
# instructions the decoding adds per byte of value are printed too. Builds `callgrind-one` (bench profile: optimised, with
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
declare -A irs
for c in "$@"; do
  out="$out_dir/$tag.${c//\//-}.out"
  log="$(valgrind --tool=callgrind --callgrind-out-file="$out" --collect-atstart=no \
    --toggle-collect='*callgrind_one::measured*' "$bin" "$c" "$body" 2>/dev/null)"
  bytes="$(sed -n 's/^BYTES //p' <<<"$log")"
  value_bytes="$(sed -n 's/^VALUE_BYTES //p' <<<"$log")"
  ir="$(sed -n 's/^summary: //p;s/^totals: //p' "$out" | head -1)"
  irs[$c]="$ir"
  printf '%-24s %14s %10s %10.1f\n' "$c" "$ir" "$bytes" "$(echo "$ir / $bytes" | bc -l)"
done
# The cost of the values (issue 17): what reading every value adds to the event level, per
# byte of value (the raw hrefs and text-only property values, `contenders::value_bytes`).
if [ -n "${irs[multistatus/events]:-}" ] && [ -n "${irs[multistatus/decode]:-}" ] && [ -n "${value_bytes:-}" ]; then
  extra=$(( ${irs[multistatus/decode]} - ${irs[multistatus/events]} ))
  printf 'decode - events: %s instructions, %s bytes of value: %.2f per byte of value\n' \
    "$extra" "$value_bytes" "$(echo "$extra / $value_bytes" | bc -l)"
fi
# The same through one parse loop compiled once (`contenders::visit`): the decoding alone,
# ours (`multistatus/visit+decode`) and the plain memchr way (`memchr/visit+decode`).
for d in multistatus/visit+decode memchr/visit+decode; do
  if [ -n "${irs[multistatus/visit]:-}" ] && [ -n "${irs[$d]:-}" ] && [ -n "${value_bytes:-}" ]; then
    extra=$(( ${irs[$d]} - ${irs[multistatus/visit]} ))
    printf '%s - visit: %s instructions, %s bytes of value: %.2f per byte of value\n' \
      "$d" "$extra" "$value_bytes" "$(echo "$extra / $value_bytes" | bc -l)"
  fi
done

# callgrind_annotate names each function "file:function"; the file part is unreliable in a
# binary that also links hand-written assembly (aws-lc comes with the peers), so self costs
# are summed by function, and then by crate.
summarise() {
  callgrind_annotate --inclusive=no --threshold=100 --auto=no "$1" 2>/dev/null | python3 -c '
import re, sys, collections
top = int(sys.argv[1]); total = 0; by_fn = collections.Counter()
section = False
for line in sys.stdin:
    if "file:function" in line:
        section = True; continue
    if section and line.startswith("-- "):
        break
    if not section and "PROGRAM TOTALS" not in line:
        continue
    m = re.match(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*?)\s*$", line)
    if not m:
        continue
    n, name = int(m.group(1).replace(",", "")), m.group(2)
    if name == "PROGRAM TOTALS":
        total = n; continue
    name = re.sub(r"\s*\[[^]]*\]$", "", name)
    f = re.match(r"^(?:\?\?\?|.*?\.(?:rs|S|s|c|h)):(.*)$", name)
    by_fn[f.group(1) if f else name] += n
by_crate = collections.Counter()
for fn, n in by_fn.items():
    c = fn.split("::")[0].lstrip("<") if "::" in fn else fn
    c = "libc (" + fn + ")" if fn.startswith("__mem") else c
    by_crate[c] += n
print("  by crate:", ", ".join(f"{c} {100*n/total:.1f}%" for c, n in by_crate.most_common(6)))
for fn, n in by_fn.most_common(top):
    print(f"  {100*n/total:5.1f}%  {n:>12,}  {fn}")
' "$top"
}

for c in "$@"; do
  case "$c" in multistatus/* | memchr/*) ;; *) continue ;; esac
  out="$out_dir/$tag.${c//\//-}.out"
  echo
  echo "== $c: where the instructions go (self cost, top $top functions)"
  summarise "$out"
done
