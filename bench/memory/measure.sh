#!/usr/bin/env bash
# Peak memory and time of `adlaw check --format json --no-cache` on the inputs of
# make-inputs.py, one file at a time (docs/robustness.md, "Memory budget").
#
#   cd "$(mktemp -d)" && python3 /path/to/bench/memory/make-inputs.py
#   /path/to/bench/memory/measure.sh /path/to/.build/debug/adlaw
set -uo pipefail
adlaw=${1:?usage: measure.sh ADLAW}
for file in one.txt plain8.txt dense2.txt dense8.txt cells.csv cells.xlsx slides.pptx large.docx; do
  log=$(mktemp)
  /usr/bin/time -v "$adlaw" check --format json --no-cache -- "$file" > /dev/null 2> "$log"
  status=$?
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$log")
  printf '%-12s %10s bytes  exit %s  peak %6s MB  %s\n' "$file" "$(stat -c %s "$file")" "$status" $((rss / 1024)) "$wall"
  grep -m1 'safety limit' "$log"
  rm -f "$log"
done
