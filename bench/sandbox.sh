#!/usr/bin/env bash
# Sandbox benchmark: each reference's wall time and metric, cnn throughput in the jail against the
# same runtime root without namespaces or limits, queue-to-first-progress latency (cold, warm), the
# worker's own CPU under a minute of stdout flood (flood), and the lstm reference beside two busy loops (busy).
# Usage: bash bench/sandbox.sh [references] [corpus] [throughput] [latency] [flood] [busy] [exercise id...]   (no part: all;
# exercise ids narrow the references, e.g. `references transformer`)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-prerequisites.sh
dotnet build -c Release QuestionBank.sln -v quiet -nologo
dotnet bench/QuestionBank.Sandbox.Benchmarks/bin/Release/net10.0/QuestionBank.Sandbox.Benchmarks.dll "$@"
