// std::task from script code: `cx.waker()`, cloning, waking and dropping wakers, `will_wake`,
// `Poll::is_ready`/`is_pending`, polling a pinned future by hand, and Pin's constructors. A waker
// of a script is a waker of the runtime (tasks.cpp): it is created, cloned, registered, woken and
// dropped with the same trace events as the built-in executors' and devices' wakers, and a wake
// reaches the executor that made it by that executor's rules (Wake).
#include <fmt/format.h>

#include "runtime/emulator.h"

namespace aws::emu {

namespace {

int WakerIdOf(const Value& w) { return w.k == Value::K::Waker ? static_cast<int>(w.i) : -1; }

}  // namespace

Value Emulator::CallTaskBuiltin(const Builtin& b, std::vector<Value>& a, bool* handled) {
  *handled = true;
  switch (b.id) {
    case BuiltinId::ContextWaker: {
      // `cx.waker()`: a `&Waker` into the Context (which holds it in v[0]).
      Value r = a[0];
      for (int guard = 0; r.k == Value::K::Ref && guard < 64; ++guard) {
        const Value& t = At(Loc{r.obj, r.slot, r.path});
        if (t.k != Value::K::Ref) break;
        r = t;
      }
      if (r.k != Value::K::Ref) Fault("internal error: `waker()` of a value that is not a Context");
      r.path.push_back(0);
      r.i = 0;
      return r;
    }
    case BuiltinId::WakerClone: {
      int of = WakerIdOf(Load(a[0]));
      Value w = Value::Make(Value::K::Waker);
      w.i = -1;
      if (of < 0) return w;  // the busy loop polls without a waker: a no-op one
      if (wakers_[of].scripted) {
        w.i = CloneScriptWaker(of);
        return w;
      }
      wakers_.push_back({wakers_[of].task, true, true});
      w.i = static_cast<int>(wakers_.size()) - 1;
      ++script_wakers_;
      EmitWakerClone(wakers_[of].task, static_cast<int>(w.i), of);
      return w;
    }
    case BuiltinId::WakeByRef: Wake(WakerIdOf(Load(a[0])), -1); return Value::Unit();
    case BuiltinId::Wake: {
      int w = WakerIdOf(Load(a[0]));
      if (w >= 0 && wakers_[w].scripted) {
        WakeScriptWaker(w, -1, "", true);
        return Value::Unit();
      }
      Wake(w, -1);
      DropWaker(w);  // `wake` consumes the waker
      return Value::Unit();
    }
    case BuiltinId::WillWake: {
      int x = WakerIdOf(Load(a[0])), y = WakerIdOf(Load(a[1]));
      bool same = x == y || (x >= 0 && y >= 0 && wakers_[x].task == wakers_[y].task);
      return Value::Bool(same);
    }
    case BuiltinId::IsReady: return Value::Bool(Load(a[0]).s == "Ready");
    case BuiltinId::IsPending: return Value::Bool(Load(a[0]).s == "Pending");
    case BuiltinId::FuturePoll: {
      // `fut.as_mut().poll(cx)`: one poll of the pinned future with the context's waker.
      Value cx = Load(a[1]);
      int waker = cx.k == Value::K::Context && !cx.v.empty() ? WakerIdOf(cx.v[0]) : -1;
      // A hand-written future's struct is polled where it lives (its fields stay readable there).
      int id = Load(a[0]).k == Value::K::Struct ? HandWrittenInPlace(a[0]) : FutureObjectOf(a[0]);
      if (cur_task_ < 0 && depth_ == 0) return PlainPoll(id, waker);  // an executor written in the script
      Value out;
      if (Poll(id, waker, &out)) return Value::Variant("Ready", {out});
      return Value::Variant("Pending");
    }
    case BuiltinId::PinNew: case BuiltinId::PinNewUnchecked: case BuiltinId::PinGetMut: return a[0];
    case BuiltinId::MapUncheckedMut: return CallClosure(a[1], {a[0]});
    default: return CallScriptWakerBuiltin(b, a, handled);
  }
}

void Emulator::DropWakersIn(const Value& v, int depth) {
  if (depth > 64) return;
  switch (v.k) {
    case Value::K::Waker:
      if (v.i >= 0) DropWaker(static_cast<int>(v.i));
      break;
    case Value::K::Struct: case Value::K::Variant: case Value::K::Tuple: case Value::K::Array:
      for (const Value& x : v.v) DropWakersIn(x, depth + 1);
      break;
    default: break;
  }
}

namespace {

void CollectWakers(const Value& v, std::vector<int>* out, int depth = 0) {
  if (depth > 64) return;
  if (v.k == Value::K::Waker && v.i >= 0) out->push_back(static_cast<int>(v.i));
  if (v.k == Value::K::Struct || v.k == Value::K::Variant || v.k == Value::K::Tuple || v.k == Value::K::Array)
    for (const Value& x : v.v) CollectWakers(x, out, depth + 1);
}

}  // namespace

void Emulator::WakersWritten(const Loc& l, const Value& v) {
  DropWakersIn(At(l));
  if (l.obj < 0 || objs_[l.obj].k != Obj::K::HandWritten || l.slot != 0) return;
  std::vector<int> stored;
  CollectWakers(v, &stored);
  for (int w : stored) EmitWakerRegister(l.obj, w, -1);
}

void Emulator::DropFrameWakers(int frame) {
  const Obj& o = objs_[frame];
  const Body& b = P.checked->bodies[o.body];
  int ret = P.ir[o.body].return_slot;
  for (size_t i = 0; i < o.slots.size(); ++i) {
    if (static_cast<int>(i) == ret) continue;                                 // returned to the caller
    if (i < b.locals.size() && b.locals[i].capture_of >= 0) continue;        // the closure keeps it
    DropWakersIn(o.slots[i]);
  }
}

std::string Emulator::WhyStuck(int task) {
  // A waker of the task that something still holds could wake it: a device's, or a script's.
  for (size_t w = 0; w < wakers_.size(); ++w)
    if (wakers_[w].live && wakers_[w].task == task && wakers_[w].cloned)
      return fmt::format("task {} waits forever: its waker W{} is held by script code but never woken", task, w);
  auto it = last_pending_hand_written_.find(task);
  if (it != last_pending_hand_written_.end() && !AtomicWakerHolds(task))
    return fmt::format("task {} waits forever: `{}` returned Poll::Pending without waking its waker or storing it "
                       "where something will wake it",
                       task, T.objects[it->second].name);
  return "";
}

}  // namespace aws::emu
