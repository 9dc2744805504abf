// Hand-written futures (`impl Future for X`) and the task API from script code: the trace lines
// their polls and waker operations make, and what the world fold shows from them.
#include <gtest/gtest.h>

#include "awaitscope/runtime.h"
#include "awaitscope/trace_io.h"
#include "awaitscope/world.h"

namespace aws {
namespace {

// A future that stores a clone of its waker, wakes itself once, and is Ready at its second poll
// (dropping the stored waker).
const char* kStoresWaker = R"(use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct YieldOnce {
    waker: Option<Waker>,
}

impl Future for YieldOnce {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if let Some(w) = self.waker.take() {
            drop(w);
            return Poll::Ready(7);
        }
        self.waker = Some(cx.waker().clone());
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

async fn main() {
    let v = YieldOnce { waker: None }.await;
    println!("{v}");
}
)";

struct ScriptRun {
  std::unique_ptr<Program> program;
  Trace trace;
  std::string text;
  std::string diags;
};

ScriptRun RunScript(const std::string& script, const std::string& executor) {
  Diagnostics d;
  std::string toml = "title = \"t\"\nexecutor = \"" + executor + "\"\nscript = '''\n" + script + "'''\n";
  auto s = LoadScenarioText("t.toml", toml, d);
  EXPECT_TRUE(s) << d.Render();
  ScriptRun r;
  if (!s) return r;
  r.program = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  r.trace = RunScenario(*r.program, *s, {}, d);
  for (const Event& e : r.trace.events)
    if (e.kind < EventKind::MemAlloc) r.text += EventText(r.trace, e, r.program.get()) + "\n";
  r.diags = d.Render();
  return r;
}

TEST(HandWrittenFuture, WakerOperationsMakeTheExecutorsOwnEvents) {
  ScriptRun r = RunScript(kStoresWaker, "waker");
  EXPECT_NE(r.text.find("t=0ms poll_begin task=0 future=YieldOnce#1 depth=1\n"
                        "t=0ms waker_clone waker=W1 from=W0\n"
                        "t=0ms register waker=W1 future=YieldOnce#1\n"
                        "t=0ms wake task=0 waker=W0 by=self\n"
                        "t=0ms queue_push task=0 len=1\n"
                        "t=0ms poll_end task=0 future=YieldOnce#1 depth=1 -> Pending\n"),
            std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("t=0ms poll_begin task=0 future=YieldOnce#1 depth=1\n"
                        "t=0ms waker_drop waker=W1\n"
                        "t=0ms poll_end task=0 future=YieldOnce#1 depth=1 -> Ready(7)\n"),
            std::string::npos)
      << r.text;
  EXPECT_EQ(r.trace.summary.output, "7\n");
  EXPECT_EQ(r.trace.summary.wakes, 1);
  EXPECT_EQ(r.trace.summary.polls, 2);
}

TEST(HandWrittenFuture, TheWorldSeesTheStoredWakerAndTheWokenTask) {
  ScriptRun r = RunScript(kStoresWaker, "waker");
  int64_t pending = -1, ready = -1;
  for (size_t i = 0; i < r.trace.events.size(); ++i) {
    const Event& e = r.trace.events[i];
    if (e.kind == EventKind::PollEnd && e.a == 1) (e.b ? ready : pending) = static_cast<int64_t>(i);
  }
  ASSERT_GE(pending, 0);
  ASSERT_GT(ready, pending);
  WorldState at_pending = FoldTrace(r.trace, pending);
  EXPECT_EQ(at_pending.live_wakers, (std::vector<int>{0, 1}));  // the executor's W0 and the stored clone W1
  EXPECT_EQ(at_pending.queue, (std::vector<int>{0}));            // woken by wake_by_ref
  WorldState at_ready = FoldTrace(r.trace, ready);
  EXPECT_EQ(at_ready.live_wakers, (std::vector<int>{0}));       // drop(w) dropped W1
}

TEST(HandWrittenFuture, TheSimpleExecutorsDummyWakerMakesTheWakeANoOp) {
  ScriptRun r = RunScript(kStoresWaker, "simple");
  EXPECT_NE(r.text.find("t=0ms waker_clone waker=W1 from=W0\n"
                        "t=0ms register waker=W1 future=YieldOnce#1\n"
                        "t=0ms wake task=none waker=W0 by=self no-op\n"),
            std::string::npos)
      << r.text;
  EXPECT_EQ(r.trace.summary.output, "7\n");
}

TEST(HandWrittenFuture, PendingWithoutAWakeSaysWhichTaskWaitsForever) {
  const char* script = R"(use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Stuck {
    polls: u32,
}

impl Future for Stuck {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        self.polls += 1;
        Poll::Pending
    }
}

async fn main() {
    Stuck { polls: 0 }.await;
}
)";
  ScriptRun w = RunScript(script, "waker");
  EXPECT_NE(w.text.find("diagnostic warning: task 0 waits forever: `Stuck` returned Poll::Pending without waking its "
                        "waker or storing it where something will wake it\n"),
            std::string::npos)
      << w.text;
  ScriptRun c = RunScript(script, "channel");
  EXPECT_EQ(c.trace.Payload(c.trace.events.back()),
            "no task can ever run again: every task waits and nothing can wake it; task 0 waits forever: `Stuck` "
            "returned Poll::Pending without waking its waker or storing it where something will wake it");
}

TEST(HandWrittenFuture, RunsOnEveryExecutorAsTaskAndInsideJoin) {
  const char* script = R"(use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Countdown {
    n: u32,
}

impl Future for Countdown {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if self.n == 0 {
            return Poll::Ready(9);
        }
        self.n -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

async fn main() {
    spawn(Countdown { n: 2 });
    let (a, b) = join(Countdown { n: 1 }, Countdown { n: 3 }).await;
    println!("{a} {b}");
}
)";
  for (const char* ex : {"busy", "simple", "waker", "channel"}) {
    ScriptRun r = RunScript(script, ex);
    EXPECT_EQ(r.trace.summary.output, "9 9\n") << ex;
    EXPECT_EQ(r.trace.summary.end_reason, 0) << ex;
    EXPECT_NE(r.text.find("task_done task=1 -> 9"), std::string::npos) << ex << "\n" << r.text;
  }
}

}  // namespace
}  // namespace aws
