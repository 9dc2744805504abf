// The devices' common machinery: the device table, requests on the virtual clock, and the
// interrupt controller that delivers due events (completions, keystrokes) in time order.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

int Emulator::Device(const std::string& name, const std::string& kind) {
  for (size_t i = 0; i < T.devices.size(); ++i)
    if (T.devices[i].name == name) return static_cast<int>(i);
  T.devices.push_back({name, kind});
  return static_cast<int>(T.devices.size()) - 1;
}

void Emulator::Schedule(DevEvent e) {
  e.seq = seq_++;
  pending_.insert(e);
}

void Emulator::StartRequest(int leaf, const std::string& what) {
  Obj& o = objs_[leaf];
  o.started = true;
  o.request = ++request_id_;
  ApplyRequestLatency(o);
  o.due = now_ + o.latency;
  o.what = what;
  EmitDeviceStart(leaf, o.device, o.request, o.due, what);
  if (BlockingRequest(o)) {
    WaitOnCore(leaf);
    return;
  }
  if (o.latency > 0 || o.fut == FutureKind::Timer) Schedule({o.due, 0, DevEvent::Kind::Complete, leaf, o.device, 0});
}

// A request finished: the device (or the timer's thread) marks the future complete and wakes
// the waker it holds, if any.
void Emulator::Complete(int leaf) {
  Obj& o = objs_[leaf];
  o.completed = true;
  std::string result;
  switch (o.fut) {
    case FutureKind::ReadFile: case FutureKind::WriteFile: result = DiskComplete(o); break;
    case FutureKind::Op:
      o.result = op_results_[o.op];
      result = Show(o.result, true);
      break;
    default:
      o.result = Value::Unit();
      result = "()";
      break;
  }
  EmitDeviceComplete(leaf, o.device, o.request, std::move(result));
  if (o.dropped)
    Note(0, fmt::format("request #{} ({}) is done, but its future was dropped: nothing waits for it, the result is thrown away",
                        o.request, o.what));
  int w = o.waker;
  o.waker = -1;
  if (w >= 0) Wake(w, o.device, o.path.empty() ? o.what : o.path);
}

void Emulator::Register(int leaf, int waker) {
  Obj& o = objs_[leaf];
  o.waker = waker;
  EmitWakerRegister(leaf, waker, o.device);
}

// Handles due device events up to `t`. With `deliver` false (the core is blocked by
// thread_sleep), interrupts wait and are handled when the core is free again, at `t`.
void Emulator::AdvanceTo(int64_t t, bool deliver) {
  const bool between_polls = cur_task_ < 0 && depth_ == 0;
  if (between_polls && !interrupts_off_) ApplyDueInjections();
  if (t > O.max_time_ms) throw StopRun{2, fmt::format("stopped at the virtual time limit ({} ms)", O.max_time_ms)};
  if (interrupts_off_) {  // they wait in the controller until `enable`
    now_ = std::max(now_, t);
    return;
  }
  while (!pending_.empty() && pending_.begin()->t <= t) {
    DevEvent ev = *pending_.begin();
    pending_.erase(pending_.begin());
    if (deliver) now_ = std::max(now_, ev.t);
    else now_ = t;
    Fire(ev, !deliver);
    if (between_polls) ApplyDueInjections();
  }
  now_ = std::max(now_, t);
}

void Emulator::Fire(const DevEvent& ev, bool held) {
  ++fired_;
  if (ev.kind == DevEvent::Kind::ThreadWake) {  // a thread's sleep ended: not an interrupt
    WakeThread(ev.obj);
    return;
  }
  if (halted_) {
    halted_ = false;
    EmitResume(ev.device);
  }
  if (ev.kind == DevEvent::Kind::Key) {
    if (ev.injected) EmitInject(ev.device, ev.scancode);
    EmitInterrupt(ev.device, ev.scancode, held);
    AddScancode(ev.scancode, ev.device);
    return;
  }
  if (objs_[ev.obj].fut != FutureKind::Timer && objs_[ev.obj].fut != FutureKind::Op)
    EmitInterrupt(ev.device, -1, held);
  int saved_task = cur_task_;
  cur_task_ = -1;
  Complete(ev.obj);
  cur_task_ = saved_task;
}

void Emulator::DeliverDueAt(int64_t t) {
  while (!pending_.empty() && pending_.begin()->t <= t) {
    DevEvent ev = *pending_.begin();
    pending_.erase(pending_.begin());
    now_ = std::max(now_, ev.t);
    Fire(ev, false);
  }
}

}  // namespace aws::emu
