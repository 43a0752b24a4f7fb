#!/usr/bin/env bash
# Lighthouse (mobile profile: slow 4G, 4x CPU; npm lighthouse) against the release build served by
# the release server on a loopback port, for the three first views people open: `/`, `/check` and
# `/estimate`. Prints performance, FCP, LCP, TBT, CLS and bytes per route; the full reports go to
# reports/lighthouse-<route>.json. A benchmark, not a test: it asserts nothing.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$YIDI_ROOT"
[ -f dist/index.html ] && [ -x target/release/yidi-server ] ||
  { echo "lighthouse: build first (scripts/build-web.sh; cargo build --release -p yidi-server)" >&2; exit 1; }

dir=$(mktemp -d)
port=${YIDI_LH_PORT:-18490}
# A throwaway data key: the benchmark stores nothing worth keeping.
YIDI_ADDR=127.0.0.1:$port YIDI_DATABASE_URL="sqlite://$dir/lh.db" YIDI_DIST=dist \
  YIDI_DATA_KEY=$(printf '0%.0s' $(seq 64)) target/release/yidi-server >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$port/api/health" >/dev/null ||
  { echo "lighthouse: the release server did not start:" >&2; cat "$dir/server.log" >&2; exit 1; }

mkdir -p reports
for route in / /check /estimate; do
  name=$(echo "$route" | tr -d / ); name=${name:-home}
  lighthouse "http://127.0.0.1:$port$route" --quiet --only-categories=performance \
    --output=json --output-path="reports/lighthouse-$name.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
  node -e '
const [route, file] = process.argv.slice(1);
const r = require(file);
const a = r.audits;
const s = (k) => (a[k].numericValue / 1000).toFixed(2) + " s";
console.log(route.padEnd(10) + " performance " + Math.round(r.categories.performance.score * 100) +
  ", FCP " + s("first-contentful-paint") + ", LCP " + s("largest-contentful-paint") +
  ", TBT " + Math.round(a["total-blocking-time"].numericValue) + " ms" +
  ", CLS " + a["cumulative-layout-shift"].numericValue.toFixed(3) +
  ", bytes " + (a["total-byte-weight"].numericValue / 1024).toFixed(1) + " KB");
' "$route" "$PWD/reports/lighthouse-$name.json"
done
