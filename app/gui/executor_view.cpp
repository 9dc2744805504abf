// The executor: every task with its status (tokio-console's words), poll and wake counts, the
// waker it holds, and the ready queue drawn as boxes, front first.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "gui/theme.h"
#include "gui/views.h"

namespace aws::gui {
namespace {

// Indexed by TaskStatus: Idle, Scheduled, Running, Done; colours from the theme's palette.
constexpr const char* kStatusLabels[] = {"IDLE", "SCHED", "RUNNING", "DONE"};

void DrawTasks(const Session& s, const Palette& pal) {
  const WorldState& w = s.state();
  constexpr ImGuiTableFlags kFlags =
      ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("tasks", 6, kFlags)) return;
  ImGui::TableSetupColumn("task");
  ImGui::TableSetupColumn("spawned", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("status");
  ImGui::TableSetupColumn("polls");
  ImGui::TableSetupColumn("wakes");
  ImGui::TableSetupColumn("waker");
  ImGui::TableHeadersRow();
  // Only the visible rows are drawn: the 10,000-task server must stay within a frame's budget.
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(w.tasks.size()));
  while (clipper.Step()) {
    for (size_t i = static_cast<size_t>(clipper.DisplayStart); i < static_cast<size_t>(clipper.DisplayEnd); ++i) {
      const TaskView& t = w.tasks[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      // The task's colour and shape, as on its Timeline lane.
      TaskMarker(static_cast<int>(i), pal.marker_outline);
      ImGui::Text("T%zu", i);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(i < s.trace().tasks.size() ? s.trace().tasks[i].name.c_str() : "?");
      ImGui::TableNextColumn();
      const size_t status = static_cast<size_t>(t.status);
      ImGui::PushStyleColor(ImGuiCol_Text, pal.status[status]);
      ImGui::TextUnformatted(kStatusLabels[status]);
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(t.polls));
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(t.wakes));
      ImGui::TableNextColumn();
      if (t.waker >= 0) ImGui::Text("W%d", t.waker);
      else ImGui::TextDisabled("-");
    }
  }
  ImGui::EndTable();
}

void DrawQueue(const WorldState& w, const Palette& pal) {
  ImGui::Text("ready queue (%zu)", w.queue.size());
  // 48 x 30 at the 15 px font of 100 %, growing with the font scale.
  const float em = ImGui::GetFontSize();
  const ImVec2 box(em * 3.2f, em * 2.0f);
  const float gap = em * 0.5f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (w.queue.empty()) {
    const ImVec2 size = ImGui::CalcTextSize("empty");
    const float width = std::max(box.x, size.x + em * 0.6f);
    dl->AddRect(p, ImVec2(p.x + width, p.y + box.y), pal.empty_outline, 3.0f);
    dl->AddText(ImVec2(p.x + (width - size.x) * 0.5f, p.y + (box.y - size.y) * 0.5f), pal.empty_text, "empty");
  }
  // Boxes wrap into rows; only the rows inside the panel's visible area are drawn.
  const size_t per_row = static_cast<size_t>(std::max(1.0f, std::floor((right - p.x + gap) / (box.x + gap))));
  const size_t rows = std::max<size_t>(1, (w.queue.size() + per_row - 1) / per_row);
  const float row_h = box.y + gap;
  const float clip_top = dl->GetClipRectMin().y, clip_bottom = dl->GetClipRectMax().y;
  const size_t first_row = static_cast<size_t>(std::max(0.0f, std::floor((clip_top - p.y) / row_h)));
  const size_t end_row = std::min(rows, static_cast<size_t>(std::max(0.0f, std::ceil((clip_bottom - p.y) / row_h))));
  for (size_t i = first_row * per_row; i < std::min(w.queue.size(), end_row * per_row); ++i) {
    const int task = w.queue[i];
    const float x = p.x + static_cast<float>(i % per_row) * (box.x + gap);
    const float y = p.y + static_cast<float>(i / per_row) * row_h;
    dl->AddRectFilled(ImVec2(x, y), ImVec2(x + box.x, y + box.y), pal.queue_box, 3.0f);
    std::string label = "T" + std::to_string(task);
    ImVec2 size = ImGui::CalcTextSize(label.c_str());
    dl->AddText(ImVec2(x + (box.x - size.x) * 0.5f, y + (box.y - size.y) * 0.5f),
                pal.box_text, label.c_str());
  }
  ImGui::Dummy(ImVec2(right - p.x, static_cast<float>(rows) * row_h - gap));
}

}  // namespace

void DrawExecutorView(ViewContext& ctx) {
  const Session& s = ctx.session;
  const WorldState& w = s.state();
  ImGui::Text("executor: %s   t=%lldms", s.trace().executor.c_str(), static_cast<long long>(w.t_ms));
  ImGui::SameLine();
  if (w.running_task >= 0) ImGui::Text("  CPU: polling T%d", w.running_task);
  else if (w.halted) ImGui::TextDisabled("  CPU: halted (hlt)");
  else ImGui::TextDisabled("  CPU: executor loop");
  ImGui::Separator();
  const Palette& pal = ThemePalette(ctx.view.settings.theme);
  DrawTasks(s, pal);
  ImGui::Spacing();
  DrawQueue(w, pal);
  if (!w.output.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("output");
    ImGui::TextUnformatted(w.output.c_str());
  }
}

}  // namespace aws::gui
