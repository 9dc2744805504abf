// std::time::Instant on the emulation's virtual clock: the engine never reads the wall clock, so
// `Instant::now()` is the virtual time (in ms since the run began) and `elapsed()` the virtual time
// since. An Instant is a Duration-kind value marked "Instant" (so arithmetic and comparisons work
// as on durations; statements.cpp Arith) that prints as std's Debug on Linux does.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

Value Emulator::CallTimeBuiltin(const Builtin& b, std::vector<Value>& a) {
  auto instant = [&](int64_t ms) {
    Value v = Duration(ms);
    v.s = "Instant";
    return v;
  };
  // The receiver: a reference to the Instant (a method's `&self`), or the Instant itself.
  auto self_ms = [&]() {
    Value v = Load(a[0]);
    return v.k == Value::K::Ref ? Load(Deref(a[0])).i : v.i;
  };
  switch (b.id) {
    case BuiltinId::InstantNow: return instant(now_);
    case BuiltinId::InstantElapsed: return Duration(std::max<int64_t>(0, now_ - self_ms()));
    case BuiltinId::InstantDurationSince: {
      // Saturating, as std's has been since Rust 1.60: an earlier `self` gives zero.
      int64_t self = self_ms(), earlier = Load(a[1]).i;
      return Duration(std::max<int64_t>(0, self - earlier));
    }
    default: break;
  }
  Fault(fmt::format("internal error: `{}` is not a time built-in", b.name));
}

}  // namespace aws::emu
