#!/usr/bin/env bash
# Quick side-by-side benchmark pass: builds the JMH jar, runs the benchmarks matching REGEX (all by
# default) with -prof gc, and prints a table per benchmark class: each mailwire* benchmark next to
# each competitor (angus*, commonsNet*, ceiling*) with the same parameters, the ratio, and bytes
# allocated per operation.
#
#   benchmarks/run.sh [REGEX] [-- extra JMH options]     e.g. benchmarks/run.sh LineScan -- -i 10
#   BENCH_QUICK=1 benchmarks/run.sh                       one short iteration each (a smoke run)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
regex=${1:-.}
shift || true
[ "${1:-}" = "--" ] && shift
out="$here/target/jmh-result.json"
if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  (cd "$root" && mvn -B -q -DskipTests install -pl benchmarks -am) >&2
fi
if [ "${BENCH_QUICK:-}" = 1 ]; then
  opts=(-f 1 -wi 0 -i 1 -w 200ms -r 200ms)
else
  opts=(-f 1 -wi 3 -i 5 -w 1s -r 1s)
fi
java -Djmh.ignoreLock=true -jar "$here/target/benchmarks.jar" "$regex" "${opts[@]}" -prof gc -rf json -rff "$out" "$@"
java -version 2>&1 | head -1
python3 "$here/table.py" "$out"
