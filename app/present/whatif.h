// The What-if panel's model (no ImGui): the change picked from what the loaded run allows, and the
// last comparison (engine/include/awaitscope/whatif.h) with a copy of the run it compared, so the
// panel keeps showing it when the main run changes later.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "awaitscope/whatif.h"
#include "awaitscope/world.h"

namespace aws::present {

struct WhatIfState {
  WhatIfKind kind = WhatIfKind::Executor;
  int executor = 0;        // index into WhatIfChoices::executors
  int latency = 0;         // index into WhatIfChoices::latencies
  int latency_ms = 5;
  int swap = 0;            // index into WhatIfChoices::swaps
  int blocking = 0;        // index into WhatIfChoices::blockable
  int task = 0;
  int64_t step = -1;       // -1: the main run's cursor
  std::optional<WhatIfComparison> result;
  Trace base;              // the run `result` compares with
  std::string error;       // why the last change could not be run
};

// The kinds of change, in the panel's order, with their labels (N_ marked: translate at display).
struct WhatIfKindInfo {
  WhatIfKind kind;
  const char* label;
};
const std::vector<WhatIfKindInfo>& WhatIfKinds();

// Whether the loaded run allows a kind (two requests in flight together for a swap, a task for a
// wake-up or a cancellation, the waker executor for sleep_if_idle, another executor, ...).
bool WhatIfKindAvailable(WhatIfKind kind, const WhatIfChoices& choices, const Trace& trace);

// The change the panel's picks make. `cursor`: the main run's step, used when `step` is -1.
WhatIfChange PickedChange(const WhatIfState& s, const WhatIfChoices& choices, int64_t cursor);

// The step a wake-up or a cancellation follows: the picked one, else the cursor, else the task's
// first wait in an `.await` (the cursor before the first event, or past the task's end, names
// none).
int64_t PickedStep(const WhatIfState& s, const WhatIfChoices& choices, int64_t cursor);

// What PickWhatIf commands set (tests, scripted demos): the kind, then its parameters by kind:
// Executor `text` names it; Latency `text` a target of the choices, `value2` the ms;
// SwapCompletions `value2` the index of the request pair, Blocking the index into `blockable`;
// SpuriousWake and Cancel `value2` the task, `step` the step. Names not among the choices leave the current pick.
void PickWhatIf(WhatIfState& s, const WhatIfChoices& choices, WhatIfKind kind, const std::string& text, int64_t value2,
                int64_t step);

// Runs the picked change against the session's run: the result (or the error) goes into `s`.
void RunWhatIf(WhatIfState& s, const Session& session);

// The comparison's label of a row: "polls", "task 0", ... in the current language.
std::string WhatIfRowLabel(const WhatIfRow& row);
// A row's value as shown: how a run ended in the current language, the rest as the engine wrote it.
std::string WhatIfValueText(const WhatIfRow& row, const std::string& value);

}  // namespace aws::present
