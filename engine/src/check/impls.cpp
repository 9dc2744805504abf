// `impl` blocks and traits: the checks of an impl against its trait, associated types, and the
// calls of the functions of an impl (`Type::f(..)`, `Self::f(..)`, `x.method(..)`). A method call
// is rewritten into the call of a plain function whose first argument is the receiver, borrowed or
// moved as the method's `self` says, so the later stages only ever see function calls.
#include <fmt/format.h>

#include "awaitscope/library_types.h"
#include "check/checker_impl.h"

namespace aws::check {

namespace {

// Traits of the standard library a script may name but not implement (yet).
bool IsStdTrait(const std::string& n) {
  static const char* const kStd[] = {"Future", "Iterator", "Display", "Debug", "Clone", "Copy", "Default", "Drop",
                                     "PartialEq", "Eq", "PartialOrd", "Ord", "Hash", "Wake", "Stream", "From",
                                     "Into", "Send", "Sync", "Unpin", "Deref", "DerefMut", "Fn", "FnMut", "FnOnce"};
  for (const char* s : kStd)
    if (n == s) return true;
  return false;
}

}  // namespace

void Checker::CheckImpls() {
  const Module& m = p_.module;
  impl_ok_.assign(m.impls.size(), true);
  for (size_t i = 0; i < m.impls.size(); ++i) {
    const ImplDecl& im = *m.impls[i];
    const StructDecl* self = m.FindStruct(im.self_type);
    if (!self) {
      ErrorCode(im.self_span, "E0425", fmt::format("cannot find type `{}` in this scope", im.self_type));
      impl_ok_[i] = false;
    } else if (im.self_args.size() != self->generics.size()) {
      size_t k = self->generics.size();
      if (im.self_args.empty())
        ErrorCode(im.self_span, "E0107", fmt::format("missing generics for struct `{}`", im.self_type));
      else
        ErrorCode(im.self_span, "E0107", fmt::format("struct takes {} generic argument{} but {} generic argument{} {} supplied",
                                                     k, k == 1 ? "" : "s", im.self_args.size(),
                                                     im.self_args.size() == 1 ? "" : "s",
                                                     im.self_args.size() == 1 ? "was" : "were"));
      impl_ok_[i] = false;
    }
    if (im.trait_name.empty()) {
      for (const AssocType& at : im.types)
        ErrorCode(at.span, "E0658", "inherent associated types are unstable");
      continue;
    }
    if (im.trait_name == "Future" && !m.FindTrait("Future")) {  // a hand-written future (future_impls.cpp)
      CheckFutureImplItems(i);
      continue;
    }
    if ((im.trait_name == "Wake" || im.trait_name == "ArcWake") && !m.FindTrait(im.trait_name)) {  // a waker written as script code (wake_impls.cpp)
      CheckWakeImplItems(i);
      continue;
    }
    if (im.trait_name == "Stream" && !m.FindTrait("Stream")) {  // a stream written as script code (stream_impls.cpp)
      CheckStreamImplItems(i);
      continue;
    }
    if ((im.trait_name == "Send" || im.trait_name == "Sync") && !m.FindTrait(im.trait_name)) {  // send.cpp
      if (!im.is_unsafe) {
        ErrorCode(im.span, "E0200", fmt::format("the trait `{}` requires an `unsafe impl` declaration", im.trait_name));
      } else if (self) {
        (im.trait_name == "Send" ? p_.unsafe_send : p_.unsafe_sync).emplace(self, im.span);
      }
      continue;
    }
    if (im.is_unsafe) {
      ErrorCode(im.span, "E0199", fmt::format("implementing the trait `{}` is not unsafe", im.trait_name));
      impl_ok_[i] = false;
      continue;
    }
    const TraitDecl* tr = m.FindTrait(im.trait_name);
    if (!tr) {
      if (IsStdTrait(im.trait_name))
        Error(im.trait_span, fmt::format("implementing the standard trait `{}` is not supported by Awaitscope yet; "
                                         "write an inherent `impl {}` or a trait of your own",
                                         im.trait_name, im.self_type));
      else
        ErrorCode(im.trait_span, "E0405", fmt::format("cannot find trait `{}` in this scope", im.trait_name));
      impl_ok_[i] = false;
      continue;
    }
    for (const FnDecl* f : im.fns) {
      bool member = false;
      for (const TraitDecl::Method& tm : tr->methods) member = member || tm.name == f->short_name;
      if (!member)
        ErrorCode(f->span, "E0407", fmt::format("method `{}` is not a member of trait `{}`", f->short_name, tr->name));
    }
    for (const AssocType& at : im.types) {
      bool member = false;
      for (const std::string& n : tr->assoc_types) member = member || n == at.name;
      if (!member)
        ErrorCode(at.span, "E0437", fmt::format("type `{}` is not a member of trait `{}`", at.name, tr->name));
    }
    std::vector<std::string> missing;
    for (const std::string& n : tr->assoc_types) {
      bool given = false;
      for (const AssocType& at : im.types) given = given || at.name == n;
      if (!given) missing.push_back(n);
    }
    for (const TraitDecl::Method& tm : tr->methods) {
      bool given = tm.has_default;
      for (const FnDecl* f : im.fns) given = given || f->short_name == tm.name;
      if (!given) missing.push_back(tm.name);
    }
    if (!missing.empty()) {
      std::string list;
      for (size_t k = 0; k < missing.size(); ++k) list += fmt::format("{}`{}`", k ? ", " : "", missing[k]);
      ErrorCode(im.span, "E0046", fmt::format("not all trait items implemented, missing: {}", list));
    }
  }
}

const StructDecl* Checker::ImplSelf(int impl) const {
  if (impl < 0 || impl >= static_cast<int>(p_.module.impls.size())) return nullptr;
  return p_.module.FindStruct(p_.module.impls[impl]->self_type);
}

TypeRef Checker::ResolveAssocType(const TypeExpr& te) {
  const std::string& n = te.path[1];
  if (cur_impl_ >= 0) {
    for (const AssocType& at : p_.module.impls[cur_impl_]->types)
      if (at.name == n) return Resolve(at.type.get());
  }
  ErrorCode(te.span, "E0220", fmt::format("associated type `{}` not found for `Self`", n));
  return T.Error();
}

// The function `name` of the impls of a struct; of a generic struct's impls for an instance; of
// the bounds' traits for a type parameter.
const FnDecl* Checker::FindImplFn(const StructDecl* sd, const std::string& name) const {
  if (!sd) return nullptr;
  if (sd->param) {
    for (const TraitBound& b : sd->param->bounds)
      if (const TraitDecl* tr = p_.module.FindTrait(b.trait))
        for (const TraitDecl::Method& m : tr->methods)
          if (m.name == name && m.decl) return m.decl.get();
    return nullptr;
  }
  const StructDecl* o = Origin(sd);
  if (o->generics.empty()) return p_.module.FindFn(sd->name + "::" + name);
  for (const auto& im : p_.module.impls)
    if (im->self_type == o->name)
      for (const FnDecl* f : im->fns)
        if (f->short_name == name) return f;
  return nullptr;
}

TypeRef Checker::CallUserFn(Expr& e, const FnDecl& fn, const char* what) {
  if (fn.impl >= 0 && !impl_ok_[fn.impl]) UsesBrokenItem();  // its impl's error is the message
  e.fn = &fn;
  e.operand->fn = &fn;
  if (CheckArity(e, fn.params.size(), fn.params.size(), what)) CheckArgs(e, fn.param_types);
  else for (auto& a : e.args) Check(*a, nullptr);
  if (fn.is_async) return T.Future(FutureKind::AsyncFn, fn.ret_type, p_.fn_body[&fn]);
  return fn.ret_type;
}

// `x.m(a)` with `fn m(&self, a: A)` becomes `Type::m(&x, a)`: the receiver is auto-dereferenced
// through references, boxes, `Arc`s and guards (`MutexGuard`, `Ref`, `RefMut`) to the value, then borrowed as the receiver wants (`&self`,
// `&mut self`), or passed as it is (`self`, `self: Pin<&mut Self>`, a `&self` receiver that
// already is a shared reference).
TypeRef Checker::CallMethod(Expr& e, const FnDecl& fn, TypeRef rt) {
  return CallMethodWith(e, fn, rt, T.Struct(ImplSelf(fn.impl)), fn.param_types, fn.ret_type);
}

// The same with the signature given (a generic function's, resolved for this call; `self_t` is
// the receiver's struct type).
TypeRef Checker::CallMethodWith(Expr& e, const FnDecl& fn, TypeRef rt, TypeRef self_t, const std::vector<TypeRef>& params,
                                TypeRef ret) {
  if (fn.impl >= 0 && !impl_ok_[fn.impl]) UsesBrokenItem();  // its impl's error is the message
  TypeRef want = R(params[0]);
  const StructDecl* sd = self_t->decl;
  rt = R(rt);
  auto deref_to_value = [&](ExprPtr x, TypeRef t) {
    while (t != self_t && (t->kind == TypeKind::Ref || t->kind == TypeKind::Box || IsLibraryPointer(t))) {
      auto d = std::make_unique<Expr>();
      d->kind = ExprKind::Deref;
      d->span = x->span;
      d->type = R(t->args[0]);
      d->operand = std::move(x);
      x = std::move(d);
      t = R(t->args[0]);
    }
    return x;
  };
  ExprPtr recv;
  if (want->kind == TypeKind::Ref && R(want->args[0]) == self_t) {
    bool m = want->is_mut;
    if (!m && rt->kind == TypeKind::Ref && !rt->is_mut && R(rt->args[0]) == self_t) {
      recv = std::move(e.operand);
    } else {
      if (m) {
        // Through a shared reference, or a binding not declared `mut`: rustc's E0596.
        if (rt->kind == TypeKind::Ref && !rt->is_mut)
          ErrorCode(e.operand->span, "E0596",
                    fmt::format("cannot borrow `*{}` as mutable, as it is behind a `&` reference",
                                src_.Slice(e.operand->span)));
        else if (IsLibrary(rt, "Ref"))  // Deref without DerefMut, as an Arc's
          ErrorCode(e.operand->span, "E0596",
                    fmt::format("cannot borrow data in dereference of `Ref<'_, {}>` as mutable", TypeName(R(rt->args[0]))));
        else if (rt->kind != TypeKind::Ref)
          RequireMutablePlace(*e.operand, /*borrow=*/true);
      }
      Span at = e.operand->span;
      ExprPtr x = deref_to_value(std::move(e.operand), rt);
      auto r = std::make_unique<Expr>();
      r->kind = ExprKind::Ref;
      r->flag = m;
      r->span = at;
      r->type = T.Ref(self_t, m);
      r->operand = std::move(x);
      recv = std::move(r);
    }
  } else if (want == self_t) {
    if (rt != self_t) {
      ErrorCode(e.operand->span, "E0507",
                fmt::format("cannot move out of `{}` which is behind a reference: `{}` takes `self` by value",
                            src_.Slice(e.operand->span), fn.short_name));
    }
    recv = deref_to_value(std::move(e.operand), rt);
  } else {
    if (!U(rt, want)) Mismatch(e.operand->span, want, rt);
    recv = std::move(e.operand);
  }
  auto callee = std::make_unique<Expr>();
  callee->kind = ExprKind::Path;
  callee->span = e.name_span;
  callee->path = {Origin(sd)->name, fn.short_name};
  callee->name = fn.short_name;
  e.kind = ExprKind::Call;
  e.operand = std::move(callee);
  e.args.insert(e.args.begin(), std::move(recv));
  e.fn = &fn;
  e.operand->fn = &fn;
  if (CheckArity(e, fn.params.size(), fn.params.size(), "this method")) {
    for (size_t i = 1; i < e.args.size(); ++i) Arg(e, i, params[i]);
  } else {
    for (size_t i = 1; i < e.args.size(); ++i) Check(*e.args[i], nullptr);
  }
  if (fn.is_async && !fn.is_generic && !fn.signature_only) return T.Future(FutureKind::AsyncFn, ret, p_.fn_body[&fn]);
  return ret;
}

}  // namespace aws::check
