// Plain-language narration of one trace event, for the Narration panel: a pure function of the
// trace, the program and the step (no ImGui), so tests can check the exact sentences.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "awaitscope/lower.h"
#include "awaitscope/scenario.h"
#include "awaitscope/trace.h"

namespace aws::present {

// One or two sentences about the event at `step` (e.g. "Task 0 returns Pending: main is waiting,
// so the executor moves on."). `program` supplies state labels; without it states read `s1`.
// Steps outside the trace get a sentence about where the cursor is.
std::string Narrate(const Trace& trace, const Program* program, int64_t step);

// The scenario's source ("From: <document>, <section>") and every [[note]] for `step`, one per
// line; "" when there is neither.
std::string NarrateSource(const Scenario* scenario, int64_t step);

// The narration table itself, for tests: the template of `kind`'s variant (0 = the common case;
// "" when the kind has no such variant), and the number of variants it has.
std::string_view NarrationTemplate(EventKind kind, int variant = 0);
int NarrationVariants(EventKind kind);
// True when `name` (without braces) is a placeholder Narrate knows.
bool IsNarrationPlaceholder(std::string_view name);

}  // namespace aws::present
