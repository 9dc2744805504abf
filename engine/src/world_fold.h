// What the two folds of world.cpp and world_flat.cpp share, and the flat fold's types that the
// Session (session.cpp) keeps as its checkpoints. Private to those three files.
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "awaitscope/trace.h"
#include "awaitscope/world.h"

namespace aws::fold {

// Ids a run can produce; anything else (a hand-edited trace) is ignored by both folds.
constexpr int32_t kMaxTasks = 1 << 20;
constexpr int32_t kMaxObjects = 1 << 22;
constexpr int32_t kMaxWakers = 1 << 22;
constexpr int32_t kMaxDevices = 1 << 16;
constexpr size_t kKeyboardQueueSlots = 100;

inline bool ValidTask(int32_t t) { return t >= 0 && t < kMaxTasks; }
inline bool ValidObj(int32_t o) { return o >= 0 && o < kMaxObjects; }
inline bool ValidWaker(int32_t w) { return w >= 0 && w < kMaxWakers; }
inline bool ValidDevice(int32_t d) { return d >= 0 && d < kMaxDevices; }

// The executor keeps one waker per task (the window shows it beside the task).
bool CachesWakers(const Trace& trace);

const std::string& PayloadAt(const Trace& trace, int32_t payload);  // "" when out of range
const std::string& PayloadOf(const Trace& trace, const Event& e);

// The keyboard handler's "push 0xNN" and the task's "pop 0xNN" (runtime.cpp: DeviceComplete on
// the keyboard with a = -1): the scancode queue, not a request.
inline bool IsKeyPush(const Event& e, const std::string& p) { return e.a == -1 && p.starts_with("push "); }
inline bool IsKeyPop(const Event& e, const std::string& p) { return e.a == -1 && p.starts_with("pop "); }
// "push 0x1E" / "pop 0x1E" -> 0x1E (0 when malformed).
uint8_t ParseScancode(std::string_view payload);

// Parses a transition's payload ("name=value" lines) into a new list of `store` (a deque:
// earlier lists never move).
SavedFields ParseFields(const std::string& payload, std::deque<SavedFields::List>& store);

// The Output panel's line for a panic, diagnostic or dangling dereference.
std::string DiagnosticText(const Trace& trace, const Event& e);
// Whether the event at `step` adds a line to the diagnostics.
bool AddsDiagnostic(const Trace& trace, const Event& e, int64_t step);
// A note that future `e.obj` is dropped (the runtime's NoteDrop: a Diagnostic note with b = 1).
inline bool IsDropNote(const Event& e) { return e.kind == EventKind::Diagnostic && e.a == 0 && e.b == 1; }

// Applies a memory event to `w` (world.cpp).
void ApplyMemoryEvent(const Trace& trace, const Event& e, int64_t step, WorldState& w);
// A transition of a valid object, its new state's fields already parsed.
void ApplyTransition(const Event& e, int64_t step, SavedFields fields, WorldState& w);

// [SECTION] The flat fold (world_flat.cpp)

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
  std::vector<int64_t> request_start;  // by request slot: the step of its DeviceStart
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
  std::vector<uint8_t> request_live;  // by request slot - request_base: 0 done, 1 live, 2 live and abandoned
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

TraceIndex BuildIndex(const Trace& trace);
FlatState InitialFlat(const TraceIndex& x);
// Applies the event at `step` (the one after f.step) to `f`.
void FlatApply(const Trace& trace, const TraceIndex& x, int64_t step, FlatState& f);
// Makes `w` (a state of the same trace) equal to the flat state, touching only what differs.
void Materialize(const Trace& trace, const TraceIndex& x, const FlatState& f, WorldState& w);

}  // namespace aws::fold
