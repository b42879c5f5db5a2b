#!/usr/bin/env bash
# Throughput of `adlaw check --jsonl` per core against `adlaw check` on the same listings as
# separate files (issue 16), not a test gate. Writes bench/results/jsonl.md.
#
# Usage: bench/jsonl.sh [ADLAW] (default .build/release/adlaw)   COUNT=20000
set -euo pipefail
cd "$(dirname "$0")/.."
adlaw=${1:-.build/release/adlaw}
count=${COUNT:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/make-listings.py --count "$count" --format jsonl > "$work/listings.jsonl"
python3 bench/make-listings.py --count "$count" --format files --out "$work/files"
export ADLAW_CACHE_DIR="$work/cache"
"$adlaw" check --fail-on never --format line "$work/files" > /dev/null 2>&1   # fills the caches
seconds() { /usr/bin/time -f "%e %U %S %M" "$@" 2>&1 >/dev/null | tail -1; }
read -r j1 ju1 js1 jm1 < <(seconds taskset -c 0 "$adlaw" check --jsonl "$work/listings.jsonl" --jobs 1 --fail-on never)
read -r j2 ju2 js2 jm2 < <(seconds "$adlaw" check --jsonl "$work/listings.jsonl" --fail-on never)
read -r f1 fu1 fs1 fm1 < <(seconds taskset -c 0 "$adlaw" check --format json --jobs 1 --fail-on never "$work/files")
lines=$("$adlaw" check --jsonl "$work/listings.jsonl" --fail-on never | wc -l)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
report=$(python3 - <<PY
c = $count
print("binary: $adlaw; load average $load_start at the end, on $(nproc) cores")
print(f"{c} listings ({$(wc -c < "$work/listings.jsonl")} bytes of JSONL); {$lines} result lines")
j1cpu, f1cpu = $ju1 + $js1, $fu1 + $fs1
print(f"--jsonl, one core:       {$j1:.2f} s  {c/$j1:,.0f} records/s  CPU {j1cpu:.2f} s: {c/j1cpu:,.0f} records per CPU second  peak RSS {$jm1/1024:.0f} MiB")
print(f"--jsonl, every core:     {$j2:.2f} s  {c/$j2:,.0f} records/s  peak RSS {$jm2/1024:.0f} MiB")
print(f"files, one core:         {$f1:.2f} s  {c/$f1:,.0f} files/s    CPU {f1cpu:.2f} s: {c/f1cpu:,.0f} files per CPU second  peak RSS {$fm1/1024:.0f} MiB")
print(f"per record against per file, CPU time (one core): {j1cpu/f1cpu:.2f}x (the figure to compare on a loaded machine)")
PY
)
echo "$report"
python3 -c "import sys; sys.path.insert(0, 'bench'); import benchlib; print(benchlib.write_result('jsonl', sys.stdin.read(), 'bench/jsonl.sh'))" <<< "$report"
