// The trace events the runtime emits, in one place: one function per kind of event, each
// filling the event's fields the way the trace's readers expect (trace.h), all through Emit,
// which stops the run at the step budget. Code that makes an event calls these, never Emit.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

Event Emulator::MakeEvent(EventKind k, EvArgs x) {
  Event e;
  e.t_ms = now_;
  e.kind = k;
  e.task = x.task == -2 ? cur_task_ : x.task;
  e.obj = x.obj;
  e.waker = x.waker;
  e.device = x.device;
  e.a = x.a;
  e.b = x.b;
  e.line = cur_line_;
  if (!x.text.empty() || x.has_text) e.payload = T.Intern(std::move(x.text));
  return e;
}

void Emulator::Emit(EventKind k, EvArgs x) {
  if (static_cast<int64_t>(T.events.size()) >= max_events_) {
    // The task is to blame only if its current poll used up most of the budget.
    if (depth_ > 0 && cur_task_ >= 0 && static_cast<int64_t>(T.events.size()) - poll_start_event_ > max_events_ / 2)
      throw StopRun{1, fmt::format("task {} never yielded: its poll was still running after {} events; a future must "
                                   "return Pending (reach an `.await` that waits) to let other tasks run",
                                   cur_task_, max_events_)};
    // Executor code that let no time pass for most of the budget: a loop that never ends.
    if (k == EventKind::ExecLine && static_cast<int64_t>(T.events.size()) - plain_time_event_ > max_events_ / 2)
      throw StopRun{1,
                    fmt::format("thread 'main' ran executor code for {} steps without virtual time passing (an endless "
                                "loop?): plain code takes no time, only `work`, blocking calls and `hlt()` do",
                                static_cast<int64_t>(T.events.size()) - plain_time_event_),
                    cur_span_};
    throw StopRun{2, fmt::format("stopped after {} events (the scenario's step budget)", max_events_)};
  }
  T.events.push_back(MakeEvent(k, std::move(x)));
}

void Emulator::Note(int level, std::string text) { Emit(EventKind::Diagnostic, {.a = level, .text = std::move(text)}); }
void Emulator::NoteDrop(int obj, std::string text) {
  Emit(EventKind::Diagnostic, {.obj = obj, .a = 0, .b = 1, .text = std::move(text)});
}

// The run's last events, past the step budget: the reason it ended (a fault or a stop, also as a
// diagnostic) and RunEnd.
void Emulator::EmitRunEnd(int reason, const std::string& why) {
  if (!why.empty() && reason != 0)
    T.events.push_back(MakeEvent(EventKind::Diagnostic, {.a = reason == 1 ? 2 : 1, .text = why}));
  T.events.push_back(MakeEvent(EventKind::RunEnd, {.a = reason, .text = why}));
}

// Tasks, the ready queue and wakers.
void Emulator::EmitSpawn(int task, int root, const std::string& name) {
  Emit(EventKind::Spawn, {.task = task, .obj = root, .text = name});
}
void Emulator::EmitTaskDone(int task, int root, const Value& result) {
  Emit(EventKind::TaskDone, {.task = task, .obj = root, .text = Show(result, true)});
}
void Emulator::EmitQueuePush(int task) {
  Emit(EventKind::QueuePush, {.task = task, .a = static_cast<int64_t>(queue_.size())});
}
void Emulator::EmitQueuePop(int task) {
  Emit(EventKind::QueuePop, {.task = task, .a = static_cast<int64_t>(queue_.size())});
}
void Emulator::EmitQueuePush(int task, size_t len) {
  Emit(EventKind::QueuePush, {.task = task, .a = static_cast<int64_t>(len)});
}
void Emulator::EmitQueuePop(int task, size_t len) {
  Emit(EventKind::QueuePop, {.task = task, .a = static_cast<int64_t>(len)});
}
void Emulator::EmitWakerCreate(int task, int waker) { Emit(EventKind::WakerCreate, {.task = task, .waker = waker}); }
void Emulator::EmitWakerDrop(int task, int waker) { Emit(EventKind::WakerDrop, {.task = task, .waker = waker}); }
void Emulator::EmitWakerClone(int task, int waker, int of) {
  Emit(EventKind::WakerClone, {.task = task, .waker = waker, .a = of});
}
void Emulator::EmitWakerWake(int task, int waker, int device, bool enqueues, const std::string& what) {
  Emit(EventKind::WakerWake, {.task = task, .waker = waker, .device = device, .b = enqueues ? 1 : 0, .text = what});
}
void Emulator::EmitHalt(bool lost_wakeup) { Emit(EventKind::Halt, {.task = -1, .a = lost_wakeup ? 1 : 0}); }

// Polls and the state machines' code.
void Emulator::EmitPollBegin(int obj, int depth) { Emit(EventKind::PollBegin, {.obj = obj, .a = depth}); }
void Emulator::EmitPollEnd(int obj, int depth, const Value* ready) {
  std::string text;
  if (ready) text = IsSelect(obj) ? ShowSelectOutput(*ready) : Show(*ready, true);
  Emit(EventKind::PollEnd, {.obj = obj, .a = depth, .b = ready ? 1 : 0, .text = std::move(text)});
}

bool Emulator::IsSelect(int obj) const {
  return obj >= 0 && static_cast<size_t>(obj) < objs_.size() && objs_[obj].k == Obj::K::Combinator &&
         objs_[obj].fut == FutureKind::Select;
}

// select!'s output as tokio's expansion returns it: `Out::_1(v)` when the second branch won (its
// future's output v). Inside, the runtime keeps one `Some` per branch (parse/select.cpp).
std::string Emulator::ShowSelectOutput(const Value& v) {
  if (v.k == Value::K::Tuple)
    for (size_t i = 0; i < v.v.size(); ++i)
      if (v.v[i].k == Value::K::Variant && v.v[i].s == "Some" && !v.v[i].v.empty())
        return fmt::format("Out::_{}({})", i, Show(v.v[i].v[0], true));
  return Show(v, true);
}
void Emulator::EmitTransition(int machine, int from, int to, std::string fields) {
  Emit(EventKind::Transition, {.obj = machine, .a = from, .b = to, .text = std::move(fields), .has_text = true});
}
void Emulator::EmitPanic(int machine, const std::string& msg) { Emit(EventKind::Panic, {.obj = machine, .text = msg}); }
void Emulator::EmitPrint(int machine, const std::string& text) { Emit(EventKind::Print, {.obj = machine, .text = text}); }
void Emulator::EmitCpuBusy(int64_t ms, bool blocking, std::string what) {
  if (what.empty()) what = blocking ? fmt::format("thread_sleep({}ms) blocks the core", ms) : fmt::format("work({}ms)", ms);
  Emit(EventKind::CpuBusy, {.a = ms, .b = blocking ? 1 : 0, .text = std::move(what)});
}

// Devices and interrupts.
void Emulator::EmitDeviceStart(int leaf, int device, int64_t request, int64_t due, const std::string& what) {
  Emit(EventKind::DeviceStart, {.obj = leaf, .device = device, .a = request, .b = due, .text = what});
}
void Emulator::EmitDeviceComplete(int leaf, int device, int64_t request, std::string result) {
  Emit(EventKind::DeviceComplete, {.obj = leaf, .device = device, .a = request, .text = std::move(result)});
}
void Emulator::EmitScancode(int device, const char* op, uint8_t scancode) {
  Emit(EventKind::DeviceComplete, {.device = device, .a = -1, .text = fmt::format("{} 0x{:02X}", op, scancode)});
}
void Emulator::EmitWakerRegister(int leaf, int waker, int device) {
  Emit(EventKind::WakerRegister, {.obj = leaf, .waker = waker, .device = device});
}
void Emulator::EmitInterrupt(int device, int64_t scancode, bool held) {
  Emit(EventKind::Interrupt, {.task = -1, .device = device, .a = scancode, .b = held ? 1 : 0});
}
void Emulator::EmitInject(int device, uint8_t scancode) {
  Emit(EventKind::Inject, {.task = -1, .device = device, .a = scancode});
}
void Emulator::EmitResume(int device) { Emit(EventKind::Resume, {.task = -1, .device = device}); }

// Threads.
void Emulator::EmitThreadState(int thread, int64_t state, std::string text) {
  Emit(EventKind::ThreadState, {.task = -1, .a = thread, .b = state, .text = std::move(text), .has_text = true});
}
void Emulator::EmitContextSwitch(int from, int to, int device, std::string saved) {
  Emit(EventKind::ContextSwitch, {.task = -1, .device = device, .a = from, .b = to, .text = std::move(saved)});
}

// Memory (memory_tracking.cpp builds the payloads: a headline and the blocks it changed).
void Emulator::EmitMemory(EventKind k, int block, int64_t a, int64_t b, std::string payload) {
  Emit(k, {.obj = block, .a = a, .b = b, .text = std::move(payload)});
}
void Emulator::EmitMemDangling(int block, uint64_t addr, const std::string& msg) {
  Emit(EventKind::MemDangling, {.obj = block, .a = static_cast<int64_t>(addr), .b = -1, .text = msg});
}

// Executor code: the code a plain `fn main()` runs on its main thread (not in a spawned thread)
// while no task is being polled. That is `main`, the executor's own functions and methods, and
// the waker functions (a RawWakerVTable's, a Wake impl's) when the executor calls them; the
// code a task's poll runs (its async fns, hand-written `poll` methods, wakers cloned or woken
// inside it) is the task's code, stepped by its own events. An async `main` has none.
bool Emulator::InExecutorCode() const {
  return main_thread_body_ >= 0 && depth_ == 0 && cur_task_ < 0 && (!threads_ || CurrentThreadName() == "main");
}

// One step per line entered: a statement on another line than the last step's, or on any line
// of another call (a function entered, or the caller again when it returns). A loop on one line
// is one step; a loop over several lines steps onto each line every time round. Statements
// without a position (the lowering's own) make none; a function's return steps onto its closing
// brace, where Rust drops its locals, and the events of the return (a waker dropped) are there.
void Emulator::ExecStep(int frame, Span s, bool is_return) {
  if (!(s.end > s.begin || s.begin > 0) || !InExecutorCode()) return;
  if (is_return && s.end > s.begin) cur_line_ = src_.Locate(s.end - 1).line;
  if (cur_line_ == 0 || (cur_line_ == exec_line_ && frame == exec_frame_)) return;
  exec_line_ = cur_line_;
  exec_frame_ = frame;
  Emit(EventKind::ExecLine, {.task = -1, .obj = frame, .a = call_depth_});
}

void Emulator::Fault(std::string why) { throw StopRun{1, std::move(why)}; }

// A fault of the statement executing (a bad dereference, an index out of range): reported at
// its line and column.
void Emulator::FaultHere(std::string why) { throw StopRun{1, std::move(why), cur_span_}; }

}  // namespace aws::emu
