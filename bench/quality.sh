#!/usr/bin/env bash
# Search quality benchmark: imports content/ (the five seeds and the glossary) into a throwaway
# cluster and prints nDCG@10, MRR and the share of zero-result queries per kind of the judged
# query set in tests/QuestionBank.Web.Tests/Search/judged-queries.json. A figure, not a test.
# Usage: bash bench/quality.sh [--verbose] [--list]
set -euo pipefail
cd "$(dirname "$0")/.."
# Needs only the PostgreSQL server binaries (scripts/ensure-prerequisites.sh installs them).
dotnet build -c Release bench/QuestionBank.Benchmarks -v quiet -nologo
dotnet bench/QuestionBank.Benchmarks/bin/Release/net10.0/QuestionBank.Benchmarks.dll --quality "$@"
