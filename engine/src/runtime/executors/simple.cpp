// The simple executor (see the table in executor_kinds.cpp).
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
    EmitQueuePop(task);
    if (tasks_[task].done) {  // cancelled while it waited in the queue (a what-if)
      Note(0, fmt::format("task {} was dropped: its place in the queue is skipped", task));
      continue;
    }
    int w = NewWaker(-1);
    bool ready = PollTask(task, w);
    DropWaker(w);
    if (!ready && !tasks_[task].done) {
      Enqueue(task);
      AdvanceTo(now_ + kBusyTickMs, true);
    }
  }
  PollAfterReadyIfAsked();
}

}  // namespace aws::emu
