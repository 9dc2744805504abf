// [SECTION] Index: places and types, accesses, moves and initialisation, liveness, loans,
// conflicts, entry point.
//
// The shape follows rustc's MIR borrow checker on the subset's CFG:
// - a forward "maybe uninitialised" analysis over move paths (a local and its field/variant
//   projections) finds uses after a move or before an assignment, and a "maybe assigned" one
//   finds a second assignment to an immutable binding;
// - every `&`/`&mut` operand is a loan; the values that may hold it are found by following
//   assignments, calls and captures; a forward analysis tracks which value holds which loan at
//   each point (a new value assigned to a holder ends what it held), and a loan is in force where
//   one of its holders is live (used later): rustc's non-lexical lifetimes, restricted to what
//   the subset can express;
// - each access (read, move, borrow, write, end of scope, return, spawn) is compared with the
//   loans in force.
#include "awaitscope/borrowck.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

namespace aws {
namespace {

// [SECTION] places and types
bool SameStep(const Projection& a, const Projection& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Projection::Kind::Field: return a.name == b.name;
    case Projection::Kind::TupleIndex: return a.index == b.index;
    case Projection::Kind::VariantField: return a.name == b.name && a.index == b.index;
    case Projection::Kind::Index: case Projection::Kind::Deref: return true;  // any index may be the same element
  }
  return true;
}

// The length of the projection before its first dereference or index: the part that names
// memory the local owns.
size_t OwnedPrefix(const Place& p) {
  for (size_t i = 0; i < p.proj.size(); ++i)
    if (p.proj[i].kind == Projection::Kind::Deref || p.proj[i].kind == Projection::Kind::Index) return i;
  return p.proj.size();
}

// Two places overlap when one's path is a prefix of the other's.
bool Overlap(const Place& a, const Place& b) {
  if (a.slot != b.slot || a.slot < 0) return false;
  size_t n = std::min(a.proj.size(), b.proj.size());
  for (size_t i = 0; i < n; ++i)
    if (!SameStep(a.proj[i], b.proj[i])) return false;
  return true;
}

bool MayHoldBorrow(TypeRef t, const CheckedProgram& p, int depth = 0) {
  if (!t || depth > 8) return false;
  switch (t->kind) {
    case TypeKind::Future:
      // `dyn Future` is only ever held boxed here (`Pin<Box<dyn Future<Output = T>>>`), where
      // Rust's default object lifetime is 'static: it borrows nothing (a `&mut dyn Future` is a Ref).
      return t->fut != FutureKind::Dyn;
    case TypeKind::Ref: case TypeKind::Iter: case TypeKind::Closure: case TypeKind::Error:
      return true;
    case TypeKind::RawPtr: return false;  // a raw pointer carries no lifetime: the borrow ends at the cast
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

// [SECTION] accesses
struct Access {
  enum class Kind { Copy, Move, Shared, Mut, Write };
  Kind kind = Kind::Copy;
  Place place;
  Span span;
  int operand = -1;  // its index in the statement's operands (loans issued by it are its own)
  int capture_body = -1;  // a capture of the closure or async block built here: its body
  int capture_local = -1; // and the capture's local there
};

bool IsRead(Access::Kind k) { return k != Access::Kind::Write; }

// The iterator methods that borrow their receiver only for the call: what they return (an item,
// a sum, a collection) refers to what the iterator refers to, never to the iterator itself, as
// `Iterator::next(&mut self) -> Option<Self::Item>` says. Their receiver's loan is not carried
// into the result.
bool ReceiverLoanEndsWithCall(const Rvalue& rv, size_t operand) {
  if (operand != 0 || rv.kind != RvalueKind::Call || !rv.builtin) return false;
  switch (rv.builtin->id) {
    case BuiltinId::Next: case BuiltinId::Sum: case BuiltinId::Count: case BuiltinId::Any:
    case BuiltinId::All: case BuiltinId::Collect:
      return true;
    default:
      return false;
  }
}

struct Issue {  // one error with rustc's code, its notes in source order
  std::string code;
  std::string message;
  Span span;
  std::vector<std::pair<Span, std::string>> notes;
};

struct MovePath {
  int slot = -1;
  std::vector<Projection> proj;
  Span span;            // where it was moved (or the binding, when never assigned)
  bool uninit = false;  // never assigned rather than moved
  int capture_body = -1;  // moved into this closure or async block
  int capture_local = -1;
};

struct FlowState {
  std::map<int, std::vector<MovePath>> moved;  // by slot
  std::set<int> assigned;  // immutable bindings that may have been assigned
  bool reached = false;
};

struct Loan {
  Place place;
  bool is_mut = false;
  Span span;
  int block = -1;
  size_t stmt = 0;
  int operand = -1;
  int capture_body = -1;  // a closure's or async block's capture by reference: its body
  int capture_local = -1; // and the capture's local in that body
};

// A statement, or the terminator when stmt == the block's statement count.
struct Point {
  int block = 0;
  size_t stmt = 0;
};

// Calls `f(expr)` for each direct child expression (not descending into nested bodies).
template <class F>
void ForEachChild(const Expr& e, F&& f) {
  for (const ExprPtr* c : {&e.operand, &e.lhs, &e.rhs, &e.cond, &e.body, &e.else_, &e.tail})
    if (*c) f(**c);
  for (const ExprPtr& a : e.args)
    if (a) f(*a);
  for (const StmtPtr& s : e.stmts)
    if (s && s->init) f(*s->init);
  for (const MatchArm& m : e.arms) {
    if (m.guard) f(*m.guard);
    if (m.body) f(*m.body);
  }
  for (const FieldInit& fi : e.fields)
    if (fi.value) f(*fi.value);
}

template <class F>
void WalkBody(const Expr& e, F&& f) {
  f(e);
  if (e.kind == ExprKind::Closure || e.kind == ExprKind::AsyncBlock) return;
  ForEachChild(e, [&](const Expr& c) { WalkBody(c, f); });
}

class BodyChecker {
 public:
  BodyChecker(const CheckedProgram& p, const IrBody& ir, const std::vector<IrBody>& all)
      : P(p), ir_(ir), all_(all), B(p.bodies[ir.body]), n_(static_cast<int>(ir.blocks.size())),
        slots_(static_cast<int>(ir.slots.size())) {}

  std::vector<Issue> Run() {
    if (n_ == 0) return {};
    // A pathological body (thousands of blocks and slots) is left alone rather than spending
    // quadratic memory on it; the subset's programs are far below this.
    if (static_cast<uint64_t>(n_) * static_cast<uint64_t>(slots_) > (uint64_t{1} << 24)) return {};
    Prepare();
    MoveFlow();
    Loans();
    Liveness();
    Report();
    std::stable_sort(issues_.begin(), issues_.end(), [](const Issue& a, const Issue& b) { return a.span.begin < b.span.begin; });
    return std::move(issues_);
  }

 private:
  // [SECTION] preparation: successors, accesses, scope ends, assignment expressions
  void Prepare() {
    succ_.assign(n_, {});
    preds_.assign(n_, {});
    for (int b = 0; b < n_; ++b) {
      const Terminator& t = ir_.blocks[b].term;
      auto edge = [&](int to) {
        if (to >= 0 && to < n_) {
          succ_[b].push_back(to);
          preds_[to].push_back(b);
        }
      };
      switch (t.kind) {
        case TermKind::Goto: case TermKind::Await: edge(t.target); break;
        case TermKind::Branch: case TermKind::IterNext: edge(t.target); edge(t.else_target); break;
        default: break;
      }
    }
    for (size_t i = 0; i < ir_.scope_ends.size(); ++i) {
      const ScopeEnd& se = ir_.scope_ends[i];
      if (se.block >= 0 && se.block < n_) scope_at_[{se.block, se.stmt}].push_back(static_cast<int>(i));
    }
    // `x = ..` and `x op= ..` written by the user (rather than a `let` initialiser).
    if (B.block) {
      WalkBody(*B.block, [&](const Expr& e) {
        if ((e.kind == ExprKind::Assign || e.kind == ExprKind::CompoundAssign) && e.lhs && e.lhs->kind == ExprKind::Path &&
            e.lhs->local >= 0)
          assign_exprs_[e.span.begin] = &e;
        if (e.kind == ExprKind::Return) returns_[e.span.begin] = &e;
      });
    }
  }

  std::vector<Access> AccessesAt(Point pt) const {
    std::vector<Access> out;
    const BasicBlock& bb = ir_.blocks[pt.block];
    auto index_reads = [&](const Place& pl, Span span) {
      for (const Projection& pr : pl.proj)
        if (pr.kind == Projection::Kind::Index && pr.index_slot >= 0) out.push_back({Access::Kind::Copy, Place{pr.index_slot, {}}, span, -1});
    };
    auto operand = [&](const Operand& o, Span fallback, int index) {
      if (o.kind == Operand::Kind::Const || o.place.slot < 0) return;
      Span span = o.span.end > 0 ? o.span : fallback;
      index_reads(o.place, span);
      Access::Kind k = o.kind == Operand::Kind::Copy ? Access::Kind::Copy
                       : o.kind == Operand::Kind::Move ? Access::Kind::Move
                       : o.is_mut ? Access::Kind::Mut : Access::Kind::Shared;
      out.push_back({k, o.place, span, index});
    };
    if (pt.stmt < bb.stmts.size()) {
      const Statement& st = bb.stmts[pt.stmt];
      for (size_t i = 0; i < st.rv.operands.size(); ++i) {
        size_t before = out.size();
        operand(st.rv.operands[i], st.span, static_cast<int>(i));
        // A `&mut` passed to a call is reborrowed (`&mut *r`), not moved: `r` stays usable.
        if (out.size() > before && st.rv.kind == RvalueKind::Call &&
            (out.back().kind == Access::Kind::Move || out.back().kind == Access::Kind::Copy)) {
          TypeRef t = TypeAt(out.back().place, out.back().place.proj.size());
          if (t && t->kind == TypeKind::Ref && t->is_mut) {
            out.back().kind = Access::Kind::Mut;
            out.back().place.proj.push_back({Projection::Kind::Deref, "", 0, -1});
          }
        }
        if (out.size() > before && (st.rv.kind == RvalueKind::AsyncBlock || st.rv.kind == RvalueKind::Closure)) {
          out.back().capture_body = st.rv.body;
          out.back().capture_local = CaptureLocal(st.rv.body, static_cast<int>(i));
        }
      }
      if (st.kind == Statement::Kind::Assign && st.dst.slot >= 0) {
        index_reads(st.dst, st.span);
        out.push_back({Access::Kind::Write, st.dst, st.span, -1});
      }
      return out;
    }
    const Terminator& t = bb.term;
    switch (t.kind) {
      case TermKind::Branch: case TermKind::Panic: operand(t.cond, t.span, 0); break;
      case TermKind::Await:
        out.push_back({Access::Kind::Move, Place{t.awaitee, {}}, t.span, 0});
        if (t.dst.slot >= 0) out.push_back({Access::Kind::Write, t.dst, t.span, -1});
        break;
      case TermKind::IterNext:
        out.push_back({Access::Kind::Mut, Place{t.iter, {}}, t.span, 0});
        if (t.dst.slot >= 0) out.push_back({Access::Kind::Write, t.dst, t.span, -1});
        break;
      default: break;
    }
    return out;
  }

  // The local of body `child` that holds its `index`-th capture (captures are its operands, in order).
  int CaptureLocal(int child, int index) const {
    if (child < 0 || child >= static_cast<int>(P.bodies.size())) return -1;
    const Body& c = P.bodies[child];
    int seen = -1;
    for (size_t l = 0; l < c.locals.size(); ++l)
      if (c.locals[l].capture_of >= 0 && ++seen == index) return static_cast<int>(l);
    return -1;
  }

  // Whether body `child` assigns to its local `local` or borrows it mutably.
  bool ChangesLocal(int child, int local) const {
    if (child < 0 || child >= static_cast<int>(all_.size()) || local < 0) return false;
    for (const BasicBlock& bb : all_[child].blocks)
      for (const Statement& st : bb.stmts) {
        if (st.kind == Statement::Kind::Assign && st.dst.slot == local && OwnedPrefix(st.dst) == st.dst.proj.size()) return true;
        for (const Operand& o : st.rv.operands)
          if (o.kind == Operand::Kind::Ref && o.is_mut && o.place.slot == local) return true;
      }
    return false;
  }

  // Where body `child` uses its local `local` first (a captured variable).
  Span FirstUseIn(int child, int local) const {
    Span use{};
    if (child < 0 || child >= static_cast<int>(P.bodies.size()) || local < 0 || !P.bodies[child].block) return use;
    WalkBody(*P.bodies[child].block, [&](const Expr& e) {
      if (use.end == 0 && e.kind == ExprKind::Path && e.local == local) use = e.span;
    });
    return use;
  }

  // [SECTION] names and types of places
  bool Tracked(int slot) const { return slot >= 0 && slot < slots_ && ir_.slots[slot].local >= 0; }
  // Parameters and captures: initialised on entry.
  bool IsInput(int slot) const {
    const LocalVar* v = Local(slot);
    return v && (v->is_param || v->capture_of >= 0 || ir_.slots[slot].local < B.num_inputs);
  }
  const LocalVar* Local(int slot) const {
    if (!Tracked(slot)) return nullptr;
    int l = ir_.slots[slot].local;
    return l < static_cast<int>(B.locals.size()) ? &B.locals[l] : nullptr;
  }
  std::string SlotName(int slot) const {
    if (const LocalVar* v = Local(slot)) return v->name;
    return slot >= 0 && slot < slots_ ? ir_.slots[slot].name : "?";
  }

  // The type of `p` after its first `n` projections.
  TypeRef TypeAt(const Place& p, size_t n) const {
    TypeRef t = p.slot >= 0 && p.slot < slots_ ? ir_.slots[p.slot].type : nullptr;
    for (size_t i = 0; i < n && t; ++i) {
      const Projection& pr = p.proj[i];
      switch (pr.kind) {
        case Projection::Kind::Deref: case Projection::Kind::Index:
          t = t->args.empty() ? nullptr : t->args[0];
          break;
        case Projection::Kind::TupleIndex: t = pr.index < t->args.size() ? t->args[pr.index] : nullptr; break;
        case Projection::Kind::VariantField:
          if (t->kind == TypeKind::Result) t = pr.name == "Err" ? (t->args.size() > 1 ? t->args[1] : nullptr) : t->args[0];
          else t = t->args.empty() ? nullptr : t->args[0];
          break;
        case Projection::Kind::Field: {
          TypeRef found = nullptr;
          if (t->kind == TypeKind::Struct && t->decl) {
            auto it = P.struct_fields.find(t->decl);
            for (size_t f = 0; it != P.struct_fields.end() && f < t->decl->fields.size() && f < it->second.size(); ++f)
              if (t->decl->fields[f].name == pr.name) found = it->second[f];
          }
          t = found;
          break;
        }
      }
    }
    return t;
  }

  // rustc's spelling of a place: `v`, `p.name`, `*r`, `r.name` (auto-deref), `v[_]`.
  std::string PlaceName(const Place& p) const {
    std::string s = SlotName(p.slot);
    for (size_t i = 0; i < p.proj.size(); ++i) {
      const Projection& pr = p.proj[i];
      switch (pr.kind) {
        case Projection::Kind::Deref: {
          bool auto_deref = i + 1 < p.proj.size() && (p.proj[i + 1].kind == Projection::Kind::Field ||
                                                       p.proj[i + 1].kind == Projection::Kind::TupleIndex ||
                                                       p.proj[i + 1].kind == Projection::Kind::Index);
          if (!auto_deref) s = "*" + s;
          break;
        }
        case Projection::Kind::Field: s += "." + pr.name; break;
        case Projection::Kind::TupleIndex: s += fmt::format(".{}", pr.index); break;
        case Projection::Kind::Index: s += "[_]"; break;
        case Projection::Kind::VariantField: s += fmt::format(".{}", pr.index); break;
      }
    }
    return s;
  }

  // [SECTION] moves and initialisation
  static bool PrefixCompatible(const std::vector<Projection>& a, size_t an, const std::vector<Projection>& b, size_t bn) {
    size_t n = std::min(an, bn);
    for (size_t i = 0; i < n; ++i)
      if (!SameStep(a[i], b[i])) return false;
    return true;
  }

  static void AddPath(FlowState& s, MovePath m) {
    std::vector<MovePath>& paths = s.moved[m.slot];
    for (const MovePath& e : paths)
      if (e.proj.size() == m.proj.size() && PrefixCompatible(e.proj, e.proj.size(), m.proj, m.proj.size())) return;
    paths.push_back(std::move(m));
  }

  static size_t PathCount(const FlowState& s) {
    size_t n = 0;
    for (const auto& [slot, paths] : s.moved) n += paths.size();
    return n;
  }

  static bool Merge(FlowState& into, const FlowState& from) {
    bool changed = !into.reached;
    into.reached = true;
    size_t before = PathCount(into), assigned_before = into.assigned.size();
    for (const auto& [slot, paths] : from.moved)
      for (const MovePath& m : paths) AddPath(into, m);
    into.assigned.insert(from.assigned.begin(), from.assigned.end());
    return changed || PathCount(into) != before || into.assigned.size() != assigned_before;
  }

  // The move path `pl` conflicts with, if any.
  const MovePath* MovedUnder(const FlowState& s, const Place& pl) const {
    size_t own = OwnedPrefix(pl);
    auto it = s.moved.find(pl.slot);
    if (it == s.moved.end()) return nullptr;
    for (const MovePath& m : it->second)
      if (PrefixCompatible(m.proj, m.proj.size(), pl.proj, own)) return &m;
    return nullptr;
  }

  // Applies one access to the flow state; with `report`, records the errors it finds.
  void Transfer(FlowState& s, const Access& a, Point pt, bool report) {
    const Place& pl = a.place;
    if (!Tracked(pl.slot)) {
      if (report && a.kind == Access::Kind::Move) CheckMoveOut(a);
      return;
    }
    size_t own = OwnedPrefix(pl);
    if (IsRead(a.kind) || own < pl.proj.size()) {
      if (const MovePath* m = MovedUnder(s, pl)) {
        if (report) ReportUseOfMoved(*m, a);
        // One message per binding: forget the move so the next use is not reported again.
        if (report) s.moved.erase(pl.slot);
        return;
      }
    }
    if (a.kind == Access::Kind::Move) {
      if (own < pl.proj.size()) {
        if (report) CheckMoveOut(a);
        return;
      }
      MovePath m;
      m.slot = pl.slot;
      m.proj = pl.proj;
      m.span = a.span;
      m.capture_body = a.capture_body;
      m.capture_local = a.capture_local;
      AddPath(s, std::move(m));
      return;
    }
    if (a.kind != Access::Kind::Write || own < pl.proj.size()) return;
    if (pl.IsWholeSlot()) {
      const LocalVar* v = Local(pl.slot);
      auto expr = assign_exprs_.find(StatementSpan(pt).begin);
      bool user_assign = expr != assign_exprs_.end() && expr->second->lhs->local == ir_.slots[pl.slot].local;
      if (report && v && !v->is_mut && user_assign && s.assigned.count(pl.slot)) ReportAssignTwice(pl.slot, a, pt);
      s.moved.erase(pl.slot);
      if (v && !v->is_mut) s.assigned.insert(pl.slot);
      return;
    }
    // A part: assigning into a moved or uninitialised whole is an error; else it re-initialises.
    auto paths = s.moved.find(pl.slot);
    if (paths == s.moved.end()) return;
    for (const MovePath& m : paths->second) {
      if (m.proj.size() >= pl.proj.size() || !PrefixCompatible(m.proj, m.proj.size(), pl.proj, pl.proj.size())) continue;
      if (report) {
        Issue is;
        is.code = m.uninit ? "E0381" : "E0382";
        is.message = m.uninit ? fmt::format("partially assigned binding `{}` isn't fully initialized", SlotName(pl.slot))
                              : fmt::format("assign to part of moved value: `{}`", SlotName(pl.slot));
        is.span = a.span;
        is.notes.push_back({m.span, m.uninit ? fmt::format("binding declared here but left uninitialized") : "value moved here"});
        issues_.push_back(std::move(is));
      }
      return;
    }
    std::vector<MovePath>& v = paths->second;
    v.erase(std::remove_if(v.begin(), v.end(),
                           [&](const MovePath& x) {
                             return x.proj.size() >= pl.proj.size() && PrefixCompatible(x.proj, pl.proj.size(), pl.proj, pl.proj.size());
                           }),
            v.end());
    if (v.empty()) s.moved.erase(paths);
  }

  Span StatementSpan(Point pt) const {
    const BasicBlock& bb = ir_.blocks[pt.block];
    return pt.stmt < bb.stmts.size() ? bb.stmts[pt.stmt].span : bb.term.span;
  }

  void ScopeEndFlow(FlowState& s, Point pt) const {
    auto it = scope_at_.find({pt.block, pt.stmt});
    if (it == scope_at_.end()) return;
    for (int i : it->second)
      for (int slot : ir_.scope_ends[i].slots) s.assigned.erase(slot);
  }

  void MoveFlow() {
    in_.assign(n_, {});
    FlowState entry;
    entry.reached = true;
    for (int s = 0; s < slots_; ++s) {
      if (!Tracked(s) || IsInput(s)) {
        if (IsInput(s) && Local(s) && !Local(s)->is_mut) entry.assigned.insert(s);
        continue;
      }
      MovePath m;
      m.slot = s;
      m.span = ir_.slots[s].span;
      m.uninit = true;
      entry.moved[s].push_back(std::move(m));
    }
    in_[0] = entry;
    std::vector<int> work{0};
    std::vector<char> queued(n_, 0);
    queued[0] = 1;
    while (!work.empty()) {
      int b = work.back();
      work.pop_back();
      queued[b] = 0;
      FlowState s = in_[b];
      Walk(s, b, false);
      for (int t : succ_[b])
        if (Merge(in_[t], s) && !queued[t]) {
          queued[t] = 1;
          work.push_back(t);
        }
    }
  }

  // Runs the flow through block `b` from state `s`.
  void Walk(FlowState& s, int b, bool report) {
    const BasicBlock& bb = ir_.blocks[b];
    for (size_t k = 0; k <= bb.stmts.size(); ++k) {
      Point pt{b, k};
      ScopeEndFlow(s, pt);
      for (const Access& a : AccessesAt(pt)) Transfer(s, a, pt, report);
    }
  }

  void ReportUseOfMoved(const MovePath& m, const Access& a) {
    Issue is;
    std::string name = SlotName(m.slot);
    if (m.uninit) {
      is.code = "E0381";
      is.message = fmt::format("used binding `{}` isn't initialized", name);
      is.span = a.span;
      is.notes.push_back({m.span, fmt::format("binding declared here but left uninitialized")});
      issues_.push_back(std::move(is));
      return;
    }
    bool partial = !m.proj.empty() && a.place.proj.size() < m.proj.size();
    const char* what = a.kind == Access::Kind::Shared || a.kind == Access::Kind::Mut ? "borrow" : "use";
    is.code = "E0382";
    is.message = fmt::format("{} of {}moved value: `{}`", what, partial ? "partially " : "",
                             partial ? name : PlaceName(Place{m.slot, m.proj}));
    is.span = a.span;
    TypeRef moved_type = TypeAt(Place{m.slot, m.proj}, m.proj.size());
    if (!partial && m.proj.empty()) {
      if (const LocalVar* v = Local(m.slot); v && moved_type)
        is.notes.push_back({v->span, fmt::format("move occurs because `{}` has type `{}`, which does not implement the "
                                                 "`Copy` trait",
                                                 name, TypeName(moved_type))});
    }
    bool earlier_iteration = m.span.begin >= a.span.begin;
    const bool into_closure = m.capture_body >= 0 && P.bodies[m.capture_body].kind == BodyKind::Closure;
    is.notes.push_back({m.span, fmt::format("value {}moved {}here{}", partial ? "partially " : "", into_closure ? "into closure " : "",
                                            earlier_iteration ? ", in previous iteration of loop" : "")});
    if (m.capture_body >= 0) {
      Span use = FirstUseIn(m.capture_body, m.capture_local);
      if (use.end > 0)
        is.notes.push_back({use, fmt::format("variable moved due to use in {}", into_closure ? "closure" : "coroutine")});
    }
    if (partial && moved_type)
      is.notes.push_back({m.span, fmt::format("partial move occurs because value has type `{}`, which does not "
                                              "implement the `Copy` trait",
                                              TypeName(moved_type))});
    issues_.push_back(std::move(is));
  }

  void ReportAssignTwice(int slot, const Access& a, Point pt) {
    Issue is;
    is.code = "E0384";
    is.message = fmt::format("cannot assign twice to immutable variable `{}`", SlotName(slot));
    is.span = StatementSpan(pt);
    if (const LocalVar* v = Local(slot)) {
      is.notes.push_back({v->span, fmt::format("help: consider making this binding mutable: `mut {}`", v->name)});
    }
    (void)a;
    issues_.push_back(std::move(is));
  }

  // A pattern matched through a reference (`match &opt { Some(s) => .. }`) binds by reference
  // (rustc's default binding modes), so what reads like a move out of `(*r as Some).0` is not.
  // Only a pattern reaches into a variant, so a variant step after a dereference marks one.
  static bool BindsThroughReference(const Place& pl) {
    bool deref = false;
    for (const Projection& pr : pl.proj) {
      if (pr.kind == Projection::Kind::Deref) deref = true;
      if (pr.kind == Projection::Kind::VariantField && deref) return true;
    }
    return false;
  }

  // A move out of memory the place does not own: behind a reference, or an element of a Vec or
  // an array (rustc's E0507 / E0508). Moving out of a `Box` is allowed.
  void CheckMoveOut(const Access& a) {
    const Place& pl = a.place;
    size_t own = OwnedPrefix(pl);
    if (own >= pl.proj.size() || BindsThroughReference(pl)) return;
    TypeRef base = TypeAt(pl, own);
    if (!base || base->IsError()) return;
    TypeRef moved = TypeAt(pl, pl.proj.size());
    if (!moved || IsCopyType(moved)) return;
    Issue is;
    is.span = a.span;
    if (pl.proj[own].kind == Projection::Kind::Index) {
      if (base->kind == TypeKind::Array) {
        is.code = "E0508";
        is.message = fmt::format("cannot move out of type `{}`, a non-copy array", TypeName(base));
      } else {
        is.code = "E0507";
        is.message = fmt::format("cannot move out of index of `{}`", TypeName(base));
      }
    } else {
      if (base->kind == TypeKind::Box) return;
      if (base->kind != TypeKind::Ref && base->kind != TypeKind::RawPtr) return;
      is.code = "E0507";
      is.message = fmt::format("cannot move out of `{}` which is behind a {}", PlaceName(pl),
                               base->kind == TypeKind::RawPtr ? (base->is_mut ? "raw pointer" : "raw pointer")
                               : base->is_mut                 ? "mutable reference"
                                                              : "shared reference");
    }
    const bool indexed = pl.proj[own].kind == Projection::Kind::Index;
    is.notes.push_back({a.span, fmt::format("move occurs because {} has type `{}`, which does not implement the `Copy` trait",
                                            indexed ? std::string("value") : fmt::format("`{}`", PlaceName(pl)),
                                            TypeName(moved))});
    issues_.push_back(std::move(is));
  }

  // [SECTION] liveness
  // Only of the slots that may hold a loan (`holder_index_`): that is all the loans need.
  using Bits = std::vector<uint64_t>;
  static bool Test(const Bits& b, int i) { return (b[i >> 6] >> (i & 63)) & 1; }
  static void Set(Bits& b, int i) { b[i >> 6] |= uint64_t{1} << (i & 63); }
  static void Clear(Bits& b, int i) { b[i >> 6] &= ~(uint64_t{1} << (i & 63)); }

  // What a point does to holders: reads (any access but a whole write) and whole writes.
  void PointEffects(Point pt, std::vector<int>& uses, std::vector<int>& defs) const {
    uses.clear();
    defs.clear();
    const BasicBlock& bb = ir_.blocks[pt.block];
    auto holder = [&](int slot) { return slot >= 0 && slot < slots_ ? holder_index_[slot] : -1; };
    for (const Access& a : AccessesAt(pt)) {
      int h = holder(a.place.slot);
      if (h < 0) continue;
      if (a.kind == Access::Kind::Write && a.place.IsWholeSlot()) defs.push_back(h);
      else uses.push_back(h);
    }
    if (pt.stmt == bb.stmts.size() && bb.term.kind == TermKind::Return && holder(ir_.return_slot) >= 0)
      uses.push_back(holder(ir_.return_slot));
  }

  // Steps `cur` (live after point `pt`) to what is live before it.
  void StepBack(Bits& cur, Point pt, std::vector<int>& uses, std::vector<int>& defs) const {
    PointEffects(pt, uses, defs);
    for (int d : defs) Clear(cur, d);
    for (int u : uses) Set(cur, u);
  }

  // Live-in of every point of block `b` (index k: before statement k; the last: before the terminator).
  std::vector<Bits> LiveInBlock(int b) const {
    const BasicBlock& bb = ir_.blocks[b];
    std::vector<Bits> live(bb.stmts.size() + 1);
    Bits cur = live_out_[b];
    std::vector<int> uses, defs;
    for (size_t k = bb.stmts.size() + 1; k-- > 0;) {
      StepBack(cur, {b, k}, uses, defs);
      live[k] = cur;
    }
    return live;
  }

  void Liveness() {
    words_ = (holders_count_ + 63) / 64;
    live_out_.assign(n_, Bits(words_, 0));
    if (holders_count_ == 0) return;
    std::vector<Bits> live_in(n_, Bits(words_, 0));
    std::vector<int> work, uses, defs;
    std::vector<char> queued(n_, 1);
    for (int b = 0; b < n_; ++b) work.push_back(b);
    while (!work.empty()) {
      int b = work.back();
      work.pop_back();
      queued[b] = 0;
      Bits cur(words_, 0);
      for (int s : succ_[b])
        for (int w = 0; w < words_; ++w) cur[w] |= live_in[s][w];
      live_out_[b] = cur;
      for (size_t k = ir_.blocks[b].stmts.size() + 1; k-- > 0;) StepBack(cur, {b, k}, uses, defs);
      if (cur != live_in[b]) {
        live_in[b] = std::move(cur);
        for (int p : preds_[b])
          if (!queued[p]) {
            queued[p] = 1;
            work.push_back(p);
          }
      }
    }
  }

  // [SECTION] loans and what holds them
  void Loans() {
    for (int b = 0; b < n_; ++b) {
      const BasicBlock& bb = ir_.blocks[b];
      for (size_t k = 0; k < bb.stmts.size(); ++k) {
        const Statement& st = bb.stmts[k];
        for (size_t i = 0; i < st.rv.operands.size(); ++i) {
          const Operand& o = st.rv.operands[i];
          if (o.kind != Operand::Kind::Ref || o.place.slot < 0) continue;
          Loan l;
          l.place = o.place;
          l.is_mut = o.is_mut;
          l.span = o.span.end > 0 ? o.span : st.span;
          l.block = b;
          l.stmt = k;
          l.operand = static_cast<int>(i);
          if (st.rv.kind == RvalueKind::AsyncBlock || st.rv.kind == RvalueKind::Closure) {
            l.capture_body = st.rv.body;
            l.capture_local = CaptureLocal(st.rv.body, static_cast<int>(i));
            // A closure or block that changes what it captured by reference holds a `&mut`.
            if (ChangesLocal(st.rv.body, l.capture_local)) l.is_mut = true;
          }
          loan_at_[{b, k, static_cast<int>(i)}] = static_cast<int>(loans_.size());
          loans_.push_back(std::move(l));
        }
      }
    }
    // Which slots may hold which loans, to a fixpoint.
    held_.assign(slots_, {});
    holder_index_.assign(slots_, -1);
    // A body with very many loans and blocks (far beyond the subset's programs) is checked for
    // moves only: the loan analysis would need memory quadratic in its size.
    if (static_cast<uint64_t>(loans_.size()) * static_cast<uint64_t>(n_) > (uint64_t{1} << 26)) {
      loans_.clear();
      loan_at_.clear();
      reach_in_.assign(n_, {});
      return;
    }
    auto holds = [&](int slot) { return slot >= 0 && slot < slots_ && MayHoldBorrow(ir_.slots[slot].type, P); };
    auto flow = [&](int dst, const std::set<int>& from) {
      size_t before = held_[dst].size();
      held_[dst].insert(from.begin(), from.end());
      return held_[dst].size() != before;
    };
    bool changed = true;
    for (int round = 0; changed && round < 64; ++round) {
      changed = false;
      for (int b = 0; b < n_; ++b) {
        const BasicBlock& bb = ir_.blocks[b];
        for (size_t k = 0; k < bb.stmts.size(); ++k) {
          const Statement& st = bb.stmts[k];
          std::set<int> carried;
          for (size_t i = 0; i < st.rv.operands.size(); ++i) {
            const Operand& o = st.rv.operands[i];
            if (o.kind == Operand::Kind::Const || o.place.slot < 0) continue;
            if (o.kind == Operand::Kind::Ref && !ReceiverLoanEndsWithCall(st.rv, i))
              carried.insert(loan_at_[{b, k, static_cast<int>(i)}]);
            carried.insert(held_[o.place.slot].begin(), held_[o.place.slot].end());
          }
          if (st.kind == Statement::Kind::Assign && holds(st.dst.slot)) changed |= flow(st.dst.slot, carried);
          // A call that takes `&mut place` may store its other arguments there (`v.push(&x)`).
          if (st.rv.kind == RvalueKind::Call) {
            for (size_t i = 0; i < st.rv.operands.size(); ++i) {
              const Operand& o = st.rv.operands[i];
              if (!MutTarget(o) || !holds(o.place.slot)) continue;
              std::set<int> others;
              for (size_t j = 0; j < st.rv.operands.size(); ++j) {
                if (j == i) continue;
                const Operand& x = st.rv.operands[j];
                if (x.kind == Operand::Kind::Const || x.place.slot < 0) continue;
                if (x.kind == Operand::Kind::Ref) others.insert(loan_at_[{b, k, static_cast<int>(j)}]);
                others.insert(held_[x.place.slot].begin(), held_[x.place.slot].end());
              }
              changed |= flow(o.place.slot, others);
            }
          }
        }
        const Terminator& t = bb.term;
        if (t.kind == TermKind::IterNext && holds(t.dst.slot) && t.iter >= 0) changed |= flow(t.dst.slot, held_[t.iter]);
        if (t.kind == TermKind::Await && holds(t.dst.slot) && t.awaitee >= 0) changed |= flow(t.dst.slot, held_[t.awaitee]);
      }
    }
    holders_.assign(loans_.size(), {});
    for (int s = 0; s < slots_; ++s) {
      for (int l : held_[s]) holders_[l].push_back(s);
      if (!held_[s].empty()) holder_index_[s] = holders_count_++;
    }
    // The (holder, loan) pairs, and which of them hold on entry to each block (flow-sensitive:
    // assigning a new value to a holder ends what it held, as in rustc).
    pair_of_.assign(slots_, {});
    pairs_of_loan_.assign(loans_.size(), {});
    int pairs = 0;
    for (int s = 0; s < slots_; ++s)
      for (int l : held_[s]) {
        pair_of_[s].push_back({l, pairs});
        pairs_of_loan_[l].push_back({s, pairs});
        ++pairs;
      }
    if (static_cast<uint64_t>(pairs) * static_cast<uint64_t>(n_) > (uint64_t{1} << 26)) {
      loans_.clear();
      loan_at_.clear();
      pairs_of_loan_.clear();
      reach_in_.assign(n_, {});
      return;
    }
    reach_in_.assign(n_, std::vector<char>(pairs, 0));
    std::vector<char> reached(n_, 0);
    reached[0] = 1;
    std::vector<int> work{0};
    while (!work.empty()) {
      int b = work.back();
      work.pop_back();
      std::vector<char> r = reach_in_[b];
      for (size_t k = 0; k <= ir_.blocks[b].stmts.size(); ++k) PairStep(r, {b, k});
      for (int t : succ_[b]) {
        bool grew = !reached[t];
        reached[t] = 1;
        for (int id = 0; id < pairs; ++id)
          if (r[id] && !reach_in_[t][id]) {
            reach_in_[t][id] = 1;
            grew = true;
          }
        if (grew) work.push_back(t);
      }
    }
  }

  // `&mut place`, or a `&mut` reference passed on: a call may store its other arguments there.
  bool MutTarget(const Operand& o) const {
    if (o.kind == Operand::Kind::Const || o.place.slot < 0) return false;
    if (o.kind == Operand::Kind::Ref) return o.is_mut;
    TypeRef t = TypeAt(o.place, o.place.proj.size());
    return t && t->kind == TypeKind::Ref && t->is_mut;
  }

  // The loans that the holders read at a point hold, given the pairs `r` before it.
  void LoansOf(const std::vector<char>& r, int slot, std::set<int>& out) const {
    if (slot < 0 || slot >= slots_) return;
    for (auto [l, id] : pair_of_[slot])
      if (r[id]) out.insert(l);
  }

  // Steps the pairs `r` over point `pt`: a whole write of a holder replaces what it holds by
  // what flows in; a partial write or a `&mut` call target adds to it.
  void PairStep(std::vector<char>& r, Point pt) const {
    const BasicBlock& bb = ir_.blocks[pt.block];
    auto set_pairs = [&](int slot, const std::set<int>& loans, bool replace) {
      if (slot < 0 || slot >= slots_) return;
      for (auto [l, id] : pair_of_[slot]) {
        if (replace) r[id] = 0;
        if (loans.count(l)) r[id] = 1;
      }
    };
    if (pt.stmt < bb.stmts.size()) {
      const Statement& st = bb.stmts[pt.stmt];
      std::vector<std::set<int>> per(st.rv.operands.size());
      std::set<int> all;
      for (size_t i = 0; i < st.rv.operands.size(); ++i) {
        const Operand& o = st.rv.operands[i];
        if (o.kind == Operand::Kind::Const || o.place.slot < 0) continue;
        if (o.kind == Operand::Kind::Ref && !ReceiverLoanEndsWithCall(st.rv, i)) {
          auto it = loan_at_.find({pt.block, pt.stmt, static_cast<int>(i)});
          if (it != loan_at_.end()) per[i].insert(it->second);
        }
        LoansOf(r, o.place.slot, per[i]);
        all.insert(per[i].begin(), per[i].end());
      }
      if (st.rv.kind == RvalueKind::Call)
        for (size_t i = 0; i < st.rv.operands.size(); ++i) {
          if (!MutTarget(st.rv.operands[i])) continue;
          std::set<int> others;
          for (size_t j = 0; j < per.size(); ++j)
            if (j != i) others.insert(per[j].begin(), per[j].end());
          set_pairs(st.rv.operands[i].place.slot, others, false);
        }
      if (st.kind == Statement::Kind::Assign) set_pairs(st.dst.slot, all, st.dst.IsWholeSlot());
      return;
    }
    const Terminator& t = bb.term;
    if ((t.kind == TermKind::IterNext || t.kind == TermKind::Await) && t.dst.slot >= 0) {
      std::set<int> in;
      LoansOf(r, t.kind == TermKind::IterNext ? t.iter : t.awaitee, in);
      set_pairs(t.dst.slot, in, t.dst.IsWholeSlot());
    }
  }

  // Whether `loan` is in force: some value holding it (per `r`) is used later (per `live`).
  bool LoanLive(int loan, const std::vector<char>& r, const Bits& live, int except_slot = -1) const {
    for (auto [h, id] : pairs_of_loan_[loan])
      if (r[id] && h != except_slot && Test(live, holder_index_[h])) return true;
    return false;
  }

  // The first use of a holder of `loan` from point `from` on (for "borrow later used here");
  // `after`: from the point after it.
  Span LaterUse(int loan, Point from, bool after) const {
    std::set<int> holders(holders_[loan].begin(), holders_[loan].end());
    if (holders.empty()) return {};
    std::vector<char> seen(n_, 0);
    std::vector<std::pair<int, size_t>> work{{from.block, from.stmt + (after ? 1 : 0)}};
    while (!work.empty()) {
      auto [b, k0] = work.front();
      work.erase(work.begin());
      const BasicBlock& bb = ir_.blocks[b];
      for (size_t k = k0; k <= bb.stmts.size(); ++k) {
        for (const Access& a : AccessesAt({b, k}))
          if (a.kind != Access::Kind::Write && holders.count(a.place.slot)) return a.span;
        if (k == bb.stmts.size() && bb.term.kind == TermKind::Return && holders.count(ir_.return_slot)) return bb.term.span;
      }
      for (int t : succ_[b])
        if (!seen[t]) {
          seen[t] = 1;
          work.push_back({t, 0});
        }
    }
    return {};
  }

  void AddLaterUse(Issue& is, int loan, Point pt, bool after = true) const {
    Span later = LaterUse(loan, pt, after);
    if (later.end > 0) is.notes.push_back({later, "borrow later used here"});
  }

  // [SECTION] conflicts
  void Report() {
    reported_loans_.clear();
    for (int b = 0; b < n_; ++b) {
      if (!in_[b].reached) continue;
      FlowState s = in_[b];
      Walk(s, b, true);
      std::vector<Bits> live = LiveInBlock(b);
      std::vector<char> reach = reach_in_[b];
      const BasicBlock& bb = ir_.blocks[b];
      for (size_t k = 0; k <= bb.stmts.size(); ++k) {
        Point pt{b, k};
        std::vector<Access> acc = AccessesAt(pt);
        if (!loans_.empty()) {
          ScopeEndChecks(pt, reach, live[k]);
          for (const Access& a : acc) CheckAgainstLoans(a, pt, reach, live[k]);
        }
        if (k < bb.stmts.size()) {
          CheckWithinStatement(acc, pt);
          if (!loans_.empty()) CheckSpawn(bb.stmts[k], pt, reach);
        } else if (bb.term.kind == TermKind::Return && !loans_.empty()) {
          CheckReturn(pt, reach);
        }
        if (!loans_.empty()) PairStep(reach, pt);
      }
    }
  }

  bool Reported(int loan, const std::string& code) { return !reported_loans_.insert({loan, code}).second; }

  void CheckAgainstLoans(const Access& a, Point pt, const std::vector<char>& reach, const Bits& live) {
    for (size_t li = 0; li < loans_.size(); ++li) {
      const Loan& l = loans_[li];
      if (!Overlap(l.place, a.place)) continue;
      if (l.block == pt.block && l.stmt == pt.stmt) continue;  // its own statement
      bool conflict = l.is_mut || a.kind == Access::Kind::Mut || a.kind == Access::Kind::Move || a.kind == Access::Kind::Write;
      if (!conflict) continue;
      // A write through the loan's own reference is the loan being used, not a conflict: the
      // access starts at the borrowed place itself, never at a holder.
      if (!LoanLive(static_cast<int>(li), reach, live)) continue;
      std::string name = PlaceName(l.place);
      std::string aname = PlaceName(a.place);
      Issue is;
      is.span = a.span;
      switch (a.kind) {
        case Access::Kind::Mut:
          is.code = l.is_mut ? "E0499" : "E0502";
          is.message = l.is_mut ? fmt::format("cannot borrow `{}` as mutable more than once at a time", aname)
                                : fmt::format("cannot borrow `{}` as mutable because it is also borrowed as immutable", aname);
          is.notes.push_back({l.span, l.is_mut ? "first mutable borrow occurs here" : "immutable borrow occurs here"});
          break;
        case Access::Kind::Shared:
          is.code = "E0502";
          is.message = fmt::format("cannot borrow `{}` as immutable because it is also borrowed as mutable", aname);
          is.notes.push_back({l.span, "mutable borrow occurs here"});
          break;
        case Access::Kind::Copy:
          is.code = "E0503";
          is.message = fmt::format("cannot use `{}` because it was mutably borrowed", aname);
          is.notes.push_back({l.span, fmt::format("`{}` is borrowed here", name)});
          break;
        case Access::Kind::Move:
          is.code = "E0505";
          is.message = fmt::format("cannot move out of `{}` because it is borrowed", aname);
          is.notes.push_back({l.span, fmt::format("borrow of `{}` occurs here", name)});
          break;
        case Access::Kind::Write:
          is.code = "E0506";
          is.message = fmt::format("cannot assign to `{}` because it is borrowed", aname);
          is.notes.push_back({l.span, fmt::format("`{}` is borrowed here", name)});
          break;
      }
      if (Reported(static_cast<int>(li), is.code)) continue;
      AddLaterUse(is, static_cast<int>(li), pt);
      issues_.push_back(std::move(is));
    }
  }

  // Two operands of one statement: `f(&mut a, &a)`.
  void CheckWithinStatement(const std::vector<Access>& acc, Point pt) {
    for (size_t j = 0; j < acc.size(); ++j) {
      for (size_t i = 0; i < j; ++i) {
        const Access& first = acc[i];
        const Access& second = acc[j];
        if (first.operand < 0 || second.operand < 0 || !Overlap(first.place, second.place)) continue;
        bool first_mut = first.kind == Access::Kind::Mut, second_mut = second.kind == Access::Kind::Mut;
        if (!first_mut && !second_mut) continue;
        if (first.kind != Access::Kind::Mut && first.kind != Access::Kind::Shared) continue;
        if (second.kind != Access::Kind::Mut && second.kind != Access::Kind::Shared) continue;
        Issue is;
        is.span = second.span;
        std::string name = PlaceName(second.place);
        if (first_mut && second_mut) {
          is.code = "E0499";
          is.message = fmt::format("cannot borrow `{}` as mutable more than once at a time", name);
          is.notes.push_back({first.span, "first mutable borrow occurs here"});
        } else {
          is.code = "E0502";
          is.message = fmt::format("cannot borrow `{}` as {} because it is also borrowed as {}", name,
                                   second_mut ? "mutable" : "immutable", second_mut ? "immutable" : "mutable");
          is.notes.push_back({first.span, first_mut ? "mutable borrow occurs here" : "immutable borrow occurs here"});
        }
        (void)pt;
        issues_.push_back(std::move(is));
        return;
      }
    }
  }

  // Values and temporaries going out of scope while a loan on them is still needed.
  void ScopeEndChecks(Point pt, const std::vector<char>& reach, const Bits& live) {
    auto it = scope_at_.find({pt.block, pt.stmt});
    if (it == scope_at_.end()) return;
    for (int si : it->second) {
      const ScopeEnd& se = ir_.scope_ends[si];
      for (int slot : se.slots) {
        for (size_t li = 0; li < loans_.size(); ++li) {
          const Loan& l = loans_[li];
          if (l.place.slot != slot || OwnedPrefix(l.place) < l.place.proj.size()) continue;
          if (!LoanLive(static_cast<int>(li), reach, live, ir_.return_slot)) continue;
          Issue is;
          if (se.temporaries) {
            is.code = "E0716";
            is.message = "temporary value dropped while borrowed";
            is.span = l.span;
            is.notes.push_back({se.span, "temporary value is freed at the end of this statement"});
          } else {
            is.code = "E0597";
            is.message = fmt::format("`{}` does not live long enough", SlotName(slot));
            is.span = l.span;
            is.notes.push_back({se.span, fmt::format("`{}` dropped here while still borrowed", SlotName(slot))});
          }
          if (Reported(static_cast<int>(li), is.code)) continue;
          AddLaterUse(is, static_cast<int>(li), pt, /*after=*/false);
          issues_.push_back(std::move(is));
        }
      }
    }
  }

  // A loan on something this body owns, carried out of it by `holder`: returned or spawned.
  bool OwnedHere(const Loan& l) const { return OwnedPrefix(l.place) == l.place.proj.size(); }

  void CheckReturn(Point pt, const std::vector<char>& reach) {
    if (ir_.return_slot < 0) return;
    std::set<int> returned_loans;
    LoansOf(reach, ir_.return_slot, returned_loans);
    for (int li : returned_loans) {
      const Loan& l = loans_[li];
      if (!OwnedHere(l)) continue;
      if (l.capture_body >= 0) {
        ReportEscapingCapture(li, {});
        continue;
      }
      if (Reported(li, "E0515")) continue;
      Issue is;
      is.code = "E0515";
      const bool temp = !Tracked(l.place.slot);
      const Expr* returned = ReturnedExpr(pt);
      const bool direct = returned && returned->kind == ExprKind::Ref;
      is.message = temp ? "cannot return reference to temporary value"
                        : fmt::format("cannot return {} local variable `{}`", direct ? "reference to" : "value referencing",
                                      SlotName(l.place.slot));
      is.span = returned ? returned->span : ir_.blocks[pt.block].term.span;
      if (!direct)
        is.notes.push_back({l.span, temp ? "temporary value created here" : fmt::format("`{}` is borrowed here", SlotName(l.place.slot))});
      issues_.push_back(std::move(is));
    }
  }

  // The expression that is returned at `pt`: the body's tail, or the operand of a `return`.
  const Expr* ReturnedExpr(Point pt) const {
    Span t = ir_.blocks[pt.block].term.span;
    if (B.block && t.begin == B.block->span.begin && t.end == B.block->span.end)
      return B.block->kind == ExprKind::Block ? B.block->tail.get() : B.block;
    auto it = returns_.find(t.begin);
    return it != returns_.end() && it->second->operand ? it->second->operand.get() : nullptr;
  }

  void ReportEscapingCapture(int li, Span required_by) {
    if (Reported(li, "E0373")) return;
    const Loan& l = loans_[li];
    const Body& child = P.bodies[l.capture_body];
    std::string name = SlotName(l.place.slot);
    const char* what = child.kind == BodyKind::Closure ? "closure" : "async block";
    Issue is;
    is.code = "E0373";
    is.message = fmt::format("{} may outlive the current function, but it borrows `{}`, which is owned by the current "
                             "function",
                             what, name);
    is.span = l.span;
    // Where the block uses the captured variable.
    Span use = FirstUseIn(l.capture_body, l.capture_local);
    if (use.end > 0) is.notes.push_back({use, fmt::format("`{}` is borrowed here", name)});
    if (required_by.end > 0) is.notes.push_back({required_by, "function requires argument type to outlive `'static`"});
    is.notes.push_back({l.span, fmt::format("help: to force the {} to take ownership of `{}` (and any other referenced "
                                            "variables), use the `move` keyword",
                                            what, name)});
    issues_.push_back(std::move(is));
  }

  // `spawn(f)`: the task may outlive this body, so `f` may hold no loan on what it owns.
  void CheckSpawn(const Statement& st, Point pt, const std::vector<char>& reach) {
    if (st.rv.kind != RvalueKind::Call || !st.rv.builtin || st.rv.builtin->id != BuiltinId::Spawn) return;
    for (size_t i = 0; i < st.rv.operands.size(); ++i) {
      const Operand& o = st.rv.operands[i];
      if (o.kind == Operand::Kind::Const || o.place.slot < 0) continue;
      std::set<int> loans;
      LoansOf(reach, o.place.slot, loans);
      if (o.kind == Operand::Kind::Ref) loans.insert(loan_at_[{pt.block, pt.stmt, static_cast<int>(i)}]);
      for (int li : loans) {
        const Loan& l = loans_[li];
        if (!OwnedHere(l)) continue;
        if (l.capture_body >= 0) {
          ReportEscapingCapture(li, st.span);
          continue;
        }
        if (Reported(li, "E0597")) continue;
        Issue is;
        is.code = "E0597";
        is.message = fmt::format("`{}` does not live long enough", SlotName(l.place.slot));
        is.span = l.span;
        is.notes.push_back({st.span, fmt::format("argument requires that `{}` is borrowed for `'static`", SlotName(l.place.slot))});
        issues_.push_back(std::move(is));
      }
    }
  }

  const CheckedProgram& P;
  const IrBody& ir_;
  const std::vector<IrBody>& all_;
  const Body& B;
  const int n_;
  const int slots_;
  int words_ = 0;
  int holders_count_ = 0;
  std::vector<int> holder_index_;  // slot -> its bit in the liveness sets, or -1
  std::vector<std::vector<int>> succ_, preds_;
  std::map<std::pair<int, size_t>, std::vector<int>> scope_at_;
  std::map<uint32_t, const Expr*> assign_exprs_, returns_;
  std::vector<FlowState> in_;
  std::vector<Bits> live_out_;
  std::vector<Loan> loans_;
  std::map<std::tuple<int, size_t, int>, int> loan_at_;
  std::vector<std::set<int>> held_;
  std::vector<std::vector<int>> holders_;
  std::vector<std::vector<char>> reach_in_;  // by block: which (holder, loan) pairs hold on entry
  std::vector<std::vector<std::pair<int, int>>> pair_of_;        // slot -> (loan, pair)
  std::vector<std::vector<std::pair<int, int>>> pairs_of_loan_;  // loan -> (slot, pair)
  std::set<std::pair<int, std::string>> reported_loans_;
  std::vector<Issue> issues_;
};

// [SECTION] lifetime elision in signatures
// The `&` types (written without a lifetime) inside a type, in order.
void RefsWithoutLifetime(const TypeExpr& t, const SourceFile& src, std::vector<const TypeExpr*>& out, int* all_refs) {
  if (t.kind == TypeExpr::Kind::Ref) {
    ++*all_refs;
    std::string_view rest = src.text();
    size_t at = t.span.begin + 1;
    while (at < rest.size() && (rest[at] == ' ' || rest[at] == '&')) ++at;
    if (at >= rest.size() || rest[at] != '\'') out.push_back(&t);
  }
  for (const TypeExprPtr& a : t.args)
    if (a) RefsWithoutLifetime(*a, src, out, all_refs);
}

// rustc's E0106: a reference in the return type needs exactly one reference among the
// parameters to take its lifetime from (the subset has no `self`, so that is the whole rule).
// Returns the functions with such an error (rustc stops before borrow-checking them).
std::set<const FnDecl*> CheckElision(const CheckedProgram& prog, Diagnostics& diags) {
  std::set<const FnDecl*> failed;
  const SourceFile& src = *prog.source;
  for (const auto& fn : prog.module.fns) {
    if (!fn->ret || fn->has_syntax_errors || fn->generic_origin) continue;  // an instance: its origin says it
    std::vector<const TypeExpr*> missing;
    int ret_refs = 0;
    RefsWithoutLifetime(*fn->ret, src, missing, &ret_refs);
    if (missing.empty()) continue;
    int inputs = 0;
    std::vector<const TypeExpr*> unused;
    for (const Param& p : fn->params)
      if (p.type) RefsWithoutLifetime(*p.type, src, unused, &inputs);
    if (inputs == 1) continue;
    failed.insert(fn.get());
    diags.ErrorWithCode(src, Span{missing[0]->span.begin, missing[0]->span.begin + 1}, "E0106", "missing lifetime specifier");
    diags.Note(src, missing[0]->span,
               inputs == 0 ? "this function's return type contains a borrowed value, but there is no value for it to be "
                             "borrowed from"
                           : "this function's return type contains a borrowed value, but the signature does not say "
                             "which one of the parameters it is borrowed from");
  }
  return failed;
}

}  // namespace

void CheckBorrows(const CheckedProgram& prog, const std::vector<IrBody>& ir, Diagnostics& diags) {
  const SourceFile& src = *prog.source;
  const std::set<const FnDecl*> unelided = CheckElision(prog, diags);
  // The instances of a generic function share its source: an error there is said once.
  std::set<std::tuple<uint32_t, uint32_t, std::string, std::string>> said;
  for (const IrBody& body : ir) {
    if (body.body < 0 || body.blocks.empty()) continue;
    const FnDecl* fn = prog.bodies[body.body].fn;
    if (unelided.count(fn)) continue;
    // An instance of a generic function: its generic definition was checked, as rustc does.
    bool instance = false;
    for (int b = body.body; b >= 0 && !instance; b = prog.bodies[b].parent)
      instance = prog.bodies[b].fn && prog.bodies[b].fn->generic_origin;
    if (instance) continue;
    for (const Issue& is : BodyChecker(prog, body, ir).Run()) {
      if (!said.emplace(is.span.begin, is.span.end, is.code, is.message).second) continue;
      diags.ErrorWithCode(src, is.span, is.code, is.message);
      std::vector<std::pair<Span, std::string>> notes = is.notes;
      std::stable_sort(notes.begin(), notes.end(), [](const auto& a, const auto& b) { return a.first.begin < b.first.begin; });
      for (const auto& [span, text] : notes) diags.Note(src, span, text);
    }
  }
}

}  // namespace aws
