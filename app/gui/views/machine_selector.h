// The State machine and Desugared code panels' combo box to pin a machine or a hand-written future,
// or follow the current event (present/hand_written_choice.h decides what is shown).
#pragma once
#include <vector>

#include "gui/views/views.h"
#include "present/hand_written_choice.h"

namespace aws::gui {

// The hand-written futures of `p`, computed once per loaded program.
const std::vector<present::HandWrittenEntry>& HandWrittenOf(const Program* p);

// Draws the combo box; writes `pinned` (see present::ChooseShownFuture).
void DrawMachineSelector(const Program& p, const present::ShownFuture& shown, int& pinned);

// hand_written_view.cpp: a hand-written future in the State machine panel (after the selector),
// and its `poll`'s lines with `current_line` lit (0: none).
void DrawHandWrittenFuture(ViewContext& ctx, const present::ShownFuture& shown);
void DrawPollCode(ViewContext& ctx, const present::HandWrittenEntry& e, uint32_t current_line);

}  // namespace aws::gui
