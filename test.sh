#!/usr/bin/env bash
# Sets up everything on a fresh Debian 12, builds, and runs the whole test suite; then the same
# suite under AddressSanitizer + UBSan, and a short run of each fuzz harness on its corpus.
#   ./test.sh          all three (what CI runs)
#   ./test.sh quick    only the default build and its test suite
set -euo pipefail
cd "$(dirname "$0")"
scripts/build.sh
ctest --preset default
[[ "${1:-}" == quick ]] && exit 0

# The suite under ASan + UBSan (tests/asan/README.md: the leak suppressions and the tests that
# load Mesa). Debug build: see the README's figures for its time.
[[ -f build-asan/CMakeCache.txt ]] || cmake --preset asan >/dev/null
cmake --build --preset asan -j "$(nproc)"
ctest --preset asan

# The libFuzzer harnesses (clang): their committed corpus, then 45 s of fuzzing each.
[[ -f build-fuzz/CMakeCache.txt ]] || cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"
tests/fuzz/run.sh smoke 45
