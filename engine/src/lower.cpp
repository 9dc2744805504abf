// [SECTION] Index: liveness, borrows, labels, states and layout, transitions, Compile, dumps.
#include "awaitscope/lower.h"

#include "awaitscope/borrowck.h"
#include "awaitscope/send.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace aws {
namespace {

// What a block does to a slot first (in program order): reads it, or overwrites it whole.
enum class SlotEvent : uint8_t { None, Use, Def };

template <class F>
void ForEachPlaceUse(const Place& p, F&& use) {
  if (p.slot >= 0) use(p.slot);
  for (const Projection& pr : p.proj)
    if (pr.kind == Projection::Kind::Index && pr.index_slot >= 0) use(pr.index_slot);
}

template <class F>
void ForEachOperandUse(const Operand& o, F&& use) {
  if (o.kind != Operand::Kind::Const) ForEachPlaceUse(o.place, use);
}

// The events of one block from its end backwards: `event(slot, kind)`; the last call for a slot is
// what the block does to it first. A whole write kills; a partial write keeps the rest alive.
template <class F>
void BlockEventsBackwards(const IrBody& ir, const BasicBlock& bb, F&& event) {
  auto use = [&](int slot) { event(slot, SlotEvent::Use); };
  const Terminator& t = bb.term;
  switch (t.kind) {
    case TermKind::Await:
      if (t.dst.IsWholeSlot()) event(t.dst.slot, SlotEvent::Def);
      else ForEachPlaceUse(t.dst, use);
      use(t.awaitee);
      break;
    case TermKind::IterNext:
      if (t.dst.IsWholeSlot()) event(t.dst.slot, SlotEvent::Def);
      use(t.iter);
      break;
    case TermKind::Branch: case TermKind::Panic: ForEachOperandUse(t.cond, use); break;
    case TermKind::Return: use(ir.return_slot); break;
    default: break;
  }
  for (size_t k = bb.stmts.size(); k-- > 0;) {
    const Statement& st = bb.stmts[k];
    if (st.kind == Statement::Kind::Assign) {
      if (st.dst.IsWholeSlot()) event(st.dst.slot, SlotEvent::Def);
      else ForEachPlaceUse(st.dst, use);
    }
    for (const Operand& o : st.rv.operands) ForEachOperandUse(o, use);
  }
}

// Live-in slots (sorted) of each block marked in `wanted` (the blocks an await resumes at); the
// other blocks get an empty list. Per slot, a backward walk from the blocks that read it first, up
// to the blocks that overwrite it: the work is the total size of the live ranges. (A bit set per
// block iterated to a fixpoint was quadratic in memory and, with the join blocks of an `else if`
// chain numbered before its branches, cubic in time.)
std::vector<std::vector<int>> LiveIn(const IrBody& ir, const std::vector<char>& wanted) {
  const int n = static_cast<int>(ir.blocks.size());
  const int slots = static_cast<int>(ir.slots.size());
  std::vector<std::vector<int>> preds(n);
  auto edge = [&](int from, int to) {
    if (to >= 0 && to < n) preds[to].push_back(from);
  };
  for (int b = 0; b < n; ++b) {
    const Terminator& t = ir.blocks[b].term;
    switch (t.kind) {
      case TermKind::Goto: case TermKind::Await: edge(b, t.target); break;
      case TermKind::Branch: case TermKind::IterNext: edge(b, t.target); edge(b, t.else_target); break;
      default: break;
    }
  }
  // First event of every (block, slot) pair that has one, grouped by slot.
  std::vector<std::vector<std::pair<int, SlotEvent>>> events(slots);
  {
    std::vector<SlotEvent> first(slots, SlotEvent::None);
    std::vector<int> touched;
    for (int b = 0; b < n; ++b) {
      BlockEventsBackwards(ir, ir.blocks[b], [&](int slot, SlotEvent e) {
        if (slot < 0 || slot >= slots) return;
        if (first[slot] == SlotEvent::None) touched.push_back(slot);
        first[slot] = e;
      });
      for (int s : touched) {
        events[s].emplace_back(b, first[s]);
        first[s] = SlotEvent::None;
      }
      touched.clear();
    }
  }
  std::vector<std::vector<int>> live(n);
  std::vector<int> event_slot(n, -1), live_slot(n, -1), stack;
  std::vector<SlotEvent> event_kind(n, SlotEvent::None);
  for (int s = 0; s < slots; ++s) {
    for (auto [b, e] : events[s]) {
      event_slot[b] = s;
      event_kind[b] = e;
      if (e == SlotEvent::Use) {
        live_slot[b] = s;
        stack.push_back(b);
      }
    }
    while (!stack.empty()) {
      int b = stack.back();
      stack.pop_back();
      if (wanted[b]) live[b].push_back(s);
      for (int p : preds[b]) {
        if (live_slot[p] == s || (event_slot[p] == s && event_kind[p] == SlotEvent::Def)) continue;
        live_slot[p] = s;
        stack.push_back(p);
      }
    }
  }
  for (auto& l : live) std::sort(l.begin(), l.end());
  return live;
}

bool MayHoldBorrow(TypeRef t, const CheckedProgram& p, int depth = 0) {
  if (!t || depth > 8) return false;
  switch (t->kind) {
    case TypeKind::Ref: case TypeKind::RawPtr: case TypeKind::Future: case TypeKind::Closure:
      return true;
    case TypeKind::Iter:  // a range or an owning iterator holds no borrow; a slice iterator does
      if (IterBorrows(t)) return true;
      for (size_t i = 1; i < t->args.size(); ++i)
        if (MayHoldBorrow(t->args[i], p, depth + 1)) return true;
      return false;
    case TypeKind::Struct: {
      auto it = p.struct_fields.find(t->decl);
      if (it == p.struct_fields.end()) return false;
      for (TypeRef f : it->second)
        if (MayHoldBorrow(f, p, depth + 1)) return true;
      return false;
    }
    default:
      for (TypeRef a : t->args)
        if (MayHoldBorrow(a, p, depth + 1)) return true;
      return false;
  }
}

// For each slot, the slots its value may point into (flow-insensitive, to a fixpoint).
std::vector<std::set<int>> Borrows(const IrBody& ir, const CheckedProgram& p) {
  std::vector<std::set<int>> b(ir.slots.size());
  auto flow = [&](int dst, const Operand& o) {
    if (o.kind == Operand::Kind::Const || o.place.slot < 0) return false;
    size_t before = b[dst].size();
    if (o.kind == Operand::Kind::Ref) b[dst].insert(o.place.slot);
    const auto& src = b[o.place.slot];
    b[dst].insert(src.begin(), src.end());
    b[dst].erase(dst);
    return b[dst].size() != before;
  };
  bool changed = true;
  for (int round = 0; changed && round < 32; ++round) {
    changed = false;
    for (const BasicBlock& bb : ir.blocks) {
      for (const Statement& st : bb.stmts) {
        if (st.kind != Statement::Kind::Assign || st.dst.slot < 0) continue;
        if (!MayHoldBorrow(ir.slots[st.dst.slot].type, p)) continue;
        for (const Operand& o : st.rv.operands) changed |= flow(st.dst.slot, o);
      }
      const Terminator& t = bb.term;
      if (t.kind == TermKind::IterNext && t.dst.slot >= 0 && MayHoldBorrow(ir.slots[t.dst.slot].type, p)) {
        Operand o;
        o.kind = Operand::Kind::Copy;
        o.place.slot = t.iter;
        changed |= flow(t.dst.slot, o);
      }
    }
  }
  return b;
}

// `foo.txt` -> `FooTxt`, `load_message` -> `LoadMessage`, `loadMessage` -> `LoadMessage`.
std::string Pascal(std::string_view s) {
  std::string out;
  bool up = true;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      up = true;
      continue;
    }
    out.push_back(up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    up = false;
  }
  return out;
}

// `WaitingOnFooTxt` -> `foo_txt`.
std::string Snake(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (std::isupper(static_cast<unsigned char>(c))) {
      if (i > 0) out.push_back('_');
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string LabelStem(const Expr& awaited) {
  const Expr* e = &awaited;
  switch (e->kind) {
    case ExprKind::Call:
      if (e->builtin) {
        if (e->builtin->id == BuiltinId::ReadFile) {
          if (!e->args.empty() && e->args[0]->kind == ExprKind::StrLit) return Pascal(e->args[0]->name);
          return "Read";
        }
        if (!e->builtin->label.empty()) return std::string(e->builtin->label);
        return Pascal(e->builtin->name.substr(e->builtin->name.rfind(':') == std::string_view::npos ? 0 : e->builtin->name.rfind(':') + 1));
      }
      if (e->operand && e->operand->kind == ExprKind::Path) return Pascal(e->operand->name);
      break;
    case ExprKind::MethodCall: return Pascal(e->name);
    case ExprKind::Path: return Pascal(e->name);
    case ExprKind::AsyncBlock: return "AsyncBlock";
    case ExprKind::StructLit: return Pascal(e->name);  // a hand-written future: `Countdown { n: 3 }`
    case ExprKind::Ref: return e->operand ? LabelStem(*e->operand) : "";  // `(&mut pinned).await`
    default: break;
  }
  return "";
}

uint32_t LineOf(const SourceFile& src, Span s) { return src.Locate(s.begin).line; }

std::string MachineEnumName(const Body& b) {
  if (b.kind == BodyKind::AsyncFn && b.fn && b.fn->generic_origin) {  // an instance: `TwiceStateMachine<u32>`
    std::string args;
    for (const auto& [name, t] : b.fn->type_args) args += (args.empty() ? "" : ", ") + TypeName(t);
    return Pascal(b.fn->generic_origin->name) + "StateMachine<" + args + ">";
  }
  if (b.kind == BodyKind::AsyncFn) return Pascal(b.name) + "StateMachine";
  std::string base = b.name;
  std::string parent = base.substr(0, base.find("::"));
  size_t hash = base.rfind('#');
  std::string number;
  for (size_t i = hash == std::string::npos ? base.size() : hash + 1; i < base.size() && std::isdigit(static_cast<unsigned char>(base[i])); ++i)
    number.push_back(base[i]);
  return Pascal(parent) + "AsyncBlock" + number + "StateMachine";
}

class Lowerer {
 public:
  Lowerer(Program& p, Diagnostics& d) : P(p), d_(d), src_(*p.checked->source) {}

  void Run() {
    CheckedProgram& cp = *P.checked;
    for (const Annotation& a : cp.module.annotations) annotations_by_line_.push_back(&a);
    std::stable_sort(annotations_by_line_.begin(), annotations_by_line_.end(),
                     [](const Annotation* a, const Annotation* b) { return a->line < b->line; });
    size_t n = cp.bodies.size();
    P.ir.resize(n);
    P.machine_of_body.assign(n, -1);
    std::vector<bool> bad(n, false), generic(n, false);
    for (size_t i = 0; i < n; ++i) {
      const Body& b = cp.bodies[i];
      bad[i] = b.bad || (b.parent >= 0 && bad[b.parent]);
      generic[i] = b.generic || (b.parent >= 0 && generic[b.parent]);
    }
    for (size_t i = 0; i < n; ++i)
      if (!bad[i]) P.ir[i] = BuildIr(cp, static_cast<int>(i));
    CheckBorrows(cp, P.ir, d_);
    // A generic definition's graph was for the borrow checker; its instances are what runs.
    for (size_t i = 0; i < n; ++i)
      if (generic[i]) {
        P.ir[i] = IrBody{};
        bad[i] = true;
      }
    // async fns (in source order) first, then async blocks in the order they were found.
    for (int pass = 0; pass < 2; ++pass)
      for (size_t i = 0; i < n; ++i) {
        const Body& b = cp.bodies[i];
        if (bad[i] || !b.is_async()) continue;
        if ((pass == 0) != (b.kind == BodyKind::AsyncFn)) continue;
        P.machine_of_body[i] = static_cast<int>(P.machines.size());
        P.machines.push_back(BuildMachine(static_cast<int>(i)));
      }
    for (Machine& m : P.machines) MachineLayout(m.body);
    for (Machine& m : P.machines) BuildTransitions(m);
    for (Machine& m : P.machines) {
      DesugaredCode code = DesugarWithLines(P, m);
      m.desugared = std::move(code.text);
      m.desugared_states = std::move(code.states);
    }
  }

  // [SECTION] states and fields
  Machine BuildMachine(int body) {
    const CheckedProgram& cp = *P.checked;
    const Body& b = cp.bodies[body];
    const IrBody& ir = P.ir[body];
    Machine m;
    m.body = body;
    m.name = b.name;
    m.kind = b.kind == BodyKind::AsyncFn ? "async fn" : "async block";
    m.enum_name = MachineEnumName(b);
    m.output = b.output;
    Span whole = b.fn ? b.fn->span : b.expr->span;
    m.line = LineOf(src_, whole);

    std::string start_label = "Start", end_label = "End";
    for (const Annotation* a : AnnotationsOn(LineOf(src_, whole), LineOf(src_, Span{whole.end, whole.end}))) {
      if (a->key == "start" && start_label == "Start") start_label = a->value;
      if (a->key == "end" && end_label == "End") end_label = a->value;
    }

    std::vector<char> resume_block(ir.blocks.size(), 0);
    for (int ab : ir.await_blocks) resume_block[ir.blocks[ab].term.target] = 1;
    std::vector<std::vector<int>> live_in = LiveIn(ir, resume_block);
    std::vector<char> in_state(ir.slots.size(), 0);
    std::vector<std::set<int>> borrows = Borrows(ir, cp);
    UsedLabels used_labels;
    used_labels.names = {start_label, end_label, "Panicked"};

    State start;
    start.kind = StateKind::Unresumed;
    start.name = "Unresumed";
    start.label = start_label;
    start.line = m.line;
    for (size_t s = 0; s < ir.slots.size(); ++s)
      if (ir.slots[s].is_param || ir.slots[s].is_capture)
        start.fields.push_back(MakeField(ir, static_cast<int>(s), FieldRole::Param));
    m.states.push_back(std::move(start));

    for (size_t k = 0; k < ir.await_blocks.size(); ++k) {
      const Terminator& t = ir.blocks[ir.await_blocks[k]].term;
      State st;
      st.kind = StateKind::Suspend;
      st.index = static_cast<int>(m.states.size());
      st.name = fmt::format("Suspend{}", k);
      st.await_index = static_cast<int>(k);
      st.await_expr = t.await_expr;
      st.line = LineOf(src_, t.span);
      st.label = LabelFor(*t.await_expr, st.line, used_labels, k);
      std::vector<int> saved;
      for (int s : live_in[t.target])
        if (!(t.dst.IsWholeSlot() && s == t.dst.slot) && s != t.awaitee) saved.push_back(s);
      for (int s : saved) in_state[s] = 1;
      // Whatever a saved value (or the awaited future) points into must stay in the state too.
      std::vector<int> work = saved;
      work.push_back(t.awaitee);
      while (!work.empty()) {
        int s = work.back();
        work.pop_back();
        for (int target : borrows[s])
          if (!in_state[target] && target != t.awaitee && target != t.dst.slot) {
            in_state[target] = 1;
            saved.push_back(target);
            work.push_back(target);
          }
      }
      std::sort(saved.begin(), saved.end());
      for (int s : saved) {
        in_state[s] = 0;
        if (s == ir.return_slot) continue;
        const Slot& sl = ir.slots[s];
        FieldRole role = sl.is_param || sl.is_capture ? FieldRole::Param : sl.is_temp ? FieldRole::Temp : FieldRole::Local;
        st.fields.push_back(MakeField(ir, s, role));
      }
      StateField aw = MakeField(ir, t.awaitee, FieldRole::Awaitee);
      // Named after what is awaited (`foo_txt_future`), else after the label.
      std::string stem = t.await_expr && t.await_expr->operand ? LabelStem(*t.await_expr->operand) : "";
      if (stem.empty()) {
        stem = st.label;
        for (const char* pre : {"WaitingOn", "Waiting", "Awaiting"})
          if (stem.rfind(pre, 0) == 0 && stem.size() > std::string(pre).size()) {
            stem = stem.substr(std::string(pre).size());
            break;
          }
      }
      aw.name = Snake(stem) + "_future";
      for (int i = 2; std::any_of(st.fields.begin(), st.fields.end(), [&](const StateField& f) { return f.name == aw.name; }); ++i)
        aw.name = fmt::format("{}_future{}", Snake(stem), i);
      st.fields.push_back(aw);
      // Self-references: a field whose value points into another field of the same state.
      for (StateField& f : st.fields) {
        for (int target : borrows[f.slot]) {
          for (size_t j = 0; j < st.fields.size(); ++j)
            if (st.fields[j].slot == target && &st.fields[j] != &f) {
              f.points_into = static_cast<int>(j);
              st.self_referential = true;
            }
          if (f.points_into >= 0) break;
        }
      }
      m.self_referential |= st.self_referential;
      m.states.push_back(std::move(st));
    }
    State ret;
    ret.kind = StateKind::Returned;
    ret.index = static_cast<int>(m.states.size());
    ret.name = "Returned";
    ret.label = end_label;
    ret.line = LineOf(src_, Span{whole.end > 0 ? whole.end - 1 : 0, whole.end});
    m.states.push_back(ret);
    State pan;
    pan.kind = StateKind::Panicked;
    pan.index = static_cast<int>(m.states.size());
    pan.name = "Panicked";
    pan.label = "Panicked";
    pan.line = ret.line;
    m.states.push_back(pan);
    for (size_t i = 0; i < m.states.size(); ++i) m.states[i].index = static_cast<int>(i);
    return m;
  }

  StateField MakeField(const IrBody& ir, int slot, FieldRole role) {
    StateField f;
    f.name = ir.slots[slot].name;
    f.type = ir.slots[slot].type;
    // A non-`move` block or closure holds its captures by reference.
    const Body& b = P.checked->bodies[ir.body];
    int local = ir.slots[slot].local;
    if (local >= 0 && b.locals[local].capture_of >= 0 && b.locals[local].capture_by_ref)
      f.type = P.checked->types.Ref(f.type, false);
    f.role = role;
    f.slot = slot;
    return f;
  }

  // The annotations on lines first..last (a search, not a scan of all of them for each machine
  // and await).
  std::vector<const Annotation*> AnnotationsOn(uint32_t first, uint32_t last) const {
    auto by_line = [](const Annotation* a, uint32_t line) { return a->line < line; };
    auto it = std::lower_bound(annotations_by_line_.begin(), annotations_by_line_.end(), first, by_line);
    std::vector<const Annotation*> out;
    for (; it != annotations_by_line_.end() && (*it)->line <= last; ++it) out.push_back(*it);
    return out;
  }

  // The labels a machine's states have taken, and for each label asked for, the next number to try
  // after it (`WaitingOnYieldNow2`, `3`, ...: trying 2, 3, ... again for each of n awaits of the
  // same future cost n^2).
  struct UsedLabels {
    std::set<std::string> names;
    std::map<std::string, int> next_suffix;
  };

  std::string LabelFor(const Expr& await_expr, uint32_t line, UsedLabels& used, size_t k) {
    std::string label;
    for (const Annotation* a : AnnotationsOn(line, line))
      if (a->key == "state" && !annotation_used_.count(a)) {
        annotation_used_.insert(a);
        label = a->value;
        break;
      }
    if (label.empty()) {
      std::string stem = await_expr.operand ? LabelStem(*await_expr.operand) : "";
      label = stem.empty() ? fmt::format("Suspend{}", k) : "WaitingOn" + stem;
    }
    std::string unique = label;
    if (used.names.count(unique)) {
      int& i = used.next_suffix.try_emplace(label, 2).first->second;
      for (unique = fmt::format("{}{}", label, i); used.names.count(unique); unique = fmt::format("{}{}", label, ++i)) {
      }
      ++i;
    }
    used.names.insert(unique);
    return unique;
  }

  // [SECTION] layout
  Layout MachineLayout(int body) {
    if (auto it = layouts_.find(body); it != layouts_.end()) return it->second;
    const Body& b = P.checked->bodies[body];
    if (in_progress_.count(body)) {
      if (!reported_cycle_.count(body)) {
        reported_cycle_.insert(body);
        Span at = b.fn ? b.fn->name_span : b.expr->span;
        d_.Error(src_, at, fmt::format("recursive `async fn` `{}` would have infinite size: its state machine contains "
                                       "itself; box the recursive call with `Box::pin`", b.name));
      }
      return {8, 8};
    }
    in_progress_.insert(body);
    Layout result;
    int mi = body < static_cast<int>(P.machine_of_body.size()) ? P.machine_of_body[body] : -1;
    if (b.kind == BodyKind::Closure || mi < 0) {
      // A closure is the tuple of its captures.
      std::vector<Layout> fs;
      uint64_t off = 0, align = 1;
      for (const LocalVar& v : b.locals) {
        if (v.capture_of < 0) continue;
        Layout l = v.capture_by_ref ? Layout{8, 8} : P.LayoutOfType(v.type);
        off = AlignUp(off, l.align) + l.size;
        align = std::max(align, l.align);
      }
      result = {AlignUp(off, align), align};
    } else {
      Machine& m = P.machines[mi];
      uint64_t align = 1;
      for (State& s : m.states)
        for (StateField& f : s.fields) {
          Layout l = P.LayoutOfType(f.type);
          f.size = l.size;
          f.align = l.align;
          align = std::max(align, l.align);
        }
      m.tag_size = 1;
      uint64_t size = 0;
      for (State& s : m.states) {
        uint64_t off = m.tag_size;
        for (StateField& f : s.fields) {
          off = AlignUp(off, f.align);
          f.offset = off;
          off += f.size;
        }
        s.size = AlignUp(off, align);
        size = std::max(size, s.size);
      }
      m.size = AlignUp(size, align);
      m.align = align;
      result = {m.size, m.align};
    }
    in_progress_.erase(body);
    layouts_[body] = result;
    return result;
  }

  // [SECTION] transitions
  void BuildTransitions(Machine& m) {
    const IrBody& ir = P.ir[m.body];
    std::map<int, int> state_of_await;
    for (const State& s : m.states)
      if (s.kind == StateKind::Suspend) state_of_await[s.await_index] = s.index;
    int returned = static_cast<int>(m.states.size()) - 2, panicked = returned + 1;
    // Conditions along the BFS paths, as a tree of (text, parent): a path shares its prefix with
    // its parent's, so a long `else if` chain costs one node per condition, not one list per block.
    struct CondNode {
      std::string text;
      int parent;
    };
    std::vector<int> seen(ir.blocks.size(), -1);  // the explore() call that reached the block
    int explore_id = 0;
    auto explore = [&](int from_state, int entry, TransitionKind kind, const std::string& label) {
      // BFS over blocks; remember the user conditions on the first path to each target.
      const int id = explore_id++;
      std::vector<CondNode> nodes;
      std::map<int, int> reached;  // state -> condition node of the first path to it
      std::map<int, int> times;
      std::deque<std::pair<int, int>> q;  // block, condition node (-1: none)
      q.push_back({entry, -1});
      seen[entry] = id;
      auto reach = [&](int state, int conds) {
        if (!times[state]++) reached[state] = conds;
      };
      auto cond = [&](int parent, std::string text) {
        nodes.push_back(CondNode{std::move(text), parent});
        return static_cast<int>(nodes.size()) - 1;
      };
      while (!q.empty()) {
        auto [bi, conds] = q.front();
        q.pop_front();
        const BasicBlock& bb = ir.blocks[bi];
        for (const Statement& st : bb.stmts)
          if (st.rv.kind == RvalueKind::Call && st.rv.builtin &&
              (st.rv.builtin->id == BuiltinId::Unwrap || st.rv.builtin->id == BuiltinId::Expect))
            reach(panicked, conds);
        const Terminator& t = bb.term;
        auto go = [&](int target, int c) {
          if (target < 0 || seen[target] == id) return;
          seen[target] = id;
          q.push_back({target, c});
        };
        switch (t.kind) {
          case TermKind::Await: reach(state_of_await[t.await_index], conds); break;
          case TermKind::Return: reach(returned, conds); break;
          case TermKind::Panic: reach(panicked, conds); break;
          case TermKind::Goto: go(t.target, conds); break;
          case TermKind::IterNext: go(t.target, conds); go(t.else_target, conds); break;
          case TermKind::Branch: {
            if (t.is_condition) {
              std::string text(src_.Slice(t.span));
              go(t.target, cond(conds, text));
              go(t.else_target, cond(conds, fmt::format("!({})", text)));
            } else if (!t.when_true.empty()) {
              go(t.target, cond(conds, t.when_true));
              go(t.else_target, cond(conds, t.when_false));
            } else {
              go(t.target, conds);
              go(t.else_target, conds);
            }
            break;
          }
          default: break;
        }
      }
      for (auto& [to, conds] : reached) {
        Transition tr;
        tr.from = from_state;
        tr.to = to;
        tr.kind = to == panicked ? TransitionKind::Panic : kind;
        tr.label = to == panicked ? "panic" : label;
        if (times[to] == 1) {
          for (int c = conds; c >= 0; c = nodes[c].parent) tr.conditions.push_back(nodes[c].text);
          std::reverse(tr.conditions.begin(), tr.conditions.end());
        }
        m.transitions.push_back(std::move(tr));
      }
    };
    explore(0, 0, TransitionKind::Start, "first poll");
    for (const State& s : m.states) {
      if (s.kind != StateKind::Suspend) continue;
      const Terminator& t = ir.blocks[ir.await_blocks[s.await_index]].term;
      Transition pending;
      pending.from = pending.to = s.index;
      pending.kind = TransitionKind::Pending;
      pending.label = "Pending";
      m.transitions.push_back(pending);
      std::string what = s.fields.empty() ? "awaited future" : s.fields.back().name;
      explore(s.index, t.target, TransitionKind::Resume, fmt::format("{} ready", what));
    }
  }

  Program& P;
  Diagnostics& d_;
  const SourceFile& src_;
  std::map<int, Layout> layouts_;
  std::set<int> in_progress_, reported_cycle_;
  std::set<const Annotation*> annotation_used_;
  std::vector<const Annotation*> annotations_by_line_;  // stably sorted by line

 public:
  Layout Machine_(int body) { return MachineLayout(body); }
};

thread_local Lowerer* g_active = nullptr;  // layout callbacks during Compile

}  // namespace

const char* FieldRoleName(FieldRole r) {
  switch (r) {
    case FieldRole::Param: return "param";
    case FieldRole::Local: return "local";
    case FieldRole::Awaitee: return "awaitee";
    case FieldRole::Temp: return "temp";
  }
  return "local";
}

const char* TransitionKindName(TransitionKind k) {
  switch (k) {
    case TransitionKind::Start: return "start";
    case TransitionKind::Resume: return "resume";
    case TransitionKind::Pending: return "pending";
    case TransitionKind::Panic: return "panic";
  }
  return "resume";
}

const State* Machine::FindState(std::string_view n) const {
  for (const State& s : states)
    if (s.name == n || s.label == n) return &s;
  return nullptr;
}

const Machine* Program::FindMachine(std::string_view n) const {
  for (const Machine& m : machines)
    if (m.name == n) return &m;
  return nullptr;
}

Layout Program::StructLayout(const StructDecl* s) const {
  auto it = checked->struct_fields.find(s);
  if (it == checked->struct_fields.end() && !s->is_enum) return {0, 1};
  std::vector<Layout> fields;
  if (it != checked->struct_fields.end())
    for (TypeRef f : it->second) fields.push_back(LayoutOfType(f));
  if (s->is_enum) {
    std::vector<std::vector<Layout>> variants;
    int64_t lo = 0, hi = 0;
    for (const VariantDecl& v : s->variants) {
      variants.emplace_back(fields.begin() + static_cast<long>(v.first_field),
                            fields.begin() + static_cast<long>(std::min(v.first_field + v.num_fields, fields.size())));
      lo = std::min(lo, v.discriminant);
      hi = std::max(hi, v.discriminant);
    }
    return ScriptEnumLayout(variants, lo, hi);
  }
  return RustStructLayout(fields);
}

Layout Program::LayoutOfType(TypeRef t) const {
  auto machine = [this](int body) -> Layout {
    if (g_active) return g_active->Machine_(body);
    int mi = body >= 0 && body < static_cast<int>(machine_of_body.size()) ? machine_of_body[body] : -1;
    if (mi >= 0) return {machines[mi].size, machines[mi].align};
    return {0, 1};
  };
  auto structs = [this](const StructDecl* s) { return StructLayout(s); };
  return aws::LayoutOf(t, machine, structs);
}

std::unique_ptr<Program> Compile(std::unique_ptr<SourceFile> src, const std::vector<OpSpec>& ops, Diagnostics& diags) {
  auto prog = std::make_unique<Program>();
  prog->checked = CheckScript(std::move(src), ops, diags);
  Lowerer lw(*prog, diags);
  Lowerer* saved = g_active;
  g_active = &lw;
  lw.Run();
  g_active = saved;
  CheckSendRequirements(*prog, diags);  // check/send.cpp: needs the machines' saved states
  return prog;
}

// [SECTION] dumps
namespace {

std::string ParamList(const Program& p, const Body& b) {
  std::string s;
  if (!b.fn) return s;
  for (size_t i = 0; i < b.fn->params.size(); ++i)
    s += fmt::format("{}{}: {}", i ? ", " : "", b.fn->params[i].name, TypeName(b.fn->param_types[i]));
  (void)p;
  return s;
}

std::string FieldTypeName(TypeRef t) {
  if (t && t->IsFuture() && t->fut != FutureKind::AsyncFn && t->fut != FutureKind::AsyncBlock && t->fut != FutureKind::Either &&
      t->fut != FutureKind::Dyn)
    return FutureTypeName(t);
  return TypeName(t);
}

}  // namespace

std::string DumpMachinesText(const Program& prog) {
  std::string out;
  for (const Machine& m : prog.machines) {
    const Body& b = prog.checked->bodies[m.body];
    std::string sig = m.kind == "async fn"
                          ? fmt::format("async fn {}({}) -> {}", m.name, ParamList(prog, b), TypeName(m.output))
                          : fmt::format("{} -> {}", m.name, TypeName(m.output));
    out += fmt::format("{}\n  state machine `{}`: {} bytes, align {}{}\n", sig, m.enum_name, m.size, m.align,
                       m.self_referential ? ", self-referential (!Unpin)" : "");
    size_t wn = 0, wl = 0;
    for (const State& s : m.states) {
      wn = std::max(wn, s.name.size());
      wl = std::max(wl, s.label.size());
    }
    for (const State& s : m.states) {
      std::string fields;
      for (size_t i = 0; i < s.fields.size(); ++i) {
        const StateField& f = s.fields[i];
        fields += fmt::format("{}{}: {} @{} ({}{})", i ? ", " : "", f.name, FieldTypeName(f.type), f.offset,
                              FieldRoleName(f.role),
                              f.points_into >= 0 ? fmt::format(", points into {}", s.fields[f.points_into].name) : "");
      }
      out += fmt::format("  {:<{}}  {:<{}}  {:>3} bytes  {{{}}}\n", s.name, wn, s.label, wl, s.size,
                         fields.empty() ? "" : " " + fields + " ");
    }
    out += "  transitions:\n";
    for (const Transition& t : m.transitions) {
      std::string conds;
      for (size_t i = 0; i < t.conditions.size(); ++i) conds += (i ? " && " : "") + t.conditions[i];
      out += fmt::format("    {} -> {}  ({}{})\n", m.states[t.from].label, m.states[t.to].label, t.label,
                         conds.empty() ? "" : ", if " + conds);
    }
    out += "\n";
  }
  return out;
}

std::string DumpMachinesJson(const Program& prog, int indent) {
  nlohmann::ordered_json root;
  root["functions"] = nlohmann::ordered_json::array();
  for (const Machine& m : prog.machines) {
    nlohmann::ordered_json f;
    f["name"] = m.name;
    f["kind"] = m.kind;
    f["enum"] = m.enum_name;
    f["output"] = TypeName(m.output);
    f["line"] = m.line;
    f["size"] = m.size;
    f["align"] = m.align;
    f["tag_size"] = m.tag_size;
    f["self_referential"] = m.self_referential;
    f["states"] = nlohmann::ordered_json::array();
    for (const State& s : m.states) {
      nlohmann::ordered_json js;
      js["index"] = s.index;
      js["name"] = s.name;
      js["label"] = s.label;
      js["size"] = s.size;
      js["line"] = s.line;
      js["self_referential"] = s.self_referential;
      js["fields"] = nlohmann::ordered_json::array();
      for (const StateField& fd : s.fields) {
        nlohmann::ordered_json jf;
        jf["name"] = fd.name;
        jf["type"] = FieldTypeName(fd.type);
        jf["size"] = fd.size;
        jf["offset"] = fd.offset;
        jf["align"] = fd.align;
        jf["role"] = FieldRoleName(fd.role);
        if (fd.points_into >= 0) jf["points_into"] = s.fields[fd.points_into].name;
        js["fields"].push_back(jf);
      }
      f["states"].push_back(js);
    }
    f["transitions"] = nlohmann::ordered_json::array();
    for (const Transition& t : m.transitions) {
      nlohmann::ordered_json jt;
      jt["from"] = m.states[t.from].name;
      jt["to"] = m.states[t.to].name;
      jt["kind"] = TransitionKindName(t.kind);
      jt["label"] = t.label;
      jt["conditions"] = t.conditions;
      f["transitions"].push_back(jt);
    }
    f["desugared"] = m.desugared;
    root["functions"].push_back(f);
  }
  return root.dump(indent);
}

}  // namespace aws
