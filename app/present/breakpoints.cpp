#include "present/breakpoints.h"

#include "present/i18n.h"

#include <algorithm>
#include <optional>
#include <string>

namespace aws::present {
namespace {

std::optional<Event> At(const Trace& trace, int64_t step) {
  if (step < 0 || step >= static_cast<int64_t>(trace.events.size())) return std::nullopt;
  return trace.events[static_cast<size_t>(step)];
}

bool IsExecutorPoll(const Event& e) { return e.kind == EventKind::PollBegin && e.a == 0; }

uint32_t EventBits(const Event& e) {
  switch (e.kind) {
    case EventKind::WakerWake: return kBreakWake;
    case EventKind::Transition: return kBreakTransition;
    case EventKind::PollEnd: return e.b == 1 ? uint32_t{kBreakReady} : 0u;
    case EventKind::Panic: return kBreakPanic;
    case EventKind::RunEnd: return e.a == 1 ? uint32_t{kBreakPanic} : 0u;
    // Warnings and errors: lost wake-ups, undefined behaviour, faults.
    case EventKind::Diagnostic: return e.a >= 1 ? uint32_t{kBreakPanic} : 0u;
    default: return 0;
  }
}

// A line breakpoint stops at the first event of each visit to its line, not at every event on it.
bool EntersLine(const Trace& trace, int64_t step, uint32_t line) {
  const std::optional<Event> e = At(trace, step);
  if (!e || e->line != line || line == 0) return false;
  const std::optional<Event> prev = At(trace, step - 1);
  return !prev || prev->line != line;
}

}  // namespace

bool Hits(const Breakpoints& bp, const Trace& trace, int64_t step) { return !HitReason(bp, trace, step).empty(); }

std::string HitReason(const Breakpoints& bp, const Trace& trace, int64_t step) {
  const std::optional<Event> e = At(trace, step);
  if (!e) return "";
  if (bp.lines.count(e->line) != 0 && EntersLine(trace, step, e->line))
    return _("breakpoint: line ") + std::to_string(e->line);
  switch (EventBits(*e) & bp.events) {
    case kBreakWake: return _("breakpoint: any wake");
    case kBreakTransition: return _("breakpoint: any transition");
    case kBreakReady: return _("breakpoint: any Ready");
    case kBreakPanic: return _("breakpoint: panic, fault or warning");
    default: return "";
  }
}

int64_t NextHit(const Breakpoints& bp, const Trace& trace, int64_t from) {
  if (bp.empty()) return -1;
  const int64_t n = static_cast<int64_t>(trace.events.size());
  for (int64_t s = std::max<int64_t>(from + 1, 0); s < n; ++s)
    if (Hits(bp, trace, s)) return s;
  return -1;
}

int64_t PrevHit(const Breakpoints& bp, const Trace& trace, int64_t from) {
  if (bp.empty()) return -1;
  const int64_t n = static_cast<int64_t>(trace.events.size());
  for (int64_t s = std::min(from - 1, n - 1); s >= 0; --s)
    if (Hits(bp, trace, s)) return s;
  return -1;
}

int64_t NextPoll(const Trace& trace, int64_t from) {
  const int64_t n = static_cast<int64_t>(trace.events.size());
  for (int64_t s = std::max<int64_t>(from + 1, 0); s < n; ++s)
    if (IsExecutorPoll(trace.events[static_cast<size_t>(s)])) return s;
  return -1;
}

int64_t NextStep(const Trace& trace, int64_t from, bool into_executor_code) {
  const int64_t n = static_cast<int64_t>(trace.events.size());
  for (int64_t s = std::max<int64_t>(from + 1, 0); s < n; ++s)
    if (into_executor_code || trace.events[static_cast<size_t>(s)].kind != EventKind::ExecLine) return s;
  return -1;
}

int64_t PrevStep(const Trace& trace, int64_t from, bool into_executor_code) {
  const int64_t n = static_cast<int64_t>(trace.events.size());
  for (int64_t s = std::min(from - 1, n - 1); s >= 0; --s)
    if (into_executor_code || trace.events[static_cast<size_t>(s)].kind != EventKind::ExecLine) return s;
  return -1;
}

bool HasExecutorCode(const Trace& trace) {
  constexpr size_t kLookedAt = 64;
  for (size_t i = 0; i < trace.events.size() && i < kLookedAt; ++i)
    if (trace.events[i].kind == EventKind::ExecLine) return true;
  return false;
}

int64_t PrevPoll(const Trace& trace, int64_t from) {
  const int64_t n = static_cast<int64_t>(trace.events.size());
  for (int64_t s = std::min(from - 1, n - 1); s >= 0; --s)
    if (IsExecutorPoll(trace.events[static_cast<size_t>(s)])) return s;
  return -1;
}

int64_t NextTaskChange(const Trace& trace, int task, int64_t from) {
  const int64_t n = static_cast<int64_t>(trace.events.size());
  for (int64_t s = std::max<int64_t>(from + 1, 0); s < n; ++s) {
    const Event& e = trace.events[static_cast<size_t>(s)];
    if (e.task != task) continue;
    switch (e.kind) {
      case EventKind::Transition:
      case EventKind::QueuePush:
      case EventKind::TaskDone:
      case EventKind::Panic:
        return s;
      case EventKind::PollBegin:
      case EventKind::PollEnd:
        if (e.a == 0) return s;
        break;
      default:
        break;
    }
  }
  return -1;
}

}  // namespace aws::present
