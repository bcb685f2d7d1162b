#!/usr/bin/env bash
# Viewer-analytics benchmark (issue 5), two parts:
#  1. beacons/s accepted by `hlsswarm serve` pinned to core 0 (SQLite file, batched writes), with many simulated
#     sessions posting over keep-alive HTTP/1.1 connections from a generator pinned to core 1;
#  2. dashboard query time (summary, series, sessions, graph, drill-down) over HTTP with 10,000 sessions stored,
#     and the time to rebuild the in-memory view from SQLite at restart (pinned to core 0).
#
#   bench/beacon-load.sh            # full run (~1.5 min)
#   bench/beacon-load.sh --quick    # smoke run (~30 s; short warm-up: not comparable figures)
#
# Environment: NO_BUILD=1 skips the Release build; PORT (default 18480); RESULTS (output directory);
#   CONNECTIONS (default 64), SESSIONS (default 10000).
set -euo pipefail

# Run in a session of our own at a high priority when allowed (bench/own-session.sh says why; sets PRIO).
. "$(dirname "${BASH_SOURCE[0]}")/own-session.sh"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1
PORT="${PORT:-18480}"
CONNECTIONS="${CONNECTIONS:-64}"
SESSIONS="${SESSIONS:-10000}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="${RESULTS:-$ROOT/bench/results/beacon-$STAMP}"
GEN_DLL="$ROOT/bench/HlsSwarm.BeaconLoad/bin/Release/net10.0/HlsSwarm.BeaconLoad.dll"
OUR_DLL="$ROOT/src/HlsSwarm.Cli/bin/Release/net10.0/hlsswarm.dll"
if (( QUICK )); then WARMUP=3; DURATION=8; ITERATIONS=10; else WARMUP=15; DURATION=30; ITERATIONS=50; fi

log() { echo "[beacon-load] $*" >&2; }
command -v taskset >/dev/null || { log "taskset (util-linux) is required"; exit 1; }
(( $(nproc --all) >= 2 )) || { log "needs 2 cores (server on core 0, generator on core 1)"; exit 1; }

if [[ "${NO_BUILD:-0}" != 1 ]]; then
  log "building Release"
  dotnet build "$ROOT/src/HlsSwarm.Cli/HlsSwarm.Cli.csproj" -c Release -nologo -v quiet >&2
  dotnet build "$ROOT/bench/HlsSwarm.BeaconLoad/HlsSwarm.BeaconLoad.csproj" -c Release -nologo -v quiet >&2
fi
mkdir -p "$RESULTS"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "host: $(uname -srm), $(nproc --all) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
  echo "dotnet: $(dotnet --version); commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (dirty)')"
  echo "priority: ${PRIO[*]:-default}; loadavg before: $(cat /proc/loadavg)"
} > "$RESULTS/machine.txt"

# The databases are scratch (not results): keep them out of bench/results.
SCRATCH="$(mktemp -d)"
DB="$SCRATCH/beacons.db"
SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
trap 'stop_server; rm -rf "$SCRATCH"' EXIT

# The rate limit is per client IP and every simulated viewer comes from 127.0.0.1: lift it for this run.
log "server on core 0: hlsswarm serve --analytics-db $DB"
"${PRIO[@]}" taskset -c 0 dotnet "$OUR_DLL" serve --urls "http://127.0.0.1:$PORT" --analytics-db "$DB" \
  --beacon-rate 1000000000 --beacon-burst 2000000000 --admin-token bench-admin-token >"$RESULTS/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do grep -q 'is running' "$RESULTS/server.log" 2>/dev/null && break; sleep 0.1; done
kill -0 "$SERVER_PID" 2>/dev/null || { log "server did not start:"; cat "$RESULTS/server.log" >&2; exit 1; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
before=$(cpu_ticks)
log "generator on core 1: $CONNECTIONS connections, $SESSIONS sessions, warm-up ${WARMUP}s, window ${DURATION}s"
"${PRIO[@]}" taskset -c 1 dotnet "$GEN_DLL" beacons --url "http://127.0.0.1:$PORT" --connections "$CONNECTIONS" \
  --sessions "$SESSIONS" --warmup "$WARMUP" --duration "$DURATION" | tee "$RESULTS/beacons.txt"
after=$(cpu_ticks)
echo "  server CPU over warm-up + window: $(( (after - before) / $(getconf CLK_TCK) )) s of $(( WARMUP + DURATION )) s" | tee -a "$RESULTS/beacons.txt"
curl -s "http://127.0.0.1:$PORT/metrics" | grep '^hlsswarm_beacons_total' | tee -a "$RESULTS/beacons.txt" || true
stop_server

log "queries on core 0: $SESSIONS sessions stored, $ITERATIONS requests per endpoint"
"${PRIO[@]}" taskset -c 0 dotnet "$GEN_DLL" queries --sessions "$SESSIONS" --beacons 3 --db "$SCRATCH/queries.db" \
  --iterations "$ITERATIONS" 2>/dev/null | grep -v -e '^info:' -e '^      ' | tee "$RESULTS/queries.txt"
log "results in $RESULTS"
