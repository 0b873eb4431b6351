# shellcheck shell=bash
# Prometheus and Alertmanager in the local stack: optional services, started when
# SYNCLINE_STACK_SERVICES names them (e.g. postgres,redis,kafka,connect,prometheus,alertmanager).
# Sourced by scripts/stack, whose helpers (log, die, wants, wait_for, timed, pid_alive, stop_pid,
# require_port) and settings ($REPO, $STATE, $BASE) it uses. docs/operations.md tells the rest.
#
#   SYNCLINE_PROMETHEUS_PORT     (default BASE+90)
#   SYNCLINE_ALERTMANAGER_PORT   (default BASE+91)
#   SYNCLINE_ALERT_WEBHOOK_URL   where Alertmanager sends every alert (default http://127.0.0.1:BASE+94/alerts)
#   SYNCLINE_ALERT_FOR           the `for:` of every rule in the local copy (default 10s)
#   SYNCLINE_MONITORING_INTERVAL scrape and rule evaluation interval (default 2s)
PROMETHEUS_PORT="${SYNCLINE_PROMETHEUS_PORT:-$((BASE + 90))}"
ALERTMANAGER_PORT="${SYNCLINE_ALERTMANAGER_PORT:-$((BASE + 91))}"
ALERT_WEBHOOK_URL="${SYNCLINE_ALERT_WEBHOOK_URL:-http://127.0.0.1:$((BASE + 94))/alerts}"
ALERT_FOR="${SYNCLINE_ALERT_FOR:-10s}"
MONITORING_INTERVAL="${SYNCLINE_MONITORING_INTERVAL:-2s}"
# The rules a cluster gets (deploy/monitoring): one source for both.
ALERT_RULES="$REPO/deploy/monitoring/syncline.rules.yaml"
PROMETHEUS_TARGETS="$STATE/prometheus/targets"

monitoring_missing_packages() {
  if wants prometheus && ! { command -v prometheus && command -v promtool; } >/dev/null; then echo prometheus; fi
  if wants alertmanager && ! command -v prometheus-alertmanager >/dev/null; then echo prometheus-alertmanager; fi
  return 0
}

prometheus_url() { echo "http://127.0.0.1:$PROMETHEUS_PORT"; }
alertmanager_url() { echo "http://127.0.0.1:$ALERTMANAGER_PORT"; }
prometheus_ready() { curl -fsS "$(prometheus_url)/-/ready" >/dev/null; }
alertmanager_ready() { curl -fsS "$(alertmanager_url)/-/ready" >/dev/null; }

# Starts a server in its own session (it outlives this script; `down` ends it by its pid file).
start_daemon() {
  local name="$1"; shift
  setsid "$@" >>"$STATE/$name.log" 2>&1 </dev/null &
  echo $! >"$STATE/$name.pid"
}

# The configuration and the local copy of the rules, checked by promtool.
prometheus_config() {
  mkdir -p "$PROMETHEUS_TARGETS" "$STATE/prometheus/data"
  # The same expressions as deploy/; only `for:` is shortened, so a local outage fires in seconds.
  sed -E "s/^([[:space:]]+for:).*/\1 $ALERT_FOR/" "$ALERT_RULES" >"$STATE/prometheus/syncline.rules.yaml"
  cat >"$STATE/prometheus/prometheus.yml" <<EOF
global:
  scrape_interval: $MONITORING_INTERVAL
  scrape_timeout: $MONITORING_INTERVAL
  evaluation_interval: $MONITORING_INTERVAL
rule_files:
  - $STATE/prometheus/syncline.rules.yaml
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['127.0.0.1:$ALERTMANAGER_PORT']
scrape_configs:
  # The apps' /metrics endpoints: whoever starts an app (demo, test, operator) drops a target file
  # here, e.g. [{"targets": ["127.0.0.1:9464"], "labels": {"job": "delivery-worker"}}].
  - job_name: syncline
    file_sd_configs:
      - files: ['$PROMETHEUS_TARGETS/*.json', '$PROMETHEUS_TARGETS/*.yaml']
        refresh_interval: 5s
EOF
  promtool check config "$STATE/prometheus/prometheus.yml" >"$STATE/prometheus-check.log" 2>&1 \
    || die "the prometheus configuration or rules are invalid; see $STATE/prometheus-check.log"
}

prometheus_up() {
  prometheus_config
  if pid_alive "$STATE/prometheus.pid" && prometheus_ready; then
    # Edited rules take effect on the next `up`, without losing the stored samples.
    curl -fsS -X POST "$(prometheus_url)/-/reload" >/dev/null || die "prometheus did not reload its rules"
    log "prometheus already up on :$PROMETHEUS_PORT (rules reloaded)"
    return 0
  fi
  require_port "$PROMETHEUS_PORT" prometheus
  start_daemon prometheus prometheus --config.file="$STATE/prometheus/prometheus.yml" \
    --storage.tsdb.path="$STATE/prometheus/data" --storage.tsdb.retention.time=2d \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" --web.enable-lifecycle
  wait_for prometheus 60 prometheus_ready
}

alertmanager_up() {
  if pid_alive "$STATE/alertmanager.pid" && alertmanager_ready; then log "alertmanager already up on :$ALERTMANAGER_PORT"; return 0; fi
  require_port "$ALERTMANAGER_PORT" alertmanager
  mkdir -p "$STATE/alertmanager/data"
  # Every alert on its own, quickly, to one webhook (a test's receiver, or a tool of your own).
  cat >"$STATE/alertmanager/alertmanager.yml" <<EOF
route:
  receiver: local-webhook
  group_by: ['...']
  group_wait: 1s
  group_interval: 5s
  repeat_interval: 4h
receivers:
  - name: local-webhook
    webhook_configs:
      - url: $ALERT_WEBHOOK_URL
        send_resolved: true
EOF
  # An empty cluster address: a single local instance, no gossip port.
  start_daemon alertmanager prometheus-alertmanager --config.file="$STATE/alertmanager/alertmanager.yml" \
    --storage.path="$STATE/alertmanager/data" --web.listen-address="127.0.0.1:$ALERTMANAGER_PORT" \
    --cluster.listen-address=
  wait_for alertmanager 60 alertmanager_ready
}

monitoring_up() {
  if wants alertmanager; then timed alertmanager alertmanager_up; fi
  if wants prometheus; then timed prometheus prometheus_up; fi
}

monitoring_down() {
  stop_pid "$STATE/prometheus.pid" prometheus
  stop_pid "$STATE/alertmanager.pid" alertmanager
}

# Only for what runs: a test needing Prometheus fails on the missing variable, naming it.
monitoring_env() {
  if pid_alive "$STATE/prometheus.pid"; then
    echo "SYNCLINE_PROMETHEUS_URL=$(prometheus_url)"
    echo "SYNCLINE_PROMETHEUS_TARGETS_DIR=$PROMETHEUS_TARGETS"
  fi
  if pid_alive "$STATE/alertmanager.pid"; then
    echo "SYNCLINE_ALERTMANAGER_URL=$(alertmanager_url)"
    echo "SYNCLINE_ALERT_WEBHOOK_URL=$ALERT_WEBHOOK_URL"
  fi
  return 0
}

monitoring_status() {
  local row="$1" s
  if pid_alive "$STATE/prometheus.pid" && prometheus_ready 2>/dev/null; then s=up; else s=down; fi
  printf "$row" prometheus "$s" "$(prometheus_url) (scrape targets: $PROMETHEUS_TARGETS/*.json)"
  if pid_alive "$STATE/alertmanager.pid" && alertmanager_ready 2>/dev/null; then s=up; else s=down; fi
  printf "$row" alertmanager "$s" "$(alertmanager_url) -> $ALERT_WEBHOOK_URL"
}
