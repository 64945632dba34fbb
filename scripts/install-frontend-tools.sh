#!/usr/bin/env bash
# Tools for the web app and its browser tests (see ../shared/TOOLCHAIN.md). Idempotent; about a
# second when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
TRUNK_VERSION=0.21.14            # 0.22 needs a newer rustc than this machine's 1.95
BINARYEN_NPM=132.0.0             # Debian's binaryen 108 silently breaks wasm-bindgen output
# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock
WB_VERSION=$(awk '$0=="name = \"wasm-bindgen\""{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WB_VERSION"; then
  # Not --locked: its lock file pins a webpki-roots the registry here lacks.
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

if ! [ -x .tools/node_modules/.bin/wasm-opt ]; then
  mkdir -p .tools
  npm install --prefix .tools --no-audit --no-fund --silent "binaryen@$BINARYEN_NPM" >/dev/null
fi

if ! [ -d tests/e2e/node_modules/playwright-core ] || ! [ -d tests/e2e/node_modules/axe-core ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund --silent)
fi
