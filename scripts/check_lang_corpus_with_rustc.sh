#!/usr/bin/env bash
# Re-checks the language corpus (tests/lang) against rustc; not part of CI.
# Every tests/lang/valid/*.rs and tests/lang/teaching/*.rs must compile; every tests/lang/invalid/*.rs must fail with the error
# code and the primary line its .expected file names (the first `error[E....]` of each side).
# Each program gets tests/lang/rustc_prelude.rs (stubs of the emulated API) appended, and its
# `async fn main` is renamed and driven from a plain `fn main` (rustc has no async main), so the
# program's own lines keep their numbers; a program whose entry is a plain `fn main()` keeps it.
# `#[tokio::main]` (the teaching programs') becomes a comment: the stubs have no attribute macro.
# Prints one line per disagreement and a tally.
# Usage: scripts/check_lang_corpus_with_rustc.sh [RUSTC]   (default: rustc on PATH)
set -u
cd "$(dirname "$0")/.."
RUSTC=${1:-${RUSTC:-rustc}}
if ! command -v "$RUSTC" >/dev/null 2>&1; then
  echo "rustc not found (give its path as the first argument)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Writes the program $1 as a crate to $work/main.rs.
make_crate() {
  sed -E -e 's/^async fn main\(\)/async fn awaitscope_main()/' -e 's|^#\[tokio::main\]$|// #[tokio::main]|' \
    "$1" > "$work/main.rs"
  # A plain `fn main()` is rustc's entry as it is.
  grep -qE '^fn main\(\)' "$1" || printf '\nfn main() {\n    let _ = awaitscope_main();\n}\n' >> "$work/main.rs"
  cat tests/lang/rustc_prelude.rs >> "$work/main.rs"
}

compile() {
  "$RUSTC" --edition 2021 --crate-type bin --emit=metadata -A warnings --error-format=short \
    -o "$work/out.rmeta" "$work/main.rs" 2>&1
}

valid_ok=0 valid_bad=0 invalid_ok=0 invalid_bad=0 col_diff=0
for f in tests/lang/valid/*.rs tests/lang/teaching/*.rs; do
  [ -e "$f" ] || continue
  make_crate "$f"
  if out=$(compile); then
    valid_ok=$((valid_ok + 1))
  else
    valid_bad=$((valid_bad + 1))
    echo "VALID BUT REJECTED: $f"
    echo "$out" | grep -m3 'error' | sed 's/^/    /'
  fi
done
for f in tests/lang/invalid/*.rs; do
  [ -e "$f" ] || continue
  expected="${f%.rs}.expected"
  make_crate "$f"
  out=$(compile)
  status=$?
  # rustc: main.rs:L:C: error[EXXXX]: ...; ours: tests/lang/invalid/NAME.rs:L:C: error[EXXXX]: ...
  theirs=$(echo "$out" | grep -m1 -E '^[^ ]*main\.rs:[0-9]+:[0-9]+: error\[E[0-9]+\]' |
           sed -E 's/^[^ ]*main\.rs:([0-9]+):([0-9]+): error\[(E[0-9]+)\].*/\3 \1 \2/')
  ours=$(grep -m1 -E ': error\[E[0-9]+\]' "$expected" 2>/dev/null |
         sed -E 's/^.*\.rs:([0-9]+):([0-9]+): error\[(E[0-9]+)\].*/\3 \1 \2/')
  # rustc's one codeless error of the corpus (a future that is not Send): compared by line and column.
  if [ -z "$theirs" ] && [ -z "$ours" ]; then
    theirs=$(echo "$out" | grep -m1 -E '^[^ ]*main\.rs:[0-9]+:[0-9]+: error: future cannot be sent' |
             sed -E 's/^[^ ]*main\.rs:([0-9]+):([0-9]+): error.*/no-code \1 \2/')
    ours=$(grep -m1 -E ': error: future cannot be sent' "$expected" 2>/dev/null |
           sed -E 's/^.*\.rs:([0-9]+):([0-9]+): error.*/no-code \1 \2/')
  fi
  if [ $status -eq 0 ]; then
    invalid_bad=$((invalid_bad + 1))
    echo "INVALID BUT ACCEPTED: $f"
  elif [ "${theirs% *}" != "${ours% *}" ]; then
    invalid_bad=$((invalid_bad + 1))
    echo "DISAGREE: $f: rustc ${theirs:-no code} (code line col), awaitscope ${ours:-no code}"
  else
    invalid_ok=$((invalid_ok + 1))
    if [ "$theirs" != "$ours" ]; then
      col_diff=$((col_diff + 1))
      echo "column differs: $f: rustc $theirs, awaitscope $ours"
    fi
  fi
done
echo "valid:   $valid_ok compile with rustc, $valid_bad do not"
echo "invalid: $invalid_ok fail with rustc's code and line, $invalid_bad disagree ($col_diff of the agreeing differ in column)"
[ $valid_bad -eq 0 ] && [ $invalid_bad -eq 0 ]
