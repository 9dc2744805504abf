// Control-flow emission in continuation-passing style: blocks, branches, short-circuits and
// loops whose parts await, and the `.await` itself (the path ends in the next state).
#include <fmt/format.h>

#include "desugar/desugar_impl.h"

namespace aws::desugar_detail {

// [SECTION] control-flow emission

// Does emitting `e` need more than printing it: an await of this body, or a `break`/`continue`
// of a loop whose body is being continued outside of a printed loop.
bool Desugarer::Live(const Expr& e, const Env& env, bool in_loop) const {
  if (env.repl.count(&e)) return false;
  switch (e.kind) {
    case ExprKind::Await:
      return true;
    case ExprKind::Closure:
    case ExprKind::AsyncBlock:
      return false;
    case ExprKind::Break:
      if (!in_loop && env.on_break) return true;
      return e.operand && Live(*e.operand, env, in_loop);
    case ExprKind::Continue:
      return !in_loop && env.on_continue != nullptr;
    default:
      break;
  }
  bool live = false;
  if (IsLoop(e)) {
    for (const Expr* c : {e.cond.get(), e.operand.get()})
      if (c && Live(*c, env, in_loop)) return true;
    return e.body && Live(*e.body, env, true);
  }
  ForChildren(e, [&](const Expr& c) { live = live || Live(c, env, in_loop); });
  return live;
}

void Desugarer::Discard(const Val& v, int indent) {
  if (!v.pure && v.text != "()" && !v.text.empty()) Line(indent, v.text + ";");
}

void Desugarer::EmitReturn(const Val& v, int indent) {
  Line(indent, EndTransition());
  Line(indent, "return Poll::Ready(" + v.text + ");");
}

// Statements of `b` from index `from`, then its tail, whose value goes to `k`.
void Desugarer::EmitBlockFrom(const Expr& b, size_t from, Env env, int indent, const Cont& k) {
  if (!Spend()) return;
  for (size_t i = from; i < b.stmts.size(); ++i) {
    const Stmt* s = b.stmts[i].get();
    if (!s || s->kind == Stmt::Kind::Empty || !s->init) {
      if (s && s->kind == Stmt::Kind::Let) Line(indent, StmtText(*s, indent, env));
      continue;
    }
    if (Live(*s->init, env)) {
      const Expr* block = &b;
      EmitExpr(*s->init, env, indent, [this, s, block, i, k](Env en, int ind, Val v) {
        if (s->kind == Stmt::Kind::Let) {
          std::string type = s->type ? ": " + TypeText(s->type.get()) : "";
          Line(ind, "let " + PatText(s->pat.get()) + type + " = " + v.text + ";");
          Bind(s->pat.get(), en);
        } else {
          Discard(v, ind);
        }
        if (s->init && IsNever(*s->init)) return;
        EmitBlockFrom(*block, i + 1, en, ind, k);
      });
      return;
    }
    if (env.exits && HasLoopJump(*s->init)) env.exits->jump = true;
    Line(indent, StmtText(*s, indent, env));
    if (IsNever(*s->init)) return;
  }
  if (b.tail)
    EmitTail(*b.tail, env, indent, k);
  else
    k(env, indent, Unit());
}

// An expression whose value goes to `k`; statement-like ones (unit, never) are printed as
// statements first.
void Desugarer::EmitTail(const Expr& t, Env env, int indent, const Cont& k) {
  if (Live(t, env)) return EmitExpr(t, env, indent, k);
  if (IsMachineReturn(t)) {
    Line(indent, ReturnText(t, indent, env));
    return;
  }
  if (env.exits && HasLoopJump(t)) env.exits->jump = true;
  TypeRef ty = t.type;
  bool unit = ty && (ty->kind == TypeKind::Unit || ty->kind == TypeKind::Never);
  if (unit && t.kind != ExprKind::Unit && !env.repl.count(&t)) {
    std::string text = Print(t, indent, env).text;
    Line(indent, IsBlockLike(t) ? text : text + ";");
    if (ty->kind == TypeKind::Never) return;
    return k(env, indent, Unit());
  }
  k(env, indent, Print(t, indent, env));
}

void Desugarer::EmitExpr(const Expr& e, Env env, int indent, const Cont& k) {
  if (!Spend()) return;
  if (auto it = env.repl.find(&e); it != env.repl.end()) return k(env, indent, it->second);
  if (!Live(e, env)) return k(env, indent, Print(e, indent, env));
  const Expr* ep = &e;
  switch (e.kind) {
    case ExprKind::Await:
      if (!e.operand) break;
      return EmitExpr(*e.operand, env, indent,
                      [this, ep, k](Env en, int ind, Val v) { EmitSuspend(*ep, v, en, ind, k); });
    case ExprKind::Block:
      return EmitBlockFrom(e, 0, env, indent, k);
    case ExprKind::Unsafe:
      Line(indent, "unsafe {");
      EmitBlockFrom(e, 0, env, indent + 1, k);
      Line(indent, "}");
      return;
    case ExprKind::If:
    case ExprKind::IfLet:
    case ExprKind::Match: {
      const Expr* head = e.kind == ExprKind::If ? e.cond.get() : e.operand.get();
      auto branch = [this, ep, k](Env en, int ind, Val v) {
        if (ep->kind == ExprKind::Match)
          EmitMatchArms(*ep, v, en, ind, k);
        else
          EmitIfBranches(*ep, v, en, ind, k);
      };
      if (head && Live(*head, env)) return EmitExpr(*head, env, indent, branch);
      return branch(env, indent, head ? Print(*head, indent, env) : Unit());
    }
    case ExprKind::Loop:
    case ExprKind::While:
    case ExprKind::WhileLet:
      return EmitLoop(e, env, indent, k);
    case ExprKind::For: {
      if (!e.operand) break;
      auto start = [this, ep, k](Env en, int ind, Val iterable) {
        DeclareIter(*ep, iterable, en, ind);
        EmitLoop(*ep, en, ind, k);
      };
      if (Live(*e.operand, env)) return EmitExpr(*e.operand, env, indent, start);
      return start(env, indent, Print(*e.operand, indent, env));
    }
    case ExprKind::Return: {
      auto ret = [this](Env, int ind, Val v) { EmitReturn(v, ind); };
      if (e.operand) return EmitExpr(*e.operand, env, indent, ret);
      return ret(env, indent, Unit());
    }
    case ExprKind::Break: {
      std::shared_ptr<const Cont> target = env.on_break;
      auto jump = [this, target](Env en, int ind, Val v) {
        if (target) return (*target)(en, ind, v);
        if (en.exits) en.exits->jump = true;
        Line(ind, v.text == "()" ? "break;" : "break " + v.text + ";");
      };
      if (e.operand) return EmitExpr(*e.operand, env, indent, jump);
      return jump(env, indent, Unit());
    }
    case ExprKind::Continue:
      if (env.on_continue) return (*env.on_continue)(env, indent, Unit());
      if (env.exits) env.exits->jump = true;
      Line(indent, "continue;");
      return;
    case ExprKind::Binary:
      if ((e.bin_op == BinOp::And || e.bin_op == BinOp::Or) && e.rhs && Live(*e.rhs, env))
        return EmitShortCircuit(e, env, indent, k);
      break;
    default:
      break;
  }
  // Generic: operands in evaluation order; stop at the first that needs emission.
  std::vector<const Expr*> kids = EvalChildren(e);
  size_t first = kids.size();
  for (size_t j = 0; j < kids.size(); ++j)
    if (Live(*kids[j], env)) {
      first = j;
      break;
    }
  if (first == kids.size()) return k(env, indent, Print(e, indent, env));
  size_t saved = env.pending.size();
  Env inner = env;
  for (size_t j = 0; j < first; ++j)
    if (env.repl.count(kids[j]) || NeedsTemp(*kids[j]))
      inner.pending.emplace_back(kids[j]->type, Print(*kids[j], indent, inner));
  const Expr* kid = kids[first];
  EmitExpr(*kid, inner, indent, [this, ep, kid, saved, k](Env en, int ind, Val v) {
    if (en.pending.size() > saved) en.pending.resize(saved);
    en.repl[kid] = v;
    EmitExpr(*ep, en, ind, k);
  });
}

// `a && b` / `a || b` with an await on the right: the right side runs only when it decides.
void Desugarer::EmitShortCircuit(const Expr& e, Env env, int indent, const Cont& k) {
  const Expr* ep = &e;
  auto decide = [this, ep, k](Env en, int ind, Val l) {
    bool is_and = ep->bin_op == BinOp::And;
    Val shortcut = Pure(is_and ? "false" : "true");
    shortcut.known_bool = is_and ? 0 : 1;
    if (l.known_bool >= 0) {
      if ((l.known_bool == 1) == is_and) return EmitExpr(*ep->rhs, en, ind, k);
      return k(en, ind, shortcut);
    }
    Line(ind, "if " +
                  (is_and ? l.text : (l.prec < kPrecUnary ? "!(" + l.text + ")" : "!" + l.text)) +
                  " {");
    EmitExpr(*ep->rhs, en, ind + 1, k);
    Line(ind, "} else {");
    k(en, ind + 1, shortcut);
    Line(ind, "}");
  };
  if (Live(*e.lhs, env)) return EmitExpr(*e.lhs, env, indent, decide);
  decide(env, indent, Print(*e.lhs, indent, env));
}

// `if c { .. } else { .. }` whose branches need emission; `k` is copied into each branch.
void Desugarer::EmitIfBranches(const Expr& e, const Val& head, Env env, int indent, const Cont& k) {
  if (e.kind == ExprKind::If && head.known_bool >= 0) {
    if (head.known_bool == 1) return EmitBlockFrom(*e.body, 0, env, indent, k);
    if (e.else_) return EmitElse(*e.else_, env, indent, k);
    return k(env, indent, Unit());
  }
  Env then_env = env;
  if (e.kind == ExprKind::IfLet) {
    Line(indent, "if let " + PatText(e.pat.get()) + " = " + head.text + " {");
    Bind(e.pat.get(), then_env);
  } else {
    Line(indent, "if " + head.text + " {");
  }
  if (e.body) EmitBlockFrom(*e.body, 0, then_env, indent + 1, k);
  const Expr* el = e.else_.get();
  // `else if` chains stay flat while their conditions need no emission.
  while (el && (el->kind == ExprKind::If || el->kind == ExprKind::IfLet)) {
    const Expr* h = el->kind == ExprKind::If ? el->cond.get() : el->operand.get();
    if (!h || Live(*h, env)) break;
    Env branch_env = env;
    std::string ht = Operand(h, indent, branch_env, kPrecJump);
    if (el->kind == ExprKind::IfLet) {
      Line(indent, "} else if let " + PatText(el->pat.get()) + " = " + ht + " {");
      Bind(el->pat.get(), branch_env);
    } else {
      Line(indent, "} else if " + ht + " {");
    }
    if (el->body) EmitBlockFrom(*el->body, 0, branch_env, indent + 1, k);
    el = el->else_.get();
  }
  std::string rest = Capture([&] {
    if (el)
      EmitElse(*el, env, indent + 1, k);
    else
      k(env, indent + 1, Unit());
  });
  if (!rest.empty()) {
    Line(indent, "} else {");
    out_ += rest;
  }
  Line(indent, "}");
}

void Desugarer::EmitElse(const Expr& el, Env env, int indent, const Cont& k) {
  if (el.kind == ExprKind::Block) return EmitBlockFrom(el, 0, env, indent, k);
  EmitExpr(el, env, indent, k);
}

void Desugarer::EmitMatchArms(const Expr& e, const Val& scrut, Env env, int indent, const Cont& k) {
  Line(indent, "match " + scrut.text + " {");
  for (const MatchArm& arm : e.arms) {
    Env arm_env = env;
    Bind(arm.pat.get(), arm_env);
    std::string head = ArmPatText(arm);
    if (arm.guard) head += " if " + Operand(arm.guard.get(), indent + 1, arm_env, kPrecJump);
    Line(indent + 1, head + " => {");
    if (arm.body) {
      if (arm.body->kind == ExprKind::Block)
        EmitBlockFrom(*arm.body, 0, arm_env, indent + 2, k);
      else
        EmitTail(*arm.body, arm_env, indent + 2, k);
    }
    Line(indent + 1, "}");
  }
  Line(indent, "}");
}

// The hidden iterator of a `for` loop (`iter0`): it must have a name because a state keeps it.
std::string Desugarer::IterText(const Expr& loop, const Env& env) const {
  std::string name = LocalName(loop.local);
  if (name.empty()) name = "iter";
  if (!env.bound.count(loop.local))
    if (auto it = cur_slots_.find(loop.local); it != cur_slots_.end())
      return "state." + it->second;
  return name;
}

void Desugarer::DeclareIter(const Expr& loop, const Val& iterable, Env& env, int indent) {
  std::string init = iterable.text;
  TypeRef t = loop.operand ? loop.operand->type : nullptr;
  if (!(t && t->kind == TypeKind::Iter))
    init = (iterable.prec < kPrecPostfix ? "(" + init + ")" : init) + ".into_iter()";
  if (loop.local >= 0) env.bound.insert(loop.local);
  Line(indent, "let mut " + IterText(loop, env) + " = " + init + ";");
}

// A loop entered from its head: printed as a Rust loop, unless its condition awaits (then the
// condition is emitted and the body follows under an `if`).
void Desugarer::EmitLoop(const Expr& loop, Env env, int indent, const Cont& after) {
  if (!Spend()) return;
  Forget(loop, env.repl);
  if (env.unrolling.count(&loop)) {
    Line(indent, "// (the loop starts over)");
    return;
  }
  const Expr* head = loop.kind == ExprKind::While      ? loop.cond.get()
                     : loop.kind == ExprKind::WhileLet ? loop.operand.get()
                                                       : nullptr;
  if (head && Live(*head, env)) {
    Env cond_env = env;
    cond_env.unrolling.insert(&loop);
    const Expr* lp = &loop;
    EmitExpr(*head, cond_env, indent, [this, lp, after](Env en, int ind, Val v) {
      EmitLoopBodyUnder(*lp, v, en, ind, after);
    });
    return;
  }
  EmitRealLoop(loop, env, indent, after);
}

// `if c { body; <the loop again> } else { <after the loop> }` for a condition already evaluated.
void Desugarer::EmitLoopBodyUnder(const Expr& loop, const Val& head, Env env, int indent,
                                  const Cont& after) {
  if (head.known_bool == 0) return after(env, indent, Unit());
  Env body_env = env;
  if (loop.kind == ExprKind::WhileLet) {
    Line(indent, "if let " + PatText(loop.pat.get()) + " = " + head.text + " {");
    Bind(loop.pat.get(), body_env);
  } else {
    Line(indent, "if " + head.text + " {");
  }
  const Expr* lp = &loop;
  auto again = std::make_shared<const Cont>(
      [this, lp, after](Env en, int ind, Val) { EmitLoop(*lp, en, ind, after); });
  body_env.virtual_loop = &loop;
  body_env.on_break = std::make_shared<const Cont>(after);
  body_env.on_continue = again;
  if (loop.body) EmitBlockFrom(*loop.body, 0, body_env, indent + 1, *again);
  std::string rest = Capture([&] { after(env, indent + 1, Unit()); });
  if (!rest.empty()) {
    Line(indent, "} else {");
    out_ += rest;
  }
  Line(indent, "}");
}

void Desugarer::EmitRealLoop(const Expr& loop, Env env, int indent, const Cont& after) {
  Env in = env;
  in.real_loops++;
  in.virtual_loop = nullptr;
  in.on_break.reset();
  in.on_continue.reset();
  std::string head;
  switch (loop.kind) {
    case ExprKind::While:
      head = "while " + Operand(loop.cond.get(), indent, in, kPrecJump) + " {";
      break;
    case ExprKind::WhileLet: {
      std::string scrut = Operand(loop.operand.get(), indent, in, kPrecJump);
      Bind(loop.pat.get(), in);
      head = "while let " + PatText(loop.pat.get()) + " = " + scrut + " {";
      break;
    }
    case ExprKind::For:
      Bind(loop.pat.get(), in);
      head =
          "while let Some(" + PatText(loop.pat.get()) + ") = " + IterText(loop, in) + ".next() {";
      break;
    default:
      head = "loop {";
      break;
  }
  TypeRef t = loop.type;
  bool value = loop.kind == ExprKind::Loop && t && t->kind != TypeKind::Unit &&
               t->kind != TypeKind::Never && !t->IsError();
  auto exits = std::make_shared<LoopExits>();
  in.exits = exits;
  bool label_before = uses_poll_label_;
  std::string body = Capture([&] {
    if (loop.body)
      EmitBlockFrom(*loop.body, 0, in, indent + 1, [exits](Env, int, Val) { exits->end = true; });
  });
  if (loop.kind == ExprKind::Loop && !exits->end && !exits->jump) {
    // Every path through the body suspends or returns: it never comes round, so no `loop`.
    uses_poll_label_ = label_before;
    Env flat = env;
    flat.virtual_loop = nullptr;
    flat.on_break.reset();
    flat.on_continue.reset();
    if (loop.body) EmitBlockFrom(*loop.body, 0, flat, indent, [](Env, int, Val) {});
    return;
  }
  Line(indent, value ? "let __value = " + head : head);
  out_ += body;
  Line(indent, value ? "};" : "}");
  if (IsNever(loop) || (loop.kind == ExprKind::Loop && !exits->jump)) return;
  after(env, indent, value ? Pure("__value") : Unit());
}

// The `.await` itself: keep the future in the next state and leave this poll's path.
void Desugarer::EmitSuspend(const Expr& await, const Val& future, Env env, int indent,
                            const Cont& k) {
  auto it = state_of_await_.find(&await);
  if (it == state_of_await_.end()) {
    std::string f = future.prec < kPrecPostfix ? "(" + future.text + ")" : future.text;
    return k(env, indent, Val{f + ".await"});
  }
  const State& st = *it->second;
  const StateField* aw = nullptr;
  for (const StateField& f : st.fields)
    if (f.role == FieldRole::Awaitee) aw = &f;
  std::string aw_name = aw ? aw->name : "future";
  std::string aw_value = aw_name;
  if (future.text == "state." + aw_name)
    aw_value = future.text;
  else if (future.text != aw_name)
    Line(indent, "let " + aw_name + " = " + future.text + ";");

  // Temporaries of the next state take the operands evaluated before this await, by type.
  std::vector<bool> used(env.pending.size(), false);
  std::vector<std::string> inits;
  for (const StateField& f : st.fields) {
    std::string value;
    if (&f == aw) {
      value = aw_value;
    } else if (!env.bound.count(f.slot) && cur_slots_.count(f.slot)) {
      value = "state." + cur_slots_[f.slot];
    } else if (f.role == FieldRole::Temp) {
      for (size_t i = 0; i < env.pending.size() && value.empty(); ++i)
        if (!used[i] && env.pending[i].first == f.type) {
          used[i] = true;
          value = env.pending[i].second.text;
        }
      if (value.empty()) value = "/* " + f.name + " */";
    } else {
      value = LocalName(f.slot);
      if (value.empty()) value = f.name;
    }
    inits.push_back(value == f.name ? f.name + "," : f.name + ": " + value + ",");
  }
  std::string head = fmt::format("*self = {}::{}({}State {{", M.enum_name, st.label, st.label);
  if (inits.empty()) {
    Line(indent, head + "});");
  } else {
    Line(indent, head);
    for (const std::string& s : inits)
      Line(indent + 1, s);
    Line(indent, "});");
  }
  if (env.real_loops > 0) {
    Line(indent, "continue 'poll;");
    uses_poll_label_ = true;
  }
}

}  // namespace aws::desugar_detail
