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

# The MCP Python SDK, pinned, in a venv kept between runs (ADLAW_E2E_VENV) or made here.
venv=${ADLAW_E2E_VENV:-$work/venv}
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import mcp' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "mcp==1.26.0"
fi
run mcp "$venv/bin/python" scripts/e2e/mcp_client.py "$adlaw"

run annotate scripts/e2e/annotate_libreoffice.sh "$adlaw" "$work/annotate"

run audit-pdf scripts/e2e/audit_pdf.sh "$adlaw" "$work/audit-pdf"

total=4
echo "e2e: $((total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
