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
    TypeRef self_t = T.Struct(sd);
    TypeRef output = R(poll->ret_type && poll->ret_type->kind == TypeKind::Poll ? poll->ret_type->args[0] : nullptr);
    self_struct_ = sd;
    cur_impl_ = static_cast<int>(i);
    TypeRef declared = Resolve(out->type.get());
    self_struct_ = nullptr;
    cur_impl_ = -1;
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
    if (ok) p_.hand_written[sd] = HandWrittenFuture{poll, declared};
  }
}

TypeRef Checker::AsFuture(TypeRef t) {
  t = R(t);
  if (t->IsFuture()) return t;
  if (const HandWrittenFuture* h = p_.HandWritten(t)) return T.Future(FutureKind::HandWritten, h->output, -1, {t});
  return nullptr;
}

}  // namespace aws::check

namespace aws {

const HandWrittenFuture* CheckedProgram::HandWritten(TypeRef t) const {
  if (!t || t->kind != TypeKind::Struct || !t->decl) return nullptr;
  auto it = hand_written.find(t->decl);
  return it == hand_written.end() ? nullptr : &it->second;
}

}  // namespace aws
