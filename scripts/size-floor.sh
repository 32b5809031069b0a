#!/usr/bin/env bash
# The size floor of the stack, beside the page (BENCHMARKS.md, "Size"; not part of the test
# command): examples/size_floor.rs (Leptos draws a list, an Automerge document in localStorage)
# and examples/size_floor_leptos.rs (the same without Automerge), built as Trunk builds the page
# (release, wasm-bindgen, wasm-opt -Oz), each wasm gzip -9 next to the page's wasm in dist/
# (run `trunk build --release` first). Sizes are deterministic: one run is the measurement.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
out=target/size-floor
mkdir -p "$out"
gz() { gzip -9 -c "$1" | wc -c; }
for example in size_floor_leptos size_floor; do
  cargo build --quiet --offline --release --target wasm32-unknown-unknown --example "$example"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "$example" \
    "target/wasm32-unknown-unknown/release/examples/$example.wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$out/${example}_bg.wasm" -o "$out/$example.wasm"
done
leptos=$(gz "$out/size_floor_leptos.wasm")
floor=$(gz "$out/size_floor.wasm")
printf '%-52s %9d B gzip\n' "Leptos, a list in localStorage (floor without Automerge)" "$leptos"
printf '%-52s %9d B gzip\n' "Leptos + Automerge (the floor)" "$floor"
printf '%-52s %9d B gzip\n' "  of which Automerge" "$((floor - leptos))"
page=$(ls dist/rectify-app-*_bg.wasm 2>/dev/null | head -1 || true)
if [ -n "$page" ]; then
  app=$(gz "$page")
  printf '%-52s %9d B gzip\n' "the page's wasm ($(basename "$page"))" "$app"
  printf '%-52s %9d B gzip (%d%% of the page)\n' "  of which above the floor (the app's own)" "$((app - floor))" $(((app - floor) * 100 / app))
fi
