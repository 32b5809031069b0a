#!/usr/bin/env bash
# Set up (first run only), build the release app and serve it on http://127.0.0.1:8080/.
# Open it and click “打开示例台账” to start with the example ledger. Served by a plain static
# server (scripts/serve-dist.mjs), not `trunk serve`, whose live-reload client would end up in
# dist/ and in the one-file build (scripts/post-build.sh refuses such a build).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
echo "Rectify will be at http://127.0.0.1:${PORT:-8080}/ once built (Ctrl+C stops it);"
echo "the one-file build (open it from disk, no server needed) lands in $PWD/dist-single/rectify.html."
trunk build --release
exec node scripts/serve-dist.mjs
