#!/usr/bin/env bash
# Runs the server's test suite on SQLite and on a real, throwaway PostgreSQL.
#
#   scripts/pg-test.sh [extra cargo test args]
#
# Installs PostgreSQL from Debian if it is missing, makes a cluster in a temp dir owned by the
# `postgres` user (PostgreSQL refuses to run as root), starts it on 127.0.0.1 on a free random
# port, runs `cargo test -p yidi-server` with YIDI_TEST_POSTGRES_URL set and
# YIDI_REQUIRE_POSTGRES=1 (so a PostgreSQL test can never skip), then stops and deletes the
# cluster, whatever happened. If PostgreSQL cannot be installed or started, this fails loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

die() {
  printf '\033[31mpg-test: %s\033[0m\n' "$*" >&2
  exit 1
}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

bin=$(pg_bin || true)
if [ -z "$bin" ]; then
  [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed and installing it needs root"
  echo "==> installing PostgreSQL from Debian"
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null ||
    die "apt-get install postgresql failed"
  bin=$(pg_bin || true)
  [ -n "$bin" ] || die "PostgreSQL installed but no initdb found under /usr/lib/postgresql"
fi

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  elif [ "$(id -un)" = postgres ]; then
    "$@"
  else
    die "run as root (to switch to the postgres user) or as postgres"
  fi
}

dir=$(mktemp -d /tmp/yidi-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres: "$dir"
cleanup() {
  local rc=$?
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit $rc
}
trap cleanup EXIT INT TERM

# A free port: ask the kernel for one, then hand it to PostgreSQL.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

echo "==> PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)"
as_postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; die "initdb failed"; }
if ! as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null; then
  cat "$dir/server.log" >&2 || true
  die "PostgreSQL did not start"
fi
"$bin/pg_isready" -h 127.0.0.1 -p "$port" -t 30 >/dev/null || die "PostgreSQL is not accepting connections"

export YIDI_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
export YIDI_REQUIRE_POSTGRES=1
echo "==> cargo test -p yidi-server (SQLite and PostgreSQL)"
cargo test -p yidi-server "$@"
