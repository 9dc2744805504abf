// The State machine panel: Graphviz's layout of a machine (plain structs) and the lit node in a
// headless screenshot.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "awaitscope/lower.h"
#include "awaitscope/scenario.h"
#include "gui/app.h"
#include "gui/graph_layout.h"
#include "present/image.h"
#include "gui/platform.h"
#include "gui/views/views.h"

namespace aws::gui {
namespace {

namespace fs = std::filesystem;

const std::string kExample = (fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "example.toml").string();

std::unique_ptr<Program> CompileExample() {
  Diagnostics diags;
  std::optional<Scenario> sc = LoadScenario(kExample, diags);
  EXPECT_TRUE(sc.has_value()) << diags.Render();
  if (!sc) return nullptr;
  std::unique_ptr<Program> p = Compile(std::make_unique<SourceFile>(sc->script), sc->ops, diags);
  EXPECT_NE(p, nullptr) << diags.Render();
  return p;
}

const GraphNode* NodeOf(const GraphLayout& g, const Machine& m, std::string_view name) {
  const State* s = m.FindState(name);
  if (s == nullptr) return nullptr;
  for (const GraphNode& n : g.nodes)
    if (n.state == s->index) return &n;
  return nullptr;
}

TEST(GraphLayout, ExampleMachineHasItsStatesAndTransitions) {
  std::unique_ptr<Program> p = CompileExample();
  ASSERT_NE(p, nullptr);
  const Machine* m = p->FindMachine("example");
  ASSERT_NE(m, nullptr);
  std::string error;
  std::optional<GraphLayout> g = LayoutMachine(*m, {}, &error);
  ASSERT_TRUE(g.has_value()) << error;

  // Unresumed, Suspend0, Suspend1, Returned: Panicked is left out, no transition reaches it.
  ASSERT_EQ(g->nodes.size(), 4u);
  for (const char* name : {"Unresumed", "Suspend0", "Suspend1", "Returned"})
    EXPECT_NE(NodeOf(*g, *m, name), nullptr) << name;
  EXPECT_EQ(NodeOf(*g, *m, "Panicked"), nullptr);
  EXPECT_EQ(NodeOf(*g, *m, "Suspend1")->label, "Suspend1\nWaitingOnBarTxt");

  size_t non_panic = 0;
  for (const Transition& t : m->transitions) {
    if (t.kind == TransitionKind::Panic) continue;
    ++non_panic;
    bool found = false;
    for (const GraphEdge& e : g->edges)
      found |= e.from == t.from && e.to == t.to && e.kind == t.kind && e.label == EdgeLabel(t);
    EXPECT_TRUE(found) << t.label;
  }
  EXPECT_EQ(g->edges.size(), non_panic);
  for (const GraphEdge& e : g->edges) EXPECT_GE(e.points.size(), 2u) << e.label;

  // dot ranks top-down: Start above End; everything inside the bounding box.
  EXPECT_LT(NodeOf(*g, *m, "Start")->y, NodeOf(*g, *m, "End")->y);
  for (const GraphNode& n : g->nodes) {
    EXPECT_GT(n.w, 0);
    EXPECT_GT(n.h, 0);
    EXPECT_GE(n.x - n.w / 2, -0.5f);
    EXPECT_LE(n.x + n.w / 2, g->width + 0.5f);
    EXPECT_GE(n.y - n.h / 2, -0.5f);
    EXPECT_LE(n.y + n.h / 2, g->height + 0.5f);
  }
  // No two node boxes overlap.
  for (size_t i = 0; i < g->nodes.size(); ++i)
    for (size_t j = i + 1; j < g->nodes.size(); ++j) {
      const GraphNode& a = g->nodes[i];
      const GraphNode& b = g->nodes[j];
      bool apart = std::abs(a.x - b.x) >= (a.w + b.w) / 2 || std::abs(a.y - b.y) >= (a.h + b.h) / 2;
      EXPECT_TRUE(apart) << a.label << " overlaps " << b.label;
    }
}

TEST(GraphLayout, EveryMachineOfTheExampleLaysOut) {
  std::unique_ptr<Program> p = CompileExample();
  ASSERT_NE(p, nullptr);
  for (const Machine& m : p->machines) {
    std::string error;
    EXPECT_TRUE(LayoutMachine(m, {}, &error).has_value()) << m.name << ": " << error;
  }
}

int64_t CountColor(const Image& img, uint32_t abgr) {
  const uint8_t r = abgr & 0xFF, g = (abgr >> 8) & 0xFF, b = (abgr >> 16) & 0xFF;
  int64_t n = 0;
  for (size_t i = 0; i + 3 < img.rgba.size(); i += 4)
    if (img.rgba[i] == r && img.rgba[i + 1] == g && img.rgba[i + 2] == b) ++n;
  return n;
}

TEST(GraphScreenshot, CurrentStateIsLitWhenExampleEntersWaitingOnBarTxt) {
  Platform platform;
  PlatformOptions o;
  o.width = 1000;
  o.height = 600;
  o.headless = true;
  std::string error;
  ASSERT_TRUE(platform.Open(o, &error)) << error;
  App app;
  Diagnostics diags;
  ASSERT_TRUE(app.Load(kExample, diags)) << diags.Render();

  // The step of the transition of `example` to WaitingOnBarTxt.
  const Session& s = app.session();
  const Machine* m = s.program()->FindMachine("example");
  ASSERT_NE(m, nullptr);
  const int bar = m->FindState("WaitingOnBarTxt")->index;
  int64_t step = -1;
  for (size_t i = 0; i < s.trace().events.size() && step < 0; ++i) {
    const Event& e = s.trace().events[i];
    if (e.kind == EventKind::Transition && e.b == bar && s.trace().objects[size_t(e.obj)].machine == m - &s.program()->machines[0])
      step = int64_t(i);
  }
  ASSERT_GE(step, 0);

  // The panel alone, filling the window, so the test does not depend on where views.cpp puts it.
  auto render_at = [&](int64_t at) {
    app.Push({CommandKind::Seek, at});
    Image shot;
    for (int i = 0; i < 3; ++i) {
      EXPECT_TRUE(platform.BeginFrame());
      app.Frame();
      ViewData view;
      std::vector<Command> commands;
      ViewContext ctx{app.session(), view, commands};
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
      ImGui::SetNextWindowFocus();
      ImGui::Begin("State machine alone", nullptr, ImGuiWindowFlags_NoDecoration);
      DrawMachineView(ctx);
      ImGui::End();
      platform.EndFrame(i == 2 ? &shot : nullptr);
    }
    if (const char* dir = std::getenv("AWAITSCOPE_TEST_PNG_DIR")) {
      std::string ignored;
      WritePng((fs::path(dir) / ("machine_view_" + std::to_string(at) + ".png")).string(), shot, &ignored);
    }
    return shot;
  };
  Image before = render_at(-1);
  Image entered = render_at(step);
  EXPECT_EQ(s.state().machines.at(s.trace().events[size_t(step)].obj).state, bar);
  // Before the first event no machine has a state; at the step one node (about 100 x 40 points,
  // scaled to the panel) and the edge just taken are lit.
  EXPECT_EQ(CountColor(before, kCurrentStateColor), 0);
  EXPECT_GT(CountColor(entered, kCurrentStateColor), 2000);
}

}  // namespace
}  // namespace aws::gui
