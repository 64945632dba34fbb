#!/usr/bin/env bash
# Submission throughput through HAProxy with three instances against one instance direct (issue
# 17's budget), release builds on one PostgreSQL database, in one sitting: wrk (saturation, 64
# connections, bench/submit.lua: every request a new feedback item, really stored) first at one
# instance's own port, then at the proxy in front of it and two more. On one 2-core machine the
# three instances, the proxy, PostgreSQL and wrk share the same cores, so this measures what the
# proxy and the extra processes cost, not what more machines would gain.
#   bench/proxy.sh [duration_seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
DURATION="${1:-10}"
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
command -v haproxy >/dev/null || { echo "HAProxy is missing: bash scripts/install-tools.sh" >&2; exit 1; }
bash scripts/ensure-postgres.sh >/dev/null
cargo build --release -p cli -q
BACKEND="$CARGO_TARGET_DIR/release/backend"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
DB="chorus_proxy_$$_$RANDOM"
psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $DB"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
}
trap cleanup EXIT
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
export CHORUS_AUTH__JWT_SECRET="proxy-bench-signing-key-shared-by-every-instance" CHORUS_AUTH__ACCESS_TOKEN_MINUTES=60
export CHORUS_AUDIT__CHAIN_KEY="proxy bench audit chain key, not for real use" CHORUS_AUDIT__CHECKPOINT_KEY="proxy bench checkpoint key, not for real use"
export CHORUS_APPLICATION__HOST=127.0.0.1 RUST_LOG=warn
export CHORUS_RATE_LIMITS__SIGN_IN_PER_MINUTE=0 CHORUS_RATE_LIMITS__SUBMISSIONS_PER_MINUTE=0
"$BACKEND" migrate >/dev/null
"$BACKEND" demo-data >/dev/null
PORTS=("$(free_port)" "$(free_port)" "$(free_port)")
start() { CHORUS_APPLICATION__PORT="${PORTS[$1-1]}" "$BACKEND" serve & PIDS+=($!); }
live() { for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$1/api/v1/health/live" >/dev/null && return 0; sleep 0.1; done; return 1; }
start 1 && live "${PORTS[0]}"
BASE="http://127.0.0.1:${PORTS[0]}/api/v1"
TOKEN=$(curl -sf -X POST "$BASE/auth/young-person/sign-in" -H 'content-type: application/json' \
  -d '{"sign_in_name":"brave-otter-42","pin":"481516"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
SERVICE=$(curl -sf "$BASE/me/services" -H "authorization: Bearer $TOKEN" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
export TOKEN SERVICE
rate() { wrk -t2 -c64 -d"${DURATION}s" --latency -s bench/submit.lua "$1" | tee /dev/stderr | awk '/Requests\/sec/ {print $2}'; }
echo "== one instance, direct"
direct=$(rate "http://127.0.0.1:${PORTS[0]}")
start 2 && start 3 && live "${PORTS[1]}" && live "${PORTS[2]}"
PROXY_PORT=$(free_port)
export CHORUS_PROXY_BIND="127.0.0.1:$PROXY_PORT"
export CHORUS_INSTANCE_1="127.0.0.1:${PORTS[0]}" CHORUS_INSTANCE_2="127.0.0.1:${PORTS[1]}" CHORUS_INSTANCE_3="127.0.0.1:${PORTS[2]}"
haproxy -f deploy/haproxy.cfg -db >/dev/null 2>&1 & PIDS+=($!)
live "$PROXY_PORT"
sleep 2   # every instance passes its health check
echo "== three instances behind HAProxy"
proxied=$(rate "http://127.0.0.1:$PROXY_PORT")
python3 -c "print(f'one instance direct: {float(\"$direct\"):.0f} req/s; three behind HAProxy: {float(\"$proxied\"):.0f} req/s; ratio {float(\"$proxied\")/float(\"$direct\"):.2f}')"
