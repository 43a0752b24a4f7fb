#!/usr/bin/env bash
# Load benchmark (not a test): the release server on SQLite, driven on loopback by wrk.
#
#   scripts/load.sh [seconds=10] [connections=16]
#
# Builds the release server, starts it on 127.0.0.1 on a random free port with a fresh SQLite
# file in a temp dir, signs in a few users through the real code flow (YIDI_DEV_CODES=1 hands
# the codes back; the per-phone and per-IP limits stay as in production, a handful of users is
# far below them), then runs two phases with wrk:
#   1. filing submissions: POST /api/filings, every request with its own Idempotency-Key;
#   2. reads: GET /api/filings/{id}.
# Prints requests/s, p50/p99 latency and the server's CPU time per request of each, and how many
# answers were not the expected status. YIDI_LOAD_PERF=FILE records a perf profile meanwhile. Stops the server and deletes the temp dir at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

seconds=${1:-10}
connections=${2:-16}
threads=2
users=4

die() {
  printf '\033[31mload: %s\033[0m\n' "$*" >&2
  exit 1
}

if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] || die "wrk is missing (apt-get install wrk)"
  echo "==> installing wrk from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null ||
    die "could not install wrk"
fi
command -v curl >/dev/null || die "curl is missing"

echo "==> building the release server"
cargo build --release -q -p yidi-server
bin=$PWD/target/release/yidi-server

dir=$(mktemp -d /tmp/yidi-load.XXXXXX)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
mkdir -p "$dir/dist"
YIDI_ADDR="127.0.0.1:$port" YIDI_DATABASE_URL="sqlite://$dir/load.db" YIDI_DIST="$dir/dist" \
  YIDI_DEV_CODES=1 YIDI_DATA_KEY="$(python3 -c 'import secrets; print(secrets.token_hex(32))')" \
  RUST_LOG=warn "$bin" >"$dir/server.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  curl -fs "$base/api/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$dir/server.log" >&2; die "the server did not start"; }
  sleep 0.1
done
curl -fs "$base/api/health" >/dev/null || die "the server does not answer on $base"
echo "==> server on $base (SQLite in $dir)"

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

tokens=()
for i in $(seq "$users"); do
  phone="1380000$(printf '%04d' "$i")"
  code=$(curl -fs -X POST "$base/api/session/code" -d "{\"phone\":\"$phone\"}" | json_field dev_code)
  token=$(curl -fs -X POST "$base/api/session" -d "{\"phone\":\"$phone\",\"code\":\"$code\"}" | json_field token)
  tokens+=("$token")
done

# A valid application starting a week from today (China time).
start=$(TZ=Asia/Shanghai date -d '+7 days' +%F)
body=$(
  cat <<JSON
{"applicant":{"name":"张三","id_number":"11010519491231002X","phone":"13800138000","relation":"self"},"insured":{"name":"张三","id_number":"11010519491231002X","phone":"13800138000"},"insured_region":"320500","treatment_region":"440100","scheme":"employee","category":"resettled_retiree","start_date":"$start","contact":{"name":"李四","phone":"13900139000"},"materials":["hukou_first_page","household_register_page"],"commitment":false,"notice_accepted":true,"signature":"张三"}
JSON
)
first=$(curl -fs -X POST "$base/api/filings" -H "Authorization: Bearer ${tokens[0]}" \
  -H "Idempotency-Key: load-warmup" -d "$body") || die "a sample submission failed"
filing_id=$(echo "$first" | json_field id)

lua_tokens=$(printf '"%s",' "${tokens[@]}")
run_id=$(date +%s%N)
cat >"$dir/common.lua" <<LUA
local tokens = { ${lua_tokens} }
local threads = {}
local next_id = 0
function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end
function init(args)
  token = tokens[(tid % #tokens) + 1]
  counter = 0
  unexpected = 0
end
function response(status, headers, body)
  if status ~= expected then unexpected = unexpected + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("unexpected") end
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f unexpected=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
cat "$dir/common.lua" >"$dir/submit.lua"
cat >>"$dir/submit.lua" <<LUA
expected = 201
local body = [==[${body}]==]
function request()
  counter = counter + 1
  return wrk.format("POST", "/api/filings", {
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = "load-${run_id}-" .. tid .. "-" .. counter,
    ["Content-Type"] = "application/json",
  }, body)
end
LUA
cat "$dir/common.lua" >"$dir/read.lua"
cat >>"$dir/read.lua" <<LUA
expected = 200
function request()
  return wrk.format("GET", "/api/filings/${filing_id}", {
    ["Authorization"] = "Bearer ${tokens[0]}",
  })
end
LUA

# CPU seconds (user + system) the server has used so far.
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$pid/stat"; }

report() {
  local name=$1 line=$2
  # shellcheck disable=SC2086
  eval "local $line"
  local cpu_us
  cpu_us=$(awk -v c="$3" -v n="$requests" 'BEGIN { printf "%.0f", c * 1e6 / n }')
  printf '%-12s %8s req/s   p50 %6s ms   p90 %6s ms   p99 %6s ms   max %7s ms   server CPU %s µs/request\n' \
    "$name" "$rps" "$p50_ms" "$p90_ms" "$p99_ms" "$max_ms" "$cpu_us"
  printf '%-12s (%s requests, %s unexpected statuses, %s socket errors)\n' "" "$requests" "$unexpected" "$socket_errors"
}

echo "==> $seconds s of submissions, then $seconds s of reads: wrk -t$threads -c$connections ($(nproc) cores, load generator on the same machine)"
cpu0=$(server_cpu)
# YIDI_LOAD_PERF=FILE: also record a CPU profile of the server during the submissions (perf).
if [ -n "${YIDI_LOAD_PERF:-}" ]; then
  perf record -F 999 -g -p "$pid" -o "$YIDI_LOAD_PERF" -- sleep "$seconds" >/dev/null 2>&1 &
fi
sub=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 5s -s "$dir/submit.lua" "$base" | grep '^RESULT' | sed 's/^RESULT //')
cpu1=$(server_cpu)
read_=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 5s -s "$dir/read.lua" "$base" | grep '^RESULT' | sed 's/^RESULT //')
cpu2=$(server_cpu)
echo
report submissions "$sub" "$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { print b - a }')"
report reads "$read_" "$(awk -v a="$cpu1" -v b="$cpu2" 'BEGIN { print b - a }')"
echo "    database after the run: $(du -h "$dir/load.db" | cut -f1) (+ WAL $(du -h "$dir/load.db-wal" 2>/dev/null | cut -f1 || echo 0))"
