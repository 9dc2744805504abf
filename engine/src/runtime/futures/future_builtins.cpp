// The built-ins that make futures (the leaf futures of the devices, ready, yield_now, the
// combinators join/map/then) and the ones that act on tasks and the core (spawn, work,
// thread_sleep).
#include <fmt/format.h>

#include "runtime/emulator.h"

namespace aws::emu {

Value Emulator::CallFutureBuiltin(const Builtin& b, std::vector<Value>& a) {
  switch (b.id) {
    case BuiltinId::ReadFile: case BuiltinId::WriteFile: {
      std::string path = Load(a[0]).s;
      bool write = b.id == BuiltinId::WriteFile;
      int id = NewLeaf(write ? FutureKind::WriteFile : FutureKind::ReadFile,
                       fmt::format("{}({})", write ? "async_write_file" : "async_read_file", Quote(path)));
      Obj& o = objs_[id];
      o.path = path;
      if (write) o.write_data = Load(a[1]).s;
      o.device = Device("disk", "disk");
      return Value::Future(id);
    }
    case BuiltinId::Sleep: {
      int64_t ms = Load(a[0]).i;
      int id = NewLeaf(FutureKind::Sleep, fmt::format("sleep({}ms)", ms));
      objs_[id].latency = ms;
      objs_[id].device = Device("timer", "timer");
      return Value::Future(id);
    }
    case BuiltinId::TimerNew: return Value::Future(StartTimerThread(Load(a[0]).i));
    case BuiltinId::ScancodeNew: {
      if (kb_initialized_) Panic("ScancodeStream::new should only be called once");
      kb_initialized_ = true;
      Device("keyboard", "keyboard");
      return Value::Make(Value::K::Stream);
    }
    case BuiltinId::StreamNext: {
      int id = NewLeaf(FutureKind::Next, "scancodes.next()");
      objs_[id].device = Device("keyboard", "keyboard");
      return Value::Future(id);
    }
    case BuiltinId::ScriptStreamNext: {
      // `StreamExt::next(&mut stream)` of a script's stream: each poll calls its `poll_next`
      // with the stream where it lives (a hand-written future polled in place).
      Value r = a[0];
      for (int guard = 0; r.k == Value::K::Ref && guard < 64; ++guard) {
        const Value& t = At(Loc{r.obj, r.slot, r.path});
        if (t.k != Value::K::Ref) break;
        r = t;
      }
      const Value& stream = At(Loc{r.obj, r.slot, r.path});
      const FnDecl* poll_next = P.checked->module.FindFn(stream.s + "::poll_next");
      if (!poll_next) Fault("internal error: `next` of a struct that is not a stream");
      Obj o;
      o.k = Obj::K::HandWritten;
      o.body = P.checked->fn_body.at(poll_next);
      r.i = 1;
      o.slots = {r, Value()};
      return Value::Future(NewObj(std::move(o), PlaceName(r) + ".next()", ObjectKind::Leaf));
    }
    case BuiltinId::YieldNow: return Value::Future(NewLeaf(FutureKind::YieldNow, "yield_now()"));
    case BuiltinId::Ready: {
      int id = NewLeaf(FutureKind::Ready, fmt::format("ready({})", Show(Load(a[0]), true)));
      objs_[id].result = a[0];
      return Value::Future(id);
    }
    case BuiltinId::Join: {
      Obj o;
      o.k = Obj::K::Combinator;
      o.comb = std::make_unique<Obj::Combinator>();
      o.fut = FutureKind::Join;
      o.comb->kids = {FutureObjectOf(a[0]), FutureObjectOf(a[1])};
      o.comb->outs.assign(2, Value());
      o.comb->kid_done.assign(2, false);
      int id = NewObj(std::move(o), "join", ObjectKind::Combinator);
      for (int k : objs_[id].comb->kids) T.objects[k].parent = id;
      return Value::Future(id);
    }
    case BuiltinId::Select: case BuiltinId::JoinAll: {
      // select!'s branches (in order), or join_all's vector of futures
      std::vector<int> kids;
      if (b.id == BuiltinId::Select) {
        for (Value& f : a) kids.push_back(FutureObjectOf(f));
      } else {
        Value vec = Load(a[0]);
        for (Value& f : vec.v) kids.push_back(FutureObjectOf(f));
      }
      Obj o;
      o.k = Obj::K::Combinator;
      o.comb = std::make_unique<Obj::Combinator>();
      o.fut = b.id == BuiltinId::Select ? FutureKind::Select : FutureKind::JoinAll;
      o.comb->kids = kids;
      o.comb->outs.assign(kids.size(), Value());
      o.comb->kid_done.assign(kids.size(), false);
      int id = NewObj(std::move(o), b.id == BuiltinId::Select ? "select" : "join_all", ObjectKind::Combinator);
      for (int k : objs_[id].comb->kids) T.objects[k].parent = id;
      return Value::Future(id);
    }
    case BuiltinId::Spawn: {
      if (main_thread_body_ >= 0)
        FaultHere("`spawn` hands a future to the executor, but a program with a plain `fn main()` has none: write "
                  "`async fn main()`, or run the future with an executor written in the script");
      int id = FutureObjectOf(a[0]);
      SpawnTask(Value::Future(id), T.objects[id].name);
      return Value::Unit();
    }
    case BuiltinId::Work: case BuiltinId::ThreadSleep: {
      int64_t ms = Load(a[0]).i;
      bool blocking = b.id == BuiltinId::ThreadSleep;
      if (blocking && cur_task_ < 0 && !CurrentThreadName().empty()) {
        // Plain code's thread sleeps on the virtual clock; the core runs other threads or idles.
        Note(0, fmt::format("thread '{}' sleeps {}ms", CurrentThreadName(), ms));
        WaitFor([] { return false; }, now_ + ms, fmt::format("in `thread::sleep` until {}ms", now_ + ms));
        return Value::Unit();
      }
      if (!blocking) {
        PlainWork(ms);
        return Value::Unit();
      }
      EmitCpuBusy(ms, blocking);
      AdvanceTo(now_ + ms, /*deliver=*/false);
      PlainTimePassed();
      return Value::Unit();
    }
    case BuiltinId::Map: case BuiltinId::Then: {
      Obj o;
      o.k = Obj::K::Combinator;
      o.comb = std::make_unique<Obj::Combinator>();
      o.fut = b.id == BuiltinId::Map ? FutureKind::Map : FutureKind::Then;
      o.comb->kids = {static_cast<int>(a[0].i)};
      o.comb->fn = a[1];
      int id = NewObj(std::move(o), b.id == BuiltinId::Map ? "map" : "then", ObjectKind::Combinator);
      T.objects[objs_[id].comb->kids[0]].parent = id;
      return Value::Future(id);
    }
    default: break;
  }
  Fault(fmt::format("internal error: built-in `{}` is not available at run time", b.name));
}

}  // namespace aws::emu
