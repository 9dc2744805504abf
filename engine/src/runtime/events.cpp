// The trace events the runtime emits, in one place: every event goes through Emit, which stops
// the run at the step budget.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

Event Emulator::MakeEvent(EventKind k, EvArgs x) {
  Event e;
  e.t_ms = now_;
  e.kind = k;
  e.task = x.task == -2 ? cur_task_ : x.task;
  e.obj = x.obj;
  e.waker = x.waker;
  e.device = x.device;
  e.a = x.a;
  e.b = x.b;
  e.line = cur_line_;
  if (!x.text.empty() || x.has_text) e.payload = T.Intern(std::move(x.text));
  return e;
}

void Emulator::Emit(EventKind k, EvArgs x) {
  if (static_cast<int64_t>(T.events.size()) >= max_events_) {
    // The task is to blame only if its current poll used up most of the budget.
    if (depth_ > 0 && cur_task_ >= 0 && static_cast<int64_t>(T.events.size()) - poll_start_event_ > max_events_ / 2)
      throw StopRun{1, fmt::format("task {} never yielded: its poll was still running after {} events; a future must "
                                   "return Pending (reach an `.await` that waits) to let other tasks run",
                                   cur_task_, max_events_)};
    throw StopRun{2, fmt::format("stopped after {} events (the scenario's step budget)", max_events_)};
  }
  T.events.push_back(MakeEvent(k, std::move(x)));
}

void Emulator::Note(int level, std::string text) { Emit(EventKind::Diagnostic, {.a = level, .text = std::move(text)}); }

void Emulator::Fault(std::string why) { throw StopRun{1, std::move(why)}; }

// A fault of the statement executing (a bad dereference, an index out of range): reported at
// its line and column.
void Emulator::FaultHere(std::string why) { throw StopRun{1, std::move(why), cur_span_}; }

}  // namespace aws::emu
