#!/usr/bin/env bash
# Installs what the app and its tests need on a fresh Debian/Ubuntu machine: the PostgreSQL server
# binaries (the app and the tests start their own private cluster), Chromium and a CJK font for the
# browser tests, Node.js and the ClientApp's packages (the bundle test, axe-core), docker-compose for the deployment tests, the dotnet-ef tool, and the exercise sandbox
# (scripts/prepare-sandbox.sh), which --without-sandbox leaves out (the fast test lane runs no jail).
set -euo pipefail
# set -e alone stops without a word; say where, so a failed CI run shows it.
trap 'echo "$0: failed with exit code $? at line $LINENO: $BASH_COMMAND" >&2' ERR
cd "$(dirname "$0")/.."

has_postgres() {
  command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1
}

missing=()
has_postgres || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# Without a CJK font the browser tests' screenshots show the Chinese text as boxes.
# (grep without -q: with pipefail, -q would stop reading early and fail the pipeline with SIGPIPE.)
fc-list 2>/dev/null | grep -i "noto sans cjk" >/dev/null || missing+=(fonts-noto-cjk)
# The deployment tests check the compose file with the docker-compose deployers run (no engine needed).
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
# The tests check the checked-in client bundle against its sources with esbuild, and the browser tests
# load axe-core: both from the ClientApp's npm packages. (The app itself needs no Node.js.)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing with apt-get: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

dotnet tool restore >/dev/null
client=src/QuestionBank.Web/ClientApp
[ -f "$client/node_modules/.package-lock.json" ] || (cd "$client" && npm ci --no-audit --no-fund --loglevel=error)
[ "${1:-}" = --without-sandbox ] || bash scripts/prepare-sandbox.sh
