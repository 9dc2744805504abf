// Exports from the window (App::TakeExports): PNGs of the frame or of a range of steps, and the
// run's traces in the CLI's formats (trace_io.h). Every function reports failure as a message;
// none throws or crashes on an unwritable path.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "awaitscope/world.h"
#include "gui/app.h"
#include "present/gif.h"
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

// Frames drawn per exported step, as for a headless --screenshot: scrolling settles.
constexpr int kFramesPerExportedStep = 3;
// The error of a step export whose window was closed in the middle.
extern const char* const kWindowClosed;
// How long each step shows in a GIF made from the window: one step of its play speed.
int GifStepMs(const App& app);

// A range of steps rendered into PNGs (`path` a folder: path/step_NNNNNN.png, created) or one
// animated GIF (`path` a file, written through a temporary name), one step per call of Next, so
// the window can draw its progress and take a Cancel between steps. While it runs the app ignores
// input but Esc and the dialog's Cancel (App::SetExportProgress). Each step is drawn
// `frames_per_step` times and the last frame kept; a GIF shows each for `gif_step_ms`.
class StepExport {
 public:
  StepExport(ExportKind kind, std::string path, int64_t first, int64_t last, int frames_per_step, int gif_step_ms);
  ~StepExport();
  StepExport(const StepExport&) = delete;
  StepExport& operator=(const StepExport&) = delete;

  // Clamps the range to the run, creates the folder and remembers the cursor (play, if on, just
  // waits: a frame during an export neither reads keys nor paces play).
  // False with `error` (then Finish it with that error).
  bool Start(App& app, std::string* error);
  // Renders and writes the next step. False with `error` (kWindowClosed when the window closed).
  bool Next(Platform& platform, App& app, std::string* error);
  bool done() const { return next_ > last_; }
  int64_t written() const { return written_; }
  int64_t total() const { return last_ - first_ + 1; }
  // Puts the cursor and animation back and completes the output: the GIF renamed
  // into place, or dropped when `cancelled` or after a `failure` (PNGs written stay). Returns the
  // status line.
  std::string Finish(App& app, bool cancelled, const std::string& failure);

 private:
  ExportKind kind_;
  std::string path_;
  int64_t first_, last_, next_ = 0, written_ = 0, cursor_ = 0;
  int frames_, gif_step_ms_;
  bool started_ = false, animated_ = false, gif_open_ = false;
  present::GifWriter gif_;
};

// The command line's progress for a long export: "\rWHAT: step N of M" on stderr, rewritten in
// place, when stderr is a terminal; nothing at all when it is piped or a file.
class TerminalProgress {
 public:
  TerminalProgress(std::string what, int64_t total);
  void Update(int64_t done);
  // Ends the line (when anything was printed).
  void Done();

 private:
  std::string what_;
  int64_t total_;
  bool on_, printed_ = false;
};

// Runs `job` to its end (the command line, which has no frame loop to share), calling `on_step`
// after each step. False on failure; `status` is Finish's line either way.
bool RunStepExport(Platform& platform, App& app, StepExport& job, const std::function<void()>& on_step,
                   std::string* status);

// Carries out one request after a frame: `frame` is that frame's pixels (for WindowPng).
// Returns the status line ("wrote ...", or "export failed: ...").
std::string RunExport(Platform& platform, App& app, const ExportRequest& r, const Image& frame);

}  // namespace aws::gui
