#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml), run in the project folder on Trunk's staging folder:
# 1. scripts/pwa.mjs — the service worker's file list and version (every build);
# 2. scripts/single-file.mjs — the one-file build dist-single/rectify.html (release builds
#    only: `trunk build --release`, `trunk serve --release`).
# Either failing fails the build: a changed Trunk output never yields a broken app silently.
set -euo pipefail
staging=${TRUNK_STAGING_DIR:?run by Trunk as a post_build hook}
node scripts/pwa.mjs "$staging"
if [ "${TRUNK_PROFILE:-}" = release ]; then
  node scripts/single-file.mjs "$staging" dist-single/rectify.html
fi
# A build that users get never phones home: `trunk serve` injects a live-reload client
# (a WebSocket to /.well-known/trunk/ws) that a copy of dist/ or the one file would keep retrying.
built_files=("$staging/index.html")
if [ "${TRUNK_PROFILE:-}" = release ]; then built_files+=(dist-single/rectify.html); fi
for built in "${built_files[@]}"; do
  if grep -q '\.well-known/trunk' "$built"; then
    echo "post-build: $built contains Trunk's live-reload client; build with \`trunk build\`, serve with scripts/serve.sh" >&2
    exit 1
  fi
done
