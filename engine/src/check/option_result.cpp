// The everyday methods of `Option` and `Result` that take closures, references or defaults:
// `replace`, `unwrap_or_else`, `unwrap_or_default`, `map`, `map_err`, `and_then`, `ok_or`, `as_ref`,
// `as_mut`, `filter`, `get_or_insert_with`, `cloned`, `copied` (the simpler ones, `unwrap`, `expect`, `is_some`, ..., are
// in methods.cpp).
#include <fmt/format.h>

#include "check/checker_impl.h"

namespace aws::check {

// std's `Default` among the subset's types.
bool HasDefault(TypeRef t) {
  switch (t->kind) {
    case TypeKind::Int: case TypeKind::Bool: case TypeKind::Char: case TypeKind::String: case TypeKind::Vec:
    case TypeKind::Option: case TypeKind::Unit: case TypeKind::Error:
      return true;
    default:
      return false;
  }
}

// Null when `e` is none of these methods (or the receiver is no `Option`/`Result`).
TypeRef Checker::CheckOptionResultMethod(Expr& e, TypeRef rt, TypeRef base) {
  bool opt = base->kind == TypeKind::Option, res = base->kind == TypeKind::Result;
  if (!opt && !res) return nullptr;
  static const std::map<std::string, BuiltinId> kIds = {
      {"replace", BuiltinId::Replace},         {"unwrap_or_else", BuiltinId::UnwrapOrElse},
      {"unwrap_or_default", BuiltinId::UnwrapOrDefault}, {"map", BuiltinId::OptionMap},
      {"map_err", BuiltinId::MapErr},          {"and_then", BuiltinId::AndThen},
      {"ok_or", BuiltinId::OkOr},              {"as_ref", BuiltinId::AsRef},
      {"as_mut", BuiltinId::OptionAsMut},      {"filter", BuiltinId::OptionFilter},
      {"get_or_insert_with", BuiltinId::GetOrInsertWith}, {"cloned", BuiltinId::OptionCloned},
      {"copied", BuiltinId::OptionCopied}};
  auto it = kIds.find(e.name);
  if (it == kIds.end()) return nullptr;
  BuiltinId id = it->second;
  // Methods of one of the two only: rustc's E0599 for the other.
  bool only_option = id == BuiltinId::Replace || id == BuiltinId::OkOr || id == BuiltinId::OptionFilter ||
                     id == BuiltinId::GetOrInsertWith;
  // `cloned`/`copied` are methods of `Option<&T>` and `Option<&mut T>` (and of those `Result`s) only.
  const bool of_refs = id == BuiltinId::OptionCloned || id == BuiltinId::OptionCopied;
  if (of_refs && R(base->args[0])->kind == TypeKind::Var) U(base->args[0], T.Ref(NewVar(e.name_span), false));
  const bool refs_inside = R(base->args[0])->kind == TypeKind::Ref;
  if ((only_option && !opt) || (id == BuiltinId::MapErr && !res) || (of_refs && !refs_inside)) {
    for (auto& a : e.args) Check(*a, nullptr);
    ErrorCode(e.name_span, "E0599", fmt::format("no method named `{}` found for enum `{}` in the current scope", e.name,
                                                of_refs ? Name(base) : opt ? "Option<T>" : "Result<T, E>"));
    return T.Error();
  }
  const Builtin& bi = GetBuiltin(id);
  e.builtin = &bi;
  if (!CheckArity(e, bi.min_args, bi.max_args, fmt::format("method `{}`", e.name))) {
    for (auto& a : e.args) Check(*a, nullptr);
    return T.Error();
  }
  TypeRef val = base->args[0];
  TypeRef err = res ? base->args[1] : nullptr;
  // The closure argument: its type (a closure of `params.size()` parameters), or Error.
  auto closure = [&](std::vector<TypeRef> params, TypeRef ret) -> TypeRef {
    TypeRef f = Check(*e.args[0], T.Closure(params, ret, -1));
    if (f->IsError()) return f;
    if (f->kind != TypeKind::Closure || f->args.size() != params.size() + 1) {
      Error(e.args[0]->span, fmt::format("`.{}` needs a closure with {} parameter{}", e.name, params.size(),
                                         params.size() == 1 ? "" : "s"));
      return T.Error();
    }
    for (size_t i = 0; i < params.size(); ++i) U(f->args[i], params[i]);
    return f;
  };
  switch (id) {
    case BuiltinId::Replace:
      RequireMutReceiver(e, rt);
      Arg(e, 0, val);
      return base;
    case BuiltinId::UnwrapOrElse: {
      closure(res ? std::vector<TypeRef>{err} : std::vector<TypeRef>{}, val);  // its body must give a `val`
      return val;
    }
    case BuiltinId::UnwrapOrDefault:
      if (!HasDefault(R(val)) && R(val)->kind != TypeKind::Var) {
        ErrorCode(e.name_span, "E0277", fmt::format("the trait bound `{}: Default` is not satisfied", Name(val)));
        return T.Error();
      }
      return val;
    case BuiltinId::OptionMap: {
      TypeRef f = closure({val}, nullptr);
      if (f->IsError()) return f;
      return opt ? T.Option(f->args.back()) : T.Result(f->args.back(), err);
    }
    case BuiltinId::MapErr: {
      TypeRef f = closure({err}, nullptr);
      if (f->IsError()) return f;
      return T.Result(val, f->args.back());
    }
    case BuiltinId::AndThen: {
      TypeRef f = closure({val}, nullptr);
      if (f->IsError()) return f;
      TypeRef r = R(f->args.back());
      if (r->IsError()) return r;
      TypeRef want = opt ? T.Option(NewVar(e.args[0]->span)) : T.Result(NewVar(e.args[0]->span), err);
      if (!U(r, want)) {
        ErrorCode(e.args[0]->span, "E0308", fmt::format("mismatched types: the closure of `and_then` must return `{}`, "
                                                        "but it returns `{}`", opt ? "Option<_>" : "Result<_, _>", Name(r)));
        return T.Error();
      }
      return R(want);
    }
    case BuiltinId::OkOr: {
      TypeRef et = Check(*e.args[0], nullptr);
      return T.Result(val, et);
    }
    case BuiltinId::AsRef:
      return opt ? T.Option(T.Ref(val, false)) : T.Result(T.Ref(val, false), T.Ref(err, false));
    case BuiltinId::OptionAsMut:
      RequireMutReceiver(e, rt);
      return opt ? T.Option(T.Ref(val, true)) : T.Result(T.Ref(val, true), T.Ref(err, true));
    case BuiltinId::OptionFilter: {
      closure({T.Ref(val, false)}, T.Bool());
      return base;
    }
    case BuiltinId::GetOrInsertWith: {
      RequireMutReceiver(e, rt);
      closure({}, val);
      return T.Ref(val, true);
    }
    case BuiltinId::OptionCloned: case BuiltinId::OptionCopied: {
      TypeRef inner = R(R(val)->args[0]);
      if (id == BuiltinId::OptionCopied && !IsCopyType(inner) && !inner->IsError() && inner->kind != TypeKind::Var) {
        ErrorCode(e.name_span, "E0277", fmt::format("the trait bound `{}: Copy` is not satisfied", Name(inner)));
        return T.Error();
      }
      return opt ? T.Option(inner) : T.Result(inner, err);
    }
    default: return nullptr;
  }
}

}  // namespace aws::check
