#!/usr/bin/env bash
# Scale-out of `adlaw serve` behind nginx on loopback: N servers (N = 1, 2, 4 ...) behind one
# nginx upstream, wrk against nginx, throughput as N grows. Not a test gate. Installs nginx and
# wrk from Debian when missing. Writes bench/results/nginx.md.
#
# Usage: bench/nginx.sh [ADLAW] (default .build/release/adlaw)   COUNTS="1 2 4" DURATION=15s
set -euo pipefail
cd "$(dirname "$0")/.."
adlaw=${1:-.build/release/adlaw}
counts=${COUNTS:-1 2 4}
duration=${DURATION:-15s}
need=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v wrk >/dev/null || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
python3 bench/make-listings.py --count 1 --bytes 2048 --format page > "$work/page.txt"
python3 -c 'import json,sys; print(json.dumps({"text": open(sys.argv[1], encoding="utf-8").read()}, ensure_ascii=False))' "$work/page.txt" > "$work/body.json"
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/body.json", "rb"); wrk.body = f:read("*a"); f:close()
LUA
export ADLAW_CACHE_DIR="$work/cache"
report="nginx upstream over N adlaw serve processes on $(nproc) cores; wrk -t 2 -c 16 -d $duration, 2 KB page
binary: $adlaw; load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
base=""
for n in $counts; do
  upstream=""
  for i in $(seq 1 "$n"); do
    port=$((18200 + i))
    "$adlaw" serve --port "$port" --max-concurrent-checks 64 > "$work/serve-$port.log" 2>&1 &
    pids+=($!)
    upstream+="    server 127.0.0.1:$port;"$'\n'
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  done
  cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  upstream adlaw {
$upstream    keepalive 32;
  }
  server {
    listen 127.0.0.1:18199;
    client_max_body_size 20m;
    location / { proxy_pass http://adlaw; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
  "$nginx_bin" -c "$work/nginx.conf"
  sleep 0.5
  out=$(wrk -t 2 -c 16 -d "$duration" -s "$work/post.lua" http://127.0.0.1:18199/v1/check)
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  [ -z "$base" ] && base=$rps
  ratio=$(python3 -c "print(f'{float($rps)/float($base):.2f}')")
  report+=$'\n'"N=$n: $rps requests/s (x$ratio of N=1)"
  kill "$(cat "$work/nginx.pid")"; sleep 0.3
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  pids=()
  sleep 0.5
done
report+=$'\n'"load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$report"
python3 -c "import sys; sys.path.insert(0, 'bench'); import benchlib; print(benchlib.write_result('nginx', sys.stdin.read(), 'bench/nginx.sh'))" <<< "$report"
