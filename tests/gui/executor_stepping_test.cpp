// Stepping into or over executor code (README "Stepping into or over executor code"): Step and
// Step back of the App on scripted_simple_executor, the X key and the Run menu's command, and the
// searches they use (present/breakpoints.h NextStep, PrevStep, HasExecutorCode).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "gui/app.h"
#include "present/breakpoints.h"
#include "present/keymap.h"

namespace aws::gui {
namespace {

namespace fs = std::filesystem;
const std::string kScripted = (fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "scripted_simple_executor.toml").string();
const std::string kExample = (fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "example.toml").string();

class ScriptedExecutorApp : public ::testing::Test {
 protected:
  void SetUp() override {
    Diagnostics diags;
    ASSERT_TRUE(app.Load(kScripted, diags)) << diags.Render();
  }
  void Do(CommandKind kind, int64_t value = 0) {
    app.Push(MakeCommand(kind, value));
    app.Apply();
  }
  int64_t Cursor() const { return app.session().cursor(); }
  Event At(int64_t step) const { return app.session().trace().events[static_cast<size_t>(step)]; }
  // Where Step goes from the start to the end, as (kind name, line) of each step visited.
  std::vector<std::pair<std::string, uint32_t>> StepToTheEnd() {
    std::vector<std::pair<std::string, uint32_t>> seen;
    for (int64_t before = -2; Cursor() != before;) {
      before = Cursor();
      Do(CommandKind::Step);
      if (Cursor() != before) seen.emplace_back(EventKindName(At(Cursor()).kind), At(Cursor()).line);
    }
    return seen;
  }
  App app;
};

// The run's steps (kind, line): the lines of main, `new`, `Task::new`, `spawn`, `run`,
// `dummy_waker`, `dummy_raw_waker`, `Task::poll` and the vtable's `no_op` (exec_line), with the
// events their code and the task's make (scenarios/scripted_simple_executor.rs; the scenario
// tracks memory).
const std::vector<std::pair<std::string, uint32_t>> kEveryStep = {
    {"exec_line", 80}, {"exec_line", 32}, {"exec_line", 33}, {"mem_alloc", 80}, {"mem_free", 80},
    {"mem_alloc", 80}, {"mem_move", 80}, {"exec_line", 81}, {"mem_alloc", 81}, {"exec_line", 17},
    {"mem_alloc", 17}, {"mem_write", 17}, {"exec_line", 18}, {"mem_free", 81}, {"exec_line", 81},
    {"exec_line", 36}, {"spawn", 36}, {"queue_push", 36}, {"exec_line", 37}, {"exec_line", 82},
    {"exec_line", 42}, {"queue_pop", 42}, {"mem_alloc", 42}, {"mem_write", 42}, {"exec_line", 43},
    {"exec_line", 67}, {"exec_line", 61}, {"mem_alloc", 61}, {"mem_write", 61}, {"exec_line", 62},
    {"exec_line", 63}, {"mem_alloc", 67}, {"mem_free", 67}, {"exec_line", 67}, {"waker_create", 67},
    {"exec_line", 68}, {"exec_line", 44}, {"exec_line", 45}, {"exec_line", 22}, {"poll_begin", 22},
    {"mem_alloc", 75}, {"transition", 75}, {"mem_write", 75}, {"poll_begin", 75}, {"transition", 70},
    {"mem_write", 70}, {"poll_end", 70}, {"mem_alloc", 76}, {"print", 76}, {"transition", 74},
    {"mem_write", 74}, {"poll_end", 74}, {"mem_free", 74}, {"task_done", 74}, {"exec_line", 23},
    {"exec_line", 46}, {"waker_drop", 46}, {"exec_line", 56}, {"exec_line", 42}, {"exec_line", 50},
    {"mem_free", 82}, {"exec_line", 79}, {"exec_line", 83}, {"mem_free", 0}, {"run_end", 0},
};

TEST_F(ScriptedExecutorApp, StepIntoVisitsEveryLineOfExecutorCode) {
  ASSERT_TRUE(app.view().settings.step_into_executor_code);  // the default
  EXPECT_EQ(StepToTheEnd(), kEveryStep);
  EXPECT_EQ(Cursor(), app.session().size() - 1);
  // Step back visits them again, one at a time.
  Do(CommandKind::StepBack);
  EXPECT_EQ(Cursor(), app.session().size() - 2);
  Do(CommandKind::StepBack);
  EXPECT_EQ(At(Cursor()).kind, EventKind::ExecLine);
}

TEST_F(ScriptedExecutorApp, StepOverGoesFromEventToEvent) {
  Do(CommandKind::SetExecutorStepping, 0);
  EXPECT_FALSE(app.view().settings.step_into_executor_code);
  EXPECT_EQ(app.view().status, "stepping over executor code: Step goes from event to event");
  std::vector<std::pair<std::string, uint32_t>> events;
  for (const auto& s : kEveryStep)
    if (s.first != "exec_line") events.push_back(s);
  EXPECT_EQ(StepToTheEnd(), events);
  // Step back skips the line steps too, down to "before the first event".
  Do(CommandKind::StepBack);
  EXPECT_EQ(Cursor(), 63);
  EXPECT_EQ(At(Cursor()).kind, EventKind::MemFree);
  Do(CommandKind::StepBack);
  EXPECT_EQ(Cursor(), 60);
  EXPECT_EQ(At(Cursor()).kind, EventKind::MemFree);
  for (int i = 0; i < 40; ++i) Do(CommandKind::StepBack);
  EXPECT_EQ(Cursor(), -1);
  // The first Step lands on the first event, past main's and `new`'s lines.
  Do(CommandKind::Step);
  EXPECT_EQ(Cursor(), 3);
  EXPECT_EQ(At(Cursor()).kind, EventKind::MemAlloc);
  // A seek may still land on a line step (the slider counts every step); Step goes on from there.
  app.Push({CommandKind::Seek, 33});
  app.Apply();
  EXPECT_EQ(At(Cursor()).kind, EventKind::ExecLine);
  Do(CommandKind::Step);
  EXPECT_EQ(Cursor(), 34);
  EXPECT_EQ(At(Cursor()).kind, EventKind::WakerCreate);
  Do(CommandKind::Step);
  EXPECT_EQ(Cursor(), 39);
  EXPECT_EQ(At(Cursor()).kind, EventKind::PollBegin);
}

TEST_F(ScriptedExecutorApp, XTogglesTheChoice) {
  KeyPresses in;
  in.chars = {U'x'};
  const std::vector<Command> cmds = CommandsFor(in, KeyContext{});
  ASSERT_EQ(cmds.size(), 1u);
  EXPECT_EQ(cmds[0].kind, CommandKind::SetExecutorStepping);
  EXPECT_EQ(cmds[0].value, -1);
  app.Push(cmds[0]);
  app.Apply();
  EXPECT_FALSE(app.view().settings.step_into_executor_code);
  app.Push(cmds[0]);
  app.Apply();
  EXPECT_TRUE(app.view().settings.step_into_executor_code);
  EXPECT_EQ(app.view().status, "stepping into executor code: Step visits each of its lines");
  // Play steps as Step does: into the lines, one a tick.
  Do(CommandKind::Step);
  Do(CommandKind::Step);
  EXPECT_EQ(Cursor(), 1);
}

TEST(ExecutorStepping, SearchesSkipLineStepsOnlyWhenSteppingOver) {
  Trace t;
  for (EventKind k : {EventKind::ExecLine, EventKind::ExecLine, EventKind::Spawn, EventKind::ExecLine,
                      EventKind::QueuePop, EventKind::ExecLine})
    t.events.push_back(Event{.kind = k});
  EXPECT_TRUE(present::HasExecutorCode(t));
  EXPECT_EQ(present::NextStep(t, -1, true), 0);
  EXPECT_EQ(present::NextStep(t, -1, false), 2);
  EXPECT_EQ(present::NextStep(t, 2, false), 4);
  EXPECT_EQ(present::NextStep(t, 4, false), -1);  // only a line step is left
  EXPECT_EQ(present::NextStep(t, 4, true), 5);
  EXPECT_EQ(present::NextStep(t, 5, true), -1);
  EXPECT_EQ(present::PrevStep(t, 5, false), 4);
  EXPECT_EQ(present::PrevStep(t, 4, false), 2);
  EXPECT_EQ(present::PrevStep(t, 2, false), -1);  // before the first event
  EXPECT_EQ(present::PrevStep(t, 2, true), 1);
  EXPECT_EQ(present::PrevStep(t, 0, true), -1);
}

TEST(ExecutorStepping, AnAsyncMainHasNoExecutorCodeAndBothChoicesStepAlike) {
  App into, over;
  Diagnostics diags;
  ASSERT_TRUE(into.Load(kExample, diags)) << diags.Render();
  ASSERT_TRUE(over.Load(kExample, diags)) << diags.Render();
  EXPECT_FALSE(present::HasExecutorCode(into.session().trace()));
  over.Push(MakeCommand(CommandKind::SetExecutorStepping, 0));
  over.Apply();
  for (int i = 0; i < 10; ++i) {
    into.Push(MakeCommand(CommandKind::Step));
    over.Push(MakeCommand(CommandKind::Step));
    into.Apply();
    over.Apply();
    ASSERT_EQ(into.session().cursor(), i);
    ASSERT_EQ(over.session().cursor(), i);
  }
}

}  // namespace
}  // namespace aws::gui
