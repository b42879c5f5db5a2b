#!/usr/bin/env bash
# Sets everything up on a fresh machine, builds adlaw and runs every test: the Swift test
# suite (unit tests, every rule's examples, the annotated corpus, CLI and server tests), the
# same rule and corpus checks through the CLI, the server against its OpenAPI document
# (schemathesis) and the web page in headless Chromium (selenium).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
. ./scripts/env.sh
swift build
swift test
.build/debug/adlaw rules check
.build/debug/adlaw test
.build/debug/adlaw test Corpus
./scripts/api-test.sh .build/debug/adlaw
shots=$(mktemp -d)
SCREENSHOTS="$shots" ./scripts/browser-test.sh .build/debug/adlaw
rm -rf "$shots"
# Real clients: an LSP client over stdio, the MCP Python SDK (pip into a venv), LibreOffice
# opening annotated Word and PowerPoint copies (installed from Debian by the script).
./scripts/e2e.sh .build/debug/adlaw
