// Blocks and statements, branches, `match`, and patterns.
#include <fmt/format.h>

#include "check/checker_impl.h"

namespace aws::check {

TypeRef Checker::CheckBlock(Expr& block, TypeRef expected) {
  PushScope();
  // The block's `const`/`static` items are visible in all of it (parse/consts.cpp hoisted them).
  for (StmtPtr& s : block.stmts)
    if (s->item) scopes_.back().items.emplace_back(s->item->short_name, s->item);
  bool diverges = false;
  for (StmtPtr& s : block.stmts) {
    if (s->kind == Stmt::Kind::Let) {
      TypeRef declared = s->type ? Resolve(s->type.get()) : nullptr;
      TypeRef init_t = nullptr;
      if (s->init) {
        init_t = Check(*s->init, declared);
        if (declared) ExpectType(*s->init, init_t, declared);
        if (init_t->kind == TypeKind::Never) diverges = true;
        MoveOutOfPin(*s->init);
      }
      TypeRef t = declared ? declared : init_t;
      if (!t) t = NewVar(s->pat->span);
      BindPattern(*s->pat, t, /*refutable=*/false);
      // A type the body leaves open is reported where rustc does: at the binding.
      ClaimVars(t, s->pat->span);
    } else if (s->kind == Stmt::Kind::Expr) {
      TypeRef t = Check(*s->init, nullptr);
      if (t->kind == TypeKind::Never) diverges = true;
      if (!s->has_semi && !U(t, T.Unit()))
        ErrorCode(s->init->span, "E0308", fmt::format("mismatched types: expected `()`, found `{}` (add a `;`?)", Name(t)));
      // a JoinHandle dropped at once is fine: its task runs on, detached (no `#[must_use]` in tokio)
      if (s->has_semi && t->IsFuture() && t->fut != FutureKind::JoinHandle && s->init->kind != ExprKind::Await)
        d_.Warning(src_, s->init->span, "unused future: futures do nothing unless you `.await` or spawn them");
    }
  }
  TypeRef result;
  if (block.tail) {
    result = Check(*block.tail, expected);
  } else {
    result = diverges ? T.Never() : T.Unit();
  }
  PopScope();
  block.type = result;
  return result;
}

TypeRef Checker::CheckBranches(Expr& e, TypeRef expected) {
  TypeRef then_t = CheckBlock(*e.body, expected);
  return JoinElse(e, then_t, expected);
}

TypeRef Checker::JoinElse(Expr& e, TypeRef then_t, TypeRef expected) {
  if (!e.else_) {
    if (then_t->kind != TypeKind::Unit && then_t->kind != TypeKind::Never && !then_t->IsError())
      Error(e.body->tail ? e.body->tail->span : e.body->span,
            fmt::format("`if` without `else` must have type `()`, but this is `{}`", TypeName(then_t)));
    return T.Unit();
  }
  TypeRef else_t = Check(*e.else_, expected ? expected : (then_t->kind != TypeKind::Never ? then_t : nullptr));
  // Each branch coerces to an expected trait object on its own (`Box<Song>` and `Box<Book>` as
  // `Box<dyn Describe>`).
  if (expected && IsDynPointer(expected) && U(then_t, expected) && U(else_t, expected)) return expected;
  return Unify(then_t, else_t, *e.else_, "`if` and `else` have incompatible types");
}

TypeRef Checker::CheckMatch(Expr& e, TypeRef expected) {
  TypeRef s = Check(*e.operand, nullptr);
  TypeRef result = nullptr;
  if (e.arms.empty()) {
    Error(e.span, "a `match` needs at least one arm");
    return T.Error();
  }
  bool has_catch_all = false;
  std::set<std::string> variants;
  std::set<int> enum_variants;  // a script enum's variants matched whatever their fields hold
  for (MatchArm& arm : e.arms) {
    PushScope();
    BindPattern(*arm.pat, s, true);
    if (arm.pat->kind == Pattern::Kind::Wild || arm.pat->kind == Pattern::Kind::Bind) has_catch_all = true;
    bool one_variant = arm.pat->variant < 0 || (arm.pat->struct_decl && arm.pat->struct_decl->variants.size() == 1);
    if ((arm.pat->struct_decl || arm.pat->kind == Pattern::Kind::Tuple) && one_variant && IrrefutableAll(*arm.pat) && !arm.guard)
      has_catch_all = true;
    if (arm.pat->variant >= 0 && IrrefutableAll(*arm.pat) && !arm.guard) enum_variants.insert(arm.pat->variant);
    if (arm.pat->kind == Pattern::Kind::Path && !arm.pat->struct_decl && (arm.pat->subs.empty() || IrrefutableAll(*arm.pat)) && !arm.guard)
      variants.insert(arm.pat->name);
    if (arm.guard) {
      TypeRef g = Check(*arm.guard, T.Bool());
      ExpectType(*arm.guard, g, T.Bool());
    }
    TypeRef t = Check(*arm.body, result ? result : expected);
    if (expected && IsDynPointer(expected) && U(t, expected)) result = expected;  // each arm coerces on its own
    else result = result ? Unify(result, t, *arm.body, "`match` arms have incompatible types") : t;
    PopScope();
  }
  TypeRef sv = StripRef(s);
  if (!has_catch_all && sv->kind == TypeKind::Struct && sv->decl && Origin(sv->decl)->is_enum) {
    EnumNotCovered(e, Origin(sv->decl), enum_variants);
  } else if (!has_catch_all && !sv->IsError()) {
    std::vector<std::string> need;
    if (sv->kind == TypeKind::Option) need = {"Some", "None"};
    else if (sv->kind == TypeKind::Result) need = {"Ok", "Err"};
    else if (sv->kind == TypeKind::Poll) need = {"Ready", "Pending"};
    else if (sv->kind == TypeKind::Bool) need = {};
    else need = {"_"};
    for (const std::string& n : need)
      if (!variants.count(n)) {
        Error(e.operand->span, fmt::format("non-exhaustive patterns: `{}` not covered", n == "_" ? "_" : n));
        break;
      }
  }
  return result ? result : T.Error();
}

// Whether every sub-pattern of `p` matches any value: a name, `_`, or a tuple or struct pattern
// made of those (the parser bounds the nesting).
bool Checker::IrrefutableAll(const Pattern& p) {
  for (const auto& s : p.subs) {
    if (s->kind == Pattern::Kind::Wild || s->kind == Pattern::Kind::Bind) continue;
    if (s->kind == Pattern::Kind::Tuple && s->subs.empty()) continue;  // `()`: the one value of `()`
    bool one_variant = s->variant < 0 || (s->struct_decl && s->struct_decl->variants.size() == 1);
    if ((s->kind == Pattern::Kind::Tuple || s->struct_decl) && one_variant && IrrefutableAll(*s)) continue;
    return false;
  }
  return true;
}

void Checker::BindPattern(Pattern& p, TypeRef t, bool refutable) {
  t = R(t);
  p.type = t;
  if (p.kind == Pattern::Kind::Path || p.kind == Pattern::Kind::Struct)
    if (const StructDecl* en = PathEnum(p.path)) return BindVariantPattern(p, en, t, refutable);  // enums.cpp
  if (p.kind == Pattern::Kind::Path && BindStructPattern(p, t, refutable)) return;
  if (p.kind == Pattern::Kind::Struct) return BindBracedStructPattern(p, t, refutable);  // check/tuple_structs.cpp
  TypeRef v = t;
  // A pattern tells a still-open type its shape: `(a, b)` a tuple, `Some(..)` an Option, ...
  if (StripRef(t)->kind == TypeKind::Var) {
    TypeRef shape = nullptr;
    if (p.kind == Pattern::Kind::Tuple) {
      std::vector<TypeRef> items;
      for (size_t i = 0; i < p.subs.size(); ++i) items.push_back(NewVar(p.subs[i]->span));
      shape = T.Tuple(items);
    } else if (p.kind == Pattern::Kind::Path && (p.name == "Some" || p.name == "None")) {
      shape = T.Option(NewVar(p.span));
    } else if (p.kind == Pattern::Kind::Path && (p.name == "Ok" || p.name == "Err")) {
      shape = T.Result(NewVar(p.span), NewVar(p.span));
    } else if (p.kind == Pattern::Kind::Path && (p.name == "Ready" || p.name == "Pending")) {
      shape = T.Poll(NewVar(p.span));
    }
    if (shape) U(StripRef(t), shape);
  }
  switch (p.kind) {
    case Pattern::Kind::Wild: return;
    case Pattern::Kind::Bind:
      p.local = NewLocal(p.name, t, p.is_mut, p.span);
      return;
    case Pattern::Kind::Lit: {
      TypeRef lt = Check(*p.lit, StripRef(t));
      if (!(StripRef(lt)->kind == TypeKind::Str && StripRef(t)->kind == TypeKind::String) && !U(StripRef(lt), StripRef(t)))
        ErrorCode(p.span, "E0308", fmt::format("mismatched types: this pattern is `{}`, the value is `{}`", Name(lt), Name(t)));
      if (!refutable) Error(p.span, "refutable pattern in a `let`: use `match` or `if let`");
      return;
    }
    case Pattern::Kind::Tuple: {
      v = StripRef(t);
      if (v->IsError()) {
        for (auto& s : p.subs) BindPattern(*s, v, refutable);
        return;
      }
      if (v->kind == TypeKind::Unit && p.subs.empty()) return;  // `()`, as in `Poll::Ready(())`
      if (v->kind != TypeKind::Tuple || v->args.size() != p.subs.size()) {
        Error(p.span, fmt::format("mismatched types: expected `{}`, found a tuple with {} element{}", TypeName(t),
                                  p.subs.size(), p.subs.size() == 1 ? "" : "s"));
        for (auto& s : p.subs) BindPattern(*s, T.Error(), refutable);
        return;
      }
      for (size_t i = 0; i < p.subs.size(); ++i) BindPattern(*p.subs[i], v->args[i], refutable);
      return;
    }
    case Pattern::Kind::Path: break;
    case Pattern::Kind::Struct: return;
  }
  v = StripRef(t);
  const std::string& n = p.name;
  auto subs = [&](std::vector<TypeRef> types) {
    if (!p.has_parens && !types.empty()) {
      Error(p.span, fmt::format("`{}` takes {} field{} in a pattern: write `{}(..)`", n, types.size(), types.size() == 1 ? "" : "s", n));
      return;
    }
    if (p.has_parens && p.subs.size() != types.size()) {
      Error(p.span, fmt::format("this pattern has {} field{}, but `{}` has {}", p.subs.size(), p.subs.size() == 1 ? "" : "s", n, types.size()));
      for (auto& s : p.subs) BindPattern(*s, T.Error(), true);
      return;
    }
    for (size_t i = 0; i < p.subs.size(); ++i) BindPattern(*p.subs[i], types[i], true);
  };
  if (!refutable && !v->IsError()) {
    Error(p.span, "refutable pattern in a `let`: use `match` or `if let`");
  }
  if (v->IsError()) {
    for (auto& s : p.subs) BindPattern(*s, v, true);
    return;
  }
  if (v->kind == TypeKind::Option && (n == "Some" || n == "None") && p.path.size() <= 2) {
    return n == "Some" ? subs({v->args[0]}) : subs({});
  }
  if (v->kind == TypeKind::Result && (n == "Ok" || n == "Err")) return subs({v->args[n == "Ok" ? 0 : 1]});
  if (v->kind == TypeKind::Poll && (n == "Ready" || n == "Pending")) return n == "Ready" ? subs({v->args[0]}) : subs({});
  Error(p.span, fmt::format("mismatched types: the pattern `{}` does not match a value of type `{}`", JoinPath(p.path), TypeName(t)));
  for (auto& s : p.subs) BindPattern(*s, T.Error(), true);
}

}  // namespace aws::check
