#!/usr/bin/env bash
# Measures what a flood of bad-token API requests costs the store: heap after a full GC, audit log
# entries and database bytes before and after, and the restart time before and after. The store
# runs as the demo under -Xmx256m on 127.0.0.1 only, with no simulated shoppers.
#
# Usage (from the repository root, after
#   mvn -B -q -o -DskipTests -Djavadoc.skip=true -pl reference-store -am package):
#   benchmarks/scripts/bad-token-flood.sh [REQUESTS] [THREADS] [PORT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/reference-store/target/reference-store-0.1.0-SNAPSHOT-all.jar"
requests="${1:-1000000}"
threads="${2:-8}"
port="${3:-18097}"
data="$(mktemp -d)"
log="$data.log"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; true' EXIT

start() {
  local t0 t1
  t0=$(date +%s%N)
  java -Xmx256m -jar "$jar" store demo --kind micromarket --data "$data" --port "$port" \
      --shoppers 0 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
      t1=$(date +%s%N)
      echo "start: $(( (t1 - t0) / 1000000 )) ms to /health; $(grep -o 'ready in [0-9]* ms' "$log" || true)"
      return
    fi
    sleep 0.1
  done
  echo "the store did not start; its log:" >&2
  cat "$log" >&2
  exit 1
}

stop() {
  kill -TERM "$pid"
  wait "$pid" || true
  pid=""
}

measure() {
  jcmd "$pid" GC.run >/dev/null
  local heap
  heap=$(jcmd "$pid" GC.heap_info | grep -o 'used [0-9]*K' | head -1)
  local entries
  entries=$(curl -fsS -H 'Authorization: Bearer demo-auditor' \
      "http://127.0.0.1:$port/api/audit/verify" | grep -o '"entries":[0-9]*')
  echo "$1: heap after GC $heap, audit $entries, database $(du -sb "$data" | cut -f1) bytes"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
start
stop
start
measure before
# two halves, measured between them: a trend would show as growth in the second half too
java "$root/benchmarks/scripts/BadTokenFlood.java" "$port" "$((requests / 2))" "$threads"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "after the first half (this minute's summary not yet written)"
java "$root/benchmarks/scripts/BadTokenFlood.java" "$port" "$((requests - requests / 2))" "$threads"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "after the second half (this minute's summary not yet written)"
stop
start
measure "after a restart"
stop
rm -rf "$data" "$log"
