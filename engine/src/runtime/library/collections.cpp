// std::collections and crossbeam_queue for plain code: `VecDeque` (an Array), `BTreeMap` (an
// Array of (key, value) tuples kept sorted by key) with its `entry`, and `ArrayQueue` (a
// bounded Array). See LibMode in emulator.h for the values.
#include <fmt/format.h>

#include "awaitscope/library_types.h"
#include "runtime/emulator.h"

namespace aws::emu {
namespace {

// Rust's derived `Ord`: integers, chars and bools by value, strings by bytes, tuples, arrays and
// structs field by field, enums by variant name then payload.
int Compare(const Value& a, const Value& b, int depth = 0) {
  if (depth > 16) return 0;
  if (a.k != b.k) return a.k < b.k ? -1 : 1;
  switch (a.k) {
    case Value::K::Int: case Value::K::Bool: case Value::K::Char: case Value::K::Duration:
      return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
    case Value::K::Str: return a.s.compare(b.s) < 0 ? -1 : a.s == b.s ? 0 : 1;
    case Value::K::Variant:
      if (a.s != b.s) return a.s < b.s ? -1 : 1;
      [[fallthrough]];
    case Value::K::Tuple: case Value::K::Array: case Value::K::Struct:
      for (size_t i = 0; i < a.v.size() && i < b.v.size(); ++i)
        if (int c = Compare(a.v[i], b.v[i], depth + 1)) return c;
      return a.v.size() < b.v.size() ? -1 : a.v.size() > b.v.size() ? 1 : 0;
    default: return 0;
  }
}

// The first entry whose key is not below `key`.
size_t LowerBound(const Value& map, const Value& key) {
  size_t lo = 0, hi = map.v.size();
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (Compare(map.v[mid].v[0], key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

bool Found(const Value& map, size_t at, const Value& key) {
  return at < map.v.size() && Compare(map.v[at].v[0], key) == 0;
}

}  // namespace

Value Emulator::CallCollectionBuiltin(const Builtin& b, std::vector<Value>& a) {
  auto self = [&]() -> Value& { return Deref(a[0]); };
  auto grow = [&](const Value& seq, const char* what) {
    if (seq.v.size() >= kMaxElements)
      FaultHere(fmt::format("a {} grew past the emulator's limit of {} elements (allocation without bound?)", what,
                            kMaxElements));
  };
  // A reference to entry `i` of the map the receiver designates.
  auto entry_ref = [&](size_t i, int32_t part, bool is_mut) {
    Loc l = PointeeLoc(a[0]);
    Value r = Value::Make(Value::K::Ref);
    r.obj = l.obj;
    r.slot = l.slot;
    r.path = l.path;
    r.path.push_back(static_cast<int32_t>(i));
    r.path.push_back(part);
    r.i = is_mut;
    return r;
  };
  switch (b.id) {
    case BuiltinId::VecDequeNew: case BuiltinId::VecDequeWithCapacity: {
      Value v = Value::Make(Value::K::Array);
      v.s = "vec";
      return v;
    }
    case BuiltinId::BTreeMapNew: {
      Value v = Value::Make(Value::K::Array);
      v.s = "map";
      return v;
    }
    case BuiltinId::ArrayQueueNew: {
      int64_t cap = Load(a[0]).i;
      if (cap <= 0) Panic("capacity must be non-zero");
      Value v = Value::Make(Value::K::Array);
      v.s = "arrayqueue";
      v.end = cap;
      return v;
    }
    case BuiltinId::PushBack: grow(self(), "VecDeque"); self().v.push_back(a[1]); return Value::Unit();
    case BuiltinId::PushFront: grow(self(), "VecDeque"); self().v.insert(self().v.begin(), a[1]); return Value::Unit();
    case BuiltinId::PopFront: case BuiltinId::QueuePop: {
      Value& q = self();
      if (q.v.empty()) return Value::Variant("None");
      Value first = std::move(q.v.front());
      q.v.erase(q.v.begin());
      return Value::Variant("Some", {first});
    }
    case BuiltinId::PopBack: {
      Value& q = self();
      if (q.v.empty()) return Value::Variant("None");
      Value last = std::move(q.v.back());
      q.v.pop_back();
      return Value::Variant("Some", {last});
    }
    case BuiltinId::QueuePush: {
      Value& q = self();
      if (static_cast<int64_t>(q.v.size()) >= q.end) return Value::Variant("Err", {a[1]});
      q.v.push_back(a[1]);
      return Value::Variant("Ok", {Value::Unit()});
    }
    case BuiltinId::IsFull: return Value::Bool(static_cast<int64_t>(self().v.size()) >= self().end);
    case BuiltinId::MapInsert: {
      Value& m = self();
      Value key = Load(a[1]);
      size_t at = LowerBound(m, key);
      if (Found(m, at, key)) {
        Value old = std::move(m.v[at].v[1]);
        m.v[at].v[1] = a[2];
        return Value::Variant("Some", {old});
      }
      grow(m, "BTreeMap");
      Value pair = Value::Make(Value::K::Tuple);
      pair.v = {key, a[2]};
      m.v.insert(m.v.begin() + static_cast<std::ptrdiff_t>(at), std::move(pair));
      return Value::Variant("None");
    }
    case BuiltinId::MapGet: case BuiltinId::MapGetMut: case BuiltinId::MapContainsKey: case BuiltinId::MapRemove: {
      Value& m = self();
      Value key = Load(a[1]);
      size_t at = LowerBound(m, key);
      bool found = Found(m, at, key);
      if (b.id == BuiltinId::MapContainsKey) return Value::Bool(found);
      if (!found) return Value::Variant("None");
      if (b.id == BuiltinId::MapRemove) {
        Value old = std::move(m.v[at].v[1]);
        m.v.erase(m.v.begin() + static_cast<std::ptrdiff_t>(at));
        return Value::Variant("Some", {old});
      }
      return Value::Variant("Some", {entry_ref(at, 1, b.id == BuiltinId::MapGetMut)});
    }
    case BuiltinId::MapEntry: {
      Value e = Value::Make(Value::K::Struct);
      e.mode = kLibEntry;
      e.s = "Entry";
      Loc l = PointeeLoc(a[0]);
      Value map = Value::Make(Value::K::Ref);
      map.obj = l.obj;
      map.slot = l.slot;
      map.path = l.path;
      map.i = 1;
      e.v = {map, Load(a[1])};
      return e;
    }
    case BuiltinId::EntryOrInsertWith: {
      Value e = Load(a[0]);
      if (e.mode != kLibEntry) Fault("internal error: `or_insert_with` of a value that is not an entry");
      Loc l{e.v[0].obj, e.v[0].slot, e.v[0].path};
      size_t at = LowerBound(At(l), e.v[1]);
      if (!Found(At(l), at, e.v[1])) {
        Value made = CallClosure(a[1], {});  // may grow the object table: find the map again after
        Value& m = At(l);
        grow(m, "BTreeMap");
        Value pair = Value::Make(Value::K::Tuple);
        pair.v = {e.v[1], made};
        m.v.insert(m.v.begin() + static_cast<std::ptrdiff_t>(at), std::move(pair));
      }
      Value r = e.v[0];
      r.path.push_back(static_cast<int32_t>(at));
      r.path.push_back(1);
      return r;
    }
    case BuiltinId::MapIter: {
      Loc l = PointeeLoc(a[0]);
      Value map = Value::Make(Value::K::Ref);
      map.obj = l.obj;
      map.slot = l.slot;
      map.path = l.path;
      Value base = Value::Make(Value::K::Iter);
      base.mode = kIterBorrowed;
      base.end = static_cast<int64_t>(At(l).v.size());
      base.v.push_back(map);
      return Adapter(kIterPairs, {base});
    }
    default: break;
  }
  Fault(fmt::format("internal error: library built-in `{}` is not available at run time", b.name));
}

}  // namespace aws::emu
