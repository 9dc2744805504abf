// Liveness of the values that may hold a loan: a backward analysis per block.
#include <fmt/format.h>

#include <algorithm>

#include "borrowck/borrowck_impl.h"

namespace aws::borrowck {

// What a point does to holders: reads (any access but a whole write) and whole writes.
void BodyChecker::PointEffects(Point pt, std::vector<int>& uses, std::vector<int>& defs) const {
  uses.clear();
  defs.clear();
  const BasicBlock& bb = ir_.blocks[pt.block];
  auto holder = [&](int slot) { return slot >= 0 && slot < slots_ ? holder_index_[slot] : -1; };
  for (const Access& a : AccessesAt(pt)) {
    int h = holder(a.place.slot);
    if (h < 0) continue;
    if (a.kind == Access::Kind::Write && a.place.IsWholeSlot()) defs.push_back(h);
    else uses.push_back(h);
  }
  if (pt.stmt == bb.stmts.size() && bb.term.kind == TermKind::Return && holder(ir_.return_slot) >= 0)
    uses.push_back(holder(ir_.return_slot));
}

// Steps `cur` (live after point `pt`) to what is live before it.
void BodyChecker::StepBack(Bits& cur, Point pt, std::vector<int>& uses, std::vector<int>& defs) const {
  PointEffects(pt, uses, defs);
  for (int d : defs) Clear(cur, d);
  for (int u : uses) Set(cur, u);
}

// Live-in of every point of block `b` (index k: before statement k; the last: before the terminator).
std::vector<BodyChecker::Bits> BodyChecker::LiveInBlock(int b) const {
  const BasicBlock& bb = ir_.blocks[b];
  std::vector<Bits> live(bb.stmts.size() + 1);
  Bits cur = live_out_[b];
  std::vector<int> uses, defs;
  for (size_t k = bb.stmts.size() + 1; k-- > 0;) {
    StepBack(cur, {b, k}, uses, defs);
    live[k] = cur;
  }
  return live;
}

void BodyChecker::Liveness() {
  words_ = (holders_count_ + 63) / 64;
  live_out_.assign(n_, Bits(words_, 0));
  if (holders_count_ == 0) return;
  std::vector<Bits> live_in(n_, Bits(words_, 0));
  std::vector<int> work, uses, defs;
  std::vector<char> queued(n_, 1);
  for (int b = 0; b < n_; ++b) work.push_back(b);
  while (!work.empty()) {
    int b = work.back();
    work.pop_back();
    queued[b] = 0;
    Bits cur(words_, 0);
    for (int s : succ_[b])
      for (int w = 0; w < words_; ++w) cur[w] |= live_in[s][w];
    live_out_[b] = cur;
    for (size_t k = ir_.blocks[b].stmts.size() + 1; k-- > 0;) StepBack(cur, {b, k}, uses, defs);
    if (cur != live_in[b]) {
      live_in[b] = std::move(cur);
      for (int p : preds_[b])
        if (!queued[p]) {
          queued[p] = 1;
          work.push_back(p);
        }
    }
  }
}

}  // namespace aws::borrowck
