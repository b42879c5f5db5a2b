#!/usr/bin/env bash
# The running server against its OpenAPI document (schemas/openapi.yaml) with schemathesis:
# generated requests for every operation, every response checked against the document, and
# the server must never answer 5xx. Installs schemathesis from PyPI into .venv-api when missing.
#
# Usage: scripts/api-test.sh [ADLAW] (default .build/debug/adlaw)   EXAMPLES=25
set -euo pipefail
cd "$(dirname "$0")/.."
adlaw=${1:-.build/debug/adlaw}
if [ ! -x .venv-api/bin/schemathesis ]; then
  python3 -m venv .venv-api
  .venv-api/bin/pip install -q schemathesis
fi
port=$((20000 + RANDOM % 20000))
log=$(mktemp)
ADLAW_RULES_DIR="$PWD/Rules" "$adlaw" serve --port "$port" --no-config > "$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT
# A cold rule-set cache makes a debug server compile every rule first: on a loaded machine
# that takes longer than 30 s, so wait up to 3 minutes, and stop with the server's log if it
# never answers (schemathesis would otherwise report every operation as unreachable).
healthy=no
for _ in $(seq 1800); do
  if curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; then healthy=yes; break; fi
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
if [ "$healthy" != yes ]; then
  echo "api-test: adlaw serve did not answer /healthz on port $port; its log:" >&2
  cat "$log" >&2
  exit 1
fi
# positive_data_acceptance is left out: the API rightly refuses requests the document cannot
# rule out, such as a sector or rule selector that names nothing in the rule pack (400 with
# what to write instead), or a file upload without ?filename= (required only for uploads).
.venv-api/bin/schemathesis run schemas/openapi.yaml --url "http://127.0.0.1:$port" \
  --checks all --exclude-checks positive_data_acceptance \
  --max-examples "${EXAMPLES:-25}" --seed 1 --request-timeout 60
kill -0 "$server" || { echo "api-test: the server died" >&2; cat "$log" >&2; exit 1; }
