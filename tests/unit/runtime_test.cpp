#include <gtest/gtest.h>

#include "awaitscope/executor_kind.h"
#include "awaitscope/runtime.h"
#include "awaitscope/trace_io.h"

namespace aws {
namespace {

struct Result {
  Trace trace;
  std::string text;
  std::string diags;
};

// Runs a scenario given as TOML text (its script inline).
Result RunToml(const std::string& toml, RunOptions opts = {}) {
  Diagnostics d;
  auto s = LoadScenarioText("t.toml", toml, d);
  EXPECT_TRUE(s) << d.Render();
  Result r;
  if (!s) return r;
  auto p = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  r.trace = RunScenario(*p, *s, opts, d);
  r.text = TraceToText(r.trace, p.get());
  r.diags = d.Render();
  return r;
}

std::string Script(const std::string& body, const std::string& extra = "") {
  return "title = \"t\"\n" + extra + "script = '''\n" + body + "'''\n";
}

Event Last(const Trace& t) { return t.events.back(); }

std::string EndWhy(const Trace& t) { return t.Payload(Last(t)); }

TEST(Runtime, ReadingAFileTheDiskDoesNotHaveIsAPanic) {
  Result r = RunToml(Script("async fn main() {\n  let s = async_read_file(\"nope.txt\").await;\n}\n"));
  EXPECT_EQ(Last(r.trace).a, 1);
  EXPECT_EQ(EndWhy(r.trace), "task 0 panicked: async_read_file: no such file `nope.txt` on the emulated disk");
}

TEST(Runtime, AllocationWithoutBoundFaultsInsteadOfExhaustingMemory) {
  Result r = RunToml(Script("async fn main() {\n  let v = vec![0u8; 5000000];\n}\n"));
  EXPECT_EQ(Last(r.trace).a, 1);
  EXPECT_EQ(EndWhy(r.trace), "allocation of 5000000 elements exceeds the emulator's limit of 1000000");
  // Growing a vector in a loop is stopped too (here by the per-poll statement limit first).
  Result g = RunToml(Script("async fn main() {\n  let mut v: Vec<u8> = Vec::new();\n  loop { v.push(1); }\n}\n"));
  EXPECT_EQ(Last(g.trace).a, 1);
}

TEST(Runtime, RecursionWithoutEndIsAStackOverflowFault) {
  Result r = RunToml(Script("fn f(n: u64) -> u64 { f(n + 1) }\nasync fn main() {\n  f(0);\n}\n"));
  EXPECT_EQ(Last(r.trace).a, 1);
  EXPECT_EQ(EndWhy(r.trace), "stack overflow: more than 256 nested calls (recursion without end?)");
}

TEST(Runtime, ATaskThatNeverAwaitsIsStoppedByTheBudget) {
  Result r = RunToml(Script("async fn main() {\n  loop { work(1ms); }\n}\n", "step_budget = 50\n"));
  EXPECT_EQ(Last(r.trace).a, 1);
  EXPECT_EQ(EndWhy(r.trace),
            "task 0 never yielded: its poll was still running after 50 events; a future must return Pending "
            "(reach an `.await` that waits) to let other tasks run");
}

TEST(Runtime, TheBlogsTaskQueueHoldsAHundredIds) {
  Result r = RunToml(Script("async fn t() {}\nasync fn main() {\n  let mut i = 0;\n  while i < 101 { spawn(t()); i += 1; }\n}\n"));
  EXPECT_EQ(EndWhy(r.trace), "task 0 panicked: task_queue full");
}

TEST(Runtime, TheTalksChannelHoldsTenThousandTasksThenSendDeadlocks) {
  RunOptions channel;
  channel.executor = "channel";
  Result r = RunToml(Script("async fn t() {}\nasync fn main() {\n  let mut i = 0;\n  while i < 10001 { spawn(t()); i += 1; }\n}\n",
                            "step_budget = 100000\n"),
                     channel);
  EXPECT_EQ(Last(r.trace).a, 1);
  EXPECT_EQ(EndWhy(r.trace), "deadlock: the task channel is full (10,000 tasks) and `send` blocks the executor's own thread");
}

TEST(ExecutorKinds, OneRowPerBuiltInExecutorWithItsQueueRules) {
  std::vector<std::string_view> names;
  for (const ExecutorKindInfo& k : ExecutorKinds()) {
    names.push_back(k.name);
    EXPECT_EQ(FindExecutorKind(k.name), &k);
    EXPECT_EQ(&ExecutorKindInfoOf(k.kind), &k);
    EXPECT_FALSE(k.description.empty());
    EXPECT_NE(k.run, nullptr);
  }
  EXPECT_EQ(names, (std::vector<std::string_view>{"busy", "simple", "waker", "channel"}));
  EXPECT_EQ(ExecutorKindNames(), "busy, simple, waker or channel");
  EXPECT_EQ(FindExecutorKind("tokio"), nullptr);
  EXPECT_FALSE(ExecutorKindInfoOf(ExecutorKind::Busy).enqueue_on_spawn);
  EXPECT_TRUE(ExecutorKindInfoOf(ExecutorKind::Waker).caches_wakers);
  EXPECT_EQ(ExecutorKindInfoOf(ExecutorKind::Waker).when_full, QueueFull::Panic);
  EXPECT_EQ(ExecutorKindInfoOf(ExecutorKind::Channel).when_full, QueueFull::Deadlock);
  EXPECT_EQ(ExecutorKindInfoOf(ExecutorKind::Channel).capacity, 10000u);
  EXPECT_EQ(ExecutorKindInfoOf(ExecutorKind::Simple).when_full, QueueFull::Unbounded);
}

TEST(ExecutorKinds, AnUnknownExecutorInTheRunOptionsIsAnErrorListingTheTable) {
  RunOptions bad;
  bad.executor = "tokio";
  Diagnostics d;
  auto s = LoadScenarioText("t.toml", Script("async fn main() {}\n"), d);
  ASSERT_TRUE(s);
  auto p = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  Trace t = RunScenario(*p, *s, bad, d);
  EXPECT_EQ(Last(t).a, 1);
  EXPECT_EQ(t.summary.polls, 0);
  EXPECT_NE(d.Render().find("error: unknown executor `tokio` (busy, simple, waker or channel)"), std::string::npos)
      << d.Render();
}

TEST(Runtime, FullScancodeQueueDropsInputWithAWarning) {
  std::string keys;
  for (int i = 0; i < 101; ++i) keys += "[[keyboard]]\nt_ms = 10\nscancode = 0x1E\n";
  Result r = RunToml("title = \"t\"\nscript = '''\nasync fn main() {\n  let mut s = ScancodeStream::new();\n"
                     "  sleep(20ms).await;\n}\n'''\n" + keys);
  EXPECT_NE(r.text.find("t=10ms diagnostic warning: WARNING: scancode queue full; dropping keyboard input"),
            std::string::npos);
}

TEST(Runtime, BusyLoopPollsEveryTickWakerExecutorOnlyWhenWoken) {
  std::string s = Script("async fn main() {\n  let s = async_read_file(\"foo.txt\").await;\n}\n");
  RunOptions busy;
  busy.executor = "busy";
  Result b = RunToml(s, busy);
  Result w = RunToml(s);
  EXPECT_EQ(b.trace.summary.polls, 31);  // t = 0..30 ms, one poll per 1 ms tick
  EXPECT_EQ(b.trace.summary.wakes, 0);
  EXPECT_EQ(w.trace.summary.polls, 2);   // first poll, then one after the disk's wake
  EXPECT_EQ(w.trace.summary.wakes, 1);
  EXPECT_EQ(b.trace.summary.end_time_ms, 30);
  EXPECT_EQ(w.trace.summary.end_time_ms, 30);
}

TEST(Runtime, ZeroLatencyMeansReadyInTheSamePoll) {
  Result r = RunToml(Script("async fn main() {\n  let a = async_read_file(\"foo.txt\").await;\n"
                            "  let b = async_read_file(\"bar.txt\").await;\n  println!(\"{}{}\", a, b);\n}\n") +
                     "[files.\"foo.txt\"]\ncontents = \"Hello\"\nread_latency_ms = 0\n"
                     "[files.\"bar.txt\"]\ncontents = \" World\"\nread_latency_ms = 0\n");
  EXPECT_EQ(r.trace.summary.polls, 1);
  EXPECT_EQ(r.trace.summary.pending, 0);
  EXPECT_EQ(r.trace.summary.wakes, 0);
  EXPECT_EQ(r.trace.summary.output, "Hello World\n");
}

TEST(Runtime, TimerFutureStartsAtConstructionSleepAtFirstPoll) {
  Result r = RunToml(Script("async fn main() {\n  let t = TimerFuture::new(50ms);\n  let s = sleep(50ms);\n"
                            "  work(20ms);\n  t.await;\n  println!(\"timer\");\n  s.await;\n  println!(\"sleep\");\n}\n"));
  EXPECT_NE(r.text.find("t=50ms print task=0 \"timer\\n\""), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("t=100ms print task=0 \"sleep\\n\""), std::string::npos) << r.text;
}

TEST(Runtime, DuplicateWakeOfAFinishedTaskIsSkipped) {
  Result r = RunToml(Script("async fn main() {\n  join(sleep(10ms), sleep(10ms)).await;\n}\n"));
  EXPECT_EQ(r.trace.summary.wakes, 2);
  EXPECT_EQ(r.trace.summary.polls, 2);
  EXPECT_NE(r.text.find("task 0 is already finished: its stale wake-up is skipped"), std::string::npos);
}

TEST(Runtime, LiveKeystrokesAreRecordedAndReplayed) {
  std::string s = "title = \"t\"\nscript = '''\nasync fn main() {\n  let mut k = ScancodeStream::new();\n"
                  "  let c = k.next().await;\n  println!(\"{:?}\", c);\n}\n'''\n";
  RunOptions o;
  o.injected.push_back({25, 0x23, true});
  Result r = RunToml(s, o);
  EXPECT_NE(r.text.find("t=25ms inject device=keyboard scancode=0x23"), std::string::npos) << r.text;
  EXPECT_EQ(r.trace.summary.output, "Some(35)\n");
  ASSERT_EQ(r.trace.injected.size(), 1u);
}

TEST(Runtime, StatesForgetWhatTheLoweringDidNotSave) {
  // If the lowering dropped a value that is needed after an await, the run would fault with
  // "was read but holds no value": every shipped scenario runs clean, so here we only check that
  // a value defined before and used after an await survives.
  Result r = RunToml(Script("async fn main() {\n  let x = 41;\n  sleep(1ms).await;\n  println!(\"{}\", x + 1);\n}\n"));
  EXPECT_EQ(r.trace.summary.output, "42\n");
  EXPECT_EQ(Last(r.trace).a, 0);
}

}  // namespace
}  // namespace aws
