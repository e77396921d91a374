#!/usr/bin/env bash
# Installs what the app and its tests need on a fresh Debian/Ubuntu machine: the PostgreSQL server
# binaries (the app and the tests start their own private cluster) and the dotnet-ef tool.
set -euo pipefail
cd "$(dirname "$0")/.."

has_postgres() {
  command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1
}

if ! has_postgres; then
  echo "PostgreSQL server binaries not found; installing them with apt-get"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
fi

dotnet tool restore >/dev/null
