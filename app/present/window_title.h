// The window's title: the scenario and the step, as the transport bar numbers it. Task switchers
// and screen recordings show it, and the end-to-end tests read the step from it.
#pragma once
#include <string>

#include "awaitscope/world.h"

namespace aws::present {

// "example — step 12/50 — Awaitscope": the scenario's id (else its file name without the
// extension), the cursor (-1 before the first event) and the last step. Just "Awaitscope"
// when nothing is loaded.
std::string WindowTitle(const Session& session);

}  // namespace aws::present
