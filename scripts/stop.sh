#!/usr/bin/env bash
# Stops the services started by scripts/setup.sh (NATS and Postgres are left running).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
for pidfile in "$WF_DATA_DIR"/pids/*.pid; do
  [ -f "$pidfile" ] && stop_pidfile "$pidfile" &
done
wait
log "stopped"
