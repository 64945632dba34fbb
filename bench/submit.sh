#!/usr/bin/env bash
# Feedback submission throughput and latency: the release server on SQLite (default) or
# PostgreSQL (DATABASE_URL=postgres://...), loaded on the same 2 cores by wrk (saturation, 64
# connections) and by bench/loadgen at a fixed rate (RATE, default 2000 req/s; latency from
# when each request was due). Every request carries a fresh id, so each one is really stored.
#   bench/submit.sh [duration_seconds]
# Prints both reports and the server's peak memory (VmHWM). Rate limits are switched off.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
DURATION="${1:-10}"
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
cargo build --release -p cli -p loadgen -q
BACKEND="${BACKEND:-$CARGO_TARGET_DIR/release/backend}"   # or another build, to compare two
WORK="$(mktemp -d)"
export DATABASE_URL="${DATABASE_URL:-sqlite://$WORK/chorus.db?mode=rwc}"
export CHORUS_RATE_LIMITS__SIGN_IN_PER_MINUTE=0 CHORUS_RATE_LIMITS__SUBMISSIONS_PER_MINUTE=0
export CHORUS_APPLICATION__PORT="${PORT:-18080}" RUST_LOG=warn CHORUS_AUTH__ACCESS_TOKEN_MINUTES=60
export CHORUS_AUTH__JWT_SECRET="${CHORUS_AUTH__JWT_SECRET:-bench-only-signing-key-not-for-real-use}"
"$BACKEND" demo-data >/dev/null
"$BACKEND" serve & PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$CHORUS_APPLICATION__PORT/api/v1/health" >/dev/null && break; sleep 0.2; done
BASE="http://127.0.0.1:$CHORUS_APPLICATION__PORT/api/v1"
TOKEN=$(curl -sf -X POST "$BASE/auth/young-person/sign-in" -H 'content-type: application/json' \
  -d '{"sign_in_name":"brave-otter-42","pin":"481516"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
SERVICE=$(curl -sf "$BASE/me/services" -H "authorization: Bearer $TOKEN" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
export TOKEN SERVICE
echo "== fixed rate: ${RATE:-2000} req/s"
"$CARGO_TARGET_DIR/release/loadgen" --base "$BASE" --rate "${RATE:-2000}" --seconds "$DURATION"
echo "== saturation: wrk -t2 -c64 -d${DURATION}s"
wrk -t2 -c64 -d"${DURATION}s" --latency -s bench/submit.lua "http://127.0.0.1:$CHORUS_APPLICATION__PORT"
grep -E 'VmHWM|VmRSS' "/proc/$PID/status"
