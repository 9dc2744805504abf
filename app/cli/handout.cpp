// `awaitscope handout`: the scenario's page for a class (present/handout.h), with pictures of the
// window rendered headlessly as `gui --step N --screenshot` renders them.
#include "cli/commands.h"

#if AWAITSCOPE_WITH_GUI
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "awaitscope/file_io.h"
#include "awaitscope/trace_io.h"
#include "gui/app.h"
#include "gui/app_main.h"
#include "gui/export.h"
#include "gui/machine_svg.h"
#include "gui/platform.h"
#include "present/handout.h"
#include "present/i18n.h"
#include "present/narration.h"
#include "present/scenario_texts.h"

namespace aws::cli {
namespace fs = std::filesystem;

namespace {

constexpr int kFramesPerPicture = 3;  // as `gui --screenshot`: scrolling settles

std::string Summary(const TraceSummary& s) {
  return present::TrFormat(N_("{} polls of tasks: {} returned Pending, {} Ready. {} wakes reached the "
                              "executor. The run ended at {} ms."),
                           s.polls, s.pending, s.ready, s.wakes, s.end_time_ms);
}

}  // namespace

int Handout(const HandoutArgs& args) {
  std::optional<present::Lang> lang =
      args.lang.empty() ? present::LanguageFromEnvironment() : present::ParseLang(args.lang);
  if (!lang) {
    std::cerr << fmt::format("awaitscope: no language `{}` (known: en, zh)\n", args.lang);
    return kExitBadInput;
  }
  std::string why;
  if (!present::SetLanguage(*lang, &why)) {
    std::cerr << "awaitscope: " << why << "\n";
    return kExitBadInput;
  }
  gui::PlatformOptions options;
  options.headless = true;
  options.cjk = *lang == present::Lang::Zh ? gui::CjkMode::On : gui::CjkMode::Off;
  if (!gui::ParseSize(args.size, &options.width, &options.height)) {
    std::cerr << "awaitscope: --size must be WxH (64..8192 each), not `" << args.size << "`\n";
    return kExitBadInput;
  }

  gui::App app;
  app.SetAnimate(false);
  Diagnostics diags;
  const bool loaded = app.Load(args.file, diags);
  std::cerr << diags.Render();
  if (!loaded) return kExitBadInput;
  const Session& s = app.session();
  if (s.program() == nullptr || s.scenario() == nullptr) {
    std::cerr << fmt::format("{}: error: nothing to hand out: the script did not compile\n", args.file);
    return kExitBadInput;
  }
  const Scenario& scenario = *s.scenario();

  present::Handout h;
  h.lang = std::string(present::LangCode(*lang));
  const ScenarioTexts texts = present::CurrentTexts(scenario);  // in the handout's language
  h.title = texts.title.empty() ? scenario.id : texts.title;
  h.description = texts.description;
  h.errata = texts.errata;
  h.source = present::NarrateSource(&scenario, -1);
  h.script_name = fs::path(scenario.script.name()).filename().string();
  h.script = scenario.script.text();
  std::string error;
  if (!gui::RenderMachinesSvg(*s.program(), &h.machines_svg, &error)) {
    std::cerr << fmt::format("{}: error: {}\n", args.file, error);
    return kExitBadInput;
  }

  const fs::path dir = args.out;
  const fs::path images = dir / "images";
  std::error_code ec;
  fs::create_directories(images, ec);
  if (!fs::is_directory(images, ec)) {
    std::cerr << fmt::format("{}: error: cannot create the folder {}\n", args.out, images.string());
    return kExitBadInput;
  }

  app.Push({present::CommandKind::SetLanguage, -1, 0, h.lang});
  gui::Platform platform;
  if (!platform.Open(options, &error)) {
    std::cerr << "awaitscope: " << error << "\n";
    return kExitBadInput;
  }
  gui::DrawFrame(platform, app);  // takes the language before the first picture

  const Trace& trace = s.trace();
  const std::vector<int64_t> key_steps = present::HandoutSteps(trace);
  gui::TerminalProgress progress(args.out, static_cast<int64_t>(key_steps.size()));
  for (int64_t step : key_steps) {
    gui::StepExport picture(present::ExportKind::StepRangePng, images.string(), step, step, kFramesPerPicture, 0);
    std::string status;
    if (!gui::RunStepExport(platform, app, picture, nullptr, &status)) {
      progress.Done();
      std::cerr << fmt::format("{}: error: the picture of step {}: {}\n", args.out, step, status);
      return kExitBadInput;
    }
    progress.Update(static_cast<int64_t>(h.steps.size()) + 1);
    present::HandoutStep hs;
    hs.step = step;
    hs.t_ms = trace.events[size_t(step)].t_ms;
    hs.narration = present::Narrate(trace, s.program(), step);
    for (size_t i = 0; i < scenario.notes.size(); ++i)
      if (scenario.notes[i].step == step) hs.notes.push_back(texts.notes[i]);
    hs.image = "images/" + gui::StepPngName(step);
    h.steps.push_back(std::move(hs));
  }
  progress.Done();
  if (!trace.events.empty())
    h.ending = present::Narrate(trace, s.program(), static_cast<int64_t>(trace.events.size()) - 1);
  h.summary = Summary(trace.summary);
  h.output = trace.summary.output;

  const std::string index = (dir / "index.html").string();
  if (!WriteFileAtomically(index, present::HandoutHtml(h), &why)) {
    std::cerr << fmt::format("{}: error: cannot write file: {}\n", index, why);
    return kExitBadInput;
  }
  std::cerr << fmt::format("awaitscope: wrote {} ({} key steps, each with a picture in {})\n", index,
                           h.steps.size(), images.string());
  return kExitOk;
}

}  // namespace aws::cli
#endif  // AWAITSCOPE_WITH_GUI
