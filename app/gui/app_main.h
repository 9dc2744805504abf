// `awaitscope gui FILE [--step N] [--screenshot OUT.png] [--size WxH]`: the window, or with
// --screenshot one headless frame written as a PNG.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace aws::gui {

struct GuiArgs {
  std::string file;
  std::optional<int64_t> step;  // initial cursor (clamped); none: before the first event
  std::string screenshot;       // "": interactive; else render headlessly and write this PNG
  std::string size = "1280x800";
};

// Parses "WxH" (each 64..8192). False when malformed.
bool ParseSize(const std::string& text, int* width, int* height);

// Exit codes as the CLI's: 0 ok, 2 bad input or usage. When the window cannot be opened (no
// display, no OpenGL) it returns 2 with a message, and sets *no_window when given.
int GuiMain(const GuiArgs& args, bool* no_window = nullptr);

}  // namespace aws::gui
