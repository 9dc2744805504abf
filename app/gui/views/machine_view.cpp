// The state machine of the current event's future, laid out by Graphviz (graph_layout.h): the
// current state lit, the transition just taken highlighted, a node's saved fields on hover.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "gui/fonts.h"
#include "gui/graph_layout.h"
#include "gui/views/machine_selector.h"
#include "gui/theme.h"
#include "gui/views/views.h"

namespace aws::gui {
namespace {

// Layouts of the loaded program's machines, by machine index. Computed when a new program is
// seen (a load), never per frame. It belongs in ViewData (app.h); this helper may not edit it.
struct LayoutCache {
  const Program* program = nullptr;
  std::vector<std::optional<GraphLayout>> layouts;
  std::vector<std::string> errors;
};

const LayoutCache& Layouts(const Program* p) {
  static LayoutCache cache;
  if (cache.program != p) {
    // A new Program is allocated while the previous one is alive, so its address differs.
    cache = LayoutCache{p, {}, {}};
    if (p != nullptr) {
      for (const Machine& m : p->machines) {
        std::string error;
        cache.layouts.push_back(LayoutMachine(m, {}, &error));
        cache.errors.push_back(error);
      }
    }
  }
  return cache;
}

void DrawArrow(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 col, float thickness) {
  if (pts.size() < 2) return;
  dl->AddPolyline(pts.data(), int(pts.size()), col, 0, thickness);
  ImVec2 tip = pts.back(), from = pts[pts.size() - 2];
  float dx = tip.x - from.x, dy = tip.y - from.y, len = std::sqrt(dx * dx + dy * dy);
  if (len < 1e-3f) return;
  dx /= len, dy /= len;
  const float size = 4.0f + thickness * 2;
  ImVec2 base(tip.x - dx * size, tip.y - dy * size);
  dl->AddTriangleFilled(tip, ImVec2(base.x - dy * size * 0.5f, base.y + dx * size * 0.5f),
                        ImVec2(base.x + dy * size * 0.5f, base.y - dx * size * 0.5f), col);
}

// The point `frac` (0..1) of the way along a polyline.
ImVec2 PointAlong(const std::vector<ImVec2>& pts, float frac) {
  float total = 0;
  for (size_t i = 1; i < pts.size(); ++i) total += std::hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y);
  float left = total * frac;
  for (size_t i = 1; i < pts.size(); ++i) {
    const float seg = std::hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y);
    if (left <= seg && seg > 0) {
      const float k = left / seg;
      return ImVec2(pts[i - 1].x + (pts[i].x - pts[i - 1].x) * k, pts[i - 1].y + (pts[i].y - pts[i - 1].y) * k);
    }
    left -= seg;
  }
  return pts.back();
}

void DrawCentredText(ImDrawList* dl, float size, ImVec2 centre, ImU32 col, const std::string& text) {
  ImFont* font = ImGui::GetFont();
  ImVec2 extent = font->CalcTextSizeA(size, 1e9f, 0, text.c_str());
  dl->AddText(font, size, ImVec2(centre.x - extent.x * 0.5f, centre.y - extent.y * 0.5f), col, text.c_str());
}

void FieldsTooltip(const State& st, const MachineView* current) {
  ImGui::BeginTooltip();
  ImGui::Text("%s  %s  (%llu bytes)", st.name.c_str(), st.label.c_str(), static_cast<unsigned long long>(st.size));
  if (st.fields.empty()) ImGui::TextDisabled("no saved fields");
  for (const StateField& f : st.fields) {
    std::string value;
    if (current != nullptr)
      for (const auto& [name, v] : current->fields)
        if (name == f.name) value = " = " + v;
    ImGui::Text("%s: %s%s", f.name.c_str(), TypeName(f.type).c_str(), value.c_str());
  }
  ImGui::EndTooltip();
}

}  // namespace

void DrawMachineView(ViewContext& ctx) {
  const Session& s = ctx.session;
  const Program* p = s.program();
  if (p == nullptr || p->machines.empty()) {
    ImGui::TextDisabled("no state machines");
    return;
  }
  const LayoutCache& cache = Layouts(p);
  // The same machine as the Desugared code panel: the current event's, unless one is pinned.
  const MachineChoice choice = ChooseMachine(s, ctx.view.pinned_machine);
  DrawMachineSelector(*p, choice, ctx.view.pinned_machine);
  const int shown = choice.machine;
  const Machine& m = p->machines[size_t(shown)];
  const int obj = choice.object;
  const MachineView* mv = choice.view;
  const bool created = choice.created;
  ImGui::SameLine();
  if (!created) ImGui::TextDisabled("%s: not created yet", m.enum_name.c_str());
  else if (mv == nullptr) ImGui::TextDisabled("%s #%d: not polled yet", m.enum_name.c_str(), obj);
  else ImGui::Text("%s #%d: %s", m.enum_name.c_str(), obj, m.states[size_t(mv->state)].label.c_str());

  const std::optional<GraphLayout>& layout = cache.layouts[size_t(shown)];
  if (!layout) {
    ImGui::TextColored(ImColor(ThemePalette(ctx.view.settings.theme).error), "layout failed: %s", cache.errors[size_t(shown)].c_str());
    return;
  }
  const int lit = choice.state;  // Unresumed until first polled
  const bool just_moved = mv != nullptr && mv->last_transition_step == s.cursor() && mv->prev_state >= 0;

  // Fit the graph into the rest of the panel, never larger than 1.5x.
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (avail.x < 20 || avail.y < 20 || layout->width <= 0 || layout->height <= 0) return;
  const float margin = 8;
  // The node boxes are sized for the 100 % font; at larger font scales the whole graph grows
  // with it (up to 1.5x the scale), so labels stay inside their boxes.
  const float ui_scale = ImGui::GetFontSize() / kBaseFontPx;
  const float scale =
      std::min({(avail.x - 2 * margin) / layout->width, (avail.y - 2 * margin) / layout->height, 1.5f * ui_scale});
  const ImVec2 offset(origin.x + (avail.x - layout->width * scale) * 0.5f, origin.y + margin);
  auto to_screen = [&](float x, float y) { return ImVec2(offset.x + x * scale, offset.y + y * scale); };
  const float font_size = std::max(6.0f, kBaseFontPx * scale);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Palette& pal = ThemePalette(ctx.view.settings.theme);

  for (const GraphEdge& e : layout->edges) {
    const bool hot = just_moved && e.from == mv->prev_state && e.to == mv->state;
    std::vector<ImVec2> pts;
    for (const GraphPoint& q : e.points) pts.push_back(to_screen(q.x, q.y));
    DrawArrow(dl, pts, hot ? pal.lit_state : pal.edge, hot ? 3.0f : 1.0f);
    // The transition just taken: a token travels along the edge while the step animates.
    if (const float progress = StepAnimation(ctx.view); hot && progress < 1.0f && pts.size() >= 2)
      dl->AddCircleFilled(PointAlong(pts, progress), 4.0f + 2.0f * scale, pal.lit_state);
    DrawCentredText(dl, font_size * 0.9f, to_screen(e.label_pos.x, e.label_pos.y), hot ? pal.lit_state : pal.edge_label,
                    e.label);
  }
  int hovered = -1;
  for (const GraphNode& n : layout->nodes) {
    ImVec2 a = to_screen(n.x - n.w * 0.5f, n.y - n.h * 0.5f), b = to_screen(n.x + n.w * 0.5f, n.y + n.h * 0.5f);
    const bool is_lit = n.state == lit;
    if (is_lit) dl->AddRectFilled(a, b, pal.lit_state, 4.0f);
    else dl->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_WindowBg), 4.0f);
    dl->AddRect(a, b, is_lit ? pal.lit_state : pal.node_border, 4.0f);
    DrawCentredText(dl, font_size, to_screen(n.x, n.y), is_lit ? pal.lit_text : pal.node_text, n.label);
    if (ImGui::IsMouseHoveringRect(a, b) && ImGui::IsWindowHovered()) hovered = n.state;
  }
  ImGui::Dummy(avail);
  if (hovered >= 0) FieldsTooltip(m.states[size_t(hovered)], hovered == lit ? mv : nullptr);
}

}  // namespace aws::gui
