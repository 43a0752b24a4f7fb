#!/usr/bin/env bash
# Lighthouse (mobile profile: slow 4G, 4x CPU; npm lighthouse) against the release build served by
# the release server on a loopback port, for the three first views people open: `/`, `/check` and
# `/estimate`. Prints performance, FCP, LCP, TBT, CLS and bytes per route and run, then with more
# than one run the median of each per route (the runs take turns by route, so a busy moment of the
# machine does not land on one route only: TBT on a 2-core machine swings by 100 ms and more from
# run to run). The full reports go to reports/lighthouse-<route>-<run>.json.
# A benchmark, not a test: it asserts nothing.
# Usage: scripts/lighthouse.sh [runs]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$YIDI_ROOT"
runs=${1:-1}
port=${YIDI_LH_PORT:-18490}
source scripts/web/release-server.sh

mkdir -p reports
rm -f reports/lighthouse-*.json
for run in $(seq "$runs"); do
  for route in / /check /estimate; do
    name=$(echo "$route" | tr -d / ); name=${name:-home}
    # Lighthouse now and then fails to record its trace (NO_NAVSTART): such a run is made again.
    for attempt in 1 2 3; do
      lighthouse "http://127.0.0.1:$port$route" --quiet --only-categories=performance \
        --output=json --output-path="reports/lighthouse-$name-$run.json" \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" &&
        break
      [ "$attempt" -lt 3 ] || exit 1
      echo "lighthouse: $route, run $run failed; running it again" >&2
    done
    node scripts/web/lighthouse-summary.mjs "$route" "reports/lighthouse-$name-$run.json"
  done
done
if [ "$runs" -gt 1 ]; then
  for name in home check estimate; do
    route=/${name#home}
    node scripts/web/lighthouse-summary.mjs "$route (median of $runs)" reports/lighthouse-"$name"-*.json
  done
fi
