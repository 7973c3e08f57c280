#!/usr/bin/env bash
# Prints the first-load transfer size of the app (index.html) in dist/: raw and gzip (-9) bytes.
set -euo pipefail
cd "$(dirname "$0")/../dist"
printf '%-12s %10s %10s  %s\n' kind raw gzip file
total_raw=0; total_gz=0
for file in index.html boot-*.js prefetch-*.js digest-reader-*.js digest-reader-*_bg.wasm *.css; do
  raw=$(wc -c < "$file"); gz=$(gzip -9 -c "$file" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-12s %10d %10d  %s\n' "${file##*.}" "$raw" "$gz" "$file"
done
printf '%-12s %10d %10d\n' total "$total_raw" "$total_gz"
