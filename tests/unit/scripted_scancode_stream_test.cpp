// The blog's keyboard module written in the script (scenarios/scripted_scancode_stream.rs): its
// twin test against the built-in scancode stream of keyboard_hi, the scancode queue's warnings,
// a poll_next that forgets to register the waker, and the language pieces it needs (module-level
// statics made once, OnceCell, AtomicWaker, AtomicU64, `impl Stream`, `extern crate`, `flush`).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "awaitscope/runtime.h"
#include "awaitscope/scenario.h"
#include "awaitscope/trace_io.h"

namespace aws {
namespace {

const std::string kDir = std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios/";

struct StreamRun {
  std::unique_ptr<Program> program;
  Trace trace;
  std::string text;  // the trace as text, without the memory lines
  std::string diags;
};

StreamRun RunScenarioFile(const std::string& id) {
  Diagnostics d;
  StreamRun r;
  auto s = LoadScenario(kDir + id + ".toml", d);
  EXPECT_TRUE(s) << d.Render();
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

StreamRun RunScript(const std::string& script, const std::string& extra = "") {
  Diagnostics d;
  StreamRun r;
  std::string toml = "title = \"t\"\nexecutor = \"waker\"\n" + extra + "script = '''\n" + script + "'''\n";
  auto s = LoadScenarioText("t.toml", toml, d);
  EXPECT_TRUE(s) << d.Render();
  if (!s) return r;
  r.program = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  r.diags = d.Render();
  if (d.HasErrors()) return r;
  r.trace = RunScenario(*r.program, *s, {}, d);
  for (const Event& e : r.trace.events)
    if (e.kind < EventKind::MemAlloc) r.text += EventText(r.trace, e, r.program.get()) + "\n";
  r.diags = d.Render();
  return r;
}

// The poll and wake events as (time, kind, task), which the two runs must share.
std::vector<std::string> PollsAndWakes(const Trace& t) {
  std::vector<std::string> out;
  for (const Event& e : t.events)
    if (e.kind == EventKind::PollBegin || e.kind == EventKind::WakerWake)
      if (e.kind != EventKind::PollBegin || e.a == 0)
        out.push_back(std::to_string(e.t_ms) + (e.kind == EventKind::PollBegin ? " poll " : " wake ") +
                      std::to_string(e.task));
  return out;
}

TEST(ScriptedScancodeStream, TwinAgreesWithTheBuiltInScancodeStream) {
  StreamRun built_in = RunScenarioFile("keyboard_hi");
  StreamRun scripted = RunScenarioFile("scripted_scancode_stream");
  ASSERT_FALSE(built_in.text.empty());
  ASSERT_FALSE(scripted.text.empty()) << scripted.diags;
  const TraceSummary& a = built_in.trace.summary;
  const TraceSummary& b = scripted.trace.summary;
  EXPECT_EQ(b.output, "async number: 42\nhi");
  EXPECT_EQ(a.output, b.output);
  EXPECT_EQ(a.polls, b.polls);
  EXPECT_EQ(a.pending, b.pending);
  EXPECT_EQ(a.ready, b.ready);
  EXPECT_EQ(a.wakes, b.wakes);
  EXPECT_EQ(a.end_time_ms, b.end_time_ms);
  EXPECT_EQ(a.end_reason, b.end_reason);
  EXPECT_EQ(b.wakes, 4);
  EXPECT_EQ(PollsAndWakes(built_in.trace), PollsAndWakes(scripted.trace));
  // The end names the task that waits, and nothing more: the AtomicWaker holds its waker.
  EXPECT_NE(scripted.text.find("t=350ms diagnostic note: the CPU halts for good: task(s) 1 wait for something that "
                               "will never come\nt=350ms run_end reason=finished\n"),
            std::string::npos)
      << scripted.text;
}

// `WAKER.register` is recorded as a device's registration, `WAKER.wake()` in the interrupt
// handler as the keyboard's wake of that waker.
TEST(ScriptedScancodeStream, RegisterAndWakeAreTheBuiltInWakerEvents) {
  StreamRun r = RunScenarioFile("scripted_scancode_stream");
  EXPECT_NE(r.text.find("register waker=W1 future=scancodes.next()"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("t=100ms wake task=1 waker=W1 by=keyboard\n"), std::string::npos) << r.text;
}

TEST(ScancodeQueue, AKeyBeforeTheFirstPollIsDroppedWithAWarning) {
  StreamRun r = RunScenarioFile("scancode_queue_early_key");
  EXPECT_EQ(r.trace.summary.output,
            "boot: 50 ms of work before the keyboard task runs\n"
            "WARNING: scancode queue uninitialized\n"
            "WARNING: scancode queue uninitialized\n"
            "i");
}

TEST(ScancodeQueue, AFullQueueDropsTheScancodeWithoutAWake) {
  StreamRun r = RunScenarioFile("scancode_queue_full");
  const std::string& out = r.trace.summary.output;
  EXPECT_EQ(out, "hog: 300 ms of work, keys keep coming\n"
                 "WARNING: scancode queue full; dropping keyboard input\n"
                 "WARNING: scancode queue full; dropping keyboard input\n"
                 "hog: done\n" + std::string(50, 'h'));
  // One wake only: the first push's. The other pushes find the waker taken.
  EXPECT_EQ(r.trace.summary.wakes, 1);
}

TEST(ScriptedScancodeStream, ForgettingToRegisterNamesTheTaskThatWaitsForever) {
  StreamRun r = RunScenarioFile("scripted_scancode_stream_no_register");
  EXPECT_EQ(r.trace.summary.output, "async number: 42\n");
  EXPECT_EQ(r.trace.summary.wakes, 0);
  EXPECT_NE(r.text.find("diagnostic note: the CPU halts for good: task(s) 1 wait for something that will never come\n"),
            std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("diagnostic warning: task 1 waits forever: `scancodes.next()` returned Poll::Pending without "
                        "waking its waker or storing it where something will wake it\n"),
            std::string::npos)
      << r.text;
}

// A module-level static is made once, on first use; `TaskId::new` counts with a static AtomicU64.
TEST(ScriptStatics, AStaticIsMadeOnceAndAnAtomicCounts) {
  StreamRun r = RunScript(R"(
use core::sync::atomic::{AtomicU64, Ordering};
use std::io::Write;

static NEXT_ID: AtomicU64 = AtomicU64::new(0);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct TaskId(u64);

impl TaskId {
    fn new() -> TaskId {
        TaskId(NEXT_ID.fetch_add(1, Ordering::Relaxed))
    }
}

async fn main() {
    let a = TaskId::new();
    let b = TaskId::new();
    print!("{:?} {:?} ", a, b);
    std::io::stdout().flush().unwrap();
    println!("next: {}", NEXT_ID.load(Ordering::Relaxed));
}
)");
  EXPECT_EQ(r.trace.summary.output, "TaskId(0) TaskId(1) next: 2\n") << r.diags;
}

TEST(ScriptStatics, OnceCellInitializesOnceAndReportsTheSecondTry) {
  StreamRun r = RunScript(R"(
extern crate alloc;
use conquer_once::spin::OnceCell;

static CELL: OnceCell<u32> = OnceCell::uninit();

async fn main() {
    println!("{}", CELL.try_get().is_err());
    println!("{}", CELL.try_init_once(|| 7).is_ok());
    println!("{}", CELL.try_init_once(|| 8).is_ok());
    println!("{}", CELL.try_get().unwrap());
}
)");
  EXPECT_EQ(r.trace.summary.output, "true\ntrue\nfalse\n7\n") << r.diags;
}

TEST(ScriptStatics, AStaticIsNotAFunction) {
  StreamRun r = RunScript("static N: u64 = 3;\nasync fn main() { let x = N(); }\n");
  EXPECT_NE(r.diags.find("error[E0618]: expected function, found static `N`"), std::string::npos) << r.diags;
}

TEST(ScriptStreams, PollNextMustHaveTheTraitsSignature) {
  StreamRun r = RunScript(R"(
use futures_util::stream::Stream;
struct S { n: u8 }
impl Stream for S {
    type Item = u8;
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context) -> Poll<Option<u32>> {
        Poll::Pending
    }
}
async fn main() {}
)");
  EXPECT_NE(r.diags.find("error[E0053]: method `poll_next` has an incompatible type for trait: expected "
                         "`Poll<Option<u8>>`, found `Poll<Option<u32>>`"),
            std::string::npos)
      << r.diags;
}

}  // namespace
}  // namespace aws
