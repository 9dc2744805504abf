#!/usr/bin/env bash
# Sets up everything on a fresh Debian 12, builds, and runs the tests.
#   ./test.sh             what CI runs (.ci/run): the whole suite on the plain build (unit, golden,
#                         CLI, bad input, language corpus, fuzz-corpus replay, screenshots, the
#                         installed binary, the real window driven under Xvfb); then each libFuzzer
#                         harness, built with ASan + UBSan, on its committed corpus and for a short
#                         fixed budget (build-fuzz/: the engine and the harnesses only, tests/fuzz).
#   ./test.sh plain       only the suite on the plain build (build/, what ./run.sh runs).
#   ./test.sh sanitizers  what CI runs, then the whole suite once more built with AddressSanitizer +
#                         UBSan (build-asan/, tests/asan/README.md). Not in CI yet: on 2 cores its
#                         build and run take about 20 of CI's 30 minutes (tests/asan/README.md).
# FUZZ_SMOKE_SECONDS sets the fuzzing time per harness (default 30).
set -euo pipefail
cd "$(dirname "$0")"
jobs="$(nproc)"

scripts/build.sh
ctest --preset default
[[ "${1:-}" == plain ]] && exit 0

[[ -f build-fuzz/CMakeCache.txt ]] || cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs"
tests/fuzz/run.sh smoke "${FUZZ_SMOKE_SECONDS:-30}"
[[ "${1:-}" == sanitizers ]] || exit 0

[[ -f build-asan/CMakeCache.txt ]] || cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
# ASan's redzones make the frames of the recursive passes several times larger: lowering an
# `else if` chain near the nesting limit (400 of 512 links) needs more than the usual 8 MB of
# stack in this build (the plain build needs under 1 MB for it). The suite runs with a 64 MB stack.
( ulimit -s 65536 2>/dev/null || echo "test.sh: cannot raise the stack limit; expect stack overflows under ASan"
  ctest --preset asan )
