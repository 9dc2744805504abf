// tokio::sync's channels (check/tokio_channels.cpp types them). Each channel is a ChannelRec, as
// std's are (library/sync.cpp), and a device of kind "channel" (`oneshot#0`, `mpsc#1`), so a
// future that waits on it shows as one waiting on a device: `register waker=W0
// future=Receiver(oneshot#0)#5 device=oneshot#0`, and the end that makes it ready wakes that
// waker `by=oneshot#0(value sent)`. Nothing blocks a thread here: where std's calls block, tokio's
// futures register the polling task's waker and return Pending.
//   oneshot: the Receiver is a leaf future (FutureKind::OneshotRecv, `op` the channel) Ready with
//     Ok(value) once `send` put one in, or Err(RecvError(())) once the Sender is gone unsent;
//     `send` gives Err(value) back when the Receiver is gone (dropped, or a select! loser).
//   mpsc: `rx.recv()` is a leaf (ChanRecv) Ready with Some(message), or None once every Sender is
//     dropped and the buffer is empty; `tx.send(v)` a leaf (ChanSend, the value in `result`)
//     Ready with Ok(()) when the buffer has room, else Pending in a FIFO of senders until the
//     receiver takes a message (tokio's semaphore hands out permits in order); Err(SendError(v))
//     once the Receiver is gone. The unbounded channel's `send` is a plain call.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {
namespace {

Value ChannelEnd(const char* name, size_t ch) {
  Value v = Value::Make(Value::K::Struct);
  v.mode = kLibChannelEnd;
  v.s = name;
  v.i = static_cast<int64_t>(ch);
  return v;
}

// tokio's `SendError<T>(pub T)` (its Debug prints `SendError { .. }`, as the channel ends' do).
Value SendError(const Value& v) {
  Value err = Value::Make(Value::K::Struct);
  err.mode = kLibChannelEnd;
  err.s = "SendError";
  err.v = {v};
  return Value::Variant("Err", {err});
}

}  // namespace

bool IsTokioChannelEnd(const std::string& n) {
  return n == "oneshot::Sender" || n == "mpsc::Sender" || n == "mpsc::Receiver" || n == "mpsc::UnboundedSender" ||
         n == "mpsc::UnboundedReceiver";
}

bool IsTokioChannelType(TypeRef t) {
  return t && ((t->kind == TypeKind::Library && IsTokioChannelEnd(t->name)) ||
               (t->kind == TypeKind::Future && t->fut == FutureKind::OneshotRecv));
}

bool Emulator::ChannelReceiverAlive(const ChannelRec& c) const {
  return c.receiver && !(c.rx_obj >= 0 && objs_[static_cast<size_t>(c.rx_obj)].dropped);
}

void Emulator::WakeChannelWaiter(int leaf, const std::string& why) {
  if (leaf < 0) return;
  Obj& o = objs_[static_cast<size_t>(leaf)];
  if (o.dropped || o.done || o.started || o.waker < 0) return;  // started: a channel leaf that was Ready
  const int w = o.waker;
  o.waker = -1;
  Wake(w, o.device, why);
}

// The receiver took a message (or a sender finished with room left): as tokio's semaphore hands
// a freed permit to the first sender waiting, the first waiting sender not woken yet is woken
// when the buffer has room beyond the permits already handed to woken ones.
void Emulator::WakeFirstSender(ChannelRec& c) {
  auto finished = [&](int leaf) {
    const Obj& o = objs_[static_cast<size_t>(leaf)];
    return o.dropped || o.done || o.started;
  };
  while (!c.send_waiters.empty() && finished(c.send_waiters.front())) c.send_waiters.pop_front();
  int64_t reserved = 0;
  for (int leaf : c.send_waiters) {
    if (finished(leaf)) continue;
    if (objs_[static_cast<size_t>(leaf)].waker < 0) {
      ++reserved;  // woken, not polled yet
      continue;
    }
    if (static_cast<int64_t>(c.items.size()) + reserved < c.bound) WakeChannelWaiter(leaf, "room in the buffer");
    return;
  }
}

Value Emulator::CallTokioChannelBuiltin(const Builtin& b, std::vector<Value>& a) {
  switch (b.id) {
    case BuiltinId::OneshotChannel: case BuiltinId::TokioChannel: case BuiltinId::TokioUnboundedChannel: {
      const size_t ch = channels_.size();
      ChannelRec c;
      c.flavor = b.id == BuiltinId::OneshotChannel ? ChannelRec::kOneshot : ChannelRec::kTokioMpsc;
      if (b.id == BuiltinId::TokioChannel) {
        c.bound = Load(a[0]).i;
        if (c.bound <= 0) Panic("mpsc bounded channel requires buffer > 0");
      }
      c.name = fmt::format("{}#{}", b.id == BuiltinId::OneshotChannel ? "oneshot" : "mpsc", ch);
      c.device = Device(c.name, "channel");
      Value pair = Value::Make(Value::K::Tuple);
      if (b.id == BuiltinId::OneshotChannel) {
        int rx = NewLeaf(FutureKind::OneshotRecv, fmt::format("Receiver({})", c.name));
        objs_[static_cast<size_t>(rx)].op = static_cast<int>(ch);
        objs_[static_cast<size_t>(rx)].device = c.device;
        c.rx_obj = rx;
        pair.v = {ChannelEnd("oneshot::Sender", ch), Value::Future(rx)};
      } else if (b.id == BuiltinId::TokioChannel) {
        pair.v = {ChannelEnd("mpsc::Sender", ch), ChannelEnd("mpsc::Receiver", ch)};
      } else {
        pair.v = {ChannelEnd("mpsc::UnboundedSender", ch), ChannelEnd("mpsc::UnboundedReceiver", ch)};
      }
      channels_.push_back(std::move(c));
      return pair;
    }
    case BuiltinId::OneshotSend: case BuiltinId::UnboundedSend: {
      const size_t ch = static_cast<size_t>(LibReceiver(a[0]).i);
      if (b.id == BuiltinId::OneshotSend && channels_[ch].senders > 0) --channels_[ch].senders;  // `send(self, ..)`
      if (!ChannelReceiverAlive(channels_[ch]))
        return b.id == BuiltinId::OneshotSend ? Value::Variant("Err", {a[1]}) : SendError(a[1]);
      if (channels_[ch].items.size() >= kMaxElements)
        FaultHere(fmt::format("a channel grew past the emulator's limit of {} messages (sending without bound?)",
                              kMaxElements));
      channels_[ch].items.push_back(a[1]);
      ++channels_[ch].sent;
      WakeChannelWaiter(channels_[ch].rx_waiter, b.id == BuiltinId::OneshotSend ? "value sent" : "message sent");
      return Value::Variant("Ok", {Value::Unit()});
    }
    case BuiltinId::TokioSend: {
      const size_t ch = static_cast<size_t>(LibReceiver(a[0]).i);
      int id = NewLeaf(FutureKind::ChanSend, fmt::format("send to {}", channels_[ch].name));
      Obj& o = objs_[static_cast<size_t>(id)];
      o.op = static_cast<int>(ch);
      o.device = channels_[ch].device;
      o.result = a[1];
      return Value::Future(id);
    }
    case BuiltinId::TokioRecv: {
      const size_t ch = static_cast<size_t>(LibReceiver(a[0]).i);
      int id = NewLeaf(FutureKind::ChanRecv, fmt::format("recv from {}", channels_[ch].name));
      objs_[static_cast<size_t>(id)].op = static_cast<int>(ch);
      objs_[static_cast<size_t>(id)].device = channels_[ch].device;
      return Value::Future(id);
    }
    default: break;
  }
  Fault("internal error: not a tokio channel call");
}

bool Emulator::PollChannelLeaf(int id, int waker, Value* out) {
  Obj& o = objs_[static_cast<size_t>(id)];
  ChannelRec& c = channels_[static_cast<size_t>(o.op)];
  switch (o.fut) {
    case FutureKind::OneshotRecv:
      if (o.started) Panic("called after complete", false);  // tokio's oneshot::Receiver
      if (!c.items.empty()) {
        *out = Value::Variant("Ok", {c.items.front()});
        c.items.pop_front();
        ++c.received;
      } else if (c.senders == 0) {
        *out = Value::Variant("Err", {Value::Variant("RecvError", {Value::Unit()})});
      } else {
        c.rx_waiter = id;
        Register(id, waker);
        return false;
      }
      o.started = true;
      return true;
    case FutureKind::ChanRecv:
      if (o.started) Panic("`async fn` resumed after completion", false);
      if (!c.items.empty()) {
        *out = Value::Variant("Some", {c.items.front()});
        c.items.pop_front();
        ++c.received;
        WakeFirstSender(c);
      } else if (c.senders == 0) {
        *out = Value::Variant("None");
      } else {
        c.rx_waiter = id;
        Register(id, waker);
        return false;
      }
      o.started = true;
      return true;
    case FutureKind::ChanSend: {
      if (o.started) Panic("`async fn` resumed after completion", false);
      auto waiting = std::find(c.send_waiters.begin(), c.send_waiters.end(), id);
      if (!ChannelReceiverAlive(c)) {
        if (waiting != c.send_waiters.end()) c.send_waiters.erase(waiting);
        *out = SendError(o.result);
        o.started = true;
        return true;
      }
      // Senders that waited first get the room first.
      int64_t ahead = 0;
      for (auto it = c.send_waiters.begin(); it != waiting && it != c.send_waiters.end(); ++it) {
        const Obj& w = objs_[static_cast<size_t>(*it)];
        if (!w.dropped && !w.done && !w.started) ++ahead;
      }
      if (static_cast<int64_t>(c.items.size()) + ahead < c.bound) {
        if (waiting != c.send_waiters.end()) c.send_waiters.erase(waiting);
        c.items.push_back(o.result);
        ++c.sent;
        o.started = true;
        *out = Value::Variant("Ok", {Value::Unit()});
        WakeChannelWaiter(c.rx_waiter, "message sent");
        WakeFirstSender(c);  // room left for the next one waiting
        return true;
      }
      if (waiting == c.send_waiters.end()) c.send_waiters.push_back(id);
      Register(id, waker);
      return false;
    }
    default: break;
  }
  Fault("internal error: not a channel future");
}

void Emulator::DropTokioChannelEnd(const Value& v, const std::string& name) {
  if (v.i < 0 || static_cast<size_t>(v.i) >= channels_.size()) return;
  ChannelRec& c = channels_[static_cast<size_t>(v.i)];
  if (name == "mpsc::Receiver" || name == "mpsc::UnboundedReceiver") {
    c.receiver = false;
    for (int leaf : std::vector<int>(c.send_waiters.begin(), c.send_waiters.end()))
      WakeChannelWaiter(leaf, "receiver dropped");
    return;
  }
  if (c.senders > 0 && --c.senders == 0 && c.items.empty())
    WakeChannelWaiter(c.rx_waiter, name == "oneshot::Sender" ? "sender dropped" : "every sender dropped");
}

void Emulator::DropOneshotReceiver(const Value& v) {
  if (v.k != Value::K::Future || v.i < 0 || static_cast<size_t>(v.i) >= objs_.size()) return;
  const Obj& o = objs_[static_cast<size_t>(v.i)];
  if (o.fut == FutureKind::OneshotRecv && o.op >= 0) channels_[static_cast<size_t>(o.op)].receiver = false;
}

}  // namespace aws::emu
