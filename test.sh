#!/usr/bin/env bash
# Runs every test of ConsultFlow from a fresh clone on a fresh Debian machine: installs what the tests need
# (PostgreSQL, RabbitMQ, Chromium and CJK fonts from Debian's packages when absent), starts a throw-away PostgreSQL and
# RabbitMQ on loopback, builds (the web app too), runs every test project and the web app's component tests, and ends
# with one line: "dotnet: N passed, N failed, N skipped" (all suites added up).
# Arguments (optional) pick suites, e.g. "./test.sh ConsultFlow.Engine.Tests vitest"; none runs them all.
set -euo pipefail
cd "$(dirname "$0")"
selected=" $* "
wanted() { [ "$selected" = "  " ] || [[ "$selected" == *" $1 "* ]]; }
root=$(pwd)

log() { printf '==> %s\n' "$*"; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- what the tests need ---------------------------------------------------------------------------------------
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js 20+ with npm is required to build the web app." >&2; exit 1; }
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
if [ "${#missing[@]}" -gt 0 ]; then
  log "Installing ${missing[*]} from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

# --- a throw-away PostgreSQL on loopback -------------------------------------------------------------------------
pgdir=$(mktemp -d /tmp/consultflow-pg.XXXXXX)
pgport=$(( 20000 + RANDOM % 20000 ))
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pgdir"
rmqdir=$(mktemp -d /tmp/consultflow-rmq.XXXXXX)
rmqport=$(( 20000 + RANDOM % 20000 ))
stop_services() {
  run_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
  "$root/tests/tools/rabbitmq.sh" stop "$rmqdir" "$rmqport"
  rm -rf "$pgdir" "$rmqdir"
}
trap stop_services EXIT
log "Starting PostgreSQL ($("$pgbin/postgres" --version)) on 127.0.0.1:$pgport"
run_pg "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 --no-locale --no-sync >/dev/null
run_pg "$pgbin/pg_ctl" -D "$pgdir/data" -w -l "$pgdir/log" \
  -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
export CONSULTFLOW_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres;Pooling=true"

# --- a throw-away RabbitMQ on loopback (tests restart it through tests/tools/rabbitmq.sh ctl DIR PORT) -------------
log "Starting RabbitMQ on 127.0.0.1:$rmqport"
"$root/tests/tools/rabbitmq.sh" start "$rmqdir" "$rmqport"
export CONSULTFLOW_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$rmqport/"
export CONSULTFLOW_TEST_RABBITMQ_DIR="$rmqdir" CONSULTFLOW_TEST_RABBITMQ_PORT="$rmqport"

# --- build and test ----------------------------------------------------------------------------------------------
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
log "Building"
dotnet build ConsultFlow.sln -c Release -nologo -v quiet ${CONSULTFLOW_BUILD_ARGS:-}
status=0
for project in tests/*.Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  wanted "$name" || continue
  log "Testing $name"
  dotnet test "$project" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=$?
done
# The web app's component tests (vitest), counted with the rest.
if [ -f Designer/package.json ] && wanted vitest; then
  log "Testing Designer (vitest)"
  (cd Designer && npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json") || status=$?
fi
# Show what the conformance and other reporting tests printed.
grep -ho 'jsonlogic conformance: [0-9]*/[0-9]* passed' "$results"/*.trx 2>/dev/null | head -n 1 || true

# --- one closing line for CI -------------------------------------------------------------------------------------
passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ -f "$results/vitest.json" ]; then
  files=$((files + 1))
  read -r vp vf vs < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests,r.numFailedTests,r.numPendingTests+r.numTodoTests)' "$results/vitest.json")
  passed=$((passed + vp)); failed=$((failed + vf)); skipped=$((skipped + vs))
fi
if [ "$files" -eq 0 ]; then
  echo "No test results were written." >&2
  status=1
fi
[ "$failed" -gt 0 ] && status=1
echo "dotnet: $passed passed, $failed failed, $skipped skipped"
exit "$status"
