#!/usr/bin/env bash
# The whole test suite: installs what it needs (scripts/install-deps.sh), then runs every test project.
# Real-browser tests need root (they create network namespaces) and run headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
dotnet test HlsSwarm.sln -c Release "$@"
