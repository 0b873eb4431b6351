# shellcheck shell=bash
# Sourced by scripts/stack: the optional `redis-cluster` service, a real Redis Cluster of six
# redis-server processes (3 masters, 1 replica each) on 127.0.0.1, for the cache suites' second
# topology and failover tests. Not in the default services:
#   SYNCLINE_STACK_SERVICES=+redis-cluster scripts/stack up
#
# Settings (environment):
#   SYNCLINE_REDIS_CLUSTER_PORTS            the nodes' ports, comma-separated: six, or 8, 10, ... for
#                                           more masters (default: BASE+101..BASE+106; each node's
#                                           cluster bus listens on its port + 100: Redis' own
#                                           default, + 10000, would land in the kernel's ephemeral
#                                           range, where an outgoing connection can hold it)
#   SYNCLINE_REDIS_CLUSTER_NODE_TIMEOUT_MS  cluster-node-timeout (default 2000): how long a master
#                                           may be silent before its replica takes over
# State: $STATE/redis-cluster/<port>/ (nodes.conf, AOF with appendfsync everysec, redis.log) and
# pid files $STATE/redis-cluster/<port>.pid. The env file gets SYNCLINE_STACK_REDIS_CLUSTER_NODES
# (every node's URL); tests copy it into the product setting SYNCLINE_REDIS_CLUSTER_NODES.

REDIS_CLUSTER_DIR="$STATE/redis-cluster"
REDIS_CLUSTER_NODE_TIMEOUT_MS="${SYNCLINE_REDIS_CLUSTER_NODE_TIMEOUT_MS:-2000}"
REDIS_CLUSTER_REPLICAS=1
if [ -n "${SYNCLINE_REDIS_CLUSTER_PORTS:-}" ]; then
  IFS=, read -r -a REDIS_CLUSTER_PORTS <<<"$SYNCLINE_REDIS_CLUSTER_PORTS"
else
  REDIS_CLUSTER_PORTS=()
  for offset in 101 102 103 104 105 106; do REDIS_CLUSTER_PORTS+=("$((BASE + offset))"); done
fi
REDIS_CLUSTER_MASTERS=$((${#REDIS_CLUSTER_PORTS[@]} / (REDIS_CLUSTER_REPLICAS + 1)))

rc_bus_port() { echo $(($1 + 100)); }
rc_cli() { local port="$1"; shift; redis-cli -h 127.0.0.1 -p "$port" "$@" 2>/dev/null; }
rc_pidfile() { echo "$REDIS_CLUSTER_DIR/$1.pid"; }
rc_node_ready() { pid_alive "$(rc_pidfile "$1")" && [ "$(rc_cli "$1" ping)" = PONG ]; }
rc_info_field() { rc_cli "$1" cluster info | tr -d '\r' | sed -n "s/^$2://p"; }

# The first node that answers, for questions about the whole cluster.
rc_any_node() {
  local port
  for port in "${REDIS_CLUSTER_PORTS[@]}"; do
    if rc_node_ready "$port"; then echo "$port"; return 0; fi
  done
  return 1
}

# CLUSTER NODES rows of live masters that serve slots: "<port> <node id>".
rc_masters() {
  local port
  port="$(rc_any_node)" || return 1
  rc_cli "$port" cluster nodes | awk '$3 ~ /master/ && $3 !~ /fail/ && NF > 8 {
    split($2, addr, "[:@]"); print addr[2], $1 }'
}

rc_start_node() {
  local port="$1" dir="$REDIS_CLUSTER_DIR/$1"
  mkdir -p "$dir"
  # A node that comes back reads its nodes.conf and rejoins under its old id: a master that lost
  # its slots to a promoted replica while it was down becomes that replica's replica.
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --dir "$dir" \
    --cluster-enabled yes --cluster-config-file nodes.conf --cluster-port "$(rc_bus_port "$port")" \
    --cluster-node-timeout "$REDIS_CLUSTER_NODE_TIMEOUT_MS" \
    --appendonly yes --appendfsync everysec --save "" --pidfile "$(rc_pidfile "$port")" \
    --logfile "$dir/redis.log" --maxmemory-policy noeviction >/dev/null \
    || die "redis-cluster node :$port did not start; see $dir/redis.log"
}

# Ready when every node agrees the cluster is ok with all 16384 slots, no node is flagged failed,
# and each master serving slots has its replica attached and in sync.
rc_healthy() {
  local port master replicas
  for port in "${REDIS_CLUSTER_PORTS[@]}"; do
    rc_node_ready "$port" || return 1
    [ "$(rc_info_field "$port" cluster_state)" = ok ] || return 1
    [ "$(rc_info_field "$port" cluster_slots_assigned)" = 16384 ] || return 1
    [ "$(rc_info_field "$port" cluster_known_nodes)" = "${#REDIS_CLUSTER_PORTS[@]}" ] || return 1
    if rc_cli "$port" cluster nodes | awk '{ print $3 }' | grep -q fail; then return 1; fi
  done
  [ "$(rc_masters | wc -l)" = "$REDIS_CLUSTER_MASTERS" ] || return 1
  while read -r master _; do
    replicas="$(rc_cli "$master" info replication | tr -d '\r' | grep -c '^slave[0-9]*:.*state=online')"
    [ "$replicas" -ge "$REDIS_CLUSTER_REPLICAS" ] || return 1
  done < <(rc_masters)
}

redis_cluster_up() {
  local port created=no
  for port in "${REDIS_CLUSTER_PORTS[@]}"; do
    [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65435 ] \
      || die "SYNCLINE_REDIS_CLUSTER_PORTS: '$port' is not a port from 1 to 65435 (its cluster bus is port + 100)"
  done
  [ $((${#REDIS_CLUSTER_PORTS[@]} % (REDIS_CLUSTER_REPLICAS + 1))) = 0 ] && [ "$REDIS_CLUSTER_MASTERS" -ge 3 ] \
    || die "SYNCLINE_REDIS_CLUSTER_PORTS needs 3 or more masters with $REDIS_CLUSTER_REPLICAS replica each (6, 8, ... ports)"
  if rc_healthy; then log "redis-cluster already up on :${REDIS_CLUSTER_PORTS[0]}..${REDIS_CLUSTER_PORTS[-1]}"; return 0; fi
  mkdir -p "$REDIS_CLUSTER_DIR"
  local down=()
  for port in "${REDIS_CLUSTER_PORTS[@]}"; do rc_node_ready "$port" || down+=("$port"); done
  # Every port is checked before any node starts, so a taken port leaves nothing half-started.
  for port in "${down[@]}"; do
    require_port "$port" "redis-cluster node"
    require_port "$(rc_bus_port "$port")" "redis-cluster bus of :$port"
  done
  for port in "${down[@]}"; do rc_start_node "$port"; done
  for port in "${REDIS_CLUSTER_PORTS[@]}"; do wait_for "redis-cluster node :$port" 30 rc_node_ready "$port"; done
  for port in "${REDIS_CLUSTER_PORTS[@]}"; do
    [ "$(rc_info_field "$port" cluster_slots_assigned)" = 0 ] || created=yes
  done
  if [ "$created" = yes ]; then
    for port in "${REDIS_CLUSTER_PORTS[@]}"; do
      [ "$(rc_info_field "$port" cluster_known_nodes)" != 1 ] \
        || die "redis-cluster node :$port lost its cluster state; run scripts/stack down, remove $REDIS_CLUSTER_DIR, then up"
    done
  fi
  if [ "$created" = no ]; then
    local nodes=()
    for port in "${REDIS_CLUSTER_PORTS[@]}"; do nodes+=("127.0.0.1:$port"); done
    redis-cli --cluster create "${nodes[@]}" --cluster-replicas "$REDIS_CLUSTER_REPLICAS" --cluster-yes \
      >"$REDIS_CLUSTER_DIR/create.log" 2>&1 \
      || die "redis-cli --cluster create failed; see $REDIS_CLUSTER_DIR/create.log"
  else
    log "redis-cluster exists: nodes that were down rejoin from their nodes.conf"
  fi
  wait_for "redis-cluster (state ok, every slot served, every master with its replica)" 90 rc_healthy
}

# SIGTERM is a clean shutdown (AOF flushed). All six at once, so no replica has time to take over;
# waits on the pids, not the pid files: redis removes its pid file before it has exited.
redis_cluster_down() {
  local port pid pids=()
  for port in "${REDIS_CLUSTER_PORTS[@]}"; do
    if pid_alive "$(rc_pidfile "$port")"; then pids+=("$(cat "$(rc_pidfile "$port")")"); fi
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then log "redis-cluster pid $pid did not stop in 30s; killing"; kill -KILL "$pid" 2>/dev/null || true; fi
  done
  for port in "${REDIS_CLUSTER_PORTS[@]}"; do rm -f "$(rc_pidfile "$port")"; done
}

redis_cluster_env() {
  local port urls=()
  rc_any_node >/dev/null || return 0
  for port in "${REDIS_CLUSTER_PORTS[@]}"; do urls+=("redis://127.0.0.1:$port"); done
  (IFS=,; echo "SYNCLINE_STACK_REDIS_CLUSTER_NODES=${urls[*]}")
}

# One status line: shown when the service is wanted or has state.
redis_cluster_status() {
  local row="$1" port state masters replicas s
  wants redis-cluster || [ -d "$REDIS_CLUSTER_DIR" ] || return 0
  if ! port="$(rc_any_node)"; then
    printf "$row" redis-cluster down "127.0.0.1:${REDIS_CLUSTER_PORTS[0]}..${REDIS_CLUSTER_PORTS[-1]}"
    return 0
  fi
  state="$(rc_info_field "$port" cluster_state)"
  masters="$(rc_masters | wc -l)"
  replicas="$(rc_cli "$port" cluster nodes | awk '$3 ~ /slave/ && $3 !~ /fail/' | wc -l)"
  if rc_healthy; then s=up; else s=degraded; fi
  printf "$row" redis-cluster "$s" \
    "127.0.0.1:${REDIS_CLUSTER_PORTS[0]}..${REDIS_CLUSTER_PORTS[-1]} state=$state masters=$masters replicas=$replicas"
}

# `port pid` of each master serving slots, one per line (a failover test picks one to SIGKILL).
redis_cluster_masters() {
  local port id
  rc_any_node >/dev/null || die "redis-cluster is down"
  while read -r port id; do
    echo "$port $(cat "$(rc_pidfile "$port")")"
  done < <(rc_masters | sort -n)
}

redis_cluster_logs() {
  local port
  for port in "${REDIS_CLUSTER_PORTS[@]}"; do
    echo "== redis-cluster :$port"
    tail -n "${1:-40}" "$REDIS_CLUSTER_DIR/$port/redis.log" 2>/dev/null || true
  done
}
