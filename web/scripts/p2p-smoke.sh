#!/usr/bin/env bash
# Runs web/scripts/p2p-smoke.mjs against a fresh `hlsswarm serve` inside a private network namespace (needs root
# for `unshare -n`, Chromium at /usr/bin/chromium, and a built solution: `dotnet build HlsSwarm.sln`).
#   web/scripts/p2p-smoke.sh [vod|live] [peers] [seconds] [reference|hlsswarm]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HLSSWARM="${HLSSWARM:-$ROOT/src/HlsSwarm.Cli/bin/Debug/net10.0/hlsswarm}"
exec unshare -n -- bash -c '
  set -euo pipefail
  ip link set lo up
  ip link add p2pa type veth peer name p2pb        # a non-loopback interface, so Chromium gathers a candidate
  ip addr add 10.77.0.1/24 dev p2pa
  ip link set p2pa up; ip link set p2pb up
  ip route add default via 10.77.0.2 dev p2pa      # leads nowhere: nothing leaves the namespace
  "$1" serve --urls http://127.0.0.1:18080 >/tmp/hlsswarm-smoke-serve.log 2>&1 &
  server=$!
  trap "kill $server" EXIT
  for _ in $(seq 50); do curl -sf http://127.0.0.1:18080/healthz >/dev/null && break; sleep 0.2; done
  node "$2/web/scripts/p2p-smoke.mjs" http://127.0.0.1:18080 "${3:-vod}" "${4:-3}" "${5:-45}" "${6:-reference}"
' bash "$HLSSWARM" "$ROOT" "${1:-vod}" "${2:-3}" "${3:-45}" "${4:-reference}"
