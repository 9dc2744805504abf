// Wakers written as script code: `impl Wake for W { fn wake(self: Arc<Self>) { .. } }` checked
// against std's trait as rustc does (E0046, E0407, E0050, E0053), and the two ways to make a
// `Waker` of an `Arc<W>`: `Waker::from(arc)` and `arc.into()` where a `Waker` is expected (rustc's
// E0277 when W does not implement `Wake`). The runtime (runtime/futures/arc_wakers.cpp) calls the
// impl's functions when the waker is woken.
#include <fmt/format.h>

#include "awaitscope/library_types.h"
#include "check/checker_impl.h"

namespace aws::check {

// The items of an `impl Wake`: `fn wake` (required) and `fn wake_by_ref` (provided by std: it
// clones the Arc and calls `wake`). The signatures are checked once the functions' types are
// resolved (CheckWakeSignatures).
void Checker::CheckWakeImplItems(size_t i) {
  const ImplDecl& im = *p_.module.impls[i];
  // std's `Wake` requires `wake`; futures' `ArcWake` requires `wake_by_ref` (its `wake` is
  // provided: it calls `wake_by_ref` and drops the Arc).
  const bool arc_wake = im.trait_name == "ArcWake";
  const char* required = arc_wake ? "wake_by_ref" : "wake";
  bool has_required = false;
  for (const FnDecl* f : im.fns) {
    if (f->short_name == required) has_required = true;
    else if (f->short_name != "wake_by_ref" && f->short_name != "wake")
      ErrorCode(f->span, "E0407", fmt::format("method `{}` is not a member of trait `{}`", f->short_name, im.trait_name));
  }
  for (const AssocType& at : im.types)
    ErrorCode(at.span, "E0437", fmt::format("type `{}` is not a member of trait `{}`", at.name, im.trait_name));
  if (!has_required) ErrorCode(im.span, "E0046", fmt::format("not all trait items implemented, missing: `{}`", required));
}

void Checker::CheckWakeSignatures() {
  const Module& m = p_.module;
  for (size_t i = 0; i < m.impls.size(); ++i) {
    const ImplDecl& im = *m.impls[i];
    if ((im.trait_name != "Wake" && im.trait_name != "ArcWake") || !impl_ok_[i]) continue;
    if (m.FindTrait(im.trait_name)) continue;  // the script's own trait of that name: an ordinary trait
    // ArcWake's `wake_by_ref(arc_self: &Arc<Self>)` is an associated function, not a method.
    const bool arc_wake = im.trait_name == "ArcWake";
    const StructDecl* sd = ImplSelf(static_cast<int>(i));
    if (!sd) continue;
    TypeRef arc = T.Library("Arc", {T.Struct(sd)});
    bool ok = true, has_wake = false;
    for (const FnDecl* f : im.fns) {
      const bool by_ref = f->short_name == "wake_by_ref";
      if (!by_ref && f->short_name != "wake") continue;
      TypeRef want = by_ref ? T.Ref(arc, false) : arc;
      const bool want_self = !(arc_wake && by_ref);
      if (f->params.size() != 1 || f->params[0].is_self != want_self) {
        Span at = f->params.empty() ? f->name_span : f->params.front().span.Join(f->params.back().span);
        if (!f->params.empty() && !want_self)
          ErrorCode(at, "E0185", fmt::format("method `{}` has a `self` declaration in the impl, but not in the trait",
                                             f->short_name));
        else if (!f->params.empty() && !f->params[0].is_self)
          ErrorCode(at, "E0186", fmt::format("method `{}` has a `self: {}` declaration in the trait, but not in the impl",
                                             f->short_name, by_ref ? "&Arc<Self>" : "Arc<Self>"));
        else
          ErrorCode(at, "E0050", fmt::format("method `{}` has {} parameters but the declaration in trait `{}` has 1",
                                             f->short_name, f->params.size(), f->short_name));
        ok = false;
        continue;
      }
      TypeRef got = f->param_types.empty() ? T.Error() : R(f->param_types[0]);
      if (!got->IsError() && got != want) {
        ErrorCode(f->params[0].type ? f->params[0].type->span : f->name_span, "E0053",
                  fmt::format("method `{}` has an incompatible type for trait: expected `{}`, found `{}`", f->short_name,
                              TypeName(want), TypeName(got)));
        ok = false;
        continue;
      }
      TypeRef ret = f->ret_type ? R(f->ret_type) : T.Unit();
      if (!ret->IsError() && ret->kind != TypeKind::Unit) {
        ErrorCode(f->ret ? f->ret->span : f->name_span, "E0053",
                  fmt::format("method `{}` has an incompatible type for trait: expected `()`, found `{}`", f->short_name,
                              TypeName(ret)));
        ok = false;
        continue;
      }
      if (f->is_async) {
        Error(f->span, fmt::format("functions in trait impls cannot be declared `async` here: `{}` returns `()`", f->short_name));
        ok = false;
        continue;
      }
      has_wake = has_wake || !by_ref;
    }
    if (ok && arc_wake) arc_wake_ok_.insert(sd);
    else if (ok && has_wake) wake_ok_.insert(sd);
  }
}

// `Waker::from(arc)` (arg is the call's argument) or `arc.into()` (arg is the receiver), of type
// `t`: the arc must be an `Arc<W>` whose W implements `Wake`.
TypeRef Checker::CheckWakerFromArc(Expr& e, const Expr& arg, TypeRef t) {
  t = R(t);
  if (t->IsError()) return T.Waker();
  TypeRef inner = IsLibrary(t, "Arc") && !t->args.empty() ? R(t->args[0]) : nullptr;
  if (inner && inner->kind == TypeKind::Struct && inner->decl && !wake_ok_.count(inner->decl))
    for (const auto& im : p_.module.impls)
      if (im->trait_name == "Wake" && im->self_type == inner->decl->name) {
        UsesBrokenItem();  // its `impl Wake` has an error of its own: that error is the message
        return T.Waker();
      }
  if (!inner || inner->kind != TypeKind::Struct || !inner->decl || !wake_ok_.count(inner->decl)) {
    if (inner && inner->kind == TypeKind::Struct)
      ErrorCode(arg.span, "E0277", fmt::format("the trait bound `{}: Wake` is not satisfied", TypeName(inner)));
    else
      ErrorCode(arg.span, "E0277", fmt::format("the trait bound `Waker: From<{}>` is not satisfied", TypeName(t)));
    return T.Error();
  }
  e.builtin = FindBuiltinFn("Waker::from");  // from_raw's id; the runtime sees the Arc
  return T.Waker();
}

// futures' `waker_ref(&arc)`: a waker borrowed from an `&Arc<W>` whose W implements `ArcWake`.
// The result is typed `Waker` (futures' `WakerRef<'_>` derefs to one). With `owned`, futures'
// `task::waker(arc)`: a waker that takes the `Arc<W>` itself.
TypeRef Checker::CheckWakerRef(Expr& e, bool owned) {
  TypeRef t = R(Check(*e.args[0], nullptr));
  if (t->IsError()) return T.Waker();
  TypeRef arc = owned ? t : t->kind == TypeKind::Ref && !t->args.empty() ? R(t->args[0]) : nullptr;
  TypeRef inner = arc && IsLibrary(arc, "Arc") && !arc->args.empty() ? R(arc->args[0]) : nullptr;
  if (!arc || !IsLibrary(arc, "Arc")) {
    ErrorCode(e.args[0]->span, "E0308",
              fmt::format("mismatched types: expected `{}Arc<_>`, found `{}`", owned ? "" : "&", TypeName(t)));
    return T.Error();
  }
  if (inner && inner->kind == TypeKind::Struct && inner->decl && arc_wake_ok_.count(inner->decl)) return T.Waker();
  if (inner && inner->kind == TypeKind::Struct && inner->decl)
    for (const auto& im : p_.module.impls)
      if (im->trait_name == "ArcWake" && im->self_type == inner->decl->name) {
        UsesBrokenItem();
        return T.Waker();
      }
  ErrorCode(e.args[0]->span, "E0277", fmt::format("the trait bound `{}: ArcWake` is not satisfied", TypeName(inner)));
  return T.Error();
}

}  // namespace aws::check
