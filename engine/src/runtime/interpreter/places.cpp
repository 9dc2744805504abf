// Places and values: where an IR place lives (object, slot, path), reading and writing it, and
// following references.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

bool Emulator::IsCaptureByRef(int frame, int slot) const {
  if (frame < 0 || static_cast<size_t>(frame) >= objs_.size()) return false;
  const int body = objs_[frame].body;
  if (body < 0 || static_cast<size_t>(body) >= P.ir.size()) return false;
  const std::vector<Slot>& slots = P.ir[body].slots;
  return slot >= 0 && static_cast<size_t>(slot) < slots.size() && slots[slot].is_capture_by_ref;
}

Value& Emulator::At(const Loc& l) {
  if (l.obj < 0 || l.obj >= static_cast<int>(objs_.size()) || l.slot < 0 ||
      l.slot >= static_cast<int>(objs_[l.obj].slots.size()))
    FaultHere("dereference of an invalid pointer");
  Touch(objs_[l.obj], l.slot);
  Value* v = &objs_[l.obj].slots[l.slot];
  for (int32_t i : l.path) {
    if (i < 0 || i >= static_cast<int32_t>(v->v.size())) FaultHere("dereference of a dangling reference");
    v = &v->v[i];
  }
  return *v;
}

Loc Emulator::Locate(int frame, const Place& pl) {
  Loc l{frame, pl.slot, {}};
  // A variable a non-`move` closure or block captured is used in place: its slot in the
  // closure holds a reference to the captured variable, so `count += 1` changes the caller's.
  if (IsCaptureByRef(frame, pl.slot)) {
    const Value& r = objs_[frame].slots[pl.slot];
    if (r.k == Value::K::Ref && r.obj >= 0) l = Loc{r.obj, r.slot, r.path};
  }
  for (const Projection& pr : pl.proj) {
    Value& cur = At(l);
    switch (pr.kind) {
      case Projection::Kind::Field: {
        if (cur.k != Value::K::Struct) FaultHere(fmt::format("field `{}` of a value that is not a struct", pr.name));
        auto it = std::find(cur.names.begin(), cur.names.end(), pr.name);
        if (it == cur.names.end()) FaultHere(fmt::format("no field `{}`", pr.name));
        l.path.push_back(static_cast<int32_t>(it - cur.names.begin()));
        break;
      }
      case Projection::Kind::TupleIndex:
        l.path.push_back(static_cast<int32_t>(pr.index));
        break;
      case Projection::Kind::Index: {
        int64_t idx = objs_[frame].slots[pr.index_slot].i;
        if (cur.k != Value::K::Array) FaultHere("indexing a value that is not an array or vector");
        if (idx < 0 || idx >= static_cast<int64_t>(cur.v.size()))
          Panic(fmt::format("index out of bounds: the len is {} but the index is {}", cur.v.size(), idx));
        l.path.push_back(static_cast<int32_t>(idx));
        break;
      }
      case Projection::Kind::Deref: {
        if (IsLibPointer(cur)) {  // `*arc`, `*guard`: the value inside
          Loc inner{cur.obj, cur.slot, cur.path};
          if (cur.mode == kLibGuard) inner.path.push_back(0);
          l = std::move(inner);
          break;
        }
        if (cur.k == Value::K::RawPtr && cur.i == 0) FaultHere("dereference of a null pointer");
        if (cur.k != Value::K::Ref && cur.k != Value::K::RawPtr) FaultHere("dereference of a value that is not a pointer");
        if (cur.k == Value::K::RawPtr && cur.obj < 0)
          FaultHere(fmt::format("undefined behaviour: dereference of the address 0x{:X}, where no value lives (a pointer "
                            "made from an integer)", static_cast<uint64_t>(cur.i)));
        Loc target{cur.obj, cur.slot, cur.path};
        if (mem_on_ && cur.addr != 0) {
          uint64_t now = AddrOf(cur.obj, cur.slot, cur.path);
          Value p = cur;
          if (now != 0 && now != cur.addr) target = DanglingDeref(p, now);
          else target = MovedOutDeref(p, target);
        }
        l = std::move(target);
        break;
      }
      case Projection::Kind::VariantField:
        if (cur.k != Value::K::Variant || cur.s != pr.name) FaultHere(fmt::format("value is not `{}`", pr.name));
        l.path.push_back(static_cast<int32_t>(pr.index));
        break;
    }
  }
  return l;
}

Value Emulator::Read(int frame, const Operand& o) {
  const IrBody& ir = P.ir[objs_[frame].body];
  switch (o.kind) {
    case Operand::Kind::Const: return ConstValue(ir.constants[o.constant]);
    case Operand::Kind::Ref: {
      Loc l = Locate(frame, o.place);
      Value r = Value::Make(Value::K::Ref);
      r.obj = l.obj;
      r.slot = l.slot;
      r.path = l.path;
      r.i = o.is_mut;
      if (mem_on_) r.addr = AddrOf(l.obj, l.slot, l.path);
      return r;
    }
    case Operand::Kind::Copy: case Operand::Kind::Move: {
      Loc l = Locate(frame, o.place);
      Value& v = At(l);
      if (!v.Usable()) {
        const std::string& name = ir.slots[o.place.slot].name;
        Fault(fmt::format("internal error: `{}` was read but holds no value ({}); the lowering did not save it",
                          name, v.k == Value::K::Moved ? "moved out" : "not saved across an await"));
      }
      Value out = v;
      bool through_ref = std::any_of(o.place.proj.begin(), o.place.proj.end(),
                                     [](const Projection& p) { return p.kind == Projection::Kind::Deref; });
      if (o.kind == Operand::Kind::Move && !through_ref) {
        v = Value::Make(Value::K::Moved);
        // The bytes stay where they were: a pointer to the old place still finds them.
        if (mem_on_ && HoldsPointerOrAggregate(out)) v.v.push_back(out);
      }
      return out;
    }
  }
  return Value::Unit();
}

Value Emulator::ConstValue(const Constant& c) {
  switch (c.kind) {
    case Constant::Kind::Unit: return Value::Unit();
    case Constant::Kind::Int: return Value::Int(static_cast<int64_t>(c.int_value));
    case Constant::Kind::Bool: return Value::Bool(c.int_value != 0);
    case Constant::Kind::Char: { Value v = Value::Make(Value::K::Char); v.i = static_cast<int64_t>(c.int_value); return v; }
    case Constant::Kind::Str: return Value::Str(c.str);
    case Constant::Kind::None: return Value::Variant("None");
    case Constant::Kind::PollPending: return Value::Variant("Pending");
    case Constant::Kind::PhantomPinned: return Value::Make(Value::K::Phantom);
    case Constant::Kind::NullPtr: { Value v = Value::Make(Value::K::RawPtr); v.i = 0; return v; }
  }
  return Value::Unit();
}

// Follows references (and boxes) to the value they point at.
Value& Emulator::Deref(Value& v) {
  Value* cur = &v;
  for (int guard = 0; (cur->k == Value::K::Ref || IsLibPointer(*cur)) && guard < 64; ++guard) {
    Loc l{cur->obj, cur->slot, cur->path};
    if (cur->k == Value::K::Struct && cur->mode == kLibGuard) l.path.push_back(0);  // the Mutex's value
    cur = &At(l);
  }
  return *cur;
}

Value Emulator::Load(const Value& v) {
  Value copy = v;
  return Deref(copy);
}

TypeRef Emulator::SlotType(int frame, const Place& p) {
  const IrBody& ir = P.ir[objs_[frame].body];
  return p.IsWholeSlot() ? ir.slots[p.slot].type : nullptr;
}

void Emulator::Write(int frame, const Place& dst, Value v) {
  Loc l = Locate(frame, dst);
  bool pointer = mem_on_ && HoldsPointer(v);
  if (script_wakers_ > 0) WakersWritten(l, v);  // futures/task_api.cpp
  At(l) = std::move(v);
  if (pointer) MemWritePlace(l);
}

}  // namespace aws::emu
