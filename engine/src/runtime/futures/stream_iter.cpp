// futures' `stream::iter(iterable)`: a stream that never waits. Its value is the iterator it
// wraps (futures' `Iter<I>` is that one field); `next()` makes a leaf future (FutureKind::Next,
// its slot 0 the `&mut` to the stream) whose one poll takes the iterator's next item where the
// stream lives and is Ready with it: one poll per item in the trace, and `None` at the end.
#include <fmt/format.h>

#include "runtime/emulator.h"

namespace aws::emu {

Value Emulator::CallStreamIterBuiltin(const Builtin& b, std::vector<Value>& a) {
  if (b.id == BuiltinId::StreamIter) return IntoIterValue(a[0]);
  Obj o;
  o.k = Obj::K::Leaf;
  o.fut = FutureKind::Next;
  o.slots = {a[0]};
  return Value::Future(NewObj(std::move(o), PlaceName(a[0]) + ".next()", ObjectKind::Leaf));
}

bool Emulator::PollStreamIterNext(int id, Value* out) {
  Obj& o = objs_[id];
  if (o.started) Panic("`Next` polled after completion", false);
  o.started = true;
  Value item;
  const Value stream = o.slots[0];
  *out = IterNext(IterLoc(stream), &item) ? Value::Variant("Some", {item}) : Value::Variant("None");
  return true;
}

}  // namespace aws::emu
