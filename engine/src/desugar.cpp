// [SECTION] Index: values and environment, tree helpers, expression printer, control-flow
// emission, resuming after an await, the whole machine.
//
// The text is generated in continuation-passing style: emitting an expression takes "what to do
// with its value" (a Cont). An `.await` never calls its continuation: it stores the next state and
// the path ends there, exactly like the hand-written machines in the documents. A Suspend arm
// starts at the await's node and walks outwards through the AST, emitting the rest of each
// construct.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "awaitscope/lower.h"

namespace aws {
namespace {

// [SECTION] values and environment

// Rust operator precedence, higher binds tighter.
constexpr int kPrecJump = 1;  // return, break, closures
constexpr int kPrecAssign = 5;
constexpr int kPrecRange = 10;
constexpr int kPrecUnary = 90;
constexpr int kPrecCast = 80;
constexpr int kPrecPostfix = 100;  // paths, literals, calls, fields, `.await`, `?`, blocks

int BinPrec(BinOp op) {
  switch (op) {
    case BinOp::Mul:
    case BinOp::Div:
    case BinOp::Rem:
      return 70;
    case BinOp::Add:
    case BinOp::Sub:
      return 60;
    case BinOp::Shl:
    case BinOp::Shr:
      return 55;
    case BinOp::BitAnd:
      return 50;
    case BinOp::BitXor:
      return 45;
    case BinOp::BitOr:
      return 40;
    case BinOp::Eq:
    case BinOp::Ne:
    case BinOp::Lt:
    case BinOp::Le:
    case BinOp::Gt:
    case BinOp::Ge:
      return 30;
    case BinOp::And:
      return 20;
    case BinOp::Or:
      return 15;
  }
  return 60;
}

bool IsComparison(BinOp op) {
  return BinPrec(op) == 30;
}

// A printed value: its text, how tightly it binds, and whether dropping it has no effect.
struct Val {
  std::string text;
  int prec = kPrecPostfix;
  bool pure = false;
  int known_bool = -1;  // 0/1 for the `false`/`true` produced by short-circuit splitting
};

Val Pure(std::string text) {
  return Val{std::move(text), kPrecPostfix, true};
}
Val Unit() {
  return Pure("()");
}

// How the body of a printed `loop` was left: fell through to its end, or by `break`/`continue`.
struct LoopExits {
  bool end = false, jump = false;
};

struct Env;
using Cont = std::function<void(Env env, int indent, Val v)>;

// What the code emitted at one point may assume; copied at every branch.
struct Env {
  std::set<int> bound;                           // slots bound by the arm itself (not `state.`)
  std::map<const Expr*, Val> repl;               // sub-expressions whose value is already known
  std::vector<std::pair<TypeRef, Val>> pending;  // operands evaluated before the next await
  int real_loops = 0;                            // loops printed as loops around this point
  const Expr* virtual_loop = nullptr;            // the loop whose body is continued "flat"
  std::shared_ptr<const Cont> on_break, on_continue;  // what `break`/`continue` of it mean here
  std::set<const Expr*> unrolling;                    // loops re-entered through their condition
  std::shared_ptr<LoopExits> exits;                   // of the innermost printed loop
};

// One step on the way from the body block down to an await: an expression or a statement.
struct Node {
  const Expr* e = nullptr;
  const Stmt* s = nullptr;
};

// [SECTION] tree helpers

bool IsLoop(const Expr& e) {
  return e.kind == ExprKind::Loop || e.kind == ExprKind::While || e.kind == ExprKind::WhileLet ||
         e.kind == ExprKind::For;
}

bool IsBlockLike(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Block:
    case ExprKind::Unsafe:
    case ExprKind::If:
    case ExprKind::IfLet:
    case ExprKind::Match:
    case ExprKind::Loop:
    case ExprKind::While:
    case ExprKind::WhileLet:
    case ExprKind::For:
      return true;
    default:
      return false;
  }
}

bool IsLiteral(const Expr& e) {
  return e.kind == ExprKind::IntLit || e.kind == ExprKind::StrLit || e.kind == ExprKind::BoolLit ||
         e.kind == ExprKind::CharLit || e.kind == ExprKind::Unit;
}

bool IsNever(const Expr& e) {
  return e.type && e.type->kind == TypeKind::Never;
}

// Every direct sub-expression that belongs to the same body (nested closures and async blocks are
// other bodies). Statements contribute their initializers.
template <class F>
void ForChildren(const Expr& e, F&& f) {
  if (e.kind == ExprKind::Closure || e.kind == ExprKind::AsyncBlock) return;
  for (const Expr* c : {e.operand.get(), e.lhs.get(), e.rhs.get(), e.cond.get()})
    if (c) f(*c);
  for (const ExprPtr& a : e.args)
    if (a) f(*a);
  for (const FieldInit& fi : e.fields)
    if (fi.value) f(*fi.value);
  for (const StmtPtr& s : e.stmts)
    if (s && s->init) f(*s->init);
  if (e.tail) f(*e.tail);
  for (const MatchArm& arm : e.arms) {
    if (arm.guard) f(*arm.guard);
    if (arm.body) f(*arm.body);
  }
  if (e.body) f(*e.body);
  if (e.else_) f(*e.else_);
}

// A `break` or `continue` that leaves the loop around `e` (not one of a loop inside `e`).
bool HasLoopJump(const Expr& e) {
  if (e.kind == ExprKind::Break || e.kind == ExprKind::Continue) return true;
  if (e.kind == ExprKind::Closure || e.kind == ExprKind::AsyncBlock) return false;
  bool found = false;
  if (IsLoop(e)) {
    for (const Expr* c : {e.cond.get(), e.operand.get()})
      if (c && HasLoopJump(*c)) found = true;
    return found;
  }
  ForChildren(e, [&](const Expr& c) { found = found || HasLoopJump(c); });
  return found;
}

// Known values of sub-expressions hold for one evaluation only: a loop entered again evaluates
// its own sub-expressions anew.
void Forget(const Expr& e, std::map<const Expr*, Val>& repl) {
  if (repl.empty()) return;
  repl.erase(&e);
  ForChildren(e, [&](const Expr& c) { Forget(c, repl); });
}

// Sub-expressions always evaluated, in evaluation order, for the kinds emitted generically.
std::vector<const Expr*> EvalChildren(const Expr& e) {
  std::vector<const Expr*> out;
  auto add = [&](const ExprPtr& p) {
    if (p) out.push_back(p.get());
  };
  switch (e.kind) {
    case ExprKind::Unary:
    case ExprKind::Ref:
    case ExprKind::Deref:
    case ExprKind::Cast:
    case ExprKind::Field:
    case ExprKind::TupleField:
    case ExprKind::Try:
    case ExprKind::Await:
    case ExprKind::Return:
    case ExprKind::Break:
      add(e.operand);
      break;
    case ExprKind::Binary:
      add(e.lhs);
      if (e.bin_op != BinOp::And && e.bin_op != BinOp::Or) add(e.rhs);
      break;
    case ExprKind::Assign:
    case ExprKind::CompoundAssign:
      add(e.rhs);
      add(e.lhs);
      break;
    case ExprKind::Index:
    case ExprKind::ArrayRepeat:
    case ExprKind::Range:
      add(e.lhs);
      add(e.rhs);
      break;
    case ExprKind::Call:
    case ExprKind::MethodCall:
      add(e.operand);
      for (const ExprPtr& a : e.args)
        add(a);
      break;
    case ExprKind::MacroCall:
    case ExprKind::VecMacro:
    case ExprKind::Array:
    case ExprKind::Tuple:
      for (const ExprPtr& a : e.args)
        add(a);
      break;
    case ExprKind::StructLit:
      for (const FieldInit& fi : e.fields)
        add(fi.value);
      break;
    default:
      break;
  }
  return out;
}

// Kinds whose awaited sub-expression is emitted by re-printing the parent around the value.
bool IsGenericParent(const Expr& parent, const Expr* child) {
  switch (parent.kind) {
    case ExprKind::Block:
    case ExprKind::Unsafe:
    case ExprKind::If:
    case ExprKind::IfLet:
    case ExprKind::Match:
    case ExprKind::Loop:
    case ExprKind::While:
    case ExprKind::WhileLet:
    case ExprKind::For:
    case ExprKind::Return:
    case ExprKind::Break:
    case ExprKind::Closure:
    case ExprKind::AsyncBlock:
      return false;
    case ExprKind::Binary:
      return !((parent.bin_op == BinOp::And || parent.bin_op == BinOp::Or) &&
               child == parent.rhs.get());
    default:
      return true;
  }
}

// Mirrors the lowering: places and constants are read where they are used, everything else is
// evaluated into a temporary first (which a state keeps when an await follows).
bool IsPlace(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Path:
      return e.local >= 0;
    case ExprKind::Field:
    case ExprKind::TupleField:
      return e.operand &&
             (IsPlace(*e.operand) || e.operand->kind == ExprKind::Deref ||
              e.operand->kind == ExprKind::Call || e.operand->kind == ExprKind::MethodCall);
    case ExprKind::Index:
    case ExprKind::Deref:
      return true;
    default:
      return false;
  }
}

bool NeedsTemp(const Expr& e) {
  if (IsLiteral(e) || IsPlace(e)) return false;
  if (e.kind == ExprKind::Path)
    return !(e.builtin || (e.type && e.type->kind == TypeKind::PhantomPinned));
  if (e.kind == ExprKind::Ref) return !(e.operand && IsPlace(*e.operand));
  return true;
}

std::string Pad(int indent) {
  return std::string(static_cast<size_t>(indent > 0 ? indent : 0) * 4, ' ');
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

std::string FieldTypeText(TypeRef t) {
  if (t && t->IsFuture() && t->fut != FutureKind::AsyncFn && t->fut != FutureKind::AsyncBlock &&
      t->fut != FutureKind::Either && t->fut != FutureKind::Dyn)
    return FutureTypeName(t);
  return TypeName(t);
}

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// [SECTION] the generator
class Desugarer {
 public:
  Desugarer(const Program& p, const Machine& m) : P(p), M(m) {}

  DesugaredCode Run() {
    DesugaredCode& code = code_;
    const CheckedProgram* cp = P.checked.get();
    if (!cp || M.body < 0 || M.body >= static_cast<int>(cp->bodies.size())) return std::move(code_);
    cp_ = cp;
    body_ = &cp->bodies[M.body];
    body_stack_ = {M.body};
    BuildIndex();
    for (const State& s : M.states) {
      if (s.kind == StateKind::Returned && !end_) end_ = &s;
      if (s.kind == StateKind::Suspend && s.await_expr) state_of_await_[s.await_expr] = &s;
    }
    end_label_ = end_ ? end_->label : "End";

    std::vector<std::string> arms(M.states.size());
    for (size_t i = 0; i < M.states.size(); ++i)
      if (M.states[i].kind != StateKind::Panicked) arms[i] = Arm(M.states[i]);

    // Appends text, returning the lines it occupies.
    std::string& out = code.text;
    uint32_t next_line = 1;
    auto append = [&](const std::string& text) {
      const auto n = static_cast<uint32_t>(std::count(text.begin(), text.end(), '\n'));
      out += text;
      LineRange r;
      if (n > 0) r = LineRange{next_line, next_line + n - 1};
      next_line += n;
      return r;
    };
    code.states.resize(M.states.size());
    append(Header());
    append("\n");
    for (size_t i = 0; i < M.states.size(); ++i) {
      const State& s = M.states[i];
      if (s.kind == StateKind::Panicked) continue;
      DesugaredState& d = code.states[i];
      d.struct_lines = append(StateStruct(s));
      for (size_t f = 0; f < s.fields.size(); ++f)  // `struct XState {`, then a field a line
        d.field_lines.push_back(d.struct_lines.first + 1 + static_cast<uint32_t>(f));
      append("\n");
    }
    // One variant per line after `enum X {`, in state order.
    uint32_t variant = append(EnumDecl()).first + 1;
    for (size_t i = 0; i < M.states.size(); ++i)
      if (M.states[i].kind != StateKind::Panicked) code.states[i].variant_line = variant++;
    append("\n");
    std::string output = M.output ? TypeName(M.output) : "()";
    append(fmt::format("impl Future for {} {{\n", M.enum_name));
    append(fmt::format("    type Output = {};\n\n", output));
    append(fmt::format("    fn poll(mut self: Pin<&mut Self>, cx: &mut Context) -> Poll<{}> {{\n",
                       output));
    append(uses_poll_label_ ? "        'poll: loop {\n" : "        loop {\n");
    append("            match self.as_mut().get_mut() {\n");
    for (size_t i = 0; i < M.states.size(); ++i)
      if (M.states[i].kind != StateKind::Panicked) code.states[i].arm = append(arms[i]);
    append("            }\n        }\n    }\n}\n\n");
    append(Constructor());
    return std::move(code_);
  }

 private:
  // [SECTION] declarations
  std::string Header() const {
    if (body_->kind == BodyKind::AsyncFn)
      return fmt::format(
          "// The state machine generated for `async fn {}` (simplified; a real compiler uses "
          "generators).\n",
          M.name);
    std::string parent = body_->parent >= 0 && body_->parent < static_cast<int>(cp_->bodies.size())
                             ? cp_->bodies[body_->parent].name
                             : M.name;
    return fmt::format(
        "// The state machine generated for the `async` block on line {} of `{}`\n"
        "// (simplified; a real compiler uses generators).\n",
        M.line, parent);
  }

  std::string StateStruct(const State& s) const {
    if (s.fields.empty()) return fmt::format("struct {}State {{}}\n", s.label);
    std::string out = fmt::format("struct {}State {{\n", s.label);
    for (const StateField& f : s.fields) {
      out += fmt::format("    {}: {},", f.name, FieldTypeText(f.type));
      if (f.points_into >= 0 && f.points_into < static_cast<int>(s.fields.size()))
        out += fmt::format(" // points into `{}` of this same state", s.fields[f.points_into].name);
      out += "\n";
    }
    return out + "}\n";
  }

  std::string EnumDecl() const {
    std::vector<std::pair<std::string, std::string>> rows;
    size_t width = 0;
    for (const State& s : M.states) {
      if (s.kind == StateKind::Panicked) continue;
      rows.emplace_back(fmt::format("{}({}State),", s.label, s.label), s.name);
      width = std::max(width, rows.back().first.size());
    }
    std::string out = fmt::format("enum {} {{\n", M.enum_name);
    for (const auto& [variant, name] : rows)
      out += fmt::format("    {:<{}} // {}\n", variant, width, name);
    return out + "}\n";
  }

  std::string Constructor() const {
    const State* start = M.states.empty() ? nullptr : &M.states[0];
    std::string label = start ? start->label : "Start";
    std::string inits;
    if (start)
      for (size_t i = 0; i < start->fields.size(); ++i) {
        const StateField& f = start->fields[i];
        std::string local = LocalName(f.slot);
        if (local.empty()) local = f.name;
        bool by_ref = f.slot >= 0 && f.slot < static_cast<int>(body_->locals.size()) &&
                      body_->locals[f.slot].capture_by_ref;
        if (by_ref) local = "&" + local;  // a non-`move` block borrows what it captures
        inits += (i ? ", " : "") + (local == f.name ? f.name : f.name + ": " + local);
      }
    std::string value = fmt::format("{}::{}({}State {{{}}})", M.enum_name, label, label,
                                    inits.empty() ? "" : " " + inits + " ");
    if (body_->kind == BodyKind::AsyncFn && body_->fn) {
      const FnDecl& fn = *body_->fn;
      std::string params;
      for (size_t i = 0; i < fn.params.size(); ++i) {
        const Param& p = fn.params[i];
        std::string type = p.type
                               ? std::string(Src(p.type->span))
                               : TypeName(i < fn.param_types.size() ? fn.param_types[i] : nullptr);
        params += fmt::format("{}{}{}: {}", i ? ", " : "", p.is_mut ? "mut " : "", p.name, type);
      }
      return fmt::format("fn {}({}) -> {} {{\n    {}\n}}\n", fn.name, params, M.enum_name, value);
    }
    return fmt::format(
        "// Evaluating the `async` block only builds the first state, holding what it captures:\n"
        "//     {}\n",
        value);
  }

  // [SECTION] output
  void Line(int indent, std::string_view text) {
    if (truncated_) return;
    out_ += Pad(indent);
    out_ += text;
    out_ += "\n";
  }

  // Guards against pathological inputs: the text stays bounded and the recursion finite.
  bool Spend() {
    if (truncated_) return false;
    if (++steps_ > kMaxSteps || out_.size() > kMaxChars) {
      truncated_ = true;
      out_ += "// ... (the rest is left out: the generated text grew too long)\n";
      return false;
    }
    return true;
  }

  std::string Capture(const std::function<void()>& f) {
    std::string saved;
    saved.swap(out_);
    f();
    saved.swap(out_);
    return saved;
  }

  std::string_view Src(Span s) const {
    const std::string& text = cp_->source ? cp_->source->text() : empty_;
    if (s.begin > s.end || s.end > text.size()) return {};
    return std::string_view(text).substr(s.begin, s.end - s.begin);
  }

  std::string LocalName(int slot) const {
    if (slot < 0 || slot >= static_cast<int>(body_->locals.size())) return {};
    return body_->locals[slot].name;
  }

  // [SECTION] expression printer
  bool InMachineBody() const { return body_stack_.back() == M.body; }

  std::string PathText(const Expr& e) const {
    if (e.path.empty()) return e.name;
    std::string s;
    for (size_t i = 0; i < e.path.size(); ++i)
      s += (i ? "::" : "") + e.path[i];
    return s;
  }

  // A local variable: `state.x` when the value lives in the current state, else its name. Inside
  // nested closures and async blocks, captured variables are followed back to this body.
  Val VarText(const Expr& e, const Env& env) const {
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

  std::string LitText(const Expr& e) const {
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

  std::string PatText(const Pattern* p) const {
    if (!p) return "_";
    std::string_view s = Trim(Src(p->span));
    return s.empty() ? (p->name.empty() ? "_" : p->name) : std::string(s);
  }

  std::string TypeText(const TypeExpr* t) const {
    std::string_view s = t ? Trim(Src(t->span)) : std::string_view{};
    return s.empty() ? "_" : std::string(s);
  }

  // The arm's pattern as written, with `A | B` alternatives (the parser keeps only the first).
  std::string ArmPatText(const MatchArm& arm) const {
    if (!arm.pat) return "_";
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

  void Bind(const Pattern* p, Env& env) const {
    if (!p || !InMachineBody()) return;
    if (p->kind == Pattern::Kind::Bind && p->local >= 0) env.bound.insert(p->local);
    for (const PatternPtr& s : p->subs)
      Bind(s.get(), env);
  }

  std::string Operand(const Expr* e, int indent, Env& env, int need) {
    if (!e) return "_";
    Val v = Print(*e, indent, env);
    return v.prec < need ? "(" + v.text + ")" : v.text;
  }

  std::string ArgList(const std::vector<ExprPtr>& args, int indent, Env& env) {
    std::string s;
    for (size_t i = 0; i < args.size(); ++i)
      s += (i ? ", " : "") + Operand(args[i].get(), indent, env, kPrecJump);
    return s;
  }

  std::string EndTransition() const {
    return fmt::format("*self = {}::{}({}State {{}});", M.enum_name, end_label_, end_label_);
  }

  // The value of `e` as Rust-like text. Multi-line results are indented for a line at `indent`.
  Val Print(const Expr& e, int indent, Env& env) {
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
  std::string ReturnText(const Expr& ret, int indent, Env& env) {
    std::string v = ret.operand ? Operand(ret.operand.get(), indent, env, kPrecJump) : "()";
    return EndTransition() + "\n" + Pad(indent) + "return Poll::Ready(" + v + ");";
  }

  bool IsMachineReturn(const Expr& e) const {
    return e.kind == ExprKind::Return && InMachineBody();
  }

  std::string StmtText(const Stmt& s, int indent, Env& env) {
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

  std::string BlockText(const Expr& b, int indent, const Env& outer) {
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

  std::string IfText(const Expr& e, int indent, Env& env) {
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

  std::string MatchText(const Expr& e, int indent, Env& env) {
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

  // [SECTION] control-flow emission

  // Does emitting `e` need more than printing it: an await of this body, or a `break`/`continue`
  // of a loop whose body is being continued outside of a printed loop.
  bool Live(const Expr& e, const Env& env, bool in_loop = false) const {
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

  void Discard(const Val& v, int indent) {
    if (!v.pure && v.text != "()" && !v.text.empty()) Line(indent, v.text + ";");
  }

  void EmitReturn(const Val& v, int indent) {
    Line(indent, EndTransition());
    Line(indent, "return Poll::Ready(" + v.text + ");");
  }

  // Statements of `b` from index `from`, then its tail, whose value goes to `k`.
  void EmitBlockFrom(const Expr& b, size_t from, Env env, int indent, const Cont& k) {
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
  void EmitTail(const Expr& t, Env env, int indent, const Cont& k) {
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

  void EmitExpr(const Expr& e, Env env, int indent, const Cont& k) {
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
  void EmitShortCircuit(const Expr& e, Env env, int indent, const Cont& k) {
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
  void EmitIfBranches(const Expr& e, const Val& head, Env env, int indent, const Cont& k) {
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

  void EmitElse(const Expr& el, Env env, int indent, const Cont& k) {
    if (el.kind == ExprKind::Block) return EmitBlockFrom(el, 0, env, indent, k);
    EmitExpr(el, env, indent, k);
  }

  void EmitMatchArms(const Expr& e, const Val& scrut, Env env, int indent, const Cont& k) {
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
  std::string IterText(const Expr& loop, const Env& env) const {
    std::string name = LocalName(loop.local);
    if (name.empty()) name = "iter";
    if (!env.bound.count(loop.local))
      if (auto it = cur_slots_.find(loop.local); it != cur_slots_.end())
        return "state." + it->second;
    return name;
  }

  void DeclareIter(const Expr& loop, const Val& iterable, Env& env, int indent) {
    std::string init = iterable.text;
    TypeRef t = loop.operand ? loop.operand->type : nullptr;
    if (!(t && t->kind == TypeKind::Iter))
      init = (iterable.prec < kPrecPostfix ? "(" + init + ")" : init) + ".into_iter()";
    if (loop.local >= 0) env.bound.insert(loop.local);
    Line(indent, "let mut " + IterText(loop, env) + " = " + init + ";");
  }

  // A loop entered from its head: printed as a Rust loop, unless its condition awaits (then the
  // condition is emitted and the body follows under an `if`).
  void EmitLoop(const Expr& loop, Env env, int indent, const Cont& after) {
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
  void EmitLoopBodyUnder(const Expr& loop, const Val& head, Env env, int indent,
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

  void EmitRealLoop(const Expr& loop, Env env, int indent, const Cont& after) {
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
  void EmitSuspend(const Expr& await, const Val& future, Env env, int indent, const Cont& k) {
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

  // [SECTION] resuming after an await
  // Where each expression and statement of the body sits: built once per machine, so that finding
  // the way down to an await is a walk up its parents (a search of the whole body for each await
  // made a body with n awaits cost n^2).
  struct IndexEntry {
    Node node;
    int parent = -1;
  };

  void BuildIndex() {
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
  bool FindPath(const Expr* target, std::vector<Node>& path) {
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
  void SetVirtualLoop(Env& env, int level) {
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
  void Resume(int level, Val v, Env env, int indent) {
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
  void ResumeAfterStmt(int level, Env env, int indent) {
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
  void MapResumeTemps(const State& st, Env& env) const {
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
  std::string Arm(const State& s) {
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

  void ResumeArm(const State& s, int ind) {
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

  static constexpr int kMaxSteps = 200000;
  static constexpr size_t kMaxChars = 1 << 20;

  const Program& P;
  const Machine& M;
  const CheckedProgram* cp_ = nullptr;
  const Body* body_ = nullptr;
  const State* end_ = nullptr;
  std::string end_label_;
  std::map<const Expr*, const State*> state_of_await_;
  std::map<int, std::string> cur_slots_;  // slot -> field of the current state
  std::vector<Node> path_;                // body block ... the await being resumed
  std::vector<IndexEntry> index_;         // every node of the body with its parent (BuildIndex)
  std::unordered_map<const Expr*, int> entry_of_expr_;
  std::unordered_map<const Stmt*, size_t> stmt_pos_;  // a statement's place in its block
  DesugaredCode code_;                    // filled by Run
  std::vector<int> body_stack_;           // bodies whose locals the printed paths refer to
  std::string out_;
  std::string empty_;
  bool uses_poll_label_ = false;
  bool truncated_ = false;
  int steps_ = 0;
};

}  // namespace

DesugaredCode DesugarWithLines(const Program& prog, const Machine& m) {
  return Desugarer(prog, m).Run();
}

std::string Desugar(const Program& prog, const Machine& m) {
  return DesugarWithLines(prog, m).text;
}

}  // namespace aws
