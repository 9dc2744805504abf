#!/usr/bin/env bash
# CI's `asan` preset compiles the engine and the app as a unity build (tests/asan/README.md): the
# files of one target are compiled together, so two of them must not define the same name in an
# anonymous namespace. This compiles each target as ONE unit (-fsyntax-only, clang, a few seconds
# of CPU each) and so finds every such clash, whatever files later share a batch.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
cmake -S . -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
      -DCMAKE_CXX_FLAGS_DEBUG="-O0 -fsyntax-only -ferror-limit=0" -DCMAKE_UNITY_BUILD=ON \
      -DCMAKE_UNITY_BUILD_BATCH_SIZE=0 -DAWAITSCOPE_BUILD_TESTS=OFF >/dev/null
units=$(ninja -C "$dir" -t targets all | grep -o '^[^:]*/Unity/unity_[0-9]*_cxx\.cxx\.o')
if ninja -C "$dir" -k 0 -j "$(nproc)" $units >"$dir/log" 2>&1; then
  echo "unity build: no clashes ($(echo "$units" | wc -l) targets compiled as one unit each)"
else
  grep -E 'error' "$dir/log" | sort -u
  exit 1
fi
