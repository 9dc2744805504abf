// Chrome Trace Event JSON output of a Trace (trace_io.h), for Perfetto and speedscope.
//
// One process (pid 1). Threads: tid 1 "executor"; tid 2+i "task i: <spawned expr>"; then one per
// device, in the trace's device order; then one per emulated thread ("thread main", "thread
// thread#1"; trace.h ThreadState), whose row holds a complete slice (cat "thread") for each
// stretch it runs, is blocked ("blocked", args.on: what it waits on) or is ready ("ready",
// args.why), and an instant "context switch" (cat "cpu", args.saved) where the timer preempts it. thread_sort_index keeps that order in Perfetto.
// Times are display times, not virtual times: virtual time does not advance inside most polls,
// and slices of zero length are invisible in Perfetto and speedscope. So every event occupies a
// slot of its own, 1000 us wide, and virtual time adds to it: event `step` at virtual time t_ms
// occupies [(t_ms + step) * 1000, (t_ms + step) * 1000 + 1000) us. The map is strictly
// increasing, so slices nest as the events do and no two events share a time. A slice covers
// the slots of the events that begin and end it (a poll: its poll_begin through its poll_end);
// cpu_busy adds its virtual duration to its slot; an instant sits at the start of its slot and
// carries the event's virtual `t_ms` and `step`. README.md ("Chrome trace") states the rule.
//
// * Complete slices (ph X) carry only args that repeat from slice to slice (no step numbers):
//   speedscope names a frame after its name *and* args, so per-step args would make every poll
//   a frame of its own. Instants, which speedscope ignores, carry `t_ms` and `step`.
// * Polls: a complete slice (ph X, cat "task") "poll <future>" from each poll_begin to its
//   poll_end on the task's thread; inner polls (depth > 0) nest inside. A poll still open when
//   the trace ends closes where the last slot ends (args.unfinished).
// * Wakes: an instant (ph i, s t, cat "wake") on the waking device's thread (the task's own
//   thread for self-wakes). A wake that reached the executor also gets a one-slot slice
//   "wake task N" (cat "task") one slot long there, and a flow from it to the task's next top-level poll:
//   ph s at the wake (same ts/pid/tid/cat as that one-slot slice) and ph f with bp "e" at
//   the poll's start (same ts/pid/tid/cat as the poll slice). The flow id is the wake's step.
//   Wakes never followed by a poll get no flow.
// * Queue length: a counter (ph C) "ready queue" with args.tasks at every push and pop, starting
//   at 0.
// * Device requests may overlap on one device (two reads in flight), which complete slices on
//   one thread cannot show, so they are async slices (ph b/e, cat "device", id = the step of
//   device_start) that Perfetto lays out in rows of their own.
// * hlt (halt -> resume) and cpu_busy (work / thread_sleep) are complete slices (cat "cpu") on
//   the executor's and the task's thread. Transitions, spawns, prints, panics, task ends,
//   interrupts, injected keys and diagnostics are instants on their task's or device's thread;
//   run_end is a global instant. Waker create/clone/register/drop are left out, and so are
//   executor code's line steps (exec_line): the slots they take stay empty, a gap on the
//   executor's row where the script's executor ran code between events.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "awaitscope/memory.h"
#include "awaitscope/trace_io.h"
#include "trace_json.h"

namespace aws {
namespace {

using namespace trace_json;

class ChromeWriter {
 public:
  ChromeWriter(const Trace& t, const Program* program, OutStream& out)
      : t_(t), program_(program), out_(out) {}

  void Write() {
    Prepare();
    out_.buf() += "{\"traceEvents\":[\n";
    Metadata();
    Drain();
    for (size_t i = 0; i < t_.events.size(); ++i) {
      On(t_.events[i], static_cast<int64_t>(i));
      Drain();
    }
    Finish();
    Drain();
    std::string& out = out_.buf();
    if (written_ > 0) out += "\n";
    out += "],\n\"displayTimeUnit\":\"ms\",\n\"otherData\":";
    {
      JObj other(out);
      other.Str("scenario", t_.scenario);
      other.Str("executor", t_.executor);
      other.Str("time_unit",
                "display time: event number `step` at virtual time t_ms starts at (t_ms + step) * 1000 us "
                "and lasts 1000 us");
    }
    out += "}\n";
    out_.Pump();
  }

 private:
  static constexpr int kPid = 1;
  static constexpr int kExecutorTid = 1;

  // Display time (see above): event `step` occupies [SlotUs, SlotUs + kSlotUs).
  static constexpr int64_t kSlotUs = 1000;
  static int64_t SlotUs(const Event& e, int64_t step) { return (e.t_ms + step) * kSlotUs; }

  int TaskTid(int32_t task) const { return task < 0 ? kExecutorTid : 2 + task; }
  int DeviceTid(int32_t device) const {
    return device < 0 ? kExecutorTid : 2 + static_cast<int>(num_tasks_) + device;
  }
  int ThreadTid(int64_t thread) const {
    return 2 + static_cast<int>(num_tasks_ + num_devices_) + static_cast<int>(thread);
  }
  static bool IsThreadEvent(const Event& e) {
    return (e.kind == EventKind::ThreadState || e.kind == EventKind::ContextSwitch) && e.a >= 0 && e.a < 4096 &&
           (e.kind == EventKind::ThreadState || (e.b >= 0 && e.b < 4096));
  }

  // A thread's state changes: the slice of its previous state closes, the new one opens.
  void ThreadSlice(int64_t thread, const char* name, const char* key, std::string_view what) {
    std::optional<Open>& open = open_threads_[static_cast<size_t>(thread)];
    if (open) Close(*open, at_us_);
    open.reset();
    if (name == nullptr) return;
    open = OpenSlice(name, "thread", at_us_, ThreadTid(thread));
    if (key != nullptr && !what.empty()) ArgStr(open->args, key, what);
  }

  void Prepare() {
    num_tasks_ = t_.tasks.size();
    num_devices_ = t_.devices.size();
    for (const Event& e : t_.events) {
      if (e.task >= 0) num_tasks_ = std::max(num_tasks_, static_cast<size_t>(e.task) + 1);
      if (e.device >= 0) num_devices_ = std::max(num_devices_, static_cast<size_t>(e.device) + 1);
      if (IsThreadEvent(e)) num_threads_ = std::max(num_threads_, static_cast<size_t>(e.a) + 1);
    }
    open_threads_.resize(num_threads_);
    // Slices still open at the end close where the last event's slot (or a cpu_busy slice
    // running past it) ends.
    for (size_t i = 0; i < t_.events.size(); ++i) {
      const Event& e = t_.events[i];
      int64_t end = SlotUs(e, static_cast<int64_t>(i)) + kSlotUs;
      if (e.kind == EventKind::CpuBusy) end += std::max<int64_t>(0, e.a) * 1000;
      end_us_ = std::max(end_us_, end);
    }
    open_polls_.resize(num_tasks_);
    pending_wakes_.resize(num_tasks_);
  }

  // The fields every row starts with: ph, name, cat, ts, pid, tid.
  static void Head(JObj& o, const char* ph, std::string_view name, const char* cat, int64_t ts_us,
                   int tid) {
    o.Str("ph", ph);
    o.Str("name", name);
    o.Str("cat", cat);
    o.Int("ts", ts_us);
    o.Int("pid", kPid);
    o.Int("tid", tid);
  }

  // Rows are numbered in file order. A row is written once it and every row before it are
  // complete; a slice reserves its row (empty until Close), holding back the rows after it.
  std::string& NewRow() {
    if (free_.empty()) return pending_.emplace_back();
    pending_.push_back(std::move(free_.back()));
    free_.pop_back();
    return pending_.back();
  }
  size_t NextRow() const { return pending_base_ + pending_.size(); }
  std::string& Row(size_t row) { return pending_[row - pending_base_]; }

  void Drain() {
    std::string& out = out_.buf();
    while (!pending_.empty() && !pending_.front().empty()) {
      if (written_ > 0) out += ",\n";
      out += pending_.front();
      ++written_;
      free_.push_back(std::move(pending_.front()));
      free_.back().clear();
      pending_.pop_front();
      ++pending_base_;
      out_.Pump();
    }
  }

  void Meta(const char* name, int tid, const char* key, const std::string& value) {
    JObj o(NewRow());
    o.Str("ph", "M");
    o.Str("name", name);
    o.Int("pid", kPid);
    o.Int("tid", tid);
    JObj args(o.Key("args"));
    args.Str(key, value);
  }

  void Thread(int tid, const std::string& name, int sort) {
    Meta("thread_name", tid, "name", name);
    JObj o(NewRow());
    o.Str("ph", "M");
    o.Str("name", "thread_sort_index");
    o.Int("pid", kPid);
    o.Int("tid", tid);
    JObj args(o.Key("args"));
    args.Int("sort_index", sort);
  }

  void Metadata() {
    std::string process = "awaitscope";
    if (!t_.scenario.empty()) process += ": " + t_.scenario;
    Meta("process_name", kExecutorTid, "name", process);
    Thread(kExecutorTid, t_.executor.empty() ? "executor" : "executor (" + t_.executor + ")", 0);
    for (size_t i = 0; i < num_tasks_; ++i) {
      std::string name = fmt::format("task {}", i);
      if (i < t_.tasks.size() && !t_.tasks[i].name.empty()) name += ": " + t_.tasks[i].name;
      Thread(TaskTid(static_cast<int32_t>(i)), name, 1 + static_cast<int>(i));
    }
    for (size_t d = 0; d < num_devices_; ++d)
      Thread(DeviceTid(static_cast<int32_t>(d)), DeviceName(t_, static_cast<int32_t>(d)),
             1 + static_cast<int>(num_tasks_ + d));
    for (size_t th = 0; th < num_threads_; ++th)
      Thread(ThreadTid(static_cast<int64_t>(th)), "thread " + ThreadName(t_, static_cast<int64_t>(th)),
             1 + static_cast<int>(num_tasks_ + num_devices_ + th));
  }

  // An instant in the current event's slot; args(JObj&) writes its args, then `t_ms` and `step`.
  template <typename ArgsFn>
  void Instant(std::string_view name, const char* cat, int tid, ArgsFn&& args,
               const char* scope = "t") {
    JObj o(NewRow());
    Head(o, "i", name, cat, at_us_, tid);
    o.Str("s", scope);
    JObj a(o.Key("args"));
    args(a);
    a.Int("t_ms", at_ms_);
    a.Int("step", step_);
  }

  // A complete slice written now.
  template <typename ArgsFn>
  void Slice(std::string_view name, const char* cat, int64_t ts_us, int64_t dur_us, int tid,
             ArgsFn&& args) {
    JObj o(NewRow());
    Head(o, "X", name, cat, ts_us, tid);
    o.Int("dur", std::max<int64_t>(0, dur_us));
    JObj a(o.Key("args"));
    args(a);
  }

  // A complete slice whose end is known later: its row is reserved now, written by Close.
  struct Open {
    size_t row;
    int64_t ts_us;
    std::string head;  // `{"ph":"X",...,"tid":N`
    std::string args;  // the args' members written so far, without braces
  };

  Open OpenSlice(std::string_view name, const char* cat, int64_t ts_us, int tid) {
    Open s;
    s.row = NextRow();
    s.ts_us = ts_us;
    NewRow();
    {
      JObj o(s.head);
      Head(o, "X", name, cat, ts_us, tid);
    }
    s.head.pop_back();  // reopen the object
    return s;
  }

  static void Arg(std::string& args, std::string_view key, std::string_view raw_value) {
    if (!args.empty()) args += ',';
    AppendJsonString(args, key);
    args += ':';
    args += raw_value;
  }
  static void ArgInt(std::string& args, std::string_view key, int64_t v) {
    fmt::format_int f(v);
    Arg(args, key, std::string_view(f.data(), f.size()));
  }
  static void ArgStr(std::string& args, std::string_view key, std::string_view v) {
    if (!args.empty()) args += ',';
    AppendJsonString(args, key);
    args += ':';
    AppendJsonString(args, v);
  }

  void Close(const Open& s, int64_t end_us) {
    std::string& row = Row(s.row);
    fmt::format_int dur(std::max<int64_t>(0, end_us - s.ts_us));
    row.reserve(s.head.size() + s.args.size() + 32);
    row = s.head;
    row += ",\"dur\":";
    row.append(dur.data(), dur.size());
    row += ",\"args\":{";
    row += s.args;
    row += "}}";
  }

  void Counter(int64_t ts_us, int64_t len) {
    JObj o(NewRow());
    o.Str("ph", "C");
    o.Str("name", "ready queue");
    o.Int("ts", ts_us);
    o.Int("pid", kPid);
    o.Int("tid", kExecutorTid);
    JObj args(o.Key("args"));
    args.Int("tasks", len);
  }

  void On(const Event& e, int64_t step) {
    const std::string& payload = t_.Payload(e);
    step_ = step;
    at_ms_ = e.t_ms;
    at_us_ = SlotUs(e, step);
    const int64_t slot_end = at_us_ + kSlotUs;
    switch (e.kind) {
      case EventKind::PollBegin: {
        if (e.task < 0) break;
        std::string future = FutureName(t_, e.obj);
        std::string name = "poll " + (e.obj >= 0 && static_cast<size_t>(e.obj) < t_.objects.size()
                                          ? t_.objects[e.obj].name
                                          : future);
        Open s = OpenSlice(name, "task", at_us_, TaskTid(e.task));
        ArgStr(s.args, "future", future);
        ArgInt(s.args, "depth", e.a);
        open_polls_[e.task].push_back({std::move(s), e.a});
        if (e.a == 0) {
          // Flows from the wakes that led to this poll.
          for (const PendingWake& w : pending_wakes_[e.task]) {
            {
              JObj o(NewRow());
              Head(o, "s", "wake", "task", w.ts_us, w.tid);
              o.Int("id", w.id);
            }
            JObj o(NewRow());
            Head(o, "f", "wake", "task", at_us_, TaskTid(e.task));
            o.Str("bp", "e");
            o.Int("id", w.id);
          }
          pending_wakes_[e.task].clear();
        }
        break;
      }
      case EventKind::PollEnd: {
        if (e.task < 0) break;
        auto& stack = open_polls_[e.task];
        while (!stack.empty()) {
          OpenPoll p = std::move(stack.back());
          stack.pop_back();
          if (p.depth != e.a) {  // a poll_end went missing: close that poll with its parent
            Arg(p.slice.args, "unfinished", "true");
            Close(p.slice, slot_end);
            continue;
          }
          ArgStr(p.slice.args, "result", e.b == 1 ? "Ready" : "Pending");
          if (e.b == 1 && !payload.empty()) ArgStr(p.slice.args, "value", payload);
          Close(p.slice, slot_end);
          break;
        }
        break;
      }
      case EventKind::WakerWake: {
        int tid = e.device >= 0 ? DeviceTid(e.device) : TaskTid(e.task);
        std::string target = e.task >= 0 ? fmt::format("task {}", e.task) : "no task";
        std::string waker = e.waker >= 0 ? fmt::format("W{}", e.waker) : "none";
        std::string by = e.device >= 0 ? DeviceName(t_, e.device) : std::string("self");
        auto args = [&](JObj& a) {
          a.Str("waker", waker);
          a.Id("task", e.task);
          a.Str("by", by);
          a.Bool("reached_executor", e.b == 1);
        };
        Instant(fmt::format("wake {} -> {}", waker, target), "wake", tid, args);
        if (e.b == 1 && e.task >= 0) {
          Slice("wake " + target, "task", at_us_, kSlotUs, tid, args);
          pending_wakes_[e.task].push_back({step, at_us_, tid});
        }
        break;
      }
      case EventKind::QueuePush:
      case EventKind::QueuePop:
        if (!counter_started_) {
          Counter(0, 0);
          counter_started_ = true;
        }
        Counter(at_us_, e.a);
        break;
      case EventKind::DeviceStart: {
        std::string name = payload.empty() ? fmt::format("request {}", e.a) : payload;
        int tid = DeviceTid(e.device);
        {
          JObj o(NewRow());
          Head(o, "b", name, "device", at_us_, tid);
          o.Int("id", step);
          JObj a(o.Key("args"));
          a.Int("request", e.a);
          a.Str("future", FutureName(t_, e.obj));
          a.Id("due_ms", e.b);
        }
        open_requests_[{e.device, e.a}] = {step, std::move(name), tid};
        break;
      }
      case EventKind::DeviceComplete: {
        auto it = open_requests_.find({e.device, e.a});
        if (it == open_requests_.end()) {
          Instant(e.a >= 0 ? fmt::format("request {} completed", e.a) : std::string("completed"),
                  "device", DeviceTid(e.device), [&](JObj& a) { a.Str("result", payload); });
          break;
        }
        {
          JObj o(NewRow());
          Head(o, "e", it->second.name, "device", slot_end, it->second.tid);
          o.Int("id", it->second.id);
          JObj a(o.Key("args"));
          a.Str("result", payload);
        }
        open_requests_.erase(it);
        break;
      }
      case EventKind::Interrupt:
        Instant(e.a >= 0 ? fmt::format("interrupt 0x{:02X}", e.a) : std::string("interrupt"),
                "device", DeviceTid(e.device), [&](JObj& a) { a.Bool("held", e.b == 1); });
        break;
      case EventKind::Inject:
        Instant(fmt::format("inject 0x{:02X}", e.a), "device", DeviceTid(e.device), [](JObj&) {});
        break;
      case EventKind::Halt:
        if (!halt_) {
          halt_ = OpenSlice("hlt", "cpu", at_us_, kExecutorTid);
          Arg(halt_->args, "queue_nonempty", e.a == 1 ? "true" : "false");
        }
        break;
      case EventKind::Resume:
        if (halt_) {
          Close(*halt_, slot_end);
          halt_.reset();
        }
        break;
      case EventKind::CpuBusy:
        Slice(payload.empty() ? (e.b == 1 ? "blocking" : "work") : std::string_view(payload), "cpu",
              at_us_, std::max<int64_t>(0, e.a) * 1000 + kSlotUs, TaskTid(e.task), [&](JObj& a) {
                a.Int("duration_ms", e.a);
                a.Bool("blocking", e.b == 1);
              });
        break;
      case EventKind::Transition: {
        const char* from = StateLabel(t_, program_, e.obj, e.a);
        const char* to = StateLabel(t_, program_, e.obj, e.b);
        std::string name =
            fmt::format("{}: {} -> {}", FutureName(t_, e.obj),
                        from ? from : fmt::format("s{}", e.a), to ? to : fmt::format("s{}", e.b));
        Instant(name, "state", TaskTid(e.task),
                [&](JObj& a) { AppendStateFields(a.Key("fields"), payload); });
        break;
      }
      case EventKind::Spawn:
        Instant("spawn", "task", TaskTid(e.task), [&](JObj& a) { a.Str("expr", payload); });
        break;
      case EventKind::Print:
        Instant("print", "output", TaskTid(e.task), [&](JObj& a) { a.Str("text", payload); });
        break;
      case EventKind::Panic:
        Instant("panic", "fault", TaskTid(e.task), [&](JObj& a) {
          a.Str("future", FutureName(t_, e.obj));
          a.Str("message", payload);
        });
        break;
      case EventKind::TaskDone:
        Instant("task done", "task", TaskTid(e.task), [&](JObj& a) { a.Str("value", payload); });
        break;
      case EventKind::Diagnostic:
        Instant(LevelName(e.a), "diagnostic", TaskTid(e.task),
                [&](JObj& a) { a.Str("message", payload); });
        break;
      case EventKind::RunEnd:
        Instant(
            fmt::format("run end: {}", EndReasonName(e.a)), "run", kExecutorTid,
            [&](JObj& a) { a.Str("why", payload); }, "g");
        break;
      case EventKind::MemMove:
        Instant("move", "memory", TaskTid(e.task), [&](JObj& a) {
          a.Str("from", HexAddress(static_cast<uint64_t>(e.a)));
          a.Str("to", HexAddress(static_cast<uint64_t>(e.b)));
          a.Str("what", std::string_view(payload).substr(0, payload.find('\n')));
        });
        break;
      case EventKind::MemDangling:
        Instant("dangling dereference", "memory", TaskTid(e.task), [&](JObj& a) {
          a.Str("address", HexAddress(static_cast<uint64_t>(e.a)));
          a.Str("what", payload);
        });
        break;
      case EventKind::MemAlloc:
      case EventKind::MemFree:
      case EventKind::MemWrite:
      case EventKind::WakerCreate:
      case EventKind::WakerClone:
      case EventKind::WakerRegister:
      case EventKind::WakerDrop:
      case EventKind::ThreadState:
        if (!IsThreadEvent(e)) break;
        if (e.b == kThreadRuns) ThreadSlice(e.a, "runs", nullptr, "");
        else if (e.b == kThreadBlocked) ThreadSlice(e.a, "blocked", "on", payload);
        else if (e.b == kThreadReady) ThreadSlice(e.a, "ready", "why", payload);
        else ThreadSlice(e.a, nullptr, nullptr, "");  // finished
        break;
      case EventKind::ContextSwitch:
        if (!IsThreadEvent(e)) break;
        Instant("context switch", "cpu", ThreadTid(e.a), [&](JObj& a) {
          a.Int("to", e.b);
          a.Str("saved", payload);
        });
        ThreadSlice(e.a, "ready", "why", "preempted by the timer interrupt");
        break;
      case EventKind::ExecLine:  // executor code's lines: their slots stay empty on the executor's row
      case EventKind::kCount:
        break;
    }
  }

  void Finish() {
    for (auto& stack : open_polls_) {
      for (OpenPoll& p : stack) {
        Arg(p.slice.args, "unfinished", "true");
        Close(p.slice, end_us_);
      }
      stack.clear();
    }
    if (halt_) Close(*halt_, end_us_);
    for (std::optional<Open>& open : open_threads_)
      if (open) {
        Arg(open->args, "unfinished", "true");
        Close(*open, end_us_);
      }
    for (const auto& [key, r] : open_requests_) {  // std::map: in (device, request) order
      JObj o(NewRow());
      Head(o, "e", r.name, "device", end_us_, r.tid);
      o.Int("id", r.id);
      JObj a(o.Key("args"));
      a.Bool("unfinished", true);
    }
  }

  struct OpenPoll {
    Open slice;
    int64_t depth;
  };
  struct PendingWake {
    int64_t id;
    int64_t ts_us;
    int tid;
  };
  struct OpenRequest {
    int64_t id;
    std::string name;
    int tid;
  };

  const Trace& t_;
  const Program* program_;
  size_t num_tasks_ = 0;
  size_t num_devices_ = 0;
  size_t num_threads_ = 0;
  std::vector<std::optional<Open>> open_threads_;  // by thread: the slice of its current state
  int64_t end_us_ = 0;
  // The event being written: its step, virtual time and display slot.
  int64_t step_ = 0;
  int64_t at_ms_ = 0;
  int64_t at_us_ = 0;
  OutStream& out_;
  std::deque<std::string> pending_;  // rows pending_base_, pending_base_ + 1, ...
  size_t pending_base_ = 0;
  size_t written_ = 0;               // rows written to out_
  std::vector<std::string> free_;    // emptied rows, reused (their capacity)
  std::vector<std::vector<OpenPoll>> open_polls_;
  std::vector<std::vector<PendingWake>> pending_wakes_;
  std::map<std::pair<int32_t, int64_t>, OpenRequest> open_requests_;
  std::optional<Open> halt_;
  bool counter_started_ = false;
};

}  // namespace

void WriteTraceChrome(const Trace& trace, const Program* program, OutStream& out) {
  ChromeWriter(trace, program, out).Write();
}

std::string TraceToChrome(const Trace& trace, const Program* program) {
  std::string text;
  text.reserve(trace.events.size() * 96 + 256);
  OutStream out(&text);
  WriteTraceChrome(trace, program, out);
  return text;
}

}  // namespace aws
