#!/usr/bin/env bash
# Installs what is missing, builds Chorus, loads the demo organisation into a SQLite file
# (./data/chorus.db) and serves it. Idempotent; the second run reuses tools, build and data.
#   CHORUS_APPLICATION__PORT=9000 scripts/run.sh   to use another port.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

bash scripts/install-tools.sh
echo "Building the web apps..."
bash scripts/build-web.sh
echo "Building the server..."
cargo build --release -p cli
BACKEND="$CARGO_TARGET_DIR/release/backend"

export DATABASE_URL="${DATABASE_URL:-sqlite://data/chorus.db?mode=rwc}"
export CHORUS_APPLICATION__STATIC_DIR="$PWD/frontend/dist"
export CHORUS_APPLICATION__HOST="${CHORUS_APPLICATION__HOST:-127.0.0.1}"
export CHORUS_APPLICATION__PORT="${CHORUS_APPLICATION__PORT:-8080}"
"$BACKEND" demo-data
echo
echo "Chorus is starting on http://$CHORUS_APPLICATION__HOST:$CHORUS_APPLICATION__PORT/ (Ctrl+C stops it)."
exec "$BACKEND" serve
