// MiniTokio's first run loop written in the script (scenarios/scripted_busy_executor.rs) against
// the built-in `busy` executor: with the time rule (a Pending poll made by plain code costs one
// 1 ms tick, as one turn of the busy loop does) both poll at the same moments.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "awaitscope/runtime.h"
#include "awaitscope/trace_io.h"

namespace aws {
namespace {

struct BusyRun {
  Trace trace;
  std::string polls;  // the top-level poll_end lines, with their times
  std::string prints;
};

BusyRun RunScript(const std::string& script, const std::string& extra = "") {
  Diagnostics d;
  std::string toml = "title = \"t\"\nexecutor = \"busy\"\n" + extra + "script = '''\n" + script + "'''\n";
  auto s = LoadScenarioText("t.toml", toml, d);
  EXPECT_TRUE(s) << d.Render();
  BusyRun r;
  if (!s) return r;
  auto program = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  if (d.HasErrors()) return r;
  r.trace = RunScenario(*program, *s, {}, d);
  for (const Event& e : r.trace.events) {
    if (e.kind == EventKind::PollEnd && e.a == 0) {
      std::string line = EventText(r.trace, e, program.get());
      // `future=nap#5`: object numbers differ (the scripted run also made the executor's objects)
      line.erase(line.find("future="), line.find("depth=") - line.find("future="));
      r.polls += line + "\n";
    }
    if (e.kind == EventKind::Print || e.kind == EventKind::TaskDone) r.prints += EventText(r.trace, e, program.get()) + "\n";
  }
  return r;
}

std::string Shipped() {
  std::ifstream in(std::filesystem::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "scripted_busy_executor.rs");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The shipped tasks, from `async fn example` up to `fn main`.
std::string Tasks() {
  const std::string script = Shipped();
  const size_t a = script.find("\nasync fn example(");
  const size_t b = script.find("\nfn main()");
  EXPECT_NE(a, std::string::npos);
  EXPECT_NE(b, std::string::npos);
  return a == std::string::npos || b == std::string::npos ? "" : script.substr(a + 1, b - a);
}

TEST(ScriptedBusyExecutor, TwinAgreesWithTheBuiltInBusyExecutor) {
  BusyRun built_in = RunScript(Tasks(), "spawn = [\"print_example()\", \"nap()\"]\n");
  BusyRun scripted = RunScript(Shipped());
  const TraceSummary& a = built_in.trace.summary;
  const TraceSummary& b = scripted.trace.summary;
  EXPECT_EQ(b.output, "nap: start\nnap: done\nHello World\n");
  EXPECT_EQ(a.output, b.output);
  EXPECT_EQ(a.polls, b.polls);
  EXPECT_EQ(a.pending, b.pending);
  EXPECT_EQ(a.ready, b.ready);
  EXPECT_EQ(a.wakes, b.wakes);
  EXPECT_EQ(a.end_time_ms, b.end_time_ms);
  EXPECT_EQ(a.end_reason, b.end_reason);
  EXPECT_EQ(b.polls, 52);
  EXPECT_EQ(b.pending, 50);
  EXPECT_EQ(b.wakes, 0);  // the no-op waker's wakes belong to no task
  EXPECT_EQ(b.end_time_ms, 50);
  // Not only the totals: every poll, print and task end at the same virtual time.
  EXPECT_EQ(built_in.polls, scripted.polls);
  EXPECT_EQ(built_in.prints, scripted.prints);
  EXPECT_NE(scripted.polls.find("t=0ms poll_end task=0 depth=0 -> Pending\n"
                                "t=1ms poll_end task=1 depth=0 -> Pending\n"
                                "t=2ms poll_end task=0 depth=0 -> Pending\n"),
            std::string::npos)
      << scripted.polls;
  EXPECT_NE(scripted.prints.find("t=41ms print task=1 \"nap: done\\n\"\nt=41ms task_done task=1 -> ()\n"), std::string::npos)
      << scripted.prints;
}

}  // namespace
}  // namespace aws
