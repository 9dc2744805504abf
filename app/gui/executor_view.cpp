// The executor: every task with its status (tokio-console's words), poll and wake counts, the
// waker it holds, and the ready queue drawn as boxes, front first.
#include <imgui.h>

#include <string>

#include "gui/views.h"

namespace aws::gui {
namespace {

struct StatusStyle {
  const char* label;
  ImU32 color;
};

// Indexed by TaskStatus: Idle, Scheduled, Running, Done.
constexpr StatusStyle kStatusStyles[] = {
    {"IDLE", IM_COL32(150, 150, 150, 255)},
    {"SCHED", IM_COL32(230, 200, 80, 255)},
    {"RUNNING", IM_COL32(110, 210, 110, 255)},
    {"DONE", IM_COL32(110, 160, 240, 255)},
};

const StatusStyle& StyleOf(TaskStatus s) { return kStatusStyles[static_cast<size_t>(s)]; }

void DrawTasks(const Session& s) {
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
  for (size_t i = 0; i < w.tasks.size(); ++i) {
    const TaskView& t = w.tasks[i];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("T%zu", i);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(i < s.trace().tasks.size() ? s.trace().tasks[i].name.c_str() : "?");
    ImGui::TableNextColumn();
    const StatusStyle& st = StyleOf(t.status);
    ImGui::PushStyleColor(ImGuiCol_Text, st.color);
    ImGui::TextUnformatted(st.label);
    ImGui::PopStyleColor();
    ImGui::TableNextColumn();
    ImGui::Text("%lld", static_cast<long long>(t.polls));
    ImGui::TableNextColumn();
    ImGui::Text("%lld", static_cast<long long>(t.wakes));
    ImGui::TableNextColumn();
    if (t.waker >= 0) ImGui::Text("W%d", t.waker);
    else ImGui::TextDisabled("-");
  }
  ImGui::EndTable();
}

void DrawQueue(const WorldState& w) {
  ImGui::Text("ready queue (%zu)", w.queue.size());
  const ImVec2 box(48, 30);
  const float gap = 8;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  float x = p.x;
  float y = p.y;
  if (w.queue.empty()) {
    dl->AddRect(ImVec2(x, y), ImVec2(x + box.x, y + box.y), IM_COL32(90, 90, 90, 255), 3.0f);
    dl->AddText(ImVec2(x + 6, y + 8), IM_COL32(120, 120, 120, 255), "empty");
  }
  for (int task : w.queue) {
    if (x + box.x > right && x > p.x) {  // wrap
      x = p.x;
      y += box.y + gap;
    }
    dl->AddRectFilled(ImVec2(x, y), ImVec2(x + box.x, y + box.y), kQueueBoxColor, 3.0f);
    std::string label = "T" + std::to_string(task);
    ImVec2 size = ImGui::CalcTextSize(label.c_str());
    dl->AddText(ImVec2(x + (box.x - size.x) * 0.5f, y + (box.y - size.y) * 0.5f),
                IM_COL32(255, 255, 255, 255), label.c_str());
    x += box.x + gap;
  }
  ImGui::Dummy(ImVec2(right - p.x, y + box.y - p.y));
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
  DrawTasks(s);
  ImGui::Spacing();
  DrawQueue(w);
  if (!w.output.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("output");
    ImGui::TextUnformatted(w.output.c_str());
  }
}

}  // namespace aws::gui
