// Loans and what holds them: each `&`/`&mut` operand, the values it flows into, and a forward
// analysis of which holder holds which loan at each point (non-lexical lifetimes).
#include <fmt/format.h>

#include <algorithm>

#include "borrowck/borrowck_impl.h"

namespace aws::borrowck {

void BodyChecker::Loans() {
  for (int b = 0; b < n_; ++b) {
    const BasicBlock& bb = ir_.blocks[b];
    for (size_t k = 0; k < bb.stmts.size(); ++k) {
      const Statement& st = bb.stmts[k];
      for (size_t i = 0; i < st.rv.operands.size(); ++i) {
        const Operand& o = st.rv.operands[i];
        if (o.kind != Operand::Kind::Ref || o.place.slot < 0) continue;
        Loan l;
        l.place = o.place;
        l.is_mut = o.is_mut;
        l.span = o.span.end > 0 ? o.span : st.span;
        l.block = b;
        l.stmt = k;
        l.operand = static_cast<int>(i);
        if (st.rv.kind == RvalueKind::AsyncBlock || st.rv.kind == RvalueKind::Closure) {
          l.capture_body = st.rv.body;
          l.capture_local = CaptureLocal(st.rv.body, static_cast<int>(i));
          // A closure or block that changes what it captured by reference holds a `&mut`.
          if (ChangesLocal(st.rv.body, l.capture_local)) l.is_mut = true;
        }
        loan_at_[{b, k, static_cast<int>(i)}] = static_cast<int>(loans_.size());
        loans_.push_back(std::move(l));
      }
    }
  }
  // Which slots may hold which loans, to a fixpoint.
  held_.assign(slots_, {});
  holder_index_.assign(slots_, -1);
  // A body with very many loans and blocks (far beyond the subset's programs) is checked for
  // moves only: the loan analysis would need memory quadratic in its size.
  if (static_cast<uint64_t>(loans_.size()) * static_cast<uint64_t>(n_) > (uint64_t{1} << 26)) {
    loans_.clear();
    loan_at_.clear();
    reach_in_.assign(n_, {});
    return;
  }
  auto holds = [&](int slot) { return slot >= 0 && slot < slots_ && MayHoldBorrow(ir_.slots[slot].type, P); };
  auto flow = [&](int dst, const std::set<int>& from) {
    size_t before = held_[dst].size();
    held_[dst].insert(from.begin(), from.end());
    return held_[dst].size() != before;
  };
  bool changed = true;
  for (int round = 0; changed && round < 64; ++round) {
    changed = false;
    for (int b = 0; b < n_; ++b) {
      const BasicBlock& bb = ir_.blocks[b];
      for (size_t k = 0; k < bb.stmts.size(); ++k) {
        const Statement& st = bb.stmts[k];
        std::set<int> carried;
        for (size_t i = 0; i < st.rv.operands.size(); ++i) {
          const Operand& o = st.rv.operands[i];
          if (o.kind == Operand::Kind::Const || o.place.slot < 0) continue;
          if (o.kind == Operand::Kind::Ref && !LoanEndsWithCall(st.rv, i))
            carried.insert(loan_at_[{b, k, static_cast<int>(i)}]);
          carried.insert(held_[o.place.slot].begin(), held_[o.place.slot].end());
        }
        if (st.kind == Statement::Kind::Assign && holds(st.dst.slot)) changed |= flow(st.dst.slot, carried);
        // A call that takes `&mut place` may store its other arguments there (`v.push(&x)`).
        if (st.rv.kind == RvalueKind::Call) {
          for (size_t i = 0; i < st.rv.operands.size(); ++i) {
            const Operand& o = st.rv.operands[i];
            if (!MutTarget(o) || !holds(o.place.slot)) continue;
            std::set<int> others;
            for (size_t j = 0; j < st.rv.operands.size(); ++j) {
              if (j == i) continue;
              const Operand& x = st.rv.operands[j];
              if (x.kind == Operand::Kind::Const || x.place.slot < 0) continue;
              if (x.kind == Operand::Kind::Ref) others.insert(loan_at_[{b, k, static_cast<int>(j)}]);
              others.insert(held_[x.place.slot].begin(), held_[x.place.slot].end());
            }
            changed |= flow(o.place.slot, others);
          }
        }
      }
      const Terminator& t = bb.term;
      if (t.kind == TermKind::IterNext && holds(t.dst.slot) && t.iter >= 0) changed |= flow(t.dst.slot, held_[t.iter]);
      if (t.kind == TermKind::Await && holds(t.dst.slot) && t.awaitee >= 0) changed |= flow(t.dst.slot, held_[t.awaitee]);
    }
  }
  holders_.assign(loans_.size(), {});
  for (int s = 0; s < slots_; ++s) {
    for (int l : held_[s]) holders_[l].push_back(s);
    if (!held_[s].empty()) holder_index_[s] = holders_count_++;
  }
  // The (holder, loan) pairs, and which of them hold on entry to each block (flow-sensitive:
  // assigning a new value to a holder ends what it held, as in rustc).
  pair_of_.assign(slots_, {});
  pairs_of_loan_.assign(loans_.size(), {});
  int pairs = 0;
  for (int s = 0; s < slots_; ++s)
    for (int l : held_[s]) {
      pair_of_[s].push_back({l, pairs});
      pairs_of_loan_[l].push_back({s, pairs});
      ++pairs;
    }
  if (static_cast<uint64_t>(pairs) * static_cast<uint64_t>(n_) > (uint64_t{1} << 26)) {
    loans_.clear();
    loan_at_.clear();
    pairs_of_loan_.clear();
    reach_in_.assign(n_, {});
    return;
  }
  reach_in_.assign(n_, std::vector<char>(pairs, 0));
  std::vector<char> reached(n_, 0);
  reached[0] = 1;
  std::vector<int> work{0};
  while (!work.empty()) {
    int b = work.back();
    work.pop_back();
    std::vector<char> r = reach_in_[b];
    for (size_t k = 0; k <= ir_.blocks[b].stmts.size(); ++k) PairStep(r, {b, k});
    for (int t : succ_[b]) {
      bool grew = !reached[t];
      reached[t] = 1;
      for (int id = 0; id < pairs; ++id)
        if (r[id] && !reach_in_[t][id]) {
          reach_in_[t][id] = 1;
          grew = true;
        }
      if (grew) work.push_back(t);
    }
  }
}

// `&mut place`, or a `&mut` reference passed on: a call may store its other arguments there.
bool BodyChecker::MutTarget(const Operand& o) const {
  if (o.kind == Operand::Kind::Const || o.place.slot < 0) return false;
  if (o.kind == Operand::Kind::Ref) return o.is_mut;
  TypeRef t = TypeAt(o.place, o.place.proj.size());
  return t && t->kind == TypeKind::Ref && t->is_mut;
}

// The loans that the holders read at a point hold, given the pairs `r` before it.
void BodyChecker::LoansOf(const std::vector<char>& r, int slot, std::set<int>& out) const {
  if (slot < 0 || slot >= slots_) return;
  for (auto [l, id] : pair_of_[slot])
    if (r[id]) out.insert(l);
}

// Steps the pairs `r` over point `pt`: a whole write of a holder replaces what it holds by
// what flows in; a partial write or a `&mut` call target adds to it.
void BodyChecker::PairStep(std::vector<char>& r, Point pt) const {
  const BasicBlock& bb = ir_.blocks[pt.block];
  auto set_pairs = [&](int slot, const std::set<int>& loans, bool replace) {
    if (slot < 0 || slot >= slots_) return;
    for (auto [l, id] : pair_of_[slot]) {
      if (replace) r[id] = 0;
      if (loans.count(l)) r[id] = 1;
    }
  };
  if (pt.stmt < bb.stmts.size()) {
    const Statement& st = bb.stmts[pt.stmt];
    std::vector<std::set<int>> per(st.rv.operands.size());
    std::set<int> all;
    for (size_t i = 0; i < st.rv.operands.size(); ++i) {
      const Operand& o = st.rv.operands[i];
      if (o.kind == Operand::Kind::Const || o.place.slot < 0) continue;
      if (o.kind == Operand::Kind::Ref && !LoanEndsWithCall(st.rv, i)) {
        auto it = loan_at_.find({pt.block, pt.stmt, static_cast<int>(i)});
        if (it != loan_at_.end()) per[i].insert(it->second);
      }
      LoansOf(r, o.place.slot, per[i]);
      all.insert(per[i].begin(), per[i].end());
    }
    if (st.rv.kind == RvalueKind::Call)
      for (size_t i = 0; i < st.rv.operands.size(); ++i) {
        if (!MutTarget(st.rv.operands[i])) continue;
        std::set<int> others;
        for (size_t j = 0; j < per.size(); ++j)
          if (j != i) others.insert(per[j].begin(), per[j].end());
        set_pairs(st.rv.operands[i].place.slot, others, false);
      }
    if (st.kind == Statement::Kind::Assign) set_pairs(st.dst.slot, all, st.dst.IsWholeSlot());
    return;
  }
  const Terminator& t = bb.term;
  if ((t.kind == TermKind::IterNext || t.kind == TermKind::Await) && t.dst.slot >= 0) {
    std::set<int> in;
    LoansOf(r, t.kind == TermKind::IterNext ? t.iter : t.awaitee, in);
    set_pairs(t.dst.slot, in, t.dst.IsWholeSlot());
  }
}

// Whether `loan` is in force: some value holding it (per `r`) is used later (per `live`).
bool BodyChecker::LoanLive(int loan, const std::vector<char>& r, const Bits& live, int except_slot) const {
  for (auto [h, id] : pairs_of_loan_[loan])
    if (r[id] && h != except_slot && Test(live, holder_index_[h])) return true;
  return false;
}

// The first use of a holder of `loan` from point `from` on (for "borrow later used here");
// `after`: from the point after it.
Span BodyChecker::LaterUse(int loan, Point from, bool after) const {
  std::set<int> holders(holders_[loan].begin(), holders_[loan].end());
  if (holders.empty()) return {};
  std::vector<char> seen(n_, 0);
  std::vector<std::pair<int, size_t>> work{{from.block, from.stmt + (after ? 1 : 0)}};
  while (!work.empty()) {
    auto [b, k0] = work.front();
    work.erase(work.begin());
    const BasicBlock& bb = ir_.blocks[b];
    for (size_t k = k0; k <= bb.stmts.size(); ++k) {
      for (const Access& a : AccessesAt({b, k}))
        if (a.kind != Access::Kind::Write && holders.count(a.place.slot)) return a.span;
      if (k == bb.stmts.size() && bb.term.kind == TermKind::Return && holders.count(ir_.return_slot)) return bb.term.span;
    }
    for (int t : succ_[b])
      if (!seen[t]) {
        seen[t] = 1;
        work.push_back({t, 0});
      }
  }
  return {};
}

void BodyChecker::AddLaterUse(Issue& is, int loan, Point pt, bool after) const {
  Span later = LaterUse(loan, pt, after);
  if (later.end > 0) is.notes.push_back({later, "borrow later used here"});
}

}  // namespace aws::borrowck
