// The world state as a fold of the trace: the reference fold (ApplyEvent, here) and what both
// folds share; the flat fold is world_flat.cpp, the Session that time-travels session.cpp.
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
#include "awaitscope/world.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <deque>

#include "awaitscope/executor_kind.h"
#include "world_fold.h"

namespace aws {
namespace fold {

bool CachesWakers(const Trace& trace) {
  const ExecutorKindInfo* k = FindExecutorKind(trace.executor);
  return k && k->caches_wakers;
}

namespace {
const std::string kEmpty;
}  // namespace

const std::string& PayloadAt(const Trace& trace, int32_t payload) {
  if (payload < 0 || static_cast<size_t>(payload) >= trace.strings.size()) return kEmpty;
  return trace.strings[static_cast<size_t>(payload)];
}
const std::string& PayloadOf(const Trace& trace, const Event& e) {
  return PayloadAt(trace, e.payload);
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
    return fmt::format("t={}ms: panic: {}", int64_t{e.t_ms}, PayloadOf(trace, e));
  if (e.kind == EventKind::MemDangling)
    return fmt::format("t={}ms: error: {}", int64_t{e.t_ms}, FirstLine(PayloadOf(trace, e)));
  return fmt::format("t={}ms: {}: {}", int64_t{e.t_ms}, SeverityWord(e.a), PayloadOf(trace, e));
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


// A transition of a valid object, its new state's fields already parsed.
void ApplyTransition(const Event& e, int64_t step, SavedFields fields, WorldState& w) {
  MachineView& m = w.machines[e.obj];
  m.prev_state = static_cast<int>(e.a);
  m.state = static_cast<int>(e.b);
  m.fields = fields;
  m.last_transition_step = step;
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

}  // namespace fold

using namespace fold;

namespace {

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

    case EventKind::Diagnostic:
      if (IsDropNote(e) && ValidObj(e.obj)) {
        // The dropped future's waker goes with it; its device request is left to finish alone.
        w.leaf_waker.erase(e.obj);
        for (RequestView& r : w.requests)
          if (r.obj == e.obj) r.abandoned = true;
      }
      [[fallthrough]];
    case EventKind::Panic:
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
    case EventKind::ExecLine:  // executor code's line: the world is as the last event left it
    case EventKind::ThreadState:    // threads: app/present/threads.cpp indexes them
    case EventKind::ContextSwitch:
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

}  // namespace aws
