// Timers and threads: `sleep(ms)` is a request to the timer device; the talk's TimerFuture
// starts a thread (a device of its own, "thread:TimerFuture#id") that sleeps on the virtual clock,
// then marks the future complete and wakes the waker it stored.
#include <fmt/format.h>

#include "runtime/emulator.h"

namespace aws::emu {

// TimerFuture::new: eager, the thread starts now, whether or not the future is ever polled.
int Emulator::StartTimerThread(int64_t ms) {
  int id = NewLeaf(FutureKind::Timer, fmt::format("TimerFuture::new({}ms)", ms));
  Obj& o = objs_[id];
  o.latency = ms;
  o.device = Device(fmt::format("thread:TimerFuture#{}", id), "thread");
  StartRequest(id, fmt::format("sleep {}ms", ms));
  return id;
}

// The talk's TimerFuture::poll: under its mutex, Ready if the thread finished, else store the
// waker (replacing an older one) for the thread to wake.
bool Emulator::PollTimerFuture(int id, int waker, Value* out) {
  if (objs_[id].completed) {
    *out = Value::Unit();
    return true;
  }
  Register(id, waker);
  return false;
}

}  // namespace aws::emu
