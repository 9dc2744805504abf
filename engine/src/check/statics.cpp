// Module-level statics and the types the blog keeps in them. `static NAME: T = init;` is parsed
// as a function `NAME() -> T` marked `is_static`; each use of NAME becomes `*static#(k)`, a
// shared reference to the one value the runtime makes from `init` on first use (k: the item's
// index in Module::fns). What lives in a static is changed through `&self` only: conquer_once's
// `OnceCell`, futures' `AtomicWaker` and std's `AtomicU64` (runtime/library/statics.cpp).
#include <fmt/format.h>

#include "awaitscope/library_types.h"
#include "check/checker_impl.h"

namespace aws::check {

// The call `marker(k)` that stands for a use of the static or const item `fn` (k: its index in
// Module::fns), named as the item so that the printers show its name.
ExprPtr Checker::ItemValueCall(Span at, const char* marker, const FnDecl& fn) {
  size_t index = 0;
  while (index < p_.module.fns.size() && p_.module.fns[index].get() != &fn) ++index;
  auto arg = std::make_unique<Expr>();
  arg->kind = ExprKind::IntLit;
  arg->span = at;
  arg->int_value = index;
  auto callee = std::make_unique<Expr>();
  callee->kind = ExprKind::Path;
  callee->span = at;
  callee->name = marker;
  callee->path = {marker};
  auto call = std::make_unique<Expr>();
  call->kind = ExprKind::Call;
  call->span = at;
  call->name = fn.short_name;
  call->operand = std::move(callee);
  call->args.push_back(std::move(arg));
  return call;
}

TypeRef Checker::UseStatic(Expr& e, const FnDecl& fn, TypeRef expected) {
  if (fn.is_static_mut && !in_unsafe_)
    ErrorCode(e.span, "E0133", "use of mutable static is unsafe and requires unsafe function or block");
  e.operand = ItemValueCall(e.span, "static#", fn);
  e.kind = ExprKind::Deref;
  return Check(e, expected);
}

TypeRef Checker::CheckStaticsCall(Expr& e, const Builtin& b, TypeRef expected) {
  switch (b.id) {
    case BuiltinId::StaticRef: {
      Arg(e, 0, T.Int(IntKind::Usize));
      size_t k = e.args[0]->int_value;
      if (k >= p_.module.fns.size() || !p_.module.fns[k]->is_static) break;
      const FnDecl& fn = *p_.module.fns[k];
      // A `thread_local!` item is a `LocalKey<T>`, read with `.with(|v| ..)`.
      if (fn.is_thread_local) return T.Ref(T.Library("LocalKey", {R(fn.ret_type)}), false);
      return T.Ref(R(fn.ret_type), fn.is_static_mut);
    }
    case BuiltinId::ConstValue: {
      Arg(e, 0, T.Int(IntKind::Usize));
      size_t k = e.args[0]->int_value;
      if (k >= p_.module.fns.size() || !p_.module.fns[k]->is_const) break;
      return R(p_.module.fns[k]->ret_type);
    }
    case BuiltinId::OnceCellUninit:
      return IsLibrary(expected, "OnceCell") ? expected : T.Library("OnceCell", {NewVar(e.span)});
    case BuiltinId::AtomicWakerNew: return T.Library("AtomicWaker", {});
    case BuiltinId::AtomicU64New: Arg(e, 0, T.Int(IntKind::U64)); return T.Library("AtomicU64", {});
    case BuiltinId::Stdout: return T.Library("Stdout", {});
    default: break;
  }
  return nullptr;
}

TypeRef Checker::CheckStaticsMethod(Expr& e, TypeRef lib) {
  TypeRef item = lib->args.empty() ? T.Error() : lib->args[0];
  switch (e.builtin->id) {
    case BuiltinId::TryInitOnce: {
      TypeRef fn_t = R(Check(*e.args[0], T.Closure({}, item, -1)));
      if (!fn_t->IsError()) {
        if (fn_t->kind != TypeKind::Closure || fn_t->args.size() != 1)
          ErrorCode(e.args[0]->span, "E0593", "`try_init_once` needs a closure that takes no arguments");
        else ExpectType(*e.args[0], fn_t->args.back(), item);
      }
      return T.Result(T.Unit(), T.Library("TryInitError", {}));
    }
    case BuiltinId::TryGet: return T.Result(T.Ref(item, false), T.Library("TryGetError", {}));
    case BuiltinId::AtomicRegister: {
      // `register(&cx.waker())`: a `&&Waker` derefs to the `&Waker` it takes.
      TypeRef t = R(Check(*e.args[0], T.Ref(T.Waker(), false)));
      TypeRef w = t;
      while (w->kind == TypeKind::Ref && R(w->args[0])->kind == TypeKind::Ref) w = R(w->args[0]);
      if (!t->IsError() && !(w->kind == TypeKind::Ref && R(w->args[0]) == T.Waker()))
        ErrorCode(e.args[0]->span, "E0308", fmt::format("mismatched types: expected `&Waker`, found `{}`", Name(t)));
      return T.Unit();
    }
    case BuiltinId::AtomicWake: return T.Unit();
    case BuiltinId::LocalKeyWith: {
      // `KEY.with(|v| ..)`: the closure gets `&T` (this thread's value) and its result is `with`'s.
      TypeRef out = NewVar(e.span);
      TypeRef fn_t = R(Check(*e.args[0], T.Closure({T.Ref(item, false)}, out, -1)));
      if (fn_t->IsError()) return T.Error();
      if (fn_t->kind != TypeKind::Closure || fn_t->args.size() != 2) {
        ErrorCode(e.args[0]->span, "E0593", "`with` needs a closure that takes one argument (`|value| ..`)");
        return T.Error();
      }
      return fn_t->args.back();
    }
    case BuiltinId::AtomicTake: return T.Option(T.Waker());
    case BuiltinId::FetchAdd:
      Arg(e, 0, T.Int(IntKind::U64));
      Arg(e, 1, T.Library("Ordering", {}));
      return T.Int(IntKind::U64);
    case BuiltinId::AtomicLoad: Arg(e, 0, T.Library("Ordering", {})); return T.Int(IntKind::U64);
    case BuiltinId::Flush: return T.Result(T.Unit(), T.ErrorType());
    default: break;
  }
  return nullptr;
}

// `Ordering::Relaxed` and its siblings: the memory orderings atomics take. The emulated machine
// has one core, so every ordering behaves the same.
TypeRef Checker::CheckOrdering(Expr& e) {
  static const char* const kOrderings[] = {"Relaxed", "Release", "Acquire", "AcqRel", "SeqCst"};
  if (e.path.size() < 2 || e.path[e.path.size() - 2] != "Ordering") return nullptr;
  for (const char* o : kOrderings)
    if (e.path.back() == o) return T.Library("Ordering", {});
  return nullptr;
}

}  // namespace aws::check
