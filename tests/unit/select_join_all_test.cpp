// tokio's select! (the losing branches' futures dropped, shown as a cancellation) and
// futures::future::join_all (outputs in the vector's order), at the level of the trace.
#include <gtest/gtest.h>

#include "awaitscope/checker.h"
#include "awaitscope/executor_kind.h"
#include "awaitscope/runtime.h"
#include "awaitscope/trace_io.h"
#include "awaitscope/world.h"

namespace aws {
namespace {

// The run's trace and its text.
struct ScriptRun {
  Trace trace;
  std::string text;
};

ScriptRun RunScript(const std::string& script) {
  Diagnostics d;
  auto s = LoadScenarioText("t.toml", "title = \"t\"\nscript = '''\n" + script + "'''\n", d);
  EXPECT_TRUE(s) << d.Render();
  if (!s) return {};
  auto p = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  if (d.HasErrors()) return {};
  ScriptRun r{RunScenario(*p, *s, {}, d), ""};
  r.text = TraceToText(r.trace, p.get());
  return r;
}

std::string RunText(const std::string& script) { return RunScript(script).text; }

std::string CheckErrors(const std::string& text) {
  Diagnostics d;
  CheckScript(std::make_unique<SourceFile>("t.rs", text), {}, d);
  return d.Headlines();
}

// The lines of `text` that start with `prefix` (e.g. "t=3ms diagnostic").
std::string Lines(const std::string& text, const std::string& prefix) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(at, nl - at);
    if (line.rfind(prefix, 0) == 0) out += line + "\n";
    at = nl + 1;
  }
  return out;
}

constexpr const char* kRace =
    "async fn main() {\n"
    "    let slow = async {\n"
    "        sleep(Duration::from_millis(20)).await;\n"
    "        println!(\"never\");\n"
    "        1\n"
    "    };\n"
    "    let quick = async {\n"
    "        sleep(Duration::from_millis(3)).await;\n"
    "        2\n"
    "    };\n"
    "    let w = tokio::select! {\n"
    "        a = slow => a,\n"
    "        b = quick => b * 10,\n"
    "    };\n"
    "    println!(\"{}\", w);\n"
    "}\n";

TEST(Select, TheFirstReadyBranchWinsAndTheOtherIsDroppedMidAwait) {
  std::string t = RunText(kRace);
  // both branches are polled on the first poll (in the written order)
  EXPECT_EQ(Lines(t, "t=0ms device_start"),
            "t=0ms device_start device=timer request=1 due=20ms sleep(20ms)\n"
            "t=0ms device_start device=timer request=2 due=3ms sleep(3ms)\n");
  // at 3 ms the quick branch is ready: the slow one is dropped in its state, its timer abandoned
  EXPECT_EQ(Lines(t, "t=3ms diagnostic"),
            "t=3ms diagnostic task=0 note: select!: branch 2 (main::{async block#1}#2) is ready first; the other "
            "branches are cancelled: their futures are dropped (main::{async block#0}#1)\n"
            "t=3ms diagnostic task=0 note: drop main::{async block#0}#1 in state WaitingOnSleep: its saved fields "
            "go: sleep_future\n"
            "t=3ms diagnostic task=0 note: drop sleep(20ms)#4: request #1 (sleep(20ms), due at 20 ms) is abandoned; "
            "the device still finishes it, but the waker W0 it stored is gone with the future\n");
  EXPECT_EQ(Lines(t, "t=3ms print"), "t=3ms print task=0 \"20\\n\"\n");
  // the abandoned timer still fires at 20 ms, but wakes nobody and the dropped branch never prints
  EXPECT_EQ(Lines(t, "t=20ms"),
            "t=20ms resume\n"
            "t=20ms interrupt device=timer\n"
            "t=20ms device_complete device=timer request=1 -> ()\n"
            "t=20ms diagnostic note: request #1 (sleep(20ms)) is done, but its future was dropped: nothing waits for "
            "it, the result is thrown away\n"
            "t=20ms run_end reason=finished\n");
  EXPECT_EQ(t.find("never"), std::string::npos);
  EXPECT_NE(t.find("summary: polls=2 pending=1 ready=1 wakes=1 end_time=3ms end=finished output=\"20\\n\""),
            std::string::npos)
      << t;
}

// The select! future's output is shown as tokio's expansion returns it (`Out::_1(v)`: the second
// branch won with v), and the world marks the loser's timer request abandoned, with no waker left
// in it, until the timer finishes it.
TEST(Select, TheOutputNamesTheWinningBranchAndTheLosersRequestIsAbandoned) {
  ScriptRun r = RunScript(kRace);
  EXPECT_EQ(Lines(r.text, "t=3ms poll_end task=0 future=select"), "t=3ms poll_end task=0 future=select#3 depth=1 -> Ready(Out::_1(2))\n");
  int64_t drop = -1, done = -1;
  for (size_t i = 0; i < r.trace.events.size(); ++i) {
    const Event& e = r.trace.events[i];
    if (e.kind == EventKind::Diagnostic && r.trace.Payload(e).rfind("drop sleep(20ms)", 0) == 0) drop = static_cast<int64_t>(i);
    if (e.kind == EventKind::DeviceComplete && e.a == 1) done = static_cast<int64_t>(i);
  }
  ASSERT_GE(drop, 0);
  ASSERT_GT(done, drop);
  const WorldState before = FoldTrace(r.trace, drop - 1), after = FoldTrace(r.trace, drop);
  auto timer = [](const WorldState& w) -> const RequestView* {
    for (const RequestView& q : w.requests)
      if (q.id == 1) return &q;
    return nullptr;
  };
  ASSERT_NE(timer(before), nullptr);
  ASSERT_NE(timer(after), nullptr);
  EXPECT_FALSE(timer(before)->abandoned);
  EXPECT_TRUE(before.leaf_waker.count(timer(before)->obj) == 1);
  EXPECT_TRUE(timer(after)->abandoned);
  EXPECT_FALSE(after.leaf_waker.count(timer(after)->obj) == 1);
  EXPECT_EQ(timer(FoldTrace(r.trace, done)), nullptr);
}

TEST(Select, ABranchReadyAtOnceWinsBeforeTheLaterOnesArePolled) {
  std::string t = RunText(
      "use tokio::select;\n"
      "async fn main() {\n"
      "    let m = select! {\n"
      "        biased;\n"
      "        v = ready(7) => v * 2,\n"
      "        _ = sleep(Duration::from_millis(1)) => 0,\n"
      "    };\n"
      "    println!(\"{}\", m);\n"
      "}\n");
  EXPECT_EQ(Lines(t, "t=0ms diagnostic"),
            "t=0ms diagnostic task=0 note: select!: branch 1 (ready(7)#1) is ready first; the other branches are "
            "cancelled: their futures are dropped (sleep(1ms)#2)\n"
            "t=0ms diagnostic task=0 note: drop sleep(1ms)#2\n");
  EXPECT_EQ(t.find("device_start"), std::string::npos);  // the timer never started
  EXPECT_NE(t.find("t=0ms print task=0 \"14\\n\""), std::string::npos) << t;
}

TEST(Select, UnsupportedFormsAreErrorsThatSayWhatToWrite) {
  EXPECT_EQ(CheckErrors("async fn main() {\n  let x = select! { a = ready(1) => a, b = ready(2) => b };\n}\n"),
            "t.rs:2:11: error: cannot find macro `select` in this scope: add `use tokio::select;` or write "
            "`tokio::select!`\n");
  EXPECT_EQ(CheckErrors("async fn main() {\n  let x = futures::select! { a = ready(1) => a, b = ready(2) => b };\n}\n"),
            "t.rs:2:11: error: `futures::select!` (with `.fuse()` and `FusedFuture`) is not supported: write tokio's "
            "`tokio::select!`, which takes the futures as they are\n");
  EXPECT_EQ(CheckErrors("async fn main() {\n  let x = tokio::select! { a = ready(1) => a, else => 0 };\n}\n"),
            "t.rs:2:47: error: `select!`'s `else` branch is not supported: every branch must be a future\n");
  EXPECT_EQ(CheckErrors("async fn main() {\n  let x = tokio::select! { Some(a) = ready(Some(1)) => a, b = ready(2) "
                        "=> b };\n}\n"),
            "t.rs:2:28: error: a `select!` branch's pattern must always match here (a name, `_` or a tuple of those): "
            "branches disabled by a pattern that does not match are not supported\n");
}

TEST(JoinAll, OutputsComeInTheVectorsOrderNotInTheOrderTheyFinished) {
  std::string t = RunText(
      "use futures::future::join_all;\n"
      "async fn wait_then(ms: u64, v: u64) -> u64 {\n"
      "    sleep(Duration::from_millis(ms)).await;\n"
      "    println!(\"done {}\", v);\n"
      "    v\n"
      "}\n"
      "async fn main() {\n"
      "    let futs = vec![wait_then(30, 1), wait_then(10, 2), wait_then(20, 3)];\n"
      "    let outs = join_all(futs).await;\n"
      "    println!(\"{:?}\", outs);\n"
      "}\n");
  EXPECT_EQ(Lines(t, "t=0ms device_start"),
            "t=0ms device_start device=timer request=1 due=30ms sleep(30ms)\n"
            "t=0ms device_start device=timer request=2 due=10ms sleep(10ms)\n"
            "t=0ms device_start device=timer request=3 due=20ms sleep(20ms)\n");
  EXPECT_NE(t.find("summary: polls=4 pending=3 ready=1 wakes=3 end_time=30ms end=finished output=\"done 2\\ndone "
                   "3\\ndone 1\\n[1, 2, 3]\\n\""),
            std::string::npos)
      << t;
}

}  // namespace
}  // namespace aws
