// What the emulated machine looks like at a step: a fold of the trace's events up to that step.
// Session keeps checkpoints of this state so that any step can be reached quickly, forwards or
// backwards, and applies the GUI's commands.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "awaitscope/flat_map.h"
#include "awaitscope/lower.h"
#include "awaitscope/memory.h"
#include "awaitscope/runtime.h"
#include "awaitscope/scenario.h"
#include "awaitscope/trace.h"

namespace aws {

enum class TaskStatus : uint8_t { Idle, Scheduled, Running, Done };  // tokio-console: IDLE SCHED RUNNING DONE
const char* TaskStatusName(TaskStatus s);

struct TaskView {
  TaskStatus status = TaskStatus::Scheduled;
  int64_t polls = 0;
  int64_t wakes = 0;
  int waker = -1;                 // cached waker (waker executor), -1 none
  std::string result;             // when Done
  bool operator==(const TaskView&) const = default;
};

struct MachineView {              // one state machine instance (an ObjectInfo of kind Machine)
  int state = 0;                  // index into Program::machines[machine].states
  SavedFields fields;             // saved fields of that state, name=value (shared, immutable)
  int64_t last_transition_step = -1;
  int prev_state = -1;
  bool operator==(const MachineView&) const = default;
};

struct RequestView {              // a device request in flight
  int device = -1;
  int obj = -1;
  int64_t id = -1;
  int64_t start_ms = 0;
  int64_t due_ms = -1;
  std::string what;
  // Its leaf future was dropped (select!'s loser, a cancelled task): the device still finishes
  // the request, but no waker is left to wake.
  bool abandoned = false;
  bool operator==(const RequestView&) const = default;
};

struct WorldState {
  int64_t step = -1;              // events applied: [0, step]; -1 = before the first event
  int64_t t_ms = 0;
  std::vector<TaskView> tasks;
  FlatMap<int, MachineView> machines;   // by object id, created on their first transition
  std::vector<int> queue;         // ready queue (task ids), front first
  FlatMap<int, int> device_waker;       // device -> registered waker
  FlatMap<int, int> leaf_waker;         // leaf future obj -> registered waker
  std::vector<int> live_wakers;
  std::vector<RequestView> requests;
  std::vector<uint8_t> keyboard_queue;  // scancodes waiting in the 100-slot queue
  int running_task = -1;          // -1: no task is being polled
  bool halted = false;
  std::vector<int> poll_stack;    // objects being polled, outermost first
  std::string output;
  std::vector<std::string> diagnostics;
  int64_t last_interrupt_step = -1;
  // The address space at this step: blocks with their fields and bytes, stale ranges left by
  // moves and frees, dangling dereferences so far (empty unless the scenario tracks memory).
  AddressSpace memory;
  int64_t last_memory_step = -1;  // the last memory event applied (-1: none)
  FieldLists field_lists;         // owns what machines[].fields point to (compares equal)
  bool operator==(const WorldState&) const = default;  // every field (tests, replay checks)
};

// Applies one event to the state (the only way state changes). This is the reference fold:
// Session folds an equivalent flat representation (world_flat.cpp) and materializes this state.
// Ids outside the ranges a run can produce (negative, or tasks >= 2^20, objects/wakers >= 2^22,
// devices >= 2^16) are ignored.
void ApplyEvent(const Trace& trace, const Event& e, int64_t step, WorldState& w);

// The state after events [0, last] of `trace`, folded from scratch with ApplyEvent.
WorldState FoldTrace(const Trace& trace, int64_t last);

struct Timeline;  // session.cpp: the trace's index, the flat state and its checkpoints

// A loaded scenario with its trace and time-travel cursor: the API the GUI drives.
class Session {
 public:
  Session();
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;

  // Load a scenario (.toml/.rs) or a native trace (.json). False with diagnostics on failure;
  // the previous session (if any) is kept. Text that looks like JSON (trace_io.h LooksLikeJson)
  // is read as a native trace: its embedded scenario is compiled and re-run with its recorded
  // options and injected keystrokes (the run is deterministic, so this is the recorded trace).
  bool Load(const std::string& path, Diagnostics& diags);
  bool LoadText(const std::string& path, const std::string& text, Diagnostics& diags);
  void Reset();                          // cursor before the first event
  bool Step();                           // one event forward; false at the end
  bool StepBack();                       // one event back; false at the start
  void Seek(int64_t step);               // clamps to [-1, last]; ms even on 10^6-event runs
  // The RunUntil* commands search strictly after the cursor and land ON the event found (it is
  // applied). When there is none they return false and leave the cursor where it was.
  bool RunUntilStep(int64_t step);       // Seek(step); false when step was outside [-1, last]
  bool RunUntilTime(int64_t t_ms);       // first event at or after t
  bool RunUntilKind(EventKind kind);     // next event of that kind after the cursor
  bool RunUntilLine(uint32_t line);      // next event executing that source line
  // Adds a keystroke at the current virtual time, re-runs, keeps the cursor.
  void InjectScancode(uint8_t scancode, Diagnostics& diags);
  // Re-opens the loaded scenario as edited (the GUI editor): `edited` replaces it, script,
  // files, latencies and executor included; live keystrokes are kept and the cursor is clamped
  // into the new run. False with diagnostics (script errors at their line:col, spawn entries
  // the script no longer defines, negative latencies) keeps the current session untouched.
  bool Reopen(Scenario edited, Diagnostics& diags);
  // Uses an already recorded trace (native trace files, tests, benchmarks): no scenario or
  // program, so InjectScancode cannot re-run it. Cursor before the first event.
  void LoadTrace(Trace trace);

  // Checkpoint policy (see session.cpp): a copy of the flat state after every interval() events,
  // the interval doubling until all checkpoints together take at most this much.
  static constexpr size_t kCheckpointBudgetBytes = size_t{64} << 20;
  int64_t interval() const { return interval_; }
  size_t checkpoint_count() const;
  size_t checkpoint_bytes() const { return checkpoint_bytes_; }

  const WorldState& state() const { return state_; }
  const AddressSpace& memory() const { return state_.memory; }  // the address space at the cursor
  int64_t cursor() const { return state_.step; }
  int64_t size() const { return static_cast<int64_t>(trace_.events.size()); }
  const Trace& trace() const { return trace_; }
  const Program* program() const { return program_.get(); }
  const Scenario* scenario() const { return scenario_ ? &*scenario_ : nullptr; }
  // What a native trace needs to replay this session (trace_io.h MakeTraceSource): the loaded
  // file's text and the options of the run (live keystrokes included).
  const std::string& file_text() const { return file_text_; }
  const RunOptions& options() const { return options_; }

 private:
  // Compile + run; false (with `diags` holding errors) keeps the current session.
  bool Open(Scenario scenario, std::string file_text, RunOptions options, Diagnostics& diags);
  bool OpenNative(const std::string& path, const std::string& text, Diagnostics& diags);
  void Rebuild(Diagnostics& diags);      // re-run the emulator and rebuild checkpoints
  void BuildCheckpoints();               // fold trace_ once, keeping checkpoints; cursor at -1
  std::optional<Scenario> scenario_;
  std::unique_ptr<Program> program_;
  RunOptions options_;
  std::string file_text_;
  Trace trace_;
  std::unique_ptr<Timeline> timeline_;   // checkpoints after steps k*interval-1
  int64_t interval_ = 1024;
  size_t checkpoint_bytes_ = 0;
  WorldState state_;
};

}  // namespace aws
