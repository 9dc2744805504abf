// Combinators: join (and join!), try_join!, join_all, select!, map and then, which poll the futures
// they hold.
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
    case FutureKind::TryJoin: {
      // try_join!: the futures are polled in order; the first `Err` is the output at once and the
      // unfinished others are dropped (cancelled), as select!'s losers are
      Obj::Combinator& c = *objs_[id].comb;
      bool all = true;
      for (size_t i = 0; i < c.kids.size(); ++i) {
        if (c.kid_done[i]) continue;
        Value v;
        if (!Poll(c.kids[i], waker, &v)) {
          all = false;
          continue;
        }
        c.kid_done[i] = true;
        if (v.k == Value::K::Variant && v.s == "Err") {
          DropTryJoinRest(id, i);
          *out = v;
          return true;
        }
        c.outs[i] = v.v.empty() ? Value::Unit() : v.v[0];
      }
      if (!all) return false;
      Value t = Value::Make(Value::K::Tuple);
      t.v = c.outs;
      *out = Value::Variant("Ok", {t});
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
  std::string losers, kept;
  for (size_t j = 0; j < c.kids.size(); ++j)
    if (j != winner && !objs_[c.kids[j]].done && !objs_[c.kids[j]].dropped)
      (c.borrowed[j] ? kept : losers) += fmt::format("{}{}#{}", (c.borrowed[j] ? kept : losers).empty() ? "" : ", ",
                                                     T.objects[c.kids[j]].name, c.kids[j]);
  Note(0, fmt::format("select!: branch {} ({}#{}) is ready first; {}{}", winner + 1, T.objects[c.kids[winner]].name,
                      c.kids[winner],
                      losers.empty() ? std::string(kept.empty() ? "no other branch is left to cancel"
                                                                : "no other branch is cancelled")
                                     : "the other branches are cancelled: their futures are dropped (" + losers + ")",
                      kept.empty() ? std::string()
                                   : "; borrowed with `&mut`, not dropped: it stays pinned where it is, as it is, "
                                     "for a later poll (" + kept + ")"));
  for (size_t j = 0; j < c.kids.size(); ++j)
    if (j != winner && !c.borrowed[j]) DropScriptFuture(c.kids[j]);
}

// try_join!'s futures when one is `Err`: the unfinished others are dropped where they stand (a
// borrowed one, `&mut fut`, is left to its owner).
void Emulator::DropTryJoinRest(int id, size_t failed) {
  const Obj::Combinator& c = *objs_[id].comb;
  std::string rest, kept;
  for (size_t j = 0; j < c.kids.size(); ++j)
    if (j != failed && !c.kid_done[j] && !objs_[c.kids[j]].done && !objs_[c.kids[j]].dropped)
      (c.borrowed[j] ? kept : rest) += fmt::format("{}{}#{}", (c.borrowed[j] ? kept : rest).empty() ? "" : ", ",
                                                   T.objects[c.kids[j]].name, c.kids[j]);
  Note(0, fmt::format("try_join!: future {} ({}#{}) is Err: that is the output at once; {}{}", failed + 1,
                      T.objects[c.kids[failed]].name, c.kids[failed],
                      rest.empty() ? std::string("no other future is left unfinished")
                                   : "the unfinished others are cancelled: their futures are dropped (" + rest + ")",
                      kept.empty() ? std::string() : "; borrowed with `&mut`, not dropped (" + kept + ")"));
  for (size_t j = 0; j < c.kids.size(); ++j)
    if (j != failed && !c.kid_done[j] && !c.borrowed[j]) DropScriptFuture(c.kids[j]);
}

}  // namespace aws::emu
