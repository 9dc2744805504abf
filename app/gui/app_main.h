// `awaitscope gui FILE [--step N] [--screenshot OUT.png] [--size WxH] [--preset NAME] [--scale S]
// [--theme T] [--predict student|presenter] [--export-steps FIRST:LAST --out-dir DIR]`: the window, or with --screenshot /
// --export-steps headless frames written as PNGs.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "gui/fonts.h"

namespace aws::present {
struct Image;
}  // namespace aws::present

namespace aws::gui {

class App;
class Platform;
class StepExport;

struct GuiArgs {
  std::string file;
  std::optional<int64_t> step;  // initial cursor (clamped); none: before the first event
  std::string screenshot;       // "": interactive; else render headlessly and write this PNG
  std::string size = "1280x800";
  std::string preset;           // a layout preset (layout.h); "": the scenario's or remembered one
  std::string scale;            // "150" (percent, 100..300) or "1.5" (factor, 1..3); "": default
  std::string theme;            // "dark" | "light" | "high-contrast"; "": default
  std::string export_steps;     // "FIRST:LAST": headless, one PNG per step into out_dir and/or
  std::string out_dir;          // one animated GIF of them into gif, each step shown gif_step_ms
  std::string gif;
  int gif_step_ms = 500;
  CjkMode cjk = CjkMode::Auto;
  std::string lang;             // "en" | "zh"; "": the remembered or the locale's (i18n.h)
  std::string predict;          // "student" | "presenter": prediction mode on from --step on
};

// Parses "WxH" (each 64..8192). False when malformed.
bool ParseSize(const std::string& text, int* width, int* height);
// Parses a scale as a percentage (100..300) or a factor (1..3, decimals allowed) into percent.
bool ParseScale(const std::string& text, int* percent);
// Parses "FIRST:LAST" (steps, 0 <= FIRST <= LAST). False when malformed.
bool ParseStepRange(const std::string& text, int64_t* first, int64_t* last);

// One frame: applies the view's settings to the platform (between frames), then input, the
// app's frame and rendering; `capture` as EndFrame's. Then carries out the exports the frame
// requested (export.h), each reporting in the status line. False once the user closed the window.
// One step of a running export (its pictures drawn without the dialog), then one frame of the
// window with the progress dialog, which takes Esc and Cancel; at the end, or when cancelled or
// failed, the export is finished (status line set) and `job` reset. False when the window was
// closed.
bool RunExportStep(Platform& platform, App& app, std::unique_ptr<StepExport>& job);
// `job`: where a step-range export asked for in this frame starts, for the frame loop to run a step
// at a time; without one such an export runs to its end here.
bool DrawFrame(Platform& platform, App& app, present::Image* capture = nullptr,
               std::unique_ptr<StepExport>* job = nullptr);

// Exit codes as the CLI's: 0 ok, 2 bad input or usage. When the window cannot be opened (no
// display, no OpenGL) it returns 2 with a message, and sets *no_window when given.
int GuiMain(const GuiArgs& args, bool* no_window = nullptr);

}  // namespace aws::gui
