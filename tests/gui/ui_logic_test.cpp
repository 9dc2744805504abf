// UI logic without a window: layout placement and splitters, the key map, breakpoints and the
// App's command handling on the documents' example.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "gui/app.h"
#include "present/breakpoints.h"
#include "present/keymap.h"
#include "present/layout.h"

namespace aws::gui {
namespace {

namespace fs = std::filesystem;
const std::string kExample = (fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "example.toml").string();

auto AllVisible = [](const std::string&) { return true; };

LayoutNode TwoByOne() {
  // Left: A (weight 1); right: a column of B (weight 1) over C (weight 3).
  LayoutNode a{{"A"}, false, {}, {}};
  LayoutNode b{{"B"}, false, {}, {}};
  LayoutNode c{{"C"}, false, {}, {}};
  LayoutNode right{{}, true, {b, c}, {1.0f, 3.0f}};
  return LayoutNode{{}, false, {a, right}, {1.0f, 1.0f}};
}

TEST(Layout, PlacesLeavesWithGapsAndSplitters) {
  Placement p = present::Place(TwoByOne(), Rect{0, 100, 406, 206}, 6, AllVisible);
  ASSERT_EQ(p.leaves.size(), 3u);
  EXPECT_EQ(p.leaves[0].panels, std::vector<std::string>{"A"});
  EXPECT_EQ(p.leaves[0].rect, (Rect{0, 100, 200, 206}));
  EXPECT_EQ(p.leaves[1].rect, (Rect{206, 100, 200, 50}));
  EXPECT_EQ(p.leaves[2].rect, (Rect{206, 156, 200, 150}));
  ASSERT_EQ(p.splitters.size(), 2u);
  EXPECT_FALSE(p.splitters[0].vertical);
  EXPECT_EQ(p.splitters[0].rect, (Rect{200, 100, 6, 206}));
  EXPECT_TRUE(p.splitters[1].vertical);
  EXPECT_EQ(p.splitters[1].path, std::vector<int>{1});
  EXPECT_EQ(p.splitters[1].rect, (Rect{206, 150, 200, 6}));
}

TEST(Layout, HiddenPanelsGiveTheirRoomToSiblings) {
  auto no_b = [](const std::string& p) { return p != "B"; };
  Placement p = present::Place(TwoByOne(), Rect{0, 0, 406, 200}, 6, no_b);
  ASSERT_EQ(p.leaves.size(), 2u);
  EXPECT_EQ(p.leaves[1].panels, std::vector<std::string>{"C"});
  EXPECT_EQ(p.leaves[1].rect, (Rect{206, 0, 200, 200}));
  EXPECT_EQ(p.splitters.size(), 1u);
}

TEST(Layout, TabsKeepOnlyVisiblePanels) {
  LayoutNode leaf{{"Source", "Editor", "Memory"}, false, {}, {}};
  Placement p = present::Place(leaf, Rect{0, 0, 10, 10}, 6, [](const std::string& s) { return s != "Memory"; });
  ASSERT_EQ(p.leaves.size(), 1u);
  EXPECT_EQ(p.leaves[0].panels, (std::vector<std::string>{"Source", "Editor"}));
}

TEST(Layout, DraggingASplitterMovesWeightAndRespectsTheMinimum) {
  LayoutNode root = TwoByOne();
  Placement p = present::Place(root, Rect{0, 0, 406, 206}, 6, AllVisible);
  ASSERT_TRUE(DragSplitter(root, p.splitters[0], 100, 60));
  Placement q = present::Place(root, Rect{0, 0, 406, 206}, 6, AllVisible);
  EXPECT_FLOAT_EQ(q.leaves[0].rect.w, 300);
  EXPECT_FLOAT_EQ(root.weights[0] + root.weights[1], 2.0f);
  ASSERT_TRUE(DragSplitter(root, q.splitters[0], 1000, 60));
  EXPECT_FLOAT_EQ(present::Place(root, Rect{0, 0, 406, 206}, 6, AllVisible).leaves[0].rect.w, 340);
  Splitter bad = q.splitters[0];
  bad.path = {7};
  EXPECT_FALSE(DragSplitter(root, bad, 10, 60));
}

TEST(Layout, PresetsAreNamedAndReachableByNumber) {
  ASSERT_GE(LayoutPresets().size(), 4u);
  EXPECT_EQ(LayoutPresets()[0].name, "everything");
  EXPECT_NE(FindLayout("state-machine"), nullptr);
  EXPECT_NE(FindLayout("executor"), nullptr);
  EXPECT_NE(FindLayout("timeline"), nullptr);
  EXPECT_EQ(FindLayout("nope"), nullptr);
  EXPECT_LE(LayoutPresets().size(), 9u);  // keys 1..9
  // Every preset fills the whole area with non-overlapping leaves.
  for (const LayoutPreset& preset : LayoutPresets()) {
    Placement p = present::Place(preset.root, Rect{0, 0, 1000, 600}, 0, AllVisible);
    float area = 0;
    for (const PlacedLeaf& l : p.leaves) area += l.rect.w * l.rect.h;
    EXPECT_NEAR(area, 600000.0f, 1.0f) << preset.name;
  }
}

TEST(KeyMap, NamedKeysAndCharacters) {
  KeyPresses in;
  in.keys = {NamedKey::Right, NamedKey::Left, NamedKey::Home, NamedKey::End, NamedKey::Space};
  std::vector<Command> c = CommandsFor(in, KeyContext{});
  ASSERT_EQ(c.size(), 5u);
  EXPECT_EQ(c[0].kind, CommandKind::Step);
  EXPECT_EQ(c[1].kind, CommandKind::StepBack);
  EXPECT_EQ(c[2].kind, CommandKind::Seek);
  EXPECT_EQ(c[2].step, -1);
  EXPECT_EQ(c[3].kind, CommandKind::Seek);
  EXPECT_EQ(c[3].step, INT64_MAX);
  EXPECT_EQ(c[4].kind, CommandKind::TogglePlay);

  in = {};
  in.keys = {NamedKey::Right, NamedKey::Left};
  in.shift = true;
  c = CommandsFor(in, KeyContext{});
  EXPECT_EQ(c[0].kind, CommandKind::StepPoll);
  EXPECT_EQ(c[1].kind, CommandKind::StepPollBack);

  in = {};
  in.chars = U"3bP+?nNtf]";
  KeyContext ctx;
  ctx.current_line = 7;
  ctx.followed_task = 2;
  ctx.scale_percent = 150;
  c = CommandsFor(in, ctx);
  ASSERT_EQ(c.size(), 10u);
  EXPECT_EQ(c[0].kind, CommandKind::SetLayout);
  EXPECT_EQ(c[0].text, LayoutPresets()[2].name);
  EXPECT_EQ(c[1].kind, CommandKind::ToggleLineBreakpoint);
  EXPECT_EQ(c[1].value, 7);
  EXPECT_EQ(c[2].kind, CommandKind::TogglePresentation);
  EXPECT_EQ(c[3].kind, CommandKind::SetScale);
  EXPECT_EQ(c[3].value, 175);
  EXPECT_EQ(c[4].kind, CommandKind::ToggleHelp);
  EXPECT_EQ(c[5].value, +1);
  EXPECT_EQ(c[6].value, -1);
  EXPECT_EQ(c[7].kind, CommandKind::NextTaskChange);
  EXPECT_EQ(c[7].value, 2);
  EXPECT_EQ(c[8].kind, CommandKind::ToggleFullscreen);
  EXPECT_EQ(c[9].kind, CommandKind::SetSpeed);
  EXPECT_EQ(c[9].text, "16");
}

TEST(KeyMap, CtrlLettersAndEscapeWithoutHelpDoNothing) {
  KeyPresses in;
  in.chars = U"b";
  in.ctrl = true;
  EXPECT_TRUE(CommandsFor(in, KeyContext{}).empty());
  in = {};
  in.keys = {NamedKey::Escape};
  EXPECT_TRUE(CommandsFor(in, KeyContext{}).empty());
  KeyContext open;
  open.help_open = true;
  ASSERT_EQ(CommandsFor(in, open).size(), 1u);
  EXPECT_EQ(NextScale(300, +1), 300);
  EXPECT_EQ(NextScale(100, -1), 100);
  EXPECT_EQ(NextScale(110, -1), 100);
  EXPECT_EQ(NextScale(200, +1), 250);
}

class ExampleApp : public ::testing::Test {
 protected:
  void SetUp() override {
    Diagnostics diags;
    ASSERT_TRUE(app.Load(kExample, diags)) << diags.Render();
  }
  void Do(CommandKind kind, int64_t value = 0) {
    Command c;
    c.kind = kind;
    c.value = value;
    app.Push(c);
    app.Apply();
  }
  int64_t Cursor() const { return app.session().cursor(); }
  const Trace& trace() const { return app.session().trace(); }
  App app;
};

// The example's executor polls T0 at steps 4, 21 and 39 (t = 0, 30, 50 ms).
TEST_F(ExampleApp, PollStepsGoToExecutorPolls) {
  Do(CommandKind::StepPoll);
  EXPECT_EQ(Cursor(), 4);
  Do(CommandKind::StepPoll);
  EXPECT_EQ(Cursor(), 21);
  Do(CommandKind::StepPoll);
  EXPECT_EQ(Cursor(), 39);
  Do(CommandKind::StepPoll);
  EXPECT_EQ(Cursor(), 39);
  EXPECT_EQ(app.view().status, "no later poll");
  Do(CommandKind::StepPollBack);
  EXPECT_EQ(Cursor(), 21);
  const Event& e = trace().events[21];
  EXPECT_EQ(e.kind, EventKind::PollBegin);
  EXPECT_EQ(e.t_ms, 30);
}

TEST_F(ExampleApp, EventBreakpointsStopAtWakesAndReady) {
  Do(CommandKind::RunToBreakpoint, +1);
  EXPECT_EQ(Cursor(), -1);
  EXPECT_EQ(app.view().status, "no breakpoints set (B on a line, or the Run menu)");
  Command on;
  on.kind = CommandKind::SetEventBreakpoint;
  on.value = kBreakWake;
  on.step = 1;
  app.Push(on);
  Do(CommandKind::RunToBreakpoint, +1);
  EXPECT_EQ(Cursor(), 18);
  EXPECT_EQ(app.view().status, "step 18: breakpoint: any wake");
  Do(CommandKind::RunToBreakpoint, +1);
  EXPECT_EQ(Cursor(), 36);
  Do(CommandKind::RunToBreakpoint, +1);
  EXPECT_EQ(Cursor(), 36);
  EXPECT_EQ(app.view().status, "no breakpoint after this step");
  Do(CommandKind::RunToBreakpoint, -1);
  EXPECT_EQ(Cursor(), 18);

  Breakpoints ready;
  ready.events = kBreakReady;
  EXPECT_EQ(NextHit(ready, trace(), -1), 24);  // Ready("Hello") from the foo.txt read
  EXPECT_EQ(HitReason(ready, trace(), 24), "breakpoint: any Ready");
  Breakpoints transitions;
  transitions.events = kBreakTransition;
  EXPECT_EQ(NextHit(transitions, trace(), 5), 7);
}

TEST_F(ExampleApp, LineBreakpointStopsOnceEachVisit) {
  Do(CommandKind::ToggleLineBreakpoint, 5);
  EXPECT_EQ(app.view().breakpoints.lines.count(5u), 1u);
  Do(CommandKind::RunToBreakpoint, +1);
  const int64_t first = Cursor();
  ASSERT_GE(first, 0);
  EXPECT_EQ(trace().events[static_cast<size_t>(first)].line, 5u);
  EXPECT_NE(trace().events[static_cast<size_t>(first - 1)].line, 5u);
  // The next stop is a later visit to line 5, never the event right after on the same line.
  const int64_t next = NextHit(app.view().breakpoints, trace(), first);
  if (next >= 0) EXPECT_NE(trace().events[static_cast<size_t>(next - 1)].line, 5u);
  Do(CommandKind::ToggleLineBreakpoint, 5);
  EXPECT_TRUE(app.view().breakpoints.lines.empty());
}

TEST_F(ExampleApp, NextTaskChangeFollowsTheTask) {
  Do(CommandKind::NextTaskChange, 0);
  EXPECT_EQ(Cursor(), 1);   // queue_push: SCHED
  Do(CommandKind::NextTaskChange, 0);
  EXPECT_EQ(Cursor(), 4);   // the executor's poll: RUNNING
  Do(CommandKind::NextTaskChange, 0);
  EXPECT_EQ(Cursor(), 5);   // main: Start -> WaitingOnExample
  Do(CommandKind::NextTaskChange, 0);
  EXPECT_EQ(Cursor(), 7);   // example: Start -> WaitingOnFooTxt
  Do(CommandKind::NextTaskChange, 0);
  EXPECT_EQ(Cursor(), 13);  // poll_end depth 0: IDLE
  Do(CommandKind::NextTaskChange, 5);
  EXPECT_EQ(Cursor(), 13);
  EXPECT_EQ(app.view().status, "the followed task does not change again");
}

TEST_F(ExampleApp, LayoutThemeScaleAndPresentationCommands) {
  Command c;
  c.kind = CommandKind::SetLayout;
  c.text = "timeline";
  app.Push(c);
  c.text = "nope";
  app.Push(c);
  app.Apply();
  EXPECT_EQ(app.view().settings.layout, "timeline");
  EXPECT_EQ(app.view().status.rfind("no layout `nope` (known: everything, ", 0), 0u);
  Do(CommandKind::SetScale, 900);
  EXPECT_EQ(app.view().settings.scale_percent, 300);
  Do(CommandKind::SetScale, 125);
  Do(CommandKind::TogglePresentation);
  EXPECT_EQ(app.view().settings.layout, "presentation");
  EXPECT_EQ(app.view().settings.scale_percent, 200);
  Do(CommandKind::TogglePresentation);
  EXPECT_EQ(app.view().settings.layout, "timeline");
  EXPECT_EQ(app.view().settings.scale_percent, 125);
  c.kind = CommandKind::SetTheme;
  c.text = "high-contrast";
  app.Push(c);
  app.Apply();
  EXPECT_EQ(app.view().settings.theme, "high-contrast");
  Do(CommandKind::ToggleFullscreen);
  EXPECT_TRUE(app.view().settings.fullscreen);
  Do(CommandKind::Export, static_cast<int64_t>(ExportKind::WindowPng));
  std::vector<ExportRequest> ex = app.TakeExports();
  ASSERT_EQ(ex.size(), 1u);
  EXPECT_EQ(ex[0].path, "awaitscope-example-step-1.png");
  EXPECT_TRUE(app.TakeExports().empty());
}

TEST_F(ExampleApp, PlayingStopsAtABreakpoint) {
  Do(CommandKind::ToggleLineBreakpoint, 7);
  Do(CommandKind::TogglePlay);
  ASSERT_TRUE(app.view().playing);
  for (int i = 0; i < 60 && app.view().playing; ++i) Do(CommandKind::Step);
  EXPECT_FALSE(app.view().playing);
  EXPECT_EQ(trace().events[static_cast<size_t>(Cursor())].line, 7u);
  EXPECT_EQ(app.view().status, "stopped at step " + std::to_string(Cursor()) + ": breakpoint: line 7");
}

}  // namespace
}  // namespace aws::gui

namespace aws::gui {
namespace {

// The help overlay's digits row names exactly the presets the digit keys reach.
TEST(KeyHelp, DigitsRowMatchesThePresets) {
  const std::string expected = "1 - " + std::to_string(LayoutPresets().size());
  bool found = false;
  for (const KeyHelp& row : KeyHelpRows()) found |= row.keys == expected;
  EXPECT_TRUE(found) << expected;
  KeyPresses in;
  in.chars.push_back(char32_t(U'0' + LayoutPresets().size() + 1));
  EXPECT_TRUE(CommandsFor(in, KeyContext{}).empty());  // one past the last preset does nothing
}

}  // namespace
}  // namespace aws::gui
