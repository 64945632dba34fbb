#!/usr/bin/env bash
# Installs what is missing, builds Chorus, loads the demo organisation into a SQLite file
# (./data/chorus.db) and serves it. Idempotent; the second run reuses tools, build and data.
#   CHORUS_APPLICATION__PORT=9000 scripts/run.sh   to use another port.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

# The server compiles while the build tools install (neither needs the other), then the web apps.
# The demo runs the debug build the tests use too, so that a first run is quick and the tests after
# it reuse it; production builds with --release (deploy/Dockerfile, README "Deploying").
echo "Installing what is missing and building the server..."
bash scripts/install-build-tools.sh & tools=$!
cargo build --quiet --locked -p cli
wait "$tools"
echo "Building the web apps..."
bash scripts/build-web.sh
BACKEND="$CARGO_TARGET_DIR/debug/backend"

export DATABASE_URL="${DATABASE_URL:-sqlite://data/chorus.db?mode=rwc}"
export CHORUS_APPLICATION__STATIC_DIR="$PWD/frontend/dist"
export CHORUS_APPLICATION__HOST="${CHORUS_APPLICATION__HOST:-127.0.0.1}"
export CHORUS_APPLICATION__PORT="${CHORUS_APPLICATION__PORT:-8080}"
"$BACKEND" demo-data
echo
echo "Chorus is starting on http://$CHORUS_APPLICATION__HOST:$CHORUS_APPLICATION__PORT/ (Ctrl+C stops it)."
exec "$BACKEND" serve
