#!/usr/bin/env bash
# Sets up everything on a fresh Debian 12, builds, and runs Awaitscope on the documents' `example`.
set -euo pipefail
cd "$(dirname "$0")"
scripts/build.sh
exec build/app/awaitscope "$@"
