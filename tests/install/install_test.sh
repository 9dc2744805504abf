#!/usr/bin/env bash
# Installs the build into a temporary prefix with `cmake --install`, then runs the installed binary
# from an empty folder with no AWAITSCOPE_* variables: it must find the installed scenarios and
# assets relative to itself, not the source tree's.
set -euo pipefail
build=$1
source=$2
prefix=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$prefix" "$work"' EXIT
unset AWAITSCOPE_SCENARIOS AWAITSCOPE_ASSETS

fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null
bin=$prefix/bin/awaitscope
data=$prefix/share/awaitscope
[[ -x $bin ]] || fail "no $bin"
for f in assets/awaitscope.png assets/awaitscope.desktop scenarios/example.toml locale/zh/LC_MESSAGES/awaitscope.mo; do
  [[ -f $data/$f ]] || fail "not installed: share/awaitscope/$f"
done
[[ -f $prefix/share/applications/awaitscope.desktop ]] || fail "no desktop entry"
[[ -f $prefix/share/icons/hicolor/scalable/apps/awaitscope.svg ]] || fail "no icon"

# A scenario that exists only in the installed copy proves where `list` looks.
sed 's/^title = .*/title = "Only in the installed copy"/' "$source/scenarios/example.toml" > "$data/scenarios/zz_installed_only.toml"
cd "$work"
list=$("$bin" list)
want=$(ls "$data/scenarios"/*.toml | wc -l)
got=$(printf '%s\n' "$list" | wc -l)
[[ $got -eq $want ]] || fail "list printed $got scenarios, the installed folder has $want"
grep -q '^zz_installed_only .*Only in the installed copy$' <<<"$list" || fail "list did not read the installed folder:
$list"

run=$("$bin" run "$data/scenarios/example.toml" | tail -n 1)
[[ $run == "summary: polls=3 pending=2 ready=1 wakes=2 end_time=50ms end=finished output=\"Hello World\\n\"" ]] ||
  fail "unexpected run summary: $run"
# The installed Chinese catalog (share/awaitscope/locale, checked above) narrates in Chinese.
zh=$("$bin" run "$data/scenarios/example.toml" --narrate --lang zh | sed -n 2p)
[[ $zh == "0  执行器把 main() 生成为任务 0。"* ]] || fail "unexpected Chinese narration: $zh"
echo "installed into $prefix: list shows $got scenarios, run of example.toml finished, narrated in Chinese"
