#!/usr/bin/env bash
# Makes sure PostgreSQL has the pgvector extension, and creates it in the database 'test'.
# pgvector is not packaged for Debian 12 (bookworm): it is built from the source package of the Debian release that
# carries it (trixie, by a deb-src line this script adds), against postgresql-server-dev of the running cluster.
# Safe to run again: it builds only when the extension is missing. Needs PostgreSQL up (scripts/provision-services.sh).
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

psql_test() {
  PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -Atc "$1"
}

available() {
  [ "$(psql_test "select count(*) from pg_available_extensions where name = 'vector'")" = "1" ]
}

if ! available; then
  server_version=$(psql_test "show server_version_num")
  major=$((server_version / 10000))
  pg_config=/usr/lib/postgresql/$major/bin/pg_config
  echo "Building pgvector for PostgreSQL $major from Debian's source package..." >&2
  sources=/etc/apt/sources.list.d/embedgate-pgvector-src.sources
  if [ ! -f "$sources" ]; then
    as_root tee "$sources" >/dev/null <<SOURCES
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  fi
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-server-dev-$major" dpkg-dev make gcc >/dev/null
  build=$(mktemp -d)
  trap 'rm -rf "$build"' EXIT
  (cd "$build" && apt-get source -qq pgvector >/dev/null 2>&1)
  source_dir=$(find "$build" -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)
  [ -n "$source_dir" ] || { echo "apt-get source pgvector gave no source tree" >&2; exit 1; }
  make -s -C "$source_dir" PG_CONFIG="$pg_config" >/dev/null
  as_root make -s -C "$source_dir" install PG_CONFIG="$pg_config" >/dev/null
  available || { echo "pgvector was built but PostgreSQL does not list it" >&2; exit 1; }
fi
psql_test "create extension if not exists vector" >/dev/null
echo "pgvector: $(psql_test "select extversion from pg_extension where extname = 'vector'") in database test" >&2
