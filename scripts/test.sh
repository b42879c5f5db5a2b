#!/usr/bin/env bash
# Sets everything up on a fresh machine, builds adlaw and runs every test: the Swift test
# suite (unit tests, every rule's examples, the annotated corpus, CLI and server tests), the
# same rule and corpus checks through the CLI, the server against its OpenAPI document
# (schemathesis) and the web page in headless Chromium (selenium), then a smoke run of every
# libFuzzer target.
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
# Every libFuzzer target for FUZZ_SECONDS (default 60) with AddressSanitizer and coverage, on
# its seeds and the regression inputs: a crash, hang, out-of-memory input or a build without
# instrumentation fails the run. The sanitizer build of Fuzz/ took 10.5 and 13 minutes on a
# loaded 2-core machine; with 13 targets the smoke run adds about 25 minutes. Longer runs:
# scripts/fuzz.sh -t SECONDS (docs/robustness.md).
./scripts/fuzz.sh -t "${FUZZ_SECONDS:-60}"
