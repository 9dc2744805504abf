// The State machine and Desugared code panels' combo box to pin a machine or follow the current
// event (present/machine_choice.h decides which machine is shown).
#pragma once
#include "present/machine_choice.h"

namespace aws::gui {

// Draws the combo box; writes `pinned` (a Program::machines index, -1: follow).
void DrawMachineSelector(const Program& p, const present::MachineChoice& c, int& pinned);

}  // namespace aws::gui
