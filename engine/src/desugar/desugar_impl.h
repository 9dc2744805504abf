// The desugaring's one generator class, with the types and helpers its files share (private to the
// engine). It prints the Rust-like text of an async fn's (or async block's) state machine: the
// state structs, the enum, and the `impl Future` whose `poll` matches on the state.
// Index of where each concept lives:
//   desugar.cpp                     entry points (DesugarWithLines, Desugar)
//   desugar/values.cpp              operator precedence and printed values (Val)
//   desugar/tree_helpers.cpp        questions about the AST (loops, places, evaluation order), text
//   desugar/generator.cpp           the whole machine (Run), declarations (header comment, state
//                                   structs, enum, constructor) and output (lines, the size guard)
//   desugar/expression_printer.cpp  expressions, statements, blocks, `if` and `match` as text
//   desugar/control_flow.cpp        control-flow emission: blocks, branches, loops, the `.await`
//   desugar/resume.cpp              resuming after an await (the body index, the walk outwards)
//                                   and the arms of `poll`'s match
//
// The text is generated in continuation-passing style: emitting an expression takes "what to do
// with its value" (a Cont). An `.await` never calls its continuation: it stores the next state and
// the path ends there, exactly like the hand-written machines in the documents. A Suspend arm
// starts at the await's node and walks outwards through the AST, emitting the rest of each
// construct.
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "awaitscope/lower.h"

namespace aws::desugar_detail {

// [SECTION] values and environment

// Rust operator precedence, higher binds tighter.
constexpr int kPrecJump = 1;  // return, break, closures
constexpr int kPrecAssign = 5;
constexpr int kPrecRange = 10;
constexpr int kPrecUnary = 90;
constexpr int kPrecCast = 80;
constexpr int kPrecPostfix = 100;  // paths, literals, calls, fields, `.await`, `?`, blocks

// desugar/values.cpp
int BinPrec(BinOp op);

bool IsComparison(BinOp op);

// A printed value: its text, how tightly it binds, and whether dropping it has no effect.
struct Val {
  std::string text;
  int prec = kPrecPostfix;
  bool pure = false;
  int known_bool = -1;  // 0/1 for the `false`/`true` produced by short-circuit splitting
};

Val Pure(std::string text);
Val Unit();

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
// desugar/tree_helpers.cpp
bool IsLoop(const Expr& e);
bool IsBlockLike(const Expr& e);
bool IsLiteral(const Expr& e);
bool IsNever(const Expr& e);

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

bool HasLoopJump(const Expr& e);
void Forget(const Expr& e, std::map<const Expr*, Val>& repl);
std::vector<const Expr*> EvalChildren(const Expr& e);
bool IsGenericParent(const Expr& parent, const Expr* child);
bool IsPlace(const Expr& e);
bool NeedsTemp(const Expr& e);
std::string Pad(int indent);
std::string_view Trim(std::string_view s);
std::string FieldTypeText(TypeRef t);
bool IsIdentChar(char c);

// [SECTION] the generator
class Desugarer {
 public:
  Desugarer(const Program& p, const Machine& m) : P(p), M(m) {}
  DesugaredCode Run();  // desugar/generator.cpp

 private:
  // desugar/generator.cpp: declarations
  std::string Header() const;
  std::string StateStruct(const State& s) const;
  std::string EnumDecl() const;
  std::string Constructor() const;

  // desugar/generator.cpp: output
  void Line(int indent, std::string_view text);
  bool Spend();
  std::string Capture(const std::function<void()>& f);
  std::string_view Src(Span s) const;
  std::string LocalName(int slot) const;

  // desugar/expression_printer.cpp: expression printer
  bool InMachineBody() const { return body_stack_.back() == M.body; }
  std::string PathText(const Expr& e) const;
  Val VarText(const Expr& e, const Env& env) const;
  std::string LitText(const Expr& e) const;
  std::string PatText(const Pattern* p) const;
  std::string TypeText(const TypeExpr* t) const;
  std::string ArmPatText(const MatchArm& arm) const;
  void Bind(const Pattern* p, Env& env) const;
  std::string Operand(const Expr* e, int indent, Env& env, int need);
  std::string ArgList(const std::vector<ExprPtr>& args, int indent, Env& env);
  std::string EndTransition() const;
  Val Print(const Expr& e, int indent, Env& env);
  std::string ReturnText(const Expr& ret, int indent, Env& env);
  bool IsMachineReturn(const Expr& e) const;
  std::string StmtText(const Stmt& s, int indent, Env& env);
  std::string BlockText(const Expr& b, int indent, const Env& outer);
  std::string IfText(const Expr& e, int indent, Env& env);
  std::string MatchText(const Expr& e, int indent, Env& env);

  // desugar/control_flow.cpp: control-flow emission
  bool Live(const Expr& e, const Env& env, bool in_loop = false) const;
  void Discard(const Val& v, int indent);
  void EmitReturn(const Val& v, int indent);
  void EmitBlockFrom(const Expr& b, size_t from, Env env, int indent, const Cont& k);
  void EmitTail(const Expr& t, Env env, int indent, const Cont& k);
  void EmitExpr(const Expr& e, Env env, int indent, const Cont& k);
  void EmitShortCircuit(const Expr& e, Env env, int indent, const Cont& k);
  void EmitIfBranches(const Expr& e, const Val& head, Env env, int indent, const Cont& k);
  void EmitElse(const Expr& el, Env env, int indent, const Cont& k);
  void EmitMatchArms(const Expr& e, const Val& scrut, Env env, int indent, const Cont& k);
  std::string IterText(const Expr& loop, const Env& env) const;
  void DeclareIter(const Expr& loop, const Val& iterable, Env& env, int indent);
  void EmitLoop(const Expr& loop, Env env, int indent, const Cont& after);
  void EmitLoopBodyUnder(const Expr& loop, const Val& head, Env env, int indent, const Cont& after);
  void EmitRealLoop(const Expr& loop, Env env, int indent, const Cont& after);
  void EmitSuspend(const Expr& await, const Val& future, Env env, int indent, const Cont& k);

  // desugar/resume.cpp: resuming after an await
  // Where each expression and statement of the body sits: built once per machine, so that finding
  // the way down to an await is a walk up its parents (a search of the whole body for each await
  // made a body with n awaits cost n^2).
  struct IndexEntry {
    Node node;
    int parent = -1;
  };
  void BuildIndex();
  bool FindPath(const Expr* target, std::vector<Node>& path);
  void SetVirtualLoop(Env& env, int level);
  void Resume(int level, Val v, Env env, int indent);
  void ResumeAfterStmt(int level, Env env, int indent);
  void MapResumeTemps(const State& st, Env& env) const;

  // desugar/resume.cpp: arms
  std::string Arm(const State& s);
  void ResumeArm(const State& s, int ind);

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
  DesugaredCode code_;                                // filled by Run
  std::vector<int> body_stack_;  // bodies whose locals the printed paths refer to
  std::string out_;
  std::string empty_;
  bool uses_poll_label_ = false;
  bool truncated_ = false;
  int steps_ = 0;
};

}  // namespace aws::desugar_detail
