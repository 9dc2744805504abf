// The flat fold: the trace's index (dense slots for the ids its events use, its text decoded
// once) and FlatState, plain vectors that a checkpoint copies with a few memcpys, where every
// event costs O(1) amortized; Materialize turns a flat state into the WorldState the views show.
// See world.cpp for how it relates to the reference fold.
#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>

#include "world_fold.h"

namespace aws::fold {

namespace {

// Assigns slots to the ids in `ids` (sorted, unique) and fills the id -> slot table.
void AssignSlots(std::vector<int32_t>& ids, std::vector<int32_t>& slot_of,
                 std::vector<int32_t>& id_of) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  slot_of.assign(ids.empty() ? 0 : static_cast<size_t>(ids.back()) + 1, -1);
  for (size_t i = 0; i < ids.size(); ++i)
    slot_of[static_cast<size_t>(ids[i])] = static_cast<int32_t>(i);
  id_of = std::move(ids);
}

}  // namespace

TraceIndex BuildIndex(const Trace& trace) {
  TraceIndex x;
  x.waker_executor = CachesWakers(trace);
  std::vector<int32_t> wakers, machines, leaves;
  for (const Event& e : trace.events) {
    switch (e.kind) {
      case EventKind::WakerCreate:
      case EventKind::WakerClone:
      case EventKind::WakerDrop:
        if (ValidWaker(e.waker)) wakers.push_back(e.waker);
        break;
      case EventKind::WakerRegister:
        if (!ValidWaker(e.waker)) break;
        wakers.push_back(e.waker);
        if (ValidObj(e.obj)) leaves.push_back(e.obj);
        if (ValidDevice(e.device)) x.devices = std::max(x.devices, e.device + 1);
        break;
      case EventKind::Transition:
        if (ValidObj(e.obj)) machines.push_back(e.obj);
        break;
      default:
        break;
    }
  }
  AssignSlots(wakers, x.waker_slot, x.waker_id);
  AssignSlots(machines, x.machine_slot, x.machine_obj);
  AssignSlots(leaves, x.leaf_slot, x.leaf_obj);
  x.waker_task.assign(x.waker_id.size(), -1);

  x.request_of.assign(trace.events.size(), -1);
  x.fields_slot.assign(trace.strings.size(), -1);
  std::map<std::pair<int32_t, int64_t>, std::deque<int32_t>> in_flight;
  for (size_t i = 0; i < trace.events.size(); ++i) {
    const Event& e = trace.events[i];
    switch (e.kind) {
      case EventKind::WakerCreate:
        if (x.waker_executor && ValidWaker(e.waker) && ValidTask(e.task)) {
          x.waker_task[static_cast<size_t>(x.WakerSlot(e.waker))] = e.task;
        }
        break;
      case EventKind::DeviceStart: {
        int32_t slot = static_cast<int32_t>(x.request_start.size());
        x.request_start.push_back(static_cast<int64_t>(i));
        x.request_of[i] = slot;
        in_flight[{e.device, e.a}].push_back(slot);
        break;
      }
      case EventKind::DeviceComplete: {
        const std::string& p = PayloadOf(trace, e);
        if (IsKeyPush(e, p)) {
          x.request_of[i] = TraceIndex::KeyPush(ParseScancode(p));
          break;
        }
        if (IsKeyPop(e, p)) {
          x.request_of[i] = TraceIndex::kKeyPop;
          break;
        }
        auto it = in_flight.find({e.device, e.a});
        if (it == in_flight.end()) break;
        x.request_of[i] = it->second.front();
        it->second.pop_front();
        if (it->second.empty()) in_flight.erase(it);
        break;
      }
      case EventKind::Print:
        x.output += PayloadOf(trace, e);
        break;
      case EventKind::Transition:
        if (e.payload >= 0 && static_cast<size_t>(e.payload) < x.fields_slot.size() &&
            x.fields_slot[static_cast<size_t>(e.payload)] < 0) {
          x.fields_slot[static_cast<size_t>(e.payload)] = static_cast<int32_t>(x.fields.size());
          x.fields.push_back(ParseFields(PayloadOf(trace, e), *x.field_lists));
        }
        break;
      case EventKind::MemAlloc:
      case EventKind::MemMove:
      case EventKind::MemFree:
      case EventKind::MemWrite:
      case EventKind::MemDangling:
        x.memory_events.push_back(static_cast<int64_t>(i));
        if (e.kind == EventKind::MemDangling) x.diagnostics.push_back(DiagnosticText(trace, e));
        break;
      case EventKind::Panic:
      case EventKind::Diagnostic:
        if (AddsDiagnostic(trace, e, static_cast<int64_t>(i))) x.diagnostics.push_back(DiagnosticText(trace, e));
        break;
      default:
        break;
    }
  }
  return x;
}

FlatState InitialFlat(const TraceIndex& x) {
  FlatState f;
  f.machines.resize(x.machine_obj.size());
  f.leaf_waker.assign(x.leaf_obj.size(), -1);
  f.device_waker.assign(static_cast<size_t>(x.devices), -1);
  f.waker_live.assign(x.waker_id.size(), 0);
  f.waker_refs.assign(x.waker_id.size(), 0);
  return f;
}

namespace {

FlatTask* FlatTaskOf(FlatState& f, int32_t task) {
  if (!ValidTask(task)) return nullptr;
  if (static_cast<size_t>(task) >= f.tasks.size()) f.tasks.resize(static_cast<size_t>(task) + 1);
  return &f.tasks[static_cast<size_t>(task)];
}

// Rebinds `binding` (a waker slot or -1) to `waker`, keeping the reference counts.
void Bind(FlatState& f, int32_t& binding, int32_t waker) {
  if (binding >= 0) f.waker_refs[static_cast<size_t>(binding)]--;
  binding = waker;
  if (waker >= 0) f.waker_refs[static_cast<size_t>(waker)]++;
}

void UnbindAll(FlatState& f, const TraceIndex& x, int32_t ws) {
  int32_t& refs = f.waker_refs[static_cast<size_t>(ws)];
  if (refs == 0) return;
  int32_t hint = x.waker_task[static_cast<size_t>(ws)];
  if (hint >= 0 && static_cast<size_t>(hint) < f.tasks.size() &&
      f.tasks[static_cast<size_t>(hint)].waker == ws) {
    Bind(f, f.tasks[static_cast<size_t>(hint)].waker, -1);
  }
  for (int32_t& d : f.device_waker) {
    if (refs == 0) return;
    if (d == ws) Bind(f, d, -1);
  }
  for (int32_t& l : f.leaf_waker) {
    if (refs == 0) return;
    if (l == ws) Bind(f, l, -1);
  }
  for (FlatTask& t : f.tasks) {
    if (refs == 0) return;
    if (t.waker == ws) Bind(f, t.waker, -1);
  }
}

}  // namespace

void FlatApply(const Trace& trace, const TraceIndex& x, int64_t step, FlatState& f) {
  const Event& e = trace.events[static_cast<size_t>(step)];
  f.step = step;
  f.t_ms = e.t_ms;
  switch (e.kind) {
    case EventKind::Spawn:
      if (FlatTask* t = FlatTaskOf(f, e.task)) t->status = TaskStatus::Scheduled;
      break;

    case EventKind::PollBegin:
      f.poll_stack.push_back(e.obj);
      if (e.a == 0) {
        if (FlatTask* t = FlatTaskOf(f, e.task)) {
          t->status = TaskStatus::Running;
          t->polls++;
        }
        f.running_task = e.task;
      }
      break;

    case EventKind::PollEnd:
      if (!f.poll_stack.empty()) f.poll_stack.pop_back();
      if (e.b == 1) {
        if (int32_t ls = x.LeafSlot(e.obj); ls >= 0)
          Bind(f, f.leaf_waker[static_cast<size_t>(ls)], -1);
      }
      if (e.a == 0) {
        if (FlatTask* t = FlatTaskOf(f, e.task); t && t->status == TaskStatus::Running) {
          t->status = t->queued > 0 ? TaskStatus::Scheduled : TaskStatus::Idle;
        }
        f.running_task = -1;
      }
      break;

    case EventKind::Transition:
      if (int32_t ms = x.MachineSlot(e.obj); ms >= 0) {
        f.machines[static_cast<size_t>(ms)] = {step, static_cast<int32_t>(e.b),
                                               static_cast<int32_t>(e.a), e.payload};
      }
      break;

    case EventKind::WakerCreate: {
      int32_t ws = x.WakerSlot(e.waker);
      if (ws < 0) break;
      f.waker_live[static_cast<size_t>(ws)]++;
      if (x.waker_executor) {
        if (FlatTask* t = FlatTaskOf(f, e.task)) Bind(f, t->waker, ws);
      }
      break;
    }

    case EventKind::WakerClone:
      if (int32_t ws = x.WakerSlot(e.waker); ws >= 0) f.waker_live[static_cast<size_t>(ws)]++;
      break;

    case EventKind::WakerDrop: {
      int32_t ws = x.WakerSlot(e.waker);
      if (ws < 0) break;
      if (f.waker_live[static_cast<size_t>(ws)] > 0) f.waker_live[static_cast<size_t>(ws)]--;
      UnbindAll(f, x, ws);
      break;
    }

    case EventKind::WakerRegister: {
      int32_t ws = x.WakerSlot(e.waker);
      if (ws < 0) break;
      if (ValidDevice(e.device)) Bind(f, f.device_waker[static_cast<size_t>(e.device)], ws);
      if (int32_t ls = x.LeafSlot(e.obj); ls >= 0)
        Bind(f, f.leaf_waker[static_cast<size_t>(ls)], ws);
      break;
    }

    case EventKind::WakerWake:
      if (e.b == 1) {
        if (FlatTask* t = FlatTaskOf(f, e.task)) t->wakes++;
      }
      if (ValidDevice(e.device) && static_cast<size_t>(e.device) < f.device_waker.size()) {
        Bind(f, f.device_waker[static_cast<size_t>(e.device)], -1);
      }
      break;

    case EventKind::QueuePush:
      f.queue.push_back(e.task);
      if (FlatTask* t = FlatTaskOf(f, e.task)) {
        t->queued++;
        if (t->status != TaskStatus::Running && t->status != TaskStatus::Done)
          t->status = TaskStatus::Scheduled;
      }
      break;

    case EventKind::QueuePop: {
      bool found = false;
      if (f.queue_head < f.queue.size() && f.queue[f.queue_head] == e.task) {
        f.queue_head++;
        found = true;
      } else {
        auto it = std::find(f.queue.begin() + static_cast<ptrdiff_t>(f.queue_head), f.queue.end(),
                            e.task);
        if (it != f.queue.end()) {
          f.queue.erase(it);
          found = true;
        }
      }
      if (found && ValidTask(e.task) && static_cast<size_t>(e.task) < f.tasks.size()) {
        f.tasks[static_cast<size_t>(e.task)].queued--;
      }
      if (f.queue_head >= 1024 && 2 * f.queue_head >= f.queue.size()) {
        f.queue.erase(f.queue.begin(), f.queue.begin() + static_cast<ptrdiff_t>(f.queue_head));
        f.queue_head = 0;
      }
      break;
    }

    case EventKind::DeviceStart:
      f.request_live.push_back(1);  // its slot is request_base + the index
      break;

    case EventKind::DeviceComplete: {
      const int32_t op = x.request_of[static_cast<size_t>(step)];
      if (TraceIndex::IsKeyPushOp(op)) {
        if (f.keyboard_queue.size() < kKeyboardQueueSlots)
          f.keyboard_queue.push_back(TraceIndex::PushedScancode(op));
        break;
      }
      if (op == TraceIndex::kKeyPop) {
        if (!f.keyboard_queue.empty()) f.keyboard_queue.erase(f.keyboard_queue.begin());
        break;
      }
      int64_t i = op - f.request_base;
      if (op < 0 || i < 0) break;
      f.request_live[static_cast<size_t>(i)] = 0;
      while (f.request_head < f.request_live.size() && !f.request_live[f.request_head])
        f.request_head++;
      if (f.request_head >= 4096 && 2 * f.request_head >= f.request_live.size()) {
        f.request_live.erase(f.request_live.begin(),
                             f.request_live.begin() + static_cast<ptrdiff_t>(f.request_head));
        f.request_base += static_cast<int64_t>(f.request_head);
        f.request_head = 0;
      }
      break;
    }

    case EventKind::Interrupt:
      f.last_interrupt_step = step;
      break;

    case EventKind::Halt:
      f.halted = true;
      break;

    case EventKind::Resume:
      f.halted = false;
      break;

    case EventKind::Print:
      f.output_len += PayloadOf(trace, e).size();
      break;

    case EventKind::Diagnostic:
      if (IsDropNote(e)) {
        // The dropped future's waker goes with it; its device request is left to finish alone.
        if (int32_t ls = x.LeafSlot(e.obj); ls >= 0) Bind(f, f.leaf_waker[static_cast<size_t>(ls)], -1);
        for (size_t i = f.request_head; i < f.request_live.size(); ++i)
          if (f.request_live[i] == 1 &&
              trace.events[static_cast<size_t>(x.request_start[static_cast<size_t>(f.request_base + static_cast<int64_t>(i))])].obj == e.obj)
            f.request_live[i] = 2;
      }
      [[fallthrough]];
    case EventKind::Panic:
    case EventKind::MemDangling:
      if (AddsDiagnostic(trace, e, step)) f.diag_count++;
      break;

    case EventKind::TaskDone:
      if (FlatTask* t = FlatTaskOf(f, e.task)) {
        t->status = TaskStatus::Done;
        t->result = e.payload;
      }
      break;

    case EventKind::Inject:
    case EventKind::CpuBusy:
    case EventKind::RunEnd:
    case EventKind::MemAlloc:
    case EventKind::MemMove:
    case EventKind::MemFree:
    case EventKind::MemWrite:
    case EventKind::ExecLine:  // executor code's line: the world is as the last event left it
    case EventKind::ThreadState:    // threads: app/present/threads.cpp indexes them
    case EventKind::ContextSwitch:
    case EventKind::kCount:
      break;
  }
}

void Materialize(const Trace& trace, const TraceIndex& x, const FlatState& f, WorldState& w) {
  w.step = f.step;
  w.t_ms = f.t_ms;
  if (w.field_lists.index != x.field_lists) w.field_lists.index = x.field_lists;
  w.last_interrupt_step = f.last_interrupt_step;
  w.running_task = f.running_task;
  w.halted = f.halted;
  auto waker_id = [&](int32_t slot) {
    return slot < 0 ? -1 : x.waker_id[static_cast<size_t>(slot)];
  };

  w.tasks.resize(f.tasks.size());
  for (size_t i = 0; i < f.tasks.size(); ++i) {
    const FlatTask& ft = f.tasks[i];
    TaskView& t = w.tasks[i];
    t.status = ft.status;
    t.polls = ft.polls;
    t.wakes = ft.wakes;
    t.waker = waker_id(ft.waker);
    const std::string& result = PayloadAt(trace, ft.result);
    if (t.result != result) t.result = result;
  }

  // Machines, in object order: an entry already holding the same object and the same last
  // transition (so the same event) is left as it is.
  auto& machines = w.machines.items();
  size_t k = 0;
  for (size_t i = 0; i < f.machines.size(); ++i) {
    const FlatMachine& fm = f.machines[i];
    if (fm.last_step < 0) continue;
    const int obj = x.machine_obj[i];
    if (k == machines.size()) machines.emplace_back(obj, MachineView{});
    auto& [key, m] = machines[k++];
    if (key == obj && m.last_transition_step == fm.last_step) continue;
    key = obj;
    m.state = fm.state;
    m.prev_state = fm.prev;
    m.last_transition_step = fm.last_step;
    const SavedFields& fields = x.FieldsOf(fm.payload);
    if (!m.fields.SameList(fields)) m.fields = fields;
  }
  machines.resize(k, {0, MachineView{}});
  auto& leaves = w.leaf_waker.items();
  leaves.clear();
  for (size_t i = 0; i < f.leaf_waker.size(); ++i)
    if (f.leaf_waker[i] >= 0) leaves.emplace_back(x.leaf_obj[i], waker_id(f.leaf_waker[i]));
  auto& devices = w.device_waker.items();
  devices.clear();
  for (size_t i = 0; i < f.device_waker.size(); ++i)
    if (f.device_waker[i] >= 0) devices.emplace_back(static_cast<int>(i), waker_id(f.device_waker[i]));

  w.live_wakers.clear();
  for (size_t slot = 0; slot < f.waker_live.size(); ++slot) {
    w.live_wakers.insert(w.live_wakers.end(), static_cast<size_t>(f.waker_live[slot]),
                         x.waker_id[slot]);
  }

  w.queue.assign(f.queue.begin() + static_cast<ptrdiff_t>(f.queue_head), f.queue.end());

  size_t live = 0;
  for (size_t i = f.request_head; i < f.request_live.size(); ++i)
    live += f.request_live[i] != 0;
  w.requests.resize(live);
  k = 0;
  for (size_t i = f.request_head; i < f.request_live.size(); ++i) {
    if (!f.request_live[i]) continue;
    const Event s =
        trace.events[static_cast<size_t>(x.request_start[static_cast<size_t>(f.request_base + static_cast<int64_t>(i))])];
    RequestView& r = w.requests[k++];
    r.device = s.device;
    r.obj = s.obj;
    r.id = s.a;
    r.start_ms = s.t_ms;
    r.due_ms = s.b;
    r.what.assign(PayloadOf(trace, s));
    r.abandoned = f.request_live[i] == 2;
  }

  w.keyboard_queue = f.keyboard_queue;
  w.poll_stack.assign(f.poll_stack.begin(), f.poll_stack.end());
  // Output and diagnostics are always prefixes of the run's full text.
  if (w.output.size() > f.output_len)
    w.output.resize(f.output_len);
  else
    w.output.append(x.output, w.output.size(), f.output_len - w.output.size());
  if (w.diagnostics.size() > f.diag_count) w.diagnostics.resize(f.diag_count);
  for (size_t i = w.diagnostics.size(); i < f.diag_count; ++i)
    w.diagnostics.push_back(x.diagnostics[i]);

  // Memory: few events (only scenarios that track memory have any), folded again from the
  // start whenever the last one applied is not the last one at or before the step.
  auto upto = std::upper_bound(x.memory_events.begin(), x.memory_events.end(), f.step);
  const int64_t last_mem = upto == x.memory_events.begin() ? -1 : *(upto - 1);
  if (w.last_memory_step != last_mem) {
    const int64_t step = w.step;
    const int64_t t_ms = w.t_ms;
    w.memory = AddressSpace{};
    w.last_memory_step = -1;
    for (auto it = x.memory_events.begin(); it != upto; ++it)
      ApplyMemoryEvent(trace, trace.events[static_cast<size_t>(*it)], *it, w);
    w.step = step;
    w.t_ms = t_ms;
  }
}

}  // namespace aws::fold
