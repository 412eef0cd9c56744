#!/usr/bin/env bash
# The trained sweep's findings as Markdown tables, for docs/training.md and closing notes: builds the CLI (which copies the
# committed models/ beside it), then runs trained-numbers-fig6 and trained-numbers-collapse in full over those
# models (`superposition findings`) and prints the tables, also written as a Markdown file into <out> (the command's
# last line names it), with the trained sweep's page under <out>/reports/trained-sweep/.
#
#   bash scripts/findings.sh [out-folder] [--resume]
#
# The folder (default out/findings) is emptied first: `run` resumes finished work items by name, so results of
# models trained before would otherwise stand in for those of the models now committed. --resume keeps it, to
# finish an interrupted call.
set -euo pipefail
cd "$(dirname "$0")/.."

out="out/findings"
resume=0
for arg in "$@"; do
  case "$arg" in
    --resume) resume=1 ;;
    *) out="$arg" ;;
  esac
done

[ "$resume" = 1 ] || rm -rf "$out"
dotnet build src/Superposition.Cli/Superposition.Cli.csproj -c Release --nologo -v quiet
exec src/Superposition.Cli/bin/Release/net10.0/superposition findings --out "$out"
