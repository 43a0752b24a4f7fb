#!/usr/bin/env bash
# Prints raw / gzip / brotli bytes of every file in dist/ and the first-load total: what a phone
# downloads on its first visit (index.html, JS glue, wasm, CSS, manifest). Run after a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.html ] && compgen -G 'dist/*.wasm' >/dev/null ||
  { echo "size-report: no built SPA in dist/ (index.html and a .wasm); run scripts/build-web.sh first" >&2; exit 1; }
command -v brotli >/dev/null || { echo "size-report: brotli missing; run scripts/bootstrap.sh" >&2; exit 1; }
printf '%-44s %10s %10s %10s  %s\n' file raw gzip brotli first-load
tr=0 tg=0 tb=0
while IFS= read -r f; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  rel=${f#dist/}
  first=no
  case "$rel" in
    sw.js | *.png | *.svg | *.ico) ;;
    *.html | *.js | *.wasm | *.css | *.webmanifest | *.json) first=yes ;;
  esac
  if [ $first = yes ]; then tr=$((tr + raw)) tg=$((tg + gz)) tb=$((tb + br)); fi
  printf '%-44s %10d %10d %10d  %s\n' "$rel" "$raw" "$gz" "$br" "$first"
done < <(find dist -type f -not -path "dist/.stage/*" | sort)
printf '%-44s %10d %10d %10d\n' "FIRST LOAD TOTAL (bytes)" $tr $tg $tb
awk -v r=$tr -v g=$tg -v b=$tb 'BEGIN { printf "first load: %.1f KB raw, %.1f KB gzip, %.1f KB brotli\n", r/1024, g/1024, b/1024 }'
