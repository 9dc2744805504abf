// The world state as a fold of the trace, and the Session that time-travels over it.
//
// Two folds, one meaning
// ----------------------
// ApplyEvent folds events into a WorldState: the reference, written for clarity (some events
// cost O(live items) there). Session folds a flat equivalent instead (FlatState below: arrays of
// plain structs indexed by dense slots, payloads kept as string indices, printed text and
// diagnostics as lengths into the trace's concatenated text), where every event costs O(1)
// amortized and a copy is a few memcpys; the little text it needs (the keyboard queue's
// "push 0xNN"/"pop 0xNN", the saved fields) is decoded once per trace by the index, never while
// replaying. After a seek the WorldState is materialized from the flat state in one ordered pass
// over flat vectors (WorldState's maps are FlatMaps, flat_map.h; a machine's saved fields are a
// pointer to the index's parsed list; unchanged machines and tasks are not rewritten). Single
// steps forward apply both folds. The unit tests check that both agree, step by step, on every shipped
// scenario and on synthetic traces.
//
// Checkpoint policy
// -----------------
// The timeline keeps checkpoints[k] = the flat state after step k*interval_-1 (checkpoints[0] is
// the state before the first event), so step s is reached by copying checkpoint
// floor((s+1)/interval_) and applying at most interval_-1 events (a forward seek with no
// checkpoint in between just continues from the cursor), then materializing.
//
//  * Count bound: interval_ starts at max(256, ceil(events/4096)): at most ~4096 checkpoints;
//    small runs (the teaching scenarios have tens to hundreds of events) have one or two.
//  * Memory bound: while folding, the size of every checkpoint is summed; when the sum passes
//    Session::kCheckpointBudgetBytes (64 MiB), every other checkpoint is dropped and interval_
//    doubles (the kept ones are exactly the multiples of the new interval), as often as needed.
//    So checkpoints take <= 64 MiB, unless a single state is so large that even kMinCheckpoints
//    of them exceed it.
//  * Seek cost = copy one flat state (S bytes, memcpy speed) + at most interval_ flat events
//    (~10-20 ns each) + materializing (O(live items), no allocation once the vectors have grown,
//    except request descriptions longer than a short string). With N events, interval_ ~
//    max(256, N/4096, N*S/64 MiB, rounded up to the start times a power of two).
//    Measured (RelWithDebInfo) on the lead's benchmark server run, 19,607 tasks and 10^6 events:
//    S ~ 1.5 MB, interval_ 32768, 31 checkpoints = 47 MB; load + run + checkpoints ~0.45 s;
//    a seek = ~0.15 ms copy + <= 0.5 ms events + 1.5-4 ms materializing (the 20k machines and
//    waker maps), ~3.3 ms on average, ~10 ms for the first seek after loading (cold caches).
//    With std::maps in WorldState (node walks, field strings copied) 1,000 random seeks took
//    9.0 ms of CPU on average, p99 15.6 ms, worst 23-31 ms on the loaded machine of issue 10;
//    with the flat maps and shared field lists 1.5-1.7 ms, p99 5.0-5.6 ms, worst 7.7-10 ms.
//    For comparison, checkpointing WorldState itself took 7 MB and 4-7 ms per copy at that
//    size, with O(live items) events: 12 s to load and ~470 ms per seek.
#include "awaitscope/world.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <deque>
#include <map>

#include "awaitscope/diagnostics.h"
#include "awaitscope/executor_kind.h"
#include "awaitscope/file_io.h"
#include "awaitscope/trace_io.h"

namespace aws {

namespace {

constexpr int64_t kMinInterval = 256;
constexpr int64_t kTargetCheckpoints = 4096;
constexpr size_t kMinCheckpoints = 8;
// Ids a run can produce; anything else (a hand-edited trace) is ignored by both folds.
constexpr int32_t kMaxTasks = 1 << 20;
constexpr int32_t kMaxObjects = 1 << 22;
constexpr int32_t kMaxWakers = 1 << 22;
constexpr int32_t kMaxDevices = 1 << 16;
constexpr size_t kKeyboardQueueSlots = 100;

bool ValidTask(int32_t t) {
  return t >= 0 && t < kMaxTasks;
}
bool ValidObj(int32_t o) {
  return o >= 0 && o < kMaxObjects;
}
// The executor keeps one waker per task (the window shows it beside the task).
bool CachesWakers(const Trace& trace) {
  const ExecutorKindInfo* k = FindExecutorKind(trace.executor);
  return k && k->caches_wakers;
}

bool ValidWaker(int32_t w) {
  return w >= 0 && w < kMaxWakers;
}
bool ValidDevice(int32_t d) {
  return d >= 0 && d < kMaxDevices;
}


const std::string kEmpty;

const std::string& PayloadAt(const Trace& trace, int32_t payload) {
  if (payload < 0 || static_cast<size_t>(payload) >= trace.strings.size()) return kEmpty;
  return trace.strings[static_cast<size_t>(payload)];
}
const std::string& PayloadOf(const Trace& trace, const Event& e) {
  return PayloadAt(trace, e.payload);
}

// The keyboard handler's "push 0xNN" and the task's "pop 0xNN" (runtime.cpp: DeviceComplete on
// the keyboard with a = -1): the scancode queue, not a request.
bool IsKeyPush(const Event& e, const std::string& p) {
  return e.a == -1 && p.starts_with("push ");
}
bool IsKeyPop(const Event& e, const std::string& p) {
  return e.a == -1 && p.starts_with("pop ");
}

// "push 0x1E" / "pop 0x1E" -> 0x1E (0 when malformed).
uint8_t ParseScancode(std::string_view payload) {
  size_t x = payload.find("0x");
  if (x == std::string_view::npos) return 0;
  unsigned v = 0;
  std::from_chars(payload.data() + x + 2, payload.data() + payload.size(), v, 16);
  return static_cast<uint8_t>(v);
}

// "name=value" lines joined by '\n' (the value is everything after the first '='), parsed into
// `fields`, reusing its strings' storage.
void ParseFieldsInto(const std::string& payload,
                     std::vector<std::pair<std::string, std::string>>& fields) {
  size_t count = 0;
  size_t pos = 0;
  while (pos < payload.size()) {
    size_t nl = payload.find('\n', pos);
    if (nl == std::string::npos) nl = payload.size();
    std::string_view line(payload.data() + pos, nl - pos);
    if (!line.empty()) {
      if (count == fields.size()) fields.emplace_back();
      size_t eq = line.find('=');
      auto& [name, value] = fields[count++];
      if (eq == std::string_view::npos) {
        name.assign(line);
        value.clear();
      } else {
        name.assign(line.substr(0, eq));
        value.assign(line.substr(eq + 1));
      }
    }
    pos = nl + 1;
  }
  fields.resize(count);
}

// Parses `payload` into a new list of `store` (a deque: earlier lists never move).
SavedFields ParseFields(const std::string& payload, std::deque<SavedFields::List>& store) {
  if (payload.empty()) return {};
  ParseFieldsInto(payload, store.emplace_back());
  return SavedFields(&store.back());
}

const char* SeverityWord(int64_t a) {
  switch (a) {
    case 0:
      return "note";
    case 1:
      return "warning";
    default:
      return "error";
  }
}

std::string_view FirstLine(std::string_view s) { return s.substr(0, s.find('\n')); }

std::string DiagnosticText(const Trace& trace, const Event& e) {
  if (e.kind == EventKind::Panic)
    return fmt::format("t={}ms: panic: {}", e.t_ms, PayloadOf(trace, e));
  if (e.kind == EventKind::MemDangling)
    return fmt::format("t={}ms: error: {}", e.t_ms, FirstLine(PayloadOf(trace, e)));
  return fmt::format("t={}ms: {}: {}", e.t_ms, SeverityWord(e.a), PayloadOf(trace, e));
}

// Whether the event at `step` adds a line to the diagnostics. A dangling dereference is undefined
// behaviour at its own step, so its headline is listed there, as an error; the error diagnostic
// the run reports right after it with the same text is then not listed a second time (it used to
// be the only line, which put undefined behaviour in the Output panel one step late).
bool AddsDiagnostic(const Trace& trace, const Event& e, int64_t step) {
  if (e.kind == EventKind::Panic || e.kind == EventKind::MemDangling) return true;
  if (e.kind != EventKind::Diagnostic) return false;
  if (step <= 0 || static_cast<size_t>(step) > trace.events.size()) return true;
  const Event& prev = trace.events[static_cast<size_t>(step - 1)];
  return !(prev.kind == EventKind::MemDangling && FirstLine(PayloadOf(trace, prev)) == PayloadOf(trace, e));
}

// ---------------------------------------------------------------------------------------------
// The reference fold on WorldState

TaskView* TaskOf(WorldState& w, int32_t task) {
  if (!ValidTask(task)) return nullptr;
  if (static_cast<size_t>(task) >= w.tasks.size()) w.tasks.resize(static_cast<size_t>(task) + 1);
  return &w.tasks[static_cast<size_t>(task)];
}

bool InQueue(const WorldState& w, int task) {
  return std::find(w.queue.begin(), w.queue.end(), task) != w.queue.end();
}

}  // namespace

const char* TaskStatusName(TaskStatus s) {
  switch (s) {
    case TaskStatus::Idle:
      return "idle";
    case TaskStatus::Scheduled:
      return "scheduled";
    case TaskStatus::Running:
      return "running";
    case TaskStatus::Done:
      return "done";
  }
  return "?";
}

namespace {

bool IsMemoryEvent(EventKind k) {
  return k == EventKind::MemAlloc || k == EventKind::MemMove || k == EventKind::MemFree ||
         k == EventKind::MemWrite || k == EventKind::MemDangling;
}

// Applies a memory event: the blocks it carries replace the old snapshots; a move or a free
// leaves the old bytes behind as a stale range.
void ApplyMemoryEvent(const Trace& trace, const Event& e, int64_t step, WorldState& w) {
  w.last_memory_step = step;
  AddressSpace& m = w.memory;
  const std::string& p = PayloadOf(trace, e);
  size_t nl = p.find('\n');
  if (e.kind == EventKind::MemDangling) {
    m.ub.push_back({step, static_cast<uint64_t>(e.a), e.obj, p.substr(0, nl)});
    return;
  }
  if ((e.kind == EventKind::MemMove || e.kind == EventKind::MemFree) && e.obj >= 0) {
    if (const MemBlock* old = m.Find(e.obj); old != nullptr && old->live)
      m.stale.push_back({old->id, old->address, old->size, step, old->fields, old->bytes});
  }
  std::vector<MemBlock> blocks;
  if (nl != std::string::npos) DecodeBlocks(std::string_view(p).substr(nl + 1), &blocks);
  for (MemBlock& b : blocks) {
    if (b.id < 0 || b.id >= (1 << 22)) continue;
    m.next_id = std::max(m.next_id, b.id + 1);
    m.blocks[b.id] = std::move(b);
  }
  if (e.kind == EventKind::MemFree && e.obj >= 0) {
    if (MemBlock* b = m.Find(e.obj)) b->live = false;
  }
}

// A transition of a valid object, its new state's fields already parsed.
void ApplyTransition(const Event& e, int64_t step, SavedFields fields, WorldState& w) {
  MachineView& m = w.machines[e.obj];
  m.prev_state = static_cast<int>(e.a);
  m.state = static_cast<int>(e.b);
  m.fields = fields;
  m.last_transition_step = step;
}

}  // namespace

void ApplyEvent(const Trace& trace, const Event& e, int64_t step, WorldState& w) {
  if (IsMemoryEvent(e.kind)) {
    ApplyMemoryEvent(trace, e, step, w);
    if (AddsDiagnostic(trace, e, step)) w.diagnostics.push_back(DiagnosticText(trace, e));
    w.step = step;
    w.t_ms = e.t_ms;
    return;
  }
  w.step = step;
  w.t_ms = e.t_ms;
  switch (e.kind) {
    case EventKind::Spawn:
      if (TaskView* t = TaskOf(w, e.task)) t->status = TaskStatus::Scheduled;
      break;

    case EventKind::PollBegin:
      w.poll_stack.push_back(e.obj);
      if (e.a == 0) {
        if (TaskView* t = TaskOf(w, e.task)) {
          t->status = TaskStatus::Running;
          t->polls++;
        }
        w.running_task = e.task;
      }
      break;

    case EventKind::PollEnd:
      if (!w.poll_stack.empty()) w.poll_stack.pop_back();
      // A future that returned Ready is done with the waker it stored.
      if (e.b == 1 && ValidObj(e.obj)) w.leaf_waker.erase(e.obj);
      if (e.a == 0) {
        if (TaskView* t = TaskOf(w, e.task); t && t->status == TaskStatus::Running) {
          // A task that woke itself during the poll is already back in the queue.
          t->status = InQueue(w, e.task) ? TaskStatus::Scheduled : TaskStatus::Idle;
        }
        w.running_task = -1;
      }
      break;

    case EventKind::Transition: {
      if (!ValidObj(e.obj)) break;
      FieldLists& lists = w.field_lists;
      if (!lists.parsed) lists.parsed = std::make_shared<std::deque<SavedFields::List>>();
      ApplyTransition(e, step, ParseFields(PayloadOf(trace, e), *lists.parsed), w);
      break;
    }

    case EventKind::WakerCreate:
      if (!ValidWaker(e.waker)) break;
      w.live_wakers.insert(std::upper_bound(w.live_wakers.begin(), w.live_wakers.end(), e.waker),
                           e.waker);
      if (CachesWakers(trace)) {
        if (TaskView* t = TaskOf(w, e.task)) t->waker = e.waker;
      }
      break;

    case EventKind::WakerClone:
      if (!ValidWaker(e.waker)) break;
      w.live_wakers.insert(std::upper_bound(w.live_wakers.begin(), w.live_wakers.end(), e.waker),
                           e.waker);
      break;

    case EventKind::WakerDrop: {
      if (!ValidWaker(e.waker)) break;
      auto it = std::lower_bound(w.live_wakers.begin(), w.live_wakers.end(), e.waker);
      if (it != w.live_wakers.end() && *it == e.waker) w.live_wakers.erase(it);
      for (TaskView& t : w.tasks) {
        if (t.waker == e.waker) t.waker = -1;
      }
      w.device_waker.EraseIf([&](const auto& kv) { return kv.second == e.waker; });
      w.leaf_waker.EraseIf([&](const auto& kv) { return kv.second == e.waker; });
      break;
    }

    case EventKind::WakerRegister:
      if (!ValidWaker(e.waker)) break;
      if (ValidDevice(e.device)) w.device_waker[e.device] = e.waker;
      if (ValidObj(e.obj)) w.leaf_waker[e.obj] = e.waker;
      break;

    case EventKind::WakerWake:
      if (e.b == 1) {
        if (TaskView* t = TaskOf(w, e.task)) t->wakes++;
      }
      // The device takes the stored waker to wake it: its registration is gone.
      if (ValidDevice(e.device)) w.device_waker.erase(e.device);
      break;

    case EventKind::QueuePush:
      w.queue.push_back(e.task);
      if (TaskView* t = TaskOf(w, e.task);
          t && t->status != TaskStatus::Running && t->status != TaskStatus::Done) {
        t->status = TaskStatus::Scheduled;
      }
      break;

    case EventKind::QueuePop: {
      auto it = std::find(w.queue.begin(), w.queue.end(), e.task);
      if (it != w.queue.end()) w.queue.erase(it);
      break;
    }

    case EventKind::DeviceStart: {
      RequestView r;
      r.device = e.device;
      r.obj = e.obj;
      r.id = e.a;
      r.start_ms = e.t_ms;
      r.due_ms = e.b;
      r.what = PayloadOf(trace, e);
      w.requests.push_back(std::move(r));
      break;
    }

    case EventKind::DeviceComplete: {
      const std::string& p = PayloadOf(trace, e);
      if (IsKeyPush(e, p)) {
        // A full or uninitialized queue drops the scancode: then there is no push event.
        if (w.keyboard_queue.size() < kKeyboardQueueSlots) {
          w.keyboard_queue.push_back(ParseScancode(p));
        }
      } else if (IsKeyPop(e, p)) {
        if (!w.keyboard_queue.empty()) w.keyboard_queue.erase(w.keyboard_queue.begin());
      } else {
        auto it = std::find_if(w.requests.begin(), w.requests.end(), [&](const RequestView& r) {
          return r.device == e.device && r.id == e.a;
        });
        if (it != w.requests.end()) w.requests.erase(it);
      }
      break;
    }

    case EventKind::Interrupt:
      // The keyboard queue itself changes with the handler's "push 0xNN" DeviceComplete.
      w.last_interrupt_step = step;
      break;

    case EventKind::Halt:
      w.halted = true;
      break;

    case EventKind::Resume:
      w.halted = false;
      break;

    case EventKind::Print:
      // The payload is exactly the text printed (println! includes its "\n").
      w.output += PayloadOf(trace, e);
      break;

    case EventKind::Panic:
    case EventKind::Diagnostic:
      if (AddsDiagnostic(trace, e, step)) w.diagnostics.push_back(DiagnosticText(trace, e));
      break;

    case EventKind::TaskDone:
      if (TaskView* t = TaskOf(w, e.task)) {
        t->status = TaskStatus::Done;
        t->result = PayloadOf(trace, e);
      }
      break;

    case EventKind::Inject:
    case EventKind::CpuBusy:
    case EventKind::RunEnd:
    case EventKind::MemAlloc:
    case EventKind::MemMove:
    case EventKind::MemFree:
    case EventKind::MemWrite:
    case EventKind::MemDangling:
    case EventKind::kCount:
      break;
  }
}

WorldState FoldTrace(const Trace& trace, int64_t last) {
  WorldState w;
  int64_t end = std::min<int64_t>(last, static_cast<int64_t>(trace.events.size()) - 1);
  for (int64_t i = 0; i <= end; ++i)
    ApplyEvent(trace, trace.events[static_cast<size_t>(i)], i, w);
  return w;
}

// ---------------------------------------------------------------------------------------------
// The flat fold

namespace {

// Per trace, computed once: dense slots for the ids the events use, sorted so that walking the
// slots in order walks the WorldState maps in key order; each request's match; all the text.
struct TraceIndex {
  bool waker_executor = false;
  std::vector<int32_t> waker_slot;    // by waker id, -1 none
  std::vector<int32_t> waker_id;      // by slot, ascending
  std::vector<int32_t> waker_task;    // by slot: the task whose WakerCreate made it (a hint)
  std::vector<int32_t> machine_slot;  // by object id (objects with transitions)
  std::vector<int32_t> machine_obj;   // by slot, ascending
  std::vector<int32_t> leaf_slot;     // by object id (objects that register wakers)
  std::vector<int32_t> leaf_obj;      // by slot, ascending
  int32_t devices = 0;                // device ids used with wakers are < devices
  // By event: DeviceStart -> its request slot (the order of the starts); DeviceComplete -> the
  // slot of the request it completes (the first in flight with its device and id) or -1, or the
  // keyboard queue's operation decoded from its payload once (KeyPush/kKeyPop below), so that
  // replaying events never looks at text.
  std::vector<int32_t> request_of;
  static constexpr int32_t kKeyPop = -2;
  static constexpr int32_t KeyPush(uint8_t scancode) { return -3 - int32_t{scancode}; }
  static bool IsKeyPushOp(int32_t op) { return op <= -3; }
  static uint8_t PushedScancode(int32_t op) { return static_cast<uint8_t>(-3 - op); }
  std::vector<const Event*> request_start;  // by request slot
  std::vector<int64_t> memory_events;       // steps of the memory events, in order
  std::string output;                       // everything printed, in order
  std::vector<std::string> diagnostics;     // every panic/diagnostic line, in order
  // The saved fields of each distinct transition payload, parsed once (payloads are interned,
  // so a run's repeated states share one entry): by payload index, a slot in `fields` or -1.
  std::vector<int32_t> fields_slot;
  std::vector<SavedFields> fields;
  std::shared_ptr<std::deque<SavedFields::List>> field_lists =
      std::make_shared<std::deque<SavedFields::List>>();  // what `fields` point to

  static int32_t Lookup(const std::vector<int32_t>& v, int64_t id) {
    return id >= 0 && static_cast<size_t>(id) < v.size() ? v[static_cast<size_t>(id)] : -1;
  }
  int32_t WakerSlot(int32_t id) const { return ValidWaker(id) ? Lookup(waker_slot, id) : -1; }
  int32_t MachineSlot(int32_t obj) const { return ValidObj(obj) ? Lookup(machine_slot, obj) : -1; }
  int32_t LeafSlot(int32_t obj) const { return ValidObj(obj) ? Lookup(leaf_slot, obj) : -1; }
  const SavedFields& FieldsOf(int32_t payload) const {
    static const SavedFields kNone;
    int32_t slot = Lookup(fields_slot, payload);
    return slot < 0 ? kNone : fields[static_cast<size_t>(slot)];
  }
};

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
        x.request_start.push_back(&e);
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

struct FlatTask {
  int64_t polls = 0;
  int64_t wakes = 0;
  int32_t waker = -1;   // waker slot
  int32_t result = -1;  // payload index
  int32_t queued = 0;   // entries in the ready queue
  TaskStatus status = TaskStatus::Scheduled;
};

struct FlatMachine {
  int64_t last_step = -1;  // -1: no transition yet (not in WorldState::machines)
  int32_t state = 0;
  int32_t prev = -1;
  int32_t payload = -1;
};

// Everything is plain data in vectors: copying a checkpoint is a few memcpys.
struct FlatState {
  int64_t step = -1;
  int64_t t_ms = 0;
  int64_t last_interrupt_step = -1;
  int32_t running_task = -1;
  bool halted = false;
  size_t output_len = 0;  // prefix of TraceIndex::output
  size_t diag_count = 0;  // prefix of TraceIndex::diagnostics
  std::vector<FlatTask> tasks;
  std::vector<FlatMachine> machines;  // by machine slot
  std::vector<int32_t> leaf_waker;    // by leaf slot: waker slot or -1
  std::vector<int32_t> device_waker;  // by device id: waker slot or -1
  std::vector<int32_t> waker_live;    // by waker slot: live copies
  std::vector<int32_t> waker_refs;    // by waker slot: bindings (task cache, devices, leaves)
  std::vector<int32_t> queue;         // the ready queue is [queue_head, end)
  size_t queue_head = 0;
  std::vector<uint8_t> request_live;  // by request slot - request_base
  int64_t request_base = 0;
  size_t request_head = 0;  // no live request before it
  std::vector<uint8_t> keyboard_queue;
  std::vector<int32_t> poll_stack;

  size_t Bytes() const {
    return sizeof(*this) + tasks.capacity() * sizeof(FlatTask) +
           machines.capacity() * sizeof(FlatMachine) +
           (leaf_waker.capacity() + device_waker.capacity() + waker_live.capacity() +
            waker_refs.capacity() + queue.capacity() + poll_stack.capacity()) *
               sizeof(int32_t) +
           request_live.capacity() + keyboard_queue.capacity();
  }
};

FlatState InitialFlat(const TraceIndex& x) {
  FlatState f;
  f.machines.resize(x.machine_obj.size());
  f.leaf_waker.assign(x.leaf_obj.size(), -1);
  f.device_waker.assign(static_cast<size_t>(x.devices), -1);
  f.waker_live.assign(x.waker_id.size(), 0);
  f.waker_refs.assign(x.waker_id.size(), 0);
  return f;
}

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

    case EventKind::Panic:
    case EventKind::Diagnostic:
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
    case EventKind::kCount:
      break;
  }
}

// Makes `w` (a state of the same trace) equal to the flat state, touching only what differs.
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
    const std::string& result = ft.result < 0 ? kEmpty : PayloadAt(trace, ft.result);
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
    live += f.request_live[i];
  w.requests.resize(live);
  k = 0;
  for (size_t i = f.request_head; i < f.request_live.size(); ++i) {
    if (!f.request_live[i]) continue;
    const Event& s =
        *x.request_start[static_cast<size_t>(f.request_base + static_cast<int64_t>(i))];
    RequestView& r = w.requests[k++];
    r.device = s.device;
    r.obj = s.obj;
    r.id = s.a;
    r.start_ms = s.t_ms;
    r.due_ms = s.b;
    r.what.assign(PayloadOf(trace, s));
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

}  // namespace

// The trace's index, the flat state at the cursor and the checkpoints.
struct Timeline {
  TraceIndex index;
  FlatState flat;
  std::vector<FlatState> checkpoints;
};

// ---------------------------------------------------------------------------------------------
// Session

Session::Session() = default;
Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

size_t Session::checkpoint_count() const {
  return timeline_ ? timeline_->checkpoints.size() : 0;
}

bool Session::Load(const std::string& path, Diagnostics& diags) {
  Diagnostics local;
  bool ok = false;
  // A native trace may be larger than a scenario (file_io.h); the text decides which it is.
  FileRead f = ReadInputFile(path, kMaxNativeTraceBytes);
  if (!f.ok) {
    local.ReportAt(Severity::Error, path, 0, 0,
                   f.not_found ? std::string("file not found") : "cannot read file: " + f.reason);
  } else if (LooksLikeJson(f.text)) {
    ok = OpenNative(path, f.text, local);
  } else if (f.text.size() > kMaxScriptBytes) {
    local.ReportAt(Severity::Error, path, 0, 0,
                   "cannot read file: it is larger than " + ShowByteLimit(kMaxScriptBytes));
  } else {
    std::optional<Scenario> sc = LoadScenarioText(path, f.text, local);
    ok = sc && !local.HasErrors() && Open(std::move(*sc), std::move(f.text), RunOptions{}, local);
  }
  diags.Append(local);
  return ok;
}

bool Session::LoadText(const std::string& path, const std::string& text, Diagnostics& diags) {
  Diagnostics local;
  bool ok = false;
  if (LooksLikeJson(text)) {
    ok = OpenNative(path, text, local);
  } else {
    std::optional<Scenario> sc = LoadScenarioText(path, text, local);
    ok = sc && !local.HasErrors() && Open(std::move(*sc), text, RunOptions{}, local);
  }
  diags.Append(local);
  return ok;
}

bool Session::OpenNative(const std::string& path, const std::string& text, Diagnostics& diags) {
  NativeTraceSource source;
  if (!ReadNativeTrace(text, path, &source, diags) || diags.HasErrors()) return false;
  std::optional<Scenario> sc = LoadTraceScenario(source, diags);
  if (!sc || diags.HasErrors()) return false;
  return Open(std::move(*sc), std::move(source.text), std::move(source.options), diags);
}

bool Session::Open(Scenario sc, std::string file_text, RunOptions options, Diagnostics& diags) {
  // `diags` is a fresh list: any error means the script cannot be run.
  std::unique_ptr<Program> program =
      Compile(std::make_unique<SourceFile>(sc.script), sc.ops, diags);
  if (!program || diags.HasErrors()) return false;
  scenario_ = std::move(sc);
  program_ = std::move(program);
  file_text_ = std::move(file_text);
  options_ = std::move(options);
  Rebuild(diags);
  return true;
}

void Session::Rebuild(Diagnostics& diags) {
  if (!program_ || !scenario_) return;
  trace_ = RunScenario(*program_, *scenario_, options_, diags);
  BuildCheckpoints();
}

void Session::LoadTrace(Trace trace) {
  scenario_.reset();
  program_.reset();
  file_text_.clear();
  options_ = RunOptions{};
  options_.injected = trace.injected;
  trace_ = std::move(trace);
  BuildCheckpoints();
}

void Session::BuildCheckpoints() {
  timeline_.reset();  // free the old checkpoints first
  auto tl = std::make_unique<Timeline>();
  tl->index = BuildIndex(trace_);
  const int64_t n = size();
  interval_ = std::max(kMinInterval, (n + kTargetCheckpoints - 1) / kTargetCheckpoints);
  tl->checkpoints.reserve(static_cast<size_t>(n / interval_ + 1));
  FlatState& f = tl->flat;
  f = InitialFlat(tl->index);
  tl->checkpoints.push_back(f);
  checkpoint_bytes_ = f.Bytes();
  for (int64_t i = 0; i < n; ++i) {
    FlatApply(trace_, tl->index, i, f);
    if ((i + 1) % interval_ != 0) continue;
    tl->checkpoints.push_back(f);
    checkpoint_bytes_ += tl->checkpoints.back().Bytes();
    // Over budget: keep every other checkpoint (the multiples of the doubled interval).
    while (checkpoint_bytes_ > kCheckpointBudgetBytes && tl->checkpoints.size() > kMinCheckpoints) {
      size_t kept = 0;
      checkpoint_bytes_ = 0;
      for (size_t k = 0; k < tl->checkpoints.size(); k += 2) {
        if (kept != k) tl->checkpoints[kept] = std::move(tl->checkpoints[k]);
        checkpoint_bytes_ += tl->checkpoints[kept].Bytes();
        ++kept;
      }
      tl->checkpoints.resize(kept);
      interval_ *= 2;
    }
  }
  // Materializing the last checkpoint once and going back to the start leaves the state's
  // vectors with (nearly) the capacity of any step, so that the first seek costs what the others do.
  state_ = WorldState{};
  Materialize(trace_, tl->index, tl->checkpoints.back(), state_);
  f = tl->checkpoints.front();
  Materialize(trace_, tl->index, f, state_);
  timeline_ = std::move(tl);
}

void Session::Reset() {
  if (!timeline_) {
    state_ = WorldState{};
    return;
  }
  Timeline& tl = *timeline_;
  tl.flat = tl.checkpoints.front();
  Materialize(trace_, tl.index, tl.flat, state_);  // keeps the vectors' capacity
}

bool Session::Step() {
  const int64_t next = state_.step + 1;
  if (!timeline_ || next >= size()) return false;
  const TraceIndex& x = timeline_->index;
  FlatApply(trace_, x, next, timeline_->flat);
  const Event& e = trace_.events[static_cast<size_t>(next)];
  if (e.kind == EventKind::Transition && ValidObj(e.obj)) {
    // The index parsed this payload already: point to its list (state_ keeps the index alive).
    state_.step = next;
    state_.t_ms = e.t_ms;
    ApplyTransition(e, next, x.FieldsOf(e.payload), state_);
  } else {
    ApplyEvent(trace_, e, next, state_);
  }
  return true;
}

bool Session::StepBack() {
  if (state_.step < 0) return false;
  Seek(state_.step - 1);
  return true;
}

void Session::Seek(int64_t step) {
  if (!timeline_) return;
  step = std::clamp<int64_t>(step, -1, size() - 1);
  const int64_t cursor = state_.step;
  if (step == cursor) return;
  Timeline& tl = *timeline_;
  size_t k = std::min(static_cast<size_t>((step + 1) / interval_), tl.checkpoints.size() - 1);
  int64_t checkpoint_step = static_cast<int64_t>(k) * interval_ - 1;
  // Forwards from the cursor when no checkpoint lies in between; otherwise from the checkpoint.
  if (!(cursor < step && cursor >= checkpoint_step)) tl.flat = tl.checkpoints[k];
  while (tl.flat.step < step)
    FlatApply(trace_, tl.index, tl.flat.step + 1, tl.flat);
  Materialize(trace_, tl.index, tl.flat, state_);
}

bool Session::RunUntilStep(int64_t step) {
  Seek(step);
  return state_.step == step;
}

bool Session::RunUntilTime(int64_t t_ms) {
  for (int64_t i = state_.step + 1; i < size(); ++i) {
    if (trace_.events[static_cast<size_t>(i)].t_ms >= t_ms) {
      Seek(i);
      return true;
    }
  }
  return false;
}

bool Session::RunUntilKind(EventKind kind) {
  for (int64_t i = state_.step + 1; i < size(); ++i) {
    if (trace_.events[static_cast<size_t>(i)].kind == kind) {
      Seek(i);
      return true;
    }
  }
  return false;
}

bool Session::RunUntilLine(uint32_t line) {
  for (int64_t i = state_.step + 1; i < size(); ++i) {
    if (trace_.events[static_cast<size_t>(i)].line == line) {
      Seek(i);
      return true;
    }
  }
  return false;
}

void Session::InjectScancode(uint8_t scancode, Diagnostics& diags) {
  if (!program_ || !scenario_) {
    diags.ReportAt(Severity::Error, trace_.scenario, 0, 0,
                   "cannot inject a keystroke: this trace has no scenario to re-run");
    return;
  }
  const int64_t cursor = state_.step;
  options_.injected.push_back(KeyInput{state_.t_ms, scancode, true});
  Rebuild(diags);
  Seek(cursor);
}

bool Session::Reopen(Scenario edited, Diagnostics& diags) {
  Diagnostics local;
  const std::string& file = edited.path;
  if (!FindExecutorKind(edited.executor))
    local.ReportAt(Severity::Error, file, 0, 0,
                   fmt::format("unknown executor `{}` ({})", edited.executor, ExecutorKindNames()));
  if (edited.disk.write_latency_ms < 0)
    local.ReportAt(Severity::Error, file, 0, 0, "the disk's write latency must not be negative");
  for (const FileSpec& f : edited.files) {
    if (f.name.empty()) local.ReportAt(Severity::Error, file, 0, 0, "a file name must not be empty");
    if (f.read_latency_ms < 0 || f.write_latency_ms.value_or(0) < 0)
      local.ReportAt(Severity::Error, file, 0, 0,
                     fmt::format("file `{}`: latencies must not be negative", f.name));
  }
  for (const OpSpec& op : edited.ops)
    if (op.latency_ms < 0)
      local.ReportAt(Severity::Error, file, 0, 0,
                     fmt::format("operation `{}`: the latency must not be negative", op.name));
  if (edited.script.text().find_first_not_of(" \t\r\n") == std::string::npos)
    local.ReportAt(Severity::Error, edited.script.name(), 1, 1, "file is empty");  // as the loader says
  std::unique_ptr<Program> program;
  if (!local.HasErrors()) {
    program = Compile(std::make_unique<SourceFile>(edited.script), edited.ops, local);
    // A spawn entry naming a function the edit removed would only fail inside the run.
    if (program && !local.HasErrors()) ResolveSpawns(*program, edited, local);
  }
  diags.Append(local);
  if (!program || local.HasErrors()) return false;
  const int64_t cursor = state_.step;
  // The executor travels in the options, so that a native trace of the edited run replays it.
  options_.executor = edited.executor;
  scenario_ = std::move(edited);
  program_ = std::move(program);
  Rebuild(diags);
  Seek(cursor);
  return true;
}

}  // namespace aws
