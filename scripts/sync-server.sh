#!/usr/bin/env bash
# Start automerge-repo's own sync server (npm @automerge/automerge-repo-sync-server, pinned in
# package.json) for 联网同步: Rectify's ledgers sync through it with automerge-repo's protocol.
#   bash scripts/sync-server.sh [--port 3030] [--data .sync-data]
# Colleagues then connect to ws://<this machine>:<port> in 台账管理 → 联网同步. The server keeps
# each ledger's document in --data; a wiped folder is refilled by the next browser that connects.
# On an intranet put it behind TLS and an authenticating proxy (README, “Sync server”).
set -euo pipefail
cd "$(dirname "$0")/.."
port=3030 data=.sync-data
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="${2:?--port N}"; shift 2 ;;
    --data) data="${2:?--data DIR}"; shift 2 ;;
    *) echo "sync-server: unknown option $1 (--port N, --data DIR)" >&2; exit 2 ;;
  esac
done
server=node_modules/@automerge/automerge-repo-sync-server/src/index.js
if [ ! -f "$server" ]; then
  echo "sync-server: installing the sync server from npm (once)"
  npm ci --no-audit --no-fund
fi
mkdir -p "$data"
echo "sync-server: ws://0.0.0.0:$port, documents in $data (Ctrl+C stops it)"
PORT="$port" DATA_DIR="$data" exec node "$server"
