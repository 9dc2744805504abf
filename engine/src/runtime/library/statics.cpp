// Module-level statics and what the blog keeps in them: conquer_once's `OnceCell`, futures'
// `AtomicWaker`, std's `AtomicU64`, and `std::io::stdout()`. A static's value is made once, on
// its first use, by running its initializer; every use is a shared reference to it. The emulated
// machine has one core, so the atomics need no locking and every memory ordering is the same.
#include <fmt/format.h>

#include "runtime/emulator.h"

namespace aws::emu {
namespace {

Value StaticsStruct(std::string name) {
  Value v = Value::Make(Value::K::Struct);
  v.mode = kLibStatic;
  v.s = std::move(name);
  return v;
}

}  // namespace

Value Emulator::StaticRef(size_t k) {
  const auto& fns = P.checked->module.fns;
  if (k >= fns.size() || !fns[k]->is_static) Fault("internal error: a static that does not exist");
  if (statics_obj_ < 0) {
    Obj o;
    o.k = Obj::K::Box;
    o.slots.assign(fns.size(), Value());
    statics_obj_ = NewObj(std::move(o), "statics", ObjectKind::Leaf);
    statics_state_.assign(fns.size(), 0);
  }
  if (statics_state_[k] == 1)
    FaultHere(fmt::format("the initializer of static `{}` uses `{}` itself (a cycle)", fns[k]->name, fns[k]->name));
  if (statics_state_[k] == 0 && fns[k]->is_thread_local) {
    // The key itself: each thread's value is made by its first `with` (LocalKeyWith).
    Value key = StaticsStruct("LocalKey");
    key.i = static_cast<int64_t>(k);
    objs_[statics_obj_].slots[k] = std::move(key);
    statics_state_[k] = 2;
  }
  if (statics_state_[k] == 0) {
    statics_state_[k] = 1;
    int saved_task = cur_task_;
    Value v = CallBody(P.checked->fn_body.at(fns[k].get()), {}, {});
    cur_task_ = saved_task;
    objs_[statics_obj_].slots[k] = std::move(v);
    statics_state_[k] = 2;
  }
  Value r = Value::Make(Value::K::Ref);
  r.obj = statics_obj_;
  r.slot = static_cast<int>(k);
  return r;
}

Value Emulator::CallStaticsBuiltin(const Builtin& b, std::vector<Value>& a) {
  // The receiver's place: statics are changed through `&self`.
  auto self = [&]() -> Value& {
    Value& v = At(PointeeLoc(a[0]));
    if (v.k != Value::K::Struct || v.mode != kLibStatic) Fault(fmt::format("internal error: `{}` of another value", b.name));
    return v;
  };
  switch (b.id) {
    case BuiltinId::StaticRef: return StaticRef(static_cast<size_t>(Load(a[0]).i));
    case BuiltinId::ConstValue: {
      // A `const`: its initializer, evaluated afresh at each use (as rustc inlines it).
      const auto& fns = P.checked->module.fns;
      size_t k = static_cast<size_t>(Load(a[0]).i);
      if (k >= fns.size() || !fns[k]->is_const) Fault("internal error: a constant that does not exist");
      int saved_task = cur_task_;
      Value v = CallBody(P.checked->fn_body.at(fns[k].get()), {}, {});
      cur_task_ = saved_task;
      return v;
    }
    case BuiltinId::LocalKeyWith: {
      // `KEY.with(|v| ..)`: this thread's value of the `thread_local!` (made on its first use
      // here), lent to the closure.
      size_t k = static_cast<size_t>(self().i);
      const auto& fns = P.checked->module.fns;
      std::pair<size_t, int> key{k, CurrentThread()};
      auto it = thread_locals_.find(key);
      int slot;
      if (it != thread_locals_.end()) {
        slot = it->second;
        if (slot < 0)
          FaultHere(fmt::format("the initializer of thread-local `{}` uses `{}` itself (a cycle)", fns[k]->short_name, fns[k]->short_name));
      } else {
        thread_locals_[key] = -1;
        int saved_task = cur_task_;
        Value v = CallBody(P.checked->fn_body.at(fns[k].get()), {}, {});
        cur_task_ = saved_task;
        auto& slots = objs_[statics_obj_].slots;
        slots.push_back(std::move(v));
        slot = static_cast<int>(slots.size()) - 1;
        thread_locals_[key] = slot;
      }
      Value r = Value::Make(Value::K::Ref);
      r.obj = statics_obj_;
      r.slot = slot;
      return CallClosure(a[1], {r});
    }
    case BuiltinId::OnceCellUninit: return StaticsStruct("OnceCell");
    case BuiltinId::AtomicWakerNew: {
      Value v = StaticsStruct("AtomicWaker");
      v.i = -1;
      return v;
    }
    case BuiltinId::AtomicU64New: {
      Value v = StaticsStruct("AtomicU64");
      v.i = Load(a[0]).i;
      return v;
    }
    case BuiltinId::Stdout: return StaticsStruct("Stdout");
    case BuiltinId::Flush: return Value::Variant("Ok", {Value::Unit()});
    case BuiltinId::TryInitOnce: {
      Loc at = PointeeLoc(a[0]);
      if (!self().v.empty()) return Value::Variant("Err", {Value::Variant("AlreadyInit")});
      Value made = CallClosure(a[1], {});
      Value& cell = At(at);  // found again: the closure may have grown the object table
      if (!cell.v.empty()) return Value::Variant("Err", {Value::Variant("AlreadyInit")});
      cell.v.push_back(std::move(made));
      return Value::Variant("Ok", {Value::Unit()});
    }
    case BuiltinId::TryGet: {
      if (self().v.empty()) return Value::Variant("Err", {Value::Variant("Uninit")});
      Loc at = PointeeLoc(a[0]);
      Value r = Value::Make(Value::K::Ref);
      r.obj = at.obj;
      r.slot = at.slot;
      r.path = at.path;
      r.path.push_back(0);
      return Value::Variant("Ok", {r});
    }
    case BuiltinId::AtomicRegister: {
      Value w = Load(a[1]);
      for (int guard = 0; w.k == Value::K::Ref && guard < 8; ++guard) w = Load(w);
      if (w.k != Value::K::Waker) Fault("internal error: `register` of a value that is not a waker");
      Loc at = PointeeLoc(a[0]);
      self().i = w.i;
      bool known = false;
      for (const Loc& l : atomic_wakers_) known = known || (l.obj == at.obj && l.slot == at.slot && l.path == at.path);
      if (!known) atomic_wakers_.push_back(at);
      // Recorded as a device's registration is, for the future being polled: the keyboard's
      // when the script's `add_scancode` is the keyboard's interrupt handler.
      int device = irq_device_ >= 0 ? irq_device_ : ScriptKeyboardHandler() ? Device("keyboard", "keyboard") : -1;
      if (w.i >= 0) EmitWakerRegister(poll_stack_.empty() ? -1 : poll_stack_.back(), static_cast<int>(w.i), device);
      return Value::Unit();
    }
    case BuiltinId::AtomicWake: {
      int w = static_cast<int>(self().i);
      self().i = -1;  // wake takes the waker out: a second wake before the next register does nothing
      if (w >= 0) Wake(w, irq_device_);
      else EmitWakerWake(-2, -1, irq_device_, false, "no waker registered");
      return Value::Unit();
    }
    case BuiltinId::AtomicTake: {
      int w = static_cast<int>(self().i);
      self().i = -1;
      if (w < 0) return Value::Variant("None");
      Value waker = Value::Make(Value::K::Waker);
      waker.i = w;
      return Value::Variant("Some", {waker});
    }
    case BuiltinId::FetchAdd: {
      Value& v = self();
      int64_t old = v.i;
      v.i = static_cast<int64_t>(static_cast<uint64_t>(old) + static_cast<uint64_t>(Load(a[1]).i));
      return Value::Int(old);
    }
    case BuiltinId::AtomicLoad: return Value::Int(self().i);
    default: break;
  }
  Fault(fmt::format("internal error: `{}` is not a statics built-in", b.name));
}

std::string Emulator::ShowStaticsValue(const Value& v, int depth) {
  if (v.s == "OnceCell") return v.v.empty() ? "OnceCell(<uninit>)" : "OnceCell(" + Show(v.v[0], true, depth + 1) + ")";
  if (v.s == "AtomicWaker") return v.i < 0 ? "AtomicWaker(None)" : fmt::format("AtomicWaker(Some(Waker(W{})))", v.i);
  if (v.s == "AtomicU64") return std::to_string(static_cast<uint64_t>(v.i));
  return v.s + " { .. }";
}

const FnDecl* Emulator::ScriptKeyboardHandler() const {
  const FnDecl* f = P.checked->module.FindFn("add_scancode");
  if (!f || f->is_static || f->is_async || f->impl >= 0 || f->params.size() != 1) return nullptr;
  return f;
}

bool Emulator::AtomicWakerHolds(int task) {
  for (const Loc& l : atomic_wakers_) {
    const Value& v = At(l);
    if (v.k == Value::K::Struct && v.mode == kLibStatic && v.i >= 0 && static_cast<size_t>(v.i) < wakers_.size() &&
        wakers_[v.i].task == task)
      return true;
  }
  return false;
}

}  // namespace aws::emu
