// Generics, by monomorphisation after checking (as rustc's codegen does, here for every stage
// after the type checker):
//
// - A generic function (its own type parameters or its impl's) is checked once with each
//   parameter opaque: `T` is a struct of its own with no fields that has what its bounds give it
//   (a `Copy` bound makes it copied, `Clone` gives `.clone()`, `PartialEq`/`PartialOrd` the
//   comparisons, a script trait its methods; a `Future<Output = X>` bound makes it a future of
//   `X`). What the bounds do not give is rustc's error (E0599, E0369, E0382, ...). That body is
//   never lowered.
// - Each use with concrete type arguments (written as a turbofish or inferred from the arguments
//   and the rest of the body) checks the bounds (E0277 at the argument, as rustc) and asks for
//   an instance: the function's tokens parsed again, named as rustc prints it (`largest::<i32>`,
//   `Wrapper<u64>::new`), checked with its parameters bound to the types. Lowering, layout, the
//   borrow checker and the runtime only ever see instances, so they need no notion of generics.
// - A generic struct's uses are struct types with arguments (`Wrapper<?T>` while inference
//   runs); once the arguments are known the type is an instance (`Wrapper<u64>`), a StructDecl of
//   its own with resolved fields, so its layout is that of its fields (`Wrapper<u8>` is 1 byte).
// - An instance that asks for a deeper one more than kMaxInstanceDepth times, or whose types grow
//   past kMaxTypeWeight nodes, is rustc's "reached the recursion limit while instantiating".
#include <fmt/format.h>

#include "awaitscope/parser.h"
#include "check/checker_impl.h"

namespace aws::check {

namespace {

constexpr int kMaxInstanceDepth = 64;
constexpr uint64_t kMaxTypeWeight = 4096;

// How many nodes the type has written out (saturating), memoised on the interned pointers.
uint64_t Weight(TypeRef t, std::map<TypeRef, uint64_t>& memo) {
  if (!t) return 1;
  if (auto it = memo.find(t); it != memo.end()) return it->second;
  uint64_t w = 1;
  for (TypeRef a : t->args) w = std::min<uint64_t>(w + Weight(a, memo), kMaxTypeWeight * 4);
  memo[t] = w;
  return w;
}

// A type as rustc prints it in the recursion-limit message: nesting past 8 levels is `...`.
std::string ShortName(TypeRef t, int depth) {
  if (depth >= 8) return "...";
  std::map<TypeRef, uint64_t> memo;
  if (Weight(t, memo) <= 16) return TypeName(t);
  // As rustc shortens a long type: the first argument spelled out, the others `...`.
  if (t->kind == TypeKind::Tuple) {
    std::string s = "(" + ShortName(t->args[0], depth + 1);
    for (size_t i = 1; i < t->args.size(); ++i) s += ", ...";
    return s + (t->args.size() == 1 ? ",)" : ")");
  }
  if (t->kind == TypeKind::Struct && !t->args.empty()) {
    std::string s = t->name + "<" + ShortName(t->args[0], depth + 1);
    for (size_t i = 1; i < t->args.size(); ++i) s += ", ...";
    return s + ">";
  }
  return "...";
}

// std traits that every type of the subset has (or that do not change what a script may do).
bool AlwaysHeld(const std::string& trait) {
  static const char* const kAll[] = {"Sized", "Send", "Sync", "Unpin", "'static", "Any"};
  for (const char* s : kAll)
    if (trait == s) return true;
  return false;
}

}  // namespace

const StructDecl* Checker::Origin(const StructDecl* sd) const {
  return sd && sd->generic_origin ? sd->generic_origin : sd;
}

std::vector<const GenericParam*> Checker::GenericParamsOf(const FnDecl& fn) const {
  const FnDecl& o = fn.generic_origin ? *fn.generic_origin : fn;
  std::vector<const GenericParam*> out;
  if (o.impl >= 0 && o.impl < static_cast<int>(p_.module.impls.size()))
    for (const GenericParam& g : p_.module.impls[o.impl]->generics) out.push_back(&g);
  for (const GenericParam& g : o.generics) out.push_back(&g);
  return out;
}

bool Checker::HasVar(TypeRef t) {
  t = R(t);
  if (!t) return false;
  if (t->IsVar()) return true;
  for (TypeRef a : t->args)
    if (HasVar(a)) return true;
  return false;
}

bool Checker::HasError(TypeRef t) {
  t = R(t);
  if (!t) return false;
  if (t->IsError()) return true;
  for (TypeRef a : t->args)
    if (HasError(a)) return true;
  return false;
}

// The opaque type standing for a type parameter while its item is checked generically.
TypeRef Checker::ParamType(const GenericParam& gp) {
  if (auto it = param_types_.find(&gp); it != param_types_.end()) return it->second;
  for (const TraitBound& b : gp.bounds) {
    if (b.trait != "Future") continue;
    TypeRef out = nullptr;
    for (const auto& [name, te] : b.assoc)
      if (name == "Output") out = Resolve(te.get());
    if (!out) out = AssocParam(gp, "Future", "Output");
    TypeRef f = T.Future(FutureKind::Dyn, out);
    param_types_[&gp] = f;
    return f;
  }
  auto sd = std::make_unique<StructDecl>();
  sd->name = gp.name;
  sd->param = &gp;
  sd->name_span = gp.span;
  sd->span = gp.span;
  for (const TraitBound& b : gp.bounds) {
    const std::string& n = b.trait;
    sd->derives.insert(n);
    if (n == "Copy") sd->derives.insert("Clone");
    if (n == "Eq" || n == "PartialOrd" || n == "Ord") sd->derives.insert("PartialEq");
    if (n == "Ord") sd->derives.insert("PartialOrd");
  }
  TypeRef t = T.Struct(sd.get());
  p_.module.generic_structs.push_back(std::move(sd));
  param_types_[&gp] = t;
  return t;
}

// `T::Item` / `<T as Trait>::Item` of an opaque `T` whose bound does not fix it: opaque too.
TypeRef Checker::AssocParam(const GenericParam& gp, const std::string& trait, const std::string& name) {
  auto key = std::make_tuple(&gp, name);
  if (auto it = assoc_params_.find(key); it != assoc_params_.end()) return it->second;
  auto sd = std::make_unique<StructDecl>();
  sd->name = fmt::format("<{} as {}>::{}", gp.name, trait, name);
  sd->param = &gp;
  sd->span = sd->name_span = gp.span;
  TypeRef t = T.Struct(sd.get());
  p_.module.generic_structs.push_back(std::move(sd));
  assoc_params_[key] = t;
  return t;
}

// `base::name` (`trait` given for `<base as Trait>::name`).
TypeRef Checker::AssocOf(TypeRef base, const std::string& trait, const std::string& name, Span at) {
  base = R(base);
  if (base->IsError()) return base;
  if (base->IsFuture() && name == "Output" && (trait.empty() || trait == "Future")) return base->Output();
  if (base->kind == TypeKind::Iter && name == "Item" && (trait.empty() || trait == "Iterator")) return base->args[0];
  if (base->kind == TypeKind::Struct && base->decl && base->decl->param) {
    const GenericParam& gp = *base->decl->param;
    for (const TraitBound& b : gp.bounds) {
      if (!trait.empty() && b.trait != trait) continue;
      for (const auto& [n, te] : b.assoc)
        if (n == name) return Resolve(te.get());
      if (const TraitDecl* tr = p_.module.FindTrait(b.trait))
        for (const std::string& a : tr->assoc_types)
          if (a == name) return AssocParam(gp, b.trait, name);
    }
  } else if (base->kind == TypeKind::Struct && base->decl) {
    const StructDecl* o = Origin(base->decl);
    for (size_t i = 0; i < p_.module.impls.size(); ++i) {
      const ImplDecl& im = *p_.module.impls[i];
      if (im.self_type != o->name || im.trait_name.empty() || (!trait.empty() && im.trait_name != trait)) continue;
      for (const AssocType& a : im.types) {
        if (a.name != name) continue;
        ScopeState saved = SaveScope();
        tparams_.clear();
        if (!im.generics.empty() && base->decl->generic_origin) {
          // `impl<T> Trait for Wrapper<T> { type Item = T; }`: the impl's parameters from the type's arguments.
          for (size_t k = 0; k < im.self_args.size() && k < base->args.size(); ++k)
            if (im.self_args[k]->kind == TypeExpr::Kind::Path && im.self_args[k]->path.size() == 1)
              tparams_[im.self_args[k]->Name()] = base->args[k];
        }
        self_struct_ = base->decl;
        self_type_ = nullptr;
        cur_impl_ = static_cast<int>(i);
        TypeRef t = Resolve(a.type.get());
        RestoreScope(saved);
        return t;
      }
    }
  }
  ErrorCode(at, "E0220", fmt::format("associated type `{}` not found for `{}`", name, TypeName(base)));
  return T.Error();
}

Checker::ScopeState Checker::SaveScope() {
  return ScopeState{tparams_, self_struct_, self_type_, cur_impl_, generic_ctx_, cur_depth_, quiet_};
}

void Checker::RestoreScope(const ScopeState& s) {
  tparams_ = s.tparams;
  self_struct_ = s.self_struct;
  self_type_ = s.self_type;
  cur_impl_ = s.cur_impl;
  generic_ctx_ = s.generic_ctx;
  cur_depth_ = s.depth;
  quiet_ = s.quiet;
}

// The names in scope for a function's signature and body: an instance's type arguments, or a
// generic definition's opaque parameters; `Self` for a method of an impl of a generic struct.
void Checker::EnterFnScope(const FnDecl& fn) {
  tparams_.clear();
  self_type_ = nullptr;
  generic_ctx_ = false;
  cur_depth_ = fn.instance_depth;
  cur_impl_ = fn.impl;
  self_struct_ = ImplSelf(fn.impl);
  if (fn.generic_origin) {
    for (const auto& [n, t] : fn.type_args) tparams_[n] = t;
    if (fn.self_decl) self_struct_ = fn.self_decl;
    return;
  }
  if (!fn.is_generic) {  // `impl Wrapper<u8> { .. }`: `Self` is that instance
    if (const StructDecl* sd = ImplSelfOfGeneric(fn.impl)) self_struct_ = sd;
    return;
  }
  generic_ctx_ = true;
  std::vector<const GenericParam*> ps = GenericParamsOf(fn);
  // Plain parameters first: a `Future<Output = T>` bound may name them.
  for (const GenericParam* gp : ps) {
    bool future = false;
    for (const TraitBound& b : gp->bounds) future = future || b.trait == "Future";
    if (!future) tparams_[gp->name] = ParamType(*gp);
  }
  for (const GenericParam* gp : ps)
    if (!tparams_.count(gp->name)) tparams_[gp->name] = ParamType(*gp);
  if (const StructDecl* sd = ImplSelfOfGeneric(fn.impl)) self_struct_ = sd;
}

// The `Self` of a generic impl under the parameters in scope (`Wrapper<T>` with `T` as bound
// now), or null when the impl is not of a generic struct.
const StructDecl* Checker::ImplSelfOfGeneric(int impl) {
  const StructDecl* o = ImplSelf(impl);
  if (!o || o->generics.empty()) return nullptr;
  const ImplDecl& im = *p_.module.impls[impl];
  if (im.self_args.size() != o->generics.size()) return nullptr;  // E0107, said by CheckImpls
  std::vector<TypeRef> args;
  for (const TypeExprPtr& a : im.self_args) args.push_back(Resolve(a.get()));
  for (TypeRef a : args)
    if (HasError(a)) return nullptr;
  TypeRef t = StructType(o, args);
  return t->kind == TypeKind::Struct ? t->decl : nullptr;
}

// The type `origin<args>`: an instance when the arguments are known, else a struct type with
// open arguments that the inference fills in (Z turns it into the instance).
TypeRef Checker::StructType(const StructDecl* origin, std::vector<TypeRef> args) {
  for (TypeRef& a : args) a = Z(a);
  for (TypeRef a : args)
    if (HasVar(a) || HasError(a)) return T.StructWith(origin, args);
  auto key = std::make_pair(origin, args);
  if (auto it = struct_instances_.find(key); it != struct_instances_.end()) return T.Struct(it->second);
  auto inst = std::make_unique<StructDecl>();
  inst->generic_origin = origin;
  inst->type_args = args;
  inst->name = TypeName(T.StructWith(origin, args));
  inst->is_tuple = origin->is_tuple;
  inst->is_enum = origin->is_enum;
  inst->variants = origin->variants;
  inst->derives = origin->derives;
  inst->derive_span = origin->derive_span;
  inst->span = origin->span;
  inst->name_span = origin->name_span;
  for (const FieldDecl& f : origin->fields) {
    FieldDecl c;
    c.name = f.name;
    c.span = f.span;
    if (f.type) c.type = std::make_unique<TypeExpr>(CopyTypeExpr(*f.type));
    inst->fields.push_back(std::move(c));
  }
  const StructDecl* raw = inst.get();
  p_.module.generic_structs.push_back(std::move(inst));
  struct_instances_[key] = raw;
  ScopeState saved = SaveScope();
  tparams_.clear();
  for (size_t i = 0; i < origin->generics.size() && i < args.size(); ++i) tparams_[origin->generics[i].name] = args[i];
  self_struct_ = raw;
  self_type_ = nullptr;
  std::vector<TypeRef> fields;
  for (const FieldDecl& f : raw->fields) fields.push_back(Resolve(f.type.get()));
  RestoreScope(saved);
  bool copy = true;
  for (TypeRef f : fields) copy = copy && IsCopyType(f);
  // `#[derive(Copy)]` on a generic struct is `impl<T: Copy> Copy`: an instance is `Copy` when its fields are.
  if (!copy) const_cast<StructDecl*>(raw)->derives.erase("Copy");
  p_.struct_fields[raw] = std::move(fields);
  return T.Struct(raw);
}

// The type of field `i` of a struct type (an instance's resolved field, or a generic struct's
// field under open arguments).
TypeRef Checker::FieldType(TypeRef st, size_t i) {
  const StructDecl* sd = st->decl;
  if (sd->generics.empty()) {
    auto it = p_.struct_fields.find(sd);
    if (it != p_.struct_fields.end() && i < it->second.size()) return it->second[i];
  }
  ScopeState saved = SaveScope();
  tparams_.clear();
  for (size_t k = 0; k < sd->generics.size() && k < st->args.size(); ++k) tparams_[sd->generics[k].name] = st->args[k];
  self_struct_ = sd;
  self_type_ = st;
  TypeRef t = i < sd->fields.size() ? Resolve(sd->fields[i].type.get()) : T.Error();
  RestoreScope(saved);
  return t;
}

// Whether `t` has the trait `b` names (with its associated types, `Future<Output = u32>`).
bool Checker::Satisfies(TypeRef t, const TraitBound& b, int depth) {
  t = Z(t);
  if (!t || HasError(t) || depth > 16) return true;
  const std::string& n = b.trait;
  if (AlwaysHeld(n)) return true;
  auto all_args = [&](auto&& self, TypeRef x) -> bool {
    for (TypeRef a : x->args)
      if (!Satisfies(a, b, depth + 1)) return false;
    (void)self;
    return true;
  };
  TypeKind k = t->kind;
  if (k == TypeKind::Struct && t->decl && !t->decl->dyn_traits.empty()) {  // `dyn Describe`: its own traits
    for (const std::string& own : t->decl->dyn_traits)
      if (own == n) return true;
    return false;
  }
  bool param = k == TypeKind::Struct && t->decl && t->decl->param;
  if (param) {
    for (const TraitBound& own : t->decl->param->bounds)
      if (own.trait == n) return true;
    return t->decl->derives.count(n) > 0;
  }
  if (n == "Future") {
    if (!t->IsFuture()) return false;
    for (const auto& [name, te] : b.assoc)
      if (name == "Output" && !U(t->Output(), Resolve(te.get()))) return false;
    return true;
  }
  if (n == "Iterator") {
    if (k != TypeKind::Iter) return false;
    for (const auto& [name, te] : b.assoc)
      if (name == "Item" && !U(t->args[0], Resolve(te.get()))) return false;
    return true;
  }
  bool scalar = t->IsInt() || k == TypeKind::Bool || k == TypeKind::Char;
  if (n == "Copy") return IsCopyType(t);
  if (n == "Clone") {
    if (IsCopyType(t)) return true;
    if (k == TypeKind::Struct) return t->decl->derives.count("Clone") > 0;
    if (k == TypeKind::String || k == TypeKind::Duration || k == TypeKind::ErrorType) return true;
    if (k == TypeKind::Vec || k == TypeKind::Option || k == TypeKind::Result || k == TypeKind::Box ||
        k == TypeKind::Tuple || k == TypeKind::Array)
      return all_args(all_args, t);
    return false;
  }
  if (n == "PartialEq" || n == "Eq" || n == "PartialOrd" || n == "Ord" || n == "Hash" || n == "Debug" || n == "Default") {
    if (scalar || k == TypeKind::String || k == TypeKind::Str || k == TypeKind::Unit || k == TypeKind::Duration)
      return true;
    if (k == TypeKind::Struct) return t->decl->derives.count(n) > 0;
    if (k == TypeKind::Ref || k == TypeKind::Vec || k == TypeKind::Option || k == TypeKind::Result ||
        k == TypeKind::Box || k == TypeKind::Tuple || k == TypeKind::Array)
      return all_args(all_args, t);
    return n == "Debug" && (k == TypeKind::ErrorType || k == TypeKind::Poll);
  }
  if (n == "Display" || n == "ToString") {
    if (scalar || k == TypeKind::String || k == TypeKind::Str || k == TypeKind::ErrorType) return true;
    if (k == TypeKind::Ref || k == TypeKind::Box) return Satisfies(t->args[0], b, depth + 1);
    return false;
  }
  if (const TraitDecl* tr = p_.module.FindTrait(n)) {
    (void)tr;
    if (k != TypeKind::Struct || !t->decl) return false;
    const StructDecl* o = Origin(t->decl);
    for (size_t i = 0; i < p_.module.impls.size(); ++i) {
      const ImplDecl& im = *p_.module.impls[i];
      if (im.trait_name != n || im.self_type != o->name) continue;
      if (im.generics.empty()) return true;
      // `impl<T: Describe> Describe for Wrapper<T>`: the impl's own bounds, on the type's arguments.
      bool ok = true;
      for (size_t a = 0; a < im.self_args.size() && a < t->args.size(); ++a) {
        const TypeExpr& sa = *im.self_args[a];
        if (sa.kind != TypeExpr::Kind::Path || sa.path.size() != 1) continue;
        for (const GenericParam& gp : im.generics)
          if (gp.name == sa.Name())
            for (const TraitBound& inner : gp.bounds) ok = ok && Satisfies(t->args[a], inner, depth + 1);
      }
      if (ok) return true;
    }
    return false;
  }
  return true;  // a std trait the subset does not model further (`Fn`, `From`, ...)
}

// The bounds of a generic function's parameters against the arguments of one use: rustc's
// E0277, at the argument whose type carries the parameter (else the call).
void Checker::CheckBounds(const GenericUse& u) {
  std::vector<const GenericParam*> ps = GenericParamsOf(*u.fn);
  for (size_t i = 0; i < ps.size() && i < u.args.size(); ++i) {
    for (const TraitBound& b : ps[i]->bounds) {
      if (Satisfies(u.args[i], b, 0)) continue;
      Span at = u.call->span;
      for (size_t a = 0; a < u.param_mentions.size(); ++a)
        if (u.param_mentions[a].count(ps[i]->name) && a < u.call->args.size()) {
          at = u.call->args[a]->span;
          break;
        }
      ErrorCode(at, "E0277", fmt::format("the trait bound `{}: {}` is not satisfied", Name(u.args[i]), b.trait));
      return;
    }
  }
  // `F: Future + Send`, `T: Send`: the argument of that type must be Send (decided after the
  // lowering, check/send.cpp).
  for (size_t i = 0; i < ps.size() && i < u.args.size(); ++i) {
    bool send = false, future = false;
    for (const TraitBound& b : ps[i]->bounds) {
      send = send || b.trait == "Send";
      future = future || b.trait == "Future";
    }
    if (!send) continue;
    for (size_t a = 0; a < u.param_mentions.size() && a < u.call->args.size(); ++a)
      if (u.param_mentions[a].count(ps[i]->name)) {
        RequireSend(future ? SendRequirement::Kind::FutureBound : SendRequirement::Kind::ThreadSpawn, *u.call->args[a],
                    *u.call);
        break;
      }
  }
}

namespace {

void Mentions(const TypeExpr* te, std::set<std::string>& out) {
  if (!te) return;
  if (te->kind == TypeExpr::Kind::Path && !te->path.empty()) out.insert(te->path[0]);
  for (const TypeExprPtr& a : te->args) Mentions(a.get(), out);
}

}  // namespace

// A call of a generic function (or of a function of a generic impl, or of a trait's method
// through a bound): its type arguments are variables (or the turbofish's types), its signature
// is resolved under them, the arguments are checked, and the instance is made as soon as the
// arguments are known (at the latest when the body's inference ends).
TypeRef Checker::CallGeneric(Expr& e, const FnDecl& fn, TypeRef self_t, const std::vector<TypeExprPtr>* turbofish,
                             Span name_at, bool method, TypeRef rt) {
  std::vector<const GenericParam*> ps = GenericParamsOf(fn);
  size_t n_impl = fn.impl >= 0 && fn.impl < static_cast<int>(p_.module.impls.size())
                      ? p_.module.impls[fn.impl]->generics.size() : 0;
  if (fn.signature_only) n_impl = 0;
  std::vector<TypeRef> args;
  for (size_t i = 0; i < ps.size(); ++i) args.push_back(NewVar(e.span));
  // The turbofish is written in the caller's scope.
  if (turbofish && !turbofish->empty()) {
    size_t own = ps.size() - n_impl;
    if (turbofish->size() != own) {
      ErrorCode(name_at, "E0107", fmt::format("function takes {} generic argument{} but {} generic argument{} {} supplied",
                                              own, own == 1 ? "" : "s", turbofish->size(),
                                              turbofish->size() == 1 ? "" : "s", turbofish->size() == 1 ? "was" : "were"));
    } else {
      for (size_t i = 0; i < own; ++i) U(args[n_impl + i], Resolve((*turbofish)[i].get()));
    }
  }
  ScopeState saved = SaveScope();
  tparams_.clear();
  for (size_t i = 0; i < ps.size(); ++i) tparams_[ps[i]->name] = args[i];
  cur_impl_ = fn.signature_only ? -1 : fn.impl;
  TypeRef self_for_sig = self_t;
  if (n_impl > 0) {
    const ImplDecl& im = *p_.module.impls[fn.impl];
    const StructDecl* o = ImplSelf(fn.impl);
    std::vector<TypeRef> sargs;
    for (const TypeExprPtr& a : im.self_args) sargs.push_back(Resolve(a.get()));
    if (o && sargs.size() == o->generics.size()) {
      TypeRef pattern = T.StructWith(o, sargs);
      if (self_t) U(pattern, self_t);
      if (!self_for_sig) self_for_sig = pattern;
    }
  }
  self_type_ = self_for_sig;
  if (self_for_sig && self_for_sig->kind == TypeKind::Struct && self_for_sig->decl->generics.empty())
    self_struct_ = self_for_sig->decl;
  std::vector<TypeRef> params;
  for (const Param& p : fn.params) params.push_back(Resolve(p.type.get()));
  ScopeState callee = SaveScope();
  RestoreScope(saved);
  // The return type after the arguments: `S::Item` needs `S` known.
  auto resolve_ret = [&]() {
    ScopeState outer = SaveScope();
    RestoreScope(callee);
    TypeRef r = fn.ret ? Resolve(fn.ret.get()) : T.Unit();
    RestoreScope(outer);
    return r;
  };

  GenericUse u;
  u.call = &e;
  u.fn = &fn;
  u.args = args;
  for (size_t i = method ? 1 : 0; i < fn.params.size(); ++i) {
    std::set<std::string> m;
    Mentions(fn.params[i].type.get(), m);
    u.param_mentions.push_back(std::move(m));
  }
  TypeRef ret = nullptr;
  if (method) {
    CallMethodWith(e, fn, rt, self_t, params, T.Unit());
    ret = resolve_ret();
    // The receiver is argument 0 of the rewritten call; bounds point at the written arguments.
    u.param_mentions.insert(u.param_mentions.begin(), std::set<std::string>{});
  } else {
    e.fn = &fn;
    e.operand->fn = &fn;
    if (CheckArity(e, params.size(), params.size(), "this function")) CheckArgs(e, params);
    else for (auto& a : e.args) Check(*a, nullptr);
    ret = resolve_ret();
  }
  // A `Future<Output = X>` bound decides the output of the future passed (an async block's
  // `{integer}` becomes `u32`).
  for (size_t i = 0; i < ps.size(); ++i)
    for (const TraitBound& b : ps[i]->bounds)
      if (b.trait == "Future" && R(args[i])->IsFuture())
        for (const auto& [name, te] : b.assoc)
          if (name == "Output") {
            ScopeState outer = SaveScope();
            tparams_.clear();
            for (size_t k = 0; k < ps.size(); ++k) tparams_[ps[k]->name] = args[k];
            TypeRef want = Resolve(te.get());
            RestoreScope(outer);
            U(R(args[i])->Output(), want);
          }
  const FnDecl* inst = nullptr;
  bool known = true;
  for (TypeRef a : args) known = known && !HasVar(a);
  if (known) inst = FinishGenericUse(u);
  else pending_uses_.push_back(u);
  if (fn.is_async) {
    if (inst) return T.Future(FutureKind::AsyncFn, inst->ret_type, p_.fn_body[inst]);
    if (!known && !generic_ctx_) return NeedAnnotation(e.span);
    auto body = p_.fn_body.find(&fn);
    return T.Future(FutureKind::AsyncFn, ret, body == p_.fn_body.end() ? -1 : body->second);
  }
  return ret;
}

// A use whose type arguments are known: the bounds, then (outside a generic definition) the
// instance the call is rewritten to.
const FnDecl* Checker::FinishGenericUse(GenericUse& u) {
  for (TypeRef& a : u.args) a = Z(a);
  for (TypeRef a : u.args)
    if (HasError(a) || HasVar(a)) return nullptr;
  size_t errors = d_.ErrorCount();
  CheckBounds(u);
  if (d_.ErrorCount() > errors || generic_ctx_ || u.fn->signature_only || quiet_) return nullptr;
  const FnDecl* inst = Instantiate(*u.fn, u.args, *u.call);
  if (inst) {
    u.call->fn = inst;
    if (u.call->operand && u.call->kind == ExprKind::Call) u.call->operand->fn = inst;
  } else {
    UsesBrokenItem();
  }
  return inst;
}

void Checker::FinishPendingUses() {
  std::vector<GenericUse> uses = std::move(pending_uses_);
  pending_uses_.clear();
  for (GenericUse& u : uses) FinishGenericUse(u);
}

const FnDecl* Checker::Instantiate(const FnDecl& fn, const std::vector<TypeRef>& args, const Expr& at) {
  const FnDecl& origin = fn.generic_origin ? *fn.generic_origin : fn;
  auto key = std::make_pair(&origin, args);
  if (auto it = fn_instances_.find(key); it != fn_instances_.end()) return it->second;
  std::vector<const GenericParam*> ps = GenericParamsOf(origin);
  size_t n_impl = ps.size() - origin.generics.size();
  std::map<TypeRef, uint64_t> memo;
  uint64_t weight = 0;
  for (TypeRef a : args) weight += Weight(a, memo);
  auto own_list = [&](bool short_names) {
    std::string s;
    for (size_t i = n_impl; i < args.size(); ++i)
      s += (i > n_impl ? ", " : "") + (short_names ? ShortName(args[i], 0) : TypeName(args[i]));
    return s;
  };
  if (cur_depth_ + 1 > kMaxInstanceDepth || weight > kMaxTypeWeight) {
    fn_instances_[key] = nullptr;
    std::string what = origin.short_name;
    if (n_impl < args.size()) what += "::<" + own_list(true) + ">";
    Error(at.span, fmt::format("reached the recursion limit while instantiating `{}`", what));
    return nullptr;
  }
  ImplDecl* im = origin.impl >= 0 ? p_.module.impls[origin.impl].get() : nullptr;
  std::unique_ptr<FnDecl> inst = ParseFnAgain(src_, p_.module, origin.first_token, im, origin.impl);
  if (!inst) {
    fn_instances_[key] = nullptr;
    return nullptr;
  }
  inst->generic_origin = &origin;
  inst->is_generic = false;
  inst->instance_depth = cur_depth_ + 1;
  for (size_t i = 0; i < ps.size() && i < args.size(); ++i) inst->type_args.emplace_back(ps[i]->name, args[i]);
  std::string prefix;
  if (im) {
    ScopeState saved = SaveScope();
    tparams_.clear();
    for (const auto& [n, t] : inst->type_args) tparams_[n] = t;
    const StructDecl* self = ImplSelfOfGeneric(origin.impl);
    RestoreScope(saved);
    inst->self_decl = self ? self : ImplSelf(origin.impl);
    prefix = (inst->self_decl ? inst->self_decl->name : im->self_type) + "::";
  }
  inst->name = prefix + inst->short_name;
  if (n_impl < args.size()) inst->name += "::<" + own_list(false) + ">";
  FnDecl* raw = inst.get();
  p_.module.fns.push_back(std::move(inst));
  fn_instances_[key] = raw;
  RegisterFn(*raw);
  return raw;
}

}  // namespace aws::check
