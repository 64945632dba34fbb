#!/usr/bin/env bash
# Lighthouse (npm, mobile profile) driving Debian's Chromium against the release web app served by
# the real server with the demo data: a young person's pages (welcome, sign in, home, feedback, my
# feedback, settings, join, privacy, panels). Signed-in pages get a
# fresh refresh cookie per run (it rotates on use). Prints performance and accessibility scores.
# Not part of CI (it is a measurement); figures go to BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
LH_DIR="${LH_DIR:-/var/tmp/chorus-lighthouse}"
[ -x "$LH_DIR/node_modules/.bin/lighthouse" ] || (mkdir -p "$LH_DIR" && cd "$LH_DIR" && npm install --silent --no-audit --no-fund lighthouse@12)
bash scripts/build-web.sh
cargo build -p cli
BACKEND="$CARGO_TARGET_DIR/debug/backend"
WORK="$(mktemp -d)"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export DATABASE_URL="sqlite://$WORK/chorus.db?mode=rwc" CHORUS_APPLICATION__HOST=127.0.0.1 CHORUS_APPLICATION__PORT="$PORT"
export CHORUS_APPLICATION__STATIC_DIR="$PWD/frontend/dist" CHORUS_JOBS__ENABLED=false RUST_LOG=warn CHORUS_AUTH__SECURE_COOKIES=false
"$BACKEND" demo-data >/dev/null
"$BACKEND" serve > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -sf "$BASE/api/v1/health" >/dev/null && break; sleep 0.1; done
cookie() {
  curl -s -o /dev/null -D - -X POST "$BASE/api/v1/auth/young-person/sign-in" -H 'content-type: application/json' \
    -d '{"sign_in_name":"brave-otter-42","pin":"481516"}' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -1
}
SERVICE=$(curl -s -X POST "$BASE/api/v1/auth/young-person/sign-in" -H 'content-type: application/json' -d '{"sign_in_name":"brave-otter-42","pin":"481516"}' \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["access_token"])' \
  | xargs -I{} curl -s "$BASE/api/v1/me/services" -H "Authorization: Bearer {}" | python3 -c 'import sys,json; print(json.load(sys.stdin)[0]["id"])')
run() {
  local name="$1" path="$2" headers="$3"
  local try
  for try in 1 2 3; do # Chromium under Lighthouse now and then fails to start here: try again
    "$LH_DIR/node_modules/.bin/lighthouse" "$BASE$path" --quiet --output=json --output-path="$WORK/$name.json" \
      --chrome-path=/usr/bin/chromium --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
      --only-categories=performance,accessibility --form-factor=mobile --screenEmulation.mobile \
      ${headers:+--extra-headers="$headers"} >"$WORK/$name.log" 2>&1 && break
    [ "$try" = 3 ] && { cat "$WORK/$name.log" >&2; return 1; }
  done
  python3 - "$WORK/$name.json" "$name" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c, a = r["categories"], r["audits"]
page = "/" + r["finalDisplayedUrl"].split("/", 3)[-1]
print(f'{sys.argv[2]:9s} {page:48s} performance {round(c["performance"]["score"] * 100):3d}'
      f'  accessibility {round(c["accessibility"]["score"] * 100):3d}'
      f'  FCP {a["first-contentful-paint"]["displayValue"]}  LCP {a["largest-contentful-paint"]["displayValue"]}'
      f'  TBT {a["total-blocking-time"]["displayValue"]}')
PY
}
run welcome / ""
run sign-in /sign-in ""
run home /home "{\"Cookie\": \"$(cookie)\"}"
run feedback "/feedback/$SERVICE" "{\"Cookie\": \"$(cookie)\"}"
run my-feedback /my-feedback "{\"Cookie\": \"$(cookie)\"}"
run settings /settings "{\"Cookie\": \"$(cookie)\"}"
run join /join ""
run privacy /privacy ""
run panels /panels "{\"Cookie\": \"$(cookie)\"}"
