// Places (what may be assigned or borrowed mutably), paths, struct literals and fields.
#include <fmt/format.h>

#include "awaitscope/library_types.h"
#include "check/checker_impl.h"

namespace aws::check {

// Checks an expression that is assigned to or mutably borrowed.
// Through a `Pin<P>` of a `!Unpin` target there is no `DerefMut`: no assignment (rustc's E0594)
// and no `&mut` (E0596). `unsafe { Pin::get_unchecked_mut(..) }` is the way around.
void Checker::PinnedMutation(const Expr& e, TypeRef pin, bool borrow) {
  TypeRef target = pin->args[0]->args.empty() ? pin->args[0] : pin->args[0]->args[0];
  Error(e.span, fmt::format("{} (E{}): that needs `DerefMut`, and `Pin` offers it only for `Unpin` targets, but `{}` "
                            "is `!Unpin` (it must not move once pinned); a change that does not move it can go "
                            "through the unsafe `Pin::get_unchecked_mut`",
                            borrow ? fmt::format("cannot borrow data behind `{}` as mutable", TypeName(pin))
                                   : fmt::format("cannot assign to data behind `{}`", TypeName(pin)),
                            borrow ? "0596" : "0594", TypeName(target)));
}

TypeRef Checker::CheckPlace(Expr& e, bool mutate, bool borrow) {
  TypeRef t = Check(e, nullptr);
  if (!mutate || t->IsError()) return t;
  RequireMutablePlace(e, borrow);
  return t;
}

// The mutability part of `CheckPlace`, for an expression already checked.
void Checker::RequireMutablePlace(const Expr& e, bool borrow) {
  const Expr* root = &e;
  while (root->kind == ExprKind::Field || root->kind == ExprKind::Index || root->kind == ExprKind::TupleField) {
    // Mutation through a reference needs `&mut`; through a value needs `let mut`.
    TypeRef base = root->kind == ExprKind::Index ? root->lhs->type : root->operand->type;
    if (base && base->kind == TypeKind::Ref) {
      if (!base->is_mut) BehindSharedRef(e, borrow);
      return;
    }
    if (base && base->kind == TypeKind::Pin && NotUnpin(base->args[0]->args.empty() ? base->args[0] : base->args[0]->args[0])) {
      PinnedMutation(e, base, borrow);
      return;
    }
    root = root->kind == ExprKind::Index ? root->lhs.get() : root->operand.get();
  }
  if (root->kind == ExprKind::Deref) {
    TypeRef pt = root->operand->type;
    if (pt && pt->kind == TypeKind::Pin && NotUnpin(pt->args[0]->args.empty() ? pt->args[0] : pt->args[0]->args[0])) {
      PinnedMutation(e, pt, borrow);
      return;
    }
    if (pt && pt->kind == TypeKind::Ref && !pt->is_mut) BehindSharedRef(e, borrow);
    if (pt && pt->kind == TypeKind::RawPtr && !pt->is_mut) Error(e.span, "cannot assign through a `*const` pointer");
    if (IsLibrary(pt, "Arc") || IsLibrary(pt, "Rc"))  // Arc and Rc have Deref, not DerefMut
      ErrorCode(e.span, borrow ? "E0596" : "E0594",
                fmt::format("cannot {} data in an `{}`{}", borrow ? "borrow" : "assign to", pt->name,
                            borrow ? " as mutable" : ""));
    if (IsLibrary(pt, "Ref"))  // a RefCell's shared borrow: Deref, not DerefMut
      ErrorCode(e.span, borrow ? "E0596" : "E0594",
                fmt::format("cannot {} data in dereference of `{}`{}", borrow ? "borrow" : "assign to", Name(pt),
                            borrow ? " as mutable" : ""));
    const Expr& holder = *root->operand;
    if (IsLibrary(pt, "MutexGuard") && holder.kind == ExprKind::Path && holder.local >= 0 &&
        !p_.bodies[cur_].locals[holder.local].is_mut)  // DerefMut borrows the guard mutably
      ErrorCode(holder.span, "E0596", fmt::format("cannot borrow `{}` as mutable, as it is not declared as mutable",
                                                  src_.Slice(holder.span)));
    return;
  }
  if (root->kind == ExprKind::Path && root->local >= 0) {
    LocalVar& v = p_.bodies[cur_].locals[root->local];
    // Assigning a whole binding is the borrow checker's (a deferred `let x; x = 1;` is fine,
    // a second assignment is E0384); its parts and `&mut` need `mut` here.
    if (!v.is_mut && v.type && R(v.type)->kind != TypeKind::Ref && R(v.type)->kind != TypeKind::Box && (root != &e || borrow))
      ErrorCode(e.span, borrow ? "E0596" : "E0594",
                    fmt::format("cannot {} `{}`{}, as {} is not declared as mutable", borrow ? "borrow" : "assign to",
                                src_.Slice(e.span), borrow ? " as mutable" : "",
                                root == &e ? std::string("it") : fmt::format("`{}`", v.name)));
    return;
  }
  // `&mut Context::from_waker(&waker)`, `cell.borrow_mut().bump()`: a mutable borrow of a
  // temporary, as rustc allows.
  if (borrow && root == &e && (root->kind == ExprKind::Call || root->kind == ExprKind::MethodCall || root->kind == ExprKind::StructLit))
    return;
  if (root->kind != ExprKind::Path) Error(e.span, "this expression cannot be assigned to");
  return;
}

// `let x = *pinned;` moves the value out from behind a `Pin` (rustc's E0507): a pin hands out
// only references. Values of the scalar types are copied, which is allowed.
void Checker::MoveOutOfPin(const Expr& e) {
  if (e.kind != ExprKind::Deref || !e.operand || !e.operand->type || e.operand->type->kind != TypeKind::Pin) return;
  TypeRef t = R(e.type);
  if (!t || t->IsInt() || t->kind == TypeKind::Bool || t->kind == TypeKind::Char || t->IsError()) return;
  Error(e.span, fmt::format("cannot move out of `{}` behind `{}` (E0507): a pinned value stays where it is; "
                            "borrow it instead",
                            TypeName(t), TypeName(e.operand->type)));
}

bool Checker::NotUnpin(TypeRef t) {
  if (t->kind == TypeKind::PhantomPinned) return true;
  if (t->kind == TypeKind::Struct && t->decl) {
    for (const FieldDecl& f : t->decl->fields)
      if (f.type && f.type->kind == TypeExpr::Kind::Path && f.type->Name() == "PhantomPinned") return true;
  }
  return false;
}

// rustc's E0594 / E0596 for a place reached through a shared reference.
void Checker::BehindSharedRef(const Expr& e, bool borrow) {
  std::string place(src_.Slice(e.span));
  ErrorCode(e.span, borrow ? "E0596" : "E0594",
                borrow ? fmt::format("cannot borrow `{}` as mutable, as it is behind a `&` reference", place)
                       : fmt::format("cannot assign to `{}`, which is behind a `&` reference", place));
}

TypeRef Checker::CheckPath(Expr& e, TypeRef expected) {
  if (e.path.size() == 1) {
    int slot = Lookup(e.name);
    if (slot >= 0) {
      e.local = slot;
      return p_.bodies[cur_].locals[slot].type;
    }
    if (const FnDecl* item = FindItem(e.name)) {  // consts.cpp
      if (item->is_const) return UseConst(e, *item, expected);
      return UseStatic(e, *item, expected);
    }
    if (const FnDecl* fn = p_.module.FindFn(e.name)) {
      if (fn->is_const) return UseConst(e, *fn, expected);      // consts.cpp
      if (fn->is_static) return UseStatic(e, *fn, expected);  // statics.cpp
      e.fn = fn;
      Error(e.span, fmt::format("`{}` is a function: call it with `{}(...)`", e.name, e.name));
      return T.Error();
    }
  }
  if (TypeRef t = CheckOrdering(e)) return t;  // statics.cpp
  std::string full = JoinPath(e.path);
  if (const Builtin* b = FindBuiltinFn(full)) {
    e.builtin = b;
    if (b->id == BuiltinId::None) {
      TypeRef inner = expected && expected->kind == TypeKind::Option ? expected->args[0] : NewVar(e.span);
      return T.Option(inner);
    }
    if (b->id == BuiltinId::PollPending) {
      TypeRef inner = expected && expected->kind == TypeKind::Poll ? expected->args[0] : NewVar(e.span);
      return T.Poll(inner);
    }
    if (b->id == BuiltinId::IoErrorKindConst) return T.Library("ErrorKind", {});
    Error(e.span, fmt::format("`{}` is a function: call it with `{}(...)`", full, full));
    return T.Error();
  }
  if (full == "PhantomPinned") return T.PhantomPinned();
  if (TypeRef t = CheckVariantPath(e)) return t;  // enums.cpp
  if (const StructDecl* sd = full == "Self" && self_struct_ ? self_struct_ : p_.module.FindStruct(full);
      sd && sd->fields.empty() && !Origin(sd)->is_enum) {
    e.struct_decl = sd;
    return T.Struct(sd);
  }
  if (!p_.module.broken_names.count(full)) Error(e.span, fmt::format("cannot find value `{}` in this scope", full));
  else UsesBrokenItem();
  return T.Error();
}

TypeRef Checker::CheckStructLit(Expr& e) {
  if (TypeRef t = CheckVariantLit(e)) return t;  // enums.cpp
  const StructDecl* sd = e.name == "Self" && self_struct_ ? self_struct_ : p_.module.FindStruct(e.name);
  if (sd && Origin(sd)->is_enum) {
    for (auto& f : e.fields) Check(*f.value, nullptr);
    ErrorCode(e.span, "E0574", fmt::format("expected struct, variant or union type, found enum `{}`", e.name));
    return T.Error();
  }
  if (!sd) {
    Error(e.span, fmt::format("cannot find struct `{}` in this scope", e.name));
    for (auto& f : e.fields) Check(*f.value, nullptr);
    return T.Error();
  }
  e.struct_decl = sd;
  e.name = sd->name;  // `Self { .. }` names the impl's type
  // A generic struct: its arguments from the turbofish (`Wrapper::<u8> { .. }`) or inferred.
  TypeRef st = T.Struct(sd);
  if (!sd->generics.empty()) {
    std::vector<TypeRef> args;
    const std::vector<TypeExprPtr>* tf = e.seg_generics.empty() ? nullptr : &e.seg_generics.back();
    for (size_t i = 0; i < sd->generics.size(); ++i)
      args.push_back(tf && tf->size() == sd->generics.size() ? Resolve((*tf)[i].get()) : NewVar(e.span));
    st = StructType(sd, args);
  }
  std::set<std::string> given;
  for (FieldInit& f : e.fields) {
    const FieldDecl* fd = nullptr;
    size_t fi = 0;
    for (size_t k = 0; k < sd->fields.size(); ++k)
      if (sd->fields[k].name == f.name) {
        fd = &sd->fields[k];
        fi = k;
      }
    if (!fd) {
      Error(f.span, fmt::format("struct `{}` has no field named `{}`", sd->name, f.name));
      Check(*f.value, nullptr);
      continue;
    }
    if (!given.insert(f.name).second) Error(f.span, fmt::format("field `{}` specified more than once", f.name));
    TypeRef want = FieldType(st, fi);
    TypeRef got = Check(*f.value, want);
    ExpectType(*f.value, got, want);
  }
  for (const FieldDecl& d : sd->fields)
    if (!given.count(d.name)) {
      Error(e.span, fmt::format("missing field `{}` in initializer of `{}`", d.name, sd->name));
      break;
    }
  return st;
}

TypeRef Checker::CheckField(Expr& e) { return CheckFieldOf(e, Check(*e.operand, nullptr)); }

// `e.name` of an operand of type `t` (already checked).
TypeRef Checker::CheckFieldOf(Expr& e, TypeRef t) {
  TypeRef base = AutoDeref(t);
  if (base->IsError()) return base;
  if (base->kind == TypeKind::Var) return NeedAnnotation(e.operand->span);
  if (base->kind == TypeKind::Struct && base->decl && !Origin(base->decl)->is_enum) {
    for (size_t i = 0; i < base->decl->fields.size(); ++i) {
      if (base->decl->fields[i].name == e.name) {
        e.struct_decl = base->decl;
        return FieldType(base, i);
      }
    }
  }
  Error(e.name_span, fmt::format("no field `{}` on type `{}`", e.name, TypeName(base)));
  return T.Error();
}

}  // namespace aws::check
