#!/usr/bin/env bash
# Installs what building and serving Rectify needs (the wasm32 target, Trunk, wasm-bindgen-cli,
# wasm-opt and Zopfli from npm), and with --test what the tests add (Chromium and Chinese fonts for the
# browser tests, LibreOffice and poppler for the office-file tests, openpyxl for the Excel
# fixtures, playwright-core and the benchmarks' peer CRDTs from npm), only where missing.
# Safe to run again and again: every step checks first.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  say "installing Trunk $TRUNK_VERSION (about 10 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes, once)"
  # no --locked: its lock file pins a crate the registry no longer serves
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi

if [ "${1:-}" != "--test" ]; then
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/@gfx/zopfli ]; then
    say "installing wasm-opt (binaryen 132) and Zopfli (the one file's gzip) from npm"
    # binaryen and @gfx/zopfli are package.json's only non-dev dependencies
    npm ci --no-audit --no-fund --omit=dev
  fi
else
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/@gfx/zopfli ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/yjs ] || [ ! -d node_modules/@automerge/automerge ] || [ ! -d node_modules/@automerge/automerge-repo-sync-server ]; then
    say "installing wasm-opt (binaryen 132), Zopfli, playwright-core, the peer CRDTs of the benchmarks and the sync server from npm"
    npm ci --no-audit --no-fund
  fi
  # LibreOffice headless and poppler: the office-file tests open the .docx and .xlsx files the
  # app makes and print them to PDF (crates/office/tests/docx_libreoffice.rs and xlsx.rs)
  office=() browser=()
  dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || office+=(libreoffice-calc-nogui)
  dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || office+=(libreoffice-writer-nogui)
  command -v pdftotext >/dev/null || browser+=(poppler-utils)
  [ -x /usr/bin/chromium ] || browser+=(chromium chromium-driver)
  fc-list 2>/dev/null | grep -qi "CJK" || browser+=(fonts-noto-cjk)
  if [ ${#office[@]} -gt 0 ] || [ ${#browser[@]} -gt 0 ]; then
    say "installing ${office[*]} ${browser[*]} from Debian (the browser and office-file tests)"
    as_root apt-get update -qq
  fi
  if [ ${#office[@]} -gt 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${office[@]}" >/dev/null
  fi
  if [ ${#browser[@]} -gt 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${browser[@]}" >/dev/null
  fi
  # openpyxl makes the "written by another program" workbooks of the Excel import tests
  # (tests/fixtures/make_xlsx_fixtures.py, run by crates/office/tests/xlsx.rs and tests/e2e/xlsx.test.mjs)
  if ! python3 -c 'import openpyxl' 2>/dev/null; then
    say "installing openpyxl (Python) for the Excel test fixtures"
    python3 -m pip install --user --quiet openpyxl 2>/dev/null \
      || python3 -m pip install --user --quiet --break-system-packages openpyxl
  fi
fi

# Trunk runs cargo with --offline (Trunk.toml), so fetch crates now; and what the test command's
# vendor check and Automerge's own tests need (the published crate, automerge-test)
cargo fetch --quiet
bash scripts/vendor-check.sh --fetch
cargo fetch --quiet --locked --manifest-path vendor/automerge/Cargo.toml
