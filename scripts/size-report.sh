#!/usr/bin/env bash
# What a phone downloads on its first visit to `/`, as the release server sends it (brotli where
# the build wrote a .br copy): the page, every file it names (stylesheet, scripts),
# the wasm its loader fetches, and what the service worker then precaches on top. Then the wasm's
# largest contributors by crate. A benchmark: it asserts nothing. Run after a release build.
# The same first visit is then made in Chromium through a counting proxy (scripts/web/first-visit.mjs),
# which shows what the service worker really downloads on top.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$YIDI_ROOT"
port=${YIDI_SIZE_PORT:-18491}
source scripts/web/release-server.sh
base=http://127.0.0.1:$port

# Prints "<bytes on the wire> <content-encoding>" of one GET: body as sent plus headers.
wire() {
  curl -fs -o /dev/null -H 'Accept-Encoding: br, gzip' \
    -w '%{size_download} %{size_header} %header{content-encoding}\n' "$base$1" |
    awk '{ printf "%d %s\n", $1 + $2, ($3 == "" ? "identity" : $3) }'
}

# The files the page itself loads are named in its <head> (the body's links are navigations).
page=$(curl -fs "$base/" | sed '/<\/head>/q')
loader=$(grep -o '/inline-[0-9a-f]*\.js' <<<"$page" | while read -r js; do curl -fs "$base$js"; done)
first=(/ $(grep -oE '(href|src)="/[^"]+"' <<<"$page" | sed -E 's/^(href|src)="//; s/"$//' | sort -u)
  $(grep -oE '/[^"'"'"']+_bg\.wasm' <<<"$loader" | sort -u))
total=0
printf '%-46s %10s  %s\n' "first visit to / (as sent)" bytes encoding
for url in "${first[@]}"; do
  read -r bytes enc < <(wire "$url")
  total=$((total + bytes))
  printf '%-46s %10d  %s\n' "$url" "$bytes" "$enc"
done
printf '%-46s %10d  (%.1f KB)\n' "FIRST VISIT TOTAL" $total "$(awk -v b=$total 'BEGIN { print b / 1024 }')"

# The service worker's install fetches its whole list; what the page did not already load
# comes on top (the hashed files are in the HTTP cache by then).
extra=0
while read -r url; do
  printf '%s\n' "${first[@]}" | grep -qxF "$url" && continue
  read -r bytes _ < <(wire "$url")
  extra=$((extra + bytes))
done < <(curl -fs "$base/sw.js" | grep -oE '"/[^"]*"' | tr -d '"' | grep -v '^/$'; echo /sw.js)
printf '%-46s %10d  (%.1f KB)\n' "+ service worker install (sw.js, precache)" $extra "$(awk -v b=$extra 'BEGIN { print b / 1024 }')"

echo
node scripts/web/first-visit.mjs "$port" "$((port + 1))" /

echo
wasm=target/wasm32-unknown-unknown/wasm-release/yidi-app.wasm
if [ -f "$wasm" ]; then
  node scripts/web/wasm-contributors.mjs "$wasm" 15
else
  echo "size-report: no $wasm (build with scripts/build-web.sh) for the wasm's contributors"
fi
