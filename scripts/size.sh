#!/usr/bin/env bash
# Report the transfer size of both builds: each file of the hosted build in dist/ raw and gzip,
# and their total; then the one-file build dist-single/rectify.html raw and gzip. Fails when
# the one file's gzip is more than twice the hosted build's total gzip (the base64 wasm
# inside it compresses worse than the wasm itself; more than 2× means something is wrong).
set -euo pipefail
cd "$(dirname "$0")/.."
single=${1:-dist-single/rectify.html}
total_raw=0; total_gz=0
echo "hosted build (dist/):"
for f in dist/*; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '  %-46s %10d B raw %10d B gzip\n' "$(basename "$f")" "$raw" "$gz"
done
printf '  %-46s %10d B raw %10d B gzip\n' "total" "$total_raw" "$total_gz"

if [ ! -f "$single" ]; then
  echo "one-file build: $single is missing (node scripts/single-file.mjs makes it)" >&2
  exit 1
fi
raw=$(stat -c %s "$single"); gz=$(gzip -9 -c "$single" | wc -c)
echo "one-file build:"
printf '  %-46s %10d B raw %10d B gzip\n' "$single" "$raw" "$gz"
# ratio with two decimals, in integer arithmetic
ratio=$((gz * 100 / total_gz))
printf '  one file / hosted (gzip): %d.%02d× (limit 2.00×)\n' $((ratio / 100)) $((ratio % 100))
if [ "$gz" -gt $((2 * total_gz)) ]; then
  echo "the one-file build's gzip ($gz B) is more than twice the hosted build's ($total_gz B)" >&2
  exit 1
fi
