#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian 12 machine, and nothing when it is already there:
# Chromium (real-browser tests), ffmpeg (only to regenerate the demo media), iproute2 (network namespaces
# for browser P2P tests), openssl (DTLS interop tests), redis-server (tracker cluster tests
# start private instances; the system service is never used), and web/node_modules from web/package-lock.json (`npm ci`, skipped when the stamp that
# src/HlsSwarm.Server/WebBundle.targets also uses is newer than the lockfile): differential tests run the real hls.js
# and p2p-media-loader in Node. NuGet packages are restored by `dotnet test`.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || need+=(firefox-esr)   # Firefox (usrsctp) data-channel interop tests
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v taskset >/dev/null 2>&1 || need+=(util-linux)
command -v openssl >/dev/null 2>&1 || need+=(openssl)   # DTLS interop tests run OpenSSL's s_server/s_client
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)   # tracker cluster tests start their own redis-server on a loopback port
if [ ${#need[@]} -gt 0 ]; then
  echo "install-deps: installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v node >/dev/null 2>&1 || { echo "install-deps: Node.js >= 20 is required (node not found)" >&2; exit 1; }
node -e 'process.exit(parseInt(process.versions.node) >= 20 ? 0 : 1)' || { echo "install-deps: Node.js >= 20 is required, found $(node --version)" >&2; exit 1; }
command -v dotnet >/dev/null 2>&1 || { echo "install-deps: the .NET 10 SDK is required (dotnet not found)" >&2; exit 1; }
web="$(cd "$(dirname "$0")/../web" && pwd)"
stamp="$web/node_modules/.hlsswarm-npm-ci.stamp"
if [ ! -f "$stamp" ] || [ "$web/package-lock.json" -nt "$stamp" ] || [ "$web/package.json" -nt "$stamp" ]; then
  echo "install-deps: npm ci in web/"
  (cd "$web" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  touch "$stamp"
fi
echo "install-deps: chromium $(chromium --version 2>/dev/null | grep -o '[0-9.]*' | head -1), node $(node --version), dotnet $(dotnet --version)"
