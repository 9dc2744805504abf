#!/usr/bin/env bash
# Sets up everything on a fresh Debian 12, builds, and runs the whole test suite (unit, golden,
# CLI, bad input, fuzz-corpus replay, screenshots, the installed binary, and the real window
# driven under Xvfb).
#   ./test.sh              what CI runs
#   ./test.sh sanitizers   then the same suite under AddressSanitizer + UBSan, and a short run of
#                          each libFuzzer harness on its corpus (tests/asan, tests/fuzz). Not yet
#                          part of CI: see tests/asan/README.md for what is still being checked.
set -euo pipefail
cd "$(dirname "$0")"
scripts/build.sh
ctest --preset default
[[ "${1:-}" == sanitizers ]] || exit 0

# The suite under ASan + UBSan (tests/asan/README.md: the leak suppressions and the tests that
# load Mesa).
[[ -f build-asan/CMakeCache.txt ]] || cmake --preset asan >/dev/null
cmake --build --preset asan -j "$(nproc)"
ctest --preset asan

# The libFuzzer harnesses (clang): their committed corpus, then 45 s of fuzzing each.
[[ -f build-fuzz/CMakeCache.txt ]] || cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"
tests/fuzz/run.sh smoke 45
