#!/usr/bin/env bash
# Every test: formatting, clippy (native and wasm), the vendored crates checked against their
# releases plus patches and Automerge's own tests run, the native tests of every crate (with the
# office-file tests that need LibreOffice and openpyxl), the release build (the hosted dist/
# and the one-file dist-single/rectify.html) and their sizes, and the browser tests in
# headless Chromium. Installs what is missing first (scripts/setup.sh --test).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check

step "clippy (native: every crate, all targets)"
cargo clippy --all-targets -- -D warnings

step "clippy (wasm32: the page and the worker's module)"
cargo clippy --target wasm32-unknown-unknown -p rectify -p rectify-worker --lib --bins -- -D warnings

step "the vendored crates are their releases plus their patches (vendor/*/VENDORED.md)"
bash scripts/vendor-check.sh

step "Automerge's own tests on the patched copy, and the patches' tests"
# its own workspace; the root's target directory, so the crates both use are built once
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}" cargo test --locked --manifest-path vendor/automerge/Cargo.toml

step "native tests (every crate; the convergence property with 256 random cases)"
# `cargo test` alone runs 64 cases of the convergence property; the test command runs more
PROPTEST_CASES=${PROPTEST_CASES:-256} cargo test

step "native tests that need LibreOffice, poppler or openpyxl (ignored by a plain cargo test)"
cargo test -p rectify-office -- --ignored with_office_tools

step "release build (trunk): dist/ and the one-file build dist-single/rectify.html"
# the post_build hook (scripts/post-build.sh) writes sw.js's file list and, for a release
# build, dist-single/rectify.html; size.sh fails if that file is missing or too large
trunk build --release
bash scripts/size.sh

step "browser tests (headless Chromium)"
node --test --test-concurrency=1 tests/e2e/
