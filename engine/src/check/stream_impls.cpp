// Streams written as script code: `impl Stream for S { type Item = T; fn poll_next(self:
// Pin<&mut Self>, cx: &mut Context) -> Poll<Option<Self::Item>> { .. } }`, checked against the
// futures crate's trait as rustc does (E0046, E0407, E0437, E0050, E0053), and `StreamExt::next()`
// of such an S: a future (`Next<'_, S>`) whose every poll calls S's `poll_next` where S lives
// (runtime/futures/hand_written.cpp).
#include <fmt/format.h>

#include "check/checker_impl.h"

namespace aws::check {

void Checker::CheckStreamImplItems(size_t i) {
  const ImplDecl& im = *p_.module.impls[i];
  bool has_item = false, has_poll_next = false;
  for (const FnDecl* f : im.fns) {
    if (f->short_name == "poll_next") has_poll_next = true;
    else ErrorCode(f->span, "E0407", fmt::format("method `{}` is not a member of trait `Stream`", f->short_name));
  }
  for (const AssocType& at : im.types) {
    if (at.name == "Item") has_item = true;
    else ErrorCode(at.span, "E0437", fmt::format("type `{}` is not a member of trait `Stream`", at.name));
  }
  if (!has_item || !has_poll_next) {
    std::string list = !has_item && !has_poll_next ? "`Item`, `poll_next`" : !has_item ? "`Item`" : "`poll_next`";
    ErrorCode(im.span, "E0046", fmt::format("not all trait items implemented, missing: {}", list));
  }
}

void Checker::CheckStreamSignatures() {
  const Module& m = p_.module;
  if (m.FindTrait("Stream")) return;  // the script's own trait named `Stream`: an ordinary trait
  for (size_t i = 0; i < m.impls.size(); ++i) {
    const ImplDecl& im = *m.impls[i];
    if (im.trait_name != "Stream" || !impl_ok_[i]) continue;
    const StructDecl* sd = ImplSelf(static_cast<int>(i));
    const FnDecl* poll_next = nullptr;
    for (const FnDecl* f : im.fns)
      if (f->short_name == "poll_next") poll_next = f;
    const AssocType* item_decl = nullptr;
    for (const AssocType& at : im.types)
      if (at.name == "Item") item_decl = &at;
    if (!sd || !poll_next || !item_decl) continue;
    if (!sd->generics.empty()) {
      Error(im.self_span, "a generic struct implementing `Stream` is not supported in scripts");
      continue;
    }
    ScopeState saved = SaveScope();
    EnterFnScope(*poll_next);
    TypeRef item = Resolve(item_decl->type.get());
    RestoreScope(saved);
    bool ok = !item->IsError();
    TypeRef self_t = T.Struct(sd);
    if (poll_next->params.size() != 2) {
      Span at = poll_next->params.empty() ? poll_next->name_span
                                          : poll_next->params.front().span.Join(poll_next->params.back().span);
      ErrorCode(at, "E0050", fmt::format("method `poll_next` has {} parameter{} but the declaration in trait "
                                         "`poll_next` has 2",
                                         poll_next->params.size(), poll_next->params.size() == 1 ? "" : "s"));
      ok = false;
    } else {
      const TypeRef want[2] = {T.Pin(T.Ref(self_t, true)), T.Ref(T.Context(), true)};
      for (size_t k = 0; k < 2 && ok; ++k) {
        TypeRef got = poll_next->param_types[k];
        if (got->IsError() || got == want[k]) continue;
        ErrorCode(poll_next->params[k].type->span, "E0053",
                  fmt::format("method `poll_next` has an incompatible type for trait: expected `{}`, found `{}`",
                              TypeName(want[k]), TypeName(got)));
        ok = false;
      }
      TypeRef want_ret = T.Poll(T.Option(item));
      TypeRef ret = poll_next->ret_type;
      if (ok && !ret->IsError() && ret != want_ret) {
        ErrorCode(poll_next->ret ? poll_next->ret->span : poll_next->name_span, "E0053",
                  fmt::format("method `poll_next` has an incompatible type for trait: expected `{}`, found `{}`",
                              TypeName(want_ret), TypeName(ret)));
        ok = false;
      }
    }
    if (ok && poll_next->is_async) {
      Error(poll_next->span, "functions in trait impls cannot be declared `async` here: `poll_next` returns "
                             "`Poll<Option<Self::Item>>`");
      ok = false;
    }
    if (ok) streams_[sd] = ScriptStream{poll_next, item};
  }
}

const FnDecl* Checker::StreamPollNext(const StructDecl* sd) const {
  auto it = streams_.find(sd);
  return it == streams_.end() ? nullptr : it->second.poll_next;
}

// `stream.next()` (futures' `StreamExt::next(&mut self)`): a future of `Option<Item>` that
// borrows the stream mutably while it lives.
TypeRef Checker::CheckScriptStreamNext(Expr& e, TypeRef rt, TypeRef base) {
  if (e.name != "next" || base->kind != TypeKind::Struct) return nullptr;
  auto it = streams_.find(base->decl);
  if (it == streams_.end()) return nullptr;
  e.builtin = &GetBuiltin(BuiltinId::ScriptStreamNext);
  if (!CheckArity(e, 0, 0, "method `next`")) {
    for (auto& a : e.args) Check(*a, nullptr);
    return T.Error();
  }
  RequireMutReceiver(e, rt);
  return T.Future(FutureKind::Next, T.Option(it->second.item), -1, {base});
}

// `futures::stream::iter(iterable)`: a stream (futures' `Iter<I>`) of what the iterable's
// `into_iter()` gives; every poll of its `next()` is Ready at once.
TypeRef Checker::CheckStreamIterCall(Expr& e) {
  TypeRef it = IntoIterType(Check(*e.args[0], nullptr), e.args[0]->span);
  if (it->IsError()) return it;
  return T.Library("stream::Iter", {it});
}

// `s.next()` of such a stream (`StreamExt::next(&mut self)`): a `Next<'_, Iter<I>>` future of the
// iterator's next item.
TypeRef Checker::CheckStreamIterNext(Expr& e, TypeRef rt, TypeRef lib) {
  (void)rt;  // its `&mut` is required by the caller (LibraryMutatesReceiver)
  TypeRef it = lib->args.empty() ? T.Error() : R(lib->args[0]);
  if (it->IsError() || it->args.empty()) return T.Error();
  return T.Future(FutureKind::Next, T.Option(it->args[0]), -1, {lib});
}

}  // namespace aws::check
