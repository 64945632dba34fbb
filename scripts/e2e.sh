#!/usr/bin/env bash
# Browser tests: builds the web apps and the server, loads the demo organisation into a fresh
# SQLite file, serves both from one origin on a free port, and runs tests/e2e with node's test
# runner (headless Debian Chromium via playwright-core; axe-core on every page).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/build-web.sh
bash scripts/bundle-size.sh
cargo build -p cli
BACKEND="$CARGO_TARGET_DIR/debug/backend"
# For tests that start a server of their own (from_empty.test.mjs: a council from an empty database).
export CHORUS_BACKEND_BIN="$BACKEND"
WORK="$(mktemp -d)"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export DATABASE_URL="sqlite://$WORK/chorus.db?mode=rwc"
export CHORUS_APPLICATION__HOST=127.0.0.1 CHORUS_APPLICATION__PORT="$PORT"
export CHORUS_APPLICATION__STATIC_DIR="$PWD/frontend/dist" CHORUS_JOBS__ENABLED=false RUST_LOG=warn
# Many browser sign-ins from one address in a minute; the limit itself is tested in the API tests.
export CHORUS_RATE_LIMITS__SIGN_IN_PER_MINUTE=600
"$BACKEND" demo-data >/dev/null
"$BACKEND" serve > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/api/v1/health" >/dev/null && break
  sleep 0.1
done
BASE_URL="http://127.0.0.1:$PORT" node --test ${E2E_FILES:-tests/e2e/}
