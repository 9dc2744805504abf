// The What-if panel: pick one change the loaded run allows, run it, and see both runs side by
// side: the summaries with the differing rows lit, and both timelines on one virtual-time axis.
// The main run stays what the other panels show until "Open the changed run" replaces it.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "gui/theme.h"
#include "gui/views/views.h"
#include "present/timeline.h"
#include "present/whatif.h"

namespace aws::gui {
namespace {

WhatIfState& StateFor(ViewContext& ctx) {
  if (!ctx.view.whatif) ctx.view.whatif = std::make_shared<WhatIfState>();
  return *ctx.view.whatif;
}

std::string RequestText(const WhatIfRequest& r) {
  return TrFormat(N_("#{} {} (due {} ms)"), r.id, r.what, r.due_ms);
}

std::string TaskText(const Trace& t, int task) {
  return task >= 0 && task < static_cast<int>(t.tasks.size()) ? TrFormat(N_("task {}: {}"), task, t.tasks[task].name)
                                                               : TrFormat(N_("task {}"), task);
}

// A combo over `n` items labelled by `label(i)`; true when the choice changed.
template <typename Label>
bool Choose(const char* id, int& index, int n, Label label) {
  index = std::clamp(index, 0, std::max(0, n - 1));
  bool changed = false;
  if (ImGui::BeginCombo(id, n > 0 ? label(index).c_str() : "")) {
    for (int i = 0; i < n; ++i)
      if (ImGui::Selectable(label(i).c_str(), i == index)) {
        index = i;
        changed = true;
      }
    ImGui::EndCombo();
  }
  return changed;
}

void DrawPicker(ViewContext& ctx, WhatIfState& s, const WhatIfChoices& ch) {
  const Trace& trace = ctx.session.trace();
  const float em = ImGui::GetFontSize();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(_("What if:"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 16);
  const auto& kinds = WhatIfKinds();
  int k = static_cast<int>(std::find_if(kinds.begin(), kinds.end(), [&](const WhatIfKindInfo& i) { return i.kind == s.kind; }) -
                           kinds.begin());
  if (ImGui::BeginCombo("##kind", _(kinds[static_cast<size_t>(std::min<int>(k, kinds.size() - 1))].label))) {
    for (const WhatIfKindInfo& info : kinds) {
      const bool ok = WhatIfKindAvailable(info.kind, ch, trace);
      if (ImGui::Selectable(_(info.label), info.kind == s.kind, ok ? 0 : ImGuiSelectableFlags_Disabled)) s.kind = info.kind;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  switch (s.kind) {
    case WhatIfKind::Executor:
      ImGui::SetNextItemWidth(em * 8);
      Choose("##executor", s.executor, static_cast<int>(ch.executors.size()), [&](int i) { return ch.executors[i]; });
      break;
    case WhatIfKind::Latency:
      ImGui::SetNextItemWidth(em * 14);
      Choose("##latency", s.latency, static_cast<int>(ch.latencies.size()), [&](int i) {
        return TrFormat(N_("{} (now {} ms)"), ch.latencies[i].target, ch.latencies[i].latency_ms);
      });
      ImGui::SameLine();
      ImGui::SetNextItemWidth(em * 6);
      ImGui::InputInt(_("ms"), &s.latency_ms, 5, 50);
      s.latency_ms = std::clamp(s.latency_ms, 0, 1'000'000);
      break;
    case WhatIfKind::SwapCompletions:
      ImGui::SetNextItemWidth(em * 26);
      Choose("##swap", s.swap, static_cast<int>(ch.swaps.size()), [&](int i) {
        return RequestText(ch.swaps[i].first) + " <-> " + RequestText(ch.swaps[i].second);
      });
      break;
    case WhatIfKind::SpuriousWake: case WhatIfKind::Cancel: {
      ImGui::SetNextItemWidth(em * 12);
      Choose("##task", s.task, static_cast<int>(trace.tasks.size()), [&](int i) { return TaskText(trace, i); });
      ImGui::SameLine();
      int64_t step = PickedStep(s, ch, ctx.session.cursor());
      ImGui::SetNextItemWidth(em * 7);
      const int64_t one = 1;
      if (ImGui::InputScalar(_("after step"), ImGuiDataType_S64, &step, &one))
        s.step = std::clamp<int64_t>(step, 0, std::max<int64_t>(0, ctx.session.size() - 2));
      ImGui::SameLine();
      if (ImGui::SmallButton(_("cursor"))) s.step = -1;
      break;
    }
    case WhatIfKind::SleepIfIdle:
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(ch.naive_now ? _("naive -> fixed") : _("fixed -> naive"));
      break;
    case WhatIfKind::Blocking:
      ImGui::SetNextItemWidth(em * 20);
      Choose("##blocking", s.blocking, static_cast<int>(ch.blockable.size()), [&](int i) { return RequestText(ch.blockable[i]); });
      break;
  }
  ImGui::SameLine();
  const bool ok = WhatIfKindAvailable(s.kind, ch, trace);
  if (!ok) ImGui::BeginDisabled();
  if (ImGui::Button(_("Run what-if"))) ctx.commands.push_back(MakeCommand(CommandKind::RunWhatIf));
  if (!ok) ImGui::EndDisabled();
}

void DrawSummary(ViewContext& ctx, const WhatIfState& s) {
  const WhatIfComparison& c = *s.result;
  const Palette& pal = ThemePalette(ctx.view.settings.theme);
  if (c.differences == 0) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.note), "%s", _("no difference"));
  else ImGui::TextUnformatted(TrFormat(N_("{} differences (lit)"), c.differences).c_str());
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("whatif_summary", 3, flags)) return;
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 0.8f);
  ImGui::TableSetupColumn(TrFormat(N_("before ({})"), s.base.executor).c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn(TrFormat(N_("after ({})"), c.variant_trace.executor).c_str(), ImGuiTableColumnFlags_WidthStretch,
                          1.6f);
  ImGui::TableHeadersRow();
  for (const WhatIfRow& r : c.rows) {
    ImGui::TableNextRow();
    if (r.differs) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, kWhatIfDiffColor);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(WhatIfRowLabel(r).c_str());
    for (const std::string* v : {&r.base, &r.variant}) {
      ImGui::TableNextColumn();
      const std::string shown = WhatIfValueText(r, *v);
      const float w = ImGui::GetContentRegionAvail().x;
      ImGui::TextUnformatted(FitText(shown, w).c_str());
      if (ImGui::IsItemHovered() && ImGui::CalcTextSize(shown.c_str()).x > w) ImGui::SetTooltip("%s", shown.c_str());
    }
  }
  ImGui::EndTable();
}

// Both runs' lanes under one ruler: the same virtual time is at the same x in both.
void DrawTimelines(ViewContext& ctx, const WhatIfState& s) {
  const WhatIfComparison& c = *s.result;
  const Palette& pal = ThemePalette(ctx.view.settings.theme);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float em = ImGui::GetFontSize();
  const float label_w = em * 9, row_h = em * 1.3f, ruler_h = em * 1.2f;
  const TimelineIndex ix[2] = {BuildTimelineIndex(s.base), BuildTimelineIndex(c.variant_trace)};
  const Trace* traces[2] = {&s.base, &c.variant_trace};
  const int64_t end = std::max(ix[0].end_ms, ix[1].end_ms);
  const TimeWindow w = FullTimeWindow(end);
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float width = std::max(ImGui::GetContentRegionAvail().x - label_w, 10.0f);
  const TimelineContext tc = TimelineContext::Make(w.t0, w.t1, width);
  float h = ruler_h;
  for (const TimelineIndex& x : ix) {
    h += row_h;  // the run's heading
    for (const TlLane& l : x.lanes) h += static_cast<float>(l.rows) * row_h;
  }
  ImGui::Dummy(ImVec2(label_w + width, h + 4));
  const float x0 = o.x + label_w;
  // Ruler: about one label per 6 em.
  const double raw = em * 6 / tc.px_per_ms;
  double step = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-6))));
  if (raw > 5 * step) step *= 10;
  else if (raw > 2 * step) step *= 5;
  else if (raw > step) step *= 2;
  for (double t = 0; t <= w.t1; t += step) {
    const float x = x0 + tc.X(t);
    dl->AddLine(ImVec2(x, o.y + ruler_h - 4), ImVec2(x, o.y + h), pal.grid);
    dl->AddText(ImVec2(x + 2, o.y), pal.ruler_text, fmt::format("{}ms", t).c_str());
  }
  float y = o.y + ruler_h;
  for (int run = 0; run < 2; ++run) {
    const std::string head = run == 0 ? TrFormat(N_("before ({})"), traces[run]->executor)
                                      : TrFormat(N_("after ({})"), traces[run]->executor);
    dl->AddText(ImVec2(o.x + 2, y + 2), ImGui::GetColorU32(ImGuiCol_Text), head.c_str());
    dl->AddLine(ImVec2(o.x, y), ImVec2(x0 + width, y), pal.lane_line, 2.0f);
    y += row_h;
    const TimelineFrame f = PrepareTimeline(*traces[run], ix[run], tc, -1);
    std::vector<float> lane_y;
    for (const TlLane& l : ix[run].lanes) {
      lane_y.push_back(y);
      const int task = l.task;
      dl->AddText(ImVec2(o.x + em, y + (row_h - em) * 0.5f), task >= 0 ? TaskColor(task) : pal.request,
                  FitText(l.label, label_w - em).c_str());
      y += static_cast<float>(l.rows) * row_h;
      dl->AddLine(ImVec2(o.x + em, y), ImVec2(x0 + width, y), pal.lane_line);
    }
    dl->PushClipRect(ImVec2(x0, o.y), ImVec2(x0 + width + 1, o.y + h), true);
    for (const TlItem& it : f.items) {
      const TlLane& lane = ix[run].lanes[static_cast<size_t>(it.lane)];
      const float ly = lane_y[static_cast<size_t>(it.lane)] + static_cast<float>(it.row) * row_h;
      const ImVec2 a(x0 + it.x0, ly + 2), b(x0 + std::max(it.x1, it.x0 + 1), ly + row_h - 2);
      const ImU32 col = lane.task >= 0 ? TaskColor(lane.task) : pal.request;
      switch (it.kind) {
        case TlKind::Poll: dl->AddRectFilled(a, b, col); break;
        case TlKind::Suspended:
          dl->AddLine(ImVec2(a.x, (a.y + b.y) * 0.5f), ImVec2(b.x, (a.y + b.y) * 0.5f), (col & 0x00FFFFFF) | 0xA0000000, 2);
          break;
        case TlKind::Request:
          dl->AddRectFilled(a, b, (col & 0x00FFFFFF) | 0x60000000);
          dl->AddRect(a, b, col);
          break;
      }
    }
    dl->PopClipRect();
  }
}

}  // namespace

void DrawWhatIfView(ViewContext& ctx) {
  WhatIfState& s = StateFor(ctx);
  const Scenario* sc = ctx.session.scenario();
  if (!sc || !ctx.session.program()) {
    ImGui::TextWrapped("%s", _("What if needs a scenario to run again; this run has none."));
    return;
  }
  const WhatIfChoices ch = ChoicesFor(*sc, ctx.session.trace());
  DrawPicker(ctx, s, ch);
  const Palette& pal = ThemePalette(ctx.view.settings.theme);
  if (!s.error.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.error), "%s", s.error.c_str());
  if (!s.result) {
    ImGui::TextWrapped("%s", _("Pick one change and press Run what-if: the scenario runs again with it, and both runs "
                               "are shown side by side."));
    return;
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(s.result->change.c_str());
  ImGui::SameLine();
  // A change injected into the run (a request's latency, a wake-up, a cancellation) is not part
  // of a scenario a main run can be opened from: its changed run is seen here only.
  const bool openable = s.result->injections.empty();
  if (!openable) ImGui::BeginDisabled();
  if (ImGui::Button(_("Open the changed run"))) ctx.commands.push_back(MakeCommand(CommandKind::OpenWhatIfVariant));
  if (!openable) ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", openable ? _("Make the changed run the main run, the one every other panel shows")
                                     : _("This change is injected into the run, not made to the scenario: the changed "
                                         "run is shown here only (awaitscope whatif prints its whole timeline)"));
  DrawSummary(ctx, s);
  ImGui::Spacing();
  DrawTimelines(ctx, s);
}

}  // namespace aws::gui
