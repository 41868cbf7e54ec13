#!/usr/bin/env bash
# `npm run setup` / `bash scripts/setup.sh`: one command from a fresh Debian/Ubuntu machine to a running
# WebbyFlow. Installs what is missing (Node 24, chromium, nats-server, PostgreSQL, npm packages), starts
# NATS and Postgres if none run, builds, migrates, starts the five services in the background and prints
# the API URL and a first API key. Re-running it restarts the services.
#
# Settings (env): WF_DATA_DIR (.data), GATEWAY_PORT (3000), DATABASE_URL
# (postgres://postgres@127.0.0.1:5432/webbyflow), LLM_PROVIDER / LLM_BASE_URL / LLM_API_KEY / LLM_MODEL
# (OpenAI-compatible endpoint; without them tasks use the heuristic planner, no model at all),
# WF_DEMO_LLM=1 (no model configured: start the bundled fake OpenAI-compatible demo on :8089 and use it).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_node
ensure_chromium
ensure_nats
ensure_postgres

log "npm install"
npm install --no-audit --no-fund --loglevel=error
log "building"
NX_DAEMON=false NX_NO_CLOUD=true npm run -s build >/dev/null

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/webbyflow}
export NATS_URL=${NATS_URL:-nats://127.0.0.1:4222}
export ARTIFACT_DIR=${ARTIFACT_DIR:-$WF_DATA_DIR/artifacts}
export ARTIFACT_SVC_URL=${ARTIFACT_SVC_URL:-http://127.0.0.1:3004}
log "migrating $DATABASE_URL"
node libs/persistence/dist/cli/migrate.js up

mkdir -p "$WF_DATA_DIR/logs" "$WF_DATA_DIR/pids"
start_service() { # name script port [env...]
  local name=$1 script=$2 port=$3; shift 3
  stop_pidfile "$WF_DATA_DIR/pids/$name.pid"
  # setsid, not nohup: Node resets SIGHUP to its default at startup, so nohup does not protect the services
  # from a hang-up of the shell or process group that ran setup; a session of their own does.
  setsid env PORT="$port" "$@" node "$script" </dev/null >"$WF_DATA_DIR/logs/$name.log" 2>&1 &
  echo $! >"$WF_DATA_DIR/pids/$name.pid"
}

if [ -z "${LLM_BASE_URL:-}" ] && [ -z "${LLM_API_KEY:-}" ]; then
  if [ "${WF_DEMO_LLM:-}" = 1 ]; then
    log "WF_DEMO_LLM=1: starting the bundled fake OpenAI-compatible server (contact-form demo) on :8089"
    start_service fake-llm libs/testing/dist/fake-llm/main.js 8089 FAKE_LLM_PORT=8089
    export LLM_BASE_URL=http://127.0.0.1:8089/v1 LLM_API_KEY=demo LLM_MODEL=demo
  else
    stop_pidfile "$WF_DATA_DIR/pids/fake-llm.pid"
    log "no LLM configured: tasks use the heuristic planner (no model); set LLM_API_KEY or LLM_BASE_URL for the LLM planner"
  fi
fi

start_service artifact-svc apps/artifact-svc/dist/main.js 3004
start_service browser-svc apps/browser-svc/dist/main.js 3002
start_service llm-svc apps/llm-svc/dist/main.js 3003
start_service orchestrator apps/orchestrator/dist/main.js 3001
start_service gateway apps/gateway/dist/main.js "${GATEWAY_PORT:-3000}"

for spec in artifact-svc:3004 browser-svc:3002 llm-svc:3003 orchestrator:3001 gateway:${GATEWAY_PORT:-3000}; do
  name=${spec%%:*} port=${spec##*:}
  healthy() { node -e "fetch('http://127.0.0.1:$port/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; }
  for _ in $(seq 1 60); do healthy && break; sleep 0.5; done
  healthy || die "$name did not become healthy; see $WF_DATA_DIR/logs/$name.log"
done

key=$(node libs/persistence/dist/cli/create-api-key.js --org "${WF_ORG:-default}" --name setup 2>/dev/null)
cat <<MSG

WebbyFlow is running.
  API:      http://127.0.0.1:${GATEWAY_PORT:-3000}   (OpenAPI: http://127.0.0.1:${GATEWAY_PORT:-3000}/docs)
  API key:  $key
  Logs:     $WF_DATA_DIR/logs/   Stop: bash scripts/stop.sh
  Node:     $(command -v node) — run \`export PATH=$(dirname "$(command -v node)"):\$PATH\` before npm commands
MSG
