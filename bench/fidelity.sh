#!/usr/bin/env bash
# Import fidelity: imports a bank folder (e.g. a checkout of DeepLearning-500-questions) with the one
# CLI command into a throwaway embedded instance, serves it, crawls the served pages and prints, per
# document: questions, the share of source text lines found on its pages, the `$` left raw on pages
# against the source's, and the figures shown against those referenced that exist. A figure, not a test.
# Usage: bash bench/fidelity.sh BANK_FOLDER [--missing]   (--missing lists the source lines not found)
set -euo pipefail
cd "$(dirname "$0")/.."
bank=$(realpath "$1")
dotnet build src/QuestionBank.Web -v quiet -nologo >/dev/null
app=src/QuestionBank.Web/bin/Debug/net10.0/QuestionBank.Web.dll
work=$(mktemp -d)
chmod 755 "$work" # the embedded cluster may run as the postgres user
server=
cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export QuestionBank__DataDirectory="$work/data" QuestionBank__ContentDirectory="$work/no-seed" \
  QuestionBank__Runs__RunWorker=false Logging__LogLevel__Default=Warning
dotnet "$app" import "$bank" >"$work/import.txt"
echo "import: exit 0, $(grep -c ' — ' "$work/import.txt") documents, $(grep -c 'warning, skipped' "$work/import.txt") files without questions skipped, $(grep -c '    warning, line' "$work/import.txt") warnings"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dotnet "$app" --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 120); do
  curl -fs "http://127.0.0.1:$port/api/questions?pageSize=1" >/dev/null && break
  sleep 1
done
python3 bench/fidelity/crawl.py "$bank" "http://127.0.0.1:$port" "${@:2}"
