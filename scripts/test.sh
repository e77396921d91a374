#!/usr/bin/env bash
# The README's test command: installs what the tests need (scripts/ensure-prerequisites.sh), then
# runs every test project, one at a time: the sandbox and web suites both train in the jail, and
# together they would fight over the cores and time each other out.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-prerequisites.sh
dotnet test QuestionBank.sln -m:1 "$@"
