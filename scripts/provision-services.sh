#!/usr/bin/env bash
# Makes sure the services the tests use are installed and running on loopback:
#   Redis on 127.0.0.1:6379 (shared rate limits).
# Safe to run again: it starts only what is down and installs only what is missing (Debian's packages).
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

redis_up() {
  command -v redis-cli >/dev/null 2>&1 && [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]
}

if ! redis_up; then
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "Installing redis-server..." >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
  echo "Starting Redis on 127.0.0.1:6379..." >&2
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 50); do
    redis_up && break
    sleep 0.1
  done
  redis_up || { echo "Redis did not start; see /var/log/redis/ci.log" >&2; exit 1; }
fi
echo "Redis: up on 127.0.0.1:6379" >&2
