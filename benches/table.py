#!/usr/bin/env python3
"""Markdown tables of the last `compare` run: throughput per contender per body, its ratio to
our event level, allocations per parse and peak heap.

    python3 benches/table.py [TARGET_DIR]      (default: $CARGO_TARGET_DIR or target)

Reads criterion's `<target>/criterion/**/new/{benchmark,estimates}.json` and the
`allocations.tsv` that the bench writes beside them. Throughput is the body size divided by
the median time of one parse (MB = 10^6 bytes).
"""
import json, os, sys, glob

target = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CARGO_TARGET_DIR", "target")
root = os.path.join(target, "criterion")

runs = {}  # body -> contender -> (MB/s, bytes)
for bj in glob.glob(os.path.join(root, "**", "new", "benchmark.json"), recursive=True):
    with open(bj) as f:
        b = json.load(f)
    with open(os.path.join(os.path.dirname(bj), "estimates.json")) as f:
        est = json.load(f)
    nbytes = (b.get("throughput") or {}).get("Bytes")
    if not nbytes:
        continue
    ns = est["median"]["point_estimate"]
    runs.setdefault(b["group_id"], {})[b["function_id"]] = (nbytes / ns * 1e3, nbytes)

allocs = {}  # (body, contender) -> (status, allocations, peak)
order = []
tsv = os.path.join(root, "allocations.tsv")
if os.path.exists(tsv):
    with open(tsv) as f:
        next(f)
        for line in f:
            body, nbytes, con, status, _resp, n, peak = line.rstrip("\n").split("\t")
            # `-`: a contender whose heap is C's (neon), not counted.
            num = lambda v: int(v) if v != "-" else None
            allocs[(body, con)] = (status, num(n), num(peak))
            if body not in order:
                order.append(body)
            runs.setdefault(body, {})
if not order:  # no allocations.tsv: every group criterion has
    order = sorted(runs)

def human(n):
    for unit, k in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= k:
            return f"{n / k:.1f} {unit}"
    return f"{n} B"

for body in order:
    res = runs.get(body, {})
    nbytes = next(iter(res.values()))[1] if res else None
    ours = res.get("multistatus/events", (None,))[0]
    print(f"\n**{body}**" + (f" ({human(nbytes)})" if nbytes else "") + "\n")
    print("| contender | MB/s | ÷ ours (events) | allocations / parse | peak heap |")
    print("|---|---:|---:|---:|---:|")
    cons = [c for (b, c) in allocs if b == body] or sorted(res)
    for con in cons:
        mbs = res.get(con, (None,))[0]
        status, n, peak = allocs.get((body, con), ("?", None, None))
        t = f"{mbs:.1f}" if mbs else ("—" if status == "ok" else status.split(":")[0])
        r = f"{mbs / ours:.2f}×" if (mbs and ours) else "—"
        a = f"{n:,}" if n is not None else ("not counted (C heap)" if status != "?" else "?")
        p = human(peak) if peak is not None else ("—" if status != "?" else "?")
        note = "" if status in ("ok", "?") else f" ({status[:60]})"
        print(f"| {con}{note} | {t} | {r} | {a} | {p} |")
