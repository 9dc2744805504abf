// Questions the generator asks about the AST: loops, places, what a construct evaluates and in
// which order; and small text helpers.
#include <cctype>

#include "desugar/desugar_impl.h"

namespace aws::desugar_detail {

bool IsLoop(const Expr& e) {
  return e.kind == ExprKind::Loop || e.kind == ExprKind::While || e.kind == ExprKind::WhileLet ||
         e.kind == ExprKind::For;
}

bool IsBlockLike(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Block:
    case ExprKind::Unsafe:
    case ExprKind::If:
    case ExprKind::IfLet:
    case ExprKind::Match:
    case ExprKind::Loop:
    case ExprKind::While:
    case ExprKind::WhileLet:
    case ExprKind::For:
      return true;
    default:
      return false;
  }
}

bool IsLiteral(const Expr& e) {
  return e.kind == ExprKind::IntLit || e.kind == ExprKind::StrLit || e.kind == ExprKind::BoolLit ||
         e.kind == ExprKind::CharLit || e.kind == ExprKind::Unit;
}

bool IsNever(const Expr& e) {
  return e.type && e.type->kind == TypeKind::Never;
}

// A `break` or `continue` that leaves the loop around `e` (not one of a loop inside `e`).
bool HasLoopJump(const Expr& e) {
  if (e.kind == ExprKind::Break || e.kind == ExprKind::Continue) return true;
  if (e.kind == ExprKind::Closure || e.kind == ExprKind::AsyncBlock) return false;
  bool found = false;
  if (IsLoop(e)) {
    for (const Expr* c : {e.cond.get(), e.operand.get()})
      if (c && HasLoopJump(*c)) found = true;
    return found;
  }
  ForChildren(e, [&](const Expr& c) { found = found || HasLoopJump(c); });
  return found;
}

// Known values of sub-expressions hold for one evaluation only: a loop entered again evaluates
// its own sub-expressions anew.
void Forget(const Expr& e, std::map<const Expr*, Val>& repl) {
  if (repl.empty()) return;
  repl.erase(&e);
  ForChildren(e, [&](const Expr& c) { Forget(c, repl); });
}

// Sub-expressions always evaluated, in evaluation order, for the kinds emitted generically.
std::vector<const Expr*> EvalChildren(const Expr& e) {
  std::vector<const Expr*> out;
  auto add = [&](const ExprPtr& p) {
    if (p) out.push_back(p.get());
  };
  switch (e.kind) {
    case ExprKind::Unary:
    case ExprKind::Ref:
    case ExprKind::Deref:
    case ExprKind::Cast:
    case ExprKind::Field:
    case ExprKind::TupleField:
    case ExprKind::Try:
    case ExprKind::Await:
    case ExprKind::Return:
    case ExprKind::Break:
      add(e.operand);
      break;
    case ExprKind::Binary:
      add(e.lhs);
      if (e.bin_op != BinOp::And && e.bin_op != BinOp::Or) add(e.rhs);
      break;
    case ExprKind::Assign:
    case ExprKind::CompoundAssign:
      add(e.rhs);
      add(e.lhs);
      break;
    case ExprKind::Index:
    case ExprKind::ArrayRepeat:
    case ExprKind::Range:
      add(e.lhs);
      add(e.rhs);
      break;
    case ExprKind::Call:
    case ExprKind::MethodCall:
      add(e.operand);
      for (const ExprPtr& a : e.args)
        add(a);
      break;
    case ExprKind::MacroCall:
    case ExprKind::VecMacro:
    case ExprKind::Array:
    case ExprKind::Tuple:
      for (const ExprPtr& a : e.args)
        add(a);
      break;
    case ExprKind::StructLit:
      for (const FieldInit& fi : e.fields)
        add(fi.value);
      break;
    default:
      break;
  }
  return out;
}

// Kinds whose awaited sub-expression is emitted by re-printing the parent around the value.
bool IsGenericParent(const Expr& parent, const Expr* child) {
  switch (parent.kind) {
    case ExprKind::Block:
    case ExprKind::Unsafe:
    case ExprKind::If:
    case ExprKind::IfLet:
    case ExprKind::Match:
    case ExprKind::Loop:
    case ExprKind::While:
    case ExprKind::WhileLet:
    case ExprKind::For:
    case ExprKind::Return:
    case ExprKind::Break:
    case ExprKind::Closure:
    case ExprKind::AsyncBlock:
      return false;
    case ExprKind::Binary:
      return !((parent.bin_op == BinOp::And || parent.bin_op == BinOp::Or) &&
               child == parent.rhs.get());
    default:
      return true;
  }
}

// Mirrors the lowering: places and constants are read where they are used, everything else is
// evaluated into a temporary first (which a state keeps when an await follows).
bool IsPlace(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Path:
      return e.local >= 0;
    case ExprKind::Field:
    case ExprKind::TupleField:
      return e.operand &&
             (IsPlace(*e.operand) || e.operand->kind == ExprKind::Deref ||
              e.operand->kind == ExprKind::Call || e.operand->kind == ExprKind::MethodCall);
    case ExprKind::Index:
    case ExprKind::Deref:
      return true;
    default:
      return false;
  }
}

bool NeedsTemp(const Expr& e) {
  if (IsLiteral(e) || IsPlace(e)) return false;
  if (e.kind == ExprKind::Path)
    return !(e.builtin || (e.type && e.type->kind == TypeKind::PhantomPinned));
  if (e.kind == ExprKind::Ref) return !(e.operand && IsPlace(*e.operand));
  return true;
}

std::string Pad(int indent) {
  return std::string(static_cast<size_t>(indent > 0 ? indent : 0) * 4, ' ');
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

std::string FieldTypeText(TypeRef t) {
  if (t && t->IsFuture() && t->fut != FutureKind::AsyncFn && t->fut != FutureKind::AsyncBlock &&
      t->fut != FutureKind::Either && t->fut != FutureKind::Dyn)
    return FutureTypeName(t);
  return TypeName(t);
}

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

}  // namespace aws::desugar_detail
