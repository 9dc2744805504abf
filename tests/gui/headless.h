// Shared by the screenshot tests: a headless window (SDL's offscreen driver on Mesa's llvmpipe)
// and frames rendered from an App, and the colours they look for in the pictures.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "gui/app.h"
#include "present/image.h"
#include "gui/platform.h"

namespace aws::gui::shots {

struct Rgb {
  uint8_t r, g, b;
};

// ImGui colours are ABGR.
inline Rgb FromImColor(uint32_t c) { return {uint8_t(c & 0xFF), uint8_t((c >> 8) & 0xFF), uint8_t((c >> 16) & 0xFF)}; }

// Opens `platform` headless at width x height; false with the reason in `error`.
inline bool OpenHeadless(Platform& platform, int width, int height, std::string* error) {
  PlatformOptions o;
  o.width = width;
  o.height = height;
  o.headless = true;
  if (platform.Open(o, error)) return true;
  *error += " (headless GL needs libegl1, libegl-mesa0, libgl1-mesa-dri and libgl1)";
  return false;
}

// `frames` frames of `app` (scrolling and auto-sized layout settle over a frame or two, as
// before the command line's screenshots); the picture of the last one.
inline Image RenderFrames(Platform& platform, App& app, int frames = 3) {
  Image shot;
  for (int i = 0; i < frames; ++i) {
    EXPECT_TRUE(platform.BeginFrame(app.HoldsKeys()));
    app.Frame();
    platform.EndFrame(i + 1 == frames ? &shot : nullptr);
  }
  return shot;
}

}  // namespace aws::gui::shots
