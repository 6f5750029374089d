#!/usr/bin/env bash
# N processes share one chain (heap | redis | file) and run kv bench on the same keys with writes:
# every write in one process must reach the others' heap tiers. Each process samples 1% of its hits
# against the file store (cache.verifyRate) and reports how many were stale.
# Usage: kv-bench/coherence-bench.sh [PROCESSES] [DURATION]   (default 3 20s; needs redis-server)
set -euo pipefail
processes=${1:-3}
duration=${2:-20s}
cd "$(dirname "$0")/.."
[ -f kv-cli/target/kv.jar ] || mvn -B -q -DskipTests package
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
cleanup() { [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.05; done
chain="heap://?maxEntries=10000&cache.verifyRate=0.01 | redis://127.0.0.1:$port/0?prefix=zipf: | file:$dir/data"
echo "chain: $chain"
echo "$processes processes, $duration, 1,000 keys, 95% reads on Zipfian keys, 2 threads each"
pids=()
for i in $(seq "$processes"); do
  ./kv bench --store "$chain" --keys 1000 --reads 0.95 --threads 2 --duration "$duration" --warmup 2s --keep \
    > "$dir/out-$i.txt" 2>&1 &
  pids+=("$!")
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
for i in $(seq "$processes"); do
  echo "--- process $i"
  grep -E "^(read|write|total) |consistency probe" "$dir/out-$i.txt" || cat "$dir/out-$i.txt"
done
echo "--- PUBLISH calls counted by the server: $(redis-cli -p "$port" info commandstats | grep -o 'cmdstat_publish:calls=[0-9]*' || echo none)"
exit $status
