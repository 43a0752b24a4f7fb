# Sourced by the benchmarks (scripts/size-report.sh, scripts/lighthouse.sh): starts the release
# server on 127.0.0.1:$port serving dist/ (or $YIDI_DIST) with a throwaway database and data key (a benchmark
# stores nothing worth keeping), stops it on exit, and waits until it answers.
[ -f "${YIDI_DIST:-dist}/index.html" ] && [ -x target/release/yidi-server ] ||
  { echo "$(basename "$0"): build first (scripts/build-web.sh; cargo build --release -p yidi-server)" >&2; exit 1; }
server_dir=$(mktemp -d)
YIDI_ADDR=127.0.0.1:$port YIDI_DATABASE_URL="sqlite://$server_dir/bench.db" YIDI_DIST=${YIDI_DIST:-dist} \
  YIDI_DATA_KEY=$(printf '0%.0s' $(seq 64)) target/release/yidi-server >"$server_dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$server_dir"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$port/api/health" >/dev/null ||
  { echo "$(basename "$0"): the release server did not start:" >&2; cat "$server_dir/server.log" >&2; exit 1; }
