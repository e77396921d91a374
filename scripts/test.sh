#!/usr/bin/env bash
# The README's test command, in three lanes (tests sort themselves with [Trait("Category", …)], see
# tests/QuestionBank.Testing/TestCategory.cs). Extra arguments go to dotnet test.
#   bash scripts/test.sh             what CI runs: installs what the tests need (scripts/ensure-prerequisites.sh),
#                                    builds, runs every test outside the reference lane (one project at a time),
#                                    then the reference lane
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
    dotnet build QuestionBank.sln -nologo -v quiet
    # The web suite takes most of the lane: it starts first, and the other projects run one by one beside it.
    fast="Category!=Jail&Category!=Browser&Category!=Process&Category!=Reference"
    dotnet test tests/QuestionBank.Web.Tests --no-build --filter "$fast" "$@" &
    web=$!
    status=0
    for project in tests/QuestionBank.Core.Tests tests/QuestionBank.Exercises.Tests tests/QuestionBank.Sandbox.Tests; do
      dotnet test "$project" --no-build --filter "$fast" "$@" || status=1
    done
    wait "$web" || status=1
    exit "$status" ;;
  references)
    bash scripts/ensure-prerequisites.sh
    bash scripts/reference-lane.sh run "$@" ;;
  all)
    bash scripts/ensure-prerequisites.sh
    # The build on both cores; then the tests one project at a time: the sandbox and web suites both train
    # in the jail, and beside any other suite the jail's low CPU weight slows them more than it saves (the
    # sandbox suite took 10 m beside the web suite's fast tests, 6 m alone).
    dotnet build QuestionBank.sln -nologo -v quiet
    dotnet test QuestionBank.sln --no-build -m:1 --filter "Category!=Reference" "$@"
    if bash scripts/reference-lane.sh check; then
      echo "Reference lane: it passed on exactly these exercises, judges and runners (tests/reference-lane.stamp); not run again."
    else
      echo "Reference lane: exercises, judges or runners changed since it last passed; running it."
      bash scripts/reference-lane.sh run "$@"
    fi ;;
esac
