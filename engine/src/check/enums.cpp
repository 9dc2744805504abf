// A script's own `enum`s: their variants as values (`E::A`, `E::B(1)`, `E::C { x, y: 2 }`, also
// `Self::A` in an impl), as patterns, and a `match`'s exhaustiveness over them. An enum is a
// StructDecl with `is_enum` (parse/enums.cpp); each use of a variant becomes a StructLit with
// `variant` set, which the lowering builds as that variant.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "check/checker_impl.h"

namespace aws::check {

// The enum named by the first of a two-segment path (`Command::Get`, `Self::Get`), or null. For
// `Self` it is the impl's type as it is here (an instance, or the generic one with its opaque
// parameters), else the enum as declared.
const StructDecl* Checker::PathEnum(const std::vector<std::string>& path) const {
  if (path.size() != 2) return nullptr;
  const StructDecl* sd = path[0] == "Self" ? self_struct_ : p_.module.FindStruct(path[0]);
  return sd && Origin(sd)->is_enum ? sd : nullptr;
}

// The type of a value of enum `sd` built here: an instance as it is, a generic enum with the
// turbofish's arguments (`E::<u8>::A`) or arguments to infer.
TypeRef Checker::EnumValueType(const StructDecl* sd, const std::vector<std::vector<TypeExprPtr>>& seg_generics, Span at) {
  if (sd->generic_origin || sd->generics.empty()) return T.Struct(sd);
  std::vector<TypeRef> args;
  const std::vector<TypeExprPtr>* tf = nullptr;
  for (const auto& g : seg_generics)
    if (!g.empty()) tf = &g;
  for (size_t i = 0; i < sd->generics.size(); ++i)
    args.push_back(tf && tf->size() == sd->generics.size() ? Resolve((*tf)[i].get()) : NewVar(at));
  return StructType(sd, args);
}

std::string Checker::VariantPath(const StructDecl* sd, int vi) const {
  return fmt::format("{}::{}", Origin(sd)->name, Origin(sd)->variants[vi].name);
}

// rustc's E0599 for `E::Nope`, at the variant's segment.
void Checker::NoVariant(const StructDecl* sd, const std::string& name, Span whole) {
  Span seg{whole.end - static_cast<uint32_t>(name.size()), whole.end};
  ErrorCode(seg, "E0599", fmt::format("no variant or associated item named `{}` found for enum `{}` in the current scope",
                                      name, Origin(sd)->name));
}

// `E::A` (a unit variant) as a value. Null when the path names no enum.
TypeRef Checker::CheckVariantPath(Expr& e) {
  const StructDecl* sd = PathEnum(e.path);
  if (!sd) return nullptr;
  const StructDecl* o = Origin(sd);
  int vi = o->FindVariant(e.path[1]);
  if (vi < 0) {
    if (FindImplFn(sd, e.path[1])) {
      Error(e.span, fmt::format("`{}` is a function: call it with `{}(...)`", JoinPath(e.path), JoinPath(e.path)));
      return T.Error();
    }
    NoVariant(sd, e.path[1], e.span);
    return T.Error();
  }
  const VariantDecl& v = o->variants[vi];
  if (v.shape == VariantDecl::Shape::Braced) {
    ErrorCode(e.span, "E0533", fmt::format("expected value, found struct variant `{}`", JoinPath(e.path)));
    return T.Error();
  }
  if (v.shape == VariantDecl::Shape::Tuple) {
    Error(e.span, fmt::format("a tuple variant as a function value is not supported in scripts; call it: `{}(..)`",
                              JoinPath(e.path)));
    return T.Error();
  }
  TypeRef st = EnumValueType(sd, e.seg_generics, e.span);
  e.kind = ExprKind::StructLit;
  e.name = v.name;
  e.struct_decl = st->decl;
  e.variant = vi;
  return st;
}

// `E::B(1, x)`: a tuple variant built, as a StructLit with the fields `0`, `1`, ... Null when the
// path names no variant of an enum (an associated function, or no enum at all).
TypeRef Checker::CheckVariantCall(Expr& e) {
  Expr& callee = *e.operand;
  const StructDecl* sd = PathEnum(callee.path);
  if (!sd) return nullptr;
  const StructDecl* o = Origin(sd);
  int vi = o->FindVariant(callee.path[1]);
  if (vi < 0) return nullptr;
  const VariantDecl& v = o->variants[vi];
  if (v.shape != VariantDecl::Shape::Tuple) {
    for (auto& a : e.args) Check(*a, nullptr);
    ErrorCode(callee.span, v.shape == VariantDecl::Shape::Unit ? "E0618" : "E0533",
              v.shape == VariantDecl::Shape::Unit
                  ? fmt::format("expected function, found `{}`", o->name)
                  : fmt::format("expected value, found struct variant `{}`", JoinPath(callee.path)));
    return T.Error();
  }
  TypeRef st = EnumValueType(sd, callee.seg_generics, callee.span);
  if (e.args.size() != v.num_fields) {
    size_t n = e.args.size(), k = v.num_fields;
    for (auto& a : e.args) Check(*a, nullptr);
    ErrorCode(callee.span, "E0061", fmt::format("this enum variant takes {} argument{} but {} argument{} {} supplied", k,
                                                k == 1 ? "" : "s", n, n == 1 ? "" : "s", n == 1 ? "was" : "were"));
    return st;
  }
  for (size_t i = 0; i < e.args.size(); ++i) {
    TypeRef want = FieldType(st, v.first_field + i);
    TypeRef got = Check(*e.args[i], want);
    ExpectType(*e.args[i], got, want);
    FieldInit f;
    f.name = std::to_string(i);
    f.span = e.args[i]->span;
    f.value = std::move(e.args[i]);
    e.fields.push_back(std::move(f));
  }
  e.kind = ExprKind::StructLit;
  e.path = callee.path;
  e.name = v.name;
  e.seg_generics = std::move(callee.seg_generics);
  e.args.clear();
  e.operand.reset();
  e.struct_decl = st->decl;
  e.variant = vi;
  return st;
}

// `E::C { x, y: 2 }`. Null when the path names no enum.
TypeRef Checker::CheckVariantLit(Expr& e) {
  const StructDecl* sd = PathEnum(e.path);
  if (!sd) return nullptr;
  const StructDecl* o = Origin(sd);
  int vi = o->FindVariant(e.path[1]);
  if (vi < 0) {
    for (auto& f : e.fields) Check(*f.value, nullptr);
    NoVariant(sd, e.path[1], Span{e.span.begin, e.span.begin + static_cast<uint32_t>(JoinPath(e.path).size())});
    return T.Error();
  }
  const VariantDecl& v = o->variants[vi];
  TypeRef st = EnumValueType(sd, e.seg_generics, e.span);
  std::string vname = VariantPath(sd, vi);
  std::set<std::string> given;
  for (FieldInit& f : e.fields) {
    size_t k = 0;
    while (k < v.num_fields && o->fields[v.first_field + k].name != f.name) ++k;
    if (k == v.num_fields) {
      ErrorCode(f.span, "E0559", fmt::format("variant `{}` has no field named `{}`", vname, f.name));
      Check(*f.value, nullptr);
      continue;
    }
    if (!given.insert(f.name).second)
      ErrorCode(f.span, "E0062", fmt::format("field `{}` specified more than once", f.name));
    TypeRef want = FieldType(st, v.first_field + k);
    TypeRef got = Check(*f.value, want);
    ExpectType(*f.value, got, want);
  }
  std::vector<std::string> missing;
  for (size_t k = 0; k < v.num_fields; ++k)
    if (!given.count(o->fields[v.first_field + k].name)) missing.push_back(fmt::format("`{}`", o->fields[v.first_field + k].name));
  if (!missing.empty())
    ErrorCode(Span{e.span.begin, e.span.begin + static_cast<uint32_t>(JoinPath(e.path).size())}, "E0063",
              fmt::format("missing field{} {} in initializer of `{}`", missing.size() == 1 ? "" : "s",
                          fmt::join(missing, ", "), o->name));
  e.name = v.name;
  e.struct_decl = st->decl;
  e.variant = vi;
  return st;
}

// A pattern naming a variant: `E::A`, `E::B(x, ..)`, `E::C { x, .. }`, `Self::A`. Through a
// reference, names bound directly to the fields bind as references (as braced struct patterns do).
void Checker::BindVariantPattern(Pattern& p, const StructDecl* sd, TypeRef t, bool refutable) {
  auto bind_rest = [&](TypeRef with) {
    for (auto& s : p.subs) BindPattern(*s, with, true);
  };
  const StructDecl* o = Origin(sd);
  bool via_ref = false, all_mut = true;
  TypeRef v = t;
  while (v && v->kind == TypeKind::Ref) {
    via_ref = true;
    all_mut = all_mut && v->is_mut;
    v = R(v->args[0]);
  }
  if (v->kind == TypeKind::Var) {
    U(v, sd->generic_origin || sd->generics.empty() ? T.Struct(sd) : EnumValueType(sd, {}, p.span));
    v = R(v);
  }
  if (v->IsError()) return bind_rest(v);
  if (v->kind != TypeKind::Struct || !v->decl || Origin(v->decl) != o) {
    ErrorCode(p.span, "E0308", fmt::format("mismatched types: expected `{}`, found `{}`", Name(t), TypeName(T.Struct(sd))));
    return bind_rest(T.Error());
  }
  int vi = o->FindVariant(p.path[1]);
  if (vi < 0) {
    Span seg{p.span.begin, p.span.begin + static_cast<uint32_t>(JoinPath(p.path).size())};
    NoVariant(sd, p.path[1], seg);
    return bind_rest(T.Error());
  }
  const VariantDecl& var = o->variants[vi];
  std::string vname = VariantPath(sd, vi);
  auto field_type = [&](size_t k) {
    TypeRef ft = FieldType(v, var.first_field + k);
    return via_ref ? T.Ref(ft, all_mut) : ft;
  };
  auto sub_type = [&](size_t k, const Pattern& sub) {
    return sub.kind == Pattern::Kind::Bind ? field_type(k) : FieldType(v, var.first_field + k);
  };
  if (p.kind == Pattern::Kind::Struct) {
    if (var.shape == VariantDecl::Shape::Tuple) {
      ErrorCode(p.span, "E0769", fmt::format("tuple variant `{}` written as struct variant", vname));
      return bind_rest(T.Error());
    }
    std::vector<bool> seen(var.num_fields, false);
    for (size_t i = 0; i < p.subs.size(); ++i) {
      size_t k = 0;
      while (k < var.num_fields && o->fields[var.first_field + k].name != p.field_names[i]) ++k;
      if (k == var.num_fields) {
        ErrorCode(p.field_spans[i], "E0026", fmt::format("variant `{}` does not have a field named `{}`", vname, p.field_names[i]));
        BindPattern(*p.subs[i], T.Error(), true);
        continue;
      }
      if (seen[k]) ErrorCode(p.field_spans[i], "E0025", fmt::format("field `{}` bound multiple times in the pattern", p.field_names[i]));
      seen[k] = true;
      BindPattern(*p.subs[i], sub_type(k, *p.subs[i]), true);
    }
    if (!p.has_rest) {
      std::vector<std::string> missing;
      for (size_t k = 0; k < var.num_fields; ++k)
        if (!seen[k]) missing.push_back(fmt::format("`{}`", o->fields[var.first_field + k].name));
      if (!missing.empty())
        ErrorCode(p.span, "E0027", fmt::format("pattern does not mention field{} {}", missing.size() == 1 ? "" : "s",
                                               fmt::join(missing, ", ")));
    }
  } else if (var.shape == VariantDecl::Shape::Braced) {
    ErrorCode(p.span, p.has_parens ? "E0164" : "E0533",
              fmt::format("expected {}, found struct variant `{}`",
                          p.has_parens ? "tuple struct or tuple variant" : "unit struct, unit variant or constant", vname));
    return bind_rest(T.Error());
  } else if (p.has_parens != (var.shape == VariantDecl::Shape::Tuple)) {
    ErrorCode(p.span, "E0532",
              p.has_parens ? fmt::format("expected tuple struct or tuple variant, found unit variant `{}`", vname)
                           : fmt::format("expected unit struct, unit variant or constant, found tuple variant `{}`", vname));
    return bind_rest(T.Error());
  } else if (var.shape == VariantDecl::Shape::Tuple) {
    if (p.has_rest && p.subs.size() <= var.num_fields) {  // `B(x, ..)`: `_` for each field not written
      size_t add = var.num_fields - p.subs.size();
      for (size_t i = 0; i < add; ++i) {
        auto w = std::make_unique<Pattern>();
        w->kind = Pattern::Kind::Wild;
        w->span = p.span;
        p.subs.insert(p.subs.begin() + p.rest_at + static_cast<long>(i), std::move(w));
      }
      p.has_rest = false;
    }
    if (p.subs.size() != var.num_fields) {
      Span at = p.subs.empty() ? p.span : p.subs.front()->span.Join(p.subs.back()->span);
      ErrorCode(at, "E0023",
                fmt::format("this pattern has {} field{}, but the corresponding tuple variant has {} field{}", p.subs.size(),
                            p.subs.size() == 1 ? "" : "s", var.num_fields, var.num_fields == 1 ? "" : "s"));
      return bind_rest(T.Error());
    }
    for (size_t i = 0; i < p.subs.size(); ++i) BindPattern(*p.subs[i], sub_type(i, *p.subs[i]), true);
  }
  p.struct_decl = v->decl;
  p.variant = vi;
  if (!refutable && o->variants.size() > 1)
    ErrorCode(p.span, "E0005", "refutable pattern in local binding");
}

// How rustc names a variant a `match` misses: `E::A`, `E::B(_)`, `E::C { .. }`.
std::string Checker::UncoveredVariant(const StructDecl* o, size_t vi) const {
  const VariantDecl& v = o->variants[vi];
  std::string s = fmt::format("`{}::{}", o->name, v.name);
  if (v.shape == VariantDecl::Shape::Tuple) {
    s += "(";
    for (size_t i = 0; i < v.num_fields; ++i) s += i ? ", _" : "_";
    s += ")";
  } else if (v.shape == VariantDecl::Shape::Braced) {
    s += " { .. }";
  }
  return s + "`";
}

// rustc's E0004 for a `match` on an enum whose arms leave variants out (`covered`: the variants
// an arm matches whatever their fields hold).
void Checker::EnumNotCovered(const Expr& match, const StructDecl* o, const std::set<int>& covered) {
  std::vector<std::string> missing;
  for (size_t i = 0; i < o->variants.size(); ++i)
    if (!covered.count(static_cast<int>(i))) missing.push_back(UncoveredVariant(o, i));
  if (missing.empty()) return;
  std::string list;
  if (missing.size() <= 3) {
    for (size_t i = 0; i < missing.size(); ++i) list += (i == 0 ? "" : i + 1 == missing.size() ? " and " : ", ") + missing[i];
  } else {
    list = fmt::format("{}, {}, {} and {} more", missing[0], missing[1], missing[2], missing.size() - 3);
  }
  ErrorCode(match.operand->span, "E0004", fmt::format("non-exhaustive patterns: {} not covered", list));
}

}  // namespace aws::check
