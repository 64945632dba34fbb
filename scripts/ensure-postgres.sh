#!/usr/bin/env bash
# The API tests need PostgreSQL on 127.0.0.1:5432 (trust auth). Start the local cluster if it is down.
set -euo pipefail
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "PostgreSQL is up."
  exit 0
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "PostgreSQL is not installed. Install it (apt-get install postgresql) or set CHORUS_TEST_PG_URL." >&2
  exit 1
fi
pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && { echo "PostgreSQL started."; exit 0; }
  sleep 1
done
echo "PostgreSQL did not start; see /var/log/postgresql/." >&2
exit 1
