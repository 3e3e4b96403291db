#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and local runs: a fresh cluster in a temp folder, on a free loopback
# port, reachable only through 127.0.0.1 and a Unix socket inside that folder. No Docker needed.
#
#   throwaway-postgres.sh start          create and start one; prints shell assignments to eval:
#                                          FLOWSENSE_TEST_POSTGRES='Host=127.0.0.1;Port=...;...'
#                                          FLOWSENSE_TEST_POSTGRES_DIR=/tmp/flowsense-pg.XXXX
#   throwaway-postgres.sh stop DIR       stop it and remove DIR (safe to call twice)
#   throwaway-postgres.sh pause DIR      stop the server but keep its data and port (for outage tests)
#   throwaway-postgres.sh resume DIR     start a paused server again on the same port
#
# initdb refuses to run as root, so as root the server runs as the `postgres` user (runuser); otherwise it runs
# as the calling user. If the server binaries are missing and we are root, `apt-get install -y postgresql`.
# fsync is off by default (a test server holds nothing worth an fsync); FLOWSENSE_PG_FSYNC=on makes it durable,
# which is what benchmarks of commit latency must use.
set -euo pipefail

die() { echo "throwaway-postgres: $*" >&2; exit 1; }

find_bin_dir() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"; return
  fi
  # Debian's package keeps the binaries out of PATH, under /usr/lib/postgresql/<major>/bin.
  local d
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return; fi
  done
  return 1
}

ensure_bin_dir() {
  if BIN=$(find_bin_dir); then return; fi
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL server binaries not found (initdb, pg_ctl); install the 'postgresql' package"
  echo "throwaway-postgres: installing postgresql with apt-get" >&2
  # A fresh machine may have no package lists yet: without them apt finds nothing.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 \
    || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
  BIN=$(find_bin_dir) || die "apt-get installed postgresql but initdb/pg_ctl are still missing"
}

# Runs a PostgreSQL binary as the user that owns the cluster.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  # Ask the kernel for an ephemeral port on loopback; the tiny race until postgres binds it is covered by the
  # retry in `start`.
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  die "no free loopback port found"
}

pg_start() { # pg_start DIR PORT -> 0 when the server accepts connections
  as_owner "$BIN/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 30 \
    -o "-p $2 -k $1 -c listen_addresses=127.0.0.1 -c fsync=${FLOWSENSE_PG_FSYNC:-off} -c full_page_writes=${FLOWSENSE_PG_FSYNC:-off} -c max_connections=200" \
    start >/dev/null
}

cmd_start() {
  ensure_bin_dir
  local dir port attempt
  dir=$(mktemp -d "${TMPDIR:-/tmp}/flowsense-pg.XXXXXX")
  chmod 755 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
  as_owner "$BIN/initdb" -D "$dir/data" -A trust -U flowsense -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; die "initdb failed"; }
  for attempt in 1 2 3; do
    port=$(free_port)
    echo "$port" | as_owner tee "$dir/port" >/dev/null
    if pg_start "$dir" "$port"; then
      local cs="Host=127.0.0.1;Port=$port;Username=flowsense;Database=postgres;Pooling=true;Maximum Pool Size=100"
      echo "$cs" | as_owner tee "$dir/connection-string" >/dev/null
      printf "FLOWSENSE_TEST_POSTGRES='%s'\nFLOWSENSE_TEST_POSTGRES_DIR='%s'\n" "$cs" "$dir"
      return 0
    fi
    echo "throwaway-postgres: start on port $port failed (attempt $attempt), retrying" >&2
  done
  tail -20 "$dir/server.log" >&2 || true
  rm -rf "$dir"
  die "could not start PostgreSQL"
}

check_dir() {
  [ -n "${1:-}" ] || die "usage: $0 $2 DIR"
  case "$1" in */flowsense-pg.*) ;; *) die "refusing to touch '$1': not a throwaway-postgres folder" ;; esac
}

cmd_stop() {
  check_dir "${1:-}" stop
  [ -d "$1" ] || return 0
  if [ -f "$1/data/postmaster.pid" ]; then
    ensure_bin_dir
    as_owner "$BIN/pg_ctl" -D "$1/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$1"
}

cmd_pause() {
  check_dir "${1:-}" pause
  ensure_bin_dir
  as_owner "$BIN/pg_ctl" -D "$1/data" -m fast -w -t 30 stop >/dev/null
}

cmd_resume() {
  check_dir "${1:-}" resume
  ensure_bin_dir
  pg_start "$1" "$(cat "$1/port")" || { tail -20 "$1/server.log" >&2; die "resume failed"; }
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop "${2:-}" ;;
  pause) cmd_pause "${2:-}" ;;
  resume) cmd_resume "${2:-}" ;;
  *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
