// Layout presets: which panels a lesson shows and where. A layout is a tree of rows and columns
// with relative weights; a leaf holds one panel or several as tabs. Placing a tree in a rectangle
// is plain math (no ImGui), so it is unit-tested; splitters between siblings change the weights.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace aws::present {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  bool operator==(const Rect&) const = default;
};

struct LayoutNode {
  std::vector<std::string> panels;   // a leaf: its panels' titles (more than one: tabs)
  bool vertical = false;             // children top to bottom (else left to right)
  std::vector<LayoutNode> children;  // empty for a leaf
  std::vector<float> weights;        // one per child, any positive scale
};

struct LayoutPreset {
  std::string name;   // "everything", "state-machine", ...; key 1..9 picks the i-th preset
  std::string label;  // for menus and the help overlay
  LayoutNode root;
};

const std::vector<LayoutPreset>& LayoutPresets();
const LayoutPreset* FindLayout(std::string_view name);
std::string LayoutNames();  // "everything, state-machine, ..." for messages

// A leaf placed on the screen (its visible panels only).
struct PlacedLeaf {
  std::vector<std::string> panels;
  Rect rect;
};

// The gap between two siblings; dragging it moves weight from one to the other.
struct Splitter {
  std::vector<int> path;  // the parent node, as child indices from the root
  int before = 0;         // the children on either side (indices into the parent's children;
  int after = 0;          // hidden children between them are skipped)
  float before_px = 0;    // their sizes along the parent's direction when placed
  float after_px = 0;
  bool vertical = false;  // the parent stacks vertically: the splitter is a horizontal bar
  Rect rect;
};

struct Placement {
  std::vector<PlacedLeaf> leaves;
  std::vector<Splitter> splitters;
};

// Places `root` in `area`, leaving `gap` pixels between siblings for the splitters. Panels for
// which `visible` is false are left out; a node left with no visible panel takes no room.
Placement Place(const LayoutNode& root, Rect area, float gap,
                const std::function<bool(const std::string&)>& visible);

// Moves the splitter `delta` pixels (towards `after` when positive), keeping both sides at least
// `min_size` pixels; the weights of the two children change, their sum does not. Returns false
// when the splitter does not match the tree.
bool DragSplitter(LayoutNode& root, const Splitter& s, float delta, float min_size);

}  // namespace aws::present
