#!/bin/sh
# Entry point of the WebbyFlow image: the first argument (or $SERVICE) says what this container runs.
set -eu
cd "$(dirname "$0")/../.."
command=${1:-${SERVICE:-}}
if [ $# -gt 0 ]; then shift; fi
case "$command" in
  gateway | orchestrator | browser-svc | llm-svc | artifact-svc)
    exec node "apps/$command/dist/main.js" "$@" ;;
  migrate)
    exec node libs/persistence/dist/cli/migrate.js "${1:-up}" ;;
  create-api-key)
    exec node libs/persistence/dist/cli/create-api-key.js "$@" ;;
  create-bucket)
    exec node deploy/docker/create-bucket.mjs ;;
  fake-llm)
    exec node libs/testing/dist/fake-llm/main.js ;;
  "")
    echo "usage: <gateway|orchestrator|browser-svc|llm-svc|artifact-svc|migrate [up|down|status]|create-api-key --org <name>|create-bucket|fake-llm>" >&2
    echo "       (or build with --build-arg SERVICE=<service>)" >&2
    exit 2 ;;
  *)
    exec "$command" "$@" ;;
esac
