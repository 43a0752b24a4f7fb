#!/usr/bin/env bash
# One command to bring Yidi up: install what is missing, build the SPA and the server in release
# mode, and serve both on http://127.0.0.1:8080 with an SQLite file under data/. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
source scripts/env.sh
echo "==> building the SPA (release)"
scripts/build-web.sh
echo "==> building the server (release)"
cargo build --release -p yidi-server
mkdir -p data
# Development sign-in: the one-time code is returned in the response (never set in production).
export YIDI_DEV_CODES="${YIDI_DEV_CODES:-1}"
export YIDI_ADDR="${YIDI_ADDR:-127.0.0.1:8080}"
export YIDI_DATABASE_URL="${YIDI_DATABASE_URL:-sqlite://data/yidi.db}"
export YIDI_DIST="${YIDI_DIST:-dist}"
# The key ID numbers are encrypted with at rest. Development makes one once and keeps it beside
# the database (data/ is not committed), so a restart still reads what was stored. Production
# sets YIDI_DATA_KEY from its secret store.
if [ -z "${YIDI_DATA_KEY:-}" ]; then
  [ -s data/dev-data-key ] || (umask 077 && python3 -c 'import secrets; print(secrets.token_hex(32))' >data/dev-data-key)
  YIDI_DATA_KEY=$(cat data/dev-data-key)
  export YIDI_DATA_KEY
fi
# exec: Ctrl-C reaches the server itself, which shuts down gracefully.
exec target/release/yidi-server
