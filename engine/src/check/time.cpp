// std::time's arithmetic, as its operator impls give it: `Duration ± Duration`, `Duration * u32`,
// `Duration / u32`, `Instant ± Duration` (an Instant) and `Instant - Instant` (a Duration).
// `Instant::now()` and its methods are in library_types.cpp; they read the virtual clock.
#include <fmt/format.h>

#include "awaitscope/library_types.h"
#include "check/checker_impl.h"

namespace aws::check {

TypeRef Checker::TimeArith(BinOp op, TypeRef l, TypeRef r, Expr& rhs) {
  bool dur = l->kind == TypeKind::Duration, inst = IsLibrary(l, "Instant");
  if (!dur && !inst) return nullptr;
  bool add_sub = op == BinOp::Add || op == BinOp::Sub;
  if (dur && add_sub && r->kind == TypeKind::Duration) return T.Duration();
  if (dur && (op == BinOp::Mul || op == BinOp::Div) && (r->IsInt() || r->kind == TypeKind::Var)) {
    TypeRef u32 = T.Int(IntKind::U32);
    if (!U(r, u32)) Mismatch(rhs.span, u32, r);
    return T.Duration();
  }
  if (inst && add_sub && r->kind == TypeKind::Duration) return l;
  if (inst && op == BinOp::Sub && IsLibrary(r, "Instant")) return T.Duration();
  // One impl of the operator: rustc names the type it takes (`start + 50` wants a Duration). With
  // two (`Instant - x`: a Duration or an Instant) it says E0277, as `cannot subtract`.
  if (op == BinOp::Add || (dur && op == BinOp::Sub)) {
    Mismatch(rhs.span, T.Duration(), r);
    return dur ? T.Duration() : l;
  }
  if (inst && op == BinOp::Sub) {
    ErrorCode(rhs.span, "E0277", fmt::format("cannot subtract `{}` from `Instant`", Name(r)));
    return T.Error();
  }
  return nullptr;
}

}  // namespace aws::check
