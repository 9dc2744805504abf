// The busy executor.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

// block_on in a loop: every iteration polls each unfinished task once and costs one tick.
void Emulator::RunBusy() {
  while (!AllDone()) {
    for (size_t i = 0; i < tasks_.size(); ++i) {
      if (tasks_[i].done) continue;
      PollTask(static_cast<int>(i), -1);
      if (!tasks_[i].done) AdvanceTo(now_ + kBusyTickMs, true);
    }
  }
  PollAfterReadyIfAsked();
}

}  // namespace aws::emu
