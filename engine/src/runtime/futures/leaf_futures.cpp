// Leaf futures: one poll of a future a device completes (file reads and writes and scenario
// operations here; the timer thread and the scancode stream in devices/) or of one that needs
// no device (ready, yield_now).
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

bool Emulator::PollLeaf(int id, int waker, Value* out) {
  Obj& o = objs_[id];
  switch (o.fut) {
    case FutureKind::ReadFile: case FutureKind::WriteFile: case FutureKind::Sleep: case FutureKind::Op: {
      if (!o.started) {
        if (o.fut == FutureKind::ReadFile || o.fut == FutureKind::WriteFile) {
          DiskStart(id);
        } else {
          StartRequest(id, o.what.empty() ? T.objects[id].name : o.what);
        }
        if (objs_[id].latency == 0 && !objs_[id].completed) Complete(id);
      }
      if (objs_[id].completed) {
        *out = objs_[id].result;
        return true;
      }
      Register(id, waker);
      return false;
    }
    case FutureKind::Timer: return PollTimerFuture(id, waker, out);
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
    case FutureKind::JoinHandle: {  // tokio's: Ready with Ok(output) once its task is done
      TaskRec& t = tasks_[static_cast<size_t>(o.op)];
      if (t.done) {
        *out = Value::Variant("Ok", {static_cast<const Value&>(t.result)});
        return true;
      }
      if (std::find(t.joiners.begin(), t.joiners.end(), id) == t.joiners.end()) t.joiners.push_back(id);
      Register(id, waker);
      return false;
    }
    case FutureKind::Next:  // a `stream::iter`'s (its stream in slot 0) or the keyboard's
      return o.slots.empty() ? PollScancodeNext(id, waker, out) : PollStreamIterNext(id, out);
    case FutureKind::NetBind: case FutureKind::NetAccept: case FutureKind::NetRead: case FutureKind::NetWrite:
      return PollNetLeaf(id, waker, out);
    case FutureKind::OneshotRecv: case FutureKind::ChanSend: case FutureKind::ChanRecv:
      return PollChannelLeaf(id, waker, out);  // library/tokio_channels.cpp
    default: break;
  }
  Fault("internal error: unknown leaf future");
}

}  // namespace aws::emu
