#!/usr/bin/env bash
# The reference lane: the tests in Category=Reference, which train every exercise's reference in the
# jail and check that it meets its goals, and run the Python cnn reference from its question page in
# Chromium. It takes minutes, so CI (scripts/test.sh) runs it only when its inputs changed since it
# last passed: tests/reference-lane.stamp holds the hash of the inputs it passed on, written by a
# passing `run`. Any change to an exercise, a judge, the runners, the worker,
# the sandbox's preparation or the package versions changes the hash, and the next CI runs the lane.
#   bash scripts/reference-lane.sh check        exit 0 when the stamp matches the inputs as they are
#   bash scripts/reference-lane.sh run [args]   run the lane (args go to dotnet test); on success, write
#                                               the stamp, to be committed with the change
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=tests/reference-lane.stamp
inputs=(
  src/QuestionBank.Contracts
  src/QuestionBank.Exercises
  src/QuestionBank.Exercises.Catalog
  src/QuestionBank.Sandbox
  src/QuestionBank.Sandbox.LifetimeWeaver
  src/QuestionBank.Sandbox.Runner
  scripts/prepare-sandbox.sh
  tests/QuestionBank.Sandbox.Tests/Cli/ReferenceSolutionTests.cs
  tests/QuestionBank.Sandbox.Tests/Cli/PythonReferenceSolutionTests.cs
  tests/QuestionBank.Sandbox.Tests/Infrastructure
  tests/QuestionBank.Web.Tests/Browser/PythonReferenceBrowserTests.cs
  Directory.Packages.props
  Directory.Build.props
  global.json
)

# The working tree's content of every tracked or new file under the inputs, by path: the same in a
# fresh clone as in the tree the lane passed on.
inputs_hash() {
  local paths
  paths=$(git ls-files --cached --others --exclude-standard -- "${inputs[@]}" | LC_ALL=C sort -u |
    while IFS= read -r path; do if [ -f "$path" ]; then printf '%s\n' "$path"; fi; done)
  paste -d' ' <(printf '%s\n' "$paths") <(printf '%s\n' "$paths" | git hash-object --stdin-paths) | sha256sum | cut -d' ' -f1
}

case "${1:-}" in
  check)
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(inputs_hash)" ] ;;
  run)
    shift
    before=$(inputs_hash)
    for project in tests/QuestionBank.Sandbox.Tests tests/QuestionBank.Web.Tests; do
      dotnet test "$project" --filter "Category=Reference" "$@"
    done
    # A stamp names the inputs the lane ran on; edits made while it ran leave it unwritten.
    if [ "$(inputs_hash)" = "$before" ]; then
      echo "$before" >"$stamp"
      echo "Reference lane passed; wrote $stamp (commit it with the change)."
    else
      echo "Reference lane passed, but its inputs changed while it ran: $stamp not written." >&2
    fi ;;
  *)
    echo "usage: bash scripts/reference-lane.sh check|run [dotnet test arguments]" >&2
    exit 2 ;;
esac
