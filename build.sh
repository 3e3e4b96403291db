#!/usr/bin/env bash
# One entry point for newcomers, CI and operators.
#   ./build.sh test    build everything and run every test project; ends with "N passed, N failed, N skipped"
#   ./build.sh bench   list the BenchmarkDotNet suites (run one with: ./build.sh bench <Project> [BDN args])
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results=artifacts/test-results

run_tests() {
  rm -rf "$results"
  dotnet build FlowSense.Actors.sln -c Release --nologo -v quiet -clp:ErrorsOnly
  start_throwaway_postgres
  local status=0 project name
  for project in tests/*/*.Tests.csproj; do
    name=$(basename "$project" .csproj)
    # One TRX per project, named after it; --blame-hang-timeout turns a hung test into a failure with a dump.
    dotnet test "$project" -c Release --no-build --nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
      --results-directory "$results" --blame-hang-timeout 5m "$@" || status=$?
  done
  summarize_trx
  return $status
}

# Tests that need PostgreSQL read FLOWSENSE_TEST_POSTGRES. Unless the caller set it, start a throwaway server
# (a fresh cluster on a free loopback port) and remove it on exit, whether the tests pass, fail or are interrupted.
start_throwaway_postgres() {
  if [ -n "${FLOWSENSE_TEST_POSTGRES:-}" ]; then return; fi
  local assignments
  assignments=$(database/throwaway-postgres.sh start)
  eval "$assignments"
  export FLOWSENSE_TEST_POSTGRES FLOWSENSE_TEST_POSTGRES_DIR
  trap 'database/throwaway-postgres.sh stop "$FLOWSENSE_TEST_POSTGRES_DIR"' EXIT
  trap 'exit 130' INT TERM # turn signals into an exit, so the EXIT trap runs
  echo "throwaway PostgreSQL at $FLOWSENSE_TEST_POSTGRES_DIR"
}

# Totals across every test project, from the TRX files each one wrote.
summarize_trx() {
  local passed=0 failed=0 skipped=0 files=0 f
  shopt -s nullglob
  for f in "$results"/*.trx; do
    files=$((files + 1))
    local line
    line=$(grep -o '<Counters [^>]*>' "$f" | head -1)
    passed=$((passed + $(attr passed "$line")))
    failed=$((failed + $(attr failed "$line") + $(attr error "$line") + $(attr timeout "$line") + $(attr aborted "$line")))
    skipped=$((skipped + $(attr notExecuted "$line")))
  done
  if [ "$files" -eq 0 ]; then
    echo "no test results were written (did the build fail?)" >&2
    failed=$((failed + 1))
  fi
  echo
  echo "$passed passed, $failed failed, $skipped skipped"
}

attr() { # attr NAME '<Counters ...>' -> the attribute's number, 0 if absent
  local v
  v=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2")
  echo "${v:-0}"
}

case "${1:-help}" in
  test) shift; run_tests "$@" ;;
  bench)
    shift
    if [ $# -eq 0 ]; then ls -1 benchmarks; exit 0; fi
    project=$1; shift
    dotnet run -c Release --project "benchmarks/$project" -- "$@" ;;
  *) sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
