// The simple executor.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

// The blog's SimpleExecutor: a FIFO of tasks, a dummy waker made for every poll, Pending
// tasks go to the back. Each loop iteration costs one tick.
void Emulator::RunSimple() {
  while (!queue_.empty()) {
    int task = queue_.front();
    queue_.pop_front();
    Emit(EventKind::QueuePop, {.task = task, .a = static_cast<int64_t>(queue_.size())});
    int w = NewWaker(-1);
    bool ready = PollTask(task, w);
    DropWaker(w);
    if (!ready) {
      Enqueue(task);
      AdvanceTo(now_ + kBusyTickMs, true);
    }
  }
  PollAfterReadyIfAsked();
}

}  // namespace aws::emu
