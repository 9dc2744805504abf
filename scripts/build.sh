#!/usr/bin/env bash
# Configures and builds the default preset (build/). Installs dependencies first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
[[ -f build/CMakeCache.txt ]] || cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)"
