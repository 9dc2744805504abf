// Preparation: successors, the accesses of each point, scope ends and assignment expressions.
#include <fmt/format.h>

#include <algorithm>

#include "borrowck/borrowck_impl.h"

namespace aws::borrowck {

// Operands whose loan lasts only for the call, because what the call returns cannot refer to
// them: the receiver of the iterator methods (an item, a sum, a collection refers to what the
// iterator refers to, never to the iterator itself, as `Iterator::next(&mut self) ->
// Option<Self::Item>` says), and the key of a map lookup (`get_mut(&self, key: &Q) -> Option<&mut
// V>` ties its result to the map alone).
bool LoanEndsWithCall(const Rvalue& rv, size_t operand) {
  if (rv.kind != RvalueKind::Call || !rv.builtin) return false;
  switch (rv.builtin->id) {
    case BuiltinId::Next: case BuiltinId::Sum: case BuiltinId::Count: case BuiltinId::Any:
    case BuiltinId::All: case BuiltinId::Collect:
      return operand == 0;
    case BuiltinId::MapGet: case BuiltinId::MapGetMut: case BuiltinId::MapRemove: case BuiltinId::MapContainsKey:
      return operand == 1;
    default:
      return false;
  }
}

void BodyChecker::Prepare() {
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

std::vector<Access> BodyChecker::AccessesAt(Point pt) const {
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
int BodyChecker::CaptureLocal(int child, int index) const {
  if (child < 0 || child >= static_cast<int>(P.bodies.size())) return -1;
  const Body& c = P.bodies[child];
  int seen = -1;
  for (size_t l = 0; l < c.locals.size(); ++l)
    if (c.locals[l].capture_of >= 0 && ++seen == index) return static_cast<int>(l);
  return -1;
}

// Whether body `child` assigns to its local `local` or borrows it mutably.
bool BodyChecker::ChangesLocal(int child, int local) const {
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
Span BodyChecker::FirstUseIn(int child, int local) const {
  Span use{};
  if (child < 0 || child >= static_cast<int>(P.bodies.size()) || local < 0 || !P.bodies[child].block) return use;
  WalkBody(*P.bodies[child].block, [&](const Expr& e) {
    if (use.end == 0 && e.kind == ExprKind::Path && e.local == local) use = e.span;
  });
  return use;
}

}  // namespace aws::borrowck
