// The State machine panel lights the right node: the node boxes found in a headless screenshot
// sit where Graphviz's layout puts the states (one scale and offset for all of them), and the
// lit colour fills exactly the box of the state the machine is in, no other.
#include <gtest/gtest.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "gui/app.h"
#include "gui/graph_layout.h"
#include "gui/theme.h"
#include "gui/views/views.h"
#include "present/machine_choice.h"
#include "headless.h"

namespace aws::gui {
namespace {

namespace fs = std::filesystem;
using shots::FromImColor;
using shots::Rgb;

const std::string kExample = (fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "example.toml").string();

struct Box {
  int x0, y0, x1, y1;  // inclusive
  float cx() const { return (x0 + x1) / 2.0f; }
  float cy() const { return (y0 + y1) / 2.0f; }
  int w() const { return x1 - x0 + 1; }
  int h() const { return y1 - y0 + 1; }
};

bool Is(const Image& img, int x, int y, Rgb c) {
  const size_t i = (size_t(y) * size_t(img.width) + size_t(x)) * 4;
  return img.rgba[i] == c.r && img.rgba[i + 1] == c.g && img.rgba[i + 2] == c.b;
}

// Bounding boxes of the 8-connected regions of colour `c` at least `min_w` x `min_h` big.
std::vector<Box> Regions(const Image& img, Rgb c, int min_w, int min_h) {
  std::vector<uint8_t> seen(size_t(img.width) * size_t(img.height), 0);
  std::vector<Box> out;
  std::vector<std::pair<int, int>> stack;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      if (seen[size_t(y) * size_t(img.width) + size_t(x)] || !Is(img, x, y, c)) continue;
      Box b{x, y, x, y};
      stack.push_back({x, y});
      seen[size_t(y) * size_t(img.width) + size_t(x)] = 1;
      while (!stack.empty()) {
        auto [px, py] = stack.back();
        stack.pop_back();
        b = {std::min(b.x0, px), std::min(b.y0, py), std::max(b.x1, px), std::max(b.y1, py)};
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx) {
            const int nx = px + dx, ny = py + dy;
            if (nx < 0 || ny < 0 || nx >= img.width || ny >= img.height) continue;
            uint8_t& s = seen[size_t(ny) * size_t(img.width) + size_t(nx)];
            if (s || !Is(img, nx, ny, c)) continue;
            s = 1;
            stack.push_back({nx, ny});
          }
      }
      if (b.w() >= min_w && b.h() >= min_h) out.push_back(b);
    }
  return out;
}

int64_t CountIn(const Image& img, Rgb c, const Box& b) {
  int64_t n = 0;
  for (int y = b.y0; y <= b.y1; ++y)
    for (int x = b.x0; x <= b.x1; ++x) n += Is(img, x, y, c);
  return n;
}

class GraphLitNode : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(shots::OpenHeadless(platform_, 1000, 600, &error)) << error;
    Diagnostics diags;
    ASSERT_TRUE(app_.Load(kExample, diags)) << diags.Render();
    const Program* p = app_.session().program();
    machine_ = p->FindMachine("example");
    ASSERT_NE(machine_, nullptr);
  }

  // The panel alone, filling the window, showing the `example` machine.
  Image RenderPanel(int64_t step) {
    app_.Push({CommandKind::Seek, step});
    Image shot;
    for (int i = 0; i < 3; ++i) {
      EXPECT_TRUE(platform_.BeginFrame());
      app_.Frame();
      ViewData view;
      view.pinned_machine = static_cast<int>(machine_ - &app_.session().program()->machines[0]);
      std::vector<Command> commands;
      ViewContext ctx{app_.session(), view, commands};
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
      ImGui::SetNextWindowFocus();
      ImGui::SetNextWindowBgAlpha(1.0f);  // the app's panels must not show through
      ImGui::Begin("State machine alone", nullptr, ImGuiWindowFlags_NoDecoration);
      if (layouts_.empty()) LayOutAsThePanelDoes();
      DrawMachineView(ctx);
      ImGui::End();
      platform_.EndFrame(i == 2 ? &shot : nullptr);
    }
    if (const char* dir = std::getenv("AWAITSCOPE_TEST_PNG_DIR")) {
      std::string ignored;
      WritePng((fs::path(dir) / ("graph_lit_node_" + std::to_string(step) + ".png")).string(), shot, &ignored);
    }
    return shot;
  }

  // The first step after `example` entered `state` (not the transition itself, whose edge is lit).
  int64_t StepIn(const char* state) {
    const Session& s = app_.session();
    if (std::string(state) == "Start") {  // created, not yet polled: the Unresumed node is lit
      for (const ObjectInfo& o : s.trace().objects)
        if (o.machine == static_cast<int>(machine_ - &s.program()->machines[0])) return o.created_step;
      return -1;
    }
    const int idx = machine_->FindState(state)->index;
    const int m = static_cast<int>(machine_ - &s.program()->machines[0]);
    for (size_t i = 0; i < s.trace().events.size(); ++i) {
      const Event& e = s.trace().events[i];
      if (e.kind == EventKind::Transition && e.b == idx && s.trace().objects[size_t(e.obj)].machine == m)
        return int64_t(i) + 1;
    }
    return -1;
  }

  // The one lit box of the picture: the lit colour's largest region (the glyphs' holes are regions
  // of their own, inside it), with no lit pixel outside it.
  Box LitBox(const Image& img) {
    const Rgb lit = FromImColor(kCurrentStateColor);
    const std::vector<Box> regions = Regions(img, lit, 1, 1);
    EXPECT_FALSE(regions.empty()) << "nothing is lit";
    if (regions.empty()) return {0, 0, -1, -1};
    const Box b = *std::max_element(regions.begin(), regions.end(),
                                    [](const Box& x, const Box& y) { return x.w() * x.h() < y.w() * y.h(); });
    for (const Box& r : regions)
      EXPECT_TRUE(r.x0 >= b.x0 && r.x1 <= b.x1 && r.y0 >= b.y0 && r.y1 <= b.y1)
          << "lit pixels outside the lit node at " << r.x0 << "," << r.y0;
    // Filled, but for the label's glyphs and the rounded corners.
    EXPECT_GT(CountIn(img, lit, b), int64_t(b.w()) * b.h() * 6 / 10);
    return b;
  }

  // The panel lays the graph out for its font, top to bottom and left to right, and draws the one
  // that fits better: both are candidates here.
  void LayOutAsThePanelDoes() {
    GraphTextMetrics metrics;
    metrics.font_size = ImGui::GetFontSize();
    metrics.text_width = [](std::string_view line) { return ImGui::CalcTextSize(line.data(), line.data() + line.size()).x; };
    for (bool across : {false, true}) {
      metrics.left_to_right = across;
      std::string error;
      std::optional<GraphLayout> g = LayoutMachine(*machine_, metrics, &error);
      ASSERT_TRUE(g.has_value()) << error;
      layouts_.push_back(std::move(*g));
    }
  }

  const GraphNode& NodeOf(const GraphLayout& g, const char* state) {
    const int idx = machine_->FindState(state)->index;
    for (const GraphNode& n : g.nodes)
      if (n.state == idx) return n;
    ADD_FAILURE() << state << " has no node";
    return g.nodes[0];
  }

  Platform platform_;
  App app_;
  const Machine* machine_ = nullptr;
  std::vector<GraphLayout> layouts_;  // as the panel lays it out: top to bottom, left to right
};

// Each state lights one box; the boxes of the four states are the layout's four nodes under one
// scale and offset, each at its own node's place and size (lighting another node than the
// machine's state moves the box to that node's place, and the fit fails).
TEST_F(GraphLitNode, EachStateLightsItsOwnNodeWhereTheLayoutPutsIt) {
  const char* kStates[] = {"Start", "WaitingOnFooTxt", "WaitingOnBarTxt", "End"};
  std::vector<Box> boxes;
  for (const char* state : kStates) {
    SCOPED_TRACE(state);
    const int64_t step = StepIn(state);
    ASSERT_GE(step, 0);
    const Image img = RenderPanel(step);
    const present::MachineChoice choice = present::ChooseMachine(app_.session(), static_cast<int>(machine_ - &app_.session().program()->machines[0]));
    ASSERT_EQ(choice.state, machine_->FindState(state)->index);
    boxes.push_back(LitBox(img));
  }
  ASSERT_EQ(layouts_.size(), 2u);
  // For each orientation, the transform from the widths (scale) and the centres (offset) by least
  // squares, and the worst distance of a box from its node under it; the panel drew the better one.
  struct Fit {
    float scale = 0, worst = 1e9f;
  };
  auto fit = [&](const GraphLayout& g) {
    Fit f;
    if (g.nodes.size() != 4u) return f;  // every node was lit once
    std::vector<const GraphNode*> nodes;
    for (const char* state : kStates) nodes.push_back(&NodeOf(g, state));
    float sw = 0, sn = 0;
    for (size_t i = 0; i < boxes.size(); ++i) sw += boxes[i].w(), sn += nodes[i]->w;
    f.scale = sw / sn;
    float ox = 0, oy = 0;
    for (size_t i = 0; i < boxes.size(); ++i)
      ox += boxes[i].cx() - nodes[i]->x * f.scale, oy += boxes[i].cy() - nodes[i]->y * f.scale;
    ox /= float(boxes.size()), oy /= float(boxes.size());
    f.worst = 0;
    for (size_t i = 0; i < boxes.size(); ++i)
      f.worst = std::max({f.worst, std::abs(boxes[i].cx() - (ox + nodes[i]->x * f.scale)),
                          std::abs(boxes[i].cy() - (oy + nodes[i]->y * f.scale)),
                          std::abs(boxes[i].w() - nodes[i]->w * f.scale), std::abs(boxes[i].h() - nodes[i]->h * f.scale)});
    return f;
  };
  const Fit down = fit(layouts_[0]), across = fit(layouts_[1]);
  const Fit& best = down.worst <= across.worst ? down : across;
  EXPECT_GT(best.scale, 0.5f);
  EXPECT_LE(best.worst, 2.0f) << "top to bottom: " << down.worst << " px, left to right: " << across.worst << " px";
}

// The step that takes a transition lights the edge too; one step later only the node is lit.
TEST_F(GraphLitNode, TheEdgeJustTakenIsLitOnlyAtItsStep) {
  const int64_t after = StepIn("WaitingOnBarTxt");
  const Box node = LitBox(RenderPanel(after));
  const Image at = RenderPanel(after - 1);
  int64_t outside = 0;
  const Rgb lit = FromImColor(kCurrentStateColor);
  for (int y = 0; y < at.height; ++y)
    for (int x = 0; x < at.width; ++x)
      outside += Is(at, x, y, lit) && (x < node.x0 || x > node.x1 || y < node.y0 || y > node.y1);
  EXPECT_GT(outside, 50) << "the edge from WaitingOnFooTxt";
}

TEST_F(GraphLitNode, BeforeTheFirstEventNothingIsLit) {
  const Image img = RenderPanel(-1);
  EXPECT_TRUE(Regions(img, FromImColor(kCurrentStateColor), 1, 1).empty());
}

}  // namespace
}  // namespace aws::gui
