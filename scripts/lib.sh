# Shared helpers for setup.sh, test.sh and .ci/run. Source it; do not run it.
# Idempotent: each step checks before it installs or starts anything.

WF_NODE_VERSION=24.21.0
WF_NPM_VERSION=11.19.1 # the npm package `node` ships no npm: without this, Debian's npm 9 would run on Node 24
WF_NODE_PREFIX=${WF_NODE_PREFIX:-/opt/node24}
WF_DATA_DIR=${WF_DATA_DIR:-$PWD/.data}

log() { printf '\033[1;34m[webbyflow]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[webbyflow] %s\033[0m\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "apt-get not found: install ${missing[*]} with your package manager and re-run"
  log "installing ${missing[*]} (apt-get)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Node 24 and npm 11 (older npm rewrites package-lock.json): use them when they are on PATH or in
# $WF_NODE_PREFIX; else install both from the npm registry.
ensure_node() {
  if [ -x "$WF_NODE_PREFIX/bin/node" ]; then export PATH="$WF_NODE_PREFIX/bin:$PATH"; fi
  local major=0 npm_major=0
  command -v node >/dev/null && major=$(node -p 'process.versions.node.split(".")[0]')
  command -v npm >/dev/null && npm_major=$(npm --version 2>/dev/null | cut -d. -f1)
  if [ "$major" -lt 24 ] || [ "${npm_major:-0}" -lt 11 ]; then
    command -v npm >/dev/null || apt_install nodejs npm
    log "Node $(node --version 2>/dev/null || echo none) / npm $(npm --version 2>/dev/null || echo none) too old; installing Node $WF_NODE_VERSION and npm $WF_NPM_VERSION into $WF_NODE_PREFIX"
    as_root npm install -g --prefix "$WF_NODE_PREFIX" "node@$WF_NODE_VERSION" >/dev/null 2>&1 ||
      die "could not install Node $WF_NODE_VERSION; run: npm install -g --prefix $WF_NODE_PREFIX node@$WF_NODE_VERSION"
    export PATH="$WF_NODE_PREFIX/bin:$PATH"
    # npm 11 refuses the old Node, so it is installed in a second step, by the old npm running on Node 24.
    as_root env PATH="$PATH" npm install -g --prefix "$WF_NODE_PREFIX" "npm@$WF_NPM_VERSION" >/dev/null 2>&1 ||
      die "could not install npm $WF_NPM_VERSION; run: PATH=$WF_NODE_PREFIX/bin:\$PATH npm install -g --prefix $WF_NODE_PREFIX npm@$WF_NPM_VERSION"
  fi
  log "node $(node --version), npm $(npm --version 2>/dev/null)"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local port=$1 name=$2
  for _ in $(seq 1 60); do port_open "$port" && return 0; sleep 0.5; done
  die "$name did not start listening on 127.0.0.1:$port"
}

# NATS with JetStream on 127.0.0.1:4222 (NATS_URL overrides the check only).
ensure_nats() {
  if port_open 4222; then log "NATS already running on 4222"; return 0; fi
  apt_install nats-server
  mkdir -p "$WF_DATA_DIR/nats"
  log "starting nats-server with JetStream (data in $WF_DATA_DIR/nats)"
  setsid nats-server -a 127.0.0.1 -p 4222 -js -sd "$WF_DATA_DIR/nats" -m 8222 </dev/null >"$WF_DATA_DIR/nats.log" 2>&1 &
  wait_port 4222 nats-server
}

# PostgreSQL on 127.0.0.1:5432 reachable as user postgres without a password.
ensure_postgres() {
  if ! port_open 5432; then
    apt_install postgresql
    local version; version=$(ls /etc/postgresql | sort -n | tail -1)
    log "starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || as_root pg_ctlcluster "$version" main start
    wait_port 5432 postgres
  fi
  command -v psql >/dev/null || apt_install postgresql-client
  if ! psql -h 127.0.0.1 -U postgres -d postgres -c 'select 1' >/dev/null 2>&1; then
    log "allowing local trust auth for user postgres on 127.0.0.1"
    local hba; hba=$(cd / && as_root su postgres -c "psql -tAc 'show hba_file'")
    as_root sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
    (cd / && as_root su postgres -c "psql -c 'select pg_reload_conf()'" ) >/dev/null
  fi
  log "PostgreSQL ready on 5432"
}

# The full browser (a window with BROWSER_HEADLESS=false; the integration tests) and the headless shell that
# browser-svc runs by default when it is installed (about 40 % less CPU per run, BENCHMARKS.md "1,000 tasks").
ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ] && [ -x /usr/bin/chromium ]; then return 0; fi
  apt_install chromium chromium-headless-shell fonts-liberation
}

# Stops a process started by setup.sh: SIGTERM (graceful: consumers finish, browser closes), then
# SIGKILL if it is still alive after 20 s.
stop_pidfile() {
  local pidfile=$1 pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}
