#include "gui/export.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>

#include "awaitscope/file_io.h"
#include "awaitscope/trace_io.h"
#include "gui/machine_svg.h"
#include "gui/platform.h"
#include "present/i18n.h"

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
    case ExportKind::WindowPng: break;  // named after the step too: App's DefaultPngPath
  }
  return "";
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

bool ExportStepRange(Platform& platform, App& app, int64_t first, int64_t last, const std::string& dir,
                     int frames, int* written, std::string* error) {
  *written = 0;
  const int64_t size = app.session().size();
  if (size == 0) {
    *error = "the run has no steps";
    return false;
  }
  first = std::clamp<int64_t>(first, 0, size - 1);
  last = std::clamp<int64_t>(last, 0, size - 1);
  if (first > last) {
    *error = "the range's first step is after its last";
    return false;
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir, ec)) {
    *error = "cannot create the folder " + dir;
    return false;
  }
  const int64_t cursor = app.session().cursor();
  const bool was_playing = app.view().playing;
  if (was_playing) app.Push({CommandKind::TogglePlay});
  const bool animated = app.animating();
  app.SetAnimate(false);  // slides show each step's end state, not the first frame of its animation
  bool ok = true;
  for (int64_t step = first; step <= last && ok; ++step) {
    app.Push({CommandKind::Seek, step});
    Image shot;
    for (int i = 0; i < frames && ok; ++i) {
      platform.Apply(app.view().settings);
      if (!platform.BeginFrame()) {  // the user closed the window: stop here (no frame started)
        *error = "stopped: the window was closed";
        ok = false;
        break;
      }
      app.Frame();
      app.TakeExports();  // no exports from inside an export
      platform.EndFrame(i + 1 == frames ? &shot : nullptr);
    }
    if (!ok) break;
    const std::string path = (fs::path(dir) / StepPngName(step)).string();
    ok = WritePng(path, shot, error);
    if (ok) ++*written;
  }
  app.Push({CommandKind::Seek, cursor});
  if (was_playing) app.Push({CommandKind::TogglePlay});
  app.SetAnimate(animated);
  return ok;
}

std::string RunExport(Platform& platform, App& app, const ExportRequest& r, const Image& frame) {
  std::string error;
  switch (r.kind) {
    case ExportKind::WindowPng:
      if (!WritePng(r.path, frame, &error)) return _("export failed: ") + error;
      return TrFormat(N_("wrote {} ({}x{})"), r.path, frame.width, frame.height);
    case ExportKind::StepRangePng: {
      int written = 0;
      constexpr int kFramesPerStep = 3;  // as a headless --screenshot
      if (!ExportStepRange(platform, app, r.first, r.last, r.path, kFramesPerStep, &written, &error))
        return TrFormat(N_("export failed after {} PNGs: {}"), written, error);
      return TrFormat(N_("wrote {} PNGs to {}"), written, r.path);
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
