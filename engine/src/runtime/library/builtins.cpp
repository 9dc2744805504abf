// The built-in library: String, Vec, Option/Result, Box, Pin, mem::replace/swap, Duration and
// iterator methods; the built-ins that make futures are in futures/future_builtins.cpp.
#include <fmt/format.h>

#include <algorithm>

#include "awaitscope/library_types.h"
#include "runtime/emulator.h"

namespace aws::emu {

Value Emulator::CallBuiltin(const Builtin& b, std::vector<Value>& a, int waker) {
  (void)waker;
  if (IsLibraryBuiltin(b.id)) {
    Value r = CallLibraryBuiltin(b, a);
    if (cur_task_ < 0 && depth_ == 0 && main_thread_body_ >= 0) TraceExecutorQueue(b, a, r);  // a scripted executor's queue
    return r;
  }
  if (IsOptionResultBuiltin(b.id)) return CallOptionResultBuiltin(b, a);
  if (IsNetworkBuiltin(b.id)) return CallNetworkBuiltin(b, a);  // devices/network.cpp
  if (b.id == BuiltinId::SliceRange) return SliceOf(a[0], Load(a[1]));
  auto self = [&]() -> Value& { return Deref(a[0]); };
  switch (b.id) {
    case BuiltinId::BoxNew: case BuiltinId::BoxPin: {
      Obj o;
      o.k = Obj::K::Box;
      o.slots.push_back(a[0]);
      int id = NewObj(std::move(o), "Box", ObjectKind::Leaf);
      Value r = Value::Make(Value::K::Ref);
      r.obj = id;
      r.slot = 0;
      if (mem_on_) {
        AllocBox(id, pending_box_type_, objs_[id].slots[0], b.id == BuiltinId::BoxPin);
        r.addr = AddrOf(id, 0, {});
      }
      return r;
    }
    case BuiltinId::MemReplace: {
      Value& place = Deref(a[0]);
      Value old = place;
      place = a[1];
      if (mem_on_) MemReplaced(a[0], nullptr);
      return old;
    }
    case BuiltinId::MemSwap:
      std::swap(Deref(a[0]), Deref(a[1]));
      if (mem_on_) MemReplaced(a[0], &a[1]);
      return Value::Unit();
    case BuiltinId::DurationMillis: return Duration(Load(a[0]).i);
    // virtual time counts whole milliseconds: the nanoseconds below one are dropped
    case BuiltinId::DurationNew: return Duration(Load(a[0]).i * 1000 + Load(a[1]).i / 1000000);
    case BuiltinId::DurationSecs: return Duration(Load(a[0]).i * 1000);
    case BuiltinId::ErrorNew: { Value e = Value::Make(Value::K::Error); e.s = Load(a[0]).s; return e; }
    case BuiltinId::IoErrorKindConst: return Value::Variant(std::string(b.name.substr(b.name.rfind("::") + 2)));
    case BuiltinId::IoErrorKind: {  // an error made by a device says its kind in v[0]; `Error::new` is `Other`
      const Value& e = self();
      return Value::Variant(!e.v.empty() && e.v[0].k == Value::K::Str ? e.v[0].s : "Other");
    }
    case BuiltinId::StringNew: return Value::Str("");
    case BuiltinId::StringFrom: return Value::Str(Load(a[0]).s);
    case BuiltinId::VecNew: { Value v = Value::Make(Value::K::Array); v.s = "vec"; return v; }
    case BuiltinId::Drop:
      if (script_wakers_ > 0) DropWakersIn(a[0]);  // `drop(waker)`
      if (a[0].k == Value::K::Future) DropScriptFuture(static_cast<int>(a[0].i));
      return Value::Unit();
    case BuiltinId::PinAsMut: {
      // `Pin::as_mut(&mut pinned_box)`: a `Pin<&mut T>` to the box's contents.
      Value r = a[0];
      if (r.k == Value::K::Ref && r.obj >= 0) {
        const Value& inner = At(Loc{r.obj, r.slot, r.path});
        if (inner.k == Value::K::Ref) return inner;
      }
      return r;
    }
    case BuiltinId::PinGetUncheckedMut: case BuiltinId::AsMut: return a[0];
    case BuiltinId::EitherLeft: case BuiltinId::EitherRight: return a[0];
    case BuiltinId::Len: return Value::Int(static_cast<int64_t>(self().k == Value::K::Str ? self().s.size() : self().v.size()));
    case BuiltinId::IsEmpty: return Value::Bool(self().k == Value::K::Str ? self().s.empty() : self().v.empty());
    case BuiltinId::ToString: return Value::Str(Show(self(), false));
    case BuiltinId::ToUppercase: {
      std::string s = self().s;
      for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return Value::Str(s);
    }
    case BuiltinId::Clone: return Load(a[0]);
    case BuiltinId::PushStr: self().s += Load(a[1]).s; return Value::Unit();
    case BuiltinId::Push:
      if (self().v.size() >= kMaxElements) FaultHere(fmt::format("a vector grew past the emulator's limit of {} elements (allocation without bound?)", kMaxElements));
      self().v.push_back(a[1]);
      return Value::Unit();
    case BuiltinId::Pop: {
      Value& v = self();
      if (v.v.empty()) return Value::Variant("None");
      Value last = v.v.back();
      v.v.pop_back();
      return Value::Variant("Some", {last});
    }
    case BuiltinId::Iter: {
      Value it = Value::Make(Value::K::Iter);
      it.mode = 0;
      it.end = static_cast<int64_t>(self().v.size());
      Value src = a[0];
      if (src.k == Value::K::Ref && IsLibPointer(At(Loc{src.obj, src.slot, src.path}))) {
        // `cell.borrow().iter()`, `guard.iter()`: the elements are the ones the guard points at
        const Loc at = PointeeLoc(src);
        src = Value::Make(Value::K::Ref);
        src.obj = at.obj;
        src.slot = at.slot;
        src.path = at.path;
      }
      it.v.push_back(src);
      return it;
    }
    case BuiltinId::Rev: { Value it = Load(a[0]); Reverse(it); return it; }
    case BuiltinId::IntoIter: return IntoIterValue(a[0]);
    case BuiltinId::IterMut: {
      Value it = Value::Make(Value::K::Iter);
      it.mode = kIterBorrowed;
      it.end = static_cast<int64_t>(self().v.size());
      it.v.push_back(a[0]);
      return it;
    }
    case BuiltinId::IterMap: return Adapter(kIterMap, {Load(a[0]), a[1]});
    case BuiltinId::Filter: return Adapter(kIterFilter, {Load(a[0]), a[1]});
    case BuiltinId::Enumerate: return Adapter(kIterEnumerate, {Load(a[0])});
    case BuiltinId::Zip: return Adapter(kIterZip, {Load(a[0]), IntoIterValue(a[1])});
    case BuiltinId::Next: case BuiltinId::Count: case BuiltinId::Sum: case BuiltinId::Any: case BuiltinId::All:
    case BuiltinId::Collect:
      return ConsumeIter(b.id, a);
    case BuiltinId::Unwrap: case BuiltinId::Expect: {
      Value v = Load(a[0]);
      if (v.s == "Some" || v.s == "Ok") return v.v[0];
      if (b.id == BuiltinId::Expect) Panic(Load(a[1]).s + (v.s == "Err" ? ": " + Show(v.v[0], true) : ""));
      Panic(v.s == "None" ? "called `Option::unwrap()` on a `None` value"
                          : "called `Result::unwrap()` on an `Err` value: " + Show(v.v[0], true));
    }
    case BuiltinId::UnwrapOr: { Value v = Load(a[0]); return v.s == "Some" || v.s == "Ok" ? v.v[0] : a[1]; }
    case BuiltinId::Take: {  // Option::take: the value out, `None` in
      Value taken = self();
      self() = Value::Variant("None");
      return taken;
    }
    case BuiltinId::ResultOk: {
      Value v = Load(a[0]);
      return v.s == "Ok" ? Value::Variant("Some", {v.v[0]}) : Value::Variant("None");
    }
    case BuiltinId::IsSome: return Value::Bool(self().s == "Some");
    case BuiltinId::IsNone: return Value::Bool(self().s == "None");
    case BuiltinId::IsOk: return Value::Bool(self().s == "Ok");
    case BuiltinId::IsErr: return Value::Bool(self().s == "Err");
    case BuiltinId::Get: {
      int64_t i = Load(a[1]).i;
      if (i < 0 || i >= static_cast<int64_t>(self().v.size())) return Value::Variant("None");
      Value r = a[0];
      if (r.k != Value::K::Ref) return Value::Variant("Some", {self().v[i]});
      r.path.push_back(static_cast<int32_t>(i));
      if (mem_on_) r.addr = ElementAddr(a[0], r);
      return Value::Variant("Some", {r});
    }
    case BuiltinId::Contains: return Value::Bool(self().s.find(Load(a[1]).s) != std::string::npos);
    case BuiltinId::AsStr: return Value::Str(self().s);
    case BuiltinId::AsMillis: return Value::Int(self().i);
    case BuiltinId::DurationAsSecs: return Value::Int(self().i / 1000);
    default: break;
  }
  bool handled = false;
  Value r = CallTaskBuiltin(b, a, &handled);  // Context, Waker, Poll, Pin (futures/task_api.cpp)
  if (handled) return r;
  return CallFutureBuiltin(b, a);
}

}  // namespace aws::emu
