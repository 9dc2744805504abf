// A plain `fn main()`, emulated threads and the library's blocking calls: deadlocks end the run
// with who waits on what, and runaway programs hit the run's budgets with a message.
#include <gtest/gtest.h>

#include "awaitscope/runtime.h"
#include "awaitscope/scenario.h"
#include "awaitscope/trace_io.h"

namespace aws {
namespace {

struct Result {
  Trace trace;
  std::string text;
};

Result RunPlain(const std::string& script) {
  Diagnostics d;
  auto s = LoadScenarioText("t.toml", "title = \"t\"\nscript = '''\n" + script + "'''\n", d);
  EXPECT_TRUE(s) << d.Render();
  Result r;
  if (!s) return r;
  auto p = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  r.trace = RunScenario(*p, *s, {}, d);
  r.text = TraceToText(r.trace, p.get());
  return r;
}

int EndReason(const Result& r) { return static_cast<int>(r.trace.events.back().a); }
std::string EndWhy(const Result& r) { return std::string(r.trace.Payload(r.trace.events.back())); }

TEST(PlainMain, RunsOnTheCoreAndOnlyWorkTakesTime) {
  Result r = RunPlain("fn main() {\n  let mut n = 0;\n  for i in 0..1000 { n += i; }\n  work(7ms);\n"
                      "  println!(\"{}\", n);\n}\n");
  EXPECT_EQ(r.trace.summary.output, "499500\n");
  EXPECT_EQ(r.trace.summary.end_time_ms, 7);
  EXPECT_EQ(EndReason(r), 0);
  EXPECT_NE(r.text.find("t=7ms print task=none \"499500\\n\""), std::string::npos) << r.text;
}

TEST(PlainMain, AnEndlessLoopHitsTheStatementBudget) {
  Result r = RunPlain("fn main() {\n  let mut n: u64 = 0;\n  loop { n = n + 1; }\n}\n");
  EXPECT_EQ(EndReason(r), 1);
  EXPECT_EQ(EndWhy(r), "thread 'main' ran 2000000 statements without virtual time passing (an endless loop?): plain "
                       "code takes no time, only `work`, blocking calls and `hlt()` do");
}

// A loop over several lines steps onto each line every time round (executor code's line steps,
// trace.h ExecLine): with a step budget smaller than the statement budget, it runs out of steps
// first, and the run says why as it does for statements.
TEST(PlainMain, AnEndlessLoopOverSeveralLinesRunsOutOfSteps) {
  Diagnostics d;
  auto s = LoadScenarioText("t.toml",
                            "title = \"t\"\nstep_budget = 1000\nscript = '''\nfn main() {\n  let mut n: u64 = 0;\n"
                            "  loop {\n    n = n + 1;\n    n = n * 1;\n  }\n}\n'''\n",
                            d);
  ASSERT_TRUE(s) << d.Render();
  auto p = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  Trace t = RunScenario(*p, *s, {}, d);
  ASSERT_FALSE(t.events.empty());
  EXPECT_EQ(t.events.back().a, 1);  // faulted
  EXPECT_EQ(t.Payload(t.events.back()),
            "thread 'main' ran executor code for 1000 steps without virtual time passing (an endless loop?): plain "
            "code takes no time, only `work`, blocking calls and `hlt()` do");
  EXPECT_NE(d.Render().find("t.toml:7:9: error: thread 'main' ran executor code for 1000 steps"), std::string::npos)
      << d.Render();
}

TEST(PlainMain, SpawnHasNoExecutor) {
  Result r = RunPlain("async fn job() {}\nfn main() {\n  spawn(job());\n}\n");
  EXPECT_EQ(EndReason(r), 1);
  EXPECT_NE(EndWhy(r).find("a program with a plain `fn main()` has none"), std::string::npos) << EndWhy(r);
}

TEST(PlainMain, APanicNamesTheMainThread) {
  Result r = RunPlain("fn main() {\n  let v: Vec<u32> = Vec::new();\n  v.get(3).unwrap();\n}\n");
  EXPECT_EQ(EndWhy(r), "thread 'main' panicked: called `Option::unwrap()` on a `None` value");
}

TEST(Threads, RecvOnAnEmptyChannelWithALiveSenderIsADeadlock) {
  Result r = RunPlain("use std::sync::mpsc::sync_channel;\nfn main() {\n  let (tx, rx) = sync_channel(1);\n"
                      "  tx.send(1).unwrap();\n  println!(\"{:?}\", rx.recv());\n  println!(\"{:?}\", rx.recv());\n}\n");
  EXPECT_EQ(r.trace.summary.output, "Ok(1)\n");
  EXPECT_EQ(EndReason(r), 1);
  EXPECT_EQ(EndWhy(r), "deadlock: every thread is blocked and nothing can wake one (main waits in `recv()` on "
                       "channel#0 (empty, 1 sender alive))");
}

TEST(Threads, LockOrderInversionIsADeadlockNamingBothThreads) {
  Result r = RunPlain(
      "use std::sync::{Arc, Mutex};\nuse std::thread;\nfn main() {\n  let a = Arc::new(Mutex::new(0));\n"
      "  let b = Arc::new(Mutex::new(0));\n  let (a2, b2) = (Arc::clone(&a), Arc::clone(&b));\n"
      "  let other = thread::spawn(move || {\n    let _x = b2.lock().unwrap();\n    thread::sleep(1ms);\n"
      "    let _y = a2.lock().unwrap();\n  });\n  let _x = a.lock().unwrap();\n  thread::sleep(1ms);\n"
      "  let _y = b.lock().unwrap();\n  other.join().unwrap();\n}\n");
  EXPECT_EQ(EndReason(r), 1);
  EXPECT_EQ(EndWhy(r), "deadlock: every thread is blocked and nothing can wake one (main waits in `lock()` on the "
                       "mutex at b; thread#1 waits in `lock()` on the mutex at a2)");
  EXPECT_EQ(r.trace.summary.end_time_ms, 1);
}

TEST(Threads, ThreadsSpawningThreadsWithoutEndHitTheLimit) {
  Result r = RunPlain("use std::thread;\nfn grow(n: u32) {\n  let h = thread::spawn(move || grow(n + 1));\n"
                      "  h.join().unwrap();\n}\nfn main() {\n  grow(0);\n}\n");
  EXPECT_EQ(EndReason(r), 1);
  EXPECT_EQ(EndWhy(r), "more than 64 threads alive at once (threads spawning threads without end?)");
}

TEST(Threads, AChannelFedWithoutEndHitsABudget) {
  Result r = RunPlain("use std::sync::mpsc::channel;\nfn main() {\n  let (tx, rx) = channel();\n"
                      "  loop { tx.send(1u8).unwrap(); }\n}\n");
  EXPECT_EQ(EndReason(r), 1);
  EXPECT_NE(EndWhy(r).find("without virtual time passing"), std::string::npos) << EndWhy(r);
}

TEST(Threads, SleepingThreadsWakeInTimeOrderAndJoinGivesTheirResults) {
  Result r = RunPlain(
      "use std::thread;\nfn main() {\n  let a = thread::spawn(move || { thread::sleep(30ms); println!(\"a\"); 1 });\n"
      "  let b = thread::spawn(move || { thread::sleep(10ms); println!(\"b\"); 2 });\n"
      "  let total = a.join().unwrap() + b.join().unwrap();\n  println!(\"{}\", total);\n}\n");
  EXPECT_EQ(r.trace.summary.output, "b\na\n3\n");
  EXPECT_EQ(r.trace.summary.end_time_ms, 30);
  EXPECT_EQ(EndReason(r), 0);
}

TEST(Threads, HltWithNothingToComeHaltsForGood) {
  Result r = RunPlain("use x86_64::instructions::hlt;\nfn main() {\n  println!(\"idle\");\n  hlt();\n"
                      "  println!(\"never\");\n}\n");
  EXPECT_EQ(r.trace.summary.output, "idle\n");
  EXPECT_EQ(EndReason(r), 0);
  EXPECT_NE(r.text.find("the CPU halts for good: no interrupt will ever come"), std::string::npos) << r.text;
}

TEST(Threads, HltWithInterruptsDisabledIsADeadlock) {
  Result r = RunPlain("use x86_64::instructions::{hlt, interrupts};\nfn main() {\n  interrupts::disable();\n  hlt();\n}\n");
  EXPECT_EQ(EndReason(r), 1);
  EXPECT_EQ(EndWhy(r), "deadlock: `hlt` with interrupts disabled: no interrupt can wake the core (use `enable_and_hlt`)");
}

TEST(Threads, AsyncMainIsUnchanged) {
  Result r = RunPlain("async fn main() {\n  sleep(5ms).await;\n  println!(\"x\");\n}\n");
  EXPECT_EQ(r.trace.summary.output, "x\n");
  EXPECT_EQ(r.trace.summary.end_time_ms, 5);
  EXPECT_EQ(r.trace.summary.polls, 2);
}

}  // namespace
}  // namespace aws
