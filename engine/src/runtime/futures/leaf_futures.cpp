// Leaf futures: the futures the devices complete (file reads and writes, timers, scenario
// operations, the scancode stream) and the ones that need no device (ready, yield_now).
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

bool Emulator::PollLeaf(int id, int waker, Value* out) {
  Obj& o = objs_[id];
  switch (o.fut) {
    case FutureKind::ReadFile: case FutureKind::WriteFile: case FutureKind::Sleep: case FutureKind::Op: {
      if (!o.started) {
        if (o.fut == FutureKind::ReadFile) {
          auto it = files_.find(o.path);
          if (it == files_.end()) Panic(fmt::format("async_read_file: no such file `{}` on the emulated disk", o.path));
          o.latency = it->second.read_latency;
          StartRequest(id, "read " + o.path);
        } else if (o.fut == FutureKind::WriteFile) {
          auto it = files_.find(o.path);
          o.latency = it == files_.end() ? S.disk.write_latency_ms : it->second.write_latency;
          StartRequest(id, "write " + o.path);
        } else {
          StartRequest(id, o.what.empty() ? T.objects[id].name : o.what);
        }
        if (objs_[id].latency == 0) Complete(id);
      }
      if (objs_[id].completed) {
        *out = objs_[id].result;
        return true;
      }
      Register(id, waker);
      return false;
    }
    case FutureKind::Timer:
      // The talk's TimerFuture: under its mutex, Ready if the thread finished, else store
      // the waker (replacing an older one) for the thread to wake.
      if (o.completed) {
        *out = Value::Unit();
        return true;
      }
      Register(id, waker);
      return false;
    case FutureKind::YieldNow:
      if (o.started) {
        *out = Value::Unit();
        return true;
      }
      o.started = true;
      Wake(waker, -1);  // wake ourselves, then give the core away once
      return false;
    case FutureKind::Ready:
      if (o.started) Panic("`Ready` polled after completion", false);
      o.started = true;
      *out = o.result;
      return true;
    case FutureKind::Next: {
      // The blog's ScancodeStream::poll_next: fast path, register, then check again.
      if (!kb_initialized_) Panic("scancode queue not initialized", false);
      if (!kb_queue_.empty()) {
        *out = PopScancode(o.device);
        return true;
      }
      kb_waker_ = waker;
      Register(id, waker);
      // Fault injection: a keystroke scripted `during_poll` lands exactly here, between the
      // registration and the second check, and wakes the task that is being polled.
      if (!race_keys_.empty() && race_keys_.front().t_ms <= now_) {
        KeySpec k = race_keys_.front();
        race_keys_.erase(race_keys_.begin());
        Note(0, fmt::format("scancode 0x{:02X} arrives inside poll_next, between register and the second pop", k.scancode));
        Fire({now_, 0, DevEvent::Kind::Key, -1, objs_[id].device, k.scancode}, false);
      }
      if (!kb_queue_.empty()) {
        kb_waker_ = -1;
        *out = PopScancode(o.device);
        return true;
      }
      return false;
    }
    default: break;
  }
  Fault("internal error: unknown leaf future");
}

}  // namespace aws::emu
