#!/usr/bin/env bash
# Every test: formatting, clippy (native and wasm), native core tests, the release build (the
# hosted dist/ and the one-file dist-single/rectify.html) and their sizes, and the browser
# tests in headless Chromium. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check

step "clippy (native, all targets)"
cargo clippy --all-targets -- -D warnings

step "clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown --lib --bins -- -D warnings

step "native tests (the ledger core; the convergence property with 256 random cases)"
# `cargo test` alone runs 64 cases of the convergence property; the test command runs more
PROPTEST_CASES=${PROPTEST_CASES:-256} cargo test

step "release build (trunk): dist/ and the one-file build dist-single/rectify.html"
# the post_build hook (scripts/post-build.sh) writes sw.js's file list and, for a release
# build, dist-single/rectify.html; size.sh fails if that file is missing or too large
trunk build --release
bash scripts/size.sh

step "browser tests (headless Chromium)"
node --test --test-concurrency=1 tests/e2e/
