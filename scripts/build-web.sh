#!/usr/bin/env bash
# Builds the release SPA into dist/ with the pinned, locally installed tools only, then prerenders
# each route's first view and precompresses every file (scripts/web/finish.mjs).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$YIDI_ROOT"
wasm_opt=$(command -v wasm-opt || true)
case "$wasm_opt" in
  "$YIDI_ROOT"/node_modules/.bin/*) ;;
  *) echo "build-web: wasm-opt must come from npm binaryen (node_modules/.bin), found '${wasm_opt:-nothing}'; run scripts/bootstrap.sh" >&2; exit 1 ;;
esac
# erase_components: Leptos type-erases component views, a smaller and faster-to-build wasm.
RUSTFLAGS="--cfg erase_components" trunk build --release --offline
# Prerendered first views, the service worker's list, and the .br/.gz copies the server sends.
node scripts/web/finish.mjs
