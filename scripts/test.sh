#!/usr/bin/env bash
# The test command: installs and starts the real servers (Dovecot, Postfix; libwbxml's tools),
# runs every test of every module against them (unit, transcript, in-process GreenMail, fuzz
# regression, and the *IT real-server tests), checks that a runtime dependency in a library module
# fails the build, smoke-runs every benchmark once, and stops the servers.
#
# Needs root for apt-get (the first time) and Maven. Without root, `mvn test` runs every test that
# needs no real server.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

log() { printf '\n== %s\n' "$*"; }

if [ "$(id -u)" = 0 ]; then
  log "installing what the tests need (idempotent)"
  bash scripts/rig/install.sh
  command -v mvn >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends maven
elif ! command -v dovecot >/dev/null && [ ! -x /usr/sbin/dovecot ]; then
  echo "scripts/test.sh: the real servers are not installed and installing them needs root." >&2
  echo "Run it as root, or run the tests that need no server with: mvn test" >&2
  exit 1
fi

rig_dir=$(mktemp -d /tmp/mw.XXXX)
cleanup() { bash scripts/rig/stop.sh "$rig_dir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
log "starting Dovecot and Postfix on 127.0.0.1"
rig=$(bash scripts/rig/start.sh "$rig_dir" | tail -1)
echo "rig: $rig"

log "building and running every test (mvn install, real servers on)"
mvn -B -ntp install -Dmailwire.rig="$rig"

log "a runtime dependency in a library module must fail the build"
bash scripts/check-zero-deps.sh

log "benchmarks: one short iteration each (a smoke run; no timing is judged)"
smoke=benchmarks/target/bench-smoke.log
BENCH_SKIP_BUILD=1 BENCH_QUICK=1 bash benchmarks/run.sh . >"$smoke" 2>&1 || { tail -50 "$smoke"; exit 1; }
grep -q '^Benchmark result is saved' "$smoke"
sed -n '/^| benchmark/,$p' "$smoke"

log "summary"
python3 scripts/test-summary.py
