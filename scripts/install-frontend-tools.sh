#!/usr/bin/env bash
# The build tools, and what the browser tests add: Chromium, ChromeDriver and the end-to-end
# tests' npm packages. Idempotent; about a second when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
bash scripts/install-build-tools.sh

if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if ! [ -d tests/e2e/node_modules/playwright-core ] || ! [ -d tests/e2e/node_modules/axe-core ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund --silent)
fi
