// The network: the scenario's [network] schedules clients that connect to the address the script
// binds, send their bytes in chunks and may close their end. Every socket is a device of its own:
// the listener (`listener 127.0.0.1:8080`) serves `accept`, each accepted connection (`conn
// 127.0.0.1:50001`) serves `read` and `write_all`. A request is a leaf future as the disk's are:
// it starts at its first poll, completes when the client's side allows it (a connection has
// arrived; bytes have arrived or the client closed) plus the device's latency, raises the
// device's interrupt and wakes the waker it holds. A request the schedule can never satisfy (an
// `accept` after the last client, a `read` from a client that sends nothing more and never
// closes) stays in flight: the server waits forever, as a real one would.
//
// tokio's calls return these futures; std's blocking calls make the same request and block the
// calling thread (devices/threads.cpp) until it completes.
#include <fmt/format.h>

#include <algorithm>

#include "awaitscope/library_types.h"
#include "runtime/emulator.h"

namespace aws::emu {
namespace {

Value NetValue(const char* type, int64_t conn) {
  Value v = Value::Make(Value::K::Struct);
  v.mode = kLibNet;
  v.s = type;
  v.i = conn;
  return v;
}

Value IoError(const std::string& msg, const char* kind = nullptr) {
  Value e = Value::Make(Value::K::Error);
  e.s = msg;
  if (kind) e.v.push_back(Value::Str(kind));  // what `e.kind()` returns (library/builtins.cpp)
  return Value::Variant("Err", {e});
}

}  // namespace

// The bytes of a `&[u8]` / `&[u8; N]` / `&Vec<u8>` argument.
std::string Emulator::NetBytes(Value& arg) {
  const Value& seq = Deref(arg);
  std::string out;
  for (const Value& b : seq.v) out += static_cast<char>(b.i & 0xFF);
  return out;
}

// Bytes the client `c` has sent by `t` that no read has taken yet.
size_t Emulator::NetAvailable(const NetConn& c, int64_t t) const {
  size_t sent = 0;
  for (const NetChunkSpec& ch : c.spec->send)
    if (ch.t_ms <= t) sent += ch.data.size();
  return sent - c.consumed;
}

// When a read started at `now_` on `c` can complete: now if bytes wait or the client has closed,
// else when the next chunk arrives or the client closes; -1: never.
int64_t Emulator::NetReadyAt(const NetConn& c) const {
  if (NetAvailable(c, now_) > 0 || (c.spec->close_ms && *c.spec->close_ms <= now_)) return now_;
  int64_t at = -1;
  for (const NetChunkSpec& ch : c.spec->send)
    if (ch.t_ms > now_) {
      at = ch.t_ms;
      break;
    }
  if (c.spec->close_ms && *c.spec->close_ms > now_ && (at < 0 || *c.spec->close_ms < at)) at = *c.spec->close_ms;
  return at;
}

// Starts the request of a network leaf future: due at `ready` (-1: never) plus `latency`.
void Emulator::NetRequest(int leaf, int64_t ready, int64_t latency, const std::string& what) {
  Obj& o = objs_[leaf];
  o.started = true;
  o.request = ++request_id_;
  o.latency = latency;
  if (ready >= 0) ApplyRequestLatency(o);
  o.due = ready < 0 ? -1 : std::max(ready, now_) + o.latency;
  o.what = what;
  EmitDeviceStart(leaf, o.device, o.request, o.due, what);
  if (o.due > now_) Schedule({o.due, 0, DevEvent::Kind::Complete, leaf, o.device, 0});
  else if (o.due == now_) Complete(leaf);
}

void Emulator::NetStart(int leaf) {
  Obj& o = objs_[leaf];
  const NetworkSpec& n = S.network;
  switch (o.fut) {
    case FutureKind::NetBind:
      if (!n.present)
        Panic("TcpListener::bind: this scenario has no network; give it a [network] table (scenarios/README.md)");
      o.device = Device("listener " + n.address, "net");
      if (o.path != n.address) {
        o.result = IoError(fmt::format("Cannot assign requested address (os error 99): the scenario's clients "
                                       "connect to {}, not {}", n.address, o.path));
        NetRequest(leaf, now_, 0, "bind " + o.path);
        return;
      }
      if (net_bound_) {
        o.result = IoError("Address already in use (os error 98)");
        NetRequest(leaf, now_, 0, "bind " + o.path);
        return;
      }
      net_bound_ = true;
      o.result = Value::Variant("Ok", {NetValue("TcpListener", -1)});
      NetRequest(leaf, now_, 0, "bind " + o.path);
      return;
    case FutureKind::NetAccept: {
      o.device = Device("listener " + n.address, "net");
      const size_t k = net_next_accept_++;
      o.op = static_cast<int>(k);
      if (k >= n.connections.size()) {
        NetRequest(leaf, -1, 0, "accept (no client is coming)");
        return;
      }
      NetRequest(leaf, n.connections[k].t_ms, 0, "accept");
      return;
    }
    case FutureKind::NetRead: {
      const NetConn& c = net_conns_[static_cast<size_t>(o.op)];
      const size_t room = Deref(o.slots[0]).v.size();
      const size_t waiting = NetAvailable(c, now_);
      std::string what = fmt::format("read up to {} bytes", room);
      if (waiting > 0) what += fmt::format(" ({} waiting)", waiting);
      else if (c.spec->close_ms && *c.spec->close_ms <= now_) what += " (the client has closed)";
      else what += " (nothing sent yet)";
      NetRequest(leaf, NetReadyAt(c), n.read_latency_ms, what);
      return;
    }
    case FutureKind::NetWrite:
      NetRequest(leaf, now_, n.write_latency_ms,
                 fmt::format("write_all {} bytes {}", o.write_data.size(), RustQuote(o.write_data)));
      return;
    default: break;
  }
}

// The request is done: accept hands over the next connection, read copies what has arrived into
// the buffer, write_all delivers the bytes to the client. Returns the result as the trace shows it.
std::string Emulator::NetComplete(Obj& o) {
  switch (o.fut) {
    case FutureKind::NetAccept: {
      const size_t k = static_cast<size_t>(o.op);
      NetConn c;
      c.spec = &S.network.connections[k];
      c.device = Device("conn " + c.spec->peer, "net");
      net_conns_.push_back(c);
      const int64_t id = static_cast<int64_t>(net_conns_.size()) - 1;
      Value pair = Value::Make(Value::K::Tuple);
      pair.v = {NetValue("TcpStream", id), NetValue("SocketAddr", id)};
      o.result = Value::Variant("Ok", {pair});
      return fmt::format("Ok(connection from {})", c.spec->peer);
    }
    case FutureKind::NetRead: {
      NetConn& c = net_conns_[static_cast<size_t>(o.op)];
      Value& buf = Deref(o.slots[0]);
      const size_t n = std::min(buf.v.size(), NetAvailable(c, now_));
      std::string all;
      for (const NetChunkSpec& ch : c.spec->send) all += ch.data;
      const std::string got = all.substr(c.consumed, n);
      for (size_t i = 0; i < n; ++i) buf.v[i] = Value::Int(static_cast<unsigned char>(got[i]));
      c.consumed += n;
      c.received += got;
      o.result = Value::Variant("Ok", {Value::Int(static_cast<int64_t>(n))});
      if (n == 0) return "Ok(0): the client has closed its end";
      return fmt::format("Ok({}): {}", n, RustQuote(got));
    }
    case FutureKind::NetWrite: {
      NetConn& c = net_conns_[static_cast<size_t>(o.op)];
      c.sent += o.write_data;
      o.result = Value::Variant("Ok", {Value::Unit()});
      Note(0, fmt::format("the client at {} receives {}", c.spec->peer, RustQuote(o.write_data)));
      return "Ok(())";
    }
    default: return Show(o.result, true);  // bind: decided when it started
  }
}

bool Emulator::PollNetLeaf(int id, int waker, Value* out) {
  if (!objs_[id].started) NetStart(id);
  if (objs_[id].completed) {
    *out = objs_[id].result;
    return true;
  }
  Register(id, waker);
  return false;
}

// A leaf future for `b` with its arguments (the receiver first for methods).
int Emulator::NewNetLeaf(const Builtin& b, std::vector<Value>& a) {
  auto conn_of = [&](Value& recv) { return static_cast<int>(LibReceiver(recv).i); };
  auto peer = [&](int conn) { return net_conns_[static_cast<size_t>(conn)].spec->peer; };
  switch (b.id) {
    case BuiltinId::NetBind: case BuiltinId::NetBindBlocking: {
      std::string addr = Load(a[0]).s;
      int id = NewLeaf(FutureKind::NetBind, fmt::format("TcpListener::bind({})", RustQuote(addr)));
      objs_[id].path = addr;
      objs_[id].device = Device("listener " + (S.network.present ? S.network.address : addr), "net");
      return id;
    }
    case BuiltinId::NetAccept: case BuiltinId::NetAcceptBlocking: {
      int id = NewLeaf(FutureKind::NetAccept, "listener.accept()");
      objs_[id].path = "accept";  // what a wake-up names (`by=listener ADDR(accept)`)
      objs_[id].device = Device("listener " + S.network.address, "net");
      return id;
    }
    case BuiltinId::NetRead: case BuiltinId::NetReadBlocking: {
      const int conn = conn_of(a[0]);
      int id = NewLeaf(FutureKind::NetRead, fmt::format("read from {}", peer(conn)));
      objs_[id].op = conn;
      objs_[id].device = net_conns_[static_cast<size_t>(conn)].device;
      objs_[id].slots.push_back(a[1]);
      objs_[id].path = "read";
      return id;
    }
    default: {  // write_all
      const int conn = conn_of(a[0]);
      int id = NewLeaf(FutureKind::NetWrite, fmt::format("write_all to {}", peer(conn)));
      objs_[id].op = conn;
      objs_[id].device = net_conns_[static_cast<size_t>(conn)].device;
      objs_[id].write_data = NetBytes(a[1]);
      objs_[id].path = "write_all";
      return id;
    }
  }
}

Value Emulator::CallNetworkBuiltin(const Builtin& b, std::vector<Value>& a) {
  switch (b.id) {
    case BuiltinId::NetBind: case BuiltinId::NetAccept: case BuiltinId::NetRead: case BuiltinId::NetWriteAll:
      return Value::Future(NewNetLeaf(b, a));
    case BuiltinId::NetLocalAddr: {
      Value& s = LibReceiver(a[0]);
      return Value::Variant("Ok", {NetValue("SocketAddr", s.s == "TcpListener" ? -1 : s.i)});
    }
    case BuiltinId::NetSetNonblocking:
      net_conns_[static_cast<size_t>(LibReceiver(a[0]).i)].nonblocking = Load(a[1]).i != 0;
      return Value::Variant("Ok", {Value::Unit()});
    case BuiltinId::NetEpollWait: return EpollWait(a[0]);
    case BuiltinId::NetReadBlocking:
      if (net_conns_[static_cast<size_t>(LibReceiver(a[0]).i)].nonblocking) return NonblockingRead(a);
      break;
    default: break;
  }
  // std's blocking calls: the same request, and the calling thread waits for it.
  const int id = NewNetLeaf(b, a);
  NetStart(id);
  if (!objs_[id].completed) {
    const Obj& o = objs_[id];
    const std::string& dev = T.devices[static_cast<size_t>(o.device)].name;
    ++net_blocked_;
    WaitFor([this, id] { return objs_[id].completed; }, -1,
            fmt::format("in `{}` on {}", b.name.substr(1), dev.substr(dev.find(' ') + 1)));
    --net_blocked_;
  }
  return objs_[id].result;
}

// A read on a socket in non-blocking mode never waits: bytes that have arrived are read at once
// (the device's read latency is the wake-up of a read that waits), a client that has closed gives
// 0, and nothing at all gives `Err` of kind WouldBlock (EAGAIN, os error 11) instead of blocking.
Value Emulator::NonblockingRead(std::vector<Value>& a) {
  const NetConn& c = net_conns_[static_cast<size_t>(LibReceiver(a[0]).i)];
  const size_t waiting = NetAvailable(c, now_);
  const bool closed = c.spec->close_ms && *c.spec->close_ms <= now_;
  if (waiting == 0 && !closed) {
    Note(0, fmt::format("read from {} would block: nothing has arrived, so the non-blocking socket returns "
                        "Err(WouldBlock) at once", c.spec->peer));
    return IoError("Resource temporarily unavailable (os error 11)", "WouldBlock");
  }
  const int id = NewNetLeaf(GetBuiltin(BuiltinId::NetReadBlocking), a);
  const size_t room = Deref(objs_[id].slots[0]).v.size();
  NetRequest(id, now_, 0,
             waiting > 0 ? fmt::format("non-blocking read up to {} bytes ({} waiting)", room, waiting)
                         : fmt::format("non-blocking read up to {} bytes (the client has closed)", room));
  return objs_[id].result;
}

// `epoll_wait(&conns)`: the emulator's epoll, level-triggered, with every connection of the slice
// registered for reading. The connections that can be read now (bytes wait, or the client has
// closed) are returned as indices into the slice; when none can, the thread sleeps until the
// first one can. This is the only call of the event loop that waits.
Value Emulator::EpollWait(Value& conns) {
  std::vector<size_t> ids;
  for (Value& s : Deref(conns).v) ids.push_back(static_cast<size_t>(LibReceiver(s).i));
  auto readable = [this, &ids]() {
    std::vector<size_t> r;
    for (size_t k = 0; k < ids.size(); ++k) {
      const NetConn& c = net_conns_[ids[k]];
      if (NetAvailable(c, now_) > 0 || (c.spec->close_ms && *c.spec->close_ms <= now_)) r.push_back(k);
    }
    return r;
  };
  for (;;) {
    std::vector<size_t> ready = readable();
    if (!ready.empty()) {
      Value out = Value::Make(Value::K::Array);
      out.s = "vec";
      for (size_t k : ready) out.v.push_back(Value::Int(static_cast<int64_t>(k)));
      return out;
    }
    int64_t next = -1;
    for (size_t id : ids) {
      const int64_t at = NetReadyAt(net_conns_[id]);
      if (at >= 0 && (next < 0 || at < next)) next = at;
    }
    const std::string what = fmt::format("in `epoll_wait` on {} connection{}", ids.size(), ids.size() == 1 ? "" : "s");
    ++net_blocked_;
    WaitFor([this, readable] { return !readable().empty(); }, next, what);
    --net_blocked_;
  }
}

// `&v[a..b]`: a reference to a copy of the elements (in an object of its own), which is what a
// shared slice reads.
Value Emulator::SliceOf(Value& seq_ref, const Value& range) {
  const Value& seq = Deref(seq_ref);
  const int64_t len = static_cast<int64_t>(seq.v.size());
  const int64_t from = range.i, to = range.end == INT64_MAX ? len : range.end;
  if (to > len) Panic(fmt::format("range end index {} out of range for slice of length {}", to, len));
  if (from > to) Panic(fmt::format("slice index starts at {} but ends at {}", from, to));
  Value copy = Value::Make(Value::K::Array);
  copy.v.assign(seq.v.begin() + from, seq.v.begin() + to);
  Obj o;
  o.k = Obj::K::Box;
  o.slots.push_back(std::move(copy));
  const int id = NewObj(std::move(o), "slice", ObjectKind::Leaf);
  Value r = Value::Make(Value::K::Ref);
  r.obj = id;
  r.slot = 0;
  return r;
}

std::string Emulator::ShowNetValue(const Value& v) const {
  const std::string addr = v.i >= 0 && static_cast<size_t>(v.i) < net_conns_.size()
                               ? net_conns_[static_cast<size_t>(v.i)].spec->peer
                               : S.network.address;
  if (v.s == "SocketAddr") return addr;
  return fmt::format("{} {{ addr: {} }}", v.s, addr);
}

bool Emulator::OnlyNetworkWaits(int waiting_threads) const { return net_blocked_ > 0 && net_blocked_ == waiting_threads; }

}  // namespace aws::emu
