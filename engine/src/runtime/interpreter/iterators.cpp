// Iterators: ranges, borrowed and owned element walks, the lazy adapters and their consumers.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

Loc Emulator::Sub(const Loc& l, int32_t i) {
  Loc s = l;
  s.path.push_back(i);
  return s;
}

// Where the iterator a reference points at lives (through references to references).
Loc Emulator::IterLoc(const Value& r) {
  if (r.k != Value::K::Ref) Fault("internal error: an iterator method without its receiver's place");
  Loc l{r.obj, r.slot, r.path};
  for (int guard = 0; At(l).k == Value::K::Ref && guard < 64; ++guard) {
    const Value& in = At(l);
    l = Loc{in.obj, in.slot, in.path};
  }
  return l;
}

bool Emulator::IterNext(const Loc& loc, Value* item) {
  Value& it = At(loc);
  if (it.k != Value::K::Iter) Fault("internal error: not an iterator");
  switch (it.mode) {
    case kIterMap: {
      Value x;
      if (!IterNext(Sub(loc, 0), &x)) return false;
      Value f = At(loc).v[1];
      *item = CallClosure(f, {x});
      return true;
    }
    case kIterFilter:
      for (;;) {
        Value x;
        if (!IterNext(Sub(loc, 0), &x)) return false;
        // The closure gets `&item`: the item waits in the adapter (v[2]) while it looks.
        At(loc).v[2] = x;
        Loc held = Sub(loc, 2);
        Value r = Value::Make(Value::K::Ref);
        r.obj = held.obj;
        r.slot = held.slot;
        r.path = held.path;
        Value f = At(loc).v[1];
        if (Load(CallClosure(f, {r})).i) {
          *item = std::move(At(loc).v[2]);
          At(loc).v[2] = Value::Unit();
          return true;
        }
      }
    case kIterEnumerate: {
      Value x;
      if (!IterNext(Sub(loc, 0), &x)) return false;
      Value pair = Value::Make(Value::K::Tuple);
      pair.v = {Value::Int(At(loc).i++), std::move(x)};
      *item = std::move(pair);
      return true;
    }
    case kIterPairs: {
      Value entry;
      if (!IterNext(Sub(loc, 0), &entry)) return false;
      Value pair = Value::Make(Value::K::Tuple);
      for (int32_t part = 0; part < 2; ++part) {
        Value r = entry;
        r.path.push_back(part);
        pair.v.push_back(std::move(r));
      }
      *item = std::move(pair);
      return true;
    }
    case kIterZip: {
      Value a, b;
      if (!IterNext(Sub(loc, 0), &a) || !IterNext(Sub(loc, 1), &b)) return false;
      Value pair = Value::Make(Value::K::Tuple);
      pair.v = {std::move(a), std::move(b)};
      *item = std::move(pair);
      return true;
    }
    default: return IterAdvance(it, item);
  }
}

// What `into_iter()` (and a `for` loop) makes of a value: borrowed or owned elements.
Value Emulator::IntoIterValue(Value src) {
  if (src.k == Value::K::Iter) return src;
  Value it = Value::Make(Value::K::Iter);
  if (src.k == Value::K::Ref) {
    Value& target = Deref(src);
    if (target.k == Value::K::Iter) return target;
    it.mode = kIterBorrowed;
    it.end = static_cast<int64_t>(target.v.size());
    it.v.push_back(src);
  } else {
    it.mode = kIterOwned;
    it.end = static_cast<int64_t>(src.v.size());
    it.v.push_back(std::move(src));
  }
  return it;
}

Value Emulator::Adapter(IterMode mode, std::vector<Value> parts) {
  Value it = Value::Make(Value::K::Iter);
  it.mode = mode;
  it.v = std::move(parts);
  if (mode == kIterFilter) it.v.push_back(Value::Unit());
  return it;
}

// `.rev()`: the base iterator walks from its end; `map` and `filter` pass `next_back` through.
void Emulator::Reverse(Value& it) {
  if (it.mode == kIterMap || it.mode == kIterFilter) Reverse(it.v[0]);
  else it.rev = !it.rev;
}

// The consumers: they drive the iterator their receiver points at.
Value Emulator::ConsumeIter(BuiltinId id, std::vector<Value>& a) {
  Loc loc = IterLoc(a[0]);
  Value x;
  switch (id) {
    case BuiltinId::Next:
      if (!IterNext(loc, &x)) return Value::Variant("None");
      return Value::Variant("Some", {x});
    case BuiltinId::Count: {
      int64_t n = 0;
      while (IterNext(loc, &x)) ++n;
      return Value::Int(n);
    }
    case BuiltinId::Sum: {
      int64_t total = 0;
      while (IterNext(loc, &x)) total += Load(x).i;
      return Value::Int(total);
    }
    case BuiltinId::Any: case BuiltinId::All: {
      bool any = id == BuiltinId::Any;
      while (IterNext(loc, &x))
        if ((Load(CallClosure(a[1], {x})).i != 0) == any) return Value::Bool(any);  // stops at the first
      return Value::Bool(!any);
    }
    case BuiltinId::Collect: {
      Value v = Value::Make(Value::K::Array);
      v.s = "vec";
      while (IterNext(loc, &x)) {
        if (v.v.size() >= kMaxElements) FaultHere(fmt::format("a vector grew past the emulator's limit of {} elements (an endless iterator?)", kMaxElements));
        v.v.push_back(std::move(x));
      }
      return v;
    }
    default: Fault("internal error: not an iterator consumer");
  }
}

bool Emulator::IterAdvance(Value& it, Value* item) {
  if (it.k != Value::K::Iter) Fault("internal error: not an iterator");
  if (it.i >= it.end) return false;
  int64_t idx = it.rev ? --it.end : it.i++;
  switch (it.mode) {
    case 0: {
      Value r = it.v[0];
      r.path.push_back(static_cast<int32_t>(idx));
      r.i = 0;
      if (mem_on_) r.addr = ElementAddr(it.v[0], r);
      *item = r;
      return true;
    }
    case 1: *item = it.v[0].v[idx]; return true;
    default: *item = Value::Int(idx); return true;
  }
}

}  // namespace aws::emu
