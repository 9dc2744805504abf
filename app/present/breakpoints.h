// Where "run to breakpoint", "step one poll" and "next change of a task" stop: plain searches over
// the trace, so they are unit-tested without a window.
#pragma once
#include <cstdint>
#include <set>
#include <string>

#include "awaitscope/trace.h"

namespace aws::present {

enum EventBreakpoint : uint32_t {
  kBreakWake = 1u << 0,        // any waker woken
  kBreakTransition = 1u << 1,  // any state machine transition
  kBreakReady = 1u << 2,       // any poll returning Ready
  kBreakPanic = 1u << 3,       // a panic, a fault or undefined behaviour
};

struct Breakpoints {
  std::set<uint32_t> lines;  // source lines: hit by the first event of each visit to the line
  uint32_t events = 0;       // EventBreakpoint bits
  bool empty() const { return lines.empty() && events == 0; }
};

// Whether the event at `step` stops a run.
bool Hits(const Breakpoints& bp, const Trace& trace, int64_t step);
// Why it stops there, e.g. "breakpoint: line 7" or "breakpoint: any wake"; "" when it does not.
std::string HitReason(const Breakpoints& bp, const Trace& trace, int64_t step);

// The first step after `from` (or the last one before it) that hits; -1 when there is none.
int64_t NextHit(const Breakpoints& bp, const Trace& trace, int64_t from);
int64_t PrevHit(const Breakpoints& bp, const Trace& trace, int64_t from);

// The next / previous executor poll of a task (a PollBegin at depth 0); -1 when there is none.
int64_t NextPoll(const Trace& trace, int64_t from);
int64_t PrevPoll(const Trace& trace, int64_t from);

// Where Step and Step back go, by the window's choice (Settings::step_into_executor_code):
// stepping into executor code, the next / previous step; stepping over it, the next / previous
// step that is not one of executor code's line steps (exec_line). NextStep: -1 when there is
// none; PrevStep: -1 also means "before the first event", where stepping back ends.
int64_t NextStep(const Trace& trace, int64_t from, bool into_executor_code);
int64_t PrevStep(const Trace& trace, int64_t from, bool into_executor_code);
// Whether the run has executor code's line steps (a plain `fn main()` runs its executor code
// first, so its first line step is among the first events: only those are looked at).
bool HasExecutorCode(const Trace& trace);

// The next event that changes `task`'s status (scheduled, polled, idle, done) or the state of one
// of its state machines; -1 when there is none.
int64_t NextTaskChange(const Trace& trace, int task, int64_t from);

}  // namespace aws::present
