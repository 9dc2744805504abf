// The channel executor (see the table in executor_kinds.cpp).
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
      EmitQueuePop(task);
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
      for (size_t i = 0; i < tasks_.size(); ++i)
        if (std::string stuck = tasks_[i].done ? "" : WhyStuck(static_cast<int>(i)); !stuck.empty()) why += "; " + stuck;
      throw StopRun{1, why};
    }
    EmitHalt(false);
    halted_ = true;
    AdvanceTo(pending_.begin()->t, true);
  }
}

}  // namespace aws::emu
