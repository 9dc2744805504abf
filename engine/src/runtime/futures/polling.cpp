// Polling: one poll of any future (recorded as PollBegin/PollEnd), and of a state machine.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

bool Emulator::Poll(int id, int waker, Value* out) {
  if (id < 0 || id >= static_cast<int>(objs_.size())) Fault("internal error: polling an unknown future");
  int d = depth_;
  if (!poll_stack_.empty() && T.objects[id].parent < 0 && poll_stack_.back() != id) T.objects[id].parent = poll_stack_.back();
  if (T.objects[id].task < 0) T.objects[id].task = cur_task_;
  if (mem_on_) {
    MaybeInjectedMove(id);
    // poll takes Pin<&mut Self>: from its first poll on, a future is pinned where it is.
    if (static_cast<size_t>(id) < home_.size() && home_[id] >= 0)
      if (MemBlock* b = mem_.Find(home_[id])) b->pinned = true;
  }
  EmitPollBegin(id, d);
  poll_stack_.push_back(id);
  ++depth_;
  bool ready = false;
  Obj& o = objs_[id];
  if (o.done && o.k == Obj::K::Machine) {
    int saved = cur_machine_;
    cur_machine_ = id;
    Panic("poll called after Poll::Ready was returned", false);
    cur_machine_ = saved;
  }
  if (o.k == Obj::K::Machine) ready = PollMachine(id, waker, out);
  else if (o.k == Obj::K::Leaf) ready = PollLeaf(id, waker, out);
  else if (o.k == Obj::K::HandWritten) ready = PollHandWritten(id, waker, out);
  else ready = PollCombinator(id, waker, out);
  --depth_;
  poll_stack_.pop_back();
  if (ready) objs_[id].done = true;
  EmitPollEnd(id, d, ready ? out : nullptr);
  if (mem_on_) {
    ++Side(polls_of_, id, 0);
    if (objs_[id].k == Obj::K::Machine) FreeFrameBlock(id);
  }
  return ready;
}

bool Emulator::PollMachine(int id, int waker, Value* out) {
  int saved_machine = cur_machine_;
  cur_machine_ = id;
  Obj& o = objs_[id];
  const IrBody& ir = P.ir[o.body];
  int block = 0;
  if (o.state > 0) {
    // Resume at the await this state stands for: poll its future again.
    block = ir.await_blocks[o.state - 1];
  }
  bool returned = Execute(id, block, waker, /*resume=*/objs_[id].state > 0);
  if (returned) {
    *out = objs_[id].slots[ir.return_slot];
    if (lib_drops_on_) {  // the parameters the body did not move out go as it returns (an `Rc` of an async fn's)
      const Body& b = P.checked->bodies[objs_[id].body];
      for (size_t i = 0; i < b.locals.size() && i < objs_[id].slots.size(); ++i) {
        Value& v = objs_[id].slots[i];
        // and a tokio channel end an async block captured by value (its receiver sees the sender go)
        const bool captured_end = b.locals[i].capture_of >= 0 && !ir.slots[i].is_capture_by_ref &&
                                  IsTokioChannelType(ir.slots[i].type);
        if ((!b.locals[i].is_param && !captured_end) || !v.Usable() || i == static_cast<size_t>(ir.return_slot)) continue;
        Value gone = v;
        v = Value::Make(Value::K::Moved);
        DropLibraryValue(gone, ir.slots[i].type);
      }
    }
    const Machine& m = P.machines[objs_[id].machine];
    Transition(id, static_cast<int>(m.states.size()) - 2);
  }
  cur_machine_ = saved_machine;
  return returned;
}

}  // namespace aws::emu
