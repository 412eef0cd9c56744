#!/usr/bin/env bash
# The project's test command (README): installs the tools the tests need (system packages only as root, else it
# says which are missing), checks that every cited document exists, that Markdown code fences close, and the
# formatting, runs the trainer's Python tests, starts Azurite on free loopback ports, runs every test project, and
# stops Azurite again, also when tests fail. This whole run is what CI runs.
#
#   bash scripts/test.sh          everything (about 8-10 minutes on 2 cores)
#   bash scripts/test.sh --fast   the inner loop: builds, then runs only the tests that need no Azurite, Chromium,
#                                 Python, demo run or Bicep CLI (xunit trait "Needs", tests/Superposition.Testing/Needs.cs);
#                                 no npm, apt, format or document checks
set -euo pipefail
cd "$(dirname "$0")/.."

fast=0
for arg in "$@"; do
  case "$arg" in
    --fast) fast=1 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "scripts/test.sh: unknown argument '$arg' (expected --fast or nothing)" >&2; exit 2 ;;
  esac
done

log() { printf '\n== %s\n' "$*"; }

if [ "$fast" -eq 1 ]; then
  log "fast tier: restoring and building"
  dotnet build Serverless.sln -c Release -v quiet -nologo
  log "fast tier: running the tests without the trait Needs (no Azurite, Chromium, Python, demo or Bicep)"
  results=$(mktemp)
  status=0
  # Needs.Require makes a test that reaches one of these without its trait fail here, naming the trait to add.
  SUPERPOSITION_TEST_TIER=fast dotnet test Serverless.sln --no-build -c Release \
    --filter "Needs!=Azurite&Needs!=Chromium&Needs!=Python&Needs!=Demo&Needs!=Bicep" 2>&1 | tee "$results" || status=$?
  passed=$(grep -oE 'Passed: +[0-9]+' "$results" | awk '{s+=$2} END {print s+0}')
  failed=$(grep -oE 'Failed: +[0-9]+' "$results" | awk '{s+=$2} END {print s+0}')
  echo
  echo "tests (fast tier): $passed passed, $failed failed"
  exit "$status"
fi

log "installing Azurite from package-lock.json"
npm ci --no-audit --no-fund --loglevel=error

# The report tests open pages in headless Chromium (driven by Playwright's bundled driver, no browser download):
# $SUPERPOSITION_CHROMIUM, else the first of these names on PATH, the same the tests look for
# (tests/Superposition.Reports.Tests/Browser/ChromiumExecutable.cs). Plots are drawn in DejaVu Sans.
browsers=(chromium chromium-browser google-chrome google-chrome-stable)
missing=()
if [ -n "${SUPERPOSITION_CHROMIUM:-}" ]; then
  [ -x "$SUPERPOSITION_CHROMIUM" ] || { echo "SUPERPOSITION_CHROMIUM is $SUPERPOSITION_CHROMIUM, which is not an executable file"; exit 1; }
elif ! for b in "${browsers[@]}"; do command -v "$b" >/dev/null && break; done; then
  missing+=(chromium)
fi
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && ! fc-list 2>/dev/null | grep -q 'DejaVu Sans'; then
  missing+=(fonts-dejavu-core)
fi
# `superposition train`'s tests run training/train_gpt.py with /usr/bin/python3 and PyTorch (Debian's python3-torch).
if ! /usr/bin/python3 -c 'import torch' >/dev/null 2>&1; then
  missing+=(python3-torch)
fi
# Debian's torch calls libblas.so.3, the reference BLAS unless OpenBLAS provides it: training steps were 14 times slower.
if [ ! -e /usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3 ] && [ "$(uname -m)" = x86_64 ]; then
  missing+=(libopenblas0-openmp)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  # Installing system packages is done for the user only where that is already allowed: as root, with apt.
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    log "installing ${missing[*]} for the report and training tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "The report and training tests need packages that are missing: ${missing[*]}."
    echo "Install them with:  sudo apt-get install -y ${missing[*]}"
    if [[ " ${missing[*]} " == *" chromium "* ]]; then
      echo "(or set SUPERPOSITION_CHROMIUM to the path of a Chromium or Chrome executable)"
    fi
    exit 1
  fi
fi

log "checking that every document a repository file cites exists"
python3 scripts/check_references.py

log "checking that every Markdown code fence is closed"
python3 scripts/check_fences.py

log "checking that docs/architecture.md draws the project references the .csproj files have"
python3 scripts/project_graph.py

log "running the trainer's tests (training/test_*.py: PyTorch on the CPU, one thread)"
trainer_results=$(mktemp)
trainer_status=0
/usr/bin/python3 -m unittest training/test_train_gpt.py training/test_gpt_modules.py 2>&1 | tee "$trainer_results" || trainer_status=$?

log "restoring and building"
dotnet restore Serverless.sln
dotnet build Serverless.sln --no-restore -c Release

# infra/ (the azd template) with the Bicep CLI that restore took from NuGet (Azure.Bicep.CommandLine.linux-x64, no
# other download): `bicep build` and `bicep lint` of every file, and any diagnostic fails the run (bicepconfig.json makes
# every linter rule an error, and a compiler warning is printed, so printed output is the failure).
log "compiling and linting infra/ (bicep build, bicep lint: warnings are errors)"
bicep="$(dotnet msbuild tests/Superposition.Infrastructure.Tests/Superposition.Infrastructure.Tests.csproj -getProperty:PkgAzure_Bicep_CommandLine_linux-x64)/tools/bicep"
[ -x "$bicep" ] || chmod u+x "$bicep"
bicep_out=$(mktemp -d)
bicep_diagnostics=$( { "$bicep" build infra/main.bicep --outdir "$bicep_out" && "$bicep" lint --pattern 'infra/**/*.bicep'; } 2>&1 ) || bicep_status=$?
rm -rf "$bicep_out"
if [ "${bicep_status:-0}" -ne 0 ] || [ -n "$bicep_diagnostics" ]; then
  printf '%s\n' "$bicep_diagnostics"
  echo "bicep build/lint of infra/ failed (exit ${bicep_status:-0}); fix the diagnostics above"
  exit 1
fi
echo "infra/: bicep build and lint clean ($("$bicep" --version))"

log "checking formatting (dotnet format --verify-no-changes)"
dotnet format Serverless.sln --no-restore --verify-no-changes

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
blob_port=$(free_port); queue_port=$(free_port); table_port=$(free_port)
log "starting Azurite on 127.0.0.1 (blob $blob_port, queue $queue_port, table $table_port)"
azurite_log=$(mktemp)
node_modules/.bin/azurite --skipApiVersionCheck --inMemoryPersistence --loose \
  --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
  --tableHost 127.0.0.1 --tablePort "$table_port" >"$azurite_log" 2>&1 &
azurite_pid=$!
trap 'kill "$azurite_pid" 2>/dev/null || true; wait "$azurite_pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  if curl -s -o /dev/null "http://127.0.0.1:$blob_port/devstoreaccount1?comp=list" \
     && curl -s -o /dev/null "http://127.0.0.1:$queue_port/devstoreaccount1?comp=list"; then
    break
  fi
  if ! kill -0 "$azurite_pid" 2>/dev/null; then cat "$azurite_log"; echo "Azurite exited before answering"; exit 1; fi
  sleep 0.2
done
curl -s -o /dev/null "http://127.0.0.1:$blob_port/devstoreaccount1?comp=list" || { cat "$azurite_log"; echo "Azurite did not answer"; exit 1; }

# Azurite's well-known development account (public, not a secret), on this run's ports.
export SUPERPOSITION_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"

log "running tests"
results=$(mktemp)
status=0
dotnet test Serverless.sln --no-build -c Release 2>&1 | tee "$results" || status=$?

# One closing line over all test projects and the trainer's tests, in the plain 'N passed, N failed' form.
passed=$(grep -oE 'Passed: +[0-9]+' "$results" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$results" | awk '{s+=$2} END {print s+0}')
# (grep finds nothing when every trainer test passed: `|| true` keeps pipefail from ending the script there.)
trainer_ran=$({ grep -oE '^Ran [0-9]+' "$trainer_results" || true; } | awk '{s+=$2} END {print s+0}')
trainer_failed=$({ grep -oE '(failures|errors)=[0-9]+' "$trainer_results" || true; } | awk -F= '{s+=$2} END {print s+0}')
if [ "$trainer_status" -ne 0 ] && [ "$trainer_failed" -eq 0 ]; then trainer_failed=1; fi
passed=$((passed + trainer_ran - trainer_failed))
failed=$((failed + trainer_failed))
echo
echo "tests: $passed passed, $failed failed"
if [ "$status" -eq 0 ] && [ "$trainer_status" -ne 0 ]; then status=$trainer_status; fi
exit "$status"
