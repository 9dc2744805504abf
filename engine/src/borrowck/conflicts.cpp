// Conflicts: each access, scope end, return and spawn against the loans in force.
#include <fmt/format.h>

#include <algorithm>

#include "borrowck/borrowck_impl.h"

namespace aws::borrowck {

void BodyChecker::Report() {
  reported_loans_.clear();
  for (int b = 0; b < n_; ++b) {
    if (!in_[b].reached) continue;
    FlowState s = in_[b];
    Walk(s, b, true);
    std::vector<Bits> live = LiveInBlock(b);
    std::vector<char> reach = reach_in_[b];
    const BasicBlock& bb = ir_.blocks[b];
    for (size_t k = 0; k <= bb.stmts.size(); ++k) {
      Point pt{b, k};
      std::vector<Access> acc = AccessesAt(pt);
      if (!loans_.empty()) {
        ScopeEndChecks(pt, reach, live[k]);
        for (const Access& a : acc) CheckAgainstLoans(a, pt, reach, live[k]);
      }
      if (k < bb.stmts.size()) {
        CheckWithinStatement(acc, pt);
        if (!loans_.empty()) CheckSpawn(bb.stmts[k], pt, reach);
      } else if (bb.term.kind == TermKind::Return && !loans_.empty()) {
        CheckReturn(pt, reach);
      }
      if (!loans_.empty()) PairStep(reach, pt);
    }
  }
}

void BodyChecker::CheckAgainstLoans(const Access& a, Point pt, const std::vector<char>& reach, const Bits& live) {
  for (size_t li = 0; li < loans_.size(); ++li) {
    const Loan& l = loans_[li];
    if (!Overlap(l.place, a.place)) continue;
    if (l.block == pt.block && l.stmt == pt.stmt) continue;  // its own statement
    bool conflict = l.is_mut || a.kind == Access::Kind::Mut || a.kind == Access::Kind::Move || a.kind == Access::Kind::Write;
    if (!conflict) continue;
    // A write through the loan's own reference is the loan being used, not a conflict: the
    // access starts at the borrowed place itself, never at a holder.
    if (!LoanLive(static_cast<int>(li), reach, live)) continue;
    std::string name = PlaceName(l.place);
    std::string aname = PlaceName(a.place);
    Issue is;
    is.span = a.span;
    switch (a.kind) {
      case Access::Kind::Mut:
        is.code = l.is_mut ? "E0499" : "E0502";
        is.message = l.is_mut ? fmt::format("cannot borrow `{}` as mutable more than once at a time", aname)
                              : fmt::format("cannot borrow `{}` as mutable because it is also borrowed as immutable", aname);
        is.notes.push_back({l.span, l.is_mut ? "first mutable borrow occurs here" : "immutable borrow occurs here"});
        break;
      case Access::Kind::Shared:
        is.code = "E0502";
        is.message = fmt::format("cannot borrow `{}` as immutable because it is also borrowed as mutable", aname);
        is.notes.push_back({l.span, "mutable borrow occurs here"});
        break;
      case Access::Kind::Copy:
        is.code = "E0503";
        is.message = fmt::format("cannot use `{}` because it was mutably borrowed", aname);
        is.notes.push_back({l.span, fmt::format("`{}` is borrowed here", name)});
        break;
      case Access::Kind::Move:
        is.code = "E0505";
        is.message = fmt::format("cannot move out of `{}` because it is borrowed", aname);
        is.notes.push_back({l.span, fmt::format("borrow of `{}` occurs here", name)});
        break;
      case Access::Kind::Write:
        is.code = "E0506";
        is.message = fmt::format("cannot assign to `{}` because it is borrowed", aname);
        is.notes.push_back({l.span, fmt::format("`{}` is borrowed here", name)});
        break;
    }
    if (Reported(static_cast<int>(li), is.code)) continue;
    AddLaterUse(is, static_cast<int>(li), pt);
    issues_.push_back(std::move(is));
  }
}

// Two operands of one statement: `f(&mut a, &a)`.
void BodyChecker::CheckWithinStatement(const std::vector<Access>& acc, Point pt) {
  for (size_t j = 0; j < acc.size(); ++j) {
    for (size_t i = 0; i < j; ++i) {
      const Access& first = acc[i];
      const Access& second = acc[j];
      if (first.operand < 0 || second.operand < 0 || !Overlap(first.place, second.place)) continue;
      bool first_mut = first.kind == Access::Kind::Mut, second_mut = second.kind == Access::Kind::Mut;
      if (!first_mut && !second_mut) continue;
      if (first.kind != Access::Kind::Mut && first.kind != Access::Kind::Shared) continue;
      if (second.kind != Access::Kind::Mut && second.kind != Access::Kind::Shared) continue;
      Issue is;
      is.span = second.span;
      std::string name = PlaceName(second.place);
      if (first_mut && second_mut) {
        is.code = "E0499";
        is.message = fmt::format("cannot borrow `{}` as mutable more than once at a time", name);
        is.notes.push_back({first.span, "first mutable borrow occurs here"});
      } else {
        is.code = "E0502";
        is.message = fmt::format("cannot borrow `{}` as {} because it is also borrowed as {}", name,
                                 second_mut ? "mutable" : "immutable", second_mut ? "immutable" : "mutable");
        is.notes.push_back({first.span, first_mut ? "mutable borrow occurs here" : "immutable borrow occurs here"});
      }
      (void)pt;
      issues_.push_back(std::move(is));
      return;
    }
  }
}

// Values and temporaries going out of scope while a loan on them is still needed.
void BodyChecker::ScopeEndChecks(Point pt, const std::vector<char>& reach, const Bits& live) {
  auto it = scope_at_.find({pt.block, pt.stmt});
  if (it == scope_at_.end()) return;
  for (int si : it->second) {
    const ScopeEnd& se = ir_.scope_ends[si];
    for (int slot : se.slots) {
      for (size_t li = 0; li < loans_.size(); ++li) {
        const Loan& l = loans_[li];
        if (l.place.slot != slot || OwnedPrefix(l.place) < l.place.proj.size()) continue;
        if (!LoanLive(static_cast<int>(li), reach, live, ir_.return_slot)) continue;
        Issue is;
        if (se.temporaries) {
          is.code = "E0716";
          is.message = "temporary value dropped while borrowed";
          is.span = l.span;
          is.notes.push_back({se.span, "temporary value is freed at the end of this statement"});
        } else {
          is.code = "E0597";
          is.message = fmt::format("`{}` does not live long enough", SlotName(slot));
          is.span = l.span;
          is.notes.push_back({se.span, fmt::format("`{}` dropped here while still borrowed", SlotName(slot))});
        }
        if (Reported(static_cast<int>(li), is.code)) continue;
        AddLaterUse(is, static_cast<int>(li), pt, /*after=*/false);
        issues_.push_back(std::move(is));
      }
    }
  }
}

void BodyChecker::CheckReturn(Point pt, const std::vector<char>& reach) {
  if (ir_.return_slot < 0) return;
  std::set<int> returned_loans;
  LoansOf(reach, ir_.return_slot, returned_loans);
  for (int li : returned_loans) {
    const Loan& l = loans_[li];
    if (!OwnedHere(l)) continue;
    if (l.capture_body >= 0) {
      ReportEscapingCapture(li, {});
      continue;
    }
    if (Reported(li, "E0515")) continue;
    Issue is;
    is.code = "E0515";
    const bool temp = !Tracked(l.place.slot);
    const Expr* returned = ReturnedExpr(pt);
    const bool direct = returned && returned->kind == ExprKind::Ref;
    is.message = temp ? "cannot return reference to temporary value"
                      : fmt::format("cannot return {} local variable `{}`", direct ? "reference to" : "value referencing",
                                    SlotName(l.place.slot));
    is.span = returned ? returned->span : ir_.blocks[pt.block].term.span;
    if (!direct)
      is.notes.push_back({l.span, temp ? "temporary value created here" : fmt::format("`{}` is borrowed here", SlotName(l.place.slot))});
    issues_.push_back(std::move(is));
  }
}

// The expression that is returned at `pt`: the body's tail, or the operand of a `return`.
const Expr* BodyChecker::ReturnedExpr(Point pt) const {
  Span t = ir_.blocks[pt.block].term.span;
  if (B.block && t.begin == B.block->span.begin && t.end == B.block->span.end)
    return B.block->kind == ExprKind::Block ? B.block->tail.get() : B.block;
  auto it = returns_.find(t.begin);
  return it != returns_.end() && it->second->operand ? it->second->operand.get() : nullptr;
}

void BodyChecker::ReportEscapingCapture(int li, Span required_by) {
  if (Reported(li, "E0373")) return;
  const Loan& l = loans_[li];
  const Body& child = P.bodies[l.capture_body];
  std::string name = SlotName(l.place.slot);
  const char* what = child.kind == BodyKind::Closure ? "closure" : "async block";
  Issue is;
  is.code = "E0373";
  is.message = fmt::format("{} may outlive the current function, but it borrows `{}`, which is owned by the current "
                           "function",
                           what, name);
  is.span = l.span;
  // Where the block uses the captured variable.
  Span use = FirstUseIn(l.capture_body, l.capture_local);
  if (use.end > 0) is.notes.push_back({use, fmt::format("`{}` is borrowed here", name)});
  if (required_by.end > 0) is.notes.push_back({required_by, "function requires argument type to outlive `'static`"});
  is.notes.push_back({l.span, fmt::format("help: to force the {} to take ownership of `{}` (and any other referenced "
                                          "variables), use the `move` keyword",
                                          what, name)});
  issues_.push_back(std::move(is));
}

// `spawn(f)`: the task may outlive this body, so `f` may hold no loan on what it owns.
void BodyChecker::CheckSpawn(const Statement& st, Point pt, const std::vector<char>& reach) {
  if (st.rv.kind != RvalueKind::Call || !st.rv.builtin || (st.rv.builtin->id != BuiltinId::Spawn && st.rv.builtin->id != BuiltinId::TokioSpawn)) return;
  for (size_t i = 0; i < st.rv.operands.size(); ++i) {
    const Operand& o = st.rv.operands[i];
    if (o.kind == Operand::Kind::Const || o.place.slot < 0) continue;
    std::set<int> loans;
    LoansOf(reach, o.place.slot, loans);
    if (o.kind == Operand::Kind::Ref) loans.insert(loan_at_[{pt.block, pt.stmt, static_cast<int>(i)}]);
    for (int li : loans) {
      const Loan& l = loans_[li];
      if (!OwnedHere(l)) continue;
      if (l.capture_body >= 0) {
        ReportEscapingCapture(li, st.span);
        continue;
      }
      if (Reported(li, "E0597")) continue;
      Issue is;
      is.code = "E0597";
      is.message = fmt::format("`{}` does not live long enough", SlotName(l.place.slot));
      is.span = l.span;
      is.notes.push_back({st.span, fmt::format("argument requires that `{}` is borrowed for `'static`", SlotName(l.place.slot))});
      issues_.push_back(std::move(is));
    }
  }
}

}  // namespace aws::borrowck
