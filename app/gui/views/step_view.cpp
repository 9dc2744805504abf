// The transport bar: buttons that push commands, a seek slider over every step, the play speed,
// the task "T" follows, the clock and the current event.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "awaitscope/trace.h"
#include "gui/views/views.h"

namespace aws::gui {
namespace {

// `text` cut to `width` pixels with "..." at the end (at a UTF-8 character boundary).
std::string FitText(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  size_t lo = 0, hi = text.size();
  while (lo < hi) {  // the longest prefix that fits with the dots
    const size_t mid = (lo + hi + 1) / 2;
    if (ImGui::CalcTextSize((text.substr(0, mid) + "...").c_str()).x <= width) lo = mid;
    else hi = mid - 1;
  }
  while (lo > 0 && (static_cast<unsigned char>(text[lo]) & 0xC0) == 0x80) --lo;
  return text.substr(0, lo) + "...";
}

bool IsItemCut(const std::string& shown, const std::string& full) { return shown.size() != full.size(); }

void Button(const char* label, const char* tip, ViewContext& ctx, Command c) {
  if (ImGui::Button(label)) ctx.commands.push_back(std::move(c));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
  ImGui::SameLine();
}

Command Kind(CommandKind k, int64_t value = 0) {
  Command c;
  c.kind = k;
  c.value = value;
  return c;
}

}  // namespace

void DrawStepView(ViewContext& ctx) {
  const Session& s = ctx.session;
  const float em = ImGui::GetFontSize();
  Button("|<", "restart (Home)", ctx, {CommandKind::Seek, -1});
  Button("<<", "previous poll (Shift+Left)", ctx, Kind(CommandKind::StepPollBack));
  Button("<", "one event back (Left)", ctx, Kind(CommandKind::StepBack));
  Button(ctx.view.playing ? "Pause" : "Play ", "play / pause (Space)", ctx, Kind(CommandKind::TogglePlay));
  Button(">", "one event forward (Right)", ctx, Kind(CommandKind::Step));
  Button(">>", "next poll (Shift+Right)", ctx, Kind(CommandKind::StepPoll));
  Button(">|", "last event (End)", ctx, {CommandKind::Seek, s.size() - 1});
  Button("N>", "run to the next breakpoint (N)", ctx, Kind(CommandKind::RunToBreakpoint, +1));

  // The seek slider: dragging it seeks at once (seeks take milliseconds even on long runs).
  int64_t cursor = s.cursor();
  const int64_t lo = -1, hi = std::max<int64_t>(s.size() - 1, 0);
  ImGui::SetNextItemWidth(std::max(em * 8, ImGui::GetContentRegionAvail().x - em * 26));
  char fmt[64];
  std::snprintf(fmt, sizeof fmt, "step %%lld / %lld", static_cast<long long>(hi));
  if (ImGui::SliderScalar("##seek", ImGuiDataType_S64, &cursor, &lo, &hi, fmt) && cursor != s.cursor())
    ctx.commands.push_back({CommandKind::Seek, cursor});
  ImGui::SameLine();
  ImGui::Text("t=%lldms", static_cast<long long>(s.state().t_ms));
  ImGui::SameLine();

  float speed = static_cast<float>(ctx.view.steps_per_second);
  ImGui::SetNextItemWidth(em * 7);
  if (ImGui::SliderFloat("##speed", &speed, 0.5f, 240.0f, "%.1f steps/s", ImGuiSliderFlags_Logarithmic)) {
    Command c = Kind(CommandKind::SetSpeed);
    c.text = std::to_string(speed);
    ctx.commands.push_back(std::move(c));
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("play speed ([ slower, ] faster)");
  ImGui::SameLine();

  // The task that "next change" (T) follows.
  const int tasks = static_cast<int>(s.state().tasks.size());
  ImGui::SetNextItemWidth(em * 4);
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

  // The current event on the left, the scenario's title on the right; when both do not fit, the
  // title gets at most 40 % of the line and both are cut with "...".
  const int64_t c = s.cursor();
  const bool has_event = c >= 0 && c < s.size();
  const std::string event = has_event ? EventText(s.trace(), s.trace().events[static_cast<size_t>(c)], s.program())
                                      : "before the first event  (Right: step, Left: back, Space: play/pause, ?: all keys)";
  const Scenario* sc = s.scenario();
  const std::string title = sc != nullptr ? sc->title : "";
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
