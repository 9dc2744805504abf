// Wakers written as script code with std's `Wake` trait, and the task ids of an executor written
// in the script (the blog's `Executor`, scenarios/scripted_waker_executor.rs):
// - `Waker::from(Arc::new(TaskWaker { .. }))` / `arc.into()`: a waker of the runtime (WakerRec)
//   whose `raw` is the `Arc<W>`. `clone()` clones the Arc (the count goes up), `wake()` moves it
//   into W's `wake(self: Arc<Self>)`, `wake_by_ref()` calls W's `wake_by_ref(self: &Arc<Self>)` or,
//   when W does not define it, std's default (`self.clone().wake()`), and dropping the waker drops
//   the Arc. The trace events are the built-in executors': waker_create, waker_clone, wake,
//   waker_drop. W's code runs as executor code (task none), whoever wakes the waker.
// - Which task a waker wakes: plain code that inserts a value holding a task's future into a map
//   (`tasks.insert(task.id, task)`) makes the key stand for that task, and so does a push of a task
//   struct into a queue for the struct's id fields (`task_queue.push_back(task)`). A waker whose W has a field
//   equal to such a key (`task_id`) is that task's waker; a push or pop of such a key by plain
//   code is that task's queue_push or queue_pop (script_wakers.cpp, TraceExecutorQueue).
// - Student bugs are named where they happen: a `wake` that queues no task, or another task than
//   its own, and a task polled with another task's waker, are warnings in the trace.
#include <fmt/format.h>

#include "runtime/emulator.h"

namespace aws::emu {

namespace {

const StructDecl* ArcTarget(const CheckedProgram& p, const std::deque<Obj>& objs, const Value& arc) {
  if (arc.k != Value::K::Struct || arc.mode != kLibArc || arc.obj < 0 || arc.obj >= static_cast<int>(objs.size()) ||
      objs[arc.obj].slots.empty())
    return nullptr;
  const Value& in = objs[arc.obj].slots[0];
  return in.k == Value::K::Struct && in.mode == 0 ? p.module.FindStruct(in.s) : nullptr;
}

}  // namespace

void Emulator::LearnTaskKey(const Value& key, const Value& value) {
  int task = TaskIn(value);
  if (task >= 0) task_keys_[Show(Load(key), true)] = task;
}

// A task struct pushed into a queue by plain code (`task_queue.push_back(task)` of the blog's first
// executor, which keeps whole tasks in its queues): its id fields (plain structs such as
// `TaskId(0)`) stand for the task from then on, so the waker made at its first poll, before any
// map holds the task, is already that task's waker.
void Emulator::LearnTaskFieldKeys(const Value& elem, int task) {
  Value v = Load(elem);
  if (v.k != Value::K::Struct || v.mode != 0) return;
  for (const Value& f : v.v)
    if (f.k == Value::K::Struct && f.mode == 0 && TaskIn(f) < 0) task_keys_.emplace(Show(f, true), task);
}

int Emulator::TaskOfKey(const Value& v0) {
  if (task_keys_.empty()) return -1;
  Value v = Load(v0);
  if (v.k == Value::K::Struct && v.mode == kLibArc) {
    if (v.obj < 0 || v.obj >= static_cast<int>(objs_.size()) || objs_[v.obj].slots.empty()) return -1;
    v = objs_[v.obj].slots[0];
  }
  if (auto it = task_keys_.find(Show(v, true)); it != task_keys_.end()) return it->second;
  if (v.k != Value::K::Struct || v.mode != 0) return -1;
  for (const Value& f : v.v) {
    if (f.k == Value::K::Struct && f.mode != 0) continue;  // an Arc, a queue: not the waker's own id
    if (auto it = task_keys_.find(Show(f, true)); it != task_keys_.end()) return it->second;
  }
  return -1;
}

int Emulator::NewArcWaker(const Value& arc) {
  // The executor's own waker (not a clone held by a task's code: WhyStuck does not blame it).
  // W is known by a task id it holds, or it holds the task's future itself (the async book's
  // `Task` with its `Mutex<Option<BoxFuture>>`).
  int task = TaskOfKey(arc);
  if (task < 0) task = TaskIn(arc);
  if (task < 0)  // the future is out of its slot while it is polled: the Arc was queued as the task's
    if (auto it = task_arcs_.find(arc.obj); it != task_arcs_.end()) task = it->second;
  WakerRec rec{task, true, false};
  rec.raw = arc;
  rec.scripted = true;
  rec.arc = true;
  wakers_.push_back(std::move(rec));
  ++script_wakers_;
  int id = static_cast<int>(wakers_.size()) - 1;
  EmitWakerCreate(wakers_[id].task, id);
  return id;
}

int Emulator::CloneArcWaker(int of) {
  Value arc = wakers_[of].raw;
  if (arc.obj >= 0) ++objs_[arc.obj].strong;
  WakerRec rec{wakers_[of].task, true, true};
  rec.raw = arc;
  rec.scripted = true;
  rec.arc = true;
  wakers_.push_back(std::move(rec));
  ++script_wakers_;
  int id = static_cast<int>(wakers_.size()) - 1;
  EmitWakerClone(wakers_[of].task, id, of);
  return id;
}

void Emulator::DropArc(const Value& arc) {
  if (arc.obj < 0 || arc.obj >= static_cast<int>(objs_.size())) return;
  Obj& o = objs_[arc.obj];
  if (o.strong <= 0 || --o.strong > 0 || o.slots.empty()) return;
  const Value in = o.slots[0];
  const StructDecl* sd = ArcTarget(*P.checked, objs_, arc);
  auto it = sd ? P.checked->struct_fields.find(sd) : P.checked->struct_fields.end();
  if (it == P.checked->struct_fields.end()) return;
  for (size_t i = 0; i < it->second.size() && i < in.v.size(); ++i) DropLibraryValue(in.v[i], it->second[i]);
}

void Emulator::WakeArcWaker(int w, int device, const std::string& what, bool consume) {
  const int task = wakers_[w].task;
  const Value arc = wakers_[w].raw;
  const StructDecl* sd = ArcTarget(*P.checked, objs_, arc);
  // W's `impl Wake` functions (the checker made sure it has `wake`), or its `impl ArcWake` ones
  // (`wake_by_ref` is required; the provided `wake` calls it and drops the Arc).
  const FnDecl* wake = nullptr;
  const FnDecl* wake_by_ref = nullptr;
  bool arc_wake = false;
  for (const char* name : {"wake", "wake_by_ref"}) {
    const FnDecl* f = sd ? P.checked->module.FindFn(sd->name + "::" + name) : nullptr;
    if (!f || f->impl < 0) continue;
    const std::string& trait = P.checked->module.impls[static_cast<size_t>(f->impl)]->trait_name;
    if (trait != "Wake" && trait != "ArcWake") continue;
    arc_wake = arc_wake || trait == "ArcWake";
    (std::string_view(name) == "wake" ? wake : wake_by_ref) = f;
  }
  if (!wake && !(arc_wake && wake_by_ref)) Fault("internal error: a waker of an Arc whose type does not implement `Wake`");
  EmitWakerWake(task, w, device, true, what);
  if (task >= 0) ++T.summary.wakes;
  // W's code is the executor's: it runs outside any task's poll, so its queue pushes are the
  // executor's queue_push events.
  std::vector<int> pushes;
  std::vector<int>* const saved_pushes = wake_pushes_;
  const int saved_task = cur_task_, saved_depth = depth_;
  const uint32_t saved_line = cur_line_;
  const Span saved_span = cur_span_;
  wake_pushes_ = &pushes;
  cur_task_ = -1;
  depth_ = 0;
  auto call_by_ref = [&] {
    if (wakers_[w].holder < 0) {  // a place for the Arc, for `&Arc<Self>` to point at
      Obj o;
      o.k = Obj::K::Box;
      o.slots.push_back(arc);
      wakers_[w].holder = NewObj(std::move(o), fmt::format("Arc of waker W{}", w), ObjectKind::Leaf);
    }
    Value r = Value::Make(Value::K::Ref);
    r.obj = wakers_[w].holder;
    r.slot = 0;
    CallBody(P.checked->fn_body.at(wake_by_ref), {r}, {});
  };
  if (consume && wake) {
    wakers_[w].live = false;
    CallBody(P.checked->fn_body.at(wake), {arc}, {});
    EmitWakerDrop(task, w);
  } else if (consume) {  // ArcWake's provided `wake`: `Self::wake_by_ref(&self)`, then the Arc goes
    wakers_[w].live = false;
    call_by_ref();
    EmitWakerDrop(task, w);
    DropArc(arc);
  } else if (wake_by_ref) {
    call_by_ref();
  } else {  // std's default: `self.clone().wake()`
    if (arc.obj >= 0) ++objs_[arc.obj].strong;
    CallBody(P.checked->fn_body.at(wake), {arc}, {});
  }
  wake_pushes_ = saved_pushes;
  cur_task_ = saved_task;
  depth_ = saved_depth;
  cur_line_ = saved_line;
  cur_span_ = saved_span;
  if (task < 0) return;
  bool own = false;
  for (int t : pushes) own = own || t == task;
  if (pushes.empty())
    Note(1, fmt::format("the waker W{} of task {} ran `{}` but queued no task: nothing puts task {} back in the queue", w,
                        task, (consume && wake) || !wake_by_ref ? "wake" : "wake_by_ref", task));
  else if (!own)
    Note(1, fmt::format("the waker W{} of task {} queued task {} instead: task {} is not polled again", w, task,
                        pushes.front(), task));
}

void Emulator::DropArcWaker(int w) {
  wakers_[w].live = false;
  EmitWakerDrop(wakers_[w].task, w);
  DropArc(wakers_[w].raw);
}

// The race of the blog's naive `sleep_if_idle` (`if queue.is_empty() { hlt() }`), as the built-in
// waker executor plays it (executors/waker.cpp): the next interrupt arrives after the check and
// before `hlt`. Its handler queues the task, but `hlt` halts anyway; only the interrupt after it
// ends the halt. With no interrupt left, the halt is for good.
bool Emulator::NaiveHalt() {
  if (!S.naive_sleep_if_idle || interrupts_off_ || threads_ || pending_.empty()) return false;
  const int64_t next = pending_.begin()->t;
  AdvanceTo(next - 1 >= now_ ? next - 1 : now_, true);
  now_ = std::max(now_, next);
  Note(0, "sleep_if_idle: the task queue is empty");
  const int64_t pushes = task_pushes_;
  DeliverDueAt(next);
  const bool lost = task_pushes_ != pushes;
  EmitHalt(lost);
  halted_ = true;
  if (lost) Note(1, "lost wake-up: an interrupt arrived between the emptiness check and `hlt`; the ready task waits for the next interrupt");
  if (pending_.empty()) {
    if (lost) throw StopRun{1, "the CPU halted with a ready task and no interrupt will ever come (lost wake-up)"};
    HaltForGood(false);
  }
  AdvanceTo(pending_.begin()->t, true);
  DeliverDueAt(now_);
  halted_ = false;
  PlainTimePassed();
  return true;
}

}  // namespace aws::emu
