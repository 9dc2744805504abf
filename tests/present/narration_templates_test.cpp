// Every narration template, word for word: each (event kind, variant) of the narration table is
// rendered from a real scenario's step and compared with the exact sentence, and a last test
// fails when the table has a variant this list does not cover. The few variants no shipped
// scenario reaches are rendered from a shipped scenario run with other options (a step budget,
// another executor, a typed key) or with one event of its trace edited (kinds only native trace
// files carry); each case says which.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "awaitscope/runtime.h"
#include "present/narration.h"

namespace aws::present {
namespace {

namespace fs = std::filesystem;

struct Case {
  const char* scenario;  // file in scenarios/
  EventKind kind;
  int nth;               // the nth (0-based) event of `kind` narrated with `variant`
  int variant;
  const char* text;
  void (*edit_scenario)(Scenario&, RunOptions&) = nullptr;
  void (*edit_trace)(Trace&) = nullptr;  // applied to the trace before the event is looked up
};

// Replaces the first event of `kind` by its copy with `change` applied.
template <typename F>
void EditFirst(Trace& t, EventKind kind, F change) {
  for (size_t i = 0; i < t.events.size(); ++i)
    if (Event e = t.events[i]; e.kind == kind) {
      change(e);
      t.events.Set(i, e);
      return;
    }
}

const Case kCases[] = {
    {"add_to_inbox", EventKind::Spawn, 0, 0,
     "The executor spawns main() as task 0. Its future main is created in its Start state; none of its code has "
     "run yet."},
    {"add_to_inbox", EventKind::PollBegin, 0, 0,
     "The executor polls task 0: it calls poll on the task's future main, which runs until its next .await that "
     "is not ready."},
    {"add_to_inbox", EventKind::PollBegin, 0, 1, "main reaches an .await and polls add_to_inbox (nesting depth 1)."},
    {"add_to_inbox", EventKind::PollEnd, 0, 0, "Task 0 returns Pending: main is waiting, so the executor moves on."},
    {"add_to_inbox", EventKind::PollEnd, 0, 1, "Task 0 returns Ready(()): main has run to completion."},
    {"add_to_inbox", EventKind::PollEnd, 0, 2,
     "load_message(1) returns Pending, so add_to_inbox has to stop here and return Pending too."},
    {"add_to_inbox", EventKind::PollEnd, 0, 3,
     "load_message(1) returns Ready(Ok(Message { text: \"Hello\" })), so add_to_inbox continues right away without "
     "giving up the CPU."},
    {"add_to_inbox", EventKind::Transition, 0, 0,
     "add_to_inbox moves from NotYetStarted to WaitingLoadMessage and saves recipient_id: the values it still "
     "needs after this .await."},
    {"add_to_inbox", EventKind::Transition, 0, 1,
     "main moves from Start to WaitingOnAddToInbox. It needs no local values later, so this state holds only the "
     "future it awaits."},
    {"add_to_inbox", EventKind::Transition, 0, 2,
     "add_to_inbox moves from WaitingAddToInbox to Completed: its body has finished, and the saved values are "
     "gone."},
    {"example_poll_after_ready", EventKind::Transition, 0, 3,
     "example moves from End to Panicked: it panicked and can never be polled again."},
    {"add_to_inbox", EventKind::WakerCreate, 0, 0,
     "The executor creates waker W0 for task 0. Whoever holds it can put the task back in the ready queue."},
    {"simple_executor", EventKind::WakerCreate, 0, 1,
     "A no-op waker W0 is created: calling wake on it does nothing, so it can never reschedule anything."},
    // The engine's wakers are never cloned; native trace files may carry clones. The first
    // waker_create of example.toml turned into a clone of W0 into W1.
    {"example", EventKind::WakerClone, 0, 0,
     "Waker W0 is cloned into W1: another holder can now wake the same task.", nullptr,
     [](Trace& t) {
       EditFirst(t, EventKind::WakerCreate, [](Event& e) {
         e.kind = EventKind::WakerClone;
         e.waker = 1;
         e.a = 0;
       });
     }},
    {"add_to_inbox", EventKind::WakerRegister, 0, 0,
     "load_message(1) hands waker W0 to the load_message operation, which will call wake when the result is "
     "ready."},
    // A waker stored by a future with no device (native trace files): example.toml's first
    // registration without its device.
    {"example", EventKind::WakerRegister, 0, 1,
     "async_read_file(\"foo.txt\") stores waker W0 so that it can be woken later.", nullptr,
     [](Trace& t) { EditFirst(t, EventKind::WakerRegister, [](Event& e) { e.device = -1; }); }},
    {"add_to_inbox", EventKind::WakerWake, 0, 0,
     "The load_message operation finished load_message(1) and wakes task 0: its id goes back into the queue."},
    {"keyboard_hi", EventKind::WakerWake, 0, 1,
     "The keyboard has something new and wakes task 1: its id goes back into the queue."},
    {"sum_generator", EventKind::WakerWake, 0, 2,
     "Task 0 wakes itself through W0: its id goes straight back into the queue."},
    // example.toml on the blog's SimpleExecutor: the disk wakes the dummy waker.
    {"example", EventKind::WakerWake, 0, 3,
     "The disk calls wake on W29, but it reaches no executor: nothing is put in the queue.",
     [](Scenario&, RunOptions& o) { o.executor = "simple"; }},
    {"sleep_if_idle_naive", EventKind::WakerWake, 0, 4,
     "The keyboard has something new, but no waker is registered with it, so no task is woken."},
    {"add_to_inbox", EventKind::WakerDrop, 0, 0,
     "Waker W0 is dropped. Once the last clone is gone, nothing can wake its task any more."},
    {"add_to_inbox", EventKind::QueuePush, 0, 0, "Task 0 is pushed onto the ready queue, which now holds 1 task."},
    {"two_tasks", EventKind::QueuePush, 1, 0, "Task 1 is pushed onto the ready queue, which now holds 2 tasks."},
    {"add_to_inbox", EventKind::QueuePop, 0, 0,
     "The executor pops task 0 off the ready queue (0 tasks left) and is about to poll it."},
    {"two_tasks", EventKind::QueuePop, 0, 0,
     "The executor pops task 0 off the ready queue (1 task left) and is about to poll it."},
    {"example", EventKind::DeviceStart, 0, 0,
     "async_read_file(\"foo.txt\") asks the disk to read foo.txt. The answer is due at 30 ms; until then the CPU "
     "is free for other work."},
    // A request with no known due time (native trace files): example.toml's first one, edited.
    {"example", EventKind::DeviceStart, 0, 1,
     "async_read_file(\"foo.txt\") asks the disk to read foo.txt. Nobody knows when the answer will come.",
     nullptr, [](Trace& t) { EditFirst(t, EventKind::DeviceStart, [](Event& e) { e.b = -1; }); }},
    {"example", EventKind::DeviceComplete, 0, 0, "The disk completes request 1 with the result \"Hello\"."},
    {"keyboard_hi", EventKind::DeviceComplete, 0, 1,
     "The keyboard's interrupt handler pushes scancode 0x23 into the scancode queue."},
    {"keyboard_hi", EventKind::DeviceComplete, 0, 2, "The stream takes scancode 0x23 out of the scancode queue."},
    {"combinator_then", EventKind::Interrupt, 0, 0,
     "The disk raises an interrupt: the CPU stops what it was doing and runs its handler."},
    {"keyboard_hi", EventKind::Interrupt, 0, 1, "A key press: the keyboard raises an interrupt carrying scancode 0x23."},
    // A key typed while thread_sleep blocks the core: its interrupt waits.
    {"blocking_starves", EventKind::Interrupt, 0, 2,
     "The keyboard raises an interrupt, but interrupts are disabled, so it stays pending until they are enabled "
     "again.",
     [](Scenario&, RunOptions& o) { o.injected.push_back({100, 0x23, true}); }},
    {"keyboard_hi", EventKind::Interrupt, 0, 3,
     "A key release: the keyboard raises an interrupt carrying scancode 0xA3 (codes from 0x80 up are releases)."},
    {"example", EventKind::Halt, 0, 0, "No task is ready, so the CPU halts until the next interrupt."},
    {"sleep_if_idle_naive", EventKind::Halt, 0, 1,
     "The CPU halts although a task is in the ready queue: this wake-up is lost until the next interrupt."},
    {"keyboard_hi", EventKind::Halt, 0, 2,
     "No task is ready and no interrupt will ever come again, so the CPU halts for good."},
    // The naive sleep_if_idle without its last key release: the second lost wake-up is final.
    {"sleep_if_idle_naive", EventKind::Halt, 0, 3,
     "The CPU halts although a task is in the ready queue, and no interrupt will ever come again: the ready task "
     "is never polled.",
     [](Scenario& s, RunOptions&) { s.keyboard.pop_back(); }},
    {"example", EventKind::Resume, 0, 0, "At 30 ms an interrupt arrives and the CPU leaves hlt to handle it."},
    {"add_to_inbox", EventKind::Print, 0, 0, "Task 0 prints \"message delivered\"."},
    {"example_poll_after_ready", EventKind::Panic, 0, 0,
     "example panics: poll called after Poll::Ready was returned. Its task stops here and cannot be polled again."},
    {"add_to_inbox", EventKind::TaskDone, 0, 0,
     "Task 0 is done: its future returned (), so the executor removes the task."},
    {"channel_executor", EventKind::Diagnostic, 0, 0, "Note: drop(spawner): only the tasks' own senders remain."},
    {"sleep_if_idle_naive", EventKind::Diagnostic, 0, 1,
     "Warning: lost wake-up: an interrupt arrived between the emptiness check and `hlt`; the ready task waits for "
     "the next interrupt."},
    {"channel_executor_no_drop", EventKind::Diagnostic, 0, 2,
     "Error: the executor waits forever in recv(): every task is finished, but the spawner was never dropped, so "
     "the channel can still receive."},
    // A key typed in the window (the Keyboard panel) at 120 ms.
    {"keyboard_hi", EventKind::Inject, 0, 0,
     "You typed a key: scancode 0x1E arrives at the keyboard as if pressed at 120 ms.",
     [](Scenario&, RunOptions& o) { o.injected.push_back({120, 0x1E, true}); }},
    {"never_yields", EventKind::CpuBusy, 0, 0,
     "Task 0 computes for 1 ms inside poll (work(1ms)). No other task can run on this core meanwhile."},
    {"blocking_starves", EventKind::CpuBusy, 0, 1,
     "Task 1 blocks the whole core for 5000 ms (thread_sleep(5000ms) blocks the core): the executor cannot poll "
     "anything else, and no timer or disk result is handled in the meantime."},
    {"example", EventKind::RunEnd, 0, 0, "Every task has finished, so the run is over."},
    {"channel_executor_no_drop", EventKind::RunEnd, 0, 1,
     "The run stops with a fault: the executor waits forever in recv(): every task is finished, but the spawner "
     "was never dropped, so the channel can still receive."},
    {"example", EventKind::RunEnd, 0, 2,
     "The run is stopped because it used up its step budget: stopped after 20 events (the scenario's step "
     "budget).",
     [](Scenario&, RunOptions& o) { o.max_events = 20; }},
    {"keyboard_hi", EventKind::RunEnd, 0, 3,
     "Not every task finished: task 1 (print_keypresses) waits for a key press, and no more keys will come. "
     "Nothing is left to run, so the CPU halts for good."},
    {"scripted_mini_tokio_thread", EventKind::RunEnd, 0, 4,
     "The run ends here because the program called process::exit, whatever still waits: process::exit(0) ended "
     "the program."},
    {"heap_self_ref", EventKind::MemAlloc, 0, 0,
     "Memory is reserved at 0x44440000: main#0: MainStateMachine in tasks (pinned by spawn), 1 bytes = its "
     "largest state Start (1-byte tag + fields up to byte 1) rounded up to align 1."},
    {"pin_box_future", EventKind::MemMove, 0, 0,
     "A move copies the bytes from 0x7FFC0000 to 0x7FFC0048 and retires the old place: `let moved = fut;` moves "
     "pin_example#1: 72 bytes copied from 0x7FFC0000 to 0x7FFC0048; nothing points into it (state Start holds no "
     "reference), so the move is harmless."},
    {"heap_self_ref", EventKind::MemFree, 0, 0,
     "The memory at 0x7FFC0000 is freed: the stack frame of main is popped."},
    {"heap_self_ref", EventKind::MemWrite, 0, 0,
     "The program writes at 0x7FFC0000: heap_value = 0x55550000 (&*Box#1) at 0x7FFC0000."},
    {"pin_example_moved", EventKind::MemDangling, 0, 0,
     "Undefined behaviour: the program reads through a dangling pointer at 0x1001C. A pointer to array[2] holds "
     "0x1001C, but array[2] has moved to 0x1002C. 0x1001C is stale memory left behind by the move: its old bytes "
     "still read 3, by luck; the program meant array[2] at 0x1002C, and once the old place is reused it reads "
     "garbage."},
    {"scripted_simple_executor", EventKind::ExecLine, 0, 0,
     "Executor code: main goes on at line 80, `let mut executor = SimpleExecutor::new();`."},
    {"scripted_simple_executor", EventKind::ExecLine, 2, 1,
     "Executor code: Task::new runs line 17, `Task { future: Box::pin(future) }`."},
    {"echo_server_sync", EventKind::ThreadState, 0, 0, "main has the core and runs."},
    {"echo_server_sync", EventKind::ThreadState, 0, 1,
     "main blocks in `accept` on 127.0.0.1:8080. It gives the core away and sleeps until that is done; its own "
     "stack stays reserved all the while."},
    {"echo_server_sync", EventKind::ThreadState, 0, 2, "thread#2 has finished: its stack is freed."},
    {"echo_server_sync", EventKind::ThreadState, 0, 3,
     "thread#1 is ready (spawned by main) and waits for its turn on the core."},
    {"preemptive_threads", EventKind::ContextSwitch, 0, 0,
     "The timer interrupt ends the time slice of thread#1, and the CPU switches context: it saves all of thread#1's "
     "registers (instruction pointer, stack pointer and the rest) on thread#1's own stack and loads thread#2's from "
     "thread#2's stack. thread#2 goes on exactly where it was stopped."},
};

struct CaseRun {
  std::unique_ptr<Program> program;
  Trace trace;
};

CaseRun RunCase(const Case& c) {
  CaseRun r;
  Diagnostics d;
  const std::string path = (fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / (std::string(c.scenario) + ".toml")).string();
  std::optional<Scenario> s = LoadScenario(path, d);
  EXPECT_TRUE(s) << d.Render();
  if (!s) return r;
  RunOptions o;
  if (c.edit_scenario != nullptr) c.edit_scenario(*s, o);
  r.program = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  r.trace = RunScenario(*r.program, *s, o, d);
  if (c.edit_trace != nullptr) c.edit_trace(r.trace);
  return r;
}

std::string CaseName(const Case& c) {
  return std::string(c.scenario) + " " + EventKindName(c.kind) + " variant " + std::to_string(c.variant);
}

TEST(NarrationTemplates, EveryCaseRendersItsExactSentence) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(CaseName(c));
    CaseRun r = RunCase(c);
    int64_t step = -1;
    for (int64_t i = 0, seen = 0; i < static_cast<int64_t>(r.trace.events.size()) && step < 0; ++i)
      if (r.trace.events[static_cast<size_t>(i)].kind == c.kind &&
          NarrationVariantAt(r.trace, r.program.get(), i) == c.variant && seen++ == c.nth)
        step = i;
    ASSERT_GE(step, 0) << "no such event";
    EXPECT_EQ(Narrate(r.trace, r.program.get(), step), c.text);
  }
}

TEST(NarrationTemplates, EveryVariantOfTheTableHasAnExactTextCase) {
  std::set<std::pair<EventKind, int>> covered;
  for (const Case& c : kCases) covered.insert({c.kind, c.variant});
  for (int k = 0; k < static_cast<int>(EventKind::kCount); ++k) {
    const EventKind kind = static_cast<EventKind>(k);
    for (int v = 0; v < NarrationVariants(kind); ++v)
      EXPECT_TRUE(covered.count({kind, v})) << EventKindName(kind) << " variant " << v << " has no exact-text case: "
                                            << NarrationTemplate(kind, v);
  }
  // No case names a variant the table does not have.
  for (const Case& c : kCases) EXPECT_LT(c.variant, NarrationVariants(c.kind)) << CaseName(c);
}

// The world the narration reads at the run's end: passed in (the GUI's cursor state) or folded,
// the same sentence.
TEST(NarrationTemplates, TheRunsEndReadsTheWorldPassedInOrFolded) {
  CaseRun r = RunCase({"keyboard_hi", EventKind::RunEnd, 0, 3, ""});
  const int64_t last = static_cast<int64_t>(r.trace.events.size()) - 1;
  const WorldState world = FoldTrace(r.trace, last);
  EXPECT_EQ(Narrate(r.trace, r.program.get(), last, &world), Narrate(r.trace, r.program.get(), last));
  // A world at another step is not used: it is folded again.
  const WorldState earlier = FoldTrace(r.trace, 0);
  EXPECT_EQ(Narrate(r.trace, r.program.get(), last, &earlier), Narrate(r.trace, r.program.get(), last));
}

}  // namespace
}  // namespace aws::present
