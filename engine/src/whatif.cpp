// What if (whatif.h): a change applied to a scenario, the run repeated, the runs compared.
#include "awaitscope/whatif.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <map>
#include <nlohmann/json.hpp>

#include "awaitscope/executor_kind.h"
#include "awaitscope/runtime.h"
#include "runtime/emulator.h"
#include "text_escape.h"

namespace aws {
namespace {

std::optional<Event> FindDeviceStart(const Trace& t, int64_t request) {
  for (const Event& e : t.events)
    if (e.kind == EventKind::DeviceStart && e.a == request) return e;
  return std::nullopt;
}

WhatIfRequest RequestOf(const Trace& t, const Event& e) {
  return {e.a, t.Payload(e), e.t_ms, e.b};
}

// The step of the task's TaskDone event, or -1.
int64_t DoneStep(const Trace& t, int task) {
  for (size_t i = 0; i < t.events.size(); ++i)
    if (t.events[i].kind == EventKind::TaskDone && t.events[i].task == task) return static_cast<int64_t>(i);
  return -1;
}

std::string EffectiveExecutor(const Scenario& s, const Trace& t) { return t.executor.empty() ? s.executor : t.executor; }

// A request a call could have waited for on the core: one a device completes after a known
// latency (the disk, the timer, a scenario operation), not a thread's or the keyboard's.
bool Blockable(const Trace& t, const Event& e) {
  if (e.kind != EventKind::DeviceStart || e.b < 0 || e.device < 0 || static_cast<size_t>(e.device) >= t.devices.size())
    return false;
  const std::string& kind = t.devices[e.device].kind;
  return kind == "disk" || kind == "timer" || kind == "op";
}

std::string FileList(const Scenario& s) {
  std::string out;
  for (const FileSpec& f : s.files) out += (out.empty() ? "" : ", ") + f.name;
  return out.empty() ? std::string("none") : out;
}

bool ApplyLatency(WhatIfVariant& var, const Trace& base_trace, const WhatIfChange& c, std::string* error) {
  Scenario& v = var.scenario;
  if (c.latency_ms < 0) return *error = "a latency must not be negative", false;
  const std::string& t = c.target;
  const size_t colon = t.find(':');
  const std::string head = t.substr(0, colon);
  const std::string name = colon == std::string::npos ? "" : t.substr(colon + 1);
  bool changed = false;
  auto set = [&](int64_t& field) {
    changed |= field != c.latency_ms;
    field = c.latency_ms;
  };
  if ((head == "read" || head == "write") && colon == std::string::npos) {
    if (v.files.empty() && head == "read") return *error = "the scenario has no files to read", false;
    for (FileSpec& f : v.files) {
      if (head == "read") {
        set(f.read_latency_ms);
      } else {
        int64_t w = f.write_latency_ms.value_or(v.disk.write_latency_ms);
        set(w);
        f.write_latency_ms = w;
      }
    }
    if (head == "write") set(v.disk.write_latency_ms);
  } else if (head == "read" || head == "write") {
    auto it = std::find_if(v.files.begin(), v.files.end(), [&](const FileSpec& f) { return f.name == name; });
    if (it == v.files.end())
      return *error = fmt::format("no file `{}` on the emulated disk (files: {})", name, FileList(v)), false;
    if (head == "read") {
      set(it->read_latency_ms);
    } else {
      int64_t w = it->write_latency_ms.value_or(v.disk.write_latency_ms);
      set(w);
      it->write_latency_ms = w;
    }
  } else if (head == "op" && colon != std::string::npos) {
    auto it = std::find_if(v.ops.begin(), v.ops.end(), [&](const OpSpec& o) { return o.name == name; });
    if (it == v.ops.end()) return *error = fmt::format("the scenario declares no operation `{}`", name), false;
    set(it->latency_ms);
  } else if ((head == "request" && colon != std::string::npos) || (head == "timer" && colon == std::string::npos)) {
    std::vector<int64_t> ids;
    if (head == "timer") {
      for (const Event& e : base_trace.events)
        if (e.kind == EventKind::DeviceStart && e.device >= 0 && static_cast<size_t>(e.device) < base_trace.devices.size() &&
            base_trace.devices[e.device].kind == "timer")
          ids.push_back(e.a);
      if (ids.empty()) return *error = "the run starts no timer request", false;
    } else {
      char* end = nullptr;
      const long long id = std::strtoll(name.c_str(), &end, 10);
      if (name.empty() || *end != '\0' || !FindDeviceStart(base_trace, id))
        return *error = fmt::format("the run has no device request `{}` (the trace numbers them request=1, 2, ...)", name),
               false;
      ids.push_back(id);
    }
    for (int64_t id : ids) {
      std::optional<Event> e = FindDeviceStart(base_trace, id);
      changed |= e->b < 0 || e->b - e->t_ms != c.latency_ms;
      var.injections.request_latencies.push_back({id, c.latency_ms});
    }
  } else {
    return *error = fmt::format("unknown latency `{}`: read, write, read:FILE, write:FILE, op:NAME, timer or request:N", t),
           false;
  }
  if (!changed) return *error = fmt::format("the latency of `{}` is already {} ms", t, c.latency_ms), false;
  return true;
}

bool ApplySwap(WhatIfInjections& v, const Trace& base_trace, const WhatIfChange& c, std::string* error) {
  std::optional<Event> a = FindDeviceStart(base_trace, c.request_a);
  std::optional<Event> b = FindDeviceStart(base_trace, c.request_b);
  for (auto [e, id] : {std::pair{a, c.request_a}, std::pair{b, c.request_b}}) {
    if (!e) return *error = fmt::format("the run has no device request #{} (the trace numbers them request=1, 2, ...)", id), false;
    if (e->b < 0) return *error = fmt::format("request #{} has no due time (it waits for an event, not a latency)", id), false;
  }
  if (c.request_a == c.request_b) return *error = "name two different requests", false;
  if (a->b == b->b) return *error = fmt::format("requests #{} and #{} are both due at {} ms: swapping changes nothing", c.request_a, c.request_b, a->b), false;
  if (!(b->t_ms < a->b && a->t_ms < b->b))
    return *error = fmt::format("requests #{} and #{} are never in flight together (one starts after the other is done): "
                                "their completions cannot change order",
                                c.request_a, c.request_b),
           false;
  v.request_latencies.push_back({c.request_a, b->b - a->t_ms});
  v.request_latencies.push_back({c.request_b, a->b - b->t_ms});
  return true;
}

bool ApplyBlocking(WhatIfInjections& v, const Trace& base_trace, const WhatIfChange& c, std::string* error) {
  const std::string& t = c.target;
  const size_t colon = t.find(':');
  const std::string head = t.substr(0, colon);
  const std::string name = colon == std::string::npos ? "" : t.substr(colon + 1);
  if (head == "request" && colon != std::string::npos) {
    char* end = nullptr;
    const long long id = std::strtoll(name.c_str(), &end, 10);
    std::optional<Event> e = name.empty() || *end != '\0' ? std::nullopt : FindDeviceStart(base_trace, id);
    if (!e)
      return *error = fmt::format("the run has no device request `{}` (the trace numbers them request=1, 2, ...)", name),
             false;
    if (!Blockable(base_trace, *e))
      return *error = fmt::format("request #{} ({}) waits for a thread or a key, not for a latency: there is no blocking "
                                  "call to put in its place",
                                  id, base_trace.Payload(*e)),
             false;
    v.blocking.push_back({id, ""});
    return true;
  }
  if ((head == "read" || head == "write") && colon != std::string::npos && !name.empty()) {
    const std::string what = head + " " + name;
    for (const Event& e : base_trace.events)
      if (e.kind == EventKind::DeviceStart && base_trace.Payload(e) == what) {
        v.blocking.push_back({-1, what});
        return true;
      }
    return *error = fmt::format("the run never {}s `{}`", head == "read" ? "read" : "write", name), false;
  }
  return *error = fmt::format("unknown call `{}` to make blocking: request:N, read:FILE or write:FILE", t), false;
}

bool ApplyInjection(WhatIfInjections& v, const Trace& base_trace, const WhatIfChange& c, std::string* error) {
  const int64_t n = static_cast<int64_t>(base_trace.events.size());
  if (c.step < 0 || c.step >= n - 1)
    return *error = fmt::format("step {} is not inside the run: pick a step from 0 to {}", c.step, n - 2), false;
  int task = c.task;
  if (task < 0) task = base_trace.events[c.step].task;
  if (task < 0)
    return *error = fmt::format("step {} belongs to no task: name one (TASK@STEP)", c.step), false;
  if (task >= static_cast<int>(base_trace.tasks.size()))
    return *error = fmt::format("the run has no task {} (tasks: 0 to {})", task, static_cast<int>(base_trace.tasks.size()) - 1),
           false;
  if (base_trace.tasks[task].spawned_step > c.step)
    return *error = fmt::format("task {} is spawned only at step {}", task, base_trace.tasks[task].spawned_step), false;
  const int64_t done = DoneStep(base_trace, task);
  if (done >= 0 && done <= c.step)
    return *error = fmt::format("task {} has finished by step {} (at step {})", task, c.step, done), false;
  v.injections.push_back({c.kind == WhatIfKind::Cancel ? InjectSpec::Kind::Cancel : InjectSpec::Kind::SpuriousWake, task, c.step});
  return true;
}

std::string Ms(int64_t ms) { return fmt::format("{} ms", ms); }

int Faults(const Trace& t, std::string* first) {
  int n = 0;
  for (const Event& e : t.events)
    if (e.kind == EventKind::Panic || (e.kind == EventKind::Diagnostic && e.a == 2)) {
      if (n++ == 0) *first = t.Payload(e);
    }
  return n;
}

const char* EndReason(int r) {
  static const char* kNames[] = {"finished", "faulted", "stopped", "idle"};
  return r >= 0 && r <= 3 ? kNames[r] : "unknown";
}

bool IsMilestone(const Event& e) {
  switch (e.kind) {
    case EventKind::DeviceStart: case EventKind::DeviceComplete: case EventKind::WakerWake: case EventKind::Print:
    case EventKind::TaskDone: case EventKind::Panic: case EventKind::Diagnostic: case EventKind::RunEnd:
      return true;
    default: return false;
  }
}

}  // namespace

Trace RunWithInjections(const Program& program, const Scenario& scenario, const WhatIfInjections& inj,
                        const RunOptions& options, Diagnostics& diags) {
  emu::Emulator e(program, scenario, options, diags);
  e.SetInjections(&inj);
  return e.Run();
}

std::string DescribeChange(const WhatIfChange& c, const Scenario& base, const Trace& t) {
  switch (c.kind) {
    case WhatIfKind::Executor: return fmt::format("executor: {} -> {}", EffectiveExecutor(base, t), c.executor);
    case WhatIfKind::Latency: return fmt::format("latency of {}: {} ms", c.target, c.latency_ms);
    case WhatIfKind::SwapCompletions: {
      std::optional<Event> a = FindDeviceStart(t, c.request_a);
      std::optional<Event> b = FindDeviceStart(t, c.request_b);
      if (!a || !b) return fmt::format("swap the completions of requests #{} and #{}", c.request_a, c.request_b);
      return fmt::format("swap the completions of request #{} ({}, due {} ms) and #{} ({}, due {} ms)", c.request_a,
                         t.Payload(*a), a->b, c.request_b, t.Payload(*b), b->b);
    }
    case WhatIfKind::SpuriousWake: case WhatIfKind::Cancel: {
      int task = c.task;
      int64_t tm = 0;
      if (c.step >= 0 && static_cast<size_t>(c.step) < t.events.size()) {
        if (task < 0) task = t.events[c.step].task;
        tm = t.events[c.step].t_ms;
      }
      return c.kind == WhatIfKind::Cancel
                 ? fmt::format("cancel task {} after step {} (t={}ms) while it waits in an .await", task, c.step, tm)
                 : fmt::format("a spurious wake-up of task {} after step {} (t={}ms)", task, c.step, tm);
    }
    case WhatIfKind::SleepIfIdle:
      return fmt::format("sleep_if_idle: {} -> {}", base.naive_sleep_if_idle ? "naive" : "fixed", c.naive ? "naive" : "fixed");
    case WhatIfKind::Blocking: {
      const size_t colon = c.target.find(':');
      if (c.target.compare(0, colon, "request") == 0 && colon != std::string::npos) {
        std::optional<Event> e = FindDeviceStart(t, std::strtoll(c.target.c_str() + colon + 1, nullptr, 10));
        if (e) return fmt::format("blocking call: request #{} ({}) holds the core until it is done", e->a, t.Payload(*e));
      }
      std::string what = c.target;
      if (colon != std::string::npos) what[colon] = ' ';
      return fmt::format("blocking call: every {} holds the core until it is done", what);
    }
  }
  return {};
}

std::optional<WhatIfVariant> ApplyChange(const Scenario& base, const Trace& base_trace, const WhatIfChange& c,
                                         std::string* error) {
  WhatIfVariant var{base, {}};
  Scenario& v = var.scenario;
  v.executor = EffectiveExecutor(base, base_trace);
  bool ok = true;
  switch (c.kind) {
    case WhatIfKind::Executor:
      if (!FindExecutorKind(c.executor)) {
        *error = fmt::format("unknown executor `{}` ({})", c.executor, ExecutorKindNames());
        ok = false;
      } else if (c.executor == v.executor) {
        *error = fmt::format("the run already uses the {} executor", c.executor);
        ok = false;
      }
      v.executor = c.executor;
      break;
    case WhatIfKind::Latency: ok = ApplyLatency(var, base_trace, c, error); break;
    case WhatIfKind::SwapCompletions: ok = ApplySwap(var.injections, base_trace, c, error); break;
    case WhatIfKind::SpuriousWake: case WhatIfKind::Cancel: ok = ApplyInjection(var.injections, base_trace, c, error); break;
    case WhatIfKind::Blocking: ok = ApplyBlocking(var.injections, base_trace, c, error); break;
    case WhatIfKind::SleepIfIdle:
      if (v.executor != "waker") {
        *error = fmt::format("sleep_if_idle belongs to the waker executor; this run uses the {} executor", v.executor);
        ok = false;
      } else if (c.naive == base.naive_sleep_if_idle) {
        *error = fmt::format("sleep_if_idle is already {}", c.naive ? "naive" : "fixed");
        ok = false;
      }
      v.naive_sleep_if_idle = c.naive;
      break;
  }
  if (!ok) return std::nullopt;
  return var;
}

WhatIfChoices ChoicesFor(const Scenario& base, const Trace& t) {
  WhatIfChoices ch;
  ch.executor = EffectiveExecutor(base, t);
  for (const ExecutorKindInfo& k : ExecutorKinds())
    if (k.name != ch.executor) ch.executors.emplace_back(k.name);
  for (const FileSpec& f : base.files) ch.latencies.push_back({"read:" + f.name, f.read_latency_ms});
  for (const FileSpec& f : base.files) ch.latencies.push_back({"write:" + f.name, f.write_latency_ms.value_or(base.disk.write_latency_ms)});
  for (const OpSpec& o : base.ops) ch.latencies.push_back({"op:" + o.name, o.latency_ms});
  for (const Event& e : t.events)
    if (e.kind == EventKind::DeviceStart) {
      ch.requests.push_back(RequestOf(t, e));
      if (Blockable(t, e)) ch.blockable.push_back(RequestOf(t, e));
    }
  for (size_t i = 0; i < ch.requests.size(); ++i)
    for (size_t j = i + 1; j < ch.requests.size(); ++j) {
      const WhatIfRequest& a = ch.requests[i];
      const WhatIfRequest& b = ch.requests[j];
      if (a.due_ms >= 0 && b.due_ms >= 0 && a.due_ms != b.due_ms && b.start_ms < a.due_ms && a.start_ms < b.due_ms)
        ch.swaps.push_back({a, b});
    }
  for (size_t i = 0; i + 1 < t.events.size(); ++i) {
    const Event& e = t.events[i];
    if (e.kind == EventKind::PollEnd && e.a == 0 && e.b == 0 && e.task >= 0)
      ch.waits.push_back({e.task, static_cast<int64_t>(i), e.t_ms});
  }
  ch.sleep_if_idle = ch.executor == "waker";
  ch.naive_now = base.naive_sleep_if_idle;
  return ch;
}

const char* WhatIfFieldName(WhatIfField f) {
  switch (f) {
    case WhatIfField::Executor: return "executor";
    case WhatIfField::Polls: return "polls";
    case WhatIfField::Pending: return "pending";
    case WhatIfField::Ready: return "ready";
    case WhatIfField::Wakes: return "wakes";
    case WhatIfField::EndTime: return "end time";
    case WhatIfField::EndReason: return "end";
    case WhatIfField::Faults: return "faults";
    case WhatIfField::Output: return "output";
    case WhatIfField::TaskEnd: return "task";
  }
  return "";
}

std::vector<WhatIfRow> CompareSummaries(const Trace& a, const Trace& b) {
  std::vector<WhatIfRow> rows;
  auto add = [&](WhatIfField f, std::string x, std::string y, int task = -1) {
    const bool differs = x != y;
    rows.push_back({f, task, std::move(x), std::move(y), differs});
  };
  const TraceSummary& x = a.summary;
  const TraceSummary& y = b.summary;
  add(WhatIfField::Executor, a.executor, b.executor);
  add(WhatIfField::Polls, std::to_string(x.polls), std::to_string(y.polls));
  add(WhatIfField::Pending, std::to_string(x.pending), std::to_string(y.pending));
  add(WhatIfField::Ready, std::to_string(x.ready), std::to_string(y.ready));
  add(WhatIfField::Wakes, std::to_string(x.wakes), std::to_string(y.wakes));
  add(WhatIfField::EndTime, Ms(x.end_time_ms), Ms(y.end_time_ms));
  add(WhatIfField::EndReason, EndReason(x.end_reason), EndReason(y.end_reason));
  std::string fa, fb;
  const int na = Faults(a, &fa), nb = Faults(b, &fb);
  add(WhatIfField::Faults, na ? fmt::format("{}: {}", na, fa) : "0", nb ? fmt::format("{}: {}", nb, fb) : "0");
  add(WhatIfField::Output, RustQuote(x.output), RustQuote(y.output));
  const size_t tasks = std::max(a.tasks.size(), b.tasks.size());
  for (size_t i = 0; i < tasks; ++i) {
    auto end = [&](const Trace& t) -> std::string {
      if (i >= t.tasks.size()) return "-";
      const int64_t s = DoneStep(t, static_cast<int>(i));
      if (s < 0) return "not done";
      std::string result;
      AppendEscaped(result, t.Payload(t.events[s]), EscapeStyle::OneLine);
      return fmt::format("{} at {} ms", result, int64_t{t.events[s].t_ms});
    };
    add(WhatIfField::TaskEnd, end(a), end(b), static_cast<int>(i));
  }
  return rows;
}

std::vector<WhatIfMoment> AlignOnTime(const Trace& a, const Trace& b, const Program* program) {
  std::map<int64_t, WhatIfMoment> by_time;
  auto collect = [&](const Trace& t, bool variant) {
    for (const Event& e : t.events) {
      if (!IsMilestone(e)) continue;
      std::string text = EventText(t, e, program);
      const size_t sp = text.find(' ');  // drop "t=30ms ": the moment says it
      if (text.rfind("t=", 0) == 0 && sp != std::string::npos) text.erase(0, sp + 1);
      WhatIfMoment& m = by_time[e.t_ms];
      m.t_ms = e.t_ms;
      (variant ? m.variant : m.base).push_back(std::move(text));
    }
  };
  collect(a, false);
  collect(b, true);
  std::vector<WhatIfMoment> out;
  for (auto& [t, m] : by_time) out.push_back(std::move(m));
  return out;
}

std::optional<WhatIfComparison> CompareWhatIf(const Scenario& base, const Program& program, const Trace& base_trace,
                                              const WhatIfChange& c, Diagnostics& diags) {
  std::string error;
  std::optional<WhatIfVariant> v = ApplyChange(base, base_trace, c, &error);
  if (!v) {
    diags.ReportAt(Severity::Error, base.path, 0, 0, "what if: " + error);
    return std::nullopt;
  }
  WhatIfComparison out;
  out.change = DescribeChange(c, base, base_trace);
  RunOptions options;
  options.injected = base_trace.injected;  // live keystrokes of the unchanged run, at the same times
  Diagnostics run_diags;                    // the variant's own faults are in its trace
  out.variant_trace = RunWithInjections(program, v->scenario, v->injections, options, run_diags);
  out.variant = std::move(v->scenario);
  out.injections = std::move(v->injections);
  out.rows = CompareSummaries(base_trace, out.variant_trace);
  out.timeline = AlignOnTime(base_trace, out.variant_trace, &program);
  out.differences = static_cast<int>(std::count_if(out.rows.begin(), out.rows.end(), [](const WhatIfRow& r) { return r.differs; }));
  return out;
}

std::string WhatIfText(const WhatIfComparison& c, const std::string& base_executor) {
  std::string out = fmt::format("what if: {}\n\n", c.change);
  auto label = [](const WhatIfRow& r) {
    return r.field == WhatIfField::TaskEnd ? fmt::format("task {}", r.task) : std::string(WhatIfFieldName(r.field));
  };
  size_t w0 = 8, w1 = 4;
  for (const WhatIfRow& r : c.rows) {
    w0 = std::max(w0, label(r).size());
    w1 = std::max(w1, r.base.size());
  }
  const std::string head_base = fmt::format("before ({})", base_executor);
  w1 = std::max(w1, head_base.size());
  out += fmt::format("  {:<{}}  {:<{}}  {}\n", "", w0, head_base, w1, fmt::format("after ({})", c.variant_trace.executor));
  for (const WhatIfRow& r : c.rows)
    out += fmt::format("{} {:<{}}  {:<{}}  {}\n", r.differs ? '*' : ' ', label(r), w0, r.base, w1, r.variant);
  out += c.differences == 0 ? std::string("no difference\n")
                            : fmt::format("{} difference{} (marked *)\n", c.differences, c.differences == 1 ? "" : "s");
  out += "\ntimeline (virtual time; - before, + after, = both)\n";
  for (const WhatIfMoment& m : c.timeline) {
    out += fmt::format("t={}ms\n", m.t_ms);
    // Lines both runs have at this moment are printed once.
    std::vector<bool> used(m.variant.size(), false);
    for (const std::string& line : m.base) {
      auto it = std::find_if(m.variant.begin(), m.variant.end(), [&](const std::string& x) {
        return !used[static_cast<size_t>(&x - m.variant.data())] && x == line;
      });
      if (it != m.variant.end()) {
        used[static_cast<size_t>(it - m.variant.begin())] = true;
        out += "  = " + line + "\n";
      } else {
        out += "  - " + line + "\n";
      }
    }
    for (size_t i = 0; i < m.variant.size(); ++i)
      if (!used[i]) out += "  + " + m.variant[i] + "\n";
  }
  return out;
}

std::string WhatIfJson(const WhatIfComparison& c, const Trace& base_trace) {
  using nlohmann::ordered_json;
  auto summary = [](const Trace& t) {
    std::string first;
    const int faults = Faults(t, &first);
    return ordered_json{{"executor", t.executor},
                        {"polls", t.summary.polls},
                        {"pending", t.summary.pending},
                        {"ready", t.summary.ready},
                        {"wakes", t.summary.wakes},
                        {"end_time_ms", t.summary.end_time_ms},
                        {"end", EndReason(t.summary.end_reason)},
                        {"faults", faults},
                        {"output", t.summary.output},
                        {"events", t.events.size()}};
  };
  ordered_json j;
  j["change"] = c.change;
  j["before"] = summary(base_trace);
  j["after"] = summary(c.variant_trace);
  ordered_json rows = ordered_json::array();
  for (const WhatIfRow& r : c.rows) {
    ordered_json row{{"field", WhatIfFieldName(r.field)}};
    if (r.task >= 0) row["task"] = r.task;
    row["before"] = r.base;
    row["after"] = r.variant;
    row["differs"] = r.differs;
    rows.push_back(std::move(row));
  }
  j["rows"] = std::move(rows);
  j["differences"] = c.differences;
  ordered_json tl = ordered_json::array();
  for (const WhatIfMoment& m : c.timeline) tl.push_back({{"t_ms", m.t_ms}, {"before", m.base}, {"after", m.variant}});
  j["timeline"] = std::move(tl);
  return j.dump(2) + "\n";
}

}  // namespace aws
