// The borrow checker's internals, shared by the files under engine/src/borrowck/ (private to
// the engine). Index of where each concept lives:
//   borrowck/borrowck.cpp      entry point (CheckBorrows) and `BodyChecker::Run`, lifetime elision
//                              in signatures (E0106)
//   borrowck/places.cpp        places and their types: overlap, owned prefixes, names as rustc spells them
//   borrowck/accesses.cpp      preparation: successors, the accesses of each point, scope ends
//   borrowck/moves.cpp         moves and initialisation (E0381, E0382, E0384, E0507, E0508)
//   borrowck/liveness.cpp      liveness of the values that may hold a loan
//   borrowck/loans.cpp         loans and what holds them (non-lexical lifetimes)
//   borrowck/conflicts.cpp     accesses against the loans in force (E0499, E0502, E0503, E0505,
//                              E0506, E0515, E0597, E0716, E0373)
//
// The shape follows rustc's MIR borrow checker on the subset's CFG:
// - a forward "maybe uninitialised" analysis over move paths (a local and its field/variant
//   projections) finds uses after a move or before an assignment, and a "maybe assigned" one
//   finds a second assignment to an immutable binding;
// - every `&`/`&mut` operand is a loan; the values that may hold it are found by following
//   assignments, calls and captures; a forward analysis tracks which value holds which loan at
//   each point (a new value assigned to a holder ends what it held), and a loan is in force where
//   one of its holders is live (used later): rustc's non-lexical lifetimes, restricted to what
//   the subset can express;
// - each access (read, move, borrow, write, end of scope, return, spawn) is compared with the
//   loans in force.
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "awaitscope/borrowck.h"

namespace aws::borrowck {

// [SECTION] places and types (borrowck/places.cpp)
bool SameStep(const Projection& a, const Projection& b);
// The length of the projection before its first dereference or index: the part that names
// memory the local owns.
size_t OwnedPrefix(const Place& p);
// Two places overlap when one's path is a prefix of the other's.
bool Overlap(const Place& a, const Place& b);
bool MayHoldBorrow(TypeRef t, const CheckedProgram& p, int depth = 0);

// [SECTION] accesses
struct Access {
  enum class Kind { Copy, Move, Shared, Mut, Write };
  Kind kind = Kind::Copy;
  Place place;
  Span span;
  int operand = -1;  // its index in the statement's operands (loans issued by it are its own)
  int capture_body = -1;  // a capture of the closure or async block built here: its body
  int capture_local = -1; // and the capture's local there
};

inline bool IsRead(Access::Kind k) { return k != Access::Kind::Write; }

// Operands whose loan lasts only for the call: iterator receivers, map lookup keys (borrowck/accesses.cpp).
bool LoanEndsWithCall(const Rvalue& rv, size_t operand);

struct Issue {  // one error with rustc's code, its notes in source order
  std::string code;
  std::string message;
  Span span;
  std::vector<std::pair<Span, std::string>> notes;
};

struct MovePath {
  int slot = -1;
  std::vector<Projection> proj;
  Span span;            // where it was moved (or the binding, when never assigned)
  bool uninit = false;  // never assigned rather than moved
  int capture_body = -1;  // moved into this closure or async block
  int capture_local = -1;
};

struct FlowState {
  std::map<int, std::vector<MovePath>> moved;  // by slot
  std::set<int> assigned;  // immutable bindings that may have been assigned
  bool reached = false;
};

struct Loan {
  Place place;
  bool is_mut = false;
  Span span;
  int block = -1;
  size_t stmt = 0;
  int operand = -1;
  int capture_body = -1;  // a closure's or async block's capture by reference: its body
  int capture_local = -1; // and the capture's local in that body
};

// A statement, or the terminator when stmt == the block's statement count.
struct Point {
  int block = 0;
  size_t stmt = 0;
};

// Calls `f(expr)` for each direct child expression (not descending into nested bodies).
template <class F>
void ForEachChild(const Expr& e, F&& f) {
  for (const ExprPtr* c : {&e.operand, &e.lhs, &e.rhs, &e.cond, &e.body, &e.else_, &e.tail})
    if (*c) f(**c);
  for (const ExprPtr& a : e.args)
    if (a) f(*a);
  for (const StmtPtr& s : e.stmts)
    if (s && s->init) f(*s->init);
  for (const MatchArm& m : e.arms) {
    if (m.guard) f(*m.guard);
    if (m.body) f(*m.body);
  }
  for (const FieldInit& fi : e.fields)
    if (fi.value) f(*fi.value);
}

template <class F>
void WalkBody(const Expr& e, F&& f) {
  f(e);
  if (e.kind == ExprKind::Closure || e.kind == ExprKind::AsyncBlock) return;
  ForEachChild(e, [&](const Expr& c) { WalkBody(c, f); });
}

class BodyChecker {
 public:
  BodyChecker(const CheckedProgram& p, const IrBody& ir, const std::vector<IrBody>& all)
      : P(p), ir_(ir), all_(all), B(p.bodies[ir.body]), n_(static_cast<int>(ir.blocks.size())),
        slots_(static_cast<int>(ir.slots.size())) {}

  std::vector<Issue> Run();

 private:
  // [SECTION] preparation: successors, accesses, scope ends, assignment expressions
  void Prepare();

  std::vector<Access> AccessesAt(Point pt) const;

  // The local of body `child` that holds its `index`-th capture (captures are its operands, in order).
  int CaptureLocal(int child, int index) const;

  // Whether body `child` assigns to its local `local` or borrows it mutably.
  bool ChangesLocal(int child, int local) const;

  // Where body `child` uses its local `local` first (a captured variable).
  Span FirstUseIn(int child, int local) const;

  // [SECTION] names and types of places
  bool Tracked(int slot) const { return slot >= 0 && slot < slots_ && ir_.slots[slot].local >= 0; }
  // Parameters and captures: initialised on entry.
  bool IsInput(int slot) const;
  const LocalVar* Local(int slot) const;
  std::string SlotName(int slot) const;

  // The type of `p` after its first `n` projections.
  TypeRef TypeAt(const Place& p, size_t n) const;

  // rustc's spelling of a place: `v`, `p.name`, `*r`, `r.name` (auto-deref), `v[_]`.
  std::string PlaceName(const Place& p) const;

  // [SECTION] moves and initialisation
  static bool PrefixCompatible(const std::vector<Projection>& a, size_t an, const std::vector<Projection>& b, size_t bn);

  static void AddPath(FlowState& s, MovePath m);

  static size_t PathCount(const FlowState& s);

  static bool Merge(FlowState& into, const FlowState& from);

  // The move path `pl` conflicts with, if any.
  const MovePath* MovedUnder(const FlowState& s, const Place& pl) const;

  // Applies one access to the flow state; with `report`, records the errors it finds.
  void Transfer(FlowState& s, const Access& a, Point pt, bool report);

  Span StatementSpan(Point pt) const;

  void ScopeEndFlow(FlowState& s, Point pt) const;

  void MoveFlow();

  // Runs the flow through block `b` from state `s`.
  void Walk(FlowState& s, int b, bool report);

  void ReportUseOfMoved(const MovePath& m, const Access& a);

  void ReportAssignTwice(int slot, const Access& a, Point pt);

  // A pattern matched through a reference (`match &opt { Some(s) => .. }`) binds by reference
  // (rustc's default binding modes), so what reads like a move out of `(*r as Some).0` is not.
  // Only a pattern reaches into a variant, so a variant step after a dereference marks one.
  static bool BindsThroughReference(const Place& pl);

  // A move out of memory the place does not own: behind a reference, or an element of a Vec or
  // an array (rustc's E0507 / E0508). Moving out of a `Box` is allowed.
  void CheckMoveOut(const Access& a);

  // [SECTION] liveness
  // Only of the slots that may hold a loan (`holder_index_`): that is all the loans need.
  using Bits = std::vector<uint64_t>;
  static bool Test(const Bits& b, int i) { return (b[i >> 6] >> (i & 63)) & 1; }
  static void Set(Bits& b, int i) { b[i >> 6] |= uint64_t{1} << (i & 63); }
  static void Clear(Bits& b, int i) { b[i >> 6] &= ~(uint64_t{1} << (i & 63)); }

  // What a point does to holders: reads (any access but a whole write) and whole writes.
  void PointEffects(Point pt, std::vector<int>& uses, std::vector<int>& defs) const;

  // Steps `cur` (live after point `pt`) to what is live before it.
  void StepBack(Bits& cur, Point pt, std::vector<int>& uses, std::vector<int>& defs) const;

  // Live-in of every point of block `b` (index k: before statement k; the last: before the terminator).
  std::vector<Bits> LiveInBlock(int b) const;

  void Liveness();

  // [SECTION] loans and what holds them
  void Loans();

  // `&mut place`, or a `&mut` reference passed on: a call may store its other arguments there.
  bool MutTarget(const Operand& o) const;

  // The loans that the holders read at a point hold, given the pairs `r` before it.
  void LoansOf(const std::vector<char>& r, int slot, std::set<int>& out) const;

  // Steps the pairs `r` over point `pt`: a whole write of a holder replaces what it holds by
  // what flows in; a partial write or a `&mut` call target adds to it.
  void PairStep(std::vector<char>& r, Point pt) const;

  // Whether `loan` is in force: some value holding it (per `r`) is used later (per `live`).
  bool LoanLive(int loan, const std::vector<char>& r, const Bits& live, int except_slot = -1) const;

  // The first use of a holder of `loan` from point `from` on (for "borrow later used here");
  // `after`: from the point after it.
  Span LaterUse(int loan, Point from, bool after) const;

  void AddLaterUse(Issue& is, int loan, Point pt, bool after = true) const;

  // [SECTION] conflicts
  void Report();

  bool Reported(int loan, const std::string& code) { return !reported_loans_.insert({loan, code}).second; }

  void CheckAgainstLoans(const Access& a, Point pt, const std::vector<char>& reach, const Bits& live);

  // Two operands of one statement: `f(&mut a, &a)`.
  void CheckWithinStatement(const std::vector<Access>& acc, Point pt);

  // Values and temporaries going out of scope while a loan on them is still needed.
  void ScopeEndChecks(Point pt, const std::vector<char>& reach, const Bits& live);

  // A loan on something this body owns, carried out of it by `holder`: returned or spawned.
  bool OwnedHere(const Loan& l) const { return OwnedPrefix(l.place) == l.place.proj.size(); }

  void CheckReturn(Point pt, const std::vector<char>& reach);

  // The expression that is returned at `pt`: the body's tail, or the operand of a `return`.
  const Expr* ReturnedExpr(Point pt) const;

  void ReportEscapingCapture(int li, Span required_by);

  // `spawn(f)`: the task may outlive this body, so `f` may hold no loan on what it owns.
  void CheckSpawn(const Statement& st, Point pt, const std::vector<char>& reach);

  const CheckedProgram& P;
  const IrBody& ir_;
  const std::vector<IrBody>& all_;
  const Body& B;
  const int n_;
  const int slots_;
  int words_ = 0;
  int holders_count_ = 0;
  std::vector<int> holder_index_;  // slot -> its bit in the liveness sets, or -1
  std::vector<std::vector<int>> succ_, preds_;
  std::map<std::pair<int, size_t>, std::vector<int>> scope_at_;
  std::map<uint32_t, const Expr*> assign_exprs_, returns_;
  std::vector<FlowState> in_;
  std::vector<Bits> live_out_;
  std::vector<Loan> loans_;
  std::map<std::tuple<int, size_t, int>, int> loan_at_;
  std::vector<std::set<int>> held_;
  std::vector<std::vector<int>> holders_;
  std::vector<std::vector<char>> reach_in_;  // by block: which (holder, loan) pairs hold on entry
  std::vector<std::vector<std::pair<int, int>>> pair_of_;        // slot -> (loan, pair)
  std::vector<std::vector<std::pair<int, int>>> pairs_of_loan_;  // loan -> (slot, pair)
  std::set<std::pair<int, std::string>> reported_loans_;
  std::vector<Issue> issues_;
};

// borrowck/borrowck.cpp: rustc's E0106 for each function whose return type needs a lifetime
// elision cannot give; returns those functions (rustc stops before borrow-checking them).
std::set<const FnDecl*> CheckElision(const CheckedProgram& prog, Diagnostics& diags);

}  // namespace aws::borrowck
