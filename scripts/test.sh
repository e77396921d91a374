#!/usr/bin/env bash
# The README's test command, in three lanes (tests sort themselves with [Trait("Category", …)], see
# tests/QuestionBank.Testing/TestCategory.cs). Extra arguments go to dotnet test.
#   bash scripts/test.sh             what CI runs: installs what the tests need (scripts/ensure-prerequisites.sh),
#                                    builds, runs every test outside the reference lane (the sandbox suite beside
#                                    the suites that don't train, then the web suite's jail and browser tests), then the reference lane
#                                    when its inputs changed since it last passed (scripts/reference-lane.sh)
#   bash scripts/test.sh fast        the inner loop: no jail, browser, process or reference tests; needs PostgreSQL only
#   bash scripts/test.sh references  the reference lane alone; a pass writes tests/reference-lane.stamp
set -euo pipefail
cd "$(dirname "$0")/.."

lane=all
case "${1:-}" in
  fast | references) lane=$1; shift ;;
esac

case "$lane" in
  fast)
    bash scripts/ensure-prerequisites.sh --without-sandbox
    dotnet test QuestionBank.sln --filter "Category!=Jail&Category!=Browser&Category!=Process&Category!=Reference" "$@" ;;
  references)
    bash scripts/ensure-prerequisites.sh
    bash scripts/reference-lane.sh run "$@" ;;
  all)
    bash scripts/ensure-prerequisites.sh
    dotnet build QuestionBank.sln -nologo -v quiet
    # Two at a time, never two that train: the sandbox suite trains in the jail throughout, so beside it
    # run the suites that don't (web without its jail and browser tests, core, exercises); the web
    # suite's jail and browser tests, which train and drive Chromium, run once the sandbox suite is done.
    dotnet test tests/QuestionBank.Sandbox.Tests --no-build --filter "Category!=Reference" "$@" &
    sandbox=$!
    status=0
    for project in Web Core Exercises; do
      dotnet test tests/QuestionBank.$project.Tests --no-build --filter "Category!=Jail&Category!=Browser&Category!=Reference" "$@" || status=1
    done
    wait $sandbox || status=1
    dotnet test tests/QuestionBank.Web.Tests --no-build --filter "Category=Jail|Category=Browser" "$@" || status=1
    [ $status -eq 0 ]
    if bash scripts/reference-lane.sh check; then
      echo "Reference lane: it passed on exactly these exercises, judges and runners (tests/reference-lane.stamp); not run again."
    else
      echo "Reference lane: exercises, judges or runners changed since it last passed; running it."
      bash scripts/reference-lane.sh run "$@"
    fi ;;
esac
