// `const` items, and the `const`/`static` items written inside a body. `const N: T = init;` is
// parsed as a function `N() -> T` marked `is_const` (parse/consts.cpp); each use of N becomes
// `const#(k)`, the initializer's value made afresh (rustc copies the constant into each use, so
// it is never a place and never saved in a future), k being the item's index in Module::fns. An
// item inside a body is found by its own name in its block and in the items nested there; a
// constant's integer value is computed here for array lengths (`[0u8; N]`, `[u8; N]`).
#include <fmt/format.h>

#include "check/checker_impl.h"

namespace aws::check {

const FnDecl* Checker::OwnerFn() const {
  for (int b = cur_; b >= 0 && b < static_cast<int>(p_.bodies.size()); b = p_.bodies[b].parent)
    if (p_.bodies[b].fn) return p_.bodies[b].fn;
  return nullptr;
}

const FnDecl* Checker::FindItem(const std::string& name) {
  for (int i = static_cast<int>(scopes_.size()) - 1; i >= 0; --i)
    for (const auto& [n, f] : scopes_[i].items)
      if (n == name) return f;
  if (const FnDecl* owner = OwnerFn()) {
    const FnDecl* origin = owner->generic_origin ? owner->generic_origin : owner;
    for (const auto& [n, f] : origin->scope_items)
      if (n == name) return f;
  }
  return nullptr;
}

TypeRef Checker::UseConst(Expr& e, const FnDecl& fn, TypeRef expected) {
  ExprPtr call = ItemValueCall(e.span, "const#", fn);
  e.kind = ExprKind::Call;
  e.name = call->name;
  e.operand = std::move(call->operand);
  e.args = std::move(call->args);
  return Check(e, expected);
}

// rustc's E0015: a constant's or a static's initializer is evaluated by the compiler, so it may
// call only `const fn`s (the script has none of its own; std's constructors such as
// `Duration::from_millis`, `AtomicU64::new` and `Vec::new` are).
void Checker::CheckConstInit(const FnDecl& fn) {
  if (!fn.body || !fn.body->tail) return;
  const char* where = fn.is_const ? "constants" : "statics";
  std::vector<const Expr*> work{fn.body->tail.get()};
  while (!work.empty()) {
    const Expr* e = work.back();
    work.pop_back();
    if (e->kind == ExprKind::Call && e->fn && !e->fn->is_const && !e->fn->is_static) {
      const FnDecl& f = *e->fn;
      const char* what = f.impl < 0 ? "function" : f.HasReceiver() ? "method" : "associated function";
      ErrorCode(e->span, "E0015", fmt::format("cannot call non-const {} `{}` in {}", what, f.name, where));
      return;
    }
    if (e->kind == ExprKind::Call && e->builtin &&
        (e->builtin->id == BuiltinId::ArcNew || e->builtin->id == BuiltinId::BoxNew || e->builtin->id == BuiltinId::BoxPin)) {
      ErrorCode(e->span, "E0015", fmt::format("cannot call non-const associated function `{}` in {}", e->builtin->name, where));
      return;
    }
    if (e->kind == ExprKind::Closure || e->kind == ExprKind::AsyncBlock) continue;
    for (const ExprPtr* c : {&e->operand, &e->lhs, &e->rhs, &e->cond, &e->body, &e->else_, &e->tail})
      if (*c) work.push_back(c->get());
    for (const ExprPtr& a : e->args)
      if (a) work.push_back(a.get());
    for (const FieldInit& fi : e->fields)
      if (fi.value) work.push_back(fi.value.get());
    for (const StmtPtr& s : e->stmts)
      if (s && s->init) work.push_back(s->init.get());
  }
}

// The value of an integer constant expression: literals, arithmetic, casts and other constants
// (seen from `from`'s block, or from here when `from` is null). Empty when it is not one.
std::optional<uint64_t> Checker::ConstInt(const Expr& e, const FnDecl* from, int depth) {
  if (depth > 64) return std::nullopt;
  switch (e.kind) {
    case ExprKind::IntLit: return e.int_value;
    case ExprKind::Cast: return e.operand ? ConstInt(*e.operand, from, depth + 1) : std::nullopt;
    case ExprKind::Block:
      if (e.stmts.empty() && e.tail) return ConstInt(*e.tail, from, depth + 1);
      return std::nullopt;
    case ExprKind::Binary: {
      auto a = ConstInt(*e.lhs, from, depth + 1), b = ConstInt(*e.rhs, from, depth + 1);
      if (!a || !b) return std::nullopt;
      switch (e.bin_op) {
        case BinOp::Add: return *a + *b;
        case BinOp::Sub: if (*a < *b) return std::nullopt; return *a - *b;
        case BinOp::Mul: return *a * *b;
        case BinOp::Div: if (*b == 0) return std::nullopt; return *a / *b;
        case BinOp::Rem: if (*b == 0) return std::nullopt; return *a % *b;
        case BinOp::Shl: if (*b >= 64) return std::nullopt; return *a << *b;
        case BinOp::Shr: if (*b >= 64) return std::nullopt; return *a >> *b;
        case BinOp::BitAnd: return *a & *b;
        case BinOp::BitOr: return *a | *b;
        case BinOp::BitXor: return *a ^ *b;
        default: return std::nullopt;
      }
    }
    case ExprKind::Call:
      // A use already rewritten to `const#(k)`.
      if (e.builtin && e.builtin->id == BuiltinId::ConstValue && !e.args.empty()) {
        size_t k = e.args[0]->int_value;
        if (k < p_.module.fns.size()) return ConstInt(*p_.module.fns[k]->body, p_.module.fns[k].get(), depth + 1);
      }
      return std::nullopt;
    case ExprKind::Path: {
      if (e.path.size() != 1) return std::nullopt;
      const FnDecl* c = nullptr;
      if (from) {
        for (const auto& [n, f] : from->scope_items)
          if (n == e.name) { c = f; break; }
      } else {
        c = FindItem(e.name);
      }
      if (!c) c = p_.module.FindFn(e.name);
      if (!c || !c->is_const || !c->body) return std::nullopt;
      return ConstInt(*c->body, c, depth + 1);
    }
    default: return std::nullopt;
  }
}

// `[u8; N]`: N's value, or an error (a name that is not an integer constant).
std::optional<uint64_t> Checker::ArrayLength(const std::string& name, Span at) {
  const FnDecl* c = FindItem(name);
  if (!c) c = p_.module.FindFn(name);
  if (!c || !c->is_const) {
    ErrorCode(at, "E0425", fmt::format("cannot find value `{}` in this scope", name));
    return std::nullopt;
  }
  if (auto v = ConstInt(*c->body, c)) return v;
  Error(at, fmt::format("the length `{}` must be an integer constant Awaitscope can compute (literals, arithmetic, other constants)", name));
  return std::nullopt;
}

}  // namespace aws::check
