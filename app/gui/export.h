// Exports from the window (App::TakeExports): PNGs of the frame or of a range of steps, and the
// run's traces in the CLI's formats (trace_io.h). Every function reports failure as a message;
// none throws or crashes on an unwritable path.
#pragma once
#include <string>

#include "awaitscope/world.h"
#include "gui/app.h"
#include "present/image.h"

namespace aws::gui {

class Platform;

// The file a trace export of scenario `id` is saved as, in the working folder:
// awaitscope-ID.chrome-trace.json, .trace.json, .trace.txt, .machines.svg; the step range's folder
// awaitscope-ID-steps; "" for WindowPng (named after its step). The Chrome trace's name must not end
// in `.chrome.json`: speedscope reads such names as a DevTools profile (an array) and fails.
std::string ExportFileName(ExportKind kind, const std::string& id);

// The name of one step's PNG in a StepRangePng folder: step_000123.png.
std::string StepPngName(int64_t step);

// Writes the session's Chrome, native or text trace to `path`. False with `error`.
bool WriteTraceExport(const Session& s, ExportKind kind, const std::string& path, std::string* error);

// Writes the session's state machines as SVG (machine_svg.h) to `path`. False with `error`.
bool WriteMachinesSvg(const Session& s, const std::string& path, std::string* error);

// Renders every step of [first, last] (clamped to the run) and writes each as
// `dir/step_NNNNNN.png`, creating `dir`; the cursor and play state are restored afterwards.
// `frames` frames are drawn per step so scrolling settles. False with `error` at the first
// failure; `written` counts the files written.
bool ExportStepRange(Platform& platform, App& app, int64_t first, int64_t last, const std::string& dir,
                     int frames, int* written, std::string* error);

// Carries out one request after a frame: `frame` is that frame's pixels (for WindowPng).
// Returns the status line ("wrote ...", or "export failed: ...").
std::string RunExport(Platform& platform, App& app, const ExportRequest& r, const Image& frame);

}  // namespace aws::gui
