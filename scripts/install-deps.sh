#!/usr/bin/env bash
# Installs the Debian 12 packages Awaitscope needs, only those missing. Uses sudo when not root.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config git
  libfmt-dev libtomlplusplus-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libsdl2-dev libimgui-dev libstb-dev libgraphviz-dev libpng-dev
  # Animated GIFs of a step range (app/present/gif.h).
  libgif-dev
  # The translation catalogs: msgfmt compiles assets/po/*.po at build time, xgettext extracts the .pot.
  gettext
  # cpack's .deb: dpkg-shlibdeps and file
  dpkg-dev file
  # OpenGL at run time, also without a GPU or X (SDL's offscreen driver: EGL on Mesa's llvmpipe):
  # the EGL loader, Mesa's EGL, the software rasterizer, and the libGL.so.1 that ImGui's OpenGL3
  # backend opens.
  libegl1 libegl-mesa0 libgl1-mesa-dri libgl1
  # The GUI's fonts: DejaVu Sans / Sans Mono, and WenQuanYi Micro Hei for Chinese (optional at run time).
  fonts-dejavu-core fonts-wqy-microhei
  # The end-to-end window tests (tests/e2e): a virtual X server, a window manager, input
  # synthesis, screenshots and the test driver.
  xvfb openbox xdotool imagemagick python3
  # The exports opened in real clients (tests/browser): headless Chromium loads the Chrome trace
  # in speedscope (installed with npm, see README), the state machines' SVG and the handout.
  chromium
  # Graphviz's `dot` program: the tests render `awaitscope lower --format dot` with it.
  graphviz
  # The asan and fuzz presets (what CI builds): clang with libFuzzer and the sanitizer runtimes; llvm for
  # llvm-symbolizer, which puts function names and lines into sanitizer reports.
  clang libclang-rt-14-dev llvm
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
