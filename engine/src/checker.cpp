// [SECTION] Index: setup (structs, ops, signatures), scopes and captures, statements,
// expressions, calls and built-ins, methods, patterns.
#include "awaitscope/checker.h"

#include <fmt/format.h>

#include <set>

#include "awaitscope/builtins.h"
#include "awaitscope/parser.h"
#include "awaitscope/type_parse.h"

namespace aws {
namespace {

struct LoopCtx {
  TypeRef break_type = nullptr;  // `loop` with `break value`
  bool is_loop = false;          // `loop` (may break with a value) vs while/for
  bool has_break = false;
};

struct Scope {
  int body;
  std::vector<std::pair<std::string, int>> names;
  bool boundary = false;  // first scope of a nested body
};

bool IsIntLiteral(const Expr& e) {
  if (e.kind == ExprKind::IntLit) return e.suffix.empty();
  if (e.kind == ExprKind::Unary && e.un_op == UnOp::Neg && e.operand) return IsIntLiteral(*e.operand);
  return false;
}

int CountPlaceholders(const std::string& fmt_text, bool* bad) {
  int n = 0;
  for (size_t i = 0; i < fmt_text.size(); ++i) {
    if (fmt_text[i] == '{') {
      if (i + 1 < fmt_text.size() && fmt_text[i + 1] == '{') { ++i; continue; }
      size_t close = fmt_text.find('}', i);
      if (close == std::string::npos) { *bad = true; return n; }
      std::string spec = fmt_text.substr(i + 1, close - i - 1);
      if (!(spec.empty() || spec == ":?" || spec == ":p" || spec == ":#?" || spec == ":x" || spec == ":#x" ||
            spec == ":X" || spec == ":#X")) {
        *bad = true;
        return n;
      }
      ++n;
      i = close;
    } else if (fmt_text[i] == '}') {
      if (i + 1 < fmt_text.size() && fmt_text[i + 1] == '}') { ++i; continue; }
      *bad = true;
      return n;
    }
  }
  return n;
}

class Checker {
 public:
  Checker(CheckedProgram& p, Diagnostics& d) : p_(p), d_(d), src_(*p.source), T(p.types) {}

  void Run(const std::vector<OpSpec>& ops) {
    CheckStructs();
    ResolveOps(ops);
    // Signatures first so calls between functions resolve in any order.
    std::set<std::string> seen;
    for (auto& fn : p_.module.fns) {
      if (!seen.insert(fn->name).second)
        Error(fn->name_span, fmt::format("the name `{}` is defined multiple times", fn->name));
      if (FindBuiltinFn(fn->name) && fn->name != "main")
        Error(fn->name_span, fmt::format("`{}` is a built-in and cannot be redefined", fn->name));
      for (const Param& prm : fn->params) fn->param_types.push_back(Resolve(prm.type.get()));
      fn->ret_type = fn->ret ? Resolve(fn->ret.get()) : T.Unit();
      Body b;
      b.kind = fn->is_async ? BodyKind::AsyncFn : BodyKind::Fn;
      b.name = fn->name;
      b.fn = fn.get();
      b.block = fn->body.get();
      b.output = fn->ret_type;
      b.bad = fn->has_syntax_errors;
      p_.fn_body[fn.get()] = static_cast<int>(p_.bodies.size());
      p_.bodies.push_back(std::move(b));
    }
    // Functions returning `impl Future` first: their concrete future type (a combinator chain,
    // say) is what callers store, so it must be known before the callers are checked.
    for (auto& fn : p_.module.fns)
      if (!fn->is_async && fn->ret && fn->ret->kind == TypeExpr::Kind::ImplFuture) CheckFn(*fn);
    for (auto& fn : p_.module.fns)
      if (fn->is_async || !fn->ret || fn->ret->kind != TypeExpr::Kind::ImplFuture) CheckFn(*fn);
  }

 private:
  // A use of an item that did not parse. Its syntax error is the message; but the body using it is
  // incomplete (the use has no meaning), so neither it nor the bodies around it are lowered.
  void UsesBrokenItem() {
    for (int b = cur_; b >= 0; b = p_.bodies[b].parent) p_.bodies[b].bad = true;
  }

  // [SECTION] setup
  void Error(Span s, std::string msg) {
    if (quiet_) return;
    d_.Error(err_src_ ? *err_src_ : src_, s, std::move(msg));
  }

  void ErrorCode(Span s, const char* code, std::string msg) {
    if (quiet_) return;
    d_.ErrorWithCode(err_src_ ? *err_src_ : src_, s, code, std::move(msg));
  }
  void Mismatch(Span at, TypeRef want, TypeRef got) {
    ErrorCode(at, "E0308", fmt::format("mismatched types: expected {}, found {}", Quoted(want), Quoted(got)));
  }
  // As rustc words a type in a mismatch: `u64`, or `integer` for a literal's still open type.
  std::string Quoted(TypeRef t) {
    t = Z(t);
    return t->IsVar() && t->kind == TypeKind::Int ? "integer" : "`" + TypeName(t) + "`";
  }
  // E0282: a type the body does not determine.
  TypeRef NeedAnnotation(Span at) {
    ErrorCode(at, "E0282", "type annotations needed");
    return T.Error();
  }

  // [SECTION] inference
  // Type variables of one function body (and the closures and async blocks inside it): `NewVar`
  // stands for any type, `NewIntVar` for an integer literal's `{integer}`. `Unify` binds them; at
  // the end of the body integer variables default to `i32` and every type in the tree, the locals
  // and the outputs is replaced by what it resolved to (`FinishInference`), so the lowering, the
  // desugaring and the runtime never see a variable.
  TypeRef NewVar(Span at, const char* code = "E0282") {
    subst_.push_back(nullptr);
    var_at_.push_back(at);
    var_code_.push_back(code);
    return T.Var(static_cast<int>(subst_.size()) - 1);
  }
  TypeRef NewIntVar(Span at) {
    subst_.push_back(nullptr);
    var_at_.push_back(at);
    var_code_.push_back("");
    return T.IntVar(static_cast<int>(subst_.size()) - 1);
  }
  // Shallow: what a variable stands for so far.
  TypeRef R(TypeRef t) const {
    while (t && t->IsVar() && subst_[t->body]) t = subst_[t->body];
    return t;
  }
  // Deep: the type with every bound variable replaced.
  TypeRef Z(TypeRef t) {
    t = R(t);
    if (!t || t->args.empty()) return t;
    std::vector<TypeRef> args;
    for (TypeRef a : t->args) args.push_back(Z(a));
    return T.WithArgs(t, std::move(args));
  }
  std::string Name(TypeRef t) { return TypeName(Z(t)); }
  bool Occurs(int id, TypeRef t) {
    t = R(t);
    if (t->IsVar()) return t->body == id;
    for (TypeRef a : t->args)
      if (Occurs(id, a)) return true;
    return false;
  }
  // Makes `got` and `want` one type if they can be (a `&mut T` is accepted where `&T` is
  // wanted); false on a mismatch.
  bool U(TypeRef got, TypeRef want) {
    got = R(got);
    want = R(want);
    if (!got || !want || got == want) return true;
    if (got->IsError() || want->IsError() || got->kind == TypeKind::Never || want->kind == TypeKind::Never) return true;
    if (got->kind == TypeKind::Var) {
      if (Occurs(got->body, want)) return false;
      subst_[got->body] = want;
      return true;
    }
    if (want->kind == TypeKind::Var) {
      if (Occurs(want->body, got)) return false;
      subst_[want->body] = got;
      return true;
    }
    if (got->IsVar()) {  // {integer}
      if (!want->IsInt()) return false;
      subst_[got->body] = want;
      return true;
    }
    if (want->IsVar()) {
      if (!got->IsInt()) return false;
      subst_[want->body] = got;
      return true;
    }
    if (got->kind != want->kind) return false;
    switch (got->kind) {
      case TypeKind::Future: return U(got->Output(), want->Output());
      case TypeKind::Int: return got->int_kind == want->int_kind;
      case TypeKind::Array: return got->len == want->len && U(got->args[0], want->args[0]);
      case TypeKind::Ref: case TypeKind::RawPtr:
        return (got->is_mut == want->is_mut || !want->is_mut) && U(got->args[0], want->args[0]);
      case TypeKind::Struct: return got->decl == want->decl;
      case TypeKind::Iter: return U(got->args[0], want->args[0]);
      default:
        if (got->args.size() != want->args.size()) return false;
        for (size_t i = 0; i < got->args.size(); ++i)
          if (!U(got->args[i], want->args[i])) return false;
        return true;
    }
  }

  // Ends the inference of a function body: defaults, substitution, and the checks that needed
  // the final types (literal ranges, `-` on an unsigned integer).
  void FinishInference(FnDecl& fn, int first_var, size_t first_body) {
    for (const PendingFromIter& p : pending_sums_) CheckFromIter(p);
    pending_sums_.clear();
    bool reported = false;
    for (size_t id = first_var; id < subst_.size(); ++id) {
      if (subst_[id]) continue;
      if (var_code_[id][0] == 0) {
        subst_[id] = T.Int(IntKind::I32);
      } else {
        if (!reported) {
          auto whole = var_whole_.find(static_cast<int>(id));
          ErrorCode(var_at_[id], var_code_[id],
                    whole == var_whole_.end() ? std::string("type annotations needed")
                                              : fmt::format("type annotations needed for `{}`", Name(whole->second)));
          reported = true;
        }
        subst_[id] = T.Error();
      }
    }
    ZonkExpr(*fn.body);
    fn.ret_type = Z(fn.ret_type);
    auto zonk_body = [&](Body& b) {
      for (LocalVar& v : b.locals) v.type = Z(v.type);
      b.output = Z(b.output);
    };
    zonk_body(p_.bodies[p_.fn_body[&fn]]);
    for (size_t i = first_body; i < p_.bodies.size(); ++i) zonk_body(p_.bodies[i]);
    for (const Expr* lit : pending_lits_)
      if (lit->type && lit->type->IsInt()) CheckIntRange(*lit, lit->type, false);
    for (const Expr* neg : pending_negs_) {
      TypeRef v = neg->type;
      if (v && v->IsInt() && v->int_kind != IntKind::I32 && v->int_kind != IntKind::I64)
        ErrorCode(neg->span, "E0600", fmt::format("cannot apply unary operator `-` to type `{}`", TypeName(v)));
    }
    pending_lits_.clear();
    pending_negs_.clear();
  }

  void ZonkPattern(Pattern& p) {
    p.type = Z(p.type);
    for (auto& sp : p.subs) ZonkPattern(*sp);
    if (p.lit) ZonkExpr(*p.lit);
  }
  void ZonkExpr(Expr& e) {
    e.type = Z(e.type);
    for (Expr* c : {e.operand.get(), e.lhs.get(), e.rhs.get(), e.cond.get(), e.body.get(), e.else_.get(), e.tail.get()})
      if (c) ZonkExpr(*c);
    for (auto& a : e.args) ZonkExpr(*a);
    for (auto& st : e.stmts) {
      if (st->pat) ZonkPattern(*st->pat);
      if (st->init) ZonkExpr(*st->init);
    }
    for (MatchArm& arm : e.arms) {
      ZonkPattern(*arm.pat);
      if (arm.guard) ZonkExpr(*arm.guard);
      ZonkExpr(*arm.body);
    }
    if (e.pat) ZonkPattern(*e.pat);
    for (FieldInit& f : e.fields) ZonkExpr(*f.value);
  }

  void CheckStructs() {
    std::set<std::string> names;
    for (auto& s : p_.module.structs) {
      if (!names.insert(s->name).second)
        Error(s->name_span, fmt::format("the struct `{}` is defined multiple times", s->name));
      std::set<std::string> fields;
      for (const FieldDecl& f : s->fields) {
        if (!fields.insert(f.name).second)
          Error(f.span, fmt::format("field `{}` is already declared", f.name));
        self_struct_ = s.get();
        p_.struct_fields[s.get()].push_back(Resolve(f.type.get()));
        self_struct_ = nullptr;
      }
    }
  }

  void ResolveOps(const std::vector<OpSpec>& ops) {
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
  TypeRef Resolve(const TypeExpr* te, bool from_op = false) {
    if (!te) return T.Error();
    switch (te->kind) {
      case TypeExpr::Kind::Ref: return T.Ref(Resolve(te->args[0].get(), from_op), te->is_mut);
      case TypeExpr::Kind::RawPtr: return T.RawPtr(Resolve(te->args[0].get(), from_op), te->is_mut);
      case TypeExpr::Kind::Array: return T.Array(Resolve(te->args[0].get(), from_op), te->array_len);
      case TypeExpr::Kind::Tuple: {
        std::vector<TypeRef> items;
        for (auto& a : te->args) items.push_back(Resolve(a.get(), from_op));
        return T.Tuple(items);
      }
      case TypeExpr::Kind::ImplFuture: case TypeExpr::Kind::DynFuture:
        return T.Future(te->kind == TypeExpr::Kind::DynFuture ? FutureKind::Dyn : FutureKind::Either,
                        te->args.empty() ? T.Unit() : Resolve(te->args[0].get(), from_op));
      case TypeExpr::Kind::Infer: return in_fn_ ? NewVar(te->span) : T.Error();  // `_`: inferred
      case TypeExpr::Kind::Never: return T.Never();
      case TypeExpr::Kind::Path: break;
    }
    const std::string& n = te->Name();
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
    if (n == "ScancodeStream") return T.ScancodeStream();
    if (n == "Vec") return want_args(1) ? T.Vec(arg(0)) : T.Error();
    if (n == "Option") return want_args(1) ? T.Option(arg(0)) : T.Error();
    if (n == "Result") return want_args(2) ? T.Result(arg(0), arg(1)) : T.Error();
    if (n == "Poll") return want_args(1) ? T.Poll(arg(0)) : T.Error();
    if (n == "Box") return want_args(1) ? T.Box(arg(0)) : T.Error();
    if (n == "Pin") return want_args(1) ? T.Pin(arg(0)) : T.Error();
    if (n == "Self" && self_struct_) return T.Struct(self_struct_);
    if (const StructDecl* sd = p_.module.FindStruct(n)) {
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

  // [SECTION] scopes and captures
  int NewLocal(std::string name, TypeRef type, bool is_mut, Span span, bool is_param = false, bool hidden = false) {
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

  void PushScope(bool boundary = false) { scopes_.push_back({cur_, {}, boundary}); }
  void PopScope() { scopes_.pop_back(); }

  // Finds a variable visible here; captures it into nested bodies on the way when needed.
  int Lookup(const std::string& name) {
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

  int Capture(int owner, int slot, int body) {
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

  // [SECTION] functions and bodies
  void CheckFn(FnDecl& fn) {
    cur_ = p_.fn_body[&fn];
    Body& b = p_.bodies[cur_];
    quiet_ = fn.has_syntax_errors;
    size_t errors_before = d_.ErrorCount();
    // A signature whose types did not resolve (reported when the items were collected) leaves
    // a body the later stages cannot lower.
    bool signature_bad = fn.ret_type && fn.ret_type->IsError();
    for (TypeRef t : fn.param_types) signature_bad = signature_bad || !t || t->IsError();
    scopes_.clear();
    PushScope(true);
    std::set<std::string> names;
    for (size_t i = 0; i < fn.params.size(); ++i) {
      if (!names.insert(fn.params[i].name).second)
        Error(fn.params[i].span, fmt::format("identifier `{}` is bound more than once in this parameter list", fn.params[i].name));
      NewLocal(fn.params[i].name, fn.param_types[i], fn.params[i].is_mut, fn.params[i].span, true);
    }
    b.num_inputs = static_cast<int>(fn.params.size());
    loops_.clear();
    int first_var = static_cast<int>(subst_.size());
    size_t first_body = p_.bodies.size();
    in_fn_ = true;
    TypeRef body_t = CheckBlock(*fn.body, fn.ret_type);
    ExpectType(*fn.body, body_t, fn.ret_type, true);
    FinishInference(fn, first_var, first_body);
    in_fn_ = false;
    body_t = Z(body_t);
    if (!fn.is_async && fn.ret && fn.ret->kind == TypeExpr::Kind::ImplFuture && body_t->IsFuture() &&
        Compatible(body_t, fn.ret_type)) {
      fn.ret_type = body_t;  // the opaque type's concrete future
      b.output = body_t;
    }
    PopScope();
    if (d_.ErrorCount() > errors_before || quiet_ || signature_bad) p_.bodies[p_.fn_body[&fn]].bad = true;
    quiet_ = false;
  }

  // Checks an async block or closure as a nested body; returns its index.
  int CheckNestedBody(Expr& e, BodyKind kind, const std::vector<TypeRef>& param_types, TypeRef expected_ret) {
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

  // [SECTION] statements
  TypeRef CheckBlock(Expr& block, TypeRef expected) {
    PushScope();
    bool diverges = false;
    for (StmtPtr& s : block.stmts) {
      if (s->kind == Stmt::Kind::Let) {
        TypeRef declared = s->type ? Resolve(s->type.get()) : nullptr;
        TypeRef init_t = nullptr;
        if (s->init) {
          init_t = Check(*s->init, declared);
          if (declared) ExpectType(*s->init, init_t, declared);
          if (init_t->kind == TypeKind::Never) diverges = true;
          MoveOutOfPin(*s->init);
        }
        TypeRef t = declared ? declared : init_t;
        if (!t) t = NewVar(s->pat->span);
        BindPattern(*s->pat, t, /*refutable=*/false);
        // A type the body leaves open is reported where rustc does: at the binding.
        ClaimVars(t, s->pat->span);
      } else if (s->kind == Stmt::Kind::Expr) {
        TypeRef t = Check(*s->init, nullptr);
        if (t->kind == TypeKind::Never) diverges = true;
        if (!s->has_semi && !U(t, T.Unit()))
          ErrorCode(s->init->span, "E0308", fmt::format("mismatched types: expected `()`, found `{}` (add a `;`?)", Name(t)));
        if (s->has_semi && t->IsFuture() && s->init->kind != ExprKind::Await)
          d_.Warning(src_, s->init->span, "unused future: futures do nothing unless you `.await` or spawn them");
      }
    }
    TypeRef result;
    if (block.tail) {
      result = Check(*block.tail, expected);
    } else {
      result = diverges ? T.Never() : T.Unit();
    }
    PopScope();
    block.type = result;
    return result;
  }

  void ClaimVars(TypeRef t, Span at) {
    t = R(t);
    ClaimVarsOf(t, t, at);
  }
  void ClaimVarsOf(TypeRef t, TypeRef whole, Span at) {
    t = R(t);
    if (t->kind == TypeKind::Var && !claimed_.count(t->body)) {
      claimed_.insert(t->body);
      var_at_[t->body] = at;
      if (R(whole) != t) var_whole_[t->body] = whole;
    }
    for (TypeRef a : t->args) ClaimVarsOf(a, whole, at);
  }

  void ExpectType(const Expr& e, TypeRef got, TypeRef want, bool is_return = false) {
    if (!want || !got) return;
    got = R(got);
    want = R(want);
    // `&String` coerces to `&str`
    if (want->kind == TypeKind::Ref && got->kind == TypeKind::Ref && R(want->args[0])->kind == TypeKind::Str &&
        R(got->args[0])->kind == TypeKind::String)
      return;
    if (U(got, want)) return;
    Span at = e.span;
    if (is_return && e.kind == ExprKind::Block && e.tail) at = e.tail->span;
    Mismatch(at, want, got);
  }

  // [SECTION] expressions
  TypeRef Check(Expr& e, TypeRef expected) {
    TypeRef t = R(CheckInner(e, R(expected)));
    if (!t) t = T.Error();
    e.type = t;
    return t;
  }

  TypeRef IntLitType(const Expr& e, TypeRef expected) {
    static const std::map<std::string, IntKind> kSuffix = {{"u8", IntKind::U8},   {"u32", IntKind::U32},
                                                           {"u64", IntKind::U64}, {"usize", IntKind::Usize},
                                                           {"i32", IntKind::I32}, {"i64", IntKind::I64}};
    if (e.suffix == "ms") return T.Duration();
    if (auto it = kSuffix.find(e.suffix); it != kSuffix.end()) return T.Int(it->second);
    if (expected && expected->IsInt()) return expected;
    if (expected && expected->kind == TypeKind::RawPtr && e.int_value == 0) return expected;  // `0 as *const _`
    return NewIntVar(e.span);
  }

  TypeRef CheckInner(Expr& e, TypeRef expected) {
    switch (e.kind) {
      case ExprKind::Error: return T.Error();
      case ExprKind::IntLit: {
        TypeRef t = IntLitType(e, expected);
        if (t->IsVar() && !e.flag) pending_lits_.push_back(&e);
        else if (t->IsInt() && !e.flag) CheckIntRange(e, t, false);
        return t;
      }
      case ExprKind::StrLit: return T.Ref(T.Str(), false);
      case ExprKind::CharLit: return T.Char();
      case ExprKind::BoolLit: return T.Bool();
      case ExprKind::Unit: return T.Unit();
      case ExprKind::Path: return CheckPath(e, expected);
      case ExprKind::Array: {
        TypeRef elem = expected && expected->kind == TypeKind::Array ? expected->args[0] : nullptr;
        for (auto& a : e.args) {
          TypeRef t = Check(*a, elem);
          if (!elem || R(elem)->IsError()) elem = t;
          else ExpectType(*a, t, elem);
        }
        return T.Array(elem ? elem : NewVar(e.span), e.args.size());
      }
      case ExprKind::ArrayRepeat: {
        TypeRef elem = Check(*e.lhs, expected && expected->kind == TypeKind::Array ? expected->args[0] : nullptr);
        if (e.rhs->kind != ExprKind::IntLit) {
          Error(e.rhs->span, "array length must be an integer literal");
          return T.Error();
        }
        e.rhs->type = T.Int(IntKind::Usize);
        return T.Array(elem, e.rhs->int_value);
      }
      case ExprKind::VecMacro: {
        TypeRef elem = expected && expected->kind == TypeKind::Vec ? expected->args[0] : nullptr;
        if (e.flag) {  // vec![x; n]
          Expr& r = *e.args[0];
          elem = Check(*r.lhs, elem);
          TypeRef n = Check(*r.rhs, T.Int(IntKind::Usize));
          ExpectType(*r.rhs, n, T.Int(IntKind::Usize));
          r.type = T.Vec(elem);
          return T.Vec(elem);
        }
        for (auto& a : e.args) {
          TypeRef t = Check(*a, elem);
          if (!elem || R(elem)->IsError()) elem = t;
          else ExpectType(*a, t, elem);
        }
        return T.Vec(elem ? elem : NewVar(e.span));
      }
      case ExprKind::Tuple: {
        std::vector<TypeRef> items;
        for (size_t i = 0; i < e.args.size(); ++i) {
          TypeRef want = expected && expected->kind == TypeKind::Tuple && i < expected->args.size() ? expected->args[i] : nullptr;
          items.push_back(Check(*e.args[i], want));
        }
        return T.Tuple(items);
      }
      case ExprKind::StructLit: return CheckStructLit(e);
      case ExprKind::Index: {
        TypeRef base = AutoDeref(Check(*e.lhs, nullptr));
        TypeRef idx = Check(*e.rhs, T.Int(IntKind::Usize));
        if (base->IsError()) return base;
        if (base->kind == TypeKind::Var) return NeedAnnotation(e.lhs->span);
        if (base->kind != TypeKind::Array && base->kind != TypeKind::Vec) {
          Error(e.lhs->span, fmt::format("cannot index into a value of type `{}`", TypeName(base)));
          return T.Error();
        }
        ExpectType(*e.rhs, idx, T.Int(IntKind::Usize));
        if (base->kind == TypeKind::Array && e.rhs->kind == ExprKind::IntLit && e.rhs->int_value >= base->len)
          Error(e.rhs->span, fmt::format("this index is out of bounds: the length is {} but the index is {}", base->len,
                                         e.rhs->int_value));
        return base->args[0];
      }
      case ExprKind::Field: return CheckField(e);
      case ExprKind::TupleField: {
        TypeRef base = AutoDeref(Check(*e.operand, nullptr));
        if (base->IsError()) return base;
        if (base->kind == TypeKind::Var) return NeedAnnotation(e.operand->span);
        if (base->kind != TypeKind::Tuple || e.tuple_index >= base->args.size()) {
          Error(e.name_span, fmt::format("no field `{}` on type `{}`", e.tuple_index, TypeName(base)));
          return T.Error();
        }
        return base->args[e.tuple_index];
      }
      case ExprKind::Call: return CheckCall(e, expected);
      case ExprKind::MethodCall: return CheckMethod(e, expected);
      case ExprKind::MacroCall: return CheckMacro(e);
      case ExprKind::Unary: {
        TypeRef t = Check(*e.operand, expected);
        TypeRef v = StripRef(t);
        if (v->IsError()) return v;
        if (e.un_op == UnOp::Not) {
          if (v->kind != TypeKind::Bool && !v->IsInt()) {
            Error(e.span, fmt::format("cannot apply unary operator `!` to type `{}`", TypeName(v)));
            return T.Error();
          }
          return v;
        }
        if (v->IsVar()) {
          pending_negs_.push_back(&e);  // `-x` of an unsigned `x` is found once its type is known
          return v;
        }
        if (!v->IsInt() || v->int_kind == IntKind::U8 || v->int_kind == IntKind::U32 || v->int_kind == IntKind::U64 ||
            v->int_kind == IntKind::Usize) {
          ErrorCode(e.span, "E0600", fmt::format("cannot apply unary operator `-` to type `{}`", TypeName(v)));
          return T.Error();
        }
        return v;
      }
      case ExprKind::Binary: return CheckBinary(e, expected);
      case ExprKind::Assign: {
        TypeRef lt = CheckPlace(*e.lhs, true);
        TypeRef rt = Check(*e.rhs, lt);
        ExpectType(*e.rhs, rt, lt);
        return T.Unit();
      }
      case ExprKind::CompoundAssign: {
        TypeRef lt = CheckPlace(*e.lhs, true);
        bool shift = e.bin_op == BinOp::Shl || e.bin_op == BinOp::Shr;
        TypeRef r = Check(*e.rhs, lt->kind == TypeKind::String || shift ? nullptr : lt);
        TypeRef rt = StripRef(r);
        if (lt->IsError() || rt->IsError()) return T.Unit();
        if (lt->kind == TypeKind::String && e.bin_op == BinOp::Add) {
          if (!(r->kind == TypeKind::Ref && (R(r->args[0])->kind == TypeKind::Str || R(r->args[0])->kind == TypeKind::String)))
            Mismatch(e.rhs->span, T.Ref(T.Str(), false), r);
          return T.Unit();
        }
        if (lt->kind == TypeKind::Var && rt->IsInt()) U(lt, rt);  // `let mut n; n = 0; n += 1`
        lt = R(lt);
        if (!lt->IsInt()) {
          ErrorCode(e.lhs->span, "E0368", fmt::format("binary assignment operation `{}=` cannot be applied to type `{}`",
                                                      BinOpText(e.bin_op), Name(lt)));
          return T.Unit();
        }
        if (shift) {
          if (!rt->IsInt()) Mismatch(e.rhs->span, lt, rt);
          return T.Unit();
        }
        if (!U(rt, lt)) Mismatch(e.rhs->span, lt, rt);
        return T.Unit();
      }
      case ExprKind::Cast: {
        TypeRef target = Resolve(e.type_expr.get());
        TypeRef src = Check(*e.operand, target && target->IsInt() ? target : nullptr);
        if (src->IsError() || target->IsError()) return target;
        bool ok = (src->IsInt() && target->IsInt()) || (src->kind == TypeKind::Char && target->IsInt()) ||
                  (src->kind == TypeKind::Bool && target->IsInt()) ||
                  (src->kind == TypeKind::Ref && target->kind == TypeKind::RawPtr) ||
                  (src->kind == TypeKind::RawPtr && target->kind == TypeKind::RawPtr) ||
                  (src->IsInt() && target->kind == TypeKind::RawPtr) ||
                  (src->kind == TypeKind::RawPtr && target->IsInt());
        if (!ok) Error(e.span, fmt::format("non-primitive cast: `{}` as `{}`", TypeName(src), TypeName(target)));
        if (target->kind == TypeKind::RawPtr && target->args[0]->IsError() && src->kind == TypeKind::Ref)
          return T.RawPtr(src->args[0], target->is_mut);
        if (target->kind == TypeKind::RawPtr && target->args[0]->IsError() && expected &&
            expected->kind == TypeKind::RawPtr)
          return expected;
        return target;
      }
      case ExprKind::Ref: {
        TypeRef want = expected && expected->kind == TypeKind::Ref ? expected->args[0] : nullptr;
        TypeRef t = e.flag ? CheckPlace(*e.operand, true, /*borrow=*/true) : Check(*e.operand, want);
        if (t->IsError()) return t;
        return T.Ref(t, e.flag);
      }
      case ExprKind::Deref: {
        TypeRef t = Check(*e.operand, nullptr);
        if (t->IsError()) return t;
        if (t->kind == TypeKind::Var) return NeedAnnotation(e.operand->span);
        if (t->kind == TypeKind::Ref || t->kind == TypeKind::Box || t->kind == TypeKind::RawPtr) return t->args[0];
        if (t->kind == TypeKind::Pin && !R(t->args[0])->args.empty()) return R(t->args[0])->args[0];
        Error(e.span, fmt::format("type `{}` cannot be dereferenced", TypeName(t)));
        return T.Error();
      }
      case ExprKind::Range: {
        TypeRef it = nullptr;
        if (e.lhs) it = Check(*e.lhs, nullptr);
        if (e.rhs) {
          TypeRef r = Check(*e.rhs, it && it->IsInt() ? it : nullptr);
          if (!it) it = r;
          else ExpectType(*e.rhs, r, it);
        }
        if (!it) it = T.Int(IntKind::Usize);
        it = R(it);
        if (it->kind == TypeKind::Var) {  // bounds whose type is still open: an integer of some kind
          U(it, NewIntVar(e.span));
          it = R(it);
        }
        if (!it->IsInt() && !it->IsError()) {
          Error(e.span, fmt::format("ranges need integer bounds, found `{}`", Name(it)));
          return T.Error();
        }
        return T.Iter(!e.rhs ? IterKind::RangeFrom : e.flag ? IterKind::RangeInclusive : IterKind::Range, it);
      }
      case ExprKind::Await: {
        TypeRef t = Check(*e.operand, nullptr);
        if (!p_.bodies[cur_].is_async()) {
          Error(e.name_span, "`await` is only allowed inside `async` functions and blocks");
          return t->IsFuture() ? t->Output() : T.Error();
        }
        if (t->IsError()) return t;
        // `Pin<Box<F>>` is a future too (the way a `!Unpin` future is awaited from a box).
        if (t->kind == TypeKind::Pin && !t->args.empty() && t->args[0]->kind == TypeKind::Box &&
            !t->args[0]->args.empty() && t->args[0]->args[0]->IsFuture())
          return t->args[0]->args[0]->Output();
        if (!t->IsFuture()) {
          ErrorCode(e.name_span, "E0277", fmt::format("`{}` is not a future, so it cannot be awaited", TypeName(t)));
          return T.Error();
        }
        return t->Output();
      }
      case ExprKind::Try: return CheckTry(e);
      case ExprKind::Block: return CheckBlock(e, expected);
      case ExprKind::Unsafe: {
        bool saved = in_unsafe_;
        in_unsafe_ = true;
        TypeRef t = CheckBlock(e, expected);
        in_unsafe_ = saved;
        return t;
      }
      case ExprKind::If: {
        TypeRef c = Check(*e.cond, T.Bool());
        ExpectType(*e.cond, c, T.Bool());
        return CheckBranches(e, expected);
      }
      case ExprKind::IfLet: {
        TypeRef s = Check(*e.operand, nullptr);
        PushScope();
        BindPattern(*e.pat, s, true);
        TypeRef then_t = CheckBlock(*e.body, expected);
        PopScope();
        return JoinElse(e, then_t, expected);
      }
      case ExprKind::Match: return CheckMatch(e, expected);
      case ExprKind::Loop: {
        loops_.push_back({nullptr, true, false});
        CheckBlock(*e.body, T.Unit());
        LoopCtx ctx = loops_.back();
        loops_.pop_back();
        if (!ctx.has_break) return T.Never();
        return ctx.break_type ? ctx.break_type : T.Unit();
      }
      case ExprKind::While: {
        TypeRef c = Check(*e.cond, T.Bool());
        ExpectType(*e.cond, c, T.Bool());
        loops_.push_back({nullptr, false, false});
        CheckBlock(*e.body, T.Unit());
        loops_.pop_back();
        return T.Unit();
      }
      case ExprKind::WhileLet: {
        TypeRef s = Check(*e.operand, nullptr);
        PushScope();
        BindPattern(*e.pat, s, true);
        loops_.push_back({nullptr, false, false});
        CheckBlock(*e.body, T.Unit());
        loops_.pop_back();
        PopScope();
        return T.Unit();
      }
      case ExprKind::For: {
        TypeRef iter = IntoIterType(Check(*e.operand, nullptr), e.operand->span);
        TypeRef item = iter->IsError() ? iter : iter->args[0];
        // The iterator lives in a hidden local, named like the talk's `iter0`, `iter1`.
        e.local = NewLocal(fmt::format("iter{}", iter_count_[cur_]++), iter, true, e.operand->span, false, true);
        PushScope();
        BindPattern(*e.pat, item, false);
        loops_.push_back({nullptr, false, false});
        CheckBlock(*e.body, T.Unit());
        loops_.pop_back();
        PopScope();
        return T.Unit();
      }
      case ExprKind::Break: {
        if (loops_.empty()) {
          Error(e.span, "`break` outside of a loop");
          return T.Never();
        }
        LoopCtx& l = loops_.back();
        l.has_break = true;
        if (e.operand) {
          TypeRef t = Check(*e.operand, l.break_type);
          if (!l.is_loop) Error(e.operand->span, "`break` with a value is only allowed in `loop`");
          else if (!l.break_type) l.break_type = t;
          else ExpectType(*e.operand, t, l.break_type);
        } else if (l.is_loop && l.break_type && R(l.break_type)->kind != TypeKind::Unit) {
          ExpectType(e, T.Unit(), l.break_type);
        } else if (l.is_loop && !l.break_type) {
          l.break_type = T.Unit();
        }
        return T.Never();
      }
      case ExprKind::Continue:
        if (loops_.empty()) Error(e.span, "`continue` outside of a loop");
        return T.Never();
      case ExprKind::Return: {
        Body& b = p_.bodies[cur_];
        if (b.kind == BodyKind::Closure) {
          Error(e.span, "`return` inside a closure is not supported");
          return T.Never();
        }
        TypeRef want = R(b.output);
        TypeRef t = e.operand ? Check(*e.operand, want) : T.Unit();
        if (want) ExpectType(e.operand ? *e.operand : e, t, want);
        else b.output = t;
        return T.Never();
      }
      case ExprKind::Closure: {
        TypeRef want_ret = expected && expected->kind == TypeKind::Closure ? expected->args.back() : nullptr;
        std::vector<TypeRef> params;
        if (expected && expected->kind == TypeKind::Closure)
          params.assign(expected->args.begin(), expected->args.end() - 1);
        int body = CheckNestedBody(e, BodyKind::Closure, params, want_ret);
        std::vector<TypeRef> ps;
        for (auto& cp : e.params) ps.push_back(p_.bodies[body].locals[cp.local].type);
        return T.Closure(ps, p_.bodies[body].output, body);
      }
      case ExprKind::AsyncBlock: {
        TypeRef want = expected && expected->IsFuture() ? expected->Output() : nullptr;
        int body = CheckNestedBody(e, BodyKind::AsyncBlock, {}, want);
        return T.Future(FutureKind::AsyncBlock, p_.bodies[body].output, body);
      }
    }
    return T.Error();
  }

  void CheckIntRange(const Expr& e, TypeRef t, bool negative) {
    uint64_t max = 0;
    switch (t->int_kind) {
      case IntKind::U8: max = 0xff; break;
      case IntKind::U32: max = 0xffffffffull; break;
      case IntKind::I32: max = negative ? 0x80000000ull : 0x7fffffffull; break;
      case IntKind::I64: max = negative ? 0x8000000000000000ull : 0x7fffffffffffffffull; break;
      default: max = UINT64_MAX; break;
    }
    if (e.int_value > max)
      Error(e.span, fmt::format("literal out of range for `{}`", IntKindName(t->int_kind)));
  }

  TypeRef StripRef(TypeRef t) {
    t = R(t);
    while (t->kind == TypeKind::Ref) t = R(t->args[0]);
    return t;
  }
  // Auto-deref for fields, methods and indexing: through references, boxes and pins.
  TypeRef AutoDeref(TypeRef t) {
    for (t = R(t);; t = R(t)) {
      if (t->kind == TypeKind::Ref || t->kind == TypeKind::Box) t = t->args[0];
      else if (t->kind == TypeKind::Pin) t = t->args[0];
      else return t;
    }
  }

  // The iterator `for` (or `.zip`) makes of a value (`IntoIterator`): a vector or array by value
  // gives its elements, a reference to one borrows them, an iterator is itself.
  TypeRef IntoIterType(TypeRef it, Span at) {
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

  TypeRef CheckBranches(Expr& e, TypeRef expected) {
    TypeRef then_t = CheckBlock(*e.body, expected);
    return JoinElse(e, then_t, expected);
  }

  TypeRef JoinElse(Expr& e, TypeRef then_t, TypeRef expected) {
    if (!e.else_) {
      if (then_t->kind != TypeKind::Unit && then_t->kind != TypeKind::Never && !then_t->IsError())
        Error(e.body->tail ? e.body->tail->span : e.body->span,
              fmt::format("`if` without `else` must have type `()`, but this is `{}`", TypeName(then_t)));
      return T.Unit();
    }
    TypeRef else_t = Check(*e.else_, expected ? expected : (then_t->kind != TypeKind::Never ? then_t : nullptr));
    return Unify(then_t, else_t, *e.else_, "`if` and `else` have incompatible types");
  }

  TypeRef Unify(TypeRef a, TypeRef b, const Expr& at, const char* what) {
    a = R(a);
    b = R(b);
    if (a->kind == TypeKind::Never) return b;
    if (b->kind == TypeKind::Never || b->IsError()) return a;
    if (a->IsError()) return b;
    if (a->IsFuture() && b->IsFuture() && a != b && U(b->Output(), a->Output()))
      return T.Future(FutureKind::Either, a->Output(), -1, {a, b});
    if (!U(b, a)) {
      const Expr& tail = at.kind == ExprKind::Block && at.tail ? *at.tail : at;
      ErrorCode(tail.span, "E0308", fmt::format("{}: expected {}, found {}", what, Quoted(a), Quoted(b)));
      return T.Error();  // one message for one mistake
    }
    return R(a);
  }

  TypeRef CheckMatch(Expr& e, TypeRef expected) {
    TypeRef s = Check(*e.operand, nullptr);
    TypeRef result = nullptr;
    if (e.arms.empty()) {
      Error(e.span, "a `match` needs at least one arm");
      return T.Error();
    }
    bool has_catch_all = false;
    std::set<std::string> variants;
    for (MatchArm& arm : e.arms) {
      PushScope();
      BindPattern(*arm.pat, s, true);
      if (arm.pat->kind == Pattern::Kind::Wild || arm.pat->kind == Pattern::Kind::Bind) has_catch_all = true;
      if (arm.pat->kind == Pattern::Kind::Path && (arm.pat->subs.empty() || IrrefutableAll(*arm.pat)) && !arm.guard)
        variants.insert(arm.pat->name);
      if (arm.guard) {
        TypeRef g = Check(*arm.guard, T.Bool());
        ExpectType(*arm.guard, g, T.Bool());
      }
      TypeRef t = Check(*arm.body, result ? result : expected);
      result = result ? Unify(result, t, *arm.body, "`match` arms have incompatible types") : t;
      PopScope();
    }
    TypeRef sv = StripRef(s);
    if (!has_catch_all && !sv->IsError()) {
      std::vector<std::string> need;
      if (sv->kind == TypeKind::Option) need = {"Some", "None"};
      else if (sv->kind == TypeKind::Result) need = {"Ok", "Err"};
      else if (sv->kind == TypeKind::Poll) need = {"Ready", "Pending"};
      else if (sv->kind == TypeKind::Bool) need = {};
      else need = {"_"};
      for (const std::string& n : need)
        if (!variants.count(n)) {
          Error(e.operand->span, fmt::format("non-exhaustive patterns: `{}` not covered", n == "_" ? "_" : n));
          break;
        }
    }
    return result ? result : T.Error();
  }

  static bool IrrefutableAll(const Pattern& p) {
    for (const auto& s : p.subs)
      if (s->kind != Pattern::Kind::Wild && s->kind != Pattern::Kind::Bind) return false;
    return true;
  }

  TypeRef CheckTry(Expr& e) {
    TypeRef t = Check(*e.operand, nullptr);
    if (t->IsError()) return t;
    if (t->kind == TypeKind::Var) return NeedAnnotation(e.operand->span);
    Body& b = p_.bodies[cur_];
    TypeRef ret = R(b.output);
    if (t->kind == TypeKind::Result) {
      if (ret && ret->kind == TypeKind::Result) U(t->args[1], ret->args[1]);
      if (ret && !ret->IsError() && ret->kind != TypeKind::Result) {
        Error(e.name_span, fmt::format("the `?` operator can only be used in a function that returns `Result` or "
                                       "`Option` (this one returns `{}`)", Name(ret)));
      } else if (ret && ret->kind == TypeKind::Result && !U(t->args[1], ret->args[1])) {
        Error(e.name_span, fmt::format("`?` cannot convert the error type `{}` into `{}`", Name(t->args[1]),
                                       Name(ret->args[1])));
      }
      return t->args[0];
    }
    if (t->kind == TypeKind::Option) {
      if (ret && !ret->IsError() && ret->kind != TypeKind::Option)
        Error(e.name_span, fmt::format("the `?` operator can only be used on `Option` in a function that returns "
                                       "`Option` (this one returns `{}`)", TypeName(ret)));
      return t->args[0];
    }
    Error(e.name_span, fmt::format("the `?` operator can only be applied to values of type `Result` or `Option`, "
                                   "not `{}`", TypeName(t)));
    return T.Error();
  }

  TypeRef CheckBinary(Expr& e, TypeRef expected) {
    BinOp op = e.bin_op;
    bool arith = op == BinOp::Add || op == BinOp::Sub || op == BinOp::Mul || op == BinOp::Div || op == BinOp::Rem ||
                 op == BinOp::BitAnd || op == BinOp::BitOr || op == BinOp::BitXor || op == BinOp::Shl || op == BinOp::Shr;
    bool logic = op == BinOp::And || op == BinOp::Or;
    if (logic) {
      TypeRef l = Check(*e.lhs, T.Bool());
      TypeRef r = Check(*e.rhs, T.Bool());
      ExpectType(*e.lhs, l, T.Bool());
      ExpectType(*e.rhs, r, T.Bool());
      return T.Bool();
    }
    bool shift = op == BinOp::Shl || op == BinOp::Shr;
    TypeRef l = Check(*e.lhs, arith && !shift && expected && expected->IsInt() ? expected : nullptr);
    TypeRef lv = StripRef(l);
    TypeRef r = Check(*e.rhs, lv->IsInt() && !shift ? lv : nullptr);
    TypeRef rv = StripRef(r);
    if (lv->IsError() || rv->IsError()) return arith ? (lv->IsError() ? rv : lv) : T.Bool();
    // A variable still open meets an integer: it is one (`let mut n; n = 1; n * 2`).
    if ((lv->kind == TypeKind::Var && rv->IsInt()) || (rv->kind == TypeKind::Var && lv->IsInt())) {
      U(lv, rv);
      lv = rv = StripRef(lv);
    }
    if (arith) {
      if (op == BinOp::Add && lv->kind == TypeKind::String && l->kind == TypeKind::String) {
        if (r->kind == TypeKind::Ref && (R(r->args[0])->kind == TypeKind::Str || R(r->args[0])->kind == TypeKind::String))
          return T.String();
        ErrorCode(e.rhs->span, "E0308", fmt::format("mismatched types: expected `&str`, found `{}` (write `a + &b`)", Name(r)));
        return T.String();
      }
      if (lv->IsInt() && rv->IsInt()) {
        if (!shift && !U(rv, lv)) Mismatch(e.rhs->span, lv, rv);
        return R(lv);
      }
      if ((op == BinOp::BitAnd || op == BinOp::BitOr || op == BinOp::BitXor) && lv->kind == TypeKind::Bool &&
          rv->kind == TypeKind::Bool)
        return T.Bool();
      ErrorCode(e.name_span.end > e.name_span.begin ? e.name_span : e.span, "E0369",
                fmt::format("cannot apply `{}` to `{}` and `{}`", BinOpText(op), Name(l), Name(r)));
      return T.Error();
    }
    // comparisons
    if (lv->IsInt() && rv->IsInt()) {
      if (!U(rv, lv)) Mismatch(e.rhs->span, lv, rv);
      return T.Bool();
    }
    bool ok = (lv->kind == rv->kind && lv->kind == TypeKind::Bool) ||
              (lv->kind == TypeKind::Char && rv->kind == TypeKind::Char) ||
              ((lv->kind == TypeKind::String || lv->kind == TypeKind::Str) &&
               (rv->kind == TypeKind::String || rv->kind == TypeKind::Str));
    if (!ok && (op == BinOp::Eq || op == BinOp::Ne) && lv->kind == rv->kind && !lv->IsFuture() && U(rv, lv)) ok = true;
    if (!ok) {
      if (lv->kind != rv->kind) Mismatch(e.rhs->span, lv, rv);
      else ErrorCode(e.rhs->span, "E0369", fmt::format("cannot compare `{}` with `{}`", Name(l), Name(r)));
    }
    return T.Bool();
  }

  // [SECTION] places, paths, fields
  // Checks an expression that is assigned to or mutably borrowed.
  // Through a `Pin<P>` of a `!Unpin` target there is no `DerefMut`: no assignment (rustc's E0594)
  // and no `&mut` (E0596). `unsafe { Pin::get_unchecked_mut(..) }` is the way around.
  void PinnedMutation(const Expr& e, TypeRef pin, bool borrow) {
    TypeRef target = pin->args[0]->args.empty() ? pin->args[0] : pin->args[0]->args[0];
    Error(e.span, fmt::format("{} (E{}): that needs `DerefMut`, and `Pin` offers it only for `Unpin` targets, but `{}` "
                              "is `!Unpin` (it must not move once pinned); a change that does not move it can go "
                              "through the unsafe `Pin::get_unchecked_mut`",
                              borrow ? fmt::format("cannot borrow data behind `{}` as mutable", TypeName(pin))
                                     : fmt::format("cannot assign to data behind `{}`", TypeName(pin)),
                              borrow ? "0596" : "0594", TypeName(target)));
  }

  TypeRef CheckPlace(Expr& e, bool mutate, bool borrow = false) {
    TypeRef t = Check(e, nullptr);
    if (!mutate || t->IsError()) return t;
    const Expr* root = &e;
    while (root->kind == ExprKind::Field || root->kind == ExprKind::Index || root->kind == ExprKind::TupleField) {
      // Mutation through a reference needs `&mut`; through a value needs `let mut`.
      TypeRef base = root->kind == ExprKind::Index ? root->lhs->type : root->operand->type;
      if (base && base->kind == TypeKind::Ref) {
        if (!base->is_mut) BehindSharedRef(e, borrow);
        return t;
      }
      if (base && base->kind == TypeKind::Pin && NotUnpin(base->args[0]->args.empty() ? base->args[0] : base->args[0]->args[0])) {
        PinnedMutation(e, base, borrow);
        return t;
      }
      root = root->kind == ExprKind::Index ? root->lhs.get() : root->operand.get();
    }
    if (root->kind == ExprKind::Deref) {
      TypeRef pt = root->operand->type;
      if (pt && pt->kind == TypeKind::Pin && NotUnpin(pt->args[0]->args.empty() ? pt->args[0] : pt->args[0]->args[0])) {
        PinnedMutation(e, pt, borrow);
        return t;
      }
      if (pt && pt->kind == TypeKind::Ref && !pt->is_mut) BehindSharedRef(e, borrow);
      if (pt && pt->kind == TypeKind::RawPtr && !pt->is_mut) Error(e.span, "cannot assign through a `*const` pointer");
      return t;
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
      return t;
    }
    if (root->kind != ExprKind::Path) Error(e.span, "this expression cannot be assigned to");
    return t;
  }

  // `let x = *pinned;` moves the value out from behind a `Pin` (rustc's E0507): a pin hands out
  // only references. Values of the scalar types are copied, which is allowed.
  void MoveOutOfPin(const Expr& e) {
    if (e.kind != ExprKind::Deref || !e.operand || !e.operand->type || e.operand->type->kind != TypeKind::Pin) return;
    TypeRef t = R(e.type);
    if (!t || t->IsInt() || t->kind == TypeKind::Bool || t->kind == TypeKind::Char || t->IsError()) return;
    Error(e.span, fmt::format("cannot move out of `{}` behind `{}` (E0507): a pinned value stays where it is; "
                              "borrow it instead",
                              TypeName(t), TypeName(e.operand->type)));
  }

  bool NotUnpin(TypeRef t) {
    if (t->kind == TypeKind::PhantomPinned) return true;
    if (t->kind == TypeKind::Struct && t->decl) {
      for (const FieldDecl& f : t->decl->fields)
        if (f.type && f.type->kind == TypeExpr::Kind::Path && f.type->Name() == "PhantomPinned") return true;
    }
    return false;
  }

  TypeRef CheckPath(Expr& e, TypeRef expected) {
    if (e.path.size() == 1) {
      int slot = Lookup(e.name);
      if (slot >= 0) {
        e.local = slot;
        return p_.bodies[cur_].locals[slot].type;
      }
      if (const FnDecl* fn = p_.module.FindFn(e.name)) {
        e.fn = fn;
        Error(e.span, fmt::format("`{}` is a function: call it with `{}(...)`", e.name, e.name));
        return T.Error();
      }
    }
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
      Error(e.span, fmt::format("`{}` is a function: call it with `{}(...)`", full, full));
      return T.Error();
    }
    if (full == "PhantomPinned") return T.PhantomPinned();
    if (const StructDecl* sd = p_.module.FindStruct(full); sd && sd->fields.empty()) return T.Struct(sd);
    if (!p_.module.broken_names.count(full)) Error(e.span, fmt::format("cannot find value `{}` in this scope", full));
    else UsesBrokenItem();
    return T.Error();
  }

  static std::string JoinPath(const std::vector<std::string>& p) {
    std::string s;
    for (size_t i = 0; i < p.size(); ++i) s += (i ? "::" : "") + p[i];
    return s;
  }

  TypeRef CheckStructLit(Expr& e) {
    const StructDecl* sd = p_.module.FindStruct(e.name);
    if (!sd) {
      Error(e.span, fmt::format("cannot find struct `{}` in this scope", e.name));
      for (auto& f : e.fields) Check(*f.value, nullptr);
      return T.Error();
    }
    e.struct_decl = sd;
    std::set<std::string> given;
    for (FieldInit& f : e.fields) {
      const FieldDecl* fd = nullptr;
      for (const FieldDecl& d : sd->fields)
        if (d.name == f.name) fd = &d;
      if (!fd) {
        Error(f.span, fmt::format("struct `{}` has no field named `{}`", sd->name, f.name));
        Check(*f.value, nullptr);
        continue;
      }
      if (!given.insert(f.name).second) Error(f.span, fmt::format("field `{}` specified more than once", f.name));
      self_struct_ = sd;
      TypeRef want = Resolve(fd->type.get());
      self_struct_ = nullptr;
      TypeRef got = Check(*f.value, want);
      ExpectType(*f.value, got, want);
    }
    for (const FieldDecl& d : sd->fields)
      if (!given.count(d.name)) {
        Error(e.span, fmt::format("missing field `{}` in initializer of `{}`", d.name, sd->name));
        break;
      }
    return T.Struct(sd);
  }

  TypeRef CheckField(Expr& e) {
    TypeRef t = Check(*e.operand, nullptr);
    TypeRef base = AutoDeref(t);
    if (base->IsError()) return base;
    if (base->kind == TypeKind::Var) return NeedAnnotation(e.operand->span);
    if (base->kind == TypeKind::Struct && base->decl) {
      for (const FieldDecl& f : base->decl->fields) {
        if (f.name == e.name) {
          e.struct_decl = base->decl;
          self_struct_ = base->decl;
          TypeRef ft = Resolve(f.type.get());
          self_struct_ = nullptr;
          return ft;
        }
      }
    }
    Error(e.name_span, fmt::format("no field `{}` on type `{}`", e.name, TypeName(base)));
    return T.Error();
  }

  // [SECTION] calls and built-ins
  bool CheckArity(const Expr& e, size_t want_min, size_t want_max, const std::string& what) {
    size_t n = e.args.size();
    if (n >= want_min && n <= want_max) return true;
    size_t want = n < want_min ? want_min : want_max;
    Error(e.span, fmt::format("{} takes {} argument{} but {} argument{} {} supplied", what, want, want == 1 ? "" : "s",
                              n, n == 1 ? "" : "s", n == 1 ? "was" : "were"));
    return false;
  }

  TypeRef CheckArgs(Expr& e, const std::vector<TypeRef>& params) {
    for (size_t i = 0; i < e.args.size(); ++i) {
      TypeRef want = i < params.size() ? params[i] : nullptr;
      TypeRef got = Check(*e.args[i], want);
      if (want) ExpectType(*e.args[i], got, want);
    }
    return nullptr;
  }

  TypeRef CheckCall(Expr& e, TypeRef expected) {
    Expr& callee = *e.operand;
    if (callee.kind != ExprKind::Path) {
      Check(callee, nullptr);
      for (auto& a : e.args) Check(*a, nullptr);
      if (!callee.type->IsError()) Error(callee.span, fmt::format("`{}` is not a function", TypeName(callee.type)));
      return T.Error();
    }
    std::string full = JoinPath(callee.path);
    if (callee.path.size() == 1) {
      if (int slot = Lookup(callee.name); slot >= 0) {
        TypeRef t = R(p_.bodies[cur_].locals[slot].type);
        callee.local = slot;
        callee.type = t;
        if (t->kind == TypeKind::Closure) {
          std::vector<TypeRef> ps(t->args.begin(), t->args.end() - 1);
          if (CheckArity(e, ps.size(), ps.size(), "this closure")) CheckArgs(e, ps);
          return t->args.back();
        }
        for (auto& a : e.args) Check(*a, nullptr);
        if (!t->IsError()) Error(callee.span, fmt::format("`{}` is a `{}`, not a function", callee.name, TypeName(t)));
        return T.Error();
      }
      if (const FnDecl* fn = p_.module.FindFn(callee.name)) {
        callee.fn = fn;
        e.fn = fn;
        if (CheckArity(e, fn->params.size(), fn->params.size(), "this function")) CheckArgs(e, fn->param_types);
        else for (auto& a : e.args) Check(*a, nullptr);
        if (fn->is_async) return T.Future(FutureKind::AsyncFn, fn->ret_type, p_.fn_body[fn]);
        return fn->ret_type;
      }
    }
    for (size_t i = 0; i < p_.ops.size(); ++i) {
      const OpInfo& op = p_.ops[i];
      if (op.spec.name == full && op.spec.receiver.empty()) {
        e.op = static_cast<int>(i);
        if (CheckArity(e, op.params.size(), op.params.size(), fmt::format("operation `{}`", full))) CheckArgs(e, op.params);
        return op.spec.is_async ? T.Future(FutureKind::Op, op.result, static_cast<int>(i)) : op.result;
      }
    }
    const Builtin* b = FindBuiltinFn(full);
    if (!b) {
      for (auto& a : e.args) Check(*a, nullptr);
      if (!p_.module.broken_names.count(full))
        Error(callee.span, fmt::format("cannot find function `{}` in this scope", full));
      else
        UsesBrokenItem();
      return T.Error();
    }
    e.builtin = b;
    callee.builtin = b;
    if (!CheckArity(e, b->min_args, b->max_args, fmt::format("`{}`", full))) {
      for (auto& a : e.args) Check(*a, nullptr);
      return T.Error();
    }
    return CheckBuiltinCall(e, *b, expected);
  }

  TypeRef Arg(Expr& e, size_t i, TypeRef want) {
    TypeRef t = Check(*e.args[i], want);
    if (want) ExpectType(*e.args[i], t, want);
    return t;
  }

  TypeRef ArgStr(Expr& e, size_t i) {
    TypeRef t = Check(*e.args[i], nullptr);
    if (t->IsError()) return t;
    if (t->kind == TypeKind::String) return t;
    if (t->kind == TypeKind::Ref && (t->args[0]->kind == TypeKind::Str || t->args[0]->kind == TypeKind::String)) return t;
    Error(e.args[i]->span, fmt::format("mismatched types: expected a string, found `{}`", TypeName(t)));
    return T.Error();
  }

  TypeRef ArgFuture(Expr& e, size_t i, TypeRef want_output = nullptr) {
    TypeRef t = Check(*e.args[i], nullptr);
    if (t->IsError()) return T.Future(FutureKind::Either, T.Error());
    if (!t->IsFuture()) {
      Error(e.args[i]->span, fmt::format("`{}` is not a future", TypeName(t)));
      return T.Future(FutureKind::Either, T.Error());
    }
    if (want_output && !Compatible(t->Output(), want_output))
      Error(e.args[i]->span, fmt::format("expected a future with output `{}`, found output `{}`", TypeName(want_output),
                                         TypeName(t->Output())));
    return t;
  }

  TypeRef CheckBuiltinCall(Expr& e, const Builtin& b, TypeRef expected) {
    TypeRef dur = T.Duration();
    switch (b.id) {
      case BuiltinId::ReadFile:
        ArgStr(e, 0);
        return T.Future(FutureKind::ReadFile, T.String());
      case BuiltinId::WriteFile:
        ArgStr(e, 0);
        ArgStr(e, 1);
        return T.Future(FutureKind::WriteFile, T.Unit());
      case BuiltinId::Sleep: Arg(e, 0, dur); return T.Future(FutureKind::Sleep, T.Unit());
      case BuiltinId::TimerNew: Arg(e, 0, dur); return T.Future(FutureKind::Timer, T.Unit());
      case BuiltinId::ScancodeNew: return T.ScancodeStream();
      case BuiltinId::YieldNow: return T.Future(FutureKind::YieldNow, T.Unit());
      case BuiltinId::Ready: {
        TypeRef v = Check(*e.args[0], expected && expected->IsFuture() ? expected->Output() : nullptr);
        return T.Future(FutureKind::Ready, v, -1, {v});
      }
      case BuiltinId::Join: {
        TypeRef a = ArgFuture(e, 0), c = ArgFuture(e, 1);
        return T.Future(FutureKind::Join, T.Tuple({a->Output(), c->Output()}), -1, {a, c});
      }
      case BuiltinId::Spawn: ArgFuture(e, 0); return T.Unit();
      case BuiltinId::Work: Arg(e, 0, dur); return T.Unit();
      case BuiltinId::ThreadSleep: Arg(e, 0, dur); return T.Unit();
      case BuiltinId::BoxNew: {
        TypeRef v = Check(*e.args[0], expected && expected->kind == TypeKind::Box ? expected->args[0] : nullptr);
        return T.Box(v);
      }
      case BuiltinId::BoxPin: {
        TypeRef want = expected && expected->kind == TypeKind::Pin && expected->args[0]->kind == TypeKind::Box
                           ? expected->args[0]->args[0] : nullptr;
        TypeRef v = Check(*e.args[0], want);
        return T.Pin(T.Box(v));
      }
      case BuiltinId::MemReplace: {
        TypeRef dst = Check(*e.args[0], nullptr);
        if (dst->IsError()) { Check(*e.args[1], nullptr); return dst; }
        if (dst->kind != TypeKind::Ref || !dst->is_mut) {
          Error(e.args[0]->span, fmt::format("`mem::replace` needs a `&mut` place, found `{}`", TypeName(dst)));
          Check(*e.args[1], nullptr);
          return T.Error();
        }
        Arg(e, 1, dst->args[0]);
        return dst->args[0];
      }
      case BuiltinId::MemSwap: {
        TypeRef a = Check(*e.args[0], nullptr);
        TypeRef c = Check(*e.args[1], a);
        if (!a->IsError() && (a->kind != TypeKind::Ref || !a->is_mut))
          Error(e.args[0]->span, fmt::format("`mem::swap` needs `&mut` places, found `{}`", TypeName(a)));
        else ExpectType(*e.args[1], c, a);
        return T.Unit();
      }
      case BuiltinId::DurationMillis: case BuiltinId::DurationSecs:
        Arg(e, 0, T.Int(IntKind::U64));
        return dur;
      case BuiltinId::ErrorNew: ArgStr(e, 0); return T.ErrorType();
      case BuiltinId::StringNew: return T.String();
      case BuiltinId::StringFrom: ArgStr(e, 0); return T.String();
      case BuiltinId::VecNew:  // the element type comes from the uses (`push`, a parameter, ...)
        return expected && expected->kind == TypeKind::Vec ? expected : T.Vec(NewVar(e.span));
      case BuiltinId::Drop: Check(*e.args[0], nullptr); return T.Unit();
      case BuiltinId::Some: {
        TypeRef v = Check(*e.args[0], expected && expected->kind == TypeKind::Option ? expected->args[0] : nullptr);
        return T.Option(v);
      }
      case BuiltinId::Ok: case BuiltinId::Err: {
        bool ok = b.id == BuiltinId::Ok;
        TypeRef want_res = expected && expected->kind == TypeKind::Result ? expected : nullptr;
        if (!want_res) {
          // Inside a function returning Result, `Ok(..)`/`Err(..)` take its types.
          TypeRef out = R(p_.bodies[cur_].output);
          if (out && out->kind == TypeKind::Result) want_res = out;
        }
        TypeRef v = Check(*e.args[0], want_res ? want_res->args[ok ? 0 : 1] : nullptr);
        if (want_res) {
          ExpectType(*e.args[0], v, want_res->args[ok ? 0 : 1]);
          return want_res;
        }
        return ok ? T.Result(v, NewVar(e.span)) : T.Result(NewVar(e.span), v);
      }
      case BuiltinId::PollReady: {
        TypeRef v = Check(*e.args[0], expected && expected->kind == TypeKind::Poll ? expected->args[0] : nullptr);
        return T.Poll(v);
      }
      case BuiltinId::EitherLeft: case BuiltinId::EitherRight: return ArgFuture(e, 0);
      case BuiltinId::PinAsMut: {
        TypeRef t = Check(*e.args[0], nullptr);
        TypeRef inner = StripRef(t);
        if (inner->kind != TypeKind::Pin) {
          if (!inner->IsError()) Error(e.args[0]->span, fmt::format("`Pin::as_mut` needs a `&mut Pin<P>`, found `{}`", TypeName(t)));
          return T.Error();
        }
        TypeRef target = inner->args[0]->args.empty() ? inner->args[0] : inner->args[0]->args[0];
        return T.Pin(T.Ref(target, true));
      }
      case BuiltinId::PinGetUncheckedMut: {
        TypeRef t = Check(*e.args[0], nullptr);
        if (!in_unsafe_) Error(e.span, "call to unsafe function `Pin::get_unchecked_mut` requires an `unsafe` block");
        if (t->kind != TypeKind::Pin) {
          if (!t->IsError()) Error(e.args[0]->span, fmt::format("`Pin::get_unchecked_mut` needs a `Pin<&mut T>`, found `{}`", TypeName(t)));
          return T.Error();
        }
        return t->args[0];
      }
      default: break;
    }
    Error(e.span, fmt::format("`{}` cannot be called here", b.name));
    return T.Error();
  }

  // [SECTION] methods
  TypeRef CheckMethod(Expr& e, TypeRef expected) {
    TypeRef rt = Check(*e.operand, nullptr);
    TypeRef base = AutoDeref(rt);
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
    if (base->IsError() || base->kind == TypeKind::Var) {
      for (auto& a : e.args) Check(*a, nullptr);
      return base->IsError() ? base : NeedAnnotation(e.operand->span);
    }
    if (base->kind == TypeKind::Iter || (e.name == "into_iter" && (base->kind == TypeKind::Vec || base->kind == TypeKind::Array)))
      if (TypeRef t = CheckIterMethod(e, rt, base, expected)) return t;
    const Builtin* b = FindBuiltinMethod(e.name);
    auto no_method = [&]() {
      for (auto& a : e.args) Check(*a, nullptr);
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
      case BuiltinId::Clone:
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

  // rustc's E0594 / E0596 for a place reached through a shared reference.
  void BehindSharedRef(const Expr& e, bool borrow) {
    std::string place(src_.Slice(e.span));
    ErrorCode(e.span, borrow ? "E0596" : "E0594",
                  borrow ? fmt::format("cannot borrow `{}` as mutable, as it is behind a `&` reference", place)
                         : fmt::format("cannot assign to `{}`, which is behind a `&` reference", place));
  }

  // [SECTION] iterators
  // Adapters are lazy, as in std: each returns an iterator type holding the iterator it wraps
  // (and its closure), so an iterator saved across an `.await` has std's size. The consumers
  // (`sum`, `count`, `any`, `all`, `collect`, `for`) drive them. Null: not an iterator method.
  TypeRef CheckIterMethod(Expr& e, TypeRef rt, TypeRef base, TypeRef expected) {
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

  // `sum` and `collect` build a type from the items: checked when the body has fixed it.
  struct PendingFromIter {
    TypeRef target, item;
    Span at;
    const char* what;
  };
  void CheckFromIter(const PendingFromIter& p) {
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

  void RequireMutReceiver(const Expr& e, TypeRef rt) {
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

  TypeRef CheckMacro(Expr& e) {
    const std::string& n = e.name;
    if (n == "println" || n == "print" || n == "format" || n == "panic" || n == "eprintln") {
      if (e.args.empty()) {
        if (n == "println" || n == "panic" || n == "eprintln") return n == "panic" ? T.Never() : T.Unit();
        Error(e.span, fmt::format("`{}!` needs a format string", n));
        return T.Error();
      }
      if (e.args[0]->kind != ExprKind::StrLit) {
        Check(*e.args[0], nullptr);
        Error(e.args[0]->span, "format argument must be a string literal");
        return n == "format" ? T.String() : T.Unit();
      }
      e.args[0]->type = T.Ref(T.Str(), false);
      bool bad = false;
      int want = CountPlaceholders(e.args[0]->name, &bad);
      if (bad) Error(e.args[0]->span, "invalid format string: use `{}`, `{:?}` or `{:p}`, and `{{`/`}}` for braces");
      for (size_t i = 1; i < e.args.size(); ++i) Check(*e.args[i], nullptr);
      int given = static_cast<int>(e.args.size()) - 1;
      if (!bad && want != given)
        Error(e.args[0]->span, fmt::format("{} positional argument{} in format string, but {} {} given", want,
                                           want == 1 ? "" : "s", given, given == 1 ? "was" : "were"));
      if (n == "format") return T.String();
      return n == "panic" ? T.Never() : T.Unit();
    }
    if (n == "assert") {
      if (!CheckArity(e, 1, 2, "`assert!`")) return T.Unit();
      Arg(e, 0, T.Bool());
      if (e.args.size() > 1) Check(*e.args[1], nullptr);
      return T.Unit();
    }
    if (n == "assert_eq") {
      if (!CheckArity(e, 2, 3, "`assert_eq!`")) return T.Unit();
      TypeRef a = Check(*e.args[0], nullptr);
      TypeRef c = Check(*e.args[1], StripRef(a));
      if (!U(StripRef(c), StripRef(a))) Mismatch(e.args[1]->span, a, c);
      return T.Unit();
    }
    for (auto& a : e.args) Check(*a, nullptr);
    Error(e.name_span, fmt::format("cannot find macro `{}!`; scripts know println!, print!, format!, panic!, vec!, assert!, assert_eq!", n));
    return T.Error();
  }

  // [SECTION] patterns
  void BindPattern(Pattern& p, TypeRef t, bool refutable) {
    t = R(t);
    p.type = t;
    TypeRef v = t;
    // A pattern tells a still-open type its shape: `(a, b)` a tuple, `Some(..)` an Option, ...
    if (StripRef(t)->kind == TypeKind::Var) {
      TypeRef shape = nullptr;
      if (p.kind == Pattern::Kind::Tuple) {
        std::vector<TypeRef> items;
        for (size_t i = 0; i < p.subs.size(); ++i) items.push_back(NewVar(p.subs[i]->span));
        shape = T.Tuple(items);
      } else if (p.kind == Pattern::Kind::Path && (p.name == "Some" || p.name == "None")) {
        shape = T.Option(NewVar(p.span));
      } else if (p.kind == Pattern::Kind::Path && (p.name == "Ok" || p.name == "Err")) {
        shape = T.Result(NewVar(p.span), NewVar(p.span));
      } else if (p.kind == Pattern::Kind::Path && (p.name == "Ready" || p.name == "Pending")) {
        shape = T.Poll(NewVar(p.span));
      }
      if (shape) U(StripRef(t), shape);
    }
    switch (p.kind) {
      case Pattern::Kind::Wild: return;
      case Pattern::Kind::Bind:
        p.local = NewLocal(p.name, t, p.is_mut, p.span);
        return;
      case Pattern::Kind::Lit: {
        TypeRef lt = Check(*p.lit, StripRef(t));
        if (!(StripRef(lt)->kind == TypeKind::Str && StripRef(t)->kind == TypeKind::String) && !U(StripRef(lt), StripRef(t)))
          ErrorCode(p.span, "E0308", fmt::format("mismatched types: this pattern is `{}`, the value is `{}`", Name(lt), Name(t)));
        if (!refutable) Error(p.span, "refutable pattern in a `let`: use `match` or `if let`");
        return;
      }
      case Pattern::Kind::Tuple: {
        v = StripRef(t);
        if (v->IsError()) {
          for (auto& s : p.subs) BindPattern(*s, v, refutable);
          return;
        }
        if (v->kind != TypeKind::Tuple || v->args.size() != p.subs.size()) {
          Error(p.span, fmt::format("mismatched types: expected `{}`, found a tuple with {} element{}", TypeName(t),
                                    p.subs.size(), p.subs.size() == 1 ? "" : "s"));
          for (auto& s : p.subs) BindPattern(*s, T.Error(), refutable);
          return;
        }
        for (size_t i = 0; i < p.subs.size(); ++i) BindPattern(*p.subs[i], v->args[i], refutable);
        return;
      }
      case Pattern::Kind::Path: break;
    }
    v = StripRef(t);
    const std::string& n = p.name;
    auto subs = [&](std::vector<TypeRef> types) {
      if (!p.has_parens && !types.empty()) {
        Error(p.span, fmt::format("`{}` takes {} field{} in a pattern: write `{}(..)`", n, types.size(), types.size() == 1 ? "" : "s", n));
        return;
      }
      if (p.has_parens && p.subs.size() != types.size()) {
        Error(p.span, fmt::format("this pattern has {} field{}, but `{}` has {}", p.subs.size(), p.subs.size() == 1 ? "" : "s", n, types.size()));
        for (auto& s : p.subs) BindPattern(*s, T.Error(), true);
        return;
      }
      for (size_t i = 0; i < p.subs.size(); ++i) BindPattern(*p.subs[i], types[i], true);
    };
    if (!refutable && !v->IsError()) {
      Error(p.span, "refutable pattern in a `let`: use `match` or `if let`");
    }
    if (v->IsError()) {
      for (auto& s : p.subs) BindPattern(*s, v, true);
      return;
    }
    if (v->kind == TypeKind::Option && (n == "Some" || n == "None") && p.path.size() <= 2) {
      return n == "Some" ? subs({v->args[0]}) : subs({});
    }
    if (v->kind == TypeKind::Result && (n == "Ok" || n == "Err")) return subs({v->args[n == "Ok" ? 0 : 1]});
    if (v->kind == TypeKind::Poll && (n == "Ready" || n == "Pending")) return n == "Ready" ? subs({v->args[0]}) : subs({});
    Error(p.span, fmt::format("mismatched types: the pattern `{}` does not match a value of type `{}`", JoinPath(p.path), TypeName(t)));
    for (auto& s : p.subs) BindPattern(*s, T.Error(), true);
  }

  CheckedProgram& p_;
  Diagnostics& d_;
  std::vector<TypeRef> subst_;         // by variable id: what it stands for, or null (open)
  std::vector<Span> var_at_;           // where it was introduced (or the `let` that binds it)
  std::vector<const char*> var_code_;  // the error code when it stays open; "" for `{integer}`
  std::set<int> claimed_;
  std::map<int, TypeRef> var_whole_;  // a variable inside a `let`'s type: that type (`Vec<_>`)
  std::vector<const Expr*> pending_lits_, pending_negs_;
  std::vector<PendingFromIter> pending_sums_;
  bool in_fn_ = false;
  const SourceFile& src_;
  TypeTable& T;
  int cur_ = 0;
  bool quiet_ = false;
  bool in_unsafe_ = false;
  const StructDecl* self_struct_ = nullptr;
  std::vector<Scope> scopes_;
  std::vector<LoopCtx> loops_;
  std::map<std::tuple<int, int>, int> captures_;
  std::map<int, int> block_count_, closure_count_, iter_count_;
  std::vector<TypeExprPtr> parsed_types_;
  std::vector<std::unique_ptr<SourceFile>> op_sources_;
  const SourceFile* err_src_ = nullptr;  // types of scenario ops: reported in the scenario file
};

}  // namespace

const char* BinOpText(BinOp op) {
  switch (op) {
    case BinOp::Add: return "+";
    case BinOp::Sub: return "-";
    case BinOp::Mul: return "*";
    case BinOp::Div: return "/";
    case BinOp::Rem: return "%";
    case BinOp::And: return "&&";
    case BinOp::Or: return "||";
    case BinOp::BitAnd: return "&";
    case BinOp::BitOr: return "|";
    case BinOp::BitXor: return "^";
    case BinOp::Shl: return "<<";
    case BinOp::Shr: return ">>";
    case BinOp::Eq: return "==";
    case BinOp::Ne: return "!=";
    case BinOp::Lt: return "<";
    case BinOp::Le: return "<=";
    case BinOp::Gt: return ">";
    case BinOp::Ge: return ">=";
  }
  return "?";
}

const Body* CheckedProgram::FindFnBody(std::string_view name) const {
  for (const Body& b : bodies)
    if (b.fn && b.fn->name == name) return &b;
  return nullptr;
}

std::unique_ptr<CheckedProgram> CheckScript(std::unique_ptr<SourceFile> src, const std::vector<OpSpec>& ops,
                                            Diagnostics& diags) {
  auto prog = std::make_unique<CheckedProgram>();
  prog->source = std::move(src);
  prog->module = Parse(*prog->source, diags);
  Checker(*prog, diags).Run(ops);
  return prog;
}

}  // namespace aws
