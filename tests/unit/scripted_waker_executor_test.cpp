// The blog's waker `Executor` written in the script (scenarios/scripted_waker_executor.rs): its
// twin test against the built-in `waker` executor, and the bugs students make in it (a `wake`
// that forgets to queue the id, a waker of the wrong task), named in the trace where they happen.
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

// The blog's Executor with TaskWaker: the shipped scenario's script up to its tasks, so the twin
// tests the very code a class steps through.
std::string ShippedExecutor() {
  std::ifstream in(std::filesystem::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "scripted_waker_executor.rs");
  std::stringstream text;
  text << in.rdbuf();
  const std::string script = text.str();
  const size_t tasks = script.find("\nasync fn read_foo()");
  EXPECT_NE(tasks, std::string::npos) << "scripted_waker_executor.rs no longer has `read_foo`";
  return script.substr(0, tasks == std::string::npos ? 0 : tasks + 1);
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

TEST(ScriptedWakerExecutor, TwinAgreesWithTheBuiltInWakerExecutor) {
  ScriptRun built_in = RunScript(kTasks, "spawn = [\"read_foo()\", \"nap()\"]\n");
  ScriptRun scripted = RunScript(ShippedExecutor() + kTasks + kMain);
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
  ScriptRun r = RunScript(ShippedExecutor() + kTasks + kMain);
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
  std::string exe = Replace(ShippedExecutor(), "        self.task_queue.push(self.task_id).expect(\"task_queue full\");\n",
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
  std::string exe = Replace(ShippedExecutor(), "TaskWaker::new(task_id, queue)", "TaskWaker::new(TaskId(0), queue)");
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
Trace RunShipped(const std::string& id, std::string* text, std::string* all = nullptr) {
  Diagnostics d;
  auto s = LoadScenario(std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios/" + id + ".toml", d);
  EXPECT_TRUE(s) << d.Render();
  if (!s) return {};
  auto program = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  if (d.HasErrors()) return {};
  Trace t = RunScenario(*program, *s, {}, d);
  for (const Event& e : t.events) {
    if (e.kind == EventKind::Print || e.kind == EventKind::Halt) *text += EventText(t, e, program.get()) + "\n";
    if (all && e.kind < EventKind::MemAlloc) *all += EventText(t, e, program.get()) + "\n";
  }
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

// The lines of `text` that contain every one of `needles`.
std::string LinesWith(const std::string& text, std::initializer_list<const char*> needles) {
  std::string out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    bool all = true;
    for (const char* n : needles) all = all && line.find(n) != std::string::npos;
    if (all) out += line + "\n";
  }
  return out;
}

// The blog's first waker executor (scripted_old_executor, SC-22) keeps whole tasks in its queue
// and its map of waiting tasks where the published one (scripted_sleep_if_idle_fixed) moves only
// ids: typing "hi", both print, poll, wake and halt alike, at the same times.
TEST(ScriptedWakerExecutor, TheFirstDesignPrintsAndPollsAsThePublishedOne) {
  std::string a_text, b_text, a_all, b_all;
  Trace a = RunShipped("scripted_sleep_if_idle_fixed", &a_text, &a_all);
  Trace b = RunShipped("scripted_old_executor", &b_text, &b_all);
  EXPECT_EQ(b.summary.output, "async number: 42\nhi");
  EXPECT_EQ(a.summary.output, b.summary.output);
  EXPECT_EQ(a.summary.polls, b.summary.polls);
  EXPECT_EQ(a.summary.pending, b.summary.pending);
  EXPECT_EQ(a.summary.ready, b.summary.ready);
  EXPECT_EQ(a.summary.wakes, b.summary.wakes);
  EXPECT_EQ(a.summary.end_time_ms, b.summary.end_time_ms);
  EXPECT_EQ(a.summary.end_reason, b.summary.end_reason);
  EXPECT_EQ(b.summary.polls, 6);
  EXPECT_EQ(b.summary.wakes, 4);
  EXPECT_EQ(b.summary.end_time_ms, 350);
  EXPECT_EQ(a_text, b_text);  // the prints and the halts, with their times
  // Every top-level poll and its result, every waker made and every wake, in the same order.
  EXPECT_EQ(LinesWith(a_all, {"depth=0"}), LinesWith(b_all, {"depth=0"}));
  EXPECT_EQ(LinesWith(a_all, {"waker_create"}), LinesWith(b_all, {"waker_create"}));
  EXPECT_EQ(LinesWith(a_all, {" wake "}), LinesWith(b_all, {" wake "}));
  // Only the data moves differently: here the id goes through wake_queue and then the task itself
  // through task_queue, where the published executor pushes and pops the id once.
  EXPECT_NE(b_all.find("t=100ms wake task=1 waker=W1 by=keyboard\n"
                       "t=100ms queue_push task=1 len=1\n"
                       "t=100ms queue_pop task=1 len=0\n"
                       "t=100ms queue_push task=1 len=1\n"
                       "t=100ms queue_pop task=1 len=0\n"
                       "t=100ms poll_begin task=1 future=print_keypresses#7 depth=0\n"),
            std::string::npos)
      << b_all;
  EXPECT_NE(a_all.find("t=100ms wake task=1 waker=W1 by=keyboard\n"
                       "t=100ms queue_push task=1 len=1\n"
                       "t=100ms queue_pop task=1 len=0\n"
                       "t=100ms poll_begin task=1 "),
            std::string::npos)
      << a_all;
}

}  // namespace
}  // namespace aws
