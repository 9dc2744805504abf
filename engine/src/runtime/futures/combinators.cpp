// Combinators: join, map and then, which poll the futures they hold.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

bool Emulator::PollCombinator(int id, int waker, Value* out) {
  switch (objs_[id].fut) {
    case FutureKind::Join: {
      bool all = true;
      for (size_t i = 0; i < objs_[id].kids.size(); ++i) {
        if (objs_[id].kid_done[i]) continue;
        Value v;
        if (Poll(objs_[id].kids[i], waker, &v)) {
          objs_[id].kid_done[i] = true;
          objs_[id].outs[i] = v;
        } else {
          all = false;
        }
      }
      if (!all) return false;
      Value t = Value::Make(Value::K::Tuple);
      t.v = objs_[id].outs;
      *out = t;
      return true;
    }
    case FutureKind::Map: {
      Value v;
      if (!Poll(objs_[id].kids[0], waker, &v)) return false;
      *out = CallClosure(objs_[id].fn, {v});
      return true;
    }
    case FutureKind::Then: {
      if (objs_[id].phase == 0) {
        Value v;
        if (!Poll(objs_[id].kids[0], waker, &v)) return false;
        Value second = CallClosure(objs_[id].fn, {v});
        objs_[id].phase = 1;
        objs_[id].kids.push_back(static_cast<int>(second.i));
        T.objects[second.i].parent = id;
      }
      return Poll(objs_[id].kids[1], waker, out);  // polled in the same call (Flatten)
    }
    default: break;
  }
  Fault("internal error: unknown combinator");
}

}  // namespace aws::emu
