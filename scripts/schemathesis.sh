#!/usr/bin/env bash
# Schemathesis, an outside property-based API tester, against a fresh release server.
#
#   scripts/schemathesis.sh
#
# Needs target/release/yidi-server (scripts/test.sh builds it first) and the virtual environment
# that `scripts/bootstrap.sh --test` makes. Starts the server on a free loopback port with a new
# SQLite file, signs a citizen in through the real code flow, then runs every check
# (`--checks all`) in every phase, stateful included, with a fixed seed, the citizen's and the
# reviewer's tokens mapped to the document's security schemes (schemathesis/schemathesis.toml).
# Signing out revokes the token it is called with, so `DELETE /api/session` is tested last, in a
# run of its own with a token of its own. Fails on any failure Schemathesis reports.
set -euo pipefail
cd "$(dirname "$0")/.."

die() {
  printf '\033[31mschemathesis: %s\033[0m\n' "$*" >&2
  exit 1
}

st=.venv-schemathesis/bin/schemathesis
[ -x "$st" ] || die "$st is missing: run scripts/bootstrap.sh --test"
bin=target/release/yidi-server
[ -x "$bin" ] || die "$bin is missing: cargo build --release -p yidi-server"

seed=${YIDI_ST_SEED:-20261130}
dir=$(mktemp -d /tmp/yidi-st.XXXXXX)
pid=""
cleanup() {
  local rc=$?
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  [ $rc -ne 0 ] && [ -f "$dir/server.log" ] && tail -n 30 "$dir/server.log" >&2
  rm -rf "$dir"
  exit $rc
}
trap cleanup EXIT INT TERM

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
reviewer=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
mkdir -p "$dir/dist"
echo '<!doctype html><title>Yidi</title>' >"$dir/dist/index.html"
YIDI_ADDR="127.0.0.1:$port" YIDI_DATABASE_URL="sqlite://$dir/st.db" YIDI_DIST="$dir/dist" \
  YIDI_DEV_CODES=1 YIDI_REVIEWER_TOKEN="$reviewer" \
  YIDI_DATA_KEY="$(python3 -c 'import secrets; print(secrets.token_hex(32))')" \
  RUST_LOG=warn "$bin" >"$dir/server.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  curl -fs "$base/api/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || die "the server did not start"
  sleep 0.1
done
curl -fs "$base/api/health" >/dev/null || die "the server does not answer on $base"

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
sign_in() {
  local phone=$1 code
  code=$(curl -fs -X POST "$base/api/session/code" -d "{\"phone\":\"$phone\"}" | json_field dev_code)
  curl -fs -X POST "$base/api/session" -d "{\"phone\":\"$phone\",\"code\":\"$code\"}" | json_field token
}

export YIDI_ST_CITIZEN_TOKEN YIDI_ST_REVIEWER_TOKEN="$reviewer"
YIDI_ST_CITIZEN_TOKEN=$(sign_in 13800138000)
config=scripts/schemathesis/schemathesis.toml
export SCHEMATHESIS_HOOKS=scripts/schemathesis/hooks.py
common=(--checks all --seed "$seed" --workers 1 --report junit --report-dir "$dir/report")

echo "==> Schemathesis $("$st" --version | awk '{print $NF}') against $base (seed $seed)"
"$st" --config-file "$config" run "$base/api/openapi.json" "${common[@]}" \
  --phases examples,coverage,fuzzing,stateful --exclude-operation-id sign_out

echo "==> sign-out, with a token of its own"
YIDI_ST_CITIZEN_TOKEN=$(sign_in 13900139000)
"$st" --config-file "$config" run "$base/api/openapi.json" "${common[@]}" \
  --phases examples,coverage,fuzzing --include-operation-id sign_out
