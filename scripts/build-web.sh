#!/usr/bin/env bash
# Builds the five web apps (release, wasm-opt, minified, gzipped) into frontend/dist: the front door
# at the top, the young person's voice app in voice/, the young commissioner's panels app in
# panels/, the staff door (signing in) in staff-door/, the staff app in staff/. Trunk empties its
# dist folder first, so the door is built first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
rm -rf frontend/dist   # a failed build must not leave an old app behind
trunk build --release --offline
trunk build frontend/voice.html --release --offline --dist frontend/dist/voice --public-url /voice/
trunk build frontend/panels.html --release --offline --dist frontend/dist/panels --public-url /panels/
trunk build frontend/staff-door.html --release --offline --dist frontend/dist/staff-door --public-url /staff-door/
trunk build frontend/staff.html --release --offline --dist frontend/dist/staff --public-url /staff/
test -f frontend/dist/index.html -a -f frontend/dist/voice/index.html -a -f frontend/dist/panels/index.html \
  -a -f frontend/dist/staff-door/index.html -a -f frontend/dist/staff/index.html
# The server sends these .gz files to browsers that take gzip (at -9: what the budget measures).
find frontend/dist -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) -exec gzip -9 -k -f {} +
