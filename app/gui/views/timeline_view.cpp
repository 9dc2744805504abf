// The timeline: one lane per task, per emulated thread and per device over virtual time. Preparation (timeline.cpp)
// clips the trace to the view; this file only draws the prepared frame and turns the mouse into
// Seek commands and zoom/pan of the view.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "gui/theme.h"
#include "present/timeline.h"
#include "gui/views/views.h"

namespace aws::gui {
namespace {

// Task colours and markers (Okabe–Ito, a shape each) and the other colours come from theme.h.
// Sizes follow the font: 130, 22 and 18 px at the 15 px font of 100 %.
float LabelW() { return ImGui::GetFontSize() * (130.0f / 15.0f); }
float RowH() { return ImGui::GetFontSize() * (22.0f / 15.0f); }
float RulerH() { return ImGui::GetFontSize() * (18.0f / 15.0f); }

// The panel's view state lives in the app's ViewData; the trace's index is rebuilt when another
// trace is loaded.
TimelineViewState& StateFor(const ViewContext& ctx) {
  if (!ctx.view.timeline) ctx.view.timeline = std::make_shared<TimelineViewState>();
  TimelineViewState& st = *ctx.view.timeline;
  const Trace& tr = ctx.session.trace();
  if (st.events != tr.events.data() || st.size != tr.events.size()) {
    st.events = tr.events.data();
    st.size = tr.events.size();
    st.index = BuildTimelineIndex(tr);
    const TimeWindow full = FullTimeWindow(st.index.end_ms);
    st.t0 = full.t0;
    st.t1 = full.t1;
  }
  return st;
}

void DrawHatch(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col) {
  dl->PushClipRect(a, b, true);
  const float h = b.y - a.y;
  for (float x = a.x - h; x < b.x; x += 6.0f) dl->AddLine(ImVec2(x, b.y), ImVec2(x + h, a.y), col, 1.0f);
  dl->PopClipRect();
  dl->AddRect(a, b, col);
}

void DrawRuler(ImDrawList* dl, const TimelineContext& c, ImVec2 o, float lanes_h, const Palette& pal) {
  const float ruler_h = RulerH();
  // The smallest step of 1, 2 or 5 times a power of ten that leaves room for the widest label
  // ("00000ms"), so labels never run into each other at any zoom or font scale.
  const double label_px = ImGui::CalcTextSize("00000ms").x + ImGui::GetFontSize();
  const double raw = std::max(label_px, 60.0 * (ImGui::GetFontSize() / 15.0)) / c.px_per_ms;
  double step = std::pow(10.0, std::floor(std::log10(raw)));
  if (raw > 5 * step) step *= 10;
  else if (raw > 2 * step) step *= 5;
  else if (raw > step) step *= 2;
  for (double t = std::ceil(c.t0_ms / step) * step; t <= c.t1_ms; t += step) {
    if (std::abs(t) < step * 1e-6) t = 0;  // no "-0ms"
    const float x = o.x + c.X(t);
    dl->AddLine(ImVec2(x, o.y + ruler_h - 4), ImVec2(x, o.y + ruler_h + lanes_h), pal.grid);
    char buf[32];
    std::snprintf(buf, sizeof buf, step < 1 ? "%.2fms" : "%.0fms", t);
    dl->AddText(ImVec2(x + 2, o.y), pal.ruler_text, buf);
  }
}

void DrawArrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col) {
  dl->AddLine(a, b, col, 1.5f);
  ImVec2 d(b.x - a.x, b.y - a.y);
  const float len = std::sqrt(d.x * d.x + d.y * d.y);
  if (len < 1.0f) return;
  d.x /= len, d.y /= len;
  const ImVec2 n(-d.y, d.x);
  dl->AddTriangleFilled(b, ImVec2(b.x - d.x * 7 + n.x * 4, b.y - d.y * 7 + n.y * 4),
                        ImVec2(b.x - d.x * 7 - n.x * 4, b.y - d.y * 7 - n.y * 4), col);
}

}  // namespace

void DrawTimelineView(ViewContext& ctx) {
  TimelineViewState& st = StateFor(ctx);
  const TimelineIndex& ix = st.index;
  const Trace& trace = ctx.session.trace();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Palette& pal = ThemePalette(ctx.view.settings.theme);
  const float label_w = LabelW(), ruler_h = RulerH();

  // Lane tops (in rows from the lanes area's top). Rows grow to use the panel's height (below the
  // ruler, above the footer line) when there are few lanes.
  float rows_total = 0;
  for (const TlLane& l : ix.lanes) rows_total += static_cast<float>(l.rows) + 0.3f;
  const float footer_h = 6 + ImGui::GetTextLineHeightWithSpacing();
  const float row_h = FitRowHeight(ImGui::GetContentRegionAvail().y - ruler_h - footer_h, rows_total, RowH());
  std::vector<float> lane_y;
  float rows_above = 0;
  for (const TlLane& l : ix.lanes) {
    lane_y.push_back(rows_above * row_h);
    rows_above += static_cast<float>(l.rows) + 0.3f;
  }
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float avail_w = ImGui::GetContentRegionAvail().x;
  const float width = std::max(avail_w - label_w, 10.0f);
  const float lanes_h = rows_total * row_h;
  const ImVec2 area(origin.x + label_w, origin.y);  // ruler top-left of the time area

  // Input first, so this frame already draws the new view.
  ImGui::SetCursorScreenPos(area);
  ImGui::InvisibleButton("lanes", ImVec2(width, ruler_h + std::max(lanes_h, row_h)),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  const ImGuiIO& io = ImGui::GetIO();
  {
    TimelineContext c = TimelineContext::Make(st.t0, st.t1, width);
    const float mx = io.MousePos.x - area.x;
    TimeWindow view{st.t0, st.t1};
    if (ImGui::IsItemHovered() && io.MouseWheel != 0.0f)
      view = ZoomTimeWindow(view, c.T(mx), std::pow(1.25, -io.MouseWheel), ix.end_ms);
    const bool pan = ImGui::IsItemActive() &&
                     (ImGui::IsMouseDown(ImGuiMouseButton_Right) || (io.KeyShift && ImGui::IsMouseDown(ImGuiMouseButton_Left)));
    if (pan) view = PanTimeWindow(view, -io.MouseDelta.x / c.px_per_ms, ix.end_ms);
    view = ClampTimeWindow(view, ix.end_ms);
    st.t0 = view.t0;
    st.t1 = view.t1;
    if (!pan && ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      const int64_t step = NearestStep(trace, c.T(mx));
      if (step != ctx.session.cursor()) ctx.commands.push_back({CommandKind::Seek, step});
    }
  }
  const float top = area.y + ruler_h;
  // Lanes, items and arrows outside the panel's visible rows are skipped (10,000 task lanes).
  const float vis_top = dl->GetClipRectMin().y, vis_bottom = dl->GetClipRectMax().y;
  LaneRange visible;
  const auto lane_end = [&](size_t l) { return top + lane_y[l] + ix.lanes[l].rows * row_h + 2; };
  for (size_t lo = 0, hi = lane_y.size();;) {  // the first lane reaching into view (lanes go down)
    if (lo >= hi) {
      visible.first = static_cast<int>(lo);
      break;
    }
    const size_t mid = (lo + hi) / 2;
    if (lane_end(mid) < vis_top) lo = mid + 1;
    else hi = mid;
  }
  visible.last = static_cast<int>(std::partition_point(lane_y.begin(), lane_y.end(),
                                                       [&](float y) { return top + y <= vis_bottom; }) -
                                  lane_y.begin()) - 1;
  const TimelineFrame f =
      PrepareTimeline(trace, ix, TimelineContext::Make(st.t0, st.t1, width), ctx.session.cursor(), visible);
  dl->PushClipRect(origin, ImVec2(area.x + width, top + lanes_h + 1), true);
  DrawRuler(dl, f.ctx, area, lanes_h, pal);
  for (size_t l = 0; l < ix.lanes.size(); ++l) {
    const float y = top + lane_y[l];
    if (y + ix.lanes[l].rows * row_h + 2 < vis_top || y > vis_bottom) continue;
    dl->AddLine(ImVec2(origin.x, y + ix.lanes[l].rows * row_h + 2), ImVec2(area.x + width, y + ix.lanes[l].rows * row_h + 2),
                pal.lane_line);
    // A task lane's label starts with the task's marker: its shape tells tasks apart without colour.
    float label_x = origin.x + 2;
    const int task = ix.lanes[l].task;
    if (task >= 0) {
      const float m = ImGui::GetFontSize() * 0.8f;
      DrawTaskMarker(dl, ImVec2(label_x + m * 0.5f + 1, y + row_h * 0.5f), m, task, pal.marker_outline);
      label_x += m + 5;
    }
    const ImU32 label_col = task >= 0                   ? TaskColor(task)
                            : ix.lanes[l].thread >= 0 ? pal.status[static_cast<size_t>(TaskStatus::Running)]
                                                      : pal.request;
    dl->AddText(ImVec2(label_x, y + (row_h - ImGui::GetFontSize()) * 0.5f), label_col, ix.lanes[l].label.c_str());
  }
  dl->PopClipRect();

  dl->PushClipRect(ImVec2(area.x, top), ImVec2(area.x + width, top + lanes_h), true);
  for (const TlItem& it : f.items) {
    const TlLane& lane = ix.lanes[static_cast<size_t>(it.lane)];
    const float y = top + lane_y[static_cast<size_t>(it.lane)] + it.row * row_h;
    const ImVec2 a(area.x + it.x0, y + 2), b(area.x + it.x1, y + row_h - 2);
    if (b.y < vis_top || a.y > vis_bottom) continue;
    const ImU32 col = lane.task >= 0 ? TaskColor(lane.task) : pal.request;
    switch (it.kind) {
      case TlKind::Poll:
        dl->AddRectFilled(a, b, col);
        if (it.span.ready) dl->AddRect(a, b, pal.ready_outline);
        break;
      case TlKind::Suspended:
        DrawHatch(dl, ImVec2(a.x, a.y + 4), ImVec2(b.x, b.y - 4), (col & 0x00FFFFFF) | 0xA0000000);
        break;
      case TlKind::Request: {
        dl->AddRectFilled(a, b, (col & 0x00FFFFFF) | 0x60000000);
        dl->AddRect(a, b, col);
        const std::string what = trace.devices.empty() ? "" : "#" + std::to_string(it.span.id);
        if (b.x - a.x > ImGui::CalcTextSize(what.c_str()).x + 6) dl->AddText(ImVec2(a.x + 3, a.y + 2), col, what.c_str());
        break;
      }
      // A thread: solid while it has the core, hatched and labelled with what it waits on while
      // blocked, outlined while ready (another thread has the core); the colours of task statuses.
      case TlKind::ThreadRun:
        dl->AddRectFilled(a, b, pal.status[static_cast<size_t>(TaskStatus::Running)]);
        break;
      case TlKind::ThreadBlocked: {
        const ImU32 c = pal.status[static_cast<size_t>(TaskStatus::Idle)];
        DrawHatch(dl, ImVec2(a.x, a.y + 4), ImVec2(b.x, b.y - 4), (c & 0x00FFFFFF) | 0xA0000000);
        const std::string& why = it.span.id >= 0 ? trace.Payload(trace.events[static_cast<size_t>(it.span.id)]) : "";
        const ImVec2 ts = ImGui::CalcTextSize(why.c_str());
        if (it.count == 1 && b.x - a.x > ts.x + 8) {
          const ImVec2 p(a.x + 4, a.y + (b.y - a.y - ts.y) * 0.5f);
          dl->AddRectFilled(ImVec2(p.x - 2, p.y), ImVec2(p.x + ts.x + 2, p.y + ts.y), pal.clear);
          dl->AddText(p, c, why.c_str());
        }
        break;
      }
      case TlKind::ThreadReady:
        dl->AddRect(ImVec2(a.x, a.y + 3), ImVec2(b.x, b.y - 3), pal.status[static_cast<size_t>(TaskStatus::Scheduled)],
                    0.0f, 0, 1.5f);
        break;
    }
    if (ImGui::IsItemHovered() && io.MousePos.x >= a.x && io.MousePos.x <= b.x && io.MousePos.y >= a.y &&
        io.MousePos.y <= b.y) {
      std::string thread_what;
      if ((it.kind == TlKind::ThreadBlocked || it.kind == TlKind::ThreadReady) && it.span.id >= 0) {
        const Event& e = trace.events[static_cast<size_t>(it.span.id)];
        thread_what = e.kind == EventKind::ContextSwitch ? _("preempted by the timer interrupt") : trace.Payload(e);
      }
      const std::string thread_text =
          it.kind == TlKind::ThreadBlocked ? TrFormat(N_("blocked {}"), thread_what)
          : it.kind == TlKind::ThreadReady ? TrFormat(N_("ready, waiting for the core ({})"), thread_what)
                                           : std::string(_("runs on the core"));
      const char* what = it.kind == TlKind::Poll ? (it.span.ready ? _("poll -> Ready") : _("poll -> Pending"))
                         : it.kind == TlKind::Suspended ? _("suspended (Pending, waiting for a wake)")
                         : it.kind == TlKind::Request   ? _("device request")
                                                        : thread_text.c_str();
      ImGui::SetTooltip(_("%s%s\nt=%lld..%lldms  steps %lld..%lld%s"), what, it.count > 1 ? _(" (merged)") : "",
                        static_cast<long long>(it.span.t0), static_cast<long long>(it.span.t1),
                        static_cast<long long>(it.span.step0), static_cast<long long>(it.span.step1),
                        it.count > 1 ? ("\n" + std::to_string(it.count) + _(" items")).c_str() : "");
    }
  }
  for (const TlArrow& ar : f.arrows) {
    const float y0 = top + lane_y[static_cast<size_t>(ar.from_lane)] + row_h * 0.5f;
    const float y1 = top + lane_y[static_cast<size_t>(ar.to_lane)] + (ar.from_lane > ar.to_lane ? row_h - 2 : 2);
    if (std::max(y0, y1) < vis_top || std::min(y0, y1) > vis_bottom) continue;
    DrawArrow(dl, ImVec2(area.x + ar.x0, y0), ImVec2(area.x + ar.x1 + (ar.x0 == ar.x1 ? 0 : 0), y1), pal.arrow);
  }
  if (f.has_playhead)
    dl->AddLine(ImVec2(area.x + f.playhead_x, top - 4), ImVec2(area.x + f.playhead_x, top + lanes_h), pal.playhead,
                2.0f);
  dl->PopClipRect();

  ImGui::SetCursorScreenPos(ImVec2(origin.x, top + lanes_h + 6));
  ImGui::TextDisabled(_("view %.1f..%.1fms   click/drag: seek   wheel: zoom   right-drag or shift-drag: pan"), st.t0,
                      st.t1);
}

}  // namespace aws::gui
