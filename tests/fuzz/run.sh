#!/usr/bin/env bash
# Runs the libFuzzer harnesses of the `fuzz` preset (tests/fuzz/README.md).
#   tests/fuzz/run.sh smoke [SECONDS]   each harness: its committed corpus, then SECONDS (default 45)
#                                       of fuzzing; new inputs go to a scratch folder. CI runs this.
#   tests/fuzz/run.sh long HARNESS SECONDS [libFuzzer flags...]
#                                       one harness for SECONDS, growing its committed corpus
#                                       (minimise it afterwards with `merge`). FUZZ_BUILD=build-fuzz-fast
#                                       uses the throughput build (no sanitizers; then `replay`).
#   tests/fuzz/run.sh replay HARNESS DIR...
#                                       every input of DIR once through the ASan + UBSan harness.
#   tests/fuzz/run.sh merge HARNESS [DIR...]
#                                       minimises the committed corpus of HARNESS (-merge=1), taking
#                                       in the inputs of DIR... (a campaign's grown corpus) too.
# A crash, leak, timeout or OOM stops the run with libFuzzer's report and exit status != 0; the
# input is written as crash-*/timeout-*/oom-* in the working directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${FUZZ_BUILD:-build-fuzz}/tests/fuzz"
harnesses=(script scenario trace writers)
# -entropic=0: libFuzzer 14's entropic scheduler spent about 75 % of each execution updating its
# feature frequencies (tens of thousands of features); without it 5-6 times as many inputs run.
common=(-rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1 -entropic=0)
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

dict() { echo "-dict=tests/fuzz/$(case $1 in script|writers) echo script ;; *) echo "$1" ;; esac).dict"; }

case "${1:-smoke}" in
  smoke)
    seconds="${2:-45}"
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    for h in "${harnesses[@]}"; do
      mkdir -p "$scratch/$h"
      echo "== fuzz smoke: $h (corpus tests/fuzz/corpus/$h, then ${seconds}s)"
      "$bin/fuzz_$h" "${common[@]}" "$(dict "$h")" -max_total_time="$seconds" \
        -artifact_prefix="$scratch/" "$scratch/$h" "tests/fuzz/corpus/$h" 2>"$scratch/$h.log" || {
        tail -60 "$scratch/$h.log"
        for f in "$scratch"/crash-* "$scratch"/timeout-* "$scratch"/oom-* "$scratch"/leak-*; do
          [[ -e "$f" ]] && { mkdir -p fuzz-findings; cp "$f" fuzz-findings/; echo "input saved: fuzz-findings/$(basename "$f")"; }
        done
        exit 1
      }
      grep -E "^#[0-9]+.*(DONE|cov:)" "$scratch/$h.log" | tail -1
    done
    ;;
  long)
    h="$2" seconds="$3"
    shift 3
    mkdir -p "tests/fuzz/corpus/$h"
    "$bin/fuzz_$h" "${common[@]}" "$(dict "$h")" -max_total_time="$seconds" "$@" "tests/fuzz/corpus/$h"
    ;;
  replay)
    h="$2"
    shift 2
    for dir in "$@"; do
      "$bin/fuzz_$h" "${common[@]}" -runs=0 "$dir"
    done
    ;;
  merge)
    h="$2"
    shift 2
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    "$bin/fuzz_$h" "${common[@]}" -merge=1 "$tmp" "tests/fuzz/corpus/$h" "$@"
    rm -rf "tests/fuzz/corpus/$h"
    mv "$tmp" "tests/fuzz/corpus/$h"
    trap - EXIT
    ;;
  *)
    echo "usage: $0 smoke [SECONDS] | long HARNESS SECONDS [flags] | replay HARNESS DIR... | merge HARNESS [DIR...]" >&2
    exit 2
    ;;
esac
