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

// Layouts of the loaded program's machines at the current font size, top to bottom and left to
// right, by machine index. Computed when a new program or font size is seen (a load, a change
// of scale), never per frame. It belongs in ViewData (app.h); this helper may not edit it.
struct LayoutCache {
  const Program* program = nullptr;
  float font_size = 0;
  std::vector<std::optional<GraphLayout>> down, across;
  std::vector<std::string> errors;
};

const LayoutCache& Layouts(const Program* p) {
  static LayoutCache cache;
  const float font_size = ImGui::GetFontSize();
  if (cache.program != p || cache.font_size != font_size) {
    // A new Program is allocated while the previous one is alive, so its address differs.
    cache = LayoutCache{p, font_size, {}, {}, {}};
    if (p != nullptr) {
      GraphTextMetrics metrics;
      metrics.font_size = font_size;
      metrics.text_width = [](std::string_view line) {
        return ImGui::CalcTextSize(line.data(), line.data() + line.size()).x;
      };
      for (const Machine& m : p->machines) {
        std::string error;
        metrics.left_to_right = false;
        cache.down.push_back(LayoutMachine(m, metrics, &error));
        cache.errors.push_back(error);
        metrics.left_to_right = true;
        cache.across.push_back(LayoutMachine(m, metrics, nullptr));
      }
    }
  }
  return cache;
}

// The smallest the graph is drawn, relative to the font, in a panel of ordinary height; below it
// the panel scrolls.
constexpr float kMinGraphScale = 0.8f;

// The scale at which `g` fits `avail` with `margin` around it.
float FitScale(const GraphLayout& g, ImVec2 avail, float margin) {
  return std::min((avail.x - 2 * margin) / g.width, (avail.y - 2 * margin) / g.height);
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
  ImGui::Text(_("%s  %s  (%llu bytes)"), st.name.c_str(), st.label.c_str(), static_cast<unsigned long long>(st.size));
  if (st.fields.empty()) ImGui::TextDisabled(_("no saved fields"));
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
  if (p == nullptr || (p->machines.empty() && HandWrittenOf(p).empty())) {
    ImGui::TextDisabled(_("no state machines"));
    return;
  }
  // The same machine as the Desugared code panel: the current event's, unless one is pinned; a
  // hand-written future whose poll runs has its own entry.
  const present::ShownFuture chosen = present::ChooseShownFuture(s, HandWrittenOf(p), ctx.view.pinned_machine);
  DrawMachineSelector(*p, chosen, ctx.view.pinned_machine);
  if (chosen.hand_written >= 0) {
    DrawHandWrittenFuture(ctx, chosen);
    return;
  }
  if (chosen.machine.machine < 0) return;
  const LayoutCache& cache = Layouts(p);
  const MachineChoice& choice = chosen.machine;
  const int shown = choice.machine;
  const Machine& m = p->machines[size_t(shown)];
  const int obj = choice.object;
  const MachineView* mv = choice.view;
  const bool created = choice.created;
  // Beside the selector when it fits there, else on one line of its own, cut with "..." (whole in
  // a tooltip) so the graph keeps its room.
  const std::string status = !created        ? m.enum_name + _(": not created yet")
                             : mv == nullptr ? m.enum_name + " #" + std::to_string(obj) + _(": not polled yet")
                                             : m.enum_name + " #" + std::to_string(obj) + ": " +
                                                   m.states[size_t(mv->state)].label;
  ImGui::SameLine();
  if (ImGui::CalcTextSize(status.c_str()).x > ImGui::GetContentRegionAvail().x) ImGui::NewLine();
  const std::string shown_status = FitText(status, ImGui::GetContentRegionAvail().x);
  if (mv == nullptr) ImGui::TextDisabled("%s", shown_status.c_str());
  else ImGui::TextUnformatted(shown_status.c_str());
  if (shown_status != status && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", status.c_str());

  const std::optional<GraphLayout>& down = cache.down[size_t(shown)];
  if (!down) {
    ImGui::TextColored(ImColor(ThemePalette(ctx.view.settings.theme).error), _("layout failed: %s"), cache.errors[size_t(shown)].c_str());
    return;
  }
  const int lit = choice.state;  // Unresumed until first polled
  const bool just_moved = mv != nullptr && mv->last_transition_step == s.cursor() && mv->prev_state >= 0;

  // The graph is laid out for the current font, so at 1:1 its labels are the font's size. It is
  // drawn at 1:1 when it fits, else shrunk to fit, in whichever direction (top to bottom or left
  // to right) shrinks it less, but never below kMinGraphScale: a graph that is still too big
  // scrolls, and the lit state is brought into view whenever it, the font or the panel changes.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float margin = ImGui::GetFontSize() * 0.5f;
  if (avail.x < 20 || avail.y < 20 || down->width <= 0 || down->height <= 0) return;
  const std::optional<GraphLayout>& across = cache.across[size_t(shown)];
  const bool use_across = across && across->width > 0 && across->height > 0 &&
                          FitScale(*across, avail, margin) > FitScale(*down, avail, margin) * 1.05f;
  const GraphLayout* layout = use_across ? &*across : &*down;
  // A short panel shrinks the graph further, so that about two rows of nodes (each three lines
  // high) still show around the lit one.
  const float min_scale = std::min(kMinGraphScale, avail.y / (6.0f * ImGui::GetFontSize()));
  const float scale = std::clamp(FitScale(*layout, avail, margin), min_scale, 1.0f);
  const ImVec2 extent(layout->width * scale + 2 * margin, layout->height * scale + 2 * margin);
  ImGui::BeginChild("graph", avail, false, ImGuiWindowFlags_HorizontalScrollbar);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 inner = ImGui::GetContentRegionAvail();
  const ImVec2 offset(origin.x + std::max(margin, (inner.x - layout->width * scale) * 0.5f), origin.y + margin);
  auto to_screen = [&](float x, float y) { return ImVec2(offset.x + x * scale, offset.y + y * scale); };
  const float font_size = std::max(6.0f, ImGui::GetFontSize() * scale);
  const float line_w = std::max(1.0f, ImGui::GetFontSize() / kBaseFontPx);  // strokes scale too
  if (extent.x > inner.x || extent.y > inner.y) {
    ImGuiStorage* memo = ImGui::GetStateStorage();
    const ImGuiID lit_key = ImGui::GetID("lit"), size_key = ImGui::GetID("size"), todo_key = ImGui::GetID("todo");
    const float size_sig = avail.x * 7919.0f + avail.y + ImGui::GetFontSize() * 0.001f;
    if (memo->GetInt(lit_key, -2) != lit || memo->GetFloat(size_key, -1.0f) != size_sig) {
      memo->SetInt(lit_key, lit);
      memo->SetFloat(size_key, size_sig);
      memo->SetInt(todo_key, 3);  // for a few frames: the scroll range follows the content a frame late
    }
    if (const int todo = memo->GetInt(todo_key, 0); todo > 0) {
      memo->SetInt(todo_key, todo - 1);
      for (const GraphNode& n : layout->nodes)
        if (n.state == lit) {
          ImGui::SetScrollX(std::max(0.0f, to_screen(n.x, n.y).x - origin.x - inner.x * 0.5f));
          ImGui::SetScrollY(std::max(0.0f, to_screen(n.x, n.y).y - origin.y - inner.y * 0.5f));
        }
    }
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Palette& pal = ThemePalette(ctx.view.settings.theme);

  for (const GraphEdge& e : layout->edges) {
    const bool hot = just_moved && e.from == mv->prev_state && e.to == mv->state;
    std::vector<ImVec2> pts;
    for (const GraphPoint& q : e.points) pts.push_back(to_screen(q.x, q.y));
    DrawArrow(dl, pts, hot ? pal.lit_state : pal.edge, (hot ? 3.0f : 1.0f) * line_w);
    // The transition just taken: a token travels along the edge while the step animates.
    if (const float progress = StepAnimation(ctx.view); hot && progress < 1.0f && pts.size() >= 2)
      dl->AddCircleFilled(PointAlong(pts, progress), (4.0f + 2.0f * scale) * line_w, pal.lit_state);
    DrawCentredText(dl, font_size * kEdgeLabelScale, to_screen(e.label_pos.x, e.label_pos.y), hot ? pal.lit_state : pal.edge_label,
                    e.label);
  }
  int hovered = -1;
  for (const GraphNode& n : layout->nodes) {
    ImVec2 a = to_screen(n.x - n.w * 0.5f, n.y - n.h * 0.5f), b = to_screen(n.x + n.w * 0.5f, n.y + n.h * 0.5f);
    const bool is_lit = n.state == lit;
    if (is_lit) dl->AddRectFilled(a, b, pal.lit_state, 4.0f * line_w);
    else dl->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_WindowBg), 4.0f * line_w);
    dl->AddRect(a, b, is_lit ? pal.lit_state : pal.node_border, 4.0f * line_w, 0, line_w);
    DrawCentredText(dl, font_size, to_screen(n.x, n.y), is_lit ? pal.lit_text : pal.node_text, n.label);
    if (ImGui::IsMouseHoveringRect(a, b) && ImGui::IsWindowHovered()) hovered = n.state;
  }
  ImGui::Dummy(extent);
  ImGui::EndChild();
  if (hovered >= 0) FieldsTooltip(m.states[size_t(hovered)], hovered == lit ? mv : nullptr);
}

}  // namespace aws::gui
