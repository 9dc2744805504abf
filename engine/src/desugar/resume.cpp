// Resuming after an await: the index of the body's nodes, the path down to the await and the
// walk outwards from it; and the arms of `poll`'s match.
#include <fmt/format.h>

#include <algorithm>

#include "desugar/desugar_impl.h"

namespace aws::desugar_detail {

// [SECTION] resuming after an await

void Desugarer::BuildIndex() {
  index_.clear();
  entry_of_expr_.clear();
  stmt_pos_.clear();
  if (!body_->block) return;
  std::vector<int> todo;
  auto add = [&](Node n, int parent) {
    index_.push_back({n, parent});
    ++code_.search_steps;
    return static_cast<int>(index_.size()) - 1;
  };
  auto add_expr = [&](const Expr& e, int parent) {
    int i = add({&e, nullptr}, parent);
    entry_of_expr_.emplace(&e, i);
    todo.push_back(i);
  };
  add_expr(*body_->block, -1);
  while (!todo.empty()) {
    const int i = todo.back();
    todo.pop_back();
    const Expr& e = *index_[i].node.e;
    if (e.kind == ExprKind::Block || e.kind == ExprKind::Unsafe) {
      for (size_t k = 0; k < e.stmts.size(); ++k) {
        const Stmt* st = e.stmts[k].get();
        if (!st || !st->init) continue;
        stmt_pos_.emplace(st, k);
        add_expr(*st->init, add({nullptr, st}, i));
      }
      if (e.tail) add_expr(*e.tail, i);
    } else {
      ForChildren(e, [&](const Expr& c) { add_expr(c, i); });
    }
  }
}

// The nodes from the body block down to `target` (the body block first); false when `target`
// is not in the body.
bool Desugarer::FindPath(const Expr* target, std::vector<Node>& path) {
  path.clear();
  auto it = entry_of_expr_.find(target);
  if (it == entry_of_expr_.end()) return false;
  for (int i = it->second; i >= 0; i = index_[i].parent) {
    path.push_back(index_[i].node);
    ++code_.search_steps;
  }
  std::reverse(path.begin(), path.end());
  return true;
}

// Code emitted inside path_[level]: `break`/`continue` there belong to the innermost loop whose
// body is on the path, and continue after / at the head of it.
void Desugarer::SetVirtualLoop(Env& env, int level) {
  env.virtual_loop = nullptr;
  env.on_break.reset();
  env.on_continue.reset();
  for (int j = level - 1; j >= 0; --j) {
    const Expr* l = path_[j].e;
    if (!l || !IsLoop(*l) || !l->body || path_[j + 1].e != l->body.get()) continue;
    Cont after = [this, j](Env en, int ind, Val v) { Resume(j, v, en, ind); };
    env.virtual_loop = l;
    env.on_break = std::make_shared<const Cont>(after);
    env.on_continue = std::make_shared<const Cont>(
        [this, l, after](Env en, int ind, Val) { EmitLoop(*l, en, ind, after); });
    return;
  }
}

// path_[level] has produced `v`: emit what its parent does next.
void Desugarer::Resume(int level, Val v, Env env, int indent) {
  if (!Spend()) return;
  SetVirtualLoop(env, level - 1);
  if (level <= 0) return EmitReturn(v, indent);
  const Node& parent = path_[level - 1];
  const Expr* child = path_[level].e;
  Cont up = [this, level](Env en, int ind, Val val) { Resume(level - 1, val, en, ind); };
  if (parent.s) {
    const Stmt& s = *parent.s;
    if (s.kind == Stmt::Kind::Let) {
      std::string type = s.type ? ": " + TypeText(s.type.get()) : "";
      Line(indent, "let " + PatText(s.pat.get()) + type + " = " + v.text + ";");
      Bind(s.pat.get(), env);
    } else {
      Discard(v, indent);
    }
    return ResumeAfterStmt(level - 1, env, indent);
  }
  const Expr& p = *parent.e;
  switch (p.kind) {
    case ExprKind::Block:
    case ExprKind::Unsafe:
      return up(env, indent, v);
    case ExprKind::If:
      if (child == p.cond.get()) return EmitIfBranches(p, v, env, indent, up);
      return up(env, indent, v);
    case ExprKind::IfLet:
      if (child == p.operand.get()) return EmitIfBranches(p, v, env, indent, up);
      return up(env, indent, v);
    case ExprKind::Match:
      if (child == p.operand.get()) return EmitMatchArms(p, v, env, indent, up);
      for (const MatchArm& arm : p.arms)
        if (arm.body.get() == child) return up(env, indent, v);
      break;
    case ExprKind::Loop:
    case ExprKind::While:
    case ExprKind::WhileLet:
    case ExprKind::For:
      if (child == p.body.get()) return EmitLoop(p, env, indent, up);
      if (p.kind == ExprKind::For) {
        DeclareIter(p, v, env, indent);
        return EmitLoop(p, env, indent, up);
      }
      if (p.kind != ExprKind::Loop) return EmitLoopBodyUnder(p, v, env, indent, up);
      break;
    case ExprKind::Return:
      return EmitReturn(v, indent);
    case ExprKind::Break:
      if (env.on_break) return (*env.on_break)(env, indent, v);
      Line(indent, "break " + v.text + ";");
      return;
    default:
      break;
  }
  if (!IsGenericParent(p, child)) return up(env, indent, v);
  env.repl[child] = v;
  EmitExpr(p, env, indent, up);
}

// The statement at path_[level] is done: the rest of its block follows.
void Desugarer::ResumeAfterStmt(int level, Env env, int indent) {
  SetVirtualLoop(env, level - 1);
  const Expr* block = level >= 1 ? path_[level - 1].e : nullptr;
  if (!block) return;
  auto pos = stmt_pos_.find(path_[level].s);
  size_t index = pos != stmt_pos_.end() ? pos->second : block->stmts.size();
  Cont up = [this, level](Env en, int ind, Val val) { Resume(level - 1, val, en, ind); };
  if (block->kind == ExprKind::Unsafe) {
    Line(indent, "unsafe {");
    EmitBlockFrom(*block, index + 1, env, indent + 1, up);
    Line(indent, "}");
    return;
  }
  EmitBlockFrom(*block, index + 1, env, indent, up);
}

// The current state's temporaries stand for operands evaluated before the await (by type, in
// evaluation order), as in EmitSuspend.
void Desugarer::MapResumeTemps(const State& st, Env& env) const {
  std::vector<const Expr*> before;
  for (size_t lv = 1; lv < path_.size(); ++lv) {
    const Expr* p = path_[lv - 1].e;
    const Expr* c = path_[lv].e;
    if (!p || !c || !IsGenericParent(*p, c)) continue;
    for (const Expr* k : EvalChildren(*p)) {
      if (k == c) break;
      if (NeedsTemp(*k)) before.push_back(k);
    }
  }
  std::vector<bool> used(before.size(), false);
  for (const StateField& f : st.fields) {
    if (f.role != FieldRole::Temp) continue;
    for (size_t i = 0; i < before.size(); ++i)
      if (!used[i] && before[i]->type == f.type) {
        used[i] = true;
        env.repl[before[i]] = Pure("state." + f.name);
        break;
      }
  }
}

// [SECTION] arms

std::string Desugarer::Arm(const State& s) {
  out_.clear();
  cur_slots_.clear();
  for (const StateField& f : s.fields)
    if (f.role != FieldRole::Awaitee) cur_slots_[f.slot] = f.name;
  const int ind = 4;
  std::string variant = fmt::format("{}::{}", M.enum_name, s.label);
  if (s.kind == StateKind::Returned) {
    Line(ind, variant + "(_) => {");
    Line(ind + 1, "panic!(\"poll called after Poll::Ready was returned\");");
    Line(ind, "}");
    return std::move(out_);
  }
  Line(ind, variant + (s.fields.empty() ? "(_) => {" : "(state) => {"));
  if (s.kind == StateKind::Unresumed) {
    if (body_->block) {
      EmitBlockFrom(*body_->block, 0, Env{}, ind + 1,
                    [this](Env, int i, Val v) { EmitReturn(v, i); });
    } else {
      EmitReturn(Unit(), ind + 1);
    }
  } else {
    ResumeArm(s, ind + 1);
  }
  Line(ind, "}");
  return std::move(out_);
}

void Desugarer::ResumeArm(const State& s, int ind) {
  std::string aw_name = "future";
  for (const StateField& f : s.fields)
    if (f.role == FieldRole::Awaitee) aw_name = f.name;
  path_.clear();
  bool found = s.await_expr && body_->block && FindPath(s.await_expr, path_);
  Env env;
  std::string binding = "__awaited";
  bool after_stmt = false;
  int n = static_cast<int>(path_.size());
  if (found && n >= 2 && path_[n - 2].s && path_[n - 2].s->init.get() == s.await_expr) {
    const Stmt& st = *path_[n - 2].s;
    if (st.kind == Stmt::Kind::Let) {
      binding = PatText(st.pat.get());
      Bind(st.pat.get(), env);
      after_stmt = true;
    } else if (st.has_semi) {
      binding = "_";
      after_stmt = true;
    }
  }
  if (found) MapResumeTemps(s, env);
  Line(ind, "match state." + aw_name + ".poll(cx) {");
  Line(ind + 1, "Poll::Pending => return Poll::Pending,");
  Line(ind + 1, "Poll::Ready(" + binding + ") => {");
  if (!found)
    Line(ind + 2, "// (the code after this `.await` was not found)");
  else if (after_stmt)
    ResumeAfterStmt(n - 2, env, ind + 2);
  else
    Resume(n - 1, Pure(binding), env, ind + 2);
  Line(ind + 1, "}");
  Line(ind, "}");
}

}  // namespace aws::desugar_detail
