// What if: one change to a loaded scenario's run (the executor, a device latency, the order of two
// completions, a spurious wake-up, a task cancelled mid-`.await`, sleep_if_idle naive or fixed),
// the run repeated with it, and the two runs compared: summaries, their differences, and both
// timelines' milestones aligned on virtual time. Pure and deterministic.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "awaitscope/diagnostics.h"
#include "awaitscope/lower.h"
#include "awaitscope/runtime.h"
#include "awaitscope/scenario.h"
#include "awaitscope/trace.h"

namespace aws {

// Something done to a task at the first moment between polls after step `after_step` of the
// unchanged run (both runs are the same event for event up to there).
struct InjectSpec {
  enum class Kind : uint8_t { SpuriousWake, Cancel };
  Kind kind = Kind::SpuriousWake;
  int task = 0;
  int64_t after_step = 0;
};

// A latency for one device request (by its id, as the trace numbers requests).
struct RequestLatencySpec {
  int64_t request = 0;
  int64_t latency_ms = 0;
};

// A device request made blocking: instead of returning Pending, the call that starts it holds the
// core for the request's latency and returns its result at once (std's blocking I/O and
// thread::sleep, in place of their async forms). `request` names one request as the trace
// numbers them; otherwise every request whose description is `what` ("read foo.txt").
struct BlockingSpec {
  int64_t request = -1;
  std::string what;
};
// What a changed run does beyond its scenario's own parameters.
struct WhatIfInjections {
  std::vector<InjectSpec> injections;
  std::vector<RequestLatencySpec> request_latencies;
  std::vector<BlockingSpec> blocking;
  bool empty() const { return injections.empty() && request_latencies.empty() && blocking.empty(); }
};

// Runs `scenario` (as RunScenario does) with `inj` applied.
Trace RunWithInjections(const Program& program, const Scenario& scenario, const WhatIfInjections& inj,
                        const RunOptions& options, Diagnostics& diags);

enum class WhatIfKind : uint8_t { Executor, Latency, SwapCompletions, SpuriousWake, Cancel, SleepIfIdle, Blocking };

struct WhatIfChange {
  WhatIfKind kind = WhatIfKind::Executor;
  std::string executor;          // Executor: busy | simple | waker | channel
  std::string target;            // Latency: read | write | read:FILE | write:FILE | op:NAME | request:N
                                 // Blocking: request:N | read:FILE | write:FILE
  int64_t latency_ms = 0;        // Latency
  int64_t request_a = -1;        // SwapCompletions: request ids as the trace numbers them
  int64_t request_b = -1;
  int task = -1;                 // SpuriousWake (-1: the task of the event at `step`), Cancel
  int64_t step = -1;             // SpuriousWake, Cancel: right after this step of the unchanged run
  bool naive = false;            // SleepIfIdle: the blog's naive version (true) or the fix
};

// One line for people: "executor: waker -> busy", "cancel task 0 after step 12".
std::string DescribeChange(const WhatIfChange& c, const Scenario& base, const Trace& base_trace);

// A change applied: the scenario the changed run uses and what is injected into it.
struct WhatIfVariant {
  Scenario scenario;
  WhatIfInjections injections;
};

// `base` with the change applied (what the repeated run uses), or nullopt with `*error` saying why
// the change does not fit this run (an unknown file, requests never in flight together, a step
// past the end, a task already finished, sleep_if_idle on another executor, no change at all).
std::optional<WhatIfVariant> ApplyChange(const Scenario& base, const Trace& base_trace, const WhatIfChange& c,
                                    std::string* error);

// What the loaded run allows changing (the window's pickers).
struct WhatIfLatencyTarget {
  std::string target;            // as WhatIfChange::target
  int64_t latency_ms = 0;        // now
};
struct WhatIfRequest {
  int64_t id = 0;
  std::string what;              // "read foo.txt"
  int64_t start_ms = 0;
  int64_t due_ms = -1;
};
struct WhatIfWait {               // a task suspended in an `.await`: its top-level poll returned Pending
  int task = 0;
  int64_t step = 0;              // the poll_end event
  int64_t t_ms = 0;
};
struct WhatIfChoices {
  std::string executor;          // the run's
  std::vector<std::string> executors;  // the others
  std::vector<WhatIfLatencyTarget> latencies;
  std::vector<std::pair<WhatIfRequest, WhatIfRequest>> swaps;  // pairs in flight together
  std::vector<WhatIfRequest> requests;
  std::vector<WhatIfRequest> blockable;  // requests a device completes after a latency (Blocking)
  std::vector<WhatIfWait> waits;
  bool sleep_if_idle = false;    // the waker executor: naive vs fixed applies
  bool naive_now = false;
};
WhatIfChoices ChoicesFor(const Scenario& base, const Trace& base_trace);

// A summary line of the comparison.
enum class WhatIfField : uint8_t { Executor, Polls, Pending, Ready, Wakes, EndTime, EndReason, Faults, Output, TaskEnd };
struct WhatIfRow {
  WhatIfField field = WhatIfField::Polls;
  int task = -1;                 // TaskEnd
  std::string base;              // as text, e.g. "5", "50 ms", "finished"
  std::string variant;
  bool differs = false;
};

// The milestones of both runs at one virtual time (device requests, wakes, prints, task ends,
// faults, what-if notes), as trace text lines.
struct WhatIfMoment {
  int64_t t_ms = 0;
  std::vector<std::string> base;
  std::vector<std::string> variant;
};

struct WhatIfComparison {
  std::string change;            // DescribeChange
  Scenario variant;              // the scenario the variant ran (Session::Reopen opens it when
  WhatIfInjections injections;   // nothing is injected)
  Trace variant_trace;
  std::vector<WhatIfRow> rows;
  std::vector<WhatIfMoment> timeline;
  int differences = 0;           // rows that differ
};

// Applies `c` to `base` (run as `base_trace`, compiled as `program`), runs the variant and compares.
// Nullopt with an error in `diags` (at the scenario file) when the change does not fit.
std::optional<WhatIfComparison> CompareWhatIf(const Scenario& base, const Program& program, const Trace& base_trace,
                                              const WhatIfChange& c, Diagnostics& diags);

// The rows and aligned timeline of two runs (CompareWhatIf's second half).
std::vector<WhatIfRow> CompareSummaries(const Trace& a, const Trace& b);
std::vector<WhatIfMoment> AlignOnTime(const Trace& a, const Trace& b, const Program* program);

const char* WhatIfFieldName(WhatIfField f);  // "polls", "end time", ... (English, JSON keys use these)

// Text and JSON of a comparison (`awaitscope whatif`): the change, the summaries side by side with
// the differing rows marked, the aligned milestones.
std::string WhatIfText(const WhatIfComparison& c, const std::string& base_executor);
std::string WhatIfJson(const WhatIfComparison& c, const Trace& base_trace);

}  // namespace aws
