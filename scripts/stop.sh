#!/usr/bin/env bash
# Stops the services started by scripts/setup.sh (NATS and Postgres are left running).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${WF_DATA_DIR:-$PWD/.data}/pids
for pidfile in "$dir"/*.pid; do
  [ -f "$pidfile" ] || continue
  kill "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
done
echo "stopped"
