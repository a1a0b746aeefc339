#!/usr/bin/env bash
# A throw-away RabbitMQ node on loopback, from Debian's rabbitmq-server package, for the tests.
#   rabbitmq.sh start DIR PORT     start a node keeping its data under DIR, AMQP on 127.0.0.1:PORT (PORT+1: distribution)
#   rabbitmq.sh ctl DIR PORT ARGS  run rabbitmqctl against it (e.g. stop_app / start_app to restart the broker mid-test)
#   rabbitmq.sh stop DIR PORT      stop it
# The node is named after its port so that several test runs on one machine do not collide.
set -euo pipefail
action=$1 dir=$2 port=$3; shift 3
node="consultflow$port@localhost"
lib=/usr/lib/rabbitmq/bin
as_rabbitmq() {
  local env=(HOME=/var/lib/rabbitmq RABBITMQ_NODENAME="$node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$port"
    RABBITMQ_DIST_PORT=$((port + 1)) RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log"
    RABBITMQ_PID_FILE="$dir/pid" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" ERL_EPMD_ADDRESS=127.0.0.1)
  if [ "$(id -u)" -eq 0 ]; then runuser -u rabbitmq -- env "${env[@]}" "$@"; else env "${env[@]}" "$@"; fi
}
case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown rabbitmq "$dir"
    as_rabbitmq "$lib/rabbitmq-server" -detached
    for _ in $(seq 1 60); do
      as_rabbitmq "$lib/rabbitmqctl" -q -n "$node" await_startup --timeout 60 >/dev/null 2>&1 && exit 0
      sleep 1
    done
    echo "RabbitMQ did not start; its log is under $dir/log" >&2
    exit 1 ;;
  ctl) as_rabbitmq "$lib/rabbitmqctl" -q -n "$node" "$@" ;;
  stop) as_rabbitmq "$lib/rabbitmqctl" -q -n "$node" stop >/dev/null 2>&1 || true ;;
  *) echo "usage: rabbitmq.sh start|ctl|stop DIR PORT [ARGS]" >&2; exit 2 ;;
esac
