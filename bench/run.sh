#!/usr/bin/env bash
# Load benchmark: 100,000-question bank, web app in its own process, load from this one over loopback,
# idle and again while a sandbox worker process trains the cnn reference.
# Usage: bash bench/run.sh [--questions N] [--requests N] [--warmup N] [--concurrency N] [--import-only]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-prerequisites.sh
dotnet build -c Release QuestionBank.sln -v quiet -nologo
dotnet bench/QuestionBank.Benchmarks/bin/Release/net10.0/QuestionBank.Benchmarks.dll "$@"
