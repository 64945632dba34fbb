#!/usr/bin/env bash
# Schemathesis (from PyPI) against the real server's OpenAPI document, once per role (young
# person, participation officer, commissioner, admin, provider) and once without a token: generated
# requests, including malformed ones, must never get a server error or a response that breaks
# the documented schema. Fresh SQLite with the demo organisation; rate limits off so the fuzzer
# reaches the handlers.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
python3 -c 'import schemathesis' 2>/dev/null || python3 -m pip install --quiet "schemathesis==4.32.5"
cargo build -p cli
BACKEND="$CARGO_TARGET_DIR/debug/backend"
WORK="$(mktemp -d)"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export DATABASE_URL="sqlite://$WORK/chorus.db?mode=rwc"
export CHORUS_APPLICATION__HOST=127.0.0.1 CHORUS_APPLICATION__PORT="$PORT" CHORUS_JOBS__ENABLED=false RUST_LOG=error
export CHORUS_RATE_LIMITS__SIGN_IN_PER_MINUTE=0 CHORUS_RATE_LIMITS__SUBMISSIONS_PER_MINUTE=0
export CHORUS_AUTH__ACCESS_TOKEN_MINUTES=60
export CHORUS_AUTH__WRONG_TRIES__PER_ADDRESS=1000000 CHORUS_AUTH__WRONG_TRIES__PER_NAME=1000000
"$BACKEND" demo-data >/dev/null
"$BACKEND" serve > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
BASE="http://127.0.0.1:$PORT/api/v1"
for _ in $(seq 1 100); do
  curl -sf "$BASE/health" >/dev/null && break
  sleep 0.1
done
token() {
  curl -sf -X POST "$BASE/$1" -H 'content-type: application/json' -d "$2" \
    | python3 -c 'import sys, json; print(json.load(sys.stdin)["access_token"])'
}
# Staff: the password, then (admin and officers) a code from the demo authenticator key.
staff_token() {
  python3 - "$BASE" "$1" <<'PY'
import json, sys, urllib.request
sys.path.insert(0, "scripts")
from demo_code import DEMO_KEY, code, now_step

def post(path, body):
    request = urllib.request.Request(sys.argv[1] + path, json.dumps(body).encode(),
                                     {"content-type": "application/json"})
    return json.load(urllib.request.urlopen(request))

step = post("/auth/staff/sign-in", {"email": sys.argv[2], "password": "chorus-demo-2026"})
if "code" in step:
    step = post("/auth/staff/second-factor",
                {"challenge": step["code"]["challenge"], "code": code(DEMO_KEY, now_step())})
else:
    step = step["signed_in"]
print(step["session"]["access_token"])
PY
}
declare -A TOKENS=(
  [young_person]="$(token auth/young-person/sign-in '{"sign_in_name":"brave-otter-42","pin":"481516"}')"
  [participation_officer]="$(staff_token officer@stoke-on-trent.example)"
  [commissioner]="$(staff_token commissioner@stoke-on-trent.example)"
  [admin]="$(staff_token admin@stoke-on-trent.example)"
  [provider]="$(staff_token manager@foxglove-care.example)"
  [nobody]=""
)
# One worker: with two, hypothesis (inside schemathesis) once raised a KeyError reading lambda
# sources through linecache, which is not thread-safe.
for role in young_person participation_officer commissioner admin provider nobody; do
  echo "== schemathesis as $role"
  auth=()
  [ -n "${TOKENS[$role]}" ] && auth=(-H "Authorization: Bearer ${TOKENS[$role]}")
  st run "$BASE/openapi.json" "${auth[@]}" \
    --checks not_a_server_error,response_schema_conformance \
    --phases coverage,fuzzing --max-examples "${SCHEMATHESIS_EXAMPLES:-15}" --workers 1 \
    --seed 20261124 --warnings off --no-color
done
