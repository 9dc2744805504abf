// Item collection and name resolution: structs, scenario ops, signatures, written types,
// function bodies, and the scopes and captures of locals.
#include <fmt/format.h>

#include "awaitscope/type_parse.h"
#include "awaitscope/library_types.h"
#include "check/checker_impl.h"

namespace aws::check {

void Checker::Run(const std::vector<OpSpec>& ops) {
  CheckStructs();
  CheckImpls();
  ResolveOps(ops);
  // Signatures first so calls between functions resolve in any order.
  std::set<std::string> seen;
  for (size_t i = 0; i < p_.module.fns.size(); ++i) {
    FnDecl* fn = p_.module.fns[i].get();
    if (!seen.insert(fn->name).second) {
      if (fn->impl >= 0)
        ErrorCode(fn->name_span, "E0592", fmt::format("duplicate definitions with name `{}`", fn->short_name));
      else
        Error(fn->name_span, fmt::format("the name `{}` is defined multiple times", fn->name));
    }
    // A script's own function may take a built-in's name (the Tokio tutorial's `spawn`): calls
    // find the script's functions first (calls.cpp), as a crate's items shadow a glob import.
    RegisterFn(*fn);
  }
  CheckFutureSignatures();
  CheckWakeSignatures();
  CheckStreamSignatures();
  // Functions returning `impl Future` first: their concrete future type (a combinator chain,
  // say) is what callers store, so it must be known before the callers are checked. Instances
  // of generic functions are appended to the module while bodies are checked, and checked in turn.
  auto check_once = [&](FnDecl& fn) {
    if (checked_fns_.insert(&fn).second) CheckFn(fn);
  };
  for (size_t i = 0; i < p_.module.fns.size(); ++i) {
    FnDecl& fn = *p_.module.fns[i];
    if (!fn.is_async && fn.ret && (fn.ret->kind == TypeExpr::Kind::ImplFuture || fn.ret->kind == TypeExpr::Kind::ImplTrait))
      check_once(fn);
  }
  for (size_t i = 0; i < p_.module.fns.size(); ++i) check_once(*p_.module.fns[i]);
}

// A function's signature under its scope (an instance's type arguments, a generic definition's
// opaque parameters), and its body's entry.
void Checker::RegisterFn(FnDecl& fn) {
  ScopeState saved = SaveScope();
  bool impl_bad = fn.impl >= 0 && !impl_ok_[fn.impl];
  EnterFnScope(fn);
  InBodyScope in_signature(in_body_, false);
  quiet_ = impl_bad || fn.generic_origin;  // an impl of an unknown type: its one error is said
  for (const Param& prm : fn.params) fn.param_types.push_back(Resolve(prm.type.get()));
  fn.ret_type = fn.ret ? Resolve(fn.ret.get()) : T.Unit();
  // `-> impl Trait`: the body's type, found when it is checked (such functions are checked first).
  if (fn.ret && fn.ret->kind == TypeExpr::Kind::ImplTrait) fn.ret_type = NewVar(fn.ret->span);
  RestoreScope(saved);
  Body b;
  b.kind = fn.is_async ? BodyKind::AsyncFn : BodyKind::Fn;
  b.name = fn.name;
  b.fn = &fn;
  b.block = fn.body.get();
  b.output = fn.ret_type;
  b.bad = fn.has_syntax_errors || impl_bad;
  p_.fn_body[&fn] = static_cast<int>(p_.bodies.size());
  p_.bodies.push_back(std::move(b));
}

void Checker::CheckStructs() {
  std::set<std::string> names;
  for (auto& s : p_.module.structs) {
    if (!names.insert(s->name).second)
      Error(s->name_span, fmt::format("the struct `{}` is defined multiple times", s->name));
    std::set<std::string> fields;
    // A generic struct's fields are resolved with its parameters opaque (for the errors); its
    // instances resolve them again with their arguments.
    tparams_.clear();
    for (const GenericParam& g : s->generics) tparams_[g.name] = ParamType(g);
    for (size_t fi = 0; fi < s->fields.size(); ++fi) {
      const FieldDecl& f = s->fields[fi];
      for (const VariantDecl& v : s->variants)  // an enum's field names are its variants' own
        if (v.first_field == fi) fields.clear();
      if (!fields.insert(f.name).second)
        Error(f.span, fmt::format("field `{}` is already declared", f.name));
      self_struct_ = s.get();
      p_.struct_fields[s.get()].push_back(Resolve(f.type.get()));
      self_struct_ = nullptr;
    }
    tparams_.clear();
    // `#[derive(Copy)]` needs every field to be `Copy` (rustc's E0204); on a generic struct it
    // is `impl<T: Copy> Copy`, checked per instance.
    if (s->derives.count("Copy") && s->generics.empty())
      for (size_t i = 0; i < s->fields.size(); ++i)
        if (!IsCopyType(p_.struct_fields[s.get()][i])) {
          ErrorCode(s->name_span, "E0204", fmt::format("the trait `Copy` cannot be implemented for this type: "
                                                         "field `{}` does not implement `Copy`", s->fields[i].name));
          break;
        }
  }
}

void Checker::ResolveOps(const std::vector<OpSpec>& ops) {
  for (const OpSpec& op : ops) {
    OpInfo info;
    info.spec = op;
    // Types written in the scenario file are reported there, where they are written.
    std::string origin = op.file.empty() ? p_.source->name() : op.file;
    auto resolve = [&](const std::string& text, LineCol at) {
      if (at.line == 0) at = LineCol{op.line, op.col};
      // Padded so that columns (and the caret under the shown line) match the scenario file.
      op_sources_.push_back(std::make_unique<SourceFile>(origin, std::string(at.col - 1, ' ') + text, at.line - 1, 0));
      const SourceFile& osrc = *op_sources_.back();
      TypeExprPtr te = ParseTypeSource(osrc, d_);  // leading spaces are skipped as trivia
      err_src_ = &osrc;
      TypeRef t = te ? Resolve(te.get(), true) : T.Error();
      err_src_ = nullptr;
      parsed_types_.push_back(std::move(te));
      return t;
    };
    for (size_t i = 0; i < op.params.size(); ++i)
      info.params.push_back(resolve(op.params[i], i < op.param_pos.size() ? op.param_pos[i] : LineCol{0, 0}));
    info.result = resolve(op.returns, op.returns_pos);
    if (!op.receiver.empty()) {
      const StructDecl* sd = p_.module.FindStruct(op.receiver);
      if (!sd)
        d_.ReportAt(Severity::Error, origin, op.line, op.col,
                    fmt::format("op `{}`: receiver type `{}` is not a struct of the script", op.name, op.receiver));
      info.receiver = sd ? T.Struct(sd) : T.Error();
    }
    p_.ops.push_back(std::move(info));
  }
}

// Resolves a written type. Ops' types are resolved against the script's structs too.
TypeRef Checker::Resolve(const TypeExpr* te, bool from_op) {
  if (!te) return T.Error();
  switch (te->kind) {
    case TypeExpr::Kind::Ref: return T.Ref(Resolve(te->args[0].get(), from_op), te->is_mut);
    case TypeExpr::Kind::RawPtr: return T.RawPtr(Resolve(te->args[0].get(), from_op), te->is_mut);
    case TypeExpr::Kind::Array: {
      uint64_t len = te->array_len;
      if (!te->array_len_name.empty()) {  // `[u8; N]` (consts.cpp)
        std::optional<uint64_t> v = ArrayLength(te->array_len_name, te->span);
        if (!v) return T.Error();
        len = *v;
      }
      return T.Array(Resolve(te->args[0].get(), from_op), len);
    }
    case TypeExpr::Kind::Tuple: {
      std::vector<TypeRef> items;
      for (auto& a : te->args) items.push_back(Resolve(a.get(), from_op));
      return T.Tuple(items);
    }
    case TypeExpr::Kind::ImplFuture: case TypeExpr::Kind::DynFuture:
      return T.Future(te->kind == TypeExpr::Kind::DynFuture ? FutureKind::Dyn : FutureKind::Either,
                      te->args.empty() ? T.Unit() : Resolve(te->args[0].get(), from_op),
                      te->kind == TypeExpr::Kind::DynFuture && te->send ? kDynSend : -1);
    case TypeExpr::Kind::DynTrait: return DynTraitType(*te);
    case TypeExpr::Kind::Infer: return in_fn_ ? NewVar(te->span) : T.Error();  // `_`: inferred
    case TypeExpr::Kind::Never: return T.Never();
    case TypeExpr::Kind::ImplTrait:  // a return type: what the body returns (see RegisterFn)
      return in_fn_ ? NewVar(te->span) : T.Error();
    case TypeExpr::Kind::Qualified: return AssocOf(Resolve(te->args[0].get(), from_op), te->path[0], te->path[1], te->span);
    case TypeExpr::Kind::Path: break;
  }
  if (te->path.size() == 2 && te->path[0] == "Self" && self_type_ &&
      (self_type_->kind != TypeKind::Struct || (self_type_->decl && self_type_->decl->param)))
    return AssocOf(self_type_, "", te->path[1], te->span);
  if (te->path.size() == 2 && te->path[0] == "Self") return ResolveAssocType(*te);
  if (te->path.size() == 2 && tparams_.count(te->path[0])) return AssocOf(tparams_[te->path[0]], "", te->path[1], te->span);
  const std::string& n = te->Name();
  if (te->path.size() == 1 && te->args.empty())
    if (auto it = tparams_.find(n); it != tparams_.end()) return it->second;
  auto arg = [&](size_t i) { return i < te->args.size() ? Resolve(te->args[i].get(), from_op) : T.Error(); };
  auto want_args = [&](size_t k) {
    if (te->args.size() != k) {
      Error(te->span, fmt::format("`{}` takes {} type argument{} but {} {} supplied", n, k, k == 1 ? "" : "s",
                                  te->args.size(), te->args.size() == 1 ? "was" : "were"));
      return false;
    }
    return true;
  };
  static const std::map<std::string, IntKind> kInts = {{"u8", IntKind::U8},   {"u32", IntKind::U32},
                                                       {"u64", IntKind::U64}, {"usize", IntKind::Usize},
                                                       {"i32", IntKind::I32}, {"i64", IntKind::I64}};
  if (auto it = kInts.find(n); it != kInts.end()) return T.Int(it->second);
  if (n == "bool") return T.Bool();
  if (n == "char") return T.Char();
  if (n == "str") return T.Str();
  if (n == "String") return T.String();
  if (n == "Duration") return T.Duration();
  if (n == "Error") return T.ErrorType();
  if (n == "PhantomPinned") return T.PhantomPinned();
  if (n == "ScancodeStream" && !p_.module.FindStruct(n)) return T.ScancodeStream();  // the built-in one
  if (n == "Context") return T.Context();
  if (n == "Waker") return T.Waker();
  if (n == "Vec") return want_args(1) ? T.Vec(arg(0)) : T.Error();
  if (n == "Option") return want_args(1) ? T.Option(arg(0)) : T.Error();
  if (n == "Result") return want_args(2) ? T.Result(arg(0), arg(1)) : T.Error();
  if (n == "Poll") return want_args(1) ? T.Poll(arg(0)) : T.Error();
  if (n == "Box") return want_args(1) ? T.Box(arg(0)) : T.Error();
  if (n == "Pin") return want_args(1) ? T.Pin(arg(0)) : T.Error();
  // futures' `BoxFuture<'a, T>`: `Pin<Box<dyn Future<Output = T> + Send + 'a>>` (the lifetime is not kept).
  if (n == "BoxFuture" && !p_.module.FindStruct(n))
    return want_args(1) ? T.Pin(T.Box(T.Future(FutureKind::Dyn, arg(0), kDynSend))) : T.Error();
  if (n == "Self" && self_type_) return self_type_;
  if (TypeRef t = TokioChannelType(*te, arg)) return t;  // tokio_channels.cpp
  if (const LibraryType* lib = FindLibraryType(n); lib && !p_.module.FindStruct(n)) {
    if (!want_args(static_cast<size_t>(lib->arity))) return T.Error();
    std::vector<TypeRef> args;
    for (size_t i = 0; i < te->args.size(); ++i) args.push_back(arg(i));
    if (n == "TcpListener" || n == "TcpStream" || n == "SocketAddr") return NetType(n);  // check/network.cpp
    return T.Library(lib->name, std::move(args));
  }
  if (n == "Self" && self_struct_) return T.Struct(self_struct_);
  if (n == "Self" && te->path.size() == 1) {
    ErrorCode(te->span, "E0411", "cannot find type `Self` in this scope: `Self` is only available in impls and traits");
    return T.Error();
  }
  if (const StructDecl* sd = p_.module.FindStruct(n)) {
    if (!sd->generics.empty()) {
      if (te->args.size() != sd->generics.size()) {
        size_t k = sd->generics.size();
        Span at{te->span.begin, te->span.begin + static_cast<uint32_t>(n.size())};
        if (te->path.size() > 1) at = te->span;
        if (te->args.empty())
          ErrorCode(at, "E0107", fmt::format("missing generics for struct `{}`", n));
        else
          ErrorCode(at, "E0107", fmt::format("struct takes {} generic argument{} but {} generic argument{} {} supplied", k,
                                             k == 1 ? "" : "s", te->args.size(), te->args.size() == 1 ? "" : "s",
                                             te->args.size() == 1 ? "was" : "were"));
        return T.Error();
      }
      std::vector<TypeRef> args;
      for (size_t i = 0; i < te->args.size(); ++i) args.push_back(arg(i));
      for (TypeRef a : args)
        if (HasError(a)) return T.Error();
      return StructType(sd, args);
    }
    if (!te->args.empty()) Error(te->span, fmt::format("struct `{}` takes no type arguments", n));
    return T.Struct(sd);
  }
  for (const char* f : {"f32", "f64"})
    if (n == f) {
      Error(te->span, "floating-point types are not supported; use integers");
      return T.Error();
    }
  Error(te->span, fmt::format("cannot find type `{}` in this scope", n));
  return T.Error();
}

void Checker::CheckFn(FnDecl& fn) {
  cur_ = p_.fn_body[&fn];
  Body& b = p_.bodies[cur_];
  if (fn.impl >= 0 && !impl_ok_[fn.impl]) return;  // `Self` names nothing: its body would only echo that
  EnterFnScope(fn);
  InBodyScope in_body(in_body_, true);
  // An instance of a generic function whose definition has errors: those are the messages.
  quiet_ = fn.has_syntax_errors || (fn.generic_origin && failed_generics_.count(fn.generic_origin));
  size_t errors_before = d_.ErrorCount();
  // A signature whose types did not resolve (reported when the items were collected) leaves
  // a body the later stages cannot lower.
  bool signature_bad = fn.ret_type && fn.ret_type->IsError();
  for (TypeRef t : fn.param_types) signature_bad = signature_bad || !t || t->IsError();
  scopes_.clear();
  PushScope(true);
  std::set<std::string> names;
  for (size_t i = 0; i < fn.params.size(); ++i) {
    if (fn.params[i].name != "_" && !names.insert(fn.params[i].name).second)
      Error(fn.params[i].span, fmt::format("identifier `{}` is bound more than once in this parameter list", fn.params[i].name));
    NewLocal(fn.params[i].name, fn.param_types[i], fn.params[i].is_mut, fn.params[i].span, true);
  }
  b.num_inputs = static_cast<int>(fn.params.size());
  loops_.clear();
  int first_var = static_cast<int>(subst_.size());
  size_t first_body = p_.bodies.size();
  in_fn_ = true;
  TypeRef body_t = CheckBlock(*fn.body, fn.ret_type);
  if (fn.is_const || fn.is_static) CheckConstInit(fn);  // consts.cpp
  if (!ImplFutureOutputMismatch(fn, body_t)) ExpectType(*fn.body, body_t, fn.ret_type, true);
  FinishInference(fn, first_var, first_body);
  in_fn_ = false;
  // A generic definition is only checked: its instances are what runs.
  if (fn.is_generic) b.generic = true;
  body_t = Z(body_t);
  if (fn.ret && fn.ret->kind == TypeExpr::Kind::ImplTrait) {
    fn.ret_type = Z(fn.ret_type);
    b.output = fn.ret_type;
    for (const std::string& tr : fn.ret->path) {
      TraitBound bound;
      bound.trait = tr;
      if (!Satisfies(fn.ret_type, bound, 0)) {
        ErrorCode(fn.ret->span, "E0277", fmt::format("the trait bound `{}: {}` is not satisfied", Name(fn.ret_type), tr));
        fn.ret_type = b.output = T.Error();  // its callers would only echo it
        break;
      }
    }
  }
  if (!fn.is_async && fn.ret && fn.ret->kind == TypeExpr::Kind::ImplFuture && body_t->kind == TypeKind::Struct)
    if (TypeRef f = AsFuture(body_t)) body_t = f;  // a hand-written future (`StringLen { .. }`)
  if (!fn.is_async && fn.ret && fn.ret->kind == TypeExpr::Kind::ImplFuture && body_t->IsFuture() &&
      Compatible(body_t, fn.ret_type)) {
    fn.ret_type = body_t;  // the opaque type's concrete future
    b.output = body_t;
  }
  PopScope();
  if (fn.is_generic && (d_.ErrorCount() > errors_before || signature_bad)) failed_generics_.insert(&fn);
  if (d_.ErrorCount() > errors_before || quiet_ || signature_bad) p_.bodies[p_.fn_body[&fn]].bad = true;
  quiet_ = false;
  self_struct_ = nullptr;
  self_type_ = nullptr;
  cur_impl_ = -1;
  tparams_.clear();
  generic_ctx_ = false;
  cur_depth_ = 0;
}

// Checks an async block or closure as a nested body; returns its index.
int Checker::CheckNestedBody(Expr& e, BodyKind kind, const std::vector<TypeRef>& param_types, TypeRef expected_ret) {
  Body nb;
  nb.kind = kind;
  nb.parent = cur_;
  nb.expr = &e;
  nb.block = kind == BodyKind::AsyncBlock ? e.body.get() : e.operand.get();
  int counter = kind == BodyKind::AsyncBlock ? block_count_[cur_]++ : closure_count_[cur_]++;
  nb.name = fmt::format("{}::{{{}#{}}}", p_.bodies[cur_].name, kind == BodyKind::AsyncBlock ? "async block" : "closure", counter);
  int index = static_cast<int>(p_.bodies.size());
  p_.bodies.push_back(std::move(nb));
  e.async_block = index;
  int saved = cur_;
  auto saved_loops = std::move(loops_);
  loops_.clear();
  cur_ = index;
  PushScope(true);
  if (kind == BodyKind::Closure) {
    for (size_t i = 0; i < e.params.size(); ++i) {
      ClosureParam& cp = e.params[i];
      TypeRef want = i < param_types.size() ? param_types[i] : nullptr;
      TypeRef t = cp.type ? Resolve(cp.type.get()) : want;
      if (!t) t = NewVar(cp.span);
      if (cp.type && want && !U(want, t))
        ErrorCode(cp.span, "E0631", fmt::format("type mismatch in closure arguments: the item is `{}`, the parameter "
                                                "is declared `{}`", Name(want), Name(t)));
      cp.local = NewLocal(cp.name, t, cp.is_mut, cp.span, true);
    }
    p_.bodies[index].num_inputs = static_cast<int>(e.params.size());
  }
  TypeRef out;
  if (kind == BodyKind::AsyncBlock) {
    p_.bodies[index].output = expected_ret;  // may be null: inferred from the tail
    out = CheckBlock(*e.body, expected_ret);
  } else {
    p_.bodies[index].output = expected_ret;
    out = Check(*e.operand, expected_ret);
  }
  if (!p_.bodies[index].output || R(p_.bodies[index].output)->IsError()) p_.bodies[index].output = out;
  else ExpectType(kind == BodyKind::AsyncBlock ? *e.body : *e.operand, out, p_.bodies[index].output, true);
  if (R(p_.bodies[index].output)->kind == TypeKind::Never) p_.bodies[index].output = T.Unit();
  PopScope();
  cur_ = saved;
  loops_ = std::move(saved_loops);
  return index;
}

int Checker::NewLocal(std::string name, TypeRef type, bool is_mut, Span span, bool is_param, bool hidden) {
  Body& b = p_.bodies[cur_];
  LocalVar v;
  v.name = std::move(name);
  v.type = type;
  v.is_mut = is_mut;
  v.is_param = is_param;
  v.is_hidden = hidden;
  v.span = span;
  b.locals.push_back(std::move(v));
  int slot = static_cast<int>(b.locals.size()) - 1;
  if (!hidden) scopes_.back().names.emplace_back(b.locals[slot].name, slot);
  return slot;
}

// Finds a variable visible here; captures it into nested bodies on the way when needed.
int Checker::Lookup(const std::string& name) {
  for (int i = static_cast<int>(scopes_.size()) - 1; i >= 0; --i) {
    const Scope& s = scopes_[i];
    for (int j = static_cast<int>(s.names.size()) - 1; j >= 0; --j) {
      if (s.names[j].first != name) continue;
      if (s.body == cur_) return s.names[j].second;
      return Capture(s.body, s.names[j].second, cur_);
    }
  }
  return -1;
}

int Checker::Capture(int owner, int slot, int body) {
  if (body == owner) return slot;
  int parent_slot = Capture(owner, slot, p_.bodies[body].parent);
  auto key = std::make_tuple(body, parent_slot);
  if (auto it = captures_.find(key); it != captures_.end()) return it->second;
  Body& b = p_.bodies[body];
  const LocalVar& pv = p_.bodies[b.parent].locals[parent_slot];
  LocalVar v = pv;
  v.is_param = false;
  v.is_hidden = false;
  v.capture_of = parent_slot;
  v.capture_by_ref = b.expr && !b.expr->flag;  // non-`move` blocks and closures borrow
  b.locals.push_back(v);
  int s = static_cast<int>(b.locals.size()) - 1;
  captures_[key] = s;
  return s;
}

std::string Checker::JoinPath(const std::vector<std::string>& p) {
  std::string s;
  for (size_t i = 0; i < p.size(); ++i) s += (i ? "::" : "") + p[i];
  return s;
}

}  // namespace aws::check
