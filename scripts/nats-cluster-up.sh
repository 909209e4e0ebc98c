#!/usr/bin/env bash
# A 3-node NATS cluster with JetStream on loopback, in a folder of its own, for trying a
# replicated event stream on one machine (docs/scaling.md). Never touches the system server
# on 4222.
#
#   scripts/nats-cluster-up.sh [DIR] [BASE_PORT]   start (default /tmp/stockroom-nats, 14222)
#   scripts/nats-cluster-up.sh stop [DIR]          stop the nodes and remove DIR
#   scripts/nats-cluster-up.sh kill N [DIR]        kill node N (1..3) with SIGKILL, to try a failure
#   scripts/nats-cluster-up.sh restart N [DIR]     start node N again
#
# Node i serves clients on BASE_PORT + i - 1 and its cluster routes on BASE_PORT + 100 + i - 1.
set -euo pipefail
NATS=${NATS_SERVER:-$(command -v nats-server || echo /usr/sbin/nats-server)}
[ -x "$NATS" ] || { echo "no nats-server (set NATS_SERVER)" >&2; exit 1; }

node_up() { # dir, i
  local dir=$1 i=$2 base
  base=$(cat "$dir/base_port")
  local routes="nats://127.0.0.1:$((base + 100)),nats://127.0.0.1:$((base + 101)),nats://127.0.0.1:$((base + 102))"
  "$NATS" -n "n$i" -a 127.0.0.1 -p $((base + i - 1)) -js -sd "$dir/n$i" \
    --cluster_name stockroom --cluster "nats://127.0.0.1:$((base + 100 + i - 1))" --routes "$routes" \
    -P "$dir/n$i.pid" -l "$dir/n$i.log" &
  disown
}

case "${1:-}" in
  stop)
    DIR=${2:-/tmp/stockroom-nats}
    for f in "$DIR"/n*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
    sleep 1
    rm -rf "$DIR"
    echo "stopped and removed $DIR"
    exit 0
    ;;
  kill)
    DIR=${3:-/tmp/stockroom-nats}
    kill -9 "$(cat "$DIR/n$2.pid")"
    echo "killed node n$2"
    exit 0
    ;;
  restart)
    DIR=${3:-/tmp/stockroom-nats}
    node_up "$DIR" "$2"
    echo "started node n$2"
    exit 0
    ;;
esac

DIR=${1:-/tmp/stockroom-nats}
BASE=${2:-14222}
if [ "$BASE" -le 4222 ] && [ $((BASE + 2)) -ge 4222 ]; then echo "4222 is the system server's: choose another base" >&2; exit 1; fi
[ -e "$DIR" ] && { echo "$DIR exists: stop it first (scripts/nats-cluster-up.sh stop $DIR)" >&2; exit 1; }
mkdir -p "$DIR"
echo "$BASE" > "$DIR/base_port"
for i in 1 2 3; do node_up "$DIR" "$i"; done
# JetStream answers once the nodes have elected a meta leader.
for _ in $(seq 1 100); do
  grep -q "JetStream cluster new metadata leader\|Self is new JetStream cluster metadata leader" "$DIR"/n*.log 2>/dev/null && break
  sleep 0.1
done
echo "3-node NATS cluster with JetStream in $DIR"
echo "export NATS_URL=nats://127.0.0.1:$BASE,nats://127.0.0.1:$((BASE + 1)),nats://127.0.0.1:$((BASE + 2))"
echo "export NATS_STREAM_REPLICAS=3"
echo "stop with: scripts/nats-cluster-up.sh stop $DIR"
