#!/usr/bin/env bash
# Wall time of each reference solution in the jail, this tree against another checkout (the
# "before"), run alternately so that both see the same machine load.
# Usage: bash bench/references-before-after.sh BEFORE_TREE [ROUNDS]
# BEFORE_TREE is a checkout built with: dotnet build -c Release src/QuestionBank.Sandbox
set -euo pipefail
before=$(cd "$1" && pwd)
rounds=${2:-1}
cd "$(dirname "$0")/.."
after=$(pwd)
dotnet build -c Release src/QuestionBank.Sandbox -v quiet -nologo >/dev/null

run() { # tree exercise -> "wallSeconds goalsMet"
  (cd "$1/src/QuestionBank.Sandbox/bin/Release/net10.0" && dotnet QuestionBank.Sandbox.dll run --exercise "$2" --solution --timeout-seconds 900 2>/dev/null || true) \
    | tail -1 | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.1f %s" % (r["wallSeconds"], r["goalsMet"]))'
}

printf '%-6s %-5s %14s %14s\n' exercise round "before s (goal)" "after s (goal)"
for round in $(seq 1 "$rounds"); do
  for exercise in cnn lstm gan dqn; do
    if (( round % 2 )); then b=$(run "$before" "$exercise"); a=$(run "$after" "$exercise")
    else a=$(run "$after" "$exercise"); b=$(run "$before" "$exercise"); fi
    printf '%-6s %-5s %14s %14s\n' "$exercise" "$round" "$b" "$a"
  done
done
