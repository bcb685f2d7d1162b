#!/usr/bin/env bash
# Protocol micro-benchmarks (issue 3) in one run: BenchmarkDotNet (bench/HlsSwarm.Bench: peer command encode/decode,
# CommandJoiner throughput, media playlist parsing) and the real hls.js 1.6.19 parser on the same playlist files
# (bench/hlsjs-parse.mjs). Both sides run one after the other on core 1 (taskset), at a high priority when allowed.
# Prints a markdown table and keeps the raw results under bench/results/protocol-<timestamp>/.
#
#   bench/protocol-bench.sh            # full run: BenchmarkDotNet default job, hls.js 5 s warm-up + 20 s per file
#   bench/protocol-bench.sh --quick    # smoke run: BenchmarkDotNet --job short, hls.js 1 s + 3 s (not comparable figures)
#
# Environment: NO_BUILD=1 skips the Release build; RESULTS (output directory); CORE (default 1);
#   BDN_ARGS (extra BenchmarkDotNet arguments, e.g. "--filter *Joiner*").
set -euo pipefail

# Run in a session of our own at a high priority when allowed (bench/own-session.sh says why; sets PRIO).
. "$(dirname "${BASH_SOURCE[0]}")/own-session.sh"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="${RESULTS:-$ROOT/bench/results/protocol-$STAMP}"
CORE="${CORE:-1}"
BENCH_DIR="$ROOT/bench/HlsSwarm.Bench"
BENCH_DLL="$BENCH_DIR/bin/Release/net10.0/HlsSwarm.Bench.dll"
export HLSSWARM_NODE_MODULES="$ROOT/web/node_modules"

log() { echo "[protocol-bench] $*" >&2; }

if (( QUICK )); then
  JOB=(--job short); WARMUP_MS=1000; RUN_MS=3000
else
  JOB=(); WARMUP_MS=5000; RUN_MS=20000
fi
command -v taskset >/dev/null || { log "taskset (util-linux) is required"; exit 1; }
if [[ -w /proc/self/autogroup ]]; then echo -15 > /proc/self/autogroup 2>/dev/null || true; fi
PIN=(taskset -c "$CORE")

[[ -f "$HLSSWARM_NODE_MODULES/hls.js/dist/hls.mjs" ]] || { log "web/node_modules is missing: run scripts/install-deps.sh"; exit 1; }
if [[ "${NO_BUILD:-0}" != 1 ]]; then
  log "building Release"
  dotnet build "$BENCH_DIR/HlsSwarm.Bench.csproj" -c Release -nologo -v quiet >&2
fi

mkdir -p "$RESULTS"
{ echo "date: $STAMP"; uname -srm; nproc --all; grep -m1 'model name' /proc/cpuinfo || true; node --version; dotnet --version; echo "core: $CORE; priority: ${PRIO[*]:-none}; quick: $QUICK"; } > "$RESULTS/machine.txt"
dotnet "$BENCH_DLL" prepare "$RESULTS/playlists" >&2

log "hls.js parse timing (core $CORE)"
"${PRIO[@]}" "${PIN[@]}" node "$ROOT/bench/hlsjs-parse.mjs" --warmup-ms "$WARMUP_MS" --run-ms "$RUN_MS" \
  "$RESULTS/playlists/vod-10000.m3u8" "$RESULTS/playlists/live-6.m3u8" > "$RESULTS/hlsjs.json"

log "BenchmarkDotNet (core $CORE)"
# BenchmarkDotNet finds the project from the working directory; its benchmark processes inherit the affinity.
# shellcheck disable=SC2086
(cd "$BENCH_DIR" && "${PRIO[@]}" "${PIN[@]}" dotnet "$BENCH_DLL" --filter '*' "${JOB[@]}" --exporters json \
  --artifacts "$RESULTS/bdn" ${BDN_ARGS:-} > "$RESULTS/bdn.log" 2>&1) || { tail -40 "$RESULTS/bdn.log" >&2; exit 1; }

node "$ROOT/bench/protocol-bench-table.mjs" "$RESULTS" | tee "$RESULTS/table.md"
log "results in $RESULTS"
