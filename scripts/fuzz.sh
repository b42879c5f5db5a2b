#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (with AddressSanitizer) and runs each for a given
# time, starting from its seed corpus in Fuzz/Corpus/<name>/. Not part of `swift build` or
# `swift test`; scripts/test.sh (and so CI) ends with a 60-second smoke run of every target.
#
#   scripts/fuzz.sh [-t SECONDS] [TARGET ...]      (default: 60 seconds, every target)
#   scripts/fuzz.sh -r TARGET FILE ...             (re-run saved inputs, e.g. a crash)
#
# New coverage goes to Fuzz/.work/<target>/, crashes, timeouts and out-of-memory inputs to
# Fuzz/artifacts/<target>/ (both ignored by git). A summary table ends the run (seconds,
# runs, edges covered, features, coverage counters); the exit code is 1 when any target
# found something, 2 when the build lacks coverage or AddressSanitizer instrumentation.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
. ./scripts/env.sh

all=(fuzz-rules fuzz-text fuzz-markdown fuzz-html fuzz-office fuzz-delimited fuzz-json fuzz-normalizer fuzz-linter fuzz-subjects fuzz-config fuzz-xml fuzz-args)
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

# SwiftPM keeps the file list of the path dependency (this package) in Fuzz/.build and does not
# notice files added to or removed from it: the build then fails on a missing type. So the
# build folder goes when the list of source files changed since the last build.
sources="$(find Sources Package.swift -name '*.swift' | LC_ALL=C sort | cksum)"
if [ -d Fuzz/.build ] && [ "$(cat Fuzz/.build/adlaw-sources 2>/dev/null)" != "$sources" ]; then
  echo "fuzz: the package's source files changed since the last build; rebuilding Fuzz/.build" >&2
  rm -rf Fuzz/.build
fi
# swiftc keeps only the last `-sanitize=` flag it is given, and SwiftPM passes each
# `--sanitize` as a flag of its own, in no fixed order: with `--sanitize=fuzzer
# --sanitize=address` every Swift module got either ASan or coverage, never both, differently
# from build to build (the C targets got both). So the sanitizers go to swiftc as one list;
# `--sanitize` stays for the C targets and the link, and `-Xswiftc` comes after SwiftPM's own
# flags, so the list is what swiftc keeps.
build=(swift build --package-path Fuzz -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address)
"${build[@]}" >&2
bin="$("${build[@]}" --show-bin-path)"
echo "$sources" > Fuzz/.build/adlaw-sources

# Every Swift module the targets link must carry both coverage counters and ASan checks:
# a fuzzer without coverage is blind and one without ASan misses memory errors, and neither
# says so. Each module's objects are checked; any module missing either stops the run.
missing=()
for module in "$bin"/*.build; do
  objects=("$module"/*.swift.o)
  [ -e "${objects[0]}" ] || continue
  symbols="$(nm -u "${objects[@]}" 2>/dev/null)"
  grep -q '__sanitizer_cov_' <<<"$symbols" || missing+=("$(basename "$module" .build) (no coverage)")
  grep -q '__asan_' <<<"$symbols" || missing+=("$(basename "$module" .build) (no AddressSanitizer)")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "fuzz: these modules were built without the sanitizers, so fuzzing them would be blind:" >&2
  printf '  %s\n' "${missing[@]}" >&2
  echo "fuzz: delete Fuzz/.build and run again" >&2
  exit 2
fi
# The inline 8-bit counters of a target's binary: one per instrumented edge of the whole
# program (adlaw's libraries, Yams, ZIPFoundation, the harness), the figure libFuzzer logs.
counters() {
  local size
  size=$(objdump -h "$bin/$1" | awk '$2 == "__sancov_cntrs" { print $3 }')
  echo $((16#${size:-0}))
}
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
blind=0
for target in "${targets[@]}"; do
  # Seeds: the ones built from the rule pack, corpus and fixtures, and the hand-written ones.
  seeds=("Fuzz/.seeds/${target#fuzz-}")
  [ -d "Fuzz/Corpus/${target#fuzz-}" ] && seeds+=("Fuzz/Corpus/${target#fuzz-}")
  work="Fuzz/.work/$target"
  artifacts="Fuzz/artifacts/$target"
  mkdir -p "$work" "$artifacts"
  log="Fuzz/.work/$target.log"
  # A dictionary of the input's words (command and option names), where one helps.
  dict=()
  [ -f "Fuzz/${target#fuzz-}.dict" ] && dict=(-dict="Fuzz/${target#fuzz-}.dict")
  instrumented=$(counters "$target")
  # The harness and C code alone make a few thousand; adlaw's Swift libraries tens of thousands.
  if [ "$instrumented" -lt 20000 ]; then
    echo "fuzz: $target has only $instrumented coverage counters: its Swift code is not instrumented" >&2
    exit 2
  fi
  # Slow inputs (slow-unit-*) are kept for a look but are not failures; crashes, timeouts
  # (past -timeout) and out-of-memory inputs are.
  count() { find "$artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l; }
  before=$(count)
  echo "fuzz: $target for ${seconds}s, $instrumented coverage counters (log: $log)" >&2
  started=$(date +%s)
  "$bin/$target" "$work" "${seeds[@]}" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 \
    -max_len=65536 -artifact_prefix="$artifacts/" -print_final_stats=1 ${dict[@]+"${dict[@]}"} > "$log" 2>&1 || true
  after=$(count)
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  secs=$(( $(date +%s) - started ))
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
  loaded=$(sed -n 's/.*Loaded 1 modules *(\([0-9]*\) inline 8-bit counters).*/\1/p' "$log" | head -1)
  loaded=${loaded:-?}
  if [ "$loaded" != "$instrumented" ]; then
    echo "fuzz: $target: libFuzzer loaded ${loaded} counters, the binary has $instrumented" >&2
    blind=1
  fi
  new=$((after - before))
  [ "$new" -eq 0 ] || found=1
  summary+=("$(printf '%-16s %6ss %10s runs %6s cov %6s ft %6s counters %3s new crashes' "$target" "$secs" "$runs" "$cov" "$ft" "$loaded" "$new")")
done
printf '%s\n' "${summary[@]}"
[ "$blind" -eq 0 ] || { echo "fuzz: a target ran with less coverage instrumentation than its binary has" >&2; exit 2; }
[ "$found" -eq 0 ] || { echo "fuzz: inputs that crash, hang or exhaust memory are in Fuzz/artifacts/" >&2; exit 1; }
