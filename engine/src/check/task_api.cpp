// std::task from scripts, for hand-written futures: `cx.waker()`, the `Waker`'s methods
// (`clone`, `wake`, `wake_by_ref`, `will_wake`), `Poll::is_ready`/`is_pending`, polling a pinned
// future by hand (`fut.as_mut().poll(cx)`), and Pin's constructors and projections (`Pin::new`
// and `Pin::get_mut` for `Unpin` types, rustc's E0277 otherwise; `Pin::new_unchecked` and
// `map_unchecked_mut`/`get_unchecked_mut` only inside `unsafe`, rustc's E0133 otherwise).
#include <fmt/format.h>

#include "check/checker_impl.h"

namespace aws::check {

namespace {

// What makes `t` `!Unpin`, as rustc names it in "`X` cannot be unpinned"; empty when `t` is
// `Unpin`. Pointers (`&`, `Box`, `Pin<P>`) are `Unpin` whatever they point at.
std::string PinBlocker(const CheckedProgram& p, TypeRef t, int depth = 0) {
  if (!t || depth > 32) return "";
  switch (t->kind) {
    case TypeKind::PhantomPinned: return "PhantomPinned";
    case TypeKind::Struct: {
      auto it = p.struct_fields.find(t->decl);
      if (it == p.struct_fields.end()) return "";
      for (TypeRef f : it->second)
        if (std::string b = PinBlocker(p, f, depth + 1); !b.empty()) return b;
      return "";
    }
    case TypeKind::Future:
      switch (t->fut) {
        case FutureKind::AsyncFn:
          return fmt::format("{{async fn body of {}()}}", t->body >= 0 ? p.bodies[t->body].name : std::string("?"));
        case FutureKind::AsyncBlock: return "{async block}";
        case FutureKind::Dyn: return TypeName(t);
        // tokio's `Sleep` holds a `PhantomPinned`; the others are async fns in the crates
        case FutureKind::Sleep: return "PhantomPinned";
        case FutureKind::ReadFile: return "{async fn body of async_read_file()}";
        case FutureKind::WriteFile: return "{async fn body of async_write_file()}";
        case FutureKind::YieldNow: return "{async fn body of yield_now()}";
        case FutureKind::JoinHandle: return "";  // tokio's JoinHandle<T> is Unpin
        default:
          for (size_t i = 1; i < t->args.size(); ++i)
            if (std::string b = PinBlocker(p, t->args[i], depth + 1); !b.empty()) return b;
          return "";
      }
    case TypeKind::Option: case TypeKind::Tuple: case TypeKind::Array: case TypeKind::Result: case TypeKind::Poll:
      for (TypeRef a : t->args)
        if (std::string b = PinBlocker(p, a, depth + 1); !b.empty()) return b;
      return "";
    default: return "";
  }
}

}  // namespace

// A future polled through a pointer, as `.await`, `join!` and `select!` take one: `Pin<&mut F>`
// (`pin!`, `tokio::pin!`), `Pin<Box<F>>`, `&mut Pin<..>` (the pin stays where it is), and `&mut F`
// for an `Unpin` `F` (rustc's E0277 "cannot be unpinned" at `at` otherwise). Returns the future
// pointed at, or null when `t` is no such pointer.
TypeRef Checker::PointedFuture(TypeRef t, Span at) {
  t = R(t);
  if (t->kind == TypeKind::Pin && !t->args.empty()) {
    TypeRef p = R(t->args[0]);
    if ((p->kind != TypeKind::Ref || !p->is_mut) && p->kind != TypeKind::Box) return nullptr;
    TypeRef target = R(p->args[0]);
    if (target->kind == TypeKind::Pin) return PointedFuture(target, at);
    return AsFuture(target);
  }
  if (t->kind != TypeKind::Ref || !t->is_mut) return nullptr;
  TypeRef target = R(t->args[0]);
  if (target->kind == TypeKind::Pin || target->kind == TypeKind::Ref) return PointedFuture(target, at);
  TypeRef f = AsFuture(target);
  if (!f) return nullptr;
  if (std::string blocker = PinBlocker(p_, target); !blocker.empty())
    ErrorCode(at, "E0277", fmt::format("`{}` cannot be unpinned", blocker));
  return f;
}

TypeRef Checker::CheckTaskMethod(Expr& e, TypeRef rt, TypeRef base) {
  const std::string& n = e.name;
  rt = R(rt);
  auto use = [&](BuiltinId id, size_t args) {
    e.builtin = &GetBuiltin(id);
    if (CheckArity(e, args, args, fmt::format("method `{}`", n))) return true;
    for (auto& a : e.args) Check(*a, nullptr);
    return false;
  };
  if (base->kind == TypeKind::Context && n == "waker")
    return use(BuiltinId::ContextWaker, 0) ? T.Ref(T.Waker(), false) : T.Error();
  if (base->kind == TypeKind::Waker) {
    if (n == "clone") return use(BuiltinId::WakerClone, 0) ? T.Waker() : T.Error();
    if (n == "wake_by_ref") return use(BuiltinId::WakeByRef, 0) ? T.Unit() : T.Error();
    if (n == "will_wake") {
      if (!use(BuiltinId::WillWake, 1)) return T.Error();
      Arg(e, 0, T.Ref(T.Waker(), false));
      return T.Bool();
    }
    if (n == "wake") {
      if (!use(BuiltinId::Wake, 0)) return T.Error();
      if (rt->kind == TypeKind::Ref)  // `wake` takes the waker by value
        ErrorCode(e.operand->span, "E0507",
                  "cannot move out of a shared reference: `wake` consumes the waker; use `wake_by_ref`, or "
                  "`clone()` it first");
      return T.Unit();
    }
    return nullptr;
  }
  if (n == "boxed" && rt->kind != TypeKind::Ref) {  // futures' `FutureExt::boxed`: `Box::pin` as a BoxFuture
    if (TypeRef fut = AsFuture(base); fut && fut->kind == TypeKind::Future)
      return use(BuiltinId::BoxPin, 0) ? T.Pin(T.Box(T.Future(FutureKind::Dyn, fut->Output()))) : T.Error();
  }
  if (base->kind == TypeKind::Poll && (n == "is_ready" || n == "is_pending"))
    return use(n == "is_ready" ? BuiltinId::IsReady : BuiltinId::IsPending, 0) ? T.Bool() : T.Error();
  if (rt->kind != TypeKind::Pin || rt->args.empty() || R(rt->args[0])->kind != TypeKind::Ref) return nullptr;
  TypeRef target = R(R(rt->args[0])->args[0]);
  if (n == "poll") {
    TypeRef fut = AsFuture(target);
    if (!fut) return nullptr;
    if (!use(BuiltinId::FuturePoll, 1)) return T.Error();
    Arg(e, 0, T.Ref(T.Context(), true));
    return T.Poll(fut->Output());
  }
  if (n == "get_mut") {
    if (!use(BuiltinId::PinGetMut, 0)) return T.Error();
    if (std::string b = PinBlocker(p_, target); !b.empty())
      ErrorCode(e.name_span, "E0277", fmt::format("`{}` cannot be unpinned", b));
    return R(rt->args[0]);
  }
  if (n == "get_unchecked_mut") {
    if (!use(BuiltinId::PinGetUncheckedMut, 0)) return T.Error();
    if (!in_unsafe_)
      ErrorCode(e.span, "E0133", "call to unsafe function `Pin::<Ptr>::get_unchecked_mut` is unsafe and requires unsafe function or block");
    return R(rt->args[0]);
  }
  if (n == "map_unchecked_mut") {
    if (!use(BuiltinId::MapUncheckedMut, 1)) return T.Error();
    if (!in_unsafe_)
      ErrorCode(e.span, "E0133", "call to unsafe function `Pin::<Ptr>::map_unchecked_mut` is unsafe and requires unsafe function or block");
    TypeRef fn_t = R(Check(*e.args[0], T.Closure({T.Ref(target, true)}, nullptr, -1)));
    if (fn_t->IsError()) return T.Error();
    TypeRef ret = fn_t->kind == TypeKind::Closure ? R(fn_t->args.back()) : nullptr;
    if (!ret || ret->kind != TypeKind::Ref || !ret->is_mut) {
      Error(e.args[0]->span, "`map_unchecked_mut` needs a closure taking `&mut T` and returning a `&mut` to a field of it");
      return T.Error();
    }
    return T.Pin(ret);
  }
  return nullptr;
}

// An argument of `RawWakerVTable::new`: a script function `fn(*const ()) -> RawWaker` (clone) or
// `fn(*const ())` (wake, wake_by_ref, drop), named by its path. It becomes a function value (a
// closure without captures, of the function's body) that the runtime calls on the waker's data.
void Checker::VTableFn(Expr& a, bool is_clone) {
  TypeRef data = T.RawPtr(T.Unit(), false);
  TypeRef ret = is_clone ? T.Library("RawWaker", {}) : T.Unit();
  std::string want = is_clone ? "unsafe fn(*const ()) -> RawWaker" : "unsafe fn(*const ())";
  const FnDecl* fn = a.kind == ExprKind::Path && a.path.size() == 1 && Lookup(a.name) < 0 ? p_.module.FindFn(a.name) : nullptr;
  if (!fn) {
    TypeRef t = R(Check(a, nullptr));
    if (!t->IsError())
      ErrorCode(a.span, "E0308", fmt::format("mismatched types: expected fn pointer `{}`, found `{}`", want, TypeName(t)));
    a.type = T.Error();
    return;
  }
  bool ok = !fn->is_async && fn->params.size() == 1 && fn->param_types.size() == 1 && fn->param_types[0] == data &&
            (fn->ret_type ? R(fn->ret_type) : T.Unit()) == ret;
  if (!ok) {
    std::string params;
    for (TypeRef t : fn->param_types) params += (params.empty() ? "" : ", ") + TypeName(t);
    TypeRef r = fn->ret_type ? R(fn->ret_type) : T.Unit();
    ErrorCode(a.span, "E0308",
              fmt::format("mismatched types: expected fn pointer `{}`, found fn item `{}fn({}){} {{{}}}`", want,
                          fn->is_async ? "async " : "", params, r->kind == TypeKind::Unit ? "" : " -> " + TypeName(r), fn->name));
    a.type = T.Error();
    return;
  }
  a.fn = fn;
  a.type = T.Closure({data}, ret, p_.fn_body.at(fn));
}

TypeRef Checker::CheckTaskCall(Expr& e, const Builtin& b) {
  switch (b.id) {
    case BuiltinId::PinNew: case BuiltinId::PinNewUnchecked: {
      TypeRef t = R(Check(*e.args[0], nullptr));
      if (t->IsError()) return t;
      if (t->kind != TypeKind::Ref || !t->is_mut) {
        Error(e.args[0]->span, fmt::format("`{}` pins a `&mut T` here, found `{}`", b.name, TypeName(t)));
        return T.Error();
      }
      if (b.id == BuiltinId::PinNewUnchecked && !in_unsafe_)
        ErrorCode(e.span, "E0133", "call to unsafe function `Pin::<Ptr>::new_unchecked` is unsafe and requires unsafe function or block");
      if (b.id == BuiltinId::PinNew)
        if (std::string blocker = PinBlocker(p_, R(t->args[0])); !blocker.empty())
          ErrorCode(e.args[0]->span, "E0277", fmt::format("`{}` cannot be unpinned", blocker));
      return T.Pin(t);
    }
    case BuiltinId::PinGetMut: {
      TypeRef t = R(Check(*e.args[0], nullptr));
      if (t->IsError()) return t;
      if (t->kind != TypeKind::Pin || R(t->args[0])->kind != TypeKind::Ref || !R(t->args[0])->is_mut) {
        Error(e.args[0]->span, fmt::format("`Pin::get_mut` needs a `Pin<&mut T>`, found `{}`", TypeName(t)));
        return T.Error();
      }
      if (std::string blocker = PinBlocker(p_, R(R(t->args[0])->args[0])); !blocker.empty())
        ErrorCode(e.args[0]->span, "E0277", fmt::format("`{}` cannot be unpinned", blocker));
      return R(t->args[0]);
    }
    case BuiltinId::WakerClone: Arg(e, 0, T.Ref(T.Waker(), false)); return T.Waker();
    case BuiltinId::ContextFromWaker: Arg(e, 0, T.Ref(T.Waker(), false)); return T.Context();
    case BuiltinId::WakerNoop: return T.Ref(T.Waker(), false);  // `&'static Waker`
    case BuiltinId::NoopWaker: return T.Waker();
    case BuiltinId::WakerFromRaw:
      if (b.name == "Waker::from") return CheckWakerFromArc(e, *e.args[0], Check(*e.args[0], nullptr));
      if (b.name == "waker_ref" || b.name == "task::waker_ref") return CheckWakerRef(e);
      if (b.name == "task::waker") return CheckWakerRef(e, true);
      Arg(e, 0, T.Library("RawWaker", {}));
      if (!in_unsafe_)
        ErrorCode(e.span, "E0133", "call to unsafe function `Waker::from_raw` is unsafe and requires unsafe function or block");
      return T.Waker();
    case BuiltinId::RawWakerNew:
      Arg(e, 0, T.RawPtr(T.Unit(), false));
      Arg(e, 1, T.Ref(T.Library("RawWakerVTable", {}), false));
      return T.Library("RawWaker", {});
    case BuiltinId::RawWakerVTableNew:
      for (size_t i = 0; i < e.args.size(); ++i) VTableFn(*e.args[i], i == 0);
      return T.Library("RawWakerVTable", {});
    default: return nullptr;
  }
}

}  // namespace aws::check
