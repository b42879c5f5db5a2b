#!/usr/bin/env bash
# End-to-end test of the release packages (run scripts/package.sh first): installs the
# tarball into a fresh prefix with its install.sh, checks that ldd resolves every library,
# runs the sample campaign with the installed binary from an unrelated folder and a bare
# environment, checks the man page and completions, unpacks the .deb and checks its
# metadata, checks that `adlaw lsp`, `adlaw mcp` and `adlaw serve` of the installed binary find
# their rules, and runs the `adlaw-system` pre-commit hook with the installed binary on PATH.
#
#   scripts/e2e/package_test.sh [DIST]      default dist/
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dist=$(realpath "${1:-$root/dist}")
tarball=$(ls "$dist"/adlaw-*-linux-x86_64.tar.gz | head -1)
deb=$(ls "$dist"/adlaw_*_amd64.deb | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "not ok - $*" >&2; exit 1; }
ok() { echo "ok  - $*"; }

tar -C "$work" -xzf "$tarball"
prefix="$work/prefix with space"
"$work"/adlaw-*-linux-x86_64/install.sh --prefix "$prefix" >/dev/null
[ -x "$prefix/bin/adlaw" ] && [ -d "$prefix/share/adlaw/Rules" ] || fail "install.sh did not lay out bin/ and share/adlaw/Rules"
ok "install.sh --prefix: $(cd "$prefix" && find . -type f | wc -l) files"
if ldd "$prefix/bin/adlaw" | grep -q "not found"; then ldd "$prefix/bin/adlaw"; fail "unresolved libraries"; fi
# Each resolved library as "name<TAB>canonical path" (the prefix has a space; RPATH gives
# $prefix/bin/../lib/adlaw).
resolved=$(ldd "$prefix/bin/adlaw" | sed -n 's/^[[:space:]]*\([^ ]*\) => \(.*\) (0x[0-9a-f]*)$/\1\t\2/p' \
  | while IFS=$'\t' read -r lib path; do printf '%s\t%s\n' "$lib" "$(realpath "$path")"; done)
bundle=$(realpath "$prefix/lib/adlaw")
printf '%s\n' "$resolved" | grep -q "^libpcre2-8[^\t]*"$'\t'"$bundle/" || { printf '%s\n' "$resolved"; fail "libpcre2 is not taken from the bundle"; }
# On a bare Debian system only the base libraries are there: everything else must come from
# the prefix.
outside=$(printf '%s\n' "$resolved" | grep -v $'\t'"$bundle/" | cut -f1 \
  | grep -Ev '^(libc|libm|libpthread|libdl|librt|libresolv|libanl|libutil|libstdc\+\+|libgcc_s|libz)\.so' || true)
[ -z "$outside" ] || fail "libraries outside the prefix that a bare system may lack: $outside"
ok "ldd: every library resolved; the bundled ones from $prefix/lib/adlaw"
if ldd "$prefix/bin/adlaw" | grep -Eq "libswift|libFoundation"; then fail "the Swift runtime is linked dynamically"; fi
ok "the Swift runtime and Foundation are static"

# The sample campaign, from another folder, with nothing from the environment but PATH.
cp -R "$root/Corpus/sample-campaign" "$work/campaign"
status=0
(cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work" "$prefix/bin/adlaw" check campaign > "$work/out.txt" 2>&1) || status=$?
[ "$status" -eq 1 ] || { cat "$work/out.txt"; fail "adlaw check on the sample campaign exited $status (expected 1: findings)"; }
grep -q "food.medical-efficacy" "$work/out.txt" && grep -q "食品安全衛生管理法" "$work/out.txt" || fail "the sample campaign's findings are missing"
ok "the installed adlaw checks the sample campaign: $(grep -c '\[[a-z-]*\.[a-z-]*\]$' "$work/out.txt") findings"
man -l "$prefix/share/man/man1/adlaw.1.gz" 2>/dev/null | grep -q "annotate" || zcat "$prefix/share/man/man1/adlaw.1.gz" | grep -q "annotate" || fail "man page"
grep -q "annotate" "$prefix/share/bash-completion/completions/adlaw" || fail "bash completion"
[ -s "$prefix/share/zsh/site-functions/_adlaw" ] && [ -s "$prefix/share/fish/vendor_completions.d/adlaw.fish" ] || fail "zsh/fish completions"
ls "$prefix/share/doc/adlaw/licenses" | grep -q "pcre2" || fail "bundled licences"
ok "man page, bash/zsh/fish completions, $(ls "$prefix/share/doc/adlaw/licenses" | wc -l) licence files"

# The .deb: metadata and contents (unpacked, not installed on this machine).
info=$(dpkg-deb --info "$deb")
grep -q "Depends:.*libpcre2-8-0" <<< "$info" || fail ".deb does not depend on libpcre2-8-0"
dpkg-deb -x "$deb" "$work/deb"
[ -x "$work/deb/usr/bin/adlaw" ] && [ -d "$work/deb/usr/share/adlaw/Rules" ] || fail ".deb layout"
status=0
(cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work" "$work/deb/usr/bin/adlaw" check campaign > "$work/deb-out.txt" 2>&1) || status=$?
[ "$status" -eq 1 ] && grep -q "food.medical-efficacy" "$work/deb-out.txt" || { cat "$work/deb-out.txt"; fail ".deb's adlaw on the sample campaign exited $status (expected 1: findings)"; }
ok ".deb: depends on Debian's runtime packages; /usr/bin/adlaw runs with /usr/share/adlaw/Rules beside it"

venv=${ADLAW_E2E_VENV:-$work/venv}
if [ ! -x "$venv/bin/pre-commit" ] || ! "$venv/bin/python" -c 'import mcp' 2>/dev/null; then
  python3 -m venv "$venv" && "$venv/bin/pip" install -q "pre-commit==4.7.0" "mcp==1.26.0"
fi

# The servers of the installed binary find the installed rule pack by themselves (no
# ADLAW_RULES_DIR, started from an unrelated folder): the LSP and MCP clients of
# scripts/e2e.sh, and `adlaw serve` answering a check.
(cd "$work" && env -u ADLAW_RULES_DIR python3 "$root/scripts/e2e/lsp_client.py" "$prefix/bin/adlaw" --latency-runs 3 > "$work/lsp.txt" 2>&1) \
  || { cat "$work/lsp.txt"; fail "adlaw lsp of the installed binary"; }
ok "adlaw lsp (installed): $(grep '^latency' "$work/lsp.txt")"
(cd "$work" && env -u ADLAW_RULES_DIR "$venv/bin/python" "$root/scripts/e2e/mcp_client.py" "$prefix/bin/adlaw" > "$work/mcp.txt" 2>&1) \
  || { cat "$work/mcp.txt"; fail "adlaw mcp of the installed binary"; }
ok "adlaw mcp (installed): the MCP Python SDK's checks pass"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$work" && exec env -u ADLAW_RULES_DIR "$prefix/bin/adlaw" serve --port "$port" > "$work/serve.log" 2>&1) &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.2; done
curl -sf -X POST -H 'Content-Type: application/json' --data '{"text":"每天一杯，預防感冒。","sectors":["food"]}' \
  "http://127.0.0.1:$port/v1/check" | grep -q '"food.medical-efficacy"' || { cat "$work/serve.log"; fail "adlaw serve of the installed binary"; }
kill "$server"; wait "$server" 2>/dev/null || true
ok "adlaw serve (installed): POST /v1/check finds food.medical-efficacy"

# pre-commit, `language: system` hook, with the installed adlaw on PATH.
repo="$work/copy-repo"
mkdir -p "$repo" && cd "$repo"
git init -q && git config user.email t@example.com && git config user.name test
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $(git -C "$root" rev-parse HEAD)
    hooks:
      - id: adlaw-system
YAML
printf '每天一杯，預防感冒。\n' > page.md
git add -A
status=0
PATH="$prefix/bin:$PATH" "$venv/bin/pre-commit" run --all-files > "$work/hook.txt" 2>&1 || status=$?
[ "$status" -ne 0 ] && grep -Eq "(claims|food)\.medical-efficacy" "$work/hook.txt" || { cat "$work/hook.txt"; fail "the adlaw-system hook did not stop the risky file"; }
ok "pre-commit adlaw-system hook (language: system) stops risky copy with the installed binary"
echo "package: all checks passed"
