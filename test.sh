#!/usr/bin/env bash
# Sets up everything on a fresh Debian 12, builds, and runs the tests.
#   ./test.sh             what CI runs (.ci/run): the whole suite (unit, golden, CLI, bad input, the
#                         language corpus, the fuzz corpus replayed, screenshots, the installed
#                         binary, the real window driven under Xvfb) once, built with
#                         AddressSanitizer + UBSan (clang, build-asan/, tests/asan/README.md); then
#                         each libFuzzer harness, built in the same tree with ASan + UBSan, on its
#                         committed corpus and for a short fixed budget.
#   ./test.sh plain       only the suite on the plain build (build/, what ./run.sh runs): faster,
#                         for working.
#   ./test.sh all         the plain suite, then what CI runs.
# FUZZ_SMOKE_SECONDS sets the fuzzing time per harness (default 60, issue 12's smoke budget: the
# whole of CI took about 10 minutes of its 30 with 5 s a harness).
set -euo pipefail
cd "$(dirname "$0")"
jobs="$(nproc)"
mode="${1:-ci}"
case "$mode" in
  ci|plain|all) ;;
  sanitizers) mode=ci ;;  # the old name of what CI runs
  *) echo "usage: ./test.sh [plain|all]" >&2; exit 2 ;;
esac

scripts/install-deps.sh
if [[ "$mode" != ci ]]; then
  scripts/build.sh
  ctest --preset default
  [[ "$mode" == plain ]] && exit 0
fi

# A build-asan/ configured by an older `asan` preset (gcc, without the harnesses) is made again.
if [[ -f build-asan/CMakeCache.txt ]] && ! grep -q '^AWAITSCOPE_FUZZ:BOOL=ON' build-asan/CMakeCache.txt; then
  rm -rf build-asan
fi
[[ -f build-asan/CMakeCache.txt ]] || cmake --preset asan >/dev/null
# One clang build for both: the suite and the libFuzzer harnesses share the instrumented engine.
cmake --build --preset asan -j "$jobs"
# ASan's redzones make the frames of the recursive passes several times larger: lowering an
# `else if` chain near the nesting limit (400 of 512 links) needs more than the usual 8 MB of
# stack in this build (the plain build needs under 1 MB for it). The suite runs with a 64 MB stack.
( ulimit -s 65536 2>/dev/null || echo "test.sh: cannot raise the stack limit; expect stack overflows under ASan"
  ctest --preset asan )

FUZZ_BUILD=build-asan tests/fuzz/run.sh smoke "${FUZZ_SMOKE_SECONDS:-60}"
