// The built-ins that make futures (the leaf futures of the devices, ready, yield_now, the
// combinators join/map/then) and the ones that act on tasks and the core (spawn, work,
// thread_sleep).
#include <fmt/format.h>

#include "runtime/emulator.h"

namespace aws::emu {

// join's, join!'s, try_join!'s and select!'s futures (in order), or join_all's vector of them. A
// future passed as `&mut fut` (pinned where it is) is polled through the pointer: it stays its
// owner's, so the combinator never drops it and is not its parent.
int Emulator::NewCombinator(FutureKind kind, std::vector<Value>& futs, const char* name) {
  Obj o;
  o.k = Obj::K::Combinator;
  o.comb = std::make_unique<Obj::Combinator>();
  o.fut = kind;
  for (Value& f : futs) {
    o.comb->borrowed.push_back(f.k == Value::K::Ref);
    o.comb->kids.push_back(FutureObjectOf(f));
  }
  o.comb->outs.assign(o.comb->kids.size(), Value());
  o.comb->kid_done.assign(o.comb->kids.size(), false);
  int id = NewObj(std::move(o), name, ObjectKind::Combinator);
  for (size_t i = 0; i < objs_[id].comb->kids.size(); ++i)
    if (!objs_[id].comb->borrowed[i]) T.objects[objs_[id].comb->kids[i]].parent = id;
  return id;
}

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
    case BuiltinId::Join: return Value::Future(NewCombinator(FutureKind::Join, a, "join"));
    case BuiltinId::TryJoin: return Value::Future(NewCombinator(FutureKind::TryJoin, a, "try_join"));
    case BuiltinId::Select: return Value::Future(NewCombinator(FutureKind::Select, a, "select"));
    case BuiltinId::JoinAll: {
      Value vec = Load(a[0]);
      return Value::Future(NewCombinator(FutureKind::JoinAll, vec.v.Mut(), "join_all"));
    }
    case BuiltinId::Spawn: case BuiltinId::TokioSpawn: {
      if (main_thread_body_ >= 0)
        FaultHere("`spawn` hands a future to the executor, but a program with a plain `fn main()` has none: write "
                  "`async fn main()`, or run the future with an executor written in the script");
      int id = FutureObjectOf(a[0]);
      int task = static_cast<int>(tasks_.size());
      SpawnTask(Value::Future(id), T.objects[id].name);
      if (b.id == BuiltinId::Spawn) return Value::Unit();
      // tokio's: the task's JoinHandle, a leaf future Ready with Ok(output) once the task is done
      tasks_[task].joinable = true;
      int h = NewLeaf(FutureKind::JoinHandle, fmt::format("JoinHandle(task {})", task));
      objs_[h].op = task;
      return Value::Future(h);
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
