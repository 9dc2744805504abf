#include "gui/app_main.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "gui/app.h"
#include "gui/export.h"
#include "present/image.h"
#include "present/layout.h"
#include "gui/platform.h"
#include "present/settings.h"
#include "gui/theme.h"
#include "present/window_title.h"

namespace aws::gui {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 2;
// Frames rendered before a screenshot: scrolling and auto-sized layout settle over a frame or two.
constexpr int kSettleFrames = 3;
// Frames drawn after the last input event: hover highlights, tooltips, keyboard focus and
// auto-sized layout take a frame or two to follow what happened.
constexpr int kFramesAfterInput = 3;
// The longest sleep between two looks at the clock while idle. Nothing is drawn when it runs
// out; it only bounds how long the loop sleeps in one call.
constexpr int kIdleWaitMs = 250;

// Whole-string integer parse; false on anything else.
bool ParseInt(const std::string& text, int64_t* out) {
  if (text.empty() || text.size() > 18) return false;
  size_t i = 0;
  int64_t v = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    v = v * 10 + (text[i] - '0');
  }
  *out = v;
  return true;
}

// What the window should remember: the user's own choice, not the presentation preset's
// temporary layout and scale.
Settings ToRemember(const ViewData& v) {
  Settings s = v.settings;
  if (!v.layout_before_presentation.empty()) {
    if (s.layout == "presentation") s.layout = v.layout_before_presentation;
    s.scale_percent = v.scale_before_presentation;
  }
  return s;
}

// The remembered settings, as commands, so the app validates them as it does keys and menus.
// A scenario that chooses its lesson's layout keeps it.
void PushRemembered(App& app, const Settings& s) {
  const Scenario* sc = app.session().scenario();
  const bool scenario_layout = sc != nullptr && FindLayout(sc->layout) != nullptr;
  if (!scenario_layout && s.layout != app.view().settings.layout) app.Push({CommandKind::SetLayout, -1, 0, s.layout});
  if (s.scale_percent != app.view().settings.scale_percent) app.Push({CommandKind::SetScale, -1, s.scale_percent});
  if (s.theme != app.view().settings.theme) app.Push({CommandKind::SetTheme, -1, 0, s.theme});
  if (s.fullscreen != app.view().settings.fullscreen) app.Push({CommandKind::ToggleFullscreen});
  if (s.language != app.view().settings.language) app.Push({CommandKind::SetLanguage, -1, 0, s.language});
}

// Whether the user holds a key or a mouse button: ImGui repeats keys and tracks drags from
// frame to frame, so frames keep coming while one is held.
bool InputHeld() {
  const ImGuiIO& io = ImGui::GetIO();
  for (bool down : io.KeysDown)
    if (down) return true;
  for (bool down : io.MouseDown)
    if (down) return true;
  return false;
}

// `saved`: what the settings file holds (the defaults when it is missing or unreadable); it is
// rewritten only when the window's settings differ from it.
// The window draws only when something may have changed: input arrived (and a few frames after
// it), it plays, a step's animation runs, or a key or button is held. Otherwise it sleeps in
// SDL_WaitEventTimeout, so a paused window costs next to no CPU.
int Interactive(Platform& platform, App& app, Settings saved) {
  const std::string path = SettingsPath();
  int settle = kFramesAfterInput;  // the first frames draw the window at all
  std::unique_ptr<StepExport> job;  // a step range being exported, a step per turn of the loop
  while (true) {
    if (job) {
      if (!RunExportStep(platform, app, job)) break;
      settle = kFramesAfterInput;
      continue;
    }
    if (settle == 0 && !app.NeedsFrames() && !InputHeld()) {
      if (!platform.WaitForInput(kIdleWaitMs)) continue;
    }
    if (platform.InputPending()) settle = kFramesAfterInput;
    else if (settle > 0) --settle;
    const Settings before = app.view().settings;
    if (!DrawFrame(platform, app, nullptr, &job)) break;
    // The platform applies settings (language, fonts, theme, scale) as the next frame begins:
    // a menu choice made in the last of the frames after an input must still get that frame.
    if (app.view().settings != before) settle = std::max(settle, 1);
    // Saved as soon as they change, so a crash or a killed window loses nothing.
    const Settings now = ToRemember(app.view());
    if (!path.empty() && now != saved) {
      std::string error;
      if (!WriteSettings(path, now, &error)) std::cerr << "awaitscope: settings not saved: " << error << "\n";
      saved = now;
    }
  }
  return kExitOk;
}

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

bool ParseScale(const std::string& text, int* percent) {
  int64_t whole = 0;
  if (ParseInt(text, &whole)) {
    if (whole >= 1 && whole <= 3) whole *= 100;  // a factor
    if (whole < 100 || whole > 300) return false;
    *percent = static_cast<int>(whole);
    return true;
  }
  // A decimal factor: digits '.' digits.
  const size_t dot = text.find('.');
  int64_t ip = 0, fp = 0;
  if (dot == std::string::npos || !ParseInt(text.substr(0, dot), &ip) || !ParseInt(text.substr(dot + 1), &fp))
    return false;
  const double factor = std::stod(text);
  if (factor < 1.0 || factor > 3.0) return false;
  *percent = static_cast<int>(std::lround(factor * 100.0));
  return true;
}

bool ParseStepRange(const std::string& text, int64_t* first, int64_t* last) {
  const size_t colon = text.find(':');
  if (colon == std::string::npos) return false;
  int64_t a = 0, b = 0;
  if (!ParseInt(text.substr(0, colon), &a) || !ParseInt(text.substr(colon + 1), &b) || a > b) return false;
  *first = a;
  *last = b;
  return true;
}

bool DrawFrame(Platform& platform, App& app, Image* capture, std::unique_ptr<StepExport>* job) {
  platform.Apply(app.view().settings);
  if (std::string notice = platform.TakeNotice(); !notice.empty()) {
    std::cerr << "awaitscope: " << notice << "\n";
    app.SetStatus(std::move(notice));
  }
  if (!platform.BeginFrame(app.HoldsKeys())) return false;
  app.Frame();
  platform.SetTitle(WindowTitle(app.session()));
  const std::vector<ExportRequest> exports = app.TakeExports();
  bool want_png = false;
  for (const ExportRequest& r : exports) want_png |= r.kind == ExportKind::WindowPng;
  Image own;
  if (want_png && capture == nullptr) capture = &own;
  platform.EndFrame(capture);
  for (const ExportRequest& r : exports) {
    const bool steps = r.kind == ExportKind::StepRangePng || r.kind == ExportKind::StepRangeGif;
    if (steps && job != nullptr && *job == nullptr) {
      // Run by the frame loop a step at a time (RunExportStep), with progress and Cancel.
      *job = std::make_unique<StepExport>(r.kind, r.path, r.first, r.last, kFramesPerExportedStep, GifStepMs(app));
      std::string error;
      if (!(*job)->Start(app, &error)) {
        app.SetStatus((*job)->Finish(app, false, error));
        job->reset();
      }
      continue;
    }
    app.SetStatus(RunExport(platform, app, r, capture ? *capture : own));
  }
  return true;
}

bool RunExportStep(Platform& platform, App& app, std::unique_ptr<StepExport>& job) {
  std::string error;
  const bool ok = job->Next(platform, app, &error);
  if (!ok && error == kWindowClosed) return false;
  if (ok && !job->done() && !app.view().export_progress.cancel) return DrawFrame(platform, app);
  app.SetStatus(job->Finish(app, ok && app.view().export_progress.cancel && !job->done(), ok ? "" : error));
  job.reset();
  return true;
}

int GuiMain(const GuiArgs& args, bool* no_window) {
  PlatformOptions options;
  options.cjk = args.cjk;
  if (!ParseSize(args.size, &options.width, &options.height)) {
    std::cerr << "awaitscope: --size must be WxH (64..8192 each), not `" << args.size << "`\n";
    return kExitBadInput;
  }
  int scale = 0;
  if (!args.scale.empty() && !ParseScale(args.scale, &scale)) {
    std::cerr << "awaitscope: --scale must be a percentage from 100 to 300 or a factor from 1 to 3, not `"
              << args.scale << "`\n";
    return kExitBadInput;
  }
  if (!args.theme.empty() && !ParseTheme(args.theme)) {
    std::cerr << "awaitscope: no theme `" << args.theme << "` (known: dark, light, high-contrast)\n";
    return kExitBadInput;
  }
  if (!args.preset.empty() && FindLayout(args.preset) == nullptr) {
    std::cerr << "awaitscope: no layout preset `" << args.preset << "` (known: " << LayoutNames() << ")\n";
    return kExitBadInput;
  }
  int64_t first = 0, last = 0;
  if (!args.export_steps.empty() && !ParseStepRange(args.export_steps, &first, &last)) {
    std::cerr << "awaitscope: --export-steps must be FIRST:LAST with FIRST <= LAST, not `" << args.export_steps
              << "`\n";
    return kExitBadInput;
  }
  if (!args.export_steps.empty() && args.out_dir.empty() && args.gif.empty()) {
    std::cerr << "awaitscope: --export-steps needs --out-dir (PNGs) or --gif (an animated GIF)\n";
    return kExitBadInput;
  }
  if (args.export_steps.empty() && (!args.out_dir.empty() || !args.gif.empty())) {
    std::cerr << "awaitscope: --out-dir and --gif need --export-steps FIRST:LAST\n";
    return kExitBadInput;
  }
  if (args.gif_step_ms < 20 || args.gif_step_ms > 60000) {
    std::cerr << "awaitscope: --gif-step-ms must be from 20 to 60000, not " << args.gif_step_ms << "\n";
    return kExitBadInput;
  }
  options.headless = !args.screenshot.empty() || !args.export_steps.empty();

  App app;
  app.SetAnimate(!options.headless);
  Diagnostics diags;
  bool loaded = app.Load(args.file, diags);
  std::cerr << diags.Render();
  if (!loaded) return kExitBadInput;

  // Headless runs never read the remembered settings: a screenshot depends on its command line.
  Settings remembered;
  if (!options.headless) {
    std::string warning;
    if (const std::string path = SettingsPath(); !path.empty() && !ReadSettings(path, &remembered, &warning))
      std::cerr << "awaitscope: " << warning << "\n";
    PushRemembered(app, remembered);
  }
  if (!args.lang.empty() && args.lang != "en" && args.lang != "zh") {
    std::cerr << "awaitscope: no language `" << args.lang << "` (known: en, zh)\n";
    return kExitBadInput;
  }
  const bool restyled = !args.preset.empty() || scale != 0 || !args.theme.empty() || !args.lang.empty();
  if (!args.preset.empty()) app.Push({CommandKind::SetLayout, -1, 0, args.preset});
  if (scale != 0) app.Push({CommandKind::SetScale, -1, scale});
  if (!args.theme.empty()) app.Push({CommandKind::SetTheme, -1, 0, args.theme});
  // Headless frames are English unless --lang says otherwise: a screenshot depends on its
  // command line, not on the locale.
  if (!args.lang.empty() || options.headless)
    app.Push({CommandKind::SetLanguage, -1, 0, args.lang.empty() ? "en" : args.lang});

  Platform platform;
  std::string error;
  if (!platform.Open(options, &error)) {
    std::cerr << "awaitscope: " << error << "\n";
    if (no_window) *no_window = true;
    return kExitBadInput;
  }

  // Prediction mode starts where --step puts the cursor: questions before it are not asked.
  const auto predict = [&] {
    if (args.predict.empty()) return;
    app.Push(MakeCommand(CommandKind::SetPrediction,
                         static_cast<int64_t>(args.predict == "presenter" ? PredictMode::Presenter : PredictMode::Student)));
  };
  if (!options.headless) {
    if (args.step) app.Push({CommandKind::Seek, *args.step});
    predict();
    return Interactive(platform, app, remembered);
  }
  // One frame to take the style commands before the step is sought, so that scrolling to the
  // current line is computed with the final font size (as a user would see it).
  if (restyled) DrawFrame(platform, app);
  if (args.step) app.Push({CommandKind::Seek, *args.step});
  predict();
  if (!args.screenshot.empty()) {
    Image shot;
    for (int i = 0; i < kSettleFrames; ++i) DrawFrame(platform, app, i + 1 == kSettleFrames ? &shot : nullptr);
    if (!WritePng(args.screenshot, shot, &error)) {
      std::cerr << "awaitscope: " << error << "\n";
      return kExitBadInput;
    }
  }
  for (const auto& [kind, path] : {std::pair{ExportKind::StepRangePng, args.out_dir}, {ExportKind::StepRangeGif, args.gif}}) {
    if (path.empty()) continue;
    StepExport job(kind, path, first, last, kSettleFrames, args.gif_step_ms);
    TerminalProgress progress(path, job.total());
    std::string status;
    const bool ok = RunStepExport(platform, app, job, [&] { progress.Update(job.written()); }, &status);
    progress.Done();
    std::cerr << "awaitscope: " << status << "\n";
    if (!ok) return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace aws::gui
