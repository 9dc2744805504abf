// The blog's waker `Executor` written in the script (scenarios/scripted_waker_executor.rs): its
// twin test against the built-in `waker` executor, and the bugs students make in it (a `wake`
// that forgets to queue the id, a waker of the wrong task), named in the trace where they happen.
#include <gtest/gtest.h>

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

ScriptRun RunScript(const std::string& script, const std::string& spawn = "") {
  Diagnostics d;
  std::string toml = "title = \"t\"\nexecutor = \"waker\"\n" + spawn + "script = '''\n" + script + "'''\n";
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

// The tasks of the twin test: a file read (the disk wakes the task at 30 ms) and a 50 ms sleep
// (the timer wakes it).
const char* kTasks = R"(
async fn read_foo() {
    let content = async_read_file("foo.txt").await;
    println!("foo.txt says: {}", content);
}

async fn nap() {
    println!("nap: start");
    sleep(Duration::from_millis(50)).await;
    println!("nap: done");
}
)";

const char* kMain = R"(
fn main() {
    let mut executor = Executor::new();
    executor.spawn(Task::new(TaskId(0), read_foo()));
    executor.spawn(Task::new(TaskId(1), nap()));
    executor.run();
}
)";

// The blog's Executor with TaskWaker, as scenarios/scripted_waker_executor.rs has it.
const char* kExecutor = R"EXE(// The blog's second executor, written out in the script: tasks are kept by id, a queue holds the
// ids of the tasks that are ready, and each task has one waker that pushes its id back into that
// queue. When nothing is ready the CPU sleeps until the next interrupt.
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use crossbeam_queue::ArrayQueue;
use x86_64::instructions::interrupts::{self, enable_and_hlt};

// A task's name in the maps and the queue. Ids are handed out in `main` (the blog counts them
// with a `static AtomicU64`, which the script language does not have yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct TaskId(u64);

struct Task {
    id: TaskId,
    future: Pin<Box<dyn Future<Output = ()>>>,
}

impl Task {
    fn new(id: TaskId, future: impl Future<Output = ()> + 'static) -> Task {
        Task { id, future: Box::pin(future) }
    }

    fn poll(&mut self, context: &mut Context) -> Poll<()> {
        self.future.as_mut().poll(context)
    }
}

// What a waker holds: the id of its task and the queue to push that id into.
struct TaskWaker {
    task_id: TaskId,
    task_queue: Arc<ArrayQueue<TaskId>>,
}

impl TaskWaker {
    fn new(task_id: TaskId, task_queue: Arc<ArrayQueue<TaskId>>) -> Waker {
        Waker::from(Arc::new(TaskWaker { task_id, task_queue }))
    }

    fn wake_task(&self) {
        self.task_queue.push(self.task_id).expect("task_queue full");
    }
}

// std turns any `Arc<W: Wake>` into a Waker: waking it runs this code.
impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_task();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.wake_task();
    }
}

struct Executor {
    tasks: BTreeMap<TaskId, Task>,
    task_queue: Arc<ArrayQueue<TaskId>>,
    waker_cache: BTreeMap<TaskId, Waker>,
}

impl Executor {
    fn new() -> Executor {
        Executor {
            tasks: BTreeMap::new(),
            task_queue: Arc::new(ArrayQueue::new(100)),
            waker_cache: BTreeMap::new(),
        }
    }

    fn spawn(&mut self, task: Task) {
        let task_id = task.id;
        if self.tasks.insert(task.id, task).is_some() {
            panic!("task with same ID already in tasks");
        }
        self.task_queue.push(task_id).expect("queue full");
    }

    // Pop every ready id, poll its task with its own waker (made once, then cached), and forget
    // the task and its waker when it is done.
    fn run_ready_tasks(&mut self) {
        while let Some(task_id) = self.task_queue.pop() {
            let task = match self.tasks.get_mut(&task_id) {
                Some(task) => task,
                None => continue, // a wake-up of a task that is already done
            };
            let queue = self.task_queue.clone();
            let waker = self.waker_cache.entry(task_id).or_insert_with(|| TaskWaker::new(task_id, queue));
            let mut context = Context::from_waker(waker);
            match task.poll(&mut context) {
                Poll::Ready(()) => {
                    self.tasks.remove(&task_id);
                    self.waker_cache.remove(&task_id);
                }
                Poll::Pending => {}
            }
        }
    }

    // Interrupts off while checking: a wake-up that comes during the check waits, and
    // `enable_and_hlt` turns them on and halts in one step, so that wake-up ends the halt at once.
    fn sleep_if_idle(&self) {
        interrupts::disable();
        if self.task_queue.is_empty() {
            enable_and_hlt();
        } else {
            interrupts::enable();
        }
    }

    fn run(&mut self) -> ! {
        loop {
            self.run_ready_tasks();
            self.sleep_if_idle();
        }
    }
}
)EXE";

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

TEST(ScriptedWakerExecutor, TwinAgreesWithTheBuiltInWakerExecutor) {
  ScriptRun built_in = RunScript(kTasks, "spawn = [\"read_foo()\", \"nap()\"]\n");
  ScriptRun scripted = RunScript(std::string(kExecutor) + kTasks + kMain);
  ASSERT_FALSE(built_in.text.empty());
  ASSERT_FALSE(scripted.text.empty()) << scripted.diags;
  const TraceSummary& a = built_in.trace.summary;
  const TraceSummary& b = scripted.trace.summary;
  EXPECT_EQ(b.output, "nap: start\nfoo.txt says: Hello\nnap: done\n");
  EXPECT_EQ(a.output, b.output);
  EXPECT_EQ(a.polls, b.polls);
  EXPECT_EQ(a.pending, b.pending);
  EXPECT_EQ(a.ready, b.ready);
  EXPECT_EQ(a.wakes, b.wakes);
  EXPECT_EQ(a.end_time_ms, b.end_time_ms);
  EXPECT_EQ(a.end_reason, b.end_reason);
  EXPECT_EQ(b.polls, 4);
  EXPECT_EQ(b.pending, 2);
  EXPECT_EQ(b.ready, 2);
  EXPECT_EQ(b.wakes, 2);
  EXPECT_EQ(b.end_time_ms, 50);
  EXPECT_EQ(built_in.trace.tasks.size(), scripted.trace.tasks.size());
}

// Inserting a Task under its id makes the id stand for the task: the pushes and pops of ids, the
// TaskWaker made for each task and its wakes are the built-in waker executor's events.
TEST(ScriptedWakerExecutor, TaskIdsAndTheTaskWakerMakeTheBuiltInExecutorsEvents) {
  ScriptRun r = RunScript(std::string(kExecutor) + kTasks + kMain);
  EXPECT_NE(r.text.find("t=0ms spawn task=0 future=read_foo#3 read_foo\n"
                        "t=0ms queue_push task=0 len=1\n"
                        "t=0ms spawn task=1 future=nap#7 nap\n"
                        "t=0ms queue_push task=1 len=2\n"
                        "t=0ms queue_pop task=0 len=1\n"
                        "t=0ms waker_create waker=W0 task=0\n"
                        "t=0ms poll_begin task=0 future=read_foo#3 depth=0\n"),
            std::string::npos)
      << r.text;
  // A Pending poll with a waker that queues its task costs no tick: task 1 is polled at 0 ms too.
  EXPECT_NE(r.text.find("t=0ms queue_pop task=1 len=0\n"
                        "t=0ms waker_create waker=W1 task=1\n"
                        "t=0ms poll_begin task=1 future=nap#7 depth=0\n"),
            std::string::npos)
      << r.text;
  // The disk's interrupt wakes W0: TaskWaker::wake_by_ref pushes TaskId(0), run_ready_tasks pops it.
  EXPECT_NE(r.text.find("t=30ms wake task=0 waker=W0 by=disk(foo.txt)\n"
                        "t=30ms queue_push task=0 len=1\n"
                        "t=30ms queue_pop task=0 len=0\n"
                        "t=30ms poll_begin task=0 future=read_foo#3 depth=0\n"),
            std::string::npos)
      << r.text;
  // A finished task's cached waker goes with `waker_cache.remove`; with nothing left to come,
  // `enable_and_hlt` ends the run.
  EXPECT_NE(r.text.find("t=50ms task_done task=1 -> ()\n"
                        "t=50ms waker_drop waker=W1\n"
                        "t=50ms halt\n"
                        "t=50ms diagnostic note: the CPU halts for good: no interrupt will ever come\n"
                        "t=50ms run_end reason=finished\n"),
            std::string::npos)
      << r.text;
}

// A Wake impl that forgets to push the id: the disk wakes task 0, nothing queues it, and the run
// ends naming the task that waits forever.
TEST(ScriptedWakerExecutor, AWakeThatQueuesNothingLeavesTheTaskWaitingForever) {
  std::string exe = Replace(kExecutor, "        self.task_queue.push(self.task_id).expect(\"task_queue full\");\n",
                            "        println!(\"woken\");\n");
  ScriptRun r = RunScript(exe + kTasks + kMain);
  EXPECT_EQ(r.trace.summary.output, "nap: start\nwoken\nwoken\n");
  EXPECT_EQ(r.trace.summary.polls, 2);
  EXPECT_EQ(r.trace.summary.wakes, 2);
  EXPECT_NE(r.text.find("t=30ms wake task=0 waker=W0 by=disk(foo.txt)\n"
                        "t=30ms print task=none \"woken\\n\"\n"
                        "t=30ms diagnostic warning: the waker W0 of task 0 ran `wake_by_ref` but queued no task: nothing "
                        "puts task 0 back in the queue\n"
                        "t=30ms halt\n"),
            std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("t=50ms halt\n"
                        "t=50ms diagnostic note: the CPU halts for good: task(s) 0, 1 wait for something that will never "
                        "come\n"
                        "t=50ms run_end reason=finished\n"),
            std::string::npos)
      << r.text;
}

// Every task gets a waker of task 0: task 1's timer queues task 0, which is done, and task 1 is
// never polled again.
TEST(ScriptedWakerExecutor, AWakerOfTheWrongTaskIsNamed) {
  std::string exe = Replace(kExecutor, "TaskWaker::new(task_id, queue)", "TaskWaker::new(TaskId(0), queue)");
  ScriptRun r = RunScript(exe + kTasks + kMain);
  EXPECT_EQ(r.trace.summary.output, "nap: start\nfoo.txt says: Hello\n");
  EXPECT_NE(r.text.find("t=0ms waker_create waker=W1 task=0\n"
                        "t=0ms diagnostic warning: task 1 is polled with the waker W1 of task 0: its wake-ups will queue "
                        "task 0\n"
                        "t=0ms poll_begin task=1 future=nap#7 depth=0\n"),
            std::string::npos)
      << r.text;
  // The timer wakes W1, which queues task 0; run_ready_tasks finds no task 0 and skips the id.
  EXPECT_NE(r.text.find("t=50ms wake task=0 waker=W1 by=timer(sleep(50ms))\n"
                        "t=50ms queue_push task=0 len=1\n"
                        "t=50ms queue_pop task=0 len=0\n"
                        "t=50ms halt\n"
                        "t=50ms diagnostic note: the CPU halts for good: task(s) 1 wait for something that will never "
                        "come\n"
                        "t=50ms run_end reason=finished\n"),
            std::string::npos)
      << r.text;
}

// The sleep_if_idle scenarios, scripted and built in: the naive forms lose the same wake-ups (the
// letters come one interrupt late) and the fixed forms do not; both pairs agree on everything the
// summary counts.
Trace RunShipped(const std::string& id, std::string* text) {
  Diagnostics d;
  auto s = LoadScenario(std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios/" + id + ".toml", d);
  EXPECT_TRUE(s) << d.Render();
  if (!s) return {};
  auto program = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  if (d.HasErrors()) return {};
  Trace t = RunScenario(*program, *s, {}, d);
  for (const Event& e : t.events)
    if (e.kind == EventKind::Print || e.kind == EventKind::Halt) *text += EventText(t, e, program.get()) + "\n";
  return t;
}

TEST(ScriptedWakerExecutor, SleepIfIdleTwinsAgreeWithTheBuiltInOnes) {
  for (const char* form : {"naive", "fixed"}) {
    std::string a_text, b_text;
    Trace a = RunShipped(std::string("sleep_if_idle_") + form, &a_text);
    Trace b = RunShipped(std::string("scripted_sleep_if_idle_") + form, &b_text);
    SCOPED_TRACE(form);
    EXPECT_EQ(a.summary.output, "async number: 42\nhi");
    EXPECT_EQ(a.summary.output, b.summary.output);
    EXPECT_EQ(a.summary.polls, b.summary.polls);
    EXPECT_EQ(a.summary.pending, b.summary.pending);
    EXPECT_EQ(a.summary.ready, b.summary.ready);
    EXPECT_EQ(a.summary.wakes, b.summary.wakes);
    EXPECT_EQ(a.summary.end_time_ms, b.summary.end_time_ms);
    EXPECT_EQ(a.summary.end_reason, b.summary.end_reason);
    // The prints and halts, with their times: the naive forms print each letter at its key's
    // release, after a halt with a task in the queue.
    EXPECT_EQ(a_text, b_text);
  }
  std::string naive;
  RunShipped("scripted_sleep_if_idle_naive", &naive);
  EXPECT_NE(naive.find("t=100ms halt queue=nonempty\nt=150ms print task=1 \"h\"\n"), std::string::npos) << naive;
}

}  // namespace
}  // namespace aws
