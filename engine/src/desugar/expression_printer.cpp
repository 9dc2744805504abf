// Expressions, statements, blocks, `if` and `match` printed as Rust-like text.
#include <fmt/format.h>

#include "desugar/desugar_impl.h"

namespace aws::desugar_detail {

// [SECTION] expression printer

std::string Desugarer::PathText(const Expr& e) const {
  if (e.path.empty()) return e.name;
  std::string s;
  for (size_t i = 0; i < e.path.size(); ++i)
    s += (i ? "::" : "") + e.path[i];
  return s;
}

// A local variable: `state.x` when the value lives in the current state, else its name. Inside
// nested closures and async blocks, captured variables are followed back to this body.
Val Desugarer::VarText(const Expr& e, const Env& env) const {
  int b = body_stack_.back(), slot = e.local;
  while (b != M.body) {
    if (b < 0 || b >= static_cast<int>(cp_->bodies.size())) return Pure(PathText(e));
    const Body& nb = cp_->bodies[b];
    if (slot < 0 || slot >= static_cast<int>(nb.locals.size()) || nb.locals[slot].capture_of < 0)
      return Pure(PathText(e));
    slot = nb.locals[slot].capture_of;
    b = nb.parent;
  }
  if (!env.bound.count(slot))
    if (auto it = cur_slots_.find(slot); it != cur_slots_.end())
      return Pure("state." + it->second);
  return Pure(PathText(e));
}

std::string Desugarer::LitText(const Expr& e) const {
  std::string_view s = Trim(Src(e.span));
  while (s.size() >= 2 && s.front() == '(' && s.back() == ')')
    s = Trim(s.substr(1, s.size() - 2));
  if (!s.empty()) return std::string(s);
  switch (e.kind) {
    case ExprKind::BoolLit:
      return e.flag ? "true" : "false";
    case ExprKind::StrLit: {
      std::string q = "\"";
      for (char c : e.name) {
        if (c == '"' || c == '\\') q += '\\';
        q += c == '\n' ? std::string("\\n") : std::string(1, c);
      }
      return q + "\"";
    }
    case ExprKind::CharLit:
      return "'" + e.name + "'";
    case ExprKind::Unit:
      return "()";
    default:
      return std::to_string(e.int_value) + e.suffix;
  }
}

std::string Desugarer::PatText(const Pattern* p) const {
  if (!p) return "_";
  std::string_view s = Trim(Src(p->span));
  if (!s.empty()) return std::string(s);
  // a pattern the parser made (select!'s arms): spelled from its parts
  if (p->kind == Pattern::Kind::Tuple || p->has_parens) {
    std::string t = (p->kind == Pattern::Kind::Tuple ? "" : p->name) + "(";
    for (size_t i = 0; i < p->subs.size(); ++i) t += (i ? ", " : "") + PatText(p->subs[i].get());
    return t + ")";
  }
  return p->name.empty() ? "_" : p->name;
}

std::string Desugarer::TypeText(const TypeExpr* t) const {
  std::string_view s = t ? Trim(Src(t->span)) : std::string_view{};
  return s.empty() ? "_" : std::string(s);
}

// The arm's pattern as written, with `A | B` alternatives (the parser keeps only the first).
std::string Desugarer::ArmPatText(const MatchArm& arm) const {
  if (!arm.pat) return "_";
  if (arm.pat->span.begin == arm.pat->span.end) return PatText(arm.pat.get());
  uint32_t end = arm.guard  ? arm.guard->span.begin
                 : arm.body ? arm.body->span.begin
                            : arm.pat->span.end;
  if (end <= arm.pat->span.begin) return PatText(arm.pat.get());
  std::string_view s = Trim(Src(Span{arm.pat->span.begin, end}));
  std::string_view cut = arm.guard ? "if" : "=>";
  if (s.size() >= cut.size() && s.substr(s.size() - cut.size()) == cut &&
      (!arm.guard || s.size() == cut.size() || !IsIdentChar(s[s.size() - cut.size() - 1])))
    s = Trim(s.substr(0, s.size() - cut.size()));
  return s.empty() ? PatText(arm.pat.get()) : std::string(s);
}

void Desugarer::Bind(const Pattern* p, Env& env) const {
  if (!p || !InMachineBody()) return;
  if (p->kind == Pattern::Kind::Bind && p->local >= 0) env.bound.insert(p->local);
  for (const PatternPtr& s : p->subs)
    Bind(s.get(), env);
}

std::string Desugarer::Operand(const Expr* e, int indent, Env& env, int need) {
  if (!e) return "_";
  Val v = Print(*e, indent, env);
  return v.prec < need ? "(" + v.text + ")" : v.text;
}

std::string Desugarer::ArgList(const std::vector<ExprPtr>& args, int indent, Env& env) {
  std::string s;
  for (size_t i = 0; i < args.size(); ++i)
    s += (i ? ", " : "") + Operand(args[i].get(), indent, env, kPrecJump);
  return s;
}

std::string Desugarer::EndTransition() const {
  return fmt::format("*self = {}::{}({}State {{}});", M.enum_name, end_label_, end_label_);
}

// The value of `e` as Rust-like text. Multi-line results are indented for a line at `indent`.
Val Desugarer::Print(const Expr& e, int indent, Env& env) {
  if (auto it = env.repl.find(&e); it != env.repl.end()) return it->second;
  auto op = [&](const ExprPtr& p, int need) { return Operand(p.get(), indent, env, need); };
  switch (e.kind) {
    case ExprKind::IntLit:
    case ExprKind::StrLit:
    case ExprKind::BoolLit:
    case ExprKind::CharLit:
      return Pure(LitText(e));
    case ExprKind::Unit:
      return Unit();
    case ExprKind::Path:
      return e.local >= 0 ? VarText(e, env) : Pure(PathText(e));
    case ExprKind::Array:
      return Val{"[" + ArgList(e.args, indent, env) + "]"};
    case ExprKind::ArrayRepeat:
      return Val{"[" + op(e.lhs, kPrecAssign) + "; " + op(e.rhs, kPrecAssign) + "]"};
    case ExprKind::VecMacro:
      if (e.flag && !e.args.empty() && e.args[0] && e.args[0]->kind == ExprKind::ArrayRepeat)
        return Val{"vec![" + Operand(e.args[0]->lhs.get(), indent, env, kPrecAssign) + "; " +
                   Operand(e.args[0]->rhs.get(), indent, env, kPrecAssign) + "]"};
      return Val{"vec![" + ArgList(e.args, indent, env) + "]"};
    case ExprKind::Tuple:
      return Val{"(" + ArgList(e.args, indent, env) + (e.args.size() == 1 ? ",)" : ")")};
    case ExprKind::StructLit: {
      if (e.variant >= 0 && e.struct_decl && e.struct_decl->variants[e.variant].shape != VariantDecl::Shape::Braced) {
        std::string s = e.path.empty() ? e.name : PathText(e);  // `E::A`, `E::B(x, 1)`
        if (e.struct_decl->variants[e.variant].shape == VariantDecl::Shape::Unit) return Val{s};
        s += "(";
        for (size_t i = 0; i < e.fields.size(); ++i) s += (i ? ", " : "") + Operand(e.fields[i].value.get(), indent, env, kPrecJump);
        return Val{s + ")"};
      }
      std::string s = (e.path.empty() ? e.name : PathText(e)) + " {";
      for (size_t i = 0; i < e.fields.size(); ++i) {
        std::string v = Operand(e.fields[i].value.get(), indent, env, kPrecJump);
        s += (i ? ", " : " ") + (v == e.fields[i].name ? v : e.fields[i].name + ": " + v);
      }
      return Val{s + (e.fields.empty() ? "}" : " }")};
    }
    case ExprKind::Index:
      return Val{op(e.lhs, kPrecPostfix) + "[" + op(e.rhs, kPrecJump) + "]"};
    case ExprKind::Field: {
      Val base = Print(*e.operand, indent, env);
      std::string b = base.prec < kPrecPostfix ? "(" + base.text + ")" : base.text;
      return Val{b + "." + e.name, kPrecPostfix, base.pure};
    }
    case ExprKind::TupleField:
      return Val{op(e.operand, kPrecPostfix) + "." + std::to_string(e.tuple_index)};
    case ExprKind::Call: {
      // A use of a `const` (the checker made it `const#(k)`): its name.
      if (e.builtin && e.builtin->id == BuiltinId::ConstValue) return Pure(e.name);
      // A closure kept in the state is called as `(state.f)(x)`, not as a method.
      std::string callee = op(e.operand, kPrecPostfix);
      if (e.operand && e.operand->kind == ExprKind::Path && callee.find('.') != std::string::npos)
        callee = "(" + callee + ")";
      return Val{callee + "(" + ArgList(e.args, indent, env) + ")"};
    }
    case ExprKind::MethodCall:
      return Val{op(e.operand, kPrecPostfix) + "." + e.name +
                 (e.type_expr ? "::<" + TypeText(e.type_expr.get()) + ">" : "") + "(" +
                 ArgList(e.args, indent, env) + ")"};
    case ExprKind::MacroCall:
      return Val{e.name + "!(" + ArgList(e.args, indent, env) + ")"};
    case ExprKind::Unary:
      return Val{std::string(e.un_op == UnOp::Neg ? "-" : "!") + op(e.operand, kPrecUnary),
                 kPrecUnary};
    case ExprKind::Binary: {
      int p = BinPrec(e.bin_op);
      return Val{op(e.lhs, IsComparison(e.bin_op) ? p + 1 : p) + " " + BinOpText(e.bin_op) + " " +
                     op(e.rhs, p + 1),
                 p};
    }
    case ExprKind::Assign:
      return Val{op(e.lhs, kPrecAssign + 1) + " = " + op(e.rhs, kPrecJump), kPrecAssign};
    case ExprKind::CompoundAssign:
      return Val{
          op(e.lhs, kPrecAssign + 1) + " " + BinOpText(e.bin_op) + "= " + op(e.rhs, kPrecJump),
          kPrecAssign};
    case ExprKind::Cast:
      return Val{op(e.operand, kPrecCast) + " as " + TypeText(e.type_expr.get()), kPrecCast};
    case ExprKind::Ref:
      return Val{std::string(e.flag ? "&mut " : "&") + op(e.operand, kPrecUnary), kPrecUnary};
    case ExprKind::Deref:
      // A use of a module-level static (the checker made it `*static#(k)`): its name.
      if (e.operand && e.operand->kind == ExprKind::Call && e.operand->builtin &&
          e.operand->builtin->id == BuiltinId::StaticRef)
        return Pure(e.operand->name);
      return Val{"*" + op(e.operand, kPrecUnary), kPrecUnary};
    case ExprKind::Range: {
      std::string s = e.lhs ? op(e.lhs, kPrecRange + 1) : "";
      s += e.flag ? "..=" : "..";
      if (e.rhs) s += op(e.rhs, kPrecRange + 1);
      return Val{s, kPrecRange};
    }
    case ExprKind::Await:
      return Val{op(e.operand, kPrecPostfix) + ".await"};
    case ExprKind::Try:
      return Val{op(e.operand, kPrecPostfix) + "?"};
    case ExprKind::Block:
      return Val{BlockText(e, indent, env)};
    case ExprKind::Unsafe:
      return Val{"unsafe " + BlockText(e, indent, env)};
    case ExprKind::If:
    case ExprKind::IfLet:
      return Val{IfText(e, indent, env)};
    case ExprKind::Match:
      return Val{MatchText(e, indent, env)};
    case ExprKind::Loop:
      return Val{"loop " + BlockText(*e.body, indent, env)};
    case ExprKind::While:
      return Val{"while " + op(e.cond, kPrecJump) + " " + BlockText(*e.body, indent, env)};
    case ExprKind::WhileLet: {
      Env inner = env;
      std::string scrut = op(e.operand, kPrecJump);
      Bind(e.pat.get(), inner);
      return Val{"while let " + PatText(e.pat.get()) + " = " + scrut + " " +
                 BlockText(*e.body, indent, inner)};
    }
    case ExprKind::For: {
      Env inner = env;
      std::string iter = op(e.operand, kPrecJump);
      Bind(e.pat.get(), inner);
      return Val{"for " + PatText(e.pat.get()) + " in " + iter + " " +
                 BlockText(*e.body, indent, inner)};
    }
    case ExprKind::Break:
      return Val{e.operand ? "break " + op(e.operand, kPrecJump) : "break", kPrecJump};
    case ExprKind::Continue:
      return Val{"continue", kPrecJump};
    case ExprKind::Return:
      if (InMachineBody())
        return Val{"{\n" + Pad(indent + 1) + ReturnText(e, indent + 1, env) + "\n" + Pad(indent) +
                   "}"};
      return Val{e.operand ? "return " + op(e.operand, kPrecJump) : "return", kPrecJump};
    case ExprKind::Closure: {
      body_stack_.push_back(e.async_block >= 0 ? e.async_block : body_stack_.back());
      std::string params;
      for (size_t i = 0; i < e.params.size(); ++i) {
        const ClosureParam& cp = e.params[i];
        params += fmt::format("{}{}{}", i ? ", " : "", cp.is_mut ? "mut " : "", cp.name);
        if (cp.type) params += ": " + TypeText(cp.type.get());
      }
      std::string body = op(e.operand, kPrecJump);
      body_stack_.pop_back();
      return Val{std::string(e.flag ? "move " : "") + "|" + params + "| " + body, kPrecJump};
    }
    case ExprKind::AsyncBlock: {
      body_stack_.push_back(e.async_block >= 0 ? e.async_block : body_stack_.back());
      std::string block = e.body ? BlockText(*e.body, indent, env) : "{}";
      body_stack_.pop_back();
      return Val{std::string("async ") + (e.flag ? "move " : "") + block};
    }
    case ExprKind::Error:
      break;
  }
  std::string_view s = Trim(Src(e.span));
  return Val{s.empty() ? "/* ? */" : std::string(s)};
}

// `return v` of the machine's own body: the machine moves to its end state first.
std::string Desugarer::ReturnText(const Expr& ret, int indent, Env& env) {
  std::string v = ret.operand ? Operand(ret.operand.get(), indent, env, kPrecJump) : "()";
  return EndTransition() + "\n" + Pad(indent) + "return Poll::Ready(" + v + ");";
}

bool Desugarer::IsMachineReturn(const Expr& e) const {
  return e.kind == ExprKind::Return && InMachineBody();
}

std::string Desugarer::StmtText(const Stmt& s, int indent, Env& env) {
  if (s.kind == Stmt::Kind::Let) {
    std::string text = "let " + PatText(s.pat.get());
    if (s.type) text += ": " + TypeText(s.type.get());
    if (s.init) text += " = " + Operand(s.init.get(), indent, env, kPrecJump);
    Bind(s.pat.get(), env);
    return text + ";";
  }
  if (s.kind == Stmt::Kind::Empty || !s.init) return ";";
  if (IsMachineReturn(*s.init)) return ReturnText(*s.init, indent, env);
  return Print(*s.init, indent, env).text + (s.has_semi ? ";" : "");
}

std::string Desugarer::BlockText(const Expr& b, int indent, const Env& outer) {
  Env env = outer;
  if (b.stmts.empty() && !b.tail) return "{}";
  if (b.stmts.empty() && !IsMachineReturn(*b.tail)) {
    Env probe = env;
    std::string t = Print(*b.tail, indent, probe).text;
    if (t.find('\n') == std::string::npos && t.size() <= 60) return "{ " + t + " }";
  }
  std::string s = "{\n";
  for (const StmtPtr& st : b.stmts)
    if (st) s += Pad(indent + 1) + StmtText(*st, indent + 1, env) + "\n";
  if (b.tail) {
    s += Pad(indent + 1);
    s += IsMachineReturn(*b.tail) ? ReturnText(*b.tail, indent + 1, env)
                                  : Print(*b.tail, indent + 1, env).text;
    s += "\n";
  }
  return s + Pad(indent) + "}";
}

std::string Desugarer::IfText(const Expr& e, int indent, Env& env) {
  std::string s;
  Env then_env = env;
  if (e.kind == ExprKind::IfLet) {
    std::string scrut = Operand(e.operand.get(), indent, env, kPrecJump);
    Bind(e.pat.get(), then_env);
    s = "if let " + PatText(e.pat.get()) + " = " + scrut + " ";
  } else {
    s = "if " + Operand(e.cond.get(), indent, env, kPrecJump) + " ";
  }
  s += e.body ? BlockText(*e.body, indent, then_env) : "{}";
  if (e.else_) {
    s += " else ";
    s += e.else_->kind == ExprKind::If || e.else_->kind == ExprKind::IfLet
             ? IfText(*e.else_, indent, env)
             : BlockText(*e.else_, indent, env);
  }
  return s;
}

std::string Desugarer::MatchText(const Expr& e, int indent, Env& env) {
  std::string s = "match " + Operand(e.operand.get(), indent, env, kPrecJump) + " {\n";
  for (const MatchArm& arm : e.arms) {
    Env arm_env = env;
    Bind(arm.pat.get(), arm_env);
    s += Pad(indent + 1) + ArmPatText(arm);
    if (arm.guard) s += " if " + Operand(arm.guard.get(), indent + 1, arm_env, kPrecJump);
    s += " => ";
    if (!arm.body) {
      s += "{}\n";
    } else if (IsMachineReturn(*arm.body)) {
      s += "{\n" + Pad(indent + 2) + ReturnText(*arm.body, indent + 2, arm_env) + "\n" +
           Pad(indent + 1) + "}\n";
    } else if (arm.body->kind == ExprKind::Block || arm.body->kind == ExprKind::Unsafe) {
      s += Print(*arm.body, indent + 1, arm_env).text + "\n";
    } else {
      s += Operand(arm.body.get(), indent + 1, arm_env, kPrecJump) + ",\n";
    }
  }
  return s + Pad(indent) + "}";
}

}  // namespace aws::desugar_detail
