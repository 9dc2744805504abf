// The Tokio tutorial's mini-tokio written in the script (scenarios/scripted_mini_tokio_*.rs): the
// first Delay busy-polled by MiniTokio v1 on the virtual clock, the finished mini-tokio's twin
// test against the built-in `mini_tokio` scenario, and the Delay that never arranges a wake-up.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "awaitscope/runtime.h"
#include "awaitscope/trace_io.h"

namespace aws {
namespace {

namespace fs = std::filesystem;

struct ScenarioRun {
  std::unique_ptr<Program> program;
  Trace trace;
  std::string text;  // the trace as text, without the memory lines
};

ScenarioRun RunScenarioText(const Scenario& s) {
  ScenarioRun r;
  Diagnostics d;
  r.program = Compile(std::make_unique<SourceFile>(s.script), s.ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  if (d.HasErrors()) return r;
  r.trace = RunScenario(*r.program, s, {}, d);
  for (const Event& e : r.trace.events)
    if (e.kind < EventKind::MemAlloc) r.text += EventText(r.trace, e, r.program.get()) + "\n";
  return r;
}

std::optional<Scenario> Load(const std::string& id) {
  Diagnostics d;
  auto s = LoadScenario((fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / (id + ".toml")).string(), d);
  EXPECT_TRUE(s) << d.Render();
  return s;
}

ScenarioRun RunId(const std::string& id) {
  std::optional<Scenario> s = Load(id);
  if (!s) return {};
  return RunScenarioText(*s);
}

// The shipped scenario with one piece of its script replaced.
ScenarioRun RunEdited(const std::string& id, const std::string& from, const std::string& to) {
  std::optional<Scenario> s = Load(id);
  if (!s) return {};
  std::string script = s->script.text();
  size_t at = script.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at == std::string::npos) return {};
  script.replace(at, from.size(), to);
  s->script = SourceFile(s->script.name(), script);
  return RunScenarioText(*s);
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The first Delay wakes itself inline and MiniTokio's waker does nothing: the task is polled at
// 0, 1, ... 9 ms (ten Pending answers, one tick each), and the poll at 10 ms prints.
TEST(ScriptedMiniTokio, FirstDelayIsBusyPolledUntilItsDeadline) {
  ScenarioRun r = RunId("scripted_mini_tokio_busy");
  const TraceSummary& s = r.trace.summary;
  EXPECT_EQ(s.output, "Hello world\n");
  EXPECT_EQ(s.polls, 11);
  EXPECT_EQ(s.pending, 10);
  EXPECT_EQ(s.ready, 1);
  EXPECT_EQ(s.end_time_ms, 10);
  EXPECT_EQ(s.end_reason, 0);
  EXPECT_EQ(Count(r.text, "wake task=none waker=W0 by=self no-op\n"), 10u) << r.text;
  for (int t = 0; t < 10; ++t)
    EXPECT_NE(r.text.find("t=" + std::to_string(t) + "ms poll_end task=0 future=Delay#6 depth=1 -> Pending\n"), std::string::npos)
        << t << "\n" << r.text;
  EXPECT_NE(r.text.find("t=10ms print task=0 \"Hello world\\n\"\nt=10ms poll_end task=0 future=Delay#6 depth=1 -> Ready(\"done\")\n"),
            std::string::npos)
      << r.text;
}

// The finished mini-tokio in the script and the built-in scenario print the same lines at the
// same times, with the same polls, Pending answers and wake-ups. One figure differs on purpose:
// the root task ends the program with `process::exit(0)` inside its last poll, so that poll
// never returns Ready (2 Ready answers against the built-in's 3, which lets the root finish).
TEST(ScriptedMiniTokio, TwinAgreesWithTheBuiltInMiniTokio) {
  ScenarioRun built_in = RunId("mini_tokio");
  ScenarioRun scripted = RunId("scripted_mini_tokio_thread");
  ASSERT_FALSE(built_in.text.empty());
  ASSERT_FALSE(scripted.text.empty());
  const TraceSummary& a = built_in.trace.summary;
  const TraceSummary& b = scripted.trace.summary;
  EXPECT_EQ(a.output, b.output);
  EXPECT_EQ(b.output, "hello\nworld\n");
  EXPECT_EQ(a.end_time_ms, b.end_time_ms);
  EXPECT_EQ(b.end_time_ms, 200);
  EXPECT_EQ(a.end_reason, b.end_reason);
  EXPECT_EQ(b.end_reason, 0);
  EXPECT_EQ(a.polls, b.polls);
  EXPECT_EQ(b.polls, 5);
  EXPECT_EQ(a.pending, b.pending);
  EXPECT_EQ(a.wakes, b.wakes);
  EXPECT_EQ(b.wakes, 2);
  EXPECT_EQ(a.ready, 3);
  EXPECT_EQ(b.ready, 2);
  EXPECT_EQ(built_in.trace.tasks.size(), scripted.trace.tasks.size());
  for (const char* line : {"t=0ms print task=2 \"hello\\n\"\n", "t=100ms print task=1 \"world\\n\"\n"}) {
    EXPECT_NE(built_in.text.find(line), std::string::npos) << line << built_in.text;
    EXPECT_NE(scripted.text.find(line), std::string::npos) << line << scripted.text;
  }
  // Each Delay's timer thread wakes its task's waker at the deadline.
  EXPECT_NE(scripted.text.find("t=100ms wake task=1 waker=W3 by=self\nt=100ms queue_push task=1 len=1\n"), std::string::npos)
      << scripted.text;
  EXPECT_NE(scripted.text.find("t=200ms run_end reason=finished process::exit(0) ended the program\n"), std::string::npos)
      << scripted.text;
}

// Without `exit(0)` the tutorial's `run` never returns: it keeps a sender of its own (and
// CURRENT one more), so once every task is done `recv` waits for ever.
TEST(ScriptedMiniTokio, WithoutExitRunWaitsInRecvForEver) {
  ScenarioRun r = RunEdited("scripted_mini_tokio_thread", "        std::process::exit(0);\n", "");
  EXPECT_EQ(r.trace.summary.output, "hello\nworld\n");
  EXPECT_EQ(r.trace.summary.end_reason, 1);
  EXPECT_EQ(r.trace.summary.end_time_ms, 200);
  // (Rust would count 2 senders here, the executor's and CURRENT's; the emulator still counts the
  // finished tasks' two, whose wakers the finished Delays' shared slots keep: see the report.)
  EXPECT_NE(r.text.find("main waits in `recv()` on channel#0 (empty, "), std::string::npos) << r.text;
}

// The Delay that answers Pending without keeping the waker: both waiting tasks get one poll, and
// the deadlock names them and the future to blame.
TEST(ScriptedMiniTokio, DelayWithoutWakeLeavesTwoTasksWaitingNamed) {
  ScenarioRun r = RunId("scripted_mini_tokio_no_wake");
  const TraceSummary& s = r.trace.summary;
  EXPECT_EQ(s.output, "hello\n");
  EXPECT_EQ(s.polls, 3);
  EXPECT_EQ(s.pending, 2);
  EXPECT_EQ(s.wakes, 0);
  EXPECT_EQ(s.end_reason, 1);
  EXPECT_EQ(s.end_time_ms, 0);
  for (int task : {0, 1})
    EXPECT_NE(r.text.find("task " + std::to_string(task) +
                          " waits forever: `Delay` returned Poll::Pending without waking its waker or storing it where "
                          "something will wake it"),
              std::string::npos)
        << task << "\n" << r.text;
}

}  // namespace
}  // namespace aws
