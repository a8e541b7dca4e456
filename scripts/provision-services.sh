#!/usr/bin/env bash
# Makes sure the services the tests use are installed and running on loopback:
#   Redis on 127.0.0.1:6379 (shared rate limits, the shared cache tier);
#   PostgreSQL on 127.0.0.1:5432 with trust authentication and a database 'test' (the operational tables).
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

postgres_up() {
  command -v psql >/dev/null 2>&1 && psql -h 127.0.0.1 -U postgres -d test -Atc 'select 1' >/dev/null 2>&1
}

if ! postgres_up; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "Installing PostgreSQL..." >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  conf=/etc/postgresql/$version/main
  # Tests connect over TCP on loopback as 'postgres' without a password.
  if ! grep -Eq '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$conf/pg_hba.conf"; then
    as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$conf/pg_hba.conf"
  fi
  echo "Starting PostgreSQL $version on 127.0.0.1:5432..." >&2
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
    || as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  for _ in $(seq 1 100); do
    psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1 && break
    sleep 0.1
  done
  if ! psql -h 127.0.0.1 -U postgres -d postgres -Atc "select 1 from pg_database where datname = 'test'" | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc 'create database test'
  fi
  postgres_up || { echo "PostgreSQL did not start; see /var/log/postgresql" >&2; exit 1; }
fi
echo "PostgreSQL: up on 127.0.0.1:5432 (database test)" >&2
