// What-if injections (engine/include/awaitscope/whatif.h): a spurious
// wake-up of a task, or a task dropped in the middle of an `.await`, applied at the first moment
// between polls after a step of the unchanged run; and per-request latencies.
#include <fmt/format.h>

#include "runtime/emulator.h"

namespace aws::emu {

void Emulator::ApplyDueInjections() {
  if (!inj_ || inj_->injections.empty()) return;
  injected_.resize(inj_->injections.size(), 0);
  for (size_t i = 0; i < inj_->injections.size(); ++i) {
    const InjectSpec& in = inj_->injections[i];
    if (injected_[i] || static_cast<int64_t>(T.events.size()) <= in.after_step) continue;
    injected_[i] = 1;  // first: the notes below add events
    if (in.kind == InjectSpec::Kind::SpuriousWake) InjectSpuriousWake(in.task);
    else CancelTask(in.task);
  }
}

void Emulator::InjectionsNotDone() {
  if (!inj_) return;
  injected_.resize(inj_->injections.size(), 0);
  for (size_t i = 0; i < inj_->injections.size(); ++i)
    if (!injected_[i])
      Note(1, fmt::format("what-if: the {} of task {} after step {} never happened: the run had no moment "
                          "between polls after that step",
                          inj_->injections[i].kind == InjectSpec::Kind::Cancel ? "cancellation" : "spurious wake-up",
                          inj_->injections[i].task, inj_->injections[i].after_step));
}

// A wake-up that nothing caused: the waker the task's pending leaf future holds (the one a
// device would wake), else the executor's cached waker, is woken by the what-if "device".
void Emulator::InjectSpuriousWake(int task) {
  if (task < 0 || task >= static_cast<int>(tasks_.size()) || tasks_[task].done) {
    Note(1, fmt::format("what-if: no spurious wake-up: task {} is not running", task));
    return;
  }
  int w = -1;
  for (size_t i = 0; i < objs_.size(); ++i)
    if (objs_[i].task == task && objs_[i].k == Obj::K::Leaf && objs_[i].waker >= 0 && !objs_[i].completed)
      w = objs_[i].waker;
  if (w < 0) w = tasks_[task].cached_waker;
  if (w < 0) {
    Note(0, fmt::format("what-if: a spurious wake-up of task {} has nothing to wake: no waker of it is stored "
                        "anywhere (the {} executor)",
                        task, executor_));
    return;
  }
  const int dev = Device("what-if", "inject");
  if (halted_) {
    halted_ = false;
    EmitResume(dev);
  }
  Note(0, fmt::format("what-if: a spurious wake-up: W{} is woken although nothing task {} waits for is ready", w, task));
  Wake(w, dev, "spurious");
}

void Emulator::CancelTask(int task) {
  if (task < 0 || task >= static_cast<int>(tasks_.size()) || tasks_[task].done) {
    Note(1, fmt::format("what-if: task {} cannot be cancelled: it has already finished", task));
    return;
  }
  TaskRec& t = tasks_[task];
  Note(0, fmt::format("what-if: task {} ({}) is dropped while it waits in an `.await`: its future's destructor runs",
                      task, t.name));
  DropFuture(t.root, 0);
  t.done = true;
  t.in_map = false;
  if (t.cached_waker >= 0) {
    DropWaker(t.cached_waker);
    t.cached_waker = -1;
  }
  last_done_ms_ = now_;
  Emit(EventKind::TaskDone, {.task = task, .obj = t.root, .text = "(cancelled)"});
}

void Emulator::DropFuture(int id, int depth) {
  if (id < 0 || id >= static_cast<int>(objs_.size()) || depth > kMaxCallDepth) return;
  Obj& o = objs_[id];
  const std::string name = fmt::format("{}#{}", T.objects[id].name, id);
  if (o.k == Obj::K::Machine && o.machine >= 0) {
    const Machine& m = P.machines[o.machine];
    const State& st = m.states[static_cast<size_t>(o.state)];
    std::string fields;
    for (const StateField& f : st.fields) fields += (fields.empty() ? "" : ", ") + f.name;
    NoteDrop(id, fmt::format("drop {} in state {}: {}", name, st.label,
                        fields.empty() ? std::string("it saved no fields") : "its saved fields go: " + fields));
  } else if (o.k == Obj::K::Leaf && o.started && !o.completed && o.request >= 0) {
    NoteDrop(id, fmt::format("drop {}: request #{} ({}, due at {} ms) is abandoned; the device still finishes it{}", name,
                        o.request, o.what, o.due,
                        o.waker >= 0 ? fmt::format(", but the waker W{} it stored is gone with the future", o.waker)
                                     : std::string()));
    o.waker = -1;
  } else {
    NoteDrop(id, fmt::format("drop {}", name));
  }
  o.dropped = true;
  for (size_t i = 0; i < T.objects.size(); ++i)
    if (T.objects[i].parent == id && !objs_[i].dropped && !objs_[i].done) DropFuture(static_cast<int>(i), depth + 1);
}

bool Emulator::BlockingRequest(const Obj& o) const {
  if (!inj_ || o.fut == FutureKind::Timer) return false;
  for (const BlockingSpec& b : inj_->blocking)
    if (b.request == o.request || (b.request < 0 && b.what == o.what)) return true;
  return false;
}

// The what-if's blocking call: the request runs while the core waits for it (no other task is
// polled, interrupts are held), then it is complete before the poll that started it goes on, so
// that poll gets Ready instead of Pending.
void Emulator::WaitOnCore(int leaf) {
  const int64_t ms = objs_[leaf].latency;
  const std::string what = objs_[leaf].what;
  Note(0, fmt::format("what-if: {} is a blocking call here: the core waits {} ms for it instead of the future "
                      "returning Pending",
                      what, ms));
  EmitCpuBusy(ms, true, what);
  AdvanceTo(now_ + ms, /*deliver=*/false);
  Complete(leaf);
}

void Emulator::ApplyRequestLatency(Obj& o) {
  if (!inj_) return;
  for (const RequestLatencySpec& r : inj_->request_latencies)
    if (r.request == o.request) o.latency = r.latency_ms;
}

}  // namespace aws::emu
