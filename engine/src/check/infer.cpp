// Type inference: variables, unification, and the substitution at the end of a body.
#include <fmt/format.h>

#include "check/checker_impl.h"

namespace aws::check {

// Type variables of one function body (and the closures and async blocks inside it): `NewVar`
// stands for any type, `NewIntVar` for an integer literal's `{integer}`. `Unify` binds them; at
// the end of the body integer variables default to `i32` and every type in the tree, the locals
// and the outputs is replaced by what it resolved to (`FinishInference`), so the lowering, the
// desugaring and the runtime never see a variable.
TypeRef Checker::NewVar(Span at, const char* code) {
  subst_.push_back(nullptr);
  var_at_.push_back(at);
  var_code_.push_back(code);
  return T.Var(static_cast<int>(subst_.size()) - 1);
}

TypeRef Checker::NewIntVar(Span at) {
  subst_.push_back(nullptr);
  var_at_.push_back(at);
  var_code_.push_back("");
  return T.IntVar(static_cast<int>(subst_.size()) - 1);
}

// Shallow: what a variable stands for so far.
TypeRef Checker::R(TypeRef t) const {
  while (t && t->IsVar() && subst_[t->body]) t = subst_[t->body];
  return t;
}

// Deep: the type with every bound variable replaced.
TypeRef Checker::Z(TypeRef t) {
  t = R(t);
  if (!t || t->args.empty()) return t;
  std::vector<TypeRef> args;
  for (TypeRef a : t->args) args.push_back(Z(a));
  // A generic struct whose arguments are now known is its instance.
  if (t->kind == TypeKind::Struct && t->decl && !t->decl->generics.empty()) return StructType(t->decl, std::move(args));
  return T.WithArgs(t, std::move(args));
}

bool Checker::Occurs(int id, TypeRef t) {
  t = R(t);
  if (t->IsVar()) return t->body == id;
  for (TypeRef a : t->args)
    if (Occurs(id, a)) return true;
  return false;
}

// Makes `got` and `want` one type if they can be (a `&mut T` is accepted where `&T` is
// wanted); false on a mismatch.
bool Checker::U(TypeRef got, TypeRef want) {
  got = R(got);
  want = R(want);
  if (!got || !want || got == want) return true;
  if (got->IsError() || want->IsError() || got->kind == TypeKind::Never || want->kind == TypeKind::Never) return true;
  if (got->kind == TypeKind::Var) {
    if (Occurs(got->body, want)) return false;
    subst_[got->body] = want;
    return true;
  }
  if (want->kind == TypeKind::Var) {
    if (Occurs(want->body, got)) return false;
    subst_[want->body] = got;
    return true;
  }
  if (got->IsVar()) {  // {integer}
    if (!want->IsInt()) return false;
    subst_[got->body] = want;
    return true;
  }
  if (want->IsVar()) {
    if (!got->IsInt()) return false;
    subst_[want->body] = got;
    return true;
  }
  if (want->kind == TypeKind::Struct && want->decl && !want->decl->dyn_traits.empty() && got->kind == TypeKind::Struct)
    return CoercesToDyn(got, want);  // behind a pointer: `&Song` where `&dyn Describe` is wanted
  if (want->IsFuture() && got->kind == TypeKind::Struct)  // a hand-written future where a future is wanted
    if (TypeRef f = AsFuture(got)) return U(f->Output(), want->Output());
  if (got->kind != want->kind) return false;
  switch (got->kind) {
    case TypeKind::Future: return U(got->Output(), want->Output());
    case TypeKind::Int: return got->int_kind == want->int_kind;
    case TypeKind::Array: return got->len == want->len && U(got->args[0], want->args[0]);
    case TypeKind::Ref: case TypeKind::RawPtr:
      return (got->is_mut == want->is_mut || !want->is_mut) && U(got->args[0], want->args[0]);
    case TypeKind::Struct:  // the same struct (a generic one's arguments unify) or library type
    case TypeKind::Library:
      if (got->kind == TypeKind::Struct ? Origin(got->decl) != Origin(want->decl) : got->name != want->name) return false;
      if (got->args.size() != want->args.size()) return false;
      for (size_t i = 0; i < got->args.size(); ++i)
        if (!U(got->args[i], want->args[i])) return false;
      return true;
    case TypeKind::Iter: return U(got->args[0], want->args[0]);
    default:
      if (got->args.size() != want->args.size()) return false;
      for (size_t i = 0; i < got->args.size(); ++i)
        if (!U(got->args[i], want->args[i])) return false;
      return true;
  }
}

// Ends the inference of a function body: defaults, substitution, and the checks that needed
// the final types (literal ranges, `-` on an unsigned integer).
void Checker::FinishInference(FnDecl& fn, int first_var, size_t first_body) {
  for (const PendingFromIter& p : pending_sums_) CheckFromIter(p);
  pending_sums_.clear();
  bool reported = false;
  for (size_t id = first_var; id < subst_.size(); ++id) {
    if (subst_[id]) continue;
    if (var_code_[id][0] == 0) {
      subst_[id] = T.Int(IntKind::I32);
    } else {
      if (!reported) {
        auto whole = var_whole_.find(static_cast<int>(id));
        ErrorCode(var_at_[id], var_code_[id],
                  whole == var_whole_.end() ? std::string("type annotations needed")
                                            : fmt::format("type annotations needed for `{}`", Name(whole->second)));
        reported = true;
      }
      subst_[id] = T.Error();
    }
  }
  FinishPendingUses();
  ZonkExpr(*fn.body);
  fn.ret_type = Z(fn.ret_type);
  auto zonk_body = [&](Body& b) {
    for (LocalVar& v : b.locals) v.type = Z(v.type);
    b.output = Z(b.output);
  };
  zonk_body(p_.bodies[p_.fn_body[&fn]]);
  for (size_t i = first_body; i < p_.bodies.size(); ++i) zonk_body(p_.bodies[i]);
  for (const Expr* lit : pending_lits_)
    if (lit->type && lit->type->IsInt()) CheckIntRange(*lit, lit->type, false);
  for (const Expr* neg : pending_negs_) {
    TypeRef v = neg->type;
    if (v && v->IsInt() && v->int_kind != IntKind::I32 && v->int_kind != IntKind::I64)
      ErrorCode(neg->span, "E0600", fmt::format("cannot apply unary operator `-` to type `{}`", TypeName(v)));
  }
  pending_lits_.clear();
  pending_negs_.clear();
}

void Checker::ZonkPattern(Pattern& p) {
  p.type = Z(p.type);
  for (auto& sp : p.subs) ZonkPattern(*sp);
  if (p.lit) ZonkExpr(*p.lit);
}

void Checker::ZonkExpr(Expr& e) {
  e.type = Z(e.type);
  for (Expr* c : {e.operand.get(), e.lhs.get(), e.rhs.get(), e.cond.get(), e.body.get(), e.else_.get(), e.tail.get()})
    if (c) ZonkExpr(*c);
  for (auto& a : e.args) ZonkExpr(*a);
  for (auto& st : e.stmts) {
    if (st->pat) ZonkPattern(*st->pat);
    if (st->init) ZonkExpr(*st->init);
  }
  for (MatchArm& arm : e.arms) {
    ZonkPattern(*arm.pat);
    if (arm.guard) ZonkExpr(*arm.guard);
    ZonkExpr(*arm.body);
  }
  if (e.pat) ZonkPattern(*e.pat);
  for (FieldInit& f : e.fields) ZonkExpr(*f.value);
  // A generic struct's literal or field: the instance its type turned out to be.
  if (e.struct_decl && !e.struct_decl->generics.empty()) {
    TypeRef st = e.kind == ExprKind::Field && e.operand ? e.operand->type : e.type;
    while (st && (st->kind == TypeKind::Ref || st->kind == TypeKind::Box)) st = st->args[0];
    if (st && st->kind == TypeKind::Struct) e.struct_decl = st->decl;
  }
}

void Checker::ClaimVars(TypeRef t, Span at) {
  t = R(t);
  ClaimVarsOf(t, t, at);
}

void Checker::ClaimVarsOf(TypeRef t, TypeRef whole, Span at) {
  t = R(t);
  if (t->kind == TypeKind::Var && !claimed_.count(t->body)) {
    claimed_.insert(t->body);
    var_at_[t->body] = at;
    if (R(whole) != t) var_whole_[t->body] = whole;
  }
  for (TypeRef a : t->args) ClaimVarsOf(a, whole, at);
}

void Checker::ExpectType(const Expr& e, TypeRef got, TypeRef want, bool is_return) {
  if (!want || !got) return;
  got = R(got);
  want = R(want);
  // `&String` coerces to `&str`
  if (want->kind == TypeKind::Ref && got->kind == TypeKind::Ref && R(want->args[0])->kind == TypeKind::Str &&
      R(got->args[0])->kind == TypeKind::String)
    return;
  // `&[T; N]`, `&Vec<T>` (and their `&mut`) coerce to the slice `&[T]`
  if (want->kind == TypeKind::Ref && got->kind == TypeKind::Ref && (got->is_mut || !want->is_mut) &&
      R(want->args[0])->IsSlice()) {
    TypeRef seq = R(got->args[0]);
    if ((seq->kind == TypeKind::Array || seq->kind == TypeKind::Vec) && U(seq->args[0], R(want->args[0])->args[0]))
      return;
  }
  if (U(got, want)) return;
  Span at = e.span;
  if (is_return && e.kind == ExprKind::Block && e.tail) at = e.tail->span;
  if (ReportMissingDynTrait(at, got, want)) return;
  Mismatch(at, want, got);
}

TypeRef Checker::Unify(TypeRef a, TypeRef b, const Expr& at, const char* what) {
  a = R(a);
  b = R(b);
  if (a->kind == TypeKind::Never) return b;
  if (b->kind == TypeKind::Never || b->IsError()) return a;
  if (a->IsError()) return b;
  if (a->IsFuture() && b->IsFuture() && a != b && U(b->Output(), a->Output()))
    return T.Future(FutureKind::Either, a->Output(), -1, {a, b});
  if (!U(b, a)) {
    const Expr& tail = at.kind == ExprKind::Block && at.tail ? *at.tail : at;
    ErrorCode(tail.span, "E0308", fmt::format("{}: expected {}, found {}", what, Quoted(a), Quoted(b)));
    return T.Error();  // one message for one mistake
  }
  return R(a);
}

}  // namespace aws::check
