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
