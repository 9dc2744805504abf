// Combinators: join, join_all, select!, map and then, which poll the futures they hold.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

bool Emulator::PollCombinator(int id, int waker, Value* out) {
  switch (objs_[id].fut) {
    case FutureKind::Select: {
      // tokio's select! with `biased;`: the branches are polled in order and the first Ready one
      // wins; the others are dropped (cancelled) before the handler runs
      const size_t n = objs_[id].comb->kids.size();
      for (size_t i = 0; i < n; ++i) {
        Value v;
        if (!Poll(objs_[id].comb->kids[i], waker, &v)) continue;
        objs_[id].comb->kid_done[i] = true;
        Value t = Value::Make(Value::K::Tuple);
        for (size_t j = 0; j < n; ++j) t.v.push_back(j == i ? Value::Variant("Some", {v}) : Value::Variant("None"));
        DropSelectLosers(id, i);
        *out = t;
        return true;
      }
      return false;
    }
    case FutureKind::JoinAll: case FutureKind::Join: {
      bool all = true;
      for (size_t i = 0; i < objs_[id].comb->kids.size(); ++i) {
        if (objs_[id].comb->kid_done[i]) continue;
        Value v;
        if (Poll(objs_[id].comb->kids[i], waker, &v)) {
          objs_[id].comb->kid_done[i] = true;
          objs_[id].comb->outs[i] = v;
        } else {
          all = false;
        }
      }
      if (!all) return false;
      Value t = Value::Make(objs_[id].fut == FutureKind::Join ? Value::K::Tuple : Value::K::Array);
      t.v = objs_[id].comb->outs;
      if (objs_[id].fut == FutureKind::JoinAll) t.s = "vec";
      *out = t;
      return true;
    }
    case FutureKind::Map: {
      Value v;
      if (!Poll(objs_[id].comb->kids[0], waker, &v)) return false;
      *out = CallClosure(objs_[id].comb->fn, {v});
      return true;
    }
    case FutureKind::Then: {
      if (objs_[id].comb->phase == 0) {
        Value v;
        if (!Poll(objs_[id].comb->kids[0], waker, &v)) return false;
        Value second = CallClosure(objs_[id].comb->fn, {v});
        objs_[id].comb->phase = 1;
        objs_[id].comb->kids.push_back(static_cast<int>(second.i));
        T.objects[second.i].parent = id;
      }
      return Poll(objs_[id].comb->kids[1], waker, out);  // polled in the same call (Flatten)
    }
    default: break;
  }
  Fault("internal error: unknown combinator");
}

// The branches of a select! that lost: each future is dropped where it stands, as a cancelled
// task's is (whatif_injections.cpp): its state and fields, its abandoned device request.
void Emulator::DropSelectLosers(int id, size_t winner) {
  const Obj::Combinator& c = *objs_[id].comb;
  std::string losers;
  for (size_t j = 0; j < c.kids.size(); ++j)
    if (j != winner && !objs_[c.kids[j]].done && !objs_[c.kids[j]].dropped)
      losers += fmt::format("{}{}#{}", losers.empty() ? "" : ", ", T.objects[c.kids[j]].name, c.kids[j]);
  Note(0, fmt::format("select!: branch {} ({}#{}) is ready first; {}", winner + 1, T.objects[c.kids[winner]].name,
                      c.kids[winner],
                      losers.empty() ? std::string("no other branch is left to cancel")
                                     : "the other branches are cancelled: their futures are dropped (" + losers + ")"));
  for (size_t j = 0; j < c.kids.size(); ++j)
    if (j != winner) DropScriptFuture(c.kids[j]);
}

}  // namespace aws::emu
