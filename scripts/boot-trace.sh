#!/usr/bin/env bash
# Where the main thread goes while the app starts, per route, against the release server (a Chrome
# trace; scripts/web/boot-trace.mjs): the long tasks, by CPU time × 4 as Lighthouse simulates a
# phone, and the wasm compile, script, style, layout and paint time in them. A benchmark, not a
# test: it asserts nothing. YIDI_DIST serves another build (a copy of dist/) for a comparison.
# Usage: scripts/boot-trace.sh [runs] [route…]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$YIDI_ROOT"
port=${YIDI_LH_PORT:-18490}
source scripts/web/release-server.sh
node scripts/web/boot-trace.mjs "http://127.0.0.1:$port" "${1:-3}" "${@:2}"
