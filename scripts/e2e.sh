#!/usr/bin/env bash
# End-to-end tests with real clients, on a built adlaw:
#   - the language server, driven over stdio by a JSON-RPC client (scripts/e2e/lsp_client.py)
#   - the MCP server, driven by the MCP Python SDK from PyPI (scripts/e2e/mcp_client.py, in a venv)
#   - annotated Word and PowerPoint copies opened by LibreOffice (scripts/e2e/annotate_libreoffice.sh)
#   - the audit report printed to PDF by headless Chromium, read with pdftotext (scripts/e2e/audit_pdf.sh)
# Each installs what it needs (pip into a venv; LibreOffice, Chromium from Debian).
#
#   scripts/e2e.sh [ADLAW]        default .build/debug/adlaw
set -euo pipefail
cd "$(dirname "$0")/.."
adlaw=$(realpath "${1:-.build/debug/adlaw}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
run() {
  local name=$1; shift
  echo "== e2e: $name"
  if "$@"; then echo "== e2e: $name passed"; else echo "== e2e: $name FAILED" >&2; failed=$((failed + 1)); fi
}

run lsp python3 scripts/e2e/lsp_client.py "$adlaw"

# A server that cannot find its rules says so (window/showMessage): the client fails at once
# with the server's words instead of waiting for diagnostics. The binary is copied where no
# rule pack is beside or above it.
lsp_without_rules() {
  mkdir -p "$work/bare/bin" "$work/bare/lib" && cp "$adlaw" "$work/bare/bin/adlaw"
  # A packaged binary takes its libraries with it (RPATH $ORIGIN/../lib/adlaw), not its rules.
  local libs
  libs="$(dirname "$adlaw")/../lib/adlaw"
  if [ -d "$libs" ]; then cp -R "$libs" "$work/bare/lib/adlaw"; fi
  local status=0 started=$SECONDS
  env -u ADLAW_RULES_DIR python3 scripts/e2e/lsp_client.py "$work/bare/bin/adlaw" --timeout 60 > "$work/bare/out.txt" 2>&1 || status=$?
  cat "$work/bare/out.txt"
  [ "$status" -ne 0 ] && grep -q "rule pack was not found" "$work/bare/out.txt" && [ $((SECONDS - started)) -lt 60 ]
}
run lsp-without-rules lsp_without_rules

# The MCP Python SDK, pinned, in a venv kept between runs (ADLAW_E2E_VENV) or made here.
venv=${ADLAW_E2E_VENV:-$work/venv}
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import mcp' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "mcp==1.26.0"
fi
run mcp "$venv/bin/python" scripts/e2e/mcp_client.py "$adlaw"

run annotate scripts/e2e/annotate_libreoffice.sh "$adlaw" "$work/annotate"

run audit-pdf scripts/e2e/audit_pdf.sh "$adlaw" "$work/audit-pdf"

total=5
echo "e2e: $((total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
