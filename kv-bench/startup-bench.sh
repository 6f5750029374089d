#!/usr/bin/env bash
# Whole-process start-up: wall time of one-shot reads, from fork to exit, in interleaved rounds.
# Each round runs, for every launcher given (default: this checkout's ./kv):
#   kv cat of a file: key   and   kv cat of a redis: key (its own redis-server, on a free loopback port),
# then the same Redis read as a Python one-shot (redis-py; a raw-socket RESP GET when redis-py is missing).
# Prints each series' median wall time, the ratios the targets are stated in, and the median CPU time
# (user + system; less sensitive than wall time to other work on the machine).
# Usage: kv-bench/startup-bench.sh [-n ROUNDS] [KV_LAUNCHER...]      (default 10 rounds; needs redis-server, python3)
# Example, main's jar against this one: kv-bench/startup-bench.sh -n 10 /tmp/start-before/kv ./kv
set -euo pipefail
rounds=10
if [[ "${1:-}" == -n ]]; then
  rounds=$2
  shift 2
fi
cd "$(dirname "$0")/.."
launchers=("$@")
[[ ${#launchers[@]} -gt 0 ]] || launchers=(./kv)
for launcher in "${launchers[@]}"; do
  [[ -x "$launcher" ]] || { echo "startup-bench: $launcher is not an executable kv launcher" >&2; exit 2; }
done

dir=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
cleanup() {
  if [[ -f "$dir/redis.pid" ]]; then
    local pid
    pid=$(cat "$dir/redis.pid")
    kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done   # it writes in $dir until it has exited
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.05; done

key=startup/value
file_store="file:$dir/data"
redis_store="redis://127.0.0.1:$port/0"
head -c 1024 /dev/urandom > "$dir/value"
"${launchers[0]}" --store "$file_store" put "$key" "$dir/value"
"${launchers[0]}" --store "$redis_store" put "$key" "$dir/value"

if python3 -c 'import redis' 2>/dev/null; then
  python_read="import redis, sys; sys.stdout.buffer.write(redis.Redis(host='127.0.0.1', port=$port).get('$key'))"
  python_label="python redis-py $(python3 -c 'import redis; print(redis.__version__)')"
else
  # No redis-py: the leanest possible client, a RESP GET over a socket (a lower bar than a real client).
  python_read="import socket, sys
s = socket.create_connection(('127.0.0.1', $port)); s.sendall(b'*2\r\n\$3\r\nGET\r\n\$${#key}\r\n$key\r\n')
f = s.makefile('rb'); n = int(f.readline()[1:]); sys.stdout.buffer.write(f.read(n))"
  python_label="python raw-socket RESP GET (redis-py is not installed)"
fi

# Seconds of CPU (user + system) that this shell's finished children used, from the `times` builtin
# (run in this shell, not a subshell, so that it sees them), as written to a file.
children_cpu() { tail -1 "$1" | awk '{ for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] } print s }'; }

# One timed run: appends its wall seconds to the series file and its CPU seconds to SERIES-cpu; the
# output must be the value.
timed() {
  local series=$1
  shift
  times > "$dir/times-before"
  local start=$EPOCHREALTIME
  "$@" > "$dir/out"
  local end=$EPOCHREALTIME
  times > "$dir/times-after"
  cmp -s "$dir/out" "$dir/value" || { echo "startup-bench: '$*' did not print the value" >&2; exit 1; }
  python3 -c "print(f'{$end - $start:.4f}')" >> "$dir/$series"
  python3 -c "print(f'{$(children_cpu "$dir/times-after") - $(children_cpu "$dir/times-before"):.3f}')" >> "$dir/$series-cpu"
}

echo "$rounds rounds, 1 KiB value; launchers: ${launchers[*]}; $python_label; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
  for i in "${!launchers[@]}"; do
    timed "file-$i" "${launchers[$i]}" --store "$file_store" cat "$key"
    timed "redis-$i" "${launchers[$i]}" --store "$redis_store" cat "$key"
  done
  timed python python3 -c "$python_read"
done

median() { sort -n "$dir/$1" | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
python_median=$(median python)
printf '%-44s %9s %9s %9s %9s %9s\n' "median of $rounds, seconds" "file:" "redis:" "redis/py" "file: cpu" "redis cpu"
for i in "${!launchers[@]}"; do
  file=$(median "file-$i")
  redis=$(median "redis-$i")
  printf '%-44s %9.3f %9.3f %8.2fx %9.3f %9.3f\n' "kv cat (${launchers[$i]})" "$file" "$redis" \
    "$(python3 -c "print($redis / $python_median)")" "$(median "file-$i-cpu")" "$(median "redis-$i-cpu")"
done
printf '%-44s %9s %9.3f %8.2fx %9s %9.3f\n' "$python_label" "" "$python_median" 1 "" "$(median python-cpu)"
if [[ ${#launchers[@]} -gt 1 ]]; then
  last=$((${#launchers[@]} - 1))
  echo "last / first launcher: file: $(python3 -c "print(f'{$(median "file-$last") / $(median file-0):.2f}x')"),"\
    "redis: $(python3 -c "print(f'{$(median "redis-$last") / $(median redis-0):.2f}x')")"
fi
echo "targets: kv cat of a file: key under 0.4 s; the redis: read at most 2x the Python one-shot"
