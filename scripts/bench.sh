#!/usr/bin/env bash
# Benchmarks (not part of the test command; timings are reported, never asserted):
#   1. the core natively (benches/core.rs) next to the plain-serde_json floor, for N = 20, 200
#      and 2,000 problems with 10 × N edits;
#   2. the peer CRDTs in Node (@automerge/automerge and Yjs) replaying the same script.
# Usage: bash scripts/bench.sh [sizes, default 20,200,2000] [samples, default 15]
# Results: target/bench/core.json and target/bench/peers-N.json; BENCHMARKS.md says how to read them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
SIZES=${1:-20,200,2000}
SAMPLES=${2:-15}

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), rustc $(rustc --version | cut -d' ' -f2), node $(node --version)"
echo "== the core (native, cargo bench profile) next to serde_json"
BENCH_SIZES=$SIZES BENCH_SAMPLES=$SAMPLES cargo bench --bench core
for n in ${SIZES//,/ }; do
  echo "== peers in Node, N = $n"
  cargo run --quiet --profile bench --example synthetic -- "$n" target/bench
  node benches/peers/peers.mjs "target/bench/script-$n.json" "$SAMPLES"
done
node benches/peers/report.mjs target/bench
