// The executor: every task with its status (tokio-console's words), poll and wake counts, the
// waker it holds, and the ready queue drawn as boxes, front first.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "gui/theme.h"
#include "gui/views/views.h"
#include "present/threads.h"

namespace aws::gui {
namespace {

// Indexed by TaskStatus: Idle, Scheduled, Running, Done; colours from the theme's palette.
constexpr const char* kStatusLabels[] = {N_("IDLE"), N_("SCHED"), N_("RUNNING"), N_("DONE")};

void DrawTasks(const Session& s, const Palette& pal) {
  const WorldState& w = s.state();
  constexpr ImGuiTableFlags kFlags =
      ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("tasks", 6, kFlags)) return;
  ImGui::TableSetupColumn(_("task"));
  ImGui::TableSetupColumn(_("spawned"), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(_("status"));
  ImGui::TableSetupColumn(_("polls"));
  ImGui::TableSetupColumn(_("wakes"));
  ImGui::TableSetupColumn(_("waker"));
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
      ImGui::TextUnformatted(_(kStatusLabels[status]));
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

// The queue's motion at this step: a push slides the new box in at the back, a pop slides the
// front box out and the rest one place forward (progress 0..1, StepAnimation).
struct QueueMotion {
  EventKind kind = EventKind::Diagnostic;
  int task = -1;
  float progress = 1.0f;
};

void DrawBox(ImDrawList* dl, ImVec2 at, ImVec2 box, int task, const Palette& pal, float alpha) {
  const auto fade = [&](ImU32 c) { return (c & 0x00FFFFFF) | (ImU32(float(c >> 24) * alpha) << 24); };
  dl->AddRectFilled(at, ImVec2(at.x + box.x, at.y + box.y), fade(pal.queue_box), 3.0f);
  std::string label = "T" + std::to_string(task);
  ImVec2 size = ImGui::CalcTextSize(label.c_str());
  dl->AddText(ImVec2(at.x + (box.x - size.x) * 0.5f, at.y + (box.y - size.y) * 0.5f), fade(pal.box_text), label.c_str());
}

void DrawQueue(const WorldState& w, const Palette& pal, const QueueMotion& motion) {
  ImGui::Text(_("ready queue (%zu)"), w.queue.size());
  // 48 x 30 at the 15 px font of 100 %, growing with the font scale.
  const float em = ImGui::GetFontSize();
  const ImVec2 box(em * 3.2f, em * 2.0f);
  const float gap = em * 0.5f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (w.queue.empty()) {
    const ImVec2 size = ImGui::CalcTextSize(_("empty"));
    const float width = std::max(box.x, size.x + em * 0.6f);
    dl->AddRect(p, ImVec2(p.x + width, p.y + box.y), pal.empty_outline, 3.0f);
    dl->AddText(ImVec2(p.x + (width - size.x) * 0.5f, p.y + (box.y - size.y) * 0.5f), pal.empty_text, _("empty"));
  }
  // Boxes wrap into rows; only the rows inside the panel's visible area are drawn.
  const size_t per_row = static_cast<size_t>(std::max(1.0f, std::floor((right - p.x + gap) / (box.x + gap))));
  const size_t rows = std::max<size_t>(1, (w.queue.size() + per_row - 1) / per_row);
  const float row_h = box.y + gap;
  const float clip_top = dl->GetClipRectMin().y, clip_bottom = dl->GetClipRectMax().y;
  const size_t first_row = static_cast<size_t>(std::max(0.0f, std::floor((clip_top - p.y) / row_h)));
  const size_t end_row = std::min(rows, static_cast<size_t>(std::max(0.0f, std::ceil((clip_bottom - p.y) / row_h))));
  const bool moving = motion.progress < 1.0f;
  const float step_x = box.x + gap, k = motion.progress;
  for (size_t i = first_row * per_row; i < std::min(w.queue.size(), end_row * per_row); ++i) {
    const int task = w.queue[i];
    float x = p.x + static_cast<float>(i % per_row) * step_x;
    const float y = p.y + static_cast<float>(i / per_row) * row_h;
    float alpha = 1.0f;
    if (moving && motion.kind == EventKind::QueuePop && i % per_row + 1 < per_row) x += step_x * (1.0f - k);
    if (moving && motion.kind == EventKind::QueuePush && i + 1 == w.queue.size()) {
      x += step_x * (1.0f - k);
      alpha = k;
    }
    DrawBox(dl, ImVec2(x, y), box, task, pal, alpha);
  }
  // The task just taken off the front leaves upwards, fading.
  if (moving && motion.kind == EventKind::QueuePop && motion.task >= 0)
    DrawBox(dl, ImVec2(p.x, p.y - box.y * k), box, motion.task, pal, 1.0f - k);
  ImGui::Dummy(ImVec2(right - p.x, static_cast<float>(rows) * row_h - gap));
}

// The emulated threads at the cursor: each one's state in a task status's colour (runs: RUNNING,
// blocked: IDLE, ready: SCHED, finished: DONE) and what it waits on.
void DrawThreads(const std::vector<ThreadRow>& rows, const Palette& pal) {
  constexpr ImGuiTableFlags kFlags =
      ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("threads", 3, kFlags)) return;
  ImGui::TableSetupColumn(_("thread"));
  ImGui::TableSetupColumn(_("state"));
  ImGui::TableSetupColumn(_("on"), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  constexpr TaskStatus kColour[] = {TaskStatus::Running, TaskStatus::Idle, TaskStatus::Done, TaskStatus::Scheduled};
  constexpr const char* kLabels[] = {N_("running"), N_("blocked"), N_("finished"), N_("ready")};
  for (const ThreadRow& r : rows) {
    const size_t st = static_cast<size_t>(std::clamp<int64_t>(r.state, 0, 3));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.name.c_str());
    ImGui::TableNextColumn();
    ImGui::PushStyleColor(ImGuiCol_Text, pal.status[static_cast<size_t>(kColour[st])]);
    ImGui::TextUnformatted(_(kLabels[st]));
    ImGui::PopStyleColor();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.what.c_str());
  }
  ImGui::EndTable();
}

}  // namespace

void DrawExecutorView(ViewContext& ctx) {
  const Session& s = ctx.session;
  const WorldState& w = s.state();
  const Palette& pal0 = ThemePalette(ctx.view.settings.theme);
  if (!ctx.view.threads) ctx.view.threads = std::make_shared<ThreadsCache>();
  const std::vector<ThreadTrack>& tracks = ctx.view.threads->For(s.trace());
  // A run of plain threads has no executor: the panel says so and lists the threads instead.
  if (!tracks.empty() && s.trace().tasks.empty()) {
    const std::vector<ThreadRow> rows = ThreadsAt(s.trace(), tracks, s.cursor());
    size_t running = 0;
    for (const ThreadRow& r : rows) running += r.state == kThreadRuns;
    ImGui::Text("%s   t=%lldms", NoExecutorLine(rows.size()).c_str(), static_cast<long long>(w.t_ms));
    ImGui::SameLine();
    if (running > 0) ImGui::TextUnformatted(_("  CPU: runs a thread"));
    else if (w.halted) ImGui::TextDisabled(_("  CPU: halted, every thread waits"));
    else ImGui::TextDisabled(_("  CPU: idle"));
    ImGui::Separator();
    DrawThreads(rows, pal0);
    if (!w.output.empty()) {
      ImGui::Spacing();
      ImGui::TextDisabled(_("output"));
      ImGui::TextUnformatted(w.output.c_str());
    }
    return;
  }
  ImGui::Text(_("executor: %s   t=%lldms"), s.trace().executor.c_str(), static_cast<long long>(w.t_ms));
  ImGui::SameLine();
  if (w.running_task >= 0) ImGui::Text(_("  CPU: polling T%d"), w.running_task);
  else if (w.halted) ImGui::TextDisabled(_("  CPU: halted (hlt)"));
  else ImGui::TextDisabled(_("  CPU: executor loop"));
  ImGui::Separator();
  const Palette& pal = ThemePalette(ctx.view.settings.theme);
  DrawTasks(s, pal);
  ImGui::Spacing();
  QueueMotion motion;
  if (s.cursor() >= 0 && s.cursor() < s.size()) {
    const Event& e = s.trace().events[size_t(s.cursor())];
    if (e.kind == EventKind::QueuePush || e.kind == EventKind::QueuePop) motion = {e.kind, e.task, StepAnimation(ctx.view)};
  }
  DrawQueue(w, pal, motion);
  if (!tracks.empty()) {  // an async program that also has threads of its own
    ImGui::Spacing();
    DrawThreads(ThreadsAt(s.trace(), tracks, s.cursor()), pal);
  }
  if (!w.output.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled(_("output"));
    ImGui::TextUnformatted(w.output.c_str());
  }
}

}  // namespace aws::gui
