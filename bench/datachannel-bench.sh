#!/usr/bin/env bash
# WebRTC data-channel benchmark (issue 4): `hlsswarm bench datachannel --json` in one process, one measurement after
# the other: ours to ours on UDP loopback (256 and 64 KiB messages, CPU), raw DTLS 1.2 over UDP loopback (the
# ceiling) and in memory, connection set-up, the SCTP/DCEP cores over the virtual network (50/100/200 ms RTT, 0 and
# 1 % loss), memory per idle connection, and ours to/from headless Chromium plus Chromium to Chromium. Saves the JSON
# under bench/results/datachannel-<timestamp>/ and prints a markdown table.
#
#   bench/datachannel-bench.sh            # full run: 200 MB (or 10 s) per loopback/DTLS run, 100 MB per Chromium run
#   bench/datachannel-bench.sh --quick    # smoke run: 20 MB or 2 s per run (not comparable figures)
#   bench/datachannel-bench.sh -- --skip-chromium --bytes 500000000   # anything after -- goes to the command
#
# Not pinned: our two peers, and Chromium's processes, each use both cores. Chromium needs root (network namespace)
# and Debian's chromium (scripts/install-deps.sh); without them its figures are null and the run still succeeds.
# Environment: NO_BUILD=1 skips the Release build; RESULTS (output directory).
set -euo pipefail

# Run in a session of our own at a high priority when allowed (bench/own-session.sh says why; sets PRIO).
. "$(dirname "${BASH_SOURCE[0]}")/own-session.sh"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ARGS=()
if [[ "${1:-}" == "--quick" ]]; then ARGS=(--seconds 2 --bytes 20000000); shift; fi
if [[ "${1:-}" == "--" ]]; then shift; ARGS+=("$@"); fi
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="${RESULTS:-$ROOT/bench/results/datachannel-$STAMP}"
DLL="$ROOT/src/HlsSwarm.Cli/bin/Release/net10.0/hlsswarm.dll"

log() { echo "[datachannel-bench] $*" >&2; }

if [[ -w /proc/self/autogroup ]]; then echo -15 > /proc/self/autogroup 2>/dev/null || true; fi
command -v jq >/dev/null || { log "jq is required for the table (apt-get install jq)"; exit 1; }

if [[ "${NO_BUILD:-0}" != 1 ]]; then
  log "building Release"
  dotnet build "$ROOT/src/HlsSwarm.Cli/HlsSwarm.Cli.csproj" -c Release -nologo -v quiet >&2
fi

mkdir -p "$RESULTS"
{ echo "date: $STAMP"; uname -srm; nproc --all; grep -m1 'model name' /proc/cpuinfo || true; dotnet --version;
  chromium --version 2>/dev/null || echo "chromium: not installed"; echo "args: ${ARGS[*]:-}"; echo "priority: ${PRIO[*]:-none}"; } > "$RESULTS/machine.txt"

status=0
"${PRIO[@]}" dotnet "$DLL" bench datachannel --json "${ARGS[@]}" > "$RESULTS/datachannel.json" 2> >(tee "$RESULTS/progress.log" >&2) || status=$?
if ! jq -e . "$RESULTS/datachannel.json" >/dev/null 2>&1; then
  log "no JSON result (exit code $status); see $RESULTS/progress.log"
  exit "${status:-1}"
fi

jq -r '
  def n(x): if x == null then "null" else (x * 10 | round / 10 | tostring) end;
  def ms(s): if s == null then "null" else "\(n(s.p50)) / \(n(s.p95)) (first \(n(s.cold)))" end;
  "Run \(.machine.cores) cores, load average \(.machine.loadAverage | map(tostring) | join(" ")) at start, \(.machine.runtime)\n",
  "| Measure | Result | Target / reference |",
  "|---|---:|---|",
  "| ours → ours, loopback, 256 KiB messages | \(n(.oursToOursMbps)) Mbit/s | ≥ 600 (pion ~570, libdatachannel 500–1,000, SIPSorcery ~65) |",
  "| ours → ours, loopback, 64 KiB messages | \(n(.oursToOurs64KiBMbps)) Mbit/s | |",
  "| CPU, both peers | \(n(.coresPerGbps)) cores per Gbit/s | |",
  "| raw DTLS 1.2 over UDP loopback (1195-byte records) | \(n(.dtlsOnlyMbps)) Mbit/s | the ceiling |",
  "| raw DTLS 1.2 in memory | \(n(.dtlsInMemoryMbps)) Mbit/s | |",
  "| ours ÷ raw DTLS | \(.oursToDtlsRatio) | ≥ 0.6 |",
  "| set-up on loopback, p50 / p95 ms | \(ms(.setupMs)) | ≤ 100 ms |",
  (.virtual[] | "| virtual network, \(.rttMs) ms RTT, \(.lossPercent) % loss | \(n(.mbps)) Mbit/s | \(if .rttMs == 100 and .lossPercent == 0 then "≥ 40 (pion 45)" else "" end) |"),
  "| idle connection (K = \(.idleConnections)) | \(.idleConnectionBytes / 1024 | round) KiB heap, \(.idleConnectionWorkingSetBytes / 1024 | round) KiB working set, \(.idleConnectionThreads) threads | a peer keeps 20–50 |",
  "| ours → Chromium, 256 KiB messages | \(n(.oursToChromiumMbps)) Mbit/s | ≥ Chromium → Chromium |",
  "| Chromium → ours | \(n(.chromiumToOursMbps)) Mbit/s | |",
  "| Chromium → Chromium, same browser | \(n(.chromiumToChromiumMbps)) Mbit/s | |",
  "| set-up with Chromium, we offer, p50 / p95 ms | \(ms(.chromiumSetupMs.oursOffering)) | |",
  "| set-up with Chromium, it offers, p50 / p95 ms | \(ms(.chromiumSetupMs.chromiumOffering)) | |",
  "| … of which Chromium'"'"'s offer with gathered candidates, p50 / p95 ms | \(ms(.chromiumSetupMs.chromiumOfferReady)) | |",
  (if .details.chromiumNote then "\nChromium: \(.details.chromiumNote)" else empty end)
' "$RESULTS/datachannel.json" | tee "$RESULTS/table.md"
log "results in $RESULTS"
exit "$status"
