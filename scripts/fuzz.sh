#!/usr/bin/env bash
# Fuzz the importers and the patched Automerge (RELIABILITY.md §2): installs cargo-fuzz if
# missing, then runs every target in fuzz/Cargo.toml for the given seconds each (default 300)
# with libFuzzer. The targets build vendor/automerge (fuzz/Cargo.toml's [patch]);
# automerge_differential also the published 0.12.0, unpacked into fuzz/automerge-published.
#   bash scripts/fuzz.sh [seconds] [target...]
# New inputs go to fuzz/corpus-work/<target>/ (ignored; the seeds in fuzz/corpus/ stay small),
# crashes to fuzz/artifacts/<target>/: copy each into fuzz/regressions/<target>/ (replayed by
# `cargo test -p rectify-office --test fuzz_corpus`) and fix it. Needs the nightly toolchain and a C++ compiler.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
secs="${1:-300}"
shift || true
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
# the published release beside the patched copy (sha256-checked, from cargo's cache)
[ -f fuzz/automerge-published/Cargo.toml ] || bash scripts/vendor-check.sh --published fuzz/automerge-published
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list)
# no sanitizer: the code is safe Rust (no unsafe of ours), and ASan made the seeds themselves
# run past the 10 s timeout; panics, hangs and memory blow-ups are caught without it
cargo +nightly fuzz build -O -s none
failed=()
for t in "${targets[@]}"; do
  printf '\n\033[1m== %s (%s s)\033[0m\n' "$t" "$secs"
  mkdir -p "fuzz/corpus-work/$t"
  # -timeout: an input slower than 30 s is a hang (the full sample bulletin takes 0.8 s of CPU
  # but up to 12 s on a loaded 2-core machine); -rss_limit_mb: more than 2 GB is a finding
  cargo +nightly fuzz run -O -s none "$t" "fuzz/corpus-work/$t" "fuzz/corpus/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout="${FUZZ_TIMEOUT:-30}" -print_final_stats=1 || failed+=("$t")
done
[ ${#failed[@]} -eq 0 ] || { echo "findings in: ${failed[*]} (see fuzz/artifacts/)"; exit 1; }
