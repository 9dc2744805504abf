// Struct patterns: a tuple struct's `TaskId(n)` and a unit struct's `Song`, in `let`, `match`,
// `if let`, `while let` and parameters (which the parser turns into a `let`).
#include <fmt/format.h>

#include "check/checker_impl.h"

namespace aws::check {

// The struct a pattern `Name(..)` / `Name` / `Self(..)` names, or null.
const StructDecl* Checker::PatternStruct(const Pattern& p) const {
  if (p.path.size() != 1) return nullptr;
  if (p.name == "Self") return self_struct_ ? Origin(self_struct_) : nullptr;
  const StructDecl* sd = p_.module.FindStruct(p.name);
  if (!sd) return nullptr;
  // A tuple struct is matched with its fields, a unit struct without parentheses.
  if (sd->is_tuple != p.has_parens) return nullptr;
  if (!sd->is_tuple && !sd->fields.empty()) return nullptr;
  return sd;
}

// Binds `p` when it names a tuple or unit struct; false when it names none (another kind of
// pattern). `t` is the value's type (resolved).
bool Checker::BindStructPattern(Pattern& p, TypeRef t, bool refutable) {
  const StructDecl* sd = PatternStruct(p);
  if (!sd) return false;
  TypeRef v = StripRef(t);
  if (v->kind == TypeKind::Var && sd->generics.empty()) {  // the pattern tells an open type its struct
    U(v, T.Struct(sd));
    v = R(v);
  }
  if (v->IsError()) {
    for (auto& s : p.subs) BindPattern(*s, v, refutable);
    return true;
  }
  if (v->kind != TypeKind::Struct || !v->decl || Origin(v->decl) != sd) {
    ErrorCode(p.span, "E0308", fmt::format("mismatched types: expected `{}`, found `{}`", Name(t), sd->name));
    for (auto& s : p.subs) BindPattern(*s, T.Error(), refutable);
    return true;
  }
  if (p.subs.size() != sd->fields.size()) {
    Span at = p.subs.empty() ? p.span : p.subs.front()->span.Join(p.subs.back()->span);  // rustc: the fields
    ErrorCode(at, "E0023",
              fmt::format("this pattern has {} field{}, but the corresponding tuple struct has {} field{}", p.subs.size(),
                          p.subs.size() == 1 ? "" : "s", sd->fields.size(), sd->fields.size() == 1 ? "" : "s"));
    for (auto& s : p.subs) BindPattern(*s, T.Error(), refutable);
    return true;
  }
  p.struct_decl = v->decl;
  for (size_t i = 0; i < p.subs.size(); ++i) BindPattern(*p.subs[i], FieldType(v, i), refutable);
  return true;
}

}  // namespace aws::check
