#include "gui/graph_layout.h"

#include <graphviz/gvc.h>

#include <algorithm>
#include <string>

namespace aws::gui {
namespace {

// One context per process: gvContext loads the plugin configuration, which is slow to repeat.
// Graphviz keeps global state, so layouts must not run on two threads at once.
GVC_t* Context() {
  static GVC_t* gvc = gvContext();
  return gvc;
}

// cgraph's setters take char*; they copy the strings.
void Set(void* obj, const char* name, const std::string& value) {
  std::string n = name;
  std::string empty;
  agsafeset(obj, n.data(), const_cast<char*>(value.c_str()), empty.data());
}

std::string Inches(float points) { return std::to_string(points / 72.0f); }

// Samples a cubic Bézier segment (p0..p3), without its first point.
void Flatten(const pointf* p, std::vector<GraphPoint>& out, double bb_top) {
  constexpr int kSteps = 8;
  for (int i = 1; i <= kSteps; ++i) {
    double t = double(i) / kSteps, u = 1 - t;
    double x = u * u * u * p[0].x + 3 * u * u * t * p[1].x + 3 * u * t * t * p[2].x + t * t * t * p[3].x;
    double y = u * u * u * p[0].y + 3 * u * u * t * p[1].y + 3 * u * t * t * p[2].y + t * t * t * p[3].y;
    out.push_back({float(x), float(bb_top - y)});
  }
}

}  // namespace

std::string EdgeLabel(const Transition& t) { return TransitionLabelText(t); }

std::optional<GraphLayout> LayoutMachine(const Machine& m, const GraphTextMetrics& metrics, std::string* error) {
  GVC_t* gvc = Context();
  if (gvc == nullptr) {
    if (error) *error = "Graphviz: no context";
    return std::nullopt;
  }
  std::vector<bool> shown(m.states.size(), true);
  for (const State& s : m.states)
    if (s.kind == StateKind::Panicked)
      shown[size_t(s.index)] = std::any_of(m.transitions.begin(), m.transitions.end(),
                                           [&](const Transition& t) { return t.to == s.index; });

  std::string name = "machine";
  Agraph_t* g = agopen(name.data(), Agdirected, nullptr);
  // Graphviz estimates the edge labels' extent from its own metrics for Helvetica; DejaVu Sans,
  // the GUI's font, runs about 10 % wider.
  const std::string font = std::to_string(metrics.font_size * kEdgeLabelScale * 1.1f);
  auto width_of = [&](const std::string& line) {
    return metrics.text_width ? metrics.text_width(line) : float(line.size()) * metrics.char_width;
  };
  Set(g, "rankdir", metrics.left_to_right ? "LR" : "TB");
  // Gaps in proportion to the font, as everything else.
  Set(g, "nodesep", Inches(metrics.font_size * 1.6f));
  Set(g, "ranksep", Inches(metrics.font_size * 2.0f));
  std::vector<Agnode_t*> nodes(m.states.size(), nullptr);
  GraphLayout out;
  for (const State& s : m.states) {
    if (!shown[size_t(s.index)]) continue;
    std::string id = "s" + std::to_string(s.index);
    Agnode_t* n = agnode(g, id.data(), 1);
    nodes[size_t(s.index)] = n;
    GraphNode node{s.index, 0, 0, 0, 0, s.name + "\n" + s.label};
    // Boxes sized for the GUI's font rather than Graphviz's font metrics: two lines and a
    // margin of one character (half a line) around them.
    const float text_w = std::max(width_of(s.name), width_of(s.label));
    const float pad = metrics.text_width ? metrics.font_size * 0.6f : metrics.char_width;
    Set(n, "shape", "box");
    Set(n, "fixedsize", "true");
    Set(n, "width", Inches(text_w + 2 * pad));
    Set(n, "height", Inches(2 * metrics.font_size + metrics.font_size));
    Set(n, "label", "");
    out.nodes.push_back(node);
  }
  std::vector<Agedge_t*> edges;
  for (size_t i = 0; i < m.transitions.size(); ++i) {
    const Transition& t = m.transitions[i];
    Agnode_t* a = t.from >= 0 && size_t(t.from) < nodes.size() ? nodes[size_t(t.from)] : nullptr;
    Agnode_t* b = t.to >= 0 && size_t(t.to) < nodes.size() ? nodes[size_t(t.to)] : nullptr;
    if (a == nullptr || b == nullptr) continue;
    std::string id = "t" + std::to_string(i);
    Agedge_t* e = agedge(g, a, b, id.data(), 1);
    Set(e, "label", EdgeLabel(t));
    Set(e, "fontsize", font);
    Set(e, "fontname", "Helvetica");
    edges.push_back(e);
    out.edges.push_back(GraphEdge{t.from, t.to, t.kind, {}, EdgeLabel(t), {}});
  }

  if (gvLayout(gvc, g, "dot") != 0) {
    agclose(g);
    if (error) *error = "Graphviz: dot layout failed";
    return std::nullopt;
  }
  const boxf bb = GD_bb(g);
  const double top = bb.UR.y;
  out.width = float(bb.UR.x - bb.LL.x);
  out.height = float(bb.UR.y - bb.LL.y);
  for (GraphNode& node : out.nodes) {
    Agnode_t* n = nodes[size_t(node.state)];
    node.x = float(ND_coord(n).x - bb.LL.x);
    node.y = float(top - ND_coord(n).y);
    node.w = float(ND_width(n) * 72.0);
    node.h = float(ND_height(n) * 72.0);
  }
  for (size_t i = 0; i < edges.size(); ++i) {
    Agedge_t* e = edges[i];
    GraphEdge& edge = out.edges[i];
    const splines* spl = ED_spl(e);
    if (spl != nullptr && spl->size > 0) {
      const bezier& bz = spl->list[0];
      if (bz.sflag) edge.points.push_back({float(bz.sp.x - bb.LL.x), float(top - bz.sp.y)});
      if (bz.size > 0) edge.points.push_back({float(bz.list[0].x - bb.LL.x), float(top - bz.list[0].y)});
      for (int k = 0; k + 3 < bz.size; k += 3) {
        pointf seg[4];
        for (int j = 0; j < 4; ++j) seg[j] = {bz.list[k + j].x - bb.LL.x, bz.list[k + j].y};
        Flatten(seg, edge.points, top);
      }
      if (bz.eflag) edge.points.push_back({float(bz.ep.x - bb.LL.x), float(top - bz.ep.y)});
    }
    if (const textlabel_t* l = ED_label(e)) edge.label_pos = {float(l->pos.x - bb.LL.x), float(top - l->pos.y)};
  }
  gvFreeLayout(gvc, g);
  agclose(g);
  return out;
}

}  // namespace aws::gui
