#!/usr/bin/env bash
# Installs what building (and, with --browser, testing) Rectify needs, only where missing.
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

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/yjs ] || [ ! -d node_modules/@automerge/automerge ]; then
  say "installing wasm-opt (binaryen 132), playwright-core and the peer CRDTs of the benchmarks from npm"
  npm ci --no-audit --no-fund
fi

# LibreOffice headless: native tests open the .docx and .xlsx files the app makes and print
# them to PDF (tests/docx_libreoffice.rs, tests/core_xlsx.rs), read back with poppler.
if ! command -v soffice >/dev/null || ! dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || ! dpkg -s libreoffice-writer-nogui >/dev/null 2>&1; then
  say "installing LibreOffice headless (Calc and Writer, no GUI) from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui libreoffice-writer-nogui >/dev/null
fi
if ! command -v pdftotext >/dev/null; then
  say "installing poppler-utils (to read printed PDFs) from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
fi

if [ "${1:-}" = "--browser" ]; then
  if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "CJK" || ! command -v pdftotext >/dev/null; then
    say "installing Chromium, Chinese fonts and poppler-utils (to read printed PDFs) from Debian"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk poppler-utils >/dev/null
  fi
fi

# openpyxl makes the "written by another program" workbooks of the Excel import tests
# (tests/fixtures/make_xlsx_fixtures.py, run by tests/core_xlsx.rs and tests/e2e/xlsx.test.mjs)
if ! python3 -c 'import openpyxl' 2>/dev/null; then
  say "installing openpyxl (Python) for the Excel test fixtures"
  python3 -m pip install --user --quiet openpyxl 2>/dev/null \
    || python3 -m pip install --user --quiet --break-system-packages openpyxl
fi

# Trunk runs cargo with --offline (Trunk.toml), so fetch crates now.
cargo fetch --quiet
