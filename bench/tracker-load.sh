#!/usr/bin/env bash
# Tracker load benchmark (issue 2): the same offered load against the reference bittorrent-tracker 11.2.3 server
# and against `hlsswarm tracker`, each tracker pinned to core 1 and the load generator pinned to core 0, all on
# 127.0.0.1. Prints a comparison table and keeps the raw JSON of every run under bench/results/<timestamp>/.
# Issue 6 (tracker cluster), in the same run and at the same load points: `hlsswarm tracker` with a private
# redis-server (1 node), and 2 nodes sharing it with the connections spread over both (every other offer and answer
# crosses nodes); trackers and redis-server on core 1. Adds Redis operations per announce (INFO commandstats deltas),
# the trackers' own round-trip count, and CPU per message of trackers and Redis (a second table).
#
#   bench/tracker-load.sh            # full run: 3 load points × 4 setups + 10,000 idle connections (~12 min)
#   bench/tracker-load.sh --quick    # smoke run: small points, ~2 min (2 s warm-up: not comparable figures)
#
# Environment: NO_BUILD=1 skips the Release build; BASE_PORT (default 18000); RESULTS (output directory);
#   OUR_FLAGS (extra flags for `hlsswarm tracker`, default raises the per-connection announce rate limit, see below);
#   CLUSTER=0 skips the Redis setups (issue-2 comparison only); REDIS_SERVER (default redis-server).
set -euo pipefail

# Run in a session of our own at a high priority when allowed (bench/own-session.sh says why; sets PRIO).
. "$(dirname "${BASH_SOURCE[0]}")/own-session.sh"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1
BASE_PORT="${BASE_PORT:-18000}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="${RESULTS:-$ROOT/bench/results/$STAMP}"
GEN_DLL="$ROOT/bench/HlsSwarm.Tracker.LoadTest/bin/Release/net10.0/HlsSwarm.Tracker.LoadTest.dll"
OUR_DLL="$ROOT/src/HlsSwarm.Cli/bin/Release/net10.0/hlsswarm.dll"
REF_DIR="$ROOT/bench/reference-tracker"
# The benchmark compresses a real re-announce interval (120 s) into 1–5 s, so every connection sends ~6 messages/s
# (1 announce + ~5 answers), bursty under overload; the default abuse limit (10/s, burst 50) would then answer with
# "rate limit exceeded". The reference server has no such limit. Everything else stays at its default.
OUR_FLAGS="${OUR_FLAGS:---announces-per-second 1000 --announce-burst 5000}"

# Load points: name connections swarms interval_s warmup_s duration_s. The 30 s warm-up is needed by .NET: under
# load, tiered compilation (PGO-instrumented code) takes ~25 s to reach its final code, and the tracker uses ~35 %
# more CPU per message before that (measured with 5 s slices of /proc/PID/stat). Both trackers get the same warm-up.
if (( QUICK )); then
  POINTS=("q-500c-1s 500 10 1 2 5")
  IDLE_CONNECTIONS=1000
else
  POINTS=(
    "5000c-1s 5000 100 1 30 20"
    "5000c-5s 5000 100 5 30 25"
    "10000c-5s 10000 200 5 30 25"
  )
  IDLE_CONNECTIONS=10000
fi

log() { echo "[tracker-load] $*" >&2; }

need_fds=$(( IDLE_CONNECTIONS + 2000 ))
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if (( $(ulimit -n) < need_fds )); then
  log "open-file limit $(ulimit -n) is below $need_fds; raise it (ulimit -n) and retry"; exit 1
fi
ports=($(cat /proc/sys/net/ipv4/ip_local_port_range))
if (( ports[1] - ports[0] < IDLE_CONNECTIONS + 2000 )); then
  log "ephemeral port range ${ports[*]} is too small for $IDLE_CONNECTIONS connections"; exit 1
fi
command -v taskset >/dev/null || { log "taskset (util-linux) is required"; exit 1; }
CLUSTER="${CLUSTER:-1}"
REDIS_SERVER="${REDIS_SERVER:-redis-server}"
if [[ $CLUSTER == 1 ]] && ! command -v "$REDIS_SERVER" >/dev/null; then
  log "redis-server not found (scripts/install-deps.sh installs it; CLUSTER=0 skips the cluster setups)"; exit 1
fi
KINDS=(reference hlsswarm)
[[ $CLUSTER == 1 ]] && KINDS+=(hlsswarm-redis hlsswarm-redis-2n)
# On a shared machine other work would steal the pinned cores and turn a CPU-efficiency comparison into a
# scheduling lottery: run tracker and generator at a high priority when allowed (root or CAP_SYS_NICE), both
# for this session's autogroup and for the processes themselves.
if [[ -w /proc/self/autogroup ]]; then echo -15 > /proc/self/autogroup 2>/dev/null || true; fi
(( $(nproc --all) >= 2 )) || { log "needs 2 cores (tracker on core 1, generator on core 0)"; exit 1; }

if [[ "${NO_BUILD:-0}" != 1 ]]; then
  log "building Release"
  dotnet build "$ROOT/src/HlsSwarm.Cli/HlsSwarm.Cli.csproj" -c Release -nologo -v quiet >&2
  dotnet build "$ROOT/bench/HlsSwarm.Tracker.LoadTest/HlsSwarm.Tracker.LoadTest.csproj" -c Release -nologo -v quiet >&2
fi
if [[ ! -d "$REF_DIR/node_modules/bittorrent-tracker" ]]; then
  log "installing bittorrent-tracker (npm ci --ignore-scripts)"
  (cd "$REF_DIR" && npm ci --ignore-scripts --no-audit --no-fund >&2)
fi
mkdir -p "$RESULTS"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "host: $(uname -srm), $(nproc --all) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
  echo "dotnet: $(dotnet --version), node: $(node --version), bittorrent-tracker: $(node -p "require('$REF_DIR/node_modules/bittorrent-tracker/package.json').version")"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (dirty)')"
  echo "priority: ${PRIO[*]:-default}, $(cat /proc/self/autogroup 2>/dev/null || echo 'no autogroup'); loadavg before: $(cat /proc/loadavg)"
  echo "hlsswarm flags: --max-connections-per-ip 0 --interval 120 $OUR_FLAGS"
  [[ $CLUSTER == 1 ]] && echo "redis: $("$REDIS_SERVER" --version | head -1)"
} > "$RESULTS/machine.txt"

TRACKER_PID=""
TRACKER_PIDS=()
URLS=()
REDIS_PID=""
REDIS_PORT=""
stop_pid() {
  local pid=$1
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
}
stop_tracker() {
  for pid in "${TRACKER_PIDS[@]}"; do stop_pid "$pid"; done
  stop_pid "$REDIS_PID"
  TRACKER_PID=""; TRACKER_PIDS=(); URLS=(); REDIS_PID=""; REDIS_PORT=""
}
trap stop_tracker EXIT

# start_redis PORT → sets REDIS_PID and REDIS_PORT (private, no persistence, on core 1 with the trackers)
start_redis() {
  local port=$1 logf="$RESULTS/redis-$1.log"
  "${PRIO[@]}" taskset -c 1 "$REDIS_SERVER" --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
    --dir "$RESULTS" --dbfilename "redis-$port.rdb" >"$logf" 2>&1 &
  REDIS_PID=$!
  REDIS_PORT=$port
  for _ in $(seq 100); do grep -q 'Ready to accept connections' "$logf" 2>/dev/null && break; sleep 0.1; done
  kill -0 "$REDIS_PID" 2>/dev/null || { log "redis-server did not start:"; cat "$logf" >&2; exit 1; }
}

# start_tracker reference|hlsswarm PORT [extra hlsswarm flags…] → appends to TRACKER_PIDS and URLS
start_tracker() {
  local kind=$1 port=$2 logf="$RESULTS/$1-$2.log" pid
  shift 2
  if [[ $kind == reference ]]; then
    (cd "$REF_DIR" && exec "${PRIO[@]}" taskset -c 1 node server.mjs --port "$port" --host 127.0.0.1) >"$logf" 2>&1 &
    pid=$!
    URLS+=("ws://127.0.0.1:$port/")
    for _ in $(seq 100); do grep -q '^listening' "$logf" 2>/dev/null && break; sleep 0.1; done
  else
    # shellcheck disable=SC2086
    "${PRIO[@]}" taskset -c 1 dotnet "$OUR_DLL" tracker --urls "http://127.0.0.1:$port" \
      --max-connections-per-ip 0 --interval 120 $OUR_FLAGS "$@" >"$logf" 2>&1 &
    pid=$!
    URLS+=("ws://127.0.0.1:$port/announce")
    for _ in $(seq 100); do grep -q 'is running' "$logf" 2>/dev/null && break; sleep 0.1; done
  fi
  kill -0 "$pid" 2>/dev/null || { log "$kind tracker did not start:"; cat "$logf" >&2; exit 1; }
  TRACKER_PIDS+=("$pid")
  TRACKER_PID=${TRACKER_PIDS[0]}
  URL=${URLS[0]}
  sleep 1  # let it finish start-up work before the RSS baseline
}

# start_setup KIND PORT: reference | hlsswarm (1 node) | hlsswarm-redis (1 node + Redis) | hlsswarm-redis-2n
start_setup() {
  local kind=$1 port=$2
  case $kind in
    reference|hlsswarm) start_tracker "$kind" "$port" ;;
    hlsswarm-redis)
      start_redis $((port + 5000))
      start_tracker hlsswarm "$port" --redis "127.0.0.1:$REDIS_PORT" --node-id bench-1 ;;
    hlsswarm-redis-2n)
      start_redis $((port + 5000))
      start_tracker hlsswarm "$port" --redis "127.0.0.1:$REDIS_PORT" --node-id bench-1
      start_tracker hlsswarm $((port + 2000)) --redis "127.0.0.1:$REDIS_PORT" --node-id bench-2 ;;
  esac
}

run_generator() {  # name kind args...
  local name=$1 kind=$2; shift 2
  local out="$RESULTS/$name-$kind.json" targets=()
  for u in "${URLS[@]}"; do targets+=(--url "$u"); done
  for p in "${TRACKER_PIDS[@]}"; do targets+=(--tracker-pid "$p"); done
  [[ -n "$REDIS_PID" ]] && targets+=(--redis "127.0.0.1:$REDIS_PORT" --redis-pid "$REDIS_PID")
  "${PRIO[@]}" taskset -c 0 dotnet "$GEN_DLL" "${targets[@]}" --label "$kind" --output "$out" "$@" >/dev/null
  log "  → $(basename "$out")"
}

port=$BASE_PORT
START=$(date +%s)
for point in "${POINTS[@]}"; do
  read -r name conns swarms interval warmup duration <<<"$point"
  for kind in "${KINDS[@]}"; do
    port=$((port + 1))
    log "$name: $kind on core 1, $conns connections / $swarms swarms, re-announce every ${interval}s, warm-up ${warmup}s, window ${duration}s"
    start_setup "$kind" "$port"
    run_generator "$name" "$kind" --mode load --connections "$conns" --swarms "$swarms" --interval "$interval" \
      --warmup "$warmup" --duration "$duration"
    stop_tracker
    sleep 2
  done
done
for kind in hlsswarm reference; do
  port=$((port + 1))
  log "idle: $kind on core 1, $IDLE_CONNECTIONS connections that announce once and stay idle"
  start_tracker "$kind" "$port"
  run_generator "idle-${IDLE_CONNECTIONS}c" "$kind" --mode idle --connections "$IDLE_CONNECTIONS" \
    --swarms $(( IDLE_CONNECTIONS / 50 )) --settle 5
  stop_tracker
  sleep 2
done
log "done in $(( $(date +%s) - START )) s; raw JSON in $RESULTS"
echo "loadavg after: $(cat /proc/loadavg)" >> "$RESULTS/machine.txt"
cat "$RESULTS/machine.txt"

node "$ROOT/bench/tracker-load-table.mjs" "$RESULTS" | tee "$RESULTS/table.md"
