#!/usr/bin/env bash
# Report the transfer size of the built app in dist/: each file raw and gzip, and the total.
set -euo pipefail
cd "$(dirname "$0")/.."
total_raw=0; total_gz=0
for f in dist/*; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-48s %10d B raw %10d B gzip\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-48s %10d B raw %10d B gzip\n' "total" "$total_raw" "$total_gz"
