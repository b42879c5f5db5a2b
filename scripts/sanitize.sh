#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer and ThreadSanitizer, each in its own build
# folder (.build-asan, .build-tsan), so the normal .build is untouched. The CLI tests run the
# adlaw binary of the same build, so the hostile-input suite runs sanitized too.
#
#   scripts/sanitize.sh [address|thread|both] [swift test options ...]
#
# e.g. `scripts/sanitize.sh thread --skip HostileLargeInputSuite` (the 200 MB cases take
# long under a sanitizer). Exit code 0 only when every test passed and no sanitizer
# reported anything.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
. ./scripts/env.sh

which="${1:-both}"
[ $# -gt 0 ] && shift
case "$which" in
  address) sanitizers=(address) ;;
  thread) sanitizers=(thread) ;;
  both) sanitizers=(address thread) ;;
  *) sed -n '2,11p' "$0"; exit 2 ;;
esac

# Swift's own crash handler would read a dying process's memory and confuse ASan.
export SWIFT_BACKTRACE=enable=no

status=0
for sanitizer in "${sanitizers[@]}"; do
  case "$sanitizer" in address) scratch=.build-asan ;; thread) scratch=.build-tsan ;; esac
  log="$scratch/sanitize-$sanitizer.log"
  reports="$PWD/$scratch/sanitizer-reports"
  rm -rf "$reports" && mkdir -p "$reports"
  # Every process (the test runner and each adlaw it starts) writes its reports to a file
  # in $reports, and exits with 86/66 instead of 1 so a report never passes for exit 1.
  # LeakSanitizer is off: it reports the Swift runtime's metadata caches; memory errors and
  # races are what these runs are for.
  export ASAN_OPTIONS="detect_leaks=0:exitcode=86:log_path=$reports/asan"
  # The hostile-input tests skip their memory bounds under a sanitizer (its shadow memory
  # and quarantine are most of the peak); everything else they assert still holds.
  export ADLAW_SANITIZER="$sanitizer"
  export TSAN_OPTIONS="halt_on_error=0:exitcode=66:log_path=$reports/tsan"
  echo "sanitize: building with --sanitize=$sanitizer in $scratch" >&2
  swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch" >&2
  echo "sanitize: swift test --sanitize=$sanitizer (log: $log)" >&2
  set +e
  swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" "$@" 2>&1 | tee "$log"
  result=${PIPESTATUS[0]}
  set -e
  found=$(cat "$reports"/* 2>/dev/null | grep -c -E "ERROR: AddressSanitizer|WARNING: ThreadSanitizer" || true)
  echo "sanitize: $sanitizer: swift test exit $result, $found sanitizer report(s) in $reports" >&2
  if [ "$result" -ne 0 ] || [ "$found" -ne 0 ]; then status=1; fi
done
exit "$status"
