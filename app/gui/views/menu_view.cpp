// The main menu: everything the keys do, findable with the mouse, plus exports and event
// breakpoints. Every item pushes a command.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "present/keymap.h"
#include "gui/export.h"
#include "gui/fonts.h"
#include "gui/views/views.h"

namespace aws::gui {
namespace {

std::string ScenarioId(const Session& s) {
  const Scenario* sc = s.scenario();
  return sc != nullptr && !sc->id.empty() ? sc->id : "awaitscope";
}

void FileMenu(ViewContext& ctx) {
  auto& out = ctx.commands;
  const std::string id = ScenarioId(ctx.session);
  if (ImGui::MenuItem(_("Scenario gallery"), "G")) out.push_back(MakeCommand(CommandKind::SetLayout, 0, "gallery"));
  if (ImGui::MenuItem(_("Edit script"), "E")) out.push_back(MakeCommand(CommandKind::SetLayout, 0, "editor"));
  ImGui::Separator();
  if (ImGui::MenuItem(_("Save window as PNG"), "S"))
    out.push_back(MakeCommand(CommandKind::Export, static_cast<int64_t>(ExportKind::WindowPng)));
  if (ImGui::BeginMenu(_("Save steps as PNGs or a GIF"))) {
    static int range[2] = {0, 0};
    const int last = static_cast<int>(std::max<int64_t>(ctx.session.size() - 1, 0));
    if (range[1] == 0 || range[1] > last) range[1] = std::min(last, range[0] + 20);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    ImGui::DragInt2(_("first, last step"), range, 1.0f, 0, last);
    const std::string folder = ExportFileName(ExportKind::StepRangePng, id);
    const std::string gif = ExportFileName(ExportKind::StepRangeGif, id);
    auto save_steps = [&](ExportKind kind, const std::string& path) {
      Command c = MakeCommand(CommandKind::Export, static_cast<int64_t>(kind), path);
      c.step = std::min(range[0], range[1]);
      c.value2 = std::max(range[0], range[1]);
      out.push_back(std::move(c));
      ImGui::CloseCurrentPopup();
    };
    ImGui::TextDisabled(_("PNGs into ./%s/"), folder.c_str());
    if (ImGui::Button(_("Save PNGs"))) save_steps(ExportKind::StepRangePng, folder);
    // A GIF shows each step for one step of the play speed ([ and ] change it).
    ImGui::TextDisabled(_("a GIF at the play speed into ./%s"), gif.c_str());
    if (ImGui::Button(_("Save GIF"))) save_steps(ExportKind::StepRangeGif, gif);
    ImGui::EndMenu();
  }
  auto save = [&](ExportKind kind) {
    out.push_back(MakeCommand(CommandKind::Export, static_cast<int64_t>(kind), ExportFileName(kind, id)));
  };
  if (ImGui::MenuItem(_("Save Chrome trace (Perfetto, speedscope)"))) save(ExportKind::ChromeTrace);
  if (ImGui::MenuItem(_("Save native trace (replayable)"))) save(ExportKind::NativeTrace);
  if (ImGui::MenuItem(_("Save text trace"))) save(ExportKind::TextTrace);
  if (ImGui::MenuItem(_("Export state machines (SVG)"))) save(ExportKind::MachinesSvg);
}

void ViewMenu(ViewContext& ctx) {
  auto& out = ctx.commands;
  const Settings& st = ctx.view.settings;
  int key = 1;
  for (const LayoutPreset& p : LayoutPresets()) {
    const std::string shortcut = key <= 9 ? std::to_string(key) : "";
    if (ImGui::MenuItem(_(p.label.c_str()), shortcut.c_str(), st.layout == p.name))
      out.push_back(MakeCommand(CommandKind::SetLayout, 0, p.name));
    ++key;
  }
  if (ImGui::MenuItem(_("Presentation (large font)"), "P", !ctx.view.layout_before_presentation.empty()))
    out.push_back(MakeCommand(CommandKind::TogglePresentation));
  ImGui::Separator();
  if (ImGui::BeginMenu(_("Theme"))) {
    for (const char* t : {N_("dark"), N_("light"), N_("high-contrast")})
      if (ImGui::MenuItem(_(t), nullptr, st.theme == t)) out.push_back(MakeCommand(CommandKind::SetTheme, 0, t));
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(_("Font size"))) {
    for (int s : ScalePresets()) {
      const std::string label = std::to_string(s) + " %";
      if (ImGui::MenuItem(label.c_str(), nullptr, st.scale_percent == s)) out.push_back(MakeCommand(CommandKind::SetScale, s));
    }
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem(_("Fullscreen"), "F", st.fullscreen)) out.push_back(MakeCommand(CommandKind::ToggleFullscreen));
  if (ImGui::BeginMenu(_("Language"))) {
    // Each language named in itself, so it can be found whichever is shown. "" follows the
    // locale ($LANGUAGE, $LC_ALL, $LC_MESSAGES, $LANG).
    struct Choice { const char* code; const char* label; };
    for (Choice c : {Choice{"", N_("Automatic (from the locale)")}, Choice{"en", "English"}, Choice{"zh", kChineseNativeName}})
      if (ImGui::MenuItem(c.code[0] == '\0' ? _(c.label) : c.label, nullptr, st.language == c.code))
        out.push_back(MakeCommand(CommandKind::SetLanguage, 0, c.code));
    ImGui::EndMenu();
  }
  ImGui::Separator();
  if (ImGui::MenuItem(_("Keys"), "?", ctx.view.help_open)) out.push_back(MakeCommand(CommandKind::ToggleHelp));
}

void RunMenu(ViewContext& ctx) {
  auto& out = ctx.commands;
  if (ImGui::MenuItem(ctx.view.playing ? _("Pause") : _("Play"), "Space")) out.push_back(MakeCommand(CommandKind::TogglePlay));
  if (ImGui::MenuItem(_("Step"), "Right")) out.push_back(MakeCommand(CommandKind::Step));
  if (ImGui::MenuItem(_("Step back"), "Left")) out.push_back(MakeCommand(CommandKind::StepBack));
  if (ImGui::MenuItem(_("Next poll"), "Shift+Right")) out.push_back(MakeCommand(CommandKind::StepPoll));
  if (ImGui::MenuItem(_("Previous poll"), "Shift+Left")) out.push_back(MakeCommand(CommandKind::StepPollBack));
  if (ImGui::MenuItem(_("Restart"), "Home")) out.push_back({CommandKind::Seek, -1});
  ImGui::Separator();
  if (ImGui::MenuItem(_("Run to next breakpoint"), "N")) out.push_back(MakeCommand(CommandKind::RunToBreakpoint, +1));
  if (ImGui::MenuItem(_("Back to previous breakpoint"), "Shift+N")) out.push_back(MakeCommand(CommandKind::RunToBreakpoint, -1));
  const uint32_t line = CurrentLine(ctx.session);
  if (ImGui::MenuItem(_("Toggle breakpoint on current line"), "B", false, line != 0))
    out.push_back(MakeCommand(CommandKind::ToggleLineBreakpoint, line));
  const uint32_t ev = ctx.view.breakpoints.events;
  struct Row { EventBreakpoint bit; const char* label; };
  for (Row r : {Row{kBreakWake, N_("Break on any wake")}, Row{kBreakTransition, N_("Break on any transition")},
                Row{kBreakReady, N_("Break on any Ready")}, Row{kBreakPanic, N_("Break on panic, fault or warning")}}) {
    if (ImGui::MenuItem(_(r.label), nullptr, (ev & r.bit) != 0)) {
      Command c = MakeCommand(CommandKind::SetEventBreakpoint, r.bit);
      c.step = (ev & r.bit) != 0 ? 0 : 1;
      out.push_back(std::move(c));
    }
  }
  if (!ctx.view.breakpoints.lines.empty() && ImGui::MenuItem(_("Clear line breakpoints")))
    for (uint32_t l : ctx.view.breakpoints.lines) out.push_back(MakeCommand(CommandKind::ToggleLineBreakpoint, l));
  ImGui::Separator();
  // Predict, then step (prediction.h): a student answers; a presenter reveals to the room.
  const PredictMode mode = ctx.view.prediction.mode;
  auto toggle = [&](PredictMode m) {
    out.push_back(MakeCommand(CommandKind::SetPrediction, static_cast<int64_t>(mode == m ? PredictMode::Off : m)));
  };
  if (ImGui::MenuItem(_("Prediction mode (answer, then step)"), "Q", mode == PredictMode::Student)) toggle(PredictMode::Student);
  if (ImGui::MenuItem(_("Presenter mode (ask the room, step reveals)"), nullptr, mode == PredictMode::Presenter))
    toggle(PredictMode::Presenter);
  ImGui::Separator();
  // Executor code: the lines a plain `fn main()` runs outside a task's poll (breakpoints.h NextStep).
  const bool into = ctx.view.settings.step_into_executor_code;
  if (ImGui::MenuItem(_("Step into executor code"), "X", into)) out.push_back(MakeCommand(CommandKind::SetExecutorStepping, 1));
  if (ImGui::MenuItem(_("Step over executor code"), "X", !into)) out.push_back(MakeCommand(CommandKind::SetExecutorStepping, 0));
}

}  // namespace

void DrawMenuBar(ViewContext& ctx) {
  if (ImGui::BeginMenu(_("File"))) {
    FileMenu(ctx);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(_("View"))) {
    ViewMenu(ctx);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(_("Run"))) {
    RunMenu(ctx);
    ImGui::EndMenu();
  }
  if (!ctx.view.status.empty()) {
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    ImGui::TextDisabled("%s", ctx.view.status.c_str());
  }
}

}  // namespace aws::gui
