#include "present/whatif.h"

#include <algorithm>

#include "present/i18n.h"

namespace aws::present {

const std::vector<WhatIfKindInfo>& WhatIfKinds() {
  static const std::vector<WhatIfKindInfo> kinds = {
      {WhatIfKind::Executor, N_("another executor")},
      {WhatIfKind::Latency, N_("a device latency")},
      {WhatIfKind::SwapCompletions, N_("two completions in the other order")},
      {WhatIfKind::SpuriousWake, N_("a spurious wake-up")},
      {WhatIfKind::Cancel, N_("a task dropped mid-.await")},
      {WhatIfKind::SleepIfIdle, N_("sleep_if_idle naive / fixed")},
      {WhatIfKind::Blocking, N_("a call made blocking")},
  };
  return kinds;
}

bool WhatIfKindAvailable(WhatIfKind kind, const WhatIfChoices& c, const Trace& trace) {
  switch (kind) {
    case WhatIfKind::Executor: return !c.executors.empty();
    case WhatIfKind::Latency: return !c.latencies.empty();
    case WhatIfKind::SwapCompletions: return !c.swaps.empty();
    case WhatIfKind::SpuriousWake: case WhatIfKind::Cancel: return !c.waits.empty() && !trace.tasks.empty();
    case WhatIfKind::SleepIfIdle: return c.sleep_if_idle;
    case WhatIfKind::Blocking: return !c.blockable.empty();
  }
  return false;
}

int64_t PickedStep(const WhatIfState& s, const WhatIfChoices& c, int64_t cursor) {
  if (s.step >= 0) return s.step;
  if (cursor >= 0) return cursor;
  for (const WhatIfWait& w : c.waits)
    if (w.task == s.task) return w.step;
  return c.waits.empty() ? 0 : c.waits.front().step;
}

WhatIfChange PickedChange(const WhatIfState& s, const WhatIfChoices& c, int64_t cursor) {
  WhatIfChange ch;
  ch.kind = s.kind;
  auto at = [](const auto& v, int i) { return std::clamp(i, 0, std::max(0, static_cast<int>(v.size()) - 1)); };
  switch (s.kind) {
    case WhatIfKind::Executor:
      if (!c.executors.empty()) ch.executor = c.executors[at(c.executors, s.executor)];
      break;
    case WhatIfKind::Latency:
      if (!c.latencies.empty()) ch.target = c.latencies[at(c.latencies, s.latency)].target;
      ch.latency_ms = s.latency_ms;
      break;
    case WhatIfKind::SwapCompletions:
      if (!c.swaps.empty()) {
        const auto& pair = c.swaps[at(c.swaps, s.swap)];
        ch.request_a = pair.first.id;
        ch.request_b = pair.second.id;
      }
      break;
    case WhatIfKind::SpuriousWake: case WhatIfKind::Cancel:
      ch.task = s.task;
      ch.step = PickedStep(s, c, cursor);
      break;
    case WhatIfKind::SleepIfIdle: ch.naive = !c.naive_now; break;
    case WhatIfKind::Blocking:
      if (!c.blockable.empty()) ch.target = "request:" + std::to_string(c.blockable[at(c.blockable, s.blocking)].id);
      break;
  }
  return ch;
}

void PickWhatIf(WhatIfState& s, const WhatIfChoices& c, WhatIfKind kind, const std::string& text, int64_t value2,
                int64_t step) {
  s.kind = kind;
  switch (kind) {
    case WhatIfKind::Executor:
      for (size_t i = 0; i < c.executors.size(); ++i)
        if (c.executors[i] == text) s.executor = static_cast<int>(i);
      break;
    case WhatIfKind::Latency:
      for (size_t i = 0; i < c.latencies.size(); ++i)
        if (c.latencies[i].target == text) s.latency = static_cast<int>(i);
      s.latency_ms = static_cast<int>(std::clamp<int64_t>(value2, 0, 1'000'000));
      break;
    case WhatIfKind::SwapCompletions: s.swap = static_cast<int>(std::clamp<int64_t>(value2, 0, 1'000'000)); break;
    case WhatIfKind::SpuriousWake: case WhatIfKind::Cancel:
      s.task = static_cast<int>(std::clamp<int64_t>(value2, 0, 1'000'000));
      s.step = step;
      break;
    case WhatIfKind::SleepIfIdle: break;
    case WhatIfKind::Blocking: s.blocking = static_cast<int>(std::clamp<int64_t>(value2, 0, 1'000'000)); break;
  }
}

void RunWhatIf(WhatIfState& s, const Session& session) {
  s.result.reset();
  s.error.clear();
  const Scenario* sc = session.scenario();
  const Program* program = session.program();
  if (!sc || !program) {
    s.error = _("this run has no scenario to run again");
    return;
  }
  const WhatIfChoices choices = ChoicesFor(*sc, session.trace());
  Diagnostics diags;
  s.result = CompareWhatIf(*sc, *program, session.trace(), PickedChange(s, choices, session.cursor()), diags);
  if (!s.result) {
    const auto& items = diags.items();
    s.error = items.empty() ? std::string(_("the change could not be run")) : items.front().message;
    return;
  }
  s.base = session.trace();
}

std::string WhatIfValueText(const WhatIfRow& row, const std::string& value) {
  if (row.field != WhatIfField::EndReason) return value;
  if (value == "finished") return _("finished");
  if (value == "faulted") return _("faulted");
  if (value == "stopped") return _("stopped");
  if (value == "idle") return _("idle");
  return value;
}

std::string WhatIfRowLabel(const WhatIfRow& row) {
  switch (row.field) {
    case WhatIfField::Executor: return _("executor");
    case WhatIfField::Polls: return _("polls");
    case WhatIfField::Pending: return _("Pending polls");
    case WhatIfField::Ready: return _("Ready polls");
    case WhatIfField::Wakes: return _("wakes");
    case WhatIfField::EndTime: return _("end time");
    case WhatIfField::EndReason: return _("end");
    case WhatIfField::Faults: return _("faults");
    case WhatIfField::Output: return _("output");
    case WhatIfField::TaskEnd: return TrFormat(N_("task {}"), row.task);
  }
  return {};
}

}  // namespace aws::present
