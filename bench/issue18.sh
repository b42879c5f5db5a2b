#!/usr/bin/env bash
# Benchmark, not a test: nothing in CI runs it or depends on timing. The figures of issue 18
# (performance), each as a ratio measured in the same run on the same machine:
#   1. start-up: `adlaw check` on ten 3 KB Markdown files against `adlaw --version`
#      (perf stat -r 30 -e task-clock, warm rule-set cache; target within 2x);
#   2. the stress corpus (`gen_corpus.py OUT 2 11`: 2 MB, one .txt file), every sector, one
#      core: MB/s per CPU second and of wall time, findings (target 10 MB/s);
#   3. rg -P running the same patterns (`adlaw rules patterns --match-only`) one rule at a time
#      on one core, over the same file (target: adlaw at least 30x rg -P);
#   4. two cores: the stress corpus split into 200 files, `--jobs 1` on CPU 0 against
#      `--jobs 2` on CPUs 0 and 1, wall and CPU time (target 1.8x);
#   5. sparse product pages (`adlaw-bench corpus --single-product`), sectors inferred, one
#      core (target 60 MB/s per core);
#   6. the literal scan alone and the whole pipeline in-process (`adlaw-bench scan
#      --literal-scan`; target 300 MB/s for the scan);
#   7. with BENCH_BIG=1: peak memory of one 200 MB file (target at most 2x the input).
# The machine may be shared: the load average is printed before each figure, and CPU time
# (user + sys) is the figure to compare across runs, wall time only within one run.
# Usage: bench/issue18.sh   (BENCH_DIR=.build/bench18 BENCH_SPARSE_MB=8 BENCH_BIG=0 BENCH_NO_BUILD=0;
#        BENCH_ONLY="1 2 3 4 5 6" picks figures; BENCH_ADLAW, BENCH_ADLAW_BENCH name other binaries)
set -euo pipefail
cd "$(dirname "$0")/.."
. ./scripts/env.sh

NEED_FOR=bench ./scripts/need-packages.sh ripgrep linux-perf time util-linux python3

OUT=${BENCH_DIR:-.build/bench18}
SPARSE_MB=${BENCH_SPARSE_MB:-8}
GEN=${BENCH_GEN:-../shared/bench/gen_corpus.py}
mkdir -p "$OUT"
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  nice -n 5 swift build -c release --product adlaw >&2
  nice -n 5 swift build -c release --product adlaw-bench >&2
fi
bin=${BENCH_ADLAW:-$PWD/.build/release/adlaw}
bench=${BENCH_ADLAW_BENCH:-$PWD/.build/release/adlaw-bench}
export ADLAW_RULES_DIR=$PWD/Rules
# The bench's own cache folder: the first run fills it, the measured runs use it.
case $OUT in /*) export ADLAW_CACHE_DIR=$OUT/cache ;; *) export ADLAW_CACHE_DIR=$PWD/$OUT/cache ;; esac

only() { case " ${BENCH_ONLY:-1 2 3 4 5 6} " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.2f", b / 1e6 / s; else print "-" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
# Wall seconds, CPU seconds (user + sys) and peak RSS in KB of one run.
measure() { /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "$@" >/dev/null 2>&1 || true; awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$OUT/time.txt"; }

stress=$OUT/stress-2-11.txt
[ -f "$stress" ] || python3 "$GEN" "$stress" 2 11 >&2
stress_bytes=$(wc -c < "$stress")
split_dir=$OUT/stress-200
if [ ! -d "$split_dir" ]; then
  mkdir -p "$split_dir"
  split -n l/200 -d -a 3 --additional-suffix=.txt "$stress" "$split_dir/part-"
fi
small=$OUT/small
[ -d "$small" ] || "$bench" corpus --out "$small" --megabytes 0.03 --files 10 --seed 7 >&2
sparse=$OUT/sparse-$SPARSE_MB
[ -d "$sparse" ] || "$bench" corpus --out "$sparse" --megabytes "$SPARSE_MB" --files $((SPARSE_MB * 250)) --single-product --seed 3 >&2
sectors=$(sed -n '/^channels:/q; s/^  \([a-z][a-z0-9-]*\):.*/\1/p' Rules/sectors.yaml | paste -sd, -)
check=("$bin" check --sector "$sectors" --format line --fail-on never)
"$bin" check --format line --fail-on never "$small" >/dev/null 2>&1 || true # fills the rule-set cache

echo "# issue 18 benchmark ($(date -u '+%F %H:%M UTC'), $(nproc) cores, commit $(git rev-parse --short HEAD))"
echo "rules: $("$bin" rules list | tail -1)"
echo

if only 1; then
echo "## 1. Start-up: ten 3 KB Markdown files against --version (load $(load))"
perf stat -r 30 -e task-clock -x, -o "$OUT/version.csv" "$bin" --version >/dev/null
perf stat -r 30 -e task-clock -x, -o "$OUT/small.csv" "$bin" check --format line --fail-on never "$small" >/dev/null
version_ms=$(awk -F, '/task-clock/ { print $1 }' "$OUT/version.csv")
small_ms=$(awk -F, '/task-clock/ { print $1 }' "$OUT/small.csv")
echo "adlaw --version: $version_ms ms CPU; adlaw check (10 files, $(cat "$small"/* | wc -c) bytes): $small_ms ms CPU; ratio $(ratio "$small_ms" "$version_ms")x (target 2x)"
echo "  command: perf stat -r 30 -e task-clock adlaw check --format line --fail-on never $small"
echo
fi

if only 2; then
echo "## 2. Stress corpus, every sector, one core (load $(load))"
read -r wall1 cpu1 rss1 < <(measure taskset -c 0 "${check[@]}" --jobs 1 "$stress")
findings=$("${check[@]}" --jobs 1 "$stress" 2>/dev/null | wc -l)
echo "$stress_bytes bytes, $findings findings: $(mbps "$stress_bytes" "$cpu1") MB/s per CPU second, $(mbps "$stress_bytes" "$wall1") MB/s wall; peak RSS $((rss1 / 1024)) MiB (target 10 MB/s)"
echo "  command: taskset -c 0 adlaw check --sector <all> --jobs 1 --format line --fail-on never $stress"
echo
fi

if only 3; then
echo "## 3. rg -P, the same patterns one rule at a time, one core (load $(load))"
[ -n "${wall1:-}" ] || read -r wall1 cpu1 rss1 < <(measure taskset -c 0 "${check[@]}" --jobs 1 "$stress")
"$bin" rules patterns --match-only > "$OUT/patterns.txt"
rg_one() { while IFS= read -r pattern; do rg -P -i -c -e "$pattern" "$1" >/dev/null 2>&1 || true; done < "$2"; }
start=$(date +%s.%N)
taskset -c 0 bash -c "$(declare -f rg_one); rg_one '$stress' '$OUT/patterns.txt'"
end=$(date +%s.%N)
rg_wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
echo "rg -P: $(wc -l < "$OUT/patterns.txt") patterns in $rg_wall s wall: $(mbps "$stress_bytes" "$rg_wall") MB/s; adlaw $(mbps "$stress_bytes" "$wall1") MB/s wall: $(ratio "$rg_wall" "$wall1")x rg -P (target 30x)"
echo "  command: for each line of patterns.txt: taskset -c 0 rg -P -i -c -e PATTERN $stress"
echo
fi

if only 4; then
echo "## 4. Two cores: the stress corpus in 200 files (load $(load))"
read -r walla cpua _ < <(measure taskset -c 0 "${check[@]}" --jobs 1 "$split_dir")
read -r wallb cpub _ < <(measure taskset -c 0,1 "${check[@]}" --jobs 2 "$split_dir")
read -r wallc cpuc _ < <(measure taskset -c 0 "${check[@]}" --jobs 1 "$split_dir")
echo "--jobs 1 on CPU 0: ${walla} s wall, ${cpua} s CPU; again after: ${wallc} s wall, ${cpuc} s CPU"
echo "--jobs 2 on CPUs 0,1: ${wallb} s wall, ${cpub} s CPU"
echo "two cores: $(ratio "$walla" "$wallb")x / $(ratio "$wallc" "$wallb")x one core in wall time (target 1.8x); CPU time x$(ratio "$cpub" "$cpua") (work added by the second worker)"
echo "  command: taskset -c 0 adlaw check --sector <all> --jobs 1 ... $split_dir; taskset -c 0,1 ... --jobs 2"
echo

fi

if only 5; then
sparse_bytes=$(cat "$sparse"/* | wc -c)
echo "## 5. Sparse product pages, sectors inferred, one core (load $(load))"
read -r walls cpus rsss < <(measure taskset -c 0 "$bin" check --format line --fail-on never --jobs 1 "$sparse")
echo "$sparse_bytes bytes in $(ls "$sparse" | wc -l) pages: $(mbps "$sparse_bytes" "$cpus") MB/s per CPU second, $(mbps "$sparse_bytes" "$walls") MB/s wall; peak RSS $((rsss / 1024)) MiB (target 60 MB/s)"
echo "  command: taskset -c 0 adlaw check --jobs 1 --format line --fail-on never $sparse"
echo
fi

if only 6; then
echo "## 6. The literal scan alone and the whole pipeline, in-process, one thread (load $(load))"
taskset -c 0 "$bench" scan --rules Rules --naive-megabytes 0 --literal-scan "$stress" | grep -v "^naive\|speed-up\|identical"
echo "  command: taskset -c 0 adlaw-bench scan --rules Rules --naive-megabytes 0 --literal-scan $stress"
echo
fi

if [ "${BENCH_BIG:-0}" = 1 ]; then
  big=$OUT/stress-200-11.txt
  [ -f "$big" ] || python3 "$GEN" "$big" 200 11 >&2
  big_bytes=$(wc -c < "$big")
  echo "## 7. Peak memory, one file of $big_bytes bytes, every sector (load $(load))"
  read -r wallg cpug rssg < <(measure "${check[@]}" --max-file-size 300000000 "$big")
  echo "peak RSS $((rssg / 1024)) MiB: $(ratio "$((rssg * 1024))" "$big_bytes")x the input (target 2x); $(mbps "$big_bytes" "$wallg") MB/s wall, ${cpug} s CPU"
  echo "  command: adlaw check --sector <all> --max-file-size 300000000 --format line --fail-on never $big"
fi
