#!/usr/bin/env bash
# `npm test`: build, static checks, then unit, integration and end-to-end tests.
# Needs NATS (JetStream) on 127.0.0.1:4222, PostgreSQL on 127.0.0.1:5432 and /usr/bin/chromium
# (`npm run setup` or `bash .ci/run` provide them).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_node # npm may have started us with an older system Node
export NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=${NX_SKIP_NX_CACHE:-false}
step() { printf '\n\033[1;34m== %s ==\033[0m\n' "$*"; }
step build;      npm run -s build
step typecheck;  npm run -s typecheck
step lint;       npm run -s lint
step format;     npm run -s format:check
step deploy;     node deploy/validate.mjs
step unit;       npx jest --selectProjects unit --ci
step integration; npx jest --selectProjects int --ci --runInBand
step e2e;        npx jest --selectProjects e2e --ci --runInBand
