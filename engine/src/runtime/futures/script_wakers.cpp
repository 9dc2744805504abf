// Wakers, contexts and task polls made by script code, for executors written in the script
// (a plain `fn main()` that builds and runs its own executor):
// - `RawWaker::new(data, &VTABLE)` with `RawWakerVTable::new(clone, wake, wake_by_ref, drop)` of
//   script functions, `unsafe { Waker::from_raw(raw) }`: a waker of the runtime (WakerRec) whose
//   clone, wake, wake_by_ref and drop call those functions on the data pointer, with the same trace
//   events as the built-in executors' wakers (waker_create, waker_clone, wake, waker_drop). Such a
//   waker belongs to no task (task none in the trace, as the built-in `simple` executor's dummy
//   waker): the runtime cannot see which task its data stands for.
// - `Waker::noop()` (a `&'static Waker`) and `futures::task::noop_waker()`: no-op wakers.
// - `Context::from_waker(&waker)`: a Context holding the waker (`cx.waker()` reads it back).
// - A future polled at the top level by plain code (`task.future.as_mut().poll(&mut cx)` outside
//   any task's poll) is a task: it becomes one (a spawn event) at its first poll, or when plain
//   code first pushes it into a queue (below), and each such poll is that task's top-level poll
//   (poll_begin/poll_end at depth 0, counted in the summary). A poll that returns Pending costs one
//   tick of the virtual clock (the time rule: PlainPollPending), unless its waker is a `Wake`
//   waker of a known task (arc_wakers.cpp): such an executor polls only when woken.
// - The executor's queue: a `VecDeque`, `ArrayQueue` or mpsc channel that plain code pushes into
//   or pops from, when the element holds a task's future (a `Task` struct with its pinned box, an
//   `Arc<Task>`, the boxed future itself). Those pushes and pops are the executors' queue_push and
//   queue_pop events, with the queue's length after the operation.
#include <fmt/format.h>

#include "awaitscope/library_types.h"
#include "runtime/emulator.h"

namespace aws::emu {

namespace {

constexpr int kVtableClone = 0, kVtableWake = 1, kVtableWakeByRef = 2, kVtableDrop = 3;

}  // namespace

int Emulator::NewScriptWaker(const Value& raw) {
  WakerRec rec{-1, true, true};
  rec.raw = raw;
  rec.scripted = true;
  wakers_.push_back(std::move(rec));
  ++script_wakers_;
  int id = static_cast<int>(wakers_.size()) - 1;
  EmitWakerCreate(-1, id);
  return id;
}

Value Emulator::CallVtable(int w, int fn) {
  // Copies: the call may grow the waker table.
  Value raw = wakers_[w].raw;
  if (raw.k != Value::K::Tuple || raw.v.size() != 2 || raw.v[1].k != Value::K::Tuple || raw.v[1].v.size() != 4)
    Fault("internal error: a raw waker without its vtable");
  Value f = raw.v[1].v[static_cast<size_t>(fn)];
  return CallClosure(f, {raw.v[0]});
}

int Emulator::CloneScriptWaker(int of) {
  if (wakers_[of].arc) return CloneArcWaker(of);
  Value raw = Load(CallVtable(of, kVtableClone));
  WakerRec rec{wakers_[of].task, true, true};
  rec.raw = std::move(raw);
  rec.scripted = true;
  wakers_.push_back(std::move(rec));
  ++script_wakers_;
  int id = static_cast<int>(wakers_.size()) - 1;
  EmitWakerClone(wakers_[of].task, id, of);
  return id;
}

void Emulator::WakeScriptWaker(int w, int device, const std::string& what, bool consume) {
  if (wakers_[w].arc) {
    WakeArcWaker(w, device, what, consume);
    return;
  }
  int task = wakers_[w].task;
  EmitWakerWake(task, w, device, task >= 0, what);
  if (task >= 0) ++T.summary.wakes;
  if (!consume) {
    CallVtable(w, kVtableWakeByRef);
    return;
  }
  // `wake(self)`: the vtable's wake takes the data over (it drops it, not the drop function).
  wakers_[w].live = false;
  CallVtable(w, kVtableWake);
  EmitWakerDrop(task, w);
}

void Emulator::DropScriptWaker(int w) {
  if (wakers_[w].arc) {
    DropArcWaker(w);
    return;
  }
  wakers_[w].live = false;
  EmitWakerDrop(wakers_[w].task, w);
  CallVtable(w, kVtableDrop);
}

Value Emulator::CallScriptWakerBuiltin(const Builtin& b, std::vector<Value>& a, bool* handled) {
  *handled = true;
  switch (b.id) {
    case BuiltinId::RawWakerVTableNew: {
      Value vt = Value::Make(Value::K::Tuple);
      for (Value& f : a) vt.v.push_back(Load(f));
      return vt;
    }
    case BuiltinId::RawWakerNew: {
      // The vtable is copied in: a promoted `&RawWakerVTable::new(..)` or a `static` lives as
      // long as the program, which the copy models without a place to dangle from.
      Value raw = Value::Make(Value::K::Tuple);
      raw.v = {a[0], Load(a[1])};
      return raw;
    }
    case BuiltinId::WakerFromRaw: {
      if (const Value& arc = LibReceiver(a[0]); arc.k == Value::K::Struct && arc.mode == kLibArc) {
        // `Waker::from(arc)` / `arc.into()` (arc_wakers.cpp): the Arc itself (Load would follow it)
        // futures' `waker_ref(&arc)` borrows the Arc; modelled as a waker holding one more count,
        // which its drop gives back.
        if (b.name.find("waker_ref") != std::string_view::npos && arc.obj >= 0) ++objs_[arc.obj].strong;
        Value w = Value::Make(Value::K::Waker);
        w.i = NewArcWaker(arc);
        return w;
      }
      Value w = Value::Make(Value::K::Waker);
      w.i = NewScriptWaker(Load(a[0]));
      return w;
    }
    case BuiltinId::NoopWaker: {
      wakers_.push_back({-1, true, true});
      ++script_wakers_;
      Value w = Value::Make(Value::K::Waker);
      w.i = static_cast<int>(wakers_.size()) - 1;
      EmitWakerCreate(-1, static_cast<int>(w.i));
      return w;
    }
    case BuiltinId::WakerNoop: {
      // `&'static Waker`: one no-op waker for the whole run, in a place of its own (never dropped).
      if (static_noop_waker_ < 0) {
        Value w = Value::Make(Value::K::Waker);
        w.i = NewWaker(-1);
        Obj o;
        o.k = Obj::K::Box;
        o.slots.push_back(w);
        static_noop_waker_ = NewObj(std::move(o), "Waker::noop()", ObjectKind::Leaf);
      }
      Value r = Value::Make(Value::K::Ref);
      r.obj = static_noop_waker_;
      r.slot = 0;
      return r;
    }
    case BuiltinId::ContextFromWaker: {
      Value cx = Value::Make(Value::K::Context);
      cx.v.push_back(Load(a[0]));
      return cx;
    }
    default: break;
  }
  *handled = false;
  return Value::Unit();
}

int Emulator::TaskOfFuture(int id, bool make) {
  if (id < 0 || id >= static_cast<int>(objs_.size())) return -1;
  int t = objs_[id].task;
  if (t >= 0 && t < static_cast<int>(tasks_.size()) && tasks_[t].root == id) return t;
  if (!make || T.objects[id].parent >= 0) return -1;  // a part of another future
  t = static_cast<int>(tasks_.size());
  TaskRec rec;
  rec.root = id;
  rec.name = T.objects[id].name;
  tasks_.push_back(rec);
  T.tasks.push_back({rec.name, id, static_cast<int64_t>(T.events.size())});
  MarkTask(id, t);
  EmitSpawn(t, id, rec.name);
  return t;
}

int Emulator::TaskIn(const Value& v, int depth) {
  if (depth > 16) return -1;
  switch (v.k) {
    case Value::K::Future: return TaskOfFuture(static_cast<int>(v.i), true);
    case Value::K::Ref: {
      // A box (`Pin<Box<dyn Future>>`): the future in it; a hand-written future's struct is the
      // object that polls it where it lies.
      if (v.obj < 0 || v.obj >= static_cast<int>(objs_.size()) || objs_[v.obj].k != Obj::K::Box || v.slot != 0 ||
          !v.path.empty())
        return -1;
      const Value& in = objs_[v.obj].slots[0];
      if (in.k == Value::K::Struct && in.mode == 0) {
        const StructDecl* sd = P.checked->module.FindStruct(in.s);
        if (sd && P.checked->hand_written.count(sd)) return TaskOfFuture(HandWrittenInPlace(v), true);
      }
      return TaskIn(in, depth + 1);
    }
    case Value::K::Struct:
      if (v.mode == kLibArc)
        return v.obj >= 0 && v.obj < static_cast<int>(objs_.size()) && !objs_[v.obj].slots.empty()
                   ? TaskIn(objs_[v.obj].slots[0], depth + 1)
                   : -1;
      [[fallthrough]];
    case Value::K::Tuple: case Value::K::Variant:
      for (const Value& x : v.v)
        if (int t = TaskIn(x, depth + 1); t >= 0) return t;
      return -1;
    default: return -1;
  }
}

void Emulator::TraceExecutorQueue(const Builtin& b, std::vector<Value>& a, const Value& r) {
  const Value* elem = nullptr;
  bool push = false;
  switch (b.id) {
    case BuiltinId::MapInsert: LearnTaskKey(a[1], a[2]); return;
    case BuiltinId::PushBack: case BuiltinId::PushFront: elem = &a[1]; push = true; break;
    case BuiltinId::QueuePush: case BuiltinId::Send:
      if (r.k == Value::K::Variant && r.s == "Ok") elem = &a[1];
      push = true;
      break;
    case BuiltinId::PopFront: case BuiltinId::PopBack: case BuiltinId::QueuePop:
      if (r.k == Value::K::Variant && r.s == "Some" && !r.v.empty()) elem = &r.v[0];
      break;
    case BuiltinId::Recv: case BuiltinId::TryRecv:
      if (r.k == Value::K::Variant && r.s == "Ok" && !r.v.empty()) elem = &r.v[0];
      break;
    default: return;
  }
  if (!elem) return;
  int task = TaskIn(*elem);
  if (task >= 0 && push) LearnTaskFieldKeys(*elem, task);  // `task_queue.push_back(task)` (arc_wakers.cpp)
  if (task < 0) task = TaskOfKey(*elem);  // a task id (arc_wakers.cpp)
  // An `Arc<Task>` stays its task's after the future is taken out of it (the async book's
  // `future_slot.take()`): a finished task's late wake-up still queues that task.
  const Value& arc = LibReceiver(*const_cast<Value*>(elem));
  const bool is_arc = arc.k == Value::K::Struct && arc.mode == kLibArc && arc.obj >= 0;
  if (task >= 0 && is_arc) task_arcs_[arc.obj] = task;
  if (task < 0 && is_arc)
    if (auto it = task_arcs_.find(arc.obj); it != task_arcs_.end()) task = it->second;
  if (task < 0) return;
  if (push) {
    ++task_pushes_;
    if (wake_pushes_) wake_pushes_->push_back(task);
  }
  size_t len = 0;
  if (b.id == BuiltinId::Send || b.id == BuiltinId::Recv || b.id == BuiltinId::TryRecv)
    len = channels_[static_cast<size_t>(LibReceiver(a[0]).i)].items.size();
  else
    len = Deref(a[0]).v.size();
  if (push) EmitQueuePush(task, len);
  else EmitQueuePop(task, len);
}

Value Emulator::PlainPoll(int id, int waker) {
  int task = TaskOfFuture(id, true);
  if (task < 0) {  // a part of another future, polled by hand from plain code
    Value out;
    if (Poll(id, waker, &out)) return Value::Variant("Ready", {out});
    PlainPollPending();
    return Value::Variant("Pending");
  }
  if (waker >= 0 && wakers_[waker].arc && wakers_[waker].task >= 0 && wakers_[waker].task != task)
    Note(1, fmt::format("task {} is polled with the waker W{} of task {}: its wake-ups will queue task {}", task, waker,
                        wakers_[waker].task, wakers_[waker].task));
  const uint32_t line = cur_line_;
  const Span span = cur_span_;
  const int64_t stmts = stmts_in_poll_;
  Value out;
  bool ready = PollTask(task, waker, &out);
  cur_line_ = line;
  cur_span_ = span;
  stmts_in_poll_ = stmts;
  if (ready) return Value::Variant("Ready", {out});
  // The tick is one round of a busy loop. An executor whose waker queues this task (a `Wake`
  // waker of a known task) polls it again only when woken, as the built-in waker executor does,
  // which takes no time per poll.
  if (waker < 0 || !wakers_[waker].arc || wakers_[waker].task < 0) PlainPollPending();
  return Value::Variant("Pending");
}

}  // namespace aws::emu
