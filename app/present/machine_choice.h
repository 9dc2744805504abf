// Which state machine the State machine and Desugared code panels show: the one the current event
// belongs to (following the task being polled), unless the user pinned one with the selector.
#pragma once
#include "awaitscope/world.h"

namespace aws::present {

struct MachineChoice {
  int machine = -1;              // index into Program::machines; -1 when there are none
  int object = -1;               // the instance shown (trace object), -1 when there is none
  const MachineView* view = nullptr;  // its state at the cursor; null before its first transition
  bool created = false;          // the instance exists at the cursor
  int state = -1;                // the state it is in: view's, else Unresumed (0) once created
  bool polling = false;          // the instance is on the poll stack at the cursor
};

// The machine of the current event (for a leaf future's event, the machine awaiting it; for
// device and CPU events, the one that moved last; before the first event, task 0's root future),
// or `pinned` (a Program::machines index, -1: follow). The instance shown is the current event's
// when it is one of that machine, else the one that moved last, else the newest one created.
MachineChoice ChooseMachine(const Session& s, int pinned);

}  // namespace aws::present
