#!/usr/bin/env bash
# Prints the first-load transfer size of dist/: the app (index.html) and a published episode page
# (its take-over module and the display choices, which published pages link), raw, gzip (-9) and
# brotli (quality 11, the .br copies post-build writes), and the wasm + JS total of each against
# the 90 KB (92,160 bytes) brotli budget.
set -euo pipefail
cd "$(dirname "$0")/../dist"
table() {
  local label=$1; shift
  printf '%s\n%-6s %10s %10s %10s  %s\n' "$label" kind raw gzip brotli file
  local total_raw=0 total_gz=0 code_br=0
  for file in "$@"; do
    raw=$(wc -c < "$file"); gz=$(gzip -9 -c "$file" | wc -c); br=$(wc -c < "$file.br")
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
    case "$file" in *.js|*.wasm) code_br=$((code_br + br)) ;; esac
    printf '%-6s %10d %10d %10d  %s\n' "${file##*.}" "$raw" "$gz" "$br" "$file"
  done
  printf '%-6s %10d %10d\n' total "$total_raw" "$total_gz"
  printf 'wasm + JS, brotli: %d bytes (budget 92160)\n\n' "$code_br"
}
table "app (index.html)" index.html boot-*.js view-*.js reader-*.js prefetch-*.js digest-reader-*.js digest-reader-*_bg.wasm ./*.css
table "published episode page (episodes/<id>/)" published-boot-*.js published-????????????????.js published-????????????????_bg.wasm reader-*.js ./*.css
