#!/usr/bin/env bash
# The server's figures (issue 16), not a test gate:
#   1. latency of POST /v1/check on a typical 2 KB product page under wrk (p50, p99), warm rules;
#   2. the CLI's per-process cost for the same page (hyperfine, `adlaw check` on the file);
#   3. the server's memory after REQUESTS requests: RSS at start and after each round of wrk
#      (DURATION each) until REQUESTS are done, so growth that levels off can be told from
#      growth per request (a leak).
# Installs wrk and hyperfine from Debian when missing. Writes bench/results/serve.md.
#
# Usage: bench/serve.sh [ADLAW] (default .build/release/adlaw)
#        REQUESTS=100000 CONNECTIONS=4 DURATION=20s PORT=18180
set -euo pipefail
cd "$(dirname "$0")/.."
adlaw=${1:-.build/release/adlaw}
requests=${REQUESTS:-100000}
connections=${CONNECTIONS:-4}
duration=${DURATION:-20s}
port=${PORT:-18180}
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 bench/make-listings.py --count 1 --bytes 2048 --format page > "$work/page.txt"
python3 - "$work/page.txt" > "$work/body.json" <<'PY'
import json, sys
print(json.dumps({"text": open(sys.argv[1], encoding="utf-8").read(), "filename": "page.txt"}, ensure_ascii=False))
PY
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/body.json", "rb"); wrk.body = f:read("*a"); f:close()
LUA

ADLAW_CACHE_DIR="$work/cache" "$adlaw" serve --port "$port" --max-concurrent-checks 64 > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
rss() { awk '/VmRSS/ {print $2 " KB"}' "/proc/$server/status"; }
start_rss=$(rss)
curl -sf -X POST -H 'Content-Type: application/json' --data-binary @"$work/body.json" "http://127.0.0.1:$port/v1/check" > "$work/one.json"
findings=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['findings']))" "$work/one.json")

latency=$(wrk -t 2 -c "$connections" -d "$duration" --latency -s "$work/post.lua" "http://127.0.0.1:$port/v1/check")
warm_rss=$(rss)
# Memory after REQUESTS requests in all: more rounds of wrk, RSS after each.
total=$(echo "$latency" | awk '/requests in/ {print $1}')
growth="$total $warm_rss"
while [ "$total" -lt "$requests" ]; do
  done_now=$(wrk -t 2 -c "$connections" -d "$duration" -s "$work/post.lua" "http://127.0.0.1:$port/v1/check" | awk '/requests in/ {print $1}')
  [ "${done_now:-0}" -gt 0 ] || break
  total=$((total + done_now))
  growth+=$'\n'"$total $(rss)"
done
end_rss=$(rss)
cli=$(ADLAW_CACHE_DIR="$work/cache" hyperfine -N --warmup 3 --runs 30 --export-markdown "$work/cli.md" \
      "$adlaw check --fail-on never --format json $work/page.txt" 2>&1 | grep -E "Time|Range" || true)

report=$(cat <<TXT
page: $(wc -c < "$work/page.txt") bytes, $findings findings; binary: $adlaw
wrk -t 2 -c $connections -d $duration --latency (POST /v1/check, JSON body):
$latency

CLI per process, the same page as a file:
$cli

server RSS: at start $start_rss; after the wrk run $warm_rss; after $total requests $end_rss
requests and RSS after each round:
$growth
TXT
)
echo "$report"
python3 -c "import sys; sys.path.insert(0, 'bench'); import benchlib; print(benchlib.write_result('serve', sys.stdin.read(), 'bench/serve.sh'))" <<< "$report"
