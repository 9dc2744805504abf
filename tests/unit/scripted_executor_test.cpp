// Executors written in the script (a plain `fn main` that polls tasks itself): the trace events
// their wakers, polls and queues make, and the twin test against the built-in executors.
#include <gtest/gtest.h>

#include "awaitscope/runtime.h"
#include "awaitscope/trace_io.h"

namespace aws {
namespace {

struct ScriptRun {
  std::unique_ptr<Program> program;
  Trace trace;
  std::string text;
  std::string diags;
};

ScriptRun RunScript(const std::string& script, const std::string& executor, const std::string& spawn = "") {
  Diagnostics d;
  std::string toml = "title = \"t\"\nexecutor = \"" + executor + "\"\n" + spawn + "script = '''\n" + script + "'''\n";
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

// The tasks of the twin test: one Ready at its first poll, one that waits for a lazy timer and
// yields (Pending several times on an executor whose wakers do nothing).
const char* kTasks = R"(
async fn async_number() -> u32 {
    42
}

async fn example_task() {
    let number = async_number().await;
    println!("async number: {}", number);
}

async fn sleeper() {
    println!("sleeping");
    sleep(Duration::from_millis(3)).await;
    yield_now().await;
    println!("awake");
}
)";

// The blog's SimpleExecutor, written in the script.
const char* kSimpleExecutor = R"(use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

struct Task {
    future: Pin<Box<dyn Future<Output = ()>>>,
}

impl Task {
    fn new(future: impl Future<Output = ()> + 'static) -> Task {
        Task { future: Box::pin(future) }
    }
    fn poll(&mut self, context: &mut Context) -> Poll<()> {
        self.future.as_mut().poll(context)
    }
}

struct SimpleExecutor {
    task_queue: VecDeque<Task>,
}

impl SimpleExecutor {
    fn new() -> SimpleExecutor {
        SimpleExecutor { task_queue: VecDeque::new() }
    }
    fn spawn(&mut self, task: Task) {
        self.task_queue.push_back(task)
    }
    fn run(&mut self) {
        while let Some(mut task) = self.task_queue.pop_front() {
            let waker = dummy_waker();
            let mut context = Context::from_waker(&waker);
            match task.poll(&mut context) {
                Poll::Ready(()) => {}
                Poll::Pending => self.task_queue.push_back(task),
            }
        }
    }
}

fn dummy_raw_waker() -> RawWaker {
    fn no_op(_: *const ()) {}
    fn clone(_: *const ()) -> RawWaker {
        dummy_raw_waker()
    }
    let vtable = &RawWakerVTable::new(clone, no_op, no_op, no_op);
    RawWaker::new(0 as *const (), vtable)
}

fn dummy_waker() -> Waker {
    unsafe { Waker::from_raw(dummy_raw_waker()) }
}
)";

const char* kSimpleMain = R"(
fn main() {
    let mut executor = SimpleExecutor::new();
    executor.spawn(Task::new(example_task()));
    executor.spawn(Task::new(sleeper()));
    executor.run();
}
)";

TEST(ScriptedExecutor, SimpleExecutorTwinAgreesWithTheBuiltInOne) {
  ScriptRun built_in = RunScript(kTasks, "simple", "spawn = [\"example_task()\", \"sleeper()\"]\n");
  ScriptRun scripted = RunScript(std::string(kSimpleExecutor) + kTasks + kSimpleMain, "simple");
  ASSERT_FALSE(built_in.text.empty());
  ASSERT_FALSE(scripted.text.empty()) << scripted.diags;
  const TraceSummary& a = built_in.trace.summary;
  const TraceSummary& b = scripted.trace.summary;
  EXPECT_EQ(b.output, "async number: 42\nsleeping\nawake\n");
  EXPECT_EQ(a.output, b.output);
  EXPECT_EQ(a.polls, b.polls);
  EXPECT_EQ(a.pending, b.pending);
  EXPECT_EQ(a.ready, b.ready);
  EXPECT_EQ(a.wakes, b.wakes);
  EXPECT_EQ(a.end_time_ms, b.end_time_ms);
  EXPECT_EQ(a.end_reason, b.end_reason);
  // The figures themselves: the sleeper is Pending at t=0, 1, 2 (the timer is due at 3), at t=3
  // (the yield), and Ready at t=4; example_task is Ready at its one poll.
  EXPECT_EQ(b.polls, 6);
  EXPECT_EQ(b.pending, 4);
  EXPECT_EQ(b.ready, 2);
  EXPECT_EQ(b.wakes, 0);  // the dummy waker's wakes reach no task
  EXPECT_EQ(b.end_time_ms, 4);
  EXPECT_EQ(built_in.trace.tasks.size(), scripted.trace.tasks.size());
}

TEST(ScriptedExecutor, TheRunLoopMakesTheBuiltInExecutorsEvents) {
  ScriptRun r = RunScript(std::string(kSimpleExecutor) + kTasks + kSimpleMain, "simple");
  std::string text;  // without the memory lines (a raw pointer turns memory tracking on)
  for (size_t at = 0; at < r.text.size();) {
    size_t end = r.text.find('\n', at);
    std::string line = r.text.substr(at, end - at + 1);
    if (line.find(" mem_") == std::string::npos) text += line;
    at = end + 1;
  }
  // Pushing a task is its spawn; each pop, dummy waker and poll is the built-in executor's event.
  EXPECT_NE(text.find("t=0ms spawn task=0 future=example_task#2 example_task\n"
                      "t=0ms queue_push task=0 len=1\n"
                      "t=0ms spawn task=1 future=sleeper#6 sleeper\n"
                      "t=0ms queue_push task=1 len=2\n"
                      "t=0ms queue_pop task=0 len=1\n"
                      "t=0ms waker_create waker=W0 task=none\n"
                      "t=0ms poll_begin task=0 future=example_task#2 depth=0\n"),
            std::string::npos)
      << text;
  // A Pending poll costs its tick when it returns, so the task is pushed back 1 ms later; the
  // dummy waker of the iteration is dropped at the end of `run`'s loop body, after the push.
  // The timer wakes the dummy waker: a no-op.
  EXPECT_NE(text.find("t=2ms poll_end task=1 future=sleeper#6 depth=0 -> Pending\n"
                      "t=3ms interrupt device=timer\n"
                      "t=3ms device_complete device=timer request=1 -> ()\n"
                      "t=3ms wake task=none waker=W3 by=timer(sleep(3ms)) no-op\n"
                      "t=3ms queue_push task=1 len=1\n"
                      "t=3ms waker_drop waker=W3\n"
                      "t=3ms queue_pop task=1 len=0\n"
                      "t=3ms waker_create waker=W4 task=none\n"
                      "t=3ms poll_begin task=1 future=sleeper#6 depth=0\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("t=4ms task_done task=1 -> ()\n"
                      "t=4ms waker_drop waker=W5\n"
                      "t=4ms run_end reason=finished\n"),
            std::string::npos)
      << text;
}

// Each waker operation calls the vtable's function on the data, in Rust's order: `clone` for a
// clone, `wake_by_ref`, `wake` (which takes the data over: no `drop` after it), and `drop` when the
// waker goes away at the end of `main`.
TEST(ScriptedExecutor, RawWakerOperationsCallTheVtableFunctions) {
  const char* script = R"(use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        println!("clone");
        raw()
    }
    fn wake(_: *const ()) {
        println!("wake");
    }
    fn wake_by_ref(_: *const ()) {
        println!("wake_by_ref");
    }
    fn drop_data(_: *const ()) {
        println!("drop");
    }
    let vtable = &RawWakerVTable::new(clone, wake, wake_by_ref, drop_data);
    RawWaker::new(0 as *const (), vtable)
}

async fn task() {
    yield_now().await;
}

fn main() {
    let waker = unsafe { Waker::from_raw(raw()) };
    let copy = waker.clone();
    copy.wake();
    let mut cx = Context::from_waker(&waker);
    let mut fut = Box::pin(task());
    while fut.as_mut().poll(&mut cx).is_pending() {
        println!("pending");
    }
}
)";
  ScriptRun r = RunScript(script, "simple");
  EXPECT_EQ(r.trace.summary.output, "clone\nwake\nwake_by_ref\npending\ndrop\n");
  EXPECT_NE(r.text.find("t=0ms waker_create waker=W0 task=none\n"
                        "t=0ms print task=none \"clone\\n\"\n"
                        "t=0ms waker_clone waker=W1 from=W0\n"
                        "t=0ms wake task=none waker=W1 by=self no-op\n"
                        "t=0ms print task=none \"wake\\n\"\n"
                        "t=0ms waker_drop waker=W1\n"),
            std::string::npos)
      << r.text;
  // yield_now wakes the context's waker (the vtable's wake_by_ref) and is Pending: 1 ms.
  EXPECT_NE(r.text.find("t=0ms wake task=none waker=W0 by=self no-op\n"
                        "t=0ms print task=0 \"wake_by_ref\\n\"\n"),
            std::string::npos)
      << r.text;
  EXPECT_EQ(r.trace.summary.polls, 2);
  EXPECT_EQ(r.trace.summary.end_time_ms, 1);
}

// `Poll::Pending` from plain code costs one tick each: a block_on loop over a future that yields
// three times ends at 3 ms, with the noop wakers of std and of the futures crate.
TEST(ScriptedExecutor, NoopWakersAndTheTickOfAPendingPlainPoll) {
  const char* script = R"(use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

async fn three() -> u32 {
    yield_now().await;
    yield_now().await;
    yield_now().await;
    3
}

fn main() {
    let waker = futures::task::noop_waker();
    let mut cx = Context::from_waker(&waker);
    let mut fut = Box::pin(three());
    let mut polls = 0;
    while fut.as_mut().poll(&mut cx).is_pending() {
        polls += 1;
    }
    let mut cx2 = Context::from_waker(Waker::noop());
    let mut again = Box::pin(three());
    while again.as_mut().poll(&mut cx2).is_pending() {
        polls += 1;
    }
    println!("{} pending polls", polls);
}
)";
  ScriptRun r = RunScript(script, "busy");
  EXPECT_EQ(r.trace.summary.output, "6 pending polls\n");
  EXPECT_EQ(r.trace.summary.polls, 8);
  EXPECT_EQ(r.trace.summary.pending, 6);
  EXPECT_EQ(r.trace.summary.end_time_ms, 6);
  EXPECT_EQ(r.trace.tasks.size(), 2u);
  EXPECT_NE(r.text.find("t=0ms waker_create waker=W0 task=none\n"
                        "t=0ms spawn task=0 future=three#"), std::string::npos) << r.text;
}

}  // namespace
}  // namespace aws

namespace aws {
namespace {

struct ScenarioRun {
  std::unique_ptr<Program> program;
  Trace trace;
};

ScenarioRun RunScenarioFile(const std::string& name) {
  Diagnostics d;
  auto s = LoadScenario(std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios/" + name, d);
  EXPECT_TRUE(s) << d.Render();
  ScenarioRun r;
  if (!s) return r;
  r.program = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  r.trace = RunScenario(*r.program, *s, {}, d);
  return r;
}

// Executor code (trace.h ExecLine): the run loop of scripted_simple_executor.rs, line by line, with
// the events each line makes. main (80-82) makes the executor (`new`, 32-33), the task
// (`Task::new`, 17-18) and spawns it (`spawn`, 36); `run` pops it (42), makes the waker (43,
// `dummy_waker` 67-68 and `dummy_raw_waker` 61-63), the context (44) and polls it (45, `Task::poll`
// 22); the task's own code makes no line steps; then the Ready arm (46), the loop's test again
// (42), the end of `run` (50, where the waker is dropped: its vtable's `no_op`, 56) and of main.
TEST(ExecutorCode, TheRunLoopStepsLineByLine) {
  ScenarioRun r = RunScenarioFile("scripted_simple_executor.toml");
  const std::string text = TraceToText(r.trace, r.program.get(), TraceTextOptions{.exec_lines = true});
  EXPECT_EQ(text, R"EXP(t=0ms exec_line fn=main depth=1 line=80
t=0ms exec_line fn=SimpleExecutor::new depth=2 line=32
t=0ms exec_line fn=SimpleExecutor::new depth=2 line=33
t=0ms mem_alloc block=0 at=0x7FFC0000 size=64 stack frame for the call of SimpleExecutor::new
t=0ms mem_free block=0 at=0x7FFC0000 size=64 the stack frame of SimpleExecutor::new is popped
t=0ms mem_alloc block=1 at=0x7FFC0040 size=56 stack frame for the call of main
t=0ms mem_move block=1 from=0x7FFC0000 to=0x7FFC0040 SimpleExecutor::new returns by value: 32 bytes copied from its frame at 0x7FFC0000 to `executor` at 0x7FFC0040
t=0ms exec_line fn=main depth=1 line=81
t=0ms mem_alloc block=2 at=0x44440000 size=2 example_task#2: ExampleTaskStateMachine in tasks (pinned by spawn), 2 bytes = its largest state WaitingOnAsyncNumber (1-byte tag + fields up to byte 2) rounded up to align 1
t=0ms exec_line fn=Task::new depth=2 line=17
t=0ms mem_alloc block=3 at=0x7FFC0078 size=32 stack frame for the call of Task::new
t=0ms mem_write block=3 at=0x7FFC0080 __ret = Task { future: 0x44440000 } at 0x7FFC0080
t=0ms exec_line fn=Task::new depth=2 line=18
t=0ms mem_free block=3 at=0x7FFC0078 size=32 the stack frame of Task::new is popped
t=0ms exec_line fn=main depth=1 line=81
t=0ms exec_line fn=SimpleExecutor::spawn depth=2 line=36
t=0ms spawn task=0 future=example_task#2 example_task
t=0ms queue_push task=0 len=1
t=0ms exec_line fn=SimpleExecutor::spawn depth=2 line=37
t=0ms exec_line fn=main depth=1 line=82
t=0ms exec_line fn=SimpleExecutor::run depth=2 line=42
t=0ms queue_pop task=0 len=0
t=0ms mem_alloc block=4 at=0x7FFC0098 size=96 stack frame for the call of SimpleExecutor::run
t=0ms mem_write block=4 at=0x7FFC00A0 task = Task { future: 0x44440000 } at 0x7FFC00A0
t=0ms exec_line fn=SimpleExecutor::run depth=2 line=43
t=0ms exec_line fn=dummy_waker depth=3 line=67
t=0ms exec_line fn=dummy_raw_waker depth=4 line=61
t=0ms mem_alloc block=5 at=0x7FFC00F8 size=64 stack frame for the call of dummy_raw_waker
t=0ms mem_write block=5 at=0x7FFC00F8 ptr=0x7FFC0110 vtable = 0x7FFC0110 (&__tmp0) at 0x7FFC00F8
t=0ms exec_line fn=dummy_raw_waker depth=4 line=62
t=0ms exec_line fn=dummy_raw_waker depth=4 line=63
t=0ms mem_alloc block=6 at=0x7FFC0138 size=64 stack frame for the call of dummy_raw_waker
t=0ms mem_free block=5 at=0x7FFC00F8 size=64 the stack frame of dummy_raw_waker is popped
t=0ms exec_line fn=dummy_waker depth=3 line=67
t=0ms waker_create waker=W0 task=none
t=0ms exec_line fn=dummy_waker depth=3 line=68
t=0ms exec_line fn=SimpleExecutor::run depth=2 line=44
t=0ms exec_line fn=SimpleExecutor::run depth=2 line=45
t=0ms exec_line fn=Task::poll depth=3 line=22
t=0ms poll_begin task=0 future=example_task#2 depth=0
t=0ms mem_alloc block=7 at=0x7FFC0178 size=1 async_number#10: AsyncNumberStateMachine in stack, 1 bytes = its largest state Start (1-byte tag + fields up to byte 1) rounded up to align 1
t=0ms transition task=0 future=example_task#2 Start -> WaitingOnAsyncNumber {async_number_future=<async_number#10 Start>}
t=0ms mem_write block=2 at=0x44440000 example_task#2 is in WaitingOnAsyncNumber (tag 1): async_number_future at 0x44440001
t=0ms poll_begin task=0 future=async_number#10 depth=1
t=0ms transition task=0 future=async_number#10 Start -> End {}
t=0ms mem_write block=7 at=0x7FFC0178 async_number#10 is in End (tag 1)
t=0ms poll_end task=0 future=async_number#10 depth=1 -> Ready(42)
t=0ms mem_alloc block=8 at=0x7FFC0180 size=8 stack frame for the locals of example_task
t=0ms print task=0 "async number: 42\n"
t=0ms transition task=0 future=example_task#2 WaitingOnAsyncNumber -> End {}
t=0ms mem_write block=2 at=0x44440000 example_task#2 is in End (tag 2)
t=0ms poll_end task=0 future=example_task#2 depth=0 -> Ready(())
t=0ms mem_free block=8 at=0x7FFC0180 size=8 the stack frame of example_task is popped
t=0ms task_done task=0 -> ()
t=0ms exec_line fn=Task::poll depth=3 line=23
t=0ms exec_line fn=SimpleExecutor::run depth=2 line=46
t=0ms waker_drop waker=W0
t=0ms exec_line fn=no_op depth=3 line=56
t=0ms exec_line fn=SimpleExecutor::run depth=2 line=42
t=0ms exec_line fn=SimpleExecutor::run depth=2 line=50
t=0ms mem_free block=4 at=0x7FFC0098 size=96 the stack frame of SimpleExecutor::run is popped
t=0ms exec_line fn=main depth=1 line=79
t=0ms exec_line fn=main depth=1 line=83
t=0ms mem_free block=1 at=0x7FFC0040 size=56 the stack frame of main is popped
t=0ms run_end reason=finished
summary: polls=1 pending=0 ready=1 wakes=0 end_time=0ms end=finished output="async number: 42\n"
)EXP");
}

// Without the option the text trace is the one the scenario's [expect] lists, and the native JSON
// trace records every step.
TEST(ExecutorCode, TheTextTraceShowsLineStepsOnlyWhenAsked) {
  ScenarioRun r = RunScenarioFile("scripted_simple_executor.toml");
  const std::string text = TraceToText(r.trace, r.program.get());
  EXPECT_EQ(text.find("exec_line"), std::string::npos) << text;
  std::string filtered;
  for (const Event& e : r.trace.events)
    if (e.kind != EventKind::ExecLine) filtered += EventText(r.trace, e, r.program.get()) + "\n";
  EXPECT_EQ(text, filtered + TraceSummaryLine(r.trace) + "\n");
  const std::string json = TraceToJson(r.trace, r.program.get(), NativeTraceSource{});
  EXPECT_NE(json.find("{\"step\":0,\"t_ms\":0,\"kind\":\"exec_line\",\"fn\":\"main\",\"frame\":0,\"depth\":1,\"line\":80}"),
            std::string::npos)
      << json.substr(0, 3000);
}

// An async main runs on a built-in executor: no executor code, no line steps.
TEST(ExecutorCode, AnAsyncMainHasNone) {
  for (const char* name : {"example.toml", "simple_executor.toml", "channel_executor.toml"}) {
    ScenarioRun r = RunScenarioFile(name);
    ASSERT_FALSE(r.trace.events.empty()) << name;
    for (const Event& e : r.trace.events) ASSERT_NE(e.kind, EventKind::ExecLine) << name;
  }
}

}  // namespace
}  // namespace aws
