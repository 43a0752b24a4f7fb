#!/usr/bin/env bash
# Lighthouse (mobile profile, npm) against the release build served by the release server on a
# loopback port. Prints performance score, FCP, LCP, TBT and total bytes; the full report goes to
# reports/lighthouse.json. A benchmark, not a test: it asserts nothing.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$YIDI_ROOT"
[ -f dist/index.html ] && [ -x target/release/yidi-server ] ||
  { echo "lighthouse: build first (scripts/build-web.sh; cargo build --release -p yidi-server)" >&2; exit 1; }

dir=$(mktemp -d)
port=${YIDI_LH_PORT:-18490}
YIDI_ADDR=127.0.0.1:$port YIDI_DATABASE_URL="sqlite://$dir/lh.db" YIDI_DIST=dist \
  target/release/yidi-server >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done

mkdir -p reports
lighthouse "http://127.0.0.1:$port/" --quiet --only-categories=performance \
  --output=json --output-path=reports/lighthouse.json \
  --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
node -e '
const r = require("./reports/lighthouse.json");
const a = r.audits;
const ms = (k) => (a[k].numericValue / 1000).toFixed(2) + " s";
console.log("Lighthouse mobile: performance " + Math.round(r.categories.performance.score * 100) +
  ", FCP " + ms("first-contentful-paint") + ", LCP " + ms("largest-contentful-paint") +
  ", TBT " + Math.round(a["total-blocking-time"].numericValue) + " ms" +
  ", total bytes " + (a["total-byte-weight"].numericValue / 1024).toFixed(1) + " KB");
'
