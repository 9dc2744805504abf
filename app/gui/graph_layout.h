// The State machine panel's graph: one aws::Machine laid out by Graphviz `dot` (libgvc) into plain
// structs, once per machine when a session loads. No ImGui here; machine_view.cpp draws it.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "awaitscope/lower.h"

namespace aws::gui {

// Fill of the current state's node (ImGui's ABGR: RGB(214, 140, 40)); opaque, so the screenshot
// tests can count it.
constexpr uint32_t kCurrentStateColor = 0xFF288CD6;

struct GraphPoint {
  float x = 0, y = 0;
};

struct GraphNode {
  int state = -1;           // index into Machine::states
  float x = 0, y = 0;       // centre, in points; y grows downwards (dot ranks top to bottom)
  float w = 0, h = 0;
  std::string label;        // "<rustc name>\n<label>"
};

struct GraphEdge {
  int from = -1, to = -1;   // state indices
  TransitionKind kind = TransitionKind::Resume;
  std::vector<GraphPoint> points;  // the spline flattened, tail first; the last one is the arrow tip
  std::string label;        // the transition's label, then its conditions ("if ...")
  GraphPoint label_pos;     // centre of the label
};

struct GraphLayout {
  float width = 0, height = 0;  // bounding box, origin top-left
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
};

// Text metrics the graph is laid out for (the GUI's font at the current size), in pixels: the
// node boxes fit their labels and the edge labels get room at this size, so the graph is drawn
// at 1:1 and its labels grow with the font.
struct GraphTextMetrics {
  float font_size = 13;
  float char_width = 7;     // used when `text_width` is empty: Dear ImGui's default font, 7 px at 13 px
  std::function<float(std::string_view)> text_width;  // the width of one line of text at font_size
  bool left_to_right = false;  // ranks left to right (rankdir=LR) instead of top to bottom
};

// The size edge labels are drawn at, relative to the node labels' font.
constexpr float kEdgeLabelScale = 0.9f;

// Lays out `m`: a node per state (Panicked only when a transition reaches it), an edge per
// transition. Nullopt with a message in `error` when Graphviz fails.
std::optional<GraphLayout> LayoutMachine(const Machine& m, const GraphTextMetrics& metrics = {},
                                         std::string* error = nullptr);

// The label LayoutMachine gives a transition's edge.
std::string EdgeLabel(const Transition& t);

}  // namespace aws::gui
