#include "gui/export.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>

#include <unistd.h>

#include "awaitscope/file_io.h"
#include "awaitscope/trace_io.h"
#include "gui/machine_svg.h"
#include "gui/platform.h"
#include "present/i18n.h"
#include "present/gif.h"

namespace aws::gui {
namespace fs = std::filesystem;

namespace {

// Through a temporary file and a rename (file_io.h), as `awaitscope run --out` writes.
// Streamed: the trace's text is never held whole in memory.
bool WriteText(const std::string& path, const std::function<void(OutStream&)>& write,
               std::string* error) {
  std::string why;
  if (!WriteFileAtomically(path, write, &why)) {
    *error = "cannot write " + path + ": " + why;
    return false;
  }
  return true;
}

}  // namespace

std::string ExportFileName(ExportKind kind, const std::string& id) {
  switch (kind) {
    case ExportKind::ChromeTrace: return "awaitscope-" + id + ".chrome-trace.json";
    case ExportKind::NativeTrace: return "awaitscope-" + id + ".trace.json";
    case ExportKind::TextTrace: return "awaitscope-" + id + ".trace.txt";
    case ExportKind::StepRangePng: return "awaitscope-" + id + "-steps";
    case ExportKind::MachinesSvg: return "awaitscope-" + id + ".machines.svg";
    case ExportKind::StepRangeGif: return "awaitscope-" + id + ".gif";
    case ExportKind::WindowPng: break;  // named after the step too: App's DefaultPngPath
  }
  return "";
}

const char* const kWindowClosed = "stopped: the window was closed";

int GifStepMs(const App& app) {
  return static_cast<int>(std::lround(1000.0 / std::max(app.view().steps_per_second, 0.5)));
}

std::string StepPngName(int64_t step) {
  char name[32];
  std::snprintf(name, sizeof name, "step_%06lld.png", static_cast<long long>(step));
  return name;
}

bool WriteTraceExport(const Session& s, ExportKind kind, const std::string& path, std::string* error) {
  switch (kind) {
    case ExportKind::ChromeTrace:
      return WriteText(path, [&](OutStream& out) { WriteTraceChrome(s.trace(), s.program(), out); }, error);
    case ExportKind::TextTrace:
      return WriteText(path, [&](OutStream& out) { WriteTraceText(s.trace(), s.program(), out); }, error);
    case ExportKind::NativeTrace: {
      if (s.scenario() == nullptr) {
        *error = "no scenario loaded to record in a native trace";
        return false;
      }
      NativeTraceSource source = MakeTraceSource(*s.scenario(), s.file_text(), s.options());
      return WriteText(path, [&](OutStream& out) { WriteTraceJson(s.trace(), s.program(), source, out); },
                       error);
    }
    case ExportKind::WindowPng:
    case ExportKind::StepRangePng:
    case ExportKind::StepRangeGif:
    case ExportKind::MachinesSvg: break;
  }
  *error = "not a trace export";
  return false;
}

bool WriteMachinesSvg(const Session& s, const std::string& path, std::string* error) {
  if (s.program() == nullptr) {
    *error = "no scenario loaded";
    return false;
  }
  std::string svg;
  if (!RenderMachinesSvg(*s.program(), &svg, error)) return false;
  std::string why;
  if (!WriteFileAtomically(path, svg, &why)) {
    *error = "cannot write " + path + ": " + why;
    return false;
  }
  return true;
}

StepExport::StepExport(ExportKind kind, std::string path, int64_t first, int64_t last, int frames_per_step,
                       int gif_step_ms)
    : kind_(kind), path_(std::move(path)), first_(first), last_(last), frames_(frames_per_step),
      gif_step_ms_(gif_step_ms) {}

StepExport::~StepExport() = default;

bool StepExport::Start(App& app, std::string* error) {
  const int64_t size = app.session().size();
  if (size == 0) {
    *error = "the run has no steps";
    return false;
  }
  first_ = std::clamp<int64_t>(first_, 0, size - 1);
  last_ = std::clamp<int64_t>(last_, 0, size - 1);
  if (first_ > last_) {
    *error = "the range's first step is after its last";
    return false;
  }
  if (kind_ == ExportKind::StepRangePng) {
    std::error_code ec;
    fs::create_directories(path_, ec);
    if (!fs::is_directory(path_, ec)) {
      *error = "cannot create the folder " + path_;
      return false;
    }
  }
  next_ = first_;
  cursor_ = app.session().cursor();
  animated_ = app.animating();
  app.SetAnimate(false);  // slides show each step's end state, not the first frame of its animation
  started_ = true;
  ExportProgress p;
  p.active = true;
  p.total = total();
  p.what = path_;
  app.SetExportProgress(p);
  return true;
}

bool StepExport::Next(Platform& platform, App& app, std::string* error) {
  if (done()) return true;
  app.ShowStepForExport(next_);
  ExportProgress p = app.view().export_progress;
  p.capturing = true;
  app.SetExportProgress(p);
  Image shot;
  for (int i = 0; i < frames_; ++i) {
    platform.Apply(app.view().settings);
    if (!platform.BeginFrame()) {  // the user closed the window: stop here (no frame started)
      *error = kWindowClosed;
      return false;
    }
    app.Frame();
    app.TakeExports();  // no exports from inside an export
    platform.EndFrame(i + 1 == frames_ ? &shot : nullptr, /*present=*/false);
  }
  p = app.view().export_progress;
  p.capturing = false;
  app.SetExportProgress(p);
  if (kind_ == ExportKind::StepRangeGif) {
    if (!gif_open_) {
      if (!gif_.Open(path_, shot.width, shot.height, error)) return false;
      gif_open_ = true;
    }
    if (!gif_.AddFrame(shot, gif_step_ms_, error)) return false;
  } else {
    if (!WritePng((fs::path(path_) / StepPngName(next_)).string(), shot, error)) return false;
  }
  ++written_;
  ++next_;
  p.done = written_;
  app.SetExportProgress(p);
  return true;
}

std::string StepExport::Finish(App& app, bool cancelled, const std::string& failure) {
  if (started_) {
    app.ShowStepForExport(cursor_);
    app.SetAnimate(animated_);
    app.SetExportProgress({});
    started_ = false;
  }
  const bool gif = kind_ == ExportKind::StepRangeGif;
  if (!failure.empty()) {
    gif_.Abort();
    return gif ? TrFormat(N_("export failed: {}"), failure)
               : TrFormat(N_("export failed after {} PNGs: {}"), written_, failure);
  }
  if (cancelled) {
    gif_.Abort();  // no half-made GIF under its name
    return gif ? TrFormat(N_("export cancelled: {} not written"), path_)
               : TrFormat(N_("export cancelled after {} PNGs in {}"), written_, path_);
  }
  if (gif) {
    std::string error;
    if (!gif_.Finish(&error)) return TrFormat(N_("export failed: {}"), error);
    return TrFormat(N_("wrote {} ({} steps)"), path_, written_);
  }
  return TrFormat(N_("wrote {} PNGs to {}"), written_, path_);
}

TerminalProgress::TerminalProgress(std::string what, int64_t total)
    : what_(std::move(what)), total_(total), on_(isatty(fileno(stderr)) != 0) {}

void TerminalProgress::Update(int64_t done) {
  if (!on_) return;
  std::fprintf(stderr, "\r%s: step %lld of %lld", what_.c_str(), static_cast<long long>(done),
               static_cast<long long>(total_));
  std::fflush(stderr);
  printed_ = true;
}

void TerminalProgress::Done() {
  if (printed_) std::fputc('\n', stderr);
  printed_ = false;
}

bool RunStepExport(Platform& platform, App& app, StepExport& job, const std::function<void()>& on_step,
                   std::string* status) {
  std::string error;
  if (!job.Start(app, &error)) {
    *status = job.Finish(app, false, error);
    return false;
  }
  while (!job.done()) {
    if (!job.Next(platform, app, &error)) {
      *status = job.Finish(app, false, error);
      return false;
    }
    if (on_step) on_step();
  }
  *status = job.Finish(app, false, "");
  return true;
}

std::string RunExport(Platform& platform, App& app, const ExportRequest& r, const Image& frame) {
  std::string error;
  switch (r.kind) {
    case ExportKind::WindowPng:
      if (!WritePng(r.path, frame, &error)) return _("export failed: ") + error;
      return TrFormat(N_("wrote {} ({}x{})"), r.path, frame.width, frame.height);
    case ExportKind::StepRangePng:
    case ExportKind::StepRangeGif: {
      // Here only without a frame loop to run it step by step (the window runs a StepExport).
      StepExport job(r.kind, r.path, r.first, r.last, kFramesPerExportedStep, GifStepMs(app));
      std::string status;
      RunStepExport(platform, app, job, nullptr, &status);
      return status;
    }
    case ExportKind::ChromeTrace:
    case ExportKind::NativeTrace:
    case ExportKind::TextTrace:
      if (!WriteTraceExport(app.session(), r.kind, r.path, &error)) return _("export failed: ") + error;
      return _("wrote ") + r.path;
    case ExportKind::MachinesSvg:
      if (!WriteMachinesSvg(app.session(), r.path, &error)) return _("export failed: ") + error;
      return _("wrote ") + r.path;
  }
  return "export failed: unknown kind";
}

}  // namespace aws::gui
