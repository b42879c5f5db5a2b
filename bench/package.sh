#!/usr/bin/env bash
# The release package's figures (issue 17), not a test gate: the size of the tarball and the
# .deb, the start-up of the installed binary against the same release binary in the build
# tree (`perf stat -r RUNS` of `adlaw --version` and of `adlaw check` on a small file), and the
# LSP latency of the installed binary on a 20 KB document. Run scripts/package.sh first.
# Installs perf from Debian when missing. Writes bench/results/package.md.
#
# Usage: bench/package.sh [DIST] (default dist/)   RUNS=30 LSP_RUNS=20
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dist=$(realpath "${1:-dist}")
runs=${RUNS:-30}
lsp_runs=${LSP_RUNS:-20}
if ! perf --version >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf >/dev/null
fi
tarball=$(ls "$dist"/adlaw-*-linux-x86_64.tar.gz | head -1)
deb=$(ls "$dist"/adlaw_*_amd64.deb | head -1)
built=.build-release/release/adlaw
[ -x "$built" ] || { echo "bench/package.sh: no $built (run scripts/package.sh)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$tarball"
"$work"/adlaw-*-linux-x86_64/install.sh --prefix "$work/prefix" >/dev/null
installed="$work/prefix/bin/adlaw"
page="$work/social-post.txt"
cp Corpus/sample-campaign/social-post.txt "$page"
export ADLAW_CACHE_DIR="$work/cache"
"$installed" check --fail-on never "$page" >/dev/null 2>&1   # fills the caches of each binary
"$built" check --fail-on never "$page" >/dev/null 2>&1

# Seconds elapsed (mean and its +- spread) of RUNS runs, as perf stat prints them.
elapsed() { perf stat -r "$runs" -- "$@" 2>&1 >/dev/null | awk '/seconds time elapsed/ {printf "%.1f ms +- %.1f ms", $1 * 1000, $3 * 1000}'; }
report="load average at start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores
tarball $(basename "$tarball"): $(stat -c %s "$tarball") bytes ($(du -h "$tarball" | cut -f1)); unpacked $(du -sh "$work"/adlaw-*-linux-x86_64 | cut -f1)
.deb $(basename "$deb"): $(stat -c %s "$deb") bytes ($(du -h "$deb" | cut -f1))

perf stat -r $runs, elapsed (mean +- spread), installed package against the build tree, interleaved:"
for round in 1 2; do
  report+="
round $round:
  adlaw --version, installed:          $(elapsed "$installed" --version)
  adlaw --version, build tree:         $(elapsed "$built" --version)
  adlaw check social-post.txt, installed:  $(elapsed "$installed" check --fail-on never "$page")
  adlaw check social-post.txt, build tree: $(elapsed "$built" check --fail-on never "$page")"
done
lsp=$(cd "$work" && env -u ADLAW_RULES_DIR python3 "$root/scripts/e2e/lsp_client.py" "$installed" --latency-runs "$lsp_runs" | grep '^latency')
report+="

LSP, installed binary (scripts/e2e/lsp_client.py --latency-runs $lsp_runs): $lsp
load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$report"
python3 -c "import sys; sys.path.insert(0, 'bench'); import benchlib; print(benchlib.write_result('package', sys.stdin.read(), 'bench/package.sh'))" <<< "$report"
