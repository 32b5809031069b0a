#!/usr/bin/env bash
# Benchmarks (not part of the test command; timings are reported, never asserted):
#   1. the core natively (crates/office/benches/core.rs) next to the plain-serde_json floor, for N = 20, 200
#      and 2,000 problems with 10 × N edits;
#   2. the peer CRDTs in Node (@automerge/automerge and Yjs) replaying the same script;
#   3. the release build in headless Chromium (benches/browser/bench.mjs): cold start, typing,
#      import and merge, bulletin.
# Usage: bash scripts/bench.sh [sizes, default 20,200,2000] [samples, default 15]
# Results: target/bench/core.json, target/bench/peers-N.json and target/bench/browser.json; BENCHMARKS.md says how to read them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
SIZES=${1:-20,200,2000}
SAMPLES=${2:-15}

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), rustc $(rustc --version | cut -d' ' -f2), node $(node --version)"
echo "== the core (native, cargo bench profile) next to serde_json"
BENCH_SIZES=$SIZES BENCH_SAMPLES=$SAMPLES cargo bench -p rectify-office --bench core
echo "== 从 Excel 导入 at 200 and 2,000 rows (native), next to the preview's read"
BENCH_SAMPLES=$SAMPLES cargo bench -p rectify-office --bench bulk
for n in ${SIZES//,/ }; do
  echo "== peers in Node, N = $n"
  cargo run --quiet --profile bench -p rectify-core --example synthetic -- "$n" target/bench
  node benches/peers/peers.mjs "target/bench/script-$n.json" "$SAMPLES"
done
node benches/peers/report.mjs target/bench
# the browser benchmarks read ledger-N.rectify, ledger-N.json and ledger-N-base.rectify for
# N = 100 (the ~1,000-change file to import and merge), 200, 1,000 and 2,000
for n in 100 200 1000 2000; do
  cargo run --quiet --profile bench -p rectify-core --example synthetic -- "$n" target/bench --browser
done
# a release build (size-optimised wasm, as deployed) in dist/; slow (minutes)
trunk build --release
echo "== the size floor of the stack beside the page (deterministic)"
bash scripts/size-floor.sh
echo "== the release build in headless Chromium"
node benches/browser/bench.mjs dist target/bench/browser.json
