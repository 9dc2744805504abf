// The narration's sentences for the real trace of scenarios/example.toml, and the table's shape:
// every event kind has a template, and templates use only known placeholders.
#include "present/narration.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "awaitscope/runtime.h"
#include "awaitscope/world.h"

namespace aws::present {
namespace {

namespace fs = std::filesystem;

struct ExampleRun {
  std::optional<Scenario> scenario;
  std::unique_ptr<Program> program;
  Trace trace;
};

ExampleRun RunExample() {
  ExampleRun r;
  Diagnostics d;
  r.scenario = LoadScenario((fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "example.toml").string(), d);
  EXPECT_TRUE(r.scenario) << d.Render();
  if (!r.scenario) return r;
  r.program = Compile(std::make_unique<SourceFile>(r.scenario->script), r.scenario->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  r.trace = RunScenario(*r.program, *r.scenario, RunOptions{}, d);
  return r;
}

// The step of the n-th (0-based) event of `kind`, -1 if there is none.
int64_t Nth(const Trace& t, EventKind kind, int n) {
  for (size_t i = 0; i < t.events.size(); ++i)
    if (t.events[i].kind == kind && n-- == 0) return static_cast<int64_t>(i);
  return -1;
}

class NarrationOfExample : public ::testing::Test {
 protected:
  void SetUp() override { run_ = RunExample(); }
  std::string At(EventKind kind, int n) {
    int64_t step = Nth(run_.trace, kind, n);
    EXPECT_GE(step, 0);
    return Narrate(run_.trace, run_.program.get(), step);
  }
  ExampleRun run_;
};

TEST_F(NarrationOfExample, Transitions) {
  EXPECT_EQ(At(EventKind::Transition, 0),
            "main moves from Start to WaitingOnExample. It needs no local values later, so this state "
            "holds only the future it awaits.");
  EXPECT_EQ(At(EventKind::Transition, 1),
            "example moves from Start to WaitingOnFooTxt and saves min_len: the values it still needs "
            "after this .await.");
  EXPECT_EQ(At(EventKind::Transition, 2),
            "example moves from WaitingOnFooTxt to WaitingOnBarTxt and saves content: the values it "
            "still needs after this .await.");
  EXPECT_EQ(At(EventKind::Transition, 3),
            "example moves from WaitingOnBarTxt to End: its body has finished, and the saved values "
            "are gone.");
}

TEST_F(NarrationOfExample, PollsWakeHaltAndDone) {
  EXPECT_EQ(At(EventKind::PollEnd, 2), "Task 0 returns Pending: main is waiting, so the executor moves on.");
  EXPECT_EQ(At(EventKind::PollEnd, 1),
            "example returns Pending, so main has to stop here and return Pending too.");
  EXPECT_EQ(At(EventKind::Halt, 0), "No task is ready, so the CPU halts until the next interrupt.");
  int64_t wake = Nth(run_.trace, EventKind::WakerWake, 0);
  ASSERT_GE(wake, 0);
  EXPECT_EQ(run_.trace.events[static_cast<size_t>(wake)].t_ms, 30);
  EXPECT_EQ(Narrate(run_.trace, run_.program.get(), wake),
            "The disk finished foo.txt and wakes task 0: its id goes back into the queue.");
  EXPECT_EQ(At(EventKind::DeviceStart, 0),
            "async_read_file(\"foo.txt\") asks the disk to read foo.txt. The answer is due at 30 ms; "
            "until then the CPU is free for other work.");
  EXPECT_EQ(At(EventKind::Print, 0), "Task 0 prints \"Hello World\".");
  EXPECT_EQ(At(EventKind::TaskDone, 0),
            "Task 0 is done: its future returned (), so the executor removes the task.");
  EXPECT_EQ(At(EventKind::RunEnd, 0), "Every task has finished, so the run is over.");
}

TEST_F(NarrationOfExample, OutsideTheTraceAndWithoutProgram) {
  EXPECT_FALSE(Narrate(run_.trace, run_.program.get(), -1).empty());
  EXPECT_FALSE(Narrate(run_.trace, run_.program.get(), 1 << 30).empty());
  // Without the program, states are named by index.
  EXPECT_EQ(Narrate(run_.trace, nullptr, Nth(run_.trace, EventKind::Transition, 2)),
            "example moves from s1 to s2 and saves content and bar_txt_future: the values it still "
            "needs after this .await.");
}

TEST_F(NarrationOfExample, SourceLineAndNotes) {
  ASSERT_TRUE(run_.scenario);
  EXPECT_EQ(NarrateSource(&*run_.scenario, 0),
            "From: Async/Await (blog_os, post 12), The Async/Await Pattern; State Machine "
            "Transformation; Saving State");
  Scenario s = *run_.scenario;
  s.notes.push_back({7, "Watch min_len being saved."});
  EXPECT_EQ(NarrateSource(&s, 6), NarrateSource(&*run_.scenario, 6));
  EXPECT_EQ(NarrateSource(&s, 7), NarrateSource(&*run_.scenario, 7) + "\nWatch min_len being saved.");
  EXPECT_EQ(NarrateSource(nullptr, 7), "");
}

TEST(NarrationTable, EveryKindHasATemplateWithKnownPlaceholders) {
  for (int k = 0; k < static_cast<int>(EventKind::kCount); ++k) {
    const EventKind kind = static_cast<EventKind>(k);
    EXPECT_FALSE(NarrationTemplate(kind).empty()) << EventKindName(kind);
    ASSERT_GE(NarrationVariants(kind), 1) << EventKindName(kind);
    for (int v = 0; v < NarrationVariants(kind); ++v) {
      std::string_view t = NarrationTemplate(kind, v);
      for (size_t open = t.find('{'); open != std::string_view::npos; open = t.find('{', open + 1)) {
        size_t close = t.find('}', open);
        ASSERT_NE(close, std::string_view::npos) << t;
        EXPECT_TRUE(IsNarrationPlaceholder(t.substr(open + 1, close - open - 1)))
            << EventKindName(kind) << " variant " << v << ": " << t;
      }
    }
  }
}

// The last step of every shipped scenario says what holds in the world there: "every task has
// finished" only when every task is done; otherwise each unfinished task is named.
TEST(NarrationOfTheEnd, EveryShippedScenarioEndsWithWhatHolds) {
  int checked = 0, unfinished_runs = 0, budget_runs = 0, exit_runs = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".toml") continue;
    SCOPED_TRACE(entry.path().filename().string());
    Session s;
    Diagnostics d;
    ASSERT_TRUE(s.Load(entry.path().string(), d)) << d.Render();
    const int64_t last = s.size() - 1;
    ASSERT_EQ(s.trace().events.back().kind, EventKind::RunEnd);
    s.Seek(last);
    const std::string said = Narrate(s.trace(), s.program(), last, &s.state());
    std::vector<int> unfinished;
    for (size_t t = 0; t < s.state().tasks.size(); ++t)
      if (s.state().tasks[t].status != TaskStatus::Done) unfinished.push_back(static_cast<int>(t));
    const int64_t reason = s.trace().events.back().a;
    if (s.trace().Payload(s.trace().events.back()).starts_with("process::exit(")) {
      ++exit_runs;  // the program ended itself: whatever waits is not to blame
      EXPECT_EQ(said, "The run ends here because the program called process::exit, whatever still waits: "
                      "process::exit(0) ended the program.");
    } else if (reason == 1) {
      EXPECT_TRUE(said.starts_with("The run stops with a fault: ")) << said;
    } else if (reason == 2) {
      ++budget_runs;
      EXPECT_EQ(said, "The run is stopped because it used up its step budget: stopped after " +
                          std::to_string(s.scenario()->step_budget) + " events (the scenario's step budget).");
    } else if (unfinished.empty()) {
      EXPECT_EQ(said, "Every task has finished, so the run is over.");
    } else {
      ++unfinished_runs;
      EXPECT_TRUE(said.starts_with("Not every task finished: ")) << said;
      EXPECT_EQ(said.find("Every task has finished"), std::string::npos) << said;
      for (int t : unfinished) EXPECT_NE(said.find(fmt::format("task {} (", t)), std::string::npos) << said;
      EXPECT_TRUE(said.ends_with(s.state().halted ? "so the CPU halts for good." : "so the executor stops.")) << said;
    }
    ++checked;
  }
  EXPECT_GE(checked, 40);
  // keyboard_hi, keyboard_spurious_wake, sleep_if_idle_fixed and _naive, their scripted twins
  // scripted_sleep_if_idle_fixed and _naive, scripted_old_executor (the same keyboard task),
  // echo_server_async (its accept loop never ends), and the scripted scancode stream's four
  // (scripted_scancode_stream, scancode_queue_early_key, scancode_queue_full,
  // scripted_scancode_stream_no_register)
  EXPECT_EQ(unfinished_runs, 12);
  EXPECT_EQ(budget_runs, 1);      // keyboard_busy: SimpleExecutor polls the keyboard task until stopped
  EXPECT_EQ(exit_runs, 1);        // scripted_mini_tokio_thread: the root task's process::exit(0)
}

}  // namespace
}  // namespace aws::present
