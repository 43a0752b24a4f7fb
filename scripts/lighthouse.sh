#!/usr/bin/env bash
# Lighthouse (mobile profile: slow 4G, 4x CPU; npm lighthouse) against the release build served by
# the release server on a loopback port, for the three first views people open: `/`, `/check` and
# `/estimate`. Prints performance, FCP, LCP, TBT, CLS and bytes per route; the full reports go to
# reports/lighthouse-<route>.json. A benchmark, not a test: it asserts nothing.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$YIDI_ROOT"
port=${YIDI_LH_PORT:-18490}
source scripts/web/release-server.sh

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
