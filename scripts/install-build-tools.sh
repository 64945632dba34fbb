#!/usr/bin/env bash
# What building Chorus needs (see ../shared/TOOLCHAIN.md): the wasm target, Trunk, wasm-bindgen-cli
# and binaryen's wasm-opt. Idempotent; about a second when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
TRUNK_VERSION=0.21.14            # 0.22 needs a newer rustc than this machine's 1.95
BINARYEN_NPM=132.0.0             # Debian's binaryen 108 silently breaks wasm-bindgen output
# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock
WB_VERSION=$(awk '$0=="name = \"wasm-bindgen\""{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# The two tools are compiled here without their own fat LTO and single codegen unit: on two cores
# that took Trunk alone nearly ten minutes, for a build tool whose speed nobody notices. They
# compile side by side, each in its own build folder (each has long single-threaded stretches the
# other fills, and one shared folder would make each wait for the other).
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=1
pids=()
if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  cargo install trunk --version "$TRUNK_VERSION" --locked --quiet \
    --target-dir "$CARGO_TARGET_DIR/install/trunk" & pids+=($!)
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WB_VERSION"; then
  # Not --locked: its lock file pins a webpki-roots the registry here lacks.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --quiet \
    --target-dir "$CARGO_TARGET_DIR/install/wasm-bindgen" & pids+=($!)
fi
if ! [ -x .tools/node_modules/.bin/wasm-opt ]; then
  mkdir -p .tools
  npm install --prefix .tools --no-audit --no-fund --silent "binaryen@$BINARYEN_NPM" >/dev/null
fi
for pid in "${pids[@]}"; do wait "$pid"; done
