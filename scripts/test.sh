#!/usr/bin/env bash
# Installs what is missing, then runs every check and test Chorus has:
# formatting, clippy (host and wasm), the wasm build, unit and property tests, API tests on
# SQLite and PostgreSQL, the crash test, schemathesis, the end-to-end tests in headless Chromium,
# and the scale-out test (three instances behind HAProxy, one killed mid-load).
# Idempotent; the second run reuses the tools and the build cache.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Tools"
bash scripts/install-tools.sh

step "PostgreSQL"
bash scripts/ensure-postgres.sh

step "Formatting"
cargo fmt --all --check

step "Clippy (every crate and its tests, on the host)"
cargo clippy --workspace --all-targets -- -D warnings

step "Clippy (web app, wasm)"
cargo clippy -p frontend -p shared --target wasm32-unknown-unknown -- -D warnings

step "Unit, property and API tests (SQLite and PostgreSQL)"
cargo test --workspace

step "Schemathesis: every route, every role, generated input"
bash scripts/schemathesis.sh

step "End-to-end tests (headless Chromium)"
bash scripts/e2e.sh

step "Scale-out: three instances behind HAProxy on PostgreSQL, one killed mid-load"
bash scripts/scale-out.sh

step "All checks passed"
