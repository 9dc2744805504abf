// The emulated single-core machine: an executor polls the lowered state machines, devices
// complete requests on a virtual clock and raise interrupts, wakers flow back to the executor.
// It runs a scenario to the end (or to a budget) and records every event in a Trace.
#pragma once
#include <string>
#include <vector>

#include "awaitscope/lower.h"
#include "awaitscope/scenario.h"
#include "awaitscope/trace.h"

namespace aws {

struct RunOptions {
  std::string executor;               // overrides the scenario's executor when not empty
  std::vector<KeyInput> injected;     // live keystrokes, merged with the scenario's keyboard script
  int64_t max_events = 0;             // 0: the scenario's step_budget
  int64_t max_statements_per_poll = 2'000'000;  // a poll running longer "never yields"
  int64_t max_time_ms = 24LL * 3600 * 1000;     // virtual time limit
  bool poll_after_ready = false;      // poll the first task once more after it returned Ready
};

// A spawn entry resolved against the script: the function called and its argument expressions.
struct SpawnTarget {
  std::string text;
  const FnDecl* fn = nullptr;
  ExprPtr call;  // the parsed entry (a call)
};

// Resolves the scenario's spawn entries (default `main()`); errors go to diags at the entry's
// position in the scenario file. Used by `check` and by the runtime.
std::vector<SpawnTarget> ResolveSpawns(const Program& program, const Scenario& scenario, Diagnostics& diags);

// Runs `scenario` compiled as `program`. Never throws; faults end the run with a RunEnd event
// and diagnostics in the trace. Deterministic: the same inputs give the same trace.
Trace RunScenario(const Program& program, const Scenario& scenario, const RunOptions& options, Diagnostics& diags);

}  // namespace aws
