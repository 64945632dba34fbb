#!/usr/bin/env bash
# The scale-out test (issue 17): three Chorus instances on one PostgreSQL database behind HAProxy
# (deploy/haproxy.cfg), a real SMTP server on loopback, and a load generator that submits through
# the proxy with retries while one instance is killed with `kill -9` and started again. Then:
# every acknowledged submission is stored once, every email in the outbox (each disclosure's
# safeguarding alert among them) reached the mail server exactly once, and the score aggregates
# equal a recompute from the raw rows. Then an instance stops cleanly on SIGTERM, and one that logs
# JSON wrote only JSON. Prints the load generator's throughput.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
command -v haproxy >/dev/null || { echo "HAProxy is missing: bash scripts/install-tools.sh" >&2; exit 1; }
bash scripts/ensure-postgres.sh >/dev/null
cargo build -q -p cli -p chorus-tests --bin backend --bin scale_out
BACKEND="$CARGO_TARGET_DIR/debug/backend"
LOAD="$CARGO_TARGET_DIR/debug/scale_out"
WORK="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
DB="chorus_scale_$$_$RANDOM"
psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $DB"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
export CHORUS_AUTH__JWT_SECRET="scale-out-test-signing-key-shared-by-every-instance"
export CHORUS_AUDIT__CHAIN_KEY="scale-out test audit chain key, not for real use" CHORUS_AUDIT__CHECKPOINT_KEY="scale-out test checkpoint key, not for real use"
export CHORUS_APPLICATION__HOST=127.0.0.1 CHORUS_DATABASE__MAX_CONNECTIONS=8 RUST_LOG=warn
export CHORUS_RATE_LIMITS__SIGN_IN_PER_MINUTE=0 CHORUS_RATE_LIMITS__SUBMISSIONS_PER_MINUTE=0
export CHORUS_JOBS__POLL_INTERVAL_MS=200
SMTP_PORT=$(free_port)
export CHORUS_MAIL__SMTP_HOST=127.0.0.1 CHORUS_MAIL__SMTP_PORT="$SMTP_PORT"
"$BACKEND" migrate >/dev/null
"$BACKEND" demo-data >/dev/null

python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$WORK/maildir" &
PIDS+=($!)

PORTS=("$(free_port)" "$(free_port)" "$(free_port)")
declare -A INSTANCE
start_instance() { # number (1..3); instance 1 logs JSON, at info (a line per request)
  local json=""
  [ "$1" = 1 ] && json=json
  CHORUS_LOG_FORMAT="$json" RUST_LOG="$([ "$1" = 1 ] && echo info || echo warn)" \
    CHORUS_APPLICATION__PORT="${PORTS[$1-1]}" "$BACKEND" serve >> "$WORK/instance-$1.log" 2>&1 &
  INSTANCE[$1]=$!
  PIDS+=($!)
}
wait_live() { # port
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$1/api/v1/health/live" >/dev/null && return 0
    sleep 0.1
  done
  echo "an instance on port $1 did not start" >&2; return 1
}
for n in 1 2 3; do start_instance "$n"; done
for p in "${PORTS[@]}"; do wait_live "$p"; done

PROXY_PORT=$(free_port)
export CHORUS_PROXY_BIND="127.0.0.1:$PROXY_PORT"
export CHORUS_INSTANCE_1="127.0.0.1:${PORTS[0]}" CHORUS_INSTANCE_2="127.0.0.1:${PORTS[1]}" CHORUS_INSTANCE_3="127.0.0.1:${PORTS[2]}"
haproxy -f deploy/haproxy.cfg -db > "$WORK/haproxy.log" 2>&1 &
PIDS+=($!)
wait_live "$PROXY_PORT"
# The instances' metrics are not reachable through the proxy.
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PROXY_PORT/metrics")
[ "$status" = 404 ] || { echo "/metrics answered $status through the proxy" >&2; exit 1; }

echo "Three instances behind HAProxy on PostgreSQL; submitting while instance 2 is killed and restarted."
SCALE_SUBMISSIONS="${SCALE_SUBMISSIONS:-3000}" "$LOAD" load "http://127.0.0.1:$PROXY_PORT" "$WORK/acked" &
LOADER=$!
sleep "${SCALE_KILL_AFTER:-1.5}"
kill -0 "$LOADER" 2>/dev/null || { echo "the load ended before the kill: raise SCALE_SUBMISSIONS" >&2; exit 1; }
kill -9 "${INSTANCE[2]}"
wait "${INSTANCE[2]}" 2>/dev/null || true
echo "kill -9 instance 2"
sleep 1
start_instance 2
wait_live "${PORTS[1]}"
echo "instance 2 started again"
wait "$LOADER"

"$LOAD" check "$DATABASE_URL" "$WORK/acked" "$WORK/maildir"
"$BACKEND" recompute --check

# SIGTERM stops an instance cleanly: it stops accepting, answers what is in flight (each answer a
# 2xx, each acknowledged submission stored: the group-commit writer drains), and exits 0.
"$LOAD" drain "http://127.0.0.1:${PORTS[2]}" "$WORK/drained" &
DRAINER=$!
sleep 1
kill -TERM "${INSTANCE[3]}"
wait "${INSTANCE[3]}" || { echo "instance 3 did not stop cleanly on SIGTERM" >&2; exit 1; }
wait "$DRAINER"
"$LOAD" check "$DATABASE_URL" "$WORK/drained" "$WORK/maildir"
echo "instance 3 stopped cleanly on SIGTERM, answering what it had taken"
# CHORUS_LOG_FORMAT=json: every line instance 1 wrote is one JSON object.
python3 -c 'import json, sys
lines = [l for l in open(sys.argv[1]) if l.strip()]
assert lines, "instance 1 logged nothing"
for l in lines: json.loads(l)
print(len(lines), "log lines, each one JSON object")' "$WORK/instance-1.log"
echo "Scale-out test passed."
