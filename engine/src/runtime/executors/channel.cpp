// The channel executor.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

// The talk's executor: a channel of tasks; a task sends itself again when woken; `run` ends
// when every sender (the spawner and each live task) is gone and the channel is empty.
void Emulator::RunChannel() {
  if (S.drop_spawner) {
    spawner_alive_ = false;
    Note(0, "drop(spawner): only the tasks' own senders remain");
  }
  for (;;) {
    while (!queue_.empty()) {
      int task = queue_.front();
      queue_.pop_front();
      Emit(EventKind::QueuePop, {.task = task, .a = static_cast<int64_t>(queue_.size())});
      if (tasks_[task].done) {
        Note(0, fmt::format("task {}'s future slot is empty (it already finished): nothing to poll", task));
        continue;
      }
      int w = NewWaker(task);  // waker_ref(&task)
      PollTask(task, w);
      DropWaker(w);
    }
    bool senders = spawner_alive_ || !AllDone();
    if (!senders) return;  // recv() fails: every sender is gone
    if (pending_.empty()) {
      std::string why = spawner_alive_ && AllDone()
                            ? "the executor waits forever in recv(): every task is finished, but the spawner "
                              "was never dropped, so the channel can still receive"
                            : "no task can ever run again: every task waits and nothing can wake it";
      throw StopRun{1, why};
    }
    Emit(EventKind::Halt, {.task = -1, .a = 0});
    halted_ = true;
    AdvanceTo(pending_.begin()->t, true);
  }
}

}  // namespace aws::emu
