// Iterators: `IntoIterator`, the lazy adapters and the consumers.
#include <fmt/format.h>

#include "check/checker_impl.h"

namespace aws::check {

// The iterator `for` (or `.zip`) makes of a value (`IntoIterator`): a vector or array by value
// gives its elements, a reference to one borrows them, an iterator is itself.
TypeRef Checker::IntoIterType(TypeRef it, Span at) {
  it = R(it);
  if (it->IsError()) return it;
  switch (it->kind) {
    case TypeKind::Iter: return it;
    case TypeKind::Vec: return T.Iter(IterKind::VecIntoIter, it->args[0], {it->args[0]});
    case TypeKind::Array: return T.Iter(IterKind::ArrayIntoIter, it->args[0], {it});
    case TypeKind::Ref: {
      TypeRef seq = R(it->args[0]);
      if (seq->kind == TypeKind::Array || seq->kind == TypeKind::Vec)
        return T.Iter(it->is_mut ? IterKind::SliceIterMut : IterKind::SliceIter, T.Ref(seq->args[0], it->is_mut));
      if (seq->kind == TypeKind::Var) return NeedAnnotation(at);
      break;
    }
    case TypeKind::Var: return NeedAnnotation(at);
    default: break;
  }
  ErrorCode(at, "E0277", fmt::format("`{}` is not an iterator", Name(it)));
  return T.Error();
}

// Adapters are lazy, as in std: each returns an iterator type holding the iterator it wraps
// (and its closure), so an iterator saved across an `.await` has std's size. The consumers
// (`sum`, `count`, `any`, `all`, `collect`, `for`) drive them. Null: not an iterator method.
TypeRef Checker::CheckIterMethod(Expr& e, TypeRef rt, TypeRef base, TypeRef expected) {
  const Builtin* b = FindBuiltinMethod(e.name);
  if (!b) return nullptr;
  BuiltinId id = b->id;
  if (id == BuiltinId::Map) id = BuiltinId::IterMap;
  switch (id) {
    case BuiltinId::IntoIter: case BuiltinId::IterMap: case BuiltinId::Filter: case BuiltinId::Enumerate:
    case BuiltinId::Zip: case BuiltinId::Rev: case BuiltinId::Next: case BuiltinId::Sum: case BuiltinId::Count:
    case BuiltinId::Any: case BuiltinId::All: case BuiltinId::Collect:
      break;
    default: return nullptr;
  }
  const Builtin& bi = GetBuiltin(id);
  e.builtin = &bi;
  if (!CheckArity(e, bi.min_args, bi.max_args, fmt::format("method `{}`", e.name))) {
    for (auto& a : e.args) Check(*a, nullptr);
    return T.Error();
  }
  TypeRef item = base->kind == TypeKind::Iter ? base->args[0] : nullptr;
  auto closure = [&](std::vector<TypeRef> params, TypeRef ret) -> TypeRef {
    TypeRef f = Check(*e.args[0], T.Closure(params, ret, -1));
    if (f->IsError()) return f;
    if (f->kind != TypeKind::Closure || f->args.size() != params.size() + 1) {
      Error(e.args[0]->span, fmt::format("`.{}` needs a closure with {} parameter", e.name, params.size()));
      return T.Error();
    }
    return f;
  };
  TypeRef turbofish = e.type_expr ? Resolve(e.type_expr.get()) : nullptr;
  switch (id) {
    case BuiltinId::IntoIter: return IntoIterType(rt, e.operand->span);
    case BuiltinId::IterMap: {
      TypeRef f = closure({item}, nullptr);
      if (f->IsError()) return f;
      return T.Iter(IterKind::Map, f->args.back(), {base, f});
    }
    case BuiltinId::Filter: {
      TypeRef f = closure({T.Ref(item, false)}, T.Bool());
      if (f->IsError()) return f;
      return T.Iter(IterKind::Filter, item, {base, f});
    }
    case BuiltinId::Enumerate: return T.Iter(IterKind::Enumerate, T.Tuple({T.Int(IntKind::Usize), item}), {base});
    case BuiltinId::Zip: {
      TypeRef other = IntoIterType(Check(*e.args[0], nullptr), e.args[0]->span);
      if (other->IsError()) return other;
      return T.Iter(IterKind::Zip, T.Tuple({item, other->args[0]}), {base, other});
    }
    case BuiltinId::Rev: {
      // `next_back` is emulated for ranges, slices and vectors, and through `map`/`filter`.
      TypeRef in = base;
      while (in->iter == IterKind::Map || in->iter == IterKind::Filter) in = in->args[1];
      if (in->iter == IterKind::RangeFrom) {
        ErrorCode(e.operand->span, "E0277", fmt::format("the trait bound `{}: DoubleEndedIterator` is not satisfied", Name(in)));
        return T.Error();
      }
      if (in->iter == IterKind::Enumerate || in->iter == IterKind::Zip) {
        Error(e.name_span, fmt::format("`.rev()` over `{}` is not supported by Awaitscope (reverse before `.{}()`)",
                                       Name(in), in->iter == IterKind::Zip ? "zip" : "enumerate"));
        return T.Error();
      }
      return T.Iter(IterKind::Rev, item, {base});
    }
    case BuiltinId::Next:
      RequireMutReceiver(e, rt);
      return T.Option(item);
    case BuiltinId::Count: return T.Int(IntKind::Usize);
    case BuiltinId::Any: case BuiltinId::All: {
      RequireMutReceiver(e, rt);
      TypeRef f = closure({item}, T.Bool());
      return f->IsError() ? f : T.Bool();
    }
    case BuiltinId::Sum: {
      TypeRef elem = StripRef(item);
      TypeRef target = turbofish ? turbofish : expected && (expected->IsInt() || expected->kind == TypeKind::Var) ? expected : nullptr;
      if (!elem->IsInt() && !elem->IsError() && elem->kind != TypeKind::Var) {
        ErrorCode(e.name_span, "E0277", fmt::format("`{}` cannot be summed", Name(item)));
        return T.Error();
      }
      if (!target) target = NewVar(e.name_span, "E0283");
      pending_sums_.push_back({target, elem, e.name_span, "summing"});
      return target;
    }
    case BuiltinId::Collect: {
      TypeRef target = turbofish ? turbofish : expected ? expected : NewVar(e.name_span, "E0283");
      pending_sums_.push_back({target, item, e.name_span, "collect"});
      return target;
    }
    default: return nullptr;
  }
}

void Checker::CheckFromIter(const PendingFromIter& p) {
  TypeRef t = R(p.target);
  if (t->kind == TypeKind::Var || t->IsError()) return;  // left open: reported as E0283 below
  if (std::string(p.what) == "summing") {
    // `Sum<&i32>` and `Sum<i32>` are implemented for `i32` only (and so on for each integer).
    if (!t->IsInt() || !U(p.item, t))
      ErrorCode(p.at, "E0277", fmt::format("a value of type `{}` cannot be made by summing an iterator over elements "
                                           "of type `{}`", Name(t), Name(p.item)));
    return;
  }
  if (t->kind != TypeKind::Vec || !U(p.item, t->args[0]))
    ErrorCode(p.at, "E0277", fmt::format("a value of type `{}` cannot be built from an iterator over elements of "
                                         "type `{}`", Name(t), Name(p.item)));
}

}  // namespace aws::check
