#!/usr/bin/env bash
# Sets up everything on a fresh Debian 12, builds, and opens Awaitscope on the documents' `example`
# (without a display it prints the example's state machines instead).
set -euo pipefail
cd "$(dirname "$0")"
scripts/build.sh
exec build/app/awaitscope "$@"
