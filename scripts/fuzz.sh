#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (with AddressSanitizer) and runs each for a given
# time, starting from its seed corpus in Fuzz/Corpus/<name>/. Not part of `swift build`,
# `swift test` or CI.
#
#   scripts/fuzz.sh [-t SECONDS] [TARGET ...]      (default: 60 seconds, every target)
#   scripts/fuzz.sh -r TARGET FILE ...             (re-run saved inputs, e.g. a crash)
#
# New coverage goes to Fuzz/.work/<target>/, crashes, timeouts and out-of-memory inputs to
# Fuzz/artifacts/<target>/ (both ignored by git). A summary table ends the run; the exit
# code is 1 when any target found something.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
. ./scripts/env.sh

all=(fuzz-rules fuzz-text fuzz-markdown fuzz-html fuzz-office fuzz-delimited fuzz-json fuzz-normalizer fuzz-linter)
seconds=60
replay=0
while getopts "t:r" option; do
  case "$option" in
    t) seconds="$OPTARG" ;;
    r) replay=1 ;;
    *) sed -n '2,12p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

build=(swift build --package-path Fuzz -c release --sanitize=fuzzer --sanitize=address)
"${build[@]}" >&2
bin="$("${build[@]}" --show-bin-path)"
# Swift's runtime keeps caches that LeakSanitizer reports as leaks; crashes, overflows and
# use-after-free are what we are after.
export ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}"
# Swift's own crash handler would read the dead process's memory under ASan and report
# itself; libFuzzer's stack trace is enough.
export SWIFT_BACKTRACE=enable=no
export ADLAW_RULES_DIR="$PWD/Rules"

if [ "$replay" = 1 ]; then
  target="$1"; shift
  exec "$bin/$target" "$@"
fi

Fuzz/make-seeds.sh >&2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
summary=()
found=0
for target in "${targets[@]}"; do
  # Seeds: the ones built from the rule pack, corpus and fixtures, and the hand-written ones.
  seeds=("Fuzz/.seeds/${target#fuzz-}")
  [ -d "Fuzz/Corpus/${target#fuzz-}" ] && seeds+=("Fuzz/Corpus/${target#fuzz-}")
  work="Fuzz/.work/$target"
  artifacts="Fuzz/artifacts/$target"
  mkdir -p "$work" "$artifacts"
  log="Fuzz/.work/$target.log"
  # Slow inputs (slow-unit-*) are kept for a look but are not failures; crashes, timeouts
  # (past -timeout) and out-of-memory inputs are.
  count() { find "$artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l; }
  before=$(count)
  echo "fuzz: $target for ${seconds}s (log: $log)" >&2
  started=$(date +%s)
  "$bin/$target" "$work" "${seeds[@]}" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 \
    -max_len=65536 -artifact_prefix="$artifacts/" -print_final_stats=1 > "$log" 2>&1 || true
  after=$(count)
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  secs=$(( $(date +%s) - started ))
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
  new=$((after - before))
  [ "$new" -eq 0 ] || found=1
  summary+=("$(printf '%-16s %8ss %12s runs %8s edges %4s new crashes' "$target" "$secs" "$runs" "$cov" "$new")")
done
printf '%s\n' "${summary[@]}"
[ "$found" -eq 0 ] || { echo "fuzz: inputs that crash, hang or exhaust memory are in Fuzz/artifacts/" >&2; exit 1; }
