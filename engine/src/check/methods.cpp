// Method calls: the built-in methods of the library types, and scenario ops on script structs.
#include <fmt/format.h>

#include "awaitscope/library_types.h"
#include "check/checker_impl.h"

namespace aws::check {

TypeRef Checker::CheckMethod(Expr& e, TypeRef expected) {
  TypeRef rt = Check(*e.operand, nullptr);
  if (TypeRef lib = CheckLibraryMethod(e, rt)) return lib;
  // `boxed.as_ref()` and `boxed.as_mut()` of a `Box<T>` (`T` a trait object too): `&T` and
  // `&mut T`, the call rewritten as the `&*boxed` (`&mut *boxed`) it is, so the borrow checker and
  // the lowering see a plain reborrow of the box's contents.
  auto box_as_ref = [&]() -> TypeRef {
    if ((e.name != "as_ref" && e.name != "as_mut") || !e.args.empty()) return nullptr;
    TypeRef t = R(rt);
    int refs = 0;
    for (; t->kind == TypeKind::Ref; t = R(t->args[0])) ++refs;
    if (t->kind != TypeKind::Box) return nullptr;
    const bool mut = e.name == "as_mut";
    if (mut) RequireMutReceiver(e, rt);
    ExprPtr x = std::move(e.operand);
    TypeRef xt = R(rt);
    for (int k = 0; k <= refs; ++k) {  // through the references, then the box
      auto d = std::make_unique<Expr>();
      d->kind = ExprKind::Deref;
      d->span = x->span;
      d->type = R(xt->args[0]);
      d->operand = std::move(x);
      x = std::move(d);
      xt = R(xt->args[0]);
    }
    e.kind = ExprKind::Ref;
    e.flag = mut;
    e.operand = std::move(x);
    e.builtin = nullptr;
    return T.Ref(xt, mut);
  };
  if (TypeRef t = box_as_ref()) return t;
  TypeRef base = AutoDeref(rt);
  if (TypeRef t = CheckDynMethod(e, rt, base)) return t;  // through a trait object's vtable (dyn_traits.cpp)
  // A scenario op declared as a method of a script struct.
  if (base->kind == TypeKind::Struct) {
    for (size_t i = 0; i < p_.ops.size(); ++i) {
      const OpInfo& op = p_.ops[i];
      if (op.spec.name == e.name && op.receiver == base) {
        e.op = static_cast<int>(i);
        if (CheckArity(e, op.params.size(), op.params.size(), fmt::format("method `{}`", e.name))) CheckArgs(e, op.params);
        return op.spec.is_async ? T.Future(FutureKind::Op, op.result, static_cast<int>(i)) : op.result;
      }
    }
  }
  if (TypeRef t = CheckScriptStreamNext(e, rt, base)) return t;  // stream_impls.cpp
  if (base->kind == TypeKind::Struct) {
    if (const FnDecl* fn = FindImplFn(base->decl, e.name)) {
      if (fn->HasReceiver() && (fn->is_generic || fn->signature_only || !base->args.empty()))
        return CallGeneric(e, *fn, base, &e.generic_args, e.name_span, true, rt);
      if (fn->HasReceiver()) return CallMethod(e, *fn, rt);
      for (auto& a : e.args) Check(*a, nullptr);
      ErrorCode(e.name_span, "E0599", fmt::format("no method named `{}` found for struct `{}` in the current scope: "
                                                  "`{}::{}` is an associated function, not a method",
                                                  e.name, base->decl->name, base->decl->name, e.name));
      return T.Error();
    }
  }
  if (e.name == "into" && e.args.empty() && IsLibrary(R(rt), "Arc") && R(expected) == T.Waker())
    return CheckWakerFromArc(e, *e.operand, rt);  // `arc.into()` where a Waker is expected (wake_impls.cpp)
  if (TypeRef t = CheckTaskMethod(e, rt, base)) return t;  // Context, Waker, Poll, Pin (task_api.cpp)
  if (base->IsError() || base->kind == TypeKind::Var) {
    for (auto& a : e.args) Check(*a, nullptr);
    return base->IsError() ? base : NeedAnnotation(e.operand->span);
  }
  if (TypeRef t = CheckOptionResultMethod(e, rt, base)) return t;
  if (base->kind == TypeKind::Iter || (e.name == "into_iter" && (base->kind == TypeKind::Vec || base->kind == TypeKind::Array)))
    if (TypeRef t = CheckIterMethod(e, rt, base, expected)) return t;
  const Builtin* b = FindBuiltinMethod(e.name);
  auto no_method = [&]() {
    for (auto& a : e.args) Check(*a, nullptr);
    if (base->kind == TypeKind::Struct && base->decl && base->decl->param)
      ErrorCode(e.name_span, "E0599",
                fmt::format("no method named `{}` found for type parameter `{}` in the current scope", e.name, Name(base)));
    else if (base->kind == TypeKind::Struct && base->decl)
      ErrorCode(e.name_span, "E0599",
                fmt::format("no method named `{}` found for struct `{}` in the current scope", e.name, Name(base)));
    else
      Error(e.name_span, fmt::format("no method named `{}` found for `{}`", e.name, TypeName(base)));
    return T.Error();
  };
  if (!b) return no_method();
  e.builtin = b;
  if (!CheckArity(e, b->min_args, b->max_args, fmt::format("method `{}`", e.name))) {
    for (auto& a : e.args) Check(*a, nullptr);
    return T.Error();
  }
  TypeKind k = base->kind;
  bool stringy = k == TypeKind::String || k == TypeKind::Str;
  bool seq = k == TypeKind::Vec || k == TypeKind::Array;
  switch (b->id) {
    case BuiltinId::Len: if (stringy || seq) return T.Int(IntKind::Usize); break;
    case BuiltinId::IsEmpty: if (stringy || seq) return T.Bool(); break;
    case BuiltinId::ToString:
      if (stringy || base->IsInt() || k == TypeKind::Bool || k == TypeKind::Char || k == TypeKind::ErrorType) return T.String();
      break;
    case BuiltinId::ToUppercase: if (stringy) return T.String(); break;
    case BuiltinId::IoErrorKind: if (k == TypeKind::ErrorType) return T.Library("ErrorKind", {}); break;
    case BuiltinId::Clone:
      if (k == TypeKind::Struct && !base->decl->derives.count("Clone")) break;  // `#[derive(Clone)]` gives it
      if (k != TypeKind::Future && k != TypeKind::ScancodeStream) return base;
      break;
    case BuiltinId::PushStr:
      if (k == TypeKind::String) {
        RequireMutReceiver(e, rt);
        ArgStr(e, 0);
        return T.Unit();
      }
      break;
    case BuiltinId::Push:
      if (k == TypeKind::Vec) {
        RequireMutReceiver(e, rt);
        Arg(e, 0, base->args[0]);
        return T.Unit();
      }
      break;
    case BuiltinId::Pop:
      if (k == TypeKind::Vec) {
        RequireMutReceiver(e, rt);
        return T.Option(base->args[0]);
      }
      break;
    case BuiltinId::Iter: if (seq) return T.Iter(IterKind::SliceIter, T.Ref(base->args[0], false)); break;
    case BuiltinId::IterMut:
      if (seq) {
        RequireMutReceiver(e, rt);
        return T.Iter(IterKind::SliceIterMut, T.Ref(base->args[0], true));
      }
      break;
    case BuiltinId::Next:
      if (k == TypeKind::ScancodeStream) {
        e.builtin = &GetBuiltin(BuiltinId::StreamNext);
        return T.Future(FutureKind::Next, T.Option(T.Int(IntKind::U8)));
      }
      break;
    case BuiltinId::Unwrap:
      if (k == TypeKind::Option || k == TypeKind::Result) return base->args[0];
      break;
    case BuiltinId::Expect:
      if (k == TypeKind::Option || k == TypeKind::Result) {
        ArgStr(e, 0);
        return base->args[0];
      }
      break;
    case BuiltinId::UnwrapOr:
      if (k == TypeKind::Option || k == TypeKind::Result) {
        Arg(e, 0, base->args[0]);
        return base->args[0];
      }
      break;
    case BuiltinId::IsSome: case BuiltinId::IsNone: if (k == TypeKind::Option) return T.Bool(); break;
    case BuiltinId::Take:
      if (k == TypeKind::Option) {
        RequireMutReceiver(e, rt);
        return base;
      }
      break;
    case BuiltinId::ResultOk: if (k == TypeKind::Result) return T.Option(base->args[0]); break;
    case BuiltinId::IsOk: case BuiltinId::IsErr: if (k == TypeKind::Result) return T.Bool(); break;
    case BuiltinId::Get:
      if (seq) {
        Arg(e, 0, T.Int(IntKind::Usize));
        return T.Option(T.Ref(base->args[0], false));
      }
      break;
    case BuiltinId::Contains:
      if (stringy) {
        ArgStr(e, 0);
        return T.Bool();
      }
      break;
    case BuiltinId::AsStr: if (k == TypeKind::String) return T.Ref(T.Str(), false); break;
    case BuiltinId::AsMillis: if (k == TypeKind::Duration) return T.Int(IntKind::U64); break;
    case BuiltinId::DurationAsSecs: if (k == TypeKind::Duration) return T.Int(IntKind::U64); break;
    case BuiltinId::AsMut:
      if (rt->kind == TypeKind::Pin || (rt->kind == TypeKind::Ref && rt->args[0]->kind == TypeKind::Pin)) {
        TypeRef pin = StripRef(rt);
        TypeRef target = pin->args[0]->args.empty() ? pin->args[0] : pin->args[0]->args[0];
        return T.Pin(T.Ref(target, true));
      }
      break;
    case BuiltinId::Map: case BuiltinId::Then:
      if (k == TypeKind::Future) {
        TypeRef fn_t = Check(*e.args[0], T.Closure({base->Output()}, nullptr, -1));
        if (fn_t->IsError()) return T.Error();
        if (fn_t->kind != TypeKind::Closure || fn_t->args.size() != 2) {
          Error(e.args[0]->span, fmt::format("`.{}` needs a closure with one parameter", e.name));
          return T.Error();
        }
        TypeRef ret = fn_t->args.back();
        if (b->id == BuiltinId::Map) return T.Future(FutureKind::Map, ret, -1, {base, fn_t});
        if (!ret->IsFuture()) {
          if (!ret->IsError())
            Error(e.args[0]->span, fmt::format("the closure passed to `.then` must return a future, not `{}`", TypeName(ret)));
          return T.Error();
        }
        return T.Future(FutureKind::Then, ret->Output(), -1, {base, fn_t, ret});
      }
      break;
    default: break;
  }
  (void)expected;
  return no_method();
}

void Checker::RequireMutReceiver(const Expr& e, TypeRef rt) {
  if (rt->kind == TypeKind::Ref) {
    if (!rt->is_mut)
      ErrorCode(e.operand->span, "E0596",
                    fmt::format("cannot borrow `*{}` as mutable, as it is behind a `&` reference", src_.Slice(e.operand->span)));
    return;
  }
  const Expr* root = e.operand.get();
  while (root->kind == ExprKind::Field || root->kind == ExprKind::Index) root = root->kind == ExprKind::Index ? root->lhs.get() : root->operand.get();
  if (root->kind == ExprKind::Path && root->local >= 0) {
    const LocalVar& v = p_.bodies[cur_].locals[root->local];
    if (!v.is_mut && v.type->kind != TypeKind::Ref)
      ErrorCode(e.operand->span, "E0596",
                    fmt::format("cannot borrow `{}` as mutable, as it is not declared as mutable", src_.Slice(e.operand->span)));
  }
}

}  // namespace aws::check
