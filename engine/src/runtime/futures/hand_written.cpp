// Hand-written futures: a script struct with `impl Future`, polled by calling its `poll` with
// `Pin<&mut Self>` and `&mut Context<'_>`. When such a struct is first used as a future (awaited,
// spawned, joined, boxed) it becomes an object of its own, which keeps the struct (the future's
// state) in slot 0 and, during a poll, the Context in slot 1; polled by hand where it lives
// (`Pin::new(&mut self.inner).poll(cx)`), its object holds a reference to that place instead.
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

int Emulator::HandWrittenInPlace(const Value& pin) {
  Value r = pin;
  for (int guard = 0; r.k == Value::K::Ref && guard < 64; ++guard) {
    const Value& t = At(Loc{r.obj, r.slot, r.path});
    if (t.k != Value::K::Ref) break;
    r = t;
  }
  auto key = std::make_tuple(r.obj, r.slot, r.path);
  if (auto it = in_place_futures_.find(key); it != in_place_futures_.end()) return it->second;
  const Value& x = At(Loc{r.obj, r.slot, r.path});
  const StructDecl* sd = P.checked->module.FindStruct(x.s);
  auto hw = sd ? P.checked->hand_written.find(sd) : P.checked->hand_written.end();
  if (hw == P.checked->hand_written.end()) Fault("internal error: polling a struct that is not a future");
  Obj o;
  o.k = Obj::K::HandWritten;
  o.body = P.checked->fn_body.at(hw->second.poll);
  r.i = 1;
  o.slots = {r, Value()};
  int id = NewObj(std::move(o), x.s, ObjectKind::Leaf);
  in_place_futures_[key] = id;
  return id;
}

bool Emulator::PollHandWritten(int id, int waker, Value* out) {
  Value waker_value = Value::Make(Value::K::Waker);
  waker_value.i = waker;
  Value cx = Value::Make(Value::K::Context);
  cx.v.push_back(waker_value);
  objs_[id].slots[1] = std::move(cx);
  Value here = Value::Make(Value::K::Ref);
  here.obj = id;
  here.slot = 0;
  here.i = 1;
  // Pin<&mut Self>: the struct where it is pinned (in this object, or the place it is polled in).
  Value self = objs_[id].slots[0].k == Value::K::Ref ? objs_[id].slots[0] : here;
  Value cx_ref = here;                      // &mut Context<'_>
  cx_ref.slot = 1;
  Value r = Load(CallBody(objs_[id].body, {self, cx_ref}, {}));
  objs_[id].slots[1] = Value();  // the Context lives for one poll
  if (r.k == Value::K::Variant && r.s == "Ready" && !r.v.empty()) {
    *out = r.v[0];
    // Its owner drops a future once it returned Ready (`.await`, join, the executor): so go the
    // wakers it still holds.
    if (script_wakers_ > 0) DropWakersIn(Load(objs_[id].slots[0]));
    return true;
  }
  if (cur_task_ >= 0) last_pending_hand_written_[cur_task_] = id;
  return false;
}

}  // namespace aws::emu
