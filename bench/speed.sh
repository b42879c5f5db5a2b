#!/usr/bin/env bash
# Benchmark, not a test: nothing in CI runs it or depends on timing.
#
# Generates a deterministic corpus of Traditional Chinese ad copy and measures:
#   - `adlaw check` with every rule (all sectors forced) on one core and on two: MB/s of
#     wall time and of CPU time, and peak memory;
#   - `rg -P -f` with the same patterns (`adlaw rules patterns --match-only`) on part of
#     the corpus, with matching-line counts beside adlaw's;
#   - the naive per-rule scan against the prefilter, in-process (adlaw-bench scan), which
#     also checks that both give identical findings;
#   - a sparser, more realistic corpus (one product per 4 KB page, sectors inferred);
#   - small runs: ten small files (a pre-commit run) against `adlaw --version`, with the
#     rule-set cache and without (`--no-cache`).
# Usage: bench/speed.sh            (BENCH_MB=64 BENCH_FILES=256 BENCH_RG_MB=4 BENCH_NAIVE_MB=4)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
. ./scripts/env.sh

NEED_FOR=bench ./scripts/need-packages.sh ripgrep hyperfine time util-linux

MB=${BENCH_MB:-64}
FILES=${BENCH_FILES:-256}
RG_MB=${BENCH_RG_MB:-4}
NAIVE_MB=${BENCH_NAIVE_MB:-4}
OUT=${BENCH_DIR:-.build/bench}
mkdir -p "$OUT"

swift build -c release --product adlaw >&2
swift build -c release --product adlaw-bench >&2
bin=$PWD/.build/release/adlaw
bench=$PWD/.build/release/adlaw-bench
export ADLAW_RULES_DIR=$PWD/Rules
# The bench's own cache folder: the first run fills it, the measured runs use it.
export ADLAW_CACHE_DIR=$PWD/$OUT/cache

corpus=$OUT/corpus-$MB-$FILES
if [ ! -d "$corpus" ]; then "$bench" corpus --out "$corpus" --megabytes "$MB" --files "$FILES" >&2; fi
small=$OUT/small
if [ ! -d "$small" ]; then "$bench" corpus --out "$small" --megabytes 0.03 --files 10 --seed 7 >&2; fi
sparse=$OUT/sparse-$MB
if [ ! -d "$sparse" ]; then "$bench" corpus --out "$sparse" --megabytes "$MB" --files $((MB * 250)) --single-product --seed 3 >&2; fi
bytes=$(cat "$corpus"/* | wc -c)
# Sectors only: the channels (online, store) listed after them are not sectors.
sectors=$(sed -n '/^channels:/q; s/^  \([a-z][a-z0-9-]*\):.*/\1/p' Rules/sectors.yaml | paste -sd, -)
check=("$bin" check --sector "$sectors" --format line --fail-on never)

mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
# Wall seconds, CPU seconds (user + sys) and peak RSS in KB of one run.
measure() { /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "$@" >/dev/null 2>&1 || true; awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$OUT/time.txt"; }

echo "# adlaw benchmark ($(date -u +%F), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg))"
echo "corpus: $corpus, $bytes bytes in $FILES files; rules: $("$bin" rules list | tail -1)"
echo

echo "## Throughput: adlaw check, every rule (all sectors forced)"
"${check[@]}" "$small" >/dev/null 2>&1 || true # fills the rule-set cache
read -r wall1 cpu1 rss1 < <(measure taskset -c 0 "${check[@]}" --jobs 1 "$corpus")
read -r wall2 cpu2 rss2 < <(measure "${check[@]}" --jobs 2 "$corpus")
echo "one core:  $(mbps "$bytes" "$wall1") MB/s wall, $(mbps "$bytes" "$cpu1") MB/s per CPU second, peak RSS $((rss1 / 1024)) MiB"
echo "two cores: $(mbps "$bytes" "$wall2") MB/s wall ($(awk -v a="$wall1" -v b="$wall2" 'BEGIN { printf "%.2f", a / b }')x one core), peak RSS $((rss2 / 1024)) MiB"
echo "  command: taskset -c 0 adlaw check --sector $sectors --jobs 1 --format line --fail-on never $corpus"

sparse_bytes=$(cat "$sparse"/* | wc -c)
read -r walls cpus rsss < <(measure taskset -c 0 "$bin" check --format line --fail-on never --jobs 1 "$sparse")
echo "sparse corpus ($sparse_bytes bytes, $(ls "$sparse" | wc -l) pages of one product each, sectors inferred): $(mbps "$sparse_bytes" "$walls") MB/s wall on one core, $(mbps "$sparse_bytes" "$cpus") MB/s per CPU second, peak RSS $((rsss / 1024)) MiB"
echo "  command: taskset -c 0 adlaw check --jobs 1 --format line --fail-on never $sparse"

big=$OUT/one-big-file.md
if [ ! -f "$big" ]; then cat "$corpus"/* | head -c 50000000 > "$big"; fi
read -r wallb cpub rssb < <(measure "${check[@]}" "$big")
big_bytes=$(wc -c < "$big")
echo "one file of $big_bytes bytes (the corpus joined, at most 50 MB): $(mbps "$big_bytes" "$wallb") MB/s wall, peak RSS $((rssb / 1024)) MiB"
echo

echo "## Beside rg -P -f (same patterns, first $RG_MB MB of the corpus)"
part=$OUT/rg-part
rm -rf "$part"; mkdir -p "$part"
size=0
for f in "$corpus"/*; do
  [ "$size" -ge $((RG_MB * 1000000)) ] && break
  cp "$f" "$part/"; size=$((size + $(wc -c < "$f")))
done
# rg joins the patterns into one alternation: group names repeat across rules, so they are
# made non-capturing (no pattern refers back to a named group).
"$bin" rules patterns --match-only | sed -e 's/(?<\([A-Za-z][A-Za-z0-9_]*\)>/(?:/g' -e 's/(?P<\([A-Za-z][A-Za-z0-9_]*\)>/(?:/g' > "$OUT/patterns.txt"
# All 130 patterns in one alternation exceed PCRE2's compiled-size limit ("regular expression
# is too large"), so rg runs over chunks of 10 patterns (one alternation each), a chunk that
# still does not compile pattern by pattern; a line counts once whichever chunk matched it.
rm -rf "$OUT/chunks"; mkdir -p "$OUT/chunks"
split -l 10 -d -a 3 "$OUT/patterns.txt" "$OUT/chunks/p"
rg_all() {
  local chunk status
  for chunk in "$OUT"/chunks/p*; do
    status=0; rg -P -i -n -H -f "$chunk" "$part" 2>/dev/null || status=$?
    if [ "$status" -eq 2 ]; then
      while IFS= read -r pattern; do rg -P -i -n -H -e "$pattern" "$part" 2>/dev/null || true; done < "$chunk"
    fi
  done
}
start=$(date +%s.%N); taskset -c 0 bash -c "$(declare -f rg_all); OUT=$OUT part=$part rg_all" | cut -d: -f1,2 > "$OUT/rg-lines.txt"; end=$(date +%s.%N)
wallr=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
read -r walla cpua rssa < <(measure taskset -c 0 "${check[@]}" --jobs 1 "$part")
rg_lines=$(sort -u "$OUT/rg-lines.txt" | wc -l)
adlaw_lines=$("${check[@]}" "$part" 2>/dev/null | cut -d: -f1,2 | sort -u | wc -l)
echo "rg -P -f:    $(mbps "$size" "$wallr") MB/s, $rg_lines matching lines"
echo "adlaw check: $(mbps "$size" "$walla") MB/s, $adlaw_lines lines with a finding (exceptions, numeric conditions and normalization make them differ)"
echo "ratio: adlaw is $(awk -v a="$wallr" -v b="$walla" 'BEGIN { printf "%.1f", a / b }')x rg -P"
echo "  command: for each chunk of 10 lines of $OUT/patterns.txt: rg -P -i -n -H -f CHUNK $part"
echo

echo "## Beside the naive per-rule scan (in-process, single thread)"
"$bench" scan --rules Rules --naive-megabytes "$NAIVE_MB" "$corpus"
echo "  command: adlaw-bench scan --rules Rules --naive-megabytes $NAIVE_MB $corpus"
echo

echo "## Small runs: ten small files (a pre-commit run)"
hyperfine -N --warmup 3 --runs 20 --export-markdown "$OUT/small.md" \
  "$bin --version" "${check[*]} $small" "${check[*]} --no-cache $small" >/dev/null 2>&1 || true
cat "$OUT/small.md"
