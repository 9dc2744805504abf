// The Session: a scenario loaded, run and time-travelled over, through checkpoints of the flat
// fold (world_flat.cpp), the WorldState the views show kept at the cursor.
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
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "awaitscope/diagnostics.h"
#include "awaitscope/executor_kind.h"
#include "awaitscope/file_io.h"
#include "awaitscope/trace_io.h"
#include "awaitscope/world.h"
#include "world_fold.h"

namespace aws {

using namespace fold;

namespace {

constexpr int64_t kMinInterval = 256;
constexpr int64_t kTargetCheckpoints = 4096;
constexpr size_t kMinCheckpoints = 8;

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
