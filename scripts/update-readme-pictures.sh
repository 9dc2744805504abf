#!/usr/bin/env bash
# Renders the pictures at the top of README.md with the app's own headless screenshot
# (`awaitscope gui FILE --step N --screenshot PNG`, SDL's offscreen driver: no display needed), so
# they show what the window really shows. Run it after a change to what a panel draws, look at
# the pictures, and commit them. tests/cli/readme_pictures_test.cpp checks that README.md shows
# exactly the pictures listed here.
# Usage: scripts/update-readme-pictures.sh [AWAITSCOPE]   (default: build/app/awaitscope)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/app/awaitscope}"
out=docs/pictures
mkdir -p "$out"
size=1440x810

# picture            scenario                        step  options
pictures=(
  "example.png       scenarios/example.toml            26  --lang en"
  "memory.png        scenarios/pin_example_moved.toml  32  --lang en"
  "prediction.png    scenarios/example.toml             4  --lang en --predict student"
  "chinese.png       scenarios/example.toml            26  --lang zh"
)
for p in "${pictures[@]}"; do
  read -r name scenario step options <<<"$p"
  # shellcheck disable=SC2086 # the options are words
  "$bin" gui "$scenario" --step "$step" --size "$size" --theme dark --scale 100 $options \
    --screenshot "$out/$name" 2>/dev/null
  echo "$out/$name  ($scenario, step $step${options:+, $options})"
done
