// Memory tracking (runs with a [memory] table, or scripts using raw pointers, Pin, Box or
// mem::replace/swap): blocks, addresses, moves and dangling pointers.
#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "runtime/emulator.h"

namespace aws::emu {

bool Emulator::UsesMemoryFeatures() const {
  auto pointerish = [](TypeRef t) {
    for (int d = 0; t && d < 4; ++d, t = t->args.empty() ? nullptr : t->args[0])
      if (t->kind == TypeKind::RawPtr || t->kind == TypeKind::Pin || t->kind == TypeKind::Box ||
          t->kind == TypeKind::PhantomPinned)
        return true;
    return false;
  };
  for (const IrBody& ir : P.ir) {
    for (const Slot& s : ir.slots)
      if (pointerish(s.type)) return true;
    for (const Constant& c : ir.constants)
      if (c.kind == Constant::Kind::Str && c.str.find("{:p}") != std::string::npos) return true;
    for (const BasicBlock& b : ir.blocks)
      for (const Statement& st : b.stmts)
        if (st.rv.kind == RvalueKind::Call && st.rv.builtin &&
            (st.rv.builtin->id == BuiltinId::MemReplace || st.rv.builtin->id == BuiltinId::MemSwap))
          return true;
  }
  return false;
}

void Emulator::MemInit() {
  mem_on_ = S.memory.track || UsesMemoryFeatures();
  mem_.next[static_cast<int>(MemRegion::Stack)] = S.memory.stack_base;
  mem_.next[static_cast<int>(MemRegion::Heap)] = S.memory.heap_base;
  mem_.next[static_cast<int>(MemRegion::Tasks)] = S.memory.tasks_base;
  for (const MoveSpec& mv : S.memory.moves)
    if (!P.FindMachine(mv.future))
      D.ReportAt(Severity::Error, S.path, mv.line, 1,
                 fmt::format("[[memory.move]]: the script has no async fn `{}` to move", mv.future), mv.line_text);
}

// Moves that never happened are worth a warning: the lesson did not take place.
void Emulator::MovesNotDone() {
  if (!mem_on_) return;
  for (size_t i = 0; i < S.memory.moves.size(); ++i)
    if (!moves_done_.count(i))
      Note(1, fmt::format("[[memory.move]] of `{}` after {} poll{} did not happen: no such state machine was polled "
                          "that often",
                          S.memory.moves[i].future, S.memory.moves[i].after_polls,
                          S.memory.moves[i].after_polls == 1 ? "" : "s"));
}

int& Emulator::HomeOf(int obj) { return Side(home_, obj, -1); }

int& Emulator::FrameBlockOf(int obj) { return Side(frame_block_, obj, -1); }

const std::vector<SlotHome>& Emulator::Homes(int body) {
  auto it = homes_.find(body);
  if (it != homes_.end()) return it->second;
  const IrBody& ir = P.ir[body];
  std::vector<SlotHome> h(ir.slots.size());
  int mi = body < static_cast<int>(P.machine_of_body.size()) ? P.machine_of_body[body] : -1;
  if (mi >= 0)
    for (const State& st : P.machines[mi].states)
      for (const StateField& f : st.fields)
        if (f.slot >= 0 && f.slot < static_cast<int>(h.size()) && !h[f.slot].in_machine)
          h[f.slot] = {true, f.offset, f.size};
  uint64_t off = 0;
  for (size_t i = 0; i < h.size(); ++i) {
    if (h[i].in_machine) continue;
    Layout l = ir.slots[i].type ? P.LayoutOfType(ir.slots[i].type) : Layout{0, 1};
    off = AlignUp(off, l.align);
    h[i] = {false, off, l.size};
    off += l.size;
  }
  frame_size_[body] = AlignUp(off, 8);
  return homes_.emplace(body, std::move(h)).first->second;
}

// Offset of `path` inside a value of type `t`.
uint64_t Emulator::PathOffset(TypeRef t, const std::vector<int32_t>& path) {
  uint64_t off = 0;
  for (int32_t i : path) {
    // A hand-written future is laid out as its struct.
    while (t && t->kind == TypeKind::Future && t->fut == FutureKind::HandWritten && t->args.size() > 1) t = t->args[1];
    if (!t) return off;
    switch (t->kind) {
      case TypeKind::Array: case TypeKind::Vec: {
        t = t->args[0];
        off += P.LayoutOfType(t).size * static_cast<uint64_t>(std::max(i, 0));
        break;
      }
      case TypeKind::Struct: case TypeKind::Tuple: {
        if (t->kind == TypeKind::Struct && t->decl && t->decl->is_enum) return off;  // approximated: a variant's field is at the enum's address
        std::vector<TypeRef> fields;
        if (t->kind == TypeKind::Tuple) fields = t->args;
        else if (auto f = P.checked->struct_fields.find(t->decl); f != P.checked->struct_fields.end()) fields = f->second;
        std::vector<Layout> ls;
        for (TypeRef f : fields) ls.push_back(P.LayoutOfType(f));
        std::vector<uint64_t> offsets;
        RustStructLayout(ls, &offsets);  // rustc's field order
        if (i >= 0 && i < static_cast<int32_t>(offsets.size())) off += offsets[i];
        t = i >= 0 && i < static_cast<int32_t>(fields.size()) ? fields[i] : nullptr;
        break;
      }
      case TypeKind::Option: case TypeKind::Result: case TypeKind::Poll: {
        TypeRef payload = t->args.empty() ? nullptr : t->args[0];
        // A tag first, unless the enum lives in the payload's niche (same size).
        if (payload && P.LayoutOfType(t).size != P.LayoutOfType(payload).size)
          off += AlignUp(1, P.LayoutOfType(payload).align);
        t = payload;
        break;
      }
      default: return off;
    }
  }
  return off;
}

TypeRef Emulator::SlotTypeOf(int obj, int slot) {
  const Obj& o = objs_[obj];
  if (o.k == Obj::K::Box) return static_cast<size_t>(obj) < box_type_.size() ? box_type_[obj] : nullptr;
  if (o.body < 0 || slot < 0 || slot >= static_cast<int>(P.ir[o.body].slots.size())) return nullptr;
  return P.ir[o.body].slots[slot].type;
}

// The block holding slot `slot` of `obj` (allocating a stack block for frame locals on first
// use); -1 when the object has no memory (leaf futures, combinators).
int Emulator::BlockOfSlot(int obj, int slot) {
  if (obj < 0 || obj >= static_cast<int>(objs_.size())) return -1;
  const Obj& o = objs_[obj];
  if (o.k == Obj::K::Box) return HomeOf(obj);
  if (o.body < 0) return -1;
  const auto& h = Homes(o.body);
  if (o.k == Obj::K::Machine && slot >= 0 && slot < static_cast<int>(h.size()) && h[slot].in_machine)
    return HomeOf(obj);
  if (o.k != Obj::K::Machine && o.k != Obj::K::Frame) return -1;
  int& fb = FrameBlockOf(obj);
  if (fb < 0 && !o.slots.empty()) {
    fb = mem_.Allocate(MemRegion::Stack, frame_size_[o.body], 8);
    MemBlock& b = *mem_.Find(fb);
    b.type_name = fmt::format("locals of {}", P.checked->bodies[o.body].name);
    b.owner = o.k == Obj::K::Machine ? fmt::format("{}#{} (while polled)", T.objects[obj].name, obj)
                                     : fmt::format("{} (call)", T.objects[obj].name);
    b.object = obj;
    block_obj_[fb] = {obj, true};
    MemEmit(EventKind::MemAlloc, fb, static_cast<int64_t>(b.address), static_cast<int64_t>(b.size),
            fmt::format("stack frame for the {} of {}", o.k == Obj::K::Machine ? "locals" : "call",
                        P.checked->bodies[o.body].name),
            {fb});
  }
  return fb;
}

namespace {

// The path to `Value::Future(id)` inside `v` (fields, payloads), appended to `path`.
bool FindFuture(const Value& v, int id, std::vector<int32_t>& path, int depth) {
  if (v.k == Value::K::Future) return v.i == id;
  if (depth > 16) return false;
  for (size_t i = 0; i < v.v.size(); ++i) {
    path.push_back(static_cast<int32_t>(i));
    if (FindFuture(v.v[i], id, path, depth + 1)) return true;
    path.pop_back();
  }
  return false;
}

}  // namespace

bool Emulator::HandWrittenHome(int obj, Loc* home) {
  const int parent = T.objects[obj].parent;
  if (parent < 0 || parent == obj || parent >= static_cast<int>(objs_.size())) return false;
  const Obj& p = objs_[parent];
  if (p.k != Obj::K::Machine && p.k != Obj::K::Frame) return false;
  for (size_t s = 0; s < p.slots.size(); ++s) {
    std::vector<int32_t> path;
    if (FindFuture(p.slots[s], obj, path, 0)) {
      *home = Loc{parent, static_cast<int>(s), std::move(path)};
      return true;
    }
  }
  return false;
}

uint64_t Emulator::AddrOf(int obj, int slot, const std::vector<int32_t>& path) {
  if (obj >= 0 && obj < static_cast<int>(objs_.size()) && objs_[obj].k == Obj::K::HandWritten) {
    // `self` in its poll is the struct where its owner keeps it.
    Loc home;
    if (slot != 0 || !HandWrittenHome(obj, &home)) return 0;
    home.path.insert(home.path.end(), path.begin(), path.end());
    return AddrOf(home.obj, home.slot, home.path);
  }
  int blk = BlockOfSlot(obj, slot);
  const MemBlock* b = blk >= 0 ? mem_.Find(blk) : nullptr;
  if (!b) return 0;
  const Obj& o = objs_[obj];
  uint64_t base = b->address;
  if (o.k != Obj::K::Box) {
    const auto& h = Homes(o.body);
    if (slot < 0 || slot >= static_cast<int>(h.size())) return 0;
    base += h[slot].offset;
  }
  return base + PathOffset(SlotTypeOf(obj, slot), path);
}

// The address a pointer value designates now (offset policy: recomputed from its place).
uint64_t Emulator::PointerTarget(const Value& p) {
  if (p.k == Value::K::RawPtr && p.obj < 0) return static_cast<uint64_t>(p.i);
  return p.addr;
}

// Little-endian bytes of `v` (of type `t`) at `out` (`size` bytes available).
void Emulator::EncodeValue(const Value& v, TypeRef t, uint8_t* out, uint64_t size) {
  auto put = [&](uint64_t x, uint64_t n) {
    for (uint64_t i = 0; i < n && i < size; ++i) out[i] = static_cast<uint8_t>(x >> (8 * i));
  };
  switch (v.k) {
    case Value::K::Int: case Value::K::Char: case Value::K::Bool: case Value::K::Duration:
      put(static_cast<uint64_t>(v.i), std::min<uint64_t>(size, 8));
      break;
    case Value::K::Ref: case Value::K::RawPtr: put(PointerTarget(v), std::min<uint64_t>(size, 8)); break;
    case Value::K::Array: case Value::K::Tuple: case Value::K::Struct: {
      if (!t || (t->kind != TypeKind::Array && t->kind != TypeKind::Tuple && t->kind != TypeKind::Struct)) break;
      for (size_t i = 0; i < v.v.size(); ++i) {
        uint64_t off = PathOffset(t, {static_cast<int32_t>(i)});
        TypeRef et = t->kind == TypeKind::Array ? t->args[0]
                     : t->kind == TypeKind::Tuple ? (i < t->args.size() ? t->args[i] : nullptr)
                                                  : nullptr;
        if (t->kind == TypeKind::Struct)
          if (auto f = P.checked->struct_fields.find(t->decl); f != P.checked->struct_fields.end() && i < f->second.size())
            et = f->second[i];
        uint64_t es = et ? P.LayoutOfType(et).size : 0;
        if (off + es <= size) EncodeValue(v.v[i], et, out + off, es);
      }
      break;
    }
    default: break;
  }
}

std::string Emulator::ShowMem(const Value& v) {
  if (v.k == Value::K::Ref || v.k == Value::K::RawPtr) {
    if (v.k == Value::K::RawPtr && v.obj < 0 && v.i == 0) return "0x0 (null)";
    return HexAddress(PointerTarget(v));
  }
  if (v.k == Value::K::Struct) {
    std::string s = v.s + " { ";
    for (size_t i = 0; i < v.v.size(); ++i) s += (i ? ", " : "") + v.names[i] + ": " + ShowMem(v.v[i]);
    return s + (v.v.empty() ? "}" : " }");
  }
  return Show(v, true);
}

// Adds the fields of a value of type `t` at `offset` (structs by member, the rest whole).
void Emulator::AddFields(MemBlock& b, const std::string& name, TypeRef t, const Value* v, uint64_t offset, int variant, int depth) {
  Layout l = t ? P.LayoutOfType(t) : Layout{0, 1};
  if (t && t->kind == TypeKind::Struct && t->decl && !t->decl->is_enum && depth < 3 && (!v || v->k == Value::K::Struct)) {
    auto f = P.checked->struct_fields.find(t->decl);
    if (f != P.checked->struct_fields.end() && !f->second.empty()) {
      for (size_t i = 0; i < f->second.size(); ++i) {
        const Value* fv = v && i < v->v.size() ? &v->v[i] : nullptr;
        std::string fname = name + "." + (i < t->decl->fields.size() ? t->decl->fields[i].name : std::to_string(i));
        AddFields(b, fname, f->second[i], fv, offset + PathOffset(t, {static_cast<int32_t>(i)}), variant, depth + 1);
      }
      return;
    }
  }
  MemField f;
  f.name = name;
  f.type = t ? TypeName(t) : "?";
  f.offset = offset;
  f.size = l.size;
  f.variant = variant;
  if (v) {
    f.stale = v->k == Value::K::Moved;
    if (v->k == Value::K::Ref || v->k == Value::K::RawPtr) {
      f.is_pointer = true;
      f.target = PointerTarget(*v);
      if (v->obj >= 0) {
        f.target_name = MemPlaceName(*v);
        uint64_t now = AddrOf(v->obj, v->slot, v->path);
        f.dangling = f.target != 0 && now != f.target;
      }
      f.self_ref = f.target >= b.address && f.target < b.address + b.size;
      if (f.self_ref && S.memory.self_refs == "offsets" && b.object >= 0 && objs_[b.object].k == Obj::K::Machine) {
        f.offset_ref = true;
        uint64_t base = StateStructBase(b.object);
        f.value = fmt::format("offset {} (= {})", f.target - base, HexAddress(f.target));
      } else {
        f.value = ShowMem(*v);
      }
    } else if (v->k == Value::K::Future && v->i >= 0 && v->i < static_cast<int64_t>(objs_.size()) &&
               static_cast<size_t>(v->i) < home_.size() && home_[v->i] >= 0) {
      f.value = Show(*v, true);
      f.is_pointer = false;
    } else {
      f.value = v->k == Value::K::Uninit ? "" : ShowMem(*v);
    }
    if (v->Usable() && f.offset + f.size <= b.bytes.size()) EncodeValue(*v, t, b.bytes.data() + f.offset, f.size);
  }
  b.fields.push_back(std::move(f));
}

// Address of the first field of the machine's current state (the documents' "state struct").
uint64_t Emulator::StateStructBase(int obj) {
  const Obj& o = objs_[obj];
  const MemBlock* b = mem_.Find(HomeOf(obj));
  if (!b) return 0;
  const State& st = P.machines[o.machine].states[o.state];
  uint64_t first = st.fields.empty() ? P.machines[o.machine].tag_size : st.fields[0].offset;
  for (const StateField& f : st.fields) first = std::min(first, f.offset);
  return b->address + first;
}

// Rebuilds a block's fields and bytes from the values it holds now.
void Emulator::Refresh(int blk) {
  MemBlock* bp = mem_.Find(blk);
  auto owner = block_obj_.find(blk);
  if (!bp || owner == block_obj_.end()) return;
  MemBlock& b = *bp;
  const int obj = owner->second.first;
  const bool frame = owner->second.second;
  b.fields.clear();
  std::fill(b.bytes.begin(), b.bytes.end(), 0);
  const Obj& o = objs_[obj];
  if (o.k == Obj::K::Box) {
    AddFields(b, "*box", box_type_.size() > static_cast<size_t>(obj) ? box_type_[obj] : nullptr,
              o.slots.empty() ? nullptr : &o.slots[0], 0, -1);
    return;
  }
  const IrBody& ir = P.ir[o.body];
  const auto& h = Homes(o.body);
  if (!frame && o.k == Obj::K::Machine) {
    const Machine& m = P.machines[o.machine];
    b.state = o.state;
    MemField tag;
    tag.name = "<tag>";
    tag.type = "u8";
    tag.size = m.tag_size;
    tag.value = fmt::format("{} ({})", o.state, m.states[o.state].label);
    if (!b.bytes.empty()) b.bytes[0] = static_cast<uint8_t>(o.state);
    b.fields.push_back(tag);
    for (const State& st : m.states) {
      for (const StateField& f : st.fields) {
        bool in_force = st.index == o.state;
        const Value* v = in_force && f.slot >= 0 && f.slot < static_cast<int>(o.slots.size()) ? &o.slots[f.slot] : nullptr;
        AddFields(b, f.name, f.type, v, f.offset, st.index);
      }
    }
    return;
  }
  for (size_t i = 0; i < h.size() && i < o.slots.size(); ++i) {
    if (h[i].in_machine || ir.slots[i].is_temp || ir.slots[i].is_awaitee || h[i].size == 0) continue;
    AddFields(b, ir.slots[i].name, ir.slots[i].type, &o.slots[i], h[i].offset, -1);
  }
}

void Emulator::MemEmit(EventKind k, int blk, int64_t a, int64_t b, const std::string& headline, std::vector<int> blocks) {
  std::string payload = headline + "\n";
  for (int id : blocks) {
    Refresh(id);
    if (const MemBlock* mb = mem_.Find(id)) payload += EncodeBlock(*mb);
  }
  EmitMemory(k, blk, a, b, std::move(payload));
}

// A state machine's block, when it is created.
void Emulator::AllocMachine(int id, const std::string& fn) {
  if (!mem_on_) return;
  const Obj& o = objs_[id];
  const Machine& m = P.machines[o.machine];
  uint64_t fixed = 0;
  for (const auto& [name, addr] : S.memory.at)
    if (name == fn && !fixed_used_.count(name)) {
      fixed = addr;
      fixed_used_.insert(name);
    }
  MemRegion region = cur_task_ < 0 && depth_ == 0 ? MemRegion::Tasks : MemRegion::Stack;
  int blk = mem_.Allocate(region, m.size, m.align, fixed);
  MemBlock& b = *mem_.Find(blk);
  b.type_name = m.enum_name;
  b.owner = fmt::format("{}#{}", T.objects[id].name, id);
  b.object = id;
  b.unpin = !m.self_referential;
  b.pinned = region == MemRegion::Tasks;
  HomeOf(id) = blk;
  block_obj_[blk] = {id, false};
  MemEmit(EventKind::MemAlloc, blk, static_cast<int64_t>(b.address), static_cast<int64_t>(b.size),
          fmt::format("{}#{}: {} in {}{}, {}{}", T.objects[id].name, id, m.enum_name, MemRegionName(region),
                      b.pinned ? " (pinned by spawn)" : "", SizeClaim(m), m.self_referential ? "; !Unpin" : ""),
          {blk});
}

// The talk's rule, checked on the real layout: a machine is as large as its largest state (the
// tag plus that state's fields), rounded up to its alignment.
std::string Emulator::SizeClaim(const Machine& m) {
  const State* largest = nullptr;
  for (const State& st : m.states)
    if (!largest || st.size > largest->size) largest = &st;
  if (!largest) return fmt::format("{} bytes", m.size);
  uint64_t fields_end = m.tag_size;
  for (const StateField& f : largest->fields) fields_end = std::max(fields_end, f.offset + f.size);
  return fmt::format("{} bytes = its largest state {} ({}-byte tag + fields up to byte {}) rounded up to align {}",
                     m.size, largest->label, m.tag_size, fields_end, m.align);
}

// [memory] connections: the slides' comparison, from the real size of the connection's machine.
void Emulator::ConnectionsNote() {
  const MemorySpec& ms = S.memory;
  if (ms.connections <= 0) return;
  const Machine* m = P.FindMachine(ms.connection);
  if (!m) {
    Note(1, fmt::format("[memory] connection: no async fn `{}` to compare with threads", ms.connection));
    return;
  }
  const uint64_t n = static_cast<uint64_t>(ms.connections);
  const uint64_t thread_bytes = n * static_cast<uint64_t>(ms.thread_stack_mb) * 1000 * 1000;
  const uint64_t future_bytes = n * m->size;
  Note(0, fmt::format("{} connections as threads: {} x {} MB of stack = {} GB; as futures: {} x {} bytes ({}) = {} "
                      "bytes ({:.1f} KB), {} times less",
                      n, n, ms.thread_stack_mb, thread_bytes / 1000000000.0, n, m->size, m->enum_name, future_bytes,
                      future_bytes / 1000.0, future_bytes ? thread_bytes / future_bytes : 0));
}

void Emulator::AllocBox(int id, TypeRef t, const Value& content, bool pin) {
  if (!mem_on_) return;
  Side(box_type_, id, static_cast<TypeRef>(nullptr)) = t;
  if (content.k == Value::K::Future && content.i >= 0 && static_cast<size_t>(content.i) < home_.size() &&
      home_[content.i] >= 0) {
    // Box::pin(future): the machine itself moves to the heap and is pinned there.
    int blk = home_[content.i];
    HomeOf(id) = blk;
    MemBlock* b = mem_.Find(blk);
    if (b->region != MemRegion::Heap && b->region != MemRegion::Tasks) {
      RelocateMachine(static_cast<int>(content.i), 0, MemRegion::Heap,
                      fmt::format("Box::pin moves {}#{} to the heap", T.objects[content.i].name, content.i));
    }
    b = mem_.Find(blk);
    b->pinned = true;
    return;
  }
  Layout l = t ? P.LayoutOfType(t) : Layout{8, 8};
  int blk = mem_.Allocate(MemRegion::Heap, l.size, l.align);
  MemBlock& b = *mem_.Find(blk);
  b.type_name = t ? TypeName(t) : "?";
  b.owner = fmt::format("Box#{}", id);
  b.unpin = !(t && NotUnpinType(t));
  b.pinned = pin;
  HomeOf(id) = blk;
  block_obj_[blk] = {id, false};
  MemEmit(EventKind::MemAlloc, blk, static_cast<int64_t>(b.address), static_cast<int64_t>(b.size),
          fmt::format("{} puts {} on the heap at {}{}", pin ? "Box::pin" : "Box::new", ShowMem(content),
                      HexAddress(b.address), pin ? ", pinned there" : ""), {blk});
}

bool Emulator::NotUnpinType(TypeRef t) {
  if (!t) return false;
  if (t->kind == TypeKind::PhantomPinned) return true;
  if (t->kind == TypeKind::Struct) {
    auto f = P.checked->struct_fields.find(t->decl);
    if (f != P.checked->struct_fields.end())
      for (TypeRef ft : f->second)
        if (NotUnpinType(ft)) return true;
  }
  if (t->kind == TypeKind::Array || t->kind == TypeKind::Tuple)
    for (TypeRef a : t->args)
      if (NotUnpinType(a)) return true;
  return false;
}

// Moves a state machine's bytes to `to` (or the next free address of `region`). The old
// bytes stay behind as stale memory; a ghost object keeps their values for dangling reads.
void Emulator::RelocateMachine(int id, uint64_t to, MemRegion region, const std::string& why) {
  int blk = HomeOf(id);
  MemBlock* b = mem_.Find(blk);
  if (!b) return;
  Refresh(blk);
  Obj ghost;
  ghost.k = Obj::K::Frame;
  ghost.body = objs_[id].body;
  ghost.machine = objs_[id].machine;
  ghost.state = objs_[id].state;
  ghost.slots = objs_[id].slots;
  objs_.push_back(std::move(ghost));
  T.objects.push_back({ObjectKind::Machine, -1, fmt::format("stale copy of {}", T.objects[id].name), -1, cur_task_,
                       static_cast<int64_t>(T.events.size())});
  const uint64_t from = b->address;
  const uint64_t old_base = StateStructBase(id);
  ghosts_.push_back({id, from, b->size, static_cast<int>(objs_.size()) - 1});
  if (to == 0) mem_.MoveToRegion(blk, region, static_cast<int64_t>(T.events.size()));
  else mem_.Move(blk, to, static_cast<int64_t>(T.events.size()));
  b = mem_.Find(blk);
  const uint64_t now = b->address;
  const int64_t delta = static_cast<int64_t>(now) - static_cast<int64_t>(from);
  // Pointers into the old place, held by the machine's own fields: what each policy does.
  struct Inside { Value* v; std::string field; uint64_t at; };
  std::vector<Inside> inside;
  const auto& homes = Homes(objs_[id].body);
  for (size_t i = 0; i < objs_[id].slots.size(); ++i) {
    Value& v = objs_[id].slots[i];
    if ((v.k == Value::K::Ref || v.k == Value::K::RawPtr) && v.addr >= from && v.addr < from + b->size && homes[i].in_machine)
      inside.push_back({&v, P.ir[objs_[id].body].slots[i].name, now + homes[i].offset});
  }
  const std::string& policy = S.memory.self_refs;
  std::string effect;
  std::vector<std::string> names;
  for (const Inside& p : inside)
    names.push_back(fmt::format("{} (now at {}) still holds {}, but {} is now at {}", p.field, HexAddress(p.at),
                                HexAddress(p.v->addr), PlaceName(*p.v),
                                HexAddress(static_cast<uint64_t>(static_cast<int64_t>(p.v->addr) + delta))));
  if (inside.empty()) {
    effect = fmt::format("; nothing points into it (state {} holds no reference), so the move is harmless",
                         P.machines[objs_[id].machine].states[objs_[id].state].label);
  } else if (policy == "update" || policy == "offsets") {
    for (Inside& p : inside) p.v->addr = static_cast<uint64_t>(static_cast<int64_t>(p.v->addr) + delta);
    effect = policy == "update" ? "; the emulator rewrites the pointers into it"
                                : "; its self-references are stored as offsets from the state's start, which stay right";
  } else {
    effect = fmt::format("; {}: {} dangle{}", fmt::join(names, "; "), inside.size() == 1 ? "it" : "they",
                         inside.size() == 1 ? "s" : "");
  }
  MemEmit(EventKind::MemMove, blk, static_cast<int64_t>(from), static_cast<int64_t>(now),
          fmt::format("{}: {} bytes copied from {} to {}{}", why, b->size, HexAddress(from), HexAddress(now), effect), {blk});
  if (!inside.empty() && policy == "update") {
    int fields = 0;
    for (const State& st : P.machines[objs_[id].machine].states) fields += st.index == objs_[id].state ? static_cast<int>(st.fields.size()) : 0;
    for (const Inside& p : inside)
      MemEmit(EventKind::MemWrite, blk, static_cast<int64_t>(p.at), static_cast<int64_t>(p.v->addr),
              fmt::format("update pointers: {} at {} is rewritten to {} (&{})", p.field, HexAddress(p.at),
                          HexAddress(p.v->addr), PlaceName(*p.v)), {blk});
    Note(0, fmt::format("update pointers on move: the emulator checked all {} fields ({} bytes) of {}#{} and rewrote {} "
                        "pointer{}; a runtime would have to do this on every move of every value",
                        fields, b->size, T.objects[id].name, id, inside.size(), inside.size() == 1 ? "" : "s"));
  } else if (!inside.empty() && policy == "offsets") {
    std::vector<std::string> uses;
    for (const Inside& p : inside)
      uses.push_back(fmt::format("{} = offset {} from the state's start, so {} + {} = {}", p.field,
                                 p.v->addr - delta - old_base, HexAddress(StateStructBase(id)),
                                 p.v->addr - delta - old_base, HexAddress(p.v->addr)));
    Note(0, fmt::format("offsets instead of pointers: nothing to rewrite on the move, but every use adds the base "
                        "address at run time ({}), and the compiler would have to know every self-reference",
                        fmt::join(uses, "; ")));
  }
}

// [[memory.move]]: moves the named machine before its (after_polls+1)-th poll.
void Emulator::MaybeInjectedMove(int id) {
  if (!mem_on_ || objs_[id].k != Obj::K::Machine || S.memory.moves.empty()) return;
  int& polls = Side(polls_of_, id, 0);
  for (size_t i = 0; i < S.memory.moves.size(); ++i) {
    const MoveSpec& mv = S.memory.moves[i];
    if (moves_done_.count(i) || mv.future != P.checked->bodies[objs_[id].body].name || polls != mv.after_polls) continue;
    moves_done_.insert(i);
    const Machine& m = P.machines[objs_[id].machine];
    const MemBlock* b = mem_.Find(HomeOf(id));
    if (!b) continue;
    const std::string& label = m.states[objs_[id].state].label;
    if (S.memory.self_refs == "forbid" && b->pinned && !b->unpin) {
      std::string msg = fmt::format("cannot move {}#{} from {}: it is pinned and its type {} is !Unpin (it may point "
                                    "into itself, as {} does), so the move is rejected and the future stays where it is",
                                    T.objects[id].name, id, HexAddress(b->address), m.enum_name, label);
      Note(2, msg);
      D.ReportAt(Severity::Error, S.path, mv.line, 1, msg, mv.line_text);
      continue;
    }
    RelocateMachine(id, mv.to, MemRegion::Stack,
                    fmt::format("{}#{} is moved in state {}", T.objects[id].name, id, label));
  }
}

// A dereference of `p` whose place has moved: undefined behaviour. Returns the location of the
// stale bytes to read instead (a ghost), or faults when nothing sensible lies there.
Loc Emulator::DanglingDeref(const Value& p, uint64_t now) {
  const uint64_t at = p.addr;
  MemLookup l = mem_.Lookup(at);
  std::string holds;
  int ghost = -1;
  int old_block = -1;
  for (auto it = ghosts_.rbegin(); it != ghosts_.rend(); ++it)
    if (it->obj == p.obj && at >= it->from && at < it->from + it->size) { ghost = it->ghost; break; }
  if (l.block) {
    old_block = l.block->id;
    holds = fmt::format("{} now belongs to {}{}", HexAddress(at), l.block->owner,
                        l.field ? fmt::format(" (field {} = {})", l.field->name, l.field->value) : "");
  } else if (l.stale) {
    old_block = l.stale->block;
    holds = fmt::format("{} is stale memory left behind by a move; it still holds {}", HexAddress(at),
                        l.field ? fmt::format("{} = {}", l.field->name, l.field->value) : "old bytes");
  } else {
    holds = fmt::format("nothing lives at {}", HexAddress(at));
  }
  std::string stale_value;
  if (ghost >= 0 && !l.block) {
    const Obj& g = objs_[ghost];
    const Value* v = p.slot >= 0 && p.slot < static_cast<int>(g.slots.size()) ? &g.slots[p.slot] : nullptr;
    for (int32_t i : p.path) v = v && i >= 0 && i < static_cast<int32_t>(v->v.size()) ? &v->v[i] : nullptr;
    if (v) stale_value = Show(*v, true);
  }
  std::string msg =
      l.stale && !stale_value.empty()
          ? fmt::format("undefined behaviour: a pointer to {} holds {}, but {} has moved to {}. {} is stale memory "
                        "left behind by the move: its old bytes still read {}, by luck; the program meant {} at {}, "
                        "and once the old place is reused it reads garbage",
                        PlaceName(p), HexAddress(at), PlaceName(p), HexAddress(now), HexAddress(at), stale_value,
                        PlaceName(p), HexAddress(now))
          : fmt::format("undefined behaviour: a pointer to {} holds {}, but {} has moved to {}; {}. This is not the "
                        "value the program meant",
                        PlaceName(p), HexAddress(at), PlaceName(p), HexAddress(now), holds);
  EmitMemDangling(old_block, at, msg);
  Note(2, msg);
  D.Report(Severity::Error, src_, cur_span_, msg);
  if (ghost < 0 || l.block) FaultHere(msg);
  return Loc{ghost, p.slot, p.path};
}

// The address of an element reference made from `base` (a reference to its sequence): the
// element's offset added to the address `base` was taken at, so a moved sequence dangles.
uint64_t Emulator::ElementAddr(const Value& base, const Value& elem) {
  if (base.addr == 0 || base.obj < 0 || elem.obj < 0) return 0;
  uint64_t b = AddrOf(base.obj, base.slot, base.path), e = AddrOf(elem.obj, elem.slot, elem.path);
  return b && e ? base.addr + (e - b) : 0;
}

// A place as the program spells it: `array[2]`, `a.self_ptr`, `*Box#3`.
std::string Emulator::MemPlaceName(const Value& r) {
  if (r.obj < 0 || r.obj >= static_cast<int>(objs_.size())) return "?";
  const Obj& o = objs_[r.obj];
  std::string s = o.k == Obj::K::Box ? (r.path.empty() ? fmt::format("*Box#{}", r.obj) : fmt::format("(*Box#{})", r.obj)) : std::string();
  TypeRef t = SlotTypeOf(r.obj, r.slot);
  if (o.k == Obj::K::HandWritten && r.slot == 0) {
    // Its struct, as its poll names it: `self`, of the type its owner keeps it as.
    s = "self";
    Loc home;
    t = nullptr;
    if (HandWrittenHome(r.obj, &home)) {
      t = SlotTypeOf(home.obj, home.slot);
      for (int32_t i : home.path) {
        while (t && t->kind == TypeKind::Future && t->fut == FutureKind::HandWritten && t->args.size() > 1) t = t->args[1];
        if (t && t->kind == TypeKind::Struct && t->decl) {
          auto f = P.checked->struct_fields.find(t->decl);
          t = f != P.checked->struct_fields.end() && i >= 0 && i < static_cast<int32_t>(f->second.size()) ? f->second[i] : nullptr;
        } else {
          t = t && !t->args.empty() ? t->args[0] : nullptr;
        }
      }
    }
  } else if (o.k != Obj::K::Box) {
    if (o.body < 0 || r.slot < 0 || r.slot >= static_cast<int>(P.ir[o.body].slots.size())) return "?";
    s = P.ir[o.body].slots[r.slot].name;
  }
  for (int32_t i : r.path) {
    while (t && t->kind == TypeKind::Future && t->fut == FutureKind::HandWritten && t->args.size() > 1) t = t->args[1];
    if (t && t->kind == TypeKind::Struct && t->decl && i >= 0 && i < static_cast<int32_t>(t->decl->fields.size())) {
      s += "." + t->decl->fields[i].name;
      auto f = P.checked->struct_fields.find(t->decl);
      t = f != P.checked->struct_fields.end() && i < static_cast<int32_t>(f->second.size()) ? f->second[i] : nullptr;
    } else if (t && t->kind == TypeKind::Tuple) {
      s += fmt::format(".{}", i);
      t = i >= 0 && i < static_cast<int32_t>(t->args.size()) ? t->args[i] : nullptr;
    } else {
      s += fmt::format("[{}]", i);
      t = t && !t->args.empty() ? t->args[0] : nullptr;
    }
  }
  return s;
}

bool Emulator::HoldsPointerOrAggregate(const Value& v) {
  return v.k == Value::K::Struct || v.k == Value::K::Array || v.k == Value::K::Tuple || HoldsPointer(v);
}

// A pointer into a place whose value was moved out (`let b = a;` and `&a` taken before): the
// old bytes are still there, no value owns them. Reports undefined behaviour and reads them.
Loc Emulator::MovedOutDeref(const Value& p, const Loc& target) {
  if (target.obj < 0 || target.obj >= static_cast<int>(objs_.size())) return target;
  const Obj& o = objs_[target.obj];
  if (target.slot < 0 || target.slot >= static_cast<int>(o.slots.size())) return target;
  const Value* cur = &o.slots[target.slot];
  size_t depth = 0;
  for (; cur->k != Value::K::Moved && depth < target.path.size(); ++depth) {
    int32_t i = target.path[depth];
    if (i < 0 || i >= static_cast<int32_t>(cur->v.size())) return target;
    cur = &cur->v[i];
  }
  if (cur->k != Value::K::Moved || cur->v.empty()) return target;
  Obj ghost;
  ghost.k = Obj::K::Box;
  ghost.slots.push_back(cur->v[0]);
  objs_.push_back(std::move(ghost));
  T.objects.push_back({ObjectKind::Leaf, -1, "stale bytes", -1, cur_task_, static_cast<int64_t>(T.events.size())});
  Loc stale{static_cast<int>(objs_.size()) - 1, 0, {target.path.begin() + static_cast<ptrdiff_t>(depth), target.path.end()}};
  const Value& old = At(stale);
  std::string msg = fmt::format("undefined behaviour: a pointer to {} at {} is dereferenced, but the value there was moved "
                                "out; the old bytes still read {}, but no value owns them any more",
                                PlaceName(p), HexAddress(p.addr), Show(old, true));
  int blk = BlockOfSlot(target.obj, target.slot);
  EmitMemDangling(blk, p.addr, msg);
  Note(2, msg);
  D.Report(Severity::Error, src_, cur_span_, msg);
  return stale;
}

void Emulator::NoteArgMoves(int frame, const Rvalue& rv, const std::vector<Value>& a) {
  arg_moves_.clear();
  const IrBody& ir = P.ir[objs_[frame].body];
  for (size_t i = 0; i < rv.operands.size() && i < a.size(); ++i) {
    const Operand& o = rv.operands[i];
    if (o.kind != Operand::Kind::Move || !o.place.IsWholeSlot() || !HoldsPointerOrAggregate(a[i])) continue;
    const Slot& s = ir.slots[o.place.slot];
    if (s.is_temp || s.is_awaitee) continue;
    arg_moves_.push_back({i, AddrOf(frame, o.place.slot, {}), s.name});
  }
}

void Emulator::ArgMoves(int callee) {
  if (arg_moves_.empty()) return;
  std::vector<ArgMove> moves = std::move(arg_moves_);
  arg_moves_.clear();
  const Obj& o = objs_[callee];
  const Body& b = P.checked->bodies[o.body];
  std::vector<int> params;
  for (size_t i = 0; i < b.locals.size(); ++i)
    if (b.locals[i].is_param) params.push_back(static_cast<int>(i));
  for (const ArgMove& m : moves) {
    if (m.param >= params.size()) continue;
    int slot = params[m.param];
    uint64_t to = AddrOf(callee, slot, {});
    int blk = BlockOfSlot(callee, slot);
    if (blk < 0 || to == 0) continue;
    MemEmit(EventKind::MemMove, blk, static_cast<int64_t>(m.from), static_cast<int64_t>(to),
            fmt::format("passing `{}` by value to {} copies {} bytes from {} to its parameter `{}` at {}; the old "
                        "place is retired",
                        m.name, b.name, Homes(o.body)[slot].size, HexAddress(m.from), b.locals[slot].name, HexAddress(to)),
            {blk});
  }
}

// `let b = a;` of a struct, array or tuple (or a future) between places the program names:
// the bytes are copied and the old place is retired.
void Emulator::MemLetMove(int frame, const Statement& st) {
  if (st.kind == Statement::Kind::Assign && st.rv.kind == RvalueKind::Call && returned_from_ != 0 && st.dst.IsWholeSlot()) {
    // Returning by value: the result is copied out of the callee's (now popped) frame.
    const uint64_t from = returned_from_;
    returned_from_ = 0;
    const Slot& d = P.ir[objs_[frame].body].slots[st.dst.slot];
    if (d.is_temp || d.is_awaitee) return;
    uint64_t to = AddrOf(frame, st.dst.slot, {});
    int blk = BlockOfSlot(frame, st.dst.slot);
    if (blk < 0) return;
    MemEmit(EventKind::MemMove, blk, static_cast<int64_t>(from), static_cast<int64_t>(to),
            fmt::format("{} returns by value: {} bytes copied from its frame at {} to `{}` at {}", returned_fn_,
                        Homes(objs_[frame].body)[st.dst.slot].size, HexAddress(from), d.name, HexAddress(to)),
            {blk});
    return;
  }
  if (st.kind != Statement::Kind::Assign || st.rv.kind != RvalueKind::Use || st.rv.operands.empty()) return;
  const Operand& src = st.rv.operands[0];
  if (src.kind != Operand::Kind::Move || !src.place.IsWholeSlot() || !st.dst.IsWholeSlot()) return;
  const IrBody& ir = P.ir[objs_[frame].body];
  const Slot& s = ir.slots[src.place.slot];
  const Slot& d = ir.slots[st.dst.slot];
  if (s.is_temp || s.is_awaitee || d.is_temp || d.is_awaitee) return;
  const Value& v = objs_[frame].slots[st.dst.slot];
  if (v.k == Value::K::Future) {
    int id = static_cast<int>(v.i);
    if (id >= 0 && static_cast<size_t>(id) < home_.size() && home_[id] >= 0)
      RelocateMachine(id, 0, MemRegion::Stack, fmt::format("`let {} = {};` moves {}#{}", d.name, s.name, T.objects[id].name, id));
    return;
  }
  if (!HoldsPointerOrAggregate(v)) return;
  uint64_t from = AddrOf(frame, src.place.slot, {}), to = AddrOf(frame, st.dst.slot, {});
  int blk = BlockOfSlot(frame, st.dst.slot), old_blk = BlockOfSlot(frame, src.place.slot);
  std::vector<int> blocks = {blk};
  if (old_blk != blk) blocks.push_back(old_blk);
  MemEmit(EventKind::MemMove, blk, static_cast<int64_t>(from), static_cast<int64_t>(to),
          st.dst.slot == ir.return_slot
              ? fmt::format("returning `{}` copies {} bytes from {} to the return place at {}; the old place is retired",
                            s.name, Homes(objs_[frame].body)[st.dst.slot].size, HexAddress(from), HexAddress(to))
              : fmt::format("`let {} = {};` copies {} bytes from {} to {}; the old place is retired", d.name, s.name,
                            Homes(objs_[frame].body)[st.dst.slot].size, HexAddress(from), HexAddress(to)),
          blocks);
}

bool Emulator::HoldsPointer(const Value& v, int depth) {
  if (v.k == Value::K::Ref || v.k == Value::K::RawPtr) return true;
  if (v.k != Value::K::Struct || depth > 3) return false;
  return std::any_of(v.v.begin(), v.v.end(), [&](const Value& c) { return HoldsPointer(c, depth + 1); });
}

// A pointer (or a struct holding one) was stored at `l`: record it when the place is one the
// program names (not a temporary).
void Emulator::MemWritePlace(const Loc& l) {
  if (l.obj < 0 || l.obj >= static_cast<int>(objs_.size())) return;
  const Obj& o = objs_[l.obj];
  if (o.k != Obj::K::Box && o.body >= 0) {
    const Slot& s = P.ir[o.body].slots[l.slot];
    if ((s.is_temp || s.is_awaitee) && l.path.empty()) return;
  }
  int blk = BlockOfSlot(l.obj, l.slot);
  if (blk < 0) return;
  const Value& v = At(l);
  uint64_t addr = AddrOf(l.obj, l.slot, l.path);
  Value place = Value::Make(Value::K::Ref);
  place.obj = l.obj;
  place.slot = l.slot;
  place.path = l.path;
  std::string name = MemPlaceName(place);
  bool direct = v.k == Value::K::Ref || v.k == Value::K::RawPtr;
  std::string what = direct && v.obj >= 0 ? fmt::format(" (&{})", MemPlaceName(v)) : "";
  MemEmit(EventKind::MemWrite, blk, static_cast<int64_t>(addr), direct ? static_cast<int64_t>(PointerTarget(v)) : -1,
          fmt::format("{} = {}{} at {}", name, ShowMem(v), what, HexAddress(addr)), {blk});
}

void Emulator::MemTransition(int id) {
  int blk = static_cast<size_t>(id) < home_.size() ? home_[id] : -1;
  const MemBlock* b = blk >= 0 ? mem_.Find(blk) : nullptr;
  if (!b) return;
  const Obj& o = objs_[id];
  const State& st = P.machines[o.machine].states[o.state];
  std::vector<std::string> parts;
  for (const StateField& f : st.fields) {
    std::string p = fmt::format("{} at {}", f.name, HexAddress(b->address + f.offset));
    const Value& v = o.slots[f.slot];
    if (v.k == Value::K::Ref || v.k == Value::K::RawPtr) {
      p += fmt::format(" = {}", HexAddress(PointerTarget(v)));
      if (f.points_into >= 0) p += fmt::format(" (points into {}: a self-reference)", st.fields[f.points_into].name);
    }
    parts.push_back(p);
  }
  MemEmit(EventKind::MemWrite, blk, static_cast<int64_t>(b->address), -1,
          fmt::format("{}#{} is in {} (tag {}){}{}", T.objects[id].name, id, st.label, o.state,
                      parts.empty() ? "" : ": ", fmt::join(parts, ", ")),
          {blk});
}

// `{:p}`: the address a pointer holds; for a reference to a value that is not a pointer, the
// address of that value (as `{:p}` of `&x` prints where x lives).
std::string Emulator::FormatPointer(const Value& arg) {
  const Value* p = &arg;
  if (arg.k == Value::K::Ref && arg.obj >= 0 && arg.obj < static_cast<int>(objs_.size())) {
    Value& target = At(Loc{arg.obj, arg.slot, arg.path});
    if (target.k == Value::K::Ref || target.k == Value::K::RawPtr) p = &target;
  }
  uint64_t addr = PointerTarget(*p);
  if (addr == 0 && p->obj >= 0) addr = AddrOf(p->obj, p->slot, p->path);
  return fmt::format("{:#x}", addr);
}

// mem::replace / mem::swap wrote through `a` (and `b`): the old value moved out.
void Emulator::MemReplaced(const Value& a, const Value* b) {
  for (const Value* r : {&a, b}) {
    if (!r || r->obj < 0) continue;
    int blk = BlockOfSlot(r->obj, r->slot);
    if (blk < 0) continue;
    uint64_t addr = AddrOf(r->obj, r->slot, r->path);
    MemEmit(EventKind::MemWrite, blk, static_cast<int64_t>(addr), -1,
            b ? fmt::format("mem::swap exchanges the bytes at {} with the other place", HexAddress(addr))
              : fmt::format("mem::replace moves the value at {} out to the caller and writes the new value "
                            "in its place", HexAddress(addr)),
            {blk});
  }
}

void Emulator::DropScriptFuture(int obj) {
  if (obj < 0 || static_cast<size_t>(obj) >= objs_.size() || objs_[obj].dropped || objs_[obj].done) return;
  DropFuture(obj, 0);
  if (!mem_on_ || static_cast<size_t>(obj) >= home_.size() || home_[obj] < 0) return;
  const int blk = std::exchange(home_[obj], -1);
  FreeBlock(blk, fmt::format("{}#{} is dropped: its state machine's memory is given back", T.objects[obj].name, obj));
}

void Emulator::FreeFrameBlock(int obj) {
  if (static_cast<size_t>(obj) >= frame_block_.size() || frame_block_[obj] < 0) return;
  const int blk = std::exchange(frame_block_[obj], -1);
  FreeBlock(blk, fmt::format("the stack frame of {} is popped", T.objects[obj].name));
}

void Emulator::FreeBlock(int blk, const std::string& why) {
  const MemBlock* b = mem_.Find(blk);
  if (!b) return;
  Refresh(blk);
  mem_.Free(blk, static_cast<int64_t>(T.events.size()));
  block_obj_.erase(blk);
  MemEmit(EventKind::MemFree, blk, static_cast<int64_t>(b->address), static_cast<int64_t>(b->size), why, {blk});
}

}  // namespace aws::emu
