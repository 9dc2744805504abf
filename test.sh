#!/usr/bin/env bash
# Sets up everything on a fresh Debian 12, builds, and runs the tests.
#   ./test.sh          what CI runs (.ci/run): the whole suite (unit, golden, CLI, bad input, fuzz-corpus
#                      replay, screenshots, the installed binary, the real window driven under Xvfb)
#                      once, built with AddressSanitizer + UBSan (build-asan/, tests/asan/README.md);
#                      then each libFuzzer harness on its committed corpus for a short fixed budget
#                      (build-fuzz/: the engine and the harnesses only, tests/fuzz/README.md).
#   ./test.sh plain    the same suite on the plain build (build/, what ./run.sh runs): faster, for
#                      working on the code.
# FUZZ_SMOKE_SECONDS sets the fuzzing time per harness (default 30).
set -euo pipefail
cd "$(dirname "$0")"
jobs="$(nproc)"

if [[ "${1:-}" == plain ]]; then
  scripts/build.sh
  ctest --preset default
  exit 0
fi

scripts/install-deps.sh
[[ -f build-asan/CMakeCache.txt ]] || cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
# ASan's redzones make the frames of the recursive passes several times larger: lowering an
# `else if` chain near the nesting limit (400 of 512 links) needs more than the usual 8 MB of stack in this
# build (the plain build needs under 1 MB for it). The suite runs with a 64 MB stack limit.
( ulimit -s 65536 2>/dev/null || echo "test.sh: cannot raise the stack limit; expect stack overflows under ASan"
  ctest --preset asan )

[[ -f build-fuzz/CMakeCache.txt ]] || cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs"
tests/fuzz/run.sh smoke "${FUZZ_SMOKE_SECONDS:-30}"
