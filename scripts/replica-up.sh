#!/usr/bin/env bash
# A PostgreSQL primary and N streaming replicas on loopback, in a folder of their own, for
# trying DATABASE_READ_URL on one machine (docs/scaling.md). Never touches the system server.
#
#   scripts/replica-up.sh [DIR] [PRIMARY_PORT] [REPLICAS]   start (default /tmp/stockroom-replicas, 55432, 1)
#   scripts/replica-up.sh stop [DIR]                        stop them and remove DIR
#
# Replica i listens on PRIMARY_PORT + i. Prints the DATABASE_URL and DATABASE_READ_URL to use.
# As root (CI), the servers run as the `postgres` OS user, since PostgreSQL refuses root.
set -euo pipefail
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
  DIR=${2:-/tmp/stockroom-replicas}
  for d in "$DIR"/replica* "$DIR"/primary; do
    [ -f "$d/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" stop -D "$d" -m fast -w >/dev/null || true
  done
  rm -rf "$DIR"
  echo "stopped and removed $DIR"
  exit 0
fi

DIR=${1:-/tmp/stockroom-replicas}
PORT=${2:-55432}
REPLICAS=${3:-1}
for bin in initdb pg_ctl pg_basebackup; do
  [ -x "$PG_BIN/$bin" ] || { echo "missing $PG_BIN/$bin (set PG_BIN)" >&2; exit 1; }
done
if [ "$PORT" = 5432 ]; then echo "port 5432 is the system server's: choose another" >&2; exit 1; fi
[ -e "$DIR" ] && { echo "$DIR exists: stop it first (scripts/replica-up.sh stop $DIR)" >&2; exit 1; }
mkdir -p "$DIR"
[ "$(id -u)" = 0 ] && chown postgres: "$DIR"
chmod 700 "$DIR"

start() { # data dir, port
  as_pg "$PG_BIN/pg_ctl" start -w -t 60 -D "$1" -l "$1.log" \
    -o "-p $2 -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=128MB" >/dev/null
}

as_pg "$PG_BIN/initdb" -D "$DIR/primary" -A trust -U postgres -E UTF8 >/dev/null
# initdb trusts replication connections from loopback; wal_level=replica is the default.
start "$DIR/primary" "$PORT"
READ_URLS=()
for i in $(seq 1 "$REPLICAS"); do
  # -R writes standby.signal and primary_conninfo: the copy starts as a hot standby, streaming.
  as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PORT" -U postgres -D "$DIR/replica$i" -R -X stream -c fast
  start "$DIR/replica$i" "$((PORT + i))"
  READ_URLS+=("postgres://postgres@127.0.0.1:$((PORT + i))/postgres")
done
echo "primary and $REPLICAS replica(s) in $DIR"
echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/postgres"
echo "export DATABASE_READ_URL=$(IFS=,; echo "${READ_URLS[*]}")"
echo "stop with: scripts/replica-up.sh stop $DIR"
