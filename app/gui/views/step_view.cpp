// The transport bar: buttons that push commands, a seek slider over every step, the play speed,
// the task "T" follows, the clock and the current event.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <string>

#include "awaitscope/trace.h"
#include "gui/views/views.h"
#include "present/scenario_texts.h"

namespace aws::gui {
namespace {

bool IsItemCut(const std::string& shown, const std::string& full) { return shown.size() != full.size(); }

Command Kind(CommandKind k, int64_t value = 0) {
  Command c;
  c.kind = k;
  c.value = value;
  return c;
}

// The transport's buttons, left to right.
struct TransportButton {
  const char* label;
  const char* tip;
};
constexpr TransportButton kButtons[] = {
    {"|<", N_("restart (Home)")},          {"<<", N_("previous poll (Shift+Left)")}, {"<", N_("one event back (Left)")},
    {"Pause", N_("play / pause (Space)")}, {">", N_("one event forward (Right)")},   {">>", N_("next poll (Shift+Right)")},
    {">|", N_("last event (End)")},        {"N>", N_("run to the next breakpoint (N)")},
};

float ButtonWidth(const char* label) { return ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2; }

// Widths of the controls right of the seek slider: the clock, the speed, the task and T>.
constexpr const char* kClockSample = "t=00000ms";
float SpeedWidth() { return ImGui::GetFontSize() * 7; }
float TaskWidth() { return ImGui::GetFontSize() * 4; }
float TailWidth() {
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  return ImGui::CalcTextSize(kClockSample).x + gap + SpeedWidth() + gap + TaskWidth() + gap + ButtonWidth("T>");
}
// The executor code toggle: a checkbox, ticked while Step visits executor code's lines.
constexpr const char* kExecToggle = N_("executor lines");
float ExecToggleWidth() {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(_(kExecToggle)).x +
         ImGui::GetStyle().ItemSpacing.x;
}
float ButtonsWidth(bool exec_toggle) {
  float w = exec_toggle ? ExecToggleWidth() : 0.0f;
  for (const TransportButton& b : kButtons) w += ButtonWidth(b.label) + ImGui::GetStyle().ItemSpacing.x;
  return w;
}
// The narrowest the seek slider gets on a row with other controls.
float MinSeekWidth() { return ImGui::GetFontSize() * 8; }

}  // namespace

int TransportRows(float width, bool exec_toggle) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float inner = width - style.WindowPadding.x * 2;
  return ButtonsWidth(exec_toggle) + MinSeekWidth() + style.ItemSpacing.x + TailWidth() <= inner ? 1 : 2;
}

float StepViewHeight(float width, bool exec_toggle) {
  const ImGuiStyle& style = ImGui::GetStyle();
  // Two rows of controls hold the current event beside the second row's; one row has it below.
  return ImGui::GetFrameHeightWithSpacing() * 2.0f + style.WindowPadding.y * 2 -
         (TransportRows(width, exec_toggle) == 1 ? ImGui::GetFrameHeightWithSpacing() - ImGui::GetTextLineHeightWithSpacing() : 0.0f);
}

void DrawStepView(ViewContext& ctx) {
  const Session& s = ctx.session;
  // One row when everything fits; else the buttons and the seek slider on the first row, the
  // clock, speed, followed task and current event on the second, so every control stays on
  // screen at any font.
  const bool exec_toggle = HasExecutorCode(s.trace());
  const bool two_rows = TransportRows(ImGui::GetWindowWidth(), exec_toggle) == 2;
  const Command commands[] = {
      {CommandKind::Seek, -1},       Kind(CommandKind::StepPollBack), Kind(CommandKind::StepBack),
      Kind(CommandKind::TogglePlay), Kind(CommandKind::Step),         Kind(CommandKind::StepPoll),
      {CommandKind::Seek, s.size() - 1}, Kind(CommandKind::RunToBreakpoint, +1),
  };
  for (size_t i = 0; i < std::size(kButtons); ++i) {
    const char* label = i == 3 ? (ctx.view.playing ? _("Pause") : _("Play")) : kButtons[i].label;
    // Play and Pause take the same room, so the buttons after it never move.
    if (ImGui::Button(label, ImVec2(i == 3 ? ButtonWidth(_("Pause")) : 0, 0))) ctx.commands.push_back(commands[i]);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", _(kButtons[i].tip));
    ImGui::SameLine();
  }
  // Step into / over executor code (only a run with executor code has any to step through).
  if (exec_toggle) {
    bool into = ctx.view.settings.step_into_executor_code;
    if (ImGui::Checkbox(_(kExecToggle), &into)) ctx.commands.push_back(Kind(CommandKind::SetExecutorStepping, into ? 1 : 0));
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", into ? _("ticked: Step visits every line of executor code, the code a plain fn main runs "
                                       "outside a task's poll; untick to step over it (X)")
                                   : _("unticked: Step goes from event to event over executor code; tick to step "
                                       "into its lines (X)"));
    ImGui::SameLine();
  }

  // The seek slider: dragging it seeks at once (seeks take milliseconds even on long runs).
  int64_t cursor = s.cursor();
  const int64_t lo = -1, hi = std::max<int64_t>(s.size() - 1, 0);
  const float tail = two_rows ? 0.0f : TailWidth() + ImGui::GetStyle().ItemSpacing.x;
  ImGui::SetNextItemWidth(std::max(MinSeekWidth(), ImGui::GetContentRegionAvail().x - tail));
  char fmt[64];
  std::snprintf(fmt, sizeof fmt, _("step %%lld / %lld"), static_cast<long long>(hi));
  if (ImGui::SliderScalar("##seek", ImGuiDataType_S64, &cursor, &lo, &hi, fmt) && cursor != s.cursor())
    ctx.commands.push_back({CommandKind::Seek, cursor});
  if (!two_rows) ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::Text("t=%lldms", static_cast<long long>(s.state().t_ms));
  ImGui::SameLine();

  // A drag box, not a slider: a slider's handle would cover the speed it shows.
  float speed = static_cast<float>(ctx.view.steps_per_second);
  ImGui::SetNextItemWidth(SpeedWidth());
  if (ImGui::DragFloat("##speed", &speed, 0.005f, 0.5f, 240.0f, _("%.1f steps/s"),
                       ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp)) {
    Command c = Kind(CommandKind::SetSpeed);
    c.text = std::to_string(speed);
    ctx.commands.push_back(std::move(c));
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip(_("play speed: drag, or [ slower, ] faster"));
  ImGui::SameLine();

  // The task that "next change" (T) follows.
  const int tasks = static_cast<int>(s.state().tasks.size());
  ImGui::SetNextItemWidth(TaskWidth());
  const std::string current = tasks > 0 ? "T" + std::to_string(ctx.view.followed_task) : "-";
  if (ImGui::BeginCombo("##task", current.c_str())) {
    for (int t = 0; t < tasks; ++t) {
      const std::string name = "T" + std::to_string(t);
      if (ImGui::Selectable(name.c_str(), t == ctx.view.followed_task)) ctx.view.followed_task = t;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button("T>")) ctx.commands.push_back(Kind(CommandKind::NextTaskChange, ctx.view.followed_task));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("to the next change of the chosen task (T)");

  // The current event on the left (beside T> on two rows, below everything on one), the
  // scenario's title on the right; when both do not fit, the title gets at most 40 % of the
  // line and both are cut with "...".
  if (two_rows) {
    ImGui::SameLine(0, ImGui::GetFontSize());
    ImGui::AlignTextToFramePadding();
  }
  const int64_t c = s.cursor();
  const bool has_event = c >= 0 && c < s.size();
  const std::string event = has_event ? EventText(s.trace(), s.trace().events[static_cast<size_t>(c)], s.program())
                                      : _("before the first event  (Right: step, Left: back, Space: play/pause, ?: all keys)");
  const Scenario* sc = s.scenario();
  const std::string title = sc != nullptr ? CurrentTexts(*sc).title : "";
  const float left = ImGui::GetCursorPosX(), right = ImGui::GetWindowContentRegionMax().x;
  const float gap = ImGui::GetFontSize() * 1.5f, avail = right - left;
  float title_w = title.empty() ? 0 : ImGui::CalcTextSize(title.c_str()).x;
  const float event_w = ImGui::CalcTextSize(event.c_str()).x;
  if (!title.empty() && event_w + gap + title_w > avail) title_w = std::min(title_w, avail * 0.4f);
  const std::string shown_event = FitText(event, avail - (title.empty() ? 0 : title_w + gap));
  if (has_event) ImGui::TextUnformatted(shown_event.c_str());
  else ImGui::TextDisabled("%s", shown_event.c_str());
  if (IsItemCut(shown_event, event) && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", event.c_str());
  if (!title.empty()) {
    const std::string shown_title = FitText(title, title_w);
    ImGui::SameLine(right - ImGui::CalcTextSize(shown_title.c_str()).x);
    ImGui::TextDisabled("%s", shown_title.c_str());
  }
}

}  // namespace aws::gui
