// Trait objects of script traits: `&dyn Describe`, `Box<dyn Describe>`, `Vec<Box<dyn Describe>>`.
// `dyn A + B` is an opaque, unsized struct type of its own (StructDecl::dyn_traits); a struct that
// implements the traits coerces to it behind a pointer, and its methods are the traits'
// signatures, called through the vtable: the run time calls the impl of the value behind it.
#include <fmt/format.h>

#include "check/checker_impl.h"

namespace aws::check {

TypeRef Checker::DynTraitType(const TypeExpr& te) {
  std::vector<std::string> traits;
  for (const std::string& n : te.path) {
    if (n == "Send" || n == "Sync" || n == "Unpin" || n == "Sized") continue;  // auto traits: always held here
    if (!p_.module.FindTrait(n)) {
      ErrorCode(te.span, "E0405", fmt::format("cannot find trait `{}` in this scope", n));
      return T.Error();
    }
    traits.push_back(n);
    // E0038: rustc marks the whole `dyn ..` in an item's signature, the trait's name inside a body.
    std::vector<std::string> why = DynIncompatibilities(*p_.module.FindTrait(n));
    if (!why.empty()) {
      Span at = in_body_ && te.trait_span.end > te.trait_span.begin ? te.trait_span : te.span;
      if (dyn_incompatible_reported_.insert(te.span.begin).second) {
        std::string reasons;
        for (const std::string& w : why) reasons += (reasons.empty() ? "" : "; ") + w;
        ErrorCode(at, "E0038", fmt::format("the trait `{}` is not dyn compatible: {}", n, reasons));
      }
      return T.Error();
    }
  }
  if (traits.empty()) {
    Error(te.span, "`dyn` needs a trait of the script (or `dyn Future<Output = T>`)");
    return T.Error();
  }
  std::string name = "dyn ";
  for (size_t i = 0; i < traits.size(); ++i) name += (i ? " + " : "") + traits[i];
  if (auto it = dyn_types_.find(name); it != dyn_types_.end()) return it->second;
  auto sd = std::make_unique<StructDecl>();
  sd->name = name;
  sd->dyn_traits = traits;
  sd->span = sd->name_span = te.span;
  TypeRef t = T.Struct(sd.get());
  p_.module.generic_structs.push_back(std::move(sd));
  dyn_types_[name] = t;
  return t;
}

namespace {

bool NamesSelf(const TypeExpr& te) {
  if (te.kind == TypeExpr::Kind::Path && te.path.size() == 1 && te.path[0] == "Self") return true;  // not `Self::Output`
  for (const TypeExprPtr& a : te.args)
    if (a && NamesSelf(*a)) return true;
  return false;
}

}  // namespace

// rustc's dyn compatibility: a trait object calls its methods through a vtable, so each method
// not kept out of it by `where Self: Sized` must take `self`, have no type parameters (nor
// `impl Trait` arguments), not be `async`, and name `Self` nowhere but in its receiver.
std::vector<std::string> Checker::DynIncompatibilities(const TraitDecl& tr) {
  std::vector<std::string> why;
  for (const TraitDecl::Method& m : tr.methods) {
    if (!m.decl || m.decl->where_self_sized) continue;
    const FnDecl& f = *m.decl;
    if (!f.HasReceiver()) {
      why.push_back(fmt::format("associated function `{}` has no `self` parameter", m.name));
      continue;
    }
    if (m.is_async || f.is_async) why.push_back(fmt::format("method `{}` is `async`", m.name));
    bool generic = !f.generics.empty();
    for (size_t i = 1; i < f.params.size(); ++i)
      generic = generic || (f.params[i].type && f.params[i].type->kind == TypeExpr::Kind::ImplTrait);
    if (generic) why.push_back(fmt::format("method `{}` has generic type parameters", m.name));
    for (size_t i = 1; i < f.params.size(); ++i)
      if (f.params[i].type && NamesSelf(*f.params[i].type)) {
        why.push_back(fmt::format("method `{}` references the `Self` type in a parameter", m.name));
        break;
      }
    if (f.ret && NamesSelf(*f.ret)) why.push_back(fmt::format("method `{}` references the `Self` type in its return type", m.name));
  }
  return why;
}

bool Checker::CoercesToDyn(TypeRef got, TypeRef want) {
  if (got->decl == want->decl) return true;
  if (!got->decl || !got->decl->dyn_traits.empty()) return false;  // one trait object to another: not modelled
  for (const std::string& trait : want->decl->dyn_traits) {
    TraitBound b;
    b.trait = trait;
    if (!Satisfies(got, b, 0)) return false;
  }
  return true;
}

bool Checker::IsDynPointer(TypeRef t) {
  t = R(t);
  if (!t || (t->kind != TypeKind::Ref && t->kind != TypeKind::Box) || t->args.empty()) return false;
  TypeRef p = R(t->args[0]);
  return p->kind == TypeKind::Struct && p->decl && !p->decl->dyn_traits.empty();
}

bool Checker::ReportMissingDynTrait(Span at, TypeRef got, TypeRef want) {
  // The same pointer on both sides (`&`, `&mut`, `Box`), down to the pointee.
  for (int depth = 0; depth < 4; ++depth) {
    got = R(got);
    want = R(want);
    if (got->kind != want->kind || (got->kind != TypeKind::Ref && got->kind != TypeKind::Box) || want->args.empty() ||
        got->args.empty())
      break;
    got = got->args[0];
    want = want->args[0];
  }
  got = R(got);
  want = R(want);
  if (want->kind != TypeKind::Struct || !want->decl || want->decl->dyn_traits.empty()) return false;
  if (got->kind != TypeKind::Struct || !got->decl || !got->decl->dyn_traits.empty()) return false;
  for (const std::string& trait : want->decl->dyn_traits) {
    TraitBound b;
    b.trait = trait;
    if (Satisfies(got, b, 0)) continue;
    ErrorCode(at, "E0277", fmt::format("the trait bound `{}: {}` is not satisfied", Name(got), trait));
    return true;
  }
  return false;
}

TypeRef Checker::CheckDynMethod(Expr& e, TypeRef rt, TypeRef base) {
  if (base->kind != TypeKind::Struct || !base->decl || base->decl->dyn_traits.empty()) return nullptr;
  for (const std::string& trait : base->decl->dyn_traits) {
    const TraitDecl* tr = p_.module.FindTrait(trait);
    if (!tr) continue;
    for (const TraitDecl::Method& m : tr->methods) {
      if (m.name != e.name || !m.decl) continue;
      const FnDecl& sig = *m.decl;
      if (!sig.HasReceiver()) break;  // an associated function is not in the vtable
      if (m.is_async || sig.is_async) {
        for (auto& a : e.args) Check(*a, nullptr);
        Error(e.name_span, fmt::format("`{}` is an `async fn` of trait `{}`: it cannot be called through `{}` "
                                       "(an async fn in a trait makes the trait not dyn-compatible)",
                                       e.name, trait, base->decl->name));
        return T.Error();
      }
      // Its parameters and result with `Self` the trait object (rustc's object safety keeps
      // `Self` out of them).
      ScopeState saved = SaveScope();
      tparams_.clear();
      self_type_ = base;
      self_struct_ = nullptr;
      cur_impl_ = -1;
      std::vector<TypeRef> params;
      for (const Param& p : sig.params) params.push_back(Resolve(p.type.get()));
      TypeRef ret = sig.ret ? Resolve(sig.ret.get()) : T.Unit();
      RestoreScope(saved);
      return CallMethodWith(e, sig, rt, base, params, ret);
    }
  }
  if (R(rt)->kind == TypeKind::Box) return nullptr;  // the Box's own (`as_ref`)
  for (auto& a : e.args) Check(*a, nullptr);
  ErrorCode(e.name_span, "E0599",
            fmt::format("no method named `{}` found for trait object `{}` in the current scope", e.name, base->decl->name));
  return T.Error();
}

}  // namespace aws::check
