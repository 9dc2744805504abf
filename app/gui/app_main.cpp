#include "gui/app_main.h"

#include <iostream>

#include "gui/app.h"
#include "gui/image.h"
#include "gui/platform.h"

namespace aws::gui {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 2;
// Frames rendered before a screenshot: scrolling and auto-sized layout settle over a frame or two.
constexpr int kSettleFrames = 3;

}  // namespace

bool ParseSize(const std::string& text, int* width, int* height) {
  size_t x = text.find('x');
  if (x == std::string::npos || x == 0 || x + 1 >= text.size()) return false;
  try {
    size_t used_w = 0, used_h = 0;
    int w = std::stoi(text.substr(0, x), &used_w);
    int h = std::stoi(text.substr(x + 1), &used_h);
    if (used_w != x || used_h != text.size() - x - 1) return false;
    if (w < 64 || h < 64 || w > 8192 || h > 8192) return false;
    *width = w;
    *height = h;
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

int GuiMain(const GuiArgs& args, bool* no_window) {
  PlatformOptions options;
  if (!ParseSize(args.size, &options.width, &options.height)) {
    std::cerr << "awaitscope: --size must be WxH (64..8192 each), not `" << args.size << "`\n";
    return kExitBadInput;
  }
  options.headless = !args.screenshot.empty();

  App app;
  Diagnostics diags;
  bool loaded = app.Load(args.file, diags);
  std::cerr << diags.Render();
  if (!loaded) return kExitBadInput;
  if (args.step) app.Push({CommandKind::Seek, *args.step});

  Platform platform;
  std::string error;
  if (!platform.Open(options, &error)) {
    std::cerr << "awaitscope: " << error << "\n";
    if (no_window) *no_window = true;
    return kExitBadInput;
  }

  if (options.headless) {
    Image shot;
    for (int i = 0; i < kSettleFrames; ++i) {
      platform.BeginFrame();
      app.Frame();
      platform.EndFrame(i + 1 == kSettleFrames ? &shot : nullptr);
    }
    if (!WritePng(args.screenshot, shot, &error)) {
      std::cerr << "awaitscope: " << error << "\n";
      return kExitBadInput;
    }
    return kExitOk;
  }
  while (platform.BeginFrame()) {
    app.Frame();
    platform.EndFrame();
  }
  return kExitOk;
}

}  // namespace aws::gui
