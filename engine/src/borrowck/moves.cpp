// Moves and initialisation: a forward "maybe uninitialised" analysis over move paths and a
// "maybe assigned" one (E0381, E0382, E0384), and moves out of borrowed memory (E0507, E0508).
#include <fmt/format.h>

#include <algorithm>

#include "borrowck/borrowck_impl.h"

namespace aws::borrowck {

bool BodyChecker::PrefixCompatible(const std::vector<Projection>& a, size_t an, const std::vector<Projection>& b, size_t bn) {
  size_t n = std::min(an, bn);
  for (size_t i = 0; i < n; ++i)
    if (!SameStep(a[i], b[i])) return false;
  return true;
}

void BodyChecker::AddPath(FlowState& s, MovePath m) {
  std::vector<MovePath>& paths = s.moved[m.slot];
  for (const MovePath& e : paths)
    if (e.proj.size() == m.proj.size() && PrefixCompatible(e.proj, e.proj.size(), m.proj, m.proj.size())) return;
  paths.push_back(std::move(m));
}

size_t BodyChecker::PathCount(const FlowState& s) {
  size_t n = 0;
  for (const auto& [slot, paths] : s.moved) n += paths.size();
  return n;
}

bool BodyChecker::Merge(FlowState& into, const FlowState& from) {
  bool changed = !into.reached;
  into.reached = true;
  size_t before = PathCount(into), assigned_before = into.assigned.size();
  for (const auto& [slot, paths] : from.moved)
    for (const MovePath& m : paths) AddPath(into, m);
  into.assigned.insert(from.assigned.begin(), from.assigned.end());
  return changed || PathCount(into) != before || into.assigned.size() != assigned_before;
}

// The move path `pl` conflicts with, if any.
const MovePath* BodyChecker::MovedUnder(const FlowState& s, const Place& pl) const {
  size_t own = OwnedPrefix(pl);
  auto it = s.moved.find(pl.slot);
  if (it == s.moved.end()) return nullptr;
  for (const MovePath& m : it->second)
    if (PrefixCompatible(m.proj, m.proj.size(), pl.proj, own)) return &m;
  return nullptr;
}

// Applies one access to the flow state; with `report`, records the errors it finds.
void BodyChecker::Transfer(FlowState& s, const Access& a, Point pt, bool report) {
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

Span BodyChecker::StatementSpan(Point pt) const {
  const BasicBlock& bb = ir_.blocks[pt.block];
  return pt.stmt < bb.stmts.size() ? bb.stmts[pt.stmt].span : bb.term.span;
}

void BodyChecker::ScopeEndFlow(FlowState& s, Point pt) const {
  auto it = scope_at_.find({pt.block, pt.stmt});
  if (it == scope_at_.end()) return;
  for (int i : it->second)
    for (int slot : ir_.scope_ends[i].slots) s.assigned.erase(slot);
}

void BodyChecker::MoveFlow() {
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
void BodyChecker::Walk(FlowState& s, int b, bool report) {
  const BasicBlock& bb = ir_.blocks[b];
  for (size_t k = 0; k <= bb.stmts.size(); ++k) {
    Point pt{b, k};
    ScopeEndFlow(s, pt);
    for (const Access& a : AccessesAt(pt)) Transfer(s, a, pt, report);
  }
}

void BodyChecker::ReportUseOfMoved(const MovePath& m, const Access& a) {
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

void BodyChecker::ReportAssignTwice(int slot, const Access& a, Point pt) {
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
bool BodyChecker::BindsThroughReference(const Place& pl) {
  bool deref = false;
  for (const Projection& pr : pl.proj) {
    if (pr.kind == Projection::Kind::Deref) deref = true;
    if (pr.kind == Projection::Kind::VariantField && deref) return true;
  }
  return false;
}

// A move out of memory the place does not own: behind a reference, or an element of a Vec or
// an array (rustc's E0507 / E0508). Moving out of a `Box` is allowed.
void BodyChecker::CheckMoveOut(const Access& a) {
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

}  // namespace aws::borrowck
