#!/usr/bin/env bash
# Every exercise's reference and starter in one language, posted through the API of the README's run
# command on its embedded default (its own PostgreSQL and its supervised worker, in a fresh data folder):
# each reference must end succeeded with its goals met, each starter judged and missed (failed, with metrics).
# Runs go one at a time, as a learner's would. Prints a table; exits 1 on the first exercise that breaks the rule.
#   bash scripts/check-api-runs.sh [csharp|python] [exercise...]     (default: python, every exercise it has)
set -euo pipefail
cd "$(dirname "$0")/.."
language=${1:-python}
shift || true

data=$(mktemp -d /var/tmp/qb-api-runs.XXXXXX)
chmod 755 "$data" # run as root, the embedded cluster runs as postgres, which must reach its folder
port=5181
api=http://127.0.0.1:$port
log=$data/app.log
dotnet build src/QuestionBank.Web -v quiet -nologo >/dev/null
QuestionBank__DataDirectory=$data ASPNETCORE_URLS=$api dotnet run --no-build --project src/QuestionBank.Web >"$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true; rm -rf "$data"' EXIT

wait_for() { # seconds, description, command...
  local seconds=$1 what=$2; shift 2
  for _ in $(seq "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    kill -0 $app 2>/dev/null || { echo "The app exited while waiting for $what:" >&2; tail -40 "$log" >&2; exit 1; }
    sleep 1
  done
  echo "Timed out waiting for $what:" >&2; tail -40 "$log" >&2; exit 1
}
wait_for 900 "the app to be ready" curl -sf $api/health/ready

jar=$data/cookies
antiforgery=$(curl -sf -c "$jar" -b "$jar" $api/api/account/antiforgery)
header="$(jq -r '.headerName' <<<"$antiforgery"): $(jq -r '.token' <<<"$antiforgery")"
exercises=("$@")
if [ ${#exercises[@]} -eq 0 ]; then
  for id in $(curl -sf $api/api/exercises | jq -r '.[].id'); do
    if curl -sf $api/api/exercises/"$id" | jq -e --arg language "$language" '.languages | index($language)' >/dev/null; then
      exercises+=("$id")
    fi
  done
fi
[ ${#exercises[@]} -gt 0 ] || { echo "No exercise offers $language." >&2; exit 1; }

# Posts one run (kind: solution or starter) and waits for its end; prints its row, returns its JSON.
run() {
  local exercise=$1 kind=$2 source id
  source=$(curl -sf $api/api/exercises/"$exercise" | jq --arg language "$language" --arg kind "$kind" '.sources[$language][$kind]')
  id=$(curl -sf -c "$jar" -b "$jar" -H "Content-Type: application/json" -H "$header" \
    -d "{\"exercise\": \"$exercise\", \"language\": \"$language\", \"source\": $source}" $api/api/runs | jq -r '.id')
  ended() { case "$(curl -sf $api/api/runs/"$id" | jq -r '.status')" in queued | running) return 1 ;; *) return 0 ;; esac; }
  wait_for 1800 "run $id ($exercise $kind) to end" ended
  curl -sf $api/api/runs/"$id"
}

printf '%-13s %-9s %-10s %-6s %8s  %s\n' exercise source status goals wall metrics
for exercise in "${exercises[@]}"; do
  for kind in solution starter; do
    result=$(run "$exercise" "$kind")
    status=$(jq -r '.status' <<<"$result")
    goals=$(jq -r '.goalsMet' <<<"$result")
    printf '%-13s %-9s %-10s %-6s %8s  %s\n' "$exercise" "$kind" "$status" "$goals" \
      "$(jq -r '(.timings.wallSeconds // 0) * 10 | round / 10' <<<"$result")" "$(jq -c '.metrics' <<<"$result")"
    if [ "$kind" = solution ] && { [ "$status" != succeeded ] || [ "$goals" != true ]; }; then
      echo "The $language reference of $exercise did not meet its goals: $(jq -c '.diagnostics.message' <<<"$result")" >&2; exit 1
    fi
    if [ "$kind" = starter ] && { [ "$status" != failed ] || [ "$goals" != false ] || [ "$(jq '.metrics | length' <<<"$result")" -eq 0 ]; }; then
      echo "The $language starter of $exercise was not judged and missed: $(jq -c '{status, diagnostics}' <<<"$result")" >&2; exit 1
    fi
  done
done
echo "OK: every $language reference met its goals and every starter missed them, through the API on the embedded default."
