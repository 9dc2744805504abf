// The async book's channel executor written in the script (scenarios/scripted_channel_executor.rs):
// its twin test against the built-in `channel` executor, the talk's TimerFuture with a thread of
// its own, and what happens when the spawner is kept or the waker sends nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "awaitscope/runtime.h"
#include "awaitscope/trace_io.h"

namespace aws {
namespace {

struct ScriptRun {
  std::unique_ptr<Program> program;
  Trace trace;
  std::string text;  // the trace as text, without the memory lines
  std::string diags;
};

ScriptRun RunScript(const std::string& script, const std::string& extra = "") {
  Diagnostics d;
  std::string toml = "title = \"t\"\nexecutor = \"channel\"\n" + extra + "script = '''\n" + script + "'''\n";
  auto s = LoadScenarioText("t.toml", toml, d);
  EXPECT_TRUE(s) << d.Render();
  ScriptRun r;
  if (!s) return r;
  r.program = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  if (d.HasErrors()) return r;
  r.trace = RunScenario(*r.program, *s, {}, d);
  for (const Event& e : r.trace.events)
    if (e.kind < EventKind::MemAlloc) r.text += EventText(r.trace, e, r.program.get()) + "\n";
  r.diags = d.Render();
  return r;
}

std::string Shipped() {
  std::ifstream in(std::filesystem::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "scripted_channel_executor.rs");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The part of the shipped script from the line that starts with `from` up to the one that starts
// with `to` (the end when `to` is empty), so the tests run the very code a class steps through.
std::string Part(const std::string& from, const std::string& to) {
  const std::string script = Shipped();
  const size_t a = script.find("\n" + from);
  const size_t b = to.empty() ? script.size() : script.find("\n" + to, a);
  EXPECT_NE(a, std::string::npos) << from;
  EXPECT_NE(b, std::string::npos) << to;
  if (a == std::string::npos || b == std::string::npos) return "";
  return script.substr(a + 1, b - a);
}

std::string Tasks() { return Part("async fn howdy()", "fn main()"); }

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

void ExpectSameRun(const ScriptRun& built_in, const ScriptRun& scripted) {
  ASSERT_FALSE(built_in.text.empty());
  ASSERT_FALSE(scripted.text.empty()) << scripted.diags;
  const TraceSummary& a = built_in.trace.summary;
  const TraceSummary& b = scripted.trace.summary;
  EXPECT_EQ(a.output, b.output);
  EXPECT_EQ(a.polls, b.polls);
  EXPECT_EQ(a.pending, b.pending);
  EXPECT_EQ(a.ready, b.ready);
  EXPECT_EQ(a.wakes, b.wakes);
  EXPECT_EQ(a.end_time_ms, b.end_time_ms);
  EXPECT_EQ(a.end_reason, b.end_reason);
  EXPECT_EQ(built_in.trace.tasks.size(), scripted.trace.tasks.size());
}

// The same task on the built-in channel executor (with the built-in `TimerFuture::new`) and on
// the script's Executor and Spawner (with the talk's TimerFuture and its thread).
TEST(ScriptedChannelExecutor, TwinAgreesWithTheBuiltInChannelExecutor) {
  ScriptRun built_in = RunScript(Tasks(), "spawn = [\"howdy()\"]\ndrop_spawner = true\n");
  ScriptRun scripted = RunScript(Shipped());
  ExpectSameRun(built_in, scripted);
  const TraceSummary& b = scripted.trace.summary;
  EXPECT_EQ(b.output, "howdy!\ndone!\n");
  EXPECT_EQ(b.polls, 2);
  EXPECT_EQ(b.pending, 1);
  EXPECT_EQ(b.ready, 1);
  EXPECT_EQ(b.wakes, 1);
  EXPECT_EQ(b.end_time_ms, 2000);
  EXPECT_EQ(b.end_reason, 0);
}

// Sending an Arc<Task> is the executor's queue_push, receiving it its queue_pop; `waker_ref`
// makes task 0's waker; the timer thread's wake runs `ArcWake::wake_by_ref`, which queues task 0.
TEST(ScriptedChannelExecutor, SendRecvAndArcWakeAreTheChannelExecutorsEvents) {
  ScriptRun r = RunScript(Shipped());
  EXPECT_NE(r.text.find("t=0ms queue_push task=0 len=1\n"
                        "t=0ms queue_pop task=0 len=0\n"
                        "t=0ms waker_create waker=W0 task=0\n"
                        "t=0ms poll_begin task=0 future=howdy#"),
            std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("t=2000ms wake task=0 waker=W1 by=self\n"
                        "t=2000ms queue_push task=0 len=1\n"),
            std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("t=2000ms task_done task=0 -> ()\n"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("t=2000ms run_end reason=finished\n"), std::string::npos) << r.text;
}

// Without `drop(spawner)` the Spawner's sender lives on: `recv` waits for ever, as the talk warns.
TEST(ScriptedChannelExecutor, KeepingTheSpawnerHangsRun) {
  ScriptRun r = RunScript(Replace(Shipped(), "    drop(spawner);\n", ""));
  EXPECT_EQ(r.trace.summary.output, "howdy!\ndone!\n");
  EXPECT_EQ(r.trace.summary.end_reason, 1);
  EXPECT_NE(r.text.find("main waits in `recv()` on channel#0 (empty, 1 sender alive)"), std::string::npos) << r.text;
}

// A wake_by_ref that sends nothing: the timer's wake-up is lost, named where it happens.
TEST(ScriptedChannelExecutor, AWakeThatSendsNothingIsNamed) {
  ScriptRun r = RunScript(Replace(Shipped(), "        arc_self.task_sender.send(cloned).expect(\"too many tasks queued\");\n",
                                  "        println!(\"woken\");\n"));
  EXPECT_EQ(r.trace.summary.output, "howdy!\nwoken\n");
  EXPECT_NE(r.text.find("diagnostic warning: the waker W1 of task 0 ran `wake_by_ref` but queued no task: nothing puts task 0 "
                        "back in the queue\n"),
            std::string::npos)
      << r.text;
}

}  // namespace
}  // namespace aws
