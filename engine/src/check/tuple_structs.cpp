// Struct patterns: a tuple struct's `TaskId(n)` and a unit struct's `Song`, in `let`, `match`,
// `if let`, `while let` and parameters (which the parser turns into a `let`).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "check/checker_impl.h"

namespace aws::check {

// The struct a pattern `Name(..)` / `Name` / `Self(..)` names, or null.
const StructDecl* Checker::PatternStruct(const Pattern& p) const {
  if (p.path.size() != 1) return nullptr;
  if (p.name == "Self") return self_struct_ ? Origin(self_struct_) : nullptr;
  const StructDecl* sd = p_.module.FindStruct(p.name);
  if (!sd || sd->is_enum) return nullptr;
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

// A braced struct pattern `Name { a, b: pat, .. }` / `Self { .. }`. Through a reference the
// fields bind by reference, as rustc's default binding mode does: `let Self { tasks, .. } = self;`
// with `self: &mut Self` makes `tasks` a `&mut` of the field (lowering borrows the field's place).
void Checker::BindBracedStructPattern(Pattern& p, TypeRef t, bool refutable) {
  auto bind_rest = [&](TypeRef with) {
    for (auto& s : p.subs) BindPattern(*s, with, refutable);
  };
  const StructDecl* sd = nullptr;
  if (p.path.size() == 1) sd = p.name == "Self" ? (self_struct_ ? Origin(self_struct_) : nullptr) : p_.module.FindStruct(p.name);
  if (!sd || sd->is_tuple || Origin(sd)->is_enum) {
    ErrorCode(p.span, "E0422", fmt::format("cannot find struct, variant or union type `{}` in this scope", JoinPath(p.path)));
    return bind_rest(T.Error());
  }
  // the binding mode: by value, or by `&`/`&mut` when the value is reached through references
  bool via_ref = false, all_mut = true;
  TypeRef v = t;
  while (v && v->kind == TypeKind::Ref) {
    via_ref = true;
    all_mut = all_mut && v->is_mut;
    v = R(v->args[0]);
  }
  if (v->kind == TypeKind::Var && sd->generics.empty()) {
    U(v, T.Struct(sd));
    v = R(v);
  }
  if (v->IsError()) return bind_rest(v);
  if (v->kind != TypeKind::Struct || !v->decl || Origin(v->decl) != sd) {
    ErrorCode(p.span, "E0308", fmt::format("mismatched types: expected `{}`, found `{}`", Name(t), sd->name));
    return bind_rest(T.Error());
  }
  std::vector<bool> seen(sd->fields.size(), false);
  for (size_t i = 0; i < p.subs.size(); ++i) {
    size_t k = 0;
    while (k < sd->fields.size() && sd->fields[k].name != p.field_names[i]) ++k;
    if (k == sd->fields.size()) {
      ErrorCode(p.field_spans[i], "E0026",
                fmt::format("struct `{}` does not have a field named `{}`", sd->name, p.field_names[i]));
      BindPattern(*p.subs[i], T.Error(), refutable);
      continue;
    }
    if (seen[k])
      ErrorCode(p.field_spans[i], "E0025", fmt::format("field `{}` bound multiple times in the pattern", p.field_names[i]));
    seen[k] = true;
    TypeRef ft = FieldType(v, k);
    Pattern& sub = *p.subs[i];
    BindPattern(sub, via_ref && sub.kind == Pattern::Kind::Bind ? T.Ref(ft, all_mut) : ft, refutable);
  }
  if (!p.has_rest) {
    std::vector<std::string> missing;
    for (size_t k = 0; k < sd->fields.size(); ++k)
      if (!seen[k]) missing.push_back(fmt::format("`{}`", sd->fields[k].name));
    if (!missing.empty())
      ErrorCode(p.span, "E0027", fmt::format("pattern does not mention field{} {}", missing.size() == 1 ? "" : "s",
                                             fmt::join(missing, ", ")));
  }
  p.struct_decl = v->decl;
}

}  // namespace aws::check
