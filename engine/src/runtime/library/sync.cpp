// std::sync for plain code: `Arc` (a heap object with a strong count), `Mutex` and its guard
// (the guard's drop unlocks), and the mpsc channels (`channel`, `sync_channel`). Dropping is
// done where the script's scopes end (DropAtScopeEnd) and by `drop(x)`.
//
// A `lock()` of a held mutex, a `recv()` on an empty channel whose senders live and a `send()` on
// a full `sync_channel` block the calling thread (WaitFor, devices/threads.cpp) until another
// thread changes that; when no thread can, the run ends as a deadlock naming who waits on what.
#include <fmt/format.h>

#include "awaitscope/library_types.h"
#include "runtime/emulator.h"

namespace aws::emu {
namespace {

Value LibStruct(LibMode mode, std::string name) {
  Value v = Value::Make(Value::K::Struct);
  v.mode = mode;
  v.s = std::move(name);
  return v;
}

using StructFields = std::map<const StructDecl*, std::vector<TypeRef>>;

// Whether dropping a value of type `t` releases something the runtime counts: an Arc's strong
// count, a guard's lock, a channel end, also inside a script struct's fields (a `Spawner` holding
// its sender, a `Task` holding one).
bool NeedsLibDrop(TypeRef t, const StructFields& fields, int depth = 0) {
  if (!t || depth > 6) return false;
  if (t->kind == TypeKind::Waker) return true;
  if (t->kind == TypeKind::Future && t->fut == FutureKind::OneshotRecv) return true;  // its sender's `send` fails
  if (t->kind == TypeKind::Library)
    return IsTokioChannelEnd(t->name) || t->name == "MutexGuard" || t->name == "Arc" || t->name == "Sender" || t->name == "SyncSender" ||
           t->name == "Receiver" || t->name == "Rc" || t->name == "Ref" || t->name == "RefMut" ||
           ((t->name == "VecDeque" || t->name == "Mutex" || t->name == "RefCell" || t->name == "Cell") &&
            NeedsLibDrop(t->args[0], fields, depth + 1));
  if (t->kind == TypeKind::Tuple || t->kind == TypeKind::Option || t->kind == TypeKind::Vec || t->kind == TypeKind::Array ||
      t->kind == TypeKind::Result) {
    for (TypeRef a : t->args)
      if (NeedsLibDrop(a, fields, depth + 1)) return true;
  }
  if (t->kind == TypeKind::Struct && t->decl) {
    auto it = fields.find(t->decl);
    if (it != fields.end())
      for (TypeRef f : it->second)
        if (NeedsLibDrop(f, fields, depth + 1)) return true;
  }
  return false;
}

}  // namespace

Value& Emulator::LibReceiver(Value& v) {
  Value* cur = &v;
  for (int guard = 0; cur->k == Value::K::Ref && guard < 64; ++guard) cur = &At(Loc{cur->obj, cur->slot, cur->path});
  return *cur;
}

Loc Emulator::PointeeLoc(const Value& v) {
  Value cur = v;
  Loc l;
  for (int guard = 0; guard < 64 && (cur.k == Value::K::Ref || IsLibPointer(cur)); ++guard) {
    l = Loc{cur.obj, cur.slot, cur.path};
    if (cur.k == Value::K::Struct && cur.mode == kLibGuard) l.path.push_back(0);
    cur = At(l);
  }
  return l;
}

void Emulator::DropLibraryValue(const Value& v, TypeRef t) {
  if (!t || !v.Usable()) return;
  if (t->kind == TypeKind::Waker) {
    if (v.k == Value::K::Waker && v.i >= 0) DropWaker(static_cast<int>(v.i));
    return;
  }
  if (t->kind == TypeKind::Future && t->fut == FutureKind::OneshotRecv) {
    DropOneshotReceiver(v);
    return;
  }
  if (t->kind == TypeKind::Library) {
    const std::string& n = t->name;
    if (IsTokioChannelEnd(n) && v.mode == kLibChannelEnd) {
      DropTokioChannelEnd(v, n);
    } else if (n == "MutexGuard" && v.mode == kLibGuard) {
      Value& m = At(Loc{v.obj, v.slot, v.path});
      if (m.mode == kLibMutex) m.i = 0;
    } else if ((n == "Ref" || n == "RefMut") && v.mode == kLibGuard) {
      ReleaseCellBorrow(v, n == "Ref");
    } else if ((n == "Arc" || n == "Rc") && v.mode == kLibArc && v.obj >= 0) {
      Obj& o = objs_[v.obj];
      if (o.strong > 0 && --o.strong == 0 && !o.slots.empty()) DropLibraryValue(o.slots[0], t->args[0]);
    } else if ((n == "Sender" || n == "SyncSender") && v.mode == kLibChannelEnd) {
      if (channels_[v.i].senders > 0) --channels_[v.i].senders;
    } else if (n == "Receiver" && v.mode == kLibChannelEnd) {
      channels_[v.i].receiver = false;
    } else if (n == "VecDeque") {
      for (const Value& e : v.v) DropLibraryValue(e, t->args[0]);
    } else if ((n == "Mutex" || n == "RefCell" || n == "Cell") && !v.v.empty()) {
      DropLibraryValue(v.v[0], t->args[0]);
    }
    return;
  }
  if (t->kind == TypeKind::Tuple) {
    for (size_t i = 0; i < t->args.size() && i < v.v.size(); ++i) DropLibraryValue(v.v[i], t->args[i]);
  } else if (t->kind == TypeKind::Result && t->args.size() == 2 && !v.v.empty() && NeedsLibDrop(t, P.checked->struct_fields)) {
    DropLibraryValue(v.v[0], t->args[v.s == "Ok" ? 0 : 1]);  // `try_borrow_mut()`'s `Ok(RefMut)`
  } else if ((t->kind == TypeKind::Option || t->kind == TypeKind::Vec || t->kind == TypeKind::Array) && NeedsLibDrop(t, P.checked->struct_fields)) {
    for (const Value& e : v.v) DropLibraryValue(e, t->args[0]);
  } else if (t->kind == TypeKind::Struct && t->decl && v.k == Value::K::Struct && v.mode == 0) {
    auto it = P.checked->struct_fields.find(t->decl);
    if (it == P.checked->struct_fields.end() || !NeedsLibDrop(t, P.checked->struct_fields)) return;
    for (size_t i = 0; i < it->second.size() && i < v.v.size(); ++i) DropLibraryValue(v.v[i], it->second[i]);
  }
}

bool Emulator::AnyLibraryDrops() const {
  for (const IrBody& ir : P.ir)
    for (const ScopeEnd& end : ir.scope_ends)
      for (int slot : end.slots)
        if (NeedsLibDrop(ir.slots[slot].type, P.checked->struct_fields)) return true;
  return false;
}

void Emulator::DropAtScopeEnd(int frame, int block, size_t stmt) {
  const int body = objs_[frame].body;
  auto it = lib_drops_.find(body);
  if (it == lib_drops_.end()) {
    std::map<std::pair<int, size_t>, std::vector<int>> ends;
    for (const ScopeEnd& end : P.ir[body].scope_ends)
      for (int slot : end.slots)
        if (NeedsLibDrop(P.ir[body].slots[slot].type, P.checked->struct_fields)) ends[{end.block, end.stmt}].push_back(slot);
    it = lib_drops_.emplace(body, std::move(ends)).first;
  }
  if (it->second.empty()) return;
  auto found = it->second.find({block, stmt});
  if (found == it->second.end()) return;
  for (int slot : found->second) {
    Value& v = objs_[frame].slots[slot];
    if (!v.Usable()) continue;
    Value gone = v;
    v = Value::Make(Value::K::Moved);
    DropLibraryValue(gone, P.ir[body].slots[slot].type);
  }
}

void Emulator::DropConditionTemps(int frame) {
  const IrBody& ir = P.ir[objs_[frame].body];
  for (size_t i = 0; i < ir.slots.size(); ++i) {
    if (!ir.slots[i].is_temp || !NeedsLibDrop(ir.slots[i].type, P.checked->struct_fields)) continue;
    Value& v = objs_[frame].slots[i];
    if (!v.Usable()) continue;
    Value gone = v;
    v = Value::Make(Value::K::Moved);
    DropLibraryValue(gone, ir.slots[i].type);
  }
}

Value Emulator::CallLibraryBuiltin(const Builtin& b, std::vector<Value>& a) {
  if (b.id >= BuiltinId::ThreadSpawn) return CallThreadBuiltin(b, a);
  if (b.id >= BuiltinId::StaticRef && b.id <= BuiltinId::Flush) return CallStaticsBuiltin(b, a);  // statics.cpp
  if (b.id >= BuiltinId::InstantNow && b.id <= BuiltinId::InstantDurationSince) return CallTimeBuiltin(b, a);  // time.cpp
  if (b.id >= BuiltinId::CellNew && b.id <= BuiltinId::RefCellTryBorrowMut) return CallCellBuiltin(b, a);  // cells.cpp
  if (b.id == BuiltinId::StreamIter || b.id == BuiltinId::StreamIterNext) return CallStreamIterBuiltin(b, a);
  if (b.id >= BuiltinId::OneshotChannel && b.id <= BuiltinId::UnboundedSend) return CallTokioChannelBuiltin(b, a);
  switch (b.id) {
    case BuiltinId::ArcNew: {
      Obj o;
      o.k = Obj::K::Box;
      o.slots.push_back(a[0]);
      o.strong = 1;
      const std::string name = b.name.substr(0, 2) == "Rc" ? "Rc" : "Arc";
      int id = NewObj(std::move(o), name, ObjectKind::Leaf);
      Value r = LibStruct(kLibArc, name);
      r.obj = id;
      r.slot = 0;
      return r;
    }
    case BuiltinId::ArcClone: {
      Value& r = LibReceiver(a[0]);
      if (r.mode == kLibArc) ++objs_[r.obj].strong;
      else if (r.mode == kLibChannelEnd) ++channels_[r.i].senders;
      return r;
    }
    case BuiltinId::ArcStrongCount: return Value::Int(objs_[LibReceiver(a[0]).obj].strong);
    case BuiltinId::MutexNew: {
      Value m = LibStruct(kLibMutex, "Mutex");
      m.names = {"data"};
      m.v = {a[0]};
      return m;
    }
    case BuiltinId::MutexLock: {
      Loc at = PointeeLoc(a[0]);
      if (At(at).mode != kLibMutex) Fault("internal error: `lock` of a value that is not a mutex");
      if (b.name == ".try_lock" && At(at).i) return Value::Variant("Err", {Value::Variant("WouldBlock")});
      if (At(at).i) WaitFor([this, at] { return At(at).i == 0; }, -1, fmt::format("in `lock()` on the mutex at {}", PlaceName(a[0])));
      At(at).i = 1;
      Value g = LibStruct(kLibGuard, "MutexGuard");
      g.obj = at.obj;
      g.slot = at.slot;
      g.path = at.path;
      return Value::Variant("Ok", {g});
    }
    case BuiltinId::SyncChannel: case BuiltinId::Channel: {
      ChannelRec c;
      c.bound = b.id == BuiltinId::SyncChannel ? Load(a[0]).i : -1;
      c.name = fmt::format("channel#{}", channels_.size());
      channels_.push_back(std::move(c));
      Value tx = LibStruct(kLibChannelEnd, b.id == BuiltinId::SyncChannel ? "SyncSender" : "Sender");
      tx.i = static_cast<int64_t>(channels_.size()) - 1;
      Value rx = LibStruct(kLibChannelEnd, "Receiver");
      rx.i = tx.i;
      Value pair = Value::Make(Value::K::Tuple);
      pair.v = {tx, rx};
      return pair;
    }
    case BuiltinId::Send: {
      const size_t ch = static_cast<size_t>(LibReceiver(a[0]).i);
      auto refused = [&] {
        Value err = LibStruct(kLibChannelEnd, "SendError");
        err.v = {a[1]};
        return Value::Variant("Err", {err});
      };
      if (!channels_[ch].receiver) return refused();
      if (channels_[ch].bound > 0)
        WaitFor([this, ch] { return !channels_[ch].receiver || static_cast<int64_t>(channels_[ch].items.size()) < channels_[ch].bound; },
                -1, fmt::format("in `send()` for room in {} (full: {} messages)", channels_[ch].name, channels_[ch].bound));
      if (!channels_[ch].receiver) return refused();
      if (channels_[ch].items.size() >= kMaxElements)
        FaultHere(fmt::format("a channel grew past the emulator's limit of {} messages (sending without bound?)",
                              kMaxElements));
      channels_[ch].items.push_back(a[1]);
      const int64_t ticket = ++channels_[ch].sent;
      if (channels_[ch].bound == 0)  // a rendezvous: the sender waits until its message is taken
        WaitFor([this, ch, ticket] { return !channels_[ch].receiver || channels_[ch].received >= ticket; }, -1,
                fmt::format("in `send()` on {} (a `sync_channel(0)`) for a thread to receive", channels_[ch].name));
      return Value::Variant("Ok", {Value::Unit()});
    }
    case BuiltinId::Recv: case BuiltinId::TryRecv: {
      const size_t ch = static_cast<size_t>(LibReceiver(a[0]).i);
      if (b.id == BuiltinId::Recv && channels_[ch].items.empty() && channels_[ch].senders > 0)
        WaitFor([this, ch] { return !channels_[ch].items.empty() || channels_[ch].senders == 0; }, -1,
                fmt::format("in `recv()` on {} (empty, {} sender{} alive)", channels_[ch].name, channels_[ch].senders,
                            channels_[ch].senders == 1 ? "" : "s"));
      ChannelRec& c = channels_[ch];
      if (!c.items.empty()) {
        Value v = std::move(c.items.front());
        c.items.pop_front();
        ++c.received;
        return Value::Variant("Ok", {v});
      }
      if (b.id == BuiltinId::TryRecv) return Value::Variant("Err", {Value::Variant(c.senders > 0 ? "Empty" : "Disconnected")});
      return Value::Variant("Err", {Value::Variant("RecvError")});
    }
    default: break;
  }
  return CallCollectionBuiltin(b, a);
}

}  // namespace aws::emu
