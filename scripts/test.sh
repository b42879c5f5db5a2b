#!/usr/bin/env bash
# Sets everything up on a fresh machine, builds adlaw and runs every test: the Swift test
# suite (unit tests, every rule's examples, the annotated corpus, CLI tests), then the same
# rule and corpus checks through the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
. ./scripts/env.sh
swift build
swift test
.build/debug/adlaw rules check
.build/debug/adlaw test
.build/debug/adlaw test Corpus
# The language server, driven over stdio by a real JSON-RPC client.
python3 scripts/e2e/lsp_client.py .build/debug/adlaw
