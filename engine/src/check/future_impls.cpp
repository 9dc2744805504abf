// Hand-written futures: `impl Future for X { type Output = T; fn poll(self: Pin<&mut Self>, cx:
// &mut Context<'_>) -> Poll<T> { .. } }` checked against std's trait as rustc does (E0046, E0407,
// E0437, E0050, E0053), and what counts as a future where one is expected (`.await`, `spawn`,
// `join`, `Pin<Box<dyn Future>>`): the built-in futures and the structs that implement it.
#include <fmt/format.h>

#include "check/checker_impl.h"

namespace aws::check {

// The items of an `impl Future`: only `type Output` and `fn poll`, both required. The signature
// is checked once the functions' types are resolved (CheckFutureSignatures).
void Checker::CheckFutureImplItems(size_t i) {
  const ImplDecl& im = *p_.module.impls[i];
  for (const FnDecl* f : im.fns)
    if (f->short_name != "poll")
      ErrorCode(f->span, "E0407", fmt::format("method `{}` is not a member of trait `Future`", f->short_name));
  bool has_output = false, has_poll = false;
  for (const AssocType& at : im.types) {
    if (at.name == "Output") has_output = true;
    else ErrorCode(at.span, "E0437", fmt::format("type `{}` is not a member of trait `Future`", at.name));
  }
  for (const FnDecl* f : im.fns) has_poll = has_poll || f->short_name == "poll";
  if (!has_output || !has_poll) {
    std::string list = !has_output && !has_poll ? "`Output`, `poll`" : !has_output ? "`Output`" : "`poll`";
    ErrorCode(im.span, "E0046", fmt::format("not all trait items implemented, missing: {}", list));
  }
}

void Checker::CheckFutureSignatures() {
  const Module& m = p_.module;
  if (m.FindTrait("Future")) return;  // the script's own trait named `Future`: an ordinary trait
  for (size_t i = 0; i < m.impls.size(); ++i) {
    const ImplDecl& im = *m.impls[i];
    if (im.trait_name != "Future" || !impl_ok_[i]) continue;
    const StructDecl* sd = ImplSelf(static_cast<int>(i));
    const FnDecl* poll = nullptr;
    for (const FnDecl* f : im.fns)
      if (f->short_name == "poll") poll = f;
    const AssocType* out = nullptr;
    for (const AssocType& at : im.types)
      if (at.name == "Output") out = &at;
    if (!sd || !poll || !out) continue;
    TypeRef output = R(poll->ret_type && poll->ret_type->kind == TypeKind::Poll ? poll->ret_type->args[0] : nullptr);
    // `impl<F> Future for StringLen<F> where F: ..`: `Self` is `StringLen<F>` with `F` opaque,
    // under the scope `poll`'s signature was resolved in.
    ScopeState saved = SaveScope();
    EnterFnScope(*poll);
    if (!sd->generics.empty() && self_struct_ == sd) self_struct_ = nullptr;  // E0107, said by CheckImpls
    const StructDecl* self_decl = self_struct_;
    TypeRef declared = self_decl ? Resolve(out->type.get()) : T.Error();
    RestoreScope(saved);
    if (!self_decl) continue;
    TypeRef self_t = T.Struct(self_decl);
    bool ok = !declared->IsError();
    // rustc compares the parameter count first (E0050), then each type (E0053).
    if (poll->params.size() != 2) {
      Span at = poll->params.empty() ? poll->name_span : poll->params.front().type->span.Join(poll->params.back().type->span);
      ErrorCode(at, "E0050", fmt::format("method `poll` has {} parameter{} but the declaration in trait `poll` has 2",
                                         poll->params.size(), poll->params.size() == 1 ? "" : "s"));
      ok = false;
    } else {
      const TypeRef want[2] = {T.Pin(T.Ref(self_t, true)), T.Ref(T.Context(), true)};
      for (size_t k = 0; k < 2 && ok; ++k) {
        TypeRef got = poll->param_types[k];
        if (got->IsError() || got == want[k]) continue;
        ErrorCode(poll->params[k].type->span, "E0053",
                  fmt::format("method `poll` has an incompatible type for trait: expected `{}`, found `{}`",
                              TypeName(want[k]), TypeName(got)));
        ok = false;
      }
      TypeRef ret = poll->ret_type;
      if (ok && !ret->IsError() && !declared->IsError() && ret != T.Poll(declared)) {
        Span at = poll->ret ? poll->ret->span : poll->name_span;
        TypeRef want_ret = T.Poll(declared);
        bool both_poll = ret->kind == TypeKind::Poll;
        ErrorCode(at, "E0053", fmt::format("method `poll` has an incompatible type for trait: expected `{}`, found `{}`",
                                           TypeName(both_poll ? declared : want_ret), TypeName(both_poll ? output : ret)));
        ok = false;
      }
      if (ok && poll->is_async) {
        Error(poll->span, "functions in trait impls cannot be declared `async` here: `poll` returns `Poll<Self::Output>`");
        ok = false;
      }
    }
    if (!ok) continue;
    p_.hand_written[self_decl] = HandWrittenFuture{poll, declared};
    if (!sd->generics.empty()) generic_futures_[sd] = GenericFuture{static_cast<int>(i), poll};
  }
}

TypeRef Checker::AsFuture(TypeRef t) {
  t = R(t);
  if (t->IsFuture()) return t;
  if (const HandWrittenFuture* h = p_.HandWritten(t)) return T.Future(FutureKind::HandWritten, h->output, -1, {t});
  if (t->kind != TypeKind::Struct || !t->decl || !generic_futures_.count(Origin(t->decl))) return nullptr;
  t = Z(t);  // `StringLen<?F>` once `?F` is known: the instance
  if (const HandWrittenFuture* h = p_.HandWritten(t)) return T.Future(FutureKind::HandWritten, h->output, -1, {t});
  if (t->decl->generic_origin)
    if (TypeRef out = InstantiateFuture(t)) return T.Future(FutureKind::HandWritten, out, -1, {t});
  return nullptr;
}

// An instance of a generic struct with `impl<F> Future for StringLen<F> where F: Future<Output =
// String>` is a future when its arguments meet the impl's bounds; its `poll` is then the
// instance of the generic one under those arguments (`StringLen<impl Future<Output =
// String>>::poll`), made here as a call of a generic function makes its instance. Inside a
// generic definition only its output is asked for: that body is checked, never run. Returns the
// output, or null when the instance is not a future.
TypeRef Checker::InstantiateFuture(TypeRef t) {
  const StructDecl* inst = t->decl;
  auto g = generic_futures_.find(inst->generic_origin);
  if (g == generic_futures_.end()) return nullptr;
  const ImplDecl& im = *p_.module.impls[g->second.impl];
  // The impl's parameters from the instance's arguments (`impl<F> .. for StringLen<F>`).
  std::map<std::string, TypeRef> bound;
  for (size_t k = 0; k < im.self_args.size() && k < inst->type_args.size(); ++k)
    if (im.self_args[k]->kind == TypeExpr::Kind::Path && im.self_args[k]->path.size() == 1 && im.self_args[k]->args.empty())
      bound[im.self_args[k]->Name()] = inst->type_args[k];
  std::vector<TypeRef> args;
  bool opaque = generic_ctx_ || quiet_;
  for (const GenericParam& gp : im.generics) {
    auto it = bound.find(gp.name);
    if (it == bound.end()) return nullptr;  // a parameter the struct's arguments do not fix
    for (const TraitBound& b : gp.bounds)
      if (!Satisfies(it->second, b, 0)) return nullptr;
    opaque = opaque || MentionsParam(it->second);  // `StringLen<T>` inside a generic definition
    args.push_back(it->second);
  }
  ScopeState saved = SaveScope();
  tparams_.clear();
  for (size_t k = 0; k < im.generics.size(); ++k) tparams_[im.generics[k].name] = args[k];
  self_struct_ = inst;
  self_type_ = nullptr;
  cur_impl_ = g->second.impl;
  TypeRef output = nullptr;
  for (const AssocType& at : im.types)
    if (at.name == "Output") output = Resolve(at.type.get());
  RestoreScope(saved);
  if (!output || HasError(output)) return nullptr;
  if (opaque) return output;
  Expr at;
  at.span = g->second.poll->name_span;
  const FnDecl* poll = Instantiate(*g->second.poll, args, at);
  if (!poll) return nullptr;
  p_.hand_written[inst] = HandWrittenFuture{poll, output};
  return output;
}

// `fn string_len(..) -> impl Future<Output = usize> { StringLen { .. } }` where the struct is a
// future of another output: rustc's E0271 at the return type (true when said).
bool Checker::ImplFutureOutputMismatch(const FnDecl& fn, TypeRef body_t) {
  if (fn.is_async || !fn.ret || fn.ret->kind != TypeExpr::Kind::ImplFuture) return false;
  body_t = R(body_t);
  TypeRef want = R(fn.ret_type);
  if (body_t->kind != TypeKind::Struct || !want->IsFuture()) return false;
  TypeRef f = AsFuture(body_t);
  if (!f || HasError(f->Output()) || Compatible(f->Output(), want->Output())) return false;
  ErrorCode(fn.ret->span, "E0271",
            fmt::format("expected `{}` to be a future that resolves to `{}`, but it resolves to `{}`", Name(body_t),
                        Name(want->Output()), Name(f->Output())));
  return true;
}

// Whether a type names a generic definition's opaque parameter.
bool Checker::MentionsParam(TypeRef t) {
  t = R(t);
  if (!t) return false;
  if (t->kind == TypeKind::Struct && t->decl && t->decl->param) return true;
  for (TypeRef a : t->args)
    if (MentionsParam(a)) return true;
  return false;
}

}  // namespace aws::check

namespace aws {

const HandWrittenFuture* CheckedProgram::HandWritten(TypeRef t) const {
  if (!t || t->kind != TypeKind::Struct || !t->decl) return nullptr;
  auto it = hand_written.find(t->decl);
  return it == hand_written.end() ? nullptr : &it->second;
}

}  // namespace aws
