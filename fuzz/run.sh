#!/usr/bin/env bash
# Builds every fuzz target and runs each for FUZZ_SECONDS seconds (default 60) on the seed
# corpus: the repository's own fixtures, plus ../shared/corpus when it is there (read in
# place, never copied into the repository), and fuzz/seeds (the slow shapes of issue 14 and
# other findings). A crash, a leak or a timeout fails the script: every input must be read
# in under a second (-timeout=1; a linear parser does that on any input of -max_len bytes),
# and inputs slower than a second are reported (-report_slow_units=1).
#
#   fuzz/run.sh                       every target, 60 s each
#   FUZZ_SECONDS=600 fuzz/run.sh limits differential
#   FUZZ_FEATURES=small fuzz/run.sh differential   the library built with its feature `small`
#
# The first corpus directory, fuzz/corpus/<target>, is the writable one (gitignored).
set -euo pipefail
cd "$(dirname "$0")"
secs="${FUZZ_SECONDS:-60}"

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
features=()
[ -n "${FUZZ_FEATURES:-}" ] && features=(--features "$FUZZ_FEATURES")
cargo +nightly fuzz build -O ${features[@]+"${features[@]}"}

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi

for t in "${targets[@]}"; do
    # The shared corpus is bodies: a seed for the targets that read bytes, not for roundtrip
    # (whose input is an Arbitrary model).
    extra=()
    [ "$t" != roundtrip ] && [ -d ../../shared/corpus ] && extra+=(../../shared/corpus)
    mkdir -p "corpus/$t"
    # Seeds from the repository: tests/fixtures (when present) and the example body.
    find ../tests/fixtures -type f \( -name '*.xml' -o -name '*.txt' \) -exec cp -f {} "corpus/$t/" \; 2>/dev/null || true
    cp -f ../examples/sample.xml "corpus/$t/seed-sample.xml"
    # The slow shapes and findings kept as seeds: bodies, so not for roundtrip.
    [ "$t" != roundtrip ] && cp -f seeds/*.xml "corpus/$t/"
    # Request bodies (issue 18): the RFC shapes, for the request readers.
    [ "$t" = requests ] && cp -f seeds/requests/*.xml "corpus/$t/"
    # The bodies target: error bodies, LOCK answers, requests, HTML pages.
    if [ "$t" = bodies ]; then cp -f seeds/bodies/* "corpus/$t/"; fi
    echo "== $t: ${secs}s"
    cargo +nightly fuzz run -O ${features[@]+"${features[@]}"} "$t" "corpus/$t" ${extra[@]+"${extra[@]}"} -- \
        -dict=multistatus.dict -max_len=16384 -timeout=1 -report_slow_units=1 -rss_limit_mb=2048 \
        -max_total_time="$secs" -print_final_stats=1
done
