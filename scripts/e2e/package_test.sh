#!/usr/bin/env bash
# End-to-end test of the release packages (run scripts/package.sh first): installs the
# tarball into a fresh prefix with its install.sh, checks that ldd resolves every library,
# runs the sample campaign with the installed binary from an unrelated folder and a bare
# environment, checks the man page and completions, unpacks the .deb and checks its
# metadata, and runs the `adlaw-system` pre-commit hook with the installed binary on PATH.
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
ldd "$prefix/bin/adlaw" | grep -q "$prefix/lib/adlaw/libpcre2-8" || fail "libpcre2 is not taken from the bundle"
# On a bare Debian system only the base libraries are there: everything else must come from
# the prefix.
outside=$(ldd "$prefix/bin/adlaw" | awk '/=>/ { print $1 " " $3 }' | grep -v " $prefix/lib/adlaw/" \
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
dpkg-deb --info "$deb" | grep -q "Depends:.*libpcre2-8-0" || fail ".deb does not depend on libpcre2-8-0"
dpkg-deb -x "$deb" "$work/deb"
[ -x "$work/deb/usr/bin/adlaw" ] && [ -d "$work/deb/usr/share/adlaw/Rules" ] || fail ".deb layout"
status=0
(cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work" "$work/deb/usr/bin/adlaw" check campaign > "$work/deb-out.txt" 2>&1) || status=$?
[ "$status" -eq 1 ] && grep -q "food.medical-efficacy" "$work/deb-out.txt" || { cat "$work/deb-out.txt"; fail ".deb's adlaw on the sample campaign exited $status (expected 1: findings)"; }
ok ".deb: depends on Debian's runtime packages; /usr/bin/adlaw runs with /usr/share/adlaw/Rules beside it"

# pre-commit, `language: system` hook, with the installed adlaw on PATH.
venv=${ADLAW_E2E_VENV:-$work/venv}
if [ ! -x "$venv/bin/pre-commit" ]; then
  python3 -m venv "$venv" && "$venv/bin/pip" install -q "pre-commit==4.7.0"
fi
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
[ "$status" -ne 0 ] && grep -q "food.medical-efficacy" "$work/hook.txt" || { cat "$work/hook.txt"; fail "the adlaw-system hook did not stop the risky file"; }
ok "pre-commit adlaw-system hook (language: system) stops risky copy with the installed binary"
echo "package: all checks passed"
