#!/usr/bin/env bash
# Everything Chorus needs that a fresh machine of this kind lacks. Idempotent and quick when done.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cargo fetch --locked >/dev/null
bash scripts/install-frontend-tools.sh
# A real SMTP server for the email tests (safeguarding alerts through the outbox).
python3 -c 'import aiosmtpd' 2>/dev/null || python3 -m pip install --quiet aiosmtpd==1.4.6
# HAProxy, from Debian's packages, for the scale-out test (scripts/scale-out.sh).
command -v haproxy >/dev/null || { apt-get update -qq && apt-get install -y -qq haproxy >/dev/null; }
# Schemathesis fuzzes the API from its OpenAPI document (scripts/schemathesis.sh).
python3 -c 'import schemathesis' 2>/dev/null || python3 -m pip install --quiet "schemathesis==4.32.5"
