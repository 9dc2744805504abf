// Hand-written futures: a script struct with `impl Future`, polled by calling its `poll` with
// `Pin<&mut Self>` and `&mut Context<'_>`. When such a struct is first used as a future (awaited,
// spawned, joined, polled by hand) it becomes an object of its own, which keeps the struct (the
// future's state) in slot 0 and, during a poll, the Context in slot 1.
#include <fmt/format.h>

#include "runtime/emulator.h"

namespace aws::emu {

int Emulator::FutureObjectOf(Value& v) {
  Value& x = Deref(v);
  if (x.k == Value::K::Future) return static_cast<int>(x.i);
  if (x.k == Value::K::Struct) {
    const StructDecl* sd = P.checked->module.FindStruct(x.s);
    auto it = sd ? P.checked->hand_written.find(sd) : P.checked->hand_written.end();
    if (it != P.checked->hand_written.end()) {
      Obj o;
      o.k = Obj::K::HandWritten;
      o.body = P.checked->fn_body.at(it->second.poll);
      o.slots = {x, Value()};
      int id = NewObj(std::move(o), x.s, ObjectKind::Leaf);
      x = Value::Future(id);  // `x` stays valid: objs_ is a deque
      return id;
    }
  }
  Fault("internal error: using a value that is not a future as one");
}

bool Emulator::PollHandWritten(int id, int waker, Value* out) {
  Value waker_value = Value::Make(Value::K::Waker);
  waker_value.i = waker;
  Value cx = Value::Make(Value::K::Context);
  cx.v.push_back(waker_value);
  objs_[id].slots[1] = std::move(cx);
  Value self = Value::Make(Value::K::Ref);  // Pin<&mut Self>: the struct where it is pinned
  self.obj = id;
  self.slot = 0;
  self.i = 1;
  Value cx_ref = self;                      // &mut Context<'_>
  cx_ref.slot = 1;
  Value r = Load(CallBody(objs_[id].body, {self, cx_ref}, {}));
  objs_[id].slots[1] = Value();  // the Context lives for one poll
  if (r.k == Value::K::Variant && r.s == "Ready" && !r.v.empty()) {
    *out = r.v[0];
    // Its owner drops a future once it returned Ready (`.await`, join, the executor): so go the
    // wakers it still holds.
    if (script_wakers_ > 0) DropWakersIn(objs_[id].slots[0]);
    return true;
  }
  if (cur_task_ >= 0) last_pending_hand_written_[cur_task_] = id;
  return false;
}

}  // namespace aws::emu
