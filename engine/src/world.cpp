// The world state as a fold of the trace, and the Session that time-travels over it.
//
// Checkpoint policy
// -----------------
// Session keeps `checkpoints_[k]` = the state after step k*interval_-1 (checkpoints_[0] is the
// empty state before the first event), so any step s is reached by copying checkpoint
// floor((s+1)/interval_) and applying at most interval_-1 events; a forward seek that stays
// close to the cursor just applies the events in between without a copy.
//
//  * Count bound: interval_ starts at max(256, ceil(events/4096)), so there are at most ~4096
//    checkpoints whatever the trace length; 256 keeps small runs (the teaching scenarios have a
//    few hundred events) at one or two checkpoints.
//  * Memory bound: while folding, the approximate size of every checkpoint is summed
//    (ApproxBytes). When the sum passes Session::kCheckpointBudgetBytes (64 MiB), every other
//    checkpoint is dropped and interval_ doubles (the kept ones are exactly the multiples of the
//    new interval), repeated as needed. So the checkpoints take <= 64 MiB, unless a single state is so large that
//    even kMinCheckpoints of them exceed it (then memory is kMinCheckpoints * state size).
//  * Seek cost: one state copy (S bytes) + at most interval_ ApplyEvent calls (tens of ns each;
//    the slowest, WakerDrop, scans the tasks). With N events and states of S bytes, the budget
//    gives interval_ ~ max(256, N/4096, 2*N*S/64 MiB). Example, the 10^6-event / 1000-task guard
//    in world_test: S ~ 100 KB, interval_ 2048-4096, seek ~ 0.1 ms copy + <= 4096 events
//    (~0.2 ms) -- far below the 16 ms frame budget. States only get large through `output`
//    (everything printed so far); a run printing megabytes makes both copies and the interval
//    grow, which is the one case the bound degrades (copying S itself is unavoidable).
#include "awaitscope/world.h"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>

#include <cstdio>

#include "awaitscope/diagnostics.h"
#include "awaitscope/trace_io.h"

namespace aws {

namespace {

constexpr int64_t kMinInterval = 256;
constexpr int64_t kTargetCheckpoints = 4096;
constexpr size_t kCheckpointBudget = Session::kCheckpointBudgetBytes;
constexpr size_t kMinCheckpoints = 8;
constexpr int32_t kMaxTasks = 1 << 20;  // guards against absurd ids from a hand-edited trace
constexpr size_t kKeyboardQueueSlots = 100;
constexpr size_t kMaxNativeTraceBytes = size_t{1} << 30;
constexpr size_t kMaxScenarioBytes = size_t{8} << 20;  // as the scenario loader

// The whole file, or nullopt when it cannot be read or is too large (the caller then lets the
// scenario loader report why). Native traces (JSON) may be large; anything else is a scenario.
std::optional<std::string> ReadWholeFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return std::nullopt;
  std::string text;
  char buf[1 << 16];
  size_t n = 0;
  size_t limit = kMaxScenarioBytes;
  bool first = true;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    text.append(buf, n);
    if (first && LooksLikeJson(text)) limit = kMaxNativeTraceBytes;
    first = false;
    if (text.size() > limit) break;
  }
  bool ok = !std::ferror(f) && text.size() <= limit;
  std::fclose(f);
  if (!ok) return std::nullopt;
  return text;
}

const std::string kEmpty;

const std::string& PayloadOf(const Trace& trace, const Event& e) {
  if (e.payload < 0 || static_cast<size_t>(e.payload) >= trace.strings.size()) return kEmpty;
  return trace.strings[static_cast<size_t>(e.payload)];
}

TaskView* TaskOf(WorldState& w, int32_t task) {
  if (task < 0 || task >= kMaxTasks) return nullptr;
  if (static_cast<size_t>(task) >= w.tasks.size()) w.tasks.resize(static_cast<size_t>(task) + 1);
  return &w.tasks[static_cast<size_t>(task)];
}

// "push 0x1E" / "pop 0x1E" -> 0x1E (0 when malformed).
uint8_t ParseScancode(std::string_view payload) {
  size_t x = payload.find("0x");
  if (x == std::string_view::npos) return 0;
  unsigned v = 0;
  std::from_chars(payload.data() + x + 2, payload.data() + payload.size(), v, 16);
  return static_cast<uint8_t>(v);
}

bool InQueue(const WorldState& w, int task) {
  return std::find(w.queue.begin(), w.queue.end(), task) != w.queue.end();
}

// "name=value" lines joined by '\n'; the value is everything after the first '='.
std::vector<std::pair<std::string, std::string>> ParseFields(const std::string& payload) {
  std::vector<std::pair<std::string, std::string>> fields;
  size_t pos = 0;
  while (pos < payload.size()) {
    size_t nl = payload.find('\n', pos);
    if (nl == std::string::npos) nl = payload.size();
    std::string_view line(payload.data() + pos, nl - pos);
    if (!line.empty()) {
      size_t eq = line.find('=');
      if (eq == std::string_view::npos) {
        fields.emplace_back(std::string(line), std::string());
      } else {
        fields.emplace_back(std::string(line.substr(0, eq)), std::string(line.substr(eq + 1)));
      }
    }
    pos = nl + 1;
  }
  return fields;
}

const char* SeverityWord(int64_t a) {
  switch (a) {
    case 0: return "note";
    case 1: return "warning";
    default: return "error";
  }
}

}  // namespace

const char* TaskStatusName(TaskStatus s) {
  switch (s) {
    case TaskStatus::Idle: return "idle";
    case TaskStatus::Scheduled: return "scheduled";
    case TaskStatus::Running: return "running";
    case TaskStatus::Done: return "done";
  }
  return "?";
}

void ApplyEvent(const Trace& trace, const Event& e, int64_t step, WorldState& w) {
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
      if (e.b == 1) w.leaf_waker.erase(e.obj);
      if (e.a == 0) {
        if (TaskView* t = TaskOf(w, e.task); t && t->status == TaskStatus::Running) {
          // A task that woke itself during the poll is already back in the queue.
          t->status = InQueue(w, e.task) ? TaskStatus::Scheduled : TaskStatus::Idle;
        }
        w.running_task = -1;
      }
      break;

    case EventKind::Transition: {
      MachineView& m = w.machines[e.obj];
      m.prev_state = static_cast<int>(e.a);
      m.state = static_cast<int>(e.b);
      m.fields = ParseFields(PayloadOf(trace, e));
      m.last_transition_step = step;
      break;
    }

    case EventKind::WakerCreate:
      w.live_wakers.push_back(e.waker);
      if (trace.executor == "waker") {
        if (TaskView* t = TaskOf(w, e.task)) t->waker = e.waker;
      }
      break;

    case EventKind::WakerClone:
      w.live_wakers.push_back(e.waker);
      break;

    case EventKind::WakerDrop: {
      auto it = std::find(w.live_wakers.begin(), w.live_wakers.end(), e.waker);
      if (it != w.live_wakers.end()) w.live_wakers.erase(it);
      for (TaskView& t : w.tasks) {
        if (t.waker == e.waker) t.waker = -1;
      }
      std::erase_if(w.device_waker, [&](const auto& kv) { return kv.second == e.waker; });
      std::erase_if(w.leaf_waker, [&](const auto& kv) { return kv.second == e.waker; });
      break;
    }

    case EventKind::WakerRegister:
      if (e.device >= 0) w.device_waker[e.device] = e.waker;
      if (e.obj >= 0) w.leaf_waker[e.obj] = e.waker;
      break;

    case EventKind::WakerWake:
      if (e.b == 1) {
        if (TaskView* t = TaskOf(w, e.task)) t->wakes++;
      }
      // The device takes the stored waker to wake it: its registration is gone.
      if (e.device >= 0) w.device_waker.erase(e.device);
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
      if (e.a == -1 && p.starts_with("push ")) {
        // The keyboard interrupt handler queued a scancode (a full or uninitialized queue
        // drops it, and then there is no push event).
        if (w.keyboard_queue.size() < kKeyboardQueueSlots) w.keyboard_queue.push_back(ParseScancode(p));
        break;
      }
      if (e.a == -1 && p.starts_with("pop ")) {
        // The task popped a scancode from the keyboard queue.
        if (!w.keyboard_queue.empty()) w.keyboard_queue.erase(w.keyboard_queue.begin());
        break;
      }
      auto it = std::find_if(w.requests.begin(), w.requests.end(),
                             [&](const RequestView& r) { return r.device == e.device && r.id == e.a; });
      if (it != w.requests.end()) w.requests.erase(it);
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
      w.diagnostics.push_back(fmt::format("t={}ms: panic: {}", e.t_ms, PayloadOf(trace, e)));
      break;

    case EventKind::Diagnostic:
      w.diagnostics.push_back(fmt::format("t={}ms: {}: {}", e.t_ms, SeverityWord(e.a), PayloadOf(trace, e)));
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
    case EventKind::kCount:
      break;
  }
}

size_t ApproxBytes(const WorldState& w) {
  // std::map nodes: 3 pointers + color + key/value, rounded to 48 bytes plus the value.
  constexpr size_t kMapNode = 48;
  size_t n = sizeof(WorldState);
  n += w.tasks.capacity() * sizeof(TaskView);
  for (const TaskView& t : w.tasks) n += t.result.capacity() > 15 ? t.result.capacity() : 0;
  for (const auto& [obj, m] : w.machines) {
    n += kMapNode + sizeof(MachineView) + m.fields.capacity() * sizeof(m.fields[0]);
    for (const auto& [k, v] : m.fields) n += k.size() + v.size();
  }
  n += w.queue.capacity() * sizeof(int);
  n += (w.device_waker.size() + w.leaf_waker.size()) * kMapNode;
  n += w.live_wakers.capacity() * sizeof(int);
  n += w.requests.capacity() * sizeof(RequestView);
  for (const RequestView& r : w.requests) n += r.what.size();
  n += w.keyboard_queue.capacity();
  n += w.poll_stack.capacity() * sizeof(int);
  n += w.output.capacity();
  n += w.diagnostics.capacity() * sizeof(std::string);
  for (const std::string& d : w.diagnostics) n += d.size();
  return n;
}

WorldState FoldTrace(const Trace& trace, int64_t last) {
  WorldState w;
  int64_t end = std::min<int64_t>(last, static_cast<int64_t>(trace.events.size()) - 1);
  for (int64_t i = 0; i <= end; ++i) ApplyEvent(trace, trace.events[static_cast<size_t>(i)], i, w);
  return w;
}

// ---------------------------------------------------------------------------------------------
// Session

bool Session::Load(const std::string& path, Diagnostics& diags) {
  Diagnostics local;
  bool ok = false;
  std::optional<std::string> text = ReadWholeFile(path);
  if (text && LooksLikeJson(*text)) {
    ok = OpenNative(path, *text, local);
  } else {
    // The scenario loader reads the file itself and reports why it cannot.
    std::optional<Scenario> sc = LoadScenario(path, local);
    ok = sc && !local.HasErrors() && Open(std::move(*sc), text ? std::move(*text) : std::string(), RunOptions{}, local);
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
  std::unique_ptr<Program> program = Compile(std::make_unique<SourceFile>(sc.script), sc.ops, diags);
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
  const int64_t n = size();
  interval_ = std::max(kMinInterval, (n + kTargetCheckpoints - 1) / kTargetCheckpoints);
  checkpoints_.clear();
  checkpoints_.shrink_to_fit();
  checkpoints_.reserve(static_cast<size_t>(n / interval_ + 1));
  state_ = WorldState{};
  checkpoints_.push_back(state_);
  checkpoint_bytes_ = ApproxBytes(state_);
  for (int64_t i = 0; i < n; ++i) {
    ApplyNext();
    if ((i + 1) % interval_ != 0) continue;
    checkpoints_.push_back(state_);
    checkpoint_bytes_ += ApproxBytes(checkpoints_.back());
    // Over budget: keep every other checkpoint (the multiples of the doubled interval).
    while (checkpoint_bytes_ > kCheckpointBudget && checkpoints_.size() > kMinCheckpoints) {
      size_t kept = 0;
      checkpoint_bytes_ = 0;
      for (size_t k = 0; k < checkpoints_.size(); k += 2) {
        if (kept != k) checkpoints_[kept] = std::move(checkpoints_[k]);
        checkpoint_bytes_ += ApproxBytes(checkpoints_[kept]);
        ++kept;
      }
      checkpoints_.resize(kept);
      interval_ *= 2;
    }
  }
  state_ = WorldState{};
}

void Session::ApplyNext() {
  int64_t next = state_.step + 1;
  ApplyEvent(trace_, trace_.events[static_cast<size_t>(next)], next, state_);
}

void Session::Reset() { state_ = WorldState{}; }

bool Session::Step() {
  if (state_.step + 1 >= size()) return false;
  ApplyNext();
  return true;
}

bool Session::StepBack() {
  if (state_.step < 0) return false;
  Seek(state_.step - 1);
  return true;
}

void Session::Seek(int64_t step) {
  step = std::clamp<int64_t>(step, -1, size() - 1);
  if (step == state_.step) return;
  if (checkpoints_.empty()) {  // nothing loaded
    state_ = WorldState{};
    return;
  }
  size_t k = std::min(static_cast<size_t>((step + 1) / interval_), checkpoints_.size() - 1);
  int64_t checkpoint_step = static_cast<int64_t>(k) * interval_ - 1;
  // Forwards from the cursor when no checkpoint lies in between; otherwise from the checkpoint.
  if (!(state_.step < step && state_.step >= checkpoint_step)) state_ = checkpoints_[k];
  while (state_.step < step) ApplyNext();
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

}  // namespace aws
