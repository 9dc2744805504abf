#!/usr/bin/env bash
# Sets up everything on a fresh Debian 12, builds, and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
scripts/build.sh
ctest --preset default
