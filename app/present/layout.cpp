#include "present/layout.h"

#include "present/i18n.h"

#include <algorithm>
#include <utility>

namespace aws::present {
namespace {

LayoutNode Leaf(std::vector<std::string> panels) {
  LayoutNode n;
  n.panels = std::move(panels);
  return n;
}

LayoutNode Split(bool vertical, std::vector<std::pair<LayoutNode, float>> parts) {
  LayoutNode n;
  n.vertical = vertical;
  for (auto& [child, weight] : parts) {
    n.children.push_back(std::move(child));
    n.weights.push_back(weight);
  }
  return n;
}

LayoutNode Row(std::vector<std::pair<LayoutNode, float>> parts) { return Split(false, std::move(parts)); }
LayoutNode Col(std::vector<std::pair<LayoutNode, float>> parts) { return Split(true, std::move(parts)); }

// Panels a layout lists but the scenario does not need (Keyboard without a keyboard, Memory
// without memory events) are left out by Place, so presets name them freely.
std::vector<LayoutPreset> MakePresets() {
  std::vector<LayoutPreset> p;
  p.push_back({"everything", N_("Everything"),
               Col({{Leaf({"Narration"}), 0.12f},
                    {Row({{Leaf({"Source", "Editor"}), 0.34f},
                          {Leaf({"State machine", "Desugared code", "Memory"}), 0.33f},
                          {Col({{Leaf({"Executor"}), 0.58f}, {Leaf({"Devices", "Keyboard"}), 0.42f}}), 0.33f}}),
                     0.52f},
                    {Row({{Leaf({"Timeline"}), 0.67f}, {Leaf({"Output"}), 0.33f}}), 0.36f}})});
  p.push_back({"state-machine", N_("State machine"),
               Col({{Leaf({"Narration"}), 0.14f},
                    {Row({{Leaf({"Source"}), 0.29f},
                          {Col({{Leaf({"State machine"}), 0.62f}, {Leaf({"Output"}), 0.38f}}), 0.31f},
                          {Leaf({"Desugared code"}), 0.40f}}),
                     0.86f}})});
  p.push_back({"executor", N_("Executor and wakers"),
               Col({{Leaf({"Narration"}), 0.13f},
                    {Row({{Leaf({"Source"}), 0.30f},
                          {Leaf({"Executor"}), 0.37f},
                          {Col({{Leaf({"Devices"}), 0.5f}, {Leaf({"Keyboard", "Output"}), 0.5f}}), 0.33f}}),
                     0.55f},
                    {Leaf({"Timeline"}), 0.32f}})});
  p.push_back({"timeline", N_("Timeline"),
               Col({{Leaf({"Narration"}), 0.12f},
                    {Leaf({"Timeline"}), 0.56f},
                    {Row({{Leaf({"Source"}), 0.34f}, {Leaf({"Executor"}), 0.33f}, {Leaf({"Output", "Devices"}), 0.33f}}),
                     0.32f}})});
  p.push_back({"memory", N_("Memory and pinning"),
               Col({{Leaf({"Narration"}), 0.14f},
                    {Row({{Leaf({"Source"}), 0.27f},
                          {Leaf({"Memory"}), 0.50f},
                          {Col({{Leaf({"State machine", "Desugared code"}), 0.6f}, {Leaf({"Output"}), 0.4f}}), 0.23f}}),
                     0.86f}})});
  p.push_back({"editor", N_("Editor"),
               Col({{Leaf({"Narration"}), 0.12f},
                    {Row({{Leaf({"Editor"}), 0.46f},
                          {Col({{Leaf({"State machine", "Desugared code"}), 0.6f}, {Leaf({"Output"}), 0.4f}}), 0.54f}}),
                     0.88f}})});
  p.push_back({"gallery", N_("Scenario gallery"),
               Row({{Leaf({"Gallery"}), 0.55f},
                    {Col({{Leaf({"Narration"}), 0.3f}, {Leaf({"Source"}), 0.7f}}), 0.45f}})});
  p.push_back({"presentation", N_("Presentation"),
               Col({{Leaf({"Narration"}), 0.2f},
                    {Row({{Leaf({"Source"}), 0.45f}, {Leaf({"State machine", "Executor", "Memory"}), 0.55f}}), 0.8f}})});
  p.push_back({"whatif", N_("What if"),
               Row({{Leaf({"What if"}), 0.64f},
                    {Col({{Leaf({"Narration"}), 0.22f}, {Leaf({"Source"}), 0.43f}, {Leaf({"Timeline", "Output"}), 0.35f}}),
                     0.36f}})});
  return p;
}

bool AnyVisible(const LayoutNode& n, const std::function<bool(const std::string&)>& visible) {
  if (n.children.empty())
    return std::any_of(n.panels.begin(), n.panels.end(), [&](const std::string& p) { return visible(p); });
  return std::any_of(n.children.begin(), n.children.end(), [&](const LayoutNode& c) { return AnyVisible(c, visible); });
}

void PlaceNode(const LayoutNode& n, Rect r, float gap, const std::function<bool(const std::string&)>& visible,
               std::vector<int>& path, Placement& out) {
  if (n.children.empty()) {
    PlacedLeaf leaf;
    for (const std::string& p : n.panels)
      if (visible(p)) leaf.panels.push_back(p);
    if (!leaf.panels.empty()) {
      leaf.rect = r;
      out.leaves.push_back(std::move(leaf));
    }
    return;
  }
  std::vector<int> shown;
  float total = 0;
  for (size_t i = 0; i < n.children.size(); ++i) {
    if (!AnyVisible(n.children[i], visible)) continue;
    shown.push_back(static_cast<int>(i));
    total += std::max(n.weights[i], 0.0f);
  }
  if (shown.empty()) return;
  const float length = n.vertical ? r.h : r.w;
  const float usable = std::max(0.0f, length - gap * static_cast<float>(shown.size() - 1));
  float at = n.vertical ? r.y : r.x;
  float prev_px = 0;
  for (size_t k = 0; k < shown.size(); ++k) {
    const int i = shown[k];
    const float share = total > 0 ? std::max(n.weights[i], 0.0f) / total : 1.0f / static_cast<float>(shown.size());
    // The last child takes what is left, so rounding never leaves a seam at the far edge.
    const float end = n.vertical ? r.y + r.h : r.x + r.w;
    const float px = k + 1 == shown.size() ? end - at : usable * share;
    if (k > 0) {
      Splitter s;
      s.path = path;
      s.before = shown[k - 1];
      s.after = i;
      s.before_px = prev_px;
      s.after_px = px;
      s.vertical = n.vertical;
      s.rect = n.vertical ? Rect{r.x, at - gap, r.w, gap} : Rect{at - gap, r.y, gap, r.h};
      out.splitters.push_back(std::move(s));
    }
    Rect child = n.vertical ? Rect{r.x, at, r.w, px} : Rect{at, r.y, px, r.h};
    path.push_back(i);
    PlaceNode(n.children[static_cast<size_t>(i)], child, gap, visible, path, out);
    path.pop_back();
    at += px + gap;
    prev_px = px;
  }
}

}  // namespace

const std::vector<LayoutPreset>& LayoutPresets() {
  static const std::vector<LayoutPreset> presets = MakePresets();
  return presets;
}

const LayoutPreset* FindLayout(std::string_view name) {
  for (const LayoutPreset& p : LayoutPresets())
    if (p.name == name) return &p;
  return nullptr;
}

std::string LayoutNames() {
  std::string out;
  for (const LayoutPreset& p : LayoutPresets()) {
    if (!out.empty()) out += ", ";
    out += p.name;
  }
  return out;
}

Placement Place(const LayoutNode& root, Rect area, float gap, const std::function<bool(const std::string&)>& visible) {
  Placement out;
  std::vector<int> path;
  PlaceNode(root, area, gap, visible, path, out);
  return out;
}

bool DragSplitter(LayoutNode& root, const Splitter& s, float delta, float min_size) {
  LayoutNode* n = &root;
  for (int i : s.path) {
    if (i < 0 || static_cast<size_t>(i) >= n->children.size()) return false;
    n = &n->children[static_cast<size_t>(i)];
  }
  const size_t count = n->children.size();
  if (s.before < 0 || s.after < 0 || static_cast<size_t>(s.before) >= count || static_cast<size_t>(s.after) >= count)
    return false;
  const float span = s.before_px + s.after_px;
  if (span <= 0) return false;
  const float lo = std::min(min_size, span / 2);
  const float before = std::clamp(s.before_px + delta, lo, span - lo);
  float& wa = n->weights[static_cast<size_t>(s.before)];
  float& wb = n->weights[static_cast<size_t>(s.after)];
  const float sum = wa + wb;
  wa = sum * before / span;
  wb = sum - wa;
  return true;
}

}  // namespace aws::present
