// Tasks and wakers, shared by every executor: spawning, the ready queue, creating, dropping and
// waking wakers, and one top-level poll of a task.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {
namespace {

// 10000 -> "10,000".
std::string GroupedDigits(size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

}  // namespace

void Emulator::SpawnTask(const Value& fut, const std::string& name) {
  int id = static_cast<int>(tasks_.size());
  TaskRec t;
  t.root = static_cast<int>(fut.i);
  t.name = name;
  tasks_.push_back(t);
  T.tasks.push_back({name, t.root, static_cast<int64_t>(T.events.size())});
  MarkTask(t.root, id);
  EmitSpawn(id, t.root, name);
  if (mem_on_ && t.root >= 0 && static_cast<size_t>(t.root) < home_.size() && home_[t.root] >= 0) {
    MemBlock* b = mem_.Find(home_[t.root]);
    if (b && b->region == MemRegion::Stack)
      RelocateMachine(t.root, 0, MemRegion::Tasks, fmt::format("spawn moves {}#{} into its task (Box::pin)", T.objects[t.root].name, t.root));
    if ((b = mem_.Find(home_[t.root]))) b->pinned = true;
  }
  if (kind_->enqueue_on_spawn) Enqueue(id);
}

void Emulator::MarkTask(int obj, int task) {
  if (obj < 0 || obj >= static_cast<int>(objs_.size())) return;
  objs_[obj].task = task;
  T.objects[obj].task = task;
}

void Emulator::Enqueue(int task) {
  const size_t cap = kind_->capacity > 0 ? kind_->capacity : static_cast<size_t>(S.queue_capacity);
  if (queue_.size() >= cap) {
    if (kind_->when_full == QueueFull::Panic) Panic("task_queue full", false);
    if (kind_->when_full == QueueFull::Deadlock)
      Fault(fmt::format("deadlock: the task channel is full ({} tasks) and `send` blocks the executor's own thread",
                        GroupedDigits(cap)));
  }
  queue_.push_back(task);
  EmitQueuePush(task);
}

int Emulator::NewWaker(int task) {
  wakers_.push_back({task, true});
  int id = static_cast<int>(wakers_.size()) - 1;
  EmitWakerCreate(task, id);
  return id;
}

void Emulator::DropWaker(int w) {
  if (w < 0 || !wakers_[w].live) return;
  if (wakers_[w].scripted) {
    DropScriptWaker(w);
    return;
  }
  wakers_[w].live = false;
  EmitWakerDrop(wakers_[w].task, w);
}

// `waker.wake()`: what happens depends on the executor that made the waker.
void Emulator::Wake(int w, int device, const std::string& what) {
  if (w < 0) return;
  if (wakers_[w].scripted) {  // a waker of script code: its vtable's wake_by_ref
    WakeScriptWaker(w, device, what, false);
    return;
  }
  int task = wakers_[w].task;
  if (task < 0) {  // no-op / dummy waker
    EmitWakerWake(-1, w, device, false, what);
    return;
  }
  EmitWakerWake(task, w, device, true, what);
  ++T.summary.wakes;
  Enqueue(task);
}

void Emulator::TaskFinished(int task, const Value& result) {
  tasks_[task].done = true;
  if (tasks_[task].joinable) tasks_[task].result = result;
  last_done_ms_ = now_;
  EmitTaskDone(task, tasks_[task].root, result);
  // tokio's JoinHandle: the task that awaits it waits on this one; its waker is woken now
  std::vector<int> joiners = std::move(tasks_[task].joiners);
  tasks_[task].joiners.clear();
  for (int leaf : joiners) {
    Obj& o = objs_[leaf];
    if (o.dropped || o.waker < 0) continue;
    int w = o.waker;
    o.waker = -1;
    Wake(w, -1, fmt::format("task {} finished", task));
  }
}

// One top-level poll of a task by the executor.
bool Emulator::PollTask(int task, int waker, Value* result) {
  const bool was_done = tasks_[task].done;  // poll_after_ready polls a finished task on purpose
  ApplyDueInjections();
  if (!was_done && tasks_[task].done) return false;  // cancelled just now (a what-if)
  cur_task_ = task;
  last_pending_hand_written_.erase(task);
  stmts_in_poll_ = 0;
  poll_start_event_ = static_cast<int64_t>(T.events.size());
  Value out;
  // Counted before it runs (a poll that panics is a poll too), but not when the step budget stops
  // the run before its poll_begin is recorded: the summary counts the polls the trace shows.
  ++T.summary.polls;
  bool ready = false;
  try {
    ready = Poll(tasks_[task].root, waker, &out);
  } catch (...) {
    bool began = false;
    for (size_t i = static_cast<size_t>(poll_start_event_); i < T.events.size() && !began; ++i)
      began = T.events[i].kind == EventKind::PollBegin;
    if (!began) --T.summary.polls;
    throw;
  }
  if (ready) ++T.summary.ready;
  else ++T.summary.pending;
  if (ready) TaskFinished(task, out);
  if (ready && result) *result = out;
  cur_task_ = -1;
  cur_line_ = 0;
  return ready;
}

bool Emulator::AllDone() const {
  return std::all_of(tasks_.begin(), tasks_.end(), [](const TaskRec& t) { return t.done; });
}

void Emulator::PollAfterReadyIfAsked() {
  if (!(O.poll_after_ready || S.poll_after_ready) || tasks_.empty() || !tasks_[0].done || after_ready_done_) return;
  after_ready_done_ = true;
  Note(0, "polling task 0 once more after it returned Ready");
  PollTask(0, -1);
}

}  // namespace aws::emu
